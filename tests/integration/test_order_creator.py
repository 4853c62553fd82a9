"""The forked OrderCreator (issue #9): declarations are written with the order's lines, unpaid
orders are capped per account."""

from decimal import Decimal

import pytest
from django.utils import translation
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

from shop.customs.models import DeclarationLine
from shop.demo.orders import basket_create
from tests.factories.catalogue import PartnerFactory, StockRecordFactory, WarehouseFactory
from tests.factories.customs import FilingRecordFactory
from tests.factories.orders import placed_order, shopper, stocked_product

pytestmark = pytest.mark.django_db

Option = get_model("catalogue", "Option")
Order = get_model("order", "Order")


def test_two_lines_of_one_product_with_different_options_get_their_own_declaration_lines():
    user = shopper()
    product = stocked_product(price="50.00")
    colour = Option.objects.create(name="Colour", code="colour", type=Option.TEXT)
    order = placed_order(
        user=user,
        items=[
            (product, 1, [{"option": colour, "value": "red"}]),
            (product, 3, [{"option": colour, "value": "blue"}]),
        ],
    )
    declaration = order.declarations.get()
    lines = list(declaration.lines.select_related("order_line").order_by("gnum"))
    assert [line.gnum for line in lines] == [1, 2]
    assert [line.quantity for line in lines] == [1, 3]
    # each declaration line points at the order line made from the same basket line
    assert [line.order_line.quantity for line in lines] == [1, 3]
    assert [line.order_line.attributes.get().value for line in lines] == ["red", "blue"]
    assert declaration.goods_value == Decimal("200.00")


def test_one_product_from_two_warehouses_is_two_declarations_with_their_own_lines():
    user = shopper()
    partner = PartnerFactory()
    product = stocked_product(price="120.00", partner=partner)
    dalian = WarehouseFactory(code="dalian-bonded", name="大连保税仓", customs_code="0908")
    second = StockRecordFactory(
        product=product,
        partner=partner,
        warehouse=dalian,
        price=Decimal("110.00"),
        num_in_stock=5,
        num_allocated=0,
        filing_record=FilingRecordFactory(),
    )
    basket = basket_create(user=user, items=[(product, 1)])
    basket.lines.create(
        product=product,
        stockrecord=second,
        quantity=2,
        line_reference=f"{product.pk}_{second.pk}",
        price_currency="CNY",
    )
    basket = type(basket).objects.get(pk=basket.pk)  # forget the cached lines
    order = placed_order(user=user, basket=basket)
    declarations = list(order.declarations.order_by("sequence"))
    assert [d.warehouse.code for d in declarations] == ["hunchun-bonded", "dalian-bonded"]
    assert [d.goods_value for d in declarations] == [Decimal("120.00"), Decimal("220.00")]
    for declaration in declarations:
        line = declaration.lines.select_related("order_line").get()
        assert line.order_line.stockrecord.warehouse_id == declaration.warehouse_id
        assert line.order_line.quantity == line.quantity
    assert DeclarationLine.objects.count() == order.lines.count() == 2
    assert order.total_incl_tax == sum(d.actual_paid for d in declarations)


def test_an_account_cannot_hold_more_unpaid_orders_than_the_limit(settings):
    settings.SHOP_MAX_UNPAID_ORDERS = 2
    user = shopper()
    product = stocked_product()
    first = placed_order(user=user, items=[(product, 1)])
    second = placed_order(user=user, items=[(product, 1)])
    with translation.override("en"), pytest.raises(UnableToPlaceOrder) as caught:
        placed_order(user=user, items=[(product, 1)])
    message = str(caught.value)
    assert "You already have 2 orders waiting for payment" in message
    assert f"({first.number}, {second.number})" in message
    assert Order.objects.filter(user=user).count() == 2
    # another account is not affected, and paying (here: cancelling) one frees a place
    placed_order(user=shopper("other@example.com"), items=[(product, 1)])
    Order.objects.filter(pk=first.pk).update(status="Cancelled")
    assert placed_order(user=user, items=[(product, 1)]).status == "Pending payment"
