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

from shop.customs.checkout import Sellability, prefetch_lines, sellability


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
    # The rule itself lives in shop.customs.checkout.sellability, which the checkout asks too.
    def availability_policy(self, product, stockrecord):
        verdict = sellability(stockrecord)
        if verdict in (Sellability.NO_FILING, Sellability.NOT_ON_POSITIVE_LIST):
            return NotOnPositiveList()
        if verdict is Sellability.FILING_NOT_APPROVED:
            return AwaitingFiling()
        return super().availability_policy(product, stockrecord)


class CrossBorder(UseFirstStockRecord, CustomsStockRequired, NoTax, Structured):
    """Prices in CNY without Oscar's tax: the retail-import tax depends on the whole declaration
    (freight share, limits) and is added at checkout as a surcharge."""

    def fetch_for_line(self, line, stockrecord=None):
        # Oscar prices a basket line from the product's first stock record; a line holds its own
        # (the same product from two warehouses is two lines, two declarations).
        _prefetch_basket_lines(line)
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)


def _prefetch_basket_lines(line):
    """The customs rule reads each line's warehouse, filing and product class: load them for
    every line of the basket's cached lines at the first line asked for, not one line at a time
    (issue #16; ``shop.customs.checkout.prefetch_lines``)."""
    basket = line._state.fields_cache.get("basket")
    cached = getattr(getattr(basket, "_lines", None), "_result_cache", None)
    prefetch_lines(cached if cached and any(other is line for other in cached) else [line])


class Selector(CoreSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return CrossBorder(request)
