"""``{% load merchant_scoping %}{{ order.shipping_address.name|mask_consignee }}`` (issue #12)."""

from django import template

from shop.core.masking import mask_name

register = template.Library()


def mask_consignee_name(value) -> str:
    """Oscar stores a Chinese consignee as first name + " " + last name (``"李 明"``), parts of
    one character that ``mask_name`` leaves visible; such a name is masked as one word
    (``"李*"``). Other names are masked part by part (``"I*** P*****"``)."""
    parts = str(value or "").split()
    if parts and min(len(part) for part in parts) == 1:
        return mask_name("".join(parts))
    return mask_name(" ".join(parts))


register.filter("mask_consignee", mask_consignee_name)
