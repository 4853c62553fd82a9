"""Build the CEB import messages a shop sends: CEB311, 411, 511, 621, 623 and 625 (spec §1-§4).

Each ``build_*`` function returns the root element of a complete, **unsigned** message::

    <ceb:CEBxxxMessage xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="…" version="1.0">
      <ceb:{BusinessNode}>…</ceb:{BusinessNode}>   (one declaration)
      <ceb:BaseTransfer>…</ceb:BaseTransfer>
    </ceb:CEBxxxMessage>

Signing is done elsewhere: the signer appends ``<ds:Signature
xmlns:ds="http://www.w3.org/2000/09/xmldsig#">`` (enveloped XML-DSig) as the **last child of the
root**, after ``BaseTransfer`` (and after BaseSubscribe/ExtendMessage, which a shop does not send),
over the exact bytes returned here (spec §1.2, §1.5, §10). The XSD requires the signature in CEB621
, CEB623 and CEB625, so those validate only once signed (see ``schema.validate(allow_unsigned=True)``).

The children of every business node are emitted in the order of the official XSD, read from the
schema itself (``schema.field_rules``), and every value is checked against that element's XSD
facets and the fixed codes of spec §2 before it is written: wrong data raises
``MessageDataError(field, problem)`` naming the element; nothing is truncated or rounded.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal

from lxml import etree

from . import formats
from .data import (
    BONDED,
    ID_CARD,
    TRADE_MODES,
    DeclarationSet,
    GoodsLine,
    InventoryData,
    ReturnLine,
    Transmitter,
)
from .errors import MessageDataError
from .schema import CEB_NS, FieldRule, field_rules, validate

VERSION = "1.0"  #: root attribute ``version`` (spec §1.1)
IMPORT_FLAG = "I"  #: orderType / ieFlag
MAX_LINES = 99  #: OrderList / InventoryList per declaration (XSD maxOccurs)
APP_TYPES = ("1", "2", "3")
APP_STATUSES = ("1", "2")
_GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")


def new_guid() -> str:
    """A fresh message guid: an upper-case UUID with hyphens, 36 characters (spec §1.1)."""
    return str(uuid.uuid4()).upper()


# --------------------------------------------------------------------------------------------
# the five messages


def build_order(
    data: DeclarationSet, *, guid: str | uuid.UUID, sender: Transmitter | None = None
) -> etree._Element:
    """CEB311Message, electronic order (spec §3.1): ``Order`` = ``OrderHead`` + ``OrderList``s."""
    guid = _guid(guid)
    root = _root("CEB311Message", guid)
    order = etree.SubElement(root, _q("Order"))
    _fill(order, "OrderHead", _order_head(data, guid), "OrderHead")
    for line in _lines(data.order.lines, "OrderList"):
        _fill(order, "OrderList", _order_line(line), f"OrderList[gnum={line.gnum}]")
    _base_transfer(root, sender or data.sender)
    return root


def build_payment(
    data: DeclarationSet, *, guid: str | uuid.UUID, sender: Transmitter | None = None
) -> etree._Element:
    """CEB411Message, payment voucher (spec §3.2): ``Payment`` = ``PaymentHead``."""
    if data.payment is None:
        raise MessageDataError("PaymentHead", "the declaration set has no payment data")
    guid = _guid(guid)
    root = _root("CEB411Message", guid)
    payment = etree.SubElement(root, _q("Payment"))
    _fill(payment, "PaymentHead", _payment_head(data, guid), "PaymentHead")
    _base_transfer(root, sender or data.sender)
    return root


def build_waybill(
    data: DeclarationSet, *, guid: str | uuid.UUID, sender: Transmitter | None = None
) -> etree._Element:
    """CEB511Message, logistics waybill (spec §3.3): ``Logistics`` = ``LogisticsHead``."""
    if data.waybill is None:
        raise MessageDataError("LogisticsHead", "the declaration set has no waybill data")
    guid = _guid(guid)
    root = _root("CEB511Message", guid)
    logistics = etree.SubElement(root, _q("Logistics"))
    _fill(logistics, "LogisticsHead", _logistics_head(data, guid), "LogisticsHead")
    _base_transfer(root, sender or data.sender)
    return root


def build_inventory(
    data: DeclarationSet, *, guid: str | uuid.UUID, sender: Transmitter | None = None
) -> etree._Element:
    """CEB621Message, import inventory (spec §3.5, §9): ``InventoryHead`` + ``InventoryList``s.

    1210 and 9610 differ in the head (emsNo/areaCode/areaName vs trafNo/voyageNo/billNo,
    country 142 vs departure country) and in ``itemRecordNo`` (spec §3.5, §9.2).
    """
    _check_trade_mode(data)
    guid = _guid(guid)
    root = _root("CEB621Message", guid)
    inventory = etree.SubElement(root, _q("Inventory"))
    _fill(inventory, "InventoryHead", _inventory_head(data, guid), "InventoryHead")
    for line in _lines(data.inventory.lines, "InventoryList"):
        _fill(inventory, "InventoryList", _inventory_line(line), f"InventoryList[gnum={line.gnum}]")
    _base_transfer(root, sender or data.sender)
    return root


def build_cancel(
    data: DeclarationSet,
    *,
    guid: str | uuid.UUID,
    reason: str,
    app_time: datetime | None = None,
    sender: Transmitter | None = None,
) -> etree._Element:
    """CEB623Message, cancellation of a declared inventory (spec §3.7): flat ``InvtCancel``.

    Needs the customs inventory number ``data.inventory.invt_no``; ``appType`` is always 1.
    ``app_time`` defaults to the set's ``app_time`` (pass the time of the cancellation).
    """
    guid = _guid(guid)
    root = _root("CEB623Message", guid)
    values = _cancel_node(data, guid, reason, app_time or data.app_time)
    _fill(root, "InvtCancel", values, "InvtCancel")
    _base_transfer(root, sender or data.sender)
    return root


def build_return(
    data: DeclarationSet,
    *,
    guid: str | uuid.UUID,
    reason: str,
    lines: tuple[ReturnLine, ...],
    app_time: datetime | None = None,
    sender: Transmitter | None = None,
) -> etree._Element:
    """CEB625Message, return request for goods of a released inventory (spec §3.8, §9.3):
    ``InvtRefund`` = ``InvtRefundHead`` + ``InvtRefundList`` per returned item.

    The head refers to the original inventory (``invtNo``, ``orderNo``, ``logisticsNo``); each
    line to the original ``gnum``, with ``gcode``/``gname``/``unit`` as declared and a quantity no
    larger than the declared one. ``app_time`` defaults to the set's (pass the request's time).
    """
    guid = _guid(guid)
    root = _root("CEB625Message", guid)
    refund = etree.SubElement(root, _q("InvtRefund"))
    head = _cancel_node(data, guid, reason, app_time or data.app_time, node="InvtRefundHead")
    _fill(refund, "InvtRefundHead", head, "InvtRefundHead")
    declared = {line.gnum: line for line in data.inventory.lines}
    if not lines:
        raise MessageDataError("InvtRefundList", "at least one returned item is required")
    if len({line.gnum for line in lines}) != len(lines):
        raise MessageDataError("InvtRefundList", "an item (gnum) is listed twice")
    for line in lines:
        where = f"InvtRefundList[gnum={line.gnum}]"
        original = declared.get(line.gnum)
        if original is None:
            raise MessageDataError(f"{where}.gnum", "is not a line of the original inventory")
        if not 0 < Decimal(line.qty) <= original.qty:
            raise MessageDataError(
                f"{where}.qty", f"must be above 0 and at most the declared {original.qty}"
            )
        values = {
            "gnum": line.gnum,
            "gcode": original.g_code,
            "gname": original.declared_name,
            "qty": line.qty,
            "unit": original.unit,
            "note": line.note,
        }
        _fill(refund, "InvtRefundList", values, where)
    _base_transfer(root, sender or data.sender)
    return root


BUILDERS: Mapping[str, Callable[..., etree._Element]] = {
    "CEB311": build_order,
    "CEB411": build_payment,
    "CEB511": build_waybill,
    "CEB621": build_inventory,
    "CEB623": build_cancel,
    "CEB625": build_return,
}


#: Called as ``observer(kind, guid, xml)`` with every message ``build_message`` returns. Only the
#: test suite registers one (tests/conftest.py keeps each built message as a test artifact).
BUILD_OBSERVERS: list[Callable[[str, str, bytes], None]] = []


def build_message(
    kind: str, data: DeclarationSet, *, guid: str | uuid.UUID, check: bool = True, **kw
) -> bytes:
    """The message ``kind`` ("CEB311", "CEB411", "CEB511", "CEB621", "CEB623", "CEB625") as
    UTF-8 bytes.

    Extra keywords go to the builder (``reason=`` for CEB623, ``reason=`` and ``lines=`` for
    CEB625, ``sender=``). With ``check`` the
    result is validated against the official XSD before it is returned (unsigned allowed, spec
    §10); a failure there raises ``SchemaInvalid`` and means a bug in this package.
    """
    builder = BUILDERS.get(kind.removesuffix("Message"))
    if builder is None:
        raise ValueError(f"unknown message kind {kind!r}; expected one of {', '.join(BUILDERS)}")
    xml = to_bytes(builder(data, guid=guid, **kw))
    if check:
        validate(xml, allow_unsigned=True)
    for observer in BUILD_OBSERVERS:
        observer(kind.removesuffix("Message"), str(guid).upper(), xml)
    return xml


def to_bytes(root: etree._Element) -> bytes:
    """UTF-8 bytes with an XML declaration, no BOM, no pretty-printing (signing is byte-exact)."""
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


# --------------------------------------------------------------------------------------------
# node contents, in the words of the spec tables (order does not matter here: _fill uses the XSD)


def _header(data: DeclarationSet, guid: str, node: str, app_time: datetime | None = None) -> dict:
    """guid, appType, appTime, appStatus: the first four fields of every declaration (§2)."""
    _choice(f"{node}.appType", data.app_type, APP_TYPES)
    _choice(f"{node}.appStatus", data.app_status, APP_STATUSES)
    return {
        "guid": guid,
        "appType": data.app_type,
        "appTime": app_time or data.app_time,
        "appStatus": data.app_status,
    }


def _order_head(data: DeclarationSet, guid: str) -> dict:
    o = data.order
    _choice("OrderHead.buyerIdType", o.buyer.id_type, (ID_CARD,))
    return _header(data, guid, "OrderHead") | {
        "orderType": IMPORT_FLAG,
        "orderNo": o.order_no,
        "ebpCode": o.ebp.code,
        "ebpName": o.ebp.name,
        "ebcCode": o.ebc.code,
        "ebcName": o.ebc.name,
        "goodsValue": o.goods_value,
        "freight": o.freight,
        "discount": o.discount,
        "taxTotal": o.tax_total,
        "acturalPaid": o.actual_paid,  # sic: the standard's spelling (spec §3.1, §10)
        "currency": o.currency,
        "buyerRegNo": o.buyer_reg_no,
        "buyerName": o.buyer.name,
        "buyerTelephone": o.buyer.telephone,
        "buyerIdType": o.buyer.id_type,
        "buyerIdNumber": o.buyer.id_number,
        "payCode": o.pay.code if o.pay else None,
        "payName": o.pay.name if o.pay else None,
        "payTransactionId": o.pay_transaction_id,
        "batchNumbers": o.batch_numbers,
        "consignee": o.consignee.name,
        "consigneeTelephone": o.consignee.telephone,
        "consigneeAddress": o.consignee.address,
        "consigneeDistrict": o.consignee.district,
        "note": o.note,
    }


def _order_line(line: GoodsLine) -> dict:
    return {
        "gnum": line.gnum,
        "itemNo": line.item_no,
        "itemName": line.item_name,
        "gmodel": line.g_model,
        "itemDescribe": line.item_describe,
        "barCode": line.bar_code,
        "unit": line.unit,
        "qty": line.qty,
        "price": line.price,
        "totalPrice": line.total_price,
        "currency": line.currency,
        "country": line.country,
        "note": line.note,
    }


def _payment_head(data: DeclarationSet, guid: str) -> dict:
    p = data.payment
    _choice("PaymentHead.payerIdType", p.payer.id_type, (ID_CARD,))
    return _header(data, guid, "PaymentHead") | {
        "payCode": p.pay.code,
        "payName": p.pay.name,
        "payTransactionId": p.pay_transaction_id,
        "orderNo": p.order_no,
        "ebpCode": p.ebp.code,
        "ebpName": p.ebp.name,
        "payerIdType": p.payer.id_type,
        "payerIdNumber": p.payer.id_number,
        "payerName": p.payer.name,
        "telephone": p.payer.telephone,
        "amountPaid": p.amount_paid,
        "currency": p.currency,
        "payTime": p.pay_time,
        "note": p.note,
    }


def _logistics_head(data: DeclarationSet, guid: str) -> dict:
    w = data.waybill
    _choice("LogisticsHead.packNo", w.pack_no, (1,))
    return _header(data, guid, "LogisticsHead") | {
        "logisticsCode": w.logistics.code,
        "logisticsName": w.logistics.name,
        "logisticsNo": w.logistics_no,
        "billNo": w.bill_no,
        "orderNo": w.order_no,
        "freight": w.freight,
        "insuredFee": w.insured_fee,
        "currency": w.currency,
        "weight": w.weight,
        "packNo": w.pack_no,
        "goodsInfo": w.goods_info,
        "consignee": w.consignee.name,
        "consigneeAddress": w.consignee.address,
        "consigneeTelephone": w.consignee.telephone,
        "note": w.note,
    }


def _inventory_head(data: DeclarationSet, guid: str) -> dict:
    i = data.inventory
    _choice("InventoryHead.buyerIdType", i.buyer.id_type, (ID_CARD,))
    _choice("InventoryHead.packNo", i.pack_no, (1,))
    return _header(data, guid, "InventoryHead") | {
        "orderNo": i.order_no,
        "ebpCode": i.ebp.code,
        "ebpName": i.ebp.name,
        "ebcCode": i.ebc.code,
        "ebcName": i.ebc.name,
        "logisticsNo": i.logistics_no,
        "logisticsCode": i.logistics.code,
        "logisticsName": i.logistics.name,
        "copNo": i.cop_no,
        "preNo": i.pre_no,
        "assureCode": i.assure_code,
        "emsNo": i.ems_no,
        "invtNo": i.invt_no,
        "ieFlag": IMPORT_FLAG,
        "declTime": formats.beijing(data.app_time, "InventoryHead.declTime").date(),
        "customsCode": i.customs_code,
        "portCode": i.port_code,
        "ieDate": i.ie_date,
        "buyerIdType": i.buyer.id_type,
        "buyerIdNumber": i.buyer.id_number,
        "buyerName": i.buyer.name,
        "buyerTelephone": i.buyer.telephone,
        "consigneeAddress": i.consignee_address,
        "agentCode": i.agent.code,
        "agentName": i.agent.name,
        "areaCode": i.area.code if i.area else None,
        "areaName": i.area.name if i.area else None,
        "tradeMode": i.trade_mode,
        "trafMode": i.traf_mode,
        "trafNo": i.traf_no,
        "voyageNo": i.voyage_no,
        "billNo": i.bill_no,
        "loctNo": i.loct_no,
        "licenseNo": i.license_no,
        "country": i.country,
        "freight": i.freight,
        "insuredFee": i.insured_fee,
        "currency": i.currency,
        "wrapType": i.wrap_type,
        "packNo": i.pack_no,
        "grossWeight": i.gross_weight,
        "netWeight": i.net_weight,
        "note": i.note,
    }


def _inventory_line(line: GoodsLine) -> dict:
    where = f"InventoryList[gnum={line.gnum}]"
    if line.g_code is not None and not line.g_code.isdigit():
        raise MessageDataError(f"{where}.gcode", f"must be 10 digits, got {line.g_code!r}")
    if (line.qty2 is None) != (line.unit2 is None):
        raise MessageDataError(f"{where}.qty2", "qty2 and unit2 go together (both or neither)")
    return {
        "gnum": line.gnum,
        "itemRecordNo": line.item_record_no,
        "itemNo": line.item_no,
        "itemName": line.item_name,
        "gcode": line.g_code,
        "gname": line.declared_name,
        "gmodel": line.g_model,
        "barCode": line.bar_code or "无",  # spec §3.5: "无" when the goods have no bar code
        "country": line.country,
        "tradeCountry": line.trade_country,
        "currency": line.currency,
        "qty": line.qty,
        "unit": line.unit,
        "qty1": line.qty1,
        "unit1": line.unit1,
        "qty2": line.qty2,
        "unit2": line.unit2,
        "price": line.price,
        "totalPrice": line.total_price,
        "note": line.note,
    }


def _cancel_node(
    data: DeclarationSet, guid: str, reason: str, app_time: datetime, node: str = "InvtCancel"
) -> dict:
    """The head of a cancellation (CEB623 ``InvtCancel``) or of a return (CEB625
    ``InvtRefundHead``): both name the original inventory with the same fields (§3.7, §3.8)."""
    i = data.inventory
    _choice(f"{node}.buyerIdType", i.buyer.id_type, (ID_CARD,))
    return _header(data, guid, node, app_time) | {
        "appType": "1",  # a new request (CEB623 allows only 1; §3.7, §3.8)
        "customsCode": i.customs_code,
        "orderNo": i.order_no,
        "ebpCode": i.ebp.code,
        "ebpName": i.ebp.name,
        "ebcCode": i.ebc.code,
        "ebcName": i.ebc.name,
        "logisticsNo": i.logistics_no,
        "logisticsCode": i.logistics.code,
        "logisticsName": i.logistics.name,
        "copNo": i.cop_no,
        "preNo": i.pre_no,
        "invtNo": i.invt_no,
        "buyerIdType": i.buyer.id_type,
        "buyerIdNumber": i.buyer.id_number,
        "buyerName": i.buyer.name,
        "buyerTelephone": i.buyer.telephone,
        "agentCode": i.agent.code,
        "agentName": i.agent.name,
        "reason": reason,
    }


def _base_transfer(root: etree._Element, sender: Transmitter) -> None:
    """``BaseTransfer`` (spec §1.3): who transmits the message."""
    values = {
        "copCode": sender.cop_code,
        "copName": sender.cop_name,
        "dxpMode": sender.dxp_mode,
        "dxpId": sender.dxp_id,
        "note": sender.note,
    }
    for tag in ("copName", "dxpId"):  # XSD lets them be empty; the spec does not
        if not values[tag]:
            raise MessageDataError(f"BaseTransfer.{tag}", "is required")
    _fill(root, "BaseTransfer", values, "BaseTransfer")


# --------------------------------------------------------------------------------------------
# 1210 / 9610 rules (spec §3.5, §9.1, §9.2)


def _check_trade_mode(data: DeclarationSet) -> None:
    inv = data.inventory
    _choice("InventoryHead.tradeMode", inv.trade_mode, TRADE_MODES)
    if inv.trade_mode == BONDED:
        _check_bonded(inv)
    else:
        _check_direct(inv)


def _check_bonded(inv: InventoryData) -> None:
    why = "for 1210 (bonded import)"
    _required("InventoryHead.emsNo", inv.ems_no, why)
    _required("InventoryHead.areaCode", inv.area, why)
    for line in inv.lines:
        _required(f"InventoryList[gnum={line.gnum}].itemRecordNo", line.item_record_no, why)
    for tag, value in (
        ("trafNo", inv.traf_no),
        ("voyageNo", inv.voyage_no),
        ("billNo", inv.bill_no),
    ):
        _absent(f"InventoryHead.{tag}", value, why)
    if inv.country != "142":
        raise MessageDataError("InventoryHead.country", f"must be 142 {why}, got {inv.country!r}")


def _check_direct(inv: InventoryData) -> None:
    why = "for 9610 (direct purchase import)"
    for tag, value in (
        ("trafNo", inv.traf_no),
        ("voyageNo", inv.voyage_no),
        ("billNo", inv.bill_no),
    ):
        _required(f"InventoryHead.{tag}", value, why)
    _absent("InventoryHead.emsNo", inv.ems_no, why)
    _absent("InventoryHead.areaCode", inv.area, why)
    for line in inv.lines:
        _absent(f"InventoryList[gnum={line.gnum}].itemRecordNo", line.item_record_no, why)


def _required(field: str, value: object, why: str) -> None:
    if value is None or value == "":
        raise MessageDataError(field, f"is required {why}")


def _absent(field: str, value: object, why: str) -> None:
    if value is not None and value != "":
        raise MessageDataError(field, f"must be left out {why}, got {value!r}")


# --------------------------------------------------------------------------------------------
# writing elements


def _q(tag: str) -> str:
    return f"{{{CEB_NS}}}{tag}"


def _root(name: str, guid: str) -> etree._Element:
    return etree.Element(_q(name), {"guid": guid, "version": VERSION}, nsmap={"ceb": CEB_NS})


def _guid(guid: str | uuid.UUID) -> str:
    """36-char upper-case UUID (spec §1.1); a lower-case string is refused, not changed."""
    if isinstance(guid, uuid.UUID):
        return str(guid).upper()
    if not isinstance(guid, str) or not _GUID.fullmatch(guid):
        raise MessageDataError("guid", f"must be an upper-case UUID with hyphens, got {guid!r}")
    return guid


def _choice(field: str, value: object, allowed: Iterable[object]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        wanted = " or ".join(repr(a) for a in allowed)
        raise MessageDataError(field, f"must be {wanted}, got {value!r}")


def _lines(lines: tuple[GoodsLine, ...], node: str) -> tuple[GoodsLine, ...]:
    if not lines:
        raise MessageDataError(node, "at least one goods line is required")
    if len(lines) > MAX_LINES:
        raise MessageDataError(node, f"at most {MAX_LINES} lines per declaration, got {len(lines)}")
    return lines


def _fill(parent: etree._Element, node: str, values: Mapping[str, object], where: str) -> None:
    """Append ``<ceb:{node}>`` with its children in XSD order; ``None`` values are left out."""
    rules = field_rules(node)
    unknown = set(values) - {rule.tag for rule in rules}
    if unknown:  # a typo in this module, not a data problem
        raise AssertionError(f"{node} has no element(s) {sorted(unknown)}")
    element = etree.SubElement(parent, _q(node))
    for rule in rules:
        text = _text(rule, values.get(rule.tag), f"{where}.{rule.tag}")
        if text is None:
            continue
        child = etree.SubElement(element, _q(rule.tag))
        try:
            child.text = text
        except ValueError as exc:  # control characters, which XML cannot carry
            problem = f"cannot be written in XML: {exc}"
            raise MessageDataError(f"{where}.{rule.tag}", problem) from exc


def _text(rule: FieldRule, value: object, field: str) -> str | None:
    """The element text for ``value``, checked against the XSD rule; None = leave it out."""
    if value is None or value == "":
        if rule.required:
            raise MessageDataError(field, "is required")
        return None
    if rule.kind == "decimal":
        text = _decimal_text(rule, value, field)
    elif rule.kind == "int":
        text = _int_text(rule, value, field)
    else:
        text = _string_text(rule, value, field)
    if rule.fixed is not None and text != rule.fixed:
        raise MessageDataError(field, f"must be {rule.fixed!r}, got {text!r}")
    return text


def _decimal_text(rule: FieldRule, value: object, field: str) -> str:
    if rule.tag in formats.MONEY_TAGS:
        text = formats.format_money(value, field)
    else:
        text = formats.format_quantity(value, field)
    if Decimal(text) < 0:
        raise MessageDataError(field, f"must not be negative, got {text}")
    if rule.fraction_digits is not None and formats.decimal_places(text) > rule.fraction_digits:
        raise MessageDataError(field, f"{text} has more than {rule.fraction_digits} decimal places")
    if rule.total_digits is not None and formats.total_digits(text) > rule.total_digits:
        raise MessageDataError(field, f"{text} has more than {rule.total_digits} digits")
    return text


def _int_text(rule: FieldRule, value: object, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MessageDataError(field, f"must be an int, got {value!r}")
    if value < 1:
        raise MessageDataError(field, f"must be positive, got {value}")
    text = str(value)
    if rule.total_digits is not None and len(text) > rule.total_digits:
        raise MessageDataError(field, f"{text} has more than {rule.total_digits} digits")
    return text


def _string_text(rule: FieldRule, value: object, field: str) -> str:
    if isinstance(value, datetime) and rule.length == 14:
        text = formats.format_timestamp(value, field)  # appTime, payTime
    elif isinstance(value, datetime):
        text = formats.format_day(value, field)  # declTime, ieDate
    elif isinstance(value, date):
        text = formats.format_day(value, field)
    elif isinstance(value, str):
        text = value
    else:
        raise MessageDataError(field, f"must be text, got {type(value).__name__}")
    _check_length(rule, text, field)
    return text


def _check_length(rule: FieldRule, text: str, field: str) -> None:
    size = len(text)  # XSD counts characters; a Chinese character counts 1 (spec §2)
    if rule.length is not None and size != rule.length:
        raise MessageDataError(field, f"must be exactly {rule.length} characters, got {size}")
    if rule.max_length is not None and size > rule.max_length:
        raise MessageDataError(field, f"is {size} characters long, at most {rule.max_length}")
    if rule.min_length is not None and size < rule.min_length:
        raise MessageDataError(field, f"is {size} characters long, at least {rule.min_length}")
