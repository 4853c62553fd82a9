"""A small stateful Stripe-compatible HTTP server for tests (and a fake Stripe.js), so no test
ever reaches stripe.com.

It implements what ``integrations.payments.stripe_gateway.StripeGateway`` and our payment page
use, with Stripe's JSON shapes and the form-encoded bodies the ``stripe`` library sends::

    POST /v1/payment_intents                  create (Idempotency-Key honoured)
    GET  /v1/payment_intents/{id}             retrieve (expand[]=latest_charge)
    POST /v1/payment_intents/{id}/confirm     secret key, or publishable key + client_secret
    POST /v1/payment_intents/{id}/cancel
    POST /v1/refunds                          (Idempotency-Key honoured)
    GET  /v1/refunds/{id}, /v1/charges/{id}, /v1/events/{id}, /v1/events?type=&limit=
    GET  /v3/                                 the fake Stripe.js (see FAKE_STRIPE_JS)
    GET  /stub/authorize/{id}                 the Alipay / WeChat Pay test authorisation page

Confirm takes ``payment_method`` (``pm_card_visa``, ``pm_card_chargeDeclined``, …) or
``payment_method_data[type]`` = card (with ``[card][token]`` ``tok_visa``/``tok_chargeDeclined``
or ``[card][number]`` a test card number), alipay or wechat_pay; ``payment_method_data
[billing_details][name]`` becomes the charge's billing name (the stub also accepts it next to
``payment_method``, which real Stripe refuses). A decline answers 402 ``card_error`` like Stripe.

Each state change records an event in ``stub.events`` (payment_intent.succeeded,
payment_intent.payment_failed, payment_intent.requires_action, payment_intent.canceled,
charge.refunded, charge.dispute.created). With ``webhook_url`` (a URL, or a callable
``(body: bytes, headers: dict) -> int`` for Django's test client) it is POSTed there signed like
Stripe: at once, before the API call that caused it returns (``auto_deliver=True``), or when the
test calls ``stub.deliver_pending()`` (``auto_deliver=False``).

    with StripeStub(webhook_secret="whsec_test") as stub:
        gateway = StripeGateway(**stub.gateway_kwargs())

    stripe_stub = stub_fixture()  # in a test module: a pytest fixture named stripe_stub
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import html
import json
import re
import secrets
import string
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

API_VERSION = "2026-10-28.endive"
SUPPORTED_METHOD_TYPES = ("card", "alipay", "wechat_pay")
REFUND_REASONS = ("duplicate", "fraudulent", "requested_by_customer")
CANCELABLE = (
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
)
CONFIRMABLE = ("requires_payment_method", "requires_confirmation", "requires_action")

# Stripe's test payment methods, tokens and card numbers -> (brand, last4, decline code or None)
_VISA = ("visa", "4242", None)
_DECLINED = ("visa", "0002", "generic_decline")
_NO_FUNDS = ("visa", "9995", "insufficient_funds")
TEST_CARDS = {
    "pm_card_visa": _VISA,
    "tok_visa": _VISA,
    "4242424242424242": _VISA,
    "pm_card_mastercard": ("mastercard", "4444", None),
    "tok_mastercard": ("mastercard", "4444", None),
    "5555555555554444": ("mastercard", "4444", None),
    "pm_card_chargeDeclined": _DECLINED,
    "tok_chargeDeclined": _DECLINED,
    "4000000000000002": _DECLINED,
    "pm_card_chargeDeclinedInsufficientFunds": _NO_FUNDS,
    "tok_chargeDeclinedInsufficientFunds": _NO_FUNDS,
    "4000000000009995": _NO_FUNDS,
}
DECLINE_MESSAGES = {
    "generic_decline": "Your card was declined.",
    "insufficient_funds": "Your card has insufficient funds.",
}


class StripeApiError(Exception):
    """An error answer: HTTP status and Stripe's ``{"error": {...}}`` body."""

    def __init__(self, status: int, message: str, *, type="invalid_request_error", **fields):
        super().__init__(message)
        self.status = status
        self.error = {"type": type, "message": message, **fields}
        if fields.get("code"):
            self.error.setdefault(
                "doc_url", f"https://stripe.com/docs/error-codes/{fields['code']}"
            )


def new_id(prefix: str, length: int = 24) -> str:
    alphabet = string.ascii_letters + string.digits
    return f"{prefix}_{''.join(secrets.choice(alphabet) for _ in range(length))}"


def parse_form(pairs: Iterable[tuple[str, str]]) -> dict:
    """Stripe's form encoding -> nested dicts and lists: ``metadata[k]=v``,
    ``payment_method_types[0]=card`` (the stripe library) or ``expand[]=x`` (curl, Stripe.js),
    ``payment_method_options[wechat_pay][client]=web``."""
    root: dict = {}
    for key, value in pairs:
        match = re.fullmatch(r"([^\[\]]+)((?:\[[^\[\]]*\])*)", key)
        if not match:
            raise StripeApiError(400, f"Invalid parameter name: {key}")
        parts = [match[1], *re.findall(r"\[([^\[\]]*)\]", match[2])]
        node = root
        for part, following in zip(parts, [*parts[1:], None], strict=True):
            if part == "":
                part = str(len(node))
            if following is None:
                node[part] = value
            else:
                node = node.setdefault(part, {})
                if not isinstance(node, dict):
                    raise StripeApiError(400, f"Invalid parameter: {key}")
    return _listify(root)


