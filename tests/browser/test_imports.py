"""Bulk import as a merchant uses it (issue #12): uploads an XLSX with an error in Chinese and
sees the row, fixes the file and imports in Korean, submits the draft filing the import made;
zone staff approve it; the goods can be put in the basket from the bonded warehouse."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from shop.customs.models import FilingRecord
from shop.imports import fileio
from shop.imports.models import ImportJob
from tests.browser.test_filing_workflow import buyable, login
from tests.factories.catalogue import PartnerFactory, WarehouseFactory
from tests.factories.users import MERCHANT_PASSWORD, STAFF_PASSWORD, merchant_user, staff_user
from tests.integration.test_imports import row, table

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(page, base, language, data, *, name="goods.xlsx"):
    page.goto(f"{base}/{language}/dashboard/imports/")
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": XLSX, "buffer": data}])
    page.click("#upload_form button[type=submit]")
    page.wait_for_load_state()


def test_import_fix_file_review_and_sell(live_server, browser, screenshot):
    base = live_server.url
    ProductClass.objects.get_or_create(
        slug="imported-goods", defaults={"name": "Imported goods", "track_stock": True}
    )
    WarehouseFactory()  # hunchun-bonded, 1210
    hanbit = PartnerFactory(name="Hanbit Cosmetics")
    merchant, staff = merchant_user(hanbit), staff_user()
    good = row("HB-1", description_ko="<p>촉촉한 <strong>보습</strong> 크림</p>")
    broken = [good, row("HB-2", price="12.345")]  # file row 3: three decimals
    fixed = [good, row("HB-2", price="12.35")]

    page = login(browser, base, merchant, MERCHANT_PASSWORD, language="zh-hans", locale="zh-CN")
    try:
        upload(page, base, "zh-hans", fileio.write_xlsx(table(broken)))
        errors = page.locator("#job_errors tbody tr")
        assert errors.count() == 1
        assert errors.first.get_attribute("data-row") == "3"
        assert errors.first.get_attribute("data-field") == "price"
        with translation.override("zh-hans"):
            assert gettext("A price has at most 2 decimals.") in errors.first.inner_text()
            assert gettext("Dry run: nothing was written.") in page.inner_text("#job_outcome")
        screenshot(page, "imports-dry-run-errors-zh-hans")
        assert not StockRecord.objects.exists()

        # the fixed file, now in Korean: a clean dry run, then import it
        upload(page, base, "ko", fileio.write_xlsx(table(fixed)))
        assert page.locator("#job_errors").count() == 0
        screenshot(page, "imports-dry-run-ko")
        page.click("#import_now")
        page.wait_for_load_state()
        job = ImportJob.objects.order_by("-pk").first()
        assert (job.mode, job.written, job.created_count) == ("import", True, 2)
        assert str(job.pk) in page.url
        screenshot(page, "imports-job-ko")
        assert page.locator("#filings_link").count() == 1
        page.goto(f"{base}/zh-hans/dashboard/imports/{job.pk}/")
        screenshot(page, "imports-job-zh-hans")
        page.goto(f"{base}/ko/dashboard/imports/")
        assert page.locator("#import_jobs tbody tr").count() == 3
        screenshot(page, "imports-list-ko")

        # the import made one draft filing per goods: submit them (filing workflow)
        drafts = FilingRecord.objects.filter(owner=hanbit, status="draft").order_by("pk")
        assert drafts.count() == 2
        for filing in drafts:
            page.goto(f"{base}/ko/dashboard/customs/filings/{filing.pk}/")
            page.click("#submit_form button")
            page.wait_for_load_state()
    finally:
        page.close()
    assert FilingRecord.objects.filter(owner=hanbit, status="submitted").count() == 2
    record = StockRecord.objects.get(partner=hanbit, partner_sku="HB-1")
    assert not buyable(record.product)

    page = login(browser, base, staff, STAFF_PASSWORD, language="ko", locale="ko-KR")
    try:
        for filing in FilingRecord.objects.filter(owner=hanbit).order_by("pk"):
            page.goto(f"{base}/ko/dashboard/customs/filings/{filing.pk}/")
            page.click("#approve_form button")
            page.wait_for_load_state()
    finally:
        page.close()
    assert FilingRecord.objects.filter(owner=hanbit, status="approved").count() == 2
    assert buyable(record.product)

    # a shopper's page: the goods are buyable from the bonded warehouse
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        with translation.override("ko"):
            url = record.product.get_absolute_url()
        page.goto(base + url)
        assert "촉촉한" in page.inner_text("body")
        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{base}/ko/basket/")
        assert record.product.title_ko in page.inner_text("body")
    finally:
        context.close()
