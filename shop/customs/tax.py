"""Cross-border retail import tax (跨境电商零售进口税) of one customs declaration, before payment.

Pure calculation: no Django, no ORM, ``Decimal`` only (style guide §2 and §4). Checkout builds one
``TaxLine`` per declaration line and calls ``quote_declaration``; the result is a ``TaxQuote``
with per-line and total figures, the tax regime and any limit violations. Policy and formulas
follow the customs digest, ``spec/customs/README.md`` §8.

Policy (§8.1, 财关税〔2016〕18号 and 〔2018〕49号)
    * Dutiable value (完税价格) = the actual transaction price: goods + freight + insurance
      (minus a discount on the goods, since the discounted price is what is actually paid).
    * Single declaration ≤ ``SINGLE_LIMIT`` (5 000.00 CNY; exactly 5 000.00 passes) and
      annual total per person ≤ ``ANNUAL_LIMIT`` (26 000.00 CNY, ``annual_used`` + this
      declaration).
    * Within both limits: duty 0 %, consumption tax and VAT at ``RETAIL_RATE`` (70 %) of the
      statutory amount — regime ``RETAIL_REDUCED``.
    * A declaration of exactly ONE item (one line, quantity 1) whose dutiable value is above
      5 000 and below 26 000 may still go through if the annual limit holds, but taxed in full:
      duty at the line's ``duty_rate``, consumption tax and VAT at 100 % — regime
      ``RETAIL_FULL_SINGLE_ITEM``.
    * Anything else over a limit is ``BLOCKED`` (customs would reject it with −621005 / −621018).
      A blocked quote still carries the figures of the reduced regime, so the UI can explain.

Formulas (§8.2), per line, with P = dutiable value, d = duty rate, c = ad-valorem consumption
rate, v = VAT rate, S = specific consumption tax (``consumption_per_unit`` × quantity)::

    duty = P × d                                  (d = 0 in the reduced regime)
    CT   = ((P + duty) × c + S) / (1 − c)
    VAT  = (P + duty + CT) × v
    reduced regime: CT and VAT × 0.7

With S = 0 the CT formula is §8.2's ``(P + duty) / (1 − c) × c``. With S > 0 it is the statutory
compound formula written out: the composite assessable price is ``(P + duty + S) / (1 − c)``
and CT = that price × c + S, which simplifies to the line above. (§8.2 leaves specific CT open;
no filed goods use it yet — it is here so the API has room for it.)

Rounding (style guide §4: round once, explicitly)
    Each line is computed at full precision (a local 50-digit context); only the line's duty,
    CT and VAT — after the 70 % factor — are rounded, each once, to the cent with ROUND_HALF_UP.
    VAT is computed from the unrounded duty and CT. Line total = duty + CT + VAT (rounded
    amounts); declaration totals are sums of the rounded line amounts. This reproduces the four
    worked examples of §8.2 exactly (28.21, 31.50, 178.89, 230.59).

Apportionment of freight, insurance and discount
    §8.2: customs computes per item, but how it apportions freight/insurance across items, and
    how it rounds, is UNVERIFIED — reconcile ``taxTotal`` with the CEB816 tax bill rather than
    assuming bit-exact equality. The rule chosen here: each amount is split across the lines in
    proportion to the line goods value (unit price × quantity); each share is rounded to the
    cent ROUND_HALF_UP; the rounding remainder (positive or negative) goes to the line with the
    largest goods value (ties: the first such line), so the shares add up exactly to the amount
    (10.00 over three equal lines → 3.34 / 3.33 / 3.33). Only if that line cannot absorb the
    remainder — a negative share, or a discount share above the line's goods value; possible only
    with a few cents spread over many lines — does the rest move on, cent-exact, to the next
    lines by decreasing goods value. If all goods are free, the whole amount goes to the first
    line.

Money inputs (prices, freight, insurance, discount) are CNY to the cent (§2: customs fields
allow 5 decimals, but the shop's amounts are cents); anything finer raises ``ValueError``.
Errors are for developers: the shop layer shows its own translated messages.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

# §8.1 limits and the 70 % factor, defined once for the shop and the customs simulator
from integrations.customs.policy import ANNUAL_LIMIT, RETAIL_RATE, SINGLE_LIMIT

__all__ = [
    "ANNUAL_LIMIT",
    "RETAIL_RATE",
    "SINGLE_LIMIT",
    "LimitViolation",
    "LineTax",
    "TaxLine",
    "TaxQuote",
    "TaxRegime",
    "ViolationCode",
    "apportion",
    "quote_declaration",
    "suggest_split",
]


CENT = Decimal("0.01")
ZERO = Decimal("0.00")
ONE = Decimal("1")
_PRECISION = 50  # digits of the local context for the unrounded chain


class TaxRegime(Enum):
    """How a declaration is taxed; values match ``Declaration.TaxRegime`` where stored."""

    RETAIL_REDUCED = "retail_reduced"
    RETAIL_FULL_SINGLE_ITEM = "retail_full"
    BLOCKED = "blocked"


class ViolationCode(Enum):
    SINGLE_LIMIT = "single_limit"  # customs −621005
    ANNUAL_LIMIT = "annual_limit"  # customs −621018


@dataclass(frozen=True)
class TaxLine:
    """One declaration line. Rates are fractions (``Decimal("0.13")``), prices CNY to the cent.

    Raises ``TypeError`` for floats or other non-Decimal amounts and ``ValueError`` for negative
    prices, a quantity below 1, a VAT or duty rate outside [0, 1] or a consumption rate outside
    [0, 1).
    """

    key: str
    unit_price: Decimal
    quantity: int
    vat_rate: Decimal
    consumption_rate: Decimal = Decimal("0")
    duty_rate: Decimal = Decimal("0")
    consumption_per_unit: Decimal = Decimal("0")  # specific consumption tax, CNY per item

    def __post_init__(self):
        if not isinstance(self.key, str):
            raise TypeError(f"TaxLine.key must be a str, not {type(self.key).__name__}")
        where = f"line {self.key!r}"
        _check_money(self.unit_price, f"{where}: unit_price")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise TypeError(f"{where}: quantity must be an int, not {type(self.quantity).__name__}")
        if self.quantity < 1:
            raise ValueError(f"{where}: quantity must be at least 1, got {self.quantity}")
        _check_rate(self.vat_rate, f"{where}: vat_rate", below_one=False)
        _check_rate(self.duty_rate, f"{where}: duty_rate", below_one=False)
        _check_rate(self.consumption_rate, f"{where}: consumption_rate", below_one=True)
        _check_decimal(self.consumption_per_unit, f"{where}: consumption_per_unit")
        if self.consumption_per_unit < 0:
            raise ValueError(
                f"{where}: consumption_per_unit must not be negative, "
                f"got {self.consumption_per_unit}"
            )

    @property
    def goods_value(self) -> Decimal:
        """unit_price × quantity, CNY (exact: the price is whole cents)."""
        return _cents(Decimal(self.unit_price) * self.quantity)


@dataclass(frozen=True)
class LineTax:
    """Figures of one line; all amounts CNY, rounded to the cent."""

    key: str
    goods_value: Decimal
    freight_share: Decimal
    insurance_share: Decimal
    discount_share: Decimal
    dutiable_value: Decimal  # goods + freight share + insurance share − discount share
    duty: Decimal
    consumption_tax: Decimal
    vat: Decimal
    total: Decimal  # duty + consumption_tax + vat


@dataclass(frozen=True)
class LimitViolation:
    """A limit of §8.1 that the declaration breaks.

    ``amount`` is what is compared with ``limit``: the declaration's dutiable value for
    ``SINGLE_LIMIT``, ``annual_used`` + that value for ``ANNUAL_LIMIT``; ``excess`` =
    amount − limit. ``annual_remaining`` is the annual quota left *before* this declaration
    (never negative).
    """

    code: ViolationCode
    limit: Decimal
    amount: Decimal
    excess: Decimal
    annual_remaining: Decimal


@dataclass(frozen=True)
class TaxQuote:
    """Tax of one declaration. Totals are sums of the rounded line amounts."""

    lines: tuple[LineTax, ...]
    goods_value: Decimal
    freight: Decimal
    insurance: Decimal
    discount: Decimal
    dutiable_value: Decimal
    duty: Decimal
    consumption_tax: Decimal
    vat: Decimal
    total_tax: Decimal
    regime: TaxRegime
    violations: tuple[LimitViolation, ...]
    annual_used: Decimal
    # Annual quota left once this declaration counts; a blocked one counts nothing.
    annual_remaining_after: Decimal

    @property
    def allowed(self) -> bool:
        return not self.violations

    def line(self, key: str) -> LineTax:
        """The ``LineTax`` of ``key``; ``KeyError`` if there is none."""
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)


def quote_declaration(
    lines: Sequence[TaxLine],
    *,
    freight: Decimal = ZERO,
    insurance: Decimal = ZERO,
    discount: Decimal = ZERO,
    annual_used: Decimal = ZERO,
) -> TaxQuote:
    """Price the retail-import tax of one declaration and check the limits (§8).

    ``freight`` and ``insurance`` are what the declaration charges (CEB621 ``freight`` /
    ``insuredFee``), ``discount`` a discount on the goods (at most their value); all three are
    apportioned across the lines (module docstring). ``annual_used`` is the orderer's dutiable
    total already used this calendar year, counting declarations not refused or returned.

    Returns a ``TaxQuote``; over-limit declarations come back with ``regime=BLOCKED`` and
    ``violations``, not as an exception. Raises ``ValueError`` (``TypeError`` for floats) for
    invalid input: no lines, duplicate keys, negative or sub-cent amounts, a discount above the
    goods value.
    """
    lines = _check_lines(lines)
    freight = _money_arg(freight, "freight")
    insurance = _money_arg(insurance, "insurance")
    discount = _money_arg(discount, "discount")
    _check_decimal(annual_used, "annual_used")
    if annual_used < 0:
        raise ValueError(f"annual_used must not be negative, got {annual_used}")
    annual_used = Decimal(annual_used)

    goods = [line.goods_value for line in lines]
    goods_value = sum(goods, ZERO)
    if discount > goods_value:
        raise ValueError(
            f"discount {discount} is above the goods value {goods_value}; "
            "it is a discount on the goods"
        )
    freight_shares = apportion(freight, goods)
    insurance_shares = apportion(insurance, goods)
    discount_shares = apportion(discount, goods, caps=goods)
    dutiable = [
        g + f + i - d
        for g, f, i, d in zip(goods, freight_shares, insurance_shares, discount_shares, strict=True)
    ]
    dutiable_value = sum(dutiable, ZERO)  # = goods + freight + insurance − discount, exactly

    regime, violations = _regime(lines, dutiable_value, annual_used)
    full = regime is TaxRegime.RETAIL_FULL_SINGLE_ITEM
    line_taxes = []
    for line, g, f, i, d, p in zip(
        lines, goods, freight_shares, insurance_shares, discount_shares, dutiable, strict=True
    ):
        duty, ct, vat = _line_tax(line, p, full=full)
        line_taxes.append(
            LineTax(
                key=line.key,
                goods_value=g,
                freight_share=f,
                insurance_share=i,
                discount_share=d,
                dutiable_value=p,
                duty=duty,
                consumption_tax=ct,
                vat=vat,
                total=duty + ct + vat,
            )
        )
    duty = sum((t.duty for t in line_taxes), ZERO)
    consumption_tax = sum((t.consumption_tax for t in line_taxes), ZERO)
    vat = sum((t.vat for t in line_taxes), ZERO)
    counted = ZERO if violations else dutiable_value
    return TaxQuote(
        lines=tuple(line_taxes),
        goods_value=goods_value,
        freight=freight,
        insurance=insurance,
        discount=discount,
        dutiable_value=dutiable_value,
        duty=duty,
        consumption_tax=consumption_tax,
        vat=vat,
        total_tax=duty + consumption_tax + vat,
        regime=regime,
        violations=violations,
        annual_used=annual_used,
        annual_remaining_after=max(ANNUAL_LIMIT - annual_used - counted, ZERO),
    )


def suggest_split(
    lines: Sequence[TaxLine],
    *,
    freight: Decimal = ZERO,
    insurance: Decimal = ZERO,
) -> tuple[tuple[tuple[str, int], ...], ...] | None:
    """Partition the items of a declaration into groups that each fit ``SINGLE_LIMIT``.

    For a declaration over the single limit only ("split into two orders"). Each group is
    checked as goods + the WHOLE ``freight`` and ``insurance`` ≤ 5 000.00: the shop charges
    freight per declaration, so every new order may carry it again (conservative; with free
    freight the real totals are lower). A discount is ignored on purpose — it may not survive the
    split, and without it the groups are larger, so still safe. The annual limit is not looked
    at: splitting does not help it.

    Greedy first-fit decreasing on items (units of a line are interchangeable): the most
    expensive items are placed first, each into the first group with room. Returns a tuple of
    groups, each a tuple of ``(key, quantity)`` in the order of ``lines`` — a single group if
    everything already fits — or ``None`` if one item alone does not fit (it can only be bought
    on its own, possibly under the single-item exception). Raises ``ValueError`` like
    ``quote_declaration``.
    """
    lines = _check_lines(lines)
    capacity = SINGLE_LIMIT - _money_arg(freight, "freight") - _money_arg(insurance, "insurance")
    if any(line.unit_price > capacity for line in lines):
        return None
    order = {line.key: index for index, line in enumerate(lines)}
    # sorted() is stable: equal prices keep the order of the lines
    by_price = sorted(lines, key=lambda line: line.unit_price, reverse=True)
    groups: list[dict[str, int]] = []
    room: list[Decimal] = []
    for line in by_price:
        left = line.quantity
        for index, group in enumerate(groups):
            fit = left if line.unit_price == 0 else min(left, int(room[index] // line.unit_price))
            if fit:
                group[line.key] = group.get(line.key, 0) + fit
                room[index] -= line.unit_price * fit
                left -= fit
            if not left:
                break
        while left:
            fit = left if line.unit_price == 0 else min(left, int(capacity // line.unit_price))
            groups.append({line.key: fit})
            room.append(capacity - line.unit_price * fit)
            left -= fit
    return tuple(tuple(sorted(group.items(), key=lambda item: order[item[0]])) for group in groups)


def apportion(
    amount: Decimal, weights: Sequence[Decimal], *, caps: Sequence[Decimal] | None = None
) -> tuple[Decimal, ...]:
    """Split ``amount`` (cents) in proportion to ``weights`` into cent shares summing to it.

    Each share is rounded ROUND_HALF_UP; the remainder goes to the largest weight (first one on
    ties). If that would push its share below 0 or above its cap (``caps``, e.g. a discount
    share may not exceed the line's goods value), the rest goes on to the next largest weights.
    With all weights 0 the amount goes to the first line. Requires 0 ≤ amount ≤ sum(caps).
    """
    if not weights:
        raise ValueError("apportion needs at least one weight")
    total_weight = sum(weights, ZERO)
    with decimal.localcontext(prec=_PRECISION):
        if total_weight:
            shares = [_cents(amount * w / total_weight) for w in weights]
        else:
            shares = [ZERO for _ in weights]
    remainder = amount - sum(shares, ZERO)
    # decreasing weight; sorted() is stable, so ties keep the first line first
    for index in sorted(range(len(weights)), key=lambda i: weights[i], reverse=True):
        if not remainder:
            break
        upper = caps[index] if caps is not None else None
        adjusted = shares[index] + remainder
        adjusted = max(adjusted, ZERO)
        if upper is not None:
            adjusted = min(adjusted, upper)
        remainder -= adjusted - shares[index]
        shares[index] = adjusted
    if remainder:
        raise ValueError(f"cannot apportion {amount} within the caps {list(caps or ())}")
    return tuple(shares)


# --- internals ------------------------------------------------------------------------------


def _regime(
    lines: tuple[TaxLine, ...], dutiable_value: Decimal, annual_used: Decimal
) -> tuple[TaxRegime, tuple[LimitViolation, ...]]:
    """Regime and violations under §8.1 (18号, refined by 49号)."""
    annual_remaining = max(ANNUAL_LIMIT - annual_used, ZERO)
    annual_amount = annual_used + dutiable_value
    annual_ok = annual_amount <= ANNUAL_LIMIT
    single_ok = dutiable_value <= SINGLE_LIMIT
    one_item = len(lines) == 1 and lines[0].quantity == 1
    if single_ok and annual_ok:
        return TaxRegime.RETAIL_REDUCED, ()
    # 49号: one item above 5 000 and below 26 000 goes through, fully taxed, if the annual
    # limit holds; if it does not, only the annual limit is reported (the item itself is fine).
    exception = one_item and dutiable_value < ANNUAL_LIMIT
    if exception and annual_ok:
        return TaxRegime.RETAIL_FULL_SINGLE_ITEM, ()
    violations = []
    if not single_ok and not exception:
        violations.append(
            LimitViolation(
                code=ViolationCode.SINGLE_LIMIT,
                limit=SINGLE_LIMIT,
                amount=dutiable_value,
                excess=dutiable_value - SINGLE_LIMIT,
                annual_remaining=annual_remaining,
            )
        )
    if not annual_ok:
        violations.append(
            LimitViolation(
                code=ViolationCode.ANNUAL_LIMIT,
                limit=ANNUAL_LIMIT,
                amount=annual_amount,
                excess=annual_amount - ANNUAL_LIMIT,
                annual_remaining=annual_remaining,
            )
        )
    return TaxRegime.BLOCKED, tuple(violations)


def _line_tax(line: TaxLine, dutiable: Decimal, *, full: bool) -> tuple[Decimal, Decimal, Decimal]:
    """(duty, consumption tax, VAT) of one line, each rounded once to the cent (§8.2)."""
    with decimal.localcontext(prec=_PRECISION):
        duty = dutiable * line.duty_rate if full else ZERO
        c = line.consumption_rate
        specific = line.consumption_per_unit * line.quantity
        ct = ((dutiable + duty) * c + specific) / (ONE - c)
        vat = (dutiable + duty + ct) * line.vat_rate
        factor = ONE if full else RETAIL_RATE
        return _cents(duty), _cents(ct * factor), _cents(vat * factor)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _check_lines(lines: Sequence[TaxLine]) -> tuple[TaxLine, ...]:
    lines = tuple(lines)
    if not lines:
        raise ValueError("a declaration needs at least one line")
    for line in lines:
        if not isinstance(line, TaxLine):
            raise TypeError(f"expected TaxLine, got {type(line).__name__}")
    keys = [line.key for line in lines]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"line keys must be unique, repeated: {duplicates}")
    return lines


def _check_decimal(value, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value}")


def _check_money(value, name: str) -> None:
    _check_decimal(value, name)
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    if Decimal(value) != Decimal(value).quantize(CENT):
        raise ValueError(f"{name} must be CNY to the cent, got {value}")


def _money_arg(value, name: str) -> Decimal:
    _check_money(value, name)
    return _cents(Decimal(value))


def _check_rate(value, name: str, *, below_one: bool) -> None:
    _check_decimal(value, name)
    if value < 0 or value > 1 or (below_one and value == 1):
        interval = "[0, 1)" if below_one else "[0, 1]"
        raise ValueError(f"{name} must be in {interval}, got {value}")
