"""What a search engine hands the search service, whichever engine it is (no engine imports).

The Whoosh backend's one-pass ``search_articles`` and the haystack ``SearchQuerySet`` path
(:mod:`articles.search.generic`) both answer a :class:`~articles.search.query.SearchSpec`
with a :class:`RawHits`; :mod:`articles.search.service` turns it into the page.
"""

from dataclasses import dataclass


@dataclass
class RawHits:
    total: int
    hits: list[tuple[int, float | None, list[str]]]  # (article pk, score, people)
    people: list[tuple[str, int]]
    years: list[tuple[int, int]]
    kinds: list[tuple[str, int]]
    months: list[tuple[tuple[int, int], int]]
    # More matches than the cap: ``total`` is the cap, and the facet and timeline counts
    # are estimates from an even sample of the matches.
    capped: bool = False


class Unsupported(Exception):
    """A query form an engine's fast path does not evaluate: the service answers the spec
    through the haystack ``SearchQuerySet`` path instead."""
