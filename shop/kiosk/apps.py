from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KioskConfig(AppConfig):
    name = "shop.kiosk"
    label = "shop_kiosk"
    verbose_name = _("In-store kiosks")
