"""The ``tickets:`` block: local by default, Jira or ServiceNow when named, bad blocks as one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.config import load_settings
from bot.desk.ticket_systems import JiraTicketSettings, LocalTicketSettings, webhook_secret
from bot.errors import ConfigError
from bot.system import ticket_system
from tests.intake_fixtures import open_store
from tests.support.fake_jira import FakeJira
from tests.tickets.drafts import T0, draft

JIRA_BLOCK = """tickets:
  type: jira
  url: {url}
  project: DESK
  email: bot@example.com
  token_env: JIRA_API_TOKEN
  statuses: {{closed: Done}}
"""


def _environ(tmp_path: Path, text: str, **more: str) -> dict[str, str]:
    path = tmp_path / "opsdesk.yaml"
    path.write_text(text, encoding="utf-8")
    return {"OPSDESK_CONFIG": str(path), **more}


def test_tickets_stay_local_unless_configured() -> None:
    assert load_settings(environ={}).tickets == LocalTicketSettings()


def test_a_jira_block_is_read(tmp_path: Path) -> None:
    settings = load_settings(environ=_environ(tmp_path, JIRA_BLOCK.format(url="https://example.atlassian.net")))
    assert isinstance(settings.tickets, JiraTicketSettings)
    assert (settings.tickets.project, settings.tickets.token_env) == ("DESK", "JIRA_API_TOKEN")
    assert settings.tickets.statuses == {"closed": "Done"}


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("tickets: {type: zendesk}\n", r"opsdesk.yaml: tickets: Input tag 'zendesk' found using 'type'"),
        (
            "tickets: {type: jira, url: ftp://x, project: DESK, email: a@b.c, token_env: T}\n",
            r"opsdesk.yaml: tickets.jira.url: String should match pattern",
        ),
        (
            "tickets: {type: servicenow, url: https://x.service-now.com, user: bot, password: hunter2}\n",
            r"opsdesk.yaml: tickets.servicenow.password_env: Field required",
        ),
        (
            "tickets: {type: jira, url: https://x.atlassian.net, project: DESK, email: a@b.c, token_env: T,"
            " webhook_secret_env: JIRA_HOOK}\n",
            r"opsdesk.yaml: tickets.jira: Value error, account_id is required with webhook_secret_env",
        ),
        (
            "tickets: {type: local, statuses: {open: New}}\n",
            r"opsdesk.yaml: tickets.local.statuses: Extra inputs are not permitted",
        ),
    ],
)
def test_a_bad_block_is_one_line_naming_the_key(tmp_path: Path, block: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(environ=_environ(tmp_path, block))
    assert "\n" not in str(caught.value)


async def test_a_missing_token_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    settings = load_settings(environ=_environ(tmp_path, JIRA_BLOCK.format(url="https://example.atlassian.net")))
    async with open_store("sqlite", tmp_path) as store:
        with pytest.raises(ConfigError, match="environment: JIRA_API_TOKEN: not set"):
            ticket_system(settings, store, FixedClock(T0), [], environ={})


async def test_the_configured_jira_receives_the_tickets(tmp_path: Path) -> None:
    async with FakeJira() as jira, open_store("sqlite", tmp_path) as store:
        settings = load_settings(environ=_environ(tmp_path, JIRA_BLOCK.format(url=jira.url)))
        closers: list = []  # type: ignore[type-arg]
        system = ticket_system(settings, store, FixedClock(T0), closers, environ={"JIRA_API_TOKEN": "jira-token"})
        try:
            assert system.name == "jira"
            ticket = await system.create(draft())
            assert (await system.transition(ticket.key, "closed")).state == "closed"
            assert jira.issue(ticket.key).status == "Done"
            remembered = await store.mirrored_tickets.get("jira", ticket.key)
            assert remembered is not None
            assert (remembered.requester, remembered.url) == (draft().requester, ticket.url)
        finally:
            for close in closers:
                await close()
        assert len(closers) == 1


async def test_servicenow_and_local_are_built_from_their_blocks(tmp_path: Path) -> None:
    block = "tickets: {type: servicenow, url: https://x.service-now.com, user: bot, password_env: SN_PASSWORD}\n"
    settings = load_settings(environ=_environ(tmp_path, block))
    async with open_store("sqlite", tmp_path) as store:
        closers: list = []  # type: ignore[type-arg]
        built = ticket_system(settings, store, FixedClock(T0), closers, environ={"SN_PASSWORD": "pw"})
        assert built.name == "servicenow"
        for close in closers:
            await close()
        local = ticket_system(
            load_settings(environ=_environ(tmp_path, "tickets: {type: local, prefix: IT}\n")),
            store,
            FixedClock(T0),
            [],
        )
        assert local.name == "local"
        assert (await local.create(draft())).key == "IT-1"


async def test_a_webhook_secret_that_is_not_set_stops_start_up_with_one_line(tmp_path: Path) -> None:
    block = (
        "tickets: {type: servicenow, url: https://x.service-now.com, user: bot, password_env: SN_PASSWORD,"
        " webhook_secret_env: SN_HOOK_SECRET}\n"
    )
    settings = load_settings(environ=_environ(tmp_path, block))
    with pytest.raises(ConfigError, match="environment: SN_HOOK_SECRET: not set") as caught:
        webhook_secret(settings.tickets, environ={"SN_PASSWORD": "pw"})
    assert "\n" not in str(caught.value)
    assert webhook_secret(load_settings(environ={}).tickets) is None
