"""Kiosk pages (issue #14): pairing, attract loop, reset, barcode scan, staff code, offline page
and the service worker. Every page except pairing exists only for a paired kiosk (404
elsewhere: a normal browser never gets kiosk mode)."""

import json
import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from shop.core.ratelimit import client_ip, ratelimit_hit

from . import devices, staff
from .attract import attract_slides
from .forms import PairingForm, StaffCodeForm
from .reset import kiosk_home_url, reset_kiosk_session
from .theme import KIOSK_ENGINE

Product = get_model("catalogue", "Product")

PAIR_ATTEMPTS, PAIR_PERIOD = 10, 600
EAN_RE = re.compile(r"^\d{8,14}$")


def kiosk_settings():
    return {
        "idle_seconds": int(getattr(settings, "SHOP_KIOSK_IDLE_SECONDS", 60)),
        "countdown_seconds": int(getattr(settings, "SHOP_KIOSK_COUNTDOWN_SECONDS", 15)),
    }


class KioskOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if getattr(request, "kiosk", None) is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PairView(View):
    """The device's pairing screen: staff type the one-time code from the dashboard."""

    template_name = "kiosk/pair.html"

    def render(self, request, form, status=200):
        return TemplateResponse(
            request, self.template_name, {"form": form}, status=status, using=KIOSK_ENGINE
        )

    def get(self, request):
        return self.render(request, PairingForm())

    def post(self, request):
        form = PairingForm(request.POST)
        if not ratelimit_hit(
            "kiosk-pair", client_ip(request), limit=PAIR_ATTEMPTS, period=PAIR_PERIOD
        ):
            form.is_valid()
            form.add_error(None, _("Too many attempts. Wait a few minutes and try again."))
            return self.render(request, form, status=429)
        if form.is_valid():
            try:
                device = devices.pair_device(code=form.cleaned_data["code"])
            except devices.PairingError as error:
                form.add_error("code", error.message)
            else:
                response = reset_kiosk_session(request, redirect(kiosk_home_url(device)))
                devices.set_device_cookie(response, device=device, request=request)
                return response
        return self.render(request, form, status=400)


class AttractView(KioskOnlyMixin, View):
    """The attract loop: full screen slides; a touch anywhere goes to the kiosk's home page."""

    def get(self, request):
        return TemplateResponse(
            request,
            "kiosk/attract.html",
            {"slides": attract_slides(request=request), "device": request.kiosk},
        )


class ResetView(KioskOnlyMixin, View):
    """ "Start over" and the end of the idle countdown: the next shopper starts clean."""

    def post(self, request):
        return reset_kiosk_session(request, redirect(kiosk_home_url(request.kiosk)))


def _upc_candidates(code: str) -> list[str]:
    """EAN-13 with a leading 0 is the UPC-A code, and the other way round."""
    candidates = [code]
    if len(code) == 13 and code.startswith("0"):
        candidates.append(code[1:])
    if len(code) == 12:
        candidates.append("0" + code)
    return candidates


class ScanView(KioskOnlyMixin, View):
    """A barcode scanner types the EAN and Enter: to the product with that UPC."""

    def get(self, request):
        code = (request.GET.get("code") or "").strip()
        product = None
        if EAN_RE.match(code):
            product = (
                Product.objects.browsable()
                .filter(upc__in=_upc_candidates(code), is_public=True)
                .order_by("pk")
                .first()
            )
            if product is None:
                # a variant's code: show its parent's page
                child = (
                    Product.objects.filter(
                        upc__in=_upc_candidates(code), parent__isnull=False, is_public=True
                    )
                    .select_related("parent")
                    .first()
                )
                product = child.parent if child and child.parent.is_public else None
        if product is not None:
            return redirect(product.get_absolute_url())
        return TemplateResponse(
            request, "kiosk/scan_not_found.html", {"code": code[:32]}, status=404
        )


class StaffCodeView(KioskOnlyMixin, View):
    template_name = "kiosk/staff.html"

    def render(self, request, form, status=200):
        return TemplateResponse(
            request,
            self.template_name,
            {"form": form, "staff_member": staff.current_staff_member(request)},
            status=status,
        )

    def get(self, request):
        return self.render(request, StaffCodeForm(store=request.kiosk.store))

    def post(self, request):
        if request.POST.get("action") == "clear":
            staff.clear_staff_member(request)
            return redirect(reverse("kiosk:staff"))
        form = StaffCodeForm(request.POST, store=request.kiosk.store)
        allowed = ratelimit_hit(
            "kiosk-staff", request.kiosk.pk, limit=PAIR_ATTEMPTS, period=PAIR_PERIOD
        )
        if not allowed:
            form.is_valid()
            form.add_error(None, _("Too many attempts. Wait a few minutes and try again."))
            return self.render(request, form, status=429)
        if form.is_valid():
            staff.set_staff_member(request, form.member)
            return redirect(reverse("basket:summary"))
        return self.render(request, form, status=400)


class OfflineView(KioskOnlyMixin, View):
    """The page the service worker keeps for when the server cannot be reached."""

    def get(self, request):
        return TemplateResponse(request, "kiosk/offline.html", {})


def offline_urls() -> list[str]:
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("kiosk:offline"))
    return urls


def service_worker(request):
    """The kiosk's service worker at the root scope (/kiosk-sw.js); only for a paired kiosk."""
    if getattr(request, "kiosk", None) is None:
        raise Http404
    body = render_to_string(
        "kiosk/sw.js",
        {
            "offline_urls": json.dumps(offline_urls()),
            "assets": json.dumps([static("kiosk/kiosk.css"), static("kiosk/offline.js")]),
            "version": json.dumps(f"kiosk-offline-{settings.SHOP_KIOSK_SW_VERSION}"),
        },
        using=KIOSK_ENGINE,
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response
