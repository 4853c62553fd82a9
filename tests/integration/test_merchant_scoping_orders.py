"""Merchants see and change only their own order lines (issue #12): an order with lines of
merchant A and merchant B, opened and acted on by each, by zone staff and anonymously."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories.customs import valid_id_number
from tests.factories.merchants import merchant_user, shared_order, zone_staff
from tests.factories.orders import placed_order, stocked_product

pytestmark = pytest.mark.django_db

ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
OrderNote = get_model("order", "OrderNote")
Order = get_model("order", "Order")

SHOPPER_EMAIL = "buyer@example.com"
ORDERER_PHONE = "13812345678"
CONSIGNEE_PHONE = "13904310001"  # shop.demo.orders.DEMO_CONSIGNEE
ID_NUMBER = valid_id_number("11010519491231002")


@pytest.fixture
def shared():
    return shared_order()


def detail_url(order):
    return f"/en/dashboard/orders/{order.number}/"


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_merchant_list_shows_its_own_amounts_and_items_only(client, shared):
    client.force_login(shared.merchant_a)
    html = html_of(client.get("/en/dashboard/orders/"))
    assert shared.order.number in html
    amounts = re.findall(r'class="merchant-total" data-amount="([\d.]+)"', html)
    assert amounts == ["240.00"]  # 2 × 120.00 of A's lines, not the order total
    assert shared.order.total_incl_tax != Decimal("240.00")
    assert re.search(r'class="merchant-items">2<', html)
    assert SHOPPER_EMAIL not in html
    client.force_login(shared.merchant_b)
    html = html_of(client.get("/en/dashboard/orders/"))
    assert re.findall(r'class="merchant-total" data-amount="([\d.]+)"', html) == ["75.50"]


def test_merchant_order_page_shows_only_its_lines_declarations_and_amounts(client, shared):
    client.force_login(shared.merchant_a)
    html = html_of(client.get(detail_url(shared.order)))
    line_a, line_b = shared.lines_a.get(), shared.lines_b.get()
    declaration_a = shared.order.declarations.get(partner=shared.partner_a)
    declaration_b = shared.order.declarations.get(partner=shared.partner_b)
    assert line_a.title in html
    assert line_a.partner_sku in html
    assert f'name="selected_line" value="{line_a.pk}"' in html
    assert re.search(r'id="merchant_total" data-amount="240.00"', html)
    assert declaration_a.number in html
    for foreign in (line_b.title, line_b.partner_sku, line_b.upc, declaration_b.number, "75.50"):
        assert foreign not in html, foreign
    assert f'name="selected_line" value="{line_b.pk}"' not in html
    assert f"lines/{line_b.pk}/" not in html
    # the whole order's total and other merchants' freight and tax are not shown
    assert f"{shared.order.total_incl_tax:,.2f}" not in html
    assert 'name="order_action"' not in html
    assert "change_order_status" not in html
    assert 'value="create_payment_event"' not in html
    assert "shipping-address/" not in html


def test_merchant_order_page_has_no_unmasked_personal_data(client, shared):
    client.force_login(shared.merchant_a)
    pages = [
        html_of(client.get(detail_url(shared.order))),
        html_of(client.get("/en/dashboard/orders/")),
        html_of(client.get(f"{detail_url(shared.order)}lines/{shared.lines_a.get().pk}/")),
    ]
    for html in pages:
        for secret in (
            SHOPPER_EMAIL,
            ORDERER_PHONE,
            CONSIGNEE_PHONE,
            ID_NUMBER,
            "李 明",
            "1000 号",
        ):
            assert secret not in html, secret
    assert "139****0001" in pages[0]  # the waybill's phone, masked
    assert "李*" in pages[0]


def test_merchant_csv_has_own_amounts_and_no_contact_data(client, shared):
    client.force_login(shared.merchant_a)
    response = client.get("/en/dashboard/orders/", {"response_format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    with translation.override("en"):
        header = rows[0]
    assert len(rows) == 2
    row = dict(zip(header, rows[1], strict=True))
    assert row["Order number"] == shared.order.number
    assert Decimal(row["Order value"]) == Decimal("240.00")
    assert row["Number of items"] == "2"
    assert row["Customer email address"] == ""
    assert row["Deliver to name"] == "李*"
    body = response.content.decode()
    for secret in (SHOPPER_EMAIL, CONSIGNEE_PHONE, ID_NUMBER, "李 明"):
        assert secret not in body
    # selected orders: the same rules; another merchant's order id selects nothing
    other = placed_order(user=shared.shopper, items=[(shared.product_b, 1)])
    other.refresh_from_db()
    response = client.post(
        "/en/dashboard/orders/",
        {"action": "download_selected_orders", "selected_order": [shared.order.pk, other.pk]},
    )
    body = response.content.decode()
    assert shared.order.number in body
    assert other.number not in body
    assert ",240.00," in body


def test_merchant_cannot_change_the_order_status_record_payments_notes_or_address(client, shared):
    order = shared.order
    status = order.status
    address = order.shipping_address
    PaymentEventType.objects.create(name="Paid", code="paid")
    client.force_login(shared.merchant_a)
    url = detail_url(order)
    attempts = [
        {"order_action": "change_order_status", "new_status": "Paid"},
        {"order_action": "create_order_payment_event", "payment_event_type": "paid", "amount": "1"},
        {"order_action": "save_note", "message": "hello"},
        {"order_action": "delete_note", "note_id": "1"},
        {
            "line_action": "create_payment_event",
            "selected_line": shared.lines_a.get().pk,
            f"selected_line_qty_{shared.lines_a.get().pk}": "1",
            "payment_event_type": "paid",
        },
    ]
    for data in attempts:
        assert client.post(url, data).status_code == 403, data
    # the bulk status change of the list is gone too
    client.post(
        "/en/dashboard/orders/",
        {"action": "change_order_statuses", "selected_order": [order.pk], "new_status": "Paid"},
    )
    address_url = f"{url}shipping-address/"
    assert client.get(address_url).status_code == 403
    assert client.post(address_url, {"first_name": "X", "line1": "y"}).status_code == 403
    order.refresh_from_db()
    address.refresh_from_db()
    assert order.status == status
    assert not PaymentEvent.objects.filter(order=order).exists()
    assert not OrderNote.objects.filter(order=order).exists()
    assert address.first_name != "X"


def test_shipping_events_only_for_own_lines(client, shared):
    event_type = ShippingEventType.objects.create(name="Shipped", code="shipped")
    line_a, line_b = shared.lines_a.get(), shared.lines_b.get()
    client.force_login(shared.merchant_a)
    url = detail_url(shared.order)

    def post(*lines):
        data = {
            "line_action": "create_shipping_event",
            "shipping_event_type": "shipped",
            "reference": "SF123",
        }
        data["selected_line"] = [line.pk for line in lines]
        for line in lines:
            data[f"selected_line_qty_{line.pk}"] = line.quantity
        return client.post(url, data)

    for attempt in [(line_b,), (line_a, line_b)]:
        post(*attempt)
        assert not ShippingEvent.objects.exists(), attempt
    client.post(url, {"line_action": "create_shipping_event", "selected_line": "x"})
    assert not ShippingEvent.objects.exists()
    post(line_a)
    event = ShippingEvent.objects.get()
    assert event.event_type == event_type
    assert list(event.line_quantities.values_list("line", flat=True)) == [line_a.pk]
    # merchant B does not see A's shipping event
    client.force_login(shared.merchant_b)
    html = html_of(client.get(url))
    assert line_a.title not in html


def test_merchant_cannot_open_another_merchants_line_or_order(client, shared):
    line_a, line_b = shared.lines_a.get(), shared.lines_b.get()
    only_b = placed_order(user=shared.shopper, items=[(shared.product_b, 1)])
    only_b.refresh_from_db()
    client.force_login(shared.merchant_a)
    url = detail_url(shared.order)
    assert client.get(f"{url}lines/{line_b.pk}/").status_code == 404
    assert client.get(f"{url}lines/{line_a.pk}/").status_code == 200
    assert client.get(detail_url(only_b)).status_code == 404
    assert client.post(detail_url(only_b), {"line_action": "x"}).status_code == 404
    # the list's "order number" jump and searches never reach B's order or lines
    response = client.get("/en/dashboard/orders/", {"order_number": only_b.number})
    assert response.status_code == 200
    assert f"/orders/{only_b.number}/" not in response.content.decode()
    for query in ({"upc": line_b.upc}, {"partner_sku": line_b.partner_sku}):
        html = html_of(client.get("/en/dashboard/orders/", query))
        assert shared.order.number not in html, query


def test_statistics_count_only_the_merchants_lines(client, shared):
    client.force_login(shared.merchant_a)
    response = client.get("/en/dashboard/orders/statistics/")
    assert response.context["total_revenue"] == Decimal("240.00")
    assert response.context["total_lines"] == 1
    assert response.context["total_orders"] == 1
    index = client.get("/en/dashboard/")
    assert index.context["total_revenue"] == Decimal("240.00")
    assert index.context["total_revenue_last_day"] == Decimal("240.00")
    assert index.context["average_order_costs"] == Decimal("240.00")
    assert index.context["total_lines"] == 1
    hourly = index.context["hourly_report_dict"]["order_total_hourly"]
    assert sum(slot["total_incl_tax"] for slot in hourly) == Decimal("240.00")
    client.force_login(zone_staff())
    index = client.get("/en/dashboard/")
    assert index.context["total_revenue"] == shared.order.total_incl_tax


def test_staff_see_every_line_but_no_status_form(client, shared):
    order = shared.order
    client.force_login(zone_staff())
    html = html_of(client.get(detail_url(order)))
    for line in order.lines.all():
        assert line.partner_sku in html
    assert "change_order_status" not in html
    assert 'value="save_note"' in html  # staff keep notes
    assert f"/en/dashboard/payments/{order.number}/" in html  # act through the services
    status = order.status
    response = client.post(
        detail_url(order), {"order_action": "change_order_status", "new_status": "Paid"}
    )
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == status
    # staff still keep notes
    client.post(detail_url(order), {"order_action": "save_note", "message": "call the warehouse"})
    assert OrderNote.objects.filter(order=order, message="call the warehouse").exists()


def test_anonymous_is_sent_to_the_login(client, shared):
    for url in ("/en/dashboard/orders/", detail_url(shared.order)):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_merchant_order_list_query_count_does_not_grow_with_orders(client, shared, settings):
    settings.SHOP_MAX_UNPAID_ORDERS = 10
    client.force_login(shared.merchant_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            html_of(client.get("/en/dashboard/orders/"))
        return len(queries)

    one = count()
    for _ in range(4):
        placed_order(user=shared.shopper, items=[(shared.product_a, 1), (shared.product_b, 1)])
    assert Order.objects.count() == 5
    assert count() == one


def test_a_merchant_with_two_partners_sees_both_and_only_both(client):
    first = shared_order()
    user = first.merchant_a
    third = stocked_product(price="10.00", partner=first.partner_b)
    first.partner_b.users.add(user)
    html = html_of((client.force_login(user), client.get(detail_url(first.order)))[1])
    assert first.lines_b.get().partner_sku in html
    assert third  # B's stock, now also A's user's
    outsider = merchant_user()
    client.force_login(outsider)
    assert client.get(detail_url(first.order)).status_code == 404


def test_merchant_cannot_search_orders_by_the_customers_name(client, shared):
    """Names are masked for merchants; a name search would confirm the full name."""
    shared.shopper.first_name, shared.shopper.last_name = "王", "芳"
    shared.shopper.save()
    client.force_login(shared.merchant_a)
    for name in ("王", "不是这个人"):
        response = client.get("/en/dashboard/orders/", {"name": name})
        assert shared.order.number in response.content.decode(), name
    assert 'type="text" name="name"' not in response.content.decode()
    client.force_login(zone_staff())
    response = client.get("/en/dashboard/orders/", {"name": "不是这个人"})
    assert 'type="text" name="name"' in response.content.decode()  # staff keep it
    assert f"/orders/{shared.order.number}/" not in response.content.decode()
