"""Reading attributed orders (issue #14)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from oscar.core.loading import get_model

from .models import Channel

Line = get_model("order", "Line")


def order_list_filter(orders, *, channel="", store=None, staff_member=None):
    """``orders`` of one channel / experience store / store staff member. An order without an
    attribution row (placed before attribution existed) counts as online."""
    if channel == Channel.ONLINE:
        orders = orders.filter(Q(attribution__channel=channel) | Q(attribution__isnull=True))
    elif channel:
        orders = orders.filter(attribution__channel=channel)
    if store is not None:
        orders = orders.filter(attribution__store=store)
    if staff_member is not None:
        orders = orders.filter(attribution__staff_member=staff_member)
    return orders


@dataclass(frozen=True)
class OrderTotals:
    currency: str
    orders: int
    goods: Decimal  # the lines' price incl. tax after discounts (of the visible lines)
    total: Decimal | None  # the orders' totals (freight and import tax included); staff only


def order_list_totals(*, orders, lines, whole_orders: bool) -> list[OrderTotals]:
    """Totals of ``orders`` per currency: their number and the value of the ``lines`` (all
    order lines for staff, a merchant's own lines for a merchant) in them; with
    ``whole_orders`` also the orders' own totals. Two aggregate queries."""
    pks = orders.order_by().values("pk")
    goods = {
        row["order__currency"]: row["goods"] or Decimal("0.00")
        for row in lines.filter(order__in=pks)
        .order_by()
        .values("order__currency")
        .annotate(goods=Sum("line_price_incl_tax"))
    }
    per_currency = (
        orders.model._default_manager.filter(pk__in=pks)
        .order_by()
        .values("currency")
        .annotate(count=Count("pk"), total=Sum("total_incl_tax"))
        .order_by("currency")
    )
    return [
        OrderTotals(
            currency=row["currency"],
            orders=row["count"],
            goods=Decimal(goods.get(row["currency"], Decimal("0.00"))).quantize(Decimal("0.01")),
            total=Decimal(row["total"]).quantize(Decimal("0.01")) if whole_orders else None,
        )
        for row in per_currency
    ]
