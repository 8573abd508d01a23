"""Ranking quality on a labelled query set: recall@1, recall@3 and MRR@10.

A labelled query is ``{"query", "id", "section", "collection"}`` (one JSON object per line).
Two levels are scored:

* **document**: a hit is a result with the labelled ``id``;
* **section**: the same, and when ``section`` is not null the result's reported section must be
  the labelled one (compared case- and whitespace-insensitively, or by anchor) or lie inside it
  (a subsection of the labelled heading is a more precise citation of it).

Results are taken with one section per document (what ``opsdesk search`` prints), so the section
level measures the section a person would actually be shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.models import Method, SearchHit
from retrieval.store import Store
from retrieval.structure import github_slug


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    query: str
    id: str
    section: str | None
    collection: str | None


@dataclass(frozen=True, slots=True)
class Metrics:
    queries: int
    recall_at_1: float
    recall_at_3: float
    mrr_at_10: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "queries": self.queries,
            "recall@1": round(self.recall_at_1, 4),
            "recall@3": round(self.recall_at_3, 4),
            "mrr@10": round(self.mrr_at_10, 4),
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    method: str
    document: Metrics
    section: Metrics
    misses: tuple[tuple[str, str, list[str]], ...]  # (query, expected id, top-3 ids)


def load_queries(path: Path) -> list[LabelledQuery]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            out.append(
                LabelledQuery(
                    query=str(data["query"]),
                    id=str(data["id"]),
                    section=data.get("section"),
                    collection=data.get("collection"),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{n}: not a labelled query ({error})") from error
    return out


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def section_matches(hit: SearchHit, section: str) -> bool:
    wanted = _norm(section)
    if _norm(hit.section) == wanted or hit.anchor == github_slug(section.strip()):
        return True
    return any(_norm(h) == wanted for h in hit.heading_path[1:])


def first_rank(hits: Sequence[SearchHit], label: LabelledQuery, *, by_section: bool) -> int | None:
    for rank, hit in enumerate(hits, start=1):
        if hit.id != label.id:
            continue
        if by_section and label.section is not None and not section_matches(hit, label.section):
            continue
        return rank
    return None


def metrics(ranks: Sequence[int | None]) -> Metrics:
    n = len(ranks)
    if n == 0:
        return Metrics(0, 0.0, 0.0, 0.0)
    r1 = sum(1 for r in ranks if r is not None and r <= 1) / n
    r3 = sum(1 for r in ranks if r is not None and r <= 3) / n
    mrr = sum(1.0 / r for r in ranks if r is not None and r <= 10) / n
    return Metrics(n, r1, r3, mrr)


def evaluate(
    store: Store,
    queries: Sequence[LabelledQuery],
    *,
    method: Method = "fused",
    alert_boost: bool = True,
    use_collection: bool = False,
    label: str | None = None,
) -> Evaluation:
    """Search every query (top 10) and score the rankings at both levels.

    ``use_collection`` restricts each query to its labelled collection; by default every
    collection is searched, which is the harder and more honest setting.
    """
    doc_ranks: list[int | None] = []
    sec_ranks: list[int | None] = []
    misses: list[tuple[str, str, list[str]]] = []
    groups: dict[str | None, list[LabelledQuery]] = {}
    for q in queries:
        groups.setdefault(q.collection if use_collection else None, []).append(q)
    for collection, group in groups.items():
        results = store.search_many(
            [q.query for q in group],
            k=10,
            method=method,
            alert_boost=alert_boost,
            collections=(collection,) if collection else None,
        )
        for q, res in zip(group, results, strict=True):
            d = first_rank(res.hits, q, by_section=False)
            doc_ranks.append(d)
            sec_ranks.append(first_rank(res.hits, q, by_section=True))
            if d is None or d > 3:
                misses.append((q.query, q.id, [h.id for h in res.hits[:3]]))
    name = label or (method if alert_boost or method != "fused" else "fused-no-boost")
    return Evaluation(name, metrics(doc_ranks), metrics(sec_ranks), tuple(misses))
