"""Searching and editing in a real browser: needs the search page (articles:search)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_open_result_follow_reporter_and_narrow_by_year(page, site, screenshot):
    page.goto(site + "/")
    page.locator(".site-search input[name=q]").fill("城市更新")
    page.locator(".site-search button").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%9F%8E%E5%B8%82%E6%9B%B4%E6%96%B0"))
    results = page.locator(".result-card")
    expect(results.first).to_be_visible()
    screenshot(page, "search", docs=True)

    results.first.locator("a").first.click()
    expect(page.locator("h1.headline")).to_be_visible()
    assert "城市更新" in page.locator("main").inner_text()

    page.locator(".byline .person-link").first.click()
    expect(page.locator("h1")).to_have_text("陈晓苏")
    expect(page.locator(".article-list .article-item")).to_have_count(3)

    page.get_by_role("link", name="在检索中按此署名查找").click()
    expect(page).to_have_url(re.compile(r"reporter="))
    all_years = page.locator(".result-card").count()
    assert all_years == 3
    page.locator("input[name=date_from]").fill("2022-11-01")
    page.locator("input[name=date_to]").fill("2022-11-30")
    page.locator("form.search-form button[type=submit]").click()
    expect(page.locator(".result-card")).to_have_count(2)
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
    page.locator(".site-search input[name=q]").fill("胡公文化受肯定")
    page.locator(".site-search button").click()
    expect(page.locator(".result-card").first).to_contain_text("胡公文化受肯定")
    screenshot(page, "search-after-edit")
    page.locator(".result-card a").first.click()
    expect(page).to_have_url(f"{site}/articles/{article.pk}/")
    expect(page.locator("h1.headline")).to_contain_text("胡公文化受肯定")
