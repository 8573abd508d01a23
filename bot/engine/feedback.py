"""Per-cause weights learned from people's verdicts, within fixed bounds. Pure.

People tell the bot whether it was right in two ways: 👍/👎 on a hypothesis, and the cause they
record when they resolve an incident (``/incident resolve cause:deploy …``). Each becomes one or
two entries of a ledger (:class:`Verdict`, ``+1`` for a cause that proved right, ``-1`` for one
that was ranked first and proved wrong). The ledger is append-only; an entry is withdrawn by a
later one, never edited, so every weight can be traced to the people and incidents behind it
and every change undone.

From the entries still standing, each cause gets a weight that multiplies the rules' score of
every hypothesis of that cause before ranking:

* one incident counts once per cause, whatever the number of votes on it: the sign of its net
  votes, and a recorded resolution cause overrides the votes of its incident;
* the weight moves with the balance of incidents, ``tanh``-shaped so it saturates, and never
  leaves ``[MIN_WEIGHT, MAX_WEIGHT]``: feedback can reorder close calls, it cannot bury a
  strong hypothesis or make a weak one win on its own.

Nothing here reads alert, log or model text: only causes, signs and counts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from bot.engine.model import CAUSES

#: The weights' fixed bounds.
MIN_WEIGHT = 0.8
MAX_WEIGHT = 1.25
#: Net incidents at which a weight has moved 1 - 1/e (~63 %) of the way to its bound.
SCALE = 8.0
#: Decimals kept of a weight (the same ledger gives the same weights, printed or not).
WEIGHT_DIGITS = 3

Source = Literal["vote", "resolution"]


@dataclass(frozen=True)
class Verdict:
    """One standing ledger entry: ``sign`` says whether ``cause`` proved right on ``incident_id``."""

    incident_id: int
    cause: str
    sign: Literal[1, -1]
    source: Source


@dataclass(frozen=True)
class CauseWeights:
    """Multipliers by cause; a cause not named has weight 1."""

    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    incidents: int = 0

    def of(self, cause: str) -> float:
        return self.weights.get(cause, 1.0)

    def as_dict(self) -> dict[str, float]:
        """The weights that differ from 1, by cause name."""
        return {cause: weight for cause, weight in sorted(self.weights.items()) if weight != 1.0}


NEUTRAL = CauseWeights()


def cause_weights(verdicts: Iterable[Verdict]) -> CauseWeights:
    """The weights the standing ``verdicts`` call for (see the module docstring)."""
    votes: dict[tuple[int, str], int] = defaultdict(int)
    resolutions: dict[tuple[int, str], int] = defaultdict(int)
    resolved: set[int] = set()
    for verdict in verdicts:
        if verdict.cause not in CAUSES:
            continue
        key = (verdict.incident_id, verdict.cause)
        if verdict.source == "resolution":
            resolutions[key] += verdict.sign
            resolved.add(verdict.incident_id)
        else:
            votes[key] += verdict.sign
    balance: dict[str, int] = defaultdict(int)
    for (incident_id, cause), net in votes.items():
        if incident_id not in resolved:
            balance[cause] += _sign(net)
    for (_, cause), net in resolutions.items():
        balance[cause] += _sign(net)
    incidents = {incident for incident, _ in votes} | resolved
    weights = {cause: weight_for(net) for cause, net in sorted(balance.items()) if net}
    return CauseWeights(MappingProxyType(weights), incidents=len(incidents))


def weight_for(balance: int) -> float:
    """The weight of a cause whose incidents proved it right ``balance`` times more than wrong."""
    bound = MAX_WEIGHT - 1.0 if balance > 0 else 1.0 - MIN_WEIGHT
    return round(1.0 + math.copysign(bound * math.tanh(abs(balance) / SCALE), balance), WEIGHT_DIGITS)


def resolution_verdicts(recorded: str, ranked_first: str | None) -> list[tuple[str, Literal[1, -1]]]:
    """Ledger entries for a resolution: the recorded cause proved right, a different first guess wrong."""
    entries: list[tuple[str, Literal[1, -1]]] = [(recorded, 1)]
    if ranked_first is not None and ranked_first != recorded:
        entries.append((ranked_first, -1))
    return entries


def _sign(net: int) -> int:
    return (net > 0) - (net < 0)
