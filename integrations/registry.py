"""Look up the configured implementation of an outside system by its role.

Services ask for a role (``get_backend("search")``), never for a class; ``settings.INTEGRATIONS``
maps each role to a dotted path and options, shaped like ``STORAGES``.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string


@functools.cache
def get_backend(role: str):
    conf = settings.INTEGRATIONS[role]
    return import_string(conf["BACKEND"])(**conf.get("OPTIONS", {}))


@receiver(setting_changed)
def _forget_backends(*, setting, **kwargs):
    # a test's override_settings(INTEGRATIONS=...) gets a fresh backend
    if setting == "INTEGRATIONS":
        get_backend.cache_clear()
