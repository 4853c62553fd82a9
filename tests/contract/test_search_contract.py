"""The product search contract (integrations/search/base.py), the same tests for every backend.

``database`` runs everywhere (SQLite, and PostgreSQL with DATABASE_URL set); ``elasticsearch``
needs a server (ELASTICSEARCH_URL). The catalogue is ``small_catalogue`` (five products titled
in the five languages) with a second, cheaper direct-mail offer for the sheet mask, the chocolate
sold by direct mail only and the cica cream sold out, so every facet has something to count:

    product        origin  brand           category    offers (CNY, mode)        stock
    sheet_mask     133     Mediheal        face_masks  129.00 1210, 89.00 9610   yes
    tea_tree_mask  133     Mediheal        face_masks  119.00 1210               yes
    cica_cream     133     Abib            skincare    158.00 1210               no
    chocolate      344     Krasny Oktyabr  snacks       39.90 9610               yes
    honey_cookies  133     Lotte           snacks       59.00 1210               yes
"""

import os
from decimal import Decimal

import pytest
from django.conf import settings
from oscar.core.loading import get_model

from integrations.search.base import Facet, FacetValue, SearchQuery, SortOrder
from shop.customs.codes import CountryCode, TradeMode
from tests.factories.catalogue import StockRecordFactory, WarehouseFactory, small_catalogue

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
KOREA, RUSSIA = CountryCode.KOREA.value, CountryCode.RUSSIA.value


def _database_backend():
    from integrations.search.database import DatabaseProductSearch

    return DatabaseProductSearch(languages=LANGUAGES)


def _database_text_in_every_count():
    """The database backend as it answers a query matching more than it reads into memory:
    the text match repeated in every count and in the page instead of done once."""
    from integrations.search.database import DatabaseProductSearch

    return DatabaseProductSearch(languages=LANGUAGES, matched_ids_max=0)


def _elasticsearch_backend():
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch server to run the contract on")
    from integrations.search.elasticsearch import ElasticsearchProductSearch

    return ElasticsearchProductSearch(url=url, index_prefix="test-shop", languages=LANGUAGES)


@pytest.fixture(params=["database", "database-text-in-every-count", "elasticsearch"])
def backend(request):
    return {
        "database": _database_backend,
        "database-text-in-every-count": _database_text_in_every_count,
        "elasticsearch": _elasticsearch_backend,
    }[request.param]()


@pytest.fixture
def shop(backend):
    shop = small_catalogue()
    direct_mail = WarehouseFactory(
        code="qingdao-direct", name="青岛直邮仓", trade_mode=TradeMode.DIRECT_MAIL_9610
    )
    StockRecordFactory(product=shop.sheet_mask, warehouse=direct_mail, price=Decimal("89.00"))
    get_model("partner", "StockRecord").objects.filter(product=shop.chocolate).update(
        warehouse=direct_mail
    )
    get_model("partner", "StockRecord").objects.filter(product=shop.cica_cream).update(
        num_in_stock=0
    )
    shop.all = [
        shop.sheet_mask,
        shop.tea_tree_mask,
        shop.cica_cream,
        shop.chocolate,
        shop.honey_cookies,
    ]
    backend.index_products([product.pk for product in shop.all])
    if hasattr(backend, "refresh"):  # Elasticsearch: make the writes visible to searches
        backend.refresh()
    return shop


def ids(*products):
    return {product.pk for product in products}


def found(backend, language, text="", **kwargs):
    result = backend.search(SearchQuery(language=language, text=text, **kwargs))
    assert result.total == len(result.product_ids) or kwargs.get("limit") is not None
    return set(result.product_ids)


