"""Merchant-entered rich text (product and category descriptions, rich-text attributes) reduced
to an allow-list, so no merchant or stolen merchant account can store a script for shoppers
(issue #10, "No stored XSS").

``sanitize_html`` runs when the text is saved (catalogue models' pre_save, see
shop/apps/catalogue/models.py), when it is printed (the ``sanitize`` template filter, for rows
written behind the models' back) and once over existing rows (catalogue migration 0034).
"""

from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h2", "h3", "h4",
        "blockquote", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Oscar's product pages open links in the same tab; search engines should not credit them.
LINK_REL = "noopener noreferrer nofollow"
# Removed with their content, not just unwrapped: their text is code or styling, not prose.
CLEAN_CONTENT_TAGS = frozenset({"script", "style"})


def _is_own_image(src: str) -> bool:
    """Images only from our media storage or a relative URL on our own host: a foreign host
    would be blocked by the Content-Security-Policy and is unreachable from mainland China."""
    if "\\" in src or any(ord(ch) < 0x21 for ch in src):
        return False  # browsers read a backslash as "/"; control characters hide a scheme
    media_url = settings.MEDIA_URL or "/media/"
    if src.startswith(media_url):
        return True
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc and not src.startswith("//")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _is_own_image(value.strip()):
        return None
    return value


def sanitize_html(html: str | None) -> str | None:
    """The allowed subset of ``html`` (``None`` and ``""`` unchanged). Idempotent."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
