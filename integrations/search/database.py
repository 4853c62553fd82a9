"""Embedded product search on the shop's own database (SQLite or PostgreSQL).

Each product keeps a casefolded ``search_text`` column with its titles and descriptions in every
language plus brand, filed Chinese name and barcode. Every query term must occur in it as a
substring (``LIKE '%term%'``): this needs no tokenizer, so Chinese, Japanese and Korean queries
work, and casefolding in Python makes Cyrillic case-insensitive on SQLite too (SQLite's LIKE only
folds ASCII). Good for a catalogue of thousands of products; Elasticsearch takes over beyond that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from django.apps import apps
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf

from .base import SearchQuery, SearchResult, SortOrder, tokenize

_TAGS = re.compile(r"<[^>]+>")


def _field_suffix(language: str) -> str:
    # modeltranslation names columns title_zh_hans, title_ko, ...
    return language.replace("-", "_")


class DatabaseProductSearch:
    embedded: ClassVar[bool] = True

    def __init__(self, languages: Iterable[str]):
        self.languages = tuple(languages)

    @property
    def _product_model(self):
        return apps.get_model("catalogue", "Product")

    def search(self, query: SearchQuery) -> SearchResult:
        Product = self._product_model
        qs = Product.objects.browsable()
        if query.category_ids:
            ProductCategory = apps.get_model("catalogue", "ProductCategory")
            qs = qs.filter(
                Exists(
                    ProductCategory.objects.filter(
                        product=OuterRef("pk"), category_id__in=query.category_ids
                    )
                )
            )
        if query.origin_countries:
            qs = qs.filter(origin_country__in=query.origin_countries)
        if query.brands:
            brand_match = Q()
            for brand in query.brands:
                brand_match |= Q(brand__iexact=brand)
            qs = qs.filter(brand_match)
        terms = tokenize(query.text)
        for term in terms:
            qs = qs.filter(search_text__contains=term)

        title = f"title_{_field_suffix(query.language)}"
        default_title = f"title_{_field_suffix(self.languages[0])}"
        display_title = Coalesce(NullIf(title, Value("")), default_title)
        if query.sort in (SortOrder.PRICE_ASC, SortOrder.PRICE_DESC):
            # The cheapest offer, as a subquery: an aggregate would GROUP BY every column.
            StockRecord = apps.get_model("partner", "StockRecord")
            price = Subquery(
                StockRecord.objects.filter(product=OuterRef("pk"), price__isnull=False)
                .order_by("price")
                .values("price")[:1]
            )
            if query.sort == SortOrder.PRICE_ASC:
                order = [price.asc(nulls_last=True), "pk"]
            else:
                order = [price.desc(nulls_last=True), "pk"]
        elif query.sort == SortOrder.TITLE:
            order = [display_title.asc(), "pk"]
        elif query.sort == SortOrder.RELEVANCE and terms:
            # Whole query in the title of the shopper's language first, then the rest.
            order = [
                Case(
                    When(Q(**{f"{title}__icontains": query.text.strip()}), then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                "-date_created",
                "-pk",
            ]
        else:  # NEWEST, or relevance without a query
            order = ["-date_created", "-pk"]

        total = qs.count()
        page = qs.order_by(*order).values_list("pk", flat=True)[
            query.offset : query.offset + query.limit
        ]
        return SearchResult(product_ids=tuple(page), total=total)

    def index_products(self, product_ids: Iterable[int]) -> None:
        Product = self._product_model
        fields = ["pk", "upc", "brand", "customs_name"]
        for language in self.languages:
            suffix = _field_suffix(language)
            fields += [f"title_{suffix}", f"description_{suffix}"]
        changed = []
        for row in Product.objects.filter(pk__in=list(product_ids)).values(*fields):
            pk = row.pop("pk")
            text = " ".join(_TAGS.sub(" ", str(value)) for value in row.values() if value)
            changed.append(Product(pk=pk, search_text=" ".join(text.casefold().split())))
        Product.objects.bulk_update(changed, ["search_text"], batch_size=500)
