"""Catalogue fork: customs data on the product (issue #3).

The filed Chinese goods name, HS code, origin and brand are legal data in one language: they are
plain fields, never registered with modeltranslation. The barcode is Oscar's ``upc`` field (an
EAN-13/UPC code, unique per product), so Oscar's dashboard and search already handle it.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct
from oscar.core.loading import is_model_registered

from shop.core.sanitize import sanitize_html
from shop.customs.codes import CountryCode

CATEGORY_SLUG_CACHE_SECONDS = 600


def local_cache():
    """The per-process cache (``CACHES["local"]``), or the default one where it is not
    configured (the test settings)."""
    from django.core.cache import cache, caches

    return caches["local"] if "local" in settings.CACHES else cache


hs_code_validator = RegexValidator(
    r"^\d{10}$", _("An HS code has exactly 10 digits."), code="invalid_hs_code"
)

if not is_model_registered("catalogue", "Product"):

    class Product(AbstractProduct):
        customs_name = models.CharField(
            _("Filed Chinese goods name"),
            max_length=250,
            blank=True,
            help_text=_("The goods name exactly as filed with customs (in Chinese)."),
        )
        hs_code = models.CharField(
            _("HS code"), max_length=10, blank=True, validators=[hs_code_validator]
        )
        origin_country = models.CharField(
            _("Country of origin"), max_length=3, choices=CountryCode.choices, blank=True
        )
        brand = models.CharField(_("Brand"), max_length=128, blank=True)
        # Casefolded text of every language's title and description, brand, filed name and
        # barcode, kept by the database search backend (integrations/search/database.py).
        search_text = models.TextField(editable=False, blank=True, default="")

        class Meta(AbstractProduct.Meta):
            pass

        @property
        def sorted_recommended_products(self):
            """Oscar's recommendations, with what their product cards show prefetched for all
            of them at once (issue #16); none without a query when the product page's query
            found there are none (``has_recommendations``)."""
            from .cards import prefetch_cards

            if getattr(self, "has_recommendations", True) is False:
                return []
            return prefetch_cards(super().sorted_recommended_products)

        def save(self, *args, **kwargs):
            self._sanitize_rich_text_attributes()
            super().save(*args, **kwargs)

        def _sanitize_rich_text_attributes(self):
            # Oscar writes attribute values with bulk_create/bulk_update from Product.save
            # (ProductAttributesContainer.save): no pre_save fires, so the rich-text values set
            # since loading (dashboard form, demo loader: product.attr.<code> = ...) are
            # cleaned here (issue #10).
            attrs = self.attr
            for code in list(attrs._dirty):
                value = attrs.__dict__.get(code)
                if not value or not isinstance(value, str):
                    continue
                attribute = attrs.get_attribute_by_code(code)
                if attribute is not None and attribute.type == attribute.RICHTEXT:
                    attrs.__dict__[code] = sanitize_html(value)


if not is_model_registered("catalogue", "Category"):

    class Category(AbstractCategory):
        def get_full_slug(self, parent_slug=None):
            """Oscar's, with the ancestors' slugs cached in this process (issue #16), not in the
            shared cache: Oscar reads it for every category link (the category tree on each
            listing page: one database-cache query per category). Oscar never invalidates
            this key, a stale slug only redirects (the category view looks up by pk), and here
            it lives at most ``CATEGORY_SLUG_CACHE_SECONDS``."""
            if self.is_root():
                return self.slug
            local = local_cache()
            key = self.get_url_cache_key()
            full_slug = local.get(key)
            if full_slug is None:
                if parent_slug is None:
                    parent_slug = self.get_parent().full_slug
                full_slug = f"{parent_slug}{self._slug_separator}{self.slug}"
                local.set(key, full_slug, CATEGORY_SLUG_CACHE_SECONDS)
            return full_slug

        class Meta(AbstractCategory.Meta):
            pass


from oscar.apps.catalogue.models import *  # noqa: E402,F403

# -- Rich text is cleaned when saved (issue #10, "No stored XSS") ------------------------------
# pre_save covers every writer that saves a model: Oscar's dashboard forms, the admin, the demo
# loader (attribute values set through product.attr are cleaned by Product.save above). Rows
# written with update()/bulk_create() are cleaned when printed (the ``sanitize`` filter).
RICH_TEXT_FIELDS = {
    "Product": ("description",),
    "Category": ("description", "long_description"),
}


def rich_text_columns(model, names):
    """Every language column (description_zh_hans, description_ko, …) of the given fields."""
    attnames = {field.attname for field in model._meta.concrete_fields}
    columns = []
    for name in names:
        localized = [
            build_localized_fieldname(name, lang) for lang in settings.MODELTRANSLATION_LANGUAGES
        ]
        columns += [column for column in localized if column in attnames] or [name]
    return columns


def _sanitize_rich_text(sender, instance, **kwargs):
    for column in rich_text_columns(sender, RICH_TEXT_FIELDS[sender.__name__]):
        value = getattr(instance, column)
        if value:
            setattr(instance, column, sanitize_html(value))


def _sanitize_attribute_value(sender, instance, **kwargs):
    if instance.value_richtext:
        instance.value_richtext = sanitize_html(instance.value_richtext)


pre_save.connect(_sanitize_rich_text, sender=Product, dispatch_uid="sanitize_product")  # noqa: F405
pre_save.connect(_sanitize_rich_text, sender=Category, dispatch_uid="sanitize_category")  # noqa: F405
pre_save.connect(
    _sanitize_attribute_value,
    sender=ProductAttributeValue,  # noqa: F405
    dispatch_uid="sanitize_attribute_value",
)
