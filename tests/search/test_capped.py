"""Past the cap the engine stops counting exactly: the page and the API say so."""

from datetime import date

import pytest

from articles.forms import SearchForm
from articles.search.service import MAX_MONTHS, search, timeline

from .conftest import make_article

pytestmark = pytest.mark.django_db


def run(**params):
    form = SearchForm(params)
    form.is_valid()
    return search(form.spec())


@pytest.fixture
def eight_walls(db):
    for i in range(8):
        make_article(
            f"城墙修缮第{i}期",
            body="城墙修缮工程",
            day=date(2020 + i % 2, 3, 1 + i),
            people=("王一",),
        )


def test_under_the_cap_counts_are_exact(eight_walls, settings):
    settings.SEARCH_TOTAL_CAP = 8
    result = run(q="城墙")
    assert (result.total, result.capped) == (8, False)
    assert dict(result.facets["year"]) == {2020: 4, 2021: 4}


def test_past_the_cap_the_total_is_a_lower_bound_and_facets_are_estimates(eight_walls, settings):
    settings.SEARCH_TOTAL_CAP = 4
    result = run(q="城墙")
    assert (result.total, result.capped, result.pages) == (4, True, 1)
    # An even sample of the eight, scaled back up: both years, each about four.
    assert set(dict(result.facets["year"])) == {2020, 2021}
    assert sum(dict(result.facets["year"]).values()) == 8
    assert dict(result.facets["people"]) == {"王一": 8}
    assert len(result.hits) == 4


def test_page_and_api_say_the_count_stopped(eight_walls, settings, client):
    settings.SEARCH_TOTAL_CAP = 4
    html = client.get("/search/", {"q": "城墙"}).content.decode()
    assert "共找到 <strong>4+</strong> 篇文章" in html
    assert "抽样估算" in html and "约8" in html
    data = client.get("/api/search", {"q": "城墙"}).json()
    assert (data["total"], data["total_relation"], data["facets_estimated"]) == (4, "gte", True)

    settings.SEARCH_TOTAL_CAP = 100
    html = client.get("/search/", {"q": "城墙"}).content.decode()
    assert "共找到 <strong>8</strong> 篇文章" in html and "约" not in html
    data = client.get("/api/search", {"q": "城墙"}).json()
    assert (data["total"], data["total_relation"], data["facets_estimated"]) == (8, "eq", False)


def test_a_page_past_the_cap_shows_the_last_page_within_it(eight_walls, settings):
    settings.SEARCH_TOTAL_CAP = 4
    form = SearchForm({"q": "城墙", "page": "3"})
    form.is_valid()
    result = search(form.spec(per_page=2))
    assert (result.page, result.pages, len(result.hits)) == (2, 2, 2)


def test_timeline_over_forty_years_reaches_the_latest_month():
    bars = timeline([((1986, 1), 3), ((2026, 6), 5)])
    assert (bars[0].year, bars[0].month, bars[-1].year, bars[-1].month) == (1986, 1, 2026, 6)
    assert len(bars) == 40 * 12 + 6


def test_timeline_of_a_misdated_edition_keeps_the_latest_century():
    bars = timeline([((1, 1), 1), ((2026, 6), 5)])
    assert len(bars) == MAX_MONTHS
    assert (bars[-1].year, bars[-1].month, bars[-1].count) == (2026, 6, 5)


def test_one_common_character_stops_reading_words_at_the_cap(db, settings):
    # 城 is held by four different words here; with a cap of 2 the engine reads the most
    # frequent word (城市, three articles) and stops: a part of the matches, said so.
    for i, text in enumerate(["城市建设", "城市规划", "城市绿道", "古城新貌", "县城道路", "城墙"]):
        make_article(f"第{i}篇{text}", body=text, day=date(2021, 1, 1 + i))
    settings.SEARCH_TOTAL_CAP = 100
    exact = run(q="城")
    assert (exact.total, exact.capped) == (6, False)

    settings.SEARCH_TOTAL_CAP = 2
    part = run(q="城")
    assert (part.total, part.capped) == (2, True)
    assert len(part.hits) == 2
    assert all("城市" in hit.article.body for hit in part.hits)
    newest = run(q="城", sort="newest")
    assert newest.capped and len(newest.hits) == 2


def test_a_common_phrase_stops_checking_positions_at_the_cap(eight_walls, settings):
    settings.SEARCH_TOTAL_CAP = 100
    assert (run(q='"城墙修缮"').total, run(q='"城墙修缮"').capped) == (8, False)
    settings.SEARCH_TOTAL_CAP = 4
    part = run(q='"城墙修缮"', sort="newest")
    assert (part.total, part.capped, len(part.hits)) == (4, True, 4)
    # The latest documents are checked first: the newest hit is the newest article.
    assert part.hits[0].article.headline == "城墙修缮第7期"
    # With a part of the query subtracted, every candidate is checked.
    excluded = run(q='"城墙修缮" -第7期', sort="newest")
    assert excluded.capped and "城墙修缮第7期" not in [h.article.headline for h in excluded.hits]
