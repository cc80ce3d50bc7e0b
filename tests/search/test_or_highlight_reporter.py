"""What a user sees of OR and brackets, highlighting, and the reporter filter's help."""

import re

import pytest
from django.db.models import Q

from articles.models import Article

from .conftest import make_article

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("kicker", "headline", "subtitle", "column", "byline", "body")


def holding(word):
    query = Q()
    for name in TEXT_FIELDS:
        query |= Q(**{f"{name}__contains": word})
    return set(Article.objects.filter(query).values_list("pk", flat=True))


def page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def total(html) -> int:
    return int(re.search(r"共找到 <strong>(\d+)</strong>", html).group(1))


def api_ids(client, **params):
    return {r["id"] for r in client.get("/api/search", params).json()["results"]}


# --- OR ---------------------------------------------------------------------------------


def test_or_finds_articles_holding_either_word(seeded, client):
    either = holding("城市") | holding("五金")
    both = holding("城市") & holding("五金")
    assert len(either) > len(both) > 0
    for q in ("城市 OR 五金", "城市 | 五金", "城市|五金", "(城市 or 五金)"):
        assert total(page(client, q=q)) == len(either), q
        assert api_ids(client, q=q) == either, q
    assert total(page(client, q="城市 五金")) == len(both)


def test_or_combines_with_brackets_exclusion_and_phrases(seeded, client):
    either = holding("城市") | holding("五金")
    assert api_ids(client, q="(城市 OR 五金) -清廉") == either - holding("清廉")
    assert api_ids(client, q='"城市更新" OR "清廉金华"') == holding("城市更新") | holding(
        "清廉金华"
    )
    assert api_ids(client, q='五金 ("清廉金华" | 政协)') == holding("五金") & (
        holding("清廉金华") | holding("政协")
    )
    assert api_ids(client, q="城市 OR -五金") == holding("城市") | (
        set(Article.objects.values_list("pk", flat=True)) - holding("五金")
    )


def test_the_help_line_explains_or(seeded, client):
    html = page(client)
    help_line = re.search(r'<p class="search-help">(.*?)</p>', html).group(1)
    assert "OR" in help_line and "|" in help_line and "-词" in help_line


def test_the_next_page_link_keeps_the_or_query(seeded, client):
    for i in range(25):
        make_article(f"分页{i}", body="城市建设")
    html = page(client, q="城市 OR 五金")
    assert "q=%E5%9F%8E%E5%B8%82+OR+%E4%BA%94%E9%87%91" in html


# --- highlighting ---------------------------------------------------------------------------


def test_result_headlines_mark_the_query_and_link_to_a_marked_article(seeded, client):
    html = page(client, q="城市更新")
    assert "<mark>城市更新</mark>的口子" in html
    link = re.search(r'<a href="([^"]+)"><mark>城市更新</mark>的口子', html).group(1)
    assert "hl=" in link

    article = client.get(link.replace("&amp;", "&")).content.decode()
    assert re.search(r'<h1 class="headline"><mark>城市更新</mark>的口子 断不会开</h1>', article)
    body = article.split('class="article-body"', 1)[1].split("</div>", 1)[0]
    assert "<mark>城市更新</mark>" in body


def test_an_article_opened_without_a_query_marks_nothing(seeded, client):
    article = Article.objects.get(headline__startswith="城市更新")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<mark>" not in html


def test_highlighting_keeps_markup_escaped(seeded, client):
    make_article('<img src=x onerror="alert(1)">五金大会', body="<script>alert(1)</script>五金")
    html = page(client, q="五金")
    assert "<img" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<mark>五金</mark>大会" in html

    article = Article.objects.get(headline__endswith="五金大会")
    html = client.get(article.get_absolute_url(), {"hl": '五金 <script>"'}).content.decode()
    assert "<script>alert" not in html and "<img" not in html
    # The typed words are marked inside the escaped text, never as markup of their own.
    assert (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;<mark>五金</mark>" in html
    )


# --- reporter ----------------------------------------------------------------------------


def test_part_of_a_name_finds_that_reporters_articles(seeded, client):
    full = api_ids(client, reporter="陈晓苏")
    assert len(full) == 3
    assert api_ids(client, reporter="陈") == full
    assert api_ids(client, reporter="晓苏") == full
    assert api_ids(client, reporter="赤") == api_ids(client, reporter="张赤奎")


def test_the_form_offers_credited_names_without_javascript(seeded, client):
    html = page(client)
    assert 'list="reporter-names"' in html
    datalist = re.search(r'<datalist id="reporter-names">(.*?)</datalist>', html).group(1)
    assert '<option value="陈晓苏">' in datalist and '<option value="张赤奎">' in datalist


def test_an_unknown_reporter_gets_close_names(seeded, client):
    html = page(client, reporter="陈晓酥")
    assert total(html) == 0
    assert "没有名字含“陈晓酥”的记者" in html
    assert re.search(
        r'您是不是要找：<a href="[^"]*reporter=%E9%99%88%E6%99%93%E8%8B%8F[^"]*">陈晓苏</a>', html
    )
