"""The product page without a query per stock-record lookup (issue #16).

Oscar's ``ProductDetailView`` loads the product alone; the page then asks for its stock record
(price, availability, customs facts, reference price: five times), the record's warehouse and
filing, its images and options one query at a time, and each attribute value's attribute. Here
the product comes with all of that (``cards.card_queryset``, the attribute values with their
attributes), so the page runs a constant number of queries. The shopper's recently viewed
products are loaded without the one shown (``request.shown_product_id``, read by the customer
fork's ``CustomerHistoryManager``), the breadcrumbs from the id of the product's first category
(``shop_nav.product_breadcrumbs``), the approved reviews counted and the recommendations
looked for in the product's own query.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from oscar.apps.catalogue.views import ProductDetailView as CoreProductDetailView
from oscar.core.loading import get_model

from .cards import card_queryset


class ProductDetailView(CoreProductDetailView):
    def get_queryset(self):
        values = get_model("catalogue", "ProductAttributeValue").objects.select_related(
            "attribute", "value_option"
        )
        # the breadcrumbs' category (Oscar: ``get_categories().first()``, a query of its own)
        first_category = (
            get_model("catalogue", "Category")
            .objects.browsable()
            .filter(product=OuterRef("pk"))
            .order_by("path")
            .values("pk")[:1]
        )
        # the review count the page prints three times (Oscar: a COUNT query) and whether there
        # are recommendations at all (Oscar: a query even when there are none, as for most)
        ProductReview = get_model("reviews", "ProductReview")
        approved_reviews = (
            ProductReview.objects.filter(product=OuterRef("pk"), status=ProductReview.APPROVED)
            .order_by()
            .values("product")
            .annotate(count=Count("pk"))
            .values("count")
        )
        recommendations = get_model("catalogue", "ProductRecommendation").objects.filter(
            primary=OuterRef("pk")
        )
        return (
            card_queryset()
            .annotate(
                first_category_id=Subquery(first_category),
                approved_reviews=Coalesce(Subquery(approved_reviews), 0),
                has_recommendations=Exists(recommendations),
            )
            .prefetch_related(Prefetch("attribute_values", queryset=values))
        )

    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        self.request.shown_product_id = product.pk
        if hasattr(product, "approved_reviews"):
            product.num_approved_reviews = product.approved_reviews  # Oscar's cached_property
        return product
