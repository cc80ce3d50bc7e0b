"""BM25F times a factor of the document's length: Whoosh's ``BM25FScorer`` computes a
document's score in its private ``_score(weight, length)``, the one place both the weight
and the field length are at hand (``score`` and the block-quality bounds call it)."""

from whoosh.scoring import BM25FScorer


class PriorBM25FScorer(BM25FScorer):
    """``prior(length)`` times BM25F (subclasses set ``prior``)."""

    @staticmethod
    def prior(length: float) -> float:
        return 1.0

    def _score(self, weight, length):
        return super()._score(weight, length) * self.prior(length)
