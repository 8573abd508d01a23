"""Executors: where an approved remediation becomes a side effect, each behind :class:`Executor`.

::

    model.py          ExecutionRequest (what to do, with its idempotency key and fence), ExecutionResult
    signing.py        the signed-webhook format (HMAC-SHA256 over "<timestamp>.<body>")
    shadow.py         records what would have run, runs nothing
    webhook.py        a signed JSON POST to Argo CD, Rundeck, AWX, GitHub Actions, Jenkins...
    alertmanager.py   silences through Alertmanager's v2 API
    pagerduty.py      pages on-call through PagerDuty's Events API v2

Every request carries its idempotency key and its lease's fencing token to the other side, so a
receiver can refuse a stale holder and collapse repeats. An executor that can see the target's
state first returns ``noop`` when the desired state already holds. Executors that can take an
action back are also :class:`Reversible` (Alertmanager expires its silence, PagerDuty resolves its
page); a signed webhook cannot know how the other side would revert, so it offers no undo. Failures raise
:class:`ExecutorError` (a ``ConnectorError``) with a one-line reason.
"""

from connectors.executors.model import ExecutionRequest, ExecutionResult, Executor, ExecutorError, Reversible

__all__ = ["ExecutionRequest", "ExecutionResult", "Executor", "ExecutorError", "Reversible"]
