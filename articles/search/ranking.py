"""How matches are ranked: BM25F, with the body's length weighed so that a one-line notice
does not outrank an article about the term.

BM25 rewards a short text: a 20-character 启事 naming 永康 twice scored above an article
naming it in every paragraph (issue 12). Two changes, both in the one weighting model that
Whoosh's matchers and the one-pass evaluation (``evaluate.py``) share:

- the length normalisation of the ``text`` field is milder (``TEXT_B``: a long article loses
  less for its length);
- a text shorter than ``SHORT`` words is damped by ``(length / SHORT) ** DAMP``: a notice or
  a teaser with a one-line body is not an article about anything, however densely it
  repeats a word. The headline (its own boosted field) is not damped, so a teaser whose
  headline names the term still ranks by it.

The figures were chosen on the graded relevance set (``bench/relevance.py``).
"""

from whoosh.scoring import BM25F, BM25FScorer

from articles.search.whoosh_private.scoring import PriorBM25FScorer

CONTENT_FIELD = "text"
B = 0.75
TEXT_B = 0.4
K1 = 1.2
SHORT = 60  # words (search-mode tokens) of the whole article text
DAMP = 0.5


def length_prior(length: float) -> float:
    """The factor for a text of ``length`` words: 1 from ``SHORT`` words on."""
    if length >= SHORT:
        return 1.0
    return (max(length, 1.0) / SHORT) ** DAMP


class ArchiveScorer(PriorBM25FScorer):
    """BM25F, times :func:`length_prior` of the document's text length."""

    prior = staticmethod(length_prior)

    def supports_block_quality(self):
        return False  # the prior breaks BM25's bound per block; searches pass optimize=False


class ArchiveBM25F(BM25F):
    def __init__(self):
        super().__init__(B=B, K1=K1, **{f"{CONTENT_FIELD}_B": TEXT_B})

    def supports_block_quality(self):
        return False

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if fieldname == CONTENT_FIELD and isinstance(scorer, BM25FScorer):
            return ArchiveScorer(searcher, fieldname, text, scorer.B, scorer.K1, qf=qf)
        return scorer


def weighting() -> ArchiveBM25F:
    return ArchiveBM25F()
