"""The search page's query evaluated straight from a segment's postings, in one pass.

Whoosh answers a query through a tree of matchers that steps document by document in
Python, and the page needed that walk twice (``docs_for_query`` for the total, facets and
timeline, then ``Searcher.search`` to score the top results). Here each term's posting list
is read whole, a block at a time (ids, weights and position values are arrays pickled
per block, read at C speed), and the query's And/Or/AndNot/AndMaybe become set operations;
a relevance search scores every match with the searcher's own BM25F figures (idf, average
field length, B, K1 and each document's stored field length), so the ranking is Whoosh's.

Phrases are checked last and only on the documents every other part of the query left, and
by the words' positions, read only for those documents.

Only the query forms :meth:`articles.search.query.SearchSpec.whoosh_query` builds are
handled (a test builds each of them); :func:`evaluate` raises :class:`Unsupported` for
anything else, and the search service then answers through haystack's ``SearchQuerySet``
(:mod:`articles.search.generic`).
"""

import threading
from array import array
from bisect import bisect_left
from math import log

from whoosh import query as wq
from whoosh.scoring import BM25FScorer, WeightScorer

from articles.search.budget import checked
from articles.search.chars import CharTerm, words_with
from articles.search.grams import Checked, GramPhrase, Recall
from articles.search.phrase import CharPhrase, tiles_somewhere
from articles.search.ranking import ArchiveScorer, length_prior
from articles.search.results import Unsupported
from articles.search.whoosh_private.codec import decode_offsets
from articles.search.whoosh_private.postings import (
    deleted_docs,
    field_lengths,
    read_postings,
    values_for,
)

# Added to a document's score for each query word or phrase its jieba words match; a match
# by character pairs alone scores below 1 (see _recall). BM25 scores of one word stay far
# below this, so a precise match always ranks above a match by pairs alone.
PRECISE = 1000.0

_norm_cache: dict[tuple, tuple[tuple, array]] = {}
_norm_lock = threading.Lock()


class Leaf:
    """One segment: its reader, the top-level searcher (global statistics) and a
    per-query cache of posting lists. ``shared`` is one dict for all the leaves of a query
    (see :func:`leaves`), for figures that need every segment."""

    def __init__(self, searcher, leaf_searcher, key, shared=None):
        self.searcher = searcher
        self.leaf_searcher = leaf_searcher
        self.reader = leaf_searcher.reader()
        self.key = key
        self.deleted = deleted_docs(self.reader)
        self._postings = {}
        self.shared = shared if shared is not None else {"leaves": [self]}

    def postings(self, fieldname, text, values=False):
        """(ids, weights, values) of a term in this segment, deleted documents out; the
        values (positions) only when asked for, else ``None``."""
        cached = self._postings.get((fieldname, text))
        if cached is not None and (cached[2] is not None or not values):
            return cached
        found = read_postings(self.reader, fieldname, text, values)
        if self.deleted and found[0]:
            found = _without(found, self.deleted)
        self._postings[(fieldname, text)] = found
        return found

    def all_docs(self):
        return set(self.reader.all_doc_ids())

    def norms(self, fieldname, scorer):
        """Per document ``K1 * ((1 - B) + B * length / avglength)``: BM25's length part.

        Kept per segment and field, replaced when a commit changes the average length
        (one array of doubles per segment and field, not one per commit)."""
        key = (self.key, fieldname)
        stats = (scorer.avgfl, scorer.B, scorer.K1)
        cached = _norm_cache.get(key)
        if cached is not None and cached[0] == stats:
            return cached[1]
        lengths = field_lengths(self.reader, fieldname)
        avg, b, k1 = stats
        norms = array("d", [k1 * ((1 - b) + b * length / avg) for length in lengths])
        with _norm_lock:
            if len(_norm_cache) > 256:  # merged-away segments: start over
                _norm_cache.clear()
            _norm_cache[key] = (stats, norms)
        return norms

    def priors(self, fieldname):
        """Per document :func:`~articles.search.ranking.length_prior` of the field's length
        (the segment's lengths never change: kept as long as the segment)."""
        key = (self.key, fieldname, "prior")
        cached = _norm_cache.get(key)
        if cached is not None:
            return cached[1]
        priors = array("d", map(length_prior, field_lengths(self.reader, fieldname)))
        with _norm_lock:
            _norm_cache[key] = (None, priors)
        return priors


