"""Statistics dashboard (issue #17): every figure against a hand-computed value on a small data
set, merchant scoping, exports and the page's query count.

The data set (``world``), paid through the real placement and payment path; every product costs
99.00 CNY:

====  ========================================  ===========  =====================  =======================
order lines                                     channel      declarations           outcome
====  ========================================  ===========  =====================  =======================
O1    Hanbit Dalian ×1 (1210, KR)               online       H1 99.00               released 10 h after pay
O2    Hanbit Dalian ×2 + ×2 (1210, KR),         kiosk, S1,   H2 396.00              released 30 h, returned
      Taiga Hunchun ×1 (1210, JP)               staff M1     T2 99.00               cancelled
O3    Hanbit Incheon ×1 (9610, US)              shelf QR S2  H3 99.00               refused −301010
====  ========================================  ===========  =====================  =======================

O1 and O3 are paid on 2026-11-30 at 23:30 Beijing time (15:30 UTC: still the 30th in Beijing),
O2 on 2026-12-01 at 00:30 Beijing (16:30 UTC on the 30th: the 1st in Beijing).
"""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from shop.attribution.models import Channel, OrderAttribution
from shop.customs.models import Declaration, DeclarationStatusChange, ReturnRequest
from shop.customs.receipts import receipt_file_process
from shop.customs.services import declaration_transition
from shop.kiosk.models import KioskDevice, StoreStaffMember
from shop.stats.exports import cell_text
from shop.stats.selectors import StatsFilters, statistics_compute
from shop.stores.models import ExperienceStore
from tests.factories.customs import DeclarationFactory, inventory_receipt
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import (
    assortment,
    paid_orders_in_both_trade_modes,
    placed_order,
    shopper,
)

pytestmark = pytest.mark.django_db

SH = ZoneInfo("Asia/Shanghai")
DAY_30 = datetime.date(2026, 11, 30)
DAY_1 = datetime.date(2026, 12, 1)
PAID_LATE_30 = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=SH)
PAID_EARLY_1 = datetime.datetime(2026, 12, 1, 0, 30, tzinfo=SH)
RANGE = {"date_from": "2026-11-25", "date_to": "2026-12-02"}


def _receipt(declaration, status, info):
    data = inventory_receipt(declaration, status, info, at=timezone.now())
    assert receipt_file_process(name=f"CEB622-{declaration.pk}-{status}.xml", data=data)


def _released_after(declaration, hours):
    _receipt(declaration, "800", "放行")
    DeclarationStatusChange.objects.filter(declaration=declaration, to_status="released").update(
        created_at=declaration.paid_at + datetime.timedelta(hours=hours)
    )


