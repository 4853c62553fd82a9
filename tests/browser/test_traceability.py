"""源头可溯、去向可查 (issue #12): a shopper reads "Where it comes from" on the product page, then
types the batch code from the package into the public look-up, in Chinese and in Korean."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.factories.catalogue import PartnerFactory
from tests.factories.orders import stocked_product
from tests.factories.traceability import authorisation, batch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"zh-hans": "zh-CN", "ko": "ko-KR"}


@pytest.mark.parametrize("language", list(LOCALES))
def test_shopper_traces_a_batch(language, live_server, browser, screenshot):
    from django.core.cache import cache

    cache.clear()
    partner = PartnerFactory(name="Hanbit Trading")
    product = stocked_product(
        partner=partner, titles={"zh-hans": "积雪草修护面膜 10片", "ko": "시카 리페어 마스크 10매"}
    )
    product.__class__.objects.filter(pk=product.pk).update(brand="Mediheal")
    stockrecord = product.stockrecords.get()
    authorisation(partner, brand="MEDIHEAL")
    batch(stockrecord, "MH2611A", produced_days_ago=40, shelf_life=1095)
    batch(stockrecord, "MH2505C", produced_days_ago=600, shelf_life=540)  # expired
    with translation.override(language):
        product_url = product.get_absolute_url()
        unknown_text = gettext(
            "No batch with the code %(code)s is known. Check the code on the package and try "
            "again; if it is right, contact our customer service."
        ) % {"code": "ZZ999"}
    page = browser.new_page(locale=LOCALES[language], viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}{product_url}")
        section = page.locator("#product_trace")
        section.scroll_into_view_if_needed()
        assert section.locator(".trace-batch").count() == 2
        assert section.locator("#trace_brand_status[data-state='authorised']").count() == 1
        section.screenshot(path=str(_path(f"trace-product-{language}")))
        screenshot(page, f"trace-product-page-{language}")
        page.click("#trace_lookup_link")
        page.fill("#id_code", "mh 2611a")
        page.click("#trace_lookup_form button[type=submit]")
        page.wait_for_load_state()
        assert page.url.endswith("/trace/MH2611A/")
        result = page.locator("#trace_result")
        assert result.locator(".trace-valid").count() == 1
        assert "CO-MH2611A" in result.locator(".trace-certificate").inner_text()
        assert result.locator("a.trace-product").get_attribute("href") == product_url
        screenshot(page, f"trace-lookup-result-{language}")
        page.fill("#id_code", "zz999")
        page.click("#trace_lookup_form button[type=submit]")
        page.wait_for_load_state()
        assert " ".join(page.locator("#trace_unknown").inner_text().split()) == unknown_text
        screenshot(page, f"trace-lookup-unknown-{language}")
    finally:
        page.close()


def _path(name):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"
