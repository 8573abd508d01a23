"""Requesting, approving and executing remediations exactly once, across processes.

* **Request.** The policy decides on the typed action (never its text); the request is stored
  under its idempotency key (a digest of incident, action, target and parameters) with an audit
  record in one transaction. A repeat (double click, Slack retry, a second process) finds the
  same row. ``approve`` requests get an approval-expiry timer in the same transaction, and an
  escalation timer per step of the policy's ``escalate_after``: a step that passes unanswered is
  not consent; the listeners ask the next approver, and the final expiry fails closed.
* **Approve / reject.** Checked again on the server: the approval names the digest it approves
  (any change of action, target or parameters voids it), the approver is not the requester and
  is allowed (the caller resolves roles), it has not expired, and the policy still allows it now.
* **Execute.** Under a per-target lease whose fencing token is checked in the transaction that
  marks the row ``executing`` and sent with the side effect; only the execution that owns the row's
  fence records the outcome. A holder that stalled past its lease is overtaken by the next one,
  and its late result is discarded (the receiver sees the newer fence and the same idempotency key).
* **Undo.** An ``auto`` or ``notify`` action that ran (``done``) through a :class:`Reversible`
  executor can be taken back once, under the same lease and fence: ``done`` → ``undoing`` →
  ``undone``. A failed undo leaves the action ``done``, with the reason.

Refusals raise :class:`Refused` (its ``str()`` is for the person) and are audited.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Container, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock
from bot.coordination import TimerWorker
from bot.engine.model import Action
from bot.remediation.approvals import ApprovalCheck, approval_problem
from bot.remediation.audit import Approver, AuditEntry, AuditKind, canonical
from bot.remediation.decide import ActionRequest, Decision, Severity, decide
from bot.remediation.errors import RemediationError
from bot.remediation.policy import Policy
from bot.remediation.proposals import shadow_outcome
from bot.store import Lease, Storage, Timer
from bot.store.remediations import Remediation
from connectors.executors import ExecutionRequest, Executor, ExecutorError, Reversible

#: Asked when an escalation step passes: the request and the step (1 for the second approver...);
#: returns the people it asked.
EscalationListener = Callable[[Remediation, int], Awaitable[Sequence[str]]]

APPROVAL_EXPIRY_TIMER = "remediation-approval-expiry"
APPROVAL_ESCALATION_TIMER = "remediation-approval-escalation"
EXECUTION_EXPIRY_TIMER = "remediation-execution-expiry"
AWAITING = "awaiting_approval"
RUNNABLE = ("ready", "approved")
FINAL = ("done", "noop", "failed", "rejected", "expired", "refused", "shadowed", "undone")
#: Tiers whose actions ran without an approval: taking them back needs none either.
UNDOABLE_TIERS = ("auto", "notify")


class Refused(RemediationError):
    """A remediation request, approval or execution refused; ``str()`` says why."""


class Busy(RemediationError):
    """Another execution holds the target's lease; try again later."""


@dataclass(frozen=True)
class Timing:
    approval: timedelta = timedelta(minutes=15)
    execution: timedelta = timedelta(minutes=15)
    lease: timedelta = timedelta(seconds=60)


def idempotency_key(incident: int | None, action: str, target: str, params: Mapping[str, Any]) -> str:
    """The digest an approval binds to and every side effect carries."""
    body = canonical({"incident": incident, "action": action, "target": target, "params": dict(params)})
    return hashlib.sha256(body).hexdigest()[:40]