@pytest.fixture
def world(settings):
    settings.SHOP_MAX_UNPAID_ORDERS = 10
    goods = assortment()
    # origins: Dalian goods Korean, Hunchun goods Japanese, Incheon goods American
    for product, origin in (
        (goods.dalian_bonded, "133"),
        (goods.hunchun_bonded, "116"),
        (goods.incheon_direct, "502"),
    ):
        filing = product.stockrecords.get().filing_record
        type(filing).objects.filter(pk=filing.pk).update(origin_country=origin)
    buyer = shopper()
    o1, o2, o3 = paid_orders_in_both_trade_modes(user=buyer, goods=goods)
    # the second Dalian product of O2 got its own filing: Korean too
    for line in o2.lines.filter(partner=goods.hanbit):
        filing = line.declaration_line.filing_record
        type(filing).objects.filter(pk=filing.pk).update(origin_country="133")
    Declaration.objects.filter(order__in=[o1, o3]).update(paid_at=PAID_LATE_30)
    Declaration.objects.filter(order=o2).update(paid_at=PAID_EARLY_1)

    store_1 = ExperienceStore.objects.create(
        code="s1", name="珲春体验店", province="吉林", city="珲春", address="x"
    )
    store_2 = ExperienceStore.objects.create(
        code="s2", name="Changchun store", province="吉林", city="长春", address="y"
    )
    member = StoreStaffMember.objects.create(store=store_1, code="M1", display_name="Li")
    kiosk = KioskDevice.objects.create(store=store_1, name="K1")
    # placement records every order as online; O2 came from a kiosk, O3 from a shelf label
    OrderAttribution.objects.update_or_create(
        order=o2,
        defaults={
            "channel": Channel.KIOSK,
            "store": store_1,
            "device": kiosk,
            "staff_member": member,
        },
    )
    OrderAttribution.objects.update_or_create(
        order=o3, defaults={"channel": Channel.SHELF_QR, "store": store_2}
    )

    h1 = o1.declarations.get()
    h2 = o2.declarations.get(partner=goods.hanbit)
    t2 = o2.declarations.get(partner=goods.taiga)
    h3 = o3.declarations.get()
    for declaration in (h1, h2, t2, h3):
        declaration.refresh_from_db()
    _released_after(h1, 10)
    _released_after(h2, 30)
    _receipt(h3, "-301010", "订购人年度购买额度超限")
    declaration_transition(declaration=t2, to="cancelled", note="shopper cancelled")
    ReturnRequest.objects.create(
        declaration=h2,
        reason="damaged",
        status=ReturnRequest.Status.ACCEPTED,
        refund_goods=Decimal("198.00"),
        refund_freight=Decimal("0.00"),
        refund_tax=Decimal("18.02"),
    )
    ReturnRequest.objects.create(declaration=h1, reason="changed_mind")  # still waiting
    declaration_transition(declaration=h2, to="returned", note="return accepted")
    return {
        "goods": goods,
        "orders": (o1, o2, o3),
        "declarations": {"h1": h1, "h2": h2, "t2": t2, "h3": h3},
        "stores": (store_1, store_2),
        "member": member,
        "buyer": buyer,
    }


def _filters(user, **kwargs):
    return StatsFilters(
        user=user,
        date_from=DAY_30 - datetime.timedelta(days=5),
        date_to=DAY_1 + datetime.timedelta(days=1),
        **kwargs,
    )


def _tax(*declarations):
    """Import tax as the declarations' lines carry it (computed by the tax engine at checkout)."""
    return sum((line.tax_total for d in declarations for line in d.lines.all()), Decimal("0.00"))


