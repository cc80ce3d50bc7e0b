"""One benchmark phase in its own process: ``python -m bench.phases PHASE --n N --out FILE``.

The caller (bench.run) sets DJANGO_SETTINGS_MODULE and the data/index folders in the
environment before this process starts, so Django is configured for exactly one side.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import django

WARMUP_QUERIES = 20
CHAR_QUERIES = 40


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summarize(timings: list[tuple[str, float]]) -> dict:
    out = {}
    kinds = sorted({kind for kind, _ in timings})
    for kind in [*kinds, "all"]:
        values = [ms for k, ms in timings if kind in ("all", k)]
        out[kind] = {
            "count": len(values),
            "p50_ms": round(statistics.median(values), 2),
            "p95_ms": round(percentile(values, 95), 2),
            "max_ms": round(max(values), 2),
        }
    return out


def load_phase(args) -> dict:
    from django.core.management import call_command

    from .corpus import build_articles
    from .load import load

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    articles = build_articles(args.n, args.seed)
    built = time.perf_counter()
    count = load(articles)
    done = time.perf_counter()
    write_queries(articles, args)
    return {
        "articles": count,
        "migrate_s": round(migrated - started, 2),
        "read_corpus_s": round(built - migrated, 2),
        "insert_s": round(done - built, 2),
    }


def baseline_url(query) -> str:
    """The baseline form's fields (bench/baseline_views.py)."""
    params = {"q": query.q}
    if query.person:
        params["person"] = query.person
    if query.start:
        params["start"] = query.start
    if query.end:
        params["end"] = query.end
    if query.sort:
        params["sort"] = query.sort
    return "/search/?" + urlencode(params)


def project_url(query) -> str:
    """The project search form's fields (articles/forms.py)."""
    params = {"q": query.q}
    if query.person:
        params["reporter"] = query.person
    if query.start:
        params["from"] = query.start
    if query.end:
        params["to"] = query.end
    if query.sort:
        params["sort"] = "newest"
    return "/search/?" + urlencode(params)


def queries_path(args) -> Path:
    return Path(args.out).with_name("queries.json")


def write_queries(articles, args) -> None:
    """The search phase's queries, drawn by the load phase (which has the articles in
    memory), so the serving process never holds the corpus and its memory is the site's."""
    from .queries import make_char_queries, make_queries

    queries = {
        "mix": make_queries(articles, args.queries, args.seed),
        "warmup": make_queries(articles, WARMUP_QUERIES, args.seed + 99),
        "one_char": make_char_queries(articles, CHAR_QUERIES, args.seed + 7),
    }
    queries_path(args).write_text(
        json.dumps({k: [q.as_dict() for q in v] for k, v in queries.items()}, ensure_ascii=False),
        encoding="utf-8",
    )


def read_queries(args) -> dict:
    from .queries import Query

    stored = json.loads(queries_path(args).read_text(encoding="utf-8"))
    return {k: [Query(**q) for q in v] for k, v in stored.items()}


def timed(client, url_for, queries) -> tuple[list[tuple[str, float]], list[dict]]:
    timings, failures = [], []
    for query in queries:
        url = url_for(query)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            failures.append({"url": url, "status": response.status_code})
        timings.append((query.kind, elapsed))
    return timings, failures


def search_phase(args) -> dict:
    from django.test import Client

    queries = read_queries(args)
    url_for = project_url if args.side == "project" else baseline_url
    if args.side == "project":
        # As a production worker does before it takes traffic (yongkang/gunicorn.conf.py):
        # otherwise the first one-character query pays for the per-segment word maps.
        from articles.search import service

        service.warm_up()
    client = Client()
    for query in queries["warmup"]:
        client.get(url_for(query))
    timings, failures = timed(client, url_for, queries["mix"])
    char_timings, char_failures = timed(client, url_for, queries["one_char"])
    return {
        "queries": len(queries["mix"]),
        "warmup_queries": len(queries["warmup"]),
        "failures": failures + char_failures,
        "latency": summarize(timings),
        "one_char": summarize(char_timings)["all"],
        "sample": [q.as_dict() for q in queries["mix"][:12]],
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # Resident pages of the memory-mapped index count in RSS but are the page cache's,
        # shared and dropped under pressure: the anonymous part is what the process holds.
        "rss_now_mb": memory_status(),
    }


def memory_status() -> dict:
    try:
        with open("/proc/self/status") as fh:
            lines = dict(line.split(":", 1) for line in fh if line.startswith("Rss"))
    except OSError:
        return {}
    return {key: round(int(value.split()[0]) / 1024, 1) for key, value in lines.items()}


def fresh_phase(args) -> dict:
    """Save an article as the admin does (ORM save in a transaction) and poll the search."""
    from django.db import transaction

    from articles.models import Article
    from articles.search import service

    # A production worker warms up before it takes traffic (yongkang/gunicorn.conf.py): the
    # per-segment arrays are built then, not on the first save's search.
    warm_up_s = service.warm_up()
    delays, misses = [], 0
    step = max(Article.objects.count() // 7, 1)
    pks = list(Article.objects.order_by("pk").values_list("pk", flat=True)[::step])
    for number, pk in enumerate(pks[:5]):
        token = f"freshbench{number}x{os.getpid()}"
        started = time.perf_counter()
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=pk)
            article.headline = f"{article.headline} {token}"
            article.edited = True
            article.save()
        found = False
        while time.perf_counter() - started < args.fresh_timeout:
            if service_hits(service, token):
                found = True
                break
            time.sleep(0.01)
        if found:
            delays.append((time.perf_counter() - started) * 1000)
        else:
            misses += 1
    return {
        "warm_up_s": round(warm_up_s, 2),
        "saves": len(pks[:5]),
        "found": len(delays),
        "missed": misses,
        "timeout_s": args.fresh_timeout,
        "p50_ms": round(statistics.median(delays), 1) if delays else None,
        "max_ms": round(max(delays), 1) if delays else None,
    }


def service_hits(service, token: str) -> int:
    """Hits for ``token`` through the project's one search function, as the page calls it."""
    from articles.forms import SearchForm

    return service.search(SearchForm({"q": token}).spec()).total


PHASES = {"load": load_phase, "search": search_phase, "fresh": fresh_phase}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("--n", type=lambda v: None if v == "all" else int(v), required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--side", choices=("project", "baseline"), default="project")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--fresh-timeout", type=float, default=5.0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    django.setup()
    result = PHASES[args.phase](args)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
