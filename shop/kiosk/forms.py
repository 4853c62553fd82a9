from django import forms
from django.utils.translation import gettext_lazy as _

from .models import KioskDevice, StoreStaffMember


class PairingForm(forms.Form):
    code = forms.CharField(
        label=_("Pairing code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "autofocus": True}
        ),
    )


class StaffCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Staff code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "autofocus": True}
        ),
    )

    def __init__(self, *args, store, **kwargs):
        super().__init__(*args, **kwargs)
        self.store = store

    def clean_code(self):
        from .staff import find_staff_member

        member = find_staff_member(store=self.store, code=self.cleaned_data["code"])
        if member is None:
            raise forms.ValidationError(_("No staff member of this store has this code."))
        self.member = member
        return self.cleaned_data["code"]


class KioskDeviceForm(forms.ModelForm):
    class Meta:
        model = KioskDevice
        fields = ("store", "name", "language")


class StoreStaffMemberForm(forms.ModelForm):
    class Meta:
        model = StoreStaffMember
        fields = ("store", "code", "display_name", "is_active")

    def clean_code(self):
        return self.cleaned_data["code"].strip()
