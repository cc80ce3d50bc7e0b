import pytest

from articles.text import lead_sentence


@pytest.mark.parametrize(
    "body, expected",
    [
        ("4月1日下午,市委召开扩大会议。\n书记主持会议。", "4月1日下午,市委召开扩大会议。"),
        ("\n\n  他说：“要一鼓作气！”随后离开。", "他说：“要一鼓作气！”"),
        ("没有句号的一段", "没有句号的一段"),
        ("长" * 120, "长" * 90 + "…"),
        ("", ""),
    ],
)
def test_lead_sentence(body, expected):
    assert lead_sentence(body) == expected
