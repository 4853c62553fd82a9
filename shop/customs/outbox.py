"""The customs outbox (issue #5): messages are written in the transaction that causes them and
delivered afterwards, in order per declaration, exactly once by guid, retried with exponential
backoff, every attempt recorded for staff.

Delivery runs in the django-tasks worker (``manage.py db_worker --queue-name customs``): each new
message is enqueued on commit, a failed attempt enqueues a retry for later, and
``manage.py customs_send`` sweeps up anything due (after a crash, or with no worker at all:
``--once``).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from integrations.customs.transport.base import TransportError
from integrations.registry import get_backend
from shop.core.masking import mask_text

from .messages import MessageInvalid
from .models import Declaration, OutboxAttempt, OutboxMessage

logger = logging.getLogger(__name__)

# 三单 first, then the inventory (spec §9.1: send 311/511 before 621)
SEQUENCE = {
    OutboxMessage.Kind.ORDER: 1,
    OutboxMessage.Kind.PAYMENT: 2,
    OutboxMessage.Kind.WAYBILL: 3,
    OutboxMessage.Kind.INVENTORY: 4,
    OutboxMessage.Kind.CANCEL: 5,
    OutboxMessage.Kind.RETURN: 6,
}
WAIT_FOR_EARLIER = datetime.timedelta(seconds=5)


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 1 min, 2 min, … capped at CUSTOMS_RETRY_MAX_DELAY (1 h by default)."""
    base = settings.CUSTOMS_RETRY_BASE_DELAY
    return min(base * (2 ** max(attempts - 1, 0)), settings.CUSTOMS_RETRY_MAX_DELAY)


def _enqueue(message_ids: list[int], *, run_after=None) -> None:
    from .tasks import deliver_outbox_message

    for pk in message_ids:
        task = (
            deliver_outbox_message.using(run_after=run_after)
            if run_after
            else deliver_outbox_message
        )
        task.enqueue(pk)


def outbox_create_for_declaration(*, declaration: Declaration, kinds=None) -> list[OutboxMessage]:
    """Write the declaration's messages to the outbox. Must run inside the transaction that marks
    the declaration paid; the delivery tasks are enqueued when it commits.

    ``kinds`` defaults to ``settings.CUSTOMS_SEND_KINDS``: who sends what is configurable (the
    payment and logistics companies may send their own 411/511)."""
    kinds = kinds or settings.CUSTOMS_SEND_KINDS
    now = timezone.now()
    messages = [
        OutboxMessage.objects.create(
            declaration=declaration,
            kind=kind,
            sequence=SEQUENCE[kind],
            guid=str(uuid.uuid4()).upper(),
            next_attempt_at=now,
        )
        for kind in sorted(kinds, key=lambda k: SEQUENCE[k])
    ]
    ids = [m.pk for m in messages]
    transaction.on_commit(lambda: _enqueue(ids))
    return messages


def _masked(error: BaseException | str) -> str:
    """An error text as it may be stored and shown: ID numbers and phones masked, bounded."""
    return mask_text(str(error))[:2000]


def _log(message: OutboxMessage, *, ok: bool, error: str = "") -> None:
    OutboxAttempt.objects.create(message=message, ok=ok, error=_masked(error))


# An attempt is logged as this when it starts; the result replaces it. One that still says it
# was interrupted: the worker died during the send (the next attempt finds out what happened).
INTERRUPTED = "interrupted: no result recorded (worker stopped during the attempt?)"
BLOCKING = (
    OutboxMessage.Status.GAVE_UP,
    OutboxMessage.Status.INVALID,
    OutboxMessage.Status.BLOCKED,
)


