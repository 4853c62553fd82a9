"""Turn a CNY amount into a labelled reference amount (issue #11). Pure: no database.

The reference amount is ``amount × rate`` rounded once, half up, to the currency's own
precision from Babel's CLDR data (KRW and JPY have none, RUB two), then formatted with Babel
for the active language. It is for display only and never flows back into an amount.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_currency, get_currency_precision
from django.utils.translation import to_locale

#: Babel locale per shop language: the country variant whose money and date habits the
#: shopper expects (CLDR's defaults for these languages, spelt out).
BABEL_LOCALES = {"zh-hans": "zh_Hans_CN", "ko": "ko_KR", "ja": "ja_JP", "ru": "ru_RU", "en": "en"}


def babel_locale(language: str) -> str:
    return BABEL_LOCALES.get(language) or to_locale(language)


@dataclass(frozen=True)
class ReferencePrice:
    amount: Decimal  # rounded to the currency's precision
    currency: str
    rate: Decimal  # units of ``currency`` per 1 CNY
    rate_date: datetime.date
    amount_display: str  # Babel, e.g. "₩28,500"
    date_display: str  # Babel medium date in the same locale


def reference_amount(amount: Decimal, rate: Decimal, currency: str) -> Decimal:
    """``amount`` CNY in ``currency`` at ``rate``, rounded half up to the currency's precision."""
    exponent = Decimal(1).scaleb(-get_currency_precision(currency))
    return (amount * rate).quantize(exponent, rounding=ROUND_HALF_UP)


def reference_price_build(
    amount, *, currency: str, rate: Decimal, rate_date: datetime.date, language: str
) -> ReferencePrice | None:
    """None for anything that is not a non-negative Decimal (or int) amount: no price, no
    reference. Floats are refused: money is Decimal."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        return None
    amount = Decimal(amount)
    if not amount.is_finite() or amount < 0:
        return None
    locale = babel_locale(language)
    converted = reference_amount(amount, rate, currency)
    return ReferencePrice(
        amount=converted,
        currency=currency,
        rate=rate,
        rate_date=rate_date,
        amount_display=format_currency(converted, currency, locale=locale),
        date_display=format_date(rate_date, format="medium", locale=locale),
    )
