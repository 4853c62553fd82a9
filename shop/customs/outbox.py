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


def _log(message: OutboxMessage, *, ok: bool, error: str = "") -> None:
    OutboxAttempt.objects.create(message=message, ok=ok, error=error[:2000])


def outbox_deliver(
    *, message_id: int, now: datetime.datetime | None = None, build: Callable | None = None
) -> str:
    """Try to deliver one message. Returns what happened: ``sent``, ``retry``, ``gave_up``,
    ``invalid``, ``waiting`` (an earlier message of the declaration is not sent yet), ``not_due``
    or ``skipped`` (already sent, or another worker holds it).

    The row is locked (``skip_locked``) for the whole attempt, so two workers never send it at
    the same time. A crash after the transport accepted the file but before this transaction
    commits leads to a resend of the same bytes under the same guid, which the transport and
    customs treat as one message.
    """
    if build is None:
        from .messages import build_message as build
    now = now or timezone.now()
    retry_at = None
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .select_related("declaration")
            .first()
        )
        if message is None:
            return "skipped"
        if message.next_attempt_at > now:
            return "not_due"
        earlier = (
            OutboxMessage.objects.filter(
                declaration=message.declaration_id, sequence__lt=message.sequence
            )
            .exclude(status=OutboxMessage.Status.SENT)
            .exists()
        )
        if earlier:
            message.next_attempt_at = now + WAIT_FOR_EARLIER
            message.save(update_fields=["next_attempt_at"])
            outcome, retry_at = "waiting", message.next_attempt_at
        else:
            outcome, retry_at = _attempt(message, now=now, build=build)
    if retry_at is not None:
        transaction.on_commit(lambda: _enqueue([message_id], run_after=retry_at))
    return outcome


def _attempt(message: OutboxMessage, *, now, build):
    message.attempts += 1
    try:
        if not message.payload:
            try:
                message.payload = build(message).decode("utf-8")
            except MessageInvalid as error:
                message.status = OutboxMessage.Status.INVALID
                message.last_error = str(error)
                message.save(update_fields=["status", "last_error", "attempts"])
                _log(message, ok=False, error=f"invalid: {error}")
                logger.error(
                    "customs message %s %s invalid, not sent: %s", message.kind, message.guid, error
                )
                return "invalid", None
        get_backend("customs_transport").send(
            message_id=message.guid, data=message.payload.encode("utf-8")
        )
    except TransportError as error:
        message.last_error = str(error)
        if message.attempts >= settings.CUSTOMS_MAX_ATTEMPTS:
            message.status = OutboxMessage.Status.GAVE_UP
            retry_at, outcome = None, "gave_up"
        else:
            message.next_attempt_at = now + backoff(message.attempts)
            retry_at, outcome = message.next_attempt_at, "retry"
        message.save()
        _log(message, ok=False, error=str(error))
        logger.warning(
            "customs message %s %s attempt %s failed: %s",
            message.kind,
            message.guid,
            message.attempts,
            error,
        )
        return outcome, retry_at
    message.status = OutboxMessage.Status.SENT
    message.sent_at = now
    message.last_error = ""
    message.save()
    _log(message, ok=True)
    return "sent", None


def outbox_due(*, now=None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
        .order_by("declaration_id", "sequence")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_resend(*, message: OutboxMessage) -> OutboxMessage:
    """Staff: put a message that gave up back in the queue (same guid, same bytes)."""
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status != OutboxMessage.Status.GAVE_UP:
            return locked
        locked.status = OutboxMessage.Status.PENDING
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "next_attempt_at"])
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
        message = OutboxMessage.objects.create(
            declaration=locked,
            kind=OutboxMessage.Kind.CANCEL,
            sequence=SEQUENCE[OutboxMessage.Kind.CANCEL],
            guid=str(uuid.uuid4()).upper(),
            next_attempt_at=timezone.now(),
            note=reason[:255],
        )
        transaction.on_commit(lambda: _enqueue([message.pk]))
    return message
