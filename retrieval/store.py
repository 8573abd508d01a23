"""The RAG store: incremental indexing, hybrid search, and past incidents.

Indexing (:meth:`Store.index`) reads every markdown file under the given paths and compares a
fingerprint (file hash plus the options that shape its chunks) with the live generation.
Unchanged files are hashed, not parsed, and keep their chunks; added and changed files are parsed
and chunked; files gone from a scanned folder are deleted. Nothing changed means nothing is
written: an unchanged corpus re-indexes in the time it takes to hash it, and neither torch nor
chroma is even imported. Otherwise a new generation is built (:mod:`retrieval.generations`):
chunk vectors that chroma does not hold yet are embedded (records are content-addressed, so a run
that crashed halfway resumes where it stopped), the BM25 index is rebuilt (cheap: about a second
for 10,000 chunks, and corpus-wide statistics change with every file anyway), and the new
generation goes live with one ``os.replace``.

Searching (:meth:`Store.search`) ranks chunks with BM25 and with the dense model, fuses the two
(:mod:`retrieval.fusion`: a weighted sum of min-max normalised scores by default, RRF on
request), adds an exact boost to documents whose ``alerts:`` front matter, or whose file name or
H1 written as an identifier (``KubePodCrashLooping``, ``etcdNoLeader``), names an alert that
appears in the query, and returns the best section of each of the best documents
(``max_per_doc`` for more).
A section a chunk merely absorbed (tiny-section merging) is reported when the query names it.
Filters: collections, and service (a document with no ``services``, or ``"*"``, serves all).
When chroma cannot be reached the answer degrades to BM25 and says so in ``warnings``.

Duplicate document ids are not namespaced (an id is what citations and the evaluation use, so
it must stay what the author wrote): the document that already holds the id in the index keeps
it, otherwise the first in walk order does; the other file is skipped and the problem names both
files. A file that fails to parse keeps its previously indexed version.

Several processes may share a data dir: writers serialise on a lock, and a reader that sees
another process switch generations reopens its embedded chroma client, whose in-memory HNSW
index would not see the other process's vectors (:mod:`retrieval.vectors`). A chroma server
(``CHROMA_URL``) is the better choice when the bot and indexers run on different machines.

Incidents (:meth:`Store.add_incident`, :meth:`Store.similar_incidents`) live in the
``incidents`` collection of the same generations, so they survive re-indexing of the runbooks.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from retrieval.embedder import Embedder, SentenceTransformerEmbedder
from retrieval.errors import (
    BackendError,
    DataDirError,
    DuplicateIdError,
    IndexStateError,
    ModelError,
    QueryError,
    SourceError,
)
from retrieval.fusion import DEFAULT_ALPHA, DEFAULT_RRF_K, rrf, weighted_sum
from retrieval.generations import GenerationData, Generations
from retrieval.lexical import LexicalIndex, lexical_text, tokenize
from retrieval.markdown import chunk_markdown
from retrieval.models import (
    COLLECTIONS,
    FILE_COLLECTIONS,
    Chunk,
    ChunkRecord,
    DocRecord,
    IncidentRecord,
    IndexReport,
    Method,
    ParsedDocument,
    SearchHit,
    SearchResults,
    Section,
    SimilarIncident,
)
from retrieval.sources import SourceFile, find_markdown, parse_document, read_source
from retrieval.tokens import DEFAULT_CHUNK_TOKENS, TokenCounter, model_token_counter
from retrieval.vectors import VectorStore, collection_name

CHUNKER_VERSION = "2"
"""Part of every file's fingerprint: bump it when chunking or path ids change, so every file is
parsed again (vectors of unchanged chunks are reused: chunk ids do not include it). 2: index files
keep their own path id."""

ALERT_BOOST = 1.0
"""Added to a document's fused score when the query names one of its alerts (twice that for the
weighted sum, whose scores reach 1.0). The largest fused score without it is 1.0 for the weighted
sum and 2/(k+1) for RRF, so an alert match always ranks first."""

INTRO_PREFERENCE = 0.9
"""When choosing which section of a document to show, an introduction (text before the first
section heading) competes with 90% of its score: it summarises the whole document and so resembles
every question about it, and when a specific section scores nearly as well, that section is the
better citation. Document ranking uses the unweighted scores."""

DEFAULT_FETCH = 100
"""Candidates taken from each ranker before fusion."""

EMBED_GROUP = 1024
"""Chunks embedded (and written to chroma) per step, so a crash loses at most one step (about
ten seconds of embedding). The embedder sorts each step's texts by token length before batching,
so larger steps pad less: 920 chunks took 7.4 s in one step against 8.6 s in steps of 256."""

Fusion = Literal["rrf", "weighted"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages are ``"reading"`` and ``"embedding"``."""

