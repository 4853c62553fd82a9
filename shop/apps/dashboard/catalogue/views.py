"""Oscar's catalogue dashboard with goods shared by merchants kept safe (issue #12).

Oscar already limits a merchant (non-staff partner user) to products one of its partners stocks,
its stock-record formset to its own partners' records, and the price bulk action to its own
stock records. But a product may be stocked by two merchants (one goods page, each with its own
stock record and price); Oscar then lets either merchant rename it, change its categories and
images, make it non-public, or delete it — and with it the other merchant's stock records.

Here a merchant changes product-level data (fields, categories, images, recommendations,
publication, deletion) only of products no other partner stocks; on a shared product it edits
its own stock records only (the product form is read-only). Zone staff are unrestricted.

The product list shows each product's translation completeness per language, computed in the
database (shop/apps/catalogue/completeness.py), and filters by "Missing: <language>" on top of
Oscar's filters and the merchant's scope.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F403
from oscar.core.loading import get_class, get_model

from shop.apps.catalogue import completeness

Product = get_model("catalogue", "Product")
ProductTable = get_class("dashboard.catalogue.tables", "ProductTable")
StockRecord = get_model("partner", "StockRecord")

#: Bulk actions that change the product itself, not the merchant's stock records
PRODUCT_LEVEL_ACTIONS = ("make_products_public", "make_products_non_public")


def stocked_by_another_partner(user):
    """``Exists``: the product, or one of its variants, has a stock record of a partner the user
    does not belong to."""
    return Exists(
        StockRecord.objects.filter(
            Q(product=OuterRef("pk")) | Q(product__parent=OuterRef("pk"))
        ).exclude(partner__users=user)
    )


def title_in_any_language(text):
    """``Q``: the product's or one of its variants' title contains ``text`` in any language."""
    condition = Q()
    for language in settings.MODELTRANSLATION_LANGUAGES:
        column = build_localized_fieldname("title", language)
        condition |= Q(**{f"{column}__icontains": text})
        condition |= Q(**{f"children__{column}__icontains": text})
    return condition


def products_owned_by(user, queryset):
    """``queryset`` narrowed to products whose product-level data ``user`` may change."""
    if user.is_staff:
        return queryset
    return queryset.exclude(stocked_by_another_partner(user))


class ProductListView(oscar_views.ProductListView):
    table_class = ProductTable

    def get_queryset(self):
        return completeness.with_completeness(super().get_queryset())

    def apply_search(self, queryset):
        queryset = super().apply_search(queryset)
        if not self.form.is_valid():
            return queryset
        if self.form.title_query:
            queryset = queryset.filter(title_in_any_language(self.form.title_query)).distinct()
        if self.form.cleaned_data.get("missing"):
            queryset = completeness.missing_language(queryset, self.form.cleaned_data["missing"])
        return queryset

    def get_description(self, form):
        if form.is_valid() and form.has_criteria():
            return _("Product search results")
        return _("Products")


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    shared_product = False

    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        user = self.request.user
        self.shared_product = bool(
            product is not None
            and not user.is_staff
            and not products_owned_by(user, Product.objects.filter(pk=product.pk)).exists()
        )
        if self.shared_product:
            # only the merchant's own stock records; categories, images and recommendations
            # belong to the goods page every seller shares
            self.formsets = {"stockrecord_formset": self.stockrecord_formset}
        return product

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.shared_product:
            for field in form.fields.values():
                field.disabled = True
        return form

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.shared_product:
            messages.info(
                request,
                _(
                    "Another merchant also sells this product: you can change your own stock "
                    "records and prices here; ask the zone staff to change the product itself."
                ),
            )
        return response


class ProductDeleteView(oscar_views.ProductDeleteView):
    def get_queryset(self):
        return products_owned_by(self.request.user, super().get_queryset())


class ProductBulkActionConfirmView(oscar_views.ProductBulkActionConfirmView):
    def get_selectable_queryset(self):
        if not hasattr(self, "_selectable_qs"):
            queryset = super().get_selectable_queryset()
            if self._action in PRODUCT_LEVEL_ACTIONS:
                queryset = products_owned_by(self.request.user, queryset)
            self._selectable_qs = queryset
        return self._selectable_qs
