"""Customs receipts (回执): safe parser, outcome mapping, simulator builder (spec §5, §1.6)."""

import base64
import random
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from integrations.customs.receipts import (
    CUSTOMS_TZ,
    RECEIPT_KINDS,
    Outcome,
    Receipt,
    ReceiptRejected,
    TaxBill,
    TaxLine,
    build_dxp_envelope,
    build_receipt,
    error_reason,
    outcome,
    outcome_for,
    parse_customs_time,
    parse_receipt,
    status_text,
)
from integrations.customs.receipts import parse as parse_module

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "customs"
XSD_DIR = ROOT / "integrations" / "customs" / "xsd"
CEB_NS = "http://www.chinaport.gov.cn/ceb"
DXP_NS = "http://www.chinaport.gov.cn/dxp"


@pytest.fixture(scope="module")
def ceb_schema():
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "ceb-import-202205.xsd")))


@pytest.fixture(scope="module")
def dxp_schema():
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "dxp-terminal-node-202205.xsd")))


def sample(kind: str) -> bytes:
    return (FIXTURES / f"{kind}Message.xml").read_bytes()


def at(*args) -> datetime:
    return datetime(*args, tzinfo=CUSTOMS_TZ)


# --------------------------------------------------------------------------------------------
# Official samples

OFFICIAL = {
    "CEB312": dict(
        status="2",
        time=at(2016, 4, 28, 18, 22, 38),
        info="新增申报成功[4CDE1CFD-EDED-46B1-946C-B8022E42FC94]",
        guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        message_guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        keys=dict(ebp_code="1105910159", ebc_code="1105910159", order_no="order20160321116420545"),
        outcome=Outcome.SENT_TO_CUSTOMS,
    ),
    "CEB412": dict(
        status="120",
        time=at(2016, 3, 11, 21, 3, 0),
        info="a",
        guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        message_guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        keys=dict(pay_code="1105910159", pay_transaction_id="P0321000433"),
        outcome=Outcome.ACCEPTED,
    ),
    "CEB512": dict(
        status="2",
        time=at(2016, 5, 6, 15, 22, 50),
        info="新增申报成功[4CDE1CFD-EDED-46B1-946C-B8022E42FC96]",
        guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC96",  # entry guid differs from the root guid
        message_guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        keys=dict(logistics_code="1105910159", logistics_no="L20160321114400001"),
        outcome=Outcome.SENT_TO_CUSTOMS,
    ),
    "CEB514": dict(
        status="18",
        time=at(2016, 3, 21, 15, 28, 1, 223000),
        info="test",
        guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        message_guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        keys=dict(
            logistics_code="1105910158", logistics_no="L20160384156465231", logistics_status="S"
        ),
        outcome=Outcome.UNKNOWN,
    ),
    "CEB622": dict(
        status="1",
        time=at(2016, 5, 12, 10, 26, 46, 1000),
        info="暂存",
        guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        message_guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        keys=dict(
            customs_code="1501",
            ebp_code="1105910159",
            ebc_code="1105910159",
            agent_code="1105980159",
            cop_no="cop2016032211000",
            pre_no="B20160512000001882",
            invt_no=None,
        ),
        outcome=Outcome.SAVED,
    ),
    "CEB624": dict(
        status="23",
        time=at(2016, 3, 30, 18, 48, 2, 222000),
        info="test",
        guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        message_guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        keys=dict(
            customs_code="0102",
            agent_code="1105910158",
            ebp_code="1105910158",
            ebc_code="1105910158",
            cop_no="cop2016032210052",  # the sample has a trailing TAB inside copNo
            pre_no="B20160321000000152",
            invt_no="150032133004000520",
        ),
        outcome=Outcome.UNKNOWN,
    ),
    "CEB626": dict(
        status="18",
        time=at(2016, 3, 15, 21, 32, 32, 556000),
        info="test",
        guid="5923DGGB-9940-415B-B666-C09BOO7F40B2",
        message_guid="fdb972e5-ea84-4351-b981-2a263d129fdA",
        keys=dict(
            customs_code="0102",
            agent_code="1105910158",
            ebp_code="1105910158",
            ebc_code="1105910158",
            cop_no="cop201604270088",
            pre_no="T20160506000000281",
            invt_no="150032133004001110",
        ),
        outcome=Outcome.UNKNOWN,
    ),
    "CEB712": dict(
        status="18",
        time=at(2016, 3, 23, 14, 51, 1, 111000),
        info="test",
        guid="5923DGGB-9940-415B-B666-C09BOO7F40B2",
        message_guid="5923DGGB-9940-415B-B666-C09BOO7F40B2",
        keys=dict(
            customs_code="0102",
            operator_code="1105910158",
            cop_no="cop0160308021",
            pre_no="R20160401000000007",
            rkd_no="010220160308000008",
        ),
        outcome=Outcome.UNKNOWN,
    ),
}


