import re

import pytest

INLINE = re.compile(r"<script|<style|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/archive/",
        "/archive/2022/",
        "/archive/2022/4/",
        "/2022/4/2/",
        "/2022/4/2/page/1/",
        "/archive/?date=bad",
        "/people/",
        "/people/%E9%99%88%E6%99%93%E8%8B%8F/",  # redirects: see the next test
        "/on-this-day/?date=2022-04-02",
        "/articles/0/",
    ],
)
def test_pages_need_no_inline_script_or_style(client, archive, url):
    """The Content-Security-Policy forbids inline code; every page must still look right."""
    html = client.get(url).content.decode()
    assert not INLINE.search(html), INLINE.search(html).group(0)


def test_article_page_needs_no_inline_code(client, archive):
    html = client.get(archive.articles["proposals"].get_absolute_url()).content.decode()
    assert not INLINE.search(html)
    assert "https://" not in html.replace("http://testserver", "")  # nothing from a CDN


def test_person_page_needs_no_inline_code(client, archive):
    html = client.get(archive.people["陈晓苏"].get_absolute_url()).content.decode()
    assert "署名文章" in html
    assert not INLINE.search(html)
