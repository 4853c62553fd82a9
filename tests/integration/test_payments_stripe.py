"""The shop's payment service with the Stripe gateway, against the Stripe-compatible stub
(tests/stripe_stub.py): webhooks verified, idempotent, in any order; refunds once; failure
restores the basket. No test reaches the internet."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.payments import services
from shop.payments.models import Payment, WebhookEvent
from tests.factories.orders import assortment, identity_for, placed_order
from tests.factories.orders import shopper as shopper_user
from tests.stripe_stub import StripeStub

pytestmark = pytest.mark.django_db

User = get_user_model()
Basket = get_model("basket", "Basket")
WEBHOOK = "/payments/stripe/webhook/"
ORDERER = "李明"  # the real-name orderer of the order below


@pytest.fixture
def stub(settings, client):
    def deliver(body, headers):
        response = client.post(
            WEBHOOK,
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=headers["Stripe-Signature"],
        )
        return response.status_code

    with StripeStub(webhook_url=deliver, auto_deliver=False) as server:
        settings.INTEGRATIONS = {
            **settings.INTEGRATIONS,
            "payments": {
                "BACKEND": "integrations.payments.stripe_gateway.StripeGateway",
                "OPTIONS": server.gateway_kwargs(max_network_retries=0),
            },
        }
        yield server


@pytest.fixture
def order(stub):
    """One merchant's bonded and direct-mail goods (two declarations), waiting for payment."""
    user = shopper_user()
    identity_for(user, name=ORDERER)
    goods = assortment()
    return placed_order(user=user, items=[(goods.dalian_bonded, 1), (goods.incheon_direct, 1)])


@pytest.fixture
def shopper(client, order):
    client.force_login(order.user)
    return client


def start(shopper, order):
    page = shopper.get(f"/en/payments/{order.number}/")
    assert page.status_code == 200
    assert 'id="payment-element"' in page.content.decode()
    return order.payments.get()


def test_intent_is_created_once_for_the_whole_order_in_fen(shopper, order, stub):
    payment = start(shopper, order)
    start(shopper, order)  # reload: same intent
    intent = stub.intents[payment.intent_id]
    assert intent["amount"] == services.to_minor(order.total_incl_tax)
    assert intent["currency"] == "cny"
    assert intent["metadata"]["order_number"] == str(order.number)
    assert Payment.objects.filter(order=order).count() == 1
    creates = [r for r in stub.request_log if r["path"] == "/v1/payment_intents"]
    assert creates[0]["idempotency_key"] == f"order-{order.number}-payment-1"


def test_webhook_replayed_three_times_pays_once(shopper, order, stub):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    event = stub.latest_event("payment_intent.succeeded")
    assert stub.send_event(event, times=3) == [200, 200, 200]
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.payment_events.filter(event_type__code="paid").count() == 1
    assert {d.status for d in order.declarations.all()} == {"paid"}
    assert sum(d.outbox_messages.count() for d in order.declarations.all()) == 8
    assert WebhookEvent.objects.get(event_id=event["id"]).times_received == 3


def test_webhook_before_the_browser_returns(shopper, order, stub):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    stub.deliver_pending()
    order.refresh_from_db()
    assert order.status == "Paid"
    response = shopper.get(f"/en/payments/{order.number}/return/?redirect_status=failed")
    assert response.url == f"/en/accounts/orders/{order.number}/"  # the gateway's word wins
    assert order.payment_events.filter(event_type__code="paid").count() == 1


def test_browser_before_the_webhook(shopper, order, stub):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    shopper.get(f"/en/payments/{order.number}/return/?payment_intent={payment.intent_id}")
    stub.deliver_pending()
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.payment_events.filter(event_type__code="paid").count() == 1


def test_a_forged_return_does_not_pay(shopper, order, stub):
    start(shopper, order)
    shopper.get(f"/en/payments/{order.number}/return/?redirect_status=succeeded")
    order.refresh_from_db()
    assert order.status == "Pending payment"


@pytest.mark.parametrize("signature", ["", "t=1,v1=deadbeef", "nonsense"])
def test_bad_signature_is_refused_and_changes_nothing(shopper, order, stub, client, signature):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    body = stub.event_body(stub.latest_event("payment_intent.succeeded"))
    response = client.post(
        WEBHOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == "Pending payment"
    assert not WebhookEvent.objects.exists()


def test_declined_card_cancels_the_order_and_restores_the_basket(shopper, order, stub):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_chargeDeclined", name=ORDERER)
    stub.deliver_pending()
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert stub.intents[payment.intent_id]["status"] == "canceled"  # cannot be paid later
    basket = Basket.open.get(owner=order.user)
    assert basket.num_items == sum(line.quantity for line in order.lines.all())
    for line in order.lines.all():
        line.refresh_from_db()
        assert line.allocation_cancelled


def test_refund_twice_refunds_once_at_stripe(shopper, order, stub):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    stub.deliver_pending()
    payment.refresh_from_db()
    services.refund_create(payment=payment, amount=Decimal("20.00"), key="cancel-line-1")
    services.refund_create(payment=payment, amount=Decimal("20.00"), key="cancel-line-1")
    assert len(stub.refunds) == 1
    assert next(iter(stub.refunds.values()))["amount"] == 2000
    stub.deliver_pending()  # charge.refunded: counted once, not twice
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("20.00")


def test_dispute_is_flagged_for_staff(shopper, order, stub):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    stub.create_dispute(payment.intent_id)
    stub.deliver_pending()
    payment.refresh_from_db()
    assert payment.disputed
    assert order.payment_events.filter(event_type__code="dispute").exists()


def test_payer_name_from_stripe_is_checked_against_the_orderer(shopper, order, stub):
    payment = start(shopper, order)
    stub.confirm(payment.intent_id, "pm_card_visa", name="John Smith")
    stub.deliver_pending()
    order.refresh_from_db()
    assert {d.status for d in order.declarations.all()} == {"held"}
