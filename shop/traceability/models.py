"""Brand authorisations and stock batches (issue #12, 知识产权 / 质量追溯).

知识产权: a merchant selling a brand it does not own keeps the brand owner's authorisation
letter; zone staff see it beside the filing they review. 质量追溯: every batch received into a
stock record carries its batch code (printed on the package), dates, certificate of origin and
inspection report, so shoppers can trace it (源头可溯) and look it up (去向可查).
Writes go through ``shop.traceability.services``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .documents import (
    authorisation_upload_to,
    certificate_upload_to,
    document_storage,
    report_upload_to,
    validate_document,
)

batch_code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9._-]{0,63}$",
    _("A batch code has letters, digits, dots, dashes or underscores (at most 64)."),
    code="invalid_batch_code",
)


def normalise_batch_code(value: str) -> str:
    """What a shopper types from the package and what is stored: no spaces, upper case."""
    return "".join((value or "").split()).upper()


def brand_key(value: str) -> str:
    """Brands match case-insensitively (``Product.brand`` against the authorised brand)."""
    return " ".join((value or "").split()).casefold()


class BrandAuthorisation(models.Model):
    """A brand owner's authorisation for a merchant to sell its brand (品牌授权书)."""

    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
        MISSING = "missing", _("Missing")

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="brand_authorisations",
        verbose_name=_("Merchant"),
    )
    brand = models.CharField(
        _("Brand"),
        max_length=128,
        help_text=_("As on the products (upper and lower case do not matter)."),
    )
    brand_key = models.CharField(max_length=128, editable=False, db_index=True)
    brand_owner = models.CharField(
        _("Issuer / brand owner"),
        max_length=200,
        help_text=_("Who granted the authorisation: the brand owner or its licensed distributor."),
    )
    document = models.FileField(
        _("Authorisation document"),
        storage=document_storage,
        upload_to=authorisation_upload_to,
        max_length=255,
        validators=[validate_document],
        help_text=_("PDF, JPEG or PNG. Only zone staff and your own users can open it."),
    )
    valid_from = models.DateField(_("Valid from"))
    valid_until = models.DateField(
        _("Valid until"), null=True, blank=True, help_text=_("Empty: no end date.")
    )
    notes = models.TextField(_("Notes"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("Uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("Brand authorisation")
        verbose_name_plural = _("Brand authorisations")
        ordering = ("brand_key", "-valid_from", "-pk")
        indexes = [models.Index(fields=("partner", "brand_key"), name="trace_auth_partner_brand")]

    def __str__(self):
        return f"{self.brand} · {self.partner}"

    def clean(self):
        self.brand = " ".join((self.brand or "").split())
        self.brand_key = brand_key(self.brand)
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity cannot be before its start.")},
                code="valid_until_before_valid_from",
            )

    def state_on(self, day) -> str:
        if self.valid_from and day < self.valid_from:
            return self.State.NOT_YET_VALID
        if self.valid_until and day > self.valid_until:
            return self.State.EXPIRED
        return self.State.VALID

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())


class StockBatch(models.Model):
    """One batch of goods received into a merchant's stock record (批次)."""

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="stock_batches",
        verbose_name=_("Merchant"),
        editable=False,
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.CASCADE,
        related_name="batches",
        verbose_name=_("Stock record"),
    )
    code = models.CharField(
        _("Batch code"),
        max_length=64,
        validators=[batch_code_validator],
        help_text=_("As printed on the package; shoppers type it to look the batch up."),
    )
    production_date = models.DateField(_("Production date"))
    expiry_date = models.DateField(_("Expiry date"))
    quantity_received = models.PositiveIntegerField(
        _("Quantity received"), validators=[MinValueValidator(1)]
    )
    received_on = models.DateField(_("Received on"))
    origin_certificate_number = models.CharField(
        _("Certificate of origin number"), max_length=64, blank=True
    )
    origin_certificate_issuer = models.CharField(
        _("Certificate of origin issued by"), max_length=200, blank=True
    )
    origin_certificate_file = models.FileField(
        _("Certificate of origin (file)"),
        storage=document_storage,
        upload_to=certificate_upload_to,
        max_length=255,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, JPEG or PNG; never shown to shoppers."),
    )
    inspection_report_number = models.CharField(
        _("Inspection report number"), max_length=64, blank=True
    )
    inspection_body = models.CharField(_("Inspected by"), max_length=200, blank=True)
    inspection_date = models.DateField(_("Inspection date"), null=True, blank=True)
    inspection_report_file = models.FileField(
        _("Inspection report (file)"),
        storage=document_storage,
        upload_to=report_upload_to,
        max_length=255,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, JPEG or PNG; never shown to shoppers."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Entered by"),
    )
    created_at = models.DateTimeField(_("Entered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("Changed at"), auto_now=True)

    class Meta:
        verbose_name = _("Stock batch")
        verbose_name_plural = _("Stock batches")
        ordering = ("-received_on", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("partner", "code"),
                name="trace_batch_code_unique_per_partner",
                violation_error_message=_("You already have a batch with this code."),
            )
        ]
        indexes = [models.Index(fields=("code",), name="trace_batch_code")]

    def __str__(self):
        return self.code

    def clean(self):
        self.code = normalise_batch_code(self.code)
        if self.stockrecord_id:
            self.partner_id = self.stockrecord.partner_id
        errors = {}
        if self.production_date and self.expiry_date and self.expiry_date <= self.production_date:
            errors["expiry_date"] = ValidationError(
                _("The expiry date must be after the production date."),
                code="expiry_before_production",
            )
        today = timezone.localdate()
        if self.production_date and self.production_date > today:
            errors["production_date"] = ValidationError(
                _("The production date cannot be in the future."), code="production_in_future"
            )
        if self.production_date and self.received_on and self.received_on < self.production_date:
            errors["received_on"] = ValidationError(
                _("Goods cannot be received before they were produced."),
                code="received_before_production",
            )
        if (
            self.inspection_date
            and self.production_date
            and self.inspection_date < self.production_date
        ):
            errors["inspection_date"] = ValidationError(
                _("The inspection cannot be before the production date."),
                code="inspection_before_production",
            )
        if errors:
            raise ValidationError(errors)

    def is_expired_on(self, day) -> bool:
        return self.expiry_date < day

    @property
    def is_expired(self) -> bool:
        return self.is_expired_on(timezone.localdate())
