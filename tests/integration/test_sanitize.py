"""Merchant rich text is cleaned when saved, when printed and once for stored rows (issue #10)."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation
from oscar.core.loading import get_class, get_model

from shop.core.sanitize import sanitize_html
from tests.factories.catalogue import CategoryFactory, ProductFactory, StockRecordFactory

ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

ATTACKS = (
    '<script>alert("s")</script>'
    '<img src=x onerror=alert("i")>'
    "<a href=\"javascript:alert('a')\">click</a>"
    '<p onclick="alert(\'p\')" style="color:red">text</p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<img src="https://evil.example/pixel.png" alt="pixel">'
)
ALLOWED = (
    "<h2>Ingredients</h2><p><strong>Green tea</strong> and <em>honey</em>.</p>"
    "<ul><li>50 ml</li></ul><blockquote>Made in Jeju</blockquote>"
    '<img src="/media/images/tea.jpg" alt="tea">'
    "<table><tbody><tr><th>kcal</th><td>12</td></tr></tbody></table>"
)


def assert_inert(html):
    lowered = html.lower()
    for needle in ("<script", "onerror", "onclick", "javascript:", "<iframe", "evil.example"):
        assert needle not in lowered, (needle, html)


def test_allowed_markup_survives():
    assert sanitize_html(ALLOWED) == ALLOWED


def test_links_keep_safe_schemes_and_get_rel():
    html = sanitize_html(
        '<a href="https://brand.example/" title="Brand">b</a><a href="mailto:a@b.example">m</a>'
        '<a href="data:text/html,x">d</a><img src="/\\evil.example/x.png">'
    )
    assert html == (
        '<a href="https://brand.example/" title="Brand" rel="noopener noreferrer nofollow">b</a>'
        '<a href="mailto:a@b.example" rel="noopener noreferrer nofollow">m</a>'
        '<a rel="noopener noreferrer nofollow">d</a><img>'
    )


@pytest.mark.django_db
def test_dashboard_product_form_stores_every_language_and_rich_text_attribute_clean():
    product = ProductFactory()
    ProductAttribute.objects.create(
        product_class=product.product_class, name="Usage", code="usage", type="richtext"
    )
    data = {
        "title_zh_hans": "绿茶",
        "structure": "standalone",
        "upc": "8801062000018",
        "hs_code": "2106909090",
        "is_public": "on",
        "attr_usage": "<p>Twice a day</p>" + ATTACKS,
        **{
            f"description_{lang}": f"<p>{lang}</p>" + ATTACKS
            for lang in ("zh_hans", "ko", "ja", "ru", "en")
        },
    }
    with translation.override("ko"):
        form = ProductForm(product.product_class, data=data, instance=product)
        assert form.is_valid(), form.errors
        form.save()

    stored = Product.objects.values(
        "description", *(f"description_{lang}" for lang in ("zh_hans", "ko", "ja", "ru", "en"))
    ).get(pk=product.pk)
    for column, html in stored.items():
        assert_inert(html)
        assert "<p>text</p>" in html, column
    assert stored["description_ru"].startswith("<p>ru</p>")
    value = ProductAttributeValue.objects.get(product=product, attribute__code="usage")
    assert_inert(value.value_richtext)
    assert value.value_richtext.startswith("<p>Twice a day</p>")


@pytest.mark.django_db
def test_category_descriptions_are_cleaned_on_save():
    category = CategoryFactory(description_ja=ATTACKS, long_description_zh_hans=ATTACKS)
    stored = Category.objects.values("description_ja", "long_description_zh_hans").get(
        pk=category.pk
    )
    for html in stored.values():
        assert_inert(html)
        assert "<p>text</p>" in html


@pytest.mark.django_db
def test_a_row_written_behind_the_models_back_renders_inert(client):
    product = StockRecordFactory(product=ProductFactory()).product
    attribute = ProductAttribute.objects.create(
        product_class=product.product_class, name="Usage", code="usage", type="richtext"
    )
    value = ProductAttributeValue.objects.create(
        product=product, attribute=attribute, value_richtext="<p>ok</p>"
    )
    Product.objects.filter(pk=product.pk).update(description_zh_hans="<p>描述</p>" + ATTACKS)
    ProductAttributeValue.objects.filter(pk=value.pk).update(value_richtext=ATTACKS)

    html = client.get(product.get_absolute_url()).content.decode()

    assert '<div class="product-description mb-3"><p>描述</p>' in html
    assert "<p>text</p>" in html
    assert 'alert("s")' not in html
    assert "onerror" not in html
    assert "javascript:alert" not in html
    assert "evil.example" not in html


@pytest.mark.django_db
def test_category_page_renders_a_stored_script_inert(client):
    category = CategoryFactory()
    Category.objects.filter(pk=category.pk).update(
        description_zh_hans="<p>分类</p>" + ATTACKS, long_description_zh_hans=ATTACKS
    )
    category.refresh_from_db()

    html = client.get(category.get_absolute_url()).content.decode()

    assert "<p>分类</p>" in html
    assert 'alert("s")' not in html
    assert "onerror" not in html
    assert "javascript:alert" not in html


@pytest.mark.django_db
def test_the_migration_cleans_stored_rows_and_keeps_clean_ones():
    migration = importlib.import_module(
        "shop.apps.catalogue.migrations.0034_sanitize_stored_rich_text"
    )
    dirty = ProductFactory()
    clean = ProductFactory(description_zh_hans=ALLOWED)
    category = CategoryFactory()
    attribute = ProductAttribute.objects.create(
        product_class=dirty.product_class, name="Usage", code="usage", type="richtext"
    )
    value = ProductAttributeValue.objects.create(
        product=dirty, attribute=attribute, value_richtext="<p>ok</p>"
    )
    Product.objects.filter(pk=dirty.pk).update(description=ATTACKS, description_ko=ATTACKS)
    Category.objects.filter(pk=category.pk).update(long_description_ru=ATTACKS)
    ProductAttributeValue.objects.filter(pk=value.pk).update(value_richtext=ATTACKS)

    assert migration.sanitize_stored_rich_text(apps) == 3

    row = Product.objects.values("description", "description_ko").get(pk=dirty.pk)
    for html in (
        *row.values(),
        Category.objects.values_list("long_description_ru", flat=True).get(pk=category.pk),
        ProductAttributeValue.objects.values_list("value_richtext", flat=True).get(pk=value.pk),
    ):
        assert_inert(html)
        assert "<p>text</p>" in html
    assert Product.objects.values_list("description_zh_hans", flat=True).get(pk=clean.pk) == ALLOWED
    assert migration.sanitize_stored_rich_text(apps) == 0
