from django.conf import settings
from django.utils.translation import get_language


def languages(request):
    """The language switcher's data: every language with the current page's URL in it."""
    from .i18n import url_in_language

    current = get_language()
    return {
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": url_in_language(request, code),
                "is_current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }
