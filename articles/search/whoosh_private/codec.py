"""Whoosh's W3 codec, cheaper where the archive's indexing and searching spend their time.

- Field lengths are read once per segment instead of once per posting. Writing a segment
  asks for the document's field length for every posting (to keep each block's
  shortest/longest length), and BM25 scoring asks again for every hit; W3 answers each call
  with a seek, a one-byte read and a struct unpack (about a sixth of indexing time).
- Posting blocks hold machine arrays instead of pickled tuples (see "posting blocks").
- Positions are character offsets stored as arrays (:class:`OffsetPositions`).

Segments written with this codec name it in the index's TOC, so the class must stay
importable under this path; segments W3 wrote still read.
"""

from array import array
from itertools import accumulate
from pickle import loads

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]


class CachedLengthsPerDocReader(W3PerDocReader):
    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._length_bytes = {}

    def _lengths(self, fieldname) -> bytes | None:
        try:
            return self._length_bytes[fieldname]
        except KeyError:
            pass
        reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        data = None
        if reader is not None:
            count = min(reader._count, self._doccount)
            data = bytes(reader._dbfile.get(reader._basepos, count)) if count else b""
            data += bytes(self._doccount - len(data))
        self._length_bytes[fieldname] = data
        return data

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        data = self._lengths(fieldname)
        if data is None:
            return default
        return _LENGTHS[data[docnum]] if docnum < len(data) else None


# --- posting blocks ---------------------------------------------------------------------------
#
# W3 pickles each block of up to 128 postings as tuples of Python ints, floats and bytes, so
# reading a block unpickles ~400 objects (a quarter of a common word's search at 70k). Here
# ids and weights are pickled as machine arrays and the values as one string with their
# lengths, tagged so that blocks written by W3 itself still read; the one-pass search reads
# the ids and weights of a block without touching its values (positions are needed only to
# check phrases).

_VALUES_TAG = "L"  # W3's values are None, one bytes string or a tuple of bytes
_SHORT_VALUES_TAG = "S"  # the same with two-byte lengths (every value under 64 KB)


class PostingsWriter(W3PostingsWriter):
    def _mini_ids(self):
        if self._byteids:
            return super()._mini_ids()
        return self._ids.tobytes()  # an array("I") of document numbers

    def _mini_weights(self):
        weights = self._weights
        if all(w == 1.0 for w in weights):
            return None
        if all(w == weights[0] for w in weights):
            return weights[0]
        return weights.tobytes()  # an array("f")

    def _mini_values(self):
        fixedsize = self._format.fixed_value_size()
        if self._byteids or (fixedsize is not None and fixedsize >= 0):
            return super()._mini_values()
        values = self._values
        lengths = array("I", map(len, values))
        if lengths and max(lengths) < 65536:
            return (_SHORT_VALUES_TAG, array("H", lengths).tobytes(), b"".join(values))
        return (_VALUES_TAG, lengths.tobytes(), b"".join(values))


def block_ids(data) -> list[int]:
    """A block's document numbers, from the data tuple of either block format."""
    ids = data[0]
    if isinstance(ids, bytes):
        return array("I", ids).tolist()
    return list(accumulate(ids))  # W3: deltas


def block_weights(data, count: int):
    weights = data[1]
    if weights is None:
        return [1.0] * count
    if isinstance(weights, float):
        return [weights] * count
    if isinstance(weights, bytes):
        return array("f", weights)
    return weights


def _is_compact(values) -> bool:
    return (
        isinstance(values, tuple) and bool(values) and values[0] in (_VALUES_TAG, _SHORT_VALUES_TAG)
    )


def _split_values(values) -> tuple:
    tag, lengths, joined = values
    out, start = [], 0
    for length in array("H" if tag == _SHORT_VALUES_TAG else "I", lengths):
        out.append(joined[start : start + length])
        start += length
    return tuple(out)


