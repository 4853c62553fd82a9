"""Recognises a paired kiosk on every request (issue #14).

``request.kiosk`` is the active KioskDevice or None. Only a request carrying a valid signed
device cookie of a paired, unrevoked device is a kiosk: a normal browser never is. A request
with a device cookie that no longer works (revoked, re-paired, forged) is sent to the pairing
screen. Kiosk responses render with the kiosk theme, are never cached by the browser (nothing
of one shopper comes back with the back button) and cannot reach sign-in, checkout or the back
offices: the kiosk never collects personal data or payments; the shopper's phone does.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from . import devices
from .theme import KIOSK_ENGINE

# URL namespaces a kiosk never shows (sign-in, accounts, checkout, payments, ID checks, back offices)
BLOCKED_NAMESPACES = {
    "checkout",
    "customer",
    "wishlists",
    "payments",
    "customs",
    "dashboard",
    "admin",
}
BLOCKED_PREFIXES = ("/django-admin/", "/cms-admin/", "/documents/")


def _exempt_from_pairing(path: str) -> bool:
    """Paths a device with a dead cookie may still load: the pairing page, its assets."""
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL, "/i18n/")):
        return True
    if path in ("/kiosk-sw.js", "/favicon.ico", "/robots.txt"):
        return True
    parts = path.strip("/").split("/")
    return parts[1:3] == ["kiosk", "pair"] or parts[1:] == ["jsi18n"]


class KioskMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.kiosk = None
        raw = request.COOKIES.get(devices.cookie_name())
        if raw:
            device = devices.active_device(devices.device_key_from_cookie(raw))
            if device is None:
                if not _exempt_from_pairing(request.path_info):
                    return redirect(reverse("kiosk:pair"))
            else:
                request.kiosk = device
                devices.touch_last_seen(device)
        response = self.get_response(request)
        if request.kiosk is not None:
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.kiosk is None:
            return None
        match = request.resolver_match
        namespaces = set(match.namespaces) if match else set()
        if (
            namespaces & BLOCKED_NAMESPACES
            or any(ns.endswith("dashboard") for ns in namespaces)
            or (match and (match.url_name or "").startswith("password-reset"))
            or request.path_info.startswith(BLOCKED_PREFIXES)
        ):
            return redirect(reverse("basket:summary"))
        return None

    def process_template_response(self, request, response):
        if getattr(request, "kiosk", None) is not None:
            response.using = KIOSK_ENGINE
        return response
