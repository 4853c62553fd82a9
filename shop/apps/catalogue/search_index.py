"""Keep the search backend's index in step with the catalogue.

An observer, not part of any business flow, so a signal is the right tool (style guide §2): the
index is refreshed after the transaction that changed the product commits.
"""

from django.db import transaction
from django.db.models.signals import post_save
from oscar.core.loading import get_model

from integrations.registry import get_backend


def _product_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    pk = instance.pk
    transaction.on_commit(lambda: get_backend("search").index_products([pk]))


def connect():
    post_save.connect(
        _product_saved, sender=get_model("catalogue", "Product"), dispatch_uid="search-index"
    )
