"""A small archive built through the ORM: three Aprils 2nd, a November day, two pages.

The seed pages hold only two editions; browsing needs several years, several pages and
several roles to show its groupings, so these tests build them directly.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from articles.models import Article, Credit, Edition, Kind, Page, Person, Role, chinese_date


@dataclass
class Archive:
    editions: dict
    articles: dict
    people: dict


def make_edition(day: date, lunar: str = "") -> Edition:
    weekday = chinese_date(day).split()[-1]
    return Edition.objects.create(date=day, weekday=weekday, lunar_date=lunar)


def make_page(edition: Edition, number: int, name: str = "") -> Page:
    return Page.objects.create(
        edition=edition,
        number=number,
        name=name,
        raw_text="(raw)",
        source_name=f"{edition.date}_{number}.txt",
        checksum=f"{edition.date}{number}",
    )


def make_article(page, position, headline, *, credits=(), byline="", **fields) -> Article:
    article = Article.objects.create(
        edition=page.edition,
        page=page,
        position=position,
        headline=headline,
        byline=byline,
        **fields,
    )
    for order, (person, role, printed) in enumerate(credits):
        Credit.objects.create(
            article=article, person=person, role=role, printed_role=printed, order=order
        )
    return article


@pytest.fixture
def archive(db):
    people = {
        name: Person.objects.create(name=name) for name in ("陈晓苏", "张赤奎", "李文", "王摄")
    }
    chen, zhang, li, wang = (people[n] for n in ("陈晓苏", "张赤奎", "李文", "王摄"))
    reporter = (Role.REPORTER, "融媒首席记者")

    april = make_edition(date(2022, 4, 2), "壬寅年三月初二")
    front = make_page(april, 1, "要闻")
    second = make_page(april, 2, "综合")
    nov = make_edition(date(2022, 11, 7), "壬寅年十月十四")
    nov_front = make_page(nov, 1, "要闻")
    old = make_edition(date(2021, 4, 2), "辛丑年二月廿一")
    old_front = make_page(old, 1)
    older = make_edition(date(2020, 4, 2))
    older_front = make_page(older, 1)

    articles = {
        "meeting": make_article(
            front,
            1,
            "市委常委会扩大会议 打一场漂亮的翻身仗",
            byline="本报讯(融媒首席记者 陈晓苏)",
            credits=[(chen, *reporter)],
            body="4月1日下午,市委常委会召开扩大会议。\n市委书记章旭升主持会议。",
        ),
        "proposals": make_article(
            front,
            2,
            "集思广益献良策 凝心聚力谋发展",
            byline="本报讯(融媒首席记者 张赤奎 通讯员 李文)",
            credits=[(zhang, *reporter), (li, Role.CORRESPONDENT, "通讯员")],
            body="我市召开人大议案政协提案交办会。",
        ),
        "commentary": make_article(
            front,
            3,
            "拼搏实干 扛旗有我",
            subtitle="七论贯彻全市扛旗争先大会精神",
            byline="本报特约评论员",
            kind=Kind.COMMENTARY,
            body="拼搏实干，是永康的底色。",
        ),
        "photo": make_article(
            second,
            1,
            "春耕正忙",
            byline="王摄 摄",
            credits=[(wang, Role.PHOTOGRAPHER, "摄")],
            kind=Kind.PHOTO,
            body="田间地头一片繁忙。",
        ),
        "inspection": make_article(
            nov_front,
            1,
            "一鼓作气 聚力突破 确保按期完成既定目标任务",
            kicker="章旭升在调研南苑区块城中村改造工作时指出",
            column="城市更新进行时",
            byline="本报讯(融媒首席记者 陈晓苏)",
            credits=[(chen, *reporter)],
            body="11月5日,市委书记章旭升调研南苑区块城中村改造工作。\n要一鼓作气。",
        ),
        "old": make_article(
            old_front,
            1,
            "去年今日的春季招聘会",
            byline="记者 陈晓苏",
            credits=[(chen, Role.REPORTER, "记者")],
            body="春季招聘会在五金城举行。",
        ),
        "older": make_article(
            older_front,
            1,
            "前年今日的复工复产",
            byline="记者 张赤奎",
            credits=[(zhang, Role.REPORTER, "记者")],
            body="企业复工复产有序推进。",
        ),
    }
    editions = {"april": april, "nov": nov, "old": old, "older": older}
    return Archive(editions=editions, articles=articles, people=people)
