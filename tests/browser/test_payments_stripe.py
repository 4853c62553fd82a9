"""Paying a mixed basket by card through Stripe's Payment Element — served by the Stripe stub's
stand-in for Stripe.js, so nothing leaves the machine (issue #6)."""

import pytest

from tests.factories.orders import assortment, identity_for, placed_order, shopper
from tests.factories.users import SHOPPER_PASSWORD
from tests.stripe_stub import StripeStub

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shopper_pays_by_card_and_the_declarations_are_queued(
    live_server, browser, screenshot, settings
):
    user = shopper()
    identity = identity_for(user, name="李明")
    goods = assortment()
    # Taiga's bonded goods and Hanbit's direct mail: two declarations, one card payment
    order = placed_order(user=user, items=[(goods.hunchun_bonded, 1), (goods.incheon_direct, 1)])
    with StripeStub(webhook_url=f"{live_server.url}/payments/stripe/webhook/") as stub:
        settings.INTEGRATIONS = {
            **settings.INTEGRATIONS,
            "payments": {
                "BACKEND": "integrations.payments.stripe_gateway.StripeGateway",
                "OPTIONS": stub.gateway_kwargs(max_network_retries=0),
            },
        }
        page = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
        try:
            page.goto(f"{live_server.url}/ru/accounts/login/")
            page.fill("#id_login-username", user.email)
            page.fill("#id_login-password", SHOPPER_PASSWORD)
            page.click("button[name=login_submit]")
            page.wait_for_load_state()
            page.goto(f"{live_server.url}/ru/payments/{order.number}/")
            page.wait_for_selector("#stub-card-number")
            page.fill("#stub-card-name", identity.name)  # the orderer pays
            screenshot(page, "payment-stripe-ru")
            page.click("#payment_submit")
            page.wait_for_url(f"**/ru/accounts/orders/{order.number}/")
            assert "Оплачено" in page.inner_text("#order_status")
            statuses = page.locator("#customs_declarations .declaration")
            assert {statuses.nth(i).get_attribute("data-status") for i in range(2)} == {"paid"}
            screenshot(page, "payment-stripe-ru-paid")
        finally:
            page.close()
        assert any(event["type"] == "payment_intent.succeeded" for event in stub.events)
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.declarations.count() == 2
    for declaration in order.declarations.all():
        assert declaration.outbox_messages.count() == 4
