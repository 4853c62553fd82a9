"""Rendered product cards and menus kept per process (issue #16, shop/core/fragments.py): reused
while nothing they show changes, rendered afresh as soon as something does — through a signal
(saves) or through the key itself (writes without signals: QuerySet.update) — and never with
another shopper's CSRF token."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from cms.models import Menu, MenuItem
from tests.factories.catalogue import CategoryFactory, ProductFactory
from tests.factories.cms import home_page, locales

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def category_with_product():
    category = CategoryFactory(name="面膜")
    product = ProductFactory(
        title_zh_hans="旧标题面膜", in_categories=[category], stockrecords__price=Decimal("89.00")
    )
    return category, product


def _cards(client, category):
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('class="product_pod') :]


def price(amount):
    with translation.override("zh-hans"):
        return currency(Decimal(amount), "CNY")


def test_a_card_is_reused_until_the_product_is_saved(client, category_with_product):
    category, product = category_with_product
    assert "旧标题面膜" in _cards(client, category)
    # a write that changes neither the key nor sends a signal: the kept card is shown
    Product.objects.filter(pk=product.pk).update(title_zh_hans="新标题面膜")
    assert "旧标题面膜" in _cards(client, category)
    # saving the product (the dashboard, the admin, imports through the model) renders afresh
    product.refresh_from_db()
    product.save()
    html = _cards(client, category)
    assert "新标题面膜" in html
    assert "旧标题面膜" not in html


def test_a_price_or_stock_change_without_signal_shows_at_once(client, category_with_product):
    category, product = category_with_product
    assert price("89.00") in _cards(client, category)
    StockRecord.objects.filter(product=product).update(price=Decimal("79.00"))
    html = _cards(client, category)
    assert price("79.00") in html
    assert price("89.00") not in html
    StockRecord.objects.filter(product=product).update(num_in_stock=0, num_allocated=0)
    assert f'action="{reverse("basket:add", kwargs={"pk": product.pk})}"' not in _cards(
        client, category
    )


def test_a_filing_change_re_renders_the_card(client, category_with_product):
    category, product = category_with_product
    add_url = reverse("basket:add", kwargs={"pk": product.pk})
    assert f'action="{add_url}"' in _cards(client, category)
    filing = product.stockrecords.get().filing_record
    filing.status = type(filing).Status.SUBMITTED
    filing.save()
    assert f'action="{add_url}"' not in _cards(client, category)


def test_each_shopper_gets_their_own_csrf_token_in_a_kept_card(category_with_product):
    category, product = category_with_product
    tokens = []
    for _ in range(2):
        shopper = Client(enforce_csrf_checks=True)
        html = _cards(shopper, category)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert "placeholder" not in token
        response = shopper.post(
            reverse("basket:add", kwargs={"pk": product.pk}),
            {"quantity": 1, "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302  # the token in the card is the shopper's own
        tokens.append(shopper.cookies["csrftoken"].value)
    assert tokens[0] != tokens[1]


def test_the_card_is_kept_per_language(client, category_with_product):
    category, product = category_with_product
    Product.objects.filter(pk=product.pk).update(title_ko="한국어 마스크")
    product.refresh_from_db()
    product.save()
    assert "旧标题面膜" in _cards(client, category)
    url = category.get_absolute_url().replace("/zh-hans/", "/ko/", 1)
    response = client.get(url)
    assert "한국어 마스크" in response.content.decode()


def test_a_menu_edit_shows_on_the_next_page(client):
    home_page()
    menu = Menu(location="header", locale=locales()["zh-hans"], title="header")
    menu.items.add(MenuItem(label="热卖推荐", link_url="/catalogue/", sort_order=0))
    menu.save()
    assert "热卖推荐" in client.get("/zh-hans/catalogue/").content.decode()
    item = menu.items.get()
    item.label = "本周特价"
    item.save()
    html = client.get("/zh-hans/catalogue/").content.decode()
    assert "本周特价" in html
    assert "热卖推荐" not in html


def _browse_menu(client, path="/zh-hans/catalogue/"):
    html = client.get(path).content.decode()
    start = html.index('aria-labelledby="navbarDropdown"')
    return html[start : html.index("</li>", start)]


def test_the_browse_menu_is_kept_until_a_category_changes(client):
    category = CategoryFactory(name="面膜")
    menu = _browse_menu(client)
    assert f'href="{category.get_absolute_url()}">面膜<' in menu
    with CaptureQueriesContext(connection) as captured:
        assert _browse_menu(client) == menu
    assert not [q for q in captured.captured_queries if "catalogue_category" in q["sql"]]
    category.name = "护肤面膜"
    category.save()
    menu = _browse_menu(client)
    assert ">护肤面膜<" in menu
    assert ">面膜<" not in menu
    CategoryFactory(name="零食")
    assert ">零食<" in _browse_menu(client)


def test_the_browse_menu_is_kept_per_language(client):
    category = CategoryFactory(name="面膜")
    get_model("catalogue", "Category").objects.filter(pk=category.pk).update(name_ru="Маски")
    category.refresh_from_db()
    category.save()
    assert ">面膜<" in _browse_menu(client)
    assert ">Маски<" in _browse_menu(client, "/ru/catalogue/")


def _breadcrumbs(client, product, prefix=""):
    response = client.get(prefix + product.get_absolute_url().removeprefix("/zh-hans"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<ol class="breadcrumb">')
    return html[start : html.index("</ol>", start)]


def test_the_product_breadcrumbs_are_kept_until_a_category_changes(client):
    """The trail of the product's first browsable category (Oscar's), without a category query
    once kept; a renamed category or a product moved to another category shows at once."""
    root = CategoryFactory(name="美妆")
    leaf = CategoryFactory(name="面膜", parent=root)
    hidden = CategoryFactory(name="隐藏", is_public=False)
    product = ProductFactory(title_zh_hans="保湿面膜", in_categories=[hidden, leaf])
    trail = _breadcrumbs(client, product, "/zh-hans")
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', trail)[1:] == [
        (root.get_absolute_url(), "美妆"),
        (leaf.get_absolute_url(), "面膜"),
    ]
    assert "保湿面膜" in trail
    assert "隐藏" not in trail
    with CaptureQueriesContext(connection) as captured:
        assert _breadcrumbs(client, product, "/zh-hans") == trail
    # the product query brings the category's id (a subquery); no query of categories of its own
    assert not [
        q for q in captured.captured_queries if q["sql"].startswith('SELECT "catalogue_category"')
    ]

    root.name = "美妆护肤"
    root.save()
    assert ">美妆护肤<" in _breadcrumbs(client, product, "/zh-hans")
    other = CategoryFactory(name="零食")
    get_model("catalogue", "ProductCategory").objects.filter(product=product).delete()
    get_model("catalogue", "ProductCategory").objects.create(product=product, category=other)
    trail = _breadcrumbs(client, product, "/zh-hans")
    assert ">零食<" in trail
    assert ">面膜<" not in trail


def test_the_product_breadcrumbs_are_kept_per_language(client):
    leaf = CategoryFactory(name="面膜")
    get_model("catalogue", "Category").objects.filter(pk=leaf.pk).update(name_ru="Маски")
    leaf.refresh_from_db()
    leaf.save()
    product = ProductFactory(in_categories=[leaf])
    assert ">面膜<" in _breadcrumbs(client, product, "/zh-hans")
    assert ">Маски<" in _breadcrumbs(client, product, "/ru")
