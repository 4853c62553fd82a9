"""A shopper's tour in each language: home, category, product, search, basket (issue #3).

Screenshots land in test-artifacts/screenshots/ — look at them after a change to the pages.
"""

import re

import pytest
from django.utils import translation

from shop.core.formatting import format_money
from tests.factories.catalogue import SHEET_MASK, small_catalogue
from tests.factories.cms import home_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BROWSER_LOCALE = {"zh-hans": "zh-CN", "ko": "ko-KR", "ja": "ja-JP", "ru": "ru-RU", "en": "en-US"}
# What a shopper would type: the spec's examples for zh and ko, a word of the title otherwise.
SEARCH_TERM = {"zh-hans": "面膜", "ko": "마스크"}


def _term(language, titles):
    if language in SEARCH_TERM:
        return SEARCH_TERM[language]
    words = [w for w in titles[language].split() if len(w) >= 4 and not w.isdigit()]
    return max(words, key=len) if words else titles[language]


@pytest.mark.parametrize("language", list(BROWSER_LOCALE))
def test_shopper_tour(language, live_server, browser, screenshot):
    # a small catalogue with pictures, so the screenshots show a populated storefront
    catalogue = small_catalogue(images=True)
    # the home page is a Wagtail page (issue #11): featured products as staff would put them
    featured = {"heading": "精选", "source": "chosen", "products": [catalogue.sheet_mask]}
    home_page(body=[("product_list", featured)])
    title = SHEET_MASK[language]
    with translation.override(language):
        price = format_money(catalogue.sheet_mask.stockrecords.get().price)
        category_url = catalogue.face_masks.get_absolute_url()

    context = browser.new_context(
        locale=BROWSER_LOCALE[language], viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        # Home: "/" follows the browser's Accept-Language to the right prefix
        page.goto(live_server.url + "/")
        assert page.url.startswith(f"{live_server.url}/{language}/")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator(".product_pod").count() > 0
        screenshot(page, f"{language}-1-home")

        # Category page lists the mask with its translated title and formatted price
        page.goto(live_server.url + category_url)
        card = page.locator(".product_pod", has_text=title)
        assert card.count() == 1
        assert price in card.inner_text()
        screenshot(page, f"{language}-2-category")

        # Product page
        card.locator(".product-title a").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().strip() == title
        assert price in page.locator(".product_main").inner_text()
        screenshot(page, f"{language}-3-product")

        # Add to basket, then the basket shows the line
        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/{language}/basket/")
        basket = page.locator("#content_inner").inner_text()
        assert title in basket
        assert price in basket
        screenshot(page, f"{language}-5-basket")

        # Search box in the header
        term = _term(language, SHEET_MASK)
        page.locator("header input[name=q]").fill(term)
        page.locator("header input[name=q]").press("Enter")
        page.wait_for_load_state()
        assert re.search(rf"/{language}/search/\?q=", page.url)
        assert page.locator(".product_pod", has_text=title).count() == 1
        screenshot(page, f"{language}-4-search")

        # The language switcher keeps the search
        other = "en" if language != "en" else "ko"
        page.locator("#languageMenu").click()
        page.locator(f"#language_switcher a[data-language={other}]").click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{live_server.url}/{other}/search/?q=")
        assert page.locator(".product_pod", has_text=SHEET_MASK[other]).count() == 1
    finally:
        context.close()
