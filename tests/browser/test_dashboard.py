"""Staff edit a product's five languages and customs fields in Oscar's dashboard (issue #3)."""

import pytest

from tests.factories.catalogue import (
    FACE_MASKS,
    SHEET_MASK,
    CategoryFactory,
    ProductFactory,
    translated,
)
from tests.factories.users import STAFF_PASSWORD, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_edits_translations_in_the_dashboard(live_server, browser, screenshot):
    # Oscar's product form wants a category
    face_masks = CategoryFactory(**translated("name", FACE_MASKS))
    product = ProductFactory(in_categories=[face_masks], **translated("title", SHEET_MASK))
    staff = staff_user()
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/zh-hans/accounts/login/")
        page.fill("#id_login-username", staff.email)
        page.fill("#id_login-password", STAFF_PASSWORD)
        page.click("button[name=login_submit]")
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/zh-hans/dashboard/catalogue/products/{product.pk}/")
        assert page.locator("#id_title_ko").input_value() == SHEET_MASK["ko"]
        page.click("#language_tab_ru")  # one tab per language (issue #12)
        page.fill("#id_title_ru", "Новое название для проверки")
        screenshot(page, "dashboard-product-zh-hans")
        page.locator("button[name=action][value=save]").click()
        page.wait_for_load_state()
    finally:
        page.close()
    product.refresh_from_db()
    assert product.title_ru == "Новое название для проверки"
    assert product.title_ko == SHEET_MASK["ko"]  # the other languages are kept
