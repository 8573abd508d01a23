"""Retrieval benchmarks with the real embedder, real chroma and real BM25.

    .venv/bin/python bench/bench_retrieval.py [--work DIR] [--chunks 100000] [--index-chunks 1000]
        [--queries 200] [--json] [--skip-large] [--model-vectors]

Measures, against the targets:

* ``index_small``: indexing a fresh corpus of about 1,000 chunks with the model already loaded,
  and the same corpus through ``opsdesk index`` in a new process (``cli_process_s``: start-up,
  imports, model load and exit included) — target < 10 s on 2 cores;
* ``reindex_unchanged``: re-indexing the unchanged 100,000-chunk corpus, in-process and through
  ``opsdesk index`` as a new process — target < 10 s;
* ``query``: p50/p95 latency of warm single queries (embedding included) at 100,000 chunks —
  target p95 < 50 ms;
* ``peak_rss``: the process's peak resident memory (``getrusage``) — target < 1.5 GB.

The large corpus's chunk vectors come from a hashing embedder unless ``--model-vectors`` is
given: embedding 100,000 chunks with the model takes about twenty minutes of both cores, and
neither the query path (an exact product with every vector, BM25, fusion) nor an unchanged
re-index depends on the vectors' values. Queries are always embedded by the real model.

The synthetic corpus is built from the paragraphs of our own runbooks, reshuffled into new
documents with front matter, H1/H2/H3 headings and code blocks, so chunk lengths and token mix are
realistic. The large index is kept in ``--work`` (default ``/tmp/opsdesk-bench``) and reused, so
only the first run pays for embedding 10,000 chunks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.embedder import BatchCallback, SentenceTransformerEmbedder, Vectors  # noqa: E402
from retrieval.store import Store  # noqa: E402

QUERIES = [
    "KubePodCrashLooping checkout pod restarting",
    "how do I roll back a helm release",
    "database connection pool exhausted too many clients",
    "pods OOMKilled exit code 137 after deploy",
    "HighErrorRate checkout 5xx after config change",
    "vpn keeps disconnecting at the hotel",
    "reset MFA lost phone",
    "disk almost full on node, how to clean images",
    "certificate expired on ingress",
    "latency p99 regression without errors",
]


class HashedDocuments:
    """The real embedder for queries, a hashing one for documents (see the module docstring).
    It carries the real embedder's name, so the store queries the hashed vectors with real ones."""

    def __init__(self, real: SentenceTransformerEmbedder) -> None:
        self.real = real
        self.name = real.name
        self.dimension = real.dimension

    def embed_documents(self, texts: Sequence[str], on_batch: BatchCallback | None = None) -> Vectors:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, zlib.crc32(word.encode()) % self.dimension] += 1.0
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        if on_batch is not None:
            on_batch(len(texts))
        return out

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self.real.embed_queries(texts)


def _paragraphs() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "runbooks").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[-1]
        for block in text.split("\n\n"):
            block = block.strip()
            if block and not block.startswith("#") and block.count("```") % 2 == 0:
                out.append(block)
    return out


