from django.conf import settings
from django.core import checks

# The deploy check for embedded backends (integrations.E001/E002) lives with the start-up refusal
# in shop/core/startup.py, so `check --deploy` and the web entry points apply one rule. The
# database search is acceptable in production on PostgreSQL and no longer warned about.


@checks.register()
def check_elasticsearch_url_not_ignored(app_configs, **kwargs):
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    backend = settings.INTEGRATIONS["search"]["BACKEND"]
    if url and backend.endswith("DatabaseProductSearch"):
        return [
            checks.Warning(
                "ELASTICSEARCH_URL is set but search uses the database backend.",
                hint="Set SHOP_SEARCH_BACKEND to the Elasticsearch backend once it is installed.",
                id="integrations.W002",
            )
        ]
    return []
