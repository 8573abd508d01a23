"""Access requests in Slack: the request modal, the owners' approval DMs, early revoke, App Home.

Thin: every decision is :class:`bot.desk.access.AccessDesk`'s, every view is built by
:mod:`bot.slack.views.access`, every value parsed by :mod:`bot.slack.parsing.access`.

* ``access-request-open`` (App Home's "Request access") opens the modal at once (Slack's trigger
  expires in 3 s); the conversation calls :func:`open_access_modal` to open it pre-filled.
* ``options`` for ``access-resource`` searches the catalog as the person types.
* The modal's submission is checked before it closes (``response_action: errors`` under the
  field that is wrong); then the request is made in the background. Who asks, and their e-mail,
  come from ``users.info``, never from the form.
* ``access-approve`` / ``access-reject``: once per click delivery; the clicker must be an active
  person (``users.info``) among the resource's owners (user groups resolved), not the requester,
  and the value's digest must be the request's. Every message showing the request is edited in
  place with the outcome and the requester is told by DM.
* ``access-revoke``: the requester or an owner takes the access back before it expires.
* ``app_home_opened``: publishes the person's App Home ("My requests", "My access").
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.desk.access import AWAITING, AccessDesk, AccessRefused, Person, request_problem
from bot.desk.resources import ResourceCatalog
from bot.remediation.approvals import is_person
from bot.remediation.audit import AuditEntry
from bot.slack.client import error_name, safe
from bot.slack.ephemeral import refuse, tell
from bot.slack.errors import BadAction
from bot.slack.handlers.actions import Click
from bot.slack.parsing import access as values
from bot.slack.services import SlackServices
from bot.slack.views import access as views
from bot.store.access import AccessRequest

log = logging.getLogger(__name__)


async def open_access_modal(
    client: AsyncWebClient, trigger_id: str, catalog: ResourceCatalog, resource_id: str | None = None
) -> bool:
    """Open the "Request access" modal (pre-filled with ``resource_id`` when it is in the catalog)."""
    resource = catalog.get(resource_id) if resource_id else None
    try:
        await client.views_open(trigger_id=trigger_id, view=views.request_modal(resource))
    except SlackApiError as error:
        log.warning("access modal not opened", extra={"error": error_name(error)})
        return False
    return True


class AccessActions:
    """The listeners of access requests (see the module docstring)."""

    def __init__(self, services: SlackServices, desk: AccessDesk) -> None:
        self.services = services
        self.desk = desk
        desk.on_change(self.show_outcome)

    def register(self, app: AsyncApp) -> None:
        """Mount the listeners; before any catch-all action listener."""
        app.action(re.compile(f"^({'|'.join(values.ACCESS_ACTIONS)})$"))(self.on_action)
        app.options(values.RESOURCE_SELECT)(self.on_options)
        app.view(values.MODAL)(self.on_submit)
        app.event("app_home_opened")(self.on_home)

    # -- modal -----------------------------------------------------------------------------

    async def on_options(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        found = self.desk.catalog.search(values.options_query(body))
        await ack(options=views.resource_options(found))

    async def on_submit(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        user = _user(body)
        form = values.submission(body.get("view"))
        problem = request_problem(self.desk.catalog, form.resource, form.duration, form.justification)
        if problem is not None:
            await ack(response_action="errors", errors=views.modal_errors(*problem)["errors"])
            self.services.runner.spawn(
                self.desk.refuse(user, form.resource, "slack modal", problem[1]), "access-refusal"
            )
            return
        await ack()
        self.services.runner.spawn(self.submit(user, form), "access-request")

    async def submit(self, user: str, form: values.Submission) -> None:
        services = self.services
        person = await self._person(user)
        try:
            row, created = await self.desk.request(
                person,
                form.resource,
                form.duration,
                form.justification,
                submission=f"view:{form.view_id}"
                if form.view_id
                else f"user:{user}:{services.clock.now().isoformat()}",
                trigger="slack modal",
            )
        except AccessRefused as refused:
            await refuse(services.client, None, user, str(refused), action=values.MODAL)
            return
        if not created:
            return
        name = self.desk.resource_name(row.resource)
        if row.state == AWAITING:
            await self._ask_owners(row)
            await tell(services.client, None, user, views.requested_text(row, name))
        else:
            await self._tell_requester(row)
        await self.publish_home(user)

    async def _ask_owners(self, row: AccessRequest) -> None:
        services = self.services
        resource = self.desk.resource(row.resource)
        if resource is None:
            return
        owners = await services.roles.people(resource.owners)
        blocks = views.approval_blocks(row, resource, owners)
        text = f"Access request AR-{row.id}: {views.label(row, resource.name)}"
        for owner in owners:
            if owner == row.requester:
                continue  # nobody approves their own request: they are not even asked
            sent = await safe(services.poster.post(owner, text=text, blocks=blocks))
            if sent:
                await services.storage.access.add_message(row.id, str(sent["channel"]), str(sent["ts"]))

    # -- clicks ----------------------------------------------------------------------------

    async def on_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        click = Click.of(body)
        if click.action_id == values.OPEN:
            # The trigger expires in 3 seconds: open now, not after the background queue.
            await self._open(click, str(body.get("trigger_id") or ""))
            return
        self.services.runner.spawn(self.handle(body), "slack-access")

    async def _open(self, click: Click, trigger_id: str) -> None:
        try:
            value = values.parse(click.action_id, click.value)
        except BadAction as bad:
            await refuse(self.services.client, click.channel, click.user, str(bad), action=click.action_id)
            return
        resource = value.resource if isinstance(value, values.OpenValue) else None
        await open_access_modal(self.services.client, trigger_id, self.desk.catalog, resource)

    async def handle(self, body: dict[str, Any]) -> None:
        services = self.services
        click = Click.of(body)
        user, channel, action_id = click.user, click.channel, click.action_id
        if not await click.claimed(services):
            return
        try:
            value = values.parse(action_id, click.value)
            if isinstance(value, values.DecisionValue):
                await self._decide(value, user, approve=action_id == values.APPROVE)
            elif isinstance(value, values.RevokeValue):
                await self._revoke(value, user)
        except BadAction as bad:
            await services.storage.audit.append(
                AuditEntry(
                    kind="refusal", trigger=f"slack click {action_id[:60]}", actor=user, outcome=f"refused: {bad}"
                )
            )
            await refuse(services.client, channel, user, str(bad), action=action_id[:100])
        except AccessRefused as refused:
            await refuse(services.client, channel, user, str(refused), action=action_id[:100])

    async def _decide(self, value: values.DecisionValue, user: str, *, approve: bool) -> None:
        row = await self.services.storage.access.get(value.request)
        resource = self.desk.resource(row.resource) if row is not None else None
        person = await self._person(user)
        allowed = resource is not None and user in await self.services.roles.people(resource.owners)
        trigger = f"slack click {values.APPROVE if approve else values.REJECT}"
        if approve:
            row = await self.desk.approve(value.request, person, digest=value.digest, allowed=allowed, trigger=trigger)
        else:
            row = await self.desk.reject(value.request, person, digest=value.digest, allowed=allowed, trigger=trigger)
        if row.state == AWAITING:
            counted = f"{len(row.approvals)} of {row.approvals_needed}"
            await tell(self.services.client, None, user, f"Your approval of AR-{row.id} is counted ({counted}).")
            await self._show_progress(row)
            return
        await self.show_outcome(row)
        log.info("access decided", extra={"audit": True, "user": user, "request": row.id, "state": row.state})

    async def _revoke(self, value: values.RevokeValue, user: str) -> None:
        row = await self.services.storage.access.get(value.request)
        resource = self.desk.resource(row.resource) if row is not None else None
        allowed = resource is not None and user in await self.services.roles.people(resource.owners)
        row = await self.desk.revoke(value.request, user, allowed=allowed)
        await self.show_outcome(row)
        if user != row.requester:
            await tell(self.services.client, None, user, views.outcome_text(row, self.desk.resource_name(row.resource)))

    # -- showing ---------------------------------------------------------------------------

    async def _show_progress(self, row: AccessRequest) -> None:
        """Show the other owners who approved so far (a critical request waits for a second one)."""
        resource = self.desk.resource(row.resource)
        if resource is None:
            return
        owners = await self.services.roles.people(resource.owners)
        blocks = views.approval_blocks(row, resource, owners)
        text = f"Access request AR-{row.id}: {views.label(row, resource.name)}"
        for channel, ts in row.messages:
            await safe(self.services.poster.update(channel, ts, text=text, blocks=blocks))

    async def show_outcome(self, row: AccessRequest) -> None:
        """Edit every message showing the request, tell the requester, refresh their App Home."""
        services = self.services
        name = self.desk.resource_name(row.resource)
        for channel, ts in row.messages:
            await safe(
                services.poster.update(
                    channel, ts, text=views.outcome_text(row, name), blocks=views.outcome_blocks(row, name)
                )
            )
        await self._tell_requester(row)
        await self.publish_home(row.requester)

    async def _tell_requester(self, row: AccessRequest) -> None:
        name = self.desk.resource_name(row.resource)
        await safe(
            self.services.poster.post(
                row.requester, text=views.outcome_text(row, name), blocks=views.outcome_blocks(row, name)
            )
        )

    async def on_home(self, ack: AsyncAck, event: dict[str, Any]) -> None:
        await ack()
        user = event.get("user")
        if isinstance(user, str) and user and event.get("tab", "home") == "home":
            self.services.runner.spawn(self.publish_home(user), "access-home")

    async def publish_home(self, user: str) -> None:
        storage = self.services.storage
        tickets = [*await storage.tickets.requests_of(user), *await storage.mirrored_tickets.requests_of(user)]
        summaries = sorted([*await self.desk.summaries(user), *tickets], key=lambda r: r.opened_at, reverse=True)
        grants = await self.desk.active_grants(user)
        names = {grant.resource: self.desk.resource_name(grant.resource) for grant in grants}
        await safe(self.services.client.views_publish(user_id=user, view=views.home_view(summaries, grants, names)))

    async def _person(self, user: str) -> Person:
        """Who ``user`` is, as Slack says: e-mail, and whether an active person."""
        try:
            response = await self.services.client.users_info(user=user)
        except SlackApiError as error:
            log.warning("users.info failed", extra={"user": user, "error": error_name(error)})
            return Person(user=user, email=None, is_person=False)
        record = response.get("user") or {}
        profile = record.get("profile") or {}
        email = profile.get("email") if isinstance(profile, dict) else None
        return Person(user=user, email=str(email) if email else None, is_person=is_person(record))


def _user(body: dict[str, Any]) -> str:
    found = body.get("user")
    if isinstance(found, dict):
        return str(found.get("id") or "")
    return found if isinstance(found, str) else ""
