"""A return as people do it (issue #15): the shopper asks in Russian on the order page, the
merchant records the parcel in the dashboard, the customs simulator concludes it, the shopper
sees the refund and the restored annual quota."""

import pytest
from django.utils.translation import gettext, override

from shop.customs.models import ReturnRequest
from shop.customs.selectors import annual_quota_used
from tests.factories.catalogue import PartnerFactory
from tests.factories.orders import order_pay, placed_order, shopper, stocked_product
from tests.factories.users import MERCHANT_PASSWORD, SHOPPER_PASSWORD, merchant_user
from tests.integration.test_returns import deliver_and_answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, language, email, password):
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def test_a_return_asked_in_russian_is_received_concluded_and_refunded(
    live_server, browser, screenshot, customs_exchange
):
    buyer = shopper()
    partner = PartnerFactory()
    order = placed_order(user=buyer, items=[(stocked_product(price="120.00", partner=partner), 2)])
    order_pay(order)
    deliver_and_answer(customs_exchange)
    declaration = order.declarations.get()
    assert declaration.status == "released"
    quota_before = annual_quota_used(id_number_hash=declaration.orderer_id_hash)
    merchant = merchant_user(partner)
    base = live_server.url
    with override("ru"):
        refund_intro = (
            gettext(
                "Refund: %(amount)s (goods, their import tax and freight as our returns policy "
                "says). The import tax is not levied and your annual quota is restored."
            )
            .split("%(amount)s")[0]
            .strip()
        )

    shopper_page = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
    merchant_page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        login(shopper_page, base, "ru", buyer.email, SHOPPER_PASSWORD)
        shopper_page.goto(f"{base}/ru/accounts/orders/{order.number}/")
        shopper_page.click("details.return-goods summary")
        line = declaration.lines.get()
        shopper_page.select_option(f"#qty_{line.pk}", "1")
        shopper_page.select_option(f"#return_reason_{declaration.number}", "damaged")
        screenshot(shopper_page, "return-ask-ru")
        shopper_page.click(f"#return_{declaration.number} button[type=submit]")
        shopper_page.wait_for_load_state()
        assert shopper_page.locator(".return-request[data-status=requested]").count() == 1
        assert shopper_page.locator(".return-address").is_visible()
        screenshot(shopper_page, "return-asked-ru")

        login(merchant_page, base, "zh-hans", merchant.email, MERCHANT_PASSWORD)
        merchant_page.goto(f"{base}/zh-hans/dashboard/customs/returns/")
        request = ReturnRequest.objects.get()
        row = merchant_page.locator(f"#return_{request.pk}")
        row.locator("select[name=condition]").select_option("as_sent")
        screenshot(merchant_page, "return-receive-zh-hans")
        row.locator("button[type=submit]").click()
        merchant_page.wait_for_load_state()
        request.refresh_from_db()
        assert request.status == ReturnRequest.Status.RECEIVED

        deliver_and_answer(customs_exchange)  # CEB625 → simulator → CEB626 120, 399
        request.refresh_from_db()
        assert request.status == ReturnRequest.Status.ACCEPTED

        shopper_page.goto(f"{base}/ru/accounts/orders/{order.number}/")
        accepted = shopper_page.locator(".return-request[data-status=accepted]")
        assert accepted.count() == 1
        assert refund_intro in accepted.inner_text()
        screenshot(shopper_page, "return-refunded-ru")
        quota_after = annual_quota_used(id_number_hash=declaration.orderer_id_hash)
        assert quota_after == quota_before - request.quota_restored
        shopper_page.goto(f"{base}/ru/customs/annual-quota/")
        screenshot(shopper_page, "return-quota-ru")
    finally:
        shopper_page.close()
        merchant_page.close()
