"""Oscar's order dashboard, scoped per merchant (issue #12) and without personal data in clear
(issue #10).

Oscar's stock views show a partner user the *whole* order as soon as one line is theirs (every
line, the shopper's e-mail and addresses, order totals) and let them change the order status,
record payment events and edit the address (django-oscar #2240, #2324). Here:

- a merchant (a user of an Oscar ``Partner``, not staff) sees the orders that have one of its
  lines, with amounts computed from **its own lines only**; the order page shows only those
  lines, its own customs declarations and the consignee as the waybill needs it, masked;
- nobody changes an order's status from a dashboard form: the payment and customs services do
  (staff act through the payments page and the customs declaration actions). Oscar's
  ``change_order_status``/``change_order_statuses`` and payment events are gone for everyone;
- merchants may create shipping events (and line status changes) for their own lines only;
  line ids of another merchant are refused and nothing is changed;
- notes, the address edit, payment sources and discounts stay with staff;
- the list filters by channel, experience store and (staff only) store staff member and totals
  what the filter matched: a merchant's totals are its own lines' value (issue #14).

Oscar's module-level ``queryset_orders_for_user`` is called by name inside its classes, so each
view that fetches orders overrides the method that calls it.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.core.loading import get_class, get_model

from shop.apps.dashboard.templatetags.merchant_scoping import mask_consignee_name
from shop.attribution import selectors as attribution_selectors
from shop.attribution.models import Channel
from shop.core.masking import mask_text
from shop.core.statuses import status_label

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
Declaration = get_model("shop_customs", "Declaration")
MerchantOrderSearchForm = get_class("dashboard.orders.forms", "MerchantOrderSearchForm")

MONEY_FIELD = DecimalField(max_digits=12, decimal_places=2)


def is_merchant_view(user) -> bool:
    """Everyone in the dashboard who is not zone staff sees the merchant's scoped view."""
    return not user.is_staff


def cents(amount) -> Decimal:
    """A sub-select's sum to 2 places (SQLite returns ``240`` for ``240.00``)."""
    return Decimal(amount).quantize(Decimal("0.01"))


