"""Which page a shopper sees in which language (issue #11).

The rule, shared with the sitemap and hreflang links: a page's URL in language L is its
translation's URL if a live translation in L exists, else the source (default-locale) page's
path under L's prefix; ``HomePage.route`` serves such a path from the source tree with L's
interface. Listings show each page once per language: its translation, or the source page.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site


def active_locale() -> Locale:
    """The Wagtail locale of the active language (the default locale if it has none)."""
    return Locale.get_active()


def _fallback_path(page, language: str, request=None) -> str | None:
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            with translation.override(language):
                return reverse("wagtail_serve", args=(page.url_path[len(root.root_path) :],))
    return None


def page_url(page, language: str | None = None, request=None) -> str | None:
    """The URL of ``page`` for a shopper reading ``language`` (the active one by default)."""
    language = language or translation.get_language()
    known = getattr(page, "_cms_translations", None)
    if page.locale.language_code == language:
        return page.get_url(request)
    if known is not None:
        translated = known.get(language)
    else:
        translated = page.get_translations().live().filter(locale__language_code=language).first()
    if translated is not None:
        return translated.get_url(request)
    source = page
    default = Locale.get_default()
    if page.locale_id != default.pk:
        source = page.get_translation_or_none(default) or page
    return _fallback_path(source, language, request)


def page_urls(pages, language: str | None = None, request=None) -> dict[int, str | None]:
    """``page_url`` for many pages with one query for their translations."""
    language = language or translation.get_language()
    pages = [page for page in pages if page is not None]
    keys = {page.translation_key for page in pages}
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=keys, locale__language_code=language
        )
    }
    urls = {}
    for page in pages:
        page._cms_translations = {language: translated.get(page.translation_key)}
        urls[page.pk] = page_url(page, language, request)
    return urls


def localized_pages(
    model, locale: Locale, *, order_by=("path",), select_related=(), children_of=None
):
    """Live pages of ``model`` for ``locale``: each page once, in that locale if translated
    there, else its default-locale source. ``children_of``: only children of these pages."""
    default = Locale.get_default()
    pages = (
        model.objects.live()
        .public()
        .filter(locale__in={locale.pk, default.pk})
        .select_related("locale", *select_related)
        .order_by(*order_by)
    )
    if children_of is not None:
        parents = list(children_of)
        if not parents:
            return []
        pages = pages.filter(
            reduce(or_, (Q(path__startswith=p.path, depth=p.depth + 1) for p in parents))
        )
    pages = list(pages)
    translated = {page.translation_key for page in pages if page.locale_id == locale.pk}
    result = []
    for page in pages:
        if page.locale_id == locale.pk:
            result.append(page)
        elif page.translation_key not in translated:
            page._cms_translations = {locale.language_code: None}
            result.append(page)
    return result
