"""Storefront pages run a constant number of SQL queries (issue #16): the product page whatever
the shopper's recently-viewed list, the basket page and add-to-basket whatever the basket
holds, category and home pages whatever they show. Each test compares two sizes of the same
page, so a query per product card, per basket line or per category fails it."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from cms.models import HomePage
from tests.factories.catalogue import CategoryFactory, ProductFactory, add_image
from tests.factories.cms import home_page

pytestmark = pytest.mark.django_db

Selector = get_class("partner.strategy", "Selector")


def _queries(client, method, url, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, **kwargs)
    return response, [query["sql"] for query in captured.captured_queries]


def _get(client, url):
    client.get(url)  # warm what is per process, not per page (site, thumbnail names)
    response, queries = _queries(client, "get", url)
    assert response.status_code == 200
    return response, queries


def _products(count, **kwargs):
    products = [ProductFactory(**kwargs) for _ in range(count)]
    for product in products:
        add_image(product)
    return products


# --- product page -------------------------------------------------------------------------------


def _product_page(client, product, history):
    client.cookies["oscar_history"] = json.dumps([p.pk for p in history])
    return _get(client, product.get_absolute_url())


def test_product_page_queries_do_not_grow_with_the_recently_viewed_products(client):
    product, *viewed = _products(7)
    response, one = _product_page(client, product, viewed[:1])
    assert [p.pk for p in response.context["products"]] == [viewed[0].pk]
    response, six = _product_page(client, product, viewed)
    # the partial shows them (most recent first) with price and add-to-basket form
    html = response.content.decode()
    for other in viewed:
        assert other.get_absolute_url() in html
        assert reverse("basket:add", kwargs={"pk": other.pk}) in html
    assert len(six) == len(one), "\n".join(six)


def test_recently_viewed_products_load_as_cards_in_three_queries(rf):
    """The history cookie's products come with what their cards show (stock record with warehouse
    and filing, images, option flags) - not Oscar's ``in_bulk`` and a reload - most recent first,
    without products no longer browsable or ids that are not product numbers."""
    from oscar.core.loading import get_class

    from shop.apps.catalogue.cards import has_card_data

    manager = get_class("customer.history", "CustomerHistoryManager")
    first, hidden, second = _products(3)
    hidden.is_public = False
    hidden.save()
    request = rf.get("/")
    request.COOKIES["oscar_history"] = json.dumps([first.pk, "x", hidden.pk, None, second.pk])
    with CaptureQueriesContext(connection) as captured:
        products = manager.get(request)
        assert all(has_card_data(product) for product in products)
    assert [p.pk for p in products] == [second.pk, first.pk]
    assert len(captured.captured_queries) == 3, "\n".join(
        q["sql"] for q in captured.captured_queries
    )


def test_product_page_reads_its_stock_record_once(client):
    """Price, availability, customs facts and reference price all come from one prefetched stock
    record: Oscar asks for it five times on this page."""
    (product,) = _products(1)
    _, queries = _product_page(client, product, [])
    stockrecord_queries = [sql for sql in queries if 'FROM "partner_stockrecord"' in sql]
    assert len(stockrecord_queries) == 1, stockrecord_queries
    # the warehouse and filing come with it (joined, or at most one query each)
    for table in ("partner_warehouse", "shop_customs_filingrecord"):
        assert sum(f'FROM "{table}"' in sql for sql in queries) <= 1, table


# --- basket -------------------------------------------------------------------------------------


def _basket_with(client, products):
    for product in products:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        assert response.status_code == 302


def test_basket_page_queries_do_not_grow_with_its_lines(client):
    # two lines, not one: Oscar's is_shipping_required reads the first line's product class
    # before the lines are prefetched, the same single query for any number of lines
    products = _products(6)
    _basket_with(client, products[:2])
    response, two = _get(client, reverse("basket:summary"))
    assert len(response.context["basket"].all_lines()) == 2
    _basket_with(client, products[2:6])
    response, six = _get(client, reverse("basket:summary"))
    assert len(response.context["basket"].all_lines()) == 6
    assert len(six) == len(two), "\n".join(six)


def test_add_to_basket_queries_do_not_grow_with_the_basket(client):
    products = _products(8)
    _basket_with(client, products[:1])
    _basket_with(client, products[1:2])  # warm
    response, small = _queries(
        client, "post", reverse("basket:add", kwargs={"pk": products[2].pk}), data={"quantity": 1}
    )
    assert response.status_code == 302
    _basket_with(client, products[3:6])
    response, large = _queries(
        client, "post", reverse("basket:add", kwargs={"pk": products[6].pk}), data={"quantity": 1}
    )
    assert response.status_code == 302
    assert client.get(reverse("basket:summary")).context["basket"].num_lines == 7
    assert len(large) == len(small), "\n".join(large)


# --- listings -----------------------------------------------------------------------------------


def test_category_page_queries_do_not_grow_with_the_products_shown(client, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 20
    small, large = CategoryFactory(name="少"), CategoryFactory(name="多")
    _products(3, in_categories=[small])
    _products(12, in_categories=[large])
    _, few = _get(client, small.get_absolute_url())
    response, many = _get(client, large.get_absolute_url())
    assert len(response.context["products"]) == 12
    assert len(many) == len(few), "\n".join(many)


# --- CMS home -----------------------------------------------------------------------------------


def _home_body(category, picked):
    """A product list by category (its admin select lists every category) and hand-picked
    product blocks."""
    return json.dumps(
        [
            {
                "type": "product_list",
                "value": {
                    "heading": "新品",
                    "source": "category",
                    "category": str(category.pk),
                    "origin": "",
                    "products": [],
                    "limit": 24,
                },
            },
            *({"type": "product", "value": product.pk} for product in picked),
        ]
    )


def test_home_queries_do_not_grow_with_products_or_categories(client):
    home = home_page(hero_title="欢迎")
    first = CategoryFactory(name="首页分类")
    CategoryFactory(name="子类", parent=first)
    picked = _products(2, in_categories=[first])
    HomePage.objects.filter(pk=home.pk).update(body=_home_body(first, picked))
    response, small = _get(client, "/zh-hans/")
    assert response.content.decode().count('class="product_pod') == 2 + 2

    second = CategoryFactory(name="第二分类")
    for n in range(10):
        CategoryFactory(name=f"子类 {n}", parent=type(second).objects.get(pk=second.pk))
    picked = _products(8, in_categories=[second])
    HomePage.objects.filter(pk=home.pk).update(body=_home_body(second, picked))
    response, large = _get(client, "/zh-hans/")
    assert response.content.decode().count('class="product_pod') == 8 + 8
    assert len(large) == len(small), "\n".join(large)


def test_a_basket_loads_its_lines_with_what_the_customs_rule_reads_in_one_query(client):
    # shop.apps.basket: the lines join the stock record's merchant, warehouse and filing and the
    # product's class, and are counted once loaded instead of by a COUNT beforehand
    _basket_with(client, _products(3))
    response, _queries_ = _get(client, reverse("basket:summary"))
    basket = get_model("basket", "Basket").objects.get(pk=response.context["basket"].pk)
    with CaptureQueriesContext(connection) as captured:
        assert basket.num_lines == 3
        assert not basket.is_empty
        for line in basket.all_lines():
            assert line.stockrecord.warehouse.trade_mode
            assert line.stockrecord.filing_record_id is None or line.stockrecord.filing_record
            assert line.stockrecord.partner.name
            assert line.product.product_class.name
    lines = [q["sql"] for q in captured.captured_queries if 'FROM "basket_line"' in q["sql"]]
    assert len(lines) == 1, "\n".join(q["sql"] for q in captured.captured_queries)
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"]]
    # the line query and the products' images (lines without options have no attributes to
    # read): nothing per line or relation
    assert len(captured.captured_queries) == 2, "\n".join(
        q["sql"] for q in captured.captured_queries
    )


def test_add_to_basket_reads_the_products_stock_records_once(client):
    # shop.apps.basket.views.BasketAddView: the product with its stock records, warehouse and
    # filing (card_queryset); Oscar's view loads the product alone, and the form's availability
    # check and add_product then read the stock record, warehouse and filing twice each
    product, other = _products(2)
    _basket_with(client, [other])
    response, queries = _queries(
        client, "post", reverse("basket:add", kwargs={"pk": product.pk}), data={"quantity": 1}
    )
    assert response.status_code == 302
    for table in ("partner_stockrecord", "partner_warehouse", "shop_customs_filingrecord"):
        reads = [sql for sql in queries if f'FROM "{table}"' in sql]
        assert len(reads) <= 1, (table, reads)


# --- product page: reviews and recommendations --------------------------------------------------


def test_product_page_counts_reviews_and_finds_recommendations_in_its_own_query(client):
    """Oscar counts the approved reviews and looks for recommendations in queries of their own,
    most products having neither; here the product's query answers both."""
    product, recommended = _products(2)
    _, queries = _product_page(client, product, [])
    others = [sql for sql in queries if not sql.startswith('SELECT "catalogue_product"."id"')]
    for table in ("reviews_productreview", "catalogue_productrecommendation"):
        assert not [sql for sql in others if f'FROM "{table}"' in sql], table

    ProductReview = get_model("reviews", "ProductReview")
    for status in (ProductReview.APPROVED, ProductReview.APPROVED, ProductReview.FOR_MODERATION):
        ProductReview.objects.create(
            product=product,
            title="好",
            body="很好用",
            score=5,
            status=status,
            name="王",
            email="w@example.com",
        )
    get_model("catalogue", "ProductRecommendation").objects.create(
        primary=product, recommendation=recommended, ranking=1
    )
    response, _ = _product_page(client, product, [])
    assert response.context["product"].num_approved_reviews == 2
    html = response.content.decode()
    assert reverse("basket:add", kwargs={"pk": recommended.pk}) in html
    assert recommended.get_absolute_url() in html


