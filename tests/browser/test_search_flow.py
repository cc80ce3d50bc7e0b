"""Searching and editing in a real browser: needs the search page (articles:search)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_open_result_follow_reporter_and_narrow_by_year(page, site, screenshot):
    page.goto(site + "/")
    page.locator(".home-search input[name=q]").fill("城市更新")
    page.locator(".home-search button").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%9F%8E%E5%B8%82%E6%9B%B4%E6%96%B0"))
    results = page.locator(".result-card")
    expect(results.first).to_be_visible()
    assert results.count() >= 3
    screenshot(page, "search", docs=True)

    # The first hit may be an unsigned commentary: open the first one a reporter wrote.
    with_reporter = results.filter(has=page.locator("a.person")).first
    headline = with_reporter.locator(".result-title a").inner_text()
    with_reporter.locator(".result-title a").click()
    expect(page.locator("h1.headline")).to_have_text(headline)
    assert "城市更新" in page.locator(".article").inner_text()

    page.locator(".byline .person-link").first.click()
    expect(page.locator("h1")).to_have_text("陈晓苏")
    expect(page.locator(".article-list .article-item")).to_have_count(3)

    page.get_by_role("link", name="在检索中按此署名查找").click()
    expect(page).to_have_url(re.compile(r"reporter=%E9%99%88%E6%99%93%E8%8B%8F"))
    expect(page.locator(".result-card")).to_have_count(3)
    page.locator(".facets a", has_text="2022年").click()
    expect(page).to_have_url(re.compile(r"from=2022-01-01&to=2022-12-31"))
    expect(page.locator(".result-card")).to_have_count(3)
    page.locator(".search-form input[name=from]").fill("2022-11-01")
    page.locator(".filter-fields button[type=submit]").click()
    expect(page.locator(".result-card")).to_have_count(2)
    expect(page.locator(".result-card").first).to_contain_text("2022年11月7日")
    screenshot(page, "search-reporter-narrowed")
    assert page.csp_violations == []


def test_editor_fixes_a_headline_and_finds_it_by_search(page, site, screenshot, django_user_model):
    from articles.models import Article

    django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    article = Article.objects.get(headline="清廉金华建设推进会以视频形式召开")

    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "pw-for-tests-only")
    page.locator("input[type=submit]").click()
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    page.fill("input[name=headline]", "清廉金华建设推进会以视频形式召开 胡公文化受肯定")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto(site + "/")
    page.locator(".home-search input[name=q]").fill("胡公文化受肯定")
    page.locator(".home-search button").click()
    expect(page.locator(".result-card").first).to_contain_text("胡公文化受肯定")
    screenshot(page, "search-after-edit")
    page.locator(".result-card a").first.click()
    expect(page).to_have_url(f"{site}/articles/{article.pk}/")
    expect(page.locator("h1.headline")).to_contain_text("胡公文化受肯定")
