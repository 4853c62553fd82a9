"""Write customs receipts, for the local customs simulator (spec §5; envelope §1.6).

``build_receipt`` writes one receipt message (one entry) in the shape customs uses: default
namespace, no prefix, no signature, UTF-8. By default the result is checked against the official
import XSD before it is returned, so the simulator can never emit something customs would not.
``build_dxp_envelope`` wraps it the way receipts travel back through the exchange platform.
"""

from __future__ import annotations

import base64
import functools
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree

from ._layout import AMOUNT_ATTRS, CEB_NS, DXP_NS, LAYOUTS, TAX_LIST, Layout
from .model import CUSTOMS_TZ, TaxBill

XSD_DIR = Path(__file__).resolve().parent.parent / "xsd"
IMPORT_XSD = XSD_DIR / "ceb-import-202205.xsd"
CUSTOMS_DXP_ID = "DXPEDCCEB0000002"  # import receipts' sender (spec §1.6, from code only)

_RESERVED = frozenset({"guid", "return_status", "return_info", "return_time"})
_FIVE_PLACES = Decimal("0.00001")
_TWO_PLACES = Decimal("0.01")
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(IMPORT_XSD)))


def customs_time(moment: datetime) -> str:
    """Aware datetime → ``YYYYMMDDhhmmssSSS`` in Beijing time (spec §2)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("return_time must be timezone-aware")
    local = moment.astimezone(CUSTOMS_TZ)
    return local.strftime("%Y%m%d%H%M%S") + f"{local.microsecond // 1000:03d}"


def _amount(value: object, name: str) -> str:
    """N19,5 (spec §2): Decimal/int/str, ≤5 decimals, ≤19 digits, written with ≥2 decimals."""
    if isinstance(value, float | bool):
        raise ValueError(f"{name} must be a Decimal, not {type(value).__name__}")
    amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not amount.is_finite():
        raise ValueError(f"{name} must be finite")
    exact = amount.quantize(_FIVE_PLACES)
    if exact != amount:
        raise ValueError(f"{name} has more than 5 decimal places: {amount}")
    exact = exact.normalize()
    if exact.as_tuple().exponent > -2:
        exact = exact.quantize(_TWO_PLACES)
    if len(exact.as_tuple().digits) > 19:
        raise ValueError(f"{name} has more than 19 digits: {amount}")
    return format(exact, "f")


def _layout(kind: str) -> Layout:
    layout = LAYOUTS.get(str(kind).removesuffix("Message"))
    if layout is None:
        raise ValueError(f"unknown receipt kind {kind!r}; one of {', '.join(LAYOUTS)}")
    return layout


def _keys(layout: Layout, keys: dict[str, object]) -> dict[str, object]:
    """Accept snake_case (``order_no``) or the XML name (``orderNo``)."""
    by_xml = {f.xml: f.attr for f in layout.fields if not f.parse_only}
    allowed = {f.attr for f in layout.fields if not f.parse_only} - _RESERVED - AMOUNT_ATTRS
    if layout.kind == "CEB816":
        allowed.add("tax_bill")
    out: dict[str, object] = {}
    for name, value in keys.items():
        attr = by_xml.get(name, name)
        if attr not in allowed:
            raise TypeError(f"build_receipt({layout.kind}) got an unexpected key {name!r}")
        out[attr] = value
    return out


def build_receipt(
    kind: str,
    *,
    guid: str,
    return_status: str,
    return_info: str,
    return_time: datetime,
    message_guid: str | None = None,
    version: str = "1.0",
    validate: bool = True,
    **keys: object,
) -> bytes:
    """One receipt message with one entry, as UTF-8 bytes.

    ``kind``: ``"CEB312"`` … ``"CEB900"`` (``"…Message"`` also accepted). ``guid`` is the entry
    guid; ``message_guid`` the root attribute (defaults to ``guid``, as in the official samples).
    ``keys`` are the business keys by attribute name (``ebp_code=…``) or XML name (``ebpCode=…``).

    * CEB816: ``tax_bill=TaxBill(...)`` (≥1 line) and ``invt_no``; ``return_status`` is the bill
      status (1/2/3) and ``return_info`` goes to ``note`` (omitted when empty).
    * CEB818: ``invt_no``, ``tax_no``; ``return_info`` must be empty (the message has no text).
    * CEB900: ``ori_cop_msg_id``, ``ori_message_type``, ``ori_biz_message`` (written as CDATA).

    Raises ``ValueError`` for missing/invalid values (and, with ``validate``, if the result does
    not validate against the official XSD), ``TypeError`` for unknown keys.
    """
    layout = _layout(kind)
    values = _keys(layout, keys)
    values.update(
        guid=guid,
        return_status=return_status,
        return_time=customs_time(return_time),
        return_info=return_info,
    )
    if layout.kind == "CEB816":
        bill = values.pop("tax_bill", None)
        if not isinstance(bill, TaxBill):
            raise ValueError("CEB816 needs tax_bill=TaxBill(...)")
        if not bill.lines:
            raise ValueError("CEB816 tax bill needs at least one line (XSD: TaxListRd 1..99)")
        if values.get("tax_no") not in (None, bill.tax_no):
            raise ValueError("tax_no differs from tax_bill.tax_no")
        values.update(
            tax_no=bill.tax_no,
            customs_tax=bill.customs_tax,
            value_added_tax=bill.value_added_tax,
            consumption_tax=bill.consumption_tax,
        )
    elif layout.kind == "CEB818" and return_info:
        raise ValueError("CEB818 carries no text: return_info must be empty")

    root = etree.Element(
        f"{{{CEB_NS}}}{layout.root}", nsmap={None: CEB_NS}, guid=message_guid or guid
    )
    root.set("version", version)
    entry = etree.SubElement(root, f"{{{CEB_NS}}}{layout.entry}")
    holder = etree.SubElement(entry, f"{{{CEB_NS}}}{layout.head}") if layout.head else entry
    for field in layout.fields:
        if field.parse_only:
            continue
        value = values.get(field.attr)
        if field.attr in AMOUNT_ATTRS:
            text = _amount(value, field.attr)
        else:
            text = "" if value is None else str(value)
        if not text and not (field.required and field.may_be_empty):
            if field.required:
                raise ValueError(f"{layout.kind} needs {field.attr} ({field.xml})")
            continue
        child = etree.SubElement(holder, f"{{{CEB_NS}}}{field.xml}")
        if field.xml == "oriBizMessage" and text and "]]>" not in text:
            child.text = etree.CDATA(text)
        else:
            child.text = text
    if layout.kind == "CEB816":
        for line in bill.lines:
            element = etree.SubElement(entry, f"{{{CEB_NS}}}{TAX_LIST}")
            for xml, text in (
                ("gnum", str(int(line.gnum))),
                ("gcode", line.gcode),
                ("taxPrice", _amount(line.tax_price, "tax_price")),
                ("customsTax", _amount(line.customs_tax, "customs_tax")),
                ("valueAddedTax", _amount(line.value_added_tax, "value_added_tax")),
                ("consumptionTax", _amount(line.consumption_tax, "consumption_tax")),
            ):
                etree.SubElement(element, f"{{{CEB_NS}}}{xml}").text = text

    data = _DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
    if validate:
        schema = _schema()
        if not schema.validate(etree.fromstring(data)):
            error = schema.error_log.last_error
            raise ValueError(f"{layout.root} does not validate against the XSD: {error.message}")
    return data


def build_dxp_envelope(
    message: bytes,
    *,
    receiver_id: str,
    sender_id: str = CUSTOMS_DXP_ID,
    cop_msg_id: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """Wrap a CEB message in the terminal-node envelope ``DxpMsg`` (spec §1.6).

    ``MsgType`` is taken from the message's root element; ``CreatTime`` is Beijing time
    without offset (``yyyy-mm-ddThh:mm:ss``).
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    msg_type = etree.QName(etree.fromstring(message, parser)).localname
    moment = (created or datetime.now(CUSTOMS_TZ)).astimezone(CUSTOMS_TZ)
    dxp = f"{{{DXP_NS}}}"
    root = etree.Element(dxp + "DxpMsg", nsmap={"dxp": DXP_NS}, ver="1.0")
    info = etree.SubElement(root, dxp + "TransInfo")
    etree.SubElement(info, dxp + "CopMsgId").text = cop_msg_id or str(uuid.uuid4()).upper()
    etree.SubElement(info, dxp + "SenderId").text = sender_id
    receivers = etree.SubElement(info, dxp + "ReceiverIds")
    etree.SubElement(receivers, dxp + "ReceiverId").text = receiver_id
    etree.SubElement(info, dxp + "CreatTime").text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    etree.SubElement(info, dxp + "MsgType").text = msg_type
    etree.SubElement(root, dxp + "Data").text = base64.b64encode(message).decode("ascii")
    return _DECLARATION + etree.tostring(root, encoding="UTF-8")
