"""Evidence builders the rules share: metric onsets, log signatures, blame, an earlier failure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from bot.engine.describe import change_text, hhmm, onset_text, signature_text
from bot.engine.evidence import ChangeEvent
from bot.engine.facts import Facts, ServiceFacts
from bot.engine.model import Evidence, LogSignature
from bot.engine.rules.measures import Root, earlier_root

#: Weight of a metric onset as evidence, unless the rule gives another.
ONSET_WEIGHT = 0.8
#: Weight of onsets that only accompany a rule's main evidence.
SUPPORTING_ONSET_WEIGHT = 0.6
#: A faint onset weighs this share of its weight; a clear one weighs all of it.
ONSET_WEIGHT_FLOOR = 0.5
#: Weight of a log signature that is new since the onset.
NEW_LINE_WEIGHT = 0.7
#: Weight of a log signature that was there before and only became more frequent.
SURGING_LINE_WEIGHT = 0.5
#: Weight of callers' log lines that name the service.
BLAME_WEIGHT = 0.75
#: Weight of a dependency that failed first, making the service its victim.
ROOT_WEIGHT = 0.6
#: Log signatures quoted as evidence by default.
QUOTED_LINES = 2
#: Log signatures quoted when log lines are a rule's main evidence.
MORE_QUOTED_LINES = 3


def root_evidence(root: Root, name: str, how: str) -> Evidence:
    """``root``, a dependency of ``name``, failed ``how``: it explains ``name``'s trouble."""
    return Evidence(
        kind="topology",
        service=root.service,
        at=root.at,
        weight=ROOT_WEIGHT,
        text=f"{root.service}, a dependency of {name}, {how}",
    )


def elsewhere_evidence(elsewhere: Root, victim: str, suspect: str) -> Evidence:
    """``elsewhere``, a dependency of ``victim`` that ``suspect`` does not reach, explains the trouble."""
    return root_evidence(elsewhere, victim, f"failed at {hhmm(elsewhere.at)}, which {suspect} does not depend on")


def rival_change_evidence(change: ChangeEvent, who: str, weight: float) -> Evidence:
    """A change that explains the trouble instead: ``who`` says how it relates (``"web, a caller"``)."""
    return Evidence(
        kind="change",
        service=change.service,
        at=change.started_at,
        weight=weight,
        text=f"{who}, changed just before: {change_text(change)}",
    )


def victim_evidence(f: Facts, name: str, at: datetime) -> Iterator[Evidence]:
    root = earlier_root(f, name, at)
    if root is not None:
        yield root_evidence(root, name, f"was failing earlier (from {hhmm(root.at)})")


def onset_evidence(
    facts: ServiceFacts, signals: tuple[str, ...] | None = None, weight: float = ONSET_WEIGHT
) -> list[Evidence]:
    onsets = sorted(facts.onsets.values(), key=lambda o: o.at)
    return [
        Evidence(
            kind="metric",
            service=o.service,
            at=o.at,
            weight=min(1.0, weight * (ONSET_WEIGHT_FLOOR + (1.0 - ONSET_WEIGHT_FLOOR) * o.strength)),
            text=onset_text(o),
            ref=o.signal,
        )
        for o in onsets
        if signals is None or o.signal in signals
    ]


def log_evidence(signatures: Sequence[LogSignature], weight: float | None = None) -> list[Evidence]:
    """Log signatures as evidence; without ``weight``, new signatures weigh more than surging ones."""
    return [
        Evidence(
            kind="log",
            service=s.service,
            at=s.first_after,
            weight=weight if weight is not None else (NEW_LINE_WEIGHT if s.is_new else SURGING_LINE_WEIGHT),
            text=signature_text(s),
            ref=s.template,
        )
        for s in signatures
    ]


def signature_evidence(f: Facts, service: str, since: datetime | None = None) -> list[Evidence]:
    found = [
        s
        for s in f.services[service].trouble_signatures
        if since is None or (s.first_after is not None and s.first_after >= since - f.tolerance)
    ]
    found.sort(key=lambda s: (not s.is_new, -s.count_after))
    return log_evidence(found[:QUOTED_LINES])


def blame_evidence(f: Facts, name: str, limit: int = QUOTED_LINES) -> list[Evidence]:
    blaming = sorted(f.services[name].blamed_in, key=lambda s: -s.count_after)
    return log_evidence(blaming[:limit], weight=BLAME_WEIGHT)
