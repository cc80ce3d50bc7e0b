"""Fixtures every test folder can use (registered in tests/conftest.py).

``seed_editions`` imports the real seed pages in fixtures/pages through the importer, the
same way ``manage.py import_pages fixtures/pages`` does, index included.
"""

from pathlib import Path

import pytest

SEED_PAGES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


@pytest.fixture
def seed_pages_dir() -> Path:
    return SEED_PAGES_DIR


@pytest.fixture
def seed_editions(db):
    """The two seed editions, imported; a failure to import them fails the test at once."""
    from articles.importer import import_paths
    from articles.models import Edition

    summary = import_paths([SEED_PAGES_DIR])
    assert not summary.failures, [result.error for result in summary.failures]
    return list(Edition.objects.order_by("date"))
