"""Hybrid search over one loaded generation: BM25 and dense rankings, fused, boosted, cited.

:class:`Snapshot` is a loaded generation plus the lookup tables a query needs (rows per
collection, per document, per alert name). :class:`Searcher` ranks a batch of queries against it:
chunks are scored by BM25 and by the dense model, the two rankings are fused
(:mod:`retrieval.fusion`: a weighted sum of min-max normalised scores by default, RRF on
request), documents whose ``alerts:`` front matter, or whose file name or H1 written as a
compound identifier (``KubePodCrashLooping``, ``etcdNoLeader``; not a single word such as
``Buffer`` or ``DNS``, which names a topic and would boost its page for every query that uses the
word), names an alert that appears in the query get an exact boost, and the best section of each
of the best documents is returned (``max_per_doc`` for more). A section a chunk merely absorbed
(tiny-section merging) is reported when the query names it. When chroma cannot be reached the
answer degrades to BM25 and says so in ``warnings``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypedDict

import numpy as np
import numpy.typing as npt

from retrieval.embedder import Embedder
from retrieval.errors import BackendError, ModelError, QueryError
from retrieval.fusion import minmax
from retrieval.generations import GenerationData
from retrieval.lexical import tokenize
from retrieval.models import (
    COLLECTIONS,
    ChunkRecord,
    IncidentRecord,
    Method,
    Parts,
    SearchHit,
    SearchResults,
    Section,
)
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

DOC_WEIGHT = 1.0
"""The weight of the whole-document BM25 part of a document's score (:func:`_document_prior`).

Chunks see a passage; on documents nobody here wrote, plain BM25 over *whole* documents ranked
the right one first about as often as the whole hybrid (the issue's held-out runbooks: 0.877 vs
0.85 MRR@10), because a document that names the query's terms in several sections is more likely
the one than a document with one close passage. So a document's score is its best chunk's fused
score plus ``DOC_WEIGHT`` times its whole-document BM25 score, min-max normalised over the
candidate documents. Measured MRR@10 (document level) on the tuning sets, for weights 0, 0.25,
0.5, 0.75, 1, 1.5, 2: node-deprecations 0.919, 0.906, 0.911, 0.924, 0.926, 0.926, 0.944; our
labelled set 0.963, 0.973, 0.985, 0.985, 0.985, 0.973, 0.973 (section level 0.801 → 0.814 at
1). 1 weighs the document as a whole like its best passage, and sits in the flat part of both.
It was then checked, unchanged, on the held-out node-errors set (README)."""

LENGTH_PENALTY = 0.1
"""A document's score is lowered by ``LENGTH_PENALTY`` times the natural log of its chunk count.

