from django import template

from shop.core.formatting import format_local_date, format_local_datetime

register = template.Library()


@register.filter
def babel_date(value, fmt="medium"):
    """{{ order.date_placed|babel_date:"long" }} -> 2026年11月23日 / 23 ноября 2026 г."""
    return format_local_date(value, fmt) if value else ""


@register.filter
def babel_datetime(value, fmt="medium"):
    return format_local_datetime(value, fmt) if value else ""
