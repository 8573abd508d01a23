"""Plain data the store reads, writes and returns.

Frozen dataclasses rather than pydantic models: these are internal records that are built by our
own code (never parsed from untrusted input) and serialised to JSON by :mod:`retrieval.generations`,
so validation would only cost time on the 10,000-chunk load path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

COLLECTIONS: tuple[str, ...] = ("runbooks", "kb", "incidents")
"""Every collection the store knows. ``runbooks`` and ``kb`` come from markdown files,
``incidents`` from :meth:`retrieval.Store.add_incident`."""

FILE_COLLECTIONS: tuple[str, ...] = ("runbooks", "kb")

Method = Literal["fused", "bm25", "dense"]


@dataclass(frozen=True, slots=True)
class Section:
    """One heading a chunk covers: its text and its GitHub-style anchor."""

    title: str
    anchor: str


class _LeadSection:
    """The section a chunk is cited by: the first heading it covers (none for an intro)."""

    __slots__ = ()
    sections: tuple[Section, ...]

    @property
    def section(self) -> str:
        return self.sections[0].title if self.sections else ""

    @property
    def anchor(self) -> str:
        return self.sections[0].anchor if self.sections else ""


@dataclass(frozen=True, slots=True)
class Chunk(_LeadSection):
    """One retrievable piece of a document, ready to embed.

    ``text`` is the breadcrumb line, a blank line and the raw markdown of the piece (what a person
    reads). ``embed_text`` is the same with link targets, HTML tags and Hugo shortcodes removed
    (what the model reads). Both stay under the token cap.
    """

    doc_id: str
    ordinal: int
    heading_path: tuple[str, ...]
    sections: tuple[Section, ...]
    text: str
    embed_text: str
    tokens: int


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A markdown file after front matter parsing and chunking."""

    doc_id: str
    collection: str
    title: str
    path: str
    rel_path: str
    root: str
    content_hash: str
    source_url: str
    services: tuple[str, ...]
    alerts: tuple[str, ...]
    chunks: tuple[Chunk, ...]


@dataclass(frozen=True, slots=True)
class ChunkRecord(_LeadSection):
    """A chunk as persisted in a generation: everything a search result needs."""

    id: str
    doc_id: str
    collection: str
    title: str
    path: str
    source_url: str
    heading_path: tuple[str, ...]
    sections: tuple[Section, ...]
    services: tuple[str, ...]
    alerts: tuple[str, ...]
    content_hash: str
    text: str
    embed_text: str

    @property
    def file_stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "collection": self.collection,
            "title": self.title,
            "path": self.path,
            "source_url": self.source_url,
            "heading_path": list(self.heading_path),
            "sections": [[s.title, s.anchor] for s in self.sections],
            "services": list(self.services),
            "alerts": list(self.alerts),
            "content_hash": self.content_hash,
            "text": self.text,
            "embed_text": self.embed_text,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChunkRecord:
        return cls(
            id=data["id"],
            doc_id=data["doc_id"],
            collection=data["collection"],
            title=data["title"],
            path=data["path"],
            source_url=data["source_url"],
            heading_path=tuple(data["heading_path"]),
            sections=tuple(Section(t, a) for t, a in data["sections"]),
            services=tuple(data["services"]),
            alerts=tuple(data["alerts"]),
            content_hash=data["content_hash"],
            text=data["text"],
            embed_text=data["embed_text"],
        )


@dataclass(frozen=True, slots=True)
class DocRecord:
    """A document in a generation's manifest (chunks are kept separately)."""

    doc_id: str
    collection: str
    title: str
    root: str
    rel_path: str
    path: str
    content_hash: str
    fingerprint: str
    chunk_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "collection": self.collection,
            "title": self.title,
            "root": self.root,
            "rel_path": self.rel_path,
            "path": self.path,
            "content_hash": self.content_hash,
            "fingerprint": self.fingerprint,
            "chunk_ids": list(self.chunk_ids),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DocRecord:
        return cls(
            doc_id=data["doc_id"],
            collection=data["collection"],
            title=data["title"],
            root=data["root"],
            rel_path=data["rel_path"],
            path=data["path"],
            content_hash=data["content_hash"],
            fingerprint=data["fingerprint"],
            chunk_ids=tuple(data["chunk_ids"]),
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked section of one document.

    ``score`` is the fused score (reciprocal rank fusion plus the alert-name boost) for
    ``method="fused"``, the BM25 score for ``"bm25"`` and the cosine similarity for ``"dense"``.
    ``similarity`` is always the cosine similarity between the query and the chunk (``None`` when
    the dense side was unavailable), which is the number to threshold on.
    ``url`` cites the section: the document's source URL (or its path) plus ``#anchor``.
    """

    id: str
    collection: str
    title: str
    section: str
    anchor: str
    heading_path: tuple[str, ...]
    path: str
    url: str
    score: float
    similarity: float | None
    text: str
    chunk_id: str
    alert_match: bool = False

    def to_json(self) -> dict[str, Any]:
        """The ``opsdesk search`` result object of the DESIGN contract."""
        return {
            "id": self.id,
            "title": self.title,
            "section": self.section,
            "path": self.path,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Ranked hits plus anything that degraded the answer (for example chroma down)."""

    query: str
    hits: tuple[SearchHit, ...]
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[SearchHit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index: int) -> SearchHit:
        return self.hits[index]


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """A resolved incident, written when the incident closes.

    ``symptoms`` holds the signature text: alert names, error signatures, the symptoms a
    responder saw. It is what :meth:`retrieval.Store.similar_incidents` matches against most.
    """

    id: str
    title: str
    service: str
    cause: str
    culprit: str
    fix: str
    summary: str
    symptoms: str
    resolved_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "service": self.service,
            "cause": self.cause,
            "culprit": self.culprit,
            "fix": self.fix,
            "summary": self.summary,
            "symptoms": self.symptoms,
            "resolved_at": self.resolved_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IncidentRecord:
        return cls(
            id=data["id"],
            title=data["title"],
            service=data["service"],
            cause=data["cause"],
            culprit=data["culprit"],
            fix=data["fix"],
            summary=data["summary"],
            symptoms=data["symptoms"],
            resolved_at=datetime.fromisoformat(data["resolved_at"]),
        )


@dataclass(frozen=True, slots=True)
class SimilarIncident:
    """A past incident similar to the text asked about."""

    incident: IncidentRecord
    score: float
    similarity: float | None


@dataclass(slots=True)
class IndexReport:
    """What one :meth:`retrieval.Store.index` run did."""

    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: int = 0
    chunks_embedded: int = 0
    chunks_total: int = 0
    seconds: float = 0.0
    generation: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def switched(self) -> bool:
        """True when a new generation went live (something was added, changed or deleted)."""
        return bool(self.added or self.changed or self.deleted)

    def summary(self) -> str:
        parts = f"{self.added} added, {self.changed} changed, {self.deleted} deleted, {self.unchanged} unchanged"
        if self.skipped:
            parts += f", {self.skipped} skipped"
        chunks = f"{self.chunks_total} chunks, {self.chunks_embedded} embedded"
        return f"{parts} ({chunks}) in {self.seconds:.2f}s"
