"""The incident store (SQL): alerts, incidents, investigations and change events.

``await Store.open(settings.effective_database_url)`` connects and migrates; see
:mod:`bot.store.store` for the concurrency rules of intake and
:mod:`bot.store.ingest` for the deduplication and grouping rules.
"""

from bot.store.records import (
    IncidentDetail,
    IncidentScope,
    IncidentStatus,
    IncidentSummary,
    IngestResult,
    StoredAlert,
    StoreUnavailable,
)
from bot.store.store import Store, StoredChangeSource

__all__ = [
    "IncidentDetail",
    "IncidentScope",
    "IncidentStatus",
    "IncidentSummary",
    "IngestResult",
    "Store",
    "StoreUnavailable",
    "StoredAlert",
    "StoredChangeSource",
]
