"""Bytes to text: UTF-8 with or without BOM, GB18030, and clear refusals."""

import pytest

from articles.parsing import PageError, decode_page, parse_page

TEXT = "2022年4月2日\r\n\r\n标题\r\n\r\n本报讯(记者 王一)\u3000会议召开。\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("gb18030"), "GB18030"),
    ],
)
def test_decodes_and_normalises_line_ends(data, encoding):
    text, got = decode_page(data)
    assert got == encoding
    assert "\r" not in text and not text.startswith("\ufeff")
    article = parse_page(text).articles[0]
    assert (article.headline, article.paragraphs) == ("标题", ["会议召开。"])


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"", 1),
        (b"  \n\t\n", 1),
        ("标题\n第二行\n".encode() + b"\x00\x01\x02", 3),
        (b"\xff\xfe" + "标题".encode("utf-16-le"), 1),
        ("标题\n正文正文正文正文\n".encode() + b"\xff\xfe\xfa" + "完".encode(), 3),
        (b"\x01\x02\x03\x04\x05abc", 1),
        (b"abc\n\x81\xff", 2),
    ],
)
def test_refuses_with_line_number(data, line):
    with pytest.raises(PageError) as error:
        decode_page(data)
    assert error.value.line == line
    assert error.value.message


def test_full_width_spaces_are_whitespace():
    text = "2022年4月2日\n\n\u3000\u3000标题\u3000\u3000\n\n\u3000\u3000会议召开。\n"
    article = parse_page(text).articles[0]
    assert (article.headline, article.paragraphs) == ("标题", ["会议召开。"])
