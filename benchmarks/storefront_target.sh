#!/usr/bin/env bash
# This shop as a storefront-benchmark target beside stock django-oscar (issue #16), the way
# ../shared/bench/README.md §2 describes: its database in the peer's throwaway PostgreSQL
# cluster, the same synthetic 10 000-product catalogue (stock records in a bonded warehouse
# with an approved customs filing, so every product is sellable), the demo's CMS home page,
# the search text indexed, SHOP_DEBUG=0 and gunicorn with 2 sync workers on 127.0.0.1:8002.
# Writes WORKDIR/shop/shop.target for load.sh. The sitemap's sections are per kind (pages,
# categories, products), each listing every language, so the target picks the Chinese product
# and category URLs by regular expression: category pages are the bench catalogue's aisles (≈ 220
# products each), as the demo's own categories hold too few products for listing pages 1..5.
#
#   benchmarks/storefront_target.sh [--workdir W] [--products N] [--port P] [COMMAND]
#
# COMMAND: all (default: prepare, then start) | prepare | start | stop | status | env
#   prepare  (re)create the database "shop" in the peer's cluster, migrate, createcachetable,
#            load_demo --force --no-images --no-orders (warehouses, filings, CMS pages), the
#            bench catalogue (make_catalogue.py --reset), the search index, shop.target
#   start    gunicorn shop.wsgi, 2 sync workers, SHOP_DEBUG=0 (waits until it answers)
#   stop     stops that gunicorn (by its recorded pid)
#   env      prints the environment the shop runs with (for manage.py or profiling)
#
# Environment: VENV (default ROOT/.venv: the virtualenv to run with, for a source copy made
# with `git archive` that has none), BENCH (default ROOT/../shared/bench).
# W defaults to /work/bench-peer (setup_oscar_peer.sh --workdir). The peer's PostgreSQL must be
# running (peer_ctl.sh W start); "all"/"prepare" start it when it is not. Everything this script
# writes goes under W/shop/ (secret key, encryption key, var dir, logs, pid, shop.target).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
[ -d "$BENCH" ] || BENCH=/work/shared/bench
# the project's virtualenv; VENV=… for a copy of the source tree without one (git archive)
VENV=${VENV:-$ROOT/.venv}
W=/work/bench-peer
PRODUCTS=10000
PORT=8002
CMD=all
while [ $# -gt 0 ]; do
  case "$1" in
    --workdir) W=$2; shift 2 ;;
    --products) PRODUCTS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    all|prepare|start|stop|status|env) CMD=$1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

[ -f "$W/peer.env" ] || { echo "no $W/peer.env: run $BENCH/setup_oscar_peer.sh --workdir $W first" >&2; exit 1; }
PGRUN=$(sed -n "s/^PGRUN='\(.*\)'$/\1/p" "$W/peer.env")
PG_PORT=$(sed -n "s/^PG_PORT='\(.*\)'$/\1/p" "$W/peer.env")
PG_BINDIR=$(sed -n "s/^PG_BINDIR='\(.*\)'$/\1/p" "$W/peer.env")
S=$W/shop
mkdir -p "$S/var" "$S/exchange"
PY=$VENV/bin/python
log() { echo "[shop-target $(date -u +%H:%M:%S)] $*"; }

# --- the production environment (README "Running in production"), loopback only -----------------
[ -s "$S/secret_key" ] || "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" >"$S/secret_key"
[ -s "$S/encryption_keys" ] || "$PY" -c "import base64, os; print('bench:' + base64.b64encode(os.urandom(32)).decode())" >"$S/encryption_keys"
shop_env() {
  export DJANGO_SETTINGS_MODULE=shop.settings
  unset PYTHONPATH DEBUG ALLOWED_HOSTS DATABASE_ENGINE DATABASE_NAME DATABASE_USER DATABASE_HOST DATABASE_PORT
  export SHOP_DEBUG=0
  export SECRET_KEY; SECRET_KEY=$(cat "$S/secret_key")
  export SHOP_ENCRYPTION_KEYS; SHOP_ENCRYPTION_KEYS=$(cat "$S/encryption_keys")
  export DATABASE_URL="postgres://postgres@/shop?host=$PGRUN&port=$PG_PORT"
  export SHOP_VAR_DIR=$S/var
  export SHOP_ALLOWED_HOSTS=127.0.0.1,localhost
  export SHOP_BASE_URL=http://127.0.0.1:$PORT
  export SHOP_CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PORT
  # plain http on loopback (the load does not speak TLS): no https redirect, no secure-only cookies
  export SHOP_SSL_REDIRECT=0 SHOP_SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0
  # production backends configured, never contacted while shoppers browse and fill baskets
  export STRIPE_SECRET_KEY=sk_test_bench STRIPE_PUBLISHABLE_KEY=pk_test_bench STRIPE_WEBHOOK_SECRET=whsec_bench
  export STRIPE_API_BASE=http://127.0.0.1:9
  export CUSTOMS_SIGNER_URL=http://127.0.0.1:9/sign CUSTOMS_SIGNER_TOKEN=bench
  export CUSTOMS_EXCHANGE_FOLDER=1 CUSTOMS_EXCHANGE_DIR=$S/exchange
  export SHOP_LOG_LEVEL=WARNING
}

pg_up() { [ -S "$PGRUN/.s.PGSQL.$PG_PORT" ]; }
ensure_pg() {
  if ! pg_up; then
    log "peer PostgreSQL not running: $BENCH/peer_ctl.sh $W start"
    "$BENCH/peer_ctl.sh" "$W" start
  fi
}

