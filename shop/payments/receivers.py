"""Refunds that follow from customs (issue #6): a paid declaration that customs refuses, or that
is cancelled (CEB623 approved, or a held payment staff cancel), is refunded for its own amount,
once (the refund key names the declaration and its new status)."""

import logging

from django.dispatch import receiver

from integrations.payments.base import PaymentError
from shop.customs.models import Declaration
from shop.customs.signals import declaration_status_changed

from .models import Payment

logger = logging.getLogger(__name__)

REFUND_ON = {Declaration.Status.REFUSED, Declaration.Status.CANCELLED}
UNPAID = {Declaration.Status.AWAITING_PAYMENT}


@receiver(declaration_status_changed)
def refund_refused_or_cancelled_declaration(sender, declaration, from_status, to_status, **kw):
    if to_status not in REFUND_ON or from_status in UNPAID:
        return
    from .services import refund_create

    payment = Payment.objects.filter(
        order_id=declaration.order_id, status=Payment.Status.SUCCEEDED
    ).first()
    if payment is None:
        return
    try:
        refund_create(
            payment=payment,
            amount=declaration.actual_paid,
            reason=f"customs declaration {declaration.number} {to_status}",
            key=f"declaration-{declaration.number}-{to_status}",
        )
    except PaymentError:
        logger.exception(
            "refund of declaration %s failed: staff must refund it from the dashboard",
            declaration.number,
        )
