"""Catalogue fork: customs data on the product (issue #3).

The filed Chinese goods name, HS code, origin and brand are legal data in one language: they are
plain fields, never registered with modeltranslation. The barcode is Oscar's ``upc`` field (an
EAN-13/UPC code, unique per product), so Oscar's dashboard and search already handle it.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct
from oscar.core.loading import is_model_registered

from shop.customs.codes import CountryCode

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


from oscar.apps.catalogue.models import *  # noqa: E402,F403
