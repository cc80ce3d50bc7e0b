"""Search page and JSON API: parse the request into a SearchForm, run one search, render."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.forms import DATE_HINT, DATE_PATTERN, SORT_LABELS, SearchForm
from articles.models import Kind
from articles.search.people import close_names, suggested_names
from articles.search.service import broader_search, search
from articles.views.timeline import timeline_html

PER_PAGE = 20
FILTER_FIELDS = ("reporter", "from", "to", "kind", "sort")


def search_page(request):
    form = SearchForm(request.GET)
    # Not "messages": base.html shows the messages framework's banner under that name, and
    # each problem must be said once, where the form is.
    problems = [] if form.is_valid() else form.messages()
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
        "timeline_html": timeline_html(result.timeline, link),
        "timeline_years": len({bar.year for bar in result.timeline}),
        "search_form": form,
        "search_url": reverse("articles:search"),
        "form_problems": problems,
        "page_note": form.page_note(result.page, result.pages),
        "date_pattern": DATE_PATTERN,
        "date_hint": DATE_HINT,
        "spec": spec,
        "result": result,
        "page_obj": result.page_obj,
        "broader": broader,
        "filtered": bool(spec.reporter or spec.kind or spec.date_from or spec.date_to),
        "reporter_options": _options([*result.spec.reporters, *suggested_names()]),
        "unknown_reporter": unknown_reporter,
        "close_reporters": [(name, link(reporter=name)) for name in close],
        "active_filters": _active_filters(spec, asked_sort=form.cleaned_data.get("sort")),
        # Closed on a phone so the results come first; open when a filter needs fixing.
        "open_filters": any(name in form.errors for name in FILTER_FIELDS),
    }
    # Bad values are dropped and named on the page; the rest of the search still answers.
    return render(request, "search/search.html", context)


def _active_filters(spec, asked_sort="") -> list[str]:
    """The filters in force, in words, for the closed filter block's summary line."""
    active = [f"记者 {spec.reporter}"] if spec.reporter else []
    if spec.date_from or spec.date_to:
        first = spec.date_from.isoformat() if spec.date_from else "最早"
        last = spec.date_to.isoformat() if spec.date_to else "最新"
        active.append(f"{first} 至 {last}")
    if spec.kind:
        active.append(dict(Kind.choices).get(spec.kind, spec.kind))
    if asked_sort and asked_sort == spec.sort:
        active.append(dict(SORT_LABELS)[spec.sort] + "优先")
    return active


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
    note = form.page_note(result.page, result.pages)
    return JsonResponse(
        {
            "total": result.total,
            # As Elasticsearch's hits.total.relation: "gte" when the engine stopped counting
            # at its cap; the facet counts are then estimates from a sample.
            "total_relation": "gte" if result.capped else "eq",
            "facets_estimated": result.capped,
            "page": result.page,
            "pages": result.pages,
            # Past the last page: the last page, and why (as on the search page).
            **({"requested_page": form.requested_page, "note": note} if note else {}),
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
