"""Replayed logs: a scenario's ``logs.jsonl``, answered like a live log source.

One ECS document per line. The file is read once; every line must be a JSON object with a
readable ``@timestamp`` and ``service.name`` (else :class:`~connectors.errors.SourceUnavailable`
names the file and line). Each fetch returns the documents of the asked services inside the
window, oldest first, at warn and above: what the Elasticsearch connector asks for, so a
replayed incident is analysed from the lines a live one would be (and info lines, most of a
file, cost only their parse).
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
from connectors.logs import WARN_AND_ABOVE, LogDocument
from connectors.logs.ecs import ecs_field, log_document, source_fields

_TIMESTAMP = attrgetter("timestamp")
#: Stands for a well-formed line below warn while the file is read.
_BELOW_WARN = LogDocument(datetime.min, "", {})


class ReplayLogs(ReplayFile):
    name = "logs"

    @cached_property
    def lines(self) -> list[LogDocument]:
        """Every line, oldest first (read on first use)."""
        text = read_scenario_file(self.path, self.name)
        # paused while the documents pile up: a collection would walk each of them again
        with collection_paused():
            documents = (
                self._document(number, line)
                for number, line in enumerate(text.splitlines(), start=1)
                if line and not line.isspace()
            )
            lines = [document for document in documents if document is not None]
        lines.sort(key=_TIMESTAMP)
        return lines

    def _document(self, number: int, line: str) -> LogDocument | None:
        """The line as Elasticsearch answers it (the ``_source`` fields asked for), ``None`` below warn."""
        try:
            document = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            raise self._broken(number, str(error).splitlines()[0]) from None
        if not isinstance(document, dict):
            raise self._broken(number, "needs '@timestamp' and 'service.name'")
        # ecs_field inlined for the common nested shape: this runs for every line of the file
        log = document.get("log")
        level = log.get("level") if type(log) is dict else ecs_field(document, "log.level")
        if type(level) is str and level.strip().lower() in WARN_AND_ABOVE:
            read = log_document(source_fields(document))
        else:  # not answered: checked for the two fields every line needs, its time not parsed
            owner = document.get("service")
            service = owner.get("name") if type(owner) is dict else ecs_field(document, "service.name")
            moment = document.get("@timestamp")
            dated = moment[:4].isdigit() if type(moment) is str else type(moment) in (int, float)
            read = _BELOW_WARN if type(service) is str and service and dated else None
        if read is None:
            raise self._broken(number, "needs '@timestamp' and 'service.name'")
        return None if read is _BELOW_WARN else read

    def _broken(self, number: int, reason: str) -> SourceUnavailable:
        return SourceUnavailable(self.name, f"{self.path}:{number}: not an ECS log document ({reason})")

    async def fetch_documents(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[LogDocument]:
        lines, wanted = self.lines, set(services)
        # the lines are in time order: the window is one slice of them
        first, last = bisect_left(lines, start, key=_TIMESTAMP), bisect_right(lines, end, key=_TIMESTAMP)
        return Fetched(tuple(line for line in lines[first:last] if line.service in wanted))
