"""Replayed logs: a scenario's ``logs.jsonl``, answered like a live log source.

One ECS document per line. The file is read once; every line must be a JSON object with a
readable ``@timestamp`` and ``service.name`` (else :class:`~connectors.errors.SourceUnavailable`
names the file and line). Each fetch returns the documents of the asked services inside the
window, oldest first. Unlike Elasticsearch, every level is returned: the file holds what the
scenario recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cached_property
from operator import attrgetter

import orjson

from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.files import ReplayFile, read_scenario_file
from connectors.logs import LogDocument
from connectors.logs.ecs import log_document, source_fields


class ReplayLogs(ReplayFile):
    name = "logs"

    @cached_property
    def lines(self) -> list[LogDocument]:
        """Every line, oldest first (read on first use)."""
        lines = []
        for number, line in enumerate(read_scenario_file(self.path, self.name).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                document = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                raise self._broken(number, str(error).splitlines()[0]) from None
            # kept as Elasticsearch answers it: the _source fields the connector asks for
            read = log_document(source_fields(document)) if isinstance(document, dict) else None
            if read is None:
                raise self._broken(number, "needs '@timestamp' and 'service.name'")
            lines.append(read)
        lines.sort(key=attrgetter("timestamp"))
        return lines

    def _broken(self, number: int, reason: str) -> SourceUnavailable:
        return SourceUnavailable(self.name, f"{self.path}:{number}: not an ECS log document ({reason})")

    async def fetch_documents(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[LogDocument]:
        wanted = set(services)
        return Fetched(tuple(line for line in self.lines if line.service in wanted and start <= line.timestamp <= end))
