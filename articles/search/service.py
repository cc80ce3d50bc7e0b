"""The one search function: a :class:`SearchSpec` in, a page of results out."""

import logging
import math
import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.html import escape
from haystack import connections

from articles.models import Article, Kind
from articles.search import budget, generic
from articles.search.people import reporter_names
from articles.search.query import SearchSpec
from articles.search.results import Unsupported
from articles.search.snippets import WIDTH, highlight, make_snippet

log = logging.getLogger(__name__)


# The warm-up's searches together stop after this many seconds (gunicorn does not time a
# worker out before its first heartbeat, which comes after the warm-up).
WARM_UP_SECONDS = 10.0


@dataclass
class Hit:
    article: Article
    score: float | None
    people: list[str]
    snippet: str
    headline: str  # escaped, query words marked
    url: str  # the article page, asked to mark the query's words


@dataclass
class MonthBar:
    year: int
    month: int
    count: int
    percent: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)


@dataclass
class SearchPage:
    spec: SearchSpec
    hits: list[Hit]
    total: int
    pages: int
    facets: dict = field(default_factory=dict)
    timeline: list[MonthBar] = field(default_factory=list)
    page_obj: object = None
    # The search ran out of its time budget: counts and hits may be incomplete.
    partial: bool = False
    # More matches than the engine counts: ``total`` is a lower bound ("10,000+") and the
    # facet and timeline counts are estimates.
    capped: bool = False

    @property
    def page(self) -> int:
        return self.spec.page


def engine_search():
    """``spec -> RawHits``: our Whoosh backend's one-pass ``search_articles``, or for any
    other haystack engine (``YONGKANG_SEARCH_ENGINE``) the generic SearchQuerySet path; a
    query form the one-pass path cannot evaluate goes the generic way too."""
    backend = connections["default"].get_backend()
    fast = getattr(backend, "search_articles", None)
    if fast is None:
        return generic.search_articles

    def run(spec):
        try:
            return fast(spec)
        except Unsupported as exc:
            log.warning("search %r: query form %r, answered through SearchQuerySet", spec.q, exc)
            return generic.search_articles(spec)

    return run


def with_reporters(spec: SearchSpec) -> SearchSpec:
    """The spec with the people its reporter stands for (a part of a name finds them all)."""
    if spec.reporter and not spec.reporters:
        return spec.with_changes(reporters=reporter_names(spec.reporter))
    return spec


def search(spec: SearchSpec) -> SearchPage:
    spec = with_reporters(spec)
    with budget.limit() as spent:
        run = engine_search()
        raw = run(spec)
        pages = max(1, math.ceil(raw.total / spec.per_page))
        if spec.page > pages and not spent.exceeded():
            spec = spec.with_changes(page=pages)
            raw = run(spec)
        articles = Article.objects.for_cards().in_bulk([pk for pk, _, _ in raw.hits])
        hits = [
            hit(articles[pk], score, people, spec)
            for pk, score, people in raw.hits
            if pk in articles  # deleted, not yet drained from the index
        ]
    kind_labels = dict(Kind.choices)
    facets = {
        "people": raw.people,
        "year": raw.years,
        "kind": [(kind, kind_labels.get(kind, kind), count) for kind, count in raw.kinds],
    }
    page_obj = Paginator(range(raw.total), spec.per_page).get_page(spec.page)
    return SearchPage(
        spec=spec,
        hits=hits,
        total=raw.total,
        pages=pages,
        facets=facets,
        timeline=timeline(raw.months),
        page_obj=page_obj,
        partial=spent.ran_out,
        capped=getattr(raw, "capped", False),
    )


def hit(article, score, people, spec) -> Hit:
    words = spec.highlight_terms
    url = article.get_absolute_url()
    if words:
        url += "?" + urlencode({"hl": " ".join(words)})
    if budget.exceeded():  # out of time: the beginning of the text, nothing marked
        body = article.body or ""
        snippet = escape(body[:WIDTH]) + ("…" if len(body) > WIDTH else "")
    else:
        snippet = make_snippet(article.body, words)
    return Hit(
        article=article,
        score=score,
        people=people,
        snippet=snippet,
        headline=highlight(article.headline, words),
        url=url,
    )


# A century of months at most: a longer span (a misdated edition) keeps the latest years.
MAX_MONTHS = 1200


def timeline(months) -> list[MonthBar]:
    """Every month from the first hit to the last (empty months too), bar length relative."""
    if not months:
        return []
    counts = dict(months)
    (y, m), (last_y, last_m) = months[0][0], months[-1][0]
    if (last_y - y) * 12 + last_m - m >= MAX_MONTHS:
        start = last_y * 12 + last_m - 1 - (MAX_MONTHS - 1)
        y, m = divmod(start, 12)
        m += 1
    top = max(counts.values())
    bars = []
    while (y, m) <= (last_y, last_m):
        count = counts.get((y, m), 0)
        bars.append(MonthBar(y, m, count, math.ceil(100 * count / top) if count else 0))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return bars


def broader_search(spec: SearchSpec) -> tuple[str, SearchSpec, int] | None:
    """For an empty result: the filter whose removal finds the most, as (what, spec, total)."""
    run = engine_search()
    spec = with_reporters(spec)
    options = []
    if spec.reporter:
        options.append((f"记者“{spec.reporter}”", spec.with_changes(reporter="", reporters=())))
    if spec.kind:
        options.append(("文章类型", spec.with_changes(kind="")))
    if spec.date_from or spec.date_to:
        options.append(("日期范围", spec.with_changes(date_from=None, date_to=None)))
    if spec.excluded:
        options.append(("排除词", spec.without_exclusions()))
    if spec.phrases:
        options.append(("引号（精确短语）", spec.phrases_as_words()))
    best = None
    for label, candidate in options:
        candidate = candidate.with_changes(page=1)
        total = run(candidate).total
        if total and (best is None or total > best[2]):
            best = (label, candidate, total)
    return best


def warm_up(seconds: float = WARM_UP_SECONDS) -> float:
    """Search once so that a new worker's first visitor does not pay for opening the index,
    loading the dictionary and building the per-segment arrays (about 0.3 s at 70k
    articles), and once more for one character, whose word lists per segment take another
    second to build. The engine alone (no snippets: they warm nothing), within ``seconds``
    in all. Returns the seconds it took; a missing index or database only logs."""
    started = time.perf_counter()
    try:
        with budget.limit(seconds) as spent:
            run = engine_search()
            for word in ("永康", "永"):
                if spent.exceeded():
                    log.warning("search warm-up stopped after %.1f s", seconds)
                    break
                with budget.limit():
                    run(SearchSpec(q=word, terms=(word,)))
    except Exception:  # the worker must still start and answer, e.g. before the first import
        log.warning("search warm-up failed", exc_info=True)
    return time.perf_counter() - started
