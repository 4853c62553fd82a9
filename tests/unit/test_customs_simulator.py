"""The local customs simulator (integrations/customs/simulator.py) on a temporary exchange folder:
signed declaration sets in ``out/`` → receipts in ``in/`` as spec §5/§6/§8 describe. No database.
"""

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from integrations.customs.messages import (
    BONDED,
    DIRECT,
    Consignee,
    DeclarationSet,
    GoodsLine,
    InventoryData,
    OrderData,
    Party,
    PaymentData,
    Person,
    ReturnLine,
    Transmitter,
    WaybillData,
    build_message,
    new_guid,
    validate,
)
from integrations.customs.receipts import outcome_for, parse_receipt
from integrations.customs.signing import Sm2Signer, generate_test_identity
from integrations.customs.simulator import CustomsSimulator

D = Decimal
SIGNER = Sm2Signer(generate_test_identity())
PLATFORM = Party("2101960001", "东北亚跨境购电子商务平台有限公司")
MERCHANT = Party("2101960002", "首尔美妆（大连）贸易有限公司")
PAYER = Party("31222699S7", "支付宝（中国）网络技术有限公司")
COURIER = Party("2102980012", "东北亚速运有限公司")
AREA = Party("2102660005", "大连保税区东北亚供应链仓储有限公司")
BROKER = Party("2102180007", "东北亚报关服务有限公司")
BUYER_ID = "220104199003071234"
CONSIGNEE = Consignee("李明", "13904310001", "吉林省长春市朝阳区人民大街1000号", "220104")
START = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


class Clock:
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


def make_set(
    number="NECB2026030100001-01",
    *,
    lines=((1, "120.00"), (2, "35.50")),
    trade_mode=BONDED,
    id_number=BUYER_ID,
    buyer_name="李明",
):
    goods = []
    for gnum, (qty, price) in enumerate(lines, start=1):
        qty, price = D(qty), D(price)
        goods.append(
            GoodsLine(
                gnum=gnum,
                item_name=f"韩国面霜{gnum}号",
                g_model=f"品牌{gnum}|面霜|50ml/瓶",
                qty=qty,
                unit="142",
                price=price,
                total_price=(qty * price).quantize(D("0.01")),
                country="133",
                item_no=f"SKU-{gnum}",
                g_code="3304990099",
                qty1=D("0.05") * qty,
                unit1="035",
                item_record_no=f"EMS-{gnum:04d}" if trade_mode == BONDED else None,
            )
        )
    goods = tuple(goods)
    goods_value = sum((g.total_price for g in goods), D("0"))
    freight = D("10.00")
    tax_total = ((goods_value + freight) * D("0.091")).quantize(D("0.01"))
    actual_paid = goods_value + freight + tax_total
    buyer = Person(buyer_name, id_number, "13904310001")
    logistics_no = "LN" + number.replace("-", "")
    bill_no = None if trade_mode == BONDED else "ICN-20260301"
    return DeclarationSet(
        app_time=START - timedelta(minutes=5),
        sender=Transmitter(PLATFORM.code, PLATFORM.name, "DXPENT0000123456"),
        order=OrderData(
            order_no=number,
            ebp=PLATFORM,
            ebc=MERCHANT,
            goods_value=goods_value,
            freight=freight,
            discount=D("0"),
            tax_total=tax_total,
            actual_paid=actual_paid,
            buyer_reg_no="user-1",
            buyer=buyer,
            consignee=CONSIGNEE,
            lines=goods,
            pay=PAYER,
            pay_transaction_id="PAY" + number.replace("-", ""),
        ),
        payment=PaymentData(
            pay=PAYER,
            pay_transaction_id="PAY" + number.replace("-", ""),
            order_no=number,
            ebp=PLATFORM,
            payer=buyer,
            amount_paid=actual_paid,
            pay_time=START - timedelta(minutes=6),
        ),
        waybill=WaybillData(
            logistics=COURIER,
            logistics_no=logistics_no,
            order_no=number,
            consignee=CONSIGNEE,
            weight=D("1.2"),
            freight=freight,
            bill_no=bill_no,
        ),
        inventory=InventoryData(
            order_no=number,
            ebp=PLATFORM,
            ebc=MERCHANT,
            logistics=COURIER,
            logistics_no=logistics_no,
            cop_no=number,
            assure_code=MERCHANT.code,
            customs_code="0900",
            port_code="0900",
            buyer=buyer,
            consignee_address=CONSIGNEE.address,
            agent=BROKER,
            trade_mode=trade_mode,
            traf_mode="4" if trade_mode == BONDED else "5",
            country="142" if trade_mode == BONDED else "133",
            freight=freight,
            insured_fee=D("0"),
            gross_weight=D("1.2"),
            net_weight=D("1.0"),
            lines=goods,
            area=AREA if trade_mode == BONDED else None,
            ems_no="T0900W000123" if trade_mode == BONDED else None,
            traf_no=None if trade_mode == BONDED else "KE0831",
            voyage_no=None if trade_mode == BONDED else "20260301",
            bill_no=bill_no,
        ),
    )


