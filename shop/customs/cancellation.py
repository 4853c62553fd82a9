"""The shopper cancels a declaration before customs releases it (issue #15, spec §3.7).

* Nothing of it has gone to customs yet (paid or held, no outbox attempt) → cancelled here: its
  messages are withdrawn, no message is sent; the refund follows from the status change.
* Declared (customs gave an inventory number) → CEB623 through the outbox; it becomes cancelled,
  and is refunded, when customs approves (CEB624 399). A refused cancellation (e.g. −623005,
  already released) changes nothing and is shown to the shopper with customs' reason.
* Being registered by customs right now (sent, no inventory number yet) → try again shortly.
* Released → too late to cancel: a return is the way (30 days from release).

An order still pending payment is cancelled as a whole by the payments service
(``payments.services.order_expire``); the view calls it for ``UNPAID``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction

from integrations.customs.receipts import Outcome, error_reason, outcome_for, status_text

from .models import Declaration, OutboxMessage
from .outbox import declaration_cancel_request
from .services import declaration_transition

logger = logging.getLogger(__name__)

Status = Declaration.Status


class CancelOutcome(StrEnum):
    CANCELLED = "cancelled"  # done here, refund on its way
    REQUESTED = "requested"  # CEB623 queued
    ALREADY_REQUESTED = "already_requested"
    IN_PROGRESS = "in_progress"  # customs is registering it: try again in a few minutes
    RELEASED = "released"  # too late: ask for a return
    UNPAID = "unpaid"  # the whole order is cancelled by the payments service
    CLOSED = "closed"  # refused, cancelled or returned already


class Reason(StrEnum):
    CHANGED_MIND = "changed_mind"
    MISTAKE = "mistake"
    TOO_SLOW = "too_slow"
    OTHER = "other"


#: what customs reads in CEB623 ``reason`` (Chinese, whatever language the shopper uses)
CUSTOMS_REASON = {
    Reason.CHANGED_MIND: "消费者申请撤单：不想要了",
    Reason.MISTAKE: "消费者申请撤单：下错订单",
    Reason.TOO_SLOW: "消费者申请撤单：等待时间过长",
    Reason.OTHER: "消费者申请撤单",
}

SHOPPER_CANCELLABLE = {Status.HELD, Status.PAID, Status.DECLARED, Status.UNDER_REVIEW}


def declaration_cancel_by_shopper(*, declaration: Declaration, user, reason: str) -> CancelOutcome:
    if declaration.order.user_id != user.pk:
        raise PermissionDenied
    customs_reason = CUSTOMS_REASON.get(reason, CUSTOMS_REASON[Reason.OTHER])
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if locked.status == Status.AWAITING_PAYMENT:
            return CancelOutcome.UNPAID
        if locked.status == Status.RELEASED:
            return CancelOutcome.RELEASED
        if locked.status not in SHOPPER_CANCELLABLE:
            return CancelOutcome.CLOSED
        # Locked like the worker locks them: a message being prepared for sending is waited
        # for, and then counts as sent.
        messages = list(OutboxMessage.objects.select_for_update().filter(declaration=locked))
        if locked.status in (Status.PAID, Status.HELD) and not any(m.attempts for m in messages):
            for message in messages:
                message.status = OutboxMessage.Status.WITHDRAWN
                message.last_error = "withdrawn: cancelled by the shopper before sending"
                message.save(update_fields=["status", "last_error"])
            declaration_transition(
                declaration=locked,
                to=Status.CANCELLED,
                note=f"cancelled by the shopper before declaring ({reason})",
                source="shop",
            )
            logger.info("declaration %s cancelled by the shopper before sending", locked)
            return CancelOutcome.CANCELLED
        if not locked.invt_no:
            return CancelOutcome.IN_PROGRESS
        if cancellation_state(locked).state == "requested":
            return CancelOutcome.ALREADY_REQUESTED
        declaration_cancel_request(declaration=locked, reason=customs_reason)
        logger.info("declaration %s: the shopper asked customs to cancel (CEB623)", locked)
        return CancelOutcome.REQUESTED


@dataclass(frozen=True)
class Cancellation:
    """Where the shopper's cancellation of a declaration stands, for the order page."""

    state: str  # "" (none asked) · "requested" · "refused" · "approved"
    reason: str = ""  # customs' words for a refusal
    can_cancel: bool = False


def cancellation_state(declaration: Declaration) -> Cancellation:
    """The latest CEB623 and the CEB624 answers that came after it."""
    can_cancel = declaration.status in SHOPPER_CANCELLABLE
    request = (
        declaration.outbox_messages.filter(kind=OutboxMessage.Kind.CANCEL).order_by("-pk").first()
    )
    if request is None:
        return Cancellation("", can_cancel=can_cancel)
    answers = declaration.receipts.filter(kind="CEB624", received_at__gte=request.created_at)
    for answer in answers.order_by("-received_at", "-pk"):
        result = outcome_for("CEB624", answer.return_status)
        if result == Outcome.CANCELLED:
            return Cancellation("approved")
        if result == Outcome.REFUSED:
            code = answer.return_status
            reason = answer.return_info or (
                error_reason(code) if code.startswith("-") else status_text("CEB624", code)
            )
            return Cancellation("refused", reason=reason or code, can_cancel=can_cancel)
    return Cancellation("requested")
