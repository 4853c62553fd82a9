"""Staff pages for the reference rate table (issue #11): list (with what shoppers see today
per language), add, edit, delete, CSV import and a sample CSV. Staff only: merchants' dashboard
users and shoppers are refused (403), anonymous visitors sent to the login page."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from . import selectors, services
from .forms import ReferenceRateFilterForm, ReferenceRateForm, ReferenceRateImportForm
from .models import ReferenceRate

#: Sample values for the sample CSV when a currency has no rate yet (rough 2026 levels, to be
#: replaced by the real published rate).
SAMPLE_RATES = {
    "KRW": Decimal("190.00"),
    "JPY": Decimal("21.00"),
    "RUB": Decimal("12.50"),
    "USD": Decimal("0.14"),
}


class StaffOnlyMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            # anonymous: to the login page; signed-in non-staff: 403 (AccessMixin)
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class _CurrencyChoicesMixin:
    def get_context_data(self, **kwargs):
        configured = set(selectors.reference_currencies().values())
        known = set(ReferenceRate.objects.values_list("currency", flat=True).distinct())
        return super().get_context_data(
            currency_suggestions=sorted(configured | known),
            max_age_days=selectors.reference_rate_max_age_days(),
            **kwargs,
        )


class ReferenceRateListView(StaffOnlyMixin, _CurrencyChoicesMixin, generic.ListView):
    template_name = "shop/rates/dashboard/rate_list.html"
    context_object_name = "rates"
    paginate_by = 50

    def get_queryset(self):
        queryset = ReferenceRate.objects.select_related("entered_by").order_by(
            "-rate_date", "currency"
        )
        self.form = ReferenceRateFilterForm(self.request.GET or None)
        if self.form.is_valid() and self.form.cleaned_data["currency"]:
            queryset = queryset.filter(currency=self.form.cleaned_data["currency"].upper())
        return queryset

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            form=self.form,
            today=today,
            statuses=selectors.reference_rate_status_list(today=today),
            **kwargs,
        )


class _RateFormMixin(StaffOnlyMixin, _CurrencyChoicesMixin):
    model = ReferenceRate
    form_class = ReferenceRateForm
    template_name = "shop/rates/dashboard/rate_form.html"
    success_url = reverse_lazy("rates-dashboard:rate-list")

    def form_valid(self, form):
        form.instance.entered_by = self.request.user
        response = super().form_valid(form)
        selectors.reference_rate_forget(self.request)
        rate = self.object
        messages.success(
            self.request,
            _("Saved: 1 CNY = %(rate)s %(currency)s on %(date)s.")
            % {
                "rate": rate.rate_display,
                "currency": rate.currency,
                "date": rate.rate_date.isoformat(),
            },
        )
        if rate.rate_date > timezone.localdate():
            messages.warning(
                self.request, _("This rate is dated in the future: it is used from that day on.")
            )
        return response


class ReferenceRateCreateView(_RateFormMixin, generic.CreateView):
    def get_initial(self):
        return {"rate_date": timezone.localdate(), **super().get_initial()}


class ReferenceRateUpdateView(_RateFormMixin, generic.UpdateView):
    pass


class ReferenceRateDeleteView(StaffOnlyMixin, generic.DeleteView):
    model = ReferenceRate
    template_name = "shop/rates/dashboard/rate_delete.html"
    context_object_name = "rate"
    success_url = reverse_lazy("rates-dashboard:rate-list")

    def form_valid(self, form):
        rate = self.get_object()
        messages.success(
            self.request,
            _("Deleted the %(currency)s rate of %(date)s.")
            % {"currency": rate.currency, "date": rate.rate_date.isoformat()},
        )
        return super().form_valid(form)


class ReferenceRateImportView(StaffOnlyMixin, generic.FormView):
    form_class = ReferenceRateImportForm
    template_name = "shop/rates/dashboard/rate_import.html"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > services.CSV_MAX_BYTES:
            errors = [(None, _("The file is larger than 1 MB."))]
            return self.render_to_response(self.get_context_data(form=form, errors=errors))
        try:
            rows = services.reference_rates_parse_csv(upload.read())
            result = services.reference_rates_import(rows, user=self.request.user)
        except services.ImportRejected as rejected:
            return self.render_to_response(self.get_context_data(form=form, errors=rejected.errors))
        except IntegrityError:
            errors = [(None, _("Another change to the same rates happened meanwhile: try again."))]
            return self.render_to_response(self.get_context_data(form=form, errors=errors))
        messages.success(
            self.request,
            _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        return redirect("rates-dashboard:rate-list")


class ReferenceRateSampleCsvView(StaffOnlyMixin, generic.View):
    """Today's date and, per configured currency, its newest rate (or a sample value)."""

    def get(self, request):
        today = timezone.localdate()
        rates = {}
        for currency in sorted(set(selectors.reference_currencies().values())):
            latest = (
                ReferenceRate.objects.filter(currency=currency, rate_date__lte=today)
                .order_by("-rate_date")
                .first()
            )
            rates[currency] = latest.rate if latest else SAMPLE_RATES.get(currency, Decimal("1"))
        response = HttpResponse(
            services.reference_rates_sample_csv(today=today, rates=rates),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="reference-rates-sample.csv"'
        return response