def test_every_official_receipt_sample_is_covered():
    receipt_samples = {
        path.name.removesuffix("Message.xml")
        for path in FIXTURES.glob("CEB*Message.xml")
        if path.name.removesuffix("Message.xml") in RECEIPT_KINDS
    }
    assert receipt_samples == set(OFFICIAL)


@pytest.mark.parametrize("kind", sorted(OFFICIAL))
def test_official_sample_parses(kind):
    expected = OFFICIAL[kind]
    receipts = parse_receipt(sample(kind))
    assert len(receipts) == 10  # every official sample repeats its entry ten times
    for receipt in receipts:
        assert receipt.kind == kind
        assert receipt.guid == expected["guid"]
        assert receipt.message_guid == expected["message_guid"]
        assert receipt.return_status == expected["status"]
        assert receipt.return_time == expected["time"]
        assert receipt.return_time.utcoffset().total_seconds() == 8 * 3600
        assert receipt.return_info == expected["info"]
        for attr, value in expected["keys"].items():
            assert getattr(receipt, attr) == value, attr
        assert receipt.tax_bill is None
        assert outcome(receipt) is expected["outcome"]


def test_official_sample_keys_not_in_that_receipt_stay_none():
    receipt = parse_receipt(sample("CEB412"))[0]
    assert receipt.order_no is None
    assert receipt.ebp_code is None
    assert receipt.cop_no is None


@pytest.mark.parametrize("kind", ["CEB311", "CEB411", "CEB511", "CEB513", "CEB621", "CEB623"])
def test_official_declarations_are_not_receipts(kind):
    with pytest.raises(ReceiptRejected, match="declaration, not a receipt"):
        parse_receipt(sample(kind))


def test_prefixed_namespace_and_bom_are_accepted():
    data = (
        "\ufeff<?xml version='1.0' encoding='utf-8'?>"
        f'<ceb:CEB312Message xmlns:ceb="{CEB_NS}" guid="{"A" * 36}" version="1.0">'
        "<ceb:OrderReturn><ceb:guid>" + "B" * 36 + "</ceb:guid>"
        "<ceb:ebpCode>P1</ceb:ebpCode><ceb:ebcCode>E1</ceb:ebcCode>"
        "<ceb:orderNo>SO1</ceb:orderNo><ceb:returnStatus>-301010</ceb:returnStatus>"
        "<ceb:returnTime>20240501103000123</ceb:returnTime>"
        "<ceb:returnInfo>已存在相同编号的订单</ceb:returnInfo>"
        "<ceb:extraFromNewerSpec>ignored</ceb:extraFromNewerSpec>"
        "</ceb:OrderReturn></ceb:CEB312Message>"
    ).encode()
    (receipt,) = parse_receipt(data)
    assert (receipt.ebp_code, receipt.order_no, receipt.guid) == ("P1", "SO1", "B" * 36)
    assert receipt.return_time == at(2024, 5, 1, 10, 30, 0, 123000)
    assert outcome(receipt) is Outcome.REFUSED
    assert error_reason(receipt.return_status) == "已存在相同编号的订单"
    assert receipt.correlation_key == ("P1", "SO1")


# --------------------------------------------------------------------------------------------
# Builder (simulator) — XSD-valid and round-trips

