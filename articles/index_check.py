"""Compare the database with the search index, repair the difference, rebuild without downtime.

The index is derived data: every article should have exactly one document whose stored
fields (headline, date, kind, people, …) are what the search index would write for it now.

- *missing*: an article with no document;
- *stale*: a document whose stored fields differ from the article's (an edit that never
  reached the index, or a document older than the article's ``updated_at`` if the index
  stores it);
- *orphaned*: a document whose article is gone.

Repairs go through the search queue (:mod:`articles.search.queue`), the one path that writes
the index, so a repair running beside imports and admin saves cannot undo their work.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from haystack import connections
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from whoosh.util.filelock import try_for

from articles.models import Article, PendingIndexUpdate
from articles.search import index_folders, queue
from articles.search.grams import bigrams
from articles.search.whoosh_private.haystack_values import index_value

ALIAS = "default"
CHUNK = 2000
# Seconds to wait for a writer in another process to finish before switching folders.
SWAP_LOCK_TIMEOUT = 120.0
# Seconds from the switch before the old version is removed (longer than any search: the
# search budget is 3 s); settings.SEARCH_INDEX_SWAP_GRACE overrides it.
SWAP_GRACE = 10.0
# Changes saved just before the rebuild started may have been read by neither the old index
# (drain still running) nor the new one; going back a little costs only a few re-indexings.
CATCH_UP_MARGIN = timedelta(minutes=1)


@dataclass
class IndexReport:
    articles: int = 0
    documents: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    stale_fields: dict[int, list[str]] = field(default_factory=dict)
    queued: int = 0
    failing: list[tuple[int, str]] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.orphaned)

    def lines(self, examples: int = 5) -> list[str]:
        out = [
            f"articles in database: {self.articles}",
            f"documents in index:   {self.documents}",
            f"missing:  {len(self.missing)}{_examples(self.missing, examples)}",
            f"stale:    {len(self.stale)}{_stale_examples(self, examples)}",
            f"orphaned: {len(self.orphaned)}{_examples(self.orphaned, examples)}",
            f"queued for indexing: {self.queued}",
        ]
        for article_id, error in self.failing[:examples]:
            out.append(f"  gave up indexing article {article_id}: {error.splitlines()[0][:200]}")
        out.append(f"problems: {self.problems}")
        return out


def _examples(ids: list[int], n: int) -> str:
    return f"  e.g. article {', '.join(map(str, ids[:n]))}" if ids else ""


def _stale_examples(report: IndexReport, n: int) -> str:
    if not report.stale:
        return ""
    parts = [f"{pk} ({', '.join(report.stale_fields.get(pk, []))})" for pk in report.stale[:n]]
    return "  e.g. article " + "; ".join(parts)


def _backend_and_index():
    connection = connections[ALIAS]
    return connection.get_backend(), connection.get_unified_index().get_index(Article)


def _compared_fields(backend, index) -> list[str]:
    """Fields the document stores (so they can be read back), except the identifiers."""
    _ensure_setup(backend)
    schema = backend.index.schema
    skip = {ID, DJANGO_CT, DJANGO_ID}
    return [
        name
        for name, search_field in index.fields.items()
        if search_field.index_fieldname in schema.names()
        and schema[search_field.index_fieldname].stored
        and search_field.index_fieldname not in skip
    ]


def _ensure_setup(backend) -> None:
    if not backend.setup_complete:
        backend.setup()


def _expected(backend, index, names, article) -> dict[str, object]:
    values = {}
    for name in names:
        prepare = getattr(index, f"prepare_{name}", None)
        value = prepare(article) if prepare else index.fields[name].prepare(article)
        values[index.fields[name].index_fieldname] = _normal(index_value(backend, value))
    return values


def _normal(value):
    # Whoosh leaves out empty values; a list and its comma-joined form are the same people.
    if value in (None, "", [], ()):
        return None
    return value


def indexed_documents(backend) -> dict[int, dict]:
    """Every document's stored fields by article pk (documents of other models skipped)."""
    searcher = backend.searcher() if hasattr(backend, "searcher") else None
    if searcher is None:  # a stock haystack backend
        _ensure_setup(backend)
        searcher = backend.index.refresh().searcher()
    documents = {}
    for stored in searcher.all_stored_fields():
        if stored.get(DJANGO_CT) != "articles.article":
            continue
        with contextlib.suppress(TypeError, ValueError):
            documents[int(stored[DJANGO_ID])] = stored
    return documents


def without_pairs(backend) -> set[int]:
    """Articles whose document has no character pairs (``grams``, the recall guarantee of
    articles/search/grams.py): written before that field existed, they are found only by
    the words of the dictionary of their day (or they hold no two Chinese characters in a
    row: the caller checks the text)."""
    searcher = backend.searcher() if hasattr(backend, "searcher") else None
    if searcher is None or "grams" not in searcher.schema:
        return set()
    found = set()
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        for docnum in reader.all_doc_ids():
            if not reader.doc_field_length(docnum, "grams", 0):
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    found.add(int(searcher.stored_fields(offset + docnum)[DJANGO_ID]))
    return found


