"""CEB import messages (integrations/customs/messages) against spec/customs/README.md and the
official 2022-05 XSDs and samples. Pure Python: no database."""

import base64
import dataclasses
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from integrations.customs.messages import (
    BONDED,
    CEB_NS,
    DIRECT,
    IMPORT_RECEIVER_ID,
    Consignee,
    DeclarationSet,
    GoodsLine,
    InventoryData,
    MessageDataError,
    MessageParseError,
    MismatchCode,
    OrderData,
    Party,
    PaymentData,
    Person,
    ReturnLine,
    SchemaInvalid,
    Transmitter,
    WaybillData,
    build_cancel,
    build_message,
    build_payment,
    build_return,
    compare,
    compare_documents,
    new_guid,
    parse_inventory,
    parse_order,
    parse_payment,
    parse_waybill,
    to_bytes,
    unwrap,
    validate,
    validate_envelope,
    wrap,
)

D = Decimal
NS = {"ceb": CEB_NS}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "customs"
GUID = "1B3F6A2C-9D4E-4F7A-8B1C-2D3E4F5A6B7C"
KINDS = ("CEB311", "CEB411", "CEB511", "CEB621", "CEB623", "CEB625")

# ---------------------------------------------------------------------------------------------
# realistic data: Korean cosmetics (origin 133) and a Japanese whisky (origin 116), mainland buyer

PLATFORM = Party("2101960001", "东北亚跨境购电子商务平台有限公司")
MERCHANT = Party("2101960002", "首尔美妆（大连）贸易有限公司")
ALIPAY = Party("31222699S7", "支付宝（中国）网络技术有限公司")
COURIER = Party("2102980012", "东北亚速运有限公司")
WAREHOUSE = Party("2102660005", "大连保税区东北亚供应链仓储有限公司")
BROKER = Party("2102180007", "东北亚报关服务有限公司")
BUYER = Person("王小明", "210102199003071233", "13812345678")
CONSIGNEE = Consignee("王小明", "13812345678", "辽宁省沈阳市和平区南京北街100号", "210102")
APP_TIME = datetime(2024, 5, 1, 2, 30, tzinfo=UTC)  # 10:30 in Beijing

# key: line fields, and the tax the shop pre-collected for the line (§8.2, not checked here)
CATALOGUE = {
    "cream": (
        dict(
            item_no="KR-SWS-CRM50",
            item_name="雪花秀滋阴生面霜",
            g_code="3304990099",
            g_model="雪花秀牌|面霜|50ml/瓶|保湿|非特殊用途",
            bar_code="8809535800012",
            country="133",
            qty=D("1"),
            unit="142",
            qty1=D("0.05"),
            unit1="035",
            price=D("680.00"),
            item_record_no="EMS-CRM-0001",
        ),
        D("156.80"),
    ),
    "lipstick": (
        dict(
            item_no="KR-HR-LIP03",
            item_name="后拱辰享水研唇膏",
            g_code="3304100091",
            g_model="后牌|唇膏|3.5g/支|色号03",
            bar_code="8801051234567",
            country="133",
            qty=D("2"),
            unit="012",
            qty1=D("0.007"),
            unit1="035",
            price=D("150.00"),
            item_record_no="EMS-LIP-0003",
        ),
        D("69.18"),
    ),
    "whisky": (
        dict(
            item_no="JP-YMZ-12-700",
            item_name="山崎12年单一麦芽威士忌",
            g_code="2208300000",
            g_model="山崎牌|单一麦芽威士忌|700ml/瓶|酒精度43%",
            bar_code="4901777254763",
            country="116",
            qty=D("1"),
            unit="142",
            qty1=D("0.7"),
            unit1="095",
            qty2=D("1.2"),
            unit2="035",
            price=D("899.00"),
            item_record_no="EMS-WSK-0012",
        ),
        D("160.82"),
    ),
}


def make_set(trade_mode=BONDED, items=("cream", "lipstick", "whisky"), app_time=APP_TIME):
    """A consistent declaration set: the same buyer, consignee and lines in every document."""
    lines = tuple(_line(gnum, key, trade_mode) for gnum, key in enumerate(items, start=1))
    goods_value = sum((line.total_price for line in lines), D("0"))
    tax_total = sum((CATALOGUE[key][1] for key in items), D("0"))
    freight, discount = (D("15.00"), D("30.00")) if trade_mode == BONDED else (D("45.00"), D("0"))
    actual_paid = goods_value + freight + tax_total - discount
    order_no = "NE20240501000123"
    logistics_no = "NE2024050100012345"
    order = OrderData(
        order_no=order_no,
        ebp=PLATFORM,
        ebc=MERCHANT,
        goods_value=goods_value,
        freight=freight,
        discount=discount,
        tax_total=tax_total,
        actual_paid=actual_paid,
        buyer_reg_no="user-10086",
        buyer=BUYER,
        consignee=CONSIGNEE,
        lines=lines,
        pay=ALIPAY,
        pay_transaction_id="2024050122001412345678901234",
    )
    payment = PaymentData(
        pay=ALIPAY,
        pay_transaction_id="2024050122001412345678901234",
        order_no=order_no,
        ebp=PLATFORM,
        payer=BUYER,
        amount_paid=actual_paid,
        pay_time=datetime(2024, 5, 1, 2, 25, 13, tzinfo=UTC),
    )
    bill_no = None if trade_mode == BONDED else "784-12345675"
    waybill = WaybillData(
        logistics=COURIER,
        logistics_no=logistics_no,
        order_no=order_no,
        consignee=CONSIGNEE,
        weight=D("1.85"),
        freight=D("12.00"),
        insured_fee=D("0"),
        bill_no=bill_no,
        goods_info="化妆品、威士忌",
    )
    inventory = InventoryData(
        order_no=order_no,
        ebp=PLATFORM,
        ebc=MERCHANT,
        logistics=COURIER,
        logistics_no=logistics_no,
        cop_no="INV20240501000123",
        assure_code=MERCHANT.code,
        customs_code="0900",
        port_code="0900" if trade_mode == BONDED else "0901",
        buyer=BUYER,
        consignee_address=CONSIGNEE.address,
        agent=BROKER,
        trade_mode=trade_mode,
        traf_mode="4" if trade_mode == BONDED else "5",
        country="142" if trade_mode == BONDED else "116",
        freight=D("12.00"),
        insured_fee=D("0"),
        gross_weight=D("1.85"),
        net_weight=D("1.6"),
        lines=lines,
        area=WAREHOUSE if trade_mode == BONDED else None,
        ems_no="T0900W000123" if trade_mode == BONDED else None,
        traf_no=None if trade_mode == BONDED else "NH5698",
        voyage_no=None if trade_mode == BONDED else "20240429",
        bill_no=bill_no,
        ie_date=None if trade_mode == BONDED else date(2024, 4, 29),
        invt_no="090020241000012345",
    )
    return DeclarationSet(
        app_time=app_time,
        sender=Transmitter(PLATFORM.code, PLATFORM.name, "DXPENT0000123456"),
        order=order,
        inventory=inventory,
        payment=payment,
        waybill=waybill,
    )


