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


@register.simple_tag(takes_context=True)
def product_breadcrumbs(context, product):
    """[{name, url}] of the product's first browsable category and its ancestors, as Oscar's
    product page shows them (``product.get_categories.first.get_ancestors_and_self``: two queries
    a page). The product page's queryset brings that category's id (``first_category_id``) and the
    trail is kept per process, language and category while the catalogue is unchanged."""
    from oscar.core.loading import get_model

    if product.is_child or not hasattr(product, "first_category_id"):
        category = product.get_categories().first()
        return _trail(category)
    if product.first_category_id is None:
        return []
    key = fragments.fragment_key("breadcrumbs", context.get("request"), product.first_category_id)
    local = fragments.local_cache()
    trail = local.get(key)
    if trail is None:
        Category = get_model("catalogue", "Category")
        trail = _trail(Category.objects.filter(pk=product.first_category_id).first())
        local.set(key, trail, fragments.FRAGMENT_SECONDS)
    return trail


def _trail(category) -> list[dict]:
    if category is None:
        return []
    return [
        {"name": c.name, "url": c.get_absolute_url()} for c in category.get_ancestors_and_self()
    ]
