import hashlib
import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import articles.importer as importer
from articles.importer import import_file, import_paths
from articles.models import Article, Credit, Edition, ImportRun, Page, Person

from .conftest import APRIL, NOVEMBER, SEED_TEXTS, expected_for

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything an import writes, with timestamps, to compare before and after."""
    return {
        "editions": list(Edition.objects.order_by("pk").values()),
        "pages": list(Page.objects.order_by("pk").values()),
        "articles": list(Article.objects.order_by("pk").values()),
        "credits": list(Credit.objects.order_by("pk").values()),
        "people": list(Person.objects.order_by("pk").values()),
    }


def test_import_stores_every_article_field_by_field():
    summary = import_paths(SEED_TEXTS)
    assert [r.outcome for r in summary.results] == ["created", "created"]
    assert Edition.objects.count() == 2

    for path in SEED_TEXTS:
        expected = expected_for(path)
        edition = Edition.objects.get(date=expected["date"])
        assert edition.paper == expected["paper"] == "永康日报"
        assert edition.weekday == expected["weekday"]
        assert edition.lunar_date == expected["lunar_date"]

        page = edition.pages.get()
        data = path.read_bytes()
        assert page.number == 1
        assert page.raw_text == data.decode("utf-8")
        assert page.source_name == path.name
        assert page.checksum == hashlib.sha256(data).hexdigest()

        stored = list(edition.articles.in_page_order())
        assert len(stored) == len(expected["articles"])
        for position, (article, want) in enumerate(
            zip(stored, expected["articles"], strict=True), start=1
        ):
            assert article.page == page
            assert article.position == position
            for name in ("kicker", "headline", "subtitle", "column", "byline", "kind"):
                assert getattr(article, name) == (want[name] or ""), name
            assert article.body == "\n".join(want["paragraphs"])
            assert article.paragraphs == want["paragraphs"]
            credits = list(article.credits.order_by("order").select_related("person"))
            assert [c.person.name for c in credits] == want["reporters"]
            assert [c.order for c in credits] == list(range(len(credits)))
            assert not article.edited

    # The April front page: the lead story's byline prints the role, storage normalises it.
    lead = Article.objects.get(edition__date="2022-04-02", position=1)
    credit = lead.credits.get()
    assert (credit.person.name, credit.role, credit.printed_role) == (
        "陈晓苏",
        "记者",
        "融媒首席记者",
    )
    # One person across both editions, credited in both.
    chen = Person.objects.with_counts().get(name="陈晓苏")
    assert chen.article_count == 3
    all_reporters = {
        n for p in SEED_TEXTS for a in expected_for(p)["articles"] for n in a["reporters"]
    }
    assert set(Person.objects.values_list("name", flat=True)) == all_reporters

    runs = ImportRun.objects.order_by("source_name")
    assert [(r.outcome, r.encoding, r.error) for r in runs] == [("created", "UTF-8", "")] * 2
    assert [r.articles_created for r in runs] == [4, 4]
    assert all(r.finished_at for r in runs)
    assert str(runs[0].edition_date) == "2022-04-02"


def test_reimporting_the_same_files_writes_nothing():
    import_paths(SEED_TEXTS)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        summary = import_paths(SEED_TEXTS)

    assert [r.outcome for r in summary.results] == ["unchanged", "unchanged"]
    assert [r.unchanged for r in summary.results] == [4, 4]
    assert summary.articles("created") == summary.articles("updated") == 0
    assert snapshot() == before  # updated_at and imported_at included
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes and all("importrun" in sql.lower() for sql in writes)
    assert ImportRun.objects.filter(outcome="unchanged").count() == 2


def test_same_content_in_different_bytes_updates_only_the_page(page_dir):
    path = page_dir / APRIL.name
    import_file(path)
    before = snapshot()
    path.write_bytes(path.read_bytes() + b"\n\n")  # different checksum, same articles

    result = import_file(path)

    assert result.outcome == "updated"
    assert (result.unchanged, result.updated, result.created, result.deleted) == (4, 0, 0, 0)
    after = snapshot()
    assert after["articles"] == before["articles"]
    assert after["credits"] == before["credits"]
    assert after["pages"][0]["checksum"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_changed_file_updates_its_articles_and_removes_dropped_ones(page_dir):
    path = page_dir / NOVEMBER.name
    import_file(path)
    untouched = Article.objects.get(edition__date="2022-11-07", position=3)
    text = path.read_text("utf-8")
    last_headline = expected_for(NOVEMBER)["articles"][-1]["headline"]
    # Rename the lead story and cut the last article (the teaser) off the page.
    text = text.replace("清廉金华建设推进会以视频形式召开", "清廉金华建设推进会召开", 1)
    text = text[: text.index(last_headline)]
    path.write_text(text, "utf-8")

    result = import_file(path)

    assert result.outcome == "updated"
    assert (result.updated, result.deleted, result.unchanged, result.kept) == (1, 1, 2, 0)
    edition = Edition.objects.get(date="2022-11-07")
    assert list(edition.articles.in_page_order().values_list("headline", flat=True))[:1] == [
        "清廉金华建设推进会召开"
    ]
    assert edition.articles.count() == 3
    assert not edition.articles.filter(headline=last_headline).exists()
    assert Article.objects.get(pk=untouched.pk).updated_at == untouched.updated_at
    run = ImportRun.objects.latest("started_at")
    assert (run.outcome, run.articles_updated, run.articles_deleted) == ("updated", 1, 1)


def test_editor_changes_survive_reimport_unless_forced(page_dir):
    path = page_dir / NOVEMBER.name
    import_file(path)
    fixed = Article.objects.get(edition__date="2022-11-07", position=1)
    fixed.headline = "编辑改正的标题"
    fixed.edited = True
    fixed.save()
    path.write_text(path.read_text("utf-8").replace("会议强调", "会议要求"), "utf-8")

    result = import_file(path)
    assert result.outcome == "updated"
    assert result.kept == 1
    fixed.refresh_from_db()
    assert fixed.headline == "编辑改正的标题" and fixed.edited
    assert "会议强调" in fixed.body  # the new text did not reach the kept article

    unchanged_bytes = import_file(path)
    assert unchanged_bytes.outcome == "unchanged"

    forced = import_file(path, force=True)
    assert forced.outcome == "updated" and forced.kept == 0 and forced.updated == 1
    fixed.refresh_from_db()
    assert fixed.headline == "清廉金华建设推进会以视频形式召开"
    assert "会议要求" in fixed.body
    assert not fixed.edited


def test_changed_credits_replace_old_ones_and_drop_people_left_without_articles(page_dir):
    path = page_dir / APRIL.name
    import_file(path)
    assert Person.objects.filter(name="张赤奎").exists()
    path.write_text(path.read_text("utf-8").replace("张赤奎", "张新名"), "utf-8")

    result = import_file(path)

    assert result.updated == 1
    assert not Person.objects.filter(name="张赤奎").exists()
    article = Person.objects.get(name="张新名").articles.get()
    assert article.byline.count("张新名") == 1


def test_failure_in_the_middle_of_a_page_leaves_nothing_of_it(monkeypatch):
    real = importer._create_credits
    calls = []

    def flaky(article, credits, people):
        calls.append(article.headline)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real(article, credits, people)

    monkeypatch.setattr(importer, "_create_credits", flaky)
    result = import_file(APRIL)

    assert len(calls) == 2  # the first article was written before the failure
    assert result.outcome == "failed"
    assert str(APRIL) in result.error and "disk full" in result.error
    assert not any(snapshot().values())
    run = ImportRun.objects.get()
    assert run.outcome == "failed" and "disk full" in run.error and run.finished_at


def test_failed_update_keeps_the_previous_import_intact(monkeypatch, page_dir):
    path = page_dir / APRIL.name
    import_file(path)
    before = snapshot()
    path.write_text(path.read_text("utf-8").replace("张赤奎", "张新名"), "utf-8")

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(importer, "_create_credits", broken)
    assert import_file(path).outcome == "failed"
    assert snapshot() == before


def bad_files(folder):
    good = folder / "a_good.txt"
    shutil.copy(APRIL, good)
    april_bytes = APRIL.read_bytes()
    (folder / "b_binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    (folder / "c_empty.txt").write_bytes(b"")
    # Cut inside the last character: a file truncated in transfer.
    (folder / "d_truncated.txt").write_bytes(april_bytes[: len(april_bytes.rstrip()) - 1])
    (folder / "e_no_date.txt").write_text(
        "# 启事\n\n本报自即日起调整出版时间。\n\n永康日报社\n", "utf-8"
    )
    return good


def test_bad_files_fail_with_file_and_line_and_the_rest_is_imported(tmp_path):
    bad_files(tmp_path)

    summary = import_paths([tmp_path])

    outcomes = {r.source_name.rsplit("/", 1)[-1]: r for r in summary.results}
    assert outcomes.pop("a_good.txt").outcome == "created"
    assert Edition.objects.get().date.isoformat() == "2022-04-02"
    assert Article.objects.count() == 4
    assert set(outcomes) == {"b_binary.txt", "c_empty.txt", "d_truncated.txt", "e_no_date.txt"}
    for name, result in outcomes.items():
        assert result.outcome == "failed", name
        assert result.line, name
        assert result.error.startswith(f"{tmp_path / name}:{result.line}: "), result.error
        run = ImportRun.objects.get(source_name=str(tmp_path / name))
        assert (run.outcome, run.error) == ("failed", result.error)
        assert run.articles_created == 0
    assert Page.objects.count() == 1


def test_gb18030_file_is_imported_and_says_so(tmp_path):
    path = tmp_path / "gbk_page.txt"
    path.write_bytes(NOVEMBER.read_text("utf-8").encode("gb18030"))

    result = import_file(path)

    assert result.outcome == "created"
    assert result.encoding.lower().replace("-", "") == "gb18030"
    assert any("GB18030" in message.upper() for message in result.messages)
    assert ImportRun.objects.get().encoding == result.encoding
    page = Page.objects.get()
    assert page.raw_text == NOVEMBER.read_text("utf-8")
    headlines = list(Article.objects.in_page_order().values_list("headline", flat=True))
    assert headlines == [a["headline"] for a in expected_for(NOVEMBER)["articles"]]


def test_date_option_dates_a_page_without_masthead(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("# 启事\n\n本报自即日起调整出版时间。\n", "utf-8")
    from datetime import date

    result = import_file(path, date=date(2023, 5, 6))

    assert result.outcome == "created", result.error
    assert Edition.objects.get().date == date(2023, 5, 6)


def test_missing_file_fails_clearly(tmp_path):
    result = import_file(tmp_path / "gone.txt")
    assert result.outcome == "failed"
    assert str(tmp_path / "gone.txt") in result.error
    assert ImportRun.objects.get().outcome == "failed"


def test_an_inner_page_joins_its_edition_without_blanking_the_masthead(tmp_path, monkeypatch):
    from datetime import date

    from articles.parsing.parsed import Credit as ParsedCredit
    from articles.parsing.parsed import ParsedArticle, ParsedEdition

    import_file(NOVEMBER)
    inner = tmp_path / "page2.txt"
    inner.write_text("第2版 要闻\n\n# 内页新闻\n\n本报讯 正文。\n", "utf-8")
    parsed = ParsedEdition(
        paper="永康日报",
        date=date(2022, 11, 7),
        page_number=2,
        page_name="要闻",
        articles=[
            ParsedArticle(
                headline="内页新闻",
                credits=[ParsedCredit("陈晓苏", "记者", "记者"), ParsedCredit("某某", "编外", "")],
                paragraphs=["正文。"],
            )
        ],
        warnings=["版面没有农历日期"],
    )
    monkeypatch.setattr(importer, "parse_page", lambda text, filename, date: parsed)

    result = import_file(inner)

    assert result.outcome == "created", result.error
    edition = Edition.objects.get()
    assert (edition.weekday, edition.lunar_date) == ("星期一", "壬寅年十月十四")
    assert list(edition.pages.values_list("number", "name", "warnings")) == [
        (1, "", []),
        (2, "要闻", ["版面没有农历日期"]),
    ]
    article = edition.articles.get(page__number=2)
    assert article.position == 1
    # An unknown role is stored as 其他, the printed one is kept as printed.
    assert list(article.credits.values_list("person__name", "role", "printed_role")) == [
        ("陈晓苏", "记者", "记者"),
        ("某某", "其他", "编外"),
    ]
    assert Person.objects.get(name="陈晓苏").articles.count() == 3


def _page_file(folder, name: str, headline: str, number: str = ""):
    """An inner page of 2022-05-10: masthead line with the date, one article."""
    path = folder / name
    path.write_text(
        f"永康日报 2022年5月10日 星期二 {number}\n\n# {headline}\n\n本报讯 {headline}的正文。\n",
        "utf-8",
    )
    return path


def pages_of_the_day():
    return list(
        Page.objects.filter(edition__date="2022-05-10")
        .order_by("number")
        .values_list("number", "number_guessed", "source_name")
    )


def test_pages_without_any_number_on_one_day_are_all_kept(tmp_path):
    first = import_file(_page_file(tmp_path, "scan-a.txt", "城区新开一家书店"))
    second = import_file(_page_file(tmp_path, "scan-b.txt", "古山镇修好一座桥"))

    assert [first.outcome, second.outcome] == ["created", "created"]
    assert pages_of_the_day() == [(1, True, "scan-a.txt"), (2, True, "scan-b.txt")]
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "古山镇修好一座桥",
        "城区新开一家书店",
    ]
    page = Page.objects.get(number=2)
    assert "版面和文件名里都没有版次, 记为第2版" in page.warnings[0]

    # Each file finds its own page again: nothing new, nothing replaced.
    again = [import_file(tmp_path / name).outcome for name in ("scan-b.txt", "scan-a.txt")]
    assert again == ["unchanged", "unchanged"]
    assert pages_of_the_day() == [(1, True, "scan-a.txt"), (2, True, "scan-b.txt")]


def test_a_page_printing_its_number_takes_it_from_a_guessed_one(tmp_path):
    import_file(_page_file(tmp_path, "scan-a.txt", "城区新开一家书店"))

    result = import_file(_page_file(tmp_path, "scan-b.txt", "古山镇修好一座桥", "第1版"))

    assert result.outcome == "created", result.error
    assert pages_of_the_day() == [(1, False, "scan-b.txt"), (2, True, "scan-a.txt")]
    assert result.messages == ["scan-a.txt 没有印版次, 从第1版移到第2版"]
    moved = Article.objects.get(headline="城区新开一家书店")
    assert moved.page.number == 2
    assert "原第1版让给了 scan-b.txt" in moved.page.warnings[-1]


def test_a_page_that_now_prints_its_number_moves_there_without_a_copy(tmp_path):
    path = _page_file(tmp_path, "scan-a.txt", "城区新开一家书店")
    import_file(path)
    import_file(_page_file(tmp_path, "scan-b.txt", "古山镇修好一座桥"))

    _page_file(tmp_path, "scan-a.txt", "城区新开一家书店", "第3版")
    result = import_file(path)

    assert result.outcome == "updated", result.error
    assert pages_of_the_day() == [(2, True, "scan-b.txt"), (3, False, "scan-a.txt")]
    assert Article.objects.filter(headline="城区新开一家书店").count() == 1
    assert Page.objects.get(number=3).warnings == []


def test_the_file_name_gives_the_page_number_when_the_page_does_not(tmp_path):
    result = import_file(_page_file(tmp_path, "2022-05-10_p7.txt", "城区新开一家书店"))

    assert (result.outcome, result.page_number) == ("created", 7)
    assert pages_of_the_day() == [(7, False, "2022-05-10_p7.txt")]


def test_a_front_page_without_a_number_is_page_one():
    import_file(NOVEMBER)
    assert list(Page.objects.values_list("number", "number_guessed", "warnings")) == [
        (1, False, [])
    ]


def test_a_page_that_loses_its_printed_number_keeps_its_place(tmp_path):
    path = _page_file(tmp_path, "scan-a.txt", "城区新开一家书店", "第3版")
    import_file(path)

    _page_file(tmp_path, "scan-a.txt", "城区新开一家书店")  # OCR missed the number this time
    result = import_file(path)

    assert result.outcome == "updated", result.error
    assert pages_of_the_day() == [(3, True, "scan-a.txt")]
    assert Article.objects.count() == 1
