"""Search and sort form for every product listing (catalogue, category, search results).

Replaces Oscar's haystack forms: Oscar's ``search_form`` context processor loads ``SearchForm``
through ``get_class``, so the header search box uses this one too.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from integrations.search.base import SortOrder


class SearchInput(forms.TextInput):
    input_type = "search"


SORT_CHOICES = [
    (SortOrder.RELEVANCE.value, _("Relevance")),
    (SortOrder.NEWEST.value, _("Newest")),
    (SortOrder.PRICE_ASC.value, _("Price low to high")),
    (SortOrder.PRICE_DESC.value, _("Price high to low")),
    (SortOrder.TITLE.value, _("Title A to Z")),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        widget=SearchInput({"placeholder": _("Search imported goods"), "class": "form-control"}),
    )
    sort_by = forms.ChoiceField(
        required=False,
        choices=SORT_CHOICES,
        label=_("Sort by"),
        widget=forms.Select({"class": "form-control form-control-sm"}),
    )

    def query_text(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""

    def sort_order(self) -> SortOrder:
        value = self.cleaned_data.get("sort_by") if self.is_valid() else ""
        return SortOrder(value) if value else SortOrder.RELEVANCE


# Oscar's catalogue views module asks for these names; the listing views below use SearchForm.
BrowseCategoryForm = SearchForm
CategoryForm = SearchForm
