from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.templatetags.currency_filters import currency

from shop.core.templatetags.shop_format import babel_date

from . import returns
from .cancellation import CancelOutcome, Reason, declaration_cancel_by_shopper
from .checkout import ZERO
from .forms import CancelForm
from .models import Declaration
from .selectors import annual_quota_declarations_for_user, orderer_identity_list
from .tax import ANNUAL_LIMIT


class AnnualQuotaView(LoginRequiredMixin, TemplateView):
    """How much of the 26 000 CNY annual limit the shopper's identities have used this year
    through *this account's* orders (issue #4, privacy in issue #10).

    The checkout refuses a basket on the total of every account that declared the same ID number
    (``selectors.annual_quota_used``); that total is never shown here, or anyone who types in
    somebody's ID number could read what that person bought.
    """

    template_name = "shop/customs/annual_quota.html"

    def get_context_data(self, **kwargs):
        rows = {}
        for identity in orderer_identity_list(user=self.request.user):
            rows[identity.id_number_hash] = {
                "name": identity.name,
                "id_number": identity.id_number,
                "declarations": [],
            }
        for declaration in annual_quota_declarations_for_user(user=self.request.user):
            row = rows.setdefault(
                declaration.orderer_id_hash,
                {
                    "name": declaration.orderer_name,
                    "id_number": declaration.orderer_id_number,
                    "declarations": [],
                },
            )
            row["declarations"].append(declaration)
        for row in rows.values():
            used = sum(
                (d.dutiable_value - d.returned_dutiable_value for d in row["declarations"]), ZERO
            )
            row["used"] = used
            row["remaining"] = max(ANNUAL_LIMIT - used, ZERO)
            row["percent"] = int(min(used / ANNUAL_LIMIT * 100, 100))
        return super().get_context_data(
            rows=list(rows.values()), annual_limit=ANNUAL_LIMIT, **kwargs
        )


class DeclarationCancelView(LoginRequiredMixin, View):
    """The shopper cancels one customs declaration (one parcel) of their order (issue #15)."""

    http_method_names = ["post"]

    def post(self, request, number):
        declaration = get_object_or_404(
            Declaration.objects.select_related("order"), number=number, order__user=request.user
        )
        order = declaration.order
        form = CancelForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else Reason.OTHER
        result = declaration_cancel_by_shopper(
            declaration=declaration, user=request.user, reason=reason
        )
        if result == CancelOutcome.UNPAID:
            from shop.payments.services import order_expire

            result = {"expired": CancelOutcome.CANCELLED, "skipped": CancelOutcome.CLOSED}.get(
                order_expire(order=order), CancelOutcome.IN_PROGRESS
            )
            if result == CancelOutcome.CANCELLED:
                messages.success(request, _("Your unpaid order has been cancelled."))
                return redirect("customer:order", order_number=order.number)
        declaration.refresh_from_db()
        level, text = {
            CancelOutcome.CANCELLED: (
                messages.SUCCESS,
                _("Cancelled. %(amount)s will be refunded to the account you paid with.")
                % {"amount": currency(declaration.actual_paid, order.currency)},
            ),
            CancelOutcome.REQUESTED: (
                messages.SUCCESS,
                _(
                    "We have asked China Customs to cancel this parcel. You will get your "
                    "refund as soon as customs confirms, usually within a day."
                ),
            ),
            CancelOutcome.ALREADY_REQUESTED: (
                messages.INFO,
                _("We have already asked China Customs to cancel this parcel."),
            ),
            CancelOutcome.IN_PROGRESS: (
                messages.WARNING,
                _(
                    "China Customs is registering this parcel right now, so it cannot be "
                    "cancelled this minute. Please try again in a few minutes."
                ),
            ),
            CancelOutcome.RELEASED: (
                messages.WARNING,
                _(
                    "China Customs has already released this parcel, so it can no longer be "
                    "cancelled. You can ask for a return on this page within 30 days of its "
                    "release."
                ),
            ),
            CancelOutcome.CLOSED: (messages.INFO, _("There is nothing left to cancel here.")),
        }[result]
        messages.add_message(request, level, text)
        return redirect("customer:order", order_number=order.number)


class ReturnCreateView(LoginRequiredMixin, View):
    """The shopper asks to return items of a released declaration (issue #15): a quantity per
    goods line (``qty_<line id>``), a reason and a note."""

    http_method_names = ["post"]

    def post(self, request, number):
        declaration = get_object_or_404(
            Declaration.objects.select_related("order", "warehouse"),
            number=number,
            order__user=request.user,
        )
        quantities = {}
        for key, value in request.POST.items():
            if key.startswith("qty_"):
                try:
                    quantities[int(key[4:])] = max(int(value or 0), 0)
                except ValueError:
                    messages.error(request, _("Choose how many of each item you return."))
                    return redirect("customer:order", order_number=declaration.order.number)
        try:
            returns.return_request_create(
                declaration=declaration,
                user=request.user,
                quantities=quantities,
                reason=request.POST.get("reason", ""),
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            allowed = returns.returnable(declaration)
            messages.success(
                request,
                _(
                    "Return asked for. Send the parcel to %(address)s so that it arrives by "
                    "%(date)s; we refund you when China Customs has accepted the return."
                )
                % {
                    "address": declaration.warehouse.address or declaration.warehouse.name,
                    "date": babel_date(allowed.arrive_until),
                },
            )
        return redirect("customer:order", order_number=declaration.order.number)
