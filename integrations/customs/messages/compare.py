"""The three-document comparison (三单比对) customs runs before it accepts an inventory (spec §6.2).

``compare(data)`` checks a ``DeclarationSet`` before its messages are sent; ``compare_documents``
does the same on received XML (CEB311 / 411 / 511 / 621), so a simulator can answer like customs.
Both return a list of ``Mismatch`` (empty = consistent), each with a stable ``code``, the element
concerned (``CEB411.amountPaid``) and an English message with the values. ID numbers are masked
in messages.

Rules (§6.2 numbers): 1 ``acturalPaid = goodsValue + freight + taxTotal − discount`` (the insured
fee is not part of it); 2 order acturalPaid = payment amountPaid; 3 order consignee = waybill
consignee; 4/5/6 the documents carry the same orderNo, ebpCode, ebcCode, logisticsCode/No and the
order's payCode/payTransactionId when it names them; 7 inventory lines one-to-one with the order
lines by gnum (gnum 1..n, same item, name, quantity, unit, price, total, origin); 8/9 the same
buyer in order, payment (payer) and inventory; 10 (unverified, kept consistent) line totals =
price × qty, Σ line totals = goodsValue in order and inventory, inventory freight / insured fee /
gross weight = waybill's. Tax limits are not checked here (spec §8, ``shop.customs.tax``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .data import DeclarationSet, GoodsLine, InventoryData, OrderData, PaymentData, WaybillData
from .parse import parse_inventory, parse_order, parse_payment, parse_waybill

_CENT = Decimal("0.01")


class MismatchCode(StrEnum):
    """Stable identifiers of the comparison rules (compare equal to their string values)."""

    ACTUAL_PAID_FORMULA = "actual_paid_formula"
    PAID_AMOUNT = "paid_amount_mismatch"
    ORDER_NO = "order_no_mismatch"
    EBP_CODE = "ebp_code_mismatch"
    EBC_CODE = "ebc_code_mismatch"
    PAYMENT_REFERENCE = "payment_reference_mismatch"
    BUYER = "buyer_mismatch"
    CONSIGNEE = "consignee_mismatch"
    LOGISTICS_NO = "logistics_no_mismatch"
    LOGISTICS_CODE = "logistics_code_mismatch"
    BILL_NO = "bill_no_mismatch"
    FREIGHT = "freight_mismatch"
    INSURED_FEE = "insured_fee_mismatch"
    GROSS_WEIGHT = "gross_weight_mismatch"
    GNUM_SEQUENCE = "gnum_sequence"
    LINE_MISSING = "line_missing"
    LINE_MISMATCH = "line_mismatch"
    LINE_TOTAL = "line_total_mismatch"
    GOODS_VALUE = "goods_value_mismatch"
    INVENTORY_VALUE = "inventory_value_mismatch"


@dataclass(frozen=True)
class Mismatch:
    code: MismatchCode
    field: str  #: element of the document found wrong, e.g. "CEB411.amountPaid"
    message: str


def compare(data: DeclarationSet) -> list[Mismatch]:
    """Compare the documents of a declaration set as customs will (spec §6.2)."""
    return _compare(data.order, data.payment, data.waybill, data.inventory)


def compare_documents(
    order_xml: bytes,
    payment_xml: bytes | None,
    waybill_xml: bytes | None,
    inventory_xml: bytes,
) -> list[Mismatch]:
    """``compare`` on received messages; payment/waybill may be ``None`` (sent by others).

    Each message must carry one declaration; unreadable input raises ``MessageParseError``.
    """
    return _compare(
        parse_order(order_xml),
        parse_payment(payment_xml) if payment_xml is not None else None,
        parse_waybill(waybill_xml) if waybill_xml is not None else None,
        parse_inventory(inventory_xml),
    )


def _compare(
    order: OrderData,
    payment: PaymentData | None,
    waybill: WaybillData | None,
    inventory: InventoryData,
) -> list[Mismatch]:
    found = _Findings()
    _order_amounts(found, order)
    _lines_arithmetic(found, "CEB311.OrderList", order.lines)
    if payment is not None:
        _payment_vs_order(found, payment, order)
    if waybill is not None:
        _waybill_vs_order(found, waybill, order)
        _inventory_vs_waybill(found, inventory, waybill)
    _inventory_vs_order(found, inventory, order)
    _lines_arithmetic(found, "CEB621.InventoryList", inventory.lines)
    _lines_one_to_one(found, inventory.lines, order.lines)
    _goods_value(found, MismatchCode.INVENTORY_VALUE, "CEB621.InventoryList", inventory, order)
    return found.items


# --------------------------------------------------------------------------------------------
# the rules


def _order_amounts(found: _Findings, order: OrderData) -> None:
    """Rule 1 and Σ OrderList.totalPrice = goodsValue."""
    parts = (order.goods_value, order.freight, order.tax_total, order.discount)
    if None in parts or order.actual_paid is None:
        found.add(
            MismatchCode.ACTUAL_PAID_FORMULA,
            "CEB311.acturalPaid",
            "acturalPaid cannot be checked: goodsValue, freight, taxTotal, discount and "
            "acturalPaid must all be present",
        )
    else:
        expected = order.goods_value + order.freight + order.tax_total - order.discount
        if expected != order.actual_paid:
            found.add(
                MismatchCode.ACTUAL_PAID_FORMULA,
                "CEB311.acturalPaid",
                f"acturalPaid {order.actual_paid} should be goodsValue + freight + taxTotal - "
                f"discount = {order.goods_value} + {order.freight} + {order.tax_total} - "
                f"{order.discount} = {expected}",
            )
    _goods_value(found, MismatchCode.GOODS_VALUE, "CEB311.OrderList", order, order)


def _goods_value(
    found: _Findings,
    code: MismatchCode,
    where: str,
    doc: OrderData | InventoryData,
    order: OrderData,
) -> None:
    """Σ totalPrice of ``doc``'s lines = the order's goodsValue."""
    total = sum((line.total_price or Decimal(0) for line in doc.lines), Decimal(0))
    if total != order.goods_value:
        found.add(
            code,
            f"{where}.totalPrice",
            f"sum of {where} totalPrice {total} differs from CEB311 goodsValue "
            f"{_show(order.goods_value)}",
        )


def _payment_vs_order(found: _Findings, payment: PaymentData, order: OrderData) -> None:
    """Rules 2, 4 and 8."""
    same = found.same
    same(
        MismatchCode.PAID_AMOUNT,
        "CEB411.amountPaid",
        payment.amount_paid,
        order.actual_paid,
        "CEB311.acturalPaid",
    )
    same(MismatchCode.ORDER_NO, "CEB411.orderNo", payment.order_no, order.order_no)
    same(MismatchCode.EBP_CODE, "CEB411.ebpCode", payment.ebp.code, order.ebp.code)
    if order.pay is not None:
        same(MismatchCode.PAYMENT_REFERENCE, "CEB411.payCode", payment.pay.code, order.pay.code)
    if order.pay_transaction_id is not None:
        same(
            MismatchCode.PAYMENT_REFERENCE,
            "CEB411.payTransactionId",
            payment.pay_transaction_id,
            order.pay_transaction_id,
        )
    buyer, payer = order.buyer, payment.payer
    same(MismatchCode.BUYER, "CEB411.payerName", payer.name, buyer.name, "CEB311.buyerName")
    same(
        MismatchCode.BUYER, "CEB411.payerIdType", payer.id_type, buyer.id_type, "CEB311.buyerIdType"
    )
    same(
        MismatchCode.BUYER,
        "CEB411.payerIdNumber",
        payer.id_number,
        buyer.id_number,
        "CEB311.buyerIdNumber",
        secret=True,
    )


def _waybill_vs_order(found: _Findings, waybill: WaybillData, order: OrderData) -> None:
    """Rules 3 and 5."""
    same = found.same
    same(MismatchCode.ORDER_NO, "CEB511.orderNo", waybill.order_no, order.order_no)
    ours, theirs = order.consignee, waybill.consignee
    same(MismatchCode.CONSIGNEE, "CEB511.consignee", theirs.name, ours.name)
    same(MismatchCode.CONSIGNEE, "CEB511.consigneeTelephone", theirs.telephone, ours.telephone)
    same(MismatchCode.CONSIGNEE, "CEB511.consigneeAddress", theirs.address, ours.address)


def _inventory_vs_order(found: _Findings, inventory: InventoryData, order: OrderData) -> None:
    """Rules 6 and 9 (head)."""
    same = found.same
    same(MismatchCode.ORDER_NO, "CEB621.orderNo", inventory.order_no, order.order_no)
    same(MismatchCode.EBP_CODE, "CEB621.ebpCode", inventory.ebp.code, order.ebp.code)
    same(MismatchCode.EBC_CODE, "CEB621.ebcCode", inventory.ebc.code, order.ebc.code)
    ours, theirs = order.buyer, inventory.buyer
    same(MismatchCode.BUYER, "CEB621.buyerName", theirs.name, ours.name)
    same(MismatchCode.BUYER, "CEB621.buyerIdType", theirs.id_type, ours.id_type)
    same(MismatchCode.BUYER, "CEB621.buyerIdNumber", theirs.id_number, ours.id_number, secret=True)
    same(MismatchCode.BUYER, "CEB621.buyerTelephone", theirs.telephone, ours.telephone)
    same(
        MismatchCode.CONSIGNEE,
        "CEB621.consigneeAddress",
        inventory.consignee_address,
        order.consignee.address,
    )


def _inventory_vs_waybill(found: _Findings, inventory: InventoryData, waybill: WaybillData) -> None:
    """Rule 6 (logistics keys) and rule 10 (freight, insured fee, weight)."""
    same = found.same
    same(
        MismatchCode.LOGISTICS_NO,
        "CEB621.logisticsNo",
        inventory.logistics_no,
        waybill.logistics_no,
        "CEB511.logisticsNo",
    )
    same(
        MismatchCode.LOGISTICS_CODE,
        "CEB621.logisticsCode",
        inventory.logistics.code,
        waybill.logistics.code,
        "CEB511.logisticsCode",
    )
    if inventory.bill_no is not None and waybill.bill_no is not None:
        same(
            MismatchCode.BILL_NO,
            "CEB621.billNo",
            inventory.bill_no,
            waybill.bill_no,
            "CEB511.billNo",
        )
    same(
        MismatchCode.FREIGHT, "CEB621.freight", inventory.freight, waybill.freight, "CEB511.freight"
    )
    same(
        MismatchCode.INSURED_FEE,
        "CEB621.insuredFee",
        inventory.insured_fee,
        waybill.insured_fee,
        "CEB511.insuredFee",
    )
    same(
        MismatchCode.GROSS_WEIGHT,
        "CEB621.grossWeight",
        inventory.gross_weight,
        waybill.weight,
        "CEB511.weight",
    )


def _lines_arithmetic(found: _Findings, where: str, lines: tuple[GoodsLine, ...]) -> None:
    """gnum runs 1..n without gaps or repeats; totalPrice = price × qty (to the cent)."""
    gnums = [line.gnum for line in lines]
    if sorted(gnums) != list(range(1, len(lines) + 1)):
        found.add(
            MismatchCode.GNUM_SEQUENCE,
            f"{where}.gnum",
            f"{where} gnum must run 1..{len(lines)} without gaps or repeats, got {gnums}",
        )
    for line in lines:
        if None in (line.price, line.qty, line.total_price):
            continue  # reported as a line mismatch against the other document
        expected = (line.price * line.qty).quantize(_CENT, rounding=ROUND_HALF_UP)
        if line.total_price != expected:
            found.add(
                MismatchCode.LINE_TOTAL,
                f"{where}[gnum={line.gnum}].totalPrice",
                f"{where} gnum {line.gnum}: totalPrice {line.total_price} should be price "
                f"{line.price} x qty {line.qty} = {expected}",
            )


def _lines_one_to_one(
    found: _Findings, inventory_lines: tuple[GoodsLine, ...], order_lines: tuple[GoodsLine, ...]
) -> None:
    """Rule 7: every order line has the inventory line with its gnum, and they agree."""
    ours = {line.gnum: line for line in order_lines}
    theirs = {line.gnum: line for line in inventory_lines}
    for gnum in sorted(ours.keys() | theirs.keys()):
        where = f"CEB621.InventoryList[gnum={gnum}]"
        if gnum not in theirs:
            found.add(MismatchCode.LINE_MISSING, where, f"order line gnum {gnum} is not in CEB621")
        elif gnum not in ours:
            found.add(MismatchCode.LINE_MISSING, where, f"CEB621 line gnum {gnum} is not in CEB311")
        else:
            _line_pair(found, where, theirs[gnum], ours[gnum])


def _line_pair(found: _Findings, where: str, inv: GoodsLine, order: GoodsLine) -> None:
    pairs = [
        ("itemNo", inv.item_no, order.item_no, "itemNo"),
        ("gname", inv.declared_name, order.item_name, "itemName"),
        ("qty", inv.qty, order.qty, "qty"),
        ("unit", inv.unit, order.unit, "unit"),
        ("price", inv.price, order.price, "price"),
        ("totalPrice", inv.total_price, order.total_price, "totalPrice"),
        ("country", inv.country, order.country, "country"),
    ]
    if inv.item_name is not None:
        pairs.append(("itemName", inv.item_name, order.item_name, "itemName"))
    gnum = order.gnum
    for tag, value, expected, order_tag in pairs:
        found.same(
            MismatchCode.LINE_MISMATCH,
            f"{where}.{tag}",
            value,
            expected,
            f"CEB311.OrderList[gnum={gnum}].{order_tag}",
        )


# --------------------------------------------------------------------------------------------
# reporting


class _Findings:
    def __init__(self) -> None:
        self.items: list[Mismatch] = []

    def add(self, code: MismatchCode, field: str, message: str) -> None:
        self.items.append(Mismatch(code=code, field=field, message=message))

    def same(
        self,
        code: MismatchCode,
        field: str,
        value: object,
        expected: object,
        expected_field: str | None = None,
        *,
        secret: bool = False,
    ) -> None:
        """Report ``field`` unless ``value`` equals ``expected`` (the order's, by default)."""
        if value == expected:
            return
        reference = expected_field or "CEB311." + field.partition(".")[2]
        show = _mask if secret else _show
        self.add(code, field, f"{field} {show(value)} differs from {reference} {show(expected)}")


def _show(value: object) -> str:
    if value is None:
        return "(missing)"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _mask(value: object) -> str:
    """ID numbers in messages: first 4 and last 4 characters only (110101…0007 → 1101**…0007)."""
    if not isinstance(value, str):
        return _show(value)
    if len(value) <= 8:
        return "'" + "*" * len(value) + "'"
    return f"'{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}'"
