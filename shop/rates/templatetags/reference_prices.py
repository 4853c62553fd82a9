"""``{% reference_price_for price as ref %}``: the reference amount beside a CNY price (issue #11).

Used by ``shop/partials/reference_price.html``; ``price`` is a Decimal CNY amount incl. tax.
Gives None (the partial renders nothing) for zh-hans, a language without a reference currency,
no price, or no current rate. Rates are read once per request (shop/rates/selectors.py).
"""

from django import template
from django.utils.translation import get_language

from ..display import reference_price_build
from ..selectors import reference_currency_for_language, reference_rate_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def reference_price_for(context, price):
    if price is None:
        return None
    language = get_language()
    currency = reference_currency_for_language(language)
    if currency is None:
        return None
    request = context.get("request")
    # Without a request (a template rendered by hand), keep the rates on the outermost context
    # layer, which every {% include %} of one render shares.
    holder = request if request is not None else _RenderHolder.of(context)
    rate = reference_rate_for_request(holder, currency)
    if rate is None:
        return None
    return reference_price_build(
        price, currency=currency, rate=rate.rate, rate_date=rate.rate_date, language=language
    )


class _RenderHolder:
    """An object to hang the per-render rates on when there is no request."""

    KEY = "_shop_reference_rates_holder"

    @classmethod
    def of(cls, context):
        base = context.dicts[0]
        holder = base.get(cls.KEY)
        if holder is None:
            holder = base[cls.KEY] = cls()
        return holder
