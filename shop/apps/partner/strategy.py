"""Purchase strategy: Oscar's default, plus the customs rule that goods need a customs filing on
the positive list, and bonded (1210) goods an approved one, before they can be bought
(issue #4). The product page then says why instead of offering "Add to basket"."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability
from oscar.apps.partner.strategy import *  # noqa: F403
from oscar.apps.partner.strategy import (
    NoTax,
    StockRequired,
    Structured,
    UseFirstStockRecord,
)
from oscar.apps.partner.strategy import Selector as CoreSelector

from shop.customs.codes import TradeMode


class AwaitingFiling(availability.Unavailable):
    code = "awaiting-filing"
    message = _("Not yet available: the customs filing for these goods is awaiting approval.")

    @property
    def short_message(self):
        return _("Awaiting customs filing")


class NotOnPositiveList(availability.Unavailable):
    code = "not-on-positive-list"
    message = _("Not available: these goods are not on the cross-border retail import list.")

    @property
    def short_message(self):
        return _("Not importable")


class CustomsStockRequired(StockRequired):
    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and stockrecord.warehouse_id is not None:
            filing = stockrecord.filing_record
            if filing is None or not filing.on_positive_list:
                return NotOnPositiveList()
            if (
                stockrecord.warehouse.trade_mode == TradeMode.BONDED_1210
                and not filing.is_sellable_bonded
            ):
                return AwaitingFiling()
        return super().availability_policy(product, stockrecord)


class CrossBorder(UseFirstStockRecord, CustomsStockRequired, NoTax, Structured):
    """Prices in CNY without Oscar's tax: the retail-import tax depends on the whole declaration
    (freight share, limits) and is added at checkout as a surcharge."""


class Selector(CoreSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return CrossBorder(request)
