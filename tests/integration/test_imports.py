"""Bulk product import/export (issue #12): dry run with per-row errors in the merchant's
language, all-or-nothing import unless only the valid rows are asked for, idempotent upsert by
SKU within the merchant's own partner, export → import is a no-op, large files on the queue."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import default_task_backend
from oscar.core.loading import get_model

from shop.customs.models import FilingRecord, FilingStatusChange
from shop.imports import columns, fileio, services
from shop.imports.models import ImportJob
from shop.imports.tasks import index_imported_products, run_import_job
from tests.factories.catalogue import PartnerFactory, WarehouseFactory
from tests.factories.customs import FilingRecordFactory
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import stocked_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

LIST_URL = "/en/dashboard/imports/"


def row(sku, **values):
    """One data row: a complete new product in the bonded warehouse, overridable by key."""
    n = int("".join(ch for ch in sku if ch.isdigit()) or 0)
    data = {
        "sku": sku,
        "warehouse": "hunchun-bonded",
        "price": "129.00",
        "num_in_stock": "10",
        "product_class": "imported-goods",
        "upc": f"88099{n:08d}",
        "title_zh_hans": f"保湿面霜 {sku}",
        "title_ko": f"보습 크림 {sku}",
        "title_ja": f"保湿クリーム {sku}",
        "title_ru": f"Увлажняющий крем {sku}",
        "title_en": f"Moisturising cream {sku}",
        "description_zh_hans": "<p>每日使用</p>",
        "brand": "Hanbit",
        "origin_country": "133",
        "hs_code": "3304990099",
        "customs_name": "保湿面霜",
        "spec_model": f"Hanbit 50ml/瓶 {sku}",
        "unit": "142",
        "unit1": "035",
        "qty1_per_unit": "0.05",
        "net_weight_kg": "0.05",
        "gross_weight_kg": "0.08",
    }
    data.update(values)
    return data


def table(rows):
    return [columns.header_row(), *([r.get(k, "") for k in columns.KEYS] for r in rows)]


def csv_bytes(rows):
    return fileio.write_csv(table(rows))


def xlsx_bytes(rows):
    return fileio.write_xlsx(table(rows))


def snapshot():
    """The rows an import may write, and their history."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in (Product, StockRecord, FilingRecord, FilingStatusChange)
    }


@pytest.fixture
def world():
    ProductClass.objects.get_or_create(
        slug="imported-goods", defaults={"name": "Imported goods", "track_stock": True}
    )
    WarehouseFactory()
    WarehouseFactory(code="dalian-direct", name="大连直邮仓", trade_mode="9610")
    partner_a, partner_b = PartnerFactory(name="Hanbit"), PartnerFactory(name="Taiga")
    return {
        "partner_a": partner_a,
        "partner_b": partner_b,
        "merchant_a": merchant_user(partner_a),
        "merchant_b": merchant_user(partner_b),
    }


def run(world, data, *, mode="dry_run", name="products.csv", who="a", partner=None):
    return services.import_job_create(
        user=world[f"merchant_{who}"],
        partner=partner or world[f"partner_{who}"],
        name=name,
        data=data,
        mode=mode,
    )


def error_cells(job):
    return sorted({(e["row"], e["field"]) for e in job.errors})


THREE_BAD = [
    row("S1"),
    row("S2"),
    row("S3", price="12,9.x"),  # file row 4
    row("S4"),
    row("S5"),
    row("S6", warehouse="nowhere"),  # file row 7
    row("S7"),
    row("S8", title_zh_hans=""),  # file row 9
    row("S9"),
]


def test_dry_run_reports_exactly_the_bad_rows_in_the_merchants_language_and_writes_nothing(
    world,
):
    before = snapshot()
    with translation.override("ko"):
        job = run(world, xlsx_bytes(THREE_BAD), name="goods.xlsx")
    assert job.status == ImportJob.Status.DONE
    assert error_cells(job) == [(4, "price"), (7, "warehouse"), (9, "title_zh_hans")]
    assert job.error_rows == 3
    assert not job.written
    assert job.created_count == 6  # what the valid rows would make
    with translation.override("ko"):
        expected = gettext("Needed for new goods.")
    assert [e["message"] for e in job.errors if e["row"] == 9] == [expected]
    assert snapshot() == before


