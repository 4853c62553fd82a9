"""Shelf labels of an experience store (issue #14): what each label says, for the HTML print
view and the PDF alike.

A label carries the product's name in the chosen languages (its own translated titles, no
fallback: a missing translation is left out rather than repeated), the CNY price with the
estimated retail-import tax of one unit — taken from ``product_facts``, the product page's own
facts, which price one unit through the checkout's tax quote (nothing is recomputed here) —, the
origin, the trade mode and a QR code of the store's shelf link ``/<lang>/s/<store>/<product>/``
(``shop.attribution.views.shelf_link``). Texts other than the names are in the sheet's main
language: the page's language if chosen, else the first chosen one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from shop.core.templatetags.product_facts import product_facts

from . import qr


@dataclass(frozen=True)
class LabelName:
    language: str
    text: str


@dataclass(frozen=True)
class ShelfLabel:
    product: object
    names: list[LabelName]
    price: Decimal | None  # one unit, before tax
    unit_tax: Decimal | None  # estimated import tax of one unit
    price_with_tax: Decimal | None
    origin: str
    trade_mode: str  # short badge ("Bonded warehouse")
    trade_mode_label: str  # full ("Bonded import (1210)")
    url: str  # absolute shelf link the QR code carries

    @property
    def qr_svg(self) -> str:
        return qr.svg_inline(self.url, scale=2)


def language_order(languages) -> list[str]:
    """``languages`` in the order of ``settings.LANGUAGES``."""
    chosen = set(languages)
    return [code for code, _name in settings.LANGUAGES if code in chosen]


def main_language(languages, current: str | None) -> str:
    ordered = language_order(languages)
    if current in ordered:
        return current
    return ordered[0] if ordered else settings.LANGUAGE_CODE


def product_names(product, languages) -> list[LabelName]:
    names = []
    for language in language_order(languages):
        text = getattr(product, build_localized_fieldname("title", language), "") or ""
        if text.strip():
            names.append(LabelName(language=language, text=text.strip()))
    if not names:
        names.append(LabelName(language=settings.LANGUAGE_CODE, text=product.get_title()))
    return names


def shelf_labels(*, request, store, products, languages) -> list[ShelfLabel]:
    """One label per product, its texts in the sheet's main language. Reads the strategy's
    stock record of each product (one query each with its warehouse and filing)."""
    main = main_language(languages, translation.get_language())
    labels = []
    with translation.override(main):
        for product in products:
            facts = product_facts({"request": request}, product)
            path = reverse(
                "attribution:shelf-link",
                kwargs={"store_code": store.code, "product_pk": product.pk},
            )
            labels.append(
                ShelfLabel(
                    product=product,
                    names=product_names(product, languages),
                    price=facts.price,
                    unit_tax=facts.unit_tax,
                    price_with_tax=facts.price_with_tax,
                    origin=str(facts.origin_name or ""),
                    trade_mode=str(facts.trade_mode_badge or ""),
                    trade_mode_label=str(facts.trade_mode_label or ""),
                    url=request.build_absolute_uri(path),
                )
            )
    return labels
