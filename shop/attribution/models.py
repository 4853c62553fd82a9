"""Where an order came from (issue #14, read by the statistics of issue #17): online, an in-store
kiosk, or a shelf label's QR code, with the experience store, kiosk device and the staff member
who helped. Recorded when the order is placed, from what the shopper's session carried (a kiosk
hand-off or a shelf QR link)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    KIOSK = "kiosk", _("Kiosk")
    SHELF_QR = "shelf_qr", _("Shelf label QR code")


class OrderAttribution(models.Model):
    order = models.OneToOneField(
        "order.Order",
        on_delete=models.CASCADE,
        related_name="attribution",
        verbose_name=_("Order"),
    )
    channel = models.CharField(
        _("Channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    store = models.ForeignKey(
        "shop_stores.ExperienceStore",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attributed_orders",
        verbose_name=_("Experience store"),
    )
    device = models.ForeignKey(
        "shop_kiosk.KioskDevice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attributed_orders",
        verbose_name=_("Kiosk"),
    )
    staff_member = models.ForeignKey(
        "shop_kiosk.StoreStaffMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attributed_orders",
        verbose_name=_("Staff member"),
    )
    created_at = models.DateTimeField(_("Recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("Order attribution")
        verbose_name_plural = _("Order attributions")
        indexes = [models.Index(fields=("channel", "store"))]

    def __str__(self):
        return f"{self.order} ({self.get_channel_display()})"


class HandoffToken(models.Model):
    """A kiosk basket waiting to move to the shopper's phone (issue #14).

    The kiosk shows a QR code of a signed link carrying ``public_id`` and a random secret; only
    the secret's SHA-256 is stored. The link works once (``consumed_at``) and until
    ``expires_at`` (``settings.SHOP_HANDOFF_TTL_SECONDS`` after creation); the kiosk polls the
    status by ``public_id`` and resets itself when it is consumed. No personal data: products,
    quantities, the store, the kiosk and the staff member who helped.
    """

    public_id = models.CharField(_("Hand-off id"), max_length=24, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    store = models.ForeignKey(
        "shop_stores.ExperienceStore",
        on_delete=models.CASCADE,
        related_name="handoff_tokens",
        verbose_name=_("Experience store"),
    )
    device = models.ForeignKey(
        "shop_kiosk.KioskDevice",
        on_delete=models.CASCADE,
        related_name="handoff_tokens",
        verbose_name=_("Kiosk"),
    )
    staff_member = models.ForeignKey(
        "shop_kiosk.StoreStaffMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handoff_tokens",
        verbose_name=_("Staff member"),
    )
    language = models.CharField(_("Language"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("Created"), default=timezone.now)
    expires_at = models.DateTimeField(_("Valid until"))
    consumed_at = models.DateTimeField(_("Opened on the phone"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Closed on the kiosk"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("Kiosk hand-off")
        verbose_name_plural = _("Kiosk hand-offs")
        indexes = [models.Index(fields=("expires_at",))]

    def __str__(self):
        return self.public_id

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class HandoffLine(models.Model):
    """One kiosk basket line of a hand-off: what the phone's basket gets again."""

    token = models.ForeignKey(HandoffToken, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("Product")
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Stock record"),
    )
    quantity = models.PositiveIntegerField(_("Quantity"))

    class Meta:
        ordering = ("pk",)
        verbose_name = _("Hand-off line")
        verbose_name_plural = _("Hand-off lines")

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"
