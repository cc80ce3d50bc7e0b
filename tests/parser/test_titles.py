"""Title groups: which line is kicker, headline, subtitle or column label."""

import pytest

from articles.parsing.titles import TitleLine, assign_roles


def _roles(*texts, levels=None):
    levels = levels or [None] * len(texts)
    group = [TitleLine(n, t, lv) for n, (t, lv) in enumerate(zip(texts, levels, strict=True))]
    roles, _guessed = assign_roles(group)
    return roles["kicker"], roles["headline"], roles["subtitle"], roles["column"]


@pytest.mark.parametrize(
    ("texts", "levels", "want"),
    [
        # A decorated label wins over a short bare line at the other end.
        (
            ("【一线直击】", "王一在调研五金产业时指出", "聚焦五金产业"),
            None,
            ("王一在调研五金产业时指出", "聚焦五金产业", None, "【一线直击】"),
        ),
        # Undecorated and on top, a short phrase is a kicker; marks name the headline.
        (
            ("一季度外贸开门红", "永康五金出口额同比增长18.6%", "电动工具和休闲器具订单排到6月"),
            [None, 1, 2],
            (
                "一季度外贸开门红",
                "永康五金出口额同比增长18.6%",
                "电动工具和休闲器具订单排到6月",
                None,
            ),
        ),
        # At the foot of a group a short bare phrase is the column label (seed page 2).
        (
            (
                "章旭升在调研南苑区块城中村改造工作时指出",
                "一鼓作气 聚力突破 确保按期完成既定目标任务",
                "城市更新进行时",
            ),
            None,
            (
                "章旭升在调研南苑区块城中村改造工作时指出",
                "一鼓作气 聚力突破 确保按期完成既定目标任务",
                None,
                "城市更新进行时",
            ),
        ),
        # Kicker ##, headline #, subtitle without a mark.
        (
            ("坚持项目为王 厚植发展优势", "我市三季度重大项目集中开工", "总投资86.5亿元"),
            [2, 1, None],
            ("坚持项目为王 厚植发展优势", "我市三季度重大项目集中开工", "总投资86.5亿元", None),
        ),
    ],
)
def test_title_roles(texts, levels, want):
    assert _roles(*texts, levels=levels) == want


def test_dashed_subtitle_at_the_headline_level_stays_with_its_headline():
    from articles.parsing import parse_page

    page = (
        "2023年6月20日 星期二\n### 锡雕老手艺遇上新潮设计\n### ——永康非遗文创产品走俏端午市场\n"
        "本报记者 陈晓苏\n端午将至,工坊里一片忙碌。\n"
    )
    [article] = parse_page(page).articles
    assert (article.headline, article.subtitle) == (
        "锡雕老手艺遇上新潮设计",
        "——永康非遗文创产品走俏端午市场",
    )
