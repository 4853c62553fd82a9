"""Import jobs (issue #12): create one from an upload, run it (in the request for small files,
in the task queue from ``SHOP_IMPORT_SYNC_MAX_ROWS`` rows), and the selectors the dashboard and
every export use (a merchant sees only its own partners' jobs and products)."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from . import fileio, products
from .models import ImportJob

logger = logging.getLogger("shop.imports")

Partner = get_model("partner", "Partner")


def _setting(name, default):
    return int(getattr(settings, name, default))


def sync_max_rows() -> int:
    return _setting("SHOP_IMPORT_SYNC_MAX_ROWS", 5000)


def max_bytes() -> int:
    return _setting("SHOP_IMPORT_MAX_BYTES", 20 * 1024 * 1024)


def max_rows() -> int:
    return _setting("SHOP_IMPORT_MAX_ROWS", 50_000)


# --- selectors -----------------------------------------------------------------------------------


def partners_for_user(*, user) -> QuerySet:
    """The partners whose products ``user`` may import and export: staff all, a merchant its own."""
    if user.is_staff:
        return Partner.objects.order_by("name")
    return Partner.objects.filter(users=user).order_by("name")


def import_job_list(*, user) -> QuerySet:
    """Jobs ``user`` may open: staff all, a merchant its own partners'."""
    queryset = ImportJob.objects.select_related("partner", "user").defer("file_data")
    if user.is_staff:
        return queryset
    return queryset.filter(partner__in=partners_for_user(user=user))


# --- services ------------------------------------------------------------------------------------


def _check_partner(*, user, partner):
    if not partners_for_user(user=user).filter(pk=partner.pk).exists():
        raise PermissionDenied


def upload_read(*, name: str, data: bytes):
    """(format, rows) of an upload; raises ``fileio.FileError`` (translated) for a file that is
    too large, of another type, unreadable, or with too many rows."""
    if len(data) > max_bytes():
        raise fileio.FileError(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes() // (1024 * 1024)},
            code="too_large",
        )
    file_format = fileio.detect_format(name, data)
    if file_format is None:
        raise fileio.FileError(
            _("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."), code="wrong_type"
        )
    rows = fileio.read_rows(data, file_format)
    if not rows:
        raise fileio.FileError(_("The file has no product rows."), code="no_rows")
    if len(rows) > max_rows():
        raise fileio.FileError(
            _("The file has %(count)s rows; at most %(max)s are imported at once.")
            % {"count": len(rows), "max": max_rows()},
            code="too_many_rows",
        )
    return file_format, rows


def import_job_create(*, user, partner, name: str, data: bytes, mode: str) -> ImportJob:
    """Check the upload, record the job and run it: at once when it has fewer than
    ``SHOP_IMPORT_SYNC_MAX_ROWS`` rows, else on the task queue after the commit. Raises
    ``fileio.FileError`` for a file that cannot be imported (no job is made) and
    ``PermissionDenied`` for a partner not the user's."""
    _check_partner(user=user, partner=partner)
    file_format, rows = upload_read(name=name, data=data)
    job = ImportJob.objects.create(
        partner=partner,
        user=user,
        file_name=name[:255],
        file_data=data,
        file_format=file_format,
        mode=mode,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        total_rows=len(rows),
    )
    if len(rows) < sync_max_rows():
        import_job_run(job_id=job.pk, rows=rows)
        job.refresh_from_db()
    else:
        from .tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def import_job_repeat(*, job, user, mode: str) -> ImportJob:
    """The same file again in another mode (after a dry run: import it)."""
    return import_job_create(
        user=user, partner=job.partner, name=job.file_name, data=bytes(job.file_data), mode=mode
    )


def _progress(job_id):
    def report(count):
        ImportJob.objects.filter(pk=job_id).update(processed_rows=count)

    return report


def import_job_run(*, job_id: int, rows=None) -> ImportJob:
    """Check every row, then write (unless a dry run; unless a row has errors and the merchant
    did not choose to import only the valid rows). A job that is not queued is left alone.
    Failures are recorded on the job (status failed) and logged."""
    updated = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    job = ImportJob.objects.select_related("partner", "user").get(pk=job_id)
    if not updated:
        return job
    try:
        if rows is None:
            rows = fileio.read_rows(bytes(job.file_data), job.file_format)
        plan = products.rows_validate(
            rows=rows,
            partner=job.partner,
            user=job.user,
            language=job.language,
            progress=_progress(job.pk),
        )
        result = {"errors": [e.as_dict() for e in plan.errors], "error_rows": plan.error_rows}
        write = job.mode == ImportJob.Mode.IMPORT_VALID or (
            job.mode == ImportJob.Mode.IMPORT and not plan.error_rows
        )
        counts = {}
        if write:
            counts = products.plan_apply(
                plan=plan,
                partner=job.partner,
                user=job.user,
                only_valid=job.mode == ImportJob.Mode.IMPORT_VALID,
            )
        else:
            counts = _would_count(plan)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE,
            processed_rows=len(rows),
            errors=result["errors"],
            error_rows=result["error_rows"],
            written=write,
            created_count=counts.get("created", 0),
            updated_count=counts.get("updated", 0),
            unchanged_count=counts.get("unchanged", 0),
            finished_at=timezone.now(),
        )
    except Exception as error:  # recorded for the merchant; the traceback goes to the log
        logger.exception("import job %s failed", job_id)
        with translation.override(job.language):
            failure = str(error) if isinstance(error, fileio.FileError) else ""
            failure = failure or _(
                "The import stopped with an internal error; nothing was written."
            )
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, failure=failure, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


def _would_count(plan) -> dict:
    """What an import of the valid rows would do (shown after a dry run)."""
    valid = [row for row in plan.rows if not row.errors]
    return {
        "created": sum(1 for row in valid if row.stockrecord is None),
        "updated": sum(1 for row in valid if row.stockrecord is not None and row.changes_anything),
        "unchanged": sum(1 for row in valid if not row.changes_anything),
    }


def export_file(*, user, partner, file_format: str) -> bytes:
    """The partner's products as XLSX or CSV (only a partner of ``user``'s)."""
    _check_partner(user=user, partner=partner)
    with translation.override(translation.get_language()):
        rows = products.rows_export(partner=partner)
    if file_format == "xlsx":
        return fileio.write_xlsx(rows)
    return fileio.write_csv(rows)


def template_file(*, file_format: str) -> bytes:
    from . import columns

    if file_format == "xlsx":
        return fileio.write_xlsx([columns.header_row()], help_rows=products.template_help_rows())
    return fileio.write_csv([columns.header_row()])
