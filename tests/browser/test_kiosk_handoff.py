"""The kiosk hands its basket to the shopper's phone (issue #14), in two browser contexts: the
kiosk pairs → attract loop → Korean → a scanned barcode → two products → staff code → "Order on
my phone" → the QR code, decoded from the page's pixels with zxing-cpp, is the link in the
page's data → the phone opens it → the basket is there → sign in, real-name details, sandbox
payment → the order carries store, kiosk and staff member; the kiosk has reset itself.
Screenshots of the hand-off and of a shelf-label sheet in ko, ja and ru."""

import io

import pytest
import zxingcpp
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import expect

from shop.attribution.models import Channel, HandoffToken, OrderAttribution
from shop.customs.models import Declaration
from shop.kiosk import devices
from tests.browser.checkout_steps import checkout_to_payment
from tests.browser.cms_fixtures import home_page
from tests.factories.catalogue import CICA_CREAM, SHEET_MASK, small_catalogue
from tests.factories.kiosk import (
    ExperienceStoreFactory,
    KioskDeviceFactory,
    StoreStaffMemberFactory,
    paired_kiosk,
)
from tests.factories.merchants import zone_staff
from tests.factories.orders import shopper
from tests.factories.users import SHOPPER_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
PORTRAIT = {"width": 1080, "height": 1920}
PHONE = {"width": 390, "height": 844}
EAN = "8801234567893"


def decode_qr(page, selector) -> str:
    """Read the QR code from what the screen shows (a screenshot of the element)."""
    png = page.locator(selector).screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, results
    return results[0].text


def test_kiosk_basket_moves_to_the_phone_and_the_order_keeps_store_kiosk_and_staff(
    live_server, browser, screenshot, settings
):
    settings.SHOP_KIOSK_IDLE_SECONDS = 600
    home_page()
    catalogue = small_catalogue()
    catalogue.sheet_mask.upc = EAN
    catalogue.sheet_mask.save()
    store = ExperienceStoreFactory(code="harbin-central", name="哈尔滨中央大街体验店")
    device = KioskDeviceFactory(store=store, language="")
    member = StoreStaffMemberFactory(store=store, code="2468", display_name="李娜")
    buyer = shopper()
    code = devices.issue_pairing_code(device=device)
    base = live_server.url
    with translation.override("ko"):
        cream_path = catalogue.cica_cream.get_absolute_url()
        mask_path = catalogue.sheet_mask.get_absolute_url()

    kiosk_context = browser.new_context(locale="zh-CN", viewport=PORTRAIT, has_touch=True)
    phone_context = browser.new_context(locale="ko-KR", viewport=PHONE, has_touch=True)
    kiosk = kiosk_context.new_page()
    phone = phone_context.new_page()
    try:
        # --- the kiosk: pair, attract loop, Korean, scan, two products, staff code
        kiosk.goto(f"{base}/zh-hans/kiosk/pair/")
        kiosk.fill("input[name=code]", code)
        kiosk.click("#kiosk-pair-form button[type=submit]")
        kiosk.wait_for_url("**/zh-hans/kiosk/")
        expect(kiosk.locator(".kiosk-slide.is-active")).to_be_visible()
        kiosk.mouse.click(540, 1000)
        kiosk.wait_for_url(f"{base}/zh-hans/")
        kiosk.click(".kiosk-languages a[lang=ko]")
        kiosk.wait_for_url(f"{base}/ko/")

        # the scanner "types" the EAN and Enter within microseconds (keyboard.type's keys can be
        # more than the scanner detection's 50 ms apart on a loaded machine)
        kiosk.focus(".kiosk-search input[name=q]")
        kiosk.evaluate(
            """(code) => [...code, "Enter"].forEach((key) => document.activeElement
                .dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true})))""",
            EAN,
        )
        kiosk.wait_for_url(base + mask_path)
        assert SHEET_MASK["ko"] in kiosk.inner_text("h1")
        kiosk.click("#add_to_basket_form button[type=submit]")
        kiosk.wait_for_load_state()
        kiosk.goto(base + cream_path)
        assert CICA_CREAM["ko"] in kiosk.inner_text("h1")
        kiosk.click("#add_to_basket_form button[type=submit]")
        kiosk.wait_for_load_state()
        expect(kiosk.locator("#kiosk-basket-count")).to_have_text("2")

        kiosk.goto(f"{base}/ko/kiosk/staff/")
        kiosk.fill("input[name=code]", "2468")
        kiosk.click("#kiosk-staff-form button[type=submit]")
        kiosk.wait_for_url("**/ko/basket/")
        expect(kiosk.locator(".kiosk-staff-link")).to_contain_text("李娜")

        # --- "Order on my phone": the QR code on the screen is the link in the page's data
        screenshot(kiosk, "kiosk-handoff-basket-ko")
        kiosk.click("#handoff-create-form button[type=submit]")
        kiosk.wait_for_url("**/ko/handoff/*/")
        expect(kiosk.locator(".handoff-qr svg")).to_be_visible()
        link = kiosk.get_attribute("#handoff", "data-handoff-url")
        assert link.startswith(f"{base}/ko/h/")
        assert decode_qr(kiosk, ".handoff-qr") == link
        assert link in kiosk.inner_text(".handoff-link")
        screenshot(kiosk, "kiosk-handoff-ko")
        token = HandoffToken.objects.get()
        assert (token.store, token.device, token.staff_member) == (store, device, member)

        # --- the phone: a normal web session with the basket, then sign-in and payment
        phone.goto(link)
        phone.wait_for_url("**/ko/basket/")
        assert phone.locator("#kiosk-config").count() == 0  # not a kiosk
        lines = phone.locator("#basket_formset .basket-items")
        expect(lines).to_have_count(2)
        basket_text = phone.inner_text("#content_inner")
        assert SHEET_MASK["ko"] in basket_text
        assert CICA_CREAM["ko"] in basket_text
        screenshot(phone, "kiosk-handoff-phone-basket-ko")

        # the kiosk noticed and reset itself for the next shopper (its polling script)
        kiosk.wait_for_url("**/kiosk/", timeout=15_000)
        names = {cookie["name"] for cookie in kiosk_context.cookies()}
        assert django_settings.OSCAR_BASKET_COOKIE_OPEN not in names
        kiosk.goto(f"{base}/ko/basket/")
        expect(kiosk.locator("#kiosk-basket-count")).to_have_text("0")
        assert "李娜" not in kiosk.inner_text(".kiosk-staff-link")

        phone.goto(f"{base}/ko/accounts/login/")
        phone.fill("#id_login-username", buyer.email)
        phone.fill("#id_login-password", SHOPPER_PASSWORD)
        phone.click("button[name=login_submit]")
        phone.wait_for_load_state()
        phone.goto(f"{base}/ko/basket/")
        expect(phone.locator("#basket_formset .basket-items")).to_have_count(2)
        phone.locator("a[href='/ko/checkout/']").first.click()
        phone.wait_for_load_state()
        checkout_to_payment(phone, "ko")
        phone.click("#sandbox_succeed")
        phone.wait_for_load_state()
        assert "/accounts/orders/" in phone.url, phone.url
        screenshot(phone, "kiosk-handoff-phone-paid-ko")
    finally:
        kiosk_context.close()
        phone_context.close()

    order = Order.objects.get()
    assert order.user == buyer
    assert sorted(line.product_id for line in order.lines.all()) == sorted(
        [catalogue.sheet_mask.pk, catalogue.cica_cream.pk]
    )
    assert {d.status for d in Declaration.objects.filter(order=order)} == {Declaration.Status.PAID}
    attribution = OrderAttribution.objects.get(order=order)
    assert attribution.channel == Channel.KIOSK
    assert (attribution.store, attribution.device, attribution.staff_member) == (
        store,
        device,
        member,
    )


