"""Fixtures for the retrieval tests.

Most store tests use :class:`HashEmbedder` (a deterministic bag-of-words embedder) with the real
tokenizer, real chroma and real BM25: they test indexing, generations, filters and fusion logic
in milliseconds per query. Tests that need meaning (and the evaluation on the labelled set) use
the real all-MiniLM-L6-v2, loaded once per session, and are marked ``slow``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from retrieval.embedder import BatchCallback, SentenceTransformerEmbedder, Vectors
from retrieval.store import Store


class HashEmbedder:
    """Words hashed into a fixed number of dimensions, L2-normalised: texts sharing words are
    close. ``fail_after`` raises after that many batches (to simulate a crash mid-index)."""

    def __init__(self, dimension: int = 256, batch_size: int = 8) -> None:
        self._dimension = dimension
        self.batch_size = batch_size
        self.calls = 0
        self.embedded = 0
        self.fail_after: int | None = None

    @property
    def name(self) -> str:
        return f"test-hash-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self._dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            h = int(hashlib.md5(word.encode()).hexdigest()[:8], 16)
            v[h % self._dimension] += 1.0
        norm = float(np.linalg.norm(v))
        if norm == 0.0:
            v[0] = 1.0
            norm = 1.0
        return v / norm

    def embed_documents(self, texts: Sequence[str], on_batch: BatchCallback | None = None) -> Vectors:
        out = []
        for start in range(0, len(texts), self.batch_size):
            if self.fail_after is not None and self.calls >= self.fail_after:
                raise RuntimeError("simulated crash while embedding")
            self.calls += 1
            batch = texts[start : start + self.batch_size]
            out.extend(self._vector(t) for t in batch)
            self.embedded += len(batch)
            if on_batch:
                on_batch(len(batch))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self._dimension)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return np.asarray([self._vector(t) for t in texts], dtype=np.float32).reshape(len(texts), self._dimension)


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def make_store(tmp_path: Path, embedder: HashEmbedder) -> Callable[..., Store]:
    def make(data_dir: Path | None = None, **kwargs: object) -> Store:
        return Store(data_dir or tmp_path / "data", embedder=kwargs.pop("embedder", embedder), **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under ``tmp_path/corpus`` (creating folders) and return its path."""

    def put(rel: str, content: str | bytes) -> Path:
        path = tmp_path / "corpus" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return put


@pytest.fixture(scope="session")
def real_embedder() -> Iterator[SentenceTransformerEmbedder]:
    embedder = SentenceTransformerEmbedder()
    embedder.model()
    return embedder


RUNBOOKS = Path(__file__).resolve().parents[2] / "runbooks"


@pytest.fixture(scope="session")
def runbook_store(tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder) -> Store:
    """The repository's runbooks and KB indexed once with the real model."""
    store = Store(tmp_path_factory.mktemp("runbooks-data"), embedder=real_embedder)
    report = store.index([RUNBOOKS])
    assert report.chunks_total > 0
    return store
