"""Language helpers: switch language without losing your place."""

from django.urls import translate_url


def url_in_language(request, language: str) -> str:
    """The current page in another language: same path under the other prefix, same query string
    (search text, page, sort). Falls back to that language's home page when the path does not
    resolve (e.g. a 404 page)."""
    path = request.path
    translated = translate_url(path, language)
    if translated == path and not path.startswith(f"/{language}/"):
        translated = f"/{language}/"
    query = request.META.get("QUERY_STRING", "")
    return f"{translated}?{query}" if query else translated
