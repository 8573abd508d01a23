"""Replayed logs: a scenario's ``logs.jsonl``, answered like a live log source.

One ECS document per line. The file is read once; every line must be a JSON object with a
readable ``@timestamp`` and ``service.name`` (else :class:`~connectors.errors.SourceUnavailable`
names the file and line). Each fetch returns the documents of the asked services inside the
window, oldest first. Unlike Elasticsearch, every level is returned: the file holds what the
scenario recorded.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime
from functools import cached_property
from operator import attrgetter

import orjson

from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.files import ReplayFile, collection_paused, read_scenario_file
from connectors.logs import LogDocument
from connectors.logs.ecs import log_document, source_fields

_TIMESTAMP = attrgetter("timestamp")


class ReplayLogs(ReplayFile):
    name = "logs"

    @cached_property
    def lines(self) -> list[LogDocument]:
        """Every line, oldest first (read on first use)."""
        text = read_scenario_file(self.path, self.name)
        # paused while the documents pile up: a collection would walk each of them again
        with collection_paused():
            lines = [
                self._document(number, line)
                for number, line in enumerate(text.splitlines(), start=1)
                if line and not line.isspace()
            ]
        lines.sort(key=_TIMESTAMP)
        return lines

    def _document(self, number: int, line: str) -> LogDocument:
        try:
            document = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            raise self._broken(number, str(error).splitlines()[0]) from None
        # kept as Elasticsearch answers it: the _source fields the connector asks for
        read = log_document(source_fields(document)) if isinstance(document, dict) else None
        if read is None:
            raise self._broken(number, "needs '@timestamp' and 'service.name'")
        return read

    def _broken(self, number: int, reason: str) -> SourceUnavailable:
        return SourceUnavailable(self.name, f"{self.path}:{number}: not an ECS log document ({reason})")

    async def fetch_documents(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[LogDocument]:
        lines, wanted = self.lines, set(services)
        # the lines are in time order: the window is one slice of them
        first, last = bisect_left(lines, start, key=_TIMESTAMP), bisect_right(lines, end, key=_TIMESTAMP)
        return Fetched(tuple(line for line in lines[first:last] if line.service in wanted))
