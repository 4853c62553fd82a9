"""Search, filter and sort form for every product listing (catalogue, category, search results).

Replaces Oscar's haystack forms: Oscar's ``search_form`` context processor loads ``SearchForm``
through ``get_class``, so the header search box uses this one too. The filters are the facets of
the search interface (issue #13); a value that does not validate is dropped, the others stay.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from integrations.search.base import PRICE_BUCKETS, SortOrder, price_bucket_key
from shop.customs.codes import CountryCode, TradeMode


class SearchInput(forms.TextInput):
    input_type = "search"


SORT_CHOICES = [
    (SortOrder.RELEVANCE.value, _("Relevance")),
    (SortOrder.NEWEST.value, _("Newest")),
    (SortOrder.PRICE_ASC.value, _("Price low to high")),
    (SortOrder.PRICE_DESC.value, _("Price high to low")),
    (SortOrder.TITLE.value, _("Title A to Z")),
]


def price_bucket_label(low: Decimal, high: Decimal | None) -> str:
    """A price facet's label in the active language ("Under ¥100", "¥100 to ¥200")."""
    if not low:
        return gettext("Under ¥%(high)s") % {"high": f"{high:,f}"}
    if high is None:
        return gettext("¥%(low)s and above") % {"low": f"{low:,f}"}
    return gettext("¥%(low)s to ¥%(high)s") % {"low": f"{low:,f}", "high": f"{high:,f}"}


price_bucket_label_lazy = lazy(price_bucket_label, str)


PRICE_CHOICES = [(price_bucket_key(low, high), (low, high)) for low, high in PRICE_BUCKETS]
PRICE_RANGES = dict(PRICE_CHOICES)
MAX_BRANDS = 20


class BrandsField(forms.MultipleChoiceField):
    """Brands are free text (``Product.brand``): any short value is a valid choice."""

    def valid_value(self, value):
        return 0 < len(value) <= 128

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_BRANDS:
            raise ValidationError(_("Too many brands."), code="max_brands")


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        widget=SearchInput(
            {
                "placeholder": _("Search imported goods"),
                "class": "form-control",
                "autocomplete": "off",
                "data-suggest-url": reverse_lazy("search:suggest"),
            }
        ),
    )
    sort_by = forms.ChoiceField(
        required=False,
        choices=SORT_CHOICES,
        label=_("Sort by"),
        widget=forms.Select({"class": "form-control form-control-sm"}),
    )
    category = forms.IntegerField(required=False, min_value=1, label=_("Category"))
    origin = forms.MultipleChoiceField(
        required=False, choices=CountryCode.choices, label=_("Country of origin")
    )
    brand = BrandsField(required=False, label=_("Brand"))
    trade_mode = forms.MultipleChoiceField(
        required=False, choices=TradeMode.choices, label=_("Trade mode")
    )
    price = forms.ChoiceField(
        required=False,
        choices=[("", _("Any price"))]
        + [(key, price_bucket_label_lazy(*bounds)) for key, bounds in PRICE_CHOICES],
        label=_("Price"),
    )
    in_stock = forms.BooleanField(required=False, label=_("In stock only"))

    # Parameters that narrow a listing: kept as hidden inputs by the sort form, listed as
    # removable "active filters", dropped by "clear all".
    FILTER_FIELDS = ("category", "origin", "brand", "trade_mode", "price", "in_stock")

    def _cleaned(self):
        self.is_valid()  # fills cleaned_data with the fields that validated
        return self.cleaned_data

    def query_text(self) -> str:
        return (self._cleaned().get("q") or "").strip()

    def sort_order(self) -> SortOrder:
        value = self._cleaned().get("sort_by")
        return SortOrder(value) if value else SortOrder.RELEVANCE

    def category_id(self) -> int | None:
        return self._cleaned().get("category")

    def filters(self) -> dict:
        """``SearchQuery`` keyword arguments of the filters the shopper picked."""
        data = self._cleaned()
        price_min = price_max = None
        if data.get("price"):
            price_min, price_max = PRICE_RANGES[data["price"]]
        return {
            "origin_countries": tuple(data.get("origin") or ()),
            "brands": tuple(data.get("brand") or ()),
            "trade_modes": tuple(data.get("trade_mode") or ()),
            "price_min": price_min,
            "price_max": price_max,
            "in_stock": bool(data.get("in_stock")),
        }


# Oscar's catalogue views module asks for these names; the listing views below use SearchForm.
BrowseCategoryForm = SearchForm
CategoryForm = SearchForm
