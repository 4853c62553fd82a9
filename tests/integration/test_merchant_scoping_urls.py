"""Every dashboard URL against another merchant's objects (issue #12).

The table below names every dashboard URL (Oscar's ``dashboard:`` namespace, every ``*-dashboard``
namespace, anything under ``/<lang>/dashboard/``) with what merchant A may do there. The URL
resolver is walked, so a dashboard URL added without an entry here fails
``test_every_dashboard_url_is_in_the_table``.

Kinds:
- ``STAFF``: zone staff only — merchant A gets 403 on GET and POST.
- ``FOREIGN``: an object of merchant B (or a line of B inside an order A shares) — 404 on GET,
  404 on POST (405 where the view has no POST at all).
- ``SCOPED``: a page merchant A may use (lists, search, statistics, create) — it answers, shows
  nothing of B, and a POST aimed at B's objects changes nothing.
- ``OPEN``: the dashboard login and logout.
After all requests, no row of any table has changed.
"""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.customs.models import ReturnRequest
from tests.factories.catalogue import PartnerFactory
from tests.factories.customs import FilingRecordFactory
from tests.factories.merchants import merchant_user
from tests.factories.orders import order_pay, placed_order, shopper, stocked_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
OrderNote = get_model("order", "OrderNote")

STAFF, FOREIGN, SCOPED, OPEN = "staff", "foreign", "scoped", "open"

# Marks of merchant B that must never appear on merchant A's pages
FOREIGN_TITLE = "ForeignGoodsOfMerchantB"
FOREIGN_SKU = "SKU-FOREIGN-B-777"


def _b(world, key):
    return lambda: world[key]


