"""From a stored declaration to the signed customs message the outbox sends (issue #5).

``declaration_set`` maps the shop's records (declaration, its lines and filings, warehouse,
merchant, settings.CUSTOMS_PARTIES) to the customs terms of ``integrations.customs.messages``;
``build_message`` is what ``outbox_deliver`` calls at the first attempt: three-document
pre-check (spec §6), build, XSD validation, signing, and validation of the signed bytes. Anything
wrong with the data raises ``MessageInvalid`` (never sent, reason shown to staff); a signing
service that is down raises ``TransportError`` (retried like a failed delivery).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from integrations.customs.messages import (
    Consignee,
    DeclarationSet,
    GoodsLine,
    InventoryData,
    MessageDataError,
    OrderData,
    Party,
    PaymentData,
    Person,
    SchemaInvalid,
    Transmitter,
    WaybillData,
    compare,
    validate,
)
from integrations.customs.messages import build_message as build_xml
from integrations.customs.signing import SigningError
from integrations.customs.transport.base import TransportError
from integrations.registry import get_backend

from .codes import CountryCode, TradeMode
from .models import Declaration, OutboxMessage
from .selectors import CUSTOMS_TZ

ZERO = Decimal("0")
BONDED_DEPARTURE = CountryCode.CHINA  # 1210: the inventory's country is 142 (spec §3.5)


class MessageInvalid(Exception):
    """The message could not be built, failed the XSD or the three-document check: never sent."""


def _party(code: str, name: str) -> Party:
    return Party(code=code, name=name)


def _parties() -> dict:
    return settings.CUSTOMS_PARTIES


def _lines(declaration: Declaration) -> tuple[tuple[GoodsLine, ...], Decimal, Decimal]:
    """The goods lines in customs terms and the parcel's gross and net weight, in one query."""
    bonded = declaration.trade_mode == TradeMode.BONDED_1210
    lines = []
    gross = net = ZERO
    for line in declaration.lines.select_related(
        "filing_record", "order_line", "order_line__stockrecord"
    ).order_by("gnum"):
        filing = line.filing_record
        if filing is None:
            raise MessageInvalid(f"line {line.gnum}: no customs filing")
        quantity = Decimal(line.quantity)
        gross += filing.gross_weight_kg * quantity
        net += filing.net_weight_kg * quantity
        stockrecord = line.order_line.stockrecord
        lines.append(
            GoodsLine(
                gnum=line.gnum,
                item_no=line.order_line.partner_sku or None,
                item_name=filing.customs_name,
                g_code=filing.hs_code,
                g_model=filing.spec_model,
                bar_code=filing.barcode or None,
                country=filing.origin_country,
                qty=quantity,
                unit=filing.unit,
                qty1=filing.qty1_per_unit * quantity,
                unit1=filing.unit1,
                qty2=filing.qty2_per_unit * quantity if filing.unit2 else None,
                unit2=filing.unit2 or None,
                price=line.unit_price,
                total_price=line.goods_value,
                item_record_no=(stockrecord.item_record_no or None) if bonded else None,
            )
        )
    return tuple(lines), gross, net


def _manifest(declaration: Declaration) -> dict:
    """9610 transport details. The shop consolidates direct-mail parcels daily on the
    warehouse's line (vessel/flight ``traf_no``); voyage and bill numbers are derived from the
    paid date until the logistics company's manifest interface provides them."""
    warehouse = declaration.warehouse
    if declaration.trade_mode != TradeMode.DIRECT_MAIL_9610:
        return {}
    day = (declaration.paid_at or declaration.created_at).astimezone(CUSTOMS_TZ)
    return {
        "traf_no": warehouse.traf_no or None,
        "voyage_no": day.strftime("V%Y%m%d"),
        "bill_no": f"{warehouse.code[:20].upper()}-{day:%Y%m%d}",
    }


