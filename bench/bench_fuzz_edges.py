"""Hostile requests against the three doors of opsdesk: how many, and how many were a 5xx.

Sends the cases of ``tests/support/hostile.py`` (the same ones every run: hypothesis,
derandomized) to ``/hooks/alertmanager``, ``/hooks/deploy`` and ``/slack/events`` of opsdesk
with Slack mounted on a fake Slack, over loopback, on a fresh PostgreSQL database (SQLite with
``--sqlite``). Counts the answers by door and status, the 5xx, and the ERROR log records
(anything that failed after an answer was sent, e.g. in a listener).

    python bench/bench_fuzz_edges.py [--alertmanager 4000 --deploy 3000 --slack 3000] [--sqlite]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


@contextlib.asynccontextmanager
async def _database(sqlite: bool) -> AsyncIterator[str | None]:
    if sqlite:
        yield None
        return
    from tests.intake_fixtures import postgres_database

    async with postgres_database() as url:
        yield url


async def main(args: argparse.Namespace) -> dict[str, object]:
    from tests.intake_fixtures import SECRET
    from tests.slack.harness import running
    from tests.support.hostile import alertmanager_cases, deploy_cases, draw_cases, send_all, slack_cases

    started = time.perf_counter()
    cases = (
        draw_cases(alertmanager_cases(), args.alertmanager)
        + draw_cases(deploy_cases(), args.deploy)
        + draw_cases(slack_cases(), args.slack)
    )
    drawn = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        async with _database(args.sqlite) as url:
            values: dict[str, object] = {"deploy_secret": SECRET, "slack_refused_alerts_channel": "#admin"}
            if url is not None:
                values["database_url"] = url
            async with running(Path(workdir), settings=values) as slack:
                tally = await send_all(slack.session, slack.url, cases, settle=slack.settle)
    return {
        **tally.summary(),
        "database": "sqlite" if args.sqlite else "postgresql",
        "draw_seconds": round(drawn - started, 1),
        "send_seconds": round(time.perf_counter() - drawn, 1),
        "first_5xx": [
            {"door": door, "status": status, "body": body.decode("utf-8", "replace")}
            for door, status, body in tally.server_errors[:5]
        ],
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alertmanager", type=int, default=4000)
    parser.add_argument("--deploy", type=int, default=3000)
    parser.add_argument("--slack", type=int, default=3000)
    parser.add_argument("--sqlite", action="store_true")
    logging.getLogger().addHandler(logging.NullHandler())  # the tally counts errors; the console stays quiet
    logging.getLogger().setLevel(logging.ERROR)
    print(json.dumps(asyncio.run(main(parser.parse_args()))))
