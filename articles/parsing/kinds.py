"""What kind of item an article is: news, commentary, notice, teaser or photo."""

from __future__ import annotations

import re

from .paragraphs import JUMP
from .parsed import Credit

_NOTICE = re.compile(
    r"^(?:关于\S*的)?\S{0,30}(?:启事|启示|公告|通告|通知|声明|更正|公示|讣告|致歉|敬告)$"
)
# The label over a list of what is inside the paper (导读), each entry a headline only.
_TEASER_LABEL = re.compile(r"^(?:本期|今日|本版|要闻|新闻)?导读$|^内容提要$|^今日看点$")
_COMMENTARY_COLUMN = re.compile(r"评|社论|论坛|观点|言论")
# Who signs a notice: an organisation, recognisable by how its name ends.
_ORGANISATION = re.compile(
    r"(?:中心|局|委员会|委|办公室|办|公司|集团|政府|街道|镇|乡|村|社区|协会|学会|商会|联合会|"
    r"研究会|医院|学校|学院|大学|银行|支行|分行|站|所|部|处|厅|报社|队|组|指挥部|管委会|工会|"
    r"团委|妇联|党委|党组|支部|总支|理事会|基金会|合作社|事务所|编辑部|馆|院|场|园|厂|店|台|所)$"
)
_PERSON = re.compile(r"^[\u4e00-\u9fff]{1,3}(?:先生|女士|同志)$")
_DATE_LINE = re.compile(
    r"^\S{0,4}\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$"
)


def is_notice_title(headline: str) -> bool:
    return bool(_NOTICE.match(headline))


def is_teaser_label(text: str) -> bool:
    return bool(_TEASER_LABEL.match(text.replace(" ", "").replace("\u3000", "")))


def is_signature(text: str) -> bool:
    """A notice's closing line: the issuing organisation or person, or the date."""
    signer = _ORGANISATION.search(text) or _PERSON.match(text) or _DATE_LINE.match(text)
    return bool(signer) and len(text) <= 30


def decide_kind(
    *,
    headline: str,
    column: str | None,
    paragraphs: list[str],
    credits: list[Credit],
    commentary_byline: bool,
    dateline: bool,
) -> str:
    if is_teaser_label(headline) or not [p for p in paragraphs if not JUMP.match(p)]:
        return "teaser"
    if is_notice_title(headline):
        return "notice"
    if commentary_byline or (column and _COMMENTARY_COLUMN.search(column)):
        return "commentary"
    # A photo piece is a caption: short, credited to who took the picture (``记者 王一 摄``,
    # ``王一/文 李二/摄``, ``记者 王一 文/摄``), not opened by a dateline as reports are, and
    # with no reporter credited for a report of its own. ``文/图`` signs a report that
    # carries pictures.
    photographers = [
        c for c in credits if c.role == "摄影" and not c.printed_role.startswith(("文/图", "图/文"))
    ]
    reporters = [
        c for c in credits if c.role != "摄影" and not re.search(r"文/|/文", c.printed_role)
    ]
    short = len(paragraphs) <= 2 and sum(len(p) for p in paragraphs) <= 400
    if photographers and not reporters and not dateline and short:
        return "photo"
    return "news"
