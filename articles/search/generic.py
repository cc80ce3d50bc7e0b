"""The search page through haystack's ``SearchQuerySet``, for any haystack engine.

Our Whoosh backend answers a whole page in one pass (``search_articles``); a site switched to
another engine with ``YONGKANG_SEARCH_ENGINE`` (Elasticsearch, say) has no such method, and
the service comes here instead: the same :class:`~articles.search.query.SearchSpec` as
haystack filters, facets and slicing, returned in the same :class:`RawHits` shape.
"""

from datetime import date, datetime, timedelta

from django.db.models import Max, Min
from haystack.inputs import Exact
from haystack.query import SearchQuerySet

from articles.models import Article, Edition
from articles.search.backend import RawHits
from articles.search.chars import is_single_han

FACET_FIELDS = ("people", "year", "kind")


def queryset(spec, using: str = "default") -> SearchQuerySet:
    """The spec's words, phrases, exclusions and filters as a SearchQuerySet (no facets)."""
    sqs = SearchQuerySet(using=using).models(Article)
    for term in spec.terms:
        # A lone character as the fast path reads it: any word holding it (*茶*).
        sqs = (
            sqs.filter(content__contains=term) if is_single_han(term) else sqs.filter(content=term)
        )
    for phrase in spec.phrases:
        sqs = sqs.filter(content=Exact(phrase))
    for word in spec.excluded:
        sqs = (
            sqs.exclude(content__contains=word)
            if is_single_han(word)
            else sqs.exclude(content=word)
        )
    if spec.reporter:
        sqs = sqs.filter(people=Exact(spec.reporter))
    if spec.kind:
        sqs = sqs.filter(kind=Exact(spec.kind))
    if spec.date_from:
        sqs = sqs.filter(date__gte=spec.date_from)
    if spec.date_to:
        sqs = sqs.filter(date__lte=spec.date_to)
    if spec.sort == "newest" or (spec.sort == "relevance" and not spec.has_text):
        sqs = sqs.order_by("-date")
    elif spec.sort == "oldest":
        sqs = sqs.order_by("date")
    return sqs


def search_articles(spec, using: str = "default") -> RawHits:
    sqs = queryset(spec, using)
    for name in FACET_FIELDS:
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
        hits=[(int(r.pk), r.score if spec.sort == "relevance" else None, _names(r)) for r in page],
        people=_ranked(fields.get("people", [])),
        years=sorted(
            ((int(y), n) for y, n in fields.get("year", []) if y is not None and n), reverse=True
        ),
        kinds=_ranked(fields.get("kind", [])),
        months=_months(counts.get("dates", {}).get("date", [])),
    )


def _edition_span() -> tuple[date, date]:
    # The month facet needs bounds; Whoosh pays per bucket, so not a century of them.
    span = Edition.objects.aggregate(first=Min("date"), last=Max("date"))
    return span["first"] or date.today(), span["last"] or date.today()


def _names(result) -> list[str]:
    value = getattr(result, "people", None) or []
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
