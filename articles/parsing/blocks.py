"""Cutting the body of a page (everything below the masthead) into article blocks.

Each line is first tagged by its own shape (title, byline, jump line, body text); context
then settles the doubtful ones: a short title-shaped line right after a paragraph that was
cut mid-sentence, and followed by more text, is the rest of that paragraph spilled over a
column break, not a new headline. A run of title lines starts an article; bylines, body text
and jump lines belong to the article above them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bylines import split_end_byline, standalone_byline
from .kinds import is_notice_title, is_signature, is_teaser_label
from .paragraphs import JUMP, ends_paragraph, rejoined_byline
from .titles import DASH, TitleLine, column_like, has_title_shape, is_enumeration

_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
TEASER_GUESSED = "导读条目与下一篇标题的分界为推测"
# Most title lines a single article carries: kicker, headline, subtitle, column label.
_MAX_GROUP = 4


@dataclass
class Block:
    titles: list[TitleLine] = field(default_factory=list)
    bylines: list[TitleLine] = field(default_factory=list)  # lines that are bylines only
    body: list[TitleLine] = field(default_factory=list)
    signature: list[TitleLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return min(t.number for t in self._all())

    @property
    def last_line(self) -> int:
        return max(t.number for t in self._all())

    def _all(self) -> list[TitleLine]:
        return [*self.titles, *self.bylines, *self.body, *self.signature]

    @property
    def is_notice(self) -> bool:
        return any(is_notice_title(t.text) for t in self.titles)


def to_lines(numbered: list[tuple[int, str]]) -> list[TitleLine]:
    lines = []
    for number, text in numbered:
        heading = _HEADING.match(text)
        if heading:
            if heading.group(2).strip():
                lines.append(TitleLine(number, heading.group(2).strip(), len(heading.group(1))))
        else:
            lines.append(TitleLine(number, text, None))
    return lines


def _tag(line: TitleLine) -> str:
    if JUMP.match(line.text):
        return "jump"
    byline = standalone_byline(line.text)
    # A line that reads as a byline is one even when OCR marked it as a heading; but a
    # marked line needs a name or the outlet's voice in it (``## 本报讯`` stays a title).
    if byline and (line.level is None or byline[0] or byline[1]):
        return "byline"
    if line.level is not None:
        return "body" if is_enumeration(line.text) else "title"
    # ``图为…留念 记者 王一 摄``: a caption ending in its credits, never a title.
    if has_title_shape(line.text) and split_end_byline(line.text) is None:
        return "title"
    return "body"


def tag_lines(lines: list[TitleLine]) -> list[str]:
    tags = [_tag(line) for line in lines]
    for i, line in enumerate(lines):
        if tags[i] != "title" or line.level is not None:
            continue
        nxt = lines[i + 1].text if i + 1 < len(lines) and tags[i + 1] == "body" else ""
        if _continues_into(line.text, nxt):
            # ``…项目共有2`` / ``6个,…``: the start of a paragraph cut inside a number.
            tags[i] = "body"
            continue
        if i == 0 or tags[i - 1] != "body" or ends_paragraph(lines[i - 1].text):
            continue
        if rejoined_byline(lines[i - 1].text, line.text) is not None:
            tags[i] = "body"  # ``(记者 王一`` / ``通讯员 李二)``: the byline goes on
            continue
        # After a cut paragraph, only a scrap too short for a headline is the cut paragraph
        # going on. A longer unpunctuated line cannot be: the rest of a paragraph runs to a
        # sentence end, so it either has punctuation or is followed by no more text. A
        # title-shaped line followed by text is a new article after one that ended without a
        # full stop (``咨询电话:87135688``).
        if len(line.text) <= 3 and not is_notice_title(line.text):
            tags[i] = "body"
    return tags


_OPENS_NOTHING = re.compile(r"^[,，。、；;:：!！?？”’」』)）%‰]")


def _continues_into(line: str, following: str) -> bool:
    """Is ``following`` the rest of ``line``, cut by a column break?

    A paragraph never starts with a comma, a closing quote or a percent sign, and a number
    cut in two (``2`` / ``6个``) leaves digits on both sides of the break.
    """
    if not following:
        return False
    if _OPENS_NOTHING.match(following):
        return True
    return line[-1].isdigit() and following[0].isdigit()


def _split_run(run: list[TitleLine], *, ends_page: bool = False) -> list[list[TitleLine]]:
    """Split consecutive title lines into groups, one headline each.

    With ``#`` marks, every line at the top level starts a group of its own unless the group
    has no top-level line yet (lines above it are its kicker) or it is a dashed subtitle
    (``——写在…之际``). Without marks, only the last few lines can belong to the article
    that follows; earlier ones are headline-only teasers. Bare lines that end the page have
    no article to belong to: they are the teasers (导读) printed at the foot of the page.
    """
    marked = [t.level for t in run if t.level is not None]
    if marked:
        top = min(marked)
        groups: list[list[TitleLine]] = [[]]
        for line in run:
            subtitle = bool(DASH.match(line.text))
            if line.level == top and not subtitle and any(t.level == top for t in groups[-1]):
                groups.append([])
            groups[-1].append(line)
        return groups
    if ends_page:
        return [[line] for line in run]
    cut = max(0, len(run) - _MAX_GROUP)
    rest = run[cut:]
    if len(rest) == _MAX_GROUP and not (column_like(rest[0].text) or column_like(rest[-1].text)):
        # Four bare lines are only one group when one of them can be a column label.
        cut += 1
        rest = rest[1:]
    return [[line] for line in run[:cut]] + [rest]


def _teaser_entries(
    run: list[TitleLine], *, ends_page: bool
) -> tuple[list[TitleLine], list[TitleLine]]:
    """(entries, rest) of the title lines under a 导读 label: the entries are its list of
    headlines; the rest is the title group of the article that follows."""
    marked = next((k for k, t in enumerate(run) if t.level is not None), None)
    if marked is not None:  # bare entries, then the next article's marked title
        return run[:marked], run[marked:]
    referenced = [k for k, t in enumerate(run) if _PAGE_REFERENCE.search(t.text)]
    if referenced and referenced[-1] < len(run) - 1 and len(referenced) >= 2:
        # Entries that name their page (``…　　2版``): the first line without one is not
        # an entry but the next item's title.
        return run[: referenced[-1] + 1], run[referenced[-1] + 1 :]
    if ends_page:
        return run, []
    # Bare lines: the entries are headlines like the next article's own, so only its last
    # line (with a dashed subtitle, the last two) is taken for it; the caller notes the guess.
    keep = 2 if len(run) >= 2 and DASH.match(run[-1].text) else 1
    return run[:-keep], run[-keep:]


_PAGE_REFERENCE = re.compile(r"\s(?:第\s*)?[A-Z]?\d{1,2}\s*版$")
_PREFACE = re.compile(r"^(?:编者按|编者的话)\s*[:：]")


def _is_preface(block: Block) -> bool:
    """An editor's note, or a byline alone, read before the first title of the page."""
    if not block.body:
        return bool(block.bylines)
    return bool(_PREFACE.match(block.body[0].text))


