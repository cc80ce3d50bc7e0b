"""The index's version folders behind a pointer (articles/search/index_folders.py)."""

import pytest

from articles.search import index_folders as folders


def test_a_folder_without_a_pointer_is_itself_the_index(tmp_path):
    assert folders.active_folder(tmp_path) == tmp_path
    assert folders.pointer_state(tmp_path) is None
    assert folders.remove_inactive(tmp_path) == []


def test_switching_replaces_the_pointer_in_one_rename_and_changes_its_state(tmp_path):
    first = folders.new_version(tmp_path)
    folders.switch_to(tmp_path, first)
    state = folders.pointer_state(tmp_path)
    assert folders.active_folder(tmp_path) == first
    second = folders.new_version(tmp_path)
    assert second != first and second.is_dir()
    folders.switch_to(tmp_path, second)
    assert folders.active_folder(tmp_path) == second
    assert folders.pointer_state(tmp_path) != state
    assert not (tmp_path / (folders.POINTER + ".tmp")).exists()


def test_removing_inactive_versions_keeps_the_live_one_and_foreign_files(tmp_path):
    # A plain index converted by its first rebuild: its Whoosh files go, nothing else does.
    whoosh = ("_MAIN_4.toc", "MAIN_abc123.pst", "MAIN_abc123._text_len.col", "MAIN_WRITELOCK")
    for name in (*whoosh, "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    old = folders.new_version(tmp_path)
    (old / "MAIN_old.pst").write_bytes(b"x")
    live = folders.new_version(tmp_path)
    folders.switch_to(tmp_path, live)
    folders.remove_inactive(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [folders.POINTER, live.name, "notes.txt"]
    )


def test_a_pointer_outside_its_folder_is_refused(tmp_path):
    (tmp_path / folders.POINTER).write_text("../elsewhere\n")
    with pytest.raises(ValueError, match="names no version folder"):
        folders.active_folder(tmp_path)
    with pytest.raises(ValueError):
        folders.switch_to(tmp_path, tmp_path.parent / "v1")
