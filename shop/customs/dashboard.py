"""Dashboard pages for customs (issue #5): declarations with their timeline, outbox messages
(XML masked, attempts, errors, receipts) and received receipts, including quarantined ones.

Staff see everything and can resend a message that gave up, rebuild one that was invalid and
ask customs to cancel a declared inventory (CEB623). A merchant (dashboard user of a partner)
sees only its own declarations, read-only, with customs' codes.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from shop.core.masking import mask_id_number, mask_name

from . import outbox
from .models import CustomsReceipt, Declaration, OutboxMessage
from .selectors import declaration_list_for_user, message_xml_masked


def can_use_customs_dashboard(user, *args, **kwargs) -> bool:
    """Also the dashboard menu's access check."""
    return user.is_authenticated and (user.is_staff or user.has_perm("partner.dashboard_access"))


class DashboardAccessMixin(AccessMixin):
    staff_only = False

    def dispatch(self, request, *args, **kwargs):
        if not can_use_customs_dashboard(request.user):
            return self.handle_no_permission()
        if self.staff_only and not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeclarationFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Number"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All"))] + list(Declaration.Status.choices),
    )
    problems = forms.BooleanField(label=gettext_lazy("Only with problems"), required=False)


class DeclarationListView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/customs/dashboard/declaration_list.html"
    context_object_name = "declarations"
    paginate_by = 25

    def get_queryset(self):
        queryset = declaration_list_for_user(user=self.request.user).annotate(
            problem_count=Count(
                "outbox_messages",
                filter=Q(
                    outbox_messages__status__in=[
                        OutboxMessage.Status.INVALID,
                        OutboxMessage.Status.GAVE_UP,
                        OutboxMessage.Status.BLOCKED,
                    ]
                ),
            )
        )
        self.form = DeclarationFilterForm(self.request.GET or None)
        if self.form.is_valid():
            data = self.form.cleaned_data
            if data["q"]:
                queryset = queryset.filter(
                    Q(number__icontains=data["q"]) | Q(order__number__icontains=data["q"])
                )
            if data["status"]:
                queryset = queryset.filter(status=data["status"])
            if data["problems"]:
                queryset = queryset.filter(
                    Q(problem_count__gt=0) | Q(status=Declaration.Status.REFUSED)
                )
        return queryset.order_by("-created_at")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for customs"),
        max_length=200,
        help_text=gettext_lazy("Sent to customs with the cancellation, in Chinese."),
    )


class DeclarationDetailView(DashboardAccessMixin, generic.DetailView):
    template_name = "shop/customs/dashboard/declaration_detail.html"
    context_object_name = "declaration"

    def get_queryset(self):
        return declaration_list_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        declaration = self.object
        return super().get_context_data(
            orderer=f"{mask_name(declaration.orderer_name)} "
            f"{mask_id_number(declaration.orderer_id_number)}",
            lines=declaration.lines.select_related("filing_record", "order_line"),
            changes=declaration.status_changes.all(),
            outbox_messages=declaration.outbox_messages.annotate(
                attempt_count=Count("attempt_log")
            ),
            receipts=declaration.receipts.all(),
            cancel_form=kwargs.get("cancel_form") or CancelForm(),
            can_cancel=self.request.user.is_staff
            and declaration.status in outbox.CANCELLABLE
            and bool(declaration.invt_no),
            **kwargs,
        )


class DeclarationCancelView(DashboardAccessMixin, generic.View):
    staff_only = True

    def post(self, request, pk):
        declaration = get_object_or_404(Declaration, pk=pk)
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a reason for the cancellation."))
        else:
            try:
                outbox.declaration_cancel_request(
                    declaration=declaration, reason=form.cleaned_data["reason"]
                )
            except ValueError:
                messages.error(
                    request,
                    _(
                        "Only a declaration that customs has accepted and not yet released can "
                        "be cancelled."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Cancellation sent to customs; the status changes when customs answers."),
                )
        return redirect("customs-dashboard:declaration-detail", pk=pk)


class DeclarationReleaseView(DashboardAccessMixin, generic.View):
    """Staff checked a held payment (the payer is the orderer after all, e.g. a name written
    differently): declare it now."""

    staff_only = True

    def post(self, request, pk):
        from .services import declaration_mark_paid

        declaration = get_object_or_404(Declaration, pk=pk)
        if declaration.status == Declaration.Status.HELD:
            declaration_mark_paid(
                declaration=declaration,
                payment_transaction_id=declaration.payment_transaction_id,
                paid_at=declaration.paid_at,
                note=f"payer checked by {request.user.get_username()}",
            )
            messages.success(request, _("The declaration is released to customs."))
        return redirect("customs-dashboard:declaration-detail", pk=pk)


class MessageDetailView(DashboardAccessMixin, generic.DetailView):
    template_name = "shop/customs/dashboard/message_detail.html"
    context_object_name = "message"
    staff_only = True
    queryset = OutboxMessage.objects.select_related("declaration")

    def get_context_data(self, **kwargs):
        message = self.object
        return super().get_context_data(
            xml=message_xml_masked(message.payload) if message.payload else "",
            attempts=message.attempt_log.all(),
            receipts=CustomsReceipt.objects.filter(guid=message.guid),
            **kwargs,
        )


class MessageRetryView(DashboardAccessMixin, generic.View):
    """Resend a message that gave up, or rebuild one that was invalid."""

    staff_only = True

    def post(self, request, pk):
        message = get_object_or_404(OutboxMessage, pk=pk)
        if message.status == OutboxMessage.Status.GAVE_UP:
            outbox.outbox_resend(message=message)
            messages.success(request, _("The message is queued to be sent again."))
        elif message.status == OutboxMessage.Status.INVALID:
            outbox.outbox_retry_invalid(message=message)
            messages.success(request, _("The message will be built again from the current data."))
        return redirect("customs-dashboard:message-detail", pk=pk)


class ReceiptListView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/customs/dashboard/receipt_list.html"
    context_object_name = "receipts"
    paginate_by = 50
    staff_only = True

    def get_queryset(self):
        queryset = CustomsReceipt.objects.select_related("declaration")
        status = self.request.GET.get("status")
        if status in CustomsReceipt.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=CustomsReceipt.Status.choices,
            current_status=self.request.GET.get("status", ""),
            **kwargs,
        )
