"""A query of one Chinese character finds every article holding it, not only the ones
where jieba happened to leave it as a word of its own."""

import pytest
from django.db.models import Q

from articles.forms import SearchForm
from articles.models import Article
from articles.search.query import word_query
from articles.search.service import search

from .conftest import make_article

pytestmark = pytest.mark.django_db

TEA = {
    "春茶开采": "今年的春茶比往年早一周开采，茶农忙着收茶叶。茶园里一片新绿。",
    "红茶节": "第三届红茶节在舟山镇举行。",
    "午后": "他坐下来喝了一杯茶。",
    "茶": "",  # only in the headline
    "新桥通车": "这里与饮品无关。",
}


def run(**params):
    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return search(form.spec())


def headlines(result) -> list[str]:
    return [hit.article.headline for hit in result.hits]


@pytest.fixture
def tea(seeded):
    for headline, body in TEA.items():
        make_article(headline, body=body)


def test_one_character_finds_every_article_that_holds_it(tea):
    result = run(q="茶")

    holding = Article.objects.filter(Q(body__contains="茶") | Q(headline__contains="茶"))
    assert result.total == holding.count() == 4
    assert set(headlines(result)) == {"春茶开采", "红茶节", "午后", "茶"}


def test_the_article_saying_it_most_ranks_first_and_every_occurrence_is_marked(tea):
    result = run(q="茶")

    # In the headline and five times in the body first; once in a body, no headline, last.
    ranked = headlines(result)
    assert (ranked[0], ranked[-1]) == ("春茶开采", "午后")
    snippet = next(hit.snippet for hit in result.hits if hit.article.headline == "春茶开采")
    assert snippet.count("<mark>茶</mark>") == 4


def test_one_character_narrows_and_excludes_like_a_word(tea):
    assert set(headlines(run(q="茶 红"))) == {"红茶节"}
    assert "红茶节" not in headlines(run(q="茶 -红"))
    assert headlines(run(q="通车 -茶")) == ["新桥通车"]


def test_a_traditional_character_finds_the_simplified_one(tea):
    assert set(headlines(run(q="車", **{"from": "2023-01-01"}))) == {"新桥通车"}


def test_only_lone_chinese_characters_are_widened():
    assert type(word_query("text", "茶")).__name__ == "CharTerm"
    for word in ("茶叶", "a", "5", "é"):
        assert type(word_query("text", word)).__name__ == "Term"


def test_word_lists_are_kept_for_the_segments_in_use_only(tea, monkeypatch):
    from haystack import connections

    from articles.search import chars

    monkeypatch.setattr(chars, "_indexes", chars.OrderedDict())
    monkeypatch.setattr(chars, "_KEEP", 2)
    backend = connections["default"].get_backend()
    searcher = backend.searcher()
    reader = searcher.leaf_searchers()[0][0].reader()
    for key in ("old-1", "old-2", "current"):
        chars.words_with(reader, key, "text", "茶")
    assert list(chars._indexes) == [("old-2", "text"), ("current", "text")]
