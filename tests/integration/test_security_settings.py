"""Production security settings and the shared cache (issue #10): what shop/settings.py decides
from the environment (printed by a fresh interpreter), and what a request then gets."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.test_startup import production_env

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SHOP_BEHIND_PROXY",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CACHES",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
]
PRINT = (
    "import json, django; django.setup(); from django.conf import settings; "
    f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}, default=str))"
)


def settings_with(env, program=PRINT):
    """What ``program`` prints as JSON on its last line, run by a fresh interpreter in ``env``."""
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults(tmp_path):
    s = settings_with(production_env(tmp_path))
    assert s["DEBUG"] is False
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] == 31536000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_HSTS_PRELOAD"] is False
    # no proxy: a client-sent X-Forwarded-Proto must not make http look like https
    assert s["SECURE_PROXY_SSL_HEADER"] is None
    assert s["SHOP_BEHIND_PROXY"] is False
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["SESSION_COOKIE_HTTPONLY"] is True
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert s["SECURE_REFERRER_POLICY"] == "same-origin"
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert s["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "shop_cache",
    }
    assert s["AXES_FAILURE_LIMIT"] == 5
    assert s["AXES_COOLOFF_TIME"] == "0:15:00"


def test_production_variables(tmp_path):
    env = production_env(
        tmp_path,
        SHOP_BEHIND_PROXY="1",
        SHOP_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="600",
        SHOP_HSTS_PRELOAD="1",
        REDIS_URL="redis://127.0.0.1:6390/2",
        SHOP_LOGIN_FAILURE_LIMIT="8",
        SHOP_LOGIN_COOLOFF_MINUTES="30",
    )
    s = settings_with(env)
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SHOP_BEHIND_PROXY"] is True
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SECURE_HSTS_SECONDS"] == 600
    assert s["SECURE_HSTS_PRELOAD"] is True
    assert s["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert s["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6390/2"
    assert s["AXES_FAILURE_LIMIT"] == 8
    assert s["AXES_COOLOFF_TIME"] == "0:30:00"


def test_development_serves_plain_http(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "SHOP_DEBUG": "1",
        "SHOP_VAR_DIR": str(tmp_path),
    }
    s = settings_with(env)
    assert s["DEBUG"] is True
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SECURE_HSTS_SECONDS"] == 0
    assert s["SESSION_COOKIE_SECURE"] is False


@pytest.mark.django_db
def test_http_is_redirected_and_https_gets_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/en/catalogue/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/catalogue/"
    secure = client.get("/en/catalogue/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert secure["X-Content-Type-Options"] == "nosniff"
    assert secure["Referrer-Policy"] == "same-origin"
    assert secure["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_forwarded_proto_is_trusted_only_behind_a_proxy(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None  # SHOP_BEHIND_PROXY off
    forged = client.get("/en/catalogue/", headers={"x-forwarded-proto": "https"})
    assert forged.status_code == 301


@pytest.mark.django_db
def test_forwarded_proto_from_the_proxy_counts_as_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = client.get("/en/catalogue/", headers={"x-forwarded-proto": "https"})
    assert proxied.status_code != 301


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_rate_limits_count_in_redis_through_django_redis(redis_url, settings):
    from django.core.cache import caches

    from shop.core import ratelimit

    suite_caches = settings.CACHES
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    }
    cache = caches["default"]
    assert type(cache).__module__ == "django_redis.cache"
    cache.set("probe", {"n": 1}, 30)
    assert cache.get("probe") == {"n": 1}
    # the shared rate limiter counts in Redis (incr on the server)
    assert ratelimit.ratelimit_hit("t", "who", limit=2, period=60)
    assert ratelimit.ratelimit_hit("t", "who", limit=2, period=60)
    assert not ratelimit.ratelimit_hit("t", "who", limit=2, period=60)
    # back to the suite's cache before the server stops (the autouse cache fixture clears it)
    settings.CACHES = suite_caches


DATABASE_PRINT = (
    "import json, django; django.setup(); from django.conf import settings; "
    "d = settings.DATABASES['default']; "
    "print(json.dumps({k: d.get(k) for k in ('ENGINE', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'OPTIONS')}))"
)


def database_settings(env):
    return settings_with(env, DATABASE_PRINT)


def test_postgresql_connections_persist_with_prepared_statements(tmp_path):
    """Issue #16: a web process keeps its connection (health-checked) and PostgreSQL keeps the
    plans of the storefront's repeated queries; both can be turned off (a pooler in transaction
    mode cannot keep prepared statements)."""
    url = "postgres://shop@db.internal/shop"
    d = database_settings(production_env(tmp_path, DATABASE_URL=url))
    assert d["ENGINE"] == "django.db.backends.postgresql"
    assert (d["CONN_MAX_AGE"], d["CONN_HEALTH_CHECKS"]) == (60, True)
    assert d["OPTIONS"]["server_side_binding"] is True
    assert d["OPTIONS"]["prepare_threshold"] == 5
    d = database_settings(
        production_env(tmp_path, DATABASE_URL=url, SHOP_DB_PREPARED="0", SHOP_DB_CONN_MAX_AGE="0")
    )
    assert "server_side_binding" not in d["OPTIONS"]
    assert d["CONN_MAX_AGE"] == 0
    # the embedded default has no server-side parameters to turn on
    assert "server_side_binding" not in database_settings(production_env(tmp_path))["OPTIONS"]