def test_hand_computed_figures_for_staff(world):
    staff = zone_staff()
    d = world["declarations"]
    stats = statistics_compute(filters=_filters(staff))
    # 3 orders; goods 99 + (396 + 99) + 99 = 693.00; average 693 / 3 = 231.00
    assert stats.summary["orders"] == 3
    assert stats.summary["goods_value"] == Decimal("693.00")
    assert stats.summary["average_basket"] == Decimal("231.00")
    # retail import tax = VAT 13 % × 70 % = 9.1 % of the dutiable value (goods + freight share):
    # H1 107.00 → 9.74; H2 2 × 198.00 (free freight) → 2 × 18.02; T2 107.00 → 9.74;
    # H3 99 + 30 direct-mail freight = 129.00 → 11.74; total 67.26
    assert _tax(*d.values()) == Decimal("67.26")
    assert stats.summary["import_tax"] == Decimal("67.26")

    by_mode = {row["key"]: row for row in stats.breakdowns["trade_mode"]}
    assert by_mode["1210"]["orders"] == 2
    assert by_mode["1210"]["goods_value"] == Decimal("594.00")
    assert by_mode["9610"]["orders"] == 1
    assert by_mode["9610"]["goods_value"] == Decimal("99.00")
    by_origin = {row["key"]: row["goods_value"] for row in stats.breakdowns["origin"]}
    assert by_origin == {"133": Decimal("495.00"), "116": Decimal("99.00"), "502": Decimal("99.00")}
    by_merchant = {
        row["name"]: (row["orders"], row["goods_value"]) for row in stats.breakdowns["merchant"]
    }
    assert by_merchant == {
        "Hanbit Global Trading": (3, Decimal("594.00")),
        "Taiga & Sakura Imports": (1, Decimal("99.00")),
    }
    by_channel = {
        row["key"]: (row["orders"], row["goods_value"]) for row in stats.breakdowns["channel"]
    }
    assert by_channel == {
        "online": (1, Decimal("99.00")),
        "kiosk": (1, Decimal("495.00")),
        "shelf_qr": (1, Decimal("99.00")),
    }
    by_store = {row["name"]: row["goods_value"] for row in stats.breakdowns["store"]}
    assert by_store == {"珲春体验店": Decimal("495.00"), "Changchun store": Decimal("99.00")}
    assert [(r["name"], r["goods_value"]) for r in stats.breakdowns["staff_member"]] == [
        ("Li", Decimal("495.00"))
    ]

    # Beijing days: O1 and O3 on the 30th (15:30 UTC), O2 on the 1st (16:30 UTC on the 30th)
    by_day = {row["period"]: (row["orders"], row["goods_value"]) for row in stats.over_time}
    assert by_day[DAY_30] == (2, Decimal("198.00"))
    assert by_day[DAY_1] == (1, Decimal("495.00"))
    assert len(stats.over_time) == 8  # every day of the range, empty ones included
    assert sum(orders for orders, _goods in by_day.values()) == 3

    # customs outcomes of the 4 declarations
    assert stats.outcomes == {
        "paid": 4,
        "released": 1,  # H1 (H2 was released, then returned)
        "refused": 1,
        "cancelled": 1,
        "returned": 1,
    }
    assert stats.refusals == [{"code": "-301010", "note": "订购人年度购买额度超限", "count": 1}]
    # releases after 10 h and 30 h: median 20 h, p95 = 10 + 0.95 × 20 = 29 h
    assert stats.release["count"] == 2
    assert stats.release["median"] == datetime.timedelta(hours=20)
    assert stats.release["p95"] == datetime.timedelta(hours=29)

    # returns: 2 asked, 1 accepted of 4 paid declarations = 25 %
    assert stats.returns["requested"] == 2
    assert stats.returns["accepted"] == 1
    assert stats.returns["rate"] == Decimal("0.2500")
    assert stats.returns["refund_total"] == Decimal("216.02")
    assert stats.returns["refund_tax"] == Decimal("18.02")


def test_filters_by_trade_mode_origin_store_and_warehouse(world):
    staff = zone_staff()
    goods = world["goods"]
    direct = statistics_compute(filters=_filters(staff, trade_mode="9610"))
    assert (direct.summary["orders"], direct.summary["goods_value"]) == (1, Decimal("99.00"))
    assert direct.outcomes["refused"] == 1
    assert direct.outcomes["paid"] == 1
    japanese = statistics_compute(filters=_filters(staff, origin="116"))
    assert (japanese.summary["orders"], japanese.summary["goods_value"]) == (1, Decimal("99.00"))
    assert japanese.outcomes["cancelled"] == 1
    assert japanese.outcomes["paid"] == 1
    in_store_1 = statistics_compute(filters=_filters(staff, store=world["stores"][0]))
    assert in_store_1.summary["goods_value"] == Decimal("495.00")
    dalian = statistics_compute(filters=_filters(staff, warehouse=goods.dalian))
    assert dalian.summary["goods_value"] == Decimal("495.00")
    assert dalian.summary["orders"] == 2
    taiga = statistics_compute(filters=_filters(staff, partner=goods.taiga))
    assert taiga.summary["goods_value"] == Decimal("99.00")
    # the day outside the range
    outside = StatsFilters(user=staff, date_from=DAY_1, date_to=DAY_1)
    assert statistics_compute(filters=outside).summary["orders"] == 1


