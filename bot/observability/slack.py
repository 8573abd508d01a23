"""How Slack is answering opsdesk: API calls and errors by method on ``/metrics``, and the trouble
``/readyz`` reports.

Every Web API call made through :class:`bot.slack.client.ObservedWebClient` is recorded here once,
after slack-sdk's own retries: ``opsdesk_slack_api_calls{method}`` and
``opsdesk_slack_api_errors{method,error}`` (the ``error`` of Slack's ``ok:false`` answer, ``http_<status>``,
or the name of the connection failure). Two kinds of trouble are told apart:

* **refused credentials** (``invalid_auth``, ``token_revoked``, ...: from ``auth.test`` at start-up
  or any later call): nothing can be posted until someone fixes the token, so ``/readyz`` answers 503;
* **Slack failing** (5xx, 429 after retries, timeouts, connection errors) since some moment: posts
  wait as durable timers and are retried, intake keeps storing alerts, so ``/readyz`` stays 200 and
  says ``degraded`` with the reason (taking the replica out of service would only stop intake).

A successful call clears the failing state; only a successful ``auth.test`` clears refused credentials.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import Counter

#: Slack's answers that mean the token itself is not accepted.
AUTH_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "no_permission"}
)


class SlackHealth:
    """Counts each call in ``calls`` and ``errors`` (the service's ``opsdesk_slack_api_*`` counters)
    and keeps the trouble ``/readyz`` reports."""

    def __init__(self, calls: Counter, errors: Counter, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self.calls = calls
        self.errors = errors
        self.auth_error: str | None = None
        self.failing_since: float | None = None
        self.last_error: str | None = None

    def succeeded(self, method: str) -> None:
        self.calls.labels(method=method).inc()
        self.failing_since = None
        if method == "auth.test":
            self.auth_error = None

    def failed(self, method: str, error: str, *, transient: bool) -> None:
        self.calls.labels(method=method).inc()
        self.errors.labels(method=method, error=error).inc()
        self.last_error = f"{method}: {error}"
        if error in AUTH_ERRORS:
            self.auth_error = error
        elif transient and self.failing_since is None:
            self.failing_since = self._monotonic()

    def problem(self) -> tuple[bool, str] | None:
        """``(fatal, reason)`` while Slack is in trouble, ``None`` when it answers."""
        if self.auth_error is not None:
            return True, f"slack: token refused ({self.auth_error})"
        if self.failing_since is not None:
            seconds = int(self._monotonic() - self.failing_since)
            return False, f"slack: failing for {seconds}s, posts are retried (last: {self.last_error})"
        return None
