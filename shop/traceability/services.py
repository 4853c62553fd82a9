"""Writes of brand authorisations and stock batches. A merchant writes only for its own
partner and stock records; zone staff for any. Each call validates the whole row
(``full_clean``) in one transaction and raises translated ``ValidationError``s, or
``PermissionDenied`` when the partner, batch or stock record is not the user's. A replaced or
cleared document file is deleted from storage after the commit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import BrandAuthorisation, StockBatch, normalise_batch_code

AUTHORISATION_FIELDS = ("brand", "brand_owner", "document", "valid_from", "valid_until", "notes")
BATCH_FIELDS = (
    "stockrecord",
    "code",
    "production_date",
    "expiry_date",
    "quantity_received",
    "received_on",
    "origin_certificate_number",
    "origin_certificate_issuer",
    "origin_certificate_file",
    "inspection_report_number",
    "inspection_body",
    "inspection_date",
    "inspection_report_file",
)
FILE_FIELDS = ("document", "origin_certificate_file", "inspection_report_file")


def _assign(instance, names, data) -> list[str]:
    """Copy ``data`` onto ``instance``; file fields only when a new file was uploaded (or
    cleared: ``False``). Returns the stored names of the files that are replaced."""
    replaced = []
    for name in names:
        if name not in data:
            continue
        value = data[name]
        if name in FILE_FIELDS:
            if value is False:
                replaced.append(getattr(instance, name).name)
                setattr(instance, name, "")
            elif isinstance(value, UploadedFile):
                replaced.append(getattr(instance, name).name)
                setattr(instance, name, value)
            continue
        setattr(instance, name, value)
    return [name for name in replaced if name]


def _delete_after_commit(model, names):
    storage = model._meta.get_field(
        "document" if model is BrandAuthorisation else "origin_certificate_file"
    ).storage
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))


def brand_authorisation_save(
    *, user, partner, data: dict, authorisation_id: int | None = None
) -> BrandAuthorisation:
    """Create (no ``authorisation_id``) or change a brand authorisation of ``partner``. A new
    document records who uploaded it and when."""
    if not user.is_staff and not user.partners.filter(pk=partner.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        if authorisation_id is None:
            authorisation = BrandAuthorisation(partner=partner)
        else:
            authorisation = (
                selectors.brand_authorisations_for_user(user=user)
                .select_for_update()
                .filter(pk=authorisation_id, partner=partner)
                .first()
            )
            if authorisation is None:
                raise PermissionDenied
        replaced = _assign(authorisation, AUTHORISATION_FIELDS, data)
        if replaced or authorisation.pk is None:
            authorisation.uploaded_by = user
            authorisation.uploaded_at = timezone.now()
        authorisation.full_clean()
        authorisation.save()
        _delete_after_commit(BrandAuthorisation, replaced)
    return authorisation


def stock_batch_save(*, user, data: dict, batch_id: int | None = None) -> StockBatch:
    """Create (no ``batch_id``) or change a stock batch. The stock record must be the user's
    (staff: any); the batch code is unique per merchant."""
    duplicate = _("You already have a batch with this code.")
    with transaction.atomic():
        if batch_id is None:
            batch = StockBatch(created_by=user)
        else:
            batch = (
                selectors.stock_batches_for_user(user=user)
                .select_for_update()
                .filter(pk=batch_id)
                .first()
            )
            if batch is None:
                raise PermissionDenied
        stockrecord = data.get("stockrecord") or (batch.stockrecord if batch_id else None)
        if stockrecord is None:
            raise ValidationError({"stockrecord": _("Choose the stock record of this batch.")})
        if not selectors.stockrecords_for_user(user=user).filter(pk=stockrecord.pk).exists():
            raise PermissionDenied
        replaced = _assign(batch, BATCH_FIELDS, data)
        batch.code = normalise_batch_code(batch.code)
        if (
            StockBatch.objects.filter(partner_id=stockrecord.partner_id, code=batch.code)
            .exclude(pk=batch.pk)
            .exists()
        ):
            raise ValidationError({"code": duplicate})
        batch.full_clean()
        try:
            with transaction.atomic():
                batch.save()
        except IntegrityError as error:  # the same code saved concurrently
            raise ValidationError({"code": duplicate}) from error
        _delete_after_commit(StockBatch, replaced)
    return batch
