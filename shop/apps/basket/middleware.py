"""Oscar's basket middleware; the basket's vouchers read once per request (issue #16)."""

from django.db.models import prefetch_related_objects
from oscar.apps.basket.middleware import BasketMiddleware as CoreBasketMiddleware


class BasketMiddleware(CoreBasketMiddleware):
    def apply_offers_to_basket(self, request, basket):
        # Oscar reads basket.vouchers at every offer application: on the basket page and
        # add-to-basket twice. Prefetched here, both use one read; adding or removing a voucher
        # drops the prefetched list (Django's related manager), so the next one reads afresh.
        if basket.id and not basket.is_empty:
            prefetch_related_objects([basket], "vouchers")
        super().apply_offers_to_basket(request, basket)
