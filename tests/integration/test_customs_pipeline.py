"""Issue #5 end to end on the embedded parts: paid orders → outbox → signed messages that
validate against the official XSD in the exchange folder → receipts → declaration statuses."""

from pathlib import Path

import pytest
from lxml import etree

from integrations.customs.messages import compare_documents, validate
from integrations.customs.signing import verify
from integrations.registry import get_backend
from shop.customs.models import CustomsReceipt, Declaration, OutboxMessage
from shop.customs.outbox import outbox_deliver, outbox_due
from shop.customs.receipts import receipts_receive
from tests.factories.customs import inventory_receipt as factory_inventory_receipt
from tests.factories.orders import paid_orders_in_both_trade_modes, shopper

pytestmark = pytest.mark.django_db

NS = {"ceb": "http://www.chinaport.gov.cn/ceb"}


@pytest.fixture
def paid_orders(settings):
    return paid_orders_in_both_trade_modes(user=shopper())


def deliver_all():
    outcomes = []
    for _ in range(3):  # later messages of a declaration wait for the earlier ones
        for pk in outbox_due(now=None):
            outcomes.append(outbox_deliver(message_id=pk))
        OutboxMessage.objects.filter(status="pending").update(next_attempt_at="2000-01-01T00:00Z")
    return outcomes


def out_files(settings):
    return sorted((Path(settings.CUSTOMS_EXCHANGE_DIR) / "out").glob("*.xml"))


def test_paid_orders_cover_both_trade_modes_and_a_split_basket(paid_orders):
    assert len(paid_orders) == 3
    declarations = Declaration.objects.all()
    assert {d.trade_mode for d in declarations} == {"1210", "9610"}
    assert max(order.declarations.count() for order in paid_orders) >= 2
    assert max(d.lines.count() for d in declarations) == 2  # two products in one declaration
    assert all(d.status == "paid" and d.payment_transaction_id for d in declarations)
    assert OutboxMessage.objects.count() == 4 * declarations.count()


def test_every_message_is_signed_valid_and_consistent(paid_orders, settings):
    outcomes = deliver_all()
    assert set(outcomes) >= {"sent"}
    assert OutboxMessage.objects.exclude(status="sent").count() == 0
    files = {path.stem: path.read_bytes() for path in out_files(settings)}
    assert len(files) == OutboxMessage.objects.count()
    signer = get_backend("customs_signer")
    for declaration in Declaration.objects.all():
        docs = {m.kind: files[m.guid] for m in declaration.outbox_messages.all()}
        for xml in docs.values():
            validate(xml)  # the official XSD, signature included
            assert verify(xml, public_key=signer.identity.public_key)
        assert (
            compare_documents(docs["CEB311"], docs["CEB411"], docs["CEB511"], docs["CEB621"]) == []
        )
        inventory = etree.fromstring(docs["CEB621"])
        lines = inventory.findall(".//ceb:InventoryList", NS)
        assert len(lines) == declaration.lines.count()
        head = inventory.find(".//ceb:InventoryHead", NS)
        assert head.findtext("ceb:tradeMode", namespaces=NS) == declaration.trade_mode
        if declaration.trade_mode == "1210":
            assert head.findtext("ceb:emsNo", namespaces=NS)
            assert all(line.findtext("ceb:itemRecordNo", namespaces=NS) for line in lines)
        else:
            assert head.findtext("ceb:billNo", namespaces=NS)
            assert head.find("ceb:emsNo", NS) is None


def test_stored_messages_hold_no_id_number_in_clear(paid_orders, django_db_blocker):
    deliver_all()
    from django.db import connection

    declaration = Declaration.objects.first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM shop_customs_outboxmessage")
        stored = " ".join(row[0] for row in cursor.fetchall())
    assert declaration.orderer_id_number not in stored
    assert "CEB311" not in stored  # encrypted, not XML


def write_receipt(settings, name, xml):
    inbox = Path(settings.CUSTOMS_EXCHANGE_DIR) / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / name).write_bytes(xml)


def inventory_receipt(declaration, status, info=""):
    import datetime

    from django.utils import timezone

    # distinct return times, so repeated statuses are distinct receipts
    at = timezone.now() + datetime.timedelta(seconds=int(status.lstrip("-")) % 1000)
    return factory_inventory_receipt(declaration, status, info, at=at)