WHEN = at(2024, 5, 1, 11, 30, 1, 123000)
BILL = TaxBill(
    tax_no="TAX20240501000001",
    customs_tax=Decimal("0"),
    value_added_tax=Decimal("101.11"),
    consumption_tax=Decimal("77.78"),
    lines=(
        TaxLine(
            gnum=1,
            gcode="2204210000",
            tax_price=Decimal("1000.00"),
            customs_tax=Decimal("0"),
            value_added_tax=Decimal("101.11"),
            consumption_tax=Decimal("77.78"),
        ),
    ),
)
BUILD = {
    "CEB312": dict(
        return_status="120",
        return_info="海关入库",
        ebp_code="PLATFORM10",
        ebc_code="ENTERPR010",
        order_no="SO20240501001",
    ),
    "CEB412": dict(
        return_status="399",
        return_info="审结",
        pay_code="31222699S7",
        pay_transaction_id="2024050122001",
    ),
    "CEB512": dict(
        return_status="100",
        return_info="退单：收货人不一致",
        logistics_code="LOGI000001",
        logistics_no="SF1234567890",
    ),
    "CEB514": dict(
        return_status="2",
        return_info="申报中",
        logistics_code="LOGI000001",
        logistics_no="SF1234567890",
        logistics_status="S",
    ),
    "CEB622": dict(
        return_status="800",
        return_info="放行",
        customs_code="0213",
        ebp_code="PLATFORM10",
        ebc_code="ENTERPR010",
        agent_code="AGENT00001",
        cop_no="INV20240501001",
        pre_no="B20240501000000001",
        invt_no="021320241000000001",
    ),
    "CEB624": dict(
        return_status="399",
        return_info="撤销审结",
        customs_code="0213",
        agent_code="AGENT00001",
        cop_no="CAN20240501001",
        pre_no="B20240502000000002",
        invt_no="021320241000000001",
    ),
    "CEB626": dict(
        return_status="-625014",
        return_info="退货申请单金额超过单笔限额",
        cop_no="REF20240501001",
        pre_no="T20240503000000003",
    ),
    "CEB712": dict(
        return_status="120",
        return_info="入库",
        operator_code="SITE000001",
        copNo="DLV20240501001",  # XML names are accepted too
    ),
    "CEB816": dict(
        return_status="1",
        return_info="电子税单已生成",
        invt_no="021320241000000001",
        tax_bill=BILL,
        assure_code="ENTERPR010",
        customs_code="0213",
    ),
    "CEB818": dict(
        return_status="3",
        return_info="",
        invt_no="021320241000000001",
        tax_no="TAX20240501000001",
        assure_code="ENTERPR010",
    ),
    "CEB900": dict(
        return_status="-1",
        return_info="报文格式校验失败：cvc-complex-type.2.4.a",
        ori_cop_msg_id="OUT-7F3A",
        ori_message_type="CEB311Message",
        ori_biz_message='<?xml version="1.0"?><ceb:CEB311Message guid="x"/>',
    ),
}
ENTRY_GUID = "0B6C1A4E-8C3D-4F2A-9E71-5D2B3C4A1F00"
ROOT_GUID = "9A1D2E3F-4B5C-4D6E-8F70-112233445566"


def build(kind: str, **overrides) -> bytes:
    kwargs = {**BUILD[kind], **overrides}
    return build_receipt(kind, guid=ENTRY_GUID, message_guid=ROOT_GUID, return_time=WHEN, **kwargs)


def test_builder_covers_every_receipt_kind():
    assert set(BUILD) == set(RECEIPT_KINDS)


@pytest.mark.parametrize("kind", RECEIPT_KINDS)
def test_built_receipt_validates_against_official_xsd(kind, ceb_schema):
    document = etree.fromstring(build(kind, validate=False))
    assert etree.QName(document).localname == f"{kind}Message"
    assert ceb_schema.validate(document), ceb_schema.error_log


@pytest.mark.parametrize("kind", RECEIPT_KINDS)
def test_built_receipt_round_trips(kind):
    (receipt,) = parse_receipt(build(kind))
    given = BUILD[kind]
    assert receipt.kind == kind
    assert receipt.guid == ENTRY_GUID
    assert receipt.message_guid == ROOT_GUID
    assert receipt.return_status == given["return_status"]
    assert receipt.return_info == given["return_info"]
    assert receipt.return_time == WHEN
    for name, value in given.items():
        if name in ("return_status", "return_info", "tax_bill"):
            continue
        attr = {"copNo": "cop_no"}.get(name, name)
        assert getattr(receipt, attr) == value, name
    if kind == "CEB816":
        assert receipt.tax_bill == BILL
        assert receipt.tax_no == BILL.tax_no
        assert receipt.tax_bill.total == Decimal("178.89")
        assert isinstance(receipt.tax_bill.lines[0].value_added_tax, Decimal)
    else:
        assert receipt.tax_bill is None


def test_built_receipt_looks_like_customs_output():
    data = build("CEB622")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = etree.fromstring(data)
    assert root.nsmap == {None: CEB_NS}  # default namespace, as the official receipts
    assert root.get("guid") == ROOT_GUID
    assert root.get("version") == "1.0"
    assert b"<returnTime>20240501113001123</returnTime>" in data


