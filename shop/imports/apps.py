from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "shop.imports"
    label = "shop_imports"
    verbose_name = _("Product import and export")
