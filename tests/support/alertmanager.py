"""A real Alertmanager that sends its notifications to a webhook the test runs.

Alertmanager is the real sender of ``/hooks/alertmanager`` requests: its payload shape (version
"4"), its bearer-token header, its grouping and its resolved notifications are what the bot must
accept, so tests use the Debian ``prometheus-alertmanager`` binary instead of hand-made bodies.

The config has one route to one webhook receiver with ``send_resolved: true`` and 1 s
``group_wait``/``group_interval`` so notifications arrive within about a second.
``--cluster.listen-address=`` (empty) turns clustering off; without it Alertmanager tries to bind
port 9094, which collides between parallel test runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from tests.support._process import RunningServer, require_binary, start_server

BINARY = "prometheus-alertmanager"
RECEIVER = "opsdesk"


def alertmanager_config(
    webhook_url: str,
    token: str,
    *,
    group_by: Sequence[str] = ("service",),
    group_wait: str = "1s",
    group_interval: str = "1s",
    repeat_interval: str = "1h",
) -> dict[str, Any]:
    """The configuration as a mapping (written as YAML by :func:`running_alertmanager`)."""
    return {
        "route": {
            "receiver": RECEIVER,
            "group_by": list(group_by),
            "group_wait": group_wait,
            "group_interval": group_interval,
            "repeat_interval": repeat_interval,
        },
        "receivers": [
            {
                "name": RECEIVER,
                "webhook_configs": [
                    {
                        "url": webhook_url,
                        "send_resolved": True,
                        "http_config": {"authorization": {"type": "Bearer", "credentials": token}},
                    }
                ],
            }
        ],
    }


@contextmanager
def running_alertmanager(
    workdir: Path,
    webhook_url: str,
    token: str,
    *,
    group_by: Sequence[str] = ("service",),
    deadline_seconds: float = 30.0,
) -> Iterator[RunningServer]:
    """Alertmanager on a free loopback port, state and log under ``workdir``, until exit."""
    server = start_alertmanager(workdir, webhook_url, token, group_by=group_by, deadline_seconds=deadline_seconds)
    try:
        yield server
    finally:
        server.stop()


def start_alertmanager(
    workdir: Path,
    webhook_url: str,
    token: str,
    *,
    group_by: Sequence[str] = ("service",),
    deadline_seconds: float = 30.0,
) -> RunningServer:
    """Start and wait until ready; the caller stops it (``RunningServer.stop``)."""
    binary = require_binary(BINARY)
    workdir.mkdir(parents=True, exist_ok=True)
    config_path = workdir / "alertmanager.yml"
    config = alertmanager_config(webhook_url, token, group_by=group_by)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    def argv(port: int) -> list[str]:
        return [
            binary,
            f"--config.file={config_path}",
            f"--storage.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
        ]

    return start_server("alertmanager", argv, workdir / "alertmanager.log", deadline_seconds=deadline_seconds)


def make_alert(
    alertname: str,
    service: str,
    *,
    severity: str = "critical",
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    annotations: Mapping[str, str] | None = None,
    **labels: str,
) -> dict[str, Any]:
    """One alert in the ``/api/v2/alerts`` format; ``ends_at`` in the past resolves it."""
    alert: dict[str, Any] = {
        "labels": {"alertname": alertname, "service": service, "severity": severity, **labels},
        "annotations": dict(annotations or {}),
        "startsAt": _iso(starts_at or datetime.now(UTC)),
    }
    if ends_at is not None:
        alert["endsAt"] = _iso(ends_at)
    return alert


async def post_alerts(base_url: str, alerts: Sequence[Mapping[str, Any]], *, timeout_seconds: float = 5.0) -> None:
    """``POST /api/v2/alerts``, as Prometheus does; raises on any non-200 answer."""
    client_timeout = aiohttp.ClientTimeout(total=timeout_seconds)
    async with (
        aiohttp.ClientSession(timeout=client_timeout) as session,
        session.post(f"{base_url}/api/v2/alerts", json=list(alerts)) as response,
    ):
        if response.status != 200:
            text = await response.text()
            raise RuntimeError(f"alertmanager refused the alerts: {response.status} {text}")


def _iso(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")