def outbox_deliver(
    *, message_id: int, now: datetime.datetime | None = None, build: Callable | None = None
) -> str:
    """Try to deliver one message. Returns what happened: ``sent``, ``retry``, ``gave_up``,
    ``invalid``, ``waiting`` (an earlier message of the declaration is not sent yet),
    ``blocked`` (an earlier one gave up or is invalid: staff must act), ``not_due`` or
    ``skipped`` (already sent, or another worker holds it).

    Two transactions, so what customs receives is exactly what is stored:

    1. prepare: lock the row, check the order, build and sign the XML if it has none yet, count
       the attempt (with its backoff as a lease) and log it as started — committed BEFORE the
       first byte goes out;
    2. send the stored bytes and record the result.

    A worker killed between the transport accepting the file and step 2's commit leaves the
    message pending with an "interrupted" attempt; the next attempt sends the same bytes under
    the same guid, which the transport (the guid marker of the folder exchange, HTTP 409 of the
    gateway) and customs treat as one message. Any exception, not only ``TransportError``,
    counts as a failed attempt with backoff: one bad message never stops the others.
    """
    if build is None:
        from .messages import build_message as build
    now = now or timezone.now()
    outcome, retry_at, attempt_id = _prepare(message_id, now=now, build=build)
    if attempt_id is not None:
        outcome, retry_at = _send(message_id, attempt_id=attempt_id, now=now)
    if retry_at is not None:
        transaction.on_commit(lambda: _enqueue([message_id], run_after=retry_at))
    return outcome


def _prepare(message_id: int, *, now, build):
    """Step 1. Returns (outcome, retry_at, attempt id); an attempt id means: send now."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .select_related("declaration")
            .first()
        )
        if message is None:
            return "skipped", None, None
        if message.next_attempt_at > now:
            return "not_due", None, None
        earlier = list(
            OutboxMessage.objects.filter(
                declaration=message.declaration_id, sequence__lt=message.sequence
            )
            .exclude(status=OutboxMessage.Status.SENT)
            .order_by("sequence")
        )
        stuck = next((m for m in earlier if m.status in BLOCKING), None)
        if stuck is not None:
            message.status = OutboxMessage.Status.BLOCKED
            message.last_error = (
                f"blocked: waits for {stuck.kind} {stuck.guid}, which is "
                f"{stuck.get_status_display()} (resend or rebuild it)"
            )
            message.save(update_fields=["status", "last_error"])
            logger.warning(
                "customs message %s %s blocked by %s %s (%s)",
                message.kind,
                message.guid,
                stuck.kind,
                stuck.guid,
                stuck.status,
            )
            return "blocked", None, None
        if earlier:
            message.next_attempt_at = now + WAIT_FOR_EARLIER
            message.save(update_fields=["next_attempt_at"])
            return "waiting", message.next_attempt_at, None
        message.attempts += 1
        if not message.payload:
            try:
                payload = build(message)
            except MessageInvalid as error:
                message.status = OutboxMessage.Status.INVALID
                message.last_error = _masked(error)
                message.save(update_fields=["status", "last_error", "attempts"])
                _log(message, ok=False, error=f"invalid: {error}")
                logger.error(
                    "customs message %s %s invalid, not sent: %s",
                    message.kind,
                    message.guid,
                    _masked(error),
                )
                return "invalid", None, None
            except Exception as error:  # signer down, a bug in the data: an attempt like any
                outcome, retry_at = _failed(message, error, now=now, during="build")
                _log(message, ok=False, error=f"build: {error}")
                return outcome, retry_at, None
            message.payload = payload.decode("utf-8")
        # the lease: if this worker dies during the send, the next try waits for the backoff
        message.next_attempt_at = now + backoff(message.attempts)
        message.save(update_fields=["payload", "attempts", "next_attempt_at"])
        attempt = OutboxAttempt.objects.create(message=message, ok=False, error=INTERRUPTED)
        return "", None, attempt.pk


def _send(message_id: int, *, attempt_id: int, now):
    """Step 2: send the stored bytes, record the result."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return "skipped", None
        attempt = OutboxAttempt.objects.get(pk=attempt_id)
        try:
            get_backend("customs_transport").send(
                message_id=message.guid, data=message.payload.encode("utf-8")
            )
        except Exception as error:
            outcome, retry_at = _failed(message, error, now=now, during="send")
            attempt.error = _masked(error)
            attempt.save(update_fields=["error"])
            return outcome, retry_at
        message.status = OutboxMessage.Status.SENT
        message.sent_at = now
        message.last_error = ""
        message.save(update_fields=["status", "sent_at", "last_error"])
        attempt.ok, attempt.error = True, ""
        attempt.save(update_fields=["ok", "error"])
        return "sent", None


