"""What a shopper must know about imported goods before buying them (issue #11): origin, brand,
trade mode, warehouse, the retail-import tax of one unit and when it usually arrives.

``{% product_facts product as facts %}`` on the product card and the product page. The tax is
not computed here: one unit is priced by ``shop.customs.tax.quote_declaration`` with the freight
``shop.customs.checkout.freight_for`` charges, exactly as the checkout prices a basket holding
only this unit (a basket's freight share and the shopper's annual quota change it, hence
"estimate"). Everything comes from the stock record the partner strategy picked — on listings
``product_list_by_ids`` prefetched it with its warehouse and filing, so a card costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class

from shop.apps.catalogue.cards import prefetch_cards as _prefetch_cards
from shop.core import fragments
from shop.customs import checkout, tax
from shop.customs.codes import CountryCode, TradeMode

register = template.Library()

# Our own flag drawings (themes/web/static/shop/flags/), by customs country code.
FLAGS = {
    CountryCode.KOREA: "kr",
    CountryCode.JAPAN: "jp",
    CountryCode.RUSSIA: "ru",
}

# Short badge labels; the full TradeMode label ("Bonded import (1210)") is the badge's title.
TRADE_MODE_BADGES = {
    TradeMode.BONDED_1210: _("Bonded warehouse"),
    TradeMode.DIRECT_MAIL_9610: _("Direct mail"),
}


@dataclass(frozen=True)
class ProductFacts:
    origin_code: str
    origin_name: str
    flag_url: str | None
    brand: str
    stockrecord: object | None
    warehouse: object | None
    price: Decimal | None  # CNY per unit as the strategy prices it (tax-exclusive: NoTax)
    quote: tax.TaxQuote | None  # one unit ordered on its own
    freight: Decimal | None  # what the checkout charges for this unit alone
    free_freight_over: Decimal | None  # goods value from which a declaration ships free
    delivery_days: tuple[int, int] | None

    @property
    def trade_mode(self) -> str:
        return self.warehouse.trade_mode if self.warehouse else ""

    @property
    def trade_mode_label(self) -> str:
        return self.warehouse.get_trade_mode_display() if self.warehouse else ""

    @property
    def trade_mode_badge(self) -> str:
        return TRADE_MODE_BADGES.get(self.trade_mode, self.trade_mode_label)

    @property
    def unit_tax(self) -> Decimal | None:
        return self.quote.total_tax if self.quote else None

    @property
    def price_with_tax(self) -> Decimal | None:
        """Price of one unit plus its estimated retail-import tax (freight not included)."""
        return self.price + self.quote.total_tax if self.quote else None

    @property
    def over_limits(self) -> bool:
        """One unit alone is above the personal limits: customs would refuse the order."""
        return bool(self.quote and not self.quote.allowed)

    @property
    def fully_taxed(self) -> bool:
        """One item above the single-order limit: duty and the full VAT/consumption tax."""
        return bool(self.quote and self.quote.regime is tax.TaxRegime.RETAIL_FULL_SINGLE_ITEM)


def unit_tax_quote(stockrecord, unit_price: Decimal) -> tuple[tax.TaxQuote | None, Decimal | None]:
    """The checkout's quote for one unit of ``stockrecord`` at ``unit_price``, and its freight.

    ``(None, None)`` when the goods have no warehouse or no customs filing (they cannot be
    sold, so there is nothing to estimate)."""
    if (
        stockrecord is None
        or unit_price is None
        or stockrecord.warehouse_id is None
        or stockrecord.filing_record_id is None
    ):
        return None, None
    filing = stockrecord.filing_record
    freight = checkout.freight_for(
        trade_mode=stockrecord.warehouse.trade_mode, goods_value=unit_price
    )
    line = checkout.tax_line_for(key="unit", filing=filing, unit_price=unit_price, quantity=1)
    return tax.quote_declaration([line], freight=freight), freight


def free_freight_over(trade_mode: str) -> Decimal | None:
    """The goods value from which ``settings.SHOP_FREIGHT`` ships a declaration free, if any."""
    rule = settings.SHOP_FREIGHT.get(trade_mode) or {}
    return Decimal(rule["free_over"]) if rule.get("free_over") is not None else None


def delivery_days(trade_mode: str) -> tuple[int, int] | None:
    """``settings.SHOP_DELIVERY_DAYS[trade_mode]``: usual (min, max) days after customs release."""
    days = getattr(settings, "SHOP_DELIVERY_DAYS", {}).get(trade_mode)
    return (int(days[0]), int(days[1])) if days else None


def _strategy(context):
    request = context.get("request")
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    return strategy


@register.tag
def card_cache(parser, token):
    """{% card_cache product %}…{% endcard_cache %}: the card's HTML, rendered once per process
    and kept while nothing it shows changes (``shop.core.fragments``: keys from the product's
    prefetched data, the language, theme, reference rate and the signal-bumped versions). The
    shopper's CSRF token is put in on every use, never cached."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("usage: {% card_cache product %}…{% endcard_cache %}")
    nodelist = parser.parse(("endcard_cache",))
    parser.delete_first_token()
    return CardCacheNode(nodelist, parser.compile_filter(bits[1]))


class CardCacheNode(template.Node):
    def __init__(self, nodelist, product):
        self.nodelist = nodelist
        self.product = product

    def render(self, context):
        product = self.product.resolve(context)
        request = context.get("request")
        parts = fragments.card_parts(product, request) if product is not None else None
        if parts is None:
            return self.nodelist.render(context)
        name = self.origin.template_name if self.origin else ""
        key = fragments.fragment_key("card", request, name, parts)
        local = fragments.local_cache()
        html = local.get(key)
        if html is None:
            with context.push(csrf_token=fragments.CSRF_PLACEHOLDER):
                html = str(self.nodelist.render(context))
            local.set(key, html, fragments.FRAGMENT_SECONDS)
        placeholder = fragments.csrf_input(fragments.CSRF_PLACEHOLDER)
        if placeholder in html:
            html = html.replace(placeholder, fragments.csrf_input(context.get("csrf_token")))
        return mark_safe(html)


@register.simple_tag
def prefetch_cards(products) -> list:
    """{% prefetch_cards products as products %}: the list with everything a product card shows
    prefetched in a constant number of queries (``shop.apps.catalogue.cards``), for lists that
    come without it (Oscar's recently-viewed products)."""
    return _prefetch_cards(products or ())


@register.simple_tag(takes_context=True)
def product_facts(context, product) -> ProductFacts:
    """{% product_facts product as facts %}: the facts of ``product`` for the current shopper."""
    stockrecord = price = None
    if not product.is_parent:
        info = _strategy(context).fetch_for_product(product)
        stockrecord = info.stockrecord
        if info.price.exists:
            price = info.price.excl_tax
    warehouse = stockrecord.warehouse if stockrecord and stockrecord.warehouse_id else None
    quote, freight = unit_tax_quote(stockrecord, price)
    code = product.origin_country or ""
    flag = FLAGS.get(code)
    return ProductFacts(
        origin_code=code,
        origin_name=product.get_origin_country_display() if code else "",
        flag_url=static(f"shop/flags/{flag}.svg") if flag else None,
        brand=product.brand,
        stockrecord=stockrecord,
        warehouse=warehouse,
        price=price,
        quote=quote,
        freight=freight,
        free_freight_over=free_freight_over(warehouse.trade_mode) if warehouse else None,
        delivery_days=delivery_days(warehouse.trade_mode) if warehouse else None,
    )
