"""The storefront's Wagtail pages in the shoppers' languages (issue #11).

* The demo (``load_demo``): each page type in two languages or more — its translation is served
  under the language's prefix with the translated heading and content, five hreflang
  alternates, nothing from another host, no broken resource or script. Home and the Korea
  pavilion are screenshot in zh-hans, ko, ja and ru.
* A pavilion and a live-stream page (factories): products go into the basket without leaving
  the page, and the basket then holds them.
"""

import io
import json
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.templatetags.currency_filters import currency
from playwright.sync_api import expect
from wagtail.models import Locale

from cms.models import (
    BrandPage,
    ExhibitionPage,
    HomePage,
    LiveStreamPage,
    PavilionPage,
    StoreIndexPage,
    StorePage,
)
from shop.customs.codes import CountryCode
from tests.browser.cms_fixtures import (
    BROWSER_LOCALES,
    VIEWPORT,
    PageProblems,
    card_price,
    home_page,
    locales,
    root_collection,
)
from tests.factories.catalogue import ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("zh-hans", "ko", "ja", "ru", "en")
HREFLANGS = {translation.to_locale(code).replace("_", "-") for code in LANGUAGES}


@pytest.fixture
def demo():
    """The whole demo, CMS pages in five languages included, as ``manage.py load_demo`` makes
    it (its images too: the screenshots show them)."""
    root_collection()
    call_command("load_demo", "--no-orders", "--force", stdout=io.StringIO())


def _source(model, slug=None):
    """A demo page in the source language (zh-hans)."""
    pages = model.objects.live().filter(locale__language_code="zh-hans")
    return (pages.filter(slug=slug) if slug else pages.order_by("path")).get()


# (page, languages): every page type in two languages or more; home and a pavilion in the
# four languages whose screenshots are looked at.
VISITS = [
    (lambda: _source(HomePage), ("zh-hans", "ko", "ja", "ru")),
    (lambda: _source(PavilionPage, "korea"), ("zh-hans", "ko", "ja", "ru")),
    (lambda: _source(PavilionPage, "japan"), ("ja", "ko")),
    (lambda: _source(PavilionPage, "russia"), ("ru", "zh-hans")),
    (lambda: _source(StoreIndexPage), ("zh-hans", "ja")),
    (lambda: _source(StorePage, "changchun"), ("ko", "ru")),
    (lambda: _source(ExhibitionPage), ("zh-hans", "ko")),
    (lambda: _source(LiveStreamPage), ("ja", "ru")),
    (lambda: _source(BrandPage), ("ko", "ru")),
]


def _check_content(page, shown, language):
    """What each page type must show besides its heading, in ``language``."""
    if isinstance(shown, HomePage):
        # the pavilion cards carry the pavilions' titles in this language
        for pavilion in PavilionPage.objects.live().filter(locale=shown.locale):
            expect(
                page.locator(".cms-pavilion-card").filter(has_text=pavilion.title)
            ).to_have_count(1)
    elif isinstance(shown, PavilionPage):
        cards = page.locator(".cms-origin-products .product_pod")
        expect(cards.first).to_be_visible()
        # products of the pavilion's country only (the card marks its origin: origin-<code>)
        expect(cards.filter(has=page.locator(f".origin-{shown.origin_country}"))).to_have_count(
            cards.count()
        )
    elif isinstance(shown, StoreIndexPage):
        for store_page in StorePage.objects.live().filter(locale=shown.locale):
            expect(page.locator(".cms-store-card").filter(has_text=store_page.title)).to_have_count(
                1
            )
    elif isinstance(shown, StorePage):
        with translation.override(language):
            address = shown.store.address  # modeltranslation: the store's address in this language
        expect(page.locator(".cms-store-facts address")).to_have_text(address)
        expect(page.locator("a.cms-map-link")).to_have_attribute("href", shown.map_url())
    elif isinstance(shown, ExhibitionPage):
        expect(page.locator(".cms-event-facts")).to_contain_text(shown.venue)
        expect(page.locator(".cms-body .product_pod").first).to_be_visible()
    elif isinstance(shown, LiveStreamPage):
        pinned = page.locator(".cms-pinned .product_pod")
        expect(pinned).to_have_count(len(shown.pinned_products))
        if shown.status() != "ended":
            expect(page.locator("a.cms-watch")).to_have_attribute("href", shown.stream_url)
    elif isinstance(shown, BrandPage):
        cards = page.locator(".cms-brand-products .product_pod")
        expect(cards.first).to_be_visible()
        expect(cards.filter(has_text=shown.brand_name)).to_have_count(cards.count())


def _screenshot_name(page) -> str:
    kind = type(page).__name__.removesuffix("Page").lower()
    return "cms-home" if isinstance(page, HomePage) else f"cms-{kind}-{page.slug}"


