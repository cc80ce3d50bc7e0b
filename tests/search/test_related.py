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


# Three subjects, three articles each, written with the same everyday words around them:
# each article's two related articles are the other two of its subject.
SUBJECTS = {
    "桑葚": [
        (
            "桑葚进入采摘季",
            "今年我市桑葚种植面积扩大，桑葚采摘游吸引了大批市民，果农忙着采摘桑葚。",
        ),
        ("桑葚酒走俏市场", "村里把桑葚加工成桑葚酒和桑葚干，桑葚深加工让果农增收，工作取得成效。"),
        (
            "桑葚种植带富农户",
            "合作社统一提供桑葚苗木，农户种植桑葚，今年桑葚亩产明显提高，市民点赞。",
        ),
    ],
    "消防": [
        (
            "高层住宅消防演练",
            "消防救援大队在小区开展高层住宅火灾疏散演练，居民学习使用灭火器，工作有序。",
        ),
        ("消防安全进校园", "消防员走进学校讲解火灾逃生知识，学生体验灭火器和消防水带，市民关注。"),
        (
            "排查火灾隐患",
            "消防部门检查商场的灭火器和疏散通道，督促整改火灾隐患，今年以来检查百余家。",
        ),
    ],
    "五金出口": [
        (
            "五金出口订单增加",
            "今年我市五金企业出口订单增加，电动工具出口欧洲，外贸企业忙着赶制订单。",
        ),
        (
            "外贸企业开拓新市场",
            "五金外贸企业参加海外展会，电动工具和门业产品出口订单排到年底，工作顺利。",
        ),
        (
            "跨境电商助力出口",
            "企业通过跨境电商平台把五金产品卖到海外，出口额同比增长，市民也来应聘。",
        ),
    ],
}


def test_each_article_relates_to_the_others_of_its_subject(db):
    made = {
        subject: [make_article(headline, body=body) for headline, body in articles]
        for subject, articles in SUBJECTS.items()
    }
    for subject, articles in made.items():
        for article in articles:
            siblings = {other.pk for other in articles if other.pk != article.pk}
            assert set(related(article, limit=2)) == siblings, (subject, article.headline)


def test_only_words_naming_a_subject_count(db):
    from articles.search.related import significant_words

    words = significant_words("在古山镇的一片稻田里，农机手提前半个月开始育秧。（下转第2版）")
    assert {"稻田", "农机手"} <= set(words)
    assert not {"一片", "半个", "开始", "下转", "提前"} & set(words)


def test_on_the_seed_pages_articles_relate_to_their_subject(db):
    from bench.relevance import pages

    from .conftest import store_expected_pages

    store_expected_pages(pages())  # the pages judged for bench/relevance.py
    known = {
        "全市秋季征兵体检": "我市启动秋季征兵体检",
        "明年再改造老旧小区": "老旧小区改造",
        "城市书房夜读": "永康市图书馆",
        "五金产业数字化改造提速": "我市启动“五金产业大脑”",
        "让非遗在生活中": "锡雕老手艺",
        "春耕备耕正当时": ("西溪镇万亩稻田", "秋收时节稻谷香"),
    }
    for start, expected in known.items():
        article = Article.objects.get(headline__startswith=start)
        first = Article.objects.get(pk=related(article, limit=1)[0]).headline
        assert first.startswith(expected), (start, first)
