"""Index generations on disk, and the atomic switch between them.

Layout under ``<data_dir>/retrieval``::

    CURRENT                     {"generation": "<name>"}: the live generation (os.replace'd)
    lock                        flock'ed by writers (index, add_incident); readers never lock
    dirty                       present while a writer may have left unswept chroma records
    generations/<name>/
        manifest.json           format version, embedder, documents (source, hash, chunk ids)
        chunks.json             every chunk record, in BM25 row order
        incidents.json          resolved incident records
        bm25/                   the bm25s index over chunks.json

A writer builds a complete new generation folder (files fsync'ed), then replaces ``CURRENT``
with ``os.replace``, which is atomic on POSIX. A crash at any point before that leaves the old
``CURRENT`` and its untouched folder in use; the half-written folder is removed by the next
writer. The previous generation is kept one round, so a reader that read ``CURRENT`` just before
a switch can still open it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from retrieval.errors import DataDirError, IndexStateError
from retrieval.lexical import LexicalIndex
from retrieval.models import ChunkRecord, DocRecord, IncidentRecord

FORMAT_VERSION = 1
LOCK_TIMEOUT_SECONDS = 300.0


class GenerationData:
    """Everything one generation holds (what a writer writes and a reader loads).

    A loaded generation reads its manifest at once and its chunks, incidents and BM25 index on
    first use, so a writer that finds nothing changed never parses them (nor imports bm25s).
    """

    def __init__(
        self,
        name: str,
        embedder: str,
        docs: list[DocRecord],
        created_at: float,
        *,
        chunks: list[ChunkRecord] | None = None,
        incidents: list[IncidentRecord] | None = None,
        lexical: LexicalIndex | None = None,
        folder: Path | None = None,
    ) -> None:
        self.name = name
        self.embedder = embedder
        self.docs = docs
        self.created_at = created_at
        self._chunks = chunks
        self._incidents = incidents
        self._lexical = lexical
        self._folder = folder

    def _read(self, file: str) -> Any:
        assert self._folder is not None, "an in-memory generation has all its parts"
        path = self._folder / file
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise IndexStateError(f"{path}: index generation unreadable ({error})") from error

    @property
    def chunks(self) -> list[ChunkRecord]:
        if self._chunks is None:
            try:
                self._chunks = [ChunkRecord.from_json(c) for c in self._read("chunks.json")]
            except (KeyError, TypeError, ValueError) as error:
                raise IndexStateError(f"{self._folder}: chunk records unreadable ({error})") from error
        return self._chunks

    @property
    def incidents(self) -> list[IncidentRecord]:
        if self._incidents is None:
            try:
                self._incidents = [IncidentRecord.from_json(i) for i in self._read("incidents.json")]
            except (KeyError, TypeError, ValueError) as error:
                raise IndexStateError(f"{self._folder}: incident records unreadable ({error})") from error
        return self._incidents

    @property
    def lexical(self) -> LexicalIndex:
        if self._lexical is None:
            assert self._folder is not None
            try:
                self._lexical = LexicalIndex.load(self._folder / "bm25")
            except (OSError, ValueError, KeyError) as error:
                raise IndexStateError(f"{self._folder}: BM25 index unreadable ({error})") from error
        return self._lexical


class Generations:
    """Reads and writes the generations of one data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.base = data_dir / "retrieval"
        self.gens = self.base / "generations"
        self.current_file = self.base / "CURRENT"
        self.lock_file = self.base / "lock"
        self.dirty_file = self.base / "dirty"

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
            if manifest.get("format") != FORMAT_VERSION:
                raise IndexStateError(
                    f"{folder}: index format {manifest.get('format')} is not "
                    f"{FORMAT_VERSION}; re-index into a fresh data dir"
                )
            return GenerationData(
                name=name,
                embedder=manifest["embedder"],
                docs=[DocRecord.from_json(d) for d in manifest["docs"]],
                created_at=float(manifest.get("created_at", 0.0)),
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

    def write(self, data: GenerationData) -> None:
        """Write a complete generation folder (not yet live)."""
        folder = self.gens / data.name
        try:
            folder.mkdir(parents=True)
            manifest: dict[str, Any] = {
                "format": FORMAT_VERSION,
                "embedder": data.embedder,
                "created_at": data.created_at,
                "docs": [d.to_json() for d in data.docs],
                "chunk_count": len(data.chunks),
            }
            _write_json(folder / "chunks.json", [c.to_json() for c in data.chunks])
            _write_json(folder / "incidents.json", [i.to_json() for i in data.incidents])
            data.lexical.save(folder / "bm25")
            _fsync_tree(folder / "bm25")
            _write_json(folder / "manifest.json", manifest)
            _fsync_dir(folder)
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

    def prune(self, keep: set[str]) -> None:
        """Remove generation folders not in ``keep`` (half-written ones included)."""
        if not self.gens.is_dir():
            return
        for folder in self.gens.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    def names(self) -> list[str]:
        if not self.gens.is_dir():
            return []
        return sorted(p.name for p in self.gens.iterdir() if p.is_dir())

    def mark_dirty(self) -> None:
        self.dirty_file.touch()

    def is_dirty(self) -> bool:
        return self.dirty_file.exists()

    def clear_dirty(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.dirty_file.unlink()


def _write_json(path: Path, value: object) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())


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
