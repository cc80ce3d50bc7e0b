"""Hostile content imported first, then every URL walked and 1,200 generated requests: no 500s.

The archive holds what an attacker or a careless operator can put in: credited names with
``/``, ``..``, ``%2F`` and control characters (through the importer, and as rows stored
before names were checked), markup in every field, a 1 MB paragraph (imported with the
limits raised, as an operator may), and a page replaced with ``--replace``.

Then every URL is walked, the admin's included, and a seeded generator (the same requests
every run, so a failure reproduces) mixes random Unicode, Whoosh syntax characters,
boolean-operator soup, 10,000-character queries, invalid dates, absurd page numbers,
unknown and repeated parameters, and impossible URL segments. No timing is asserted (see
bench/ for speed); the slowest requests are printed so a slow page is seen.
"""

import contextlib
import random
import time
from datetime import date, timedelta
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from articles.importer import import_file, import_paths
from articles.models import Article, Credit, Edition, Page, Person, Role

from .helpers import page_text, write_pages

REQUESTS = 1200
SEED = 20221107
MARKUP = '<b>粗</b>"><img src=x onerror=alert(1)><script>alert(2)</script>'
# Names as bylines print them (the importer checks them) and as rows stored before it did.
HOSTILE_NAMES = ["张/三", "..", "%2F", "王\x0c五", "李\x01四", "<i>赵</i>", "a/../b", "12", "?x#y"]

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


def random_path(
    rng: random.Random, article_ids: list[int], names: list[str], person_ids: list[int]
) -> str:
    year = rng.choice(["2022", "0", "1", "9999", "99999999999", "2023", "1900"])
    month = rng.choice(["4", "11", "0", "13", "99", "1"])
    day = rng.choice(["2", "7", "0", "31", "32", "29"])
    name = rng.choice(names + ["nobody", random_unicode(rng, 5), "%", "..", "' OR 1=1 --"])
    pk = rng.choice([*map(str, article_ids), "0", "999999999", "9" * 30])
    person = rng.choice([*map(str, person_ids), "0", "999999999", "9" * 30, quote(name, safe="")])
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
            f"/people/{quote(name, safe='')}/",
            f"/people/{quote(name, safe='')}/feed/",
            f"/people/{person}/",
            f"/people/{person}/feed/",
            "/on-this-day/",
            "/feeds/latest/",
            "/sitemap.xml",
        ]
    )


def hostile_page(day: date) -> str:
    """The seed page re-dated, markup and control characters in every heading, hostile names
    in its bylines, and a closing credit for a supplying unit."""
    text = page_text(day, MARKUP + "\x0c\x01")
    text = text.replace("本报讯(融媒首席记者 陈晓苏)", "本报讯(融媒首席记者 张/三 通讯员 ..)", 1)
    text = text.replace("本报讯(融媒首席记者 张赤奎)", "本报讯(记者 %2F 通讯员 王\x0c五)", 1)
    return text + (
        f"\n\n## 来稿{MARKUP}\n\n### 副题{MARKUP}\n\n"
        '某单位来稿<a href="javascript:alert(3)">链接</a>&amp;\x0b内容。'
        "\n\n(市教育局/宣传科供稿)\n"
    )


def megabyte_paragraph(rng: random.Random) -> str:
    """About 1 MB of one paragraph: random Unicode with markup and control characters."""
    pieces = []
    size = 0
    while size < 1_000_000:
        # One line, and no NUL (the decoder rightly refuses a file holding one as binary).
        piece = random_unicode(rng, 200).translate({0: None, 10: 32, 13: 32}) + MARKUP
        pieces.append(piece)
        size += len(piece.encode())
    return "".join(pieces)


@pytest.fixture
def archive(tmp_path, transactional_db, own_index, seed_pages_dir):
    first = date(2022, 4, 3)
    summary = import_paths([seed_pages_dir, *write_pages(tmp_path, first, 6, "fz")])
    assert not summary.failures, [r.error for r in summary.failures]

    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "2022-04-10.txt").write_text(hostile_page(date(2022, 4, 10)), encoding="utf-8")
    big = hostile / "2022-04-11.txt"
    big.write_text(
        page_text(date(2022, 4, 11), "大")
        + "\n\n## 一段一兆\n\n"
        + megabyte_paragraph(random.Random(SEED)),
        encoding="utf-8",
    )
    # The default limits refuse the megabyte, with the file named …
    refused = import_file(big)
    assert refused.failed and refused.error.startswith(f"{big}: 文件 "), refused.error
    # … and an operator who raises them gets it imported, and the site must still hold.
    with override_settings(IMPORT_MAX_PAGE_BYTES=3_000_000, IMPORT_MAX_ARTICLE_CHARS=2_000_000):
        summary = import_paths([hostile])
    assert not summary.failures, [r.error for r in summary.failures]
    assert max(len(body) for body in Article.objects.values_list("body", flat=True)) > 300_000
    # A second file for an imported page, put in its place with --replace.
    again = tmp_path / "again" / "2022-04-10-rescan.txt"
    again.parent.mkdir()
    again.write_text(hostile_page(date(2022, 4, 10)).replace("某单位", "某<单位>"), "utf-8")
    assert import_file(again).failed
    assert not import_file(again, replace=True).failed

    # Rows stored before names were checked at import (or typed in the admin).
    target = Article.objects.filter(edition__date=date(2022, 4, 10)).first()
    for order, name in enumerate(HOSTILE_NAMES, start=10):
        person, _ = Person.objects.get_or_create(name=name)
        Credit.objects.get_or_create(
            article=target, person=person, role=Role.CONTRIBUTOR, defaults={"order": order}
        )
    return (
        list(Article.objects.values_list("pk", flat=True)),
        list(Person.objects.values_list("name", flat=True)),
        list(Person.objects.values_list("pk", flat=True)),
    )


