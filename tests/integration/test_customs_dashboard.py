"""Customs pages in the dashboard: staff see declarations, messages (masked XML), receipts and
can resend or cancel; a merchant sees only its own declarations, read-only."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.customs.models import Declaration, OutboxMessage
from shop.customs.receipts import receipts_receive
from tests.factories.customs import inventory_receipt
from tests.factories.orders import paid_orders_in_both_trade_modes, shopper
from tests.factories.users import merchant_user, staff_user
from tests.integration.test_customs_pipeline import deliver_all

pytestmark = pytest.mark.django_db

User = get_user_model()
Partner = get_model("partner", "Partner")


@pytest.fixture
def orders(settings):
    """Paid orders of both merchants (Hanbit, Taiga), bonded and direct mail, sent to customs."""
    orders = paid_orders_in_both_trade_modes(user=shopper())
    deliver_all()
    return orders


@pytest.fixture
def paid(orders):
    return Declaration.objects.all()


@pytest.fixture
def staff_client(client, paid):
    client.force_login(staff_user())
    return client


def test_staff_see_every_declaration_and_the_masked_xml(staff_client, paid):
    html = staff_client.get("/en/dashboard/customs/").content.decode()
    for declaration in paid:
        assert declaration.number in html
    declaration = paid.first()
    page = staff_client.get(f"/en/dashboard/customs/{declaration.pk}/").content.decode()
    assert "Timeline" in page
    assert declaration.orderer_id_number not in page
    message = declaration.outbox_messages.get(kind="CEB621")
    xml_page = staff_client.get(f"/en/dashboard/customs/messages/{message.pk}/").content.decode()
    assert "InventoryHead" in xml_page
    assert declaration.orderer_id_number not in xml_page
    assert declaration.orderer_phone not in xml_page
    assert declaration.orderer_id_number[:4] in xml_page  # masked, not removed


def test_pages_are_translated(staff_client, paid):
    html = staff_client.get("/ru/dashboard/customs/").content.decode()
    assert "Таможенные декларации" in html


def test_merchant_sees_only_its_own_declarations(client, paid):
    merchant = merchant_user(Partner.objects.get(code="taiga"))
    client.force_login(merchant)
    html = client.get("/en/dashboard/customs/").content.decode()
    own = paid.filter(partner__users=merchant)
    other = paid.exclude(partner__users=merchant).first()
    assert own.exists()
    assert all(d.number in html for d in own)
    assert other.number not in html
    assert client.get(f"/en/dashboard/customs/{other.pk}/").status_code == 404
    message = own.first().outbox_messages.first()
    assert client.get(f"/en/dashboard/customs/messages/{message.pk}/").status_code == 403


def test_shoppers_cannot_open_the_customs_dashboard(client, orders):
    client.force_login(orders[0].user)
    response = client.get("/en/dashboard/customs/")
    assert response.status_code in (302, 403)


def test_staff_resend_a_message_that_gave_up(staff_client, paid):
    message = OutboxMessage.objects.first()
    OutboxMessage.objects.filter(pk=message.pk).update(status="gave_up")
    response = staff_client.post(f"/en/dashboard/customs/messages/{message.pk}/retry/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == "pending"


def test_staff_cancel_a_declared_inventory(staff_client, paid, settings):
    declaration = paid.filter(trade_mode="1210").first()
    # customs accepted the inventory and gave it a number
    receipt = inventory_receipt(declaration, "120", "海关入库", invt_no="09082026I000000001")
    inbox = Path(settings.CUSTOMS_EXCHANGE_DIR) / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "r.xml").write_bytes(receipt)
    receipts_receive()
    declaration.refresh_from_db()
    assert declaration.invt_no == "09082026I000000001"
    url = f"/en/dashboard/customs/{declaration.pk}/cancel/"
    staff_client.post(url, {"reason": ""})
    assert not declaration.outbox_messages.filter(kind="CEB623").exists()
    staff_client.post(url, {"reason": "顾客申请取消订单"})
    staff_client.post(url, {"reason": "顾客申请取消订单"})  # twice: one message
    cancel = declaration.outbox_messages.get(kind="CEB623")
    assert cancel.note == "顾客申请取消订单"
    deliver_all()
    cancel.refresh_from_db()
    assert cancel.status == "sent"
    assert b"InvtCancel" in cancel.payload.encode()


def test_quarantined_receipts_are_listed_for_staff(staff_client, settings):
    inbox = Path(settings.CUSTOMS_EXCHANGE_DIR) / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "junk.xml").write_bytes(b"<junk/>")
    receipts_receive()
    html = staff_client.get("/en/dashboard/customs/receipts/?status=quarantined").content.decode()
    assert "junk.xml" in html


def test_a_blocked_message_is_shown_with_its_reason(client):
    from shop.customs import outbox
    from tests.factories.customs import DeclarationFactory

    declaration = DeclarationFactory()
    order, payment = outbox.outbox_create_for_declaration(
        declaration=declaration, kinds=["CEB311", "CEB411"]
    )
    OutboxMessage.objects.filter(pk=order.pk).update(status="gave_up", attempts=12)
    assert outbox.outbox_deliver(message_id=payment.pk) == "blocked"
    staff = User.objects.create_user("ops@shop.example.com", "ops@shop.example.com", "x")
    staff.is_staff = True  # staff, not a superuser
    staff.save()
    client.force_login(staff)
    page = client.get(f"/en/dashboard/customs/messages/{payment.pk}/").content.decode()
    assert "Blocked by an earlier message" in page
    assert 'id="blocked_reason"' in page
    assert order.guid in page
    listing = client.get("/en/dashboard/customs/?problems=on").content.decode()
    assert declaration.number in listing
