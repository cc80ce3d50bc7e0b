"""rebuild_index: every batch through one writer (one segment per writing process), same
search results."""

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


def test_rebuild_in_small_batches_finds_the_same_and_leaves_one_segment_per_process(
    seeded, monkeypatch
):
    from articles.search import backend as backend_module
    from articles.search.whoosh_private import writing

    def answers():
        return (
            [h.article.pk for h in run(q="五金").hits],
            run(reporter="陈晓苏").total,
            run(q='"清廉金华"').total,
            run(q="永康 -五金").total,
        )

    before = answers()
    # Two documents per job, so both writing processes get some of the eight articles.
    monkeypatch.setattr(writing, "JOB_DOCS", 2)
    monkeypatch.setattr(backend_module, "WRITER_PROCS", 2)
    call_command("rebuild_index", interactive=False, verbosity=0, batchsize=3)
    backend = connections["default"].get_backend()
    assert backend._rebuild is None  # committed once the last batch was written
    segments = backend.index.refresh()._segments()
    assert len(segments) == 2 and sum(s.doc_count_all() for s in segments) == 8
    assert answers() == before
    assert before[1] == 3 and before[2] == 1


def test_rebuild_in_one_process(seeded, monkeypatch):
    from articles.search import backend as backend_module

    before = {h.article.pk for h in run(q="五金").hits}
    monkeypatch.setattr(backend_module, "WRITER_PROCS", 1)
    call_command("rebuild_index", interactive=False, verbosity=0, batchsize=3)
    segments = connections["default"].get_backend().index.refresh()._segments()
    assert len(segments) == 1 and segments[0].doc_count_all() == 8
    assert {h.article.pk for h in run(q="五金").hits} == before


def test_postings_spilled_to_disk_come_back_sorted(tmp_path):
    from whoosh.filedb.filestore import FileStorage

    from articles.search.whoosh_private.writing import RUN_CHUNK, ChunkedPostingPool

    pool = ChunkedPostingPool(FileStorage(str(tmp_path)), None)
    pool.limit = 2000  # bytes: a run every dozen postings
    items = [("text", f"词{i % 97}".encode(), i, 1.0, b"v" * (i % 5)) for i in range(RUN_CHUNK * 2)]
    for item in reversed(items):
        pool.add(item)
    assert len(pool.runs) > 100
    assert list(pool.iter_postings()) == sorted(items)


def test_update_index_on_a_full_index_replaces_documents(seeded):
    call_command("update_index", verbosity=0, batchsize=3)
    assert run(q="五金").total == 4
    assert connections["default"].get_backend().index.refresh().doc_count() == 8


def test_segments_are_separate_memory_mapped_files_and_old_compound_ones_still_read(seeded):
    from pathlib import Path

    from articles.search.whoosh_private.storage import _MappedFile

    call_command("rebuild_index", interactive=False, verbosity=0)
    backend = connections["default"].get_backend()
    files = [p.name for p in Path(backend.path).iterdir()]
    assert not [name for name in files if name.endswith(".seg")]
    assert [name for name in files if name.endswith(".pst")]
    segment = backend.index.refresh()._segments()[0]
    opened = segment.open_file(backend.storage, ".pst")
    assert isinstance(opened, _MappedFile)
    opened.close()

    # A segment as Whoosh packs it by default (an index not rebuilt since this change).
    writer = backend.index.writer()
    writer.add_document(
        id="articles.article.99999",
        django_ct="articles.article",
        django_id="99999",
        text="旧格式的段落五金",
    )
    writer.commit()
    assert [p for p in Path(backend.path).iterdir() if p.name.endswith(".seg")]
    searcher = backend.searcher()
    assert searcher.doc_count() == 9
    assert run(q="五金").total == 5  # counted from the index, both formats
    found = searcher.search(SearchForm({"q": "旧格式"}).spec().whoosh_query(), limit=None)
    assert [hit["django_id"] for hit in found] == ["99999"]


def test_positions_written_by_whoosh_itself_still_decode():
    """An index built before positions were stored as arrays keeps Whoosh's pickled lists;
    haystack opens it with the current schema, so the new format must read both."""
    from whoosh.formats import Positions

    from articles.search.whoosh_private.codec import OffsetPositions, decode_offsets

    offsets = [0, 3, 17, 300, 70000]
    for value in (Positions().encode(offsets), OffsetPositions().encode(offsets)):
        assert decode_offsets(value) == offsets
        assert OffsetPositions().decode_positions(value) == offsets
    assert OffsetPositions().decode_frequency(OffsetPositions().encode(offsets)) == 5
