"""Where orders come from (issue #14): the session's attribution (kiosk hand-off, shelf label)
survives the sign-in and becomes the order's OrderAttribution; online otherwise; the shelf
link; the orders dashboard's channel / store / staff filters and totals, merchant-scoped."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.attribution import services
from shop.attribution.models import Channel, OrderAttribution
from tests.factories.catalogue import PartnerFactory
from tests.factories.kiosk import ExperienceStoreFactory, StoreStaffMemberFactory, paired_kiosk
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import placed_order, shopper, stocked_product
from tests.factories.users import SHOPPER_PASSWORD
from tests.integration.test_checkout_customs import fill_address, fill_identity

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def store():
    return ExperienceStoreFactory(code="hunchun-store", name="珲春体验店")


def login(client, user, language="zh-hans"):
    response = client.post(
        f"/{language}/accounts/login/",
        {
            "login-username": user.email,
            "login-password": SHOPPER_PASSWORD,
            "login_submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def place_order(client):
    fill_address(client)
    fill_identity(client)
    response = client.post(
        "/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Order.objects.latest("pk")


@pytest.mark.django_db(transaction=True)  # on_commit runs inside the request, as in production
def test_a_kiosk_attribution_survives_the_sign_in_and_reaches_the_order(store):
    buyer = shopper()
    mask = stocked_product(price="129.00")
    kiosk = Client()
    device = paired_kiosk(kiosk, store=store)
    member = StoreStaffMemberFactory(store=store, code="21")
    kiosk.post("/zh-hans/kiosk/staff/", {"code": "21"})
    kiosk.post(f"/zh-hans/basket/add/{mask.pk}/", {"quantity": 3})
    page = kiosk.get(kiosk.post("/zh-hans/handoff/")["Location"]).content.decode()
    path = re.search(r'data-handoff-url="https?://[^/]+([^"]+)"', page).group(1)

    phone = Client()
    assert phone.get(path).status_code == 302  # anonymous: the basket, then sign in
    key_before = phone.session.session_key
    login(phone, buyer)
    # Django rotated the session key at login and kept the data
    assert phone.session.session_key != key_before
    assert phone.session[services.SESSION_KEY]["staff_member"] == member.pk
    basket = phone.get("/zh-hans/basket/").context["basket"]
    assert [(line.product_id, line.quantity) for line in basket.all_lines()] == [(mask.pk, 3)]

    order = place_order(phone)
    attribution = OrderAttribution.objects.get(order=order)
    assert attribution.channel == Channel.KIOSK
    assert (attribution.store, attribution.device, attribution.staff_member) == (
        store,
        device,
        member,
    )
    assert order.user == buyer
    # once the order is committed, the next order of this session is the shopper's own
    assert services.SESSION_KEY not in phone.session


def test_an_order_without_attribution_is_online():
    buyer = shopper()
    product = stocked_product()
    client = Client()
    client.force_login(buyer)
    client.post(f"/zh-hans/basket/add/{product.pk}/", {"quantity": 1})
    order = place_order(client)
    attribution = order.attribution
    assert attribution.channel == Channel.ONLINE
    assert (attribution.store, attribution.device, attribution.staff_member) == (None, None, None)


def test_the_shelf_link_records_the_store_and_shows_the_product(store):
    buyer = shopper()
    product = stocked_product()
    client = Client()
    url = reverse(
        "attribution:shelf-link", kwargs={"store_code": store.code, "product_pk": product.pk}
    )
    assert url == f"/zh-hans/s/{store.code}/{product.pk}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == product.get_absolute_url()
    data = client.session[services.SESSION_KEY]
    assert (data["channel"], data["store"], data["device"], data["staff_member"]) == (
        Channel.SHELF_QR,
        store.pk,
        None,
        None,
    )
    login(client, buyer)
    client.post(f"/zh-hans/basket/add/{product.pk}/", {"quantity": 1})
    order = place_order(client)
    assert (order.attribution.channel, order.attribution.store) == (Channel.SHELF_QR, store)


def test_the_shelf_link_refuses_unknown_or_closed_stores_and_hidden_products(store):
    product = stocked_product()
    client = Client()
    assert client.get(f"/zh-hans/s/no-such-store/{product.pk}/").status_code == 404
    closed = ExperienceStoreFactory(code="closed-store", is_active=False)
    assert client.get(f"/zh-hans/s/{closed.code}/{product.pk}/").status_code == 404
    hidden = stocked_product()
    type(hidden).objects.filter(pk=hidden.pk).update(is_public=False)
    assert client.get(f"/zh-hans/s/{store.code}/{hidden.pk}/").status_code == 404
    assert services.SESSION_KEY not in client.session


def test_a_stale_attribution_is_not_used(store, settings):
    class Request:
        session = {}

    request = Request()
    services.attribution_store(request.session, channel=Channel.SHELF_QR, store=store)
    assert services.attribution_from_session(request.session)["store"] == store.pk
    too_old = timezone.now() - datetime.timedelta(hours=settings.SHOP_ATTRIBUTION_MAX_AGE_HOURS + 1)
    request.session[services.SESSION_KEY]["at"] = too_old.isoformat()
    assert services.attribution_from_session(request.session) is None


def test_a_kiosk_attribution_ignores_staff_of_another_store(store):
    other_store = ExperienceStoreFactory(code="other")
    stranger = StoreStaffMemberFactory(store=other_store)
    buyer = shopper()
    order = placed_order(user=buyer, items=[(stocked_product(), 1)])
    OrderAttribution.objects.filter(order=order).delete()

    class Request:
        session = {}

    request = Request()
    services.attribution_store(
        request.session, channel=Channel.KIOSK, store=store, staff_member=stranger
    )
    attribution = services.order_attribution_record(order=order, request=request)
    assert (attribution.store, attribution.staff_member) == (store, None)


# --- the orders dashboard ------------------------------------------------------------------


@pytest.fixture
def attributed_orders(store, settings):
    """Five orders of two merchants: kiosk orders helped by Ana (store 1) and by Bo (store 2),
    a shelf-label order of store 1, an online order."""
    settings.SHOP_MAX_UNPAID_ORDERS = 20
    partner_a, partner_b = PartnerFactory(name="Merchant A"), PartnerFactory(name="Merchant B")
    a = stocked_product(price="100.00", partner=partner_a)
    b = stocked_product(price="40.00", partner=partner_b)
    store_2 = ExperienceStoreFactory(code="dalian-store", name="大连体验店")
    ana = StoreStaffMemberFactory(store=store, code="1", display_name="Ana")
    bo = StoreStaffMemberFactory(store=store_2, code="2", display_name="Bo")
    buyer = shopper()

    def order(items, **attribution):
        placed = placed_order(user=buyer, items=items)
        OrderAttribution.objects.filter(order=placed).update(**attribution)
        placed.refresh_from_db()
        return placed

    return {
        "store_1": store,
        "store_2": store_2,
        "ana": ana,
        "bo": bo,
        "merchant_a": merchant_user(partner_a),
        "merchant_b": merchant_user(partner_b),
        # kiosk, store 1, Ana: A 2 × 100, B 1 × 40
        "k1": order([(a, 2), (b, 1)], channel=Channel.KIOSK, store=store, staff_member=ana),
        # kiosk, store 1, Ana: B 3 × 40
        "k2": order([(b, 3)], channel=Channel.KIOSK, store=store, staff_member=ana),
        # kiosk, store 2, Bo: A 1 × 100
        "k3": order([(a, 1)], channel=Channel.KIOSK, store=store_2, staff_member=bo),
        # shelf label, store 1: A 1 × 100
        "s1": order([(a, 1)], channel=Channel.SHELF_QR, store=store),
        # online: B 1 × 40
        "o1": order([(b, 1)]),
    }


def listed(response):
    return {order.number for order in response.context["orders"]}


def totals(response):
    [row] = response.context["order_totals"]
    return row.orders, row.goods, row.total


def test_staff_filter_orders_by_store_staff_member_and_channel_with_totals(
    client, attributed_orders
):
    world = attributed_orders
    client.force_login(zone_staff())
    url = reverse("dashboard:order-list")

    response = client.get(url, {"store": world["store_1"].pk})
    assert listed(response) == {world[k].number for k in ("k1", "k2", "s1")}
    count, goods, total = totals(response)
    assert (count, goods) == (3, Decimal("460.00"))  # 240 + 120 + 100
    assert total == sum(world[k].total_incl_tax for k in ("k1", "k2", "s1"))

    response = client.get(url, {"staff_member": world["ana"].pk})
    assert listed(response) == {world["k1"].number, world["k2"].number}
    assert totals(response)[:2] == (2, Decimal("360.00"))

    response = client.get(url, {"channel": Channel.KIOSK})
    assert listed(response) == {world[k].number for k in ("k1", "k2", "k3")}
    assert totals(response)[:2] == (3, Decimal("460.00"))  # 240 + 120 + 100

    response = client.get(url, {"channel": Channel.ONLINE})
    assert listed(response) == {world["o1"].number}
    assert totals(response)[:2] == (1, Decimal("40.00"))

    response = client.get(url, {"channel": Channel.KIOSK, "store": world["store_2"].pk})
    assert listed(response) == {world["k3"].number}
    html = response.content.decode()
    assert 'id="order_totals"' in html
    assert "Bo" in html

    response = client.get(url)
    assert totals(response)[:2] == (5, Decimal("600.00"))  # 240 + 120 + 100 + 100 + 40


def test_a_merchant_totals_only_its_own_lines_and_sees_no_staff_member(client, attributed_orders):
    world = attributed_orders
    client.force_login(world["merchant_a"])
    url = reverse("dashboard:order-list")

    response = client.get(url, {"store": world["store_1"].pk})
    # A's lines in store 1: k1 (2 × 100) and s1 (1 × 100); k2 is B's alone
    assert listed(response) == {world["k1"].number, world["s1"].number}
    count, goods, total = totals(response)
    assert (count, goods, total) == (2, Decimal("300.00"), None)
    html = response.content.decode()
    assert "Ana" not in html
    assert not re.search(r'<select[^>]*name="staff_member"', html)

    # the staff-member filter is ignored for a merchant: no probing of who sold what
    response = client.get(url, {"staff_member": world["bo"].pk})
    assert listed(response) == {world[k].number for k in ("k1", "k3", "s1")}
    assert totals(response)[:2] == (3, Decimal("400.00"))

    client.force_login(world["merchant_b"])
    response = client.get(url, {"channel": Channel.KIOSK})
    assert listed(response) == {world["k1"].number, world["k2"].number}
    assert totals(response)[:2] == (2, Decimal("160.00"))  # 40 + 120
    assert world["k3"].number not in response.content.decode()


def test_the_order_page_shows_the_channel_and_to_staff_only_the_staff_member(
    client, attributed_orders
):
    world = attributed_orders
    url = reverse("dashboard:order-detail", kwargs={"number": world["k1"].number})
    client.force_login(zone_staff())
    html = client.get(url).content.decode()
    cell = re.search(r'<td id="order_channel">(.*?)</td>', html, re.S).group(1)
    with translation.override("zh-hans"):  # the URL's language
        assert str(Channel.KIOSK.label) in cell
    assert world["store_1"].name in cell
    assert "Ana" in cell
    client.force_login(world["merchant_a"])
    cell = re.search(
        r'<td id="order_channel">(.*?)</td>', client.get(url).content.decode(), re.S
    ).group(1)
    assert world["store_1"].name in cell
    assert "Ana" not in cell
