"""Catalogue text shoppers read, per language (django-modeltranslation).

Falls back to zh-hans (MODELTRANSLATION_FALLBACK_LANGUAGES). Customs fields are not here on
purpose: they must stay verbatim.
"""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
AttributeOption = get_model("catalogue", "AttributeOption")


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ("title", "description", "meta_title", "meta_description")


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description", "long_description", "meta_title", "meta_description")


@register(AttributeOption)
class AttributeOptionTranslationOptions(TranslationOptions):
    fields = ("option",)
