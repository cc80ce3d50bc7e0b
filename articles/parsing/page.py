"""``parse_page``: the whole page, from text to :class:`ParsedEdition`."""

from __future__ import annotations

import datetime as dt

from .blocks import Block, split_blocks, to_lines
from .bylines import is_agency, split_end_byline, split_start_byline, standalone_byline
from .bylines import is_commentary as is_commentary_byline
from .decoding import numbered_lines
from .kinds import decide_kind, is_teaser_label
from .masthead import check_calendar, read_masthead, resolve_date
from .paragraphs import JUMP, join_pieces
from .parsed import Credit, PageError, ParsedArticle, ParsedEdition
from .titles import GUESSED, assign_roles

DEFAULT_PAPER = "永康日报"


def parse_page(
    text: str, *, filename: str | None = None, date: dt.date | None = None
) -> ParsedEdition:
    """Split one OCR page into its masthead and articles.

    ``date`` (from ``--date``) is used when the masthead prints none, then a date in
    ``filename``; a masthead date wins over both, with a warning when they disagree.
    """
    lines = numbered_lines(text)
    if not lines:
        raise PageError("页面为空 (empty page)", line=1)
    head, used = read_masthead(lines)
    edition_date = resolve_date(head, filename=filename, date=date, first_line=lines[0][0])
    check_calendar(head, edition_date)
    articles = [_article(block) for block in split_blocks(to_lines(lines[used:]))]
    if not articles:
        raise PageError("页面只有报头, 没有找到文章 (no articles found)", line=lines[-1][0])
    return ParsedEdition(
        paper=head.paper or DEFAULT_PAPER,
        date=edition_date,
        weekday=head.weekday,
        lunar_date=head.lunar_date,
        page_number=head.page_number or (1 if head.front else None),
        page_name=head.page_name,
        articles=articles,
        warnings=head.warnings,
        masthead_lines=head.lines,
    )


def _article(block: Block) -> ParsedArticle:
    notes = list(block.notes)
    if block.titles:
        roles, guessed = assign_roles(block.titles)
        if guessed:
            notes.append(GUESSED)
    else:
        roles = dict.fromkeys(("kicker", "headline", "subtitle", "column"))
        roles["headline"] = ""
    # Bylines in reading order: (line, place within the line, text); a dateline opens the
    # first body line, a credit glued to the last paragraph closes the last body line.
    bylines: list[tuple[int, int, str]] = []
    credits: list[Credit] = []
    commentary = False
    start_bylines = [b for b in block.bylines if not block.body or b.number < block.body[0].number]
    for line in block.bylines:
        found, is_commentary = standalone_byline(line.text) or ([], False)
        bylines.append((line.number, 0, line.text))
        credits.extend(found)
        commentary = commentary or is_commentary
    pieces = [line.text for line in block.body]
    dateline = False
    if pieces:
        # A dateline may open the text under a byline line too (``□ 记者 王一`` / ``本报讯…``).
        split = split_start_byline(pieces[0], dateline_only=bool(start_bylines))
        if split:
            byline, found, rest = split
            bylines.append((block.body[0].number, -1, byline))
            credits.extend(found)
            dateline = True
            pieces[0:1] = [rest] if rest else []
    if is_teaser_label(roles["headline"] or ""):
        paragraphs = pieces  # one headline per line, none of them a cut sentence
    else:
        paragraphs, join_notes = join_pieces(pieces)
        notes.extend(join_notes)
    if paragraphs and not JUMP.match(paragraphs[-1]):
        split_end = split_end_byline(paragraphs[-1])
        if split_end:
            rest, byline, found = split_end
            paragraphs[-1] = rest
            bylines.append((block.body[-1].number, 1, byline))
            credits.extend(found)
            commentary = commentary or is_commentary_byline(byline)
    bylines.sort(key=lambda b: b[:2])
    bylines.extend((line.number, 0, line.text) for line in block.signature)
    bylines = [text for _, _, text in bylines]
    credits = _once_per_role(credits)
    kind = decide_kind(
        headline=roles["headline"] or "",
        column=roles["column"],
        paragraphs=paragraphs,
        credits=credits,
        commentary_byline=commentary,
        dateline=dateline,
    )
    if any(not credit.printed_role for credit in credits):
        notes.append("署名只有人名, 按记者计")
    if not bylines and kind in ("news", "photo"):
        notes.append("未找到署名")
    elif bylines and not credits and kind == "news" and not is_agency(" ".join(bylines)):
        notes.append("署名中未识别出人名")
    return ParsedArticle(
        headline=roles["headline"] or "",
        kicker=roles["kicker"],
        subtitle=roles["subtitle"],
        column=roles["column"],
        byline=" ".join(bylines) or None,
        credits=credits,
        kind=kind,
        paragraphs=paragraphs,
        notes=notes,
        lines=(block.first_line, block.last_line),
    )


def _once_per_role(credits: list[Credit]) -> list[Credit]:
    """One credit per person and role: ``本报记者 陈晓苏`` above and ``(记者 陈晓苏)`` below
    the text credit the same reporter once; the first printed wording is kept."""
    seen: dict[tuple[str, str], Credit] = {}
    for credit in credits:
        seen.setdefault((credit.name, credit.role), credit)
    return list(seen.values())
