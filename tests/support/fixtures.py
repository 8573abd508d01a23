"""Pytest fixtures for the real-server harnesses; import them into ``tests/conftest.py``.

Kept out of a conftest so the support package stays importable from anywhere (benchmarks,
scripts) and the lead owns the one conftest. Every fixture stops what it started, also when the
test fails. Servers that start a process are function-scoped factories; a module that wants one
server for all its tests can use the context managers in ``tests.support.prometheus`` and
``tests.support.alertmanager`` from its own module-scoped fixture.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import ExitStack
from typing import Protocol

import pytest
import pytest_asyncio

from tests.support._process import RunningServer
from tests.support.alertmanager import start_alertmanager
from tests.support.fake_elasticsearch import FakeElasticsearch
from tests.support.prometheus import Signals, prometheus_with_signals

__all__ = ["alertmanager_factory", "fake_elasticsearch", "prometheus_factory"]


class StartAlertmanager(Protocol):
    async def __call__(
        self, webhook_url: str, token: str, *, group_by: Sequence[str] = ("service",)
    ) -> RunningServer: ...


@pytest.fixture
def prometheus_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[Signals], RunningServer]]:
    """``start(signals) -> server``: backfills ``signals.json`` data and serves it (``.url``)."""
    with ExitStack() as stack:

        def start(signals: Signals) -> RunningServer:
            workdir = tmp_path_factory.mktemp("prometheus")
            return stack.enter_context(prometheus_with_signals(signals, workdir))

        yield start


@pytest_asyncio.fixture
async def fake_elasticsearch() -> AsyncIterator[FakeElasticsearch]:
    """A started, empty fake; add documents with ``.add(docs)``; base URL in ``.url``."""
    async with FakeElasticsearch() as server:
        yield server


@pytest_asyncio.fixture
async def alertmanager_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[StartAlertmanager]:
    """``await start(webhook_url, token) -> server``: Alertmanager notifying that webhook."""
    started: list[RunningServer] = []

    async def start(webhook_url: str, token: str, *, group_by: Sequence[str] = ("service",)) -> RunningServer:
        workdir = tmp_path_factory.mktemp("alertmanager")
        # Starting waits for readiness; in a thread, so the test's own servers keep serving.
        server = await asyncio.to_thread(start_alertmanager, workdir, webhook_url, token, group_by=group_by)
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            await asyncio.to_thread(server.stop)
