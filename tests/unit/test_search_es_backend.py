"""ElasticsearchProductSearch against a fake client that records every call (no server here):
documents, bulk upserts and deletions, alias handling, search and suggest round trips."""

import fnmatch
from decimal import Decimal

import pytest

from integrations.search.base import Facet, FacetValue, SearchQuery, Suggestion
from integrations.search.elasticsearch import ElasticsearchProductSearch, IndexingError
from integrations.search.es_mapping import ALL_PLUGINS, NORI
from shop.customs.codes import TradeMode
from tests.factories.catalogue import (
    CategoryFactory,
    ProductFactory,
    StockRecordFactory,
    WarehouseFactory,
)

LANGUAGES = ["zh-hans", "ko", "ja", "ru", "en"]


class FakeIndices:
    """``client.indices`` of the fake: records the calls, keeps indices and aliases."""

    def __init__(self, es):
        self.es = es

    def _record(self, name, **kwargs):
        self.es.calls.append((f"indices.{name}", kwargs))

    def create(self, *, index, settings, mappings):
        self._record("create", index=index)
        assert index not in self.es.store
        self.es.store[index] = {"settings": settings, "mappings": mappings, "docs": {}}
        self.es.aliases[index] = set()

    def exists_alias(self, *, name):
        return any(name in aliases for aliases in self.es.aliases.values())

    def get_alias(self, *, name):
        return {i: {"aliases": {name: {}}} for i, a in self.es.aliases.items() if name in a}

    def get(self, *, index, ignore_unavailable=False):
        return {name: {} for name in self.es.store if fnmatch.fnmatch(name, index)}

    def update_aliases(self, *, actions):
        self._record("update_aliases", actions=actions)
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.es.aliases[spec["index"]].add(spec["alias"])
            else:
                self.es.aliases[spec["index"]].discard(spec["alias"])

    def put_settings(self, *, index, settings):
        self._record("put_settings", index=index, settings=settings)

    def refresh(self, *, index):
        self._record("refresh", index=index)

    def delete(self, *, index, ignore_unavailable=False):
        self._record("delete", index=index)
        self.es.store.pop(index, None)
        self.es.aliases.pop(index, None)


class FakeCat:
    def __init__(self, installed):
        self.installed = installed

    def plugins(self, format):
        return [{"name": "node-1", "component": c, "version": "8.19.0"} for c in self.installed]


class FakeElasticsearch:
    """The calls the backend makes, recorded; bulk writes kept per index; canned searches."""

    def __init__(self, plugins=ALL_PLUGINS):
        self.calls = []
        self.store = {}
        self.aliases = {}
        self.indices = FakeIndices(self)
        self.cat = FakeCat(plugins)
        self.search_responses = []
        self.msearch_responses = []
        self.refuse = set()  # ids whose documents the fake refuses
        self.fail_bulk_after = None  # raise on the n-th bulk call

    def resolve(self, name):
        if name in self.store:
            return name
        (index,) = [i for i, aliases in self.aliases.items() if name in aliases]
        return index

    def bulk(self, *, operations, refresh=False):
        self.calls.append(("bulk", {"operations": operations, "refresh": refresh}))
        if self.fail_bulk_after is not None:
            self.fail_bulk_after -= 1
            if self.fail_bulk_after < 0:
                raise ConnectionError("connection lost")
        items, errors = [], False
        ops = iter(operations)
        for action in ops:
            ((kind, meta),) = action.items()
            docs = self.store[self.resolve(meta["_index"])]["docs"]
            if kind == "index":
                source = next(ops)
                if meta["_id"] in self.refuse:
                    errors = True
                    items.append({"index": {"status": 400, "error": {"type": "mapper_parsing"}}})
                    continue
                docs[meta["_id"]] = source
                items.append({"index": {"status": 201}})
            elif meta["_id"] in docs:
                del docs[meta["_id"]]
                items.append({"delete": {"status": 200}})
            else:  # as Elasticsearch answers: a 404 that is not an error
                items.append({"delete": {"status": 404, "result": "not_found"}})
        return {"errors": errors, "items": items}

    def search(self, *, index, body):
        self.calls.append(("search", {"index": index, "body": body}))
        response = self.search_responses.pop(0)
        if isinstance(response, Exception):
            raise response
        return response

    def msearch(self, *, searches):
        self.calls.append(("msearch", {"searches": searches}))
        return {"responses": self.msearch_responses.pop(0)}

    def docs(self, name="test-products"):
        return self.store[self.resolve(name)]["docs"]

    def names(self):
        return [name for name, _kwargs in self.calls]


