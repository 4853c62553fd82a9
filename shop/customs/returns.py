"""Returns of released goods (退货, issue #15; spec §3.8, §9.3, GACC 2020 No.45).

1. The shopper asks within ``RETURN_REQUEST_DAYS`` (30) of the declaration's release, for some
   or all items (partial quantities allowed): reason, quantities → ``requested``; the order page
   shows the return address (the warehouse) and the day the parcel must be back by
   (``RETURN_ARRIVAL_DAYS``, 45, after release).
2. Staff or the declaration's merchant receive the parcel and record its condition. Goods that
   are not the ones sent → ``rejected`` (nothing goes to customs). Otherwise CEB625 goes through
   the outbox in the same transaction → ``received``. A parcel arriving after the 45 days is
   refused here, with the reason.
3. CEB626: ``120`` → ``under_review``; ``399`` → ``accepted``: the returned share of the goods,
   the import tax (customs does not levy it) and the freight as the shop's policy says
   (``SHOP_RETURN_FREIGHT_REFUND``: ``full_return`` — only when every item came back —,
   ``always`` — its share —, or ``never``) are refunded by the payments service (a refund job
   written in the same transaction, see shop.payments.receivers), and the orderer's annual quota
   gets the returned dutiable value back; when everything came back the declaration is
   ``returned``. ``100`` or a negative code → ``refused`` with customs' reason.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from integrations.customs.receipts import Outcome, Receipt, error_reason, outcome

from .models import (
    Declaration,
    DeclarationLine,
    DeclarationStatusChange,
    OutboxMessage,
    ReturnLine,
    ReturnRequest,
)
from .services import declaration_transition

logger = logging.getLogger(__name__)

RETURN_REQUEST_DAYS = 30
RETURN_ARRIVAL_DAYS = 45
CENT = Decimal("0.01")
ZERO = Decimal("0.00")

Status = ReturnRequest.Status
#: requests whose items are on their way back or back: they count against what may be returned
OPEN = (Status.REQUESTED, Status.RECEIVED, Status.UNDER_REVIEW, Status.ACCEPTED)

#: what customs reads in CEB625 ``reason`` (Chinese, whatever language the shopper uses)
CUSTOMS_REASON = {
    ReturnRequest.Reason.NOT_AS_DESCRIBED: "消费者申请退货：商品与描述不符",
    ReturnRequest.Reason.DAMAGED: "消费者申请退货：商品破损",
    ReturnRequest.Reason.WRONG_ITEM: "消费者申请退货：发错商品",
    ReturnRequest.Reason.CHANGED_MIND: "消费者申请退货：不想要了",
}


def released_at(declaration: Declaration) -> datetime.datetime | None:
    change = (
        DeclarationStatusChange.objects.filter(
            declaration=declaration, to_status=Declaration.Status.RELEASED
        )
        .order_by("created_at")
        .first()
    )
    return change.created_at if change else None


@dataclass(frozen=True)
class Returnable:
    """What the shopper may still return of a declaration, and until when."""

    request_until: datetime.datetime | None
    arrive_until: datetime.datetime | None
    quantities: dict[int, int]  # declaration line id → units that may still be returned

    @property
    def open(self) -> bool:
        return self.request_until is not None and any(self.quantities.values())


def returnable(declaration: Declaration, *, now: datetime.datetime | None = None) -> Returnable:
    now = now or timezone.now()
    released = released_at(declaration)
    if declaration.status != Declaration.Status.RELEASED or released is None:
        return Returnable(None, None, {})
    request_until = released + datetime.timedelta(days=RETURN_REQUEST_DAYS)
    arrive_until = released + datetime.timedelta(days=RETURN_ARRIVAL_DAYS)
    if now > request_until:
        return Returnable(None, arrive_until, {})
    taken = dict(
        ReturnLine.objects.filter(
            return_request__declaration=declaration, return_request__status__in=OPEN
        )
        .values_list("declaration_line")
        .annotate(total=Sum("quantity"))
    )
    quantities = {
        line.pk: line.quantity - taken.get(line.pk, 0) for line in declaration.lines.all()
    }
    return Returnable(request_until, arrive_until, quantities)


def return_request_create(
    *, declaration: Declaration, user, quantities: dict[int, int], reason: str, note: str = ""
) -> ReturnRequest:
    """The shopper asks to return ``quantities`` (declaration line id → units). Raises
    ``ValidationError`` with a translated message when the deadline passed or the quantities
    are not returnable."""
    if declaration.order.user_id != user.pk:
        raise PermissionDenied
    if reason not in ReturnRequest.Reason.values:
        raise ValidationError(_("Choose why you return the goods."))
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
        allowed = returnable(locked)
        if allowed.request_until is None:
            if locked.status == Declaration.Status.RELEASED:
                raise ValidationError(
                    _(
                        "Returns must be asked for within %(days)s days of the customs release; "
                        "that time has passed."
                    )
                    % {"days": RETURN_REQUEST_DAYS}
                )
            raise ValidationError(_("Only goods released by China Customs can be returned."))
        wanted = {int(pk): int(q) for pk, q in quantities.items() if int(q) > 0}
        if not wanted:
            raise ValidationError(_("Choose at least one item to return."))
        for pk, quantity in wanted.items():
            if pk not in allowed.quantities or quantity > allowed.quantities[pk]:
                raise ValidationError(_("You cannot return more items than you can still return."))
        request = ReturnRequest.objects.create(declaration=locked, reason=reason, note=note[:500])
        lines = DeclarationLine.objects.filter(declaration=locked, pk__in=wanted)
        ReturnLine.objects.bulk_create(
            ReturnLine(return_request=request, declaration_line=line, quantity=wanted[line.pk])
            for line in lines
        )
    logger.info("return %s asked for declaration %s", request.pk, locked)
    return request


def can_receive(user, request: ReturnRequest) -> bool:
    return user.is_staff or request.declaration.partner.users.filter(pk=user.pk).exists()


def return_receive(
    *, request: ReturnRequest, user, condition: str, note: str = "", now=None
) -> ReturnRequest:
    """The parcel is back at the warehouse: record it; send CEB625 unless the goods are not the
    ones sent or the parcel came after the 45 days."""
    if not can_receive(user, request):
        raise PermissionDenied
    if condition not in ReturnRequest.Condition.values:
        raise ValidationError(_("Record the condition of the parcel."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = ReturnRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != Status.REQUESTED:
            raise ValidationError(_("This return has been received already."))
        locked.received_at, locked.received_by = now, user
        locked.condition, locked.condition_note = condition, note[:500]
        arrive_until = returnable(locked.declaration, now=now).arrive_until
        if condition == ReturnRequest.Condition.NOT_OURS:
            locked.status = Status.REJECTED
            locked.outcome_reason = _("The parcel does not hold the goods we sent.")
        elif arrive_until is None or now > arrive_until:
            locked.status = Status.REJECTED
            locked.outcome_reason = _(
                "The parcel arrived more than %(days)s days after the customs release."
            ) % {"days": RETURN_ARRIVAL_DAYS}
        else:
            from .outbox import outbox_request_create

            locked.message = outbox_request_create(
                declaration=locked.declaration,
                kind=OutboxMessage.Kind.RETURN,
                note=CUSTOMS_REASON[locked.reason],
            )
            locked.status = Status.RECEIVED
        if locked.status == Status.REJECTED:
            locked.concluded_at = now
        locked.save()
    return locked


def return_message_lines(message: OutboxMessage):
    """``ReturnLine``s of the messages' return, as the CEB625 builder wants them."""
    from integrations.customs.messages import ReturnLine as Item

    request = message.return_request
    return tuple(
        Item(gnum=line.declaration_line.gnum, qty=Decimal(line.quantity))
        for line in request.lines.select_related("declaration_line")
    )