def message(kind, data, *, guid=None, sign=True, **kw):
    guid = guid or new_guid()
    xml = build_message(kind, data, guid=guid, check=False, **kw)
    return guid, SIGNER.sign(xml) if sign else xml


def put(root: Path, xml: bytes, name: str) -> None:
    (root / "out").mkdir(parents=True, exist_ok=True)
    (root / "out" / name).write_bytes(xml)


def send(root, data, kinds=("CEB311", "CEB411", "CEB511", "CEB621"), **kw):
    """Write the signed messages of ``data``; returns {kind: guid}."""
    guids = {}
    for kind in kinds:
        guid, xml = message(kind, data, **kw)
        put(root, xml, f"{guid}.xml")
        guids[kind] = guid
    return guids


def receipts(root):
    """[(file name, Receipt)] of in/, in issue order."""
    found = []
    for path in sorted((root / "in").glob("*.xml")):
        data = path.read_bytes()
        validate(data)  # the official XSD
        for receipt in parse_receipt(data):
            found.append((path.name, receipt))
    return found


def statuses(root, kind=None):
    return [(r.kind, r.return_status) for _, r in receipts(root) if kind in (None, r.kind)]


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def sim(tmp_path, clock):
    return CustomsSimulator(tmp_path, clock=clock, seed=1)


# ---------------------------------------------------------------------------------------------
# the normal flow


@pytest.mark.parametrize("trade_mode", [BONDED, DIRECT])
def test_a_consistent_signed_set_is_released_with_a_tax_bill(tmp_path, sim, trade_mode):
    data = make_set(trade_mode=trade_mode)
    guids = send(tmp_path, data)
    log = sim.step()
    assert statuses(tmp_path) == [
        ("CEB312", "120"),
        ("CEB412", "120"),
        ("CEB512", "120"),
        ("CEB622", "2"),
        ("CEB622", "120"),
        ("CEB622", "800"),
        ("CEB816", "1"),
    ]
    assert any("800" in line for line in log)
    found = {(r.kind, r.return_status): r for _, r in receipts(tmp_path)}
    # keys the shop matches on: the answered message's guid and the business keys
    order = found[("CEB312", "120")]
    assert order.guid == guids["CEB311"]
    assert (order.ebp_code, order.order_no) == (PLATFORM.code, data.order.order_no)
    assert found[("CEB412", "120")].guid == guids["CEB411"]
    assert found[("CEB412", "120")].pay_transaction_id == data.payment.pay_transaction_id
    assert found[("CEB512", "120")].logistics_no == data.waybill.logistics_no
    declared, accepted, released = (found[("CEB622", s)] for s in ("2", "120", "800"))
    assert {declared.guid, accepted.guid, released.guid} == {guids["CEB621"]}
    assert released.cop_no == data.inventory.cop_no
    assert len(released.pre_no) == 18
    assert released.pre_no == declared.pre_no
    assert declared.invt_no is None
    assert len(released.invt_no) == 18
    assert released.invt_no == accepted.invt_no
    assert released.invt_no.startswith("09002026I")
    assert outcome_for("CEB622", released.return_status) == "released"
    assert declared.return_time < accepted.return_time < released.return_time
    bill = found[("CEB816", "1")]
    assert bill.invt_no == released.invt_no
    assert bill.guid == guids["CEB621"]
    assert bill.tax_bill.total == data.order.tax_total
    assert [line.gnum for line in bill.tax_bill.lines] == [1, 2]
    assert sum(line.tax_price for line in bill.tax_bill.lines) == D("201.00")  # goods + freight
    # read once: out/ is empty, the messages are kept
    assert list((tmp_path / "out").iterdir()) == []
    assert len(list((tmp_path / "customs-seen").glob("*.xml"))) == 4
    assert sim.step() == []  # nothing new