# --- basket: vouchers and line options ----------------------------------------------------------


def test_a_basket_without_vouchers_or_options_reads_neither(client):
    """Nearly every basket: the open basket's query says it holds no voucher, and lines added
    without options have no attributes - neither is read."""
    _basket_with(client, _products(2))
    for url in (reverse("basket:summary"), _products(1)[0].get_absolute_url()):
        _, queries = _get(client, url)
        for table in ("voucher_voucher", "basket_lineattribute"):
            assert not [sql for sql in queries if f'FROM "{table}"' in sql.split("WHERE")[0]], (
                url,
                table,
            )


def test_a_voucher_in_the_basket_is_read_and_applied(client):
    from tests.factories.offers import voucher

    products = _products(1)
    _basket_with(client, products)
    response = client.post(reverse("basket:vouchers-add"), {"code": "WELCOME30"})
    assert response.status_code == 302
    welcome = voucher("WELCOME30", "30.00")
    response = client.post(reverse("basket:vouchers-add"), {"code": "WELCOME30"})
    assert response.status_code == 302
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert basket.has_vouchers is True
    assert list(basket.vouchers.all()) == [welcome]
    assert basket.total_discount == Decimal("30.00")


def test_a_line_with_options_keeps_its_attributes():
    """Oscar stores a line's option values as line attributes and puts the options' hash in the
    line reference; only a line without it is known to have none."""
    Basket = get_model("basket", "Basket")
    Option = get_model("catalogue", "Option")
    engraving = Option.objects.create(name="刻字", code="engraving", required=False)
    product, plain = _products(2)
    product.product_options.add(engraving)
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1, options=[{"option": engraving, "value": "福"}])
    basket.add_product(plain, 1)
    loaded = Basket.open.get(pk=basket.pk)
    with_options, without = sorted(
        loaded.all_lines(), key=lambda line: line.product_id != product.pk
    )
    with CaptureQueriesContext(connection) as captured:
        assert list(without.attributes.all()) == []
    assert not captured.captured_queries
    assert [(a.option.code, a.value) for a in with_options.attributes.all()] == [
        ("engraving", "福")
    ]
    # lines loaded with fields left out are not completed one query per line to decide
    with CaptureQueriesContext(connection) as captured:
        assert len(list(get_model("basket", "Line").objects.only("pk", "line_reference"))) == 2
    assert len(captured.captured_queries) == 1


def test_a_voucher_added_to_a_loaded_basket_is_applied_in_the_same_request(rf):
    """Merging a cookie basket at sign-in adds its vouchers to the basket the request loaded:
    that basket's ``has_vouchers`` no longer tells, and the vouchers are read."""
    from django.contrib.auth.models import AnonymousUser

    from shop.apps.basket.middleware import BasketMiddleware
    from tests.factories.offers import voucher

    Basket = get_model("basket", "Basket")
    welcome = voucher("WELCOME30", "30.00")
    (product,) = _products(1)
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1)

    loaded = Basket.open.get(pk=basket.pk)
    assert loaded.has_vouchers is False
    loaded.vouchers.add(welcome)
    request = rf.get("/")
    request.user = AnonymousUser()
    loaded.strategy = Selector().strategy(request=request)
    BasketMiddleware(lambda request: None).apply_offers_to_basket(request, loaded)
    assert list(loaded.vouchers.all()) == [welcome]
    assert loaded.total_discount == Decimal("30.00")
