"""Brand authorisations and stock batches (issue #12, shop/traceability) with small real files."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shop.traceability.models import BrandAuthorisation, StockBatch, brand_key

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def pdf_upload(name="document.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def authorisation(partner, *, brand="TestBrand", days_left=300, **fields):
    today = timezone.localdate()
    values = {
        "partner": partner,
        "brand": brand,
        "brand_key": brand_key(brand),
        "brand_owner": f"{brand} Holdings",
        "valid_from": today - timedelta(days=30),
        "valid_until": today + timedelta(days=days_left),
        **fields,
    }
    instance = BrandAuthorisation(**values)
    instance.document.save("authorisation.pdf", pdf_upload(), save=False)
    instance.save()
    return instance


def batch(stockrecord, code, *, produced_days_ago=60, shelf_life=365, files=True, **fields):
    today = timezone.localdate()
    production = today - timedelta(days=produced_days_ago)
    values = {
        "stockrecord": stockrecord,
        "partner": stockrecord.partner,
        "code": code,
        "production_date": production,
        "expiry_date": production + timedelta(days=shelf_life),
        "quantity_received": 100,
        "received_on": production + timedelta(days=10),
        "origin_certificate_number": f"CO-{code}",
        "origin_certificate_issuer": "Chamber of Commerce",
        "inspection_report_number": f"IR-{code}",
        "inspection_body": "Customs Technical Center",
        "inspection_date": production + timedelta(days=12),
        **fields,
    }
    instance = StockBatch(**values)
    if files:
        instance.origin_certificate_file.save("co.pdf", pdf_upload(), save=False)
        instance.inspection_report_file.save("ir.pdf", pdf_upload(), save=False)
    instance.save()
    return instance


def scoping_world(*, partner_b, product_b, mark):
    """Merchant B's batch (code ``mark``) and brand authorisation (brand ``mark``) for
    tests/integration/test_merchant_scoping_urls.py."""
    return {
        "trace_batch_b": batch(product_b.stockrecords.get(partner=partner_b), mark),
        "trace_authorisation_b": authorisation(partner_b, brand=mark),
    }
