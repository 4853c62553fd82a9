"""Write side of payments (issue #6). The browser is never trusted: every state change comes from
the gateway (``retrieve_intent``) or from a verified webhook, and is applied once.

- ``payment_start``: one intent per order attempt, for the whole order total (all declarations),
  created with an idempotency key tied to the order.
- ``payment_reconcile``: ask the gateway what happened and apply it. On success, in one
  transaction: Oscar payment source and event, order status "Paid", each declaration marked paid
  (its customs messages queued) — or held for staff when the payer is not the orderer. On
  failure: the order is cancelled, its stock allocation released and the shopper's basket
  restored so they can try again.
- ``webhook_receive``: verified, recorded by event id (replays do nothing twice), then the intent is
  reconciled — so the order of webhook and browser return does not matter.
- ``refund_create``: full or partial, idempotent by key.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from integrations.payments.base import (
    CANCELED,
    FAILED,
    SUCCEEDED,
    Intent,
    PaymentError,
)
from integrations.registry import get_backend
from shop.customs import services as customs_services
from shop.customs.models import Declaration

from .models import Payment, Refund, WebhookEvent

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
Selector = get_class("partner.strategy", "Selector")

PENDING = "Pending payment"
PAID = "Paid"
CANCELLED = "Cancelled"
OPEN_STATUSES = (Payment.Status.REQUIRES_PAYMENT, Payment.Status.REQUIRES_ACTION)


class PaymentNotPossible(Exception):
    """The order cannot be paid (already paid, cancelled, or amounts do not add up)."""


def gateway():
    return get_backend("payments")


def to_minor(amount: Decimal) -> int:
    """Yuan to fen, exactly: refuses anything finer than a fen instead of rounding."""
    minor = amount * 100
    if minor != minor.to_integral_value():
        raise ValueError(f"{amount} has more than two decimal places")
    return int(minor)


def from_minor(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(Decimal("0.01"))


def _order_total(order) -> Decimal:
    """What the shopper pays: goods + freight + import tax, which is also the sum of the
    declarations' amounts (each declaration's own payment document carries its part)."""
    declared = sum((d.actual_paid for d in order.declarations.all()), Decimal("0"))
    if declared and declared != order.total_incl_tax:
        raise PaymentNotPossible(
            f"order {order.number}: total {order.total_incl_tax} != declarations {declared}"
        )
    return order.total_incl_tax


def gateway_for(payment: Payment):
    """The gateway a payment was made with (demo orders are paid in the sandbox even when the
    shop is configured with Stripe)."""
    configured = gateway()
    if payment.gateway == configured.name:
        return configured
    if payment.gateway == "sandbox":
        from .sandbox import SandboxGateway

        return SandboxGateway()
    raise PaymentError(f"payment {payment.intent_id} was made with {payment.gateway}")


def payment_start(*, order, gw=None) -> tuple[Payment, Intent]:
    """The open payment of ``order`` (reused while it can still be paid) or a new one."""
    if order.status != PENDING:
        raise PaymentNotPossible(f"order {order.number} is {order.status}")
    gw = gw or gateway()
    payment = order.payments.filter(gateway=gw.name, status__in=OPEN_STATUSES).first()
    if payment is not None:
        intent = gw.retrieve_intent(payment.intent_id)
        if intent.status not in (SUCCEEDED, FAILED, CANCELED):
            return payment, intent
        payment = _apply(payment, intent)
        if order.payments.filter(status=Payment.Status.SUCCEEDED).exists():
            raise PaymentNotPossible(f"order {order.number} is paid")
    amount = _order_total(order)
    attempt = order.payments.count() + 1
    key = f"order-{order.number}-payment-{attempt}"
    intent = gw.create_intent(
        amount_minor=to_minor(amount),
        currency=order.currency.lower(),
        reference=str(order.number),
        idempotency_key=key,
        method_types=list(settings.SHOP_PAYMENT_METHOD_TYPES),
        metadata={"order_number": str(order.number)},
    )
    payment, _created = Payment.objects.get_or_create(
        intent_id=intent.id,
        defaults={
            "order": order,
            "gateway": gw.name,
            "idempotency_key": key,
            "amount": amount,
            "currency": order.currency,
            "status": intent.status,
        },
    )
    return payment, intent


def payment_reconcile(*, payment: Payment) -> Payment:
    """Fetch the intent from the gateway and apply its state."""
    return _apply(payment, gateway_for(payment).retrieve_intent(payment.intent_id))


@transaction.atomic
def _apply(payment: Payment, intent: Intent) -> Payment:
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status in (Payment.Status.SUCCEEDED, Payment.Status.CANCELED, Payment.Status.FAILED):
        # final here; a later refund or dispute is handled by its own event
        locked.amount_refunded = max(
            locked.amount_refunded, from_minor(intent.amount_refunded_minor)
        )
        locked.save(update_fields=["amount_refunded", "updated_at"])
        if locked.status != Payment.Status.SUCCEEDED and intent.status == SUCCEEDED:
            # money arrived for an attempt we gave up (and cancelled): give it back
            logger.error("payment %s succeeded after it was given up: refunding", intent.id)
            transaction.on_commit(lambda: _refund_late_success(locked.pk))
        return locked
    if intent.status == FAILED:
        # The attempt is over: cancel the intent so the shopper cannot still pay for an order
        # we are about to cancel. If it turns out to have succeeded meanwhile, take that.
        try:
            intent = gateway_for(locked).cancel_intent(intent.id)
        except PaymentError:
            logger.warning("payment %s: could not cancel the failed intent", intent.id)
        if intent.status == CANCELED:
            intent = replace(intent, status=FAILED)
    locked.status = intent.status
    locked.method_type = intent.payment_method_type or locked.method_type
    locked.payer_name = intent.payer_name or locked.payer_name
    locked.failure_message = (intent.failure_message or "")[:255]
    locked.save()
    if intent.status == SUCCEEDED:
        if intent.amount_minor != to_minor(locked.amount):
            logger.error(
                "payment %s: paid %s fen, order %s expects %s",
                intent.id,
                intent.amount_minor,
                locked.order.number,
                locked.amount,
            )
        _record_success(locked, intent)
    elif intent.status in (FAILED, CANCELED):
        _record_failure(locked)
    return locked


def _refund_late_success(payment_pk: int) -> None:
    payment = Payment.objects.get(pk=payment_pk)
    intent = gateway_for(payment).retrieve_intent(payment.intent_id)
    remaining = intent.amount_minor - intent.amount_refunded_minor
    if remaining > 0:
        gateway_for(payment).refund(
            intent_id=payment.intent_id,
            amount_minor=remaining,
            idempotency_key=f"late-success-{payment.intent_id}",
            reason="order already cancelled",
        )


def _declaration_transaction_id(intent_id: str, declaration: Declaration, count: int) -> str:
    """payTransactionId of each declaration's payment document: the intent id, suffixed with the
    declaration's number when one payment covers several declarations."""
    return intent_id if count == 1 else f"{intent_id}-{declaration.sequence:02d}"


