"""Embedded product search on the shop's own database (SQLite or PostgreSQL).

Each product keeps a normalised ``search_text`` column (``db_text.normalize``: NFKC, casefolded,
hiragana as katakana) with its titles and descriptions in every language plus brand, filed Chinese
name and barcode, and its n-grams in ``shop_searchindex.ProductGram`` (``db_text.document_grams``:
CJK unigrams and bigrams, word trigrams and word prefixes). A query term is answered by the
products that hold all its grams - an intersection on the index's btree, so neither a 1-character
Chinese query nor a Russian word scans the product table - rechecked with a substring match on
those candidates only. Casefolding in Python makes Cyrillic case-insensitive on SQLite too.

Filters, facet counts (one GROUP BY per facet, each with every filter but its own), sorting and
paging are done by the database: a search costs a constant number of queries, at most
3 + one per facet asked for, plus a few when an empty result looks for alternatives. A text query's
matches are found once (up to MATCHED_IDS_MAX of them) and everything after reads them by key.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from types import MappingProxyType
from typing import ClassVar

from django.apps import apps
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from . import db_text
from .base import (
    MAX_ALTERNATIVES,
    PRICE_BUCKETS,
    Facet,
    FacetValue,
    SearchQuery,
    SearchResult,
    SortOrder,
    Suggestion,
    alternative_queries,
    price_bucket_key,
)

# Products read per batch while indexing; grams are written per batch too.
INDEX_BATCH = 500
# Products read to build autocomplete entries from, newest first.
SUGGEST_CANDIDATES = 200
# Matches of a text query read into memory once, and then looked up by primary key; a query
# matching more (a single Latin letter, say) keeps matching the text in every count instead.
MATCHED_IDS_MAX = 5000
# Grams of one query term looked up in the index (first, last and between).
GRAMS_PER_TERM = 3
# Vocabulary words kept for the spelling-tolerant alternatives (Latin and Cyrillic).
WORD_MIN, WORD_MAX = 3, 64


def _field_suffix(language: str) -> str:
    # modeltranslation names columns title_zh_hans, title_ko, ...
    return language.replace("-", "_")


def _model(label):
    return apps.get_model(*label.split("."))


class DatabaseProductSearch:
    embedded: ClassVar[bool] = True

    def __init__(self, languages: Iterable[str], matched_ids_max: int = MATCHED_IDS_MAX):
        self.languages = tuple(languages)
        self.matched_ids_max = matched_ids_max

    # -- search --------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        terms = db_text.normalize(query.text).split()
        scope = self._scope(query, terms)
        if terms:
            # The text match - gram probes and substring rechecks - is the costly part: done once
            # here, and what follows (filters, facet counts, the page) reads the matching
            # documents by primary key instead of matching the text again for each of them.
            ids = list(scope.values_list("product_id", flat=True)[: self.matched_ids_max + 1])
            if len(ids) <= self.matched_ids_max:
                if not ids:
                    return self._nothing(query, terms)
                scope = _model("shop_searchindex.ProductSearchDoc").objects.filter(
                    _OneOf("product_id", ids)
                )
        filters = self._filters(query)
        matching = scope.filter(*filters.values())
        facets, total = self._facets(query, scope, filters, matching)
        if total is None:
            total = matching.count()
        page = ()
        if total > query.offset and query.limit > 0:
            page = tuple(
                matching.order_by(*self._order(query, terms)).values_list("product_id", flat=True)[
                    query.offset : query.offset + query.limit
                ]
            )
        suggestions = self._alternatives(query, terms) if total == 0 and terms else ()
        return SearchResult(
            product_ids=page,
            total=total,
            facets=MappingProxyType(facets),
            suggestions=suggestions,
        )

    def _nothing(self, query: SearchQuery, terms: list[str]) -> SearchResult:
        return SearchResult(
            product_ids=(),
            total=0,
            facets=MappingProxyType({facet: () for facet in dict.fromkeys(query.facets)}),
            suggestions=self._alternatives(query, terms),
        )

    def _scope(self, query: SearchQuery, terms: list[str]):
        """Browsable products in the listing's categories matching the text - as gram rows of
        the query's most telling gram when there is text, as index documents otherwise: what
        every count shares. Both have the listing columns and ``product_id``."""
        ProductGram = _model("shop_searchindex.ProductGram")
        ProductSearchDoc = _model("shop_searchindex.ProductSearchDoc")
        grams, rechecks = _query_grams(terms)
        if grams:
            # Drive from one gram's rows (a btree range), probe the others by (gram, product).
            driver = max(grams, key=lambda g: (len(g.lstrip("^")), not g.startswith("^"), g))
            qs = ProductGram.objects.filter(gram=driver, browsable=True)
            for gram in sorted(grams - {driver}):
                qs = qs.filter(
                    Exists(ProductGram.objects.filter(gram=gram, product_id=OuterRef("product_id")))
                )
            if rechecks:
                # The candidates' text, as a scalar subquery per row (LIMIT 1 keeps PostgreSQL
                # from turning it into a join that would scan every text): only the rows the
                # grams selected are read.
                qs = qs.alias(
                    doc_text=Subquery(
                        ProductSearchDoc.objects.filter(product_id=OuterRef("product_id")).values(
                            "text"
                        )[:1]
                    )
                )
                for term in rechecks:
                    qs = qs.filter(doc_text__contains=term)
        else:
            qs = ProductSearchDoc.objects.filter(browsable=True)
            for term in rechecks:  # punctuation only: nothing to look up
                qs = qs.filter(text__contains=term)
        if query.category_ids:
            qs = qs.filter(
                Exists(
                    _model("catalogue.ProductCategory").objects.filter(
                        product_id=OuterRef("product_id"), category_id__in=query.category_ids
                    )
                )
            )
        return qs

    def _filters(self, query: SearchQuery) -> dict[Facet, Q]:
        """The shopper's filters by the facet they belong to (a facet count leaves its own out)."""
        filters: dict[Facet, Q] = {}
        if query.origin_countries:
            filters[Facet.ORIGIN] = Q(origin__in=query.origin_countries)
        if query.brands:
            filters[Facet.BRAND] = Q(brand_key__in={brand.casefold() for brand in query.brands})
        if query.trade_modes:
            modes = Q(pk__in=[])
            if TradeMode.BONDED in query.trade_modes:
                modes |= Q(bonded=True)
            if TradeMode.DIRECT_MAIL in query.trade_modes:
                modes |= Q(direct_mail=True)
            filters[Facet.TRADE_MODE] = modes
        if query.price_min is not None or query.price_max is not None:
            price = Q(cheapest__isnull=False)
            if query.price_min is not None:
                price &= Q(cheapest__gte=query.price_min)
            if query.price_max is not None:
                price &= Q(cheapest__lt=query.price_max)
            filters[Facet.PRICE] = price
        if query.in_stock:
            filters[Facet.IN_STOCK] = Q(in_stock=True)
        return filters

    def _order(self, query: SearchQuery, terms: list[str]) -> list:
        title = f"product__title_{_field_suffix(query.language)}"
        default_title = f"product__title_{_field_suffix(self.languages[0])}"
        if query.sort == SortOrder.PRICE_ASC:
            return [F("cheapest").asc(nulls_last=True), "product_id"]
        if query.sort == SortOrder.PRICE_DESC:
            return [F("cheapest").desc(nulls_last=True), "product_id"]
        if query.sort == SortOrder.TITLE:
            return [Coalesce(NullIf(title, Value("")), default_title).asc(), "product_id"]
        if query.sort == SortOrder.RELEVANCE and terms:
            # Whole query in the title of the shopper's language first, then the rest.
            return [
                Case(
                    When(Q(**{f"{title}__icontains": query.text.strip()}), then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                "-date_created",
                "-product_id",
            ]
        return ["-date_created", "-product_id"]  # NEWEST, or relevance without a query

    # -- facets --------------------------------------------------------------------------------

    def _facets(self, query, scope, filters, matching):
        """Facet counts, and the total when it came for free. Facets whose own filter is not set
        share one GROUP BY over the index rows matching every filter (which also gives the
        total); each facet whose filter is set gets its own, without that filter; categories
        are one more GROUP BY on the product-category table."""
        wanted = list(dict.fromkeys(query.facets))
        if not wanted:
            return {}, None
        facets: dict[Facet, tuple[FacetValue, ...]] = {}
        shared = [f for f in wanted if f in _COLUMN_FACETS and f not in filters]
        total = None
        if shared or Facet.CATEGORY in wanted:
            rows = _grouped(matching)
            total = sum(row["n"] for row in rows)
            for facet in shared:
                facets[facet] = _marginal(facet, rows)
        for facet in wanted:
            if facet in facets:
                continue
            others = scope.filter(*[q for name, q in filters.items() if name != facet])
            if facet == Facet.CATEGORY:
                facets[facet] = _category_counts(others)
            else:
                facets[facet] = _marginal(facet, _grouped(others, _COLUMN_FACETS[facet]))
        return {facet: facets[facet] for facet in wanted}, total

    # -- autocomplete --------------------------------------------------------------------------

    def suggest(self, language: str, prefix: str, limit: int = 8) -> tuple[Suggestion, ...]:
        typed = db_text.normalize(prefix)
        terms = typed.split()
        if not terms or limit <= 0:
            return ()
        *done, last = terms
        # Korean still being typed: 맛 may become 마스..., so look for the stem 마 in the index
        # and let the pattern decide.
        # Korean still being typed: 홍 is 홍 or may become 호… (its tail ㅇ starting the next
        # syllable): candidates hold either the last syllable as typed or its stem.
        partial = db_text.hangul_partial(last)
        readings = [[*done, last]]
        if partial and partial[0] and partial[0] != last:
            readings.append([*done, partial[0]])
        readings = [terms for terms in readings if _query_grams(terms)[0]]
        if not readings:
            return ()
        pattern = db_text.partial_pattern(last)
        title = f"product__title_{_field_suffix(language)}"
        default_title = f"product__title_{_field_suffix(self.languages[0])}"
        rows, seen = [], set()
        for terms in readings:  # one query each, at most two
            for row in (
                self._scope(SearchQuery(language=language), terms)
                .order_by("-date_created", "-product_id")
                .values(*dict.fromkeys(["product_id", title, default_title, "brand"]))
            )[:SUGGEST_CANDIDATES]:
                if row["product_id"] not in seen:
                    seen.add(row["product_id"])
                    rows.append(row)

        def matches(text):
            normal = db_text.normalize(text)
            found = pattern.search(normal)
            if not found or not all(term in normal for term in done):
                return None
            # typed from the start of the title, then from the start of a word, then inside
            start = found.start()
            return 0 if start == 0 else 1 if not normal[start - 1].isalnum() else 2

        products, brands = [], {}
        for row in rows:
            pk, brand = row["product_id"], row["brand"]
            text = row[title] or row[default_title] or ""
            rank = matches(text)
            if rank is not None:
                products.append((rank, len(products), Suggestion(text, "product", pk)))
            if brand and brand.casefold() not in brands and matches(brand) is not None:
                brands[brand.casefold()] = Suggestion(brand, "brand")
        products.sort(key=lambda entry: entry[:2])
        brand_entries = list(brands.values())[: max(1, limit // 4)]
        product_entries = [entry[2] for entry in products[: limit - len(brand_entries)]]
        return tuple(product_entries + brand_entries)[:limit]

    # -- alternatives for an empty result -----------------------------------------------------

    def _alternatives(self, query: SearchQuery, terms: list[str]) -> tuple[str, ...]:
        """Queries that do find something: misspelt Latin and Cyrillic words replaced by the
        closest words of the catalogue, a single term of a longer query, or a shorter beginning
        of a CJK term. Each is checked to have results (a bounded number of counts)."""
        candidates = alternative_queries(terms, self._spelling(terms), db_text.is_cjk)
        scope = SearchQuery(language=query.language, category_ids=query.category_ids, limit=0)
        found: list[str] = []
        for candidate in candidates:
            narrowed = self._scope(scope, candidate.split())
            if narrowed.exists():
                found.append(candidate)
                if len(found) == MAX_ALTERNATIVES:
                    break
        return tuple(found)

    def _spelling(self, terms: list[str]) -> dict[str, list[str]]:
        words = [
            term
            for term in terms
            if len(term) >= WORD_MIN and not db_text.is_cjk(term) and term.isalpha()
        ]
        if not words:
            return {}
        trigrams = {word: {word[i : i + 3] for i in range(len(word) - 2)} for word in words}
        vocabulary = (
            _model("shop_searchindex.SearchWordGram")
            .objects.filter(gram__in=set().union(*trigrams.values()))
            .values("word")
            .annotate(n=Count("gram"))
            .order_by("-n", "word")
            .values_list("word", flat=True)[:200]
        )
        vocabulary = list(vocabulary)
        return {
            word: close
            for word in words
            if (
                close := difflib.get_close_matches(
                    word, [v for v in vocabulary if v != word], n=2, cutoff=0.7
                )
            )
        }

    # -- index ---------------------------------------------------------------------------------

    def index_products(self, product_ids: Iterable[int]) -> None:
        ids = sorted(set(product_ids))
        for start in range(0, len(ids), INDEX_BATCH):
            with transaction.atomic():
                self._index_batch(ids[start : start + INDEX_BATCH])

    def _index_batch(self, ids: list[int]) -> None:
        Product = _model("catalogue.Product")
        ProductGram = _model("shop_searchindex.ProductGram")
        ProductSearchDoc = _model("shop_searchindex.ProductSearchDoc")
        SearchWordGram = _model("shop_searchindex.SearchWordGram")
        titles = [f"title_{_field_suffix(language)}" for language in self.languages]
        descriptions = [f"description_{_field_suffix(language)}" for language in self.languages]
        text_fields = ["upc", "brand", "customs_name", *titles, *descriptions]
        offers = _offers(ids)
        docs, grams, words = [], [], set()
        rows = Product.objects.filter(pk__in=ids).values(
            "pk",
            "parent_id",
            "is_public",
            "origin_country",
            "date_created",
            "product_class__track_stock",
            *text_fields,
        )
        for row in rows:
            pk = row["pk"]
            text = db_text.normalize(
                " ".join(str(row[f]) for f in text_fields if row[f]), html=True
            )
            prices = offers.get(pk, [])
            tracked = row["product_class__track_stock"] is not False
            docs.append(
                ProductSearchDoc(
                    product_id=pk,
                    browsable=row["parent_id"] is None and row["is_public"],
                    text=text,
                    origin=row["origin_country"] or "",
                    brand=row["brand"] or "",
                    brand_key=(row["brand"] or "").casefold(),
                    cheapest=min((price for price, _f, _m in prices), default=None),
                    in_stock=any(free > 0 or not tracked for _p, free, _m in prices),
                    bonded=any(mode == TradeMode.BONDED for _p, _f, mode in prices),
                    direct_mail=any(mode == TradeMode.DIRECT_MAIL for _p, _f, mode in prices),
                    date_created=row["date_created"],
                )
            )
            doc = docs[-1]
            columns = tuple(getattr(doc, name) for name in _LISTING_COLUMNS)
            grams += [(gram, pk, *columns) for gram in db_text.document_grams(text)]
            named = db_text.normalize(" ".join(row[f] for f in [*titles, "brand"] if row[f]))
            words.update(
                segment
                for segment in db_text.segments(named)
                if WORD_MIN <= len(segment) <= WORD_MAX
                and segment.isalpha()
                and not db_text.is_cjk(segment)
            )
        ProductGram.objects.filter(product_id__in=ids).delete()
        ProductSearchDoc.objects.filter(product_id__in=ids).delete()
        word_grams = {(word[i : i + 3], word) for word in words for i in range(len(word) - 2)}
        if connection.vendor == "postgresql":
            _copy(ProductGram._meta.db_table, ("gram", "product_id", *_LISTING_COLUMNS), grams)
            # the vocabulary only grows: skip words already known
            with connection.cursor() as cursor:
                cursor.execute("CREATE TEMP TABLE _new_word_gram (gram text, word text)")
            _copy("_new_word_gram", ("gram", "word"), sorted(word_grams))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {SearchWordGram._meta.db_table} (gram, word)"
                    " SELECT DISTINCT gram, word FROM _new_word_gram ON CONFLICT DO NOTHING"
                )
                cursor.execute("DROP TABLE _new_word_gram")
        else:
            ProductGram.objects.bulk_create(
                [
                    ProductGram(
                        gram=gram,
                        product_id=pk,
                        **dict(zip(_LISTING_COLUMNS, columns, strict=True)),
                    )
                    for gram, pk, *columns in grams
                ],
                batch_size=1000,
            )
            SearchWordGram.objects.bulk_create(
                [SearchWordGram(gram=gram, word=word) for gram, word in word_grams],
                batch_size=2000,
                ignore_conflicts=True,
            )
        ProductSearchDoc.objects.bulk_create(docs, batch_size=INDEX_BATCH)
        # Product.search_text (the dashboard's and CMS choosers' substring search) from the
        # index rows, in one statement
        Product.objects.filter(pk__in=ids).update(
            search_text=Subquery(
                ProductSearchDoc.objects.filter(product_id=OuterRef("pk")).values("text")[:1]
            )
        )


def _offers(ids) -> dict[int, list[tuple]]:
    """Priced stock records of these products: (price, units free to sell, trade mode)."""
    offers: dict[int, list[tuple]] = {}
    rows = (
        _model("partner.StockRecord")
        .objects.filter(product_id__in=ids, price__isnull=False)
        .values_list(
            "product_id", "price", "num_in_stock", "num_allocated", "warehouse__trade_mode"
        )
    )
    for pk, price, in_stock, allocated, mode in rows:
        offers.setdefault(pk, []).append((price, (in_stock or 0) - (allocated or 0), mode or ""))
    return offers


_LISTING_COLUMNS = (
    "browsable",
    "origin",
    "brand",
    "brand_key",
    "cheapest",
    "in_stock",
    "bonded",
    "direct_mail",
    "date_created",
)


class _OneOf(Func):
    """``column IN (ids)``, on PostgreSQL as ``column = ANY(%s)`` with the ids as one array
    parameter: a thousand placeholders cost more to send and parse than the lookups they ask."""

    output_field = BooleanField()

    def __init__(self, column: str, ids: list[int]):
        super().__init__(F(column))
        self.ids = list(ids)

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", (*params, *self.ids)

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} = ANY(%s::bigint[])", (*params, self.ids)


def _query_grams(terms: list[str]) -> tuple[set[str], list[str]]:
    """Grams every matching product holds, and the terms still to check as substrings (a term
    that is exactly one gram - 茶, 面膜, a 2-letter word start - needs no check)."""
    grams: set[str] = set()
    rechecks = []
    for term in terms:
        term_grams = sorted(db_text.query_grams(term), key=term.find)
        if len(term_grams) > GRAMS_PER_TERM:
            # enough to single out the candidates (the substring check does the rest), and
            # each gram less is one probe and one join less to plan
            step = (len(term_grams) - 1) / (GRAMS_PER_TERM - 1)
            term_grams = [term_grams[round(i * step)] for i in range(GRAMS_PER_TERM)]
        grams.update(term_grams)
        if not (len(term_grams) == 1 and term_grams[0].lstrip("^") == term):
            rechecks.append(term)
    return grams, rechecks


class TradeMode:
    BONDED, DIRECT_MAIL = "1210", "9610"


# index columns each facet is counted from
_COLUMN_FACETS = {
    Facet.ORIGIN: ("origin",),
    Facet.BRAND: ("brand_key",),
    Facet.TRADE_MODE: ("bonded", "direct_mail"),
    Facet.PRICE: ("bucket",),
    Facet.IN_STOCK: ("in_stock",),
}
_ALL_COLUMNS = ("origin", "brand_key", "bonded", "direct_mail", "bucket", "in_stock")


def _bucket():
    """The PRICE_BUCKETS index of the cheapest price (-1: no price)."""
    whens = []
    for i, (low, high) in enumerate(PRICE_BUCKETS):
        q = Q(cheapest__gte=low)
        if high is not None:
            q &= Q(cheapest__lt=high)
        whens.append(When(q, then=Value(i)))
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def _grouped(qs, columns=_ALL_COLUMNS) -> list[dict]:
    """Index rows counted by the facet columns (a few hundred groups at most)."""
    qs = qs.order_by()
    if "bucket" in columns:
        qs = qs.annotate(bucket=_bucket())
    values = list(columns)
    aggregates = {"n": Count("*")}
    if "brand_key" in columns:
        aggregates["shown"] = Min("brand")
    return list(qs.values(*values).annotate(**aggregates))


def _marginal(facet: Facet, rows: list[dict]) -> tuple[FacetValue, ...]:
    counts: dict[str, int] = {}
    if facet == Facet.ORIGIN:
        for row in rows:
            if row["origin"]:
                counts[row["origin"]] = counts.get(row["origin"], 0) + row["n"]
    elif facet == Facet.BRAND:
        shown: dict[str, str] = {}
        for row in rows:
            if row["brand_key"]:
                key = row["brand_key"]
                counts[key] = counts.get(key, 0) + row["n"]
                shown[key] = min(shown.get(key, row["shown"]), row["shown"])
        counts = {shown[key]: n for key, n in counts.items()}
    elif facet == Facet.TRADE_MODE:
        counts = {
            TradeMode.BONDED: sum(row["n"] for row in rows if row["bonded"]),
            TradeMode.DIRECT_MAIL: sum(row["n"] for row in rows if row["direct_mail"]),
        }
    elif facet == Facet.PRICE:
        by_bucket = [0] * len(PRICE_BUCKETS)
        for row in rows:
            if row["bucket"] >= 0:
                by_bucket[row["bucket"]] += row["n"]
        return tuple(
            FacetValue(price_bucket_key(*PRICE_BUCKETS[i]), n) for i, n in enumerate(by_bucket) if n
        )
    elif facet == Facet.IN_STOCK:
        counts = {"1": sum(row["n"] for row in rows if row["in_stock"])}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(FacetValue(value, n) for value, n in ordered if n)


def _category_counts(qs) -> tuple[FacetValue, ...]:
    rows = (
        _model("catalogue.ProductCategory")
        .objects.filter(product_id__in=qs.order_by().values("product_id"))
        .values("category_id")
        .annotate(n=Count("*"))
        .order_by("-n", "category_id")
        .values_list("category_id", "n")
    )
    return tuple(FacetValue(str(pk), n) for pk, n in rows)


def _copy(table: str, columns: tuple[str, ...], rows) -> None:
    """PostgreSQL COPY: tens of thousands of gram rows a second, where INSERTs crawl."""
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
