"""Read customs receipts safely (spec §5; envelope §1.1, §1.6).

``parse_receipt`` takes the bytes exactly as they arrived — a bare ``CEBxxxMessage`` or one
wrapped in the DXP terminal-node envelope ``DxpMsg`` — and returns one ``Receipt`` per entry.
Anything else raises ``ReceiptRejected`` with a one-line English reason; no other exception
escapes for bad input.

Hostile-input defences: size checked before parsing; UTF-8 only (spec §1.1); any DOCTYPE or
other markup declaration in the prolog is refused before lxml sees the document (XXE, billion
laughs), and the parser itself never resolves entities, loads DTDs or touches the network;
lxml's default depth/size limits stay on (``huge_tree=False``).
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from ._layout import (
    AMOUNT_ATTRS,
    CEB_NS,
    DECLARATION_ROOTS,
    DXP_NS,
    LAYOUTS,
    TAX_LINE_FIELDS,
    TAX_LIST,
    Layout,
)
from .model import CUSTOMS_TZ, Receipt, ReceiptRejected, TaxBill, TaxLine

DEFAULT_MAX_BYTES = 1_000_000

_ROOTS = {layout.root: layout for layout in LAYOUTS.values()}
_BOM = b"\xef\xbb\xbf"
_XML_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_INT = re.compile(r"[+-]?[0-9]{1,10}")
_COMPACT_TIME = re.compile(
    r"([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{3})?"
)
_ISO_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?"
)


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not thread-safe.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        recover=False,
        collect_ids=False,
    )


def _clip(value: object, limit: int = 80) -> str:
    """Attacker-controlled text for a reason: one line, printable, short."""
    text = "".join(ch if ch.isprintable() else "?" for ch in " ".join(str(value).split()))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_receipt(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Receipt]:
    """Parse one receipt file into its entries (a message may carry up to 100 of them).

    Raises ``ReceiptRejected`` for anything that is not a well-formed, safe receipt in the
    ``http://www.chinaport.gov.cn/ceb`` namespace with all XSD-mandatory fields present.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise ReceiptRejected(f"expected bytes, got {type(data).__name__}")
    try:
        return _parse_document(data, max_bytes=max_bytes, envelope_allowed=True)
    except ReceiptRejected:
        raise
    except Exception as exc:  # safety net: bad input must never surface as anything else
        raise ReceiptRejected(f"unreadable receipt ({type(exc).__name__})") from None


