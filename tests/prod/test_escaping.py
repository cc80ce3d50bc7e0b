"""Imported text is data: markup in a page file is shown as text on every page that shows it."""

from datetime import date

import pytest

from articles.importer import import_file
from articles.models import Article

from .helpers import page_text

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_article(tmp_path, transactional_db, own_index):
    text = page_text(date(2009, 9, 9), "xsshead <b>bold</b>").replace(
        "市委书记章旭升主持会议。",
        f"市委书记章旭升主持会议。xsscheck {SCRIPT} 以及 {IMG} 结束。",
        1,
    )
    path = tmp_path / "2009-09-09.txt"
    path.write_text(text, encoding="utf-8")
    result = import_file(path)
    assert not result.failed, result.error
    from articles.search.queue import drain

    drain()
    article = Article.objects.get(body__contains="xsscheck")
    assert SCRIPT in article.body and IMG in article.body  # stored exactly as printed
    return article


def assert_escaped(html: str):
    assert "xsscheck" in html
    assert SCRIPT not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_article_page_shows_markup_as_text(client, hostile_article):
    response = client.get(hostile_article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert_escaped(html)
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_search_page_snippet_shows_markup_as_text(client, hostile_article):
    response = client.get("/search/", {"q": "xsscheck"})
    assert response.status_code == 200
    html = response.content.decode()
    assert hostile_article.get_absolute_url() in html
    assert_escaped(html)
    assert "<b>bold</b>" not in html


def test_api_snippet_is_escaped_html(client, hostile_article):
    response = client.get("/api/search", {"q": "xsscheck"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    [hit] = response.json()["results"]
    assert hit["id"] == hostile_article.pk
    assert_escaped(hit["snippet"])
