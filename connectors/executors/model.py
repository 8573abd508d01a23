"""The executor Protocol and its plain request and result types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from connectors.errors import ConnectorError

Outcome = Literal["done", "noop", "shadowed"]


class ExecutorError(ConnectorError):
    """A side effect that did not happen (or whose outcome is unknown); ``str()`` says why."""

    def __init__(self, executor: str, reason: str) -> None:
        super().__init__(f"{executor}: {reason}")
        self.executor = executor
        self.reason = reason


@dataclass(frozen=True)
class ExecutionRequest:
    """One remediation to carry out; ``params`` are typed values, never text to interpret."""

    idempotency_key: str
    incident: int | None
    action: str
    target: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    requested_by: str | None = None
    approved_by: str | None = None
    fence: int = 0

    def payload(self) -> dict[str, Any]:
        """The signed webhook body's fields, in the documented shape."""
        return {
            "idempotency_key": self.idempotency_key,
            "incident": self.incident,
            "action": self.action,
            "target": self.target,
            "params": dict(self.params),
            "requested_by": self.requested_by,
            "approved_by": self.approved_by,
            "fence": self.fence,
        }


@dataclass(frozen=True)
class ExecutionResult:
    outcome: Outcome
    detail: str
    #: What the other side calls it (a silence id, a dedup key), for undo and the audit log.
    reference: str | None = None


class Executor(Protocol):
    name: str

    async def execute(self, request: ExecutionRequest) -> ExecutionResult: ...

    async def close(self) -> None: ...


@runtime_checkable
class Reversible(Protocol):
    """An executor that can take back what it did, given what the other side called it."""

    async def undo(self, request: ExecutionRequest, reference: str) -> ExecutionResult:
        """``done`` once reverted; ``noop`` when the other side shows it already no longer holds."""
        ...
