"""Plain data the store reads, writes and returns.

Frozen dataclasses rather than pydantic models: these are internal records that are built by our
own code (never parsed from untrusted input) and serialised to JSON by :mod:`retrieval.generations`,
so validation would only cost time on the 10,000-chunk load path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    Record = TypeVar("Record", bound=DataclassInstance)

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


class _JsonRecord:
    """A record stored as JSON field by field, in field order (see :data:`_CODECS`)."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return {
            name: getattr(self, name) if codec is None else codec[0](getattr(self, name))
            for name, codec in _codecs(type(self))
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        values = {name: data[name] if codec is None else codec[1](data[name]) for name, codec in _codecs(cls)}
        return cls(**values)


_Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]

_CODECS: dict[str, _Codec] = {
    "heading_path": (list, tuple),
    "sections": (
        lambda sections: [[s.title, s.anchor] for s in sections],
        lambda rows: tuple(Section(title, anchor) for title, anchor in rows),
    ),
    "services": (list, tuple),
    "alerts": (list, tuple),
    "chunk_ids": (list, tuple),
    "resolved_at": (datetime.isoformat, datetime.fromisoformat),
}
"""(to JSON, from JSON) for the fields JSON cannot hold as they are; the rest are stored as is."""


_FIELD_CODECS: dict[type[_JsonRecord], tuple[tuple[str, _Codec | None], ...]] = {}


def _codecs(record: type[_JsonRecord]) -> tuple[tuple[str, _Codec | None], ...]:
    """Each field of ``record`` in order, with its codec (worked out once per record type)."""
    if record not in _FIELD_CODECS:
        names = [f.name for f in fields(cast("type[DataclassInstance]", record))]
        _FIELD_CODECS[record] = tuple((name, _CODECS.get(name)) for name in names)
    return _FIELD_CODECS[record]


def from_fields(cls: type[Record], *sources: object, **values: object) -> Record:
    """A ``cls`` record with ``values``, its other fields copied by name from the first of
    ``sources`` that has them (records of one document share their field names)."""
    for f in fields(cls):
        if f.name not in values:
            values[f.name] = getattr(next(s for s in sources if hasattr(s, f.name)), f.name)
    return cls(**values)


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
class _DocumentFields:
    """What every record of a document says about it (a chunk record, about its document)."""

    doc_id: str
    collection: str
    title: str
    path: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class ParsedDocument(_DocumentFields):
    """A markdown file after front matter parsing and chunking."""

    root: str
    rel_path: str
    source_url: str
    services: tuple[str, ...]
    alerts: tuple[str, ...]
    chunks: tuple[Chunk, ...]


@dataclass(frozen=True, slots=True)
class ChunkRecord(_LeadSection, _JsonRecord, _DocumentFields):
    """A chunk as persisted in a generation: everything a search result needs."""

    id: str
    source_url: str
    services: tuple[str, ...]
    alerts: tuple[str, ...]
    heading_path: tuple[str, ...]
    sections: tuple[Section, ...]
    text: str
    embed_text: str

    @property
    def file_stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name


@dataclass(frozen=True, slots=True)
class DocRecord(_JsonRecord, _DocumentFields):
    """A document in a generation's manifest (chunks are kept separately)."""

    root: str
    rel_path: str
    fingerprint: str
    chunk_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Parts:
    """What a hit's score is made of (for ``opsdesk search --explain``).

    ``dense_share`` and ``lexical_share`` are the two rankers' parts of the fused score (for the
    weighted sum: alpha times the min-max normalised cosine similarity, and 1-alpha times the
    normalised BM25 score; for RRF: 1/(k+rank)); ``document`` is the whole-document BM25 part,
    ``alert`` the alert-name boost, ``length`` the long document's handicap (zero or less);
    ``bm25`` is the chunk's raw BM25 score.
    """

    dense_share: float = 0.0
    lexical_share: float = 0.0
    document: float = 0.0
    alert: float = 0.0
    bm25: float = 0.0
    length: float = 0.0

    def plus(self, *, document: float = 0.0, alert: float = 0.0, length: float = 0.0) -> Parts:
        return Parts(
            self.dense_share,
            self.lexical_share,
            self.document + document,
            self.alert + alert,
            self.bm25,
            self.length + length,
        )

    @property
    def total(self) -> float:
        return self.dense_share + self.lexical_share + self.document + self.alert + self.length


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
    parts: Parts = field(default_factory=lambda: Parts())

    def to_json(self) -> dict[str, Any]:
        """The ``opsdesk search`` result object of the documented contract."""
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
class IncidentRecord(_JsonRecord):
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