def _bm25(leaf, fieldname, scorer, frequencies, bonus=0.0) -> dict:
    """docnum → BM25F score (the searcher's own scorer's figures) of ``(docnum, tf)``
    pairs, with the archive's length prior where its scorer applies one, plus ``bonus``."""
    norms = leaf.norms(fieldname, scorer)
    c = scorer.idf * (scorer.K1 + 1)
    if isinstance(scorer, ArchiveScorer):
        priors = leaf.priors(fieldname)
        return {d: bonus + c * w / (w + norms[d]) * priors[d] for d, w in frequencies}
    return {d: bonus + c * w / (w + norms[d]) for d, w in frequencies}


def leaves(searcher, key_of) -> list[Leaf]:
    """A :class:`Leaf` per segment of ``searcher``, sharing one per-query dict;
    ``key_of(reader)`` names a segment for the caches."""
    shared = {}
    found = [Leaf(searcher, s, key_of(s.reader()), shared) for s, _ in searcher.leaf_searchers()]
    shared["leaves"] = found
    return found


def evaluate(query, leaf: Leaf, scored: bool, limit: int | None = None):
    """Matching local docnums of one segment: a dict docnum → score when ``scored``,
    else a set.

    ``limit``: when the whole query is one character (alone or with its headline boost), its
    words are read most frequent first and reading stops once ``limit`` documents match;
    a run of characters checked by its pairs' positions stops once ``limit`` documents hold
    it (the latest first). The result is then a part of the matches, and
    ``leaf.shared["incomplete"]`` says so. (A common character such as 人 is held by
    thousands of words and most documents; a common phrase has tens of thousands of
    candidates whose positions would each be read.)"""
    if limit is not None:
        inner = query.a if isinstance(query, wq.AndMaybe) else query
        if isinstance(inner, CharTerm):
            leaf.shared["char_limit"] = (inner, limit)
        if not _excludes(query):
            # Where no part of the query is subtracted, a part of a phrase's matches is a
            # part of the query's.
            leaf.shared["verify_limit"] = limit
    return _eval(query, leaf, scored, None)


def _excludes(query) -> bool:
    if isinstance(query, (wq.Not, wq.AndNot)):
        return True
    return any(_excludes(sub) for sub in query.children())


def _eval(q, leaf, scored, within, skip=None):
    """``within``: when not None, only these documents can matter (narrows phrase checks);
    ``skip``: documents whose answer does not matter (phrases need not check them; the
    result may or may not hold them)."""
    if isinstance(q, wq.Term):
        if q.boost != 1.0:
            raise Unsupported(q)
        return _term(leaf, q.fieldname, q.text, scored, only=within if scored else None)
    if isinstance(q, CharPhrase):
        return _phrase(leaf, q, scored, within)
    if isinstance(q, GramPhrase):
        return _gram_phrase(leaf, q, scored, within, skip)
    if isinstance(q, Recall):
        return _recall(leaf, q, scored, within)
    if isinstance(q, Checked):
        return _checked(leaf, q, scored, within, skip)
    if isinstance(q, CharTerm):
        if q.boost != 1.0:
            raise Unsupported(q)
        return _char_term(leaf, q.fieldname, q.char, scored, within)
    if isinstance(q, wq.And):
        return _and(q.subqueries, leaf, scored, within, skip)
    if isinstance(q, wq.Or):
        if q.boost != 1.0 or q.scale or q.minmatch:
            raise Unsupported(q)
        parts = [_eval(sub, leaf, scored, within, skip) for sub in q.subqueries]
        return _union(parts, scored)
    if isinstance(q, wq.AndNot):
        found = _eval(q.a, leaf, scored, within)
        if not found:
            return found
        gone = _eval(q.b, leaf, False, set(found))
        if scored:
            return {d: s for d, s in found.items() if d not in gone}
        return found - gone
    if isinstance(q, wq.AndMaybe):
        found = _eval(q.a, leaf, scored, within)
        if not scored or not found:
            return found
        # The keys view is set-like: no copy of a common word's matches.
        extra = _eval(q.b, leaf, True, found.keys())
        for d, s in extra.items():
            if d in found:
                found[d] += s
        return found
    if isinstance(q, wq.Not):
        gone = _eval(q.query, leaf, False, within)
        docs = leaf.all_docs() if within is None else set(within)
        docs -= gone
        return dict.fromkeys(docs, 0.0) if scored else docs
    if isinstance(q, wq.Every) and not q.fieldname:
        docs = leaf.all_docs()
        return dict.fromkeys(docs, 1.0) if scored else docs
    if q is wq.NullQuery:
        return {} if scored else set()
    raise Unsupported(q)


