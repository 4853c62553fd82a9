"""Stock while orders are placed (issue #9): never sell more than is in stock."""

import threading

import pytest
from django.db import connection
from django.utils import translation
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

from shop.apps.partner.models import InsufficientStock
from tests.factories.orders import identity_for, placed_order, shopper, stocked_product

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

ATTEMPTS = 50  # CI's PostgreSQL allows 100 connections
UNITS = 3


@pytest.mark.django_db
def test_allocation_never_goes_beyond_the_stock():
    product = stocked_product(num_in_stock=2)
    record = product.stockrecords.get()
    record.allocate(2)
    with pytest.raises(InsufficientStock) as caught:
        record.allocate(1)
    assert caught.value.available == 0
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (2, 2)


@pytest.mark.django_db
def test_an_order_for_more_than_is_left_is_refused_with_what_is_left():
    user = shopper()
    product = stocked_product(num_in_stock=5)
    StockRecord.objects.filter(product=product).update(num_allocated=3)
    with translation.override("en"), pytest.raises(UnableToPlaceOrder) as caught:
        placed_order(user=user, items=[(product, 3)])
    assert f"Only 2 of “{product.get_title()}” are left" in str(caught.value)
    assert not Order.objects.exists()
    assert StockRecord.objects.get(product=product).num_allocated == 3


@pytest.mark.django_db(transaction=True)
def test_fifty_shoppers_racing_for_the_last_units_buy_exactly_those_units():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks or concurrent writers: run with DATABASE_URL=postgres")
    product = stocked_product(num_in_stock=UNITS)
    buyers = []
    for n in range(ATTEMPTS):
        user = shopper(email=f"racer{n}@example.com")
        buyers.append((user, identity_for(user)))
    start = threading.Barrier(ATTEMPTS)
    outcomes = []
    lock = threading.Lock()

    def buy(user, identity):
        try:
            start.wait()
            placed_order(user=user, items=[(product, 1)], identity=identity)
            result = "ordered"
        except UnableToPlaceOrder as error:
            result = str(error)
        except Exception as error:  # noqa: BLE001 — anything else fails the test below
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy, args=buyer) for buyer in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == ATTEMPTS
    assert outcomes.count("ordered") == UNITS
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert Order.objects.count() == UNITS
    for record in StockRecord.objects.all():
        assert record.num_allocated <= record.num_in_stock
    assert StockRecord.objects.get(product=product).num_allocated == UNITS
