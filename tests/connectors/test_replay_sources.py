"""Replay sources read scenario files and answer like live sources; broken files name the spot."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from connectors.changes import ChangeSource
from connectors.changes.replay import ReplayChanges
from connectors.errors import SourceNotConfigured, SourceUnavailable
from connectors.logs import LogSource
from connectors.logs.replay import ReplayLogs
from connectors.metrics import MetricsSource
from connectors.metrics.replay import ReplayMetrics

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
END = datetime(2024, 5, 1, 13, 0, tzinfo=UTC)
T = START.timestamp()


def _write(path: Path, content: Any) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


async def test_metrics_are_cut_to_the_window_and_sorted(tmp_path: Path) -> None:
    signals = {
        "checkout": {"error_ratio": [[T + 60, 0.2], [T - 60, 0.1], [T, 0.3], [T + 3600, 0.4], [T + 3601, 0.5]]},
        "search": {"error_ratio": [[T, 1.0]]},
    }
    source = ReplayMetrics(_write(tmp_path / "signals.json", signals))
    assert isinstance(source, MetricsSource)

    fetched = await source.fetch_samples(["checkout"], START, END)

    (samples,) = fetched.items
    assert (samples.service, samples.signal) == ("checkout", "error_ratio")
    assert samples.samples.tolist() == [[T, 0.3], [T + 60, 0.2], [T + 3600, 0.4]]
    assert fetched.problems == ()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{nope", "invalid JSON"),
        ([], "expected {service: {signal: [[t, v], ...]}}"),
        ({"checkout": [1, 2]}, "checkout: expected a mapping of signals"),
        ({"checkout": {"error_ratio": [[1, 2, 3]]}}, "checkout.error_ratio: points must be [unix_seconds, value]"),
    ],
)
async def test_broken_signal_files_name_the_problem(tmp_path: Path, content: Any, problem: str) -> None:
    path = _write(tmp_path / "signals.json", content)

    with pytest.raises(SourceUnavailable) as caught:
        await ReplayMetrics(path).fetch_samples(["checkout"], START, END)

    assert caught.value.reason.startswith(f"{path}: {problem}")


def _line(minute: int, service: str = "checkout", level: str = "error", **fields: Any) -> str:
    document = {"@timestamp": f"2024-05-01T12:{minute:02d}:00Z", "service": {"name": service}, **fields}
    return json.dumps({**document, "log": {"level": level}})


async def test_logs_of_the_services_in_the_window_oldest_first_at_warn_and_above(tmp_path: Path) -> None:
    lines = [
        _line(30, message="b", level=" WARNING"),
        "",
        _line(10, "search"),
        _line(5, message="a", level="ERR"),
        _line(6, message="routine", level="info"),
        json.dumps({"@timestamp": "2024-05-01T12:07:00Z", "service.name": "checkout", "message": "no level"}),
        json.dumps({"@timestamp": "2024-05-01T13:00:01Z", "service.name": "checkout", "log.level": "error"}),
        json.dumps({"@timestamp": "2024-05-01T12:45:00+02:00", "service.name": "checkout", "log.level": "error"}),
    ]
    source = ReplayLogs(_write(tmp_path / "logs.jsonl", "\n".join(lines)))
    assert isinstance(source, LogSource)

    fetched = await source.fetch_documents(["checkout"], START, END)

    assert [d.ecs.get("message") for d in fetched.items] == ["a", "b"]  # as Elasticsearch would answer
    assert [d.timestamp.minute for d in fetched.items] == [5, 30]
    assert {d.service for d in fetched.items} == {"checkout"}


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("{nope", "unexpected character"),
        ("[1, 2]", "needs '@timestamp' and 'service.name'"),
        ('{"@timestamp": "nope", "service": {"name": "checkout"}}', "needs '@timestamp' and 'service.name'"),
        ('{"@timestamp": "2024-05-01T12:00:00Z", "service": {}}', "needs '@timestamp' and 'service.name'"),
        ('{"@timestamp": "2024-05-01T12:00:00Z", "log.level": "info"}', "needs '@timestamp' and 'service.name'"),
    ],
)
async def test_a_broken_log_line_names_the_file_and_line_whatever_its_level(
    tmp_path: Path, line: str, detail: str
) -> None:
    path = _write(tmp_path / "logs.jsonl", f"{_line(1)}\n{line}\n")

    with pytest.raises(SourceUnavailable) as caught:
        await ReplayLogs(path).fetch_documents(["checkout"], START, END)

    assert caught.value.reason.startswith(f"{path}:2: not an ECS log document (")
    assert detail in caught.value.reason


def _change(change_id: str, started_at: str, **fields: Any) -> dict[str, Any]:
    return {"id": change_id, "service": "checkout", "kind": "deploy", "started_at": started_at, **fields}


async def test_changes_that_started_in_the_window_whatever_their_service(tmp_path: Path) -> None:
    changes = [
        _change("late", "2024-05-01T13:00:01Z"),
        _change("in", "2024-05-01T12:30:00Z", service="payments-db"),
        _change("early", "2024-05-01T11:59:59Z", finished_at="2024-05-01T12:10:00Z"),
        _change("edge", "2024-05-01T12:00:00+00:00"),
    ]
    source = ReplayChanges(_write(tmp_path / "deploys.json", changes))
    assert isinstance(source, ChangeSource)

    fetched = await source.fetch_change_records(["checkout"], START, END)

    assert [record["id"] for record in fetched.items] == ["in", "edge"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[", "invalid JSON"),
        ({"id": "x"}, "expected a list of change events"),
        ([_change("a", "2024-05-01T12:00:00Z"), "deploy"], "1.started_at: needs ISO 8601 with a time zone"),
        ([_change("a", "2024-05-01T12:00:00")], "0.started_at: needs ISO 8601 with a time zone"),
        ([{"id": "a"}], "0.started_at: needs ISO 8601 with a time zone"),
    ],
)
async def test_broken_change_files_name_the_problem(tmp_path: Path, content: Any, problem: str) -> None:
    path = _write(tmp_path / "deploys.json", content)

    with pytest.raises(SourceUnavailable) as caught:
        await ReplayChanges(path).fetch_change_records([], START, END)

    assert caught.value.reason.startswith(f"{path}: {problem}")


@pytest.mark.parametrize("make", [ReplayMetrics, ReplayLogs, ReplayChanges])
async def test_a_file_the_scenario_does_not_have_is_not_configured(tmp_path: Path, make: Any) -> None:
    fetch = {ReplayMetrics: "fetch_samples", ReplayLogs: "fetch_documents", ReplayChanges: "fetch_change_records"}

    with pytest.raises(SourceNotConfigured, match="not part of this scenario"):
        await getattr(make(None), fetch[make])(["checkout"], START, END)
    with pytest.raises(SourceNotConfigured, match=r"missing\.json not found"):
        await getattr(make(tmp_path / "missing.json"), fetch[make])(["checkout"], START, END)


async def test_an_unreadable_file_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "logs.jsonl"
    path.write_bytes(b"\xff\xfe not utf-8")

    with pytest.raises(SourceUnavailable, match="cannot read"):
        await ReplayLogs(path).fetch_documents(["checkout"], START, END)