_ALERT_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_:]*")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_:]*$")


@dataclass(slots=True)
class _Snapshot:
    """A loaded generation plus the lookup tables search needs."""

    data: GenerationData
    row_of: dict[str, int]
    collection_rows: dict[str, npt.NDArray[np.bool_]]
    services: list[frozenset[str]]
    doc_rows: dict[str, list[int]]
    alerts: dict[str, set[str]]
    incidents: dict[str, IncidentRecord]

    @classmethod
    def build(cls, data: GenerationData) -> _Snapshot:
        data.lexical  # noqa: B018  (load every part now, inside the caller's retry)
        n = len(data.chunks)
        row_of = {c.id: i for i, c in enumerate(data.chunks)}
        collection_rows = {
            name: np.fromiter((c.collection == name for c in data.chunks), bool, n) for name in COLLECTIONS
        }
        services = [frozenset(s.lower() for s in c.services) for c in data.chunks]
        doc_rows: dict[str, list[int]] = {}
        alerts: dict[str, set[str]] = {}
        for i, c in enumerate(data.chunks):
            doc_rows.setdefault(c.doc_id, []).append(i)
            for name in _alert_names(c):
                alerts.setdefault(name.lower(), set()).add(c.doc_id)
        return cls(
            data=data,
            row_of=row_of,
            collection_rows=collection_rows,
            services=services,
            doc_rows=doc_rows,
            alerts=alerts,
            incidents={i.id: i for i in data.incidents},
        )

    def mask(self, collections: Sequence[str], service: str | None) -> npt.NDArray[np.bool_]:
        n = len(self.data.chunks)
        allowed = np.zeros(n, dtype=bool)
        for name in collections:
            allowed |= self.collection_rows[name]
        if service:
            wanted = service.lower()
            ok = np.fromiter((not s or "*" in s or wanted in s for s in self.services), bool, n)
            allowed &= ok
        return allowed


def _alert_names(chunk: ChunkRecord) -> set[str]:
    names = set(chunk.alerts)
    if chunk.collection == "incidents":
        return names
    for candidate in (chunk.file_stem, chunk.heading_path[0] if chunk.heading_path else ""):
        if (
            _IDENTIFIER.match(candidate)
            and any(ch.isupper() for ch in candidate)
            and candidate.lower() not in ("readme", "_index", "index")
        ):
            names.add(candidate)
    return names


