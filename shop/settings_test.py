"""Fast, isolated settings for the test suite: embedded backends, a throwaway media folder,
cheap password hashing. DATABASE_URL still decides the database (CI points it at PostgreSQL)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SHOP_SECURE_COOKIES", "0")  # live_server speaks plain http

from .settings import *  # noqa: E402,F403

_tmp = tempfile.mkdtemp(prefix="shop-tests-")
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
