"""Dashboard pages for product filings (issue #12, 一次备案、多主体共享).

Merchants list their own filings, create and edit drafts, submit them, search the approved
filings and attach one to their own stock record instead of filing the same goods again. Zone
staff work through the queue of submitted filings and approve or reject them with a reason.
Every change goes through ``shop.customs.filings``; a merchant never opens another merchant's
draft, submitted or rejected filing (404).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from . import filings
from .dashboard import DashboardAccessMixin
from .models import FilingRecord

Status = FilingRecord.Status


class StockRecordChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.partner_sku} · {obj.product.get_title()} · {obj.partner.name}"


class FilingForm(forms.ModelForm):
    """The filing data a merchant fills; the model's ``clean()`` rules apply."""

    stockrecord = StockRecordChoiceField(
        label=gettext_lazy("For stock record"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("The stock record of yours these goods are sold from (optional)."),
    )

    class Meta:
        model = FilingRecord
        fields = filings.MERCHANT_FIELDS

    def __init__(self, *args, user, with_stockrecord=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_stockrecord:
            self.fields["stockrecord"].queryset = filings.stockrecords_for_user(user=user)
        else:
            del self.fields["stockrecord"]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Barcode, HS code, name or specification"),
        required=False,
        max_length=100,
    )


class AttachForm(forms.Form):
    stockrecord = StockRecordChoiceField(
        label=gettext_lazy("Your stock record"),
        queryset=None,
        error_messages={
            "required": gettext_lazy("Choose the stock record that sells these goods."),
            "invalid_choice": gettext_lazy("Choose one of your own stock records."),
        },
    )

    def __init__(self, *args, user, filing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stockrecord"].queryset = filings.stockrecords_for_user(user=user).exclude(
            filing_record=filing
        )


class ApproveForm(forms.Form):
    on_positive_list = forms.BooleanField(
        label=gettext_lazy("The tariff line is on the positive list"),
        required=False,
        initial=True,
    )
    reason = forms.CharField(label=gettext_lazy("Note (optional)"), max_length=255, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the merchant"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Give the reason for the rejection.")},
    )


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _own_queryset(user):
    """Filings ``user`` may change: staff all, a merchant its own merchant's."""
    if user.is_staff:
        return FilingRecord.objects.all()
    return FilingRecord.objects.filter(owner__in=user.partners.all())


class FilingListView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/customs/dashboard/filing_list.html"
    context_object_name = "filings"
    paginate_by = 50

    def status(self):
        status = self.request.GET.get("status", "")
        return status if status in Status.values else ""

    def get_queryset(self):
        queryset = filings.own_filings_for_user(user=self.request.user)
        if status := self.status():
            queryset = queryset.filter(status=status)
        return queryset.order_by("-updated_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=Status.choices,
            current_status=self.status(),
            queue_count=filings.filing_review_queue().count()
            if self.request.user.is_staff
            else None,
            **kwargs,
        )


class FilingQueueView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/customs/dashboard/filing_queue.html"
    context_object_name = "filings"
    paginate_by = 50
    staff_only = True

    def get_queryset(self):
        return filings.filing_review_queue()


class FilingReuseView(DashboardAccessMixin, generic.TemplateView):
    """Search of the approved filings a merchant may reuse (read-only)."""

    template_name = "shop/customs/dashboard/filing_reuse.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        results = None
        if form.is_valid() and form.cleaned_data["q"]:
            results = filings.filing_search(query=form.cleaned_data["q"])
        return super().get_context_data(form=form, results=results, **kwargs)