def backend_with(fake, **kwargs):
    kwargs.setdefault("plugins", None)
    return ElasticsearchProductSearch(
        url="http://search.test:9200",
        index_prefix="test",
        languages=LANGUAGES,
        client=fake,
        **kwargs,
    )


@pytest.fixture
def fake():
    return FakeElasticsearch()


@pytest.fixture
def backend(fake):
    return backend_with(fake)


def test_constructor_takes_the_contract_fixture_arguments():
    backend = ElasticsearchProductSearch(
        url="http://localhost:9200", index_prefix="test-shop", languages=LANGUAGES
    )
    assert backend.alias == "test-shop-products"
    assert backend.languages == tuple(LANGUAGES)
    assert backend.embedded is False


@pytest.mark.parametrize("prefix", ["Shop", "", "-shop", "shop products", "shop*"])
def test_index_prefix_must_be_a_valid_index_name(prefix):
    with pytest.raises(ValueError, match="index prefix"):
        ElasticsearchProductSearch(url="http://x:9200", index_prefix=prefix, languages=LANGUAGES)


def test_version_names_sort_by_time(backend):
    import datetime

    first = backend.new_index_name(datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.UTC))
    later = backend.new_index_name(datetime.datetime(2026, 1, 2, 3, 4, 6, tzinfo=datetime.UTC))
    assert first == "test-products-20260102030405000006"
    assert first < later


def test_plugins_are_asked_from_the_server_unless_configured():
    fake = FakeElasticsearch(plugins={NORI, "repository-s3"})
    assert backend_with(fake).plugins == {NORI}
    body = backend_with(fake).index_body()
    assert body["mappings"]["properties"]["title_ko"]["analyzer"] == "ko_text"
    assert body["mappings"]["properties"]["title_zh_hans"]["analyzer"] == "cjk_text"
    configured = backend_with(fake, plugins=ALL_PLUGINS)
    assert configured.plugins == ALL_PLUGINS
    assert configured.missing_plugins() == ALL_PLUGINS - {NORI}


# -- documents and index_products --------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    food = CategoryFactory(name="食品")
    sweets = CategoryFactory(name="糖果", parent=food)
    chocolate = ProductFactory(
        title_zh_hans="阿廖恩卡巧克力",
        title_ru="Шоколад «Алёнка»",
        title_ko="",
        description_zh_hans="<p>经典 &amp; 香浓</p>",
        brand="Alenka",
        origin_country="RUS",
        in_categories=[sweets],
        stockrecords=None,
        indexed=False,
    )
    bonded = WarehouseFactory()
    direct = WarehouseFactory(code="hunchun-9610", trade_mode=TradeMode.DIRECT_MAIL_9610)
    StockRecordFactory(product=chocolate, warehouse=bonded, price=Decimal("59.90"), num_in_stock=0)
    StockRecordFactory(
        product=chocolate, warehouse=direct, price=Decimal("45.50"), num_in_stock=3, num_allocated=1
    )
    StockRecordFactory(product=chocolate, warehouse=bonded, price=None, num_in_stock=9)
    hidden = ProductFactory(is_public=False, indexed=False)
    return {"chocolate": chocolate, "hidden": hidden, "food": food, "sweets": sweets}


def test_index_products_creates_the_index_behind_the_alias(backend, fake, catalogue):
    backend.index_products([catalogue["chocolate"].pk])
    created = [kwargs["index"] for name, kwargs in fake.calls if name == "indices.create"]
    assert len(created) == 1
    assert created[0].startswith("test-products-")
    assert fake.aliases[created[0]] == {"test-products"}
    # the analyzers of the plugins the server has
    mappings = fake.store[created[0]]["mappings"]
    assert mappings["properties"]["title_zh_hans"]["analyzer"] == "smartcn"
    # a second call reuses it
    backend.index_products([catalogue["chocolate"].pk])
    assert fake.names().count("indices.create") == 1


