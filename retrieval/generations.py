"""Index generations on disk, and the atomic switch between them.

Layout under ``<data_dir>/retrieval``::

    CURRENT                     {"generation": "<name>"}: the live generation (os.replace'd)
    lock                        flock'ed by writers (index, add_incident); readers never lock
    generations/<name>/
        collections.json        embedder and the chroma collection each collection reads
                                (written first, so a crashed writer's collections are known)
        pending/<n>.npz         vectors embedded so far, kept while the generation is built
        vectors.npz             every chunk's vector exactly as the embedder returned it
        manifest.json           format version, embedder, documents (source, hash, chunk ids)
        chunks.json             every chunk record, in BM25 row order
        incidents.json          resolved incident records
        bm25/                   the bm25s index over chunks.json
        bm25-docs/              the bm25s index over whole documents, in manifest order
                                (absent in generations written before it existed)

A writer builds a complete new generation folder (files fsync'ed), then replaces ``CURRENT``
with ``os.replace``, which is atomic on POSIX. A crash at any point before that leaves the old
``CURRENT`` and its untouched folder in use; the half-written folder is removed by the next
writer, after its vectors have been reused. The previous generation is kept one round, so a reader
that read ``CURRENT`` just before a switch can still open it; a pruned generation's chroma
collections are dropped with it unless a kept generation reads them too.

Vectors are kept here, not only in chroma, because chroma hands back the vectors it normalised,
which differ from the embedder's in the last bits: copying them into the next generation's
collection would move every score a little with each generation.

Format 1 (no collections or vectors files: every generation read one shared collection per
collection and embedder) is still read; its vectors are embedded again by the next write.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from retrieval.embedder import Vectors
from retrieval.errors import DataDirError, IndexStateError
from retrieval.lexical import LexicalIndex
from retrieval.models import COLLECTIONS, ChunkRecord, DocRecord, IncidentRecord
from retrieval.vectors import collection_name

Stored = TypeVar("Stored", ChunkRecord, IncidentRecord)

FORMAT_VERSION = 2
"""2: one chroma collection per generation and vectors kept on disk; 1: shared collections."""
LOCK_TIMEOUT_SECONDS = 300.0


class GenerationData:
    """Everything one generation holds (what a writer writes and a reader loads).

    A loaded generation reads its manifest at once and its chunks, incidents and BM25 index on
    first use, so a writer that finds nothing changed never parses them (nor imports bm25s).
    ``collections`` names the chroma collection each opsdesk collection is searched in.
    ``vectors`` (one row per chunk) is only set on a generation being written: writers read
    stored vectors with :meth:`Generations.stored_vectors`.
    """

    def __init__(
        self,
        name: str,
        embedder: str,
        docs: list[DocRecord],
        created_at: float,
        collections: dict[str, str],
        *,
        chunks: list[ChunkRecord] | None = None,
        incidents: list[IncidentRecord] | None = None,
        lexical: LexicalIndex | None = None,
        doc_lexical: LexicalIndex | None = None,
        vectors: Vectors | None = None,
        folder: Path | None = None,
    ) -> None:
        self.name = name
        self.embedder = embedder
        self.docs = docs
        self.created_at = created_at
        self.collections = collections
        self.vectors = vectors
        self._folder = folder
        if chunks is not None:
            self.chunks = chunks
        if incidents is not None:
            self.incidents = incidents
        if lexical is not None:
            self.lexical = lexical
        if doc_lexical is not None:
            self.doc_lexical = doc_lexical

    @cached_property
    def chunks(self) -> list[ChunkRecord]:
        return self._records("chunks.json", ChunkRecord)

    @cached_property
    def incidents(self) -> list[IncidentRecord]:
        return self._records("incidents.json", IncidentRecord)

    @cached_property
    def lexical(self) -> LexicalIndex:
        assert self._folder is not None, "an in-memory generation has all its parts"
        try:
            return LexicalIndex.load(self._folder / "bm25")
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(f"{self._folder}: BM25 index unreadable ({error})") from error

    @cached_property
    def doc_lexical(self) -> LexicalIndex | None:
        """BM25 over whole documents (row ``i`` is ``docs[i]``); None in older generations."""
        assert self._folder is not None, "an in-memory generation has all its parts"
        if not (self._folder / "bm25-docs").exists():
            return None
        try:
            return LexicalIndex.load(self._folder / "bm25-docs")
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(f"{self._folder}: document BM25 index unreadable ({error})") from error

    @cached_property
    def matrix(self) -> Vectors | None:
        """Every chunk's vector, row ``i`` for chunk ``i`` (None for a format 1 generation, whose
        vectors live only in chroma)."""
        if self.vectors is not None:
            return self.vectors
        assert self._folder is not None, "an in-memory generation has all its parts"
        path = self._folder / "vectors.npz"
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as stored:
                ids, vectors = stored["ids"].tolist(), np.ascontiguousarray(stored["vectors"], dtype=np.float32)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise IndexStateError(f"{path}: vectors unreadable ({error})") from error
        if ids != [c.id for c in self.chunks]:
            raise IndexStateError(f"{path}: vectors do not match the generation's chunks")
        return vectors

    def _records(self, file: str, record: type[Stored]) -> list[Stored]:
        assert self._folder is not None, "an in-memory generation has all its parts"
        path = self._folder / file
        try:
            return [record.from_json(r) for r in json.loads(path.read_text(encoding="utf-8"))]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise IndexStateError(f"{path}: index generation unreadable ({error})") from error


class Generations:
    """Reads and writes the generations of one data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.base = data_dir / "retrieval"
        self.gens = self.base / "generations"
        self.current_file = self.base / "CURRENT"
        self.lock_file = self.base / "lock"

    # ------------------------------------------------------------------ reading

    def current_name(self) -> str | None:
        try:
            data = json.loads(self.current_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise IndexStateError(f"{self.current_file}: unreadable ({error})") from error
        name = data.get("generation") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name:
            raise IndexStateError(f"{self.current_file}: no generation named")
        return name

    def load(self, name: str) -> GenerationData:
        """A generation by name: its manifest now, the rest when first used."""
        folder = self.gens / name
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") not in (1, FORMAT_VERSION):
                raise IndexStateError(
                    f"{folder}: index format {manifest.get('format')} is not "
                    f"{FORMAT_VERSION}; re-index into a fresh data dir"
                )
            embedder = manifest["embedder"]
            if manifest["format"] == 1:
                collections = {c: collection_name(c, embedder) for c in COLLECTIONS}
            else:
                collections = _read_collections(folder)[1]
            return GenerationData(
                name=name,
                embedder=embedder,
                docs=[DocRecord.from_json(d) for d in manifest["docs"]],
                created_at=float(manifest.get("created_at", 0.0)),
                collections=collections,
                folder=folder,
            )
        except IndexStateError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise IndexStateError(f"{folder}: index generation unreadable ({error})") from error

    # ------------------------------------------------------------------ writing

    def ensure_writable(self) -> None:
        try:
            self.gens.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DataDirError(f"{self.base}: cannot create the index folder ({error.strerror or error})") from error
        if not os.access(self.base, os.W_OK | os.X_OK) or not os.access(self.gens, os.W_OK | os.X_OK):
            raise DataDirError(f"{self.base}: the data dir is not writable")

    @contextlib.contextmanager
    def writer_lock(self, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
        self.ensure_writable()
        with open(self.lock_file, "a+b") as handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES):
                        raise DataDirError(f"{self.lock_file}: cannot lock ({error})") from error
                    if time.monotonic() > deadline:
                        raise DataDirError(
                            f"{self.lock_file}: another indexer has held the lock for {timeout:.0f}s"
                        ) from error
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def new_name(self) -> str:
        return f"g{time.time_ns():020d}-{os.getpid()}"

    def reserve(self, name: str, embedder: str, collections: dict[str, str]) -> None:
        """Start the folder of a generation about to be built, naming the chroma collections it
        will create, so that they are dropped with the folder if the writer dies."""
        folder = self.gens / name
        try:
            folder.mkdir(parents=True)
            _write_json(folder / "collections.json", {"embedder": embedder, "collections": collections})
            _fsync_dir(folder)
        except OSError as error:
            raise DataDirError(f"{folder}: cannot write the index ({error.strerror or error})") from error

    def save_pending(self, name: str, ids: list[str], vectors: Vectors) -> None:
        """Keep vectors just embedded for ``name``, for a writer that resumes after a crash."""
        pending = self.gens / name / "pending"
        try:
            pending.mkdir(exist_ok=True)
            _write_vectors(pending / f"{len(list(pending.glob('*.npz'))):06d}.npz", ids, vectors)
        except OSError as error:
            raise DataDirError(f"{pending}: cannot write vectors ({error.strerror or error})") from error

    def stored_vectors(self, embedder: str, dimension: int) -> Iterator[tuple[list[str], Vectors]]:
        """(chunk ids, vectors) of every generation folder on disk, half-written ones included,
        that ``embedder`` filled; unreadable files are passed over (they are only a shortcut)."""
        for name in self.names():
            folder = self.gens / name
            try:
                owner, _ = _read_collections(folder)
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if owner != embedder:
                continue
            for file in [folder / "vectors.npz", *sorted((folder / "pending").glob("*.npz"))]:
                try:
                    with np.load(file, allow_pickle=False) as stored:
                        ids, vectors = stored["ids"].tolist(), stored["vectors"]
                except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
                    continue
                if vectors.ndim == 2 and vectors.shape == (len(ids), dimension):
                    yield ids, vectors

    def write(self, data: GenerationData) -> None:
        """Complete a reserved generation folder (not yet live)."""
        folder = self.gens / data.name
        assert data.vectors is not None, "a generation is written with its vectors"
        try:
            manifest: dict[str, Any] = {
                "format": FORMAT_VERSION,
                "embedder": data.embedder,
                "created_at": data.created_at,
                "docs": [d.to_json() for d in data.docs],
                "chunk_count": len(data.chunks),
            }
            _write_json_list(folder / "chunks.json", (c.to_json() for c in data.chunks))
            _write_json_list(folder / "incidents.json", (i.to_json() for i in data.incidents))
            _write_vectors(folder / "vectors.npz", [c.id for c in data.chunks], data.vectors)
            data.lexical.save(folder / "bm25")
            _fsync_tree(folder / "bm25")
            if data.doc_lexical is not None:
                data.doc_lexical.save(folder / "bm25-docs")
                _fsync_tree(folder / "bm25-docs")
            _write_json(folder / "manifest.json", manifest)
            _fsync_dir(folder)
            shutil.rmtree(folder / "pending", ignore_errors=True)  # vectors.npz holds them all now
        except OSError as error:
            raise DataDirError(f"{folder}: cannot write the index ({error.strerror or error})") from error

    def switch(self, name: str) -> None:
        """Make ``name`` the live generation, atomically."""
        tmp = self.base / f"CURRENT.{os.getpid()}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump({"generation": name, "switched_at": time.time()}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.current_file)
            _fsync_dir(self.base)
        except OSError as error:
            raise DataDirError(f"{self.current_file}: cannot switch ({error})") from error

    def collections_of(self, name: str) -> set[str]:
        """The chroma collections generation ``name`` reads or, half-written, may have created."""
        folder = self.gens / name
        try:
            if (folder / "collections.json").exists():
                return set(_read_collections(folder)[1].values())
            return set(self.load(name).collections.values())  # format 1, or no collections yet
        except (OSError, ValueError, KeyError, TypeError, IndexStateError):
            return set()

    def prune(self, keep: set[str], drop: Callable[[str], None]) -> None:
        """Remove generation folders not in ``keep`` (half-written ones included), first calling
        ``drop`` for each chroma collection they used that no kept generation reads. A folder
        whose ``drop`` raised stays, so the next writer tries again."""
        kept = set().union(*(self.collections_of(name) for name in keep))
        for name in self.names():
            if name not in keep:
                for collection in sorted(self.collections_of(name) - kept):
                    drop(collection)
                shutil.rmtree(self.gens / name, ignore_errors=True)

    def names(self) -> list[str]:
        if not self.gens.is_dir():
            return []
        return sorted(p.name for p in self.gens.iterdir() if p.is_dir())


def _write_json(path: Path, value: object) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())


