"""Customs outbox delivery (issue #5): order per declaration, retries with backoff, exactly once
through failures and a crashed worker, invalid messages never sent."""

import datetime

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from integrations.customs.transport.base import TransportError
from integrations.customs.transport.folder import FolderExchange
from shop.customs import outbox
from shop.customs.models import OutboxMessage
from tests.factories.customs import DeclarationFactory

pytestmark = pytest.mark.django_db


def fake_build(message):
    return f"<{message.kind} guid='{message.guid}'/>".encode()


@pytest.fixture
def declaration():
    return DeclarationFactory()


@pytest.fixture
def out_dir(tmp_path, settings):
    """A fresh exchange folder per test (the registry forgets backends on setting changes)."""
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "customs_transport": {
            "BACKEND": "integrations.customs.transport.folder.FolderExchange",
            "OPTIONS": {"root": str(tmp_path)},
        },
    }
    return tmp_path / "out"


def deliver_all(now, build=fake_build):
    return [
        outbox.outbox_deliver(message_id=pk, now=now, build=build)
        for pk in outbox.outbox_due(now=now)
    ]


def test_messages_are_written_with_the_change_and_enqueued_on_commit(
    declaration, django_capture_on_commit_callbacks
):
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        messages = outbox.outbox_create_for_declaration(declaration=declaration)
    assert [m.kind for m in messages] == ["CEB311", "CEB411", "CEB511", "CEB621"]
    assert all(m.guid == m.guid.upper() and len(m.guid) == 36 for m in messages)
    enqueued = [r.args[0] for r in default_task_backend.results]
    assert sorted(enqueued) == sorted(m.pk for m in messages)
    assert {r.task.queue_name for r in default_task_backend.results} == {"customs"}


def test_who_sends_what_is_configurable(declaration):
    messages = outbox.outbox_create_for_declaration(
        declaration=declaration, kinds=["CEB311", "CEB621"]
    )
    assert [m.kind for m in messages] == ["CEB311", "CEB621"]


def test_inventory_waits_for_the_three_documents(declaration, out_dir):
    messages = outbox.outbox_create_for_declaration(declaration=declaration)
    now = timezone.now()
    inventory = messages[-1]
    assert outbox.outbox_deliver(message_id=inventory.pk, now=now, build=fake_build) == "waiting"
    assert not out_dir.exists() or not list(out_dir.iterdir())
    assert deliver_all(now + datetime.timedelta(seconds=10)) == ["sent"] * 4
    sent = OutboxMessage.objects.order_by("sent_at", "sequence").values_list("kind", flat=True)
    assert list(sent) == ["CEB311", "CEB411", "CEB511", "CEB621"]
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{m.guid}.xml" for m in messages)


def test_transport_down_for_a_while_then_delivered_exactly_once(declaration, out_dir, monkeypatch):
    message = outbox.outbox_create_for_declaration(declaration=declaration, kinds=["CEB311"])[0]
    real_send = FolderExchange.send
    failures = {"left": 3}

    def flaky(self, **kwargs):
        if failures["left"]:
            failures["left"] -= 1
            raise TransportError("exchange folder not mounted")
        return real_send(self, **kwargs)

    monkeypatch.setattr(FolderExchange, "send", flaky)
    now = timezone.now()
    delays = []
    for _ in range(3):
        assert outbox.outbox_deliver(message_id=message.pk, now=now, build=fake_build) == "retry"
        message.refresh_from_db()
        delays.append(message.next_attempt_at - now)
        # not due yet: nothing happens before the backoff has passed
        assert outbox.outbox_deliver(message_id=message.pk, now=now, build=fake_build) == "not_due"
        now = message.next_attempt_at
    assert delays == [
        datetime.timedelta(seconds=30),
        datetime.timedelta(seconds=60),
        datetime.timedelta(seconds=120),
    ]
    assert outbox.outbox_deliver(message_id=message.pk, now=now, build=fake_build) == "sent"
    assert outbox.outbox_deliver(message_id=message.pk, now=now, build=fake_build) == "skipped"
    assert [p.name for p in out_dir.iterdir()] == [f"{message.guid}.xml"]
    log = list(message.attempt_log.values_list("ok", flat=True))
    assert log == [False, False, False, True]


