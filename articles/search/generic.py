"""The search page through haystack's ``SearchQuerySet``, for any haystack engine.

Our Whoosh backend answers a whole page in one pass (``search_articles``); a site switched to
another engine with ``YONGKANG_SEARCH_ENGINE`` (Elasticsearch, say) has no such method, and
the service comes here instead: the same :class:`~articles.search.query.SearchSpec` as
haystack filters, facets and slicing, returned in the same :class:`RawHits` shape.
"""

from datetime import date, datetime, timedelta

from django.db.models import Max, Min
from haystack import connections
from haystack.inputs import Exact
from haystack.query import SQ, SearchQuerySet

from articles.models import Article, Edition
from articles.search.analyzer import tokenize
from articles.search.chars import is_single_han
from articles.search.fields import FieldRoles, field_roles
from articles.search.grams import FIELD as GRAMS
from articles.search.grams import han_runs
from articles.search.results import RawHits


def roles(using: str) -> FieldRoles:
    return field_roles(connections[using].get_unified_index())


def queryset(spec, using: str = "default") -> SearchQuerySet:
    """The spec's words, phrases, exclusions and filters as a SearchQuerySet (no facets)."""
    sqs = SearchQuerySet(using=using).models(Article)
    named = roles(using)
    if (spec.reporter and not named.people) or (spec.kind and not named.kind):
        return sqs.none()  # a filter on a field no index has
    text = node_sq(spec.tree)
    if text is not None:
        sqs = sqs.filter(text)
    if spec.reporter:
        names = spec.reporters or (spec.reporter,)
        sqs = sqs.filter(_any([SQ(**{named.people: Exact(name)}) for name in names]))
    if spec.kind:
        sqs = sqs.filter(**{named.kind: Exact(spec.kind)})
    if spec.date_from:
        sqs = sqs.filter(date__gte=spec.date_from)
    if spec.date_to:
        sqs = sqs.filter(date__lte=spec.date_to)
    if spec.sort == "newest" or (spec.sort == "relevance" and not spec.has_text):
        sqs = sqs.order_by("-date")
    elif spec.sort == "oldest":
        sqs = sqs.order_by("date")
    return sqs


def word_sq(word: str) -> SQ:
    # A lone character as the fast path reads it: any word holding it (*茶*).
    return SQ(content__contains=word) if is_single_han(word) else SQ(content=word)


def text_sq(text: str, phrase: bool = False) -> SQ | None:
    """A word or phrase: its words (or exact phrase), or its characters by pairs in the
    ``grams`` field (see :mod:`articles.search.query` for the same on the fast path)."""
    words = [w for w, _, _ in tokenize(text, mode="default")]
    if not words:
        return None
    precise = SQ(content=Exact(text)) if phrase else _all([word_sq(w) for w in words])
    runs = [(s, e) for s, e in han_runs(text) if e - s >= 2]
    if phrase and runs == [(0, len(text))]:
        return SQ(**{GRAMS: Exact(text)})  # Chinese characters only: the pairs are exact
    if not runs:
        return precise
    pairs = [SQ(**{GRAMS: Exact(text[s:e])}) for s, e in runs]
    pairs += [
        word_sq(w)
        for w, start, end in tokenize(text, mode="default")
        if not any(s <= start and end <= e for s, e in runs)
    ]
    return precise | _all(pairs)


def node_sq(node) -> SQ | None:
    """The query tree (:mod:`articles.search.query`) as haystack SQ objects."""
    kind = node[0]
    if kind in ("word", "phrase"):
        return text_sq(node[1], phrase=kind == "phrase")
    if kind == "not":
        inner = node_sq(node[1])
        return None if inner is None else ~inner
    parts = [q for q in map(node_sq, node[1]) if q is not None]
    if not parts:
        return None
    if kind == "or":
        return _any(parts)
    return _all(parts)


def _any(parts):
    found = parts[0]
    for part in parts[1:]:
        found = found | part
    return found


def _all(parts):
    found = parts[0]
    for part in parts[1:]:
        found = found & part
    return found


def search_articles(spec, using: str = "default") -> RawHits:
    sqs = queryset(spec, using)
    named = roles(using)
    for name in (named.people, "year", named.kind):
        if name:
            sqs = sqs.facet(name)
    first, last = _edition_span()
    start, end_day = spec.date_from or first, spec.date_to or last
    if start <= end_day:
        # Buckets from the month of the first edition: whole months, as the timeline shows.
        sqs = sqs.date_facet(
            "date",
            start_date=start.replace(day=1),
            end_date=end_day + timedelta(days=1),
            gap_by="month",
        )
    end = spec.page * spec.per_page
    page = list(sqs[end - spec.per_page : end])
    total = sqs.count()
    counts = sqs.facet_counts() if total else {}
    fields = counts.get("fields", {})
    return RawHits(
        total=total,
        hits=[
            (int(r.pk), r.score if spec.sort == "relevance" else None, _names(r, named.people))
            for r in page
        ],
        people=_ranked(fields.get(named.people, [])),
        years=sorted(
            ((int(y), n) for y, n in fields.get("year", []) if y is not None and n), reverse=True
        ),
        kinds=_ranked(fields.get(named.kind, [])),
        months=_months(counts.get("dates", {}).get("date", [])),
    )


def _edition_span() -> tuple[date, date]:
    # The month facet needs bounds; Whoosh pays per bucket, so not a century of them.
    span = Edition.objects.aggregate(first=Min("date"), last=Max("date"))
    return span["first"] or date.today(), span["last"] or date.today()


def _names(result, fieldname: str | None) -> list[str]:
    value = (getattr(result, fieldname, None) if fieldname else None) or []
    if isinstance(value, str):
        value = value.split(",")
    return [name for name in value if name]


def _ranked(pairs):
    return sorted(
        ((str(value), n) for value, n in pairs if value not in (None, "") and n),
        key=lambda kv: (-kv[1], kv[0]),
    )


def _months(buckets):
    """Date-facet buckets (a start datetime, or Whoosh's (start, end) pair) → ((y, m), n)."""
    months = {}
    for key, count in buckets:
        if isinstance(key, tuple):
            key = key[0]
        if isinstance(key, str):
            key = datetime.fromisoformat(key.replace("Z", "+00:00"))
        if key is None or not count:
            continue
        months[(key.year, key.month)] = months.get((key.year, key.month), 0) + count
    return sorted(months.items())
