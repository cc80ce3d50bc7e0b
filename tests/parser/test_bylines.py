"""Bylines: start, standalone and end forms, roles, OCR-broken names."""

import pytest

from articles.parsing.bylines import (
    normalise_role,
    split_end_byline,
    split_start_byline,
    standalone_byline,
)


def _people(credits):
    return [(c.name, c.role) for c in credits]


START = [
    (
        "本报讯(记者 王一 通讯员 李二) 4月1日,",
        "本报讯(记者 王一 通讯员 李二)",
        [("王一", "记者"), ("李二", "通讯员")],
        "4月1日,",
    ),
    (
        "本报讯 (融媒记者 王一/文 李二 张三/图) 连日来,",
        "本报讯 (融媒记者 王一/文 李二 张三/图)",
        [("王一", "记者"), ("李二", "摄影"), ("张三", "摄影")],
        "连日来,",
    ),
    (
        "本报讯(通讯员 李二 记者 王一)近日,",
        "本报讯(通讯员 李二 记者 王一)",
        [("李二", "通讯员"), ("王一", "记者")],
        "近日,",
    ),
    ("本报讯（记者：王一） 昨天,", "本报讯（记者：王一）", [("王一", "记者")], "昨天,"),
    (
        "本报讯(融媒首席记者 陈 晓苏) 4月1日",
        "本报讯(融媒首席记者 陈 晓苏)",
        [("陈晓苏", "记者")],
        "4月1日",
    ),
    (
        "本报讯(记者 王一、李二 实习生 赵三)会议",
        "本报讯(记者 王一、李二 实习生 赵三)",
        [("王一", "记者"), ("李二", "记者"), ("赵三", "实习生")],
        "会议",
    ),
    (
        "本报讯(首席记者 王一 摄影 李二)会议",
        "本报讯(首席记者 王一 摄影 李二)",
        [("王一", "记者"), ("李二", "摄影")],
        "会议",
    ),
    ("本报讯(文/图 王一)会议", "本报讯(文/图 王一)", [("王一", "记者"), ("王一", "摄影")], "会议"),
    ("本报讯 4月1日,会议召开。", "本报讯", [], "4月1日,会议召开。"),
    (
        "本报讯 记者 王一 通讯员 李二 4月1日,",
        "本报讯 记者 王一 通讯员 李二",
        [("王一", "记者"), ("李二", "通讯员")],
        "4月1日,",
    ),
    (
        "新华社北京4月1日电(记者 王一)国务院",
        "新华社北京4月1日电(记者 王一)",
        [("王一", "记者")],
        "国务院",
    ),
]


@pytest.mark.parametrize(("line", "byline", "people", "rest"), START)
def test_byline_at_start_of_first_paragraph(line, byline, people, rest):
    got_byline, credits, got_rest = split_start_byline(line)
    assert (got_byline, _people(credits), got_rest) == (byline, people, rest)


@pytest.mark.parametrize(
    "line", ["会议强调,要加快发展。", "记者从市发改局获悉,今年我市", "本报今年推出新栏目。"]
)
def test_ordinary_paragraph_has_no_start_byline(line):
    assert split_start_byline(line) is None


STANDALONE = [
    ("本报记者 王一", [("王一", "记者")], False),
    ("本报记者 王一 李二", [("王一", "记者"), ("李二", "记者")], False),
    ("记者 王一 摄", [("王一", "摄影")], False),
    ("(记者 王一)", [("王一", "记者")], False),
    ("（记者 王一 通讯员 李二）", [("王一", "记者"), ("李二", "通讯员")], False),
    # A unit that supplies the piece is its source, not a person.
    ("(市教育局供稿)", [], False),
    ("(来源:永康发布)", [], False),
    ("本报特约评论员", [], True),
    ("融媒评论员", [], True),
    ("本报评论员", [], True),
    ("记者 王一 记者 王一", [("王一", "记者")], False),
    ("■本报记者 王一", [("王一", "记者")], False),
    ("记 者　王一　摄", [("王一", "摄影")], False),  # OCR spaced out the role
    ("通 讯 员 李二", [("李二", "通讯员")], False),
    # Words and pictures by the same people: both credits, before or after the names.
    ("文/图 记者 王一", [("王一", "记者"), ("王一", "摄影")], False),
    (
        "记者 王一 文/图 通讯员 李二",
        [("王一", "记者"), ("王一", "摄影"), ("李二", "通讯员")],
        False,
    ),
    ("图/文 本报通讯员 李二", [("李二", "通讯员"), ("李二", "摄影")], False),
    # Several names alone on a line are the writers; one bare word could be a headline.
    ("王一 李二", [("王一", "记者"), ("李二", "记者")], False),
]


