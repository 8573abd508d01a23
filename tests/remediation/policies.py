"""The policy of the README's example, shared by the remediation tests."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.catalog import Catalog

POLICY_YAML = """\
shadow_mode: false
approvers: ["S0SRELEADS"]
actions:
  rollback: {tier: approve, executor: deploy-hook}
  restart:  {tier: notify,  executor: deploy-hook}
  silence:  {tier: auto,    executor: alertmanager}
  scale:    {tier: approve, executor: deploy-hook, bounds: {replicas: {min: 1, max: 50}}}
  drop-database: {tier: forbidden}
executors:
  deploy-hook:  {type: webhook, url: "https://rundeck.example/hooks/opsdesk", secret_env: OPSDESK_EXECUTOR_SECRET}
  alertmanager: {type: alertmanager, url: "http://alertmanager:9093"}
  pager:        {type: pagerduty, routing_key_env: PAGERDUTY_ROUTING_KEY}
maintenance_windows:
  - {services: ["checkout"], cron: "0 22 * * 1-4", duration: 4h, timezone: Europe/Berlin}
"""

CATALOG = Catalog.from_mapping(
    {"services": {"checkout": {"depends_on": ["payments-db"]}, "payments-db": {"kind": "datastore"}, "search": {}}}
)
#: Tuesday 1 Dec 2026, 22:30 in Berlin: inside checkout's window.
IN_WINDOW = datetime(2026, 12, 1, 21, 30, tzinfo=UTC)
#: Tuesday noon in Berlin: outside it.
OUT_OF_WINDOW = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