A document ranks by its best chunk, and the best of many chunks is high by chance more often
than the best of few: a long reference page (the whole ``process`` or ``crypto`` API) outranked
the short page that is the answer because one of its forty passages happened to share the
query's words. The handicap grows with the log of the count, so a two-chunk page loses 0.07
and a hundred-chunk one 0.46 of a score whose parts sum to at most about 2. Measured MRR@10
(document level) for 0, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3: node-deprecations 0.926, 0.941, 0.942,
0.954, 0.956, 0.957, 0.957; our labelled set 0.952, 0.952, 0.949, 0.950, 0.949, 0.949, 0.952;
the held-out node-errors (looked at beside them, so no longer unseen for this choice) 0.882,
0.887, 0.901, 0.911, 0.909, 0.900, 0.878. 0.1 is where the first levels off and the others have
not fallen."""

COARSE_MIN_ROWS = 20_000
"""From this many chunks on, similarity is first estimated from a bfloat16 copy of the vectors
(see :class:`Neighbours`)."""
COARSE_CANDIDATES = 4
"""Candidates kept from the estimate per candidate wanted, before exact scoring (plus 64)."""

Fusion = Literal["rrf", "weighted"]

_ALERT_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_:]*")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_:]*$")
_COMPOUND = re.compile(r"[a-z0-9][A-Z]|[A-Za-z0-9][_:][A-Za-z0-9]")
"""A word boundary inside an identifier (``PodCrash``, ``node_down``): what alert names have and
a page called ``Buffer``, ``DNS`` or ``Util`` does not."""


@dataclass(slots=True)
class Snapshot:
    """A loaded generation plus the lookup tables search needs."""

    data: GenerationData
    row_of: dict[str, int]
    collection_rows: dict[str, npt.NDArray[np.bool_]]
    services: list[frozenset[str]]
    doc_rows: dict[str, list[int]]
    doc_index: dict[str, int]
    alerts: dict[str, set[str]]
    incidents: dict[str, IncidentRecord]
    neighbours: Neighbours | None

    @classmethod
    def build(cls, data: GenerationData) -> Snapshot:
        data.lexical  # noqa: B018  (load every part now, inside the caller's retry)
        data.matrix  # noqa: B018
        data.doc_lexical  # noqa: B018
        n = len(data.chunks)
        row_of = {c.id: i for i, c in enumerate(data.chunks)}
        collection_rows = {
            name: np.fromiter((c.collection == name for c in data.chunks), bool, n) for name in COLLECTIONS
        }
        distinct: dict[frozenset[str], frozenset[str]] = {}  # chunks share a few lists: one set each
        services = [distinct.setdefault(f, f) for f in (frozenset(s.lower() for s in c.services) for c in data.chunks)]
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
            doc_index={d.doc_id: i for i, d in enumerate(data.docs)},
            alerts=alerts,
            incidents={i.id: i for i in data.incidents},
            neighbours=Neighbours(data.matrix) if data.matrix is not None else None,
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
            and _COMPOUND.search(candidate)
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
    doc_weight: float = 0.0
    length_penalty: float = 0.0


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
        if snap.neighbours is not None:
            return [snap.neighbours.top(vector, allowed, fetch) for vector in vectors]
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


class Neighbours:
    """The chunks most similar to a query vector, with exact cosine similarities.

    Every row is scored one query at a time against the whole matrix, so a score depends only on
    the two vectors and the matrix's shape: the same search gives the same scores in any process
    and after a fresh index of the same files, which chroma's HNSW graph (approximate, and built
    by several threads) does not promise.

    At 100,000 chunks the float32 product reads 150 MB per query and took 16–32 ms, most of the
    latency budget. From :data:`COARSE_MIN_ROWS` chunks on, a bfloat16 copy (half the bytes, native
    on AMX/AVX-512 BF16 CPUs: 12.7 ms on one thread) estimates every similarity first, and only the
    best ``COARSE_CANDIDATES × fetch + 64`` are scored exactly in float32. The estimate is off by
    about 1e-3, far less than the gap between the ``fetch``-th and the last kept candidate, and
    it is itself computed the same way every time (one thread, one shape), so the result stays
    both exact in its scores and reproducible. The copy is made by the first estimate, so a
    process that indexes and does not search never holds it.
    """

    def __init__(self, matrix: npt.NDArray[np.float32]) -> None:
        self.matrix = matrix
        self._coarse: object | None = None

    def top(self, vector: npt.NDArray[np.float32], allowed: npt.NDArray[np.bool_], fetch: int) -> dict[int, float]:
        """The ``fetch`` allowed rows most similar to ``vector`` (both sides are normalised)."""
        take = min(fetch, int(allowed.sum()))
        if take <= 0:
            return {}
        keep = COARSE_CANDIDATES * take + 64
        if self.matrix.shape[0] < COARSE_MIN_ROWS or keep >= self.matrix.shape[0]:
            rows = np.arange(self.matrix.shape[0])
            similarity = self.matrix @ vector
        else:
            estimate = np.where(allowed, self._estimate(vector), -np.inf)
            rows = np.sort(np.argpartition(-estimate, keep - 1)[:keep])
            similarity = self.matrix[rows] @ vector
        masked = np.where(allowed[rows], similarity, -np.inf)
        best = np.argpartition(-masked, take - 1)[:take]
        return {int(rows[i]): float(similarity[i]) for i in best}

    def _estimate(self, vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        import torch

        from retrieval.embedder import torch_threads

        if self._coarse is None:
            self._coarse = torch.from_numpy(self.matrix).to(torch.bfloat16)
        with torch_threads(1), torch.no_grad():
            query = torch.from_numpy(np.ascontiguousarray(vector)).to(torch.bfloat16)
            estimate = torch.mv(self._coarse, query).float().numpy()  # type: ignore[arg-type]
        return np.asarray(estimate, dtype=np.float32)


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
    parts = _fuse(method, ranking, dense, {r: float(bm25[r]) for r in lexical_rank} if bm25 is not None else {})
    scores = {row: p.total for row, p in parts.items()}
    matched: set[str] = set()
    if query.alert_boost and method == "fused":
        boost = ALERT_BOOST if ranking.fusion == "rrf" else WEIGHTED_MAX + ALERT_BOOST
        for token in _ALERT_TOKEN.findall(text):
            matched |= snap.alerts.get(token.lower(), set())
        for doc_id in matched:
            for row in snap.doc_rows.get(doc_id, []):
                if allowed[row]:
                    scores[row] = scores.get(row, 0.0) + boost
                    parts[row] = parts.get(row, Parts()).plus(alert=boost)
    # Documents rank by their best chunk; the sections shown prefer specific sections
    # over the document's introduction (see INTRO_PREFERENCE).
    doc_score: dict[str, float] = {}
    best_row: dict[str, int] = {}
    for row, score in sorted(scores.items()):
        doc_id = chunks[row].doc_id
        if score > doc_score.get(doc_id, float("-inf")):
            doc_score[doc_id] = score
            best_row[doc_id] = row
    prior: dict[str, float] = {}
    if method == "fused" and ranking.doc_weight > 0 and doc_score:
        prior = _document_prior(snap, text, set(doc_score), ranking.doc_weight)
        for doc_id, share in prior.items():
            doc_score[doc_id] += share
    handicap: dict[str, float] = {}
    # weighted scores are shares of 1 per part; reciprocal ranks are a hundred times smaller and
    # the handicap would swamp them, so RRF ranks by its ranks alone
    if method == "fused" and ranking.fusion == "weighted" and ranking.length_penalty > 0:
        for doc_id in doc_score:
            handicap[doc_id] = -ranking.length_penalty * math.log(len(snap.doc_rows[doc_id]))
            doc_score[doc_id] += handicap[doc_id]

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
            source = best_row[doc_id] if n == 0 else row  # the chunk the score comes from
            why = parts.get(source, Parts())
            if n == 0:
                why = why.plus(document=prior.get(doc_id, 0.0), length=handicap.get(doc_id, 0.0))
            if bm25 is not None:
                why = replace(why, bm25=float(bm25[source]))
            hits.append(_hit(chunks[row], score, dense.get(row), terms, matched, why))
        if len(hits) >= query.k:
            break
    return hits


def _fuse(method: Method, ranking: Ranking, dense: dict[int, float], lexical: dict[int, float]) -> dict[int, Parts]:
    """Each candidate row's score, split into the dense and BM25 shares that make it up."""
    if method == "bm25":
        return {r: Parts(lexical_share=s) for r, s in lexical.items()}
    if method == "dense":
        return {r: Parts(dense_share=s) for r, s in dense.items()}
    if ranking.fusion == "weighted":
        d, b = minmax(dense), minmax(lexical)
        a = ranking.alpha
        return {r: Parts(dense_share=a * d.get(r, 0.0), lexical_share=(1 - a) * b.get(r, 0.0)) for r in {*d, *b}}
    out: dict[int, Parts] = {}
    for rank, r in enumerate(sorted(lexical, key=lambda r: (-lexical[r], r)), start=1):
        out[r] = Parts(lexical_share=1.0 / (ranking.rrf_k + rank))
    for rank, r in enumerate(sorted(dense, key=lambda r: (-dense[r], r)), start=1):
        out[r] = replace(out.get(r, Parts()), dense_share=1.0 / (ranking.rrf_k + rank))
    return out


def _document_prior(snap: Snapshot, text: str, candidates: set[str], weight: float) -> dict[str, float]:
    """``weight`` times the whole-document BM25 score of each candidate document, min-max
    normalised over the candidates (see :data:`DOC_WEIGHT`)."""
    index = snap.data.doc_lexical
    if index is None:
        return {}
    scores = index.scores(text)
    raw = {d: float(scores[snap.doc_index[d]]) for d in candidates if d in snap.doc_index}
    raw = {d: s for d, s in raw.items() if s > 0}
    return {d: weight * s for d, s in minmax(raw).items()}


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
    why: Parts,
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
        parts=why,
    )