def _chunks(index):
    """The indexed articles in pk order, CHUNK at a time (keyset paging keeps memory flat)."""
    base = index.index_queryset(using=ALIAS)
    last = 0
    while chunk := list(base.filter(pk__gt=last).order_by("pk")[:CHUNK]):
        yield chunk
        last = chunk[-1].pk


def check() -> IndexReport:
    backend, index = _backend_and_index()
    names = _compared_fields(backend, index)
    documents = indexed_documents(backend)
    report = IndexReport(documents=len(documents))
    no_pairs = without_pairs(backend)
    seen = set()
    for chunk in _chunks(index):
        for article in chunk:
            seen.add(article.pk)
            stored = documents.get(article.pk)
            if stored is None:
                report.missing.append(article.pk)
                continue
            expected = _expected(backend, index, names, article)
            differing = [
                name for name, value in expected.items() if _normal(stored.get(name)) != value
            ]
            if article.pk in no_pairs and bigrams(index.prepare(article).get("grams") or ""):
                differing.append("grams")
            if differing:
                report.stale.append(article.pk)
                report.stale_fields[article.pk] = differing
    report.articles = len(seen)
    report.orphaned = sorted(pk for pk in documents if pk not in seen)
    report.queued = queue.pending_count()
    report.failing = list(
        PendingIndexUpdate.objects.filter(attempts__gte=queue.MAX_ATTEMPTS)
        .order_by("article_id")
        .values_list("article_id", "last_error")
    )
    return report


def fix(report: IndexReport) -> int:
    """Queue every problem article (orphans too: the drain removes what is gone) and drain."""
    ids = report.missing + report.stale + report.orphaned
    with transaction.atomic():
        for start in range(0, len(ids), 500):
            queue.enqueue(ids[start : start + 500])
    return queue.drain()


# --- rebuild beside the live index, then switch ---------------------------------------------


def live_path() -> Path:
    return Path(settings.HAYSTACK_CONNECTIONS[ALIAS]["PATH"])


def rebuild(progress=None) -> IndexReport:
    """Build a complete index in a new version folder and switch to it; return the check
    after.

    Searches keep answering from the live index while the new one is built. The switch is
    one atomic replace of the pointer file (:mod:`articles.search.index_folders`), made
    under the live index's write lock, so no writer is half-way through a commit when it
    happens; every process's backend notices the new pointer on its next search or write
    and opens the new folder. Changes saved while the build ran are re-queued from
    ``updated_at`` and drained into the new index; the final check repairs anything else
    (an edition or person edited meanwhile).

    The old version is removed at the end, and at least ``SEARCH_INDEX_SWAP_GRACE`` seconds
    after the switch: a search that had the old searcher in hand when the pointer changed
    may still open one of its files (Whoosh opens some lazily); files already open stay
    readable after their removal (POSIX unlink), and every later search reopens first.
    """
    root = live_path()
    with _rebuild_lock(root):
        started = timezone.now()
        backend, index = _backend_and_index()
        new = index_folders.new_version(root)
        try:
            options = {**settings.HAYSTACK_CONNECTIONS[ALIAS], "PATH": str(new)}
            builder = type(backend)(ALIAS, **options)
            builder.setup()
            built = 0
            for chunk in _chunks(index):
                builder.update(index, chunk)
                built += len(chunk)
                if progress:
                    progress(built)
            _switch(backend, root, new)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        switched = time.monotonic()
        connections.reload(ALIAS)
        since = started - CATCH_UP_MARGIN
        with transaction.atomic():
            queue.enqueue(
                Article.objects.filter(updated_at__gte=since).values_list("pk", flat=True)
            )
        queue.drain()
        report = check()
        if report.problems:
            fix(report)
            report = check()
        grace = getattr(settings, "SEARCH_INDEX_SWAP_GRACE", SWAP_GRACE)
        time.sleep(max(0.0, grace - (time.monotonic() - switched)))
        index_folders.remove_inactive(root)
        return report


@contextlib.contextmanager
def _rebuild_lock(live: Path):
    """One rebuild at a time (a second one fails at once instead of building a second version)."""
    live.parent.mkdir(parents=True, exist_ok=True)
    lock_path = live.with_name(live.name + ".rebuild.lock")
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another rebuild of {live} is running") from None
        yield


def _switch(backend, root: Path, new: Path) -> None:
    """Point ``root`` at ``new`` while holding the live folder's write lock: a writer that
    holds it finishes its commit first, and one that gets it after sees the new pointer
    (the backend checks after locking) and writes there."""
    backend.follow_pointer()
    _ensure_setup(backend)
    lock = backend.index.lock("WRITELOCK")
    if not try_for(lock.acquire, timeout=SWAP_LOCK_TIMEOUT, delay=0.1):
        raise RuntimeError(f"{root} stayed locked by another writer; nothing was switched")
    try:
        index_folders.switch_to(root, new)
    finally:
        lock.release()
