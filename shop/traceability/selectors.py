"""Reads of brand authorisations and stock batches: what a dashboard user may see (merchant:
its own partners'; zone staff: all), what a shopper sees on the product page and on the batch
look-up page (no files, no people, nothing of goods that are not public)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from oscar.core.loading import get_model

from .models import BrandAuthorisation, StockBatch, brand_key, normalise_batch_code

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

PRODUCT_PAGE_BATCHES = 3
LOOKUP_MAX_RESULTS = 10


def partners_for_user(*, user):
    return Partner.objects.all() if user.is_staff else user.partners.all()


def stockrecords_for_user(*, user):
    queryset = StockRecord.objects.select_related("product", "partner")
    if not user.is_staff:
        queryset = queryset.filter(partner__in=user.partners.all())
    return queryset


def stock_batches_for_user(*, user):
    queryset = StockBatch.objects.select_related(
        "stockrecord__product", "stockrecord__partner", "partner"
    )
    if not user.is_staff:
        queryset = queryset.filter(partner__in=user.partners.all())
    return queryset


def brand_authorisations_for_user(*, user):
    queryset = BrandAuthorisation.objects.select_related("partner", "uploaded_by")
    if not user.is_staff:
        queryset = queryset.filter(partner__in=user.partners.all())
    return queryset


def brand_authorisation_current(*, authorisations, today=None):
    """The authorisation that counts today among ``authorisations`` (of one partner and brand):
    a valid one (the longest-running), else the latest expired or future one, else None."""
    today = today or timezone.localdate()
    authorisations = list(authorisations)
    valid = [a for a in authorisations if a.state_on(today) == BrandAuthorisation.State.VALID]
    if valid:
        return max(valid, key=lambda a: (a.valid_until is None, a.valid_until or today, a.pk))
    if authorisations:
        return max(authorisations, key=lambda a: (a.valid_until or a.valid_from, a.pk))
    return None


@dataclass
class ProductTrace:
    """源头可溯: what the product page shows of where the goods come from."""

    origin_code: str
    origin_name: str
    brand: str
    authorised: bool  # a valid brand authorisation of the selling merchant is on file
    authorised_until: object | None
    warehouse: object | None
    batches: list = field(default_factory=list)


def product_trace(*, product, stockrecord, today=None) -> ProductTrace:
    """The trace of ``product`` as sold from ``stockrecord`` (the one the strategy picked; may be
    None): brand authorisation of its merchant and its latest batches. Two queries whatever the
    number of batches or authorisations (none without a stock record)."""
    today = today or timezone.localdate()
    authorisation, batches = None, []
    if stockrecord is not None:
        if product.brand:
            authorisation = brand_authorisation_current(
                authorisations=BrandAuthorisation.objects.filter(
                    partner_id=stockrecord.partner_id, brand_key=brand_key(product.brand)
                ).only("pk", "valid_from", "valid_until"),
                today=today,
            )
        batches = list(
            StockBatch.objects.filter(stockrecord_id=stockrecord.pk)
            .only(
                "code",
                "production_date",
                "expiry_date",
                "received_on",
                "origin_certificate_number",
                "inspection_report_number",
                "inspection_date",
            )
            .order_by("-received_on", "-pk")[:PRODUCT_PAGE_BATCHES]
        )
        for batch in batches:
            batch.expired = batch.is_expired_on(today)
    valid = authorisation is not None and authorisation.state_on(today) == "valid"
    warehouse = stockrecord.warehouse if stockrecord and stockrecord.warehouse_id else None
    code = product.origin_country or ""
    return ProductTrace(
        origin_code=code,
        origin_name=product.get_origin_country_display() if code else "",
        brand=product.brand,
        authorised=valid,
        authorised_until=authorisation.valid_until if valid else None,
        warehouse=warehouse,
        batches=batches,
    )


def batch_lookup(*, code: str, today=None) -> list[StockBatch]:
    """去向可查: the batches with this code (codes are unique per merchant, so several merchants'
    batches may share one) of public products; empty when none is known."""
    code = normalise_batch_code(code)
    if not code:
        return []
    today = today or timezone.localdate()
    batches = list(
        StockBatch.objects.filter(code=code, stockrecord__product__is_public=True)
        .select_related("stockrecord__product", "stockrecord__warehouse")
        .order_by("-received_on", "-pk")[:LOOKUP_MAX_RESULTS]
    )
    for batch in batches:
        batch.expired = batch.is_expired_on(today)
    return batches


@dataclass
class AuthorisationRow:
    partner: object
    brand: str
    state: str  # BrandAuthorisation.State
    authorisation: BrandAuthorisation | None


def filing_brand_authorisations(*, filing, user, today=None) -> list[AuthorisationRow]:
    """For the filing review page: per merchant concerned (the filer and every merchant selling
    under the filing; a merchant user sees only its own) and brand (the filing's, else its
    products'), the authorisation that counts and its state. Three queries."""
    today = today or timezone.localdate()
    stockrecords = list(
        filing.stockrecords.select_related("partner", "product").only(
            "partner__id", "partner__name", "product__id", "product__brand"
        )
    )
    partners = {sr.partner_id: sr.partner for sr in stockrecords}
    if filing.owner_id:
        partners.setdefault(filing.owner_id, filing.owner)
    if not user.is_staff:
        own = set(user.partners.values_list("pk", flat=True))
        partners = {pk: partner for pk, partner in partners.items() if pk in own}
    brands = {brand_key(filing.brand): filing.brand} if filing.brand.strip() else {}
    if not brands:
        brands = {
            brand_key(sr.product.brand): sr.product.brand for sr in stockrecords if sr.product.brand
        }
    if not partners or not brands:
        return []
    found: dict[tuple[int, str], list] = {}
    for authorisation in BrandAuthorisation.objects.filter(
        partner_id__in=partners, brand_key__in=brands
    ):
        found.setdefault((authorisation.partner_id, authorisation.brand_key), []).append(
            authorisation
        )
    rows = []
    for partner_pk, partner in sorted(partners.items(), key=lambda item: item[1].name):
        for key, brand in sorted(brands.items()):
            current = brand_authorisation_current(
                authorisations=found.get((partner_pk, key), []), today=today
            )
            state = current.state_on(today) if current else BrandAuthorisation.State.MISSING
            rows.append(AuthorisationRow(partner, brand, state, current))
    return rows
