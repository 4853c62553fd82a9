"""Kiosks and store staff (issue #14).

``paired_kiosk(client_or_context, store=..., base_url=...)`` registers and pairs a kiosk and puts
its device cookie on a Django test ``Client`` or a Playwright ``BrowserContext`` (then give
``base_url=live_server.url``); it returns the ``KioskDevice``.
"""

import factory
from django.utils import timezone

from shop.kiosk import devices
from shop.kiosk.models import KioskDevice, StoreStaffMember
from shop.stores.models import ExperienceStore


class ExperienceStoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceStore
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"store-{n}")
    name = factory.Sequence(lambda n: f"体验店 {n}")
    province = "黑龙江省"
    city = "哈尔滨市"
    address = "中央大街 1 号"


class KioskDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KioskDevice

    store = factory.SubFactory(ExperienceStoreFactory)
    name = factory.Sequence(lambda n: f"Kiosk {n}")


class StoreStaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoreStaffMember

    store = factory.SubFactory(ExperienceStoreFactory)
    code = factory.Sequence(lambda n: f"{7000 + n}")
    display_name = factory.Sequence(lambda n: f"店员 {n}")


def pair(device: KioskDevice) -> KioskDevice:
    """Pair ``device`` through the real service (a fresh code, used once)."""
    return devices.pair_device(code=devices.issue_pairing_code(device=device))


def set_device_cookie(client_or_context, device: KioskDevice, *, base_url=None) -> None:
    value = devices.cookie_value(device)
    name = devices.cookie_name()
    if hasattr(client_or_context, "add_cookies"):  # Playwright BrowserContext
        if not base_url:
            raise ValueError("a Playwright context needs base_url (live_server.url)")
        client_or_context.add_cookies(
            [{"name": name, "value": value, "url": base_url, "httpOnly": True, "sameSite": "Lax"}]
        )
    else:  # django.test.Client
        client_or_context.cookies[name] = value


def paired_kiosk(client_or_context=None, *, store=None, base_url=None, **fields) -> KioskDevice:
    """A paired kiosk of ``store`` (a new store if none), its cookie set on the client/context."""
    device = KioskDeviceFactory(store=store or ExperienceStoreFactory(), **fields)
    device = pair(device)
    device.last_seen_at = timezone.now()
    if client_or_context is not None:
        set_device_cookie(client_or_context, device, base_url=base_url)
    return device
