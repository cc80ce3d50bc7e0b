"""Kinds of items, decided from whole small pages."""

import pytest

from articles.parsing import parse_page

HEAD = "2022年4月2日 星期六\n\n"

KINDS = [
    ("市长调研企业\n\n本报讯(记者 王一) 4月1日,市长调研企业。\n", "news", ["王一"]),
    ("拼搏实干\n\n本报特约评论员\n\n干部是决定性力量。\n", "commentary", []),
    ("城市的口子\n\n融媒评论员\n\n口子断不能开。\n", "commentary", []),
    ("启事\n\n本报4月4日休刊。\n\n永康市融媒体中心\n", "notice", []),
    ("更正\n\n本报昨日一文有误,特此更正。\n\n永康日报社\n\n2022年4月2日\n", "notice", []),
    ("春花烂漫\n\n市民在公园赏花。\n\n记者 王一 摄\n", "photo", ["王一"]),
    ("春花烂漫\n\n市民在公园赏花。记者 王一 摄\n", "photo", ["王一"]),
    ("第一条\n\n本报讯(记者 王一) 会议召开。\n\n城市窗口增颜值 环境整治显成效\n", "teaser", []),
    (
        "# 首条\n\n本报讯 会议召开。\n\n# 导读\n\n城西学校开学(第2版)\n\n古山见成效(第3版)\n",
        "teaser",
        [],
    ),
]


def test_a_teaser_list_keeps_one_headline_per_line_and_leaves_the_next_article_alone():
    page = parse_page(
        HEAD + "今日导读\n\n城西新区两所学校开学\n\n古山镇乡村建设见成效\n\n"
        "暑期托管班报名火爆\n\n本报讯(记者 王一) 全市开设托管班46个。\n"
    )
    teaser, news = page.articles
    assert (teaser.kind, teaser.headline) == ("teaser", "今日导读")
    assert teaser.paragraphs == ["城西新区两所学校开学", "古山镇乡村建设见成效"]
    assert teaser.notes == ["导读条目与下一篇标题的分界为推测"]
    assert (news.headline, news.kicker, news.reporters) == ("暑期托管班报名火爆", None, ["王一"])


@pytest.mark.parametrize(("body", "kind", "people"), KINDS)
def test_kind_of_last_article(body, kind, people):
    article = parse_page(HEAD + body).articles[-1]
    assert article.kind == kind
    assert article.reporters == people


def test_notice_signature_is_the_byline():
    article = parse_page(HEAD + KINDS[4][0]).articles[0]
    assert article.byline == "永康日报社 2022年4月2日"
    assert article.paragraphs == ["本报昨日一文有误,特此更正。"]


def test_photo_credit_role_is_photographer():
    article = parse_page(HEAD + KINDS[5][0]).articles[0]
    assert [(c.name, c.role) for c in article.credits] == [("王一", "摄影")]


def test_missing_byline_is_noted():
    article = parse_page(HEAD + "市长调研企业\n\n4月1日,市长调研企业。\n").articles[0]
    assert "未找到署名" in article.notes


def test_enumerated_subheads_stay_inside_the_article():
    page = HEAD + "标题\n\n本报讯(记者 王一) 会议召开。\n\n一、加强领导\n\n要加强领导。\n"
    articles = parse_page(page).articles
    assert len(articles) == 1
    assert articles[0].paragraphs == ["会议召开。", "一、加强领导", "要加强领导。"]