def generate_corpus(folder: Path, docs: int, seed: int = 7) -> None:
    """``docs`` markdown files of 4–7 sections each, from reshuffled runbook paragraphs."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    words = sorted({w.strip(".,:;()`*") for p in paragraphs for w in p.split() if w.isalpha()})
    if folder.exists():
        shutil.rmtree(folder)
    for n in range(docs):
        sub = folder / f"team-{n % 12:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        title = " ".join(rng.choice(words) for _ in range(4)).capitalize()
        lines = [
            "---",
            f"id: synthetic-{n:05d}",
            f"title: {title}",
            'services: ["*"]',
            f"alerts: [Synthetic{n:05d}Alert]",
            "---",
            "",
            f"# {title}",
            "",
            rng.choice(paragraphs),
            "",
        ]
        for s in range(rng.randint(4, 7)):
            lines += [f"## {' '.join(rng.choice(words) for _ in range(3)).capitalize()} {s}", ""]
            for _ in range(rng.randint(1, 3)):
                lines += [rng.choice(paragraphs), ""]
            if rng.random() < 0.3:
                lines += [f"### Detail {s}", "", rng.choice(paragraphs), ""]
        (sub / f"doc-{n:05d}.md").write_text("\n".join(lines), encoding="utf-8")


def _docs_for(chunks: int, sample: Path, store_dir: Path) -> int:
    """How many synthetic documents make about ``chunks`` chunks (measured on a sample)."""
    generate_corpus(sample, 40)
    from retrieval.sources import find_markdown, parse_document, read_source
    from retrieval.tokens import model_token_counter

    counter = model_token_counter()
    _, files = find_markdown(sample)
    total = sum(len(parse_document(read_source(f), collection=None, counter=counter).chunks) for f in files)
    shutil.rmtree(sample)
    return max(1, round(chunks * len(files) / total))


def _opsdesk_index(corpus: Path, data_dir: Path) -> None:
    subprocess.run(
        [str(Path(sys.executable).parent / "opsdesk"), "index", "-q", str(corpus)],
        check=True,
        env=dict(os.environ, OPSDESK_DATA_DIR=str(data_dir)),
        capture_output=True,
    )


def _own_peak_rss_mb() -> float:
    """This program's peak resident memory (``VmHWM``): unlike ``ru_maxrss``, which Linux carries
    over from the parent through fork and exec, it starts anew with the program."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return _rss_mb()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def serve(data_dir: Path, queries: int, model_vectors: bool) -> dict[str, object]:
    """Warm single-query latency and the peak memory of a process that only searches."""
    embedder = SentenceTransformerEmbedder()
    store = Store(data_dir, embedder=embedder if model_vectors else HashedDocuments(embedder))
    for q in QUERIES:  # warm-up: index load, first forward passes
        store.search(q)
    latencies = []
    for i in range(queries):
        q = QUERIES[i % len(QUERIES)] + ("" if i < len(QUERIES) else f" {i}")
        started = time.perf_counter()
        store.search(q, k=5)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return {
        "chunks": sum(int(v) for v in store.stats()["chunks"].values()),  # type: ignore[attr-defined]
        "n": len(latencies),
        "p50": round(statistics.median(latencies), 1),
        "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "max": round(latencies[-1], 1),
        "target_p95": 50,
        "serving_peak_rss_mb": round(_own_peak_rss_mb()),
        "target_rss_mb": 1500,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("/tmp/opsdesk-bench"))
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--model-vectors", action="store_true", help="embed the large corpus with the model")
    parser.add_argument("--index-chunks", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-large", action="store_true", help="only the 1,000-chunk index")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        print(json.dumps(serve(args.serve, args.queries, args.model_vectors)))
        return 0
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {"cpus": os.cpu_count()}

    embedder = SentenceTransformerEmbedder()
    results["precision"] = embedder.precision
    started = time.perf_counter()
    embedder.model()
    results["model_load_s"] = round(time.perf_counter() - started, 2)

    # -- 1,000 chunks, fresh data dir, model loaded ------------------------------------
    small_docs = _docs_for(args.index_chunks, work / "sample", work)
    small = work / f"corpus-{args.index_chunks}"
    generate_corpus(small, small_docs, seed=11)
    small_data = work / "data-small"
    shutil.rmtree(small_data, ignore_errors=True)
    store = Store(small_data, embedder=embedder)
    started = time.perf_counter()
    report = store.index([small])
    seconds = time.perf_counter() - started
    results["index_small"] = {
        "documents": report.added,
        "chunks": report.chunks_total,
        "seconds": round(seconds, 2),
        "chunks_per_s": round(report.chunks_total / seconds, 1),
        "seconds_per_1000_chunks": round(seconds * 1000 / max(1, report.chunks_total), 2),
        "target_s": 10,
    }
    # The same corpus through `opsdesk index` in a new process: start-up, imports, model load,
    # embedding and exit, as a person running the command waits for them.
    cli_data = work / "data-small-cli"
    shutil.rmtree(cli_data, ignore_errors=True)
    started = time.perf_counter()
    _opsdesk_index(small, cli_data)
    cli_seconds = time.perf_counter() - started
    results["index_small"]["cli_process_s"] = round(cli_seconds, 2)  # type: ignore[index]
    results["index_small"]["cli_seconds_per_1000_chunks"] = round(  # type: ignore[index]
        cli_seconds * 1000 / max(1, report.chunks_total), 2
    )

    if not args.skip_large:
        # -- 10,000 chunks: build once (cached), then unchanged re-index and queries -------
        large_docs = round(small_docs * args.chunks / max(1, report.chunks_total))
        large = work / f"corpus-{args.chunks}"
        marker = work / f"corpus-{args.chunks}.docs"
        if not marker.exists() or marker.read_text() != str(large_docs):
            generate_corpus(large, large_docs, seed=13)
            marker.write_text(str(large_docs))
        large_data = work / "data-large"
        large_embedder = embedder if args.model_vectors else HashedDocuments(embedder)
        store = Store(large_data, embedder=large_embedder)
        started = time.perf_counter()
        report = store.index([large])
        build = time.perf_counter() - started
        results["index_large"] = {
            "chunks": report.chunks_total,
            "embedded_now": report.chunks_embedded,
            "seconds": round(build, 1),
        }
        started = time.perf_counter()
        again = store.index([large])
        results["reindex_unchanged"] = {
            "in_process_s": round(time.perf_counter() - started, 3),
            "switched": again.switched,
            "target_s": 10,
        }
        started = time.perf_counter()
        _opsdesk_index(large, large_data)
        results["reindex_unchanged"]["cli_process_s"] = round(  # type: ignore[index]
            time.perf_counter() - started, 3
        )

        # -- warm query latency --------------------------------------------------------
        # Queries in a new process, as the bot serves them: its peak memory is the serving one
        # (this process also built the index).
        served = subprocess.run(
            [sys.executable, __file__, "--serve", str(large_data), "--queries", str(args.queries)]
            + (["--model-vectors"] if args.model_vectors else []),
            check=True,
            capture_output=True,
            text=True,
        )
        results["query_ms"] = json.loads(served.stdout)
    results["peak_rss_mb"] = {"value": round(_rss_mb()), "target": 1500, "note": "indexing process"}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key:>18}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
