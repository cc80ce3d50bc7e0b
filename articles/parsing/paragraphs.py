"""Body paragraphs, re-joined where a column break cut them.

OCR reads a printed page column by column and emits a paragraph break at every column end,
so one printed paragraph can arrive as two: ``…持层层发动、全面动员,聚`` / ``焦五金产业…``.
A printed paragraph always ends a sentence; a piece that does not was cut and continues in
the next piece of the same article.
"""

from __future__ import annotations

import re

from .bylines import split_end_byline
from .roles import ROLE_RE

# Sentence-final marks, full- and half-width. A colon ends a paragraph too: what follows
# (a quotation, a list) is printed as its own paragraph.
_FINAL = "。！？!?…；;：:"
_CLOSERS = "”’」』\"')）】》"
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
ENUMERATION = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、是]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]\S)"
)
JUMP = re.compile(
    r"^[(（【]?\s*[▶►>→■]*\s*(?:下转|上接|紧接|转|接|续|详见|见|更多内容见)\s*第?\s*"
    r"[A-Z]?[\d一二三四五六七八九十]{1,3}\s*版(?:\s*[)）】])?$"
)


def ends_paragraph(text: str) -> bool:
    """Does ``text`` end where a printed paragraph can end (a sentence, or closing names)?

    A photo caption ends ``…赏花。记者 王一 摄``: the names close the paragraph.
    """
    if ends_sentence(text) or split_end_byline(text) is not None:
        return True
    # An enumerated subhead (``一、加强领导``) is a paragraph of its own.
    return bool(ENUMERATION.match(text)) and len(text) <= 30 and not re.search(r"[,，。]", text)


def ends_sentence(text: str) -> bool:
    """Does ``text`` end a sentence?"""
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        before = stripped[:-1].rstrip()
        # ``…说:“好。”`` ends a sentence; ``…称为“五金之都”`` was cut before its full stop.
        if stripped[-1] in ")）】》" and not before.endswith(tuple(_FINAL)):
            return bool(JUMP.match(stripped)) or _is_bracketed_aside(stripped)
        stripped = before
    return bool(stripped) and stripped[-1] in _FINAL


def _is_bracketed_aside(text: str) -> bool:
    # ``(记者 王一)`` or ``(市教育局供稿)`` closes an article; the byline parser decides what
    # it is, the joiner only needs to know it is not a cut sentence.
    return text.endswith((")", "）")) and ("(" in text[-40:] or "（" in text[-40:])


def glue(first: str, second: str) -> str:
    """Join two pieces of one paragraph; a space only between two Latin words, or between
    two credits of a closing byline cut by the column (``(记者 王一`` / ``通讯员 李二)``)."""
    if _LATIN_END.search(first) and _LATIN_START.match(second):
        return f"{first} {second}"
    return rejoined_byline(first, second) or first + second


def rejoined_byline(first: str, second: str) -> str | None:
    """``first`` and ``second`` as one paragraph when ``second`` ends a bracketed byline that
    ``first`` opened and a column break cut (``…错峰用电。(记者 楼佳怡`` / ``通讯员 吕燕)``):
    joined as they are if that reads as credits (a name cut in two), else with a space."""
    if not second.endswith((")", "）")) or "(" in second or "（" in second:
        return None
    if split_end_byline(first) is not None:
        return None
    # A role word opens the second piece when the break fell between two credits; else the
    # break may have cut a name in two (``陈`` / ``晓苏)``).
    spaced = f"{first} {second}"
    tries = (spaced, first + second) if ROLE_RE.match(second) else (first + second, spaced)
    for joined in tries:
        if split_end_byline(joined) is not None:
            return joined
    return None


def join_pieces(pieces: list[str]) -> tuple[list[str], list[str]]:
    """Paragraphs and notes (``跨栏合并段落: …``) from the body pieces of one article.

    Jump lines (``(下转第2版)``) stay paragraphs of their own: the text before them was cut
    by the page, not by a column.
    """
    paragraphs: list[str] = []
    notes: list[str] = []
    open_ = False
    for piece in pieces:
        if paragraphs and open_ and not JUMP.match(piece):
            notes.append(f"跨栏合并段落: …{paragraphs[-1][-8:]}|{piece[:8]}…")
            paragraphs[-1] = glue(paragraphs[-1], piece)
        else:
            paragraphs.append(piece)
        open_ = not ends_paragraph(paragraphs[-1]) and not JUMP.match(piece)
    return paragraphs, notes
