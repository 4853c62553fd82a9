"""The product search contract: what the shop asks, what a backend answers.

No Django here: the database backend and the Elasticsearch backend (a later issue) both implement
``ProductSearch``; the shop only ever calls ``integrations.registry.get_backend("search")``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Protocol


class SortOrder(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    PRICE_ASC = "price-asc"
    PRICE_DESC = "price-desc"
    TITLE = "title"


@dataclass(frozen=True)
class SearchQuery:
    """One page of a product listing.

    ``text`` empty means "browse": every browsable product, optionally within categories.
    ``category_ids`` are already expanded to descendants by the caller.
    ``origin_countries`` (customs country codes, ``Product.origin_country``) and ``brands``
    (``Product.brand``, exact, case-insensitive) narrow the result when given (CMS pavilion and
    brand pages, issue #11).
    """

    language: str
    text: str = ""
    category_ids: tuple[int, ...] = ()
    origin_countries: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    sort: SortOrder = SortOrder.RELEVANCE
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True)
class SearchResult:
    product_ids: tuple[int, ...]
    total: int


def tokenize(text: str) -> list[str]:
    """Split a query into casefolded terms. CJK text has no spaces: a run of Han, kana or Hangul
    stays one term and is matched as a substring, which is what shoppers expect for 面膜 or
    마스크 (no word segmentation in the embedded backend)."""
    return [term for term in text.casefold().split() if term]


class ProductSearch(Protocol):
    embedded: ClassVar[bool]

    def search(self, query: SearchQuery) -> SearchResult:
        """Return the ids of one page of matching browsable products, in display order, and the
        total number of matches."""
        ...

    def index_products(self, product_ids: Iterable[int]) -> None:
        """(Re)index these products after they changed; ids that no longer exist are removed."""
        ...
