"""Read side of product listings."""

from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def product_list_by_ids(*, product_ids):
    """Products for a listing page, in the given order, with everything the product card shows
    prefetched: stock records with warehouse and customs filing (price and
    availability), images, product class and options. The
    queries are a constant number per page, whatever its size (issue #3: no N+1)."""
    if not product_ids:
        return []
    from shop.apps.catalogue.cards import card_queryset

    products = card_queryset().in_bulk(list(product_ids))
    return [products[pk] for pk in product_ids if pk in products]


def product_urls(product_ids):
    """Product page URLs by id, from one query (autocomplete)."""
    if not product_ids:
        return {}
    from django.urls import reverse

    return {
        pk: reverse("catalogue:detail", kwargs={"product_slug": slug, "pk": pk})
        for pk, slug in Product.objects.browsable()
        .filter(pk__in=product_ids)
        .values_list("pk", "slug")
    }


def categories_named(terms, limit=5):
    """Browsable categories whose name (in the shopper's language, falling back to Chinese)
    contains a query term, or is contained in one (面膜纸 -> 面膜): what an empty search result
    offers instead. Categories are a small table (hundreds of rows): one query, matched here."""
    from integrations.search.db_text import normalize

    terms = [normalize(term) for term in terms if term][:5]
    if not terms:
        return []
    Category = get_model("catalogue", "Category")
    found = []
    for category in Category.objects.browsable().order_by("depth", "path")[:2000]:
        name = normalize(category.name or "")
        if name and any(term in name or (len(name) > 1 and name in term) for term in terms):
            found.append(category)
            if len(found) == limit:
                break
    return found
