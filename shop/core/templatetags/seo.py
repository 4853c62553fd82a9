"""``{% page_alternates as alternates %}``: the hreflang alternates and canonical URL of the page
being rendered (shop/core/seo.py), printed by ``shop/partials/hreflang.html``."""

from django import template

from shop.core.seo import page_alternates as _page_alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def page_alternates(context):
    """None on error pages and pages that are not public (dashboard, admin, previews).

    ``page`` is taken as the Wagtail page only when it is one: Oscar's listings use ``page`` for
    the paginator's page."""
    from wagtail.models import Page

    # Django's error views (404, 403) put the exception in the context: not a page to index
    if "exception" in context:
        return None
    page = context.get("page")
    return _page_alternates(context.get("request"), page if isinstance(page, Page) else None)
