"""One Chinese character as a query: every indexed word that contains it.

jieba keeps a character on its own only where it stands alone in the sentence, so the term
``茶`` is in the index for ``喝了一杯茶`` but not for ``茶叶`` or ``红茶``: a search for one
character found about a quarter of the articles holding it (70k corpus: 茶 181 of 683,
桥 270 of 2,768). :class:`CharTerm` asks for every word containing the character instead.
It is a Whoosh ``Wildcard`` (``*茶*``), so Whoosh's own matchers and any other code that
walks the query understand it; the one-pass evaluation (``evaluate.py``) answers it from
:func:`words_with`, a per-segment map from character to the words holding it, built on
first use (≈0.4 s and ≈10 MB for a segment of 35k articles, then kept like the segment's
other arrays).
"""

import threading
from array import array
from collections import OrderedDict

from whoosh import query as wq


class CharTerm(wq.Wildcard):
    """The documents with a word that contains ``char`` in ``fieldname``."""

    def __init__(self, fieldname: str, char: str, boost: float = 1.0):
        super().__init__(fieldname, f"*{char}*", boost=boost)
        self.char = char


def is_single_han(word: str) -> bool:
    return len(word) == 1 and is_han(word)


def is_han(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


class _CharIndex:
    __slots__ = ("terms", "by_char", "by_frequency", "fieldname")

    def __init__(self, reader, fieldname: str):
        self.fieldname = fieldname
        self.by_frequency: dict[str, list[bytes]] = {}
        self.terms: list[bytes] = []
        by_char: dict[str, list[int]] = {}
        for number, term in enumerate(reader.lexicon(fieldname)):
            self.terms.append(term)
            for char in set(term.decode("utf-8")):
                if is_han(char):
                    by_char.setdefault(char, []).append(number)
        self.by_char = {char: array("I", numbers) for char, numbers in by_char.items()}

    def words_with(self, char: str, reader=None) -> list[bytes]:
        """The words holding ``char``; given the segment's ``reader``, the most frequent
        first (sorted once per character: the segment's words never change)."""
        terms = self.terms
        words = [terms[number] for number in self.by_char.get(char, ())]
        if reader is None:
            return words
        ordered = self.by_frequency.get(char)
        if ordered is None:
            frequency = reader.doc_frequency
            ordered = sorted(words, key=lambda w: -frequency(self.fieldname, w))
            self.by_frequency[char] = ordered
        return ordered


# Least recently used last out: a merge or rebuild leaves old segments' maps behind.
_indexes: OrderedDict[tuple[str, str], _CharIndex] = OrderedDict()
_lock = threading.Lock()
_KEEP = 24


def words_with(
    reader, segment_key: str | None, fieldname: str, char: str, by_frequency: bool = False
) -> list[bytes]:
    """The segment's words in ``fieldname`` that contain ``char`` (the character itself
    included), as index bytes; ``by_frequency``: the most frequent first."""
    if fieldname not in reader.schema:
        return []
    if segment_key is None:  # nothing to cache it under
        return _CharIndex(reader, fieldname).words_with(char, reader if by_frequency else None)
    key = (segment_key, fieldname)
    with _lock:
        index = _indexes.get(key)
        if index is not None:
            _indexes.move_to_end(key)
    if index is None:
        index = _CharIndex(reader, fieldname)
        with _lock:
            _indexes[key] = index
            while len(_indexes) > _KEEP:
                _indexes.popitem(last=False)
    return index.words_with(char, reader if by_frequency else None)
