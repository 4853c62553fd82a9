"""Rendered storefront fragments kept per process (issue #16): product cards, the CMS menus and
the category menu, and the site's offers (``shop.apps.offer.applicator``).

Where it is kept: ``CACHES["local"]`` (memory of each web process, never a query; the default
cache when it is not configured, as in the test settings).

When it is stale: never, by construction of the keys.

* A **version** per group (``catalogue``, ``cms``, ``offers``) lives in the shared cache (Redis
  or the database table): ``bump`` increments it from ``post_save``/``post_delete`` of the
  models the fragments show (``connect``, called from ``shop.core.apps``; for offers: offer,
  condition and benefit) and Wagtail's publish, unpublish and move signals. Every key carries
  the versions, read once per request (one ``get_many``), so a change made in any process makes
  every process render afresh from its next request.
* A **product card**'s key also carries what it shows of the product, read from the instances
  the page already loaded (no query): the product's ``date_updated`` and rating, each stock
  record's price, stock, allocation and dates, its warehouse and customs filing state, the images,
  the current reference rate of the language, today's date — so writes that send no signal
  (``QuerySet.update``: stock allocation at checkout, bulk imports) change the key too.
* Language, theme (kiosk or web) and the template name are part of every key.

The CSRF token is never cached: a card is rendered with a placeholder token that is replaced by
the shopper's own on each use.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.utils import timezone, translation
from django.utils.html import format_html

GROUPS = ("catalogue", "cms", "offers")
FRAGMENT_SECONDS = 600
_VERSION_KEY = "shop:fragments:version:{}"
_REQUEST_ATTRIBUTE = "_shop_fragment_versions"
CSRF_PLACEHOLDER = "shopcsrfplaceholder0000000000000"


def local_cache():
    return caches["local"] if "local" in settings.CACHES else cache


def versions(request=None) -> dict[str, int]:
    """The current version of every group: one shared-cache read, kept on ``request``."""
    memo = getattr(request, _REQUEST_ATTRIBUTE, None) if request is not None else None
    if memo is None:
        keys = {group: _VERSION_KEY.format(group) for group in GROUPS}
        found = cache.get_many(list(keys.values()))
        memo = {group: found.get(key, 0) for group, key in keys.items()}
        if request is not None:
            setattr(request, _REQUEST_ATTRIBUTE, memo)
    return memo


def bump(group: str) -> None:
    """A change to what ``group``'s fragments show: every process renders them afresh."""
    key = _VERSION_KEY.format(group)
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): any new value differs from the old keys
        cache.set(key, int(timezone.now().timestamp() * 1000), None)


def fragment_key(name: str, request, *parts) -> str:
    """``name`` + language + theme + group versions + ``parts``, hashed."""
    raw = repr(
        (
            name,
            translation.get_language(),
            getattr(request, "kiosk", None) is not None,
            sorted(versions(request).items()),
            parts,
        )
    )
    return f"shop:fragment:{name}:" + hashlib.sha1(raw.encode()).hexdigest()


# --- product cards ------------------------------------------------------------------------------


def _row(obj) -> tuple:
    if obj is None:
        return ()
    return tuple(getattr(obj, field.attname) for field in obj._meta.concrete_fields)


def card_parts(product, request) -> tuple | None:
    """What a card shows, from the product's prefetched data; None when the card data is not
    prefetched (then the card is rendered, not cached: building a key must never query)."""
    cache_ = getattr(product, "_prefetched_objects_cache", {})
    if "stockrecords" not in cache_ or "images" not in cache_:
        return None
    records = []
    for record in cache_["stockrecords"]:
        fields = record._state.fields_cache
        if "warehouse" not in fields or "filing_record" not in fields:
            return None
        records.append((_row(record), _row(fields["warehouse"]), _row(fields["filing_record"])))
    from shop.rates.selectors import reference_currency_for_language, reference_rate_for_request

    currency = reference_currency_for_language(translation.get_language())
    rate = reference_rate_for_request(request, currency) if currency else None
    return (
        product.pk,
        product.date_updated,
        product.rating,
        product.is_public,
        getattr(product, "has_product_class_options", None),
        getattr(product, "has_product_options", None),
        tuple(records),
        tuple((image.pk, str(image.original), image.display_order) for image in cache_["images"]),
        _row(rate),
        timezone.localdate(),
    )


def csrf_input(token) -> str:
    """What ``{% csrf_token %}`` prints for ``token``."""
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


# --- signals ------------------------------------------------------------------------------------


def connect() -> None:
    from django.db.models.signals import m2m_changed
    from oscar.core.loading import get_model

    catalogue = [
        get_model("catalogue", name)
        for name in ("Product", "ProductClass", "Option", "ProductImage", "Category")
    ] + [get_model("partner", name) for name in ("StockRecord", "Partner", "Warehouse")]
    from shop.customs.models import FilingRecord
    from shop.rates.models import ReferenceRate

    catalogue += [FilingRecord, ReferenceRate]
    _on_save_or_delete(_bump_catalogue, catalogue)
    m2m_changed.connect(
        _bump_catalogue,
        sender=get_model("catalogue", "ProductClass").options.through,
        dispatch_uid="shop_fragments_productclass_options",
    )

    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.models import Menu, MenuItem

    _on_save_or_delete(_bump_cms, (Menu, MenuItem))
    # the offers kept are the offer rows with condition and benefit; ranges are not kept, and
    # Oscar queries their products, classes and categories at each application: no bump needed
    _on_save_or_delete(
        _bump_offers,
        [get_model("offer", name) for name in ("ConditionalOffer", "Condition", "Benefit")],
    )

    page_published.connect(_bump_cms, dispatch_uid="shop_fragments_page_published")
    page_unpublished.connect(_bump_cms, dispatch_uid="shop_fragments_page_unpublished")
    post_page_move.connect(_bump_cms, dispatch_uid="shop_fragments_page_moved")


def _on_save_or_delete(receiver, models) -> None:
    from django.db.models.signals import post_delete, post_save

    for model in models:
        uid = f"shop_fragments_{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + "_delete")


def _bump_catalogue(sender, **kwargs):
    bump("catalogue")


def _bump_cms(sender, **kwargs):
    bump("cms")


def _bump_offers(sender, **kwargs):
    bump("offers")
