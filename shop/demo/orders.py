"""Paid demo orders (issue #5): orders placed the way the checkout places them — Oscar's order
with the import-tax surcharge, the customs declarations, then each declaration marked paid so its
messages wait in the outbox. ``load_demo`` calls this so ``customs_send --once`` has something to
send on a fresh install; the end-to-end tests use it too."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.customs import services as customs_services
from shop.customs.checkout import checkout_quote
from shop.customs.selectors import annual_quota_used

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderCustoms = get_class("order.utils", "OrderCustoms")
Applicator = get_class("offer.applicator", "Applicator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
ShippingRepository = get_class("shipping.repository", "Repository")
ImportTax = get_class("checkout.applicator", "ImportTax")
SurchargePrice = get_class("checkout.applicator", "SurchargePrice")
SurchargeList = get_class("checkout.applicator", "SurchargeList")


@dataclass(frozen=True)
class Consignee:
    first_name: str
    last_name: str
    line1: str
    city: str
    state: str
    postcode: str
    phone: str


def basket_create(*, user, items):
    """A basket of ``user`` holding ``items`` ([(product, quantity)] or
    [(product, quantity, options)] with Oscar's ``[{"option": …, "value": …}]``)."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    for product, quantity, *options in items:
        basket.add_product(product, quantity, options=options[0] if options else None)
    return basket


def order_place(*, user, items=(), identity, consignee: Consignee, paid: bool = True, basket=None):
    """Place one order for ``items`` (see ``basket_create``; or an open ``basket`` of
    ``user``) with the real-name ``identity``, through the checkout's own path: Oscar's offers
    applied to the basket, the customs quote, and the forked ``OrderCreator`` that stores the
    declarations with the order lines and locks and allocates the stock. When ``paid``, mark
    every declaration paid (messages go to the outbox). Raises ``UnableToPlaceOrder`` when the
    basket cannot be ordered (stock, limits, filings, too many unpaid orders); nothing is
    written then."""
    with transaction.atomic():
        order = _order_place(
            user=user,
            basket=basket or basket_create(user=user, items=items),
            identity=identity,
            consignee=consignee,
        )
    # paying is its own transaction, as when the shopper pays after placing the order
    if paid:
        _pay_in_sandbox(order, payer=identity.name)
    return order


def _order_place(*, user, basket, identity, consignee: Consignee):
    basket.strategy = Selector().strategy(user=user)
    Applicator().apply(basket, user)
    quote = checkout_quote(
        basket=basket, annual_used=annual_quota_used(id_number_hash=identity.id_number_hash)
    )
    shipping_method = ShippingRepository().get_default_shipping_method(basket=basket)
    shipping_charge = shipping_method.calculate(basket)
    tax = ImportTax(quote.tax_total)
    surcharges = SurchargeList([SurchargePrice(tax, tax.calculate(basket=basket))])
    total = OrderTotalCalculator().calculate(basket, shipping_charge, surcharges=surcharges)
    address = ShippingAddress(
        first_name=consignee.first_name,
        last_name=consignee.last_name,
        line1=consignee.line1,
        line4=consignee.city,
        state=consignee.state,
        postcode=consignee.postcode,
        country=Country.objects.get(iso_3166_1_a2="CN"),
        phone_number=f"+86{consignee.phone}",
    )
    address.save()
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping_method,
        shipping_charge=shipping_charge,
        user=user,
        shipping_address=address,
        order_number=OrderNumberGenerator().order_number(basket),
        surcharges=surcharges,
        customs=OrderCustoms(
            quote=quote,
            identity=identity,
            consignee_phone=consignee.phone,
            notice_accepted_at=timezone.now(),
        ),
    )
    basket.submit()
    return order


def _pay_in_sandbox(order, *, payer: str) -> None:
    """Pay through the sandbox gateway and the same payment service the shop uses: Oscar's
    payment source and event, order "Paid", declarations paid and queued for customs."""
    from shop.payments import services as payment_services
    from shop.payments.sandbox import SandboxGateway

    sandbox = SandboxGateway()
    payment, intent = payment_services.payment_start(order=order, gw=sandbox)
    sandbox.complete(intent.id, succeed=True, payer_name=payer)
    payment_services.payment_reconcile(payment=payment)


