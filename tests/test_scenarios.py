"""Replay and evaluation over the committed scenario sets, through the CLI contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import _register, app
from bot.errors import ConfigError
from bot.incidents.scenario import find_scenarios, load_scenario

ROOT = Path(__file__).resolve().parent
DEV = ROOT / "scenarios"
HOLDOUT = ROOT / "holdout"
FRESH = ROOT / "fresh"
UNSEEN = ROOT / "unseen"
#: Sets written blind, each with the level it has reached (FIRST_SIGHT.md keeps where it started):
#: a change to the engine may not lose ground on any of them.
BLIND = {
    "blind_telco": (0.96, 1.0),
    "blind_market": (0.88, 0.94),
    "blind_health": (0.94, 1.0),
    "blind_energy": (0.94, 0.97),
    "blind_logistics": (1.0, 1.0),
    "blind_games_bank": (0.97, 0.97),
    "blind_media_travel": (0.78, 0.96),
    "blind_ports": (0.88, 0.93),
    "blind_rail": (0.89, 0.94),
    "blind_grocer": (0.88, 0.91),
    "blind_civic": (0.97, 0.97),
    "blind_orbit": (0.93, 1.0),
    "blind_beacon": (0.87, 0.96),
    "blind_quill": (0.87, 1.0),
    "blind_lumen": (0.8, 0.9),
    "blind_summit": (0.75, 0.9),
    "blind_tidal": (0.73, 0.76),
    "blind_meridian": (0.93, 0.96),
    "blind_fjord": (0.75, 0.84),
    "blind_kiln": (0.75, 0.87),
    "blind_delta": (0.84, 0.93),
    "blind_prism": (0.81, 1.0),
    "blind_tollwave": (0.71, 0.87),
}
DEMO = ROOT.parent / "bot" / "demo" / "scenario"

_register()
runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("folder", [DEV, HOLDOUT, FRESH, UNSEEN], ids=["development", "holdout", "fresh", "unseen"])
def test_eval_meets_the_accuracy_targets(folder: Path) -> None:
    code, output = _run("eval", str(folder), "--json")
    assert code == 0
    summary = json.loads(output)
    assert set(summary) == {"cases", "top1", "top3", "culprit_top1", "p50_ms", "p95_ms", "results"}
    assert summary["cases"] == len(find_scenarios([folder]))
    assert summary["top1"] >= 0.9
    assert summary["top3"] == 1.0
    first = summary["results"][0]
    assert set(first) == {"name", "top1", "top3", "ms", "hypotheses"}
    assert {"cause", "culprit", "confidence", "summary"} <= set(first["hypotheses"][0])


@pytest.mark.parametrize("name", sorted(BLIND))
def test_blind_sets_keep_the_level_they_reached(name: str) -> None:
    code, output = _run("eval", str(ROOT / name), "--json")
    assert code == 0
    summary = json.loads(output)
    top1, top3 = BLIND[name]
    assert summary["cases"] >= 30
    assert summary["top1"] >= top1
    assert summary["top3"] >= top3


def test_every_cause_is_covered_twice_in_each_set() -> None:
    for folder in (DEV, HOLDOUT, FRESH, UNSEEN, *(ROOT / name for name in BLIND)):
        causes = [load_scenario(p).spec.expected.cause for p in find_scenarios([folder])]  # type: ignore[union-attr]
        assert all(causes.count(c) >= 2 for c in set(causes))
        assert len(set(causes)) == 7


def test_replay_json_is_the_analysis_with_evidence_and_next_steps() -> None:
    code, output = _run("replay", str(DEMO), "--json")
    assert code == 0
    analysis = json.loads(output)
    top = analysis["hypotheses"][0]
    assert (top["cause"], top["culprit"]) == ("deploy", "checkout")
    assert 0.5 < top["confidence"] <= 1.0
    kinds = {e["kind"] for e in top["evidence"]}
    assert {"change", "metric", "log"} <= kinds
    assert top["next_steps"][0]["runbook_id"] == "rollback-a-deploy"
    labels = [a["label"] for a in top["next_steps"][0]["actions"]]
    assert any("2.40.3" in label for label in labels), "the rollback target comes from the deploy event"
    assert analysis["discarded"], "ruled-out candidates are kept with their reason"
    assert all(d["reason"] for d in analysis["discarded"])


def test_demo_prints_the_post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPSDESK_DATA_DIR", str(tmp_path))
    code, output = _run("demo")
    assert code == 0
    assert "Bad deploy · checkout" in output
    assert "Roll back a bad deploy" in output
    bundled = len(list((ROOT.parent / "runbooks").rglob("*.md")))
    assert f"{bundled} added" in output, "the bundled runbooks and KB articles are indexed into the data dir"
    assert (tmp_path / "demo-slack-post.json").is_file()
    assert "Proposed actions" in output
    assert "5 decisions recorded in the audit log" in " ".join(output.split())
    code, output = _run("audit", "verify")
    assert code == 0, output
    assert "audit log intact: 5 records" in output
    code, output = _run("audit", "export")
    decisions = {r["record"]["action"]: r["record"] for r in map(json.loads, output.splitlines())}
    assert decisions["rollback"]["tier"] == "approve"
    assert decisions["rollback"]["shadow"] is True
    assert decisions["rollback"]["params"] == {
        "version": "2.41.0",
        "previous_version": "2.40.3",
        "deploy": "dep-20240312-4518",
    }
    assert decisions["pause-rollout"]["outcome"].startswith("shadow: would run via deploy-hook")


def test_missing_logs_are_named_in_the_analysis(tmp_path: Path) -> None:
    scenario = tmp_path / "no-logs"
    shutil.copytree(DEMO, scenario)
    (scenario / "logs.jsonl").unlink()
    code, output = _run("replay", str(scenario), "--json")
    assert code == 0
    analysis = json.loads(output)
    assert analysis["missing_sources"] == ["logs: logs.jsonl not found"]
    assert analysis["hypotheses"][0]["cause"] == "deploy"


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda d: (d / "scenario.yaml").unlink(), "not a scenario folder"),
        (
            lambda d: (d / "scenario.yaml").write_text("name: x\nnow: yesterday\n"),
            "scenario.yaml: now: Input should be",
        ),
        (lambda d: (d / "alerts.json").write_text("{nope"), "alerts.json: body: malformed JSON"),
        (
            lambda d: (d / "catalog.yaml").write_text("services:\n  a: {depends_on: [b]}\n  b: {depend_on: [a]}\n"),
            "catalog.yaml: services.b.depend_on: unknown key (did you mean 'depends_on'?)",
        ),
        (lambda d: (d / "logs.jsonl").write_text('{"@timestamp": "nope"}\n'), "logs: "),
    ],
    ids=["no-spec", "bad-now", "bad-json", "misspelt-key", "bad-log-line"],
)
def test_broken_scenarios_fail_with_one_readable_line(tmp_path: Path, breakage, message: str) -> None:  # type: ignore[no-untyped-def]
    scenario = tmp_path / "broken"
    shutil.copytree(DEMO, scenario)
    breakage(scenario)
    if message == "logs: ":
        # a broken source degrades the analysis instead of failing it
        code, output = _run("replay", str(scenario), "--json")
        assert code == 0
        assert "logs.jsonl:1: not an ECS log document" in json.loads(output)["missing_sources"][0]
        return
    with pytest.raises(ConfigError) as caught:
        load_scenario(scenario)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cli_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "replay", str(tmp_path / "nowhere")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"opsdesk: {tmp_path / 'nowhere'}: not a scenario folder (no scenario.yaml)"
    ]


@pytest.mark.parametrize("argv", [["--help"], ["replay", "/nowhere"]])
def test_the_cli_freezes_its_heap_before_the_interpreter_shuts_down(argv: list[str]) -> None:
    """Shutdown would otherwise walk the whole heap (torch, chroma) for more than a second."""
    import subprocess
    import sys

    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
        "from bot.cli import main\n"
        f"main({argv!r})\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode in (0, 2)
    frozen = [line for line in result.stderr.splitlines() if line.startswith("frozen ")]
    assert len(frozen) == 1
    assert int(frozen[0].split()[1]) > 0
