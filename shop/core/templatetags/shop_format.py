from django import template
from django.utils.translation import gettext_lazy as _

from shop.core.formatting import format_local_date, format_local_datetime

register = template.Library()


@register.filter
def babel_date(value, fmt="medium"):
    """{{ order.date_placed|babel_date:"long" }} -> 2026年11月23日 / 23 ноября 2026 г."""
    return format_local_date(value, fmt) if value else ""


@register.filter
def babel_datetime(value, fmt="medium"):
    return format_local_datetime(value, fmt) if value else ""


# Oscar stores order statuses as plain strings (settings.OSCAR_ORDER_STATUS_PIPELINE); these
# are their translations for display.
ORDER_STATUSES = {
    "Pending payment": _("Pending payment"),
    "Paid": _("Paid"),
    "Shipped": _("Shipped"),
    "Complete": _("Complete"),
    "Cancelled": _("Cancelled"),
}


@register.filter
def order_status(value):
    """{{ order.status|order_status }} -> 待支付 / 결제 대기 …"""
    return ORDER_STATUSES.get(value, value)