def test_document_of_a_product(backend, fake, catalogue):
    chocolate = catalogue["chocolate"]
    backend.index_products([chocolate.pk])
    doc = fake.docs()[str(chocolate.pk)]
    assert doc["product_id"] == chocolate.pk
    assert doc["title_ru"] == "Шоколад «Алёнка»"
    assert doc["title_ko"] is None
    assert doc["sort_title_ko"] == "阿廖恩卡巧克力"  # the default language's title when missing
    assert doc["sort_title_ru"] == "Шоколад «Алёнка»"
    assert doc["description_zh_hans"] == "经典 & 香浓"  # tags dropped, entities decoded
    assert doc["upc"] == chocolate.upc
    assert doc["hs_code"] == "3304990099"
    assert doc["customs_name"] == "测试商品"
    assert doc["brand"] == "Alenka"
    assert doc["origin_country"] == "RUS"
    # cheapest priced stock record; modes of priced records only; 3 - 1 allocated = stock to sell
    assert doc["min_price"] == "45.50"
    assert doc["trade_modes"] == ["1210", "9610"]
    assert doc["in_stock"] is True
    # direct categories, and with their ancestors
    assert doc["category_ids"] == [str(catalogue["sweets"].pk)]
    assert doc["category_path_ids"] == sorted(
        [str(catalogue["food"].pk), str(catalogue["sweets"].pk)]
    )
    assert doc["date_created"] == chocolate.date_created.isoformat()


def test_document_without_stock_to_sell(backend, fake, db):
    product = ProductFactory(
        indexed=False, stockrecords__num_in_stock=2, stockrecords__num_allocated=2
    )
    backend.index_products([product.pk])
    doc = fake.docs()[str(product.pk)]
    assert doc["in_stock"] is False
    assert doc["min_price"] == "99.00"
    assert doc["trade_modes"] == ["1210"]


def test_document_of_a_product_without_price(backend, fake, db):
    product = ProductFactory(indexed=False, stockrecords=None)
    backend.index_products([product.pk])
    doc = fake.docs()[str(product.pk)]
    assert (doc["min_price"], doc["trade_modes"], doc["in_stock"]) == (None, [], False)


def test_hidden_and_missing_products_are_deleted(backend, fake, catalogue):
    chocolate, hidden = catalogue["chocolate"], catalogue["hidden"]
    backend.index_products([chocolate.pk])
    fake.docs()[str(hidden.pk)] = {"stale": True}  # indexed while it was public
    backend.index_products([chocolate.pk, hidden.pk, 999999, chocolate.pk])
    bulk = [kwargs for name, kwargs in fake.calls if name == "bulk"][-1]
    actions = [
        f"{kind}:{meta['_id']}"
        for op in bulk["operations"]
        for kind, meta in op.items()
        if kind in ("index", "delete") and isinstance(meta, dict) and "_index" in meta
    ]
    assert actions == [
        f"index:{chocolate.pk}",
        f"delete:{hidden.pk}",
        "delete:999999",  # a 404 for it is not an error
    ]
    assert bulk["refresh"] == "wait_for"  # visible to the next search
    assert set(fake.docs()) == {str(chocolate.pk)}


def test_refused_documents_raise(backend, fake, catalogue):
    fake.refuse.add(str(catalogue["chocolate"].pk))
    with pytest.raises(IndexingError, match="1 documents refused"):
        backend.index_products([catalogue["chocolate"].pk])


