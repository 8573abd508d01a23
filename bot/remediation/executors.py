"""The policy's executors, built once per process: real ones, or shadows in shadow mode."""

from __future__ import annotations

from collections.abc import Mapping

from bot.remediation.errors import PolicyError
from bot.remediation.policy import (
    AlertmanagerExecutor,
    ExecutorSpec,
    PagerDutyExecutor,
    Policy,
    ShadowExecutor,
    WebhookExecutor,
)
from connectors.executors import Executor
from connectors.executors.alertmanager import AlertmanagerSilencer
from connectors.executors.pagerduty import PagerDutyPager
from connectors.executors.shadow import ShadowExecutor as Shadow
from connectors.executors.webhook import WebhookExecutor as Webhook


def build_executors(policy: Policy, environ: Mapping[str, str]) -> dict[str, Executor]:
    """One executor per name in the policy; all shadows while ``shadow_mode`` is on."""
    if policy.shadow_mode:
        return {name: Shadow(would_run=name) for name in policy.executors}
    return {name: build_executor(name, spec, environ) for name, spec in policy.executors.items()}


def build_executor(name: str, spec: ExecutorSpec, environ: Mapping[str, str]) -> Executor:
    if isinstance(spec, WebhookExecutor):
        return Webhook(spec.url, _secret(name, spec.secret_env, environ), timeout_seconds=spec.timeout_seconds)
    if isinstance(spec, AlertmanagerExecutor):
        return AlertmanagerSilencer(spec.url, timeout_seconds=spec.timeout_seconds)
    if isinstance(spec, PagerDutyExecutor):
        key = _secret(name, spec.routing_key_env, environ)
        return PagerDutyPager(key, url=spec.url, timeout_seconds=spec.timeout_seconds)
    if isinstance(spec, ShadowExecutor):
        return Shadow(would_run=name)
    raise PolicyError("policy", f"executors.{name}", "unknown executor type")  # unreachable: validated


def _secret(name: str, variable: str, environ: Mapping[str, str]) -> str:
    value = environ.get(variable, "")
    if not value:
        raise PolicyError("policy", f"executors.{name}", f"environment variable {variable} is not set")
    return value
