"""Title lines and their roles: kicker (引题), headline, subtitle (副题), column label (栏目).

In the markdown layout the ``#`` level says which line is the headline (fewest ``#``); lines
above it are kickers, lines below subtitles. Levels are often missing or all equal, and then
roles are guessed from the shape printed Chinese titles have: a kicker above tends to be a
longer lead-in that often ends with a speech verb (``…时指出``), a subtitle below often starts
with a dash, a column label is decorated (``【一线直击】``) or a short bare phrase at the foot of
the group, and the headline is the short punchy line. Every such guess is recorded as a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .paragraphs import ENUMERATION, ends_sentence

GUESSED = "标题层级为推测"

_DECORATED_COLUMN = re.compile(
    r"^(?:[【\[「『].{1,12}[】\]」』]|[■□●◆◇▲△★☆▶►].{1,12}|栏目[:：].+)$"
)
_BARE_SHORT = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
# How the names of running columns end (``城市更新进行时``, ``岁末年初走基层``, ``图片新闻``):
# a bare line of that shape over or under a headline labels it.
_COLUMN_NAME = re.compile(
    r"^(?!.*的)[\u4e00-\u9fff·]{2,8}(?:进行时|走基层|新闻|直击|聚焦|关注|观察|速递|看点|视点|"
    r"时评|快评|锐评|短评|声音|链接|一线|在线|纪实|访谈|故事汇|面对面|身边事|随笔|漫谈|专栏)$"
)
_KICKER_END = re.compile(r"(?:指出|强调|表示|要求|提出|寄语|致辞|宣布|认为|希望|说|称|[:：])$")
# A lead-in naming who acts, the headline saying what they did: ``市交通运输局联合多部门`` /
# ``春运前完成全市客运站安全大检查``.
_AGENT_END = re.compile(r"(?:局|委员会|部门|政府|(?:联合|携手|牵头)\S{0,4})$")
DASH = re.compile(r"^(?:—|--|－|-|─)")
_INNER_STOP = re.compile(r"[。！？!?；;,，]")


@dataclass
class TitleLine:
    number: int
    text: str
    level: int | None  # number of leading ``#``, None when unmarked


def is_enumeration(text: str) -> bool:
    """``一、…``, ``(二)…``, ``3.…``: a subhead inside an article, not a new article."""
    return bool(ENUMERATION.match(text))


def has_title_shape(text: str) -> bool:
    """Could this unmarked line be a title? Short, no sentence punctuation anywhere."""
    if not 1 <= len(text) <= 40 or ends_sentence(text) or _INNER_STOP.search(text):
        return False
    return not text.endswith(("、", "“", "(", "（")) and not is_enumeration(text)


def column_like(text: str) -> bool:
    return bool(_DECORATED_COLUMN.match(text) or _BARE_SHORT.match(text))


def assign_roles(group: list[TitleLine]) -> tuple[dict[str, str | None], bool]:
    """Roles for one title group and whether they were guessed."""
    roles: dict[str, str | None] = dict.fromkeys(("kicker", "headline", "subtitle", "column"))
    lines = list(group)
    guessed = False
    longest = max(len(t.text) for t in lines)
    # A column label: decorated at either end, else (a guess) a short bare phrase at the foot
    # of a longer group. Undecorated on top, a short phrase leads into the headline: a kicker
    # such as ``一季度外贸开门红``.
    marked = [t.level for t in lines if t.level is not None]
    if len(lines) >= 2:
        found = next((i for i in (-1, 0) if _DECORATED_COLUMN.match(lines[i].text)), None)
        bottom = lines[-1].text
        if found is None and len(lines) >= 3 and column_like(bottom) and len(bottom) * 2 <= longest:
            found = -1
            guessed = True
        if found is None:
            found = _short_label(lines, longest, marked)
            guessed = guessed or found is not None
        if found is not None and not _KICKER_END.search(lines[found].text):
            roles["column"] = lines.pop(found).text
            marked = [t.level for t in lines if t.level is not None]
    top = min(marked) if marked else None
    if top is not None and marked.count(top) == 1:
        head = next(i for i, t in enumerate(lines) if t.level == top)
    else:
        head = _guess_headline(lines)
        guessed = guessed or len(lines) > 1
    roles["headline"] = lines[head].text
    before, after = lines[:head], lines[head + 1 :]
    if before:
        roles["kicker"] = " ".join(t.text for t in before)
    if after:
        roles["subtitle"] = " ".join(t.text for t in after)
    return roles, guessed


def _short_label(lines: list[TitleLine], longest: int, marked: list[int]) -> int | None:
    """A bare label of a few characters at the top or foot of a group (``健康``,
    ``一线直击``) is the column: a kicker leads into the headline and runs longer, and a
    subtitle printed that short would be a dashed or numeric line. The one line the marks
    make the headline is never the label."""
    top = min(marked) if marked else None
    for index in (0, -1):
        line = lines[index]
        named = _COLUMN_NAME.search(line.text) and len(line.text) < longest
        if not (named or (_LABEL.match(line.text) and len(line.text) * 2 <= longest)):
            continue
        if top is not None and line.level == top and marked.count(top) == 1:
            continue
        if index == 0 and len(lines) == 2 and DASH.match(lines[1].text):
            continue  # ``荷塘初夏`` / ``——…``: a headline and its subtitle
        rest = [t for t in lines if t is not line]
        if all(_KICKER_END.search(t.text) for t in rest):
            continue  # ``王一在调研时指出`` / ``聚焦五金产业``: a kicker and its headline
        return index
    return None


def _parallel(text: str) -> bool:
    phrases = text.split()
    lengths = {len(p) for p in phrases}
    return len(phrases) >= 2 and max(lengths) - min(lengths) <= 1 and min(lengths) >= 3


def _guess_headline(lines: list[TitleLine]) -> int:
    if len(lines) == 1:
        return 0
    if len(lines) >= 3:
        return 1
    first, second = lines[0].text, lines[1].text
    if DASH.match(second):
        return 0
    if _KICKER_END.search(first) or _AGENT_END.search(first):
        return 1
    # Paired phrases of one length (``尊师重教蔚然成风 教育强市步履铿锵``) are how a
    # headline is set; the plain sentence beside them explains it.
    if _parallel(first) != _parallel(second):
        return 0 if _parallel(first) else 1
    # The headline is the short, punchy line; the explanatory one is kicker or subtitle.
    return 0 if len(first) <= len(second) else 1
