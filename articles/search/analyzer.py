"""The one Chinese tokenizer, used to index documents and to read queries.

rjieba (jieba-rs) in search mode gives every word plus the shorter dictionary words inside
it (``市委书记`` → 市委, 书记, 市委书记) with character offsets, so a query for either finds
the document. Punctuation and whitespace tokens are dropped, Latin text lowercased.

The user dictionary (curated words in ``SEARCH_USER_DICT`` plus every Person's name) must
reach the tokenizer in each process before it indexes or reads a query, or ``陈晓苏`` would
be indexed whole by one process and looked up as ``陈``/``晓苏`` by another;
:func:`ensure_user_dict` does that and picks up people added since.
"""

import functools
import logging
import re
import threading
from pathlib import Path

import rjieba
from django.conf import settings
from whoosh.analysis import Token, Tokenizer

log = logging.getLogger(__name__)

# A token is kept if it holds at least one letter or digit (CJK ideographs are letters).
_WORDY = re.compile(r"[^\W_]")


def is_word(token: str) -> bool:
    # isalnum() answers for almost every token (CJK ideographs are alphanumeric) at C speed.
    return token.isalnum() or bool(_WORDY.search(token))


def tokenize(text: str, mode: str = "search") -> list[tuple[str, int, int]]:
    """(word, start, end) for every kept token; ``mode="default"`` gives a plain cut."""
    _ensure_curated()
    return [
        (word.lower(), start, end)
        for word, start, end in rjieba.tokenize(text, mode=mode)
        if is_word(word)
    ]


class OffsetTokenizer(Tokenizer):
    """A Whoosh tokenizer over ``words(value)``, (text, start, end) triples, whose positions
    are character offsets: with overlapping search-mode words (or pairs) a running count
    means nothing, while offsets let phrases be checked exactly (a word ends at its start +
    its length) without storing character ranges."""

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __hash__(self):
        return hash(self.__class__.__name__)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        found = self.words(value) if tokenize else [(value, 0, len(value))]
        for text, start, end in found:
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + start
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token

    def words(self, value: str) -> list[tuple[str, int, int]]:
        raise NotImplementedError


class JiebaTokenizer(OffsetTokenizer):
    """Whoosh tokenizer over rjieba's search mode: lowercased words, punctuation dropped."""

    def words(self, value: str) -> list[tuple[str, int, int]]:
        """(lowercased word, start, end) of every kept word, in start order (so each word's
        positions grow, as Whoosh stores them), without Whoosh's per-token objects: the
        index's ``OffsetPositions.word_values`` reads this directly."""
        _ensure_curated()
        return [
            (word.lower(), start, end)
            for word, start, end in sorted(rjieba.tokenize(value, mode="search"), key=_start)
            if is_word(word)
        ]


def _start(token):
    return token[1], token[2]


def chinese_analyzer():
    """The analyzer every TEXT field of the index uses (it lowercases by itself: a separate
    LowercaseFilter is one more Python generator step per token)."""
    return JiebaTokenizer()


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified: the archive is printed in Simplified characters."""
    return _t2s().convert(text) if text else text


# --- user dictionary -------------------------------------------------------------------

_lock = threading.Lock()
_words: set[str] = set()
_curated_loaded = False
_people_mark: tuple | None = None


def add_words(words) -> None:
    with _lock:
        for word in words:
            word = word.strip()
            if word and word not in _words:
                rjieba.add_word(word, None, None)
                _words.add(word)


def read_user_dict(path: Path | None = None) -> list[tuple[str, int | None]]:
    """Entries of a jieba-format dictionary: ``word [freq] [tag]``; ``#`` starts a comment."""
    path = Path(path or settings.SEARCH_USER_DICT)
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        entries.append((parts[0], freq))
    return entries


def _ensure_curated() -> None:
    global _curated_loaded
    if not _curated_loaded:
        with _lock:
            if not _curated_loaded:
                for word, freq in read_user_dict():
                    if word not in _words:
                        rjieba.add_word(word, freq, None)
                        _words.add(word)
                _curated_loaded = True


def ensure_user_dict() -> None:
    """Load the curated words once, and any people not yet known to this process.

    One small query; called once per search and per indexing batch, not per token.
    """
    global _people_mark
    _ensure_curated()
    try:
        from django.db.models import Count, Max

        from articles.models import Person

        mark = tuple(Person.objects.aggregate(n=Count("id"), top=Max("id")).values())
    except Exception:  # no database or no table yet (before migrate): curated words only
        return
    if mark != _people_mark:
        add_words(Person.objects.values_list("name", flat=True))
        _people_mark = mark
