"""Log sources: ECS documents (Elastic Common Schema) of the services in a time window.

:mod:`connectors.logs.elasticsearch` searches Elasticsearch; :mod:`connectors.logs.replay`
reads a scenario's ``logs.jsonl``. Both satisfy :class:`LogSource` and answer the same lines:
those at warn and above (:data:`WARN_AND_ABOVE`); :mod:`connectors.logs.ecs` reads the fields of a
document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol, TypeAlias, runtime_checkable

from connectors.fetched import Fetched

#: ``log.level`` values at error and above, and at warn, as producers spell them (lower-cased).
ERROR_LEVELS = frozenset({"error", "err", "fatal", "critical", "crit", "emerg", "alert", "panic", "severe"})
WARN_LEVELS = frozenset({"warn", "warning"})
#: What a log source answers: lines at warn and above (the analysis reads nothing below).
WARN_AND_ABOVE = ERROR_LEVELS | WARN_LEVELS

#: An ECS document as decoded from JSON.
EcsDocument: TypeAlias = Mapping[str, Any]


class LogDocument(NamedTuple):
    """One log line: its ECS document (nested ``{"log": {"level"}}`` or dotted keys), with the
    time and service already read from it (sources leave out lines that lack either)."""

    timestamp: datetime
    service: str
    ecs: EcsDocument


@runtime_checkable
class LogSource(Protocol):
    name: str

    async def fetch_documents(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[LogDocument]:
        """Lines of ``services`` logged in ``[start, end]``, oldest first."""
        ...
