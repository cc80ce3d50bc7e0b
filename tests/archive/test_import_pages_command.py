import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article, Edition, ImportRun, PendingIndexUpdate

from .conftest import APRIL, NOVEMBER, SEED_TEXTS

pytestmark = pytest.mark.django_db


def run_import(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_pages", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_folders_recursively_and_reports_a_summary(tmp_path):
    (tmp_path / "2022" / "11").mkdir(parents=True)
    shutil.copy(APRIL, tmp_path / "2022" / APRIL.name)
    shutil.copy(NOVEMBER, tmp_path / "2022" / "11" / NOVEMBER.name)
    (tmp_path / "2022" / "notes.md").write_text("not a page", "utf-8")

    out, err = run_import(tmp_path)

    assert "created 2, updated 0, unchanged 0, failed 0" in out
    assert "articles: created 8" in out
    assert err == ""
    assert sorted(str(d) for d in Edition.objects.values_list("date", flat=True)) == [
        "2022-04-02",
        "2022-11-07",
    ]
    assert ImportRun.objects.count() == 2

    out, _ = run_import(tmp_path)
    assert "created 0, updated 0, unchanged 2, failed 0" in out
    assert "articles: created 0, updated 0, unchanged 8" in out


def test_imported_pages_are_searchable_when_the_command_ends():
    from haystack.query import SearchQuerySet

    run_import(*SEED_TEXTS)

    assert not PendingIndexUpdate.objects.exists()
    found = {int(r.pk) for r in SearchQuerySet().models(Article).auto_query("张赤奎")}
    assert found == set(Article.objects.filter(people__name="张赤奎").values_list("pk", flat=True))
    assert found


def test_failures_are_listed_with_file_and_line_and_the_command_fails(tmp_path):
    shutil.copy(NOVEMBER, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    (tmp_path / "c.txt").write_bytes(b"")

    with pytest.raises(CommandError, match="2"):
        out, err = StringIO(), StringIO()
        call_command("import_pages", str(tmp_path), stdout=out, stderr=err)

    assert "created 1, updated 0, unchanged 0, failed 2" in out.getvalue()
    failures = err.getvalue().splitlines()
    assert len(failures) == 2
    for name, line in zip(["b.txt", "c.txt"], failures, strict=True):
        where, message = line.split(": ", 1)
        path, number = where.rsplit(":", 1)
        assert path == str(tmp_path / name) and number.isdigit() and message
    assert Edition.objects.get().date.isoformat() == "2022-11-07"


def test_gb18030_page_is_imported_and_the_encoding_is_reported(tmp_path):
    page = tmp_path / "gbk.txt"
    page.write_bytes(APRIL.read_text("utf-8").encode("gb18030"))
    out, err = run_import(page)
    assert "created 1" in out
    assert str(page) in err and "GB18030" in err.upper()


def test_force_reimports_unchanged_files(tmp_path):
    run_import(APRIL)
    out, _ = run_import(APRIL, "--force")
    assert "unchanged 1" in out  # same content: nothing to rewrite even when forced
    assert ImportRun.objects.count() == 2


def test_no_txt_files_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="txt"):
        run_import(tmp_path)


def test_exit_status_is_non_zero_when_a_file_fails(tmp_path):
    """The real command line, on a throwaway database: what a cron job or CI would see."""
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(APRIL, pages / "good.txt")
    (pages / "empty.txt").write_bytes(b"")
    env = os.environ | {
        "YONGKANG_DATA_DIR": str(tmp_path / "data"),
        "YONGKANG_INDEX_DIR": str(tmp_path / "index"),
        "DJANGO_SETTINGS_MODULE": "yongkang.settings",
    }
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)

    done = subprocess.run(
        [*manage, "import_pages", str(pages)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode != 0
    assert f"{pages / 'empty.txt'}:1: " in done.stderr
    assert "created 1, updated 0, unchanged 0, failed 1" in done.stdout
    assert "\r" not in done.stderr  # no progress bar when stderr is not a terminal