def _line(gnum, key, trade_mode):
    fields = dict(CATALOGUE[key][0])
    if trade_mode == DIRECT:
        fields["item_record_no"] = None
    fields["total_price"] = fields["price"] * fields["qty"]
    return GoodsLine(gnum=gnum, **fields)


def replace(obj, path, value):
    """``dataclasses.replace`` along a dotted path, e.g. ``payment.payer.id_number``."""
    head, _, rest = path.partition(".")
    return dataclasses.replace(
        obj, **{head: replace(getattr(obj, head), rest, value) if rest else value}
    )


def build(kind, data, **kw):
    if kind == "CEB623":
        kw.setdefault("reason", "消费者取消订单")
    if kind == "CEB625":
        kw.setdefault("reason", "商品与描述不符")
        first = data.inventory.lines[0]
        kw.setdefault("lines", (ReturnLine(gnum=first.gnum, qty=first.qty),))
    return build_message(kind, data, guid=GUID, **kw)


def tree(xml):
    return etree.fromstring(xml)


def text(xml, path):
    return tree(xml).findtext(path, namespaces=NS)


def texts(xml, path):
    return [e.text for e in tree(xml).iterfind(path, namespaces=NS)]


def children(xml, path):
    node = tree(xml).find(path, namespaces=NS)
    return [etree.QName(child).localname for child in node]


SETS = {
    "1210-multi": lambda: make_set(BONDED),
    "1210-single": lambda: make_set(BONDED, items=("cream",)),
    "9610-multi": lambda: make_set(DIRECT),
    "9610-single": lambda: make_set(DIRECT, items=("whisky",)),
}


# ---------------------------------------------------------------------------------------------
# XSD validation


@pytest.mark.parametrize("kind", KINDS)
def test_official_sample_validates(kind):
    # All official samples validate against the official XSD (checked for all 16; these are the
    # five kinds we build). CEB311Message.xml starts with a UTF-8 BOM, which must be accepted.
    validate((FIXTURES / f"{kind}Message.xml").read_bytes())


def test_broken_sample_reports_readable_errors():
    sample = (FIXTURES / "CEB311Message.xml").read_bytes()
    broken = sample.replace(b"<ceb:orderType>I</ceb:orderType>", b"", 1)
    with pytest.raises(SchemaInvalid) as caught:
        validate(broken)
    assert caught.value.errors
    assert caught.value.errors[0].startswith("line 11: ")
    assert "orderNo" in caught.value.errors[0]  # orderNo came where orderType was expected


def test_malformed_xml_is_schema_invalid():
    with pytest.raises(SchemaInvalid, match="not well-formed"):
        validate(b"<ceb:CEB311Message")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("variant", SETS)
def test_every_kind_validates(kind, variant):
    xml = build(kind, SETS[variant](), check=False)
    validate(xml, allow_unsigned=True)


@pytest.mark.parametrize("kind", ["CEB621", "CEB623", "CEB625"])
def test_unsigned_inventory_and_cancel_need_the_signature(kind):
    # Signature is mandatory in CEB621/623/625 (§1.5): unsigned only passes with allow_unsigned.
    xml = build(kind, make_set(), check=False)
    with pytest.raises(SchemaInvalid, match="Signature"):
        validate(xml)


def test_unsigned_order_is_valid_without_placeholder():
    validate(build("CEB311", make_set()))  # optional in CEB311 (§1.5)


# ---------------------------------------------------------------------------------------------
# envelope of a message: root, guid, declaration, BaseTransfer


@pytest.mark.parametrize(
    ("kind", "node"),
    [
        ("CEB311", "ceb:Order/ceb:OrderHead"),
        ("CEB411", "ceb:Payment/ceb:PaymentHead"),
        ("CEB511", "ceb:Logistics/ceb:LogisticsHead"),
        ("CEB621", "ceb:Inventory/ceb:InventoryHead"),
        ("CEB623", "ceb:InvtCancel"),
    ],
)
def test_root_guid_version_and_base_transfer(kind, node):
    xml = build(kind, make_set())
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<ceb:')
    root = tree(xml)
    assert root.tag == f"{{{CEB_NS}}}{kind}Message"
    assert root.get("guid") == GUID
    assert root.get("version") == "1.0"
    assert text(xml, f"{node}/ceb:guid") == GUID
    assert children(xml, ".")[-1] == "BaseTransfer"  # the signer appends ds:Signature after it
    assert children(xml, "ceb:BaseTransfer") == ["copCode", "copName", "dxpMode", "dxpId"]
    assert text(xml, "ceb:BaseTransfer/ceb:copCode") == PLATFORM.code
    assert text(xml, "ceb:BaseTransfer/ceb:dxpMode") == "DXP"
    assert text(xml, "ceb:BaseTransfer/ceb:dxpId") == "DXPENT0000123456"


