"""Receiving customs receipts (issue #9): every file on its own. An odd name, an oversized file,
garbage or a receipt for nothing of ours is quarantined (failed/, one log line, a bounded
encrypted copy), the good ones are applied, nothing raises and a second pass does nothing."""

import logging
import os
import stat

import pytest

from shop.customs import outbox
from shop.customs.models import CustomsReceipt, Declaration
from shop.customs.receipts import RAW_LIMIT, receipts_receive
from tests.factories.customs import DeclarationFactory, inventory_receipt

pytestmark = pytest.mark.django_db


def fake_build(message):
    return f"<{message.kind} guid='{message.guid}'/>".encode()


@pytest.fixture
def sent_declaration():
    declaration = DeclarationFactory(status=Declaration.Status.PAID)
    outbox.outbox_create_for_declaration(declaration=declaration)
    for _ in range(4):
        for pk in outbox.outbox_due(now=None):
            outbox.outbox_deliver(message_id=pk, build=fake_build)
        declaration.outbox_messages.filter(status="pending").update(
            next_attempt_at="2000-01-01T00:00Z"
        )
    assert set(declaration.outbox_messages.values_list("status", flat=True)) == {"sent"}
    return declaration


def put(root, name, data):
    (root / "in").mkdir(parents=True, exist_ok=True)
    (root / "in" / name).write_bytes(data)


def test_odd_files_are_quarantined_one_by_one_and_the_good_one_applied(
    sent_declaration, customs_exchange, settings, caplog
):
    settings.CUSTOMS_RECEIPT_MAX_BYTES = 100_000
    root = customs_exchange
    good = inventory_receipt(sent_declaration, "120", invt_no="22222026I000000001")
    unmatched = inventory_receipt(sent_declaration, "800").replace(
        sent_declaration.number.encode(), b"NECB999999-01"
    )
    unmatched = unmatched.replace(
        sent_declaration.outbox_messages.get(kind="CEB621").guid.encode(), b"0" * 36
    )
    bad_files = {
        "CEB622 (1).xml": good,  # a copy made by someone's file manager
        "huge.xml": b"<x>" + b"A" * 300_000 + b"</x>",
        "garbage.xml": b"\x00\xffnot a receipt at all" + b"z" * 90_000,  # under the limit
        "unmatched.xml": unmatched,
    }
    for name, data in bad_files.items():
        put(root, name, data)
    put(root, "good.xml", good)
    caplog.set_level(logging.INFO, logger="shop.customs")

    assert receipts_receive() == {"processed": 1, "quarantined": 4}

    sent_declaration.refresh_from_db()
    assert sent_declaration.status == Declaration.Status.UNDER_REVIEW
    assert sent_declaration.invt_no == "22222026I000000001"
    assert sorted(p.name for p in (root / "archive").iterdir()) == ["good.xml"]
    assert sorted(p.name for p in (root / "failed").iterdir()) == sorted(bad_files)
    assert list((root / "in").iterdir()) == []
    quarantined = {r.file_name: r for r in CustomsReceipt.objects.filter(status="quarantined")}
    assert set(quarantined) == set(bad_files)
    assert "name" in quarantined["CEB622 (1).xml"].problem
    assert "too large" in quarantined["huge.xml"].problem
    assert len(quarantined["huge.xml"].raw) == RAW_LIMIT  # a bounded prefix, not the file
    assert len(quarantined["garbage.xml"].raw) == RAW_LIMIT
    assert "no declaration matches" in quarantined["unmatched.xml"].problem
    assert CustomsReceipt.objects.filter(status="applied").count() == 1
    for name in bad_files:
        lines = [r for r in caplog.records if repr(name) in r.getMessage()]
        assert len(lines) == 1, (name, [r.getMessage() for r in lines])
        assert lines[0].levelno == logging.ERROR

    # a second pass finds nothing new
    count = CustomsReceipt.objects.count()
    assert receipts_receive() == {"processed": 0, "quarantined": 0}
    assert CustomsReceipt.objects.count() == count


def test_oversized_file_is_refused_by_its_size_before_it_is_read(
    sent_declaration, customs_exchange, settings, monkeypatch
):
    """The size decides, not the content: even a valid receipt over the limit is refused, and
    never more than the prefix is read."""
    import builtins

    settings.CUSTOMS_RECEIPT_MAX_BYTES = 200
    put(customs_exchange, "big.xml", inventory_receipt(sent_declaration, "120"))
    reads = []
    real_open = builtins.open

    class Spy:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            reads.append(size)
            return self.handle.read(size)

    def spying_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return Spy(handle) if str(path).endswith("big.xml") else handle

    monkeypatch.setattr(builtins, "open", spying_open)
    assert receipts_receive() == {"processed": 0, "quarantined": 1}
    assert reads
    assert all(0 < size <= RAW_LIMIT for size in reads)
    sent_declaration.refresh_from_db()
    assert sent_declaration.status == Declaration.Status.PAID


def test_a_receipt_for_a_message_never_sent_is_not_applied(customs_exchange):
    declaration = DeclarationFactory(status=Declaration.Status.PAID, invt_no="")
    outbox.outbox_create_for_declaration(declaration=declaration)  # written, never sent
    xml = inventory_receipt(declaration, "800").replace(declaration.number.encode(), b"NECBX-01")
    put(customs_exchange, "r.xml", xml)
    assert receipts_receive() == {"processed": 0, "quarantined": 1}
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.PAID


def test_quarantine_files_and_folders_are_private_whatever_the_umask(
    sent_declaration, customs_exchange
):
    old = os.umask(0)
    try:
        put(customs_exchange, "junk.xml", b"junk")
        os.chmod(customs_exchange / "in" / "junk.xml", 0o666)
        assert receipts_receive()["quarantined"] == 1
    finally:
        os.umask(old)
    failed = customs_exchange / "failed"
    assert stat.S_IMODE(os.stat(failed / "junk.xml").st_mode) == 0o600
    # the folders were created by the outbox's sends, under the test's umask, and are 0700
    for folder in ("failed", "archive", "out", "sent", "in"):
        assert stat.S_IMODE(os.stat(customs_exchange / folder).st_mode) == 0o700
