"""The kiosk in a browser (issue #14), at a 1080×1920 portrait touch screen: pair → attract loop
→ touch → browse in Korean → scan a barcode by keyboard → add to basket → idle countdown and
reset → nothing of the shopper remains. Screenshots of the attract loop, the home page and a
product page in ko, ja and ru; the kiosk home page's transfer size."""

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from playwright.sync_api import expect

from cms.models import PavilionPage
from shop.customs.codes import CountryCode
from shop.kiosk import devices
from tests.browser.cms_fixtures import home_page
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_no_foreign_requests import Recorder
from tests.factories.catalogue import SHEET_MASK, small_catalogue
from tests.factories.kiosk import KioskDeviceFactory, StoreStaffMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTRAIT = {"width": 1080, "height": 1920}
EAN = "8801234567893"
MAX_HOME_BYTES = 500 * 1024
SIZES_FILE = django_settings.BASE_DIR / "test-artifacts" / "kiosk-transfer-sizes.json"


class Transfer:
    """Bytes received per page load (headers + bodies of every response, as the network saw)."""

    def __init__(self, page):
        self.responses = []
        page.on("requestfinished", lambda request: self.responses.append(request))

    def reset(self):
        self.responses.clear()

    def total(self):
        total = 0
        for request in self.responses:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total


def _world():
    home = home_page()
    pavilion = home.add_child(
        instance=PavilionPage(
            title="韩国馆", slug="korea", origin_country=CountryCode.KOREA, locale=home.locale
        )
    )
    pavilion.save_revision().publish()
    catalogue = small_catalogue(images=True)
    catalogue.sheet_mask.upc = EAN
    catalogue.sheet_mask.save()
    device = KioskDeviceFactory(language="")
    StoreStaffMemberFactory(store=device.store, code="2468", display_name="李娜")
    return catalogue, device


