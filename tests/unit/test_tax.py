"""Retail-import tax of one declaration (shop/customs/tax.py), against spec/customs/README.md §8."""

from decimal import Decimal

import pytest

from shop.customs.tax import (
    ANNUAL_LIMIT,
    RETAIL_RATE,
    SINGLE_LIMIT,
    TaxLine,
    TaxRegime,
    ViolationCode,
    apportion,
    quote_declaration,
    suggest_split,
)

D = Decimal


def line(key="a", price="100.00", quantity=1, vat="0.13", **rates):
    return TaxLine(
        key=key,
        unit_price=D(price),
        quantity=quantity,
        vat_rate=D(vat),
        **{name: D(value) for name, value in rates.items()},
    )


def test_constants():
    assert SINGLE_LIMIT == D("5000.00")
    assert ANNUAL_LIMIT == D("26000.00")
    assert RETAIL_RATE == D("0.7")


# §8.2 worked checks: P, v, c → CT × 0.7, VAT × 0.7, total
WORKED_EXAMPLES = [
    ("310.00", "0.13", "0", "0.00", "28.21", "28.21"),  # ordinary goods
    ("500.00", "0.09", "0", "0.00", "31.50", "31.50"),  # 9 % VAT (olive oil)
    ("1000.00", "0.13", "0.10", "77.78", "101.11", "178.89"),  # wine
    ("1000.00", "0.13", "0.15", "123.53", "107.06", "230.59"),  # high-end cosmetics
]


@pytest.mark.parametrize(("price", "vat", "consumption", "ct", "vat_due", "total"), WORKED_EXAMPLES)
def test_worked_examples_of_the_spec(price, vat, consumption, ct, vat_due, total):
    quote = quote_declaration([line(price=price, vat=vat, consumption_rate=consumption)])

    assert quote.regime is TaxRegime.RETAIL_REDUCED
    assert quote.allowed
    assert quote.dutiable_value == D(price)
    assert quote.duty == D("0.00")
    assert quote.consumption_tax == D(ct)
    assert quote.vat == D(vat_due)
    assert quote.total_tax == D(total)
    (only,) = quote.lines
    assert (only.consumption_tax, only.vat, only.total) == (D(ct), D(vat_due), D(total))


def test_duty_rate_is_ignored_within_the_limits():
    quote = quote_declaration([line(price="310.00", duty_rate="0.20")])
    assert quote.duty == D("0.00")
    assert quote.total_tax == D("28.21")


def test_consumption_tax_is_grossed_up_not_rate_times_price():
    # 1000 / 0.9 × 0.1 × 0.7 = 77.78, not the naive 1000 × 0.1 × 0.7 = 70.00
    quote = quote_declaration([line(price="1000.00", vat="0", consumption_rate="0.10")])
    assert quote.consumption_tax == D("77.78")
    assert quote.vat == D("0.00")


def test_specific_consumption_tax_uses_the_compound_formula():
    # P = 200, c = 20 %, S = 2 × 5.00: CT = (200 × 0.2 + 10) / 0.8 = 62.50 → × 0.7 = 43.75
    # (= composite price (200 + 10) / 0.8 × 0.2 + 10); VAT = (200 + 62.50) × 0.13 × 0.7 = 23.8875
    quote = quote_declaration(
        [line(price="100.00", quantity=2, consumption_rate="0.20", consumption_per_unit="5.00")]
    )
    assert quote.consumption_tax == D("43.75")
    assert quote.vat == D("23.89")
    assert quote.total_tax == D("67.64")


def test_quantity_three_taxes_like_one_line_of_three_times_the_value():
    kwargs = {"vat": "0.13", "consumption_rate": "0.15"}
    three = quote_declaration([line(price="100.00", quantity=3, **kwargs)], freight=D("7.00"))
    one = quote_declaration([line(price="300.00", **kwargs)], freight=D("7.00"))

    assert three.goods_value == one.goods_value == D("300.00")
    assert three.dutiable_value == one.dutiable_value == D("307.00")
    assert (three.consumption_tax, three.vat) == (one.consumption_tax, one.vat)
    # 307 / 0.85 × 0.15 × 0.7 = 37.924…; (307 + 54.176…) × 0.13 × 0.7 = 32.867…
    assert (three.consumption_tax, three.vat, three.total_tax) == (
        D("37.92"),
        D("32.87"),
        D("70.79"),
    )


def test_freight_and_insurance_are_part_of_the_dutiable_value():
    quote = quote_declaration([line(price="290.00")], freight=D("15.00"), insurance=D("5.00"))
    assert quote.dutiable_value == D("310.00")
    assert quote.total_tax == D("28.21")
    assert (quote.freight, quote.insurance) == (D("15.00"), D("5.00"))


