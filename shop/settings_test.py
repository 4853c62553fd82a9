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
VAR_DIR = _tmp
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
