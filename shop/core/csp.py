"""Content-Security-Policy (issue #10): django-csp's middleware, plus the payment provider's
origins when one is configured.

The base policy is settings.CONTENT_SECURITY_POLICY. Stripe is the one intentional exception to
"nothing from another host": when settings.INTEGRATIONS["payments"] is the Stripe gateway, its
Stripe.js origin (``js_url``) may run scripts and frames and its API origin (``api_base``) may be
called. They are read per response from the configured URLs (this module is the one place), so a
test pointing the gateway at tests/stripe_stub.py gets the stub's origin, and the sandbox gets no
exception at all.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings

STRIPE_BACKEND = "integrations.payments.stripe_gateway.StripeGateway"
STRIPE_JS_URL = "https://js.stripe.com/v3/"
STRIPE_API_URL = "https://api.stripe.com"
# Stripe's 3-D Secure and redirect-method pages are framed from here (Stripe's CSP guide).
STRIPE_HOOKS_ORIGIN = "https://hooks.stripe.com"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def payment_sources(conf: dict | None = None) -> dict[str, list[str]]:
    """The directives to extend for the configured payment gateway: empty for the sandbox."""
    conf = settings.INTEGRATIONS.get("payments", {}) if conf is None else conf
    if conf.get("BACKEND") != STRIPE_BACKEND:
        return {}
    options = conf.get("OPTIONS", {})
    js = _origin(options.get("js_url") or STRIPE_JS_URL)
    api = _origin(options.get("api_base") or STRIPE_API_URL)
    return {
        "script-src": [js],
        "frame-src": [js, STRIPE_HOOKS_ORIGIN],
        "connect-src": list(dict.fromkeys([api, js])),
    }


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware (extended through get_policy_parts, as its docs suggest)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        extra = payment_sources()
        if extra:
            update = dict(parts.update or {})
            for directive, sources in extra.items():
                existing = update.get(directive) or []
                existing = [existing] if isinstance(existing, str) else list(existing)
                update[directive] = existing + sources
            parts.update = update
        return parts