# --- apportionment ---------------------------------------------------------------------------


def test_freight_over_three_equal_lines_gives_the_extra_cent_to_the_first():
    quote = quote_declaration([line("a"), line("b"), line("c")], freight=D("10.00"))
    assert [t.freight_share for t in quote.lines] == [D("3.34"), D("3.33"), D("3.33")]
    assert [t.dutiable_value for t in quote.lines] == [D("103.34"), D("103.33"), D("103.33")]
    assert quote.dutiable_value == D("310.00")


def test_freight_remainder_goes_to_the_biggest_line():
    # 10 × 1/6 = 1.666… → 1.67 twice, 10 × 4/6 = 6.666… → 6.67: 10.01, the biggest gives back 0.01
    quote = quote_declaration(
        [line("a", "100.00"), line("b", "100.00"), line("c", "400.00")], freight=D("10.00")
    )
    shares = [t.freight_share for t in quote.lines]
    assert shares == [D("1.67"), D("1.67"), D("6.66")]
    assert sum(shares) == D("10.00")


def test_remainder_tie_between_biggest_lines_goes_to_the_first_of_them():
    shares = apportion(D("0.01"), [D("200.00"), D("100.00"), D("200.00")])
    assert shares == (D("0.01"), D("0.00"), D("0.00"))


def test_insurance_is_apportioned_like_freight():
    quote = quote_declaration(
        [line("a", "100.00"), line("b", "300.00")], freight=D("4.00"), insurance=D("1.00")
    )
    assert [t.freight_share for t in quote.lines] == [D("1.00"), D("3.00")]
    assert [t.insurance_share for t in quote.lines] == [D("0.25"), D("0.75")]
    assert [t.dutiable_value for t in quote.lines] == [D("101.25"), D("303.75")]


def test_a_few_cents_over_many_lines_never_give_a_negative_share():
    # each 0.005 rounds up to 0.01 (sum 0.10); the surplus is taken back cent by cent
    shares = apportion(D("0.05"), [D("1.00")] * 10)
    assert sum(shares) == D("0.05")
    assert min(shares) == D("0.00")
    assert max(shares) == D("0.01")


def test_free_goods_put_the_freight_on_the_first_line():
    quote = quote_declaration([line("a", "0.00"), line("b", "0.00")], freight=D("8.00"))
    assert [t.freight_share for t in quote.lines] == [D("8.00"), D("0.00")]


def test_discount_reduces_the_dutiable_value_in_proportion():
    quote = quote_declaration(
        [line("a", "1000.00"), line("b", "200.00")], freight=D("12.00"), discount=D("120.00")
    )
    assert [t.discount_share for t in quote.lines] == [D("100.00"), D("20.00")]
    assert [t.dutiable_value for t in quote.lines] == [D("910.00"), D("182.00")]
    assert quote.dutiable_value == D("1092.00")
    # 910 × 0.13 × 0.7 = 82.81; 182 × 0.13 × 0.7 = 16.562 → 16.56
    assert [t.vat for t in quote.lines] == [D("82.81"), D("16.56")]
    assert quote.vat == D("99.37")


def test_totals_are_sums_of_the_rounded_lines():
    # each line: 0.05 × 0.13 × 0.7 = 0.00455 → 0.00; the whole 0.15 would give 0.01365 → 0.01
    quote = quote_declaration([line("a", "0.05"), line("b", "0.05"), line("c", "0.05")])
    assert quote.vat == D("0.00")


# --- limits ----------------------------------------------------------------------------------


def two_lines_of(price):
    return [line("a", price), line("b", price)]


def test_exactly_the_single_limit_passes():
    quote = quote_declaration(two_lines_of("2495.00"), freight=D("10.00"))
    assert quote.dutiable_value == D("5000.00")
    assert quote.allowed
    assert quote.regime is TaxRegime.RETAIL_REDUCED
    assert quote.annual_remaining_after == D("21000.00")


def test_one_cent_over_the_single_limit_is_blocked_with_reduced_figures():
    quote = quote_declaration(two_lines_of("2495.00"), freight=D("10.01"))

    assert not quote.allowed
    assert quote.regime is TaxRegime.BLOCKED
    (violation,) = quote.violations
    assert violation.code is ViolationCode.SINGLE_LIMIT
    assert violation.limit == D("5000.00")
    assert violation.amount == D("5000.01")
    assert violation.excess == D("0.01")
    assert violation.annual_remaining == D("26000.00")
    # figures of the reduced regime, for the explanation: 2500.005… × 0.13 × 0.7 per line
    assert [t.vat for t in quote.lines] == [D("227.50"), D("227.50")]
    assert quote.duty == D("0.00")
    assert quote.annual_remaining_after == D("26000.00")


