"""Recently viewed products loaded as product cards at once (issue #16).

Oscar's manager reads the history cookie's products with ``in_bulk`` and every card then needs
their stock records, warehouses, filings, images and option flags: the template reloaded them
through ``card_queryset`` (four queries). Here they are read through ``card_queryset`` in the
first place (three), whatever the length of the history. The product page leaves out the product
it shows (``ProductDetailView`` sets ``request.shown_product_id``; Oscar's tag drops it after loading).
"""

from oscar.apps.customer.history import CustomerHistoryManager as CoreCustomerHistoryManager

from shop.apps.catalogue.cards import card_queryset


class CustomerHistoryManager(CoreCustomerHistoryManager):
    @classmethod
    def get(cls, request):
        shown = getattr(request, "shown_product_id", None)
        ids = [pk for pk in cls.extract(request) if isinstance(pk, int) and pk != shown]
        if not ids:
            return []
        products = card_queryset().browsable().in_bulk(ids)
        return [products[pk] for pk in reversed(ids) if pk in products]
