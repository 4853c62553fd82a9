"""ELASTICSEARCH_URL switches search to Elasticsearch; the system check refuses a malformed URL."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings

from integrations.checks import check_elasticsearch_url

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import json, shop.settings as s; "
    "print(json.dumps({'search': s.INTEGRATIONS['search'], 'prefix': s.SHOP_SEARCH_INDEX_PREFIX}))"
)


def search_settings(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ELASTICSEARCH", "SHOP_"))}
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env={**base, "SECRET_KEY": "test-only", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_url_the_database_backend():
    search = search_settings()["search"]
    assert search["BACKEND"] == "integrations.search.database.DatabaseProductSearch"
    assert search["OPTIONS"] == {"languages": ["zh-hans", "ko", "ja", "ru", "en"]}


def test_url_switches_to_elasticsearch_with_its_options():
    s = search_settings(
        ELASTICSEARCH_URL="https://search.internal:9200",
        SHOP_SEARCH_INDEX_PREFIX="shop-staging",
        SHOP_ELASTICSEARCH_PLUGINS="analysis-nori, analysis-kuromoji",
    )
    assert s["search"] == {
        "BACKEND": "integrations.search.elasticsearch.ElasticsearchProductSearch",
        "OPTIONS": {
            "url": "https://search.internal:9200",
            "index_prefix": "shop-staging",
            "languages": ["zh-hans", "ko", "ja", "ru", "en"],
            "plugins": ["analysis-nori", "analysis-kuromoji"],
        },
    }


def test_plugins_unset_means_ask_the_server_and_empty_means_none():
    assert (
        search_settings(ELASTICSEARCH_URL="http://es:9200")["search"]["OPTIONS"]["plugins"] is None
    )
    empty = search_settings(ELASTICSEARCH_URL="http://es:9200", SHOP_ELASTICSEARCH_PLUGINS="")
    assert empty["search"]["OPTIONS"]["plugins"] == []
    assert empty["prefix"] == "shop"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:9200",
        "https://elastic:secret@search.example.com:9243",
        "http://10.0.0.5:9200/",
        "https://search.example.com",
    ],
)
def test_well_formed_urls_pass_the_check(url):
    with override_settings(ELASTICSEARCH_URL=url):
        assert check_elasticsearch_url(None) == []


@pytest.mark.parametrize(
    "url",
    [
        "localhost:9200",
        "search.example.com",
        "ftp://search.example.com",
        "http://",
        "http://search.example.com:port",
        "http://[::1",
    ],
)
def test_malformed_urls_fail_the_check(url):
    with override_settings(ELASTICSEARCH_URL=url):
        (error,) = check_elasticsearch_url(None)
    assert error.id == "integrations.E003"
    assert error.level == checks.ERROR


def test_no_url_no_check():
    with override_settings(ELASTICSEARCH_URL=""):
        assert check_elasticsearch_url(None) == []


def test_the_check_is_registered():
    assert check_elasticsearch_url in checks.registry.registry.get_checks()
