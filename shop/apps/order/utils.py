"""Placing an order (issue #9), through Oscar's ``OrderCreator`` hooks.

The checkout (``PaymentDetailsView.place_order``) and the demo orders both end here, with the
customs side of the checkout as ``customs=OrderCustoms(...)``. In one transaction:

1. the account may not hold more than ``SHOP_MAX_UNPAID_ORDERS`` orders pending payment;
2. the stock records of the basket are locked in primary-key order and must hold enough units
   (Oscar's availability check on the basket page takes no lock);
3. Oscar writes the order; right after the order row (``create_order_model``) the customs
   declarations are stored, and each order line gets its declaration line from the same basket
   line (``create_additional_line_models``);
4. the order total must equal the sum of the declarations' ``actual_paid``;
5. Oscar allocates the stock (``StockRecord.allocate`` refuses to go beyond it);
6. the order's attribution (kiosk hand-off, shelf label or online) is written from the request's
   session (issue #14, ``shop.attribution.services.order_attribution_record``).

Any refusal raises ``UnableToPlaceOrder`` with a translated message: the transaction rolls back
(no order, no declarations, no allocation) and Oscar's checkout restores the basket.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import *  # noqa: F403
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.core.loading import get_model

from shop.apps.partner.models import InsufficientStock
from shop.attribution import services as attribution_services
from shop.customs import services as customs_services
from shop.customs.checkout import CheckoutQuote

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

PENDING_PAYMENT = "Pending payment"


@dataclass(frozen=True)
class OrderCustoms:
    """What the checkout knows about customs when the order is placed."""

    quote: CheckoutQuote
    identity: object  # OrdererIdentity
    consignee_phone: str
    notice_accepted_at: datetime.datetime


def unpaid_orders_check(user) -> None:
    """Refuse a new order while ``user`` already has ``SHOP_MAX_UNPAID_ORDERS`` orders pending
    payment. Raises ``UnableToPlaceOrder``."""
    if user is None or not user.is_authenticated:
        return
    limit = settings.SHOP_MAX_UNPAID_ORDERS
    # Lock the account row so two placements of the same account cannot both pass the count.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    numbers = list(
        Order.objects.filter(user=user, status=PENDING_PAYMENT)
        .order_by("date_placed")
        .values_list("number", flat=True)
    )
    if len(numbers) >= limit:
        raise UnableToPlaceOrder(
            ngettext(
                "You already have %(count)d order waiting for payment (%(numbers)s). Please pay "
                "for it or cancel it under “Order history” in your account before placing "
                "another.",
                "You already have %(count)d orders waiting for payment (%(numbers)s). Please pay "
                "for them or cancel them under “Order history” in your account before placing "
                "another.",
                len(numbers),
            )
            % {"count": len(numbers), "numbers": ", ".join(numbers)}
        )


def stock_lock_and_check(basket) -> None:
    """Lock the basket's stock records (``SELECT … FOR UPDATE`` in primary-key order, the order
    Oscar allocates in, so concurrent placements cannot deadlock) and refuse when any holds
    fewer units than the basket needs. Raises ``UnableToPlaceOrder`` with "only N left" or
    "sold out". SQLite has no row locks; ``StockRecord.allocate`` still refuses there."""
    needed = defaultdict(int)
    titles = {}
    for line in basket.all_lines():
        if line.stockrecord_id is None or not line.product.get_product_class().track_stock:
            continue
        needed[line.stockrecord_id] += line.quantity
        titles[line.stockrecord_id] = line.product.get_title()
    if not needed:
        return
    locked = StockRecord.objects.select_for_update().filter(pk__in=needed).order_by("pk")
    problems = [
        stock_problem(title=titles[record.pk], available=record.net_stock_level)
        for record in locked
        if record.net_stock_level < needed[record.pk]
    ]
    if problems:
        raise UnableToPlaceOrder(" ".join(problems))


def stock_problem(*, title: str, available: int) -> str:
    if available <= 0:
        return _("“%(title)s” has just sold out. Please remove it from your basket.") % {
            "title": title
        }
    return ngettext(
        "Only %(count)d of “%(title)s” is left. Please change the quantity in your basket.",
        "Only %(count)d of “%(title)s” are left. Please change the quantity in your basket.",
        available,
    ) % {"count": available, "title": title}


class OrderCreator(CoreOrderCreator):
    def place_order(self, basket, total, shipping_method, shipping_charge, **kwargs):
        customs = kwargs.pop("customs", None)
        self._customs = customs
        self._placed = None
        try:
            with transaction.atomic():
                unpaid_orders_check(kwargs.get("user"))
                stock_lock_and_check(basket)
                order = super().place_order(
                    basket, total, shipping_method, shipping_charge, **kwargs
                )
                if customs is not None:
                    customs_services.declarations_complete(placed=self._placed, order=order)
                # where the order came from: a kiosk hand-off, a shelf label or online (#14)
                attribution_services.order_attribution_record(
                    order=order, request=kwargs.get("request")
                )
        except ValidationError as error:
            raise UnableToPlaceOrder(" ".join(error.messages)) from error
        return order

    def create_order_model(self, *args, **kwargs):
        order = super().create_order_model(*args, **kwargs)
        customs = self._customs
        if customs is not None:
            self._placed = customs_services.declarations_create(
                order=order,
                quote=customs.quote,
                identity=customs.identity,
                consignee_phone=customs.consignee_phone,
                notice_accepted_at=customs.notice_accepted_at,
            )
        return order

    def create_additional_line_models(self, order, order_line, basket_line):
        super().create_additional_line_models(order, order_line, basket_line)
        if self._placed is not None:
            customs_services.declaration_line_create(
                placed=self._placed, order_line=order_line, basket_line=basket_line
            )

    def update_stock_records(self, line):
        try:
            super().update_stock_records(line)
        except InsufficientStock as error:
            raise UnableToPlaceOrder(
                stock_problem(title=line.product.get_title(), available=error.available)
            ) from error
