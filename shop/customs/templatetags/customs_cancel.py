from django import template

from shop.customs.cancellation import cancellation_state
from shop.customs.forms import CancelForm

register = template.Library()


@register.simple_tag
def declaration_cancellation(declaration):
    """``{% declaration_cancellation declaration as cancellation %}``: where the shopper's
    cancellation stands (``state``, ``reason``, ``can_cancel``)."""
    return cancellation_state(declaration)


@register.simple_tag
def cancel_form():
    return CancelForm()
