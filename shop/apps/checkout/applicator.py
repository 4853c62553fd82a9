"""The retail-import tax as an Oscar surcharge, so order totals, the stored order and the
dashboard all include it (issue #4). The amount is the sum of the declarations' taxes."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.applicator import *  # noqa: F403
from oscar.apps.checkout.applicator import SurchargeApplicator as CoreSurchargeApplicator
from oscar.apps.checkout.surcharges import BaseSurcharge
from oscar.core import prices
from oscar.core.loading import get_class

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")


class ImportTax(BaseSurcharge):
    name = _("Cross-border import tax")
    code = "cross-border-import-tax"

    def __init__(self, amount):
        self.amount = amount

    def calculate(self, basket, **kwargs):
        return prices.Price(
            currency=basket.currency or "CNY", excl_tax=self.amount, incl_tax=self.amount
        )


class SurchargeApplicator(CoreSurchargeApplicator):
    def get_surcharges(self, basket, **kwargs):
        if self.request is None or basket.is_empty:
            return ()
        from .customs import quote_for_request

        quote = quote_for_request(self.request, CheckoutSessionData(self.request))
        return (ImportTax(quote.tax_total),)
