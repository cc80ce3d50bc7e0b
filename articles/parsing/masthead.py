"""The masthead (报头) at the top of a page: paper, date, weekday, lunar date, page number.

The masthead is read as the run of leading lines that look like page furniture; the first
line that does not is where the articles start. OCR scatters the masthead over many short
lines in any order (``2022年4月`` then a lone ``02`` for the big day number, ``星期六``,
phone numbers, temperatures, app promotions), so each line is judged on its own shape.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lunardate import LunarDate

from .parsed import PageError

WEEKDAYS = "一二三四五六日"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LUNAR_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}

_FULLWIDTH = str.maketrans("０１２３４５６７８９～：", "0123456789~:")
_HEADING_MARK = re.compile(r"^#{1,6}\s*")

_PAPER = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|早报|时报|报)$")
_SPONSOR = re.compile(r"主办$|主管$|^主办|出版$")
_PROMO = re.compile(
    r"客户端|APP|[Aa]pp|扫码|扫一扫|二维码|微信|公众号|抖音|微博|视频号|网址|www\.|https?:|"
    r"国内统一|出版物号|CN\s*\d|邮发代号|总第\s*\d|^第\s*\d+\s*期$|今日\s*\d+\s*版|本期\s*\d+\s*版|"
    r"新闻热线|广告热线|订报|电话|^(?:责任编辑|责编|美编|校对|版式|值班编委|编辑)\s*[:：]"
)
# Inner-page header lines end with the page's staff: ``… 第3版 综合 责任编辑：应晓丹 美编：陈雨``.
_STAFF = re.compile(
    r"(?:责任编辑|责编|美编|美术编辑|校对|版式|值班编委|编辑|组版)\s*[:：]\s*"
    r"[\u4e00-\u9fff]{2,4}(?:[、,，][\u4e00-\u9fff]{2,4})*"
)
# Phone numbers, temperatures (``6 ~ 17``, ``12-25℃``), weather words: the weather box.
_NUMERIC_NOISE = re.compile(r"^[\d\s~\-—/.℃°Cc]+$")
_WEATHER = re.compile(
    r"^[\d\s~\-—℃°]*(?:晴|多云|阴|小雨|中雨|大雨|阵雨|雷阵雨|雨|雪|雾|霾|[东南西北]?风)"
)
_PAGE_NUMBER = re.compile(
    r"第\s*(?P<n>[A-Za-z]?\d{1,3}|[一二三四五六七八九十]{1,3})\s*版|^(?P<m>[A-Z]?\d{1,2})\s*版$"
)
# Names of newspaper sections (版名) as they commonly appear in Chinese dailies.
_PAGE_NAME = re.compile(
    r"^(?:版名\s*[:：]\s*)?(?P<name>要闻|综合|时政|经济|社会|民生|文化|副刊|专版|特刊|专题|体育|"
    r"教育|健康|理论|评论|法治|城建|三农|农村|旅游|科技|国内|国际|国内国际|天下|视点|观察|广告)$"
)
# ``国内新闻``, ``文化周刊``: read as a section name only next to a page number, because
# alone such a line could just as well be a short headline.
_PAGE_NAME_NEAR_NUMBER = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,4}(?:新闻|视点|周刊|专版|特刊|副刊|广角|时评))$"
)
# Any short name, when the same line prints a page number and a date: ``… 第4版 城乡``.
_PAGE_NAME_IN_HEADER = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})$")
# A line of its own with nothing but the page number and its section: ``第4版 城乡``.
_PAGE_LINE = re.compile(
    r"^\s*第\s*(?:[A-Za-z]?\d{1,3}|[一二三四五六七八九十]{1,3})\s*版\s+[\u4e00-\u9fff]{2,4}\s*$"
)
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)(?P<d>[一二三四五六日天])")
_LUNAR = re.compile(
    r"(?:农历\s*)?(?:(?P<gz>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])年\s*)?"
    r"(?P<leap>闰)?(?P<m>正|冬|腊|元|十一|十二|[一二三四五六七八九十])月\s*"
    r"(?P<d>初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|"
    r"廿[一二三四五六七八九]|三十|卅)"
)
_ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})(?!\d)"
)
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年")
_MONTH = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月")
_DAY = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*日")
_CN_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
    r"(?:(?P<d>[一二三四五六七八九十]{1,3})日)?"
)
_LONE_DAY = re.compile(r"^\d{1,2}$")
_FILENAME_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:(?P<sep>[-_.年])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})|"
    r"(?P<m2>\d{2})(?P<d2>\d{2}))(?!\d)"
)

# "p5", "P05", "page-2", "第5版", "5版": how scanned page files are usually named.
_FILENAME_PAGE = re.compile(
    r"(?:(?<![0-9a-z])(?:page|p)[-_]?(?P<p>\d{1,2})(?![0-9a-z])|(?<!\d)(?P<b>\d{1,2})版)",
    re.IGNORECASE,
)


@dataclass
class Masthead:
    paper: str | None = None
    date: dt.date | None = None
    date_line: int | None = None
    weekday: str | None = None
    lunar_date: str | None = None
    page_number: int | None = None
    page_name: str | None = None
    lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Year and month printed without a day: the day is the big lone number elsewhere.
    partial: tuple[int, int] | None = None
    # The publisher line (中共永康市委主办) is printed under the front page's masthead only.
    front: bool = False


def fix_ocr_digits(text: str) -> str:
    """Full-width digits to ASCII, and letters OCR mistakes for digits (``2O22``, ``l1月``)."""
    text = text.translate(_FULLWIDTH)

    def fix(match: re.Match) -> str:
        token = match.group(0)
        after = text[match.end() : match.end() + 1]
        if any(c.isdigit() for c in token) or after in ("年", "月", "日", "版"):
            return token.translate(str.maketrans("OoIl|", "00111"))
        return token

    return re.sub(r"[0-9OoIl|]+", fix, text)


def _cn_number(text: str) -> int:
    if all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def lunar_string(day: dt.date) -> str:
    """The lunar date as the masthead prints it: ``壬寅年三月初二``, ``癸卯年闰二月十一``."""
    lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    year = _STEMS[(lunar.year - 4) % 10] + _BRANCHES[(lunar.year - 4) % 12]
    month = ("闰" if lunar.is_leap_month else "") + _LUNAR_MONTHS[lunar.month - 1] + "月"
    d = lunar.day
    if d <= 10:
        name = "初" + "一二三四五六七八九十"[d - 1]
    elif d < 20:
        name = "十" + "一二三四五六七八九"[d - 11]
    elif d == 20:
        name = "二十"
    elif d < 30:
        name = "廿" + "一二三四五六七八九"[d - 21]
    else:
        name = "三十"
    return f"{year}年{month}{name}"


def _lunar_parts(match: re.Match) -> tuple[str | None, bool, int, int]:
    month = {"正": 1, "元": 1, "冬": 11, "腊": 12}.get(match["m"]) or _cn_number(match["m"])
    day_text = match["d"].replace("初", "").replace("廿", "二十").replace("卅", "三十")
    return match["gz"], bool(match["leap"]), month, _cn_number(day_text)


def date_from_filename(name: str | None) -> dt.date | None:
    """A date written in a file name: ``2022-04-02``, ``20220402``, ``2022_4_2``."""
    if not name:
        name = ""
    for match in _FILENAME_DATE.finditer(name):
        month = match["m1"] or match["m2"]
        day = match["d1"] or match["d2"]
        try:
            return dt.date(int(match["y"]), int(month), int(day))
        except ValueError:
            continue
    return None


def page_number_from_filename(name: str | None) -> int | None:
    """A page number written in a file name: ``2022-06-02_p5.txt``, ``20220602第5版.txt``."""
    for match in _FILENAME_PAGE.finditer(name or ""):
        number = int(match["p"] or match["b"])
        if number:
            return number
    return None


def _strip_known(text: str) -> str:
    """What is left of a line after removing every masthead token it holds."""
    text = _STAFF.sub(" ", text)
    numbered = bool(_PAGE_NUMBER.search(text))
    header = numbered and (_is_dated(text) or bool(_PAGE_LINE.match(text)))
    for pattern in (_ISO, _CN_DATE, _LUNAR, _WEEKDAY, _PAGE_NUMBER):
        text = pattern.sub(" ", text)
    text = _YEAR.sub(" ", text)
    text = _MONTH.sub(" ", text)
    text = _DAY.sub(" ", text)
    text = re.sub(r"[\s,，:：;；|/·•]+", " ", text).strip()
    names = [_PAGE_NAME, _PAPER, *([_PAGE_NAME_NEAR_NUMBER] if numbered else [])]
    if header:
        names.append(_PAGE_NAME_IN_HEADER)
    return " ".join(t for t in text.split() if not any(p.match(t) for p in names))


def _is_dated(text: str) -> bool:
    return bool(_ISO.search(text) or _CN_DATE.search(text) or _YEAR.search(text))


def is_masthead_line(raw: str) -> bool:
    text = fix_ocr_digits(_HEADING_MARK.sub("", raw)).strip()
    if not text:
        return True
    if _PAPER.match(text) or _PROMO.search(text) or _NUMERIC_NOISE.match(text):
        return True
    if len(text) <= 16 and (_SPONSOR.search(text) or _WEATHER.match(text)):
        return True
    if _PAGE_NAME.match(text):
        return True
    # The staff names make a header line long; only the rest must be short.
    rest = _STAFF.sub(" ", text).strip()
    return len(rest) <= 40 and _strip_known(rest) == "" and _has_date_token(rest)


def _has_date_token(text: str) -> bool:
    return any(
        p.search(text)
        for p in (_ISO, _CN_DATE, _LUNAR, _WEEKDAY, _PAGE_NUMBER, _YEAR, _MONTH, _DAY, _PAGE_NAME)
    )


def read_masthead(lines: list[tuple[int, str]]) -> tuple[Masthead, int]:
    """Read the masthead from the top of ``lines``; return it and how many lines it used."""
    head = Masthead()
    used = 0
    lone_numbers: list[int] = []
    while used < len(lines):
        number, raw = lines[used]
        bare = fix_ocr_digits(_HEADING_MARK.sub("", raw)).strip()
        if head.page_name and _PAGE_NAME.match(bare):
            break  # the section is named already: a second bare name is a column label
        if not is_masthead_line(raw):
            # A short unreadable scrap wedged between masthead lines is OCR noise of the
            # masthead, not a headline: headlines are followed by text, not by more furniture.
            following = lines[used + 1][1] if used + 1 < len(lines) else ""
            scrap = len(raw) <= 12 and not re.search(r"[\s。，,！？!?：:]", raw)
            if not (head.lines and scrap and following and is_masthead_line(following)):
                break
            head.warnings.append(f"报头第{number}行无法识别, 已忽略: {raw}")
        else:
            _read_line(
                head, number, fix_ocr_digits(_HEADING_MARK.sub("", raw)).strip(), lone_numbers
            )
        head.lines.append(number)
        used += 1
    if head.date is None and head.partial and lone_numbers:
        year, month = head.partial
        try:
            head.date = dt.date(year, month, lone_numbers[0])
        except ValueError:
            head.warnings.append(f"报头日期无效: {year}年{month}月{lone_numbers[0]}日")
    return head, used


def _set_date(head: Masthead, value: dt.date, number: int) -> None:
    if head.date is None:
        head.date, head.date_line = value, number
    elif head.date != value:
        head.warnings.append(
            f"报头有两个不同的日期: {head.date.isoformat()} 和 {value.isoformat()}"
        )


def _read_line(head: Masthead, number: int, text: str, lone_numbers: list[int]) -> None:
    if _PAPER.match(text) and head.paper is None:
        head.paper = text
        return
    if _PROMO.search(text):
        return
    if len(text) <= 16 and _SPONSOR.search(text):
        head.front = head.front or text.endswith("主办")
        return
    text = original = _STAFF.sub(" ", text)
    # One header line can carry everything: ``永康日报 2023年1月10日 星期二 农历腊月十九``.
    for token in text.split():
        if _PAPER.match(token) and head.paper is None:
            head.paper = token
            text = text.replace(token, " ", 1)
    if _LONE_DAY.match(text):
        lone_numbers.append(int(text))
        head.date_line = head.date_line or number
        return
    if _NUMERIC_NOISE.match(text):
        return
    lunar = _LUNAR.search(text)
    if lunar:
        head.lunar_date = lunar.group(0)
        text = text.replace(lunar.group(0), " ")
    weekday = _WEEKDAY.search(text)
    if weekday:
        head.weekday = "星期" + weekday["d"].replace("天", "日")
    page = _PAGE_NUMBER.search(text)
    if page:
        value = page["n"] or page["m"]
        digits = re.sub(r"\D", "", value)
        head.page_number = int(digits) if digits else _cn_number(value)
        text = text.replace(page.group(0), " ")
    header = page and (_is_dated(text) or bool(_PAGE_LINE.match(original)))
    for token in re.split(r"[\s:：|/]+", text):
        name = _PAGE_NAME.match(token) or (page and _PAGE_NAME_NEAR_NUMBER.match(token))
        if not name and header and _strip_known(token) == token:
            name = _PAGE_NAME_IN_HEADER.match(token)
        if name and head.page_name is None:
            head.page_name = name["name"]
    cn = _CN_DATE.search(text)
    iso = _ISO.search(text)
    if iso:
        _try_date(head, number, int(iso["y"]), int(iso["m"]), int(iso["d"]))
    elif cn:
        day = _cn_number(cn["d"]) if cn["d"] else None
        _year_month_day(head, number, _cn_number(cn["y"]), _cn_number(cn["m"]), day)
    else:
        year, month, day = _YEAR.search(text), _MONTH.search(text), _DAY.search(text)
        if year and month:
            _year_month_day(
                head, number, int(year["y"]), int(month["m"]), int(day["d"]) if day else None
            )


def _year_month_day(head: Masthead, number: int, year: int, month: int, day: int | None) -> None:
    if day is None:
        head.partial = (year, month)
        head.date_line = head.date_line or number
    else:
        _try_date(head, number, year, month, day)


def _try_date(head: Masthead, number: int, year: int, month: int, day: int) -> None:
    try:
        _set_date(head, dt.date(year, month, day), number)
    except ValueError:
        head.warnings.append(f"报头日期无效: {year}年{month}月{day}日 (第{number}行)")


def resolve_date(
    head: Masthead, *, filename: str | None, date: dt.date | None, first_line: int
) -> dt.date:
    """The edition date: masthead first, then the explicit date, then the file name."""
    from_name = date_from_filename(filename)
    if head.date is not None:
        for source, other in (("指定日期", date), ("文件名日期", from_name)):
            if other is not None and other != head.date:
                head.warnings.append(
                    f"报头日期 {head.date.isoformat()} 与{source} {other.isoformat()} 不一致, "
                    "以报头为准"
                )
                break
        return head.date
    chosen = date or from_name
    if chosen is None:
        raise PageError(
            "报头中找不到日期, 文件名里也没有日期; 请用 --date 指定"
            " (no date in masthead or file name)",
            line=head.date_line or first_line,
        )
    if head.partial and head.partial != (chosen.year, chosen.month):
        head.warnings.append(
            f"报头年月 {head.partial[0]}年{head.partial[1]}月 与日期 {chosen.isoformat()} 不一致"
        )
    return chosen


def check_calendar(head: Masthead, day: dt.date) -> None:
    """Warn when the printed weekday or lunar date does not belong to ``day``."""
    expected_weekday = "星期" + WEEKDAYS[day.weekday()]
    if head.weekday and head.weekday != expected_weekday:
        head.warnings.append(
            f"报头星期 {head.weekday} 与日期 {day.isoformat()} ({expected_weekday}) 不符"
        )
    if head.lunar_date:
        expected = lunar_string(day)
        printed = _LUNAR.search(head.lunar_date)
        want = _LUNAR.search(expected)
        got = _lunar_parts(printed) if printed else None
        ref = _lunar_parts(want)
        if got and (got[0] in (None, ref[0])) and got[1:] == ref[1:]:
            # Kept as printed (``腊月`` stays 腊月) unless the year must be filled in.
            as_printed = re.sub(r"^农历|\s", "", printed.group(0))
            head.lunar_date = as_printed if got[0] else expected
        else:
            head.warnings.append(
                f"报头农历 {head.lunar_date} 与日期 {day.isoformat()} (农历{expected}) 不符"
            )
