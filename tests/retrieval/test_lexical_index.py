"""The BM25 indexes a generation stores hold exactly the terms of the texts they stand for.

A writer builds both indexes from term ids, tokenizing each chunk's body once. The reference here
is the text each index row stands for, tokenized as a whole and indexed by bm25s from strings:
every term's scores in every row must be the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from retrieval.evaluation import load_queries
from retrieval.generations import GenerationData, Generations
from retrieval.lexical import BM25_B, BM25_K1, HEADING_WEIGHT, TITLE_WEIGHT, LexicalIndex, tokenize
from retrieval.models import ChunkRecord, IncidentRecord
from retrieval.store import Store

from .conftest import RUNBOOKS, HashEmbedder

QUERIES = Path(__file__).resolve().parent / "queries.jsonl"


def _text(names: Iterable[str], headings: Iterable[str], body: str, weight: int | None = None) -> str:
    name_line = " ".join(n for n in names if n)
    heading_line = " ".join(h for h in headings if h)
    names_times = TITLE_WEIGHT if weight is None else weight
    headings_times = HEADING_WEIGHT if weight is None else weight
    return "\n".join([*([name_line] * names_times), *([heading_line] * headings_times), body])


def _body(chunk: ChunkRecord) -> str:
    return chunk.embed_text.split("\n\n", 1)[1] if "\n\n" in chunk.embed_text else ""


def _chunk_text(chunk: ChunkRecord) -> str:
    """A chunk's BM25 text: its names and headings, each line twice, then its body."""
    stem = chunk.file_stem if chunk.collection != "incidents" else ""
    names = [chunk.title, *chunk.alerts, stem]
    if chunk.heading_path and chunk.heading_path[0] != chunk.title:
        names.append(chunk.heading_path[0])
    headings = [*chunk.heading_path[1:], *(s.title for s in chunk.sections[1:])]
    return _text(names, headings, _body(chunk))


def _document_text(chunks: list[ChunkRecord]) -> str:
    """A document's BM25 text: its names once, every heading once, every chunk's body."""
    if not chunks:
        return ""
    first = chunks[0]
    stem = first.file_stem if first.collection != "incidents" else ""
    headings: list[str] = []
    for c in chunks:
        headings.extend(h for h in c.heading_path[1:] if h not in headings)
    return _text([first.title, *first.alerts, stem], headings, "\n".join(_body(c) for c in chunks), weight=1)


def _reference(texts: list[str]) -> Any:
    model = bm25s.BM25(k1=BM25_K1, b=BM25_B, method="lucene")
    model.index([tokenize(t) for t in texts], show_progress=False)
    return model


def _columns(model: Any) -> dict[str, list[tuple[int, float]]]:
    """Every term's (row, score) pairs in a bm25s index, by row."""
    data, indices, indptr = (model.scores[k] for k in ("data", "indices", "indptr"))
    out = {}
    for term, column in model.vocab_dict.items():
        if column + 1 < len(indptr):  # bm25s's empty term has no column
            start, end = indptr[column], indptr[column + 1]
            out[term] = sorted(zip(indices[start:end].tolist(), data[start:end].tolist(), strict=True))
    return out


def _assert_same_index(stored: LexicalIndex, reference: Any, queries: list[str]) -> None:
    model: Any = stored._model
    assert model.scores["num_docs"] == reference.scores["num_docs"] == stored.size
    assert _columns(model) == _columns(reference)
    for query in queries:
        expected = np.asarray(reference.get_scores(tokenize(query)), dtype=np.float32)
        assert np.array_equal(stored.scores(query), expected), query


EXTRA = """---
title: Queue backlog
alerts: [QueueBacklogGrowing]
---
# Consumers falling behind

The orders queue grows while consumers restart in a loop.

## Check the lag

`kafka-consumer-groups --describe --group orders`

## Restart the consumers

Roll the deployment.
"""
"""A document whose H1 is not its title, with sections short enough to be merged into one chunk."""


def _generation(tmp_path: Path) -> GenerationData:
    """The runbooks and KB, one more document, and two resolved incidents, indexed and read back
    from disk."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "queue-backlog.md").write_text(EXTRA, encoding="utf-8")
    store = Store(tmp_path / "data", embedder=HashEmbedder())
    store.index([RUNBOOKS, extra])
    for n, symptoms in enumerate(["HighErrorRate NullPointerException in PaymentController", "disk full on db-2"]):
        store.add_incident(
            IncidentRecord(
                id=f"INC-{n}",
                title=f"Incident {n}: checkout 5xx after deploy",
                service="checkout",
                cause="deploy",
                culprit="checkout",
                fix="Rolled back checkout to v1.4.2",
                summary="A bad release of checkout raised the error ratio to 12%.",
                symptoms=symptoms,
                resolved_at=datetime(2026, 10, 3, 4, 12, tzinfo=UTC),
            )
        )
    generations = Generations(tmp_path / "data")
    name = generations.current_name()
    assert name is not None
    return generations.load(name)


def test_the_chunk_and_document_indexes_hold_the_terms_of_their_texts(tmp_path: Path) -> None:
    data = _generation(tmp_path)
    chunks = data.chunks
    assert {c.collection for c in chunks} == {"runbooks", "kb", "incidents"}
    assert any(c.heading_path[0] != c.title and len(c.sections) > 1 for c in chunks)
    queries = [q.query for q in load_queries(QUERIES)]
    queries += [c.title for c in chunks[::7]] + ["KubePodCrashLooping", "max_connections", "zzz-no-such-term"]

    _assert_same_index(data.lexical, _reference([_chunk_text(c) for c in chunks]), queries)

    by_doc: dict[str, list[ChunkRecord]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    documents = [_document_text(by_doc.get(d.doc_id, [])) for d in data.docs]
    assert data.doc_lexical is not None
    _assert_same_index(data.doc_lexical, _reference(documents), queries)
