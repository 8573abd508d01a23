"""Desk router throughput: requests classified per second with the real model, load excluded.

The requests are the router's own examples dressed up (a greeting, a thanks, shouting), so each
is a text the router has never embedded. Model load and the examples' embedding are timed apart
from classification. Target: at least 200 requests/s in a batch on two cores.

Prints one JSON line.

    python bench/bench_desk_classify.py [--requests 400] [--singles 50]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.desk.classify import load_examples
from bot.system import desk_classifier
from retrieval.embedder import SentenceTransformerEmbedder

DRESSING = ("hi, {}", "{} thanks!", "{} pls", "hey team - {}", "{}?? urgent-ish", "{} 🙏")


def requests(count: int) -> list[str]:
    examples = [e.text for e in load_examples()]
    made = [DRESSING[n % len(DRESSING)].format(text) for n, text in enumerate(examples)]
    made += [text.upper() for text in examples]
    return (made * (count // len(made) + 1))[:count]


def main(count: int, singles: int) -> dict[str, object]:
    texts = requests(count)
    embedder = SentenceTransformerEmbedder(precision="float32")  # what `opsdesk desk classify` runs
    router = desk_classifier(embedder)
    began = time.perf_counter()
    embedder.model()
    load_s = time.perf_counter() - began
    began = time.perf_counter()
    router.warm()
    examples_s = time.perf_counter() - began
    router.classify_many(texts[:32])  # kernels for the common shapes
    began = time.perf_counter()
    read = router.classify_many(texts)
    batch_s = time.perf_counter() - began
    timings = []
    for text in texts[:singles]:
        began = time.perf_counter()
        router.classify(text)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    import torch

    return {
        "requests": count,
        "cpus": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "precision": embedder.precision,
        "model_load_s": round(load_s, 2),
        "examples": len(router.examples),
        "labelled_requests": len(router.labelled),
        "examples_embed_s": round(examples_s, 2),
        "batch_s": round(batch_s, 3),
        "requests_per_s": round(count / batch_s, 1),
        "single_p50_ms": round(timings[len(timings) // 2], 1),
        "single_p95_ms": round(timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))], 1),
        "intents": {i: sum(r.intent == i for r in read) for i in sorted({r.intent for r in read})},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--singles", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(main(args.requests, args.singles)))
