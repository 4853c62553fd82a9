"""A shopper checks out a mixed basket and pays, in Korean and Russian (issues #4, #6): three
merchants-and-warehouses parts, each with freight and tax, the real-name step, the consumer
notice, the order placed pending payment, paid through the sandbox, and its declarations queued
for customs."""

import pytest
from django.utils import translation

from shop.customs.models import Declaration
from tests.factories.customs import valid_id_number
from tests.factories.orders import assortment, shopper
from tests.factories.users import SHOPPER_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTICE_TITLE = {"ko": "해외직구", "ru": "трансграничн"}


@pytest.mark.parametrize("language", ["ko", "ru"])
def test_mixed_basket_checkout_and_pay(language, live_server, browser, screenshot):
    user = shopper()
    # one product from each (merchant × warehouse) part: bonded Hunchun (taiga), bonded Dalian
    # (hanbit) and direct mail from Incheon (hanbit)
    goods = assortment()
    products = [goods.hunchun_bonded, goods.dalian_bonded, goods.incheon_direct]
    with translation.override(language):
        urls = [p.get_absolute_url() for p in products]

    context = browser.new_context(
        locale={"ko": "ko-KR", "ru": "ru-RU"}[language], viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    base = live_server.url
    try:
        page.goto(f"{base}/{language}/accounts/login/")
        page.fill("#id_login-username", user.email)
        page.fill("#id_login-password", SHOPPER_PASSWORD)
        page.click("button[name=login_submit]")
        page.wait_for_load_state()

        for url in urls:
            page.goto(base + url)
            page.locator("#add_to_basket_form button[type=submit]").click()
            page.wait_for_load_state()

        page.goto(f"{base}/{language}/basket/")
        page.locator(f"a[href='/{language}/checkout/']").first.click()
        page.wait_for_load_state()
        assert "/checkout/shipping-address/" in page.url
        page.fill("#id_first_name", "王芳")
        page.fill("#id_state", "吉林省")
        page.fill("#id_line4", "长春市")
        page.fill("#id_line3", "南关区")
        page.fill("#id_line1", "人民大街 1210 号")
        page.fill("#id_postcode", "130000")
        screenshot(page, f"checkout-{language}-1-address")
        page.locator("form#new_shipping_address button[type=submit]").click()
        page.wait_for_load_state()

        # real-name step: a wrong check digit is refused with a translated message, input kept
        assert "/checkout/customs-identity/" in page.url
        good_id = valid_id_number()
        bad_id = good_id[:-1] + ("1" if good_id[-1] != "1" else "2")
        page.fill("#id_name", "王芳")
        page.fill("#id_id_number", bad_id)
        page.fill("#id_phone", "13812345678")
        page.fill("#id_consignee_phone", "13900001234")
        page.locator("#customs_identity_form button[type=submit]").click()
        page.wait_for_load_state()
        assert "/checkout/customs-identity/" in page.url
        assert page.locator("#id_name").input_value() == "王芳"
        screenshot(page, f"checkout-{language}-2-identity-error")
        error = page.locator(
            "#customs_identity_form .invalid-feedback, #customs_identity_form .error-block"
        ).first.inner_text()
        assert error.strip()
        assert "check character" not in error  # translated, not the English source
        page.fill("#id_id_number", good_id)
        page.locator("#customs_identity_form button[type=submit]").click()
        page.wait_for_load_state()

        # preview: three declarations with freight, tax and totals, before paying
        assert "/checkout/preview/" in page.url, page.url
        parts = page.locator(".declaration-part")
        assert parts.count() == 3
        assert sorted(parts.nth(i).get_attribute("data-trade-mode") for i in range(3)) == [
            "1210",
            "1210",
            "9610",
        ]
        assert page.locator("#orderer_summary").inner_text().count("*") >= 10  # masked
        assert good_id not in page.content()
        screenshot(page, f"checkout-{language}-3-preview")

        page.check("#accept_notice")
        page.click("#place-order")
        page.wait_for_load_state()
        # placed, pending payment: straight on to the payment page (the sandbox here)
        assert f"/{language}/payments/" in page.url, page.url
        assert page.locator("#payment_summary tr").count() == 4  # 3 shipments + total
        assert page.locator("#sandbox_notice").is_visible()
        declarations = Declaration.objects.all()
        assert {d.status for d in declarations} == {Declaration.Status.AWAITING_PAYMENT}
        screenshot(page, f"checkout-{language}-4-payment")
        page.click("#sandbox_succeed")
        page.wait_for_load_state()
        assert "/accounts/orders/" in page.url, page.url
        statuses = page.locator("#customs_declarations .declaration")
        assert statuses.count() == 3
        assert {statuses.nth(i).get_attribute("data-status") for i in range(3)} == {"paid"}
        screenshot(page, f"checkout-{language}-5-paid")
    finally:
        context.close()

    declarations = Declaration.objects.all()
    assert declarations.count() == 3
    assert {d.status for d in declarations} == {Declaration.Status.PAID}
    for declaration in declarations:
        assert declaration.outbox_messages.count() == 4  # queued for customs
