"""The index's folder: versions behind a pointer, so a rebuild switches with one rename.

The configured index path (``YONGKANG_INDEX_DIR``) holds ``CURRENT``, a small file naming
the live version folder beside it (``v20261203T114102-1234/``). A rebuild writes a new
version folder, then ``CURRENT.tmp``, and ``os.replace``-s it over ``CURRENT``: readers
see the old pointer or the new one, never half of either, and nothing inside Whoosh's
folders is touched. A path without ``CURRENT`` (an index from before versions, or one
``rebuild_index`` built in place) is itself the index.

Pure file handling: no search engine imported.
"""

import os
import re
import shutil
import time
from pathlib import Path

POINTER = "CURRENT"
VERSION_PREFIX = "v"
# A plain index's files: _MAIN_3.toc, MAIN_k2j4h5.pst, MAIN_k2j4h5._text_len.col, MAIN_WRITELOCK.
_WHOOSH_FILE = re.compile(r"_\w+_\d+\.toc|\w+_\w+\.[\w.]+|\w+_(WRITE|READ)LOCK")


def active_folder(root) -> Path:
    """The folder holding the live index under ``root``."""
    root = Path(root)
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return root
    if not name or "/" in name or name in (".", ".."):
        raise ValueError(f"{root / POINTER} names no version folder: {name!r}")
    return root / name


def pointer_state(root):
    """Changes whenever the pointer is switched (a new file replaces it): cheap enough to
    ask before every search (one ``stat``); ``None`` for a plain index folder."""
    try:
        stat = os.stat(os.path.join(root, POINTER))
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


def new_version(root) -> Path:
    """A new, empty version folder under ``root`` (not live until :func:`switch_to`)."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    folder = root / f"{VERSION_PREFIX}{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    folder.mkdir()
    return folder


def switch_to(root, folder) -> None:
    """Make ``folder`` (a version under ``root``) the live index: one atomic rename."""
    root, folder = Path(root), Path(folder)
    if folder.parent != root:
        raise ValueError(f"{folder} is not a version folder of {root}")
    tmp = root / (POINTER + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(folder.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / POINTER)
    _fsync_dir(root)


def remove_inactive(root) -> list[Path]:
    """Remove every version folder but the live one, and the files of a plain index that a
    version replaced; return what was removed. Call only once no search can still be
    reading them (see :func:`articles.index_check.rebuild`)."""
    root = Path(root)
    live = active_folder(root)
    if live == root:
        return []
    removed = []
    for entry in root.iterdir():
        if entry == live or entry.name in (POINTER, POINTER + ".tmp"):
            continue
        if entry.is_dir() and entry.name.startswith(VERSION_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
        elif entry.is_file() and _WHOOSH_FILE.fullmatch(entry.name):
            # The plain index this folder held before its first version.
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
