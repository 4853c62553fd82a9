"""Oscar's offer applicator with the site offers kept per process (issue #16).

Oscar queries the site's offers each time it applies offers to a basket: on every page with a
mini basket, twice on the basket page and on add-to-basket. Here the open site offers are read
once and kept in the per-process fragment cache (``shop.core.fragments``, group ``offers``)
until an offer, its condition or benefit changes in any process (ranges are not kept, and
Oscar queries a range's products, classes and categories at each application, so range edits
count at once); which of them are within their dates is decided per request, the way Oscar's
``ActiveOfferManager`` decides it. The cache pickles, so each request works on its own copies.
"""

from django.utils import timezone
from oscar.apps.offer.applicator import Applicator as CoreApplicator
from oscar.core.loading import get_model

from shop.core import fragments


class Applicator(CoreApplicator):
    def get_offers(self, basket, user=None, request=None):
        self._request = request
        return super().get_offers(basket, user, request)

    def get_site_offers(self):
        request = getattr(self, "_request", None)
        key = fragments.fragment_key("site-offers", request)
        local = fragments.local_cache()
        offers = local.get(key)
        if offers is None:
            ConditionalOffer = get_model("offer", "ConditionalOffer")
            offers = list(
                ConditionalOffer.objects.filter(
                    offer_type=ConditionalOffer.SITE, status=ConditionalOffer.OPEN
                ).select_related("condition", "benefit")
            )
            local.set(key, offers, fragments.FRAGMENT_SECONDS)
        return [offer for offer in offers if within_dates(offer)]


def within_dates(offer, at=None) -> bool:
    """Oscar's ``ConditionalOffer.active``: started (or no start) and not yet ended."""
    at = at or timezone.now()
    started = offer.start_datetime is None or offer.start_datetime <= at
    return started and (offer.end_datetime is None or offer.end_datetime >= at)
