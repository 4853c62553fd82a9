"""Returns of released goods (issue #15): asked within 30 days of release, received back within
45, CEB625 through the outbox, CEB626 399 → refund of the goods' share, their tax and the
freight by policy, quota restored; refused by customs with the reason; too late refused here.
The whole loop runs against the local customs simulator."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from integrations.customs.simulator import CustomsSimulator
from shop.customs.models import Declaration, DeclarationStatusChange, OutboxMessage, ReturnRequest
from shop.customs.outbox import outbox_deliver, outbox_due
from shop.customs.receipts import receipt_file_process, receipts_receive
from shop.customs.selectors import annual_quota_used
from shop.payments.models import Refund
from tests.factories.catalogue import PartnerFactory
from tests.factories.merchants import merchant_user
from tests.factories.orders import order_pay, placed_order, shopper, stocked_product

pytestmark = pytest.mark.django_db

Status = ReturnRequest.Status


def deliver_and_answer(customs_exchange):
    """Every due outbox message to out/, one simulator pass, every receipt read back."""
    for _ in range(6):
        for pk in outbox_due(now=None):
            outbox_deliver(message_id=pk)
        OutboxMessage.objects.filter(status="pending").update(next_attempt_at="2000-01-01T00:00Z")
    CustomsSimulator(customs_exchange, seed=1).step()
    inbox = customs_exchange / "in"
    while inbox.exists() and any(not p.name.startswith(".") for p in inbox.iterdir()):
        receipts_receive()


@pytest.fixture
def world(customs_exchange):
    buyer = shopper()
    partner = PartnerFactory()
    cream = stocked_product(price="120.00", partner=partner)
    mask = stocked_product(price="35.50", partner=partner)
    order = placed_order(user=buyer, items=[(cream, 2), (mask, 1)])
    order_pay(order)
    deliver_and_answer(customs_exchange)
    declaration = order.declarations.get()
    assert declaration.status == Declaration.Status.RELEASED
    lines = {line.quantity: line for line in declaration.lines.all()}
    return {
        "buyer": buyer,
        "merchant": merchant_user(partner),
        "order": order,
        "declaration": declaration,
        "cream": lines[2],
        "mask": lines[1],
    }


def ask(client, world, quantities, reason="damaged"):
    client.force_login(world["buyer"])
    data = {f"qty_{line.pk}": q for line, q in quantities}
    data["reason"] = reason
    return client.post(reverse("customs:return-create", args=[world["declaration"].number]), data)


def receive(client, world, request, condition="as_sent"):
    client.force_login(world["merchant"])
    return client.post(
        reverse("customs-dashboard:return-receive", args=[request.pk]), {"condition": condition}
    )


def test_a_partial_return_is_refunded_for_its_share_and_restores_the_quota(
    client, world, customs_exchange
):
    declaration, cream = world["declaration"], world["cream"]
    quota_before = annual_quota_used(id_number_hash=declaration.orderer_id_hash)
    with override("zh-hans"):
        ask(client, world, [(cream, 1)])
        page = client.get(reverse("customer:order", args=[world["order"].number])).content
    request = ReturnRequest.objects.get()
    assert request.status == Status.REQUESTED
    assert [(line.declaration_line, line.quantity) for line in request.lines.all()] == [(cream, 1)]
    assert 'class="small mb-0 return-address"' in page.decode()
    # the merchant receives the parcel: CEB625 goes to customs, which concludes it
    assert receive(client, world, request).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    assert request.message.kind == OutboxMessage.Kind.RETURN
    deliver_and_answer(customs_exchange)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED, request.outcome_reason
    assert f"<ceb:gnum>{cream.gnum}</ceb:gnum>" in request.message.payload
    # half the cream: its goods share and its import tax; freight only for a full return
    assert request.refund_goods == ((cream.dutiable_value - cream.freight_share) / 2).quantize(
        Decimal("0.01")
    )
    assert request.refund_tax == (cream.tax_total / 2).quantize(Decimal("0.01"))
    assert request.refund_freight == 0
    refund = Refund.objects.get(idempotency_key=f"return-{request.pk}")
    assert refund.amount == request.refund_total
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.RELEASED  # the rest stays with the shopper
    restored = (cream.dutiable_value / 2).quantize(Decimal("0.01"))
    assert declaration.returned_dutiable_value == restored
    assert annual_quota_used(id_number_hash=declaration.orderer_id_hash) == quota_before - restored


def test_returning_everything_refunds_the_freight_and_marks_the_declaration(
    client, world, customs_exchange, settings
):
    settings.SHOP_RETURN_FREIGHT_REFUND = "full_return"
    declaration = world["declaration"]
    ask(client, world, [(world["cream"], 2), (world["mask"], 1)])
    request = ReturnRequest.objects.get()
    receive(client, world, request)
    deliver_and_answer(customs_exchange)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert request.refund_freight == declaration.freight
    assert request.refund_total == declaration.actual_paid  # everything back
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.RETURNED
    assert declaration.returned_dutiable_value == declaration.dutiable_value
    # nothing more to return
    response = ask(client, world, [(world["mask"], 1)])
    assert response.status_code == 302
    assert ReturnRequest.objects.count() == 1


def test_freight_policy_never(client, world, customs_exchange, settings):
    settings.SHOP_RETURN_FREIGHT_REFUND = "never"
    ask(client, world, [(world["cream"], 2), (world["mask"], 1)])
    receive(client, world, ReturnRequest.objects.get())
    deliver_and_answer(customs_exchange)
    assert ReturnRequest.objects.get().refund_freight == 0


def test_more_than_was_bought_cannot_be_returned(client, world):
    with override("zh-hans"):
        response = ask(client, world, [(world["cream"], 3)])
        expected = gettext("You cannot return more items than you can still return.")
        page = client.get(response["Location"]).content.decode()
    assert expected in page
    assert not ReturnRequest.objects.exists()
    ask(client, world, [(world["cream"], 1)])
    ask(client, world, [(world["cream"], 2)])  # one is on its way back already
    assert ReturnRequest.objects.count() == 1


def test_day_31_is_refused_here(client, world):
    DeclarationStatusChange.objects.filter(
        declaration=world["declaration"], to_status=Declaration.Status.RELEASED
    ).update(created_at=timezone.now() - datetime.timedelta(days=31))
    with override("zh-hans"):
        response = ask(client, world, [(world["cream"], 1)])
        expected = gettext(
            "Returns must be asked for within %(days)s days of the customs release; "
            "that time has passed."
        ) % {"days": 30}
        page = client.get(response["Location"]).content.decode()
    assert expected in page
    assert not ReturnRequest.objects.exists()


def test_a_parcel_after_45_days_or_with_other_goods_is_not_declared(client, world):
    ask(client, world, [(world["cream"], 1)])
    first = ReturnRequest.objects.get()
    receive(client, world, first, condition="not_ours")
    first.refresh_from_db()
    assert first.status == Status.REJECTED
    assert first.message is None
    ask(client, world, [(world["cream"], 1)])  # the unit is returnable again
    second = ReturnRequest.objects.exclude(pk=first.pk).get()
    DeclarationStatusChange.objects.filter(
        declaration=world["declaration"], to_status=Declaration.Status.RELEASED
    ).update(created_at=timezone.now() - datetime.timedelta(days=46))
    receive(client, world, second)
    second.refresh_from_db()
    assert second.status == Status.REJECTED
    assert "45" in second.outcome_reason
    assert not OutboxMessage.objects.filter(kind=OutboxMessage.Kind.RETURN).exists()


def test_a_return_refused_by_customs_shows_the_reason_and_refunds_nothing(client, world):
    from integrations.customs.receipts import build_receipt

    declaration = world["declaration"]
    ask(client, world, [(world["cream"], 1)])
    request = ReturnRequest.objects.get()
    receive(client, world, request)
    request.refresh_from_db()
    data = build_receipt(
        "CEB626",
        guid=request.message.guid,
        return_status="100",
        return_info="退货商品与原清单不符",
        return_time=timezone.now(),
        customs_code=declaration.warehouse.customs_code,
        agent_code="DEMO000002",
        cop_no=declaration.number,
        pre_no="T20261202000000001",
        invt_no=declaration.invt_no,
    )
    assert receipt_file_process(name="CEB626-100.xml", data=data)
    request.refresh_from_db()
    declaration.refresh_from_db()
    assert request.status == Status.REFUSED
    assert request.outcome_reason == "退货商品与原清单不符"
    assert declaration.status == Declaration.Status.RELEASED  # not "refused by customs"
    assert not Refund.objects.filter(idempotency_key__startswith="return-").exists()
    client.force_login(world["buyer"])
    page = client.get(reverse("customer:order", args=[world["order"].number])).content.decode()
    assert "退货商品与原清单不符" in page


def test_only_the_orderer_asks_and_only_staff_or_the_merchant_receive(client, world):
    url = reverse("customs:return-create", args=[world["declaration"].number])
    client.force_login(shopper("other@example.com"))
    assert client.post(url, {f"qty_{world['cream'].pk}": 1, "reason": "damaged"}).status_code == 404
    ask(client, world, [(world["cream"], 1)])
    request = ReturnRequest.objects.get()
    client.force_login(merchant_user(PartnerFactory()))
    receive_url = reverse("customs-dashboard:return-receive", args=[request.pk])
    assert client.post(receive_url, {"condition": "as_sent"}).status_code == 404
    client.force_login(world["buyer"])  # a shopper has no dashboard
    assert client.post(receive_url, {"condition": "as_sent"}).status_code in (302, 403)
    request.refresh_from_db()
    assert request.status == Status.REQUESTED


def test_an_unknown_freight_policy_is_refused_at_startup(settings):
    from shop.customs.checks import check_return_freight_policy

    settings.SHOP_RETURN_FREIGHT_REFUND = "sometimes"
    assert [e.id for e in check_return_freight_policy(None)] == ["shop_customs.E002"]
    settings.SHOP_RETURN_FREIGHT_REFUND = "always"
    assert check_return_freight_policy(None) == []
