"""Wagtail admin registrations: the product chooser (issue #11) and the menus snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .choosers import product_chooser_viewset
from .models import Menu


@hooks.register("register_admin_viewset")
def register_product_chooser_viewset():
    return product_chooser_viewset


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["location", "title", "locale"]
    list_filter = ["location", "locale"]
    add_to_admin_menu = True


register_snippet(MenuViewSet)
