from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms
from oscar.apps.checkout.forms import *  # noqa: F403

from shop.core.identity import validate_mainland_mobile
from shop.core.masking import mask_id_number, mask_name


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """A Chinese address: consignee, province, city, district, street. The consignee's phone is
    asked for in the real-name step and stored encrypted, so Oscar's clear-text phone field is
    not used."""

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = ["first_name", "state", "line4", "line3", "line1", "postcode", "country"]
        labels = {
            "first_name": _("Consignee name"),
            "state": _("Province"),
            "line4": _("City"),
            "line3": _("District"),
            "line1": _("Street address"),
        }

    # Oscar's PhoneNumberMixin adds a phone field whatever Meta.fields says: none here.
    phone_number_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line3"].required = True


class CustomsIdentityForm(forms.Form):
    """订购人 (real-name orderer) and the consignee's phone for the waybill."""

    NEW = "new"

    identity = forms.ChoiceField(label=_("Orderer"), widget=forms.RadioSelect, required=False)
    name = forms.CharField(
        label=_("Real name"),
        max_length=60,
        required=False,
        help_text=_("As on the resident ID card. The payer must be the same person."),
    )
    id_number = forms.CharField(
        label=_("Resident ID number"),
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(label=_("Orderer's mobile phone"), max_length=20, required=False)
    consignee_phone = forms.CharField(
        label=_("Consignee's mobile phone"),
        max_length=20,
        help_text=_("Printed on the waybill for the courier."),
    )

    def __init__(self, *args, identities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.identities = {str(identity.pk): identity for identity in identities}
        choices = [
            (pk, f"{mask_name(identity.name)} · {mask_id_number(identity.id_number)}")
            for pk, identity in self.identities.items()
        ]
        choices.append((self.NEW, _("Someone else / a new identity")))
        self.fields["identity"].choices = choices
        self.fields["identity"].initial = next(iter(self.identities), self.NEW)
        if not self.identities:
            self.fields["identity"].widget = forms.HiddenInput()

    def clean_consignee_phone(self):
        return validate_mainland_mobile(self.cleaned_data["consignee_phone"])

    def chosen_identity(self):
        return self.identities.get(self.cleaned_data.get("identity") or "")

    def clean(self):
        cleaned = super().clean()
        if self.chosen_identity() is None:
            for field in ("name", "id_number", "phone"):
                if not cleaned.get(field):
                    self.add_error(field, _("This field is required."))
        return cleaned
