"""A short, HTML-safe excerpt around the best match, every query word in ``<mark>``.

Words are what the user typed plus the jieba words inside them (``五金产业转型`` marks
``五金产业`` and ``转型`` where the whole does not occur), matched longest first. The text
is escaped piece by piece, so markup in an article comes back as text.

The cost per document is bounded: only the first ``SCAN_CHARS`` characters are searched for
the window, and the window is chosen in one pass over the matches (choosing it used to
cost the square of their number: 10,000 matches took 7.7 s).
"""

import re
from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.search.analyzer import tokenize

WIDTH = 110
# Characters of a document searched for the best window (an article is rarely longer; a
# pathological one-megabyte paragraph is not searched past this).
SCAN_CHARS = 100_000
_SENTENCE_END = "。！？!?；;\n"


def marked_words(terms) -> list[str]:
    words = set()
    for term in terms:
        term = term.strip().lower()
        if not term:
            continue
        words.add(term)
        words.update(word for word, _, _ in tokenize(term, mode="default"))
    return sorted(words, key=lambda w: (-len(w), w))


def highlight(text: str, terms) -> SafeString:
    """All of ``text``, escaped, with every query word in ``<mark>`` (a headline, a
    paragraph of the article page)."""
    text = text or ""
    words = marked_words(terms)
    if not words:
        return escape(text)
    return mark_safe(_marked(text, _matches(text, words), 0, len(text)))


def make_snippet(text: str, terms, width: int = WIDTH) -> SafeString:
    text = " ".join(line.strip() for line in (text or "")[:SCAN_CHARS].splitlines() if line.strip())
    matches = _matches(text, marked_words(terms))
    start = _best_start(text, matches, width)
    end = min(len(text), start + width)
    body = _marked(text, matches, start, end)
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))


def _matches(text, words) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words' occurrences, left to right, never overlapping."""
    if not words:
        return []
    lowered = text.lower()
    if len(lowered) != len(text):  # case folding changed offsets: match as written
        lowered = text
    pattern = re.compile("|".join(re.escape(w) for w in words))
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(lowered)]


def _marked(text, matches, start, end) -> str:
    """``text[start:end]`` escaped, the matches inside it marked (a match running past
    ``end`` is marked whole)."""
    pieces = []
    cursor = start
    first = bisect_left(matches, (start, -1, ""))
    for m_start, m_end, _ in matches[first:]:
        if m_start >= end:
            break
        pieces.append(escape(text[cursor:m_start]))
        pieces.append(f"<mark>{escape(text[m_start:m_end])}</mark>")
        cursor = m_end
    pieces.append(escape(text[cursor : max(end, cursor)]))
    return "".join(pieces)


def _best_start(text, matches, width):
    """The window start covering the most distinct words, nudged back to a sentence start.

    One pass: the window's right edge only moves right as its anchor does, and a count per
    word says when a word enters or leaves it."""
    if not matches:
        return 0
    span = width * 3 // 4
    best, best_count = matches[0][0], 0
    counts: dict[str, int] = {}
    right = 0
    for i, (anchor, _, _) in enumerate(matches):
        while right < len(matches) and matches[right][0] < anchor + span:
            word = matches[right][2]
            counts[word] = counts.get(word, 0) + 1
            right += 1
        if len(counts) > best_count:
            best, best_count = anchor, len(counts)
        word = matches[i][2]
        counts[word] -= 1
        if not counts[word]:
            del counts[word]
    start = max(0, best - width // 4)
    for i in range(best - 1, start - 1, -1):
        if text[i] in _SENTENCE_END:
            return i + 1
    return start
