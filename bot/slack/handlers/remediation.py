"""Governed remediation in Slack: ``remediation-request`` on the incident post, ``approval-approve``
and ``approval-reject`` on the approval request, ``remediation-undo`` on the outcome of an action
that ran without approval.

Each click is acked at once and handled in the background, once per delivery. Everything is
re-checked on the server, from the database, never from the click's text:

* **request**: the value's digest must equal the digest of the action re-derived from the stored
  analysis (an edited value is refused); the person must be the incident commander or of the
  owning team; the incident must be open; the policy decides on the typed action and the
  incident's stored severity. ``auto``/``notify`` run at once; ``approve`` posts an approval
  request in the incident thread, where any approver may answer, and DMs the first approver in
  order (the IC, then the policy's ``approvers``, user groups resolved through Slack; never the
  requester, never a bot). Each ``escalate_after`` that passes unanswered DMs the next one, until
  the request expires and fails closed. ``forbidden`` and shadow mode are told and audited.
* **approve/reject**: the clicker must be a person (not a bot, not deactivated, per
  ``users.info``), the incident commander or a policy approver, and not the requester; the
  value's digest must be the request's; the request must be awaiting approval and unexpired
  (:class:`bot.remediation.service.Remediations` checks all of it in one transaction). The
  approver's e-mail as Slack reports it goes into the audit log.
* **undo**: the clicker must be a person who may act on the incident (as for a request); the
  service takes the action back once, through its executor, if that executor can.

Every message showing the request is edited in place with its outcome.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError

from bot.engine.model import Action
from bot.remediation.approvals import is_person
from bot.remediation.audit import AuditEntry
from bot.remediation.decide import structured_severity
from bot.remediation.errors import RemediationError
from bot.remediation.service import AWAITING, FINAL, Remediations, idempotency_key
from bot.slack.client import error_name, safe
from bot.slack.ephemeral import refuse, tell
from bot.slack.errors import BadAction, Refused
from bot.slack.handlers.actions import Click
from bot.slack.parsing import remediation as values
from bot.slack.services import SlackServices
from bot.slack.views import remediation as views
from bot.store import SlackPost
from bot.store.remediations import Remediation

log = logging.getLogger(__name__)


class RemediationActions:
    def __init__(self, services: SlackServices, remediations: Remediations) -> None:
        self.services = services
        self.remediations = remediations
        remediations.on_expiry(self._show_outcome)
        remediations.on_escalation(self._escalate)

    async def on_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        self.services.runner.spawn(self.handle(body), "slack-remediation")

    async def handle(self, body: dict[str, Any]) -> None:
        services = self.services
        click = Click.of(body)
        user, channel, action_id = click.user, click.channel, click.action_id
        if not await click.claimed(services):
            return
        try:
            value = values.parse(action_id, click.value)
            if isinstance(value, values.RequestValue):
                await self._request(value, user, channel)
            elif action_id == values.UNDO:
                await self._undo(value, user, channel)
            else:
                await self._decide(value, user, channel, approve=action_id == values.APPROVE)
        except (BadAction, Refused) as refused:
            # The service audits its own refusals; these were refused before reaching it.
            await services.storage.audit.append(
                AuditEntry(
                    kind="refusal",
                    trigger=f"slack click {action_id[:60]}",
                    actor=user,
                    outcome=f"refused: {refused}",
                )
            )
            await refuse(services.client, channel, user, str(refused), action=action_id[:100])
        except RemediationError as refused:
            await refuse(services.client, channel, user, str(refused), action=action_id[:100])

    # -- request ---------------------------------------------------------------------------

    async def _request(self, value: values.RequestValue, user: str, channel: str | None) -> None:
        services = self.services
        incident = await services.storage.incidents.get(value.incident)
        if incident is None:
            raise Refused(f"incident #{value.incident} does not exist")
        if incident.status != "open":
            raise Refused(f"incident #{incident.id} is {incident.status}: nothing can be run for it")
        action = await self._proposed(value)
        post = await services.storage.slack_posts.get(incident.id) or SlackPost(incident_id=incident.id)
        if not await services.roles.may_act(user, incident.services, post.commander):
            raise Refused(
                f"only the incident commander or the owning team may request actions for incident #{incident.id}"
            )
        severity = structured_severity(incident.severity)
        row, created = await self.remediations.request(
            incident.id, action, severity, user, trigger=f"slack click {values.REQUEST}"
        )
        if not created:
            await tell(services.client, channel, user, f"Already requested: {views.outcome_text(row, action.label)}")
            return
        if row.state == AWAITING:
            await self._ask_approvers(row, action.label, post)
            await tell(services.client, channel, user, f"Approval requested: {action.label}")
            return
        if row.state in ("ready",):
            row = await self.remediations.execute(row.id, trigger="policy: " + row.tier)
        await tell(services.client, channel, user, views.outcome_text(row, action.label))
        if post.channel and post.ts:
            text = f"{views.outcome_text(row, action.label)} (requested by <@{user}>)"
            blocks = views.outcome_blocks(row, action.label, undoable=self.remediations.undoable(row))
            sent = await safe(services.poster.post(post.channel, text=text, blocks=blocks, thread_ts=post.ts))
            if sent:
                await services.storage.remediations.add_message(row.id, str(sent["channel"]), str(sent["ts"]))

    async def _proposed(self, value: values.RequestValue) -> Action:
        """The action at the value's place in the stored analysis, if the value's digest matches it."""
        analysis = await self.services.storage.analyses.latest(value.incident)
        try:
            hypothesis = analysis.ranked[value.hypothesis] if analysis else None
            action = hypothesis.next_steps[value.step].actions[value.action] if hypothesis else None
        except IndexError:
            action = None
        if action is None or action.target is None:
            raise BadAction("this action is no longer proposed for the incident; reload the message")
        digest = idempotency_key(value.incident, action.id, action.target, action.params)
        if action.id != value.id or digest != value.digest:
            raise BadAction("this button's value was altered (it does not match the proposed action)")
        return action

    async def _ask_approvers(self, row: Remediation, label: str, post: SlackPost) -> None:
        """The request in the incident thread, for every approver to see, and a DM to the first."""
        services = self.services
        approvers = await self._approvers(post)
        text = f"Approval needed: {label}"
        if post.channel and post.ts:
            blocks = views.approval_blocks(row, label, approvers)
            sent = await safe(services.poster.post(post.channel, text=text, blocks=blocks, thread_ts=post.ts))
            if sent:
                await self._keep_asking(row, str(sent["channel"]), str(sent["ts"]))
        await self._ask(row, label, approvers, 0)

    async def _escalate(self, row: Remediation, step: int) -> list[str]:
        """A step passed unanswered: DM the approver after the ones already asked."""
        post = await self.services.storage.slack_posts.get(row.incident_id or 0) or SlackPost(incident_id=0)
        return await self._ask(row, _label(row), await self._approvers(post), step)

    async def _ask(self, row: Remediation, label: str, approvers: list[str], step: int) -> list[str]:
        """DM the ``step``-th person (0 first) who may approve ``row``; the ones asked."""
        asked = await self._nth_person(approvers, row.requested_by, step)
        if asked is None:
            return []
        note = None
        if step:
            minutes = int(self.remediations.policy.escalation.total_seconds() // 60)
            note = f"Asking you because nobody answered in {minutes} min. The first answer counts."
        blocks = views.approval_blocks(row, label, approvers, note=note)
        sent = await safe(self.services.poster.post(asked, text=f"Approval needed: {label}", blocks=blocks))
        if sent:
            await self._keep_asking(row, str(sent["channel"]), str(sent["ts"]))
        return [asked]

    async def _keep_asking(self, row: Remediation, channel: str, ts: str) -> None:
        """Remember a message with approve buttons, to edit it with the outcome; if the request was
        settled while the message was being sent, show the outcome on it now.

        Whoever settles a request (in any process) edits the messages the row lists once the
        outcome is stored. This message is remembered before the state is read here, so either it
        is on that list or the outcome is already stored when read here: never left with buttons.
        """
        storage = self.services.storage
        await storage.remediations.add_message(row.id, channel, ts)
        latest = await storage.remediations.get(row.id)
        if latest is not None and latest.state in FINAL:
            label = _label(latest)
            blocks = views.outcome_blocks(latest, label, undoable=self.remediations.undoable(latest))
            await safe(self.services.poster.update(channel, ts, text=views.outcome_text(latest, label), blocks=blocks))

    async def _nth_person(self, approvers: list[str], requester: str, step: int) -> str | None:
        """The ``step``-th approver, in order, who is a person and not the requester."""
        seen = 0
        for approver in approvers:
            if approver == requester or await self._person(approver) is None:
                continue
            if seen == step:
                return approver
            seen += 1
        return None

    async def _approvers(self, post: SlackPost) -> list[str]:
        named = ([post.commander] if post.commander else []) + list(self.remediations.policy.approvers)
        return list(dict.fromkeys(await self.services.roles.people(named)))

    # -- approval --------------------------------------------------------------------------

    async def _decide(self, value: values.ApprovalValue, user: str, channel: str | None, *, approve: bool) -> None:
        services = self.services
        row = await services.storage.remediations.get(value.remediation)
        if row is None or row.incident_id is None:
            raise Refused("this approval request does not exist")
        post = await services.storage.slack_posts.get(row.incident_id) or SlackPost(incident_id=row.incident_id)
        person = await self._person(user)
        allowed = person is not None and user in await self._approvers(post)
        email = person.get("profile", {}).get("email") if person else None
        trigger = f"slack click {values.APPROVE if approve else values.REJECT}"
        if approve:
            row = await self.remediations.approve(row.id, user, digest=value.digest, allowed=allowed, email=email)
            row = await self.remediations.execute(row.id, trigger=trigger)
        else:
            row = await self.remediations.reject(row.id, user, digest=value.digest, allowed=allowed, trigger=trigger)
        await self._show_outcome(row)
        log.info(
            "remediation decided",
            extra={"audit": True, "user": user, "remediation": row.id, "state": row.state},
        )

    # -- undo ------------------------------------------------------------------------------

    async def _undo(self, value: values.ApprovalValue, user: str, channel: str | None) -> None:
        services = self.services
        row = await services.storage.remediations.get(value.remediation)
        incident = await services.storage.incidents.get(row.incident_id) if row and row.incident_id else None
        if row is None or incident is None:
            raise Refused("this action does not exist")
        post = await services.storage.slack_posts.get(incident.id) or SlackPost(incident_id=incident.id)
        allowed = await self._person(user) is not None and await services.roles.may_act(
            user, incident.services, post.commander
        )
        row = await self.remediations.undo(row.id, user, digest=value.digest, allowed=allowed)
        await tell(services.client, channel, user, views.outcome_text(row, _label(row)))
        await self._show_outcome(row)

    async def _show_outcome(self, row: Remediation) -> None:
        """Edit every message showing the request with its outcome, and say it in the incident thread."""
        services = self.services
        label = _label(row)
        blocks = views.outcome_blocks(row, label, undoable=self.remediations.undoable(row))
        for message_channel, ts in row.messages:
            await safe(services.poster.update(message_channel, ts, text=views.outcome_text(row, label), blocks=blocks))
        if row.incident_id is not None:
            await services.publisher.thread(row.incident_id, views.outcome_text(row, label))

    async def _person(self, user: str) -> dict[str, Any] | None:
        """Slack's record of ``user`` when it is an active person; None for bots, apps and the deactivated."""
        try:
            response = await self.services.client.users_info(user=user)
        except SlackApiError as error:
            log.warning("users.info failed", extra={"user": user, "error": error_name(error)})
            return None
        person = response.get("user") or {}
        return dict(person) if is_person(person) else None


def _label(row: Remediation) -> str:
    params = ", ".join(f"{k}={v}" for k, v in sorted(row.params.items()))
    return f"{row.action} on {row.target}" + (f" ({params})" if params else "")
