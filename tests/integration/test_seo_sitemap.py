"""/sitemap.xml and /robots.txt (issue #11, shop/core/seo.py): a sitemap index, sections of
Wagtail pages of every locale tree, categories and products, every URL in the five languages
with xhtml:link alternates."""

import urllib.robotparser
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree
from wagtail.models import PageViewRestriction

from shop.core import seo
from tests.factories.catalogue import CategoryFactory, ProductFactory
from tests.integration.test_seo_hreflang import (
    HREFLANGS,
    ORIGIN,
    content_page,
    home,
    locale,
    publish_translation,
)

pytestmark = pytest.mark.django_db

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"sm": SM, "xhtml": XHTML}
LANGUAGES = ("zh-hans", "ko", "ja", "ru", "en")

# The structure of sitemaps.org's sitemap 0.9 schema (urlset and sitemapindex), written out for
# the test: elements in the sitemap namespace, in order, <loc> an absolute URI of at most 2048
# characters, <lastmod> a W3C date or datetime; other namespaces' elements (xhtml:link) allowed
# after them in <url> and checked separately below.
SITEMAP_XSD = f"""<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="{SM}"
            xmlns="{SM}" elementFormDefault="qualified">
  <xsd:simpleType name="tLoc">
    <xsd:restriction base="xsd:anyURI"><xsd:minLength value="12"/>
      <xsd:maxLength value="2048"/></xsd:restriction>
  </xsd:simpleType>
  <xsd:simpleType name="tLastmod">
    <xsd:union memberTypes="xsd:date xsd:dateTime"/>
  </xsd:simpleType>
  <xsd:element name="urlset">
    <xsd:complexType><xsd:sequence>
      <xsd:element name="url" maxOccurs="50000">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="loc" type="tLoc"/>
          <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
          <xsd:element name="changefreq" type="xsd:string" minOccurs="0"/>
          <xsd:element name="priority" type="xsd:decimal" minOccurs="0"/>
          <xsd:any namespace="##other" processContents="lax" minOccurs="0"
                   maxOccurs="unbounded"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:sequence></xsd:complexType>
  </xsd:element>
  <xsd:element name="sitemapindex">
    <xsd:complexType><xsd:sequence>
      <xsd:element name="sitemap" maxOccurs="50000">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="loc" type="tLoc"/>
          <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:sequence></xsd:complexType>
  </xsd:element>
</xsd:schema>"""
SCHEMA = etree.XMLSchema(etree.fromstring(SITEMAP_XSD.encode()))


def parse(response, root):
    """The response as XML, valid against the schema, with root element ``root``."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    assert document.tag == f"{{{SM}}}{root}"
    return document


def index_locations(client):
    document = parse(client.get("/sitemap.xml"), "sitemapindex")
    return document.xpath("sm:sitemap/sm:loc/text()", namespaces=NS)


def section_urls(client, path):
    """``{loc: {hreflang: href}}`` of one sitemap file, checking every <url>'s alternates."""
    document = parse(client.get(path), "urlset")
    urls = {}
    for url in document.xpath("sm:url", namespaces=NS):
        loc = url.xpath("sm:loc/text()", namespaces=NS)[0]
        links = url.xpath("xhtml:link", namespaces=NS)
        assert all(link.get("rel") == "alternate" for link in links)
        assert sorted(link.get("hreflang") for link in links) == sorted(HREFLANGS), loc
        alternates = {link.get("hreflang"): link.get("href") for link in links}
        assert loc in alternates.values()
        assert alternates["x-default"] == alternates["zh-Hans"]
        assert loc not in urls, f"{loc} listed twice"
        urls[loc] = alternates
    return urls


def all_urls(client, section):
    urls = {}
    base = f"{ORIGIN}/sitemap-{section}.xml"
    for location in index_locations(client):
        if location == base or location.startswith(base + "?"):
            urls.update(section_urls(client, location.removeprefix(ORIGIN)))
    return urls


def reversed_in_languages(name, **kwargs):
    urls = {}
    for code, hreflang in zip(LANGUAGES, HREFLANGS, strict=False):
        with translation.override(code):
            urls[hreflang] = ORIGIN + reverse(name, kwargs=kwargs)
    return urls


# --- index --------------------------------------------------------------------------------------


def test_index_lists_each_section_outside_the_language_prefixes(client):
    ProductFactory()
    CategoryFactory()
    locations = index_locations(client)
    assert locations == [
        f"{ORIGIN}/sitemap-pages.xml",
        f"{ORIGIN}/sitemap-categories.xml",
        f"{ORIGIN}/sitemap-products.xml",
    ]
    response = client.get("/sitemap.xml")
    assert response["X-Robots-Tag"].startswith("noindex")
    # under a language prefix there is no sitemap
    assert client.get("/ko/sitemap.xml").status_code == 404


