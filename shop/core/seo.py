"""Search engines (issue #11): hreflang alternates on every public page, the sitemap, robots.txt.

Every public page exists in the five languages under its language prefix (/zh-hans/ /ko/ /ja/
/ru/ /en/). A page tells search engines about its other language versions with
``<link rel="alternate" hreflang>`` (``page_alternates``, printed by
``themes/web/templates/shop/partials/hreflang.html``), and ``/sitemap.xml`` lists every product,
category and Wagtail page in every language with the same alternates as ``xhtml:link``.

Oscar and other Django pages: the same URL pattern reversed under each language prefix.
Wagtail pages: the page's translation in that locale when it is live, otherwise the source
page's path under that language's prefix (the CMS serves the source page there as a fallback).
Wagtail's own sitemap lists only the default site root's tree (wagtail #6583) and has no
alternates (wagtail #12973), hence the sections here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from oscar.core.loading import get_model

# hreflang of the language search engines get when none of ours matches the reader's
X_DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
# URL path segments (after the language prefix) that are back offices, never public pages
NON_PUBLIC_SEGMENTS = ("dashboard",)


def hreflang_code(language: str) -> str:
    """The BCP-47 tag for one of our language codes: ``zh-hans`` -> ``zh-Hans``, ``ko`` -> ``ko``."""
    return translation.to_locale(language).replace("_", "-")


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Alternate:
    hreflang: str  # BCP-47, or "x-default"
    href: str  # absolute URL


@dataclass(frozen=True)
class PageAlternates:
    canonical: str
    links: tuple[Alternate, ...]


def _alternates_from_paths(paths: Mapping[str, str], build) -> tuple[Alternate, ...]:
    """One ``Alternate`` per language in ``settings.LANGUAGES`` order, then ``x-default``."""
    links = [Alternate(hreflang_code(lang), build(paths[lang])) for lang in site_languages()]
    links.append(Alternate("x-default", build(paths[X_DEFAULT_LANGUAGE])))
    return tuple(links)


# --- Pages: which URL each language has ---------------------------------------------------------


def _request_language(request) -> str | None:
    """The language prefix of a public page's path, or None (back offices, machine endpoints,
    Wagtail previews live outside the prefixes or under a non-public segment)."""
    path = request.path_info
    language = translation.get_language_from_path(path)
    if not language:
        return None
    rest = path[len(language) + 2 :]
    if rest.split("/", 1)[0] in NON_PUBLIC_SEGMENTS:
        return None
    return language


def _pagination_query(request) -> str:
    """``?page=N`` for page 2 and on of a listing (each page of a listing is its own page for a
    search engine); every other query string (search text, sort, filters) is left out."""
    value = request.GET.get("page", "")
    return f"?page={int(value)}" if value.isdigit() and int(value) > 1 else ""


def _reverse_in(match, language: str) -> str | None:
    """A resolved URL pattern reversed under ``language``'s prefix (None if it cannot be)."""
    if match is None or not match.url_name:
        return None
    with translation.override(language):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None


def _django_paths(request) -> dict[str, str] | None:
    """The current URL pattern reversed under each language prefix (what
    ``django.urls.translate_url`` does, with the match Django already made for this request)."""
    paths = {lang: _reverse_in(request.resolver_match, lang) for lang in site_languages()}
    return paths if all(paths.values()) else None


def path_in_language(path: str, language: str) -> str | None:
    """``path`` (with a language prefix) under ``language``'s prefix, or None when it does not
    resolve. Unlike ``django.urls.translate_url``, which resolves under the *active* language
    (and so returns a /zh-hans/ path unchanged while a /ko/ page is rendered), the path is
    resolved under its own prefix's language."""
    with translation.override(translation.get_language_from_path(path)):
        try:
            match = resolve(unquote(path))
        except Resolver404:
            return None
    return _reverse_in(match, language)


def _page_path(page, request) -> str | None:
    """The page's own URL path (with its language prefix), or None when it is not routable."""
    parts = page.get_url_parts(request=request)
    if not parts or parts[2] is None:
        return None
    return parts[2]


def _source_language(translations: Mapping[str, object], candidates: Iterable[str]) -> str:
    """The language of a page's source among its translations: the default language, else the
    oldest page (the one the others were translated from, as a rule)."""
    candidates = list(candidates)
    if X_DEFAULT_LANGUAGE in candidates:
        return X_DEFAULT_LANGUAGE
    return min(candidates, key=lambda language: translations[language].pk)


def wagtail_language_paths(translations: Mapping[str, object], request=None) -> dict[str, str]:
    """For one page's live translations (``{language_code: Page}``), the URL path of each site
    language: the translation's own URL, else the source page's path under that language's
    prefix. The source is the default language's translation, else the oldest. Empty when no
    translation is routable. No database query (site root paths are cached by Wagtail)."""
    own = {}
    for language, page in translations.items():
        path = _page_path(page, request)
        if path is not None:
            own[language] = path
    if not own:
        return {}
    source_path = own[_source_language(translations, own)]
    paths = {
        language: own.get(language) or path_in_language(source_path, language)
        for language in site_languages()
    }
    return paths if all(paths.values()) else {}


