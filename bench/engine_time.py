"""CPU time of the search engine alone per benchmark query, by kind (p50 / p95 ms).

    .venv/bin/python -m bench.engine_time bench/out/project-n10000 [--n 10000]

Uses the data and index a previous ``bench.run`` left in that folder and the queries its load
phase drew (``queries.json``: the 200 of the mix and the one-character ones), or for an older
folder the same 200 queries again (same seed). Measures ``process_time`` around the engine's
``search_articles`` only: on a machine shared with other work, CPU time compares two versions
where wall time does not.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=20240607)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yongkang.settings")
    os.environ["YONGKANG_DATA_DIR"] = str(args.folder / "data")
    os.environ["YONGKANG_INDEX_DIR"] = str(args.folder / "index")
    os.environ["YONGKANG_SEARCH_RATE"] = "off"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
    os.environ.setdefault("DJANGO_DEBUG", "1")  # as bench.run: the development settings
    import django

    django.setup()
    from articles.forms import SearchForm
    from articles.search import service

    from .phases import project_url
    from .queries import Query

    stored = args.folder / "queries.json"
    if stored.exists():  # drawn by the run's load phase: the same queries, one-character too
        drawn = json.loads(stored.read_text(encoding="utf-8"))
        queries = [Query(**q) for q in drawn["mix"] + drawn.get("one_char", [])]
    else:
        from .corpus import build_articles
        from .queries import make_queries

        queries = make_queries(build_articles(args.n, args.seed), 200, args.seed)
    engine = service.engine_search()
    specs = []
    for query in queries:
        form = SearchForm(dict(parse_qsl(urlsplit(project_url(query)).query)))
        form.is_valid()
        spec = form.spec()
        if hasattr(service, "with_reporters"):
            spec = service.with_reporters(spec)
        specs.append((query.kind, spec))
    for _, spec in specs[:20]:  # warm the per-segment caches
        engine(spec)
    times = defaultdict(list)
    for kind, spec in specs:
        started = time.process_time()
        engine(spec)
        times[kind].append((time.process_time() - started) * 1000)
    every = []
    for kind, values in sorted(times.items()):
        values.sort()
        every += values
        print(f"{kind:12} p50 {statistics.median(values):6.1f}  p95 {p95(values):6.1f} ms")
    every.sort()
    print(f"{'all':12} p50 {statistics.median(every):6.1f}  p95 {p95(every):6.1f} ms")
    return 0


def p95(values):
    return values[max(0, int(len(values) * 0.95) - 1)]


if __name__ == "__main__":
    sys.exit(main())
