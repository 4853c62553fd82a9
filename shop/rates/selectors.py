"""Which reference rate applies now (issue #11).

A rate is *current* for a currency when it is the newest one dated today or earlier and at most
``SHOP_REFERENCE_RATE_MAX_AGE_DAYS`` old; a future-dated rate is not used yet, and a stale or
missing one means no reference price at all (better none than a wrong one).

Cost: the current rates of every configured currency come from one small indexed query, made at
most once per request (kept on the request object) however many prices a page shows. There is
no process-wide cache, so a rate staff change is used by every web process from the next request
on and a test never sees another test's rates.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import SETTLEMENT_CURRENCY, ReferenceRate

_REQUEST_ATTRIBUTE = "_shop_reference_rates"


def reference_currencies() -> dict[str, str]:
    """Language code -> reference currency, from ``SHOP_REFERENCE_CURRENCIES``. The default
    language (zh-hans) and the settlement currency never appear: CNY *is* the price there."""
    mapping = getattr(settings, "SHOP_REFERENCE_CURRENCIES", {}) or {}
    return {
        language: currency
        for language, currency in mapping.items()
        if language != settings.LANGUAGE_CODE and currency and currency != SETTLEMENT_CURRENCY
    }


def reference_currency_for_language(language: str | None) -> str | None:
    if not language:
        return None
    return reference_currencies().get(language)


def reference_rate_max_age_days() -> int:
    return int(getattr(settings, "SHOP_REFERENCE_RATE_MAX_AGE_DAYS", 7))


def reference_rate_is_current(rate_date: datetime.date, *, today: datetime.date) -> bool:
    """Dated today or earlier, and no more than the maximum age old."""
    return today - datetime.timedelta(days=reference_rate_max_age_days()) <= rate_date <= today


def reference_rate_list_current(
    *, today: datetime.date | None = None, currencies=None
) -> dict[str, ReferenceRate]:
    """Currency -> its current rate, for the configured currencies (or ``currencies``); a
    currency without a current rate is absent. One query (none when no currency is configured)."""
    today = today or timezone.localdate()
    wanted = sorted(set(currencies if currencies is not None else reference_currencies().values()))
    if not wanted:
        return {}
    oldest = today - datetime.timedelta(days=reference_rate_max_age_days())
    current: dict[str, ReferenceRate] = {}
    for rate in ReferenceRate.objects.filter(
        currency__in=wanted, rate_date__lte=today, rate_date__gte=oldest
    ).order_by("currency", "-rate_date"):
        current.setdefault(rate.currency, rate)
    return current


def reference_rate_for_request(request, currency: str) -> ReferenceRate | None:
    """The current rate of ``currency``, loading all current rates once per request (and once
    per day, should a request straddle midnight). ``request`` may be None: then the caller
    passes something else to keep the rates on, or pays one query per call."""
    today = timezone.localdate()
    memo = getattr(request, _REQUEST_ATTRIBUTE, None) if request is not None else None
    if memo is None or memo[0] != today:
        memo = (today, reference_rate_list_current(today=today))
        if request is not None:
            setattr(request, _REQUEST_ATTRIBUTE, memo)
    return memo[1].get(currency)


def reference_rate_forget(request) -> None:
    """Drop the rates kept on ``request`` (after the request itself changed the table)."""
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        delattr(request, _REQUEST_ATTRIBUTE)


def reference_rate_status_list(*, today: datetime.date | None = None) -> list[dict]:
    """For the dashboard: per language with a reference currency, the rate shoppers see today
    (``current``), or the newest one that is too old (``stale``), or none (``missing``), and
    the newest future-dated one waiting for its day."""
    today = today or timezone.localdate()
    rows = []
    for language, currency in reference_currencies().items():
        latest = (
            ReferenceRate.objects.filter(currency=currency, rate_date__lte=today)
            .order_by("-rate_date")
            .first()
        )
        upcoming = (
            ReferenceRate.objects.filter(currency=currency, rate_date__gt=today)
            .order_by("rate_date")
            .first()
        )
        if latest is None:
            state = "missing"
        elif reference_rate_is_current(latest.rate_date, today=today):
            state = "current"
        else:
            state = "stale"
        rows.append(
            {
                "language": language,
                "currency": currency,
                "rate": latest,
                "state": state,
                "upcoming": upcoming,
            }
        )
    return rows
