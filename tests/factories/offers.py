"""Oscar offers and vouchers (issue #9 discounts)."""

import datetime
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

Range = get_model("offer", "Range")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")


def _offer(*, name, offer_type, benefit_type, value):
    everything = Range.objects.create(name=f"{name}: all products", includes_all_products=True)
    return ConditionalOffer.objects.create(
        name=name,
        offer_type=offer_type,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=everything, type=benefit_type, value=Decimal(value)),
    )


def site_offer(percent="20"):
    """A site-wide percentage discount on every product."""
    return _offer(
        name=f"{percent} % off everything",
        offer_type=ConditionalOffer.SITE,
        benefit_type=Benefit.PERCENTAGE,
        value=percent,
    )


def voucher(code="WELCOME30", amount="30.00"):
    """A multi-use voucher taking a fixed amount off the basket."""
    offer = _offer(
        name=f"Voucher {code}",
        offer_type=ConditionalOffer.VOUCHER,
        benefit_type=Benefit.FIXED,
        value=amount,
    )
    now = timezone.now()
    result = Voucher.objects.create(
        name=code,
        code=code,
        usage=Voucher.MULTI_USE,
        start_datetime=now - datetime.timedelta(days=1),
        end_datetime=now + datetime.timedelta(days=30),
    )
    result.offers.add(offer)
    return result