def test_index_leaves_out_empty_sections_and_unknown_ones_404(client):
    assert f"{ORIGIN}/sitemap-products.xml" not in index_locations(client)
    assert client.get("/sitemap-products.xml").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_index_uses_the_requests_host(client):
    ProductFactory()
    response = client.get("/sitemap.xml", headers={"host": "shop.example.cn"})
    assert b"<loc>http://shop.example.cn/sitemap-products.xml</loc>" in response.content
    urls = section_urls(client, "/sitemap-products.xml")
    assert all(urlsplit(loc).netloc == "testserver" for loc in urls)


# --- products and categories --------------------------------------------------------------------


def test_every_browsable_product_in_five_languages_and_no_other(client):
    ramen = ProductFactory(title_zh_hans="辛拉面", title_ko="신라면")
    mask = ProductFactory(title_zh_hans="面膜")
    hidden = ProductFactory(title_zh_hans="下架商品", is_public=False)
    parent = ProductFactory(structure="parent", title_zh_hans="T恤")
    variant = ProductFactory(structure="child", parent=parent, title_zh_hans="T恤 红色")

    urls = all_urls(client, "products")
    expected = {}
    for product in (ramen, mask, parent):
        alternates = reversed_in_languages(
            "catalogue:detail", product_slug=product.slug, pk=product.pk
        )
        alternates["x-default"] = alternates["zh-Hans"]
        for hreflang in HREFLANGS[:5]:
            expected[alternates[hreflang]] = alternates
    assert urls == expected
    assert len(urls) == 15
    listed = " ".join(urls)
    assert f"_{hidden.pk}/" not in listed
    assert f"_{variant.pk}/" not in listed


def test_products_carry_their_last_modification_date(client):
    product = ProductFactory()
    document = parse(client.get("/sitemap-products.xml"), "urlset")
    lastmods = document.xpath("sm:url/sm:lastmod/text()", namespaces=NS)
    assert lastmods == [timezone.localdate(product.date_updated).isoformat()] * 5


def test_categories_with_their_ancestors_slugs_and_not_hidden_ones(client):
    food = CategoryFactory(name_zh_hans="食品")
    noodles = CategoryFactory(name_zh_hans="方便面", parent=food)
    cup = CategoryFactory(name_zh_hans="杯面", parent=noodles)
    hidden = CategoryFactory(name_zh_hans="内部", is_public=False)
    under_hidden = CategoryFactory(name_zh_hans="内部子类", parent=hidden)
    under_hidden.refresh_from_db()
    assert not under_hidden.ancestors_are_public

    urls = all_urls(client, "categories")
    assert len(urls) == 3 * 5
    for category in (food, noodles, cup):
        for url in reversed_in_languages(
            "catalogue:category", category_slug=category.full_slug, pk=category.pk
        ).values():
            assert url in urls
    with translation.override("ja"):
        assert ORIGIN + cup.get_absolute_url() in urls  # Oscar's own URL for it
    assert cup.full_slug.count("/") == 2
    listed = " ".join(urls)
    assert f"_{hidden.pk}/" not in listed
    assert f"_{under_hidden.pk}/" not in listed


def test_products_are_paginated_by_product_with_all_languages_on_one_page(client, monkeypatch):
    monkeypatch.setattr(seo.ProductSitemap, "limit", 2)
    products = [ProductFactory() for _ in range(3)]
    locations = index_locations(client)
    assert f"{ORIGIN}/sitemap-products.xml?p=2" in locations
    assert f"{ORIGIN}/sitemap-products.xml?p=3" not in locations
    first = section_urls(client, "/sitemap-products.xml")
    second = section_urls(client, "/sitemap-products.xml?p=2")
    assert len(first) == 10
    assert len(second) == 5
    assert all(f"_{products[2].pk}/" in url for url in second)
    assert client.get("/sitemap-products.xml?p=3").status_code == 404
    assert client.get("/sitemap-products.xml?p=x").status_code == 404


def test_a_file_never_exceeds_the_protocols_50000_urls():
    for section in seo.SITEMAP_SECTIONS.values():
        assert section.limit * len(LANGUAGES) <= 50000


