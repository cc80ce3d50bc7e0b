"""1,200 generated requests against search, the API, feeds and the browse pages: no 500s.

A seeded generator (the same requests every run, so a failure reproduces) mixes random
Unicode, Whoosh syntax characters, boolean-operator soup, 10,000-character queries, invalid
dates, absurd page numbers, unknown and repeated parameters, and impossible URL segments.
"""

import random
import time
from datetime import date
from urllib.parse import quote

import pytest
from django.test import override_settings

from articles.importer import import_paths
from articles.models import Article, Person

from .helpers import write_pages

REQUESTS = 1200
SEED = 20221107
# A guard against a request that hangs or explodes, not a benchmark.
SLOW_REQUEST_SECONDS = 5.0

WHOOSH_SYNTAX = list("*?~^:()[]{}\"'+-!/\\") + ["AND", "OR", "NOT", "TO", "*:*", "~2", "^3"]
WORDS = ["永康", "五金", "翻身仗", "市委", "陈晓苏", "记者", "fuzz", "a", "", " ", "　"]
FIELDS = ["headline:", "text:", "people:", "date:", "kind:", "django_id:", "id:"]
ODD_VALUES = [
    "-1",
    "0",
    "99999999",
    "1e9",
    "abc",
    "",
    "NaN",
    "1.5",
    "０１",
    "9" * 40,
    "２",
    "null",
    "2022-02-30",
    "2022-13-01",
    "0000-00-00",
    "9999-12-31",
    "1-1-1",
    "2022/11/07",
    "昨天",
]
KINDS = ["news", "commentary", "notice", "teaser", "photo", "bogus", ""]
SORTS = ["relevance", "newest", "oldest", "random", ""]


def random_unicode(rng: random.Random, length: int) -> str:
    ranges = [
        (0x20, 0x7E),
        (0x4E00, 0x9FFF),
        (0x3000, 0x303F),
        (0xFF00, 0xFFEF),
        (0x80, 0x2FF),
        (0x1F300, 0x1FAFF),
        (0xE000, 0xE0FF),
        (0x0, 0x1F),
    ]
    chars = []
    for _ in range(length):
        lo, hi = rng.choice(ranges)
        code = rng.randint(lo, hi)
        if 0xD800 <= code <= 0xDFFF:
            code = 0x4E00
        chars.append(chr(code))
    return "".join(chars)


def random_query(rng: random.Random) -> str:
    shape = rng.randrange(7)
    if shape == 0:
        return random_unicode(rng, rng.randint(0, 40))
    if shape == 1:
        return "".join(rng.choice(WHOOSH_SYNTAX + WORDS) for _ in range(rng.randint(1, 30)))
    if shape == 2:
        return " ".join(rng.choice(["AND", "OR", "NOT", "(", ")", *WORDS]) for _ in range(30))
    if shape == 3:
        unit = rng.choice(["永康", "a ", "*", "OR ", "(", random_unicode(rng, 3)])
        return (unit * (10_000 // len(unit) + 1))[:10_000]
    if shape == 4:
        return rng.choice(FIELDS) + rng.choice(WORDS + WHOOSH_SYNTAX) + rng.choice(["", "*", "~"])
    if shape == 5:
        return '"' + " ".join(rng.choices(WORDS, k=rng.randint(1, 6))) + rng.choice(['"', ""])
    return rng.choice(WORDS) + rng.choice(WHOOSH_SYNTAX) + rng.choice(WORDS)


def random_params(rng: random.Random) -> list[tuple[str, str]]:
    params = []
    if rng.random() < 0.9:
        params.append(("q", random_query(rng)))
    for name, values in [
        ("from", ODD_VALUES + ["2022-04-01"]),
        ("to", ODD_VALUES + ["2022-11-30"]),
        ("page", ODD_VALUES),
        ("kind", KINDS),
        ("sort", SORTS),
        ("reporter", WORDS + [random_unicode(rng, 60)]),
        ("role", ["记者", "摄影", "bogus", ""]),
        ("date", ODD_VALUES + ["2022-04-02"]),
    ]:
        if rng.random() < 0.3:
            params.append((name, rng.choice(values)))
    if rng.random() < 0.2:  # repeated parameters
        params.extend(params[: rng.randint(1, 3)])
    if rng.random() < 0.2:  # unknown parameters
        params.append((random_unicode(rng, rng.randint(1, 8)), random_unicode(rng, 10)))
    rng.shuffle(params)
    return params


def random_path(rng: random.Random, article_ids: list[int], names: list[str]) -> str:
    year = rng.choice(["2022", "0", "1", "9999", "99999999999", "2023", "1900"])
    month = rng.choice(["4", "11", "0", "13", "99", "1"])
    day = rng.choice(["2", "7", "0", "31", "32", "29"])
    name = rng.choice(names + ["nobody", random_unicode(rng, 5), "%", "..", "' OR 1=1 --"])
    pk = rng.choice([*map(str, article_ids), "0", "999999999", "9" * 30])
    return rng.choice(
        [
            "/search/",
            "/search/",
            "/search/",
            "/api/search",
            "/api/search",
            "/api/search",
            "/search/feed/",
            "/",
            "/archive/",
            f"/archive/{year}/",
            f"/archive/{year}/{month}/",
            f"/{year}/{month}/{day}/",
            f"/articles/{pk}/",
            "/people/",
            f"/people/{quote(name.replace('/', ''), safe='')}/",
            f"/people/{quote(name.replace('/', ''), safe='')}/feed/",
            "/on-this-day/",
            "/feeds/latest/",
            "/sitemap.xml",
        ]
    )


@pytest.fixture
def archive(tmp_path, transactional_db, own_index, seed_pages_dir):
    summary = import_paths([seed_pages_dir, *write_pages(tmp_path, date(2022, 4, 3), 6, "fz")])
    assert not summary.failures, [r.error for r in summary.failures]
    return (
        list(Article.objects.values_list("pk", flat=True)),
        list(Person.objects.values_list("name", flat=True)),
    )


@override_settings(SEARCH_RATE_LIMIT="off")
def test_generated_requests_never_get_a_server_error(client, archive):
    article_ids, names = archive
    rng = random.Random(SEED)
    statuses: dict[int, int] = {}
    problems = []
    for number in range(REQUESTS):
        path = random_path(rng, article_ids, names)
        params = random_params(rng)
        started = time.monotonic()
        try:
            response = client.get(path, params)
        except Exception as exc:  # an exception escaping the view is a 500 in production
            problems.append((number, path, params[:3], f"{type(exc).__name__}: {exc}"))
            continue
        elapsed = time.monotonic() - started
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500 or elapsed > SLOW_REQUEST_SECONDS:
            problems.append((number, path, params[:3], response.status_code, round(elapsed, 1)))
    kinds = sorted({(p[1].split("/")[1], str(p[-1])[:90]) for p in problems})
    assert not problems, (len(problems), kinds[:20], problems[:3])
    assert sum(statuses.values()) == REQUESTS
    # The generator reaches real answers too, not only error pages.
    assert statuses.get(200, 0) > REQUESTS // 3
    assert statuses.get(404, 0) > 0
