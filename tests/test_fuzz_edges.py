"""10,000 hostile requests to the three doors of a running opsdesk, on PostgreSQL: none is a 5xx.

The cases come from :mod:`tests.support.hostile` (the same ones every run); ``bench/bench_fuzz_edges.py``
sends them too and prints the tally as JSON.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.intake_fixtures import SECRET, postgres_database
from tests.slack.harness import running
from tests.support.hostile import alertmanager_cases, deploy_cases, draw_cases, send_all, slack_cases

pytestmark = pytest.mark.slow

CASES = {"alertmanager": 4000, "deploy": 3000, "slack": 3000}


async def test_ten_thousand_hostile_requests_get_no_server_error(tmp_path: Path) -> None:
    cases = (
        draw_cases(alertmanager_cases(), CASES["alertmanager"])
        + draw_cases(deploy_cases(), CASES["deploy"])
        + draw_cases(slack_cases(), CASES["slack"])
    )
    async with (
        postgres_database() as url,
        running(
            tmp_path,
            settings={"database_url": url, "deploy_secret": SECRET, "slack_refused_alerts_channel": "#admin"},
        ) as slack,
    ):
        tally = await send_all(slack.session, slack.url, cases, settle=slack.settle)
    print(tally.summary())
    assert tally.cases == len(cases) == 10_000
    assert tally.server_errors == []
    assert tally.logged_errors == 0  # nothing failed after its answer either (listeners, notices, investigations)
    # every door answered more than refusals: the cases reach past the checks
    assert {door for door, status in tally.statuses if status == 200} == {"alertmanager", "deploy", "slack"}
