from unittest import mock

from django.urls import reverse

from articles.models import Article


def get_article(client, article):
    response = client.get(reverse("articles:article", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_shows_everything_printed(client, archive):
    article = archive.articles["inspection"]
    html = get_article(client, article)
    title = f"<title>{article.headline} · 永康日报 2022年11月7日</title>"
    assert title in html
    assert article.kicker in html
    assert "城市更新进行时" in html
    assert "2022年11月7日 星期一" in html
    assert "农历壬寅年十月十四" in html
    assert "<p>11月5日,市委书记章旭升调研南苑区块城中村改造工作。</p>" in html
    assert "<p>要一鼓作气。</p>" in html


def test_byline_links_each_credited_person(client, archive):
    html = get_article(client, archive.articles["proposals"])
    byline = html[html.index('<p class="byline">') :]
    byline = byline[: byline.index("</p>")]
    assert byline.startswith('<p class="byline">本报讯(融媒首席记者 <a')
    zhang, li = archive.people["张赤奎"].pk, archive.people["李文"].pk
    assert f'<a class="person-link" href="/people/{zhang}/">张赤奎</a>' in byline
    assert f'<a class="person-link" href="/people/{li}/">李文</a>)' in byline


def test_subtitle_and_commentary_without_people(client, archive):
    html = get_article(client, archive.articles["commentary"])
    assert "——七论贯彻全市扛旗争先大会精神" in html
    assert "本报特约评论员" in html
    assert "person-link" not in html


def test_open_graph_tags(client, archive):
    article = archive.articles["meeting"]
    html = get_article(client, article)
    url = f"http://testserver/articles/{article.pk}/"
    assert '<meta property="og:title" content="市委常委会扩大会议 打一场漂亮的翻身仗">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="4月1日下午,市委常委会召开扩大会议。">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="article:published_time" content="2022-04-02">' in html


def test_previous_and_next_follow_page_order_within_the_edition(client, archive):
    html = get_article(client, archive.articles["commentary"])
    nav = html[html.index('class="prev-next article-nav"') :]
    assert f'rel="prev" href="{archive.articles["proposals"].get_absolute_url()}"' in nav
    # The next article is on page 2.
    assert f'rel="next" href="{archive.articles["photo"].get_absolute_url()}"' in nav
    first = get_article(client, archive.articles["meeting"])
    assert 'rel="prev" href="/articles/' not in first
    last = get_article(client, archive.articles["photo"])
    assert 'rel="next" href="/articles/' not in last


def test_permalink_survives_a_headline_fix(client, archive):
    article = archive.articles["meeting"]
    url = article.get_absolute_url()
    Article.objects.filter(pk=article.pk).update(headline="更正后的标题")
    assert "更正后的标题" in client.get(url).content.decode()


def test_search_failure_only_hides_related_articles(client, archive):
    with mock.patch("haystack.query.SearchQuerySet.more_like_this", side_effect=OSError("gone")):
        html = get_article(client, archive.articles["meeting"])
    assert "相关文章" not in html


def test_related_articles_come_from_more_like_this(client, archive):
    others = [archive.articles["inspection"], archive.articles["old"]]
    hits = [mock.Mock(pk=str(a.pk)) for a in others] + [mock.Mock(pk=None)]
    with mock.patch("haystack.query.SearchQuerySet.more_like_this") as mlt:
        mlt.return_value.__getitem__ = mock.Mock(return_value=hits)
        html = get_article(client, archive.articles["meeting"])
    related = html[html.index("相关文章") :]
    assert related.index(others[0].headline) < related.index(others[1].headline)


def test_unknown_article_is_404(client, archive):
    response = client.get("/articles/999999/")
    assert response.status_code == 404
    assert "找不到这个页面" in response.content.decode()


def test_article_page_queries_are_bounded(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        get_article(client, archive.articles["proposals"])