def test_receipts_are_written_atomically_in_issue_order(tmp_path, sim):
    send(tmp_path, make_set())
    sim.step()
    names = sorted(p.name for p in (tmp_path / "in").iterdir())
    assert not any(name.startswith(".") or name.endswith(".part") for name in names)
    assert names[0].startswith("000000001_CEB312_120")
    assert names[-1].endswith("_CEB816_1.xml")


def test_payment_and_waybill_are_optional(tmp_path, sim):
    send(tmp_path, make_set(), kinds=("CEB311", "CEB621"))
    sim.step()
    assert statuses(tmp_path, "CEB622")[-1] == ("CEB622", "800")


def test_consumption_tax_is_split_from_a_higher_tax_total():
    from integrations.customs.messages import parse_inventory, parse_order
    from integrations.customs.simulator import tax_bill_for

    data = make_set(lines=((1, "1000.00"),))
    # 15 % consumption tax goods (§8.2: 1000 → CT 123.53, VAT 107.06 at 70 %), no freight
    order = parse_order(build_message("CEB311", data, guid=new_guid()))
    inventory = parse_inventory(build_message("CEB621", data, guid=new_guid()))
    order = order.__class__(**{**order.__dict__, "tax_total": D("230.59")})
    inventory = inventory.__class__(**{**inventory.__dict__, "freight": D("0")})
    bill = tax_bill_for(order, inventory, tax_no="T1")
    assert bill.total == D("230.59")
    assert bill.consumption_tax == D("123.53")
    assert bill.value_added_tax == D("107.06")
    assert bill.customs_tax == 0


# ---------------------------------------------------------------------------------------------
# refusals


def test_three_document_mismatch_is_refused_with_the_reason(tmp_path, sim):
    data = make_set()
    send(tmp_path, data, kinds=("CEB311", "CEB511", "CEB621"))
    wrong = data.payment.__class__(**{**data.payment.__dict__, "amount_paid": D("1.00")})
    send(tmp_path, data.__class__(**{**data.__dict__, "payment": wrong}), kinds=("CEB411",))
    sim.step()
    inventory = statuses(tmp_path, "CEB622")
    assert inventory == [("CEB622", "-621001")]
    refusal = receipts(tmp_path)[-1][1]
    assert refusal.return_info.startswith("清单报文校验失败，[三单比对不一致：")
    assert "CEB411.amountPaid" in refusal.return_info
    assert len(refusal.pre_no) == 18
    assert outcome_for("CEB622", refusal.return_status) == "refused"
    assert "CEB816" not in {r.kind for _, r in receipts(tmp_path)}


def test_single_transaction_limit(tmp_path, sim):
    send(tmp_path, make_set(lines=((2, "3000.00"),)))
    sim.step()
    refusal = receipts(tmp_path)[-1][1]
    assert (refusal.kind, refusal.return_status) == ("CEB622", "-621005")
    assert (
        refusal.return_info == f"清单[{make_set().inventory.cop_no}]的购买金额超过单笔限额[5000.00]"
    )


def test_one_item_above_5000_may_pass_with_full_tax(tmp_path, sim):
    send(tmp_path, make_set(lines=((1, "6000.00"),)))
    sim.step()
    assert statuses(tmp_path, "CEB622")[-1] == ("CEB622", "800")


