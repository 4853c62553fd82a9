from django.contrib import admin
from oscar.apps.partner.admin import *  # noqa: F403
from oscar.core.loading import get_model

Warehouse = get_model("partner", "Warehouse")


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "trade_mode", "customs_code", "is_active")
    list_filter = ("trade_mode", "is_active")
