"""The search code reads the names of the fields it uses per document from the SearchIndex."""

import pytest
from haystack import connections
from whoosh.fields import ID, NUMERIC, TEXT

from articles.search.backend import JiebaWhooshSearchBackend
from articles.search.fields import FieldRoles, field_roles
from articles.search_indexes import ArticleIndex


def schema_with(tmp_path):
    backend = JiebaWhooshSearchBackend("default", PATH=str(tmp_path))
    fields = connections["default"].get_unified_index().all_searchfields()
    return backend, backend.build_schema(fields)[1]


def test_the_article_index_names_its_kind_day_and_people_fields():
    unified = connections["default"].get_unified_index()
    assert field_roles(unified) == FieldRoles(kind="kind", day="day", people="people")


def test_the_schema_follows_the_names_the_index_gives(tmp_path, monkeypatch):
    _, schema = schema_with(tmp_path / "a")
    assert isinstance(schema["kind"], ID) and schema["kind"].column_type
    assert isinstance(schema["day"], NUMERIC) and schema["day"].column_type

    # Named otherwise: the year becomes the column and the kind is plain text again.
    monkeypatch.setattr(ArticleIndex, "kind_field", None)
    monkeypatch.setattr(ArticleIndex, "day_field", "year")
    backend, schema = schema_with(tmp_path / "b")
    assert backend.roles == FieldRoles(kind=None, day="year", people="people")
    assert isinstance(schema["kind"], TEXT)
    assert isinstance(schema["year"], NUMERIC) and schema["year"].column_type
    assert not isinstance(schema["day"], NUMERIC) or not schema["day"].column_type


@pytest.mark.django_db
def test_facets_and_names_come_from_the_named_fields(seeded):
    from articles.forms import SearchForm

    backend = connections["default"].get_backend()
    raw = backend.search_articles(SearchForm({"q": "五金"}).spec())
    assert dict(raw.people) == {"陈晓苏": 2, "张赤奎": 1}
    assert raw.kinds and raw.months
    assert any(people for _, _, people in raw.hits)


def test_the_query_filters_on_the_fields_the_roles_name():
    from whoosh import query as wq

    from articles.forms import SearchForm

    form = SearchForm({"reporter": "陈晓苏", "kind": "commentary"})
    spec = form.spec()
    query = spec.whoosh_query("text", FieldRoles(kind="sort", people="credits"))
    assert set(query.all_terms()) == {("credits", "陈晓苏"), ("sort", "commentary")}
    # No index names a people field: a reporter search can only find nothing.
    by_reporter = SearchForm({"reporter": "陈晓苏"}).spec()
    assert by_reporter.whoosh_query("text", FieldRoles(kind="kind")) is wq.NullQuery


@pytest.mark.django_db
def test_without_a_people_field_a_reporter_search_finds_nothing_on_either_path(seeded, monkeypatch):
    from articles.forms import SearchForm
    from articles.search import generic

    spec = SearchForm({"reporter": "陈晓苏"}).spec()
    backend = connections["default"].get_backend()
    assert backend.search_articles(spec).total == generic.search_articles(spec).total == 3

    monkeypatch.setattr(ArticleIndex, "people_field", None)
    monkeypatch.setattr(backend, "_roles", None)
    assert backend.search_articles(spec).total == 0
    empty = generic.search_articles(spec)
    assert empty.total == 0 and empty.hits == [] and empty.people == []
