"""Oscar's basket middleware; the basket's vouchers read once per request, and not at all when
the open basket's query found it holds none (issue #16)."""

from django.core.signing import BadSignature, Signer
from django.db.models import prefetch_related_objects
from oscar.apps.basket.middleware import BasketMiddleware as CoreBasketMiddleware

from .models import set_prefetched_empty


class BasketMiddleware(CoreBasketMiddleware):
    def apply_offers_to_basket(self, request, basket):
        # Oscar reads basket.vouchers at every offer application: on the basket page and
        # add-to-basket twice. Prefetched here, both use one read; adding or removing a voucher
        # drops the prefetched list (Django's related manager), so the next one reads afresh.
        if basket.id and not basket.is_empty:
            if getattr(basket, "has_vouchers", None) is False:
                set_prefetched_empty(basket, "vouchers")
            else:
                prefetch_related_objects([basket], "vouchers")
        super().apply_offers_to_basket(request, basket)

    def get_cookie_basket(self, cookie_key, request, manager):
        # Oscar's, through the ``manager`` it is given (``Basket.open``, which says whether the
        # basket holds vouchers) instead of ``Basket.objects``
        if cookie_key not in request.COOKIES:
            return None
        try:
            basket_id = Signer().unsign(request.COOKIES[cookie_key])
            return manager.get(pk=basket_id, owner=None)
        except (BadSignature, manager.model.DoesNotExist):
            request.cookies_to_delete.append(cookie_key)
            return None
