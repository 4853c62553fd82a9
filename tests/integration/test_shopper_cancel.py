"""The shopper cancels a declaration before release (issue #15): locally when nothing went to
customs, by CEB623 once declared (refunded when CEB624 399 confirms), told why when customs
refuses, told to return when released; stock goes back and the order closes when nothing of it
ships. Only the orderer's own declarations, only by POST."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from integrations.customs.receipts import build_receipt
from shop.customs.models import Declaration, OutboxMessage
from shop.customs.outbox import outbox_deliver, outbox_due
from shop.customs.receipts import receipt_file_process
from shop.payments.models import Refund
from tests.factories.catalogue import PartnerFactory, WarehouseFactory
from tests.factories.customs import inventory_receipt
from tests.factories.orders import order_pay, placed_order, shopper, stocked_product

pytestmark = pytest.mark.django_db

Status = Declaration.Status


@pytest.fixture
def buyer():
    return shopper()


def paid_order(buyer, *, parcels=1):
    """A paid order of ``parcels`` declarations (one merchant and warehouse each)."""
    items = []
    for number in range(parcels):
        partner = PartnerFactory()
        product = stocked_product(
            price=f"{80 + number * 10}.00", partner=partner, warehouse=WarehouseFactory()
        )
        items.append((product, 2))
    order = placed_order(user=buyer, items=items)
    order_pay(order)
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.declarations.count() == parcels
    return order


def deliver_all():
    for _ in range(5):
        for pk in outbox_due(now=None):
            outbox_deliver(message_id=pk)
        OutboxMessage.objects.filter(status="pending").update(next_attempt_at="2000-01-01T00:00Z")


def declared(declaration, invt_no="22222026I000000123"):
    """Customs registered the inventory and is reviewing it (CEB622 120 with invtNo)."""
    deliver_all()
    assert receipt_file_process(
        name="CEB622-120.xml", data=inventory_receipt(declaration, "120", invt_no=invt_no)
    )
    declaration.refresh_from_db()
    assert declaration.status == Status.UNDER_REVIEW
    return declaration


def answer_cancellation(declaration, status, info):
    message = declaration.outbox_messages.get(kind=OutboxMessage.Kind.CANCEL)
    data = build_receipt(
        "CEB624",
        guid=message.guid,
        return_status=status,
        return_info=info,
        return_time=timezone.now(),
        customs_code=declaration.warehouse.customs_code,
        agent_code="DEMO000002",
        cop_no=declaration.number,
        pre_no="B20261202000000009",
        invt_no=declaration.invt_no,
    )
    assert receipt_file_process(name=f"CEB624-{status}.xml", data=data)
    declaration.refresh_from_db()


def cancel(client, declaration, reason="changed_mind"):
    return client.post(
        reverse("customs:declaration-cancel", args=[declaration.number]), {"reason": reason}
    )


def allocated(order):
    return sum(line.stockrecord.num_allocated for line in order.lines.select_related("stockrecord"))


def test_before_anything_is_sent_it_is_cancelled_here_and_refunded(client, buyer):
    order = paid_order(buyer)
    declaration = order.declarations.get()
    assert allocated(order) == 2
    client.force_login(buyer)
    with override("zh-hans"):
        response = cancel(client, declaration)
    assert response.status_code == 302
    assert response["Location"] == reverse("customer:order", args=[order.number])
    declaration.refresh_from_db()
    assert declaration.status == Status.CANCELLED
    # nothing goes to customs: every message withdrawn, none sent, no CEB623
    statuses = set(declaration.outbox_messages.values_list("status", flat=True))
    assert statuses == {OutboxMessage.Status.WITHDRAWN}
    assert not outbox_due(now=None)
    refund = Refund.objects.get()
    assert refund.amount == declaration.actual_paid
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert allocated(order) == 0


def test_one_parcel_of_two_is_refunded_for_its_own_amount(client, buyer):
    order = paid_order(buyer, parcels=2)
    first, second = order.declarations.order_by("sequence")
    client.force_login(buyer)
    cancel(client, first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert second.status == Status.PAID
    assert Refund.objects.get().amount == first.actual_paid
    assert first.actual_paid < order.total_incl_tax
    order.refresh_from_db()
    assert order.status == "Paid"  # the other parcel still ships
    line = first.lines.get().order_line
    line.stockrecord.refresh_from_db()
    assert line.stockrecord.num_allocated == 0
    other = second.lines.get().order_line.stockrecord
    assert other.num_allocated == 2


def test_while_customs_registers_it_the_shopper_is_asked_to_wait(client, buyer):
    order = paid_order(buyer)
    declaration = order.declarations.get()
    deliver_all()  # sent, but no inventory number from customs yet
    client.force_login(buyer)
    with override("zh-hans"):
        response = cancel(client, declaration)
        page = client.get(response["Location"]).content.decode()
        expected = gettext(
            "China Customs is registering this parcel right now, so it cannot be "
            "cancelled this minute. Please try again in a few minutes."
        )
    assert expected in page
    declaration.refresh_from_db()
    assert declaration.status == Status.PAID
    assert not declaration.outbox_messages.filter(kind=OutboxMessage.Kind.CANCEL).exists()
    assert not Refund.objects.exists()


def test_a_declared_parcel_is_cancelled_by_customs_then_refunded(client, buyer):
    order = paid_order(buyer)
    declaration = declared(order.declarations.get())
    client.force_login(buyer)
    cancel(client, declaration, reason="mistake")
    request = declaration.outbox_messages.get(kind=OutboxMessage.Kind.CANCEL)
    assert request.note == "消费者申请撤单：下错订单"  # customs reads Chinese
    assert declaration.status == Status.UNDER_REVIEW  # not until customs confirms
    assert not Refund.objects.exists()
    # asking twice sends one request
    cancel(client, declaration)
    assert declaration.outbox_messages.filter(kind=OutboxMessage.Kind.CANCEL).count() == 1
    with override("zh-hans"):
        page = client.get(reverse("customer:order", args=[order.number])).content.decode()
        waiting = gettext(
            "You asked to cancel this parcel. We are waiting for China Customs to confirm; "
            "the refund follows."
        )
    assert waiting in page
    deliver_all()  # CEB623 built, checked against the XSD, signed and sent
    request.refresh_from_db()
    assert request.status == OutboxMessage.Status.SENT
    assert "<ceb:reason>消费者申请撤单：下错订单</ceb:reason>" in request.payload
    answer_cancellation(declaration, "399", "撤销审结")
    assert declaration.status == Status.CANCELLED
    assert Refund.objects.get().amount == declaration.actual_paid
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert allocated(order) == 0


def test_a_refused_cancellation_changes_nothing_and_tells_the_shopper_why(client, buyer):
    order = paid_order(buyer)
    declaration = declared(order.declarations.get())
    client.force_login(buyer)
    cancel(client, declaration)
    deliver_all()
    answer_cancellation(declaration, "-623005", "清单的状态不符合撤单申报要求")
    # customs refused the *cancellation*: the inventory goes on, nothing is refunded
    assert declaration.status == Status.UNDER_REVIEW
    assert not Refund.objects.exists()
    with override("zh-hans"):
        page = client.get(reverse("customer:order", args=[order.number])).content.decode()
        told = gettext("China Customs did not accept the cancellation: %(reason)s") % {
            "reason": "清单的状态不符合撤单申报要求"
        }
    assert told in page
    assert 'class="mt-2 cancel-declaration"' in page  # may ask again


def test_a_released_parcel_cannot_be_cancelled(client, buyer):
    order = paid_order(buyer)
    declaration = declared(order.declarations.get())
    assert receipt_file_process(
        name="CEB622-800.xml",
        data=inventory_receipt(declaration, "800", invt_no=declaration.invt_no),
    )
    client.force_login(buyer)
    with override("zh-hans"):
        response = cancel(client, declaration)
        page = client.get(response["Location"]).content.decode()
        expected = gettext(
            "China Customs has already released this parcel, so it can no longer be "
            "cancelled. You can ask for a return on this page within 30 days of its release."
        )
    assert expected in page
    declaration.refresh_from_db()
    assert declaration.status == Status.RELEASED
    assert not declaration.outbox_messages.filter(kind=OutboxMessage.Kind.CANCEL).exists()
    assert 'class="mt-2 cancel-declaration"' not in page
    assert 'class="mt-2 return-goods"' in page  # a return is offered instead


def test_an_unpaid_order_is_cancelled_as_a_whole(client, buyer):
    product = stocked_product(price="59.00")
    order = placed_order(user=buyer, items=[(product, 1)])
    client.force_login(buyer)
    cancel(client, order.declarations.get())
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert set(order.declarations.values_list("status", flat=True)) == {Status.CANCELLED}
    assert allocated(order) == 0
    assert not Refund.objects.exists()


def test_only_the_orderer_can_cancel_and_only_by_post(client, buyer):
    order = paid_order(buyer)
    declaration = order.declarations.get()
    url = reverse("customs:declaration-cancel", args=[declaration.number])
    assert client.post(url).status_code == 302  # anonymous → log in
    client.force_login(shopper("someone-else@example.com"))
    assert client.post(url, {"reason": "other"}).status_code == 404
    client.force_login(buyer)
    assert client.get(url).status_code == 405
    declaration.refresh_from_db()
    assert declaration.status == Status.PAID
    assert not Refund.objects.exists()


def test_a_parcel_refused_by_customs_gives_its_stock_back(buyer):
    order = paid_order(buyer)
    declaration = declared(order.declarations.get())
    assert receipt_file_process(
        name="CEB622-100.xml",
        data=inventory_receipt(declaration, "100", "商品信息不符", invt_no=declaration.invt_no),
    )
    declaration.refresh_from_db()
    assert declaration.status == Status.REFUSED
    assert allocated(order) == 0
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert Refund.objects.get().amount == declaration.actual_paid
    assert declaration.actual_paid > Decimal("0")
