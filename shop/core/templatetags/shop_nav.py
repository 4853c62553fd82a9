"""The storefront's navigation without a query per page (issue #16)."""

from django import template
from oscar.templatetags.category_tags import get_annotated_list

from shop.core import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_categories(context):
    """The "Browse store" menu: Oscar's ``category_tree depth=1`` as [{name, url}], kept per
    process and language while the catalogue is unchanged (a category save bumps its version;
    ``shop.core.fragments``). Oscar's tag costs two queries and a tree walk on every page."""
    request = context.get("request")
    key = fragments.fragment_key("nav-categories", request)
    local = fragments.local_cache()
    links = local.get(key)
    if links is None:
        links = [
            {"name": info.name, "url": info.get_absolute_url()}
            for info in get_annotated_list(depth=1)
        ]
        local.set(key, links, fragments.FRAGMENT_SECONDS)
    return links
