"""The product search contract: what the shop asks, what a backend answers.

No Django here: the database backend and the Elasticsearch backend (a later issue) both implement
``ProductSearch``; the shop only ever calls ``integrations.registry.get_backend("search")``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar, Protocol


class SortOrder(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    PRICE_ASC = "price-asc"
    PRICE_DESC = "price-desc"
    TITLE = "title"


class Facet(StrEnum):
    """Facets a listing can ask counts for. Values of each facet in ``SearchResult.facets``:

    - CATEGORY: category primary key as a string (every category a matching product is directly in);
    - ORIGIN: customs country code (``Product.origin_country``);
    - BRAND: ``Product.brand`` as stored (grouped case-insensitively);
    - TRADE_MODE: ``"1210"`` / ``"9610"`` (``Warehouse.trade_mode`` of a stock record with a price);
    - PRICE: a bucket key from ``PRICE_BUCKETS`` (``"0-100"``, ..., ``"1000-"``), by the cheapest price;
    - IN_STOCK: ``"1"`` with the number of matching products that have stock to sell.
    """

    CATEGORY = "category"
    ORIGIN = "origin"
    BRAND = "brand"
    TRADE_MODE = "trade_mode"
    PRICE = "price"
    IN_STOCK = "in_stock"


# CNY bucket edges of the PRICE facet: [0, 100), [100, 200), ... [1000, infinity).
PRICE_BUCKETS: tuple[tuple[Decimal, Decimal | None], ...] = (
    (Decimal(0), Decimal(100)),
    (Decimal(100), Decimal(200)),
    (Decimal(200), Decimal(500)),
    (Decimal(500), Decimal(1000)),
    (Decimal(1000), None),
)


def price_bucket_key(low: Decimal, high: Decimal | None) -> str:
    return f"{low:f}-{high:f}" if high is not None else f"{low:f}-"


@dataclass(frozen=True)
class SearchQuery:
    """One page of a product listing.

    ``text`` empty means "browse": every browsable product, optionally within categories.
    ``category_ids`` are already expanded to descendants by the caller.
    ``origin_countries`` (customs country codes, ``Product.origin_country``) and ``brands``
    (``Product.brand``, exact, case-insensitive) narrow the result when given (CMS pavilion and
    brand pages, issue #11).

    Further filters (issue #13): ``trade_modes`` (``"1210"``/``"9610"``: the product has a priced
    stock record in a warehouse of that mode), ``price_min``/``price_max`` (CNY, inclusive min,
    exclusive max, on the cheapest priced stock record), ``in_stock`` (only products with stock
    to sell). ``facets`` names the facet counts wanted; each facet is counted with every filter
    applied except its own (so a shopper who ticked "Korea" still sees how many Japanese products
    there are). ``category_ids`` is the listing's scope (a category page), not a facet filter: it
    applies to every facet count, CATEGORY included.
    """

    language: str
    text: str = ""
    category_ids: tuple[int, ...] = ()
    origin_countries: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    trade_modes: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    facets: tuple[Facet, ...] = ()
    sort: SortOrder = SortOrder.RELEVANCE
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    """``facets`` maps each facet asked for to its values with a count above zero, most
    frequent first (PRICE in bucket order). ``suggestions`` is filled only when nothing matched:
    alternative queries (spelling-tolerant for Latin and Cyrillic) the page can offer."""

    product_ids: tuple[int, ...]
    total: int
    facets: Mapping[Facet, tuple[FacetValue, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """One autocomplete entry: the product title in the shopper's language (or a brand / category
    name when ``kind`` says so) and the product it leads to, if any."""

    text: str
    kind: str = "product"  # "product" | "brand" | "category"
    product_id: int | None = None


def tokenize(text: str) -> list[str]:
    """Split a query into casefolded terms. CJK text has no spaces: a run of Han, kana or Hangul
    stays one term and is matched as a substring, which is what shoppers expect for 面膜 or
    마스크 (no word segmentation in the embedded backend)."""
    return [term for term in text.casefold().split() if term]


# How many alternative queries an empty result checks for results, and offers at most
MAX_ALTERNATIVE_CHECKS = 6
MAX_ALTERNATIVES = 3


def alternative_queries(
    terms: list[str], corrections: Mapping[str, list[str]], is_cjk: Callable[[str], bool]
) -> list[str]:
    """What an empty result may offer instead, best first (both backends; each checks the
    candidates for results): every misspelt word corrected at once, then one word at a time,
    then each term of a longer query, then shorter beginnings of a CJK term (面膜纸 -> 面膜).
    ``corrections`` maps a query term to the closest catalogue words, nearest first."""
    candidates: list[str] = []
    if len([term for term in terms if term in corrections]) > 1:
        candidates.append(" ".join(corrections.get(term, [term])[0] for term in terms))
    for i, term in enumerate(terms):
        for word in corrections.get(term, []):
            candidates.append(" ".join([*terms[:i], word, *terms[i + 1 :]]))
    if len(terms) > 1:
        candidates += terms
    for term in terms:
        if is_cjk(term) and len(term) > 2:
            candidates += [term[:n] for n in range(len(term) - 1, 1, -1)]
    original = " ".join(terms)
    return [c for c in dict.fromkeys(candidates) if c != original][:MAX_ALTERNATIVE_CHECKS]


class ProductSearch(Protocol):
    embedded: ClassVar[bool]

    def search(self, query: SearchQuery) -> SearchResult:
        """Return the ids of one page of matching browsable products, in display order, and the
        total number of matches."""
        ...

    def suggest(self, language: str, prefix: str, limit: int = 8) -> tuple[Suggestion, ...]:
        """Autocomplete as the shopper types ``prefix`` (partial Korean and Japanese input
        included): browsable products first, then brands, at most ``limit`` entries."""
        ...

    def index_products(self, product_ids: Iterable[int]) -> None:
        """(Re)index these products after they changed; ids that no longer exist are removed."""
        ...