def test_builder_writes_beijing_time_from_any_timezone():
    data = build_receipt(
        "CEB312",
        guid=ENTRY_GUID,
        return_status="2",
        return_info="申报中",
        return_time=datetime(2024, 5, 1, 2, 30, 1, 5000, tzinfo=UTC),
        ebp_code="P",
        ebc_code="E",
        order_no="O",
    )
    assert b"<returnTime>20240501103001005</returnTime>" in data
    assert parse_receipt(data)[0].return_time == at(2024, 5, 1, 10, 30, 1, 5000)


def test_builder_amounts_are_written_as_decimals_with_at_most_five_places():
    bill = TaxBill(
        "T1",
        Decimal("0"),
        Decimal("28.21"),
        Decimal("0.12345"),
        (TaxLine(1, "3304990099", Decimal("310"), Decimal(0), Decimal("28.21"), Decimal(0)),),
    )
    data = build("CEB816", tax_bill=bill)
    assert b"<customsTax>0.00</customsTax>" in data
    assert b"<consumptionTax>0.12345</consumptionTax>" in data
    assert b"<taxPrice>310.00</taxPrice>" in data
    with pytest.raises(ValueError, match="5 decimal"):
        build(
            "CEB816",
            tax_bill=TaxBill("T1", Decimal("0.123456"), Decimal(0), Decimal(0), BILL.lines),
        )
    with pytest.raises(ValueError, match="Decimal"):
        build("CEB816", tax_bill=TaxBill("T1", 0.1, Decimal(0), Decimal(0), BILL.lines))


@pytest.mark.parametrize(
    ("kind", "overrides", "error"),
    [
        ("CEB312", {"order_no": None}, ValueError),  # mandatory key missing
        ("CEB622", {"pre_no": ""}, ValueError),
        ("CEB312", {"return_status": ""}, ValueError),
        ("CEB312", {"return_info": ""}, ValueError),  # returnInfo is C1..1000
        ("CEB312", {"surprise": "x"}, TypeError),  # unknown key
        ("CEB312", {"cop_no": "x"}, TypeError),  # key of another receipt kind
        ("CEB622", {"pre_no": "TOO-SHORT"}, ValueError),  # XSD: preNo is exactly 18
        ("CEB816", {"tax_bill": None}, ValueError),
        ("CEB816", {"tax_bill": TaxBill("T", Decimal(0), Decimal(0), Decimal(0))}, ValueError),
        ("CEB818", {"return_info": "text has no place in CEB818"}, ValueError),
    ],
)
def test_builder_refuses_what_customs_would_not_send(kind, overrides, error):
    with pytest.raises(error):
        build(kind, **overrides)


def test_builder_refuses_naive_time_and_unknown_kind():
    with pytest.raises(ValueError, match="timezone-aware"):
        build_receipt(
            "CEB312",
            guid=ENTRY_GUID,
            return_status="2",
            return_info="x",
            return_time=datetime(2024, 5, 1),  # noqa: DTZ001 - the point of the test
            ebp_code="P",
            ebc_code="E",
            order_no="O",
        )
    with pytest.raises(ValueError, match="unknown receipt kind"):
        build_receipt(
            "CEB311", guid=ENTRY_GUID, return_status="2", return_info="x", return_time=WHEN
        )


def test_ceb900_keeps_the_original_message_text():
    original = '<ceb:CEB311Message guid="x">a ]]> b</ceb:CEB311Message>'  # cannot be CDATA
    (receipt,) = parse_receipt(build("CEB900", ori_biz_message=original))
    assert receipt.ori_biz_message == original
    (receipt,) = parse_receipt(build("CEB900"))
    assert receipt.ori_biz_message == BUILD["CEB900"]["ori_biz_message"]
    assert receipt.correlation_key == ("OUT-7F3A",)
    assert outcome(receipt) is Outcome.REFUSED


# --------------------------------------------------------------------------------------------
# Outcome mapping (spec §5.2), error codes (§5.4)


