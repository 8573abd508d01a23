"""What a rule returns: a scored candidate explanation, or the reason it does not apply."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from bot.engine.evidence import ChangeEvent
from bot.engine.model import Cause, Discarded, Evidence


@dataclass
class Candidate:
    """A scored explanation: ``cause`` at ``culprit``, since ``started_at`` (the rules build it positionally)."""

    cause: Cause
    culprit: str
    score: float
    summary: str
    started_at: datetime | None
    evidence: list[Evidence] = field(default_factory=list)
    change: ChangeEvent | None = None

    def scaled(self, factor: float) -> Candidate:
        """A copy whose score is multiplied by ``factor`` (the candidate itself is left alone)."""
        return replace(self, score=self.score * factor, evidence=list(self.evidence))


Outcome = Candidate | Discarded
