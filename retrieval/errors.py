"""The errors the RAG store raises on purpose.

::

    RetrievalError                 anything the store reports to a person as one line
    ├── SourceError                one input file is unusable (names the file and the problem)
    │   └── DuplicateIdError       two files claim the same document id (names both)
    ├── DataDirError               the data dir is missing, not a directory, or not writable
    ├── BackendError               chroma (embedded or a server) failed or cannot be reached
    ├── IndexStateError            the on-disk index is unreadable (a manifest is corrupt)
    ├── ModelError                 the embedding model cannot be found or loaded
    └── QueryError                 a search argument is invalid (collection, k, empty query)

:class:`SourceError` is normally *not* raised out of :meth:`retrieval.Store.index`: a bad
file is skipped, reported in :attr:`retrieval.IndexReport.problems`, and the rest of the corpus is
indexed (a file that was indexed before keeps its previous version). Everything else aborts the
operation before anything is switched, so the previous index generation stays in use.

The store never imports ``bot``; the CLI converts these into ``bot.errors`` types.
"""

from __future__ import annotations

from pathlib import Path


class RetrievalError(Exception):
    """An error meant for a person: one line, no traceback."""


class SourceError(RetrievalError):
    """One source file cannot be indexed."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class DuplicateIdError(SourceError):
    """Two files resolve to the same document id; the later one is skipped."""

    def __init__(self, doc_id: str, kept: Path | str, skipped: Path | str) -> None:
        super().__init__(
            skipped,
            f"duplicate document id {doc_id!r} (already used by {kept}); this file is skipped",
        )
        self.doc_id = doc_id
        self.kept = str(kept)
        self.skipped = str(skipped)


class DataDirError(RetrievalError):
    """The data directory cannot be created, read or written."""


class BackendError(RetrievalError):
    """The vector store failed or cannot be reached."""


class IndexStateError(RetrievalError):
    """The persisted index state is unreadable."""


class ModelError(RetrievalError):
    """The embedding model is missing or failed to load."""


class QueryError(RetrievalError):
    """A search request is invalid."""
