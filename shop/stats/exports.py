"""CSV and XLSX of one statistics table (issue #17). Money stays Decimal (XLSX number cells
with two decimals, CSV plain text). Text that a spreadsheet would run as a formula is escaped."""

import csv
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .tables import Table

# =1+1, +cmd, @SUM(..), a tab or CR first; "-" only when not a number ("-621018" stays)
FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?!\d))")


def cell_text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and FORMULA.match(text):
        return "'" + text
    return text


def table_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_text(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([cell_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    # sheet titles: at most 31 characters, none of []:*?/\
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", table.title)[:31] or "Sheet")
    sheet.append([str(column) for column in table.columns])
    for row in table.rows:
        cells = []
        for value in row:
            if isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "#,##0.00"
            elif isinstance(value, int):
                cell = WriteOnlyCell(sheet, value=value)
            else:
                cell = WriteOnlyCell(sheet, value=cell_text(value))
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
