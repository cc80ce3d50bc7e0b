"""Property: nothing on a page is lost or duplicated, on generated pages and the seeds.

Pages are assembled from random article parts in every form the parser must read (masthead
or one-line inner-page header, markdown or plain titles, kicker, subtitle (dashed, at any
mark level), column label, bylines at start or end or both, commentary, notices with
signature and date, photo captions, jump lines, teasers at the foot of the page, paragraphs
cut by column breaks mid-word, after or before a comma, inside a number (even at the start
of a paragraph) or inside a quotation, articles that end without a full stop).
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.parsing import parse_page
from tests.parser.corpus import ROOT, parse_file

MASTHEADS = [
    "中共永康市委主办\n\n2022年4月\n\n壬寅年三月初二\n\n星期六\n\n02\n\n## 永康日报\n\n",
    "2022年11月8日 星期二 第2版 要闻 责任编辑：应晓丹 美编：陈雨\n\n",
    "永康日报　2023年1月10日　星期二　农历腊月十九\n第3版 社会\n\n",
]
NAMES = ["王一", "李二", "张三丰", "陈晓苏", "欧阳明月", "赵敏", "周七"]
ROLES = ["记者", "融媒记者", "首席记者", "融媒首席记者", "实习生", "通讯员"]
WORDS = ["五金产业", "城市更新", "乡村振兴", "共同富裕", "数字化改革", "营商环境", "文明创建"]
VERBS = ["加快推进", "全力打造", "持续深化", "扎实推动", "聚焦"]
HEADLINES = st.builds(
    lambda v, w, extra: f"{v}{w}" + (f" {extra}" if extra else ""),
    st.sampled_from(VERBS),
    st.sampled_from(WORDS),
    st.one_of(st.none(), st.sampled_from(["取得新成效", "迈上新台阶", "跑出加速度"])),
)


@st.composite
def sentences(draw):
    """A paragraph: clauses with commas, a number, sometimes a quotation, ends with 。."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        word = draw(st.sampled_from(WORDS))
        number = draw(st.integers(10, 9999))
        if not parts and draw(st.booleans()):
            # A number before the first comma: a cut inside it leaves a title-shaped scrap.
            parts.append(f"今年{word}共完成项目{number}个")
        parts.append(f"我市{draw(st.sampled_from(VERBS))}{word},共完成项目{number}个")
    text = ",".join(parts)
    if draw(st.booleans()):
        text += f",他说:“要{draw(st.sampled_from(VERBS))}{draw(st.sampled_from(WORDS))}”"
    return text + "。"


@st.composite
def cut(draw, paragraph):
    """Cut a paragraph as a column break would: after its first comma, right before it, or
    between two digits of its first number."""
    first_comma = paragraph.index(",")
    how = draw(st.sampled_from(["none", "after_comma", "before_comma", "number"]))
    if how == "before_comma":
        return [paragraph[:first_comma], paragraph[first_comma:]]
    if how == "number":
        digits = re.search(r"\d\d", paragraph)
        return [paragraph[: digits.start() + 1], paragraph[digits.start() + 1 :]]
    if how == "none" or first_comma + 2 >= len(paragraph) - 1:
        return [paragraph]
    at = draw(st.integers(first_comma + 1, len(paragraph) - 2))
    return [paragraph[:at], paragraph[at:]]


def credits_text(draw):
    people = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    role = draw(st.sampled_from(ROLES))
    sep = draw(st.sampled_from([" ", "、"]))
    if draw(st.booleans()) and len(people) > 1:
        return f"{role} {people[0]} {draw(st.sampled_from(ROLES))} {sep.join(people[1:])}"
    return f"{role} {sep.join(people)}"


