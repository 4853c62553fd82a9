"""``manage.py search_reindex``: rebuild the product search index with no downtime.

Elasticsearch: a new index version ``<prefix>-products-<timestamp>`` is created and filled with
every browsable product in batches, then the alias ``<prefix>-products`` is moved to it in one
atomic ``update_aliases`` call and old versions are deleted (``--keep`` previous ones stay, to
swap back by hand). The database backend: every product's search text and n-grams are rebuilt
in batches (each batch in its own transaction).
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from integrations.registry import get_backend
from integrations.search.elasticsearch import ElasticsearchProductSearch


class ProgressBar:
    """``label [#####.....] 1500/10000 15%`` on one line when the stream is a terminal, one
    line per batch otherwise (logs, tests)."""

    def __init__(self, stream, total: int, label: str, width: int = 30):
        self.stream = stream
        self.total = total
        self.label = label
        self.width = width
        isatty = getattr(getattr(stream, "_out", stream), "isatty", None)
        self.interactive = bool(isatty and isatty())

    def __call__(self, done: int) -> None:
        share = done / self.total if self.total else 1.0
        filled = round(self.width * share)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done}/{self.total} {share:.0%}"
        )
        if self.interactive:
            self.stream.write("\r" + line, ending="\n" if done >= self.total else "")
            self.stream.flush()
        else:
            self.stream.write(line)


class Command(BaseCommand):
    help = "Rebuild the product search index (Elasticsearch: a new version behind the alias)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep",
            type=int,
            default=1,
            help="Elasticsearch: previous index versions to keep after the swap (default 1).",
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Products per batch (default 500)."
        )

    def handle(self, *args, keep, batch_size, **options):
        if keep < 0 or batch_size < 1:
            raise CommandError("--keep must be 0 or more and --batch-size at least 1.")
        backend = get_backend("search")
        Product = apps.get_model("catalogue", "Product")
        if isinstance(backend, ElasticsearchProductSearch):
            self._elasticsearch(backend, Product, keep, batch_size)
        else:
            self._batched(backend, Product, batch_size)

    def _elasticsearch(self, backend, Product, keep, batch_size):
        from integrations.search.es_documents import browsable_ids

        missing = backend.missing_plugins()
        if missing:
            raise CommandError(
                "Elasticsearch lacks the analysis plugins "
                f"{', '.join(sorted(missing))}: install them on every node "
                "(bin/elasticsearch-plugin install ...) or leave them out of "
                "SHOP_ELASTICSEARCH_PLUGINS."
            )
        backend.batch_size = batch_size
        total = Product.objects.browsable().count()
        progress = ProgressBar(self.stderr, total, "Indexing products")
        name, deleted = backend.rebuild(browsable_ids(), keep=keep, progress=progress)
        if total == 0:
            progress(0)
        self.stdout.write(f"Alias {backend.alias} now points at {name} ({total} products).")
        for old in deleted:
            self.stdout.write(f"Deleted old index {old}.")

    def _batched(self, backend, Product, batch_size):
        ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
        progress = ProgressBar(self.stderr, len(ids), "Indexing products")
        for start in range(0, len(ids), batch_size):
            backend.index_products(ids[start : start + batch_size])
            progress(min(start + batch_size, len(ids)))
        if not ids:
            progress(0)
        self.stdout.write(f"Search index rebuilt ({len(ids)} products).")