def _listify(node: Any, key: str = "") -> Any:
    if not isinstance(node, dict):
        return node
    items = {k: _listify(v, k) for k, v in node.items()}
    if key != "metadata" and items and all(k.isdigit() for k in items):
        return [items[k] for k in sorted(items, key=int)]
    return items


def _int(params: dict, name: str, *, required: bool) -> int | None:
    value = params.get(name)
    if value in (None, ""):
        if required:
            raise StripeApiError(
                400, f"Missing required param: {name}.", param=name, code="parameter_missing"
            )
        return None
    if not re.fullmatch(r"\d+", str(value)):
        raise StripeApiError(
            400, f"Invalid integer: {value}", param=name, code="parameter_invalid_integer"
        )
    return int(value)


def _money(minor: int, currency: str) -> str:
    symbol = {"cny": "¥", "usd": "$", "eur": "€"}.get(currency, currency.upper() + " ")
    return f"{symbol}{minor / 100:.2f}"


class StripeStub:
    def __init__(
        self,
        *,
        webhook_secret: str = "whsec_stub_secret",
        webhook_url: str | Callable[[bytes, dict], int] | None = None,
        auto_deliver: bool = True,
        secret_key: str = "sk_test_stub",
        publishable_key: str = "pk_test_stub",
        enabled_events: Iterable[str] = ("*",),
        host: str = "127.0.0.1",
    ):
        self.webhook_secret = webhook_secret
        self.webhook_url = webhook_url
        self.auto_deliver = auto_deliver
        self.secret_key = secret_key
        self.publishable_key = publishable_key
        self.enabled_events = tuple(enabled_events)
        self.host = host
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.reset()

    # -- lifecycle -------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every object, event, delivery and idempotency key."""
        with self._lock:
            self.intents: dict[str, dict] = {}
            self.charges: dict[str, dict] = {}
            self.refunds: dict[str, dict] = {}
            self.disputes: dict[str, dict] = {}
            self.events: list[dict] = []  # oldest first
            self.pending: list[dict] = []  # events not delivered yet (auto_deliver=False)
            self.deliveries: list[tuple[str, int | str]] = []  # (event id, HTTP status or error)
            self.request_log: list[dict] = []  # every API call: method, path, params, key...
            self._idempotency: dict[str, tuple] = {}

    def start(self) -> StripeStub:
        if self._server is None:
            self._server = ThreadingHTTPServer((self.host, 0), _handler(self))
            self._server.daemon_threads = True
            self._thread = threading.Thread(
                target=self._server.serve_forever, args=(0.05,), name="stripe-stub", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = self._thread = None

    def __enter__(self) -> StripeStub:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("StripeStub is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def js_url(self) -> str:
        return f"{self.url}/v3/"

    def gateway_kwargs(self, **overrides) -> dict:
        """Keyword arguments for ``StripeGateway`` talking to this stub."""
        return {
            "secret_key": self.secret_key,
            "publishable_key": self.publishable_key,
            "webhook_secret": self.webhook_secret,
            "api_base": self.url,
            "js_url": self.js_url,
            **overrides,
        }

    # -- test helpers (no HTTP) ----------------------------------------------------------------

    def confirm(
        self,
        intent_id: str,
        payment_method: str = "pm_card_visa",
        *,
        name: str | None = None,
        return_url: str | None = None,
    ) -> dict:
        """What a shopper's browser does: confirm with a test payment method (``pm_card_visa``,
        ``pm_card_chargeDeclined``, ``alipay``, ``wechat_pay``). Returns the intent (a decline
        does not raise here)."""
        if payment_method in SUPPORTED_METHOD_TYPES and payment_method != "card":
            params: dict = {"payment_method_data": {"type": payment_method}}
            params["return_url"] = return_url or "https://shop.test/return"
        else:
            params = {"payment_method": payment_method, "payment_method_data": {}}
        if name:
            params["payment_method_data"]["billing_details"] = {"name": name}
        try:
            self._locked(self._confirm, self._intent(intent_id), params)
        except StripeApiError as exc:
            if exc.status != 402:
                raise
        return _public(self.intents[intent_id])

    def complete_redirect(self, intent_id: str, succeed: bool = True, *, name: str | None = None):
        """The shopper authorises (or fails) an Alipay / WeChat Pay payment on the wallet's
        page. Returns the intent."""
        self._locked(self._complete_redirect, self._intent(intent_id), succeed, name)
        return _public(self.intents[intent_id])

    def create_dispute(self, intent_id: str, *, amount: int | None = None, reason="fraudulent"):
        """The card holder disputes the payment: ``charge.dispute.created``. Returns it."""
        return self._locked(self._create_dispute, self._intent(intent_id), amount, reason)

    def latest_event(self, type: str | None = None) -> dict | None:
        return next((e for e in reversed(self.events) if type in (None, e["type"])), None)

    # -- webhooks ----------------------------------------------------------------------------------

    def sign(
        self, payload: bytes | str, *, timestamp: int | None = None, secret: str | None = None
    ):
        """A ``Stripe-Signature`` header value for ``payload``, like Stripe computes it."""
        if isinstance(payload, bytes):
            payload = payload.decode()
        t = int(time.time()) if timestamp is None else timestamp
        mac = hmac.new(
            (secret or self.webhook_secret).encode(), f"{t}.{payload}".encode(), hashlib.sha256
        )
        return f"t={t},v1={mac.hexdigest()}"

    @staticmethod
    def event_body(event: dict) -> bytes:
        """The bytes Stripe would POST for ``event`` (pretty-printed JSON, as Stripe sends)."""
        return json.dumps(event, indent=2, ensure_ascii=False).encode()

    def send_event(self, event: dict | str, times: int = 1, *, url=None) -> list[int | str]:
        """(Re)deliver an event ``times`` times, freshly signed each time, like Stripe's retries.
        Returns the receiver's HTTP statuses (or the connection error)."""
        if isinstance(event, str):
            event = next(e for e in self.events if e["id"] == event)
        target = url or self.webhook_url
        if target is None:
            raise RuntimeError("no webhook_url to send the event to")
        results = []
        for _ in range(times):
            body = self.event_body(event)
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "Stripe-Signature": self.sign(body),
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            }
            result = _post(target, body, headers)
            self.deliveries.append((event["id"], result))
            results.append(result)
        return results

    def deliver_pending(self) -> list[tuple[str, int | str]]:
        """Deliver the events not delivered yet, oldest first; returns (event id, status)."""
        with self._lock:
            events, self.pending = self.pending, []
        return [(e["id"], self.send_event(e)[0]) for e in events]

    # -- internals: state changes --------------------------------------------------------------

    def _locked(self, function, *args):
        try:
            with self._lock:
                return function(*args)
        finally:
            if self.auto_deliver:
                self.deliver_pending()

    def _event(self, type: str, obj: dict, previous: dict | None = None, key=None) -> dict:
        data = {"object": _public(obj)}
        if previous:
            data["previous_attributes"] = previous
        event = {
            "id": new_id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": int(time.time()),
            "data": data,
            "livemode": False,
            "pending_webhooks": 1 if self.webhook_url else 0,
            "request": {"id": new_id("req", 14) if key else None, "idempotency_key": key},
            "type": type,
        }
        self.events.append(event)
        wanted = "*" in self.enabled_events or type in self.enabled_events
        if self.webhook_url is not None and wanted:
            self.pending.append(event)
        return event

    def _intent(self, intent_id: str) -> dict:
        intent = self.intents.get(intent_id)
        if intent is None:
            raise StripeApiError(
                404,
                f"No such payment_intent: '{intent_id}'",
                param="intent",
                code="resource_missing",
            )
        return intent

    def _create_intent(self, params: dict, key: str | None) -> dict:
        amount = _int(params, "amount", required=True)
        if amount < 1:
            raise StripeApiError(
                400, "Amount must be at least 1", param="amount", code="amount_too_small"
            )
        currency = (params.get("currency") or "").lower()
        if not currency:
            raise StripeApiError(
                400, "Missing required param: currency.", param="currency", code="parameter_missing"
            )
        types = params.get("payment_method_types") or ["card"]
        if not isinstance(types, list):
            raise StripeApiError(400, "Invalid array", param="payment_method_types")
        for t in types:
            if t not in SUPPORTED_METHOD_TYPES:
                raise StripeApiError(
                    400,
                    f'The payment method type "{t}" is invalid. Please '
                    "ensure the provided type is activated in your dashboard.",
                    param="payment_method_types",
                )
        intent_id = new_id("pi")
        intent = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": amount,
            "amount_capturable": 0,
            "amount_received": 0,
            "automatic_payment_methods": None,
            "canceled_at": None,
            "cancellation_reason": None,
            "capture_method": "automatic",
            "client_secret": f"{intent_id}_secret_{new_id('s')[2:]}",
            "confirmation_method": "automatic",
            "created": int(time.time()),
            "currency": currency,
            "customer": None,
            "description": params.get("description"),
            "last_payment_error": None,
            "latest_charge": None,
            "livemode": False,
            "metadata": dict(params.get("metadata") or {}),
            "next_action": None,
            "payment_method": None,
            "payment_method_options": params.get("payment_method_options") or {},
            "payment_method_types": types,
            "receipt_email": params.get("receipt_email"),
            "status": "requires_payment_method",
        }
        self.intents[intent_id] = intent
        return intent

    def _payment_method(self, params: dict) -> tuple[str, dict, str | None]:
        """(type, payment method object, decline code) from confirm's params."""
        data = params.get("payment_method_data") or {}
        name = (data.get("billing_details") or {}).get("name")
        billing = {"address": None, "email": None, "name": name or None, "phone": None}
        given = params.get("payment_method")
        if given and data.get("type"):
            raise StripeApiError(
                400,
                "You may only specify one of these parameters: "
                "payment_method, payment_method_data.",
            )
        if given:
            test = given
        elif data.get("type") == "card":
            card = data.get("card") or {}
            test = card.get("token") or re.sub(r"\D", "", card.get("number") or "")
        elif data.get("type") in SUPPORTED_METHOD_TYPES:
            pm = {
                "id": new_id("pm"),
                "object": "payment_method",
                "type": data["type"],
                "billing_details": billing,
                data["type"]: {},
                "livemode": False,
            }
            return data["type"], pm, None
        else:
            raise StripeApiError(
                400,
                "You must provide a payment_method or payment_method_data "
                "to confirm this PaymentIntent.",
                param="payment_method",
            )
        if test not in TEST_CARDS:
            if given:
                raise StripeApiError(
                    400,
                    f"No such PaymentMethod: '{given}'",
                    param="payment_method",
                    code="resource_missing",
                )
            raise StripeApiError(
                402,
                "Your card number is incorrect.",
                type="card_error",
                code="incorrect_number",
                param="number",
            )
        brand, last4, decline = TEST_CARDS[test]
        card = {
            "brand": brand,
            "last4": last4,
            "exp_month": 12,
            "exp_year": 2034,
            "country": "US",
            "funding": "credit",
        }
        pm = {
            "id": new_id("pm"),
            "object": "payment_method",
            "type": "card",
            "billing_details": billing,
            "card": card,
            "livemode": False,
        }
        return "card", pm, decline

    def _charge(self, intent: dict, pm: dict, decline: str | None) -> dict:
        details = {"type": pm["type"], pm["type"]: dict(pm.get(pm["type"]) or {})}
        charge = {
            "id": new_id("ch"),
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": 0 if decline else intent["amount"],
            "amount_refunded": 0,
            "billing_details": pm["billing_details"],
            "captured": not decline,
            "created": int(time.time()),
            "currency": intent["currency"],
            "disputed": False,
            "failure_code": "card_declined" if decline else None,
            "failure_message": DECLINE_MESSAGES.get(decline) if decline else None,
            "livemode": False,
            "metadata": dict(intent["metadata"]),
            "outcome": {
                "network_status": "declined_by_network" if decline else "approved_by_network",
                "reason": decline,
                "type": "issuer_declined" if decline else "authorized",
            },
            "paid": not decline,
            "payment_intent": intent["id"],
            "payment_method": pm["id"],
            "payment_method_details": details,
            "refunded": False,
            "status": "failed" if decline else "succeeded",
        }
        self.charges[charge["id"]] = charge
        intent["latest_charge"] = charge["id"]
        return charge

    def _succeed(self, intent: dict, pm: dict, key: str | None) -> None:
        self._charge(intent, pm, None)
        intent.update(
            status="succeeded",
            amount_received=intent["amount"],
            next_action=None,
            last_payment_error=None,
            payment_method=pm["id"],
        )
        self._event("payment_intent.succeeded", intent, key=key)

    def _confirm(self, intent: dict, params: dict, key: str | None = None) -> dict:
        if intent["status"] not in CONFIRMABLE:
            raise StripeApiError(
                400,
                "You cannot confirm this PaymentIntent because it has a "
                f"status of {intent['status']}.",
                code="payment_intent_unexpected_state",
                payment_intent=_public(intent),
            )
        method, pm, decline = self._payment_method(params)
        if method not in intent["payment_method_types"]:
            raise StripeApiError(
                400,
                f"The PaymentMethod provided ({method}) is not allowed for "
                "this PaymentIntent. Please attach a PaymentMethod of one of the "
                f"following types: {', '.join(intent['payment_method_types'])}.",
                code="payment_intent_incompatible_payment_method",
            )
        options = {
            **intent["payment_method_options"],
            **(params.get("payment_method_options") or {}),
        }
        intent["payment_method_options"] = options
        if params.get("return_url"):
            intent["_return_url"] = params["return_url"]
        if method == "card" and decline:
            charge = self._charge(intent, pm, decline)
            error = {
                "type": "card_error",
                "code": "card_declined",
                "decline_code": decline,
                "message": DECLINE_MESSAGES[decline],
                "charge": charge["id"],
                "payment_method": pm,
                "doc_url": "https://stripe.com/docs/error-codes/card-declined",
            }
            intent.update(
                status="requires_payment_method",
                last_payment_error=error,
                payment_method=None,
                next_action=None,
            )
            self._event("payment_intent.payment_failed", intent, key=key)
            fields = {k: v for k, v in error.items() if k not in ("type", "message")}
            raise StripeApiError(
                402, error["message"], type="card_error", **fields, payment_intent=_public(intent)
            )
        if method == "card":
            self._succeed(intent, pm, key)
            return intent
        if method == "wechat_pay" and not (options.get("wechat_pay") or {}).get("client"):
            raise StripeApiError(
                400,
                "payment_method_options[wechat_pay][client] is required "
                "to confirm a WeChat Pay PaymentIntent.",
                param="payment_method_options[wechat_pay][client]",
            )
        if method == "alipay" and not params.get("return_url"):
            raise StripeApiError(
                400,
                "A return_url is required to confirm an Alipay PaymentIntent.",
                param="return_url",
            )
        page = f"{self.url}/stub/authorize/{intent['id']}"
        if method == "alipay":
            action = {
                "url": page,
                "return_url": params["return_url"],
                "native_url": None,
                "native_data": None,
            }
            intent["next_action"] = {
                "type": "alipay_handle_redirect",
                "alipay_handle_redirect": action,
            }
        else:
            qr = {
                "data": f"weixin://wxpay/bizpayurl?pr={intent['id']}",
                "hosted_instructions_url": page,
                "image_data_url": "data:image/png;base64,",
                "image_url_png": page,
                "image_url_svg": page,
            }
            intent["next_action"] = {
                "type": "wechat_pay_display_qr_code",
                "wechat_pay_display_qr_code": qr,
            }
        intent.update(status="requires_action", payment_method=pm["id"], last_payment_error=None)
        intent["_pending_method"] = pm
        self._event("payment_intent.requires_action", intent, key=key)
        return intent

    def _complete_redirect(self, intent: dict, succeed: bool, name: str | None) -> dict:
        if intent["status"] != "requires_action":
            raise StripeApiError(
                400,
                f"PaymentIntent {intent['id']} does not require action "
                f"(status {intent['status']}).",
            )
        pm = intent.pop("_pending_method")
        if name:
            pm["billing_details"]["name"] = name
        if succeed:
            self._succeed(intent, pm, None)
        else:
            error = {
                "type": "invalid_request_error",
                "code": "payment_intent_authentication_failure",
                "message": "The provided PaymentMethod has failed authentication. You can provide "
                "payment_method_data or a new PaymentMethod to attempt to fulfill this "
                "PaymentIntent again.",
                "payment_method": pm,
            }
            intent.update(
                status="requires_payment_method",
                last_payment_error=error,
                next_action=None,
                payment_method=None,
            )
            self._event("payment_intent.payment_failed", intent)
        return intent

    def _cancel(self, intent: dict, params: dict, key: str | None = None) -> dict:
        if intent["status"] not in CANCELABLE:
            raise StripeApiError(
                400,
                "You cannot cancel this PaymentIntent because it has a status "
                f"of {intent['status']}. Only a PaymentIntent with one of the "
                f"following statuses may be canceled: {', '.join(CANCELABLE)}.",
                code="payment_intent_unexpected_state",
                payment_intent=_public(intent),
            )
        intent.pop("_pending_method", None)
        intent.update(
            status="canceled",
            canceled_at=int(time.time()),
            next_action=None,
            cancellation_reason=params.get("cancellation_reason"),
        )
        self._event("payment_intent.canceled", intent, key=key)
        return intent

    def _refund(self, params: dict, key: str | None = None) -> dict:
        if params.get("payment_intent"):
            intent = self._intent(params["payment_intent"])
            charge = self.charges.get(intent["latest_charge"] or "")
        elif params.get("charge"):
            charge = self.charges.get(params["charge"])
            if charge is None:
                raise StripeApiError(
                    404,
                    f"No such charge: '{params['charge']}'",
                    param="charge",
                    code="resource_missing",
                )
        else:
            raise StripeApiError(
                400,
                "One of the following params should be provided for this "
                "request: payment_intent or charge.",
            )
        if charge is None or charge["status"] != "succeeded":
            raise StripeApiError(
                400,
                f"This PaymentIntent ({params.get('payment_intent')}) does "
                "not have a successful charge to refund.",
                param="payment_intent",
            )
        reason = params.get("reason") or None
        if reason is not None and reason not in REFUND_REASONS:
            raise StripeApiError(
                400, f"Invalid reason: must be one of {', '.join(REFUND_REASONS)}", param="reason"
            )
        remaining = charge["amount"] - charge["amount_refunded"]
        amount = _int(params, "amount", required=False)
        amount = remaining if amount is None else amount
        if remaining == 0:
            raise StripeApiError(
                400,
                f"Charge {charge['id']} has already been refunded.",
                code="charge_already_refunded",
            )
        if amount < 1:
            raise StripeApiError(400, "Invalid positive integer", param="amount")
        if amount > remaining:
            raise StripeApiError(
                400,
                f"Refund amount ({_money(amount, charge['currency'])}) is "
                "greater than unrefunded amount on charge "
                f"({_money(remaining, charge['currency'])})",
                param="amount",
                code="amount_too_large",
            )
        refund = {
            "id": new_id("re"),
            "object": "refund",
            "amount": amount,
            "charge": charge["id"],
            "created": int(time.time()),
            "currency": charge["currency"],
            "metadata": dict(params.get("metadata") or {}),
            "payment_intent": charge["payment_intent"],
            "reason": reason,
            "status": "succeeded",
        }
        self.refunds[refund["id"]] = refund
        previous = {"amount_refunded": charge["amount_refunded"], "refunded": charge["refunded"]}
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        self._event("charge.refunded", charge, previous, key=key)
        return refund

    def _create_dispute(self, intent: dict, amount: int | None, reason: str) -> dict:
        charge = self.charges.get(intent["latest_charge"] or "")
        if charge is None or charge["status"] != "succeeded":
            raise StripeApiError(400, f"{intent['id']} has no successful charge to dispute")
        charge["disputed"] = True
        dispute = {
            "id": new_id("dp"),
            "object": "dispute",
            "amount": amount or charge["amount"] - charge["amount_refunded"],
            "charge": charge["id"],
            "created": int(time.time()),
            "currency": charge["currency"],
            "is_charge_refundable": False,
            "livemode": False,
            "metadata": {},
            "payment_intent": intent["id"],
            "reason": reason,
            "status": "needs_response",
        }
        self.disputes[dispute["id"]] = dispute
        self._event("charge.dispute.created", dispute)
        return dispute

    # -- internals: HTTP -----------------------------------------------------------------------

    def _authorise(self, headers, method: str, path: str, params: dict) -> None:
        auth = headers.get("Authorization") or ""
        if not auth.startswith("Bearer "):
            raise StripeApiError(
                401,
                "You did not provide an API key. You need to provide your "
                "API key in the Authorization header, using Bearer auth.",
            )
        key = auth[len("Bearer ") :].strip()
        if key == self.secret_key:
            return
        if key == self.publishable_key:
            match = re.fullmatch(r"/v1/payment_intents/([^/]+)(/confirm)?", path)
            if match and (method == "POST") == bool(match[2]):
                intent = self._intent(match[1])
                if params.get("client_secret") != intent["client_secret"]:
                    raise StripeApiError(
                        400,
                        "The client_secret provided does not match the "
                        "client_secret associated with the PaymentIntent.",
                        param="client_secret",
                    )
                return
            raise StripeApiError(
                403,
                "This API call cannot be made with a publishable API key. "
                "Please use a secret API key.",
            )
        shown = f"{key[:8]}{'*' * 12}{key[-4:]}" if len(key) > 12 else key
        raise StripeApiError(401, f"Invalid API Key provided: {shown}")

    def _expand(self, obj: dict, params: dict) -> dict:
        obj = _public(obj)
        expand = params.get("expand") or []
        if "latest_charge" in expand and obj.get("latest_charge"):
            obj["latest_charge"] = copy.deepcopy(self.charges[obj["latest_charge"]])
        return obj

    def _route(self, method: str, path: str, params: dict, key: str | None) -> dict:
        pi = re.fullmatch(r"/v1/payment_intents/([^/]+)(?:/(confirm|cancel))?", path)
        if method == "POST" and path == "/v1/payment_intents":
            return self._create_intent(params, key)
        if pi and method == "GET" and not pi[2]:
            return self._expand(self._intent(pi[1]), params)
        if pi and method == "POST" and pi[2] == "confirm":
            return self._expand(self._confirm(self._intent(pi[1]), params, key), params)
        if pi and method == "POST" and pi[2] == "cancel":
            return self._expand(self._cancel(self._intent(pi[1]), params, key), params)
        if method == "POST" and path == "/v1/refunds":
            return self._refund(params, key)
        if method == "GET" and path == "/v1/events":
            found = [e for e in reversed(self.events) if params.get("type") in (None, e["type"])]
            limit = _int(params, "limit", required=False) or 10
            return {
                "object": "list",
                "data": found[:limit],
                "has_more": len(found) > limit,
                "url": "/v1/events",
            }
        single = re.fullmatch(r"/v1/(events|refunds|charges)/([^/]+)", path)
        if single and method == "GET":
            store = {"refunds": self.refunds, "charges": self.charges}.get(single[1])
            found = (
                next((e for e in self.events if e["id"] == single[2]), None)
                if store is None
                else store.get(single[2])
            )
            if found is None:
                kind = single[1].rstrip("s")
                raise StripeApiError(
                    404, f"No such {kind}: '{single[2]}'", param="id", code="resource_missing"
                )
            return copy.deepcopy(found)
        raise StripeApiError(404, f"Unrecognized request URL ({method}: {path}).")

    def _api(
        self, method: str, path: str, query: str, body: str, headers
    ) -> tuple[int, dict, dict]:
        """Handle one API request: (status, JSON body, extra headers)."""
        extra: dict[str, str] = {}
        try:
            params = parse_form(parse_qsl(query, keep_blank_values=True))
            if method == "POST":
                params.update(parse_form(parse_qsl(body, keep_blank_values=True)))
        except StripeApiError as exc:
            return exc.status, {"error": exc.error}, extra
        key = headers.get("Idempotency-Key") if method == "POST" else None
        with self._lock:
            self.request_log.append(
                {
                    "method": method,
                    "path": path,
                    "params": params,
                    "idempotency_key": key,
                    "authorization": headers.get("Authorization"),
                }
            )
            try:
                self._authorise(headers, method, path, params)
                if key is not None and key in self._idempotency:
                    first_path, first_params, status, answer = self._idempotency[key]
                    if (first_path, first_params) != (path, params):
                        raise StripeApiError(
                            400,
                            "Keys for idempotent requests can only be used "
                            "with the same parameters they were first used with. "
                            f"Try using a key other than '{key}' if you meant to "
                            "execute a different request.",
                            type="idempotency_error",
                        )
                    return status, copy.deepcopy(answer), {"Idempotent-Replayed": "true"}
                try:
                    status, answer = 200, self._route(method, path, params, key)
                except StripeApiError as exc:
                    if exc.status != 402:  # Stripe does not save validation errors
                        raise
                    status, answer = exc.status, {"error": exc.error}
                if key is not None:
                    self._idempotency[key] = (path, params, status, copy.deepcopy(answer))
                return status, answer, extra
            except StripeApiError as exc:
                return exc.status, {"error": exc.error}, extra

    def _authorize_page(self, intent_id: str) -> str:
        intent = self.intents.get(intent_id)
        if intent is None:
            return "<p>No such payment.</p>"
        method = (intent.get("_pending_method") or {}).get("type", "?")
        amount = html.escape(_money(intent["amount"], intent["currency"]))
        return (
            "<!doctype html><meta charset=utf-8><title>Stripe stub: authorise test payment</title>"
            f"<h1>Stripe stub – {html.escape(method)} test payment</h1><p>{amount}</p>"
            f'<form method=post action="/stub/authorize/{intent_id}/succeed">'
            '<button id="stub-authorize">Authorize test payment</button></form>'
            f'<form method=post action="/stub/authorize/{intent_id}/fail">'
            '<button id="stub-fail">Fail test payment</button></form>'
        )

    def _authorize(self, intent_id: str, succeed: bool) -> str:
        """Complete a redirect payment from the authorisation page; the URL to return to."""
        intent = self._intent(intent_id)
        return_url = intent.get("_return_url") or "/"
        self.complete_redirect(intent_id, succeed)
        return _with_query(
            return_url,
            payment_intent=intent_id,
            payment_intent_client_secret=intent["client_secret"],
            redirect_status="succeeded" if succeed else "failed",
        )


