"""The generic SearchQuerySet path (used for engines other than ours) finds what ours finds.

Both paths run against the same real Whoosh index of the seed pages, so this also checks
that haystack's stock query building (filters, Exact, exclude, date ranges, facets) works
with our Chinese analyzer.
"""

from datetime import date

import pytest

from articles.forms import SearchForm
from articles.search import generic, service
from articles.search.service import search

from .conftest import make_article

pytestmark = pytest.mark.django_db

CASES = [
    {"q": "五金"},
    {"q": "五金 永康"},
    {"q": "城市更新"},
    {"reporter": "陈晓苏"},
    {"q": "五金", "reporter": "陈晓苏"},
    {"q": "五金", "from": "2022-11-01"},
    {"q": "五金", "to": "2022-04-30"},
    {"from": "2022-04-01", "to": "2022-04-30"},
    {"kind": "commentary"},
    {"q": "五金 -陈晓苏"},
    {"q": '"清廉金华"'},
    {"q": '"打一场漂亮的翻身仗"'},
    {"q": "五金", "sort": "oldest"},
    {"q": "金"},  # one character: every word holding it
    {"q": "五金 -廉"},
    {"q": "城市 OR 五金"},  # alternatives, brackets, exclusion and phrases combined
    {"q": "(城市 | 五金) -清廉"},
    {"q": '"城市更新" OR "清廉金华"'},
    {"q": '五金 ("清廉金华" | 政协)'},
    {"q": "城市 OR -五金"},
    {"q": "市更"},  # cuts through words: found by character pairs
    {},
]


def spec(**params):
    form = SearchForm(params)
    form.is_valid()
    return form.spec()


def fast(s):
    return service.engine_search()(s)


@pytest.mark.parametrize("params", CASES, ids=lambda p: repr(p))
def test_generic_path_finds_the_same_articles_and_facets(seeded, params):
    s = spec(**params)
    ours, theirs = fast(s), generic.search_articles(s)
    assert ours.total > 0
    assert theirs.total == ours.total
    assert {pk for pk, _, _ in theirs.hits} == {pk for pk, _, _ in ours.hits}
    assert dict((pk, people) for pk, _, people in theirs.hits) == {
        pk: people for pk, _, people in ours.hits
    }
    assert (theirs.people, theirs.years, theirs.kinds) == (ours.people, ours.years, ours.kinds)
    assert theirs.months == ours.months


def test_generic_path_pages_and_sorts_by_date(seeded):
    for i in range(25):
        make_article(f"分页测试{i}", body="分页测试内容", day=date(2023, 1, 1 + i))
    for sort in ("newest", "oldest"):
        pages = [spec(q="分页测试", sort=sort, page=str(n)) for n in (1, 2)]
        ours = [pk for s in pages for pk, _, _ in fast(s).hits]
        theirs = [pk for s in pages for pk, _, _ in generic.search_articles(s).hits]
        assert len(theirs) == 25 and theirs == ours


def test_search_page_works_on_the_generic_path(seeded, client, monkeypatch):
    monkeypatch.setattr(service, "engine_search", lambda: generic.search_articles)
    result = search(spec(q="五金"))
    assert result.total == 4 and len(result.hits) == 4
    assert dict(result.facets["people"]) == {"陈晓苏": 2, "张赤奎": 1}
    html = client.get("/search/", {"q": "五金", "reporter": "张赤奎", "from": "2024-01-01"})
    assert "去掉日期范围可以找到 1 篇" in html.content.decode()


def test_a_query_form_the_one_pass_path_refuses_is_answered_through_searchqueryset(
    seeded, client, monkeypatch
):
    from articles.search import backend as whoosh_backend
    from articles.search.results import Unsupported

    expected = generic.search_articles(spec(q="五金"))

    def refuse(query, leaf, scored, **options):
        raise Unsupported(query)

    monkeypatch.setattr(whoosh_backend, "evaluate", refuse)
    result = search(spec(q="五金"))
    assert result.total == expected.total == 4
    assert {h.article.pk for h in result.hits} == {pk for pk, _, _ in expected.hits}
    assert dict(result.facets["people"]) == {"陈晓苏": 2, "张赤奎": 1}
    assert "五金" in client.get("/search/", {"q": "五金"}).content.decode()
