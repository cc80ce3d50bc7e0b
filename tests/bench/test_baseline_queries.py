"""The baseline's SearchIndex fetches related rows per batch, so the ratio is against a fair
baseline; ``BENCH_BASELINE_PREFETCH=0`` keeps the tutorial's one-query-per-row version."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from bench.search_indexes import BaselineArticleIndex

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def baseline_templates(settings):
    # bench is an app only under bench.baseline_settings; its text template lives here.
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], ROOT / "bench" / "templates"]
    with override_settings(TEMPLATES=[engine]):
        yield


def queries_to_index(count: int) -> tuple[int, list[dict]]:
    """Queries haystack's update_index makes for one batch of ``count`` articles."""
    index = BaselineArticleIndex()
    with CaptureQueriesContext(connection) as captured:
        documents = [index.full_prepare(obj) for obj in index.build_queryset()[:count]]
    assert len(documents) == count
    return len(captured), documents


def queries_to_show(count: int) -> int:
    """Queries the results page makes to load ``count`` hits and show their dates."""
    index = BaselineArticleIndex()
    pks = list(index.build_queryset().values_list("pk", flat=True)[:count])
    with CaptureQueriesContext(connection) as captured:
        dates = [obj.edition.date for obj in index.read_queryset().in_bulk(pks).values()]
    assert len(dates) == count
    return len(captured)


def test_prefetched_baseline_indexes_any_batch_in_a_constant_number_of_queries(
    seed_editions, baseline_templates
):
    few, few_docs = queries_to_index(2)
    many, many_docs = queries_to_index(8)  # every seed article

    assert few == many == 2  # the articles with their editions, then all their people
    assert any(doc["people"] for doc in many_docs)
    assert all(doc["date"] for doc in few_docs + many_docs)
    assert queries_to_show(2) == queries_to_show(8) == 1


def test_the_old_baseline_still_queries_per_article(seed_editions, baseline_templates, monkeypatch):
    _, prefetched = queries_to_index(8)
    monkeypatch.setenv("BENCH_BASELINE_PREFETCH", "0")

    few, _ = queries_to_index(2)
    many, documents = queries_to_index(8)

    assert few == 1 + 2 * 2 and many == 1 + 2 * 8  # its edition and its people, per article
    assert queries_to_show(8) == 1 + 8
    # The same documents either way: only the number of queries differs.
    assert documents == prefetched
