from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatesConfig(AppConfig):
    """Reference exchange rates (issue #11): a dated table staff keep, shown beside CNY prices
    as a labelled reference only. Nothing that computes an amount (basket, checkout, order,
    customs, payments) may use it; tests/unit/test_rates_isolation.py checks that."""

    name = "shop.rates"
    label = "rates"
    verbose_name = _("Reference exchange rates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401
