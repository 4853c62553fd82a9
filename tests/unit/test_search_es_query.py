"""Elasticsearch requests built from SearchQuery values, and canned responses parsed back."""

from decimal import Decimal

import pytest

from integrations.search.base import (
    PRICE_BUCKETS,
    Facet,
    FacetValue,
    SearchQuery,
    SortOrder,
    Suggestion,
    price_bucket_key,
)
from integrations.search.es_query import (
    build_search,
    build_suggest,
    parse_search,
    parse_suggest,
    spelling_candidates,
)

LANGUAGES = ("zh-hans", "ko", "ja", "ru", "en")


def body(**kwargs):
    kwargs.setdefault("language", "zh-hans")
    return build_search(SearchQuery(**kwargs), LANGUAGES).to_dict()


def term_clauses(b):
    return b["query"]["bool"]["must"][0]["bool"]["must"]


def multi_match(clause):
    return next(q["multi_match"] for q in clause["bool"]["should"] if "multi_match" in q)


@pytest.mark.parametrize(
    ("language", "text", "suffix"),
    [
        ("zh-hans", "面膜", "zh_hans"),
        ("ko", "마스크", "ko"),
        ("ja", "マスク", "ja"),
        ("ru", "шоколад", "ru"),
        ("en", "chocolate", "en"),
    ],
)
def test_text_in_each_language_searches_that_language_first(language, text, suffix):
    b = body(language=language, text=text)
    (clause,) = term_clauses(b)
    match = multi_match(clause)
    assert match["query"] == text
    assert match["operator"] == "and"
    fields = match["fields"]
    # the shopper's language is boosted most, with its CJK-bigram subfield for short terms
    assert f"title_{suffix}^4" in fields
    assert f"title_{suffix}.cjk^3" in fields
    assert f"description_{suffix}^2" in fields
    # the other languages, the filed Chinese name and the brand are searched too
    others = [code for code in ("zh_hans", "ko", "ja", "ru", "en") if code != suffix]
    assert all(f"title_{code}^1.5" in fields for code in others)
    assert {"customs_name.text^2", "brand.text^3"} <= set(fields)
    phrase = b["query"]["bool"]["must"][0]["bool"]["should"][0]["match_phrase"]
    assert phrase == {f"title_{suffix}": {"query": text, "boost": 5}}


def test_every_term_must_match_somewhere():
    # a brand and a Chinese word in different fields: each term is its own must clause
    clauses = term_clauses(body(text="Mediheal  面膜"))
    assert [multi_match(c)["query"] for c in clauses] == ["mediheal", "面膜"]


def test_barcode_and_hs_code_match_exactly():
    (clause,) = term_clauses(body(text="8801234567890"))
    terms = [q["term"] for q in clause["bool"]["should"] if "term" in q]
    assert {"upc": {"value": "8801234567890", "boost": 10}} in terms
    assert {"hs_code": {"value": "8801234567890", "boost": 10}} in terms
    assert clause["bool"]["minimum_should_match"] == 1


def test_unknown_language_uses_the_default_language_fields():
    (clause,) = term_clauses(body(language="fr", text="x"))
    assert "title_zh_hans^4" in multi_match(clause)["fields"]


def test_browsing_matches_everything_newest_first_without_suggester():
    b = body()
    assert b["query"] == {"bool": {"must": [{"match_all": {}}]}}
    assert b["sort"] == [{"date_created": "desc"}, {"product_id": "desc"}]
    assert "suggest" not in b
    assert "post_filter" not in b
    assert "aggs" not in b


def test_category_scope_is_in_the_query_not_the_post_filter():
    b = body(category_ids=(4, 7))
    assert b["query"]["bool"]["filter"] == [{"terms": {"category_ids": ["4", "7"]}}]
    assert "post_filter" not in b


FILTERS = {
    Facet.ORIGIN: {"terms": {"origin_country": ["KOR", "JPN"]}},
    Facet.BRAND: {"terms": {"brand.folded": ["mediheal"]}},
    Facet.TRADE_MODE: {"terms": {"trade_modes": ["1210"]}},
    Facet.PRICE: {"range": {"min_price": {"gte": "100", "lt": "200.50"}}},
    Facet.IN_STOCK: {"term": {"in_stock": True}},
}


