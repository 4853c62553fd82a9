"""The staff code on a kiosk (issue #14): a member of the store's staff who helps a shopper
types their code, so the order started here is attributed to them. Kept in the kiosk's session
(cleared by the reset with everything else)."""

from .models import StoreStaffMember

SESSION_KEY = "kiosk_staff_member_id"


def find_staff_member(*, store, code: str) -> StoreStaffMember | None:
    code = (code or "").strip()
    if not code:
        return None
    return StoreStaffMember.objects.filter(store=store, code__iexact=code, is_active=True).first()


def set_staff_member(request, member: StoreStaffMember) -> None:
    request.session[SESSION_KEY] = member.pk


def clear_staff_member(request) -> None:
    request.session.pop(SESSION_KEY, None)


def current_staff_member(request) -> StoreStaffMember | None:
    """The staff member entered on this kiosk session, if still active and of this kiosk's store."""
    device = getattr(request, "kiosk", None)
    member_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if device is None or not member_id:
        return None
    return StoreStaffMember.objects.filter(
        pk=member_id, store_id=device.store_id, is_active=True
    ).first()
