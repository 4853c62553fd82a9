from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoresConfig(AppConfig):
    name = "shop.stores"
    label = "shop_stores"
    verbose_name = _("Experience stores")