def _public(obj: dict) -> dict:
    """A copy of a stored object without the stub's own bookkeeping (``_``-prefixed keys)."""
    return {k: copy.deepcopy(v) for k, v in obj.items() if not k.startswith("_")}


def _with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, urlencode(params)]))
    return urlunsplit(parts._replace(query=query))


def _post(target, body: bytes, headers: dict) -> int | str:
    if callable(target):
        return target(body, headers)
    request = urllib.request.Request(target, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError as exc:
        return f"error: {exc}"


def _handler(stub: StripeStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "stripe-stub/1.0"

        def log_message(self, format, *args):  # quiet
            pass

        def _send(self, status: int, body: bytes, content_type: str, headers=None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_OPTIONS(self):  # CORS preflight from the fake Stripe.js
            self._send(
                204,
                b"",
                "text/plain",
                {
                    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                    "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key",
                    "Access-Control-Allow-Private-Network": "true",
                    "Access-Control-Max-Age": "600",
                },
            )

        def do_GET(self):
            self._handle("GET")

        def do_POST(self):
            self._handle("POST")

        def _handle(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            if method == "GET" and parts.path in ("/v3", "/v3/"):
                script = FAKE_STRIPE_JS.replace("__STUB_API__", stub.url)
                return self._send(200, script.encode(), "application/javascript; charset=utf-8")
            page = re.fullmatch(r"/stub/authorize/([^/]+)(?:/(succeed|fail))?", parts.path)
            if page and method == "GET" and not page[2]:
                html_page = stub._authorize_page(page[1]).encode()
                return self._send(200, html_page, "text/html; charset=utf-8")
            if page and method == "POST" and page[2]:
                try:
                    location = stub._authorize(page[1], page[2] == "succeed")
                except StripeApiError as exc:
                    return self._send(400, str(exc).encode(), "text/plain; charset=utf-8")
                return self._send(303, b"", "text/plain", {"Location": location})
            status, answer, headers = stub._api(method, parts.path, parts.query, body, self.headers)
            if stub.auto_deliver:
                stub.deliver_pending()  # before answering, so tests see the webhook's effect
            headers = {"Request-Id": new_id("req", 14), "Stripe-Version": API_VERSION, **headers}
            self._send(status, json.dumps(answer).encode(), "application/json", headers)

    return Handler


def stub_fixture(*, scope: str = "function", **kwargs):
    """A pytest fixture giving a started ``StripeStub(**kwargs)``; assign it in a test module:
    ``stripe_stub = stub_fixture(webhook_secret="whsec_x")``."""
    import pytest

    @pytest.fixture(scope=scope)
    def stripe_stub():
        with StripeStub(**kwargs) as stub:
            yield stub

    return stripe_stub


# The fake Stripe.js: only what our payment page uses. __STUB_API__ becomes the stub's URL.
FAKE_STRIPE_JS = r"""/* Fake Stripe.js served by tests/stripe_stub.py - test stub, not Stripe's code.
   Supports: Stripe(pk), stripe.elements({clientSecret, locale}), elements.create("payment"),
   element.mount(selectorOrNode), element.on("ready"|"change", fn), elements.submit(),
   stripe.confirmPayment({elements, confirmParams: {return_url}, redirect}),
   stripe.retrievePaymentIntent(clientSecret). */
(function () {
  "use strict";
  var API = "__STUB_API__";

  function intentId(clientSecret) {
    return String(clientSecret || "").split("_secret_")[0];
  }

  function call(key, method, path, params) {
    var body = new URLSearchParams(params);
    var init = { method: method, headers: { Authorization: "Bearer " + key } };
    var url = API + path;
    if (method === "GET") url += "?" + body.toString();
    else init.body = body;
    return fetch(url, init).then(function (response) {
      return response.json().then(function (json) {
        return response.ok ? { data: json } : { error: json.error };
      });
    });
  }

  function withQuery(url, params) {
    var target = new URL(url, window.location.href);
    Object.keys(params).forEach(function (k) { target.searchParams.set(k, params[k]); });
    return target.toString();
  }

  function PaymentElement(elements) {
    this.elements = elements;
    this.handlers = {};
    this.node = null;
  }
  PaymentElement.prototype.on = function (name, handler) {
    (this.handlers[name] = this.handlers[name] || []).push(handler);
    return this;
  };
  PaymentElement.prototype.emit = function (name, event) {
    (this.handlers[name] || []).forEach(function (h) { h(event || {}); });
  };
  PaymentElement.prototype.mount = function (target) {
    var node = typeof target === "string" ? document.querySelector(target) : target;
    if (!node) throw new Error("IntegrationError: mount target not found: " + target);
    var self = this;
    this.node = node;
    call(this.elements.key, "GET", "/v1/payment_intents/" + intentId(this.elements.clientSecret),
         { client_secret: this.elements.clientSecret }).then(function (result) {
      var types = result.data ? result.data.payment_method_types : ["card", "alipay"];
      var radios = types.map(function (t, i) {
        return '<label><input type="radio" name="stub-method" id="stub-method-' + t +
          '" value="' + t + '"' + (i === 0 ? " checked" : "") + "> " + t + "</label> ";
      }).join("");
      node.innerHTML =
        '<fieldset class="stub-stripe-payment" lang="' + (self.elements.locale || "auto") + '">' +
        "<legend>Stripe test stub - no real payment</legend>" + radios +
        '<p><label>Card number <input id="stub-card-number" value="4242424242424242"></label></p>' +
        '<p><label>Name on card <input id="stub-card-name" autocomplete="cc-name"></label></p>' +
        "</fieldset>";
      node.addEventListener("change", function () {
        self.emit("change", { elementType: "payment", complete: true, value: { type: self.method() } });
      });
      self.emit("ready", { elementType: "payment" });
    });
  };
  PaymentElement.prototype.method = function () {
    var checked = this.node && this.node.querySelector('input[name="stub-method"]:checked');
    return checked ? checked.value : "card";
  };
  PaymentElement.prototype.unmount = PaymentElement.prototype.destroy = function () {
    if (this.node) this.node.innerHTML = "";
  };

  function Elements(key, options) {
    this.key = key;
    this.clientSecret = options.clientSecret;
    this.locale = options.locale;
    this.payment = null;
  }
  Elements.prototype.create = function (type) {
    if (type !== "payment") throw new Error("IntegrationError: the stub only has the payment element");
    return (this.payment = new PaymentElement(this));
  };
  Elements.prototype.getElement = function (type) {
    return type === "payment" ? this.payment : null;
  };
  Elements.prototype.submit = function () {
    return Promise.resolve({});
  };

  window.Stripe = function (publishableKey) {
    if (!/^pk_/.test(publishableKey || "")) throw new Error("IntegrationError: Invalid API key");
    return {
      elements: function (options) {
        return new Elements(publishableKey, options || {});
      },
      retrievePaymentIntent: function (clientSecret) {
        return call(publishableKey, "GET", "/v1/payment_intents/" + intentId(clientSecret),
                    { client_secret: clientSecret }).then(function (result) {
          return result.error ? { error: result.error } : { paymentIntent: result.data };
        });
      },
      confirmPayment: function (options) {
        var elements = options.elements;
        var returnUrl = (options.confirmParams || {}).return_url;
        var element = elements.payment;
        var method = element.method();
        var params = { client_secret: elements.clientSecret, "payment_method_data[type]": method };
        if (returnUrl) params.return_url = returnUrl;
        var name = element.node.querySelector("#stub-card-name").value.trim();
        if (name) params["payment_method_data[billing_details][name]"] = name;
        if (method === "card") {
          params["payment_method_data[card][number]"] =
            element.node.querySelector("#stub-card-number").value.replace(/\D/g, "");
        }
        var id = intentId(elements.clientSecret);
        return call(publishableKey, "POST", "/v1/payment_intents/" + id + "/confirm", params)
          .then(function (result) {
            if (result.error) return { error: result.error };
            var intent = result.data;
            var action = intent.next_action;
            if (action) {
              var info = action[action.type] || {};
              window.location.assign(info.url || info.hosted_instructions_url);
              return new Promise(function () {});
            }
            if (options.redirect === "if_required") return { paymentIntent: intent };
            if (!returnUrl) return { error: { type: "invalid_request_error", message: "return_url is required" } };
            window.location.assign(withQuery(returnUrl, {
              payment_intent: intent.id,
              payment_intent_client_secret: elements.clientSecret,
              redirect_status: intent.status === "succeeded" ? "succeeded" : "failed",
            }));
            return new Promise(function () {});
          });
      },
    };
  };
})();
"""
