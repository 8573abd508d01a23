"""Who may change an incident: its incident commander, or a member of the owning team.

The owning team is the catalog ``owners`` of the incident's services: Slack user IDs, or
user-group IDs (``S…``) whose members are looked up with ``usergroups.users.list`` and cached
for ``cache_seconds``; a failed lookup keeps the last members known (none at first).

An incident with no owning team in the catalog (a declared one, or services without ``owners``)
is run by its incident commander alone; while it has none, anyone may acknowledge it or take the
role (:meth:`Roles.may_take_up`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalog import Catalog
from bot.slack.client import error_name

log = logging.getLogger(__name__)


class Roles:
    """Role checks against the catalog's owners and Slack's user groups (see the module docstring)."""

    def __init__(
        self,
        client: AsyncWebClient,
        catalog: Catalog,
        *,
        cache_seconds: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._catalog = catalog
        self._cache_seconds = cache_seconds
        self._monotonic = monotonic
        self._groups: dict[str, tuple[float, frozenset[str]]] = {}

    def owners(self, services: Sequence[str]) -> tuple[str, ...]:
        """The owners of ``services`` in the catalog, in order, each once."""
        found: list[str] = []
        for name in services:
            service = self._catalog.get(name)
            found += [o for o in (service.owners if service else ()) if o not in found]
        return tuple(found)

    async def may_act(self, user: str, services: Sequence[str], commander: str | None) -> bool:
        """``user`` is the incident commander, an owner, or in an owning user group."""
        if commander is not None and user == commander:
            return True
        owners = self.owners(services)
        if user in owners:
            return True
        for group in (o for o in owners if o.startswith("S")):
            if user in await self._members(group):
                return True
        return False

    async def may_take_up(self, user: str, services: Sequence[str], commander: str | None) -> bool:
        """May acknowledge the incident or take the commander role: :meth:`may_act`, or anyone while
        the incident has neither an owning team nor a commander."""
        if await self.may_act(user, services, commander):
            return True
        return commander is None and not self.owners(services)

    async def people(self, ids: Sequence[str]) -> list[str]:
        """``ids`` with each user group (``S…``) replaced by its members, in order, each once."""
        found: list[str] = []
        for item in ids:
            for person in sorted(await self._members(item)) if item.startswith("S") else [item]:
                if person not in found:
                    found.append(person)
        return found

    async def _members(self, group: str) -> frozenset[str]:
        cached = self._groups.get(group)
        now = self._monotonic()
        if cached is not None and now - cached[0] < self._cache_seconds:
            return cached[1]
        try:
            response = await self._client.usergroups_users_list(usergroup=group)
            members = frozenset(str(u) for u in response.get("users") or [])
        except SlackApiError as error:
            log.error("user group lookup failed", extra={"usergroup": group, "error": error_name(error)})
            return cached[1] if cached else frozenset()
        self._groups[group] = (now, members)
        return members
