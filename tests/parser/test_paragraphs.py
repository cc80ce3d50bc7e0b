"""Re-joining paragraphs cut by a column break."""

import pytest

from articles.parsing.paragraphs import ends_sentence, join_pieces

JOINS = [
    (
        ["持层层发动、全面动员,聚", "焦五金产业转型升级。"],
        ["持层层发动、全面动员,聚焦五金产业转型升级。"],
    ),
    (
        ["习近平总书记重要讲话精神,", "坚定不移贯彻新发展理念。"],
        ["习近平总书记重要讲话精神,坚定不移贯彻新发展理念。"],
    ),
    (["厂区内聚集了10", "多家低小散企业。"], ["厂区内聚集了10多家低小散企业。"]),
    (["他说:“今年我们提前半个月", "开始育秧。”"], ["他说:“今年我们提前半个月开始育秧。”"]),
    (["被誉为“五金之都”", "的永康。"], ["被誉为“五金之都”的永康。"]),
    (["第一段。", "第二段!"], ["第一段。", "第二段!"]),
    (["他说:“好。”", "大家笑了。"], ["他说:“好。”", "大家笑了。"]),
    (["要求如下:", "一是加强领导。"], ["要求如下:", "一是加强领导。"]),
    (["工作取得进展", "(下转第2版)"], ["工作取得进展", "(下转第2版)"]),
    (["甲", "乙", "丙。"], ["甲乙丙。"]),
    (["use the OCR", "engine。"], ["use the OCR engine。"]),
    # A closing byline cut between two credits, and inside a name.
    (["用电。（记者 楼佳怡", "通讯员 吕燕）"], ["用电。（记者 楼佳怡 通讯员 吕燕）"]),
    (["用电。(记者 楼佳", "怡 通讯员 吕燕)"], ["用电。(记者 楼佳怡 通讯员 吕燕)"]),
    (["他说:“很好。”（记者", "王一）"], ["他说:“很好。”（记者王一）"]),  # parses glued
]


@pytest.mark.parametrize(("pieces", "paragraphs"), JOINS)
def test_join_pieces(pieces, paragraphs):
    got, notes = join_pieces(pieces)
    assert got == paragraphs
    assert len(notes) == len(pieces) - len(paragraphs)


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("好。", True),
        ("好!", True),
        ("好?", True),
        ("好……", True),
        ("说:“好。”", True),
        ("称为“五金之都”", False),
        ("聚", False),
        ("10", False),
        ("反思,", False),
        ("(下转第2版)", True),
    ],
)
def test_ends_sentence(text, ends):
    assert ends_sentence(text) is ends


def test_join_never_crosses_into_a_headline_or_next_article():
    from articles.parsing import parse_page

    page = (
        "2022年4月2日\n\n第一条新闻\n\n本报讯(记者 王一) 会议强调,要\n\n"
        "第二条新闻标题\n\n本报讯(记者 李二) 4月1日,会议召开。\n"
    )
    articles = parse_page(page).articles
    assert [a.headline for a in articles] == ["第一条新闻", "第二条新闻标题"]
    assert articles[0].paragraphs == ["会议强调,要"]