# -- text in each language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("zh-hans", "面膜", ["sheet_mask", "tea_tree_mask"]),
        ("zh-hans", "巧克力", ["chocolate"]),
        ("ko", "마스크", ["sheet_mask", "tea_tree_mask"]),
        ("ko", "쿠키", ["honey_cookies"]),
        ("ja", "マスク", ["sheet_mask", "tea_tree_mask"]),
        ("ja", "クッキー", ["honey_cookies"]),
        ("ru", "шоколад", ["chocolate"]),
        ("ru", "ШОКОЛАД", ["chocolate"]),
        ("ru", "маска", ["sheet_mask", "tea_tree_mask"]),
        ("en", "cookies", ["honey_cookies"]),
        ("en", "Cica Cream", ["cica_cream"]),
        ("en", "mediheal", ["sheet_mask", "tea_tree_mask"]),
    ],
)
def test_each_language_finds_its_products(backend, shop, language, text, expected):
    assert found(backend, language, text) == ids(*(getattr(shop, name) for name in expected))


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("zh-hans", "茶", ["tea_tree_mask"]),  # 茶树
        ("zh-hans", "面", ["sheet_mask", "tea_tree_mask", "cica_cream"]),  # 面膜, 面霜
        ("zh-hans", "饼干", ["honey_cookies"]),
        ("ko", "크", ["sheet_mask", "tea_tree_mask", "cica_cream", "chocolate"]),
        ("ko", "크림", ["cica_cream"]),
        ("ja", "袋", ["honey_cookies"]),
    ],
)
def test_one_and_two_character_cjk_queries(backend, shop, language, text, expected):
    assert found(backend, language, text) == ids(*(getattr(shop, name) for name in expected))


def test_nothing_matches_a_word_no_product_has(backend, shop):
    result = backend.search(SearchQuery(language="en", text="zzzqqq"))
    assert (result.total, result.product_ids) == (0, ())


def test_every_term_must_match(backend, shop):
    assert found(backend, "en", "mediheal tea") == ids(shop.tea_tree_mask)
    assert found(backend, "zh-hans", "美迪惠尔 巧克力") == set()


# -- filters and facets (counts computed by hand from the table above) ----------------------------


def facets_of(backend, language="zh-hans", text="", **kwargs):
    result = backend.search(
        SearchQuery(language=language, text=text, facets=tuple(Facet), **kwargs)
    )
    return result, {facet: set(values) for facet, values in result.facets.items()}


def test_facet_counts_of_the_whole_catalogue(backend, shop):
    result, facets = facets_of(backend)
    assert result.total == 5
    assert facets[Facet.ORIGIN] == {FacetValue(KOREA, 4), FacetValue(RUSSIA, 1)}
    assert facets[Facet.BRAND] == {
        FacetValue("Mediheal", 2),
        FacetValue("Abib", 1),
        FacetValue("Krasny Oktyabr", 1),
        FacetValue("Lotte", 1),
    }
    assert facets[Facet.CATEGORY] == {
        FacetValue(str(shop.face_masks.pk), 2),
        FacetValue(str(shop.skincare.pk), 1),
        FacetValue(str(shop.snacks.pk), 2),
    }
    assert facets[Facet.TRADE_MODE] == {FacetValue("1210", 4), FacetValue("9610", 2)}
    # by the cheapest offer: the sheet mask's 89.00 puts it under 100
    assert result.facets[Facet.PRICE] == (FacetValue("0-100", 3), FacetValue("100-200", 2))
    assert facets[Facet.IN_STOCK] == {FacetValue("1", 4)}
    # most frequent first
    assert result.facets[Facet.ORIGIN][0] == FacetValue(KOREA, 4)


def test_a_facet_is_counted_without_its_own_filter(backend, shop):
    result, facets = facets_of(backend, origin_countries=(KOREA,))
    assert result.total == 4
    assert facets[Facet.ORIGIN] == {FacetValue(KOREA, 4), FacetValue(RUSSIA, 1)}
    assert facets[Facet.BRAND] == {
        FacetValue("Mediheal", 2),
        FacetValue("Abib", 1),
        FacetValue("Lotte", 1),
    }
    assert facets[Facet.TRADE_MODE] == {FacetValue("1210", 4), FacetValue("9610", 1)}
    assert facets[Facet.IN_STOCK] == {FacetValue("1", 3)}


