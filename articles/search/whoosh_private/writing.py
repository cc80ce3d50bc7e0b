"""Whoosh's segment writer made cheaper: postings pooled by term, and a rebuild uses both
cores.

Whoosh collects every posting in a pool and, past ``limitmb``, sorts it into a run file on
disk, one ``pickle.dump`` per posting, merges the runs back a posting at a time and writes
each posting into its block with a Python call of its own. :class:`TermPool` keeps each
term's postings as arrays instead, spills them sorted by term, merges the runs a term at a
time and hands the codec's field writer a whole posting list at once (codec.py).

A rebuild into an empty index runs Whoosh's multiprocess writer: the documents are
prepared here and analysed and written by ``procs`` forked processes, one segment each.
The forked processes inherit this process's tokenizer with its user dictionary loaded.
"""

import heapq
from array import array
from pickle import HIGHEST_PROTOCOL, dump, load

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import PostingPool, SegmentWriter

# Bytes of postings per pickle in a spill file: each open run holds one such chunk while
# the runs are merged, so this times the number of runs is the merge's memory.
RUN_CHUNK_BYTES = 1 << 18
# Runs merged at once (one open file each); more are first merged a group at a time.
MAX_OPEN_RUNS = 256
# Estimated bytes held per posting and per distinct term (arrays, list slot, dict entry).
_POSTING_BYTES = 16
_TERM_BYTES = 260
# Documents per job handed to a writing process (Whoosh's default).
JOB_DOCS = 100


class TermPostings:
    """A pool's postings a term at a time, for the codec's field writer (codec.py):
    ``(fieldname, btext, ids, weights, values)`` in (fieldname, btext) order, each term's
    document numbers ascending in an ``array("I")``, weights an ``array("f")``, values a
    list of bytes (``b""`` where a posting has none)."""

    def __init__(self, records):
        self.records = records

    def __iter__(self):
        return iter(self.records)


class TermPool(PostingPool):
    """Whoosh's posting pool, kept by term instead of by posting.

    Whoosh pools one tuple per posting, sorts them all, pickles each into a spill file,
    merges the files back a posting at a time and writes each block a posting at a time:
    about two thirds of a rebuild (cProfile). Here a posting is three appends to its term's
    arrays; a spill sorts the distinct terms and writes each term's arrays as bytes; the
    merge and the segment writer go a term at a time. Documents reach a writer in
    ascending number, so each term's arrays stay in document order.
    """

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self.terms = {}

    def add(self, item):
        fieldname, btext, docnum, weight, vbytes = item
        if docnum < 0:
            return  # a word for a spelling field: the schema has none
        key = (fieldname, btext)
        entry = self.terms.get(key)
        if entry is None:
            entry = self.terms[key] = (array("I"), array("f"), [])
            self.fieldnames.add(fieldname)
            self.currentsize += _TERM_BYTES + len(btext)
        entry[0].append(docnum)
        entry[1].append(weight)
        entry[2].append(vbytes or b"")
        self.currentsize += _POSTING_BYTES + len(vbytes or b"")
        if self.currentsize > self.limit:
            self.save()

    def save(self):
        if not self.terms:
            return
        path, f = self._new_run()
        self._write_run(f, self._in_memory())
        self.runs.append(path)
        self.terms = {}
        self.currentsize = 0

    def iter_postings(self):
        if not self.runs:
            return TermPostings(self._in_memory())
        self.save()
        runs, self.runs = self.runs, []
        while len(runs) > MAX_OPEN_RUNS:
            # Consecutive groups merged into one run each, so runs stay in document order.
            groups = range(0, len(runs), MAX_OPEN_RUNS)
            runs = [self._merged_run(runs[i : i + MAX_OPEN_RUNS]) for i in groups]
        return TermPostings(self._merged(runs))

    def _merged_run(self, paths):
        if len(paths) == 1:
            return paths[0]
        path, f = self._new_run()
        self._write_run(f, self._merged(paths))
        return path

    def _in_memory(self):
        terms = self.terms
        for key in sorted(terms):
            ids, weights, values = terms[key]
            yield key[0], key[1], ids, weights, values

    def _write_run(self, f, records):
        chunk, size = [], 0
        for fieldname, btext, ids, weights, values in records:
            chunk.append((fieldname, btext, ids.tobytes(), weights.tobytes(), values))
            size += 8 * len(ids) + sum(map(len, values))
            if size > RUN_CHUNK_BYTES:
                dump(chunk, f, HIGHEST_PROTOCOL)
                chunk, size = [], 0
        if chunk:
            dump(chunk, f, HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path, number=0):
        # The run's number sorts a term's records from several runs in document order
        # (and keeps the merge from ever comparing the bytes after it).
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = load(f)
                except EOFError:
                    return
                for fieldname, btext, ids, weights, values in chunk:
                    yield fieldname, btext, number, ids, weights, values
        finally:
            f.close()
            self._remove_run(path)

    def _merged(self, paths):
        streams = [self._read_run(path, number) for number, path in enumerate(paths)]
        key = ids = weights = values = None
        for fieldname, btext, _, id_bytes, weight_bytes, more in heapq.merge(*streams):
            if key is None or key[0] != fieldname or key[1] != btext:
                if key is not None:
                    yield key[0], key[1], ids, weights, values
                key, ids, weights, values = (fieldname, btext), array("I"), array("f"), []
            ids.frombytes(id_bytes)
            weights.frombytes(weight_bytes)
            values.extend(more)
        if key is not None:
            yield key[0], key[1], ids, weights, values


def use_term_pool(writer):
    """Swap a new writer's (still empty) posting pool for a :class:`TermPool`."""
    pool = getattr(writer, "pool", None)
    if isinstance(pool, PostingPool) and not pool.current and not pool.runs:
        replacement = TermPool(pool.tempstore, pool.segment)
        replacement.limit = pool.limit
        writer.pool = replacement
    return writer


class _Task(SubWriterTask):
    """Whoosh's sub-writer process (multisegment mode) with the chunked pool."""

    def run(self):
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = use_term_pool(SegmentWriter(ix, _lk=False, **self.kwargs))
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)


class ParallelWriter(MpWriter):
    """``procs`` processes each writing one new segment (Whoosh's ``multisegment=True``)."""

    def __init__(self, ix, procs, **kwargs):
        super().__init__(ix, procs=procs, batchsize=JOB_DOCS, multisegment=True, **kwargs)

    def _new_task(self):
        task = _Task(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task

    def cancel(self):
        # Whoosh's cancel() only flags its own copy of each task: the processes would wait
        # on the job queue forever (and keep this process from exiting).
        for task in self.tasks:
            task.terminate()
            task.join()
        SegmentWriter.cancel(self)
