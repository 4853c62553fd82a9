"""Write side of the customs app (issue #4). Each service is one transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.core.crypto import blind_index
from shop.core.identity import validate_mainland_mobile, validate_resident_id

from .checkout import CheckoutQuote
from .models import Declaration, DeclarationLine, DeclarationStatusChange, OrdererIdentity
from .signals import declaration_status_changed

ID_CONTEXT = "orderer.id_number"

# The declaration state machine; receipts (issue #5) and payments (issue #6) move along it.
TRANSITIONS = {
    Declaration.Status.AWAITING_PAYMENT: {
        Declaration.Status.PAID,
        Declaration.Status.HELD,
        Declaration.Status.CANCELLED,
    },
    # paid, but the payer is not the orderer (real-name rule): staff decide
    Declaration.Status.HELD: {Declaration.Status.PAID, Declaration.Status.CANCELLED},
    Declaration.Status.PAID: {Declaration.Status.DECLARED, Declaration.Status.CANCELLED},
    Declaration.Status.DECLARED: {
        Declaration.Status.UNDER_REVIEW,
        Declaration.Status.RELEASED,
        Declaration.Status.REFUSED,
        Declaration.Status.CANCELLED,
    },
    Declaration.Status.UNDER_REVIEW: {
        Declaration.Status.RELEASED,
        Declaration.Status.REFUSED,
        Declaration.Status.CANCELLED,
    },
    Declaration.Status.RELEASED: {Declaration.Status.RETURNED},
    Declaration.Status.REFUSED: set(),
    Declaration.Status.CANCELLED: set(),
    Declaration.Status.RETURNED: set(),
}


def id_number_hash(id_number: str) -> str:
    return blind_index(id_number.strip().upper(), context=ID_CONTEXT)


def _normalise_name(name: str) -> str:
    return " ".join(name.split())


def _name_key(name: str) -> str:
    # 王 芳 and 王芳 are the same person; Latin names compare case-insensitively
    return "".join((name or "").split()).casefold()


def orderer_identity_save(
    *, user, name: str, id_number: str, phone: str, client_ip: str = ""
) -> OrdererIdentity:
    """Validate and save (or refresh) a real-name identity on the user's account.

    An account holds at most ``SHOP_MAX_IDENTITIES_PER_ACCOUNT`` identities, and entering an ID
    number the account does not hold yet is rate-limited per account and per client IP
    (``SHOP_IDENTITY_RATE_LIMIT`` in ``SHOP_IDENTITY_RATE_PERIOD`` seconds, issue #10): the annual
    quota is counted by ID number, so trying many numbers must stay slow.

    Raises ``ValidationError`` keyed by field (translated messages) and saves nothing then.
    """
    from shop.core.ratelimit import ratelimit_hit

    errors = {}
    name = _normalise_name(name or "")
    if not name:
        errors["name"] = [_("Enter the orderer's real name as on the ID card.")]
    try:
        id_number = validate_resident_id(id_number or "")
    except ValidationError as error:
        errors["id_number"] = error.messages
    try:
        phone = validate_mainland_mobile(phone or "")
    except ValidationError as error:
        errors["phone"] = error.messages
    if errors:
        raise ValidationError(errors)
    digest = id_number_hash(id_number)
    with transaction.atomic():
        held = OrdererIdentity.objects.filter(user=user)
        if not held.filter(id_number_hash=digest).exists():
            limit = settings.SHOP_MAX_IDENTITIES_PER_ACCOUNT
            if held.count() >= limit:
                raise ValidationError(
                    {
                        "id_number": _(
                            "An account can hold at most %(limit)d real-name identities. "
                            "Choose one of your saved identities."
                        )
                        % {"limit": limit}
                    }
                )
            rate = {
                "limit": settings.SHOP_IDENTITY_RATE_LIMIT,
                "period": settings.SHOP_IDENTITY_RATE_PERIOD,
            }
            # both counters move on every attempt, so neither can be dodged by the other
            account_ok = ratelimit_hit("identity-account", user.pk, **rate)
            ip_ok = ratelimit_hit("identity-ip", client_ip, **rate) if client_ip else True
            if not (account_ok and ip_ok):
                raise ValidationError(
                    {
                        "id_number": _(
                            "Too many new ID numbers were entered. Please try again later "
                            "or choose one of your saved identities."
                        )
                    }
                )
        identity, _created = OrdererIdentity.objects.update_or_create(
            user=user,
            id_number_hash=digest,
            defaults={
                "name": name,
                "id_number": id_number,
                "phone": phone,
                "last_used_at": timezone.now(),
            },
        )
    return identity


def _consignee_address(address) -> str:
    # Chinese order: province, city, district, street
    parts = [address.state, address.line4, address.line3, address.line1, address.line2]
    return "".join(part.strip() for part in parts if part and part.strip())


def declaration_number(order, sequence: int) -> str:
    return f"{settings.SHOP_DECLARATION_PREFIX}{order.number}-{sequence:02d}"


@dataclass
class PlacedDeclarations:
    """The declarations of an order being placed, waiting for their lines: the order creator
    calls ``declaration_line_create`` for each order line it writes, then
    ``declarations_complete``."""

    declarations: list[Declaration]
    # basket line pk → (declaration, gnum, the quote's line, its tax)
    pending: dict[str, tuple] = field(default_factory=dict)


@transaction.atomic
def declarations_create(
    *,
    order,
    quote: CheckoutQuote,
    identity: OrdererIdentity,
    consignee_phone: str,
    notice_accepted_at: datetime.datetime,
) -> PlacedDeclarations:
    """Store the quote's declarations (without lines) on an order being placed.

    Called by the order creator (``shop.apps.order.utils.OrderCreator``) right after the order
    row, before its lines; each line of the quote is then stored by ``declaration_line_create``
    with the order line made from the same basket line, so two basket lines of the same
    product (options, warehouses) each get their own declaration line.

    Raises ``ValidationError`` if the quote is not allowed (limits, filings) — the caller's
    transaction then rolls the order back too.
    """
    if not quote.allowed:
        raise ValidationError(list(quote.problems) or [_("Your basket is empty.")])
    consignee_phone = validate_mainland_mobile(consignee_phone)
    address = order.shipping_address
    consignee_name = _normalise_name(f"{address.first_name} {address.last_name}")
    placed = PlacedDeclarations(declarations=[])
    for part in quote.parts:
        q = part.quote
        declaration = Declaration(
            order=order,
            sequence=part.sequence,
            number=declaration_number(order, part.sequence),
            partner=part.partner,
            warehouse=part.warehouse,
            trade_mode=part.warehouse.trade_mode,
            tax_regime=q.regime.value,
            goods_value=q.goods_value,
            freight=q.freight,
            insurance=q.insurance,
            discount=q.discount,
            dutiable_value=q.dutiable_value,
            duty=q.duty,
            consumption_tax=q.consumption_tax,
            vat=q.vat,
            tax_total=q.total_tax,
            actual_paid=part.total,
            orderer_name=identity.name,
            orderer_id_number=identity.id_number,
            orderer_id_hash=identity.id_number_hash,
            orderer_phone=identity.phone,
            consignee_name=consignee_name,
            consignee_phone=consignee_phone,
            consignee_address=_consignee_address(address),
            notice_version=settings.SHOP_CONSUMER_NOTICE_VERSION,
            notice_accepted_at=notice_accepted_at,
        )
        declaration.full_clean(exclude=["order", "partner", "warehouse"])
        declaration.save()
        DeclarationStatusChange.objects.create(
            declaration=declaration, from_status="", to_status=declaration.status
        )
        for gnum, part_line in enumerate(part.lines, start=1):
            placed.pending[part_line.key] = (declaration, gnum, part_line, part.line_tax(part_line))
        placed.declarations.append(declaration)
    return placed


def declaration_line_create(
    *, placed: PlacedDeclarations, order_line, basket_line
) -> DeclarationLine:
    """Store the declaration line of ``basket_line`` with the order line just made from it.
    Raises ``ValidationError`` if the quote had no such line (the basket changed)."""
    try:
        declaration, gnum, part_line, line_tax = placed.pending.pop(str(basket_line.pk))
    except KeyError:
        raise ValidationError(
            _("Your basket changed while the order was being placed. Please check it again.")
        ) from None
    return DeclarationLine.objects.create(
        declaration=declaration,
        order_line=order_line,
        gnum=gnum,
        filing_record=part_line.filing,
        quantity=part_line.quantity,
        unit_price=part_line.unit_price,
        goods_value=line_tax.goods_value,
        freight_share=line_tax.freight_share,
        dutiable_value=line_tax.dutiable_value,
        duty=line_tax.duty,
        consumption_tax=line_tax.consumption_tax,
        vat=line_tax.vat,
        tax_total=line_tax.total,
    )


def declarations_complete(*, placed: PlacedDeclarations, order) -> list[Declaration]:
    """Check that every line of the quote was stored and that the order charges exactly what
    its declarations say (the payment is one amount; customs checks each declaration's
    ``actual_paid`` against its payment). Raises ``ValidationError`` otherwise."""
    declared = sum((d.actual_paid for d in placed.declarations), Decimal("0.00"))
    if placed.pending or declared != order.total_incl_tax:
        raise ValidationError(
            _(
                "The order total does not match its customs declarations, so it cannot be "
                "paid. Please check your basket again or contact customer services."
            )
        )
    return placed.declarations


#: the goods of a declaration in one of these never leave the warehouse
CLOSED_WITHOUT_GOODS = {Declaration.Status.CANCELLED, Declaration.Status.REFUSED}


def _declaration_closed(declaration: Declaration) -> None:
    """A paid declaration cancelled or refused: its stock allocation goes back to the warehouse
    (Oscar's line API), and the order is cancelled once none of its declarations ships. (An order
    still pending payment is closed by the payments service, which releases all its lines.) The
    refund follows from the status change itself (shop.payments.receivers)."""
    for declaration_line in declaration.lines.select_related(
        "order_line__stockrecord", "order_line__product"
    ):
        line = declaration_line.order_line
        if line.stockrecord is not None:
            line.cancel_allocation(line.quantity)
    from oscar.core.loading import get_model

    order = get_model("order", "Order").objects.select_for_update().get(pk=declaration.order_id)
    others = order.declarations.exclude(pk=declaration.pk).exclude(status__in=CLOSED_WITHOUT_GOODS)
    if not others.exists() and "Cancelled" in order.available_statuses():
        order.set_status("Cancelled")


@transaction.atomic
def declaration_transition(
    *, declaration: Declaration, to: str, note: str = "", source: str = "", code: str = ""
) -> Declaration:
    """Move a declaration to ``to``, recording the change (and, for a customs receipt, which
    message kind and returnStatus caused it). Raises ``ValidationError`` for a transition the
    state machine does not allow; the row is locked while it changes."""
    locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if to not in TRANSITIONS[locked.status]:
        raise ValidationError(
            _("A declaration cannot go from “%(from)s” to “%(to)s”.")
            % {"from": locked.get_status_display(), "to": Declaration.Status(to).label}
        )
    DeclarationStatusChange.objects.create(
        declaration=locked,
        from_status=locked.status,
        to_status=to,
        note=note[:255],
        source=source[:6],
        code=code[:20],
    )
    from_status = locked.status
    locked.status = to
    locked.save(update_fields=["status"])
    declaration.status = to
    if to in CLOSED_WITHOUT_GOODS and from_status != Declaration.Status.AWAITING_PAYMENT:
        _declaration_closed(locked)
    transaction.on_commit(
        lambda: declaration_status_changed.send(
            sender=Declaration, declaration=locked, from_status=from_status, to_status=to
        )
    )
    return locked


def payer_matches_orderer(
    *, declaration: Declaration, payer_name: str, payer_id_number: str
) -> bool:
    """Real-name rule (spec §8.1): the payer must be the orderer. Compares the ID number by its
    keyed hash and the name after normalising spaces. The payment issue (#6) calls this when it
    records a payment and holds the declaration for staff on a mismatch. Names match ignoring
    spaces and case."""
    try:
        payer_id = validate_resident_id(payer_id_number or "")
    except ValidationError:
        return False
    return id_number_hash(payer_id) == declaration.orderer_id_hash and _name_key(
        payer_name
    ) == _name_key(declaration.orderer_name)


def logistics_number(declaration: Declaration) -> str:
    """The waybill number (logisticsNo) for a declaration. The logistics company allocates it
    in production; until its interface exists the shop derives a unique one from the customs
    order number, which is what the waybill and the inventory must then both carry."""
    return f"WB{declaration.number}"[:60]


@transaction.atomic
def declaration_mark_paid(
    *,
    declaration: Declaration,
    payment_transaction_id: str,
    paid_at: datetime.datetime | None = None,
    note: str = "",
) -> Declaration:
    """Mark a declaration paid and, in the same transaction, write its customs messages to the
    outbox (issue #5); delivery starts when the transaction commits. Called by the payments
    service (issue #6) once the payment is recorded and the payer matches the orderer; the
    payment transaction number is what the payment message (CEB411) and the order's
    ``payTransactionId`` carry."""
    from .outbox import outbox_create_for_declaration

    if not payment_transaction_id:
        raise ValueError("a paid declaration needs its payment transaction number")
    declaration = declaration_transition(
        declaration=declaration, to=Declaration.Status.PAID, note=note
    )
    declaration.payment_transaction_id = payment_transaction_id[:60]
    declaration.paid_at = paid_at or timezone.now()
    declaration.logistics_no = declaration.logistics_no or logistics_number(declaration)
    declaration.save(update_fields=["payment_transaction_id", "paid_at", "logistics_no"])
    outbox_create_for_declaration(declaration=declaration)
    return declaration


@transaction.atomic
def declaration_hold(
    *,
    declaration: Declaration,
    payment_transaction_id: str,
    paid_at: datetime.datetime | None = None,
    note: str = "",
) -> Declaration:
    """Paid, but the payer is not the orderer (real-name rule, spec §8.1): record the payment and
    hold the declaration for staff instead of declaring it. Staff release it with
    ``declaration_mark_paid`` (or cancel and refund)."""
    declaration = declaration_transition(
        declaration=declaration, to=Declaration.Status.HELD, note=note
    )
    declaration.payment_transaction_id = payment_transaction_id[:60]
    declaration.paid_at = paid_at or timezone.now()
    declaration.save(update_fields=["payment_transaction_id", "paid_at"])
    return declaration


def names_match(a: str, b: str) -> bool:
    """The real-name comparison of payer and orderer names (spaces and case ignored)."""
    return bool(_name_key(a)) and _name_key(a) == _name_key(b)
