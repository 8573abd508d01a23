"""The replay readers' shortcuts answer what the plain reading answers: ECS source fields as
``ecs_field`` reads them, the log window as a filter of every line, series in stable time order,
and garbage collection back as it was."""

from __future__ import annotations

import gc
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.files import collection_paused
from connectors.logs.ecs import SOURCE_FIELDS, ecs_field, source_fields
from connectors.logs.replay import ReplayLogs
from connectors.metrics.replay import ReplayMetrics

LEAVES = st.none() | st.text(max_size=3) | st.integers() | st.lists(st.text(max_size=2), max_size=2)
KEYS = st.sampled_from(
    ["@timestamp", "message", "service", "service.name", "log", "log.level", "level", "error", "url", "host", "name"]
)
DOCUMENTS = st.recursive(LEAVES, lambda inner: st.dictionaries(KEYS, inner, max_size=4), max_leaves=12)


@given(st.dictionaries(KEYS, DOCUMENTS, max_size=6))
def test_source_fields_are_each_field_as_ecs_field_reads_it(document: dict[str, Any]) -> None:
    expected = {name: value for name in SOURCE_FIELDS if (value := ecs_field(document, name)) is not None}

    found = source_fields(document)

    assert found == expected
    assert list(found) == list(expected)


T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
SERVICES = ["checkout", "search", "payments"]


def _stamp(minute: int, hours: int) -> str:
    """ISO 8601 of ``minute`` after T0, written at a UTC offset of ``hours``."""
    return (T0 + timedelta(minutes=minute)).astimezone(timezone(timedelta(hours=hours))).isoformat()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(SERVICES), st.sampled_from([0, 2, -5])), max_size=30),
    st.integers(-2, 42),
    st.integers(-2, 42),
    st.lists(st.sampled_from(SERVICES), max_size=3),
)
async def test_the_window_is_every_line_of_the_services_inside_it(
    tmp_path: Path, lines: list[tuple[int, str, int]], lo: int, hi: int, services: list[str]
) -> None:
    path = tmp_path / "logs.jsonl"
    documents = [
        {"@timestamp": _stamp(minute, hours), "service": {"name": service}, "message": str(number)}
        for number, (minute, service, hours) in enumerate(lines)
    ]
    path.write_text("\n".join(map(json.dumps, documents)), encoding="utf-8")
    source = ReplayLogs(path)
    start, end = T0 + timedelta(minutes=lo), T0 + timedelta(minutes=hi)

    fetched = await source.fetch_documents(services, start, end)

    expected = [line for line in source.lines if line.service in services and start <= line.timestamp <= end]
    assert list(fetched.items) == expected


async def test_series_are_sorted_stably_and_ordered_ones_kept(tmp_path: Path) -> None:
    signals = {
        "checkout": {
            "error_ratio": [[30, 0.3], [10, 0.1], [30, 0.4], [20, 0.2], [10, 0.0]],
            "latency_p99_seconds": [[10, 1], [20, 2], [20, 3], [30, 4]],
        }
    }
    path = tmp_path / "signals.json"
    path.write_text(json.dumps(signals), encoding="utf-8")

    fetched = await ReplayMetrics(path).fetch_samples(["checkout"], datetime.fromtimestamp(0, UTC), T0)

    assert {s.signal: s.samples.tolist() for s in fetched.items} == {
        "error_ratio": [[10, 0.1], [10, 0.0], [20, 0.2], [30, 0.3], [30, 0.4]],
        "latency_p99_seconds": [[10, 1], [20, 2], [20, 3], [30, 4]],
    }


class _Inside(Exception):
    pass


def _paused_then_failing() -> None:
    with collection_paused():
        assert not gc.isenabled()
        raise _Inside


@pytest.mark.parametrize("enabled", [True, False])
def test_collection_is_paused_inside_and_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(_Inside):
            _paused_then_failing()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