def test_facets_follow_the_text(backend, shop):
    result, facets = facets_of(backend, "ko", "마스크")
    assert result.total == 2
    assert facets[Facet.BRAND] == {FacetValue("Mediheal", 2)}
    assert facets[Facet.PRICE] == {FacetValue("0-100", 1), FacetValue("100-200", 1)}
    assert facets[Facet.TRADE_MODE] == {FacetValue("1210", 2), FacetValue("9610", 1)}


def test_category_scope_applies_to_every_facet(backend, shop):
    scope = (shop.beauty.pk, shop.face_masks.pk, shop.skincare.pk)
    result, facets = facets_of(backend, category_ids=scope)
    assert result.total == 3
    assert facets[Facet.CATEGORY] == {
        FacetValue(str(shop.face_masks.pk), 2),
        FacetValue(str(shop.skincare.pk), 1),
    }
    assert facets[Facet.ORIGIN] == {FacetValue(KOREA, 3)}


def test_filters(backend, shop):
    assert found(backend, "en", trade_modes=("9610",)) == ids(shop.sheet_mask, shop.chocolate)
    assert found(backend, "en", in_stock=True) == ids(*shop.all) - ids(shop.cica_cream)
    assert found(backend, "en", brands=("mediheal", "LOTTE")) == ids(
        shop.sheet_mask, shop.tea_tree_mask, shop.honey_cookies
    )
    assert found(backend, "en", origin_countries=(RUSSIA,)) == ids(shop.chocolate)
    # the cheapest price, min inclusive and max exclusive: the sheet mask costs 89.00 from 9610
    assert found(backend, "en", price_min=Decimal("100"), price_max=Decimal("200")) == ids(
        shop.tea_tree_mask, shop.cica_cream
    )
    assert found(backend, "en", price_max=Decimal("59.00")) == ids(shop.chocolate)
    assert found(backend, "en", price_min=Decimal("59.00"), price_max=Decimal("100")) == ids(
        shop.honey_cookies, shop.sheet_mask
    )
    assert found(backend, "en", "mask", trade_modes=("9610",), in_stock=True) == ids(
        shop.sheet_mask
    )


# -- sorting and paging -----------------------------------------------------------------------------


def ordered(backend, sort, **kwargs):
    return backend.search(SearchQuery(language="en", sort=sort, **kwargs)).product_ids


def test_sorting_by_price_and_date(backend, shop):
    by_price = [shop.chocolate, shop.honey_cookies, shop.sheet_mask, shop.tea_tree_mask]
    by_price.append(shop.cica_cream)
    assert ordered(backend, SortOrder.PRICE_ASC) == tuple(p.pk for p in by_price)
    assert ordered(backend, SortOrder.PRICE_DESC) == tuple(p.pk for p in reversed(by_price))
    # created one after the other: newest first
    assert ordered(backend, SortOrder.NEWEST) == tuple(p.pk for p in reversed(shop.all))


def test_relevance_puts_the_shoppers_language_title_first(backend, shop):
    # "mask" is in both masks' English titles and nowhere else
    first = backend.search(SearchQuery(language="en", text="Tea Tree")).product_ids
    assert first[0] == shop.tea_tree_mask.pk


def test_pages(backend, shop):
    pages = [
        backend.search(SearchQuery(language="en", sort=SortOrder.PRICE_ASC, offset=offset, limit=2))
        for offset in (0, 2, 4, 6)
    ]
    assert [page.total for page in pages] == [5, 5, 5, 5]
    assert [page.product_ids for page in pages] == [
        (shop.chocolate.pk, shop.honey_cookies.pk),
        (shop.sheet_mask.pk, shop.tea_tree_mask.pk),
        (shop.cica_cream.pk,),
        (),
    ]


