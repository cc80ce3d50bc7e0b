"""Whoosh's W3 codec with field lengths read once per segment instead of once per posting.

Writing a segment asks for the document's field length for every posting (to keep each
block's shortest/longest length), and BM25 scoring asks again for every hit; W3 answers each
call with a seek, a one-byte read and a struct unpack (about a sixth of indexing time,
measured). Here a segment's length column (one byte per document) is read into memory
whole on first use. Segments written with this codec name it in the index's TOC, so the
class must stay importable under this path.
"""

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, _lenfield
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


class FastCodec(W3Codec):
    def per_document_reader(self, storage, segment):
        return CachedLengthsPerDocReader(storage, segment)
