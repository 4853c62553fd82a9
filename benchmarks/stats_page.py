"""Statistics page benchmark (issue #17): the dashboard's statistics page over 100 000 orders.

    .venv/bin/python benchmarks/stats_page.py [--orders 100000] [--runs 5] [--database-url URL]

Generates orders with their lines, customs declarations (1210 and 9610, five merchants, three
warehouses, ten origins), declaration lines, release / refusal status changes, returns and
store attribution (online, kiosk, shelf QR) with ``bulk_create`` into its own PostgreSQL
database (default ``shop_stats_bench`` on the dev server at /tmp/devpg:55432; created and
migrated when missing, the data kept for the next run), then times the page
(``/en/dashboard/statistics/``) through Django's test client for zone staff and a merchant:
the default 30 days and the whole half year, grouped by day and by month. Prints a Markdown
table with the date, commit and machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@/shop_stats_bench?host=/tmp/devpg&port=55432"
BATCH = 5000
DAYS = 180


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def ensure_database(url: str) -> bool:
    """Create the database if missing; True when it was created."""
    from urllib.parse import parse_qs, urlparse

    import psycopg

    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    name = parsed.path.lstrip("/")
    with psycopg.connect(
        dbname="postgres",
        user=parsed.username or "postgres",
        host=query.get("host", [parsed.hostname])[0],
        port=query.get("port", [parsed.port])[0],
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return not exists


def generate(total: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from oscar.core.loading import get_model

    from shop.attribution.models import OrderAttribution
    from shop.customs.models import (
        Declaration,
        DeclarationLine,
        DeclarationStatusChange,
        ReturnRequest,
    )
    from shop.kiosk.models import StoreStaffMember
    from shop.stores.models import ExperienceStore
    from tests.factories.customs import FilingRecordFactory

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    Partner = get_model("partner", "Partner")
    Warehouse = get_model("partner", "Warehouse")

    have = Order.objects.filter(number__startswith="BENCH").count()
    if have >= total:
        say(f"data: {have} orders already there")
        return
    if have:
        raise SystemExit(f"{have} benchmark orders exist, fewer than {total}: drop the database")
    rng = random.Random(17)
    partners = [
        Partner.objects.create(name=f"Bench merchant {i}", code=f"bench-{i}") for i in range(5)
    ]
    warehouses = [
        Warehouse.objects.create(code="bench-hunchun", name="珲春保税仓", trade_mode="1210"),
        Warehouse.objects.create(code="bench-dalian", name="大连保税仓", trade_mode="1210"),
        Warehouse.objects.create(code="bench-incheon", name="Incheon direct", trade_mode="9610"),
    ]
    origins = ["133", "116", "502", "344", "303", "305", "110", "601", "304", "501"]
    filings = [FilingRecordFactory(origin_country=origin) for origin in origins]
    stores = [
        ExperienceStore.objects.create(
            code=f"bench-store-{i}", name=f"体验店 {i}", province="吉林", city="珲春", address="-"
        )
        for i in range(4)
    ]
    members = [
        StoreStaffMember.objects.create(store=store, code=f"S{i}{j}", display_name=f"Staff {i}{j}")
        for i, store in enumerate(stores)
        for j in range(2)
    ]
    user_model = get_user_model()
    user_model.objects.get_or_create(
        username="bench-staff", defaults={"email": "bench-staff@example.com", "is_staff": True}
    )
    merchant, _created = user_model.objects.get_or_create(
        username="bench-merchant", defaults={"email": "bench-merchant@example.com"}
    )
    partners[0].users.add(merchant)
    from django.contrib.auth.models import Permission

    merchant.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )

    now = timezone.now()
    reasons = [
        ("-301010", "订购人年度购买额度超限"),
        ("-621018", "超过年度限值"),
        ("-100", "电子订单不存在"),
        ("-301004", "订购人身份信息校验未通过"),
    ]
    started = time.perf_counter()
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        orders, lines, declarations, plans = [], [], [], []
        for i in range(made, made + size):
            placed = now - timedelta(days=rng.random() * DAYS)
            order = Order(
                number=f"BENCH{i:08d}",
                currency="CNY",
                total_incl_tax=Decimal("0"),
                total_excl_tax=Decimal("0"),
                date_placed=placed,
                status="Paid",
            )
            orders.append(order)
            merchants = rng.sample(partners, 2 if rng.random() < 0.3 else 1)
            plans.append((order, placed, merchants))
        Order.objects.bulk_create(orders)
        attributions = []
        for order, placed, merchants in plans:
            roll = rng.random()
            if roll < 0.7:
                attributions.append(OrderAttribution(order=order, channel="online"))
            elif roll < 0.9:
                member = rng.choice(members)
                attributions.append(
                    OrderAttribution(
                        order=order, channel="kiosk", store=member.store, staff_member=member
                    )
                )
            else:
                attributions.append(
                    OrderAttribution(order=order, channel="shelf_qr", store=rng.choice(stores))
                )
            for sequence, partner in enumerate(merchants, start=1):
                warehouse = rng.choice(warehouses)
                goods = []
                for _n in range(rng.choice((1, 1, 2, 3))):
                    quantity = rng.choice((1, 1, 2))
                    price = Decimal(rng.choice(("59.00", "99.00", "129.00", "268.00")))
                    line = Line(
                        order=order,
                        partner=partner,
                        partner_name=partner.name,
                        partner_sku="BENCH",
                        title="Bench goods",
                        quantity=quantity,
                        line_price_incl_tax=price * quantity,
                        line_price_excl_tax=price * quantity,
                        line_price_before_discounts_incl_tax=price * quantity,
                        line_price_before_discounts_excl_tax=price * quantity,
                        num_allocated=0,
                    )
                    lines.append(line)
                    goods.append((line, quantity, price))
                value = sum((price * quantity for _l, quantity, price in goods), Decimal("0"))
                tax = (value * Decimal("0.091")).quantize(Decimal("0.01"))
                roll = rng.random()
                status = (
                    "released"
                    if roll < 0.8
                    else "refused"
                    if roll < 0.83
                    else "cancelled"
                    if roll < 0.86
                    else "returned"
                    if roll < 0.88
                    else "declared"
                )
                declaration = Declaration(
                    order=order,
                    number=f"{order.number}-{sequence:02d}",
                    sequence=sequence,
                    partner=partner,
                    warehouse=warehouse,
                    trade_mode=warehouse.trade_mode,
                    status=status,
                    tax_regime="retail_reduced",
                    goods_value=value,
                    dutiable_value=value,
                    vat=tax,
                    tax_total=tax,
                    actual_paid=value + tax,
                    orderer_name="王芳",
                    orderer_id_number="110105194912310021",
                    orderer_id_hash=f"bench-{rng.randrange(30000)}",
                    orderer_phone="13800000000",
                    consignee_name="王芳",
                    consignee_phone="13800000000",
                    consignee_address="吉林省",
                    notice_version="2026-11",
                    notice_accepted_at=placed,
                    paid_at=placed + timedelta(minutes=2),
                )
                declarations.append((declaration, goods))
        Line.objects.bulk_create(lines)
        OrderAttribution.objects.bulk_create(attributions)
        Declaration.objects.bulk_create([d for d, _g in declarations])
        declaration_lines, changes, returns = [], [], []
        for declaration, goods in declarations:
            for gnum, (line, quantity, price) in enumerate(goods, start=1):
                declaration_lines.append(
                    DeclarationLine(
                        declaration=declaration,
                        order_line=line,
                        gnum=gnum,
                        filing_record=rng.choice(filings),
                        quantity=quantity,
                        unit_price=price,
                        goods_value=price * quantity,
                        dutiable_value=price * quantity,
                        vat=(price * quantity * Decimal("0.091")).quantize(Decimal("0.01")),
                        tax_total=(price * quantity * Decimal("0.091")).quantize(Decimal("0.01")),
                    )
                )
            if declaration.status in ("released", "returned"):
                changes.append(
                    DeclarationStatusChange(
                        declaration=declaration,
                        from_status="declared",
                        to_status="released",
                        source="CEB622",
                        code="800",
                        note="放行",
                    )
                )
            if declaration.status == "refused":
                code, note = rng.choice(reasons)
                changes.append(
                    DeclarationStatusChange(
                        declaration=declaration,
                        from_status="declared",
                        to_status="refused",
                        source="CEB622",
                        code=code,
                        note=note,
                    )
                )
            if declaration.status == "returned":
                returns.append(
                    ReturnRequest(
                        declaration=declaration,
                        reason="damaged",
                        status="accepted",
                        refund_goods=declaration.goods_value,
                        refund_tax=declaration.tax_total,
                    )
                )
        DeclarationLine.objects.bulk_create(declaration_lines)
        DeclarationStatusChange.objects.bulk_create(changes)
        ReturnRequest.objects.bulk_create(returns)
        made += size
        say(f"data: {made} orders ({time.perf_counter() - started:.0f} s)")
    # release times: 4 to 80 hours after payment (created_at is set on insert)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE shop_customs_declarationstatuschange AS c
               SET created_at = d.paid_at + (4 + (c.id % 77)) * interval '1 hour'
              FROM shop_customs_declaration AS d
             WHERE c.declaration_id = d.id
            """
        )
        cursor.execute("ANALYZE")


