"""Posting blocks in the compact format read back exactly, by our one-pass reader and by
Whoosh's own matchers, and blocks Whoosh's W3 codec wrote still read."""

import pytest
from whoosh import fields
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage

from articles.search.whoosh_private.codec import FastCodec, OffsetPositions
from articles.search.whoosh_private.postings import read_postings

DOCS = 300  # more than two blocks of 128 postings


def build(codec):
    schema = fields.Schema(text=fields.TEXT(phrase=True))
    schema["text"].format = OffsetPositions()
    ix = RamStorage().create_index(schema)
    writer = ix.writer(codec=codec)
    for n in range(DOCS):
        # Frequencies and positions differ per document, so weights and values do too.
        writer.add_document(text=" ".join(["apple"] * (n % 4 + 1) + ["pear"] * (n % 3)))
    writer.commit()
    return ix


def expected(n):
    apples = n % 4 + 1
    return float(apples), list(range(apples))  # word positions (Whoosh's default analyzer)


@pytest.mark.parametrize("codec", [FastCodec(compression=0), W3Codec()], ids=["ours", "w3"])
def test_postings_read_back_exactly(codec):
    ix = build(codec)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        fmt = reader.schema["text"].format
        ids, weights, values = read_postings(reader, "text", b"apple")
        assert ids == list(range(DOCS))
        assert [(w, fmt.decode_positions(v)) for w, v in zip(weights, values, strict=True)] == [
            expected(n) for n in range(DOCS)
        ]
        assert read_postings(reader, "text", b"apple", values=False)[2] is None

        matcher = reader.postings("text", b"apple")
        matcher._read_data()
        compact = isinstance(codec, FastCodec)
        assert isinstance(matcher._data[0], bytes) is compact  # which block format was written
        seen = []
        while matcher.is_active():
            seen.append((matcher.id(), matcher.weight(), list(matcher.value_as("positions"))))
            matcher.next()
        assert seen == [(n, *expected(n)) for n in range(DOCS)]
        pears = reader.postings("text", b"pear")
        assert list(pears.all_ids()) == [n for n in range(DOCS) if n % 3]
