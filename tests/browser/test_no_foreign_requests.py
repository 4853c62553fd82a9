"""Nothing on the shop, the checkout or the dashboard comes from another host, and nothing breaks
the Content-Security-Policy (issue #10): mainland China cannot reach Google's CDN, and an
injected script must not run. The jQuery widgets keep working on our own copy of jQuery."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.models import ContentPage
from tests.browser.checkout_steps import checkout_to_payment
from tests.factories.catalogue import small_catalogue
from tests.factories.orders import shopper
from tests.factories.users import SHOPPER_PASSWORD, STAFF_PASSWORD, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The CSP violation event, reported to the test from every page the context opens.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolation({
        directive: e.violatedDirective, blocked: e.blockedURI, page: e.documentURI,
        sample: e.sample, line: e.lineNumber,
        element: e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 200) : "",
    });
});
"""


class Recorder:
    """Every request, CSP violation, console error and uncaught exception of a context."""

    def __init__(self, context, origin):
        self.origin = origin
        self.foreign, self.violations, self.errors = [], [], []
        context.expose_function("__cspViolation", lambda report: self.violations.append(report))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("page", self.watch)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)

    def _response(self, response):
        # a missing script or style breaks the page; the browser's own /favicon.ico guess
        # (Django's admin names none) does not
        if response.status >= 400 and urlsplit(response.url).path != "/favicon.ico":
            self.errors.append((response.url, response.status))

    def _console(self, page, message):
        # "Failed to load resource" repeats a response already judged by _response
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append((page.url, message.text))

    def watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda exc: self.errors.append((page.url, str(exc))))
        return page

    def assert_clean(self):
        assert self.foreign == [], self.foreign
        assert self.violations == [], "\n".join(map(str, self.violations))
        assert self.errors == [], self.errors


def _content_page():
    """A Wagtail page under the default site (made here if a transactional test flushed the
    rows tests/conftest.py adds)."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(instance=Page(title="Home", slug="home", locale=locale))
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return site.root_page.add_child(
        instance=ContentPage(
            title="关于我们", slug="about", locale=locale, body="<p>珲春保税仓发货。</p>"
        )
    )


def _login(page, base, email, password):
    page.goto(f"{base}/zh-hans/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def test_shop_checkout_and_dashboard_load_nothing_from_another_host(
    live_server, browser, screenshot
):
    catalogue = small_catalogue()
    buyer, staff = shopper(), staff_user()
    # a top-level category lists the products of its subcategories
    product, category = catalogue.sheet_mask, catalogue.beauty
    with translation.override("zh-hans"):
        product_url, category_url = product.get_absolute_url(), category.get_absolute_url()
    cms_url = _content_page().get_url()
    base = live_server.url

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    recorder = Recorder(context, base)
    page = context.new_page()
    try:
        page.goto(f"{base}/")
        assert urlsplit(page.url).path.startswith("/zh-hans/")
        page.goto(f"{base}/zh-hans/catalogue/")
        page.goto(base + cms_url)
        assert "关于我们" in page.inner_text("h1")
        page.goto(base + category_url)
        assert page.locator(".product_pod").count() > 0

        page.goto(base + product_url)
        # Bootstrap's dropdown (jQuery) opens the language switcher
        page.click("#languageMenu")
        page.wait_for_selector("#language_switcher .dropdown-menu.show")
        screenshot(page, "no-foreign-requests-product-zh-hans")
        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{base}/zh-hans/basket/")
        assert page.locator("#basket_formset").count() == 1
        # the mini basket's "View basket" is a link now (Oscar's inline onclick is refused)
        page.goto(f"{base}/zh-hans/catalogue/")
        page.locator(".basket-mini a[role=button]").click()
        page.wait_for_url("**/zh-hans/basket/")

        page.goto(f"{base}/zh-hans/accounts/login/")
        _login(page, base, buyer.email, SHOPPER_PASSWORD)
        page.goto(f"{base}/zh-hans/checkout/")
        page.wait_for_load_state()
        checkout_to_payment(page, "zh-hans")
        assert page.locator("#sandbox_notice").is_visible()
        screenshot(page, "no-foreign-requests-payment-zh-hans")
    finally:
        context.close()
    recorder.assert_clean()

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    recorder = Recorder(context, base)
    page = context.new_page()
    try:
        _login(page, base, staff.email, STAFF_PASSWORD)
        page.goto(f"{base}/zh-hans/dashboard/")
        assert page.locator("#dashboard_nav, .navbar").count() > 0
        page.goto(f"{base}/zh-hans/dashboard/catalogue/products/{product.pk}/")
        # TinyMCE (the description editor) starts under the policy
        page.wait_for_selector(".tox-tinymce")
        screenshot(page, "no-foreign-requests-dashboard-product")
        page.goto(f"{base}/zh-hans/dashboard/customs/")
        screenshot(page, "no-foreign-requests-dashboard-customs")
        # the admins: Django's under the policy; Wagtail's excluded from it (inline scripts) but
        # with no avatar from gravatar.com and no update check to releases.wagtail.org
        page.goto(f"{base}/django-admin/")
        page.goto(f"{base}/cms-admin/")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    recorder.assert_clean()
