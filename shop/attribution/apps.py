from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttributionConfig(AppConfig):
    name = "shop.attribution"
    label = "shop_attribution"
    verbose_name = _("Order attribution")
