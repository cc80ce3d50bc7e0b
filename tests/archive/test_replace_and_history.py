"""A page file never silently takes the place of another file's page: it is refused (naming
both) unless --replace, and whatever a re-import rewrites stays readable in the page history.
Files in a folder that are not imported are named, with why."""

import os
import shutil

import pytest
from django.core.management import CommandError, call_command

from articles.importer import import_file, import_paths
from articles.models import Article, Page, PageRevision

from .conftest import APRIL

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_files(tmp_path):
    """Two files for the same date and page: the second a later OCR of the first half."""
    first = tmp_path / "first.txt"
    shutil.copy(APRIL, first)
    second = tmp_path / "second.txt"
    text = APRIL.read_text("utf-8")
    second.write_text(text[: text.index("## 拼搏实干")], encoding="utf-8")
    return first, second


def headlines():
    return list(Article.objects.order_by("position").values_list("headline", flat=True))


def test_a_second_file_for_the_same_page_is_refused_naming_both(two_files):
    first, second = two_files
    assert not import_file(first).failed
    before = headlines()
    result = import_file(second)
    assert result.failed
    assert f"已由 {first.name} 导入" in result.error
    assert f"用 {second.name} 替换" in result.error
    assert "--replace" in result.error
    assert headlines() == before
    assert Page.objects.get().source_name == first.name
    assert not PageRevision.objects.exists()


def test_the_command_exits_non_zero_and_says_why(two_files, capsys):
    first, second = two_files
    call_command("import_pages", str(first), no_progress=True)
    with pytest.raises(CommandError, match="1 个文件导入失败"):
        call_command("import_pages", str(second), no_progress=True)
    err = capsys.readouterr().err
    assert str(second) in err and first.name in err


def test_replace_keeps_the_old_page_and_articles_in_the_history(two_files, capsys):
    first, second = two_files
    call_command("import_pages", str(first), no_progress=True)
    old = headlines()
    edited = Article.objects.get(position=1)
    edited.headline = "编辑改过的标题"
    edited.edited = True
    edited.save()

    call_command("import_pages", str(second), no_progress=True, replace=True)
    err = capsys.readouterr().err
    assert f"旧版面({first.name})及其 {len(old)} 篇文章已存入版面历史" in err

    assert Page.objects.get().source_name == second.name
    revision = PageRevision.objects.get()
    assert revision.reason == PageRevision.Reason.REPLACED
    assert (revision.source_name, revision.replaced_by) == (first.name, second.name)
    assert revision.raw_text == APRIL.read_text("utf-8")
    kept = [article["headline"] for article in revision.articles]
    assert kept == ["编辑改过的标题", *old[1:]]
    assert revision.articles[0]["edited"] is True
    assert revision.articles[0]["people"] == [["陈晓苏", "记者"]]
    assert revision.articles[0]["body"].startswith("4月1日下午")


def test_a_changed_file_reimported_keeps_what_it_replaced(tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(APRIL, page)
    import_file(page)
    import_file(page)  # unchanged: no history
    assert not PageRevision.objects.exists()
    text = APRIL.read_text("utf-8")
    page.write_text(text.replace("# 市委常委会扩大会议", "# 市委常委会会议", 1), encoding="utf-8")
    assert not import_file(page).failed
    revision = PageRevision.objects.get()
    assert revision.reason == PageRevision.Reason.REIMPORTED
    assert revision.articles[0]["headline"].startswith("市委常委会扩大会议")
    assert Article.objects.get(position=1).headline.startswith("市委常委会会议")


def test_editors_see_the_history_read_only(two_files, staff_client):
    first, second = two_files
    import_file(first)
    import_file(second, replace=True)
    revision = PageRevision.objects.get()

    listing = staff_client.get("/admin/articles/pagerevision/").content.decode()
    assert first.name in listing and second.name in listing
    detail = staff_client.get(f"/admin/articles/pagerevision/{revision.pk}/change/")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "市委常委会扩大会议传达学习上级有关精神" in html  # an old article's headline
    assert "本报讯(融媒首席记者 陈晓苏)" in html  # the old raw text
    assert 'name="_save"' not in html
    assert staff_client.get("/admin/articles/pagerevision/add/").status_code == 403
    delete = staff_client.post(
        f"/admin/articles/pagerevision/{revision.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert PageRevision.objects.filter(pk=revision.pk).exists()


def test_files_in_a_folder_that_are_not_imported_are_named(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(APRIL, folder / "good.txt")
    shutil.copy(APRIL, folder / "X.TXT")
    os.symlink(folder / "gone.txt", folder / "link.txt")
    (folder / "notes.md").write_text("not a page")

    summary = import_paths([folder])
    assert [path.name for path, _ in summary.skipped] == ["X.TXT", "link.txt"]
    assert "skipped 2" in str(summary)

    call_command("import_pages", str(folder), no_progress=True)
    out, err = capsys.readouterr()
    assert f"{folder / 'X.TXT'}: 跳过 (skipped): 扩展名是 .TXT 而不是 .txt" in err
    assert f"{folder / 'link.txt'}: 跳过 (skipped): 链接指向的文件不存在" in err
    assert "notes.md" not in err
    assert "skipped 2" in out
