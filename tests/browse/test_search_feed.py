import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def indexed(archive):
    call_command("rebuild_index", interactive=False, verbosity=0)
    return archive


def entry_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    return feed, titles


def test_saved_search_feed_lists_matches_newest_first(client, indexed):
    feed, titles = entry_titles(client.get(reverse("articles:search_feed"), {"q": "章旭升"}))
    assert feed.findtext(f"{ATOM}title") == "永康日报检索 · 章旭升"
    assert titles == [
        indexed.articles["inspection"].headline,
        indexed.articles["meeting"].headline,
    ]
    link = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link == "http://testserver/search/?q=%E7%AB%A0%E6%97%AD%E5%8D%87"


def test_saved_search_feed_by_reporter(client, indexed):
    response = client.get(reverse("articles:search_feed"), {"reporter": "张赤奎"})
    feed, titles = entry_titles(response)
    assert feed.findtext(f"{ATOM}title") == "永康日报检索 · 记者：张赤奎"
    assert titles == [indexed.articles["proposals"].headline, indexed.articles["older"].headline]
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "张赤奎、李文"


def test_saved_search_feed_ignores_bad_values(client, indexed):
    response = client.get(reverse("articles:search_feed"), {"q": "章旭升", "from": "yesterday"})
    _, titles = entry_titles(response)
    assert indexed.articles["inspection"].headline in titles


def test_saved_search_feed_survives_a_broken_index(client, indexed):
    with mock.patch("articles.views.feeds.search", side_effect=OSError("index gone")):
        _, titles = entry_titles(client.get(reverse("articles:search_feed"), {"q": "章旭升"}))
    assert titles == []


def test_saved_search_feed_queries_are_bounded(client, indexed, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("articles:search_feed"), {"reporter": "陈晓苏"})
