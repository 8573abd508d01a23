"""Why a search ranked what it ranked: the text ``opsdesk search --explain`` prints.

Per hit: the score split into its parts (the dense and BM25 shares of the fusion, the
whole-document BM25 part, the alert-name boost, the long document's handicap), the raw cosine
similarity and BM25 score behind them, the section matched with its heading path, and against the
next hit which parts carried the margin. Pure functions over :class:`~retrieval.models.SearchHit`,
so the CLI only prints.
"""

from __future__ import annotations

from typing import Any

from retrieval.models import Parts, SearchHit, SearchResults

PART_NAMES: tuple[tuple[str, str], ...] = (
    ("dense_share", "dense"),
    ("lexical_share", "bm25"),
    ("document", "document bm25"),
    ("alert", "alert name"),
    ("length", "length"),
)


def part_values(parts: Parts) -> dict[str, float]:
    return {label: float(getattr(parts, field)) for field, label in PART_NAMES}


def margin(ahead: SearchHit, behind: SearchHit) -> str:
    """One line: by how much ``ahead`` outranks ``behind`` and which parts made the difference."""
    gap = ahead.score - behind.score
    mine, theirs = part_values(ahead.parts), part_values(behind.parts)
    diffs = sorted(((mine[k] - theirs[k], k) for k in mine), key=lambda d: (-abs(d[0]), d[1]))
    said = [f"{name} {diff:+.4f}" for diff, name in diffs if abs(diff) >= 5e-5]
    if gap <= 0:
        return f"ties with the next ({behind.id}) and wins on the document id order"
    if not said:
        return f"ahead of the next ({behind.id}) by {gap:.4f}"
    return f"ahead of the next ({behind.id}) by {gap:.4f}: " + ", ".join(said)


def _section(hit: SearchHit) -> str:
    """The section cited, with the passage it was found in when that is another heading (a chunk
    can cover several small sections; the one the query names is cited)."""
    path = " > ".join(hit.heading_path) or hit.title
    cited = hit.section or hit.title
    if hit.heading_path and cited != hit.heading_path[-1]:
        return f"{cited} (in the passage {path})"
    return path


def explain(results: SearchResults) -> list[str]:
    """Lines of text explaining every hit of ``results``."""
    lines: list[str] = []
    for rank, hit in enumerate(results.hits, start=1):
        p = hit.parts
        section = _section(hit)
        similarity = "n/a" if hit.similarity is None else f"{hit.similarity:.4f}"
        lines.append(f"{rank}. {hit.title} ({hit.id})  score {hit.score:.4f}")
        lines.append(f"   section: {section}  [{hit.url}]")
        lines.append(
            f"   = dense {p.dense_share:.4f} (cosine {similarity}) + bm25 {p.lexical_share:.4f} "
            f"(chunk score {p.bm25:.3f}) + document bm25 {p.document:.4f} + alert name {p.alert:.4f} "
            f"- length {-p.length:.4f}"
        )
        if rank < len(results.hits):
            lines.append(f"   {margin(hit, results.hits[rank])}")
    return lines


def explain_json(hit: SearchHit) -> dict[str, Any]:
    """The parts of one hit, for ``--explain --json``."""
    p = hit.parts
    return {
        "dense": round(p.dense_share, 6),
        "bm25": round(p.lexical_share, 6),
        "document": round(p.document, 6),
        "alert": round(p.alert, 6),
        "length": round(p.length, 6),
        "similarity": None if hit.similarity is None else round(hit.similarity, 6),
        "bm25_score": round(p.bm25, 6),
        "heading_path": list(hit.heading_path),
    }
