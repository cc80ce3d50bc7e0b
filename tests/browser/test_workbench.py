"""Editors fix the parser's mistakes from the admin alone, in Chromium, and readers and the
search see the result at once.

Each test first puts one kind of mistake into the imported seed pages, the way the parser
makes it (the article and its stored original both say what a wrong parse would have said),
so the tests do not depend on which pages today's parser still gets wrong.
"""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleRedirect, Credit, Person
from articles.originals import current

pytestmark = pytest.mark.browser

PASSWORD = "workbench-secret"


@pytest.fixture
def editor(page, site, django_user_model):
    """The browser page, logged in to the admin through its form."""
    django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("用户名").fill("editor")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#site-name")).to_contain_text("永康日报档案管理")
    return page


def article_at(position, date="2022-11-07") -> Article:
    return Article.objects.get(edition__date=date, position=position)


def as_parsed(article: Article) -> Article:
    """Make the stored parse say what the article says now: the mistake is the parser's."""
    article.original = current(article)
    article.edited = False
    article.save()
    return article


def open_in_admin(page, site, article):
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#id_headline")).to_be_visible()


def search_headlines(page, site, **params) -> list[str]:
    query = "&".join(f"{key}={quote(value)}" for key, value in params.items())
    page.goto(f"{site}/search/?{query}")
    return page.locator(".result-card .result-title").all_inner_texts()


def shift_down(page_obj, after: int) -> None:
    """Make room at ``after + 1`` on a page (highest first: positions are unique)."""
    for article in page_obj.articles.filter(position__gt=after).order_by("-position"):
        article.position += 1
        article.save()


def test_false_article_from_a_byline_line_is_merged_back(editor, site, screenshot):
    real = article_at(1)
    paragraphs = real.paragraphs
    real.body, real.byline = "\n".join(paragraphs[:2]), ""
    real.save()
    real.credits.all().delete()
    as_parsed(real)
    shift_down(real.page, 1)
    false = Article.objects.create(
        edition=real.edition,
        page=real.page,
        position=2,
        headline="本报记者 吕小测",
        body="\n".join(paragraphs[2:]),
    )
    false_parse = as_parsed(false).original
    real_parse = real.original
    assert "吕小测" not in "".join(search_headlines(editor, site, reporter="吕小测"))

    open_in_admin(editor, site, false)
    editor.get_by_role("link", name="并入上一篇").click()
    expect(editor.locator("h1")).to_contain_text("并入上一篇")
    editor.get_by_label("作为署名(署名人员随之重新识别)").check()
    screenshot(editor, "admin-merge", docs=True)
    editor.get_by_role("button", name="合并").click()
    expect(editor.locator(".messagelist")).to_contain_text("已把《本报记者 吕小测》并入")
    expect(editor.locator("#id_byline")).to_have_value("本报记者 吕小测")

    editor.goto(f"{site}/articles/{false.pk}/")  # the false article's URL: 301 to the real one
    expect(editor).to_have_url(f"{site}/articles/{real.pk}/")
    expect(editor.locator(".byline").get_by_role("link", name="吕小测")).to_be_visible()
    expect(editor.locator(".article-body p")).to_have_count(len(paragraphs))
    found = search_headlines(editor, site, reporter="吕小测")
    assert found and "清廉金华建设推进会" in found[0]
    assert len(search_headlines(editor, site, q="胡公为官一任")) == 1
    real.refresh_from_db()
    assert real.original == real_parse
    assert ArticleRedirect.objects.get(old_id=false.pk).original == false_parse
    assert editor.csp_violations == []


def test_signature_taken_as_the_headline_is_fixed_by_editing_titles(editor, site, screenshot):
    article = article_at(2, "2022-04-02")
    title = article.headline
    article.kicker, article.headline, article.byline = title, "记者 应测试", ""
    article.save()
    article.credits.all().delete()
    parse = as_parsed(article).original

    open_in_admin(editor, site, article)
    expect(editor.locator(".source-lines li.this-article").first).to_be_visible()
    editor.locator("#id_kicker").fill("")
    editor.locator("#id_headline").fill(title)
    byline = editor.locator("#id_byline")
    byline.focus()
    editor.keyboard.type("记者 应测试")
    expect(editor.locator("#credit-preview")).to_contain_text("应测试(记者")
    screenshot(editor, "admin-article", docs=True)
    editor.locator(".field-source_text").scroll_into_view_if_needed()
    screenshot(editor, "admin-article-source", docs=True)
    byline.focus()
    editor.keyboard.press("Enter")  # submits the change form
    expect(editor.locator(".messagelist")).to_contain_text("成功修改")

    editor.goto(f"{site}/articles/{article.pk}/")
    expect(editor.locator("h1.headline")).to_have_text(title)
    expect(editor.locator(".byline").get_by_role("link", name="应测试")).to_be_visible()
    assert search_headlines(editor, site, reporter="应测试") == [title]
    article.refresh_from_db()
    assert article.original == parse
    assert editor.csp_violations == []


