"""Kiosk basket → shopper's phone (issue #14): single use, expiry, tampering, the basket
recreated on the phone with the kiosk's attribution, the kiosk's polling and reset."""

import datetime
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from oscar.core.loading import get_model

from shop.attribution import services
from shop.attribution.models import Channel, HandoffLine, HandoffToken
from shop.kiosk.staff import SESSION_KEY as STAFF_SESSION_KEY
from tests.factories.kiosk import ExperienceStoreFactory, StoreStaffMemberFactory, paired_kiosk
from tests.factories.orders import stocked_product

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")


@pytest.fixture
def store():
    return ExperienceStoreFactory(code="harbin-central", name="哈尔滨中央大街体验店")


@pytest.fixture
def goods():
    return {
        "mask": stocked_product(
            price="129.00", titles={"zh-hans": "补水面膜", "ko": "수분 마스크"}
        ),
        "honey": stocked_product(
            price="88.00", titles={"zh-hans": "阿尔泰蜂蜜", "ko": "알타이 꿀"}
        ),
    }


@pytest.fixture
def kiosk(store):
    client = Client()
    device = paired_kiosk(client, store=store)
    return client, device


def kiosk_basket(client, goods, language="ko"):
    for product, quantity in ((goods["mask"], 2), (goods["honey"], 1)):
        response = client.post(f"/{language}/basket/add/{product.pk}/", {"quantity": quantity})
        assert response.status_code == 302


def start_handoff(client, language="ko"):
    """Press "Order on my phone"; returns (token, phone path) read from the QR page's data."""
    response = client.post(f"/{language}/handoff/")
    assert response.status_code == 302, response.content[:500]
    page = client.get(response["Location"])
    html = page.content.decode()
    match = re.search(r'data-handoff-url="([^"]+)"', html)
    assert match, html[:3000]
    url = unescape(match.group(1))
    public_id = response["Location"].rstrip("/").split("/")[-1]
    return HandoffToken.objects.get(public_id=public_id), urlsplit(url).path, html


def phone_basket(phone):
    response = phone.get("/ko/basket/")
    return {line.product_id: line.quantity for line in response.context["basket"].all_lines()}


def test_the_basket_moves_to_the_phone_with_store_kiosk_and_staff(kiosk, goods, store):
    client, device = kiosk
    member = StoreStaffMemberFactory(store=store, code="0815")
    assert client.post("/ko/kiosk/staff/", {"code": "0815"}).status_code == 302
    assert client.session[STAFF_SESSION_KEY] == member.pk
    kiosk_basket(client, goods)

    token, path, html = start_handoff(client)
    assert "<svg" in html
    assert "qrline" in html
    assert path.startswith("/ko/h/")
    assert (token.store, token.device, token.staff_member) == (store, device, member)
    assert sorted((line.product_id, line.quantity) for line in token.lines.all()) == sorted(
        [(goods["mask"].pk, 2), (goods["honey"].pk, 1)]
    )
    status_url = reverse("attribution:handoff-status", kwargs={"public_id": token.public_id})
    assert client.get(status_url).json() == {"status": "pending"}

    phone = Client()
    response = phone.get(path)
    assert response.status_code == 302
    assert response["Location"].endswith("/ko/basket/")
    assert phone_basket(phone) == {goods["mask"].pk: 2, goods["honey"].pk: 1}
    attribution = phone.session[services.SESSION_KEY]
    assert attribution["channel"] == Channel.KIOSK
    assert (attribution["store"], attribution["device"], attribution["staff_member"]) == (
        store.pk,
        device.pk,
        member.pk,
    )
    # the kiosk's polling sees it, and "done" resets the kiosk
    assert client.get(status_url).json() == {"status": "opened"}
    done = client.post(reverse("attribution:handoff-done", kwargs={"public_id": token.public_id}))
    assert done.status_code == 302
    assert STAFF_SESSION_KEY not in client.session
    assert client.get("/ko/basket/").context["basket"].num_lines == 0
    # the phone's basket is its own
    assert phone_basket(phone) == {goods["mask"].pk: 2, goods["honey"].pk: 1}


