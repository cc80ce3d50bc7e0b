"""The search page's reader-facing layout (issue 15): paging past the end, one message per
problem, result cards with page and lead sentence, the year timeline."""

import re
from datetime import date

import pytest

from articles.search.service import MonthBar
from articles.views.timeline import timeline_html, year_bars
from tests.search.conftest import make_article, store_expected_pages


@pytest.fixture
def seeded(db):
    return store_expected_pages()


@pytest.mark.parametrize("asked", ["2", "999", "100000"])
def test_a_page_past_the_last_shows_the_last_page_with_a_note(seeded, client, asked):
    html = client.get("/search/", {"q": "五金", "page": asked}).content.decode()
    assert f"没有第 {asked} 页，结果只有 1 页；这是最后一页。" in html
    assert "第 1 / 1 页" in html
    assert html.count('class="result-card') >= 1
    assert "已忽略此项" not in html


@pytest.mark.parametrize("asked", ["2", "999", "100000"])
def test_the_api_answers_a_page_past_the_last_like_the_page(seeded, client, asked):
    response = client.get("/api/search", {"q": "五金", "page": asked})
    assert response.status_code == 200
    body = response.json()
    assert (body["page"], body["pages"], body["requested_page"]) == (1, 1, int(asked))
    assert body["note"] == f"没有第 {asked} 页，结果只有 1 页；这是最后一页。"
    assert body["results"]


def test_a_page_that_exists_has_no_note(seeded, client):
    body = client.get("/api/search", {"q": "五金", "page": "1"}).json()
    assert "note" not in body and "requested_page" not in body
    assert "最后一页" not in client.get("/search/", {"q": "五金"}).content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"from": "4/2/2022"}, "起始日期应写成 2022-04-02 或 2022年4月2日。"),
        ({"kind": "poem"}, "没有“poem”这种文章类型。"),
        ({"page": "abc"}, "页码应为正整数。"),
    ],
)
def test_each_problem_is_said_once(seeded, client, params, message):
    html = client.get("/search/", {"q": "五金", **params}).content.decode()
    assert html.count(message) == 1


def test_a_filter_problem_unfolds_the_filters(seeded, client):
    folded = client.get("/search/", {"q": "五金"}).content.decode()
    assert '<details class="search-filters">' in folded
    unfolded = client.get("/search/", {"q": "五金", "to": "明天"}).content.decode()
    assert '<details class="search-filters" open>' in unfolded


def test_chinese_dates_filter_and_show_as_iso(seeded, client):
    html = client.get("/search/", {"q": "五金", "from": "2022年11月1日"}).content.decode()
    assert 'name="from" value="2022-11-01"' in html
    assert "2022-11-01 至 最新" in html  # the folded filters' summary
    assert "2022年4月2日" not in re.sub(r"<form.*?</form>", "", html, flags=re.S)
    assert 'type="date"' not in html


def test_result_cards_show_page_kind_date_and_a_lead_without_snippet(seeded, client):
    make_article(
        "只在标题里的独特词汇", body="第一句是导语。第二句不该出现。", day=date(2023, 5, 6)
    )
    html = client.get("/search/", {"q": "独特词汇"}).content.decode()
    card = html[html.index('class="result-card') :]
    card = card[: card.index("</li>")]
    assert "2023年5月6日 星期六" in card and "第9版" in card and "消息" in card
    assert '<p class="lead">第一句是导语。</p>' in card
    assert "第二句" not in card


def test_result_cards_keep_the_snippet_where_it_marks_a_word(seeded, client):
    make_article("标题", body="开头无关。后来提到独特词汇的地方。", day=date(2023, 5, 6))
    html = client.get("/search/", {"q": "独特词汇"}).content.decode()
    assert '<p class="snippet">' in html and "<mark>" in html
    assert '<p class="lead">' not in html


def month_bars(first_year, last_year):
    return [
        MonthBar(year, month, (year + month) % 7, 0)
        for year in range(first_year, last_year + 1)
        for month in range(1, 13)
    ]


def test_the_timeline_has_one_row_per_year_opening_to_its_months():
    bars = month_bars(2012, 2026)
    html = timeline_html(
        bars, lambda **params: "?" + "&".join(f"{k}={v}" for k, v in params.items())
    )
    assert html.count("<details>") == 15  # one per year, all folded
    assert html.count("<summary") == 15
    assert html.count('<ol class="timeline-months">') == 15
    assert '<a href="?from=2019-01-01&amp;to=2019-12-31">只看2019年' in html
    assert 'href="?from=2019-03-01&amp;to=2019-03-31"' in html
    years = year_bars(bars)
    assert [y.year for y in years] == list(range(2012, 2027))
    assert max(y.percent for y in years) == 100


def test_a_timeline_of_one_year_opens_it():
    html = timeline_html(month_bars(2022, 2022), lambda **params: "?")
    assert html.count("<details open>") == 1


def test_timeline_links_keep_the_search_even_when_it_mentions_the_markers():
    from urllib.parse import parse_qs, urlencode

    def link(**changes):
        return "?" + urlencode({"q": "from=FIRSTDAY to=LASTDAY"} | changes)

    html = timeline_html(month_bars(2020, 2021), link)
    url = html.split('href="', 2)[1].split('"', 1)[0].replace("&amp;", "&")
    assert parse_qs(url[1:]) == {
        "q": ["from=FIRSTDAY to=LASTDAY"],
        "from": ["2020-01-01"],
        "to": ["2020-01-31"],
    }
