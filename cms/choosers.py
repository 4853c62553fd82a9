"""Wagtail choosers for Oscar's catalogue (issue #11): staff pick products in page blocks.

``ChooserViewSet`` (wagtail.admin.viewsets.chooser) gives the admin modal, the form widget and,
through ``get_block_class()``, the StreamField block; the viewset is registered in
cms/wagtail_hooks.py, so its views sit behind Wagtail's admin login.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ProductFilterForm(BaseFilterForm):
    """Search by title in any language, brand, barcode or filed Chinese name: the casefolded
    ``search_text`` column the database search keeps (integrations/search/database.py)."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, brand or barcode")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            match = Q()
            for term in query.casefold().split():
                match &= Q(search_text__contains=term)
            objects = objects.filter(match | Q(upc=query))
        return objects


class _ProductColumnsMixin:
    filter_form_class = ProductFilterForm

    @property
    def columns(self):
        return [
            self.title_column,
            Column("brand", label=_("Brand")),
            Column("origin", label=_("Country of origin"), accessor="get_origin_country_display"),
            Column("upc", label=_("Barcode")),
        ]


class ProductChooseView(_ProductColumnsMixin, ChooseView):
    pass


class ProductChooseResultsView(_ProductColumnsMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "pick"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    per_page = 20

    def get_object_list(self):
        # Only products a shopper could be shown: public, not a variant's child.
        return get_model("catalogue", "Product").objects.browsable().order_by("-date_created")


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="products/chooser")
