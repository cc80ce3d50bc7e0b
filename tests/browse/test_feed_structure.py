"""Feeds are valid Atom (RFC 4287) whatever was imported: absolute ids, a self link that
names the feed itself, no control characters, and summaries that carry text, not markup."""

import html

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.atom import NS, decoded_summaries, html_tags, validate_atom

HOSTILE_BODY = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">点我</a>&amp;\n第二段。'
)


@pytest.fixture
def indexed(archive):
    call_command("rebuild_index", interactive=False, verbosity=0)
    return archive


def feed_urls(archive):
    chen = archive.people["陈晓苏"]
    return [
        reverse("articles:latest_feed"),
        chen.get_absolute_url() + "feed/",
        reverse("articles:search_feed") + "?q=%E7%AB%A0%E6%97%AD%E5%8D%87",
        reverse("articles:search_feed"),
    ]


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    return validate_atom(response.content)


def test_every_feed_is_valid_atom_with_absolute_entry_ids(client, indexed):
    for url in feed_urls(indexed):
        feed = get_feed(client, url)
        ids = [entry.findtext(NS + "id") for entry in feed.iter(NS + "entry")]
        assert ids, url
        assert all(i.startswith("http://testserver/articles/") for i in ids), ids


def test_the_search_feeds_self_link_keeps_the_query(client, indexed):
    feed = get_feed(client, reverse("articles:search_feed") + "?q=%E7%AB%A0%E6%97%AD%E5%8D%87")
    self_link = feed.find(f"{NS}link[@rel='self']").get("href")
    assert self_link == "http://testserver/search/feed/?q=%E7%AB%A0%E6%97%AD%E5%8D%87"


def test_a_form_feed_in_the_newest_headline_leaves_every_feed_working(client, archive):
    newest = archive.articles["inspection"]
    newest.headline = "一鼓作气\x0c聚力突破"
    newest.kicker = "引题\x01"
    newest.body = "11月5日\x0b, 市委书记\x1f章旭升调研。"
    newest.save()
    call_command("rebuild_index", interactive=False, verbosity=0)
    for url in feed_urls(archive):
        feed = get_feed(client, url)
        titles = [entry.findtext(NS + "title") for entry in feed.iter(NS + "entry")]
        if url != feed_urls(archive)[2]:
            assert "一鼓作气聚力突破" in titles, url
    summaries = decoded_summaries(get_feed(client, reverse("articles:latest_feed")))
    assert "11月5日, 市委书记章旭升调研。" in summaries


def test_summary_markup_reaches_the_reader_as_text(client, archive):
    newest = archive.articles["inspection"]
    newest.body = HOSTILE_BODY
    newest.save()
    feed = get_feed(client, reverse("articles:latest_feed"))
    entry = next(feed.iter(NS + "entry"))
    summary = entry.find(NS + "summary")
    assert summary.get("type") == "html"
    # What a reader renders: the XML-decoded summary, read as HTML. No element may appear.
    assert html_tags(summary.text) == []
    shown = html.unescape(summary.text)
    assert shown.startswith('<script>alert(1)</script><img src=x onerror="alert(2)">')
    assert "&amp;" in shown
