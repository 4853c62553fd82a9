from decimal import Decimal

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from integrations.registry import get_backend
from integrations.search.base import SearchQuery, SortOrder
from tests.factories.catalogue import CategoryFactory, ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")


def search(text="", language="zh-hans", **kwargs):
    return get_backend("search").search(SearchQuery(language=language, text=text, **kwargs))


@pytest.fixture
def catalogue():
    mask = ProductFactory(
        title_zh_hans="美迪惠尔补水面膜 10片",
        title_ko="메디힐 수분 시트 마스크 10매",
        title_ru="Тканевая маска Mediheal",
        brand="Mediheal",
    )
    chocolate = ProductFactory(
        title_zh_hans="爱莲巧牛奶巧克力",
        title_ko="알룐카 밀크 초콜릿",
        title_ru="Шоколад «Алёнка» молочный",
        brand="Алёнка",
        origin_country="344",
        stockrecords__price=Decimal("25.00"),
    )
    noodles = ProductFactory(
        title_zh_hans="农心辛拉面 5连包",
        title_ko="농심 신라면 5개입",
        description_zh_hans="<p>辣味汤面，适合夜宵。</p>",
        stockrecords__price=Decimal("39.90"),
    )
    return {"mask": mask, "chocolate": chocolate, "noodles": noodles}


def test_chinese_query_matches_by_substring(catalogue):
    assert search("面膜").product_ids == (catalogue["mask"].pk,)


def test_korean_query_matches_the_korean_title(catalogue):
    assert search("마스크", language="ko").product_ids == (catalogue["mask"].pk,)


def test_cyrillic_is_case_insensitive_on_every_database(catalogue):
    # SQLite's LIKE folds ASCII only; the casefolded index makes this work there too.
    assert search("шоколад", language="ru").product_ids == (catalogue["chocolate"].pk,)
    assert search("АЛЁНКА", language="ru").product_ids == (catalogue["chocolate"].pk,)


def test_description_html_is_searchable_without_tags(catalogue):
    assert search("夜宵").product_ids == (catalogue["noodles"].pk,)
    assert search("<p>").total == 0


def test_every_term_must_match(catalogue):
    assert search("Mediheal 面膜").product_ids == (catalogue["mask"].pk,)
    assert search("Mediheal 巧克力").total == 0


def test_barcode_finds_the_product(catalogue):
    assert search(catalogue["noodles"].upc).product_ids == (catalogue["noodles"].pk,)


def test_browse_without_query_lists_only_browsable_products(catalogue):
    ProductFactory(is_public=False, title_zh_hans="隐藏商品")
    result = search()
    assert result.total == 3
    assert set(result.product_ids) == {p.pk for p in catalogue.values()}


def test_category_filter_includes_what_the_caller_expanded(catalogue):
    food = CategoryFactory(name="食品")
    snacks = CategoryFactory(name="零食", parent=food)
    chocolate = catalogue["chocolate"]
    get_model("catalogue", "ProductCategory").objects.create(product=chocolate, category=snacks)
    ids = tuple(food.get_descendants_and_self().values_list("pk", flat=True))
    assert search(category_ids=ids).product_ids == (chocolate.pk,)
    assert search(category_ids=(food.pk,)).total == 0


def test_sort_by_price_and_pagination(catalogue):
    # mask 99.00 (factory default), chocolate 25.00, noodles 39.90
    ordered = search(sort=SortOrder.PRICE_ASC).product_ids
    assert ordered == (catalogue["chocolate"].pk, catalogue["noodles"].pk, catalogue["mask"].pk)
    page2 = search(sort=SortOrder.PRICE_DESC, offset=1, limit=1)
    assert page2.product_ids == (catalogue["noodles"].pk,)
    assert page2.total == 3


def test_title_sort_uses_the_shopper_language_with_fallback(catalogue):
    for key, english in [
        ("mask", "Mediheal sheet mask"),
        ("chocolate", "Alenka chocolate"),
        ("noodles", "Nongshim Shin Ramyun"),
    ]:
        Product.objects.filter(pk=catalogue[key].pk).update(title_en=english)
    honey = ProductFactory(title_zh_hans="阿尔泰蜂蜜", title_en="")  # no English title
    result = search(sort=SortOrder.TITLE, language="en")
    assert result.product_ids == (
        catalogue["chocolate"].pk,
        catalogue["mask"].pk,
        catalogue["noodles"].pk,
        honey.pk,
    )


def test_saving_a_product_reindexes_it_after_commit(django_capture_on_commit_callbacks, settings):
    """A product's change reaches the index through the task queue after the commit (run here by
    an immediate task backend, as a worker would)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "customs"],
        }
    }
    product = ProductFactory(title_zh_hans="旧名字", indexed=False)
    with django_capture_on_commit_callbacks(execute=True):
        product.title_zh_hans = "北海道牛奶糖"
        product.save()
    assert search("牛奶糖").product_ids == (product.pk,)
    assert search("旧名字").total == 0


def test_cheapest_stockrecord_counts_for_price_sort():
    product = ProductFactory(stockrecords__price=Decimal("50.00"))
    StockRecordFactory(product=product, price=Decimal("10.00"))
    # prices reach the index through the task queue (search_index.py); here directly
    get_backend("search").index_products([product.pk])
    other = ProductFactory(stockrecords__price=Decimal("20.00"))
    with translation.override("zh-hans"):
        assert search(sort=SortOrder.PRICE_ASC).product_ids == (product.pk, other.pk)
