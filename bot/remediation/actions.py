"""Runbook actions as typed data: an id, a risk, a target and parameters filled from the evidence.

A runbook's front matter declares each action's parameters and where each comes from::

    actions:
      - id: rollback
        label: "Roll back {service} from {version} to {previous_version}"
        risk: high
        params: {version: deploy.version, previous_version: deploy.previous_version}
      - {id: scale-out, label: "Scale {service} to {replicas} replicas", risk: low, params: {replicas: 4}}

A source is one of :data:`EVIDENCE_SOURCES` (the culprit, the suspect deploy's id, version and
previous version) or an integer literal. Without ``params`` the label's placeholders say what
the action needs (``{previous_version}`` is the deploy's previous version). The target is always
the hypothesis' culprit. The label is rendered from the filled parameters for people; executors
and the policy read only ``target`` and ``params``. A parameter the evidence cannot fill is
listed in ``missing`` and the action cannot run (the policy refuses it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from bot.engine.model import Action, ParamValue

Source = Literal["culprit", "deploy.id", "deploy.version", "deploy.previous_version"]
EVIDENCE_SOURCES: tuple[str, ...] = ("culprit", "deploy.id", "deploy.version", "deploy.previous_version")
#: What a label placeholder needs when the front matter declares no ``params``.
IMPLIED_SOURCES: dict[str, Source] = {
    "culprit": "culprit",
    "version": "deploy.version",
    "previous_version": "deploy.previous_version",
    "deploy": "deploy.id",
}
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_ACTION_ID = r"^[a-z][a-z0-9-]{0,62}$"
_PARAM_NAME = r"^[a-z][a-z0-9_]{0,39}$"
#: How a parameter the evidence did not give is shown in a label.
_UNKNOWN = {"version": "the current version", "previous_version": "the previous version"}


class ActionSpec(BaseModel):
    """One action of a runbook's front matter (``actions[]``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ACTION_ID)
    label: str = Field(min_length=1, max_length=200)
    risk: Literal["low", "medium", "high"]
    params: dict[Annotated[str, Field(pattern=_PARAM_NAME)], Source | StrictInt] | None = None

    @field_validator("params")
    @classmethod
    def _no_target_param(cls, value: dict[str, Source | int] | None) -> dict[str, Source | int] | None:
        if value and "service" in value:
            raise ValueError("'service' is the action's target (the culprit), not a parameter")
        return value

    def sources(self) -> dict[str, Source | int]:
        """The declared parameters, or those the label's placeholders imply."""
        if self.params is not None:
            return dict(self.params)
        return {name: IMPLIED_SOURCES[name] for name in _PLACEHOLDER.findall(self.label) if name in IMPLIED_SOURCES}


@dataclass(frozen=True)
class ActionEvidence:
    """What parameters may be filled from: the hypothesis' culprit and the deploy that explains it."""

    culprit: str
    deploy_id: str | None = None
    version: str | None = None
    previous_version: str | None = None

    def lookup(self, source: Source) -> str | None:
        return {
            "culprit": self.culprit,
            "deploy.id": self.deploy_id,
            "deploy.version": self.version,
            "deploy.previous_version": self.previous_version,
        }[source]


def propose(spec: ActionSpec, evidence: ActionEvidence) -> Action:
    """The action ``spec`` describes, filled from ``evidence``, its label rendered from the result."""
    params: dict[str, ParamValue] = {}
    missing: list[str] = []
    for name, source in spec.sources().items():
        if isinstance(source, int):
            params[name] = source
            continue
        found = evidence.lookup(source)
        if found:
            params[name] = found
        else:
            missing.append(name)
    return Action(
        id=spec.id,
        label=render_label(spec.label, evidence.culprit, params),
        risk=spec.risk,
        target=evidence.culprit,
        params=params,
        missing=tuple(missing),
    )


def render_label(template: str, target: str, params: Mapping[str, ParamValue]) -> str:
    """``template`` with ``{service}`` as the target and other placeholders as parameters."""
    values: dict[str, str] = {"service": target, "culprit": target, **{k: str(v) for k, v in params.items()}}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return values.get(name, _UNKNOWN.get(name, f"the {name.replace('_', ' ')}"))

    return _PLACEHOLDER.sub(fill, template)
