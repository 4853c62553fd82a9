"""Merchants (dashboard users of an Oscar ``Partner``), zone staff, and an order shared by two
merchants, placed through the real placement path (``tests/factories/orders.py``)."""

from dataclasses import dataclass

from . import users
from .catalogue import PartnerFactory
from .orders import placed_order, shopper, stocked_product


def merchant_user(partner=None, *, email=None):
    """A dashboard user of ``partner`` (a new partner when omitted): Oscar's
    ``partner.dashboard_access`` permission and membership in ``Partner.users``, as
    ``load_demo`` sets up its merchants (``tests.factories.users.merchant_user``, password
    "pw-m-1")."""
    return users.merchant_user(partner or PartnerFactory(), email, password="pw-m-1")


def zone_staff(email="zone-staff@shop.example.com"):
    """Zone staff as `load_demo` makes them: staff and superuser (Oscar's permission-based
    dashboard wants model permissions besides `is_staff`); password "pw-s-1"."""
    return users.staff_user(email, password="pw-s-1")


@dataclass
class SharedOrder:
    """One order with lines of merchant A and merchant B (one declaration each)."""

    order: object
    partner_a: object
    partner_b: object
    merchant_a: object
    merchant_b: object
    product_a: object
    product_b: object
    shopper: object

    @property
    def lines_a(self):
        return self.order.lines.filter(partner=self.partner_a)

    @property
    def lines_b(self):
        return self.order.lines.filter(partner=self.partner_b)


def shared_order(*, price_a="120.00", price_b="75.50", quantity_a=2, quantity_b=1, buyer=None):
    """An order placed by a shopper with ``quantity_a`` of merchant A's product and
    ``quantity_b`` of merchant B's, both in the same bonded warehouse."""
    partner_a = PartnerFactory(name="Merchant A")
    partner_b = PartnerFactory(name="Merchant B")
    product_a = stocked_product(price=price_a, partner=partner_a)
    product_b = stocked_product(price=price_b, partner=partner_b)
    buyer = buyer or shopper()
    order = placed_order(user=buyer, items=[(product_a, quantity_a), (product_b, quantity_b)])
    order.refresh_from_db()  # the number as stored (a string)
    return SharedOrder(
        order=order,
        partner_a=partner_a,
        partner_b=partner_b,
        merchant_a=merchant_user(partner_a),
        merchant_b=merchant_user(partner_b),
        product_a=product_a,
        product_b=product_b,
        shopper=buyer,
    )