def measure(runs: int) -> list[tuple[str, float, float, int]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from shop.stats.selectors import CUSTOMS_TZ

    user_model = get_user_model()
    today = timezone.now().astimezone(CUSTOMS_TZ).date()
    half_year = (today - timedelta(days=DAYS)).isoformat()
    cases = [
        ("staff, last 30 days by day (default)", "bench-staff", {}),
        (
            "staff, 180 days by day",
            "bench-staff",
            {"date_from": half_year, "date_to": today.isoformat()},
        ),
        (
            "staff, 180 days by month",
            "bench-staff",
            {"date_from": half_year, "date_to": today.isoformat(), "period": "month"},
        ),
        (
            "staff, 180 days, 9610 from Korea",
            "bench-staff",
            {
                "date_from": half_year,
                "date_to": today.isoformat(),
                "trade_mode": "9610",
                "origin": "133",
            },
        ),
        (
            "merchant, 180 days by day",
            "bench-merchant",
            {"date_from": half_year, "date_to": today.isoformat()},
        ),
    ]
    results = []
    for label, username, params in cases:
        client = Client()
        client.force_login(user_model.objects.get(username=username))
        response = client.get("/en/dashboard/statistics/", params)  # warm-up
        assert response.status_code == 200, response.status_code
        times = []
        for _n in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/en/dashboard/statistics/", params)
                times.append(time.perf_counter() - started)
        results.append((label, statistics.median(times), max(times), len(queries)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--migrate", action="store_true", help="migrate an existing database (new ones always are)"
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("STATS_BENCH_DATABASE_URL", DEFAULT_URL)
    )
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings_test"
    os.environ["DATABASE_URL"] = args.database_url
    created = ensure_database(args.database_url)
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    if created or args.migrate:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        say(f"migrate: {time.perf_counter() - started:.0f} s")
    generate(args.orders)
    from django.db import connection

    from shop.customs.models import Declaration, DeclarationLine

    results = measure(args.runs)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    say()
    say(
        f"{time.strftime('%Y-%m-%d')}, commit {commit or '?'} + working tree, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL {pg_version}; {args.orders} orders, {Declaration.objects.count()} declarations, "
        f"{DeclarationLine.objects.count()} goods lines; median and max of {args.runs} runs"
    )
    say()
    say("| page | median | max | queries |")
    say("|---|---|---|---|")
    for label, median, worst, queries in results:
        say(f"| {label} | {median * 1000:.0f} ms | {worst * 1000:.0f} ms | {queries} |")


if __name__ == "__main__":
    main()