def _staff_session(context, base):
    """Zone staff signed in: the session cookie of a Django test client, in the context."""
    client = Client()
    client.force_login(zone_staff())
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": base, "httpOnly": True}]
    )


@pytest.mark.parametrize("language", ["ko", "ja", "ru"])
def test_handoff_screen_and_shelf_label_sheet(language, live_server, browser, screenshot):
    home_page()
    catalogue = small_catalogue()
    store = ExperienceStoreFactory(code="hunchun-store", name="珲春体验店")
    base = live_server.url
    locale = {"ko": "ko-KR", "ja": "ja-JP", "ru": "ru-RU"}[language]

    kiosk_context = browser.new_context(locale=locale, viewport=PORTRAIT, has_touch=True)
    staff_context = browser.new_context(locale=locale, viewport={"width": 1000, "height": 1400})
    try:
        paired_kiosk(kiosk_context, store=store, base_url=base, language=language)
        kiosk = kiosk_context.new_page()
        for product in (catalogue.sheet_mask, catalogue.chocolate):
            with translation.override(language):
                kiosk.goto(base + product.get_absolute_url())
            kiosk.click("#add_to_basket_form button[type=submit]")
            kiosk.wait_for_load_state()
        kiosk.goto(f"{base}/{language}/basket/")
        kiosk.click("#handoff-create-form button[type=submit]")
        kiosk.wait_for_url(f"**/{language}/handoff/*/")
        link = kiosk.get_attribute("#handoff", "data-handoff-url")
        assert decode_qr(kiosk, ".handoff-qr") == link
        assert kiosk.get_attribute("html", "lang") == language
        screenshot(kiosk, f"kiosk-handoff-{language}")

        _staff_session(staff_context, base)
        sheet = staff_context.new_page()
        products = [
            catalogue.sheet_mask,
            catalogue.tea_tree_mask,
            catalogue.cica_cream,
            catalogue.chocolate,
            catalogue.honey_cookies,
        ]
        query = "&".join(
            [f"store={store.pk}", f"languages=zh-hans&languages={language}"]
            + [f"products={p.pk}" for p in products]
        )
        sheet.goto(f"{base}/{language}/dashboard/attribution/shelf-labels/print/?{query}")
        labels = sheet.locator("article.label")
        expect(labels).to_have_count(5)
        first = labels.first
        assert decode_qr(sheet, f'article.label[data-product="{products[0].pk}"] .label-qr') == (
            f"{base}/{language}/s/{store.code}/{products[0].pk}/"
        )
        with translation.override(language):
            assert SHEET_MASK[language] in first.inner_text()
        assert SHEET_MASK["zh-hans"] in first.inner_text()
        # nothing sticks out of a label
        overflowing = sheet.evaluate(
            """() => [...document.querySelectorAll('article.label')]
                .filter((el) => el.scrollHeight > el.clientHeight + 1).length"""
        )
        assert overflowing == 0
        screenshot(sheet, f"shelf-labels-{language}")
    finally:
        kiosk_context.close()
        staff_context.close()
