"""Ranking quality on corpora nobody here wrote, against a whole-document BM25 floor in the same run.

    .venv/bin/python bench/retrieval_foreign.py [--set valgrind-errors --set node-errors ...]
        [--own] [--work DIR] [--misses] [--sweep]

Without ``--set``, every set under ``bench/sets/`` runs. ``--sweep`` also scores the ranking
settings in ``VARIANTS`` (among them the search without its length handicap) in the same run.

Each set under ``bench/sets/<name>/`` has ``docs/`` (markdown with front matter ids) and
``queries.jsonl`` (``{"query", "id", "section", "collection"}``); see their READMEs for the
sources, licences and how the queries were made. ``--own`` adds our runbooks with
``tests/retrieval/queries.jsonl``. Each corpus is indexed once into ``--work`` (reused by later
runs: only changed files are embedded again).

Per set and method: recall@1, recall@3 and MRR@10 at document and section level. ``floor`` is
plain BM25 (bm25s, Lucene scoring, its English stop words, no stemming) over whole documents
(front matter stripped, title included); it cannot cite a section, so its section level is
reported only where every labelled section is its document's only one. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.evaluation import LabelledQuery, evaluate, load_queries, metrics  # noqa: E402
from retrieval.sources import document_id, find_markdown, read_source, split_front_matter  # noqa: E402
from retrieval.store import Store  # noqa: E402

SETS = ROOT / "bench" / "sets"


def floor(corpus: Path, queries: list[LabelledQuery]) -> dict[str, object]:
    """Whole-document BM25: the baseline any cleverness has to beat."""
    import bm25s

    ids: list[str] = []
    texts: list[str] = []
    _, files = find_markdown(corpus)
    for file in files:
        raw = read_source(file)
        meta, body = split_front_matter(raw.data.decode("utf-8", "replace"), file.display_path)
        ids.append(str(meta.get("id") or document_id(file.rel_path)))
        texts.append(f"{meta.get('title', '')}\n{body}")
    model = bm25s.BM25(method="lucene")
    model.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
    ranks: list[int | None] = []
    for q in queries:
        tokens = bm25s.tokenize([q.query], stopwords="en", show_progress=False)
        found, scores = model.retrieve(tokens, k=min(10, len(ids)), show_progress=False)
        ranked = [ids[int(i)] for i, s in zip(found[0], scores[0], strict=True) if s > 0]
        ranks.append(ranked.index(q.id) + 1 if q.id in ranked else None)
    document = metrics(ranks).as_dict()
    single = all(q.section is None for q in queries)
    return {"document": document, "section": document if single else None}


VARIANTS: dict[str, dict[str, object]] = {
    "weighted a=0.5": {"fusion": "weighted", "alpha": 0.5, "doc_weight": 0.0},
    "weighted a=0.3": {"fusion": "weighted", "alpha": 0.3, "doc_weight": 0.0},
    "weighted a=0.7": {"fusion": "weighted", "alpha": 0.7, "doc_weight": 0.0},
    "rrf k=60": {"fusion": "rrf", "doc_weight": 0.0},
    "weighted+doc 0.25": {"fusion": "weighted", "alpha": 0.5, "doc_weight": 0.25},
    "weighted+doc 0.5": {"fusion": "weighted", "alpha": 0.5, "doc_weight": 0.5},
    "weighted+doc 1.0": {"fusion": "weighted", "alpha": 0.5, "doc_weight": 1.0},
    "no length handicap": {"length_penalty": 0.0},
}
"""Ranking settings tried with ``--sweep`` (on the tuning set; judged on the held-out one)."""


def run_set(
    name: str, corpus: Path, queries_file: Path, work: Path, misses: bool, sweep: bool = False
) -> dict[str, object]:
    queries = load_queries(queries_file)
    store = Store(work / name)
    started = time.perf_counter()
    report = store.index([corpus])
    out: dict[str, object] = {
        "queries": len(queries),
        "chunks": report.chunks_total,
        "index_s": round(time.perf_counter() - started, 1),
        "floor": floor(corpus, queries),
    }
    for method in ("bm25", "dense", "fused"):
        ev = evaluate(store, queries, method=method)
        out[method] = {"document": ev.document.as_dict(), "section": ev.section.as_dict()}
        if misses and method == "fused":
            out["misses"] = [{"query": q, "expected": e, "got": g} for q, e, g in ev.misses]
    if sweep:
        defaults = {
            "fusion": store.fusion,
            "alpha": store.alpha,
            "doc_weight": store.doc_weight,
            "length_penalty": store.length_penalty,
        }
        for label, settings in VARIANTS.items():
            for key, value in {**defaults, **settings}.items():
                setattr(store, key, value)
            ev = evaluate(store, queries, method="fused", label=label)
            out[label] = {"document": ev.document.as_dict(), "section": ev.section.as_dict()}
        for key, value in defaults.items():
            setattr(store, key, value)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--set", action="append", dest="sets")
    parser.add_argument("--own", action="store_true", help="also our runbooks and labelled queries")
    parser.add_argument("--work", type=Path, default=Path("/tmp/opsdesk-foreign"))
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="also the ranking settings in VARIANTS")
    args = parser.parse_args()
    names = args.sets or sorted(p.name for p in SETS.iterdir() if (p / "queries.jsonl").exists())
    results: dict[str, object] = {}
    for name in names:
        folder = SETS / name
        results[name] = run_set(name, folder / "docs", folder / "queries.jsonl", args.work, args.misses, args.sweep)
    if args.own:
        own = ROOT / "tests/retrieval/queries.jsonl"
        results["own"] = run_set("own", ROOT / "runbooks", own, args.work, False, args.sweep)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
