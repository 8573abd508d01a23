"""``opsdesk tickets``: the local store's tickets as a person reads them, in a separate process."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli.ticket_commands import age
from bot.clock import FixedClock
from bot.store import Storage
from bot.store.tickets import LocalTickets
from tests.remediation.cli import opsdesk
from tests.tickets.drafts import T0, draft


@pytest.fixture
async def env(tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "data"
    storage = await Storage.open(f"sqlite+aiosqlite:///{data / 'opsdesk.db'}")
    try:
        tickets = LocalTickets(storage.tickets, FixedClock(T0))
        first = await tickets.create(draft("a", summary="[bold]VPN[/bold] drops"))
        await tickets.comment(first.key, "U7", "same here")
        second = await tickets.create(draft("b", summary="Printer jammed", category="hardware", priority="P4"))
        await tickets.transition(second.key, "resolved")
    finally:
        await storage.close()
    return {"OPSDESK_DATA_DIR": str(data)}


def test_the_list_shows_every_ticket_newest_first(env: dict[str, str]) -> None:
    done = opsdesk("tickets", "--json", env=env)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["key"], r["state"], r["priority"], r["category"]) for r in rows] == [
        ("DESK-2", "resolved", "P4", "hardware"),
        ("DESK-1", "open", "P3", "network"),
    ]
    assert rows[1]["summary"] == "[bold]VPN[/bold] drops"
    assert rows[1]["requester"] == "U123"
    assert rows[1]["age_seconds"] > 0


def test_the_list_filters_by_state(env: dict[str, str]) -> None:
    done = opsdesk("tickets", "--state", "open", env=env)
    assert done.returncode == 0, done.stderr
    assert "DESK-1" in done.stdout
    assert "DESK-2" not in done.stdout
    assert "[bold]VPN[/bold]" in done.stdout  # shown as written, not read as markup


def test_show_prints_the_conversation_and_comments(env: dict[str, str]) -> None:
    done = opsdesk("tickets", "show", "DESK-1", env=env)
    assert done.returncode == 0, done.stderr
    for expected in ("my vpn keeps dropping", "did that, still drops", "kb/vpn-reset", "U7: same here"):
        assert expected in done.stdout
    shown = json.loads(opsdesk("tickets", "show", "DESK-1", "--json", env=env).stdout)
    assert [turn["author"] for turn in shown["conversation"]] == ["U123", "opsdesk", "U123"]
    assert shown["comments"][0]["text"] == "same here"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "DESK-99"], "opsdesk: no ticket DESK-99"),
        (["--state", "pending"], "opsdesk: --state: unknown ticket state 'pending'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(env: dict[str, str], args: list[str], message: str) -> None:
    done = opsdesk("tickets", *args, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(message)
    assert len(done.stderr.strip().splitlines()) == 1


def test_age_is_the_largest_whole_unit() -> None:
    assert [age(T0, T0 + delta) for delta in (timedelta(seconds=-5), timedelta(seconds=59))] == ["0s", "59s"]
    assert [age(T0, T0 + timedelta(minutes=m)) for m in (1, 61, 60 * 49)] == ["1m", "1h", "2d"]
