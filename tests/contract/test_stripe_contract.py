"""Contract: the same scenarios against the Stripe stub (tests/stripe_stub.py) and against real
Stripe test mode, so the stub cannot drift from what StripeGateway meets in production.

The ``stripe-test-mode`` runs are skipped unless ``STRIPE_SECRET_KEY`` is a test-mode key::

    STRIPE_SECRET_KEY=sk_test_... STRIPE_WEBHOOK_SECRET=whsec_... \\
        .venv/bin/python -m pytest -p no:cacheprovider tests/contract -rs

(``STRIPE_WEBHOOK_SECRET`` is optional: webhook bodies are signed locally with it; a live key,
``sk_live_...``, is refused.) The scenarios play the browser with the secret key and Stripe's test
payment methods (``pm_card_visa``, ``pm_card_chargeDeclined``, ``tok_visa``).
"""

import hashlib
import hmac
import os
import time
import uuid

import pytest
import stripe

from integrations.payments.base import (
    CANCELED,
    FAILED,
    REQUIRES_PAYMENT,
    SUCCEEDED,
    PaymentError,
    WebhookSignatureInvalid,
)
from integrations.payments.stripe_gateway import StripeGateway
from tests.stripe_stub import StripeStub

SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "pk_test_contract")
WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET") or "whsec_contract_local"
CURRENCY = os.environ.get("STRIPE_CONTRACT_CURRENCY", "cny")
HOW_TO_RUN = (
    "real Stripe test mode not configured: set STRIPE_SECRET_KEY=sk_test_... (optionally "
    "STRIPE_WEBHOOK_SECRET=whsec_...) and run `.venv/bin/python -m pytest tests/contract -rs`; "
    "the same scenarios ran against tests/stripe_stub.py"
)
RUN = uuid.uuid4().hex[:10]  # idempotency keys live 24 h at Stripe: unique per run


@pytest.fixture(scope="module")
def contract_stub():
    with StripeStub(webhook_secret=WEBHOOK_SECRET) as stub:
        yield stub


@pytest.fixture(params=["stub", "stripe-test-mode"])
def gateway(request):
    if request.param == "stub":
        stub = request.getfixturevalue("contract_stub")
        return StripeGateway(**stub.gateway_kwargs())
    if not SECRET_KEY:
        pytest.skip(HOW_TO_RUN)
    if not SECRET_KEY.startswith("sk_test_"):
        pytest.skip("STRIPE_SECRET_KEY is not a test-mode key (sk_test_...): refusing live Stripe")
    return StripeGateway(
        secret_key=SECRET_KEY,
        publishable_key=PUBLISHABLE_KEY,
        webhook_secret=WEBHOOK_SECRET,
        timeout=30,
    )


@pytest.fixture
def shopper(request, gateway):
    """Plays Stripe.js: confirms intents with Stripe's test payment methods."""
    if request.node.callspec.params["gateway"] == "stub":
        stub = request.getfixturevalue("contract_stub")
        return stripe.StripeClient(stub.secret_key, base_addresses={"api": stub.url})
    return stripe.StripeClient(SECRET_KEY, max_network_retries=2)


def key(name: str) -> str:
    return f"contract-{RUN}-{name}-{uuid.uuid4().hex[:6]}"


def create(gateway, idempotency_key=None, amount=1_000):
    return gateway.create_intent(
        amount_minor=amount,
        currency=CURRENCY,
        reference=f"C{RUN}",
        idempotency_key=idempotency_key or key("intent"),
        method_types=["card"],
        metadata={"order_number": f"C{RUN}", "contract": "tests/contract"},
    )


def paid(gateway, shopper, payment_method="pm_card_visa"):
    intent = create(gateway)
    shopper.v1.payment_intents.confirm(intent.id, {"payment_method": payment_method})
    return gateway.retrieve_intent(intent.id)


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's signature scheme, computed here (not by the stub)."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256)
    return f"t={t},v1={mac.hexdigest()}"


def event_body(shopper, event_type: str, intent_id: str) -> bytes:
    """The JSON of the ``event_type`` event about ``intent_id``, exactly as the API renders it
    (Stripe may take a few seconds to record it)."""
    deadline = time.monotonic() + 30
    while True:
        for event in shopper.v1.events.list({"type": event_type, "limit": 20}).data:
            obj = event.to_dict()["data"]["object"]
            if intent_id in (obj.get("id"), obj.get("payment_intent")):
                return shopper.raw_request("get", f"/v1/events/{event.id}").body.encode()
        if time.monotonic() > deadline:
            raise AssertionError(f"no {event_type} event for {intent_id}")
        time.sleep(1)


# -- scenarios -----------------------------------------------------------------------------------


