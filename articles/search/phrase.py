"""Exact Chinese phrases on a jieba-tokenized field.

Whoosh's ``Phrase`` wants consecutive *positions*, but search-mode jieba emits overlapping
tokens (市委, 书记, 市委书记), so positions say nothing about adjacency. The index stores
each token's start character as its position instead; a phrase matches a document where its
tokens tile the phrase's characters end to end at the same offsets as in the phrase (any
of the overlapping tokens may be used, so a different segmentation in context still matches).
"""

import rjieba
from whoosh import query as wq
from whoosh.matching import NullMatcher

from articles.search.analyzer import is_word, tokenize
from articles.search.whoosh_private.spans import CharPhraseMatcher


def phrase_query(fieldname: str, text: str) -> wq.Query:
    """The query for ``"text"``: a term when the phrase is one token, else a CharPhrase."""
    edges = set(tokenize(text)) | set(tokenize(text, mode="default")) | _dictionary_words(text)
    if not edges:
        return wq.NullQuery
    first = min(start for _, start, _ in edges)
    last = max(end for _, _, end in edges)
    whole = [word for word, start, end in edges if start == first and end == last]
    if whole:
        return wq.Term(fieldname, whole[0])
    return CharPhrase(fieldname, text, sorted(edges))


def _dictionary_words(text: str) -> set[tuple[str, int, int]]:
    """Every dictionary word inside the phrase, wherever it is: the document may have cut
    its text differently (城中村改造 holds 中村, a phrase 中村改造 alone is cut 中/村/改造)."""
    lowered = text.lower()
    found = set()
    for word in set(rjieba.cut_all(text)):
        word = word.lower()
        if len(word) < 2 or not is_word(word):
            continue
        start = lowered.find(word)
        while start != -1:
            found.add((word, start, start + len(word)))
            start = lowered.find(word, start + 1)
    return found


class FieldText(wq.Query):
    """A query for one string (``text``) of one field, equal to another of its class for the
    same string and field; what it matches and its terms are the subclass's."""

    def __eq__(self, other):
        return (
            other.__class__ is self.__class__
            and other.fieldname == self.fieldname
            and other.text == self.text
        )

    def __hash__(self):
        return hash((self.fieldname, self.text))

    def field(self):
        return self.fieldname

    def has_terms(self):
        return True


class CharPhrase(FieldText):
    def __init__(self, fieldname, text, edges, boost=1.0):
        self.fieldname = fieldname
        self.text = text
        self.edges = sorted(set(edges), key=lambda e: (e[1], e[2]))
        self.boost = boost
        self.first = min(start for _, start, _ in self.edges)
        self.last = max(end for _, _, end in self.edges)
        # Characters the analyzer drops (spaces, punctuation) may be stepped over.
        self.skippable = {i for i, ch in enumerate(text) if not is_word(ch)}

    def __repr__(self):
        return f"CharPhrase({self.fieldname!r}, {self.text!r})"

    def terms(self, phrases=False):
        for word, _, _ in self.edges:
            yield (self.fieldname, word)

    def tilings(self, limit: int = 64) -> list[tuple[tuple[str, int], ...]] | None:
        """Every way the words cover the phrase's characters end to end, as (word, offset in
        the phrase) sequences; a document holds the phrase where, for one of them, each word
        occurs at the same distance from one origin. ``None`` past ``limit`` ways."""
        by_start = {}
        for word, start, end in self.edges:
            if end - start == len(word):  # a stored occurrence ends at start + len(word)
                by_start.setdefault(start, []).append((word, end))
        found = []

        def walk(q, path):
            if len(found) > limit:
                return
            if q == self.last:
                if path:
                    found.append(tuple(path))
                return
            if q in self.skippable:
                walk(q + 1, path)
            for word, end in by_start.get(q, ()):
                walk(end, [*path, (word, q)])

        walk(self.first, [])
        return None if len(found) > limit else found

    def any_word(self) -> wq.Query:
        """Any of the phrase's words: every document the phrase matches has some of them
        (for scoring documents already verified to hold the phrase)."""
        return wq.Or([wq.Term(self.fieldname, w) for w in sorted({w for w, _, _ in self.edges})])

    def _candidates(self):
        starts = sorted({w for w, s, _ in self.edges if s == self.first})
        ends = sorted({w for w, _, e in self.edges if e == self.last})
        return wq.And(
            [
                wq.Or([wq.Term(self.fieldname, w) for w in starts]),
                wq.Or([wq.Term(self.fieldname, w) for w in ends]),
            ]
        )

    def estimate_size(self, ixreader):
        return self._candidates().estimate_size(ixreader)

    def estimate_min_size(self, ixreader):
        return 0

    def matcher(self, searcher, context=None):
        child = self._candidates().matcher(searcher, context)
        if not child.is_active():
            return NullMatcher()
        words = {w for w, _, _ in self.edges}
        terms = {}
        for word in words:
            if (self.fieldname, word) in searcher.reader():
                terms[word] = wq.Term(self.fieldname, word).matcher(searcher, context)
        return CharPhraseMatcher(child, terms, self, matching_origins)


def matching_origins(phrase: CharPhrase, chars, first_only=False) -> list[int]:
    """Offsets where the phrase's words tile its characters in one document.

    ``chars``: word → {start char: end char} of the document's occurrences."""
    p = phrase
    by_start = {}
    for word, qs, qe in p.edges:
        if word in chars:
            by_start.setdefault(qs, []).append((word, qe))
    origins = set()
    for word, _ in by_start.get(p.first, ()):
        origins.update(sc - p.first for sc in chars[word])
    found = []
    for origin in sorted(origins):
        if _tiles(p, origin, by_start, chars):
            found.append(origin)
            if first_only:
                break
    return found


def tiles_somewhere(phrase: CharPhrase, chars) -> bool:
    return bool(matching_origins(phrase, chars, first_only=True))


def _tiles(p, origin, by_start, chars):
    reached = {p.first}
    for q in range(p.first, p.last):
        if q not in reached:
            continue
        if q in p.skippable:
            reached.add(q + 1)
        for word, qe in by_start.get(q, ()):
            if chars[word].get(origin + q) == origin + qe:
                reached.add(qe)
        if p.last in reached:
            return True
    return p.last in reached
