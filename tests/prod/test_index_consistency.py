"""The search index stays in line with the database: after a crash, under concurrent writers,
and through a rebuild that swaps folders while searches go on.

The subprocess tests run real ``manage.py`` processes on their own database (an SQLite file,
or a scratch PostgreSQL database in the PostgreSQL run) and their own index folder.
"""

import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from haystack import connections

from articles.importer import import_paths
from articles.models import Article, Credit
from articles.search.index_folders import POINTER, active_folder

from .helpers import (
    PYTHON,
    ROOT,
    manage,
    migrate_and_import,
    production_env,
    run_script,
    scratch_database,
    worker,
    write_pages,
)


def run_check(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("check_index", *args, stdout=out, stderr=StringIO())
        failed = False
    except CommandError:
        failed = True
    return failed, out.getvalue()


def search_api(client, word):
    return client.get("/api/search", {"q": word}).json()


@pytest.mark.django_db(transaction=True)
def test_check_index_finds_each_kind_of_problem_and_fix_repairs_it(tmp_path, own_index, client):
    summary = import_paths(write_pages(tmp_path / "pages", date(2003, 3, 1), 3, "chk"))
    assert not summary.failures
    failed, out = run_check()
    assert not failed, out
    assert "articles in database: 12" in out and "problems: 0" in out

    first, second, third = Article.objects.order_by("pk")[:3]
    # Writes that bypass the signals, as a crash or a bulk SQL fix would.
    Article.objects.filter(pk=first.pk).update(headline="改写过的标题 staleword")
    Article.objects.bulk_create(
        [Article(edition=second.edition, page=second.page, position=99, headline="漏掉 newword")]
    )
    Credit.objects.filter(article=third)._raw_delete("default")
    Article.objects.filter(pk=third.pk)._raw_delete("default")
    missing_pk = Article.objects.get(position=99).pk

    failed, out = run_check()
    assert failed
    assert f"missing:  1  e.g. article {missing_pk}" in out
    assert f"stale:    1  e.g. article {first.pk} (headline)" in out
    assert f"orphaned: 1  e.g. article {third.pk}" in out
    assert "problems: 3" in out
    assert search_api(client, "newword")["total"] == 0

    failed, out = run_check("--fix")
    assert not failed, out
    assert out.rstrip().endswith("problems: 0")
    assert [r["id"] for r in search_api(client, "newword")["results"]] == [missing_pk]
    assert [r["id"] for r in search_api(client, "staleword")["results"]] == [first.pk]
    assert third.pk not in {r["id"] for r in search_api(client, "chk20030301")["results"]}


@pytest.mark.django_db(transaction=True)
def test_rebuild_from_scratch_gives_the_same_answers(tmp_path, own_index, client):
    import_paths(write_pages(tmp_path / "pages", date(2004, 5, 1), 4, "rb"))
    before = search_api(client, "翻身仗")
    failed, out = run_check("--rebuild")
    assert not failed, out
    assert "problems: 0" in out
    assert not (own_index.parent / "index.new").exists()
    assert search_api(client, "翻身仗")["total"] == before["total"] == 4
    # The plain folder became versions behind a pointer: only the live version is left.
    live = active_folder(own_index)
    assert live != own_index and (own_index / POINTER).is_file()
    assert sorted(p.name for p in own_index.iterdir()) == sorted([POINTER, live.name])
    assert connections["default"].get_backend().path == str(live)


@pytest.mark.django_db(transaction=True)
def test_a_backend_kept_open_follows_the_switch_for_searches_and_writes(tmp_path, own_index):
    from articles.forms import SearchForm
    from articles.index_check import rebuild
    from articles.search_indexes import ArticleIndex

    import_paths(write_pages(tmp_path / "pages", date(2004, 5, 1), 4, "kp"))
    kept = connections["default"].get_backend()  # as a long-running worker holds it

    def total(backend, word):
        return backend.search_articles(SearchForm({"q": word}).spec()).total

    assert total(kept, "翻身仗") == 4
    first, second = Article.objects.order_by("pk")[:2]
    # Bypassing the signals: only the rebuilt index has it.
    Article.objects.filter(pk=first.pk).update(headline="切换之后 pointerword")
    assert total(kept, "pointerword") == 0
    assert rebuild().problems == 0
    first_version = active_folder(own_index)
    assert total(kept, "pointerword") == 1
    assert kept.path == str(first_version)

    # A write through the kept backend lands in the live version, seen by a fresh backend.
    Article.objects.filter(pk=second.pk).update(headline="写入 followword")
    with kept.batch_writer() as write:
        write(ArticleIndex(), [Article.objects.with_people().get(pk=second.pk)])
    assert total(connections["default"].get_backend(), "followword") == 1

    assert rebuild().problems == 0
    assert active_folder(own_index) != first_version
    assert not first_version.exists()
    assert total(kept, "followword") == total(kept, "pointerword") == 1
    assert sorted(p.name for p in own_index.iterdir()) == sorted(
        [POINTER, active_folder(own_index).name]
    )


def count_rows(database_url: str, table: str) -> int:
    """Read the scratch database from the test process while a subprocess writes it."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30) as db:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    import psycopg

    with psycopg.connect(database_url) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def wait_for(condition, timeout=120.0, what="condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.slow
def test_import_killed_half_way_leaves_whole_pages_and_check_index_fix_repairs(tmp_path):
    pages = write_pages(tmp_path / "pages", date(2005, 1, 1), 240, "kill")
    with scratch_database(tmp_path) as url:
        env = production_env(tmp_path, DATABASE_URL=url, YONGKANG_SEARCH_RATE="off")
        assert manage(env, "migrate", "--noinput").returncode == 0
        importer = manage_popen(env, "import_pages", "--no-progress", str(tmp_path / "pages"))
        try:
            wait_for(
                # Pages, not import runs: a run is recorded before its page commits.
                lambda: count_rows(url, "articles_page") >= 60 or importer.poll() is not None,
                what="a quarter of the import",
            )
            assert importer.poll() is None, "the import finished before it could be killed"
            os.kill(importer.pid, signal.SIGKILL)
        finally:
            importer.wait(30)

        state = json.loads(run_script(env, CONSISTENCY_SCRIPT))
        assert 60 <= state["pages"] < len(pages)
        assert state["pages_without_all_articles"] == []
        assert state["articles"] == 4 * state["pages"]
        assert state["editions_without_pages"] == 0
        # The kill can land between a page's commit and the update of its run's outcome.
        assert state["pages"] - 1 <= state["created_runs"] <= state["pages"]
        assert state["unfinished_runs"] <= 1
        assert state["runs_without_page"] == []

        check = manage(env, "check_index")
        assert check.returncode != 0
        assert "missing:" in check.stdout and "problems: 0" not in check.stdout
        fixed = manage(env, "check_index", "--fix")
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
        again = manage(env, "check_index")
        assert again.returncode == 0, again.stdout + again.stderr
        assert f"documents in index:   {state['articles']}" in again.stdout
        assert "problems: 0" in again.stdout

        # Importing again finishes the job: pages already stored are left alone.
        resumed = manage(env, "import_pages", "--no-progress", str(tmp_path / "pages"))
        assert resumed.returncode == 0, resumed.stderr
        assert f"unchanged {state['pages']}" in resumed.stdout
        final = manage(env, "check_index")
        assert final.returncode == 0 and f"articles in database: {4 * len(pages)}" in final.stdout


CONSISTENCY_SCRIPT = """
import json
from pathlib import Path
from django.db.models import Count
from articles.models import Article, Edition, ImportRun, Page
from articles.parsing import parse_page

pages = list(Page.objects.select_related("edition").annotate(n=Count("articles")))
broken = [p.source_name for p in pages if p.n != len(parse_page(p.raw_text).articles)]
sources = {(Path(p.source_name).name, p.edition.date) for p in pages}
created = ImportRun.objects.filter(outcome=ImportRun.Outcome.CREATED)
print(json.dumps({
    "pages": len(pages),
    "articles": Article.objects.count(),
    "pages_without_all_articles": broken,
    "editions_without_pages": Edition.objects.filter(pages=None).count(),
    "created_runs": created.count(),
    "runs_without_page": [
        r.source_name for r in created if (Path(r.source_name).name, r.edition_date) not in sources
    ],
    "unfinished_runs": ImportRun.objects.filter(finished_at=None).count(),
}))
"""


def manage_popen(env, *args):
    return subprocess.Popen(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_concurrent_writers_all_reach_the_index(tmp_path):
    write_pages(tmp_path / "pages", date(2006, 6, 1), 6, "cw")
    with scratch_database(tmp_path) as url:
        env = production_env(tmp_path, DATABASE_URL=url, YONGKANG_SEARCH_RATE="off")
        migrate_and_import(env, tmp_path / "pages")
        pks = json.loads(
            run_script(
                env,
                "import json; from articles.models import Article; pks = Article.objects"
                ".order_by('pk').values_list('pk', flat=True); print(json.dumps(list(pks)))",
            )
        )
        assert len(pks) == 24
        groups = [pks[0::3], pks[1::3], pks[2::3]]
        writers = [
            worker(env, "write", f"writer{n}x", "3", *map(str, group))
            for n, group in enumerate(groups)
        ]
        saved = {}
        for process in writers:
            out, err = process.communicate(timeout=240)
            assert process.returncode == 0, err
            saved.update({int(pk): h for pk, h in json.loads(out)["saved"].items()})
        assert len(saved) == 24

        check = manage(env, "check_index")
        assert check.returncode == 0, check.stdout + check.stderr
        assert "stale:    0" in check.stdout and "queued for indexing: 0" in check.stdout
        # And each writer's last headline is what the search finds.
        found = json.loads(
            run_script(
                env,
                "import json; from django.test import Client; c = Client();"
                "print(json.dumps({w: [r['id'] for r in c.get('/api/search',"
                " {'q': w, 'sort': 'oldest'}).json()['results']]"
                " for w in ['writer0x', 'writer1x', 'writer2x']}))",
            )
        )
        for n, group in enumerate(groups):
            assert sorted(found[f"writer{n}x"]) == sorted(group)
        assert all(
            saved[pk].startswith(f"writer{n}x第2轮") for n, g in enumerate(groups) for pk in g
        )


@pytest.mark.slow
def test_rebuild_swaps_the_index_while_searches_keep_answering(tmp_path):
    write_pages(tmp_path / "pages", date(2007, 7, 1), 40, "sw")
    with scratch_database(tmp_path) as url:
        env = production_env(tmp_path, DATABASE_URL=url, YONGKANG_SEARCH_RATE="off")
        migrate_and_import(env, tmp_path / "pages")
        # A change that bypasses the signals: only a rebuild (or --fix) brings it in. The
        # articles are dated back a day so the rebuild's catch-up re-indexes none of them:
        # what the searcher sees after the swap comes from the new folder alone.
        run_script(
            env,
            "import datetime; from django.utils import timezone;"
            "from articles.models import Article;"
            "Article.objects.update(updated_at=timezone.now() - datetime.timedelta(days=1));"
            "Article.objects.filter(pk=Article.objects.order_by('pk')[0].pk)"
            ".update(headline='重建之后才有 swapword')",
        )
        stop = tmp_path / "stop"
        searcher = worker(env, "search", str(stop), "翻身仗", "swapword")
        try:
            time.sleep(1.0)  # the searcher has its index open before the swap
            rebuilt = manage(env, "check_index", "--rebuild")
            assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
            assert "problems: 0" in rebuilt.stdout
            time.sleep(1.0)
        finally:
            stop.touch()
            out, err = searcher.communicate(timeout=60)
        assert searcher.returncode == 0, err
        result = json.loads(out)
        assert result["failures"] == 0, result["errors"]
        assert result["found"]["翻身仗"] == result["requests"] // 2
        # The searcher's open index noticed the switch without a restart.
        assert result["found"]["swapword"] > 0
        assert not (tmp_path / "index.new").exists()
        index = tmp_path / "index"
        assert sorted(p.name for p in index.iterdir()) == [POINTER, active_folder(index).name]


def test_own_index_really_is_a_separate_folder(own_index, transactional_db):
    from articles.index_check import live_path

    assert live_path() == own_index
    assert connections["default"].get_backend().path == str(own_index)
