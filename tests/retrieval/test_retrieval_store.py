"""The store with real chroma and BM25 (and a hashing embedder): incremental indexing,
generations, bad input, filters, fusion, the alert boost and incidents."""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from retrieval import (
    BackendError,
    DataDirError,
    IncidentRecord,
    ModelError,
    QueryError,
    Store,
)
from retrieval.embedder import BatchCallback, Vectors
from retrieval.generations import Generations
from retrieval.vectors import VectorStore, collection_name
from tests.retrieval.conftest import HashEmbedder

ROOT = Path(__file__).resolve().parents[2]

ROLLBACK = """---
id: rollback-a-deploy
title: Roll back a bad deploy
services: ["*"]
alerts: [HighErrorRate]
---
# Roll back a bad deploy

## When to use

Errors started right after a deploy of the service; the previous version was healthy.

## Roll back with Helm

Find the last good revision with helm history and run helm rollback to it, then watch the error rate.
"""

POOL = """---
id: connection-pool-exhaustion
title: Database connection pool exhaustion
services: [checkout, payments]
alerts: [DBConnectionPoolExhausted]
---
# Database connection pool exhaustion

## Symptoms

Logs show too many clients already and timeout acquiring a connection from the pool.

## Mitigation

Terminate idle in transaction sessions and lower the replica count of the service.
"""

VPN = """# VPN setup

## Cannot connect

Reinstall the VPN client, check your password and that the MFA prompt is approved on your phone.
"""


def corpus(write: Callable[..., Path]) -> Path:
    write("rollback-a-deploy.md", ROLLBACK)
    write("connection-pool-exhaustion.md", POOL)
    write("kb/vpn.md", VPN)
    write("kubernetes/KubePodCrashLooping.md", "# KubePodCrashLooping\n\n## Meaning\n\nPod restarts in a loop.\n")
    return write("kubernetes/_index.md", "---\ntitle: kubernetes\n---\n").parent.parent


