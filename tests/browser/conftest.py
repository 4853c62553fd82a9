"""Screenshots of the browser tests (the ``browser`` fixture is in tests/conftest.py)."""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def _wagtail_basics(request):
    """Before each browser test that uses the database: the rows Wagtail's migrations make
    (the previous transactional test emptied every table)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        from tests.conftest import wagtail_basics

        wagtail_basics()
