"""The shop's look in zh-hans, ko, ja and ru, on a desktop and on a 360 px phone (issue #11):
home, a category, a product page and the basket. Screenshots go to
test-artifacts/screenshots/look-*.png — look at them after changing templates or shop.css.

Checks what a person would notice: no sideways scrolling on the phone, the origin flag and
trade-mode badges on the card, the cross-border facts before the add-to-basket button, and text
drawn in the language's own CJK font (Chrome reports the fonts it really used for a node)."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from shop.demo.services import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

StockRecord = get_model("partner", "StockRecord")

BROWSER_LOCALE = {"zh-hans": "zh-CN", "ko": "ko-KR", "ja": "ja-JP", "ru": "ru-RU"}
WIDTHS = {"desktop": 1280, "phone": 360}
# Debian's fonts-noto-cjk: the face Chrome must pick for each language's CJK text
CJK_FAMILY = {"zh-hans": "Noto Sans CJK SC", "ko": "Noto Sans CJK KR", "ja": "Noto Sans CJK JP"}


@pytest.fixture
def wagtail_root_collection():
    """Wagtail's root collection comes from a migration; a transactional test before this one
    may have flushed it, and the demo's CMS images need it."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _fonts_used(page, selector):
    """Families Chrome rendered the text of ``selector`` with (DevTools CSS domain)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}


def _no_sideways_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, (page.url, scroll_width)


def test_look_of_home_listing_product_and_basket_in_four_languages(
    live_server, browser, screenshot, wagtail_root_collection
):
    demo_load(images=True, password_for=lambda role: f"demo-{role}-2026")
    # Kosé Sekkisei: a Japanese brand with an accent, kanji in every CJK title
    product = StockRecord.objects.select_related("product").get(partner_sku="JP-BEA-003").product
    base = live_server.url

    for language, browser_locale in BROWSER_LOCALE.items():
        with translation.override(language):
            product_url = product.get_absolute_url()
            category_url = product.get_categories().first().get_absolute_url()
            title = product.get_title()
        for device, width in WIDTHS.items():
            context = browser.new_context(
                locale=browser_locale, viewport={"width": width, "height": 900}
            )
            page = context.new_page()
            name = f"look-{language}-{device}"
            try:
                page.goto(f"{base}/{language}/")
                assert page.locator("html").get_attribute("lang") == language
                screenshot(page, f"{name}-1-home")
                _no_sideways_scroll(page, width)

                page.goto(base + category_url)
                card = page.locator(".product_pod", has_text=title)
                assert card.count() == 1
                assert card.locator(".origin-badge img.flag").is_visible()
                assert card.locator(".trade-badge.trade-1210").is_visible()
                assert card.locator(".price-with-tax").is_visible()
                screenshot(page, f"{name}-2-category")
                _no_sideways_scroll(page, width)

                page.goto(base + product_url)
                facts = page.locator("#product_facts").bounding_box()
                button = page.locator("#add_to_basket_form button[type=submit]").bounding_box()
                assert facts["y"] + facts["height"] <= button["y"]
                used = _fonts_used(page, ".product_main h1")
                if language in CJK_FAMILY:
                    assert CJK_FAMILY[language] in used, used
                    assert not (set(CJK_FAMILY.values()) - {CJK_FAMILY[language]}) & used, used
                else:
                    assert not any("CJK" in family for family in used), used
                # the filed goods name is Chinese on every page (lang="zh-hans")
                assert "Noto Sans CJK SC" in _fonts_used(page, ".product-customs td[lang]")
                screenshot(page, f"{name}-3-product")
                _no_sideways_scroll(page, width)

                page.locator("#add_to_basket_form button[type=submit]").click()
                page.wait_for_load_state()
                page.goto(f"{base}/{language}/basket/")
                assert title in page.locator("#content_inner").inner_text()
                screenshot(page, f"{name}-4-basket")
                _no_sideways_scroll(page, width)
            finally:
                context.close()
