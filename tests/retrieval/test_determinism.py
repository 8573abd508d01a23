"""Same files, same query, same answer: across repeated searches, a batch against single queries,
another process, and a fresh index of the same files in a new folder (real model, real chroma)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval import SentenceTransformerEmbedder, Store
from retrieval.embedder import fixed_batches
from retrieval.evaluation import load_queries
from retrieval.search import COARSE_MIN_ROWS, Neighbours

from .conftest import RUNBOOKS

pytestmark = pytest.mark.slow

QUERIES = Path(__file__).resolve().parent / "queries.jsonl"
OPSDESK = str(Path(sys.executable).parent / "opsdesk")


def _answers(store: Store, queries: list[str]) -> list[str]:
    return [_printed([hit.to_json() for hit in r.hits]) for r in store.search_many(queries, k=10)]


def _printed(results: list[dict[str, object]]) -> str:
    """What ``opsdesk search --json`` prints of each hit, but the path (the copy lives elsewhere)."""
    return json.dumps([{k: v for k, v in hit.items() if k != "path"} for hit in results])


def test_a_fresh_index_of_the_same_files_gives_every_score_again(
    tmp_path: Path, runbook_store: Store, real_embedder: SentenceTransformerEmbedder
) -> None:
    queries = [q.query for q in load_queries(QUERIES)]
    first = _answers(runbook_store, queries)
    # The same files from another folder, indexed into a new data dir: chunks arrive in other
    # batches (the first index also held the incident collection's history, this one starts empty).
    copy = tmp_path / "copy"
    shutil.copytree(RUNBOOKS, copy, ignore=shutil.ignore_patterns("kb"))
    fresh = Store(tmp_path / "fresh", embedder=real_embedder)
    fresh.index([copy])  # a part first: the kb is embedded later, in other batches
    shutil.copytree(RUNBOOKS / "kb", copy / "kb")
    fresh.index([copy])
    again = _answers(fresh, queries)
    differing = [q for q, a, b in zip(queries, first, again, strict=True) if a != b]
    assert not differing, f"{len(differing)} of {len(queries)} queries differ, e.g. {differing[:3]}"
    # Repeated, single against batched, and in another process.
    assert _answers(runbook_store, queries) == first
    assert [_answers(runbook_store, [q])[0] for q in queries[:12]] == first[:12]
    batch = tmp_path / "queries.txt"
    batch.write_text("\n".join(queries[:40]) + "\n", encoding="utf-8")
    env = dict(os.environ, OPSDESK_DATA_DIR=str(tmp_path / "fresh"))
    done = subprocess.run(
        [OPSDESK, "search", "--batch", str(batch), "--k", "10"], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line)["results"] for line in done.stdout.splitlines()]
    assert [_printed(r) for r in lines] == first[:40]


def test_a_texts_vector_does_not_depend_on_its_batch(real_embedder: SentenceTransformerEmbedder) -> None:
    texts = [f"pod {n} restarting after the deploy of release {n}.{n}" for n in range(40)]
    texts += ["disk full", "KubePodCrashLooping > Diagnosis\n\n" + "kubectl describe pod shows OOMKilled. " * 6]
    together = real_embedder.embed_documents(texts)
    alone = np.vstack([real_embedder.embed_documents([t]) for t in texts[-5:]])
    assert np.array_equal(together[-5:], alone)
    reordered = real_embedder.embed_documents(texts[::-1])[::-1]
    assert np.array_equal(together, reordered)
    queries = real_embedder.embed_queries(texts[:3])
    assert np.array_equal(queries[1], real_embedder.embed_queries([texts[1]])[0])


def test_a_querys_vector_is_the_one_it_has_alone_whatever_runs_beside_it(
    real_embedder: SentenceTransformerEmbedder,
) -> None:
    """Queries of one length class run together; every row must equal the query embedded alone,
    for every batch size a length class can leave (1 to ``batch_rows``, and more than that)."""
    texts = [f"vpn drops every {n} minutes on floor {n % 7}" for n in range(45)]
    texts += ["hi", "how do I reset my password?", "printer " * 30, "okta push not arriving since this morning"]
    alone = np.vstack([real_embedder.embed_queries([t]) for t in texts])
    for size in (2, 3, 17, len(texts)):
        together = np.vstack([real_embedder.embed_queries(texts[s : s + size]) for s in range(0, len(texts), size)])
        assert np.array_equal(together, alone), size


def test_batches_hold_one_length_class_each() -> None:
    lengths = [5, 17, 16, 33, 300, 20, 1]
    assert list(fixed_batches(lengths, rows=2)) == [[4], [3], [1, 5], [0, 2], [6]]
    assert [len(b) for b in fixed_batches([3] * 9, rows=4)] == [4, 4, 1]


def test_neighbours_of_a_large_index_are_the_exact_ones_every_time() -> None:
    """From COARSE_MIN_ROWS chunks on, a bfloat16 estimate picks the candidates: the answer must
    still be the exact top rows with float32 similarities, and the same on every call."""
    rng = np.random.default_rng(7)
    matrix = rng.standard_normal((COARSE_MIN_ROWS + 500, 64)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    allowed = rng.random(matrix.shape[0]) < 0.9
    neighbours = Neighbours(matrix)
    for query in matrix[:5] + 0.3 * rng.standard_normal((5, 64)).astype(np.float32):
        query = (query / np.linalg.norm(query)).astype(np.float32)
        found = neighbours.top(query, allowed, 100)
        exact = np.where(allowed, matrix @ query, -np.inf)
        assert set(found) == set(np.argsort(-exact, kind="stable")[:100].tolist())
        assert max(abs(score - float(exact[row])) for row, score in found.items()) < 1e-6
        assert neighbours.top(query, allowed, 100) == found
