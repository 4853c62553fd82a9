from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import ExperienceStore


@admin.register(ExperienceStore)
class ExperienceStoreAdmin(TranslationAdmin):
    list_display = ("code", "name", "city", "is_active")
