"""Recall of substrings on a loaded benchmark folder: does a string an article holds find it?

    .venv/bin/python -m bench.recall bench/out/project-n10000 [--samples 500] [--names 200]

Uses the data and index a previous ``bench.run`` left in the folder. Draws random runs of
2–8 Chinese characters from random articles' headlines and bodies (seeded), searches each
through the search service as the page does, and counts those whose article is among the
matches; then adds ``--names`` new people named by 2–3-character strings cut from stored
text (as imports crediting new names do), without re-indexing, and draws again. Prints the
share found and the engine's time per query (p50 / p95).
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

HAN_RUN = re.compile("[\u4e00-\u9fff]{2,}")


def configure(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yongkang.settings")
    os.environ["YONGKANG_DATA_DIR"] = str(folder / "data")
    os.environ["YONGKANG_INDEX_DIR"] = str(folder / "index")
    os.environ["YONGKANG_SEARCH_RATE"] = "off"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")


def samples(articles, count, rng):
    out = []
    while len(out) < count:
        pk, headline, body = rng.choice(articles)
        runs = HAN_RUN.findall(headline) + HAN_RUN.findall(body)
        if not runs:
            continue
        run = rng.choice(runs)
        length = rng.randint(2, min(8, len(run)))
        start = rng.randint(0, len(run) - length)
        out.append((pk, run[start : start + length]))
    return out


def finds(spec, pk) -> bool:
    """Whether the search matches article ``pk`` anywhere (not only on its first page): the
    engine's one-pass evaluation of the whole query, segment by segment."""
    from haystack import connections

    from articles.search.evaluate import evaluate, leaves

    backend = connections["default"].get_backend()
    query = spec.whoosh_query(backend.content_field_name, backend.roles)
    if query is None:
        return False
    searcher = backend.searcher()
    for leaf in leaves(searcher, backend._segment_key):
        pks = backend._segment_data(leaf.reader).pks
        if pk in {pks[d] for d in evaluate(query, leaf, False)}:
            return True
    return False


def probe(pairs) -> dict:
    from articles.forms import SearchForm
    from articles.search import service

    engine = service.engine_search()

    found, timings, missed = 0, [], []
    for pk, needle in pairs:
        form = SearchForm({"q": needle})
        form.is_valid()
        spec = form.spec()
        started = time.perf_counter()
        engine(spec)  # the engine's answer for the page (no snippets)
        timings.append((time.perf_counter() - started) * 1000)
        if finds(spec, pk):
            found += 1
        else:
            missed.append(needle)
    timings.sort()
    return {
        "samples": len(pairs),
        "found": found,
        "share": found / len(pairs),
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "missed_examples": missed[:8],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--names", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    configure(args.folder)
    import django

    django.setup()
    from articles.models import Article, Person

    rng = random.Random(args.seed)
    articles = list(Article.objects.values_list("pk", "headline", "body"))
    before = probe(samples(articles, args.samples, rng))
    print(
        f"as indexed:       {before['found']}/{before['samples']} found "
        f"({before['share']:.1%}); search p50 {before['p50_ms']:.1f} / p95 "
        f"{before['p95_ms']:.1f} ms; missed e.g. {before['missed_examples']}"
    )
    # New names cut from stored text, as imports bring them; nothing re-indexed. They stay
    # in the folder's database: run this on a scratch bench folder.
    added = set()
    for _ in range(args.names):
        _, needle = samples(articles, 1, rng)[0]
        name = needle[: rng.choice((2, 3))]
        if len(name) >= 2 and not Person.objects.filter(name=name).exists():
            Person.objects.create(name=name)
            added.add(name)
    after = probe(samples(articles, args.samples, rng))
    print(
        f"+{len(added)} names:       {after['found']}/{after['samples']} found "
        f"({after['share']:.1%}); search p50 {after['p50_ms']:.1f} / p95 "
        f"{after['p95_ms']:.1f} ms; missed e.g. {after['missed_examples']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
