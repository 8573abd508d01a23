"""Where the desk's tickets go: the ``tickets:`` block of the config file, and the system it builds.

::

    tickets: {type: local}                       # the default: opsdesk's own store
    tickets:
      type: jira
      url: https://example.atlassian.net
      project: DESK
      email: opsdesk@example.com
      token_env: JIRA_API_TOKEN                  # the token itself stays in the environment
    tickets:
      type: servicenow
      url: https://example.service-now.com
      user: opsdesk.integration
      password_env: SERVICENOW_PASSWORD

Secrets are named by ``*_env`` variables, never written in the file, as in the remediation
policy. A block that is wrong, or a secret that is not set, is one line naming the key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.clock import Clock
from bot.errors import ConfigError
from connectors.tickets.model import Priority, TicketState, TicketSystem

if TYPE_CHECKING:
    from bot.store import Storage

_ENV_NAME = r"^[A-Z_][A-Z0-9_]*$"
_URL = r"^https?://\S+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalTicketSettings(_Strict):
    type: Literal["local"] = "local"
    prefix: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]{0,9}$")] = "DESK"


class JiraTicketSettings(_Strict):
    type: Literal["jira"]
    url: Annotated[str, Field(pattern=_URL)]
    project: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{0,29}$")]
    email: Annotated[str, Field(pattern=r"^\S+@\S+$")]
    token_env: Annotated[str, Field(pattern=_ENV_NAME)]
    issue_type: str = "Task"
    #: Jira status names per opsdesk state, where the project's workflow names them otherwise.
    statuses: dict[TicketState, str] = Field(default_factory=dict)
    priorities: dict[Priority, str] = Field(default_factory=dict)
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)


class ServiceNowTicketSettings(_Strict):
    type: Literal["servicenow"]
    url: Annotated[str, Field(pattern=_URL)]
    user: Annotated[str, Field(min_length=1)]
    password_env: Annotated[str, Field(pattern=_ENV_NAME)]
    assignment_group: str | None = None
    #: Incident ``state`` values per opsdesk state, where the instance uses others.
    states: dict[TicketState, str] = Field(default_factory=dict)
    close_code: str = "Solved (Permanently)"
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)


TicketSettings = Annotated[
    LocalTicketSettings | JiraTicketSettings | ServiceNowTicketSettings, Field(discriminator="type")
]


def _secret(name: str, environ: Mapping[str, str]) -> str:
    value = environ.get(name, "")
    if not value:
        raise ConfigError("environment", name, "not set (named by tickets in the config file)")
    return value


def build_ticket_system(
    settings: TicketSettings, storage: Storage, clock: Clock, *, environ: Mapping[str, str] | None = None
) -> TicketSystem:
    """The configured :class:`~connectors.tickets.TicketSystem`; :class:`ConfigError` if a secret is missing."""
    env = os.environ if environ is None else environ
    if isinstance(settings, JiraTicketSettings):
        from connectors.tickets.jira import Jira

        return Jira(
            settings.url,
            settings.project,
            settings.email,
            _secret(settings.token_env, env),
            issue_type=settings.issue_type,
            statuses=settings.statuses,
            priorities=settings.priorities,
            timeout_seconds=settings.timeout_seconds,
        )
    if isinstance(settings, ServiceNowTicketSettings):
        from connectors.tickets.servicenow import ServiceNow

        return ServiceNow(
            settings.url,
            settings.user,
            _secret(settings.password_env, env),
            assignment_group=settings.assignment_group,
            states=settings.states,
            close_code=settings.close_code,
            timeout_seconds=settings.timeout_seconds,
        )
    from bot.store.tickets import LocalTickets, TicketRepository

    repository = storage.tickets if settings.prefix == "DESK" else TicketRepository(storage.database, settings.prefix)
    return LocalTickets(repository, clock)
