"""The search index queue: saves enqueue article ids, one writer at a time drains them.

Haystack's own signal processor writes the index inside ``post_save``, before the transaction
commits, and misses M2M changes. Instead a save records *which* article changed
(:class:`~articles.models.PendingIndexUpdate`, in the same transaction, so a committed change
always has its row) and the index is brought up to date after the commit by :func:`drain`.

Every enqueue bumps the row's ``version``; a drain deletes only the rows whose version is
still the one it read, so a change made while a drain runs is never dropped: its row stays
and the next drain (the one its own commit schedules) picks it up.
"""

import contextlib
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable

from django.db import connections as db_connections
from django.db import router, transaction
from django.db.models import F
from django.utils import timezone
from haystack import connections as search_connections

from articles.models import Article, PendingIndexUpdate

log = logging.getLogger(__name__)

# Rows read per writer commit: Whoosh pays per commit (a new segment, maybe a merge), so
# batches are big; the articles of one batch are loaded in one query.
DRAIN_BATCH = 2000
# A row whose article failed to index this many times is left for a person to look at
# (``last_error``) instead of blocking every later drain.
MAX_ATTEMPTS = 5

_state = threading.local()


def enqueue(article_ids: Iterable[int], using: str | None = None) -> None:
    """Mark articles for (re)indexing, inside the caller's transaction.

    One upsert per id: a new row at version 1, or the existing row's version + 1.
    """
    ids = sorted({int(pk) for pk in article_ids if pk is not None})
    if not ids:
        return
    alias = using or router.db_for_write(PendingIndexUpdate)
    connection = db_connections[alias]
    quote = connection.ops.quote_name
    table = quote(PendingIndexUpdate._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Plain SQL because the ORM's upsert cannot say "version = version + 1"; this
    # ON CONFLICT form is the same on SQLite (3.24+) and PostgreSQL.
    sql = (
        f"INSERT INTO {table} ({quote('article_id')}, {quote('version')}, {quote('queued_at')},"
        f" {quote('attempts')}, {quote('last_error')}) VALUES (%s, 1, %s, 0, '')"
        f" ON CONFLICT ({quote('article_id')}) DO UPDATE SET"
        f" {quote('version')} = {table}.{quote('version')} + 1,"
        f" {quote('queued_at')} = excluded.{quote('queued_at')},"
        f" {quote('attempts')} = 0, {quote('last_error')} = ''"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(pk, now) for pk in ids])


def pending_count() -> int:
    return PendingIndexUpdate.objects.count()


def drain(limit: int | None = None) -> int:
    """Bring the index up to date with the queue; return how many articles were written.

    Safe to call from several processes at once: each batch is read, written and committed
    while holding the index's write lock (the search backend's ``batch_writer``), and rows
    are deleted only if nobody re-queued them meanwhile.
    """
    backend = search_connections["default"].get_backend()
    index = search_connections["default"].get_unified_index().get_index(Article)
    done = 0
    seen_empty = False
    while limit is None or done < limit:
        size = DRAIN_BATCH if limit is None else min(DRAIN_BATCH, limit - done)
        written, fetched = _drain_batch(backend, index, size)
        done += written
        if fetched < size or written == 0:
            if seen_empty or fetched == 0:
                break
            # Rows re-queued during this batch: one more pass, then stop.
            seen_empty = True
    return done


def _drain_batch(backend, index, size: int) -> tuple[int, int]:
    queue = PendingIndexUpdate.objects.filter(attempts__lt=MAX_ATTEMPTS)
    if not queue.exists():
        # Cheap exit without touching the index lock: most on_commit drains land here.
        return 0, 0
    with _batch_writer(backend) as write:
        # Read the queue and the articles only once the lock is held, so the writer that
        # commits last has read the newest rows.
        rows = list(queue.order_by("queued_at", "id").values_list("article_id", "version")[:size])
        if not rows:
            return 0, 0
        ids = [article_id for article_id, _ in rows]
        articles = {a.pk: a for a in index.index_queryset().filter(pk__in=ids)}
        gone = [pk for pk in ids if pk not in articles]
        failures = write(index, list(articles.values()), gone) or {}
    _forget(rows, failures)
    _record_failures(failures)
    return len(rows) - len(failures), len(rows)


@contextlib.contextmanager
def _batch_writer(backend):
    """The backend's locked one-commit writer, or a plain update/remove for other engines."""
    batch_writer = getattr(backend, "batch_writer", None)
    if batch_writer is not None:
        with batch_writer() as write:
            yield write
        return

    def write(index, objects, gone_ids):
        if objects:
            backend.update(index, objects)
        for pk in gone_ids:
            backend.remove(f"articles.article.{pk}")
        return {}

    yield write


def _forget(rows, failures) -> None:
    by_version = defaultdict(list)
    for article_id, version in rows:
        if article_id not in failures:
            by_version[version].append(article_id)
    for version, ids in by_version.items():
        for start in range(0, len(ids), 500):
            PendingIndexUpdate.objects.filter(
                article_id__in=ids[start : start + 500], version=version
            ).delete()


def _record_failures(failures: dict) -> None:
    for article_id, error in failures.items():
        log.error("Indexing article %s failed: %s", article_id, error)
        row = PendingIndexUpdate.objects.filter(article_id=article_id)
        row.update(attempts=F("attempts") + 1, last_error=str(error)[:2000])


def drain_is_deferred() -> bool:
    return getattr(_state, "deferred", 0) > 0


@contextlib.contextmanager
def deferred_indexing():
    """For bulk imports: commits inside do not drain; one drain runs on the way out.

    Saves still enqueue (in their own transactions), so an import that dies half-way
    leaves its committed articles queued, and the next drain indexes them.
    """
    _state.deferred = getattr(_state, "deferred", 0) + 1
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        _state.deferred -= 1
        if _state.deferred == 0:
            try:
                drain()
            except Exception:
                if not failed:
                    raise
                log.exception("Draining the search queue after a failed import")


def schedule_drain(using: str | None = None) -> None:
    """Drain once the current transaction commits (at once in autocommit mode)."""
    if drain_is_deferred():
        return
    # Not deduplicated per transaction: a callback registered inside a savepoint that rolls
    # back is dropped with it. Extra drains cost one EXISTS query each.
    transaction.on_commit(
        drain_after_commit, using=using or router.db_for_write(PendingIndexUpdate)
    )


def drain_after_commit() -> None:
    # The save has committed; a failing index must not turn it into an error page. The
    # rows stay queued and the next drain (or `update_index`) retries.
    try:
        drain()
    except Exception:
        log.exception("Draining the search queue after a commit")
