from django import template

from ..staff import current_staff_member

register = template.Library()


@register.simple_tag(takes_context=True)
def kiosk_staff_member(context):
    """The staff member entered on this kiosk session (or None)."""
    request = context.get("request")
    return current_staff_member(request) if request is not None else None


@register.simple_tag
def kiosk_settings():
    """Idle and countdown seconds for kiosk.js (read per request, so tests can override them)."""
    from ..views import kiosk_settings as values

    return values()
