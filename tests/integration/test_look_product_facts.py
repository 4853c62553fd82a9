"""Product cards and the product page tell cross-border shoppers what they buy (issue #11):
origin flag and country, trade mode, the price with the import tax the checkout will charge,
warehouse, delivery estimate and the consumer notice — without a query per card."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from shop.core.formatting import format_money
from shop.customs.checkout import checkout_quote
from shop.customs.codes import CountryCode
from tests.factories.catalogue import (
    CategoryFactory,
    ProductFactory,
    StockRecordFactory,
    WarehouseFactory,
    add_image,
)
from tests.factories.customs import FilingRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bonded():
    return WarehouseFactory(
        code="hunchun-bonded", name="珲春保税仓", trade_mode="1210", city="珲春"
    )


@pytest.fixture
def direct_mail():
    return WarehouseFactory(code="incheon-direct", name="仁川直邮仓", trade_mode="9610")


def _product(price, warehouse, *, origin=CountryCode.KOREA, category=None, **filing):
    product = ProductFactory(
        origin_country=origin,
        brand="Kosé",
        stockrecords=None,
        in_categories=[category] if category else (),
    )
    StockRecordFactory(
        product=product,
        warehouse=warehouse,
        price=Decimal(price),
        filing_record=FilingRecordFactory(**filing),
    )
    return product


def _checkout_tax_of_one_unit(client, product):
    """What the checkout charges as import tax for a basket holding one unit of ``product``."""
    response = client.post(f"/zh-hans/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302
    basket = client.get("/zh-hans/basket/").context["basket"]
    quote = checkout_quote(basket=basket)
    assert basket.num_items == 1
    assert quote.allowed
    basket.flush()
    return quote.tax_total


def _card(html, product):
    """The HTML of ``product``'s card on a listing page."""
    cards = re.findall(r'<article class="product_pod">.*?</article>', html, flags=re.S)
    mine = [card for card in cards if product.get_absolute_url() in card]
    assert len(mine) == 1, cards
    return mine[0]


@pytest.mark.parametrize(
    ("price", "trade_mode", "filing"),
    [
        ("99.00", "1210", {}),  # VAT only; freight 8.00 in the dutiable value
        ("250.00", "1210", {}),  # free freight from 199.00
        ("129.00", "9610", {}),  # direct mail: freight 30.00
        ("468.00", "1210", {"consumption_rate": Decimal("0.20")}),  # spirits: consumption tax
    ],
)
def test_card_shows_origin_trade_mode_and_the_tax_the_checkout_charges(
    client, bonded, direct_mail, price, trade_mode, filing
):
    warehouse = bonded if trade_mode == "1210" else direct_mail
    category = CategoryFactory(name="护肤")
    product = _product(price, warehouse, category=category, **filing)
    tax = _checkout_tax_of_one_unit(client, product)
    assert tax > 0

    html = client.get(category.get_absolute_url()).content.decode()
    card = _card(html, product)
    with translation.override("zh-hans"):
        assert 'src="/static/shop/flags/kr.svg"' in card
        assert gettext("Republic of Korea") in card
        badge = gettext("Bonded warehouse" if trade_mode == "1210" else "Direct mail")
        assert f'class="trade-badge trade-{trade_mode}"' in card
        assert badge in card
        estimate = gettext("≈ %(amount)s incl. import tax") % {
            "amount": format_money(Decimal(price) + tax)
        }
    assert estimate in card
    assert "Kosé" in card


def test_card_without_flag_drawing_names_the_country_in_text(client, bonded):
    category = CategoryFactory()
    product = _product("50.00", bonded, origin=CountryCode.FRANCE, category=category)
    card = _card(client.get(category.get_absolute_url()).content.decode(), product)
    with translation.override("zh-hans"):
        assert gettext("France") in card
    assert "/static/shop/flags/" not in card


def test_goods_without_a_customs_filing_get_no_tax_estimate(client, bonded):
    category = CategoryFactory()
    product = ProductFactory(stockrecords=None, in_categories=[category])
    StockRecordFactory(product=product, warehouse=bonded, filing_record=None)
    card = _card(client.get(category.get_absolute_url()).content.decode(), product)
    assert 'class="price-with-tax"' not in card


