"""Masthead dates, weekday and lunar checks, page number, and where the date comes from."""

import datetime as dt

import pytest

from articles.parsing import PageError, parse_page
from articles.parsing.masthead import date_from_filename, lunar_string, page_number_from_filename

BODY = "\n\n测试标题\n\n本报讯(记者 王一) 4月1日,会议召开。\n"

DATES = [
    ("2022年4月\n壬寅年三月初二\n星期六\n02", dt.date(2022, 4, 2)),
    ("02\n星期六\n2022年4月", dt.date(2022, 4, 2)),
    ("2022年4月2日 星期六", dt.date(2022, 4, 2)),
    ("2O22年4月2日", dt.date(2022, 4, 2)),
    ("2022年l1月7日 星期一", dt.date(2022, 11, 7)),
    ("２０２２年１１月７日", dt.date(2022, 11, 7)),
    ("二〇二二年十一月七日", dt.date(2022, 11, 7)),
    ("2022-11-07 第2版 要闻", dt.date(2022, 11, 7)),
]


@pytest.mark.parametrize(("masthead", "expected"), DATES)
def test_masthead_dates(masthead, expected):
    edition = parse_page("永康日报\n" + masthead + BODY)
    assert edition.date == expected
    assert edition.articles[0].headline == "测试标题"


def test_weekday_and_lunar_that_match_give_no_warning():
    edition = parse_page("2022年4月\n壬寅年三月初二\n星期六\n02" + BODY)
    assert (edition.weekday, edition.lunar_date, edition.warnings) == (
        "星期六",
        "壬寅年三月初二",
        [],
    )


def test_wrong_weekday_and_lunar_are_warned():
    edition = parse_page("2022年4月2日 星期五 农历三月初三" + BODY)
    assert len(edition.warnings) == 2
    assert "星期五" in edition.warnings[0] and "星期六" in edition.warnings[0]
    assert "三月初二" in edition.warnings[1]


def test_missing_weekday_and_lunar_are_none():
    edition = parse_page("2022年4月2日" + BODY)
    assert (edition.weekday, edition.lunar_date) == (None, None)


@pytest.mark.parametrize(
    ("day", "lunar"),
    [
        (dt.date(2022, 4, 2), "壬寅年三月初二"),
        (dt.date(2022, 11, 7), "壬寅年十月十四"),
        (dt.date(2023, 4, 1), "癸卯年闰二月十一"),
        (dt.date(2023, 1, 21), "壬寅年十二月三十"),
        (dt.date(2022, 2, 21), "壬寅年正月廿一"),
    ],
)
def test_lunar_string(day, lunar):
    assert lunar_string(day) == lunar


def test_page_number_and_name():
    edition = parse_page("永康日报\n2022年4月2日\n第2版 要闻" + BODY)
    assert (edition.page_number, edition.page_name) == (2, "要闻")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2022-04-02.txt", dt.date(2022, 4, 2)),
        ("page_20220402_a.txt", dt.date(2022, 4, 2)),
        ("2022_4_2.txt", dt.date(2022, 4, 2)),
        ("000_2955f14923da8811.txt", None),
        ("2022-13-40.txt", None),
    ],
)
def test_date_from_filename(name, expected):
    assert date_from_filename(name) == expected


def test_date_option_and_file_name_are_used_when_masthead_has_no_date():
    assert parse_page(BODY, date=dt.date(2022, 4, 2)).date == dt.date(2022, 4, 2)
    assert parse_page(BODY, filename="2022-04-03.txt").date == dt.date(2022, 4, 3)
    both = parse_page(BODY, filename="2022-04-03.txt", date=dt.date(2022, 4, 2))
    assert both.date == dt.date(2022, 4, 2)


def test_masthead_wins_over_date_option_with_a_warning():
    edition = parse_page("2022年4月2日" + BODY, date=dt.date(2022, 5, 1))
    assert edition.date == dt.date(2022, 4, 2)
    assert any("2022-05-01" in w for w in edition.warnings)


def test_no_date_anywhere_is_an_error_naming_a_line():
    with pytest.raises(PageError) as error:
        parse_page(BODY, filename="page.txt")
    assert error.value.line == 3
    assert "日期" in error.value.message


def test_section_name_needs_a_page_number_unless_it_is_a_common_one():
    edition = parse_page("2022年4月2日\n第3版 国内新闻" + BODY)
    assert (edition.page_number, edition.page_name) == (3, "国内新闻")
    short_headline = parse_page("2022年4月2日\n\n第一条新闻\n\n本报讯(记者 王一) 会议召开。\n")
    assert short_headline.articles[0].headline == "第一条新闻"


def test_any_short_section_name_in_a_header_line_with_date_and_page_number():
    edition = parse_page("永康日报　２０２３年１０月１０日　星期二　第４版　城乡" + BODY)
    assert (edition.date.isoformat(), edition.page_number, edition.page_name) == (
        "2023-10-10",
        4,
        "城乡",
    )
    # A line of its own with only the page number and a short name is the page header too.
    undated = parse_page("2022年4月2日\n\n第4版 城乡\n\n古村新貌\n\n本报讯(记者 王一) 会议召开。\n")
    assert (undated.page_number, undated.page_name) == (4, "城乡")
    assert [a.headline for a in undated.articles] == ["古村新貌"]
    # Beside anything longer, the words are not taken for a section name.
    longer = parse_page("2022年4月2日\n\n第4版 城乡巨变正当时\n\n本报讯(记者 王一) 会议召开。\n")
    assert longer.page_name is None


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("2022-06-02_p5.txt", 5),
        ("20220602_P05_gb18030.txt", 5),
        ("page-3.txt", 3),
        ("20220602第5版.txt", 5),
        ("2022-06-02 12版.txt", 12),
        ("000_2955f14923da8811.txt", None),  # the seeds' names carry no page
        ("2022_6_3_bom.txt", None),
        ("jpg2.txt", None),
        ("p0.txt", None),
        (None, None),
    ],
)
def test_page_number_from_filename(name, number):
    assert page_number_from_filename(name) == number