def _check_bytes(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise ReceiptRejected(f"receipt is {len(data)} bytes, over the limit of {max_bytes}")
    if not data.strip():
        raise ReceiptRejected("empty input")
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise ReceiptRejected("not UTF-8 text (receipts are UTF-8, spec §1.1)") from None
    declared = _XML_DECL_ENCODING.match(body)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in ("utf-8", "utf8"):
        raise ReceiptRejected(
            f"declared encoding {_clip(declared.group(1).decode('ascii', 'replace'))!r} "
            "is not UTF-8"
        )
    _check_prolog(body)


def _check_prolog(body: bytes) -> None:
    """Refuse DOCTYPE / ENTITY / any ``<!`` declaration before the root element."""
    i, n = 0, len(body)
    while i < n:
        while i < n and body[i] in b" \t\r\n":
            i += 1
        if body.startswith(b"<?", i):
            end = body.find(b"?>", i + 2)
            if end < 0:
                return  # truncated: the parser will say so
            i = end + 2
        elif body.startswith(b"<!--", i):
            end = body.find(b"-->", i + 4)
            if end < 0:
                return
            i = end + 3
        elif body.startswith(b"<!", i):
            raise ReceiptRejected("DOCTYPE or entity declarations are not allowed")
        else:
            return  # root element start (or junk the parser will refuse)


def _parse_xml(data: bytes) -> etree._Element:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ReceiptRejected(f"not well-formed XML: {_clip(exc.msg or exc, 160)}") from None
    if root is None:
        raise ReceiptRejected("no root element")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise ReceiptRejected("DOCTYPE or entity declarations are not allowed")
    return root


def _parse_document(data: bytes, *, max_bytes: int, envelope_allowed: bool) -> list[Receipt]:
    _check_bytes(data, max_bytes)
    root = _parse_xml(data)
    qname = etree.QName(root)
    if qname.namespace == DXP_NS and qname.localname == "DxpMsg":
        if not envelope_allowed:
            raise ReceiptRejected("DxpMsg envelope nested inside a DxpMsg envelope")
        return _parse_document(_unwrap_dxp(root), max_bytes=max_bytes, envelope_allowed=False)
    if qname.namespace != CEB_NS:
        where = f"namespace {_clip(qname.namespace)!r}" if qname.namespace else "no namespace"
        raise ReceiptRejected(
            f"root element {_clip(qname.localname)!r} is in {where}, expected {CEB_NS}"
        )
    layout = _ROOTS.get(qname.localname)
    if layout is None:
        if qname.localname in DECLARATION_ROOTS:
            raise ReceiptRejected(f"{qname.localname} is a declaration, not a receipt")
        raise ReceiptRejected(f"unknown root element {_clip(qname.localname)!r}")
    message_guid = (root.get("guid") or "").strip()
    if not message_guid:
        raise ReceiptRejected(f"{layout.root} has no guid attribute")
    entries = root.findall(f"{{{CEB_NS}}}{layout.entry}")
    if not entries:
        raise ReceiptRejected(f"{layout.root} has no {layout.entry} entry in namespace {CEB_NS}")
    return [_entry(layout, entry, message_guid, n) for n, entry in enumerate(entries, 1)]


def _unwrap_dxp(root: etree._Element) -> bytes:
    """Spec §1.6: the business message travels base64-encoded in ``DxpMsg/Data``."""
    found = root.findall(f"{{{DXP_NS}}}Data")
    if len(found) != 1:
        raise ReceiptRejected("DxpMsg envelope must have exactly one Data element")
    text = "".join(found[0].itertext())
    packed = "".join(text.split())
    if not packed:
        raise ReceiptRejected("DxpMsg Data is empty")
    try:
        return base64.b64decode(packed.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise ReceiptRejected("DxpMsg Data is not valid base64") from None


def _children(parent: etree._Element, where: str) -> dict[str, etree._Element]:
    fields: dict[str, etree._Element] = {}
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        if qname.namespace != CEB_NS:
            continue  # foreign extensions are ignored (spec §10: tolerate extra elements)
        if qname.localname in fields:
            raise ReceiptRejected(f"{where}: duplicate {_clip(qname.localname)} element")
        fields[qname.localname] = child
    return fields


def _text(element: etree._Element, *, keep_markup: bool = False) -> str:
    if keep_markup and len(element):
        inner = (element.text or "") + "".join(
            etree.tostring(child, encoding="unicode") for child in element
        )
        return inner.strip()
    return "".join(element.itertext()).strip()


def _entry(layout: Layout, entry: etree._Element, message_guid: str, n: int) -> Receipt:
    where = f"{layout.entry} #{n}"
    holder = entry
    if layout.head is not None:
        heads = entry.findall(f"{{{CEB_NS}}}{layout.head}")
        if len(heads) != 1:
            raise ReceiptRejected(f"{where}: expected exactly one {layout.head}")
        holder = heads[0]
    children = _children(holder, where)
    values: dict[str, object] = {}
    for field in layout.fields:
        element = children.get(field.xml)
        text = None
        if element is not None:
            text = _text(element, keep_markup=field.xml == "oriBizMessage")
        if field.required and (element is None or (not text and not field.may_be_empty)):
            state = "missing" if element is None else "empty"
            raise ReceiptRejected(f"{where}: required field {field.xml} is {state}")
        if field.attr == "return_time":
            values["return_time"] = _time(text or "", f"{where} {field.xml}")
        elif field.attr in AMOUNT_ATTRS:
            values[field.attr] = _amount(text or "", f"{where} {field.xml}")
        else:
            values[field.attr] = text or None
    values["return_info"] = values.get("return_info") or ""
    tax_bill = None
    if layout.kind == "CEB816":
        tax_bill = TaxBill(
            tax_no=values["tax_no"],
            customs_tax=values.pop("customs_tax"),
            value_added_tax=values.pop("value_added_tax"),
            consumption_tax=values.pop("consumption_tax"),
            lines=_tax_lines(entry, where),
        )
    return Receipt(kind=layout.kind, message_guid=message_guid, tax_bill=tax_bill, **values)


def _tax_lines(entry: etree._Element, where: str) -> tuple[TaxLine, ...]:
    lines = []
    for i, element in enumerate(entry.findall(f"{{{CEB_NS}}}{TAX_LIST}"), 1):
        here = f"{where} {TAX_LIST} #{i}"
        children = _children(element, here)
        values: dict[str, object] = {}
        for xml, attr in TAX_LINE_FIELDS:
            child = children.get(xml)
            text = _text(child) if child is not None else ""
            if not text:
                raise ReceiptRejected(f"{here}: required field {xml} is missing")
            if attr == "gnum":
                if not _INT.fullmatch(text):
                    raise ReceiptRejected(f"{here}: gnum {_clip(text)!r} is not an integer")
                values[attr] = int(text)
            elif attr in AMOUNT_ATTRS:
                values[attr] = _amount(text, f"{here} {xml}")
            else:
                values[attr] = text
        lines.append(TaxLine(**values))
    if not lines:
        raise ReceiptRejected(f"{where}: tax bill has no {TAX_LIST} line")
    return tuple(lines)


def _amount(text: str, where: str) -> Decimal:
    if len(text) > 40 or not _DECIMAL.fullmatch(text):
        raise ReceiptRejected(f"{where}: {_clip(text)!r} is not a decimal amount")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ReceiptRejected(f"{where}: {_clip(text)!r} is not a decimal amount") from None


def parse_customs_time(text: str) -> datetime:
    """``YYYYMMDDhhmmssSSS`` (spec §2; also 14 digits, or ``YYYY-MM-DD hh:mm:ss[.f]`` since the
    PDF gives CEB900's returnTime as C..50) → aware datetime in Asia/Shanghai.
    Raises ``ValueError``."""
    text = str(text).strip()
    match = _COMPACT_TIME.fullmatch(text) or _ISO_TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"not a customs time: {text!r}")
    year, month, day, hour, minute, second, fraction = match.groups()
    if match.re is _COMPACT_TIME:
        micro = int(fraction or 0) * 1000
    else:
        micro = int((fraction or "").ljust(6, "0"))
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            micro,
            tzinfo=CUSTOMS_TZ,
        )
    except ValueError:
        raise ValueError(f"not a customs time: {text!r}") from None


def _time(text: str, where: str) -> datetime:
    try:
        return parse_customs_time(text)
    except ValueError:
        raise ReceiptRejected(f"{where}: {_clip(text)!r} is not YYYYMMDDhhmmssSSS") from None
