"""Governed remediation through Slack, in one process over loopback (real Bolt, slack-sdk, store,
fake Slack Web API, a signed-webhook receiver):

* ``request_to_approval``: a signed ``remediation-request`` click until the approval request is
  recorded by the fake Slack (``chat.postMessage`` with ``approval-approve``), one fresh incident
  per round; target p95 < 1 s.
* ``approval_storm``: 100 concurrent ``approval-approve`` clicks by 100 approvers on one request:
  each click's HTTP answer (Slack's ack; target < 3 s) and the executions the receiver counted
  (target exactly 1).

    python bench/bench_remediation.py [--rounds 20] [--clicks 100]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(rounds: int, clicks: int) -> dict[str, object]:
    import pytest

    from bot.slack.parsing import remediation as values
    from tests.slack.harness import alert
    from tests.slack.test_slack_remediation import _world

    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as workdir:
        patch = pytest.MonkeyPatch()
        try:
            async for world in _world(Path(workdir), patch):
                slack = world.slack
                # Every incident is posted before the first request: once one waits for approval, its
                # expiry timer is pending and the harness' settle (which waits for all timers) would not return.
                await slack.alerts(*(alert(f"bench-{n}", f"svc{n - 1}") for n in range(1, rounds)))
                for n in range(rounds):
                    incident = n + 1
                    value = next(
                        v
                        for v in (_request_values(slack.fake.messages.values()))
                        if json.loads(v)["incident"] == incident and json.loads(v)["id"] == "rollback"
                    )
                    since = len(slack.fake.calls)
                    started = time.perf_counter()
                    await slack.click("UALICE" if n == 0 else "USTORM", values.REQUEST, value, settle=False)
                    await slack.fake.called(
                        "chat.postMessage",
                        lambda c: values.APPROVE in json.dumps(c.args.get("blocks") or ""),
                        since=since,
                    )
                    latencies.append(time.perf_counter() - started)
                    await slack.bot.incidents.runner.wait_idle()
                slack.fake.usergroups["S0SRELEADS"] = [f"UAPPROVER{n}" for n in range(clicks)]
                slack.bot.incidents.roles._groups.clear()
                approval = world.approval_value()
                acks = await asyncio.gather(*(_timed_click(slack, f"UAPPROVER{n}", approval) for n in range(clicks)))
                await slack.bot.incidents.runner.wait_idle()
                executions = len(world.receiver.bodies)
        finally:
            patch.undo()
    return {
        "request_to_approval_p50_ms": round(_percentile(latencies, 0.5) * 1000, 1),
        "request_to_approval_p95_ms": round(_percentile(latencies, 0.95) * 1000, 1),
        "rounds": rounds,
        "approval_clicks": clicks,
        "approval_ack_p95_ms": round(_percentile(acks, 0.95) * 1000, 1),
        "approval_ack_max_ms": round(max(acks) * 1000, 1),
        "executions": executions,
        "targets": {"request_to_approval_p95_ms": 1000, "approval_ack_max_ms": 3000, "executions": 1},
    }


async def _timed_click(slack: Any, user: str, value: str) -> float:
    """Seconds until the HTTP answer to one signed approval click (Slack's ack)."""
    from bot.slack.parsing import remediation as values

    began = time.perf_counter()
    status, _ = await slack.click(user, values.APPROVE, value, settle=False)
    assert status == 200
    return time.perf_counter() - began


def _request_values(messages: object) -> list[str]:
    from bot.slack.parsing import remediation as values

    found = []
    for message in messages:  # type: ignore[attr-defined]
        for block in message.get("blocks") or []:
            button = block.get("accessory") or {}
            if button.get("action_id") == values.REQUEST:
                found.append(str(button["value"]))
    return found


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="at most 21 (the harness catalog)")
    parser.add_argument("--clicks", type=int, default=100)
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(main(arguments.rounds, arguments.clicks))))