def _wagtail_paths(request, page) -> dict[str, str] | None:
    """Paths of a Wagtail page's language versions: one query for its live translations."""
    from wagtail.models import Page

    translations = {
        p.locale.language_code: p
        for p in Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "url_path", "translation_key", "locale", "locale__language_code")
    }
    return wagtail_language_paths(translations, request) or None


def page_alternates(request, page=None) -> PageAlternates | None:
    """The hreflang alternates (five languages and ``x-default``) and the canonical URL of the
    page this request shows, or None when it is not a public page (dashboard, admin, error
    page, unnamed URL). ``page`` is the Wagtail page being served, if any.

    No database query for Django pages; one for a Wagtail page (its translations)."""
    if request is None:
        return None
    language = _request_language(request)
    if language is None:
        return None
    paths = None
    if page is not None:
        paths = _wagtail_paths(request, page)
        # A Wagtail page served at a URL of its own (a routable sub-page, a custom home view):
        # its language versions are that URL's
        if paths and unquote(paths.get(language, "")) != unquote(request.path):
            paths = None
    if paths is None:
        paths = _django_paths(request)
    if paths is None:
        return None
    query = _pagination_query(request)

    def build(path):
        return request.build_absolute_uri(path + query)

    return PageAlternates(
        canonical=build(paths[language]), links=_alternates_from_paths(paths, build)
    )


# --- Sitemap ------------------------------------------------------------------------------------


class LanguageSitemap(Sitemap):
    """A sitemap section whose items each exist in every language: one ``<url>`` per item and
    language, each with ``xhtml:link`` alternates for the five languages and ``x-default``.

    Unlike Django's ``i18n = True`` (which lists every item × language before paginating), the
    paginator pages over the items, ``limit`` at a time, so a file holds at most
    ``limit × len(LANGUAGES)`` URLs (10 000 with five languages; the protocol allows 50 000)
    and only one page of items is loaded. URLs use the request's scheme and host
    (``ALLOWED_HOSTS`` guards it), not the sites framework's example.com."""

    limit = 2000

    def __init__(self, request):
        self.request = request

    def get_domain(self, site=None):
        return self.request.get_host()

    def item_paths(self, items) -> list[tuple[object, dict[str, str], dict[str, object]]]:
        """For one page of items: ``(item, {language: path}, {language: lastmod or None})``."""
        raise NotImplementedError

    def get_urls(self, page=1, site=None, protocol=None):
        protocol = self.get_protocol(protocol or self.request.scheme)
        origin = f"{protocol}://{self.get_domain()}"
        urls = []
        latest = None
        for item, paths, lastmods in self.item_paths(self.paginator.page(page).object_list):
            alternates = [
                {"lang_code": link.hreflang, "location": link.href}
                for link in _alternates_from_paths(paths, lambda path: origin + path)
            ]
            for language in site_languages():
                lastmod = lastmods.get(language)
                if lastmod is not None and (latest is None or lastmod > latest):
                    latest = lastmod
                urls.append(
                    {
                        "item": item,
                        "location": origin + paths[language],
                        "lastmod": lastmod,
                        "changefreq": None,
                        "priority": "",
                        "alternates": alternates,
                    }
                )
        if latest is not None:
            self.latest_lastmod = latest
        return urls


class ProductSitemap(LanguageSitemap):
    """Every product the catalogue lists: ``Product.objects.browsable()``, the rule of the
    search backends (integrations/search/database.py), i.e. public and not a variant."""

    def _queryset(self):
        return get_model("catalogue", "Product").objects.browsable()

    def items(self):
        return self._queryset().only("id", "slug", "date_updated").order_by("pk")

    def item_paths(self, items):
        rows = []
        for product in items:
            paths = {}
            for language in site_languages():
                with translation.override(language):
                    paths[language] = product.get_absolute_url()
            rows.append((product, paths, dict.fromkeys(paths, product.date_updated)))
        return rows

    def get_latest_lastmod(self):
        return self._queryset().aggregate(latest=Max("date_updated"))["latest"]


@dataclass(frozen=True)
class _CategoryRow:
    pk: int
    full_slug: str


class CategorySitemap(LanguageSitemap):
    """Every browsable category (public, and so are its ancestors). Category URLs carry the
    ancestors' slugs; Oscar builds them with a query (or cache read) per category, so they are
    built here from one query of all browsable categories' paths."""

    def items(self):
        Category = get_model("catalogue", "Category")
        full_slugs: dict[str, str] = {}
        rows = []
        for pk, path, slug in (
            Category.objects.browsable().order_by("path").values_list("pk", "path", "slug")
        ):
            parent = full_slugs.get(path[: -Category.steplen])
            full_slugs[path] = f"{parent}{Category._slug_separator}{slug}" if parent else slug
            rows.append(_CategoryRow(pk, full_slugs[path]))
        return rows

    def item_paths(self, items):
        rows = []
        for category in items:
            paths = {}
            for language in site_languages():
                with translation.override(language):
                    paths[language] = reverse(
                        "catalogue:category",
                        kwargs={"category_slug": category.full_slug, "pk": category.pk},
                    )
            rows.append((category, paths, {}))
        return rows

    def get_latest_lastmod(self):
        return None  # Oscar's categories keep no modification date


