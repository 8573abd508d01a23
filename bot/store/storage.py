"""Every repository over one database: what the composition root builds once per process."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, SystemClock
from bot.store.access import AccessRepository
from bot.store.alerts import AlertRepository
from bot.store.analyses import AnalysisRepository
from bot.store.audit import AuditRepository
from bot.store.changes import ChangeRepository
from bot.store.claims import ClaimRepository
from bot.store.database import Database
from bot.store.desk import DeskConversationRepository
from bot.store.feedback import FeedbackRepository
from bot.store.inbox import InboxRepository
from bot.store.incidents import IncidentRepository
from bot.store.leases import LeaseRepository
from bot.store.pace import PaceRepository
from bot.store.postmortems import PostmortemRepository
from bot.store.remediations import RemediationRepository
from bot.store.slack_posts import SlackPostRepository
from bot.store.ticket_mirror import MirroredTicketRepository
from bot.store.tickets import TicketRepository
from bot.store.timers import TimerRepository


@dataclass(frozen=True)
class Storage:
    database: Database
    alerts: AlertRepository
    inbox: InboxRepository
    incidents: IncidentRepository
    changes: ChangeRepository
    analyses: AnalysisRepository
    slack_posts: SlackPostRepository
    feedback: FeedbackRepository
    claims: ClaimRepository
    timers: TimerRepository
    leases: LeaseRepository
    postmortems: PostmortemRepository
    pace: PaceRepository
    audit: AuditRepository
    remediations: RemediationRepository
    tickets: TicketRepository
    access: AccessRepository
    desk_conversations: DeskConversationRepository
    mirrored_tickets: MirroredTicketRepository

    @classmethod
    def over(cls, database: Database, clock: Clock | None = None) -> Storage:
        clock = clock or SystemClock()
        leases = LeaseRepository(database, clock)
        audit = AuditRepository(database, clock)
        return cls(
            database=database,
            alerts=AlertRepository(database, clock),
            inbox=InboxRepository(database),
            incidents=IncidentRepository(database),
            changes=ChangeRepository(database, clock),
            analyses=AnalysisRepository(database, clock),
            slack_posts=SlackPostRepository(database, leases),
            feedback=FeedbackRepository(database, audit),
            claims=ClaimRepository(database),
            timers=TimerRepository(database, clock),
            leases=leases,
            postmortems=PostmortemRepository(database),
            pace=PaceRepository(database, clock),
            audit=audit,
            remediations=RemediationRepository(database),
            tickets=TicketRepository(database),
            access=AccessRepository(database),
            desk_conversations=DeskConversationRepository(database),
            mirrored_tickets=MirroredTicketRepository(database),
        )

    @classmethod
    async def open(cls, url: str, *, clock: Clock | None = None, migrate_schema: bool = True) -> Storage:
        """Connect to ``url``, bring its schema up to date, and build every repository over it."""
        return cls.over(await Database.open(url, migrate_schema=migrate_schema), clock)

    async def close(self) -> None:
        await self.database.close()
