from datetime import date

from django.urls import reverse

from articles.models import Role
from tests.browse.conftest import make_article, make_edition, make_page


def test_people_lists_everyone_credited_with_counts(client, archive):
    html = client.get(reverse("articles:people")).content.decode()
    assert "共 4 人" in html
    chen = html.index(">陈晓苏</a>")
    assert html.index(">张赤奎</a>") > chen  # most articles first
    assert "3 篇" in html[chen : chen + 80]


def test_people_filtered_by_role(client, archive):
    html = client.get(reverse("articles:people"), {"role": "通讯员"}).content.decode()
    assert ">李文</a>" in html
    assert ">陈晓苏</a>" not in html
    assert "共 1 人以“通讯员”署名" in html
    assert 'href="/people/?role=%E9%80%9A%E8%AE%AF%E5%91%98" aria-current="page"' in html


def test_junk_role_is_ignored(client, archive):
    html = client.get(reverse("articles:people"), {"role": "<script>"}).content.decode()
    assert "共 4 人" in html
    assert "<script>" not in html


def test_person_page_lists_articles_newest_first(client, archive):
    response = client.get(reverse("articles:person", args=[archive.people["陈晓苏"].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "署名文章 3 篇" in html
    newest = html.index(archive.articles["inspection"].headline)
    middle = html.index(archive.articles["meeting"].headline)
    oldest = html.index(archive.articles["old"].headline)
    assert newest < middle < oldest
    assert "2021年4月2日 星期五" in html
    assert "记者 3" in html
    assert 'href="/search/?reporter=%E9%99%88%E6%99%93%E8%8B%8F"' in html
    assert f'href="/people/{archive.people["陈晓苏"].pk}/feed/"' in html


def test_person_chart_has_a_bar_per_month(client, archive):
    html = client.get(
        reverse("articles:person", args=[archive.people["陈晓苏"].pk])
    ).content.decode()
    chart = html[html.index('<figure class="month-chart">') : html.index("</figure>")]
    assert "<svg" in chart and "style=" not in chart
    assert "<title>2022年4月：1 篇</title>" in chart
    assert "<title>2022年11月：1 篇</title>" in chart
    assert "<title>2022年6月：0 篇</title>" in chart  # gaps are shown
    assert "<title>2021年4月：1 篇</title>" in chart
    assert chart.count("<rect") == 20  # 2021-04 … 2022-11


def test_person_roles_listed(client, archive):
    html = client.get(reverse("articles:person", args=[archive.people["李文"].pk])).content.decode()
    assert "通讯员 1" in html


def test_unknown_person_is_404(client, archive):
    response = client.get("/people/999999/")
    assert response.status_code == 404
    assert "找不到这个页面" in response.content.decode()


def many_articles(person, count):
    edition = make_edition(date(2019, 1, 1))
    page = make_page(edition, 1)
    for n in range(count):
        make_article(page, n + 1, f"第{n + 1:02d}条稿件", credits=[(person, Role.REPORTER, "记者")])


def test_person_pages_and_bad_page_numbers(client, archive):
    many_articles(archive.people["王摄"], 40)  # 41 articles: 20 + 21 with orphans
    url = reverse("articles:person", args=[archive.people["王摄"].pk])
    first = client.get(url).content.decode()
    assert "第 1 / 2 页" in first
    assert 'href="?page=2"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "第 2 / 2 页" in second
    assert "第40条稿件" in second
    for bad in ("0", "-1", "abc", "1.5", ""):
        response = client.get(url, {"page": bad})
        assert response.status_code == 200, bad
        assert "第 1 / 2 页" in response.content.decode(), bad
    for beyond in ("3", "99999999999999999999"):
        html = client.get(url, {"page": beyond}).content.decode()
        assert "第 2 / 2 页" in html, beyond
        assert f"没有第 {beyond} 页，只有 2 页；这是最后一页。" in html, beyond
    assert "这是最后一页" not in second


def test_person_page_queries_do_not_grow_with_articles(
    client, archive, django_assert_max_num_queries
):
    many_articles(archive.people["王摄"], 30)
    with django_assert_max_num_queries(8):
        client.get(reverse("articles:person", args=[archive.people["王摄"].pk]))
    with django_assert_max_num_queries(6):
        client.get(reverse("articles:people"), {"role": "记者"})
