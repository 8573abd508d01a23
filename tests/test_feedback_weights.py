"""Per-cause weights from feedback: bounded, one vote per incident, audited in an append-only
ledger, reversible, applied to the ranking and shown by ``opsdesk eval --feedback``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.cli import _register as register_commands
from bot.cli import app
from bot.engine.feedback import (
    MAX_WEIGHT,
    MIN_WEIGHT,
    NEUTRAL,
    CauseWeights,
    Verdict,
    cause_weights,
    resolution_verdicts,
    weight_for,
)
from bot.engine.rank import rank
from bot.engine.rules import Candidate
from bot.store import Storage
from tests.engine.situations import T0
from tests.intake_fixtures import open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SCENARIOS = Path(__file__).parent / "scenarios"


# -- the weights (pure) -----------------------------------------------------------------------


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_a_weight_never_leaves_its_bounds(balance: int) -> None:
    assert MIN_WEIGHT <= weight_for(balance) <= MAX_WEIGHT


@given(st.integers(min_value=-500, max_value=500))
def test_a_weight_moves_with_the_balance(balance: int) -> None:
    assert weight_for(balance) <= weight_for(balance + 1)
    assert (weight_for(balance) > 1) == (balance > 0)
    assert (weight_for(balance) < 1) == (balance < 0)


def _vote(incident: int, cause: str, sign: int) -> Verdict:
    return Verdict(incident, cause, 1 if sign > 0 else -1, "vote")


def test_an_incident_counts_once_per_cause_however_many_vote() -> None:
    crowd = [_vote(1, "deploy", 1) for _ in range(20)]
    assert cause_weights(crowd).as_dict() == {"deploy": weight_for(1)}
    split = [_vote(2, "external", 1), _vote(2, "external", -1)]
    assert cause_weights(split).as_dict() == {}
    assert cause_weights(crowd + split).incidents == 2


def test_a_recorded_resolution_cause_overrides_the_votes_of_its_incident() -> None:
    votes = [_vote(1, "deploy", 1), _vote(1, "deploy", 1)]
    resolution = [Verdict(1, cause, sign, "resolution") for cause, sign in resolution_verdicts("external", "deploy")]
    assert cause_weights(votes + resolution).as_dict() == {"deploy": weight_for(-1), "external": weight_for(1)}


def test_a_resolution_confirming_the_first_guess_only_counts_for_it() -> None:
    assert resolution_verdicts("deploy", "deploy") == [("deploy", 1)]
    assert resolution_verdicts("deploy", None) == [("deploy", 1)]


def test_unknown_causes_in_the_ledger_are_ignored() -> None:
    assert cause_weights([_vote(1, "bad-karma", 1)]).as_dict() == {}


# -- the ranking ------------------------------------------------------------------------------


def _candidate(cause: str, score: float) -> Candidate:
    return Candidate(cause, "api", score, f"{cause} at api", T0, [])  # type: ignore[arg-type]


def test_weights_reorder_a_close_call() -> None:
    close = [_candidate("deploy", 0.60), _candidate("config_change", 0.55)]
    assert rank(close)[0][0].cause == "deploy"
    learned = cause_weights([_vote(i, "config_change", 1) for i in range(12)])
    (first, _), _ = rank(close, learned)
    assert first.cause == "config_change"
    assert first.score == round(0.55 * learned.of("config_change"), 4)
    assert close[1].score == 0.55  # the caller's candidates are left alone


def test_no_weight_can_overturn_a_clear_lead() -> None:
    clear = [_candidate("deploy", 0.9), _candidate("external", 0.5)]
    extreme = CauseWeights({"deploy": MIN_WEIGHT, "external": MAX_WEIGHT})
    assert rank(clear, extreme)[0][0].cause == "deploy"


def test_neutral_weights_change_nothing() -> None:
    candidates = [_candidate("deploy", 0.6), _candidate("traffic_surge", 0.3)]
    assert rank(candidates, NEUTRAL) == rank(candidates)


# -- the ledger -------------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    async with open_store(str(request.param), tmp_path) as opened:
        yield opened


async def _incidents(store: Storage, count: int) -> list[int]:
    return [await store.incidents.declare(f"incident {i}", "sev2", ("api",), T0) for i in range(count)]


async def test_votes_leave_an_append_only_trail_and_a_changed_vote_withdraws_the_old_one(store: Storage) -> None:
    (incident,) = await _incidents(store, 1)
    feedback = store.feedback
    await feedback.record(incident, 1, "deploy", "api", "UALICE", "up", T0)
    await feedback.record(incident, 1, "deploy", "api", "UALICE", "up", T0)  # the same vote again: no new entry
    assert len(await feedback.ledger()) == 1
    assert (await feedback.weights()).as_dict() == {"deploy": weight_for(1)}
    await feedback.record(incident, 1, "deploy", "api", "UALICE", "down", T0)
    ledger = await feedback.ledger()
    assert [(e.source, e.sign, e.withdraws, e.withdrawn_by) for e in ledger] == [
        ("vote", 1, None, 2),
        ("withdrawal", 0, 1, None),
        ("vote", -1, None, None),
    ]
    assert (await feedback.weights()).as_dict() == {"deploy": weight_for(-1)}
    assert await feedback.tally(incident) == {1: {"up": 0, "down": 1}}
    audited = [record async for record in store.audit.records()]
    assert [(r.kind, r.record["actor"], r.record["outcome"]) for r in audited] == [
        ("feedback", "UALICE", "+deploy"),
        ("feedback", "UALICE", "withdrew verdict 1"),
        ("feedback", "UALICE", "-deploy"),
    ]
    assert await store.audit.verify() is None


async def test_resolving_again_with_another_cause_replaces_the_first_resolution(store: Storage) -> None:
    (incident,) = await _incidents(store, 1)
    feedback = store.feedback
    await feedback.record_resolution(incident, "external", "deploy", "UDAVE", T0)
    assert (await feedback.weights()).as_dict() == {"deploy": weight_for(-1), "external": weight_for(1)}
    await feedback.record_resolution(incident, "deploy", "deploy", "UDAVE", T0)
    assert (await feedback.weights()).as_dict() == {"deploy": weight_for(1)}
    assert [e.source for e in await feedback.ledger()] == ["resolution"] * 2 + ["withdrawal"] * 2 + ["resolution"]


async def test_withdrawals_undo_weights_and_an_unknown_id_changes_nothing(store: Storage) -> None:
    incidents = await _incidents(store, 3)
    feedback = store.feedback
    for incident in incidents:
        await feedback.record_resolution(incident, "traffic_surge", None, "UDAVE", T0)
    assert (await feedback.weights()).as_dict() == {"traffic_surge": weight_for(3)}
    assert await feedback.withdraw([1, 99], "cli:ops", T0, "mistake") == ([], [99])
    assert len(await feedback.ledger()) == 3
    assert await feedback.withdraw([1], "cli:ops", T0, "mistake") == ([1], [])
    assert (await feedback.weights()).as_dict() == {"traffic_surge": weight_for(2)}
    assert await feedback.withdraw([1], "cli:ops", T0, "again") == ([], [1])  # already withdrawn
    assert await feedback.withdraw(None, "cli:ops", T0, "reset") == ([2, 3], [])
    assert await feedback.weights() == CauseWeights(incidents=0)
    assert len(await feedback.ledger()) == 6  # nothing was deleted


# -- the command line -------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("OPSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")  # the ledger table on one line per entry
    register_commands()
    return CliRunner()


def _seed(tmp_path: Path, cause: str, incidents: int) -> None:
    """Resolutions recorded in the data dir's store, as ``/incident resolve cause:…`` leaves them."""
    from bot.config import load_settings

    async def seed() -> None:
        settings = load_settings(environ={"OPSDESK_DATA_DIR": str(tmp_path / "data")})
        store = await Storage.open(settings.effective_database_url)
        try:
            for incident in await _incidents(store, incidents):
                await store.feedback.record_resolution(incident, cause, None, "UDAVE", T0)
        finally:
            await store.close()

    asyncio.run(seed())


