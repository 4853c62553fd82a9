"""Write side of payments (issue #6). The browser is never trusted: every state change comes from
the gateway (``retrieve_intent``) or from a verified webhook, and is applied once.

- ``payment_start``: one intent per order attempt, for the whole order total (all declarations),
  created with an idempotency key tied to the order.
- ``payment_reconcile``: ask the gateway what happened and apply it. On success, in one
  transaction: Oscar payment source and event, order status "Paid", each declaration marked paid
  (its customs messages queued) — or held for staff when the payer is not the orderer. On
  failure: the order is cancelled, its stock allocation released and the shopper's basket
  restored so they can try again.
- ``webhook_receive``: verified, recorded by event id, then the intent is reconciled — so the order
  of webhook and browser return does not matter. The event is marked processed in the
  transaction that applies it: one that failed is applied by Stripe's retry, one that was
  applied is a no-op when it comes again.
- ``refund_create``: full or partial, idempotent by key (staff, at once).
- ``refund_enqueue`` / ``refund_job_run``: durable refund jobs (issue #9), written in the
  transaction that causes them and sent afterwards with backoff, the job's key being the
  gateway's idempotency key.
- ``payments_reconcile_open`` and ``orders_expire_unpaid``: the periodic jobs that ask the gateway
  about open payments and close orders left unpaid.

Lock order, everywhere: payment rows, then the order, then its declarations.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from integrations.payments.base import (
    CANCELED,
    FAILED,
    SUCCEEDED,
    Intent,
    PaymentError,
)
from integrations.payments.base import Refund as GatewayRefund
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
#: Payments that may still succeed: never start a second intent while one of these exists.
OPEN_STATUSES = (
    Payment.Status.REQUIRES_PAYMENT,
    Payment.Status.REQUIRES_ACTION,
    Payment.Status.PROCESSING,
)
#: Open payments the shopper can still act on (the payment page shows them).
PAYABLE_STATUSES = (Payment.Status.REQUIRES_PAYMENT, Payment.Status.REQUIRES_ACTION)
FINAL_STATUSES = (Payment.Status.SUCCEEDED, Payment.Status.CANCELED, Payment.Status.FAILED)


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
        payment = _apply(payment, intent)
        if payment.status in OPEN_STATUSES:
            return payment, intent  # still open (a processing one too: never a second intent)
        order.refresh_from_db(fields=["status"])
        if order.status != PENDING:
            raise PaymentNotPossible(f"order {order.number} is {order.status}")
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
    if locked.status in FINAL_STATUSES:
        # final here; a later refund or dispute is handled by its own event
        locked.amount_refunded = max(
            locked.amount_refunded, from_minor(intent.amount_refunded_minor)
        )
        locked.save(update_fields=["amount_refunded", "updated_at"])
        if locked.status != Payment.Status.SUCCEEDED and intent.status == SUCCEEDED:
            # money arrived for an attempt we gave up (and cancelled): give it back
            _record_superfluous(locked, intent, reason="the payment attempt was given up")
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


def _record_superfluous(payment: Payment, intent: Intent, *, reason: str) -> None:
    """A success the order does not need (it is paid by another payment, or cancelled/expired):
    kept for staff as a superfluous payment and refunded in full by a refund job written in this
    transaction. The order and its declarations are not touched."""
    logger.error(
        "payment %s of order %s succeeded but is not needed (%s): refunding it",
        payment.intent_id,
        payment.order.number,
        reason,
    )
    payment.status = Payment.Status.SUCCEEDED
    payment.superfluous = True
    payment.succeeded_at = payment.succeeded_at or timezone.now()
    payment.method_type = intent.payment_method_type or payment.method_type
    payment.save(
        update_fields=["status", "superfluous", "succeeded_at", "method_type", "updated_at"]
    )
    remaining = from_minor(max(intent.amount_minor - intent.amount_refunded_minor, 0))
    refund_enqueue(
        payment=payment,
        amount=remaining,
        reason=f"automatic: {reason}",
        key=f"superfluous-{payment.intent_id}",
    )


def _declaration_transaction_id(intent_id: str, declaration: Declaration, count: int) -> str:
    """payTransactionId of each declaration's payment document: the intent id, suffixed with the
    declaration's number when one payment covers several declarations."""
    return intent_id if count == 1 else f"{intent_id}-{declaration.sequence:02d}"


def paying_payment(order) -> Payment | None:
    """The payment that paid ``order`` (not a superfluous one)."""
    return order.payments.filter(status=Payment.Status.SUCCEEDED, superfluous=False).first()


