"""Value types of the analysis: what the engine found and how sure it is."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Cause = Literal[
    "deploy",
    "config_change",
    "resource_saturation",
    "traffic_surge",
    "dependency_outage",
    "infrastructure",
    "external",
]

#: How each cause is named to people (the Slack post, the terminal).
CAUSE_LABELS: dict[str, str] = {
    "deploy": "Bad deploy",
    "config_change": "Config change",
    "resource_saturation": "Resource saturation",
    "traffic_surge": "Traffic surge",
    "dependency_outage": "Dependency outage",
    "infrastructure": "Infrastructure",
    "external": "Third-party outage",
}

CAUSES: tuple[Cause, ...] = get_args(Cause)
Direction = Literal["up", "down"]
EvidenceKind = Literal["metric", "log", "change", "topology", "runbook", "incident", "missing"]


class _Value(BaseModel):
    """The engine's value types are immutable."""

    model_config = ConfigDict(frozen=True)


class Onset(_Value):
    """A change-point on one signal of one service, against that signal's own baseline."""

    service: str
    signal: str
    at: datetime
    direction: Direction
    baseline: float
    level: float = Field(description="typical value since the onset (median)")
    peak: float
    z: float = Field(description="shift in units of the baseline's robust noise")
    strength: float = Field(ge=0, le=1, description="how clearly this is a real shift, 0..1")
    censored: bool = Field(
        default=False, description="already under way when the series began: it started at or before 'at'"
    )

    @property
    def ratio(self) -> float:
        return self.level / self.baseline if self.baseline > 0 else float("inf")


class LogSignature(_Value):
    """Log lines of one service that share a template once variable parts are masked."""

    service: str
    level: str
    template: str
    count_before: int
    count_after: int
    first_after: datetime | None
    example: str
    mentions: tuple[str, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.count_before == 0 and self.count_after > 0


class Evidence(_Value):
    kind: EvidenceKind
    text: str
    service: str | None = None
    at: datetime | None = None
    weight: float = Field(default=0.5, ge=0, le=1)
    ref: str | None = Field(default=None, description="deploy id, signal name, template, runbook id")


ParamValue = str | int


class Action(_Value):
    """A proposed remediation, typed: what an executor runs comes from ``target`` and ``params``,
    never from ``label``, which is only rendered from them for people."""

    id: str
    label: str
    risk: str
    target: str | None = Field(default=None, description="the service the action changes")
    params: dict[str, ParamValue] = Field(default_factory=dict)
    missing: tuple[str, ...] = Field(default=(), description="parameters the evidence could not fill")


class NextStep(_Value):
    runbook_id: str
    title: str
    path: str
    url: str | None = None
    section: str | None = None
    actions: tuple[Action, ...] = ()


class Hypothesis(_Value):
    cause: Cause
    culprit: str
    confidence: float = Field(ge=0, le=1)
    score: float = Field(ge=0, description="unnormalised plausibility before calibration")
    summary: str
    evidence: tuple[Evidence, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    started_at: datetime | None = Field(default=None, description="when the fault began, best estimate")
    source: Literal["rules", "model"] = Field(
        default="rules", description="'model' for a hypothesis the language model added after the rules' own"
    )

    @property
    def label(self) -> str:
        """How the hypothesis is named to people: ``Bad deploy · checkout``."""
        return f"{CAUSE_LABELS.get(self.cause, self.cause)} · {self.culprit}"


class Discarded(_Value):
    cause: Cause
    culprit: str
    reason: str


class Reference(_Value):
    """A runbook or knowledge-base section, cited to its heading."""

    doc_id: str
    title: str
    section: str | None
    url: str
    score: float


class PastIncident(_Value):
    id: str
    title: str
    cause: str
    culprit: str
    fix: str
    resolved_at: datetime
    similarity: float


class Analysis(BaseModel):
    """The engine's answer for one incident at one moment."""

    services: tuple[str, ...]
    alertnames: tuple[str, ...]
    now: datetime
    hypotheses: tuple[Hypothesis, ...]
    discarded: tuple[Discarded, ...] = ()
    onsets: tuple[Onset, ...] = ()
    signatures: tuple[LogSignature, ...] = ()
    missing_sources: tuple[str, ...] = Field(
        default=(), description="'source: reason' for each source that failed or is not set up"
    )
    neighbourhood: tuple[str, ...] = ()
    references: tuple[Reference, ...] = Field(default=(), description="runbook sections for the incident")
    similar_incidents: tuple[PastIncident, ...] = ()
    model_summary: str | None = Field(default=None, description="the language model's plain-language summary")
    advised_by: str | None = Field(default=None, description="the model that advised, when one did")
    cause_weights: dict[str, float] = Field(
        default_factory=dict, description="per-cause multipliers from feedback that shaped this ranking"
    )
    elapsed_ms: float = 0.0

    @property
    def ranked(self) -> tuple[Hypothesis, ...]:
        """The rules' hypotheses, best first: what the post leads with."""
        return tuple(h for h in self.hypotheses if h.source == "rules")

    @property
    def suggested(self) -> tuple[Hypothesis, ...]:
        """Hypotheses the language model added after the rules' own."""
        return tuple(h for h in self.hypotheses if h.source == "model")