@pytest.mark.parametrize(
    ("kind", "status", "expected"),
    [
        ("CEB312", "2", Outcome.SENT_TO_CUSTOMS),
        ("CEB312", "3", Outcome.SENT_TO_CUSTOMS),
        ("CEB312", "4", Outcome.SEND_FAILED),
        ("CEB312", "120", Outcome.ACCEPTED),
        ("CEB312", "399", Outcome.ACCEPTED),
        ("CEB312", "100", Outcome.REFUSED),
        ("CEB312", "-301010", Outcome.REFUSED),
        ("CEB312", "800", Outcome.UNKNOWN),  # 800 is an inventory status only
        ("CEB312", "1", Outcome.UNKNOWN),  # 1 暂存 is not defined for orders
        ("CEB412", "120", Outcome.ACCEPTED),
        ("CEB412", "-401007", Outcome.REFUSED),
        ("CEB512", "120", Outcome.ACCEPTED),
        ("CEB514", "399", Outcome.ACCEPTED),
        ("CEB514", "18", Outcome.UNKNOWN),
        ("CEB622", "1", Outcome.SAVED),
        ("CEB622", "2", Outcome.SENT_TO_CUSTOMS),
        ("CEB622", "120", Outcome.UNDER_REVIEW),
        ("CEB622", "300", Outcome.UNDER_REVIEW),
        ("CEB622", "399", Outcome.UNDER_REVIEW),
        ("CEB622", "500", Outcome.UNDER_REVIEW),
        ("CEB622", "501", Outcome.DETAINED),
        ("CEB622", "599", Outcome.DETAINED),
        ("CEB622", "700", Outcome.REFUSED),
        ("CEB622", "800", Outcome.RELEASED),
        ("CEB622", "899", Outcome.RELEASED),
        ("CEB622", "100", Outcome.REFUSED),
        ("CEB622", "-621005", Outcome.REFUSED),
        ("CEB622", "-621018", Outcome.REFUSED),
        ("CEB622", "42", Outcome.UNKNOWN),
        ("CEB624", "120", Outcome.UNDER_REVIEW),
        ("CEB624", "399", Outcome.CANCELLED),
        ("CEB624", "100", Outcome.REFUSED),
        ("CEB624", "23", Outcome.UNKNOWN),
        ("CEB626", "1", Outcome.SAVED),
        ("CEB626", "399", Outcome.ACCEPTED),
        ("CEB626", "-625015", Outcome.REFUSED),
        ("CEB712", "120", Outcome.ACCEPTED),
        ("CEB816", "1", Outcome.INFO),
        ("CEB816", "2", Outcome.INFO),
        ("CEB816", "3", Outcome.CANCELLED),
        ("CEB816", "-1", Outcome.UNKNOWN),
        ("CEB818", "3", Outcome.CANCELLED),
        ("CEB900", "-1", Outcome.REFUSED),
        ("CEB900", "0", Outcome.INFO),
        ("CEB999", "800", Outcome.UNKNOWN),
    ],
)
def test_outcome_mapping(kind, status, expected):
    assert outcome_for(kind, status) is expected
    receipt = Receipt(
        kind=kind,
        guid="G",
        message_guid="G",
        return_status=status,
        return_time=WHEN,
        return_info="",
    )
    assert outcome(receipt) is expected


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("-301010", "已存在相同编号的订单"),
        (-301011, "该订单已向海关申报清单，状态不符"),
        (" -621005 ", "清单[*]的购买金额超过单笔限额[[*]]"),
        ("-621018", "清单[*]中购买人[*]已用购买额度为[*]，本次购买将超过年度限额[*]"),
        ("-623005", "清单的状态不符合撤单申报要求(清单编号[*])！"),
        ("-625014", "退货申请单[*]金额超过单笔限额"),
        ("-800003", "入库明细单报已存在"),
        ("-999999", None),
        ("120", None),
        ("800", None),
        ("abc", None),
        ("", None),
        (None, None),
    ],
)
def test_error_reason(code, text):
    assert error_reason(code) == text


def test_status_text():
    assert status_text("CEB622", "800") == "放行"
    assert status_text("CEB622Message", "501") == "扣留移送通关"
    assert status_text("CEB312", "-301010") == "已存在相同编号的订单"
    assert status_text("CEB312", "-1") == "处理异常"
    assert status_text("CEB816", "3") == "作废"
    assert status_text("CEB312", "800") is None
    assert status_text("CEB514", "18") is None


def test_parse_customs_time():
    assert parse_customs_time("20240501103000123") == at(2024, 5, 1, 10, 30, 0, 123000)
    assert parse_customs_time("20240501103000") == at(2024, 5, 1, 10, 30, 0)
    assert parse_customs_time("2024-05-01 10:30:00.5") == at(2024, 5, 1, 10, 30, 0, 500000)
    for bad in (
        "20241301103000123",
        "2024050110300012",
        "yesterday",
        "２０２４０５０１１０３０００",
    ):
        with pytest.raises(ValueError, match="not a customs time"):
            parse_customs_time(bad)


# --------------------------------------------------------------------------------------------
# Hostile and broken input