def _and(subqueries, leaf, scored, within, skip=None):
    # Words first, unscored (set intersections in C), the rarest first; phrases last, checked
    # only where everything else matched; then each word scored on the survivors alone, so a
    # common word with a rare one costs its postings' ids, not a score per posting.
    plain = [q for q in subqueries if not isinstance(q, (CharPhrase, GramPhrase, Checked))]
    phrases = [q for q in subqueries if isinstance(q, (CharPhrase, GramPhrase, Checked))]
    sets = sorted((_eval(q, leaf, False, within, skip) for q in plain), key=len)
    if sets and not sets[0]:
        return {} if scored else set()
    if sets:
        keys = set(sets[0]).intersection(*sets[1:])
        if within is not None:
            keys &= within
    else:
        keys = within
    scored_phrases = []
    for phrase in phrases:
        if isinstance(phrase, GramPhrase):
            part = _gram_phrase(leaf, phrase, scored, keys, skip)
        elif isinstance(phrase, Checked):
            part = _checked(leaf, phrase, scored, keys, skip)
        else:
            part = _phrase(leaf, phrase, scored, keys)
        scored_phrases.append(part)
        keys = set(part) if keys is None else keys.intersection(part)
        if not keys:
            break
    if keys is None:  # an empty And matches nothing (as Whoosh's)
        return {} if scored else set()
    if not scored:
        return keys
    parts = [_eval(q, leaf, True, keys, skip) for q in plain] + scored_phrases
    if len(parts) == 1:
        only = parts[0]
        return only if len(keys) == len(only) else {d: only[d] for d in keys}
    return {d: sum(part.get(d, 0.0) for part in parts) for d in keys}


def _union(parts, scored):
    if not scored:
        return set().union(*parts)
    merged = {}
    for part in parts:
        for d, s in part.items():
            merged[d] = merged.get(d, 0.0) + s
    return merged


def _recall(leaf, q: Recall, scored, within):
    """Documents the words match, then those only the character pairs match (checked only
    where the words did not match): the first scored ``PRECISE`` higher."""
    covers = _covers_the_string(leaf, q)
    if covers and scored and isinstance(q.precise, wq.Term) and q.precise.boost == 1.0:
        # The common case, one word that is the whole string: scored in one pass.
        p = q.precise
        return _term(leaf, p.fieldname, p.text, True, only=within, bonus=PRECISE)
    precise = _eval(q.precise, leaf, scored, within)
    if covers:
        return {d: PRECISE + s for d, s in precise.items()} if scored else precise
    fallback = _eval(q.fallback, leaf, False, within, skip=precise)
    fallback = fallback - set(precise)
    if not scored:
        return precise | fallback
    found = {d: PRECISE + s for d, s in precise.items()}
    if fallback:
        # By pairs alone: BM25 over the pairs, squashed below 1.
        pairs = _pair_scores(leaf, q.fallback, fallback)
        for d in fallback:
            s = pairs.get(d, 0.0)
            found[d] = s / (s + 1.0)
    return found


