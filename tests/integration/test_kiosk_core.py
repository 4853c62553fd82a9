"""Kiosks (issue #14): pairing, recognition, theme, reset, scan, staff code, dashboard."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from shop.kiosk import devices
from shop.kiosk.models import KioskDevice
from shop.kiosk.staff import SESSION_KEY
from tests.factories.catalogue import PartnerFactory
from tests.factories.cms import home_page
from tests.factories.kiosk import (
    ExperienceStoreFactory,
    KioskDeviceFactory,
    StoreStaffMemberFactory,
    paired_kiosk,
)
from tests.factories.merchants import merchant_user
from tests.factories.orders import stocked_product
from tests.factories.users import staff_user

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
COOKIE = "shop_kiosk"


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def error_text(message, language="en"):
    with translation.override(language):
        return str(gettext(message))


# --- pairing ---------------------------------------------------------------------------------


def test_pairing_sets_a_signed_httponly_device_cookie_and_makes_the_browser_a_kiosk(client):
    device = KioskDeviceFactory()
    code = devices.issue_pairing_code(device=device)
    device.refresh_from_db()
    assert code not in device.pairing_code_hash  # only a hash is kept
    response = client.post(url("kiosk:pair"), {"code": code})
    assert response.status_code == 302
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    assert int(cookie["max-age"]) > 365 * 24 * 3600
    device.refresh_from_db()
    assert devices.device_key_from_cookie(cookie.value) == device.device_key
    assert device.paired_at
    assert device.is_active
    attract = client.get(url("kiosk:attract"))
    assert attract.status_code == 200
    assert attract.wsgi_request.kiosk == device


def test_pairing_cookie_is_secure_over_https():
    device = KioskDeviceFactory()
    code = devices.issue_pairing_code(device=device)
    response = Client().post(url("kiosk:pair"), {"code": code}, secure=True)
    assert response.cookies[COOKIE]["secure"]


@pytest.mark.parametrize("language", ["en", "ko", "ru"])
def test_wrong_pairing_code_is_refused_with_a_translated_error(client, language):
    device = KioskDeviceFactory()
    code = devices.issue_pairing_code(device=device)
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    response = client.post(url("kiosk:pair", language), {"code": wrong})
    assert response.status_code == 400
    assert COOKIE not in response.cookies
    expected = error_text(
        "This pairing code is not valid. Check it or ask for a new one.", language
    )
    assert expected in response.content.decode()


def test_expired_pairing_code_is_refused(client):
    device = KioskDeviceFactory()
    code = devices.issue_pairing_code(
        device=device, now=timezone.now() - datetime.timedelta(minutes=16)
    )
    response = client.post(url("kiosk:pair", "ko"), {"code": code})
    assert response.status_code == 400
    assert COOKIE not in response.cookies
    assert error_text("This pairing code has expired. Ask for a new one.", "ko") in (
        response.content.decode()
    )
    device.refresh_from_db()
    assert device.paired_at is None


def test_a_pairing_code_works_once(client):
    device = KioskDeviceFactory()
    code = devices.issue_pairing_code(device=device)
    assert client.post(url("kiosk:pair"), {"code": code}).status_code == 302
    second = Client().post(url("kiosk:pair", "ja"), {"code": code})
    assert second.status_code == 400
    assert COOKIE not in second.cookies
    assert (
        error_text("This pairing code has already been used. Ask for a new one.", "ja")
        in second.content.decode()
    )


def test_pairing_attempts_are_limited(client):
    KioskDeviceFactory()
    for attempt in range(10):
        client.post(url("kiosk:pair"), {"code": f"{attempt:08d}"})
    response = client.post(url("kiosk:pair"), {"code": "12345678"})
    assert response.status_code == 429


def test_repairing_gives_a_new_key_so_the_old_cookie_stops_working(client):
    device = paired_kiosk(client)
    old_cookie = client.cookies[COOKIE].value
    code = devices.issue_pairing_code(device=device)
    devices.pair_device(code=code)
    stale = Client()
    stale.cookies[COOKIE] = old_cookie
    response = stale.get(url("kiosk:attract"))
    assert response.status_code == 302
    assert response["Location"] == url("kiosk:pair", "en")


# --- recognition -----------------------------------------------------------------------------


def test_normal_browser_is_never_a_kiosk(client, django_assert_max_num_queries):
    paired_kiosk()  # a kiosk exists, but this browser has no device cookie
    home_page()
    response = client.get("/zh-hans/")
    assert response.status_code == 200
    assert response.wsgi_request.kiosk is None
    assert b"kiosk-config" not in response.content
    assert b"kiosk.js" not in response.content
    for name in ("kiosk:attract", "kiosk:scan", "kiosk:staff", "kiosk:offline"):
        assert client.get(url(name)).status_code == 404
    assert client.post(url("kiosk:reset")).status_code == 404
    assert client.get("/kiosk-sw.js").status_code == 404


def test_kiosk_pages_render_with_the_kiosk_theme(client):
    home_page()
    paired_kiosk(client)
    response = client.get("/zh-hans/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="kiosk-config"' in content
    assert "kiosk/kiosk.js" in content
    assert (
        response["Cache-Control"].startswith("max-age=0")
        or "no-store" in (response["Cache-Control"])
    )
    # each language in its own name, as big buttons
    for _code, name in settings.LANGUAGES:
        assert name in content
    # the template cache is per theme: a normal browser right after still gets the web theme
    web = Client().get("/zh-hans/")
    assert b"kiosk-config" not in web.content


def test_revoked_device_falls_back_to_the_pairing_screen(client):
    device = paired_kiosk(client)
    devices.revoke_device(device=device)
    response = client.get(url("kiosk:attract"))
    assert response.status_code == 302
    assert response["Location"] == url("kiosk:pair", "en")
    assert client.get(response["Location"]).status_code == 200


def test_forged_cookie_is_not_a_kiosk(client):
    device = paired_kiosk()
    client.cookies[COOKIE] = device.device_key  # unsigned
    response = client.get(url("kiosk:attract"))
    assert response.status_code == 302
    assert "/kiosk/pair/" in response["Location"]


def test_last_contact_is_written_at_most_once_a_minute(client, django_assert_num_queries):
    device = paired_kiosk(client)
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    KioskDevice.objects.filter(pk=device.pk).update(last_seen_at=long_ago)
    client.get(url("kiosk:offline"))
    device.refresh_from_db()
    first = device.last_seen_at
    assert first > long_ago
    client.get(url("kiosk:offline"))
    device.refresh_from_db()
    assert device.last_seen_at == first


def test_kiosk_cannot_reach_sign_in_checkout_or_dashboard(client):
    paired_kiosk(client)
    for path in (
        url("customer:login"),
        url("checkout:index"),
        url("customer:summary"),
        url("dashboard:index"),
        url("password-reset"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == url("basket:summary", "en"), path


# --- reset -----------------------------------------------------------------------------------


def test_reset_wipes_session_basket_and_cookies_but_keeps_the_device_cookie(client):
    store = ExperienceStoreFactory()
    device = paired_kiosk(client, store=store, language="ko")
    member = StoreStaffMemberFactory(store=store, code="4242")
    product = stocked_product()
    client.get(url("basket:summary"))
    assert client.post(url("basket:add", pk=product.pk), {"quantity": 1}).status_code == 302
    assert client.post(url("kiosk:staff"), {"code": "4242"}).status_code == 302
    client.cookies["django_language"] = "ru"
    assert client.session[SESSION_KEY] == member.pk
    assert settings.OSCAR_BASKET_COOKIE_OPEN in client.cookies
    basket_cookie = client.cookies[settings.OSCAR_BASKET_COOKIE_OPEN].value
    assert "csrftoken" in client.cookies
    assert settings.SESSION_COOKIE_NAME in client.cookies

    old_session_key = client.session.session_key
    response = client.post(url("kiosk:reset", "ru"))
    # the shopper's session is gone on the server too, not only its cookie
    assert not Session.objects.filter(session_key=old_session_key).exists()
    assert response.status_code == 302
    assert response["Location"] == url("kiosk:attract", "ko") == device_home(device)
    for name in (
        settings.OSCAR_BASKET_COOKIE_OPEN,
        "csrftoken",
        "django_language",
        settings.SESSION_COOKIE_NAME,
    ):
        assert response.cookies[name].value == "", name
        assert response.cookies[name]["max-age"] == 0, name
    assert COOKIE not in response.cookies
    assert client.cookies[COOKIE].value  # the device stays paired

    after = client.get(url("basket:summary", "ko"))
    assert after.wsgi_request.kiosk == device
    assert after.context["basket"].num_items == 0
    assert SESSION_KEY not in client.session
    # the old basket's cookie no longer gives the basket back on this device
    assert basket_cookie not in [c.value for c in client.cookies.values()]


def device_home(device):
    from shop.kiosk.reset import kiosk_home_url

    return kiosk_home_url(device)


def test_reset_needs_post_and_a_csrf_token():
    csrf_client = Client(enforce_csrf_checks=True)
    paired_kiosk(csrf_client)
    assert csrf_client.get(url("kiosk:reset")).status_code == 405
    assert csrf_client.post(url("kiosk:reset")).status_code == 403


def test_default_language_comes_from_settings_when_the_device_names_none(client, settings):
    settings.SHOP_KIOSK_DEFAULT_LANGUAGE = "ja"
    device = paired_kiosk(client)
    assert client.post(url("kiosk:reset"))["Location"] == url("kiosk:attract", "ja")
    assert device.default_language == "ja"


# --- scan ------------------------------------------------------------------------------------


def test_scan_redirects_to_the_product_by_upc(client):
    paired_kiosk(client)
    product = stocked_product()
    product.upc = "8801234567893"
    product.save()
    response = client.get(url("kiosk:scan", "ko"), {"code": "8801234567893"})
    assert response.status_code == 302
    with translation.override("ko"):
        assert response["Location"] == product.get_absolute_url()


def test_scan_accepts_upc_a_as_ean_13(client):
    paired_kiosk(client)
    product = stocked_product()
    product.upc = "012345678905"
    product.save()
    response = client.get(url("kiosk:scan"), {"code": "0012345678905"})
    assert response.status_code == 302


@pytest.mark.parametrize("code", ["4006381333931", "abc", ""])
def test_scan_of_an_unknown_code_says_so_in_the_kiosk_language(client, code):
    paired_kiosk(client)
    hidden = stocked_product()
    hidden.upc = "4006381333931"
    hidden.is_public = False
    hidden.save()
    response = client.get(url("kiosk:scan", "ru"), {"code": code})
    assert response.status_code == 404
    with translation.override("ru"):
        assert gettext("Product not found") in response.content.decode()


# --- staff code ------------------------------------------------------------------------------


def test_staff_code_of_the_kiosk_store_is_kept_in_the_session(client):
    store = ExperienceStoreFactory()
    paired_kiosk(client, store=store)
    member = StoreStaffMemberFactory(store=store, code="1234")
    other_store_member = StoreStaffMemberFactory(code="5555")
    StoreStaffMemberFactory(store=store, code="9999", is_active=False)
    assert client.post(url("kiosk:staff"), {"code": "1234"}).status_code == 302
    assert client.session[SESSION_KEY] == member.pk
    for code in (other_store_member.code, "9999", "0000"):
        response = client.post(url("kiosk:staff", "ko"), {"code": code})
        assert response.status_code == 400
        assert error_text("No staff member of this store has this code.", "ko") in (
            response.content.decode()
        )
    assert client.session[SESSION_KEY] == member.pk
    client.post(url("kiosk:staff"), {"action": "clear"})
    assert SESSION_KEY not in client.session


# --- service worker and offline page ---------------------------------------------------------


def test_service_worker_is_served_at_the_root_for_kiosks(client):
    paired_kiosk(client)
    response = client.get("/kiosk-sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    body = response.content.decode()
    assert url("kiosk:offline", "zh-hans") in body
    assert url("kiosk:offline", "ko") in body
    offline = client.get(url("kiosk:offline", "ko"))
    assert offline.status_code == 200
    assert b"kiosk/offline.js" in offline.content
    assert b"csrfmiddlewaretoken" not in offline.content


# --- dashboard -------------------------------------------------------------------------------


def test_staff_register_a_kiosk_and_see_its_code_once(client):
    client.force_login(staff_user())
    store = ExperienceStoreFactory()
    response = client.post(
        url("kiosk-dashboard:device-create"),
        {"store": store.pk, "name": "Entrance", "language": ""},
    )
    assert response.status_code == 200
    code = response.context["code"]
    assert len(code) == 8
    assert code.encode() in response.content
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    device = KioskDevice.objects.get(name="Entrance")
    assert device.pairing_pending
    assert code not in device.pairing_code_hash
    listing = client.get(url("kiosk-dashboard:device-list"))
    assert code.encode() not in listing.content
    # pair, then revoke from the dashboard
    kiosk = Client()
    assert kiosk.post(url("kiosk:pair"), {"code": code}).status_code == 302
    client.post(url("kiosk-dashboard:device-revoke", pk=device.pk))
    device.refresh_from_db()
    assert device.revoked_at is not None
    assert kiosk.get(url("kiosk:attract")).status_code == 302


def test_staff_manage_store_staff_codes(client):
    client.force_login(staff_user())
    store = ExperienceStoreFactory()
    response = client.post(
        url("kiosk-dashboard:staff-create"),
        {"store": store.pk, "code": "3030", "display_name": "李娜", "is_active": "on"},
    )
    assert response.status_code == 302
    duplicate = client.post(
        url("kiosk-dashboard:staff-create"),
        {"store": store.pk, "code": "3030", "display_name": "王伟", "is_active": "on"},
    )
    assert duplicate.status_code == 200
    assert store.staff_members.count() == 1


def test_dashboard_is_staff_only(client):
    merchant = merchant_user(PartnerFactory())
    device = KioskDeviceFactory()
    client.force_login(merchant)
    for name, kwargs in (
        ("kiosk-dashboard:device-list", {}),
        ("kiosk-dashboard:device-create", {}),
        ("kiosk-dashboard:staff-list", {}),
    ):
        assert client.get(url(name, **kwargs)).status_code == 403
    assert client.post(url("kiosk-dashboard:device-pairing-code", pk=device.pk)).status_code == 403
    assert client.post(url("kiosk-dashboard:device-revoke", pk=device.pk)).status_code == 403
    device.refresh_from_db()
    assert device.revoked_at is None
    assert not device.pairing_code_hash


# --- demo ------------------------------------------------------------------------------------


def test_demo_kiosk_can_be_paired_and_has_two_staff_members(client):
    from shop.kiosk.demo import demo_kiosk_create

    store = ExperienceStoreFactory()
    demo = demo_kiosk_create(store=store)
    assert len(demo.staff) == 2
    assert all(m.store == store for m in demo.staff)
    assert client.post(url("kiosk:pair"), {"code": demo.pairing_code}).status_code == 302
    again = demo_kiosk_create(store=store)
    assert again.device == demo.device
    assert again.pairing_code == ""
    assert store.staff_members.count() == 2
    assert store.kiosks.count() == 1
