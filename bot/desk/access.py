"""Access requests: validated against the resource catalog, approved by owners, granted for a time.

The same governance as remediation, not a second one: the remediation policy's executors (and so
its shadow mode) carry out grants and revocations, :mod:`bot.remediation.approvals` decides
whether an approval counts, the audit log records every step, and durable timers
(:class:`bot.store.timers.TimerRepository`) revoke at expiry in whichever process claims them.

* **Request.** The resource must be in the catalog, the duration at most its ``max_duration``,
  and a justification is required from ``medium`` up; a refusal stores nothing but an audit
  ``refusal``. Identity and e-mail come from Slack (the caller passes a :class:`Person` built
  from ``users.info``), never from the request's text. ``low`` is granted by policy at once;
  ``medium`` and up wait for their owners, with an approval-expiry timer (fail closed).
* **Approve / reject.** The shared approval rules (digest, state, not the requester, a person,
  an owner, unexpired); ``critical`` needs two distinct owners, and the same owner twice
  counts once.
* **Grant.** Claimed by one guarded update (a double click, a retry, a second process grant
  once); the revoke timer is scheduled in that same transaction, so access is taken back at
  expiry even if the process dies while the executor runs.
* **Revoke.** At expiry by the timer (a failed revocation is retried by the timer worker), or
  early by the requester or an owner.

Errors: :class:`AccessRefused` (an :class:`bot.errors.OpsdeskError`; ``str()`` is for the person).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.coordination import TimerWorker
from bot.desk.model import ActiveGrant, RequestSummary
from bot.desk.resources import Resource, ResourceCatalog, format_length, parse_length
from bot.errors import OpsdeskError
from bot.remediation.approvals import ApprovalCheck, approval_problem, count_distinct
from bot.remediation.audit import Approver, AuditEntry, AuditKind, canonical, iso
from bot.remediation.policy import Policy
from bot.store import Storage, Timer
from bot.store.access import AccessApproval, AccessRequest, approvals_json
from connectors.executors import ExecutionRequest, Executor, ExecutorError
from connectors.executors.shadow import ShadowExecutor

if TYPE_CHECKING:
    from bot.observability.metrics import ServerMetrics

log = logging.getLogger(__name__)

GRANT_ACTION = "access-grant"
REVOKE_ACTION = "access-revoke"
REVOKE_TIMER = "access-revoke"
APPROVAL_EXPIRY_TIMER = "access-approval-expiry"
GRANT_CHECK_TIMER = "access-grant-check"

AWAITING = "awaiting_approval"
APPROVED = "approved"
GRANTING = "granting"
GRANTED = "granted"
REVOKING = "revoking"
REVOKED = "revoked"
REJECTED = "rejected"
EXPIRED = "expired"
FAILED = "failed"
#: States in which the person may hold the access (or is about to).
ACTIVE = (GRANTING, GRANTED, REVOKING)
#: States that block a second request for the same resource.
OPEN = (AWAITING, APPROVED, *ACTIVE)
MAX_JUSTIFICATION = 1000


class AccessRefused(OpsdeskError):
    """An access request, approval or revocation refused; ``str()`` says why."""


@dataclass(frozen=True)
class Person:
    """Someone as Slack's ``users.info`` reports them."""

    user: str
    email: str | None = None
    is_person: bool = True


@dataclass(frozen=True)
class AccessTiming:
    #: How long owners have to decide before the request expires (fails closed).
    approval: timedelta = timedelta(hours=24)
    #: When a revocation fails at the executor, the revoke timer tries again after this long.
    retry: timedelta = timedelta(minutes=1)
    #: A grant still ``granting`` this long after its claim lost its process: it is carried out
    #: again (same idempotency key, so the other side does it once).
    grant_check: timedelta = timedelta(minutes=2)


def request_digest(submission: str, requester: str, resource: str, duration_seconds: int, justification: str) -> str:
    """What an approval binds to: who asked for what, for how long, why, from which submission."""
    body = canonical(
        {
            "submission": submission,
            "requester": requester,
            "resource": resource,
            "duration_seconds": duration_seconds,
            "justification": justification,
        }
    )
    return hashlib.sha256(body).hexdigest()[:40]


