"""A page file or an article beyond the configured size is refused, with the file (and the
article's line) named, before anything is stored; what was stored before stays."""

import os
import threading

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from articles.importer import import_file, import_paths
from articles.models import Article, ImportRun, Page
from articles.parsing import parse_page

from .conftest import APRIL

pytestmark = pytest.mark.django_db

SENTENCE = "永康五金产业转型升级取得新进展,全市上下齐心协力打一场漂亮的翻身仗。"


def with_long_first_article(chars: int) -> str:
    """APRIL with one paragraph of about ``chars`` characters added to its first article."""
    text = APRIL.read_text("utf-8")
    paragraph = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    return text.replace("市委书记章旭升主持会议。", f"市委书记章旭升主持会议。\n\n{paragraph}", 1)


def stored():
    return (
        list(Page.objects.values_list("raw_text", "checksum")),
        list(Article.objects.order_by("pk").values_list("pk", "headline", "body")),
    )


def test_a_page_file_over_the_limit_is_refused_unread_and_the_stored_page_stays(tmp_path):
    page = tmp_path / "2022-04-02.txt"
    page.write_text(APRIL.read_text("utf-8"), encoding="utf-8")
    assert not import_file(page).failed
    before = stored()

    page.write_text(with_long_first_article(20_000), encoding="utf-8")
    size = page.stat().st_size
    with override_settings(IMPORT_MAX_PAGE_BYTES=size - 1):
        result = import_file(page)

    assert result.failed
    assert result.error.startswith(f"{page}: ")
    assert f"文件 {size:,} 字节, 超过一版的上限 {size - 1:,} 字节" in result.error
    assert "YONGKANG_MAX_PAGE_BYTES" in result.error
    assert stored() == before
    assert ImportRun.objects.latest("started_at").error == result.error


def test_an_article_over_the_limit_is_refused_with_its_line(tmp_path):
    page = tmp_path / "2022-04-02.txt"
    page.write_text(APRIL.read_text("utf-8"), encoding="utf-8")
    assert not import_file(page).failed
    before = stored()

    text = with_long_first_article(60_000)
    page.write_text(text, encoding="utf-8")
    line = parse_page(text, filename=page.name).articles[0].lines[0]
    with override_settings(IMPORT_MAX_ARTICLE_CHARS=50_000):
        result = import_file(page)

    assert result.failed
    assert result.line == line
    assert result.error.startswith(f"{page}:{line}: 第1篇《市委常委会扩大会议")
    assert "超过一篇的上限 50,000 字" in result.error
    assert "YONGKANG_MAX_ARTICLE_CHARS" in result.error
    assert stored() == before


def test_articles_within_the_limits_import(tmp_path):
    page = tmp_path / "2022-04-02.txt"
    page.write_text(with_long_first_article(40_000), encoding="utf-8")
    with override_settings(IMPORT_MAX_ARTICLE_CHARS=50_000, IMPORT_MAX_PAGE_BYTES=1_000_000):
        result = import_file(page)
    assert not result.failed, result.error
    assert len(Article.objects.get(position=1).body) > 40_000


def test_the_command_fails_and_names_the_file(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "big.txt").write_text(with_long_first_article(5_000), encoding="utf-8")
    (folder / "small.txt").write_text(APRIL.read_text("utf-8"), encoding="utf-8")
    with (
        override_settings(IMPORT_MAX_PAGE_BYTES=APRIL.stat().st_size + 10),
        pytest.raises(CommandError, match="1 个文件导入失败"),
    ):
        call_command("import_pages", str(folder), no_progress=True)
    err = capsys.readouterr().err
    assert f"{folder / 'big.txt'}: 文件 " in err


def test_a_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def writer():  # a page's worth, then the end: before the fix the import read it
        with open(fifo, "wb") as handle:
            handle.write(APRIL.read_bytes())

    threading.Thread(target=writer, daemon=True).start()
    summary = import_paths([fifo])
    assert summary.failures, "a named pipe was read as a page"
    assert summary.failures[0].error == f"{fifo}: 不是普通文件, 未读取 (not a regular file)"
