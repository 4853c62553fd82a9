"""Template helpers for CMS pages and the site menus (issue #11)."""

from django import template
from django.conf import settings
from django.utils import translation

from cms.localization import page_url, page_urls
from cms.models import Menu
from shop.core import fragments

register = template.Library()

_LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def cms_page_url(context, page):
    """The page's URL in the active language (its translation, or the source page under this
    language's prefix)."""
    return page_url(page, request=context.get("request")) or ""


def _item_url(item, urls):
    if item.link_page_id:
        return urls.get(item.link_page_id)
    url = item.link_url
    if url.startswith("/") and not url.startswith(_LANGUAGE_PREFIXES):
        # a site path without language: the shopper stays in their language
        return f"/{translation.get_language()}{url}"
    return url


@register.simple_tag(takes_context=True)
def cms_menu(context, location):
    """The menu at ``location`` ("header", "footer") for the active language only; the
    default language's menu when this language has none. Returns [{label, url, is_external}].

    Kept per process while no menu, menu item or page changes (issue #16: the menus cost six
    queries on every page; ``shop.core.fragments``)."""
    request = context.get("request")
    host = request.get_host() if request is not None else ""
    key = fragments.fragment_key("menu", request, location, host)
    local = fragments.local_cache()
    links = local.get(key)
    if links is None:
        links = _menu_links(context, location)
        local.set(key, links, fragments.FRAGMENT_SECONDS)
    return links


def _menu_links(context, location):
    language = translation.get_language()
    menus = {
        menu.locale.language_code: menu
        for menu in Menu.objects.filter(
            location=location, locale__language_code__in={language, settings.LANGUAGE_CODE}
        ).select_related("locale")
    }
    # the site's default language is Wagtail's default locale; no Locale query needed
    menu = menus.get(language) or menus.get(settings.LANGUAGE_CODE)
    if menu is None:
        return []
    items = list(menu.items.select_related("link_page", "link_page__locale"))
    urls = page_urls([item.link_page for item in items], language, context.get("request"))
    links = []
    for item in items:
        url = _item_url(item, urls)
        if url:
            links.append(
                {"label": item.label, "url": url, "is_external": url.startswith("https://")}
            )
    return links
