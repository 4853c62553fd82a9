"""Customs pipeline benchmark: how fast the shop produces customs messages.

    .venv/bin/python benchmarks/customs_pipeline.py [--sets 200] [--declarations 60]

(a) message sets per second with the pure builders (no Django): CEB311 + 411 + 511 + 621 built,
    signed (embedded SM2 signer) and validated against the official XSD, signature included; and,
    interleaved set by set in the same run, the same sets built and validated unsigned.
(b) latency from marking a declaration paid (the payment service's transaction commits) to its
    four signed files being in ``<exchange>/out/``, the delivery done by calling
    ``outbox_deliver`` for each message in order, as the ``customs`` worker does. Django with
    ``shop.settings_test`` on an on-disk SQLite database in a temporary folder; one orderer
    per order so the annual quota never interferes.
(c) the local customs simulator answering those declarations (one pass over ``out/``).

Prints a table; nothing is written outside the temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# --- (a) pure builders ------------------------------------------------------------------------


def declaration_set(number: int):
    from integrations.customs.messages import (
        BONDED,
        Consignee,
        DeclarationSet,
        GoodsLine,
        InventoryData,
        OrderData,
        Party,
        PaymentData,
        Person,
        Transmitter,
        WaybillData,
    )

    d = Decimal
    platform_ = Party("2101960001", "东北亚跨境购电子商务平台有限公司")
    merchant = Party("2101960002", "首尔美妆（大连）贸易有限公司")
    payer = Party("31222699S7", "支付宝（中国）网络技术有限公司")
    courier = Party("2102980012", "东北亚速运有限公司")
    buyer = Person("李明", "220104199003071234", "13904310001")
    consignee = Consignee("李明", "13904310001", "吉林省长春市朝阳区人民大街1000号", "220104")
    lines = tuple(
        GoodsLine(
            gnum=gnum,
            item_name=f"韩国面霜{gnum}号",
            g_model=f"品牌{gnum}|面霜|50ml/瓶",
            qty=d(2),
            unit="142",
            price=d("88.00"),
            total_price=d("176.00"),
            country="133",
            item_no=f"SKU-{gnum}",
            g_code="3304990099",
            qty1=d("0.1"),
            unit1="035",
            item_record_no=f"EMS-{gnum:04d}",
        )
        for gnum in (1, 2, 3)
    )
    order_no = f"BENCH{number:08d}-01"
    freight, goods = d("10.00"), d("528.00")
    tax = d("48.96")
    paid = goods + freight + tax
    moment = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    return DeclarationSet(
        app_time=moment,
        sender=Transmitter(platform_.code, platform_.name, "DXPENT0000123456"),
        order=OrderData(
            order_no=order_no,
            ebp=platform_,
            ebc=merchant,
            goods_value=goods,
            freight=freight,
            discount=d(0),
            tax_total=tax,
            actual_paid=paid,
            buyer_reg_no="user-1",
            buyer=buyer,
            consignee=consignee,
            lines=lines,
            pay=payer,
            pay_transaction_id=f"PAY{number:012d}",
        ),
        payment=PaymentData(
            pay=payer,
            pay_transaction_id=f"PAY{number:012d}",
            order_no=order_no,
            ebp=platform_,
            payer=buyer,
            amount_paid=paid,
            pay_time=moment - timedelta(minutes=1),
        ),
        waybill=WaybillData(
            logistics=courier,
            logistics_no=f"LN{number:012d}",
            order_no=order_no,
            consignee=consignee,
            weight=d("1.2"),
            freight=freight,
        ),
        inventory=InventoryData(
            order_no=order_no,
            ebp=platform_,
            ebc=merchant,
            logistics=courier,
            logistics_no=f"LN{number:012d}",
            cop_no=order_no,
            assure_code=merchant.code,
            customs_code="0900",
            port_code="0900",
            buyer=buyer,
            consignee_address=consignee.address,
            agent=Party("2102180007", "东北亚报关服务有限公司"),
            trade_mode=BONDED,
            traf_mode="4",
            country="142",
            freight=freight,
            insured_fee=d(0),
            gross_weight=d("1.2"),
            net_weight=d("1.0"),
            lines=lines,
            area=Party("2102660005", "大连保税区东北亚供应链仓储有限公司"),
            ems_no="T0900W000123",
        ),
    )


def bench_builders(count: int) -> dict:
    """Signed and unsigned sets in one run, interleaved set by set, so both rates see the same
    machine state: signed = build + sign + validate (signature included), unsigned = build +
    validate (``allow_unsigned``)."""
    from integrations.customs.messages import build_message, new_guid, validate
    from integrations.customs.signing import Sm2Signer, generate_test_identity

    signer = Sm2Signer(generate_test_identity())
    kinds = ("CEB311", "CEB411", "CEB511", "CEB621")
    phases = {"build": 0.0, "sign": 0.0, "validate": 0.0}
    unsigned = 0.0
    for number in range(3):  # warm-up: XSD parsing, caches
        for kind in kinds:
            validate(signer.sign(build_message(kind, declaration_set(number), guid=new_guid())))
    for number in range(count):
        data = declaration_set(number)
        for kind in kinds:
            t0 = time.perf_counter()
            xml = build_message(kind, data, guid=new_guid(), check=False)
            t1 = time.perf_counter()
            signed = signer.sign(xml)
            t2 = time.perf_counter()
            validate(signed)
            t3 = time.perf_counter()
            phases["build"] += t1 - t0
            phases["sign"] += t2 - t1
            phases["validate"] += t3 - t2
        t0 = time.perf_counter()
        for kind in kinds:
            validate(build_message(kind, data, guid=new_guid(), check=False), allow_unsigned=True)
        unsigned += time.perf_counter() - t0
    return {"count": count, "elapsed": sum(phases.values()), "phases": phases, "unsigned": unsigned}


# --- (b) paid → four files in out/ --------------------------------------------------------------


def django_setup(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings_test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    class NoMigrations:  # tables straight from the models, as the test suite does
        def __contains__(self, item):
            return True

        def __getitem__(self, item):
            return None

    settings.MIGRATION_MODULES = NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0)
    from wagtail.models import Locale, Page, Site

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        home = root.add_child(instance=Page(title="Home", slug="home", locale=locale))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


def unpaid_declarations(count: int) -> list:
    from django.contrib.auth import get_user_model
    from oscar.core.loading import get_model

    from shop.core.identity import resident_id_check_char
    from shop.customs import services
    from shop.demo.orders import DEMO_CONSIGNEE, order_place
    from shop.demo.services import demo_load

    demo_load(images=False, password_for=lambda role: f"bench-{role}")
    stock = get_model("partner", "StockRecord")
    records = stock.objects.filter(
        partner__code="hanbit",
        warehouse__code="dalian-bonded",
        filing_record__status="approved",
        filing_record__on_positive_list=True,
        num_in_stock__gt=count,
        price__lte=300,
    ).select_related("product")[:2]
    products = [record.product for record in records]
    if not products:
        raise SystemExit("no demo product to order")
    user_model = get_user_model()
    declarations = []
    for number in range(count):
        user = user_model.objects.create_user(
            username=f"bench{number}", email=f"bench{number}@example.com", password="x"
        )
        born = date(1990, 1, 1) + timedelta(days=number // 1000)
        first17 = f"220104{born:%Y%m%d}{number % 1000:03d}"
        identity = services.orderer_identity_save(
            user=user,
            name="李明",
            id_number=first17 + resident_id_check_char(first17),
            phone="13904310001",
        )
        product = products[number % len(products)]
        order = order_place(
            user=user,
            items=[(product, 1)],
            identity=identity,
            consignee=DEMO_CONSIGNEE,
            paid=False,
        )
        declarations.extend(order.declarations.all())
    return declarations[:count]


def bench_paid_to_out(count: int) -> dict:
    from django.conf import settings
    from django.db import transaction

    from shop.customs.models import OutboxMessage
    from shop.customs.outbox import outbox_deliver
    from shop.customs.services import declaration_mark_paid

    out = Path(settings.CUSTOMS_EXCHANGE_DIR) / "out"
    declarations = unpaid_declarations(count + 2)
    latencies, commits = [], []
    for number, declaration in enumerate(declarations):
        started = time.perf_counter()
        with transaction.atomic():  # the payment service's transaction
            declaration_mark_paid(
                declaration=declaration, payment_transaction_id=f"BENCHPAY{number:012d}"
            )
        committed = time.perf_counter()
        messages = list(OutboxMessage.objects.filter(declaration=declaration).order_by("sequence"))
        for message in messages:  # the worker runs the enqueued tasks in this order
            result = outbox_deliver(message_id=message.pk)
            if result != "sent":
                raise SystemExit(f"{message.kind}: {result}")
        if not all((out / f"{m.guid}.xml").exists() for m in messages) or len(messages) != 4:
            raise SystemExit("not all four files are in out/")
        done = time.perf_counter()
        if number >= 2:  # the first two warm caches (XSD, signer identity, templates)
            latencies.append(done - started)
            commits.append(committed - started)
    return {"count": len(latencies), "latencies": latencies, "commits": commits, "out": out}


def bench_simulator(out: Path) -> dict:
    from integrations.customs.simulator import CustomsSimulator

    files = len(list(out.glob("*.xml")))
    simulator = CustomsSimulator(out.parent, seed=1)
    started = time.perf_counter()
    log = simulator.step()
    elapsed = time.perf_counter() - started
    released = sum("CEB622 800" in line for line in log)
    return {"files": files, "elapsed": elapsed, "released": released}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=200, help="message sets for (a)")
    parser.add_argument("--declarations", type=int, default=60, help="declarations for (b)")
    options = parser.parse_args()

    a = bench_builders(options.sets)
    from integrations.customs.signing import sm2

    with tempfile.TemporaryDirectory(prefix="customs-bench-") as folder:
        django_setup(Path(folder))
        b = bench_paid_to_out(options.declarations)
        c = bench_simulator(b["out"])

    ms = [x * 1000 for x in b["latencies"]]
    commit_ms = [x * 1000 for x in b["commits"]]
    per_set = a["elapsed"] / a["count"] * 1000
    phases = {k: v / a["count"] * 1000 for k, v in a["phases"].items()}
    say(f"customs pipeline benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    say(f"Python {platform.python_version()}, {os.cpu_count()} CPU(s), {platform.machine()}")
    say(f"SM2 implementation: {sm2.IMPLEMENTATION.name}")
    say()
    say("| measure | value |")
    say("|---|---|")
    say(
        f"| (a) sets 311+411+511+621 built + signed + validated | "
        f"{a['count'] / a['elapsed']:.1f} sets/s ({per_set:.1f} ms/set, n={a['count']}) |"
    )
    say(
        f"| (a) the same sets built + validated, unsigned | "
        f"{a['count'] / a['unsigned']:.1f} sets/s "
        f"(signed ÷ unsigned rate: {a['unsigned'] / a['elapsed']:.2f}) |"
    )
    say(
        "| (a) per set: build / sign / validate | "
        + " / ".join(f"{phases[k]:.1f} ms" for k in ("build", "sign", "validate"))
        + " |"
    )
    say(
        f"| (b) paid → 4 files in out/, median | {statistics.median(ms):.1f} ms "
        f"(n={b['count']}, SQLite on disk) |"
    )
    say(f"| (b) paid → 4 files in out/, p95 | {percentile(ms, 0.95):.1f} ms |")
    say(f"| (b) of which marking paid (commit) | {statistics.median(commit_ms):.1f} ms median |")
    say(
        f"| (c) simulator, one pass over {c['files']} files | {c['elapsed'] * 1000:.0f} ms "
        f"({c['released']} released, {c['files'] / c['elapsed']:.0f} messages/s) |"
    )


if __name__ == "__main__":
    main()
