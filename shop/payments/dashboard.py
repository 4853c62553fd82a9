"""Staff page of an order's payments: status, payer (masked), refunds, and the refund form
(issue #6). The form carries a one-time key, so a double submit refunds once."""

import uuid
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.core.loading import get_model

from integrations.payments.base import PaymentError
from shop.core.masking import mask_name
from shop.customs.dashboard import DashboardAccessMixin

from . import services
from .models import Payment

Order = get_model("order", "Order")


class RefundForm(forms.Form):
    payment = forms.IntegerField(widget=forms.HiddenInput)
    key = forms.CharField(widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount to refund"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200, required=False)


class OrderPaymentsView(DashboardAccessMixin, generic.TemplateView):
    template_name = "shop/payments/dashboard/order_payments.html"
    staff_only = True

    def get_context_data(self, **kwargs):
        order = get_object_or_404(Order, number=self.kwargs["number"])
        payments = []
        for payment in order.payments.prefetch_related("refunds"):
            form = RefundForm(
                initial={
                    "payment": payment.pk,
                    "key": uuid.uuid4().hex,
                    "amount": payment.refundable,
                }
            )
            payments.append(
                {"payment": payment, "payer": mask_name(payment.payer_name), "form": form}
            )
        return super().get_context_data(order=order, payments=payments, **kwargs)

    def post(self, request, number):
        form = RefundForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter an amount to refund."))
            return redirect("payments-dashboard:order", number=number)
        payment = get_object_or_404(Payment, pk=form.cleaned_data["payment"], order__number=number)
        try:
            services.refund_create(
                payment=payment,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                user=request.user,
                key=f"dashboard-{form.cleaned_data['key']}",
            )
        except PaymentError as error:
            messages.error(request, _("The refund was refused: %(error)s") % {"error": error})
        else:
            messages.success(request, _("Refund recorded."))
        return redirect("payments-dashboard:order", number=number)
