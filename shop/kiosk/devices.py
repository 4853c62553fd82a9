"""Kiosk devices: one-time pairing codes and the signed device cookie (issue #14).

A pairing code is shown once to staff; only its keyed hash is stored, valid for
``SHOP_KIOSK_PAIRING_MINUTES``. Pairing gives the device a fresh ``device_key`` (so cookies of an
earlier pairing stop working) and the device cookie carries that key, signed with
``COOKIE_SALT``. A revoked or re-paired device's cookie no longer finds an active device.
"""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import KioskDevice, new_device_key

COOKIE_SALT = "shop.kiosk.device"
COOKIE_MAX_AGE = 5 * 365 * 24 * 3600
PAIRING_CODE_DIGITS = 8
LAST_SEEN_EVERY = datetime.timedelta(seconds=60)


class PairingError(Exception):
    """A pairing code that cannot be used; ``message`` is translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def cookie_name() -> str:
    return getattr(settings, "SHOP_KIOSK_COOKIE_NAME", "shop_kiosk")


def _code_hash(code: str) -> str:
    return salted_hmac("shop.kiosk.pairing-code", code, algorithm="sha256").hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())


def issue_pairing_code(*, device: KioskDevice, now=None) -> str:
    """A new one-time code for ``device`` (any earlier code stops working). Returns the code in
    clear: the caller shows it once; only its hash is kept."""
    now = now or timezone.now()
    code = f"{secrets.randbelow(10**PAIRING_CODE_DIGITS):0{PAIRING_CODE_DIGITS}d}"
    minutes = getattr(settings, "SHOP_KIOSK_PAIRING_MINUTES", 15)
    device.pairing_code_hash = _code_hash(code)
    device.pairing_expires_at = now + datetime.timedelta(minutes=minutes)
    device.save(update_fields=["pairing_code_hash", "pairing_expires_at"])
    return code


def pair_device(*, code: str, now=None) -> KioskDevice:
    """Use a pairing code: the device it belongs to gets a new device key and is paired (and no
    longer revoked). Raises ``PairingError`` for an unknown, expired or already used code."""
    now = now or timezone.now()
    code = normalise_code(code)
    if len(code) != PAIRING_CODE_DIGITS:
        raise PairingError(_("Enter the %(digits)d-digit pairing code.") % {"digits": 8})
    code_hash = _code_hash(code)
    with transaction.atomic():
        device = (
            KioskDevice.objects.select_for_update()
            .select_related("store")
            .filter(pairing_code_hash=code_hash)
            .first()
        )
        if device is None or not constant_time_compare(device.pairing_code_hash, code_hash):
            raise PairingError(_("This pairing code is not valid. Check it or ask for a new one."))
        if device.pairing_expires_at is None:
            raise PairingError(_("This pairing code has already been used. Ask for a new one."))
        if device.pairing_expires_at <= now:
            raise PairingError(_("This pairing code has expired. Ask for a new one."))
        device.device_key = new_device_key()
        # The hash stays (so a second use is recognised as "already used"), without a validity.
        device.pairing_expires_at = None
        device.paired_at = now
        device.revoked_at = None
        device.last_seen_at = now
        device.save(
            update_fields=[
                "device_key",
                "pairing_expires_at",
                "paired_at",
                "revoked_at",
                "last_seen_at",
            ]
        )
    return device


def revoke_device(*, device: KioskDevice, now=None) -> None:
    device.revoked_at = now or timezone.now()
    device.pairing_code_hash = ""
    device.pairing_expires_at = None
    device.save(update_fields=["revoked_at", "pairing_code_hash", "pairing_expires_at"])


def cookie_value(device: KioskDevice) -> str:
    return signing.dumps(device.device_key, salt=COOKIE_SALT)


def set_device_cookie(response, *, device: KioskDevice, request) -> None:
    response.set_cookie(
        cookie_name(),
        cookie_value(device),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        secure=request.is_secure(),
        samesite="Lax",
    )


def device_key_from_cookie(value: str) -> str | None:
    try:
        key = signing.loads(value, salt=COOKIE_SALT)
    except signing.BadSignature:
        return None
    return key if isinstance(key, str) and key else None


def active_device(device_key: str | None) -> KioskDevice | None:
    if not device_key:
        return None
    return (
        KioskDevice.objects.select_related("store")
        .filter(
            device_key=device_key,
            paired_at__isnull=False,
            revoked_at__isnull=True,
            store__is_active=True,
        )
        .first()
    )


def touch_last_seen(device: KioskDevice, *, now=None) -> None:
    """Record the device's last contact, at most once a minute (one UPDATE, no race harm)."""
    now = now or timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at >= LAST_SEEN_EVERY:
        KioskDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
        device.last_seen_at = now
