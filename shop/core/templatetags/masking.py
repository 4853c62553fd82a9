"""Masked personal data in templates: ``{% load masking %}{{ declarant.id_number|mask_id }}``.

The output is escaped like any other value (a name may contain ``<``).
"""

from django import template

from shop.core import masking

register = template.Library()


@register.filter
def mask_id(value):
    """{{ "210102199003071234"|mask_id }} -> 2101**********1234"""
    return masking.mask_id_number(value)


@register.filter
def mask_phone(value):
    """{{ "13812345678"|mask_phone }} -> 138****5678"""
    return masking.mask_phone(value)


@register.filter
def mask_name(value):
    """{{ "欧阳娜娜"|mask_name }} -> 欧***"""
    return masking.mask_name(value)
