"""Basket fork (issue #16): a basket's lines load with what every page reads of them.

The mini basket on every storefront page, the basket page and add-to-basket price each line
through the purchase strategy, whose customs rule reads the line's warehouse, filing, merchant and
product class (``shop.customs.checkout.LINE_PREFETCH``). Oscar's ``all_lines`` joins only the
product and stock record, so those came as four more queries, and ``num_lines`` asked a COUNT
before the lines were loaded (twice per page). Here the lines come with all of it in one query
and are counted once loaded.
"""

from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import is_model_registered

if not is_model_registered("basket", "Basket"):

    class Basket(AbstractBasket):
        def all_lines(self):
            if self.id is None:
                return self.lines.model.objects.none()
            if self._lines is None:
                from shop.customs.checkout import LINE_PREFETCH  # imports models: not at load

                self._lines = (
                    self.lines.select_related("product", "stockrecord", *LINE_PREFETCH)
                    .prefetch_related("attributes", "product__images")
                    .order_by(self._meta.pk.name)
                )
            return self._lines

        @property
        def num_lines(self):
            # the lines are wanted anyway (the mini basket prices them): load them, not a COUNT
            return len(self.all_lines())

        class Meta(AbstractBasket.Meta):
            app_label = "basket"


from oscar.apps.basket.models import *  # noqa: E402, F403