# (name, kwarg names) -> (kind, kwargs from the world of objects)
TABLE = {
    ("dashboard:index", ()): (SCOPED, {}),
    ("dashboard:login", ()): (OPEN, {}),
    ("dashboard:logout", ()): (OPEN, {}),
    # catalogue: Oscar filters by partner; categories, types, options and alerts are staff-only
    ("dashboard:catalogue-product-list", ()): (SCOPED, {}),
    ("dashboard:catalogue-product-create", ()): (SCOPED, {}),
    ("dashboard:catalogue-product-create", ("product_class_slug",)): (
        SCOPED,
        {"product_class_slug": "product_class_slug"},
    ),
    ("dashboard:catalogue-product-lookup", ()): (SCOPED, {}),
    ("dashboard:catalogue-product-bulk-action", ()): (SCOPED, {}),
    ("dashboard:catalogue-product", ("pk",)): (FOREIGN, {"pk": "product_b"}),
    ("dashboard:catalogue-product-delete", ("pk",)): (FOREIGN, {"pk": "product_b"}),
    ("dashboard:catalogue-product-create-child", ("parent_pk",)): (
        STAFF,
        {"parent_pk": "product_b"},
    ),
    ("dashboard:stock-alert-list", ()): (STAFF, {}),
    ("dashboard:catalogue-category-list", ()): (STAFF, {}),
    ("dashboard:catalogue-category-detail-list", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:catalogue-category-create", ()): (STAFF, {}),
    ("dashboard:catalogue-category-create-child", ("parent",)): (STAFF, {"parent": 1}),
    ("dashboard:catalogue-category-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:catalogue-category-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:catalogue-class-create", ()): (STAFF, {}),
    ("dashboard:catalogue-class-list", ()): (STAFF, {}),
    ("dashboard:catalogue-class-update", ("pk",)): (STAFF, {"pk": "product_class"}),
    ("dashboard:catalogue-class-delete", ("pk",)): (STAFF, {"pk": "product_class"}),
    ("dashboard:catalogue-attribute-option-group-create", ()): (STAFF, {}),
    ("dashboard:catalogue-attribute-option-group-list", ()): (STAFF, {}),
    ("dashboard:catalogue-attribute-option-group-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:catalogue-attribute-option-group-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:catalogue-option-list", ()): (STAFF, {}),
    ("dashboard:catalogue-option-create", ()): (STAFF, {}),
    ("dashboard:catalogue-option-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:catalogue-option-delete", ("pk",)): (STAFF, {"pk": 1}),
    # orders (shop/apps/dashboard/orders/views.py)
    ("dashboard:order-list", ()): (SCOPED, {}),
    ("dashboard:order-stats", ()): (SCOPED, {}),
    ("dashboard:order-detail", ("number",)): (FOREIGN, {"number": "order_b"}),
    ("dashboard:order-detail-note", ("note_id", "number")): (
        FOREIGN,
        {"number": "order_b", "note_id": "note_b"},
    ),
    ("dashboard:order-line-detail", ("line_id", "number")): (
        FOREIGN,
        {"number": "shared_order", "line_id": "line_b"},
    ),
    ("dashboard:order-shipping-address", ("number",)): (STAFF, {"number": "shared_order"}),
    # Oscar apps that are staff-only as a whole
    ("dashboard:reports-index", ()): (STAFF, {}),
    ("dashboard:users-index", ()): (STAFF, {}),
    ("dashboard:user-detail", ("pk",)): (STAFF, {"pk": "merchant_b"}),
    ("dashboard:user-password-reset", ("pk",)): (STAFF, {"pk": "merchant_b"}),
    ("dashboard:user-alert-list", ()): (STAFF, {}),
    ("dashboard:user-alert-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:user-alert-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:page-list", ()): (STAFF, {}),
    ("dashboard:page-create", ()): (STAFF, {}),
    ("dashboard:page-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:page-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:partner-list", ()): (STAFF, {}),
    ("dashboard:partner-create", ()): (STAFF, {}),
    ("dashboard:partner-manage", ("pk",)): (STAFF, {"pk": "partner_b"}),
    ("dashboard:partner-delete", ("pk",)): (STAFF, {"pk": "partner_b"}),
    ("dashboard:partner-user-create", ("partner_pk",)): (STAFF, {"partner_pk": "partner_b"}),
    ("dashboard:partner-user-select", ("partner_pk",)): (STAFF, {"partner_pk": "partner_b"}),
    ("dashboard:partner-user-link", ("partner_pk", "user_pk")): (
        STAFF,
        {"partner_pk": "partner_b", "user_pk": "merchant_a"},
    ),
    ("dashboard:partner-user-unlink", ("partner_pk", "user_pk")): (
        STAFF,
        {"partner_pk": "partner_b", "user_pk": "merchant_b"},
    ),
    ("dashboard:partner-user-update", ("partner_pk", "user_pk")): (
        STAFF,
        {"partner_pk": "partner_b", "user_pk": "merchant_b"},
    ),
    ("dashboard:offer-list", ()): (STAFF, {}),
    ("dashboard:offer-metadata", ()): (STAFF, {}),
    ("dashboard:offer-condition", ()): (STAFF, {}),
    ("dashboard:offer-benefit", ()): (STAFF, {}),
    ("dashboard:offer-restrictions", ()): (STAFF, {}),
    ("dashboard:offer-metadata", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:offer-condition", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:offer-benefit", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:offer-restrictions", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:offer-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:offer-detail", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:range-list", ()): (STAFF, {}),
    ("dashboard:range-create", ()): (STAFF, {}),
    ("dashboard:range-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:range-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:range-products", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:range-reorder", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:reviews-list", ()): (STAFF, {}),
    ("dashboard:reviews-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:reviews-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:voucher-list", ()): (STAFF, {}),
    ("dashboard:voucher-create", ()): (STAFF, {}),
    ("dashboard:voucher-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:voucher-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:voucher-stats", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:voucher-set-list", ()): (STAFF, {}),
    ("dashboard:voucher-set-create", ()): (STAFF, {}),
    ("dashboard:voucher-set-update", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:voucher-set-detail", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:voucher-set-download", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:voucher-set-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:comms-list", ()): (STAFF, {}),
    ("dashboard:comms-update", ("slug",)): (STAFF, {"slug": "ORDER_PLACED"}),
    ("dashboard:shipping-method-list", ()): (STAFF, {}),
    ("dashboard:shipping-method-create", ()): (STAFF, {}),
    ("dashboard:shipping-method-detail", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:shipping-method-edit", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:shipping-method-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("dashboard:shipping-method-band-edit", ("method_pk", "pk")): (
        STAFF,
        {"method_pk": 1, "pk": 1},
    ),
    ("dashboard:shipping-method-band-delete", ("method_pk", "pk")): (
        STAFF,
        {"method_pk": 1, "pk": 1},
    ),
    # customs (shop/customs/dashboard.py): a merchant reads its own declarations
    ("customs-dashboard:declaration-list", ()): (SCOPED, {}),
    ("customs-dashboard:declaration-detail", ("pk",)): (FOREIGN, {"pk": "declaration_b"}),
    ("customs-dashboard:declaration-release", ("pk",)): (STAFF, {"pk": "declaration_b"}),
    ("customs-dashboard:declaration-cancel", ("pk",)): (STAFF, {"pk": "declaration_b"}),
    ("customs-dashboard:message-detail", ("pk",)): (STAFF, {"pk": "message_b"}),
    ("customs-dashboard:message-retry", ("pk",)): (STAFF, {"pk": "message_b"}),
    ("customs-dashboard:receipt-list", ()): (STAFF, {}),
    ("customs-dashboard:return-list", ()): (SCOPED, {}),
    ("customs-dashboard:return-receive", ("pk",)): (FOREIGN, {"pk": "return_b"}),
    ("customs-dashboard:tax-bill-list", ()): (SCOPED, {}),
    ("customs-dashboard:tax-bill-resolve", ("pk",)): (STAFF, {"pk": 1}),
    # product filings (shop/customs/dashboard_filings.py): B's submitted filing is not A's
    ("customs-dashboard:filing-list", ()): (SCOPED, {}),
    ("customs-dashboard:filing-queue", ()): (STAFF, {}),
    ("customs-dashboard:filing-create", ()): (SCOPED, {}),
    ("customs-dashboard:filing-reuse", ()): (SCOPED, {}),
    ("customs-dashboard:filing-detail", ("pk",)): (FOREIGN, {"pk": "filing_b"}),
    ("customs-dashboard:filing-update", ("pk",)): (FOREIGN, {"pk": "filing_b"}),
    ("customs-dashboard:filing-submit", ("pk",)): (FOREIGN, {"pk": "filing_b"}),
    ("customs-dashboard:filing-attach", ("pk",)): (FOREIGN, {"pk": "filing_b"}),
    ("customs-dashboard:filing-approve", ("pk",)): (STAFF, {"pk": "filing_b"}),
    ("customs-dashboard:filing-reject", ("pk",)): (STAFF, {"pk": "filing_b"}),
    # payments (shop/payments/dashboard.py): staff only
    ("payments-dashboard:refund-list", ()): (STAFF, {}),
    ("payments-dashboard:refund-retry", ("pk",)): (STAFF, {"pk": 1}),
    ("payments-dashboard:order", ("number",)): (STAFF, {"number": "order_b"}),
    # reference exchange rates (shop/rates, issue #11): staff only
    ("rates-dashboard:rate-list", ()): (STAFF, {}),
    ("rates-dashboard:rate-add", ()): (STAFF, {}),
    ("rates-dashboard:rate-edit", ("pk",)): (STAFF, {"pk": 1}),
    ("rates-dashboard:rate-delete", ("pk",)): (STAFF, {"pk": 1}),
    ("rates-dashboard:rate-import", ()): (STAFF, {}),
    ("rates-dashboard:rate-sample", ()): (STAFF, {}),
    # --- imports (issue #12, helper import)
    # bulk product import/export (shop/imports): B's job is not A's; A exports its own products
    ("imports-dashboard:job-list", ()): (SCOPED, {}),
    ("imports-dashboard:template", ("fmt",)): (SCOPED, {"fmt": "csv"}),  # text: searched for B
    ("imports-dashboard:export", ("fmt",)): (SCOPED, {"fmt": "csv"}),
    ("imports-dashboard:job-detail", ("pk",)): (FOREIGN, {"pk": "import_job_b"}),
    ("imports-dashboard:job-progress", ("pk",)): (FOREIGN, {"pk": "import_job_b"}),
    ("imports-dashboard:job-file", ("pk",)): (FOREIGN, {"pk": "import_job_b"}),
    ("imports-dashboard:job-errors", ("pk",)): (FOREIGN, {"pk": "import_job_b"}),
    ("imports-dashboard:job-repeat", ("pk",)): (FOREIGN, {"pk": "import_job_b"}),
    # --- traceability (issue #12, helper trace)
    ("traceability-dashboard:batch-list", ()): (SCOPED, {}),
    ("traceability-dashboard:batch-create", ()): (SCOPED, {}),
    ("traceability-dashboard:batch-update", ("pk",)): (FOREIGN, {"pk": "trace_batch_b"}),
    ("traceability-dashboard:batch-document", ("document", "pk")): (
        FOREIGN,
        {"pk": "trace_batch_b", "document": "origin-certificate"},
    ),
    ("traceability-dashboard:authorisation-list", ()): (SCOPED, {}),
    ("traceability-dashboard:authorisation-create", ()): (SCOPED, {}),
    ("traceability-dashboard:authorisation-update", ("pk",)): (
        FOREIGN,
        {"pk": "trace_authorisation_b"},
    ),
    ("traceability-dashboard:authorisation-document", ("pk",)): (
        FOREIGN,
        {"pk": "trace_authorisation_b"},
    ),
    # --- search (issue #13, helper search-db / search-es)
    # --- kiosks (issue #14, helper kiosk-core)
    ("kiosk-dashboard:device-list", ()): (STAFF, {}),
    ("kiosk-dashboard:device-create", ()): (STAFF, {}),
    ("kiosk-dashboard:device-pairing-code", ("pk",)): (STAFF, {"pk": "kiosk"}),
    ("kiosk-dashboard:device-revoke", ("pk",)): (STAFF, {"pk": "kiosk"}),
    ("kiosk-dashboard:staff-list", ()): (STAFF, {}),
    ("kiosk-dashboard:staff-create", ()): (STAFF, {}),
    ("kiosk-dashboard:staff-edit", ("pk",)): (STAFF, {"pk": "store_staff_member"}),
    # --- attribution, hand-off, shelf labels (issue #14, helper kiosk-handoff)
    # shelf labels (shop/attribution/dashboard.py): a store's sheet mixes every merchant's goods
    ("attribution-dashboard:shelf-labels", ()): (STAFF, {}),
    ("attribution-dashboard:shelf-labels-print", ()): (STAFF, {}),
    ("attribution-dashboard:shelf-labels-pdf", ()): (STAFF, {}),
    # --- statistics and pipeline health (issue #17, helper stats)
    ("stats-dashboard:statistics", ()): (SCOPED, {}),
    ("stats-dashboard:export", ()): (SCOPED, {}),
    ("stats-dashboard:health", ()): (STAFF, {}),
    # --- storefront performance (issue #16, helper perf)
}


def _walk(patterns, namespace=None, route=""):
    """Every URL pattern of a dashboard: in a ``*dashboard`` namespace or under ``dashboard/``
    (after the language prefix), whoever adds it."""
    for pattern in patterns:
        here = route + str(pattern.pattern).lstrip("^").removesuffix("$")
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, pattern.namespace or namespace, here)
        elif isinstance(pattern, URLPattern) and (
            (namespace or "").endswith("dashboard") or "dashboard/" in here
        ):
            yield namespace, pattern


def _parameters(pattern):
    """(named parameters, number of unnamed regex groups) of a URL pattern."""
    route = pattern.pattern
    if hasattr(route, "converters") and route.converters:
        return tuple(sorted(route.converters)), 0
    regex = route.regex
    return tuple(sorted(regex.groupindex)), regex.groups - len(regex.groupindex)


def dashboard_urls():
    found = {}
    for namespace, pattern in _walk(get_resolver().url_patterns):
        names, unnamed = _parameters(pattern)
        found[(f"{namespace}:{pattern.name}", names)] = unnamed
    return found


def test_every_dashboard_url_is_in_the_table():
    found = dashboard_urls()
    missing = sorted(set(found) - set(TABLE))
    assert not missing, f"dashboard URLs without an expectation in TABLE: {missing}"
    gone = sorted(set(TABLE) - set(found))
    assert not gone, f"TABLE names URLs that no longer exist: {gone}"


def _kiosk_world():
    from tests.factories.kiosk import StoreStaffMemberFactory, paired_kiosk

    kiosk = paired_kiosk()
    return {
        "kiosk": kiosk,
        "store_staff_member": StoreStaffMemberFactory(store=kiosk.store),
    }


@pytest.fixture
def world(settings):
    """Merchant A and B; an order shared by both, one of B alone (paid: declarations, customs
    messages, a payment), a note on it; B's product not public."""
    settings.SHOP_MAX_UNPAID_ORDERS = 10
    partner_a, partner_b = PartnerFactory(name="Merchant A"), PartnerFactory(name="Merchant B")
    product_a = stocked_product(price="120.00", partner=partner_a)
    product_b = stocked_product(price="75.50", partner=partner_b)
    Product.objects.filter(pk=product_b.pk).update(title=FOREIGN_TITLE, title_zh_hans=FOREIGN_TITLE)
    StockRecord.objects.filter(product=product_b).update(partner_sku=FOREIGN_SKU)
    product_b.refresh_from_db()
    buyer = shopper()
    shared = placed_order(user=buyer, items=[(product_a, 1), (product_b, 1)])
    order_b = placed_order(user=buyer, items=[(product_b, 2)])
    order_pay(order_b)
    for order in (shared, order_b):
        order.refresh_from_db()
    Product.objects.filter(pk=product_b.pk).update(is_public=False)
    declaration_b = order_b.declarations.get()
    staff_note = OrderNote.objects.create(order=order_b, message="B only", note_type="Info")
    return {
        "merchant_a": merchant_user(partner_a),
        "merchant_b": merchant_user(partner_b),
        "partner_a": partner_a,
        "partner_b": partner_b,
        "product_a": product_a,
        "product_b": product_b,
        "product_class": product_b.product_class,
        "product_class_slug": product_a.product_class.slug,
        "shared_order": shared,
        "order_b": order_b,
        "line_b": shared.lines.get(partner=partner_b),
        "declaration_b": declaration_b,
        "message_b": declaration_b.outbox_messages.first(),
        "note_b": staff_note,
        "return_b": ReturnRequest.objects.create(declaration=declaration_b, reason="damaged"),
        "filing_b": FilingRecordFactory(
            owner=partner_b, status="submitted", customs_name=FOREIGN_TITLE, barcode=FOREIGN_SKU
        ),
        # --- world: imports (issue #12, helper import)
        "import_job_b": apps.get_model("shop_imports", "ImportJob").objects.create(
            partner=partner_b,
            file_name=f"{FOREIGN_SKU}.csv",
            file_data=f"sku\n{FOREIGN_SKU}\n".encode(),
            file_format="csv",
            mode="dry_run",
            status="done",
            total_rows=1,
            processed_rows=1,
            errors=[{"row": 2, "field": "sku", "message": FOREIGN_TITLE}],
        ),
        # --- world: traceability (issue #12, helper trace)
        # B's batch and brand authorisation, marked FOREIGN_SKU (tests/factories/traceability.py)
        **__import__("tests.factories.traceability", fromlist=["*"]).scoping_world(
            partner_b=partner_b, product_b=product_b, mark=FOREIGN_SKU
        ),
        # --- world: search (issue #13, helper search-db / search-es)
        # --- world: kiosks (issue #14, helper kiosk-core)
        **_kiosk_world(),
        # --- world: attribution, hand-off, shelf labels (issue #14, helper kiosk-handoff)
        # --- world: statistics and pipeline health (issue #17, helper stats)
        # --- world: storefront performance (issue #16, helper perf)
    }


def _value(world, name, value):
    if isinstance(value, str) and value in world:
        value = world[value]
        if not isinstance(value, str):
            value = value.number if name == "number" else value.pk
    return value


def _url(world, key, unnamed):
    """The URL of a TABLE entry, in English."""
    _kind, kwargs = TABLE[key]
    kwargs = {k: _value(world, k, v) for k, v in kwargs.items()}
    with translation.override("en"):
        if unnamed:
            return reverse(key[0], args=[1] * unnamed)
        return reverse(key[0], kwargs=kwargs)


def snapshot():
    """Every row of every table except sessions (a login writes one)."""
    rows = {}
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model is Session or model._meta.proxy or model._meta.db_table not in tables:
            continue
        rows[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return rows


def hostile_post(world):
    """One POST body aimed at B's objects for every view: bulk actions, order and line actions,
    form fields."""
    product_b, line_b = world["product_b"], world["line_b"]
    return {
        "action": "make_products_public",
        "selected_product": [product_b.pk],
        "selected_order": [world["order_b"].pk],
        "select_across": "0",
        "order_action": "change_order_status",
        "new_status": "Paid",
        "line_action": "create_shipping_event",
        "selected_line": [line_b.pk],
        f"selected_line_qty_{line_b.pk}": "1",
        "shipping_event_type": "shipped",
        "reference": "x",
        "title": "hacked",
        "title_zh_hans": "hacked",
        "reason": "hacked",
        "note": "hacked",
        "amount": "1.00",
        "confirm": "1",
    }


def test_merchant_a_cannot_read_or_change_anything_of_merchant_b(client, world):
    merchant_a = world["merchant_a"]
    client.force_login(merchant_a)
    before = snapshot()
    marks = (
        FOREIGN_TITLE,
        FOREIGN_SKU,
        world["order_b"].number,
        world["declaration_b"].number,
    )
    problems = []
    for key, unnamed in dashboard_urls().items():
        kind, _kwargs = TABLE[key]
        if kind == OPEN:
            continue
        url = _url(world, key, unnamed)
        get = client.get(url)
        post = client.post(url, hostile_post(world))
        expected = {
            STAFF: {"GET": {403}, "POST": {403}},
            FOREIGN: {"GET": {404}, "POST": {404, 405}},
        }
        for method, response in (("GET", get), ("POST", post)):
            allowed = expected.get(kind, {}).get(method)
            if allowed is not None and response.status_code not in allowed:
                problems.append(f"{method} {key[0]} {url}: {response.status_code}")
            if allowed is None and response.status_code >= 500:
                problems.append(f"{method} {key[0]} {url}: {response.status_code}")
        if kind == SCOPED:
            if get.status_code >= 400:
                problems.append(f"GET {key[0]} {url}: {get.status_code}")
            content = get.content.decode() if not get.streaming else ""
            for mark in marks:
                if mark in content:
                    problems.append(f"GET {key[0]} shows {mark!r}")
    assert not problems, "\n".join(problems)
    after = snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, changed


def test_anonymous_is_sent_to_a_login_page(client, world):
    problems = []
    for key, unnamed in dashboard_urls().items():
        kind, _kwargs = TABLE[key]
        if kind == OPEN:
            continue
        url = _url(world, key, unnamed)
        for response in (client.get(url), client.post(url, hostile_post(world))):
            if response.status_code != 302 or "login" not in response["Location"]:
                problems.append(f"{key[0]} {url}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_merchant_a_opens_its_own_objects(client, world):
    """The other side of FOREIGN: the same views answer for A's own objects."""
    client.force_login(world["merchant_a"])
    shared = world["shared_order"]
    line_a = shared.lines.get(partner=world["partner_a"])
    declaration_a = shared.declarations.get(partner=world["partner_a"])
    sku_a = world["product_a"].stockrecords.get().partner_sku
    pages = {
        f"/en/dashboard/catalogue/products/{world['product_a'].pk}/": sku_a,
        f"/en/dashboard/orders/{shared.number}/": line_a.partner_sku,
        f"/en/dashboard/orders/{shared.number}/lines/{line_a.pk}/": line_a.title,
        f"/en/dashboard/customs/{declaration_a.pk}/": declaration_a.number,
        "/en/dashboard/catalogue/": world["product_a"].title,
        "/en/dashboard/customs/": declaration_a.number,
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url
