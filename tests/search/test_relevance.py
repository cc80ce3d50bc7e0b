"""The ranking against graded judgments (bench/relevance.py): nDCG@10 must not drop below
the recorded figure. ``python -m bench.relevance`` prints the per-query figures."""

import pytest

from articles.forms import SearchForm
from articles.search.service import search
from bench import relevance

from .conftest import store_expected_pages

pytestmark = pytest.mark.django_db


def ranking(q) -> list[tuple[str, str]]:
    form = SearchForm({"q": q})
    assert form.is_valid()
    hits = search(form.spec(per_page=relevance.K)).hits
    return [(hit.article.edition.date.isoformat(), hit.article.headline) for hit in hits]


def test_ndcg_at_10_does_not_drop(db):
    store_expected_pages(relevance.pages())
    assert len(relevance.JUDGMENTS) >= 30
    figures = {}
    for q, judged in relevance.JUDGMENTS.items():
        ranked = ranking(q)
        # Every judged article exists (a judgment naming no article would be a typo).
        figures[q] = relevance.ndcg(ranked, judged)
    print(f"\n{'query':<16} nDCG@{relevance.K}")
    for q, figure in figures.items():
        print(f"{q:<16} {figure:.3f}")
    mean = sum(figures.values()) / len(figures)
    print(f"mean nDCG@{relevance.K} over {len(figures)} queries: {mean:.4f}")
    assert mean >= relevance.RECORDED - 1e-9


def test_every_judgment_names_an_article(db):
    from articles.models import Article

    store_expected_pages(relevance.pages())
    articles = [
        (a.edition.date.isoformat(), a.headline) for a in Article.objects.select_related("edition")
    ]
    for q, judged in relevance.JUDGMENTS.items():
        for key in judged:
            matching = [a for a in articles if relevance.grade_of({key: 1}, *a)]
            assert len(matching) == 1, (q, key, matching)


def test_notices_naming_the_word_rank_below_articles_about_it(db):
    """The issue's case: for 永康, one-line notices (启事, 声明) ranked above articles."""
    store_expected_pages(relevance.pages())
    form = SearchForm({"q": "永康"})
    assert form.is_valid()
    hits = search(form.spec(per_page=50)).hits
    kinds = [(hit.article.kind, "永康" in hit.article.headline) for hit in hits]
    last_about = max(i for i, (_, about) in enumerate(kinds) if about)
    first_notice = min(i for i, (kind, _) in enumerate(kinds) if kind == "notice")
    assert last_about < first_notice
    # A long article naming it three times ranks above every notice.
    crafts = next(i for i, hit in enumerate(hits) if hit.article.headline.startswith("锡雕"))
    assert crafts < first_notice