def _checked(leaf, q: Checked, scored, within, skip):
    """The documents holding the pairs in a row; scored, those with the words too rank
    first (as :func:`_recall` ranks them)."""
    found = _gram_phrase(leaf, q.pairs, False, within, skip)
    if not scored:
        return found
    if not found:
        return {}
    precise = _eval(q.words, leaf, True, found)
    scores = {d: PRECISE + s for d, s in precise.items() if d in found}
    rest = found - scores.keys()
    if rest:
        pairs = _pair_scores(leaf, q.pairs, rest)
        for d in rest:
            s = pairs.get(d, 0.0)
            scores[d] = s / (s + 1.0)
    return scores


def _covers_the_string(leaf, q: Recall) -> bool:
    """Whether the word alone finds every document holding the string, so the pairs need
    not be read: the query is one word, the whole string, so the documents with the word are
    among those with the string, which are among those with its rarest pair; as many of the
    first as of the last means all three are the same (counts from the term index)."""
    precise, fallback = q.precise, q.fallback
    if not (isinstance(precise, wq.Term) and isinstance(fallback, GramPhrase)):
        return False
    if precise.text != fallback.text.lower():
        return False
    reader = leaf.reader
    word = (precise.fieldname, precise.text.encode("utf-8"))
    if word not in reader:
        return False
    pairs = [(fallback.fieldname, pair.encode("utf-8")) for pair, _ in fallback.pairs]
    if any(pair not in reader for pair in pairs):
        return True  # no document holds the string
    fewest = min(reader.doc_frequency(*pair) for pair in pairs)
    return reader.doc_frequency(*word) >= fewest


def _pair_scores(leaf, q, docs) -> dict:
    scores = dict.fromkeys(docs, 0.0)
    for fieldname, text in q.terms():
        if isinstance(text, str):
            for d, s in _term(leaf, fieldname, text, True, only=docs).items():
                scores[d] += s
    return scores


def _gram_phrase(leaf, q: GramPhrase, scored, within, skip=None):
    """Documents holding the pairs at consecutive offsets from one origin (every pair of the
    covering subset at its distance); ``skip``: documents not to check."""
    fieldname = q.fieldname
    reader = leaf.reader
    present = {}
    for pair, _ in q.pairs:
        btext = pair.encode("utf-8")
        if fieldname not in reader.schema or (fieldname, btext) not in reader:
            return {} if scored else set()
        present[pair] = btext
    by_size = sorted(present, key=lambda p: len(leaf.postings(fieldname, present[p])[0]))
    candidates = set(leaf.postings(fieldname, present[by_size[0]])[0])
    if within is not None:
        candidates &= within
    if skip:
        candidates.difference_update(skip)
    for pair in by_size[1:]:
        if not candidates:
            break
        candidates.intersection_update(leaf.postings(fieldname, present[pair])[0])
    if not candidates:
        return {} if scored else set()
    if len(q.pairs) > 1:
        tiling = [tuple(q.pairs)]
        limit = leaf.shared.get("verify_limit")
        if limit and len(candidates) > limit:
            # Positions read and checked a chunk at a time, the latest documents first,
            # until `limit` hold the run: the rest are left unchecked (and the result is
            # said to be a part, see evaluate()).
            ordered = sorted(candidates, reverse=True)
            candidates = set()
            for start in range(0, len(ordered), limit):
                chunk = set(ordered[start : start + limit])
                candidates |= _holding(reader, fieldname, present, tiling, chunk)
                if len(candidates) >= limit and start + limit < len(ordered):
                    leaf.shared["incomplete"] = True
                    break
        else:
            candidates = _holding(reader, fieldname, present, tiling, candidates)
    if not scored:
        return candidates
    return _pair_scores(leaf, q, candidates)


