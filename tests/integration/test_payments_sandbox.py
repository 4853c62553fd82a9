"""Paying through the embedded sandbox gateway (issue #6): same service path as Stripe."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from oscar.core.loading import get_model

from integrations.payments.base import PaymentError
from shop.customs.models import Declaration, OutboxMessage
from shop.payments import services
from shop.payments.models import Payment, Refund
from tests.factories.orders import assortment, identity_for, placed_order, shopper
from tests.factories.users import staff_user

pytestmark = pytest.mark.django_db

User = get_user_model()
Basket = get_model("basket", "Basket")
Source = get_model("payment", "Source")
StockRecord = get_model("partner", "StockRecord")
ORDERER = "李明"  # the real-name orderer of the order below; "王芳" is someone else


@pytest.fixture
def order(settings):
    """A mixed basket (two merchants, bonded) placed by ``ORDERER`` and waiting for payment."""
    user = shopper()
    identity_for(user, name=ORDERER)
    goods = assortment()
    return placed_order(user=user, items=[(goods.dalian_bonded, 1), (goods.hunchun_bonded, 2)])


@pytest.fixture
def shopper_client(client, order):
    client.force_login(order.user)
    return client


def pay(client, order, outcome="succeed", payer=ORDERER):
    page = client.get(f"/en/payments/{order.number}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Test payment (sandbox)" in html
    payment = order.payments.get()
    response = client.post(
        f"/en/payments/{order.number}/sandbox/",
        {"intent_id": payment.intent_id, "outcome": outcome, "payer_name": payer},
    )
    assert response.status_code == 302
    return client.get(response.url)


def test_successful_payment_marks_every_declaration_paid_and_queues_customs(shopper_client, order):
    assert order.declarations.count() == 2
    response = pay(shopper_client, order)
    assert response.status_code == 302
    assert response.url == f"/en/accounts/orders/{order.number}/"
    order.refresh_from_db()
    assert order.status == "Paid"
    payment = order.payments.get()
    assert payment.status == "succeeded"
    assert payment.amount == order.total_incl_tax
    source = Source.objects.get(order=order)
    assert source.amount_debited == order.total_incl_tax
    assert order.payment_events.filter(event_type__code="paid").count() == 1
    for declaration in order.declarations.all():
        assert declaration.status == "paid"
        assert declaration.payment_transaction_id.startswith(payment.intent_id)
        assert declaration.outbox_messages.count() == 4
    # two declarations, one payment: each payment document has its own transaction number
    ids = set(order.declarations.values_list("payment_transaction_id", flat=True))
    assert len(ids) == 2


def test_payer_who_is_not_the_orderer_holds_the_declarations(shopper_client, order):
    pay(shopper_client, order, payer="王芳")
    order.refresh_from_db()
    assert order.status == "Paid"
    assert set(order.declarations.values_list("status", flat=True)) == {"held"}
    assert not OutboxMessage.objects.filter(declaration__order=order).exists()
    html = shopper_client.get(f"/en/accounts/orders/{order.number}/").content.decode()
    assert "checking that the payer is the orderer" in html


def test_failed_payment_cancels_the_order_releases_stock_and_restores_the_basket(
    shopper_client, order
):
    allocated = {line.stockrecord_id: line.stockrecord.num_allocated for line in order.lines.all()}
    assert all(allocated.values())
    response = pay(shopper_client, order, outcome="fail")
    assert response.status_code == 302
    assert response.url.endswith("/basket/")
    order.refresh_from_db()
    assert order.status == "Cancelled"
    for line in order.lines.all():
        record = StockRecord.objects.get(pk=line.stockrecord_id)
        assert record.num_allocated == allocated[line.stockrecord_id] - line.quantity
    assert set(order.declarations.values_list("status", flat=True)) == {"cancelled"}
    basket = Basket.open.get(owner=order.user)
    assert {(line.product_id, line.quantity) for line in basket.all_lines()} == {
        (line.product_id, line.quantity) for line in order.lines.all()
    }
    assert "did not go through" in shopper_client.get(response.url).content.decode()


def test_nobody_else_can_pay_or_see_the_payment_page(client, order):
    other = User.objects.create_user(username="other", email="o@example.com", password="x")
    client.force_login(other)
    assert client.get(f"/en/payments/{order.number}/").status_code == 404
    assert client.post(f"/en/payments/{order.number}/sandbox/").status_code == 404


def test_a_paid_order_is_not_paid_twice(shopper_client, order):
    pay(shopper_client, order)
    response = shopper_client.get(f"/en/payments/{order.number}/")
    assert response.status_code == 302
    assert Payment.objects.filter(order=order).count() == 1
    payment = order.payments.get()
    # the browser coming back again changes nothing
    shopper_client.get(f"/en/payments/{order.number}/return/")
    assert order.payment_events.filter(event_type__code="paid").count() == 1
    assert Declaration.objects.filter(order=order, status="paid").count() == 2
    assert payment.status == "succeeded"


def test_refund_twice_with_one_key_refunds_once(shopper_client, order):
    pay(shopper_client, order)
    payment = order.payments.get()
    first = services.refund_create(payment=payment, amount=Decimal("10.00"), key="form-1")
    again = services.refund_create(payment=payment, amount=Decimal("10.00"), key="form-1")
    assert first.pk == again.pk
    assert Refund.objects.filter(payment=payment).count() == 1
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("10.00")
    rest = payment.amount - Decimal("10.00")
    with pytest.raises(PaymentError):
        services.refund_create(payment=payment, amount=rest + Decimal("0.01"), key="form-2")
    services.refund_create(payment=payment, amount=rest, key="form-3")
    payment.refresh_from_db()
    assert payment.refundable == Decimal("0")
    assert order.payment_events.filter(event_type__code="refunded").count() == 2


def test_amounts_are_sent_in_fen_never_rounded():
    assert services.to_minor(Decimal("695.84")) == 69584
    assert isinstance(services.to_minor(Decimal("1")), int)
    with pytest.raises(ValueError, match="two decimal places"):
        services.to_minor(Decimal("0.005"))


def test_sandbox_is_refused_in_production(settings):
    errors = [
        m
        for m in checks.run_checks(include_deployment_checks=True)
        if m.id == "integrations.E001" and "payments" in m.msg
    ]
    assert errors


def test_staff_release_a_held_declaration_and_refund_from_the_dashboard(
    shopper_client, order, client
):
    pay(shopper_client, order, payer="李 明 (company card)")
    declaration = order.declarations.first()
    assert declaration.status == "held"
    client.force_login(staff_user())
    page = client.get(f"/en/dashboard/customs/{declaration.pk}/").content.decode()
    assert "Payer checked: declare to customs" in page
    client.post(f"/en/dashboard/customs/{declaration.pk}/release/")
    declaration.refresh_from_db()
    assert declaration.status == "paid"
    assert declaration.outbox_messages.count() == 4

    page = client.get(f"/en/dashboard/payments/{order.number}/")
    assert page.status_code == 200
    form = page.context["payments"][0]["form"]
    data = {
        "payment": form.initial["payment"],
        "key": form.initial["key"],
        "amount": "5.00",
        "reason": "broken box",
    }
    client.post(f"/en/dashboard/payments/{order.number}/", data)
    client.post(f"/en/dashboard/payments/{order.number}/", data)  # double submit
    payment = order.payments.get()
    assert payment.refunds.count() == 1
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("5.00")
    html = client.get(f"/en/dashboard/payments/{order.number}/").content.decode()
    assert "broken box" in html
    assert "李 明 (company card)" not in html  # masked


def test_a_declaration_refused_by_customs_is_refunded_once(
    shopper_client, order, settings, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from shop.customs.receipts import receipts_receive
    from tests.factories.customs import inventory_receipt
    from tests.integration.test_customs_pipeline import deliver_all

    pay(shopper_client, order)
    deliver_all()
    declaration = order.declarations.first()
    inbox = Path(settings.CUSTOMS_EXCHANGE_DIR) / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    refused = inventory_receipt(declaration, "-301010", "订购人年度购买额度超限")
    (inbox / "r1.xml").write_bytes(refused)
    (inbox / "r2.xml").write_bytes(refused)  # twice
    with django_capture_on_commit_callbacks(execute=True):
        receipts_receive()
    payment = order.payments.get()
    refunds = list(payment.refunds.all())
    assert len(refunds) == 1
    assert refunds[0].amount == declaration.actual_paid
    payment.refresh_from_db()
    assert payment.amount_refunded == declaration.actual_paid