class Remediations:
    def __init__(
        self,
        storage: Storage,
        policy: Policy,
        executors: Mapping[str, Executor],
        services: Container[str],
        clock: Clock,
        holder: str,
        *,
        timing: Timing | None = None,
    ) -> None:
        self._storage = storage
        self.policy = policy
        self._executors = executors
        self._services = services
        self._clock = clock
        self._holder = holder
        self._timing = timing or Timing()
        self._expiry_listeners: list[Callable[[Remediation], Awaitable[None]]] = []
        self._escalation_listeners: list[EscalationListener] = []

    @property
    def executors(self) -> Mapping[str, Executor]:
        """The policy's executors (shadows in shadow mode), shared with access grants."""
        return self._executors

    def on_expiry(self, listener: Callable[[Remediation], Awaitable[None]]) -> None:
        """Call ``listener`` with a request once its timer expired it (to edit what shows it)."""
        self._expiry_listeners.append(listener)

    def on_escalation(self, listener: EscalationListener) -> None:
        """Call ``listener`` when an escalation step passes with the request still unanswered."""
        self._escalation_listeners.append(listener)

    def register_timers(self, worker: TimerWorker) -> None:
        worker.register(APPROVAL_EXPIRY_TIMER, self._approval_expired)
        worker.register(APPROVAL_ESCALATION_TIMER, self._escalation_due)
        worker.register(EXECUTION_EXPIRY_TIMER, self._execution_expired)

    def undoable(self, row: Remediation) -> bool:
        """Whether ``row`` ran without an approval through an executor that can take it back."""
        executor = self._executors.get(row.executor or "")
        return (
            row.state == "done"
            and row.tier in UNDOABLE_TIERS
            and not row.shadow
            and row.reference is not None
            and isinstance(executor, Reversible)
        )

    def decide(self, action: Action, severity: Severity) -> Decision:
        request = ActionRequest(
            action=action.id,
            target=action.target or "",
            params=dict(action.params),
            missing=action.missing,
            severity=severity,
        )
        return decide(self.policy, request, self._services, self._clock.now())

    # -- request ---------------------------------------------------------------------------

    async def request(
        self, incident: int | None, action: Action, severity: Severity, requested_by: str, *, trigger: str
    ) -> tuple[Remediation, bool]:
        """Store the request (once per idempotency key); True when this call made it."""
        decision = self.decide(action, severity)
        now = self._clock.now()
        key = idempotency_key(incident, decision.action, decision.target, decision.params)
        if decision.tier == "forbidden":
            state = "refused"
        elif decision.shadow:
            state = "shadowed"
        elif decision.tier == "approve":
            state = AWAITING
        else:
            state = "ready"
        values: dict[str, Any] = {
            "idempotency_key": key,
            "incident_id": incident,
            "action": decision.action,
            "target": decision.target,
            "params": dict(decision.params),
            "severity": severity,
            "tier": decision.tier,
            "executor": decision.executor,
            "policy_version": decision.policy_version,
            "shadow": decision.shadow,
            "state": state,
            "requested_by": requested_by,
            "requested_at": now,
            "approval_expires_at": now + self._timing.approval if state == AWAITING else None,
            "execution_expires_at": now + self._timing.execution if state == "ready" else None,
            "detail": shadow_outcome(decision) if state in ("refused", "shadowed") else None,
            "messages": [],
            "updated_at": now,
        }
        async with self._storage.database.write() as connection:
            row, created = await self._storage.remediations.insert_or_get(connection, values)
            if created:
                entry = self._entry(row, "request" if state != "refused" else "refusal", trigger, requested_by)
                entry = entry.model_copy(update={"reasons": decision.reasons, "outcome": state})
                await self._storage.audit.append(entry, connection=connection)
                if state == AWAITING and row.approval_expires_at is not None:
                    await self._storage.timers.schedule(
                        APPROVAL_EXPIRY_TIMER, str(row.id), row.approval_expires_at, connection=connection
                    )
                    await self._schedule_escalation(connection, row, 1, now)
                if state == "ready" and row.execution_expires_at is not None:
                    await self._storage.timers.schedule(
                        EXECUTION_EXPIRY_TIMER, str(row.id), row.execution_expires_at, connection=connection
                    )
        return row, created

    # -- approval --------------------------------------------------------------------------

    async def approve(
        self,
        remediation_id: int,
        approver: str,
        *,
        digest: str,
        allowed: bool,
        email: str | None = None,
        trigger: str = "slack approval",
    ) -> Remediation:
        """Approve on behalf of ``approver`` (``allowed``: the caller found them IC or an approver)."""
        return await self._settle(remediation_id, approver, digest, allowed, email, trigger, approve=True)

    async def reject(
        self, remediation_id: int, approver: str, *, digest: str, allowed: bool, trigger: str = "slack approval"
    ) -> Remediation:
        return await self._settle(remediation_id, approver, digest, allowed, None, trigger, approve=False)

    async def _settle(
        self,
        remediation_id: int,
        approver: str,
        digest: str,
        allowed: bool,
        email: str | None,
        trigger: str,
        *,
        approve: bool,
    ) -> Remediation:
        now = self._clock.now()
        async with self._storage.database.write() as connection:
            row = await self._storage.remediations.get(remediation_id, connection)
            problem = self._approval_problem(row, approver, digest, allowed, now, approve=approve)
            if problem is not None or row is None:
                await self._refuse(connection, row, approver, trigger, problem or "no such remediation")
            else:
                values: dict[str, Any] = {"updated_at": now, "approved_by": approver, "approver_email": email}
                if approve:
                    values |= {"state": "approved", "execution_expires_at": now + self._timing.execution}
                else:
                    values |= {"state": "rejected", "detail": f"rejected by {approver}"}
                if await self._storage.remediations.transition(connection, row.id, (AWAITING,), values):
                    done = await self._storage.remediations.get(row.id, connection)
                    assert done is not None
                    kind: AuditKind = "approval" if approve else "rejection"
                    entry = self._entry(done, kind, trigger, approver).model_copy(
                        update={"approved_by": Approver(slack_id=approver, email=email), "outcome": done.state}
                    )
                    await self._storage.audit.append(entry, connection=connection)
                    if approve and done.execution_expires_at is not None:
                        await self._storage.timers.schedule(
                            EXECUTION_EXPIRY_TIMER, str(done.id), done.execution_expires_at, connection=connection
                        )
                    return done
                problem = "this request was already decided"
                await self._refuse(connection, row, approver, trigger, problem)
        raise Refused(problem or "no such remediation request")

    def _approval_problem(
        self, row: Remediation | None, approver: str, digest: str, allowed: bool, now: datetime, *, approve: bool
    ) -> str | None:
        if row is None:
            return "no such remediation request"
        state = row.state.replace("_", " ")
        problem = approval_problem(
            ApprovalCheck(
                requested_by=row.requested_by,
                approver=approver,
                digest=digest,
                stored_digest=row.idempotency_key,
                recomputed_digest=idempotency_key(row.incident_id, row.action, row.target, row.params),
                state_problem=None if row.state == AWAITING else f"this request is {state}, not awaiting approval",
                is_person=True,  # the caller folds "not a person" into ``allowed``
                allowed=allowed,
                expires_at=row.approval_expires_at,
                now=now,
                who_may="the incident commander or a policy approver",
                what="an action",
            )
        )
        if problem is not None:
            return problem
        if approve:
            action = Action(id=row.action, label=row.action, risk="", target=row.target, params=row.params)
            decision = self.decide(action, row.severity)  # type: ignore[arg-type]
            if decision.tier == "forbidden":
                return "the policy no longer allows this action: " + "; ".join(decision.reasons)
        return None

    async def _refuse(self, connection: Any, row: Remediation | None, who: str, trigger: str, problem: str) -> None:
        entry = AuditEntry(
            kind="refusal",
            incident=row.incident_id if row else None,
            trigger=trigger,
            actor=who,
            action=row.action if row else None,
            target=row.target if row else None,
            idempotency_key=row.idempotency_key if row else None,
            outcome=f"refused: {problem}",
        )
        await self._storage.audit.append(entry, connection=connection)

    # -- execution -------------------------------------------------------------------------

    async def execute(self, remediation_id: int, *, trigger: str = "approved") -> Remediation:
        """Run the remediation once: a repeat, or a losing racer, gets the row as it stands."""
        row = await self._storage.remediations.get(remediation_id)
        if row is None:
            raise Refused("no such remediation request")
        if row.state not in (*RUNNABLE, "executing"):
            return row
        async with self._target_lease(row.target) as lease:
            claimed = await self._claim(remediation_id, lease, trigger)
            if claimed is None:
                latest = await self._storage.remediations.get(remediation_id)
                assert latest is not None
                return latest
            executor = self._executors.get(claimed.executor or "")
            request = self._execution_request(claimed, lease.fence)
            try:
                if executor is None:
                    raise ExecutorError(claimed.executor or "policy", "no such executor configured")
                result = await executor.execute(request)
                outcome: tuple[str, str, str | None] = (result.outcome, result.detail, result.reference)
            except ExecutorError as error:
                outcome = ("failed", str(error), None)
            await self._record(claimed, lease.fence, *outcome, trigger=trigger)
        latest = await self._storage.remediations.get(remediation_id)
        assert latest is not None
        return latest

    @asynccontextmanager
    async def _target_lease(self, target: str) -> AsyncIterator[Lease]:
        # One holder per side effect, not per process: two coroutines of one process must not share
        # (and release) each other's lease.
        holder = f"{self._holder}:{uuid.uuid4().hex[:8]}"
        lease = await self._storage.leases.acquire(f"remediation-target:{target}", holder, self._timing.lease)
        if lease is None:
            raise Busy(f"another action on {target} is running; try again shortly")
        try:
            yield lease
        finally:
            await self._storage.leases.release(lease)

    # -- undo ------------------------------------------------------------------------------

    async def undo(
        self, remediation_id: int, user: str, *, digest: str, allowed: bool, trigger: str = "slack undo"
    ) -> Remediation:
        """Take back an ``auto``/``notify`` action that ran, once (``allowed``: the caller found the
        person may act on the incident). A repeat, or a losing racer, gets the row as it stands."""
        row = await self._storage.remediations.get(remediation_id)
        problem = self._undo_problem(row, digest, allowed)
        if problem is not None or row is None:
            async with self._storage.database.write() as connection:
                await self._refuse(connection, row, user, trigger, problem or "no such remediation")
            raise Refused(problem or "no such remediation")
        if row.state == "undone":
            return row
        async with self._target_lease(row.target) as lease:
            claimed = await self._claim_undo(row.id, lease, user, trigger)
            if claimed is not None:
                executor = self._executors.get(claimed.executor or "")
                assert isinstance(executor, Reversible)  # checked before the lease
                assert claimed.reference is not None
                request = self._execution_request(claimed, lease.fence)
                try:
                    result = await executor.undo(request, claimed.reference)
                    state, detail = "undone", result.detail
                except ExecutorError as error:
                    state, detail = "done", f"undo failed: {error}"
                await self._record(
                    claimed, lease.fence, state, detail, claimed.reference, trigger=trigger, running="undoing"
                )
        latest = await self._storage.remediations.get(remediation_id)
        assert latest is not None
        return latest

    def _undo_problem(self, row: Remediation | None, digest: str, allowed: bool) -> str | None:
        if row is None:
            return "no such remediation"
        if digest != row.idempotency_key:
            return "this button's value does not match the action it names"
        if not allowed:
            return "only the incident commander or the owning team may undo an action"
        if row.state in ("undone", "undoing"):
            return None
        if row.tier not in UNDOABLE_TIERS:
            return f"a `{row.tier}` action is not undone from Slack: request the reverse action instead"
        if not self.undoable(row):
            return f"this action cannot be undone ({row.state.replace('_', ' ')}; executor {row.executor})"
        return None

    async def _claim_undo(self, remediation_id: int, lease: Lease, user: str, trigger: str) -> Remediation | None:
        now = self._clock.now()
        async with self._storage.database.write() as connection:
            if not await self._storage.leases.holds(connection, lease):
                return None
            values = {"state": "undoing", "fence": lease.fence, "holder": lease.holder, "updated_at": now}
            # Holding the lease, an ``undoing`` row is a holder's that stalled past its lease: take over.
            if not await self._storage.remediations.transition(connection, remediation_id, ("done", "undoing"), values):
                return None
            claimed = await self._storage.remediations.get(remediation_id, connection)
            assert claimed is not None
            entry = self._entry(claimed, "undo", trigger, user).model_copy(update={"outcome": "undo started"})
            await self._storage.audit.append(entry, connection=connection)
            return claimed

    async def _claim(self, remediation_id: int, lease: Lease, trigger: str) -> Remediation | None:
        now = self._clock.now()
        fence = lease.fence
        async with self._storage.database.write() as connection:
            if not await self._storage.leases.holds(connection, lease):
                return None
            row = await self._storage.remediations.get(remediation_id, connection)
            if row is None:
                return None
            takeover = row.state == "executing" and (row.fence or 0) < fence
            if row.state not in RUNNABLE and not takeover:
                return None
            if row.idempotency_key != idempotency_key(row.incident_id, row.action, row.target, row.params):
                await self._storage.remediations.transition(
                    connection,
                    row.id,
                    (row.state,),
                    {"state": "refused", "detail": "parameters changed after the request", "updated_at": now},
                )
                await self._refuse(connection, row, self._holder, trigger, "parameters changed after the request")
                return None
            if row.execution_expires_at is not None and now >= row.execution_expires_at and not takeover:
                await self._storage.remediations.transition(
                    connection,
                    row.id,
                    RUNNABLE,
                    {"state": "expired", "detail": "execution window passed", "updated_at": now},
                )
                await self._storage.audit.append(
                    self._entry(row, "expiry", trigger, "opsdesk").model_copy(update={"outcome": "expired"}),
                    connection=connection,
                )
                return None
            values = {"state": "executing", "fence": fence, "holder": lease.holder, "updated_at": now}
            if not await self._storage.remediations.transition(connection, row.id, (row.state,), values):
                return None
            claimed = await self._storage.remediations.get(row.id, connection)
            assert claimed is not None
            entry = self._entry(claimed, "execution", trigger, lease.holder).model_copy(
                update={"outcome": "started" if not takeover else f"taken over from fence {row.fence}"}
            )
            await self._storage.audit.append(entry, connection=connection)
            return claimed

    @staticmethod
    def _execution_request(row: Remediation, fence: int) -> ExecutionRequest:
        return ExecutionRequest(
            idempotency_key=row.idempotency_key,
            incident=row.incident_id,
            action=row.action,
            target=row.target,
            params=row.params,
            requested_by=row.requested_by,
            approved_by=row.approved_by,
            fence=fence,
        )

    async def _record(
        self,
        row: Remediation,
        fence: int,
        state: str,
        detail: str,
        reference: str | None,
        *,
        trigger: str,
        running: str = "executing",
    ) -> bool:
        """The outcome, kept only by the side effect that still owns the row's fence."""
        now = self._clock.now()
        values = {"state": state, "detail": detail, "reference": reference, "updated_at": now}
        kind: AuditKind = "undo" if running == "undoing" else "execution"
        async with self._storage.database.write() as connection:
            if not await self._storage.remediations.transition(connection, row.id, (running,), values, fence=fence):
                return False
            entry = self._entry(row, kind, trigger, row.holder or self._holder).model_copy(
                update={"fence": fence, "outcome": f"{state}: {detail}"}
            )
            await self._storage.audit.append(entry, connection=connection)
        return True

    # -- timers ----------------------------------------------------------------------------

    async def _approval_expired(self, timer: Timer) -> None:
        await self._expire(int(timer.key), (AWAITING,), "approval expired: nobody approved in time")

    async def _schedule_escalation(self, connection: Any, row: Remediation, step: int, now: datetime) -> None:
        """Ask for step ``step`` one ``escalate_after`` from ``now``, if that is before the expiry."""
        due = now + self.policy.escalation
        if row.approval_expires_at is not None and due < row.approval_expires_at:
            await self._storage.timers.schedule(
                APPROVAL_ESCALATION_TIMER, f"{row.id}:{step}", due, connection=connection
            )

    async def _escalation_due(self, timer: Timer) -> None:
        remediation_id, step = (int(part) for part in timer.key.split(":"))
        row = await self._storage.remediations.get(remediation_id)
        now = self._clock.now()
        if row is None or row.state != AWAITING or (row.approval_expires_at and now >= row.approval_expires_at):
            return
        asked: list[str] = []
        for listener in self._escalation_listeners:
            asked.extend(await listener(row, step))
        async with self._storage.database.write() as connection:
            outcome = f"step {step}: asked " + (", ".join(asked) if asked else "nobody (no further approver)")
            entry = self._entry(row, "escalation", "timer", "opsdesk").model_copy(update={"outcome": outcome})
            await self._storage.audit.append(entry, connection=connection)
            if asked:
                await self._schedule_escalation(connection, row, step + 1, now)

    async def _execution_expired(self, timer: Timer) -> None:
        await self._expire(int(timer.key), RUNNABLE, "execution window passed before it ran")

    async def _expire(self, remediation_id: int, states: tuple[str, ...], why: str) -> None:
        now = self._clock.now()
        async with self._storage.database.write() as connection:
            row = await self._storage.remediations.get(remediation_id, connection)
            values = {"state": "expired", "detail": why, "updated_at": now}
            if row is None or not await self._storage.remediations.transition(connection, row.id, states, values):
                return
            entry = self._entry(row, "expiry", "timer", "opsdesk").model_copy(update={"outcome": f"expired: {why}"})
            await self._storage.audit.append(entry, connection=connection)
        expired = await self._storage.remediations.get(remediation_id)
        for listener in self._expiry_listeners:
            if expired is not None:
                await listener(expired)

    def _entry(self, row: Remediation, kind: AuditKind, trigger: str, actor: str) -> AuditEntry:
        return AuditEntry(
            kind=kind,
            incident=row.incident_id,
            trigger=trigger,
            actor=actor,
            action=row.action,
            target=row.target,
            params=dict(row.params),
            tier=row.tier,
            policy_version=row.policy_version,
            shadow=row.shadow,
            idempotency_key=row.idempotency_key,
            lease=f"remediation-target:{row.target}",
            fence=row.fence,
            outcome=row.state,
        )
