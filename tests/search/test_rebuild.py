"""rebuild_index: every batch through one writer, one segment, same search results."""

import pytest
from django.core.management import call_command
from haystack import connections

from articles.forms import SearchForm
from articles.search.service import search

pytestmark = pytest.mark.django_db


def run(**params):
    form = SearchForm(params)
    form.is_valid()
    return search(form.spec())


def test_rebuild_in_small_batches_finds_the_same_and_leaves_one_segment(seeded):
    before = {h.article.pk for h in run(q="五金").hits}, run(reporter="陈晓苏").total
    call_command("rebuild_index", interactive=False, verbosity=0, batchsize=3)
    backend = connections["default"].get_backend()
    assert backend._rebuild is None  # committed once the last batch was written
    segments = backend.index.refresh()._segments()
    assert len(segments) == 1 and segments[0].doc_count_all() == 8
    assert ({h.article.pk for h in run(q="五金").hits}, run(reporter="陈晓苏").total) == before
    assert run(q='"清廉金华"').total == 1


def test_update_index_on_a_full_index_replaces_documents(seeded):
    call_command("update_index", verbosity=0, batchsize=3)
    assert run(q="五金").total == 4
    assert connections["default"].get_backend().index.refresh().doc_count() == 8
