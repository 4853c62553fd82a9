"""Writing the reference rate table (issue #11): one rate from the dashboard form, or many from
a CSV file. An import is all or nothing and idempotent: rows are matched by currency and date,
so importing the same file twice changes nothing the second time."""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ReferenceRate, validate_currency_code

CSV_COLUMNS = ("date", "currency", "rate")
CSV_OPTIONAL_COLUMNS = ("note",)
CSV_MAX_BYTES = 1024 * 1024
CSV_MAX_ROWS = 5000
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RATE_FIELD = ReferenceRate._meta.get_field("rate")
_NOTE_MAX = ReferenceRate._meta.get_field("note").max_length


@dataclass(frozen=True)
class RateRow:
    row: int  # line number in the file; the header is line 1
    currency: str
    rate_date: datetime.date
    rate: Decimal
    note: str | None  # None: the file has no note column, keep the stored note


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportRejected(Exception):
    """The file was refused; nothing was written. ``errors``: (row or None, message)."""

    errors: list[tuple[int | None, str]] = field(default_factory=list)


def reference_rates_parse_csv(data: bytes) -> list[RateRow]:
    """Parse and check a whole file (``date,currency,rate[,note]`` with that header, UTF-8).
    Raises ImportRejected with every problem found, each with its row number."""
    if len(data) > CSV_MAX_BYTES:
        raise ImportRejected([(None, _("The file is larger than 1 MB."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([(None, _("The file is not UTF-8 text."))]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        header = []
    columns = [name.strip().lower() for name in header]
    allowed = set(CSV_COLUMNS) | set(CSV_OPTIONAL_COLUMNS)
    if (
        not set(CSV_COLUMNS) <= set(columns)
        or not set(columns) <= allowed
        or len(columns) != len(set(columns))
    ):
        raise ImportRejected(
            [(1, _("The first row must be the header: date,currency,rate (optionally ,note)."))]
        )
    position = {name: index for index, name in enumerate(columns)}
    has_note = "note" in position
    errors: list[tuple[int | None, str]] = []
    rows: list[RateRow] = []
    first_seen: dict[tuple[str, datetime.date], int] = {}
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(rows) + len(errors) >= CSV_MAX_ROWS:
                errors.append((line, _("Too many rows: at most %(n)s.") % {"n": CSV_MAX_ROWS}))
                break
            if len(values) != len(columns):
                errors.append(
                    (
                        line,
                        _(
                            "Expected %(expected)s columns, found %(found)s (write decimals "
                            "with a dot: a comma starts a new column)."
                        )
                        % {"expected": len(columns), "found": len(values)},
                    )
                )
                continue
            row_errors, parsed = _parse_row(values, position, has_note, line)
            if row_errors:
                errors.extend((line, message) for message in row_errors)
                continue
            key = (parsed.currency, parsed.rate_date)
            if key in first_seen:
                errors.append(
                    (
                        line,
                        _("%(currency)s on %(date)s appears twice (first in row %(row)s).")
                        % {
                            "currency": parsed.currency,
                            "date": parsed.rate_date.isoformat(),
                            "row": first_seen[key],
                        },
                    )
                )
                continue
            first_seen[key] = line
            rows.append(parsed)
    except csv.Error as error:
        errors.append(
            (reader.line_num, _("The file is not valid CSV: %(error)s") % {"error": error})
        )
    if not errors and not rows:
        errors.append((None, _("The file holds no rates.")))
    if errors:
        raise ImportRejected(errors)
    return rows


def _parse_row(values, position, has_note, line) -> tuple[list[str], RateRow | None]:
    errors = []
    raw_date = values[position["date"]].strip()
    rate_date = None
    if _ISO_DATE.match(raw_date):
        try:
            rate_date = datetime.date.fromisoformat(raw_date)
        except ValueError:
            pass
    if rate_date is None:
        errors.append(_("“%(value)s” is not a date of the form YYYY-MM-DD.") % {"value": raw_date})
    currency = values[position["currency"]].strip().upper()
    try:
        validate_currency_code(currency)
    except ValidationError as error:
        errors.extend(error.messages)
    raw_rate = values[position["rate"]].strip()
    rate = _parse_rate(raw_rate)
    if rate is None:
        errors.append(
            _("“%(value)s” is not a rate: a positive number with a dot for decimals, e.g. 190.25.")
            % {"value": raw_rate}
        )
    note = values[position["note"]].strip() if has_note else None
    if note is not None and len(note) > _NOTE_MAX:
        errors.append(_("The note is longer than %(n)s characters.") % {"n": _NOTE_MAX})
    if errors:
        return errors, None
    return [], RateRow(row=line, currency=currency, rate_date=rate_date, rate=rate, note=note)


def _parse_rate(raw: str) -> Decimal | None:
    """A positive decimal that fits the rate field (at most 6 decimals), else None."""
    if not re.fullmatch(r"\d+(\.\d+)?", raw):
        return None
    try:
        rate = Decimal(raw)
    except InvalidOperation:
        return None
    exponent = rate.as_tuple().exponent
    digits_after = -exponent if exponent < 0 else 0
    digits_before = len(rate.as_tuple().digits) - digits_after
    if (
        rate <= 0
        or digits_after > _RATE_FIELD.decimal_places
        or digits_before > _RATE_FIELD.max_digits - _RATE_FIELD.decimal_places
    ):
        return None
    return rate


def reference_rates_import(rows: list[RateRow], *, user) -> ImportResult:
    """Upsert parsed rows by (currency, date) in one transaction. A row equal to the stored
    rate (same rate, and same note when the file has notes) is left untouched, so re-importing
    a file changes nothing. Commits; raises only database errors (then nothing is written)."""
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            defaults = {"rate": row.rate, "entered_by": user}
            if row.note is not None:
                defaults["note"] = row.note
            existing = (
                ReferenceRate.objects.select_for_update()
                .filter(currency=row.currency, rate_date=row.rate_date)
                .first()
            )
            if existing is None:
                ReferenceRate.objects.create(
                    currency=row.currency, rate_date=row.rate_date, **defaults
                )
                result.created += 1
            elif existing.rate == row.rate and (row.note is None or existing.note == row.note):
                result.unchanged += 1
            else:
                for name, value in defaults.items():
                    setattr(existing, name, value)
                existing.save()
                result.updated += 1
    return result


def reference_rates_sample_csv(*, today: datetime.date, rates: dict[str, Decimal]) -> str:
    """A CSV file to start from: the header and one row per currency for ``today``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, "note"])
    for currency, rate in rates.items():
        writer.writerow([today.isoformat(), currency, f"{rate.normalize():f}", ""])
    return out.getvalue()
