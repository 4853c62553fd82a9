from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "shop.stats"
    label = "shop_stats"
    verbose_name = _("Statistics")
