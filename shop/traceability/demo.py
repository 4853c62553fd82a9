"""Demo brand authorisations and stock batches (issue #12) for a few demo products, so the product
page's "Where it comes from" section and the batch look-up (/<lang>/trace/) show something right
after ``load_demo``. DEMO DATA: the documents are generated placeholders that say so, the
certificate and report numbers are invented. Dates are relative to today, so the demo stays
current. Idempotent: a second run changes nothing already there."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_model

from .models import BrandAuthorisation, StockBatch, brand_key

StockRecord = get_model("partner", "StockRecord")

# (sku, code, produced days ago, shelf life days, received days ago, quantity,
#  certificate number, certificate issuer, report number, inspection body)
DEMO_BATCHES = [
    (
        "KR-BEA-001",
        "MH2611A",
        95,
        1095,
        60,
        1200,
        "KCCI-2026-0418833",
        "Korea Chamber of Commerce and Industry",
        "DL-CIQ-2026-117702",
        "Dalian Customs Technical Center",
    ),
    (
        "KR-BEA-001",
        "MH2603C",
        280,
        1095,
        240,
        800,
        "KCCI-2026-0107215",
        "Korea Chamber of Commerce and Industry",
        "DL-CIQ-2026-031458",
        "Dalian Customs Technical Center",
    ),
    (
        "KR-BEA-003",
        "JM26-0815",
        110,
        1095,
        70,
        600,
        "KCCI-2026-0392217",
        "Korea Chamber of Commerce and Industry",
        "DL-CIQ-2026-109931",
        "Dalian Customs Technical Center",
    ),
    (
        "JP-FOD-003",
        "CB6A12",
        40,
        240,
        20,
        2400,
        "JCCI-2026-088114",
        "Japan Chamber of Commerce and Industry",
        "DL-CIQ-2026-125510",
        "Dalian Customs Technical Center",
    ),
    (
        "RU-FOD-001",
        "KO-2605-17",
        200,
        360,
        170,
        1500,
        "RU-TPP-2026-55812",
        "Chamber of Commerce and Industry of the Russian Federation",
        "HC-CIQ-2026-04417",
        "Hunchun Customs Technical Center",
    ),
    (
        "RU-FOD-001",
        "KO-2507-02",
        500,
        360,
        470,
        900,
        "RU-TPP-2025-30118",
        "Chamber of Commerce and Industry of the Russian Federation",
        "HC-CIQ-2025-02206",
        "Hunchun Customs Technical Center",
    ),
]

# (sku whose merchant holds it, brand, issuer, valid from days ago, valid until in days or None)
DEMO_AUTHORISATIONS = [
    ("KR-BEA-001", "Mediheal", "L&P Cosmetic Co., Ltd.", 300, 430),
    ("KR-BEA-003", "JM Solution", "JM Solution Co., Ltd.", 800, -35),  # expired: staff see it
    ("JP-FOD-003", "Calbee", "Calbee, Inc.", 200, None),
]


def _placeholder_pdf(title: str) -> ContentFile:
    """A one-page PDF that says it is a demo placeholder (Pillow, no font needed)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 565, 812), outline="black", width=3)
    for row, line in enumerate(("DEMO DOCUMENT - NOT A REAL CERTIFICATE", "", *title.split("\n"))):
        draw.text((60, 80 + row * 28), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72)
    return ContentFile(buffer.getvalue(), name="demo.pdf")


def demo_traceability_load() -> tuple[int, int]:
    """Create the demo authorisations and batches that are missing; returns (authorisations,
    batches) now present for the demo codes. Products whose SKU is not in the demo are skipped."""
    today = timezone.localdate()
    stockrecords = {
        sr.partner_sku: sr
        for sr in StockRecord.objects.filter(
            partner_sku__in={spec[0] for spec in DEMO_BATCHES + DEMO_AUTHORISATIONS}
        ).select_related("partner")
    }
    authorisations = 0
    for sku, brand, issuer, since, until in DEMO_AUTHORISATIONS:
        stockrecord = stockrecords.get(sku)
        if stockrecord is None:
            continue
        authorisations += 1
        if BrandAuthorisation.objects.filter(
            partner=stockrecord.partner, brand_key=brand_key(brand), brand_owner=issuer
        ).exists():
            continue
        authorisation = BrandAuthorisation(
            partner=stockrecord.partner,
            brand=brand,
            brand_owner=issuer,
            valid_from=today - timedelta(days=since),
            valid_until=today + timedelta(days=until) if until is not None else None,
            notes="Demo data",
        )
        authorisation.document.save(
            "authorisation.pdf",
            _placeholder_pdf(f"Brand authorisation: {brand}\nIssued by {issuer}"),
            save=False,
        )
        authorisation.full_clean()
        authorisation.save()
    batches = 0
    for (
        sku,
        code,
        produced,
        shelf_life,
        received,
        quantity,
        cert,
        issuer,
        report,
        body,
    ) in DEMO_BATCHES:
        stockrecord = stockrecords.get(sku)
        if stockrecord is None:
            continue
        batches += 1
        if StockBatch.objects.filter(partner=stockrecord.partner, code=code).exists():
            continue
        production = today - timedelta(days=produced)
        batch = StockBatch(
            stockrecord=stockrecord,
            code=code,
            production_date=production,
            expiry_date=production + timedelta(days=shelf_life),
            quantity_received=quantity,
            received_on=today - timedelta(days=received),
            origin_certificate_number=cert,
            origin_certificate_issuer=issuer,
            inspection_report_number=report,
            inspection_body=body,
            inspection_date=today - timedelta(days=max(received - 3, 0)),
        )
        batch.origin_certificate_file.save(
            "certificate.pdf",
            _placeholder_pdf(f"Certificate of origin {cert}\nBatch {code}"),
            save=False,
        )
        batch.inspection_report_file.save(
            "report.pdf", _placeholder_pdf(f"Inspection report {report}\nBatch {code}"), save=False
        )
        batch.full_clean()
        batch.save()
    return authorisations, batches
