"""A merchant translates a product in the dashboard's language tabs and finds the products still
missing a language on the product list (issue #12). Screenshots in zh-hans and ko."""

import pytest
from oscar.core.loading import get_model

from tests.factories.catalogue import CategoryFactory, PartnerFactory
from tests.factories.merchants import merchant_user
from tests.factories.orders import stocked_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
MERCHANT_PASSWORD = "pw-m-1"  # tests/factories/merchants.py


def product(partner, **texts):
    item = stocked_product(partner=partner)
    ProductCategory.objects.create(product=item, category=CategoryFactory(name="面膜"))
    Product.objects.filter(pk=item.pk).update(**texts)
    item.refresh_from_db()
    return item


@pytest.fixture
def catalogue():
    partner = PartnerFactory(name="Mediheal Korea")
    empty = {
        f"{field}_{code}": ""
        for field in ("title", "description")
        for code in ("ko", "ja", "ru", "en")
    }
    return {
        "merchant": merchant_user(partner),
        "mask": product(
            partner,
            **{
                **empty,
                "title": "美迪惠尔 水库补水面膜 10片",
                "title_zh_hans": "美迪惠尔 水库补水面膜 10片",
                "description_zh_hans": "<p>补水保湿，10片装。</p>",
                "title_ko": "메디힐 아쿠아링 앰플 마스크 10매",
            },
        ),
        "cream": product(
            partner,
            **{
                **empty,
                "title": "雪花秀 滋阴乳液",
                "title_zh_hans": "雪花秀 滋阴乳液",
                "description_zh_hans": "<p>滋润乳液。</p>",
                "title_ko": "설화수 자음유액",
                "description_ko": "<p>보습 유액</p>",
                "title_ru": "Эмульсия Sulwhasoo",
                "description_ru": "<p>Увлажняющая эмульсия</p>",
            },
        ),
    }


def login(page, base, language, user):
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("#id_login-username", user.email)
    page.fill("#id_login-password", MERCHANT_PASSWORD)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def test_merchant_translates_in_tabs_and_filters_missing_languages(
    live_server, browser, screenshot, catalogue
):
    # one test for both languages: one live server and database set-up
    for language, locale in (("zh-hans", "zh-CN"), ("ko", "ko-KR")):
        Product.objects.filter(pk=catalogue["mask"].pk).update(title_ru="", meta_title_ru="")
        translate_and_filter(live_server, browser, screenshot, catalogue, language, locale)


def translate_and_filter(live_server, browser, screenshot, catalogue, language, locale):
    mask, cream = catalogue["mask"], catalogue["cream"]
    page = browser.new_page(locale=locale, viewport={"width": 1366, "height": 900})
    try:
        login(page, live_server.url, language, catalogue["merchant"])
        page.goto(f"{live_server.url}/{language}/dashboard/catalogue/products/{mask.pk}/")
        tabs = page.locator("#product_language_tabs .nav-link")
        assert tabs.count() == 5
        assert [text.split()[0] for text in tabs.all_inner_texts()] == [
            "简体中文",
            "한국어",
            "日本語",
            "Русский",
            "English",
        ]
        # the source tab is open; the others are one click away
        assert page.locator("#id_title_zh_hans").is_visible()
        assert not page.locator("#id_title_ru").is_visible()
        page.click("#language_tab_ko")
        assert page.locator("#id_title_ko").input_value() == "메디힐 아쿠아링 앰플 마스크 10매"
        page.click("#language_tab_ru")
        page.fill("#id_title_ru", "Маска Mediheal Aquaring, 10 шт.")
        page.fill("#id_meta_title_ru", "Маска Mediheal")
        # the tab's badge follows the typing (title filled, description empty)
        ru_badge = page.locator('[data-completeness-badge="ru"]')
        assert ru_badge.get_attribute("data-percent") == "50"
        assert "50" in ru_badge.inner_text()
        assert "badge-warning" in ru_badge.get_attribute("class")
        screenshot(page, f"dashboard-product-translations-{language}")

        # the Chinese title emptied while another tab is shown: saving opens its tab, the
        # browser points at the field (shop/dashboard-tabs.js) and nothing is sent
        page.click("#language_tab_zh_hans")
        page.fill("#id_title_zh_hans", "")
        page.click("#language_tab_ru")
        page.locator("button[name=action][value=continue]").click()
        zh_tab = page.locator("#language_tab_zh_hans")
        assert zh_tab.get_attribute("aria-selected") == "true"
        assert page.locator("#id_title_zh_hans").is_visible()
        assert "text-danger" in zh_tab.get_attribute("class")

        # the server's errors mark and open their tab too (here: without the browser's check)
        page.locator("#id_title_zh_hans").evaluate("field => field.removeAttribute('required')")
        page.click("#language_tab_ru")
        page.locator("button[name=action][value=continue]").click()
        page.wait_for_load_state()
        assert page.locator("#language_tab_zh_hans[data-has-errors=true]").count() == 1
        assert page.locator("#id_title_zh_hans").is_visible()
        assert page.locator("#language_zh_hans .error-block").count() == 1
        screenshot(page, f"dashboard-product-translations-error-{language}")

        page.fill("#id_title_zh_hans", "美迪惠尔 水库补水面膜 10片")
        page.locator("button[name=action][value=save]").click()
        page.wait_for_load_state()
        mask.refresh_from_db()
        assert mask.title_ru == "Маска Mediheal Aquaring, 10 шт."
        assert mask.meta_title_ru == "Маска Mediheal"
        assert mask.title_ko == "메디힐 아쿠아링 앰플 마스크 10매"  # kept

        # the list: a badge per language; "missing Russian" leaves the mask (no description)
        page.goto(f"{live_server.url}/{language}/dashboard/catalogue/")
        row = page.locator(f'tr:has(a[href*="/catalogue/products/{cream.pk}/"])').first
        assert row.locator('[data-language="ru"]').get_attribute("data-percent") == "100"
        screenshot(page, f"dashboard-product-list-translations-{language}")
        page.select_option("select[name=missing]", "ru")
        page.locator("#search_product_form button[type=submit]").click()
        page.wait_for_load_state()
        listed = page.locator("table tbody tr")
        assert listed.count() == 1
        assert listed.first.locator('[data-language="ru"]').get_attribute("data-percent") == "50"
        assert page.locator(f'a[href*="/catalogue/products/{cream.pk}/"]').count() == 0
        assert page.locator(f'a[href*="/catalogue/products/{mask.pk}/"]').count() >= 1
        screenshot(page, f"dashboard-product-list-missing-ru-{language}")
    finally:
        page.close()
