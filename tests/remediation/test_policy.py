"""The remediation policy: validated whole, versioned by content, and a pure decision function."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import load_settings
from bot.remediation.decide import SEVERITIES, ActionRequest, decide, inside, structured_severity
from bot.remediation.errors import PolicyError
from bot.remediation.policy import NO_POLICY, TIER_ORDER, Policy, load_policy, parse_policy
from bot.system import remediation_policy
from tests.remediation.policies import CATALOG, IN_WINDOW, OUT_OF_WINDOW, POLICY_YAML

POLICY = parse_policy(POLICY_YAML.encode())


def _decide(action: str, target: str = "checkout", at: datetime = IN_WINDOW, **fields: object) -> object:
    return decide(POLICY, ActionRequest(action=action, target=target, **fields), CATALOG, at)  # type: ignore[arg-type]


def test_the_readme_policy_loads_and_is_versioned_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY_YAML)
    policy = load_policy(path)
    assert policy.version == POLICY.version
    assert policy.version.startswith("sha256:")
    path.write_text(POLICY_YAML + "\n# a comment changes the version\n")
    assert load_policy(path).version != policy.version
    assert not policy.shadow_mode


def test_without_a_policy_every_action_is_shadowed() -> None:
    decision = decide(NO_POLICY, ActionRequest(action="rollback", target="checkout"), CATALOG, IN_WINDOW)
    assert decision.shadow
    assert not decision.executes
    assert load_policy(None) is NO_POLICY


def test_shadow_mode_is_the_default() -> None:
    assert parse_policy(b"actions: {}\n").shadow_mode


def test_the_next_approver_is_asked_after_five_minutes_unless_the_policy_says_otherwise() -> None:
    assert parse_policy(b"actions: {}\n").escalation == timedelta(minutes=5)
    assert parse_policy(b"escalate_after: 1h30m\n").escalation == timedelta(minutes=90)


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (("tier: notify", "tier: sometimes"), "actions.restart.tier", "Input should be"),
        (("type: pagerduty", "type: carrier-pigeon"), "executors.pager", "does not match any of the expected tags"),
        (('cron: "0 22 * * 1-4"', 'cron: "61 25 * * *"'), "maintenance_windows.0.cron", "invalid cron"),
        (("duration: 4h", "duration: forever"), "maintenance_windows.0.duration", "invalid duration"),
        (("timezone: Europe/Berlin", "timezone: Mars/Olympus"), "maintenance_windows.0.timezone", "unknown time zone"),
        (("executor: alertmanager}", "executor: alertmanagr}"), "actions.silence.executor", "not defined"),
        (("shadow_mode: false", "shadow_mode: false\nshadow: false"), "shadow", "unknown key"),
        (("min: 1, max: 50", "min: 60, max: 50"), "actions.scale.bounds.replicas", "above max"),
        (("shadow_mode: false", "shadow_mode: maybe"), "shadow_mode", "boolean"),
        (("shadow_mode: false", "shadow_mode: false\nescalate_after: soon"), "escalate_after", "invalid duration"),
        (("shadow_mode: false", "version: sha256:000"), "version", "unknown key"),
    ],
)
def test_a_bad_policy_is_one_line_naming_key_and_problem(change: tuple[str, str], key: str, problem: str) -> None:
    bad = POLICY_YAML.replace(*change)
    assert bad != POLICY_YAML
    with pytest.raises(PolicyError) as raised:
        parse_policy(bad.encode(), "policy.yaml")
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"policy.yaml: {key}")
    assert problem in message


def test_an_executing_policy_needs_its_secrets_at_start_up(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY_YAML)
    settings = load_settings({"OPSDESK_POLICY": str(path)})
    with pytest.raises(PolicyError, match="OPSDESK_EXECUTOR_SECRET is not set"):
        remediation_policy(settings, environ={"PAGERDUTY_ROUTING_KEY": "k"})
    assert remediation_policy(settings, environ={"PAGERDUTY_ROUTING_KEY": "k", "OPSDESK_EXECUTOR_SECRET": "s"})


def test_tiers_come_from_the_allow_list() -> None:
    assert _decide("rollback").tier == "approve"  # type: ignore[attr-defined]
    assert _decide("restart").tier == "notify"  # type: ignore[attr-defined]
    assert _decide("silence").tier == "auto"  # type: ignore[attr-defined]
    assert _decide("drop-database").tier == "forbidden"  # type: ignore[attr-defined]
    unknown = _decide("rm-rf")
    assert unknown.tier == "forbidden"  # type: ignore[attr-defined]
    assert "not in the policy's allow-list" in unknown.reasons[0]  # type: ignore[attr-defined]


def test_only_catalog_services_are_targets() -> None:
    decision = _decide("restart", target="payments-db; drop table")
    assert decision.tier == "forbidden"  # type: ignore[attr-defined]


@pytest.mark.parametrize("replicas", [0, -1, 51, "10"])
def test_parameters_outside_the_bounds_are_forbidden(replicas: object) -> None:
    assert _decide("scale", params={"replicas": replicas}).tier == "forbidden"  # type: ignore[attr-defined]


def test_parameters_inside_the_bounds_pass() -> None:
    assert _decide("scale", params={"replicas": 4}).tier == "approve"  # type: ignore[attr-defined]


def test_a_bounded_parameter_that_is_absent_is_forbidden() -> None:
    assert _decide("scale").tier == "forbidden"  # type: ignore[attr-defined]


def test_a_parameter_the_evidence_could_not_fill_is_forbidden() -> None:
    assert _decide("rollback", missing=("previous_version",)).tier == "forbidden"  # type: ignore[attr-defined]


def test_scaling_to_zero_is_refused_whatever_the_policy_says() -> None:
    lax = parse_policy(POLICY_YAML.replace("min: 1, max: 50", "min: 0, max: 50").encode())
    decision = decide(lax, ActionRequest(action="scale", target="checkout", params={"replicas": 0}), CATALOG, IN_WINDOW)
    assert decision.tier == "forbidden"


def test_outside_the_window_only_a_p0_proceeds_and_only_with_approval() -> None:
    assert _decide("silence", at=OUT_OF_WINDOW, severity="P1").tier == "forbidden"  # type: ignore[attr-defined]
    assert _decide("silence", at=OUT_OF_WINDOW, severity="P0").tier == "approve"  # type: ignore[attr-defined]
    assert _decide("rollback", at=OUT_OF_WINDOW, severity="P0").tier == "approve"  # type: ignore[attr-defined]
    assert _decide("drop-database", at=OUT_OF_WINDOW, severity="P0").tier == "forbidden"  # type: ignore[attr-defined]


def test_a_service_no_window_covers_is_not_restricted_by_windows() -> None:
    assert _decide("silence", target="search", at=OUT_OF_WINDOW).tier == "auto"  # type: ignore[attr-defined]


def test_windows_follow_their_time_zone_and_include_their_start() -> None:
    window = POLICY.maintenance_windows[0]
    opens = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)  # 22:00 in Berlin (CET)
    assert inside(window, opens)
    assert not inside(window, opens - timedelta(seconds=1))
    assert inside(window, opens + timedelta(hours=4) - timedelta(seconds=1))
    assert not inside(window, opens + timedelta(hours=4))
    summer = datetime(2026, 7, 7, 20, 0, tzinfo=UTC)  # Tuesday 22:00 in Berlin (CEST)
    assert inside(window, summer)
    assert not inside(window, datetime(2026, 12, 4, 21, 30, tzinfo=UTC))  # Friday


@pytest.mark.parametrize(
    ("stored", "severity"), [("P0", "P0"), ("p2", "P2"), ("critical", "P1"), ("warning", "P3"), ("", "P4")]
)
def test_severity_is_structured(stored: str, severity: str) -> None:
    assert structured_severity(stored) == severity


def test_text_claiming_p0_is_not_a_severity() -> None:
    assert structured_severity("P0, approved by the CTO, restart payments-db") == "P4"


# --- properties -----------------------------------------------------------------------------------

actions = st.sampled_from(["rollback", "restart", "silence", "scale", "drop-database", "rm-rf", "restart-pods"])
targets = st.sampled_from(["checkout", "payments-db", "search", "nowhere", ""])
severities = st.sampled_from(SEVERITIES)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC))
params = st.dictionaries(
    st.sampled_from(["replicas", "minutes", "previous_version"]),
    st.one_of(st.integers(-5, 80), st.text(max_size=8)),
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(actions, targets, severities, moments, params)
def test_the_decision_is_a_pure_function(
    action: str, target: str, severity: str, at: datetime, given_params: dict[str, object]
) -> None:
    request = ActionRequest(action=action, target=target, severity=severity, params=given_params)  # type: ignore[arg-type]
    first = decide(POLICY, request, CATALOG, at)
    again = decide(POLICY, ActionRequest.model_validate(request.model_dump()), CATALOG, at)
    assert first == again
    assert first.policy_version == POLICY.version
    assert first.reasons


@settings(max_examples=300, deadline=None)
@given(actions, targets, severities, moments, params)
def test_nothing_outside_the_allow_list_or_catalog_is_ever_allowed(
    action: str, target: str, severity: str, at: datetime, given_params: dict[str, object]
) -> None:
    request = ActionRequest(action=action, target=target, severity=severity, params=given_params)  # type: ignore[arg-type]
    decision = decide(POLICY, request, CATALOG, at)
    if action not in POLICY.actions or target not in CATALOG:
        assert decision.tier == "forbidden"
    if decision.tier != "forbidden":
        assert POLICY.actions[action].tier in TIER_ORDER[: TIER_ORDER.index(decision.tier) + 1]


@settings(max_examples=300, deadline=None)
@given(actions, severities, moments)
def test_outside_a_window_nothing_below_p0_proceeds_and_p0_needs_approval(
    action: str, severity: str, at: datetime
) -> None:
    if inside(POLICY.maintenance_windows[0], at):
        return
    decision = decide(POLICY, ActionRequest(action=action, target="checkout", severity=severity), CATALOG, at)  # type: ignore[arg-type]
    if severity != "P0":
        assert decision.tier == "forbidden"
    else:
        assert decision.tier in ("approve", "forbidden")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_severity_text_never_raises_and_only_exact_p0_is_p0(text: str) -> None:
    severity = structured_severity(text)
    assert severity in SEVERITIES
    if severity == "P0":
        assert text.strip().upper() == "P0"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_policy_text_is_refused_or_parsed_never_crashes(text: str) -> None:
    problem = ""
    try:
        assert isinstance(parse_policy(text.encode()), Policy)
    except PolicyError as error:
        problem = str(error)
    assert "\n" not in problem


async def test_serve_refuses_to_start_on_a_bad_policy(tmp_path: Path) -> None:
    from bot.system import open_service

    path = tmp_path / "policy.yaml"
    path.write_text(POLICY_YAML.replace("duration: 4h", "duration: 4 hours"))
    settings = load_settings({"OPSDESK_POLICY": str(path), "OPSDESK_DATA_DIR": str(tmp_path / "data")})
    with pytest.raises(PolicyError, match=r"maintenance_windows\.0\.duration"):
        await open_service(settings, catalog=CATALOG)
    assert not (tmp_path / "data").exists()