# -- autocomplete and alternatives --------------------------------------------------------------


def suggested(backend, language, prefix, kind="product"):
    return {s.product_id or s.text for s in backend.suggest(language, prefix) if s.kind == kind}


@pytest.mark.parametrize(
    ("language", "prefix", "expected"),
    [
        ("zh-hans", "美迪", ["sheet_mask", "tea_tree_mask"]),
        ("zh-hans", "巧", ["chocolate"]),
        ("ko", "마스", ["sheet_mask", "tea_tree_mask"]),
        ("ko", "맛", ["sheet_mask", "tea_tree_mask"]),  # 마스크 being typed: 마 → 맛 → 마스
        ("ko", "마ㅅ", ["sheet_mask", "tea_tree_mask"]),  # a bare consonant after 마
        ("ko", "쿸", ["honey_cookies"]),  # 쿠키 being typed: 쿠 → 쿸 → 쿠키
        ("ko", "옥", ["chocolate"]),  # a complete syllable with a tail: 옥탸브리
        ("ko", "알", ["chocolate", "sheet_mask"]),  # 알룐카, and 아쿠아링 passes through 알
        ("ko", "옥탸", ["chocolate"]),  # 옥탸브리
        ("ja", "アン", ["sheet_mask"]),  # アンプルマスク
        ("ja", "めでぃ", ["sheet_mask", "tea_tree_mask"]),  # hiragana before conversion
        ("ja", "チョコ", ["chocolate"]),
        ("ru", "шок", ["chocolate"]),
        ("en", "hon", ["honey_cookies"]),
    ],
)
def test_suggest_products_while_typing(backend, shop, language, prefix, expected):
    assert suggested(backend, language, prefix) == ids(*(getattr(shop, name) for name in expected))


def test_suggestions_are_titles_in_the_shoppers_language(backend, shop):
    entries = backend.suggest("ja", "チョコ")
    assert [(s.kind, s.text) for s in entries] == [("product", shop.chocolate.title_ja)]
    entries = backend.suggest("ko", "마스")
    assert {s.text for s in entries} == {shop.sheet_mask.title_ko, shop.tea_tree_mask.title_ko}


def test_suggest_brands_after_products(backend, shop):
    entries = backend.suggest("en", "medi")
    assert [s.kind for s in entries] == ["product", "product", "brand"]
    assert entries[-1].text == "Mediheal"
    assert len(backend.suggest("en", "medi", limit=2)) == 2


def test_suggest_ignores_products_that_are_not_browsable(backend, shop):
    shop.chocolate.is_public = False
    shop.chocolate.save()
    backend.index_products([shop.chocolate.pk])
    if hasattr(backend, "refresh"):
        backend.refresh()
    assert backend.suggest("ja", "チョコ") == ()
    assert found(backend, "ja", "チョコ") == set()


@pytest.mark.parametrize(
    ("language", "text", "alternative"),
    [
        ("en", "mediheel", "mediheal"),
        ("en", "choclate", "chocolate"),
        ("ru", "шоколат", "шоколад"),
        ("ru", "ШАКОЛАД", "шоколад"),
    ],
)
def test_an_empty_result_suggests_close_spellings(backend, shop, language, text, alternative):
    result = backend.search(SearchQuery(language=language, text=text))
    assert result.total == 0
    assert alternative in [s.casefold() for s in result.suggestions]
    assert found(backend, language, result.suggestions[0])


def test_a_result_has_no_suggestions(backend, shop):
    assert backend.search(SearchQuery(language="en", text="mediheal")).suggestions == ()


def test_index_removes_deleted_products(backend, shop):
    pk = shop.honey_cookies.pk
    shop.honey_cookies.delete()
    backend.index_products([pk])
    if hasattr(backend, "refresh"):
        backend.refresh()
    assert found(backend, "en", "cookies") == set()
