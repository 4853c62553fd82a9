"""Kiosk hand-off and order attribution (issue #14).

**Hand-off.** On the kiosk basket, "Order on my phone" copies the basket into a
``HandoffToken`` (products, stock records, quantities; store, kiosk, staff member) and shows a
QR code of ``/<lang>/h/<link token>/``. The link token is ``<public id>.<secret>.<mac>``: the
mac is an HMAC-SHA256 of the rest with the ``SECRET_KEY`` (salt ``HANDOFF_SALT``), truncated to
96 bits so the link and its QR code stay short; a changed character fails it before the
database is asked, and the row keeps only the secret's SHA-256, so neither the database nor the
kiosk's polling id alone can open the basket. The row expires after
``settings.SHOP_HANDOFF_TTL_SECONDS`` and is consumed by one conditional ``UPDATE`` (two phones
opening it at the same instant: one wins).

**Attribution.** Opening a hand-off stores ``{"channel": "kiosk", store, device, staff member}``
in the session, a shelf label's link ``{"channel": "shelf_qr", store}`` (the last one wins).
Django keeps session data when it rotates the key at login, so it reaches the checkout; the
forked ``OrderCreator`` (``shop/apps/order/utils.py``) calls ``order_attribution_record`` in the
order's transaction, which writes one ``OrderAttribution`` for every order (``online`` when the
session holds none) and forgets the session's attribution once the order is committed.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import secrets
from dataclasses import dataclass, field
from enum import Enum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shop.kiosk.models import KioskDevice, StoreStaffMember
from shop.stores.models import ExperienceStore

from .models import Channel, HandoffLine, HandoffToken, OrderAttribution

HANDOFF_SALT = "shop.attribution.handoff"
SESSION_KEY = "shop_attribution"
# public ids of the hand-offs this session opened: reopening one's own link is not "reused"
OPENED_SESSION_KEY = "shop_handoffs_opened"


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def handoff_ttl() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SHOP_HANDOFF_TTL_SECONDS)


# --- hand-off ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedHandoff:
    token: HandoffToken
    link_token: str  # what goes into the URL (signed); never stored


def handoff_create(
    *,
    basket,
    device: KioskDevice,
    staff_member: StoreStaffMember | None = None,
    language: str = "",
) -> CreatedHandoff:
    """Copy ``basket``'s lines into a new hand-off of ``device`` (its store) helped by
    ``staff_member``. Raises ``ValidationError`` when the basket is empty or the staff member is
    not of the device's store. Commits one token row and its lines."""
    lines = [line for line in basket.all_lines() if line.product_id and line.quantity > 0]
    if not lines:
        raise ValidationError(_("Your basket is empty."))
    if staff_member is not None and staff_member.store_id != device.store_id:
        raise ValidationError(_("This staff member does not work in this store."))
    secret = secrets.token_urlsafe(12)  # 96 bits
    now = timezone.now()
    with transaction.atomic():
        token = HandoffToken.objects.create(
            public_id=secrets.token_urlsafe(6),
            secret_hash=_secret_hash(secret),
            store_id=device.store_id,
            device=device,
            staff_member=staff_member,
            language=language,
            created_at=now,
            expires_at=now + handoff_ttl(),
        )
        HandoffLine.objects.bulk_create(
            HandoffLine(
                token=token,
                product_id=line.product_id,
                stockrecord_id=line.stockrecord_id,
                quantity=line.quantity,
            )
            for line in lines
        )
    return CreatedHandoff(token=token, link_token=link_token_sign(token.public_id, secret))


def _mac(value: str) -> str:
    # HMAC-SHA256 with the SECRET_KEY, truncated to 96 bits: short enough for a small QR code
    digest = salted_hmac(HANDOFF_SALT, value, algorithm="sha256").digest()[:12]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def link_token_sign(public_id: str, secret: str) -> str:
    """``<public id>.<secret>.<mac>`` (42 characters)."""
    value = f"{public_id}.{secret}"
    return f"{value}.{_mac(value)}"


def link_token_unsign(link_token: str) -> tuple[str, str]:
    """(public id, secret) of a correctly signed link token, else ("", "")."""
    value, _sep, mac = (link_token or "").rpartition(".")
    public_id, sep, secret = value.partition(".")
    if not (sep and public_id and secret and mac) or not constant_time_compare(mac, _mac(value)):
        return "", ""
    return public_id, secret


class HandoffState(Enum):
    OPENED = "opened"  # consumed now, by this request
    ALREADY_OPENED_HERE = "opened_here"  # this session consumed it before (a reload)
    EXPIRED = "expired"
    USED = "used"  # consumed by another session, or closed on the kiosk
    INVALID = "invalid"  # bad signature, unknown token, wrong secret


@dataclass
class HandoffOpening:
    state: HandoffState
    token: HandoffToken | None = None
    problems: list[str] = field(default_factory=list)  # lines that could not be added


def handoff_token_get(link_token: str) -> HandoffToken | None:
    """The token a link names, if its signature and secret are right (no state checked)."""
    public_id, secret = link_token_unsign(link_token)
    if not public_id:
        return None
    token = (
        HandoffToken.objects.select_related("store", "device", "staff_member")
        .filter(public_id=public_id)
        .first()
    )
    if token is None or not constant_time_compare(token.secret_hash, _secret_hash(secret)):
        return None
    return token


