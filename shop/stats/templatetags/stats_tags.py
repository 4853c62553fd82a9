from decimal import Decimal

from babel.numbers import format_decimal
from django import template
from django.utils.translation import get_language, to_locale

register = template.Library()


@register.filter
def stat(value):
    """A figure in the active language: money and hours with two decimals, counts whole,
    nothing as a dash."""
    if value is None:
        return "—"
    locale = to_locale(get_language() or "zh-hans")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return format_decimal(value, format="#,##0.00", locale=locale)
    if isinstance(value, int):
        return format_decimal(value, locale=locale)
    return value


@register.filter
def duration_hours(seconds):
    """Seconds as hours with one decimal, for the oldest waiting message."""
    if seconds is None:
        return "—"
    locale = to_locale(get_language() or "zh-hans")
    return format_decimal(Decimal(seconds) / 3600, format="#,##0.0", locale=locale)
