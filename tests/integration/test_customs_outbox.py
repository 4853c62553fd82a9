"""Customs outbox delivery (issue #5): order per declaration, retries with backoff, exactly once
through failures and a crashed worker, invalid messages never sent."""

import datetime
import os

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


def test_crash_after_build_before_send_resends_the_stored_bytes(declaration, out_dir, monkeypatch):
    """The signed XML is committed before the first send: a worker that dies after building
    (here: before the transport wrote anything) never leads to a second, different build."""
    message = outbox.outbox_create_for_declaration(declaration=declaration, kinds=["CEB311"])[0]
    builds = []

    def build(message):  # a new signature every time, like the real signer's random k
        builds.append(1)
        return f"<{message.kind} guid='{message.guid}' build='{len(builds)}'/>".encode()

    def killed(self, **kwargs):
        raise KeyboardInterrupt("worker killed before the send")

    monkeypatch.setattr(FolderExchange, "send", killed)
    now = timezone.now()
    with pytest.raises(KeyboardInterrupt):
        outbox.outbox_deliver(message_id=message.pk, now=now, build=build)
    message.refresh_from_db()
    stored = message.payload
    assert stored == f"<CEB311 guid='{message.guid}' build='1'/>"
    assert message.status == OutboxMessage.Status.PENDING
    monkeypatch.undo()
    later = now + datetime.timedelta(hours=2)
    assert outbox.outbox_deliver(message_id=message.pk, now=later, build=build) == "sent"
    assert len(builds) == 1  # never built again
    assert (out_dir / f"{message.guid}.xml").read_bytes() == stored.encode()


@pytest.mark.parametrize("where", ["build", "send"])
def test_any_exception_is_a_recorded_attempt_and_the_next_message_still_goes(
    where, out_dir, monkeypatch, caplog
):
    from django.core.management import call_command

    bad, good = DeclarationFactory(), DeclarationFactory()
    bad_message = outbox.outbox_create_for_declaration(declaration=bad, kinds=["CEB311"])[0]
    good_message = outbox.outbox_create_for_declaration(declaration=good, kinds=["CEB311"])[0]
    real_send = FolderExchange.send

    def build(message):
        if where == "build" and message.pk == bad_message.pk:
            raise RuntimeError("bug for buyer 110105194912310021, phone 13900001234")
        return fake_build(message)

    def send(self, *, message_id, data):
        if where == "send" and message_id == bad_message.guid:
            raise RuntimeError("bug for buyer 110105194912310021, phone 13900001234")
        return real_send(self, message_id=message_id, data=data)

    monkeypatch.setattr(FolderExchange, "send", send)
    monkeypatch.setattr("shop.customs.messages.build_message", build)
    call_command("customs_send", "--once")
    bad_message.refresh_from_db()
    good_message.refresh_from_db()
    assert good_message.status == OutboxMessage.Status.SENT
    assert (out_dir / f"{good_message.guid}.xml").exists()
    assert bad_message.status == OutboxMessage.Status.PENDING
    assert bad_message.attempts == 1
    assert bad_message.next_attempt_at > timezone.now()  # backoff, not a hot loop
    attempt = bad_message.attempt_log.get()
    assert attempt.ok is False
    assert "bug for buyer" in attempt.error
    # personal data in exception texts is masked where it is stored
    for text in (bad_message.last_error, attempt.error):
        assert "110105194912310021" not in text
        assert "13900001234" not in text
        assert "1101" in text  # masked, not dropped
    # the log line is masked too (tracebacks are masked by the logging filter in production)
    lines = [r.getMessage() for r in caplog.records if bad_message.guid in r.getMessage()]
    assert len(lines) == 1
    assert "110105194912310021" not in lines[0]


