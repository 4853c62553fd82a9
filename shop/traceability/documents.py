"""Uploaded evidence (brand authorisation letters, origin certificates, inspection reports).

Only PDF, JPEG and PNG are accepted, recognised by their first bytes (the name and the browser's
content type are the uploader's claims, not facts), up to ``SHOP_TRACE_DOCUMENT_MAX_BYTES``.
Files go to the ``documents`` storage (``settings.STORAGES``, ``SHOP_DOCUMENTS_ROOT``, outside
MEDIA_ROOT, so no web server serves them) under ``private/traceability/`` with random names: they
are never linked from a public page and are read only through the dashboard's scoped download
views (``shop.traceability.dashboard``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PRIVATE_PREFIX = "private/traceability"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# first bytes -> (content type, file name extension)
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


def max_bytes() -> int:
    return int(getattr(settings, "SHOP_TRACE_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF, JPEG or PNG from its first bytes, else None."""
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def _head(file, size=16) -> bytes:
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        return file.read(size)
    finally:
        if position is not None:
            file.seek(position)


def validate_document(file) -> None:
    """Model field validator: refuses anything but a PDF, JPEG or PNG within the size limit.
    Raises a translated ``ValidationError``."""
    if not file or getattr(file, "_committed", False):
        # nothing, or a file already in storage (saved again without a new upload): checked then
        return
    limit = max_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(megabytes)s MB)."),
            code="file_too_large",
            params={"megabytes": limit // (1024 * 1024) or 1},
        )
    if sniff(_head(file)) is None:
        raise ValidationError(
            _("Upload a PDF, JPEG or PNG file."),
            code="invalid_document_type",
        )


def document_content_type(field_file) -> str:
    """The content type a stored document is served with (sniffed again, never trusted from the
    name); ``application/octet-stream`` when it is none of ours."""
    with field_file.open("rb") as handle:
        found = sniff(handle.read(16))
    return found[0] if found else "application/octet-stream"


def document_storage():
    """The ``documents`` storage (settings.STORAGES): outside MEDIA_ROOT, never served by URL."""
    from django.core.files.storage import storages

    return storages["documents"]


def _upload_to(kind: str):
    def upload_to(instance, filename):
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        extension = {"jpeg": "jpg"}.get(extension, extension)
        if extension not in {"pdf", "jpg", "png"}:
            extension = "bin"
        partner = getattr(instance, "partner_id", None) or "none"
        return f"{PRIVATE_PREFIX}/{kind}/{partner}/{uuid.uuid4().hex}.{extension}"

    upload_to.__qualname__ = f"upload_to_{kind}"
    return upload_to


def authorisation_upload_to(instance, filename):
    return _upload_to("brand-authorisations")(instance, filename)


def certificate_upload_to(instance, filename):
    return _upload_to("origin-certificates")(instance, filename)


def report_upload_to(instance, filename):
    return _upload_to("inspection-reports")(instance, filename)
