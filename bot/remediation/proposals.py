"""From an analysis to decided proposals: the typed actions of its next steps, each with the
policy's decision, what shadow mode would have done, and the audit entry that records it. Pure."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from bot.engine.model import Action, Analysis, Hypothesis
from bot.remediation.audit import AuditEntry
from bot.remediation.decide import ActionRequest, Decision, Severity, decide
from bot.remediation.policy import Policy

#: How many hypotheses' actions are proposed: the ones the post leads with.
PROPOSED_HYPOTHESES = 1
EVIDENCE_ITEMS = 5


@dataclass(frozen=True)
class Proposal:
    hypothesis: Hypothesis
    action: Action
    decision: Decision


def request_for(action: Action, severity: Severity) -> ActionRequest:
    """What the policy is asked about ``action``: its id, target and parameters, never its label."""
    return ActionRequest(
        action=action.id,
        target=action.target or "",
        params=dict(action.params),
        missing=action.missing,
        severity=severity,
    )


def proposals(
    analysis: Analysis, policy: Policy, services: Container[str] | None, severity: Severity
) -> list[Proposal]:
    """Each distinct action of the leading hypotheses' next steps, decided at the analysis' time."""
    found: list[Proposal] = []
    seen: set[tuple[str, str | None]] = set()
    for hypothesis in analysis.ranked[:PROPOSED_HYPOTHESES]:
        for step in hypothesis.next_steps:
            for action in step.actions:
                if (action.id, action.target) in seen:
                    continue
                seen.add((action.id, action.target))
                decision = decide(policy, request_for(action, severity), services, analysis.now)
                found.append(Proposal(hypothesis, action, decision))
    return found


def shadow_outcome(decision: Decision) -> str:
    """What would have happened, in words, for a decision that is not executed (or before it is)."""
    via = f" via {decision.executor}" if decision.executor else ""
    if decision.tier == "forbidden":
        return "refused: " + next((r for r in decision.reasons if "tier" not in r), decision.reasons[0])
    prefix = "shadow: would " if decision.shadow else "will "
    return (
        prefix
        + {
            "auto": f"run at once{via}",
            "notify": f"run{via} and tell the incident channel",
            "approve": f"ask the incident commander or an approver, then run{via}",
        }[decision.tier]
    )


def decision_entry(proposal: Proposal, *, incident: int | None, trigger: str, actor: str) -> AuditEntry:
    decision = proposal.decision
    return AuditEntry(
        kind="decision",
        incident=incident,
        trigger=trigger,
        actor=actor,
        proposed_by=f"{proposal.hypothesis.source}: {proposal.hypothesis.label}",
        action=decision.action,
        target=decision.target,
        params=dict(decision.params),
        evidence=tuple(e.text for e in proposal.hypothesis.evidence[:EVIDENCE_ITEMS]),
        tier=decision.tier,
        reasons=decision.reasons,
        policy_version=decision.policy_version,
        shadow=decision.shadow,
        outcome=shadow_outcome(decision),
    )
