"""Dashboard pages for product import and export (issue #12).

A merchant downloads the template, uploads an XLSX or CSV file (dry run, import, or import only
the valid rows), follows the job's progress and its per-row errors, and exports its own
products in the same format. Zone staff do the same for a merchant they choose. A merchant
never sees or downloads another merchant's job (404) and exports only its own products.
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from shop.customs.dashboard import DashboardAccessMixin, can_use_customs_dashboard

from . import columns, fileio, services
from .forms import PartnerForm, UploadForm
from .models import ImportJob

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
SHOWN_ERRORS = 500


def _download(data: bytes, *, file_format: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _format(kwargs) -> str:
    file_format = kwargs.get("fmt", "")
    if file_format not in CONTENT_TYPES:
        raise Http404
    return file_format


class ImportListView(DashboardAccessMixin, View):
    """Upload form, the template and export links, and the user's recent jobs."""

    template_name = "shop/imports/dashboard/job_list.html"

    def render(self, form, status=200):
        user = self.request.user
        jobs = services.import_job_list(user=user)[:50]
        context = {
            "form": form,
            "jobs": jobs,
            "partners": services.partners_for_user(user=user),
            "sync_max_rows": services.sync_max_rows(),
            "columns": columns.COLUMNS,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(UploadForm(user=request.user))

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render(form, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > services.max_bytes():
            form.add_error(
                "file",
                _("The file is larger than %(size)s MB.")
                % {"size": services.max_bytes() // (1024 * 1024)},
            )
            return self.render(form, status=400)
        try:
            job = services.import_job_create(
                user=request.user,
                partner=form.cleaned_data["partner"],
                name=upload.name,
                data=upload.read(),
                mode=form.cleaned_data["mode"],
            )
        except fileio.FileError as error:
            form.add_error("file", error.messages)
            return self.render(form, status=400)
        return redirect("imports-dashboard:job-detail", pk=job.pk)


class TemplateDownloadView(DashboardAccessMixin, View):
    def get(self, request, *args, **kwargs):
        file_format = _format(kwargs)
        data = services.template_file(file_format=file_format)
        return _download(data, file_format=file_format, name=f"products-template.{file_format}")


class ExportView(DashboardAccessMixin, View):
    """The products of one of the user's partners (a merchant: its own, the first when it has
    several and names none)."""

    def get(self, request, *args, **kwargs):
        file_format = _format(kwargs)
        form = PartnerForm(request.GET, user=request.user)
        if not form.is_valid():
            raise Http404
        partner = form.cleaned_data["partner"]
        if partner is None:
            if request.user.is_staff:
                messages.error(request, _("Choose the merchant whose products to export."))
                return redirect("imports-dashboard:job-list")
            partner = services.partners_for_user(user=request.user).first()
            if partner is None:
                raise PermissionDenied
        data = services.export_file(user=request.user, partner=partner, file_format=file_format)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        name = f"products-{partner.code or partner.pk}-{stamp}.{file_format}"
        return _download(data, file_format=file_format, name=name)


class JobMixin(DashboardAccessMixin):
    def get_job(self):
        if not hasattr(self, "_job"):
            self._job = get_object_or_404(
                services.import_job_list(user=self.request.user), pk=self.kwargs["pk"]
            )
        return self._job


def _message(error) -> str:
    """The error in the active language (its text as written, in the uploader's language, when
    it has no message id of ours)."""
    msgid = error.get("msgid")
    if not msgid:
        return error["message"]
    try:
        return _(msgid) % error["params"] if error.get("params") else _(msgid)
    except (KeyError, TypeError, ValueError):
        return error["message"]


def _error_rows(job, limit=None):
    errors = job.errors[:limit] if limit else job.errors
    return [
        {
            "row": e["row"],
            "field": e["field"],
            "column": columns.label_of(e["field"]),
            "message": _message(e),
        }
        for e in errors
    ]


class JobDetailView(JobMixin, View):
    template_name = "shop/imports/dashboard/job_detail.html"

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        context = {
            "job": job,
            "errors": _error_rows(job, SHOWN_ERRORS),
            "more_errors": max(len(job.errors) - SHOWN_ERRORS, 0),
            "progress_url": reverse("imports-dashboard:job-progress", kwargs={"pk": job.pk}),
            "modes": [
                (value, label)
                for value, label in ImportJob.Mode.choices
                if value != ImportJob.Mode.DRY_RUN
            ],
        }
        return TemplateResponse(request, self.template_name, context)


class JobProgressView(JobMixin, View):
    """JSON for the job page's progress bar (static/shop/imports/job-progress.js)."""

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        return JsonResponse(
            {
                "status": job.status,
                "status_label": job.get_status_display(),
                "processed_rows": job.processed_rows,
                "total_rows": job.total_rows,
                "percent": job.percent,
                "finished": job.is_finished,
            }
        )


class JobFileView(JobMixin, View):
    """The file as uploaded."""

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        data = ImportJob.objects.values_list("file_data", flat=True).get(pk=job.pk)
        return _download(bytes(data), file_format=job.file_format, name=job.file_name)


class JobErrorsView(JobMixin, View):
    """Every row error of the job as CSV (row, column, message), in the job's language."""

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow([_("Row"), _("Column"), _("Problem")])
        for error in _error_rows(job):
            writer.writerow(
                [error["row"], f"{error['column']} [{error['field']}]", error["message"]]
            )
        data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
        return _download(data, file_format="csv", name=f"import-{job.pk}-errors.csv")


class JobRepeatView(JobMixin, View):
    """POST: the same file again, now imported (after a dry run)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if can_use_customs_dashboard(request.user):
            self.kwargs = kwargs
            self.get_job()  # 404 for another merchant's job, whatever the method
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        job = self.get_job()
        mode = request.POST.get("mode", "")
        if mode not in (ImportJob.Mode.IMPORT, ImportJob.Mode.IMPORT_VALID):
            messages.error(request, _("Choose how to import the file."))
            return redirect("imports-dashboard:job-detail", pk=job.pk)
        try:
            new_job = services.import_job_repeat(job=job, user=request.user, mode=mode)
        except fileio.FileError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("imports-dashboard:job-detail", pk=job.pk)
        return redirect("imports-dashboard:job-detail", pk=new_job.pk)