PASSWD = Path("/etc/passwd")
RECEIPT_BODY = (
    f'<CEB312Message xmlns="{CEB_NS}" guid="{"A" * 36}" version="1.0"><OrderReturn>'
    f"<guid>{'B' * 36}</guid><ebpCode>P</ebpCode><ebcCode>E</ebcCode><orderNo>O</orderNo>"
    "<returnStatus>2</returnStatus><returnTime>20240501103000123</returnTime>"
    "<returnInfo>{info}</returnInfo></OrderReturn></CEB312Message>"
)
XXE = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<!DOCTYPE CEB312Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    + RECEIPT_BODY.replace("{info}", "&xxe;")
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
    + RECEIPT_BODY.replace("{info}", "&lol9;")
)


def assert_no_passwd_leak(text: str) -> None:
    assert "root:" not in text
    if PASSWD.exists():
        first_line = PASSWD.read_text(errors="replace").splitlines()[0]
        assert first_line not in text


def rejected(data, **kwargs) -> str:
    with pytest.raises(ReceiptRejected) as info:
        parse_receipt(data, **kwargs)
    reason = info.value.reason
    assert reason
    assert "\n" not in reason
    assert "Traceback" not in reason
    return reason


def test_the_hostile_body_is_otherwise_a_valid_receipt():
    # Guards the tests below: they fail for the DOCTYPE, not for a broken body.
    (receipt,) = parse_receipt(RECEIPT_BODY.replace("{info}", "ok").encode())
    assert receipt.order_no == "O"


@pytest.mark.parametrize(
    "document",
    [
        XXE,
        '<!DOCTYPE CEB312Message SYSTEM "file:///etc/passwd">'
        + RECEIPT_BODY.replace("{info}", "x"),
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
        + RECEIPT_BODY.replace("{info}", "x"),
        "<!-- a comment first --><?pi x?>\n" + XXE.split("?>", 1)[1],
    ],
    ids=["general-entity", "external-dtd", "parameter-entity", "after-comment-and-pi"],
)
def test_xxe_is_rejected_and_nothing_leaks(document):
    reason = rejected(document.encode())
    assert "DOCTYPE" in reason
    assert_no_passwd_leak(reason)


def test_xxe_in_another_encoding_is_rejected():
    reason = rejected(XXE.replace("UTF-8", "UTF-16").encode("utf-16"))
    assert_no_passwd_leak(reason)


def test_xxe_inside_the_dxp_envelope_is_rejected():
    reason = rejected(build_dxp_envelope_raw(XXE.encode()))
    assert "DOCTYPE" in reason
    assert_no_passwd_leak(reason)


def test_second_line_of_defence_never_resolves_entities(monkeypatch):
    # Even with the pre-parse DOCTYPE scan switched off, the parser itself refuses.
    monkeypatch.setattr(parse_module, "_check_prolog", lambda body: None)
    assert "DOCTYPE" in rejected(XXE.encode())
    # libxml2 itself stops the expansion (amplification limit) or we refuse the DTD afterwards.
    reason = rejected(BILLION_LAUGHS.encode())
    assert "DOCTYPE" in reason or "amplification" in reason
    assert "lollol" not in reason


def test_the_parser_leaves_entities_unresolved():
    # What the second line of defence relies on: entities stay references, files stay unread.
    document = etree.fromstring(XXE.encode(), parse_module._parser())
    text = etree.tostring(document, encoding="unicode")
    assert "&xxe;" in text
    assert_no_passwd_leak(text)


def test_billion_laughs_is_rejected():
    assert "DOCTYPE" in rejected(BILLION_LAUGHS.encode())


def test_doctype_only_document_is_rejected():
    assert "DOCTYPE" in rejected(b'<?xml version="1.0"?>\n<!DOCTYPE CEB312Message>')


def test_wrong_namespace_is_rejected():
    data = sample("CEB312").replace(CEB_NS.encode(), b"http://www.chinaport.gov.cn/ceb2")
    assert "expected http://www.chinaport.gov.cn/ceb" in rejected(data)


def test_missing_namespace_is_rejected():
    data = sample("CEB622").replace(f' xmlns="{CEB_NS}"'.encode(), b"")
    assert "no namespace" in rejected(data)


def test_unqualified_entries_are_rejected():
    data = (
        f'<ceb:CEB312Message xmlns:ceb="{CEB_NS}" guid="{"A" * 36}" version="1.0">'
        "<OrderReturn><guid>x</guid></OrderReturn></ceb:CEB312Message>"
    ).encode()
    assert "no OrderReturn entry" in rejected(data)


