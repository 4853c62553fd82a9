"""Staff edit a product's five languages and customs fields in Oscar's dashboard (issue #3)."""

import pytest
from oscar.core.loading import get_model

from shop.demo.services import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Product = get_model("catalogue", "Product")


def test_staff_edits_translations_in_the_dashboard(live_server, browser, screenshot):
    demo_load(images=False, password_for=lambda role: f"demo-{role}-2026")
    product = Product.objects.order_by("pk").first()
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/zh-hans/accounts/login/")
        page.fill("#id_login-username", "staff@shop.example.com")
        page.fill("#id_login-password", "demo-staff-2026")
        page.click("button[name=login_submit]")
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/zh-hans/dashboard/catalogue/products/{product.pk}/")
        assert page.locator("#id_title_ko").input_value() == product.title_ko
        page.fill("#id_title_ru", "Новое название для проверки")
        screenshot(page, "dashboard-product-zh-hans")
        page.locator("button[name=action][value=save]").click()
        page.wait_for_load_state()
    finally:
        page.close()
    product.refresh_from_db()
    assert product.title_ru == "Новое название для проверки"