def _record_success(payment: Payment, intent: Intent) -> None:
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    now = timezone.now()
    payment.succeeded_at = now
    payment.save(update_fields=["succeeded_at"])
    source_type, _ = SourceType.objects.get_or_create(
        code=payment.gateway, defaults={"name": payment.gateway.title()}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=payment.currency,
        amount_allocated=payment.amount,
        amount_debited=payment.amount,
        reference=payment.intent_id,
        label=payment.method_type,
    )
    paid_type, _ = PaymentEventType.objects.get_or_create(code="paid", defaults={"name": "Paid"})
    PaymentEvent.objects.create(
        order=order, amount=payment.amount, reference=payment.intent_id, event_type=paid_type
    )
    if order.status == PENDING:
        order.set_status(PAID)
    declarations = list(
        order.declarations.filter(status=Declaration.Status.AWAITING_PAYMENT).order_by("sequence")
    )
    payer = payment.payer_name
    count = order.declarations.count()
    for declaration in declarations:
        transaction_id = _declaration_transaction_id(payment.intent_id, declaration, count)
        if payer and not customs_services.names_match(payer, declaration.orderer_name):
            customs_services.declaration_hold(
                declaration=declaration,
                payment_transaction_id=transaction_id,
                paid_at=now,
                note="payer is not the orderer",
            )
            logger.warning("order %s: payer is not the orderer, held for staff", order.number)
            continue
        customs_services.declaration_mark_paid(
            declaration=declaration,
            payment_transaction_id=transaction_id,
            paid_at=now,
            note=f"{payment.gateway} {payment.method_type}".strip(),
        )


def _record_failure(payment: Payment) -> None:
    """Cancel the order, release its stock and give the shopper their basket back."""
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    if order.status != PENDING:
        return
    if order.payments.exclude(pk=payment.pk).filter(status__in=OPEN_STATUSES).exists():
        return  # another attempt is still open
    order.set_status(CANCELLED)
    for line in order.lines.select_related("stockrecord", "product"):
        line.cancel_allocation(line.quantity)
    for declaration in order.declarations.filter(status=Declaration.Status.AWAITING_PAYMENT):
        customs_services.declaration_transition(
            declaration=declaration, to=Declaration.Status.CANCELLED, note="payment failed"
        )
    _restore_basket(order)


