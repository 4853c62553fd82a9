"""Customs as people see it (issue #5): staff follow declarations and messages in the dashboard;
the shopper sees each declaration's customs status on the order page."""

from pathlib import Path

import pytest

from shop.customs.models import Declaration
from shop.customs.receipts import receipts_receive
from tests.factories.customs import inventory_receipt
from tests.factories.orders import paid_orders_in_both_trade_modes, shopper
from tests.factories.users import SHOPPER_PASSWORD, STAFF_PASSWORD, staff_user
from tests.integration.test_customs_pipeline import deliver_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def receipt(declaration, status, info, invt_no=""):
    return inventory_receipt(declaration, status, info, invt_no=invt_no)


@pytest.fixture
def customs_story(settings):
    orders = paid_orders_in_both_trade_modes(user=shopper())
    deliver_all()
    inbox = Path(settings.CUSTOMS_EXCHANGE_DIR) / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    split = max(orders, key=lambda o: o.declarations.count())
    first, second = split.declarations.all()[:2]
    (inbox / "1.xml").write_bytes(receipt(first, "120", "海关入库", "09082026I000000001"))
    (inbox / "2.xml").write_bytes(receipt(first, "800", "放行", "09082026I000000001"))
    (inbox / "3.xml").write_bytes(receipt(second, "-301010", "订购人年度购买额度超限"))
    receipts_receive()
    return split


@pytest.fixture
def staff():
    return staff_user()


def login(page, base, email, password):
    page.goto(f"{base}/zh-hans/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def test_staff_follow_declarations_in_the_dashboard(
    live_server, browser, screenshot, customs_story, staff
):
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        login(page, live_server.url, staff.email, STAFF_PASSWORD)
        page.goto(f"{live_server.url}/zh-hans/dashboard/customs/")
        assert page.locator("#declaration_table tbody tr").count() == Declaration.objects.count()
        assert "海关已放行" in page.inner_text("#declaration_table")
        screenshot(page, "customs-dashboard-list-zh-hans")
        released = customs_story.declarations.get(status="released")
        page.goto(f"{live_server.url}/ru/dashboard/customs/{released.pk}/")
        timeline = page.inner_text("#declaration_timeline")
        assert "Выпущено таможней" in timeline
        assert "800" in timeline
        screenshot(page, "customs-dashboard-declaration-ru")
        page.click("#declaration_messages a >> nth=3")
        page.wait_for_load_state()
        xml = page.inner_text("#message_xml")
        assert "InventoryHead" in xml
        assert released.orderer_id_number not in xml
        screenshot(page, "customs-dashboard-message-ru")
    finally:
        page.close()


def test_shopper_sees_released_and_refused_in_their_language(
    live_server, browser, screenshot, customs_story
):
    page = browser.new_page(locale="ko-KR", viewport={"width": 1280, "height": 900})
    try:
        login(page, live_server.url, customs_story.user.email, SHOPPER_PASSWORD)
        page.goto(f"{live_server.url}/ko/accounts/orders/{customs_story.number}/")
        text = page.inner_text("#customs_declarations")
        assert "중국 세관 통관 완료" in text
        assert "중국 세관이 밝힌 사유: 订购人年度购买额度超限" in text
        screenshot(page, "customs-order-status-ko")
    finally:
        page.close()
