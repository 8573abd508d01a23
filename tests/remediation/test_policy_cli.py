"""``opsdesk policy check``: the decision without executing, in the README's JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.remediation.cli import opsdesk
from tests.remediation.policies import POLICY_YAML


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "policy.yaml").write_text(POLICY_YAML)
    catalog = {"services": {"checkout": {}, "search": {}}}
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(catalog))
    return {
        "OPSDESK_POLICY": str(tmp_path / "policy.yaml"),
        "OPSDESK_CATALOG": str(tmp_path / "catalog.yaml"),
        "OPSDESK_DATA_DIR": str(tmp_path / "data"),
    }


def test_policy_check_prints_the_decision_as_json(env: dict[str, str]) -> None:
    done = opsdesk("policy", "check", "rollback", "--target", "checkout", "--severity", "P0",
                   "--at", "2026-12-01T11:00:00Z", "--json", env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    decision = json.loads(done.stdout)
    assert set(decision) == {"action", "target", "tier", "reasons", "policy_version"}
    assert decision["tier"] == "approve"
    assert any("outside every maintenance window" in r for r in decision["reasons"])
    assert decision["policy_version"].startswith("sha256:")


def test_an_unknown_action_or_service_is_forbidden_with_its_reason(env: dict[str, str]) -> None:
    done = opsdesk("policy", "check", "format-disk", "--target", "payments", "--json", env=env)
    decision = json.loads(done.stdout)
    assert decision["tier"] == "forbidden"
    assert any("allow-list" in r for r in decision["reasons"])
    assert any("not a service of the catalog" in r for r in decision["reasons"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--severity", "urgent"], "--severity: must be one of"),
        (["--at", "yesterday"], "--at: not an ISO 8601 time"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(env: dict[str, str], args: list[str], message: str) -> None:
    done = opsdesk("policy", "check", "rollback", "--target", "checkout", *args, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert message in done.stderr


def test_a_bad_policy_file_stops_with_one_line(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY_YAML.replace("tier: auto", "tier: always"))
    done = opsdesk("policy", "check", "silence", "--target", "checkout", env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "actions.silence.tier" in done.stderr
