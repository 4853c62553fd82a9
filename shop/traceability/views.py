"""去向可查: the public batch look-up. A shopper types the batch code from the package and sees the
product, its origin, dates and certificate and report numbers — never files, merchants' users
or anything of goods that are not public. An unknown code says only that it is unknown.
Look-ups are counted per client address (``shop.core.ratelimit``) so the codes cannot be
enumerated: over ``SHOP_TRACE_LOOKUP_LIMIT`` per ``SHOP_TRACE_LOOKUP_PERIOD`` seconds → 429."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import generic

from shop.core.ratelimit import client_ip, ratelimit_hit

from . import selectors
from .models import normalise_batch_code

MAX_CODE_LENGTH = 64


def lookup_limit() -> tuple[int, int]:
    return (
        int(getattr(settings, "SHOP_TRACE_LOOKUP_LIMIT", 30)),
        int(getattr(settings, "SHOP_TRACE_LOOKUP_PERIOD", 600)),
    )


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Batch code"),
        max_length=MAX_CODE_LENGTH + 16,
        help_text=_("Printed on the package, usually next to the production or expiry date."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        return normalise_batch_code(self.cleaned_data["code"])[:MAX_CODE_LENGTH]


class LookupFormView(generic.View):
    template_name = "shop/traceability/lookup.html"

    def get(self, request):
        form = LookupForm(request.GET or None)
        if form.is_bound and form.is_valid() and form.cleaned_data["code"]:
            return redirect("traceability:batch", code=form.cleaned_data["code"])
        return TemplateResponse(request, self.template_name, {"form": form})


class BatchLookupView(generic.View):
    template_name = "shop/traceability/lookup.html"

    def get(self, request, code):
        limit, period = lookup_limit()
        if not ratelimit_hit("trace-lookup", client_ip(request), limit=limit, period=period):
            return TemplateResponse(
                request,
                "shop/traceability/lookup_limited.html",
                {"retry_minutes": max(1, period // 60)},
                status=429,
            )
        code = normalise_batch_code(code)[:MAX_CODE_LENGTH]
        batches = selectors.batch_lookup(code=code)
        return TemplateResponse(
            request,
            self.template_name,
            {
                "form": LookupForm(initial={"code": code}),
                "code": code,
                "batches": batches,
                "looked_up": True,
            },
            status=200 if batches else 404,
        )
