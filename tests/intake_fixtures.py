"""Helpers shared by the store, intake and deploy-hook tests.

Plain functions and context managers rather than fixtures, so each test module
declares the few fixtures it needs without touching the project's conftest.

Databases are real: SQLite in the test's tmp dir, and for PostgreSQL a fresh
database per test (``CREATE DATABASE`` on the local server, dropped afterwards),
so tests never share tables and every one proves a fresh schema comes up.
Set ``OPSDESK_TEST_POSTGRES_URL`` to use another server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy.engine import make_url

from bot.catalog import Catalog
from bot.engine.model import Analysis
from bot.incidents.agent import Question
from bot.intake.alertmanager import Alert
from bot.intake.signing import signed_headers
from bot.store import Storage

POSTGRES_URL = os.environ.get("OPSDESK_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
#: Nothing listens here: a store on it is "down".
UNREACHABLE_URL = "postgresql+asyncpg://postgres@127.0.0.1:1/nothing"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=30)
TOKEN = "intake-token"
SECRET = "deploy-secret"

#: web -> api -> db is one chain (all pairwise related); search -> index another;
#: mailer stands alone; stripe is external.
CATALOG = Catalog.from_mapping(
    {
        "services": {
            "web": {"depends_on": ["api"]},
            "api": {"depends_on": ["db", "stripe"]},
            "db": {},
            "search": {"depends_on": ["index"]},
            "index": {},
            "mailer": {},
            "stripe": {"kind": "external"},
        }
    }
)


def alert(
    fingerprint: str,
    service: str,
    *,
    minutes: float = 0,
    status: str = "firing",
    alertname: str = "HighErrorRate",
    severity: str = "critical",
    ends_minutes: float | None = None,
) -> Alert:
    """A parsed alert starting ``minutes`` after :data:`T0`."""
    return Alert.model_validate(
        {
            "fingerprint": fingerprint,
            "alertname": alertname,
            "service": service,
            "status": status,
            "severity": severity,
            "starts_at": T0 + timedelta(minutes=minutes),
            "ends_at": None if ends_minutes is None else T0 + timedelta(minutes=ends_minutes),
        }
    )


def wire_alert(
    fingerprint: str,
    service: str,
    *,
    minutes: float = 0,
    status: str = "firing",
    alertname: str = "HighErrorRate",
    ends_minutes: float | None = None,
) -> dict[str, Any]:
    """One alert as Alertmanager sends it in a webhook body."""
    ends = T0 + timedelta(minutes=ends_minutes) if ends_minutes is not None else None
    return {
        "status": status,
        "labels": {"alertname": alertname, "service": service, "severity": "critical"},
        "annotations": {"summary": f"{alertname} on {service}"},
        "startsAt": _iso(T0 + timedelta(minutes=minutes)),
        "endsAt": _iso(ends) if ends else "0001-01-01T00:00:00Z",
        "generatorURL": "http://prometheus/graph",
        "fingerprint": fingerprint,
    }


def webhook(*alerts: dict[str, Any]) -> dict[str, Any]:
    """An Alertmanager version-4 webhook body around ``alerts``."""
    firing = any(a["status"] == "firing" for a in alerts)
    return {
        "version": "4",
        "status": "firing" if firing else "resolved",
        "receiver": "opsdesk",
        "groupKey": "{}:{}",
        "groupLabels": {},
        "commonLabels": {},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager",
        "alerts": list(alerts),
    }


def change(event_id: str, service: str, *, minutes: float = -10, **fields: Any) -> dict[str, Any]:
    """A deploy event as ``deploys.json`` / ``/hooks/deploy`` carry it."""
    return {
        "id": event_id,
        "service": service,
        "kind": "deploy",
        "version": "v2",
        "previous_version": "v1",
        "started_at": _iso(T0 + timedelta(minutes=minutes)),
        "finished_at": _iso(T0 + timedelta(minutes=minutes + 2)),
        "author": "ci",
        "description": "rollout",
        **fields,
    }


def sign(body: bytes, secret: str = SECRET, at: datetime = T0) -> dict[str, str]:
    """The headers that sign ``body`` for ``/hooks/deploy`` as sent at ``at``."""
    return signed_headers(secret, body, at)


def dumps(data: Any) -> bytes:
    return json.dumps(data).encode()


class FakeInvestigator:
    """Records investigations and answers a minimal analysis (scheduling tests only).

    ``gate``, when given, holds every investigation until it is set, so a test can
    send alerts while one runs. ``started`` is set when any investigation begins.
    """

    def __init__(self, *, gate: asyncio.Event | None = None, fail: bool = False) -> None:
        self.calls: list[tuple[tuple[str, ...], tuple[str, ...], datetime]] = []
        self.gate = gate
        self.fail = fail
        self.started = asyncio.Event()

    async def investigate(self, question: Question) -> Analysis:
        services, alertnames, now = question.services, question.alertnames, question.now
        self.calls.append((services, alertnames, now))
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail:
            raise RuntimeError("engine exploded")
        return Analysis(services=tuple(services), alertnames=tuple(alertnames), now=now, hypotheses=())


@contextlib.asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for one test; skips when the server is unreachable."""
    base = make_url(POSTGRES_URL)
    dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        admin = await asyncpg.connect(dsn, timeout=3)
    except (OSError, asyncpg.PostgresError) as error:
        pytest.skip(f"PostgreSQL unreachable at {base.host}:{base.port}: {error}")
    name = f"opsdesk_test_{uuid.uuid4().hex[:12]}"
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@contextlib.asynccontextmanager
async def database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A URL of an empty database of ``backend`` ("sqlite" or "postgres")."""
    if backend == "postgres":
        async with postgres_database() as url:
            yield url
    else:
        yield f"sqlite+aiosqlite:///{tmp_path / 'data' / 'opsdesk.db'}"


@contextlib.asynccontextmanager
async def open_store(backend: str, tmp_path: Path) -> AsyncIterator[Storage]:
    async with database_url(backend, tmp_path) as url:
        store = await Storage.open(url)
        try:
            yield store
        finally:
            await store.close()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