def test_new_guid_is_upper_case_uuid():
    guid = new_guid()
    assert len(guid) == 36
    assert guid == guid.upper()
    assert uuid.UUID(guid)
    assert new_guid() != guid


def test_uuid_object_is_written_upper_case():
    value = uuid.UUID("1b3f6a2c-9d4e-4f7a-8b1c-2d3e4f5a6b7c")
    assert tree(build_message("CEB311", make_set(), guid=value)).get("guid") == GUID


@pytest.mark.parametrize("guid", [GUID.lower(), GUID[:-1], "not-a-guid", None])
def test_bad_guid_is_refused(guid):
    with pytest.raises(MessageDataError) as caught:
        build_message("CEB311", make_set(), guid=guid)
    assert caught.value.field == "guid"


def test_sender_can_be_overridden_for_the_payment_company():
    alipay = Transmitter(ALIPAY.code, ALIPAY.name, "DXPENT0000654321")
    root = build_payment(make_set(), guid=GUID, sender=alipay)
    assert root.findtext("ceb:BaseTransfer/ceb:copCode", namespaces=NS) == "31222699S7"
    assert root.findtext("ceb:BaseTransfer/ceb:dxpId", namespaces=NS) == "DXPENT0000654321"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="CEB513"):
        build_message("CEB513", make_set(), guid=GUID)


def test_package_does_not_import_django():
    code = (
        "import sys, integrations.customs.messages\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------------------------
# element order (spec §3 tables, XSD order)

ORDER_HEAD = [
    "guid", "appType", "appTime", "appStatus", "orderType", "orderNo", "ebpCode", "ebpName",
    "ebcCode", "ebcName", "goodsValue", "freight", "discount", "taxTotal", "acturalPaid",
    "currency", "buyerRegNo", "buyerName", "buyerTelephone", "buyerIdType", "buyerIdNumber",
    "payCode", "payName", "payTransactionId", "consignee", "consigneeTelephone",
    "consigneeAddress", "consigneeDistrict",
]  # fmt: skip
ORDER_LIST = [
    "gnum", "itemNo", "itemName", "gmodel", "barCode", "unit", "qty", "price", "totalPrice",
    "currency", "country",
]  # fmt: skip
PAYMENT_HEAD = [
    "guid", "appType", "appTime", "appStatus", "payCode", "payName", "payTransactionId",
    "orderNo", "ebpCode", "ebpName", "payerIdType", "payerIdNumber", "payerName", "telephone",
    "amountPaid", "currency", "payTime",
]  # fmt: skip
LOGISTICS_HEAD = [
    "guid", "appType", "appTime", "appStatus", "logisticsCode", "logisticsName", "logisticsNo",
    "orderNo", "freight", "insuredFee", "currency", "weight", "packNo", "goodsInfo", "consignee",
    "consigneeAddress", "consigneeTelephone",
]  # fmt: skip
INVENTORY_HEAD_START = [
    "guid", "appType", "appTime", "appStatus", "orderNo", "ebpCode", "ebpName", "ebcCode",
    "ebcName", "logisticsNo", "logisticsCode", "logisticsName", "copNo", "assureCode",
]  # fmt: skip
INVENTORY_HEAD_1210 = INVENTORY_HEAD_START + [
    "emsNo", "invtNo", "ieFlag", "declTime", "customsCode", "portCode", "buyerIdType",
    "buyerIdNumber", "buyerName", "buyerTelephone", "consigneeAddress", "agentCode", "agentName",
    "areaCode", "areaName", "tradeMode", "trafMode", "country", "freight", "insuredFee",
    "currency", "packNo", "grossWeight", "netWeight",
]  # fmt: skip
INVENTORY_HEAD_9610 = INVENTORY_HEAD_START + [
    "invtNo", "ieFlag", "declTime", "customsCode", "portCode", "ieDate", "buyerIdType",
    "buyerIdNumber", "buyerName", "buyerTelephone", "consigneeAddress", "agentCode", "agentName",
    "tradeMode", "trafMode", "trafNo", "voyageNo", "billNo", "country", "freight", "insuredFee",
    "currency", "packNo", "grossWeight", "netWeight",
]  # fmt: skip
INVENTORY_LIST_1210_WHISKY = [
    "gnum", "itemRecordNo", "itemNo", "itemName", "gcode", "gname", "gmodel", "barCode",
    "country", "currency", "qty", "unit", "qty1", "unit1", "qty2", "unit2", "price", "totalPrice",
]  # fmt: skip
CANCEL = [
    "guid", "appType", "appTime", "appStatus", "customsCode", "orderNo", "ebpCode", "ebpName",
    "ebcCode", "ebcName", "logisticsNo", "logisticsCode", "logisticsName", "copNo", "invtNo",
    "buyerIdType", "buyerIdNumber", "buyerName", "buyerTelephone", "agentCode", "agentName",
    "reason",
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "trade_mode", "path", "expected"),
    [
        ("CEB311", BONDED, "ceb:Order/ceb:OrderHead", ORDER_HEAD),
        ("CEB311", BONDED, "ceb:Order/ceb:OrderList", ORDER_LIST),
        ("CEB411", BONDED, "ceb:Payment/ceb:PaymentHead", PAYMENT_HEAD),
        ("CEB511", BONDED, "ceb:Logistics/ceb:LogisticsHead", LOGISTICS_HEAD),
        ("CEB621", BONDED, "ceb:Inventory/ceb:InventoryHead", INVENTORY_HEAD_1210),
        ("CEB621", DIRECT, "ceb:Inventory/ceb:InventoryHead", INVENTORY_HEAD_9610),
        ("CEB621", BONDED, "ceb:Inventory/ceb:InventoryList[3]", INVENTORY_LIST_1210_WHISKY),
        ("CEB623", BONDED, "ceb:InvtCancel", CANCEL),
    ],
)
def test_element_order_follows_the_spec_tables(kind, trade_mode, path, expected):
    assert children(build(kind, make_set(trade_mode)), path) == expected