def test_annual_limit_per_id_number_over_restarts(tmp_path, clock):
    first = CustomsSimulator(tmp_path, clock=clock)
    send(tmp_path, make_set("NECB1-01", lines=((1, "20000.00"),)))
    send(tmp_path, make_set("NECB2-01", lines=((1, "4000.00"),)))
    send(tmp_path, make_set("NECB3-01", lines=((1, "900.00"),), id_number="110101199001010007"))
    first.step()
    assert [s for _, s in statuses(tmp_path, "CEB622")].count("800") == 3
    # 20010 + 4010 used; a new simulator on the same folder remembers it
    again = CustomsSimulator(tmp_path, clock=clock)
    send(tmp_path, make_set("NECB4-01", lines=((1, "2000.00"),)))
    again.step()
    refusal = receipts(tmp_path)[-1][1]
    assert (refusal.return_status, refusal.cop_no) == ("-621018", "NECB4-01")
    assert refusal.return_info == (
        "清单[NECB4-01]中购买人[李*]已用购买额度为[24020.00]，本次购买将超过年度限额[26000.00]"
    )
    assert BUYER_ID not in (tmp_path / "customs-state.json").read_text()
    # another calendar year starts from zero
    clock.advance(365 * 24 * 3600)
    send(tmp_path, make_set("NECB5-01", lines=((1, "2000.00"),)))
    again.step()
    assert statuses(tmp_path, "CEB622")[-1] == ("CEB622", "800")


def test_same_order_twice_is_refused(tmp_path, sim):
    data = make_set()
    send(tmp_path, data, kinds=("CEB311",))
    sim.step()
    send(tmp_path, data, kinds=("CEB311",))  # another guid, same orderNo
    sim.step()
    assert statuses(tmp_path) == [("CEB312", "120"), ("CEB312", "-301010")]
    assert receipts(tmp_path)[-1][1].return_info == "已存在相同编号的订单"


def test_inventory_declared_twice_is_refused(tmp_path, sim):
    data = make_set()
    send(tmp_path, data)
    sim.step()
    send(tmp_path, data, kinds=("CEB621",))
    sim.step()
    assert receipts(tmp_path)[-1][1].return_status == "-621004"


def test_inventory_waits_for_its_order(tmp_path, sim, clock):
    data = make_set()
    send(tmp_path, data, kinds=("CEB621",))
    assert "waiting for CEB311" in " ".join(sim.step())
    assert statuses(tmp_path) == []
    clock.advance(60)
    send(tmp_path, data, kinds=("CEB311", "CEB411", "CEB511"))
    sim.step()
    assert statuses(tmp_path, "CEB622")[-1] == ("CEB622", "800")


def test_inventory_without_order_is_refused_after_the_wait(tmp_path, sim, clock):
    send(tmp_path, make_set(), kinds=("CEB621",))
    sim.step()
    clock.advance(301)
    sim.step()
    refusal = receipts(tmp_path)[-1][1]
    assert refusal.return_status == "-621001"
    assert "CEB311" in refusal.return_info


# ---------------------------------------------------------------------------------------------
# format and signature: CEB900


def test_not_xml_gets_a_format_receipt(tmp_path, sim):
    put(tmp_path, b"this is not xml", "BROKEN-FILE.xml")
    sim.step()
    ((name, receipt),) = receipts(tmp_path)
    assert (receipt.kind, receipt.return_status) == ("CEB900", "-1")
    assert receipt.ori_cop_msg_id == "BROKEN-FILE"
    assert receipt.ori_biz_message == "this is not xml"
    assert "_CEB900_-1" in name


def test_xsd_invalid_message_gets_the_schema_error(tmp_path, sim):
    guid, xml = message("CEB311", make_set())
    broken = xml.replace(b"<ceb:orderType>I</ceb:orderType>", b"")
    put(tmp_path, broken, f"{guid}.xml")
    sim.step()
    ((_, receipt),) = receipts(tmp_path)
    assert (receipt.kind, receipt.return_status) == ("CEB900", "-2")
    assert receipt.guid == guid
    assert receipt.ori_cop_msg_id == guid
    assert receipt.ori_message_type == "CEB311Message"
    assert "报文XSD校验失败" in receipt.return_info
    assert "orderNo" in receipt.return_info


def test_tampered_signature_is_refused(tmp_path, sim):
    guid, xml = message("CEB311", make_set())
    tampered = xml.replace(b"<ceb:buyerRegNo>user-1<", b"<ceb:buyerRegNo>user-2<")
    assert tampered != xml
    put(tmp_path, tampered, f"{guid}.xml")
    sim.step()
    ((_, receipt),) = receipts(tmp_path)
    assert (receipt.kind, receipt.return_status, receipt.guid) == ("CEB900", "-1001", guid)
    assert "验签失败" in receipt.return_info
    assert "DigestValue" in receipt.return_info


