"""The embedded payment gateway: a clearly labelled test payment page where the shopper chooses
"succeed" or "fail" (issue #6). It implements the same ``PaymentGateway`` contract as Stripe,
so the shop's services take the same path; intents live in the database. ``check --deploy``
refuses it (``integrations.E001``): it must never take real orders.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.db import IntegrityError, transaction

from integrations.payments.base import (
    CANCELED,
    FAILED,
    REQUIRES_PAYMENT,
    SUCCEEDED,
    Event,
    Intent,
    PaymentError,
    Refund,
    WebhookSignatureInvalid,
)

from .models import SandboxIntent, SandboxRefund


def _intent(row: SandboxIntent) -> Intent:
    return Intent(
        id=row.id,
        status=row.status,
        amount_minor=row.amount_minor,
        currency=row.currency,
        client_secret=f"{row.id}_secret",
        raw_status=row.status,
        payer_name=row.payer_name or None,
        payment_method_type="sandbox" if row.status == SUCCEEDED else None,
        failure_message=row.failure_message or None,
        amount_refunded_minor=row.refunded_minor,
        metadata=row.metadata,
    )


class SandboxGateway:
    embedded: ClassVar[bool] = True
    name: ClassVar[str] = "sandbox"

    def create_intent(
        self, *, amount_minor, currency, reference, idempotency_key, method_types, metadata
    ) -> Intent:
        if amount_minor <= 0:
            raise PaymentError("amount must be positive")
        existing = SandboxIntent.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            try:
                with transaction.atomic():
                    existing = SandboxIntent.objects.create(
                        id=f"sb_pi_{secrets.token_hex(12)}",
                        idempotency_key=idempotency_key,
                        amount_minor=amount_minor,
                        currency=currency.lower(),
                        status=REQUIRES_PAYMENT,
                        metadata={**metadata, "reference": reference},
                    )
            except IntegrityError:
                existing = SandboxIntent.objects.get(idempotency_key=idempotency_key)
        return _intent(existing)

    def _get(self, intent_id: str) -> SandboxIntent:
        row = SandboxIntent.objects.filter(pk=intent_id).first()
        if row is None:
            raise PaymentError(f"no such sandbox intent {intent_id}")
        return row

    def retrieve_intent(self, intent_id: str) -> Intent:
        return _intent(self._get(intent_id))

    def cancel_intent(self, intent_id: str) -> Intent:
        row = self._get(intent_id)
        if row.status != SUCCEEDED:
            row.status = CANCELED
            row.save(update_fields=["status"])
        return _intent(row)

    def complete(self, intent_id: str, *, succeed: bool, payer_name: str) -> Intent:
        """What the sandbox page does instead of a card network."""
        row = self._get(intent_id)
        if row.status in (REQUIRES_PAYMENT, FAILED):
            row.status = SUCCEEDED if succeed else FAILED
            row.payer_name = payer_name
            row.failure_message = "" if succeed else "Sandbox: the shopper chose to fail."
            row.save(update_fields=["status", "payer_name", "failure_message"])
        return _intent(row)

    def refund(self, *, intent_id, amount_minor, idempotency_key, reason="") -> Refund:
        with transaction.atomic():
            row = SandboxIntent.objects.select_for_update().filter(pk=intent_id).first()
            if row is None or row.status != SUCCEEDED:
                raise PaymentError("only a succeeded sandbox payment can be refunded")
            done = SandboxRefund.objects.filter(idempotency_key=idempotency_key).first()
            if done is None:
                if amount_minor <= 0 or amount_minor > row.amount_minor - row.refunded_minor:
                    raise PaymentError("refund amount is more than what remains")
                done = SandboxRefund.objects.create(
                    id=f"sb_re_{secrets.token_hex(12)}",
                    intent=row,
                    idempotency_key=idempotency_key,
                    amount_minor=amount_minor,
                )
                row.refunded_minor += amount_minor
                row.save(update_fields=["refunded_minor"])
        return Refund(
            id=done.id, intent_id=intent_id, amount_minor=done.amount_minor, status=SUCCEEDED
        )

    def parse_webhook(self, payload: bytes, signature_header: str) -> Event:
        raise WebhookSignatureInvalid("the sandbox sends no webhooks")

    def client_config(self, intent: Intent) -> dict:
        return {"gateway": "sandbox", "intent_id": intent.id}
