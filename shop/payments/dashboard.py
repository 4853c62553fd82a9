"""Staff pages of payments (issues #6, #9): an order's payments (status, payer masked, refunds,
the refund form — a one-time key, so a double submit refunds once), and the refund jobs: queued
refunds waiting for the gateway and those that need staff, with a retry action. Staff only:
merchants' dashboard users never see payments."""

import uuid
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.core.loading import get_model

from integrations.payments.base import PaymentError
from shop.core.masking import mask_name
from shop.customs.dashboard import DashboardAccessMixin

from . import services
from .models import Payment, Refund

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


#: Refund job states staff may send again now.
RETRYABLE = (Refund.Status.NEEDS_STAFF, Refund.Status.QUEUED)


class RefundJobListView(DashboardAccessMixin, generic.ListView):
    """Refunds the shop started by itself or through staff: those that need staff first, then
    those waiting for the gateway, then the most recent others."""

    template_name = "shop/payments/dashboard/refund_list.html"
    context_object_name = "refunds"
    paginate_by = 50
    staff_only = True

    def get_queryset(self):
        return (
            Refund.objects.select_related("payment__order")
            .annotate(
                rank=Case(
                    When(status=Refund.Status.NEEDS_STAFF, then=Value(0)),
                    When(status=Refund.Status.QUEUED, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("rank", "-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            needs_staff=Refund.objects.filter(status=Refund.Status.NEEDS_STAFF).count(),
            queued=Refund.objects.filter(status=Refund.Status.QUEUED).count(),
            superfluous=Payment.objects.filter(superfluous=True).select_related("order")[:20],
            retryable=RETRYABLE,
            **kwargs,
        )


class RefundJobRetryView(DashboardAccessMixin, generic.View):
    """Staff: send a refund job to the gateway again now (fresh attempts)."""

    http_method_names = ["post"]
    staff_only = True

    def post(self, request, pk):
        refund = get_object_or_404(Refund, pk=pk)
        outcome = services.refund_job_retry(refund=refund)
        refund.refresh_from_db()
        if outcome == "refunded":
            messages.success(request, _("Refund sent to the payment gateway."))
        elif outcome == "skipped":
            messages.info(request, _("This refund is not waiting to be sent."))
        else:
            messages.error(
                request,
                _("The payment gateway refused again: %(error)s. It will be retried.")
                % {"error": refund.last_error},
            )
        target = request.POST.get("next")
        if target == "order":
            return redirect("payments-dashboard:order", number=refund.payment.order.number)
        return redirect("payments-dashboard:refund-list")
