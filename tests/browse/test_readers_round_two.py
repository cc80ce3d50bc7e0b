"""What archive readers expect (issue 15): date box, nearest days, page text, robots.txt,
favicon, one message per error, a page past the last, dates in both written forms."""

from datetime import date

import pytest
from django.test import override_settings

from articles.forms import DayForm, SearchForm
from articles.models import Page


@pytest.mark.parametrize(
    "typed", ["2022-04-02", "2022年4月2日", "2022-4-2", " 2022年04月02日 ", "2022/4/2", "20220402"]
)
def test_dates_are_read_in_both_written_forms(typed):
    day = DayForm({"date": typed})
    assert day.is_valid() and day.cleaned_data["date"] == date(2022, 4, 2)
    form = SearchForm({"from": typed})
    assert form.is_valid() and form.cleaned_data["from"] == date(2022, 4, 2)


def test_date_box_opens_the_edition_of_that_day(client, archive):
    response = client.get("/archive/", {"date": "2022年11月7日"})
    assert response.status_code == 302 and response["Location"] == "/2022/11/7/"


def test_date_box_opens_the_nearest_edition_and_says_so(client, archive):
    response = client.get("/archive/", {"date": "2022-11-10"})
    assert response["Location"] == "/2022/11/7/?asked=2022-11-10"
    html = client.get(response["Location"]).content.decode()
    assert "2022年11月10日没有收录的报纸，这是离它最近的一期。" in html


def test_date_box_on_a_tie_opens_the_earlier_edition(client, archive):
    # 2021-04-02 and 2022-04-02 are 365 days apart: 2021-10-01 is 182 days after the first
    # and 183 before the second; 2021-10-02 is 183 and 182.
    assert client.get("/archive/", {"date": "2021-10-01"})["Location"].startswith("/2021/4/2/")
    assert client.get("/archive/", {"date": "2021-10-02"})["Location"].startswith("/2022/4/2/")
    assert client.get("/archive/", {"date": "1990-01-01"})["Location"].startswith("/2020/4/2/")


def test_date_box_names_a_bad_date_once(client, archive):
    response = client.get("/archive/", {"date": "4/2/2022"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("日期应写成 2022-04-02 或 2022年4月2日") == 1
    assert 'value="4/2/2022"' in html
    assert 'type="date"' not in html


def test_edition_links_to_the_editions_before_and_after(client, archive):
    html = client.get("/2021/4/2/").content.decode()
    assert 'href="/2020/4/2/">← 上一期' in html
    assert 'href="/2022/4/2/">下一期 →' in html


def test_lists_show_page_kind_and_lead_sentence(client, archive):
    html = client.get("/2022/4/2/").content.decode()
    assert "我市召开人大议案政协提案交办会。" in html  # the lead of "proposals"
    assert "第2版 · 综合" in html
    person = client.get(archive.people["张赤奎"].get_absolute_url()).content.decode()
    assert "2022年4月2日 星期六" in person and "第1版" in person
    assert "我市召开人大议案政协提案交办会。" in person


def test_page_text_lists_the_page_in_printed_order_with_its_ocr_text(client, archive):
    page = Page.objects.get(edition=archive.editions["april"], number=1)
    page.raw_text = "永康日报\n第1版 要闻\n市委常委会扩大会议 <打一场漂亮的翻身仗>"
    page.save()
    response = client.get("/2022/4/2/page/1/")
    html = response.content.decode()
    assert response.status_code == 200
    order = [html.index(archive.articles[key].headline) for key in ("meeting", "proposals")]
    assert order == sorted(order)
    assert "春耕正忙" not in html  # page 2
    assert "市委常委会扩大会议 &lt;打一场漂亮的翻身仗&gt;" in html
    assert 'href="/2022/4/2/page/2/">第2版 →' in html
    article = client.get(archive.articles["meeting"].get_absolute_url()).content.decode()
    assert 'href="/2022/4/2/page/1/"' in article


@pytest.mark.parametrize(
    "path",
    [
        "/2022/4/2/page/7/",
        "/2022/2/30/page/1/",
        "/1999/1/1/page/1/",
        "/99999999999999999999/1/1/page/1/",
    ],
)
def test_page_text_of_a_missing_page_is_404(client, archive, path):
    assert client.get(path).status_code == 404


def test_on_this_day_without_editions_offers_the_nearest_days(client, archive):
    html = client.get("/on-this-day/", {"date": "2023-04-05"}).content.decode()
    assert "往年的4月5日没有收录的报道" in html
    assert 'href="/on-this-day/?date=2023-04-02">4月2日</a>' in html
    # Cyclic: after 5 April the next day with editions is 7 November.
    assert 'href="/on-this-day/?date=2023-11-07">11月7日</a>' in html


def test_on_this_day_reads_the_chinese_date_form(client, archive):
    html = client.get("/on-this-day/", {"date": "2023年4月2日"}).content.decode()
    assert "去年今日的春季招聘会" in html
    assert 'type="date"' not in html


def test_robots_txt_names_the_absolute_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text


def test_favicon_is_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_debug_404_page_may_style_itself_and_nothing_else_relaxes(client, archive):
    with override_settings(DEBUG=True):
        missing = client.get("/no-such-page/")
        found = client.get("/2022/4/2/")
    assert missing.status_code == 404
    assert "style-src 'self' 'unsafe-inline'" in missing["Content-Security-Policy"]
    assert "unsafe-inline" not in found["Content-Security-Policy"]
    production = client.get("/no-such-page/")
    assert "unsafe-inline" not in production["Content-Security-Policy"]
