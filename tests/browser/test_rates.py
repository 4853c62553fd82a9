"""Staff keep the reference rates in the dashboard (issue #11): import a CSV with a bad row
(nothing imported, the row named), then the corrected file, and see what shoppers see today."""

import pytest

from shop.rates.models import ReferenceRate
from tests.factories.users import STAFF_PASSWORD, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_import_rates_from_a_csv_file(live_server, browser, screenshot, tmp_path):
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    bad = tmp_path / "bad.csv"
    bad.write_text(f"date,currency,rate\n{today},KRW,190.25\n{today},JPY,21,04\n")
    good = tmp_path / "good.csv"
    good.write_text(f"date,currency,rate\n{today},KRW,190.25\n{today},JPY,21.04\n")
    staff = staff_user()
    page = browser.new_page(locale="ko-KR", viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/ko/accounts/login/")
        page.fill("#id_login-username", staff.email)
        page.fill("#id_login-password", STAFF_PASSWORD)
        page.click("button[name=login_submit]")
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/ko/dashboard/rates/")
        page.click("#import_rates")
        page.set_input_files("input[name=file]", str(bad))
        page.click("#rate_import_form button[type=submit]")
        page.wait_for_load_state()
        assert page.locator(".import-error[data-row='3']").count() == 1
        screenshot(page, "rates-import-errors-ko")
        assert ReferenceRate.objects.count() == 0
        page.set_input_files("input[name=file]", str(good))
        page.click("#rate_import_form button[type=submit]")
        page.wait_for_load_state()
        assert page.url.endswith("/ko/dashboard/rates/")
        assert page.locator(".rate-status[data-currency='KRW'][data-state='current']").count() == 1
        assert page.locator(".rate-status[data-currency='RUB'][data-state='missing']").count() == 1
        screenshot(page, "rates-list-ko")
        page.goto(f"{live_server.url}/ko/dashboard/rates/add/")
        screenshot(page, "rates-add-ko")
    finally:
        page.close()
    assert ReferenceRate.objects.count() == 2


@pytest.mark.parametrize(
    ("language", "locale", "currency"),
    [("ko", "ko-KR", "KRW"), ("ja", "ja-JP", "JPY"), ("ru", "ru-RU", "RUB")],
)
def test_shoppers_see_the_reference_price_on_the_product_page(
    live_server, browser, screenshot, language, locale, currency
):
    from decimal import Decimal

    from django.utils import timezone

    from tests.browser.cms_fixtures import locales
    from tests.factories.orders import stocked_product

    locales()  # Wagtail's locales: a transactional test flushes them

    rates = {"KRW": Decimal("190.25"), "JPY": Decimal("21.04"), "RUB": Decimal("12.505")}
    ReferenceRate.objects.create(
        currency=currency, rate_date=timezone.localdate(), rate=rates[currency]
    )
    product = stocked_product(price="99.00")
    page = browser.new_page(locale=locale, viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{live_server.url}/{language}/catalogue/{product.slug}_{product.pk}/")
        reference = page.locator(f".reference-price[data-currency='{currency}']").first
        assert reference.is_visible()
        assert "≈" in reference.inner_text()
        screenshot(page, f"rates-product-{language}")
        page.goto(f"{live_server.url}/{language}/catalogue/")
        assert page.locator(f".reference-price[data-currency='{currency}']").count() >= 1
        screenshot(page, f"rates-listing-{language}")
        page.goto(f"{live_server.url}/zh-hans/catalogue/{product.slug}_{product.pk}/")
        assert page.locator(".reference-price").count() == 0
    finally:
        page.close()
