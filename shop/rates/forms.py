from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReferenceRate


class ReferenceRateForm(forms.ModelForm):
    class Meta:
        model = ReferenceRate
        fields = ["currency", "rate_date", "rate", "note"]
        widgets = {
            "rate_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "currency": forms.TextInput(
                attrs={"list": "reference_currencies", "autocapitalize": "characters"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["rate"] = self.instance.rate_display  # 190.25, not 190.250000

    def clean_currency(self):
        return (self.cleaned_data.get("currency") or "").strip().upper()


class ReferenceRateImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, first row date,currency,rate (optionally ,note); dates as YYYY-MM-DD, "
            "rates with a dot for decimals."
        ),
    )


class ReferenceRateFilterForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3)