class WagtailPageSitemap(LanguageSitemap):
    """Every live, public Wagtail page below the root, of every locale tree, grouped by
    translation: each group is listed once per language with the URL ``page_alternates`` gives
    that language (the translation's own, else the source page's path under the prefix)."""

    limit = 1000

    def _pages(self):
        from wagtail.models import Page

        return Page.objects.live().public().filter(depth__gt=1)

    def items(self):
        return (
            self._pages()
            .order_by("translation_key")
            .values_list("translation_key", flat=True)
            .distinct()
        )

    def item_paths(self, items):
        keys = list(items)
        groups: dict[object, dict[str, object]] = {key: {} for key in keys}
        from wagtail.models import Locale

        languages = dict(Locale.objects.values_list("pk", "language_code"))
        pages = (
            self._pages()
            .filter(translation_key__in=keys)
            # the page types' own get_url_parts, without loading their fields (a specific
            # instance drops select_related: locales come from the one query above)
            .specific(defer=True)
        )
        for page in pages:
            groups[page.translation_key][languages[page.locale_id]] = page
        rows = []
        for key in keys:
            translations = groups[key]
            paths = wagtail_language_paths(translations, self.request)
            if not paths:
                continue  # not under any site: not reachable
            source = translations[_source_language(translations, translations)]
            lastmods = {
                language: (translations.get(language) or source).last_published_at
                for language in site_languages()
            }
            rows.append((key, paths, lastmods))
        return rows

    def get_latest_lastmod(self):
        return self._pages().aggregate(latest=Max("last_published_at"))["latest"]


SITEMAP_SECTIONS: dict[str, type[LanguageSitemap]] = {
    "pages": WagtailPageSitemap,
    "categories": CategorySitemap,
    "products": ProductSitemap,
}


def _sitemaps(request) -> dict[str, LanguageSitemap]:
    return {name: cls(request) for name, cls in SITEMAP_SECTIONS.items()}


def _lastmod_header(values: Iterable[datetime.datetime | None]) -> dict[str, str] | None:
    values = list(values)
    if values and all(values):
        return {"Last-Modified": http_date(max(values).timestamp())}
    return None


def _sitemap_response(request, template_name, context, lastmods):
    response = TemplateResponse(
        request,
        template_name,
        context,
        content_type="application/xml",
        headers=_lastmod_header(lastmods),
    )
    # the sitemap itself is not a page to show in results (as Django's sitemap views do)
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
def sitemap_index(request):
    """``/sitemap.xml``: the sitemap index, one entry per page of each non-empty section."""
    entries = []
    lastmods = []
    for name, section in _sitemaps(request).items():
        paginator = section.paginator
        num_pages = paginator.num_pages if paginator.count else 0
        if not num_pages:
            continue  # an empty <urlset> is not valid against the sitemap schema
        lastmod = section.get_latest_lastmod()
        lastmods.append(lastmod)
        location = request.build_absolute_uri(reverse("sitemap-section", args=[name]))
        entries.append({"location": location, "last_mod": lastmod})
        entries += [
            {"location": f"{location}?p={number}", "last_mod": lastmod}
            for number in range(2, num_pages + 1)
        ]
    return _sitemap_response(request, "sitemap_index.xml", {"sitemaps": entries}, lastmods)


@require_safe
def sitemap_section(request, section):
    """``/sitemap-<section>.xml[?p=N]``: one page of a section (404 for an empty page)."""
    sitemaps = _sitemaps(request)
    if section not in sitemaps:
        raise Http404(f"No sitemap section {section!r}")
    sitemap = sitemaps[section]
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
    if not urls:
        raise Http404("Empty sitemap section")
    lastmods = [getattr(sitemap, "latest_lastmod", None)]
    return _sitemap_response(request, "sitemap.xml", {"urlset": urls}, lastmods)


def robots_disallowed_paths() -> list[str]:
    """Paths crawlers are asked to stay out of: the back offices, and in every language the
    dashboard, basket, checkout, accounts, payment pages and search results (one shopper's
    state, or endless query variations of the listings the sitemap already gives)."""
    paths = ["/django-admin/", "/cms-admin/", "/i18n/"]
    # a URL of each area; the area is its first path segment after the language prefix
    examples = (
        ("dashboard:index", {}),
        ("basket:summary", {}),
        ("checkout:index", {}),
        ("customer:summary", {}),
        ("search:search", {}),
        ("payments:pay", {"number": "0"}),
    )
    for language in site_languages():
        with translation.override(language):
            for name, kwargs in examples:
                try:
                    url = reverse(name, kwargs=kwargs)
                except NoReverseMatch:
                    continue
                prefix, area = url.lstrip("/").split("/")[:2]
                paths.append(f"/{prefix}/{area}/")
    return list(dict.fromkeys(paths))


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in robots_disallowed_paths()]
    lines += ["Allow: /", "", "Sitemap: " + request.build_absolute_uri(reverse("sitemap-index"))]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
