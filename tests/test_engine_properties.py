"""The engine is total: any evidence, any (even cyclic) graph, gives a well-formed answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.catalog import Catalog, Service
from bot.engine.analyse import analyse
from bot.engine.evidence import STANDARD_SIGNALS, ChangeEvent, LogRecord, Series
from bot.engine.model import CAUSES

NOW = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
NAMES = ("api", "db", "cache", "stripe")


def _catalog(edges: list[tuple[int, int]], external: bool) -> Catalog:
    depends: dict[str, list[str]] = {n: [] for n in NAMES}
    for a, b in edges:
        if a != b:
            depends[NAMES[a]].append(NAMES[b])
    return Catalog(
        Service(
            name=n,
            depends_on=tuple(dict.fromkeys(depends[n])),
            kind="external" if external and n == "stripe" else "service",
        )
        for n in NAMES
    )


series = st.builds(
    lambda service, signal, values, step: Series(
        service=service,
        signal=signal,
        points=tuple(
            ((NOW - timedelta(seconds=step * (len(values) - i))).timestamp(), v) for i, v in enumerate(values)
        ),
    ),
    st.sampled_from(NAMES),
    st.sampled_from(STANDARD_SIGNALS),
    st.lists(st.floats(min_value=0, max_value=5000), min_size=0, max_size=150),
    st.sampled_from([15, 30, 60]),
)
logs = st.builds(
    lambda service, minutes, level, message: LogRecord(
        timestamp=NOW - timedelta(minutes=minutes), service=service, level=level, message=message
    ),
    st.sampled_from(NAMES),
    st.floats(min_value=0, max_value=180),
    st.sampled_from(["info", "warn", "error", "ERROR", "fatal"]),
    st.sampled_from(["timeout calling db", "pool exhausted after 30s", "node NotReady", "ok", "stripe 503"])
    | st.text(max_size=40),
)
changes = st.builds(
    lambda i, service, kind, minutes: ChangeEvent(
        id=f"c{i}", service=service, kind=kind, started_at=NOW - timedelta(minutes=minutes)
    ),
    st.integers(0, 99),
    st.sampled_from([*NAMES, "node-pool-a"]),
    st.sampled_from(["deploy", "config", "flag", "infra"]),
    st.floats(min_value=-5, max_value=180),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edges=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=8),
    external=st.booleans(),
    found_series=st.none() | st.lists(series, max_size=12),
    found_logs=st.none() | st.lists(logs, max_size=40),
    found_changes=st.none() | st.lists(changes, max_size=6),
)
def test_any_evidence_gives_a_well_formed_analysis(
    edges: list[tuple[int, int]],
    external: bool,
    found_series: list[Series] | None,
    found_logs: list[LogRecord] | None,
    found_changes: list[ChangeEvent] | None,
) -> None:
    catalog = _catalog(edges, external)
    analysis = analyse(
        catalog, ["api"], ["HighErrorRate"], NOW, series=found_series, logs=found_logs, changes=found_changes
    )
    assert len(analysis.hypotheses) <= 3
    assert sum(h.confidence for h in analysis.hypotheses) <= 1.0 + 1e-6
    scores = [h.score for h in analysis.hypotheses]
    assert scores == sorted(scores, reverse=True)
    for hypothesis in analysis.hypotheses:
        assert hypothesis.cause in CAUSES
        assert hypothesis.culprit in catalog
        assert 0.0 <= hypothesis.confidence <= 1.0
        assert hypothesis.summary
    assert len({(h.cause, h.culprit) for h in analysis.hypotheses}) == len(analysis.hypotheses)