def test_create_is_idempotent_by_key(gateway):
    same = key("create")
    first = create(gateway, same)
    again = create(gateway, same)
    other = create(gateway)

    assert first.id.startswith("pi_")
    assert again.id == first.id
    assert other.id != first.id
    assert (first.status, first.raw_status) == (REQUIRES_PAYMENT, "requires_payment_method")
    assert (first.amount_minor, first.currency) == (1_000, CURRENCY)
    assert first.client_secret.startswith(f"{first.id}_secret_")
    assert first.metadata["reference"] == f"C{RUN}"
    for intent in (first, other):
        assert gateway.cancel_intent(intent.id).status == CANCELED


def test_same_key_with_other_parameters_is_refused(gateway):
    same = key("create")
    create(gateway, same, amount=1_000)
    with pytest.raises(PaymentError):
        create(gateway, same, amount=2_000)


def test_confirm_with_pm_card_visa_succeeds(gateway, shopper):
    intent = paid(gateway, shopper)

    assert (intent.status, intent.raw_status) == (SUCCEEDED, "succeeded")
    assert intent.payment_method_type == "card"
    assert intent.latest_charge.startswith("ch_")
    assert (intent.failure_message, intent.amount_refunded_minor) == (None, 0)


def test_the_billing_name_is_the_payer_name(gateway, shopper):
    intent = create(gateway)
    shopper.v1.payment_intents.confirm(
        intent.id,
        {
            "payment_method_data": {
                "type": "card",
                "card": {"token": "tok_visa"},
                "billing_details": {"name": "张三"},
            }
        },
    )

    retrieved = gateway.retrieve_intent(intent.id)
    assert (retrieved.status, retrieved.payer_name) == (SUCCEEDED, "张三")


def test_declined_with_pm_card_chargedeclined(gateway, shopper):
    intent = create(gateway)
    with pytest.raises(stripe.CardError) as declined:
        shopper.v1.payment_intents.confirm(intent.id, {"payment_method": "pm_card_chargeDeclined"})
    assert declined.value.code == "card_declined"

    failed = gateway.retrieve_intent(intent.id)
    assert (failed.status, failed.raw_status) == (FAILED, "requires_payment_method")
    assert "declined" in failed.failure_message.lower()
    assert failed.payer_name is None


def test_cancel_an_open_intent_and_a_paid_one(gateway, shopper):
    assert gateway.cancel_intent(create(gateway).id).status == CANCELED
    intent = paid(gateway, shopper)
    assert gateway.cancel_intent(intent.id).status == SUCCEEDED


def test_refund_twice_with_one_key_refunds_once(gateway, shopper):
    intent = paid(gateway, shopper)
    same = key("refund")

    first = gateway.refund(
        intent_id=intent.id, amount_minor=300, idempotency_key=same, reason="contract"
    )
    second = gateway.refund(
        intent_id=intent.id, amount_minor=300, idempotency_key=same, reason="contract"
    )

    assert second.id == first.id
    assert (first.intent_id, first.amount_minor, first.status) == (intent.id, 300, "succeeded")
    assert gateway.retrieve_intent(intent.id).amount_refunded_minor == 300
    with pytest.raises(PaymentError):  # more than the 700 that remain
        gateway.refund(intent_id=intent.id, amount_minor=701, idempotency_key=key("refund"))
    gateway.refund(intent_id=intent.id, amount_minor=700, idempotency_key=key("refund"))
    assert gateway.retrieve_intent(intent.id).amount_refunded_minor == 1_000


def test_webhook_signature_computed_locally(gateway, shopper):
    intent = paid(gateway, shopper)
    body = event_body(shopper, "payment_intent.succeeded", intent.id)

    event = gateway.parse_webhook(body, sign(body))

    assert (event.type, event.object_id, event.intent_id) == (
        "payment_intent.succeeded",
        intent.id,
        intent.id,
    )
    assert event.data["amount"] == 1_000
    for header in (
        sign(body, secret="whsec_not_ours"),
        sign(body, timestamp=int(time.time()) - 301),
        "",
    ):
        with pytest.raises(WebhookSignatureInvalid):
            gateway.parse_webhook(body, header)


def test_charge_refunded_event_carries_the_intent(gateway, shopper):
    intent = paid(gateway, shopper)
    gateway.refund(intent_id=intent.id, amount_minor=1_000, idempotency_key=key("refund"))
    body = event_body(shopper, "charge.refunded", intent.id)

    event = gateway.parse_webhook(body, sign(body))

    assert (event.type, event.object_id, event.intent_id) == (
        "charge.refunded",
        intent.latest_charge,
        intent.id,
    )
    assert event.data["amount_refunded"] == 1_000
