"""Reference amounts (issue #11): CNY × rate, rounded half up to the currency's precision, and
formatted by Babel for the shopper's locale. Expected strings come from Babel itself (locale
data may change between releases); the rounding and the currency's symbol are asserted."""

import datetime
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, get_currency_symbol

from shop.rates.display import babel_locale, reference_amount, reference_price_build

DAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("amount", "rate", "currency", "expected"),
    [
        # KRW and JPY have no minor unit: whole won and yen
        (Decimal("99.00"), Decimal("190.25"), "KRW", Decimal("18835")),  # 18834.75 -> up
        (Decimal("0.25"), Decimal("10"), "KRW", Decimal("3")),  # 2.5: half UP (half-even: 2)
        (Decimal("0.45"), Decimal("10"), "JPY", Decimal("5")),  # 4.5 -> 5 (half-even: 4)
        (Decimal("128.00"), Decimal("21.04"), "JPY", Decimal("2693")),  # 2693.12
        # RUB has kopecks
        (Decimal("1.005"), Decimal("1"), "RUB", Decimal("1.01")),  # half-even would give 1.00
        (Decimal("99.00"), Decimal("12.505"), "RUB", Decimal("1238.00")),  # 1237.995
    ],
)
def test_amount_is_rounded_half_up_to_the_currency_precision(amount, rate, currency, expected):
    result = reference_amount(amount, rate, currency)
    assert result == expected
    assert result.as_tuple().exponent == expected.as_tuple().exponent


@pytest.mark.parametrize(
    ("language", "locale", "currency", "rate", "expected_amount"),
    [
        ("ko", "ko_KR", "KRW", Decimal("190.25"), Decimal("18835")),
        ("ja", "ja_JP", "JPY", Decimal("21.04"), Decimal("2083")),  # 2082.96
        ("ru", "ru_RU", "RUB", Decimal("12.505"), Decimal("1238.00")),
        ("en", "en", "USD", Decimal("0.1405"), Decimal("13.91")),  # 13.9095
    ],
)
def test_formatted_with_babel_for_the_shoppers_locale(
    language, locale, currency, rate, expected_amount
):
    ref = reference_price_build(
        Decimal("99.00"), currency=currency, rate=rate, rate_date=DAY, language=language
    )
    assert babel_locale(language) == locale
    assert ref.amount == expected_amount
    assert ref.currency == currency
    assert ref.amount_display == format_currency(expected_amount, currency, locale=locale)
    assert get_currency_symbol(currency, locale=locale) in ref.amount_display
    assert ref.date_display == format_date(DAY, format="medium", locale=locale)
    assert "2026" in ref.date_display


def test_whole_currencies_show_no_decimals_and_rub_shows_kopecks():
    krw = reference_price_build(
        Decimal("99.00"), currency="KRW", rate=Decimal("190.25"), rate_date=DAY, language="ko"
    )
    rub = reference_price_build(
        Decimal("99.00"), currency="RUB", rate=Decimal("12.505"), rate_date=DAY, language="ru"
    )
    assert "18,835" in krw.amount_display
    assert "." not in krw.amount_display
    assert "1\xa0238,00" in rub.amount_display  # Russian grouping and decimal comma


@pytest.mark.parametrize("amount", [None, 99.0, "99.00", True, Decimal("-1"), Decimal("NaN")])
def test_no_reference_without_a_decimal_amount(amount):
    assert (
        reference_price_build(
            amount, currency="KRW", rate=Decimal("190"), rate_date=DAY, language="ko"
        )
        is None
    )


def test_an_integer_amount_is_accepted():
    ref = reference_price_build(
        99, currency="KRW", rate=Decimal("190"), rate_date=DAY, language="ko"
    )
    assert ref.amount == Decimal("18810")
