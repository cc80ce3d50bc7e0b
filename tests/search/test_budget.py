"""Each search has a time budget, and the worker's warm-up is bounded (issue 13: a one-megabyte
article held searches past gunicorn's timeout and warm-ups for minutes).

Time is a fake clock that moves on each reading: the tests count readings, never seconds.
"""

import pytest

from articles.forms import SearchForm
from articles.search import budget, service

from .conftest import make_article

pytestmark = pytest.mark.django_db


class SteppingClock:
    """Each reading is one second later than the one before."""

    def __init__(self):
        self.now = 0.0
        self.readings = 0

    def __call__(self):
        self.readings += 1
        self.now += 1.0
        return self.now


def spec(q):
    form = SearchForm({"q": q})
    assert form.is_valid()
    return form.spec(per_page=100)


@pytest.fixture
def phrase_everywhere(seeded, monkeypatch):
    monkeypatch.setattr(budget, "EVERY", 1)  # look at the clock for every document
    return [
        make_article(f"旧城改造第{i}篇", body=f"第{i}个城中村改造项目启动。") for i in range(12)
    ]


def test_a_search_stops_checking_when_its_budget_is_spent(phrase_everywhere, client):
    everything = service.search(spec('"城中村改造项目"'))
    assert everything.total == 12 and not everything.partial

    clock = SteppingClock()
    with budget.limit(4.5, clock=clock):
        cut_short = service.search(spec('"城中村改造项目"'))
    assert cut_short.partial
    assert cut_short.total < 12  # it stopped checking documents
    assert clock.readings < 12


def test_the_page_says_when_results_may_be_incomplete(phrase_everywhere, client, settings):
    settings.SEARCH_TIME_BUDGET = 0
    page = client.get("/search/", {"q": '"城中村改造项目"'})
    assert page.status_code == 200
    assert "结果可能不完整" in page.content.decode()
    settings.SEARCH_TIME_BUDGET = 60
    page = client.get("/search/", {"q": '"城中村改造项目"'})
    assert "结果可能不完整" not in page.content.decode()


def test_warm_up_searches_the_engine_without_snippets(seeded, monkeypatch):
    make_article("长文", body="说永康。" * 20_000)

    def no_snippets(*args, **kwargs):
        raise AssertionError("the warm-up made a snippet")

    monkeypatch.setattr(service, "make_snippet", no_snippets)
    searched = []
    engine = service.engine_search()
    monkeypatch.setattr(service, "engine_search", lambda: lambda s: searched.append(s) or engine(s))
    service.warm_up()
    assert [s.terms for s in searched] == [("永康",), ("永",)]


def test_warm_up_stops_when_its_time_is_up(seeded, monkeypatch):
    searched = []
    monkeypatch.setattr(service, "engine_search", lambda: searched.append)
    clock = SteppingClock()
    with budget.limit(100, clock=clock):
        service.warm_up(seconds=1.5)  # the first search uses up the warm-up's time
    assert len(searched) == 1
