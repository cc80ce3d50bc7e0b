"""The benchmark's search queries, sampled with a fixed seed from the loaded articles.

Six kinds, in equal shares: one word, two words, a quoted phrase, a word limited to one
credited person, a word within a date range (about a quarter of the corpus span), and a word
sorted by date. Words are jieba-rs segments of headlines, so they occur in the corpus.
"""

import random
import re
from dataclasses import asdict, dataclass
from datetime import timedelta

import rjieba

from .corpus import BenchArticle

KINDS = ("word", "two_words", "phrase", "person", "date_range", "sort_date")
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
# Words too common in this corpus to say anything about search speed on their own.
STOP = {"新闻联播", "央视网", "消息", "中国", "我国", "全国", "国内", "国际", "联播", "快讯"}


@dataclass
class Query:
    kind: str
    q: str
    person: str = ""
    start: str = ""
    end: str = ""
    sort: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _words(text: str) -> list[str]:
    return [w for w in rjieba.cut(text) if HAN_WORD.match(w) and w not in STOP]


def make_queries(articles: list[BenchArticle], count: int, seed: int) -> list[Query]:
    rng = random.Random(seed)
    first, last = articles[0].date, articles[-1].date
    span = max((last - first).days, 1)
    queries: list[Query] = []
    attempts = 0
    while len(queries) < count and attempts < count * 50:
        attempts += 1
        kind = KINDS[len(queries) % len(KINDS)]
        article = rng.choice(articles)
        words = _words(article.headline)
        if len(words) < 2:
            continue
        word = rng.choice(words)
        if kind == "word":
            queries.append(Query(kind, word))
        elif kind == "two_words":
            a, b = rng.sample(words, 2)
            queries.append(Query(kind, f"{a} {b}"))
        elif kind == "phrase":
            tokens = [t for t in rjieba.cut(article.headline)]
            pairs = [
                tokens[i] + tokens[i + 1]
                for i in range(len(tokens) - 1)
                if HAN_WORD.match(tokens[i]) and HAN_WORD.match(tokens[i + 1])
            ]
            if not pairs:
                continue
            queries.append(Query(kind, f'"{rng.choice(pairs)}"'))
        elif kind == "person":
            queries.append(Query(kind, word, person=rng.choice(article.credits)[0]))
        elif kind == "date_range":
            length = timedelta(days=span // 4)
            offset = timedelta(days=rng.randrange(max(span - length.days, 1)))
            start = first + offset
            queries.append(
                Query(kind, word, start=start.isoformat(), end=(start + length).isoformat())
            )
        else:
            queries.append(Query(kind, word, sort="date"))
    return queries


HAN = re.compile(r"[\u4e00-\u9fff]")


def make_char_queries(articles: list[BenchArticle], count: int, seed: int) -> list[Query]:
    """One-character queries: a character of a random headline, so common characters (人,
    国, 会) come up as often as readers would type them. Kept out of the six-kind mix: they
    have a target of their own."""
    rng = random.Random(seed)
    queries: list[Query] = []
    while len(queries) < count:
        chars = HAN.findall(rng.choice(articles).headline)
        if chars:
            queries.append(Query("one_char", rng.choice(chars)))
    return queries
