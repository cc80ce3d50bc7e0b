"""Reading the archive in a real browser: home → edition → article → person, desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_read_from_home_through_edition_and_article_to_reporter(page, site, screenshot):
    page.goto(site + "/")
    expect(page.locator("h2#latest-heading")).to_contain_text("2022年11月7日 星期一")
    screenshot(page, "home", docs=True)

    page.get_by_role("link", name="2022年4月2日 星期六").first.click()
    expect(page.locator("h1")).to_contain_text("永康日报 · 2022年4月2日 星期六")
    expect(page.locator(".article-item")).to_have_count(4)
    screenshot(page, "edition", docs=True)

    page.get_by_role("link", name="拼搏实干 扛旗有我").click()
    expect(page.locator("h1.headline")).to_have_text("拼搏实干 扛旗有我")
    page.get_by_role("link", name=re.compile("^上一篇")).click()
    expect(page.locator("h1.headline")).to_contain_text("集思广益献良策")
    expect(page.locator(".article-dateline")).to_contain_text("农历壬寅年三月初二")
    screenshot(page, "article", docs=True)

    page.locator(".byline").get_by_role("link", name="张赤奎").click()
    expect(page.locator("h1")).to_have_text("张赤奎")
    expect(page.locator(".month-chart svg rect")).not_to_have_count(0)
    expect(page.get_by_role("link", name="在检索中按此署名查找")).to_have_attribute(
        "href", "/search/?reporter=%E5%BC%A0%E8%B5%A4%E5%A5%8E"
    )
    screenshot(page, "person", docs=True)
    assert page.csp_violations == []


def test_calendar_leads_to_the_edition(page, site, screenshot):
    page.goto(site + "/archive/")
    page.locator(".year-list a", has_text="2022年").click()
    page.locator(".month-grid a", has_text="11月").click()
    expect(page.locator("table.calendar td.has-edition")).to_have_count(1)
    screenshot(page, "calendar")
    page.locator("table.calendar td.has-edition a").click()
    expect(page).to_have_url(site + "/2022/11/7/")
    expect(page.locator(".article-item").first).to_contain_text("清廉金华建设推进会")
    assert page.csp_violations == []


def test_phone_layout_has_no_sideways_scrolling(browser, site, screenshot):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        for path in ("/", "/2022/11/7/", "/people/", "/archive/2022/4/", "/search/?q=城市更新"):
            page.goto(site + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, path
        page.goto(site + "/")
        page.locator(".article-item-title a").first.click()
        expect(page.locator("h1.headline")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        body_size = page.locator(".article-body p").first.evaluate(
            "p => parseFloat(getComputedStyle(p).fontSize)"
        )
        assert body_size >= 16  # readable without zooming
        screenshot(page, "phone-article")
    finally:
        context.close()


def test_phone_screenshots_of_the_reading_pages(browser, site, screenshot):
    """The README's phone column: the same five pages at 390×844."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN"
    )
    page = context.new_page()
    try:
        page.goto(site + "/")
        expect(page.locator("h2#latest-heading")).to_be_visible()
        screenshot(page, "home-phone", docs=True)
        page.goto(site + "/search/?q=城市更新")
        expect(page.locator(".result-card").first).to_be_in_viewport()
        screenshot(page, "search-phone", docs=True)
        page.goto(site + "/2022/4/2/")
        expect(page.locator(".article-item")).to_have_count(4)
        screenshot(page, "edition-phone", docs=True)
        page.get_by_role("link", name="集思广益献良策").first.click()
        expect(page.locator(".citation")).to_contain_text("[N]. 永康日报, 2022-04-02(1).")
        screenshot(page, "article-phone", docs=True)
        page.locator(".byline").get_by_role("link", name="张赤奎").click()
        expect(page.locator("h1")).to_have_text("张赤奎")
        screenshot(page, "person-phone", docs=True)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        context.close()
