"""Character bigrams beside the jieba words: the recall guarantee.

The word field holds what jieba cut with the dictionary of the day, so a string is found
only where the document was cut the same way: ``市民周建设说`` was indexed 市民/周/建设/说,
and once 周建设 became a name the query ``周建设`` was one word the index never had; a
substring that cuts through words (``究生`` in 研究生命) never was either. The ``grams``
field holds every overlapping pair of Chinese characters (the CJK bigram approach of Lucene
and Elasticsearch), positioned at its character offset, so any run of two or more Chinese
characters is a phrase of pairs at consecutive offsets, whatever the dictionary was when the
article was indexed or is now. Pairs never span anything but Chinese characters.

The word field still decides the ranking: a query matches a document by words or by pairs
(:class:`Recall`), and a document matching by words always ranks above one found by pairs
alone (see :mod:`articles.search.evaluate`).
"""

import re

from whoosh import query as wq

from articles.search.analyzer import OffsetTokenizer
from articles.search.phrase import FieldText
from articles.search.whoosh_private.codec import CompactOffsets

FIELD = "grams"
# The ranges of chars.is_han, as a pattern (a loop over every character in Python was most
# of the time spent making pairs).
_HAN_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
_HAN_RUN_2 = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]{2,}")


def han_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of Chinese characters."""
    return [m.span() for m in _HAN_RUN.finditer(text)]


def bigrams(text: str) -> list[tuple[str, int, int]]:
    """(pair, start, end) of every pair of adjacent Chinese characters, in start order."""
    found = []
    for m in _HAN_RUN_2.finditer(text):
        start, end = m.span()
        found.extend((text[i : i + 2], i, i + 2) for i in range(start, end - 1))
    return found


def field_format():
    """Positions of the pairs, two bytes each where they fit (see codec.CompactOffsets)."""
    return CompactOffsets()


class BigramTokenizer(OffsetTokenizer):
    """Whoosh tokenizer for the ``grams`` field; positions are character offsets (so the
    pairs of one run sit at consecutive positions and Whoosh's own ``Phrase`` matches them)."""

    def words(self, value: str) -> list[tuple[str, int, int]]:
        """What :class:`~articles.search.whoosh_private.codec.OffsetPositions` indexes
        straight from."""
        return bigrams(value)


class GramPhrase(FieldText):
    """A run of two or more Chinese characters, as pairs at consecutive offsets.

    ``pairs`` is a covering subset, (pair, offset in the run): every other pair from the
    start, and the last one. Each occurrence of a pair fixes two characters, so those at
    the right distances from one origin fix the whole run."""

    def __init__(self, text: str, fieldname: str = FIELD, boost: float = 1.0):
        if len(text) < 2:
            raise ValueError("a gram phrase needs two characters")
        self.text = text
        self.fieldname = fieldname
        self.boost = boost
        offsets = sorted({*range(0, len(text) - 1, 2), len(text) - 2})
        self.pairs = [(text[i : i + 2], i) for i in offsets]

    def __repr__(self):
        return f"GramPhrase({self.text!r})"

    def terms(self, phrases=False):
        for pair, _ in self.pairs:
            yield (self.fieldname, pair)

    def as_phrase(self) -> wq.Query:
        """The same test as Whoosh's own query (its matchers, any other code walking it)."""
        if len(self.text) == 2:
            return wq.Term(self.fieldname, self.text, boost=self.boost)
        pairs = [self.text[i : i + 2] for i in range(len(self.text) - 1)]
        return wq.Phrase(self.fieldname, pairs, slop=1, boost=self.boost)

    def estimate_size(self, ixreader):
        return self.as_phrase().estimate_size(ixreader)

    def estimate_min_size(self, ixreader):
        return 0

    def matcher(self, searcher, context=None):
        return self.as_phrase().matcher(searcher, context)


class Recall(wq.Or):
    """``Recall([precise, fallback])``: the words, or the same text by character pairs.

    For Whoosh's own matchers this is a plain Or; the one-pass evaluation ranks every
    document ``precise`` matches above those only ``fallback`` matches. (The list
    signature is Or's, so Whoosh's normalize() and accept() can rebuild it.)"""

    @property
    def precise(self):
        return self.subqueries[0]

    @property
    def fallback(self):
        return self.subqueries[-1]


class Checked(wq.AndMaybe):
    """``Checked(pairs, words)``: a run of Chinese characters as an exact phrase, found by
    its pairs alone (complete and exact, whatever the dictionary), the documents that also
    hold its words ranked first. Whoosh's own matchers read it as the AndMaybe it is."""

    @property
    def pairs(self):
        return self.a

    @property
    def words(self):
        return self.b


def by_pairs(text: str, word_query) -> wq.Query | None:
    """``text`` found by character pairs: each run of two or more Chinese characters as a
    :class:`GramPhrase`, anything else (a lone Chinese character, Latin letters, digits)
    by ``word_query(word)`` over the analyzer's words outside those runs. ``None`` when
    ``text`` holds no run of two Chinese characters (the words are all there is)."""
    from articles.search.analyzer import tokenize

    runs = [(s, e) for s, e in han_runs(text) if e - s >= 2]
    if not runs:
        return None
    parts = [GramPhrase(text[s:e]) for s, e in runs]
    for word, start, end in tokenize(text, mode="default"):
        if not any(s <= start and end <= e for s, e in runs):
            parts.append(word_query(word))
    return parts[0] if len(parts) == 1 else wq.And(parts)