@st.composite
def articles(draw, last):
    form = draw(
        st.sampled_from(
            ["dateline", "standalone", "end", "commentary", "notice", "photo", "plain"]
            + (["teaser"] if last else [])
        )
    )
    markdown = draw(st.booleans())
    headline = draw(HEADLINES)
    if form == "notice":
        headline = draw(st.sampled_from(["启事", "更正", "公告", "声明"]))
    titles = []
    if form not in ("notice", "teaser", "photo") and draw(st.booleans()):
        titles.append(
            ("kicker", f"{draw(st.sampled_from(NAMES))}在调研{draw(st.sampled_from(WORDS))}时指出")
        )
    titles.append(("headline", headline))
    if form not in ("notice", "teaser", "photo") and draw(st.booleans()):
        titles.append(("subtitle", f"——{draw(st.sampled_from(WORDS))}工作纪实"))
    if form in ("dateline", "end") and draw(st.booleans()):
        titles.insert(draw(st.sampled_from([0, len(titles)])), ("column", "【一线直击】"))
    lines = []
    # Subtitles start with a dash, so any mark level (or none) keeps them with the headline.
    subtitle_mark = draw(st.sampled_from(["# ", "### ", ""]))
    kicker_mark = draw(st.sampled_from(["## ", "### "]))
    for role, text in titles:
        mark = {
            "headline": "# ",
            "kicker": kicker_mark,
            "subtitle": subtitle_mark,
            "column": "### ",
        }[role]
        lines.append((mark if markdown else "") + text)
    if form == "teaser":
        return lines, headline
    paragraphs = draw(st.lists(sentences(), min_size=1, max_size=4))
    if form == "photo":
        paragraphs = paragraphs[:1]
    body = []
    if form == "dateline":
        inner = credits_text(draw)
        opening = draw(st.sampled_from(["本报讯({})", "本报讯 ({})", "本报讯（{}）"])).format(inner)
        paragraphs[0] = f"{opening} {paragraphs[0]}"
    elif form == "standalone":
        reporter = draw(st.sampled_from(NAMES))
        body.append(f"本报记者 {reporter}")
    elif form == "commentary":
        body.append(draw(st.sampled_from(["本报特约评论员", "融媒评论员", "本报评论员"])))
    for paragraph in paragraphs:
        body.extend(draw(cut(paragraph)) if form != "photo" else [paragraph])
    if form == "end":
        body[-1] += f"({credits_text(draw)})"
    elif form == "standalone" and draw(st.booleans()):
        body[-1] += f"(记者 {reporter})"  # the same reporter named again at the end
    elif form == "photo":
        body.append(f"记者 {draw(st.sampled_from(NAMES))} 摄")
    elif form == "notice":
        body.append("永康市融媒体中心")
    elif form == "plain" and draw(st.booleans()):
        body.append("(下转第3版)")
    elif form == "plain" and draw(st.booleans()):
        # An article that ends without a full stop; the next headline must not be glued on.
        body[-1] += "咨询电话:0579-87135688"
    elif form == "notice" and draw(st.booleans()):
        body.append("2022年11月7日")
    return lines + body, headline


@st.composite
def pages(draw):
    count = draw(st.integers(1, 5))
    parts = [draw(articles(last=i == count - 1)) for i in range(count)]
    # Headline-only teasers (导读) at the foot of the page, marked alike: after a marked
    # headline an unmarked line would be its subtitle.
    last_line = parts[-1][0][-1]
    after_teaser = last_line.lstrip("# ") == parts[-1][1]
    if after_teaser:
        mark = "# " if last_line.startswith("#") else ""
    else:
        mark = draw(st.sampled_from(["# ", ""]))
    for headline in draw(st.lists(HEADLINES, max_size=3)):
        parts.append(([mark + headline], headline))
    crlf = draw(st.booleans())
    body = "\n\n".join(line for lines, _ in parts for line in lines)
    text = draw(st.sampled_from(MASTHEADS)) + body + "\n"
    if draw(st.booleans()):
        text = text.replace(" ", "\u3000")
    return (text.replace("\n", "\r\n") if crlf else text), [h for _, h in parts]


def _chars(text: str) -> Counter:
    return Counter(re.sub(r"\s", "", text))


def assert_nothing_lost(text: str, edition) -> None:
    """Every non-blank character outside the masthead is in exactly one field, in order."""
    lines = text.replace("\r\n", "\n").split("\n")
    content = [
        (n, re.sub(r"^#{1,6}", "", line.strip()))
        for n, line in enumerate(lines, start=1)
        if line.strip() and n not in edition.masthead_lines
    ]
    covered = []
    previous_end = 0
    for article in edition.articles:
        first, last = article.lines
        assert first > previous_end, "articles overlap or are out of order"
        previous_end = last
        span = "".join(line for n, line in content if first <= n <= last)
        fields = [
            article.kicker,
            article.headline,
            article.subtitle,
            article.column,
            article.byline,
            *article.paragraphs,
        ]
        assert _chars(span) == _chars("".join(f or "" for f in fields)), article.headline
        flat = re.sub(r"\s", "", span)
        position = 0
        for paragraph in article.paragraphs:
            found = flat.find(re.sub(r"\s", "", paragraph), position)
            assert found >= 0, f"paragraph out of order: {paragraph[:20]}"
            position = found
        covered.extend(n for n, _ in content if first <= n <= last)
    assert covered == [n for n, _ in content], "lines outside every article"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_generated_pages_lose_nothing(page):
    text, headlines = page
    edition = parse_page(text)
    assert_nothing_lost(text, edition)
    assert [a.headline for a in edition.articles] == headlines


def test_seed_pages_lose_nothing():
    for path in sorted((ROOT / "fixtures" / "pages").glob("*.txt")):
        assert_nothing_lost(path.read_text(encoding="utf-8"), parse_file(path))