def _record_success(payment: Payment, intent: Intent) -> None:
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    if order.status != PENDING:
        # paid by another payment (an order is "Paid" in the transaction that records its
        # payment), or cancelled/expired: this money is not needed
        _record_superfluous(payment, intent, reason=f"the order is {order.status.lower()}")
        return
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
    order.set_status(PAID)
    declarations = list(
        order.declarations.filter(status=Declaration.Status.AWAITING_PAYMENT).order_by("sequence")
    )
    payer = payment.payer_name
    count = order.declarations.count()
    for declaration in declarations:
        transaction_id = _declaration_transaction_id(payment.intent_id, declaration, count)
        # Wallets may not report who paid: then the real-name rule cannot be checked either.
        hold_note = (
            "payer unknown"
            if not payer
            else None
            if customs_services.names_match(payer, declaration.orderer_name)
            else "payer is not the orderer"
        )
        if hold_note:
            customs_services.declaration_hold(
                declaration=declaration,
                payment_transaction_id=transaction_id,
                paid_at=now,
                note=hold_note,
            )
            logger.warning("order %s: %s, held for staff", order.number, hold_note)
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
    _cancel_unpaid_order(order, note="payment failed")
    _restore_basket(order)


def _cancel_unpaid_order(order, *, note: str) -> None:
    """Cancel a locked order still pending payment: its stock allocation is released (Oscar's
    line API) and its declarations cancelled."""
    order.set_status(CANCELLED)
    for line in order.lines.select_related("stockrecord", "product"):
        line.cancel_allocation(line.quantity)
    for declaration in order.declarations.filter(status=Declaration.Status.AWAITING_PAYMENT):
        customs_services.declaration_transition(
            declaration=declaration, to=Declaration.Status.CANCELLED, note=note
        )


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
    """Verify, record, apply once. Raises ``WebhookSignatureInvalid`` (→ 400, nothing changed)
    and whatever applying raised (→ 503/500: Stripe retries, and the retry applies it)."""
    gw = gateway()
    event = gw.parse_webhook(payload, signature)
    record = _webhook_record(gw, event)
    if record.processed_at is not None:
        return "duplicate"
    try:
        with transaction.atomic():
            # one delivery at a time applies an event; marked processed in the same transaction
            locked = WebhookEvent.objects.select_for_update().get(pk=record.pk)
            if locked.processed_at is not None:
                return "duplicate"
            outcome = _handle_event(event)
            locked.outcome = outcome[:255]
            locked.last_error = ""
            locked.processed_at = timezone.now()
            locked.save(update_fields=["outcome", "last_error", "processed_at"])
    except Exception as error:
        WebhookEvent.objects.filter(pk=record.pk).update(
            last_error=f"{type(error).__name__}: {error}"[:255]
        )
        raise
    return outcome


def _webhook_record(gw, event) -> WebhookEvent:
    """The event's row, created on its first delivery and counted on each one."""
    try:
        with transaction.atomic():
            return WebhookEvent.objects.create(
                gateway=gw.name,
                event_id=event.id,
                type=event.type,
                intent_id=event.intent_id or "",
            )
    except IntegrityError:
        WebhookEvent.objects.filter(event_id=event.id).update(
            times_received=F("times_received") + 1
        )
        return WebhookEvent.objects.get(event_id=event.id)


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
    """Refund ``amount`` of a paid payment now (staff). The same ``key`` (a form's one-time token,
    or the cancellation/return it belongs to) never refunds twice. Raises ``PaymentError``."""
    amount = Decimal(amount)
    if amount <= 0:
        raise PaymentError("the refund amount must be positive")
    key = key or f"refund-{payment.intent_id}-{payment.refunds.count() + 1}"
    existing = Refund.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        remaining = _refund_remaining(locked)
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
        _refund_recorded(refund, result)
    return refund


def _refund_remaining(payment: Payment) -> Decimal:
    return payment.amount - max(payment.amount_refunded, _refunded_by_us(payment))


