"""Product filing workflow (issue #12, 一次备案、多主体共享).

A merchant fills a filing (draft), submits it; zone staff approve or reject it with a reason.
``draft → submitted → approved | rejected``, and a rejected filing may be edited and submitted
again. Every status change goes through ``_transition`` here and writes a
``FilingStatusChange`` in the same transaction. An approved filing is shared: another merchant
selling the same goods (same barcode, or same HS code and specification) attaches it to its own
stock record instead of filing again. Whether goods may then be sold stays the rule of
``shop.customs.checkout.sellability``.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .models import FilingRecord, FilingStatusChange

Status = FilingRecord.Status

# to_status -> the statuses it may be reached from
TRANSITIONS = {
    Status.SUBMITTED: {Status.DRAFT, Status.REJECTED},
    Status.APPROVED: {Status.SUBMITTED},
    Status.REJECTED: {Status.SUBMITTED},
}
EDITABLE = {Status.DRAFT, Status.REJECTED}

# The filing fields a merchant fills (reference, status, positive list and owner are not theirs)
MERCHANT_FIELDS = (
    "customs_name",
    "hs_code",
    "spec_model",
    "brand",
    "barcode",
    "origin_country",
    "unit",
    "unit1",
    "qty1_per_unit",
    "unit2",
    "qty2_per_unit",
    "net_weight_kg",
    "gross_weight_kg",
    "vat_rate",
    "consumption_rate",
    "consumption_per_unit",
    "duty_rate",
)


def _partners(user):
    Partner = get_model("partner", "Partner")
    return Partner.objects.filter(users=user)


# --- selectors -----------------------------------------------------------------------------------


def filings_for_user(*, user) -> QuerySet:
    """The filings ``user`` may open: staff all; a merchant its own and the approved ones (shared,
    read-only for it)."""
    queryset = FilingRecord.objects.select_related("owner")
    if user.is_staff:
        return queryset
    return queryset.filter(Q(owner__in=_partners(user)) | Q(status=Status.APPROVED))


def own_filings_for_user(*, user) -> QuerySet:
    """A merchant's list: the filings it made and the approved ones its stock records use."""
    queryset = FilingRecord.objects.select_related("owner")
    if user.is_staff:
        return queryset
    partners = _partners(user)
    return queryset.filter(
        Q(owner__in=partners) | Q(status=Status.APPROVED, stockrecords__partner__in=partners)
    ).distinct()


def filing_review_queue() -> QuerySet:
    """Submitted filings for zone staff, the longest waiting first."""
    return (
        FilingRecord.objects.filter(status=Status.SUBMITTED)
        .select_related("owner")
        .order_by("submitted_at", "pk")
    )


def can_edit_filing(*, filing, user) -> bool:
    return filing.status in EDITABLE and _is_owner(filing=filing, user=user)


def _is_owner(*, filing, user) -> bool:
    if user.is_staff:
        return True
    return filing.owner_id is not None and _partners(user).filter(pk=filing.owner_id).exists()


def reusable_filings(*, barcode="", hs_code="", spec_model="", exclude_pk=None) -> QuerySet:
    """Approved filings of the same goods: the same barcode, or the same HS code with the same
    specification and model (case and surrounding spaces ignored)."""
    barcode, hs_code, spec_model = barcode.strip(), hs_code.strip(), spec_model.strip()
    match = Q(pk__in=[])
    if barcode:
        match |= Q(barcode__iexact=barcode)
    if hs_code and spec_model:
        match |= Q(hs_code=hs_code, spec_model__iexact=spec_model)
    queryset = FilingRecord.objects.filter(match, status=Status.APPROVED)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.order_by("reference")


def filing_search(*, query: str) -> QuerySet:
    """Approved filings a merchant may reuse, by barcode, HS code, name, brand or specification."""
    query = query.strip()
    queryset = FilingRecord.objects.filter(status=Status.APPROVED)
    if not query:
        return queryset.none()
    return queryset.filter(
        Q(barcode__iexact=query)
        | Q(hs_code__startswith=query)
        | Q(reference__iexact=query)
        | Q(customs_name__icontains=query)
        | Q(brand__icontains=query)
        | Q(spec_model__icontains=query)
    ).order_by("reference")[:50]


def stockrecords_for_user(*, user) -> QuerySet:
    """The stock records ``user`` may attach a filing to: a merchant only its own."""
    StockRecord = get_model("partner", "StockRecord")
    queryset = StockRecord.objects.select_related("product", "partner", "warehouse")
    if not user.is_staff:
        queryset = queryset.filter(partner__in=_partners(user))
    return queryset.order_by("partner__name", "partner_sku")


# --- services ------------------------------------------------------------------------------------


def _refuse_duplicate(filing):
    if error := _duplicate_error(filing):
        raise error


def _complete_and_new(filing):
    filing.full_clean()
    _refuse_duplicate(filing)


def _duplicate_error(filing) -> ValidationError | None:
    duplicate = reusable_filings(
        barcode=filing.barcode,
        hs_code=filing.hs_code,
        spec_model=filing.spec_model,
        exclude_pk=filing.pk,
    ).first()
    if duplicate is None:
        return None
    return ValidationError(
        _(
            "An approved filing for these goods already exists (%(reference)s): use it instead "
            "of filing again."
        ),
        code="duplicate_filing",
        params={"reference": duplicate.reference},
    )


