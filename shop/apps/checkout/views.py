"""Checkout with the cross-border steps (issue #4).

Flow: shipping address → real-name orderer (``CustomsIdentityView``) → (shipping method and
payment method are single choices and skipped) → preview, which shows the basket split into
customs declarations with freight, import tax and totals, asks for the consumer notice and
places the order (pending payment) with its declarations in one transaction. Payment itself is
the payments issue (#6).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.debug import sensitive_post_parameters
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.session import CheckoutSessionMixin
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_class

from shop.core.ratelimit import client_ip
from shop.customs import services as customs_services
from shop.customs.selectors import declaration_list_for_order, orderer_identity_list

from . import customs
from .forms import CustomsIdentityForm

OrderCustoms = get_class("order.utils", "OrderCustoms")


class CustomsSessionMixin:
    """Pre-conditions and context shared by the steps after the real-name step."""

    def check_customs_identity_is_captured(self, request):
        if customs.stored_identity(self.checkout_session, request.user) is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:customs-identity"),
                message=_("Please tell us who is ordering: cross-border goods need a real name."),
            )

    def customs_quote(self):
        return customs.quote_for_request(self.request, self.checkout_session)


# Names, addresses, ID numbers and phones never appear in Django's error reports (issue #10).
hide_personal_post_data = method_decorator(sensitive_post_parameters(), name="dispatch")


@hide_personal_post_data
class ShippingAddressView(oscar_views.ShippingAddressView):
    success_url = reverse_lazy("checkout:customs-identity")


@hide_personal_post_data
class CustomsIdentityView(CheckoutSessionMixin, generic.FormView):
    template_name = "oscar/checkout/customs_identity.html"
    form_class = CustomsIdentityForm
    success_url = reverse_lazy("checkout:shipping-method")
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_address_is_captured",
    ]

    def check_shipping_address_is_captured(self, request):
        # Oscar's check_shipping_data_is_captured also wants the shipping method, which is
        # chosen after this step.
        if request.basket.is_shipping_required():
            self.check_a_valid_shipping_address_is_captured()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["identities"] = orderer_identity_list(user=self.request.user)
        chosen = customs.stored_identity(self.checkout_session, self.request.user)
        kwargs["initial"] = {
            "identity": str(chosen.pk) if chosen else None,
            "consignee_phone": customs.stored_consignee_phone(self.checkout_session),
        }
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["customs_quote"] = customs.quote_for_request(self.request)
        return ctx

    def form_valid(self, form):
        identity = form.chosen_identity()
        if identity is None:
            try:
                identity = customs_services.orderer_identity_save(
                    user=self.request.user,
                    name=form.cleaned_data["name"],
                    id_number=form.cleaned_data["id_number"],
                    phone=form.cleaned_data["phone"],
                    client_ip=client_ip(self.request),
                )
            except ValidationError as error:
                for field, field_errors in error.message_dict.items():
                    for message in field_errors:
                        form.add_error(field, message)
                return self.form_invalid(form)
        customs.store_identity(
            self.checkout_session,
            identity=identity,
            consignee_phone=form.cleaned_data["consignee_phone"],
        )
        return super().form_valid(form)


class ShippingMethodView(CustomsSessionMixin, oscar_views.ShippingMethodView):
    pre_conditions = [
        *oscar_views.ShippingMethodView.pre_conditions,
        "check_customs_identity_is_captured",
    ]


class PaymentMethodView(CustomsSessionMixin, oscar_views.PaymentMethodView):
    pre_conditions = [
        *oscar_views.PaymentMethodView.pre_conditions,
        "check_customs_identity_is_captured",
    ]


@hide_personal_post_data
class PaymentDetailsView(CustomsSessionMixin, oscar_views.PaymentDetailsView):
    pre_conditions = [
        *oscar_views.PaymentDetailsView.pre_conditions,
        "check_customs_identity_is_captured",
    ]

    def get_skip_conditions(self, request):
        # The order is placed (pending payment) from the preview and paid afterwards (issue #6),
        # so there are no payment details to collect before the preview.
        if not self.preview:
            return ["skip_to_preview"]
        return super().get_skip_conditions(request)

    def skip_to_preview(self, request):
        raise exceptions.PassedSkipCondition(url=reverse("checkout:preview"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        quote = self.customs_quote()
        ctx["customs_quote"] = quote
        ctx["customs_identity"] = customs.stored_identity(self.checkout_session, self.request.user)
        ctx["consignee_phone"] = customs.stored_consignee_phone(self.checkout_session)
        return ctx

    def handle_place_order_submission(self, request):
        quote = self.customs_quote()
        if not quote.allowed:
            for problem in quote.problems:
                messages.error(request, problem)
            return self.render_preview(request)
        if request.POST.get("accept_notice") != "1":
            return self.render_preview(
                request,
                notice_error=_(
                    "Please read and accept the consumer notice for cross-border imports."
                ),
            )
        self._notice_accepted_at = timezone.now()
        return super().handle_place_order_submission(request)

    def place_order(self, **kwargs):
        """Oscar's order and our declarations in one transaction: the forked ``OrderCreator``
        stores the declarations with the order's lines and refuses (stock, unpaid orders,
        limits, filings) with ``UnableToPlaceOrder``; then no order, shipping address or
        allocation is left behind and Oscar restores the basket."""
        kwargs["customs"] = OrderCustoms(
            quote=self.customs_quote(),
            identity=customs.stored_identity(self.checkout_session, self.request.user),
            consignee_phone=customs.stored_consignee_phone(self.checkout_session),
            notice_accepted_at=self._notice_accepted_at,
        )
        with transaction.atomic():
            return super().place_order(**kwargs)

    def handle_successful_order(self, order):
        # Oscar's bookkeeping (signal, e-mail, session), then straight on to paying (issue #6).
        super().handle_successful_order(order)
        return redirect("payments:pay", number=order.number)

    def handle_order_placement(self, *args, **kwargs):
        # Oscar's submit() restores the frozen basket and shows the preview with the message.
        try:
            return super().handle_order_placement(*args, **kwargs)
        except ValidationError as error:
            raise UnableToPlaceOrder(" ".join(error.messages)) from error


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx["declarations"] = declaration_list_for_order(order=self.object)
        return ctx