class Timings:
    """Every request's time, to print the slowest (a report, not an assertion)."""

    def __init__(self):
        self.seen: list[tuple[float, str]] = []

    def get(self, client, path, params=None):
        started = time.monotonic()
        try:
            return client.get(path, params or {})
        finally:
            shown = f"{path} {urlencode(params)[:80]}" if params else path
            self.seen.append((time.monotonic() - started, shown))

    def report(self, capsys, title):
        slowest = sorted(self.seen, reverse=True)[:5]
        with capsys.disabled():
            print(f"\n{title}: {len(self.seen)} requests, slowest:")
            for seconds, path in slowest:
                print(f"  {seconds * 1000:8.0f} ms  {path[:160]}")


def public_urls(person_ids, article_ids) -> list[str]:
    editions = list(Edition.objects.order_by("date"))
    urls = ["/", "/archive/", "/people/", "/on-this-day/", "/feeds/latest/", "/sitemap.xml"]
    urls += ["/search/", "/search/feed/", "/api/search"]
    for role in Role.values:
        urls.append(f"/people/?role={quote(role)}")
    for edition in editions:
        day = edition.date
        urls += [
            edition.get_absolute_url(),
            f"/archive/{day.year}/",
            f"/archive/{day.year}/{day.month}/",
            f"/on-this-day/?date={(day + timedelta(days=366)).isoformat()}",
        ]
    for pk in person_ids:
        urls += [f"/people/{pk}/", f"/people/{pk}/feed/", f"/people/{pk}/?page=2"]
    for name in Person.objects.values_list("name", flat=True):
        urls += [
            f"/people/{quote(name, safe='')}/",
            f"/search/?reporter={quote(name, safe='')}",
            f"/api/search?reporter={quote(name, safe='')}",
            f"/search/feed/?reporter={quote(name, safe='')}",
        ]
    for pk in article_ids:
        urls += [f"/articles/{pk}/", f"/articles/{pk}/?page=2", f"/articles/{pk}/?page=99"]
    for day, number in Page.objects.values_list("edition__date", "number"):
        urls.append(reverse("articles:page_text", args=[day.year, day.month, day.day, number]))
    for query in [MARKUP, "张/三", "..", "%2F", "王\x0c五", "一段一兆", "市教育局"]:
        urls += [f"/search/?q={quote(query)}", f"/api/search?q={quote(query)}"]
    return urls


def admin_urls() -> list[str]:
    """Every model admin's list (plain, searched for markup), and for each of its objects the
    change, history and delete pages, and view-on-site."""
    urls = ["/admin/", "/admin/articles/"]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        urls += [reverse(f"{base}_changelist"), reverse(f"{base}_changelist") + "?q=%3Cb%3E"]
        with_on_site = hasattr(model, "get_absolute_url")
        content_type = ContentType.objects.get_for_model(model)
        for obj in model_admin.get_queryset(_request()).order_by("-pk")[:40]:
            for view in ("change", "history", "delete"):
                with contextlib.suppress(NoReverseMatch):
                    urls.append(reverse(f"{base}_{view}", args=[obj.pk]))
            if with_on_site:
                urls.append(f"/admin/r/{content_type.pk}/{obj.pk}/")
    return urls


def _request():
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.filter(is_superuser=True).first()
    return request


def test_walking_every_url_after_hostile_imports_gets_no_server_error(client, archive, capsys):
    article_ids, _, person_ids = archive
    get_user_model().objects.create_superuser("editor", "editor@example.com", None)
    timings = Timings()
    problems = []
    for url in public_urls(person_ids, article_ids):
        response = timings.get(client, url)
        if response.status_code >= 500:
            problems.append((url, response.status_code))
    client.force_login(get_user_model().objects.get(username="editor"))
    walked = admin_urls()
    assert len(walked) > 100
    for url in walked:
        response = timings.get(client, url)
        if response.status_code >= 500 or response.status_code == 404:
            problems.append((url, response.status_code))
    timings.report(capsys, "every URL")
    assert not problems, problems[:10]


@override_settings(SEARCH_RATE_LIMIT="off")
def test_generated_requests_never_get_a_server_error(client, archive, capsys):
    article_ids, names, person_ids = archive
    rng = random.Random(SEED)
    statuses: dict[int, int] = {}
    problems = []
    timings = Timings()
    for number in range(REQUESTS):
        path = random_path(rng, article_ids, names, person_ids)
        params = random_params(rng)
        try:
            response = timings.get(client, path, params)
        except Exception as exc:  # an exception escaping the view is a 500 in production
            problems.append((number, path, params[:3], f"{type(exc).__name__}: {exc}"))
            continue
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            problems.append((number, path, params[:3], response.status_code))
    timings.report(capsys, "generated requests")
    kinds = sorted({(p[1].split("/")[1], str(p[-1])[:90]) for p in problems})
    assert not problems, (len(problems), kinds[:20], problems[:3])
    assert sum(statuses.values()) == REQUESTS
    # The generator reaches real answers too, not only error pages.
    assert statuses.get(200, 0) > REQUESTS // 3
    assert statuses.get(404, 0) > 0
