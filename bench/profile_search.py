"""Where a search page's time goes: cProfile over the benchmark queries on a loaded run.

    .venv/bin/python -m bench.profile_search bench/out/project-n10000 [--kind date_range]

Uses the data and index a previous ``bench.run`` left in that folder. Prints the share of
time in Whoosh (search, facets, highlighting), the database, template rendering, and the
project's own search functions, then the top functions by cumulative time.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

# (label, file fragment, function name or "" for any); cumulative times, so groups nest.
GROUPS = [
    ("whole request", "django/test/client.py", "get"),
    ("view: search function", "articles/search/service.py", ""),
    ("whoosh: Searcher.search", "whoosh/searching.py", "search"),
    ("whoosh: facets (groupedby)", "whoosh/sorting.py", ""),
    ("whoosh: highlight", "whoosh/highlight.py", ""),
    ("database (cursor.execute)", "django/db/backends/utils.py", "execute"),
    ("template rendering", "django/template/backends/django.py", "render"),
    ("jieba tokenizing", "rjieba", ""),
]


def configure(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yongkang.settings")
    os.environ["YONGKANG_DATA_DIR"] = str(folder / "data")
    os.environ["YONGKANG_INDEX_DIR"] = str(folder / "index")
    os.environ["YONGKANG_SEARCH_RATE"] = "off"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
    # As bench.run: the development settings (no collectstatic, no secret key needed).
    os.environ.setdefault("DJANGO_DEBUG", "1")


def group_times(stats: pstats.Stats) -> dict[str, float]:
    totals = dict.fromkeys((label for label, _, _ in GROUPS), 0.0)
    for (filename, _, funcname), (_, _, _, cumtime, callers) in stats.stats.items():
        for label, fragment, name in GROUPS:
            if fragment in filename and (not name or funcname == name):
                # Count only entries not called from the same group (no double counting).
                outer = any(fragment in c[0] and (not name or c[2] == name) for c in callers)
                if not outer:
                    totals[label] += cumtime
    return totals


def stage_timings(client, queries) -> None:
    """Median ms per stage without the profiler: engine query, search function, whole page."""
    import statistics

    from haystack import connections

    from articles.forms import SearchForm
    from articles.search import service

    from .phases import project_url

    backend = connections["default"].get_backend()
    stages = {"engine (search_articles)": [], "search function": [], "whole page": []}
    for query in queries:
        url = project_url(query)
        params = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
        from urllib.parse import unquote_plus

        spec = SearchForm({k: unquote_plus(v) for k, v in params.items()}).spec(per_page=20)
        started = time.perf_counter()
        backend.search_articles(spec)
        stages["engine (search_articles)"].append(time.perf_counter() - started)
        started = time.perf_counter()
        service.search(spec)
        stages["search function"].append(time.perf_counter() - started)
        started = time.perf_counter()
        client.get(url)
        stages["whole page"].append(time.perf_counter() - started)
    print("stage timings without profiler (p50 / p95 ms):")
    for name, values in stages.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"  {name:<26} {statistics.median(values) * 1000:8.1f} / {p95 * 1000:8.1f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--n", default="10000")
    parser.add_argument("--kind", help="only this query kind")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    configure(args.folder.resolve())

    import django

    django.setup()
    from django.test import Client

    from .corpus import build_articles
    from .phases import project_url
    from .queries import make_queries
    from .run import SEED

    n = None if args.n == "all" else int(args.n)
    queries = make_queries(build_articles(n, SEED), args.queries, SEED)
    if args.kind:
        queries = [q for q in queries if q.kind == args.kind]
    client = Client()
    for query in queries[:10]:
        client.get(project_url(query))
    stage_timings(client, queries)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for query in queries:
        client.get(project_url(query))
    profiler.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    print(f"{len(queries)} requests, {wall * 1000 / len(queries):.1f} ms each under cProfile")
    for label, seconds in group_times(stats).items():
        print(f"  {label:<30} {seconds * 1000 / len(queries):8.2f} ms/request")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
