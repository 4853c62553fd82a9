"""Product filings as people use them (issue #12): a merchant files and submits in Chinese, zone
staff reject without a reason (refused), then approve in Korean; another merchant reuses the
approved filing for its own stock record (一次备案、多主体共享); both products become buyable
from the bonded warehouse."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_class

from shop.customs.models import FilingRecord
from tests.factories.catalogue import PartnerFactory
from tests.factories.orders import stocked_product
from tests.factories.users import MERCHANT_PASSWORD, STAFF_PASSWORD, merchant_user, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIELDS = {
    "#id_customs_name": "保湿面霜",
    "#id_hs_code": "3304990099",
    "#id_spec_model": "Hanbit 50ml/瓶",
    "#id_brand": "Hanbit",
    "#id_barcode": "8801234567890",
    "#id_qty1_per_unit": "0.05",
    "#id_net_weight_kg": "0.05",
    "#id_gross_weight_kg": "0.08",
}


def buyable(product):
    product = type(product).objects.get(pk=product.pk)
    strategy = get_class("partner.strategy", "Selector")().strategy()
    return strategy.fetch_for_product(product).availability.is_available_to_buy


def login(browser, base, user, password, *, language, locale):
    page = browser.new_page(locale=locale, viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("#id_login-username", user.email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()
    return page


def test_file_review_and_reuse(live_server, browser, screenshot):
    base = live_server.url
    hanbit, taiga = PartnerFactory(name="Hanbit Cosmetics"), PartnerFactory(name="Taiga Trading")
    product_a = stocked_product(partner=hanbit, status="draft", spec_model="旧规格")
    product_b = stocked_product(partner=taiga, status="draft", spec_model="旧规格 B")
    sku_a = product_a.stockrecords.get()
    sku_b = product_b.stockrecords.get()
    merchant_a, merchant_b = merchant_user(hanbit), merchant_user(taiga)
    staff = staff_user()
    assert not buyable(product_a)

    # merchant A files the goods in Chinese and submits
    page = login(browser, base, merchant_a, MERCHANT_PASSWORD, language="zh-hans", locale="zh-CN")
    try:
        page.goto(f"{base}/zh-hans/dashboard/customs/filings/")
        page.click("#new_filing")
        for selector, value in FIELDS.items():
            page.fill(selector, value)
        page.select_option("#id_origin_country", "133")
        page.select_option("#id_unit", "142")
        page.select_option("#id_unit1", "035")
        page.select_option("#id_stockrecord", str(sku_a.pk))
        page.fill("#id_gross_weight_kg", "0.01")  # below the net weight: refused
        page.click("#filing_form button[type=submit]")
        with translation.override("zh-hans"):
            error = gettext("The gross weight cannot be below the net weight.")
        assert error in page.inner_text("#filing_form")
        screenshot(page, "filing-form-error-zh-hans")
        page.fill("#id_gross_weight_kg", "0.08")
        page.click("#filing_form button[type=submit]")
        page.click("#submit_form button")
        page.wait_for_load_state()
        with translation.override("zh-hans"):
            assert str(FilingRecord.Status.SUBMITTED.label) in page.inner_text("#filing_status")
        assert page.locator("#edit_filing").count() == 0
        screenshot(page, "filing-submitted-zh-hans")
    finally:
        page.close()
    filing = FilingRecord.objects.get(barcode=FIELDS["#id_barcode"])
    assert filing.status == FilingRecord.Status.SUBMITTED
    assert not buyable(product_a)

    # zone staff review in Korean: a rejection needs a reason; then approve
    page = login(browser, base, staff, STAFF_PASSWORD, language="ko", locale="ko-KR")
    try:
        page.goto(f"{base}/ko/dashboard/customs/filings/queue/")
        assert filing.reference in page.inner_text("#filing_queue")
        screenshot(page, "filing-queue-ko")
        page.click(f"#filing_queue a:has-text('{filing.reference}')")
        page.fill("#reject_form textarea", "   ")  # blank: the browser lets it through
        page.click("#reject_form button")
        with translation.override("ko"):
            assert gettext("Give the reason for the rejection.") in page.inner_text("body")
        page.click("#approve_form button")
        page.wait_for_load_state()
        page.goto(f"{base}/ko/dashboard/customs/filings/{filing.pk}/")
        assert page.locator("#filing_history tbody tr").count() == 3
        screenshot(page, "filing-approved-ko")
    finally:
        page.close()
    filing.refresh_from_db()
    assert filing.status == FilingRecord.Status.APPROVED
    assert buyable(product_a)

    # merchant B sells the same goods: finds the approved filing and uses it
    page = login(browser, base, merchant_b, MERCHANT_PASSWORD, language="ko", locale="ko-KR")
    try:
        page.goto(f"{base}/ko/dashboard/customs/filings/reuse/")
        page.fill("#id_q", FIELDS["#id_barcode"])
        page.click("#filing_search button")
        page.click(f"#filing_results a:has-text('{filing.reference}')")
        assert page.locator("#filing_history").count() == 0  # not B's history
        assert "Hanbit" not in page.inner_text("#attach_form")  # only B's stock records
        page.select_option("#id_stockrecord", str(sku_b.pk))
        page.click("#attach_form button")
        page.wait_for_load_state()
        screenshot(page, "filing-reused-ko")
        with translation.override("ko"):
            page.goto(f"{base}{product_b.get_absolute_url()}")
        assert page.locator("#add_to_basket_form").count() == 1
    finally:
        page.close()
    assert FilingRecord.objects.filter(barcode=FIELDS["#id_barcode"]).count() == 1
    sku_b.refresh_from_db()
    assert sku_b.filing_record == filing
    assert buyable(product_b)