def digest_of(row: AccessRequest) -> str:
    return request_digest(row.submission, row.requester, row.resource, row.duration_seconds, row.justification)


def request_problem(
    catalog: ResourceCatalog, resource_id: str, duration: str, justification: str
) -> tuple[str, str] | None:
    """The first field of a request that is wrong, and why (``resource``, ``duration``, ``justification``)."""
    resource = catalog.get(resource_id)
    if resource is None:
        return "resource", f"{resource_id[:64]!r} is not in the resource catalog: pick one from the list"
    length = parse_length(duration)
    if length is None:
        return "duration", f"{duration[:40]!r} is not a duration: write it as 4h, 2d, 90m or 1d12h"
    if length > resource.longest:
        return "duration", f"{resource.name} can be granted for at most {resource.max_duration}"
    if resource.needs_justification and not justification.strip():
        return "justification", f"{resource.name} is {resource.sensitivity}-sensitivity: say why you need it"
    if len(justification) > MAX_JUSTIFICATION:
        return "justification", f"keep the justification under {MAX_JUSTIFICATION} characters"
    return None


StateListener = Callable[[AccessRequest], Awaitable[None]]


class AccessDesk:
    """Requests, approvals, grants and revocations of access (see the module docstring)."""

    def __init__(
        self,
        storage: Storage,
        catalog: ResourceCatalog,
        policy: Policy,
        executors: Mapping[str, Executor],
        clock: Clock,
        *,
        metrics: ServerMetrics | None = None,
        timing: AccessTiming | None = None,
    ) -> None:
        self._storage = storage
        self.catalog = catalog
        self.policy = policy
        self._executors = executors
        self._clock = clock
        self._metrics = metrics
        self._timing = timing or AccessTiming()
        self._listeners: list[StateListener] = []

    def on_change(self, listener: StateListener) -> None:
        """Call ``listener`` with a request its timer changed (expired, revoked), to show it."""
        self._listeners.append(listener)

    def register_timers(self, worker: TimerWorker) -> None:
        # each is a watch set ahead (an expiry, a grant that should have finished), not work in
        # progress: a worker with only these pending is idle until one falls due
        worker.register(REVOKE_TIMER, self._revoke_due, deadline=True)
        worker.register(APPROVAL_EXPIRY_TIMER, self._approval_expired, deadline=True)
        worker.register(GRANT_CHECK_TIMER, self._grant_stalled, deadline=True)

    @property
    def shadow(self) -> bool:
        """Grants are only recorded: shadow mode, or no remediation policy at all."""
        return self.policy.shadow_mode or not self.policy.configured

    # -- request ---------------------------------------------------------------------------

    async def request(
        self,
        requester: Person,
        resource_id: str,
        duration: str,
        justification: str,
        *,
        submission: str,
        trigger: str = "slack request",
    ) -> tuple[AccessRequest, bool]:
        """Store the request (once per submission) and grant it when policy allows; True when new."""
        justification = justification.strip()
        problem = request_problem(self.catalog, resource_id, duration, justification)
        if problem is None and not requester.is_person:
            problem = ("requester", "access is granted to people: bots, apps and deactivated accounts cannot ask")
        if problem is not None:
            await self.refuse(requester.user, resource_id, trigger, problem[1])
            raise AccessRefused(problem[1])
        resource = self.catalog.get(resource_id)
        length = parse_length(duration)
        assert resource is not None  # checked above
        assert length is not None
        seconds = int(length.total_seconds())
        digest = request_digest(submission, requester.user, resource.id, seconds, justification)
        now = self._clock.now()
        automatic = resource.approvals_needed == 0
        values: dict[str, Any] = {
            "digest": digest,
            "submission": submission[:200],
            "resource": resource.id,
            "sensitivity": resource.sensitivity,
            "executor": resource.executor,
            "requester": requester.user,
            "requester_email": requester.email,
            "duration_seconds": seconds,
            "justification": justification,
            "approvals_needed": resource.approvals_needed,
            "approvals": [],
            "state": APPROVED if automatic else AWAITING,
            "shadow": self.shadow,
            "policy_version": self.policy.version,
            "requested_at": now,
            "approval_expires_at": None if automatic else now + self._timing.approval,
            "messages": [],
            "updated_at": now,
        }
        async with self._storage.database.write() as connection:
            existing = await self._storage.access.by_digest(connection, digest)
            if existing is not None:
                return existing, False
            blocking = await self._storage.access.open_for(requester.user, resource.id, OPEN, connection)
            if blocking is not None:
                refused = _already(blocking, resource)
                await self.refuse(requester.user, resource.id, trigger, refused, connection=connection)
            else:
                row, created = await self._storage.access.insert_or_get(connection, values)
            if blocking is None and created:
                reasons = (
                    f"sensitivity {resource.sensitivity}: granted by policy"
                    if automatic
                    else f"sensitivity {resource.sensitivity}: "
                    f"{resource.approvals_needed} distinct owner approval(s) needed",
                )
                entry = self._entry(row, "request", trigger, requester.user, row.state)
                await self._storage.audit.append(entry.model_copy(update={"reasons": reasons}), connection=connection)
                if row.approval_expires_at is not None:
                    await self._storage.timers.schedule(
                        APPROVAL_EXPIRY_TIMER, str(row.id), row.approval_expires_at, connection=connection
                    )
        if blocking is not None:
            raise AccessRefused(refused)
        if created and automatic:
            row = await self.grant(row.id, trigger="policy: low sensitivity")
        return row, created

    async def refuse(
        self, who: str, resource: str, trigger: str, problem: str, *, connection: Any | None = None
    ) -> None:
        entry = AuditEntry(
            kind="refusal", trigger=trigger, actor=who, action=GRANT_ACTION, target=resource[:64], outcome=problem
        )
        await self._storage.audit.append(
            entry.model_copy(update={"outcome": f"refused: {problem}"}), connection=connection
        )

    # -- approval --------------------------------------------------------------------------

    async def approve(
        self, request_id: int, approver: Person, *, digest: str, allowed: bool, trigger: str = "slack approval"
    ) -> AccessRequest:
        """Count ``approver``'s approval (``allowed``: the caller found them an owner); grant once enough."""
        done = await self._decide(request_id, approver, digest, allowed, trigger, approve=True)
        if done.state == APPROVED:
            return await self.grant(done.id, trigger=trigger)
        return done

    async def reject(
        self, request_id: int, approver: Person, *, digest: str, allowed: bool, trigger: str = "slack approval"
    ) -> AccessRequest:
        return await self._decide(request_id, approver, digest, allowed, trigger, approve=False)

    async def _decide(
        self, request_id: int, approver: Person, digest: str, allowed: bool, trigger: str, *, approve: bool
    ) -> AccessRequest:
        now = self._clock.now()
        async with self._storage.database.write() as connection:
            row = await self._storage.access.get(request_id, connection)
            problem = self._approval_problem(row, approver, digest, allowed, now)
            if approve and row is not None and problem is None and approver.user in row.approvers:
                problem = "you already approved this request: it needs another owner's approval"
            if row is None or problem is not None:
                problem = problem or "no such access request"
                await self._refuse_decision(row, approver.user, trigger, problem, connection)
            else:
                values: dict[str, Any] = {"updated_at": now}
                if approve:
                    approvals = (*row.approvals, AccessApproval(user=approver.user, email=approver.email, at=now))
                    enough = count_distinct(a.user for a in approvals) >= row.approvals_needed
                    values["approvals"] = approvals_json(approvals)
                    if enough:
                        values["state"] = APPROVED
                    kind: AuditKind = "approval"
                    outcome = APPROVED if enough else f"{len(approvals)} of {row.approvals_needed} approvals"
                else:
                    values |= {"state": REJECTED, "detail": f"rejected by {approver.user}"}
                    kind, outcome = "rejection", REJECTED
                if await self._storage.access.transition(connection, row.id, (AWAITING,), values):
                    done = await self._storage.access.get(row.id, connection)
                    assert done is not None
                    entry = self._entry(done, kind, trigger, approver.user, outcome).model_copy(
                        update={"approved_by": Approver(slack_id=approver.user, email=approver.email)}
                    )
                    await self._storage.audit.append(entry, connection=connection)
                    return done
                problem = "this request was already decided"
                await self._refuse_decision(row, approver.user, trigger, problem, connection)
        # Raised after the transaction, so the refusal's audit record is kept.
        raise AccessRefused(problem)

    def _approval_problem(
        self, row: AccessRequest | None, approver: Person, digest: str, allowed: bool, now: datetime
    ) -> str | None:
        if row is None:
            return "no such access request"
        state = row.state.replace("_", " ")
        return approval_problem(
            ApprovalCheck(
                requested_by=row.requester,
                approver=approver.user,
                digest=digest,
                stored_digest=row.digest,
                recomputed_digest=digest_of(row),
                state_problem=None if row.state == AWAITING else f"this request is {state}, not awaiting approval",
                is_person=approver.is_person,
                allowed=allowed,
                expires_at=row.approval_expires_at,
                now=now,
                who_may="an owner of the resource",
                what="access",
            )
        )

    async def _refuse_decision(
        self, row: AccessRequest | None, who: str, trigger: str, problem: str, connection: Any
    ) -> None:
        if row is None:
            await self.refuse(who, "", trigger, problem, connection=connection)
            return
        entry = self._entry(row, "refusal", trigger, who, f"refused: {problem}")
        await self._storage.audit.append(entry, connection=connection)

    # -- grant -----------------------------------------------------------------------------

    async def grant(self, request_id: int, *, trigger: str) -> AccessRequest:
        """Grant an approved request once: whoever loses the claim gets the row as it stands."""
        now = self._clock.now()
        async with self._storage.database.write() as connection:
            row = await self._storage.access.get(request_id, connection)
            if row is None:
                raise AccessRefused("no such access request")
            if row.digest != digest_of(row):
                values = {"state": FAILED, "detail": "the request changed after it was made", "updated_at": now}
                await self._storage.access.transition(connection, row.id, (APPROVED,), values)
                await self._refuse_decision(
                    row, "opsdesk", trigger, "the request changed after it was made", connection
                )
                return await self._latest(row.id)
            expires_at = now + row.duration
            claim = {"state": GRANTING, "expires_at": expires_at, "updated_at": now}
            if not await self._storage.access.transition(connection, row.id, (APPROVED,), claim):
                return row
            # Scheduled with the claim: if this process dies while the executor runs, the grant
            # is carried out by whichever process is alive, and the access is still taken back
            # at the time it was granted until.
            await self._storage.timers.schedule(REVOKE_TIMER, str(row.id), expires_at, connection=connection)
            await self._storage.timers.schedule(
                GRANT_CHECK_TIMER, str(row.id), now + self._timing.grant_check, connection=connection
            )
        return await self._carry_out_grant(await self._latest(row.id), trigger)

    async def _carry_out_grant(self, claimed: AccessRequest, trigger: str) -> AccessRequest:
        row = claimed
        params = self._params(claimed)
        try:
            result = await self._executor(claimed).execute(self._execution(claimed, GRANT_ACTION, ":grant", params))
            state, detail, reference = GRANTED, result.detail, result.reference
        except ExecutorError as error:
            state, detail, reference = FAILED, str(error), None
        done_at = self._clock.now()
        values = {"state": state, "detail": detail, "reference": reference, "updated_at": done_at}
        if state == GRANTED:
            values["granted_at"] = done_at
        async with self._storage.database.write() as connection:
            if await self._storage.access.transition(connection, row.id, (GRANTING,), values):
                done = await self._storage.access.get(row.id, connection)
                assert done is not None
                outcome = f"{'shadowed' if done.shadow else state}: {detail}"
                await self._storage.audit.append(
                    self._entry(done, "grant", trigger, "opsdesk", outcome), connection=connection
                )
        done = await self._latest(row.id)
        if done.state == GRANTED and self._metrics is not None:
            self._metrics.access_grants.labels(sensitivity=done.sensitivity).inc()
            self._metrics.access_time_to_grant.observe((done_at - done.requested_at).total_seconds())
        return done

    # -- revoke ----------------------------------------------------------------------------

    async def revoke(self, request_id: int, by: str, *, allowed: bool, trigger: str = "slack revoke") -> AccessRequest:
        """Take access back before it expires: ``by`` must be the requester or (``allowed``) an owner."""
        row = await self._storage.access.get(request_id)
        problem: str | None = None
        if row is None:
            problem = "no such access request"
        elif by != row.requester and not allowed:
            problem = "only the person who holds the access or an owner of the resource may revoke it"
        elif row.state not in ACTIVE:
            problem = f"this access is {row.state.replace('_', ' ')}, not in force"
        if problem is not None:
            async with self._storage.database.write() as connection:
                await self._refuse_decision(row, by, trigger, problem, connection)
            raise AccessRefused(problem)
        assert row is not None
        revoked = await self._revoke(row, by, trigger, reason="early")
        if revoked.state != REVOKED:
            raise AccessRefused(f"the revocation did not go through yet ({revoked.detail}); it will be retried")
        return revoked

    async def _revoke(self, row: AccessRequest, by: str, trigger: str, *, reason: str) -> AccessRequest:
        now = self._clock.now()
        async with self._storage.database.write() as connection:
            values = {"state": REVOKING, "revoked_by": by, "updated_at": now}
            states = (*ACTIVE, FAILED) if reason == "expiry" else ACTIVE
            if not await self._storage.access.transition(connection, row.id, states, values):
                return await self._latest(row.id)
        claimed = await self._latest(row.id)
        try:
            execution = self._execution(claimed, REVOKE_ACTION, ":revoke", self._params(claimed))
            result = await self._executor(claimed).execute(execution)
        except ExecutorError as error:
            async with self._storage.database.write() as connection:
                await self._storage.access.transition(
                    connection, row.id, (REVOKING,), {"detail": f"revocation failed: {error}", "updated_at": now}
                )
                entry = self._entry(claimed, "revocation", trigger, by, f"failed: {error}")
                await self._storage.audit.append(entry, connection=connection)
                # Durable retry: the timer (possibly in another process) tries again.
                await self._storage.timers.schedule(
                    REVOKE_TIMER, str(row.id), self._clock.now() + self._timing.retry, connection=connection
                )
            return await self._latest(row.id)
        done_at = self._clock.now()
        values = {"state": REVOKED, "revoked_at": done_at, "detail": result.detail, "updated_at": done_at}
        async with self._storage.database.write() as connection:
            if await self._storage.access.transition(connection, row.id, (REVOKING,), values):
                done = await self._storage.access.get(row.id, connection)
                assert done is not None
                outcome = f"{'shadowed' if done.shadow else REVOKED} ({reason}): {result.detail}"
                entry = self._entry(done, "revocation", trigger, by, outcome)
                await self._storage.audit.append(entry, connection=connection)
                if self._metrics is not None:
                    self._metrics.access_revocations.labels(reason=reason).inc()
        return await self._latest(row.id)

    # -- timers ----------------------------------------------------------------------------

    async def _revoke_due(self, timer: Timer) -> None:
        row = await self._storage.access.get(int(timer.key))
        # A grant the executor failed may still have happened (a timeout says nothing): it is
        # revoked at its expiry too, fail-safe and idempotent at the other side.
        attempted = row is not None and row.state == FAILED and row.expires_at is not None
        if row is None or (row.state not in ACTIVE and not attempted):
            return
        if row.expires_at is not None and self._clock.now() < row.expires_at and row.state != REVOKING:
            # Due early for a grant still in force: keep the revocation at its expiry.
            await self._storage.timers.schedule(REVOKE_TIMER, timer.key, row.expires_at)
            return
        done = await self._revoke(row, "opsdesk", f"timer {REVOKE_TIMER}", reason="expiry")
        await self._notify(done)
        if done.state != REVOKED:
            raise AccessRefused(f"revocation of access request {row.id} failed; retrying")

    async def _grant_stalled(self, timer: Timer) -> None:
        row = await self._storage.access.get(int(timer.key))
        # Due ``grant_check`` after the claim, which outlasts an executor's timeouts and retries:
        # a grant still claimed lost the process that claimed it.
        if row is None or row.state != GRANTING:
            return
        log.warning("access grant resumed after its process stopped", extra={"request": row.id})
        done = await self._carry_out_grant(row, f"timer {GRANT_CHECK_TIMER}")
        await self._notify(done)

    async def _approval_expired(self, timer: Timer) -> None:
        now = self._clock.now()
        why = "nobody approved in time"
        async with self._storage.database.write() as connection:
            row = await self._storage.access.get(int(timer.key), connection)
            values = {"state": EXPIRED, "detail": why, "updated_at": now}
            if row is None or not await self._storage.access.transition(connection, row.id, (AWAITING,), values):
                return
            entry = self._entry(row, "expiry", f"timer {APPROVAL_EXPIRY_TIMER}", "opsdesk", f"expired: {why}")
            await self._storage.audit.append(entry, connection=connection)
        await self._notify(await self._latest(row.id))

    async def _notify(self, row: AccessRequest) -> None:
        for listener in self._listeners:
            try:
                await listener(row)
            except Exception:  # showing the outcome must not undo or repeat it
                log.exception("access listener failed", extra={"request": row.id})

    # -- what a person sees ----------------------------------------------------------------

    async def active_grants(self, requester: str) -> list[ActiveGrant]:
        rows = await self._storage.access.of_requester(requester, limit=100)
        return [
            ActiveGrant(
                request_id=row.id,
                resource=row.resource,
                granted_at=row.granted_at,
                expires_at=row.expires_at,
                approved_by=row.approvers,
            )
            for row in rows
            if row.state == GRANTED and row.granted_at is not None and row.expires_at is not None
        ]

    async def summaries(self, requester: str, limit: int = 10) -> list[RequestSummary]:
        rows = await self._storage.access.of_requester(requester, limit=limit)
        return [
            RequestSummary(
                kind="access",
                reference=f"AR-{row.id}",
                title=f"{self.resource_name(row.resource)} for {format_length(row.duration)}",
                state=row.state,
                opened_at=row.requested_at,
            )
            for row in rows
        ]

    def resource_name(self, resource_id: str) -> str:
        resource = self.catalog.get(resource_id)
        return resource.name if resource is not None else resource_id

    def resource(self, resource_id: str) -> Resource | None:
        return self.catalog.get(resource_id)

    # -- helpers ---------------------------------------------------------------------------

    async def _latest(self, request_id: int) -> AccessRequest:
        row = await self._storage.access.get(request_id)
        assert row is not None
        return row

    def _executor(self, row: AccessRequest) -> Executor:
        executor = self._executors.get(row.executor)
        if executor is not None:
            return executor
        if self.shadow:
            return ShadowExecutor(would_run=row.executor)
        raise ExecutorError(row.executor, "no such executor in the remediation policy")

    def _params(self, row: AccessRequest) -> dict[str, str | int]:
        params: dict[str, str | int] = {
            "request": row.id,
            "user": row.requester,
            "duration": format_length(row.duration),
            "sensitivity": row.sensitivity,
        }
        if row.requester_email:
            params["email"] = row.requester_email
        if row.expires_at is not None:
            params["expires_at"] = iso(row.expires_at)
        return params

    def _execution(
        self, row: AccessRequest, action: str, suffix: str, params: Mapping[str, str | int]
    ) -> ExecutionRequest:
        return ExecutionRequest(
            idempotency_key=row.digest + suffix,
            incident=None,
            action=action,
            target=row.resource,
            params=params,
            requested_by=row.requester,
            approved_by=",".join(row.approvers) or None,
        )

    def _entry(self, row: AccessRequest, kind: AuditKind, trigger: str, actor: str, outcome: str) -> AuditEntry:
        params: dict[str, Any] = {
            "request": row.id,
            "duration": format_length(row.duration),
            "sensitivity": row.sensitivity,
            "requester": row.requester,
            "approvals_needed": row.approvals_needed,
        }
        if row.requester_email:
            params["requester_email"] = row.requester_email
        if row.justification:
            params["justification"] = row.justification
        if row.approvers:
            params["approvers"] = list(row.approvers)
        if row.expires_at is not None:
            params["expires_at"] = iso(row.expires_at)
        return AuditEntry(
            kind=kind,
            trigger=trigger,
            actor=actor,
            action=GRANT_ACTION,
            target=row.resource,
            params=params,
            tier="auto" if row.approvals_needed == 0 else "approve",
            policy_version=row.policy_version,
            shadow=row.shadow,
            idempotency_key=row.digest,
            outcome=outcome,
        )


def _already(row: AccessRequest, resource: Resource) -> str:
    if row.state in ACTIVE and row.expires_at is not None:
        return f"you already have {resource.name} until {iso(row.expires_at)} (request AR-{row.id})"
    return f"you already asked for {resource.name}: request AR-{row.id} is {row.state.replace('_', ' ')}"
