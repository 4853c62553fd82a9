"""Bulk product import jobs (issue #12, "Bulk import/export").

A job keeps the uploaded file (bytes in the database: private, never under MEDIA_URL), what the
merchant asked for (dry run, import, import only the valid rows), its progress and the per-row
errors, each with the file's row number and column. Jobs change only through
``shop.imports.services``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook (XLSX)")
        CSV = "csv", _("CSV (UTF-8)")

    class Mode(models.TextChoices):
        DRY_RUN = "dry_run", _("Check only (dry run)")
        IMPORT = "import", _("Import (nothing is written if any row has an error)")
        IMPORT_VALID = "import_valid", _("Import only the valid rows")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("Merchant"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Uploaded by"),
    )
    file_name = models.CharField(_("File name"), max_length=255)
    file_data = models.BinaryField(editable=False)
    file_format = models.CharField(_("Format"), max_length=4, choices=Format.choices)
    mode = models.CharField(_("Mode"), max_length=12, choices=Mode.choices)
    status = models.CharField(
        _("Status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    # The language of the merchant who uploaded: row errors are written in it
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    total_rows = models.PositiveIntegerField(_("Rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("Rows checked"), default=0)
    # [{"row": 7, "field": "price", "message": "…"}], row = the row number in the file
    errors = models.JSONField(default=list, blank=True)
    error_rows = models.PositiveIntegerField(_("Rows with errors"), default=0)
    written = models.BooleanField(_("Written"), default=False)
    created_count = models.PositiveIntegerField(_("New"), default=0)
    updated_count = models.PositiveIntegerField(_("Changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("Unchanged"), default=0)
    failure = models.TextField(_("Failure"), blank=True)
    created_at = models.DateTimeField(_("Uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("Product import")
        verbose_name_plural = _("Product imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_mode_display()}, {self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // self.total_rows)