def test_index_products_in_batches(fake, db):
    backend = backend_with(fake, batch_size=2)
    ids = [ProductFactory(indexed=False).pk for _ in range(5)]
    backend.index_products(ids)
    sizes = [len(kw["operations"]) // 2 for name, kw in fake.calls if name == "bulk"]
    assert sizes == [2, 2, 1]
    assert len(fake.docs()) == 5


def test_documents_cost_a_constant_number_of_queries(backend, fake, db, django_assert_num_queries):
    ids = [ProductFactory(indexed=False).pk for _ in range(6)]
    from integrations.search.es_documents import documents

    with django_assert_num_queries(3):  # products, categories (none: no ancestor query), offers
        docs = documents(ids, LANGUAGES)
    assert sorted(docs) == ids


# -- search and suggest round trips ------------------------------------------------------------


def hits(*ids, total=None, aggregations=None, suggest=None):
    response = {
        "hits": {
            "total": {"value": len(ids) if total is None else total},
            "hits": [{"_id": str(i)} for i in ids],
        }
    }
    if aggregations:
        response["aggregations"] = aggregations
    if suggest:
        response["suggest"] = suggest
    return response


def test_search_asks_the_alias_and_parses(backend, fake):
    fake.search_responses.append(
        hits(
            4,
            2,
            total=9,
            aggregations={"origin": {"values": {"buckets": [{"key": "KOR", "doc_count": 9}]}}},
        )
    )
    result = backend.search(
        SearchQuery(language="ko", text="마스크", facets=(Facet.ORIGIN,), limit=2)
    )
    ((name, kwargs),) = fake.calls
    assert name == "search"
    assert kwargs["index"] == "test-products"
    assert kwargs["body"]["size"] == 2
    assert result.product_ids == (4, 2)
    assert result.total == 9
    assert result.facets[Facet.ORIGIN] == (FacetValue("KOR", 9),)
    assert result.suggestions == ()


def test_empty_result_offers_alternatives_that_find_something(backend, fake):
    suggest = {
        "spelling": [{"text": "mediheel", "options": [{"text": "mediheal"}, {"text": "medicel"}]}]
    }
    fake.search_responses.append(hits(suggest=suggest))
    fake.msearch_responses.append(
        [{"hits": {"total": {"value": 3}}}, {"hits": {"total": {"value": 0}}}]
    )
    result = backend.search(SearchQuery(language="en", text="Mediheel"))
    assert result.total == 0
    assert result.suggestions == ("mediheal",)
    (_name, kwargs) = fake.calls[-1]
    header, probe, *_rest = kwargs["searches"]
    assert header == {"index": "test-products"}
    assert probe["size"] == 0
    assert "suggest" not in probe
    assert "aggs" not in probe


def test_results_ask_for_no_alternatives(backend, fake):
    fake.search_responses.append(
        hits(1, suggest={"spelling": [{"text": "x", "options": [{"text": "y"}]}]})
    )
    assert backend.search(SearchQuery(language="en", text="x")).suggestions == ()
    assert fake.names() == ["search"]


def test_a_missing_index_lists_nothing(backend, fake, caplog):
    from elasticsearch import NotFoundError

    fake.search_responses.append(NotFoundError("index_not_found_exception", meta=None, body={}))
    assert backend.search(SearchQuery(language="en")).total == 0
    assert "search_reindex" in caplog.text


def test_suggest_round_trip(backend, fake):
    fake.search_responses.append(
        {
            "hits": {"hits": [{"_id": "3", "_source": {"title_en": "Mediheal Tea Tree Mask"}}]},
            "aggregations": {},
        }
    )
    assert backend.suggest("en", "medi") == (Suggestion("Mediheal Tea Tree Mask", "product", 3),)
    body = fake.calls[0][1]["body"]
    assert body["size"] == 8
    assert body["query"]["bool"]["should"][0]["match"]["title_en.autocomplete"]["query"] == "medi"


def test_suggest_partial_korean_asks_for_the_stem_and_filters(backend, fake):
    fake.search_responses.append(
        {
            "hits": {
                "hits": [
                    {"_id": "1", "_source": {"title_ko": "메디힐 마스크팩"}},
                    {"_id": "2", "_source": {"title_ko": "마늘 과자"}},  # 마 then ㄴ, not ㅅ
                ]
            }
        }
    )
    assert backend.suggest("ko", "맛") == (Suggestion("메디힐 마스크팩", "product", 1),)
    body = fake.calls[0][1]["body"]
    assert body["query"]["bool"]["should"][0]["match"]["title_ko.autocomplete"]["query"] == "마"
    assert body["size"] == 50  # more candidates: some are filtered out


def test_suggest_nothing_typed_asks_nothing(backend, fake):
    assert backend.suggest("ko", "  ") == ()
    assert fake.calls == []


def test_a_class_that_does_not_track_stock_is_in_stock_when_priced(backend, fake, db):
    product = ProductFactory(
        indexed=False,
        product_class__track_stock=False,
        stockrecords__num_in_stock=0,
    )
    backend.index_products([product.pk])
    assert fake.docs()[str(product.pk)]["in_stock"] is True