def _refund_recorded(refund: Refund, result: GatewayRefund) -> None:
    """The gateway took ``refund`` (a locked row): record it on the refund, the payment, Oscar's
    payment event and source. Runs in a transaction."""
    refund.gateway_refund_id = result.id
    refund.status = Refund.Status.SUCCEEDED if result.status == SUCCEEDED else Refund.Status.PENDING
    refund.last_error = ""
    refund.next_attempt_at = None
    refund.save(update_fields=["gateway_refund_id", "status", "last_error", "next_attempt_at"])
    locked = Payment.objects.select_for_update().get(pk=refund.payment_id)
    # the charge.refunded webhook may have counted it already: never count twice
    locked.amount_refunded = max(locked.amount_refunded, _refunded_by_us(locked))
    locked.save(update_fields=["amount_refunded", "updated_at"])
    refunded_type, _ = PaymentEventType.objects.get_or_create(
        code="refunded", defaults={"name": "Refunded"}
    )
    PaymentEvent.objects.create(
        order=locked.order, amount=refund.amount, reference=result.id, event_type=refunded_type
    )
    source = Source.objects.filter(order=locked.order, reference=locked.intent_id).first()
    if source is not None:
        source.amount_refunded = locked.amount_refunded
        source.save(update_fields=["amount_refunded"])


def _refunded_by_us(payment: Payment) -> Decimal:
    """Refunds made or on their way (queued and needs-staff jobs keep their amount reserved)."""
    return sum(
        (r.amount for r in payment.refunds.exclude(status=Refund.Status.FAILED)), Decimal("0")
    )


# --- Durable refund jobs (issue #9) ----------------------------------------------------------


def refund_enqueue(*, payment: Payment, amount: Decimal, reason: str, key: str) -> Refund | None:
    """Write a refund job for ``amount`` of a paid payment, in the caller's transaction (the one
    that changes what makes the refund necessary), so it cannot be lost when the process dies
    after the commit. The refund worker sends it (``refund_job_run``); a first attempt is made
    as soon as the transaction commits. The same ``key`` is one job, and the gateway's
    idempotency key, so a job sent twice refunds once. Never more than what remains to refund:
    the amount is capped, and nothing is queued (``None``) when nothing remains."""
    existing = Refund.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        remaining = _refund_remaining(locked)
        amount = min(Decimal(amount), remaining)
        if locked.status != Payment.Status.SUCCEEDED or amount <= 0:
            logger.warning(
                "refund %s of payment %s not queued: nothing left to refund", key, locked.intent_id
            )
            return None
        refund = Refund.objects.create(
            payment=locked,
            amount=amount,
            reason=reason[:255],
            idempotency_key=key,
            status=Refund.Status.QUEUED,
            next_attempt_at=timezone.now(),
        )
    transaction.on_commit(lambda: _refund_job_soon(refund.pk), robust=True)
    return refund


def _refund_job_soon(refund_id: int) -> None:
    """The first attempt, right after the commit; the worker retries whatever this leaves."""
    try:
        refund_job_run(refund_id=refund_id)
    except Exception:  # noqa: BLE001 - never break the caller's request after its commit
        logger.exception("refund job %s: first attempt failed, the worker will retry", refund_id)


def refund_backoff(attempts: int) -> datetime.timedelta:
    """1 min, 2 min, 4 min, … capped at SHOP_PAYMENT_REFUND_RETRY_MAX_DELAY."""
    base = settings.SHOP_PAYMENT_REFUND_RETRY_BASE_DELAY
    return min(base * (2 ** max(attempts - 1, 0)), settings.SHOP_PAYMENT_REFUND_RETRY_MAX_DELAY)


def refund_job_run(*, refund_id: int, now: datetime.datetime | None = None) -> str:
    """One attempt at a queued refund: ``refunded``, ``retry``, ``needs_staff``, ``not_due`` or
    ``skipped`` (not queued, or another worker holds it). The row stays locked during the
    attempt; a crash after the gateway refunded but before this commits is harmless, as the
    next attempt sends the same idempotency key and the gateway answers with the same refund."""
    now = now or timezone.now()
    with transaction.atomic():
        job = (
            Refund.objects.select_for_update(skip_locked=True)
            .filter(pk=refund_id, status=Refund.Status.QUEUED)
            .select_related("payment")
            .first()
        )
        if job is None:
            return "skipped"
        if job.next_attempt_at is not None and job.next_attempt_at > now:
            return "not_due"
        job.attempts += 1
        try:
            result = gateway_for(job.payment).refund(
                intent_id=job.payment.intent_id,
                amount_minor=to_minor(job.amount),
                idempotency_key=job.idempotency_key,
                reason=job.reason,
            )
        except PaymentError as error:
            job.last_error = str(error)[:500]
            if job.attempts >= settings.SHOP_PAYMENT_REFUND_MAX_ATTEMPTS:
                job.status = Refund.Status.NEEDS_STAFF
                job.next_attempt_at = None
                outcome = "needs_staff"
                logger.error(
                    "refund %s of payment %s gave up after %s attempts: staff must act",
                    job.idempotency_key,
                    job.payment.intent_id,
                    job.attempts,
                )
            else:
                job.next_attempt_at = now + refund_backoff(job.attempts)
                outcome = "retry"
                logger.warning(
                    "refund %s attempt %s failed: %s", job.idempotency_key, job.attempts, error
                )
            job.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return outcome
        job.save(update_fields=["attempts"])
        _refund_recorded(job, result)
    return "refunded"


