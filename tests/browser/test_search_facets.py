"""The search page with its facet sidebar and the search box's autocomplete, in Chinese and
Japanese, on a desktop and a 360 px phone (issue #13). Screenshots in test-artifacts/screenshots/.
"""

import pytest
from django.utils import translation

from shop.customs.codes import CountryCode
from tests.factories.catalogue import small_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BROWSER_LOCALE = {"zh-hans": "zh-CN", "ja": "ja-JP"}
QUERY = {"zh-hans": "美迪惠尔", "ja": "メディヒール"}
TYPED = {"zh-hans": "美迪", "ja": "めでぃ"}  # Japanese before kana-kanji conversion


@pytest.mark.parametrize("language", list(BROWSER_LOCALE))
def test_search_with_facets_and_autocomplete(language, live_server, browser, screenshot):
    shop = small_catalogue(images=True)
    with translation.override(language):
        search_url = live_server.url + f"/{language}/search/"
        korea = str(CountryCode.KOREA.label)
        sheet_mask_title = shop.sheet_mask.title
    context = browser.new_context(
        locale=BROWSER_LOCALE[language], viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(f"{search_url}?q={QUERY[language]}")
        assert page.locator(".product_pod").count() == 2
        origin = page.locator(".facet-origin")
        assert korea in origin.inner_text()
        # ticking a facet submits the form (search-filters.js) and shows a removable filter
        page.locator(".facet-brand input[type=checkbox]").first.check()
        page.wait_for_url("**brand=*")
        assert page.locator(".active-filter").count() == 1
        assert page.locator(".product_pod").count() == 2
        screenshot(page, f"search-facets-{language}")

        # autocomplete while typing, as an IME would deliver it (compositionend)
        box = page.locator("#id_q")
        box.fill("")
        box.type(TYPED[language])
        box.dispatch_event("compositionend")
        entries = page.locator("#site-search-suggestions [role=option]")
        entries.first.wait_for()
        with translation.override(language):
            assert sheet_mask_title_in(entries.all_inner_texts(), shop, language)
        screenshot(page, f"search-autocomplete-{language}")
        box.press("ArrowDown")
        box.press("Enter")
        page.wait_for_url("**/catalogue/**")
        assert page.locator("h1").inner_text() in {
            sheet_mask_title,
            shop.tea_tree_mask.title_ja if language == "ja" else shop.tea_tree_mask.title,
        }

        # a 360 px phone: the filters fold behind one button, nothing overflows sideways
        phone = browser.new_context(
            locale=BROWSER_LOCALE[language], viewport={"width": 360, "height": 740}
        )
        mobile = phone.new_page()
        mobile.goto(f"{search_url}?q={QUERY[language]}&origin={CountryCode.KOREA}")
        assert not mobile.locator("#listing-filters").is_visible()
        toggle = mobile.locator(".listing-filters > button")
        assert _filters_label(language) in toggle.inner_text()
        toggle.click()
        mobile.locator("#listing-filters").wait_for(state="visible")
        width = mobile.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, width
        screenshot(mobile, f"search-facets-{language}-360")
        phone.close()
    finally:
        context.close()


def sheet_mask_title_in(texts, shop, language):
    titles = {getattr(shop.sheet_mask, f"title_{language.replace('-', '_')}")}
    return titles <= set(texts)


def _filters_label(language):
    from django.utils.translation import gettext

    with translation.override(language):
        return gettext("Filters")