def test_quota_use_counts_orderers_near_the_limit(world):
    """Orderers at 21 000 (80.8 %), 24 700 (95 %), 26 000 (100 %) and 5 000 CNY, plus the
    buyer's small orders; a refused 30 000 does not count, last year's 26 000 neither."""
    now = timezone.now()
    for key, value, status in (
        ("a", "21000.00", "released"),
        ("b", "24700.00", "paid"),
        ("c", "26000.00", "declared"),
        ("d", "5000.00", "released"),
        ("e", "30000.00", "refused"),
    ):
        DeclarationFactory(orderer_id_hash=key, dutiable_value=Decimal(value), status=status)
    old = DeclarationFactory(orderer_id_hash="f", dutiable_value=Decimal("26000.00"))
    Declaration.objects.filter(pk=old.pk).update(created_at=now.replace(year=now.year - 1))
    stats = statistics_compute(
        filters=StatsFilters(user=zone_staff(), date_from=now.date(), date_to=now.date())
    )
    assert stats.quota["at_80"] == 3
    assert stats.quota["at_95"] == 2
    assert stats.quota["at_100"] == 1
    assert stats.quota["orderers"] == 5  # a, b, c, d and the buyer


def test_merchant_sees_only_its_own_lines(world, client):
    goods = world["goods"]
    taiga = merchant_user(goods.taiga)
    stats = statistics_compute(filters=_filters(taiga))
    # O2 is shared: Hanbit's 396.00 in it never counts for Taiga
    assert stats.summary == {
        "orders": 1,
        "goods_value": Decimal("99.00"),
        "import_tax": Decimal("9.74"),
        "average_basket": Decimal("99.00"),
    }
    assert "merchant" not in stats.breakdowns
    assert stats.quota is None
    assert stats.payment_refunds is None
    assert stats.outcomes["cancelled"] == 1
    assert stats.outcomes["paid"] == 1
    assert stats.release["count"] == 0
    assert stats.refusals == []
    hanbit = statistics_compute(filters=_filters(merchant_user(goods.hanbit)))
    assert hanbit.summary["goods_value"] == Decimal("594.00")
    assert hanbit.summary["orders"] == 3
    # a merchant cannot pick another merchant through the form
    client.force_login(taiga)
    response = client.get("/en/dashboard/statistics/", {**RANGE, "merchant": goods.hanbit.pk})
    assert response.status_code == 200
    assert response.context["stats"].summary["goods_value"] == Decimal("99.00")
    html = response.content.decode()
    assert "Hanbit" not in html
    assert 'name="merchant"' not in html


