"""Oscar's dashboard product table with a translation-completeness column (issue #12).

The percentages come from the list's queryset annotations (shop/apps/catalogue/completeness.py,
added by ``ProductListView``), so the column makes no query per row.
"""

from django.template.loader import render_to_string
from django.utils.translation import pgettext_lazy
from django_tables2 import Column
from oscar.apps.dashboard.catalogue import tables as oscar_tables
from oscar.apps.dashboard.catalogue.tables import *  # noqa: F403

from shop.apps.catalogue import completeness


class TranslationsColumn(Column):
    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", pgettext_lazy("product list column", "Translations"))
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("accessor", "pk")
        super().__init__(**kwargs)

    def render(self, record):
        return render_to_string(
            "oscar/dashboard/catalogue/product_row_translations.html",
            {"languages": completeness.from_annotations(record)},
        )


class ProductTable(oscar_tables.ProductTable):
    translations = TranslationsColumn()

    class Meta(oscar_tables.ProductTable.Meta):
        sequence = (
            "checkbox",
            "title",
            "translations",
            "upc",
            "image",
            "product_class",
            "variants",
            "stock_records",
            "...",
            "is_public",
            "date_updated",
            "actions",
        )
