"""``manage.py search_reindex``: a new index version, filled in batches with progress, then the
alias swapped atomically and old versions deleted; with the database backend, batches only."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from integrations.search.es_mapping import ALL_PLUGINS, KUROMOJI
from tests.factories.catalogue import ProductFactory
from tests.unit.test_search_es_backend import LANGUAGES, FakeElasticsearch

pytestmark = pytest.mark.django_db


def es_settings(fake, **options):
    return override_settings(
        INTEGRATIONS={
            **settings.INTEGRATIONS,
            "search": {
                "BACKEND": "integrations.search.elasticsearch.ElasticsearchProductSearch",
                "OPTIONS": {
                    "url": "http://search.test:9200",
                    "index_prefix": "test",
                    "languages": LANGUAGES,
                    "client": fake,
                    **options,
                },
            },
        }
    )


def reindex(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("search_reindex", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def products():
    public = [ProductFactory(indexed=False) for _ in range(5)]
    ProductFactory(is_public=False, indexed=False)
    return public


def versions(fake):
    return sorted(fake.store)


def test_reindex_builds_a_version_swaps_the_alias_and_reports(products):
    fake = FakeElasticsearch()
    with es_settings(fake):
        out, err = reindex("--batch-size", "2")
    (new,) = versions(fake)
    assert new.startswith("test-products-")
    assert fake.aliases[new] == {"test-products"}
    assert sorted(fake.docs(), key=int) == [str(p.pk) for p in products]  # not the hidden one
    # filled in batches, progress after each
    assert [len(kw["operations"]) // 2 for n, kw in fake.calls if n == "bulk"] == [2, 2, 1]
    assert err.splitlines() == [
        "Indexing products [############..................] 2/5 40%",
        "Indexing products [########################......] 4/5 80%",
        "Indexing products [##############################] 5/5 100%",
    ]
    assert f"Alias test-products now points at {new} (5 products)." in out


def test_call_order_create_fill_refresh_then_swap(products):
    fake = FakeElasticsearch()
    with es_settings(fake):
        reindex()
        first = versions(fake)[0]
        fake.calls.clear()
        reindex()
    new = max(versions(fake))
    names = fake.names()
    assert names == [
        "indices.create",
        "indices.put_settings",  # no refresh, no replicas while filling
        "bulk",
        "indices.put_settings",
        "indices.refresh",
        "indices.update_aliases",
    ]
    assert fake.calls[0][1] == {"index": new}
    # one atomic alias change: the old version out and the new one in, in the same call
    (actions,) = [kw["actions"] for n, kw in fake.calls if n == "indices.update_aliases"]
    assert actions == [
        {"remove": {"index": first, "alias": "test-products"}},
        {"add": {"index": new, "alias": "test-products"}},
    ]
    # the bulk requests write the new version, not the alias the shop is reading
    bulk = next(kw for n, kw in fake.calls if n == "bulk")
    assert {op["index"]["_index"] for op in bulk["operations"] if "index" in op} == {new}
    assert bulk["refresh"] is False
    # filling settings restored
    restore = [kw for n, kw in fake.calls if n == "indices.put_settings"][1]
    assert restore["settings"]["index"]["number_of_replicas"] == 1
    assert fake.aliases[first] == set()


def test_old_versions_are_deleted_keeping_one_previous(products):
    fake = FakeElasticsearch()
    with es_settings(fake):
        for _ in range(3):
            reindex("--keep", "5")
        first, second, third = versions(fake)
        out, _err = reindex()
        fourth = max(versions(fake))
        assert versions(fake) == [third, fourth]
        assert f"Deleted old index {first}." in out
        assert f"Deleted old index {second}." in out
        reindex("--keep", "0")
        (only,) = versions(fake)
    assert fake.aliases[only] == {"test-products"}


def test_a_failure_leaves_the_alias_on_the_old_version(products):
    fake = FakeElasticsearch()
    with es_settings(fake):
        reindex()
        (old,) = versions(fake)
        fake.fail_bulk_after = 1
        with pytest.raises(ConnectionError):
            reindex("--batch-size", "2")
    assert versions(fake) == [old]  # the half-built version deleted
    assert fake.aliases[old] == {"test-products"}
    assert "indices.update_aliases" not in fake.names()[fake.names().index("indices.create", 1) :]


def test_missing_plugins_stop_before_anything_is_created(products):
    fake = FakeElasticsearch(plugins=ALL_PLUGINS - {KUROMOJI})
    with es_settings(fake, plugins=ALL_PLUGINS), pytest.raises(CommandError, match=KUROMOJI):
        reindex()
    assert fake.store == {}


def test_plugins_left_out_of_the_setting_use_built_in_analyzers(products):
    fake = FakeElasticsearch(plugins=())
    with es_settings(fake, plugins=()):
        reindex()
    (index,) = versions(fake)
    assert fake.store[index]["mappings"]["properties"]["title_ja"]["analyzer"] == "cjk_text"


def test_an_empty_catalogue_still_swaps(db):
    fake = FakeElasticsearch()
    with es_settings(fake):
        out, err = reindex()
    (index,) = versions(fake)
    assert fake.aliases[index] == {"test-products"}
    assert "0/0 100%" in err
    assert "(0 products)" in out


@pytest.mark.parametrize(("keep", "size"), [("-1", "10"), ("1", "0")])
def test_bad_arguments(keep, size, db):
    with pytest.raises(CommandError):
        reindex("--keep", keep, "--batch-size", size)


def test_database_backend_rebuilds_search_text_in_batches(products):
    from django.apps import apps

    Product = apps.get_model("catalogue", "Product")
    Product.objects.update(search_text="")
    out, err = reindex("--batch-size", "4")
    assert err.splitlines() == [
        "Indexing products [####################..........] 4/6 67%",
        "Indexing products [##############################] 6/6 100%",
    ]
    assert "Search index rebuilt (6 products)." in out
    assert all(p.search_text for p in Product.objects.all())
    assert products[0].upc in Product.objects.get(pk=products[0].pk).search_text


def test_progress_bar_redraws_one_line_on_a_terminal():
    from django.core.management.base import OutputWrapper

    from shop.apps.search.management.commands.search_reindex import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = ProgressBar(OutputWrapper(stream), 4, "Indexing", width=4)
    bar(2)
    bar(4)
    assert stream.getvalue() == "\rIndexing [##..] 2/4 50%\rIndexing [####] 4/4 100%\n"
