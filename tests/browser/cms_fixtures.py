"""Shared helpers of the CMS browser tests (issue #11): a Wagtail site whose root is a home
page, the five locales, the Wagtail admin's login and publish button, wagtail-localize's
translation editor, and what a product card should show."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from oscar.core.loading import get_class
from oscar.templatetags.currency_filters import currency
from playwright.sync_api import expect
from wagtail.models import Locale, Page, Site

from tests.factories.users import STAFF_PASSWORD

VIEWPORT = {"width": 1280, "height": 900}
# Accept-Language of a browser set to each shop language (the context ``locale``)
BROWSER_LOCALES = {"zh-hans": "zh-CN", "ko": "ko-KR", "ja": "ja-JP", "ru": "ru-RU", "en": "en-GB"}


def root_collection():
    """Wagtail's root image collection (a data migration makes it; ``--no-migrations`` and a
    transactional test's flush do not), which any image upload needs."""
    from wagtail.models import Collection

    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def locales() -> dict[str, Locale]:
    """One Wagtail locale per shop language (data migrations make only the default one, and a
    transactional test flushes even that)."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def home_page(title="东北亚跨境购", hero_title="韩日俄好物，保税仓直发"):
    """The default site's root: a published zh-hans ``HomePage`` (the rows tests/conftest.py
    adds are a plain page, and a transactional test's flush removes even those)."""
    from cms.models import HomePage

    locale = locales()[settings.LANGUAGE_CODE]
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(
        instance=HomePage(title=title, slug="shop-home", hero_title=hero_title, locale=locale)
    )
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


def admin_login(page, base: str, user, password: str = STAFF_PASSWORD) -> None:
    """Log in through the Wagtail admin's own login form."""
    page.goto(f"{base}/cms-admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base}/cms-admin/")


def submit_and_settle(page, button) -> None:
    """Click a button that sends a form and wait for the page it leads to, and for every request
    of that page: the test then reads the database the live server has finished writing (the
    in-memory SQLite database is shared, and a read during the server's write finds it
    locked)."""
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state("networkidle")


def admin_publish(page) -> None:
    """The editor's footer: "Save draft" is the default action, "Publish" sits in its menu."""
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    submit_and_settle(page, page.locator("button[name=action-publish]"))


def open_tab_of(page, selector: str) -> None:
    """Show the editor tab holding ``selector`` (the tabs' ids come from their translated
    headings, so they are found through the field, not by name)."""
    panel = page.locator(selector).evaluate("el => el.closest('[role=tabpanel]').id")
    page.locator(f"a[role=tab][href='#{panel}']").click()
    expect(page.locator(selector)).to_be_visible()


def translate_segments(page, translations: dict[str, str]) -> None:
    """Fill wagtail-localize's translation editor: for each source text, the segment's
    "Translate" button opens a text box; Enter saves the translation (the segment turns
    "complete") and the segment waits until the server has stored it."""
    for source, text in translations.items():
        segment = page.locator("li.incomplete").filter(visible=True).filter(has_text=source)
        segment.get_by_role("button").click()
        box = segment.locator("textarea")
        box.fill(text)
        box.press("Enter")
        # while the translation is being saved the segment has no buttons; once saved, "Edit"
        saved = page.locator("li.complete").filter(visible=True).filter(has_text=text)
        expect(saved.get_by_role("button")).to_have_count(1)


def card_price(product, language: str) -> str:
    """The price a product card shows: the pricing strategy's price, formatted by Oscar's
    ``currency`` filter in the shopper's language."""
    strategy = get_class("partner.strategy", "Selector")().strategy()
    price = strategy.fetch_for_product(product).price
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    with translation.override(language):
        return currency(amount, price.currency)


# The CSP violation event, reported to the test from every page the context opens.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolation({directive: e.violatedDirective, blocked: e.blockedURI, page: e.documentURI});
});
"""


class PageProblems:
    """What would make a shopper's page broken or unsafe, for a whole browser context: requests
    to another host, responses >= 400 (a missing image or script), uncaught script errors and
    Content-Security-Policy violations."""

    def __init__(self, context, base: str):
        self.base = base
        self.problems: list[tuple[str, str]] = []
        context.expose_function(
            "__cspViolation", lambda report: self.problems.append(("csp", str(report)))
        )
        context.add_init_script(_REPORT_VIOLATIONS)
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("page", self._page)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != self.base:
            self.problems.append(("foreign request", request.url))

    def _response(self, response):
        # the browser's own /favicon.ico guess is not the page's
        if response.status >= 400 and urlsplit(response.url).path != "/favicon.ico":
            self.problems.append(
                (
                    f"HTTP {response.status}",
                    f"{response.request.method} {response.url}",
                )
            )

    def _page(self, page):
        page.on("pageerror", lambda exc: self.problems.append(("script error", str(exc))))

    def assert_none(self):
        assert self.problems == [], "\n".join(f"{kind}: {what}" for kind, what in self.problems)
