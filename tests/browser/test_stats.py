"""Screenshots of the statistics page in Chinese and Russian and of the pipeline health page
(issue #17), with the data set of the integration tests."""

import pytest

from tests.factories.merchants import zone_staff
from tests.integration.test_stats import RANGE, world  # noqa: F401 - the data set fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, language, user):
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("#id_login-username", user.email)
    page.fill("#id_login-password", "pw-s-1")
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


@pytest.mark.usefixtures("world")
def test_statistics_and_health_pages(live_server, browser, screenshot):
    staff = zone_staff()
    query = f"date_from={RANGE['date_from']}&date_to={RANGE['date_to']}"
    for language, locale in (("zh-hans", "zh-CN"), ("ru", "ru-RU")):
        page = browser.new_page(locale=locale, viewport={"width": 1280, "height": 900})
        try:
            _login(page, live_server.url, language, staff)
            page.goto(f"{live_server.url}/{language}/dashboard/statistics/?{query}")
            assert page.locator("svg.stats-chart").count() >= 4
            # the kiosk order's store is named in the store chart and its table
            assert page.locator("svg.stats-chart text", has_text="珲春体验店").count() == 1
            screenshot(page, f"stats-{language}")
            if language == "zh-hans":
                page.goto(f"{live_server.url}/{language}/dashboard/statistics/health/")
                assert page.locator("table.stats-health tbody tr").count() == 11
                screenshot(page, "stats-health-zh-hans")
        finally:
            page.close()