def test_product_page_lists_the_facts_before_the_add_to_basket_button(client, bonded, settings):
    settings.SHOP_DELIVERY_DAYS = {"1210": (3, 6), "9610": (9, 20)}
    product = _product("99.00", bonded)
    tax = _checkout_tax_of_one_unit(client, product)

    with translation.override("ko"):
        html = client.get(product.get_absolute_url()).content.decode()
        facts = html.index('id="product_facts"')
        assert facts < html.index('id="add_to_basket_form"')
        section = html[facts : html.index("</section>", facts)]
        for text in (
            gettext("Country of origin"),
            gettext("Republic of Korea"),
            "Kosé",
            gettext("Bonded import (1210)"),
            "珲春保税仓",
            gettext("Estimated import tax, one unit"),
            format_money(tax),
            format_money(Decimal("8.00")),  # freight of one unit alone
            gettext("Usually %(min)s–%(max)s days after customs release") % {"min": 3, "max": 6},
            f'href="{reverse("customs:consumer-notice")}"',
        ):
            assert text in section, text


def test_direct_mail_shows_its_own_delivery_estimate(client, direct_mail, settings):
    settings.SHOP_DELIVERY_DAYS = {"1210": (2, 5), "9610": (7, 15)}
    html = client.get(_product("129.00", direct_mail).get_absolute_url()).content.decode()
    with translation.override("zh-hans"):
        assert (
            gettext("Usually %(min)s–%(max)s days after customs release")
            % {
                "min": 7,
                "max": 15,
            }
            in html
        )
        assert gettext("Direct mail import (9610)") in html


@pytest.mark.parametrize(
    ("price", "message"),
    [
        (
            "6000.00",
            "Above the 5,000 CNY single-order limit: this item is taxed in full, with import duty.",
        ),
        (
            "30000.00",
            "One unit is above the personal limits for cross-border retail imports: customs would "
            "refuse the order.",
        ),
    ],
)
def test_product_page_says_when_one_unit_is_above_the_limits(client, bonded, price, message):
    html = client.get(_product(price, bonded).get_absolute_url()).content.decode()
    with translation.override("zh-hans"):
        assert gettext(message) in html


def test_consumer_notice_page_shows_the_notice_the_checkout_asks_to_accept(client, settings):
    with translation.override("ja"):
        response = client.get(reverse("customs:consumer-notice"))
        html = response.content.decode()
        assert response.status_code == 200
        notice = html[html.index('id="consumer_notice"') :]
        notice = notice[: notice.index("</ol>")]
        assert notice.count("<li>") == 5
        assert (
            gettext(
                "You are the importer and taxpayer. The shop collects the import tax and pays it to "
                "customs on your behalf."
            )
            in html
        )
    assert settings.SHOP_CONSUMER_NOTICE_VERSION in html


def test_every_page_links_the_consumer_notice_in_the_footer(client):
    html = client.get(reverse("catalogue:index")).content.decode()
    footer = html[html.index('class="shop-footer"') :]
    assert f'href="{reverse("customs:consumer-notice")}"' in footer


def _listing_queries(client, count, warehouses):
    category = CategoryFactory(name=f"分类{count}")
    for n in range(count):
        product = _product("99.00", warehouses[n % 2], category=category)
        add_image(product)
    url = category.get_absolute_url()
    client.get(url)  # warm per-process caches (thumbnail key store, site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    html = response.content.decode()
    assert html.count('class="price-with-tax"') == count  # the facts were rendered
    assert html.count('class="trade-badge trade-9610"') == count // 2
    return len(captured)


def test_twenty_cards_cost_no_more_queries_than_five(client, settings, bonded, direct_mail):
    settings.OSCAR_PRODUCTS_PER_PAGE = 20
    five = _listing_queries(client, 5, (bonded, direct_mail))
    twenty = _listing_queries(client, 20, (bonded, direct_mail))
    assert twenty == five