def _write_json_list(path: Path, items: Iterable[object]) -> None:
    """What :func:`_write_json` writes for ``list(items)``, encoded item by item: 100,000 chunk
    records as JSON values at once took 80 MB."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for n, item in enumerate(items):
            handle.write(("," if n else "") + json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        handle.write("]")
        handle.flush()
        os.fsync(handle.fileno())


def _read_collections(folder: Path) -> tuple[str, dict[str, str]]:
    """The embedder and collections of a format 2 folder (raises OSError, ValueError, KeyError
    or TypeError when the file is missing or malformed)."""
    data = json.loads((folder / "collections.json").read_text(encoding="utf-8"))
    embedder, collections = data["embedder"], data["collections"]
    if not isinstance(embedder, str) or not isinstance(collections, dict):
        raise TypeError("collections.json: embedder or collections malformed")
    return embedder, {str(k): str(v) for k, v in collections.items()}


def _write_vectors(path: Path, ids: list[str], vectors: Vectors) -> None:
    """An ``.npz`` of ids and float32 vectors, complete or absent (written aside, then renamed)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        np.savez(handle, ids=np.asarray(ids, dtype=str), vectors=np.asarray(vectors, dtype=np.float32))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    if not path.is_dir():
        return
    for child in path.iterdir():
        if child.is_file():
            fd = os.open(child, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(path)