def test_unsigned_order_is_refused_unless_allowed(tmp_path, clock):
    data = make_set()
    guid, xml = message("CEB311", data, sign=False)
    put(tmp_path, xml, f"{guid}.xml")
    CustomsSimulator(tmp_path, clock=clock).step()
    assert statuses(tmp_path) == [("CEB900", "-1001")]
    guid, xml = message("CEB311", data, sign=False)
    put(tmp_path, xml, f"{guid}.xml")
    CustomsSimulator(tmp_path, clock=clock, require_signature=False).step()
    assert statuses(tmp_path)[-1] == ("CEB312", "120")


def test_part_and_dot_files_are_left_alone(tmp_path, sim):
    guid, xml = message("CEB311", make_set())
    put(tmp_path, xml, f".{guid}.xml.part")
    put(tmp_path, xml, f".{guid}.xml")
    sim.step()
    assert statuses(tmp_path) == []
    assert len(list((tmp_path / "out").iterdir())) == 2


def test_dxp_envelopes_are_unwrapped(tmp_path, sim):
    from integrations.customs.messages import wrap

    data = make_set()
    for kind in ("CEB311", "CEB411", "CEB511", "CEB621"):
        guid, xml = message(kind, data)
        envelope = wrap(
            xml,
            message_type=f"{kind}Message",
            sender_id="DXPENT0000123456",
            receiver_id="DXPEDCCEB0000002",
            message_id=f"COPMSG-{kind}",
        )
        put(tmp_path, envelope, f"COPMSG-{kind}.xml")
    sim.step()
    assert statuses(tmp_path)[-2:] == [("CEB622", "800"), ("CEB816", "1")]
    put(tmp_path, b"<dxp:DxpMsg xmlns:dxp='http://www.chinaport.gov.cn/dxp'/>", "COPMSG-X.xml")
    sim.step()
    broken = receipts(tmp_path)[-1][1]
    assert (broken.kind, broken.return_status) == ("CEB900", "-2")
    assert (broken.ori_cop_msg_id, broken.ori_message_type) == ("COPMSG-X", "DxpMsg")


# ---------------------------------------------------------------------------------------------
# faults


def test_delay_spaces_the_inventory_receipts_on_the_clock(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock, delay=30)
    send(tmp_path, make_set())
    sim.step()
    assert statuses(tmp_path, "CEB622") == [("CEB622", "2")]
    assert sim.pending == 3
    clock.advance(29)
    sim.step()
    assert statuses(tmp_path, "CEB622") == [("CEB622", "2")]
    clock.advance(1)
    sim.step()
    assert statuses(tmp_path, "CEB622") == [("CEB622", "2"), ("CEB622", "120")]
    # the queue survives a restart
    clock.advance(30)
    CustomsSimulator(tmp_path, clock=clock, delay=30).step()
    assert statuses(tmp_path)[-2:] == [("CEB622", "800"), ("CEB816", "1")]
    times = [r.return_time for _, r in receipts(tmp_path) if r.kind == "CEB622"]
    assert times[1] - times[0] == timedelta(seconds=30)


def test_duplicate_rate_writes_the_same_receipt_twice(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock, duplicate_rate=1.0, seed=3)
    send(tmp_path, make_set())
    log = sim.step()
    files = sorted((tmp_path / "in").glob("*.xml"))
    assert len(files) == 14
    contents = [f.read_bytes() for f in files]
    assert all(contents[i] == contents[i + 1] for i in range(0, 14, 2))
    assert len(set(contents)) == 7
    assert sum("again" in line for line in log) == 7


def test_drop_rate_never_drops_the_final_receipt(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock, drop_rate=1.0, seed=3)
    send(tmp_path, make_set("NECB1-01"))
    send(tmp_path, make_set("NECB2-01", id_number="110101199001010007"))
    log = sim.step()
    assert statuses(tmp_path, "CEB622") == [("CEB622", "800"), ("CEB622", "800")]
    assert len(statuses(tmp_path, "CEB816")) == 2
    assert sum(line.startswith("dropped CEB622") for line in log) == 4
    refusing = CustomsSimulator(tmp_path / "b", clock=clock, drop_rate=1.0, refusal_rate=1.0)
    send(tmp_path / "b", make_set())
    refusing.step()
    assert statuses(tmp_path / "b", "CEB622") == [("CEB622", "100")]


