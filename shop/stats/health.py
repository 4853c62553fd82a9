"""Pipeline health for operations (issue #17): what is stuck between the shop, customs and the
payment gateway. One aggregate query per table; the dashboard page, the JSON endpoint and the
Prometheus collector all read ``pipeline_health()``."""

import datetime
import hmac

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone
from oscar.core.loading import get_model
from prometheus_client.core import GaugeMetricFamily

from shop.customs.models import CustomsReceipt, OutboxMessage, TaxBill
from shop.customs.taxbills import open_tax_bill_differences

WebhookEvent = get_model("shop_payments", "WebhookEvent")
Refund = get_model("shop_payments", "Refund")

#: outbox states reported, and how many attempts make a pending message "retrying"
OUTBOX_STATES = ("pending", "retrying", "gave_up", "invalid", "blocked")


def pipeline_health(*, now: datetime.datetime | None = None) -> dict:
    """Counts of what waits or failed, and the age in seconds of the oldest message waiting to be
    sent (``None`` when none waits). ``ok`` is false when anything needs staff."""
    now = now or timezone.now()
    pending = Q(status=OutboxMessage.Status.PENDING)
    outbox = OutboxMessage.objects.aggregate(
        pending=Count("pk", filter=pending & Q(attempts=0)),
        retrying=Count("pk", filter=pending & Q(attempts__gt=0)),
        gave_up=Count("pk", filter=Q(status=OutboxMessage.Status.GAVE_UP)),
        invalid=Count("pk", filter=Q(status=OutboxMessage.Status.INVALID)),
        blocked=Count("pk", filter=Q(status=OutboxMessage.Status.BLOCKED)),
        oldest=Min("created_at", filter=pending),
    )
    oldest = outbox.pop("oldest")
    outbox["oldest_waiting_seconds"] = (
        max(int((now - oldest).total_seconds()), 0) if oldest is not None else None
    )
    receipts = CustomsReceipt.objects.aggregate(
        quarantined=Count("pk", filter=Q(status=CustomsReceipt.Status.QUARANTINED))
    )
    tax_bills = TaxBill.objects.aggregate(
        open_differences=Count("pk", filter=open_tax_bill_differences())
    )
    webhooks = WebhookEvent.objects.aggregate(
        failed=Count("pk", filter=Q(processed_at__isnull=True) & ~Q(last_error=""))
    )
    refunds = Refund.objects.aggregate(
        needs_staff=Count("pk", filter=Q(status=Refund.Status.NEEDS_STAFF)),
        retrying=Count("pk", filter=Q(status=Refund.Status.QUEUED, attempts__gt=0)),
    )
    figures = {
        "outbox": outbox,
        "receipts": receipts,
        "tax_bills": tax_bills,
        "webhook_events": webhooks,
        "refund_jobs": refunds,
    }
    figures["ok"] = not (
        outbox["gave_up"]
        or outbox["invalid"]
        or outbox["blocked"]
        or receipts["quarantined"]
        or tax_bills["open_differences"]
        or webhooks["failed"]
        or refunds["needs_staff"]
    )
    figures["generated_at"] = now.isoformat()
    return figures


def token_matches(request) -> bool:
    """``Authorization: Bearer <SHOP_HEALTH_TOKEN>``, compared in constant time; never when the
    setting is empty."""
    expected = getattr(settings, "SHOP_HEALTH_TOKEN", "") or ""
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if not expected or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


class PipelineHealthCollector:
    """A Prometheus collector over ``pipeline_health()``, registered on a fresh
    ``CollectorRegistry`` per request (nothing global that would leak between tests or keep
    stale values)."""

    def __init__(self, figures: dict | None = None):
        self._figures = figures

    def describe(self):
        # no describe-time collection (which would run the queries at registration)
        return []

    def collect(self):
        figures = self._figures or pipeline_health()
        outbox = GaugeMetricFamily(
            "shop_customs_outbox_messages",
            "Customs outbox messages by state (pending: never tried; retrying: pending after a "
            "failed attempt).",
            labels=["state"],
        )
        for state in OUTBOX_STATES:
            outbox.add_metric([state], figures["outbox"][state])
        yield outbox
        oldest = figures["outbox"]["oldest_waiting_seconds"]
        yield GaugeMetricFamily(
            "shop_customs_outbox_oldest_waiting_seconds",
            "Age of the oldest customs message waiting to be sent (0 when none waits).",
            value=oldest or 0,
        )
        yield GaugeMetricFamily(
            "shop_customs_receipts_quarantined",
            "Customs receipts that could not be parsed or matched.",
            value=figures["receipts"]["quarantined"],
        )
        yield GaugeMetricFamily(
            "shop_customs_tax_bill_differences_open",
            "Tax bills that differ from the tax collected and are not resolved.",
            value=figures["tax_bills"]["open_differences"],
        )
        yield GaugeMetricFamily(
            "shop_payments_webhook_events_failed",
            "Payment webhook events that failed to apply.",
            value=figures["webhook_events"]["failed"],
        )
        refunds = GaugeMetricFamily(
            "shop_payments_refund_jobs_failing",
            "Refund jobs that need staff or are retrying after a gateway failure.",
            labels=["state"],
        )
        refunds.add_metric(["needs_staff"], figures["refund_jobs"]["needs_staff"])
        refunds.add_metric(["retrying"], figures["refund_jobs"]["retrying"])
        yield refunds
        yield GaugeMetricFamily(
            "shop_pipeline_ok",
            "1 when nothing in the pipeline needs staff.",
            value=int(figures["ok"]),
        )
