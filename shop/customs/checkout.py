"""How a basket becomes customs declarations, before payment (issue #4).

``checkout_quote`` splits the basket into one declaration per (selling merchant × warehouse),
charges freight per declaration, computes the retail-import tax of each with ``tax.py`` and checks
the personal limits. Nothing is written here: the quote is shown on the checkout pages and
``services.declarations_create`` stores it with the order.

Rules decided here (README "Cross-border checkout"):
- Every line needs a stock record in a warehouse and a customs filing on the positive list; from a
  bonded (1210) warehouse the filing must also be approved (``sellability``, also used by the
  partner strategy for the product page and the basket). Lines that fail are reported, not
  silently dropped.
- Oscar offer and voucher discounts go into each declaration's ``discount`` (CEB311
  ``discount``), which the tax apportions across its lines: the dutiable value is goods + freight
  − discount, and ``actual_paid`` = goods + freight + tax − discount, so the declarations add up
  to what Oscar's order total charges.
- Freight per declaration from ``settings.SHOP_FREIGHT`` by trade mode (flat fee, free above a
  goods value), apportioned across the lines by ``tax.py``.
- The annual limit counts what this ID number already used this year *and* the declarations
  before it in the same basket.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from shop.core.formatting import format_money

from . import tax
from .codes import TradeMode

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PartLine:
    basket_line: object
    stockrecord: object
    filing: object
    quantity: int
    unit_price: Decimal
    discount: Decimal = Decimal("0.00")  # Oscar's offer/voucher discount on this line

    @property
    def key(self) -> str:
        return str(self.basket_line.pk)


@dataclass(frozen=True)
class DeclarationPart:
    sequence: int
    partner: object
    warehouse: object
    lines: tuple[PartLine, ...]
    freight: Decimal
    quote: tax.TaxQuote

    @property
    def trade_mode(self) -> str:
        return self.warehouse.trade_mode

    @property
    def goods_value(self) -> Decimal:
        return self.quote.goods_value

    @property
    def discount(self) -> Decimal:
        return self.quote.discount

    @property
    def total(self) -> Decimal:
        """What the shopper pays for this declaration (its ``actual_paid``)."""
        return (
            self.quote.goods_value
            + self.freight
            + self.quote.insurance
            + self.quote.total_tax
            - self.quote.discount
        )

    def line_tax(self, line: PartLine):
        return next(item for item in self.quote.lines if item.key == line.key)

    @property
    def rows(self):
        """(line, its tax) pairs, for templates."""
        return [(line, self.line_tax(line)) for line in self.lines]


@dataclass(frozen=True)
class CheckoutQuote:
    parts: tuple[DeclarationPart, ...]
    problems: tuple[str, ...] = ()
    annual_used: Decimal = ZERO
    annual_limit: Decimal = tax.ANNUAL_LIMIT
    single_limit: Decimal = tax.SINGLE_LIMIT
    known_identity: bool = False
    suggestions: tuple[str, ...] = field(default=())

    @property
    def allowed(self) -> bool:
        return not self.problems and bool(self.parts)

    @property
    def goods_value(self) -> Decimal:
        return sum((p.goods_value for p in self.parts), ZERO)

    @property
    def freight(self) -> Decimal:
        return sum((p.freight for p in self.parts), ZERO)

    @property
    def tax_total(self) -> Decimal:
        return sum((p.quote.total_tax for p in self.parts), ZERO)

    @property
    def discount(self) -> Decimal:
        return sum((p.discount for p in self.parts), ZERO)

    @property
    def total(self) -> Decimal:
        """The sum of the declarations' ``actual_paid``: what Oscar's order total must be."""
        return sum((p.total for p in self.parts), ZERO)

    @property
    def dutiable_value(self) -> Decimal:
        return sum((p.quote.dutiable_value for p in self.parts), ZERO)

    @property
    def annual_remaining(self) -> Decimal:
        return max(self.annual_limit - self.annual_used, ZERO)


def freight_for(*, trade_mode: str, goods_value: Decimal) -> Decimal:
    """Freight of one declaration, from ``settings.SHOP_FREIGHT[trade_mode]``."""
    rule = settings.SHOP_FREIGHT[trade_mode]
    free_over = rule.get("free_over")
    if free_over is not None and goods_value >= Decimal(free_over):
        return ZERO
    return Decimal(rule["flat"])


class Sellability(Enum):
    """Whether goods in a stock record may be sold cross-border, and if not, why."""

    SELLABLE = "sellable"
    NOT_IN_WAREHOUSE = "not_in_warehouse"
    NO_FILING = "no_filing"
    NOT_ON_POSITIVE_LIST = "not_on_positive_list"
    FILING_NOT_APPROVED = "filing_not_approved"


def sellability(stockrecord) -> Sellability:
    """The filing rule, in one place (README "Filings"): goods need a customs filing on the
    positive list; goods in a bonded (1210) warehouse need an approved one. The partner strategy
    (product page, basket) and the checkout both ask this."""
    if stockrecord is None or stockrecord.warehouse_id is None:
        return Sellability.NOT_IN_WAREHOUSE
    filing = stockrecord.filing_record
    if filing is None:
        return Sellability.NO_FILING
    if not filing.on_positive_list:
        return Sellability.NOT_ON_POSITIVE_LIST
    if stockrecord.warehouse.trade_mode == TradeMode.BONDED_1210 and not filing.is_sellable_bonded:
        return Sellability.FILING_NOT_APPROVED
    return Sellability.SELLABLE


def _line_problem(line, stockrecord) -> str | None:
    title = line.product.get_title()
    verdict = sellability(stockrecord)
    if verdict is Sellability.NOT_IN_WAREHOUSE:
        return _("“%(title)s” is not stocked in a customs warehouse and cannot be shipped.") % {
            "title": title
        }
    if verdict is Sellability.NO_FILING:
        return _("“%(title)s” has no customs filing yet and cannot be sold.") % {"title": title}
    if verdict is Sellability.NOT_ON_POSITIVE_LIST:
        return _(
            "“%(title)s” is not on the cross-border retail import list and cannot be sold this way."
        ) % {"title": title}
    if verdict is Sellability.FILING_NOT_APPROVED:
        return _(
            "“%(title)s” cannot be sold from a bonded warehouse until its customs filing is "
            "approved."
        ) % {"title": title}
    return None


def line_discount(basket_line) -> Decimal:
    """Oscar's offer and voucher discounts on ``basket_line``, CNY to the cent (what the line
    costs before discounts minus what it costs after them, exactly as Oscar's basket total
    counts it)."""
    before = basket_line.line_price_incl_tax
    after = basket_line.line_price_incl_tax_incl_discounts
    if before is None or after is None:
        return ZERO
    return max(before - after, ZERO).quantize(tax.CENT)


def tax_line_for(*, key: str, filing, unit_price: Decimal, quantity: int) -> tax.TaxLine:
    """The tax calculation's line for ``quantity`` units at ``unit_price`` under the customs
    ``filing``'s rates: the checkout's declarations and the product page's one-unit estimate
    (``shop/core/templatetags/product_facts.py``) build it here, so they cannot differ."""
    return tax.TaxLine(
        key=key,
        unit_price=unit_price,
        quantity=quantity,
        vat_rate=filing.vat_rate,
        consumption_rate=filing.consumption_rate,
        duty_rate=filing.duty_rate,
        consumption_per_unit=filing.consumption_per_unit,
    )


def _tax_lines(lines: list[PartLine]) -> list[tax.TaxLine]:
    return [
        tax_line_for(
            key=line.key, filing=line.filing, unit_price=line.unit_price, quantity=line.quantity
        )
        for line in lines
    ]


# What checkout_quote reads of each basket line: loaded for all lines at once (issue #16).
LINE_PREFETCH = (
    "stockrecord__partner",
    "stockrecord__warehouse",
    "stockrecord__filing_record",
    "product__product_class",
)


def prefetch_lines(lines) -> list:
    """``lines`` (a basket's) as a list, with their stock records' merchant, warehouse and filing
    and their products' class loaded in one query each, in place: the basket's cached lines
    (``basket.all_lines()``) then serve the basket page, the shipping charge and the checkout
    without a query per line."""
    lines = list(lines)
    todo = [line for line in lines if "warehouse" not in _fields_cache(line.stockrecord)]
    if todo:
        prefetch_related_objects(todo, *LINE_PREFETCH)
    return lines


def _fields_cache(obj) -> dict:
    return obj._state.fields_cache if obj is not None else {"warehouse": None}


def _limit_problems(part: DeclarationPart, quote: tax.TaxQuote) -> tuple[list[str], list[str]]:
    problems, suggestions = [], []
    for violation in quote.violations:
        if violation.code == tax.ViolationCode.SINGLE_LIMIT:
            problems.append(
                _(
                    "Shipment %(n)s from %(warehouse)s is worth %(amount)s with freight, above the "
                    "%(limit)s limit for one cross-border order."
                )
                % {
                    "n": part.sequence,
                    "warehouse": part.warehouse.name,
                    "amount": format_money(violation.amount),
                    "limit": format_money(violation.limit),
                }
            )
            groups = tax.suggest_split(_tax_lines(list(part.lines)), freight=part.freight)
            if groups:
                titles = {line.key: line.basket_line.product.get_title() for line in part.lines}
                for number, group in enumerate(groups, start=1):
                    items = ", ".join(f"{titles[key]} × {qty}" for key, qty in group)
                    suggestions.append(_("Order %(n)s: %(items)s") % {"n": number, "items": items})
            else:
                suggestions.append(
                    _(
                        "A single item above the limit can only be bought on its own: remove "
                        "the other goods and buy them in a separate order."
                    )
                )
        elif violation.code == tax.ViolationCode.ANNUAL_LIMIT:
            problems.append(
                # The amount left is not shown: it counts every account's purchases with this
                # ID number, and nobody may learn another account's use from it (issue #10).
                _(
                    "This order would take the cross-border purchases of this ID number this "
                    "year above the annual limit of %(limit)s. Please order less, or order "
                    "for another person with their own ID."
                )
                % {"limit": format_money(violation.limit)}
            )
    return problems, suggestions


def checkout_quote(*, basket, annual_used: Decimal | None = None) -> CheckoutQuote:
    """Split ``basket`` into declarations and price each one.

    ``annual_used`` is what the orderer's ID number already used this year
    (``selectors.annual_quota_used``); ``None`` while the shopper has not given an identity yet
    (then counted from zero, so effectively only the per-order limits apply).
    """
    problems: list[str] = []
    groups: OrderedDict[tuple[int, int], list[PartLine]] = OrderedDict()
    keys = {}
    for line in prefetch_lines(basket.all_lines()):
        stockrecord = line.stockrecord
        problem = _line_problem(line, stockrecord)
        if problem:
            problems.append(problem)
            continue
        key = (stockrecord.partner_id, stockrecord.warehouse_id)
        keys[key] = (stockrecord.partner, stockrecord.warehouse)
        groups.setdefault(key, []).append(
            PartLine(
                basket_line=line,
                stockrecord=stockrecord,
                filing=stockrecord.filing_record,
                quantity=line.quantity,
                unit_price=line.unit_price_incl_tax,
                discount=line_discount(line),
            )
        )

    parts, suggestions = [], []
    used = annual_used or ZERO
    for sequence, (key, lines) in enumerate(groups.items(), start=1):
        partner, warehouse = keys[key]
        goods = sum((line.unit_price * line.quantity for line in lines), ZERO)
        # free freight is decided on the goods value before discounts
        freight = freight_for(trade_mode=warehouse.trade_mode, goods_value=goods)
        discount = sum((line.discount for line in lines), ZERO)
        quote = tax.quote_declaration(
            _tax_lines(lines), freight=freight, discount=discount, annual_used=used
        )
        part = DeclarationPart(
            sequence=sequence,
            partner=partner,
            warehouse=warehouse,
            lines=tuple(lines),
            freight=freight,
            quote=quote,
        )
        part_problems, part_suggestions = _limit_problems(part, quote)
        problems += part_problems
        suggestions += part_suggestions
        used += quote.dutiable_value
        parts.append(part)
    return CheckoutQuote(
        parts=tuple(parts),
        problems=tuple(problems),
        annual_used=annual_used or ZERO,
        known_identity=annual_used is not None,
        suggestions=tuple(suggestions),
    )
