"""Dashboard pages for tax bills (issue #15): the open differences between what customs billed
(CEB816) and what the shop collected, and staff resolving them. Merchants see the bills of their
own declarations, read-only."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from .dashboard import DashboardAccessMixin
from .taxbills import open_tax_bill_differences, tax_bill_resolve, tax_bills_for_user

STATES = {
    "open": gettext_lazy("Open differences"),
    "resolved": gettext_lazy("Resolved"),
    "all": gettext_lazy("All tax bills"),
}


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("How was it settled?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Say how the difference was settled.")},
    )


class TaxBillListView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/customs/dashboard/tax_bill_list.html"
    context_object_name = "tax_bills"
    paginate_by = 50

    def state(self) -> str:
        state = self.request.GET.get("state", "open")
        return state if state in STATES else "open"

    def get_queryset(self):
        queryset = tax_bills_for_user(user=self.request.user)
        state = self.state()
        if state == "open":
            return queryset.filter(open_tax_bill_differences())
        if state == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(states=STATES.items(), current_state=self.state(), **kwargs)


class TaxBillResolveView(DashboardAccessMixin, generic.View):
    staff_only = True

    def post(self, request, pk):
        bill = get_object_or_404(tax_bills_for_user(user=request.user), pk=pk)
        form = ResolveForm(request.POST)
        if not bill.is_open:
            messages.info(request, _("This tax bill has no open difference."))
        elif form.is_valid():
            tax_bill_resolve(bill_id=bill.pk, user=request.user, note=form.cleaned_data["note"])
            messages.success(
                request, _("Tax bill %(number)s marked as settled.") % {"number": bill.tax_no}
            )
        else:
            messages.error(request, " ".join(form.errors["note"]))
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = "customs-dashboard:tax-bill-list"
        return redirect(back)
