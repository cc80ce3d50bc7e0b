"""Searching the seed editions: what a reader finds, through the service and the page."""

import re
from datetime import date
from html import unescape

import pytest

from articles.forms import SearchForm
from articles.search.service import search

from .conftest import make_article

pytestmark = pytest.mark.django_db


def run(**params):
    form = SearchForm(params)
    form.is_valid()
    return search(form.spec())


def headlines(result):
    return [hit.article.headline for hit in result.hits]


def test_one_word_finds_the_four_articles_that_mention_it(seeded):
    result = run(q="五金")
    assert result.total == 4
    dates = sorted(hit.article.edition.date for hit in result.hits)
    assert dates == [date(2022, 4, 2)] * 3 + [date(2022, 11, 7)]
    assert all(hit.article.kind != "notice" for hit in result.hits)


def test_reporter_filter_returns_exactly_her_three_articles(seeded):
    from articles.models import Article

    result = run(reporter="陈晓苏")
    expected = set(Article.objects.filter(people__name="陈晓苏").values_list("pk", flat=True))
    assert len(expected) == 3
    assert {hit.article.pk for hit in result.hits} == expected
    assert result.spec.sort == "newest"
    assert [h.article.edition.date for h in result.hits] == sorted(
        (h.article.edition.date for h in result.hits), reverse=True
    )


def test_date_range_narrows(seeded):
    assert run(q="五金", **{"from": "2022-11-01"}).total == 1
    assert run(q="五金", to="2022-04-30").total == 3
    assert run(q="五金", **{"from": "2022-04-03", "to": "2022-11-06"}).total == 0


def test_phrase_finds_the_exact_phrase_only(seeded):
    from articles.models import Article

    assert headlines(run(q='"清廉金华"'))[0].startswith("清廉金华")
    make_article("无关", body="清廉的金华人")  # both words, not the phrase
    with_phrase = set(
        Article.objects.filter(body__contains="打一场漂亮的翻身仗").values_list("pk", flat=True)
    )
    result = run(q='"打一场漂亮的翻身仗"')
    assert {hit.article.pk for hit in result.hits} == with_phrase
    assert "清廉的金华人" not in [h.article.body for h in run(q='"清廉金华"').hits]


def test_phrase_across_word_boundaries_matches_the_characters(seeded):
    from articles.models import Article

    make_article("短语", body="我市城中村改造进入攻坚阶段")
    expected = set(Article.objects.filter(body__contains="中村改造").values_list("pk", flat=True))
    assert {hit.article.pk for hit in run(q='"中村改造"').hits} == expected
    assert run(q='"改造城中村"').total == 0


def test_traditional_query_finds_simplified_text(seeded):
    assert run(q="清廉金華").total == run(q="清廉金华").total > 0
    assert run(reporter="陳曉蘇").total == 3


def test_minus_excludes(seeded):
    all_five = {h.article.pk for h in run(q="五金").hits}
    without = {h.article.pk for h in run(q="五金 -陈晓苏").hits}
    assert without and without < all_five
    assert all("陈晓苏" not in h.article.byline for h in run(q="五金 -陈晓苏").hits)


def test_headline_match_ranks_first(seeded):
    make_article("五金博览会开幕", body="展会今天开幕。", day=date(2021, 1, 1))
    assert headlines(run(q="五金"))[0] == "五金博览会开幕"


def test_snippets_mark_every_term_and_escape_markup(seeded):
    hit = run(q="五金 永康").hits[0]
    assert "<mark>五金</mark>" in hit.snippet and "<mark>永康</mark>" in hit.snippet
    make_article("脚本测试", body='前文<script>alert("x")</script>五金后文')
    snippet = run(q="脚本测试 五金").hits[0].snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>五金</mark>" in snippet


def test_facets_and_timeline(seeded):
    result = run(q="五金")
    assert dict(result.facets["people"]) == {"陈晓苏": 2, "张赤奎": 1}
    assert result.facets["year"] == [(2022, 4)]
    assert {k: n for k, _, n in result.facets["kind"]} == {"news": 3, "commentary": 1}
    bars = {(b.year, b.month): b.count for b in result.timeline}
    assert bars[(2022, 4)] == 3 and bars[(2022, 11)] == 1 and bars[(2022, 6)] == 0


def test_empty_query_with_a_filter_lists_newest_first(seeded):
    result = run(kind="commentary")
    assert result.total == 2
    assert result.hits[0].article.edition.date == date(2022, 11, 7)


def test_pagination(seeded):
    for i in range(25):
        make_article(f"分页测试{i}", body="分页测试内容", day=date(2023, 1, 1 + i))
    first, second = run(q="分页测试"), run(q="分页测试", page="2")
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert run(q="分页测试", page="9").page == 2


def test_search_page_shows_results_facets_and_timeline(seeded, client):
    response = client.get("/search/", {"q": "五金"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 <strong>4</strong> 篇文章" in html
    assert "2022年11月7日 星期一" in html
    assert "?reporter=%E9%99%88%E6%99%93%E8%8B%8F" in html  # credited people link
    assert "reporter=%E9%99%88%E6%99%93%E8%8B%8F" in html and "<meter" in html
    assert "<mark>五金</mark>" in html
    assert "<script" not in html


def test_zero_results_suggest_the_search_without_the_narrowest_filter(seeded, client):
    for day in (1, 2):
        make_article(f"五金{day}", body="五金", day=date(2023, 3, day), people=["张赤奎"])
    # Without the dates: 3 articles of his; without him: none from 2024 on.
    response = client.get("/search/", {"q": "五金", "reporter": "张赤奎", "from": "2024-01-01"})
    html = response.content.decode()
    assert "没有找到符合条件的文章" in html
    assert "去掉日期范围可以找到 3 篇" in html
    link = re.search(r'class="broader">.*?href="([^"]+)"', html).group(1)
    assert "共找到 <strong>3</strong> 篇文章" in client.get(unescape(link)).content.decode()


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '""',
        "((",
        "AND OR NOT",
        "五金 AND",
        "-",
        '"五金',
        "*",
        "五金~2",
        "a:b",
        "\\",
        "五金" * 5000,
        "\x00",
        "<script>",
        "😀",
        "   ",
    ],
)
def test_malformed_queries_never_fail(seeded, client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert client.get("/api/search", {"q": q}).status_code in (200, 400)


@pytest.mark.parametrize(
    "params",
    [
        {"from": "x"},
        {"page": "0"},
        {"kind": "x"},
        {"sort": "x"},
        {"to": "2022-02-30"},
    ],
)
def test_bad_parameters_show_a_message_on_the_page(seeded, client, params):
    response = client.get("/search/", {"q": "五金", **params})
    assert response.status_code == 200
    assert "已忽略此项" in response.content.decode()


def test_warm_up_never_stops_a_worker_from_starting(monkeypatch, caplog):
    from articles.search import service

    def broken(spec):
        raise RuntimeError("index folder missing")

    monkeypatch.setattr(service, "engine_search", lambda: broken)
    assert service.warm_up() >= 0
    assert "search warm-up failed" in caplog.text


def test_a_results_page_reads_a_fixed_number_of_rows_without_page_texts(seeded, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(q):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": q})
        assert response.status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    queries("永康")  # the first page also fills the reporter suggestions' cache
    one, many = queries("清廉金华"), queries("五金")
    assert "第" in client.get("/search/", {"q": "五金"}).text  # cards still print the page
    assert len(many) == len(one)  # not a query per card
    article_reads = [sql for sql in many if '"articles_article"."body"' in sql]
    assert article_reads and all(
        '"raw_text"' not in sql and '"original"' not in sql for sql in article_reads
    )
