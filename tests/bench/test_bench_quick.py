"""The benchmark still runs end to end (tiny N); no figure here is a pass/fail criterion."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import CORPUS, build_articles, name_pool
from bench.queries import KINDS, make_queries

ROOT = Path(__file__).resolve().parents[2]

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason=f"benchmark corpus not at {CORPUS}")


@needs_corpus
def test_sample_and_queries_are_reproducible():
    first, again = build_articles(50), build_articles(50)
    assert [a.headline for a in first] == [a.headline for a in again]
    assert [a.credits for a in first] == [a.credits for a in again]
    assert [a.date for a in first] == sorted(a.date for a in first)
    pool = set(name_pool())
    assert len(pool) == 300
    assert all(1 <= len(a.credits) <= 3 and {n for n, _ in a.credits} <= pool for a in first)

    queries = make_queries(first, 12, seed=1)
    assert [q.as_dict() for q in queries] == [q.as_dict() for q in make_queries(first, 12, seed=1)]
    assert {q.kind for q in queries} == set(KINDS)
    phrase = next(q for q in queries if q.kind == "phrase")
    assert phrase.q.startswith('"') and phrase.q.endswith('"')
    dated = next(q for q in queries if q.kind == "date_range")
    assert dated.start < dated.end


def run_tiny_benchmark(out, *options) -> subprocess.CompletedProcess:
    """``bench.run`` over 60 articles and 12 queries into ``out``; it must succeed."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.run", "--n", "60", "--queries", "12", "--out", str(out)]
        + list(options),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


@needs_corpus
@pytest.mark.slow
def test_benchmark_runs_both_sides_on_a_tiny_corpus(tmp_path):
    completed = run_tiny_benchmark(tmp_path)
    results = json.loads((tmp_path / "results-n60.json").read_text(encoding="utf-8"))

    for side in ("project", "baseline"):
        run = results[side]
        assert run["n"] == 60
        assert run["index"]["index_mb"] > 0
        assert run["index"]["peak_tree_rss_mb"] > 0
        assert run["search"]["failures"] == []
        assert set(run["search"]["latency"]) == {*KINDS, "all"}
        assert run["search"]["latency"]["all"]["count"] == 12
    fresh = results["project"]["fresh"]
    assert fresh["found"] == fresh["saves"] > 0, fresh
    assert set(results["checks"]) >= {"index_speedup", "search_p95_ms", "fresh_ms"}
    assert results["project"]["search"]["one_char"]["count"] > 0

    run_tiny_benchmark(tmp_path, "--only", "project", "--remeasure")
    remeasured = json.loads((tmp_path / "project-n60.json").read_text(encoding="utf-8"))
    assert remeasured["index"] == results["project"]["index"]
    assert remeasured["remeasured"]["index_built"] == results["project"]["when"]
    assert remeasured["search"]["failures"] == []

    run_tiny_benchmark(tmp_path, "--only", "project", "--reuse-load")
    rebuilt = json.loads((tmp_path / "project-n60.json").read_text(encoding="utf-8"))
    assert rebuilt["load"]["reused"] is True
    assert rebuilt["load"]["process"] == results["project"]["load"]["process"]
    assert rebuilt["index"]["index_mb"] > 0 and rebuilt["search"]["failures"] == []
    log = (tmp_path / "project-n60" / "log.txt").read_text(encoding="utf-8")
    assert log.count("bench.phases load") == 1 and log.count("rebuild_index") == 2
    assert "PASS" in completed.stdout or "FAIL" in completed.stdout


def test_an_index_command_over_its_budget_is_stopped_and_measured(tmp_path):
    from bench.run import run_measured

    measured = run_measured(
        [sys.executable, "-c", "import time; time.sleep(30)"], {}, tmp_path / "log", budget=0.3
    )
    assert measured["stopped"] is True
    assert measured["seconds"] < 10


def test_committed_documents_counts_what_a_stopped_rebuild_left(tmp_path):
    from whoosh import fields, index

    from bench.run import committed_documents

    ix = index.create_in(str(tmp_path), fields.Schema(id=fields.ID(stored=True)))
    with ix.writer() as writer:
        for n in range(3):
            writer.add_document(id=str(n))
    uncommitted = ix.writer()
    uncommitted.add_document(id="not yet")  # a rebuild stopped before its next commit
    assert committed_documents(tmp_path) == 3
    uncommitted.cancel()


def test_segment_count_reads_the_index_and_says_none_where_there_is_none(tmp_path):
    from whoosh import fields, index

    from bench.run import segment_count

    assert segment_count(tmp_path / "missing") is None
    assert segment_count(tmp_path) is None  # an empty folder: no index yet
    ix = index.create_in(str(tmp_path), fields.Schema(id=fields.ID(stored=True)))
    for n in range(2):  # two commits without merging: two segments
        writer = ix.writer()
        writer.add_document(id=str(n))
        writer.commit(merge=False)
    assert segment_count(tmp_path) == 2
