"""Large product files (``SHOP_IMPORT_SYNC_MAX_ROWS`` rows or more) run on the default queue of
django-tasks (``manage.py db_worker``); the job page shows the progress."""

from django_tasks import task

from integrations.registry import get_backend

from .services import import_job_run


@task()
def run_import_job(job_id: int) -> str:
    # ``import_job_run`` records every failure on the job itself
    return import_job_run(job_id=job_id).status


@task()
def index_imported_products(product_ids: list[int]) -> int:
    """The search index of the goods an import created or changed (after its commit)."""
    get_backend("search").index_products(product_ids)
    return len(product_ids)
