"""Keep the search backend's index in step with the catalogue, through the task queue.

An observer, not part of any business flow, so signals are the right tool (style guide §2). A
product, its categories, its prices and its stock (stock records: a dashboard edit, or an order
allocating units, which Oscar announces with ``post_save`` too) mark the product as changed; when
the transaction commits, ONE task is enqueued with every product it changed (deduplicated), and a
worker (``manage.py db_worker``) asks the search backend to reindex them. Nothing talks to the
search server inside the request; a rolled-back transaction enqueues nothing.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from oscar.core.loading import get_model

from integrations.registry import get_backend

QUEUE = "default"


@task(queue_name=QUEUE)
def index_products(product_ids: list[int]) -> int:
    """Reindex these products (deleted or hidden ones leave the index)."""
    get_backend("search").index_products(product_ids)
    return len(product_ids)


class _Pending:
    """Product ids changed in the current transaction of one database connection."""

    def __init__(self):
        self.ids: set[int] = set()

    def flush(self):
        # Every change registers this on commit; the first call enqueues them all, the others
        # find nothing left: one task per transaction.
        ids, self.ids = sorted(self.ids), set()
        if ids:
            index_products.enqueue(ids)


def schedule(product_ids, using: str = DEFAULT_DB_ALIAS) -> None:
    """Reindex these products once the current transaction commits (at once in autocommit)."""
    ids = {pk for pk in product_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        index_products.enqueue(sorted(ids))
        return
    pending = getattr(connection, "_search_index_pending", None)
    # None of its callbacks waiting any more (run, or dropped by a rollback): a new transaction,
    # whose set starts empty.
    if pending is None or not any(
        getattr(callback, "__self__", None) is pending
        for _sids, callback, *_rest in connection.run_on_commit
    ):
        pending = connection._search_index_pending = _Pending()
    pending.ids |= ids
    transaction.on_commit(pending.flush, using=using)


def _product_ids(product) -> set[int]:
    # a variant's price and stock show on its parent, the browsable product
    return {product.pk, product.parent_id}


def _product_changed(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if raw:  # loaddata
        return
    schedule(_product_ids(instance), using)


def _related_changed(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """A stock record (price, stock) or a product's category link changed."""
    if raw:
        return
    ids = {instance.product_id}
    product = sender._meta.get_field("product").get_cached_value(instance, None)
    if product is not None:
        ids |= _product_ids(product)
    schedule(ids, using)


def connect():
    Product = get_model("catalogue", "Product")
    post_save.connect(_product_changed, sender=Product, dispatch_uid="search-index")
    post_delete.connect(_product_changed, sender=Product, dispatch_uid="search-index-delete")
    for model in (get_model("partner", "StockRecord"), get_model("catalogue", "ProductCategory")):
        label = model._meta.label_lower
        post_save.connect(_related_changed, sender=model, dispatch_uid=f"search-index-{label}")
        post_delete.connect(
            _related_changed, sender=model, dispatch_uid=f"search-index-{label}-delete"
        )