def _failed(message: OutboxMessage, error: Exception, *, now, during: str):
    """Record a failed attempt on the message (already counted): retry later or give up."""
    message.last_error = _masked(error)
    if message.attempts >= settings.CUSTOMS_MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.GAVE_UP
        retry_at, outcome = None, "gave_up"
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        retry_at, outcome = message.next_attempt_at, "retry"
    message.save(update_fields=["status", "last_error", "attempts", "next_attempt_at"])
    log = logger.warning if isinstance(error, TransportError) else logger.error
    log(
        "customs message %s %s attempt %s failed (%s): %s%s",
        message.kind,
        message.guid,
        message.attempts,
        during,
        type(error).__name__,
        f" {_masked(error)}" if str(error) else "",
        exc_info=not isinstance(error, TransportError),
    )
    return outcome, retry_at


def _unblock_after(message: OutboxMessage) -> None:
    """Staff acted on ``message``: the later messages of its declaration that were blocked by
    it go back in the queue (they block again at once if another earlier one is stuck)."""
    blocked = list(
        OutboxMessage.objects.select_for_update().filter(
            declaration=message.declaration_id,
            sequence__gt=message.sequence,
            status=OutboxMessage.Status.BLOCKED,
        )
    )
    now = timezone.now()
    for later in blocked:
        later.status = OutboxMessage.Status.PENDING
        later.last_error = ""
        later.next_attempt_at = now
        later.save(update_fields=["status", "last_error", "next_attempt_at"])
    ids = [m.pk for m in blocked]
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))


def outbox_due(*, now=None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
        .order_by("declaration_id", "sequence")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_sweep() -> dict[str, int]:
    """Deliver every due message once (``customs_send --once``, the scheduler's outbox job).
    Returns how many ended how; one message that raises is logged and the sweep goes on."""
    counts: dict[str, int] = {}
    for pk in outbox_due():
        try:
            outcome = outbox_deliver(message_id=pk)
        except Exception:  # e.g. the database went away mid-message: go on with the next
            logger.exception("customs outbox message %s could not be processed", pk)
            outcome = "error"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def outbox_resend(*, message: OutboxMessage) -> OutboxMessage:
    """Staff: put a message that gave up back in the queue (same guid, same bytes)."""
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status != OutboxMessage.Status.GAVE_UP:
            return locked
        locked.status = OutboxMessage.Status.PENDING
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "next_attempt_at"])
        _unblock_after(locked)
        transaction.on_commit(lambda: _enqueue([locked.pk]))
    return locked


def outbox_retry_invalid(*, message: OutboxMessage) -> OutboxMessage:
    """Staff, after fixing the data (filing, merchant codes…): build an invalid message again
    under the same guid. Nothing was sent for it, so a new build is safe."""
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status != OutboxMessage.Status.INVALID:
            return locked
        locked.status = OutboxMessage.Status.PENDING
        locked.payload = ""
        locked.last_error = ""
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "payload", "last_error", "next_attempt_at"])
        _unblock_after(locked)
        transaction.on_commit(lambda: _enqueue([locked.pk]))
    return locked


CANCELLABLE = (Declaration.Status.DECLARED, Declaration.Status.UNDER_REVIEW)


def declaration_cancel_request(*, declaration: Declaration, reason: str) -> OutboxMessage:
    """Staff: ask customs to cancel a declared inventory before release (CEB623, spec §3.7).
    The declaration becomes cancelled when customs approves (CEB624 399). Raises
    ``ValueError`` when it cannot be cancelled (not declared yet, released, or no inventory
    number from customs yet)."""
    reason = " ".join((reason or "").split())
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if locked.status not in CANCELLABLE or not locked.invt_no:
            raise ValueError("not cancellable")
        if not reason:
            raise ValueError("reason required")
        pending = locked.outbox_messages.filter(
            kind=OutboxMessage.Kind.CANCEL, status=OutboxMessage.Status.PENDING
        ).first()
        if pending is not None:
            return pending  # asked already: idempotent
        return outbox_request_create(
            declaration=locked, kind=OutboxMessage.Kind.CANCEL, note=reason
        )


def outbox_request_create(*, declaration: Declaration, kind: str, note: str) -> OutboxMessage:
    """One request about an inventory (CEB623 cancellation, CEB625 return) in the outbox, in the
    caller's transaction, delivered by the worker after the commit like every message."""
    message = OutboxMessage.objects.create(
        declaration=declaration,
        kind=kind,
        sequence=SEQUENCE[kind],
        guid=str(uuid.uuid4()).upper(),
        next_attempt_at=timezone.now(),
        note=note[:255],
    )
    transaction.on_commit(lambda: _enqueue([message.pk]))
    return message
