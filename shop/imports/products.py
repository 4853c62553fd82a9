"""Validate, write and export the product file's rows (issue #12, "Bulk import/export").

``rows_validate`` checks every row against what the merchant's partner already has (loaded once,
a few queries per file, none per row) and returns a ``Plan``: per row its errors or its
changes. ``plan_apply`` writes the valid rows with bulk operations in one transaction.
``rows_export`` writes the partner's stock records in the same columns, so export → import
changes nothing.

Rules:
- The SKU is the upsert key within the merchant's own partner only: another merchant's stock
  record with the same SKU is never looked at, let alone changed.
- Product data (titles, descriptions, customs fields) of goods another merchant also sells is
  not the importing merchant's to change (as in the catalogue dashboard): a cell that differs
  is a row error; an empty cell keeps the value. Zone staff may change it.
- A new SKU with the barcode of existing goods joins their goods page.
- Filings (一次备案、多主体共享): a filing reference names the filing to use (an approved one,
  or the merchant's own); without one, an approved filing of the same goods (same barcode, or
  same HS code and specification) is reused; otherwise the filing columns make (or change) the
  merchant's own draft, which the merchant then submits in the filing workflow. An approved or
  submitted filing's data is never changed by an import.
- Descriptions go through the sanitizer (shop/core/sanitize.py) before they are compared and
  stored, so a cleaned description imports as unchanged.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from shop.core.sanitize import sanitize_html
from shop.customs import filings as filing_services
from shop.customs.codes import CountryCode, UnitCode
from shop.customs.models import FilingRecord, FilingStatusChange

from . import columns

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
Warehouse = get_model("partner", "Warehouse")

FilingStatus = FilingRecord.Status
HS_CODE = re.compile(r"^\d{10}$")
MAX_LENGTHS = {
    "sku": 128,
    "upc": 64,
    "brand": 128,
    "customs_name": 250,
    "spec_model": 510,
    **{key: 255 for key in columns.TITLE_KEYS},
}
PRICE_MAX = Decimal("9999999999.99")
CHUNK = 2000


@dataclass
class RowError:
    row: int
    field: str
    message: str
    msgid: str = ""
    params: dict = field(default_factory=dict)

    def as_dict(self):
        return {
            "row": self.row,
            "field": self.field,
            "message": self.message,
            "msgid": self.msgid,
            "params": self.params,
        }


@dataclass
class NewProduct:
    """Goods a row creates; later rows with the same barcode join them."""

    row: int
    values: dict
    ok: bool = True
    instance: object = None


@dataclass
class NewFiling:
    row: int
    values: dict
    ok: bool = True
    instance: object = None


@dataclass
class RowPlan:
    row: int
    sku: str
    errors: list = field(default_factory=list)
    stockrecord: object = None  # existing, or None for a new one
    stock_values: dict = field(default_factory=dict)
    product: object = None  # existing Product, or a NewProduct
    product_changes: dict = field(default_factory=dict)
    filing: object = None  # existing FilingRecord, a NewFiling, or None
    filing_changes: dict = field(default_factory=dict)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.stockrecord is None
            or self.stock_values
            or self.product_changes
            or self.filing_changes
            or isinstance(self.filing, NewFiling)
        )


@dataclass
class Plan:
    rows: list
    counts: dict = field(default_factory=dict)

    @property
    def errors(self) -> list:
        return [error for row in self.rows for error in row.errors]

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class _Context:
    """Everything the rows are checked against, loaded once for the whole file."""

    def __init__(self, *, rows, partner, user):
        self.partner, self.user = partner, user
        self.staff = bool(user and user.is_staff)
        self.stockrecords = {
            record.partner_sku: record
            for record in StockRecord.objects.filter(partner=partner).select_related(
                "product__product_class", "filing_record", "warehouse"
            )
        }
        self.warehouses = {w.code: w for w in Warehouse.objects.filter(is_active=True)}
        self.classes = {c.slug: c for c in ProductClass.objects.all()}
        upcs = {row.get("upc", "").strip() for _n, row in rows} - {""}
        self.products_by_upc = {}
        for chunk in _chunks(upcs):
            for product in Product.objects.filter(upc__in=chunk).select_related("product_class"):
                self.products_by_upc[product.upc] = product
        product_ids = {r.product_id for r in self.stockrecords.values()} | {
            p.pk for p in self.products_by_upc.values()
        }
        self.shared_product_ids = set()
        for chunk in _chunks(product_ids):
            self.shared_product_ids |= set(
                StockRecord.objects.filter(product_id__in=chunk)
                .exclude(partner=partner)
                .values_list("product_id", flat=True)
            )
        references = {row.get("filing_reference", "").strip() for _n, row in rows} - {""}
        self.filings_by_reference = {}
        for chunk in _chunks(references):
            for filing in FilingRecord.objects.filter(reference__in=chunk):
                if filing.status == FilingStatus.APPROVED or filing.owner_id == partner.pk:
                    self.filings_by_reference[filing.reference] = filing
        hs_codes = {row.get("hs_code", "").strip() for _n, row in rows} - {""}
        self.approved_by_barcode, self.approved_by_spec = {}, {}
        approved = FilingRecord.objects.filter(status=FilingStatus.APPROVED).order_by("-reference")
        for chunk in _chunks(upcs):
            for filing in approved.filter(barcode__in=chunk):
                self.approved_by_barcode[filing.barcode.lower()] = filing
        for chunk in _chunks(hs_codes):
            for filing in approved.filter(hs_code__in=chunk):
                self.approved_by_spec[(filing.hs_code, filing.spec_model.strip().lower())] = filing
        self.seen_skus = {}
        self.new_products = {}
        self.new_filings = {}

    def may_change_product(self, product) -> bool:
        return self.staff or product.pk not in self.shared_product_ids

    def reusable_filing(self, *, upc, hs_code, spec_model):
        """The approved filing of the same goods (``filings.reusable_filings``' rule)."""
        if upc and upc.lower() in self.approved_by_barcode:
            return self.approved_by_barcode[upc.lower()]
        if hs_code and spec_model:
            return self.approved_by_spec.get((hs_code, spec_model.strip().lower()))
        return None

    def own_editable(self, filing) -> bool:
        return filing.status in filing_services.EDITABLE and filing.owner_id == self.partner.pk


# --- parsing one row -----------------------------------------------------------------------------


def _decimal(text):
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class _Row:
    def __init__(self, number, raw, plan):
        self.number, self.raw, self.plan = number, raw, plan

    def has(self, key):
        return key in self.raw

    def text(self, key):
        return self.raw.get(key, "").strip()

    def error(self, key, msgid, params=None):
        """Record an error of column ``key``: the text in the active (the merchant's) language,
        and the untranslated ``msgid`` and ``params``, so a page in another language can show
        it in that one."""
        message = _(str(msgid))
        if params:
            message = message % params
        self.plan.errors.append(RowError(self.number, key, message, str(msgid), params or {}))


def _product_value(product, key):
    if key == "product_class":
        return product.product_class.slug if product.product_class_id else ""
    return getattr(product, key) or ""


def _parse_product(row: _Row) -> dict:
    """The product cells present in the file, checked; errors recorded on ``row``."""
    values = {}
    for key in columns.PRODUCT_KEYS:
        if not row.has(key):
            continue
        value = row.text(key)
        limit = MAX_LENGTHS.get(key)
        if limit and len(value) > limit:
            row.error(key, N_("At most %(limit)s characters."), {"limit": limit})
            continue
        if key in columns.DESCRIPTION_KEYS:
            value = (sanitize_html(value) or "").strip()
        values[key] = value
    if values.get("origin_country") and values["origin_country"] not in CountryCode.values:
        row.error(
            "origin_country",
            N_("“%(value)s” is not a customs country code we know (e.g. 133 Korea)."),
            {"value": values["origin_country"]},
        )
    if values.get("hs_code") and not HS_CODE.match(values["hs_code"]):
        row.error("hs_code", N_("An HS code has exactly 10 digits."))
    return values


def _check_product_class(row, values, ctx):
    slug = values.get("product_class", "")
    if slug and slug not in ctx.classes:
        row.error(
            "product_class",
            N_("There is no product type “%(value)s”. Known: %(known)s."),
            {"value": slug, "known": ", ".join(sorted(ctx.classes))},
        )


def _resolve_product(row: _Row, plan: RowPlan, values: dict, ctx: _Context):
    upc = values.get("upc", "")
    if plan.stockrecord is not None:
        product = plan.stockrecord.product
    elif upc and upc in ctx.new_products:
        product = ctx.new_products[upc]
    else:
        product = ctx.products_by_upc.get(upc) if upc else None
    _check_product_class(row, values, ctx)

    if isinstance(product, NewProduct):
        if not product.ok:
            row.error(
                "upc",
                N_("Row %(row)s, which creates the goods of this barcode, has errors."),
                {"row": product.row},
            )
        for key, value in values.items():
            if value and value != product.values.get(key, ""):
                row.error(
                    key,
                    N_("Differs from row %(row)s, which has the same barcode."),
                    {"row": product.row},
                )
        plan.product = product
        return

    if product is None:
        for key in ("title_" + settings.LANGUAGE_CODE.replace("-", "_"), "product_class"):
            if not values.get(key):
                row.error(key, N_("Needed for new goods."))
        new = NewProduct(row=row.number, values=values)
        if upc:
            ctx.new_products[upc] = new
        plan.product = new
        return

    plan.product = product
    changes = {k: v for k, v in values.items() if v != _product_value(product, k).strip()}
    if not changes:
        return
    if not ctx.may_change_product(product):
        for key, value in changes.items():
            if value:
                row.error(
                    key,
                    N_(
                        "Another merchant also sells these goods: this column cannot be "
                        "changed by your import (leave it empty or as exported)."
                    ),
                )
        return
    title_key = "title_" + settings.LANGUAGE_CODE.replace("-", "_")
    if title_key in changes and not changes[title_key]:
        row.error(title_key, N_("Needed for new goods."))
    if "product_class" in changes and not changes["product_class"]:
        row.error("product_class", N_("Needed for new goods."))
    if changes.get("upc"):
        other = ctx.products_by_upc.get(changes["upc"])
        if other is not None and other.pk != product.pk:
            row.error("upc", N_("This barcode belongs to other goods."))
    plan.product_changes = changes


def _parse_filing_cells(row: _Row) -> dict:
    values = {}
    for key in columns.FILING_KEYS:
        value = row.text(key)
        if not value:
            continue
        if key in ("unit", "unit1"):
            if value not in UnitCode.values:
                row.error(
                    key,
                    N_("“%(value)s” is not a customs unit code we know (e.g. 142 bottle)."),
                    {"value": value},
                )
                continue
        elif key in ("qty1_per_unit", "net_weight_kg", "gross_weight_kg"):
            number = _decimal(value)
            if number is None or number <= 0 or number.as_tuple().exponent < -5:
                row.error(key, N_("A positive number with at most 5 decimals."))
                continue
            value = number
        elif len(value) > MAX_LENGTHS.get(key, 10_000):
            row.error(key, N_("At most %(limit)s characters."), {"limit": MAX_LENGTHS[key]})
            continue
        values[key] = value
    net, gross = values.get("net_weight_kg"), values.get("gross_weight_kg")
    if net is not None and gross is not None and gross < net:
        row.error("gross_weight_kg", N_("The gross weight cannot be below the net weight."))
    return values


def _goods_value(plan, key):
    """The product's value of ``key`` after this row (for the filing it files)."""
    if isinstance(plan.product, NewProduct):
        return plan.product.values.get(key, "")
    if key in plan.product_changes:
        return plan.product_changes[key]
    return _product_value(plan.product, key) if plan.product is not None else ""


def _filing_differences(filing, values) -> dict:
    return {k: v for k, v in values.items() if v != (getattr(filing, k) or "")}


def _resolve_filing(row: _Row, plan: RowPlan, ctx: _Context):
    cells = _parse_filing_cells(row)
    reference = row.text("filing_reference")
    current = plan.stockrecord.filing_record if plan.stockrecord is not None else None
    upc, hs_code = _goods_value(plan, "upc"), _goods_value(plan, "hs_code")
    spec_model = cells.get("spec_model", "")

    if reference:
        filing = ctx.filings_by_reference.get(reference)
        if filing is None:
            row.error(
                "filing_reference",
                N_("There is no filing %(reference)s you may use."),
                {"reference": reference},
            )
            return
        plan.filing = filing
        differences = _filing_differences(filing, cells)
        if differences and ctx.own_editable(filing):
            plan.filing_changes = differences
        elif differences:
            for key in differences:
                row.error(
                    key,
                    N_(
                        "Filing %(reference)s is “%(status)s”: its data cannot be changed "
                        "(leave the column empty or as exported)."
                    ),
                    {"reference": filing.reference, "status": filing.get_status_display()},
                )
        return

    reuse = ctx.reusable_filing(upc=upc, hs_code=hs_code, spec_model=spec_model)
    if not cells:
        plan.filing = current or reuse
        return
    if reuse is not None:
        plan.filing = reuse  # 一次备案、多主体共享: the approved filing, not a new one
        return
    if current is not None and ctx.own_editable(current):
        plan.filing = current
        plan.filing_changes = _filing_differences(current, cells)
        return
    key = upc or (hs_code, spec_model.lower())
    if key in ctx.new_filings:
        plan.filing = ctx.new_filings[key]
        return
    goods = {name: _goods_value(plan, name) for name in ("customs_name", "hs_code")}
    goods["origin_country"] = _goods_value(plan, "origin_country")
    missing = [k for k in columns.FILING_KEYS if k not in cells] + [
        k for k, v in goods.items() if not v
    ]
    for name in missing:
        row.error(
            name,
            N_(
                "Needed for a new customs filing: fill it in, or give the reference of an "
                "approved filing."
            ),
        )
    if missing:
        return
    values = {
        **cells,
        **goods,
        "brand": _goods_value(plan, "brand"),
        "barcode": upc,
    }
    candidate = FilingRecord(reference="X", status=FilingStatus.DRAFT, **values)
    try:
        candidate.full_clean(exclude=["owner", "reference"], validate_unique=False)
    except ValidationError as error:
        known = {(e.field, e.message) for e in plan.errors}
        for name, messages in error.message_dict.items():
            column = name if name in columns.BY_KEY else "filing_reference"
            for message in messages:
                if (column, message) not in known:  # the row's own checks said it already
                    row.error(column, message)
        return
    new = NewFiling(row=row.number, values=values)
    ctx.new_filings[key] = new
    plan.filing = new


def _parse_stock(row: _Row, plan: RowPlan, ctx: _Context):
    values = {}
    code = row.text("warehouse")
    warehouse = ctx.warehouses.get(code)
    if not code:
        row.error("warehouse", N_("Give the warehouse code."))
    elif warehouse is None:
        row.error(
            "warehouse",
            N_("There is no warehouse “%(value)s”. Known: %(known)s."),
            {"value": code, "known": ", ".join(sorted(ctx.warehouses))},
        )
    else:
        values["warehouse"] = warehouse
    price = _decimal(row.text("price"))
    if not row.text("price"):
        row.error("price", N_("Give the price in CNY."))
    elif price is None or price < 0 or price > PRICE_MAX:
        row.error("price", N_("The price is not an amount in CNY."))
    elif price.as_tuple().exponent < -2:
        row.error("price", N_("A price has at most 2 decimals."))
    else:
        values["price"] = price.quantize(Decimal("0.01"))
    stock = row.text("num_in_stock")
    if not stock.isdigit():
        row.error("num_in_stock", N_("The stock is a whole number, 0 or more."))
    else:
        values["num_in_stock"] = int(stock)
    return values


def _validate_row(number: int, raw: dict, ctx: _Context) -> RowPlan:
    sku = raw.get("sku", "").strip()
    plan = RowPlan(row=number, sku=sku)
    row = _Row(number, raw, plan)
    if not sku:
        row.error("sku", N_("Give the SKU."))
    elif len(sku) > MAX_LENGTHS["sku"]:
        row.error("sku", N_("At most %(limit)s characters."), {"limit": MAX_LENGTHS["sku"]})
    elif sku in ctx.seen_skus:
        row.error("sku", N_("The SKU is already in row %(row)s."), {"row": ctx.seen_skus[sku]})
    else:
        ctx.seen_skus[sku] = number
    plan.stockrecord = ctx.stockrecords.get(sku)
    stock = _parse_stock(row, plan, ctx)
    values = _parse_product(row)
    _resolve_product(row, plan, values, ctx)
    _resolve_filing(row, plan, ctx)
    if plan.stockrecord is None:
        plan.stock_values = stock
    else:
        record = plan.stockrecord
        plan.stock_values = {
            k: v
            for k, v in stock.items()
            if (k == "warehouse" and record.warehouse_id != v.pk)
            or (k != "warehouse" and getattr(record, k) != v)
        }
        if record.price_currency != "CNY":
            plan.stock_values["price_currency"] = "CNY"
    filing = plan.filing
    current = plan.stockrecord.filing_record_id if plan.stockrecord is not None else None
    if isinstance(filing, NewFiling) or (filing is not None and filing.pk != current):
        plan.stock_values["filing_record"] = filing
    if plan.errors:
        if isinstance(plan.product, NewProduct) and plan.product.row == number:
            plan.product.ok = False
        if isinstance(plan.filing, NewFiling) and plan.filing.row == number:
            plan.filing.ok = False
    return plan


def rows_validate(*, rows, partner, user, language=None, progress=None, every=500) -> Plan:
    """Check every row of ``rows`` (``fileio.read_rows``) for ``partner``; nothing is written.
    Error messages are in ``language`` (the merchant's). ``progress(n)`` is called every
    ``every`` rows."""
    with translation.override(language or translation.get_language()):
        ctx = _Context(rows=rows, partner=partner, user=user)
        plans = []
        for index, (number, raw) in enumerate(rows, start=1):
            plans.append(_validate_row(number, raw, ctx))
            if progress is not None and index % every == 0:
                progress(index)
    return Plan(rows=plans)


# --- writing -------------------------------------------------------------------------------------


def _new_product(values: dict, ctx: _Context):
    default_title = values["title_" + settings.LANGUAGE_CODE.replace("-", "_")]
    product = Product(
        structure=Product.STANDALONE,
        is_public=True,
        product_class=ctx.classes[values["product_class"]],
        upc=values.get("upc") or None,
        slug=slugify(values.get("title_en") or default_title)[:128] or "product",
    )
    _set_product_values(product, {k: v for k, v in values.items() if k != "product_class"})
    product.title = default_title  # Oscar's own column, in the default language
    product.description = values.get("description_" + settings.LANGUAGE_CODE.replace("-", "_"), "")
    return product


def _set_product_values(product, values):
    for key, value in values.items():
        if key == "upc":
            product.upc = value or None
        elif key != "product_class":
            setattr(product, key, value)


@transaction.atomic
def plan_apply(*, plan: Plan, partner, user, only_valid: bool) -> dict:
    """Write the plan's rows (all of them, or with ``only_valid`` those without errors) in one
    transaction with bulk operations; returns the counts ``created``, ``updated``,
    ``unchanged``. Raises ``ValueError`` when a row has errors and ``only_valid`` is off."""
    if plan.error_rows and not only_valid:
        raise ValueError("the plan has errors")
    rows = [row for row in plan.rows if not row.errors]
    now = timezone.now()
    ctx_classes = {c.slug: c for c in ProductClass.objects.all()}
    shim = type("Ctx", (), {"classes": ctx_classes})
    touched_products = set()
    with translation.override(settings.LANGUAGE_CODE):
        # goods first: stock records point at them
        new_products = [r.product for r in rows if isinstance(r.product, NewProduct)]
        new_products = list({id(p): p for p in new_products}.values())
        for draft in new_products:
            draft.instance = _new_product(draft.values, shim)
        Product.objects.bulk_create([draft.instance for draft in new_products])
        changed, fields = {}, set()
        for row in rows:
            if row.product_changes and not isinstance(row.product, NewProduct):
                product = row.product
                changes = dict(row.product_changes)
                if "product_class" in changes:
                    product.product_class = ctx_classes[changes.pop("product_class")]
                    fields.add("product_class")
                _set_product_values(product, changes)
                fields |= set(changes)
                default = settings.LANGUAGE_CODE.replace("-", "_")
                if f"title_{default}" in changes:
                    product.title = changes[f"title_{default}"]
                    fields.add("title")
                if f"description_{default}" in changes:
                    product.description = changes[f"description_{default}"]
                    fields.add("description")
                product.date_updated = now
                changed[product.pk] = product
        if changed:
            Product.objects.bulk_update(
                list(changed.values()), sorted(fields | {"date_updated"}), batch_size=500
            )
        touched_products |= set(changed) | {d.instance.pk for d in new_products}

        # filings: new drafts of the merchant, changed drafts
        new_filings = [r.filing for r in rows if isinstance(r.filing, NewFiling)]
        new_filings = list({id(f): f for f in new_filings}.values())
        for draft in new_filings:
            draft.instance = FilingRecord(
                reference=filing_services._new_reference(),
                owner=partner,
                status=FilingStatus.DRAFT,
                **draft.values,
            )
        FilingRecord.objects.bulk_create([d.instance for d in new_filings])
        FilingStatusChange.objects.bulk_create(
            [
                FilingStatusChange(
                    filing=d.instance, from_status="", to_status=FilingStatus.DRAFT, changed_by=user
                )
                for d in new_filings
            ]
        )
        changed_filings, filing_fields = {}, set()
        for row in rows:
            if row.filing_changes and not isinstance(row.filing, NewFiling):
                for key, value in row.filing_changes.items():
                    setattr(row.filing, key, value)
                filing_fields |= set(row.filing_changes)
                row.filing.updated_at = now
                changed_filings[row.filing.pk] = row.filing
        if changed_filings:
            FilingRecord.objects.bulk_update(
                list(changed_filings.values()), sorted(filing_fields | {"updated_at"})
            )

        # stock records
        created, updated, record_fields = [], {}, set()
        unchanged = 0
        for row in rows:
            values = dict(row.stock_values)
            if isinstance(values.get("filing_record"), NewFiling):
                values["filing_record"] = values["filing_record"].instance
            product = row.product.instance if isinstance(row.product, NewProduct) else row.product
            if row.stockrecord is None:
                created.append(
                    StockRecord(
                        partner=partner,
                        partner_sku=row.sku,
                        product=product,
                        price_currency="CNY",
                        **values,
                    )
                )
                touched_products.add(product.pk)
            elif values or row.product_changes or row.filing_changes:
                record = row.stockrecord
                for key, value in values.items():
                    setattr(record, key, value)
                record_fields |= set(values)
                if values:
                    record.date_updated = now
                    updated[record.pk] = record
                else:
                    updated.setdefault(record.pk, None)
            else:
                unchanged += 1
        StockRecord.objects.bulk_create(created, batch_size=500)
        records = [r for r in updated.values() if r is not None]
        if records:
            StockRecord.objects.bulk_update(
                records, sorted(record_fields | {"date_updated"}), batch_size=500
            )
    if touched_products:
        # The search index is rebuilt for these goods in its own task once this transaction
        # has committed: an index failure never undoes an import, and the job ends sooner.
        from .tasks import index_imported_products

        ids = sorted(touched_products)
        transaction.on_commit(lambda: index_imported_products.enqueue(ids))
    return {"created": len(created), "updated": len(updated), "unchanged": unchanged}


# --- export and template -------------------------------------------------------------------------


def _export_row(record) -> list[str]:
    product, filing = record.product, record.filing_record
    values = {
        "sku": record.partner_sku,
        "warehouse": record.warehouse.code if record.warehouse_id else "",
        "price": "" if record.price is None else f"{record.price:.2f}",
        "num_in_stock": str(record.num_in_stock or 0),
        "filing_reference": filing.reference if filing else "",
    }
    for key in columns.PRODUCT_KEYS:
        values[key] = str(_product_value(product, key))
    for key in columns.FILING_KEYS:
        value = getattr(filing, key, "") if filing else ""
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        values[key] = str(value or "")
    return [values[key] for key in columns.KEYS]


def rows_export(*, partner) -> list[list[str]]:
    """The header and one row per stock record of ``partner`` (only its own), by SKU."""
    records = (
        StockRecord.objects.filter(partner=partner)
        .select_related("product__product_class", "filing_record", "warehouse")
        .order_by("partner_sku")
    )
    return [columns.header_row(), *(_export_row(record) for record in records.iterator(2000))]


def template_help_rows() -> list[list[str]]:
    """The template's second sheet: each column's key, label and whether it is needed."""
    return [
        [_("Column"), _("Meaning"), _("Needed")],
        *([c.key, str(c.label), _("yes") if c.required else ""] for c in columns.COLUMNS),
    ]
