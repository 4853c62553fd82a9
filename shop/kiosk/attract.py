"""What the attract loop shows when a kiosk is idle (issue #14): the featured products of the
store's pavilions (the first few of each national pavilion), the pavilions themselves, and the
live-streams that are on now or coming up; all from the CMS in the active language."""

from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Slide:
    kind: str  # "product" | "pavilion" | "live"
    title: str
    url: str
    product: object = None
    page: object = None
    kicker: str = ""


def attract_slides(*, request, products_per_pavilion: int = 3, max_products: int = 9) -> list:
    from cms.localization import active_locale, localized_pages, page_url
    from cms.models import LiveStreamPage, PavilionPage, search_products

    locale = active_locale()
    pavilions = localized_pages(PavilionPage, locale)
    products, seen = [], set()
    for pavilion in pavilions:
        for product in search_products(
            limit=products_per_pavilion, origin_countries=(pavilion.origin_country,)
        ):
            if product.pk not in seen and len(products) < max_products:
                seen.add(product.pk)
                products.append((product, pavilion))
    if not pavilions:
        products = [(product, None) for product in search_products(limit=max_products)]
    now = timezone.now()
    streams = [
        page
        for page in localized_pages(LiveStreamPage, locale, order_by=("starts_at", "pk"))
        if page.ends_at >= now
    ][:3]

    product_slides = [
        Slide(
            kind="product",
            title=product.get_title(),
            url=product.get_absolute_url(),
            product=product,
            kicker=pavilion.title if pavilion else "",
        )
        for product, pavilion in products
    ]
    page_slides = [
        Slide(
            kind="pavilion",
            title=p.title,
            url=page_url(p, request=request) or "",
            page=p,
            kicker=p.get_origin_country_display(),
        )
        for p in pavilions
    ] + [
        Slide(kind="live", title=s.title, url=page_url(s, request=request) or "", page=s)
        for s in streams
    ]
    # Interleave: a product, a page, a product ... so the loop never shows one kind for long
    slides = []
    while product_slides or page_slides:
        if product_slides:
            slides.append(product_slides.pop(0))
        if page_slides:
            slides.append(page_slides.pop(0))
    return slides
