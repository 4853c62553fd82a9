from modeltranslation.translator import TranslationOptions, register

from .models import ExperienceStore


@register(ExperienceStore)
class ExperienceStoreTranslationOptions(TranslationOptions):
    fields = ("name", "address", "opening_hours")
