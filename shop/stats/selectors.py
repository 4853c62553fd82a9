"""The figures of the statistics dashboard (issue #17), aggregated in the database.

Every figure starts from one of three querysets, filtered the same way by ``StatsFilters``:

- **goods lines** (``DeclarationLine``): orders, goods value, import tax, average basket, over
  time and by trade mode, origin country, merchant, channel, store and staff member. A line
  belongs to exactly one declaration, and a declaration to exactly one merchant (the goods of one
  merchant from one warehouse), so a merchant's figures are computed from its own lines only:
  another merchant's line in a shared order never counts;
- **declarations**: customs outcomes, returns;
- **status changes** (``DeclarationStatusChange`` to ``released``): time from payment to release.

"In the range" means *paid* in the range (``Declaration.paid_at``), in Beijing days: unpaid
checkouts are not sales. A declaration refused or cancelled after payment still counts as an
order; its outcome and refund show in their own sections.

Money is ``Decimal`` throughout (sums of ``DecimalField``s, quantised to fen).
"""

import datetime
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    Count,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDay, TruncMonth, TruncWeek
from oscar.core.loading import get_model

from shop.attribution.models import Channel
from shop.customs.models import Declaration, DeclarationLine, DeclarationStatusChange, ReturnRequest
from shop.customs.selectors import QUOTA_STATUSES
from shop.customs.tax import ANNUAL_LIMIT

Partner = get_model("partner", "Partner")

CUSTOMS_TZ = ZoneInfo("Asia/Shanghai")
ZERO = Decimal("0.00")
FEN = Decimal("0.01")
MONEY = DecimalField(max_digits=14, decimal_places=2)

#: Shares of the annual limit (26 000 CNY) at which orderers are counted as "near" it
QUOTA_THRESHOLDS = (Decimal("0.80"), Decimal("0.95"), Decimal("1.00"))

PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}

#: Customs outcomes shown, in this order
OUTCOMES = (
    Declaration.Status.RELEASED,
    Declaration.Status.REFUSED,
    Declaration.Status.CANCELLED,
    Declaration.Status.RETURNED,
)


def money(value) -> Decimal:
    """A database sum as Decimal fen (``None`` → 0; SQLite may hand back ``240`` for ``240.00``)."""
    if value is None:
        return ZERO
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class StatsFilters:
    """What the filter form chose. ``user`` decides the scope: zone staff everything, anyone
    else (a merchant's dashboard user) only the declarations of its own partners."""

    user: object
    date_from: datetime.date
    date_to: datetime.date
    period: str = "day"
    trade_mode: str = ""
    origin: str = ""
    partner: object = None
    store: object = None
    warehouse: object = None

    @property
    def is_staff(self) -> bool:
        return bool(self.user.is_staff)

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date_from, datetime.time(), tzinfo=CUSTOMS_TZ)

    @property
    def end(self) -> datetime.datetime:
        """Exclusive: the midnight after ``date_to``, Beijing time."""
        return self.start_of(self.date_to + datetime.timedelta(days=1))

    @staticmethod
    def start_of(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(), tzinfo=CUSTOMS_TZ)


