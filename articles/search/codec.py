"""Old home of the index codec, kept so that existing indexes open.

Every segment Whoosh writes pickles its codec (and the schema pickles each field's format)
into the index's TOC by class path: indexes built before the codec moved to
:mod:`articles.search.whoosh_private.codec` name ``articles.search.codec.FastCodec`` (and
``OffsetPositions``/``CompactOffsets``), and unpickling them looks the classes up here.
Remove this module only once no index built before the move is left (a rebuild writes the
new path).
"""

from articles.search.whoosh_private.codec import CompactOffsets, FastCodec, OffsetPositions

__all__ = ["CompactOffsets", "FastCodec", "OffsetPositions"]