def _holding(reader, fieldname, present, tiling, candidates) -> set:
    """The candidates whose pair positions hold the tiling."""
    values = {
        pair: values_for(reader, fieldname, btext, candidates) for pair, btext in present.items()
    }
    return {d for d in checked(candidates) if _holds_a_tiling(tiling, values, d)}


def _term(leaf, fieldname, text, scored, only=None, bonus=0.0):
    """A word's documents; scored, BM25 plus ``bonus`` (added in the same pass)."""
    reader = leaf.reader
    if fieldname not in reader.schema:
        return {} if scored else set()
    field = reader.schema[fieldname]
    try:
        btext = field.to_bytes(text)
    except ValueError:
        return {} if scored else set()
    if (fieldname, btext) not in reader:
        return {} if scored else set()
    ids, weights, _ = leaf.postings(fieldname, btext)
    if not scored:
        return set(ids)
    pairs = zip(ids, weights, strict=True) if only is None else _restricted(ids, weights, only)
    scorer = leaf.searcher.weighting.scorer(leaf.leaf_searcher, fieldname, btext)
    if isinstance(scorer, BM25FScorer):
        return _bm25(leaf, fieldname, scorer, pairs, bonus)
    if isinstance(scorer, WeightScorer):
        return {d: bonus + w for d, w in pairs} if bonus else dict(pairs)
    raise Unsupported(type(scorer))


def _restricted(ids, weights, only) -> list:
    """The (id, weight) postings of the documents in ``only``: by bisection in the sorted
    ids when ``only`` is much the smaller, else by one pass."""
    if len(only) * 16 < len(ids):
        found = []
        for d in sorted(only):
            i = bisect_left(ids, d)
            if i < len(ids) and ids[i] == d:
                found.append((d, weights[i]))
        return found
    return [(d, w) for d, w in zip(ids, weights, strict=True) if d in only]


def _char_term(leaf, fieldname, char, scored, within=None):
    """Every word holding ``char``, scored as one word: its frequency in a document is the
    sum of theirs, its document frequency the number of documents holding any of them
    (over all segments), so BM25 ranks it like any other word."""
    tf = _char_frequencies(leaf, fieldname, char, _limit_for(leaf, fieldname, char))
    if not scored:
        return set(tf)
    if not tf:
        return {}
    words = words_with(leaf.reader, leaf.key, fieldname, char)
    scorer = leaf.searcher.weighting.scorer(leaf.leaf_searcher, fieldname, words[0])
    if isinstance(scorer, WeightScorer):
        return tf
    if not isinstance(scorer, BM25FScorer):
        raise Unsupported(type(scorer))
    key = ("char-df", fieldname, char)
    df = leaf.shared.get(key)
    if df is None:
        limit = _limit_for(leaf, fieldname, char)
        df = sum(
            len(_char_frequencies(other, fieldname, char, limit)) for other in leaf.shared["leaves"]
        )
        leaf.shared[key] = df
    parent = leaf.searcher.get_parent()
    scorer.idf = log(parent.doc_count_all() / (df + 1)) + 1  # Whoosh's WeightingModel.idf
    pairs = tf.items() if within is None else ((d, tf[d]) for d in within if d in tf)
    return _bm25(leaf, fieldname, scorer, pairs)


def _limit_for(leaf, fieldname, char) -> int | None:
    # The same character in the headline only adds to the scores of what the text matched:
    # it stops at the same count.
    limit = leaf.shared.get("char_limit")
    if limit is None:
        return None
    query, count = limit
    return count if query.char == char else None


def _char_frequencies(leaf, fieldname, char, limit=None) -> dict:
    """Document → summed frequency of the segment's words holding ``char``; with ``limit``,
    of its most frequent words, until that many documents are found."""
    key = ("char", fieldname, char)
    tf = leaf._postings.get(key)
    if tf is None:
        tf = {}
        words = words_with(leaf.reader, leaf.key, fieldname, char, by_frequency=bool(limit))
        for word in words:
            if limit and len(tf) >= limit:
                leaf.shared["incomplete"] = True
                break
            ids, weights, _ = leaf.postings(fieldname, word)
            for d, w in zip(ids, weights, strict=True):
                tf[d] = tf.get(d, 0.0) + w
        leaf._postings[key] = tf
    return tf


