"""Oscar offers and vouchers on cross-border orders (issue #9): the discount is declared (CEB311
``discount``, apportioned in the dutiable value), the order total is the sum of the
declarations' ``actual_paid``, and the order can be paid and declared."""

from decimal import Decimal

import pytest
from lxml import etree
from oscar.core.loading import get_model

from integrations.customs.messages import compare_documents, validate
from shop.customs.messages import build_message
from shop.payments.services import _order_total
from tests.factories.catalogue import PartnerFactory, WarehouseFactory
from tests.factories.offers import site_offer, voucher
from tests.factories.orders import order_pay, placed_order, shopper, stocked_product

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
NS = {"ceb": "http://www.chinaport.gov.cn/ceb"}


@pytest.fixture
def goods():
    """A bonded mask (129.00), a direct-mail cream (310.00) and bonded vodka with consumption
    tax (468.00): three declarations."""
    hanbit, taiga = PartnerFactory(name="Hanbit"), PartnerFactory(name="Taiga")
    incheon = WarehouseFactory(
        code="incheon-direct", name="Incheon", trade_mode="9610", customs_code="0908"
    )
    dalian = WarehouseFactory(code="dalian-bonded", name="大连保税仓", customs_code="0908")
    return {
        "mask": stocked_product(price="129.00", partner=hanbit),
        "cream": stocked_product(price="310.00", partner=hanbit, warehouse=incheon),
        "vodka": stocked_product(
            price="468.00",
            partner=taiga,
            warehouse=dalian,
            consumption_rate=Decimal("0.20"),
            hs_code="2208600000",
        ),
    }


def assert_payable_and_declarable(client, order):
    declarations = list(order.declarations.order_by("sequence"))
    # the rule: the shopper pays the sum of the declarations' actual_paid, and Oscar agrees
    assert order.total_incl_tax == sum(d.actual_paid for d in declarations)
    assert _order_total(order) == order.total_incl_tax
    for d in declarations:
        assert d.actual_paid == d.goods_value + d.freight + d.tax_total - d.discount
        assert d.dutiable_value == d.goods_value + d.freight - d.discount
    client.force_login(order.user)
    page = client.get(f"/zh-hans/payments/{order.number}/")
    assert page.status_code == 200  # not redirected away: the order can be paid
    order_pay(order)
    order.refresh_from_db()
    assert order.status == "Paid"
    for declaration in order.declarations.all():
        docs = {m.kind: build_message(m) for m in declaration.outbox_messages.all()}
        for xml in docs.values():
            validate(xml)  # official XSD, signature included
        assert (
            compare_documents(docs["CEB311"], docs["CEB411"], docs["CEB511"], docs["CEB621"]) == []
        )
        head = etree.fromstring(docs["CEB311"]).find(".//ceb:OrderHead", NS)
        assert Decimal(head.findtext("ceb:discount", namespaces=NS)) == declaration.discount
        assert Decimal(head.findtext("ceb:acturalPaid", namespaces=NS)) == declaration.actual_paid
    return declarations


def test_a_site_wide_20_percent_offer_is_declared_and_the_order_can_be_paid(client, goods):
    site_offer("20")
    user = shopper()
    order = placed_order(
        user=user, items=[(goods["mask"], 1), (goods["cream"], 1), (goods["vodka"], 1)]
    )
    declarations = assert_payable_and_declarable(client, order)
    by_goods = {d.goods_value: d for d in declarations}
    # 20 % of each declaration's goods; freight is decided on the goods before discounts
    assert by_goods[Decimal("129.00")].discount == Decimal("25.80")
    assert by_goods[Decimal("129.00")].freight == Decimal("8.00")
    assert by_goods[Decimal("310.00")].discount == Decimal("62.00")
    assert by_goods[Decimal("468.00")].discount == Decimal("93.60")
    # 9610 cream: (310 + 30 − 62) × 13 % × 70 % = 25.30 (not 30.94 undiscounted)
    assert by_goods[Decimal("310.00")].tax_total == Decimal("25.30")
    assert order.total_discount_incl_tax == Decimal("181.40")


def test_a_voucher_is_declared_and_the_order_can_be_paid(client, goods):
    welcome = voucher("WELCOME30", "30.00")
    user = shopper()
    order = placed_order(
        user=user, items=[(goods["mask"], 1), (goods["cream"], 1)], vouchers=[welcome]
    )
    declarations = assert_payable_and_declarable(client, order)
    assert sum(d.discount for d in declarations) == Decimal("30.00")
    assert all(d.discount > 0 for d in declarations)  # shared by goods value across the parcels
    assert order.discounts.get().voucher_code == "WELCOME30"


def test_order_total_is_the_sum_of_declarations_without_discounts(client, goods):
    order = placed_order(user=shopper(), items=[(goods["mask"], 2), (goods["vodka"], 1)])
    declarations = assert_payable_and_declarable(client, order)
    assert all(d.discount == 0 for d in declarations)
