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

Tickets filed in Jira or ServiceNow are remembered (:mod:`bot.desk.ticket_mirror`), so "My
requests" lists them. With ``webhook_secret_env`` set, that system's webhooks move them and
tell the requester what a person did (``POST /hooks/tickets/jira``, signed with the secret as
Jira signs admin webhooks; ``POST /hooks/tickets/servicenow`` with the secret as a bearer
token). Jira also needs ``account_id``, the integration user's account id: changes made under
it are the bot's own and tell nobody anything.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
    webhook_secret_env: Annotated[str, Field(pattern=_ENV_NAME)] | None = None
    account_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None

    @model_validator(mode="after")
    def _webhooks_know_the_bot(self) -> JiraTicketSettings:
        if self.webhook_secret_env and not self.account_id:
            raise ValueError("account_id is required with webhook_secret_env (the bot's own changes are told by it)")
        return self


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
    webhook_secret_env: Annotated[str, Field(pattern=_ENV_NAME)] | None = None


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
    if isinstance(settings, LocalTicketSettings):
        from bot.store.tickets import LocalTickets, TicketRepository

        own = settings.prefix == "DESK"
        return LocalTickets(storage.tickets if own else TicketRepository(storage.database, settings.prefix), clock)
    from bot.desk.ticket_mirror import MirroredTickets

    return MirroredTickets(_remote_system(settings, env), storage.mirrored_tickets, clock)


def webhook_secret(settings: TicketSettings, *, environ: Mapping[str, str] | None = None) -> str | None:
    """The secret the ticket system's webhooks prove themselves with; None when they are not set up."""
    name = getattr(settings, "webhook_secret_env", None)
    return _secret(name, os.environ if environ is None else environ) if name else None


def _remote_system(settings: JiraTicketSettings | ServiceNowTicketSettings, env: Mapping[str, str]) -> TicketSystem:
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
