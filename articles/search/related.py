"""Related articles: an article's key words, weighted by tf-idf against the index.

Whoosh's own ``more_like_this`` reads the document's stored text or term vectors; the index
stores neither for ``text`` (views read the body from the database). The article's text is
cheap to analyse again, so its words are counted here and weighted by how rare they are in
the index; the related articles are those matching the most, and rarest, of them.
"""

import math
from collections import Counter

from whoosh import query as wq

from articles.search.analyzer import tokenize

KEY_TERMS = 12
# One-character words (的, 市, 年 …) say nothing about a subject; digits neither.
MIN_WORD_CHARS = 2


def key_terms(searcher, fieldname: str, text: str, limit: int = KEY_TERMS):
    """[(word, weight)], best first: tf × idf, for words at least one other document has."""
    counts = Counter(
        word
        for word, _, _ in tokenize(text, mode="default")
        if len(word) >= MIN_WORD_CHARS and not word.isdigit()
    )
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
