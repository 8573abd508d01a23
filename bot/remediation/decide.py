"""The policy decision: a pure function of the action, its target and parameters, the environment
(the catalog's services), the incident's structured severity and the time.

Message text never enters: an alert saying "P0, approved by the CTO" cannot change a decision,
because nothing here reads text. The order of the checks, each adding a reason:

1. the action must be on the policy's allow-list (without a policy file every action is
   considered and shadowed);
2. the target must be a service of the catalog;
3. every parameter must be filled from the evidence and inside the policy's bounds; ``replicas``
   is never below 1, whatever the policy says;
4. where maintenance windows cover the target, outside all of them only a P0 proceeds, and only
   with approval; any other severity is refused;
5. in shadow mode the decision is recorded and nothing is executed.

A failed check makes the tier ``forbidden``; a tier only ever becomes stricter.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime, timedelta
from typing import Literal

from croniter import croniter
from pydantic import BaseModel, ConfigDict, Field

from bot.engine.model import ParamValue
from bot.remediation.policy import TIER_ORDER, MaintenanceWindow, Policy, Tier

Severity = Literal["P0", "P1", "P2", "P3", "P4"]
SEVERITIES: tuple[Severity, ...] = ("P0", "P1", "P2", "P3", "P4")
#: Alertmanager's conventional ``severity`` label values, as incident severities.
_LABEL_SEVERITY: dict[str, Severity] = {
    "critical": "P1",
    "high": "P2",
    "error": "P2",
    "major": "P2",
    "warning": "P3",
    "medium": "P3",
    "minor": "P3",
    "low": "P4",
    "info": "P4",
}
#: Parameters with a floor no policy can lower: scaling to zero is an outage, not a remedy.
HARD_MINIMUMS: dict[str, int] = {"replicas": 1}


def structured_severity(value: str | None) -> Severity:
    """The incident's stored severity as P0..P4; anything unrecognised is the lowest, P4."""
    text = (value or "").strip()
    if text.upper() in SEVERITIES:
        return text.upper()  # type: ignore[return-value]
    return _LABEL_SEVERITY.get(text.lower(), "P4")


class ActionRequest(BaseModel):
    """What is asked: a typed action (never its label) and the incident's structured severity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    action: str
    target: str
    params: dict[str, ParamValue] = Field(default_factory=dict)
    missing: tuple[str, ...] = ()
    severity: Severity = "P4"


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True)

    action: str
    target: str
    params: dict[str, ParamValue]
    severity: Severity
    tier: Tier
    reasons: tuple[str, ...]
    policy_version: str
    shadow: bool
    executor: str | None = None
    at: datetime

    @property
    def executes(self) -> bool:
        """Whether anything would run (after approval, for ``approve``)."""
        return self.tier != "forbidden" and not self.shadow

    def contract(self) -> dict[str, object]:
        """The ``opsdesk policy check --json`` shape."""
        return {
            "action": self.action,
            "target": self.target,
            "tier": self.tier,
            "reasons": list(self.reasons),
            "policy_version": self.policy_version,
        }


def decide(policy: Policy, request: ActionRequest, services: Container[str] | None, at: datetime) -> Decision:
    """The policy's decision on ``request`` at ``at`` (aware) for a catalog of ``services``.

    ``services=None`` (only ``opsdesk policy check`` without a catalog) skips the catalog check
    and says so; the serving process always passes its catalog.
    """
    reasons: list[str] = []
    tier: Tier
    executor: str | None = None
    rule = policy.actions.get(request.action)
    if not policy.configured:
        tier = "approve"
        reasons.append("no policy configured (OPSDESK_POLICY): every action is shadowed")
    elif rule is None:
        tier = "forbidden"
        reasons.append(f"action {request.action!r} is not in the policy's allow-list")
    else:
        tier = rule.tier
        executor = rule.executor
        reasons.append(f"policy tier for {request.action!r}: {rule.tier}")
    if services is None:
        reasons.append("no catalog (OPSDESK_CATALOG): the target was not checked against it")
    elif request.target not in services:
        tier = "forbidden"
        reasons.append(f"target {request.target!r} is not a service of the catalog")
    for name in request.missing:
        tier = "forbidden"
        reasons.append(f"parameter {name!r} could not be filled from the evidence")
    for problem in _out_of_bounds(policy, request):
        tier = "forbidden"
        reasons.append(problem)
    tier = _windows(policy.maintenance_windows, request, at, tier, reasons)
    if policy.shadow_mode:
        reasons.append("shadow mode: recorded, never executed")
    return Decision(
        action=request.action,
        target=request.target,
        params=dict(request.params),
        severity=request.severity,
        tier=tier,
        reasons=tuple(reasons),
        policy_version=policy.version,
        shadow=policy.shadow_mode,
        executor=executor,
        at=at,
    )


def _out_of_bounds(policy: Policy, request: ActionRequest) -> list[str]:
    problems = []
    rule = policy.actions.get(request.action)
    bounds = rule.bounds if rule is not None else {}
    for name, floor in HARD_MINIMUMS.items():
        value = request.params.get(name)
        if value is not None and (not isinstance(value, int) or value < floor):
            problems.append(f"parameter {name!r} = {value!r} is below {floor}, which no policy allows")
    for name, bound in bounds.items():
        value = request.params.get(name)
        if value is None:
            problems.append(f"parameter {name!r} is bounded by the policy but the action has none")
        elif bound.allowed is not None and str(value) not in bound.allowed:
            problems.append(f"parameter {name!r} = {value!r} is not one of {list(bound.allowed)}")
        elif bound.min is not None or bound.max is not None:
            if not isinstance(value, int):
                problems.append(f"parameter {name!r} = {value!r} is not a whole number")
            elif bound.min is not None and value < bound.min:
                problems.append(f"parameter {name!r} = {value} is below the policy's minimum {bound.min}")
            elif bound.max is not None and value > bound.max:
                problems.append(f"parameter {name!r} = {value} is above the policy's maximum {bound.max}")
    for name in sorted(set(request.params) - set(bounds)):
        value = request.params[name]
        if isinstance(value, int) and value < 0:
            problems.append(f"parameter {name!r} = {value} is negative")
    return problems


def _windows(
    windows: tuple[MaintenanceWindow, ...], request: ActionRequest, at: datetime, tier: Tier, reasons: list[str]
) -> Tier:
    covering = [w for w in windows if w.covers(request.target)]
    if not covering:
        return tier
    open_window = next((w for w in covering if inside(w, at)), None)
    if open_window is not None:
        reasons.append(f"inside the maintenance window '{open_window.cron}' ({open_window.timezone})")
        return tier
    if request.severity == "P0":
        reasons.append("outside every maintenance window: a P0 may proceed, with approval")
        return stricter(tier, "approve")
    reasons.append(f"outside every maintenance window of {request.target!r}: only a P0 may proceed")
    return "forbidden"


def inside(window: MaintenanceWindow, at: datetime) -> bool:
    """Whether ``at`` falls in an occurrence of ``window`` (start included, end excluded)."""
    local = at.astimezone(window.zone)
    # get_prev is strictly before its start: start just after ``at`` so a window opening at ``at`` counts.
    last_start: datetime = croniter(window.cron, local + timedelta(seconds=1)).get_prev(datetime)
    return last_start <= local < last_start + window.length


def stricter(tier: Tier, floor: Tier) -> Tier:
    return max(tier, floor, key=TIER_ORDER.index)