def test_a_message_behind_one_that_gave_up_is_blocked_until_staff_resend(
    declaration, out_dir, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CUSTOMS_MAX_ATTEMPTS = 1
    order, payment = outbox.outbox_create_for_declaration(
        declaration=declaration, kinds=["CEB311", "CEB411"]
    )
    real_send = FolderExchange.send

    def down_for_orders(self, *, message_id, data):
        if message_id == order.guid:
            raise TransportError("down")
        return real_send(self, message_id=message_id, data=data)

    monkeypatch.setattr(FolderExchange, "send", down_for_orders)
    now = timezone.now()
    assert deliver_all(now) == ["gave_up", "blocked"]
    payment.refresh_from_db()
    assert payment.status == OutboxMessage.Status.BLOCKED
    assert order.guid in payment.last_error
    # blocked is not pending: no sweep or worker touches it again
    assert outbox.outbox_due(now=now + datetime.timedelta(days=1)) == []
    assert outbox.outbox_deliver(message_id=payment.pk, now=now, build=fake_build) == "skipped"
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=False):
        outbox.outbox_resend(message=order)
    payment.refresh_from_db()
    assert payment.status == OutboxMessage.Status.PENDING
    assert payment.last_error == ""
    assert deliver_all(timezone.now()) == ["sent", "sent"]


def test_a_message_behind_an_invalid_one_is_blocked_until_it_is_rebuilt(
    declaration, out_dir, django_capture_on_commit_callbacks
):
    order, payment = outbox.outbox_create_for_declaration(
        declaration=declaration, kinds=["CEB311", "CEB411"]
    )

    def invalid(message):
        raise outbox.MessageInvalid("Element 'gcode': 9 digits")

    now = timezone.now()
    assert deliver_all(now, build=invalid) == ["invalid", "blocked"]
    with django_capture_on_commit_callbacks(execute=False):
        outbox.outbox_retry_invalid(message=order)
    assert deliver_all(timezone.now()) == ["sent", "sent"]


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_send_delivers_exactly_once_after_restart(
    tmp_path, settings, monkeypatch
):
    """The transport wrote the file, then the process dies before the database commit (real
    commits here: transaction=True, as a killed db_worker would leave them). After the restart
    the message is delivered once: one file and one guid marker, SENT, both attempts logged."""
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "customs_transport": {
            "BACKEND": "integrations.customs.transport.folder.FolderExchange",
            "OPTIONS": {"root": str(tmp_path)},
        },
    }
    declaration = DeclarationFactory()
    message = outbox.outbox_create_for_declaration(declaration=declaration, kinds=["CEB311"])[0]
    real_send = FolderExchange.send

    def send_then_die(self, **kwargs):
        real_send(self, **kwargs)
        raise SystemExit("db_worker killed")

    monkeypatch.setattr(FolderExchange, "send", send_then_die)
    now = timezone.now()
    with pytest.raises(SystemExit):
        outbox.outbox_deliver(message_id=message.pk, now=now, build=fake_build)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING  # the send's transaction rolled back
    assert message.attempts == 1
    assert message.payload
    written = os.stat(tmp_path / "out" / f"{message.guid}.xml")
    assert outbox.outbox_deliver(message_id=message.pk, now=now, build=fake_build) == "not_due"
    monkeypatch.undo()
    restart = now + outbox.backoff(1)
    assert outbox.outbox_due(now=restart) == [message.pk]
    assert outbox.outbox_deliver(message_id=message.pk, now=restart, build=fake_build) == "sent"
    assert outbox.outbox_deliver(message_id=message.pk, now=restart, build=fake_build) == "skipped"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"{message.guid}.xml"]
    assert [p.name for p in (tmp_path / "sent").iterdir()] == [message.guid]
    assert (tmp_path / "out" / f"{message.guid}.xml").read_bytes() == fake_build(message)
    # not written a second time (the transfer client may have read it already): the guid marker
    again = os.stat(tmp_path / "out" / f"{message.guid}.xml")
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    log = list(message.attempt_log.values_list("ok", "error"))
    assert log == [(False, outbox.INTERRUPTED), (True, "")]


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