def _queries(client, path):
    client.get(path)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_product_and_category_sections_run_a_constant_number_of_queries(client):
    ProductFactory()
    food = CategoryFactory()
    few_products = _queries(client, "/sitemap-products.xml")
    few_categories = _queries(client, "/sitemap-categories.xml")
    for _ in range(8):
        ProductFactory()
    parent = food
    for _ in range(5):
        parent = CategoryFactory(parent=parent)
    assert len(section_urls(client, "/sitemap-products.xml")) == 9 * 5
    assert _queries(client, "/sitemap-products.xml") == few_products
    assert _queries(client, "/sitemap-categories.xml") == few_categories
    assert few_products <= 3


# --- Wagtail pages of every locale --------------------------------------------------------------


def test_pages_of_every_locale_tree_with_fallbacks(client):
    source = content_page(home(), title="关于我们", slug="about")
    korean = publish_translation(source, "ko", title="회사 소개")
    korean.slug = "about-ko"
    korean.save_revision().publish()
    korean.refresh_from_db()
    # a page that exists only in the Japanese tree (its home is an alias of the Chinese one)
    japanese_home = publish_translation(home(), "ja", title="ホーム")
    japan_only = content_page(japanese_home, title="日本館", slug="japan")
    assert japan_only.locale == locale("ja")

    urls = all_urls(client, "pages")
    source_url, korean_url, japan_url = source.get_url(), korean.get_url(), japan_only.get_url()
    assert korean_url.startswith("/ko/")
    assert japan_url.startswith("/ja/")
    about = urls[ORIGIN + korean_url]
    assert about["zh-Hans"] == ORIGIN + source_url
    assert about["ko"] == ORIGIN + korean_url
    assert about["ru"] == ORIGIN + source_url.replace("/zh-hans/", "/ru/", 1)
    for url in about.values():
        assert urls[url] == about  # every language version is listed, with the same alternates

    japan = urls[ORIGIN + japan_url]
    # no Chinese source: the Japanese page is the source of the other languages' paths
    assert japan["zh-Hans"] == ORIGIN + japan_url.replace("/ja/", "/zh-hans/", 1)
    assert japan["en"] == ORIGIN + japan_url.replace("/ja/", "/en/", 1)
    # home pages of the two trees are listed too
    home_urls = {ORIGIN + home().get_url(), ORIGIN + japanese_home.get_url()}
    assert home_urls <= set(urls)


def test_drafts_private_pages_and_the_root_are_not_listed(client):
    draft = content_page(home(), title="草稿", slug="draft")
    draft.unpublish()
    private = content_page(home(), title="员工", slug="staff-only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    below_private = content_page(private, title="员工手册", slug="handbook")
    public = content_page(home(), title="联系我们", slug="contact")

    listed = " ".join(all_urls(client, "pages"))
    assert f"{ORIGIN}{public.get_url()}" in listed
    for page in (draft, private, below_private):
        assert f"/{page.slug}/" not in listed, page.slug
    assert "/root/" not in listed


def test_pages_carry_their_publication_date(client):
    page = content_page(home(), title="配送说明", slug="delivery")
    document = parse(client.get("/sitemap-pages.xml"), "urlset")
    url = document.xpath(f'sm:url[sm:loc="{ORIGIN}{page.get_url()}"]', namespaces=NS)[0]
    lastmod = url.xpath("sm:lastmod/text()", namespaces=NS)
    assert lastmod == [timezone.localdate(page.last_published_at).isoformat()]


def test_page_section_queries_do_not_grow_with_pages(client):
    content_page(home(), title="一", slug="one")
    few = _queries(client, "/sitemap-pages.xml")
    for n in range(6):
        source = content_page(home(), title=f"页 {n}", slug=f"page-{n}")
        publish_translation(source, "ko", title=f"페이지 {n}")
    assert len(section_urls(client, "/sitemap-pages.xml")) == 8 * 5
    assert _queries(client, "/sitemap-pages.xml") == few


# --- robots.txt ---------------------------------------------------------------------------------


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    product = ProductFactory()
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in text.splitlines()

    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    for code in LANGUAGES:
        with translation.override(code):
            allowed = [product.get_absolute_url(), reverse("catalogue:index")]
            refused = [
                reverse("dashboard:index"),
                reverse("dashboard:catalogue-product-list"),
                reverse("basket:summary"),
                reverse("checkout:index"),
                reverse("customer:summary"),
            ]
        for path in allowed:
            assert robots.can_fetch("Googlebot", ORIGIN + path), path
        for path in refused:
            assert not robots.can_fetch("Googlebot", ORIGIN + path), path
    assert not robots.can_fetch("Googlebot", f"{ORIGIN}/django-admin/")
    assert not robots.can_fetch("Googlebot", f"{ORIGIN}/cms-admin/pages/")
    assert robots.can_fetch("Googlebot", f"{ORIGIN}/sitemap.xml")
