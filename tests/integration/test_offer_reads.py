"""Offers read without needless queries (issue #16). Site offers are kept per process
(shop/apps/offer/applicator.py): applied as Oscar applies them, read without a query while
nothing about them changes, and changes - a new offer, a benefit edit, a suspended offer, an
offer past its end - show on the shopper's next page. A basket's vouchers are read once per
request (shop/apps/basket/middleware.py), and a voucher added or removed counts at once."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class

from tests.factories.catalogue import CategoryFactory, ProductFactory
from tests.factories.offers import site_offer, voucher

pytestmark = pytest.mark.django_db


def test_the_applicator_is_the_shops():
    assert get_class("offer.applicator", "Applicator").__module__ == "shop.apps.offer.applicator"


@pytest.fixture
def basket_client(client):
    product = ProductFactory(stockrecords__price=Decimal("100.00"))
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code == 302
    return client


def _basket(client):
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    return response.context["basket"]


def test_a_site_offer_applies_and_is_read_once(basket_client):
    assert _basket(basket_client).total_discount == Decimal("0.00")
    site_offer("20")
    assert _basket(basket_client).total_discount == Decimal("20.00")
    with CaptureQueriesContext(connection) as captured:
        assert _basket(basket_client).total_discount == Decimal("20.00")
    offers = [q["sql"] for q in captured.captured_queries if "offer_conditionaloffer" in q["sql"]]
    # only the voucher offers' join (Oscar's get_basket_offers), never the site offers
    assert not [sql for sql in offers if 'FROM "offer_conditionaloffer"' in sql], offers


def test_a_benefit_edit_shows_on_the_next_page(basket_client):
    offer = site_offer("20")
    assert _basket(basket_client).total_discount == Decimal("20.00")
    offer.benefit.value = Decimal("30")
    offer.benefit.save()
    assert _basket(basket_client).total_discount == Decimal("30.00")


def test_a_suspended_offer_stops_applying(basket_client):
    offer = site_offer("20")
    assert _basket(basket_client).total_discount == Decimal("20.00")
    offer.suspend()
    assert _basket(basket_client).total_discount == Decimal("0.00")


def test_an_offer_applies_only_within_its_dates_without_any_save(basket_client, monkeypatch):
    now = timezone.now()
    offer = site_offer("20")
    type(offer).objects.filter(pk=offer.pk).update(
        start_datetime=now + datetime.timedelta(hours=1),
        end_datetime=now + datetime.timedelta(hours=2),
    )
    offer.benefit.save()  # a new version, so the dates are read; from here on no signal
    assert _basket(basket_client).total_discount == Decimal("0.00")
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=90))
    assert _basket(basket_client).total_discount == Decimal("20.00")
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=3))
    assert _basket(basket_client).total_discount == Decimal("0.00")


def test_a_basket_page_reads_its_vouchers_once_and_sees_a_voucher_added_or_removed(
    basket_client,
):
    voucher("WELCOME30", "30.00")
    with CaptureQueriesContext(connection) as captured:
        assert _basket(basket_client).total_discount == Decimal("0.00")
    reads = [q for q in captured.captured_queries if 'FROM "voucher_voucher"' in q["sql"]]
    assert not reads, reads  # the open basket's query says it holds none (Oscar: two reads)
    response = basket_client.post(reverse("basket:vouchers-add"), {"code": "WELCOME30"})
    assert response.status_code == 302
    with CaptureQueriesContext(connection) as captured:
        basket = _basket(basket_client)
        assert basket.total_discount == Decimal("30.00")
    reads = [q for q in captured.captured_queries if 'FROM "voucher_voucher"' in q["sql"]]
    assert len(reads) == 1, reads  # Oscar: one per offer application, two on this page
    applied = basket.vouchers.get()
    response = basket_client.post(reverse("basket:vouchers-remove", kwargs={"pk": applied.pk}))
    assert response.status_code == 302
    assert _basket(basket_client).total_discount == Decimal("0.00")


def test_a_range_change_without_a_save_of_its_own_shows_on_the_next_page(client):
    # range membership changes are m2m rows, no save of the offer, condition or benefit: they
    # count at once because Oscar queries a range's products at each application
    category = CategoryFactory(name="面膜")
    product = ProductFactory(stockrecords__price=Decimal("100.00"), in_categories=[category])
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    offer = site_offer("20")
    assert _basket(client).total_discount == Decimal("20.00")
    offer.benefit.range.excluded_categories.add(category)
    assert _basket(client).total_discount == Decimal("0.00")
