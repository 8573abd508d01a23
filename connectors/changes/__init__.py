"""Change sources: deploys, config changes, feature-flag flips and infrastructure changes.

:mod:`connectors.changes.replay` reads a scenario's ``deploys.json``. In production the
change events arrive on ``/hooks/deploy`` and are stored by the bot, which serves them itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeAlias, runtime_checkable

from connectors.fetched import Fetched

#: One change event as ``deploys.json`` and ``/hooks/deploy`` carry it: ``id``, ``service``,
#: ``kind``, ``version``, ``previous_version``, ``started_at``, ``finished_at``, ``author``,
#: ``description``. Not validated beyond ``started_at``: the reader checks the rest.
ChangeRecord: TypeAlias = Mapping[str, Any]


@runtime_checkable
class ChangeSource(Protocol):
    name: str

    async def fetch_change_records(
        self, services: Sequence[str], start: datetime, end: datetime
    ) -> Fetched[ChangeRecord]:
        """Changes that started in ``[start, end]``."""
        ...
