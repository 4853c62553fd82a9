from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchIndexConfig(AppConfig):
    name = "shop.searchindex"
    label = "shop_searchindex"
    verbose_name = _("Search index")
