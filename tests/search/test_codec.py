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


def written_files(term_pool: bool, spill_bytes: int | None = None) -> dict[str, bytes]:
    """The postings and terms files of one segment of DOCS varied documents."""
    from articles.search.whoosh_private.writing import use_term_pool

    schema = fields.Schema(
        text=fields.TEXT(phrase=True), kind=fields.ID(), tags=fields.KEYWORD(scorable=True)
    )
    schema["text"].format = OffsetPositions()
    ix = RamStorage().create_index(schema)
    writer = ix.writer(codec=FastCodec(compression=0), compound=False)
    if term_pool:
        use_term_pool(writer)
    if spill_bytes:
        writer.pool.limit = spill_bytes
    words = ["apple", "pear", "fig", "plum", "kiwi", "lime", "date"]
    for n in range(DOCS):
        text = " ".join(words[(n * k) % 7] for k in range(1, n % 40 + 2))
        writer.add_document(text=text, kind=("news", "notice")[n % 5 == 0], tags=f"t{n % 11} x")
    writer.commit()
    files = {}
    for name in ix.storage.list():
        if name.endswith((".pst", ".trm")):
            files[name.rsplit(".", 1)[1]] = ix.storage.open_file(name).read()
    return files


@pytest.mark.parametrize("spill_bytes", [None, 3000], ids=["in memory", "spilled"])
def test_the_term_pool_writes_the_same_segment_as_whooshs_posting_pool(spill_bytes, monkeypatch):
    from articles.search.whoosh_private import writing

    monkeypatch.setattr(writing, "MAX_OPEN_RUNS", 3)  # runs merged a group at a time first
    monkeypatch.setattr(writing, "RUN_CHUNK_BYTES", 500)  # several pickles per run
    whoosh_pool = written_files(term_pool=False)
    assert set(whoosh_pool) == {"pst", "trm"}
    assert written_files(term_pool=True, spill_bytes=spill_bytes) == whoosh_pool
