"""Issue 15 in a real browser: on a phone the first result is on the first screen, and the
timeline stays within one screen over an archive as long as the benchmark corpus's
(2012-07 … 2026-06, built here through the ORM, one edition a month)."""

from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The corpus's first and last months (see /work/shared/corpus/README.md, bench only).
SPAN = ((2012, 7), (2026, 6))


@pytest.fixture
def long_archive(site):
    """The seed pages plus one edition a month across the corpus's span, all searchable."""
    from django.core.management import call_command

    from articles.models import Article, Edition, Page

    (year, month), last = SPAN
    while (year, month) <= last:
        day = date(year, month, 15)
        edition, _ = Edition.objects.get_or_create(date=day)
        page = Page.objects.create(
            edition=edition, number=3, raw_text="", source_name=f"{day}.txt", checksum=str(day)
        )
        Article.objects.create(
            edition=edition,
            page=page,
            position=1,
            headline=f"{year}年{month}月的城市更新",
            body=f"城市更新在{year}年{month}月继续推进。各区块按计划完成改造。",
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    call_command("rebuild_index", interactive=False, verbosity=0)
    return site


def new_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US", is_mobile=viewport is PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("query", ["城市更新", "五金"])
def test_on_a_phone_the_first_result_is_on_the_first_screen(
    browser, long_archive, query, screenshot
):
    page = new_page(browser, PHONE)
    try:
        page.goto(f"{long_archive}/search/?q={query}")
        first = page.locator(".result-card").first
        expect(first).to_be_visible()
        box = first.locator(".result-title").bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], box
        print("first result title bottom", box["y"] + box["height"])
        screenshot(page, f"search-phone-{query}")
        # Results come before the facets and the timeline on a narrow screen.
        results_top = page.locator(".results").bounding_box()["y"]
        assert page.locator(".facets").bounding_box()["y"] > results_top
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_timeline_fits_one_screen_over_the_corpus_span(
    browser, long_archive, viewport, screenshot
):
    page = new_page(browser, viewport)
    try:
        page.goto(f"{long_archive}/search/?q=城市更新")
        timeline = page.locator(".search-timeline")
        expect(timeline.locator("summary")).to_have_count(15)  # 2012 … 2026
        assert timeline.bounding_box()["height"] <= viewport["height"]
        # A year opens to its months, and the whole still fits.
        timeline.locator("summary", has_text="2019").click()
        months = timeline.locator("details[open] .timeline-months li")
        expect(months).to_have_count(12)
        assert timeline.bounding_box()["height"] <= viewport["height"]
        print("timeline height with a year open", timeline.bounding_box()["height"])
        timeline.screenshot(path=f"test-artifacts/timeline-{viewport['width']}.png")
        months.filter(has_text="3月").get_by_role("link").click()
        expect(page.locator(".result-card")).to_have_count(1)
        expect(page.locator(".result-card .result-title")).to_have_text("2019年3月的城市更新")
    finally:
        page.context.close()


def test_phone_filters_fold_and_take_dates_in_either_form(browser, long_archive):
    page = new_page(browser, PHONE)
    try:
        page.goto(f"{long_archive}/search/?q=城市更新")
        date_from = page.locator(".search-filters input[name=from]")
        expect(date_from).to_be_hidden()
        page.locator(".search-filters summary").click()
        date_from.fill("2025年1月1日")
        page.locator(".search-filters input[name=to]").fill("2025-03-31")
        page.locator(".filter-fields button[type=submit]").click()
        expect(page.locator(".result-card")).to_have_count(3)
        expect(page.locator(".search-filters summary")).to_contain_text("2025-01-01 至 2025-03-31")
        # A typo is caught by the pattern before any request is sent.
        page.locator(".search-filters summary").click()
        date_from.fill("1/1/2025")
        assert date_from.evaluate("input => input.validity.patternMismatch")
    finally:
        page.context.close()


def test_desktop_shows_the_filters_unfolded(page, site):
    page.goto(site + "/search/?q=城市更新")
    expect(page.locator(".search-filters input[name=reporter]")).to_be_visible()
    expect(page.locator(".search-filters summary")).to_be_hidden()
    assert page.csp_violations == []


def test_archive_date_box_jumps_to_the_nearest_edition(page, site):
    page.goto(site + "/archive/")
    page.locator("#archive-date").fill("2022年11月9日")
    page.get_by_role("button", name="前往").click()
    expect(page).to_have_url(site + "/2022/11/7/?asked=2022-11-09")
    expect(page.locator(".message")).to_contain_text("2022年11月9日没有收录的报纸")
    assert page.csp_violations == []


def test_an_article_prints_its_text_and_citation_without_site_furniture(page, site, screenshot):
    page.goto(site + "/2022/4/2/")
    page.get_by_role("link", name="拼搏实干 扛旗有我").click()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".article-nav")).to_be_hidden()
    expect(page.locator("h1.headline")).to_be_visible()
    expect(page.locator(".citation")).to_be_visible()
    expect(page.locator(".citation")).to_contain_text(
        "拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1)."
    )
    screenshot(page, "article-print")
    assert page.csp_violations == []