def test_refusal_rate_one_refuses_every_inventory(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock, refusal_rate=1.0, seed=5)
    for n in range(3):
        send(tmp_path, make_set(f"NECB{n}-01", id_number=f"11010119900101000{n}"))
    sim.step()
    inventory = [s for _, s in statuses(tmp_path, "CEB622")]
    assert inventory.count("100") == 3
    assert "800" not in inventory
    assert statuses(tmp_path, "CEB816") == []
    refusal = [r for _, r in receipts(tmp_path) if r.return_status == "100"][0]
    assert refusal.return_info.startswith("海关退单：")
    assert [s for _, s in statuses(tmp_path, "CEB312")] == ["120"] * 3
    # a refused inventory does not use the annual quota
    state = (tmp_path / "customs-state.json").read_text()
    assert '"annual": {}' in state


def test_same_seed_same_faults(tmp_path, clock):
    logs = []
    for run in ("a", "b"):
        root = tmp_path / run
        sim = CustomsSimulator(root, clock=clock, seed=42, drop_rate=0.5, duplicate_rate=0.5)
        data = make_set()
        for kind in ("CEB311", "CEB411", "CEB511", "CEB621"):
            guid = f"00000000-0000-4000-8000-000000000{kind[3:]}"
            _, xml = message(kind, data, guid=guid)
            put(root, xml, f"{guid}.xml")
        logs.append(sim.step())
    assert logs[0] == logs[1]
    assert any(line.startswith("dropped") for line in logs[0])
    assert any("again" in line for line in logs[0])


def test_rates_are_checked(tmp_path):
    with pytest.raises(ValueError, match="refusal_rate"):
        CustomsSimulator(tmp_path, refusal_rate=1.5)


# ---------------------------------------------------------------------------------------------
# cancellation


def cancel(root, data, invt_no):
    inventory = data.inventory.__class__(**{**data.inventory.__dict__, "invt_no": invt_no})
    data = data.__class__(**{**data.__dict__, "inventory": inventory})
    guid, xml = message("CEB623", data, reason="消费者取消订单")
    put(root, xml, f"{guid}.xml")
    return guid


def test_cancel_before_release(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock, delay=60)
    data = make_set(lines=((1, "20000.00"),))
    send(tmp_path, data)
    sim.step()
    clock.advance(60)
    sim.step()
    invt_no = receipts(tmp_path)[-1][1].invt_no
    guid = cancel(tmp_path, data, invt_no)
    sim.step()
    answer = receipts(tmp_path)[-1][1]
    assert (answer.kind, answer.return_status, answer.guid) == ("CEB624", "399", guid)
    assert answer.invt_no == invt_no
    assert answer.cop_no == data.inventory.cop_no
    assert len(answer.pre_no) == 18
    assert outcome_for("CEB624", "399") == "cancelled"
    clock.advance(600)
    sim.step()
    assert ("CEB622", "800") not in statuses(tmp_path)
    # the cancelled amount is back in the annual quota
    send(tmp_path, make_set("NECB-OTHER", lines=((1, "20000.00"),)))
    sim.step()
    clock.advance(120)
    sim.step()
    assert statuses(tmp_path, "CEB622")[-1] == ("CEB622", "800")


def test_cancel_after_release_or_unknown_is_refused(tmp_path, sim):
    data = make_set()
    send(tmp_path, data)
    sim.step()
    invt_no = receipts(tmp_path)[-1][1].invt_no
    cancel(tmp_path, data, invt_no)
    sim.step()
    answer = receipts(tmp_path)[-1][1]
    assert (answer.kind, answer.return_status) == ("CEB624", "-623005")
    assert answer.return_info == f"清单的状态不符合撤单申报要求(清单编号[{invt_no}])！"
    cancel(tmp_path, make_set("NECB-NONE"), "090020269999999999")
    sim.step()
    assert receipts(tmp_path)[-1][1].return_status == "-623003"


# ---------------------------------------------------------------------------------------------
# returns (CEB625 → CEB626)


def with_invt_no(data, invt_no):
    inventory = data.inventory.__class__(**{**data.inventory.__dict__, "invt_no": invt_no})
    return data.__class__(**{**data.__dict__, "inventory": inventory})


