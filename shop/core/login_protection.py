"""Limits on password guessing and password-reset mail (issue #10).

- Logins: django-axes locks a username + client address out after ``AXES_FAILURE_LIMIT`` wrong
  passwords, for ``AXES_COOLOFF_TIME``. Oscar's login, the Django admin and the Wagtail admin
  all call ``authenticate(request, …)``, so one backend covers all three.
- Password reset: ``PasswordResetView`` counts requests per client address and per e-mail
  address in the shared cache (``shop.core.ratelimit``); over either limit no mail is sent.
"""

from __future__ import annotations

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from oscar.core.loading import get_class
from oscar.views.decorators import login_forbidden

from shop.core.ratelimit import client_ip, ratelimit_hit


class LoginLockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check, for logins that come with a request.

    Oscar's registration (``RegisterUserMixin.register_user``) authenticates the account it just
    created without passing the request; stock Axes raises ValueError there and registration
    fails. That call checks the password the shopper has just chosen, not a guess, so it is
    left to the next backend. Every web login form passes the request and is checked."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_username(request, credentials=None) -> str | None:
    """The account a login attempt is about (``AXES_USERNAME_CALLABLE``).

    Logins accept an e-mail address in any letter case (Oscar's EmailBackend) or a username, so
    the typed text would let an attacker multiply their attempts ("Lin@…", "LIN@…", "lin");
    attempts on an existing account are counted against that account, others against the
    case-folded text. Also makes a successful login (which Axes reports by username) clear the
    failures typed as an e-mail address."""
    typed = None
    if credentials:
        typed = credentials.get("username") or credentials.get("email")
    if not typed and request is not None:
        data = getattr(request, "POST", {})
        typed = data.get("username") or data.get("login-username")
    if not typed:
        return None
    typed = str(typed).strip()
    User = get_user_model()
    lookup = {"email__iexact": typed} if "@" in typed else {User.USERNAME_FIELD: typed}
    matches = list(User._default_manager.filter(**lookup).values_list("pk", flat=True)[:2])
    if len(matches) == 1:
        return f"user:{matches[0]}"
    return typed.casefold()


def lockout_response(request, original_response=None, credentials=None):
    """The translated lockout page (``AXES_LOCKOUT_CALLABLE``), status 429."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "shop/login_locked_out.html",
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


@method_decorator(login_forbidden, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Oscar's password-reset page (same URL, form and template; see ``oscar.config.Shop``)
    with a limit on the e-mails it sends."""

    template_name = "oscar/registration/password_reset_form.html"
    success_url = reverse_lazy("password-reset-done")

    def get_form_class(self):
        return get_class("customer.forms", "PasswordResetForm")

    def form_valid(self, form):
        period = settings.SHOP_PASSWORD_RESET_PERIOD_SECONDS
        # Both counters advance, so neither rotating addresses nor rotating e-mails helps.
        by_ip = ratelimit_hit(
            "password-reset-ip",
            client_ip(self.request),
            limit=settings.SHOP_PASSWORD_RESET_LIMIT_PER_IP,
            period=period,
        )
        by_email = ratelimit_hit(
            "password-reset-email",
            form.cleaned_data["email"].strip().casefold(),
            limit=settings.SHOP_PASSWORD_RESET_LIMIT_PER_EMAIL,
            period=period,
        )
        if not (by_ip and by_email):
            return TemplateResponse(
                self.request,
                "shop/rate_limited.html",
                {"retry_minutes": math.ceil(period / 60)},
                status=429,
            )
        return super().form_valid(form)