@dataclass(slots=True)
class _Entry:
    """A document of the generation being built; ``chunks`` is None when they are the
    current generation's (looked up only if a new generation is written)."""

    doc: DocRecord
    chunks: list[ChunkRecord] | None
    status: str  # "added", "changed", "unchanged", "carried"
    priority: int
    order: int
    source: tuple[str, str] | None = None


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
        self._snapshot: _Snapshot | None = None
        self._stale: dict[tuple[str, str], int] = {}

    # ================================================================== reading state

    def _token_counter(self) -> TokenCounter:
        if self._counter is None:
            self._counter = model_token_counter()
        return self._counter

    def _load(self) -> _Snapshot | None:
        for _attempt in range(3):
            name = self.generations.current_name()
            if name is None:
                return None
            if self._snapshot is not None and self._snapshot.data.name == name:
                return self._snapshot
            try:
                loaded = _Snapshot.build(self.generations.load(name))
            except IndexStateError:
                if self.generations.current_name() == name:
                    raise
                continue  # a writer switched and pruned under us: read the pointer again
            if self._snapshot is not None:
                self.vectors.reset()  # another process switched: reopen chroma to see its vectors
            self._stale.clear()
            self._snapshot = loaded
            return loaded
        raise IndexStateError(f"{self.generations.base}: the index keeps changing; retry")

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

    # ================================================================== indexing

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
        found: list[tuple[Path, bool, list[SourceFile]]] = []
        for given in paths:
            path = Path(given)
            root, files = find_markdown(path, skip=[self.data_dir])
            found.append((root, path.is_dir(), files))
        report = IndexReport()
        with self.generations.writer_lock():
            current = self._load_for_write()
            entries = self._scan(found, current, collection, base_url, report, progress)
            self._commit_if_changed(current, entries, report, progress)
        report.seconds = time.perf_counter() - started
        return report

    def _load_for_write(self) -> GenerationData | None:
        name = self.generations.current_name()
        if name is None:
            return None
        if self._snapshot is not None and self._snapshot.data.name == name:
            return self._snapshot.data
        return self.generations.load(name)  # lazy: chunks are read only if something changed

    def _scan(
        self,
        found: list[tuple[Path, bool, list[SourceFile]]],
        current: GenerationData | None,
        collection: str | None,
        base_url: str | None,
        report: IndexReport,
        progress: Progress | None,
    ) -> list[_Entry]:
        old_docs = list(current.docs) if current else []
        by_source = {(d.root, d.rel_path): d for d in old_docs if d.collection != "incidents"}
        scanned_roots = {str(root) for root, is_dir, _ in found if is_dir}
        total = sum(len(files) for _, _, files in found)
        entries: list[_Entry] = []
        seen: set[tuple[str, str]] = set()
        done = 0
        order = 0
        for _root, _is_dir, files in found:
            for file in files:
                done += 1
                if progress:
                    progress("reading", done, total)
                key = (str(file.root), file.rel_path)
                if key in seen:
                    continue
                seen.add(key)
                order += 1
                old = by_source.get(key)
                entry = self._scan_file(file, old, collection, base_url, report, order)
                if entry is not None:
                    entry.source = key
                    entries.append(entry)
        for doc in old_docs:
            key = (doc.root, doc.rel_path)
            if key in seen:
                continue
            if doc.collection != "incidents" and doc.root in scanned_roots:
                report.deleted += 1
                continue
            entries.append(_Entry(doc, None, "carried", 0, 0, key))
        return self._resolve_duplicates(entries, by_source, report)

    def _scan_file(
        self,
        file: SourceFile,
        old: DocRecord | None,
        collection: str | None,
        base_url: str | None,
        report: IndexReport,
        order: int,
    ) -> _Entry | None:
        def keep_old(problem: str) -> _Entry | None:
            report.problems.append(problem)
            report.skipped += 1
            if old is None:
                return None
            report.problems[-1] += " (the previously indexed version is kept)"
            return _Entry(old, None, "unchanged", 1, order)

        try:
            raw = read_source(file)
        except SourceError as error:
            return keep_old(str(error))
        fingerprint = _fingerprint(raw.content_hash, collection, base_url, self.chunk_tokens)
        if old is not None and old.fingerprint == fingerprint:
            return _Entry(old, None, "unchanged", 1, order)
        notes: list[str] = []
        try:
            parsed = parse_document(
                raw,
                collection=collection,
                counter=self._token_counter(),
                base_url=base_url,
                warnings=notes,
                max_tokens=self.chunk_tokens,
                strict_front_matter=old is not None,  # a known file keeps its last good version
            )
        except SourceError as error:
            report.problems.extend(notes)
            return keep_old(str(error))
        report.problems.extend(notes)
        records = [_record(parsed, chunk) for chunk in parsed.chunks]
        doc = DocRecord(
            doc_id=parsed.doc_id,
            collection=parsed.collection,
            title=parsed.title,
            root=parsed.root,
            rel_path=parsed.rel_path,
            path=parsed.path,
            content_hash=parsed.content_hash,
            fingerprint=fingerprint,
            chunk_ids=tuple(r.id for r in records),
        )
        priority = 1 if old is not None and old.doc_id == doc.doc_id else 2
        return _Entry(doc, records, "changed" if old else "added", priority, order)

    def _resolve_duplicates(
        self,
        entries: list[_Entry],
        by_source: dict[tuple[str, str], DocRecord],
        report: IndexReport,
    ) -> list[_Entry]:
        """Keep one document per id: indexed before beats new; then walk order wins."""
        kept: dict[str, _Entry] = {}
        for entry in sorted(entries, key=lambda e: (e.priority, e.order)):
            holder = kept.get(entry.doc.doc_id)
            if holder is None:
                kept[entry.doc.doc_id] = entry
                continue
            error = DuplicateIdError(entry.doc.doc_id, holder.doc.path, entry.doc.path)
            report.problems.append(str(error))
            report.skipped += 1
            if entry.source is not None and entry.source in by_source:
                report.deleted += 1  # its previous version goes: the id belongs to the other
        result = list(kept.values())
        for entry in result:
            if entry.status == "added":
                report.added += 1
            elif entry.status == "changed":
                report.changed += 1
            elif entry.status == "unchanged":
                report.unchanged += 1
        return result

    def _commit_if_changed(
        self,
        current: GenerationData | None,
        entries: list[_Entry],
        report: IndexReport,
        progress: Progress | None,
    ) -> None:
        stale_embedder = current is not None and current.embedder != self.embedder.name
        report.chunks_total = sum(len(e.doc.chunk_ids) for e in entries)
        if current is not None:
            report.generation = current.name
        if not (report.switched or stale_embedder):
            return
        if current is None and not entries:
            return
        incidents = list(current.incidents) if current else []
        self._commit(current, entries, incidents, report, progress)

    def _commit(
        self,
        current: GenerationData | None,
        entries: list[_Entry],
        incidents: list[IncidentRecord],
        report: IndexReport,
        progress: Progress | None,
    ) -> None:
        entries = sorted(entries, key=lambda e: (e.doc.collection, e.doc.doc_id))
        previous = {c.id: c for c in current.chunks} if current else {}
        chunks = [
            c for e in entries for c in (e.chunks if e.chunks is not None else [previous[i] for i in e.doc.chunk_ids])
        ]
        docs = [e.doc for e in entries]
        was_dirty = self.generations.is_dirty()
        self.generations.mark_dirty()
        report.chunks_embedded = self._store_vectors(chunks, progress)
        lexical = LexicalIndex.build([_lexical(c) for c in chunks])
        data = GenerationData(
            name=self.generations.new_name(),
            embedder=self.embedder.name,
            docs=docs,
            created_at=time.time(),
            chunks=chunks,
            incidents=incidents,
            lexical=lexical,
        )
        self.generations.write(data)
        self.generations.switch(data.name)
        report.generation = data.name
        report.chunks_total = len(chunks)
        self._snapshot = _Snapshot.build(data)
        self._stale.clear()
        try:
            self._sweep(current, chunks, full=was_dirty)
            self.generations.clear_dirty()
        except BackendError as error:
            report.problems.append(f"{error} (old vectors are swept on the next run)")
        keep = {data.name} | ({current.name} if current else set())
        self.generations.prune(keep)

    def _store_vectors(self, chunks: list[ChunkRecord], progress: Progress | None) -> int:
        """Embed and store every chunk chroma does not hold yet; returns how many."""
        missing: list[ChunkRecord] = []
        by_collection: dict[str, list[ChunkRecord]] = {}
        for c in chunks:
            by_collection.setdefault(c.collection, []).append(c)
        for name, group in by_collection.items():
            present = self.vectors.existing_ids(collection_name(name, self.embedder.name), [c.id for c in group])
            missing.extend(c for c in group if c.id not in present)
        total = len(missing)
        done = 0
        if progress:
            progress("embedding", 0, total)
        for start in range(0, total, EMBED_GROUP):
            group = missing[start : start + EMBED_GROUP]

            def advance(n: int) -> None:
                nonlocal done
                done += n
                if progress:
                    progress("embedding", done, total)

            vectors = self.embedder.embed_documents([c.embed_text for c in group], advance)
            done = start + len(group)
            for name in {c.collection for c in group}:
                rows = [i for i, c in enumerate(group) if c.collection == name]
                self.vectors.add(
                    collection_name(name, self.embedder.name),
                    [group[i].id for i in rows],
                    vectors[rows],
                    [_chroma_metadata(group[i]) for i in rows],
                )
        return total

    def _sweep(self, previous: GenerationData | None, chunks: list[ChunkRecord], *, full: bool) -> None:
        live: dict[str, set[str]] = {}
        for c in chunks:
            live.setdefault(c.collection, set()).add(c.id)
        if full:
            for name in COLLECTIONS:
                cname = collection_name(name, self.embedder.name)
                stale = self.vectors.all_ids(cname) - live.get(name, set())
                self.vectors.delete(cname, sorted(stale))
            return
        if previous is None or previous.embedder != self.embedder.name:
            return
        old: dict[str, set[str]] = {}
        for c in previous.chunks:
            old.setdefault(c.collection, set()).add(c.id)
        for name, ids in old.items():
            stale = ids - live.get(name, set())
            self.vectors.delete(collection_name(name, self.embedder.name), sorted(stale))

    # ================================================================== incidents

    def add_incident(self, incident: IncidentRecord, progress: Progress | None = None) -> None:
        """Add (or replace, by id) a resolved incident in the ``incidents`` collection."""
        if not incident.id.strip():
            raise QueryError("incident id is empty")
        body = _incident_markdown(incident)
        chunks = chunk_markdown(
            body,
            doc_id=incident.id,
            title=incident.title,
            counter=self._token_counter(),
            max_tokens=self.chunk_tokens,
        )
        content_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()
        services = tuple(dict.fromkeys(s for s in (incident.service, incident.culprit) if s))
        records = [
            _make_record(
                chunk,
                doc_id=incident.id,
                collection="incidents",
                title=incident.title,
                path=f"incidents/{incident.id}",
                source_url="",
                services=services,
                alerts=(),
                content_hash=content_hash,
            )
            for chunk in chunks
        ]
        doc = DocRecord(
            doc_id=incident.id,
            collection="incidents",
            title=incident.title,
            root="",
            rel_path=f"incidents/{incident.id}",
            path=f"incidents/{incident.id}",
            content_hash=content_hash,
            fingerprint=content_hash,
            chunk_ids=tuple(r.id for r in records),
        )
        report = IndexReport()
        with self.generations.writer_lock():
            current = self._load_for_write()
            entries: list[_Entry] = []
            if current is not None:
                for d in current.docs:
                    if d.doc_id == incident.id:
                        if d.collection != "incidents":
                            raise QueryError(f"incident id {incident.id!r} is already the id of {d.path}")
                        continue
                    entries.append(_Entry(d, None, "carried", 0, 0))
            entries.append(_Entry(doc, records, "added", 0, 0))
            incidents = [i for i in (current.incidents if current else []) if i.id != incident.id]
            incidents.append(incident)
            self._commit(current, entries, incidents, report, progress)

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
        out: list[SimilarIncident] = []
        for hit in results:
            record = snap.incidents.get(hit.id)
            if record is None:
                continue
            if min_similarity is not None and (hit.similarity is None or hit.similarity < min_similarity):
                continue
            out.append(SimilarIncident(record, hit.score, hit.similarity))
        return out

    # ================================================================== searching

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

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        collections: Sequence[str] | None = None,
        service: str | None = None,
        max_per_doc: int = 1,
        method: Method = "fused",
        alert_boost: bool = True,
    ) -> SearchResults:
        """The ``k`` best sections for ``query`` (at most ``max_per_doc`` per document)."""
        return self.search_many(
            [query],
            k=k,
            collections=collections,
            service=service,
            max_per_doc=max_per_doc,
            method=method,
            alert_boost=alert_boost,
        )[0]

    def search_many(
        self,
        queries: Sequence[str],
        *,
        k: int = 5,
        collections: Sequence[str] | None = None,
        service: str | None = None,
        max_per_doc: int = 1,
        method: Method = "fused",
        alert_boost: bool = True,
    ) -> list[SearchResults]:
        """:meth:`search` for many queries, embedding them in one batch."""
        if k < 1:
            raise QueryError(f"k must be at least 1, not {k}")
        if max_per_doc < 1:
            raise QueryError(f"max_per_doc must be at least 1, not {max_per_doc}")
        if method not in ("fused", "bm25", "dense"):
            raise QueryError(f"unknown method {method!r} (fused, bm25 or dense)")
        wanted = tuple(collections) if collections else COLLECTIONS
        unknown = [c for c in wanted if c not in COLLECTIONS]
        if unknown:
            raise QueryError(f"unknown collection {unknown[0]!r} (one of: {', '.join(COLLECTIONS)})")
        snap = self._load()
        if snap is None:
            note = f"no index in {self.data_dir} yet: run 'opsdesk index PATH' first"
            return [SearchResults(q, (), (note,)) for q in queries]
        allowed = snap.mask(wanted, service)
        fetch = max(self.fetch, 4 * k * max_per_doc)
        warnings: list[str] = []
        dense: list[dict[int, float]] = [{} for _ in queries]
        if method in ("fused", "dense") and allowed.any() and queries:
            try:
                dense = self._dense(snap, queries, wanted, allowed, fetch)
            except (BackendError, ModelError) as error:
                warnings.append(f"{error}; results from BM25 only")
        out = []
        for query, dense_scores in zip(queries, dense, strict=True):
            hits = self._rank(snap, query, allowed, dense_scores, fetch, k, max_per_doc, method, alert_boost)
            out.append(SearchResults(query, tuple(hits), tuple(warnings)))
        return out

    def _dense(
        self,
        snap: _Snapshot,
        queries: Sequence[str],
        wanted: Sequence[str],
        allowed: npt.NDArray[np.bool_],
        fetch: int,
    ) -> list[dict[int, float]]:
        vectors = self.embedder.embed_queries(list(queries))
        out: list[dict[int, float]] = [{} for _ in queries]
        for name in wanted:
            rows = snap.collection_rows[name]
            active = int((rows & allowed).sum())
            if active == 0:
                continue
            total = int(rows.sum())
            cname = collection_name(name, self.embedder.name)
            # Over-fetch when a filter hides part of the collection, and by the number of records
            # chroma holds beyond the live ones (left by a writer that crashed before its sweep).
            n = min(total, fetch if active == total else fetch * max(1, total // active))
            n += self._stale_records(snap, cname, total)
            results = self.vectors.query(cname, vectors, n)
            for scores, found in zip(out, results, strict=True):
                for chunk_id, similarity in found:
                    row = snap.row_of.get(chunk_id)
                    if row is not None and allowed[row]:
                        scores[row] = similarity
        return out

    def _stale_records(self, snap: _Snapshot, cname: str, live: int) -> int:
        """Records in chroma that the live generation does not use (counted once per generation
        and chroma client: our client does not see later writes of other processes anyway)."""
        key = (snap.data.name, cname)
        if key not in self._stale:
            self._stale[key] = max(0, self.vectors.count(cname) - live)
        return self._stale[key]

    def _rank(
        self,
        snap: _Snapshot,
        query: str,
        allowed: npt.NDArray[np.bool_],
        dense: dict[int, float],
        fetch: int,
        k: int,
        max_per_doc: int,
        method: Method,
        alert_boost: bool,
    ) -> list[SearchHit]:
        chunks = snap.data.chunks
        lexical_rank: list[int] = []
        bm25: npt.NDArray[np.float32] | None = None
        if method in ("fused", "bm25"):
            bm25 = snap.data.lexical.scores(query)
            bm25 = np.where(allowed, bm25, 0.0).astype(np.float32)
            positive = int((bm25 > 0).sum())
            take = min(fetch, positive)
            if take:
                top = np.argpartition(-bm25, take - 1)[:take]
                lexical_rank = sorted(top.tolist(), key=lambda r: (-bm25[r], r))
        dense_rank = sorted(dense, key=lambda r: (-dense[r], r))
        scores: dict[int, float]
        if method == "bm25":
            assert bm25 is not None
            scores = {r: float(bm25[r]) for r in lexical_rank}
        elif method == "dense":
            scores = dict(dense)
        elif self.fusion == "weighted":
            assert bm25 is not None
            fused = weighted_sum(
                {str(r): s for r, s in dense.items()},
                {str(r): float(bm25[r]) for r in lexical_rank},
                alpha=self.alpha,
            )
            scores = {int(r): s for r, s in fused.items()}
        else:
            fused = rrf([[str(r) for r in lexical_rank], [str(r) for r in dense_rank]], k=self.rrf_k)
            scores = {int(r): s for r, s in fused.items()}
        matched: set[str] = set()
        if alert_boost and method == "fused":
            boost = ALERT_BOOST if self.fusion == "rrf" else 1.0 + ALERT_BOOST
            for token in _ALERT_TOKEN.findall(query):
                matched |= snap.alerts.get(token.lower(), set())
            for doc_id in matched:
                for row in snap.doc_rows.get(doc_id, []):
                    if allowed[row]:
                        scores[row] = scores.get(row, 0.0) + boost
        # Documents rank by their best chunk; the sections shown prefer specific sections
        # over the document's introduction (see INTRO_PREFERENCE).
        doc_score: dict[str, float] = {}
        for row, score in scores.items():
            doc_id = chunks[row].doc_id
            if score > doc_score.get(doc_id, float("-inf")):
                doc_score[doc_id] = score

        def choice(row: int) -> float:
            intro = len(chunks[row].heading_path) == 1 and len(snap.doc_rows[chunks[row].doc_id]) > 1
            return scores[row] * (INTRO_PREFERENCE if intro else 1.0)

        per_doc: dict[str, list[int]] = {}
        for row in sorted(scores, key=lambda r: (-choice(r), r)):
            rows = per_doc.setdefault(chunks[row].doc_id, [])
            if len(rows) < max_per_doc:
                rows.append(row)
        ordered = sorted(per_doc.items(), key=lambda item: (-doc_score[item[0]], item[0]))
        terms = set(tokenize(query))
        hits: list[SearchHit] = []
        for doc_id, rows in ordered:
            for n, row in enumerate(rows):
                if len(hits) >= k:
                    break
                score = doc_score[doc_id] if n == 0 else scores[row]
                hits.append(_hit(chunks[row], score, dense.get(row), terms, matched))
            if len(hits) >= k:
                break
        return hits


# ====================================================================== helpers


def _fingerprint(content_hash: str, collection: str | None, base_url: str | None, chunk_tokens: int) -> str:
    raw = json.dumps([CHUNKER_VERSION, content_hash, collection, base_url, chunk_tokens])
    return hashlib.sha256(raw.encode()).hexdigest()


def _record(parsed: ParsedDocument, chunk: Chunk) -> ChunkRecord:
    return _make_record(
        chunk,
        doc_id=parsed.doc_id,
        collection=parsed.collection,
        title=parsed.title,
        path=parsed.path,
        source_url=parsed.source_url,
        services=parsed.services,
        alerts=parsed.alerts,
        content_hash=parsed.content_hash,
    )


def _make_record(
    chunk: Chunk,
    *,
    doc_id: str,
    collection: str,
    title: str,
    path: str,
    source_url: str,
    services: tuple[str, ...],
    alerts: tuple[str, ...],
    content_hash: str,
) -> ChunkRecord:
    identity = json.dumps(
        [
            doc_id,
            collection,
            title,
            path,
            source_url,
            list(chunk.heading_path),
            [[s.title, s.anchor] for s in chunk.sections],
            list(services),
            list(alerts),
            content_hash,
            chunk.ordinal,
            chunk.text,
            chunk.embed_text,
        ],
        ensure_ascii=False,
    )
    return ChunkRecord(
        id=hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32],
        doc_id=doc_id,
        collection=collection,
        title=title,
        path=path,
        source_url=source_url,
        heading_path=chunk.heading_path,
        sections=chunk.sections,
        services=services,
        alerts=alerts,
        content_hash=content_hash,
        text=chunk.text,
        embed_text=chunk.embed_text,
    )


def _lexical(chunk: ChunkRecord) -> str:
    stem = chunk.file_stem if chunk.collection != "incidents" else ""
    names = [chunk.title, *chunk.alerts, stem]
    if chunk.heading_path and chunk.heading_path[0] != chunk.title:
        names.append(chunk.heading_path[0])
    headings = [*chunk.heading_path[1:], *(s.title for s in chunk.sections[1:])]
    body = chunk.embed_text.split("\n\n", 1)[1] if "\n\n" in chunk.embed_text else ""
    return lexical_text(names=names, headings=headings, body=body)


def _chroma_metadata(chunk: ChunkRecord) -> dict[str, str | int | float | bool]:
    return {
        "doc_id": chunk.doc_id,
        "collection": chunk.collection,
        "title": chunk.title,
        "section": chunk.section,
        "anchor": chunk.anchor,
        "heading_path": " > ".join(chunk.heading_path),
        "path": chunk.path,
        "source_url": chunk.source_url,
        "content_hash": chunk.content_hash,
    }


def _best_section(chunk: ChunkRecord, terms: set[str]) -> Section:
    """The covered section the query names most (the chunk's own first section by default)."""
    best = chunk.sections[0] if chunk.sections else Section(chunk.title, "")
    if len(chunk.sections) < 2 or not terms:
        return best
    best_overlap = len(terms & set(tokenize(best.title)))
    for section in chunk.sections[1:]:
        overlap = len(terms & set(tokenize(section.title)))
        if overlap > best_overlap:
            best, best_overlap = section, overlap
    return best


def _hit(
    chunk: ChunkRecord,
    score: float,
    similarity: float | None,
    terms: set[str],
    matched: set[str],
) -> SearchHit:
    section = _best_section(chunk, terms)
    base = chunk.source_url or chunk.path
    return SearchHit(
        id=chunk.doc_id,
        collection=chunk.collection,
        title=chunk.title,
        section=section.title,
        anchor=section.anchor,
        heading_path=chunk.heading_path,
        path=chunk.path,
        url=f"{base}#{section.anchor}" if section.anchor else base,
        score=score,
        similarity=similarity,
        text=chunk.text,
        chunk_id=chunk.id,
        alert_match=chunk.doc_id in matched,
    )


def _incident_markdown(incident: IncidentRecord) -> str:
    facts = [
        f"Service: {incident.service}." if incident.service else "",
        f"Cause: {incident.cause}." if incident.cause else "",
        f"Culprit: {incident.culprit}." if incident.culprit else "",
        f"Resolved: {incident.resolved_at.date().isoformat()}.",
    ]
    parts = [
        f"# {incident.title}",
        " ".join(f for f in facts if f),
        "## Symptoms",
        incident.symptoms or "(none recorded)",
        "## Fix",
        incident.fix or "(none recorded)",
        "## Summary",
        incident.summary or "(none recorded)",
    ]
    return "\n\n".join(parts) + "\n"
