"""Reading what users type: a table of queries and the parts they become."""

from datetime import date

import pytest

from articles.forms import SearchForm
from articles.search.query import MAX_QUERY_CHARS, parse_q


@pytest.mark.parametrize(
    ("raw", "terms", "phrases", "excluded"),
    [
        ("五金", ("五金",), (), ()),
        ("五金 永康", ("五金", "永康"), (), ()),
        ('"清廉金华"', (), ("清廉金华",), ()),
        ("五金 -评论", ("五金",), (), ("评论",)),
        ("清廉金華", ("清廉金华",), (), ()),
        ('五金 AND (永康 OR "', ("五金", "永康"), (), ()),
        ("NOT NOT ))((", (), (), ()),
        ("--- -", (), (), ()),
        ('"" 五金', ("五金",), (), ()),
    ],
)
def test_parse_q(raw, terms, phrases, excluded):
    assert parse_q(raw) == (terms, phrases, excluded)


def test_a_very_long_query_is_capped():
    terms, _, _ = parse_q("五金" * 10_000)
    assert len("".join(terms)) <= MAX_QUERY_CHARS


def spec(**params):
    form = SearchForm(params)
    form.is_valid()
    return form, form.spec()


def test_defaults_relevance_with_a_query_newest_without():
    assert spec(q="五金")[1].sort == "relevance"
    assert spec(reporter="陈晓苏")[1].sort == "newest"
    assert spec(q="五金", sort="oldest")[1].sort == "oldest"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "yesterday"}, "from"),
        ({"to": "2022-13-45"}, "to"),
        ({"kind": "poem"}, "kind"),
        ({"sort": "random"}, "sort"),
        ({"page": "-3"}, "page"),
        ({"page": "abc"}, "page"),
        ({"from": "2022-12-01", "to": "2022-01-01"}, "to"),
    ],
)
def test_bad_values_are_named_and_dropped(params, field):
    form, result = spec(q="五金", **params)
    assert field in form.errors and form.messages()
    assert result.terms == ("五金",)
    assert result.page == 1 and result.kind == "" and result.date_to is None


def test_good_values_pass():
    _, result = spec(q="五金", reporter="陳曉蘇", kind="news", page="2", **{"from": "2022-04-01"})
    assert result.reporter == "陈晓苏"
    assert (result.kind, result.page, result.date_from) == ("news", 2, date(2022, 4, 1))
