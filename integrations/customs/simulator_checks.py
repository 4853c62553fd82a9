"""The customs simulator's own three-document comparison (三单比对, spec §6.2).

Deliberately independent of the shop: it reads the received XML with lxml itself and does not
use ``messages.compare`` or ``messages.parse``. If it reused the shop's comparison, a bug there
would make the shop and its "customs" agree on a wrong message set and no test would notice.
No Django here.

Checked (§6.2 rule numbers), each mismatch one text naming the elements and values:

1. CEB311 ``acturalPaid = goodsValue + freight + taxTotal − discount``
2. CEB311 ``acturalPaid`` = CEB411 ``amountPaid``
3. CEB311 ``consignee`` / ``consigneeTelephone`` / ``consigneeAddress`` = CEB511's
4. CEB411 ``orderNo`` / ``ebpCode`` = CEB311's; CEB311 ``payCode`` / ``payTransactionId``, when
   given, = CEB411's
5. CEB511 ``orderNo`` = CEB311's
6. CEB621 ``orderNo`` / ``ebpCode`` / ``ebcCode`` = CEB311's, ``logisticsCode`` /
   ``logisticsNo`` = CEB511's
7. CEB621 lines one-to-one with the CEB311 lines by ``gnum``, same ``qty``, ``gname`` =
   ``itemName``
8. CEB311 ``buyerName`` / ``buyerIdType`` / ``buyerIdNumber`` = CEB411 ``payer…``
9. CEB621 ``buyerName`` / ``buyerIdType`` / ``buyerIdNumber`` / ``buyerTelephone`` = CEB311's

Rule 10 (amount apportionment) is unverified in the spec and not checked here. CEB411 and
CEB511 may be missing (another company sends them): their rules are then skipped. ID numbers
and phones are masked in the texts.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from lxml import etree

from .messages.schema import safe_parser

_NS = "http://www.chinaport.gov.cn/ceb"
_SECRET = {"buyerIdNumber", "payerIdNumber", "consigneeTelephone", "buyerTelephone"}


class _Doc:
    """One received message: the text of its head's fields and its goods lines."""

    def __init__(self, kind: str, xml: bytes, head: str, line: str | None = None):
        self.kind = kind
        root = etree.fromstring(xml, safe_parser())
        found = root.find(f".//{{{_NS}}}{head}")
        if found is None:
            raise ValueError(f"{kind}: no {head}")
        self.head = {
            etree.QName(child).localname: (child.text or "").strip()
            for child in found
            if isinstance(child.tag, str)
        }
        self.lines: dict[str, dict[str, str]] = {}
        if line:
            for node in root.iter(f"{{{_NS}}}{line}"):
                fields = {
                    etree.QName(child).localname: (child.text or "").strip()
                    for child in node
                    if isinstance(child.tag, str)
                }
                self.lines[fields.get("gnum", "")] = fields

    def get(self, tag: str) -> str:
        return self.head.get(tag, "")


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else Decimal(0)
    except InvalidOperation:
        return None


def _show(tag: str, value: str) -> str:
    if tag in _SECRET and value:
        return value[:3] + "*" * max(len(value) - 7, 1) + value[-4:] if len(value) > 7 else "***"
    return value or "(none)"


def three_documents(
    order_xml: bytes,
    payment_xml: bytes | None,
    waybill_xml: bytes | None,
    inventory_xml: bytes,
) -> list[str]:
    """What customs would find inconsistent in the set; empty when it matches.
    Unreadable XML raises ``ValueError`` / ``etree.XMLSyntaxError``."""
    order = _Doc("CEB311", order_xml, "OrderHead", "OrderList")
    payment = _Doc("CEB411", payment_xml, "PaymentHead") if payment_xml is not None else None
    waybill = _Doc("CEB511", waybill_xml, "LogisticsHead") if waybill_xml is not None else None
    inventory = _Doc("CEB621", inventory_xml, "InventoryHead", "InventoryList")
    found: list[str] = []

    def same(doc: _Doc, tag: str, other: _Doc, other_tag: str | None = None, money=False):
        other_tag = other_tag or tag
        mine, theirs = doc.get(tag), other.get(other_tag)
        equal = _amount(mine) == _amount(theirs) if money else mine == theirs
        if not equal or (money and _amount(mine) is None):
            found.append(
                f"{doc.kind}.{tag} {_show(tag, mine)} ≠ "
                f"{other.kind}.{other_tag} {_show(other_tag, theirs)}"
            )

    # 1
    parts = [_amount(order.get(t)) for t in ("goodsValue", "freight", "taxTotal", "discount")]
    paid = _amount(order.get("acturalPaid"))
    if None in parts or paid is None or paid != parts[0] + parts[1] + parts[2] - parts[3]:
        found.append(
            f"CEB311.acturalPaid {order.get('acturalPaid')} ≠ goodsValue + freight + taxTotal "
            f"− discount ({order.get('goodsValue')} + {order.get('freight')} + "
            f"{order.get('taxTotal')} − {order.get('discount') or 0})"
        )
    if payment is not None:
        same(payment, "amountPaid", order, "acturalPaid", money=True)  # 2
        same(payment, "orderNo", order)  # 4
        same(payment, "ebpCode", order)
        for tag in ("payCode", "payTransactionId"):
            if order.get(tag):
                same(payment, tag, order)
        for payer, buyer in (  # 8
            ("payerName", "buyerName"),
            ("payerIdType", "buyerIdType"),
            ("payerIdNumber", "buyerIdNumber"),
        ):
            same(payment, payer, order, buyer)
    if waybill is not None:
        same(waybill, "orderNo", order)  # 5
        for tag in ("consignee", "consigneeTelephone", "consigneeAddress"):  # 3
            same(waybill, tag, order)
        same(inventory, "logisticsCode", waybill)  # 6
        same(inventory, "logisticsNo", waybill)
    for tag in ("orderNo", "ebpCode", "ebcCode"):  # 6
        same(inventory, tag, order)
    for tag in ("buyerName", "buyerIdType", "buyerIdNumber", "buyerTelephone"):  # 9
        same(inventory, tag, order)
    # 7
    if set(inventory.lines) != set(order.lines):
        found.append(
            f"CEB621.InventoryList gnum {sorted(inventory.lines)} ≠ "
            f"CEB311.OrderList gnum {sorted(order.lines)}"
        )
    for gnum in sorted(set(inventory.lines) & set(order.lines)):
        line, ordered = inventory.lines[gnum], order.lines[gnum]
        if _amount(line.get("qty", "")) != _amount(ordered.get("qty", "")):
            found.append(
                f"CEB621.InventoryList[gnum={gnum}].qty {line.get('qty')} ≠ "
                f"CEB311.OrderList[gnum={gnum}].qty {ordered.get('qty')}"
            )
        if line.get("gname", "") != ordered.get("itemName", ""):
            found.append(
                f"CEB621.InventoryList[gnum={gnum}].gname {line.get('gname')} ≠ "
                f"CEB311.OrderList[gnum={gnum}].itemName {ordered.get('itemName')}"
            )
    return found
