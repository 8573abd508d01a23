"""Two processes on one PostgreSQL asked to run the same remediation at the same moment: one execution."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest
from aiohttp.test_utils import TestServer

from bot.store import Storage
from tests.intake_fixtures import postgres_database
from tests.remediation.cli import REPO
from tests.support.executor_receivers import WebhookReceiver

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


async def test_two_processes_executing_the_same_action_run_it_once() -> None:
    receiver = WebhookReceiver("executor-secret")
    server = TestServer(receiver.app, host="127.0.0.1", port=0)
    await server.start_server()
    try:
        async with postgres_database() as url:
            storage = await Storage.open(url)  # migrated once, so both processes start on a ready schema
            try:
                processes = [
                    await asyncio.create_subprocess_exec(
                        sys.executable,
                        "-m",
                        "tests.remediation.executing_process",
                        url,
                        str(server.make_url("/hooks/opsdesk")),
                        holder,
                        cwd=REPO,
                        stdin=asyncio.subprocess.PIPE,
                        stdout=asyncio.subprocess.PIPE,
                        stderr=asyncio.subprocess.PIPE,
                    )
                    for holder in ("process-a", "process-b")
                ]
                outputs = await asyncio.gather(*(p.communicate(b"go\n") for p in processes))
                rows = await storage.remediations.for_incident(7)
                verified = await storage.audit.verify()
            finally:
                await storage.close()
    finally:
        await server.close()
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err.decode()[-2000:]
        assert set(json.loads(out)) <= {"done", "executing", "busy"}
    assert len(receiver.bodies) == 1
    assert len(rows) == 1
    assert rows[0].state == "done"
    assert verified is None
