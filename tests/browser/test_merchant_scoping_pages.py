"""A merchant's and zone staff's view of an order two merchants share (issue #12), in a
browser, with screenshots."""

import pytest

from tests.factories.merchants import shared_order, zone_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, user, password):
    page.goto(f"{base}/zh-hans/accounts/login/")
    page.fill("#id_login-username", user.email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def test_merchant_and_staff_order_pages(live_server, browser, screenshot):
    shared = shared_order()
    line_b = shared.lines_b.get()
    staff = zone_staff()
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        _login(page, live_server.url, shared.merchant_a, "pw-m-1")
        page.goto(f"{live_server.url}/zh-hans/dashboard/orders/")
        assert page.locator(".merchant-total").inner_text().replace(",", "").endswith("240.00")
        screenshot(page, "merchant-order-list-zh-hans")
        page.goto(f"{live_server.url}/zh-hans/dashboard/orders/{shared.order.number}/")
        text = page.locator("body").inner_text()
        assert line_b.partner_sku not in text
        assert "139****0001" in text
        assert page.locator("#order_actions").is_visible()
        screenshot(page, "merchant-order-detail-zh-hans")
        page.click("a[href='#shipping']")
        page.locator("#consignee_address").wait_for(state="visible")
        page.wait_for_selector("#shipping.show")
        assert "1000 号" not in page.locator("#consignee_address").inner_text()
        screenshot(page, "merchant-order-shipping-zh-hans")
        page.goto(f"{live_server.url}/zh-hans/dashboard/")
        screenshot(page, "merchant-dashboard-index-zh-hans")
        page.context.clear_cookies()
        _login(page, live_server.url, staff, "pw-s-1")
        page.goto(f"{live_server.url}/zh-hans/dashboard/orders/{shared.order.number}/")
        assert line_b.partner_sku in page.locator("body").inner_text()
        screenshot(page, "staff-order-detail-zh-hans")
    finally:
        page.close()
