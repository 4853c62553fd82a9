"""The reference price partial (issue #11): beside a CNY price, ko/ja/ru shoppers see the amount
in KRW/JPY/RUB at the newest current rate, labelled as a reference with the rate's date; zh-hans
never, en only when configured; a missing, stale or future rate shows nothing. Rates are read
with at most one query per request, however many prices the page shows."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from shop.rates.display import reference_price_build
from shop.rates.models import ReferenceRate

pytestmark = pytest.mark.django_db

PARTIAL = '{% include "shop/partials/reference_price.html" with price=price %}'
PRICE = Decimal("99.00")
CURRENCIES = {"ko": "KRW", "ja": "JPY", "ru": "RUB"}
RATES = {"KRW": Decimal("190.25"), "JPY": Decimal("21.04"), "RUB": Decimal("12.505")}


def today():
    return timezone.localdate()


def add_rate(currency, rate, *, days_ago=0):
    return ReferenceRate.objects.create(
        currency=currency, rate=rate, rate_date=today() - datetime.timedelta(days=days_ago)
    )


def render(language, price=PRICE, template=PARTIAL, *, request=True):
    with translation.override(language):
        if request:
            context = RequestContext(RequestFactory().get("/"), {"price": price})
        else:
            context = Context({"price": price})
        return Template(template).render(context).strip()


def expected_label(language, currency, rate, rate_date):
    with translation.override(language):
        ref = reference_price_build(
            PRICE, currency=currency, rate=rate, rate_date=rate_date, language=language
        )
        return gettext("≈ %(amount)s (reference, rate of %(date)s)") % {
            "amount": ref.amount_display,
            "date": ref.date_display,
        }


@pytest.fixture
def rates():
    return {currency: add_rate(currency, rate) for currency, rate in RATES.items()}


@pytest.mark.parametrize(("language", "currency"), CURRENCIES.items())
def test_shoppers_see_their_currency_with_the_rate_date(rates, language, currency):
    html = render(language)
    assert html.startswith('<small class="reference-price"')
    assert f'data-currency="{currency}"' in html
    assert f'data-rate-date="{today().isoformat()}"' in html
    text = re.sub(r"<[^>]+>", "", html)
    assert text == escape(expected_label(language, currency, RATES[currency], today()))


def test_the_korean_amount_is_rounded_to_whole_won(rates):
    # 99.00 × 190.25 = 18834.75 -> ₩18,835
    assert "18,835" in render("ko")
    assert "₩" in render("ko")


def test_the_title_says_the_price_charged_is_in_cny(rates):
    with translation.override("ja"):
        ref = reference_price_build(
            PRICE, currency="JPY", rate=RATES["JPY"], rate_date=today(), language="ja"
        )
        title = gettext(
            "For reference only: you pay the price in yuan (CNY). Converted at the rate of "
            "%(date)s."
        ) % {"date": ref.date_display}
    assert f'title="{escape(title)}"' in render("ja")


def test_chinese_shoppers_see_no_reference_price(rates, settings):
    settings.SHOP_REFERENCE_CURRENCIES = {**CURRENCIES, "zh-hans": "KRW"}
    assert render("zh-hans") == ""


def test_english_is_off_by_default_and_can_be_turned_on(rates, settings):
    assert "en" not in settings.SHOP_REFERENCE_CURRENCIES
    assert render("en") == ""
    settings.SHOP_REFERENCE_CURRENCIES = {**CURRENCIES, "en": "USD"}
    add_rate("USD", Decimal("0.1405"))
    html = render("en")
    assert "$13.91" in html  # 13.9095 -> 13.91
    assert 'data-currency="USD"' in html


def test_no_price_no_reference(rates):
    assert render("ko", price=None) == ""


def test_missing_rate_shows_nothing():
    add_rate("JPY", Decimal("21"))
    assert render("ko") == ""
    assert "JPY" in render("ja")


def test_a_stale_rate_shows_nothing_rather_than_a_wrong_amount(settings):
    settings.SHOP_REFERENCE_RATE_MAX_AGE_DAYS = 7
    add_rate("KRW", Decimal("190"), days_ago=8)
    assert render("ko") == ""
    add_rate("KRW", Decimal("191"), days_ago=7)  # exactly the maximum age: still used
    assert "18,909" in render("ko")  # 99 × 191
    settings.SHOP_REFERENCE_RATE_MAX_AGE_DAYS = 6
    assert render("ko") == ""


def test_a_future_rate_is_not_used():
    add_rate("RUB", Decimal("13"), days_ago=-1)
    assert render("ru") == ""
    add_rate("RUB", Decimal("12.5"), days_ago=2)
    html = render("ru")
    assert "1\xa0237,50" in html  # 99 × 12.5, not 99 × 13
    assert (today() - datetime.timedelta(days=2)).isoformat() in html


def test_the_newest_current_rate_wins():
    add_rate("KRW", Decimal("180"), days_ago=3)
    add_rate("KRW", Decimal("200"), days_ago=1)
    assert "19,800" in render("ko")


def test_twenty_prices_cost_one_query(rates):
    page = "{% for price in prices %}" + PARTIAL + "{% endfor %}"
    prices = [Decimal(n) for n in range(1, 21)]
    request = RequestFactory().get("/")
    with translation.override("ko"), CaptureQueriesContext(connection) as queries:
        html = Template(page).render(RequestContext(request, {"prices": prices}))
        # a second template in the same request: still no new query
        Template(PARTIAL).render(RequestContext(request, {"price": PRICE}))
    assert html.count('class="reference-price"') == 20
    assert len(queries) == 1


def test_twenty_prices_cost_one_query_without_a_request(rates):
    page = "{% for price in prices %}" + PARTIAL + "{% endfor %}"
    with translation.override("ru"), CaptureQueriesContext(connection) as queries:
        html = Template(page).render(Context({"prices": [Decimal(n) for n in range(1, 21)]}))
    assert html.count('class="reference-price"') == 20
    assert len(queries) == 1


def test_no_query_where_no_reference_is_shown(rates):
    with CaptureQueriesContext(connection) as queries:
        assert render("zh-hans") == ""
        assert render("ko", price=None) == ""
    assert len(queries) == 0
