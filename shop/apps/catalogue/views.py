"""The product page without a query per stock-record lookup (issue #16).

Oscar's ``ProductDetailView`` loads the product alone; the page then asks for its stock record
(price, availability, customs facts, reference price: five times), the record's warehouse and
filing, its images and options one query at a time. Here the product comes with all of that
(``cards.card_queryset``), so the page runs a constant number of queries.
"""

from oscar.apps.catalogue.views import ProductDetailView as CoreProductDetailView

from .cards import card_queryset


class ProductDetailView(CoreProductDetailView):
    def get_queryset(self):
        return card_queryset()
