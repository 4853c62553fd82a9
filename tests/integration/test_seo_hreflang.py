"""hreflang alternates on every public page, none on the dashboard (issue #11, shop/core/seo.py)."""

import pytest
from django.conf import settings
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation
from lxml import html as lxml_html
from wagtail.models import Locale, Page

from shop.core.seo import page_alternates
from tests.factories.catalogue import CategoryFactory, ProductFactory
from tests.factories.orders import shopper

pytestmark = pytest.mark.django_db

HREFLANGS = ["zh-Hans", "ko", "ja", "ru", "en", "x-default"]
ORIGIN = "http://testserver"


# --- Wagtail pages of several locales (used by test_seo_sitemap.py too) --------------------------


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def home():
    return Page.objects.get(depth=2, locale__language_code=settings.LANGUAGE_CODE)


def content_page(parent, *, title, slug, **fields):
    """A published ``cms.ContentPage`` (the page type that exists whatever else cms/ holds)."""
    from cms.models import ContentPage

    page = parent.add_child(instance=ContentPage(title=title, slug=slug, **fields))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def publish_translation(page, code, *, title):
    """Wagtail's own translation copy (its parents copied as aliases when missing), published."""
    translated = page.specific.copy_for_translation(locale(code), copy_parents=True)
    translated.title = title
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


# --- helpers ------------------------------------------------------------------------------------


def head_links(response):
    assert response.status_code == 200, response.status_code
    document = lxml_html.fromstring(response.content)
    return document.xpath('//head/link[@rel="alternate"][@hreflang]')


def alternates_of(response):
    """``{hreflang: href}`` of the page, after checking there is exactly one link per value."""
    links = head_links(response)
    values = [link.get("hreflang") for link in links]
    assert sorted(values) == sorted(HREFLANGS), values
    return {link.get("hreflang"): link.get("href") for link in links}


def canonical_of(response):
    document = lxml_html.fromstring(response.content)
    return document.xpath('//head/link[@rel="canonical"]/@href')


def in_languages(name, **kwargs):
    """``{hreflang: absolute URL}`` of a URL name reversed in each language, plus x-default."""
    urls = {}
    for code, hreflang in zip(("zh-hans", "ko", "ja", "ru", "en"), HREFLANGS, strict=False):
        with translation.override(code):
            urls[hreflang] = ORIGIN + reverse(name, kwargs=kwargs)
    urls["x-default"] = urls["zh-Hans"]
    return urls


# --- Oscar and other Django pages ---------------------------------------------------------------


def test_product_page_lists_its_five_languages_and_x_default(client):
    product = ProductFactory(title_zh_hans="辛拉面", title_ko="신라면")
    expected = in_languages("catalogue:detail", product_slug=product.slug, pk=product.pk)
    response = client.get(expected["ko"].removeprefix(ORIGIN))
    assert alternates_of(response) == expected
    assert expected["ko"].startswith(f"{ORIGIN}/ko/catalogue/")
    assert canonical_of(response) == [expected["ko"]]


def test_category_page_and_catalogue_and_basket(client):
    food = CategoryFactory(name_zh_hans="食品")
    noodles = CategoryFactory(name_zh_hans="方便面", parent=food)
    with translation.override("ru"):
        url = noodles.get_absolute_url()
    expected = in_languages("catalogue:category", category_slug=noodles.full_slug, pk=noodles.pk)
    assert alternates_of(client.get(url)) == expected
    assert "/ja/catalogue/category/" in expected["ja"]
    assert alternates_of(client.get("/ja/catalogue/")) == in_languages("catalogue:index")
    assert alternates_of(client.get("/en/basket/")) == in_languages("basket:summary")


