from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomsConfig(AppConfig):
    name = "shop.customs"
    label = "shop_customs"
    verbose_name = _("Customs")

    def ready(self):
        from shop.core.masking import mask_every_handler

        from . import checks  # noqa: F401  (registers the deploy check)

        # After haystack's ready() (earlier in INSTALLED_APPS) added its own log handler: every
        # handler masks ID numbers and phones (issue #10).
        mask_every_handler()
