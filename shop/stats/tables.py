"""The tables of the statistics page (issue #17): one definition each, used by the page, the
charts' data tables and the CSV/XLSX exports, so what is shown and what is exported agree. No
table has personal data: orderers are counted, never listed."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from shop.attribution.models import Channel
from shop.customs.codes import CountryCode, TradeMode
from shop.customs.models import Declaration

from .selectors import Statistics


@dataclass
class Table:
    name: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    #: column indexes holding money (CNY, Decimal)
    money: tuple = ()


def _choice_label(choices, key) -> str:
    try:
        return str(choices(key).label)
    except ValueError:
        return key or _("Unknown")


def _label(breakdown: str, row: dict) -> str:
    if breakdown == "trade_mode":
        return _choice_label(TradeMode, row["key"])
    if breakdown == "origin":
        return _choice_label(CountryCode, row["key"]) if row["key"] else _("Unknown")
    if breakdown == "channel":
        return _choice_label(Channel, row["key"])
    return row["name"] or _("Unknown")


def hours(value: datetime.timedelta | None):
    if value is None:
        return None
    return (Decimal(value.total_seconds()) / 3600).quantize(Decimal("0.01"))


def _sales_columns(first: str) -> list:
    return [
        first,
        _("Orders"),
        _("Goods value (CNY)"),
        _("Import tax (CNY)"),
        _("Average basket (CNY)"),
    ]


def _sales_cells(row: dict) -> list:
    return [row["orders"], row["goods_value"], row["import_tax"], row["average_basket"]]


BREAKDOWN_TITLES = {
    "trade_mode": lambda: _("By trade mode"),
    "origin": lambda: _("By origin country"),
    "merchant": lambda: _("By merchant"),
    "channel": lambda: _("By channel"),
    "store": lambda: _("By experience store"),
    "staff_member": lambda: _("By store staff member"),
}
BREAKDOWN_COLUMNS = {
    "trade_mode": lambda: _("Trade mode"),
    "origin": lambda: _("Origin country"),
    "merchant": lambda: _("Merchant"),
    "channel": lambda: _("Channel"),
    "store": lambda: _("Experience store"),
    "staff_member": lambda: _("Staff member"),
}


def statistics_tables(stats: Statistics) -> dict[str, Table]:
    """Every table of the page, by export name, in the active language."""
    from .charts import percent_label, period_label

    tables = {}
    summary = stats.summary
    tables["summary"] = Table(
        "summary",
        _("Summary"),
        [_("Figure"), _("Value")],
        [
            [_("Orders"), summary["orders"]],
            [_("Goods value (CNY)"), summary["goods_value"]],
            [_("Import tax collected (CNY)"), summary["import_tax"]],
            [_("Average basket (CNY)"), summary["average_basket"]],
        ],
    )
    period = stats.filters.period
    tables["over_time"] = Table(
        "over_time",
        _("Sales over time"),
        _sales_columns(_("Period")),
        [[period_label(row["period"], period), *_sales_cells(row)] for row in stats.over_time],
        money=(2, 3, 4),
    )
    for name, rows in stats.breakdowns.items():
        tables[f"by_{name}"] = Table(
            f"by_{name}",
            BREAKDOWN_TITLES[name](),
            _sales_columns(BREAKDOWN_COLUMNS[name]()),
            [[_label(name, row), *_sales_cells(row)] for row in rows],
            money=(2, 3, 4),
        )
    outcomes = stats.outcomes
    tables["outcomes"] = Table(
        "outcomes",
        _("Customs outcomes"),
        [_("Outcome"), _("Declarations")],
        [[_("Paid in the range"), outcomes["paid"]]]
        + [
            [str(Declaration.Status(status).label), outcomes[status]]
            for status in (
                Declaration.Status.RELEASED,
                Declaration.Status.REFUSED,
                Declaration.Status.CANCELLED,
                Declaration.Status.RETURNED,
            )
        ],
    )
    tables["refusals"] = Table(
        "refusals",
        _("Top refusal reasons"),
        [_("Customs code"), _("Reason given by customs"), _("Declarations")],
        [[row["code"] or "—", row["note"] or "—", row["count"]] for row in stats.refusals],
    )
    release = stats.release
    tables["release_times"] = Table(
        "release_times",
        _("Time from payment to release"),
        [_("Figure"), _("Value")],
        [
            [_("Declarations released"), release["count"]],
            [_("Median (hours)"), hours(release["median"])],
            [_("95th percentile (hours)"), hours(release["p95"])],
        ],
    )
    if stats.quota is not None:
        quota = stats.quota
        tables["quota"] = Table(
            "quota",
            _("Annual quota use in %(year)s") % {"year": quota["year"]},
            [_("Share of the annual limit used"), _("Orderers")],
            [
                [_("Any"), quota["orderers"]],
                [_("At least 80%"), quota["at_80"]],
                [_("At least 95%"), quota["at_95"]],
                [_("Limit reached"), quota["at_100"]],
            ],
        )
    returns = stats.returns
    rows = [
        [_("Return requests"), returns["requested"]],
        [_("Returns accepted"), returns["accepted"]],
        [_("Return rate (declarations returned ÷ paid)"), percent_label(returns["rate"])],
        [_("Goods refunded (CNY)"), returns["refund_goods"]],
        [_("Freight refunded (CNY)"), returns["refund_freight"]],
        [_("Import tax refunded (CNY)"), returns["refund_tax"]],
        [_("Refunded for returns (CNY)"), returns["refund_total"]],
    ]
    if stats.payment_refunds is not None:
        refunds = stats.payment_refunds
        rows += [
            [_("Payment refunds started"), refunds["count"]],
            [_("Payment refunds done"), refunds["succeeded"]],
            [_("Payment refunds still open"), refunds["open"]],
            [_("Amount refunded to payers (CNY)"), refunds["amount"]],
        ]
    tables["returns"] = Table("returns", _("Returns and refunds"), [_("Figure"), _("Value")], rows)
    return tables