def filtered(**kwargs):
    return body(
        origin_countries=("KOR", "JPN"),
        brands=("MEDIHEAL",),
        trade_modes=("1210",),
        price_min=Decimal("100"),
        price_max=Decimal("200.50"),
        in_stock=True,
        **kwargs,
    )


def test_filters_go_to_the_post_filter():
    b = filtered()
    assert b["post_filter"] == {"bool": {"filter": list(FILTERS.values())}}


def test_price_filter_with_one_bound():
    assert body(price_max=Decimal("50"))["post_filter"] == {
        "bool": {"filter": [{"range": {"min_price": {"lt": "50"}}}]}
    }


@pytest.mark.parametrize("facet", list(Facet))
def test_each_facet_aggregation_applies_every_filter_but_its_own(facet):
    b = filtered(facets=(facet,), category_ids=(3,))
    applied = b["aggs"][str(facet)]["filter"]["bool"]["filter"]
    expected = [q for name, q in FILTERS.items() if name != facet]
    assert applied == expected
    # the category scope is the query's, so every facet count (CATEGORY included) has it
    assert b["query"]["bool"]["filter"] == [{"terms": {"category_ids": ["3"]}}]


def test_facet_aggregations_count_the_right_fields():
    aggs = body(facets=tuple(Facet))["aggs"]
    assert aggs["category"]["aggs"]["values"]["terms"]["field"] == "category_ids"
    assert aggs["origin"]["aggs"]["values"]["terms"]["field"] == "origin_country"
    brand = aggs["brand"]["aggs"]["values"]
    assert brand["terms"]["field"] == "brand.folded"
    assert brand["aggs"]["shown"]["terms"] == {
        "field": "brand",
        "size": 1,
        "order": {"_key": "asc"},
    }
    assert aggs["trade_mode"]["aggs"]["values"]["terms"]["field"] == "trade_modes"
    assert aggs["in_stock"]["aggs"]["values"] == {"filter": {"term": {"in_stock": True}}}
    ranges = aggs["price"]["aggs"]["values"]["range"]
    assert ranges["field"] == "min_price"
    assert ranges["ranges"] == [
        {"key": "0-100", "from": 0.0, "to": 100.0},
        {"key": "100-200", "from": 100.0, "to": 200.0},
        {"key": "200-500", "from": 200.0, "to": 500.0},
        {"key": "500-1000", "from": 500.0, "to": 1000.0},
        {"key": "1000-", "from": 1000.0},
    ]
    # without filters each facet counts everything the query matched
    assert aggs["origin"]["filter"] == {"bool": {}}


@pytest.mark.parametrize(
    ("sort", "text", "expected"),
    [
        (
            SortOrder.RELEVANCE,
            "面膜",
            [{"_score": "desc"}, {"date_created": "desc"}, {"product_id": "desc"}],
        ),
        (SortOrder.RELEVANCE, "", [{"date_created": "desc"}, {"product_id": "desc"}]),
        (SortOrder.NEWEST, "面膜", [{"date_created": "desc"}, {"product_id": "desc"}]),
        (
            SortOrder.PRICE_ASC,
            "",
            [{"min_price": {"order": "asc", "missing": "_last"}}, {"product_id": "asc"}],
        ),
        (
            SortOrder.PRICE_DESC,
            "",
            [{"min_price": {"order": "desc", "missing": "_last"}}, {"product_id": "asc"}],
        ),
        (SortOrder.TITLE, "", [{"sort_title_ko": "asc"}, {"product_id": "asc"}]),
    ],
)
def test_sort_orders(sort, text, expected):
    assert body(language="ko", text=text, sort=sort)["sort"] == expected


def test_pagination_and_exact_total():
    b = body(offset=40, limit=20)
    assert (b["from"], b["size"]) == (40, 20)
    assert b["track_total_hits"] is True
    assert b["_source"] is False