def test_receipts_move_the_declaration_to_released_once(paid_orders, settings):
    deliver_all()
    declaration = Declaration.objects.filter(trade_mode="1210").first()
    write_receipt(settings, "a.xml", inventory_receipt(declaration, "2"))
    assert receipts_receive() == {"processed": 1, "quarantined": 0}
    declaration.refresh_from_db()
    assert declaration.status == "declared"
    write_receipt(settings, "b.xml", inventory_receipt(declaration, "120"))  # 海关入库
    receipts_receive()
    declaration.refresh_from_db()
    assert declaration.status == "under_review"
    released = inventory_receipt(declaration, "800", "放行")
    write_receipt(settings, "c.xml", released)
    write_receipt(settings, "c-again.xml", released)  # customs sends it twice
    receipts_receive()
    declaration.refresh_from_db()
    assert declaration.status == "released"
    steps = list(declaration.status_changes.values_list("to_status", "source", "code"))
    assert steps[-1] == ("released", "CEB622", "800")
    assert [s[0] for s in steps].count("released") == 1
    assert declaration.receipts.filter(status="duplicate").count() == 1


def test_refusal_carries_customs_reason(paid_orders, settings):
    deliver_all()
    declaration = Declaration.objects.filter(trade_mode="9610").first()
    write_receipt(
        settings, "r.xml", inventory_receipt(declaration, "-301010", "订购人年度购买额度超限")
    )
    receipts_receive()
    declaration.refresh_from_db()
    assert declaration.status == "refused"
    last = declaration.status_changes.last()
    assert last.code == "-301010"
    assert "额度" in last.note


def test_shopper_sees_the_refusal_in_plain_words(paid_orders, settings, client):
    deliver_all()
    declaration = Declaration.objects.filter(trade_mode="9610").first()
    write_receipt(
        settings, "r.xml", inventory_receipt(declaration, "-301010", "订购人年度购买额度超限")
    )
    receipts_receive()
    client.force_login(declaration.order.user)
    html = client.get(f"/en/accounts/orders/{declaration.order.number}/").content.decode()
    assert "Refused by China Customs. We will refund you and explain why." in html
    assert "Reason given by China Customs: 订购人年度购买额度超限" in html


@pytest.mark.parametrize(
    "payload",
    [
        b"not xml at all",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b'<CEB622Message xmlns="urn:wrong"><x/></CEB622Message>',
        b'<?xml version="1.0"?><ceb:CEB622Message xmlns:ceb="http://www.chinaport.gov.cn/ceb">',
    ],
)
def test_bad_receipts_are_quarantined_and_kept(payload, settings):
    write_receipt(settings, "bad.xml", payload)
    assert receipts_receive() == {"processed": 0, "quarantined": 1}
    row = CustomsReceipt.objects.get()
    assert row.status == "quarantined"
    assert row.problem
    failed = Path(settings.CUSTOMS_EXCHANGE_DIR) / "failed" / "bad.xml"
    assert failed.read_bytes() == payload
    assert "root:" not in row.raw  # /etc/passwd was never read


def test_unmatched_receipt_is_quarantined(paid_orders, settings):
    deliver_all()
    declaration = Declaration.objects.first()
    xml = inventory_receipt(declaration, "800").replace(
        declaration.number.encode(), b"NECB999999-01"
    )
    xml = xml.replace(declaration.outbox_messages.get(kind="CEB621").guid.encode(), b"0" * 36)
    write_receipt(settings, "u.xml", xml)
    assert receipts_receive()["quarantined"] == 1
    declaration.refresh_from_db()
    assert declaration.status == "paid"


def test_customs_messages_command_prints_masked_messages(paid_orders):
    from io import StringIO

    from django.core.management import call_command

    order = paid_orders[0]
    declaration = order.declarations.first()
    out = StringIO()
    call_command("customs_messages", order.number, stdout=out)
    text = out.getvalue()
    assert "CEB311Message" in text
    assert "CEB621Message" in text
    assert declaration.orderer_id_number not in text
    assert declaration.orderer_id_number[-4:] in text


def test_send_once_fills_the_out_folder(paid_orders, settings):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("customs_send", "--once", stdout=out)
    # one pass sends in order within each declaration: all four are out
    assert len(out_files(settings)) == OutboxMessage.objects.count()
    assert "sent" in out.getvalue()
