"""Hybrid search over one loaded generation: BM25 and dense rankings, fused, boosted, cited.

:class:`Snapshot` is a loaded generation plus the lookup tables a query needs (rows per
collection, per document, per alert name). :class:`Searcher` ranks a batch of queries against it:
chunks are scored by BM25 and by the dense model, the two rankings are fused
(:mod:`retrieval.fusion`: a weighted sum of min-max normalised scores by default, RRF on
request), documents whose ``alerts:`` front matter, or whose file name or H1 written as an
identifier (``KubePodCrashLooping``, ``etcdNoLeader``), names an alert that appears in the query
get an exact boost, and the best section of each of the best documents is returned
(``max_per_doc`` for more). A section a chunk merely absorbed (tiny-section merging) is reported
when the query names it. When chroma cannot be reached the answer degrades to BM25 and says so in
``warnings``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

import numpy as np
import numpy.typing as npt

from retrieval.embedder import Embedder
from retrieval.errors import BackendError, ModelError, QueryError
from retrieval.fusion import rrf, weighted_sum
from retrieval.generations import GenerationData
from retrieval.lexical import tokenize
from retrieval.models import COLLECTIONS, ChunkRecord, IncidentRecord, Method, SearchHit, SearchResults, Section
from retrieval.vectors import VectorStore

ALERT_BOOST = 1.0
"""Added to a document's fused score when the query names one of its alerts (on top of
:data:`WEIGHTED_MAX` for the weighted sum). The largest fused score without it is
:data:`WEIGHTED_MAX` for the weighted sum and 2/(k+1) for RRF, so an alert match always ranks
first."""

WEIGHTED_MAX = 1.0
"""The largest weighted-sum score (both sides min-max normalised to at most 1, weights summing
to 1)."""

INTRO_PREFERENCE = 0.9
"""When choosing which section of a document to show, an introduction (text before the first
section heading) competes with 90% of its score: it summarises the whole document and so resembles
every question about it, and when a specific section scores nearly as well, that section is the
better citation. Document ranking uses the unweighted scores."""

DEFAULT_FETCH = 100
"""Candidates taken from each ranker before fusion."""

FETCH_PER_HIT = 4
"""Candidates per wanted hit at the least, so that large ``k`` or ``max_per_doc`` still find
enough distinct documents and sections among them."""

Fusion = Literal["rrf", "weighted"]

_ALERT_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_:]*")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_:]*$")


@dataclass(slots=True)
class Snapshot:
    """A loaded generation plus the lookup tables search needs."""

    data: GenerationData
    row_of: dict[str, int]
    collection_rows: dict[str, npt.NDArray[np.bool_]]
    services: list[frozenset[str]]
    doc_rows: dict[str, list[int]]
    alerts: dict[str, set[str]]
    incidents: dict[str, IncidentRecord]

    @classmethod
    def build(cls, data: GenerationData) -> Snapshot:
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


class SearchOptions(TypedDict, total=False):
    """The keyword options of :meth:`retrieval.Store.search`; :class:`Query` has their defaults."""

    k: int
    collections: Sequence[str] | None
    service: str | None
    max_per_doc: int
    method: Method
    alert_boost: bool


@dataclass(frozen=True, slots=True)
class Query:
    """What a search asks for besides its text (checked on construction).

    ``k`` hits, at most ``max_per_doc`` of them per document, from ``collections`` (all when
    None); ``service`` keeps documents for that service (or for every service); ``method`` is
    ``fused``, ``bm25`` or ``dense``; ``alert_boost`` ranks documents for an alert named in the
    query first.
    """

    k: int = 5
    collections: Sequence[str] | None = None
    service: str | None = None
    max_per_doc: int = 1
    method: Method = "fused"
    alert_boost: bool = True

    def __post_init__(self) -> None:
        if self.k < 1:
            raise QueryError(f"k must be at least 1, not {self.k}")
        if self.max_per_doc < 1:
            raise QueryError(f"max_per_doc must be at least 1, not {self.max_per_doc}")
        if self.method not in ("fused", "bm25", "dense"):
            raise QueryError(f"unknown method {self.method!r} (fused, bm25 or dense)")
        unknown = [c for c in self.wanted if c not in COLLECTIONS]
        if unknown:
            raise QueryError(f"unknown collection {unknown[0]!r} (one of: {', '.join(COLLECTIONS)})")

    @property
    def wanted(self) -> tuple[str, ...]:
        return tuple(self.collections) if self.collections else COLLECTIONS


@dataclass(frozen=True, slots=True)
class Ranking:
    """The store's ranking settings (see :class:`retrieval.Store`)."""

    fusion: Fusion
    alpha: float
    rrf_k: int
    fetch: int


