"""Reading and writing the product file: XLSX with openpyxl (read-only mode, so a large
workbook is streamed, not loaded), CSV with the csv module (UTF-8, a byte-order mark tolerated
and written, so Excel opens it in the right encoding).

Everything is text: the writer types every XLSX cell as a string (a barcode keeps its leading
zeros, a title starting with "=" is not a formula); the reader turns numbers a spreadsheet
typed back into the text they show. In CSV a cell starting with = + - @ is written with a
leading apostrophe (spreadsheet formula injection) that the reader removes again.
"""

import csv
import io
import zipfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import columns

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FileError(ValidationError):
    """The file as a whole cannot be read (wrong type, no header, no SKU column …)."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(Decimal(repr(value)))
    if isinstance(value, int | Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _unescape(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        return text[1:]
    return text


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileError(_("This is not an Excel workbook (XLSX)."), code="bad_xlsx") from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(
            _("The CSV file is not UTF-8 text: save it as “CSV UTF-8”."), code="bad_csv"
        ) from error
    if "\x00" in text:
        raise FileError(_("This is not a CSV text file."), code="bad_csv")
    try:
        for values in csv.reader(io.StringIO(text, newline="")):
            yield [_unescape(value.strip()) for value in values]
    except csv.Error as error:
        raise FileError(_("The CSV file cannot be read."), code="bad_csv") from error


def read_rows(data: bytes, file_format: str) -> list[tuple[int, dict]]:
    """``[(row number in the file, {key: text})]`` of every non-empty data row; the first row is
    the header. Raises ``FileError`` for a file that cannot be read or has no SKU column."""
    raw = _xlsx_rows(data) if file_format == "xlsx" else _csv_rows(data)
    header = next(raw, None)
    if header is None:
        raise FileError(_("The file is empty."), code="empty")
    keys = [columns.key_of_header(cell) for cell in header]
    # The stock columns are always needed; a file may leave out product and filing columns
    # (kept as they are; new goods then lack their required cells, a row error).
    missing = [
        column
        for column in columns.COLUMNS
        if column.required and column.group == "stock" and column.key not in keys
    ]
    if missing:
        raise FileError(
            _("The header row lacks the column(s) %(columns)s: start from the template."),
            code="missing_columns",
            params={"columns": ", ".join(columns.header_cell(c) for c in missing)},
        )
    rows = []
    for number, values in enumerate(raw, start=2):
        if not any(values):
            continue
        row = {key: "" for key in keys if key}
        for key, value in zip(keys, values, strict=False):
            if key:
                row[key] = value
        rows.append((number, row))
    return rows


def detect_format(name: str, data: bytes) -> str | None:
    """ "xlsx" or "csv" from the file name, when the content agrees; None otherwise."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return "xlsx" if data[:4] == b"PK\x03\x04" else None
    if lower.endswith(".csv"):
        return "csv" if data[:4] != b"PK\x03\x04" else None
    return None


def write_xlsx(rows, *, help_rows=()) -> bytes:
    """An XLSX workbook of ``rows`` (header first), every cell text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("products")
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    for index, values in enumerate(rows):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # never a formula, never a number
            cell.number_format = "@"
            if index == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    if help_rows:
        notes = workbook.create_sheet("help")
        for values in help_rows:
            notes.append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _escape(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def write_csv(rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for values in rows:
        writer.writerow([_escape(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