DEMO_ORDERER = {"name": "李明", "first17": "22010419900307123", "phone": "13904310001"}
DEMO_CONSIGNEE = Consignee(
    first_name="李",
    last_name="明",
    line1="长春市朝阳区人民大街 1000 号 3 单元 501",
    city="长春市",
    state="吉林省",
    postcode="130021",
    phone="13904310001",
)


def _pick(*, merchant: str, warehouse: str, count: int = 1):
    """Demo products a shopper can really buy from ``merchant`` in ``warehouse``."""
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    records = (
        StockRecord.objects.filter(
            partner__code=merchant,
            warehouse__code=warehouse,
            filing_record__status="approved",
            filing_record__on_positive_list=True,
            num_in_stock__gt=5,
            price__lte=300,
        )
        .select_related("product")
        .order_by("product__upc")[:count]
    )
    return [record.product for record in records]


def demo_identity(user):
    """The demo shopper's real-name orderer identity (a valid, made-up ID number)."""
    from shop.core.identity import resident_id_check_char

    first17 = DEMO_ORDERER["first17"]
    return customs_services.orderer_identity_save(
        user=user,
        name=DEMO_ORDERER["name"],
        id_number=first17 + resident_id_check_char(first17),
        phone=DEMO_ORDERER["phone"],
    )


def demo_order_unpaid(*, user, parts) -> object:
    """An order placed pending payment: ``parts`` is [(merchant, warehouse, quantity)], one
    product each (tests and demos of the payment step)."""
    items = [
        (product, quantity)
        for merchant, warehouse, quantity in parts
        for product in _pick(merchant=merchant, warehouse=warehouse)
    ]
    return order_place(
        user=user, items=items, identity=demo_identity(user), consignee=DEMO_CONSIGNEE, paid=False
    )


def demo_orders_create(*, user) -> list:
    """Three paid orders for the demo shopper, once: a single bonded item (1210), a basket from
    two merchants and warehouses (split into declarations) and a direct-mail parcel (9610).
    Returns the orders created (none when the shopper already has orders)."""
    if user.orders.exists():
        return []
    identity = demo_identity(user)
    baskets = [
        [(p, 1) for p in _pick(merchant="hanbit", warehouse="dalian-bonded")],
        [(p, 2) for p in _pick(merchant="hanbit", warehouse="dalian-bonded", count=2)]
        + [(p, 1) for p in _pick(merchant="taiga", warehouse="hunchun-bonded")],
        [(p, 1) for p in _pick(merchant="hanbit", warehouse="incheon-direct")],
    ]
    return [
        order_place(user=user, items=items, identity=identity, consignee=DEMO_CONSIGNEE)
        for items in baskets
        if items
    ]


def demo_release(order) -> bool:
    """Walk ``order``'s declarations through the real customs path once, so a fresh demo has a
    released order to return: its outbox messages are delivered to the exchange folder, the
    local customs simulator answers them, the receipts are read back. Only with the embedded
    folder exchange (never against a real gateway). Returns whether every declaration of the
    order is released."""
    from integrations.customs.simulator import CustomsSimulator
    from integrations.registry import get_backend
    from shop.customs.models import Declaration, OutboxMessage
    from shop.customs.outbox import outbox_deliver
    from shop.customs.receipts import receipts_receive

    if not getattr(get_backend("customs_transport"), "embedded", False):
        return False
    messages = OutboxMessage.objects.filter(declaration__order=order, status="pending")
    for message in messages.order_by("declaration", "sequence"):
        outbox_deliver(message_id=message.pk, now=timezone.now())
    CustomsSimulator(settings.CUSTOMS_EXCHANGE_DIR).step()
    for _ in range(5):
        if not sum(receipts_receive().values()):
            break
    statuses = set(order.declarations.values_list("status", flat=True))
    return statuses == {Declaration.Status.RELEASED}
