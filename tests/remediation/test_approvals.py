"""The approval rules remediation and access requests share: no combination of inputs lets the
requester, a bot, a non-approver, a changed request or an expired one through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.remediation.approvals import ApprovalCheck, approval_problem, count_distinct, is_person

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
DIGEST = "a" * 40
people = st.sampled_from(["U1", "U2", "U3"])


@given(
    requester=people,
    approver=people,
    digest=st.sampled_from([DIGEST, "b" * 40]),
    recomputed=st.sampled_from([DIGEST, "c" * 40]),
    waiting=st.booleans(),
    person=st.booleans(),
    allowed=st.booleans(),
    expires_in=st.one_of(st.none(), st.integers(min_value=-60, max_value=60)),
)
def test_an_approval_counts_only_when_every_rule_holds(
    requester: str,
    approver: str,
    digest: str,
    recomputed: str,
    waiting: bool,
    person: bool,
    allowed: bool,
    expires_in: int | None,
) -> None:
    expires_at = None if expires_in is None else NOW + timedelta(minutes=expires_in)
    check = ApprovalCheck(
        requested_by=requester,
        approver=approver,
        digest=digest,
        stored_digest=DIGEST,
        recomputed_digest=recomputed,
        state_problem=None if waiting else "this request is done",
        is_person=person,
        allowed=allowed,
        expires_at=expires_at,
        now=NOW,
    )
    every_rule = (
        digest == DIGEST == recomputed
        and waiting
        and approver != requester
        and person
        and allowed
        and (expires_at is None or expires_at > NOW)
    )
    assert (approval_problem(check) is None) == every_rule


def test_the_requester_is_told_why() -> None:
    check = ApprovalCheck("U1", "U1", DIGEST, DIGEST, DIGEST, None, True, True, None, NOW, what="access")
    assert approval_problem(check) == "the person who requested access cannot approve it"


def test_people_are_counted_once_and_bots_are_not_people() -> None:
    assert count_distinct(["U1", "U1", "U2"]) == 2
    assert is_person({"id": "U1"})
    assert not is_person({"id": "B1", "is_bot": True})
    assert not is_person({"id": "U2", "deleted": True})
    assert not is_person(None)
