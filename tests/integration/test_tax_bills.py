"""Tax bills (CEB816) compared with the tax the shop collected (issue #15): matched per goods
line and in total, differences flagged for staff with the side that is higher, CEB818 status
changes (void) recorded, staff settle open differences, merchants see only their own bills."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from oscar.templatetags.currency_filters import currency

from integrations.customs.receipts import TaxBill as Bill
from integrations.customs.receipts import TaxLine, build_receipt
from shop.customs.models import CustomsReceipt, Declaration, OutboxMessage, TaxBill
from shop.customs.receipts import receipt_file_process
from tests.factories.catalogue import PartnerFactory
from tests.factories.merchants import merchant_user
from tests.factories.orders import placed_order, shopper, stocked_product
from tests.factories.users import staff_user

pytestmark = pytest.mark.django_db

TAX_NO = "0800002026I000000001"


@pytest.fixture
def declaration():
    """A released-looking declaration with two goods lines and the tax the shop computed."""
    buyer = shopper()
    partner = PartnerFactory()
    items = [
        (stocked_product(price="89.00", partner=partner), 1),
        (stocked_product(price="45.50", partner=partner), 2),
    ]
    order = placed_order(user=buyer, items=items, paid=True)
    declaration = order.declarations.get()
    Declaration.objects.filter(pk=declaration.pk).update(invt_no="22222026I000000077")
    declaration.refresh_from_db()
    assert declaration.lines.count() == 2
    assert declaration.tax_total > 0
    return declaration


def bill_for(declaration, *, change_line=None, by=Decimal("0"), tax_no=TAX_NO) -> Bill:
    """What customs would bill for ``declaration`` — the shop's own figures, one line's VAT
    changed by ``by`` when asked."""
    lines = []
    for line in declaration.lines.all():
        extra = by if line.gnum == change_line else Decimal("0")
        lines.append(
            TaxLine(
                gnum=line.gnum,
                gcode=line.filing_record.hs_code,
                tax_price=line.dutiable_value,
                customs_tax=line.duty,
                value_added_tax=line.vat + extra,
                consumption_tax=line.consumption_tax,
            )
        )
    return Bill(
        tax_no=tax_no,
        customs_tax=sum(line.customs_tax for line in lines),
        value_added_tax=sum(line.value_added_tax for line in lines),
        consumption_tax=sum(line.consumption_tax for line in lines),
        lines=tuple(lines),
    )


def deliver_816(declaration, bill: Bill, *, status="1", guid="A" * 8, at=None):
    data = build_receipt(
        "CEB816",
        guid=f"{guid}-0000-0000-0000-000000000816",
        return_status=status,
        return_info="",
        return_time=at or timezone.now(),
        invt_no=declaration.invt_no,
        tax_bill=bill,
        assure_code="2201960001",
        ent_duty_no="2201960001",
        ebc_code=declaration.partner.customs_code or "2201960001",
        logistics_code=declaration.warehouse.logistics_code or "2201980001",
        agent_code="2201960002",
        customs_code=declaration.warehouse.customs_code or "0801",
    )
    assert receipt_file_process(name=f"CEB816-{guid}.xml", data=data)


def deliver_818(declaration, *, status, tax_no=TAX_NO, guid="B" * 8, at=None):
    data = build_receipt(
        "CEB818",
        guid=f"{guid}-0000-0000-0000-000000000818",
        return_status=status,
        return_info="",
        return_time=at or timezone.now(),
        invt_no=declaration.invt_no,
        tax_no=tax_no,
        assure_code="2201960001",
        ent_duty_no="2201960001",
    )
    assert receipt_file_process(name=f"CEB818-{guid}.xml", data=data)


def test_a_bill_equal_to_the_collected_tax_matches(declaration):
    deliver_816(declaration, bill_for(declaration))
    bill = TaxBill.objects.get(declaration=declaration)
    assert bill.tax_no == TAX_NO
    assert bill.bill_status == TaxBill.BillStatus.GENERATED
    assert not bill.differs
    assert not bill.is_open
    assert bill.billed_total == declaration.tax_total == bill.collected_total
    assert bill.difference == 0
    assert [row["differs"] for row in bill.lines] == [False, False]
    assert bill.receipt == CustomsReceipt.objects.get(kind="CEB816")


def test_a_line_billed_higher_is_flagged_with_amounts_and_side(declaration):
    deliver_816(declaration, bill_for(declaration, change_line=2, by=Decimal("0.03")))
    bill = TaxBill.objects.get(declaration=declaration)
    assert bill.differs
    assert bill.is_open
    assert bill.difference == Decimal("0.03")
    line = declaration.lines.get(gnum=2)
    row = next(row for row in bill.lines if row["gnum"] == 2)
    assert row == {
        "gnum": 2,
        "billed": str(line.tax_total + Decimal("0.03")),
        "collected": str(line.tax_total),
        "differs": True,
    }
    assert not next(row for row in bill.lines if row["gnum"] == 1)["differs"]


def test_lines_that_differ_with_the_same_total_are_still_flagged(declaration):
    bill = bill_for(declaration, change_line=1, by=Decimal("0.05"))
    lines = list(bill.lines)
    second = lines[1]
    lines[1] = TaxLine(
        gnum=second.gnum,
        gcode=second.gcode,
        tax_price=second.tax_price,
        customs_tax=second.customs_tax,
        value_added_tax=second.value_added_tax - Decimal("0.05"),
        consumption_tax=second.consumption_tax,
    )
    same_total = Bill(
        tax_no=TAX_NO,
        customs_tax=bill.customs_tax,
        value_added_tax=bill.value_added_tax - Decimal("0.05"),
        consumption_tax=bill.consumption_tax,
        lines=tuple(lines),
    )
    deliver_816(declaration, same_total)
    stored = TaxBill.objects.get(declaration=declaration)
    assert stored.difference == 0
    assert stored.differs
    assert stored.is_open


def test_a_bill_for_a_line_the_shop_never_declared_is_flagged(declaration):
    bill = bill_for(declaration)
    extra = TaxLine(
        gnum=9,
        gcode="3304990099",
        tax_price=Decimal("10"),
        customs_tax=Decimal("0"),
        value_added_tax=Decimal("0.91"),
        consumption_tax=Decimal("0"),
    )
    deliver_816(
        declaration,
        Bill(
            tax_no=TAX_NO,
            customs_tax=bill.customs_tax,
            value_added_tax=bill.value_added_tax + extra.value_added_tax,
            consumption_tax=bill.consumption_tax,
            lines=(*bill.lines, extra),
        ),
    )
    stored = TaxBill.objects.get(declaration=declaration)
    assert stored.differs
    assert {"gnum": 9, "billed": "0.91", "collected": None, "differs": True} in stored.lines


def test_the_same_bill_delivered_twice_is_recorded_once(declaration):
    bill = bill_for(declaration, change_line=1, by=Decimal("1.00"))
    at = timezone.now()
    deliver_816(declaration, bill, at=at)
    deliver_816(declaration, bill, at=at)
    assert TaxBill.objects.filter(declaration=declaration).count() == 1
    assert CustomsReceipt.objects.filter(status=CustomsReceipt.Status.DUPLICATE).count() == 1


def test_a_void_bill_is_recorded_and_no_longer_open(declaration):
    deliver_816(declaration, bill_for(declaration, change_line=1, by=Decimal("2.00")))
    deliver_818(declaration, status="2")
    bill = TaxBill.objects.get(declaration=declaration)
    assert bill.bill_status == TaxBill.BillStatus.SUMMARISED
    assert bill.is_open
    deliver_818(declaration, status="3", guid="C" * 8)
    bill.refresh_from_db()
    assert bill.bill_status == TaxBill.BillStatus.VOID
    assert bill.voided_at is not None
    assert not bill.is_open
    # a late status 2 never moves a void bill back
    deliver_818(declaration, status="2", guid="D" * 8)
    bill.refresh_from_db()
    assert bill.bill_status == TaxBill.BillStatus.VOID


def test_a_status_before_the_amounts_waits_for_them(declaration):
    deliver_818(declaration, status="2")
    bill = TaxBill.objects.get(declaration=declaration)
    assert bill.billed_total is None
    assert not bill.differs
    deliver_816(declaration, bill_for(declaration, change_line=1, by=Decimal("0.10")))
    bill.refresh_from_db()
    assert bill.differs
    assert bill.bill_status == TaxBill.BillStatus.SUMMARISED


# --- dashboard ---------------------------------------------------------------------------------


@pytest.fixture
def differing(declaration):
    deliver_816(declaration, bill_for(declaration, change_line=1, by=Decimal("-0.20")))
    return TaxBill.objects.get(declaration=declaration)


def test_staff_see_open_differences_with_the_side_that_is_higher(client, differing):
    client.force_login(staff_user())
    with override("zh-hans"):
        response = client.get(
            reverse("customs-dashboard:tax-bill-list"), HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
        expected = gettext("Shop higher by %(amount)s") % {"amount": currency(Decimal("0.20"))}
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index(f'id="tax_bill_{differing.pk}"') :]
    row = row[: row.index("</tr>")]
    assert differing.tax_no in row
    assert "table-warning" in html
    assert expected in row


def test_staff_settle_a_difference_with_a_note(client, differing):
    staff = staff_user()
    client.force_login(staff)
    url = reverse("customs-dashboard:tax-bill-resolve", args=[differing.pk])
    assert client.post(url, {"note": ""}).status_code == 302
    differing.refresh_from_db()
    assert differing.is_open  # a note is required
    response = client.post(
        url, {"note": "Refunded 0.20 to the guarantor", "next": "https://x.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("customs-dashboard:tax-bill-list")  # no open redirect
    differing.refresh_from_db()
    assert not differing.is_open
    assert differing.resolved_by == staff
    assert differing.resolution_note == "Refunded 0.20 to the guarantor"
    row = f'id="tax_bill_{differing.pk}"'
    open_list = client.get(reverse("customs-dashboard:tax-bill-list"))
    assert row not in open_list.content.decode()
    resolved = client.get(reverse("customs-dashboard:tax-bill-list") + "?state=resolved")
    assert row in resolved.content.decode()


def test_the_declaration_page_shows_its_tax_bill(client, differing):
    client.force_login(staff_user())
    page = client.get(
        reverse("customs-dashboard:declaration-detail", args=[differing.declaration_id])
    )
    assert page.status_code == 200
    assert f'id="tax_bill_{differing.pk}"' in page.content.decode()


def test_merchants_see_only_their_own_bills_and_cannot_settle(client, differing):
    owner = merchant_user(differing.declaration.partner)
    stranger = merchant_user(PartnerFactory())
    url = reverse("customs-dashboard:tax-bill-list")
    client.force_login(owner)
    row = f'id="tax_bill_{differing.pk}"'
    page = client.get(url).content.decode()
    assert row in page
    assert "tax-bill-resolve" not in page  # read-only for merchants
    resolve = reverse("customs-dashboard:tax-bill-resolve", args=[differing.pk])
    assert client.post(resolve, {"note": "mine"}).status_code == 403
    client.force_login(stranger)
    assert row not in client.get(url).content.decode()
    assert client.post(resolve, {"note": "not mine"}).status_code == 403
    differing.refresh_from_db()
    assert differing.is_open


def test_anonymous_visitors_are_sent_to_log_in(client, differing):
    response = client.get(reverse("customs-dashboard:tax-bill-list"))
    assert response.status_code == 302
    assert "login" in response["Location"]
    resolve = reverse("customs-dashboard:tax-bill-resolve", args=[differing.pk])
    assert client.post(resolve, {"note": "x"}).status_code == 302
    differing.refresh_from_db()
    assert differing.is_open


def test_the_simulators_bills_match_what_the_shop_collected(customs_exchange):
    """The whole loop on the embedded parts: paid → outbox → simulator → CEB816 → compared."""
    from integrations.customs.simulator import CustomsSimulator
    from shop.customs.outbox import outbox_deliver, outbox_due
    from shop.customs.receipts import receipts_receive
    from tests.factories.orders import order_pay

    buyer = shopper()
    partner = PartnerFactory()
    items = [
        (stocked_product(price="89.00", partner=partner), 1),
        (stocked_product(price="45.50", partner=partner), 3),
        (stocked_product(price="12.90", partner=partner), 2),
    ]
    order = placed_order(user=buyer, items=items)
    order_pay(order)
    for _ in range(5):
        for pk in outbox_due(now=None):
            outbox_deliver(message_id=pk)
        OutboxMessage.objects.filter(status="pending").update(next_attempt_at="2000-01-01T00:00Z")
    simulator = CustomsSimulator(customs_exchange, seed=1)
    simulator.step()
    while any(not p.name.startswith(".") for p in (customs_exchange / "in").iterdir()):
        receipts_receive()
    declaration = order.declarations.get()
    assert declaration.status == Declaration.Status.RELEASED
    bill = declaration.tax_bills.get()
    assert bill.billed_total == declaration.tax_total
    assert not bill.differs, bill.lines
