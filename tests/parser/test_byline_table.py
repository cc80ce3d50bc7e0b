"""The byline development set (issue 11): each real byline in a one-article page.

Every row of ``byline_table.ROWS`` is set where such bylines are printed (opening the first
paragraph, on a line of its own, at the end, glued to the last paragraph, ending a photo
caption) in a page of the plain layout, and the page must parse into exactly that article:
the headline we wrote, the byline as printed, the credited (role, name) pairs, the kind, and
no paragraph holding the byline. The surrounding text is our own.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from articles.parsing import parse_page
from articles.parsing.decoding import clean_line
from tests.parser.byline_table import POSITIONS, ROWS, Row, shape, summary

HEADER = "永康日报 2023年9月5日 星期二 癸卯年七月廿一 第2版 要闻"

# (headline, first paragraph, second paragraph): news items of our own.
NEWS = [
    (
        "城西新区老旧小区完成雨污分流改造",
        "近日，城西新区三个老旧小区的雨污分流改造工程全部完工，惠及居民一千二百余户。",
        "改造期间，施工单位分段封闭作业，并在每个楼道口张贴了进度公示。",
    ),
    (
        "乡村图书室迎来暑期借阅高峰",
        "暑假以来，全市各乡镇图书室的日均借阅量比平时增加了一倍多。",
        "不少家长带着孩子前来借书，图书室也延长了开放时间，方便村民晚上阅读。",
    ),
    (
        "五金企业技术工人技能比武开赛",
        "本周，全市五金行业技能比武在职业技术学校开赛，共有八十六名技术工人参赛。",
        "比赛设置了钳工、焊工和数控车工三个项目，获奖选手将获得相应的技能等级证书。",
    ),
    (
        "社区食堂推出老年人优惠套餐",
        "从本月起，东城街道的三家社区食堂为七十岁以上老人提供优惠套餐。",
        "套餐包含两荤一素和一份汤，老人凭本人证件即可享受折扣。",
    ),
]

COMMENTARY = (
    "让好政策在基层落地生根",
    "政策的生命力在于执行，再好的规划也要靠一件件实事来兑现。",
    "各级干部要多到一线走一走，把群众的难处当成自己的事来办。",
)

CAPTIONS = [
    ("荷塘迎来观赏季", "连日来，城郊荷塘的荷花竞相开放，吸引不少市民前来观赏拍照。"),
    ("稻田里的丰收景象", "9月3日，农户驾驶收割机在田间抢收早稻，金黄的稻田一望无际。"),
]


def _page(row: Row, index: int) -> tuple[str, str]:
    """The page text for one row, and the headline it must parse to."""
    if row.position == "caption":
        headline, caption = CAPTIONS[index % len(CAPTIONS)]
        return f"{HEADER}\n\n{headline}\n\n{caption}{row.gap}{row.byline}\n", headline
    if row.kind == "commentary":
        headline, first, second = COMMENTARY
    elif row.kind == "photo":
        headline, first = CAPTIONS[index % len(CAPTIONS)]
        second = ""
    else:
        headline, first, second = NEWS[index % len(NEWS)]
    byline = row.byline
    paragraphs = [first, second] if second else [first]
    lines = [headline]
    if row.position == "lead":
        # A dateline with no bracket after it is followed by a space, as printed.
        gap = " " if re.search(r"[\u4e00-\u9fff]$", byline) else ""
        paragraphs[0] = byline + gap + paragraphs[0]
    elif row.position == "line":
        lines.append(byline)
    elif row.position == "after_lead":
        paragraphs.insert(1, byline)
    elif row.position == "end_line":
        paragraphs.append(byline)
    elif row.position == "end_glued":
        paragraphs[-1] += row.gap + byline
    body = "\n\n".join(lines + paragraphs)
    return f"{HEADER}\n\n{body}\n", headline


def _id(index: int, row: Row) -> str:
    # pytest escapes non-ASCII ids, so the id says where the row sits; the outlet and the
    # byline are in every assertion message.
    return f"{index:03d}-{row.position}-{row.kind}"


@pytest.mark.parametrize(
    ("index", "row"), list(enumerate(ROWS)), ids=[_id(i, r) for i, r in enumerate(ROWS)]
)
def test_byline(index, row):
    text, headline = _page(row, index)
    where = f"{row.outlet}: {row.byline}"
    edition = parse_page(text)
    headlines = [a.headline for a in edition.articles]
    assert len(edition.articles) == 1, f"{where} -> articles {headlines}"
    article = edition.articles[0]
    assert article.headline == headline, f"{where} -> headline {article.headline!r}"
    # Every line of a page has its OCR whitespace collapsed before parsing.
    assert article.byline == clean_line(row.byline), f"{where} -> byline {article.byline!r}"
    credits = [(c.role, c.name) for c in article.credits]
    assert credits == list(row.credits), f"{where} -> credits {credits}"
    assert article.kind == row.kind, f"{where} -> kind {article.kind}"
    core = row.byline.strip("（）() ")
    holding = [p for p in article.paragraphs if core in p]
    assert not holding, f"{where} -> left in the body: {holding}"


def test_table_size_and_reach(record_property):
    outlets = Counter(row.outlet for row in ROWS)
    assert len(ROWS) >= 200
    assert len(outlets) >= 30
    assert {row.position for row in ROWS} == set(POSITIONS)
    assert len({shape(row) for row in ROWS}) >= 30
    record_property("byline_table", summary())


def test_rows_are_well_formed():
    for row in ROWS:
        assert row.byline == row.byline.strip() or row.position == "lead", row
        assert row.kind in ("news", "commentary", "photo"), row
        for role, name in row.credits:
            assert role in ("记者", "通讯员", "摄影", "实习生", "供稿", "其他"), row
            assert 2 <= len(name.replace("·", "")) <= 12, row
    bylines = [(row.outlet, row.byline, row.position) for row in ROWS]
    duplicates = [b for b, n in Counter(bylines).items() if n > 1]
    assert not duplicates