def test_text_asks_the_term_suggester_on_the_spelling_field():
    suggester = body(text="Medihel")["suggest"]["spelling"]
    assert suggester["text"] == "Medihel"
    assert suggester["term"]["field"] == "spell"


# -- responses -------------------------------------------------------------------------------


def canned_response():
    def terms(*buckets):
        return {"values": {"buckets": [{"key": k, "doc_count": n} for k, n in buckets]}}

    return {
        "hits": {"total": {"value": 42, "relation": "eq"}, "hits": [{"_id": "7"}, {"_id": "3"}]},
        "aggregations": {
            "category": terms((12, 5), (3, 9), (8, 5)),
            "origin": terms(("JPN", 2), ("KOR", 30), ("RUS", 0)),
            "brand": {
                "values": {
                    "buckets": [
                        {
                            "key": "mediheal",
                            "doc_count": 4,
                            "shown": {"buckets": [{"key": "Mediheal", "doc_count": 3}]},
                        },
                        {
                            "key": "alenka",
                            "doc_count": 4,
                            "shown": {"buckets": [{"key": "Alenka", "doc_count": 4}]},
                        },
                    ]
                }
            },
            "trade_mode": terms(("9610", 1), ("1210", 41)),
            "price": {
                "values": {
                    "buckets": [
                        {"key": "1000-", "from": 1000.0, "doc_count": 1},
                        {"key": "0-100", "from": 0.0, "to": 100.0, "doc_count": 20},
                        {"key": "100-200", "from": 100.0, "to": 200.0, "doc_count": 0},
                        {"key": "200-500", "from": 200.0, "to": 500.0, "doc_count": 21},
                        {"key": "500-1000", "from": 500.0, "to": 1000.0, "doc_count": 0},
                    ]
                }
            },
            "in_stock": {"values": {"doc_count": 17}},
        },
    }


def test_parse_hits_and_total():
    result = parse_search(SearchQuery(language="zh-hans"), canned_response())
    assert result.product_ids == (7, 3)
    assert result.total == 42
    assert dict(result.facets) == {}  # none asked for


def test_parse_facets_sorted_by_count_price_in_bucket_order():
    query = SearchQuery(language="zh-hans", facets=tuple(Facet))
    facets = parse_search(query, canned_response()).facets
    assert facets[Facet.CATEGORY] == (FacetValue("3", 9), FacetValue("12", 5), FacetValue("8", 5))
    assert facets[Facet.ORIGIN] == (FacetValue("KOR", 30), FacetValue("JPN", 2))
    # grouped case-insensitively, shown as stored; a tie is alphabetical
    assert facets[Facet.BRAND] == (FacetValue("Alenka", 4), FacetValue("Mediheal", 4))
    assert facets[Facet.TRADE_MODE] == (FacetValue("1210", 41), FacetValue("9610", 1))
    assert facets[Facet.PRICE] == (
        FacetValue(price_bucket_key(*PRICE_BUCKETS[0]), 20),
        FacetValue("200-500", 21),
        FacetValue("1000-", 1),
    )
    assert facets[Facet.IN_STOCK] == (FacetValue("1", 17),)


def test_an_empty_in_stock_count_is_left_out():
    raw = canned_response()
    raw["aggregations"]["in_stock"]["values"]["doc_count"] = 0
    query = SearchQuery(language="zh-hans", facets=(Facet.IN_STOCK,))
    assert parse_search(query, raw).facets[Facet.IN_STOCK] == ()


def test_spelling_candidates_from_the_term_suggester():
    suggest = {
        "spelling": [
            {"text": "medihel", "options": [{"text": "mediheal", "score": 0.8, "freq": 4}]},
            {"text": "mask", "options": []},
        ]
    }
    assert spelling_candidates("Medihel mask", suggest) == [
        "mediheal mask",
        "medihel",
        "mask",
    ]
    two = {
        "spelling": [
            {"text": "шоколат", "options": [{"text": "шоколад"}]},
            {"text": "аленка", "options": [{"text": "алёнка"}, {"text": "аленки"}]},
        ]
    }
    assert spelling_candidates("шоколат аленка", two)[:4] == [
        "шоколад алёнка",  # every misspelt word at once first
        "шоколад аленка",
        "шоколат алёнка",
        "шоколат аленки",
    ]


