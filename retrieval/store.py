"""The RAG store: the public facade over indexing, search and past incidents.

:class:`Store` owns one data dir (and optionally a chroma server) and the state shared by its
parts: the loaded generation (:class:`~retrieval.search.Snapshot`), the embedder, the vector
store and the ranking settings. The work is done by

* :mod:`retrieval.indexer`: which files are added, changed, unchanged or deleted;
* :mod:`retrieval.writer`: building a new generation and switching to it;
* :mod:`retrieval.search`: hybrid BM25 and dense ranking of one loaded generation;
* :mod:`retrieval.incidents`: resolved incidents as documents of the ``incidents`` collection.

Several processes may share a data dir: writers serialise on a lock, and a reader that sees
another process switch generations reopens its embedded chroma client, whose in-memory HNSW
index would not see the other process's vectors (:mod:`retrieval.vectors`). A chroma server
(``CHROMA_URL``) is the better choice when the bot and indexers run on different machines.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Unpack

from retrieval.embedder import Embedder, SentenceTransformerEmbedder
from retrieval.errors import DataDirError, IndexStateError, QueryError
from retrieval.fusion import DEFAULT_ALPHA, DEFAULT_RRF_K
from retrieval.generations import GenerationData, Generations
from retrieval.incidents import incident_entries, similar, with_incident
from retrieval.indexer import Found, Scanner
from retrieval.models import FILE_COLLECTIONS, IncidentRecord, IndexReport, SearchResults, SimilarIncident
from retrieval.search import (
    DEFAULT_FETCH,
    DOC_WEIGHT,
    LENGTH_PENALTY,
    Fusion,
    Query,
    Ranking,
    Searcher,
    SearchOptions,
    Snapshot,
)
from retrieval.sources import find_markdown
from retrieval.tokens import DEFAULT_CHUNK_TOKENS, TokenCounter, model_token_counter
from retrieval.vectors import VectorStore
from retrieval.writer import Writer

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages are ``"reading"`` and ``"embedding"``."""


