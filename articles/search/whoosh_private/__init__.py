"""Every piece of the project that reaches into Whoosh's or django-haystack's private API.

Written for **Whoosh 2.7.4** and **django-haystack 3.4.x**; importing this package with any
other version fails at once (:func:`check_versions`, also run from the app's ``ready()``),
because a private name may change meaning between releases without any error until an
index is silently misread. To upgrade: check each name below against the new release's
source, run the tests, then change ``WRITTEN_FOR``. The rest of ``articles/`` uses only
public names (``tests/search/test_whoosh_private.py`` fails otherwise).

Private names relied on, and why:

``codec.py`` (faster indexing and reading; segments name the codec in the index's TOC)
  - ``whoosh.codec.whoosh3._lenfield``: the column name holding a field's lengths.
  - ``W3PerDocReader._cached_reader``, ``._doccount``, and the column reader's ``_count``,
    ``_dbfile``, ``_basepos``: read all of a field's length bytes in one slice.
  - ``W3PostingsWriter._mini_ids``/``_mini_weights``/``_mini_values`` (overridden) and its
    ``_byteids``, ``_ids``, ``_weights``, ``_values``, ``_format``: write posting blocks as
    machine arrays instead of pickled tuples.
  - ``W3Codec._blocklimit``, ``._compression``, ``._inlinelimit``: passed on to our writer.
  - ``W3LeafMatcher._read_ids``/``_read_weights``/``_read_values`` (overridden), ``_data``,
    ``_read_data``, ``_ids``, ``_weights``, ``_values``: Whoosh's own matchers read our blocks.
``postings.py`` (the one-pass evaluation reads a posting list a block at a time)
  - ``W3LeafMatcher._data``, ``_read_data``, ``_read_values``, ``_values``,
    ``_blocklength``, ``_lastblock``, ``_goto``, ``_nextoffset``: walk the blocks.
  - ``SegmentReader._perdoc`` (and our codec's ``_lengths``): deletions and field lengths
    of a whole segment in one read.
``storage.py`` (segments read through memory maps, no copy)
  - ``FileStorage._fpath``: a file's path in the storage.
  - ``StructFile.is_closed``, ``.file``, ``.onclose``: close a mapped file as Whoosh does.
``writing.py`` (rebuilds: chunked spill files, both cores)
  - ``PostingPool._write_run``, ``_read_run``, ``_open_run``, ``_remove_run`` and its
    ``fieldnames``, ``currentsize``, ``limit``, ``current``, ``runs``, ``tempstore``,
    ``segment``: spill postings a few thousand per pickle.
  - ``SegmentWriter(_lk=False)``, ``SegmentWriter._finalize_segment``: a sub-writer's
    segment handed back unlocked and uncommitted, as Whoosh's own ``SubWriterTask`` does.
  - ``SubWriterTask._process_file`` and its ``running``, ``jobqueue``, ``resultqueue``,
    ``storage``, ``indexname``, ``kwargs``; ``MpWriter._new_task`` and its ``tasks``,
    ``subargs``, ``multisegment``: Whoosh's multiprocess writer with our posting pool.
``spans.py`` (exact phrases when Whoosh's own searcher runs the query)
  - ``SpanWrappingMatcher._get_spans``, ``._replacement``: the hooks a span matcher fills.
``scoring.py`` (the archive's length prior in Whoosh's scoring)
  - ``BM25FScorer._score``: the one place with both a document's weight and its length.
``haystack_values.py``
  - haystack's ``WhooshSearchBackend._from_python``: a value as haystack stores it (our
    batch writer and the index check must convert exactly as haystack does).
"""

from importlib import metadata

import whoosh

WRITTEN_FOR = {"Whoosh": (2, 7, 4), "django-haystack": (3, 4)}


class UnsupportedVersion(RuntimeError):
    pass


def whoosh_version() -> tuple:
    return tuple(whoosh.__version__)


def haystack_version() -> tuple:
    return tuple(int(part) for part in metadata.version("django-haystack").split(".")[:2])


def check_versions() -> None:
    """Fail, naming both versions, unless Whoosh and haystack are the releases this package
    was written against (haystack: any 3.4.x; Whoosh: exactly 2.7.4)."""
    found_whoosh = whoosh_version()
    found_haystack = haystack_version()
    want_whoosh = WRITTEN_FOR["Whoosh"]
    want_haystack = WRITTEN_FOR["django-haystack"]
    if found_whoosh[:3] == want_whoosh and found_haystack[:2] == want_haystack:
        return
    raise UnsupportedVersion(
        "articles/search/whoosh_private uses private internals of Whoosh "
        f"{'.'.join(map(str, want_whoosh))} and django-haystack "
        f"{'.'.join(map(str, want_haystack))}.x, but Whoosh "
        f"{'.'.join(map(str, found_whoosh))} and django-haystack "
        f"{'.'.join(map(str, found_haystack))} are installed. Install the pinned versions "
        "(requirements.txt), or check every name listed in "
        "articles/search/whoosh_private/__init__.py against the new releases and update "
        "WRITTEN_FOR."
    )


check_versions()
