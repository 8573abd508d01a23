"""Ranking quality of the RAG store on the labelled query set, per method.

    .venv/bin/python bench/retrieval_eval.py [--queries tests/retrieval/queries.jsonl]
        [--corpus runbooks] [--data-dir DIR] [--rrf-k 60] [--sweep] [--json] [--misses]

Indexes the corpus into a temporary data dir (or ``--data-dir``, reused across runs), then
reports recall@1, recall@3 and MRR@10 at document and section level for BM25 alone, dense alone,
fused (the default: weighted sum, alpha 0.5) without and with the alert-name boost. ``--sweep``
adds RRF at several k and weighted sums at several alpha, to show how flat the choice is.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.evaluation import Evaluation, evaluate, load_queries  # noqa: E402
from retrieval.store import Store  # noqa: E402


def _row(ev: Evaluation) -> str:
    d, s = ev.document, ev.section
    return (
        f"{ev.method:<22} doc r@1 {d.recall_at_1:.3f}  r@3 {d.recall_at_3:.3f}  "
        f"mrr@10 {d.mrr_at_10:.3f}   | section r@1 {s.recall_at_1:.3f}  r@3 {s.recall_at_3:.3f}  "
        f"mrr@10 {s.mrr_at_10:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--queries", type=Path, default=ROOT / "tests/retrieval/queries.jsonl")
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--rrf-k", type=int, default=60)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()

    queries = load_queries(args.queries)
    corpus = args.corpus or [ROOT / "runbooks"]
    tmp = None
    data_dir = args.data_dir
    if data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="opsdesk-eval-")
        data_dir = Path(tmp.name)
    store = Store(data_dir, rrf_k=args.rrf_k)
    started = time.perf_counter()
    report = store.index(corpus)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"indexed: {report.summary()}", file=sys.stderr)

    runs: list[Evaluation] = [
        evaluate(store, queries, method="bm25"),
        evaluate(store, queries, method="dense"),
        evaluate(store, queries, method="fused", alert_boost=False, label="fused-no-boost"),
        evaluate(store, queries, method="fused", label="fused (default)"),
    ]
    if args.sweep:
        store.fusion = "rrf"
        runs.append(evaluate(store, queries, alert_boost=False, label="rrf60-no-boost"))
        for k in (10, 30, 60, 100):
            store.rrf_k = k
            runs.append(evaluate(store, queries, label=f"rrf{k}+boost"))
        store.rrf_k = args.rrf_k
        store.fusion = "weighted"
        for alpha in (0.3, 0.5, 0.7):
            store.alpha = alpha
            runs.append(evaluate(store, queries, label=f"weighted a={alpha}+boost"))
        store.alpha = 0.5
    elapsed = time.perf_counter() - started
    if args.json:
        print(
            json.dumps(
                {
                    "queries": len(queries),
                    "seconds": round(elapsed, 1),
                    "methods": {
                        r.method: {"document": r.document.as_dict(), "section": r.section.as_dict()} for r in runs
                    },
                },
                indent=2,
            )
        )
    else:
        print(f"{len(queries)} labelled queries, corpus {', '.join(map(str, corpus))}")
        for r in runs:
            print(_row(r))
        print(f"({elapsed:.1f}s)")
    if args.misses:
        fused = runs[3]
        for query, expected, got in fused.misses:
            print(f"MISS {expected:<36} {got}  <- {query}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
