"""Oscar's ``history_tags`` with the recently viewed products loaded as product cards (issue #16).

Registered in place of Oscar's library (``TEMPLATES[...]["OPTIONS"]["libraries"]``), so Oscar's
product page template's ``{% load history_tags %}`` finds it. Oscar's tag loads the shopper's
recently viewed products with ``in_bulk`` and the cards then need their stock records, images
and class loaded again; here they come with all of that at once (``card_queryset``), the same
products in the same order.
"""

from django import template
from oscar.core.loading import get_class
from oscar.templatetags.history_tags import get_back_button

from shop.apps.catalogue.cards import card_queryset

CustomerHistoryManager = get_class("customer.history", "CustomerHistoryManager")

register = template.Library()
register.simple_tag(takes_context=True)(get_back_button)


@register.inclusion_tag("oscar/customer/history/recently_viewed_products.html", takes_context=True)
def recently_viewed_products(context, current_product=None):
    request = context["request"]
    ids = CustomerHistoryManager.extract(request)
    if current_product:  # not loaded at all, rather than loaded and left out
        ids = [pk for pk in ids if pk != current_product.pk]
    found = card_queryset().browsable().in_bulk(ids)
    products = [found[pk] for pk in reversed(ids) if pk in found]
    return {"products": products, "request": request}
