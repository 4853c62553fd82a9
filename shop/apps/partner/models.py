"""Partner fork: merchants are Oscar partners; stock sits in a customs warehouse (issue #3).

A warehouse is shared by many merchants (a bonded warehouse is run by a logistics company), so it
is its own model and each stock record points at one. The customs codes are recorded now and used
by the checkout and customs issues (#4, #5).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord
from oscar.core.loading import is_model_registered

from shop.customs.codes import CountryCode, TradeMode

customs_district_validator = RegexValidator(
    r"^\d{4}$", _("A customs district code has 4 digits."), code="invalid_customs_code"
)
enterprise_code_validator = RegexValidator(
    r"^[0-9A-Z]{10}([0-9A-Z]{8})?$",
    _("An enterprise code has 10 characters (customs registration) or 18 (USCC)."),
    code="invalid_enterprise_code",
)


class InsufficientStock(Exception):
    """Fewer units are left in a stock record than an order needs."""

    def __init__(self, *, stockrecord, requested: int):
        self.stockrecord = stockrecord
        self.requested = requested
        self.available = max(stockrecord.net_stock_level, 0)
        super().__init__(
            f"stock record {stockrecord.pk}: {requested} requested, {self.available} available"
        )


class Warehouse(models.Model):
    code = models.SlugField(_("Code"), max_length=64, unique=True)
    name = models.CharField(_("Name"), max_length=128)
    trade_mode = models.CharField(_("Trade mode"), max_length=4, choices=TradeMode.choices)
    country = models.CharField(
        _("Country"), max_length=3, choices=CountryCode.choices, default=CountryCode.CHINA
    )
    city = models.CharField(_("City"), max_length=128, blank=True)
    address = models.CharField(_("Address"), max_length=255, blank=True)
    # Codes the customs messages carry (spec §3, §7.7)
    customs_code = models.CharField(
        _("Customs district code"),
        max_length=4,
        blank=True,
        validators=[customs_district_validator],
        help_text=_("Declaring customs (customsCode)."),
    )
    port_code = models.CharField(
        _("Port code"),
        max_length=4,
        blank=True,
        validators=[customs_district_validator],
        help_text=_("Customs of entry (portCode)."),
    )
    area_code = models.CharField(
        _("Area code"),
        max_length=18,
        blank=True,
        validators=[enterprise_code_validator],
        help_text=_("Enterprise code of the bonded area operator (areaCode), 1210 only."),
    )
    ems_no = models.CharField(
        _("Bonded account number"),
        max_length=30,
        blank=True,
        help_text=_("Bonded account / e-book number (emsNo), 1210 only."),
    )
    logistics_code = models.CharField(
        _("Logistics company code"),
        max_length=18,
        blank=True,
        validators=[enterprise_code_validator],
    )
    logistics_name = models.CharField(_("Logistics company name"), max_length=100, blank=True)
    # How parcels reach the customs district (trafMode, spec §7.5); for 9610 also the vessel,
    # flight or truck (trafNo) that the daily consolidated manifest names.
    traf_mode = models.CharField(
        _("Transport mode code"),
        max_length=1,
        blank=True,
        help_text=_("trafMode: 2 sea, 4 road, 5 air, 6 mail; for 1210 the exit mode."),
    )
    traf_no = models.CharField(
        _("Vessel, flight or vehicle"),
        max_length=100,
        blank=True,
        help_text=_("trafNo on the manifest, 9610 only."),
    )
    is_active = models.BooleanField(_("Active"), default=True)

    class Meta:
        app_label = "partner"
        ordering = ("code",)
        verbose_name = _("Warehouse")
        verbose_name_plural = _("Warehouses")

    def __str__(self):
        return f"{self.name} ({self.get_trade_mode_display()})"

    @property
    def is_bonded(self) -> bool:
        return self.trade_mode == TradeMode.BONDED_1210


if not is_model_registered("partner", "Partner"):

    class Partner(AbstractPartner):
        """A merchant: the e-commerce enterprise (电商企业) of its declarations."""

        customs_code = models.CharField(
            _("Customs registration code"),
            max_length=18,
            blank=True,
            validators=[enterprise_code_validator],
            help_text=_("ebcCode: the merchant's customs registration code (or USCC)."),
        )
        customs_name = models.CharField(
            _("Registered name"),
            max_length=100,
            blank=True,
            help_text=_("ebcName: the merchant's name as registered with customs."),
        )

        class Meta(AbstractPartner.Meta):
            pass


if not is_model_registered("partner", "StockRecord"):

    class StockRecord(AbstractStockRecord):
        warehouse = models.ForeignKey(
            Warehouse,
            on_delete=models.PROTECT,
            related_name="stockrecords",
            null=True,
            blank=True,
            verbose_name=_("Warehouse"),
        )
        # The customs filing these goods are declared under (issue #4); shared by merchants.
        filing_record = models.ForeignKey(
            "shop_customs.FilingRecord",
            on_delete=models.PROTECT,
            related_name="stockrecords",
            null=True,
            blank=True,
            verbose_name=_("Customs filing"),
        )
        item_record_no = models.CharField(
            _("Bonded account item number"),
            max_length=30,
            blank=True,
            help_text=_("itemRecordNo in the warehouse's bonded account book (1210)."),
        )

        class Meta(AbstractStockRecord.Meta):
            pass

        def allocate(self, quantity):
            """Oscar's allocation, but never beyond the stock (issue #9): Oscar increments
            ``num_allocated`` unconditionally, so two shoppers could both buy the last unit.
            One conditional UPDATE (``num_in_stock − num_allocated ≥ quantity``) decides
            atomically, also without the row lock the order creator takes first. Raises
            ``InsufficientStock`` and changes nothing when not enough is left."""
            if not self.can_track_allocations:
                return
            self.pre_save_signal()
            allocated = Coalesce(F("num_allocated"), 0)
            updated = (
                type(self)
                .objects.filter(pk=self.pk, num_in_stock__gte=allocated + quantity)
                .update(num_allocated=allocated + quantity)
            )
            self.refresh_from_db(fields=["num_allocated", "num_in_stock"])
            if not updated:
                raise InsufficientStock(stockrecord=self, requested=quantity)
            self.post_save_signal()

        allocate.alters_data = True


from oscar.apps.partner.models import *  # noqa: E402,F403
