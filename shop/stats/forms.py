import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.core.loading import get_model

from shop.customs.codes import CountryCode, TradeMode
from shop.stores.models import ExperienceStore

from .selectors import StatsFilters, default_range

Partner = get_model("partner", "Partner")
Warehouse = get_model("partner", "Warehouse")

#: the longest range one page shows (days): keeps a day-by-day chart readable and bounded
MAX_DAYS = 3 * 366


class StatsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[("day", _("Day")), ("week", _("Week")), ("month", _("Month"))],
    )
    trade_mode = forms.ChoiceField(
        label=_("Trade mode"), required=False, choices=[("", _("All"))] + TradeMode.choices
    )
    origin = forms.ChoiceField(
        label=_("Origin country"), required=False, choices=[("", _("All"))] + CountryCode.choices
    )
    merchant = forms.ModelChoiceField(
        label=_("Merchant"), required=False, queryset=Partner.objects.none(), empty_label=_("All")
    )
    store = forms.ModelChoiceField(
        label=_("Experience store"),
        required=False,
        queryset=ExperienceStore.objects.none(),
        empty_label=_("All"),
    )
    warehouse = forms.ModelChoiceField(
        label=_("Warehouse"),
        required=False,
        queryset=Warehouse.objects.none(),
        empty_label=_("All"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for form_field in self.fields.values():
            css = "custom-select" if isinstance(form_field, forms.ChoiceField) else "form-control"
            form_field.widget.attrs.setdefault("class", css)
        self.fields["store"].queryset = ExperienceStore.objects.order_by("name")
        self.fields["warehouse"].queryset = Warehouse.objects.order_by("name")
        if user.is_staff:
            self.fields["merchant"].queryset = Partner.objects.order_by("name")
        else:
            # a merchant sees only its own figures: no choice of merchant
            del self.fields["merchant"]

    def clean(self):
        data = super().clean()
        _default_from, default_to = default_range()
        date_to = data.get("date_to") or default_to
        date_from = data.get("date_from") or (date_to - datetime.timedelta(days=29))
        if date_from > date_to:
            raise forms.ValidationError(_("The start of the range is after its end."))
        if (date_to - date_from).days >= MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a range of at most %(days)d days.") % {"days": MAX_DAYS}
            )
        data["date_from"], data["date_to"] = date_from, date_to
        return data

    def filters(self) -> StatsFilters:
        """The chosen filters, or the defaults (last 30 days, everything) when the form is
        unbound or invalid."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
        else:
            date_from, date_to = default_range()
            data = {"date_from": date_from, "date_to": date_to}
        return StatsFilters(
            user=self.user,
            date_from=data["date_from"],
            date_to=data["date_to"],
            period=data.get("period") or "day",
            trade_mode=data.get("trade_mode") or "",
            origin=data.get("origin") or "",
            partner=data.get("merchant"),
            store=data.get("store"),
            warehouse=data.get("warehouse"),
        )
