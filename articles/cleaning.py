"""What the importer lets into the database: text without control characters, and people
whose names are names (no Django here, so the rules are easy to test on their own).

A page's text is stored and shown in HTML, XML feeds and JSON; XML 1.0 cannot hold C0
control characters, and PostgreSQL cannot hold NUL. A credited name becomes a page title, a
feed author and a search filter, so it must be a person's name: not a path (``/``, ``..``),
not markup, and not a supplying unit (``市教育局供稿`` credits an office, not a reporter).
"""

from __future__ import annotations

import re
import unicodedata

# Vertical tab and form feed separate like a space where OCR tools leave them; every other
# C0 control except tab and newline (and DEL) carries nothing and goes. Line numbers stay.
_SEPARATORS = re.compile(r"[\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\r]")

# Characters no person's name holds, that break paths or markup.
_NOT_IN_NAMES = set("/\\%<>&\"'`{}[]|#?;=*^$@!~+")
_SPACES = re.compile(r"\s+")
NAME_MAX_CHARS = 30

# A supplying unit's name ends in one of these (市教育局, 宣传科, 东城街道, 市委办, 某某公司).
# Checked only on credits for supplying (供稿, 来源): 李科 may well be a reporter.
UNIT_SUFFIXES = (
    "局",
    "科",
    "处",
    "厅",
    "委",
    "办",
    "部",
    "室",
    "所",
    "院",
    "站",
    "队",
    "馆",
    "会",
    "社",
    "中心",
    "街道",
    "公司",
    "集团",
    "银行",
    "学校",
    "小学",
    "中学",
    "医院",
    "镇",
    "乡",
    "村",
    "社区",
    "联",
    "团",
)
SUPPLY_ROLES = ("供稿", "来源", "稿源", "转自")


def clean_text(text: str) -> str:
    """``text`` without C0 control characters other than tab and newline."""
    return _CONTROLS.sub("", _SEPARATORS.sub(" ", text))


def person_name(raw: str) -> str | None:
    """The name cleaned (controls removed, spaces collapsed), or None if it is no name."""
    name = _SPACES.sub(" ", clean_text(unicodedata.normalize("NFC", raw))).strip()
    if not name or len(name) > NAME_MAX_CHARS:
        return None
    if ".." in name or any(char in _NOT_IN_NAMES for char in name):
        return None
    if name.isdigit() or not any(char.isalpha() for char in name):
        return None  # digits alone would also read as an id in /people/<id>/
    return name


def is_unit(name: str) -> bool:
    """Whether a supplier's name is an office or company rather than a person."""
    if "/" in name or "／" in name:
        return True  # 市教育局/宣传科: a unit and its section
    return any(
        name.endswith(suffix) and len(name) > max(2, len(suffix)) for suffix in UNIT_SUFFIXES
    )


def is_supply_credit(role: str, printed_role: str) -> bool:
    return role == "供稿" or any(word in (printed_role or "") for word in SUPPLY_ROLES)
