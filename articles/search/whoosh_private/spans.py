"""The span matcher behind :class:`~articles.search.phrase.CharPhrase` when Whoosh's own
searcher runs a phrase (``SearchQuerySet``, ``Searcher.search`` for the top hits, related
articles): Whoosh's ``SpanWrappingMatcher`` asks a subclass for ``_get_spans`` and, when it
rebuilds the matcher tree, ``_replacement``; both are private hooks of Whoosh 2.7.4.
"""

from whoosh.query.spans import Span, SpanWrappingMatcher


class CharPhraseMatcher(SpanWrappingMatcher):
    """Whoosh's matcher for a :class:`~articles.search.phrase.CharPhrase`: the documents of
    ``child`` (those with a first and a last word of the phrase) where ``origins(phrase,
    chars)`` finds the words tiling the phrase (``chars``: word → {start: end} there)."""

    def __init__(self, child, terms, phrase, origins):
        self.terms = terms
        self.phrase = phrase
        self.origins = origins
        super().__init__(child)

    def copy(self):
        return self.__class__(
            self.child.copy(),
            {w: m.copy() for w, m in self.terms.items()},
            self.phrase,
            self.origins,
        )

    def _replacement(self, newchild):
        return self.__class__(newchild, self.terms, self.phrase, self.origins)

    def _chars_at(self, docnum):
        """word → {startchar: endchar} for this document."""
        found = {}
        for word, m in self.terms.items():
            if m.is_active() and m.id() < docnum:
                m.skip_to(docnum)
            if m.is_active() and m.id() == docnum:
                # Positions are start offsets (see the analyzer); a word is as long as itself.
                found[word] = {sc: sc + len(word) for sc in m.value_as("positions")}
        return found

    def _get_spans(self):
        if not self.child.is_active():
            return []
        p = self.phrase
        return [
            Span(0, startchar=origin + p.first, endchar=origin + p.last)
            for origin in self.origins(p, self._chars_at(self.child.id()))
        ]
