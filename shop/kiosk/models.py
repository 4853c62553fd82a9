"""In-store kiosks (issue #14): shared touch screens in an experience store, paired with a one-time
code, and the store staff who help shoppers at them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_device_key() -> str:
    return secrets.token_urlsafe(32)


class KioskDevice(models.Model):
    """A kiosk bound to one experience store.

    Pairing: staff create the device, which gets a one-time ``pairing code`` (only its hash is
    kept, valid until ``pairing_expires_at``); entering it on the device sets a signed device cookie
    carrying ``device_key``. Revoking sets ``revoked_at``: the cookie stops working and the device
    falls back to the pairing screen. ``last_seen_at`` is updated (at most once a minute) from
    kiosk requests.
    """

    store = models.ForeignKey(
        "shop_stores.ExperienceStore",
        on_delete=models.PROTECT,
        related_name="kiosks",
        verbose_name=_("Experience store"),
    )
    name = models.CharField(_("Name"), max_length=64)
    device_key = models.CharField(
        _("Device key"), max_length=64, unique=True, editable=False, default=new_device_key
    )
    pairing_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    pairing_expires_at = models.DateTimeField(_("Pairing code valid until"), null=True, blank=True)
    paired_at = models.DateTimeField(_("Paired"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("Last contact"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Revoked"), null=True, blank=True)
    created_at = models.DateTimeField(_("Created"), default=timezone.now)
    language = models.CharField(
        _("Default language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language the kiosk starts in and returns to after each shopper; "
            "empty: the shop's kiosk default."
        ),
    )

    class Meta:
        ordering = ("store", "name")
        verbose_name = _("Kiosk")
        verbose_name_plural = _("Kiosks")

    def __str__(self):
        return f"{self.store} / {self.name}"

    @property
    def is_active(self):
        return self.paired_at is not None and self.revoked_at is None

    @property
    def default_language(self) -> str:
        return self.language or getattr(settings, "SHOP_KIOSK_DEFAULT_LANGUAGE", "zh-hans")

    @property
    def pairing_pending(self) -> bool:
        return bool(self.pairing_code_hash) and self.pairing_expires_at is not None


class StoreStaffMember(models.Model):
    """A member of an experience store's staff who helps shoppers; the short ``code`` is what
    they type on the kiosk so the order is attributed to them. No personal data beyond the name
    shown to colleagues."""

    store = models.ForeignKey(
        "shop_stores.ExperienceStore",
        on_delete=models.PROTECT,
        related_name="staff_members",
        verbose_name=_("Experience store"),
    )
    code = models.CharField(_("Staff code"), max_length=16)
    display_name = models.CharField(_("Display name"), max_length=64)
    is_active = models.BooleanField(_("Active"), default=True)

    class Meta:
        ordering = ("store", "code")
        verbose_name = _("Store staff member")
        verbose_name_plural = _("Store staff members")
        constraints = [
            models.UniqueConstraint(fields=("store", "code"), name="kiosk_staff_code_per_store")
        ]

    def __str__(self):
        return f"{self.display_name} ({self.code})"
