"""What production must not run with (issue #10): the one rule behind both the web entry points
(``shop/wsgi.py``, ``shop/asgi.py``, ``manage.py runserver``), which refuse to start, and
``manage.py check --deploy``, which lists the same problems — so the two never disagree.

The stand-ins are the embedded backends that would quietly harm people if they served real
shoppers: the payment sandbox (anyone can "pay"), the development customs signer (messages
signed by a key customs does not know), the folder exchange when no E-port transfer client reads
the folder (declarations never leave), Stripe without its webhook secret (payments never
confirmed), and a missing personal-data key.

The refusal lives in the entry points, not in settings or ``AppConfig.ready``: the test suite
runs with DEBUG off on the embedded backends, and so may a one-off management command.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# Embedded backends that are acceptable in production: the database search works on PostgreSQL
# (it does not scale like Elasticsearch, issue #13, but it harms nobody).
EMBEDDED_ACCEPTABLE_IN_PRODUCTION = {"search"}

# What to set, per role, to replace its embedded backend.
FIX = {
    "payments": "Set STRIPE_SECRET_KEY (with STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET): "
    "the sandbox lets anyone mark an order paid.",
    "customs_signer": "Set CUSTOMS_SIGNER_URL (and CUSTOMS_SIGNER_TOKEN) to the signing service "
    "holding the E-port card: the development key is not registered with customs.",
    "customs_transport": "Set CUSTOMS_GATEWAY_URL, or CUSTOMS_EXCHANGE_FOLDER=1 once the E-port "
    "transfer client really reads and writes CUSTOMS_EXCHANGE_DIR.",
}


def _backend_class(role: str):
    return import_string(settings.INTEGRATIONS[role]["BACKEND"])


def stand_in_problems() -> list[checks.CheckMessage]:
    """The embedded backends and missing secrets production refuses (errors, with the variable
    to set as hint). Reads ``settings`` only, so ``override_settings`` applies."""
    problems: list[checks.CheckMessage] = []
    for role, conf in settings.INTEGRATIONS.items():
        backend = _backend_class(role)
        if not getattr(backend, "embedded", False) or role in EMBEDDED_ACCEPTABLE_IN_PRODUCTION:
            continue
        if role == "customs_transport" and getattr(settings, "CUSTOMS_EXCHANGE_FOLDER", False):
            continue  # the operator says the E-port transfer client reads this folder
        problems.append(
            checks.Error(
                f"INTEGRATIONS[{role!r}] is the embedded {conf['BACKEND']}",
                hint=FIX.get(role, f"Configure the production backend for {role}."),
                id="integrations.E001",
            )
        )
    payments = settings.INTEGRATIONS.get("payments")
    if (
        payments
        and not getattr(_backend_class("payments"), "embedded", False)
        and not payments.get("OPTIONS", {}).get("webhook_secret")
    ):
        problems.append(
            checks.Error(
                "Stripe is configured without a webhook secret: payment confirmations, "
                "failures and refunds from Stripe would be rejected.",
                hint="Set STRIPE_WEBHOOK_SECRET (whsec_…, from the Stripe webhook endpoint).",
                id="integrations.E002",
            )
        )
    return problems


def production_problems() -> list[checks.CheckMessage]:
    """Everything that stops the shop from serving with ``SHOP_DEBUG`` off: the stand-ins and
    the personal-data key errors of ``shop_core.E001``/``E002``."""
    from shop.core.checks import check_encryption_keys

    return stand_in_problems() + [m for m in check_encryption_keys(None) if m.is_serious()]


def refuse_stand_ins() -> None:
    """Raise ImproperlyConfigured listing every production problem, unless DEBUG is on.

    Called by the web entry points after ``django.setup()``."""
    if settings.DEBUG:
        return
    problems = production_problems()
    if problems:
        lines = "\n".join(f"  - [{p.id}] {p.msg}\n    {p.hint}" for p in problems)
        raise ImproperlyConfigured(
            "Refusing to serve with SHOP_DEBUG off (production) on stand-ins:\n"
            f"{lines}\n"
            "For development run with SHOP_DEBUG=1 (make run does)."
        )