def test_index_then_search_cites_document_section_and_anchor(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    report = store.index([root])
    assert (report.added, report.changed, report.deleted, report.skipped) == (4, 0, 0, 1)
    assert any("_index.md" in p and "nothing to index" in p for p in report.problems)
    hits = store.search("helm rollback to the last good revision", k=3)
    top = hits[0]
    assert (top.id, top.section, top.anchor) == ("rollback-a-deploy", "Roll back with Helm", "roll-back-with-helm")
    assert top.url.endswith("rollback-a-deploy.md#roll-back-with-helm")
    assert top.collection == "runbooks"
    assert top.title == "Roll back a bad deploy"
    assert top.to_json().keys() == {"id", "title", "section", "path", "score"}
    vpn = store.search("vpn client password", k=1)[0]
    assert (vpn.id, vpn.collection) == ("kb/vpn", "kb")


def test_an_index_file_and_its_folders_namesake_are_two_documents(make_store, write) -> None:
    write("databases.md", "# Databases\n\nWhich engines we run and who owns each of them.\n")
    root = write("databases/README.md", "Restore a replica from the nightly snapshot bucket.\n").parent.parent
    report = make_store().index([root])
    assert (report.added, report.skipped, report.problems) == (2, 0, [])
    hit = make_store().search("restore replica nightly snapshot", k=1)[0]
    assert (hit.id, hit.title) == ("databases/README", "databases")


def test_unchanged_corpus_writes_no_new_generation(make_store, write, embedder: HashEmbedder) -> None:
    root = corpus(write)
    store = make_store()
    first = store.index([root])
    calls = embedder.embedded
    again = store.index([root])
    assert (again.added, again.changed, again.deleted, again.unchanged) == (0, 0, 0, 4)
    assert not again.switched
    assert again.generation == first.generation
    assert embedder.embedded == calls


def test_added_changed_and_deleted_files(make_store, write, tmp_path: Path, embedder: HashEmbedder) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    before = embedder.embedded
    write("new.md", "# Brand new\n\n## Steps\n\nRotate the signing certificate before it expires.\n")
    write("kb/vpn.md", VPN.replace("Reinstall the VPN client", "Update the VPN client to 5.2"))
    (tmp_path / "corpus" / "connection-pool-exhaustion.md").unlink()
    report = store.index([root])
    assert (report.added, report.changed, report.deleted, report.unchanged) == (1, 1, 1, 2)
    assert embedder.embedded - before == 2  # only the new and the changed chunks
    assert store.search("rotate signing certificate", k=1)[0].id == "new"
    assert "5.2" in store.search("update vpn client", k=1)[0].text
    ids = {h.id for h in store.search("too many clients connection pool", k=10)}
    assert "connection-pool-exhaustion" not in ids
    data = store._load().data  # type: ignore[union-attr]
    stored = store.vectors.collection(data.collections["runbooks"]).get(include=[])["ids"]
    assert set(stored) == {c.id for c in data.chunks if c.collection == "runbooks"}  # no deleted chunk


def test_other_roots_are_kept_when_indexing_one(make_store, write, tmp_path: Path) -> None:
    corpus(write)
    other = tmp_path / "other"
    other.mkdir()
    (other / "extra.md").write_text("# Extra\n\nA document in another folder about kafka lag.\n")
    store = make_store()
    store.index([tmp_path / "corpus"])
    store.index([other])
    assert store.search("kafka lag", k=1)[0].id == "extra"
    assert store.search("helm rollback", k=1)[0].id == "rollback-a-deploy"


def test_duplicate_ids_keep_the_first_and_name_both(make_store, write) -> None:
    root = corpus(write)
    write("zz/copy.md", ROLLBACK.replace("Roll back with Helm", "Duplicate section"))
    report = make_store().index([root])
    duplicate = [p for p in report.problems if "duplicate document id" in p]
    assert len(duplicate) == 1
    assert "zz/copy.md" in duplicate[0]
    assert "rollback-a-deploy.md" in duplicate[0]


def _spellings(root: Path, tmp_path: Path) -> list[Path]:
    link = tmp_path / "linked-corpus"
    link.symlink_to(root, target_is_directory=True)
    relative = Path(os.path.relpath(root, Path.cwd()))
    return [root, Path(f"{root}/"), relative, link, root / "kb", root / "kb" / ".." / "kb"]


@pytest.mark.parametrize("second", range(6))
def test_the_same_folder_spelled_another_way_is_the_same_documents(
    make_store, write, tmp_path: Path, second: int
) -> None:
    root = corpus(write)
    store = make_store()
    first = store.index([root])
    again = store.index([_spellings(root, tmp_path)[second]])
    assert not [p for p in again.problems if "duplicate" in p]
    assert again.added == again.changed == again.deleted == 0
    assert again.skipped == (first.skipped if second < 4 else 0)  # the corpus's empty _index.md
    assert store.stats() == make_store().stats()
    assert first.added == 4


def test_a_folder_and_its_sub_folder_in_one_run_index_each_file_once(make_store, write) -> None:
    root = corpus(write)
    report = make_store().index([root, root / "kb"])
    assert not [p for p in report.problems if "duplicate" in p]
    assert report.added == 4


def test_an_existing_document_keeps_its_id_against_a_newcomer(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    write("a-first-in-walk-order.md", ROLLBACK.replace("Roll back with Helm", "Impostor"))
    report = store.index([root])
    assert any("a-first-in-walk-order.md" in p and "duplicate" in p for p in report.problems)
    assert store.search("helm rollback", k=1)[0].section == "Roll back with Helm"


def test_a_broken_file_keeps_its_previous_version(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    write("rollback-a-deploy.md", "---\nid: rollback-a-deploy\ntitle: [broken\n---\nnew text\n")
    write("binary.md", b"\x00\x01\x02\x03PK\x03\x04")
    report = store.index([root])
    assert any("rollback-a-deploy.md" in p and "previously indexed version is kept" in p for p in report.problems)
    assert any("binary.md" in p and "binary" in p for p in report.problems)
    assert not report.switched
    assert store.search("helm rollback", k=1)[0].id == "rollback-a-deploy"


def test_a_new_file_with_broken_front_matter_is_indexed_without_it(make_store, write) -> None:
    root = corpus(write)
    write("template.md", "---\ntitle: [oops\n---\n# Template\n\nJinja card for the zeppelin model.\n")
    report = make_store().index([root])
    assert any("template.md" in p and "indexed without it" in p for p in report.problems)
    assert make_store().search("zeppelin model card", k=1)[0].id == "template"


def test_crash_mid_index_keeps_the_old_generation_and_resumes(make_store, write, embedder: HashEmbedder) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    generations = store.generations
    old = generations.current_name()
    for i in range(6):
        write(f"bulk/doc{i}.md", f"# Bulk {i}\n\n## Part\n\nUnique{i} words about subject{i} and more text.\n")
    embedder.fail_after = embedder.calls + 0  # the first embedding batch fails
    with pytest.raises(RuntimeError, match="simulated crash"):
        store.index([root])
    assert generations.current_name() == old
    fresh = make_store()
    assert fresh.search("helm rollback", k=1)[0].id == "rollback-a-deploy"
    assert all(not h.id.startswith("bulk/") for h in fresh.search("unique3 subject3", k=5))
    embedder.fail_after = None
    report = fresh.index([root])
    assert report.added == 6
    assert generations.current_name() != old
    assert fresh.search("unique3 subject3", k=1)[0].id == "bulk/doc3"


CRASH_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from tests.retrieval.conftest import HashEmbedder
import retrieval.writer
from retrieval.generations import Generations
from retrieval.store import Store

retrieval.writer.EMBED_GROUP = 100  # several steps out of the 300 new files

def stall(*args):
    print("stalled", flush=True)
    time.sleep(120)

class Stalls(HashEmbedder):
    # The first group is embedded and kept; the second one never finishes.
    def embed_documents(self, texts, on_batch=None):
        self.groups = getattr(self, "groups", 0) + 1
        if self.groups > 1:
            stall()
        return super().embed_documents(texts, on_batch)

if {point!r} == "switch":  # every vector is stored and in chroma: only the switch is left
    Generations.switch = stall
    embedder = HashEmbedder()
else:
    embedder = Stalls()
Store({data!r}, embedder=embedder).index([{corpus!r}])
print("done", flush=True)
"""

QUERIES = ["helm rollback", "too many clients connection pool", "vpn mfa prompt", "pod restarts in a loop"]


def _answers(store: Store) -> list[list[tuple[str, str, float, float | None]]]:
    return [
        [(h.id, h.section, h.score, h.similarity) for h in store.search(q, k=5, method=method)]
        for q in QUERIES
        for method in ("fused", "dense")
    ]


def _chroma(data: Path) -> dict[str, set[str]]:
    """Every chroma collection in the data dir, with the ids of its records."""
    client = VectorStore(path=data / "chroma").client()
    return {c.name: set(c.get(include=[])["ids"]) for c in client.list_collections()}


@pytest.mark.parametrize("point", ["embedding", "switch"])
def test_kill_9_during_index_leaves_the_previous_generation_usable(make_store, write, tmp_path: Path, point) -> None:
    root = corpus(write)
    data = tmp_path / "data"
    store = make_store(data)
    store.index([root])
    old = store.generations.current_name()
    answers = _answers(store)
    before = _chroma(data)
    for i in range(300):
        write(f"many/doc{i}.md", f"# Many {i}\n\nWord{i} filler text for the slow embedder run.\n")
    script = CRASH_SCRIPT.format(root=str(ROOT), data=str(data), corpus=str(root), point=point)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "stalled"  # vectors are stored, nothing is switched
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert Generations(data).current_name() == old
    # Records added to a collection reshape its HNSW graph and can hide live chunks from a search,
    # so the killed writer must not have added any to a collection the live generation reads.
    after = _chroma(data)
    assert {name: after.get(name) for name in before} == before
    fresh = make_store(data)
    assert _answers(fresh) == answers
    report = fresh.index([root])
    assert report.added == 300
    assert report.chunks_embedded == (200 if point == "embedding" else 0)  # the killed run's are reused
    # BM25: among 300 near-identical hashed vectors, chroma's approximate (HNSW) search can miss one.
    assert fresh.search("word250 filler", k=1, method="bm25")[0].id == "many/doc250"
    kept = [old, report.generation]
    assert Generations(data).names() == sorted(kept)  # the killed run's folder is gone
    read = set().union(*(Generations(data).load(name).collections.values() for name in kept))
    assert set(_chroma(data)) == read  # and so are its collections


def test_service_and_collection_filters(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    assert store.search("connection pool", service="checkout", k=5)[0].id == "connection-pool-exhaustion"
    ids = {h.id for h in store.search("connection pool sessions", service="search", k=10)}
    assert "connection-pool-exhaustion" not in ids  # it serves checkout and payments only
    assert "rollback-a-deploy" in {h.id for h in store.search("deploy", service="search", k=10)}  # "*"
    kb_only = store.search("client password", collections=["kb"], k=10)
    assert kb_only.hits
    assert all(h.collection == "kb" for h in kb_only)
    with pytest.raises(QueryError, match="unknown collection"):
        store.search("x", collections=["wiki"])
    with pytest.raises(QueryError, match="k must be"):
        store.search("x", k=0)


def test_alert_name_boost_from_front_matter_and_file_name(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    hit = store.search("[FIRING:1] DBConnectionPoolExhausted checkout-7f9c", k=3)[0]
    assert hit.id == "connection-pool-exhaustion"
    assert hit.alert_match
    hit = store.search("alertname=KubePodCrashLooping namespace=shop", k=3)[0]
    assert hit.id == "kubernetes/KubePodCrashLooping"
    assert hit.alert_match
    # Without the boost the file name still helps BM25, but the flag is off.
    assert not store.search("KubePodCrashLooping", alert_boost=False)[0].alert_match


def test_a_one_word_page_title_is_not_an_alert_name(make_store, write) -> None:
    """A page called ``Buffer`` or ``DNS`` names a topic: boosting it for every query that says
    "buffer" buried the deprecation notices a Node.js warning was about under the Buffer page."""
    write("api/buffer.md", "# Buffer\n\n## Buffer.from\n\nBuffer.from copies bytes into a new buffer.\n")
    write("api/dns.md", "# DNS\n\nname resolution with lookups and resolvers\n")
    root = write("deprecations/DEP0005.md", "# DEP0005: Buffer() constructor\n\nnew Buffer() is deprecated.\n").parent
    store = make_store()
    store.index([root.parent])
    hits = store.search("Buffer() is deprecated due to security and usability issues", k=3)
    assert not any(h.alert_match for h in hits)
    assert not store.search("DNS lookups time out", k=1)[0].alert_match


def test_methods_and_max_per_doc(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    for method in ("bm25", "dense", "fused"):
        assert store.search("helm rollback revision", method=method, k=1)[0].id == "rollback-a-deploy"
    filler = " ".join(f"helm{i}" for i in range(40))
    write(
        "long.md", f"# Long\n\n## First helm part\n\nhelm rollback {filler}\n\n## Second helm part\n\nhelm {filler}\n"
    )
    store.index([root])
    many = store.search("helm rollback helm7", k=4, max_per_doc=2)
    long_hits = [h for h in many if h.id == "long"]
    assert {h.section for h in long_hits} == {"First helm part", "Second helm part"}
    single = [h.id for h in store.search("helm rollback helm7", k=4, max_per_doc=1)]
    assert len(single) == len(set(single))
    store.fusion = "rrf"
    assert store.search("helm rollback revision", k=1)[0].id == "rollback-a-deploy"


def test_search_many_matches_search(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    queries = ["helm rollback", "vpn password", "too many clients"]
    batch = store.search_many(queries, k=3)
    single = [store.search(q, k=3) for q in queries]
    assert [[h.chunk_id for h in r] for r in batch] == [[h.chunk_id for h in r] for r in single]


def test_no_index_yet(make_store, tmp_path: Path) -> None:
    store = make_store(tmp_path / "missing" / "dir")
    assert not store.has_index()
    results = store.search("anything")
    assert not results.hits
    assert "no index" in results.warnings[0]


def test_unusable_data_dir(tmp_path: Path, embedder: HashEmbedder, write) -> None:
    root = corpus(write)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="is a file"):
        Store(blocker, embedder=embedder)
    store = Store(blocker / "sub", embedder=embedder)
    with pytest.raises(DataDirError, match="cannot create"):
        store.index([root])


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_chroma_server_down(tmp_path: Path, embedder: HashEmbedder, write) -> None:
    root = corpus(write)
    data = tmp_path / "data"
    Store(data, embedder=embedder).index([root])
    url = f"http://127.0.0.1:{_closed_port()}"
    down = Store(data, embedder=embedder, chroma_url=url)
    write("kb/wifi.md", "# Office wifi\n\nJoin the corporate network with your laptop certificate.\n")
    with pytest.raises(BackendError, match="unreachable") as caught:
        down.index([root / "kb"])
    assert url in str(caught.value)
    # Searching needs no chroma: the generation keeps every vector, and similarity is exact.
    results = down.search("helm rollback", k=2)
    assert results.hits[0].id == "rollback-a-deploy"
    assert results.hits[0].similarity is not None
    assert not results.warnings
    assert Store(data, embedder=embedder).search("helm rollback", k=1)[0].id == "rollback-a-deploy"


def test_a_failed_chroma_write_fails_the_run_and_keeps_the_old_generation(
    make_store, write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chromadb.api.models.Collection import Collection

    root = corpus(write)
    store = make_store()
    store.index([root])
    live = store.generations.current_name()
    write("kb/new.md", "# Printer queue\n\nThe third-floor printer holds jobs until you badge in.\n")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(Collection, "upsert", disk_full)
        with pytest.raises(BackendError, match="adding vectors failed") as caught:
            make_store().index([root])
    assert "chroma store at" in str(caught.value)
    assert store.generations.current_name() == live
    assert make_store().search("helm rollback", k=1)[0].id == "rollback-a-deploy"
    report = make_store().index([root])
    assert report.chunks_embedded == 0  # the failed run's vector is kept and reused
    assert set(_chroma(tmp_path / "data")) == set().union(
        *(Generations(tmp_path / "data").load(name).collections.values() for name in (live, report.generation))
    )  # the failed run's collection was dropped with its folder


class NotFinite(HashEmbedder):
    """A broken model that returns NaN vectors under the default embedder's name."""

    def embed_documents(self, texts: Sequence[str], on_batch: BatchCallback | None = None) -> Vectors:
        return np.full((len(texts), self.dimension), np.nan, dtype=np.float32)


def test_vectors_that_are_not_finite_are_refused_and_never_kept(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    live = store.generations.current_name()
    write("kb/new.md", "# Printer queue\n\nThe third-floor printer holds jobs until you badge in.\n")
    with pytest.raises(ModelError, match="not finite"):
        make_store(embedder=NotFinite()).index([root])
    assert store.generations.current_name() == live
    assert make_store().index([root]).chunks_embedded == 1  # embedded again, not taken from the failed run


def test_changing_the_embedder_re_embeds_into_its_own_collections(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    other = HashEmbedder(dimension=128)
    switched = make_store(embedder=other)
    report = switched.index([root])
    assert report.switched is False
    assert report.chunks_embedded == report.chunks_total
    assert switched.search("helm rollback", k=1)[0].id == "rollback-a-deploy"


def _incident(n: int, **fields: object) -> IncidentRecord:
    base = {
        "id": f"INC-{n}",
        "title": "Checkout 5xx after deploy",
        "service": "checkout",
        "cause": "deploy",
        "culprit": "checkout",
        "fix": "Rolled back checkout to v1.4.2",
        "summary": "A bad release of checkout raised the error ratio to 12%.",
        "symptoms": "HighErrorRate NullPointerException in PaymentController",
        "resolved_at": datetime(2026, 10, 3, 4, 12, tzinfo=UTC),
    }
    base.update(fields)
    return IncidentRecord(**base)  # type: ignore[arg-type]


def test_incidents_are_added_found_replaced_and_survive_reindex(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    store.add_incident(_incident(1))
    store.add_incident(
        _incident(
            2,
            title="Payments DB connections saturated",
            service="payments",
            culprit="payments-db",
            cause="resource_saturation",
            fix="Killed idle transactions",
            symptoms="too many clients already, pool timeout",
            summary="Leaked connections exhausted the pool.",
        )
    )
    similar = store.similar_incidents("NullPointerException PaymentController HighErrorRate", service="checkout")
    assert similar[0].incident.id == "INC-1"
    assert similar[0].incident.fix == "Rolled back checkout to v1.4.2"
    assert similar[0].similarity is not None
    assert store.similar_incidents("too many clients", service="payments-db")[0].incident.id == "INC-2"
    assert all(s.incident.id != "INC-2" for s in store.similar_incidents("too many clients", service="search"))
    # Replacing by id, and re-indexing files keeps incidents.
    store.add_incident(_incident(1, fix="Reverted feature flag new-pricing"))
    write("new.md", "# New\n\ntext about gardening\n")
    store.index([root])
    found = store.similar_incidents("NullPointerException PaymentController", k=5)
    assert [s.incident.fix for s in found if s.incident.id == "INC-1"] == ["Reverted feature flag new-pricing"]
    assert store.stats()["documents"] == {"incidents": 2, "kb": 1, "runbooks": 4}  # type: ignore[comparison-overlap]
    # Incidents stay out of runbook citations.
    assert all(h.collection == "runbooks" for h in store.runbook_sections(alert="HighErrorRate", service="checkout"))
    assert store.similar_incidents("zzz unrelated", k=3, min_similarity=0.99) == []


def test_incident_id_cannot_take_a_document_id(make_store, write) -> None:
    root = corpus(write)
    store = make_store()
    store.index([root])
    with pytest.raises(QueryError, match="already the id"):
        store.add_incident(_incident(1, id="rollback-a-deploy"))


def test_generation_files_are_complete_and_old_ones_pruned(make_store, write, tmp_path: Path) -> None:
    root = corpus(write)
    store = make_store()
    for i in range(4):
        write(f"g{i}.md", f"# G{i}\n\ncontent {i}\n")
        store.index([root])
    names = store.generations.names()
    assert len(names) == 2
    assert store.generations.current_name() in names
    current = tmp_path / "data" / "retrieval" / "generations" / store.generations.current_name()  # type: ignore[operator]
    manifest = json.loads((current / "manifest.json").read_text())
    assert manifest["format"] == 2
    assert manifest["embedder"] == "test-hash-256"
    assert {d["doc_id"] for d in manifest["docs"]} >= {"rollback-a-deploy", "g3"}
    assert os.path.isdir(current / "bm25")


def _as_format_1(store: Store) -> None:
    """Turn the live generation into what the format 1 writer left: one shared collection per
    collection and embedder, no collections or vectors files."""
    name = store.generations.current_name()
    assert name is not None
    folder = store.generations.gens / name
    for collection, cname in store.generations.load(name).collections.items():
        got = store.vectors.collection(cname).get(include=["embeddings", "metadatas"])
        shared = collection_name(collection, store.embedder.name)
        store.vectors.add(shared, got["ids"], np.asarray(got["embeddings"]), got["metadatas"])
        store.vectors.drop(cname)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "format": 1}))
    (folder / "collections.json").unlink()
    (folder / "vectors.npz").unlink()


def test_a_format_1_data_dir_is_read_and_replaced_by_the_next_write(make_store, write, tmp_path: Path) -> None:
    root = corpus(write)
    data = tmp_path / "data"
    store = make_store(data)
    store.index([root])
    _as_format_1(store)
    old = make_store(data)
    assert old.search("helm rollback", method="dense", k=1)[0].id == "rollback-a-deploy"
    write("zulu.md", "# Zulu\n\nzulu yankee xray whiskey\n")
    report = old.index([root])
    assert report.chunks_embedded == report.chunks_total  # format 1 kept no vectors to reuse
    assert old.search("zulu yankee xray whiskey", method="dense", k=1)[0].id == "zulu"
    legacy = {collection_name(c, old.embedder.name) for c in ("runbooks", "kb")}
    assert legacy <= set(_chroma(data))  # still read by the previous generation
    write("yankee.md", "# Yankee\n\nyankee only\n")
    old.index([root])
    assert not legacy & set(_chroma(data))  # dropped with the last format 1 generation
    assert make_store(data).search("helm rollback", method="dense", k=1)[0].id == "rollback-a-deploy"


WRITER_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from tests.retrieval.conftest import HashEmbedder
from retrieval.store import Store
print(Store({data!r}, embedder=HashEmbedder()).index([{corpus!r}]).summary())
"""


def test_a_reader_sees_what_another_process_indexed(make_store, write, tmp_path: Path) -> None:
    root = corpus(write)
    data = tmp_path / "data"
    reader = make_store(data)
    reader.index([root])
    assert reader.search("helm rollback", method="dense", k=1)[0].id == "rollback-a-deploy"
    write("zulu.md", "# Zulu\n\nzulu yankee xray whiskey\n")
    script = WRITER_SCRIPT.format(root=str(ROOT), data=str(data), corpus=str(root))
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, timeout=120)
    assert reader.search("zulu yankee xray whiskey", method="dense", k=1)[0].id == "zulu"
    assert reader.search("zulu yankee xray whiskey", method="bm25", k=1)[0].id == "zulu"


def test_a_long_reference_page_does_not_outrank_the_short_page_that_is_the_answer(make_store, write) -> None:
    """The best of forty passages is high by chance more often than the best of one: the whole
    crypto API page, one of whose sections mentions the option, buried the deprecation notice."""
    sections = "\n\n".join(
        f"## crypto.function{i}(options)\n\nThe options object of function{i} takes a hash name and a key "
        f"length; see the hash section. Function{i} returns a buffer{i}."
        for i in range(40)
    )
    write(
        "api/crypto.md",
        "# Crypto\n\n" + sections + "\n\n## crypto.generateKeyPair(options)\n\nThe options.hash option is "
        "deprecated in favour of options.hashAlgorithm, use that instead.\n",
    )
    root = write(
        "deprecations/DEP0154.md",
        "# DEP0154: RSA-PSS generate key pair options\n\noptions.hash is deprecated; hashAlgorithm replaces it.\n",
    ).parent
    write("deprecations/DEP0179.md", "# DEP0179: Hash constructor\n\nCalling Hash class directly is deprecated.\n")
    write("deprecations/DEP0106.md", "# DEP0106: createCipher\n\ncrypto.createCipher is deprecated, use options.\n")
    query = '"options.hash" is deprecated, use "options.hashAlgorithm" instead.'

    without = make_store(length_penalty=0.0)
    without.index([root.parent])
    assert without.search(query, k=2)[0].id == "api/crypto"
    store = make_store(length_penalty=0.1)
    top = store.search(query, k=2)[0]
    assert top.id == "deprecations/DEP0154"
    runner_up = store.search(query, k=2)[1]
    assert runner_up.id == "api/crypto"
    chunks = len({h.chunk_id for h in store.search("function", k=100, max_per_doc=100) if h.id == "api/crypto"})
    assert runner_up.parts.length == pytest.approx(-0.1 * math.log(chunks))
    assert top.parts.length == 0.0, "one chunk: log 1 = 0"
    # reciprocal-rank scores are far smaller than the handicap: RRF ranks by its ranks alone
    rrf = make_store(length_penalty=0.1, fusion="rrf")
    assert all(h.parts.length == 0.0 for h in rrf.search(query, k=4))