def test_feedback_show_and_withdraw_from_the_command_line(cli: CliRunner, tmp_path: Path) -> None:
    _seed(tmp_path, "external", 2)
    shown = cli.invoke(app, ["feedback", "show", "--json"])
    assert shown.exit_code == 0, shown.output
    payload = json.loads(shown.output)
    assert payload["weights"] == {"external": weight_for(2)}
    assert [entry["actor"] for entry in payload["ledger"]] == ["UDAVE", "UDAVE"]
    refused = cli.invoke(app, ["feedback", "withdraw", "1", "7"])
    assert refused.exit_code != 0
    assert json.loads(cli.invoke(app, ["feedback", "show", "--json"]).output)["weights"] == {"external": weight_for(2)}
    done = cli.invoke(app, ["feedback", "withdraw", "1", "--reason", "wrong incident"])
    assert done.exit_code == 0, done.output
    assert "withdrew 1 verdict(s): 1" in done.output
    table = cli.invoke(app, ["feedback", "show"])
    assert "resolution, withdrawn by 3" in table.output
    assert "withdraws 1 (wrong incident)" in table.output
    assert "external ×" + f"{weight_for(1):.3f}" in table.output


def test_eval_shows_the_ranking_with_and_without_feedback(cli: CliRunner, tmp_path: Path) -> None:
    _seed(tmp_path, "config_change", 40)
    plain = json.loads(cli.invoke(app, ["eval", str(SCENARIOS), "--json"]).output)
    assert "feedback" not in plain
    result = cli.invoke(app, ["eval", str(SCENARIOS), "--json", "--feedback"])
    assert result.exit_code == 0, result.output
    both = json.loads(result.output)
    assert both["top1"] == plain["top1"]
    feedback = both["feedback"]
    assert feedback["weights"] == {"config_change": weight_for(40)}
    assert feedback["incidents"] == 40
    assert set(feedback) >= {"top1", "top3", "culprit_top1", "changed"}
    for case in feedback["changed"]:
        assert case["with"].startswith("config_change/") or case["without"].startswith("config_change/")
