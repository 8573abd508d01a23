"""Replayed change events: a scenario's ``deploys.json``, answered like a live change source.

A JSON list of change records. The file is read once; each must be an object whose
``started_at`` is ISO 8601 text with a time zone, else :class:`~connectors.errors.SourceUnavailable`
names the file and the record. Each fetch returns, in file order, the records that started
inside the window, whatever their service: a change elsewhere can be the cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cached_property

from connectors.changes import ChangeRecord
from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.files import ReplayFile, read_scenario_json


class ReplayChanges(ReplayFile):
    name = "changes"

    @cached_property
    def records(self) -> list[tuple[datetime, ChangeRecord]]:
        """``(started_at, record)`` for every record, in file order (read on first use)."""
        data = read_scenario_json(self.path, self.name)
        if not isinstance(data, list):
            raise SourceUnavailable(self.name, f"{self.path}: expected a list of change events")
        return [(self._started_at(index, record), record) for index, record in enumerate(data)]

    def _started_at(self, index: int, record: object) -> datetime:
        started = record.get("started_at") if isinstance(record, dict) else None
        try:
            moment = datetime.fromisoformat(started) if isinstance(started, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise SourceUnavailable(self.name, f"{self.path}: {index}.started_at: needs ISO 8601 with a time zone")
        return moment

    async def fetch_change_records(
        self, services: Sequence[str], start: datetime, end: datetime
    ) -> Fetched[ChangeRecord]:
        return Fetched(tuple(record for at, record in self.records if start <= at <= end))