def test_single_item_above_the_limit_is_taxed_in_full():
    # P = 6000, d = 5 %, c = 15 %, v = 13 %: duty 300.00; CT = 6300 / 0.85 × 0.15 = 1111.764…;
    # VAT = (6300 + 1111.764…) × 0.13 = 963.529…; no 70 %
    quote = quote_declaration([line(price="6000.00", consumption_rate="0.15", duty_rate="0.05")])
    assert quote.allowed
    assert quote.regime is TaxRegime.RETAIL_FULL_SINGLE_ITEM
    assert quote.duty == D("300.00")
    assert quote.consumption_tax == D("1111.76")
    assert quote.vat == D("963.53")
    assert quote.total_tax == D("2375.29")
    assert quote.lines[0].total == D("2375.29")
    assert quote.annual_remaining_after == D("20000.00")


def test_single_item_just_over_the_limit_with_freight_is_the_exception_too():
    quote = quote_declaration([line(price="4990.00")], freight=D("10.01"))
    assert quote.regime is TaxRegime.RETAIL_FULL_SINGLE_ITEM
    assert quote.vat == D("650.00")  # 5000.01 × 0.13, in full


def test_two_items_of_3000_are_blocked():
    quote = quote_declaration(two_lines_of("3000.00"))
    assert quote.regime is TaxRegime.BLOCKED
    assert [v.code for v in quote.violations] == [ViolationCode.SINGLE_LIMIT]
    assert quote.violations[0].excess == D("1000.00")


def test_one_line_of_two_items_of_3000_is_blocked():
    quote = quote_declaration([line(price="3000.00", quantity=2, duty_rate="0.10")])
    assert quote.regime is TaxRegime.BLOCKED
    assert [v.code for v in quote.violations] == [ViolationCode.SINGLE_LIMIT]
    assert quote.duty == D("0.00")
    assert quote.vat == D("546.00")  # 6000 × 0.13 × 0.7: reduced figures


def test_single_item_of_26000_or_more_is_blocked():
    quote = quote_declaration([line(price="26000.00")])
    assert quote.regime is TaxRegime.BLOCKED
    assert [v.code for v in quote.violations] == [ViolationCode.SINGLE_LIMIT]


def test_annual_limit_reached_exactly_passes():
    quote = quote_declaration([line(price="1000.00")], annual_used=D("25000.00"))
    assert quote.allowed
    assert quote.annual_used == D("25000.00")
    assert quote.annual_remaining_after == D("0.00")


def test_annual_limit_crossed_by_one_cent_is_blocked():
    quote = quote_declaration([line(price="1000.01")], annual_used=D("25000.00"))
    assert quote.regime is TaxRegime.BLOCKED
    (violation,) = quote.violations
    assert violation.code is ViolationCode.ANNUAL_LIMIT
    assert violation.limit == D("26000.00")
    assert violation.amount == D("26000.01")
    assert violation.excess == D("0.01")
    assert violation.annual_remaining == D("1000.00")
    assert quote.annual_remaining_after == D("1000.00")


def test_single_item_exception_needs_the_annual_limit():
    allowed = quote_declaration([line(price="6000.00")], annual_used=D("20000.00"))
    assert allowed.regime is TaxRegime.RETAIL_FULL_SINGLE_ITEM

    blocked = quote_declaration([line(price="6000.01")], annual_used=D("20000.00"))
    assert blocked.regime is TaxRegime.BLOCKED
    assert [v.code for v in blocked.violations] == [ViolationCode.ANNUAL_LIMIT]
    assert blocked.vat == D("546.00")  # reduced figures for the explanation


def test_both_limits_reported_together():
    quote = quote_declaration(two_lines_of("3000.00"), annual_used=D("21000.00"))
    assert [v.code for v in quote.violations] == [
        ViolationCode.SINGLE_LIMIT,
        ViolationCode.ANNUAL_LIMIT,
    ]
    assert quote.violations[1].excess == D("1000.00")
    assert quote.violations[1].annual_remaining == D("5000.00")


def test_regime_values_match_the_stored_choices():
    # Declaration.TaxRegime stores these values (services.declarations_create)
    assert TaxRegime.RETAIL_REDUCED.value == "retail_reduced"
    assert TaxRegime.RETAIL_FULL_SINGLE_ITEM.value == "retail_full"


