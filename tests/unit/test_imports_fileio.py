"""The product file's columns and reading/writing (issue #12), without the database."""

import pytest
from django.utils import translation

from shop.imports import columns, fileio


def test_header_cells_are_readable_labels_with_a_stable_key():
    with translation.override("ko"):
        ko = columns.header_row()
    with translation.override("ru"):
        ru = columns.header_row()
    assert [columns.key_of_header(cell) for cell in ko] == list(columns.KEYS)
    assert [columns.key_of_header(cell) for cell in ru] == list(columns.KEYS)
    assert ko[0].endswith("[sku]")
    assert columns.key_of_header("PRICE") == "price"  # a bare key works
    assert columns.key_of_header("Notes [mine]") is None


def test_every_language_has_a_title_and_a_description_column():
    for language in ("zh_hans", "ko", "ja", "ru", "en"):
        assert f"title_{language}" in columns.KEYS
        assert f"description_{language}" in columns.KEYS
    assert [c.key for c in columns.COLUMNS if c.required] == [
        "sku", "warehouse", "price", "num_in_stock", "product_class", "title_zh_hans",
    ]  # fmt: skip


def _rows():
    header = columns.header_row()
    values = dict.fromkeys(columns.KEYS, "")
    values.update(sku="0012", upc="0880123", title_zh_hans="=HYPERLINK(1)", price="-1")
    return [header, [values[k] for k in columns.KEYS]]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_round_trip_keeps_text_exactly(file_format):
    write = fileio.write_xlsx if file_format == "xlsx" else fileio.write_csv
    [(number, row)] = fileio.read_rows(write(_rows()), file_format)
    assert number == 2
    assert (row["sku"], row["upc"], row["title_zh_hans"], row["price"]) == (
        "0012", "0880123", "=HYPERLINK(1)", "-1",
    )  # fmt: skip


def test_csv_cells_that_look_like_formulas_are_escaped_on_export():
    text = fileio.write_csv(_rows()).decode("utf-8")
    assert text.startswith("\ufeff")
    assert "'=HYPERLINK(1)" in text
    assert "'-1" in text


def test_csv_without_bom_and_numbers_typed_by_a_spreadsheet():
    data = b"sku,warehouse,price,num_in_stock\nA-1,w,129,5\n\n,,,\nA-2,w,1.5,0\n"
    rows = fileio.read_rows(data, "csv")
    assert [n for n, _r in rows] == [2, 5]  # empty rows are skipped, numbers kept
    assert rows[1][1] == {"sku": "A-2", "warehouse": "w", "price": "1.5", "num_in_stock": "0"}
    assert fileio._cell_text(12.0) == "12"
    assert fileio._cell_text(0.05) == "0.05"


def test_file_type_comes_from_name_and_content():
    xlsx = fileio.write_xlsx(_rows())
    assert fileio.detect_format("a.XLSX", xlsx) == "xlsx"
    assert fileio.detect_format("a.csv", xlsx) is None
    assert fileio.detect_format("a.xlsx", b"sku\n") is None
    assert fileio.detect_format("a.xls", xlsx) is None
    assert fileio.detect_format("a.csv", b"sku\n") == "csv"