def _share(amount: Decimal, quantity: int, of: int) -> Decimal:
    if quantity == of:
        return amount
    return (amount * quantity / of).quantize(CENT, rounding=ROUND_HALF_UP)


def _conclude(request: ReturnRequest, now) -> None:
    """Customs accepted the return: the refund's parts and the quota given back."""
    declaration = Declaration.objects.select_for_update().get(pk=request.declaration_id)
    goods = tax = freight = quota = ZERO
    policy = settings.SHOP_RETURN_FREIGHT_REFUND
    for line in request.lines.select_related("declaration_line"):
        item, q = line.declaration_line, line.quantity
        goods += _share(item.dutiable_value - item.freight_share, q, item.quantity)
        tax += _share(item.tax_total, q, item.quantity)
        quota += _share(item.dutiable_value, q, item.quantity)
        if policy == "always":
            freight += _share(item.freight_share, q, item.quantity)
    request.status = Status.ACCEPTED
    request.concluded_at = now
    request.refund_goods, request.refund_tax, request.quota_restored = goods, tax, quota
    returned = dict(
        ReturnLine.objects.filter(
            return_request__declaration=declaration, return_request__status=Status.ACCEPTED
        )
        .exclude(return_request=request)
        .values_list("declaration_line")
        .annotate(total=Sum("quantity"))
    )
    for line in request.lines.all():
        returned[line.declaration_line_id] = returned.get(line.declaration_line_id, 0) + (
            line.quantity
        )
    everything = all(returned.get(line.pk, 0) >= line.quantity for line in declaration.lines.all())
    if policy == "full_return" and everything:
        freight = declaration.freight
    request.refund_freight = freight
    request.save()  # the refund job is written on this save (shop.payments.receivers)
    declaration.returned_dutiable_value = min(
        declaration.returned_dutiable_value + quota, declaration.dutiable_value
    )
    declaration.save(update_fields=["returned_dutiable_value"])
    if everything:
        declaration_transition(
            declaration=declaration,
            to=Declaration.Status.RETURNED,
            note="all goods returned",
            source="CEB626",
            code="399",
        )


def return_receipt_apply(*, declaration: Declaration, receipt: Receipt) -> ReturnRequest | None:
    """Apply a CEB626 to the return its CEB625 asked for (matched by the message guid)."""
    request = (
        ReturnRequest.objects.select_for_update()
        .filter(declaration=declaration, message__guid__in={receipt.guid, receipt.message_guid})
        .first()
    )
    if request is None:
        logger.warning("CEB626 for %s matches no return request", declaration)
        return None
    if request.status in (Status.ACCEPTED, Status.REFUSED, Status.REJECTED):
        return request  # concluded: a late or repeated receipt changes nothing
    result = outcome(receipt)
    now = receipt.return_time or timezone.now()
    if result == Outcome.ACCEPTED:
        _conclude(request, now)
    elif result == Outcome.UNDER_REVIEW:
        request.status = Status.UNDER_REVIEW
        request.save(update_fields=["status"])
    elif result == Outcome.REFUSED:
        code = receipt.return_status
        request.status = Status.REFUSED
        request.outcome_reason = (
            receipt.return_info or (error_reason(code) if code.startswith("-") else "") or code
        )[:1000]
        request.concluded_at = now
        request.save(update_fields=["status", "outcome_reason", "concluded_at"])
    return request
