"""Dashboard forms. The model's rules (document type and size, dates, code format) apply through
the form's model validation; the services check them again with ownership on a fresh copy."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import BrandAuthorisation, StockBatch, batch_code_validator, normalise_batch_code
from .services import BATCH_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class PrivateFileInput(forms.ClearableFileInput):
    """Django's file input links the current file to its storage URL (``/media/...``): these
    files are private, so the link goes to the scoped download view and shows no path."""

    download_url = ""

    class _Current:
        def __init__(self, url):
            self.url = url

        def __str__(self):
            return str(_("download"))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = self._Current(self.download_url)
        return context


class StockRecordChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.partner_sku} · {obj.product.get_title()}"


class StockBatchForm(forms.ModelForm):
    stockrecord = StockRecordChoiceField(label=_("Stock record"), queryset=None)

    class Meta:
        model = StockBatch
        fields = BATCH_FIELDS
        widgets = {
            "production_date": DATE,
            "expiry_date": DATE,
            "received_on": DATE,
            "inspection_date": DATE,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stockrecord"].queryset = selectors.stockrecords_for_user(user=user).order_by(
            "partner_sku"
        )
        documents = {
            "origin_certificate_file": "origin-certificate",
            "inspection_report_file": "inspection-report",
        }
        for name, document in documents.items():
            widget = self.fields[name].widget = PrivateFileInput(attrs={"accept": ACCEPT})
            widget.is_required = self.fields[name].required
            if self.instance.pk:
                widget.download_url = reverse(
                    "traceability-dashboard:batch-document",
                    kwargs={"pk": self.instance.pk, "document": document},
                )

    def clean_code(self):
        # typed as on the package ("mh 2611a"): stored and looked up upper case without spaces
        code = normalise_batch_code(self.cleaned_data["code"])
        batch_code_validator(code)
        return code


class BrandAuthorisationForm(forms.ModelForm):
    partner = forms.ModelChoiceField(label=_("Merchant"), queryset=None)

    class Meta:
        model = BrandAuthorisation
        fields = (
            "partner",
            "brand",
            "brand_owner",
            "document",
            "valid_from",
            "valid_until",
            "notes",
        )
        widgets = {
            "valid_from": DATE,
            "valid_until": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        partners = selectors.partners_for_user(user=user).order_by("name")
        self.fields["partner"].queryset = partners
        if self.instance.pk:
            self.fields["partner"].disabled = True
        elif len(partners) == 1:
            self.fields["partner"].initial = partners[0].pk
        widget = self.fields["document"].widget = PrivateFileInput(attrs={"accept": ACCEPT})
        widget.is_required = True
        if self.instance.pk:
            widget.download_url = reverse(
                "traceability-dashboard:authorisation-document", kwargs={"pk": self.instance.pk}
            )