def test_order_lines_keep_gnum_order():
    xml = build("CEB311", make_set())
    assert texts(xml, "ceb:Order/ceb:OrderList/ceb:gnum") == ["1", "2", "3"]
    assert texts(xml, "ceb:Order/ceb:OrderList/ceb:country") == ["133", "133", "116"]


# ---------------------------------------------------------------------------------------------
# values: amounts, fixed codes, times, 1210 vs 9610


def test_amounts_have_two_decimals_and_quantities_are_plain():
    data = make_set()
    order = build("CEB311", data)
    head = "ceb:Order/ceb:OrderHead/ceb:"
    assert text(order, head + "goodsValue") == "1879.00"
    assert text(order, head + "freight") == "15.00"
    assert text(order, head + "discount") == "30.00"
    assert text(order, head + "taxTotal") == "386.80"
    assert text(order, head + "acturalPaid") == "2250.80"
    assert texts(order, "ceb:Order/ceb:OrderList/ceb:price") == ["680.00", "150.00", "899.00"]
    assert texts(order, "ceb:Order/ceb:OrderList/ceb:totalPrice") == ["680.00", "300.00", "899.00"]
    assert texts(order, "ceb:Order/ceb:OrderList/ceb:qty") == ["1", "2", "1"]
    assert text(build("CEB411", data), "ceb:Payment/ceb:PaymentHead/ceb:amountPaid") == "2250.80"
    waybill = build("CEB511", data)
    assert text(waybill, "ceb:Logistics/ceb:LogisticsHead/ceb:insuredFee") == "0.00"
    assert text(waybill, "ceb:Logistics/ceb:LogisticsHead/ceb:weight") == "1.85"
    inventory = build("CEB621", data)
    assert texts(inventory, "ceb:Inventory/ceb:InventoryList/ceb:qty1") == ["0.05", "0.007", "0.7"]
    assert text(inventory, "ceb:Inventory/ceb:InventoryHead/ceb:netWeight") == "1.6"


def test_fixed_codes():
    data = make_set()
    order, payment = build("CEB311", data), build("CEB411", data)
    waybill, inventory = build("CEB511", data), build("CEB621", data)
    head = "ceb:Inventory/ceb:InventoryHead/ceb:"
    assert text(order, "ceb:Order/ceb:OrderHead/ceb:appType") == "1"
    assert text(order, "ceb:Order/ceb:OrderHead/ceb:appStatus") == "2"
    assert text(order, "ceb:Order/ceb:OrderHead/ceb:orderType") == "I"
    assert text(order, "ceb:Order/ceb:OrderHead/ceb:buyerIdType") == "1"
    assert text(payment, "ceb:Payment/ceb:PaymentHead/ceb:payerIdType") == "1"
    assert text(inventory, head + "buyerIdType") == "1"
    assert text(inventory, head + "ieFlag") == "I"
    assert text(inventory, head + "packNo") == "1"
    assert text(waybill, "ceb:Logistics/ceb:LogisticsHead/ceb:packNo") == "1"
    currencies = [
        *texts(order, ".//ceb:currency"),
        *texts(payment, ".//ceb:currency"),
        *texts(waybill, ".//ceb:currency"),
        *texts(inventory, ".//ceb:currency"),
    ]
    assert currencies == ["142"] * (1 + 3 + 1 + 1 + 1 + 3)


def test_inventory_1210_fields():
    xml = build("CEB621", make_set(BONDED))
    head = "ceb:Inventory/ceb:InventoryHead/ceb:"
    assert text(xml, head + "tradeMode") == "1210"
    assert text(xml, head + "emsNo") == "T0900W000123"
    assert text(xml, head + "areaCode") == WAREHOUSE.code
    assert text(xml, head + "areaName") == WAREHOUSE.name
    assert text(xml, head + "country") == "142"
    assert text(xml, head + "trafNo") is None
    assert texts(xml, "ceb:Inventory/ceb:InventoryList/ceb:itemRecordNo") == [
        "EMS-CRM-0001",
        "EMS-LIP-0003",
        "EMS-WSK-0012",
    ]


def test_inventory_9610_fields():
    xml = build("CEB621", make_set(DIRECT))
    head = "ceb:Inventory/ceb:InventoryHead/ceb:"
    assert text(xml, head + "tradeMode") == "9610"
    assert (text(xml, head + "trafNo"), text(xml, head + "voyageNo")) == ("NH5698", "20240429")
    assert text(xml, head + "billNo") == "784-12345675"
    assert text(xml, head + "country") == "116"
    assert text(xml, head + "ieDate") == "20240429"
    for absent in ("emsNo", "areaCode", "areaName"):
        assert text(xml, head + absent) is None
    assert texts(xml, "ceb:Inventory/ceb:InventoryList/ceb:itemRecordNo") == []


def test_inventory_gname_and_missing_bar_code():
    data = make_set(items=("cream",))
    line = dataclasses.replace(data.inventory.lines[0], bar_code=None, g_name="面霜")
    data = replace(data, "inventory.lines", (line,))
    xml = build("CEB621", data)
    assert text(xml, "ceb:Inventory/ceb:InventoryList/ceb:barCode") == "无"  # spec §3.5
    assert text(xml, "ceb:Inventory/ceb:InventoryList/ceb:gname") == "面霜"
    assert text(xml, "ceb:Inventory/ceb:InventoryList/ceb:itemName") == "雪花秀滋阴生面霜"


