"""Locale-aware display of dates and money with Babel, in the active language.

Prices in templates use Oscar's ``currency`` filter, which already formats with Babel for the
active language (oscar/templatetags/currency_filters.py); ``format_money`` is the same call for
Python code. Customs times have their own helper (Asia/Shanghai, fixed formats) in the customs
issue: these functions are for people only.
"""

import datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, to_locale
from oscar.templatetags.currency_filters import currency


def active_locale() -> str:
    return to_locale(get_language() or settings.LANGUAGE_CODE)


def format_money(amount: Decimal, currency_code: str = "CNY") -> str:
    return currency(amount, currency_code)


def format_local_date(value: datetime.date | datetime.datetime, fmt: str = "medium") -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return format_date(value, format=fmt, locale=active_locale())


def format_local_datetime(value: datetime.datetime, fmt: str = "medium") -> str:
    return format_datetime(
        timezone.localtime(value),
        format=fmt,
        tzinfo=timezone.get_current_timezone(),
        locale=active_locale(),
    )