def declaration_set(declaration: Declaration, *, app_time: datetime.datetime) -> DeclarationSet:
    """The four documents of a paid declaration in customs terms."""
    parties = _parties()
    warehouse = declaration.warehouse
    partner = declaration.partner
    ebp = _party(parties["ebp_code"], parties["ebp_name"])
    ebc = _party(partner.customs_code, partner.customs_name)
    pay = _party(parties["pay_code"], parties["pay_name"])
    logistics = _party(warehouse.logistics_code, warehouse.logistics_name)
    buyer = Person(
        name=declaration.orderer_name,
        id_number=declaration.orderer_id_number,
        telephone=declaration.orderer_phone,
    )
    consignee = Consignee(
        name=declaration.consignee_name,
        telephone=declaration.consignee_phone,
        address=declaration.consignee_address,
        district=declaration.consignee_district or None,
    )
    lines, gross, net = _lines(declaration)
    manifest = _manifest(declaration)
    bonded = declaration.trade_mode == TradeMode.BONDED_1210
    order = declaration.order
    order_data = OrderData(
        order_no=declaration.number,
        ebp=ebp,
        ebc=ebc,
        goods_value=declaration.goods_value,
        freight=declaration.freight,
        discount=declaration.discount,
        tax_total=declaration.tax_total,
        actual_paid=declaration.actual_paid,
        buyer_reg_no=str(order.user_id or order.number),
        buyer=buyer,
        consignee=consignee,
        lines=lines,
        pay=pay,
        pay_transaction_id=declaration.payment_transaction_id or None,
    )
    payment = PaymentData(
        pay=pay,
        pay_transaction_id=declaration.payment_transaction_id,
        order_no=declaration.number,
        ebp=ebp,
        payer=Person(name=buyer.name, id_number=buyer.id_number, telephone=buyer.telephone),
        amount_paid=declaration.actual_paid,
        pay_time=declaration.paid_at or app_time,
    )
    waybill = WaybillData(
        logistics=logistics,
        logistics_no=declaration.logistics_no,
        order_no=declaration.number,
        consignee=consignee,
        weight=gross,
        freight=declaration.freight,
        insured_fee=declaration.insurance,
        bill_no=manifest.get("bill_no"),
    )
    inventory = InventoryData(
        order_no=declaration.number,
        ebp=ebp,
        ebc=ebc,
        logistics=logistics,
        logistics_no=declaration.logistics_no,
        cop_no=declaration.number,
        assure_code=parties.get("assure_code") or ebc.code,
        customs_code=warehouse.customs_code,
        port_code=warehouse.port_code,
        buyer=buyer,
        consignee_address=declaration.consignee_address,
        agent=_party(parties["agent_code"], parties["agent_name"]),
        trade_mode=declaration.trade_mode,
        traf_mode=warehouse.traf_mode or ("4" if bonded else "5"),
        country=BONDED_DEPARTURE if bonded else warehouse.country,
        freight=declaration.freight,
        insured_fee=declaration.insurance,
        gross_weight=gross,
        net_weight=net,
        lines=lines,
        area=_party(warehouse.area_code, warehouse.logistics_name or warehouse.name)
        if bonded
        else None,
        ems_no=(warehouse.ems_no or None) if bonded else None,
        invt_no=declaration.invt_no or None,
        **manifest,
    )
    return DeclarationSet(
        app_time=app_time,
        sender=Transmitter(
            cop_code=parties["cop_code"], cop_name=parties["cop_name"], dxp_id=parties["dxp_id"]
        ),
        order=order_data,
        payment=payment,
        waybill=waybill,
        inventory=inventory,
    )


def precheck(declaration: Declaration, *, app_time: datetime.datetime) -> DeclarationSet:
    """Build the set and compare it the way customs will (spec §6); raise ``MessageInvalid``
    with every mismatch rather than learn it from a refusal."""
    try:
        data = declaration_set(declaration, app_time=app_time)
    except (MessageDataError, ValueError) as error:
        raise MessageInvalid(str(error)) from error
    mismatches = compare(data)
    if mismatches:
        raise MessageInvalid(
            "three-document check: " + "; ".join(f"{m.code}: {m.message}" for m in mismatches)
        )
    return data


def build_message(message: OutboxMessage) -> bytes:
    """The signed XML of one outbox message. Raises ``MessageInvalid`` or ``TransportError``."""
    data = precheck(message.declaration, app_time=message.created_at)
    extra = {}
    if message.kind == OutboxMessage.Kind.CANCEL:
        extra = {"reason": message.note or "申请撤销"}
    elif message.kind == OutboxMessage.Kind.RETURN:
        from .returns import return_message_lines

        extra = {"reason": message.note or "消费者申请退货", "lines": return_message_lines(message)}
    try:
        xml = build_xml(message.kind, data, guid=message.guid, **extra)
    except (MessageDataError, SchemaInvalid) as error:
        raise MessageInvalid(str(error)) from error
    try:
        signed = get_backend("customs_signer").sign(xml)
    except SigningError as error:
        raise TransportError(f"signing failed: {error}") from error
    try:
        validate(signed)
    except SchemaInvalid as error:
        raise MessageInvalid(f"signed message: {error}") from error
    return signed
