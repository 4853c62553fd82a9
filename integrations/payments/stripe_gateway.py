"""The Stripe implementation of the payment gateway contract (issue #6). No Django here.

One ``stripe.StripeClient`` per gateway (no global ``stripe.api_key``), so tests can point a
gateway at ``tests/stripe_stub.py`` with ``api_base`` while another one talks to Stripe.

The browser confirms the intent with Stripe.js (``client_config``); the shop only creates,
retrieves, cancels and refunds intents and verifies webhooks. Every Stripe error (refused
request, bad key, network) becomes ``PaymentError`` with Stripe's message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

import stripe

from integrations.payments.base import (
    CANCELED,
    FAILED,
    PROCESSING,
    REQUIRES_ACTION,
    REQUIRES_PAYMENT,
    SUCCEEDED,
    Event,
    Intent,
    PaymentError,
    Refund,
    WebhookSignatureInvalid,
)

T = TypeVar("T")

#: Stripe PaymentIntent status -> normalised status (``requires_payment_method`` is FAILED when
#: the last attempt failed, see ``_status``).
STATUSES = {
    "requires_payment_method": REQUIRES_PAYMENT,
    "requires_confirmation": REQUIRES_PAYMENT,
    "requires_action": REQUIRES_ACTION,
    "requires_capture": PROCESSING,  # not used by the shop (automatic capture), but not "paid"
    "processing": PROCESSING,
    "succeeded": SUCCEEDED,
    "canceled": CANCELED,
}

#: Options some payment method types cannot do without on the web.
METHOD_OPTIONS = {
    "wechat_pay": {"client": "web"},
}

#: Stripe's allowed refund reasons; anything else given by the shop is sent as this one.
REFUND_REASON = "requested_by_customer"


def _status(raw: str, last_payment_error: Any) -> str:
    if raw == "requires_payment_method" and last_payment_error:
        return FAILED
    return STATUSES.get(raw, REQUIRES_PAYMENT)


def _id(value: Any) -> str | None:
    """An id from a field that is either an id or an expanded object."""
    if value is None or isinstance(value, str):
        return value
    return value.get("id")


class StripeGateway:
    embedded: ClassVar[bool] = False
    name: ClassVar[str] = "stripe"

    def __init__(
        self,
        *,
        secret_key: str,
        publishable_key: str,
        webhook_secret: str,
        method_types: Iterable[str] = ("card",),
        api_base: str | None = None,
        js_url: str = "https://js.stripe.com/v3/",
        timeout: float = 20,
        max_network_retries: int = 2,
    ):
        self.publishable_key = publishable_key
        self.webhook_secret = webhook_secret
        self.method_types = tuple(method_types)
        self.js_url = js_url
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": api_base} if api_base else None,
            max_network_retries=max_network_retries,
            http_client=stripe.RequestsClient(timeout=timeout),
        )

    # -- calls ---------------------------------------------------------------------------------

    @staticmethod
    def _call(function: Callable[..., T], *args, **kwargs) -> T:
        try:
            return function(*args, **kwargs)
        except stripe.StripeError as exc:
            raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc

    def _methods(self, requested: Iterable[str] | None) -> list[str]:
        """The requested payment method types this gateway is configured for (all configured
        ones when nothing is requested)."""
        requested = list(requested or self.method_types)
        types = [t for t in dict.fromkeys(requested) if t in self.method_types]
        if not types:
            raise PaymentError(
                f"Stripe: none of the payment methods {requested} is enabled "
                f"(configured: {list(self.method_types)})"
            )
        return types

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
        if not isinstance(amount_minor, int) or amount_minor <= 0:
            raise PaymentError(f"amount must be a positive number of minor units: {amount_minor!r}")
        types = self._methods(method_types)
        params: dict[str, Any] = {
            "amount": amount_minor,
            "currency": currency.lower(),
            "payment_method_types": types,
            "metadata": {**{k: str(v) for k, v in metadata.items()}, "reference": reference},
            "description": f"Order {reference}",
        }
        options = {t: METHOD_OPTIONS[t] for t in types if t in METHOD_OPTIONS}
        if options:
            params["payment_method_options"] = options
        intent = self._call(
            self._client.v1.payment_intents.create,
            params,
            {"idempotency_key": idempotency_key},
        )
        return self._intent(intent)

    def retrieve_intent(self, intent_id: str) -> Intent:
        intent = self._call(
            self._client.v1.payment_intents.retrieve, intent_id, {"expand": ["latest_charge"]}
        )
        return self._intent(intent)

    def cancel_intent(self, intent_id: str) -> Intent:
        """Cancel an open intent. One that can no longer be canceled (succeeded, already
        canceled) is returned as it is: the caller decides from its status."""
        try:
            intent = self._client.v1.payment_intents.cancel(
                intent_id, {"expand": ["latest_charge"]}
            )
        except stripe.InvalidRequestError as exc:
            if exc.code != "payment_intent_unexpected_state":
                raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc
            return self.retrieve_intent(intent_id)
        except stripe.StripeError as exc:
            raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc
        return self._intent(intent)

    def refund(
        self, *, intent_id: str, amount_minor: int, idempotency_key: str, reason: str = ""
    ) -> Refund:
        if not isinstance(amount_minor, int) or amount_minor <= 0:
            raise PaymentError(f"refund must be a positive number of minor units: {amount_minor!r}")
        params: dict[str, Any] = {"payment_intent": intent_id, "amount": amount_minor}
        if reason:
            params["reason"] = REFUND_REASON
            params["metadata"] = {"reason": reason[:500]}
        refund = self._call(
            self._client.v1.refunds.create, params, {"idempotency_key": idempotency_key}
        )
        data = refund.to_dict()
        return Refund(
            id=data["id"],
            intent_id=_id(data.get("payment_intent")) or intent_id,
            amount_minor=data["amount"],
            status=data.get("status") or "pending",
        )

    # -- webhooks and the browser ----------------------------------------------------------------

    def parse_webhook(self, payload: bytes, signature_header: str) -> Event:
        try:
            self._client.construct_event(payload, signature_header, self.webhook_secret)
            body = json.loads(payload)
            obj = body["data"]["object"]
            event_type = body["type"]
            event_id = body["id"]
        except stripe.SignatureVerificationError as exc:
            raise WebhookSignatureInvalid(f"Stripe webhook: {exc.user_message or exc}") from exc
        except (ValueError, KeyError, TypeError) as exc:
            # ValueError includes JSONDecodeError and UnicodeDecodeError
            raise WebhookSignatureInvalid(f"Stripe webhook: unreadable payload ({exc})") from exc
        if event_type.startswith("payment_intent."):
            intent_id = obj.get("id")
        else:  # charge.*, charge.dispute.*, refund.*: the object points at its intent
            intent_id = _id(obj.get("payment_intent"))
        return Event(
            id=event_id, type=event_type, object_id=obj.get("id"), intent_id=intent_id, data=obj
        )

    def client_config(self, intent: Intent) -> dict:
        return {
            "gateway": self.name,
            "publishable_key": self.publishable_key,
            "client_secret": intent.client_secret,
            "js_url": self.js_url,
        }

    # -- mapping ---------------------------------------------------------------------------------

    @staticmethod
    def _intent(intent: Any) -> Intent:
        data = intent.to_dict()
        charge = data.get("latest_charge")
        charge = charge if isinstance(charge, dict) else {}
        error = data.get("last_payment_error") or None
        details = charge.get("payment_method_details") or {}
        payer = (charge.get("billing_details") or {}).get("name") or None
        status = _status(data["status"], error)
        failure = None
        if status == FAILED:
            failure = (error or {}).get("message") or charge.get("failure_message")
        return Intent(
            id=data["id"],
            status=status,
            amount_minor=data["amount"],
            currency=data["currency"],
            client_secret=data.get("client_secret"),
            raw_status=data["status"],
            payer_name=payer if charge.get("status") == "succeeded" else None,
            payment_method_type=details.get("type"),
            latest_charge=_id(data.get("latest_charge")),
            failure_message=failure,
            amount_refunded_minor=charge.get("amount_refunded") or 0,
            metadata=dict(data.get("metadata") or {}),
        )
