"""Latency of the database search backend on PostgreSQL with a 10 000-product catalogue (issue #13).

    DATABASE_URL='postgres://postgres@/shop_searchdb?host=/tmp/devpg&port=55432' \\
        .venv/bin/python benchmarks/search_db.py [--products 10000] [--runs 40] [--explain]

Creates the database ``test_<name>_bench`` next to DATABASE_URL's (tables from the models, as the
test suite does; dropped afterwards unless --keep), generates a catalogue titled in the five
languages (20 kinds of goods × 8 qualifiers × 40 brands, descriptions, 24 categories, 1210 and 9610
offers with prices and stock), indexes it with ``index_products`` (timed) and measures
``DatabaseProductSearch.search`` for queries in each language - 1- and 2-character CJK ones
included - without and with all six facets, plus ``suggest``. Prints a Markdown table.
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
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings_test")

LANGS = ("zh-hans", "ko", "ja", "ru", "en")
KINDS = [  # zh, ko, ja, ru, en
    ("面膜", "마스크팩", "フェイスマスク", "тканевая маска", "sheet mask"),
    ("面霜", "크림", "クリーム", "крем", "cream"),
    ("绿茶", "녹차", "緑茶", "зелёный чай", "green tea"),
    ("巧克力", "초콜릿", "チョコレート", "шоколад", "chocolate"),
    ("拉面", "라면", "ラーメン", "лапша", "ramen noodles"),
    ("海苔", "김", "海苔", "морские водоросли", "seaweed snack"),
    ("饼干", "쿠키", "クッキー", "печенье", "cookies"),
    ("蜂蜜", "꿀", "はちみつ", "мёд", "honey"),
    ("咖啡", "커피", "コーヒー", "кофе", "coffee"),
    ("洗发水", "샴푸", "シャンプー", "шампунь", "shampoo"),
    ("牙膏", "치약", "歯磨き粉", "зубная паста", "toothpaste"),
    ("精华液", "세럼", "美容液", "сыворотка", "serum"),
    ("防晒霜", "선크림", "日焼け止め", "солнцезащитный крем", "sunscreen"),
    ("红参", "홍삼", "紅参", "красный женьшень", "red ginseng"),
    ("果酱", "잼", "ジャム", "варенье", "jam"),
    ("糖果", "사탕", "キャンディ", "конфеты", "candy"),
    ("茶包", "티백", "ティーバッグ", "чайные пакетики", "tea bags"),
    ("护手霜", "핸드크림", "ハンドクリーム", "крем для рук", "hand cream"),
    ("口红", "립스틱", "口紅", "помада", "lipstick"),
    ("维生素", "비타민", "ビタミン", "витамины", "vitamins"),
]
QUALIFIERS = [
    ("保湿", "수분", "保湿", "увлажняющий", "moisturizing"),
    ("舒缓", "진정", "鎮静", "успокаивающий", "soothing"),
    ("经典", "클래식", "クラシック", "классический", "classic"),
    ("有机", "유기농", "オーガニック", "органический", "organic"),
    ("迷你", "미니", "ミニ", "мини", "mini"),
    ("限定", "한정", "限定", "лимитированный", "limited"),
    ("无糖", "무설탕", "無糖", "без сахара", "sugar-free"),
    ("家庭装", "대용량", "大容量", "большая упаковка", "family pack"),
]
BRANDS = (
    "Mediheal Abib Lotte Nongshim Orion Shiseido Kao Meiji Sulwhasoo Innisfree Laneige Amorepacific"
    " Cosrx Missha Etude Binggrae Ottogi Samyang Haitai Crown Glico Morinaga Calbee Kose Rohto"
    " Pigeon Kanebo Fancl Nissin Yakult"
).split() + ["Красный Октябрь", "Алёнка", "Бабаевский", "Рот Фронт", "Натура Сиберика",
             "Чистая линия", "Коркунов", "Славянка", "Акконд", "Essen"]  # fmt: skip
ORIGINS = {"ko": "133", "ja": "116", "ru": "344"}
DESCRIPTION = {
    "zh-hans": "<p>{kind}，原装进口，保税仓发货。</p>",
    "ko": "<p>{kind} 정품 수입, 보세창고 발송.</p>",
    "ja": "<p>{kind}、正規輸入品、保税倉庫から発送。</p>",
    "ru": "<p>{kind}: оригинальный импорт, отправка со склада.</p>",
    "en": "<p>{kind}, genuine import, shipped from a bonded warehouse.</p>",
}
QUERIES = [  # language, text, note
    ("zh-hans", "茶", "1 Han character"),
    ("zh-hans", "面膜", "2 Han characters"),
    ("zh-hans", "巧克力", "3 Han characters"),
    ("zh-hans", "保湿 面膜", "two terms"),
    ("ko", "김", "1 Hangul syllable"),
    ("ko", "홍삼", "2 Hangul syllables"),
    ("ko", "마스크팩", "4 syllables"),
    ("ja", "緑茶", "2 kanji"),
    ("ja", "チョコ", "kana prefix"),
    ("ja", "ちょこ", "hiragana for katakana"),
    ("ru", "шоколад", "Cyrillic word"),
    ("ru", "крем", "Cyrillic, many hits"),
    ("ru", "Алёнка", "Cyrillic brand"),
    ("en", "chocolate", "Latin word"),
    ("en", "green tea", "two words"),
    ("en", "mediheal mask", "brand + word"),
    ("en", "", "browse, no text"),
    ("en", "chocolatte", "misspelt: 0 hits + alternatives"),
]
SUGGEST = [
    ("zh-hans", "面"),
    ("ko", "홍"),
    ("ko", "맛"),
    ("ja", "チョ"),
    ("ru", "шок"),
    ("en", "me"),
]


def say(text=""):
    sys.stdout.write(f"{text}\n")


def build_catalogue(n, rng):
    from django.utils.text import slugify
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Partner = get_model("partner", "Partner")
    Warehouse = get_model("partner", "Warehouse")
    StockRecord = get_model("partner", "StockRecord")

    product_class = ProductClass.objects.create(name="Imported goods", track_stock=True)
    categories = []
    for i in range(4):
        root = Category.add_root(name=f"大类 {i}", slug=f"root-{i}")
        categories += [root.add_child(name=f"类别 {i}-{j}", slug=f"c-{i}-{j}") for j in range(5)]
    partner = Partner.objects.create(name="Bench", code="bench")
    bonded = Warehouse.objects.create(code="bonded", name="保税仓", trade_mode="1210")
    direct = Warehouse.objects.create(code="direct", name="直邮仓", trade_mode="9610")

    products = []
    for i in range(n):
        kind_index = rng.randrange(len(KINDS))
        kind, qualifier = KINDS[kind_index], rng.choice(QUALIFIERS)
        brand = rng.choice(BRANDS)
        size = rng.choice(["50ml", "100g", "10片", "5袋", "200g", "1kg"])
        titles = {lang: f"{brand} {qualifier[k]} {kind[k]} {size}" for k, lang in enumerate(LANGS)}
        fields = {}
        for k, lang in enumerate(LANGS):
            suffix = lang.replace("-", "_")
            fields[f"title_{suffix}"] = titles[lang]
            fields[f"description_{suffix}"] = DESCRIPTION[lang].format(kind=kind[k])
        products.append(
            Product(
                structure="standalone",
                product_class=product_class,
                upc=f"880{i:010d}",
                title=titles["zh-hans"],
                slug=slugify(titles["en"])[:120] or f"p-{i}",
                is_public=rng.random() > 0.03,
                customs_name=titles["zh-hans"],
                hs_code="3304990099",
                origin_country=rng.choice(["133", "133", "116", "344", "304"]),
                brand=brand,
                **fields,
            )
        )
    products = Product.objects.bulk_create(products, batch_size=1000)
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=p, category=rng.choice(categories)) for p in products],
        batch_size=2000,
    )
    records = []
    for i, product in enumerate(products):
        warehouses = [bonded] if rng.random() < 0.7 else [direct]
        if rng.random() < 0.15:
            warehouses = [bonded, direct]
        for j, warehouse in enumerate(warehouses):
            records.append(
                StockRecord(
                    product=product,
                    partner=partner,
                    partner_sku=f"sku-{i}-{j}",
                    warehouse=warehouse,
                    price_currency="CNY",
                    price=Decimal(rng.randrange(990, 150000)) / 100,
                    num_in_stock=rng.choice([0, 5, 20, 100]),
                )
            )
    StockRecord.objects.bulk_create(records, batch_size=2000)
    return [p.pk for p in products]


def measure(fn, runs):
    for _ in range(3):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def explain(sql_fn):
    from django.db import connection

    with connection.cursor() as cursor:
        sql, params = sql_fn()
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--explain", action="store_true", help="print query plans of 1-2 char CJK")
    parser.add_argument("--keep", action="store_true", help="keep the test database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    test_settings["MIGRATE"] = False
    # not the test suite's test_<name>: a benchmark must not clobber a reused test database
    test_settings["NAME"] = f"test_{settings.DATABASES['default']['NAME']}_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(args, connection)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args, connection):
    from integrations.search.base import Facet, SearchQuery
    from integrations.search.database import DatabaseProductSearch

    rng = random.Random(13)
    start = time.perf_counter()
    ids = build_catalogue(args.products, rng)
    built = time.perf_counter() - start
    backend = DatabaseProductSearch(languages=LANGS)
    start = time.perf_counter()
    backend.index_products(ids)
    indexed = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM shop_search_product_gram")
        (gram_rows,) = cursor.fetchone()
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('shop_search_product_gram'))")
        (gram_size,) = cursor.fetchone()

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    say(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit}")
    say(
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" PostgreSQL {connection.cursor().connection.info.server_version}, load {os.getloadavg()[0]:.1f}"
    )
    say(
        f"- catalogue: {len(ids)} products generated in {built:.1f} s; index_products({len(ids)})"
        f" {indexed:.1f} s; {gram_rows} gram rows ({gram_size})"
    )
    say(f"- {args.runs} timed runs per cell after 3 warm-up runs; page of 20\n")
    say("| language | query | kind | hits | p50 / p95 ms, no facets | p50 / p95 ms, 6 facets |")
    say("|---|---|---|---:|---:|---:|")
    worst = 0.0
    for language, text, note in QUERIES:
        plain = SearchQuery(language=language, text=text)
        faceted = SearchQuery(language=language, text=text, facets=tuple(Facet))
        hits = backend.search(plain).total
        p50a, p95a = measure(lambda q=plain: backend.search(q), args.runs)
        p50b, p95b = measure(lambda q=faceted: backend.search(q), args.runs)
        worst = max(worst, p95a, p95b)
        shown = f"`{text}`" if text else "—"
        say(
            f"| {language} | {shown} | {note} | {hits} | {p50a:.1f} / {p95a:.1f}"
            f" | {p50b:.1f} / {p95b:.1f} |"
        )
    say("\n| language | suggest prefix | entries | p50 / p95 ms |")
    say("|---|---|---:|---:|")
    for language, prefix in SUGGEST:
        entries = len(backend.suggest(language, prefix))
        p50, p95 = measure(lambda lang=language, p=prefix: backend.suggest(lang, p), args.runs)
        worst = max(worst, p95)
        say(f"| {language} | `{prefix}` | {entries} | {p50:.1f} / {p95:.1f} |")
    say(f"\nworst p95: {worst:.1f} ms (target < 50 ms)")

    if args.explain:
        for language, text in (("zh-hans", "茶"), ("zh-hans", "面膜"), ("ko", "김")):
            query = SearchQuery(language=language, text=text)
            terms = text.split()
            qs = backend._scope(query, terms)
            say(f"\nEXPLAIN ANALYZE count of `{text}`:\n")
            say(explain(lambda qs=qs: qs.order_by().values("pk").query.sql_with_params()))


if __name__ == "__main__":
    main()