def refund_jobs_due(*, now: datetime.datetime | None = None, limit: int = 200) -> list[int]:
    now = now or timezone.now()
    return list(
        Refund.objects.filter(status=Refund.Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def refund_jobs_run(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send every due refund job once (the scheduler's and ``payments_refunds``' pass)."""
    counts: dict[str, int] = {}
    for pk in refund_jobs_due(now=now):
        outcome = refund_job_run(refund_id=pk, now=now)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def refund_job_retry(*, refund: Refund) -> str:
    """Staff: send a refund job that needs staff (or is waiting for its next attempt) now, with
    a fresh count of attempts. Returns the attempt's outcome (``skipped`` if it is neither)."""
    with transaction.atomic():
        locked = Refund.objects.select_for_update().get(pk=refund.pk)
        if locked.status not in (Refund.Status.NEEDS_STAFF, Refund.Status.QUEUED):
            return "skipped"
        locked.status = Refund.Status.QUEUED
        locked.attempts = 0
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "attempts", "next_attempt_at"])
    return refund_job_run(refund_id=refund.pk)


# --- Periodic jobs (issue #9) ----------------------------------------------------------------


def payments_reconcile_open(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Ask the gateway about every open payment older than SHOP_PAYMENT_RECONCILE_AFTER_MINUTES
    and apply what it says: a webhook that never came (or never got through) changes nothing
    for long. Returns how many payments ended in which status (``unreachable``: the gateway
    did not answer, asked again next time)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.SHOP_PAYMENT_RECONCILE_AFTER_MINUTES)
    counts: dict[str, int] = {}
    open_payments = Payment.objects.filter(status__in=OPEN_STATUSES, created_at__lte=cutoff)
    for payment in open_payments.order_by("created_at", "pk"):
        try:
            outcome = payment_reconcile(payment=payment).status
        except PaymentError as error:
            logger.warning("reconcile of payment %s failed: %s", payment.intent_id, error)
            outcome = "unreachable"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def orders_expire_unpaid(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Expire every order still pending payment SHOP_PAYMENT_TIMEOUT_MINUTES after it was
    placed (``order_expire``). Returns the outcomes counted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.SHOP_PAYMENT_TIMEOUT_MINUTES)
    counts: dict[str, int] = {}
    for order in Order.objects.filter(status=PENDING, date_placed__lte=cutoff).order_by("pk"):
        outcome = order_expire(order=order)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def order_expire(*, order) -> str:
    """Close an order left unpaid: cancel its open intents at the gateway, then cancel the
    order, its declarations and its stock allocation. Returns ``expired``, ``paid`` (an intent
    had succeeded meanwhile: applied instead — a paid order is never cancelled), ``open`` (an
    intent cannot be cancelled yet, e.g. processing, or a new one was started: next run),
    ``unreachable`` (the gateway did not answer: next run) or ``skipped`` (no longer pending).

    The gateway is asked first, outside any transaction; then payments and order are locked and
    checked again, so a webhook applied meanwhile wins."""
    cancelled = set()
    for payment in order.payments.filter(status__in=OPEN_STATUSES):
        try:
            intent = gateway_for(payment).cancel_intent(payment.intent_id)
        except PaymentError as error:
            logger.warning("expiry of order %s: cancel %s failed: %s", order.number, payment, error)
            return "unreachable"
        if intent.status == SUCCEEDED:
            _apply(payment, intent)
            return "paid"
        if intent.status not in (CANCELED, FAILED):
            return "open"
        cancelled.add(payment.pk)
    with transaction.atomic():
        open_payments = list(
            Payment.objects.select_for_update().filter(order=order, status__in=OPEN_STATUSES)
        )
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != PENDING or paying_payment(locked) is not None:
            return "skipped"
        if any(payment.pk not in cancelled for payment in open_payments):
            return "open"
        for payment in open_payments:
            payment.status = Payment.Status.CANCELED
            payment.failure_message = "not paid in time"
            payment.save(update_fields=["status", "failure_message", "updated_at"])
        _cancel_unpaid_order(locked, note="payment timeout")
    logger.info("order %s expired unpaid", order.number)
    return "expired"
