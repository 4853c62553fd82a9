"""Where a storefront request spends its time: SQL queries and a cProfile of N requests.

Runs inside the shop's environment (``benchmarks/storefront_target.sh env``), against the
benchmark database, through Django's test client (no HTTP server involved):

    eval "$(benchmarks/storefront_target.sh env)"
    .venv/bin/python benchmarks/storefront_profile.py /zh-hans/ /zh-hans/catalogue/ --repeat 20
    .venv/bin/python benchmarks/storefront_profile.py --product --history 6 --basket 3

``--product`` adds the page of a bench product, ``--history N`` gives the shopper a
recently-viewed cookie of N products, ``--basket N`` puts N products in its basket first and
adds the basket page and one add-to-basket POST. Prints per path: status, SQL queries (and the
tables queried most; every query with ``--sql``), mean milliseconds, then the top functions by
cumulative time.
Reads only, except what a shopper's requests write (basket lines, Oscar's view counters).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import json
import os
import pstats
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--product", action="store_true")
    parser.add_argument("--history", type=int, default=0)
    parser.add_argument("--basket", type=int, default=0)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--sql", action="store_true", help="print every query (ms, first 160 chars)"
    )
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    client = Client(HTTP_HOST="127.0.0.1")
    bench = list(
        Product.objects.filter(upc__startswith="BENCH-").order_by("pk")[:50].only("pk", "slug")
    )
    paths = list(args.paths)
    if args.product:
        paths.append(bench[0].get_absolute_url())
    if args.history:
        client.cookies["oscar_history"] = json.dumps([p.pk for p in bench[1 : 1 + args.history]])
    add_path = None
    if args.basket:
        from django.urls import reverse

        for product in bench[10 : 10 + args.basket]:
            client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        paths.append(reverse("basket:summary"))
        add_path = reverse("basket:add", kwargs={"pk": bench[10].pk})

    def request(path):
        if path == add_path:
            return client.post(path, {"quantity": 1})
        return client.get(path)

    if add_path:
        paths.append(add_path)
    for path in paths:
        request(path)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = request(path)
        queries = captured.captured_queries  # now: the next request_started empties the log
        tables = collections.Counter(
            (re.findall(r'(?:FROM|UPDATE|INTO) "(\w+)"', q["sql"]) or ["?"])[0] for q in queries
        )
        started = time.perf_counter()
        profile = cProfile.Profile()
        for _ in range(args.repeat):
            if args.no_profile:
                request(path)
            else:
                profile.runcall(request, path)
        mean_ms = (time.perf_counter() - started) / args.repeat * 1000
        print(  # noqa: T201
            f"{path}: {response.status_code}, {sum(tables.values())} queries, {mean_ms:.1f} ms/request"
            f"{' (profiled)' if not args.no_profile else ''}"
        )
        print("   tables: " + ", ".join(f"{t} {n}" for t, n in tables.most_common(8)))  # noqa: T201
        if args.sql:
            for query in queries:
                ms = float(query["time"]) * 1000
                print(f"   {ms:6.2f} {query['sql'][:160]}")  # noqa: T201
        if not args.no_profile:
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
            print("\n".join("   " + line for line in out.getvalue().splitlines()[6:]))  # noqa: T201


if __name__ == "__main__":
    main()
