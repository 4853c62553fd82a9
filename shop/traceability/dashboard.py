"""Dashboard pages for brand authorisations and stock batches (issue #12).

A merchant lists, adds and changes only its own partner's authorisations and its own stock
records' batches, and downloads only their documents; anything else is a 404. Zone staff see and
download everything. Access as for the customs pages (staff, or ``partner.dashboard_access``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import generic

from shop.customs.dashboard import DashboardAccessMixin

from . import documents, selectors, services
from .forms import BrandAuthorisationForm, StockBatchForm


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _download(field_file, filename_stem: str):
    if not field_file:
        raise Http404
    try:
        content_type = documents.document_content_type(field_file)
    except FileNotFoundError:
        raise Http404 from None
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        content_type, "bin"
    )
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=f"{filename_stem}.{extension}",
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


# -- stock batches -----------------------------------------------------------------------------


class BatchListView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/traceability/dashboard/batch_list.html"
    context_object_name = "batches"
    paginate_by = 50

    def get_queryset(self):
        queryset = selectors.stock_batches_for_user(user=self.request.user)
        if query := self.request.GET.get("q", "").strip()[:64]:
            queryset = queryset.filter(
                Q(code__icontains=query)
                | Q(stockrecord__partner_sku__icontains=query)
                | Q(stockrecord__product__title__icontains=query)
            )
        return queryset.order_by("-received_on", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", ""), **kwargs)


class BatchFormView(DashboardAccessMixin, generic.View):
    template_name = "shop/traceability/dashboard/batch_form.html"

    def get_object(self, pk):
        if pk is None:
            return None
        return get_object_or_404(selectors.stock_batches_for_user(user=self.request.user), pk=pk)

    def render(self, form, batch):
        return TemplateResponse(self.request, self.template_name, {"form": form, "batch": batch})

    def get(self, request, pk=None):
        batch = self.get_object(pk)
        initial = {}
        if batch is None and (stockrecord := request.GET.get("stockrecord", "")).isdigit():
            initial["stockrecord"] = stockrecord
        return self.render(
            StockBatchForm(instance=batch, initial=initial, user=request.user), batch
        )

    def post(self, request, pk=None):
        batch = self.get_object(pk)
        form = StockBatchForm(request.POST, request.FILES, instance=batch, user=request.user)
        if not form.is_valid():
            return self.render(form, self.get_object(pk))
        try:
            saved = services.stock_batch_save(
                user=request.user, data=form.cleaned_data, batch_id=batch.pk if batch else None
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            _add_errors(form, error)
            return self.render(form, self.get_object(pk))
        messages.success(request, _("Batch %(code)s saved.") % {"code": saved.code})
        return redirect("traceability-dashboard:batch-list")


class BatchDocumentView(DashboardAccessMixin, generic.View):
    FIELDS = {
        "origin-certificate": "origin_certificate_file",
        "inspection-report": "inspection_report_file",
    }

    def get(self, request, pk, document):
        if document not in self.FIELDS:
            raise Http404
        batch = get_object_or_404(selectors.stock_batches_for_user(user=request.user), pk=pk)
        return _download(getattr(batch, self.FIELDS[document]), f"{batch.code}-{document}")


# -- brand authorisations ----------------------------------------------------------------------


class AuthorisationListView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/traceability/dashboard/authorisation_list.html"
    context_object_name = "authorisations"
    paginate_by = 50

    def get_queryset(self):
        queryset = selectors.brand_authorisations_for_user(user=self.request.user)
        if query := self.request.GET.get("q", "").strip()[:64]:
            queryset = queryset.filter(Q(brand__icontains=query) | Q(brand_owner__icontains=query))
        return queryset.order_by("partner__name", "brand_key", "-valid_from", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", ""), **kwargs)


class AuthorisationFormView(DashboardAccessMixin, generic.View):
    template_name = "shop/traceability/dashboard/authorisation_form.html"

    def get_object(self, pk):
        if pk is None:
            return None
        return get_object_or_404(
            selectors.brand_authorisations_for_user(user=self.request.user), pk=pk
        )

    def render(self, form, authorisation):
        return TemplateResponse(
            self.request, self.template_name, {"form": form, "authorisation": authorisation}
        )

    def get(self, request, pk=None):
        authorisation = self.get_object(pk)
        initial = {"brand": request.GET.get("brand", "")[:128]} if authorisation is None else {}
        return self.render(
            BrandAuthorisationForm(instance=authorisation, initial=initial, user=request.user),
            authorisation,
        )

    def post(self, request, pk=None):
        authorisation = self.get_object(pk)
        form = BrandAuthorisationForm(
            request.POST, request.FILES, instance=authorisation, user=request.user
        )
        if not form.is_valid():
            return self.render(form, self.get_object(pk))
        try:
            saved = services.brand_authorisation_save(
                user=request.user,
                partner=form.cleaned_data["partner"],
                data=form.cleaned_data,
                authorisation_id=authorisation.pk if authorisation else None,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            _add_errors(form, error)
            return self.render(form, self.get_object(pk))
        messages.success(
            request, _("Brand authorisation for %(brand)s saved.") % {"brand": saved.brand}
        )
        return redirect("traceability-dashboard:authorisation-list")


class AuthorisationDocumentView(DashboardAccessMixin, generic.View):
    def get(self, request, pk):
        authorisation = get_object_or_404(
            selectors.brand_authorisations_for_user(user=request.user), pk=pk
        )
        return _download(authorisation.document, f"brand-authorisation-{authorisation.pk}")