manage() { (cd "$ROOT" && "$PY" manage.py "$@"); }

prepare() {
  ensure_pg
  shop_env
  local t0=$SECONDS
  log "database shop (re-created) in $PGRUN:$PG_PORT"
  "$PG_BINDIR/dropdb" -h "$PGRUN" -p "$PG_PORT" -U postgres --if-exists shop
  "$PG_BINDIR/createdb" -h "$PGRUN" -p "$PG_PORT" -U postgres shop
  if ! ls "$ROOT"/locale/*/LC_MESSAGES/django.mo >/dev/null 2>&1; then
    log "compilemessages (no .mo files in this source tree)"; manage compilemessages --ignore=.venv -v 0
  fi
  log "migrate"; manage migrate --no-input -v 0
  manage createcachetable
  log "load_demo (warehouses, filings, CMS pages; no images, no orders)"
  manage load_demo --force --no-images --no-orders
  # the bench products get the demo's bonded warehouse and an approved filing on the positive
  # list (what a sellable 1210 product needs: shop.customs.checkout.sellability)
  local extra
  extra=$(cd "$ROOT" && "$PY" manage.py shell --no-imports -c '
import json
from shop.customs.codes import TradeMode
from shop.customs.models import FilingRecord
from shop.apps.partner.models import Warehouse
w = Warehouse.objects.filter(trade_mode=TradeMode.BONDED_1210, is_active=True).order_by("pk").first()
f = next(f for f in FilingRecord.objects.order_by("pk") if f.is_sellable_bonded)
print(json.dumps({
    "product": {"origin_country": f.origin_country, "hs_code": f.hs_code, "brand": "Bench",
                "customs_name": f.customs_name},
    "stockrecord": {"warehouse_id": w.pk, "filing_record_id": f.pk},
}))' | tail -n 1)
  local product_fields stockrecord_fields
  product_fields=$("$PY" -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])["product"]))' "$extra")
  stockrecord_fields=$("$PY" -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])["stockrecord"]))' "$extra")
  log "bench catalogue: $PRODUCTS products; product fields $product_fields; stock record fields $stockrecord_fields"
  CATALOGUE_PRODUCTS=$PRODUCTS CATALOGUE_RESET=1 \
    CATALOGUE_EXTRA_PRODUCT_FIELDS=$product_fields CATALOGUE_EXTRA_STOCKRECORD_FIELDS=$stockrecord_fields \
    manage shell --no-imports -c "import runpy; runpy.run_path('$BENCH/make_catalogue.py', run_name='__main__')"
  log "search index"
  if manage help search_reindex >/dev/null 2>&1; then
    manage search_reindex
  else
    manage shell --no-imports -c '
from oscar.core.loading import get_model
from integrations.registry import get_backend
ids = list(get_model("catalogue", "Product").objects.order_by("pk").values_list("pk", flat=True))
backend = get_backend("search")
for start in range(0, len(ids), 1000):
    backend.index_products(ids[start:start + 1000])
print(f"indexed {len(ids)} products")'
  fi
  "$PG_BINDIR/psql" -h "$PGRUN" -p "$PG_PORT" -U postgres -d shop -qc "VACUUM ANALYZE"
  cat >"$S/shop.target" <<EOF
NAME=shop
BASE_URL=http://127.0.0.1:$PORT
HOME_PATH=/zh-hans/
BROWSE_PATH=/zh-hans/catalogue/
BASKET_PATH=/zh-hans/basket/
SITEMAP_PATH=/sitemap.xml
PRODUCT_URL_REGEX=/zh-hans/catalogue/(?!category/)[^/]+_[0-9]+/\$
CATEGORY_URL_REGEX=/zh-hans/catalogue/category/.*aisle-[0-9]+_[0-9]+/\$
EOF
  log "prepared in $((SECONDS - t0)) s; target file $S/shop.target"
}

running() { [ -f "$S/gunicorn.pid" ] && kill -0 "$(cat "$S/gunicorn.pid")" 2>/dev/null; }

start() {
  ensure_pg
  shop_env
  if running; then log "gunicorn already running (pid $(cat "$S/gunicorn.pid"))"; return 0; fi
  (cd "$ROOT" && "$VENV/bin/gunicorn" shop.wsgi --workers 2 --bind "127.0.0.1:$PORT" \
    --pid "$S/gunicorn.pid" --daemon --error-logfile "$S/gunicorn.log" --log-level warning)
  local i
  for i in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/zh-hans/" 2>/dev/null; then
      log "gunicorn pid $(cat "$S/gunicorn.pid") serving http://127.0.0.1:$PORT/ (target $S/shop.target)"
      return 0
    fi
    sleep 0.5
  done
  echo "gunicorn did not answer; see $S/gunicorn.log" >&2; tail -20 "$S/gunicorn.log" >&2 || true; exit 1
}

stop() {
  if running; then
    local pid; pid=$(cat "$S/gunicorn.pid"); kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    log "gunicorn stopped"
  else
    log "gunicorn not running"
  fi
}

case "$CMD" in
  all) prepare; start ;;
  prepare) prepare ;;
  start) start ;;
  stop) stop ;;
  status) if running; then echo "gunicorn: running pid $(cat "$S/gunicorn.pid") on 127.0.0.1:$PORT"; else echo "gunicorn: stopped"; fi ;;
  env)
    shop_env
    for name in $(compgen -e | grep -E '^(DJANGO_SETTINGS_MODULE|SHOP_|SECRET_KEY|DATABASE_URL|STRIPE_|CUSTOMS_)'); do
      printf 'export %s=%q\n' "$name" "${!name}"
    done ;;
esac