def _shot(page, name):
    """What the shopper sees on the 1080×1920 screen (the viewport, not the whole page)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _assert_touch_friendly(page):
    """Controls ≥ 64 px high, body text ≥ 18 px."""
    small = page.evaluate(
        """() => [...document.querySelectorAll(
                'button, .btn, .kiosk-button, .kiosk-language, .basket-line-actions a, '
                + 'input:not([type=hidden]), select')]
            .filter((el) => el.offsetParent !== null)
            .map((el) => [el.outerHTML.slice(0, 80), el.getBoundingClientRect().height])
            .filter(([, height]) => height < 63.5)"""
    )
    assert small == []
    body_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size >= 18


def test_kiosk_pair_browse_scan_and_idle_reset(live_server, browser, settings):
    settings.SHOP_KIOSK_IDLE_SECONDS = 600
    settings.SHOP_KIOSK_COUNTDOWN_SECONDS = 15
    catalogue, device = _world()
    base = live_server.url
    code = devices.issue_pairing_code(device=device)

    context = browser.new_context(locale="zh-CN", viewport=PORTRAIT, has_touch=True)
    recorder = Recorder(context, base)
    page = recorder.watch(context.new_page())
    transfer = Transfer(page)
    try:
        # a normal browser sees the shop, not the kiosk
        page.goto(f"{base}/zh-hans/")
        assert page.locator("#kiosk-config").count() == 0

        # pairing with the one-time code
        page.goto(f"{base}/zh-hans/kiosk/pair/")
        page.fill("input[name=code]", code)
        page.click("#kiosk-pair-form button[type=submit]")
        page.wait_for_url("**/zh-hans/kiosk/")
        device.refresh_from_db()
        assert device.paired_at is not None

        # attract loop, measured from an empty cache in a second context below; a touch leaves it
        expect(page.locator(".kiosk-slide.is-active")).to_be_visible()
        page.mouse.click(540, 1000)
        page.wait_for_url(f"{base}/zh-hans/")
        expect(page.locator("#kiosk-config")).to_have_count(1)
        _assert_touch_friendly(page)

        # Korean, from the big language picker
        page.click(".kiosk-languages a[lang=ko]")
        page.wait_for_url(f"{base}/ko/")
        assert page.get_attribute("html", "lang") == "ko"

        # a person typing digits into the search field searches, the scanner does not take it
        page.fill(".kiosk-search input[name=q]", "")
        page.type(".kiosk-search input[name=q]", "88012345", delay=120)
        page.keyboard.press("Enter")
        page.wait_for_url("**/ko/search/**")
        assert "q=88012345" in page.url

        # a barcode scanner types digits fast and Enter, wherever the focus is; a person
        # typing into the search field keeps their text
        page.fill(".kiosk-search input[name=q]", "마스크")
        page.focus(".kiosk-search input[name=q]")
        page.keyboard.type(EAN, delay=0)
        page.keyboard.press("Enter")
        with translation.override("ko"):
            product_path = catalogue.sheet_mask.get_absolute_url()
        page.wait_for_url(base + product_path)
        assert SHEET_MASK["ko"] in page.inner_text("h1")
        _assert_touch_friendly(page)

        page.click("#add_to_basket_form button[type=submit]")
        page.wait_for_load_state()
        expect(page.locator("#kiosk-basket-count")).to_have_text("1")
        page.goto(f"{base}/ko/kiosk/staff/")
        page.fill("input[name=code]", "2468")
        page.click("#kiosk-staff-form button[type=submit]")
        page.wait_for_url("**/ko/basket/")
        expect(page.locator(".kiosk-staff-link")).to_contain_text("李娜")
        _shot(page, "kiosk-basket-ko")
        _assert_touch_friendly(page)
        names = {cookie["name"] for cookie in context.cookies()}
        assert {"shop_kiosk", django_settings.OSCAR_BASKET_COOKIE_OPEN, "sessionid"} <= names

        # idle: countdown, then the reset (short timeouts)
        settings.SHOP_KIOSK_IDLE_SECONDS = 1
        settings.SHOP_KIOSK_COUNTDOWN_SECONDS = 2
        page.reload()
        expect(page.locator("#kiosk-countdown")).to_be_visible(timeout=5000)
        _shot(page, "kiosk-countdown-ko")
        page.wait_for_url(f"{base}/zh-hans/kiosk/", timeout=10000)
        settings.SHOP_KIOSK_IDLE_SECONDS = 600

        # nothing of the previous shopper remains
        cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
        assert django_settings.OSCAR_BASKET_COOKIE_OPEN not in cookies
        assert "django_language" not in cookies
        assert "shop_kiosk" in cookies
        assert page.get_attribute("html", "lang") == "zh-hans"
        page.mouse.click(540, 1000)
        page.wait_for_url(f"{base}/zh-hans/")
        expect(page.locator("#kiosk-basket-count")).to_have_text("0")
        expect(page.locator(".kiosk-staff-link")).not_to_contain_text("李娜")
        page.go_back()
        page.wait_for_load_state()
        assert (
            urlsplit(page.url).path != "/ko/basket/"
            or page.locator("#kiosk-basket-count").inner_text() == "0"
        )

        # screenshots as a shopper sees them, in three languages
        for language in ("ko", "ja", "ru"):
            page.goto(f"{base}/{language}/kiosk/")
            page.wait_for_timeout(900)  # the first slide's fade-in
            _shot(page, f"kiosk-attract-{language}")
            page.goto(f"{base}/{language}/")
            _shot(page, f"kiosk-home-{language}")
            with translation.override(language):
                page.goto(base + catalogue.sheet_mask.get_absolute_url())
            _shot(page, f"kiosk-product-{language}")
        recorder.assert_clean()
    finally:
        context.close()

    # transfer size of the kiosk home from an empty cache (attract loop, then the home page)
    fresh = browser.new_context(locale="zh-CN", viewport=PORTRAIT, service_workers="block")
    fresh.add_cookies([{"name": "shop_kiosk", "value": devices.cookie_value(device), "url": base}])
    page = fresh.new_page()
    transfer = Transfer(page)
    sizes = {}
    try:
        for name, path in (("attract", "/zh-hans/kiosk/"), ("home", "/zh-hans/")):
            transfer.reset()
            page.goto(base + path, wait_until="networkidle")
            sizes[name] = transfer.total()
    finally:
        fresh.close()
    SIZES_FILE.parent.mkdir(parents=True, exist_ok=True)
    SIZES_FILE.write_text(json.dumps(sizes, indent=2))
    assert sizes["attract"] <= MAX_HOME_BYTES, sizes
    assert sizes["home"] <= MAX_HOME_BYTES, sizes


def test_kiosk_offline_page_when_the_server_is_unreachable(live_server, browser):
    _catalogue, device = _world()
    base = live_server.url
    devices.issue_pairing_code(device=device)
    device = devices.pair_device(code=devices.issue_pairing_code(device=device))
    context = browser.new_context(locale="zh-CN", viewport=PORTRAIT)
    context.add_cookies(
        [{"name": "shop_kiosk", "value": devices.cookie_value(device), "url": base}]
    )
    page = context.new_page()
    try:
        page.goto(f"{base}/zh-hans/")
        page.evaluate("() => navigator.serviceWorker.ready")
        page.reload()  # now controlled by the service worker
        context.set_offline(True)
        page.goto(f"{base}/zh-hans/catalogue/")
        expect(page.locator("#kiosk-offline")).to_be_visible()
        context.set_offline(False)
        # offline.js retries by itself and the page the kiosk wanted comes back
        expect(page.locator("#kiosk-offline")).to_have_count(0, timeout=15000)
        assert urlsplit(page.url).path == "/zh-hans/catalogue/"
    finally:
        context.close()