def test_import_writes_nothing_when_a_row_has_errors(world):
    before = snapshot()
    job = run(world, csv_bytes(THREE_BAD), mode="import")
    assert job.error_rows == 3
    assert not job.written
    assert snapshot() == before


def test_import_only_the_valid_rows_then_reimport_is_a_no_op(world):
    job = run(world, csv_bytes(THREE_BAD), mode="import_valid")
    assert job.written
    assert job.created_count == 6
    assert job.error_rows == 3
    records = StockRecord.objects.filter(partner=world["partner_a"])
    assert sorted(records.values_list("partner_sku", flat=True)) == [
        "S1", "S2", "S4", "S5", "S7", "S9",
    ]  # fmt: skip
    record = records.get(partner_sku="S1")
    assert record.price == Decimal("129.00")
    assert record.price_currency == "CNY"
    assert record.warehouse.code == "hunchun-bonded"
    assert record.num_in_stock == 10
    product = record.product
    assert product.title_ko == "보습 크림 S1"
    assert product.title_zh_hans == "保湿面霜 S1"
    assert product.upc == "8809900000001"
    assert product.product_class.slug == "imported-goods"
    # each new product gets a draft filing of the merchant, with its history row
    filing = record.filing_record
    assert filing.status == FilingRecord.Status.DRAFT
    assert filing.owner == world["partner_a"]
    assert filing.spec_model == "Hanbit 50ml/瓶 S1"
    assert filing.barcode == product.upc
    assert filing.status_changes.count() == 1

    before = snapshot()
    again = run(world, csv_bytes(THREE_BAD), mode="import_valid")
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 6)
    assert snapshot() == before


def test_export_then_import_is_a_no_op(world):
    partner = world["partner_a"]
    # goods made elsewhere (dashboard, demo): approved filing, a second warehouse, odd text
    stocked_product(partner=partner, titles={"zh-hans": "=危险公式", "ko": "-마이너스"})
    stocked_product(
        partner=partner,
        price="39.90",
        warehouse=WarehouseFactory(code="dalian-direct", trade_mode="9610"),
    )
    run(world, csv_bytes([row("S1"), row("S2", upc="")]), mode="import")
    Product.objects.filter(stockrecords__partner_sku="S1").update(
        description_ko="<p>한국어 <strong>설명</strong></p>\n"
    )
    for file_format in ("xlsx", "csv"):
        data = services.export_file(
            user=world["merchant_a"], partner=partner, file_format=file_format
        )
        before = snapshot()
        job = run(world, data, mode="import", name=f"export.{file_format}")
        assert job.errors == [], job.errors
        assert (job.created_count, job.updated_count) == (0, 0), file_format
        assert job.unchanged_count == 4
        assert snapshot() == before, file_format


