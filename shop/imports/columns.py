"""The columns of the product file (issue #12): one definition shared by the template, the
exporter and the importer, so export → import round-trips.

One row is one stock record: a SKU (Oscar's ``partner_sku``, unique per merchant, the upsert key)
in one warehouse, with its price and stock, plus the goods it sells (titles and descriptions in
the five languages, customs data) and its customs filing. Oscar allows one stock record per
merchant and SKU, so the same goods in two warehouses are two rows with two SKUs and the same
barcode (one goods page); that shape has no empty "stock in warehouse X" cells to misread and
round-trips exactly.

Header cells read "<label in the merchant's language> [<key>]": people read the label, the
importer reads the key in brackets (a bare key works too), so a file made in Korean imports in
Russian.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_NAMES = {
    "zh-hans": _("Simplified Chinese"),
    "ko": _("Korean"),
    "ja": _("Japanese"),
    "ru": _("Russian"),
    "en": _("English"),
}


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy text
    group: str  # stock | product | filing
    required: bool = False


def _language_columns(field, label):
    columns = []
    for language in settings.MODELTRANSLATION_LANGUAGES:
        key = build_localized_fieldname(field, language)
        columns.append(
            Column(
                key,
                _lazy_join(label, LANGUAGE_NAMES.get(language, language)),
                "product",
                required=(field == "title" and language == settings.LANGUAGE_CODE),
            )
        )
    return columns


class _lazy_join:
    """“Title (Korean)” in the language active when it is printed."""

    def __init__(self, label, language_name):
        self.label, self.language_name = label, language_name

    def __str__(self):
        return f"{self.label} ({self.language_name})"


COLUMNS = (
    Column("sku", _("SKU"), "stock", required=True),
    Column("warehouse", _("Warehouse code"), "stock", required=True),
    Column("price", _("Price (CNY)"), "stock", required=True),
    Column("num_in_stock", _("Stock"), "stock", required=True),
    Column("product_class", _("Product type"), "product", required=True),
    Column("upc", _("Barcode (UPC/EAN)"), "product"),
    *_language_columns("title", _("Title")),
    *_language_columns("description", _("Description")),
    Column("brand", _("Brand"), "product"),
    Column("origin_country", _("Country of origin (customs code)"), "product"),
    Column("hs_code", _("HS code"), "product"),
    Column("customs_name", _("Filed Chinese goods name"), "product"),
    Column("filing_reference", _("Filing reference"), "filing"),
    Column("spec_model", _("Specification and model"), "filing"),
    Column("unit", _("Transaction unit (customs code)"), "filing"),
    Column("unit1", _("Legal first unit (customs code)"), "filing"),
    Column("qty1_per_unit", _("Legal first quantity per item"), "filing"),
    Column("net_weight_kg", _("Net weight per item (kg)"), "filing"),
    Column("gross_weight_kg", _("Gross weight per item (kg)"), "filing"),
)
BY_KEY = {column.key: column for column in COLUMNS}
KEYS = tuple(column.key for column in COLUMNS)
TITLE_KEYS = tuple(c.key for c in COLUMNS if c.key.startswith("title_"))
DESCRIPTION_KEYS = tuple(c.key for c in COLUMNS if c.key.startswith("description_"))
# Product-level cells: shared by every merchant selling the goods
PRODUCT_KEYS = tuple(c.key for c in COLUMNS if c.group == "product")
# The filing's own data (the product's customs name, HS code, origin and brand are filed too)
FILING_KEYS = ("spec_model", "unit", "unit1", "qty1_per_unit", "net_weight_kg", "gross_weight_kg")

_KEY_IN_HEADER = re.compile(r"\[([a-z0-9_]+)\]\s*$")


def header_cell(column: Column) -> str:
    return f"{column.label} [{column.key}]"


def header_row() -> list[str]:
    return [header_cell(column) for column in COLUMNS]


def key_of_header(cell) -> str | None:
    """The machine key of a header cell, or None when it names no column of ours."""
    text = str(cell or "").strip()
    match = _KEY_IN_HEADER.search(text)
    key = match.group(1) if match else text.lower()
    return key if key in BY_KEY else None


def label_of(key: str) -> str:
    column = BY_KEY.get(key)
    return str(column.label) if column else key
