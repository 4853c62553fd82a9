from django.contrib import admin

from shop.core.masking import mask_id_number, mask_name

from .models import Declaration, DeclarationLine, DeclarationStatusChange, FilingRecord


@admin.register(FilingRecord)
class FilingRecordAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "customs_name",
        "hs_code",
        "origin_country",
        "status",
        "on_positive_list",
    )
    list_filter = ("status", "on_positive_list", "origin_country")
    search_fields = ("reference", "customs_name", "hs_code", "barcode", "brand")
    # statuses change only through the filing workflow (shop.customs.filings), with history
    readonly_fields = ("status", "status_note", "submitted_at", "owner")


class DeclarationLineInline(admin.TabularInline):
    model = DeclarationLine
    extra = 0
    can_delete = False
    fields = ("gnum", "order_line", "quantity", "unit_price", "dutiable_value", "tax_total")
    readonly_fields = fields


class StatusChangeInline(admin.TabularInline):
    model = DeclarationStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "note", "created_at")


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    """Read-only view for staff; personal data only masked (statuses change through services)."""

    list_display = ("number", "order", "trade_mode", "status", "actual_paid", "orderer")
    list_filter = ("status", "trade_mode", "warehouse")
    search_fields = ("number", "order__number")
    inlines = [DeclarationLineInline, StatusChangeInline]
    exclude = (
        "orderer_name",
        "orderer_id_number",
        "orderer_phone",
        "consignee_name",
        "consignee_phone",
        "consignee_address",
    )

    @admin.display(description=Declaration._meta.get_field("orderer_name").verbose_name)
    def orderer(self, obj):
        return f"{mask_name(obj.orderer_name)} {mask_id_number(obj.orderer_id_number)}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