def test_times_are_beijing_time_whatever_the_input_zone():
    los_angeles = datetime(2024, 4, 30, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))  # 17:00Z
    data = replace(make_set(app_time=los_angeles), "payment.pay_time", los_angeles)
    order, inventory = build("CEB311", data), build("CEB621", data)
    assert text(order, "ceb:Order/ceb:OrderHead/ceb:appTime") == "20240501010000"
    assert text(build("CEB411", data), "ceb:Payment/ceb:PaymentHead/ceb:payTime") == (
        "20240501010000"
    )
    # declTime is the Beijing date, one day after the Los Angeles date
    assert text(inventory, "ceb:Inventory/ceb:InventoryHead/ceb:declTime") == "20240501"
    tokyo = datetime(2024, 5, 1, 11, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    order = build("CEB311", make_set(app_time=tokyo))
    assert text(order, "ceb:Order/ceb:OrderHead/ceb:appTime") == "20240501103000"


def test_cancel_message():
    data = replace(make_set(), "app_type", "2")
    later = datetime(2024, 5, 2, 1, 0, tzinfo=UTC)
    root = build_cancel(data, guid=GUID, reason="消费者取消订单", app_time=later)
    node = "ceb:InvtCancel/ceb:"
    assert root.findtext(node + "appType", namespaces=NS) == "1"  # only 1 allowed (§3.7)
    assert root.findtext(node + "appTime", namespaces=NS) == "20240502090000"
    assert root.findtext(node + "invtNo", namespaces=NS) == "090020241000012345"
    assert root.findtext(node + "reason", namespaces=NS) == "消费者取消订单"


def test_return_message_refers_to_the_original_inventory_and_its_lines():
    data = make_set()  # 3 lines
    later = datetime(2024, 5, 20, 2, 0, tzinfo=UTC)
    second = data.inventory.lines[1]
    lines = (ReturnLine(gnum=second.gnum, qty=Decimal("1"), note="破损"),)
    root = build_return(data, guid=GUID, reason="商品破损", lines=lines, app_time=later)
    head = "ceb:InvtRefund/ceb:InvtRefundHead/ceb:"
    assert root.findtext(head + "appType", namespaces=NS) == "1"
    assert root.findtext(head + "appTime", namespaces=NS) == "20240520100000"
    assert root.findtext(head + "invtNo", namespaces=NS) == data.inventory.invt_no
    assert root.findtext(head + "orderNo", namespaces=NS) == data.inventory.order_no
    assert root.findtext(head + "logisticsNo", namespaces=NS) == data.inventory.logistics_no
    assert root.findtext(head + "reason", namespaces=NS) == "商品破损"
    returned = root.findall("ceb:InvtRefund/ceb:InvtRefundList", namespaces=NS)
    assert len(returned) == 1  # only what comes back, not the whole inventory
    item = returned[0]
    assert item.findtext("ceb:gnum", namespaces=NS) == str(second.gnum)
    assert item.findtext("ceb:gcode", namespaces=NS) == second.g_code
    assert item.findtext("ceb:gname", namespaces=NS) == second.declared_name
    assert item.findtext("ceb:unit", namespaces=NS) == second.unit
    assert item.findtext("ceb:qty", namespaces=NS) == "1"
    assert [etree.QName(c).localname for c in item] == [
        "gnum",
        "gcode",
        "gname",
        "qty",
        "unit",
        "note",
    ]
    validate(to_bytes(root), allow_unsigned=True)


@pytest.mark.parametrize(
    ("lines", "field"),
    [
        ((), "InvtRefundList"),
        ((ReturnLine(gnum=9, qty=Decimal("1")),), "InvtRefundList[gnum=9].gnum"),
        ((ReturnLine(gnum=1, qty=Decimal("0")),), "InvtRefundList[gnum=1].qty"),
        ((ReturnLine(gnum=1, qty=Decimal("1000")),), "InvtRefundList[gnum=1].qty"),
        ((ReturnLine(1, Decimal("1")), ReturnLine(1, Decimal("1"))), "InvtRefundList"),
    ],
)
def test_a_return_of_goods_that_were_not_declared_is_refused(lines, field):
    with pytest.raises(MessageDataError) as caught:
        build_return(make_set(), guid=GUID, reason="退货", lines=lines)
    assert caught.value.field == field


# ---------------------------------------------------------------------------------------------
# MessageDataError


def _bad(path, value):
    return lambda data: replace(data, path, value)


def _bad_line(field, value, index=0):
    def apply(data):
        lines = list(data.inventory.lines)
        lines[index] = dataclasses.replace(lines[index], **{field: value})
        return replace(data, "inventory.lines", tuple(lines))

    return apply


@pytest.mark.parametrize(
    ("kind", "breakage", "field", "problem"),
    [
        ("CEB311", _bad("order.order_no", "N" * 61), "OrderHead.orderNo", "61 characters"),
        ("CEB311", _bad("order.consignee.address", "街" * 201), "OrderHead.consigneeAddress", "at most 200"),
        ("CEB311", _bad("order.consignee.district", "21010"), "OrderHead.consigneeDistrict", "exactly 6"),
        ("CEB311", _bad("order.buyer.telephone", None), "OrderHead.buyerTelephone", "required"),
        ("CEB311", _bad("order.buyer.id_type", "2"), "OrderHead.buyerIdType", "'1'"),
        ("CEB311", _bad("order.currency", "502"), "OrderHead.currency", "'142'"),
        ("CEB311", _bad("order.freight", 15.0), "OrderHead.freight", "decimal.Decimal"),
        ("CEB311", _bad("order.freight", D("15.005")), "OrderHead.freight", "more than 2 decimal"),
        ("CEB311", _bad("order.discount", D("-1.00")), "OrderHead.discount", "negative"),
        ("CEB311", _bad("order.lines", ()), "OrderList", "at least one"),
        ("CEB311", _bad("app_time", datetime(2024, 5, 1, 10, 30)), "OrderHead.appTime", "timezone-aware"),  # noqa: DTZ001
        ("CEB311", _bad("app_status", "3"), "OrderHead.appStatus", "'1' or '2'"),
        ("CEB311", _bad("sender.dxp_id", ""), "BaseTransfer.dxpId", "required"),
        ("CEB411", _bad("payment", None), "PaymentHead", "no payment"),
        ("CEB411", _bad("payment.payer.name", "名" * 61), "PaymentHead.payerName", "at most 60"),
        ("CEB511", _bad("waybill.pack_no", 2), "LogisticsHead.packNo", "1"),
        ("CEB511", _bad("waybill.weight", D("1.123456")), "LogisticsHead.weight", "5 decimal"),
        ("CEB621", _bad_line("item_no", "KR-SWS-CRM50-SET-0001"), "InventoryList[gnum=1].itemNo", "at most 20"),
        ("CEB621", _bad_line("g_code", "330499009"), "InventoryList[gnum=1].gcode", "exactly 10"),
        ("CEB621", _bad_line("g_code", "3304.99.00"), "InventoryList[gnum=1].gcode", "10 digits"),
        ("CEB621", _bad_line("unit1", None), "InventoryList[gnum=1].unit1", "required"),
        ("CEB621", _bad_line("unit2", None, index=2), "InventoryList[gnum=3].qty2", "together"),
        ("CEB621", _bad_line("item_record_no", None, 1), "InventoryList[gnum=2].itemRecordNo", "1210"),
        ("CEB621", _bad("inventory.ems_no", None), "InventoryHead.emsNo", "required for 1210"),
        ("CEB621", _bad("inventory.area", None), "InventoryHead.areaCode", "required for 1210"),
        ("CEB621", _bad("inventory.traf_no", "NH5698"), "InventoryHead.trafNo", "left out for 1210"),
        ("CEB621", _bad("inventory.country", "133"), "InventoryHead.country", "142"),
        ("CEB621", _bad("inventory.trade_mode", "1239"), "InventoryHead.tradeMode", "'1210' or '9610'"),
        ("CEB621", _bad("inventory.customs_code", "09000"), "InventoryHead.customsCode", "exactly 4"),
        ("CEB623", _bad("inventory.invt_no", None), "InvtCancel.invtNo", "required"),
    ],
)  # fmt: skip
def test_wrong_data_raises_message_data_error(kind, breakage, field, problem):
    with pytest.raises(MessageDataError) as caught:
        build(kind, breakage(make_set()))
    assert caught.value.field == field
    assert problem in caught.value.problem


@pytest.mark.parametrize(
    ("breakage", "field"),
    [
        (_bad("inventory.bill_no", None), "InventoryHead.billNo"),
        (_bad("inventory.ems_no", "T0900W000123"), "InventoryHead.emsNo"),
        (_bad_line("item_record_no", "EMS-WSK-0012"), "InventoryList[gnum=1].itemRecordNo"),
    ],
)
def test_9610_rules(breakage, field):
    with pytest.raises(MessageDataError) as caught:
        build("CEB621", breakage(make_set(DIRECT, items=("whisky",))))
    assert caught.value.field == field
    assert "9610" in caught.value.problem


def test_too_long_cancel_reason():
    with pytest.raises(MessageDataError, match=r"InvtCancel\.reason: is 1001 characters"):
        build("CEB623", make_set(), reason="因" * 1001)


# ---------------------------------------------------------------------------------------------
# reading back and the cross-document identities


@pytest.mark.parametrize("variant", SETS)
def test_parse_round_trip(variant):
    data = SETS[variant]()
    inventory_lines = tuple(  # gname is always written (defaults to the item name)
        dataclasses.replace(line, g_name=line.declared_name) for line in data.inventory.lines
    )
    inventory = dataclasses.replace(data.inventory, lines=inventory_lines)
    assert parse_inventory(build("CEB621", data)) == inventory
    assert parse_payment(build("CEB411", data)) == data.payment
    assert parse_waybill(build("CEB511", data)) == replace(  # CEB511 has no district
        data.waybill, "consignee.district", None
    )
    order = parse_order(build("CEB311", data))
    order_only = ("g_code", "qty1", "unit1", "qty2", "unit2", "item_record_no")
    expected_lines = tuple(
        dataclasses.replace(line, **dict.fromkeys(order_only)) for line in data.order.lines
    )
    assert order == dataclasses.replace(data.order, lines=expected_lines)


@pytest.mark.parametrize("variant", SETS)
def test_cross_document_identities_hold_in_the_xml(variant):
    data = SETS[variant]()
    order, payment = build("CEB311", data), build("CEB411", data)
    waybill, inventory = build("CEB511", data), build("CEB621", data)
    oh, ph = "ceb:Order/ceb:OrderHead/ceb:", "ceb:Payment/ceb:PaymentHead/ceb:"
    wh, ih = "ceb:Logistics/ceb:LogisticsHead/ceb:", "ceb:Inventory/ceb:InventoryHead/ceb:"

    def amount(xml, path):
        return D(text(xml, path))

    paid = amount(order, oh + "acturalPaid")
    assert paid == (
        amount(order, oh + "goodsValue")
        + amount(order, oh + "freight")
        + amount(order, oh + "taxTotal")
        - amount(order, oh + "discount")
    )
    assert paid == amount(payment, ph + "amountPaid")
    order_totals = [D(t) for t in texts(order, "ceb:Order/ceb:OrderList/ceb:totalPrice")]
    assert sum(order_totals) == amount(order, oh + "goodsValue")
    assert [text(x, p + "orderNo") for x, p in ((payment, ph), (waybill, wh), (inventory, ih))] == [
        text(order, oh + "orderNo")
    ] * 3
    assert text(waybill, wh + "logisticsNo") == text(inventory, ih + "logisticsNo")
    assert text(waybill, wh + "logisticsCode") == text(inventory, ih + "logisticsCode")
    assert (
        text(payment, ph + "ebpCode")
        == text(order, oh + "ebpCode")
        == text(inventory, ih + "ebpCode")
    )
    assert text(order, oh + "ebcCode") == text(inventory, ih + "ebcCode")
    for tag in ("Name", "IdNumber", "IdType"):
        assert text(order, oh + "buyer" + tag) == text(payment, ph + "payer" + tag)
        assert text(order, oh + "buyer" + tag) == text(inventory, ih + "buyer" + tag)
    for tag in ("consignee", "consigneeTelephone", "consigneeAddress"):
        assert text(order, oh + tag) == text(waybill, wh + tag)
    for tag in ("gnum", "itemNo", "qty", "unit", "price", "totalPrice", "country"):
        assert texts(order, f"ceb:Order/ceb:OrderList/ceb:{tag}") == texts(
            inventory, f"ceb:Inventory/ceb:InventoryList/ceb:{tag}"
        )
    assert texts(order, "ceb:Order/ceb:OrderList/ceb:itemName") == texts(
        inventory, "ceb:Inventory/ceb:InventoryList/ceb:gname"
    )
    assert compare_documents(order, payment, waybill, inventory) == []


@pytest.mark.parametrize("variant", SETS)
def test_consistent_set_has_no_mismatch(variant):
    assert compare(SETS[variant]()) == []


def _shift(path, delta):
    def apply(data):
        value = data
        for part in path.split("."):
            value = getattr(value, part)
        return replace(data, path, value + D(delta))

    return apply


def _inventory_lines(change):
    return lambda data: replace(data, "inventory.lines", change(data.inventory.lines))


def _order_and_inventory_lines(change):
    return lambda data: replace(
        _inventory_lines(change)(data), "order.lines", change(data.order.lines)
    )


def _with(index, **fields):
    def change(lines):
        lines = list(lines)
        lines[index] = dataclasses.replace(lines[index], **fields)
        return tuple(lines)

    return change


def _renumber(lines):
    return tuple(dataclasses.replace(line, gnum=2 * i + 1) for i, line in enumerate(lines))


C = MismatchCode
BREAKAGES = {
    "discount not in acturalPaid": (_shift("order.discount", "1.00"), {C.ACTUAL_PAID_FORMULA}),
    "payment amount": (_shift("payment.amount_paid", "0.01"), {C.PAID_AMOUNT}),
    "payment orderNo": (_bad("payment.order_no", "NE20240501000124"), {C.ORDER_NO}),
    "waybill orderNo": (_bad("waybill.order_no", "NE20240501000124"), {C.ORDER_NO}),
    "inventory orderNo": (_bad("inventory.order_no", "NE20240501000124"), {C.ORDER_NO}),
    "payment ebpCode": (_bad("payment.ebp", MERCHANT), {C.EBP_CODE}),
    "inventory ebpCode": (_bad("inventory.ebp", MERCHANT), {C.EBP_CODE}),
    "inventory ebcCode": (_bad("inventory.ebc", PLATFORM), {C.EBC_CODE}),
    "payTransactionId": (_bad("payment.pay_transaction_id", "2024050122001499999"), {C.PAYMENT_REFERENCE}),
    "payer id number": (_bad("payment.payer.id_number", "210102198811150023"), {C.BUYER}),
    "payer name": (_bad("payment.payer.name", "王大明"), {C.BUYER}),
    "inventory buyer phone": (_bad("inventory.buyer.telephone", "13900000000"), {C.BUYER}),
    "inventory buyer id": (_bad("inventory.buyer.id_number", "210102198811150023"), {C.BUYER}),
    "waybill consignee phone": (_bad("waybill.consignee.telephone", "13900000000"), {C.CONSIGNEE}),
    "waybill consignee name": (_bad("waybill.consignee.name", "李四"), {C.CONSIGNEE}),
    "inventory address": (_bad("inventory.consignee_address", "辽宁省大连市"), {C.CONSIGNEE}),
    "inventory logisticsNo": (_bad("inventory.logistics_no", "NE2024050100099999"), {C.LOGISTICS_NO}),
    "inventory logisticsCode": (_bad("inventory.logistics", BROKER), {C.LOGISTICS_CODE}),
    "inventory freight": (_shift("inventory.freight", "1.00"), {C.FREIGHT}),
    "inventory insuredFee": (_shift("inventory.insured_fee", "2.00"), {C.INSURED_FEE}),
    "inventory grossWeight": (_shift("inventory.gross_weight", "0.1"), {C.GROSS_WEIGHT}),
    "inventory item": (_inventory_lines(_with(1, item_no="KR-HR-LIP05")), {C.LINE_MISMATCH}),
    "inventory gname": (_inventory_lines(_with(0, g_name="面霜")), {C.LINE_MISMATCH}),
    "inventory origin": (_inventory_lines(_with(2, country="303")), {C.LINE_MISMATCH}),
    "inventory qty": (
        _inventory_lines(_with(1, qty=D("3"), total_price=D("450.00"))),
        {C.LINE_MISMATCH, C.INVENTORY_VALUE},
    ),
    "inventory line total": (
        _inventory_lines(_with(0, total_price=D("681.00"))),
        {C.LINE_TOTAL, C.LINE_MISMATCH, C.INVENTORY_VALUE},
    ),
    "inventory line missing": (
        _inventory_lines(lambda lines: lines[:-1]),
        {C.LINE_MISSING, C.INVENTORY_VALUE},
    ),
    "goodsValue vs lines": (
        lambda d: _shift("payment.amount_paid", "1")(
            _shift("order.actual_paid", "1")(_shift("order.goods_value", "1")(d))
        ),
        {C.GOODS_VALUE, C.INVENTORY_VALUE},
    ),
    "gnum gaps": (_order_and_inventory_lines(_renumber), {C.GNUM_SEQUENCE}),
}  # fmt: skip


@pytest.mark.parametrize("via", ["data", "xml"])
@pytest.mark.parametrize("name", BREAKAGES)
def test_compare_reports_each_kind_of_mismatch(name, via):
    breakage, expected = BREAKAGES[name]
    data = breakage(make_set())
    if via == "data":
        found = compare(data)
    else:
        xml = {kind: build(kind, data) for kind in ("CEB311", "CEB411", "CEB511", "CEB621")}
        found = compare_documents(xml["CEB311"], xml["CEB411"], xml["CEB511"], xml["CEB621"])
    assert {m.code for m in found} == expected
    assert all(m.field.startswith(("CEB311.", "CEB411.", "CEB511.", "CEB621.")) for m in found)


def test_bill_no_mismatch_9610():
    data = replace(make_set(DIRECT), "waybill.bill_no", "784-99999999")
    assert [(m.code, m.field) for m in compare(data)] == [(C.BILL_NO, "CEB621.billNo")]


def test_mismatch_message_names_values_and_masks_id_numbers():
    data = _shift("payment.amount_paid", "0.01")(make_set())
    data = replace(data, "payment.payer.id_number", "210102198811150023")
    by_field = {m.field: m for m in compare(data)}
    paid = by_field["CEB411.amountPaid"]
    assert paid.code == "paid_amount_mismatch"
    assert "2250.81" in paid.message
    assert "2250.80" in paid.message
    assert "CEB311.acturalPaid" in paid.message
    ident = by_field["CEB411.payerIdNumber"].message
    assert "2101**********0023" in ident
    assert "2101**********1233" in ident
    assert "198811" not in ident


def test_formula_message_shows_the_computation():
    [found] = compare(_shift("order.discount", "1.00")(make_set()))
    assert found.field == "CEB311.acturalPaid"
    assert "1879.00 + 15.00 + 386.80 - 31.00 = 2249.80" in found.message


def test_compare_documents_without_payment_and_waybill():
    data = make_set()
    data = replace(data, "inventory.buyer.name", "王大明")
    order, inventory = build("CEB311", data), build("CEB621", data)
    found = compare_documents(order, None, None, inventory)
    assert [(m.code, m.field) for m in found] == [(C.BUYER, "CEB621.buyerName")]


def test_compare_documents_wants_one_declaration_per_message():
    # The official samples carry several Order/Inventory nodes each (the XSD allows 100).
    order = (FIXTURES / "CEB311Message.xml").read_bytes()
    inventory = (FIXTURES / "CEB621Message.xml").read_bytes()
    with pytest.raises(MessageParseError, match="exactly one Order, found 6"):
        compare_documents(order, None, None, inventory)


# ---------------------------------------------------------------------------------------------
# DXP terminal-node envelope


def test_envelope_round_trip_and_validation():
    inner = build("CEB311", make_set())
    created = datetime(2024, 5, 1, 2, 30, 5, tzinfo=UTC)
    envelope = wrap(
        inner,
        message_type="CEB311Message",
        sender_id="DXPENT0000123456",
        receiver_id=IMPORT_RECEIVER_ID,
        message_id="NE-311-20240501-000123",
        created=created,
        file_name="CEB311_NE20240501000123.xml",
    )
    validate_envelope(envelope)
    root = etree.fromstring(envelope)
    dxp = {"dxp": "http://www.chinaport.gov.cn/dxp"}
    assert root.get("ver") == "1.0"
    assert root.findtext("dxp:TransInfo/dxp:CreatTime", namespaces=dxp) == "2024-05-01T10:30:05"
    assert base64.b64decode(root.findtext("dxp:Data", namespaces=dxp)) == inner
    meta, payload = unwrap(envelope)
    assert payload == inner
    assert meta.message_id == "NE-311-20240501-000123"
    assert meta.sender_id == "DXPENT0000123456"
    assert meta.receiver_ids == ("DXPEDCCEB0000002",)
    assert meta.message_type == "CEB311Message"
    assert meta.created == created
    assert meta.created.utcoffset().total_seconds() == 8 * 3600
    assert meta.file_name == "CEB311_NE20240501000123.xml"


def test_envelope_refuses_wrong_header_values():
    inner = build("CEB621", make_set(), check=False)
    args = dict(sender_id="DXPENT0000123456", receiver_id="DXPEDCCEB0000002", message_id="m-1")
    with pytest.raises(MessageDataError) as caught:
        wrap(inner, message_type="CEB311Message", **args)
    assert caught.value.field == "TransInfo.MsgType"
    with pytest.raises(MessageDataError) as caught:
        wrap(inner, message_type="CEB621Message", **(args | {"sender_id": "DXPENT00001234567"}))
    assert caught.value.field == "TransInfo.SenderId"
    with pytest.raises(MessageDataError) as caught:
        wrap(inner, message_type="CEB621Message", **(args | {"receiver_id": ["R"] * 6}))
    assert caught.value.field == "TransInfo.ReceiverIds"


def test_unwrap_validates_the_envelope():
    inner = build("CEB311", make_set())
    envelope = wrap(
        inner, message_type="CEB311Message", sender_id="S", receiver_id="R", message_id="m-2"
    )
    broken = envelope.replace(b"<dxp:MsgType>", b"<dxp:MsgTyp>").replace(
        b"</dxp:MsgType>", b"</dxp:MsgTyp>"
    )
    with pytest.raises(SchemaInvalid, match="MsgTyp"):
        unwrap(broken)
