from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ImportJob
from .services import partners_for_user


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Product file (XLSX or CSV)"),
        error_messages={"required": _("Choose the file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.DRY_RUN,
        widget=forms.RadioSelect,
    )
    partner = forms.ModelChoiceField(
        label=_("Merchant"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose one of your merchants.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        partners = partners_for_user(user=user)
        self.fields["partner"].queryset = partners
        if not user.is_staff and partners.count() == 1:
            self.fields["partner"].widget = forms.HiddenInput()

    def clean_partner(self):
        """A merchant's own partner when it names none; staff must choose."""
        partner = self.cleaned_data.get("partner")
        if partner is None and not self.user.is_staff:
            partner = self.fields["partner"].queryset.first()
        if partner is None:
            raise forms.ValidationError(_("Choose the merchant whose products these are."))
        return partner


class PartnerForm(forms.Form):
    """The merchant whose products to export (staff choose; a merchant has its own)."""

    partner = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_for_user(user=user)
