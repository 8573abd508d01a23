"""The engine's single entry point: evidence in, ranked hypotheses out. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.catalog import Catalog
from bot.engine.evidence import ChangeEvent, LogRecord, Series
from bot.engine.facts import build_facts
from bot.engine.feedback import NEUTRAL, CauseWeights
from bot.engine.model import Analysis
from bot.engine.rank import rank
from bot.engine.rules import evaluate
from bot.runbooks.library import RunbookLibrary, attach_next_steps


def analyse(
    catalog: Catalog,
    services: Sequence[str],
    alertnames: Sequence[str],
    now: datetime,
    *,
    series: Sequence[Series] | None,
    logs: Sequence[LogRecord] | None,
    changes: Sequence[ChangeEvent] | None,
    missing_sources: Sequence[str] = (),
    runbooks: RunbookLibrary | None = None,
    alert_started_at: datetime | None = None,
    weights: CauseWeights = NEUTRAL,
    logs_since: datetime | None = None,
) -> Analysis:
    """Rank root-cause hypotheses for an incident on ``services`` at ``now``.

    A source given as ``None`` was unavailable; the rules then lean on the others. ``weights``
    are the per-cause multipliers people's feedback earned (:mod:`bot.engine.feedback`).
    """
    facts = build_facts(catalog, services, now, series, logs, changes, alert_started_at, logs_since)
    candidates, discarded = evaluate(facts)
    hypotheses, runners_up = rank(candidates, weights)
    versions: dict[tuple[str, str], tuple[str | None, str | None]] = {
        (c.cause, c.culprit): (c.change.version, c.change.previous_version)
        for c in sorted(candidates, key=lambda c: c.score)
        if c.change is not None
    }
    deploys: dict[tuple[str, str], str] = {
        (c.cause, c.culprit): c.change.id for c in sorted(candidates, key=lambda c: c.score) if c.change is not None
    }
    hypotheses = attach_next_steps(hypotheses, runbooks, alertnames, versions, deploys)
    return Analysis(
        services=tuple(services),
        alertnames=tuple(dict.fromkeys(alertnames)),
        now=now,
        hypotheses=tuple(hypotheses),
        discarded=tuple(runners_up + discarded),
        onsets=tuple(sorted(facts.onsets, key=lambda o: o.at)),
        signatures=tuple(s for f in facts.services.values() for s in f.trouble_signatures),
        missing_sources=tuple(missing_sources),
        neighbourhood=facts.neighbourhood,
        cause_weights=weights.as_dict(),
    )
