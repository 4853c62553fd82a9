"""What a listing's sidebar shows: the backend's facet counts named in the shopper's language,
which of them are ticked, and links that keep every other parameter (issue #13).

Pure presentation: counts come from ``SearchResult.facets``; category names from one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from integrations.search.base import Facet, FacetValue
from shop.customs.codes import CountryCode, TradeMode

from .forms import PRICE_CHOICES, price_bucket_label

Category = get_model("catalogue", "Category")

# Facet -> form field, and whether several values can be ticked
FIELDS = {
    Facet.CATEGORY: ("category", False),
    Facet.ORIGIN: ("origin", True),
    Facet.BRAND: ("brand", True),
    Facet.TRADE_MODE: ("trade_mode", True),
    Facet.PRICE: ("price", False),
    Facet.IN_STOCK: ("in_stock", False),
}
TITLES = {
    Facet.CATEGORY: _("Category"),
    Facet.ORIGIN: _("Country of origin"),
    Facet.BRAND: _("Brand"),
    Facet.TRADE_MODE: _("Trade mode"),
    Facet.PRICE: _("Price"),
    Facet.IN_STOCK: _("Availability"),
}
# sidebar order
ORDER = (
    Facet.CATEGORY,
    Facet.ORIGIN,
    Facet.BRAND,
    Facet.PRICE,
    Facet.TRADE_MODE,
    Facet.IN_STOCK,
)
MAX_VALUES = 12  # per facet; the most frequent


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # the listing with this value toggled (page reset)


@dataclass
class Group:
    facet: Facet
    name: str  # form field
    title: str
    multiple: bool
    options: list[Option] = field(default_factory=list)

    @property
    def input_type(self):
        return "checkbox" if self.multiple or self.name == "in_stock" else "radio"


@dataclass
class ActiveFilter:
    title: str
    label: str
    remove_url: str


def _query(params: QueryDict) -> str:
    params = params.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def toggled(params: QueryDict, name: str, value: str, multiple: bool) -> str:
    params = params.copy()
    values = params.getlist(name)
    if value in values:
        values.remove(value)
    elif multiple:
        values.append(value)
    else:
        values = [value]
    params.setlist(name, values)
    return _query(params)


def without(params: QueryDict, name: str, value: str | None = None) -> str:
    params = params.copy()
    params.setlist(name, [v for v in params.getlist(name) if value is not None and v != value])
    return _query(params)


def build(result_facets, form, params: QueryDict, *, scope_category=None):
    """Sidebar groups and active filters for one listing page (one query: category names)."""
    cleaned = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    selected = {
        "category": {str(cleaned["category"])} if cleaned.get("category") else set(),
        "origin": set(cleaned.get("origin") or ()),
        "brand": {b.casefold() for b in cleaned.get("brand") or ()},
        "trade_mode": set(cleaned.get("trade_mode") or ()),
        "price": {cleaned["price"]} if cleaned.get("price") else set(),
        "in_stock": {"1"} if cleaned.get("in_stock") else set(),
    }
    category_values = [v.value for v in result_facets.get(Facet.CATEGORY, ())]
    wanted = set(category_values) | selected["category"]
    # model instances, not values_list: the name falls back to Chinese when untranslated
    names = {
        str(category.pk): category.name
        for category in Category.objects.filter(pk__in=[int(v) for v in wanted])
    }
    labels = {
        Facet.CATEGORY: lambda v: names.get(v, v),
        Facet.ORIGIN: lambda v: CountryCode(v).label if v in CountryCode.values else v,
        Facet.BRAND: lambda v: v,
        Facet.TRADE_MODE: lambda v: TradeMode(v).label if v in TradeMode.values else v,
        Facet.PRICE: lambda v: (
            price_bucket_label(*dict(PRICE_CHOICES)[v]) if v in dict(PRICE_CHOICES) else v
        ),
        Facet.IN_STOCK: lambda v: str(_("In stock only")),
    }
    groups, active = [], []
    for facet in ORDER:
        if facet not in result_facets:
            continue
        name, multiple = FIELDS[facet]
        values: list[FacetValue] = list(result_facets[facet])
        if facet == Facet.PRICE:
            values.sort(key=lambda v: [key for key, _b in PRICE_CHOICES].index(v.value))
        if facet == Facet.CATEGORY and scope_category is not None:
            # the page's own category is its scope, not a choice
            values = [v for v in values if v.value != str(scope_category.pk)]
        values = values[:MAX_VALUES]
        shown = {v.value.casefold() if facet == Facet.BRAND else v.value for v in values}
        # a ticked value stays visible (with 0) so it can be unticked
        for value in sorted(selected[name] - shown):
            if facet == Facet.BRAND:
                value = next(b for b in cleaned.get("brand") if b.casefold() == value)
            values.append(FacetValue(value, 0))
        group = Group(facet, name, TITLES[facet], multiple)
        for v in values:
            is_selected = (v.value.casefold() if facet == Facet.BRAND else v.value) in selected[
                name
            ]
            raw = _raw_value(params, name, v.value) if facet == Facet.BRAND else v.value
            label = labels[facet](v.value)
            group.options.append(
                Option(v.value, label, v.count, is_selected, toggled(params, name, raw, multiple))
            )
            if is_selected:
                active.append(ActiveFilter(group.title, label, without(params, name, raw)))
        if group.options:
            groups.append(group)
    return groups, active


def _raw_value(params: QueryDict, name: str, value: str) -> str:
    """The brand as the URL spells it (brands match case-insensitively)."""
    for raw in params.getlist(name):
        if raw.casefold() == value.casefold():
            return raw
    return value


def clear_all_url(params: QueryDict) -> str:
    params = params.copy()
    from .forms import SearchForm

    for name in SearchForm.FILTER_FIELDS:
        params.pop(name, None)
    return _query(params)
