import json
import shutil
from pathlib import Path

import pytest

from tests.fixtures import SEED_PAGES_DIR

SEED_TEXTS = sorted(SEED_PAGES_DIR.glob("*.txt"))
APRIL = SEED_PAGES_DIR / "000_2955f14923da8811.txt"  # 2022-04-02, with # headings
NOVEMBER = SEED_PAGES_DIR / "002_39295de852cbae3c.txt"  # 2022-11-07, plain layout


def expected_for(text_path: Path) -> dict:
    return json.loads(text_path.with_name(text_path.stem + ".expected.json").read_text("utf-8"))


@pytest.fixture
def page_dir(tmp_path) -> Path:
    """A scratch folder holding copies of both seed pages, free to be edited by a test."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in SEED_TEXTS:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def staff_client(client, django_user_model):
    """A logged-in superuser; no password, so no slow password hashing per test."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", None)
    client.force_login(user)
    return client
