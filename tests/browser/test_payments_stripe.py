"""Paying a mixed basket by card through Stripe's Payment Element — served by the Stripe stub's
stand-in for Stripe.js, so nothing leaves the machine (issue #6)."""

import pytest
from django.contrib.auth import get_user_model

from shop.demo.orders import demo_order_unpaid
from shop.demo.services import demo_load
from tests.stripe_stub import StripeStub

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shopper_pays_by_card_and_the_declarations_are_queued(
    live_server, browser, screenshot, settings
):
    demo_load(images=False, password_for=lambda role: f"demo-{role}-2026")
    shopper = get_user_model().objects.get(email="shopper@example.com")
    order = demo_order_unpaid(
        user=shopper, parts=[("taiga", "hunchun-bonded", 1), ("hanbit", "incheon-direct", 1)]
    )
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
            page.fill("#id_login-username", "shopper@example.com")
            page.fill("#id_login-password", "demo-shopper-2026")
            page.click("button[name=login_submit]")
            page.wait_for_load_state()
            page.goto(f"{live_server.url}/ru/payments/{order.number}/")
            page.wait_for_selector("#stub-card-number")
            page.fill("#stub-card-name", "李明")
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
    for declaration in order.declarations.all():
        assert declaration.outbox_messages.count() == 4