def test_demo_pages_in_their_translations(demo, live_server, browser, screenshot):
    base = live_server.url
    locale = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
    # one browser per shopper language (its Accept-Language), reused for that language's pages
    browsers = {}
    try:
        for get_source, languages in VISITS:
            source = get_source()
            for language in languages:
                shown = (
                    source if language == "zh-hans" else source.get_translation(locale[language])
                )
                shown = shown.specific
                assert shown.live
                if language in ("ko", "ru"):  # Hangul or Cyrillic: really translated
                    assert shown.title != source.title
                url = shown.url
                assert url.startswith(f"/{language}/"), url

                if language not in browsers:
                    context = browser.new_context(
                        locale=BROWSER_LOCALES[language], viewport=VIEWPORT
                    )
                    browsers[language] = (context, PageProblems(context, base), context.new_page())
                _context, _problems, page = browsers[language]
                response = page.goto(base + url)
                assert response.status == 200, (url, response.status)
                assert urlsplit(page.url).path == url
                expect(page.locator("html")).to_have_attribute("lang", language)
                heading = shown.hero_title if isinstance(shown, HomePage) else shown.title
                expect(page.locator("h1")).to_have_text(heading)
                _check_content(page, shown, language)

                # five hreflang alternates; this language's and the source's are these pages
                alternates = {
                    link.get_attribute("hreflang"): urlsplit(link.get_attribute("href")).path
                    for link in page.locator("head link[rel=alternate][hreflang]").all()
                }
                assert HREFLANGS <= set(alternates), alternates
                assert alternates[translation.to_locale(language).replace("_", "-")] == url
                assert alternates["zh-Hans"] == source.url
                screenshot(page, f"{_screenshot_name(source)}-{language}")
    finally:
        for context, _problems, _page in browsers.values():
            context.close()
    for _context, problems, _page in browsers.values():
        problems.assert_none()


def _live_pages():
    """A Korea pavilion and a live-stream page pinning a Japanese product, zh-hans only (the
    Korean shopper gets them through the fallback, under /ko/)."""
    home = home_page()
    locales()
    korean = ProductFactory(
        title="韩国蜂蜜黄油杏仁 210g",
        title_ko="허니버터 아몬드 210g",
        origin_country=CountryCode.KOREA,
        brand="Murgerbon",
        stockrecords__price=Decimal("39.90"),
        stockrecords__num_in_stock=50,
    )
    japanese = ProductFactory(
        title="日本北海道白色恋人 12 枚",
        title_ko="홋카이도 시로이 코이비토 12개",
        origin_country=CountryCode.JAPAN,
        brand="Ishiya",
        stockrecords__price=Decimal("88.00"),
        stockrecords__num_in_stock=50,
    )
    pavilion = home.add_child(
        instance=PavilionPage(
            title="韩国馆", slug="korea", origin_country=CountryCode.KOREA, locale=home.locale
        )
    )
    pavilion.save_revision().publish()
    now = timezone.now()
    stream = home.add_child(
        instance=LiveStreamPage(
            title="保税仓直播：日本零食",
            slug="live-snacks",
            starts_at=now - timedelta(minutes=10),
            ends_at=now + timedelta(hours=1),
            stream_url="https://live.example.com/hunchun",
            pinned_products=json.dumps([{"type": "product", "value": japanese.pk}]),
            locale=home.locale,
        )
    )
    stream.save_revision().publish()
    return korean, japanese


def test_add_to_basket_from_a_pavilion_and_a_live_stream_without_leaving_the_page(
    live_server, browser, screenshot
):
    korean, japanese = _live_pages()
    base = live_server.url
    with translation.override("ko"):
        added = gettext("Added to your basket.")
    context = browser.new_context(locale=BROWSER_LOCALES["ko"], viewport=VIEWPORT)
    problems = PageProblems(context, base)
    page = context.new_page()
    try:
        for path, section, product, basket_total in [
            ("/ko/korea/", ".cms-origin-products", korean, Decimal("39.90")),
            ("/ko/live-snacks/", ".cms-pinned", japanese, Decimal("39.90") + Decimal("88.00")),
        ]:
            assert page.goto(base + path).status == 200
            cards = page.locator(f"{section} .product_pod")
            # the pavilion lists Korean goods only; the stream its one pinned product
            expect(cards).to_have_count(1)
            card = cards.filter(has_text=product.title_ko)
            expect(card.locator(".price_color")).to_contain_text(card_price(product, "ko"))
            page.evaluate("window.__sameDocument = true")
            card.locator("form[action*='/basket/add/'] [type=submit]").click()
            status = page.locator(f"{section} .cms-basket-status[role=status]")
            expect(status).to_have_text(added)
            # the same document (no reload, no redirect) with a fresh mini basket
            assert page.url == base + path
            assert page.evaluate("window.__sameDocument") is True
            with translation.override("ko"):
                expect(page.locator(".basket-mini")).to_contain_text(currency(basket_total, "CNY"))
            screenshot(page, f"cms-added-to-basket{path.replace('/', '-').rstrip('-')}")

        page.goto(f"{base}/ko/basket/")
        basket = page.locator("#basket_formset")
        expect(basket).to_contain_text(korean.title_ko)
        expect(basket).to_contain_text(japanese.title_ko)
        screenshot(page, "cms-basket-after-inline-adds-ko")
    finally:
        context.close()
    problems.assert_none()
