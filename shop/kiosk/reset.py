"""The kiosk's "next shopper" reset (issue #14): after the idle countdown, the "start over"
button, or a hand-off to the shopper's phone.

Nothing of the previous shopper may remain: the session is flushed (basket id, staff code,
messages, anything else kept there) and every cookie the browser sent is deleted except the
device cookie (Oscar's basket cookie, csrftoken, the language cookie, the session cookie...).
The language goes back to the device's default by sending the kiosk to that language's URL.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from . import devices

Basket = get_model("basket", "Basket")


def kiosk_home_url(device, *, attract: bool = True) -> str:
    """The kiosk's start: the attract loop (or the home page) in the device's default language."""
    with translation.override(device.default_language):
        return reverse("kiosk:attract") if attract else reverse("home")


def reset_kiosk_session(request, response):
    """Wipe the shopper's traces from ``request`` and ``response``; returns ``response``."""
    # Pending messages would be written back to their cookie: mark them read.
    for _message in messages.get_messages(request):
        pass
    request.session.flush()
    # Oscar's BasketMiddleware must not write a basket cookie back: from now on this request has
    # an empty, unsaved basket (the old basket is out of reach once its cookie is gone).
    request.basket = Basket()
    request._basket_cache = request.basket
    keep = devices.cookie_name()
    for name in (set(request.COOKIES) | set(response.cookies)) - {keep}:
        response.delete_cookie(name, path="/")
    # CsrfViewMiddleware must not send the old token back on this response.
    request.META.pop("CSRF_COOKIE", None)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    return response