def split_blocks(lines: list[TitleLine]) -> list[Block]:
    tags = tag_lines(lines)
    blocks: list[Block] = []
    current: Block | None = None
    i = 0
    while i < len(lines):
        line, tag = lines[i], tags[i]
        if (
            tag == "title"
            and current
            and current.is_notice
            and current.body
            and is_signature(line.text)
        ):
            current.signature.append(line)
            i += 1
            continue
        if tag == "title":
            j = i
            while j < len(lines) and tags[j] == "title":
                j += 1
            run = lines[i:j]
            # Title lines followed by nothing but jump lines (``(详见第2版)``) end the page.
            ends_page = all(tags[k] == "jump" for k in range(j, len(lines)))
            if is_teaser_label(run[0].text):
                entries, run = _teaser_entries(run[1:], ends_page=ends_page)
                guessed = bool(run) and all(t.level is None for t in run)
                current = Block(
                    titles=[lines[i]], body=entries, notes=[TEASER_GUESSED] if guessed else []
                )
                blocks.append(current)
            groups = _split_run(run, ends_page=ends_page) if run else []
            # An editor's note (or a byline) above the titles belongs to the article below.
            new = [Block(titles=group) for group in groups]
            if new and current and not current.titles and _is_preface(current):
                preface = blocks.pop()
                new[0].body, new[0].bylines = preface.body, preface.bylines
            blocks.extend(new)
            current = new[-1] if new else current
            i = j
            continue
        if current is None:
            current = Block(notes=["未找到标题"])
            blocks.append(current)
        if tag == "byline":
            current.bylines.append(line)
        else:
            current.body.append(line)
        i += 1
    return blocks
