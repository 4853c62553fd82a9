from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

# Roles whose embedded backend is acceptable in production (with a warning): the database search
# works on PostgreSQL, it just does not scale like Elasticsearch.
EMBEDDED_ACCEPTABLE_IN_PRODUCTION = {"search"}


@checks.register(checks.Tags.security, deploy=True)
def check_no_embedded_backends(app_configs, **kwargs):
    messages = []
    for role, conf in settings.INTEGRATIONS.items():
        backend = import_string(conf["BACKEND"])
        if not getattr(backend, "embedded", False):
            continue
        if role in EMBEDDED_ACCEPTABLE_IN_PRODUCTION:
            messages.append(
                checks.Warning(
                    f"INTEGRATIONS[{role!r}] uses the embedded {conf['BACKEND']}",
                    hint="Fine for a small catalogue; configure the production backend to scale.",
                    id="integrations.W001",
                )
            )
        else:
            messages.append(
                checks.Error(
                    f"INTEGRATIONS[{role!r}] is the embedded {conf['BACKEND']}",
                    hint=f"Configure the production backend for {role}.",
                    id="integrations.E001",
                )
            )
    return messages


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
