"""Credited names are validated at import; supplying units are never stored as people;
control characters never reach the database."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import articles.importer as importer
from articles.cleaning import clean_text, is_unit, person_name
from articles.importer import import_file
from articles.models import Article, Credit, Person
from articles.parsing import parse_page as real_parse_page
from articles.parsing.parsed import Credit as ParsedCredit

from .conftest import APRIL

pytestmark = pytest.mark.django_db


def with_credits(monkeypatch, credits, headline=None):
    """Import APRIL with the first article's credits (and headline) replaced."""

    def parse(text, **kwargs):
        parsed = real_parse_page(text, **kwargs)
        parsed.articles[0].credits = list(credits)
        if headline is not None:
            parsed.articles[0].headline = headline
        return parsed

    monkeypatch.setattr(importer, "parse_page", parse)
    result = import_file(APRIL)
    assert not result.failed, result.error
    return Article.objects.get(edition__date="2022-04-02", position=1)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("陈晓苏", "陈晓苏"),
        (" 阿卜杜拉·买买提 ", "阿卜杜拉·买买提"),
        ("王\x0c五", "王 五"),
        ("李\x00四", "李四"),
        ("张/三", None),
        ("..", None),
        ("a..b", None),
        ("%2F", None),
        ("<b>李四</b>", None),
        ('王"五', None),
        ("12345", None),
        ("\x07", None),
        ("　", None),
        ("名" * 31, None),
    ],
)
def test_person_name_rules(raw, cleaned):
    assert person_name(raw) == cleaned


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("市教育局/宣传科", True),
        ("市教育局", True),
        ("宣传科", True),
        ("东城街道", True),
        ("市融媒体中心", True),
        ("永康五金公司", True),
        ("市委办", True),
        ("李科", False),  # a two-character name ending in 科 is a person
        ("陈晓苏", False),
    ],
)
def test_unit_names(name, unit):
    assert is_unit(name) is unit


def test_a_supplying_unit_is_not_stored_as_a_person(monkeypatch):
    article = with_credits(
        monkeypatch,
        [
            ParsedCredit("陈晓苏", "记者", "融媒首席记者"),
            ParsedCredit("市教育局/宣传科", "供稿", "供稿"),
            ParsedCredit("永康市融媒体中心", "供稿", "来源"),
            ParsedCredit("东城街道", "其他", "来源"),
        ],
    )
    assert [c.person.name for c in article.credits.all()] == ["陈晓苏"]
    assert not Person.objects.filter(name__contains="局").exists()
    assert not Person.objects.filter(name__in=["永康市融媒体中心", "东城街道"]).exists()


def test_a_person_who_supplied_a_text_is_still_credited(monkeypatch):
    article = with_credits(monkeypatch, [ParsedCredit("胡科", "供稿", "供稿")])
    assert [c.person.name for c in article.credits.all()] == ["胡科"]


def test_names_that_are_not_names_are_noted_not_stored(monkeypatch):
    article = with_credits(
        monkeypatch,
        [
            ParsedCredit("张/三", "记者", "记者"),
            ParsedCredit("..", "记者", "记者"),
            ParsedCredit("%2F", "通讯员", "通讯员"),
            ParsedCredit("<img src=x onerror=alert(1)>", "记者", "记者"),
            ParsedCredit("王\x0c五", "摄影", "摄"),
        ],
    )
    assert [c.person.name for c in article.credits.all()] == ["王 五"]
    assert Person.objects.filter(name__in=["张/三", "..", "%2F"]).count() == 0
    notes = "\n".join(article.notes)
    for shown in ("张/三", "..", "%2F", "<img src=x onerror=a…"):
        assert f"署名“{shown}”不像人名" in notes


def test_control_characters_never_reach_the_database(tmp_path):
    text = APRIL.read_text("utf-8")
    text = text.replace("# 市委常委会扩大会议", "# 市委常委会\x0c扩大会议\x01", 1)
    text = text.replace("市委书记章旭升主持会议。", "市委书记\x1b章旭升\x0b主持会议。\x7f", 1)
    page = tmp_path / "2022-04-02.txt"
    page.write_text(text, encoding="utf-8")
    result = import_file(page)
    assert not result.failed, result.error
    article = Article.objects.get(position=1, edition__date="2022-04-02")
    assert article.headline.startswith("市委常委会 扩大会议")
    assert "市委书记章旭升 主持会议。" in article.body
    stored = article.page.raw_text + article.headline + article.body
    assert clean_text(stored) == stored
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in stored)


@pytest.mark.django_db(transaction=True)
def test_migration_removes_units_stored_as_people_and_nothing_else():
    before = [("articles", "0003_editors_workbench")]
    after = [("articles", "0004_remove_supplying_units_from_people")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Edition, Page, Article_, Person_, Credit_ = (
        apps.get_model("articles", name)
        for name in ("Edition", "Page", "Article", "Person", "Credit")
    )
    edition = Edition.objects.create(date="2022-04-02")
    page = Page.objects.create(edition=edition, number=1, raw_text="x", checksum="x")
    article = Article_.objects.create(edition=edition, page=page, position=1, headline="h")
    other = Article_.objects.create(edition=edition, page=page, position=2, headline="h2")
    unit = Person_.objects.create(name="市教育局/宣传科")
    source = Person_.objects.create(name="市融媒体中心")
    reporter = Person_.objects.create(name="陈晓苏")
    both = Person_.objects.create(name="城建局")  # also credited as a reporter: kept
    Credit_.objects.create(article=article, person=unit, role="供稿", printed_role="供稿")
    Credit_.objects.create(article=other, person=source, role="其他", printed_role="来源")
    Credit_.objects.create(article=article, person=reporter, role="记者")
    Credit_.objects.create(article=article, person=both, role="供稿", printed_role="供稿")
    Credit_.objects.create(article=other, person=both, role="记者", printed_role="记者")
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        assert set(Person.objects.values_list("name", flat=True)) == {"陈晓苏", "城建局"}
        assert Credit.objects.count() == 3
        assert set(Article.objects.values_list("headline", flat=True)) == {"h", "h2"}
        from articles.models import PendingIndexUpdate

        assert set(PendingIndexUpdate.objects.values_list("article_id", flat=True)) == {
            article.pk,
            other.pk,
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