def ask_return(root, data, invt_no, lines):
    guid, xml = message(
        "CEB625", with_invt_no(data, invt_no), reason="商品与描述不符", lines=tuple(lines)
    )
    put(root, xml, f"{guid}.xml")
    return guid


def released(root, sim, data):
    send(root, data)
    sim.step()
    assert statuses(root, "CEB622")[-1] == ("CEB622", "800")
    return next(r.invt_no for _, r in receipts(root) if r.kind == "CEB622" and r.invt_no)


def test_a_return_within_30_days_is_concluded_and_restores_the_quota(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock)
    data = make_set("NECB1-01", lines=((2, "2400.00"),))  # 4 810 with freight
    invt_no = released(tmp_path, sim, data)
    for number in range(2, 6):  # 5 × 4 810 = 24 050 of 26 000 used
        released(tmp_path, sim, make_set(f"NECB{number}-01", lines=((2, "2400.00"),)))
    send(tmp_path, make_set("NECB6-01", lines=((1, "2000.00"),)))  # 2 010 more: too much
    sim.step()
    assert statuses(tmp_path, "CEB622")[-1] == ("CEB622", "-621018")
    clock.advance(29 * 86400)
    guid = ask_return(tmp_path, data, invt_no, [ReturnLine(gnum=1, qty=D("1"))])
    sim.step()
    answers = [r for _, r in receipts(tmp_path) if r.kind == "CEB626"]
    assert [(r.return_status, r.guid) for r in answers] == [("120", guid), ("399", guid)]
    assert answers[-1].invt_no == invt_no
    assert outcome_for("CEB626", "399") == "accepted"
    # one unit of two came back: 2 405 of its 4 810 leaves the annual total, so it fits now
    send(tmp_path, make_set("NECB7-01", lines=((1, "2000.00"),)))
    sim.step()
    assert statuses(tmp_path, "CEB622")[-1] == ("CEB622", "800")
    # the second unit may come back too, not a third
    ask_return(tmp_path, data, invt_no, [ReturnLine(gnum=1, qty=D("2"))])
    sim.step()
    refusal = receipts(tmp_path)[-1][1]
    assert (refusal.kind, refusal.return_status) == ("CEB626", "-625004")
    assert "可退数量1" in refusal.return_info


def test_a_return_after_30_days_or_before_release_is_refused(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock, delay=60)
    data = make_set("NECB1-01")
    send(tmp_path, data)
    sim.step()  # 2 written; 120 (with the inventory number) due in 60 s, 800 in 120 s
    clock.advance(60)
    sim.step()
    invt_no = next(r.invt_no for _, r in receipts(tmp_path) if r.invt_no)
    ask_return(tmp_path, data, invt_no, [ReturnLine(gnum=1, qty=D("1"))])
    sim.step()
    early = receipts(tmp_path)[-1][1]
    assert (early.kind, early.return_status) == ("CEB626", "-625004")
    assert "未放行" in early.return_info
    clock.advance(60)
    sim.step()
    assert ("CEB622", "800") in statuses(tmp_path)
    clock.advance(30 * 86400 + 1)
    ask_return(tmp_path, data, invt_no, [ReturnLine(gnum=1, qty=D("1"))])
    sim.step()
    late = receipts(tmp_path)[-1][1]
    assert (late.kind, late.return_status) == ("CEB626", "-625004")
    assert "超过30天" in late.return_info


def test_a_return_of_unknown_goods_or_inventory_is_refused(tmp_path, sim):
    data = make_set("NECB1-01", lines=((1, "120.00"),))
    invt_no = released(tmp_path, sim, data)
    other = make_set("NECB1-01", lines=((1, "120.00"), (1, "35.50")))  # a gnum 2 never declared
    ask_return(tmp_path, other, invt_no, [ReturnLine(gnum=2, qty=D("1"))])
    sim.step()
    assert receipts(tmp_path)[-1][1].return_status == "-625004"
    assert "表体第2项" in receipts(tmp_path)[-1][1].return_info
    ask_return(tmp_path, data, "090020269999999999", [ReturnLine(gnum=1, qty=D("1"))])
    sim.step()
    assert receipts(tmp_path)[-1][1].return_status == "-625016"


# ---------------------------------------------------------------------------------------------
# the loop


