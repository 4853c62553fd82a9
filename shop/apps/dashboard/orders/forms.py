"""Oscar's order dashboard forms with translated status labels (issue #10); the submitted
values stay Oscar's stored status strings. The search filters by channel, experience store and
store staff member too (issue #14)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F403
from oscar.core.loading import get_model

from shop.attribution.models import Channel
from shop.core.statuses import ORDER_STATUS_LABELS
from shop.kiosk.models import StoreStaffMember
from shop.stores.models import ExperienceStore

Order = get_model("order", "Order")


def _labelled(values):
    return [(value, ORDER_STATUS_LABELS.get(value, value)) for value in values]


def _status_filter_choices():
    return [("", "---------"), *_labelled(Order.all_statuses())]


def _channel_choices():
    return [("", "---------"), *Channel.choices]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    status = forms.ChoiceField(choices=_status_filter_choices, label=_("Status"), required=False)
    # where the order came from (issue #14, shop/attribution): kiosk, shelf label, online
    channel = forms.ChoiceField(choices=_channel_choices, label=_("Channel"), required=False)
    store = forms.ModelChoiceField(
        queryset=ExperienceStore.objects.order_by("code"),
        label=_("Experience store"),
        required=False,
    )
    staff_member = forms.ModelChoiceField(
        queryset=StoreStaffMember.objects.select_related("store").order_by("store__code", "code"),
        label=_("Staff member"),
        required=False,
    )


class MerchantOrderSearchForm(OrderSearchForm):
    """A merchant sees consignees masked, so it may not search orders by the customer's name
    either (a search would confirm a full name): the field is dropped from the page and ignored
    (issue #12)."""

    name = forms.CharField(required=False, widget=forms.HiddenInput)
    # The store staff are the zone's people, not the merchant's: their names stay with staff.
    staff_member = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_name(self):
        return ""

    def clean_staff_member(self):
        return None


class OrderStatusForm(oscar_forms.OrderStatusForm):
    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.fields["new_status"].choices = _labelled(order.available_statuses())


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """Staff edit the address without a phone: the consignee's phone is on the customs
    declarations, encrypted (shop/core/privacy.py)."""

    phone_number_fields = {}

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = [f for f in oscar_forms.ShippingAddressForm.Meta.fields if f != "phone_number"]
