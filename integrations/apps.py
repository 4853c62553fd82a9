from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = _("Outside systems")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