def _new_reference() -> str:
    return f"F{timezone.localdate():%Y%m%d}{uuid.uuid4().hex[:8].upper()}"


@transaction.atomic
def filing_draft_create(*, user, data: dict, stockrecord=None) -> FilingRecord:
    """A new draft by ``user``'s merchant (the stock record's, when given, which then points at
    it). Refused when an approved filing of the same goods exists: that one is reused."""
    owner = None
    if stockrecord is not None:
        stockrecord = _own_stockrecord(user=user, stockrecord=stockrecord)
        owner = stockrecord.partner
    elif not user.is_staff:
        owner = _partners(user).order_by("pk").first()
        if owner is None:
            raise PermissionDenied
    filing = FilingRecord(
        **{k: v for k, v in data.items() if k in MERCHANT_FIELDS},
        reference=_new_reference(),
        owner=owner,
        status=Status.DRAFT,
    )
    filing.full_clean()
    if error := _duplicate_error(filing):
        raise error
    filing.save()
    FilingStatusChange.objects.create(
        filing=filing, from_status="", to_status=Status.DRAFT, changed_by=user
    )
    if stockrecord is not None:
        stockrecord.filing_record = filing
        stockrecord.save(update_fields=["filing_record"])
    return filing


@transaction.atomic
def filing_update(*, filing_id: int, user, data: dict) -> FilingRecord:
    """Change a draft or rejected filing's data (its owner or staff)."""
    filing = FilingRecord.objects.select_for_update().get(pk=filing_id)
    if not _is_owner(filing=filing, user=user):
        raise PermissionDenied
    if filing.status not in EDITABLE:
        raise ValidationError(
            _("A filing can be changed only while it is a draft or after it was rejected."),
            code="not_editable",
        )
    for name, value in data.items():
        if name in MERCHANT_FIELDS:
            setattr(filing, name, value)
    filing.full_clean()
    if error := _duplicate_error(filing):
        raise error
    filing.save()
    return filing


def _transition(
    *, filing_id: int, to_status, user, reason="", check=None, **changes
) -> FilingRecord:
    """The one place a filing's status changes: refuses a transition not in ``TRANSITIONS``,
    runs ``check(filing)`` (may raise), saves and writes the history row."""
    filing = FilingRecord.objects.select_for_update().get(pk=filing_id)
    from_status = filing.status
    if from_status not in TRANSITIONS[to_status]:
        raise ValidationError(
            _("A filing that is “%(from)s” cannot become “%(to)s”."),
            code="invalid_transition",
            params={"from": Status(from_status).label, "to": Status(to_status).label},
        )
    if check is not None:
        check(filing)
    filing.status = to_status
    for name, value in changes.items():
        setattr(filing, name, value)
    filing.save()
    FilingStatusChange.objects.create(
        filing=filing,
        from_status=from_status,
        to_status=to_status,
        changed_by=user,
        reason=reason,
    )
    return filing


@transaction.atomic
def filing_submit(*, filing_id: int, user) -> FilingRecord:
    """Send a draft (or a corrected rejected filing) to zone staff for review."""
    filing = FilingRecord.objects.select_for_update().get(pk=filing_id)
    if not _is_owner(filing=filing, user=user):
        raise PermissionDenied
    return _transition(
        filing_id=filing_id,
        to_status=Status.SUBMITTED,
        user=user,
        check=_complete_and_new,
        submitted_at=timezone.now(),
        status_note="",
    )


def _staff_only(user):
    if not user.is_staff:
        raise PermissionDenied


@transaction.atomic
def filing_approve(
    *, filing_id: int, user, on_positive_list: bool = True, reason: str = ""
) -> FilingRecord:
    """Zone staff approve a submitted filing, confirming whether its tariff line is on the
    positive list. Stock records pointing at it become sellable (``sellability``)."""
    _staff_only(user)
    return _transition(
        filing_id=filing_id,
        to_status=Status.APPROVED,
        user=user,
        check=_refuse_duplicate,
        reason=reason.strip(),
        on_positive_list=on_positive_list,
        status_note=reason.strip(),
    )


@transaction.atomic
def filing_reject(*, filing_id: int, user, reason: str) -> FilingRecord:
    """Zone staff reject a submitted filing; the reason is required and shown to the merchant."""
    _staff_only(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for the rejection.")}, code="reason_required"
        )
    return _transition(
        filing_id=filing_id,
        to_status=Status.REJECTED,
        user=user,
        reason=reason,
        status_note=reason[:255],
    )


def _own_stockrecord(*, user, stockrecord):
    if not stockrecords_for_user(user=user).filter(pk=stockrecord.pk).exists():
        raise PermissionDenied
    return stockrecord


@transaction.atomic
def filing_attach(*, filing_id: int, stockrecord_id: int, user):
    """Point one of ``user``'s own stock records at a filing: an approved one (anyone's, that is
    the sharing) or one of its own merchant's. No new filing is made."""
    StockRecord = get_model("partner", "StockRecord")
    filing = FilingRecord.objects.get(pk=filing_id)
    if filing.status != Status.APPROVED and not _is_owner(filing=filing, user=user):
        raise PermissionDenied
    stockrecord = StockRecord.objects.select_for_update().get(pk=stockrecord_id)
    _own_stockrecord(user=user, stockrecord=stockrecord)
    stockrecord.filing_record = filing
    stockrecord.save(update_fields=["filing_record"])
    return stockrecord
