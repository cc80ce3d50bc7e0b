import xml.etree.ElementTree as ET

from django.urls import reverse

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    return feed, feed.findall(f"{ATOM}entry")


def test_latest_feed_lists_newest_articles_first(client, archive):
    feed, entries = atom_entries(client.get(reverse("articles:latest_feed")))
    assert feed.findtext(f"{ATOM}title") == "永康日报 · 最新文章"
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles[0] == archive.articles["inspection"].headline
    assert titles[-1] == archive.articles["older"].headline
    assert len(titles) == 7
    first = entries[0]
    link = first.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{archive.articles['inspection'].get_absolute_url()}"
    assert first.findtext(f"{ATOM}published").startswith("2022-11-07T00:00:00+08:00")
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "陈晓苏"
    assert first.findtext(f"{ATOM}summary").startswith("11月5日,市委书记章旭升")


def test_person_feed_has_only_their_articles(client, archive):
    feed, entries = atom_entries(
        client.get(reverse("articles:person_feed", args=[archive.people["张赤奎"].pk]))
    )
    assert feed.findtext(f"{ATOM}title") == "张赤奎 · 永康日报署名文章"
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        archive.articles["proposals"].headline,
        archive.articles["older"].headline,
    ]


def test_person_feed_for_unknown_person_is_404(client, archive):
    assert client.get(reverse("articles:person_feed", args=[999999])).status_code == 404


def test_feed_queries_are_bounded(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(reverse("articles:latest_feed"))


def test_sitemap_lists_articles_editions_people_and_entry_pages(client, archive):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    base = "http://testserver"
    for article in archive.articles.values():
        assert base + article.get_absolute_url() in urls
    assert base + "/2022/4/2/" in urls
    assert base + f"/people/{archive.people['陈晓苏'].pk}/" in urls
    assert {base + "/", base + "/archive/", base + "/people/", base + "/on-this-day/"} <= urls


def test_server_error_page_renders_without_request_or_database():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "服务器出了点问题" in html
    assert 'href="/"' in html
