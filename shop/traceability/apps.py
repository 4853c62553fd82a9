from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    """Brand authorisations and stock batches (issue #12, 知识产权 / 质量追溯): zone staff check
    a merchant's right to sell a brand when reviewing a filing; shoppers see where goods come
    from on the product page and look up the batch code printed on the package
    (源头可溯、去向可查)."""

    name = "shop.traceability"
    label = "shop_traceability"
    verbose_name = _("Brand authorisation and traceability")
    default_auto_field = "django.db.models.BigAutoField"
