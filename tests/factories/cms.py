"""CMS page helpers for tests (issue #11): a HomePage as the default site's root, pages under
it, translations made the way wagtail-localize makes them (copy for the locale, then publish)."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from cms.models import HomePage


def locales():
    """Every content language as a Wagtail locale (migrations make only the default one)."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def home_page(**fields):
    """A live HomePage in the default locale, made the default site's root."""
    locales()
    root = Page.objects.get(depth=1)
    fields.setdefault("title", "首页")
    fields.setdefault("slug", "shop-home")
    fields.setdefault("hero_title", "东北亚跨境购")
    home = root.add_child(instance=HomePage(locale=Locale.get_default(), **fields))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def add_page(parent, page):
    """Add ``page`` under ``parent`` and publish it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, language, **fields):
    """A published translation of ``page`` into ``language`` with these field values (parents
    are copied as wagtail-localize does with copy_parents)."""
    locale = locales()[language]
    translated = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