def test_a_link_works_once_and_a_reload_on_the_same_phone_adds_nothing(kiosk, goods):
    client, _device = kiosk
    kiosk_basket(client, goods)
    _token, path, _html = start_handoff(client)
    phone = Client()
    assert phone.get(path).status_code == 302
    assert phone.get(path).status_code == 302  # the shopper's reload: still their basket
    assert phone_basket(phone) == {goods["mask"].pk: 2, goods["honey"].pk: 1}

    other = Client()
    response = other.get(path)
    assert response.status_code == 410
    html = response.content.decode()
    with translation.override("ko"):
        assert (
            gettext(
                "This link has already been used: each link from the kiosk moves its basket once, "
                "to one phone."
            )
            in html
        )
    # the products are offered anyway: a link and an "add" form for each
    for product in goods.values():
        assert product.get_absolute_url() in html
        assert reverse("basket:add", kwargs={"pk": product.pk}) in html
    assert services.SESSION_KEY not in other.session
    assert phone_basket(other) == {}


def test_an_expired_link_explains_itself_and_offers_the_products(kiosk, goods, settings):
    client, _device = kiosk
    kiosk_basket(client, goods)
    token, path, _html = start_handoff(client)
    assert token.expires_at - token.created_at == datetime.timedelta(
        seconds=settings.SHOP_HANDOFF_TTL_SECONDS
    )
    HandoffToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    phone = Client()
    response = phone.get(path)
    assert response.status_code == 410
    html = response.content.decode()
    with translation.override("ko"):
        assert (
            gettext(
                "This link has expired: a link from the kiosk works only for a few minutes after "
                "it is shown."
            )
            in html
        )
    assert goods["honey"].get_absolute_url() in html
    assert phone_basket(phone) == {}
    assert services.SESSION_KEY not in phone.session
    status_url = reverse("attribution:handoff-status", kwargs={"public_id": token.public_id})
    assert client.get(status_url).json() == {"status": "expired"}


def test_a_tampered_link_opens_nothing(kiosk, goods):
    client, _device = kiosk
    kiosk_basket(client, goods)
    token, path, _html = start_handoff(client)
    link_token = path.rstrip("/").split("/")[-1]
    assert len(link_token) <= 42  # short: a small QR code, a link one can type
    public_id, secret, mac = link_token.split(".")
    flipped = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    forged = [
        f"{public_id}.{secret}.{mac[:-1]}{'A' if mac[-1] != 'A' else 'B'}",  # mac changed
        f"{public_id}.{flipped}.{mac}",  # secret changed, old mac
        # a correct mac over a guessed secret (as if the SECRET_KEY had leaked)
        services.link_token_sign(public_id, flipped),
        f"{public_id}.{secret}",  # no mac
        "not-a-token",
    ]
    phone = Client()
    for bad in forged:
        response = phone.get(f"/ko/h/{bad}/")
        assert response.status_code == 404, bad
    with translation.override("ko"):
        assert gettext("This link is not valid. Please scan the code on the kiosk again.") in (
            response.content.decode()
        )
    token.refresh_from_db()
    assert token.consumed_at is None
    assert phone_basket(phone) == {}
    # the real link still works
    assert phone.get(path).status_code == 302
    assert phone_basket(phone) == {goods["mask"].pk: 2, goods["honey"].pk: 1}


def test_lines_out_of_stock_meanwhile_are_explained_on_the_phone(kiosk, goods):
    client, _device = kiosk
    kiosk_basket(client, goods)
    _token, path, _html = start_handoff(client)
    StockRecord.objects.filter(product=goods["honey"]).update(num_in_stock=0)
    StockRecord.objects.filter(product=goods["mask"]).update(num_in_stock=1)
    phone = Client()
    response = phone.get(path, follow=True)
    assert phone_basket(phone) == {goods["mask"].pk: 1}
    shown = [str(message) for message in response.context["messages"]]
    with translation.override("ko"):
        honey, mask = goods["honey"].title_ko, goods["mask"].title_ko
        assert gettext("“%(title)s” is sold out.") % {"title": honey} in shown
        assert (
            ngettext(
                "Only %(count)d of “%(title)s” is left: your basket has that many now.",
                "Only %(count)d of “%(title)s” are left: your basket has that many now.",
                1,
            )
            % {"count": 1, "title": mask}
            in shown
        )