class FilingCreateView(DashboardAccessMixin, generic.View):
    template_name = "shop/customs/dashboard/filing_form.html"

    def render(self, form, reusable=()):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "filing": None, "reusable": reusable},
        )

    def get(self, request):
        return self.render(FilingForm(user=request.user, initial=request.GET.dict()))

    def post(self, request):
        form = FilingForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(form)
        data = form.cleaned_data
        reusable = filings.reusable_filings(
            barcode=data["barcode"], hs_code=data["hs_code"], spec_model=data["spec_model"]
        )
        if reusable.exists():
            form.add_error(
                None,
                _(
                    "These goods are already filed and approved. Use that filing for your stock "
                    "record instead of filing them again."
                ),
            )
            return self.render(form, reusable=reusable)
        try:
            filing = filings.filing_draft_create(
                user=request.user, data=data, stockrecord=data.get("stockrecord")
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.render(form)
        messages.success(
            request,
            _("Draft filing %(reference)s saved. Submit it when it is complete.")
            % {"reference": filing.reference},
        )
        return redirect("customs-dashboard:filing-detail", pk=filing.pk)


class FilingDetailView(DashboardAccessMixin, generic.DetailView):
    template_name = "shop/customs/dashboard/filing_detail.html"
    context_object_name = "filing"

    def get_queryset(self):
        return filings.filings_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        filing, user = self.object, self.request.user
        is_owner = filings._is_owner(filing=filing, user=user)
        stockrecords = filing.stockrecords.select_related("product", "partner", "warehouse")
        if not user.is_staff:
            stockrecords = stockrecords.filter(partner__in=user.partners.all())
        # merchants attach to their own stock records; staff review, they do not sell
        can_attach = not user.is_staff and (filing.status == Status.APPROVED or is_owner)
        return super().get_context_data(
            is_owner=is_owner,
            fields=[
                (FilingRecord._meta.get_field(name).verbose_name, _display(filing, name))
                for name in filings.MERCHANT_FIELDS
            ],
            history=filing.status_changes.select_related("changed_by") if is_owner else None,
            stockrecords=stockrecords,
            can_edit=filings.can_edit_filing(filing=filing, user=user),
            can_review=user.is_staff and filing.status == Status.SUBMITTED,
            attach_form=kwargs.pop("attach_form", None) or AttachForm(user=user, filing=filing)
            if can_attach
            else None,
            approve_form=kwargs.pop("approve_form", None)
            or ApproveForm(initial={"on_positive_list": True}),
            reject_form=kwargs.pop("reject_form", None) or RejectForm(),
            duplicates=filings.reusable_filings(
                barcode=filing.barcode,
                hs_code=filing.hs_code,
                spec_model=filing.spec_model,
                exclude_pk=filing.pk,
            )
            if filing.status != Status.APPROVED
            else None,
            **kwargs,
        )


def _display(filing, name):
    field = FilingRecord._meta.get_field(name)
    value = getattr(filing, name)
    if field.choices and value:
        return f"{value} {getattr(filing, f'get_{name}_display')()}"
    if value in (None, ""):
        return "—"
    return value


class FilingUpdateView(DashboardAccessMixin, generic.View):
    template_name = "shop/customs/dashboard/filing_form.html"

    def get_object(self, pk):
        return get_object_or_404(_own_queryset(self.request.user), pk=pk)

    def render(self, filing, form):
        return TemplateResponse(
            self.request, self.template_name, {"form": form, "filing": filing, "reusable": ()}
        )

    def not_editable(self, filing):
        messages.error(
            self.request,
            _("A filing can be changed only while it is a draft or after it was rejected."),
        )
        return redirect("customs-dashboard:filing-detail", pk=filing.pk)

    def get(self, request, pk):
        filing = self.get_object(pk)
        if not filings.can_edit_filing(filing=filing, user=request.user):
            return self.not_editable(filing)
        return self.render(
            filing, FilingForm(instance=filing, user=request.user, with_stockrecord=False)
        )

    def post(self, request, pk):
        filing = self.get_object(pk)
        if not filings.can_edit_filing(filing=filing, user=request.user):
            return self.not_editable(filing)
        form = FilingForm(request.POST, instance=filing, user=request.user, with_stockrecord=False)
        if not form.is_valid():
            return self.render(filing, form)
        try:
            filings.filing_update(filing_id=filing.pk, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.render(FilingRecord.objects.get(pk=pk), form)
        messages.success(request, _("Filing saved."))
        return redirect("customs-dashboard:filing-detail", pk=filing.pk)


class _ActionView(DashboardAccessMixin, generic.View):
    """A POST action on one filing; a GET just goes to the filing (404 when it is not the
    user's to act on)."""

    def get_object(self, pk):
        return get_object_or_404(_own_queryset(self.request.user), pk=pk)

    def get(self, request, pk):
        filing = self.get_object(pk)
        return redirect("customs-dashboard:filing-detail", pk=filing.pk)


class FilingSubmitView(_ActionView):
    def post(self, request, pk):
        filing = self.get_object(pk)
        try:
            filings.filing_submit(filing_id=filing.pk, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Filing submitted: zone staff will review it."))
        return redirect("customs-dashboard:filing-detail", pk=filing.pk)


class FilingAttachView(_ActionView):
    """Use a filing for one of the user's own stock records (no new filing)."""

    template_name = "shop/customs/dashboard/filing_detail.html"

    def get_object(self, pk):
        filing = get_object_or_404(filings.filings_for_user(user=self.request.user), pk=pk)
        if filing.status != Status.APPROVED and not filings._is_owner(
            filing=filing, user=self.request.user
        ):
            raise Http404
        return filing

    def post(self, request, pk):
        filing = self.get_object(pk)
        form = AttachForm(request.POST, user=request.user, filing=filing)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect("customs-dashboard:filing-detail", pk=filing.pk)
        stockrecord = form.cleaned_data["stockrecord"]
        try:
            filings.filing_attach(
                filing_id=filing.pk, stockrecord_id=stockrecord.pk, user=request.user
            )
        except PermissionDenied:
            raise Http404 from None
        messages.success(
            request,
            _("Stock record %(sku)s now uses filing %(reference)s.")
            % {"sku": stockrecord.partner_sku, "reference": filing.reference},
        )
        return redirect("customs-dashboard:filing-detail", pk=filing.pk)


class _ReviewView(_ActionView):
    staff_only = True

    def get_object(self, pk):
        return get_object_or_404(FilingRecord, pk=pk)


class FilingApproveView(_ReviewView):
    def post(self, request, pk):
        filing = self.get_object(pk)
        form = ApproveForm(request.POST)
        form.is_valid()
        try:
            filings.filing_approve(
                filing_id=filing.pk,
                user=request.user,
                on_positive_list=form.cleaned_data.get("on_positive_list", False),
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("customs-dashboard:filing-detail", pk=filing.pk)
        messages.success(
            request, _("Filing %(reference)s approved.") % {"reference": filing.reference}
        )
        return redirect("customs-dashboard:filing-queue")


class FilingRejectView(_ReviewView):
    def post(self, request, pk):
        filing = self.get_object(pk)
        form = RejectForm(request.POST)
        if not form.is_valid():
            for message in form.errors["reason"]:
                messages.error(request, message)
            return redirect("customs-dashboard:filing-detail", pk=filing.pk)
        try:
            filings.filing_reject(
                filing_id=filing.pk, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("customs-dashboard:filing-detail", pk=filing.pk)
        messages.success(
            request, _("Filing %(reference)s rejected.") % {"reference": filing.reference}
        )
        return redirect("customs-dashboard:filing-queue")