def test_run_steps_and_sleeps_between_passes(tmp_path, clock):
    sim = CustomsSimulator(tmp_path, clock=clock)
    send(tmp_path, make_set())
    lines, sleeps = [], []
    assert sim.run(0.5, stop_after=3, log=lines.append, sleep=sleeps.append) == 3
    assert sleeps == [0.5, 0.5]
    assert any("CEB622 800" in line for line in lines)


# --------------------------------------------------------------------------------------------
# the simulator's own comparison (issue #9): independent of the shop's messages.compare


def _variant(data, **parts):
    return dataclasses.replace(
        data, **{name: dataclasses.replace(getattr(data, name), **kw) for name, kw in parts.items()}
    )


def _mismatching_sets():
    data = make_set()
    other_consignee = Consignee("李明", "13904319999", CONSIGNEE.address, "220104")
    other_line = dataclasses.replace(data.inventory.lines[1], qty=D("3"))
    return {
        "amount paid": _variant(data, payment={"amount_paid": D("1.00")}),
        "payer": _variant(
            data, payment={"payer": Person("王芳", "110105194912310021", "13904310001")}
        ),
        "consignee phone": _variant(data, waybill={"consignee": other_consignee}),
        "logistics code": _variant(
            data, inventory={"logistics": Party("2102980099", "其他速运有限公司")}
        ),
        "logistics no": _variant(data, inventory={"logistics_no": "LN-OTHER"}),
        "inventory buyer": _variant(
            data, inventory={"buyer": Person("李明", "110105194912310021", "13904310001")}
        ),
        "line qty": _variant(data, inventory={"lines": (data.inventory.lines[0], other_line)}),
        "line missing": _variant(data, inventory={"lines": data.inventory.lines[:1]}),
        "actual paid formula": _variant(
            data,
            order={"actual_paid": data.order.actual_paid + 5},
            payment={"amount_paid": data.order.actual_paid + 5},
        ),
    }


@pytest.mark.parametrize("case", sorted(_mismatching_sets()))
def test_a_bug_in_the_shops_comparison_does_not_blind_the_simulator(
    case, tmp_path, sim, monkeypatch
):
    """Inject a bug into the shop's three-document comparison (it accepts everything): the
    simulator, like customs, still refuses a set that does not match."""
    import importlib

    from integrations.customs import messages

    compare = importlib.import_module("integrations.customs.messages.compare")
    monkeypatch.setattr(compare, "_compare", lambda *args, **kwargs: [])
    monkeypatch.setattr(compare, "compare_documents", lambda *args, **kwargs: [])
    monkeypatch.setattr(messages, "compare_documents", lambda *args, **kwargs: [])
    data = _mismatching_sets()[case]
    assert compare.compare(data) == []  # the shop's check is blind now
    send(tmp_path, data)
    sim.step()
    assert statuses(tmp_path, "CEB622") == [("CEB622", "-621001")], case
    refusal = receipts(tmp_path)[-1][1]
    assert "三单比对不一致" in refusal.return_info
    assert "110105194912310021" not in refusal.return_info  # ID numbers masked
    assert "CEB816" not in {r.kind for _, r in receipts(tmp_path)}


def test_the_simulators_comparison_accepts_a_consistent_set_of_both_trade_modes():
    from integrations.customs.simulator_checks import three_documents

    for trade_mode in (BONDED, DIRECT):
        data = make_set(trade_mode=trade_mode)
        docs = [message(kind, data)[1] for kind in ("CEB311", "CEB411", "CEB511", "CEB621")]
        assert three_documents(*docs) == []
        assert three_documents(docs[0], None, None, docs[3]) == []  # 411/511 sent by others


def test_limits_and_rates_are_defined_once():
    from integrations.customs import policy, simulator
    from shop.customs import tax

    for name in ("SINGLE_LIMIT", "ANNUAL_LIMIT", "RETAIL_RATE"):
        assert getattr(tax, name) is getattr(policy, name)
        assert getattr(simulator, name) is getattr(policy, name)
    assert simulator.STANDARD_VAT is policy.STANDARD_VAT
    assert (policy.SINGLE_LIMIT, policy.ANNUAL_LIMIT, policy.RETAIL_RATE) == (
        D("5000.00"),
        D("26000.00"),
        D("0.7"),
    )
