"""The whole customs loop on the embedded parts: paid orders → outbox → signed messages in
the customs_exchange folder → the local customs simulator → receipts → declaration statuses, and what
the shopper and staff see."""

from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from integrations.customs.simulator import CustomsSimulator
from shop.customs.models import CustomsReceipt, Declaration, OutboxMessage
from shop.customs.outbox import declaration_cancel_request, outbox_deliver, outbox_due
from shop.customs.receipts import receipts_receive
from tests.factories.orders import paid_orders_in_both_trade_modes
from tests.factories.orders import shopper as shopper_user
from tests.factories.users import staff_user

pytestmark = pytest.mark.django_db

Status = Declaration.Status


@pytest.fixture
def shopper(customs_exchange):
    """A shopper with paid orders in both trade modes, one of them split in two declarations."""
    user = shopper_user()
    paid_orders_in_both_trade_modes(user=user)
    assert Declaration.objects.filter(status=Status.PAID).count() == 4
    return user


def deliver_all():
    """Every pending outbox message to out/, as the worker would (see test_customs_pipeline)."""
    for _ in range(5):  # later messages of a declaration wait for the earlier ones
        for pk in outbox_due(now=None):
            outbox_deliver(message_id=pk)
        OutboxMessage.objects.filter(status="pending").update(next_attempt_at="2000-01-01T00:00Z")
    assert not OutboxMessage.objects.exclude(status="sent").exists()


def settle(simulator, passes=1):
    """Simulator passes, then the shop reads everything customs wrote."""
    log = []
    for _ in range(passes):
        log += simulator.step()
    inbox = Path(simulator.in_dir)
    while any(not p.name.startswith(".") for p in inbox.iterdir()):
        receipts_receive()
    return log


def statuses():
    return sorted(Declaration.objects.values_list("status", flat=True))


def test_every_declaration_is_released_and_the_shopper_sees_it(shopper, customs_exchange, client):
    deliver_all()
    log = settle(CustomsSimulator(customs_exchange, seed=1))
    count = Declaration.objects.count()
    assert statuses() == [Status.RELEASED] * count, log
    assert not CustomsReceipt.objects.filter(status="quarantined").exists()
    for declaration in Declaration.objects.all():
        path = [c.to_status for c in declaration.status_changes.order_by("pk")]
        assert path[-3:] == [Status.DECLARED, Status.UNDER_REVIEW, Status.RELEASED]
        assert path.count(Status.RELEASED) == 1
        assert len(declaration.invt_no) == 18
        assert declaration.invt_no.startswith(declaration.warehouse.customs_code)
        kinds = sorted(declaration.receipts.values_list("kind", flat=True))
        assert kinds == ["CEB312", "CEB412", "CEB512", "CEB622", "CEB622", "CEB622", "CEB816"]
        bill = declaration.receipts.get(kind="CEB816")
        assert bill.status == "applied"
    with translation.override("zh-hans"):
        released = str(Declaration.SHOPPER_EXPLANATIONS[Status.RELEASED])
    client.force_login(shopper)
    for order in shopper.orders.all():
        response = client.get(f"/zh-hans/accounts/orders/{order.number}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count(released) == order.declarations.count()


def test_refusal_rate_one_refuses_with_the_reason_for_staff(shopper, customs_exchange, client):
    deliver_all()
    settle(CustomsSimulator(customs_exchange, refusal_rate=1.0, seed=2))
    assert statuses() == [Status.REFUSED] * Declaration.objects.count()
    for declaration in Declaration.objects.all():
        last = declaration.status_changes.order_by("pk").last()
        assert (last.to_status, last.source, last.code) == (Status.REFUSED, "CEB622", "100")
        assert "海关退单" in last.note
        assert not declaration.receipts.filter(kind="CEB816").exists()
    with translation.override("zh-hans"):
        refused = str(Declaration.SHOPPER_EXPLANATIONS[Status.REFUSED])
    client.force_login(shopper)
    order = shopper.orders.first()
    assert refused in client.get(f"/zh-hans/accounts/orders/{order.number}/").content.decode()
    client.force_login(staff_user())
    declaration = Declaration.objects.first()
    page = client.get(f"/en/dashboard/customs/{declaration.pk}/").content.decode()
    assert declaration.status_changes.order_by("pk").last().note in page


def test_duplicates_and_drops_still_release_exactly_once(shopper, customs_exchange):
    deliver_all()
    simulator = CustomsSimulator(customs_exchange, duplicate_rate=1.0, drop_rate=1.0, seed=3)
    log = settle(simulator)
    assert any(line.startswith("dropped CEB622") for line in log)
    assert statuses() == [Status.RELEASED] * Declaration.objects.count()
    for declaration in Declaration.objects.all():
        released = declaration.status_changes.filter(to_status=Status.RELEASED)
        assert released.count() == 1
        assert released.get().code == "800"
        assert declaration.receipts.filter(status="duplicate").exists()
        assert not declaration.receipts.filter(kind="CEB622", return_status="120").exists()


def test_staff_cancel_before_release(shopper, customs_exchange):
    clock_now = [datetime.now(UTC)]
    simulator = CustomsSimulator(customs_exchange, delay=60, clock=lambda: clock_now[0], seed=4)
    deliver_all()
    settle(simulator)  # 312/412/512 and 622 "2"
    clock_now[0] += timedelta(seconds=60)
    settle(simulator)  # 622 120 with the inventory number
    assert statuses() == [Status.UNDER_REVIEW] * Declaration.objects.count()
    declaration = Declaration.objects.first()
    declaration_cancel_request(declaration=declaration, reason="顾客申请取消订单")
    deliver_all()
    settle(simulator)
    clock_now[0] += timedelta(seconds=60)
    settle(simulator)  # the others are released, the cancelled one is not
    declaration.refresh_from_db()
    assert declaration.status == Status.CANCELLED
    last = declaration.status_changes.order_by("pk").last()
    assert (last.source, last.code) == ("CEB624", "399")
    assert not declaration.receipts.filter(return_status="800").exists()
    others = Declaration.objects.exclude(pk=declaration.pk)
    assert set(others.values_list("status", flat=True)) == {Status.RELEASED}


def test_customs_sim_command_once(shopper, customs_exchange):
    deliver_all()
    out = StringIO()
    call_command("customs_sim", "--once", "--seed", "5", stdout=out)
    text = out.getvalue()
    assert f"customs simulator on {customs_exchange}" in text
    assert text.count("CEB622 800") == Declaration.objects.count()
    receipts_receive(limit=1000)
    assert statuses() == [Status.RELEASED] * Declaration.objects.count()
    with pytest.raises(CommandError):
        call_command("customs_sim", "--once", "--refusal-rate", "2")
