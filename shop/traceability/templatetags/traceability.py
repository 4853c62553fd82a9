"""{% product_trace product as trace %} on the product page (源头可溯) and
{% filing_brand_authorisations filing %} on the filing review page (issue #12)."""

from django import template
from oscar.core.loading import get_class

from .. import selectors

register = template.Library()


def _stockrecord(context, product):
    """The stock record the shopper would buy from: the one the partner strategy picks."""
    if product.is_parent:
        return None
    request = context.get("request")
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    return strategy.fetch_for_product(product).stockrecord


@register.simple_tag(takes_context=True)
def product_trace(context, product):
    return selectors.product_trace(product=product, stockrecord=_stockrecord(context, product))


@register.inclusion_tag(
    "shop/traceability/dashboard/filing_authorisations.html", takes_context=True
)
def filing_brand_authorisations(context, filing):
    request = context["request"]
    return {
        "request": request,
        "filing": filing,
        "has_brand": bool(filing.brand.strip())
        or filing.stockrecords.exclude(product__brand="").exists(),
        "rows": selectors.filing_brand_authorisations(filing=filing, user=request.user),
    }
