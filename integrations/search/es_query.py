"""Elasticsearch request bodies built from a ``SearchQuery`` (elasticsearch-dsl), and responses
parsed back into ``SearchResult`` / ``Suggestion``. No client and no Django: tested as data
(tests/unit/test_search_es_query.py).

- Text: every whitespace-separated term must match somewhere (like the database backend), in the
  shopper's language fields first (boosted), then every other language, the filed Chinese name,
  the brand, or exactly the barcode / HS code. The ``.cjk`` bigram subfields make one- and
  two-character CJK terms match inside longer words.
- The listing's scope (text, categories) is the ``query``; the shopper's filters (origin, brand,
  trade mode, price, in stock) are the ``post_filter``, so each facet aggregation can apply every
  filter but its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from elasticsearch.dsl import A, Q, Search

from . import db_text
from .base import (
    PRICE_BUCKETS,
    Facet,
    FacetValue,
    SearchQuery,
    SearchResult,
    SortOrder,
    Suggestion,
    alternative_queries,
    price_bucket_key,
    tokenize,
)
from .es_mapping import description_field, title_field

FACET_SIZE = {
    Facet.CATEGORY: 500,
    Facet.ORIGIN: 100,
    Facet.BRAND: 200,
    Facet.TRADE_MODE: 10,
}
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
_CJK = re.compile(
    r"^[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+$"
)


def _language(language: str, languages: tuple[str, ...]) -> str:
    return language if language in languages else languages[0]


def text_fields(language: str, languages: Iterable[str]) -> list[str]:
    """Fields a query term is looked for in, with boosts: the shopper's language first."""
    fields = []
    for other in languages:
        title, description = title_field(other), description_field(other)
        if other == language:
            fields += [f"{title}^4", f"{title}.cjk^3", f"{description}^2", f"{description}.cjk"]
        else:
            fields += [f"{title}^1.5", f"{title}.cjk", description, f"{description}.cjk^0.5"]
    return fields + ["customs_name.text^2", "customs_name.cjk", "brand.text^3"]


def term_query(term: str, language: str, languages: Iterable[str]) -> Q:
    return Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=term,
                fields=text_fields(language, languages),
                type="best_fields",
                operator="and",
            ),
            # identifiers, exactly as filed (the barcode is never analysed)
            Q("term", upc={"value": term, "boost": 10}),
            Q("term", hs_code={"value": term, "boost": 10}),
            Q("term", customs_name={"value": term, "boost": 10}),
        ],
        minimum_should_match=1,
    )


def text_query(text: str, language: str, languages: Iterable[str]) -> Q | None:
    terms = tokenize(text)
    if not terms:
        return None
    languages = tuple(languages)
    must = [term_query(term, language, languages) for term in terms]
    # the whole query as a phrase in the shopper's title ranks first (as the database backend)
    phrase = Q(
        "match_phrase",
        **{title_field(language): {"query": text.strip(), "boost": 5}},
    )
    return Q("bool", must=must, should=[phrase])


def facet_filters(query: SearchQuery) -> dict[Facet, Q]:
    """The shopper's filters by the facet they belong to (a facet count leaves its own out)."""
    filters: dict[Facet, Q] = {}
    if query.origin_countries:
        filters[Facet.ORIGIN] = Q("terms", origin_country=list(query.origin_countries))
    if query.brands:
        filters[Facet.BRAND] = Q("terms", **{"brand.folded": [b.lower() for b in query.brands]})
    if query.trade_modes:
        filters[Facet.TRADE_MODE] = Q("terms", trade_modes=[str(m) for m in query.trade_modes])
    if query.price_min is not None or query.price_max is not None:
        bounds = {}
        if query.price_min is not None:
            bounds["gte"] = f"{query.price_min:f}"
        if query.price_max is not None:
            bounds["lt"] = f"{query.price_max:f}"
        filters[Facet.PRICE] = Q("range", min_price=bounds)
    if query.in_stock:
        filters[Facet.IN_STOCK] = Q("term", in_stock=True)
    return filters


