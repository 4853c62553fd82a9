from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

# The deploy check for embedded backends (integrations.E001/E002) lives with the start-up refusal
# in shop/core/startup.py, so `check --deploy` and the web entry points apply one rule. The
# database search is acceptable in production on PostgreSQL and no longer warned about.


@checks.register()
def check_elasticsearch_url(app_configs, **kwargs):
    """ELASTICSEARCH_URL switches search to Elasticsearch (shop/settings.py): it must be a
    well-formed http(s) URL with a host, or every listing would fail at the first request."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return []
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return [
            checks.Error(
                "ELASTICSEARCH_URL is not a well-formed http(s) URL.",
                hint="Write it like https://user:password@search.example.com:9200",
                id="integrations.E003",
            )
        ]
    return []
