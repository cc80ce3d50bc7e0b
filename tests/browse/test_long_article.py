"""A very long article costs its page and every list no more than a bounded amount: the
related-articles lookup reads the body's start, a longer body is paged, lists never load it."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import articles.search.backend as backend
from articles.views.browse import ARTICLE_PART_CHARS, RELATED_TEXT_CHARS

SENTENCE = "永康五金产业转型升级取得新进展,全市上下齐心协力打一场漂亮的翻身仗。"


@pytest.fixture
def long_article(archive):
    article = archive.articles["inspection"]
    paragraph = SENTENCE * 40  # about 1,400 characters
    article.body = "\n".join([paragraph] * 200)  # about 280,000 characters
    article.save()
    call_command("rebuild_index", interactive=False, verbosity=0)
    return article


def test_related_articles_are_found_from_the_bodys_start(client, long_article, monkeypatch):
    seen = []
    real = backend.key_terms

    def recording(searcher, fieldname, text, *args, **kwargs):
        seen.append(len(text))
        return real(searcher, fieldname, text, *args, **kwargs)

    monkeypatch.setattr(backend, "key_terms", recording)
    assert client.get(long_article.get_absolute_url()).status_code == 200
    assert seen, "the related-articles lookup did not run"
    assert max(seen) < RELATED_TEXT_CHARS + 1000


def test_a_body_longer_than_a_page_is_paged(client, long_article):
    url = long_article.get_absolute_url()
    first = client.get(url)
    html = first.content.decode()
    parts = -(-len(long_article.body) // ARTICLE_PART_CHARS)
    assert first.status_code == 200
    assert f"第 1 / {parts} 页" in html
    body = html[html.index('<div class="article-body">') : html.index("</article>")]
    shown = sum(len(p) for p in re.findall(r"<p>([^<]*)</p>", body))
    assert ARTICLE_PART_CHARS <= shown < ARTICLE_PART_CHARS + 2000
    last = client.get(url, {"page": parts}).content.decode()
    assert f"第 {parts} / {parts} 页" in last
    assert '<meta name="description" content="永康五金产业' in last
    # Every paragraph is on exactly one part.
    total = 0
    for number in range(1, parts + 1):
        page = client.get(url, {"page": number}).content.decode()
        total += page.count(f"<p>{SENTENCE}")
    assert total == 200


def test_a_short_article_has_no_pager(client, archive):
    html = client.get(archive.articles["meeting"].get_absolute_url()).content.decode()
    assert 'class="pager"' not in html


@pytest.mark.parametrize(
    "url", ["/", "/2022/11/7/", "/on-this-day/?date=2023-11-07", "/feeds/latest/", "person"]
)
def test_lists_never_load_whole_bodies(client, long_article, archive, url):
    if url == "person":
        url = archive.people["陈晓苏"].get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert long_article.headline in response.content.decode()
    for query in queries.captured_queries:
        selected = query["sql"].split(" FROM ", 1)[0]
        # The feeds read a summary's worth: SUBSTR("articles_article"."body", 1, 2000).
        selected = re.sub(r'SUBSTR(ING)?\("articles_article"\."body", 1, \d+\)', "", selected)
        assert '"articles_article"."body"' not in selected, query["sql"][:300]
        assert '"articles_page"."raw_text"' not in selected, query["sql"][:300]