def mask_street(value) -> str:
    """The street line on a merchant's page: the first characters (the road), the rest (house
    number, flat) hidden: ``"人民大街 1210 号 3 单元"`` -> ``"人民大街*************"``."""
    text = (value or "").strip()
    keep = min(4, len(text) // 2)
    return text[:keep] + "*" * (len(text) - keep)


def merchant_lines(user):
    """Order lines of the user's partners (``Partner.users``)."""
    return Line._default_manager.filter(partner__users=user)


def _own_lines_sum(user, field, output_field):
    lines = (
        merchant_lines(user)
        .filter(order=OuterRef("pk"))
        .order_by()
        .values("order")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Subquery(lines, output_field=output_field)


def queryset_orders_for_user(user):
    """Orders a dashboard user may open: staff all; a merchant those with one of its lines,
    annotated with its own goods total (``merchant_total``, incl. tax, after discounts) and item
    count (``merchant_num_items``) as sub-selects. No ``DISTINCT`` over the line join and no
    per-order query: a page costs the same queries for any number of orders."""
    queryset = Order._default_manager.select_related(
        "shipping_address", "shipping_address__country", "user"
    )
    if not is_merchant_view(user):
        return queryset.select_related(
            "billing_address", "billing_address__country"
        ).prefetch_related("lines")
    return queryset.filter(pk__in=merchant_lines(user).values("order_id")).annotate(
        merchant_total=Coalesce(
            _own_lines_sum(user, "line_price_incl_tax", MONEY_FIELD),
            Value(Decimal("0.00")),
            output_field=MONEY_FIELD,
        ),
        merchant_num_items=Coalesce(
            _own_lines_sum(user, "quantity", IntegerField()), 0, output_field=IntegerField()
        ),
    )


def get_order_for_user_or_404(user, number):
    try:
        return queryset_orders_for_user(user).get(number=number)
    except Order.DoesNotExist:
        raise Http404() from None


class OrderStatsView(oscar_views.OrderStatsView):
    def get_stats(self, filters):
        user = self.request.user
        if not is_merchant_view(user):
            return super().get_stats(filters)
        orders = queryset_orders_for_user(user).filter(**filters)
        lines = merchant_lines(user).filter(order__in=orders.values("pk"))
        return {
            "total_orders": orders.count(),
            "total_lines": lines.count(),
            "total_revenue": lines.aggregate(total=Sum("line_price_incl_tax"))["total"]
            or Decimal("0.00"),
            "order_status_breakdown": orders.order_by("status")
            .values("status")
            .annotate(freq=Count("id")),
        }


class OrderListView(oscar_views.OrderListView):
    # No bulk status change (issue #12): statuses follow payments and customs receipts.
    actions = ("download_selected_orders",)

    def dispatch(self, request, *args, **kwargs):
        self.merchant_view = is_merchant_view(request.user)
        if self.merchant_view:
            self.form_class = MerchantOrderSearchForm
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # Oscar's dispatch() built base_queryset with its own (unscoped) selector; replace it
        # before get() uses it (the "order_number" redirect) or get_queryset() filters it.
        self.base_queryset = queryset_orders_for_user(request.user).order_by("-date_placed")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.base_queryset = queryset_orders_for_user(request.user).order_by("-date_placed")
        return super().post(request, *args, **kwargs)

    def get_queryset(self):
        queryset = (
            super().get_queryset().select_related("attribution__store", "attribution__staff_member")
        )
        if not self.form.is_valid():
            return queryset
        data = self.form.cleaned_data
        # channel, experience store, staff member (issue #14)
        queryset = attribution_selectors.order_list_filter(
            queryset,
            channel=data.get("channel") or "",
            store=data.get("store"),
            staff_member=data.get("staff_member"),
        )
        if not self.merchant_view:
            return queryset
        # Oscar matches product title, UPC and SKU against any line of the order: a merchant
        # could probe another merchant's lines. Match its own lines only.
        own = merchant_lines(self.request.user)
        if data.get("product_title"):
            own = own.filter(title__istartswith=data["product_title"])
        if data.get("upc"):
            own = own.filter(upc=data["upc"])
        if data.get("partner_sku"):
            own = own.filter(partner_sku=data["partner_sku"])
        if any(data.get(key) for key in ("product_title", "upc", "partner_sku")):
            queryset = queryset.filter(pk__in=own.values("order_id"))
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["merchant_view"] = self.merchant_view
        ctx.pop("order_statuses", None)
        if self.merchant_view:
            for order in ctx["orders"]:
                order.merchant_total = cents(order.merchant_total)
        # Totals of everything the filter matched, not just this page (issue #14); a merchant's
        # goods value counts its own lines only.
        ctx["order_totals"] = attribution_selectors.order_list_totals(
            orders=self.object_list,
            lines=merchant_lines(self.request.user) if self.merchant_view else Line.objects,
            whole_orders=not self.merchant_view,
        )
        return ctx

    def get_search_filter_descriptions(self):
        descriptions = super().get_search_filter_descriptions()
        data = getattr(self.form, "cleaned_data", None) or {}
        if data.get("channel"):
            descriptions.append(
                _("Channel is {channel}").format(channel=Channel(data["channel"]).label)
            )
        if data.get("store"):
            descriptions.append(_("Experience store is {store}").format(store=data["store"]))
        if data.get("staff_member"):
            descriptions.append(
                _("Helped by {staff_member}").format(staff_member=data["staff_member"])
            )
        return descriptions

    def get_row_values(self, order):
        """Oscar's CSV row (``download_selected_orders``) with names masked, the status
        translated, and any ID or mobile number inside a cell masked; for a merchant the value
        and item count of its own lines and no customer e-mail or billing name."""
        row = super().get_row_values(order)
        row["status"] = status_label(order.status)
        if self.merchant_view:
            row["value"] = cents(order.merchant_total)
            row["num_items"] = order.merchant_num_items
            row.pop("customer", None)
            row.pop("billing_address_name", None)
        for column in ("shipping_address_name", "billing_address_name"):
            if row.get(column):
                row[column] = mask_consignee_name(row[column])
        return {
            column: mask_text(value) if isinstance(value, str) else value
            for column, value in row.items()
        }


class OrderDetailView(oscar_views.OrderDetailView):
    """No order status form and no payment events for anyone; merchants: own lines only."""

    staff_order_actions = ("save_note", "delete_note")
    staff_line_actions = ("change_line_statuses", "create_shipping_event")
    merchant_order_actions = ()
    merchant_line_actions = ("change_line_statuses", "create_shipping_event")

    def dispatch(self, request, *args, **kwargs):
        self.merchant_view = is_merchant_view(request.user)
        if self.merchant_view:
            self.order_actions = self.merchant_order_actions
            self.line_actions = self.merchant_line_actions
        else:
            self.order_actions = self.staff_order_actions
            self.line_actions = self.staff_line_actions
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_order_for_user_or_404(self.request.user, self.kwargs["number"])

    def get_order_lines(self):
        lines = self.object.lines.select_related("product", "partner", "stockrecord")
        if self.merchant_view:
            lines = lines.filter(partner__users=self.request.user)
        return lines.order_by("pk")

    def handle_order_action(self, request, order, action):
        if action not in self.order_actions:
            raise PermissionDenied
        return super().handle_order_action(request, order, action)

    def handle_line_action(self, request, order, action):
        if action not in self.line_actions:
            raise PermissionDenied
        line_ids = request.POST.getlist("selected_line")
        if not all(str(line_id).isdigit() for line_id in line_ids):
            return self.reload_page(error=_("Invalid lines requested"))
        # Oscar refuses the whole action when one requested id is not among get_order_lines(),
        # which for a merchant are its own lines: another merchant's line changes nothing.
        return super().handle_line_action(request, order, action)

    def create_shipping_event(self, request, order, lines, quantities):
        # Oscar stores a missing "reference" as NULL in a NOT NULL column (a 500)
        if "reference" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["reference"] = ""
        return super().create_shipping_event(request, order, lines, quantities)

    def get_order_note_form(self):
        if self.merchant_view:
            return None
        return super().get_order_note_form()

    def get_order_status_form(self):
        return None

    def get_payment_transactions(self):
        if self.merchant_view:
            return oscar_views.Transaction.objects.none()
        return super().get_payment_transactions()

    def get_shipping_events(self, lines):
        events = ShippingEvent.objects.filter(order=self.object).select_related("event_type")
        quantities = ShippingEventQuantity.objects.select_related("line")
        if self.merchant_view:
            events = events.filter(line_quantities__line__in=lines).distinct()
            quantities = quantities.filter(line__in=lines)
        return events.prefetch_related(Prefetch("line_quantities", queryset=quantities))

    def get_declarations(self):
        declarations = Declaration.objects.filter(order=self.object).select_related(
            "warehouse", "partner"
        )
        if self.merchant_view:
            declarations = declarations.filter(partner__users=self.request.user)
        return declarations.order_by("sequence")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["merchant_view"] = self.merchant_view
        ctx.pop("payment_event_types", None)
        lines = ctx["lines"]
        ctx["shipping_events"] = self.get_shipping_events(lines)
        declarations = list(self.get_declarations())
        ctx["declarations"] = declarations
        ctx["consignee_phone"] = declarations[0].consignee_phone if declarations else ""
        address = self.object.shipping_address
        # free text the shopper typed may hold a phone or ID number
        ctx["delivery_instructions"] = mask_text(address.notes or "") if address else ""
        ctx["consignee_street"] = mask_street(address.line1) if address else ""
        if self.merchant_view:
            ctx["merchant_total"] = sum(
                (line.line_price_incl_tax for line in lines), Decimal("0.00")
            )
            ctx["merchant_total_excl_tax"] = sum(
                (line.line_price_excl_tax for line in lines), Decimal("0.00")
            )
        return ctx


class LineDetailView(oscar_views.LineDetailView):
    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        lines = order.lines.all()
        if is_merchant_view(self.request.user):
            lines = lines.filter(partner__users=self.request.user)
        try:
            return lines.get(pk=self.kwargs["line_id"])
        except Line.DoesNotExist:
            raise Http404() from None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["merchant_view"] = is_merchant_view(self.request.user)
        return ctx


class ShippingAddressUpdateView(oscar_views.ShippingAddressUpdateView):
    """Staff only: a merchant never edits the shopper's address (the waybill data is on the
    customs declaration)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_merchant_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
