"""The remediation policy (``OPSDESK_POLICY``): a YAML file, validated whole at start-up.

::

    shadow_mode: true                # the default: recommend and record, never execute
    approvers: ["S0SRELEADS"]        # Slack user or user-group IDs, besides the incident's IC
    escalate_after: 5m               # ask the next approver when one has not answered (the default)
    actions:                         # the allow-list, by runbook action id
      rollback: {tier: approve, executor: deploy-hook}
      scale:    {tier: approve, executor: deploy-hook, bounds: {replicas: {min: 1, max: 50}}}
    executors:
      deploy-hook:  {type: webhook, url: "https://rundeck.example/hooks/opsdesk", secret_env: OPSDESK_EXECUTOR_SECRET}
      alertmanager: {type: alertmanager, url: "http://alertmanager:9093"}
      pager:        {type: pagerduty, routing_key_env: PAGERDUTY_ROUTING_KEY}
    maintenance_windows:
      - {services: ["*"], cron: "0 22 * * 1-4", duration: 4h, timezone: Europe/Berlin}

Unknown keys, tiers, executor types, an action naming an executor that is not defined, a cron
expression croniter refuses, a duration that is not ``<n>h<m>m``, a time zone the tz database
does not know: each is a :class:`PolicyError` of one line, and start-up stops. Nothing ever falls
back to allowing. A policy is versioned by the SHA-256 of its file's bytes; without a file
every action is shadowed (:data:`NO_POLICY`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from croniter import croniter
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.errors import first_validation_problem
from bot.remediation.errors import PolicyError

Tier = Literal["auto", "notify", "approve", "forbidden"]
#: From least to most human involvement; a decision only ever moves a tier to the right.
TIER_ORDER: tuple[Tier, ...] = ("auto", "notify", "approve", "forbidden")
_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")
_ENV_NAME = r"^[A-Z_][A-Z0-9_]*$"
_ID = r"^[a-z][a-z0-9-]{0,62}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bound(_Strict):
    """Limits of one numeric parameter (``min``/``max``) or the values a text parameter may take."""

    min: StrictInt | None = None
    max: StrictInt | None = None
    allowed: tuple[str, ...] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Bound:
        if self.min is None and self.max is None and self.allowed is None:
            raise ValueError("a bound needs min, max or allowed")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class ActionRule(_Strict):
    tier: Tier
    executor: str | None = None
    bounds: dict[str, Bound] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _executor_unless_forbidden(self) -> ActionRule:
        if self.executor is None and self.tier != "forbidden":
            raise ValueError(f"an action of tier {self.tier!r} needs an executor")
        return self


class WebhookExecutor(_Strict):
    type: Literal["webhook"]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    secret_env: Annotated[str, Field(pattern=_ENV_NAME)]
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)


class AlertmanagerExecutor(_Strict):
    type: Literal["alertmanager"]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)


class PagerDutyExecutor(_Strict):
    type: Literal["pagerduty"]
    routing_key_env: Annotated[str, Field(pattern=_ENV_NAME)]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] = "https://events.pagerduty.com"
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)


class ShadowExecutor(_Strict):
    type: Literal["shadow"]


ExecutorSpec = Annotated[
    WebhookExecutor | AlertmanagerExecutor | PagerDutyExecutor | ShadowExecutor, Field(discriminator="type")
]


def _checked_duration(value: str) -> str:
    if parse_duration(value) is None:
        raise ValueError(f"invalid duration {value!r} (for example 5m, 4h, 1h30m)")
    return value


def _length(value: str) -> timedelta:
    found = parse_duration(value)
    assert found is not None  # validated
    return found


#: ``<n>d<n>h<n>m``, each part optional, more than nothing and at most a week.
Duration = Annotated[str, AfterValidator(_checked_duration)]


class MaintenanceWindow(_Strict):
    services: tuple[str, ...] = Field(min_length=1)
    cron: str
    duration: Duration
    timezone: str = "UTC"

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        if len(value.split()) != 5 or not croniter.is_valid(value):
            raise ValueError(f"invalid cron expression {value!r} (five fields: minute hour day month weekday)")
        return value

    @field_validator("timezone")
    @classmethod
    def _valid_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @property
    def length(self) -> timedelta:
        return _length(self.duration)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def covers(self, service: str) -> bool:
        return "*" in self.services or service in self.services


class Policy(_Strict):
    shadow_mode: bool = True
    approvers: tuple[Annotated[str, Field(pattern=r"^[USW][A-Z0-9]{2,30}$")], ...] = ()
    escalate_after: Duration = "5m"
    actions: dict[Annotated[str, Field(pattern=_ID)], ActionRule] = Field(default_factory=dict)
    executors: dict[Annotated[str, Field(pattern=_ID)], ExecutorSpec] = Field(default_factory=dict)
    maintenance_windows: tuple[MaintenanceWindow, ...] = ()
    #: ``sha256:<12 hex>`` of the file, or ``none`` without one (not a key of the file).
    version: str = Field(default="none", exclude=True)
    #: False only for :data:`NO_POLICY`: no file, every action shadowed (not a key of the file).
    configured: bool = Field(default=True, exclude=True)

    @property
    def escalation(self) -> timedelta:
        """How long one approver has before the next is asked."""
        return _length(self.escalate_after)

    def undefined_executor(self) -> tuple[str, str] | None:
        """The first action naming an executor the policy does not define, with that name."""
        for action_id, rule in self.actions.items():
            if rule.executor is not None and rule.executor not in self.executors:
                return action_id, rule.executor
        return None

    def executor(self, action_id: str) -> ExecutorSpec | None:
        rule = self.actions.get(action_id)
        return self.executors.get(rule.executor) if rule is not None and rule.executor else None

    def secrets_missing(self, environ: Mapping[str, str]) -> list[str]:
        """The ``*_env`` variables the executors name that ``environ`` does not set."""
        names = [
            getattr(spec, "secret_env", None) or getattr(spec, "routing_key_env", None)
            for spec in self.executors.values()
        ]
        return sorted({name for name in names if name and not environ.get(name)})


#: No ``OPSDESK_POLICY``: every action is shadowed (recommended and recorded, never executed).
NO_POLICY = Policy(shadow_mode=True, configured=False)


def parse_duration(text: str) -> timedelta | None:
    match = _DURATION.match(text.strip())
    if not text.strip() or match is None or not any(match.groups()):
        return None
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    length = timedelta(days=days, hours=hours, minutes=minutes)
    return length if timedelta(0) < length <= timedelta(days=7) else None


def policy_version(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()[:12]


def parse_policy(raw: bytes, source: str = "policy") -> Policy:
    """The policy in ``raw`` (YAML), or a one-line :class:`PolicyError`."""
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PolicyError(source, "", "not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        raise PolicyError(source, where, f"invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise PolicyError(source, "", "the policy must be a mapping (shadow_mode, approvers, actions, executors, ...)")
    for hidden in ("version", "configured"):
        if hidden in data:
            raise PolicyError(source, hidden, "unknown key")
    try:
        policy = Policy.model_validate(data)
    except ValidationError as error:
        key, problem = first_validation_problem(error)
        if error.errors()[0]["type"] == "extra_forbidden":
            problem = "unknown key"
        raise PolicyError(source, key, problem) from None
    if (undefined := policy.undefined_executor()) is not None:
        action_id, executor = undefined
        raise PolicyError(source, f"actions.{action_id}.executor", f"executor {executor!r} is not defined")
    return policy.model_copy(update={"version": policy_version(raw)})


def load_policy(path: Path | None) -> Policy:
    """The policy in ``path``; :data:`NO_POLICY` when no path is configured."""
    if path is None:
        return NO_POLICY
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PolicyError(str(path), "", f"cannot read ({error.strerror or error}; set by OPSDESK_POLICY)") from None
    return parse_policy(raw, str(path))
