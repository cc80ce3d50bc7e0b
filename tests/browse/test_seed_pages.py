"""The real seed pages, imported through the importer, read link by link like a visitor."""

import re

from django.urls import reverse

from articles.models import Person


def links(html):
    return re.findall(r'href="([^"]+)"', html)


def test_home_edition_article_person_search_chain(client, seed_editions):
    home = client.get(reverse("articles:home")).content.decode()
    assert "2022年11月7日 星期一" in home and "农历壬寅年十月十四" in home
    assert "章旭升在调研南苑区块城中村改造工作时指出" in home  # kicker
    assert "城市更新进行时" in home  # column label
    assert "/2022/4/2/" in links(home)

    edition = client.get("/2022/4/2/").content.decode()
    assert "2022年4月2日 星期六" in edition and "农历壬寅年三月初二" in edition
    headlines = [
        "市委常委会扩大会议传达学习上级有关精神",
        "集思广益献良策",
        "拼搏实干 扛旗有我",
        "启事",
    ]
    positions = [edition.index(headline) for headline in headlines]
    assert positions == sorted(positions)
    article_url = next(url for url in links(edition) if url.startswith("/articles/"))

    article = client.get(article_url).content.decode()
    assert "本报讯(融媒首席记者 <a" in article
    assert "<p>市委书记章旭升主持会议。</p>" in article
    person_url = Person.objects.get(name="陈晓苏").get_absolute_url()
    assert person_url in links(article)

    person = client.get(person_url).content.decode()
    assert "署名文章 3 篇" in person
    assert "一鼓作气 聚力突破" in person and "清廉金华建设推进会以视频形式召开" in person
    assert "/search/?reporter=%E9%99%88%E6%99%93%E8%8B%8F" in links(person)


def test_unsigned_articles_and_teaser_render(client, seed_editions):
    edition = client.get("/2022/11/7/").content.decode()
    assert "城市更新的口子 断不会开" in edition
    assert "导读" in edition
    teaser_url = [url for url in links(edition) if url.startswith("/articles/")][-1]
    response = client.get(teaser_url)
    assert response.status_code == 200
    assert "（本条无正文）" in response.content.decode()


def test_calendar_and_on_this_day_for_the_seed_dates(client, seed_editions):
    month = client.get("/archive/2022/11/").content.decode()
    assert 'href="/2022/11/7/"' in month
    later = client.get(reverse("articles:on_this_day"), {"date": "2023-04-02"}).content.decode()
    assert "2022年4月2日" in later and "拼搏实干 扛旗有我" in later
