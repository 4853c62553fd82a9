"""Refunds that follow from customs (issues #6, #9): a paid declaration that customs refuses, or
that is cancelled (CEB623 approved, or a held payment staff cancel), is refunded for its own
amount, once (the refund key names the declaration and its new status).

The refund job is written when the declaration's status change is recorded — inside the
transaction of ``customs_services.declaration_transition`` — not on ``declaration_status_changed``
(sent after the commit), so a process that dies right after the commit loses no refund.
"""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from shop.customs.models import Declaration, DeclarationStatusChange, ReturnRequest

from .models import Payment

logger = logging.getLogger(__name__)

REFUND_ON = {Declaration.Status.REFUSED, Declaration.Status.CANCELLED}
UNPAID = {"", Declaration.Status.AWAITING_PAYMENT}


@receiver(post_save, sender=DeclarationStatusChange)
def refund_refused_or_cancelled_declaration(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.to_status not in REFUND_ON or instance.from_status in UNPAID:
        return
    from .services import refund_enqueue

    declaration = instance.declaration
    payment = Payment.objects.filter(
        order_id=declaration.order_id, status=Payment.Status.SUCCEEDED, superfluous=False
    ).first()
    if payment is None:
        logger.error(
            "declaration %s %s: no payment to refund", declaration.number, instance.to_status
        )
        return
    refund_enqueue(
        payment=payment,
        amount=declaration.actual_paid,
        reason=f"customs declaration {declaration.number} {instance.to_status}",
        key=f"declaration-{declaration.number}-{instance.to_status}",
    )


@receiver(post_save, sender=ReturnRequest)
def refund_accepted_return(sender, instance, created, raw=False, **kwargs):
    """Customs accepted a return (CEB626 399): refund the returned goods' share, their import
    tax and the freight as the return says (shop.customs.returns), once, in the same
    transaction as the return's conclusion."""
    if raw or instance.status != ReturnRequest.Status.ACCEPTED or instance.refund_total <= 0:
        return
    from .services import refund_enqueue

    declaration = instance.declaration
    payment = Payment.objects.filter(
        order_id=declaration.order_id, status=Payment.Status.SUCCEEDED, superfluous=False
    ).first()
    if payment is None:
        logger.error("return %s of %s: no payment to refund", instance.pk, declaration.number)
        return
    refund_enqueue(
        payment=payment,
        amount=instance.refund_total,
        reason=f"return {instance.pk} of customs declaration {declaration.number}",
        key=f"return-{instance.pk}",
    )
