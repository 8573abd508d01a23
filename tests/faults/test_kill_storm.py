"""``kill -9`` during an alert storm, then restart: nothing acknowledged is lost, nothing posted twice.

The storm bench (``bench/bench_storm.py``) at a CI-sized scale: two ``opsdesk serve`` processes on
one PostgreSQL database and the Slack stand-in, a few hundred alerts, and three SIGKILLs, each
when a random number of webhooks has been acknowledged (so some land between an acknowledgement
and its post). A webhook that gets no 200 is sent to the other process, as Alertmanager retries.
Afterwards every acknowledged alert is in an incident, grouping is right, and every incident has
exactly one message in Slack, the one recorded.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from bot.store import Storage
from tests.intake_fixtures import postgres_database
from tests.support.fake_slack import FakeSlack

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [11, 23])
async def test_kills_during_a_storm_lose_nothing_acknowledged_and_post_each_incident_once(
    tmp_path: Path, seed: int
) -> None:
    intake, storm = _bench("bench_intake"), _bench("bench_storm")
    rng = random.Random(seed)
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(storm.storm_catalog()), encoding="utf-8")
    (tmp_path / "opsdesk.yaml").write_text("slack_post_interval_seconds: 0.2\n", encoding="utf-8")
    bodies, _, fired = intake.webhooks(80, 5, intake.alert_pools(datetime.now(UTC), rng), rng)
    per_body = [json.loads(body)["alerts"] for body in bodies]
    async with postgres_database() as url, FakeSlack() as fake:
        storage = await Storage.open(url)
        servers = storm.storm_servers(2, tmp_path, url, fake.api_url)
        try:
            for index in range(2):
                servers.start(index)
            for index in range(2):
                await servers.ready(index)
            _, _, acked, _ = await storm.storm(servers, bodies, 10, 3, rng)
            assert servers.kills == 3
            assert await storm.settle(storage, fake) >= 0, "the processes did not finish their work"
            acked_fingerprints = {alert["fingerprint"] for i in acked for alert in per_body[i]}
            verified = await storm.verify(storage, fake, acked_fingerprints, fired, 0.2)
        finally:
            servers.stop_all()
            await storage.close()
    checks = verified["checks"]
    assert len(acked) == len(bodies)
    assert checks["none_lost"]
    assert checks["grouping"]
    assert checks["posted_once"], verified
