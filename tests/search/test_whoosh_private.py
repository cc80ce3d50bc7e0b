"""Whoosh's and haystack's private API is used in one subpackage only, behind a version
guard; the result types shared by both search paths import no engine."""

import re
from pathlib import Path

import pytest

from articles.search import whoosh_private

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
PRIVATE_DIR = ARTICLES / "search" / "whoosh_private"

# The private names whoosh_private/__init__.py lists (Whoosh 2.7.4, django-haystack 3.4).
NAMES = """
_lenfield _cached_reader _doccount _count _dbfile _basepos
_mini_ids _mini_weights _mini_values _byteids _ids _weights _values _format
_blocklimit _compression _inlinelimit _read_ids _read_weights _read_values _data _read_data
_blocklength _lastblock _goto _nextoffset _perdoc _lengths _fpath
_write_run _read_run _open_run _remove_run _lk _finalize_segment _process_file _new_task
_get_spans _replacement _score _from_python _filename _to_python _process_results
"""
PRIVATE_NAMES = NAMES.split()
PATTERN = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, PRIVATE_NAMES)) + r")(?!\w)")


def sources(folder):
    return [p for p in folder.rglob("*.py") if "migrations" not in p.parts]


def test_private_names_appear_only_in_the_subpackage():
    outside = {}
    for path in sources(ARTICLES):
        if PRIVATE_DIR in path.parents:
            continue
        found = set(PATTERN.findall(path.read_text(encoding="utf-8")))
        if found:
            outside[str(path.relative_to(ARTICLES.parent))] = sorted(found)
    assert outside == {}


def test_the_subpackage_really_uses_them():
    """The check above is not vacuous: the names are the ones the subpackage relies on."""
    used = set()
    for path in sources(PRIVATE_DIR):
        used.update(PATTERN.findall(path.read_text(encoding="utf-8")))
    docstring = whoosh_private.__doc__
    for name in used:
        assert name in docstring, f"{name} is used but not listed in the package docstring"
    assert {"_goto", "_perdoc", "_cached_reader", "_finalize_segment", "_from_python"} <= used


def test_no_toc_rewrite_and_no_ctypes_anywhere():
    for path in sources(ARTICLES):
        text = path.read_text(encoding="utf-8")
        assert "ctypes" not in text, path
        assert "renameat2" not in text, path
        assert "from whoosh.index import TOC" not in text, path


def test_shared_result_types_import_no_engine():
    results = (ARTICLES / "search" / "results.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) (whoosh|haystack)", results, re.M)
    generic = (ARTICLES / "search" / "generic.py").read_text(encoding="utf-8")
    assert "articles.search.backend" not in generic
    assert "whoosh" not in generic.lower().split('"""')[-1]


def test_the_versions_written_for_pass():
    whoosh_private.check_versions()


@pytest.mark.parametrize(
    ("whoosh", "haystack", "named"),
    [((2, 7, 5), (3, 4), "Whoosh 2.7.5"), ((2, 7, 4), (3, 5), "django-haystack 3.5")],
)
def test_another_version_fails_naming_both(monkeypatch, whoosh, haystack, named):
    monkeypatch.setattr(whoosh_private, "whoosh_version", lambda: whoosh)
    monkeypatch.setattr(whoosh_private, "haystack_version", lambda: haystack)
    with pytest.raises(whoosh_private.UnsupportedVersion) as failure:
        whoosh_private.check_versions()
    message = str(failure.value)
    assert named in message
    assert "Whoosh 2.7.4" in message and "django-haystack 3.4.x" in message


def test_the_app_checks_at_start_up(monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(whoosh_private, "whoosh_version", lambda: (3, 0, 0))
    with pytest.raises(whoosh_private.UnsupportedVersion, match="Whoosh 3.0.0"):
        apps.get_app_config("articles").ready()


def test_an_index_naming_the_codec_by_its_old_path_still_opens():
    """Existing indexes' TOC pickles the codec and the position formats by class path;
    articles/search/codec.py keeps the old path importable."""
    import pickle

    from articles.search.whoosh_private.codec import CompactOffsets, FastCodec, OffsetPositions

    for obj in (FastCodec(compression=0), OffsetPositions(), CompactOffsets()):
        new = pickle.dumps(obj, protocol=0)
        assert b"articles.search.whoosh_private.codec" in new
        old = new.replace(b"articles.search.whoosh_private.codec", b"articles.search.codec")
        assert type(pickle.loads(old)) is type(obj)