def handoff_open(*, link_token: str, request) -> HandoffOpening:
    """Open a hand-off link on the shopper's phone: consume the token once, fill the request's
    basket (Oscar's basket middleware's ``request.basket``, priced by ``request.strategy``)
    with its lines and store the kiosk attribution in the session. A token this session already
    opened just reports so. Expired, used or invalid tokens change nothing. Commits the
    consumption and the basket lines."""
    token = handoff_token_get(link_token)
    if token is None:
        return HandoffOpening(state=HandoffState.INVALID)
    opened_here = request.session.get(OPENED_SESSION_KEY, [])
    if token.consumed_at is not None and token.public_id in opened_here:
        return HandoffOpening(state=HandoffState.ALREADY_OPENED_HERE, token=token)
    now = timezone.now()
    with transaction.atomic():
        won = HandoffToken.objects.filter(
            pk=token.pk, consumed_at__isnull=True, closed_at__isnull=True, expires_at__gt=now
        ).update(consumed_at=now)
        if not won:
            token.refresh_from_db()
            expired = token.consumed_at is None and token.closed_at is None
            return HandoffOpening(
                state=HandoffState.EXPIRED if expired else HandoffState.USED, token=token
            )
        token.consumed_at = now
        problems = handoff_basket_fill(token=token, basket=request.basket)
    attribution_store(
        request.session,
        channel=Channel.KIOSK,
        store=token.store,
        device=token.device,
        staff_member=token.staff_member,
    )
    request.session[OPENED_SESSION_KEY] = [*opened_here[-9:], token.public_id]
    return HandoffOpening(state=HandoffState.OPENED, token=token, problems=problems)


def handoff_basket_fill(*, token: HandoffToken, basket) -> list[str]:
    """Add the token's lines to ``basket`` through Oscar (``basket.add_product`` with the
    basket's strategy). A product that is gone, no longer sold or short of stock is skipped
    (or added with what is left) and explained in the returned messages."""
    problems = []
    lines = token.lines.select_related("product").order_by("pk")
    for line in lines:
        product = line.product
        title = product.get_title()
        if not product.is_public:
            problems.append(_("“%(title)s” is no longer sold.") % {"title": title})
            continue
        info = basket.strategy.fetch_for_product(product)
        quantity = line.quantity
        record = info.stockrecord
        tracked = record is not None and product.get_product_class().track_stock
        if tracked and (record.net_stock_level or 0) <= 0:
            problems.append(_("“%(title)s” is sold out.") % {"title": title})
            continue
        if not info.availability.is_available_to_buy:
            problems.append(
                _("“%(title)s” is not available at the moment: %(reason)s")
                % {"title": title, "reason": info.availability.message}
            )
            continue
        if tracked and record.net_stock_level < quantity:
            quantity = record.net_stock_level
            problems.append(
                ngettext(
                    "Only %(count)d of “%(title)s” is left: your basket has that many now.",
                    "Only %(count)d of “%(title)s” are left: your basket has that many now.",
                    quantity,
                )
                % {"count": quantity, "title": title}
            )
        allowed, message = basket.is_quantity_allowed(
            basket.line_quantity(product, record) + quantity
        )
        if not allowed:
            problems.append(message)
            continue
        basket.add_product(product, quantity)
    return problems


def handoff_close(*, token: HandoffToken) -> None:
    """The kiosk pressed "done": the link stops working (if not opened yet)."""
    HandoffToken.objects.filter(pk=token.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


def handoff_status(token: HandoffToken) -> str:
    """``pending``, ``opened``, ``closed`` or ``expired``, for the kiosk's polling."""
    if token.consumed_at is not None:
        return "opened"
    if token.closed_at is not None:
        return "closed"
    if token.is_expired:
        return "expired"
    return "pending"


def handoffs_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    """Delete hand-offs that expired more than ``older_than`` ago; returns how many."""
    cutoff = timezone.now() - older_than
    _total, per_model = HandoffToken.objects.filter(expires_at__lt=cutoff).delete()
    return per_model.get(HandoffToken._meta.label, 0)


# --- attribution in the session ----------------------------------------------------------


def attribution_store(
    session,
    *,
    channel: str,
    store: ExperienceStore,
    device: KioskDevice | None = None,
    staff_member: StoreStaffMember | None = None,
) -> None:
    """Remember where this shopper came from until the order (the last one wins)."""
    session[SESSION_KEY] = {
        "channel": str(channel),
        "store": store.pk,
        "device": device.pk if device else None,
        "staff_member": staff_member.pk if staff_member else None,
        "at": timezone.now().isoformat(),
    }


def attribution_from_session(session) -> dict | None:
    """The session's attribution if recent enough (``SHOP_ATTRIBUTION_MAX_AGE_HOURS``)."""
    data = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(data, dict) or data.get("channel") not in Channel.values:
        return None
    try:
        at = datetime.datetime.fromisoformat(data["at"])
    except (KeyError, TypeError, ValueError):
        return None
    if timezone.now() - at > datetime.timedelta(hours=settings.SHOP_ATTRIBUTION_MAX_AGE_HOURS):
        return None
    return data


def order_attribution_record(*, order, request=None) -> OrderAttribution:
    """Write ``order``'s attribution from ``request``'s session (``online`` without one).
    Store, device and staff member that no longer exist are left out rather than failing the
    order. After the transaction commits, the session forgets its attribution (the next order
    is the shopper's own). Called by the forked ``OrderCreator`` inside the order's
    transaction."""
    session = getattr(request, "session", None)
    data = attribution_from_session(session)
    values = {"channel": Channel.ONLINE}
    if data:
        store = ExperienceStore.objects.filter(pk=data.get("store")).first()
        if store is not None:
            values = {
                "channel": data["channel"],
                "store": store,
                "device": KioskDevice.objects.filter(pk=data.get("device"), store=store).first(),
                "staff_member": StoreStaffMember.objects.filter(
                    pk=data.get("staff_member"), store=store
                ).first(),
            }
    attribution = OrderAttribution.objects.create(order=order, **values)
    if data is not None:
        transaction.on_commit(lambda: session.pop(SESSION_KEY, None))
    return attribution
