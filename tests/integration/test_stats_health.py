"""Pipeline health (issue #17): the figures, the dashboard page, the JSON endpoint and the
Prometheus metrics, and who may read them."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from shop.customs.models import CustomsReceipt, OutboxMessage, TaxBill
from shop.payments.models import Payment, Refund, WebhookEvent
from shop.stats.health import pipeline_health
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import paid_orders_in_both_trade_modes, shopper

pytestmark = pytest.mark.django_db

TOKEN = "s3cret-health-token-for-tests"


@pytest.fixture
def troubles():
    """Four paid declarations (16 customs messages waiting), then: 2 retrying, 1 gave up,
    1 invalid, 1 blocked, 1 sent; the oldest waiting one 5 hours old; 2 quarantined receipts and
    1 applied; tax bills: 1 open difference, 1 resolved, 1 without difference; webhook events:
    1 failed, 1 fine; refunds: 1 needs staff, 1 retrying, 1 done."""
    orders = paid_orders_in_both_trade_modes(user=shopper())
    messages = list(OutboxMessage.objects.order_by("pk"))
    assert len(messages) == 16
    now = timezone.now()
    OutboxMessage.objects.filter(pk__in=[m.pk for m in messages[:2]]).update(attempts=2)
    OutboxMessage.objects.filter(pk=messages[2].pk).update(status="gave_up", attempts=8)
    OutboxMessage.objects.filter(pk=messages[3].pk).update(status="invalid")
    OutboxMessage.objects.filter(pk=messages[4].pk).update(status="blocked")
    OutboxMessage.objects.filter(pk=messages[5].pk).update(status="sent")
    OutboxMessage.objects.filter(pk=messages[6].pk).update(
        created_at=now - datetime.timedelta(hours=5)
    )
    OutboxMessage.objects.filter(pk=messages[2].pk).update(  # older, but not waiting
        created_at=now - datetime.timedelta(hours=50)
    )
    for status in ("quarantined", "quarantined", "applied"):
        CustomsReceipt.objects.create(file_name="r.xml", status=status)
    declaration = orders[0].declarations.get()
    for number, differs, resolved in (("T1", True, None), ("T2", True, now), ("T3", False, None)):
        TaxBill.objects.create(
            declaration=declaration,
            tax_no=number,
            bill_status="1",
            differs=differs,
            resolved_at=resolved,
        )
    WebhookEvent.objects.create(gateway="stripe", event_id="evt_1", type="x", last_error="boom")
    WebhookEvent.objects.create(gateway="stripe", event_id="evt_2", type="x", processed_at=now)
    payment = Payment.objects.first()
    for key, status, attempts in (
        ("r1", "needs_staff", 8),
        ("r2", "queued", 2),
        ("r3", "succeeded", 1),
    ):
        Refund.objects.create(
            payment=payment,
            amount=Decimal("1.00"),
            idempotency_key=key,
            status=status,
            attempts=attempts,
        )
    return now


def test_figures(troubles):
    figures = pipeline_health(now=troubles)
    assert figures["outbox"] == {
        "pending": 16 - 2 - 4,  # 10 never tried
        "retrying": 2,
        "gave_up": 1,
        "invalid": 1,
        "blocked": 1,
        "oldest_waiting_seconds": 5 * 3600,
    }
    assert figures["receipts"] == {"quarantined": 2}
    assert figures["tax_bills"] == {"open_differences": 1}
    assert figures["webhook_events"] == {"failed": 1}
    assert figures["refund_jobs"] == {"needs_staff": 1, "retrying": 1}
    assert figures["ok"] is False


def test_all_well_when_nothing_is_stuck():
    figures = pipeline_health()
    assert figures["ok"] is True
    assert figures["outbox"]["oldest_waiting_seconds"] is None


def test_health_json_needs_staff_or_the_token(client, settings, troubles):
    settings.SHOP_HEALTH_TOKEN = TOKEN
    response = client.get("/ops/health.json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/ops/health.json", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/ops/health.json", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 403
    response = client.get("/ops/health.json", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["outbox"]["gave_up"] == 1
    assert data["receipts"]["quarantined"] == 2
    assert response["Cache-Control"] == "no-store"
    client.force_login(merchant_user())
    assert client.get("/ops/health.json").status_code == 403
    # a merchant with the wrong token is still refused; the right token works for anyone
    assert client.get("/ops/health.json", HTTP_AUTHORIZATION="Bearer nope").status_code == 403
    client.force_login(zone_staff())
    assert json.loads(client.get("/ops/health.json").content)["refund_jobs"]["needs_staff"] == 1


def test_an_empty_token_setting_accepts_no_token(client, settings):
    settings.SHOP_HEALTH_TOKEN = ""
    assert client.get("/ops/health.json", HTTP_AUTHORIZATION="Bearer ").status_code == 403
    assert client.get("/ops/metrics", HTTP_AUTHORIZATION="Bearer").status_code == 403


def test_metrics(client, settings, troubles):
    settings.SHOP_HEALTH_TOKEN = TOKEN
    assert client.get("/ops/metrics").status_code == 401
    response = client.get("/ops/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    assert samples[("shop_customs_outbox_messages", (("state", "gave_up"),))] == 1
    assert samples[("shop_customs_outbox_messages", (("state", "pending"),))] == 10
    assert samples[("shop_customs_outbox_messages", (("state", "retrying"),))] == 2
    assert samples[("shop_customs_receipts_quarantined", ())] == 2
    assert samples[("shop_customs_tax_bill_differences_open", ())] == 1
    assert samples[("shop_payments_webhook_events_failed", ())] == 1
    assert samples[("shop_payments_refund_jobs_failing", (("state", "needs_staff"),))] == 1
    assert samples[("shop_pipeline_ok", ())] == 0
    assert 17990 <= samples[("shop_customs_outbox_oldest_waiting_seconds", ())] <= 18100
    client.force_login(merchant_user())
    assert client.get("/ops/metrics").status_code == 403


def test_metrics_are_fresh_on_every_request(client, settings, troubles):
    """No global registry: a second scrape sees the change, and no duplicate registration."""
    client.force_login(zone_staff())
    first = client.get("/ops/metrics").content.decode()
    assert "shop_customs_receipts_quarantined 2.0" in first
    CustomsReceipt.objects.filter(status="quarantined").delete()
    second = client.get("/ops/metrics").content.decode()
    assert "shop_customs_receipts_quarantined 0.0" in second


def test_health_page_links_to_the_lists(client, troubles):
    client.force_login(zone_staff())
    response = client.get("/en/dashboard/statistics/health/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/en/dashboard/customs/receipts/?status=quarantined" in html
    assert "/en/dashboard/customs/tax-bills/?state=open" in html
    assert "/en/dashboard/payments/refunds/" in html
    assert "table-danger" in html
    assert response.context["health"]["outbox"]["invalid"] == 1