def test_byline_left_in_the_body_moves_to_the_byline(editor, site):
    article = article_at(2)
    paragraphs = article.paragraphs
    article.byline = ""
    article.body = "\n".join(["本报讯(记者 楼测试) " + paragraphs[0], *paragraphs[1:]])
    article.save()
    article.credits.all().delete()
    parse = as_parsed(article).original

    open_in_admin(editor, site, article)
    body = editor.locator("#id_body")
    body.fill(body.input_value().replace("本报讯(记者 楼测试) ", "", 1))
    editor.locator("#id_byline").fill("本报讯(记者 楼测试)")
    expect(editor.locator("#credit-preview")).to_contain_text("楼测试(记者")
    editor.get_by_role("button", name="保存并继续编辑").click()
    expect(editor.locator(".messagelist")).to_contain_text("成功修改")
    expect(editor.locator(".field-changes")).to_contain_text("楼测试")

    editor.goto(f"{site}/articles/{article.pk}/")
    expect(editor.locator(".byline").get_by_role("link", name="楼测试")).to_be_visible()
    expect(editor.locator(".article-body p").first).to_have_text(paragraphs[0])
    assert len(search_headlines(editor, site, reporter="楼测试")) == 1
    article.refresh_from_db()
    assert article.original == parse
    assert editor.csp_violations == []


def test_two_articles_run_together_are_split(editor, site, screenshot):
    upper, lower = article_at(2), article_at(3)
    title, lower_text = lower.headline, lower.paragraphs
    upper.body = "\n".join([*upper.paragraphs, title, "融媒评论员", *lower_text])
    upper.save()
    lower.delete()
    last = article_at(4)
    last.position = 3
    last.save()
    parse = as_parsed(upper).original

    open_in_admin(editor, site, upper)
    editor.get_by_role("link", name="拆分").click()
    expect(editor.locator("h1")).to_contain_text("拆分")
    point = editor.locator("li", has_text=title).get_by_label("从这一段起拆开")
    point.focus()
    editor.keyboard.press("Space")
    expect(point).to_be_checked()
    editor.get_by_label("拆出部分开头有几段其实是标题或署名行(从正文去掉)").select_option("2")
    editor.get_by_label("新文章标题").fill(title)
    editor.get_by_label("新文章署名").fill("融媒评论员")
    screenshot(editor, "admin-split", docs=True)
    editor.get_by_role("button", name="拆分").click()
    expect(editor.locator(".messagelist")).to_contain_text(f"新文章《{title}》")
    expect(editor.locator("#id_headline")).to_have_value(title)

    editor.goto(f"{site}/2022/11/7/")
    expect(editor.locator(".article-item")).to_have_count(4)
    expect(editor.locator(".article-item").nth(2)).to_contain_text(title)
    editor.locator(".article-item").nth(2).get_by_role("link", name=title).click()
    expect(editor.locator(".article-body p").first).to_have_text(lower_text[0])
    assert search_headlines(editor, site, q="没有一片雪花是无辜的") == [title]
    upper.refresh_from_db()
    assert upper.original == parse and "没有一片雪花是无辜的" not in upper.body
    assert editor.csp_violations == []


def test_a_person_spelled_two_ways_is_merged(editor, site):
    article = article_at(2)
    article.byline = "本报讯(融媒首席记者 陈晓甦)"
    article.save()
    wrong = Person.objects.create(name="陈晓甦")
    Credit.objects.filter(article=article).update(person=wrong)
    article.save()  # re-index under the wrong spelling
    parse = as_parsed(article).original
    right = Person.objects.get(name="陈晓苏")

    editor.goto(f"{site}/admin/articles/person/?q=陈晓")
    editor.locator(f'input[name="_selected_action"][value="{right.pk}"]').check()
    editor.locator(f'input[name="_selected_action"][value="{wrong.pk}"]').check()
    editor.locator('select[name="action"]').select_option("merge_people")
    editor.get_by_role("button", name="执行").click()
    expect(editor.locator("h1")).to_have_text("合并人员")
    keep = editor.get_by_role("radio", name=re.compile("陈晓苏"))
    keep.focus()
    editor.keyboard.press("Space")
    expect(keep).to_be_checked()
    editor.get_by_role("button", name="合并").click()
    expect(editor.locator(".messagelist")).to_contain_text("已把 陈晓甦 并入 陈晓苏")

    editor.goto(f"{site}/people/陈晓甦/")
    expect(editor.locator("h1")).to_have_text("陈晓苏")
    expect(editor.locator(".aliases")).to_have_text("也写作：陈晓甦")
    expect(editor.locator(".article-item", has_text="一鼓作气")).to_be_visible()
    editor.goto(f"{site}/articles/{article.pk}/")
    link = editor.locator(".byline").get_by_role("link", name="陈晓甦")
    expect(link).to_have_attribute("href", right.get_absolute_url())
    found = search_headlines(editor, site, reporter="陈晓苏")
    assert any("一鼓作气" in headline for headline in found)
    article.refresh_from_db()
    assert article.original == parse
    assert editor.csp_violations == []
