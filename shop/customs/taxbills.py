"""Tax bills (电子税单) compared with the tax the shop collected (issue #15, spec §5.3).

Customs computes the import tax itself and sends it as a CEB816 per inventory; its status later
changes by CEB818 (2 summarised into the guarantor's payment, 3 void after a cancellation or a
return). The shop collected its own estimate from the shopper (``DeclarationLine.tax_total``,
``Declaration.duty``/``vat``/``consumption_tax``, computed by ``tax.py``). Any difference — per
goods line or in total, to the fen — is flagged for staff, who resolve it with a note (e.g. after
settling with the guarantor); a void bill is no longer open.

``tax_bill_record`` is called by ``receipts.receipt_apply`` inside its transaction.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from integrations.customs.receipts import Receipt

from .models import CustomsReceipt, Declaration, TaxBill
from .selectors import declaration_list_for_user

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")


def _money(value) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _compare_lines(declaration: Declaration, bill) -> tuple[list[dict], bool]:
    """Per goods line (by ``gnum``) what customs billed and what the shop collected; a line on
    one side only counts as a difference too."""
    collected = {line.gnum: line.tax_total for line in declaration.lines.all()}
    billed = {
        line.gnum: line.customs_tax + line.value_added_tax + line.consumption_tax
        for line in bill.lines
    }
    rows, differs = [], False
    for gnum in sorted(collected.keys() | billed.keys()):
        ours, theirs = collected.get(gnum), billed.get(gnum)
        row_differs = ours is None or theirs is None or ours != theirs
        differs |= row_differs
        rows.append(
            {
                "gnum": gnum,
                "billed": None if theirs is None else _money(theirs),
                "collected": None if ours is None else _money(ours),
                "differs": row_differs,
            }
        )
    return rows, differs


def tax_bill_record(
    *, declaration: Declaration, receipt: Receipt, stored: CustomsReceipt
) -> TaxBill | None:
    """Record a CEB816 (amounts, compared) or a CEB818 (status) for ``declaration``."""
    if receipt.kind not in ("CEB816", "CEB818"):
        return None
    tax_no = receipt.tax_no or (receipt.tax_bill.tax_no if receipt.tax_bill else "")
    if not tax_no:
        logger.warning("%s for %s carries no tax bill number", receipt.kind, declaration)
        return None
    status = receipt.return_status if receipt.return_status in TaxBill.BillStatus else "1"
    bill, _created = TaxBill.objects.select_for_update().get_or_create(
        declaration=declaration, tax_no=tax_no[:64], defaults={"bill_status": status}
    )
    if receipt.kind == "CEB816" and receipt.tax_bill is not None:
        amounts = receipt.tax_bill
        rows, lines_differ = _compare_lines(declaration, amounts)
        billed = (amounts.customs_tax, amounts.value_added_tax, amounts.consumption_tax)
        collected = (declaration.duty, declaration.vat, declaration.consumption_tax)
        changed = bill.billed_duty is not None and (
            (bill.billed_duty, bill.billed_vat, bill.billed_consumption_tax) != billed
        )
        bill.billed_duty, bill.billed_vat, bill.billed_consumption_tax = billed
        bill.collected_duty, bill.collected_vat, bill.collected_consumption_tax = collected
        bill.lines = rows
        bill.differs = lines_differ or billed != collected
        bill.receipt = stored
        if changed:  # customs re-issued the bill with other amounts: look at it again
            bill.resolved_at, bill.resolved_by, bill.resolution_note = None, None, ""
        if bill.differs:
            logger.warning(
                "tax bill %s for %s differs: billed %s, collected %s",
                tax_no,
                declaration,
                sum(billed),
                sum(collected),
            )
    # Statuses only move forward (1 → 2 → 3); receipts may arrive out of order.
    if status > bill.bill_status:
        bill.bill_status = status
    if bill.bill_status == TaxBill.BillStatus.VOID and bill.voided_at is None:
        bill.voided_at = receipt.return_time or timezone.now()
    bill.save()
    return bill


@transaction.atomic
def tax_bill_resolve(*, bill_id: int, user, note: str) -> TaxBill:
    bill = TaxBill.objects.select_for_update().get(pk=bill_id)
    bill.resolved_at = timezone.now()
    bill.resolved_by = user
    bill.resolution_note = note
    bill.save(update_fields=["resolved_at", "resolved_by", "resolution_note", "updated_at"])
    return bill


def open_tax_bill_differences() -> Q:
    return Q(differs=True, resolved_at__isnull=True, voided_at__isnull=True)


def tax_bills_for_user(*, user) -> QuerySet[TaxBill]:
    """Zone staff see every bill; a merchant only the bills of its own declarations."""
    return TaxBill.objects.filter(
        declaration__in=declaration_list_for_user(user=user).values("pk")
    ).select_related("declaration", "declaration__partner", "resolved_by")
