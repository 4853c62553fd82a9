from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomsConfig(AppConfig):
    name = "shop.customs"
    label = "shop_customs"
    verbose_name = _("Customs")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
