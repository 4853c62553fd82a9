"""Payments of orders (issue #6): one ``Payment`` per gateway intent, the webhook events seen
(idempotency by event id), refunds (idempotency by key), and the sandbox gateway's own intents.

A ``Refund`` is also a durable job (issue #9): refunds that follow from something else (customs
refused or cancelled a paid declaration, money arrived for an order already paid or closed) are
written ``queued`` in the transaction that causes them and sent by the refund worker, retried
with backoff, and left to staff (``needs_staff``) after too many failures.

Oscar's ``payment.Source`` / ``PaymentEvent`` and the order's status are written by
``services`` when a payment succeeds; these models keep what the gateway said.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.core.fields import EncryptedTextField

MONEY = {"max_digits": 12, "decimal_places": 2}


class Payment(models.Model):
    class Status(models.TextChoices):
        REQUIRES_PAYMENT = "requires_payment", _("Waiting for payment")
        REQUIRES_ACTION = "requires_action", _("Waiting for the shopper to confirm")
        PROCESSING = "processing", _("Processing")
        SUCCEEDED = "succeeded", _("Paid")
        FAILED = "failed", _("Failed")
        CANCELED = "canceled", _("Cancelled")

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="payments")
    gateway = models.CharField(_("Gateway"), max_length=20)
    intent_id = models.CharField(_("Payment intent"), max_length=255, unique=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    amount = models.DecimalField(_("Amount"), **MONEY)
    currency = models.CharField(_("Currency"), max_length=3, default="CNY")
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.REQUIRES_PAYMENT
    )
    method_type = models.CharField(_("Payment method"), max_length=30, blank=True)
    payer_name = EncryptedTextField(_("Payer name"), blank=True)
    failure_message = models.CharField(_("Failure"), max_length=255, blank=True)
    amount_refunded = models.DecimalField(_("Refunded"), default=Decimal("0"), **MONEY)
    disputed = models.BooleanField(_("Disputed"), default=False)
    # succeeded although the order was already paid by another payment, or cancelled/expired:
    # not the order's payment, refunded automatically (issue #9)
    superfluous = models.BooleanField(_("Paid after the order was paid or closed"), default=False)
    succeeded_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("Payment")
        verbose_name_plural = _("Payments")

    def __str__(self):
        return f"{self.gateway} {self.intent_id} {self.status}"

    @property
    def refundable(self) -> Decimal:
        if self.status != self.Status.SUCCEEDED:
            return Decimal("0")
        return self.amount - self.amount_refunded


class WebhookEvent(models.Model):
    """Each gateway event once: replays and duplicates find their row and do nothing twice."""

    gateway = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    times_received = models.PositiveIntegerField(default=1)
    outcome = models.CharField(max_length=255, blank=True)
    # the last failure to apply it (the event stays unprocessed, and Stripe's retry applies it)
    last_error = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-received_at", "-pk")

    def __str__(self):
        return f"{self.type} {self.event_id}"


class Refund(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Failed")
        NEEDS_STAFF = "needs_staff", _("Needs staff: the gateway kept refusing")

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("Amount"), **MONEY)
    reason = models.CharField(_("Reason"), max_length=255, blank=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    gateway_refund_id = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # the refund job (queued refunds): attempts at the gateway, when to try next, last error
    attempts = models.PositiveIntegerField(_("Attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("Next attempt"), null=True, blank=True)
    last_error = models.CharField(_("Last error"), max_length=500, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("Refund")
        verbose_name_plural = _("Refunds")

    def __str__(self):
        return f"{self.payment.intent_id} {self.amount} {self.status}"


class SandboxIntent(models.Model):
    """The embedded sandbox gateway's intents (development and demos only)."""

    id = models.CharField(primary_key=True, max_length=40)
    idempotency_key = models.CharField(max_length=100, unique=True)
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20)
    payer_name = EncryptedTextField(blank=True)
    failure_message = models.CharField(max_length=255, blank=True)
    refunded_minor = models.BigIntegerField(default=0)
    metadata = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.id} {self.status}"


class SandboxRefund(models.Model):
    id = models.CharField(primary_key=True, max_length=40)
    intent = models.ForeignKey(SandboxIntent, on_delete=models.CASCADE, related_name="refunds")
    idempotency_key = models.CharField(max_length=100, unique=True)
    amount_minor = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.id} {self.amount_minor}"
