from django import forms
from django.utils.translation import gettext_lazy

from .cancellation import Reason
from .models import ReturnRequest


class CancelForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why do you want to cancel?"),
        choices=[
            (Reason.CHANGED_MIND, gettext_lazy("I changed my mind")),
            (Reason.MISTAKE, gettext_lazy("I ordered by mistake")),
            (Reason.TOO_SLOW, gettext_lazy("It takes too long")),
            (Reason.OTHER, gettext_lazy("Another reason")),
        ],
        initial=Reason.CHANGED_MIND,
    )


class ReceiveReturnForm(forms.Form):
    condition = forms.ChoiceField(
        label=gettext_lazy("Condition of the parcel"),
        choices=ReturnRequest.Condition.choices,
        error_messages={"required": gettext_lazy("Record the condition of the parcel.")},
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=500, required=False)
