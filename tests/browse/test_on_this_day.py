from datetime import date
from unittest import mock

from django.urls import reverse


def test_on_this_day_groups_earlier_years(client, archive):
    html = client.get(reverse("articles:on_this_day"), {"date": "2022-04-02"}).content.decode()
    assert "历史上的今天 · 4月2日" in html
    assert archive.articles["old"].headline in html
    assert archive.articles["older"].headline in html
    assert archive.articles["meeting"].headline not in html  # the day itself is not history
    assert html.index("2021年4月2日") < html.index("2020年4月2日")
    assert 'href="/2021/4/2/"' in html


def test_on_this_day_defaults_to_today_in_shanghai(client, archive):
    with mock.patch("articles.views.browse.today", return_value=date(2023, 4, 2)):
        html = client.get(reverse("articles:on_this_day")).content.decode()
    assert archive.articles["meeting"].headline in html
    assert archive.articles["older"].headline in html


def test_invalid_date_falls_back_to_today_with_a_message(client, archive):
    with mock.patch("articles.views.browse.today", return_value=date(2023, 11, 7)):
        response = client.get(reverse("articles:on_this_day"), {"date": "2022-02-30"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "日期“2022-02-30”无法识别" in html
    assert archive.articles["inspection"].headline in html


def test_day_without_history(client, archive):
    html = client.get(reverse("articles:on_this_day"), {"date": "2022-07-01"}).content.decode()
    assert "往年的7月1日没有收录的报道" in html
    assert 'href="/on-this-day/?date=2022-07-02"' in html


def test_the_first_and_last_representable_days(client, archive):
    first = client.get(reverse("articles:on_this_day"), {"date": "0001-01-01"})
    assert first.status_code == 200
    html = first.content.decode()
    assert "历史上的今天 · 1月1日" in html
    assert 'rel="prev"' not in html  # there is no day before 1 January of year 1
    assert 'href="/on-this-day/?date=0001-01-02"' in html

    last = client.get(reverse("articles:on_this_day"), {"date": "9999-12-31"})
    assert last.status_code == 200
    html = last.content.decode()
    assert "历史上的今天 · 12月31日" in html
    assert 'rel="next"' not in html
    assert 'href="/on-this-day/?date=9999-12-30"' in html
