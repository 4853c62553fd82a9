"""Validation against the official 2022-05 XSDs (spec §0, §10), and the field rules read from them.

The schemas live in ``integrations/customs/xsd/`` next to this package and are parsed once per
process. ``validate`` checks a business message (CEB3xx…CEB9xx), ``validate_envelope`` the DXP
terminal-node wrapper ``DxpMsg`` (spec §1.6).

``field_rules(node)`` exposes the ``xs:sequence`` of a business node (``OrderHead``,
``InventoryList``…) with cardinality, lengths and digits, so the builder emits the children in
XSD order and rejects values the schema would reject, with the element's name in the error.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from .errors import SchemaInvalid

XSD_DIR = Path(__file__).resolve().parent.parent / "xsd"
IMPORT_XSD = XSD_DIR / "ceb-import-202205.xsd"
TERMINAL_NODE_XSD = XSD_DIR / "dxp-terminal-node-202205.xsd"

CEB_NS = "http://www.chinaport.gov.cn/ceb"
DXP_NS = "http://www.chinaport.gov.cn/dxp"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
_XS = "{http://www.w3.org/2001/XMLSchema}"

# lxml keeps the last error log on the schema object: one validation at a time per schema.
_LOCK = threading.Lock()


def safe_parser() -> etree.XMLParser:
    """A parser for untrusted input: no entities, no network, no DTD loading."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=False
    )


@cache
def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), safe_parser()))


def import_schema() -> etree.XMLSchema:
    """The CEB import business-message schema (imports ``xmldsig-core-schema.xsd``)."""
    return _schema(IMPORT_XSD)


def terminal_node_schema() -> etree.XMLSchema:
    """The DXP terminal-node (``DxpMsg``) schema."""
    return _schema(TERMINAL_NODE_XSD)


def validate(xml: bytes, *, allow_unsigned: bool = False) -> None:
    """Validate a CEB business message against the import XSD; raise ``SchemaInvalid``.

    ``allow_unsigned=True`` is for checking a message *before* it is signed (spec §10): when the
    root has no ``ds:Signature``, a schema-valid placeholder is appended to a copy for the check,
    because the XSD makes the signature mandatory in CEB621/623/625/711 (spec §1.5). Every other
    error is still reported.
    """
    doc = _parse(xml)
    if allow_unsigned and doc.getroot().find(f"{{{DS_NS}}}Signature") is None:
        doc = etree.ElementTree(_with_placeholder_signature(doc.getroot()))
    _check(import_schema(), doc)


def validate_envelope(xml: bytes) -> None:
    """Validate a ``DxpMsg`` transport wrapper against the terminal-node XSD (spec §1.6)."""
    _check(terminal_node_schema(), _parse(xml))


def _parse(xml: bytes) -> etree._ElementTree:
    try:
        return etree.ElementTree(etree.fromstring(xml, safe_parser()))
    except etree.XMLSyntaxError as exc:
        raise SchemaInvalid([f"line {exc.lineno}: not well-formed XML: {exc.msg}"]) from exc


def _check(schema: etree.XMLSchema, doc: etree._ElementTree) -> None:
    with _LOCK:
        if schema.validate(doc):
            return
        errors = [f"line {e.line}: {e.message}" for e in schema.error_log]
    raise SchemaInvalid(errors)


def _with_placeholder_signature(root: etree._Element) -> etree._Element:
    """Copy of ``root`` with an empty but schema-valid ``ds:Signature`` as last child."""
    copy = etree.fromstring(etree.tostring(root))

    def ds(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{DS_NS}}}{tag}", attrs)

    signature = ds(copy, "Signature")
    signed_info = ds(signature, "SignedInfo")
    ds(signed_info, "CanonicalizationMethod", Algorithm="urn:placeholder")
    ds(signed_info, "SignatureMethod", Algorithm="urn:placeholder")
    reference = ds(signed_info, "Reference", URI="")
    ds(reference, "DigestMethod", Algorithm="urn:placeholder")
    ds(reference, "DigestValue")
    ds(signature, "SignatureValue")
    return copy


@dataclass(frozen=True)
class FieldRule:
    """One child element of a business node as the XSD defines it."""

    tag: str
    required: bool
    kind: str  # "string", "decimal" or "int"
    length: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    total_digits: int | None = None
    fraction_digits: int | None = None
    fixed: str | None = None


@cache
def field_rules(node: str) -> tuple[FieldRule, ...]:
    """The children of the global element ``node`` (e.g. ``OrderHead``) in XSD order."""
    root = etree.parse(str(IMPORT_XSD), safe_parser()).getroot()
    element = root.find(f"{_XS}element[@name='{node}']")
    if element is None:
        raise KeyError(f"{node} is not a global element of {IMPORT_XSD.name}")
    sequence = element.find(f"{_XS}complexType/{_XS}sequence")
    return tuple(_rule(child) for child in sequence.iterchildren(f"{_XS}element"))


def _rule(child: etree._Element) -> FieldRule:
    restriction = child.find(f".//{_XS}restriction")
    base = restriction.get("base") if restriction is not None else child.get("type")
    facets = {}
    if restriction is not None:
        facets = {etree.QName(f).localname: int(f.get("value")) for f in restriction}
    return FieldRule(
        tag=child.get("name"),
        required=child.get("minOccurs", "1") != "0",
        kind={"xs:decimal": "decimal", "xs:int": "int"}.get(base, "string"),
        length=facets.get("length"),
        min_length=facets.get("minLength"),
        max_length=facets.get("maxLength"),
        total_digits=facets.get("totalDigits"),
        fraction_digits=facets.get("fractionDigits"),
        fixed=child.get("fixed"),
    )
