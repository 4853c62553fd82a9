"""Product search on Elasticsearch 8 (used when ``ELASTICSEARCH_URL`` is set).

The shop reads and writes the alias ``<prefix>-products``; behind it sits one index version
``<prefix>-products-<UTC timestamp>``. ``manage.py search_reindex`` builds a new version, fills it
and swaps the alias in one ``update_aliases`` call, so searches never see a half-built index.
Changes reach the index through the task queue (shop/apps/catalogue/search_index.py), never
inside a request.

Mappings and analyzers: ``es_mapping``; request bodies and response parsing: ``es_query``;
documents: ``es_documents``. Analysis plugins (smartcn, icu, nori, kuromoji) are used when the
``plugins`` option lists them; ``plugins=None`` asks the server which are installed.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable, Iterable
from typing import ClassVar

from .base import MAX_ALTERNATIVES, SearchQuery, SearchResult, Suggestion
from .es_mapping import ALL_PLUGINS, index_body
from .es_query import (
    alternative_check,
    build_search,
    build_suggest,
    parse_search,
    parse_suggest,
    spelling_candidates,
    suggest_plan,
)

logger = logging.getLogger("shop.search")

_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
BATCH_SIZE = 500


class IndexingError(RuntimeError):
    """Elasticsearch refused some documents of a bulk request."""


class ElasticsearchProductSearch:
    embedded: ClassVar[bool] = False

    def __init__(
        self,
        url: str,
        index_prefix: str = "shop",
        languages: Iterable[str] = ("zh-hans",),
        client=None,
        plugins: Iterable[str] | None = None,
        shards: int = 1,
        replicas: int = 1,
        timeout: float = 10.0,
        batch_size: int = BATCH_SIZE,
    ):
        if not _PREFIX.match(index_prefix):
            raise ValueError(
                f"index prefix {index_prefix!r}: lowercase letters, digits, '-', '_' or '.' only"
            )
        self.url = url
        self.index_prefix = index_prefix
        self.languages = tuple(languages)
        if not self.languages:
            raise ValueError("at least one language")
        self._client = client
        self._plugins = None if plugins is None else frozenset(plugins)
        self.shards = shards
        self.replicas = replicas
        self.timeout = timeout
        self.batch_size = batch_size

    # -- connection and names ------------------------------------------------------------------

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch(self.url, request_timeout=self.timeout)
        return self._client

    @property
    def alias(self) -> str:
        return f"{self.index_prefix}-products"

    def new_index_name(self, now: datetime.datetime | None = None) -> str:
        now = now or datetime.datetime.now(datetime.UTC)
        return f"{self.alias}-{now.strftime('%Y%m%d%H%M%S%f')}"

    def installed_plugins(self) -> frozenset[str]:
        rows = _body(self.client.cat.plugins(format="json"))
        return frozenset(row["component"] for row in rows)

    @property
    def plugins(self) -> frozenset[str]:
        if self._plugins is None:
            self._plugins = self.installed_plugins() & ALL_PLUGINS
        return self._plugins

    def missing_plugins(self) -> frozenset[str]:
        """Configured plugins the server does not have (index creation would fail)."""
        return self.plugins - self.installed_plugins()

    def index_body(self) -> dict:
        return index_body(self.languages, self.plugins, shards=self.shards, replicas=self.replicas)

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        body = build_search(query, self.languages).to_dict()
        raw = self._search(body)
        if raw is None:
            return SearchResult(product_ids=(), total=0)
        result = parse_search(query, raw)
        if result.total == 0 and query.text.strip():
            alternatives = self._alternatives(query, raw.get("suggest"))
            if alternatives:
                result = SearchResult(
                    product_ids=result.product_ids,
                    total=result.total,
                    facets=result.facets,
                    suggestions=alternatives,
                )
        return result

    def _search(self, body: dict):
        from elasticsearch import NotFoundError

        try:
            return _body(self.client.search(index=self.alias, body=body))
        except NotFoundError:
            # a fresh server before the first `manage.py search_reindex`: empty listings, not
            # an error page
            logger.error("search index %s does not exist: run manage.py search_reindex", self.alias)
            return None

    def _alternatives(self, query: SearchQuery, suggest) -> tuple[str, ...]:
        candidates = spelling_candidates(query.text, suggest)
        if not candidates:
            return ()
        searches = []
        for candidate in candidates:
            searches += [{"index": self.alias}, alternative_check(query, candidate, self.languages)]
        responses = _body(self.client.msearch(searches=searches))["responses"]
        found = [
            candidate
            for candidate, response in zip(candidates, responses, strict=True)
            if "error" not in response and response["hits"]["total"]["value"] > 0
        ]
        return tuple(found[:MAX_ALTERNATIVES])

    def suggest(self, language: str, prefix: str, limit: int = 8) -> tuple[Suggestion, ...]:
        if not prefix.strip() or limit <= 0:
            return ()
        typed, pattern = suggest_plan(prefix)
        if not typed:
            return ()
        # partial Korean input is filtered afterwards: ask for more candidates
        size = limit if pattern is None else max(limit * 5, 50)
        brand_size = max(1, limit // 4) if pattern is None else 20
        body = build_suggest(language, typed, size, self.languages, brand_size).to_dict()
        raw = self._search(body)
        if raw is None:
            return ()
        return parse_suggest(language, raw, limit, self.languages, pattern)

    # -- indexing -------------------------------------------------------------------------------

    def index_products(self, product_ids: Iterable[int]) -> None:
        """Upsert the browsable ones of these products; delete the others (no longer public,
        a variant, or gone). Waits for the change to be searchable."""
        ids = sorted(set(product_ids))
        if not ids:
            return
        self.ensure_index()
        for start in range(0, len(ids), self.batch_size):
            self.bulk(self.alias, ids[start : start + self.batch_size], refresh="wait_for")

    def bulk(self, index: str, ids: list[int], *, refresh: str | bool = False) -> int:
        """Write one batch into ``index``: documents of the browsable ids, deletions for the
        rest. Returns the number of documents written."""
        from .es_documents import documents

        docs = documents(ids, self.languages)
        operations: list[dict] = []
        for pk in ids:
            if pk in docs:
                operations += [{"index": {"_index": index, "_id": str(pk)}}, docs[pk]]
            else:
                operations.append({"delete": {"_index": index, "_id": str(pk)}})
        response = _body(self.client.bulk(operations=operations, refresh=refresh))
        if response.get("errors"):
            failed = [
                item
                for entry in response["items"]
                for item in entry.values()
                # (deleting what is not in the index is "not_found", not an error)
                if item.get("error")
            ]
            if failed:
                raise IndexingError(f"{len(failed)} documents refused, first: {failed[0]}")
        return len(docs)

    def ensure_index(self) -> None:
        """Create a first index version behind the alias if there is none (a fresh server)."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.create_index()
            self.client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": self.alias}}]
            )

    # -- index versions (manage.py search_reindex) ---------------------------------------------

    def create_index(self, name: str | None = None) -> str:
        name = name or self.new_index_name()
        body = self.index_body()
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        return name

    def index_versions(self) -> list[str]:
        """Every index version of this prefix, oldest first (names sort by their timestamp)."""
        found = _body(self.client.indices.get(index=f"{self.alias}-*", ignore_unavailable=True))
        pattern = re.compile(rf"^{re.escape(self.alias)}-\d{{20}}$")
        return sorted(name for name in found if pattern.match(name))

    def current_versions(self) -> list[str]:
        if not self.client.indices.exists_alias(name=self.alias):
            return []
        return sorted(_body(self.client.indices.get_alias(name=self.alias)))

    def rebuild(
        self,
        ids: Iterable[int],
        *,
        keep: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[str, list[str]]:
        """Build a new version with ``ids`` (browsable products), swap the alias to it in one
        atomic ``update_aliases`` call, then delete old versions but the ``keep`` newest.
        Returns the new index name and the deleted ones. Searches use the old version until
        the swap; a failure before it deletes the half-built index and leaves the alias alone."""
        name = self.create_index()
        # no refreshes and no replicas while filling: faster, and nobody reads it yet
        self.client.indices.put_settings(
            index=name, settings={"index": {"refresh_interval": "-1", "number_of_replicas": 0}}
        )
        done = 0
        try:
            batch: list[int] = []
            for pk in ids:
                batch.append(pk)
                if len(batch) == self.batch_size:
                    self.bulk(name, batch)
                    done += len(batch)
                    if progress:
                        progress(done)
                    batch = []
            if batch:
                self.bulk(name, batch)
                done += len(batch)
                if progress:
                    progress(done)
            self.client.indices.put_settings(
                index=name,
                settings={"index": {"refresh_interval": None, "number_of_replicas": self.replicas}},
            )
            self.client.indices.refresh(index=name)
        except BaseException:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        previous = self.current_versions()
        actions = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        older = [v for v in self.index_versions() if v != name]
        doomed = older[: max(0, len(older) - keep)]
        for old in doomed:
            self.client.indices.delete(index=old)
        return name, doomed

    def refresh(self) -> None:
        """Make every write visible to searches now (tests; writes wait for it anyway)."""
        self.client.indices.refresh(index=self.alias)

    def delete_all_indices(self) -> None:
        """Remove the alias and every version of this prefix (tests, a prefix no longer used)."""
        for name in self.index_versions():
            self.client.indices.delete(index=name, ignore_unavailable=True)


def _body(response):
    """The JSON body of a client response (an ``ObjectApiResponse``) or of a fake's dict."""
    return getattr(response, "body", response)
