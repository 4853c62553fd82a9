"""Orders placed through the real placement path (basket → customs quote → the forked
``OrderCreator``, which stores the declarations), for tests that do not need the whole demo."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.customs.models import OrdererIdentity
from shop.customs.services import id_number_hash
from shop.demo.orders import DEMO_CONSIGNEE, basket_create, order_place

from .catalogue import PartnerFactory, ProductFactory, StockRecordFactory, WarehouseFactory
from .customs import FilingRecordFactory, valid_id_number

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
    return user_model.objects.create_user(username=email, email=email, password="pw-buyer-1")


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


def stocked_product(*, price="99.00", num_in_stock=20, warehouse=None, partner=None, **filing):
    """A product with one stock record in a customs warehouse and an approved filing."""
    product = ProductFactory(stockrecords=None)
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
