"""The payment gateway contract (issue #6). No Django here.

A gateway speaks in minor units (fen for CNY: ``int``, never float) and in its own ids; the shop
decides what a status means for an order. Two implementations: ``StripeGateway`` (production)
and the shop's sandbox (embedded default, ``shop.payments.sandbox``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol


class PaymentError(Exception):
    """The gateway could not do what was asked (network, refused request). Retry later."""


class WebhookSignatureInvalid(PaymentError):
    """A webhook whose signature does not verify (or is missing/too old): answer 400."""


#: Normalised intent statuses (Stripe's names where they exist).
REQUIRES_PAYMENT = "requires_payment"  # nothing paid yet (Stripe: requires_payment_method/…)
REQUIRES_ACTION = "requires_action"  # the shopper must finish (3-D Secure, Alipay/WeChat redirect)
PROCESSING = "processing"
SUCCEEDED = "succeeded"
FAILED = "failed"  # last attempt failed; Stripe keeps the intent open for another try
CANCELED = "canceled"


@dataclass(frozen=True)
class Intent:
    id: str
    status: str  # one of the normalised statuses above
    amount_minor: int
    currency: str  # lower-case ISO code, "cny"
    client_secret: str | None = None
    raw_status: str = ""  # the gateway's own status
    payer_name: str | None = None  # billing name of the successful charge, if known
    payment_method_type: str | None = None  # "card", "alipay", "wechat_pay", "sandbox"
    latest_charge: str | None = None
    failure_message: str | None = None
    amount_refunded_minor: int = 0
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Refund:
    id: str
    intent_id: str
    amount_minor: int
    status: str  # "succeeded", "pending", "failed", "canceled"


@dataclass(frozen=True)
class Event:
    """A verified webhook event."""

    id: str
    type: str  # e.g. "payment_intent.succeeded", "charge.refunded", "charge.dispute.created"
    object_id: str  # the id of the event's object (intent, charge or dispute)
    intent_id: str | None  # the payment intent the event is about, when known
    data: dict = field(default_factory=dict)  # the event's object as sent


class PaymentGateway(Protocol):
    embedded: ClassVar[bool]
    name: ClassVar[str]  # "stripe", "sandbox": stored with each payment

    def create_intent(
        self,
        *,
        amount_minor: int,
        currency: str,
        reference: str,
        idempotency_key: str,
        method_types: list[str],
        metadata: dict[str, str],
    ) -> Intent:
        """One intent for ``amount_minor``; the same ``idempotency_key`` returns the same intent."""
        ...

    def retrieve_intent(self, intent_id: str) -> Intent: ...

    def cancel_intent(self, intent_id: str) -> Intent: ...

    def refund(
        self, *, intent_id: str, amount_minor: int, idempotency_key: str, reason: str = ""
    ) -> Refund:
        """Refund part or all of a succeeded intent; the same key never refunds twice."""
        ...

    def parse_webhook(self, payload: bytes, signature_header: str) -> Event:
        """Verify and parse a webhook body. Raises ``WebhookSignatureInvalid``."""
        ...

    def client_config(self, intent: Intent) -> dict:
        """What the payment page needs in the browser (publishable key, client secret, script
        URL) — never a secret key."""
        ...
