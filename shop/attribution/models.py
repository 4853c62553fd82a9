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
