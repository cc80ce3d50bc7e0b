"""Benchmark articles drawn from the shared news corpus, read in place (never copied).

The sample, the people credited and every random choice come from one seed, so two runs with
the same N load the same articles and ask the same queries.
"""

import gzip
import json
import os
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# Beside the lead's checkout (/work/main → /work/shared); a worktree elsewhere names it.
CORPUS = Path(
    os.environ.get(
        "YONGKANG_CORPUS",
        Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "news.jsonl.gz",
    )
)
SEED = 20240607
POOL_SIZE = 300

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤应楼胡施"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玲峰波辉鹏宇浩晨阳琳雪飞凯斌"
    "俊丹萍燕慧健新亮文晓立婷海燕欣怡佳颖锋毅斐媛昊然博翔宏海涛德胜永康金凤丽君"
)
ROLES = ("记者", "通讯员", "摄影", "实习生")
KINDS = (("news", 80), ("commentary", 8), ("photo", 6), ("notice", 6))


@dataclass
class BenchArticle:
    headline: str
    paragraphs: list[str]
    date: date
    column: str
    kind: str
    credits: list[tuple[str, str]] = field(default_factory=list)  # (name, role)


def name_pool(seed: int = SEED, size: int = POOL_SIZE) -> list[str]:
    """``size`` distinct two- or three-character Chinese names."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < size:
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        name = rng.choice(SURNAMES) + given
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def read_corpus(path: Path = CORPUS) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# A derived copy sits this many days before the one above it: ten copies of the corpus's
# fourteen years cover about forty, so the timeline and date ranges see a long archive.
COPY_SHIFT_DAYS = 1096


def sample_rows(rows: list[dict], n: int | None, seed: int = SEED) -> list[tuple[dict, int]]:
    """``n`` (row, copy) pairs spread over the whole date range, in date order; all rows if n
    is None. Past the corpus's size, copy ``k`` of every row is added (see
    :func:`derive`), as many copies as ``n`` needs, and ``n`` pairs are drawn from them."""
    if n is None or n == len(rows):
        return [(row, 0) for row in rows]
    if n < len(rows):
        picked = sorted(random.Random(seed).sample(range(len(rows)), n))
        return [(rows[i], 0) for i in picked]
    copies = -(-n // len(rows))
    pool = len(rows) * copies
    picked = random.Random(seed).sample(range(pool), n)
    pairs = [(rows[i % len(rows)], i // len(rows)) for i in picked]
    # Date order, then corpus order within a day: the order a real archive is imported in.
    order = sorted(range(n), key=lambda j: (_shifted(pairs[j][0]["date"], pairs[j][1]), picked[j]))
    return [pairs[j] for j in order]


def _shifted(day: str, copy: int) -> date:
    return date.fromisoformat(day) - timedelta(days=COPY_SHIFT_DAYS * copy)


_DIGITS = "0123456789"


def derive(row: dict, copy: int) -> tuple[str, list[str], date]:
    """(headline, paragraphs, date) of copy ``copy`` of a corpus row: the date moved back
    ``copy`` × COPY_SHIFT_DAYS, every digit shifted by ``copy`` (mod 10) and the paragraphs
    rotated by ``copy``, so no two copies are the same text; copy 0 is the row itself."""
    headline = row["title"][:300]
    paragraphs = [line for line in row["body"].split("\n") if line.strip()]
    if copy:
        shift = str.maketrans(_DIGITS, _DIGITS[copy % 10 :] + _DIGITS[: copy % 10])
        headline = headline.translate(shift)
        paragraphs = [p.translate(shift) for p in paragraphs]
        k = copy % len(paragraphs) if paragraphs else 0
        paragraphs = paragraphs[k:] + paragraphs[:k]
    return headline, paragraphs, _shifted(row["date"], copy)


def build_articles(n: int | None, seed: int = SEED, path: Path = CORPUS) -> list[BenchArticle]:
    """``n`` articles from the corpus at ``path``; more than it holds are derived copies."""
    pairs = sample_rows(read_corpus(path), n, seed)
    pool = name_pool(seed)
    rng = random.Random(seed + 1)
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    articles = []
    for row, copy in pairs:
        people = rng.sample(pool, rng.choice((1, 1, 2, 2, 3)))
        credits = [(name, "记者" if i == 0 else rng.choice(ROLES)) for i, name in enumerate(people)]
        headline, paragraphs, day = derive(row, copy)
        articles.append(
            BenchArticle(
                headline=headline,
                paragraphs=paragraphs,
                date=day,
                column=(row.get("category") or "")[:100],
                kind=rng.choices(kinds, weights)[0],
                credits=credits,
            )
        )
    return articles
