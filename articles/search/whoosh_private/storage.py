"""Index files read through a memory map, without a copy.

Whoosh packs a finished segment into one compound file and reads each part of it through
``BytesIO(memoryview(mmap)[part])``, which copies the part: opening a reader over a 70k
article index copied some 700 MB, and a save did it twice (the writer's reader for the
deletions, then the searcher's refresh) — 1.8 s from save to searchable, almost all of it
in that copy (cProfile). Segments are therefore written as separate files, and each file
is opened as a read-only memory map that Whoosh reads like a file (``read``/``seek`` on
the map are C calls; pages come from the OS page cache, shared by every process).
Compound segments written before this (an index not rebuilt since) still open the old way.
"""

import contextlib
import mmap
import os

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class _MappedFile(StructFile):
    def close(self):
        if self.is_closed:
            return
        self.is_closed = True
        # A view of the map still alive refuses the close: the GC unmaps it later.
        with contextlib.suppress(BufferError):
            self.file.close()
        if self.onclose:
            self.onclose(self)


class MappedFileStorage(FileStorage):
    def open_file(self, name, **kwargs):
        path = self._fpath(name)
        if name.endswith(".seg") or not os.path.getsize(path):
            # Compound files map themselves (their parts as copies, see above); an empty
            # file cannot be mapped.
            return super().open_file(name, **kwargs)
        with open(path, "rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return _MappedFile(mapped, name=name, **kwargs)
