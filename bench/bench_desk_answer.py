"""Desk answer latency: a DM event arriving at ``/slack/events`` until the answer's
``chat.postMessage`` reaches the fake Slack Web API.

opsdesk serves over loopback (aiohttp, Bolt's verification and dispatch, slack-sdk's client,
the SQL store, the local ticket system), with the desk's real intent router and the real RAG
store over ``runbooks/kb`` (all-MiniLM-L6-v2, no LLM). The questions are the labelled requests of
``tests/desk/requests.jsonl`` (every intent: answers, tickets, recovery hand-offs, incidents),
cycled to ``--questions``, sent one at a time from distinct people. The model is loaded and the
examples embedded before timing starts (``--warm`` questions are sent and not counted).

    python bench/bench_desk_answer.py [--questions 300] [--hash]

``--hash`` swaps the model for the tests' hashing embedder (the pipeline without the model).
Prints one JSON object: p50/p95/max in ms, overall and by reply kind, and the machine's load
average at the end (the latency is CPU-bound: a busy machine shows in it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

REQUESTS = REPO / "tests" / "desk" / "requests.jsonl"
KB = REPO / "runbooks" / "kb"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "p50_ms": round(_percentile(values, 0.5) * 1000, 1),
        "p95_ms": round(_percentile(values, 0.95) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
        "mean_ms": round(statistics.fmean(values) * 1000, 1),
    }


def _kind(args: dict[str, Any]) -> str:
    text = json.dumps(args.get("blocks") or []) + str(args.get("text", ""))
    if "desk-solved" in text and "Did this solve it?" in text:
        return "answer"
    if "incident #" in text:
        return "incident"
    if "ticket" in text.lower():
        return "ticket"
    return "other"


async def run(questions: int, warm: int, use_hash: bool) -> dict[str, Any]:
    from bot.desk.classify import DeskClassifier
    from bot.desk.conversation import MIN_SIMILARITY
    from bot.desk.knowledge import RetrievalKnowledgeBase
    from retrieval.embedder import Embedder, SentenceTransformerEmbedder
    from retrieval.store import Store
    from tests.desk.harness import TEST_MIN_SIMILARITY, desk_running

    texts = [json.loads(line)["text"] for line in REQUESTS.read_text().splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as workdir:
        embedder: Embedder
        if use_hash:
            from tests.retrieval.conftest import HashEmbedder

            embedder = HashEmbedder()
        else:
            embedder = SentenceTransformerEmbedder()
        store = Store(Path(workdir) / "kb-data", embedder=embedder)
        started = time.perf_counter()
        store.index([KB], collection="kb")
        knowledge = RetrievalKnowledgeBase(store)
        knowledge.warm()
        classifier = DeskClassifier(embedder)
        classifier.warm()
        setup_seconds = time.perf_counter() - started
        min_similarity = TEST_MIN_SIMILARITY if use_hash else MIN_SIMILARITY
        async with desk_running(
            Path(workdir), classifier, knowledge, min_similarity=min_similarity, settings={"slack_alert_channels": []}
        ) as desk:
            fake = desk.fake
            latencies: list[float] = []
            by_kind: dict[str, list[float]] = {}
            for n in range(warm + questions):
                user = f"UBENCH{n:05d}"
                text = texts[n % len(texts)]
                since = len(fake.calls)
                sent = time.monotonic()
                ts = await _dm(desk, user, text, n)
                call = await fake.called(
                    "chat.postMessage", lambda c, ts=ts: c.args.get("thread_ts") == ts, since=since
                )
                if n < warm:
                    continue
                latency = call.at - sent
                latencies.append(latency)
                by_kind.setdefault(_kind(call.args), []).append(latency)
            await desk.harness.settle()
    return {
        "benchmark": "desk_answer",
        "embedder": "hash" if use_hash else "all-MiniLM-L6-v2",
        "questions": questions,
        "setup_seconds": round(setup_seconds, 1),
        **_summary(latencies),
        "by_kind": {kind: _summary(values) for kind, values in sorted(by_kind.items())},
        "target_p95_ms": 1000,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }


async def _dm(desk: Any, user: str, text: str, n: int) -> str:
    """Send the DM without waiting for the background work (the answer is what is timed)."""
    ts = f"{1_800_000_000 + n}.000100"
    event = {
        "type": "message",
        "channel": f"D{user}",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }
    body = {
        "token": "legacy",
        "team_id": "T0001",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": f"EvBench{n}",
        "event_time": int(time.time()),
        "event": event,
    }
    status, _ = await desk.harness.send(json.dumps(body), "application/json")
    assert status == 200, status
    return ts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument("--hash", action="store_true", help="the tests' hashing embedder instead of the model")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.questions, args.warm, args.hash))))


if __name__ == "__main__":
    main()