def test_search_drops_the_query_but_listings_keep_the_page_number(client, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 1
    ProductFactory(title_zh_hans="面膜 一")
    ProductFactory(title_zh_hans="面膜 二")
    search = alternates_of(client.get("/ko/search/", {"q": "面膜", "sort_by": "price-asc"}))
    assert search == in_languages("search:search")
    second = alternates_of(client.get("/ru/catalogue/", {"page": "2", "sort_by": "title-asc"}))
    assert second == {
        lang: f"{url}?page=2" for lang, url in in_languages("catalogue:index").items()
    }
    first = alternates_of(client.get("/ru/catalogue/", {"page": "1"}))
    assert first == in_languages("catalogue:index")


def test_customer_and_customs_pages(client):
    assert alternates_of(client.get("/ja/accounts/login/")) == in_languages("customer:login")
    client.force_login(shopper())
    quota = client.get(reverse("customs:annual-quota"))
    assert alternates_of(quota) == in_languages("customs:annual-quota")
    profile = client.get("/ko/accounts/profile/")
    assert alternates_of(profile) == in_languages("customer:profile-view")


def test_urls_use_the_requests_host(client):
    response = client.get("/ko/catalogue/", headers={"host": "shop.example.cn"})
    assert alternates_of(response)["ja"] == "http://shop.example.cn/ja/catalogue/"


def test_only_the_one_set_of_links_is_printed(client):
    # layout.html used to print its own (relative, lower-case) set as well
    links = head_links(client.get("/ko/catalogue/"))
    assert len(links) == 6
    assert all(link.get("href").startswith(ORIGIN) for link in links)


# --- not public ---------------------------------------------------------------------------------


def test_dashboard_pages_carry_none(client, admin_user):
    client.force_login(admin_user)
    for url in ("/ko/dashboard/", "/zh-hans/dashboard/catalogue/", "/en/dashboard/customs/"):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert head_links(response) == [], url
        assert b'rel="canonical"' not in response.content, url
    assert head_links(client.get("/ko/dashboard/")) == []


def test_error_page_context_gets_none(rf):
    template = engines["web"].from_string('{% include "shop/partials/hreflang.html" %}')
    request = rf.get("/ko/catalogue/")
    with translation.override("ko"):  # as LocaleMiddleware would for /ko/
        request.resolver_match = resolve(request.path)
        assert "hreflang" in template.render({}, request)
        assert "hreflang" not in template.render({"exception": "not found"}, request)


def test_no_sql_for_django_pages(client):
    response = client.get("/ko/catalogue/")
    with CaptureQueriesContext(connection) as queries:
        alternates = page_alternates(response.wsgi_request)
    assert len(alternates.links) == 6
    assert len(queries) == 0, [q["sql"] for q in queries]


# --- Wagtail pages ------------------------------------------------------------------------------


def test_wagtail_page_points_to_its_translations_and_falls_back_to_the_source_path(client):
    source = content_page(home(), title="关于我们", slug="about")
    korean = publish_translation(source, "ko", title="회사 소개")
    korean.slug = "about-ko"  # a translation may have its own slug
    korean.save_revision().publish()
    korean.refresh_from_db()
    source_url, korean_url = source.get_url(), korean.get_url()
    assert source_url.startswith("/zh-hans/")
    assert korean_url.startswith("/ko/")
    assert korean_url.endswith("/about-ko/")

    for url in (source_url, korean_url):
        alternates = alternates_of(client.get(url))
        assert alternates["zh-Hans"] == ORIGIN + source_url
        assert alternates["ko"] == ORIGIN + korean_url
        # no Japanese, Russian or English translation: the source page's path under the prefix
        for prefix, hreflang in (("/ja/", "ja"), ("/ru/", "ru"), ("/en/", "en")):
            assert alternates[hreflang] == ORIGIN + source_url.replace("/zh-hans/", prefix, 1)
        assert alternates["x-default"] == ORIGIN + source_url
    assert canonical_of(client.get(korean_url)) == [ORIGIN + korean_url]


def test_an_unpublished_translation_is_not_an_alternate(client):
    source = content_page(home(), title="配送说明", slug="shipping")
    russian = publish_translation(source, "ru", title="Доставка")
    russian.slug = "dostavka"
    russian.save_revision().publish()
    russian.refresh_from_db()
    assert alternates_of(client.get(source.get_url()))["ru"].endswith("/ru/dostavka/")
    russian.unpublish()
    assert alternates_of(client.get(source.get_url()))["ru"] == ORIGIN + source.get_url().replace(
        "/zh-hans/", "/ru/", 1
    )


def test_one_query_for_a_wagtail_page(client):
    source = content_page(home(), title="常见问题", slug="faq")
    publish_translation(source, "ja", title="よくある質問")
    response = client.get(source.get_url())
    page = response.context["page"]
    request = response.wsgi_request  # Wagtail's site root paths already cached on it
    with CaptureQueriesContext(connection) as queries:
        alternates = page_alternates(request, page)
    assert alternates.links[2].href.endswith("/ja/faq/")
    assert len(queries) == 1, [q["sql"] for q in queries]


def _resolved(rf, path, language):
    request = rf.get(path)
    with translation.override(language):  # as LocaleMiddleware does for the prefix
        request.resolver_match = resolve(path)
    return request


def test_the_home_page_of_each_language(rf):
    home_page = home()
    home_url = home_page.get_url()
    with translation.override("ko"):
        alternates = page_alternates(
            _resolved(rf, home_url.replace("/zh-hans/", "/ko/", 1), "ko"), home_page
        )
    hrefs = {link.hreflang: link.href for link in alternates.links}
    assert hrefs["ko"] == "http://testserver" + home_url.replace("/zh-hans/", "/ko/", 1)
    assert hrefs["x-default"] == hrefs["zh-Hans"] == "http://testserver" + home_url
    assert alternates.canonical == hrefs["ko"]


def test_a_wagtail_page_served_below_its_own_url_uses_that_url(rf):
    # e.g. a routable page's sub-page: the request's own path in each language
    source = content_page(home(), title="展会", slug="fairs")
    path = source.get_url() + "2026/"
    with translation.override("zh-hans"):
        alternates = page_alternates(_resolved(rf, path, "zh-hans"), source)
    hrefs = {link.hreflang: link.href for link in alternates.links}
    assert hrefs["en"] == "http://testserver" + path.replace("/zh-hans/", "/en/", 1)
    assert alternates.canonical == "http://testserver" + path
