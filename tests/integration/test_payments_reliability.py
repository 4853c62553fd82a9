"""Payments that cannot lose, double or oversell anything (issue #9): a webhook that failed once,
lost webhooks, two successes for one order, wallets without a payer name, durable refund jobs
and unpaid orders that expire."""

import dataclasses
import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from integrations.payments.base import CANCELED, SUCCEEDED, PaymentError
from shop.customs import services as customs_services
from shop.customs.models import Declaration, DeclarationStatusChange, OutboxMessage
from shop.payments import services
from shop.payments.models import Payment, Refund, SandboxIntent, SandboxRefund, WebhookEvent
from shop.payments.sandbox import SandboxGateway
from tests.factories.orders import assortment, identity_for, placed_order, shopper
from tests.factories.users import merchant_user, staff_user
from tests.stripe_stub import StripeStub

pytestmark = pytest.mark.django_db

User = get_user_model()
Source = get_model("payment", "Source")
StockRecord = get_model("partner", "StockRecord")
WEBHOOK = "/payments/stripe/webhook/"
ORDERER = "李明"  # the real-name orderer of the orders below; "王芳" is someone else


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters (real-name identities) live in the cache: start each test empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shopper_user(db):
    user = shopper()
    identity_for(user, name=ORDERER)
    return user


@pytest.fixture
def goods(db):
    return assortment()


def unpaid_order(user, goods):
    """Goods of both merchants (two declarations), placed and waiting for payment."""
    return placed_order(user=user, items=[(goods.dalian_bonded, 1), (goods.hunchun_bonded, 2)])


@pytest.fixture
def order(shopper_user, goods):
    """A two-declaration order waiting for payment (sandbox gateway)."""
    return unpaid_order(shopper_user, goods)


def later(minutes: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def sandbox_pay(order, *, payer=ORDERER, succeed=True) -> Payment:
    """Start a sandbox payment and complete it at the 'gateway' only: nothing applied yet."""
    payment, intent = services.payment_start(order=order)
    SandboxGateway().complete(intent.id, succeed=succeed, payer_name=payer)
    return payment


def paid_order(order) -> Payment:
    payment = sandbox_pay(order)
    services.payment_reconcile(payment=payment)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert order.status == "Paid"
    return payment


def assert_paid_once(order, payment):
    order.refresh_from_db()
    assert order.status == "Paid"
    assert Source.objects.filter(order=order).count() == 1
    assert order.payment_events.filter(event_type__code="paid").count() == 1
    assert {d.status for d in order.declarations.all()} == {"paid"}
    assert OutboxMessage.objects.filter(declaration__order=order).count() == 8  # 4 each, once
    payment.refresh_from_db()
    assert payment.status == "succeeded"
    assert not payment.superfluous


# --- 1. A webhook that failed once is applied by Stripe's retry ---------------------------------


@pytest.fixture
def stub(settings, client):
    def deliver(body, headers):
        return client.post(
            WEBHOOK,
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=headers["Stripe-Signature"],
        ).status_code

    with StripeStub(webhook_url=deliver, auto_deliver=False) as server:
        settings.INTEGRATIONS = {
            **settings.INTEGRATIONS,
            "payments": {
                "BACKEND": "integrations.payments.stripe_gateway.StripeGateway",
                "OPTIONS": server.gateway_kwargs(max_network_retries=0),
            },
        }
        yield server


@pytest.fixture
def stripe_order(stub, shopper_user, goods):
    return unpaid_order(shopper_user, goods)


def fail_once(monkeypatch, target, name):
    real = getattr(target, name)
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise PaymentError("Stripe: connection reset")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, flaky)
    return calls