def _facet_agg(facet: Facet) -> A:
    if facet == Facet.CATEGORY:
        return A("terms", field="category_ids", size=FACET_SIZE[facet])
    if facet == Facet.ORIGIN:
        return A("terms", field="origin_country", size=FACET_SIZE[facet])
    if facet == Facet.BRAND:
        # grouped case-insensitively; shown as the first stored spelling (as the database does)
        agg = A("terms", field="brand.folded", size=FACET_SIZE[facet])
        agg.bucket("shown", "terms", field="brand", size=1, order={"_key": "asc"})
        return agg
    if facet == Facet.TRADE_MODE:
        return A("terms", field="trade_modes", size=FACET_SIZE[facet])
    if facet == Facet.PRICE:
        ranges = []
        for low, high in PRICE_BUCKETS:
            bucket = {"key": price_bucket_key(low, high), "from": float(low)}
            if high is not None:
                bucket["to"] = float(high)
            ranges.append(bucket)
        return A("range", field="min_price", ranges=ranges, keyed=False)
    if facet == Facet.IN_STOCK:
        return A("filter", Q("term", in_stock=True))
    raise ValueError(facet)  # pragma: no cover - Facet is closed


def _sort(query: SearchQuery, language: str, has_text: bool) -> list:
    if query.sort == SortOrder.PRICE_ASC:
        return [{"min_price": {"order": "asc", "missing": "_last"}}, {"product_id": "asc"}]
    if query.sort == SortOrder.PRICE_DESC:
        return [{"min_price": {"order": "desc", "missing": "_last"}}, {"product_id": "asc"}]
    if query.sort == SortOrder.TITLE:
        return [{f"sort_{title_field(language)}": "asc"}, {"product_id": "asc"}]
    newest = [{"date_created": "desc"}, {"product_id": "desc"}]
    if query.sort == SortOrder.RELEVANCE and has_text:
        return [{"_score": "desc"}, *newest]
    return newest  # NEWEST, or relevance without a query


def build_search(query: SearchQuery, languages: Iterable[str]) -> Search:
    languages = tuple(languages)
    language = _language(query.language, languages)
    text = text_query(query.text, language, languages)
    scope = []
    if query.category_ids:
        scope.append(Q("terms", category_ids=[str(pk) for pk in query.category_ids]))
    search = Search().query(Q("bool", must=[text] if text else [Q("match_all")], filter=scope))
    filters = facet_filters(query)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for facet in dict.fromkeys(query.facets):
        others = [q for name, q in filters.items() if name != facet]
        outer = A("filter", Q("bool", filter=others))
        outer.bucket("values", _facet_agg(facet))
        search.aggs.bucket(str(facet), outer)
    search = search.sort(*_sort(query, language, text is not None))
    search = search.source(False).extra(track_total_hits=True)
    # Elasticsearch refuses from + size beyond index.max_result_window: past it, totals and
    # facets only (nobody pages 500 pages deep; the listing's own paginator stops there too)
    start = min(query.offset, MAX_RESULT_WINDOW)
    search = search[start : min(query.offset + query.limit, MAX_RESULT_WINDOW)]
    if text is not None:
        search = search.suggest(
            "spelling",
            query.text.strip(),
            term={"field": "spell", "suggest_mode": "missing", "min_word_length": 3, "size": 2},
        )
    return search


def _facet_values(facet: Facet, agg: Mapping) -> tuple[FacetValue, ...]:
    values = agg["values"]
    if facet == Facet.IN_STOCK:
        rows = [("1", values["doc_count"])]
    elif facet == Facet.PRICE:
        by_key = {bucket["key"]: bucket["doc_count"] for bucket in values["buckets"]}
        rows = [
            (price_bucket_key(low, high), by_key.get(price_bucket_key(low, high), 0))
            for low, high in PRICE_BUCKETS
        ]
    else:
        rows = []
        for bucket in values["buckets"]:
            value = str(bucket["key"])
            if facet == Facet.BRAND and bucket.get("shown", {}).get("buckets"):
                value = bucket["shown"]["buckets"][0]["key"]
            rows.append((value, bucket["doc_count"]))
        rows.sort(key=lambda row: (-row[1], row[0].casefold() if facet == Facet.BRAND else row[0]))
    return tuple(FacetValue(value, count) for value, count in rows if value != "" and count > 0)


def spelling_candidates(text: str, suggest: Mapping | None) -> list[str]:
    """Alternative queries from the term suggester: every misspelt word corrected at once, then
    one word at a time; then each term of a longer query, then shorter beginnings of a CJK term
    (what the database backend offers too). Checked for results by the caller."""
    terms = tokenize(text)
    entries = (suggest or {}).get("spelling", [])
    corrections: dict[str, list[str]] = {}
    for entry in entries:
        options = [option["text"] for option in entry.get("options", [])]
        if options:
            corrections[entry["text"].casefold()] = options
    return alternative_queries(terms, corrections, lambda term: bool(_CJK.match(term)))


