"""``{% load sanitize %}{{ product.description|sanitize }}`` in place of ``|safe`` for
merchant-entered rich text: the stored text is cleaned when saved, and again here for rows
written behind the models' back (a raw ``update()``, an import)."""

from django import template
from django.utils.safestring import mark_safe

from shop.core.sanitize import sanitize_html

register = template.Library()


@register.filter(is_safe=True)
def sanitize(value):
    """The allow-listed subset of ``value``, marked safe."""
    if value is None:
        return ""
    return mark_safe(sanitize_html(str(value)))  # noqa: S308 - cleaned by nh3 on the line above