def test_page_shows_the_figures_charts_and_tables(world, client):
    client.force_login(zone_staff())
    with translation.override("en"):
        response = client.get("/en/dashboard/statistics/", RANGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "693.00" in html
    assert "231.00" in html
    assert html.count("<svg") >= 4
    assert '<title id="line-goods_value-title">Goods value (CNY)</title>' in html
    assert "订购人年度购买额度超限" in html
    assert "Shelf label QR code" in html
    # the export links carry the filters
    assert "table=by_channel&amp;format=csv&amp;date_from=2026-11-25" in html


def test_page_in_russian_uses_translated_labels_and_plain_svg_numbers(world, client):
    """Russian writes 412,5: the charts' coordinates must stay 412.5 (else nothing is drawn)."""
    import re

    from django.utils.translation import gettext

    client.force_login(zone_staff())
    html = client.get("/ru/dashboard/statistics/", RANGE).content.decode()
    with translation.override("ru"):
        assert f"<h1>{gettext('Statistics')}</h1>" in html
        assert "693,00" in html  # figures in the Russian way
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 4
    joined = "".join(svgs)
    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', joined)
    assert numbers
    assert all(re.fullmatch(r"-?\d+(?:\.\d+)?", value) for value in numbers), numbers
    pair = r"-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?"
    for points in re.findall(r' points="([^"]*)"', joined):
        assert re.fullmatch(rf"{pair}(?: {pair})*", points), points


def test_csv_and_xlsx_exports(world, client):
    client.force_login(zone_staff())
    response = client.get(
        "/en/dashboard/statistics/export/", {**RANGE, "table": "by_channel", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'filename="statistics-by_channel-2026-11-25-2026-12-02.csv"'
        in response["Content-Disposition"]
    )
    text = response.content.decode("utf-8-sig")
    rows = [line.split(",") for line in text.strip().splitlines()]
    assert rows[0][:3] == ["Channel", "Orders", "Goods value (CNY)"]
    assert [
        "Kiosk",
        "1",
        "495.00",
        str(_tax(world["declarations"]["h2"], world["declarations"]["t2"])),
        "495.00",
    ] in rows
    response = client.get(
        "/en/dashboard/statistics/export/", {**RANGE, "table": "by_merchant", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Merchant"
    assert ["Hanbit Global Trading", 3, Decimal("594.00")] == [
        values[1][0],
        values[1][1],
        Decimal(str(values[1][2])).quantize(Decimal("0.01")),
    ]
    # no personal data anywhere in any table
    for table in ("summary", "over_time", "refusals", "returns", "quota", "by_staff_member"):
        text = client.get(
            "/en/dashboard/statistics/export/", {**RANGE, "table": table}
        ).content.decode("utf-8-sig")
        assert "王芳" not in text
        assert "1101051949" not in text
    assert client.get("/en/dashboard/statistics/export/", {"table": "nope"}).status_code == 404


def test_merchant_export_is_scoped(world, client):
    client.force_login(merchant_user(world["goods"].taiga))
    text = client.get(
        "/en/dashboard/statistics/export/", {**RANGE, "table": "by_trade_mode"}
    ).content.decode("utf-8-sig")
    assert "99.00" in text
    assert "495.00" not in text
    assert "594.00" not in text
    assert (
        client.get(
            "/en/dashboard/statistics/export/", {**RANGE, "table": "by_merchant"}
        ).status_code
        == 404
    )


def test_csv_escapes_formulas_but_keeps_negative_codes():
    assert cell_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell_text("@SUM(A1)") == "'@SUM(A1)"
    assert cell_text("-301010") == "-301010"
    assert cell_text("-cmd") == "'-cmd"
    assert cell_text(Decimal("1.50")) == "1.50"


def test_page_query_count_does_not_grow_with_orders(world, client, django_assert_max_num_queries):
    client.force_login(zone_staff())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/dashboard/statistics/", RANGE).status_code == 200
        return len(queries)

    before = count()
    goods = world["goods"]
    buyer = shopper("second@example.com")
    for _ in range(3):
        order = placed_order(
            user=buyer, items=[(goods.dalian_bonded, 1), (goods.hunchun_bonded, 1)], paid=True
        )
        Declaration.objects.filter(order=order).update(paid_at=PAID_EARLY_1)
    after = count()
    assert after == before
    assert (
        statistics_compute(filters=_filters(zone_staff(email="z2@example.com"))).summary["orders"]
        == 6
    )


def test_statistics_need_dashboard_access(client, world):
    response = client.get("/en/dashboard/statistics/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    client.force_login(world["buyer"])
    assert client.get("/en/dashboard/statistics/").status_code == 403
    merchant = merchant_user(world["goods"].taiga)
    client.force_login(merchant)
    assert client.get("/en/dashboard/statistics/health/").status_code == 403


def test_bad_range_falls_back_to_the_default_and_says_so(client, world):
    client.force_login(zone_staff())
    response = client.get(
        "/en/dashboard/statistics/", {"date_from": "2026-12-05", "date_to": "2026-12-01"}
    )
    assert response.status_code == 200
    assert "The start of the range is after its end." in response.content.decode()
    filters = response.context["filters"]
    assert (filters.date_to - filters.date_from).days == 29