@pytest.mark.parametrize("cut", [1, 40, 120, 300, 700, -30, -2])
def test_truncated_xml_is_rejected(cut):
    data = sample("CEB622")
    assert "XML" in rejected(data[:cut])


def test_oversized_input_is_rejected_before_parsing():
    data = sample("CEB312")
    padded = data + b" " * (2000 - len(data) % 1000)
    assert len(parse_receipt(padded, max_bytes=len(padded))) == 10
    assert "over the limit" in rejected(padded, max_bytes=len(padded) - 1)
    huge = b"<" + b"a" * 1_000_000 + b"/>"
    assert "over the limit of 1000000" in rejected(huge)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t ",
        b"hello, customs",
        b'{"returnStatus": "800"}',
        b"\x00\x01\x02\xff\xfe",
        b"\xff\xfe<\x00a\x00/\x00>\x00",
        b'<?xml version="1.0" encoding="GBK"?><a/>',
        b"<a><b></a>",
    ],
    ids=["empty", "blank", "text", "json", "binary", "utf16", "gbk", "mismatched"],
)
def test_non_xml_or_broken_input_is_rejected(data):
    rejected(data)


@pytest.mark.parametrize("value", ["<OrderReturn/>", None, 12, ["<a/>"]])
def test_non_bytes_input_is_rejected(value):
    assert "expected bytes" in rejected(value)


@pytest.mark.parametrize(
    ("root", "reason"),
    [
        (f'<CEB999Message xmlns="{CEB_NS}" guid="x" version="1.0"/>', "unknown root element"),
        (f'<OrderReturn xmlns="{CEB_NS}"/>', "unknown root element"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "expected"),
        (f'<DxpRep xmlns="{DXP_NS}" ver="1.0"/>', "expected"),
    ],
)
def test_unknown_root_is_rejected(root, reason):
    assert reason in rejected(root.encode())


def test_deeply_nested_input_is_rejected():
    depth = 100_000
    data = f'<CEB312Message xmlns="{CEB_NS}" guid="x">'.encode() + b"<a>" * depth + b"</a>" * depth
    assert "depth" in rejected(data + b"</CEB312Message>")


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (b"<orderNo>O</orderNo>", b"", "orderNo is missing"),
        (b"<orderNo>O</orderNo>", b"<orderNo>  </orderNo>", "orderNo is empty"),
        (b"<returnStatus>2</returnStatus>", b"", "returnStatus is missing"),
        (b"<returnInfo>ok</returnInfo>", b"", "returnInfo is missing"),
        (b"20240501103000123", b"20241331103000123", "not YYYYMMDDhhmmssSSS"),
        (b"20240501103000123", b"soon", "not YYYYMMDDhhmmssSSS"),
        (b' guid="' + b"A" * 36 + b'"', b"", "no guid attribute"),
        (
            b"<returnStatus>2</returnStatus>",
            b"<returnStatus>2</returnStatus><returnStatus>800</returnStatus>",
            "duplicate returnStatus",
        ),
    ],
)
def test_missing_or_bad_required_fields_are_rejected(old, new, reason):
    good = RECEIPT_BODY.replace("{info}", "ok").encode()
    assert old in good
    assert reason in rejected(good.replace(old, new, 1))


def test_tax_bill_with_bad_amount_or_no_lines_is_rejected():
    good = build("CEB816")
    assert b"<valueAddedTax>101.11</valueAddedTax>" in good
    bad_amount = good.replace(
        b"<valueAddedTax>101.11</valueAddedTax>", b"<valueAddedTax>NaN</valueAddedTax>", 1
    )
    assert "not a decimal amount" in rejected(bad_amount)
    no_lines = re.sub(rb"<TaxListRd>.*?</TaxListRd>", b"", good, flags=re.DOTALL)
    assert "no TaxListRd" in rejected(no_lines)


def test_pdf_only_tax_head_fields_are_read_leniently():
    good = build("CEB816")
    data = good.replace(
        b"</TaxHeadRd>", b"<orderNo>SO1</orderNo><logisticNo>SF1</logisticNo></TaxHeadRd>"
    )
    (receipt,) = parse_receipt(data)
    assert (receipt.order_no, receipt.logistics_no) == ("SO1", "SF1")


def test_fuzz_random_bytes_only_ever_raise_receipt_rejected():
    rng = random.Random(20240501)
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
        try:
            parse_receipt(data)
        except ReceiptRejected:
            pass