def test_export_lists_only_the_merchants_own_products(world, client):
    stocked_product(partner=world["partner_a"])
    product_b = stocked_product(partner=world["partner_b"])
    StockRecord.objects.filter(product=product_b).update(partner_sku="SKU-OF-B")
    client.force_login(world["merchant_a"])
    response = client.get("/en/dashboard/imports/export.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "SKU-OF-B" not in text
    assert len(fileio.read_rows(response.content, "csv")) == 1
    # naming B's partner does not help
    response = client.get(f"/en/dashboard/imports/export.csv?partner={world['partner_b'].pk}")
    assert response.status_code == 404


def test_a_merchant_never_overwrites_another_merchants_sku_or_goods(world):
    product_b = stocked_product(partner=world["partner_b"], price="75.50")
    StockRecord.objects.filter(product=product_b).update(partner_sku="SHARED-1")
    record_b = StockRecord.objects.get(product=product_b)
    before_b = StockRecord.objects.filter(pk=record_b.pk).values().get()
    # the same SKU at merchant A is A's own new stock record
    job = run(world, csv_bytes([row("SHARED-1", price="1.00", upc="")]), mode="import")
    assert job.written
    assert job.created_count == 1
    assert StockRecord.objects.filter(pk=record_b.pk).values().get() == before_b
    assert StockRecord.objects.get(partner=world["partner_a"], partner_sku="SHARED-1").price == (
        Decimal("1.00")
    )
    # B's goods (by barcode): A may sell them, but not rename them
    title_b = Product.objects.get(pk=product_b.pk).title_zh_hans
    blank = dict.fromkeys(columns.PRODUCT_KEYS, "")
    joining = row("A-2", **{**blank, "upc": product_b.upc})
    job = run(world, csv_bytes([{**joining, "title_zh_hans": "改名"}]), mode="import")
    assert error_cells(job) == [(2, "title_zh_hans")]
    assert not job.written
    assert Product.objects.get(pk=product_b.pk).title_zh_hans == title_b
    # empty product cells keep B's goods as they are: A's stock record joins the goods page
    job = run(world, csv_bytes([joining]), mode="import")
    assert job.written, job.errors
    assert StockRecord.objects.get(partner_sku="A-2").product_id == product_b.pk
    assert Product.objects.get(pk=product_b.pk).title_zh_hans == title_b


def test_staff_import_for_the_merchant_they_choose(world):
    staff = zone_staff()
    job = services.import_job_create(
        user=staff,
        partner=world["partner_b"],
        name="b.csv",
        data=csv_bytes([row("S1")]),
        mode="import",
    )
    assert job.written
    assert StockRecord.objects.get(partner_sku="S1").partner == world["partner_b"]
    # a merchant cannot name another merchant
    with pytest.raises(services.PermissionDenied):
        run(world, csv_bytes([row("S2")]), mode="import", partner=world["partner_b"])


def test_an_approved_shared_filing_is_reused_not_filed_again(world):
    approved = FilingRecordFactory(barcode="8809900000001", owner=world["partner_b"])
    count = FilingRecord.objects.count()
    job = run(world, csv_bytes([row("S1")]), mode="import")  # same barcode as the approved one
    assert job.written
    assert FilingRecord.objects.count() == count
    assert StockRecord.objects.get(partner_sku="S1").filing_record == approved
    # same HS code and specification, another barcode: reused too
    FilingRecordFactory(hs_code="3304990099", spec_model="Hanbit 50ml/瓶 S2", barcode="")
    run(world, csv_bytes([row("S2")]), mode="import")
    assert FilingRecord.objects.count() == count + 1
    assert StockRecord.objects.get(partner_sku="S2").filing_record.status == "approved"


def test_an_approved_filings_data_cannot_be_changed_by_import(world):
    filing = FilingRecordFactory(owner=world["partner_a"])
    data = csv_bytes([row("S1", filing_reference=filing.reference, net_weight_kg="0.01")])
    job = run(world, data, mode="import")
    assert "net_weight_kg" in {e["field"] for e in job.errors}
    assert not job.written
    filing.refresh_from_db()
    assert filing.net_weight_kg == Decimal("0.30000")


def test_a_draft_needs_the_filing_columns(world):
    job = run(world, csv_bytes([row("S1", unit="", gross_weight_kg="0.01")]))
    assert error_cells(job) == [(2, "gross_weight_kg"), (2, "unit")]


def test_descriptions_are_sanitized(world):
    evil = '<p onclick="x()">Hi<script>alert(1)</script></p>'
    run(world, csv_bytes([row("S1", description_en=evil)]), mode="import")
    product = StockRecord.objects.get(partner_sku="S1").product
    assert "script" not in product.description_en
    assert "onclick" not in product.description_en
    assert "Hi" in product.description_en


def test_two_warehouses_are_two_skus_of_one_goods_page(world):
    bonded = row("S1")
    direct = {**bonded, "sku": "S2", "warehouse": "dalian-direct", "spec_model": ""}
    job = run(world, csv_bytes([bonded, direct]), mode="import")
    assert job.written, job.errors
    records = StockRecord.objects.filter(partner=world["partner_a"])
    assert records.values("product").distinct().count() == 1
    assert {r.warehouse.code for r in records} == {"hunchun-bonded", "dalian-direct"}
    # a later row that disagrees with the goods of the same barcode is an error
    job = run(world, csv_bytes([row("S3"), {**row("S3"), "sku": "S4", "brand": "Other"}]))
    assert error_cells(job) == [(3, "brand")]


def test_duplicate_sku_in_a_file(world):
    job = run(world, csv_bytes([row("S1"), row("S1")]))
    assert error_cells(job) == [(3, "sku")]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("products.txt", b"sku\nA", "wrong_type"),
        ("products.xlsx", b"sku,price\n", "wrong_type"),  # not a workbook
        ("products.csv", "sku;价格".encode("gb18030") + b"\xff\xfe", "bad_csv"),
        ("products.csv", b"title_en\nA\n", "missing_columns"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(world, name, data, code):
    with pytest.raises(fileio.FileError) as error:
        run(world, data, name=name)
    assert error.value.code == code
    assert not ImportJob.objects.exists()


def test_upload_page_shows_file_errors_in_the_merchants_language(world, client, settings):
    settings.SHOP_IMPORT_MAX_BYTES = 100
    client.force_login(world["merchant_a"])
    upload = SimpleUploadedFile("big.csv", csv_bytes([row("S1")]), content_type="text/csv")
    response = client.post("/ru/dashboard/imports/", {"file": upload, "mode": "dry_run"})
    assert response.status_code == 400
    with translation.override("ru"):
        expected = gettext("The file is larger than %(size)s MB.") % {"size": 0}
    assert expected in response.content.decode()
    assert not ImportJob.objects.exists()


def test_upload_through_the_page_runs_small_files_at_once(world, client):
    client.force_login(world["merchant_a"])
    upload = SimpleUploadedFile("p.xlsx", xlsx_bytes(THREE_BAD))
    response = client.post("/zh-hans/dashboard/imports/", {"file": upload, "mode": "dry_run"})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{job.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert 'data-row="7" data-field="warehouse"' in page
    with translation.override("zh-hans"):
        assert gettext("Dry run: nothing was written.") in page
    # import the same file, only the valid rows
    response = client.post(f"/zh-hans/dashboard/imports/{job.pk}/import/", {"mode": "import_valid"})
    assert StockRecord.objects.filter(partner=world["partner_a"]).count() == 6
    errors = client.get(f"/zh-hans/dashboard/imports/{job.pk}/errors.csv")
    assert errors.content.decode("utf-8-sig").count("\n") == 4  # header + 3 errors


def test_merchant_cannot_open_another_merchants_job(world, client):
    data = csv_bytes([row("S1")])
    job_b = run(world, data, who="b")
    client.force_login(world["merchant_a"])
    for suffix in ("", "progress/", "file/", "errors.csv"):
        assert client.get(f"/en/dashboard/imports/{job_b.pk}/{suffix}").status_code == 404
    response = client.post(f"/en/dashboard/imports/{job_b.pk}/import/", {"mode": "import"})
    assert response.status_code == 404
    assert ImportJob.objects.count() == 1
    listing = client.get(LIST_URL).content.decode()
    assert "products.csv" not in listing
    client.force_login(world["merchant_b"])
    assert client.get(f"/en/dashboard/imports/{job_b.pk}/file/").content == data


def test_templates_have_the_header_row(world, client):
    client.force_login(world["merchant_a"])
    for file_format in ("xlsx", "csv"):
        response = client.get(f"/ko/dashboard/imports/template.{file_format}")
        assert response.status_code == 200
        with pytest.raises(fileio.FileError):  # header only: no product rows
            services.upload_read(name=f"t.{file_format}", data=response.content)
        assert fileio.read_rows(response.content, file_format) == []
    with translation.override("ko"):
        assert str(columns.BY_KEY["price"].label) in response.content.decode("utf-8-sig")


def _enqueued(task):
    return [r for r in default_task_backend.results if r.task.func is task.func]


def test_a_large_file_runs_in_the_queue_with_progress(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_IMPORT_SYNC_MAX_ROWS = 5000
    default_task_backend.clear()  # tests record enqueued tasks (DummyBackend); we are the worker
    rows = [row(f"S{n}") for n in range(1, 5001)]
    client.force_login(world["merchant_a"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            LIST_URL, {"file": SimpleUploadedFile("big.csv", csv_bytes(rows)), "mode": "import"}
        )
    assert len(callbacks) == 1  # enqueued after the commit, not run in the request
    job = ImportJob.objects.get()
    assert response["Location"].endswith(f"/{job.pk}/")
    assert job.status == ImportJob.Status.QUEUED
    assert job.total_rows == 5000
    page = client.get(response["Location"]).content.decode()
    assert 'id="job_progress"' in page
    assert "shop/imports/job-progress.js" in page
    assert client.get(f"{LIST_URL}{job.pk}/progress/").json()["percent"] == 0
    [queued] = _enqueued(run_import_job)
    assert queued.args == [job.pk]

    seen = []
    original = services._progress

    def spy(job_id):
        report = original(job_id)

        def record(count):
            report(count)
            seen.append(ImportJob.objects.get(pk=job_id).percent)

        return record

    services._progress = spy
    try:
        with CaptureQueriesContext(connection) as queries:
            with django_capture_on_commit_callbacks(execute=True):
                queued.task.call(*queued.args)
    finally:
        services._progress = original
    job.refresh_from_db()
    assert (job.status, job.written, job.failure) == (ImportJob.Status.DONE, True, "")
    assert (job.processed_rows, job.total_rows, job.created_count) == (5000, 5000, 5000)
    assert seen[:3] == [10, 20, 30]
    assert seen[-1] == 99
    assert StockRecord.objects.filter(partner=world["partner_a"]).count() == 5000
    assert FilingStatusChange.objects.count() == 5000
    # bulk operations, not queries per row (SQLite's 999-parameter limit sets the batch size)
    assert len(queries) < len(rows) / 8, len(queries)
    assert sum(1 for q in queries.captured_queries if q["sql"].startswith("SELECT")) < 50
    progress = client.get(f"{LIST_URL}{job.pk}/progress/").json()
    assert progress["percent"] == 100
    assert progress["finished"] is True
    page = client.get(f"{LIST_URL}{job.pk}/").content.decode()
    assert 'id="job_progress"' not in page
    assert 'id="job_outcome"' in page
    # the search index follows in its own task
    [index] = _enqueued(index_imported_products)
    assert len(index.args[0]) == 5000


def test_imported_goods_are_indexed_for_search(world, django_capture_on_commit_callbacks):
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run(world, csv_bytes([row("S1", title_ru="Крем Ханбит")]), mode="import")
    [index] = _enqueued(index_imported_products)
    index.task.call(*index.args)
    product = StockRecord.objects.get(partner_sku="S1").product
    product.refresh_from_db()
    assert "крем ханбит" in product.search_text


def test_a_stock_and_price_file_leaves_the_goods_as_they_are(world):
    run(world, csv_bytes([row("S1")]), mode="import")
    product = StockRecord.objects.get(partner_sku="S1").product
    before = Product.objects.filter(pk=product.pk).values().get()
    data = fileio.write_csv(
        [["sku", "warehouse", "price", "num_in_stock"], ["S1", "dalian-direct", "99.5", "3"]]
    )
    job = run(world, data, mode="import")
    assert (job.written, job.updated_count, job.errors) == (True, 1, [])
    record = StockRecord.objects.get(partner_sku="S1")
    assert (record.price, record.num_in_stock, record.warehouse.code) == (
        Decimal("99.50"),
        3,
        "dalian-direct",
    )
    assert Product.objects.filter(pk=product.pk).values().get() == before
    # a new SKU needs the goods' columns
    data = fileio.write_csv([["sku", "warehouse", "price", "num_in_stock"], ["S9", "x", "1", "1"]])
    assert error_cells(run(world, data)) == [
        (2, "product_class"),
        (2, "title_zh_hans"),
        (2, "warehouse"),
    ]


def test_row_errors_are_shown_in_the_language_of_the_page(world, client):
    with translation.override("ko"):
        job = run(world, csv_bytes([row("S1", gross_weight_kg="0.01")]))
    msgid = "The gross weight cannot be below the net weight."
    with translation.override("ko"):
        korean = gettext(msgid)
    with translation.override("zh-hans"):
        chinese = gettext(msgid)
    assert korean != chinese  # the filing workflow's message, translated in both
    assert [e["message"] for e in job.errors] == [korean]  # as the merchant uploaded it
    client.force_login(world["merchant_a"])
    page = client.get(f"/zh-hans/dashboard/imports/{job.pk}/").content.decode()
    assert chinese in page
    assert korean not in page


def test_staff_choose_the_merchant_on_the_upload_page(world, client):
    client.force_login(zone_staff())
    upload = SimpleUploadedFile("p.csv", csv_bytes([row("S1")]))
    response = client.post(LIST_URL, {"file": upload, "mode": "import"})
    assert response.status_code == 400
    with translation.override("en"):
        assert gettext("Choose the merchant whose products these are.") in response.content.decode()
    upload = SimpleUploadedFile("p.csv", csv_bytes([row("S1")]))
    partner = world["partner_b"]
    client.post(LIST_URL, {"file": upload, "mode": "import", "partner": partner.pk})
    assert StockRecord.objects.get(partner_sku="S1").partner == partner
