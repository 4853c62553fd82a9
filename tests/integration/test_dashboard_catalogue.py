"""Merchants and staff edit every language and the customs fields in Oscar's dashboard."""

import pytest
from django.utils import translation
from oscar.core.loading import get_class, get_model

from tests.factories.catalogue import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
CategoryForm = get_class("dashboard.catalogue.forms", "CategoryForm")
Category = get_model("catalogue", "Category")


def test_dashboard_loads_our_forms():
    assert ProductForm.__module__ == "shop.apps.dashboard.catalogue.forms"
    assert CategoryForm.__module__ == "shop.apps.dashboard.catalogue.forms"


def test_product_form_saves_all_languages_and_customs_fields():
    product = ProductFactory()
    data = {
        "title_zh_hans": "乐天木糖醇口香糖",
        "title_ko": "롯데 자일리톨 껌",
        "title_ja": "ロッテ キシリトールガム",
        "title_ru": "Жевательная резинка Lotte Xylitol",
        "title_en": "Lotte Xylitol gum",
        "upc": "8801062000018",
        "brand": "Lotte",
        "customs_name": "乐天木糖醇口香糖",
        "hs_code": "1704100000",
        "origin_country": "133",
        "description_zh_hans": "无糖口香糖。",
        "structure": "standalone",
        "is_public": "on",
    }
    with translation.override("ko"):
        form = ProductForm(product.product_class, data=data, instance=product)
        assert form.is_valid(), form.errors
        form.save()
    product.refresh_from_db()
    assert (product.title_ko, product.title_ru) == (
        "롯데 자일리톨 껌",
        "Жевательная резинка Lotte Xylitol",
    )
    assert (product.hs_code, product.origin_country, product.brand) == (
        "1704100000",
        "133",
        "Lotte",
    )


def test_product_form_requires_the_chinese_title_and_a_valid_hs_code():
    product = ProductFactory()
    form = ProductForm(
        product.product_class,
        data={"title_ko": "껌", "hs_code": "17041", "structure": "standalone", "upc": "1"},
        instance=product,
    )
    assert not form.is_valid()
    assert "title_zh_hans" in form.errors
    assert form.errors.as_data()["hs_code"][0].code == "invalid_hs_code"


def test_category_form_has_every_language(admin_client):
    form = CategoryForm(
        data={
            "name_zh_hans": "茶饮",
            "name_ko": "차",
            "name_ja": "お茶",
            "name_ru": "Чай",
            "name_en": "Tea",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "",
        }
    )
    assert form.is_valid(), form.errors
    category = form.save()
    with translation.override("ru"):
        assert Category.objects.get(pk=category.pk).name == "Чай"


def test_product_update_page_shows_language_and_customs_inputs(admin_client):
    product = ProductFactory()
    CategoryFactory()
    html = admin_client.get(f"/zh-hans/dashboard/catalogue/products/{product.pk}/").content.decode()
    for name in (
        "title_zh_hans",
        "title_ko",
        "title_ja",
        "title_ru",
        "title_en",
        "customs_name",
        "hs_code",
        "origin_country",
    ):
        assert f'name="{name}"' in html