@pytest.mark.parametrize("kind", ["CEB622", "CEB816", "CEB900"])
def test_fuzz_mutated_receipts_parse_or_are_rejected(kind):
    rng = random.Random(kind)
    base = bytearray(build(kind))
    outcomes = {"parsed": 0, "rejected": 0}
    for _ in range(400):
        data = bytearray(base)
        for _ in range(rng.randrange(1, 4)):
            pos = rng.randrange(len(data))
            action = rng.randrange(3)
            if action == 0:
                data[pos] = rng.randrange(256)
            elif action == 1:
                del data[pos : pos + rng.randrange(1, 20)]
            else:
                data[pos:pos] = rng.choice([b"<", b">", b"&", b"<!DOCTYPE x>", b"]]>", b"\x00"])
        try:
            result = parse_receipt(bytes(data))
        except ReceiptRejected:
            outcomes["rejected"] += 1
        else:
            assert all(isinstance(r, Receipt) for r in result)
            outcomes["parsed"] += 1
    assert outcomes["rejected"] > 0
    assert outcomes["parsed"] > 0


# --------------------------------------------------------------------------------------------
# DXP terminal-node envelope (spec §1.6)


def build_dxp_envelope_raw(payload: bytes, *, data_text: str | None = None) -> bytes:
    text = base64.b64encode(payload).decode() if data_text is None else data_text
    return (
        f'<dxp:DxpMsg xmlns:dxp="{DXP_NS}" ver="1.0"><dxp:TransInfo>'
        "<dxp:CopMsgId>R1</dxp:CopMsgId><dxp:SenderId>DXPEDCCEB0000002</dxp:SenderId>"
        "<dxp:ReceiverIds><dxp:ReceiverId>DXPENT0000000001</dxp:ReceiverId></dxp:ReceiverIds>"
        "<dxp:CreatTime>2024-05-01T11:30:01</dxp:CreatTime><dxp:MsgType>CEB312Message</dxp:MsgType>"
        f"</dxp:TransInfo><dxp:Data>{text}</dxp:Data></dxp:DxpMsg>"
    ).encode()


def test_dxp_wrapped_receipt_parses_like_the_bare_one(dxp_schema):
    bare = build("CEB622")
    wrapped = build_dxp_envelope(bare, receiver_id="DXPENT0000000001", cop_msg_id="RCPT-1")
    envelope = etree.fromstring(wrapped)
    assert dxp_schema.validate(envelope), dxp_schema.error_log
    assert envelope.findtext(f"{{{DXP_NS}}}TransInfo/{{{DXP_NS}}}MsgType") == "CEB622Message"
    assert parse_receipt(wrapped) == parse_receipt(bare)
    assert outcome(parse_receipt(wrapped)[0]) is Outcome.RELEASED


def test_dxp_wrapped_official_sample_with_line_broken_base64():
    encoded = base64.encodebytes(sample("CEB312")).decode()  # 76-column lines
    assert "\n" in encoded.strip()
    receipts = parse_receipt(build_dxp_envelope_raw(b"", data_text=encoded))
    assert len(receipts) == 10
    assert receipts[0].order_no == "order20160321116420545"


@pytest.mark.parametrize(
    ("envelope", "reason"),
    [
        (build_dxp_envelope_raw(b"", data_text="not*base64!"), "not valid base64"),
        (build_dxp_envelope_raw(b"", data_text=""), "Data is empty"),
        (build_dxp_envelope_raw(b"<a>unterminated"), "not well-formed XML"),
        (build_dxp_envelope_raw(b"\x89PNG\r\n\x1a\n"), "not UTF-8"),
        (build_dxp_envelope_raw(sample("CEB311")), "declaration, not a receipt"),
        (build_dxp_envelope_raw(build_dxp_envelope_raw(sample("CEB312"))), "nested"),
        (
            f'<dxp:DxpMsg xmlns:dxp="{DXP_NS}" ver="1.0"><dxp:TransInfo/></dxp:DxpMsg>'.encode(),
            "exactly one Data",
        ),
    ],
    ids=["bad-base64", "empty", "broken-xml", "binary", "declaration", "nested", "no-data"],
)
def test_bad_dxp_envelopes_are_rejected(envelope, reason):
    assert reason in rejected(envelope)


def test_dxp_envelope_is_size_limited():
    envelope = build_dxp_envelope_raw(sample("CEB312"))
    assert len(parse_receipt(envelope, max_bytes=len(envelope))) == 10
    assert "over the limit" in rejected(envelope, max_bytes=len(envelope) - 1)
