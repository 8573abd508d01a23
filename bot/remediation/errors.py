"""The errors of remediation.

::

    OpsdeskError (bot.errors)
    └── RemediationError        remediation work refused or impossible; ``str()`` says why
        ├── PolicyError         the policy file is unusable (one line: file, key, problem)
        └── AuditChainBroken    the audit log's hash chain does not verify (names the first bad record)
"""

from __future__ import annotations

from bot.errors import OpsdeskError


class RemediationError(OpsdeskError):
    """Remediation refused or impossible."""


class PolicyError(RemediationError):
    def __init__(self, path: str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")
        self.key = key
        self.problem = problem


class AuditChainBroken(RemediationError):
    def __init__(self, seq: int, problem: str) -> None:
        super().__init__(f"audit record {seq}: {problem}")
        self.seq = seq
        self.problem = problem