@pytest.mark.parametrize(
    "where",
    [
        # the gateway does not answer the reconcile
        ("integrations.payments.stripe_gateway.StripeGateway", "retrieve_intent"),
        # something breaks half way through recording the success (rolled back)
        ("shop.payments.services", "_record_success"),
    ],
)
def test_a_webhook_that_failed_once_is_applied_once_by_the_retry(
    stub, stripe_order, monkeypatch, where
):
    from django.utils.module_loading import import_string

    order = stripe_order
    payment, _intent = services.payment_start(order=order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    event = stub.latest_event("payment_intent.succeeded")
    fail_once(monkeypatch, import_string(where[0]), where[1])

    assert stub.send_event(event) == [503]  # Stripe will retry
    order.refresh_from_db()
    assert order.status == "Pending payment"
    record = WebhookEvent.objects.get(event_id=event["id"])
    assert record.processed_at is None
    assert "connection reset" in record.last_error

    assert stub.send_event(event, times=3) == [200, 200, 200]  # the retry, then duplicates
    assert_paid_once(order, payment)
    record.refresh_from_db()
    assert record.processed_at is not None
    assert record.times_received == 4
    assert record.outcome == "payment succeeded"
    assert record.last_error == ""


# --- 2. Open payments are reconciled periodically -------------------------------------------------


def test_reconcile_applies_a_success_whose_webhook_never_came(stub, stripe_order):
    order = stripe_order
    payment, _intent = services.payment_start(order=order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)  # webhook never delivered
    assert services.payments_reconcile_open(now=later(1)) == {}  # too young to ask
    order.refresh_from_db()
    assert order.status == "Pending payment"
    assert services.payments_reconcile_open(now=later(6)) == {"succeeded": 1}
    assert_paid_once(order, payment)
    assert services.payments_reconcile_open(now=later(7)) == {}  # not open any more


def test_reconcile_command_and_a_gateway_outage(order, settings, monkeypatch, capsys):
    settings.SHOP_PAYMENT_RECONCILE_AFTER_MINUTES = 0
    payment = sandbox_pay(order)

    def down(self, intent_id):
        raise PaymentError("sandbox down")

    with monkeypatch.context() as patch:
        patch.setattr(SandboxGateway, "retrieve_intent", down)
        call_command("payments_reconcile", "--once")
    assert "unreachable: 1" in capsys.readouterr().out
    payment.refresh_from_db()
    assert payment.status == "requires_payment"
    call_command("payments_reconcile", "--once")
    assert "succeeded: 1" in capsys.readouterr().out
    assert_paid_once(order, payment)


# --- 3. Two charges for one order -------------------------------------------------------------


def test_no_second_intent_while_one_is_processing(client, order):
    payment, _intent = services.payment_start(order=order)
    SandboxIntent.objects.filter(pk=payment.intent_id).update(status="processing")
    client.force_login(order.user)
    response = client.get(f"/en/payments/{order.number}/")
    assert response.status_code == 302
    assert response.url == f"/en/payments/{order.number}/return/"
    assert order.payments.count() == 1
    assert SandboxIntent.objects.count() == 1
    payment.refresh_from_db()
    assert payment.status == "processing"
    page = client.get(response.url, follow=True)
    assert "Your payment is being processed." in page.content.decode()


def test_a_second_success_for_a_paid_order_is_refunded_automatically(order):
    first = paid_order(order)
    # a second intent that also succeeded (an old tab, a retried request)
    intent = SandboxGateway().create_intent(
        amount_minor=services.to_minor(order.total_incl_tax),
        currency="cny",
        reference=order.number,
        idempotency_key="second-tab",
        method_types=["card"],
        metadata={},
    )
    second = Payment.objects.create(
        order=order,
        gateway="sandbox",
        intent_id=intent.id,
        idempotency_key="second-tab",
        amount=order.total_incl_tax,
    )
    SandboxGateway().complete(intent.id, succeed=True, payer_name=ORDERER)
    services.payment_reconcile(payment=second)  # on_commit not run: the job is already there
    second.refresh_from_db()
    assert second.status == "succeeded"
    assert second.superfluous
    job = Refund.objects.get(payment=second)
    assert job.status == "queued"
    assert job.amount == order.total_incl_tax
    assert not SandboxRefund.objects.exists()
    assert services.refund_jobs_run() == {"refunded": 1}
    assert SandboxIntent.objects.get(pk=intent.id).refunded_minor == services.to_minor(
        order.total_incl_tax
    )
    second.refresh_from_db()
    assert second.amount_refunded == order.total_incl_tax
    assert_paid_once(order, first)  # the order's own payment is untouched


def test_a_payment_started_as_the_order_expired_is_refunded(order, client):
    stale = type(order).objects.get(pk=order.pk)  # the payment page loaded it just before
    assert services.order_expire(order=order) == "expired"
    payment = sandbox_pay(stale)  # created for the order that is now cancelled
    services.payment_reconcile(payment=payment)
    payment.refresh_from_db()
    assert payment.superfluous
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert not order.payment_events.filter(event_type__code="paid").exists()
    assert {d.status for d in order.declarations.all()} == {"cancelled"}
    job = Refund.objects.get(payment=payment)
    assert job.status == "queued"
    assert job.amount == payment.amount
    assert "cancelled" in job.reason

    client.force_login(order.user)
    page = client.get(f"/en/payments/{order.number}/return/", follow=True).content.decode()
    assert "your payment is refunded to you automatically" in page


def test_a_success_after_the_attempt_was_given_up_is_refunded(order):
    payment, intent = services.payment_start(order=order)
    assert services.order_expire(order=order) == "expired"
    payment.refresh_from_db()
    assert payment.status == "canceled"
    # the gateway lost the cancel race: the charge went through anyway
    SandboxIntent.objects.filter(pk=intent.id).update(status=SUCCEEDED)
    services.payment_reconcile(payment=payment)
    payment.refresh_from_db()
    assert payment.status == "succeeded"
    assert payment.superfluous
    assert Refund.objects.filter(payment=payment, status="queued").count() == 1
    services.payment_reconcile(payment=payment)  # again: still one job
    assert Refund.objects.filter(payment=payment).count() == 1


# --- 4. Payer unknown ---------------------------------------------------------------------------


def test_payer_unknown_holds_the_declarations(client, order):
    client.force_login(order.user)
    page = client.get(f"/en/payments/{order.number}/")
    assert "leave it empty to test a wallet" in page.content.decode()
    payment = order.payments.get()
    client.post(
        f"/en/payments/{order.number}/sandbox/",
        {"intent_id": payment.intent_id, "outcome": "succeed", "payer_name": "  "},
    )
    client.get(f"/en/payments/{order.number}/return/")
    order.refresh_from_db()
    assert order.status == "Paid"
    assert {d.status for d in order.declarations.all()} == {"held"}
    for declaration in order.declarations.all():
        assert declaration.status_changes.last().note == "payer unknown"
        assert declaration.payment_transaction_id
    assert not OutboxMessage.objects.filter(declaration__order=order).exists()


def test_a_wallet_without_a_payer_name_is_held(stub, stripe_order):
    order = stripe_order
    payment, _intent = services.payment_start(order=order)
    stub.confirm(payment.intent_id, "pm_card_visa")  # no billing name, like many wallets
    services.payment_reconcile(payment=payment)
    order.refresh_from_db()
    assert order.status == "Paid"
    assert {d.status for d in order.declarations.all()} == {"held"}
    assert not OutboxMessage.objects.filter(declaration__order=order).exists()


# --- 5. Durable refund jobs -------------------------------------------------------------------


def refuse(declaration):
    customs_services.declaration_transition(declaration=declaration, to=Declaration.Status.DECLARED)
    customs_services.declaration_transition(
        declaration=declaration, to=Declaration.Status.REFUSED, note="-301010"
    )


def test_the_refund_job_is_written_with_the_status_change(order):
    payment = paid_order(order)
    declaration = order.declarations.order_by("sequence").first()
    # on_commit callbacks never run here: as if the process died right after the commit
    refuse(declaration)
    job = Refund.objects.get(payment=payment)
    assert job.status == "queued"
    assert job.amount == declaration.actual_paid
    assert job.idempotency_key == f"declaration-{declaration.number}-refused"
    assert job.next_attempt_at is not None
    assert not SandboxRefund.objects.exists()  # nothing sent yet
    assert services.refund_jobs_run() == {"refunded": 1}
    assert services.refund_jobs_run() == {}
    refund = SandboxRefund.objects.get()
    assert refund.idempotency_key == job.idempotency_key  # the job's key is the gateway's key
    assert refund.amount_minor == services.to_minor(declaration.actual_paid)
    payment.refresh_from_db()
    assert payment.amount_refunded == declaration.actual_paid


def test_a_held_declaration_cancelled_by_staff_is_refunded_and_unpaid_ones_are_not(order, goods):
    payment = sandbox_pay(order, payer="王芳")  # not the orderer: held
    services.payment_reconcile(payment=payment)
    held = order.declarations.order_by("sequence").first()
    assert held.status == "held"
    customs_services.declaration_transition(declaration=held, to=Declaration.Status.CANCELLED)
    assert Refund.objects.get().amount == held.actual_paid

    other = placed_order(user=order.user, items=[(goods.dalian_bonded, 1)])
    assert services.order_expire(order=other) == "expired"  # awaiting payment -> cancelled
    assert Refund.objects.count() == 1


def flaky_refunds(monkeypatch, failures: int):
    real = SandboxGateway.refund
    calls = []

    def refund(self, **kwargs):
        calls.append(kwargs["idempotency_key"])
        if len(calls) <= failures:
            raise PaymentError("sandbox: service unavailable")
        return real(self, **kwargs)

    monkeypatch.setattr(SandboxGateway, "refund", refund)
    return calls


def test_gateway_failing_twice_then_succeeding_refunds_exactly_once(order, monkeypatch):
    payment = paid_order(order)
    declaration = order.declarations.order_by("sequence").first()
    refuse(declaration)
    job = Refund.objects.get()
    calls = flaky_refunds(monkeypatch, failures=2)
    start = timezone.now()

    assert services.refund_jobs_run(now=start) == {"retry": 1}
    job.refresh_from_db()
    assert job.attempts == 1
    assert "unavailable" in job.last_error
    assert job.next_attempt_at == start + datetime.timedelta(seconds=60)
    assert services.refund_jobs_run(now=start + datetime.timedelta(seconds=30)) == {}  # backoff
    assert services.refund_jobs_run(now=start + datetime.timedelta(minutes=1)) == {"retry": 1}
    job.refresh_from_db()
    assert job.next_attempt_at == start + datetime.timedelta(minutes=3)  # 1 min + 2 min
    assert services.refund_jobs_run(now=start + datetime.timedelta(minutes=3)) == {"refunded": 1}
    assert services.refund_jobs_run(now=start + datetime.timedelta(hours=1)) == {}
    assert calls == [job.idempotency_key] * 3
    assert SandboxRefund.objects.count() == 1
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert job.attempts == 3
    assert job.last_error == ""
    payment.refresh_from_db()
    assert payment.amount_refunded == declaration.actual_paid
    assert order.payment_events.filter(event_type__code="refunded").count() == 1


def test_a_crash_after_the_gateway_refunded_does_not_refund_twice(stub, stripe_order, monkeypatch):
    order = stripe_order
    payment, _intent = services.payment_start(order=order)
    stub.confirm(payment.intent_id, "pm_card_visa", name=ORDERER)
    services.payment_reconcile(payment=payment)
    declaration = order.declarations.order_by("sequence").first()
    refuse(declaration)
    real = services._refund_recorded

    def crash(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(services, "_refund_recorded", crash)
    with pytest.raises(RuntimeError):
        services.refund_jobs_run()
    assert len(stub.refunds) == 1  # Stripe refunded…
    assert Refund.objects.get().status == "queued"  # …but our side rolled back
    monkeypatch.setattr(services, "_refund_recorded", real)
    assert services.refund_jobs_run() == {"refunded": 1}  # the same key is sent again
    assert len(stub.refunds) == 1
    assert next(iter(stub.refunds.values()))["amount"] == services.to_minor(declaration.actual_paid)
    payment.refresh_from_db()
    assert payment.amount_refunded == declaration.actual_paid


def test_refund_job_gives_up_into_needs_staff(order, monkeypatch, settings):
    settings.SHOP_PAYMENT_REFUND_MAX_ATTEMPTS = 3
    paid_order(order)
    refuse(order.declarations.order_by("sequence").first())
    flaky_refunds(monkeypatch, failures=100)
    outcomes = [services.refund_jobs_run(now=later(60 * i)) for i in range(5)]
    assert outcomes == [{"retry": 1}, {"retry": 1}, {"needs_staff": 1}, {}, {}]
    job = Refund.objects.get()
    assert job.status == "needs_staff"
    assert job.attempts == 3
    assert job.next_attempt_at is None
    assert not SandboxRefund.objects.exists()


def test_staff_see_and_retry_a_refund_job_merchants_cannot(
    order, goods, monkeypatch, settings, client
):
    settings.SHOP_PAYMENT_REFUND_MAX_ATTEMPTS = 1
    paid_order(order)
    declaration = order.declarations.order_by("sequence").first()
    refuse(declaration)
    with monkeypatch.context() as patch:
        flaky_refunds(patch, failures=100)
        services.refund_jobs_run()
    job = Refund.objects.get()
    assert job.status == "needs_staff"
    url = f"/en/dashboard/payments/refunds/{job.pk}/retry/"

    client.force_login(merchant_user(goods.hanbit))
    assert client.get("/en/dashboard/payments/refunds/").status_code == 403
    assert client.post(url).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302  # to the login page
    job.refresh_from_db()
    assert job.status == "needs_staff"

    client.force_login(staff_user())
    page = client.get("/en/dashboard/payments/refunds/").content.decode()
    assert "service unavailable" in page
    assert 'data-status="needs_staff"' in page
    assert "Retry now" in page
    order_page = client.get(f"/en/dashboard/payments/{order.number}/").content.decode()
    assert f"/en/dashboard/payments/refunds/{job.pk}/retry/" in order_page
    response = client.post(url)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert SandboxRefund.objects.count() == 1
    client.post(url)  # a second click changes nothing
    assert SandboxRefund.objects.count() == 1


def test_superfluous_payments_are_shown_to_staff(order, client):
    payment, intent = services.payment_start(order=order)
    services.order_expire(order=order)
    SandboxIntent.objects.filter(pk=intent.id).update(status=SUCCEEDED)
    services.payment_reconcile(payment=payment)
    client.force_login(staff_user())
    page = client.get(f"/en/dashboard/payments/{order.number}/").content.decode()
    assert "It is refunded in full automatically." in page
    listing = client.get("/en/dashboard/payments/refunds/").content.decode()
    assert payment.intent_id in listing
    assert 'data-status="queued"' in listing


# --- 6. Unpaid orders expire ------------------------------------------------------------------


def test_an_unpaid_order_expires_and_releases_its_stock(order):
    payment, intent = services.payment_start(order=order)
    lines = list(order.lines.all())
    allocated = {line.stockrecord_id: line.stockrecord.num_allocated for line in lines}
    assert services.orders_expire_unpaid(now=later(29)) == {}
    assert services.orders_expire_unpaid(now=later(31)) == {"expired": 1}
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert {d.status for d in order.declarations.all()} == {"cancelled"}
    assert SandboxIntent.objects.get(pk=intent.id).status == CANCELED  # cannot be paid later
    payment.refresh_from_db()
    assert payment.status == "canceled"
    for line in lines:
        line.refresh_from_db()
        assert line.allocation_cancelled
        record = StockRecord.objects.get(pk=line.stockrecord_id)
        assert record.num_allocated == allocated[line.stockrecord_id] - line.quantity
    assert services.orders_expire_unpaid(now=later(60)) == {}  # once


def test_an_order_without_any_payment_expires_too(order, settings, capsys):
    settings.SHOP_PAYMENT_TIMEOUT_MINUTES = 0
    call_command("payments_expire", "--once")
    assert "expired: 1" in capsys.readouterr().out
    order.refresh_from_db()
    assert order.status == "Cancelled"


def test_expiry_applies_a_success_instead_of_cancelling(order):
    payment = sandbox_pay(order)  # paid at the gateway, webhook/return not seen yet
    assert services.orders_expire_unpaid(now=later(31)) == {"paid": 1}
    assert_paid_once(order, payment)
    assert not Refund.objects.exists()


def test_expiry_loses_to_a_webhook_applied_meanwhile(order, monkeypatch):
    payment, intent = services.payment_start(order=order)
    SandboxGateway().complete(intent.id, succeed=True, payer_name=ORDERER)

    def cancel_while_the_webhook_applies(self, intent_id):
        # the success webhook is applied between our cancel call and our transaction
        services.payment_reconcile(payment=Payment.objects.get(intent_id=intent_id))
        return dataclasses.replace(self.retrieve_intent(intent_id), status=CANCELED)

    monkeypatch.setattr(SandboxGateway, "cancel_intent", cancel_while_the_webhook_applies)
    assert services.order_expire(order=order) == "skipped"
    assert_paid_once(order, payment)


def test_expiry_waits_when_the_gateway_is_unreachable_or_processing(order, monkeypatch):
    payment, intent = services.payment_start(order=order)

    def down(self, intent_id):
        raise PaymentError("sandbox down")

    with monkeypatch.context() as patch:
        patch.setattr(SandboxGateway, "cancel_intent", down)
        assert services.orders_expire_unpaid(now=later(31)) == {"unreachable": 1}
    SandboxIntent.objects.filter(pk=intent.id).update(status="processing")
    monkeypatch.setattr(
        SandboxGateway,
        "cancel_intent",
        lambda self, intent_id: self.retrieve_intent(intent_id),  # cannot cancel processing
    )
    assert services.orders_expire_unpaid(now=later(32)) == {"open": 1}
    order.refresh_from_db()
    assert order.status == "Pending payment"
    assert {d.status for d in order.declarations.all()} == {"awaiting_payment"}


def test_amounts_refunded_by_jobs_never_exceed_the_payment(order):
    payment = paid_order(order)
    services.refund_create(payment=payment, amount=payment.amount - Decimal("1.00"), key="k")
    declaration = order.declarations.order_by("sequence").first()
    refuse(declaration)
    job = Refund.objects.get(idempotency_key=f"declaration-{declaration.number}-refused")
    assert job.amount == Decimal("1.00")  # capped at what remains
    services.refund_jobs_run()
    payment.refresh_from_db()
    assert payment.amount_refunded == payment.amount


def _wait_until_another_session_waits_for_a_lock(deadline_seconds=10.0):
    with connection.cursor() as cursor:
        deadline = time.monotonic() + deadline_seconds
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
    raise AssertionError("the expiry never waited for the webhook's lock")


@pytest.mark.django_db(transaction=True)
def test_expiry_and_a_concurrent_webhook_release_the_stock_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks: run with DATABASE_URL=postgres")
    from tests.factories.orders import placed_order, shopper, stocked_product

    product = stocked_product(num_in_stock=5)
    order = placed_order(user=shopper(), items=[(product, 2)])
    record = product.stockrecords.get()
    assert record.num_allocated == 2
    payment, intent = services.payment_start(order=order)
    canceled = SandboxGateway().cancel_intent(intent.id)
    holds_lock = threading.Event()
    errors = []

    def webhook_payment_intent_canceled():
        try:
            with transaction.atomic():
                Payment.objects.select_for_update().get(pk=payment.pk)
                holds_lock.set()
                _wait_until_another_session_waits_for_a_lock()
                services._apply(payment, canceled)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
            holds_lock.set()
        finally:
            connection.close()

    thread = threading.Thread(target=webhook_payment_intent_canceled)
    thread.start()
    assert holds_lock.wait(10)
    outcome = services.order_expire(order=order)  # waits for the webhook's transaction
    thread.join(10)
    assert not errors
    assert outcome == "skipped"
    order.refresh_from_db()
    assert order.status == "Cancelled"
    record.refresh_from_db()
    assert record.num_allocated == 0  # released once, not twice
    changes = DeclarationStatusChange.objects.filter(
        declaration__order=order, to_status="cancelled"
    )
    assert changes.count() == order.declarations.count()
