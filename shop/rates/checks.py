"""System checks for the reference-price settings (issue #11): a typo in a currency code would
otherwise just hide every reference price of that language, silently."""

from babel.numbers import is_currency
from django.conf import settings
from django.core import checks

from .models import SETTLEMENT_CURRENCY


@checks.register()
def check_reference_currencies(app_configs, **kwargs):
    problems = []
    mapping = getattr(settings, "SHOP_REFERENCE_CURRENCIES", {}) or {}
    languages = {code for code, _name in settings.LANGUAGES}
    for language, currency in mapping.items():
        if language not in languages:
            problems.append(
                checks.Error(
                    f"SHOP_REFERENCE_CURRENCIES names {language!r}, not one of LANGUAGES",
                    id="rates.E001",
                )
            )
        if not (isinstance(currency, str) and len(currency) == 3 and is_currency(currency)):
            problems.append(
                checks.Error(
                    f"SHOP_REFERENCE_CURRENCIES[{language!r}] = {currency!r} is not an ISO 4217 "
                    "currency code",
                    id="rates.E002",
                )
            )
        if language == settings.LANGUAGE_CODE or currency == SETTLEMENT_CURRENCY:
            problems.append(
                checks.Warning(
                    f"SHOP_REFERENCE_CURRENCIES[{language!r}] is ignored: prices are in "
                    f"{SETTLEMENT_CURRENCY} there",
                    id="rates.W001",
                )
            )
    if getattr(settings, "SHOP_REFERENCE_RATE_MAX_AGE_DAYS", 7) < 0:
        problems.append(
            checks.Error("SHOP_REFERENCE_RATE_MAX_AGE_DAYS must be 0 or more", id="rates.E003")
        )
    return problems
