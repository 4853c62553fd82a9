"""``manage.py runserver`` that refuses production stand-ins before it starts (issue #10).

Django's server imports WSGI_APPLICATION only in its serving thread, where a refusal would leave
the autoreloader waiting instead of exiting; so the rule is applied here first. Subclasses
staticfiles' command to keep serving static files while DEBUG is on. Effective because
shop.core comes before django.contrib.staticfiles in INSTALLED_APPS (the first app wins).
"""

from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserverCommand,
)
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError

from shop.core.startup import refuse_stand_ins


class Command(StaticfilesRunserverCommand):
    def handle(self, *args, **options):
        try:
            refuse_stand_ins()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        super().handle(*args, **options)