def _phrase(leaf, phrase: CharPhrase, scored, within):
    words = sorted({w for w, _, _ in phrase.edges})
    fieldname = phrase.fieldname
    reader = leaf.reader
    present = {}
    for word in words:
        btext = word.encode("utf-8")
        if (fieldname, btext) in reader:
            present[word] = btext
    starts = {w for w, s, _ in phrase.edges if s == phrase.first and w in present}
    ends = {w for w, _, e in phrase.edges if e == phrase.last and w in present}
    if not starts or not ends:
        return {} if scored else set()

    def ids_of(word):
        return leaf.postings(fieldname, present[word])[0]

    candidates = set().union(*(ids_of(w) for w in starts))
    candidates &= set().union(*(ids_of(w) for w in ends))
    if within is not None:
        candidates &= within
    if not candidates:
        return {} if scored else set()
    # Position values of the candidates only, decoded per document and word when needed.
    values = {}
    for word, btext in present.items():
        ids, _, vals = leaf.postings(fieldname, btext, values=True)
        values[word] = {d: v for d, v in zip(ids, vals, strict=True) if d in candidates}
    tilings = phrase.tilings()
    if tilings is None:
        matched = {d for d in checked(candidates) if _tiles_by_offsets(phrase, values, d)}
    else:
        tilings = [t for t in tilings if all(word in present for word, _ in t)]
        matched = {d for d in checked(candidates) if _holds_a_tiling(tilings, values, d)}
    if not scored:
        return matched
    # Scored by the phrase's words, as the verified documents hold them (Whoosh's Or of
    # the words, which is what the phrase's relevance was before).
    scores = dict.fromkeys(matched, 0.0)
    for word in present:
        for d, s in _term(leaf, fieldname, word, True, only=matched).items():
            scores[d] += s
    return scores


def _holds_a_tiling(tilings, values, d) -> bool:
    """Whether, in document ``d``, every word of one tiling occurs at the same distance
    from one origin (set intersections of the shifted offsets)."""
    shifted = {}
    for tiling in tilings:
        common = None
        for word, q in tiling:
            key = (word, q)
            offsets = shifted.get(key)
            if offsets is None:
                v = values[word].get(d)
                offsets = {p - q for p in decode_offsets(v)} if v is not None else set()
                shifted[key] = offsets
            common = offsets if common is None else common & offsets
            if not common:
                break
        if common:
            return True
    return False


def _tiles_by_offsets(phrase, values, d) -> bool:
    chars = {}
    for word, by_doc in values.items():
        v = by_doc.get(d)
        if v is not None:
            n = len(word)
            chars[word] = {p: p + n for p in decode_offsets(v)}
    return tiles_somewhere(phrase, chars)


def _without(found, deleted: frozenset):
    """The postings ``(ids, weights, values)`` less the deleted documents' entries.

    A segment usually has a few deletions (each edit deletes the old copy) against posting
    lists of thousands: find those few by bisection in the sorted ids rather than test every
    posting (which was a sixth of a common word's search at 70k)."""
    ids = found[0]
    if len(deleted) * 16 > len(ids):
        keep = [i for i, d in enumerate(ids) if d not in deleted]
        return tuple(None if c is None else [c[i] for i in keep] for c in found)
    gone = []
    for d in deleted:
        i = bisect_left(ids, d)
        if i < len(ids) and ids[i] == d:
            gone.append(i)
    if not gone:
        return found
    columns = tuple(None if column is None else list(column) for column in found)
    for i in sorted(gone, reverse=True):
        for column in columns:
            if column is not None:
                del column[i]
    return columns
