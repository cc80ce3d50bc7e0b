from django.urls import reverse

from articles.models import Edition


def test_home_shows_latest_edition_in_page_order_with_people(client, archive):
    response = client.get(reverse("articles:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2022年11月7日 星期一" in html
    assert "农历壬寅年十月十四" in html
    inspection = archive.articles["inspection"]
    assert inspection.headline in html
    assert inspection.kicker in html
    assert f'href="{inspection.get_absolute_url()}"' in html
    assert f'href="/people/{archive.people["陈晓苏"].pk}/"' in html
    # Older editions are linked, not listed.
    assert archive.articles["meeting"].headline not in html
    assert 'href="/2022/4/2/"' in html
    assert 'href="/archive/"' in html
    assert 'action="/search/"' in html


def test_home_lists_pages_in_order(client, archive):
    Edition.objects.filter(date__gt="2022-04-02").delete()
    html = client.get(reverse("articles:home")).content.decode()
    order = [
        html.index(archive.articles[key].headline)
        for key in ("meeting", "proposals", "commentary", "photo")
    ]
    assert order == sorted(order)
    assert "第2版 · 综合" in html


def test_home_without_editions_says_so(client, db):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert "还没有任何一期报纸" in response.content.decode()


def test_archive_index_lists_years_with_counts(client, archive):
    html = client.get(reverse("articles:archive")).content.decode()
    assert 'href="/archive/2022/"' in html and "2 期" in html
    assert 'href="/archive/2021/"' in html
    assert 'href="/archive/2020/"' in html


def test_year_links_only_months_with_editions(client, archive):
    html = client.get(reverse("articles:archive_year", args=[2022])).content.decode()
    assert 'href="/archive/2022/4/"' in html
    assert 'href="/archive/2022/11/"' in html
    assert 'href="/archive/2022/5/"' not in html
    assert "5月" in html  # shown, unlinked
    assert 'href="/archive/2021/"' in html  # previous year with editions


def test_month_calendar_starts_monday_and_links_edition_days(client, archive):
    response = client.get(reverse("articles:archive_month", args=[2022, 4]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2022年4月" in html
    header = html[html.index("<thead>") : html.index("</thead>")]
    assert header.index("一") < header.index("日")
    assert 'href="/2022/4/2/"' in html
    assert 'href="/2022/4/3/"' not in html
    # 1 April 2022 was a Friday: the first week starts with four empty cells.
    first_row = html[html.index("<tbody>") :].split("</tr>")[0]
    assert first_row.count('class="outside"') == 4
    assert 'href="/archive/2022/11/"' in html  # next month with editions


def test_edition_page_groups_articles_by_page(client, archive):
    response = client.get(reverse("articles:edition", args=[2022, 4, 2]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2022年4月2日 星期六" in html
    assert "第1版 · 要闻" in html and "第2版 · 综合" in html
    assert html.index("第1版") < html.index(archive.articles["commentary"].headline)
    assert html.index(archive.articles["commentary"].headline) < html.index("第2版")
    assert "评论" in html and "图片新闻" in html
    assert ">张赤奎</a>" in html and ">李文</a>" in html
    assert 'href="/2022/11/7/"' in html  # next edition
    assert 'href="/2021/4/2/"' in html  # previous edition


def test_unknown_or_impossible_dates_are_404(client, archive):
    for url in (
        "/2022/4/3/",
        "/2022/2/30/",
        "/2022/13/1/",
        "/archive/2019/",
        "/archive/2022/5/",
        "/archive/2022/13/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "找不到这个页面" in response.content.decode()


def test_archive_pages_run_a_bounded_number_of_queries(
    client, archive, django_assert_max_num_queries
):
    for url in ("/", "/archive/", "/archive/2022/", "/archive/2022/4/", "/2022/4/2/"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
