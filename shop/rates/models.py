"""The reference rate table (issue #11). A rate is how many units of a currency one yuan buys
on a date, as staff entered it (from the bank's published rate, say). It only ever produces a
labelled reference amount beside a CNY price; every amount the shop charges stays in CNY."""

from decimal import Decimal

from babel.numbers import is_currency
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The settlement currency: prices are in it, so it never has a reference rate of its own.
SETTLEMENT_CURRENCY = "CNY"


def validate_currency_code(value: str) -> None:
    """An ISO 4217 code Babel knows, other than the settlement currency."""
    if not (isinstance(value, str) and len(value) == 3 and value.isupper() and is_currency(value)):
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency code (three capital letters, e.g. KRW)."),
            code="currency",
            params={"code": value},
        )
    if value == SETTLEMENT_CURRENCY:
        raise ValidationError(
            _("Prices are in CNY already: CNY needs no reference rate."),
            code="settlement_currency",
        )


class ReferenceRate(models.Model):
    currency = models.CharField(
        _("currency"),
        max_length=3,
        validators=[validate_currency_code],
        help_text=_("ISO 4217 code, e.g. KRW, JPY, RUB."),
    )
    rate_date = models.DateField(_("rate date"), help_text=_("The day this rate was published."))
    rate = models.DecimalField(
        _("units per 1 CNY"),
        max_digits=18,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_("How many units of the currency one yuan buys, e.g. 190.25 for KRW."),
    )
    note = models.CharField(
        _("source or note"),
        max_length=200,
        blank=True,
        help_text=_("Where the rate comes from, e.g. the bank and its publication time."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reference rate")
        verbose_name_plural = _("reference rates")
        ordering = ["-rate_date", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "rate_date"], name="rates_one_rate_per_currency_and_date"
            )
        ]
        indexes = [models.Index(fields=["currency", "-rate_date"], name="rates_latest_idx")]

    def __str__(self) -> str:
        return f"1 CNY = {self.rate_display} {self.currency} ({self.rate_date.isoformat()})"

    @property
    def rate_display(self) -> str:
        """The rate without the field's trailing zeros: 190.25, not 190.250000."""
        return f"{self.rate.normalize():f}"
