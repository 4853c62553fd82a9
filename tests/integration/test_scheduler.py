"""``manage.py scheduler`` (issue #9): every job of SHOP_SCHEDULE runs, a failing one does not
stop the others, SIGTERM stops the loop."""

import os
import signal

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

RAN = []


def job_a():
    RAN.append("a")
    return {"done": 1}


def job_raising():
    RAN.append("raising")
    raise RuntimeError("boom")


def job_b():
    RAN.append("b")


def job_terminate():
    RAN.append("terminate")
    os.kill(os.getpid(), signal.SIGTERM)


@pytest.fixture(autouse=True)
def ran():
    RAN.clear()
    yield RAN
    RAN.clear()


def here(name):
    return f"{__name__}.{name}"


def test_once_runs_every_job_and_a_failing_one_does_not_stop_the_others(settings, capsys, ran):
    settings.SHOP_SCHEDULE = [(here("job_a"), 60), (here("job_raising"), 60), (here("job_b"), 60)]
    call_command("scheduler", "--once")
    assert ran == ["a", "raising", "b"]
    captured = capsys.readouterr()
    assert f"{here('job_a')}: done: 1" in captured.out
    assert f"{here('job_raising')}: failed" in captured.err


def test_sigterm_stops_the_loop_after_the_running_job(settings, ran):
    settings.SHOP_SCHEDULE = [
        (here("job_a"), 3600),
        (here("job_terminate"), 3600),
        (here("job_b"), 3600),
    ]
    previous = signal.getsignal(signal.SIGTERM)
    call_command("scheduler")  # returns instead of waiting an hour for the next turn
    assert ran == ["a", "terminate"]
    assert signal.getsignal(signal.SIGTERM) == previous  # handler restored


def test_the_configured_jobs_all_run(capsys):
    from django.conf import settings

    paths = [path for path, _interval in settings.SHOP_SCHEDULE]
    assert {
        "shop.payments.jobs.reconcile_open_payments",
        "shop.payments.jobs.expire_unpaid_orders",
        "shop.payments.jobs.run_refund_jobs",
        "shop.customs.outbox.outbox_sweep",
    } <= set(paths)
    call_command("scheduler", "--once")
    captured = capsys.readouterr()
    assert captured.err == ""
    for path in paths:
        assert f"{path}: nothing to do" in captured.out


def test_the_customs_outbox_sweep_delivers_due_messages(capsys):
    from shop.customs.models import OutboxMessage
    from shop.customs.outbox import outbox_sweep as customs_outbox_sweep
    from tests.factories.orders import order_pay, placed_order, shopper, stocked_product

    order = placed_order(user=shopper(), items=[(stocked_product(), 1)])  # one declaration
    order_pay(order)  # in the sandbox, through the payment service
    assert OutboxMessage.objects.filter(status="pending").count() == 4
    assert customs_outbox_sweep() == {"sent": 4}
    assert OutboxMessage.objects.filter(status="sent").count() == 4


def test_a_bad_schedule_is_refused(settings):
    from django.core.management.base import CommandError

    settings.SHOP_SCHEDULE = [("shop.payments.jobs.no_such_job", 60)]
    with pytest.raises(CommandError, match="SHOP_SCHEDULE"):
        call_command("scheduler", "--once")