def _restore_basket(order) -> None:
    if order.user is None:
        return
    basket = Basket.open.filter(owner=order.user).first() or Basket.objects.create(owner=order.user)
    basket.strategy = Selector().strategy(user=order.user)
    in_basket = {line.product_id for line in basket.all_lines()}
    for line in order.lines.select_related("product"):
        if line.product is not None and line.product_id not in in_basket:
            basket.add_product(line.product, line.quantity)


def webhook_receive(*, payload: bytes, signature: str) -> str:
    """Verify, record once, apply. Raises ``WebhookSignatureInvalid`` (→ 400, nothing changed)."""
    gw = gateway()
    event = gw.parse_webhook(payload, signature)
    try:
        with transaction.atomic():
            record = WebhookEvent.objects.create(
                gateway=gw.name,
                event_id=event.id,
                type=event.type,
                intent_id=event.intent_id or "",
            )
    except IntegrityError:
        seen = WebhookEvent.objects.get(event_id=event.id)
        WebhookEvent.objects.filter(pk=seen.pk).update(times_received=seen.times_received + 1)
        return "duplicate"
    outcome = _handle_event(event)
    WebhookEvent.objects.filter(pk=record.pk).update(outcome=outcome, processed_at=timezone.now())
    return outcome


def _handle_event(event) -> str:
    payment = Payment.objects.filter(intent_id=event.intent_id or "").first()
    if payment is None:
        logger.warning("webhook %s %s: no payment for %s", event.type, event.id, event.intent_id)
        return "unknown payment"
    if event.type.startswith("charge.dispute."):
        Payment.objects.filter(pk=payment.pk).update(disputed=True)
        dispute_type, _ = PaymentEventType.objects.get_or_create(
            code="dispute", defaults={"name": "Dispute"}
        )
        PaymentEvent.objects.create(
            order=payment.order,
            amount=from_minor(int(event.data.get("amount") or 0)),
            reference=event.object_id,
            event_type=dispute_type,
        )
        logger.warning("payment %s disputed (%s): staff must respond", payment.intent_id, event.id)
        return "dispute flagged"
    payment = payment_reconcile(payment=payment)
    return f"payment {payment.status}"


def refund_create(
    *, payment: Payment, amount: Decimal, reason: str = "", user=None, key: str | None = None
) -> Refund:
    """Refund ``amount`` of a paid payment. The same ``key`` (a form's one-time token, or the
    cancellation/return it belongs to) never refunds twice. Raises ``PaymentError``."""
    amount = Decimal(amount)
    if amount <= 0:
        raise PaymentError("the refund amount must be positive")
    key = key or f"refund-{payment.intent_id}-{payment.refunds.count() + 1}"
    existing = Refund.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        remaining = locked.amount - max(locked.amount_refunded, _refunded_by_us(locked))
        if locked.status != Payment.Status.SUCCEEDED or amount > remaining:
            raise PaymentError(f"at most {max(remaining, Decimal('0'))} can be refunded")
        refund = Refund.objects.create(
            payment=locked, amount=amount, reason=reason[:255], idempotency_key=key, created_by=user
        )
    try:
        result = gateway_for(payment).refund(
            intent_id=payment.intent_id,
            amount_minor=to_minor(amount),
            idempotency_key=key,
            reason=reason,
        )
    except PaymentError:
        Refund.objects.filter(pk=refund.pk).update(status=Refund.Status.FAILED)
        raise
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        refund.gateway_refund_id = result.id
        refund.status = (
            Refund.Status.SUCCEEDED if result.status == SUCCEEDED else Refund.Status.PENDING
        )
        refund.save(update_fields=["gateway_refund_id", "status"])
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        # the charge.refunded webhook may have counted it already: never count twice
        locked.amount_refunded = max(locked.amount_refunded, _refunded_by_us(locked))
        locked.save(update_fields=["amount_refunded", "updated_at"])
        refunded_type, _ = PaymentEventType.objects.get_or_create(
            code="refunded", defaults={"name": "Refunded"}
        )
        PaymentEvent.objects.create(
            order=locked.order, amount=amount, reference=result.id, event_type=refunded_type
        )
        source = Source.objects.filter(order=locked.order, reference=locked.intent_id).first()
        if source is not None:
            source.amount_refunded = locked.amount_refunded
            source.save(update_fields=["amount_refunded"])
    return refund


def _refunded_by_us(payment: Payment) -> Decimal:
    return sum(
        (r.amount for r in payment.refunds.exclude(status=Refund.Status.FAILED)), Decimal("0")
    )