# --- suggest_split ---------------------------------------------------------------------------


def test_suggest_split_makes_groups_that_each_pass():
    lines = [line("a", "3000.00"), line("b", "2000.00"), line("c", "1500.00", quantity=2)]
    freight = D("10.00")
    assert not quote_declaration(lines, freight=freight).allowed

    groups = suggest_split(lines, freight=freight)

    assert groups == ((("a", 1), ("c", 1)), (("b", 1), ("c", 1)))
    by_key = {item.key: item for item in lines}
    for group in groups:
        part = [
            TaxLine(
                key=key,
                unit_price=by_key[key].unit_price,
                quantity=quantity,
                vat_rate=by_key[key].vat_rate,
            )
            for key, quantity in group
        ]
        quote = quote_declaration(part, freight=freight)
        assert quote.regime is TaxRegime.RETAIL_REDUCED


def test_suggest_split_splits_a_large_quantity():
    # room per group: 5000 − 10 freight = 4990 → 49 items of 100.00
    groups = suggest_split([line("a", "100.00", quantity=100)], freight=D("10.00"))
    assert groups == ((("a", 49),), (("a", 49),), (("a", 2),))


def test_suggest_split_keeps_everything_together_when_it_fits():
    assert suggest_split([line("a"), line("b")]) == ((("a", 1), ("b", 1)),)


def test_suggest_split_returns_none_for_an_item_above_the_limit():
    assert suggest_split([line("a", "6000.00"), line("b", "100.00")]) is None
    # with freight counted, a 4995.00 item no longer fits either
    assert suggest_split([line("a", "4995.00"), line("b", "10.00")], freight=D("10.00")) is None


# --- invalid input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"unit_price": D("-1.00")}, "unit_price must not be negative"),
        ({"unit_price": D("1.005")}, "to the cent"),
        ({"quantity": -1}, "quantity must be at least 1"),
        ({"quantity": 0}, "quantity must be at least 1"),
        ({"vat_rate": D("1.01")}, r"vat_rate must be in \[0, 1\]"),
        ({"vat_rate": D("-0.13")}, r"vat_rate must be in \[0, 1\]"),
        ({"duty_rate": D("-0.01")}, r"duty_rate must be in \[0, 1\]"),
        ({"consumption_rate": D("1")}, r"consumption_rate must be in \[0, 1\)"),
        ({"consumption_per_unit": D("-0.01")}, "consumption_per_unit must not be negative"),
        ({"unit_price": D("NaN")}, "finite"),
    ],
)
def test_invalid_line_raises(kwargs, message):
    fields = {"key": "a", "unit_price": D("10.00"), "quantity": 1, "vat_rate": D("0.13")}
    with pytest.raises(ValueError, match=message):
        TaxLine(**{**fields, **kwargs})


def test_full_rates_of_one_are_accepted_for_vat_and_duty():
    quote = quote_declaration([line(price="100.00", vat="1", duty_rate="1")])
    assert quote.vat == D("70.00")


def test_float_amounts_are_refused():
    with pytest.raises(TypeError, match="must be a Decimal"):
        TaxLine(key="a", unit_price=10.0, quantity=1, vat_rate=D("0.13"))
    with pytest.raises(TypeError, match="freight must be a Decimal"):
        quote_declaration([line()], freight=1.5)


@pytest.mark.parametrize(
    ("lines", "kwargs", "message"),
    [
        ([], {}, "at least one line"),
        ([line("a"), line("a")], {}, "unique"),
        ([line()], {"freight": D("-1.00")}, "freight must not be negative"),
        ([line()], {"insurance": D("0.001")}, "insurance must be CNY to the cent"),
        ([line()], {"discount": D("100.01")}, "above the goods value"),
        ([line()], {"annual_used": D("-1")}, "annual_used must not be negative"),
    ],
)
def test_invalid_declaration_raises(lines, kwargs, message):
    with pytest.raises(ValueError, match=message):
        quote_declaration(lines, **kwargs)


def test_suggest_split_validates_like_quote_declaration():
    with pytest.raises(ValueError, match="at least one line"):
        suggest_split([])
    with pytest.raises(ValueError, match="freight must not be negative"):
        suggest_split([line()], freight=D("-1.00"))


def test_inputs_are_not_changed():
    lines = [line("a", "100.00", quantity=2), line("b", "50.00")]
    before = list(lines)
    quote_declaration(lines, freight=D("3.00"))
    suggest_split(lines, freight=D("3.00"))
    assert lines == before
    assert lines[0].quantity == 2