def default_range(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last 30 Beijing days, today included."""
    from django.utils import timezone

    today = today or timezone.now().astimezone(CUSTOMS_TZ).date()
    return today - datetime.timedelta(days=29), today


def merchant_partner_ids(user):
    """The partners of a merchant's dashboard user, as a sub-select."""
    return Partner.users.through.objects.filter(user_id=user.pk).values("partner_id")


def _declaration_q(filters: StatsFilters, prefix: str = "", *, origin_on_lines=False) -> Q:
    """The filter on declarations, reached through ``prefix`` (``"declaration__"`` from a line or
    a status change). ``origin_on_lines``: the caller filters its own lines by origin."""
    p = prefix
    q = Q(**{f"{p}paid_at__gte": filters.start, f"{p}paid_at__lt": filters.end})
    if not filters.is_staff:
        q &= Q(**{f"{p}partner_id__in": merchant_partner_ids(filters.user)})
    elif filters.partner is not None:
        q &= Q(**{f"{p}partner": filters.partner})
    if filters.trade_mode:
        q &= Q(**{f"{p}trade_mode": filters.trade_mode})
    if filters.warehouse is not None:
        q &= Q(**{f"{p}warehouse": filters.warehouse})
    if filters.store is not None:
        q &= Q(**{f"{p}order__attribution__store": filters.store})
    if filters.origin and not origin_on_lines:
        q &= Q(
            Exists(
                DeclarationLine.objects.filter(
                    declaration=OuterRef(f"{p}pk" if p else "pk"),
                    filing_record__origin_country=filters.origin,
                )
            )
        )
    return q


def goods_lines(filters: StatsFilters):
    """The goods lines in scope (see the module docstring)."""
    lines = DeclarationLine.objects.filter(
        _declaration_q(filters, "declaration__", origin_on_lines=True)
    )
    if filters.origin:
        lines = lines.filter(filing_record__origin_country=filters.origin)
    return lines


def declarations(filters: StatsFilters):
    return Declaration.objects.filter(_declaration_q(filters))


def _facts(filters: StatsFilters, *, by_origin: bool = False):
    """Where the sales figures are summed: the declarations themselves (a declaration's goods
    value and tax are the sums of its lines, ``shop.customs.tax.quote``), or their goods lines
    when the origin country (a line's filing) filters or groups. Returns (queryset, prefix to
    the declaration's fields)."""
    if by_origin or filters.origin:
        return goods_lines(filters), "declaration__"
    return declarations(filters), ""


def _sales(prefix: str) -> dict:
    return {
        "orders": Count(f"{prefix}order", distinct=True),
        "goods_value": Coalesce(Sum("goods_value"), Value(ZERO), output_field=MONEY),
        "import_tax": Coalesce(Sum("tax_total"), Value(ZERO), output_field=MONEY),
    }


def _row(values: dict) -> dict:
    orders = values["orders"] or 0
    goods = money(values["goods_value"])
    return {
        "orders": orders,
        "goods_value": goods,
        "import_tax": money(values["import_tax"]),
        "average_basket": (goods / orders).quantize(FEN, rounding=ROUND_HALF_UP)
        if orders
        else ZERO,
    }


def _add(rows) -> dict:
    """Roll up rows whose orders are disjoint (each order in exactly one row)."""
    total = {"orders": 0, "goods_value": ZERO, "import_tax": ZERO}
    for row in rows:
        for key in total:
            total[key] += row[key]
    return _row(total)


def _period_buckets(filters: StatsFilters) -> list[datetime.date]:
    """Every day / week (Monday) / month start in the range, so a chart has no gaps."""
    day = filters.date_from
    if filters.period == "week":
        day -= datetime.timedelta(days=day.weekday())
    elif filters.period == "month":
        day = day.replace(day=1)
    buckets = []
    while day <= filters.date_to:
        buckets.append(day)
        if filters.period == "day":
            day += datetime.timedelta(days=1)
        elif filters.period == "week":
            day += datetime.timedelta(days=7)
        else:
            day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return buckets


def sales_over_time(filters: StatsFilters) -> list[dict]:
    """One row per day, week or month of the range (Beijing calendar), empty ones included."""
    trunc = PERIODS.get(filters.period, TruncDay)
    facts, p = _facts(filters)
    rows = (
        facts.annotate(bucket=trunc(f"{p}paid_at", tzinfo=CUSTOMS_TZ))
        .values("bucket")
        .annotate(**_sales(p))
        .order_by("bucket")
    )
    found = {}
    for row in rows:
        bucket = row["bucket"]
        if isinstance(bucket, datetime.datetime):
            bucket = bucket.astimezone(CUSTOMS_TZ).date()
        found[bucket] = _row(row)
    empty = {"orders": 0, "goods_value": ZERO, "import_tax": ZERO, "average_basket": ZERO}
    return [{"period": day, **found.get(day, empty)} for day in _period_buckets(filters)]


#: breakdowns grouped on their own: name -> (key field, name field or None), from the
#: declaration (origin: from the line)
BREAKDOWNS = {
    "trade_mode": ("trade_mode", None),
    "origin": ("filing_record__origin_country", None),
    "merchant": ("partner_id", "partner__name"),
}
#: breakdowns by where the order came from: one row per order, so one grouped query gives
#: all three and the summary (``attribution_cube``)
ATTRIBUTION_BREAKDOWNS = ("channel", "store", "staff_member")


def sales_by(filters: StatsFilters, breakdown: str) -> list[dict]:
    """Sales grouped by one dimension, largest goods value first. Rows: ``key``, ``name``
    (or ``None`` when the key has its own label: trade mode, origin), figures. An order with
    goods in two groups (two merchants, both trade modes) counts once in each."""
    key_field, name_field = BREAKDOWNS[breakdown]
    by_origin = breakdown == "origin"
    facts, p = _facts(filters, by_origin=by_origin)
    names = {"key": F(key_field if by_origin else f"{p}{key_field}")}
    if name_field:
        names["name"] = F(f"{p}{name_field}")
    rows = (
        facts.annotate(**names).values(*names).annotate(**_sales(p)).order_by("-goods_value", "key")
    )
    return [{"key": row["key"], "name": row.get("name"), **_row(row)} for row in rows]


def attribution_cube(filters: StatsFilters) -> list[dict]:
    """Sales by (channel, store, staff member): an order has one attribution (none = online),
    so its rows are disjoint and add up to the totals."""
    facts, p = _facts(filters)
    attribution = f"{p}order__attribution__"
    return [
        {**row, **_row(row)}
        for row in facts.annotate(
            channel=Coalesce(F(f"{attribution}channel"), Value(Channel.ONLINE)),
            store_key=F(f"{attribution}store_id"),
            store_name=F(f"{attribution}store__name"),
            staff_key=F(f"{attribution}staff_member_id"),
            staff_name=F(f"{attribution}staff_member__display_name"),
        )
        .values("channel", "store_key", "store_name", "staff_key", "staff_name")
        .annotate(**_sales(p))
        .order_by()
    ]


def _roll_up(cube: list[dict], key: str, name: str | None = None) -> list[dict]:
    groups: dict = {}
    for row in cube:
        if row[key] is None:
            continue
        groups.setdefault(row[key], []).append(row)
    rows = [
        {"key": group_key, "name": rows[0][name] if name else None, **_add(rows)}
        for group_key, rows in groups.items()
    ]
    return sorted(rows, key=lambda row: (-row["goods_value"], str(row["key"])))


def sales_summary(filters: StatsFilters, cube: list[dict] | None = None) -> dict:
    """Orders (distinct, with at least one line in scope), goods value, import tax, average
    basket (goods value ÷ orders)."""
    return _add(attribution_cube(filters) if cube is None else cube)


def attribution_breakdowns(cube: list[dict]) -> dict[str, list[dict]]:
    return {
        "channel": _roll_up(cube, "channel"),
        "store": _roll_up(cube, "store_key", "store_name"),
        "staff_member": _roll_up(cube, "staff_key", "staff_name"),
    }


def customs_outcomes(filters: StatsFilters) -> dict:
    """Declarations paid in the range, and how many of them customs released, refused, were
    cancelled or returned (their status now)."""
    counts = declarations(filters).aggregate(
        paid=Count("pk"),
        **{status.value: Count("pk", filter=Q(status=status)) for status in OUTCOMES},
    )
    return counts


def refusal_reasons(filters: StatsFilters, limit: int = 5) -> list[dict]:
    """The most frequent refusals: customs' code (``returnStatus``) and words, with counts."""
    return list(
        DeclarationStatusChange.objects.filter(
            _declaration_q(filters, "declaration__"), to_status=Declaration.Status.REFUSED
        )
        .values("code", "note")
        .annotate(count=Count("pk"))
        .order_by("-count", "code", "note")[:limit]
    )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(f) WITHIN GROUP (ORDER BY x)``."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def _release_durations(filters: StatsFilters):
    return DeclarationStatusChange.objects.filter(
        _declaration_q(filters, "declaration__"),
        to_status=Declaration.Status.RELEASED,
    ).annotate(
        duration=ExpressionWrapper(
            F("created_at") - F("declaration__paid_at"), output_field=DurationField()
        )
    )


def _as_timedelta(value) -> datetime.timedelta | None:
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(microseconds=int(value))


def release_times(filters: StatsFilters) -> dict:
    """Median and 95th percentile of payment → release, with ``percentile_cont``'s definition
    (linear interpolation between the two nearest ranks). On PostgreSQL one aggregate; elsewhere
    (SQLite) the count, then the two neighbouring rows of each rank fetched in order: still
    computed in the database, never by loading every duration."""
    durations = _release_durations(filters)
    if connection.vendor == "postgresql":
        result = durations.aggregate(
            count=Count("pk"),
            median=PercentileCont("duration", 0.5, output_field=DurationField()),
            p95=PercentileCont("duration", 0.95, output_field=DurationField()),
        )
        return {
            "count": result["count"],
            "median": _as_timedelta(result["median"]),
            "p95": _as_timedelta(result["p95"]),
        }
    count = durations.count()
    result = {"count": count, "median": None, "p95": None}
    if not count:
        return result
    ordered = durations.order_by("duration", "pk").values_list("duration", flat=True)
    for name, fraction in (("median", 0.5), ("p95", 0.95)):
        rank = fraction * (count - 1)
        low = math.floor(rank)
        pair = [_as_timedelta(value) for value in ordered[low : low + 2]]
        if len(pair) == 1 or rank == low:
            result[name] = pair[0]
        else:
            result[name] = pair[0] + (pair[1] - pair[0]) * (rank - low)
    return result


def quota_use(filters: StatsFilters) -> dict:
    """How many orderers (distinct ID-number hashes, never shown) have used at least 80 %,
    95 % and 100 % of the annual limit in the calendar year of the range's end (Beijing time),
    counted as the checkout counts them (``shop.customs.selectors.annual_quota_used``). Zone-wide
    and unfiltered: an orderer's use spans every merchant."""
    year = filters.date_to.year
    start = datetime.datetime(year, 1, 1, tzinfo=CUSTOMS_TZ)
    per_orderer = (
        Declaration.objects.filter(
            status__in=QUOTA_STATUSES,
            created_at__gte=start,
            created_at__lt=start.replace(year=year + 1),
        )
        .values("orderer_id_hash")
        .annotate(used=Sum(F("dutiable_value") - F("returned_dutiable_value"), output_field=MONEY))
        .order_by()
    )
    # one query: the per-orderer sums as a sub-select, counted at each threshold
    counts = per_orderer.aggregate(
        orderers=Count("orderer_id_hash"),
        **{
            f"at_{int(share * 100)}": Count(
                "orderer_id_hash", filter=Q(used__gte=(ANNUAL_LIMIT * share).quantize(FEN))
            )
            for share in QUOTA_THRESHOLDS
        },
    )
    counts.update(year=year, limit=ANNUAL_LIMIT)
    return counts


def returns_and_refunds(filters: StatsFilters) -> dict:
    """Returns asked for the declarations paid in the range; accepted ones and their refunds
    (goods, freight, tax). Rate = declarations with an accepted return ÷ declarations paid."""
    scope = declarations(filters)
    returns = ReturnRequest.objects.filter(declaration__in=scope.values("pk"))
    accepted = Q(status=ReturnRequest.Status.ACCEPTED)
    figures = returns.aggregate(
        requested=Count("pk"),
        accepted=Count("pk", filter=accepted),
        declarations_returned=Count("declaration", filter=accepted, distinct=True),
        refund_goods=Coalesce(
            Sum("refund_goods", filter=accepted), Value(ZERO), output_field=MONEY
        ),
        refund_freight=Coalesce(
            Sum("refund_freight", filter=accepted), Value(ZERO), output_field=MONEY
        ),
        refund_tax=Coalesce(Sum("refund_tax", filter=accepted), Value(ZERO), output_field=MONEY),
    )
    paid = scope.count()
    for key in ("refund_goods", "refund_freight", "refund_tax"):
        figures[key] = money(figures[key])
    figures["refund_total"] = (
        figures["refund_goods"] + figures["refund_freight"] + figures["refund_tax"]
    )
    figures["paid"] = paid
    figures["rate"] = (
        (Decimal(figures["declarations_returned"]) / paid).quantize(Decimal("0.0001"))
        if paid
        else Decimal("0")
    )
    return figures


def payment_refunds(filters: StatsFilters) -> dict:
    """Staff only: refunds of payments (refused, cancelled, returned, superfluous payments)
    created in the range, by outcome. A payment is the whole order's, so it cannot be split per
    merchant. Unfiltered except by date."""
    Refund = get_model("shop_payments", "Refund")
    refunds = Refund.objects.filter(created_at__gte=filters.start, created_at__lt=filters.end)
    done = Q(status=Refund.Status.SUCCEEDED)
    figures = refunds.aggregate(
        count=Count("pk"),
        succeeded=Count("pk", filter=done),
        amount=Coalesce(Sum("amount", filter=done), Value(ZERO), output_field=MONEY),
        open=Count("pk", filter=~done & ~Q(status=Refund.Status.FAILED)),
    )
    figures["amount"] = money(figures["amount"])
    return figures


@dataclass
class Statistics:
    filters: StatsFilters
    summary: dict = field(default_factory=dict)
    over_time: list = field(default_factory=list)
    breakdowns: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)
    refusals: list = field(default_factory=list)
    release: dict = field(default_factory=dict)
    quota: dict | None = None
    returns: dict = field(default_factory=dict)
    payment_refunds: dict | None = None


def statistics_compute(*, filters: StatsFilters) -> Statistics:
    """Every figure of the statistics page, a fixed number of queries whatever the data. Read
    only; on PostgreSQL in one transaction with more sort memory for its ``DISTINCT`` counts
    (``SET LOCAL``: for these queries only)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '32MB'")
        return _statistics_compute(filters)


def _statistics_compute(filters: StatsFilters) -> Statistics:
    names = [name for name in BREAKDOWNS if filters.is_staff or name != "merchant"]
    cube = attribution_cube(filters)
    breakdowns = {name: sales_by(filters, name) for name in names}
    breakdowns.update(attribution_breakdowns(cube))
    return Statistics(
        filters=filters,
        summary=sales_summary(filters, cube),
        over_time=sales_over_time(filters),
        breakdowns=breakdowns,
        outcomes=customs_outcomes(filters),
        refusals=refusal_reasons(filters),
        release=release_times(filters),
        quota=quota_use(filters) if filters.is_staff else None,
        returns=returns_and_refunds(filters),
        payment_refunds=payment_refunds(filters) if filters.is_staff else None,
    )
