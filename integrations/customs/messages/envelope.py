"""The DXP terminal-node wrapper ``DxpMsg`` for a self-developed access (spec §1.6).

``wrap`` puts a (signed) CEB message, Base64-encoded, into ``<dxp:Data>`` with the transport
header ``TransInfo``; ``unwrap`` returns the header and the original message bytes. Both check
the result / input against ``dxp-terminal-node-202205.xsd``::

    <dxp:DxpMsg xmlns:dxp="http://www.chinaport.gov.cn/dxp" ver="1.0">
      <dxp:TransInfo>
        <dxp:CopMsgId/> <dxp:SenderId/> <dxp:ReceiverIds><dxp:ReceiverId/>…</dxp:ReceiverIds>
        <dxp:CreatTime>yyyy-mm-ddThh:mm:ss</dxp:CreatTime> <dxp:MsgType/>
      </dxp:TransInfo>
      <dxp:Data>base64</dxp:Data>
      <dxp:AddInfo><dxp:FileName/></dxp:AddInfo>   (optional)
    </dxp:DxpMsg>

``CreatTime`` is written in Beijing time without offset, the format the spec gives.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from .errors import MessageDataError, MessageParseError
from .formats import SHANGHAI, beijing
from .schema import CEB_NS, DXP_NS, safe_parser, validate_envelope

#: Receiver DXP id of the customs import system. Seen in three code bases, not in the PDF
#: (spec §1.6, §11 item 1): confirm it with the E-port account before production.
IMPORT_RECEIVER_ID = "DXPEDCCEB0000002"
DXP_VERSION = "1.0"


@dataclass(frozen=True)
class EnvelopeMeta:
    """The ``TransInfo`` header (and ``AddInfo/FileName``) of a ``DxpMsg``."""

    message_id: str  #: CopMsgId: the sender's unique id of this transfer, ≤255
    sender_id: str  #: SenderId: own DXP id, ≤16
    receiver_ids: tuple[str, ...]  #: ReceiverId 1..5, each ≤16
    created: datetime  #: CreatTime, aware, Asia/Shanghai
    message_type: str  #: MsgType, e.g. "CEB311Message", ≤30
    file_name: str | None = None


def wrap(
    xml_bytes: bytes,
    *,
    message_type: str,
    sender_id: str,
    receiver_id: str | Sequence[str],
    message_id: str,
    created: datetime | None = None,
    file_name: str | None = None,
) -> bytes:
    """``xml_bytes`` in a ``DxpMsg`` (UTF-8 with declaration); raises ``MessageDataError``.

    ``message_type`` must name the root of the wrapped CEB message (``CEB311Message``…);
    ``created`` defaults to now.
    """
    receivers = (receiver_id,) if isinstance(receiver_id, str) else tuple(receiver_id)
    meta = EnvelopeMeta(
        message_id=message_id,
        sender_id=sender_id,
        receiver_ids=receivers,
        created=beijing(created or datetime.now(SHANGHAI), "TransInfo.CreatTime"),
        message_type=message_type,
        file_name=file_name,
    )
    _check_meta(meta)
    _check_payload(xml_bytes, message_type)
    envelope = _to_bytes(_envelope(meta, xml_bytes))
    validate_envelope(envelope)
    return envelope


def unwrap(envelope_bytes: bytes) -> tuple[EnvelopeMeta, bytes]:
    """The header and the wrapped message bytes of a ``DxpMsg``.

    Raises ``SchemaInvalid`` when the envelope does not validate and ``MessageParseError`` when
    ``Data`` is not Base64.
    """
    validate_envelope(envelope_bytes)
    root = etree.fromstring(envelope_bytes, safe_parser())
    info = root.find(_q("TransInfo"))
    meta = EnvelopeMeta(
        message_id=_text(info, "CopMsgId"),
        sender_id=_text(info, "SenderId"),
        receiver_ids=tuple(e.text.strip() for e in info.iterfind(f"{_q('ReceiverIds')}/*")),
        created=_parse_created(_text(info, "CreatTime")),
        message_type=_text(info, "MsgType"),
        file_name=_text(root, "AddInfo/FileName"),
    )
    data = "".join((root.findtext(_q("Data")) or "").split())
    try:
        return meta, base64.b64decode(data, validate=True)
    except binascii.Error as exc:
        raise MessageParseError(f"DxpMsg/Data is not Base64: {exc}") from exc


def _envelope(meta: EnvelopeMeta, payload: bytes) -> etree._Element:
    root = etree.Element(_q("DxpMsg"), {"ver": DXP_VERSION}, nsmap={"dxp": DXP_NS})
    info = etree.SubElement(root, _q("TransInfo"))
    _add(info, "CopMsgId", meta.message_id)
    _add(info, "SenderId", meta.sender_id)
    receivers = etree.SubElement(info, _q("ReceiverIds"))
    for receiver in meta.receiver_ids:
        _add(receivers, "ReceiverId", receiver)
    _add(info, "CreatTime", meta.created.strftime("%Y-%m-%dT%H:%M:%S"))
    _add(info, "MsgType", meta.message_type)
    _add(root, "Data", base64.b64encode(payload).decode("ascii"))
    if meta.file_name:
        _add(etree.SubElement(root, _q("AddInfo")), "FileName", meta.file_name)
    return root


def _check_meta(meta: EnvelopeMeta) -> None:
    """The TransInfo lengths of the XSD, reported with the element's name."""
    _length("TransInfo.CopMsgId", meta.message_id, 255)
    _length("TransInfo.SenderId", meta.sender_id, 16)
    if not 1 <= len(meta.receiver_ids) <= 5:
        raise MessageDataError("TransInfo.ReceiverIds", "needs 1 to 5 receiver ids")
    for receiver in meta.receiver_ids:
        _length("TransInfo.ReceiverId", receiver, 16)
    _length("TransInfo.MsgType", meta.message_type, 30)
    if meta.file_name is not None:
        _length("AddInfo.FileName", meta.file_name, 255)


def _check_payload(xml_bytes: bytes, message_type: str) -> None:
    """The payload is a CEB message whose root is ``message_type``."""
    try:
        root = etree.fromstring(xml_bytes, safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise MessageDataError("Data", f"the message is not well-formed XML: {exc}") from exc
    if root.tag != f"{{{CEB_NS}}}{message_type}":
        raise MessageDataError("TransInfo.MsgType", f"{message_type!r} but the root is {root.tag}")


def _length(field: str, value: object, maximum: int) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= maximum:
        raise MessageDataError(field, f"must be 1 to {maximum} characters, got {value!r}")


def _parse_created(text: str) -> datetime:
    created = datetime.fromisoformat(text)
    if created.tzinfo is None:  # the usual form: Beijing time without offset
        return created.replace(tzinfo=SHANGHAI)
    return created.astimezone(SHANGHAI)


def _q(tag: str) -> str:
    return f"{{{DXP_NS}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, _q(tag)).text = text


def _text(parent: etree._Element, path: str) -> str | None:
    text = parent.findtext("/".join(_q(part) for part in path.split("/")))
    return text.strip() if text and text.strip() else None


def _to_bytes(root: etree._Element) -> bytes:
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
