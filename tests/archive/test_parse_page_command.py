import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Edition

from .conftest import APRIL, SEED_TEXTS, expected_for


def run_parse_page(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("parse_page", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_parse_page_prints_exactly_the_expected_json(path):
    out, _ = run_parse_page(path)
    assert json.loads(out) == expected_for(path)
    # Byte for byte, so the output can be saved as a new expected file.
    expected_text = path.with_name(path.stem + ".expected.json").read_text("utf-8")
    assert out == expected_text
    assert not Edition.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_parse_page_sends_masthead_warnings_to_stderr_and_keeps_stdout_json(tmp_path):
    page = tmp_path / "wrong_weekday.txt"
    # 2022-04-02 was a Saturday; the masthead now claims Monday.
    page.write_text(APRIL.read_text("utf-8").replace("星期六", "星期一", 1), "utf-8")
    out, err = run_parse_page(page)
    parsed = json.loads(out)
    assert parsed["date"] == "2022-04-02"
    assert "wrong_weekday.txt" in err
    assert "警告" in err


@pytest.mark.django_db
def test_parse_page_date_option_dates_a_page_without_masthead(tmp_path):
    page = tmp_path / "no_masthead.txt"
    page.write_text("# 启事\n\n本报自即日起调整出版时间。\n", "utf-8")
    out, _ = run_parse_page(page, "--date", "2023-05-06")
    assert json.loads(out)["date"] == "2023-05-06"


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"", 1),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", 3),
        ("# 永康日报新闻标题\n\n正文".encode() + b"\xe5\x90\n", 3),
    ],
    ids=["empty", "binary", "broken-utf8"],
)
def test_parse_page_bad_file_names_file_and_line(tmp_path, content, line):
    page = tmp_path / "bad.txt"
    page.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        run_parse_page(page)
    assert str(caught.value).startswith(f"{page}:{line}: ")


def test_parse_page_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="nope.txt"):
        run_parse_page(tmp_path / "nope.txt")


def test_parse_page_rejects_a_malformed_date_option():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run_parse_page(APRIL, "--date", "6.5.2023")
