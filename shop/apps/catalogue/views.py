"""The product page without a query per stock-record lookup (issue #16).

Oscar's ``ProductDetailView`` loads the product alone; the page then asks for its stock record
(price, availability, customs facts, reference price: five times), the record's warehouse and
filing, its images and options one query at a time, and each attribute value's attribute. Here
the product comes with all of that (``cards.card_queryset``, the attribute values with their
attributes), so the page runs a constant number of queries.
"""

from django.db.models import Prefetch
from oscar.apps.catalogue.views import ProductDetailView as CoreProductDetailView
from oscar.core.loading import get_model

from .cards import card_queryset


class ProductDetailView(CoreProductDetailView):
    def get_queryset(self):
        values = get_model("catalogue", "ProductAttributeValue").objects.select_related(
            "attribute", "value_option"
        )
        return card_queryset().prefetch_related(Prefetch("attribute_values", queryset=values))
