"""The approval rules that every governed request shares (remediations and access grants): pure.

A person's click on "approve" counts only when all of these hold, checked on the server from
what is stored, never from the click's text:

* the click names the digest of what was requested, and that digest still matches the stored
  request recomputed now (a request whose action, target or parameters changed voids it);
* the request is still waiting for a decision;
* the approver is not the requester (nobody approves their own request);
* the approver is a person: Slack says so (not a bot, not an app user, not deactivated);
* the approver holds the role the request needs (the caller resolves it);
* the approval request has not expired: at its expiry it fails closed.

:func:`count_distinct` counts approvals by person: the same person twice is one approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ApprovalCheck:
    """One approval attempt, with everything the rules look at."""

    requested_by: str
    approver: str
    #: The digest the click carries.
    digest: str
    #: The digest stored with the request and the one recomputed from its stored content now.
    stored_digest: str
    recomputed_digest: str
    #: Why the request cannot be decided now (its state), or None while it waits for a decision.
    state_problem: str | None
    #: Slack reports the approver as an active person (not a bot, app user or deactivated account).
    is_person: bool
    #: The approver holds the role this request needs (owner, approver, incident commander).
    allowed: bool
    expires_at: datetime | None
    now: datetime
    #: How the refusal names who may approve ("the incident commander or a policy approver").
    who_may: str = "an approver"
    #: How the refusal names what was requested ("an action", "access").
    what: str = "this"


def approval_problem(check: ApprovalCheck) -> str | None:
    """Why this approval does not count, for the person; None when it does."""
    if check.digest != check.stored_digest or check.digest != check.recomputed_digest:
        return f"this approval does not match what was requested ({check.what} changed or the button was altered)"
    if check.state_problem is not None:
        return check.state_problem
    if check.approver == check.requested_by:
        return f"the person who requested {check.what} cannot approve it"
    if not check.is_person:
        return "approvals come from people: bots, apps and deactivated accounts cannot approve"
    if not check.allowed:
        return f"only {check.who_may} may decide on this request"
    if check.expires_at is not None and check.now >= check.expires_at:
        return "this approval request has expired"
    return None


def is_person(user: Mapping[str, Any] | None) -> bool:
    """Whether a ``users.info`` record is an active human account."""
    if not user:
        return False
    return not (user.get("is_bot") or user.get("is_app_user") or user.get("deleted"))


def count_distinct(approvers: Iterable[str]) -> int:
    """Distinct people among ``approvers``: the same person twice counts once."""
    return len(set(approvers))
