import os
import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is built from the models (``--no-migrations``: seconds instead of ~40 s
    of 330 migrations), so add the rows that data migrations would have made: Wagtail's default
    locale, root page and site."""
    with django_db_blocker.unblock():
        from django.db import connection
        from django.db.migrations.recorder import MigrationRecorder

        # wagtail-localize reads the latest applied migration of a model's app as the schema
        # version of a translation source; without migrations the table must still exist
        # (SQLite's test database happens to have it, PostgreSQL's does not).
        MigrationRecorder(connection).ensure_schema()
        wagtail_basics()


def wagtail_basics():
    """Wagtail's default locale, root page, default site and root image collection, as its
    migrations make them. A transactional test (every browser test) empties the database when
    it ends, so browser tests call this again before each test (tests/browser/conftest.py)."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        home = root.add_child(instance=Page(title="Home", slug="home", locale=locale))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or db.get('NAME')}"


@pytest.fixture(autouse=True)
def customs_exchange(settings, tmp_path):
    """Each test gets its own empty customs exchange folder (out/, in/, archive/...)."""
    root = tmp_path / "customs-exchange"
    settings.CUSTOMS_EXCHANGE_DIR = str(root)
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "customs_transport": {
            "BACKEND": "integrations.customs.transport.folder.FolderExchange",
            "OPTIONS": {"root": str(root)},
        },
    }
    return root


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: the suite's locmem cache outlives a test, and the
    rate limits (ID-number entry, login, password reset) count in it by user pk and client IP,
    which repeat from test to test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "customs-messages"


@pytest.fixture(autouse=True)
def customs_message_artifacts(request, monkeypatch):
    """Every customs message a test builds is kept in ``test-artifacts/customs-messages/<test>/``
    as ``<kind>-<guid>.xml`` (git-ignored): the pure builder's hook sees each build, the signer
    wrapper the signed message, which replaces the unsigned one of the same guid. Set
    ``SHOP_TEST_ARTIFACTS=0`` to turn it off."""
    if os.environ.get("SHOP_TEST_ARTIFACTS", "1") == "0":
        yield
        return
    import re

    from lxml import etree

    from integrations.customs.messages import build
    from integrations.customs.signing import Sm2Signer

    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-180:]
    started = []

    def keep(kind: str, guid: str, xml: bytes) -> None:
        if not started:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            started.append(True)
        safe = re.sub(r"[^A-Za-z0-9-]", "_", guid or f"seq{len(list(folder.iterdir())) + 1}")
        (folder / f"{kind}-{safe}.xml").write_bytes(xml)

    real_sign = Sm2Signer.sign

    def sign(self, xml: bytes) -> bytes:
        signed = real_sign(self, xml)
        try:
            root = etree.fromstring(signed)
            keep(etree.QName(root).localname.removesuffix("Message"), root.get("guid", ""), signed)
        except etree.XMLSyntaxError:
            pass
        return signed

    monkeypatch.setattr(Sm2Signer, "sign", sign)
    build.BUILD_OBSERVERS.append(keep)
    yield
    build.BUILD_OBSERVERS.remove(keep)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to /en/… activates English in the
    thread, and modeltranslation would then write a factory's ``title`` into ``title_en``."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# --- Playwright (Python) driving Debian's chromium; never downloads a browser -------------
CHROMIUM = os.environ.get("SHOP_CHROMIUM", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
