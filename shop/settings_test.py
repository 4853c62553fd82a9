"""Fast, isolated settings for the test suite: embedded backends, a throwaway media folder,
cheap password hashing. DATABASE_URL still decides the database (CI points it at PostgreSQL)."""

import atexit
import base64
import os
import secrets
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SHOP_SECURE_COOKIES", "0")  # live_server speaks plain http
# A fresh key per run: tests never depend on a committed key.
os.environ.setdefault(
    "SHOP_ENCRYPTION_KEYS", "test1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
)

from .settings import *  # noqa: E402,F403

_tmp = tempfile.mkdtemp(prefix="shop-tests-")
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
MEDIA_ROOT = os.path.join(_tmp, "media")
# the suite's in-memory SQLite keeps Django's defaults (no WAL or IMMEDIATE transactions there)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].pop("OPTIONS", None)  # noqa: F405
VAR_DIR = _tmp
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Enqueued tasks are recorded, not run: outbox tests step through deliveries themselves.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "QUEUES": ["default", "customs"],
    }
}
CUSTOMS_EXCHANGE_DIR = os.path.join(_tmp, "customs-exchange")
INTEGRATIONS = {
    **INTEGRATIONS,  # noqa: F405
    "customs_transport": {
        "BACKEND": "integrations.customs.transport.folder.FolderExchange",
        "OPTIONS": {"root": CUSTOMS_EXCHANGE_DIR},
    },
    # generated once per run, never committed
    "customs_signer": {
        "BACKEND": "shop.customs.signers.DevelopmentSigner",
        "OPTIONS": {"identity_path": os.path.join(_tmp, "customs-signing-identity.json")},
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.path.join(_tmp, "documents")},
    },
}
# No handler of our own, but Django's defaults replaced: every handler masks personal data.
LOGGING = masked_logging({"version": 1, "disable_existing_loggers": False})  # noqa: F405
# live_server speaks plain http (the production defaults redirect to https and send HSTS)
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Per-process cache: the suite needs no cache table (production: Redis or the database cache)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
