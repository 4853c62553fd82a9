"""Orders placed through the real placement path (basket → customs quote → the forked
``OrderCreator``, which stores the declarations), for tests that do not need the whole demo."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.customs.models import OrdererIdentity
from shop.customs.services import id_number_hash
from shop.demo.orders import DEMO_CONSIGNEE, basket_create, order_place

from .catalogue import (
    CHOCOLATE,
    CICA_CREAM,
    SHEET_MASK,
    TEA_TREE_MASK,
    PartnerFactory,
    ProductFactory,
    StockRecordFactory,
    WarehouseFactory,
    translated,
)
from .customs import FilingRecordFactory, valid_id_number
from .users import SHOPPER_PASSWORD

Country = get_model("address", "Country")


def china():
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="CN",
        defaults={
            "iso_3166_1_a3": "CHN",
            "iso_3166_1_numeric": "156",
            "printable_name": "中国",
            "name": "China",
            "is_shipping_country": True,
        },
    )
    return country


def shopper(email="buyer@example.com"):
    china()
    user_model = get_user_model()
    return user_model.objects.create_user(username=email, email=email, password=SHOPPER_PASSWORD)


def identity_for(user, first17="11010519491231002", name="王芳", phone="13812345678"):
    """A saved real-name identity (bypasses the entry rate limit, which its own tests cover)."""
    id_number = valid_id_number(first17)
    return OrdererIdentity.objects.create(
        user=user,
        name=name,
        id_number=id_number,
        id_number_hash=id_number_hash(id_number),
        phone=phone,
    )


def stocked_product(
    *, price="99.00", num_in_stock=20, warehouse=None, partner=None, titles=None, **filing
):
    """A product with one stock record in a customs warehouse and an approved filing (titled in
    each language of ``titles``, by language code, if given)."""
    product = ProductFactory(stockrecords=None, **(translated("title", titles) if titles else {}))
    StockRecordFactory(
        product=product,
        partner=partner or PartnerFactory(),
        warehouse=warehouse or WarehouseFactory(),
        price=Decimal(price),
        num_in_stock=num_in_stock,
        num_allocated=0,
        filing_record=FilingRecordFactory(**filing),
    )
    return product


def placed_order(*, user, items=(), basket=None, vouchers=(), identity=None, paid=False):
    """``items`` = [(product, quantity[, options])] (or a prepared ``basket``), with Oscar
    ``vouchers``; placed as the checkout places it."""
    identity = identity or OrdererIdentity.objects.filter(user=user).first() or identity_for(user)
    if vouchers:
        basket = basket or basket_create(user=user, items=items)
        for voucher in vouchers:
            basket.vouchers.add(voucher)
    return order_place(
        user=user,
        items=items,
        basket=basket,
        identity=identity,
        consignee=DEMO_CONSIGNEE,
        paid=paid,
    )


def order_pay(order, *, payer=None):
    """Pay ``order`` in the sandbox through the payments service (declarations paid, customs
    messages in the outbox)."""
    from shop.payments import services as payment_services
    from shop.payments.sandbox import SandboxGateway

    sandbox = SandboxGateway()
    payment, intent = payment_services.payment_start(order=order, gw=sandbox)
    payer = payer or order.declarations.first().orderer_name
    sandbox.complete(intent.id, succeed=True, payer_name=payer)
    return payment_services.payment_reconcile(payment=payment)


@dataclass(frozen=True)
class Assortment:
    """Two merchants and the three kinds of shipment a shopper can mix in one basket, one
    stocked product in each: bonded in Hunchun (merchant ``taiga``), bonded in Dalian and direct
    mail from Incheon (merchant ``hanbit``). Goods of two of them make two declarations."""

    hanbit: object
    taiga: object
    hunchun: object
    dalian: object
    incheon: object
    hunchun_bonded: object
    dalian_bonded: object
    incheon_direct: object


def assortment(*, price="99.00") -> Assortment:
    hanbit = PartnerFactory(code="hanbit", name="Hanbit Global Trading")
    taiga = PartnerFactory(code="taiga", name="Taiga & Sakura Imports")
    hunchun = WarehouseFactory(code="hunchun-bonded")
    dalian = WarehouseFactory(
        code="dalian-bonded", name="大连保税仓", customs_code="0908", port_code="0908"
    )
    incheon = WarehouseFactory(
        code="incheon-direct",
        name="Incheon direct mail",
        trade_mode="9610",
        customs_code="0908",
        port_code="0908",
    )
    return Assortment(
        hanbit=hanbit,
        taiga=taiga,
        hunchun=hunchun,
        dalian=dalian,
        incheon=incheon,
        hunchun_bonded=stocked_product(
            price=price, partner=taiga, warehouse=hunchun, titles=CHOCOLATE
        ),
        dalian_bonded=stocked_product(
            price=price, partner=hanbit, warehouse=dalian, titles=SHEET_MASK
        ),
        incheon_direct=stocked_product(
            price=price, partner=hanbit, warehouse=incheon, titles=CICA_CREAM
        ),
    )


def paid_orders_in_both_trade_modes(*, user, goods=None) -> list:
    """Three paid orders of ``user`` (the demo's set, see ``shop.demo.orders``): one bonded
    item (1210); a basket of both merchants — two lines of Hanbit's Dalian goods and one of
    Taiga's Hunchun goods — split into two declarations; a direct-mail parcel (9610). Each is
    paid in the sandbox, so its customs messages wait in the outbox."""
    goods = goods or assortment()
    second_dalian = stocked_product(
        partner=goods.hanbit, warehouse=goods.dalian, titles=TEA_TREE_MASK
    )
    baskets = [
        [(goods.dalian_bonded, 1)],
        [(goods.dalian_bonded, 2), (second_dalian, 2), (goods.hunchun_bonded, 1)],
        [(goods.incheon_direct, 1)],
    ]
    return [placed_order(user=user, items=items, paid=True) for items in baskets]
