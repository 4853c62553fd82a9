"""Customs receipts back into the shop (issue #5, spec §5).

``receipts_receive`` reads what the transport has for us (the exchange ``in`` folder by
default), ``receipt_file_process`` parses one file safely and applies each receipt entry to its
declaration: the receipt is stored, and the declaration moves along its status timeline (declared,
under review, released, refused with customs' reason, cancelled). A file that cannot be parsed
or matched is quarantined (kept, encrypted, in ``CustomsReceipt`` and moved to the transport's
``failed`` folder) with one clear log line; nothing raises out of the loop and nothing is lost.
The same receipt delivered twice is applied once (fingerprint of kind, guids, status and time).

Each file is handled on its own: an odd name (``CEB622 (1).xml``), a file over
``CUSTOMS_RECEIPT_MAX_BYTES`` (refused by its size, before it is read), unreadable or unparsable
content, or a receipt that answers no message this shop sent and none of its declarations —
each is quarantined with at most ``RAW_LIMIT`` bytes kept, one log line, and the loop goes on.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.db import IntegrityError, transaction

from integrations.customs.receipts import (
    Outcome,
    Receipt,
    ReceiptRejected,
    error_reason,
    outcome,
    parse_receipt,
    status_text,
)
from integrations.customs.transport.base import TransportError
from integrations.registry import get_backend
from shop.core.masking import mask_text

from .models import CustomsReceipt, Declaration, OutboxMessage
from .returns import return_receipt_apply
from .services import TRANSITIONS, declaration_transition
from .taxbills import tax_bill_record

logger = logging.getLogger(__name__)

Status = Declaration.Status

# What a receipt's outcome means for the declaration (spec §5.2, §9.1). Outcomes not listed
# (saved, send failed, info, unknown) are recorded for staff without changing the status.
TARGET = {
    Outcome.SENT_TO_CUSTOMS: Status.DECLARED,
    Outcome.ACCEPTED: Status.DECLARED,
    Outcome.UNDER_REVIEW: Status.UNDER_REVIEW,
    Outcome.DETAINED: Status.UNDER_REVIEW,
    Outcome.RELEASED: Status.RELEASED,
    Outcome.REFUSED: Status.REFUSED,
    Outcome.CANCELLED: Status.CANCELLED,
}
# A later receipt never moves a declaration back (receipts can arrive out of order).
RANK = {
    Status.AWAITING_PAYMENT: 0,
    Status.HELD: 1,
    Status.PAID: 1,
    Status.DECLARED: 2,
    Status.UNDER_REVIEW: 3,
    Status.RELEASED: 4,
    Status.REFUSED: 4,
    Status.CANCELLED: 4,
    Status.RETURNED: 5,
}
# A format-check receipt (CEB900) is about our message, not the goods: staff fix and resend.
NO_STATUS_CHANGE_KINDS = {"CEB900"}
# Answers to a request about an inventory (CEB624 to a cancellation, CEB626 to a return): only
# the approval changes the declaration. A refused cancellation (100, or e.g. −623005 "already
# released") leaves the inventory as it is — it must never read as "refused by customs", which
# would refund goods that are still being released.
REQUEST_ANSWERS = {"CEB624": {Outcome.CANCELLED}, "CEB626": set()}
#: what is kept (encrypted) of a quarantined file: enough for staff to see what it was
RAW_LIMIT = 64 * 1024
#: default for ``settings.CUSTOMS_RECEIPT_MAX_BYTES``: customs receipts are a few KiB
DEFAULT_MAX_BYTES = 1024 * 1024


def max_receipt_bytes() -> int:
    return int(getattr(settings, "CUSTOMS_RECEIPT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _fingerprint(receipt: Receipt) -> str:
    key = "|".join(
        [
            receipt.kind,
            receipt.message_guid or "",
            receipt.guid or "",
            receipt.return_status,
            receipt.return_time.isoformat(),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _match(receipt: Receipt) -> Declaration | None:
    """Find the declaration a receipt answers: by the guid of our message, else by the
    business keys customs echoes (order/cop number, waybill number, inventory number)."""
    for guid in {receipt.message_guid, receipt.guid} - {None, ""}:
        message = (
            OutboxMessage.objects.filter(guid=guid.upper(), attempts__gt=0)  # one we sent
            .exclude(status=OutboxMessage.Status.INVALID)
            .only("declaration_id")
            .first()
        )
        if message is not None:
            return Declaration.objects.get(pk=message.declaration_id)
    for field, value in (
        ("number", receipt.order_no),
        ("number", receipt.cop_no),
        ("logistics_no", receipt.logistics_no),
        ("invt_no", receipt.invt_no),
    ):
        if value:
            found = Declaration.objects.filter(**{field: value}).first()
            if found is not None:
                return found
    return None


def _reason(receipt: Receipt) -> str:
    known = error_reason(receipt.return_status) if receipt.return_status.startswith("-") else None
    return receipt.return_info or known or status_text(receipt.kind, receipt.return_status) or ""


def _advance(declaration: Declaration, target: str, receipt: Receipt) -> None:
    """Move towards ``target`` through the state machine (paid → declared → released when the
    declared receipt was lost), never backwards."""
    declaration.refresh_from_db(fields=["status"])
    if RANK[target] <= RANK[declaration.status]:
        return
    path = [target]
    if target not in TRANSITIONS[declaration.status]:
        if Status.DECLARED in TRANSITIONS[declaration.status]:
            path = [Status.DECLARED, target]
        else:
            return
    for step in path:
        declaration_transition(
            declaration=declaration,
            to=step,
            note=_reason(receipt),
            source=receipt.kind,
            code=receipt.return_status,
        )


def _quarantine(
    *, name: str, data: bytes, problem: str, receipt: Receipt | None = None, exc_info=False
) -> None:
    problem = mask_text(problem)
    CustomsReceipt.objects.create(
        file_name=name[:255],
        kind=receipt.kind if receipt else "",
        guid=(receipt.guid or "")[:36] if receipt else "",
        return_status=receipt.return_status[:20] if receipt else "",
        return_time=receipt.return_time if receipt else None,
        return_info=receipt.return_info if receipt else "",
        status=CustomsReceipt.Status.QUARANTINED,
        problem=problem,
        raw=_text(data[:RAW_LIMIT]),
    )
    logger.error("customs receipt %r quarantined: %s", name, problem, exc_info=exc_info)


@transaction.atomic
def receipt_apply(*, name: str, data: bytes, receipt: Receipt) -> bool:
    """Store one receipt entry and apply it. Returns False if it was quarantined."""
    declaration = _match(receipt)
    if declaration is None:
        keys = receipt.order_no or receipt.cop_no or receipt.logistics_no or receipt.message_guid
        _quarantine(
            name=name,
            data=data,
            problem=f"no declaration matches {receipt.kind} for {keys!r}",
            receipt=receipt,
        )
        return False
    fields = {
        "file_name": name[:255],
        "kind": receipt.kind,
        "guid": (receipt.message_guid or receipt.guid or "")[:36],
        "declaration": declaration,
        "return_status": receipt.return_status[:20],
        "return_time": receipt.return_time,
        "return_info": receipt.return_info or "",
        "raw": _text(data),
    }
    try:
        with transaction.atomic():
            stored = CustomsReceipt.objects.create(
                **fields, status=CustomsReceipt.Status.APPLIED, fingerprint=_fingerprint(receipt)
            )
    except IntegrityError:
        CustomsReceipt.objects.create(**fields, status=CustomsReceipt.Status.DUPLICATE)
        logger.info("customs receipt %s %s is a duplicate", receipt.kind, receipt.return_status)
        return True
    if receipt.invt_no and declaration.invt_no != receipt.invt_no:
        Declaration.objects.filter(pk=declaration.pk).update(invt_no=receipt.invt_no[:18])
    tax_bill_record(declaration=declaration, receipt=receipt, stored=stored)  # CEB816/818 only
    result = outcome(receipt)
    target = TARGET.get(result)
    if receipt.kind == "CEB626":
        return_receipt_apply(declaration=declaration, receipt=receipt)
    if receipt.kind in REQUEST_ANSWERS and result not in REQUEST_ANSWERS[receipt.kind]:
        if result in (Outcome.REFUSED, Outcome.UNKNOWN):
            logger.warning(
                "customs answered %s %s for %s: %s",
                receipt.kind,
                receipt.return_status,
                declaration,
                _reason(receipt),
            )
        return True
    if receipt.kind in NO_STATUS_CHANGE_KINDS or target is None:
        if result in (Outcome.SEND_FAILED, Outcome.UNKNOWN, Outcome.REFUSED):
            logger.warning(
                "customs receipt %s for %s: %s", receipt.kind, declaration, _reason(receipt)
            )
        return True
    _advance(declaration, target, receipt)
    return True


def receipt_file_process(*, name: str, data: bytes) -> bool:
    """Parse and apply one received file. Returns False when (part of) it was quarantined."""
    try:
        receipts = parse_receipt(data)
    except ReceiptRejected as error:
        _quarantine(name=name, data=data, problem=f"rejected: {error}")
        return False
    ok = True
    for receipt in receipts:
        ok = receipt_apply(name=name, data=data, receipt=receipt) and ok
    return ok


def receipts_receive(*, limit: int = 100) -> dict[str, int]:
    """One pass over the transport's incoming receipts. Never raises for a bad file: each file
    is handled on its own and ends up archived (applied) or in ``failed/`` (quarantined)."""
    transport = get_backend("customs_transport")
    counts = {"processed": 0, "quarantined": 0}
    try:
        incoming_files = transport.receive(limit=limit, max_bytes=max_receipt_bytes())
    except TransportError as error:
        logger.warning("customs receipts not received: %s", mask_text(str(error)))
        return counts
    for incoming in incoming_files:
        ok = _receive_one(incoming)
        try:
            transport.acknowledge(incoming.name, ok=ok)
        except Exception as error:  # e.g. failed/ not writable: the file stays, next pass
            logger.error("customs receipt %r could not be moved: %s", incoming.name, error)
        counts["processed" if ok else "quarantined"] += 1
    return counts


def _receive_one(incoming) -> bool:
    if incoming.problem:
        _quarantine(name=incoming.name, data=incoming.data, problem=incoming.problem)
        return False
    try:
        return receipt_file_process(name=incoming.name, data=incoming.data)
    except Exception as error:  # a bug must not stop the loop or lose the file
        try:
            _quarantine(
                name=incoming.name,
                data=incoming.data,
                problem=f"error: {type(error).__name__}: {error}",
                exc_info=True,
            )
        except Exception:
            logger.exception("customs receipt %r could not be quarantined", incoming.name)
        return False
