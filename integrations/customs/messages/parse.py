"""Read received CEB311/411/511/621 messages back into the ``data`` classes (spec §10).

Lenient in the ways the spec recommends: elements are found by namespace URI (prefixed or
default namespace), a UTF-8 BOM is accepted, unknown elements are ignored, missing optional
elements become ``None``. One declaration per message: a message with several business nodes
(the XSD allows up to 100) raises ``MessageParseError``; compare declarations one at a time.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from .data import (
    Consignee,
    GoodsLine,
    InventoryData,
    OrderData,
    Party,
    PaymentData,
    Person,
    WaybillData,
)
from .errors import MessageParseError
from .formats import parse_day, parse_timestamp
from .schema import CEB_NS, safe_parser


def parse_order(xml: bytes) -> OrderData:
    """``OrderData`` of a CEB311Message."""
    order = _single(xml, "CEB311Message", "Order")
    head = _Node(order.find(_q("OrderHead")), "OrderHead")
    return OrderData(
        order_no=head.text("orderNo"),
        ebp=head.party("ebp"),
        ebc=head.party("ebc"),
        goods_value=head.decimal("goodsValue"),
        freight=head.decimal("freight"),
        discount=head.decimal("discount"),
        tax_total=head.decimal("taxTotal"),
        actual_paid=head.decimal("acturalPaid"),
        buyer_reg_no=head.text("buyerRegNo"),
        buyer=head.person("buyer"),
        consignee=head.consignee(),
        lines=tuple(_order_line(el) for el in order.iterfind(_q("OrderList"))),
        pay=head.party("pay") if head.text("payCode") else None,
        pay_transaction_id=head.text("payTransactionId"),
        batch_numbers=head.text("batchNumbers"),
        currency=head.text("currency"),
        note=head.text("note"),
    )


def parse_payment(xml: bytes) -> PaymentData:
    """``PaymentData`` of a CEB411Message."""
    head = _Node(_single(xml, "CEB411Message", "Payment").find(_q("PaymentHead")), "PaymentHead")
    return PaymentData(
        pay=head.party("pay"),
        pay_transaction_id=head.text("payTransactionId"),
        order_no=head.text("orderNo"),
        ebp=head.party("ebp"),
        payer=Person(
            name=head.text("payerName"),
            id_number=head.text("payerIdNumber"),
            telephone=head.text("telephone"),
            id_type=head.text("payerIdType"),
        ),
        amount_paid=head.decimal("amountPaid"),
        pay_time=head.timestamp("payTime"),
        currency=head.text("currency"),
        note=head.text("note"),
    )


def parse_waybill(xml: bytes) -> WaybillData:
    """``WaybillData`` of a CEB511Message."""
    logistics = _single(xml, "CEB511Message", "Logistics")
    head = _Node(logistics.find(_q("LogisticsHead")), "LogisticsHead")
    return WaybillData(
        logistics=head.party("logistics"),
        logistics_no=head.text("logisticsNo"),
        order_no=head.text("orderNo"),
        consignee=head.consignee(),
        weight=head.decimal("weight"),
        freight=head.decimal("freight"),
        insured_fee=head.decimal("insuredFee"),
        pack_no=head.integer("packNo"),
        bill_no=head.text("billNo"),
        goods_info=head.text("goodsInfo"),
        currency=head.text("currency"),
        note=head.text("note"),
    )


def parse_inventory(xml: bytes) -> InventoryData:
    """``InventoryData`` of a CEB621Message."""
    inventory = _single(xml, "CEB621Message", "Inventory")
    head = _Node(inventory.find(_q("InventoryHead")), "InventoryHead")
    return InventoryData(
        order_no=head.text("orderNo"),
        ebp=head.party("ebp"),
        ebc=head.party("ebc"),
        logistics=head.party("logistics"),
        logistics_no=head.text("logisticsNo"),
        cop_no=head.text("copNo"),
        assure_code=head.text("assureCode"),
        customs_code=head.text("customsCode"),
        port_code=head.text("portCode"),
        buyer=head.person("buyer"),
        consignee_address=head.text("consigneeAddress"),
        agent=head.party("agent"),
        trade_mode=head.text("tradeMode"),
        traf_mode=head.text("trafMode"),
        country=head.text("country"),
        freight=head.decimal("freight"),
        insured_fee=head.decimal("insuredFee"),
        gross_weight=head.decimal("grossWeight"),
        net_weight=head.decimal("netWeight"),
        lines=tuple(_inventory_line(el) for el in inventory.iterfind(_q("InventoryList"))),
        area=head.party("area") if head.text("areaCode") else None,
        ems_no=head.text("emsNo"),
        traf_no=head.text("trafNo"),
        voyage_no=head.text("voyageNo"),
        bill_no=head.text("billNo"),
        loct_no=head.text("loctNo"),
        license_no=head.text("licenseNo"),
        wrap_type=head.text("wrapType"),
        ie_date=head.day("ieDate"),
        pack_no=head.integer("packNo"),
        pre_no=head.text("preNo"),
        invt_no=head.text("invtNo"),
        currency=head.text("currency"),
        note=head.text("note"),
    )


def _order_line(element: etree._Element) -> GoodsLine:
    line = _Node(element, "OrderList")
    return GoodsLine(
        gnum=line.integer("gnum"),
        item_no=line.text("itemNo"),
        item_name=line.text("itemName"),
        g_model=line.text("gmodel"),
        item_describe=line.text("itemDescribe"),
        bar_code=line.text("barCode"),
        unit=line.text("unit"),
        qty=line.decimal("qty"),
        price=line.decimal("price"),
        total_price=line.decimal("totalPrice"),
        currency=line.text("currency"),
        country=line.text("country"),
        note=line.text("note"),
    )


def _inventory_line(element: etree._Element) -> GoodsLine:
    line = _Node(element, "InventoryList")
    return GoodsLine(
        gnum=line.integer("gnum"),
        item_record_no=line.text("itemRecordNo"),
        item_no=line.text("itemNo"),
        item_name=line.text("itemName"),
        g_code=line.text("gcode"),
        g_name=line.text("gname"),
        g_model=line.text("gmodel"),
        bar_code=line.text("barCode"),
        country=line.text("country"),
        trade_country=line.text("tradeCountry"),
        currency=line.text("currency"),
        qty=line.decimal("qty"),
        unit=line.text("unit"),
        qty1=line.decimal("qty1"),
        unit1=line.text("unit1"),
        qty2=line.decimal("qty2"),
        unit2=line.text("unit2"),
        price=line.decimal("price"),
        total_price=line.decimal("totalPrice"),
        note=line.text("note"),
    )


def _q(tag: str) -> str:
    return f"{{{CEB_NS}}}{tag}"


def _single(xml: bytes, root_name: str, node: str) -> etree._Element:
    """The one business node ``node`` of a ``root_name`` message."""
    try:
        root = etree.fromstring(xml, safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise MessageParseError(f"{root_name}: not well-formed XML: {exc}") from exc
    if root.tag != _q(root_name):
        raise MessageParseError(f"expected {root_name} in {CEB_NS}, got {root.tag}")
    nodes = root.findall(_q(node))
    if len(nodes) != 1:
        raise MessageParseError(f"{root_name}: expected exactly one {node}, found {len(nodes)}")
    return nodes[0]


class _Node:
    """Typed access to the children of one business node."""

    def __init__(self, element: etree._Element | None, name: str):
        if element is None:
            raise MessageParseError(f"{name} is missing")
        self.element = element
        self.name = name

    def text(self, tag: str) -> str | None:
        child = self.element.find(_q(tag))
        if child is None or child.text is None or not child.text.strip():
            return None
        return child.text.strip()

    def decimal(self, tag: str) -> Decimal | None:
        text = self.text(tag)
        try:
            return None if text is None else Decimal(text)
        except InvalidOperation as exc:
            raise MessageParseError(f"{self.name}.{tag}: not a number: {text!r}") from exc

    def integer(self, tag: str) -> int | None:
        text = self.text(tag)
        try:
            return None if text is None else int(text)
        except ValueError as exc:
            raise MessageParseError(f"{self.name}.{tag}: not an integer: {text!r}") from exc

    def timestamp(self, tag: str) -> datetime | None:
        text = self.text(tag)
        try:
            return None if text is None else parse_timestamp(text)
        except ValueError as exc:
            raise MessageParseError(f"{self.name}.{tag}: not YYYYMMDDhhmmss: {text!r}") from exc

    def day(self, tag: str) -> date | None:
        text = self.text(tag)
        try:
            return None if text is None else parse_day(text)
        except ValueError as exc:
            raise MessageParseError(f"{self.name}.{tag}: not YYYYMMDD: {text!r}") from exc

    def party(self, prefix: str) -> Party:
        return Party(code=self.text(f"{prefix}Code"), name=self.text(f"{prefix}Name"))

    def person(self, prefix: str) -> Person:
        return Person(
            name=self.text(f"{prefix}Name"),
            id_number=self.text(f"{prefix}IdNumber"),
            telephone=self.text(f"{prefix}Telephone"),
            id_type=self.text(f"{prefix}IdType"),
        )

    def consignee(self) -> Consignee:
        return Consignee(
            name=self.text("consignee"),
            telephone=self.text("consigneeTelephone"),
            address=self.text("consigneeAddress"),
            district=self.text("consigneeDistrict"),
        )
