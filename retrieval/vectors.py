"""Chroma as the vector index: embedded under the data dir, or a server at ``CHROMA_URL``.

Search reads chroma only for format 1 generations: a format 2 generation keeps its vectors on
disk, and similarity is computed exactly from them (:class:`retrieval.search.Neighbours`),
because HNSW is approximate and its graph is built by several threads: nothing promises that two
builds of the same vectors answer alike. Chroma still receives every generation's vectors.

Each index generation reads its own chroma collection per opsdesk collection, named by
:func:`collection_name` after the collection, the embedder and the generation that built it, with
cosine distance. A collection is written only while its generation is being built, before that
generation goes live, and never again: the next generation that changes a collection builds a new
one (from the exact vectors a generation keeps on disk, :mod:`retrieval.generations`), and one
that leaves it unchanged reads the same collection. A collection is dropped once no kept
generation reads it. So a writer, even one killed halfway, cannot change what a search of the live
generation finds: adding records to a collection reshapes its HNSW graph, enough to hide a record
that was reachable before.

Format 1 data dirs (one collection per opsdesk collection and embedder, shared by every
generation, :func:`collection_name` without a generation) are still read, and are replaced by the
next write.

Collections are always created and opened with ``embedding_function=None`` and every ``add`` and
``query`` passes vectors: chroma's default embedding function downloads a model, which must never
happen here. Anonymized telemetry is switched off (no network calls from the embedded client).

Every chroma failure surfaces as :class:`~retrieval.errors.BackendError` with one line saying
where (the data dir path or the server URL) and what.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import numpy as np

from retrieval.embedder import Vectors
from retrieval.errors import BackendError, DataDirError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

ADD_BATCH = 1000

MAX_NAME = 63
"""The longest collection name every chroma version accepts."""


def collection_name(collection: str, embedder_name: str, generation: str | None = None) -> str:
    """The chroma collection of ``collection`` built by ``generation`` (format 1: shared, None)."""
    raw = re.sub(r"[^A-Za-z0-9._-]", "-", f"opsdesk-{collection}-{embedder_name}")
    if generation is None:
        return raw[:120].strip("-._")
    digest = hashlib.sha256(f"{embedder_name}\0{generation}".encode()).hexdigest()[:16]
    return f"{raw[: MAX_NAME - len(digest) - 1].strip('-._')}-{digest}"


class VectorStore:
    """Thin, typed access to the chroma collections the store uses."""

    def __init__(self, *, path: Path | None = None, url: str | None = None) -> None:
        if (path is None) == (url is None):
            raise ValueError("give exactly one of path or url")
        self.path = path
        self.url = url
        self._client: ClientAPI | None = None
        self._collections: dict[str, Collection] = {}

    @property
    def where(self) -> str:
        return f"chroma server at {self.url}" if self.url else f"chroma store at {self.path}"

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except BackendError:
            raise
        except Exception as error:  # chromadb and httpx raise many unrelated types
            detail = " ".join(str(error).split()) or type(error).__name__
            if self.url and _is_connection_error(error):
                raise BackendError(f"{self.where} is unreachable ({detail[:200]})") from error
            raise BackendError(f"{self.where}: {action} failed ({detail[:200]})") from error

    def client(self) -> ClientAPI:
        if self._client is None:
            import chromadb
            from chromadb.config import Settings

            settings = Settings(anonymized_telemetry=False)
            if self.url:
                parsed = urlparse(self.url if "://" in self.url else f"http://{self.url}")
                if not parsed.hostname:
                    raise BackendError(f"CHROMA_URL {self.url!r} has no host")
                ssl = parsed.scheme == "https"
                port = parsed.port or (443 if ssl else 8000)
                with self._guard("connecting"):
                    client = chromadb.HttpClient(host=parsed.hostname, port=port, ssl=ssl, settings=settings)
                    client.heartbeat()
            else:
                assert self.path is not None
                try:
                    self.path.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise DataDirError(f"{self.path}: cannot create the chroma folder ({error.strerror})") from error
                _forget_cached_system(self.path)
                with self._guard("opening"):
                    client = chromadb.PersistentClient(path=str(self.path), settings=settings)
            self._client = client
        return self._client

    def heartbeat(self) -> None:
        """Raise :class:`BackendError` unless chroma answers (the server's heartbeat; the embedded
        store opens)."""
        client = self.client()
        if self.url:
            with self._guard("heartbeat"):
                client.heartbeat()

    def reset(self) -> None:
        """Forget the open client so the next call opens a fresh one (see :meth:`client`)."""
        self._client = None
        self._collections.clear()

    def collection(self, name: str, *, create: bool = False) -> Collection:
        """An open collection; one that does not exist is created only when ``create`` is set
        (a reader whose generation was pruned under it gets an error, not an empty collection)."""
        if name not in self._collections:
            client = self.client()
            with self._guard(f"opening collection {name}"):
                if create:
                    self._collections[name] = client.get_or_create_collection(
                        name,
                        embedding_function=None,
                        metadata={"hnsw:space": "cosine"},
                    )
                else:
                    self._collections[name] = client.get_collection(name, embedding_function=None)
        return self._collections[name]

    def add(
        self,
        name: str,
        ids: Sequence[str],
        vectors: Vectors,
        metadatas: Sequence[Mapping[str, str | int | float | bool]],
    ) -> None:
        """Upsert vectors with their metadata, creating the collection; chunk texts live in the
        generation data, not here (chroma would full-text index them, half of the upsert time, for
        nothing we query)."""
        if len(ids) == 0:
            return
        if vectors.shape[0] != len(ids):
            raise ValueError("one vector per id")
        col = self.collection(name, create=True)
        with self._guard("adding vectors"):
            for start in range(0, len(ids), ADD_BATCH):
                end = start + ADD_BATCH
                col.upsert(
                    ids=list(ids[start:end]),
                    embeddings=vectors[start:end],
                    metadatas=[dict(m) for m in metadatas[start:end]],
                )

    def drop(self, name: str) -> None:
        """Delete a collection (one that is already gone is fine)."""
        self._collections.pop(name, None)
        client = self.client()
        with self._guard(f"dropping collection {name}"):
            if name in {getattr(c, "name", c) for c in client.list_collections()}:
                client.delete_collection(name)

    def count(self, name: str) -> int:
        col = self.collection(name)
        with self._guard("counting"):
            return int(col.count())

    def query(self, name: str, vectors: Vectors, n: int) -> list[list[tuple[str, float]]]:
        """Nearest ids with cosine similarity, per query vector, best first."""
        col = self.collection(name)
        if n <= 0:
            return [[] for _ in range(vectors.shape[0])]
        with self._guard("querying"):
            result: Any = col.query(
                query_embeddings=np.asarray(vectors, dtype=np.float32),
                n_results=n,
                include=["distances"],
            )
        out: list[list[tuple[str, float]]] = []
        for ids, distances in zip(result["ids"], result["distances"] or [], strict=False):
            out.append([(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)])
        return out


def _forget_cached_system(path: Path) -> None:
    """Make the next embedded client load the store from disk instead of sharing a cached one.

    chromadb keeps one "system" per persist directory per process, and a system's in-memory HNSW
    index does not see vectors written by another system (another process, or a client opened
    earlier). Every :class:`VectorStore` therefore opens its own system, and a store that sees
    another process switch generations reopens it (:meth:`VectorStore.reset`). The cache is a
    private class attribute of chromadb, so this is best effort: if it moves, clients are shared
    again, which only means vectors added by other processes are found after a restart.
    """
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        cache = SharedSystemClient._identifier_to_system
    except (ImportError, AttributeError):
        return
    for key in (str(path), str(path.resolve())):
        cache.pop(key, None)


def _is_connection_error(error: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__name__
        text = str(current).lower()
        if isinstance(current, ConnectionError | TimeoutError) or name in (
            "ConnectError",
            "ConnectTimeout",
            "ReadTimeout",
        ):
            return True
        if "could not connect" in text or "connection refused" in text:
            return True
        current = current.__cause__ or current.__context__
    return False
