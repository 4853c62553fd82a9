"""Demo kiosk (issue #14): one kiosk of the first demo store, waiting to be paired, and two
members of that store's staff. Safe to run again: the same records are reused, and each run
issues a fresh one-time pairing code (printed by load_demo)."""

from dataclasses import dataclass

from shop.stores.models import ExperienceStore

from . import devices
from .models import KioskDevice, StoreStaffMember

DEMO_KIOSK_NAME = "Kiosk 1"
DEMO_STAFF = (("1001", "李娜"), ("1002", "王伟"))


@dataclass
class DemoKiosk:
    device: KioskDevice
    pairing_code: str
    staff: list


def demo_kiosk_create(*, store: ExperienceStore | None = None) -> DemoKiosk | None:
    store = store or ExperienceStore.objects.filter(is_active=True).order_by("code").first()
    if store is None:
        return None
    device, _created = KioskDevice.objects.get_or_create(store=store, name=DEMO_KIOSK_NAME)
    if device.paired_at and not device.revoked_at:
        code = ""  # already paired: keep it working
    else:
        code = devices.issue_pairing_code(device=device)
    staff = [
        StoreStaffMember.objects.update_or_create(
            store=store, code=code_, defaults={"display_name": name, "is_active": True}
        )[0]
        for code_, name in DEMO_STAFF
    ]
    return DemoKiosk(device=device, pairing_code=code, staff=staff)
