"""Writing the next generation: vectors, chroma collections, BM25, the switch and the prune.

A writer (holding the writer lock) reserves the new generation's folder, naming the chroma
collections it will create, then finds every chunk's vector: vectors are kept on disk by chunk
id (:mod:`retrieval.generations`), so unchanged chunks reuse the live generation's, and a run that
crashed halfway resumes from the vectors it embedded; the rest are embedded, in steps that are
kept as soon as they are done. A collection whose chunks are the live generation's keeps its
chroma collection; any other gets a new one, filled with the exact vectors. Then the BM25 index is
rebuilt (cheap: about a second for 10,000 chunks, and corpus-wide statistics change with every
file anyway), the folder is completed, and the new generation goes live with one ``os.replace``.
Generations older than the previous one are removed with the collections only they read.

No collection a live generation reads is ever written: see :mod:`retrieval.vectors` for why that
matters even to a writer that is killed before it switches.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np

from retrieval.embedder import Embedder, Vectors
from retrieval.errors import BackendError, ModelError
from retrieval.generations import GenerationData, Generations
from retrieval.indexer import Entry
from retrieval.lexical import LexicalIndex, Vocabulary
from retrieval.models import ChunkRecord, IncidentRecord, IndexReport
from retrieval.vectors import VectorStore, collection_name

if TYPE_CHECKING:
    from retrieval.store import Progress

EMBED_GROUP = 1024
"""Chunks embedded (and kept on disk) per step, so a crash loses at most one step (about ten
seconds of embedding). The embedder sorts each step's texts by token length before batching, so
larger steps pad less: 920 chunks took 7.4 s in one step against 8.6 s in steps of 256."""


class Writer:
    """Builds, switches to and prunes generations; the caller holds the writer lock."""

    def __init__(self, generations: Generations, vectors: VectorStore, embedder: Embedder) -> None:
        self.generations = generations
        self.vectors = vectors
        self.embedder = embedder

    def commit_if_changed(
        self,
        current: GenerationData | None,
        entries: list[Entry],
        report: IndexReport,
        progress: Progress | None,
    ) -> GenerationData | None:
        """:meth:`commit` when a file changed or the embedder did; the new generation, if any."""
        stale_embedder = current is not None and current.embedder != self.embedder.name
        report.chunks_total = sum(len(e.doc.chunk_ids) for e in entries)
        if current is not None:
            report.generation = current.name
        if not (report.switched or stale_embedder):
            return None
        if current is None and not entries:
            return None
        incidents = list(current.incidents) if current else []
        return self.commit(current, entries, incidents, report, progress)

    def commit(
        self,
        current: GenerationData | None,
        entries: list[Entry],
        incidents: list[IncidentRecord],
        report: IndexReport,
        progress: Progress | None,
    ) -> GenerationData:
        """Build a generation of ``entries`` and ``incidents``, make it live, and prune."""
        entries = sorted(entries, key=lambda e: (e.doc.collection, e.doc.doc_id))
        previous = {c.id: c for c in current.chunks} if current else {}
        chunks = [
            c for e in entries for c in (e.chunks if e.chunks is not None else [previous[i] for i in e.doc.chunk_ids])
        ]
        name = self.generations.new_name()
        collections = self._collections(current, chunks, name)
        self.generations.reserve(name, self.embedder.name, collections)
        vectors, report.chunks_embedded = self._vectors(chunks, name, progress)
        for collection, cname in collections.items():
            if current is None or cname != current.collections.get(collection):
                rows = [i for i, c in enumerate(chunks) if c.collection == collection]
                assert rows[-1] - rows[0] + 1 == len(rows), "chunks are in collection order"
                block = vectors[rows[0] : rows[-1] + 1]  # a view, where vectors[rows] would be a copy
                self.vectors.add(cname, [chunks[i].id for i in rows], block, [_metadata(chunks[i]) for i in rows])
        data = GenerationData(
            name=name,
            embedder=self.embedder.name,
            docs=[e.doc for e in entries],
            created_at=time.time(),
            collections=collections,
            chunks=chunks,
            incidents=incidents,
            vectors=vectors,
        )
        data.doc_lexical, data.lexical = _lexical_indexes([e.doc.doc_id for e in entries], chunks)
        self.generations.write(data)
        self.generations.switch(data.name)
        report.generation = data.name
        report.chunks_total = len(chunks)
        try:
            self.generations.prune({data.name} | ({current.name} if current else set()), self.vectors.drop)
        except BackendError as error:
            report.problems.append(f"{error} (unused collections are dropped on the next run)")
        return data

    def _collections(self, current: GenerationData | None, chunks: list[ChunkRecord], name: str) -> dict[str, str]:
        """The chroma collection of each collection that has chunks: the live generation's when it
        holds exactly these chunks (and this embedder's vectors), else a new one for ``name``."""
        ids: dict[str, set[str]] = {}
        for c in chunks:
            ids.setdefault(c.collection, set()).add(c.id)
        reusable: dict[str, str] = {}
        if current is not None and current.embedder == self.embedder.name:
            live: dict[str, set[str]] = {}
            for c in current.chunks:
                live.setdefault(c.collection, set()).add(c.id)
            legacy = {collection_name(c, current.embedder) for c in live}  # format 1's are rebuilt
            reusable = {c: n for c, n in current.collections.items() if ids.get(c) == live.get(c) and n not in legacy}
        return {c: reusable.get(c) or collection_name(c, self.embedder.name, name) for c in sorted(ids)}

    def _vectors(self, chunks: list[ChunkRecord], name: str, progress: Progress | None) -> tuple[Vectors, int]:
        """Every chunk's vector (rows in chunk order), and how many had to be embedded. Rows are
        filled as vectors are found or embedded, so no vector is held twice."""
        out = np.empty((len(chunks), self.embedder.dimension), dtype=np.float32)
        rows_of: dict[str, list[int]] = {}
        for row, c in enumerate(chunks):
            rows_of.setdefault(c.id, []).append(row)
        found: set[str] = set()
        for ids, stored in self.generations.stored_vectors(self.embedder.name, self.embedder.dimension):
            for i, chunk_id in enumerate(ids):
                if chunk_id in rows_of and chunk_id not in found:
                    found.add(chunk_id)
                    for row in rows_of[chunk_id]:
                        out[row] = stored[i]
        missing = [c for c in chunks if c.id not in found]
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

            embedded = self.embedder.embed_documents([c.embed_text for c in group], advance)
            if not np.isfinite(embedded).all():  # kept vectors are reused: never keep broken ones
                raise ModelError(f"embedder {self.embedder.name} returned vectors that are not finite")
            done = start + len(group)
            self.generations.save_pending(name, [c.id for c in group], embedded)
            for i, c in enumerate(group):
                for row in rows_of[c.id]:
                    out[row] = embedded[i]
        return out, total


def _lexical_indexes(doc_ids: list[str], chunks: list[ChunkRecord]) -> tuple[LexicalIndex, LexicalIndex]:
    """BM25 over whole documents (in ``doc_ids`` order) and over chunks, from term ids
    (:class:`Vocabulary`). Each chunk's body is tokenized once, for both."""
    vocabulary = Vocabulary()
    bodies = [vocabulary.terms(_body(c)) for c in chunks]
    rows_of: dict[str, list[int]] = {}
    for row, c in enumerate(chunks):
        rows_of.setdefault(c.doc_id, []).append(row)
    documents = [_document_terms(vocabulary, chunks, rows_of.get(d, []), bodies) for d in doc_ids]
    doc_lexical = LexicalIndex.build(documents, dict(vocabulary.ids))
    del documents
    chunk_terms = bodies  # rebuilt in place: each body is let go as soon as its chunk's terms replace it
    for row, c in enumerate(chunks):
        chunk_terms[row] = _chunk_terms(vocabulary, c, chunk_terms[row])
    return doc_lexical, LexicalIndex.build(chunk_terms, vocabulary.ids)


def _body(chunk: ChunkRecord) -> str:
    return chunk.embed_text.split("\n\n", 1)[1] if "\n\n" in chunk.embed_text else ""


def _chunk_terms(vocabulary: Vocabulary, chunk: ChunkRecord, body: list[int]) -> list[int]:
    """A chunk's BM25 terms: its document's names and its headings, weighted, then its body."""
    names = _names(chunk)
    if chunk.heading_path and chunk.heading_path[0] != chunk.title:
        names.append(chunk.heading_path[0])
    headings = [*chunk.heading_path[1:], *(s.title for s in chunk.sections[1:])]
    return vocabulary.fields(names=names, headings=headings, body=body)


def _document_terms(
    vocabulary: Vocabulary, chunks: list[ChunkRecord], rows: list[int], bodies: list[list[int]]
) -> list[int]:
    """A document's BM25 terms (its chunks are ``rows`` of ``chunks``, their bodies' terms the
    same rows of ``bodies``): its names once, every heading once and every chunk's body, so term
    frequencies and length are the whole document's."""
    if not rows:
        return []
    names = _names(chunks[rows[0]])
    headings: list[str] = []
    for row in rows:
        headings.extend(h for h in chunks[row].heading_path[1:] if h not in headings)
    body = [term for row in rows for term in bodies[row]]
    return vocabulary.fields(names=names, headings=headings, body=body, weight=1)


def _names(chunk: ChunkRecord) -> list[str]:
    """What names a chunk's document: its title, its alerts and its file name (an incident has none)."""
    stem = chunk.file_stem if chunk.collection != "incidents" else ""
    return [chunk.title, *chunk.alerts, stem]


def _metadata(chunk: ChunkRecord) -> dict[str, str | int | float | bool]:
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
