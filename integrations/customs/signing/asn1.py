"""A minimal ASN.1 DER encoder and reader, enough to build and read an SM2 X.509 certificate.

``cryptography`` cannot create certificates for SM2 keys, so the development identity's
certificate is assembled here byte by byte. Only what a certificate needs is supported:
INTEGER, BOOLEAN, BIT STRING, OCTET STRING, NULL, OBJECT IDENTIFIER, UTF8String,
PrintableString, UTCTime, GeneralizedTime, SEQUENCE, SET OF and context-specific tags.
The reader is strict DER: definite, minimal lengths and no trailing bytes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

INTEGER = 0x02
BOOLEAN = 0x01
BIT_STRING = 0x03
OCTET_STRING = 0x04
NULL = 0x05
OBJECT_IDENTIFIER = 0x06
UTF8_STRING = 0x0C
PRINTABLE_STRING = 0x13
UTC_TIME = 0x17
GENERALIZED_TIME = 0x18
SEQUENCE = 0x30
SET = 0x31


class DerError(ValueError):
    """The bytes are not the DER this module expects."""


# --- encoding ---------------------------------------------------------------------------------


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + _length(len(content)) + content


def integer(value: int) -> bytes:
    """A non-negative INTEGER (all a certificate needs); a leading 0 byte keeps it positive."""
    if value < 0:
        raise DerError("negative INTEGERs are not supported")
    size = value.bit_length() // 8 + 1
    return tlv(INTEGER, value.to_bytes(size, "big", signed=True))


def boolean(value: bool) -> bytes:
    return tlv(BOOLEAN, b"\xff" if value else b"\x00")


def null() -> bytes:
    return tlv(NULL, b"")


def bit_string(data: bytes, unused_bits: int = 0) -> bytes:
    if not 0 <= unused_bits <= 7 or (unused_bits and not data):
        raise DerError("bad number of unused bits")
    if unused_bits and data[-1] & ((1 << unused_bits) - 1):
        raise DerError("unused bits of a DER BIT STRING must be zero")
    return tlv(BIT_STRING, bytes([unused_bits]) + data)


def octet_string(data: bytes) -> bytes:
    return tlv(OCTET_STRING, data)


def oid(dotted: str) -> bytes:
    arcs = [int(part) for part in dotted.split(".")]
    if len(arcs) < 2 or arcs[0] > 2 or (arcs[0] < 2 and arcs[1] >= 40):
        raise DerError(f"bad object identifier {dotted!r}")
    body = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body.extend(reversed(chunk))
    return tlv(OBJECT_IDENTIFIER, bytes(body))


def utf8_string(text: str) -> bytes:
    return tlv(UTF8_STRING, text.encode("utf-8"))


def printable_string(text: str) -> bytes:
    return tlv(PRINTABLE_STRING, text.encode("ascii"))


def x509_time(moment: datetime.datetime) -> bytes:
    """X.509 Time: UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)."""
    if moment.tzinfo is None:
        raise DerError("certificate times must be timezone-aware")
    moment = moment.astimezone(datetime.UTC)
    if moment.year < 2050:
        return tlv(UTC_TIME, moment.strftime("%y%m%d%H%M%SZ").encode("ascii"))
    return tlv(GENERALIZED_TIME, moment.strftime("%Y%m%d%H%M%SZ").encode("ascii"))


def sequence(*items: bytes) -> bytes:
    return tlv(SEQUENCE, b"".join(items))


def set_of(*items: bytes) -> bytes:
    return tlv(SET, b"".join(sorted(items)))  # DER orders SET OF by encoding


def explicit(number: int, content: bytes) -> bytes:
    """``[number] EXPLICIT`` (context-specific, constructed)."""
    return tlv(0xA0 | number, content)


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    tag: int
    content: bytes
    encoded: bytes  # the whole TLV, e.g. to re-hash a TBSCertificate exactly as signed
    children: list[Node] = field(default_factory=list)

    @property
    def constructed(self) -> bool:
        return bool(self.tag & 0x20)

    def expect(self, tag: int) -> Node:
        if self.tag != tag:
            raise DerError(f"expected tag 0x{tag:02x}, found 0x{self.tag:02x}")
        return self


def _read(data: bytes, offset: int) -> tuple[Node, int]:
    if offset + 2 > len(data):
        raise DerError("truncated")
    tag = data[offset]
    if tag & 0x1F == 0x1F:
        raise DerError("high tag numbers are not supported")
    first = data[offset + 1]
    position = offset + 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4:
            raise DerError("indefinite or oversized length")
        if position + count > len(data):
            raise DerError("truncated length")
        length = int.from_bytes(data[position : position + count], "big")
        if length < 0x80 or data[position] == 0:
            raise DerError("length is not minimally encoded")
        position += count
    end = position + length
    if end > len(data):
        raise DerError("content runs past the end")
    content = data[position:end]
    children: list[Node] = []
    if tag & 0x20:
        inner = 0
        while inner < len(content):
            child, inner = _read(content, inner)
            children.append(child)
    return Node(tag, content, data[offset:end], children), end


def parse(data: bytes) -> Node:
    """Parse exactly one DER value (constructed values recursively)."""
    node, end = _read(bytes(data), 0)
    if end != len(data):
        raise DerError("trailing bytes after the DER value")
    return node


def read_integer(node: Node) -> int:
    node.expect(INTEGER)
    content = node.content
    if not content:
        raise DerError("empty INTEGER")
    if len(content) > 1 and (
        (content[0] == 0 and content[1] < 0x80) or (content[0] == 0xFF and content[1] >= 0x80)
    ):
        raise DerError("INTEGER is not minimally encoded")
    return int.from_bytes(content, "big", signed=True)


def read_oid(node: Node) -> str:
    node.expect(OBJECT_IDENTIFIER)
    arcs: list[int] = []
    value = 0
    for index, byte in enumerate(node.content):
        if value == 0 and byte == 0x80:
            raise DerError("OID arc is not minimally encoded")
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
        elif index == len(node.content) - 1:
            raise DerError("truncated OID")
    if not arcs:
        raise DerError("empty OID")
    first = arcs[0]
    head = [min(first // 40, 2), first - 40 * min(first // 40, 2)]
    return ".".join(str(arc) for arc in head + arcs[1:])


def read_bit_string(node: Node) -> tuple[bytes, int]:
    node.expect(BIT_STRING)
    if not node.content or node.content[0] > 7:
        raise DerError("bad BIT STRING")
    return node.content[1:], node.content[0]
