"""Value formats of the CEB messages (spec §2, §10).

* times: ``YYYYMMDDhhmmss`` (appTime, payTime) and ``YYYYMMDD`` (declTime, ieDate) in Beijing time;
  the spec names no time zone, Beijing time is the digest's inference (§2). Inputs must be
  timezone-aware and are converted to Asia/Shanghai, whatever their own zone.
* money (goodsValue, freight, price…): ``N19,5`` decimals written with exactly 2 places; a value
  with more than 2 significant places is refused, never rounded.
* quantities and weights: ``N19,5`` written without exponent or trailing zeros (``2``, ``0.35``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from .errors import MessageDataError

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Decimal elements that are amounts of money (RMB yuan): written with exactly two places.
MONEY_TAGS = frozenset(
    {
        "goodsValue",
        "freight",
        "discount",
        "taxTotal",
        "acturalPaid",
        "amountPaid",
        "insuredFee",
        "price",
        "totalPrice",
    }
)

_CENT = Decimal("0.01")


def beijing(value: datetime, field: str) -> datetime:
    """``value`` converted to Asia/Shanghai; naive datetimes are refused."""
    if not isinstance(value, datetime):
        raise MessageDataError(field, f"must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise MessageDataError(field, "must be a timezone-aware datetime")
    return value.astimezone(SHANGHAI)


def format_timestamp(value: datetime, field: str) -> str:
    """``YYYYMMDDhhmmss`` in Beijing time (appTime, payTime; spec §2)."""
    return beijing(value, field).strftime("%Y%m%d%H%M%S")


def format_day(value: date | datetime, field: str) -> str:
    """``YYYYMMDD`` (declTime, ieDate). A datetime is first converted to Beijing time."""
    if isinstance(value, datetime):
        value = beijing(value, field)
    elif not isinstance(value, date):
        raise MessageDataError(field, f"must be a date, got {type(value).__name__}")
    return value.strftime("%Y%m%d")


def parse_timestamp(text: str) -> datetime:
    """Inverse of ``format_timestamp``: an aware datetime in Asia/Shanghai."""
    naive = datetime.strptime(text.strip(), "%Y%m%d%H%M%S")  # noqa: DTZ007 - zone added below
    return naive.replace(tzinfo=SHANGHAI)


def parse_day(text: str) -> date:
    """Inverse of ``format_day``."""
    return datetime.strptime(text.strip(), "%Y%m%d").date()  # noqa: DTZ007 - a plain date


def as_decimal(value: object, field: str) -> Decimal:
    """``value`` as a finite Decimal; floats are refused (binary rounding), ints are exact."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise MessageDataError(field, f"must be a decimal.Decimal, got {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise MessageDataError(field, f"must be a finite number, got {number}")
    return number


def format_money(value: Decimal, field: str) -> str:
    """Exactly two decimal places (``300.00``); more significant places are an error."""
    number = as_decimal(value, field)
    cents = number.quantize(_CENT)
    if cents != number:
        raise MessageDataError(field, f"{number} has more than 2 decimal places")
    return f"{cents:f}"


def format_quantity(value: Decimal, field: str) -> str:
    """Plain notation without trailing zeros (``2``, ``0.35``, ``100``)."""
    number = as_decimal(value, field)
    text = f"{number.normalize():f}"
    return text if text != "-0" else "0"


def decimal_places(text: str) -> int:
    """Number of digits after the decimal point in a formatted number."""
    return len(text.partition(".")[2])


def total_digits(text: str) -> int:
    """Number of significant digits (for ``totalDigits``) in a formatted number."""
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    return len(digits) or 1