def test_cjk_term_offers_shorter_beginnings():
    assert spelling_candidates("补水面膜", {}) == ["补水面", "补水"]


# -- autocomplete ----------------------------------------------------------------------------


def test_suggest_request_uses_autocomplete_and_bigram_fields():
    b = build_suggest("ja", "マス", 8, LANGUAGES).to_dict()
    should = b["query"]["bool"]["should"]
    fields = [next(iter(clause["match"])) for clause in should]
    assert fields == [
        "title_ja.autocomplete",
        "title_ja.cjk",
        "title_zh_hans.autocomplete",  # not yet translated products
        "title_zh_hans.cjk",
    ]
    assert (
        should[0]["match"]["title_ja.autocomplete"]["boost"]
        > should[2]["match"]["title_zh_hans.autocomplete"]["boost"]
    )
    assert b["size"] == 8
    assert b["_source"] == ["title_ja", "title_zh_hans"]
    brands = b["aggs"]["brands"]
    assert brands["global"] == {}
    assert brands["aggs"]["matching"]["filter"] == {
        "match": {"brand.autocomplete": {"query": "マス", "operator": "and"}}
    }
    assert brands["aggs"]["matching"]["aggs"]["names"]["terms"]["size"] == 2


def test_parse_suggestions_products_first_then_brands():
    raw = {
        "hits": {
            "hits": [
                {
                    "_id": "5",
                    "_source": {"title_ko": "메디힐 마스크", "title_zh_hans": "美迪惠尔面膜"},
                },
                {"_id": "6", "_source": {"title_zh_hans": "美迪惠尔水乳"}},
                {"_id": "9", "_source": {"title_ko": "메디힐 크림"}},
            ]
        },
        "aggregations": {
            "brands": {
                "matching": {
                    "names": {
                        "buckets": [
                            {
                                "key": "mediheal",
                                "doc_count": 3,
                                "shown": {"buckets": [{"key": "Mediheal"}]},
                            }
                        ]
                    }
                }
            }
        },
    }
    assert parse_suggest("ko", raw, 8, LANGUAGES) == (
        Suggestion("메디힐 마스크", "product", 5),
        Suggestion("美迪惠尔水乳", "product", 6),  # the default language when untranslated
        Suggestion("메디힐 크림", "product", 9),
        Suggestion("Mediheal", "brand"),
    )
    # the limit keeps room for the brand
    assert [s.kind for s in parse_suggest("ko", raw, 2, LANGUAGES)] == ["product", "brand"]


def test_suggest_plan_folds_kana_and_plans_partial_korean():
    from integrations.search.es_query import suggest_plan

    assert suggest_plan("めでぃ") == ("メディ", None)  # as the index folds hiragana too
    assert suggest_plan("Medi ") == ("medi", None)
    assert suggest_plan("  ") == ("", None)
    typed, pattern = suggest_plan("메디힐 맛")
    assert typed == "메디힐 마"
    assert pattern.search("메디힐 마스크")
    assert not pattern.search("메디힐 마늘")
    typed, pattern = suggest_plan("쿸")
    assert typed == "쿠"
    assert pattern.search("쿠키")


def test_suggest_brand_count_follows_the_limit():
    b = build_suggest("en", "me", 12, LANGUAGES, brand_size=3).to_dict()
    assert b["aggs"]["brands"]["aggs"]["matching"]["aggs"]["names"]["terms"]["size"] == 3
    assert b["size"] == 12


def test_pages_stop_at_the_result_window():
    near = body(offset=9990, limit=20)
    assert (near["from"], near["size"]) == (9990, 10)
    beyond = body(offset=12000, limit=20)
    assert (beyond["from"], beyond["size"]) == (10000, 0)
    assert beyond["track_total_hits"] is True
