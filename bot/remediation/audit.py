"""The audit log's content and its hash chain: pure functions, no database.

Each record is hashed over the canonical JSON of its sequence number, time, kind, incident and
content, together with the previous record's hash::

    hash(n) = sha256( hash(n-1) + "\\n" + canonical({"seq", "at", "kind", "incident", "record"}) )

Canonical JSON is UTF-8 with sorted keys, no insignificant whitespace, and times as ISO 8601 UTC
strings, so the same record hashes the same on every machine and after a database round trip.
Editing any field breaks that record's hash; deleting a record leaves a gap in the sequence;
moving or replacing one breaks the next record's link. A separate head (the last sequence number
and hash, updated in the same transaction) catches the deletion of the newest records.

The chain is our own code (nothing in our dependencies keeps one); SHA-256 comes from hashlib
and canonical JSON from orjson's sorted-key output.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

GENESIS = "0" * 64
AuditKind = Literal[
    "decision",
    "request",
    "approval",
    "rejection",
    "execution",
    "refusal",
    "expiry",
    "feedback",
    "grant",
    "revocation",
    "ticket",
    "escalation",
    "undo",
]


class Approver(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slack_id: str
    email: str | None = None


class AuditEntry(BaseModel):
    """What one audit record says. Fields not known for a kind are left out, not guessed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: AuditKind
    incident: int | None = None
    trigger: str = Field(description="what caused the record: an investigation, a click, a timer, a command")
    actor: str = Field(description="who: a Slack user id, or opsdesk's own agent name")
    proposed_by: str | None = None
    action: str | None = None
    target: str | None = None
    params: dict[str, Any] | None = None
    evidence: tuple[str, ...] = ()
    tier: str | None = None
    reasons: tuple[str, ...] = ()
    policy_version: str | None = None
    shadow: bool | None = None
    idempotency_key: str | None = None
    lease: str | None = None
    fence: int | None = None
    approved_by: Approver | None = None
    outcome: str

    def record(self) -> dict[str, Any]:
        """The content that is hashed and kept: everything but the columns of its own."""
        return self.model_dump(mode="json", exclude={"kind", "incident"}, exclude_none=True, exclude_defaults=False)


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: datetime
    kind: str
    incident: int | None
    record: Mapping[str, Any]
    prev_hash: str
    hash: str

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": iso(self.at),
            "kind": self.kind,
            "incident": self.incident,
            "record": dict(self.record),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def canonical(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def record_text(record: Mapping[str, Any]) -> str:
    """How a record's content is stored: its canonical JSON."""
    return canonical(dict(record)).decode()


def chain_hash(prev_hash: str, seq: int, at: datetime, kind: str, incident: int | None, record_json: str) -> str:
    """The hash of one record; ``record_json`` is its stored canonical content."""
    head = canonical({"seq": seq, "at": iso(at), "kind": kind, "incident": incident})
    digest = hashlib.sha256(prev_hash.encode())
    digest.update(b"\n")
    digest.update(head)
    digest.update(b"\n")
    digest.update(canonical(orjson.loads(record_json)))
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredRow:
    """One row as read back for verification."""

    seq: int
    at: datetime
    kind: str
    incident: int | None
    record_json: str
    prev_hash: str
    hash: str


def first_break(rows: Iterable[StoredRow], head: tuple[int, str] | None) -> tuple[int, str] | None:
    """The first record that was edited, deleted or reordered, and what is wrong with it; None if intact.

    ``rows`` in ascending ``seq``; ``head`` is the stored (last seq, last hash), None when never written.
    """
    chain = ChainCheck()
    for row in rows:
        if (problem := chain.add(row)) is not None:
            return problem
    return chain.end(head)


class ChainCheck:
    """:func:`first_break` one row at a time, so a long log is verified without holding it."""

    def __init__(self) -> None:
        self._expected_seq = 1
        self._previous = GENESIS

    def add(self, row: StoredRow) -> tuple[int, str] | None:
        """The problem with ``row``, the next record of the log; None when it links and hashes."""
        expected_seq = self._expected_seq
        if row.seq != expected_seq:
            if row.seq > expected_seq:
                return expected_seq, f"deleted (the log goes from record {expected_seq - 1} to {row.seq})"
            return row.seq, "reordered (its sequence number repeats or goes backwards)"
        if row.prev_hash != self._previous:
            return row.seq, "reordered or its predecessor replaced (its link does not match the record before it)"
        try:
            recomputed = chain_hash(row.prev_hash, row.seq, row.at, row.kind, row.incident, row.record_json)
        except orjson.JSONDecodeError:
            return row.seq, "edited (its content is not valid JSON)"
        if recomputed != row.hash:
            return row.seq, "edited (its hash does not match its content)"
        self._previous = row.hash
        self._expected_seq += 1
        return None

    def end(self, head: tuple[int, str] | None) -> tuple[int, str] | None:
        """The problem with the log's end against its stored ``head``; None when they agree."""
        last = self._expected_seq - 1
        if head is None:
            return (1, "deleted (the log has records but no head)") if last else None
        head_seq, head_hash = head
        if head_seq > last:
            return last + 1, f"deleted (the log ends at record {last}, its head is record {head_seq})"
        if head_seq < last or head_hash != self._previous:
            return last, "edited (the log's head does not match its last record)"
        return None
