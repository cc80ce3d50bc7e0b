"""GB/T 7714-2015 newspaper citations: the pure formatter, and the one on the article page."""

from datetime import date

import pytest

from articles.citation import newspaper_citation

DAY = date(2022, 4, 2)
URL = "https://example.org/articles/7/"


@pytest.mark.parametrize(
    "names, expected",
    [
        ([], "拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1)."),
        (["陈晓苏"], "陈晓苏. 拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1)."),
        (["张赤奎", "李文"], "张赤奎, 李文. 拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1)."),
        (
            ["张赤奎", "李文", "王摄"],
            "张赤奎, 李文, 王摄. 拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1).",
        ),
        (
            ["张赤奎", "李文", "王摄", "陈晓苏"],
            "张赤奎, 李文, 王摄, 等. 拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1).",
        ),
        # Credited twice (写 and 摄) is one author; blank names are no author.
        (["王摄", "王摄", " "], "王摄. 拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1)."),
    ],
    ids=["none", "one", "two", "three", "four-then-等", "duplicate"],
)
def test_gbt7714_newspaper_citation(names, expected):
    assert newspaper_citation(names, "拼搏实干 扛旗有我", "永康日报", DAY, 1) == expected


def test_the_permalink_follows_the_citation():
    cited = newspaper_citation(["陈晓苏"], "标题", "永康日报", date(2023, 1, 10), 3, URL)
    assert cited == f"陈晓苏. 标题[N]. 永康日报, 2023-01-10(3). {URL}"


@pytest.mark.parametrize(
    "key, expected",
    [
        ("proposals", "张赤奎, 李文. 集思广益献良策 凝心聚力谋发展[N]. 永康日报, 2022-04-02(1)."),
        ("commentary", "拼搏实干 扛旗有我[N]. 永康日报, 2022-04-02(1)."),
    ],
)
def test_every_article_page_shows_its_citation(client, archive, key, expected):
    article = archive.articles[key]
    html = client.get(article.get_absolute_url()).content.decode()
    permalink = f"http://testserver/articles/{article.pk}/"
    assert f"{expected} {permalink}" in html
