"""Product cards without a query per card (issue #16).

A product card (``oscar/catalogue/partials/product.html``: price, availability, customs facts,
image, add-to-basket form) reads the product's stock record with its warehouse and customs
filing, its images, its class and whether it has options. ``card_queryset`` loads products
with all of that in three queries (product with class and option flags, stock records with
warehouse and filing, images); ``prefetch_cards`` reloads the same way products loaded elsewhere
without it (Oscar's recently-viewed list, recommendations), whatever the number of products.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch
from oscar.core.loading import get_model


def _stockrecords():
    StockRecord = get_model("partner", "StockRecord")
    return Prefetch(
        "stockrecords",
        queryset=StockRecord.objects.select_related("warehouse", "filing_record"),
    )


def card_queryset():
    """Products with what their card (and the product page) shows: the class, Oscar's option
    flags (``has_options`` without a query), stock records with warehouse and filing, images."""
    Product = get_model("catalogue", "Product")
    Option = get_model("catalogue", "Option")
    return (
        Product.objects.select_related("product_class")
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(_stockrecords(), "images")
    )


def prefetch_cards(products: Iterable) -> list:
    """``products`` as a list, each with everything a product card shows: those loaded without
    it are read again through ``card_queryset`` (three queries, whatever their number; adding
    the card data to the loaded instances took five)."""
    products = [product for product in products if product is not None]
    todo = [product.pk for product in products if not has_card_data(product)]
    if not todo:
        return products
    loaded = card_queryset().in_bulk(todo)
    return [loaded.get(product.pk, product) for product in products]


def has_card_data(product) -> bool:
    cache = getattr(product, "_prefetched_objects_cache", {})
    if "stockrecords" not in cache or "images" not in cache:
        return False
    return all(
        "warehouse" in record._state.fields_cache and "filing_record" in record._state.fields_cache
        for record in cache["stockrecords"]
    ) and hasattr(product, "has_product_options")