def parse_search(query: SearchQuery, raw: Mapping) -> SearchResult:
    hits = raw["hits"]
    total = hits["total"]["value"] if isinstance(hits["total"], Mapping) else hits["total"]
    ids = tuple(int(hit["_id"]) for hit in hits["hits"])
    aggregations = raw.get("aggregations", {})
    facets = {
        facet: _facet_values(facet, aggregations[str(facet)])
        for facet in dict.fromkeys(query.facets)
        if str(facet) in aggregations
    }
    return SearchResult(product_ids=ids, total=total, facets=MappingProxyType(facets))


def alternative_check(query: SearchQuery, candidate: str, languages: Iterable[str]) -> dict:
    """A count-only request: does ``candidate`` find anything in the same categories?"""
    probe = SearchQuery(language=query.language, text=candidate, category_ids=query.category_ids)
    search = build_search(probe, languages).extra(size=0, track_total_hits=1)
    body = search.to_dict()
    body.pop("suggest", None)
    body.pop("sort", None)
    return body


# -- autocomplete ------------------------------------------------------------------------------


def suggest_plan(prefix: str) -> tuple[str, re.Pattern | None]:
    """What to ask Elasticsearch for while the shopper types ``prefix``, and the pattern the
    answers must then match (rules of ``db_text``, shared with the database backend). Korean
    still being typed: ``맛`` may become ``마스크``, so ask for ``마`` and let the pattern decide."""
    typed = db_text.normalize(prefix)
    terms = typed.split()
    if not terms:
        return "", None
    *done, last = terms
    partial = db_text.hangul_partial(last)
    if partial is None:
        return typed, None
    return " ".join([*done, partial[0]]).strip(), db_text.partial_pattern(last)


def build_suggest(
    language: str, typed: str, size: int, languages: Iterable[str], brand_size: int = 2
) -> Search:
    languages = tuple(languages)
    language = _language(language, languages)
    titles = [title_field(language)]
    if languages[0] != language:
        titles.append(title_field(languages[0]))  # products not yet translated
    should = []
    for i, title in enumerate(titles):
        weight = 1 if i else 3
        should += [
            Q(
                "match",
                **{
                    f"{title}.autocomplete": {
                        "query": typed,
                        "operator": "and",
                        "boost": 2 * weight,
                    }
                },
            ),
            # inside a CJK word (茶 in 绿茶) as the shopper types
            Q("match", **{f"{title}.cjk": {"query": typed, "operator": "and", "boost": weight}}),
        ]
    search = (
        Search()
        .query(Q("bool", should=should, minimum_should_match=1))
        .source(titles)
        .sort({"_score": "desc"}, {"date_created": "desc"}, {"product_id": "desc"})
        .extra(size=size)
    )
    brands = A("global")
    matching = A(
        "filter",
        Q("match", **{"brand.autocomplete": {"query": typed, "operator": "and"}}),
    )
    names = A("terms", field="brand.folded", size=brand_size)
    names.bucket("shown", "terms", field="brand", size=1, order={"_key": "asc"})
    matching.bucket("names", names)
    brands.bucket("matching", matching)
    search.aggs.bucket("brands", brands)
    return search


def parse_suggest(
    language: str,
    raw: Mapping,
    limit: int,
    languages: Iterable[str],
    pattern: re.Pattern | None = None,
) -> tuple[Suggestion, ...]:
    """Products (title in the shopper's language, else the default one) first, then at most
    ``max(1, limit // 4)`` brands. ``pattern`` (Korean partial input) filters both."""
    languages = tuple(languages)
    language = _language(language, languages)

    def fits(text: str) -> bool:
        return pattern is None or bool(pattern.search(db_text.normalize(text)))

    products = []
    for hit in raw["hits"]["hits"]:
        source = hit.get("_source", {})
        text = source.get(title_field(language)) or source.get(title_field(languages[0])) or ""
        if text and fits(text):
            products.append(Suggestion(text, "product", int(hit["_id"])))
    buckets = (
        raw.get("aggregations", {})
        .get("brands", {})
        .get("matching", {})
        .get("names", {})
        .get("buckets", [])
    )
    brands = []
    for bucket in buckets:
        shown = (bucket.get("shown", {}).get("buckets") or [{"key": bucket["key"]}])[0]["key"]
        if fits(shown):
            brands.append(Suggestion(shown, "brand"))
    brands = brands[: max(1, limit // 4)]
    return tuple(products[: limit - len(brands)] + brands)[:limit]
