"""The same searches through the real importer (what `manage.py import_pages` runs)."""

from articles.forms import SearchForm
from articles.search.service import search


def run(**params):
    form = SearchForm(params)
    form.is_valid()
    return search(form.spec())


def test_imported_seed_pages_are_searchable(seed_editions):
    assert run(q="五金").total == 4
    assert run(reporter="陈晓苏").total == 3
    assert run(q='"清廉金华"').total >= 1
    assert run(q="清廉金華").total == run(q="清廉金华").total