@pytest.mark.parametrize(("line", "people", "commentary"), STANDALONE)
def test_standalone_byline_lines(line, people, commentary):
    credits, is_commentary = standalone_byline(line)
    assert (_people(credits), is_commentary) == (people, commentary)


@pytest.mark.parametrize(
    "line", ["记者走基层", "城市更新进行时", "(下转第2版)", "高考 放榜", "市委书记章旭升主持会议。"]
)
def test_titles_and_text_are_not_bylines(line):
    assert standalone_byline(line) is None


END = [
    (
        "已完成投资12.6亿元。(实习生 周七)",
        "已完成投资12.6亿元。",
        "(实习生 周七)",
        [("周七", "实习生")],
    ),
    ("市民赏花拍照。记者 王一 摄", "市民赏花拍照。", "记者 王一 摄", [("王一", "摄影")]),
    ("他说:“好。”（记者 王一）", "他说:“好。”", "（记者 王一）", [("王一", "记者")]),
]


@pytest.mark.parametrize(("paragraph", "rest", "byline", "people"), END)
def test_byline_at_end_of_last_paragraph(paragraph, rest, byline, people):
    got_rest, got_byline, credits = split_end_byline(paragraph)
    assert (got_rest, got_byline, _people(credits)) == (rest, byline, people)


def test_bracketed_aside_that_is_not_a_byline_stays_in_the_text():
    assert split_end_byline("会议由市长主持。(下转第2版)") is None
    assert split_end_byline("投资12.6亿元。(同比增长15%)") is None


@pytest.mark.parametrize(
    ("printed", "role"),
    [
        ("融媒首席记者", "记者"),
        ("记者", "记者"),
        ("融媒记者", "记者"),
        ("首席记者", "记者"),
        ("实习生", "实习生"),
        ("通讯员", "通讯员"),
        ("摄影", "摄影"),
        ("记者/摄", "摄影"),
        ("文/图", "记者"),
        ("融媒记者/图", "摄影"),
        ("供稿", "供稿"),
        ("编辑", "其他"),
    ],
)
def test_roles_normalise(printed, role):
    assert normalise_role(printed) == role


def test_printed_role_is_kept():
    credits, _ = standalone_byline("(融媒首席记者 陈晓苏)")
    assert [(c.name, c.role, c.printed_role) for c in credits] == [
        ("陈晓苏", "记者", "融媒首席记者")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "国网永康供电公司电力抢修队昨天连夜抢修。",  # 电 ends a dateline only after a date
        "人民网的资讯显示，今年以来",
        "全市通讯行业协会近日成立。",
        "本报今年推出新栏目。",
    ],
)
def test_sentences_that_look_like_datelines_are_not(line):
    assert split_start_byline(line) is None


def test_a_dateline_whose_credits_cannot_be_read_keeps_them_out_of_the_body_and_is_flagged():
    from articles.parsing import parse_page

    page = "2023年6月20日 星期二\n# 会议召开\n金华日报讯（记者 甲乙丙丁戊己庚）近日，会议召开。\n"
    [article] = parse_page(page).articles
    assert article.byline == "金华日报讯（记者 甲乙丙丁戊己庚）"
    assert article.paragraphs == ["近日，会议召开。"]
    assert "署名中未识别出人名" in article.notes


def test_bare_names_are_credited_as_reporters_and_flagged():
    from articles.parsing import parse_page

    page = "2023年6月20日 星期二\n# 会议召开\n近日，会议召开。(王一)\n"
    [article] = parse_page(page).articles
    assert [(c.name, c.role) for c in article.credits] == [("王一", "记者")]
    assert "署名只有人名, 按记者计" in article.notes
