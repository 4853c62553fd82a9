"""Shopper payment pages and the Stripe webhook (issue #6).

The payment page creates (or reuses) the order's intent and shows Stripe's Payment Element, or
the sandbox's succeed/fail buttons. Both come back to the return page, which asks the gateway
what happened — the query string the browser brings back is never trusted.
"""

import logging

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.csrf import csrf_exempt
from oscar.core.loading import get_model

from integrations.payments.base import PaymentError, WebhookSignatureInvalid
from shop.customs.selectors import declaration_list_for_order

from . import services
from .models import Payment

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")


class OrderPaymentMixin(LoginRequiredMixin):
    def get_order(self):
        return get_object_or_404(Order, number=self.kwargs["number"], user=self.request.user)

    def order_page(self, order):
        return redirect("customer:order", order_number=order.number)


class PaymentView(OrderPaymentMixin, generic.TemplateView):
    template_name = "shop/payments/pay.html"

    def get(self, request, *args, **kwargs):
        order = self.get_order()
        if order.status != services.PENDING:
            return self.order_page(order)
        try:
            payment, intent = services.payment_start(order=order)
        except services.PaymentNotPossible:
            return self.order_page(order)
        except PaymentError:
            logger.exception("payment start failed for order %s", order.number)
            messages.error(
                request, _("The payment service is not reachable. Please try again in a minute.")
            )
            return self.order_page(order)
        if payment.status not in services.PAYABLE_STATUSES:
            # paid, failed, or processing: never a second payment form for the order
            return redirect("payments:return", number=order.number)
        return self.render_to_response(
            self.get_context_data(
                order=order,
                payment=payment,
                client=services.gateway().client_config(intent),
                declarations=declaration_list_for_order(order=order),
                return_url=request.build_absolute_uri(
                    reverse("payments:return", kwargs={"number": order.number})
                ),
            )
        )


class SandboxCompleteView(OrderPaymentMixin, generic.View):
    """The sandbox's stand-in for a card network: only exists with the sandbox gateway."""

    def post(self, request, *args, **kwargs):
        gateway = services.gateway()
        if gateway.name != "sandbox":
            raise Http404
        order = self.get_order()
        payment = get_object_or_404(
            Payment, order=order, intent_id=request.POST.get("intent_id", "")
        )
        gateway.complete(
            payment.intent_id,
            succeed=request.POST.get("outcome") == "succeed",
            payer_name=" ".join(request.POST.get("payer_name", "").split())[:100],
        )
        return redirect("payments:return", number=order.number)


class PaymentReturnView(OrderPaymentMixin, generic.View):
    def get(self, request, *args, **kwargs):
        order = self.get_order()
        payment = order.payments.first()
        if payment is None:
            return redirect("payments:pay", number=order.number)
        try:
            payment = services.payment_reconcile(payment=payment)
        except PaymentError:
            logger.exception("payment reconcile failed for order %s", order.number)
            messages.warning(
                request,
                _("We could not confirm your payment yet. This page will show it once we have."),
            )
            return self.order_page(order)
        if payment.status == Payment.Status.SUCCEEDED and payment.superfluous:
            messages.warning(
                request,
                _(
                    "This order was already paid or cancelled, so your payment is refunded to "
                    "you automatically."
                ),
            )
            return self.order_page(order)
        if payment.status == Payment.Status.SUCCEEDED:
            messages.success(request, _("Thank you: your payment was received."))
            return self.order_page(order)
        if payment.status in (Payment.Status.FAILED, Payment.Status.CANCELED):
            messages.error(
                request,
                _(
                    "The payment did not go through, so the order was cancelled. Your basket "
                    "has been restored: you can check out again."
                ),
            )
            return redirect("basket:summary")
        if payment.status == Payment.Status.PROCESSING:
            messages.info(request, _("Your payment is being processed."))
            return self.order_page(order)
        return redirect("payments:pay", number=order.number)


@method_decorator(csrf_exempt, name="dispatch")
class StripeWebhookView(generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            outcome = services.webhook_receive(
                payload=request.body, signature=request.headers.get("Stripe-Signature", "")
            )
        except WebhookSignatureInvalid as error:
            logger.warning("stripe webhook refused: %s", error)
            return HttpResponseBadRequest("invalid signature")
        except PaymentError:
            logger.exception("stripe webhook could not be applied")
            return HttpResponse(status=503)  # Stripe retries later
        return HttpResponse(outcome, content_type="text/plain")
