"""What shoppers and staff read on order pages (issue #10): the import-tax line makes the totals
add up, and Oscar's stored statuses go through the one translated mapping."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import translation
from oscar.core.loading import get_model

from shop.core import statuses
from tests.integration import test_checkout_customs as checkout_tests
from tests.integration.test_checkout_customs import (
    fill_address,
    fill_identity,
)

pytestmark = pytest.mark.django_db

# the checkout tests' fixtures
mixed_basket = checkout_tests.mixed_basket
shopper = checkout_tests.shopper
warehouses = checkout_tests.warehouses

Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def order(client, mixed_basket):
    fill_address(client)
    fill_identity(client)
    client.post("/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    return Order.objects.get()


def amounts(html, pattern):
    return [Decimal(value) for value in re.findall(pattern, html)]


def assert_totals_add_up(html, order):
    basket = amounts(html, r'id="total_basket" data-amount="([\d.]+)"')
    shipping = amounts(html, r'id="total_shipping" data-amount="([\d.]+)"')
    surcharges = amounts(
        html, r'class="[^"]*surcharge[^"]*" data-code="[^"]+" data-amount="([\d.]+)"'
    )
    total = amounts(html, r'id="total_order" data-amount="([\d.]+)"')
    tax = sum(d.tax_total for d in order.declarations.all())
    assert tax > 0
    assert surcharges == [tax]
    assert basket[0] + shipping[0] + surcharges[0] == total[0] == order.total_incl_tax


def test_shopper_pages_show_the_import_tax_line_so_totals_add_up(client, order):
    with translation.override("zh-hans"):
        label = str(statuses.SURCHARGE_LABELS["cross-border-import-tax"])
    for url in ("/zh-hans/checkout/thank-you/", f"/zh-hans/accounts/orders/{order.number}/"):
        html = client.get(url).content.decode()
        assert_totals_add_up(html, order)
        assert label in html


def test_dashboard_order_shows_the_import_tax_line(client, order, admin_user):
    client.force_login(admin_user)
    html = client.get(f"/zh-hans/dashboard/orders/{order.number}/").content.decode()
    tax = sum(d.tax_total for d in order.declarations.all())
    row = re.search(
        r'data-code="cross-border-import-tax">([^<]*)</th>\s*<th[^>]*>([^<]*)</th>', html
    )
    assert row, "no import-tax line"
    with translation.override("zh-hans"):
        assert row.group(1) == str(statuses.SURCHARGE_LABELS["cross-border-import-tax"])
    assert f"{tax:,.2f}" in row.group(2)
    lines = sum(line.line_price_incl_tax for line in order.lines.all())
    assert lines + order.shipping_incl_tax + tax == order.total_incl_tax


@pytest.fixture
def marked_labels(monkeypatch):
    """Stand-in translations: the pages must show the mapping's label, not Oscar's text."""
    marks = {
        "Pending payment": "MARK待付款",
        "Paid": "MARK已付款",
        "Cancelled": "MARK已取消",
        "Pending": "MARK待处理",
    }
    for stored, mark in marks.items():
        monkeypatch.setitem(statuses._LABELS, stored, mark)
        if stored in statuses.ORDER_STATUS_LABELS:
            monkeypatch.setitem(statuses.ORDER_STATUS_LABELS, stored, mark)
    monkeypatch.setitem(statuses.SURCHARGE_LABELS, "cross-border-import-tax", "MARK跨境进口税")
    return marks


def test_statuses_are_translated_on_every_order_page(
    client, order, admin_user, marked_labels, monkeypatch
):
    # a line pipeline (Oscar has none by default) so the line-status choices are offered
    monkeypatch.setattr(get_model("order", "Line"), "pipeline", {"Pending": (), "Cancelled": ()})
    order.lines.update(status="Pending")
    order.status_changes.create(old_status="Paid", new_status="Cancelled")

    def text(url):
        return client.get(url).content.decode()

    thank_you = text("/zh-hans/checkout/thank-you/")
    assert re.search(r'id="order_status">MARK待付款<', thank_you)
    assert "MARK跨境进口税" in thank_you
    detail = text(f"/zh-hans/accounts/orders/{order.number}/")
    assert re.search(r'id="order_status">MARK待付款<', detail)
    assert "MARK待处理" in detail  # line status
    assert "MARK跨境进口税" in detail
    history = text("/zh-hans/accounts/orders/")
    assert re.search(r'class="order-status">MARK待付款<', history)

    client.force_login(admin_user)
    listing = text("/zh-hans/dashboard/orders/")
    assert re.search(r'class="order-status">MARK待付款<', listing)
    assert re.search(r'<option value="Paid"[^>]*>MARK已付款</option>', listing)  # the filter
    assert '<option value="Cancelled">MARK已取消</option>' in listing  # status filter
    staff = text(f"/zh-hans/dashboard/orders/{order.number}/")
    assert re.search(r'id="order_status">MARK待付款<', staff)
    assert "<td>MARK待处理</td>" in staff  # line status
    assert '<option value="Pending">MARK待处理</option>' in staff  # line status choices
    # no order status form any more (issue #12: statuses follow payments and customs)
    assert "change_order_status" not in staff
    assert "<td>MARK已付款</td>" in staff  # history
    assert "<td>MARK已取消</td>" in staff
    assert "MARK跨境进口税" in staff
    for page in (thank_you, detail, history, listing, staff):
        assert ">Pending payment<" not in page
