"""Haystack's Whoosh backend with a Chinese analyzer, a kept-open searcher and fast writes.

Only what must change is overridden:

- schema: every TEXT field uses the one jieba analyzer (haystack would fall back to an
  English stemmer) and its positions are character offsets (exact phrases); no spelling field (it
  re-analyses every document); the body text is not stored (views read the database);
  ``django_id`` and the kind and day fields the ``SearchIndex`` names (:class:`FieldRoles`)
  get columns so results and facets are read without stored fields.
- writes: one locked writer per batch, retried while another process holds the lock, one
  commit per batch (:meth:`batch_writer`, used by the queue and by ``update_index``).
- reads: a searcher kept open per connection and refreshed only when the index changed;
  :meth:`search_articles` answers the search page in one pass over the matching document
  numbers: total, facets and the month timeline from per-segment arrays cached with the
  segment, the date range as a docnum filter (a Whoosh ``filter=`` date range is the
  largest single cost measured), relevance top-k from Whoosh's scorer.
- folder: the configured path's live version (:mod:`articles.search.index_folders`),
  checked before every search and write, so a rebuild's switch is followed at once.

Whatever touches Whoosh's or haystack's private API is in :mod:`articles.search.whoosh_private`.
"""

import atexit
import contextlib
import functools
import heapq
import logging
import os
import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from operator import itemgetter

from django.conf import settings
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier
from whoosh import query as wq
from whoosh.fields import ID as WHOOSH_ID
from whoosh.fields import KEYWORD, NUMERIC, TEXT
from whoosh.index import LockError
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from articles.search import grams, index_folders, ranking
from articles.search.analyzer import JiebaTokenizer, chinese_analyzer, ensure_user_dict
from articles.search.evaluate import evaluate
from articles.search.evaluate import leaves as evaluation_leaves
from articles.search.fields import FieldRoles, field_roles
from articles.search.phrase import CharPhrase, phrase_query
from articles.search.related import key_terms, related_query
from articles.search.results import RawHits
from articles.search.whoosh_private.codec import FastCodec, OffsetPositions
from articles.search.whoosh_private.haystack_values import index_value
from articles.search.whoosh_private.storage import MappedFileStorage
from articles.search.whoosh_private.writing import ParallelWriter, use_chunked_pool

log = logging.getLogger(__name__)

# Seconds to wait for another process's write lock, and how many times.
LOCK_TIMEOUT = 10.0
LOCK_RETRIES = 6
WRITER_LIMIT_MB = 256
# Processes writing a rebuild (each its own segment); one per core, at most two.
WRITER_PROCS = max(1, min(2, os.cpu_count() or 1))

# Per-segment arrays survive searcher refreshes: a segment's documents never change (only
# its deletions do, and deleted documents never match a query).
_segment_cache: dict[str, "SegmentData"] = {}
_segment_lock = threading.Lock()


@dataclass
class SegmentData:
    pks: list[int]
    days: list[int]
    kinds: list[str | None]
    months: list[int]  # year * 100 + month, 0 if unknown
    people: list[tuple[str, ...]] = field(default_factory=list)
    _day_keys: list[int] | None = None
    _day_order: tuple[array, list[int]] | None = None

    def day_keys(self) -> list[int]:
        """Per document one int ordering by (day, docnum): a heap key read in C."""
        if self._day_keys is None:
            self._day_keys = [day << 32 | d for d, day in enumerate(self.days)]
        return self._day_keys

    def day_order(self) -> tuple[array, list[int]]:
        """(docnums by day, their days): a date range is one slice of the first."""
        if self._day_order is None:
            keys = sorted(self.day_keys())
            self._day_order = (array("I", [k & 0xFFFFFFFF for k in keys]), [k >> 32 for k in keys])
        return self._day_order


class JiebaWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.include_spelling = False
        self._searcher = None
        # The configured path; the index itself is the version folder its pointer names
        # (articles/search/index_folders.py), or the path itself for a plain index.
        self.root = self.path
        self._pointer = None
        self._roles = None
        # A rebuild's open writer and how many articles went through it (see update()).
        self._rebuild = None

    @property
    def roles(self) -> FieldRoles:
        if self._roles is None:
            from haystack import connections

            unified = connections[self.connection_alias].get_unified_index()
            self._roles = field_roles(unified)
        return self._roles

    # --- schema ---------------------------------------------------------------------

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        roles = self.roles
        for field_class in fields.values():
            fieldname = field_class.index_fieldname
            current = schema[fieldname]
            if fieldname == roles.kind:
                replacement = WHOOSH_ID(stored=field_class.stored, sortable=True)
            elif fieldname == grams.FIELD:
                replacement = TEXT(analyzer=grams.BigramTokenizer(), stored=False, phrase=True)
                replacement.format = grams.field_format()
            elif fieldname == roles.day:
                replacement = NUMERIC(int, bits=32, stored=field_class.stored, sortable=True)
            elif isinstance(current, TEXT):
                replacement = TEXT(
                    analyzer=chinese_analyzer(),
                    stored=field_class.stored and fieldname != content_field_name,
                    field_boost=field_class.boost,
                    phrase=True,
                )
                replacement.format = OffsetPositions(field_boost=field_class.boost)
            elif isinstance(current, KEYWORD):
                replacement = KEYWORD(
                    stored=True, commas=True, scorable=True, field_boost=field_class.boost
                )
            else:
                continue
            schema.remove(fieldname)
            schema.add(fieldname, replacement)
        schema.remove(DJANGO_ID)
        schema.add(DJANGO_ID, WHOOSH_ID(stored=True, sortable=True))
        return content_field_name, schema

    def setup(self):
        if self.use_file_storage:
            self.path = str(index_folders.active_folder(self.root))
            self._pointer = index_folders.pointer_state(self.root)
        super().setup()
        if self.use_file_storage:
            # Segment files read through memory maps, without a copy
            # (see whoosh_private/storage.py).
            self.storage = MappedFileStorage(self.path)
            self.index = self.storage.open_index(schema=self.schema)
        self._searcher = None
        # Haystack's Exact("…") parses to Whoosh's Phrase, which needs consecutive positions;
        # ours are character offsets, so quoted text goes through CharPhrase instead.
        self.parser.phraseclass = functools.partial(_parsed_phrase, self.schema)

    def follow_pointer(self) -> bool:
        """Whether a rebuild switched the index to a new version folder since setup (one
        ``stat``); if so, set up again on the new folder (the old searcher is dropped)."""
        if not self.use_file_storage or not self.setup_complete:
            return False
        if index_folders.pointer_state(self.root) == self._pointer:
            return False
        self._searcher = None
        self.setup_complete = False
        self.setup()
        return True

    # --- writing --------------------------------------------------------------------

    def _writer(self, procs=1):
        if not self.setup_complete:
            self.setup()
        for attempt in range(LOCK_RETRIES):
            try:
                self.follow_pointer()
                self.index = self.index.refresh()
                options = {
                    "timeout": LOCK_TIMEOUT,
                    "delay": 0.05,
                    "codec": _codec(),
                    # Separate files, memory-mapped when read (a compound file's parts are
                    # copied into memory each time a reader opens: see whoosh_private/storage.py).
                    "compound": False,
                }
                if procs > 1:
                    # The pool limit is per process: the processes together stay in it.
                    writer = ParallelWriter(
                        self.index, procs=procs, limitmb=WRITER_LIMIT_MB // procs, **options
                    )
                else:
                    writer = use_chunked_pool(self.index.writer(limitmb=WRITER_LIMIT_MB, **options))
                if self.follow_pointer():
                    # A rebuild switched folders while this waited for the old folder's lock
                    # (the switch holds it): write into the new one instead.
                    writer.cancel()
                    continue
                return writer
            except LockError:
                log.warning("Search index locked by another writer (try %d)", attempt + 1)
                time.sleep(0.2 * (attempt + 1))
        raise LockError(f"Search index {self.path} stayed locked")

    @contextlib.contextmanager
    def batch_writer(self):
        """Hold the index write lock; yield ``write(index, objects, gone_pks) -> failures``.

        Everything written inside is committed once on exit (cancelled on error).
        """
        with self._locked_writer() as (writer, _):
            yield functools.partial(self._write, writer, fresh=False)

    @contextlib.contextmanager
    def _locked_writer(self):
        """(writer, fresh): ``fresh`` when the index was empty (a rebuild: no older copies
        to delete). Committed on exit, except a fresh writer, which :meth:`update` keeps
        open for the following batches."""
        self._finish_rebuild()
        ensure_user_dict()
        writer = self._writer()
        fresh = sum(segment.doc_count_all() for segment in writer.segments) == 0
        try:
            yield writer, fresh
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._searcher = None

    def _write(self, writer, index, objects, gone_pks=(), fresh=False):
        failures = {}
        # One searcher for the whole batch: update_document() would open a new reader
        # over every segment for each document (most of the write time).
        with writer.searcher() as searcher:
            for pk in gone_pks:
                writer.delete_by_term(ID, f"articles.article.{pk}", searcher=searcher)
            for obj in objects:
                if not fresh:  # a fresh index has no older copy to delete
                    writer.delete_by_term(ID, f"articles.article.{obj.pk}", searcher=searcher)
                try:
                    doc = index.full_prepare(obj)
                except SkipDocument:
                    continue
                except Exception as exc:  # one bad article must not block the batch
                    failures[obj.pk] = exc
                    continue
                doc = {key: index_value(self, value) for key, value in doc.items()}
                doc.pop("boost", None)
                writer.add_document(**doc)
        return failures

    def update(self, index, iterable, commit=True):
        """``update_index`` / ``rebuild_index``: one locked writer and one commit per batch.

        Into an empty index (after ``clear_index``, or a new one built beside the live
        one) every batch goes through one writer, committed once when all of the index
        queryset has been through it: per-batch commits made Whoosh merge segments,
        re-reading and re-writing every earlier posting (over half of rebuild time at 10k
        articles, measured). That writer analyses and writes in ``WRITER_PROCS`` processes,
        one segment each (:mod:`articles.search.whoosh_private.writing`). Any other use of
        the backend commits it first."""
        objects = list(iterable)
        if not objects:
            return
        if self._rebuild is None:
            ensure_user_dict()
            writer = self._writer(procs=WRITER_PROCS)
            if sum(segment.doc_count_all() for segment in writer.segments) == 0:
                self._rebuild = [writer, 0]
                atexit.register(self._finish_rebuild)
            else:
                writer.cancel()
        if self._rebuild is not None:
            writer = self._rebuild[0]
            try:
                failures = self._write(writer, index, objects, fresh=True)
            except BaseException:
                self._cancel_rebuild()
                raise
            self._rebuild[1] += len(objects)
            if self._rebuild[1] >= index.index_queryset().count():
                self._finish_rebuild()
        else:
            with self._locked_writer() as (writer, fresh):
                failures = self._write(writer, index, objects, fresh=fresh)
        if failures and not self.silently_fail:
            raise next(iter(failures.values()))
        for pk, exc in failures.items():
            log.error("Indexing article %s failed: %s", pk, exc)

    def _finish_rebuild(self):
        """Commit a rebuild's open writer (all batches in one new segment per process)."""
        rebuild, self._rebuild = self._rebuild, None
        if rebuild is not None:
            atexit.unregister(self._finish_rebuild)
            rebuild[0].commit()
            self._searcher = None

    def _cancel_rebuild(self):
        rebuild, self._rebuild = self._rebuild, None
        if rebuild is not None:
            atexit.unregister(self._finish_rebuild)
            rebuild[0].cancel()

    def remove(self, obj_or_string, commit=True):
        self._finish_rebuild()
        writer = self._writer()
        try:
            writer.delete_by_term(ID, get_identifier(obj_or_string))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._searcher = None

    def clear(self, models=None, commit=True):
        self._cancel_rebuild()
        super().clear(models=models, commit=commit)

    def delete_index(self):
        self._cancel_rebuild()
        self._close_searcher()
        super().delete_index()

    # --- reading --------------------------------------------------------------------

    def _close_searcher(self):
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None

    def searcher(self):
        """The open searcher, refreshed only if a commit happened since."""
        self._finish_rebuild()
        self.follow_pointer()
        if not self.setup_complete:
            self.setup()
        if self._searcher is None:
            self.index = self.index.refresh()
            self._searcher = self.index.searcher(weighting=ranking.weighting())
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
        return self._searcher

    def search_articles(self, spec) -> RawHits:
        """Answer one search page: ``spec`` is a :class:`articles.search.query.SearchSpec`."""
        ensure_user_dict()
        searcher = self.searcher()
        text_query = spec.whoosh_query(self.content_field_name, self.roles)
        leaves = [(self._segment_data(reader), offset) for reader, offset in self._leaves(searcher)]
        lo = spec.date_from.toordinal() if spec.date_from else None
        hi = spec.date_to.toordinal() if spec.date_to else None

        scored = text_query is not None and spec.sort == "relevance"
        cap = total_cap()
        per_leaf, scores, incomplete = self._matching(searcher, text_query, leaves, scored, cap)

        if lo is not None or hi is not None:
            low, high = lo or 0, hi or 10**7
            per_leaf = [
                (data, offset, _in_range(data, local, low, high))
                for data, offset, local in per_leaf
            ]
        total = sum(len(local) for _, _, local in per_leaf)
        # Past the cap, facets and the timeline come from an even sample of the matches,
        # scaled up: their cost stays that of `cap` documents whatever the total.
        step = -(-total // cap) if total > cap else 1
        people, kinds, months = Counter(), Counter(), Counter()
        taken = 0
        for data, _, local in per_leaf:
            sample = local[(-taken) % step :: step] if step > 1 else local
            taken += len(local)
            # map()/Counter keep the per-document work in C.
            months.update(map(data.months.__getitem__, sample))
            kinds.update(map(data.kinds.__getitem__, sample))
            people.update(chain.from_iterable(map(data.people.__getitem__, sample)))
        kinds.pop(None, None)
        months.pop(0, None)
        if step > 1:
            sampled = -(-total // step) or 1
            for counter in (people, kinds, months):
                for key, count in counter.items():
                    counter[key] = max(1, round(count * total / sampled))
        years = Counter()
        for month, count in months.items():
            years[month // 100] += count

        # Pages past the cap are not served (the total shows as "cap+"), so choosing the
        # top hits never costs more than a heap of `cap`.
        end = min(spec.page * spec.per_page, cap)
        if scored and scores is not None:
            filtered = lo is not None or hi is not None
            top = _top_scored(per_leaf, scores, end, filtered)
        elif scored:
            allowed = None
            scoring = text_query
            if spec.phrases:
                # The phrases were verified by the counting pass: score the survivors by
                # the phrase words alone instead of reading every position list again.
                scoring = text_query.accept(_phrase_words)
            if lo is not None or hi is not None or spec.phrases:
                allowed = {d + offset for _, offset, local in per_leaf for d in local}
            # optimize=False: Whoosh 2.7.4's block-quality skipping can loop forever
            # (whoosh issues #446/#461); under load it hung gunicorn workers until killed.
            results = searcher.search(scoring, limit=end, filter=allowed, optimize=False)
            top = [(hit.docnum, hit.score) for hit in results]
        else:
            top = [(d, None) for d in _top_dated(per_leaf, end, oldest=spec.sort == "oldest")]
        page = top[end - spec.per_page : end]
        return RawHits(
            total=min(total, cap),
            capped=total > cap or incomplete,
            hits=[(self._pk(leaves, d), score, self._people(searcher, d)) for d, score in page],
            people=sorted(people.items(), key=lambda kv: (-kv[1], kv[0])),
            years=sorted(years.items(), reverse=True),
            kinds=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
            months=sorted(((m // 100, m % 100), n) for m, n in months.items()),
        )

    def _matching(self, searcher, text_query, leaves, scored, cap):
        """([(data, offset, local docnums)] per segment, [docnum → score] per segment or
        None, whether the matches are only a part of them, at least ``cap``), from the
        postings in one pass (:mod:`articles.search.evaluate`). A query form it does not
        know raises :class:`~articles.search.results.Unsupported`, and the service answers
        through haystack's SearchQuerySet instead."""
        leaf_searchers = searcher.leaf_searchers()
        if text_query is None:
            return (
                [
                    (data, offset, list(s.reader().all_doc_ids()))
                    for (data, offset), (s, _) in zip(leaves, leaf_searchers, strict=True)
                ],
                None,
                False,
            )
        per_leaf, scores = [], []
        evaluated = evaluation_leaves(searcher, self._segment_key)
        for (data, offset), leaf in zip(leaves, evaluated, strict=True):
            found = evaluate(text_query, leaf, scored, limit=cap)
            per_leaf.append((data, offset, list(found)))
            scores.append(found)
        # One dict shared by every segment of the query (see evaluate.leaves).
        incomplete = bool(evaluated and evaluated[0].shared.get("incomplete"))
        return per_leaf, (scores if scored else None), incomplete

    def more_like_this(
        self,
        model_instance,
        additional_query_string=None,
        start_offset=0,
        end_offset=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        """Articles sharing the instance's key words (see :mod:`articles.search.related`),
        never the instance itself, in haystack's usual ``{"results", "hits"}`` shape."""
        from haystack import connections

        ensure_user_dict()
        searcher = self.searcher()
        fieldname = self.content_field_name
        index = (
            connections[self.connection_alias].get_unified_index().get_index(type(model_instance))
        )
        # The headline (boosted in the index) counts twice, as its words weigh twice there.
        parts = [index.fields[fieldname].prepare(model_instance) or ""]
        for name, index_field in index.fields.items():
            if name != fieldname and index_field.boost > 1 and not index_field.is_multivalued:
                parts.append(str(index_field.prepare(model_instance) or ""))
        query = related_query(fieldname, key_terms(searcher, fieldname, "\n".join(parts)))
        if query is None:
            return {"results": [], "hits": 0}
        query = wq.AndNot(query, wq.Term(ID, get_identifier(model_instance)))
        if additional_query_string and additional_query_string != "*":
            query = wq.And([query, self.parser.parse(str(additional_query_string))])
        limit = end_offset if end_offset else None
        # Ranked by plain BM25F: the damping of short texts (ranking.py) is about what a
        # reader looks for, and would push short articles on the same subject down.
        plain = Searcher(searcher.reader(), weighting=BM25F(), closereader=False)
        hits = plain.search(query, limit=limit, optimize=False)
        result_class = result_class or SearchResult
        app_label, model_name = model_instance._meta.app_label, model_instance._meta.model_name
        results = []
        for hit in list(hits)[start_offset:]:
            stored = hit.fields()
            results.append(
                result_class(app_label, model_name, stored.get(DJANGO_ID), hit.score or 0)
            )
        return {"results": results, "hits": len(hits)}

    def _people(self, searcher, docnum) -> list[str]:
        """Credited names in credit order, from the small stored fields (text is not
        stored)."""
        if not self.roles.people:
            return []
        value = searcher.stored_fields(docnum).get(self.roles.people) or ""
        return [name for name in value.split(",") if name]

    @staticmethod
    def _pk(leaves, docnum):
        for data, offset in reversed(leaves):
            if docnum >= offset:
                return data.pks[docnum - offset]
        return 0

    @staticmethod
    def _leaves(searcher):
        return [(s.reader(), offset) for s, offset in searcher.leaf_searchers()]

    def _segment_key(self, reader) -> str | None:
        segment = reader.segment() if hasattr(reader, "segment") else None
        return f"{self.path}:{segment.segment_id()}" if segment is not None else None

    def _segment_data(self, reader) -> SegmentData:
        key = self._segment_key(reader)
        if key and key in _segment_cache:
            return _segment_cache[key]
        if len(_segment_cache) > 200:  # merged-away segments: start over
            _segment_cache.clear()
        count = reader.doc_count_all()
        pks = [0] * count
        days = [0] * count
        kinds = [None] * count
        people = [()] * count
        roles = self.roles
        if count:
            if reader.has_column(DJANGO_ID):
                ids = reader.column_reader(DJANGO_ID, translate=True)
                pks = [int(v) if v else 0 for v in ids]
            if roles.day and reader.has_column(roles.day):
                days = list(reader.column_reader(roles.day, translate=True))
            if roles.kind and roles.kind in reader.schema:
                for term in reader.lexicon(roles.kind):
                    value = term.decode("utf-8")
                    for d in reader.postings(roles.kind, term).all_ids():
                        kinds[d] = value
            if roles.people and roles.people in reader.schema:
                collected = [[] for _ in range(count)]
                for term in reader.lexicon(roles.people):
                    name = term.decode("utf-8")
                    for d in reader.postings(roles.people, term).all_ids():
                        collected[d].append(name)
                people = [tuple(names) for names in collected]
        months = [0] * count
        for d, day in enumerate(days):
            if day > 0:
                value = date.fromordinal(day)
                months[d] = value.year * 100 + value.month
        data = SegmentData(pks=pks, days=days, kinds=kinds, months=months, people=people)
        if key:
            with _segment_lock:
                _segment_cache[key] = data
        return data


def total_cap() -> int:
    """Matches counted exactly up to this (as Elasticsearch's ``track_total_hits``)."""
    return max(1, settings.SEARCH_TOTAL_CAP)


def _in_range(data, local, low, high) -> list[int]:
    """The documents of ``local`` dated from ``low`` to ``high`` (day ordinals): tested one
    by one when they are few, else as the range's slice of the segment's day order
    intersected with them (both in C)."""
    days = data.days
    if len(local) * 8 < len(days):
        return [d for d in local if low <= days[d] <= high]
    order, ordered_days = data.day_order()
    inside = order[bisect_left(ordered_days, low) : bisect_right(ordered_days, high)]
    return list(set(local).intersection(inside))


def _top_scored(per_leaf, scores, end, filtered) -> list[tuple[int, float]]:
    """The ``end`` best (docnum, score), in Whoosh's order: score, then the lower document
    number. Chosen per segment by a heap keyed in C, so a common word's 100,000 matches cost
    no Python step each."""
    best = []
    for leaf_scores, (_, offset, local) in zip(scores, per_leaf, strict=True):
        if filtered:
            pairs = list(zip(local, map(leaf_scores.__getitem__, local), strict=True))
            values = [s for _, s in pairs]
        else:
            pairs, values = leaf_scores.items(), None
        top = heapq.nlargest(end, pairs, key=itemgetter(1))
        if len(top) == end:
            # Documents tied with the last one kept may have lower numbers: take them all.
            kth = top[-1][1]
            values = list(leaf_scores.values()) if values is None else values
            if values.count(kth) > sum(1 for _, s in top if s == kth):
                top = [(d, s) for d, s in top if s != kth] + [(d, s) for d, s in pairs if s == kth]
        best.extend((d + offset, s) for d, s in top)
    best.sort(key=lambda pair: (-pair[1], pair[0]))
    return best[:end]


def _top_dated(per_leaf, end, oldest) -> list[int]:
    """The ``end`` newest (or oldest) docnums; the same day: the later (earlier) number."""
    pick = heapq.nsmallest if oldest else heapq.nlargest
    best = []
    for data, offset, local in per_leaf:
        keys = data.day_keys()
        best.extend((data.days[d], d + offset) for d in pick(end, local, key=keys.__getitem__))
    return [d for _, d in pick(end, best)]


def _phrase_words(query):
    return query.any_word() if isinstance(query, CharPhrase) else query


def _parsed_phrase(schema, fieldname, words, slop=1, boost=1.0, char_ranges=None):
    """The query parser's phrase class: the words back at their character offsets, then
    :func:`~articles.search.phrase.phrase_query` on Chinese fields."""
    try:
        field_type = schema[fieldname]
    except KeyError:
        field_type = None
    spans = list(zip(words, char_ranges or [], strict=False))
    chinese = isinstance(field_type, TEXT) and isinstance(field_type.analyzer, JiebaTokenizer)
    if not chinese or not spans or any(start is None for _, (start, _) in spans):
        return wq.Phrase(fieldname, words, slop=slop, boost=boost, char_ranges=char_ranges)
    first = min(start for _, (start, _) in spans)
    chars = [" "] * (max(end for _, (_, end) in spans) - first)
    for word, (start, end) in spans:
        if end - start == len(word):
            chars[start - first : end - first] = word
    query = phrase_query(fieldname, "".join(chars).strip())
    if query is not wq.NullQuery:
        query.boost = boost
    return query


def _codec():
    # Posting blocks uncompressed by default: zlib was a tenth of indexing time, and reading
    # skips the decompression; the index grows by about a third (see docs/scaling.md).
    return FastCodec(compression=settings.SEARCH_INDEX_COMPRESSION)


class JiebaWhooshSearchQuery(WhooshSearchQuery):
    pass


class JiebaWhooshEngine(WhooshEngine):
    backend = JiebaWhooshSearchBackend
    query = JiebaWhooshSearchQuery