class Store:
    """The RAG store over one data dir (and optionally a chroma server).

    Cheap to construct: the model, chroma and the index are all loaded on first use.
    Safe for many readers and one writer at a time (writers serialise on a file lock).
    """

    def __init__(
        self,
        data_dir: Path | str,
        *,
        chroma_url: str | None = None,
        embedder: Embedder | None = None,
        token_counter: TokenCounter | None = None,
        rrf_k: int = DEFAULT_RRF_K,
        fusion: Fusion = "weighted",
        alpha: float = DEFAULT_ALPHA,
        fetch: int = DEFAULT_FETCH,
        chunk_tokens: int = DEFAULT_CHUNK_TOKENS,
        doc_weight: float = DOC_WEIGHT,
        length_penalty: float = LENGTH_PENALTY,
    ) -> None:
        self.data_dir = Path(data_dir)
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise DataDirError(f"{self.data_dir}: the data dir is a file, not a folder")
        self.generations = Generations(self.data_dir)
        self.vectors = VectorStore(url=chroma_url) if chroma_url else VectorStore(path=self.data_dir / "chroma")
        self.embedder: Embedder = embedder or SentenceTransformerEmbedder()
        self._counter = token_counter
        self.rrf_k = rrf_k
        self.fusion: Fusion = fusion
        self.alpha = alpha
        self.fetch = fetch
        self.chunk_tokens = chunk_tokens
        self.doc_weight = doc_weight
        self.length_penalty = length_penalty
        self._snapshot: Snapshot | None = None
        self._stale: dict[tuple[str, str], int] = {}

    # ================================================================== reading state

    def _token_counter(self) -> TokenCounter:
        if self._counter is None:
            self._counter = model_token_counter()
        return self._counter

    def _load(self) -> Snapshot | None:
        for _attempt in range(3):
            name = self.generations.current_name()
            if name is None:
                return None
            if self._snapshot is not None and self._snapshot.data.name == name:
                return self._snapshot
            try:
                loaded = Snapshot.build(self.generations.load(name))
            except IndexStateError:
                if self.generations.current_name() == name:
                    raise
                continue  # a writer switched and pruned under us: read the pointer again
            if self._snapshot is not None:
                self.vectors.reset()  # another process switched: reopen chroma to see its vectors
            self._use(loaded)
            return loaded
        raise IndexStateError(f"{self.generations.base}: the index keeps changing; retry")

    def _use(self, snapshot: Snapshot) -> None:
        self._stale.clear()
        self._snapshot = snapshot

    def _load_for_write(self) -> GenerationData | None:
        name = self.generations.current_name()
        if name is None:
            return None
        if self._snapshot is not None and self._snapshot.data.name == name:
            return self._snapshot.data
        return self.generations.load(name)  # lazy: chunks are read only if something changed

    def has_index(self) -> bool:
        return self.generations.current_name() is not None

    def stats(self) -> dict[str, object]:
        """Documents and chunks per collection in the live generation."""
        snap = self._load()
        if snap is None:
            return {"generation": None, "documents": {}, "chunks": {}}
        docs: dict[str, int] = {}
        for d in snap.data.docs:
            docs[d.collection] = docs.get(d.collection, 0) + 1
        chunks = {name: int(mask.sum()) for name, mask in snap.collection_rows.items()}
        return {"generation": snap.data.name, "documents": docs, "chunks": chunks}

    # ================================================================== writing

    def index(
        self,
        paths: Sequence[Path | str],
        *,
        collection: str | None = None,
        base_url: str | None = None,
        progress: Progress | None = None,
    ) -> IndexReport:
        """Index markdown files and folders; returns what changed.

        ``collection`` forces ``runbooks`` or ``kb`` (default: ``kb`` under a ``kb`` folder).
        ``base_url`` makes citations absolute: it is joined with each file's relative path
        unless the front matter has its own ``source_url``/``url``.
        Bad files are skipped and listed in :attr:`IndexReport.problems`.
        """
        started = time.perf_counter()
        if collection is not None and collection not in FILE_COLLECTIONS:
            raise QueryError(
                f"collection {collection!r} cannot be indexed from files (use one of: {', '.join(FILE_COLLECTIONS)})"
            )
        if not paths:
            raise QueryError("give at least one file or folder to index")
        found: Found = []
        for given in paths:
            path = Path(given)
            root, files = find_markdown(path, skip=[self.data_dir])
            found.append((root, path.is_dir(), files))
        report = IndexReport()
        with self.generations.writer_lock():
            current = self._load_for_write()
            scanner = Scanner(self._token_counter, self.chunk_tokens)
            entries = scanner.scan(found, current, collection, base_url, report, progress)
            written = self._writer().commit_if_changed(current, entries, report, progress)
            if written is not None:
                self._use(Snapshot.build(written))
        report.seconds = time.perf_counter() - started
        return report

    def add_incident(self, incident: IncidentRecord, progress: Progress | None = None) -> None:
        """Add (or replace, by id) a resolved incident in the ``incidents`` collection."""
        if not incident.id.strip():
            raise QueryError("incident id is empty")
        with self.generations.writer_lock():
            current = self._load_for_write()
            entries = incident_entries(incident, current, self._token_counter(), self.chunk_tokens)
            written = self._writer().commit(current, entries, with_incident(current, incident), IndexReport(), progress)
            self._use(Snapshot.build(written))

    def _writer(self) -> Writer:
        return Writer(self.generations, self.vectors, self.embedder)

    # ================================================================== searching

    def similar_incidents(
        self,
        text: str,
        service: str | None = None,
        k: int = 3,
        *,
        min_similarity: float | None = None,
    ) -> list[SimilarIncident]:
        """Past incidents most like ``text`` (symptoms, signatures, alert names), best first.

        ``service`` keeps incidents where that service alerted or was the culprit.
        ``min_similarity`` drops matches whose cosine similarity is lower (0.5 is a reasonable
        bar for "this happened before"); a match found by BM25 alone has no similarity and is
        dropped when a minimum is set.
        """
        snap = self._load()
        if snap is None or not snap.incidents:
            return []
        results = self.search(text, k=k, collections=("incidents",), service=service)
        return similar(results, snap.incidents, min_similarity)

    def runbook_sections(
        self,
        *,
        alert: str | None = None,
        service: str | None = None,
        symptoms: str = "",
        k: int = 3,
    ) -> SearchResults:
        """The runbook sections to cite for an incident: the alert name and symptom text
        as the query, runbooks for ``service`` (or for every service) only."""
        query = " ".join(p for p in (alert or "", symptoms) if p.strip())
        return self.search(query, k=k, collections=("runbooks",), service=service)

    def search(self, query: str, **options: Unpack[SearchOptions]) -> SearchResults:
        """The ``k`` best sections for ``query`` (at most ``max_per_doc`` per document).

        Options, with their defaults: ``k=5``, ``collections=None`` (all), ``service=None``,
        ``max_per_doc=1``, ``method="fused"`` (or ``"bm25"``, ``"dense"``), ``alert_boost=True``
        (:class:`~retrieval.search.Query`).
        """
        return self.search_many([query], **options)[0]

    def search_many(self, queries: Sequence[str], **options: Unpack[SearchOptions]) -> list[SearchResults]:
        """:meth:`search` for many queries, embedding them in one batch."""
        query = Query(**options)
        snap = self._load()
        if snap is None:
            note = f"no index in {self.data_dir} yet: run 'opsdesk index PATH' first"
            return [SearchResults(q, (), (note,)) for q in queries]
        ranking = Ranking(self.fusion, self.alpha, self.rrf_k, self.fetch, self.doc_weight, self.length_penalty)
        return Searcher(self.embedder, self.vectors, self._stale).search_many(snap, queries, query, ranking)
