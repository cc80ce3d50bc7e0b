"""Whoosh's segment writer made cheaper for rebuilds: postings spill to disk in chunks, and
a rebuild uses both cores.

Whoosh collects every posting in a pool and, past ``limitmb``, sorts it into a run file on
disk, one ``pickle.dump`` per posting, read back with one ``pickle.load`` each when the
segment is written: a third of rebuild time at 10k articles (cProfile). Here runs are
written and read a few thousand postings per pickle.

A rebuild into an empty index runs Whoosh's multiprocess writer: the documents are
prepared here and analysed and written by ``procs`` forked processes, one segment each.
The forked processes inherit this process's tokenizer with its user dictionary loaded.
"""

from itertools import islice
from pickle import HIGHEST_PROTOCOL, dump, load

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import PostingPool, SegmentWriter

RUN_CHUNK = 4096
# Documents per job handed to a writing process (Whoosh's default).
JOB_DOCS = 100


class ChunkedPostingPool(PostingPool):
    def add(self, item):
        # Whoosh's add() with its type assertions left out (one call per posting).
        self.fieldnames.add(item[0])
        self.currentsize += 129 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f, items):
        items = iter(items)
        while chunk := list(islice(items, RUN_CHUNK)):
            dump(chunk, f, HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


def use_chunked_pool(writer):
    """Swap a new writer's (still empty) posting pool for a :class:`ChunkedPostingPool`."""
    pool = getattr(writer, "pool", None)
    if isinstance(pool, PostingPool) and not pool.current and not pool.runs:
        chunked = ChunkedPostingPool(pool.tempstore, pool.segment)
        chunked.limit = pool.limit
        writer.pool = chunked
    return writer


class _Task(SubWriterTask):
    """Whoosh's sub-writer process (multisegment mode) with the chunked pool."""

    def run(self):
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = use_chunked_pool(SegmentWriter(ix, _lk=False, **self.kwargs))
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
