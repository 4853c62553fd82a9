"""Customs data of the shop (issue #4): product filings, real-name orderers and the customs
declarations an order is split into.

Personal data (ID numbers, phone numbers, names on declarations) is stored with
``EncryptedTextField`` (AES-GCM, key ring from settings) plus a keyed hash for equality look-ups
(annual quota per ID number). Statuses change only through ``services.declaration_transition``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop.core.fields import EncryptedTextField

from .codes import CountryCode, TradeMode, UnitCode

ZERO = Decimal("0")
MONEY = {"max_digits": 12, "decimal_places": 2, "default": ZERO}

hs_code_validator = RegexValidator(
    r"^\d{10}$", _("An HS code has exactly 10 digits."), code="invalid_hs_code"
)


def _rate_field(label, *, below_one=False, default="0"):
    upper = (
        MaxValueValidator(Decimal("0.9999"), _("The rate must be below 100%."))
        if below_one
        else MaxValueValidator(Decimal("1"), _("The rate cannot be above 100%."))
    )
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=4,
        default=Decimal(default),
        validators=[MinValueValidator(ZERO, _("The rate cannot be negative.")), upper],
        help_text=_("As a fraction: 0.13 for 13%."),
    )


class FilingRecord(models.Model):
    """商品备案: the goods as filed with customs, shared by every merchant selling them
    (一次备案、多主体共享). Stock records point at it; a bonded (1210) stock record without an
    approved filing on the positive list cannot be sold."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    reference = models.CharField(_("Filing reference"), max_length=30, unique=True)
    customs_name = models.CharField(
        _("Filed Chinese goods name"), max_length=250, help_text=_("gname, verbatim Chinese.")
    )
    hs_code = models.CharField(_("HS code"), max_length=10, validators=[hs_code_validator])
    spec_model = models.CharField(
        _("Specification and model"),
        max_length=510,
        help_text=_("gmodel: brand, specification, composition, content..."),
    )
    origin_country = models.CharField(
        _("Country of origin"), max_length=3, choices=CountryCode.choices
    )
    unit = models.CharField(_("Transaction unit"), max_length=3, choices=UnitCode.choices)
    unit1 = models.CharField(_("Legal first unit"), max_length=3, choices=UnitCode.choices)
    qty1_per_unit = models.DecimalField(
        _("Legal first quantity per item"),
        max_digits=19,
        decimal_places=5,
        validators=[MinValueValidator(Decimal("0.00001"))],
    )
    unit2 = models.CharField(
        _("Legal second unit"), max_length=3, choices=UnitCode.choices, blank=True
    )
    qty2_per_unit = models.DecimalField(
        _("Legal second quantity per item"),
        max_digits=19,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00001"))],
    )
    barcode = models.CharField(_("Barcode"), max_length=50, blank=True)
    brand = models.CharField(_("Brand"), max_length=128, blank=True)
    net_weight_kg = models.DecimalField(
        _("Net weight per item (kg)"), max_digits=12, decimal_places=5
    )
    gross_weight_kg = models.DecimalField(
        _("Gross weight per item (kg)"), max_digits=12, decimal_places=5
    )
    vat_rate = _rate_field(_("VAT rate"), default="0.13")
    consumption_rate = _rate_field(_("Consumption tax rate (ad valorem)"), below_one=True)
    consumption_per_unit = models.DecimalField(
        _("Consumption tax per item (specific, CNY)"),
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    duty_rate = _rate_field(_("Duty rate (MFN, used above the limits)"))
    on_positive_list = models.BooleanField(
        _("On the positive list"),
        default=False,
        help_text=_("The tariff line is on the cross-border retail import positive list."),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    status_note = models.CharField(_("Status note"), max_length=255, blank=True)
    # The merchant who filed it (issue #12); empty for filings made before the workflow. Others
    # reuse it once approved. Status changes only through shop.customs.filings.
    owner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filings",
        verbose_name=_("Filed by"),
    )
    submitted_at = models.DateTimeField(_("Submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("reference",)
        verbose_name = _("Product filing")
        verbose_name_plural = _("Product filings")

    def __str__(self):
        return f"{self.reference} {self.customs_name}"

    def clean(self):
        errors = {}
        if self.unit2 and self.qty2_per_unit is None:
            errors["qty2_per_unit"] = _("A second unit needs a second quantity.")
        if self.qty2_per_unit is not None and not self.unit2:
            errors["unit2"] = _("A second quantity needs a second unit.")
        if (
            self.net_weight_kg is not None
            and self.gross_weight_kg is not None
            and self.gross_weight_kg < self.net_weight_kg
        ):
            errors["gross_weight_kg"] = _("The gross weight cannot be below the net weight.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_sellable_bonded(self) -> bool:
        return self.status == self.Status.APPROVED and self.on_positive_list


class OrdererIdentity(models.Model):
    """A real-name identity (订购人) saved on a shopper's account for the next checkout."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="orderer_identities"
    )
    name = EncryptedTextField(_("Real name"))
    id_number = EncryptedTextField(_("Resident ID number"))
    id_number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    phone = EncryptedTextField(_("Mobile phone"))
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-last_used_at", "-created_at")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "id_number_hash"], name="unique_identity_per_user"
            )
        ]
        verbose_name = _("Orderer identity")
        verbose_name_plural = _("Orderer identities")

    def __str__(self):
        from shop.core.masking import mask_id_number, mask_name

        return f"{mask_name(self.name)} {mask_id_number(self.id_number)}"


class Declaration(models.Model):
    """One customs order (申报单): the goods of one merchant from one warehouse. It becomes its own
    order / payment / waybill / inventory message set (issue #5)."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        HELD = "held", _("Payment held for review")
        PAID = "paid", _("Paid")
        DECLARED = "declared", _("Declared to customs")
        UNDER_REVIEW = "under_review", _("Under customs review")
        RELEASED = "released", _("Released by customs")
        REFUSED = "refused", _("Refused by customs")
        CANCELLED = "cancelled", _("Cancelled")
        RETURNED = "returned", _("Returned")

    class TaxRegime(models.TextChoices):
        # xgettext:no-python-format
        RETAIL_REDUCED = "retail_reduced", _("Cross-border retail (70% of VAT and consumption tax)")
        RETAIL_FULL_SINGLE_ITEM = "retail_full", _("Single item above the limit (full tax)")

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="declarations")
    number = models.CharField(_("Customs order number"), max_length=60, unique=True)
    sequence = models.PositiveSmallIntegerField()
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(
        "partner.Warehouse", on_delete=models.PROTECT, related_name="declarations"
    )
    trade_mode = models.CharField(_("Trade mode"), max_length=4, choices=TradeMode.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT
    )
    tax_regime = models.CharField(_("Tax regime"), max_length=20, choices=TaxRegime.choices)
    goods_value = models.DecimalField(_("Goods value"), **MONEY)
    freight = models.DecimalField(_("Freight"), **MONEY)
    insurance = models.DecimalField(_("Insurance"), **MONEY)
    discount = models.DecimalField(_("Discount"), **MONEY)
    dutiable_value = models.DecimalField(_("Dutiable value"), **MONEY)
    # the dutiable value of goods customs accepted back (CEB626 399): no longer in the quota
    returned_dutiable_value = models.DecimalField(_("Dutiable value returned"), **MONEY)
    duty = models.DecimalField(_("Customs duty"), **MONEY)
    consumption_tax = models.DecimalField(_("Consumption tax"), **MONEY)
    vat = models.DecimalField(_("VAT"), **MONEY)
    tax_total = models.DecimalField(_("Import tax"), **MONEY)
    # = goods + freight + insurance + tax − discount (spec §3.1 acturalPaid), set by the service.
    # Not a CHECK constraint: SQLite evaluates decimal arithmetic in floating point.
    actual_paid = models.DecimalField(_("Amount to pay"), **MONEY)
    # 订购人: the real-name orderer; the payer must be the same person (checked with payment)
    orderer_name = EncryptedTextField(_("Orderer name"))
    orderer_id_number = EncryptedTextField(_("Orderer ID number"))
    orderer_id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    orderer_phone = EncryptedTextField(_("Orderer phone"))
    # 收货人: what the waybill carries
    consignee_name = EncryptedTextField(_("Consignee name"))
    consignee_phone = EncryptedTextField(_("Consignee phone"))
    consignee_address = EncryptedTextField(_("Consignee address"))
    consignee_district = models.CharField(_("Consignee district code"), max_length=6, blank=True)
    notice_version = models.CharField(_("Consumer notice version"), max_length=20)
    notice_accepted_at = models.DateTimeField(_("Consumer notice accepted at"))
    # Set when paid (issue #5/#6): what the payment (411) and waybill (511) messages carry
    payment_transaction_id = models.CharField(
        _("Payment transaction number"), max_length=60, blank=True
    )
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    logistics_no = models.CharField(_("Waybill number"), max_length=60, blank=True)
    # Given by customs in the inventory receipt (CEB622)
    invt_no = models.CharField(_("Customs inventory number"), max_length=18, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("order", "sequence")
        constraints = [
            models.UniqueConstraint(fields=["order", "sequence"], name="unique_declaration_seq"),
        ]
        # The statistics page (issue #17) reads declarations by payment date and by year for the
        # quota: covering indexes (INCLUDE on PostgreSQL, a plain index elsewhere) spare it the
        # wide rows with their encrypted personal data.
        indexes = [
            models.Index(
                fields=["paid_at"],
                include=[
                    "order",
                    "partner",
                    "warehouse",
                    "trade_mode",
                    "status",
                    "goods_value",
                    "tax_total",
                ],
                name="customs_decl_paid_cover",
            ),
            models.Index(
                fields=["created_at"],
                include=["status", "orderer_id_hash", "dutiable_value", "returned_dutiable_value"],
                name="customs_decl_quota_cover",
            ),
        ]
        verbose_name = _("Customs declaration")
        verbose_name_plural = _("Customs declarations")

    def __str__(self):
        return self.number

    SHOPPER_EXPLANATIONS = {
        Status.AWAITING_PAYMENT: _("Waiting for your payment."),
        Status.HELD: _(
            "Paid. We are checking that the payer is the orderer before declaring it to customs."
        ),
        Status.PAID: _("Paid. We are declaring it to China Customs."),
        Status.DECLARED: _("Declared to China Customs, waiting for their check."),
        Status.UNDER_REVIEW: _("China Customs is reviewing this shipment."),
        Status.RELEASED: _("Released by China Customs: the parcel can leave the warehouse."),
        Status.REFUSED: _("Refused by China Customs. We will refund you and explain why."),
        Status.CANCELLED: _("Cancelled."),
        Status.RETURNED: _("Returned."),
    }

    @property
    def refusal_reason(self) -> str:
        """Customs' own words (Chinese) for a refusal, from the receipt that refused it."""
        if self.status != self.Status.REFUSED:
            return ""
        change = self.status_changes.filter(to_status=self.Status.REFUSED).last()
        return change.note if change else ""

    @property
    def shopper_explanation(self):
        """The status in plain words for the shopper (issue #5 fills in receipts)."""
        return self.SHOPPER_EXPLANATIONS[self.status]


class DeclarationLine(models.Model):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="lines")
    order_line = models.OneToOneField(
        "order.Line", on_delete=models.PROTECT, related_name="declaration_line"
    )
    gnum = models.PositiveSmallIntegerField(_("Line number"))
    filing_record = models.ForeignKey(
        FilingRecord, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    quantity = models.PositiveIntegerField(_("Quantity"))
    unit_price = models.DecimalField(_("Unit price"), **MONEY)
    goods_value = models.DecimalField(_("Goods value"), **MONEY)
    freight_share = models.DecimalField(_("Freight share"), **MONEY)
    dutiable_value = models.DecimalField(_("Dutiable value"), **MONEY)
    duty = models.DecimalField(_("Customs duty"), **MONEY)
    consumption_tax = models.DecimalField(_("Consumption tax"), **MONEY)
    vat = models.DecimalField(_("VAT"), **MONEY)
    tax_total = models.DecimalField(_("Import tax"), **MONEY)

    class Meta:
        ordering = ("declaration", "gnum")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "gnum"], name="unique_declaration_gnum")
        ]
        indexes = [  # sales by origin on the statistics page (issue #17)
            models.Index(
                fields=["declaration"],
                include=["goods_value", "tax_total", "filing_record"],
                name="customs_line_facts_cover",
            )
        ]

    def __str__(self):
        return f"{self.declaration_id}/{self.gnum}"


class DeclarationStatusChange(models.Model):
    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    note = models.CharField(max_length=255, blank=True)
    # the customs receipt behind the change, if any: message kind and returnStatus (for merchants)
    source = models.CharField(max_length=6, blank=True)
    code = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("declaration", "created_at", "pk")

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status}"

    @property
    def to_status_label(self):
        return Declaration.Status(self.to_status).label


class OutboxMessage(models.Model):
    """One customs message to send (issue #5), written in the same transaction as the change that
    causes it. The XML is built at the first attempt and committed (encrypted) before it is sent
    for the first time, so every retry sends the same bytes under the same guid; delivery is
    idempotent by guid."""

    class Kind(models.TextChoices):
        ORDER = "CEB311", _("Order (CEB311)")
        PAYMENT = "CEB411", _("Payment (CEB411)")
        WAYBILL = "CEB511", _("Waybill (CEB511)")
        INVENTORY = "CEB621", _("Import inventory (CEB621)")
        CANCEL = "CEB623", _("Inventory cancellation (CEB623)")
        RETURN = "CEB625", _("Return request (CEB625)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        INVALID = "invalid", _("Invalid, not sent")
        GAVE_UP = "gave_up", _("Failed, needs staff")
        # an earlier message of the declaration gave up or is invalid: waits for staff to
        # resend / rebuild that one (the reason is in last_error)
        BLOCKED = "blocked", _("Blocked by an earlier message")
        # the shopper cancelled before anything was sent to customs (issue #15)
        WITHDRAWN = "withdrawn", _("Withdrawn, never sent")

    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="outbox_messages"
    )
    kind = models.CharField(_("Message"), max_length=6, choices=Kind.choices)
    sequence = models.PositiveSmallIntegerField(
        help_text="Order of sending within the declaration (311/411/511 before 621)."
    )
    guid = models.CharField(max_length=36, unique=True, editable=False)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("Attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("Next attempt"), db_index=True)
    last_error = models.TextField(_("Last error"), blank=True)
    payload = EncryptedTextField(_("Message XML"), blank=True)
    # why it was written, e.g. the staff member's reason for a cancellation (CEB623)
    note = models.CharField(_("Note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("Sent at"), null=True, blank=True)

    class Meta:
        ordering = ("declaration", "sequence")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "kind"],
                condition=~models.Q(kind__in=["CEB623", "CEB625"]),
                name="one_message_kind_per_declaration",
            )
        ]
        verbose_name = _("Customs outbox message")
        verbose_name_plural = _("Customs outbox")

    def __str__(self):
        return f"{self.kind} {self.guid}"


class OutboxAttempt(models.Model):
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField()
    error = models.TextField(blank=True)

    class Meta:
        ordering = ("message", "at", "pk")

    def __str__(self):
        return f"{self.message_id} {'ok' if self.ok else 'failed'}"


class CustomsReceipt(models.Model):
    """One receipt entry from customs (回执, spec §5), kept as received. Receipts that cannot be
    parsed or matched to a declaration are kept too (quarantined) so nothing is lost; the raw
    file is stored encrypted."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        DUPLICATE = "duplicate", _("Duplicate, ignored")
        QUARANTINED = "quarantined", _("Quarantined")

    file_name = models.CharField(_("File"), max_length=255)
    kind = models.CharField(_("Receipt"), max_length=6, blank=True)
    guid = models.CharField(max_length=36, blank=True, db_index=True)
    declaration = models.ForeignKey(
        Declaration,
        on_delete=models.PROTECT,
        related_name="receipts",
        null=True,
        blank=True,
    )
    return_status = models.CharField(_("Return status"), max_length=20, blank=True)
    return_time = models.DateTimeField(_("Return time"), null=True, blank=True)
    return_info = models.TextField(_("Return information"), blank=True)
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    problem = models.TextField(_("Problem"), blank=True)
    # kind + guid + returnStatus + returnTime: the same receipt delivered twice is applied once
    fingerprint = models.CharField(max_length=64, null=True, blank=True, unique=True)
    raw = EncryptedTextField(_("Receipt XML"), blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-received_at", "-pk")
        verbose_name = _("Customs receipt")
        verbose_name_plural = _("Customs receipts")

    def __str__(self):
        return f"{self.kind or '?'} {self.return_status} {self.file_name}"


class TaxBill(models.Model):
    """A customs tax bill (电子税单, CEB816) for one inventory, compared with the tax the shop
    collected for that declaration (issue #15), and its later status (CEB818: 2 summarised,
    3 void). ``taxbills.tax_bill_record`` is the one place that writes it."""

    class BillStatus(models.TextChoices):
        GENERATED = "1", _("Generated")
        SUMMARISED = "2", _("Summarised")
        VOID = "3", _("Void")

    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="tax_bills")
    tax_no = models.CharField(_("Tax bill number"), max_length=64)
    bill_status = models.CharField(_("Bill status"), max_length=1, choices=BillStatus.choices)
    receipt = models.ForeignKey(
        CustomsReceipt, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # What customs billed (None until a CEB816 with the amounts arrives; a CEB818 may come first)
    billed_duty = models.DecimalField(
        _("Customs duty billed"), max_digits=12, decimal_places=2, null=True
    )
    billed_vat = models.DecimalField(_("VAT billed"), max_digits=12, decimal_places=2, null=True)
    billed_consumption_tax = models.DecimalField(
        _("Consumption tax billed"), max_digits=12, decimal_places=2, null=True
    )
    # What the shop collected from the shopper for the declaration, at comparison time
    collected_duty = models.DecimalField(_("Customs duty collected"), **MONEY)
    collected_vat = models.DecimalField(_("VAT collected"), **MONEY)
    collected_consumption_tax = models.DecimalField(_("Consumption tax collected"), **MONEY)
    #: per goods line: [{"gnum": 1, "billed": "12.47", "collected": "12.47"}, …] (Decimal strings)
    lines = models.JSONField(default=list, blank=True)
    differs = models.BooleanField(_("Differs from the tax collected"), default=False)
    voided_at = models.DateTimeField(_("Voided at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("Resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution_note = models.TextField(_("Resolution note"), blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-received_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "tax_no"], name="unique_tax_bill")
        ]
        indexes = [models.Index(fields=["differs", "resolved_at"], name="tax_bill_open_idx")]
        verbose_name = _("Tax bill")
        verbose_name_plural = _("Tax bills")

    def __str__(self):
        return self.tax_no

    @property
    def billed_total(self) -> Decimal | None:
        if self.billed_duty is None:
            return None
        return self.billed_duty + self.billed_vat + self.billed_consumption_tax

    @property
    def collected_total(self) -> Decimal:
        return self.collected_duty + self.collected_vat + self.collected_consumption_tax

    @property
    def difference(self) -> Decimal | None:
        """Billed − collected: positive when customs asks for more than the shopper paid."""
        billed = self.billed_total
        return None if billed is None else billed - self.collected_total

    @property
    def collected_surplus(self) -> Decimal | None:
        """Collected − billed: positive when the shopper paid more than customs asks."""
        difference = self.difference
        return None if difference is None else -difference

    @property
    def is_open(self) -> bool:
        return self.differs and self.resolved_at is None and self.voided_at is None


class FilingStatusChange(models.Model):
    """History of a product filing (issue #12): written by ``shop.customs.filings`` in the same
    transaction as the change."""

    filing = models.ForeignKey(
        FilingRecord, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("Reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("filing", "created_at", "pk")
        verbose_name = _("Product filing status change")
        verbose_name_plural = _("Product filing history")

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status}"

    @property
    def from_status_label(self):
        return FilingRecord.Status(self.from_status).label if self.from_status else ""

    @property
    def to_status_label(self):
        return FilingRecord.Status(self.to_status).label


class ReturnRequest(models.Model):
    """A shopper's return of (part of) a released declaration (退货, issue #15; spec §3.8,
    §9.3): asked within 30 days of release, the parcel back at the warehouse within 45, then
    CEB625 to customs; CEB626 399 concludes it (tax not levied, quota restored, refund).
    ``returns.py`` is the one place that changes it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for your parcel")
        RECEIVED = "received", _("Parcel received, declared to customs")
        UNDER_REVIEW = "under_review", _("Under customs review")
        ACCEPTED = "accepted", _("Return accepted, refunded")
        REFUSED = "refused", _("Refused by customs")
        REJECTED = "rejected", _("Not accepted")

    class Reason(models.TextChoices):
        NOT_AS_DESCRIBED = "not_as_described", _("Not as described")
        DAMAGED = "damaged", _("Arrived damaged")
        WRONG_ITEM = "wrong_item", _("Wrong item")
        CHANGED_MIND = "changed_mind", _("I changed my mind")

    class Condition(models.TextChoices):
        AS_SENT = "as_sent", _("Complete, as sent")
        OPENED = "opened", _("Opened, complete")
        NOT_OURS = "not_ours", _("Not the goods we sent, or incomplete")

    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="returns")
    status = models.CharField(
        _("Status"), max_length=14, choices=Status.choices, default=Status.REQUESTED
    )
    reason = models.CharField(_("Reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("Note"), max_length=500, blank=True)
    requested_at = models.DateTimeField(_("Asked at"), auto_now_add=True)
    received_at = models.DateTimeField(_("Parcel received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    condition = models.CharField(
        # a context of its own: Oscar's offers use "Condition" for an offer's rule
        pgettext_lazy("returned parcel", "Condition"),
        max_length=10,
        choices=Condition.choices,
        blank=True,
    )
    condition_note = models.CharField(_("Condition note"), max_length=500, blank=True)
    message = models.OneToOneField(
        "OutboxMessage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="return_request",
    )
    outcome_reason = models.CharField(_("Reason given"), max_length=1000, blank=True)
    concluded_at = models.DateTimeField(_("Concluded at"), null=True, blank=True)
    # set when customs accepts it (CEB626 399)
    refund_goods = models.DecimalField(_("Goods refunded"), **MONEY)
    refund_freight = models.DecimalField(_("Freight refunded"), **MONEY)
    refund_tax = models.DecimalField(_("Import tax refunded"), **MONEY)
    quota_restored = models.DecimalField(_("Annual quota restored"), **MONEY)

    class Meta:
        ordering = ("-requested_at", "-pk")
        verbose_name = _("Return request")
        verbose_name_plural = _("Return requests")

    def __str__(self):
        return f"{self.declaration.number} return {self.pk}"

    @property
    def refund_total(self) -> Decimal:
        return self.refund_goods + self.refund_freight + self.refund_tax


class ReturnLine(models.Model):
    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines"
    )
    declaration_line = models.ForeignKey(
        DeclarationLine, on_delete=models.PROTECT, related_name="return_lines"
    )
    quantity = models.PositiveIntegerField(_("Quantity"))

    class Meta:
        ordering = ("return_request", "declaration_line__gnum")

    def __str__(self):
        return f"{self.return_request_id}/{self.declaration_line_id} × {self.quantity}"
