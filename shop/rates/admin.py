from django.contrib import admin

from .models import ReferenceRate


@admin.register(ReferenceRate)
class ReferenceRateAdmin(admin.ModelAdmin):
    list_display = ("rate_date", "currency", "rate", "note", "entered_by", "updated_at")
    list_filter = ("currency",)
    date_hierarchy = "rate_date"
    readonly_fields = ("entered_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)
