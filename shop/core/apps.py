from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "shop.core"
    label = "shop_core"
    verbose_name = _("Shop core")

    def ready(self):
        # Registers the deploy checks for the encryption keys (shop_core.E001/E002/W001).
        from shop.core import checks, privacy  # noqa: F401

        # Oscar's addresses never keep a phone number in clear (issue #10).
        privacy.connect()

        # Rendered product cards and menus are kept per process until what they show changes
        # (issue #16).
        from shop.core import fragments

        fragments.connect()
