import pytest
from django.utils import translation

from tests.factories.catalogue import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_product_title_follows_the_active_language():
    product = ProductFactory(
        title_zh_hans="乐天巧克力派", title_ko="롯데 초코파이", title_ru="Чокопай"
    )
    with translation.override("ko"):
        assert product.get_title() == "롯데 초코파이"
    with translation.override("ru"):
        assert product.get_title() == "Чокопай"


def test_missing_translation_falls_back_to_chinese():
    product = ProductFactory(
        title_zh_hans="明治婴儿奶粉", title_ja="", description_zh_hans="适合0-1岁"
    )
    with translation.override("ja"):
        assert product.title == "明治婴儿奶粉"
        assert product.description == "适合0-1岁"
    with translation.override("en"):
        assert product.get_title() == "明治婴儿奶粉"


def test_category_name_is_translated_with_fallback():
    category = CategoryFactory(name="美妆", name_zh_hans="美妆", name_ko="뷰티")
    with translation.override("ko"):
        assert category.name == "뷰티"
    with translation.override("ru"):
        assert category.name == "美妆"


def test_customs_fields_are_not_translated():
    product = ProductFactory(customs_name="补水面膜", title_zh_hans="补水面膜", title_en="Mask")
    with translation.override("en"):
        assert product.title == "Mask"
        assert product.customs_name == "补水面膜"
    assert not hasattr(product, "customs_name_en")
