"""A term's postings read a whole block at a time, and a segment's deletions and field
lengths read at once, for the one-pass evaluation (:mod:`articles.search.evaluate`).

Whoosh's matchers step one posting at a time in Python; here the W3 leaf matcher's block
state is driven directly (``_data``, ``_read_data``, ``_read_values``, ``_values``,
``_blocklength``, ``_lastblock``, ``_goto``, ``_nextoffset``), and the segment reader's
per-document reader (``_perdoc``) gives the deletions and, through our codec's
``_lengths``, a field's length byte of every document in one read. Any other matcher or
reader is read through Whoosh's public API instead.
"""

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from articles.search.whoosh_private.codec import block_ids, block_weights

_LENGTHS = [0] + [byte_to_length(b) for b in range(1, 256)]


def values_for(reader, fieldname, btext, docs) -> dict:
    """docnum → posting value (positions) for the documents of ``docs`` holding the term,
    decoding only the blocks that hold one of them (a common pair has thousands of
    postings; a check needs a handful)."""
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    found = {}
    if not isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher.id() in docs:
                found[matcher.id()] = matcher.value()
            matcher.next()
        return found
    m = matcher
    while True:
        if m._data is None:
            m._read_data()
        ids = block_ids(m._data)
        if not docs.isdisjoint(ids):
            m._read_values()
            for d, v in zip(ids, m._values, strict=True):
                if d in docs:
                    found[d] = v
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    return found


def read_postings(reader, fieldname, btext, values=True):
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):  # deletions: filtered by the caller
        matcher = matcher.child
    ids, weights, vals = [], [], []
    if not isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            vals.append(matcher.value())
            matcher.next()
        return ids, weights, (vals if values else None)
    m = matcher
    while True:
        if m._data is None:
            m._read_data()
        ids.extend(block_ids(m._data))
        weights.extend(block_weights(m._data, m._blocklength))
        if values:
            m._read_values()
            vals.extend(m._values)
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    return ids, weights, (vals if values else None)


def deleted_docs(reader) -> frozenset:
    if not reader.has_deletions():
        return frozenset()
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is not None:
        return frozenset(perdoc.deleted_docs())
    return frozenset(d for d in range(reader.doc_count_all()) if reader.is_deleted(d))


def field_lengths(reader, fieldname) -> list[int]:
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    lengths_of = getattr(perdoc, "_lengths", None)
    if lengths_of is not None:
        data = lengths_of(fieldname) or b""
        lengths = [_LENGTHS[b] for b in data[:count]]
        return lengths + [0] * (count - len(lengths))
    return [reader.doc_field_length(d, fieldname, 0) or 0 for d in range(count)]
