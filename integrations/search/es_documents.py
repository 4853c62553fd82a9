"""Elasticsearch documents of catalogue products, read from the database in batches.

A constant number of queries per batch (products, categories with their ancestors, priced stock
records), whatever the batch size.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.db.models import F
from django.db.models.functions import Coalesce

from .es_mapping import description_field, field_suffix, title_field

_TAGS = re.compile(r"<[^>]+>")


def _model(label: str):
    return apps.get_model(*label.split("."))


def plain_text(value: str) -> str:
    """Rich text as the shopper reads it: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAGS.sub(" ", value or "")).split())


def browsable_ids() -> Iterator[int]:
    Product = _model("catalogue.Product")
    yield from Product.objects.browsable().order_by("pk").values_list("pk", flat=True).iterator()


def documents(product_ids: Iterable[int], languages: Iterable[str]) -> dict[int, dict]:
    """The documents of those of ``product_ids`` that are browsable, by product id."""
    languages = tuple(languages)
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    Product = _model("catalogue.Product")
    text_columns = []
    for language in languages:
        suffix = field_suffix(language)
        text_columns += [f"title_{suffix}", f"description_{suffix}"]
    rows = list(
        Product.objects.browsable()
        .filter(pk__in=ids)
        .values(
            "pk",
            "upc",
            "hs_code",
            "customs_name",
            "brand",
            "origin_country",
            "date_created",
            "product_class__track_stock",
            *text_columns,
        )
    )
    found = [row["pk"] for row in rows]
    categories = _categories(found)
    offers = _offers(found)
    docs = {}
    for row in rows:
        pk = row["pk"]
        direct, path = categories.get(pk, ((), ()))
        prices, modes, free = offers.get(pk, ([], set(), False))
        track_stock = row["product_class__track_stock"]
        doc = {
            "product_id": pk,
            "upc": row["upc"] or None,
            "hs_code": row["hs_code"] or None,
            "customs_name": row["customs_name"] or None,
            "brand": row["brand"] or None,
            "origin_country": row["origin_country"] or None,
            "trade_modes": sorted(modes),
            "category_ids": [str(c) for c in direct],
            "category_path_ids": [str(c) for c in path],
            # scaled_float, factor 100: whole fen, exact for two-decimal CNY prices
            "min_price": f"{min(prices):f}" if prices else None,
            # stock to sell: units not allocated to orders, or a class that does not track stock
            "in_stock": bool(free or (prices and track_stock is False)),
            "date_created": row["date_created"].isoformat() if row["date_created"] else None,
        }
        for language in languages:
            suffix = field_suffix(language)
            title = row[f"title_{suffix}"] or ""
            doc[title_field(language)] = title or None
            doc[description_field(language)] = plain_text(row[f"description_{suffix}"]) or None
            doc[f"sort_{title_field(language)}"] = (
                title or row[f"title_{field_suffix(languages[0])}"] or None
            )
        docs[pk] = doc
    return docs


def _categories(product_ids: list[int]) -> dict[int, tuple[list[int], list[int]]]:
    """Per product: its direct categories and those with every ancestor (treebeard paths)."""
    if not product_ids:
        return {}
    Category = _model("catalogue.Category")
    links = list(
        _model("catalogue.ProductCategory")
        .objects.filter(product_id__in=product_ids)
        .values_list("product_id", "category_id", "category__path")
    )
    step = Category.steplen
    ancestor_paths = {path[:end] for _p, _c, path in links for end in range(step, len(path), step)}
    ids_by_path = dict(Category.objects.filter(path__in=ancestor_paths).values_list("path", "pk"))
    direct: dict[int, set[int]] = defaultdict(set)
    full: dict[int, set[int]] = defaultdict(set)
    for product_id, category_id, path in links:
        direct[product_id].add(category_id)
        full[product_id].add(category_id)
        for end in range(step, len(path), step):
            if path[:end] in ids_by_path:
                full[product_id].add(ids_by_path[path[:end]])
    return {pk: (sorted(direct[pk]), sorted(full[pk])) for pk in direct}


def _offers(product_ids: list[int]) -> dict[int, tuple[list, set[str], bool]]:
    """Per product: prices of its priced stock records, their warehouses' trade modes, and
    whether any has units not allocated to orders."""
    if not product_ids:
        return {}
    rows = (
        _model("partner.StockRecord")
        .objects.filter(product_id__in=product_ids, price__isnull=False)
        .annotate(free=F("num_in_stock") - Coalesce(F("num_allocated"), 0))
        .values_list("product_id", "price", "warehouse__trade_mode", "free")
    )
    offers: dict[int, tuple[list, set[str], bool]] = {}
    for product_id, price, mode, free in rows:
        prices, modes, has_free = offers.get(product_id, ([], set(), False))
        prices.append(price)
        if mode:
            modes.add(str(mode))
        offers[product_id] = (prices, modes, has_free or (free is not None and free > 0))
    return offers
