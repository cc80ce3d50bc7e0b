"""Search page and JSON API: parse the request into a SearchForm, run one search, render."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.forms import SearchForm
from articles.search.people import close_names, suggested_names
from articles.search.service import broader_search, search

PER_PAGE = 20


def search_page(request):
    form = SearchForm(request.GET)
    messages = [] if form.is_valid() else form.messages()
    spec = form.spec(per_page=PER_PAGE)
    result = search(spec)
    broader = broader_search(spec) if not result.total else None
    if broader:
        label, wider, total = broader
        broader = {"label": label, "total": total, "query": urlencode(wider.params())}
    link = _linker(request)
    facets = result.facets
    # A reporter nobody is called, nor has in their name: names like it instead.
    unknown_reporter = bool(spec.reporter and not result.spec.reporters)
    close = close_names(spec.reporter) if unknown_reporter else []
    context = {
        "people_links": [
            (name, count, link(reporter=name)) for name, count in facets["people"][:20]
        ],
        "year_links": [
            (year, count, link(**{"from": f"{year}-01-01", "to": f"{year}-12-31"}))
            for year, count in facets["year"]
        ],
        "kind_links": [
            (kind, label, count, link(kind=kind)) for kind, label, count in facets["kind"]
        ],
        "bars": result.timeline,
        "timeline_html": _timeline_html(result.timeline, link),
        "search_form": form,
        "messages": messages,
        "spec": spec,
        "result": result,
        "page_obj": result.page_obj,
        "broader": broader,
        "filtered": bool(spec.reporter or spec.kind or spec.date_from or spec.date_to),
        "reporter_options": _options([*result.spec.reporters, *suggested_names()]),
        "unknown_reporter": unknown_reporter,
        "close_reporters": [(name, link(reporter=name)) for name in close],
    }
    # Bad values are dropped and named on the page; the rest of the search still answers.
    return render(request, "search/search.html", context)


def _timeline_html(bars, link) -> str:
    """The timeline's list items in one join: with hundreds of bars, rendering them through
    the template (numbers localized one by one) was half of the search page's time."""
    items = []
    for bar in bars:
        url = escape(link(**{"from": bar.first_day.isoformat(), "to": bar.last_day.isoformat()}))
        y, m, n = bar.year, bar.month, bar.count
        items.append(
            f'<li><a href="{url}" title="{y}年{m}月：{n} 篇"><span class="timeline-label">'
            f'{y}.{m}</span> <meter min="0" max="100" value="{bar.percent}">{n}</meter> '
            f'<span class="count">{n}</span></a></li>'
        )
    return mark_safe("".join(items))


def _options(names) -> str:
    """The reporter <datalist>'s options in one join (two hundred through the template
    engine cost more than the rest of the form)."""
    return mark_safe("".join(f'<option value="{escape(name)}">' for name in dict.fromkeys(names)))


def _linker(request):
    """``link(name=value, …)``: this search with those parameters changed, back to page 1.

    Built here rather than with {% querystring %} in the template: the timeline can have a
    hundred bars and the tag costs far more per link than one urlencode. The request's
    parameters are read once; each link only encodes them."""
    base = {name: values for name, values in request.GET.lists() if name != "page"}

    def link(**changes):
        params = base | {name: [value] for name, value in changes.items()}
        return "?" + urlencode(params, doseq=True)

    return link


def search_api(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"error": "；".join(form.messages()), "fields": form.errors.get_json_data()},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    result = search(form.spec(per_page=PER_PAGE))
    return JsonResponse(
        {
            "total": result.total,
            "page": result.page,
            "pages": result.pages,
            "results": [
                {
                    "id": hit.article.pk,
                    "url": request.build_absolute_uri(hit.article.get_absolute_url()),
                    "headline": hit.article.headline,
                    "date": hit.article.edition.date.isoformat(),
                    "people": hit.people,
                    "kind": hit.article.kind,
                    "snippet": str(hit.snippet),
                    "score": hit.score,
                }
                for hit in result.hits
            ],
            "facets": {
                "people": [[name, count] for name, count in result.facets["people"]],
                "year": [[year, count] for year, count in result.facets["year"]],
                "kind": [[kind, count] for kind, _, count in result.facets["kind"]],
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )
