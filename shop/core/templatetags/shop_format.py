from django import template

from shop.core import statuses
from shop.core.formatting import format_local_date, format_local_datetime

register = template.Library()


@register.filter
def babel_date(value, fmt="medium"):
    """{{ order.date_placed|babel_date:"long" }} -> 2026年11月23日 / 23 ноября 2026 г."""
    return format_local_date(value, fmt) if value else ""


@register.filter
def babel_datetime(value, fmt="medium"):
    return format_local_datetime(value, fmt) if value else ""


@register.filter
def status_label(value):
    """{{ order.status|status_label }}, {{ line.status|status_label }} -> 已付款 / 결제 완료 …
    (the one mapping: shop/core/statuses.py)."""
    return statuses.status_label(value)


# the name the customer order page used first (issue #6)
order_status = register.filter("order_status", status_label)


@register.filter
def surcharge_label(surcharge):
    """{{ charge|surcharge_label }} -> 跨境进口税 (by the surcharge's code)."""
    return statuses.surcharge_label(surcharge)