class CompactLeafMatcher(W3LeafMatcher):
    """W3's matcher over blocks of either format (Whoosh's own query code reads with it)."""

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        if isinstance(self._data[0], bytes):
            self._ids = tuple(block_ids(self._data))
        else:
            super()._read_ids()

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        if isinstance(self._data[1], bytes):
            self._weights = array("f", self._data[1])
        else:
            super()._read_weights()

    def _read_values(self):
        if self._data is None:
            self._read_data()
        if _is_compact(self._data[2]):
            self._values = _split_values(self._data[2])
        else:
            super()._read_values()


class FastCodec(W3Codec):
    def per_document_reader(self, storage, segment):
        return CachedLengthsPerDocReader(storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return CompactLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


# --- positions -----------------------------------------------------------------------------

_OFFSETS_TAG = b"A"  # a pickled payload (Whoosh's own encoding) starts with b"\x80"


class OffsetPositions(Positions):
    """Whoosh's ``Positions`` with the offsets stored as a machine array instead of a
    pickled list of deltas: one ``tobytes`` per posting when writing and one array read when
    a phrase is checked (pickling and unpickling them was a third of a phrase search at 70k
    articles). Values written by Whoosh's own encoding still decode (an index built before
    this format is read with it, as haystack opens an index with the current schema)."""

    def word_values(self, value, analyzer, **kwargs):
        """(word, frequency, weight, encoded offsets) per distinct word of ``value``.

        With our tokenizer the words come straight from its list, not through Whoosh's
        token stream (a generator step and a Token update per word, a sixth of indexing)."""
        words = getattr(analyzer, "words", None)
        if words is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        base = kwargs.get("start_pos", 0)
        offsets: dict[str, list[int]] = {}
        for word, start, _ in words(value):
            found = offsets.get(word)
            if found is None:
                offsets[word] = [base + start]
            else:
                found.append(base + start)
        boost = self.field_boost
        encode = self.encode
        for word, poslist in offsets.items():
            yield word, len(poslist), len(poslist) * boost, encode(poslist)

    def encode(self, poslist):
        return pack_uint(len(poslist)) + _OFFSETS_TAG + array("I", poslist).tobytes()

    def decode_positions(self, valuestring):
        return decode_offsets(valuestring)

    def combine(self, vs):
        found = set()
        for v in vs:
            found.update(decode_offsets(v))
        return self.encode(sorted(found))


_SHORT_TAG = b"H"  # CompactOffsets: no count, 16-bit offsets (a count never starts with it)


class CompactOffsets(OffsetPositions):
    """:class:`OffsetPositions` without the four-byte count and with two-byte offsets where
    the text is short enough (an article under 65,536 characters): the character-pair field
    has one posting per distinct pair of a document, most with one or two offsets, so this
    is about half of its size. The frequency is the number of offsets."""

    def word_values(self, value, analyzer, **kwargs):
        # Weight 1 for every posting: blocks then store no weights at all (the pairs only
        # find documents; a match by pairs alone is scored by presence, see evaluate.py).
        for word, freq, _, encoded in super().word_values(value, analyzer, **kwargs):
            yield word, freq, 1.0, encoded

    def encode(self, poslist):
        if poslist and poslist[-1] < 65536:
            return _SHORT_TAG + array("H", poslist).tobytes()
        return super().encode(poslist)

    def decode_frequency(self, valuestring):
        if valuestring[:1] == _SHORT_TAG:
            return (len(valuestring) - 1) // 2
        return super().decode_frequency(valuestring)


def decode_offsets(value: bytes) -> list[int]:
    """The positions (character offsets) in a posting value of any of the encodings."""
    if value[:1] == _SHORT_TAG:
        return array("H", value[1:]).tolist()
    if value[4:5] == _OFFSETS_TAG:
        return array("I", value[5:]).tolist()
    body = value[4:]
    if not body.endswith(b"."):
        body += b"."
    return list(accumulate(loads(body)))
