"""One of two processes asked to run the same remediation (see test_two_processes).

    python -m tests.remediation.executing_process DATABASE_URL WEBHOOK_URL HOLDER

Waits for a line on stdin (so both start together), then requests and executes the same restart
of checkout five times concurrently, and prints the final states as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys

from bot.clock import SystemClock
from bot.engine.model import Action
from bot.remediation.policy import parse_policy
from bot.remediation.service import Busy, Remediations
from bot.store import Storage
from connectors.executors.webhook import WebhookExecutor
from tests.remediation.policies import CATALOG, POLICY_YAML

SECRET = "executor-secret"
RESTART = Action(id="restart", label="Restart checkout", risk="medium", target="checkout")
#: No maintenance window: the restart is a plain ``notify`` action whatever the day.
POLICY = parse_policy(POLICY_YAML.split("maintenance_windows:")[0].encode())


async def once(remediations: Remediations) -> str:
    row, _ = await remediations.request(7, RESTART, "P2", "U0REQUESTER", trigger="two processes")
    try:
        return (await remediations.execute(row.id)).state
    except Busy:
        return "busy"


async def main(database_url: str, webhook_url: str, holder: str) -> None:
    storage = await Storage.open(database_url, migrate_schema=False)
    webhook = WebhookExecutor(webhook_url, SECRET)
    remediations = Remediations(storage, POLICY, {"deploy-hook": webhook}, CATALOG, SystemClock(), holder)
    try:
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        states = await asyncio.gather(*(once(remediations) for _ in range(5)))
        print(json.dumps(states), flush=True)
    finally:
        await webhook.close()
        await storage.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
