"""Demo reference rates (issue #11): today's KRW, JPY and RUB rates, so ko/ja/ru shoppers see
reference amounts right after ``load_demo``. DEMO VALUES (rough 2026 levels), not published
rates; the note says so on every row."""

from decimal import Decimal

from django.utils import timezone

from shop.rates.models import ReferenceRate

DEMO_RATES = {"KRW": Decimal("190.00"), "JPY": Decimal("21.00"), "RUB": Decimal("12.50")}
DEMO_NOTE = "Demo value, not a published rate"


def demo_rates_load() -> int:
    """Create or update today's demo rates; returns how many. A rate staff entered for today
    (another note) is left alone."""
    today = timezone.localdate()
    for currency, rate in DEMO_RATES.items():
        existing = ReferenceRate.objects.filter(currency=currency, rate_date=today).first()
        if existing is None:
            ReferenceRate.objects.create(
                currency=currency, rate_date=today, rate=rate, note=DEMO_NOTE
            )
        elif existing.note == DEMO_NOTE and existing.rate != rate:
            existing.rate = rate
            existing.save()
    return len(DEMO_RATES)
