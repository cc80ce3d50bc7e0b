"""Related articles on the real index: SearchQuerySet().more_like_this(article)."""

import pytest
from haystack.query import SearchQuerySet

from articles.models import Article

from .conftest import make_article

pytestmark = pytest.mark.django_db


def related(article, limit=10):
    return [int(result.pk) for result in SearchQuerySet().more_like_this(article)[:limit]]


def test_article_about_urban_renewal_relates_to_urban_renewal(seeded):
    article = Article.objects.get(headline__startswith="城市更新的口子")
    found = related(article)
    assert found and article.pk not in found
    about = set(Article.objects.filter(body__contains="城市更新").values_list("pk", flat=True)) - {
        article.pk
    }
    # The best related article talks about the same subject.
    assert found[0] in about
    assert set(found[: len(about)]) & about


def test_shared_rare_words_rank_above_common_ones(seeded):
    article = make_article("城中村改造攻坚", body="我市城中村改造拆迁安置进入攻坚阶段。")
    twin = make_article("拆迁安置有序推进", body="城中村改造拆迁安置工作有序推进。")
    other = make_article("我市召开会议", body="我市召开会议。")
    found = related(article)
    assert found[0] == twin.pk
    assert article.pk not in found and other.pk not in found[:1]


def test_article_with_nothing_in_common_has_no_related(seeded):
    lonely = make_article("孑然", body="魑魅魍魉")
    assert related(lonely) == []


def test_article_page_lists_related_articles(seeded, client):
    article = Article.objects.get(headline__startswith="城市更新的口子")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "相关文章" in html
    others = Article.objects.exclude(pk=article.pk).filter(body__contains="城市更新")
    related_html = html[html.index("相关文章") :]
    assert any(other.headline in related_html for other in others)