def test_done_on_the_kiosk_closes_an_unopened_link(kiosk, goods):
    client, _device = kiosk
    kiosk_basket(client, goods)
    token, path, _html = start_handoff(client)
    client.post(reverse("attribution:handoff-done", kwargs={"public_id": token.public_id}))
    token.refresh_from_db()
    assert token.closed_at is not None
    response = Client().get(path)
    assert response.status_code == 410


def test_a_normal_browser_or_another_kiosk_cannot_use_the_kiosk_side(kiosk, goods, store):
    client, _device = kiosk
    kiosk_basket(client, goods)
    token, _path, _html = start_handoff(client)
    browser = Client()
    browser.post(f"/ko/basket/add/{goods['mask'].pk}/", {"quantity": 1})
    assert browser.post("/ko/handoff/").status_code == 403
    show = reverse("attribution:handoff-show", kwargs={"public_id": token.public_id})
    status = reverse("attribution:handoff-status", kwargs={"public_id": token.public_id})
    assert browser.get(show).status_code == 403
    assert browser.get(status).status_code == 403
    other_kiosk = Client()
    paired_kiosk(other_kiosk, store=store)
    assert other_kiosk.get(show).status_code == 404
    assert other_kiosk.get(status).status_code == 404
    assert HandoffToken.objects.count() == 1


def test_an_empty_kiosk_basket_makes_no_handoff(kiosk):
    client, _device = kiosk
    response = client.post("/ko/handoff/", follow=True)
    assert HandoffToken.objects.count() == 0
    with translation.override("ko"):
        assert gettext("Your basket is empty.") in response.content.decode()


def test_the_kiosk_basket_offers_the_handoff_and_a_browser_basket_does_not(kiosk, goods):
    client, _device = kiosk
    kiosk_basket(client, goods)
    html = client.get("/ko/basket/").content.decode()
    assert 'id="handoff-create-form"' in html
    browser = Client()
    browser.post(f"/ko/basket/add/{goods['mask'].pk}/", {"quantity": 1})
    assert 'id="handoff-create-form"' not in browser.get("/ko/basket/").content.decode()


def test_the_link_token_is_not_stored(kiosk, goods):
    client, _device = kiosk
    kiosk_basket(client, goods)
    token, path, _html = start_handoff(client)
    link_token = path.rstrip("/").split("/")[-1]
    secret = link_token.split(".")[1]
    assert secret
    assert secret not in str(list(HandoffToken.objects.values()))
    assert token.secret_hash != secret


def test_a_head_request_does_not_consume_the_link(kiosk, goods):
    client, _device = kiosk
    kiosk_basket(client, goods)
    token, path, _html = start_handoff(client)
    assert Client().head(path).status_code == 200
    token.refresh_from_db()
    assert token.consumed_at is None


def test_a_wrong_mac_is_refused_before_the_database_is_asked(
    kiosk, goods, django_assert_num_queries
):
    client, _device = kiosk
    kiosk_basket(client, goods)
    token, path, _html = start_handoff(client)
    public_id, secret, mac = path.rstrip("/").split("/")[-1].split(".")
    assert services.handoff_token_get(f"{public_id}.{secret}.{mac}") == token
    with django_assert_num_queries(0):
        assert services.handoff_token_get(f"{public_id}.{secret}.{mac[::-1]}") is None
        assert services.handoff_token_get(f"{public_id}.{secret}.") is None


def test_hand_offs_expired_a_day_ago_are_purged(kiosk, goods):
    from shop.attribution.jobs import purge_handoffs

    client, _device = kiosk
    kiosk_basket(client, goods)
    old, _path, _html = start_handoff(client)
    recent, _path, _html = start_handoff(client)
    HandoffToken.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1, seconds=1)
    )
    HandoffToken.objects.filter(pk=recent.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=23)
    )
    assert purge_handoffs() == {"deleted": 1}
    assert list(HandoffToken.objects.values_list("pk", flat=True)) == [recent.pk]
    assert HandoffLine.objects.filter(token_id=old.pk).count() == 0