def test_worker_killed_after_sending_redelivers_the_same_message_once(
    declaration, out_dir, monkeypatch
):
    message = outbox.outbox_create_for_declaration(declaration=declaration, kinds=["CEB311"])[0]
    real_log = outbox._log

    def crash(*args, **kwargs):
        raise SystemExit("worker killed")  # after the transport accepted the file, before commit

    monkeypatch.setattr(outbox, "_log", crash)
    with pytest.raises(SystemExit):
        outbox.outbox_deliver(message_id=message.pk, build=fake_build)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING  # the transaction rolled back
    monkeypatch.setattr(outbox, "_log", real_log)
    # the restarted worker builds the same bytes under the same guid; the exchange keeps one copy
    assert outbox.outbox_deliver(message_id=message.pk, build=fake_build) == "sent"
    files = list(out_dir.iterdir())
    assert [p.name for p in files] == [f"{message.guid}.xml"]
    assert files[0].read_bytes() == fake_build(message)


def test_invalid_message_is_never_sent_and_says_why(declaration, out_dir):
    message = outbox.outbox_create_for_declaration(declaration=declaration, kinds=["CEB311"])[0]

    def invalid(message):
        raise outbox.MessageInvalid("Element 'gcode': [facet 'length'] 9 digits")

    assert outbox.outbox_deliver(message_id=message.pk, build=invalid) == "invalid"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.INVALID
    assert "gcode" in message.last_error
    assert not out_dir.exists() or not list(out_dir.iterdir())


def test_gives_up_after_max_attempts_and_staff_can_resend(
    declaration, out_dir, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CUSTOMS_MAX_ATTEMPTS = 2
    message = outbox.outbox_create_for_declaration(declaration=declaration, kinds=["CEB311"])[0]

    def down(self, **kwargs):
        raise TransportError("down")

    monkeypatch.setattr(FolderExchange, "send", down)
    now = timezone.now()
    assert outbox.outbox_deliver(message_id=message.pk, now=now, build=fake_build) == "retry"
    message.refresh_from_db()
    assert (
        outbox.outbox_deliver(message_id=message.pk, now=message.next_attempt_at, build=fake_build)
        == "gave_up"
    )
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.GAVE_UP
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=False):
        outbox.outbox_resend(message=message)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert outbox.outbox_deliver(message_id=message.pk, build=fake_build) == "sent"


def test_backoff_is_exponential_and_capped(settings):
    settings.CUSTOMS_RETRY_BASE_DELAY = datetime.timedelta(seconds=30)
    settings.CUSTOMS_RETRY_MAX_DELAY = datetime.timedelta(minutes=10)
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 6)] == [
        30,
        60,
        120,
        240,
        480,
        600,
    ]


def test_marking_paid_writes_the_outbox_in_the_same_transaction(monkeypatch):
    from django.core.exceptions import ValidationError

    from shop.customs import services

    declaration = DeclarationFactory(status="awaiting_payment")

    def broken(**kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(outbox, "outbox_create_for_declaration", broken)
    with pytest.raises(RuntimeError):
        services.declaration_mark_paid(declaration=declaration, payment_transaction_id="PAY-1")
    declaration.refresh_from_db()
    assert declaration.status == "awaiting_payment"  # nothing half-done
    monkeypatch.undo()
    services.declaration_mark_paid(
        declaration=declaration, payment_transaction_id="PAY-1", note="sandbox payment"
    )
    declaration.refresh_from_db()
    assert declaration.status == "paid"
    assert declaration.outbox_messages.count() == 4
    assert list(declaration.status_changes.values_list("to_status", flat=True)) == ["paid"]
    assert declaration.payment_transaction_id == "PAY-1"
    assert declaration.paid_at is not None
    assert declaration.logistics_no == f"WB{declaration.number}"
    with pytest.raises(ValidationError):
        services.declaration_mark_paid(
            declaration=declaration, payment_transaction_id="PAY-1"
        )  # paid twice: refused
    assert declaration.outbox_messages.count() == 4
