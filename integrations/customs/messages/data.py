"""One declaration set in customs terms: what the four import documents say (spec §3, §6).

The set is split the way customs receives it: ``OrderData`` (CEB311, platform / e-commerce
enterprise), ``PaymentData`` (CEB411, payment company), ``WaybillData`` (CEB511, logistics
company) and ``InventoryData`` (CEB621, declarant). Values that customs compares between the
documents (order number, buyer, consignee, amounts, lines…) are held once per document, exactly as
each document carries them, so that ``compare()`` can check the set the way customs will (§6.2)
and ``parse.py`` can read received XML into the same classes. A shop normally passes the same
``Person``/``Consignee``/``GoodsLine`` objects to every document.

Field names are the XSD element names in snake_case (``acturalPaid`` → ``actual_paid``,
``gcode`` → ``g_code``). Amounts are ``decimal.Decimal`` in RMB yuan, never float; times are
timezone-aware datetimes (converted to Beijing time when written). ``None`` means "not sent":
optional elements are omitted, missing required ones raise ``MessageDataError`` when building.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

RMB = "142"  #: currency code, fixed in every import message (spec §2)
ID_CARD = "1"  #: buyerIdType / payerIdType, restricted to 1 = ID card (spec §2)
BONDED = "1210"  #: tradeMode bonded online-shopping import (spec §7.4, §9.1)
DIRECT = "9610"  #: tradeMode direct-purchase import (spec §7.4, §9.2)
TRADE_MODES = (BONDED, DIRECT)


@dataclass(frozen=True)
class Party:
    """An enterprise as customs knows it: registration code (C..18) and registered name."""

    code: str
    name: str


@dataclass(frozen=True)
class Transmitter:
    """The sender of a message, written into ``BaseTransfer`` (spec §1.3)."""

    cop_code: str  #: copCode: must match the access client / certificate identity
    cop_name: str  #: copName
    dxp_id: str  #: dxpId: the sender's DXP user id, e.g. DXPENT0000000001
    dxp_mode: str = "DXP"  #: dxpMode: DXP = China E-port data exchange platform
    note: str | None = None


@dataclass(frozen=True)
class Person:
    """Buyer (订购人) or payer (支付人) identity (spec §3.1, §3.2, §6.2 rules 8-9)."""

    name: str  #: real name
    id_number: str  #: ID-card number
    telephone: str | None = None  #: required for the buyer (order, inventory)
    id_type: str = ID_CARD  #: restricted to "1" (ID card)


@dataclass(frozen=True)
class Consignee:
    """Receiver of the parcel; order and waybill must agree (spec §6.2 rule 3)."""

    name: str
    telephone: str
    address: str
    district: str | None = None  #: consigneeDistrict, 6-digit GB/T 2260 code (order only)


@dataclass(frozen=True)
class GoodsLine:
    """One goods line: ``OrderList`` and ``InventoryList`` (spec §3.1, §3.5).

    The same ``gnum`` identifies the line in the order and the inventory (§6.2 rule 7).
    ``item_name`` is the filed Chinese name shown on the platform (order ``itemName``, inventory
    ``itemName``); ``g_name`` is the inventory ``gname`` (real goods name, defaults to
    ``item_name``). Inventory-only fields may stay ``None`` for an order read back from XML.
    """

    gnum: int
    item_name: str
    g_model: str  #: name, brand, spec, composition… for classification (C..510)
    qty: Decimal  #: quantity in the transaction unit
    unit: str  #: transaction unit code (§7.3), e.g. "142" bottle
    price: Decimal  #: unit price, RMB
    total_price: Decimal  #: price × qty
    country: str  #: country of origin (§7.1), e.g. "133" Korea
    item_no: str | None = None  #: SKU (≤20 to fit the inventory)
    g_code: str | None = None  #: 10-digit HS code (inventory gcode)
    g_name: str | None = None  #: inventory gname, defaults to item_name
    bar_code: str | None = None  #: inventory writes "无" when None (spec §3.5)
    item_describe: str | None = None  #: order itemDescribe
    qty1: Decimal | None = None  #: quantity in the legal first unit (inventory)
    unit1: str | None = None  #: legal first unit (inventory)
    qty2: Decimal | None = None  #: only when the HS code has a second legal unit
    unit2: str | None = None
    item_record_no: str | None = None  #: bonded account-book item number, 1210 only
    trade_country: str | None = None  #: inventory tradeCountry
    currency: str = RMB
    note: str | None = None

    @property
    def declared_name(self) -> str:
        """The inventory ``gname``."""
        return self.g_name or self.item_name


@dataclass(frozen=True)
class OrderData:
    """CEB311 ``OrderHead`` + ``OrderList`` (spec §3.1)."""

    order_no: str
    ebp: Party  #: e-commerce platform
    ebc: Party  #: e-commerce enterprise
    goods_value: Decimal  #: incl. the part paid by non-cash deductions
    freight: Decimal
    discount: Decimal  #: non-cash deductions (points, vouchers)
    tax_total: Decimal  #: tax pre-collected from the buyer
    actual_paid: Decimal  #: acturalPaid = goods_value + freight + tax_total − discount
    buyer_reg_no: str  #: buyer's account id on the platform
    buyer: Person
    consignee: Consignee
    lines: tuple[GoodsLine, ...]
    pay: Party | None = None  #: payCode/payName (optional in CEB311)
    pay_transaction_id: str | None = None
    batch_numbers: str | None = None
    currency: str = RMB
    note: str | None = None


@dataclass(frozen=True)
class PaymentData:
    """CEB411 ``PaymentHead`` (spec §3.2); normally sent by the payment company (§6.3)."""

    pay: Party  #: payment company
    pay_transaction_id: str
    order_no: str
    ebp: Party
    payer: Person
    amount_paid: Decimal  #: must equal the order's acturalPaid
    pay_time: datetime
    currency: str = RMB
    note: str | None = None


@dataclass(frozen=True)
class WaybillData:
    """CEB511 ``LogisticsHead`` (spec §3.3); sent by the logistics company."""

    logistics: Party
    logistics_no: str  #: parcel waybill number
    order_no: str
    consignee: Consignee
    weight: Decimal  #: gross weight, kg
    freight: Decimal = Decimal("0")
    insured_fee: Decimal = Decimal("0")
    pack_no: int = 1  #: restricted to 1 (spec §2)
    bill_no: str | None = None  #: 9610: master B/L / air waybill / road manifest
    goods_info: str | None = None
    currency: str = RMB
    note: str | None = None


@dataclass(frozen=True)
class InventoryData:
    """CEB621 ``InventoryHead`` + ``InventoryList`` (spec §3.5, differences 1210/9610 in §9.2).

    1210 (bonded) needs ``ems_no``, ``area`` and every line's ``item_record_no`` and has country
    ``142``; 9610 (direct) needs ``traf_no``, ``voyage_no`` and ``bill_no`` and has none of the
    bonded fields. ``declTime`` is the Beijing date of the set's ``app_time``.
    """

    order_no: str
    ebp: Party
    ebc: Party
    logistics: Party
    logistics_no: str
    cop_no: str  #: own document number, ≤20; receipts are keyed on it (spec §2)
    assure_code: str  #: company guaranteeing the tax
    customs_code: str  #: 4-digit customs district receiving the declaration
    port_code: str  #: 4-digit customs district of the port of entry
    buyer: Person
    consignee_address: str
    agent: Party  #: declarant (申报企业)
    trade_mode: str  #: "1210" or "9610"
    traf_mode: str  #: 1-char transport mode (§7.5)
    country: str  #: departure country; "142" for 1210
    freight: Decimal
    insured_fee: Decimal
    gross_weight: Decimal
    net_weight: Decimal
    lines: tuple[GoodsLine, ...]
    area: Party | None = None  #: in-zone warehouse company, 1210 only
    ems_no: str | None = None  #: bonded account book, 1210 only
    traf_no: str | None = None  #: 9610 only
    voyage_no: str | None = None  #: 9610 only
    bill_no: str | None = None  #: 9610 only
    loct_no: str | None = None
    license_no: str | None = None
    wrap_type: str | None = None
    ie_date: date | None = None
    pack_no: int = 1  #: restricted to 1 (spec §2)
    pre_no: str | None = None  #: from E-port, empty on first declaration
    invt_no: str | None = None  #: from customs; required to cancel (CEB623)
    currency: str = RMB
    note: str | None = None


@dataclass(frozen=True)
class DeclarationSet:
    """Everything needed to build the CEB311/411/511/621/623 messages of one order.

    ``payment`` and ``waybill`` may be ``None`` when another company sends them; ``sender`` fills
    ``BaseTransfer`` (a build function can override it, e.g. for the payment company).
    ``app_type`` 1 new / 2 modify / 3 delete; ``app_status`` 1 save only / 2 declare (spec §2).
    """

    app_time: datetime
    sender: Transmitter
    order: OrderData
    inventory: InventoryData
    payment: PaymentData | None = None
    waybill: WaybillData | None = None
    app_type: str = "1"
    app_status: str = "2"

    @property
    def trade_mode(self) -> str:
        return self.inventory.trade_mode


@dataclass(frozen=True)
class ReturnLine:
    """One returned item of a CEB625 return request (spec §3.8): the original inventory's
    ``gnum`` and how many of it come back (≤ the inventory quantity; partial returns allowed)."""

    gnum: int
    qty: Decimal
    note: str | None = None
