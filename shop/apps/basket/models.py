"""Basket fork (issue #16): a basket's lines load with what every page reads of them.

The mini basket on every storefront page, the basket page and add-to-basket price each line
through the purchase strategy, whose customs rule reads the line's warehouse, filing, merchant and
product class (``shop.customs.checkout.LINE_PREFETCH``). Oscar's ``all_lines`` joins only the
product and stock record, so those came as four more queries, and ``num_lines`` asked a COUNT
before the lines were loaded (twice per page). Here the lines come with all of it in one query
and are counted once loaded.

Two reads Oscar makes on every such page are answered without a query when there is nothing to
read, which is nearly always: the open basket comes with whether it holds vouchers
(``has_vouchers``; the middleware then prefetches none), and a line whose reference carries no
options' hash - Oscar creates line attributes only with options, and then the reference has it -
comes with no attributes (``Line.from_db``).
"""

from django.db import models
from django.db.models import Exists, OuterRef
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine
from oscar.apps.basket.managers import OpenBasketManager as CoreOpenBasketManager
from oscar.apps.basket.managers import SavedBasketManager
from oscar.core.loading import is_model_registered


class OpenBasketManager(CoreOpenBasketManager):
    def get_queryset(self):
        vouchers = self.model.vouchers.through
        return (
            super()
            .get_queryset()
            .annotate(has_vouchers=Exists(vouchers.objects.filter(basket=OuterRef("pk"))))
        )


def forget_voucher_flag(sender, instance, action, **kwargs) -> None:
    """A voucher added to or removed from a loaded basket (the voucher form, merging a cookie
    basket at sign-in): its ``has_vouchers`` no longer tells, so the vouchers are read."""
    if action.startswith("post_") and isinstance(instance, AbstractBasket):
        instance.__dict__.pop("has_vouchers", None)


def set_prefetched_empty(instance, name) -> None:
    """``instance.<name>.all()`` is empty, known without a query (as if prefetched)."""
    empty = getattr(instance, name).all()
    empty._result_cache = []
    empty._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = empty


if not is_model_registered("basket", "Basket"):

    class Basket(AbstractBasket):
        # all three again, in Oscar's order: managers declared here come before inherited ones,
        # and the first is the default manager (Oscar's plain ``objects``)
        objects = models.Manager()
        open = OpenBasketManager()
        saved = SavedBasketManager()

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


if not is_model_registered("basket", "Line"):

    class Line(AbstractLine):
        @classmethod
        def from_db(cls, db, field_names, values):
            line = super().from_db(db, field_names, values)
            # read from the loaded fields only: a deferred one would be a query per line
            fields = line.__dict__
            reference = fields.get("line_reference")
            plain = f"{fields.get('product_id')}_{fields.get('stockrecord_id')}"
            if reference is not None and reference == plain:
                set_prefetched_empty(line, "attributes")
            return line

        class Meta(AbstractLine.Meta):
            app_label = "basket"


from oscar.apps.basket.models import *  # noqa: E402, F403
