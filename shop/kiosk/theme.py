"""Which template engine renders a request: ``"kiosk"`` (themes/kiosk/templates first, then the
web theme) for a paired kiosk, the default web engine otherwise. Each engine has its own cached
loader, so a template cached for one theme is never served to the other."""

KIOSK_ENGINE = "kiosk"


def engine_for(request) -> str | None:
    """The ``using=`` argument for render()/render_to_string() on this request."""
    return KIOSK_ENGINE if getattr(request, "kiosk", None) is not None else None
