"""The SQL store: one repository per record family over one :class:`Database`.

``await Storage.open(settings.effective_database_url)`` connects, migrates (Alembic revisions in
``bot/store/migrations``) and builds every repository:

=======================  ====================================================================
``alerts``               intake batches: deduplicated, grouped and resolved in one transaction
``inbox``                webhooks acknowledged and not yet grouped; drained into ``alerts``
``incidents``            read, declared by hand, resolved by hand
``changes``              deploy and config events; also the agent's source of stored changes
``analyses``             each investigation's result, hypotheses and evidence
``slack_posts``          each incident's Slack message and roles
``feedback``             👍/👎 on hypotheses
``claims``               work done once across processes (Slack deliveries, idempotency keys)
``timers``               durable timers: due work, claimed once, coalesced per kind and key
``leases``               named leases with fencing tokens
``postmortems``          the draft written when an incident resolves
``pace``                 each Slack channel's next posting slot, shared by the processes
``remediations``         requested actions: decision, approval, execution (one row per idempotency key)
``audit``                the append-only audit log, chained by hash, written with what it records
``tickets``              the desk's own tickets and their comments (one row per idempotency key)
``access``               access requests, their approvals and time-bound grants
``desk_conversations``   one desk conversation per Slack thread
``mirrored_tickets``     the desk's tickets in Jira or ServiceNow, moved by their webhooks (each delivery once)
=======================  ====================================================================

Repositories hand back immutable values (:mod:`bot.store.records`), never live rows. A database
that cannot be reached raises :class:`StoreUnavailable`.
"""

from bot.store.database import Database
from bot.store.leases import Lease
from bot.store.records import (
    IncidentDetail,
    IncidentScope,
    IncidentStatus,
    IncidentSummary,
    IngestResult,
    StoredAlert,
    StoreUnavailable,
)
from bot.store.slack_posts import SlackPost
from bot.store.storage import Storage
from bot.store.timers import Timer

__all__ = [
    "Database",
    "IncidentDetail",
    "IncidentScope",
    "IncidentStatus",
    "IncidentSummary",
    "IngestResult",
    "Lease",
    "SlackPost",
    "Storage",
    "StoreUnavailable",
    "StoredAlert",
    "Timer",
]
