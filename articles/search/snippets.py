"""A short, HTML-safe excerpt around the best match, every query word in ``<mark>``.

Words are what the user typed plus the jieba words inside them (``五金产业转型`` marks
``五金产业`` and ``转型`` where the whole does not occur), matched longest first. The text
is escaped piece by piece, so markup in an article comes back as text.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.search.analyzer import tokenize

WIDTH = 110
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


def make_snippet(text: str, terms, width: int = WIDTH) -> SafeString:
    text = " ".join(line.strip() for line in (text or "").splitlines() if line.strip())
    words = marked_words(terms)
    lowered = text.lower()
    if len(lowered) != len(text):  # case folding changed offsets: match as written
        lowered = text
    matches = []
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in words))
        matches = [(m.start(), m.end(), m.group()) for m in pattern.finditer(lowered)]
    start = _best_start(text, matches, width)
    end = min(len(text), start + width)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for m_start, m_end, _ in matches:
        if m_end <= start or m_start < cursor:
            continue
        if m_start >= end:
            break
        pieces.append(escape(text[cursor:m_start]))
        pieces.append(f"<mark>{escape(text[m_start:m_end])}</mark>")
        cursor = m_end
    pieces.append(escape(text[cursor : max(end, cursor)]))
    if max(end, cursor) < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))


def _best_start(text, matches, width):
    """The window start covering the most distinct words, nudged back to a sentence start."""
    if not matches:
        return 0
    best, best_count = matches[0][0], 0
    for i, (anchor, _, _) in enumerate(matches):
        seen = {word for s, _, word in matches[i:] if s < anchor + width * 3 // 4}
        if len(seen) > best_count:
            best, best_count = anchor, len(seen)
    start = max(0, best - width // 4)
    for i in range(best - 1, start - 1, -1):
        if text[i] in _SENTENCE_END:
            return i + 1
    return start
