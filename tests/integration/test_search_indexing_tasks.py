"""Catalogue changes reach the search index through the task queue: one task per committed
transaction with every changed product once, nothing inside the request, nothing on rollback."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django_tasks import default_task_backend
from oscar.core.loading import get_model

from shop.apps.catalogue.search_index import index_products
from tests.factories.catalogue import CategoryFactory, ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


class RecordingSearch:
    """A search backend that records what it is asked to index."""

    calls: list = []

    def __init__(self, **options):
        pass

    def index_products(self, product_ids):
        RecordingSearch.calls.append(sorted(product_ids))


@pytest.fixture
def queue():
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def enqueued(queue):
    return [(r.task.func.__name__, r.task.queue_name, r.args) for r in queue.results]


def ids(queue):
    """The product ids of each enqueued task."""
    return [list(r.args[0]) for r in queue.results]


@pytest.fixture
def committed(queue, django_capture_on_commit_callbacks):
    """Make rows as an earlier, committed transaction would (its task run and forgotten)."""

    def make(factory, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            made = factory(**kwargs)
        queue.clear()
        return made

    return make


@pytest.fixture
def product(committed):
    return committed(ProductFactory, indexed=False)


def test_a_product_save_enqueues_after_commit_only(
    product, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        product.title_zh_hans = "新名字"
        product.save()
        assert queue.results == []  # nothing inside the transaction
    assert queue.results == []
    for callback in callbacks:
        callback()
    assert enqueued(queue) == [("index_products", "default", [[product.pk]])]


def test_one_task_per_transaction_with_deduplicated_ids(
    product, committed, queue, django_capture_on_commit_callbacks
):
    other = committed(ProductFactory, indexed=False, stockrecords=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product.save()
        product.save()
        record = product.stockrecords.get()
        record.price = Decimal("80.00")  # a price change
        record.save()
        record.num_in_stock = 0  # a stock change
        record.save()
        other.save()
    assert len(callbacks) >= 1
    assert enqueued(queue) == [("index_products", "default", [sorted([product.pk, other.pk])])]


def test_the_next_transaction_gets_its_own_task(product, queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product.save()
    with django_capture_on_commit_callbacks(execute=True):
        product.save()
    assert ids(queue) == [[product.pk], [product.pk]]


def test_a_rolled_back_change_enqueues_nothing(product, queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                product.save()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert queue.results == []
    # and a later change in the same test transaction is still enqueued
    with django_capture_on_commit_callbacks(execute=True):
        product.save()
    assert ids(queue) == [[product.pk]]


def test_stock_allocation_by_an_order_enqueues_the_product(
    product, queue, django_capture_on_commit_callbacks
):
    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        record.num_in_stock = 5
        record.save()
    queue.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record.allocate(2)  # a conditional UPDATE, announced with post_save by Oscar
    assert ids(queue) == [[product.pk]]


def test_a_variant_stock_record_reindexes_its_parent(
    committed, queue, django_capture_on_commit_callbacks
):
    parent = committed(ProductFactory, structure="parent", stockrecords=None, indexed=False)
    child = committed(
        ProductFactory, structure="child", parent=parent, stockrecords=None, indexed=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        StockRecordFactory(product=child, price=Decimal("10.00"))
    assert ids(queue) == [sorted([parent.pk, child.pk])]


def test_category_links_and_deletions_enqueue(
    product, committed, queue, django_capture_on_commit_callbacks
):
    category = committed(CategoryFactory)
    with django_capture_on_commit_callbacks(execute=True):
        link = ProductCategory.objects.create(product=product, category=category)
    with django_capture_on_commit_callbacks(execute=True):
        link.delete()
    pk = product.pk
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()  # its stock records go with it: still one task, one id
    assert ids(queue) == [[pk], [pk], [pk]]


def test_loaddata_does_not_enqueue(queue, django_capture_on_commit_callbacks):
    from shop.apps.catalogue.search_index import _product_changed

    with django_capture_on_commit_callbacks(execute=True):
        _product_changed(Product, Product(pk=123), raw=True)
    assert queue.results == []


def test_the_task_asks_the_search_backend_to_index_the_ids(
    product, django_capture_on_commit_callbacks
):
    RecordingSearch.calls = []
    immediate = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "customs"],
        }
    }
    search = {
        **settings.INTEGRATIONS,
        "search": {"BACKEND": f"{__name__}.RecordingSearch", "OPTIONS": {}},
    }
    with override_settings(TASKS=immediate, INTEGRATIONS=search):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            product.save()
            product.stockrecords.get().save()
        assert RecordingSearch.calls == []  # not inside the request's transaction
        for callback in callbacks:
            callback()
    assert RecordingSearch.calls == [[product.pk]]


def test_the_task_with_the_database_backend_updates_search_text(product):
    Product.objects.filter(pk=product.pk).update(search_text="")
    assert index_products.call([product.pk]) == 1
    product.refresh_from_db()
    assert product.upc in product.search_text
