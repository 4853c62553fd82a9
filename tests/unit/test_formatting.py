import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from integrations.search.base import tokenize
from shop.core.formatting import format_local_date, format_money

# CLDR's own patterns for CNY in each shop language (Babel), with the thousands separator and
# the symbol placement that differ per locale.
EXPECTED_PRICE = {
    "zh-hans": "¥1,234.50",
    "ko": "CN¥1,234.50",
    "ja": "元1,234.50",
    "ru": "1\xa0234,50\xa0CN¥",
    "en": "CN¥1,234.50",
}


@pytest.mark.parametrize(("language", "expected"), EXPECTED_PRICE.items())
def test_price_is_formatted_for_the_active_language(language, expected):
    with translation.override(language):
        assert format_money(Decimal("1234.50")) == expected
        rendered = Template("{% load currency_filters %}{{ price|currency }}").render(
            Context({"price": Decimal("1234.5")})
        )
    assert rendered == expected


def test_price_never_goes_through_float():
    # 0.1 + 0.2 as Decimal stays exact; a float round trip would print 0.30000000000000004
    with translation.override("en"):
        assert format_money(Decimal("0.1") + Decimal("0.2")) == "CN¥0.30"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "2026年11月23日"),
        ("ko", "2026년 11월 23일"),
        ("ja", "2026年11月23日"),
        ("ru", "23 ноября 2026\u202fг."),  # narrow no-break space (CLDR)
        ("en", "November 23, 2026"),
    ],
)
def test_dates_are_formatted_for_the_active_language(language, expected):
    with translation.override(language):
        assert format_local_date(datetime.date(2026, 11, 23), "long") == expected


def test_datetime_is_shown_in_shop_time_zone():
    # 2026-11-23 17:30 UTC is already the 24th in Asia/Shanghai (UTC+8)
    moment = datetime.datetime(2026, 11, 23, 17, 30, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert format_local_date(moment, "long") == "November 24, 2026"


def test_query_terms_are_casefolded_and_cjk_runs_kept_whole():
    assert tokenize("  Шоколад  Alenka ") == ["шоколад", "alenka"]
    assert tokenize("补水面膜") == ["补水面膜"]
    assert tokenize("") == []
