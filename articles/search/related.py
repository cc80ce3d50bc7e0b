"""Related articles: an article's key words, weighted by tf-idf against the index.

Whoosh's own ``more_like_this`` reads the document's stored text or term vectors; the index
stores neither for ``text`` (views read the body from the database). The article's text is
cheap to analyse again, so its words are counted here and weighted by how rare they are in
the index; the related articles are those matching the most, and rarest, of them.

Only significant words count: not numbers and measures, pronouns, adverbs, particles, time
words (jieba's part-of-speech tags), nor the paper's own words (``记者``, ``下转``) and a few
verbs every report uses. In a small archive ``半个``, ``已经`` or ``下转`` are as rare as a
subject's words, and they made a farming article relate to a hardware one.
"""

import math
from collections import Counter

import rjieba
from whoosh import query as wq

from articles.search.analyzer import ensure_user_dict

KEY_TERMS = 12
# One-character words (的, 市, 年 …) say nothing about a subject; digits neither.
MIN_WORD_CHARS = 2
# jieba's tags of words that say nothing of a subject: numerals and measures, pronouns,
# adverbs, prepositions, conjunctions, particles, locations, time words, punctuation.
FUNCTION_TAGS = {"m", "mq", "q", "r", "d", "p", "c", "f", "t", "x", "y", "e", "o", "zg"}
# Words of the newspaper itself, and verbs any report uses, whatever its subject.
PAPER_WORDS = {
    "记者",
    "通讯员",
    "全市",
    "我市",
    "市民",
    "本报",
    "工作",
    "版",
    "日电",
    "下转",
    "上接",
    "详见",
    "告诉",
    "表示",
    "介绍",
    "开始",
    "提前",
    "迎来",
    "进行",
    "开展",
    "召开",
    "举行",
    "推进",
    "进入",
    "已经",
    "找到",
    "联系",
    "来到",
    "今年",
    "目前",
}


def significant_words(text: str) -> list[str]:
    ensure_user_dict()
    return [
        word.lower()
        for word, tag in rjieba.tag(text)
        if tag not in FUNCTION_TAGS
        and not tag.startswith("u")
        and len(word) >= MIN_WORD_CHARS
        and not word.isdigit()
        and word not in PAPER_WORDS
    ]


def key_terms(searcher, fieldname: str, text: str, limit: int = KEY_TERMS):
    """[(word, weight)], best first: tf × idf, for words at least one other document has."""
    counts = Counter(significant_words(text))
    total = searcher.doc_count() or 1
    reader = searcher.reader()
    scored = []
    for word, tf in counts.items():
        if (fieldname, word) not in reader:
            continue
        df = reader.doc_frequency(fieldname, word)
        if df < 2:  # only this article has it: it cannot relate to anything
            continue
        idf = math.log((total + 1) / df)
        if idf <= 0:  # in every document
            continue
        scored.append((word, (1 + math.log(tf)) * idf))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]


def related_query(fieldname: str, terms) -> wq.Query | None:
    if not terms:
        return None
    top = terms[0][1]
    return wq.Or([wq.Term(fieldname, word, boost=weight / top) for word, weight in terms])
