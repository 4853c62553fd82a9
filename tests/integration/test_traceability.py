"""Brand authorisation and traceability (issue #12, 知识产权 / 质量追溯, 源头可溯、去向可查)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from shop.traceability import services
from shop.traceability.demo import DEMO_AUTHORISATIONS, DEMO_BATCHES, demo_traceability_load
from shop.traceability.documents import PRIVATE_PREFIX
from shop.traceability.models import BrandAuthorisation, StockBatch
from tests.factories.catalogue import PartnerFactory
from tests.factories.customs import FilingRecordFactory
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import stocked_product
from tests.factories.traceability import PDF_BYTES, authorisation, batch, pdf_upload, png_bytes

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
GIF_BYTES = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    partner_a, partner_b = PartnerFactory(name="Merchant A"), PartnerFactory(name="Merchant B")
    product_a = stocked_product(partner=partner_a)
    product_b = stocked_product(partner=partner_b)
    sr_a, sr_b = product_a.stockrecords.get(), product_b.stockrecords.get()
    return {
        "partner_a": partner_a,
        "partner_b": partner_b,
        "merchant_a": merchant_user(partner_a),
        "merchant_b": merchant_user(partner_b),
        "product_a": product_a,
        "product_b": product_b,
        "sr_a": sr_a,
        "sr_b": sr_b,
        "batch_a": batch(sr_a, "AAA-001"),
        "batch_b": batch(sr_b, "BBB-SECRET-9"),
        "auth_a": authorisation(partner_a, brand="TestBrand"),
        "auth_b": authorisation(partner_b, brand="SecretBrandOfB"),
    }


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def batch_post(stockrecord, **changes):
    today = timezone.localdate()
    data = {
        "stockrecord": stockrecord.pk,
        "code": "new-batch 7",
        "production_date": (today - timedelta(days=30)).isoformat(),
        "expiry_date": (today + timedelta(days=300)).isoformat(),
        "quantity_received": "50",
        "received_on": (today - timedelta(days=5)).isoformat(),
        "origin_certificate_number": "CO-777",
        "origin_certificate_issuer": "KCCI",
        "inspection_report_number": "IR-777",
        "inspection_body": "Dalian",
        "inspection_date": (today - timedelta(days=4)).isoformat(),
    }
    data.update(changes)
    return data


# -- models and validation ------------------------------------------------------------------------


def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_with_a_translated_error(world):
    fake = BrandAuthorisation(
        partner=world["partner_a"],
        brand="X",
        brand_owner="Y",
        valid_from=timezone.localdate(),
        document=SimpleUploadedFile("letter.pdf", GIF_BYTES, content_type="application/pdf"),
    )
    with translation.override("ru"):
        with pytest.raises(ValidationError) as raised:
            fake.full_clean()
        assert raised.value.message_dict["document"] == [gettext("Upload a PDF, JPEG or PNG file.")]


def test_a_wrong_file_is_refused_in_the_dashboard_form_in_the_merchants_language(client, world):
    client.force_login(world["merchant_a"])
    data = batch_post(world["sr_a"])
    data["origin_certificate_file"] = SimpleUploadedFile("c.pdf", b"MZ\x90\x00 not a pdf")
    with translation.override("ko"):
        response = client.post(reverse("traceability-dashboard:batch-create"), data)
        expected = gettext("Upload a PDF, JPEG or PNG file.")
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not StockBatch.objects.filter(code="NEW-BATCH7").exists()


def test_a_file_over_the_size_limit_is_refused(world, settings):
    settings.SHOP_TRACE_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = BrandAuthorisation(
        partner=world["partner_a"],
        brand="X",
        brand_owner="Y",
        valid_from=timezone.localdate(),
        document=SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (1024 * 1024)),
    )
    with pytest.raises(ValidationError) as raised:
        big.full_clean()
    assert [e.code for e in raised.value.error_dict["document"]] == ["file_too_large"]


def test_pdf_and_png_are_accepted_and_stored_under_the_private_prefix(world):
    saved = services.brand_authorisation_save(
        user=world["merchant_a"],
        partner=world["partner_a"],
        data={
            "brand": "  Mediheal ",
            "brand_owner": "L&P",
            "document": SimpleUploadedFile("scan.PNG", png_bytes(), content_type="image/png"),
            "valid_from": timezone.localdate(),
            "valid_until": None,
        },
    )
    assert saved.document.name.startswith(f"{PRIVATE_PREFIX}/brand-authorisations/")
    assert saved.document.name.endswith(".png")
    assert saved.brand == "Mediheal"
    assert saved.brand_key == "mediheal"
    assert saved.uploaded_by == world["merchant_a"]


def test_expiry_before_production_is_refused(world):
    today = timezone.localdate()
    data = {
        "stockrecord": world["sr_a"],
        "code": "EXP-1",
        "production_date": today - timedelta(days=10),
        "expiry_date": today - timedelta(days=20),
        "quantity_received": 5,
        "received_on": today,
    }
    with translation.override("ja"):
        with pytest.raises(ValidationError) as raised:
            services.stock_batch_save(user=world["merchant_a"], data=data)
        assert raised.value.message_dict["expiry_date"] == [
            gettext("The expiry date must be after the production date.")
        ]
    assert not StockBatch.objects.filter(code="EXP-1").exists()


def test_batch_codes_are_normalised_and_unique_per_merchant_only(world):
    today = timezone.localdate()
    data = {
        "code": " aaa-001 ",
        "production_date": today - timedelta(days=10),
        "expiry_date": today + timedelta(days=20),
        "quantity_received": 5,
        "received_on": today,
    }
    with pytest.raises(ValidationError) as raised:
        services.stock_batch_save(
            user=world["merchant_a"], data={**data, "stockrecord": world["sr_a"]}
        )
    assert "code" in raised.value.message_dict
    # merchant B may use the same code for its own goods
    other = services.stock_batch_save(
        user=world["merchant_b"], data={**data, "stockrecord": world["sr_b"]}
    )
    assert other.code == "AAA-001"
    assert other.partner == world["partner_b"]


def test_services_refuse_another_merchants_stock_record_and_partner(world):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.stock_batch_save(
            user=world["merchant_a"],
            data={
                "stockrecord": world["sr_b"],
                "code": "X1",
                "production_date": today,
                "expiry_date": today + timedelta(days=9),
                "quantity_received": 1,
                "received_on": today,
            },
        )
    with pytest.raises(PermissionDenied):
        services.stock_batch_save(
            user=world["merchant_a"], data={"code": "HACK"}, batch_id=world["batch_b"].pk
        )
    with pytest.raises(PermissionDenied):
        services.brand_authorisation_save(
            user=world["merchant_a"], partner=world["partner_b"], data={"brand": "X"}
        )
    assert StockBatch.objects.get(pk=world["batch_b"].pk).code == "BBB-SECRET-9"


# -- dashboard scoping ----------------------------------------------------------------------------


def test_merchant_lists_only_its_own_batches_and_authorisations(client, world):
    client.force_login(world["merchant_a"])
    batches = client.get(url("traceability-dashboard:batch-list")).content.decode()
    assert "AAA-001" in batches
    assert "BBB-SECRET-9" not in batches
    brands = client.get(url("traceability-dashboard:authorisation-list")).content.decode()
    assert "TestBrand" in brands
    assert "SecretBrandOfB" not in brands
    create = client.get(url("traceability-dashboard:batch-create")).content.decode()
    assert world["sr_a"].partner_sku in create
    assert world["sr_b"].partner_sku not in create
    form = client.get(url("traceability-dashboard:authorisation-create")).content.decode()
    assert "Merchant A" in form
    assert "Merchant B" not in form


def test_merchant_cannot_open_edit_or_download_another_merchants_batch(client, world):
    client.force_login(world["merchant_a"])
    batch_b, auth_b = world["batch_b"], world["auth_b"]
    foreign = [
        url("traceability-dashboard:batch-update", pk=batch_b.pk),
        url("traceability-dashboard:batch-document", pk=batch_b.pk, document="origin-certificate"),
        url("traceability-dashboard:batch-document", pk=batch_b.pk, document="inspection-report"),
        url("traceability-dashboard:authorisation-update", pk=auth_b.pk),
        url("traceability-dashboard:authorisation-document", pk=auth_b.pk),
    ]
    for address in foreign:
        assert client.get(address).status_code == 404, address
    post = client.post(foreign[0], batch_post(world["sr_a"], code="STOLEN"))
    assert post.status_code == 404
    post = client.post(
        foreign[3],
        {
            "brand": "Hacked",
            "brand_owner": "x",
            "valid_from": "2026-01-01",
            "partner": world["partner_a"].pk,
        },
    )
    assert post.status_code == 404
    batch_b.refresh_from_db()
    auth_b.refresh_from_db()
    assert batch_b.code == "BBB-SECRET-9"
    assert batch_b.stockrecord == world["sr_b"]
    assert auth_b.brand == "SecretBrandOfB"


def test_merchant_cannot_create_for_another_merchant(client, world):
    client.force_login(world["merchant_a"])
    response = client.post(url("traceability-dashboard:batch-create"), batch_post(world["sr_b"]))
    assert response.status_code == 200
    assert "stockrecord" in response.context["form"].errors
    response = client.post(
        url("traceability-dashboard:authorisation-create"),
        {
            "partner": world["partner_b"].pk,
            "brand": "Intruder",
            "brand_owner": "x",
            "valid_from": "2026-01-01",
            "document": pdf_upload(),
        },
    )
    assert response.status_code == 200
    assert "partner" in response.context["form"].errors
    assert not StockBatch.objects.filter(code="NEW-BATCH7").exists()
    assert not BrandAuthorisation.objects.filter(brand="Intruder").exists()


def test_merchant_creates_edits_and_downloads_its_own_batch(client, world):
    client.force_login(world["merchant_a"])
    data = batch_post(world["sr_a"])
    data["inspection_report_file"] = pdf_upload("report.pdf")
    response = client.post(url("traceability-dashboard:batch-create"), data)
    assert response.status_code == 302
    created = StockBatch.objects.get(code="NEW-BATCH7")
    assert created.partner == world["partner_a"]
    assert created.created_by == world["merchant_a"]
    old_file = created.inspection_report_file.name
    # edit without a new file keeps the file
    response = client.post(
        url("traceability-dashboard:batch-update", pk=created.pk),
        batch_post(world["sr_a"], code="NEW-BATCH7", quantity_received="60"),
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.quantity_received == 60
    assert created.inspection_report_file.name == old_file
    download = client.get(
        url("traceability-dashboard:batch-document", pk=created.pk, document="inspection-report")
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF_BYTES
    # a batch without a certificate file has nothing to download
    missing = client.get(
        url("traceability-dashboard:batch-document", pk=created.pk, document="origin-certificate")
    )
    assert missing.status_code == 404


def test_staff_see_and_download_every_merchants_documents(client, world):
    client.force_login(zone_staff())
    listing = client.get(url("traceability-dashboard:batch-list")).content.decode()
    assert "AAA-001" in listing
    assert "BBB-SECRET-9" in listing
    for auth in (world["auth_a"], world["auth_b"]):
        response = client.get(url("traceability-dashboard:authorisation-document", pk=auth.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"


def test_document_files_are_outside_every_public_page(client, world):
    """No public page names a document's stored path (production: the proxy refuses
    /media/private/, see README)."""
    names = [world["auth_a"].document.name, world["batch_a"].origin_certificate_file.name]
    assert all(name.startswith(PRIVATE_PREFIX + "/") for name in names)
    pages = [
        product_page(client, world["product_a"]),
        client.get(url("traceability:batch", code="AAA-001")),
    ]
    for response in pages:
        html = response.content.decode()
        assert not any(name in html for name in names)
        assert "/media/private" not in html


def test_the_development_server_does_not_serve_private_documents(client, world, settings):
    """Documents live in the ``documents`` storage outside MEDIA_ROOT: even runserver's /media/
    (DEBUG) cannot hand them out."""
    import importlib
    from pathlib import Path

    stored = (
        Path(settings.STORAGES["documents"]["OPTIONS"]["location"]) / world["auth_a"].document.name
    )
    assert stored.is_file()
    assert not (Path(settings.MEDIA_ROOT) / world["auth_a"].document.name).exists()

    from django.urls import clear_url_caches

    import shop.urls

    settings.DEBUG = True
    try:
        importlib.reload(shop.urls)
        clear_url_caches()
        response = client.get(f"/media/{world['auth_a'].document.name}")
    finally:
        settings.DEBUG = False
        importlib.reload(shop.urls)
        clear_url_caches()
    assert response.status_code == 404


# -- product page ---------------------------------------------------------------------------------


def product_page(client, product, language="en"):
    with translation.override(language):
        return client.get(product.get_absolute_url())


def test_product_page_shows_where_it_comes_from(client, world):
    StockBatch.objects.filter(pk=world["batch_a"].pk).update(
        expiry_date=timezone.localdate() - timedelta(days=1)
    )
    batch(world["sr_a"], "AAA-002", produced_days_ago=20)
    response = product_page(client, world["product_a"])
    html = response.content.decode()
    section = html[html.index('id="product_trace"') :]
    assert 'data-code="AAA-002"' in section
    assert 'data-code="AAA-001"' in section
    assert "CO-AAA-002" in section
    assert "IR-AAA-002" in section
    assert 'data-state="authorised"' in section
    with translation.override("en"):
        assert gettext("Expired") in section
        assert reverse("traceability:batch", kwargs={"code": "AAA-002"}) in section
    # numbers only: no file, no other merchant
    assert PRIVATE_PREFIX not in html
    assert "/media/private" not in html
    assert "BBB-SECRET-9" not in html


def test_brand_without_a_valid_authorisation_is_not_called_authorised(client, world):
    BrandAuthorisation.objects.filter(pk=world["auth_a"].pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    html = product_page(client, world["product_a"]).content.decode()
    assert 'id="trace_brand_status" data-state="none"' in html
    # B's authorisation of another brand does not count for A either
    assert 'data-state="authorised"' not in html


def test_product_section_queries_do_not_grow_with_batches(client, world):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert product_page(client, world["product_a"]).status_code == 200
        return [q["sql"] for q in captured.captured_queries if "shop_traceability" in q["sql"]]

    product_page(client, world["product_a"])  # warm caches (site, categories)
    one = count()
    for n in range(5):
        batch(world["sr_a"], f"MORE-{n}", produced_days_ago=40 - n)
    many = count()
    assert len(one) == len(many) == 2
    html = product_page(client, world["product_a"]).content.decode()
    assert html.count('class="trace-batch"') == 3  # the latest three


# -- public look-up -------------------------------------------------------------------------------


def test_lookup_form_redirects_to_the_normalised_code(client, world):
    with translation.override("ko"):
        response = client.get(reverse("traceability:lookup"), {"code": " aaa-001 "})
        assert response.status_code == 302
        assert response["Location"] == reverse("traceability:batch", kwargs={"code": "AAA-001"})


def test_lookup_of_a_known_code_shows_the_batch(client, world):
    with translation.override("zh-hans"):
        response = client.get(reverse("traceability:batch", kwargs={"code": "aaa-001"}))
        product_url = world["product_a"].get_absolute_url()
    html = response.content.decode()
    assert response.status_code == 200
    assert product_url in html
    assert "CO-AAA-001" in html
    assert "IR-AAA-001" in html
    assert 'class="alert alert-success trace-valid"' in html
    assert PRIVATE_PREFIX not in html
    assert world["partner_a"].name not in html


def test_lookup_of_an_unknown_code_says_so_and_nothing_else(client, world):
    with translation.override("ru"):
        response = client.get(reverse("traceability:batch", kwargs={"code": "NOPE-404"}))
        expected = gettext(
            "No batch with the code %(code)s is known. Check the code on the package and try "
            "again; if it is right, contact our customer service."
        ) % {"code": "NOPE-404"}
    html = response.content.decode()
    assert response.status_code == 404
    assert expected in " ".join(html.split())
    assert "AAA-001" not in html
    assert "trace_result" not in html


def test_lookup_hides_batches_of_goods_that_are_not_public(client, world):
    world["product_b"].__class__.objects.filter(pk=world["product_b"].pk).update(is_public=False)
    with translation.override("en"):
        response = client.get(reverse("traceability:batch", kwargs={"code": "BBB-SECRET-9"}))
    assert response.status_code == 404
    assert "CO-BBB-SECRET-9" not in response.content.decode()


def test_lookups_are_rate_limited_per_client(client, world, settings):
    settings.SHOP_TRACE_LOOKUP_LIMIT = 3
    with translation.override("en"):
        codes = [reverse("traceability:batch", kwargs={"code": f"GUESS-{n}"}) for n in range(4)]
    statuses = [client.get(code).status_code for code in codes]
    assert statuses == [404, 404, 404, 429]
    other = client.get(codes[0], REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 404


# -- filing review --------------------------------------------------------------------------------


def test_filing_review_shows_each_merchants_brand_authorisation(client, world):
    partner_c = PartnerFactory(name="Merchant C")
    filing = FilingRecordFactory(owner=world["partner_a"], status="submitted", brand="testbrand")
    StockRecord.objects.filter(pk=world["sr_b"].pk).update(filing_record=filing)
    StockRecord.objects.filter(pk=world["sr_a"].pk).update(filing_record=filing)
    stocked_product(partner=partner_c)
    StockRecord.objects.filter(partner=partner_c).update(filing_record=filing)
    authorisation(partner_c, brand="TESTBRAND", days_left=-3)  # expired
    client.force_login(zone_staff())
    response = client.get(url("customs-dashboard:filing-detail", pk=filing.pk))
    html = response.content.decode()
    section = html[html.index('id="filing_brand_authorisations"') :]
    states = {
        str(partner.pk): state
        for partner, state in (
            (world["partner_a"], "valid"),
            (world["partner_b"], "missing"),
            (partner_c, "expired"),
        )
    }
    for pk, state in states.items():
        assert f'data-partner="{pk}" data-state="{state}"' in section, (pk, state)
    document = url("traceability-dashboard:authorisation-document", pk=world["auth_a"].pk)
    assert document in section
    # the filer sees its own row only
    client.force_login(world["merchant_a"])
    html = client.get(url("customs-dashboard:filing-detail", pk=filing.pk)).content.decode()
    section = html[html.index('id="filing_brand_authorisations"') :]
    assert f'data-partner="{world["partner_a"].pk}"' in section
    assert f'data-partner="{world["partner_b"].pk}"' not in section
    assert "Merchant C" not in section


# -- demo -----------------------------------------------------------------------------------------


def test_demo_data_is_created_once(world):
    skus = sorted({spec[0] for spec in DEMO_BATCHES + DEMO_AUTHORISATIONS})
    for sku in skus:
        product = stocked_product(partner=world["partner_a"])
        StockRecord.objects.filter(product=product).update(partner_sku=sku)
    assert demo_traceability_load() == (len(DEMO_AUTHORISATIONS), len(DEMO_BATCHES))
    counts = (BrandAuthorisation.objects.count(), StockBatch.objects.count())
    demo_traceability_load()
    assert (BrandAuthorisation.objects.count(), StockBatch.objects.count()) == counts
    assert counts == (2 + len(DEMO_AUTHORISATIONS), 2 + len(DEMO_BATCHES))
    expired = StockBatch.objects.get(code="KO-2507-02")
    assert expired.is_expired
    assert expired.origin_certificate_file.read(5) == b"%PDF-"


def test_edit_forms_link_the_current_file_to_the_scoped_download_only(client, world):
    client.force_login(world["merchant_a"])
    batch_form = client.get(url("traceability-dashboard:batch-update", pk=world["batch_a"].pk))
    auth_form = client.get(
        url("traceability-dashboard:authorisation-update", pk=world["auth_a"].pk)
    )
    for response, download in (
        (
            batch_form,
            url(
                "traceability-dashboard:batch-document",
                pk=world["batch_a"].pk,
                document="origin-certificate",
            ),
        ),
        (
            auth_form,
            url("traceability-dashboard:authorisation-document", pk=world["auth_a"].pk),
        ),
    ):
        html = response.content.decode()
        assert f'href="{download}"' in html
        assert PRIVATE_PREFIX not in html
        assert "/media/" not in html
