"""Kiosk hand-off pages and the shelf-label link (issue #14). Thin: parse, call a service,
render (``TemplateResponse``, so a kiosk request gets the kiosk theme)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from shop.kiosk.reset import kiosk_home_url, reset_kiosk_session
from shop.kiosk.staff import current_staff_member
from shop.stores.models import ExperienceStore

from . import qr, services
from .models import Channel, HandoffToken

Product = get_model("catalogue", "Product")


def _kiosk_or_403(request):
    device = getattr(request, "kiosk", None)
    if device is None:
        raise PermissionDenied
    return device


def _kiosk_token_or_404(request, public_id) -> HandoffToken:
    """A hand-off of this kiosk (another kiosk's id is not found)."""
    device = _kiosk_or_403(request)
    return get_object_or_404(HandoffToken, public_id=public_id, device=device)


@require_POST
def handoff_create(request):
    """The kiosk basket's "Order on my phone": copy the basket into a hand-off, show its QR."""
    device = _kiosk_or_403(request)
    try:
        created = services.handoff_create(
            basket=request.basket,
            device=device,
            staff_member=current_staff_member(request),
            language=get_language() or "",
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("basket:summary")
    # The link token is never stored: the QR page gets it once, through the session.
    request.session[f"handoff_link:{created.token.public_id}"] = created.link_token
    return redirect("attribution:handoff-show", public_id=created.token.public_id)


@never_cache
@require_GET
def handoff_show(request, public_id):
    """The big QR code of the phone link, the short link as text; the page polls the status."""
    token = _kiosk_token_or_404(request, public_id)
    link_token = request.session.get(f"handoff_link:{token.public_id}")
    context = {"token": token, "status": services.handoff_status(token), "lines": None}
    if link_token and context["status"] == "pending":
        url = request.build_absolute_uri(
            reverse("attribution:handoff-open", kwargs={"link_token": link_token})
        )
        context.update(handoff_url=url, qr_svg=qr.svg_inline(url))
    context["lines"] = token.lines.select_related("product")
    return TemplateResponse(request, "shop/attribution/handoff_kiosk.html", context)


@never_cache
@require_GET
def handoff_status(request, public_id):
    """JSON for the kiosk's polling script: ``{"status": "pending" | "opened" | …}``."""
    token = _kiosk_token_or_404(request, public_id)
    return JsonResponse({"status": services.handoff_status(token)})


@require_POST
def handoff_done(request, public_id):
    """ "Done" on the kiosk (pressed, or sent by the script once the phone opened the link): the
    link stops working if still unopened and the kiosk is reset for the next shopper."""
    token = _kiosk_token_or_404(request, public_id)
    services.handoff_close(token=token)
    response = redirect(kiosk_home_url(request.kiosk))
    return reset_kiosk_session(request, response)


class HandoffOpenView(View):
    """The phone opens the QR link: the basket is recreated in this (normal web) session with
    the kiosk's attribution, and the shopper goes to the basket to sign in and pay. An expired
    or reused link says so and lists the products to add again."""

    def head(self, request, *args, **kwargs):
        # Link checkers and previews ask with HEAD: they must not consume the token.
        return HttpResponse(status=200)

    def get(self, request, link_token):
        if getattr(request, "kiosk", None) is not None:
            # scanned with the kiosk itself: the basket is already here
            return redirect("basket:summary")
        opening = services.handoff_open(link_token=link_token, request=request)
        state = opening.state
        if state is services.HandoffState.OPENED:
            for problem in opening.problems:
                messages.warning(request, problem)
            messages.success(
                request,
                _(
                    "Your basket from the store is here. Sign in, give the orderer's real-name "
                    "details and pay on this phone."
                ),
            )
            return redirect("basket:summary")
        if state is services.HandoffState.ALREADY_OPENED_HERE:
            messages.info(request, _("You have already moved this basket to this phone."))
            return redirect("basket:summary")
        context = {"state": state.value, "token": opening.token}
        if opening.token is not None:
            context["lines"] = [
                line
                for line in opening.token.lines.select_related("product")
                if line.product.is_public
            ]
        status = 404 if state is services.HandoffState.INVALID else 410
        response = TemplateResponse(
            request, "shop/attribution/handoff_problem.html", context, status=status
        )
        response["Cache-Control"] = "no-store"
        return response


@require_GET
def shelf_link(request, store_code, product_pk):
    """A shelf label's QR code: remember the store (channel "shelf label") and show the product.

    Not signed, on purpose: it names only a public store and a public product, the attribution
    it records is last-touch marketing data that any real order confirms, and an unsigned URL
    keeps the printed QR code small enough to scan from a shelf edge."""
    store = get_object_or_404(ExperienceStore, code=store_code, is_active=True)
    product = get_object_or_404(Product, pk=product_pk, is_public=True)
    if getattr(request, "kiosk", None) is None:
        services.attribution_store(request.session, channel=Channel.SHELF_QR, store=store)
    return redirect(product.get_absolute_url())
