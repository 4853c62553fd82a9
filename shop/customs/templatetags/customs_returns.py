from django import template

from shop.customs import returns
from shop.customs.models import ReturnRequest

register = template.Library()


@register.simple_tag
def declaration_returns(declaration):
    """``{% declaration_returns declaration as aftersales %}``: the declaration's return
    requests, what may still be returned (``lines``: (declaration line, max units)) and the
    deadlines."""
    allowed = returns.returnable(declaration)
    lines = [
        (line, range(0, allowed.quantities.get(line.pk, 0) + 1))
        for line in declaration.lines.select_related("order_line")
        if allowed.quantities.get(line.pk, 0) > 0
    ]
    return {
        "requests": declaration.returns.prefetch_related("lines__declaration_line__order_line"),
        "returnable": allowed,
        "lines": lines,
        "reasons": ReturnRequest.Reason.choices,
    }