class Searcher:
    """Ranks queries against a :class:`Snapshot`."""

    def __init__(self, embedder: Embedder, vectors: VectorStore, stale: dict[tuple[str, str], int]) -> None:
        self.embedder = embedder
        self.vectors = vectors
        self._stale = stale  # the store's cache, cleared when it loads another generation

    def search_many(
        self, snap: Snapshot, queries: Sequence[str], query: Query, ranking: Ranking
    ) -> list[SearchResults]:
        wanted = query.wanted
        allowed = snap.mask(wanted, query.service)
        fetch = max(ranking.fetch, FETCH_PER_HIT * query.k * query.max_per_doc)
        warnings: list[str] = []
        dense: list[dict[int, float]] = [{} for _ in queries]
        if query.method in ("fused", "dense") and allowed.any() and queries:
            try:
                dense = self._dense(snap, queries, wanted, allowed, fetch)
            except (BackendError, ModelError) as error:
                warnings.append(f"{error}; results from BM25 only")
        out = []
        for text, dense_scores in zip(queries, dense, strict=True):
            hits = _rank(snap, text, allowed, dense_scores, fetch, query, ranking)
            out.append(SearchResults(text, tuple(hits), tuple(warnings)))
        return out

    def _dense(
        self,
        snap: Snapshot,
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
            cname = snap.data.collections[name]
            # Over-fetch when a filter hides part of the collection, and by the number of records
            # chroma holds beyond the live ones (a format 1 collection, shared by generations).
            n = min(total, fetch if active == total else fetch * max(1, total // active))
            n += self._stale_records(snap, cname, total)
            results = self.vectors.query(cname, vectors, n)
            for scores, found in zip(out, results, strict=True):
                for chunk_id, similarity in found:
                    row = snap.row_of.get(chunk_id)
                    if row is not None and allowed[row]:
                        scores[row] = similarity
        return out

    def _stale_records(self, snap: Snapshot, cname: str, live: int) -> int:
        """Records in chroma that the live generation does not use (counted once per generation
        and chroma client: our client does not see later writes of other processes anyway)."""
        key = (snap.data.name, cname)
        if key not in self._stale:
            self._stale[key] = max(0, self.vectors.count(cname) - live)
        return self._stale[key]


def _rank(
    snap: Snapshot,
    text: str,
    allowed: npt.NDArray[np.bool_],
    dense: dict[int, float],
    fetch: int,
    query: Query,
    ranking: Ranking,
) -> list[SearchHit]:
    chunks = snap.data.chunks
    method = query.method
    lexical_rank: list[int] = []
    bm25: npt.NDArray[np.float32] | None = None
    if method in ("fused", "bm25"):
        bm25 = snap.data.lexical.scores(text)
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
    elif ranking.fusion == "weighted":
        assert bm25 is not None
        fused = weighted_sum(
            {str(r): s for r, s in dense.items()},
            {str(r): float(bm25[r]) for r in lexical_rank},
            alpha=ranking.alpha,
        )
        scores = {int(r): s for r, s in fused.items()}
    else:
        fused = rrf([[str(r) for r in lexical_rank], [str(r) for r in dense_rank]], k=ranking.rrf_k)
        scores = {int(r): s for r, s in fused.items()}
    matched: set[str] = set()
    if query.alert_boost and method == "fused":
        boost = ALERT_BOOST if ranking.fusion == "rrf" else WEIGHTED_MAX + ALERT_BOOST
        for token in _ALERT_TOKEN.findall(text):
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
        if len(rows) < query.max_per_doc:
            rows.append(row)
    ordered = sorted(per_doc.items(), key=lambda item: (-doc_score[item[0]], item[0]))
    terms = set(tokenize(text))
    hits: list[SearchHit] = []
    for doc_id, rows in ordered:
        for n, row in enumerate(rows):
            if len(hits) >= query.k:
                break
            score = doc_score[doc_id] if n == 0 else scores[row]
            hits.append(_hit(chunks[row], score, dense.get(row), terms, matched))
        if len(hits) >= query.k:
            break
    return hits


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
