#!/usr/bin/env python3
"""Generate the `tests/unseen/` replay scenarios (the top-level README, "Scenario folders").

An independent, hand-imagined set of incidents used only to measure whether the analysis
generalises. Three estates that appear nowhere else in the repository:

* Cartwheel - online grocery delivery (kebab-case names; Rails, Node/pino, Go, Spring,
  Celery, Postgres, Redis, OpenSearch and Envoy logs).
* Frostline - refrigerated-truck (cold-chain) IoT telemetry (EMQX, Kafka, TimescaleDB,
  .NET, Django/Celery, Go and NestJS logs).
* Turnstile - event ticketing box office (snake_case names; Envoy, Spring, .NET, Go,
  Node, Python, MySQL, Postgres, Redis and kernel logs).

Stdlib + PyYAML only. Every random draw comes from a ``random.Random`` seeded from the
scenario name, so re-runs are byte-identical.

    python tests/unseen/generate.py           # rewrite every scenario folder and README.md, then validate
    python tests/unseen/generate.py --check   # validate what is on disk only
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

HERE = Path(__file__).resolve().parent
SIGNALS = (
    "request_rate",
    "error_ratio",
    "latency_p99_seconds",
    "cpu_utilisation",
    "memory_utilisation",
    "saturation",
)
RATIOS = {"error_ratio", "cpu_utilisation", "memory_utilisation", "saturation"}
CAUSES = (
    "deploy",
    "config_change",
    "resource_saturation",
    "traffic_surge",
    "dependency_outage",
    "infrastructure",
    "external",
)
MAX_LOG_LINES = 2500
MAX_FOLDER_BYTES = 1_500_000
NULL_END = "0001-01-01T00:00:00Z"

Template = Callable[[random.Random, float], Any]


# ---------------------------------------------------------------------------------------------
# time and formatting helpers
# ---------------------------------------------------------------------------------------------


def iso(t: float, millis: bool = True) -> str:
    moment = datetime.fromtimestamp(t, tz=UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def num(value: float) -> float:
    """Round a sample the way an exporter-fed dashboard would show it."""
    magnitude = abs(value)
    if magnitude >= 1000:
        return round(value, 1)
    if magnitude >= 10:
        return round(value, 2)
    if magnitude >= 1:
        return round(value, 3)
    if magnitude >= 0.01:
        return round(value, 4)
    return round(value, 6)


def token(r: random.Random, n: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(r.choice(alphabet) for _ in range(n))


def hexid(r: random.Random, n: int) -> str:
    return token(r, n, "0123456789abcdef")


def uuid(r: random.Random) -> str:
    h = hexid(r, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{r.choice('89ab')}{h[17:20]}-{h[20:]}"


def seed_of(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


# ---------------------------------------------------------------------------------------------
# companies
# ---------------------------------------------------------------------------------------------


@dataclass
class Company:
    key: str
    title: str
    header: str
    defaults: dict[str, str]
    services: dict[str, dict[str, Any]]
    base: dict[str, dict[str, float]]
    flavour: dict[str, str]
    pods: dict[str, list[str]]
    background: dict[str, list[tuple[float, str, Template]]]
    alert_labels: dict[str, str]
    receiver: str
    external_url: str
    prom_url: str
    runbook_url: str
    utc_offset: float
    shape: Callable[[float], float]


def gauss(x: float, mu: float, sigma: float) -> float:
    return math.exp(-((x - mu) ** 2) / (2 * sigma * sigma))


def make_pods(r: random.Random, names: dict[str, int | str]) -> dict[str, list[str]]:
    """Deployment pods get ReplicaSet-style names; a string value is a fixed host list prefix."""
    pods: dict[str, list[str]] = {}
    for name, spec in names.items():
        if isinstance(spec, str):
            pods[name] = [f"{spec}-{i}" for i in range(3)]
        else:
            rs = token(r, 10, "bcdfghjklmnpqrstvwxz2456789")
            dns = name.replace("_", "-")
            pods[name] = [f"{dns}-{rs}-{token(r, 5, 'bcdfghjklmnpqrstvwxz2456789')}" for _ in range(spec)]
    return pods


# ---- Cartwheel: online grocery delivery -----------------------------------------------------


def _cw_background() -> dict[str, list[tuple[float, str, Template]]]:
    skus = ["SKU-48812 oat milk 1L", "SKU-10233 bananas", "SKU-77120 sourdough", "SKU-30391 eggs x12"]
    paths = ["/v3/products", "/v3/aisles/fresh", "/v3/search", "/v2/orders", "/v1/slots", "/v3/basket"]

    def gw(r: random.Random, t: float) -> Any:
        path = r.choice(paths)
        code = 200 if r.random() > 0.01 else r.choice([404, 401, 499])
        dur = int(r.lognormvariate(3.6, 0.6))
        msg = f'"{r.choice(["GET", "GET", "POST"])} {path} HTTP/2" {code} - {dur}ms upstream={path.split("/")[2]}'
        return msg, {
            "http": {"response": {"status_code": code}},
            "url": {"path": path},
            "event": {"duration": dur * 1_000_000},
        }

    def sf(r: random.Random, t: float) -> Any:
        return (
            f"GET /v3/products/{r.randint(10000, 99999)} served in {int(r.lognormvariate(3.2, 0.5))}ms "
            f"cache={'hit' if r.random() < 0.93 else 'miss'}",
            {"trace": {"id": hexid(r, 32)}},
        )

    def sf_warn(r: random.Random, t: float) -> Any:
        return f"price override missing for {r.choice(skus)}; using shelf price", {"trace": {"id": hexid(r, 32)}}

    def oa(r: random.Random, t: float) -> Any:
        rid = uuid(r)
        ms = int(r.lognormvariate(5.0, 0.5))
        ar = round(ms * r.uniform(0.1, 0.4), 1)
        return (
            f"[{rid}] Completed 200 OK in {ms}ms (Views: 0.6ms | ActiveRecord: {ar}ms | Allocations: "
            f"{r.randint(3000, 14000)})"
        )

    def oa_start(r: random.Random, t: float) -> Any:
        rid = uuid(r)
        return f'[{rid}] Started POST "/v2/orders" for 10.44.{r.randint(0, 40)}.{r.randint(2, 250)}'

    def oa_warn(r: random.Random, t: float) -> Any:
        return (
            f"[{uuid(r)}] Coupon::Invalid: code SPRING{r.randint(10, 30)} expired for basket {r.randint(10**6, 10**7)}"
        )

    def pay(r: random.Random, t: float) -> Any:
        return "payment authorised", {
            "labels": {"psp": "adyen", "result": "Authorised", "duration_ms": int(r.lognormvariate(6.2, 0.35))},
            "log": {"origin": {"file": {"name": "internal/psp/adyen.go", "line": 188}}},
        }

    def pay_refused(r: random.Random, t: float) -> Any:
        return "payment refused by issuer", {
            "labels": {
                "psp": "adyen",
                "result": "Refused",
                "refusal_reason": r.choice(["Not enough balance", "CVC Declined"]),
            },
            "log": {"origin": {"file": {"name": "internal/psp/adyen.go", "line": 203}}},
        }

    def slot(r: random.Random, t: float) -> Any:
        return (
            f'msg="slot quote" store=LDN-{r.randint(1, 9):02d} slots={r.randint(8, 24)} '
            f"dur={int(r.lognormvariate(4.9, 0.4))}ms"
        )

    def route(r: random.Random, t: float) -> Any:
        return f"POST /v2/eta/batch stops={r.randint(3, 30)} took {int(r.lognormvariate(6.5, 0.4))} ms caller=slot-api"

    def route_here(r: random.Random, t: float) -> Any:
        return f"HERE matrix request ok origins={r.randint(2, 12)} destinations={r.randint(2, 30)}"

    def pick(r: random.Random, t: float) -> Any:
        return f"Task picker.tasks.build_pick_list[{uuid(r)}] succeeded in {r.uniform(0.2, 1.4):.3f}s: None"

    def notify(r: random.Random, t: float) -> Any:
        return f"sms queued template=driver_nearby to=+44******{r.randint(100, 999)} sid=SM{hexid(r, 32)}"

    def pg(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                f"checkpoint complete: wrote {r.randint(800, 6000)} buffers ({r.uniform(1, 9):.1f}%); "
                f"0 WAL file(s) added, 0 removed, {r.randint(1, 4)} recycled; write={r.uniform(20, 140):.3f} s",
                f'automatic vacuum of table "grocer.public.basket_items": index scans: 1, pages: 0 removed, '
                f"{r.randint(2000, 9000)} remain",
                "checkpoint starting: time",
            ]
        )

    def redis_bg(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                f"{r.randint(1000, 20000)} changes in 60 seconds. Saving...",
                "Background saving started by pid 7182",
                "DB saved on disk",
                f"Fork CoW for RDB: current {r.randint(2, 40)} MB, peak {r.randint(40, 90)} MB, average "
                f"{r.randint(2, 30)} MB",
            ]
        )

    def os_bg(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                f"[gc][young][{r.randint(1000, 9000)}] overhead, spent [{r.randint(100, 400)}ms] collecting in the "
                "last [1s]",
                f"[products-v12][{r.randint(0, 5)}] took[{r.randint(520, 900)}ms], took_millis[{r.randint(520, 900)}], "
                "total_hits[120 hits], types[], stats[], search_type[QUERY_THEN_FETCH], total_shards[6]",
            ]
        )

    return {
        "shop-gateway": [(1.0, "info", gw)],
        "storefront-api": [(0.95, "info", sf), (0.05, "warn", sf_warn)],
        "order-api": [(0.5, "info", oa), (0.45, "info", oa_start), (0.05, "warn", oa_warn)],
        "payment-svc": [(0.93, "info", pay), (0.07, "warn", pay_refused)],
        "slot-api": [(1.0, "info", slot)],
        "routing-engine": [(0.8, "info", route), (0.2, "info", route_here)],
        "picker-worker": [(1.0, "info", pick)],
        "notify-svc": [(1.0, "info", notify)],
        "orders-db": [(1.0, "info", pg)],
        "catalog-db": [(1.0, "info", pg)],
        "product-cache": [(1.0, "info", redis_bg)],
        "catalog-search": [(0.85, "info", os_bg), (0.15, "warn", os_bg)],
    }


def cartwheel() -> Company:
    r = random.Random(seed_of("cartwheel-estate"))
    pods = make_pods(
        r,
        {
            "shop-gateway": 4,
            "storefront-api": 6,
            "order-api": 5,
            "payment-svc": 3,
            "slot-api": 4,
            "routing-engine": 5,
            "picker-worker": 4,
            "notify-svc": 2,
            "orders-db": "pg-orders",
            "catalog-db": "pg-catalog",
            "product-cache": "redis-product",
            "catalog-search": "os-products",
        },
    )
    owners = {
        "edge": ["S06EDGE01"],
        "browse": ["S06BROWSE2", "U06MAREKW"],
        "checkout": ["S06CHKOUT3"],
        "payments": ["S06PAYMT04"],
        "fulfilment": ["S06FULFL05", "U06ADAOBI"],
        "growth": ["S06GROWTH6"],
        "data": ["S06DBA0007"],
    }

    def svc(team: str, tier: int, deps: list[str], desc: str | None = None, **extra: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if desc:
            out["description"] = desc
        out.update(
            {"team": team, "tier": tier, "channel": f"#cw-{team}-oncall", "owners": owners[team], "depends_on": deps}
        )
        out.update(extra)
        return out

    pg = {
        "request_rate": 'sum(rate(pg_stat_database_xact_commit{cluster="{service}"}[2m]))',
        "latency_p99_seconds": 'max(pg_stat_statements_p99_seconds{cluster="{service}"})',
        "saturation": 'max(pg_stat_activity_count{cluster="{service}"}) / '
        'max(pg_settings_max_connections{cluster="{service}"})',
        "cpu_utilisation": 'max(1 - rate(node_cpu_seconds_total{mode="idle",role="{service}"}[2m]))',
    }
    services = {
        "shop-gateway": svc("edge", 1, ["storefront-api", "order-api", "slot-api"], "Envoy edge for the apps and web"),
        "storefront-api": svc(
            "browse", 1, ["product-cache", "catalog-db", "catalog-search"], "Product, aisle and search API"
        ),
        "catalog-search": svc(
            "browse",
            2,
            [],
            "OpenSearch cluster with the product index",
            signals={
                "request_rate": 'sum(rate(opensearch_indices_search_query_total{cluster="products"}[2m]))',
                "latency_p99_seconds": 'max(opensearch_search_latency_p99_seconds{cluster="products"})',
                "error_ratio": 'sum(rate(opensearch_threadpool_rejected_count{name="search"}[2m])) / '
                'sum(rate(opensearch_indices_search_query_total{cluster="products"}[2m]))',
                "saturation": 'max(opensearch_threadpool_queue_count{name="search"}) / 1000',
            },
        ),
        "product-cache": svc(
            "browse",
            2,
            [],
            "Redis for product, price and availability reads",
            signals={
                "request_rate": 'sum(rate(redis_commands_processed_total{instance=~"redis-product.*"}[2m]))',
                "memory_utilisation": 'max(redis_memory_used_bytes{instance=~"redis-product.*"} / '
                "redis_memory_max_bytes)",
                "latency_p99_seconds": 'max(redis_commands_latency_p99_seconds{instance=~"redis-product.*"})',
            },
        ),
        "catalog-db": svc("data", 1, [], "Postgres 15, products and prices", signals=pg),
        "order-api": svc(
            "checkout",
            1,
            ["orders-db", "payment-svc", "slot-api"],
            "Rails monolith slice: baskets, orders, checkout",
            signals={
                "saturation": 'max(rails_active_record_pool_busy{app="order-api"} / rails_active_record_pool_size)'
            },
        ),
        "orders-db": svc("data", 1, [], "Postgres 15 primary for orders, baskets, picks", signals=pg),
        "payment-svc": svc("payments", 1, ["adyen", "orders-db"], "Card and wallet authorisation"),
        "adyen": {"kind": "external", "description": "Adyen Checkout API (cards, Apple Pay, Google Pay)"},
        "slot-api": svc("fulfilment", 1, ["routing-engine", "orders-db"], "Delivery slot availability and booking"),
        "routing-engine": svc(
            "fulfilment",
            2,
            ["here-maps"],
            "Van route and ETA computation (Spring Boot, OSRM graph)",
            signals={"saturation": 'max(executor_active_threads{app="routing-engine"} / executor_pool_max_threads)'},
        ),
        "here-maps": {"kind": "external", "description": "HERE Matrix Routing and Geocoding APIs"},
        "picker-worker": svc(
            "fulfilment",
            2,
            ["orders-db", "notify-svc"],
            "Celery workers that build pick lists for store pickers",
            signals={
                "request_rate": 'sum(rate(celery_tasks_total{queue="picking",state="SUCCESS"}[2m]))',
                "saturation": 'sum(celery_queue_length{queue="picking"}) / 20000',
            },
        ),
        "notify-svc": svc("growth", 3, ["twilio"], "Push and SMS notifications"),
        "twilio": {"kind": "external", "description": "Twilio Programmable SMS"},
    }
    base = {
        "shop-gateway": {
            "request_rate": 420,
            "error_ratio": 0.0025,
            "latency_p99_seconds": 0.42,
            "cpu_utilisation": 0.31,
        },
        "storefront-api": {
            "request_rate": 310,
            "error_ratio": 0.002,
            "latency_p99_seconds": 0.35,
            "cpu_utilisation": 0.38,
            "memory_utilisation": 0.57,
        },
        "catalog-search": {"request_rate": 140, "error_ratio": 0.0004, "latency_p99_seconds": 0.09, "saturation": 0.02},
        "product-cache": {"request_rate": 2600, "latency_p99_seconds": 0.0021, "memory_utilisation": 0.62},
        "catalog-db": {"request_rate": 380, "latency_p99_seconds": 0.012, "saturation": 0.31, "cpu_utilisation": 0.34},
        "order-api": {
            "request_rate": 45,
            "error_ratio": 0.004,
            "latency_p99_seconds": 0.9,
            "cpu_utilisation": 0.42,
            "memory_utilisation": 0.52,
            "saturation": 0.3,
        },
        "orders-db": {"request_rate": 620, "latency_p99_seconds": 0.018, "saturation": 0.36, "cpu_utilisation": 0.41},
        "payment-svc": {"request_rate": 9, "error_ratio": 0.006, "latency_p99_seconds": 1.3, "cpu_utilisation": 0.18},
        "slot-api": {"request_rate": 60, "error_ratio": 0.003, "latency_p99_seconds": 0.45, "cpu_utilisation": 0.29},
        "routing-engine": {
            "request_rate": 22,
            "error_ratio": 0.002,
            "latency_p99_seconds": 1.8,
            "cpu_utilisation": 0.35,
            "memory_utilisation": 0.66,
            "saturation": 0.28,
        },
        "picker-worker": {"request_rate": 14, "error_ratio": 0.003, "cpu_utilisation": 0.3, "saturation": 0.01},
        "notify-svc": {"request_rate": 6, "error_ratio": 0.004, "latency_p99_seconds": 0.7},
    }
    flavour = {
        "shop-gateway": "envoy",
        "storefront-api": "pino",
        "catalog-search": "opensearch",
        "product-cache": "redis",
        "catalog-db": "postgres",
        "order-api": "rails",
        "orders-db": "postgres",
        "payment-svc": "zap",
        "slot-api": "logfmt",
        "routing-engine": "spring",
        "picker-worker": "celery",
        "notify-svc": "pino",
    }

    def shape(hour: float) -> float:
        return 0.5 + 0.35 * gauss(hour, 11.8, 1.8) + 0.5 * gauss(hour, 18.6, 2.0) + 0.1 * gauss(hour, 8.0, 1.2)

    return Company(
        key="cartwheel",
        title="Cartwheel grocery delivery",
        header="# Service catalog - Cartwheel online grocery delivery (eks grocer-prod-euw1)",
        defaults={
            "request_rate": 'sum(rate(http_server_requests_total{app="{service}",namespace="grocer"}[2m]))',
            "error_ratio": 'sum(rate(http_server_requests_total{app="{service}",namespace="grocer",'
            'status=~"5.."}[2m])) '
            '/ sum(rate(http_server_requests_total{app="{service}",namespace="grocer"}[2m]))',
            "latency_p99_seconds": "histogram_quantile(0.99, sum by (le) "
            '(rate(http_server_request_duration_seconds_bucket{app="{service}",namespace="grocer"}[2m])))',
            "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{namespace="grocer",'
            'container="{service}"}[2m])) '
            '/ sum(kube_pod_container_resource_limits{namespace="grocer",container="{service}",resource="cpu"})',
            "memory_utilisation": 'sum(container_memory_working_set_bytes{namespace="grocer",container="{service}"}) '
            '/ sum(kube_pod_container_resource_limits{namespace="grocer",container="{service}",resource="memory"})',
            "saturation": 'max(app_saturation_ratio{app="{service}"})',
        },
        services=services,
        base=base,
        flavour=flavour,
        pods=pods,
        background=_cw_background(),
        alert_labels={"env": "prod", "cluster": "grocer-prod-euw1", "prometheus": "monitoring/k8s"},
        receiver="opsdesk-grocer",
        external_url="https://alertmanager.cartwheel.internal",
        prom_url="https://prometheus.cartwheel.internal",
        runbook_url="https://wiki.cartwheel.internal/sre/alerts/",
        utc_offset=1.0,
        shape=shape,
    )


# ---- Frostline: cold-chain IoT telemetry ------------------------------------------------------


def _fl_background() -> dict[str, list[tuple[float, str, Template]]]:
    def emqx(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                f"msg: client_connected, clientid: trk-{r.randint(10000, 59999)}, proto_ver: 4, keepalive: 120",
                f"msg: client_disconnected, clientid: trk-{r.randint(10000, 59999)}, reason: normal",
                f"msg: session_takenover, clientid: trk-{r.randint(10000, 59999)}",
            ]
        )

    def auth(r: random.Random, t: float) -> Any:
        return (
            f"Request finished HTTP/1.1 POST http://device-auth/mqtt/auth - 200 - application/json "
            f"{r.uniform(3, 40):.4f}ms",
            {"log": {"logger": "Microsoft.AspNetCore.Hosting.Diagnostics"}, "event": {"code": "2"}},
        )

    def ingest(r: random.Random, t: float) -> Any:
        return "bridge flush", {
            "labels": {"partition": r.randint(0, 47), "batch": r.randint(200, 900), "lag_ms": r.randint(300, 1800)},
        }

    def rules(r: random.Random, t: float) -> Any:
        return (
            f"Evaluated {r.randint(9000, 14000)} readings in window; excursions={r.randint(0, 3)} "
            f"fleets={r.randint(40, 60)}"
        )

    def tsdb(r: random.Random, t: float) -> Any:
        return "copy batch committed", {
            "labels": {"rows": r.randint(4000, 5000), "ms": r.randint(40, 160), "table": "readings"}
        }

    def dispatch(r: random.Random, t: float) -> Any:
        return f"Task dispatch.tasks.send_sms[{uuid(r)}] succeeded in {r.uniform(0.3, 1.1):.3f}s: 'delivered'"

    def fleet(r: random.Random, t: float) -> Any:
        route = r.choice(["/v2/fleets/:id/positions", "/v2/trailers/:id/history", "/v2/fleets/:id/summary"])
        return f"GET {route} 200 {r.randint(20, 300)}ms", {
            "http": {"response": {"status_code": 200}},
            "url": {"path": route},
        }

    def geo(r: random.Random, t: float) -> Any:
        return f'10.70.{r.randint(1, 30)}.{r.randint(2, 250)}:0 - "POST /geofence/check HTTP/1.1" 200'

    def pg(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                "checkpoint starting: time",
                f"checkpoint complete: wrote {r.randint(2000, 9000)} buffers; write={r.uniform(30, 200):.3f} s",
                f'automatic analyze of table "telemetry._timescaledb_internal._hyper_1_{r.randint(900, 999)}_chunk"',
            ]
        )

    def kafka(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                f"[Log partition=telemetry.v3-{r.randint(0, 47)}, dir=/var/lib/kafka/data] Rolled new log segment "
                f"at offset {r.randint(10**9, 9 * 10**9)}",
                f"[GroupCoordinator 2]: Member rdkafka-{hexid(r, 8)} in group tsdb-writer has left, removing it",
                "[ProducerStateManager partition=telemetry.v3-3] Wrote producer snapshot",
            ]
        )

    def redis_bg(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                "Background saving started by pid 311",
                "DB saved on disk",
                f"{r.randint(100, 900)} changes in 300 seconds. Saving...",
            ]
        )

    return {
        "mqtt-edge": [(1.0, "info", emqx)],
        "device-auth": [(1.0, "info", auth)],
        "telemetry-ingest": [(1.0, "info", ingest)],
        "rules-engine": [(1.0, "info", rules)],
        "tsdb-writer": [(1.0, "info", tsdb)],
        "alert-dispatch": [(1.0, "info", dispatch)],
        "fleet-api": [(1.0, "info", fleet)],
        "geo-svc": [(1.0, "info", geo)],
        "registry-db": [(1.0, "info", pg)],
        "timeseries-db": [(1.0, "info", pg)],
        "telemetry-stream": [(1.0, "info", kafka)],
        "rules-cache": [(1.0, "info", redis_bg)],
    }


def frostline() -> Company:
    r = random.Random(seed_of("frostline-estate"))
    pods = make_pods(
        r,
        {
            "device-auth": 4,
            "telemetry-ingest": 6,
            "rules-engine": 5,
            "tsdb-writer": 4,
            "alert-dispatch": 3,
            "fleet-api": 3,
            "geo-svc": 2,
            "mqtt-edge": "emqx-core",
            "registry-db": "registry-pg",
            "timeseries-db": "tsdb-pg",
            "telemetry-stream": "kafka",
            "rules-cache": "rules-redis",
        },
    )
    teams = {
        "connectivity": ("#fl-connectivity", ["S07CONN001"]),
        "pipeline": ("#fl-pipeline-oncall", ["S07PIPE002", "U07LINDQV"]),
        "insights": ("#fl-insights", ["S07INSI003"]),
        "platform": ("#fl-platform", ["S07PLAT004"]),
    }

    def svc(team: str, tier: int, deps: list[str], desc: str, **extra: Any) -> dict[str, Any]:
        channel, owners = teams[team]
        out: dict[str, Any] = {"description": desc, "team": team, "tier": tier, "channel": channel, "owners": owners}
        out["depends_on"] = deps
        out.update(extra)
        return out

    pg = {
        "request_rate": 'sum(rate(pg_stat_database_xact_commit{server="{service}"}[1m]))',
        "latency_p99_seconds": 'max(pg_stat_statements_p99_seconds{server="{service}"})',
        "saturation": 'max(pg_stat_activity_count{server="{service}"}) / '
        'max(pg_settings_max_connections{server="{service}"})',
    }
    services = {
        "mqtt-edge": svc(
            "connectivity",
            1,
            ["device-auth"],
            "EMQX 5 cluster the trailer gateways publish to",
            signals={
                "request_rate": 'sum(rate(emqx_messages_received{cluster="edge"}[1m]))',
                "latency_p99_seconds": 'max(emqx_message_publish_latency_p99_seconds{cluster="edge"})',
                "saturation": 'sum(emqx_connections_count{cluster="edge"}) / 20000',
                "cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",role="emqx"}[1m]))',
            },
        ),
        "device-auth": svc("connectivity", 1, ["registry-db"], "ASP.NET Core authn/authz hook for EMQX"),
        "registry-db": svc("platform", 1, [], "Postgres 16: devices, certificates, fleets, contacts", signals=pg),
        "telemetry-ingest": svc(
            "pipeline",
            1,
            ["mqtt-edge", "telemetry-stream"],
            "MQTT shared-subscription to Kafka bridge (Go)",
            signals={
                "request_rate": "sum(rate(bridge_messages_forwarded_total[1m]))",
                "error_ratio": "sum(rate(bridge_publish_errors_total[1m])) / "
                "sum(rate(bridge_messages_forwarded_total[1m]))",
                "latency_p99_seconds": 'max(bridge_end_to_end_lag_seconds{quantile="0.99"})',
                "saturation": "max(bridge_inflight_buffer_used_ratio)",
            },
        ),
        "telemetry-stream": svc(
            "platform",
            1,
            [],
            "Kafka 3.7 (3 brokers, one per zone)",
            signals={
                "request_rate": 'sum(rate(kafka_server_brokertopicmetrics_messagesin_total{topic="telemetry.v3"}[1m]))',
                "error_ratio": "sum(rate(kafka_server_brokertopicmetrics_failedproducerequests_total[1m])) / "
                "sum(rate(kafka_server_brokertopicmetrics_totalproducerequests_total[1m]))",
                "latency_p99_seconds": 'max(kafka_network_requestmetrics_totaltimems{request="Produce",'
                'quantile="0.99"}) / 1000',
                "saturation": "sum(kafka_server_replicamanager_underreplicatedpartitions) / 48",
            },
        ),
        "rules-engine": svc(
            "pipeline",
            1,
            ["telemetry-stream", "rules-cache", "alert-dispatch"],
            "Temperature-excursion and door-open rules (Kotlin, Kafka Streams)",
            signals={
                "request_rate": "sum(rate(rules_readings_evaluated_total[1m]))",
                "error_ratio": "sum(rate(rules_evaluation_failures_total[1m])) / "
                "sum(rate(rules_readings_evaluated_total[1m]))",
                "latency_p99_seconds": 'max(rules_evaluation_delay_seconds{quantile="0.99"})',
                "saturation": 'max(kafka_consumergroup_lag{group="rules-engine"}) / 500000',
            },
        ),
        "rules-cache": svc(
            "pipeline",
            2,
            [],
            "Redis with compiled rule sets and last-known trailer state",
            signals={"request_rate": 'sum(rate(redis_commands_processed_total{service="rules-cache"}[1m]))'},
        ),
        "alert-dispatch": svc(
            "insights",
            1,
            ["sinch", "registry-db"],
            "Django + Celery: SMS and voice call-outs to drivers and depot managers",
            signals={
                "request_rate": 'sum(rate(celery_tasks_total{task="dispatch.tasks.send_sms"}[1m]))',
                "error_ratio": 'sum(rate(celery_tasks_total{task="dispatch.tasks.send_sms",'
                'state=~"FAILURE|RETRY"}[1m])) '
                '/ sum(rate(celery_tasks_total{task="dispatch.tasks.send_sms"}[1m]))',
                "latency_p99_seconds": 'max(celery_task_runtime_seconds{task="dispatch.tasks.send_sms",'
                'quantile="0.99"})',
                "saturation": 'sum(celery_queue_length{queue="sms"}) / 5000',
            },
        ),
        "sinch": {"kind": "external", "description": "Sinch SMS REST API (eu region)"},
        "tsdb-writer": svc(
            "pipeline",
            1,
            ["telemetry-stream", "timeseries-db"],
            "Kafka consumer that COPYs readings into TimescaleDB",
            signals={
                "request_rate": "sum(rate(tsdb_writer_rows_written_total[1m]))",
                "error_ratio": "sum(rate(tsdb_writer_batch_failures_total[1m])) / "
                "sum(rate(tsdb_writer_batches_total[1m]))",
                "saturation": 'max(kafka_consumergroup_lag{group="tsdb-writer"}) / 500000',
            },
        ),
        "timeseries-db": svc(
            "platform",
            1,
            [],
            "TimescaleDB 2.14 (readings hypertable)",
            signals={
                "request_rate": 'sum(rate(pg_stat_database_xact_commit{server="timeseries-db"}[1m]))',
                "latency_p99_seconds": 'max(pg_stat_statements_p99_seconds{server="timeseries-db"})',
                "saturation": 'max(1 - node_filesystem_avail_bytes{mountpoint="/var/lib/postgresql"} '
                '/ node_filesystem_size_bytes{mountpoint="/var/lib/postgresql"})',
            },
        ),
        "fleet-api": svc(
            "insights",
            1,
            ["timeseries-db", "registry-db", "geo-svc", "okta"],
            "NestJS API behind the customer dashboard and mobile app",
        ),
        "geo-svc": svc("insights", 2, ["mapbox"], "FastAPI geofencing and reverse geocoding"),
        "mapbox": {"kind": "external", "description": "Mapbox Geocoding and Map Matching"},
        "okta": {"kind": "external", "description": "Okta (customer SSO, token introspection)"},
    }
    base = {
        "mqtt-edge": {"request_rate": 12000, "latency_p99_seconds": 0.045, "saturation": 0.71, "cpu_utilisation": 0.38},
        "device-auth": {
            "request_rate": 35,
            "error_ratio": 0.003,
            "latency_p99_seconds": 0.06,
            "cpu_utilisation": 0.12,
            "memory_utilisation": 0.41,
        },
        "registry-db": {"request_rate": 900, "latency_p99_seconds": 0.0045, "saturation": 0.34},
        "telemetry-ingest": {
            "request_rate": 11800,
            "error_ratio": 0.0002,
            "latency_p99_seconds": 1.2,
            "saturation": 0.18,
        },
        "telemetry-stream": {
            "request_rate": 11800,
            "error_ratio": 0.00005,
            "latency_p99_seconds": 0.012,
            "saturation": 0.0,
        },
        "rules-engine": {
            "request_rate": 11750,
            "error_ratio": 0.0015,
            "latency_p99_seconds": 0.8,
            "cpu_utilisation": 0.46,
            "memory_utilisation": 0.58,
            "saturation": 0.04,
        },
        "rules-cache": {"request_rate": 23000},
        "alert-dispatch": {"request_rate": 0.8, "error_ratio": 0.01, "latency_p99_seconds": 0.9, "saturation": 0.01},
        "tsdb-writer": {"request_rate": 11700, "error_ratio": 0.001, "saturation": 0.03, "cpu_utilisation": 0.33},
        "timeseries-db": {"request_rate": 150, "latency_p99_seconds": 0.08, "saturation": 0.78},
        "fleet-api": {
            "request_rate": 85,
            "error_ratio": 0.002,
            "latency_p99_seconds": 0.3,
            "cpu_utilisation": 0.22,
            "memory_utilisation": 0.48,
        },
        "geo-svc": {"request_rate": 140, "error_ratio": 0.001, "latency_p99_seconds": 0.25},
    }
    flavour = {
        "mqtt-edge": "emqx",
        "device-auth": "dotnet",
        "registry-db": "postgres",
        "telemetry-ingest": "zap",
        "telemetry-stream": "kafka",
        "rules-engine": "spring",
        "rules-cache": "redis",
        "alert-dispatch": "celery",
        "tsdb-writer": "zap",
        "timeseries-db": "postgres",
        "fleet-api": "nest",
        "geo-svc": "uvicorn",
    }

    def shape(hour: float) -> float:
        # reefers report around the clock; trucks on the road add GPS and door events in the day
        return 0.82 + 0.22 * gauss(hour, 13.0, 4.0)

    return Company(
        key="frostline",
        title="Frostline cold-chain telemetry",
        header="# Service catalog - Frostline reefer telemetry platform (region eu-central-1)",
        defaults={
            "request_rate": 'sum(rate(http_requests_received_total{job="{service}"}[1m]))',
            "error_ratio": 'sum(rate(http_requests_received_total{job="{service}",code=~"5.."}[1m])) '
            '/ sum(rate(http_requests_received_total{job="{service}"}[1m]))',
            "latency_p99_seconds": "histogram_quantile(0.99, sum by (le) "
            '(rate(http_request_duration_seconds_bucket{job="{service}"}[1m])))',
            "cpu_utilisation": 'avg(rate(process_cpu_seconds_total{job="{service}"}[1m])) / 2',
            "memory_utilisation": 'max(container_memory_working_set_bytes{container="{service}"} '
            '/ container_spec_memory_limit_bytes{container="{service}"})',
            "saturation": 'max(saturation_ratio{job="{service}"})',
        },
        services=services,
        base=base,
        flavour=flavour,
        pods=pods,
        background=_fl_background(),
        alert_labels={"region": "eu-central-1", "stack": "telemetry-prod"},
        receiver="opsdesk",
        external_url="https://am.ops.frostline.io",
        prom_url="https://thanos.ops.frostline.io",
        runbook_url="https://runbooks.frostline.io/alerts/",
        utc_offset=2.0,
        shape=shape,
    )


# ---- Turnstile: event ticketing -------------------------------------------------------------------


def _ts_background() -> dict[str, list[tuple[float, str, Template]]]:
    def edge(r: random.Random, t: float) -> Any:
        route, upstream = r.choice(
            [
                ("/api/events/", "event_api"),
                ("/api/checkout/orders", "checkout_api"),
                ("/queue/status", "waiting_room"),
                ("/api/events/seatmap", "event_api"),
            ]
        )
        code = 200 if r.random() > 0.008 else r.choice([404, 429, 503])
        dur = int(r.lognormvariate(3.8, 0.7))
        return (
            f'[{iso(t)}] "GET {route} HTTP/2" {code} - via_upstream - "-" 0 {r.randint(300, 40000)} {dur} '
            f'"{uuid(r)}" "{upstream}"',
            {
                "http": {"request": {"method": "GET"}, "response": {"status_code": code}},
                "url": {"path": route},
                "labels": {"upstream_cluster": upstream},
            },
        )

    def wr(r: random.Random, t: float) -> Any:
        return "queue position served", {
            "labels": {"event_id": f"EV{r.randint(20000, 29999)}", "position": r.randint(1, 4000)}
        }

    def evt(r: random.Random, t: float) -> Any:
        return f"GET /events/EV{r.randint(20000, 29999)} completed 200 in {r.randint(12, 180)} ms"

    def partner(r: random.Random, t: float) -> Any:
        key = r.choice(["pk_live_1c0e", "pk_live_77b2", "pk_live_9da4", "pk_live_3f3a"])
        return f"GET /partner/v1/events/EV{r.randint(20000, 29999)}/availability 200 {r.randint(20, 90)}ms key={key}"

    def seat(r: random.Random, t: float) -> Any:
        return f"Seat hold created event=EV{r.randint(20000, 29999)} seats={r.randint(1, 6)} ttl=600s"

    def checkout(r: random.Random, t: float) -> Any:
        return (
            f"Order {r.randint(10**7, 10**8)} created in {r.randint(300, 1500)} ms (tickets={r.randint(1, 6)})",
            {"log": {"logger": "Turnstile.Checkout.Orders.OrderService"}},
        )

    def pay(r: random.Random, t: float) -> Any:
        return "sale settled", {
            "labels": {"processor": "braintree", "ms": r.randint(300, 1400), "status": "submitted_for_settlement"}
        }

    def issuer(r: random.Random, t: float) -> Any:
        return (
            f"Issued {r.randint(1, 6)} tickets for order {r.randint(10**7, 10**8)} (pdf+pkpass) in "
            f"{r.uniform(0.4, 2):.2f}s"
        )

    def mysql(r: random.Random, t: float) -> Any:
        return r.choice(
            [
                f"[MY-010914] [Server] Aborted connection {r.randint(10**5, 10**6)} to db: 'events' user: 'event_api' "
                "host: '10.60.4.21' (Got timeout reading communication packets).",
                "[MY-013360] [Server] Plugin mysql_native_password reported: ''mysql_native_password' is deprecated'",
            ]
        )

    def pg(r: random.Random, t: float) -> Any:
        return r.choice(["checkpoint starting: time", f"checkpoint complete: wrote {r.randint(500, 4000)} buffers"])

    def redis_bg(r: random.Random, t: float) -> Any:
        return r.choice(
            ["Background saving started by pid 28", "DB saved on disk", "100 changes in 300 seconds. Saving..."]
        )

    return {
        "edge_proxy": [(1.0, "info", edge)],
        "waiting_room": [(1.0, "info", wr)],
        "event_api": [(1.0, "info", evt)],
        "partner_api": [(1.0, "info", partner)],
        "seatmap_svc": [(1.0, "info", seat)],
        "checkout_api": [(1.0, "info", checkout)],
        "payments_gw": [(1.0, "info", pay)],
        "ticket_issuer": [(1.0, "info", issuer)],
        "event_db": [(1.0, "info", mysql)],
        "order_db": [(1.0, "info", pg)],
        "seat_lock_redis": [(1.0, "info", redis_bg)],
    }


def turnstile() -> Company:
    r = random.Random(seed_of("turnstile-estate"))
    pods = make_pods(
        r,
        {
            "edge_proxy": 4,
            "waiting_room": 3,
            "event_api": 6,
            "partner_api": 2,
            "seatmap_svc": 8,
            "checkout_api": 5,
            "payments_gw": 3,
            "ticket_issuer": 3,
            "event_db": "mysql-events",
            "order_db": "db-orders",
            "seat_lock_redis": "redis-seatlock",
            "queue_redis": "redis-queue",
        },
    )

    def svc(team: str, tier: int, deps: list[str], desc: str, **extra: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"description": desc, "team": team, "tier": tier, "channel": f"#ts-{team}"}
        out["owners"] = {"edge": ["S08EDGE11"], "inventory": ["S08INV12"], "commerce": ["S08COM13", "U08RIVERA"]}[team]
        out["depends_on"] = deps
        out.update(extra)
        return out

    services = {
        "edge_proxy": svc(
            "edge",
            1,
            ["waiting_room", "event_api", "checkout_api"],
            "Envoy front proxy for web and apps",
            signals={
                "request_rate": "sum(rate(envoy_http_downstream_rq_total"
                '{envoy_http_conn_manager_prefix="ingress"}[1m]))',
                "error_ratio": 'sum(rate(envoy_http_downstream_rq_xx{envoy_response_code_class="5"}[1m])) '
                "/ sum(rate(envoy_http_downstream_rq_total[1m]))",
                "latency_p99_seconds": "histogram_quantile(0.99, sum by (le) "
                "(rate(envoy_http_downstream_rq_time_bucket[1m]))) / 1000",
            },
        ),
        "waiting_room": svc("edge", 1, ["queue_redis"], "Virtual queue for on-sales (Go)"),
        "queue_redis": svc(
            "edge",
            1,
            [],
            "Redis holding queue positions and admission tokens",
            signals={"request_rate": 'sum(rate(redis_commands_processed_total{service="queue_redis"}[1m]))'},
        ),
        "event_api": svc(
            "inventory", 1, ["event_db", "seatmap_svc"], "Event pages, availability, prices (Spring Boot)"
        ),
        "partner_api": svc("inventory", 2, ["event_api"], "Reseller and partner availability API (Node)"),
        "seatmap_svc": svc("inventory", 1, ["seat_lock_redis", "event_db"], "Seat maps and seat holds (Spring Boot)"),
        "seat_lock_redis": svc(
            "inventory",
            1,
            [],
            "Redis with seat-hold locks",
            signals={
                "request_rate": 'sum(rate(redis_commands_processed_total{service="seat_lock_redis"}[1m]))',
                "memory_utilisation": 'max(redis_memory_used_bytes{service="seat_lock_redis"} / '
                "redis_memory_max_bytes)",
                "saturation": 'max(redis_memory_used_bytes{service="seat_lock_redis"} / redis_memory_max_bytes)',
            },
        ),
        "event_db": svc(
            "inventory",
            1,
            [],
            "MySQL 8 (events, venues, seats)",
            signals={
                "request_rate": 'sum(rate(mysql_global_status_questions{service="event_db"}[1m]))',
                "latency_p99_seconds": 'max(mysql_perf_schema_events_statements_p99_seconds{service="event_db"})',
                "saturation": 'max(mysql_global_status_threads_running{service="event_db"}) / 64',
                "cpu_utilisation": 'max(1 - rate(node_cpu_seconds_total{mode="idle",service="event_db"}[1m]))',
            },
        ),
        "checkout_api": svc(
            "commerce",
            1,
            ["seatmap_svc", "payments_gw", "order_db", "sift"],
            "Orders and checkout (ASP.NET Core)",
        ),
        "payments_gw": svc("commerce", 1, ["braintree"], "Card processing gateway (Go)"),
        "braintree": {"kind": "external", "description": "Braintree payments (cards, PayPal)"},
        "sift": {"kind": "external", "description": "Sift fraud scoring"},
        "order_db": svc(
            "commerce",
            1,
            [],
            "Postgres 15 (orders, tickets)",
            signals={
                "request_rate": 'sum(rate(pg_stat_database_xact_commit{service="order_db"}[1m]))',
                "latency_p99_seconds": 'max(pg_stat_statements_p99_seconds{service="order_db"})',
                "saturation": 'max(pg_stat_activity_count{service="order_db"}) / 300',
            },
        ),
        "ticket_issuer": svc(
            "commerce",
            2,
            ["order_db", "sendgrid"],
            "Renders PDF and wallet tickets and e-mails them (Python)",
            signals={
                "request_rate": "sum(rate(issuer_tickets_issued_total[1m]))",
                "error_ratio": "sum(rate(issuer_failures_total[1m])) / sum(rate(issuer_attempts_total[1m]))",
                "saturation": "sum(issuer_pending_orders) / 2000",
            },
        ),
        "sendgrid": {"kind": "external", "description": "SendGrid transactional e-mail"},
    }
    base = {
        "edge_proxy": {"request_rate": 950, "error_ratio": 0.0015, "latency_p99_seconds": 0.6},
        "waiting_room": {
            "request_rate": 210,
            "error_ratio": 0.002,
            "latency_p99_seconds": 0.05,
            "cpu_utilisation": 0.2,
        },
        "queue_redis": {"request_rate": 1800},
        "event_api": {
            "request_rate": 260,
            "error_ratio": 0.002,
            "latency_p99_seconds": 0.2,
            "cpu_utilisation": 0.4,
            "memory_utilisation": 0.61,
        },
        "partner_api": {"request_rate": 40, "error_ratio": 0.003, "latency_p99_seconds": 0.12, "cpu_utilisation": 0.15},
        "seatmap_svc": {
            "request_rate": 120,
            "error_ratio": 0.003,
            "latency_p99_seconds": 0.12,
            "cpu_utilisation": 0.33,
            "memory_utilisation": 0.55,
        },
        "seat_lock_redis": {"request_rate": 900, "memory_utilisation": 0.4, "saturation": 0.4},
        "event_db": {"request_rate": 2400, "latency_p99_seconds": 0.01, "saturation": 0.12, "cpu_utilisation": 0.5},
        "checkout_api": {
            "request_rate": 18,
            "error_ratio": 0.004,
            "latency_p99_seconds": 2.2,
            "cpu_utilisation": 0.3,
            "memory_utilisation": 0.5,
        },
        "payments_gw": {"request_rate": 7, "error_ratio": 0.003, "latency_p99_seconds": 1.6},
        "order_db": {"request_rate": 300, "latency_p99_seconds": 0.006, "saturation": 0.2},
        "ticket_issuer": {"request_rate": 6, "error_ratio": 0.002, "saturation": 0.02},
    }
    flavour = {
        "edge_proxy": "envoy",
        "waiting_room": "zap",
        "event_api": "spring",
        "partner_api": "pino",
        "seatmap_svc": "spring",
        "checkout_api": "dotnet",
        "payments_gw": "zap",
        "ticket_issuer": "python",
        "event_db": "mysql",
        "order_db": "postgres",
        "seat_lock_redis": "redis",
        "queue_redis": "redis",
    }

    def shape(hour: float) -> float:
        return 0.45 + 0.55 * gauss(hour, 19.5, 3.0) + 0.3 * gauss(hour, 12.5, 2.0)

    return Company(
        key="turnstile",
        title="Turnstile ticketing",
        header="# Service catalog - Turnstile ticketing (gke ts-prod-us-east4)",
        defaults={
            "request_rate": 'sum(rate(http_server_requests_seconds_count{service="{service}"}[1m]))',
            "error_ratio": 'sum(rate(http_server_requests_seconds_count{service="{service}",'
            'outcome="SERVER_ERROR"}[1m])) '
            '/ sum(rate(http_server_requests_seconds_count{service="{service}"}[1m]))',
            "latency_p99_seconds": "histogram_quantile(0.99, sum by (le) "
            '(rate(http_server_requests_seconds_bucket{service="{service}"}[1m])))',
            "cpu_utilisation": 'avg(container_cpu_usage_ratio{service="{service}"})',
            "memory_utilisation": 'max(container_memory_usage_ratio{service="{service}"})',
            "saturation": 'max(service_saturation_ratio{service="{service}"})',
        },
        services=services,
        base=base,
        flavour=flavour,
        pods=pods,
        background=_ts_background(),
        alert_labels={"tenant": "turnstile", "env": "production", "k8s_cluster": "ts-prod-us-east4"},
        receiver="opsdesk-webhook",
        external_url="https://alertmanager.turnstile.tech",
        prom_url="https://grafana.turnstile.tech/explore",
        runbook_url="https://turnstile.atlassian.net/wiki/spaces/SRE/pages/alerts/",
        utc_offset=-4.0,
        shape=shape,
    )


COMPANIES: dict[str, Callable[[], Company]] = {"cartwheel": cartwheel, "frostline": frostline, "turnstile": turnstile}


# ---------------------------------------------------------------------------------------------
# log flavours
# ---------------------------------------------------------------------------------------------

LEVEL_NAMES: dict[str, dict[str, str]] = {
    "envoy": {"warn": "warning"},
    "pino": {},
    "nest": {"info": "log"},
    "zap": {},
    "logfmt": {},
    "rails": {"info": "INFO", "warn": "WARN", "error": "ERROR", "fatal": "FATAL", "debug": "DEBUG"},
    "spring": {"info": "INFO", "warn": "WARN", "error": "ERROR", "debug": "DEBUG", "fatal": "ERROR"},
    "kafka": {"info": "INFO", "warn": "WARN", "error": "ERROR"},
    "opensearch": {"info": "INFO", "warn": "WARN", "error": "ERROR"},
    "dotnet": {"info": "Information", "warn": "Warning", "error": "Error", "fatal": "Critical", "debug": "Debug"},
    "celery": {"info": "INFO", "warn": "WARNING", "error": "ERROR", "fatal": "CRITICAL"},
    "python": {"info": "INFO", "warn": "WARNING", "error": "ERROR", "fatal": "CRITICAL"},
    "uvicorn": {"info": "INFO", "warn": "WARNING", "error": "ERROR"},
    "postgres": {"info": "LOG", "warn": "WARNING", "error": "ERROR", "fatal": "FATAL"},
    "mysql": {"info": "Note", "warn": "Warning", "error": "ERROR", "fatal": "ERROR"},
    "redis": {"info": "notice", "warn": "warning", "error": "warning"},
    "emqx": {"info": "notice", "warn": "warning"},
    "kernel": {"warn": "warning", "error": "err", "fatal": "crit"},
}
LOGGERS = {
    "spring": ["c.{co}.{svc}.web.RequestLoggingFilter", "c.{co}.{svc}.service.{Svc}Service"],
    "dotnet": ["{Co}.{Svc}.Api.RequestLogging"],
    "celery": ["celery.app.trace"],
    "python": ["{svc}.worker"],
    "uvicorn": ["uvicorn.access"],
    "opensearch": ["o.o.i.s.SearchSlowLog"],
    "nest": ["HTTP"],
}


def deep_merge(into: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            deep_merge(into[key], value)
        else:
            into[key] = value
    return into


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_"))


def make_doc(
    company: Company, svc: str, t: float, level: str, message: str, extra: dict[str, Any], r: random.Random
) -> dict[str, Any]:
    extra = dict(extra)
    flavour = extra.pop("_flavour", None) or company.flavour.get(svc, "pino")
    host = extra.pop("_host", None) or r.choice(company.pods.get(svc, [f"{svc}-0"]))
    shown = LEVEL_NAMES.get(flavour, {}).get(level, level)
    moment = datetime.fromtimestamp(t, tz=UTC)
    stamp = moment.strftime("%Y-%m-%d %H:%M:%S") + f".{moment.microsecond // 1000:03d}"
    if flavour == "postgres":
        message = f"{stamp} UTC [{r.randint(1000, 99999)}] {shown}:  {message}"
    elif flavour == "mysql":
        message = f"{iso(t)[:-1]}000Z {r.randint(10, 900)} [{shown}] {message}"
    elif flavour == "redis":
        mark = "#" if level in {"warn", "error"} else "*"
        message = f"1:M {moment.strftime('%d %b %Y %H:%M:%S')}.{moment.microsecond // 1000:03d} {mark} {message}"
    elif flavour == "kafka":
        message = f"[{stamp.replace('.', ',')}] {shown} {message}"
    elif flavour == "emqx":
        message = f"{iso(t)[:-1]}+00:00 [{shown}] {message}"
    elif flavour == "logfmt":
        message = f"ts={iso(t)} level={shown} {message}"
    elif flavour == "kernel":
        message = (
            f"kernel: [{(t % 9_000_000) / 7:.6f}] {message}"
            if not message.startswith(("kubelet", "systemd"))
            else message
        )
    doc: dict[str, Any] = {
        "@timestamp": iso(t),
        "log": {"level": shown},
        "service": {"name": svc},
        "host": {"name": host},
        "message": message,
    }
    loggers = LOGGERS.get(flavour)
    if loggers:
        logger = r.choice(loggers).format(
            co=company.key, Co=camel(company.key), svc=svc.replace("-", "").replace("_", ""), Svc=camel(svc)
        )
        doc["log"]["logger"] = logger
    if flavour == "spring":
        doc["process"] = {"thread": {"name": f"http-nio-8080-exec-{r.randint(1, 200)}"}}
    elif flavour in {"pino", "nest"}:
        doc["process"] = {"pid": 1}
        doc["ecs"] = {"version": "8.10.0"}
    elif flavour == "rails":
        doc["process"] = {"pid": r.choice([41, 57, 63])}
        doc["log"]["logger"] = "rails"
    elif flavour == "celery":
        doc["process"] = {"name": f"ForkPoolWorker-{r.randint(1, 8)}"}
    elif flavour == "envoy":
        doc["event"] = {"dataset": "envoy.access"}
    elif flavour == "kernel":
        doc["event"] = {"dataset": "system.syslog"}
        doc["log"]["syslog"] = {"facility": {"name": "kern"}}
    elif flavour in {"postgres", "mysql", "redis", "kafka", "emqx", "opensearch"}:
        doc["event"] = {"dataset": f"{flavour}.log"}
    if flavour not in {"postgres", "mysql", "redis", "kafka", "emqx", "kernel", "opensearch"}:
        doc["kubernetes"] = {"namespace": company.key, "pod": {"name": host}}
    return deep_merge(doc, extra)


# ---------------------------------------------------------------------------------------------
# scenario builder
# ---------------------------------------------------------------------------------------------


@dataclass
class Effect:
    svc: str
    sig: str
    mode: str  # mul | add | to
    value: float
    profile: list[tuple[float, float]]
    jitter: float = 0.07


@dataclass
class Builder:
    company: Company
    name: str
    date: str
    start: str
    now_at: str
    step: int
    noise: float = 0.04
    description: str = ""
    cause: str = ""
    culprit: str = ""
    distractor: str = ""
    with_logs: bool = True
    with_deploys: bool = True
    effects: list[Effect] = field(default_factory=list)
    logs: list[tuple[float, int, dict[str, Any]]] = field(default_factory=list)
    deploys: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    dropped: set[tuple[str, str | None]] = field(default_factory=set)
    gaps: list[tuple[str, str | None, float, float]] = field(default_factory=list)
    bumps: list[tuple[tuple[str, ...], int, int, int, float]] = field(default_factory=list)
    random_gaps: int = 4
    steady: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.r = random.Random(seed_of(self.name))
        self.now = self.t(self.now_at)
        begin = self.t(self.start)
        self.begin = int(begin // self.step * self.step)

    # -- time -------------------------------------------------------------------------------
    def t(self, when: str | float) -> float:
        if isinstance(when, int | float):
            return float(when)
        text = when if when.count(":") == 2 else when + ":00"
        if "T" in text:
            return parse_iso(text if text.endswith("Z") else text + "Z")
        return datetime.fromisoformat(f"{self.date}T{text}+00:00").timestamp()

    def iso(self, when: str | float, millis: bool = False) -> str:
        return iso(self.t(when), millis)

    # -- signals ---------------------------------------------------------------------------
    def fx(
        self, svc: str, sig: str, mode: str, value: float, *profile: tuple[str | float, float], jitter: float = 0.07
    ) -> None:
        assert sig in SIGNALS, sig
        points = [(self.t(when), level) for when, level in profile]
        self.effects.append(Effect(svc, sig, mode, value, points, jitter))

    def ramp(
        self, start: str | float, seconds: float, end: str | float | None = None, down: float = 60
    ) -> list[tuple[float, float]]:
        t0 = self.t(start)
        points = [(t0, 0.0), (t0 + seconds, 1.0)]
        if end is not None:
            t1 = self.t(end)
            points += [(t1, 1.0), (t1 + down, 0.0)]
        return points

    def steps(self, start: str | float, interval: float, n: int, lag: float = 0.0) -> list[tuple[float, float]]:
        """A rolling update of ``n`` pods: the affected share grows by 1/n every ``interval`` seconds."""
        t0 = self.t(start) + lag
        points = [(t0, 0.0)]
        for k in range(1, n + 1):
            at = t0 + (k - 1) * interval
            points += [(at, (k - 1) / n), (at + 15, k / n)]
        return points[1:] if points[1][0] == t0 else points

    def new_pods(self, svc: str, n: int) -> list[str]:
        alphabet = "bcdfghjklmnpqrstvwxz2456789"
        rs = token(self.r, 10, alphabet)
        return [f"{svc.replace('_', '-')}-{rs}-{token(self.r, 5, alphabet)}" for _ in range(n)]

    def drop(self, svc: str, sig: str | None = None) -> None:
        self.dropped.add((svc, sig))

    def gap(self, svc: str, sig: str | None, start: str | float, end: str | float) -> None:
        self.gaps.append((svc, sig, self.t(start), self.t(end)))

    def stop(self, svc: str, sig: str | None, at: str | float) -> None:
        self.gaps.append((svc, sig, self.t(at), self.now + 1))

    def build_signals(self) -> dict[str, dict[str, list[list[float]]]]:
        c = self.company
        r = random.Random(seed_of(self.name + "/signals"))
        ref = c.shape(((self.now / 3600) + c.utc_offset) % 24)
        out: dict[str, dict[str, list[list[float]]]] = {}
        times = list(range(self.begin, int(self.now) + 1, self.step))
        for svc, bases in c.base.items():
            if (svc, None) in self.dropped:
                continue
            series_for: dict[str, list[list[float]]] = {}
            for sig, base in bases.items():
                if (svc, sig) in self.dropped:
                    continue
                phase = r.uniform(0, 2 * math.pi)
                effects = [e for e in self.effects if e.svc == svc and e.sig == sig]
                points: list[list[float]] = []
                for t in times:
                    shape = c.shape(((t / 3600) + c.utc_offset) % 24) / ref
                    for services, period, offset, duration, mult in self.bumps:
                        if (
                            svc in services
                            and (t - offset) % period < duration
                            and sig in {"request_rate", "cpu_utilisation"}
                        ):
                            shape *= mult
                    if (svc, sig) in self.steady:
                        v = base + r.gauss(0, 0.0015)
                    else:
                        v = self.baseline(r, sig, base, shape, t, phase)
                    for e in effects:
                        f = profile_level(e.profile, t)
                        if f <= 0:
                            continue
                        wobble = 1 + r.gauss(0, e.jitter)
                        if e.mode == "mul":
                            v *= 1 + (e.value - 1) * f * wobble
                        elif e.mode == "add":
                            v += e.value * f * wobble
                        elif e.mode == "to":
                            v += (e.value * wobble - v) * f
                        else:
                            raise ValueError(e.mode)
                    v = min(max(v, 0.0), 1.0) if sig in RATIOS else max(v, 0.0)
                    points.append([t, num(v)])
                series_for[sig] = points
            if series_for:
                out[svc] = series_for
        # scrape gaps: a few random short holes early in the window, then the explicit ones
        keys = [(s, g) for s in out for g in out[s]]
        for _ in range(self.random_gaps if keys else 0):
            svc, sig = r.choice(keys)
            series = out[svc][sig]
            limit = max(3, int(len(series) * 0.6))
            at = r.randint(1, limit)
            del series[at : at + r.randint(2, 5)]
        for svc, sig, g0, g1 in self.gaps:
            for name in list(out.get(svc, {})):
                if sig is None or sig == name:
                    out[svc][name] = [p for p in out[svc][name] if not (g0 <= p[0] < g1)]
        return out

    def baseline(self, r: random.Random, sig: str, base: float, shape: float, t: float, phase: float) -> float:
        n = self.noise
        if sig == "request_rate":
            return base * shape * (1 + r.gauss(0, n))
        if sig == "error_ratio":
            v = base * max(0.0, 1 + r.gauss(0, 0.45))
            if r.random() < 0.004:
                v += r.uniform(0.004, 0.018)
            return v
        if sig == "latency_p99_seconds":
            v = base * (0.8 + 0.2 * shape) * math.exp(r.gauss(0, n * 1.6))
            if r.random() < 0.005:
                v *= r.uniform(1.4, 2.2)
            return v
        if sig == "cpu_utilisation":
            return base * (0.55 + 0.45 * shape) * (1 + r.gauss(0, n))
        if sig == "memory_utilisation":
            return base + 0.015 * math.sin(t / 1500 * 2 * math.pi + phase) + r.gauss(0, 0.004)
        if sig == "saturation":
            if base <= 0:
                return 0.0
            return base * (0.8 + 0.2 * shape) + r.gauss(0, 0.01 + 0.03 * base * n)
        raise ValueError(sig)

    # -- logs ------------------------------------------------------------------------------
    def add_log(self, svc: str, t: float, level: str, produced: Any, extra: dict[str, Any] | None = None) -> None:
        if t > self.now or t < self.begin:
            return
        if isinstance(produced, tuple):
            message, more = produced
        else:
            message, more = produced, {}
        merged = deep_merge(dict(more), extra or {})
        doc = make_doc(self.company, svc, t, level, message, merged, self.r)
        self.logs.append((t, len(self.logs), doc))

    def background(self, weights: dict[str, float], total: int, until: dict[str, str] | None = None) -> None:
        whole = sum(weights.values())
        for svc, weight in weights.items():
            templates = self.company.background[svc]
            end = self.t(until[svc]) if until and svc in until else self.now
            count = round(total * weight / whole)
            moments = sorted(self.r.uniform(self.begin, end) for _ in range(count))
            for t in moments:
                pick = self.r.random() * sum(w for w, _, _ in templates)
                chosen = templates[-1]
                for option in templates:
                    pick -= option[0]
                    if pick <= 0:
                        chosen = option
                        break
                _, level, fn = chosen
                self.add_log(svc, t, level, fn(self.r, t))

    def stream(
        self,
        svc: str,
        start: str | float,
        end: str | float | None,
        every: float,
        level: str,
        fn: Template,
        hosts: list[str] | None = None,
        ramp: float = 0.0,
        flavour: str | None = None,
    ) -> None:
        """Lines at random intervals (mean ``every`` seconds); ``ramp`` seconds of thinner output first."""
        t0 = self.t(start)
        t1 = self.now if end is None else min(self.t(end), self.now)
        t = t0 + self.r.expovariate(1 / every) * 0.5
        while t < t1:
            extra: dict[str, Any] = {"_host": self.r.choice(hosts)} if hosts else {}
            if flavour:
                extra["_flavour"] = flavour
            self.add_log(svc, t, level, fn(self.r, t), extra)
            scale = 1.0 if ramp <= 0 or t - t0 >= ramp else 3.0 - 2.0 * (t - t0) / ramp
            t += self.r.expovariate(1 / (every * scale))

    def at(self, svc: str, when: str | float, level: str, produced: Any, **extra: Any) -> None:
        self.add_log(svc, self.t(when), level, produced, extra)

    # -- changes and alerts ----------------------------------------------------------------
    def change(
        self,
        ident: str,
        svc: str,
        kind: str,
        version: str | None,
        previous: str | None,
        started: str,
        finished: str | None,
        author: str,
        description: str,
    ) -> None:
        self.deploys.append(
            {
                "id": ident,
                "service": svc,
                "kind": kind,
                "version": version,
                "previous_version": previous,
                "started_at": self.iso(started),
                "finished_at": self.iso(finished) if finished else None,
                "author": author,
                "description": description,
            }
        )

    def alert(
        self,
        name: str,
        svc: str,
        severity: str,
        starts: str,
        summary: str,
        description: str,
        expr: str,
        ends: str | None = None,
        labels: dict[str, str] | None = None,
    ) -> None:
        c = self.company
        lab = {"alertname": name, "service": svc, "severity": severity}
        lab.update(labels or {})
        lab.update(c.alert_labels)
        fp = hashlib.sha256(json.dumps(lab, sort_keys=True).encode()).hexdigest()[:16]
        start_t = self.t(starts) + self.r.randint(0, 999) / 1000
        self.alerts.append(
            {
                "status": "resolved" if ends else "firing",
                "labels": lab,
                "annotations": {
                    "summary": summary,
                    "description": description,
                    "runbook_url": c.runbook_url + name,
                },
                "startsAt": iso(start_t),
                "endsAt": iso(self.t(ends) + self.r.randint(0, 999) / 1000) if ends else NULL_END,
                "generatorURL": f"{c.prom_url}/graph?g0.expr={quote(expr, safe='')}&g0.tab=1",
                "fingerprint": fp,
            }
        )

    # -- output ----------------------------------------------------------------------------
    def write(self, root: Path) -> dict[str, Any]:
        folder = root / self.name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        c = self.company
        catalog = {"defaults": {"signals": c.defaults}, "services": c.services}
        text = c.header + "\n" + yaml.safe_dump(catalog, sort_keys=False, width=160, allow_unicode=True)
        (folder / "catalog.yaml").write_text(text, encoding="utf-8")

        firing = [a for a in self.alerts if a["status"] == "firing"]
        common = dict(self.alerts[0]["labels"])
        for a in self.alerts[1:]:
            common = {k: v for k, v in common.items() if a["labels"].get(k) == v}
        group = {k: v for k, v in c.alert_labels.items() if k in common}
        body = {
            "receiver": c.receiver,
            "status": "firing" if firing else "resolved",
            "alerts": self.alerts,
            "groupLabels": group,
            "commonLabels": common,
            "commonAnnotations": {},
            "externalURL": c.external_url,
            "version": "4",
            "groupKey": "{}:{" + ",".join(f'{k}="{v}"' for k, v in group.items()) + "}",
            "truncatedAlerts": 0,
        }
        (folder / "alerts.json").write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")

        signals = self.build_signals()
        lines = [json.dumps(svc) + ":" + json.dumps(sigs, separators=(",", ":")) for svc, sigs in signals.items()]
        (folder / "signals.json").write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")

        spec: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "now": self.iso(self.now),
            "alerts": "alerts.json",
            "catalog": "catalog.yaml",
            "signals": "signals.json",
        }
        if self.with_logs:
            ordered = sorted(self.logs, key=lambda item: (item[0], item[1]))
            text = "".join(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n" for _, _, doc in ordered)
            (folder / "logs.jsonl").write_text(text, encoding="utf-8")
            spec["logs"] = "logs.jsonl"
        if self.with_deploys:
            (folder / "deploys.json").write_text(json.dumps(self.deploys, indent=2) + "\n", encoding="utf-8")
            spec["deploys"] = "deploys.json"
        spec["expected"] = {"cause": self.cause, "culprit": self.culprit}
        (folder / "scenario.yaml").write_text(
            yaml.safe_dump(spec, sort_keys=False, width=110, allow_unicode=True), encoding="utf-8"
        )
        return {
            "name": self.name,
            "company": c.title,
            "step": self.step,
            "cause": self.cause,
            "culprit": self.culprit,
            "distractor": self.distractor,
        }


def profile_level(profile: list[tuple[float, float]], t: float) -> float:
    if not profile or t < profile[0][0]:
        return 0.0
    for (t0, l0), (t1, l1) in itertools.pairwise(profile):
        if t0 <= t < t1:
            return l0 + (l1 - l0) * (t - t0) / (t1 - t0) if t1 > t0 else l1
    return profile[-1][1]


# ---------------------------------------------------------------------------------------------
# Cartwheel scenarios
# ---------------------------------------------------------------------------------------------


def rails_id(r: random.Random) -> str:
    return uuid(r)


def cw_checkout_card_payments(c: Company) -> Builder:
    b = Builder(c, "checkout-card-payments-failing-evening", "2025-03-14", "15:40", "18:29:05", 30, noise=0.035)
    b.description = (
        'Friday evening peak: customer care reports that a lot of card payments fail at checkout ("something went '
        'wrong, try again") and some customers are charged twice; the checkout SLO page fired at about 18:24 UTC.'
    )
    b.cause, b.culprit = "external", "adyen"
    b.distractor = (
        "innocent payment-svc deploy 19 min and order-api (alerting service) flag 9 min before onset; resolved "
        "catalog-search latency alert; order-api retries amplify payment-svc traffic"
    )
    f = "18:21:10"
    b.fx("payment-svc", "error_ratio", "add", 0.37, *b.ramp(f, 90))
    b.fx("payment-svc", "latency_p99_seconds", "to", 9.9, *b.ramp(f, 60))
    b.fx("payment-svc", "request_rate", "mul", 1.75, *b.ramp("18:21:40", 120))
    b.fx("payment-svc", "cpu_utilisation", "mul", 1.2, *b.ramp("18:21:40", 120))
    b.fx("order-api", "error_ratio", "add", 0.21, *b.ramp("18:21:50", 120))
    b.fx("order-api", "latency_p99_seconds", "to", 10.8, *b.ramp("18:21:40", 90))
    b.fx("order-api", "saturation", "add", 0.33, *b.ramp("18:22:00", 180))
    b.fx("shop-gateway", "error_ratio", "add", 0.018, *b.ramp("18:22:10", 120))
    b.fx("shop-gateway", "latency_p99_seconds", "mul", 3.0, *b.ramp("18:22:10", 120))
    b.drop("product-cache")
    b.drop("routing-engine", "memory_utilisation")

    b.change(
        "cfg-2291",
        "catalog-search",
        "config",
        None,
        None,
        "16:48:00",
        "16:48:40",
        "j.okafor",
        "indices.query.bool.max_clause_count 1024 -> 4096 (synonym expansion for 'free from' filters)",
    )
    b.change(
        "argo-payment-svc-4.18.2",
        "payment-svc",
        "deploy",
        "4.18.2",
        "4.18.1",
        "17:55:00",
        "18:02:30",
        "argocd",
        "payment-svc 4.18.2: per-merchant-account auth latency histogram; log pspReference on refusals",
    )
    b.change(
        "flagsmith-88412",
        "order-api",
        "flag",
        None,
        None,
        "18:12:00",
        "18:12:05",
        "flagsmith:ines.moreau",
        "substitutions.suggest_v2: 50% -> 100% of baskets",
    )

    b.alert(
        "CheckoutSLOErrorBudgetBurn",
        "order-api",
        "page",
        "18:24:40",
        "Checkout availability burning error budget at 31x",
        "5m/1h burn rate 31.4 on POST /v2/orders/:id/checkout (SLO 99.5%).",
        'slo:checkout_errors:burnrate5m{app="order-api"} > 14.4 and '
        'slo:checkout_errors:burnrate1h{app="order-api"} > 14.4',
    )
    b.alert(
        "GRPCServerErrorRatioHigh",
        "payment-svc",
        "critical",
        "18:25:10",
        "payment-svc Authorise: 36.8% of calls fail",
        'grpc_server_handled_total{grpc_method="Authorise",grpc_code!="OK"} ratio is 0.368 over 5m (threshold 0.05).',
        'sum(rate(grpc_server_handled_total{app="payment-svc",grpc_code!="OK"}[5m])) / '
        'sum(rate(grpc_server_handled_total{app="payment-svc"}[5m])) > 0.05',
    )
    b.alert(
        "SearchLatencyP99Degraded",
        "catalog-search",
        "warning",
        "17:12:00",
        "products index search p99 above 400ms",
        "p99 search latency 0.47s for 10m.",
        'max(opensearch_search_latency_p99_seconds{cluster="products"}) > 0.4',
        ends="17:31:00",
    )
    b.alert(
        "EdgeUpstream5xxRatio",
        "shop-gateway",
        "warning",
        "18:26:30",
        "2.1% of edge requests end in 5xx",
        "Upstream 5xx ratio 0.021 over 5m (threshold 0.015).",
        'sum(rate(envoy_cluster_upstream_rq_xx{envoy_response_code_class="5"}[5m])) / '
        "sum(rate(envoy_cluster_upstream_rq_total[5m])) > 0.015",
    )

    b.background(
        {
            "shop-gateway": 3,
            "storefront-api": 2,
            "order-api": 3,
            "payment-svc": 3,
            "slot-api": 1,
            "orders-db": 0.5,
            "catalog-search": 0.5,
            "picker-worker": 1,
            "notify-svc": 0.5,
        },
        1100,
    )
    new = b.new_pods("payment-svc", 3)
    for i, when in enumerate(["17:56:10", "17:59:20", "18:02:05"]):
        b.at(
            "payment-svc",
            when,
            "info",
            "starting payment-svc",
            _host=new[i],
            labels={"version": "4.18.2", "commit": "9c1e44a", "go_version": "go1.23.6"},
        )
    for pod in c.pods["order-api"]:
        b.at(
            "order-api",
            b.t("18:12:03") + b.r.uniform(0, 20),
            "info",
            "[Flagsmith] environment flags refreshed: substitutions.suggest_v2 enabled=true (rollout 100%)",
            _host=pod,
        )

    def adyen_fail(r: random.Random, t: float) -> Any:
        if r.random() < 0.55:
            err = {
                "type": "*psp.UpstreamError",
                "message": "POST https://checkout-live.adyenpayments.com/checkout/v71/payments: unexpected status 503 "
                'Service Unavailable (errorCode 905_1 "Could not find an acquirer account")',
            }
            status = 503
        else:
            err = {
                "type": "*url.Error",
                "message": 'Post "https://checkout-live.adyenpayments.com/checkout/v71/payments": context deadline '
                "exceeded (Client.Timeout exceeded while awaiting headers)",
            }
            status = 0
        return "adyen authorise failed", {
            "error": err,
            "labels": {
                "psp": "adyen",
                "http_status": status,
                "merchant_account": "CartwheelGB",
                "attempt": r.randint(1, 3),
            },
            "log": {"origin": {"file": {"name": "internal/psp/adyen.go", "line": 231}}},
        }

    b.stream("payment-svc", "18:21:12", None, 3.0, "error", adyen_fail, ramp=60)
    b.stream(
        "payment-svc",
        "18:21:30",
        None,
        7.0,
        "warn",
        lambda r, t: (
            "retrying psp call",
            {"labels": {"psp": "adyen", "attempt": r.choice([2, 3]), "backoff_ms": r.choice([250, 500, 1000])}},
        ),
    )

    def oa_fail(r: random.Random, t: float) -> Any:
        rid = rails_id(r)
        if r.random() < 0.5:
            return (
                f"[{rid}] PaymentClient::Unavailable (payment-svc Authorise returned UNAVAILABLE: psp_unavailable):\n"
                "  app/services/checkout/authorise_payment.rb:41:in `call'\n  "
                "app/controllers/v2/checkouts_controller.rb:28:in `create'"
            )
        return (
            f"[{rid}] Completed 502 Bad Gateway in {r.randint(9800, 10900)}ms (ActiveRecord: "
            f"{r.uniform(4, 14):.1f}ms | Allocations: {r.randint(4000, 9000)})"
        )

    b.stream("order-api", "18:21:50", None, 4.0, "error", oa_fail, ramp=60)
    b.stream(
        "order-api",
        "18:22:10",
        None,
        12.0,
        "warn",
        lambda r, t: (
            f"[{rails_id(r)}] Checkout retry 2/2 for order {r.randint(10**7, 10**8)} after PaymentClient::Unavailable"
        ),
    )

    def gw_fail(r: random.Random, t: float) -> Any:
        path = f"/v2/orders/{r.randint(10**7, 10**8)}/checkout"
        return (
            f'"POST {path} HTTP/2" 502 - {r.randint(9800, 11000)}ms upstream=order-api',
            {"http": {"response": {"status_code": 502}}, "url": {"path": path}},
        )

    b.stream("shop-gateway", "18:22:10", None, 10.0, "info", gw_fail)
    return b


def cw_orders_slow_then_failing(c: Company) -> Builder:
    b = Builder(c, "orders-slow-then-failing-afternoon", "2025-03-18", "10:00", "14:39:20", 60, noise=0.03)
    b.description = (
        "Through the afternoon the apps became slower to place and amend orders; since about 14:27 UTC many "
        "order submissions fail with a generic error. The edge 5xx page fired at 14:33 UTC."
    )
    b.cause, b.culprit = "resource_saturation", "order-api"
    b.distractor = (
        "slow pool leak over 4.5 h with no change on order-api; orders-db (dependency) config change 21 min before the "
        "alert; picker-worker deploy 31 min before; resolved orders-db replication-lag alert; first alert on "
        "shop-gateway"
    )
    leak = [(b.t("10:05"), 0.0), (b.t("14:27"), 1.0)]
    b.fx("order-api", "saturation", "add", 0.74, *leak, jitter=0.01)
    b.fx("order-api", "memory_utilisation", "add", 0.17, *leak, jitter=0.01)
    b.fx("orders-db", "saturation", "add", 0.16, *leak, jitter=0.02)
    b.fx("order-api", "latency_p99_seconds", "mul", 1.6, (b.t("13:40"), 0.0), (b.t("14:24"), 1.0))
    b.fx("order-api", "latency_p99_seconds", "to", 5.4, *b.ramp("14:26:30", 120))
    b.fx("order-api", "error_ratio", "add", 0.17, *b.ramp("14:27:30", 150))
    b.fx("shop-gateway", "error_ratio", "add", 0.045, *b.ramp("14:28:00", 120))
    b.fx("shop-gateway", "latency_p99_seconds", "mul", 2.5, *b.ramp("14:28:00", 120))
    b.fx("payment-svc", "request_rate", "mul", 0.8, *b.ramp("14:28:00", 120))
    b.steady.add(("order-api", "saturation"))
    b.drop("product-cache")
    b.drop("catalog-search")
    b.drop("notify-svc", "latency_p99_seconds")

    b.change(
        "deploy-7781",
        "shop-gateway",
        "deploy",
        "envoy-1.31.4",
        "envoy-1.31.2",
        "11:40:00",
        "11:46:10",
        "argocd",
        "Envoy 1.31.2 -> 1.31.4 (CVE-2025-0042 patch)",
    )
    b.change(
        "deploy-7790",
        "picker-worker",
        "deploy",
        "2025.03.18.3",
        "2025.03.18.2",
        "14:02:00",
        "14:06:40",
        "argocd",
        "pick lists: group chilled items first",
    )
    b.change(
        "dba-pr-812",
        "orders-db",
        "config",
        None,
        None,
        "14:12:00",
        "14:12:20",
        "dba-bot",
        "ALTER SYSTEM SET autovacuum_vacuum_scale_factor = 0.05 (was 0.2); SELECT pg_reload_conf()",
    )

    b.alert(
        "EdgeUpstream5xxRatio",
        "shop-gateway",
        "page",
        "14:33:00",
        "4.6% of edge requests end in 5xx",
        "Upstream 5xx ratio 0.046 over 5m (threshold 0.015).",
        'sum(rate(envoy_cluster_upstream_rq_xx{envoy_response_code_class="5"}[5m])) / '
        "sum(rate(envoy_cluster_upstream_rq_total[5m])) > 0.015",
    )
    b.alert(
        "PostgresReplicationLagHigh",
        "orders-db",
        "warning",
        "12:10:00",
        "pg-orders-1 replica lag 42s",
        "Streaming replication lag above 30s for 5m.",
        'max(pg_replication_lag_seconds{cluster="orders-db"}) > 30',
        ends="12:18:00",
    )
    b.alert(
        "RailsRequestQueueTimeHigh",
        "order-api",
        "warning",
        "14:34:30",
        "Requests wait 4.1s (p95) before a Puma thread picks them up",
        "rails_request_queue_time_seconds p95 above 1s for 5m.",
        "histogram_quantile(0.95, sum by (le) "
        '(rate(rails_request_queue_time_seconds_bucket{app="order-api"}[5m]))) > 1',
    )

    b.background(
        {
            "shop-gateway": 2,
            "order-api": 3,
            "storefront-api": 1.5,
            "payment-svc": 1,
            "slot-api": 1,
            "orders-db": 0.8,
            "picker-worker": 1,
            "notify-svc": 0.4,
        },
        1300,
    )
    start = b.t("10:05")
    for k in range(0, 29):
        t = b.t("10:03") + k * 600
        frac = min(1.0, max(0.0, (t - start) / (b.t("14:27") - start)))
        busy = min(25, 7 + round(18 * frac + b.r.uniform(-1, 1)))
        waiting = 0 if busy < 25 else b.r.randint(3, 40)
        b.at(
            "order-api",
            t + b.r.uniform(0, 30),
            "info",
            f"[ActiveRecord] pool stats size=25 connections={busy} busy={busy} dead=0 idle={25 - busy} "
            f"waiting={waiting} "
            "checkout_timeout=5",
        )
    for pod in c.pods["picker-worker"]:
        b.at(
            "picker-worker",
            b.t("14:03") + b.r.uniform(0, 200),
            "info",
            "celery@" + pod + " ready.",
            log={"logger": "celery.apps.worker"},
        )
    b.at("orders-db", "14:12:03", "info", "received SIGHUP, reloading configuration files")
    b.at("orders-db", "14:12:03", "info", 'parameter "autovacuum_vacuum_scale_factor" changed to "0.05"')
    b.stream(
        "orders-db",
        "14:13:00",
        None,
        150.0,
        "info",
        lambda r, t: (
            f'automatic vacuum of table "grocer.public.{r.choice(["orders", "order_lines", "basket_items"])}": '
            f"index scans: 1, pages: 0 removed, {r.randint(9000, 40000)} remain, tuples: {r.randint(2000, 9000)} "
            "removed"
        ),
    )

    def pool_timeout(r: random.Random, t: float) -> Any:
        rid = rails_id(r)
        if r.random() < 0.55:
            return (
                f"[{rid}] ActiveRecord::ConnectionTimeoutError (could not obtain a connection from the pool within "
                "5.000 "
                f"seconds (waited 5.00{r.randint(1, 9)} seconds); all pooled connections were in use):\n"
                "  app/models/order.rb:212:in `recalculate_totals!'"
            )
        return (
            f"[{rid}] Completed 500 Internal Server Error in {r.randint(5001, 5090)}ms (ActiveRecord: 0.0ms | "
            f"Allocations: {r.randint(900, 2000)})"
        )

    b.stream("order-api", "14:25:40", None, 3.5, "error", pool_timeout, ramp=90)
    b.stream(
        "order-api",
        "13:52:00",
        "14:27:00",
        90.0,
        "warn",
        lambda r, t: (
            f"[{rails_id(r)}] Slow request: POST /v2/orders took {r.uniform(1.8, 4.9):.2f}s waiting for a database "
            "connection"
        ),
    )

    def gw_fail(r: random.Random, t: float) -> Any:
        path = r.choice(["/v2/orders", f"/v2/orders/{r.randint(10**7, 10**8)}/items"])
        return (
            f'"POST {path} HTTP/2" 500 - {r.randint(5000, 5200)}ms upstream=order-api',
            {"http": {"response": {"status_code": 500}}, "url": {"path": path}},
        )

    b.stream("shop-gateway", "14:28:00", None, 8.0, "info", gw_fail)
    return b


def cw_product_pages_erroring(c: Company) -> Builder:
    b = Builder(c, "product-pages-erroring-morning", "2025-03-21", "07:00", "09:21:30", 15, noise=0.04)
    b.description = (
        "From about 09:13 UTC product and aisle pages load slowly or fail in the apps and on the web; the catalog "
        "database is pegged. Database CPU page at 09:15 UTC."
    )
    b.cause, b.culprit = "dependency_outage", "product-cache"
    b.distractor = (
        "cache failure overloading a database: catalog-db pages first and loudest; product-cache never alerts, has no "
        "logs and its metrics simply stop; innocent catalog-search config 8 min and storefront-api deploy 31 min before"
    )
    f = "09:12:40"
    b.stop("product-cache", None, f)
    b.fx("storefront-api", "latency_p99_seconds", "to", 2.9, *b.ramp("09:12:45", 60))
    b.fx("storefront-api", "error_ratio", "add", 0.12, *b.ramp("09:12:45", 75))
    b.fx("storefront-api", "cpu_utilisation", "mul", 1.4, *b.ramp("09:12:45", 60))
    b.fx("catalog-db", "request_rate", "mul", 7.5, *b.ramp("09:12:50", 45))
    b.fx("catalog-db", "cpu_utilisation", "to", 0.97, *b.ramp("09:13:00", 90))
    b.fx("catalog-db", "saturation", "to", 0.98, *b.ramp("09:13:10", 120))
    b.fx("catalog-db", "latency_p99_seconds", "to", 0.9, *b.ramp("09:13:10", 120))
    b.fx("shop-gateway", "error_ratio", "add", 0.07, *b.ramp("09:13:00", 90))
    b.fx("shop-gateway", "latency_p99_seconds", "mul", 4.0, *b.ramp("09:13:00", 90))
    b.drop("notify-svc")
    b.drop("picker-worker")
    b.drop("routing-engine")

    b.change(
        "deploy-7811",
        "picker-worker",
        "deploy",
        "2025.03.21.1",
        "2025.03.20.4",
        "07:30:00",
        "07:34:20",
        "argocd",
        "celery 5.4 upgrade",
    )
    b.change(
        "deploy-7815",
        "storefront-api",
        "deploy",
        "2025.03.21-1",
        "2025.03.20-3",
        "08:41:00",
        "08:49:10",
        "argocd",
        "storefront-api: render nutrition panel server-side",
    )
    b.change(
        "cfg-2307",
        "catalog-search",
        "config",
        None,
        None,
        "09:05:00",
        "09:05:30",
        "k.ng",
        "products-v12: index.refresh_interval 1s -> 5s",
    )

    b.alert(
        "PostgresCPUHigh",
        "catalog-db",
        "page",
        "09:15:10",
        "pg-catalog-0 CPU at 96%",
        "Node CPU above 90% for 2m on the catalog primary.",
        'max(1 - rate(node_cpu_seconds_total{mode="idle",role="catalog-db"}[2m])) > 0.9',
    )
    b.alert(
        "PostgresTooManyConnections",
        "catalog-db",
        "page",
        "09:15:40",
        "catalog-db at 97% of max_connections",
        "pg_stat_activity_count / max_connections = 0.97.",
        'max(pg_stat_activity_count{cluster="catalog-db"}) / '
        'max(pg_settings_max_connections{cluster="catalog-db"}) > 0.9',
    )
    b.alert(
        "HighLatencyP99",
        "storefront-api",
        "warning",
        "09:16:25",
        "storefront-api p99 2.7s",
        "p99 above 1.5s for 3m.",
        "histogram_quantile(0.99, sum by (le) "
        '(rate(http_server_request_duration_seconds_bucket{app="storefront-api"}[2m]))) > 1.5',
    )
    b.alert(
        "Edge5xxBudgetBurn",
        "shop-gateway",
        "page",
        "09:17:00",
        "Edge error budget burning at 22x",
        "5m/1h burn rate 22 for the web+app SLO.",
        "slo:edge_errors:burnrate5m > 14.4",
    )

    b.background(
        {
            "shop-gateway": 3,
            "storefront-api": 3,
            "order-api": 1.5,
            "catalog-db": 0.6,
            "catalog-search": 0.6,
            "slot-api": 1,
            "payment-svc": 1,
        },
        1350,
    )
    new = b.new_pods("storefront-api", 6)
    for i, pod in enumerate(new):
        b.at(
            "storefront-api",
            b.t("08:41:30") + i * 75,
            "info",
            "server listening",
            _host=pod,
            labels={"version": "2025.03.21-1", "port": 8080},
        )

    def cache_err(r: random.Random, t: float) -> Any:
        if r.random() < 0.6:
            return "cache read failed; falling back to catalog-db", {
                "error": {"type": "Error", "message": "connect ECONNREFUSED 10.44.12.7:6379"},
                "labels": {
                    "cache": "redis-product-0.redis-product.grocer.svc:6379",
                    "key": f"price:LDN:{r.randint(10000, 99999)}",
                },
            }
        return (
            "[ioredis] Unhandled error event: Error: connect ECONNREFUSED 10.44.12.7:6379\n"
            "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)",
            {"error": {"type": "Error", "message": "connect ECONNREFUSED 10.44.12.7:6379"}},
        )

    b.stream("storefront-api", "09:12:41", None, 2.5, "error", cache_err)

    def pool_full(r: random.Random, t: float) -> Any:
        return f"GET /v3/products/{r.randint(10000, 99999)} failed", {
            "error": {
                "type": "KnexTimeoutError",
                "message": "Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a "
                ".transacting(trx) call?",
            },
            "http": {"response": {"status_code": 500}},
        }

    b.stream("storefront-api", "09:13:30", None, 4.0, "error", pool_full, ramp=60)
    b.stream(
        "catalog-db",
        "09:13:20",
        None,
        5.0,
        "info",
        lambda r, t: (
            f"duration: {r.uniform(400, 2400):.3f} ms  execute <unnamed>: SELECT p.*, pr.price_pence, st.on_hand "
            "FROM products p JOIN prices pr ON pr.sku = p.sku JOIN stock st ON st.sku = p.sku WHERE p.sku = $1 AND "
            "pr.store_id = $2"
        ),
    )
    b.stream(
        "catalog-db",
        "09:14:30",
        None,
        8.0,
        "fatal",
        lambda r, t: "remaining connection slots are reserved for non-replication superuser connections",
    )

    def gw_fail(r: random.Random, t: float) -> Any:
        path = f"/v3/products/{r.randint(10000, 99999)}"
        return f'"GET {path} HTTP/2" 500 - {r.randint(900, 3100)}ms upstream=storefront-api', {
            "http": {"response": {"status_code": 500}},
            "url": {"path": path},
        }

    b.stream("shop-gateway", "09:13:00", None, 6.0, "info", gw_fail)
    return b


def cw_delivery_slot_picker_slow(c: Company) -> Builder:
    b = Builder(c, "delivery-slot-picker-slow", "2025-03-25", "14:00", "16:41:50", 30, noise=0.045)
    b.description = (
        "Customers say the delivery-slot picker spins for several seconds and sometimes shows no slots; started "
        "around 16:32 UTC. Slot apdex page at 16:35 UTC."
    )
    b.cause, b.culprit = "config_change", "slot-api"
    b.distractor = (
        "innocent routing-engine deploy 9 min before the flag; routing-engine alerts first and louder; HERE 429s in "
        "routing-engine logs later point at an external"
    )
    f = "16:31:00"
    b.fx("routing-engine", "request_rate", "mul", 8.6, *b.ramp("16:31:20", 60))
    b.fx("routing-engine", "cpu_utilisation", "to", 0.96, *b.ramp("16:31:30", 90))
    b.fx("routing-engine", "saturation", "to", 1.0, *b.ramp("16:31:40", 120))
    b.fx("routing-engine", "latency_p99_seconds", "to", 7.5, *b.ramp("16:32:00", 120))
    b.fx("routing-engine", "error_ratio", "add", 0.07, *b.ramp("16:34:00", 120))
    b.fx("routing-engine", "memory_utilisation", "add", 0.1, *b.ramp("16:31:30", 300))
    b.fx("slot-api", "latency_p99_seconds", "to", 6.1, *b.ramp("16:32:30", 90))
    b.fx("slot-api", "error_ratio", "add", 0.09, *b.ramp("16:33:00", 120))
    b.fx("slot-api", "cpu_utilisation", "mul", 1.5, *b.ramp("16:31:10", 60))
    b.fx("shop-gateway", "latency_p99_seconds", "mul", 1.6, *b.ramp("16:33:00", 90))
    b.fx("shop-gateway", "error_ratio", "add", 0.01, *b.ramp("16:33:00", 90))
    b.fx("order-api", "latency_p99_seconds", "mul", 1.3, *b.ramp("16:33:00", 90))
    b.drop("product-cache")
    b.drop("catalog-db")
    b.drop("storefront-api", "memory_utilisation")

    b.change(
        "tf-edge-311",
        "shop-gateway",
        "config",
        None,
        None,
        "15:10:00",
        "15:10:45",
        "atlantis",
        "edge: per-route timeout for /v1/slots 8s -> 10s",
    )
    b.change(
        "deploy-7902",
        "notify-svc",
        "deploy",
        "1.45.2",
        "1.45.1",
        "15:40:00",
        "15:41:50",
        "argocd",
        "notify-svc: retry push on APNs 410",
    )
    b.change(
        "deploy-7906",
        "routing-engine",
        "deploy",
        "3.8.0",
        "3.7.0",
        "16:14:00",
        "16:22:10",
        "argocd",
        "routing-engine 3.8.0: OSRM graph 2025-03 extract; JDK 21.0.6",
    )
    b.change(
        "flagd-slots-1142",
        "slot-api",
        "flag",
        None,
        None,
        f,
        "16:31:04",
        "flagd:fulfilment-product",
        "slots.live_eta_recompute: false -> true (all stores)",
    )

    b.alert(
        "SlotAvailabilityApdexLow",
        "slot-api",
        "page",
        "16:35:30",
        "Slot picker apdex 0.61",
        "Apdex (T=0.5s) for GET /v1/slots below 0.8 for 3m.",
        'slo:slot_quote_apdex:ratio_rate5m{app="slot-api"} < 0.8',
    )
    b.alert(
        "ContainerCPUThrottlingHigh",
        "routing-engine",
        "warning",
        "16:34:10",
        "routing-engine throttled 48% of periods",
        "CFS throttling above 25% for 2m.",
        'sum(rate(container_cpu_cfs_throttled_periods_total{container="routing-engine"}[2m])) / '
        'sum(rate(container_cpu_cfs_periods_total{container="routing-engine"}[2m])) > 0.25',
    )
    b.alert(
        "RoutingEtaLatencyP99High",
        "routing-engine",
        "page",
        "16:35:50",
        "ETA batch p99 7.2s",
        "p99 of POST /v2/eta/batch above 4s for 3m.",
        "histogram_quantile(0.99, sum by (le) "
        '(rate(http_server_request_duration_seconds_bucket{app="routing-engine"}[2m]))) > 4',
    )

    b.background(
        {
            "shop-gateway": 2,
            "slot-api": 3,
            "routing-engine": 3,
            "order-api": 1.5,
            "storefront-api": 1,
            "payment-svc": 0.5,
            "picker-worker": 0.6,
            "notify-svc": 0.4,
            "orders-db": 0.4,
        },
        1250,
    )
    new = b.new_pods("routing-engine", 5)
    for i, pod in enumerate(new):
        t = b.t("16:14:40") + i * 95
        b.at("routing-engine", t, "info", "OSRM graph loaded: europe-uk-2025-03 (1.91 GB) in 28.4 s", _host=pod)
        b.at(
            "routing-engine",
            t + 14,
            "info",
            f"Started RoutingEngineApplication in {b.r.uniform(38, 46):.1f} seconds (process running for "
            f"{b.r.uniform(46, 52):.1f})",
            _host=pod,
        )
    for pod in c.pods["slot-api"]:
        b.at(
            "slot-api",
            b.t("16:31:01") + b.r.uniform(0, 3),
            "info",
            'caller=flags/watch.go:88 msg="flag changed" key=slots.live_eta_recompute old=false new=true source=flagd',
            _host=pod,
        )
    b.stream(
        "slot-api",
        "16:31:05",
        None,
        6.0,
        "info",
        lambda r, t: (
            f'caller=slots/quote.go:141 msg="recomputing live ETA on view" store=LDN-{r.randint(1, 9):02d} '
            f"slots={r.randint(8, 24)} stops={r.randint(10, 40)}"
        ),
    )
    b.stream(
        "slot-api",
        "16:33:00",
        None,
        4.0,
        "error",
        lambda r, t: (
            'caller=routing/client.go:77 msg="eta batch failed" err="Post '
            '\\"http://routing-engine.grocer.svc:8080/v2/eta/batch\\": '
            f'context deadline exceeded" attempt={r.randint(1, 2)} store=LDN-{r.randint(1, 9):02d}'
        ),
        ramp=60,
    )
    b.stream(
        "routing-engine",
        "16:31:20",
        None,
        5.0,
        "info",
        lambda r, t: (
            f"POST /v2/eta/batch stops={r.randint(10, 40)} took {r.randint(2500, 7800)} ms caller=slot-api "
            "reason=view-recompute"
        ),
        hosts=new,
    )

    def rejected(r: random.Random, t: float) -> Any:
        return "Request processing failed: TaskRejectedException", {
            "error": {
                "type": "java.util.concurrent.RejectedExecutionException",
                "message": f"Task java.util.concurrent.FutureTask@{hexid(r, 8)} rejected from java.util.concurrent."
                f"ThreadPoolExecutor@{hexid(r, 8)}[Running, pool size = 64, active threads = 64, queued tasks = 500, "
                f"completed tasks = {r.randint(10**6, 2 * 10**6)}]",
            },
            "log": {"logger": "c.cartwheel.routing.web.EtaController"},
        }

    b.stream("routing-engine", "16:33:40", None, 6.0, "error", rejected, hosts=new, ramp=60)
    b.stream(
        "routing-engine",
        "16:38:30",
        None,
        12.0,
        "warn",
        lambda r, t: (
            "HERE Matrix API responded 429 Too Many Requests (plan limit 100 rps); falling back to graph estimate"
        ),
        hosts=new,
    )
    return b


def cw_store_orders_backlog(c: Company) -> Builder:
    b = Builder(c, "store-orders-backlog-morning", "2025-03-28", "05:30", "07:17:45", 15, noise=0.05)
    b.description = (
        "Morning rush: placing and editing orders became very slow shortly after 07:08 UTC and store pickers say "
        "their handhelds lag. Checkout latency page at 07:12 UTC."
    )
    b.cause, b.culprit = "traffic_surge", "picker-worker"
    b.distractor = (
        "noisy neighbour: picker-worker is outside order-api's dependency chain and floods the shared orders-db, which "
        "alerts too; innocent order-api (alerting service) deploy 16 min and notify-svc deploy 6 min before; "
        "rising morning traffic"
    )
    f = "07:08:00"
    b.fx("picker-worker", "request_rate", "mul", 6.8, *b.ramp(f, 45))
    b.fx("picker-worker", "cpu_utilisation", "to", 0.91, *b.ramp("07:08:10", 60))
    b.fx("picker-worker", "saturation", "to", 0.21, *b.ramp(f, 40))
    b.fx("picker-worker", "error_ratio", "add", 0.02, *b.ramp("07:10:00", 90))
    b.fx("orders-db", "request_rate", "mul", 3.4, *b.ramp("07:08:15", 60))
    b.fx("orders-db", "cpu_utilisation", "to", 0.93, *b.ramp("07:08:30", 90))
    b.fx("orders-db", "saturation", "to", 0.92, *b.ramp("07:08:40", 120))
    b.fx("orders-db", "latency_p99_seconds", "to", 0.26, *b.ramp("07:08:40", 120))
    b.fx("order-api", "latency_p99_seconds", "to", 3.4, *b.ramp("07:09:00", 120))
    b.fx("order-api", "error_ratio", "add", 0.04, *b.ramp("07:10:00", 120))
    b.fx("order-api", "saturation", "to", 0.85, *b.ramp("07:09:00", 120))
    b.fx("payment-svc", "latency_p99_seconds", "mul", 1.3, *b.ramp("07:09:00", 120))
    b.fx("slot-api", "latency_p99_seconds", "mul", 1.8, *b.ramp("07:09:00", 120))
    b.fx("shop-gateway", "latency_p99_seconds", "mul", 2.0, *b.ramp("07:09:30", 120))
    b.fx("notify-svc", "request_rate", "mul", 2.5, *b.ramp("07:09:30", 60))
    b.drop("catalog-search")
    b.drop("product-cache")
    b.drop("routing-engine")
    b.drop("storefront-api", "memory_utilisation")

    b.change(
        "tf-slots-77",
        "slot-api",
        "config",
        None,
        None,
        "06:20:00",
        "06:20:30",
        "atlantis",
        "slot-api: SLOT_CAPACITY_REFRESH 60s -> 45s",
    )
    b.change(
        "deploy-7951",
        "order-api",
        "deploy",
        "2025.03.28.1",
        "2025.03.27.5",
        "06:44:00",
        "06:52:30",
        "github-actions",
        "order-api: move promo-code validation into PromoCodes::Validate service object",
    )
    b.change(
        "deploy-7953",
        "notify-svc",
        "deploy",
        "1.46.0",
        "1.45.2",
        "07:02:00",
        "07:04:10",
        "argocd",
        "notify-svc 1.46.0: new rider ETA push template",
    )

    b.alert(
        "CheckoutLatencySLOBreach",
        "order-api",
        "page",
        "07:12:15",
        "Order placement p99 3.3s",
        "p99 of POST /v2/orders above 2.5s for 3m (SLO 1.5s).",
        "histogram_quantile(0.99, sum by (le) "
        '(rate(http_server_request_duration_seconds_bucket{app="order-api",route="orders#create"}[2m]))) > 2.5',
    )
    b.alert(
        "PostgresActiveConnectionsHigh",
        "orders-db",
        "critical",
        "07:11:30",
        "orders-db active connections 88% of max",
        "active backends / max_connections above 0.8 for 2m.",
        'max(pg_stat_activity_count{cluster="orders-db",state="active"}) / '
        'max(pg_settings_max_connections{cluster="orders-db"}) > 0.8',
    )
    b.alert(
        "SmsDeliveryRateLow",
        "notify-svc",
        "warning",
        "06:10:00",
        "SMS delivery success 91%",
        "Twilio delivered ratio below 95% for 10m.",
        'sum(rate(notify_sms_status_total{status="delivered"}[10m])) / sum(rate(notify_sms_status_total[10m])) < 0.95',
        ends="06:22:00",
    )
    b.alert(
        "SlotQuoteLatencyHigh",
        "slot-api",
        "warning",
        "07:13:40",
        "slot quote p99 0.92s",
        "p99 of GET /v1/slots above 0.8s for 3m.",
        "histogram_quantile(0.99, sum by (le) "
        '(rate(http_server_request_duration_seconds_bucket{app="slot-api"}[2m]))) > 0.8',
    )

    b.background(
        {
            "shop-gateway": 2,
            "order-api": 3,
            "picker-worker": 1.5,
            "orders-db": 0.6,
            "slot-api": 1,
            "payment-svc": 1,
            "notify-svc": 1,
            "storefront-api": 1,
        },
        1000,
    )
    for i, pod in enumerate(c.pods["order-api"]):
        t = b.t("06:44:40") + i * 95
        b.at("order-api", t, "info", '* Puma version: 6.4.3 (ruby 3.3.6-p108) ("The Eagle of Durango")', _host=pod)
        b.at("order-api", t + 2, "info", "* Listening on http://0.0.0.0:3000", _host=pod)
    b.at(
        "picker-worker",
        "07:07:58",
        "info",
        "wave release requested stores=LDN-04,LDN-07,MAN-02 window=08:00-10:00 orders=4113 by=store-ops:r.patel",
        log={"logger": "picker.waves"},
    )
    b.stream(
        "picker-worker",
        "07:08:01",
        None,
        2.2,
        "info",
        lambda r, t: f"Task picker.tasks.build_pick_list[{uuid(r)}] received",
    )
    b.stream(
        "picker-worker",
        "07:08:05",
        None,
        2.6,
        "info",
        lambda r, t: f"Task picker.tasks.build_pick_list[{uuid(r)}] succeeded in {r.uniform(1.5, 9.0):.3f}s: None",
    )
    b.stream(
        "picker-worker",
        "07:10:00",
        None,
        9.0,
        "warn",
        lambda r, t: (
            f"Task picker.tasks.build_pick_list[{uuid(r)}] retry: Retry in 5s: "
            "OperationalError('canceling statement due to statement timeout')"
        ),
    )
    b.stream(
        "orders-db",
        "07:09:00",
        None,
        5.0,
        "info",
        lambda r, t: (
            f"duration: {r.uniform(900, 4200):.1f} ms  execute <unnamed>: UPDATE order_lines SET pick_state = "
            "'queued', "
            "picker_batch_id = $1 WHERE order_id = ANY($2)"
        ),
    )
    b.stream(
        "orders-db",
        "07:09:40",
        None,
        12.0,
        "info",
        lambda r, t: (
            f"process {r.randint(20000, 30000)} still waiting for ShareLock on transaction "
            f"{r.randint(99_000_000, 99_300_000)} "
            f"after 1000.{r.randint(10, 99)} ms"
        ),
    )
    b.stream(
        "order-api",
        "07:09:00",
        None,
        4.0,
        "info",
        lambda r, t: (
            f"[{rails_id(r)}] Completed 200 OK in {r.randint(2200, 4100)}ms (Views: 0.5ms | ActiveRecord: "
            f"{r.uniform(2000, 3900):.1f}ms "
            f"| Allocations: {r.randint(5000, 12000)})"
        ),
    )
    b.stream(
        "order-api",
        "07:10:00",
        None,
        14.0,
        "error",
        lambda r, t: (
            f"[{rails_id(r)}] ActiveRecord::QueryCanceled (PG::QueryCanceled: ERROR:  canceling statement due to "
            "statement timeout):\n"
            "  app/models/order.rb:188:in `lock_for_checkout!'"
        ),
    )
    return b


def cw_route_eta_errors(c: Company) -> Builder:
    b = Builder(c, "route-eta-errors-lunchtime", "2025-04-02", "09:00", "12:46:30", 60, noise=0.035)
    b.description = (
        "Around lunchtime about one in five slot-picker requests fails and the rest are a bit slower; drivers also "
        "report missing ETAs. Slot error page at 12:41 UTC."
    )
    b.cause, b.culprit = "infrastructure", "routing-engine"
    b.distractor = (
        "node replacement recorded as an infra change with finished_at null, fault 10 min after the new node joined; "
        "innocent slot-api (alerting service) deploy 19 min before; HERE connect timeouts from the affected pods "
        "point at an external"
    )
    b.fx("routing-engine", "error_ratio", "add", 0.41, *b.ramp("12:37:20", 60))
    b.fx("routing-engine", "latency_p99_seconds", "to", 4.1, *b.ramp("12:37:20", 60))
    b.fx("routing-engine", "request_rate", "mul", 1.3, *b.ramp("12:38:00", 60))
    b.fx("routing-engine", "cpu_utilisation", "mul", 0.8, *b.ramp("12:37:30", 60))
    b.fx("routing-engine", "saturation", "mul", 1.4, *b.ramp("12:37:30", 60))
    b.fx("slot-api", "error_ratio", "add", 0.18, *b.ramp("12:37:40", 60))
    b.fx("slot-api", "latency_p99_seconds", "mul", 2.4, *b.ramp("12:37:40", 60))
    b.fx("shop-gateway", "error_ratio", "add", 0.02, *b.ramp("12:38:00", 60))
    b.fx("shop-gateway", "latency_p99_seconds", "mul", 1.4, *b.ramp("12:38:00", 60))
    b.fx("order-api", "latency_p99_seconds", "mul", 1.25, *b.ramp("12:38:00", 60))
    b.drop("catalog-search")
    b.drop("notify-svc")
    b.drop("routing-engine", "memory_utilisation")
    b.gap("slot-api", None, "11:02", "11:09")

    b.change(
        "tf-db-902",
        "orders-db",
        "config",
        None,
        None,
        "11:05:00",
        "11:05:20",
        "dba-bot",
        "orders-db: log_min_duration_statement 500ms -> 250ms",
    )
    b.change(
        "deploy-8012",
        "slot-api",
        "deploy",
        "2.61.0",
        "2.60.2",
        "12:18:00",
        "12:23:00",
        "argocd",
        "slot-api 2.61.0: slot capacity cache per store",
    )
    b.change(
        "karpenter-drift-ng-compute-c",
        "routing-engine",
        "infra",
        "ami-0b7c1d9e3f (AL2023, kernel 6.1.128)",
        "ami-04aa6f12c0 (AL2023, kernel 6.1.119)",
        "12:20:00",
        None,
        "karpenter",
        "Drift replacement of nodes in pool ng-compute-c (eu-west-1c) with the new AMI; ip-10-42-7-19 joined 12:27, "
        "routing-engine pods rescheduled onto it",
    )

    b.alert(
        "SlotQuoteErrorRatio",
        "slot-api",
        "page",
        "12:41:00",
        "19% of slot quotes fail",
        "5xx ratio for GET /v1/slots above 5% for 3m.",
        'sum(rate(http_server_requests_total{app="slot-api",status=~"5.."}[2m])) / '
        'sum(rate(http_server_requests_total{app="slot-api"}[2m])) > 0.05',
    )
    b.alert(
        "HTTPServerErrorRatio",
        "routing-engine",
        "critical",
        "12:41:40",
        "routing-engine 5xx ratio 0.39",
        "5xx ratio above 10% for 3m.",
        'sum(rate(http_server_requests_total{app="routing-engine",status=~"5.."}[2m])) / '
        'sum(rate(http_server_requests_total{app="routing-engine"}[2m])) > 0.1',
    )
    b.alert(
        "PodMemoryNearLimit",
        "storefront-api",
        "warning",
        "10:32:00",
        "storefront-api pod at 93% of its memory limit",
        "working set above 90% of the limit for 10m.",
        'max(container_memory_working_set_bytes{container="storefront-api"} / on(pod) '
        'kube_pod_container_resource_limits{resource="memory"}) > 0.9',
        ends="10:47:00",
    )

    b.background(
        {
            "shop-gateway": 2,
            "slot-api": 2.5,
            "routing-engine": 2.5,
            "order-api": 1.5,
            "storefront-api": 1,
            "payment-svc": 0.5,
            "orders-db": 0.4,
            "picker-worker": 0.6,
        },
        1500,
    )
    bad_pods = c.pods["routing-engine"][:3]
    node = "ip-10-42-7-19.eu-west-1.compute.internal"
    b.at(
        "routing-engine",
        "12:27:12",
        "info",
        "systemd[1]: Started kubelet.service - Kubernetes Kubelet.",
        _flavour="kernel",
        _host=node,
    )
    b.at(
        "routing-engine",
        "12:27:40",
        "info",
        "ena 0000:00:06.0 eth0: ENA device version: 0.10, ENA controller version: 0.0.1, mac addr 06:1f:8a:3c:77:e1",
        _flavour="kernel",
        _host=node,
    )
    for pod in bad_pods:
        b.at(
            "routing-engine",
            b.t("12:29:00") + b.r.uniform(0, 90),
            "info",
            f"Started RoutingEngineApplication in {b.r.uniform(38, 46):.1f} seconds (process running for 47.2)",
            _host=pod,
        )
    b.stream(
        "routing-engine",
        "12:37:06",
        None,
        25.0,
        "warn",
        lambda r, t: (
            f"ena 0000:00:06.0 eth0: Found a Tx that wasn't completed on time, qid {r.randint(0, 7)}, index "
            f"{r.randint(0, 1023)}."
        ),
        hosts=[node],
        flavour="kernel",
    )
    b.at(
        "routing-engine",
        "12:37:41",
        "error",
        "ena 0000:00:06.0 eth0: TX hang detected; resetting device",
        _flavour="kernel",
        _host=node,
    )
    b.at(
        "routing-engine",
        "12:38:02",
        "error",
        "NETDEV WATCHDOG: eth0 (ena): transmit queue 3 timed out 5104 ms",
        _flavour="kernel",
        _host=node,
    )
    b.stream(
        "routing-engine",
        "12:38:12",
        None,
        30.0,
        "error",
        lambda r, t: (
            'kubelet[2211]: E0402 kubelet_node_status.go:535] "Error updating node status, will retry" '
            'err="error getting node \\"ip-10-42-7-19.eu-west-1.compute.internal\\": context deadline exceeded"'
        ),
        hosts=[node],
        flavour="kernel",
    )

    def here_timeout(r: random.Random, t: float) -> Any:
        return "ETA batch failed", {
            "error": {
                "type": "org.springframework.web.client.ResourceAccessException",
                "message": 'I/O error on POST request for "https://matrix.router.hereapi.com/v8/matrix": Connect '
                "timed out",
            },
            "log": {"logger": "c.cartwheel.routing.here.HereMatrixClient"},
        }

    b.stream("routing-engine", "12:37:25", None, 9.0, "error", here_timeout, hosts=bad_pods)

    def dial_timeout(r: random.Random, t: float) -> Any:
        ip = f"10.42.7.{r.choice([31, 44, 58])}"
        return (
            f'caller=routing/client.go:77 msg="eta batch failed" err="Post \\"http://{ip}:8080/v2/eta/batch\\": '
            f'dial tcp {ip}:8080: i/o timeout" upstream=routing-engine attempt={r.randint(1, 2)}'
        )

    b.stream("slot-api", "12:37:45", None, 4.5, "error", dial_timeout)
    return b


def cw_search_results_slow(c: Company) -> Builder:
    b = Builder(c, "search-results-slow-evening", "2025-04-04", "17:00", "18:47:00", 10, noise=0.04)
    b.description = (
        "Evening: searching for products in the app takes several seconds and sometimes returns an error page; "
        "the search cluster paged at 18:40 UTC."
    )
    b.cause, b.culprit = "deploy", "storefront-api"
    b.distractor = (
        "12.5-minute rolling deploy; the victim catalog-search pages first and loudest; innocent catalog-search config "
        "33 min and shop-gateway deploy 7 min before"
    )
    roll = b.steps("18:31:00", 125, 6, lag=40)
    b.fx("catalog-search", "latency_p99_seconds", "to", 2.4, *roll)
    b.fx("catalog-search", "saturation", "to", 0.85, *roll)
    b.fx("catalog-search", "error_ratio", "add", 0.3, (b.t("18:35:20"), 0.0), (b.t("18:42:00"), 1.0))
    b.fx("catalog-search", "request_rate", "mul", 1.1, *roll)
    b.fx("storefront-api", "latency_p99_seconds", "to", 2.9, *roll)
    b.fx("storefront-api", "error_ratio", "add", 0.11, (b.t("18:35:30"), 0.0), (b.t("18:42:10"), 1.0))
    b.fx("storefront-api", "cpu_utilisation", "mul", 1.3, *roll)
    b.fx("storefront-api", "memory_utilisation", "add", 0.05, *roll)
    b.fx("shop-gateway", "latency_p99_seconds", "mul", 2.1, *roll)
    b.fx("shop-gateway", "error_ratio", "add", 0.03, (b.t("18:35:40"), 0.0), (b.t("18:42:20"), 1.0))
    for svc in ("picker-worker", "notify-svc", "payment-svc", "product-cache", "routing-engine"):
        b.drop(svc)
    b.drop("orders-db", "cpu_utilisation")
    b.drop("order-api", "memory_utilisation")

    b.change(
        "cfg-2355",
        "catalog-search",
        "config",
        None,
        None,
        "17:58:00",
        "17:58:40",
        "k.ng",
        "products-v12: index.refresh_interval 1s -> 5s",
    )
    b.change(
        "deploy-8040",
        "shop-gateway",
        "deploy",
        "edge-2025.04.04",
        "edge-2025.04.02",
        "18:24:00",
        "18:27:30",
        "argocd",
        "edge routes: add /v3/recipes",
    )
    b.change(
        "deploy-8041",
        "storefront-api",
        "deploy",
        "2025.04.04-2",
        "2025.04.04-1",
        "18:31:00",
        "18:43:40",
        "argocd",
        "storefront-api 2025.04.04-2: search also ranks matches in product descriptions (PR #4471)",
    )

    b.alert(
        "OpenSearchSearchThreadpoolRejections",
        "catalog-search",
        "page",
        "18:40:10",
        "search thread pool rejecting 310 req/min",
        'rate(opensearch_threadpool_rejected_count{name="search"}[2m]) > 1 for 2m.',
        'sum(rate(opensearch_threadpool_rejected_count{name="search"}[2m])) > 1',
    )
    b.alert(
        "OpenSearchNodeCPUHigh",
        "catalog-search",
        "critical",
        "18:40:40",
        "os-products data nodes at 99% CPU",
        "CPU above 90% on 3/3 data nodes for 3m.",
        'min(opensearch_os_cpu_percent{cluster="products"}) > 90',
    )
    b.alert(
        "StorefrontLatencyP99",
        "storefront-api",
        "warning",
        "18:43:00",
        "storefront-api p99 2.6s",
        "p99 above 1.5s for 5m.",
        "histogram_quantile(0.99, sum by (le) "
        '(rate(http_server_request_duration_seconds_bucket{app="storefront-api"}[2m]))) > 1.5',
    )

    b.background(
        {
            "shop-gateway": 3,
            "storefront-api": 3,
            "catalog-search": 1.2,
            "order-api": 1.5,
            "slot-api": 1,
            "catalog-db": 0.4,
        },
        1100,
    )
    new = b.new_pods("storefront-api", 6)
    for i, pod in enumerate(new):
        b.at(
            "storefront-api",
            b.t("18:31:20") + i * 125,
            "info",
            "server listening",
            _host=pod,
            labels={"version": "2025.04.04-2", "port": 8080},
        )
    for i, pod in enumerate(new):
        b.stream(
            "storefront-api",
            b.t("18:31:40") + i * 125,
            None,
            20.0,
            "warn",
            lambda r, t: (
                "slow search",
                {
                    "labels": {
                        "took_ms": r.randint(1800, 4200),
                        "q": r.choice(["milk", "organic eggs", "gluten free bread", "oat"]),
                    }
                },
            ),
            hosts=[pod],
        )

    def rejected(r: random.Random, t: float) -> Any:
        return "search request failed", {
            "error": {
                "type": "ResponseError",
                "message": "search_phase_execution_exception: [es_rejected_execution_exception] rejected execution of "
                "TimedRunnable on QueueResizingOpenSearchThreadPoolExecutor[name = os-products-1/search, queue "
                "capacity = 1000]",
            },
            "http": {"response": {"status_code": 503}},
        }

    b.stream("storefront-api", "18:35:30", None, 4.0, "error", rejected, ramp=240)

    def slowlog(r: random.Random, t: float) -> Any:
        term = r.choice(["organic milk", "free range eggs", "oat", "gluten free"])
        took = r.uniform(1.9, 5.6)
        return (
            f"[products-v12][{r.randint(0, 5)}] took[{took:.1f}s], took_millis[{int(took * 1000)}], "
            "total_hits[10000+ hits], "
            f'search_type[QUERY_THEN_FETCH], total_shards[6], source[{{"size":48,"query":{{"bool":{{"should":'
            f'[{{"match":{{"name":"{term}"}}}},{{"wildcard":{{"description":{{"wildcard":"*{term}*"}}}}}}]}}}},'
            f'"track_total_hits":true}}]'
        )

    b.stream("catalog-search", "18:31:50", None, 5.0, "warn", slowlog, ramp=300)
    b.stream(
        "catalog-search",
        "18:36:00",
        None,
        10.0,
        "error",
        lambda r, t: "rejecting execution of [search] on thread pool [search], queue capacity [1000] exhausted",
    )
    return b


# ---------------------------------------------------------------------------------------------
# Frostline scenarios
# ---------------------------------------------------------------------------------------------


def trailer(r: random.Random) -> str:
    return f"trk-{r.randint(10000, 59999)}"


def fl_excursion_alerts_delayed(c: Company) -> Builder:
    b = Builder(c, "excursion-alerts-delayed", "2025-06-10", "06:00", "08:44:10", 30, noise=0.03)
    b.description = (
        "Depot managers say temperature-excursion notifications arrive late or not at all since about 08:25 UTC, "
        "although trailers keep reporting. Consumer-lag alert at 08:38 UTC."
    )
    b.cause, b.culprit = "deploy", "rules-engine"
    b.distractor = (
        "canary rollout still running (finished_at null), errors step up at 20% then 50%; rules-cache (dependency) "
        "config change 3.5 min before the rollout; innocent telemetry-ingest deploy 17 min before; resolved "
        "fleet-api alert"
    )
    canary = [(b.t("08:22:30"), 0.0), (b.t("08:23:30"), 0.4), (b.t("08:34:00"), 0.4), (b.t("08:35:00"), 1.0)]
    b.fx("rules-engine", "error_ratio", "add", 0.16, *canary)
    b.fx(
        "rules-engine",
        "memory_utilisation",
        "add",
        0.22,
        (b.t("08:23"), 0.0),
        (b.t("08:34"), 0.45),
        (b.t("08:40"), 1.0),
    )
    b.fx("rules-engine", "cpu_utilisation", "add", 0.3, *canary)
    b.fx("rules-engine", "saturation", "to", 0.85, (b.t("08:24"), 0.0), (b.t("08:34"), 0.35), (b.t("08:40"), 1.0))
    b.fx("rules-engine", "latency_p99_seconds", "to", 95, (b.t("08:24"), 0.0), (b.t("08:34"), 0.3), (b.t("08:41"), 1.0))
    b.fx("rules-engine", "request_rate", "mul", 0.7, *canary)
    b.fx("alert-dispatch", "request_rate", "mul", 0.3, (b.t("08:25"), 0.0), (b.t("08:36"), 1.0))
    b.drop("geo-svc")
    b.drop("device-auth", "memory_utilisation")

    b.change(
        "argo-tei-1193",
        "telemetry-ingest",
        "deploy",
        "1.19.3",
        "1.19.2",
        "08:05:00",
        "08:09:10",
        "argo-rollouts",
        "bridge 1.19.3: one shared-subscription group per region",
    )
    b.change(
        "tf-live-2231",
        "rules-cache",
        "config",
        None,
        None,
        "08:18:30",
        "08:18:35",
        "terraform",
        "rules-cache: maxmemory-policy allkeys-lru -> volatile-lru",
    )
    b.change(
        "argo-rules-2.31.0",
        "rules-engine",
        "deploy",
        "2.31.0",
        "2.30.4",
        "08:22:00",
        None,
        "argo-rollouts",
        "rules-engine 2.31.0: Rules DSL v2 (compiled predicates); canary 20% -> 50% -> 100% with analysis pauses",
    )

    b.alert(
        "KafkaConsumerGroupLagHigh",
        "rules-engine",
        "critical",
        "08:38:30",
        "consumer group rules-engine lag 402k",
        "Sum of partition lag above 200000 for 5m on topic telemetry.v3.",
        'sum(kafka_consumergroup_lag{group="rules-engine",topic="telemetry.v3"}) > 200000',
        labels={"consumergroup": "rules-engine"},
    )
    b.alert(
        "ColdChainExcursionEvalDelay",
        "rules-engine",
        "page",
        "08:40:00",
        "Readings evaluated 71s after arrival (p99)",
        "Evaluation delay p99 above 60s for 5m; excursion notices are late.",
        'max(rules_evaluation_delay_seconds{quantile="0.99"}) > 60',
    )
    b.alert(
        "ApiLatencyP99High",
        "fleet-api",
        "warning",
        "07:20:00",
        "fleet-api p99 1.4s",
        "p99 above 1s for 10m.",
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="fleet-api"}[1m]))) > 1',
        ends="07:34:00",
    )

    b.background(
        {
            "rules-engine": 3,
            "telemetry-ingest": 2,
            "tsdb-writer": 1.5,
            "alert-dispatch": 1,
            "fleet-api": 1.5,
            "mqtt-edge": 1,
            "rules-cache": 0.3,
            "telemetry-stream": 0.6,
        },
        1250,
    )
    ing = b.new_pods("telemetry-ingest", 6)
    for i, pod in enumerate(ing):
        b.at(
            "telemetry-ingest",
            b.t("08:05:20") + i * 40,
            "info",
            "bridge started",
            _host=pod,
            labels={"version": "1.19.3", "group": "$share/eu-central/telemetry/#"},
        )
    new = b.new_pods("rules-engine", 3)
    b.at(
        "rules-engine",
        "08:22:41",
        "info",
        "Started RulesEngineApplicationKt in 22.4 seconds (process running for 24.1)",
        _host=new[0],
    )
    for pod in new[1:]:
        b.at(
            "rules-engine",
            b.t("08:34:05") + b.r.uniform(0, 30),
            "info",
            "Started RulesEngineApplicationKt in 23.0 seconds (process running for 24.9)",
            _host=pod,
        )

    def eval_fail(r: random.Random, t: float) -> Any:
        return f"Rule evaluation failed fleet=FL-{r.randint(100, 999):04d} rule=temp-max-5C trailer={trailer(r)}", {
            "error": {
                "type": "java.lang.ClassCastException",
                "message": "class java.lang.Double cannot be cast to class java.math.BigDecimal",
                "stack_trace": "java.lang.ClassCastException: class java.lang.Double cannot be cast to class "
                "java.math.BigDecimal\n"
                "\tat com.frostline.rules.dsl.v2.CompiledPredicate.eval(CompiledPredicate.kt:88)\n"
                "\tat com.frostline.rules.engine.Evaluator.apply(Evaluator.kt:141)",
            },
            "log": {"logger": "c.frostline.rules.engine.Evaluator"},
        }

    b.stream("rules-engine", "08:23:10", "08:34:05", 6.0, "error", eval_fail, hosts=new[:1])
    b.stream("rules-engine", "08:34:05", None, 3.5, "error", eval_fail, hosts=new)
    b.stream(
        "rules-engine",
        "08:26:00",
        None,
        12.0,
        "warn",
        lambda r, t: (
            f"Retrying record telemetry.v3-{r.randint(0, 47)}@{r.randint(10**8, 9 * 10**8)} (attempt "
            f"{r.randint(2, 5)}/5)"
        ),
        hosts=new,
    )
    b.stream(
        "rules-engine",
        "08:30:00",
        None,
        40.0,
        "warn",
        lambda r, t: (
            f"GC pause (G1 Evacuation Pause) {r.randint(2000, 2200)}M->{r.randint(1900, 2100)}M(2304M) "
            f"{r.uniform(300, 900):.3f}ms"
        ),
        hosts=new,
    )
    return b


def fl_devices_reconnecting(c: Company) -> Builder:
    b = Builder(c, "devices-reconnecting-in-waves", "2025-06-12", "12:00", "13:38:30", 10, noise=0.03)
    b.description = (
        "Since about 13:30 UTC trailers drop off the live map and come back in waves; the device-auth service "
        "returns errors. Page on device-auth 5xx at 13:33 UTC."
    )
    b.cause, b.culprit = "config_change", "mqtt-edge"
    b.distractor = (
        "victim device-auth alerts first and loudest with an innocent deploy of its own 17 min before; registry-db "
        "saturates and alerts; the culprit's own churn warning comes last; ~90 s lag from config to reconnect storm"
    )
    waves = [(b.t("13:30:10"), 0.0)]
    for k in range(12):
        t0 = b.t("13:30:10") + k * 90
        waves += [(t0 + 45, 1.0), (t0 + 90, 0.2)]
    b.fx("mqtt-edge", "saturation", "add", -0.16, *b.ramp("13:30:10", 60))
    b.fx("mqtt-edge", "saturation", "add", -0.05, *waves, jitter=0.2)
    b.fx("mqtt-edge", "request_rate", "mul", 0.72, *b.ramp("13:30:10", 90))
    b.fx("mqtt-edge", "cpu_utilisation", "to", 0.83, *b.ramp("13:30:20", 60))
    b.fx("mqtt-edge", "latency_p99_seconds", "mul", 3.0, *b.ramp("13:30:20", 60))
    b.fx("device-auth", "request_rate", "mul", 17, *b.ramp("13:30:40", 60))
    b.fx("device-auth", "request_rate", "mul", 1.4, *waves[2:], jitter=0.1)
    b.fx("device-auth", "latency_p99_seconds", "to", 2.8, *b.ramp("13:31:00", 90))
    b.fx("device-auth", "error_ratio", "add", 0.35, *b.ramp("13:31:20", 120))
    b.fx("device-auth", "cpu_utilisation", "to", 0.95, *b.ramp("13:30:50", 60))
    b.fx("device-auth", "memory_utilisation", "add", 0.15, *b.ramp("13:30:50", 240))
    b.fx("registry-db", "request_rate", "mul", 4.0, *b.ramp("13:30:50", 60))
    b.fx("registry-db", "saturation", "to", 0.88, *b.ramp("13:31:00", 120))
    b.fx("registry-db", "latency_p99_seconds", "to", 0.4, *b.ramp("13:31:10", 120))
    for svc in ("telemetry-ingest", "tsdb-writer", "rules-engine", "telemetry-stream"):
        b.fx(svc, "request_rate", "mul", 0.74, *b.ramp("13:30:20", 90))
    b.fx("telemetry-ingest", "latency_p99_seconds", "mul", 2.0, *b.ramp("13:30:20", 90))
    for svc in ("geo-svc", "alert-dispatch", "rules-cache", "timeseries-db"):
        b.drop(svc)
    b.drop("fleet-api", "memory_utilisation")
    b.drop("rules-engine", "memory_utilisation")
    b.drop("rules-engine", "cpu_utilisation")
    b.gap("telemetry-stream", None, "12:31:00", "12:36:00")

    b.change(
        "tf-pg-0412",
        "registry-db",
        "config",
        None,
        None,
        "12:40:00",
        "12:40:10",
        "ci-terraform",
        "registry-db parameter group: work_mem 16MB -> 32MB",
    )
    b.change(
        "argo-device-auth-3.4.0",
        "device-auth",
        "deploy",
        "3.4.0",
        "3.3.7",
        "13:12:00",
        "13:15:30",
        "argo-rollouts",
        "device-auth 3.4.0: cache negative auth results for 30s",
    )
    b.change(
        "tf-emqx-98",
        "mqtt-edge",
        "config",
        None,
        None,
        "13:29:00",
        "13:29:40",
        "ci-terraform",
        "emqx-cluster: mqtt.server_keepalive disabled -> 45 (keepalive_multiplier 1.5)",
    )

    b.alert(
        "HTTP5xxRateHigh",
        "device-auth",
        "page",
        "13:33:40",
        "device-auth 5xx ratio 0.33",
        "5xx ratio above 5% for 2m on POST /mqtt/auth.",
        'sum(rate(http_requests_received_total{job="device-auth",code=~"5.."}[1m])) / '
        'sum(rate(http_requests_received_total{job="device-auth"}[1m])) > 0.05',
    )
    b.alert(
        "PostgresConnectionSaturation",
        "registry-db",
        "critical",
        "13:34:20",
        "registry-db at 87% of max_connections",
        "connections / max_connections above 0.8 for 2m.",
        'max(pg_stat_activity_count{server="registry-db"}) / '
        'max(pg_settings_max_connections{server="registry-db"}) > 0.8',
    )
    b.alert(
        "MqttSessionChurnHigh",
        "mqtt-edge",
        "warning",
        "13:36:00",
        "client (re)connects at 210/s",
        "emqx_client_connected rate above 50/s for 5m.",
        'sum(rate(emqx_client_connected{cluster="edge"}[1m])) > 50',
    )

    b.background(
        {
            "mqtt-edge": 2.5,
            "device-auth": 2.5,
            "telemetry-ingest": 1.2,
            "registry-db": 0.5,
            "fleet-api": 1,
            "tsdb-writer": 0.8,
            "rules-engine": 0.8,
        },
        1050,
    )
    new = b.new_pods("device-auth", 4)
    for i, pod in enumerate(new):
        t = b.t("13:12:30") + i * 50
        b.at(
            "device-auth",
            t,
            "info",
            "Now listening on: http://[::]:8080",
            _host=pod,
            log={"logger": "Microsoft.Hosting.Lifetime"},
            event={"code": "14"},
        )
        b.at(
            "device-auth",
            t + 1,
            "info",
            "Application started. Hosting environment: Production; Content root path: /app",
            _host=pod,
            log={"logger": "Microsoft.Hosting.Lifetime"},
            event={"code": "0"},
        )
    for pod in c.pods["mqtt-edge"]:
        b.at(
            "mqtt-edge",
            b.t("13:29:05") + b.r.uniform(0, 20),
            "info",
            "msg: config_changed, path: mqtt.server_keepalive, old: disabled, new: 45",
            _host=pod,
        )
    b.stream(
        "mqtt-edge",
        "13:30:10",
        None,
        2.6,
        "warn",
        lambda r, t: (
            f"msg: keepalive_timeout, clientid: {trailer(r)}, peername: 10.{r.randint(80, 89)}.{r.randint(0, 255)}."
            f"{r.randint(2, 254)}:{r.randint(30000, 60000)}, keepalive: 120, server_keepalive: 45"
        ),
    )
    b.stream(
        "mqtt-edge",
        "13:30:40",
        None,
        3.5,
        "info",
        lambda r, t: f"msg: client_connected, clientid: {trailer(r)}, proto_ver: 4, keepalive: 45, clean_start: false",
    )

    def db_exhausted(r: random.Random, t: float) -> Any:
        if r.random() < 0.5:
            return (
                "Npgsql.NpgsqlException (0x80004005): The connection pool has been exhausted, either raise 'Max "
                "Pool Size' "
                "(currently 100) or 'Timeout' (currently 15 seconds) in your connection string.",
                {
                    "log": {"logger": "Frostline.DeviceAuth.Api.AuthController"},
                    "error": {"type": "Npgsql.NpgsqlException"},
                },
            )
        return (
            f"Failed executing DbCommand ({r.randint(14000, 30100)}ms) [Parameters=[@__clientId_0='?' (Size = 16)], "
            "CommandType='Text', CommandTimeout='30']\nSELECT d.id, d.cert_fingerprint, f.acl FROM devices AS d "
            "INNER JOIN fleets AS f "
            "ON d.fleet_id = f.id WHERE d.client_id = @__clientId_0",
            {"log": {"logger": "Microsoft.EntityFrameworkCore.Database.Command"}, "event": {"code": "20102"}},
        )

    b.stream("device-auth", "13:31:20", None, 3.0, "error", db_exhausted, ramp=60)
    b.stream(
        "device-auth",
        "13:31:00",
        None,
        6.0,
        "warn",
        lambda r, t: (
            "Request finished HTTP/1.1 POST http://device-auth/mqtt/auth - 503 - application/problem+json "
            f"{r.uniform(2000, 15000):.4f}ms",
            {"log": {"logger": "Microsoft.AspNetCore.Hosting.Diagnostics"}, "event": {"code": "2"}},
        ),
    )
    b.stream(
        "registry-db",
        "13:31:30",
        None,
        7.0,
        "info",
        lambda r, t: (
            f"duration: {r.uniform(800, 3200):.3f} ms  execute <unnamed>: SELECT d.id, d.cert_fingerprint, f.acl "
            "FROM devices d "
            "JOIN fleets f ON d.fleet_id = f.id WHERE d.client_id = $1"
        ),
    )
    return b


def fl_dashboard_history_failing(c: Company) -> Builder:
    b = Builder(c, "dashboard-history-charts-failing", "2025-06-16", "05:00", "09:52:00", 90, noise=0.03)
    b.description = (
        "Customers report that the temperature-history charts on the dashboard fail to load and that the newest "
        "readings are missing, since about 09:42 UTC. Write-backlog alert at 09:46 UTC."
    )
    b.cause, b.culprit = "resource_saturation", "timeseries-db"
    b.distractor = (
        "disk fills slowly over 5 h; the culprit never alerts; innocent tsdb-writer (alerting service) deploy changing "
        "batch size 25 min before; fleet-api flag 12 min before onset; resolved alert-dispatch alert"
    )
    b.steady.add(("timeseries-db", "saturation"))
    b.fx("timeseries-db", "saturation", "to", 0.9995, (b.t("05:00"), 0.0), (b.t("09:41:30"), 1.0), jitter=0.0)
    b.fx("timeseries-db", "latency_p99_seconds", "to", 2.5, *b.ramp("09:41:40", 120))
    b.fx("timeseries-db", "request_rate", "mul", 0.4, *b.ramp("09:41:40", 90))
    b.fx("tsdb-writer", "error_ratio", "add", 0.6, *b.ramp("09:41:50", 90))
    b.fx("tsdb-writer", "saturation", "to", 1.0, *b.ramp("09:42:00", 600))
    b.fx("tsdb-writer", "request_rate", "mul", 0.35, *b.ramp("09:41:50", 90))
    b.fx("tsdb-writer", "cpu_utilisation", "mul", 0.7, *b.ramp("09:41:50", 90))
    b.fx("fleet-api", "error_ratio", "add", 0.22, *b.ramp("09:42:30", 120))
    b.fx("fleet-api", "latency_p99_seconds", "mul", 1.4, *b.ramp("09:42:30", 120))
    b.drop("device-auth")
    b.drop("rules-cache")
    b.drop("mqtt-edge", "cpu_utilisation")

    b.change(
        "argo-geo-0.14.2",
        "geo-svc",
        "deploy",
        "0.14.2",
        "0.14.1",
        "06:15:00",
        "06:16:30",
        "argo-rollouts",
        "geo-svc: shapely 2.0.6",
    )
    b.change(
        "argo-tsdbw-0.27.0",
        "tsdb-writer",
        "deploy",
        "0.27.0",
        "0.26.3",
        "09:18:00",
        "09:21:20",
        "argo-rollouts",
        "tsdb-writer 0.27.0: COPY batch 5000 -> 8000 rows; zstd decompression on the consumer",
    )
    b.change(
        "unleash-3391",
        "fleet-api",
        "flag",
        None,
        None,
        "09:30:00",
        "09:30:02",
        "unleash:p.schulz",
        "dashboard.history_v2 enabled for 10% of organisations",
    )

    b.alert(
        "TelemetryWriteBacklog",
        "tsdb-writer",
        "page",
        "09:46:00",
        "tsdb-writer lag 380k readings",
        "consumer group tsdb-writer lag above 150000 for 3m; dashboards show stale data.",
        'max(kafka_consumergroup_lag{group="tsdb-writer"}) > 150000',
    )
    b.alert(
        "CeleryQueueDepth",
        "alert-dispatch",
        "warning",
        "07:02:00",
        "sms queue depth 640",
        'celery_queue_length{queue="sms"} above 500 for 5m.',
        'sum(celery_queue_length{queue="sms"}) > 500',
        ends="07:15:00",
    )
    b.alert(
        "DashboardAPIErrorBudgetBurn",
        "fleet-api",
        "page",
        "09:48:30",
        "fleet-api burning error budget at 19x",
        "5m/1h burn rate 19 for the dashboard API SLO (99.9%).",
        "slo:fleet_api_errors:burnrate5m > 14.4 and slo:fleet_api_errors:burnrate1h > 14.4",
    )

    b.background(
        {
            "tsdb-writer": 2.5,
            "timeseries-db": 1.2,
            "fleet-api": 2,
            "telemetry-ingest": 1.5,
            "rules-engine": 1,
            "alert-dispatch": 0.8,
            "geo-svc": 0.8,
        },
        1400,
    )
    for k in range(10):
        t = b.t("05:10") + k * 1800 + b.r.uniform(0, 60)
        b.at("timeseries-db", t, "error", "job 1003 threw an error")
        b.at(
            "timeseries-db",
            t + 0.01,
            "error",
            "canceling statement due to lock timeout",
            labels={
                "context": 'SQL statement "SELECT public.compress_chunk(...)" PL/pgSQL function '
                "_timescaledb_functions.policy_compression"
            },
        )
        b.at(
            "timeseries-db",
            t + 0.02,
            "info",
            'background worker "Compression Policy [1003]" (PID 88213) exited with exit code 1',
        )
    new = b.new_pods("tsdb-writer", 4)
    for i, pod in enumerate(new):
        b.at(
            "tsdb-writer",
            b.t("09:18:20") + i * 45,
            "info",
            "starting tsdb-writer",
            _host=pod,
            labels={"version": "0.27.0", "batch_rows": 8000, "group": "tsdb-writer"},
        )
    b.stream(
        "timeseries-db",
        "09:41:32",
        None,
        5.0,
        "error",
        lambda r, t: (
            f'could not extend file "base/16401/{r.choice([2230471, 2230488, 2230502])}.{r.randint(1, 9)}": No '
            "space left on device"
        ),
    )
    b.stream(
        "tsdb-writer",
        "09:41:50",
        None,
        3.5,
        "error",
        lambda r, t: (
            "copy batch failed",
            {
                "error": {
                    "type": "*pgconn.PgError",
                    "message": f'ERROR: could not extend file "base/16401/2230471.{r.randint(1, 9)}": No space '
                    "left on device (SQLSTATE 53100)",
                },
                "labels": {"rows": 8000, "attempt": r.randint(1, 5), "table": "readings"},
            },
        ),
    )
    b.stream(
        "tsdb-writer",
        "09:43:00",
        None,
        45.0,
        "warn",
        lambda r, t: ("consumer paused, retrying batch", {"labels": {"lag": int(60000 * (t - b.t("09:42")) / 60)}}),
    )
    b.stream(
        "fleet-api",
        "09:42:30",
        None,
        6.0,
        "error",
        lambda r, t: (
            'GET /v2/trailers/:id/history 500 - QueryFailedError: could not write to file "base/pgsql_tmp/pgsql_tmp'
            f'{r.randint(1000, 9999)}.3": No space left on device',
            {"http": {"response": {"status_code": 500}}, "url": {"path": "/v2/trailers/:id/history"}},
        ),
    )
    return b


def fl_reefer_telemetry_lagging(c: Company) -> Builder:
    b = Builder(c, "reefer-telemetry-lagging-afternoon", "2025-06-19", "13:00", "14:47:00", 15, noise=0.035)
    b.description = (
        "Live temperatures on the dashboard are several minutes behind since about 14:37 UTC. Ingest-lag page at "
        "14:41 UTC. (Log shipping was down for maintenance, so there are no logs.)"
    )
    b.cause, b.culprit = "traffic_surge", "mqtt-edge"
    b.distractor = (
        "no logs.jsonl; devices reconnect after a cellular outage and flush buffered readings; innocent "
        "telemetry-ingest "
        "(alerting service) deploy 22 min before and tsdb-writer config 6 min before; resolved connection-drop alert"
    )
    b.with_logs = False
    outage = [(b.t("14:05"), 0.0), (b.t("14:07"), 1.0), (b.t("14:35:30"), 1.0), (b.t("14:36:00"), 0.0)]
    b.fx("mqtt-edge", "saturation", "add", -0.22, *outage)
    for svc in ("mqtt-edge", "telemetry-ingest", "telemetry-stream", "rules-engine", "tsdb-writer"):
        b.fx(svc, "request_rate", "mul", 0.69, *outage)
    b.fx(
        "mqtt-edge",
        "request_rate",
        "mul",
        5.1,
        (b.t("14:35:50"), 0.0),
        (b.t("14:36:40"), 1.0),
        (b.t("14:43"), 1.0),
        (b.t("14:47"), 0.75),
    )
    b.fx("mqtt-edge", "cpu_utilisation", "to", 0.97, *b.ramp("14:36:00", 60))
    b.fx("mqtt-edge", "latency_p99_seconds", "mul", 6.0, *b.ramp("14:36:20", 60))
    spike = [(b.t("14:35:30"), 0.0), (b.t("14:36:00"), 1.0), (b.t("14:38:30"), 1.0), (b.t("14:40:00"), 0.1)]
    b.fx("device-auth", "request_rate", "mul", 11, *spike)
    b.fx("device-auth", "cpu_utilisation", "mul", 2.5, *spike)
    b.fx("device-auth", "latency_p99_seconds", "mul", 3.0, *spike)
    b.fx("telemetry-ingest", "request_rate", "mul", 3.0, *b.ramp("14:36:15", 60))
    b.fx("telemetry-ingest", "latency_p99_seconds", "to", 240, *b.ramp("14:36:30", 600))
    b.fx("telemetry-ingest", "saturation", "to", 1.0, *b.ramp("14:36:30", 240))
    b.fx("telemetry-ingest", "error_ratio", "add", 0.01, *b.ramp("14:37:00", 120))
    b.fx("telemetry-stream", "request_rate", "mul", 3.0, *b.ramp("14:36:20", 60))
    b.fx("telemetry-stream", "latency_p99_seconds", "mul", 4.0, *b.ramp("14:36:20", 60))
    b.fx("rules-engine", "saturation", "to", 0.9, *b.ramp("14:37:00", 420))
    b.fx("rules-engine", "latency_p99_seconds", "to", 180, *b.ramp("14:37:00", 480))
    b.fx("rules-engine", "cpu_utilisation", "to", 0.95, *b.ramp("14:36:40", 90))
    b.fx("rules-engine", "request_rate", "mul", 1.9, *b.ramp("14:36:40", 90))
    b.fx("tsdb-writer", "saturation", "to", 0.8, *b.ramp("14:37:00", 480))
    b.fx("tsdb-writer", "request_rate", "mul", 1.7, *b.ramp("14:36:40", 90))
    b.fx("tsdb-writer", "cpu_utilisation", "to", 0.92, *b.ramp("14:36:40", 90))
    b.fx("timeseries-db", "latency_p99_seconds", "mul", 2.0, *b.ramp("14:37:00", 120))
    b.fx("timeseries-db", "request_rate", "mul", 1.5, *b.ramp("14:37:00", 120))
    b.drop("geo-svc")
    b.drop("alert-dispatch")
    b.drop("fleet-api", "memory_utilisation")
    b.drop("rules-engine", "memory_utilisation")
    b.drop("timeseries-db", "saturation")

    b.change(
        "argo-geo-0.15.0",
        "geo-svc",
        "deploy",
        "0.15.0",
        "0.14.2",
        "13:20:00",
        "13:21:40",
        "argo-rollouts",
        "geo-svc 0.15.0: depot geofences from registry",
    )
    b.change(
        "argo-tei-1.20.0",
        "telemetry-ingest",
        "deploy",
        "1.20.0",
        "1.19.3",
        "14:11:00",
        "14:14:30",
        "argo-rollouts",
        "bridge 1.20.0: librdkafka 2.3 -> 2.4, linger.ms 5 -> 20",
    )
    b.change(
        "tf-live-2260",
        "tsdb-writer",
        "config",
        None,
        None,
        "14:30:00",
        "14:30:20",
        "terraform",
        "tsdb-writer: max.poll.records 500 -> 1000",
    )

    b.alert(
        "IngestLagSLOBreach",
        "telemetry-ingest",
        "page",
        "14:41:30",
        "Readings reach Kafka 212s after the device sent them (p99)",
        "End-to-end ingest lag p99 above 60s for 3m.",
        'max(bridge_end_to_end_lag_seconds{quantile="0.99"}) > 60',
    )
    b.alert(
        "MqttConnectionsDropped",
        "mqtt-edge",
        "warning",
        "14:09:00",
        "connected clients down 31% vs 1h ago",
        "emqx_connections_count 31% below its value one hour ago.",
        'sum(emqx_connections_count{cluster="edge"}) < 0.8 * sum(emqx_connections_count{cluster="edge"} offset 1h)',
        ends="14:36:30",
    )
    b.alert(
        "KafkaConsumerGroupLagHigh",
        "rules-engine",
        "critical",
        "14:43:00",
        "consumer group rules-engine lag 441k",
        "Sum of partition lag above 200000 for 5m on topic telemetry.v3.",
        'sum(kafka_consumergroup_lag{group="rules-engine",topic="telemetry.v3"}) > 200000',
        labels={"consumergroup": "rules-engine"},
    )
    b.alert(
        "WriteQueueBacklog",
        "tsdb-writer",
        "warning",
        "14:43:30",
        "tsdb-writer lag 300k readings",
        "consumer group tsdb-writer lag above 150000 for 3m.",
        'max(kafka_consumergroup_lag{group="tsdb-writer"}) > 150000',
    )
    return b


def fl_device_status_pages_timing_out(c: Company) -> Builder:
    b = Builder(c, "device-status-pages-timing-out", "2025-06-23", "08:00", "10:43:30", 60, noise=0.035)
    b.description = (
        "Fleet dashboards time out on device and trailer pages since about 10:34 UTC, and some trailers cannot "
        "reconnect. API timeout page at 10:37 UTC."
    )
    b.cause, b.culprit = "dependency_outage", "registry-db"
    b.distractor = (
        "innocent fleet-api (alerting service) deploy 19 min and device-auth config 5 min before; the failing database "
        "never alerts and logs only slow statements; three different callers alert; resolved alert-dispatch alert"
    )
    b.fx("registry-db", "latency_p99_seconds", "to", 1.9, *b.ramp("10:33:00", 60))
    b.fx("registry-db", "saturation", "to", 0.99, *b.ramp("10:33:10", 90))
    b.fx("registry-db", "request_rate", "mul", 0.23, *b.ramp("10:33:20", 60))
    b.fx("fleet-api", "latency_p99_seconds", "to", 10.0, *b.ramp("10:33:40", 90))
    b.fx("fleet-api", "error_ratio", "add", 0.28, *b.ramp("10:34:00", 120))
    b.fx("fleet-api", "cpu_utilisation", "mul", 0.8, *b.ramp("10:34:00", 120))
    b.fx("fleet-api", "memory_utilisation", "add", 0.06, *b.ramp("10:34:00", 300))
    b.fx("device-auth", "error_ratio", "add", 0.19, *b.ramp("10:33:50", 120))
    b.fx("device-auth", "latency_p99_seconds", "to", 5.0, *b.ramp("10:33:40", 90))
    b.fx("mqtt-edge", "saturation", "add", -0.09, *b.ramp("10:35:00", 300))
    b.fx("alert-dispatch", "error_ratio", "add", 0.3, *b.ramp("10:34:30", 120))
    b.fx("alert-dispatch", "saturation", "add", 0.2, *b.ramp("10:34:30", 300))
    b.drop("rules-cache")
    b.drop("tsdb-writer", "cpu_utilisation")
    b.drop("telemetry-stream")

    b.change(
        "tf-emqx-91",
        "mqtt-edge",
        "config",
        None,
        None,
        "09:05:00",
        "09:05:30",
        "ci-terraform",
        "emqx-cluster: listeners.ssl.default.max_connections 40000 -> 50000",
    )
    b.change(
        "argo-fleet-api-5.9.0",
        "fleet-api",
        "deploy",
        "5.9.0",
        "5.8.4",
        "10:14:00",
        "10:19:10",
        "argo-rollouts",
        "fleet-api 5.9.0: fleet summary endpoint; @okta/jwt-verifier 4.x",
    )
    b.change(
        "cfg-device-auth-77",
        "device-auth",
        "config",
        None,
        None,
        "10:28:00",
        "10:28:15",
        "k.brandt",
        "AuthCache:TtlSeconds 300 -> 600",
    )

    b.alert(
        "APIGatewayTimeouts",
        "fleet-api",
        "page",
        "10:37:20",
        "31% of fleet-api requests time out",
        "504 ratio above 5% for 3m.",
        'sum(rate(http_requests_received_total{job="fleet-api",code="504"}[1m])) / '
        'sum(rate(http_requests_received_total{job="fleet-api"}[1m])) > 0.05',
    )
    b.alert(
        "AuthFailureRatioHigh",
        "device-auth",
        "critical",
        "10:37:50",
        "device-auth failing 19% of auth hooks",
        "5xx ratio above 5% for 3m.",
        'sum(rate(http_requests_received_total{job="device-auth",code=~"5.."}[1m])) / '
        'sum(rate(http_requests_received_total{job="device-auth"}[1m])) > 0.05',
    )
    b.alert(
        "MqttConnackRefusedRate",
        "mqtt-edge",
        "warning",
        "10:39:00",
        "CONNACK refused 14/s",
        "emqx_client_auth_failure rate above 5/s for 5m.",
        'sum(rate(emqx_client_auth_failure{cluster="edge"}[1m])) > 5',
    )
    b.alert(
        "SmsDeliveryLatency",
        "alert-dispatch",
        "warning",
        "09:10:00",
        "SMS send p99 9.1s",
        "send_sms runtime p99 above 8s for 10m.",
        'max(celery_task_runtime_seconds{task="dispatch.tasks.send_sms",quantile="0.99"}) > 8',
        ends="09:25:00",
    )

    b.background(
        {
            "fleet-api": 2.5,
            "device-auth": 2,
            "mqtt-edge": 1.5,
            "registry-db": 0.8,
            "alert-dispatch": 0.7,
            "telemetry-ingest": 1,
            "rules-engine": 0.8,
            "geo-svc": 0.6,
        },
        1500,
    )
    new = b.new_pods("fleet-api", 3)
    for i, pod in enumerate(new):
        b.at(
            "fleet-api",
            b.t("10:14:40") + i * 90,
            "info",
            "Nest application successfully started",
            _host=pod,
            log={"logger": "NestApplication"},
            labels={"version": "5.9.0"},
        )
    for pod in c.pods["device-auth"]:
        b.at(
            "device-auth",
            b.t("10:28:10") + b.r.uniform(0, 20),
            "info",
            "Configuration reloaded: AuthCache:TtlSeconds=600",
            _host=pod,
            log={"logger": "Frostline.DeviceAuth.Config"},
        )
    b.stream(
        "registry-db",
        "10:33:30",
        None,
        20.0,
        "info",
        lambda r, t: (
            f"duration: {r.uniform(6000, 29000):.3f} ms  execute <unnamed>: SELECT d.*, f.name FROM devices d JOIN "
            "fleets f "
            "ON f.id = d.fleet_id WHERE d.client_id = $1"
        ),
    )
    b.stream(
        "registry-db",
        "10:34:10",
        None,
        45.0,
        "info",
        lambda r, t: "could not receive data from client: Connection reset by peer",
    )
    b.stream(
        "fleet-api",
        "10:33:40",
        None,
        4.0,
        "error",
        lambda r, t: (
            f"GET {r.choice(['/v2/fleets/:id/summary', '/v2/trailers/:id', '/v2/devices/:id/status'])} 504 - "
            "QueryFailedError: canceling statement due to statement timeout",
            {
                "error": {"type": "QueryFailedError", "message": "canceling statement due to statement timeout"},
                "labels": {"datasource": "registry"},
            },
        ),
        ramp=60,
    )
    b.stream(
        "device-auth",
        "10:33:50",
        None,
        4.0,
        "error",
        lambda r, t: (
            "Npgsql.NpgsqlException (0x80004005): Exception while reading from stream\n ---> System.TimeoutException: "
            "Timeout during reading attempt",
            {"log": {"logger": "Frostline.DeviceAuth.Api.AuthController"}, "error": {"type": "Npgsql.NpgsqlException"}},
        ),
    )
    b.stream(
        "mqtt-edge",
        "10:34:10",
        None,
        6.0,
        "warn",
        lambda r, t: (
            f"msg: authentication_failed, clientid: {trailer(r)}, reason: server_unavailable, authenticator: http (500)"
        ),
    )
    b.stream(
        "alert-dispatch",
        "10:34:30",
        None,
        25.0,
        "error",
        lambda r, t: (
            f"Task dispatch.tasks.send_sms[{uuid(r)}] raised unexpected: OperationalError('canceling statement due "
            "to statement timeout')"
        ),
    )
    return b


def fl_trailer_readings_delayed(c: Company) -> Builder:
    b = Builder(c, "trailer-readings-delayed-midday", "2025-06-26", "10:00", "13:31:00", 30, noise=0.03)
    b.description = (
        "Around 13:22 UTC a share of trailer readings started failing to ingest and the rest arrive late; the "
        "dashboard is a little slower. Bridge publish-failure page at 13:25 UTC."
    )
    b.cause, b.culprit = "infrastructure", "telemetry-stream"
    b.distractor = (
        "routine Kafka broker upgrade on the culprit 80 min earlier; innocent tsdb-writer deploy 14 min and "
        "rules-engine "
        "config 8 min before; zone network event recorded as infra with finished_at null; victims alert, culprit "
        "does not"
    )
    b.fx("telemetry-stream", "latency_p99_seconds", "to", 3.2, *b.ramp("13:21:40", 60))
    b.fx("telemetry-stream", "error_ratio", "add", 0.23, *b.ramp("13:21:50", 60))
    b.fx("telemetry-stream", "saturation", "to", 0.34, *b.ramp("13:22:00", 120))
    b.fx("telemetry-stream", "request_rate", "mul", 0.75, *b.ramp("13:22:00", 60))
    b.fx("telemetry-ingest", "error_ratio", "add", 0.21, *b.ramp("13:22:10", 60))
    b.fx("telemetry-ingest", "latency_p99_seconds", "to", 95, *b.ramp("13:22:10", 300))
    b.fx("telemetry-ingest", "saturation", "to", 0.9, *b.ramp("13:22:10", 300))
    b.fx("telemetry-ingest", "request_rate", "mul", 0.78, *b.ramp("13:22:10", 60))
    b.fx("tsdb-writer", "saturation", "to", 0.6, *b.ramp("13:22:30", 480))
    b.fx("tsdb-writer", "request_rate", "mul", 0.7, *b.ramp("13:22:30", 60))
    b.fx("tsdb-writer", "error_ratio", "add", 0.05, *b.ramp("13:22:30", 60))
    b.fx("rules-engine", "latency_p99_seconds", "to", 40, *b.ramp("13:22:30", 300))
    b.fx("rules-engine", "saturation", "to", 0.5, *b.ramp("13:22:30", 300))
    b.fx("fleet-api", "latency_p99_seconds", "mul", 1.4, *b.ramp("13:23:00", 120))
    roll = [
        (b.t("11:30"), 0.0),
        (b.t("11:31"), 1.0),
        (b.t("11:40"), 0.0),
        (b.t("11:41"), 1.0),
        (b.t("11:51"), 0.0),
        (b.t("11:52"), 1.0),
        (b.t("12:01"), 0.0),
    ]
    b.fx("telemetry-stream", "saturation", "to", 0.33, *roll, jitter=0.1)
    b.fx("telemetry-stream", "latency_p99_seconds", "mul", 2.5, *roll)
    b.drop("geo-svc")
    b.drop("rules-cache")
    b.drop("device-auth", "memory_utilisation")

    b.change(
        "strimzi-kafka-3.7.2",
        "telemetry-stream",
        "deploy",
        "3.7.2",
        "3.7.1",
        "11:30:00",
        "12:02:00",
        "strimzi-operator",
        "Kafka 3.7.1 -> 3.7.2, rolling restart of brokers 0,1,2",
    )
    b.change(
        "argo-tsdbw-0.26.3",
        "tsdb-writer",
        "deploy",
        "0.26.3",
        "0.26.2",
        "13:05:00",
        "13:08:00",
        "argo-rollouts",
        "tsdb-writer 0.26.3: retry jitter on COPY failures",
    )
    b.change(
        "rules-cfg-5512",
        "rules-engine",
        "config",
        None,
        None,
        "13:14:00",
        "13:14:10",
        "a.varga",
        "excursion grace period 120s -> 90s for pharma fleets",
    )
    b.change(
        "aws-health-EC2-NETWORK-euc1-az2",
        "telemetry-stream",
        "infra",
        None,
        None,
        "13:19:00",
        None,
        "aws-health",
        "AWS Health: increased packet loss for instances in euc1-az2 (eu-central-1b); affected: i-0a41c7f2d9e "
        "(kafka-2)",
    )

    b.alert(
        "BridgePublishFailures",
        "telemetry-ingest",
        "page",
        "13:25:40",
        "21% of readings fail to publish",
        "bridge_publish_errors_total ratio above 2% for 3m.",
        "sum(rate(bridge_publish_errors_total[1m])) / sum(rate(bridge_messages_forwarded_total[1m])) > 0.02",
    )
    b.alert(
        "ConsumerLagMinutes",
        "tsdb-writer",
        "warning",
        "13:27:10",
        "tsdb-writer 4.2 minutes behind",
        "estimated consumer lag above 3 minutes for 3m.",
        'max(kafka_consumergroup_lag_seconds{group="tsdb-writer"}) > 180',
    )
    b.alert(
        "KubeJobFailed",
        "geo-svc",
        "warning",
        "11:00:00",
        "Job geo-svc/refresh-geofences failed",
        "Job did not complete successfully.",
        'kube_job_failed{namespace="frostline",job_name=~"refresh-geofences.*"} > 0',
        ends="11:10:00",
    )
    b.alert(
        "LatencySLOWarn",
        "fleet-api",
        "warning",
        "13:28:00",
        "fleet-api p99 0.42s",
        "p99 above 0.4s for 5m.",
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="fleet-api"}[1m]))) > 0.4',
    )

    b.background(
        {
            "telemetry-ingest": 2.5,
            "telemetry-stream": 1.5,
            "tsdb-writer": 1.5,
            "rules-engine": 1.2,
            "fleet-api": 1.5,
            "mqtt-edge": 1,
            "timeseries-db": 0.5,
        },
        1400,
    )
    for i, broker in enumerate(["kafka-0", "kafka-1", "kafka-2"]):
        t = b.t("11:30:40") + i * 640
        b.at("telemetry-stream", t, "info", f"[KafkaServer id={i}] started (kafka.server.KafkaServer)", _host=broker)
        b.at(
            "telemetry-stream",
            t + 90,
            "info",
            f"[Partition telemetry.v3-{b.r.randint(0, 47)} broker={i}] ISR updated to 0,1,2 and version updated to 412",
            _host=broker,
        )
    node = "ip-10-71-34-12.eu-central-1.compute.internal"
    b.stream(
        "telemetry-stream",
        "13:21:35",
        None,
        20.0,
        "warn",
        lambda r, t: (
            f"ena 0000:00:05.0 eth0: Found a Tx that wasn't completed on time, qid {r.randint(0, 7)}, index "
            f"{r.randint(0, 1023)}."
        ),
        hosts=[node],
        flavour="kernel",
    )
    b.stream(
        "telemetry-stream",
        "13:22:20",
        None,
        60.0,
        "error",
        lambda r, t: "ena 0000:00:05.0 eth0: Keep alive watchdog timeout.",
        hosts=[node],
        flavour="kernel",
    )
    b.stream(
        "telemetry-stream",
        "13:21:45",
        None,
        7.0,
        "warn",
        lambda r, t: (
            f"[ReplicaFetcher replicaId={r.choice([0, 1])}, leaderId=2, fetcherId=0] Error sending fetch request "
            f"(sessionId={r.randint(10**8, 10**9)}, epoch=INITIAL) to node 2: java.net.SocketTimeoutException: "
            "Failed to connect within 30000 ms "
            "(kafka.server.ReplicaFetcherThread)"
        ),
        hosts=["kafka-0", "kafka-1"],
    )
    b.stream(
        "telemetry-stream",
        "13:22:10",
        None,
        15.0,
        "info",
        lambda r, t: (
            f"[Partition telemetry.v3-{r.randint(0, 47)} broker={r.choice([0, 1])}] Shrinking ISR from 2,0,1 to 0,1. "
            "Leader: (highWatermark: 88213301, endOffset: 88213377). Out of sync replicas: (brokerId: 2, "
            "endOffset: 88201442)."
        ),
        hosts=["kafka-0", "kafka-1"],
    )

    def produce_fail(r: random.Random, t: float) -> Any:
        return "kafka produce failed", {
            "error": {"type": "kafka.Error", "message": "Local: Message timed out"},
            "labels": {"broker": "kafka-2.kafka-brokers.platform.svc:9092/2", "partition": r.randint(0, 47)},
        }

    b.stream("telemetry-ingest", "13:22:10", None, 3.0, "error", produce_fail)
    b.stream(
        "telemetry-ingest",
        "13:22:00",
        None,
        20.0,
        "warn",
        lambda r, t: (
            "librdkafka: FAIL",
            {
                "labels": {
                    "detail": "kafka-2.kafka-brokers.platform.svc:9092/2: Connection setup timed out "
                    "in state CONNECT (after 30029ms in state CONNECT)"
                }
            },
        ),
    )
    b.stream(
        "tsdb-writer",
        "13:23:00",
        None,
        30.0,
        "warn",
        lambda r, t: ("fetch from partition leader slow", {"labels": {"broker": 2, "wait_ms": r.randint(5000, 30000)}}),
    )
    return b


def fl_sms_alerts_not_arriving(c: Company) -> Builder:
    b = Builder(c, "cold-chain-sms-alerts-not-arriving", "2025-06-30", "15:00", "16:42:00", 15, noise=0.04)
    b.description = (
        "Drivers and depot managers say excursion SMS are late or missing since about 16:31 UTC; the SMS task queue "
        "keeps growing. Queue backlog page at 16:36 UTC."
    )
    b.cause, b.culprit = "external", "sinch"
    b.distractor = (
        "innocent alert-dispatch (alerting service) sender-ID config change 19 min before; rules-engine deploy 7 min "
        "before with a resolved restart alert; task retries triple the send rate and load registry-db"
    )
    b.fx("alert-dispatch", "error_ratio", "add", 0.45, *b.ramp("16:31:10", 60))
    b.fx("alert-dispatch", "request_rate", "mul", 3.2, *b.ramp("16:31:30", 180))
    b.fx("alert-dispatch", "saturation", "to", 0.93, *b.ramp("16:31:40", 420))
    b.fx("alert-dispatch", "latency_p99_seconds", "to", 12.0, *b.ramp("16:31:20", 60))
    b.fx("registry-db", "request_rate", "mul", 1.25, *b.ramp("16:31:40", 120))
    b.fx("registry-db", "latency_p99_seconds", "mul", 1.2, *b.ramp("16:31:40", 120))
    restart = [(b.t("16:20:30"), 0.0), (b.t("16:21"), 1.0), (b.t("16:24:30"), 1.0), (b.t("16:25:30"), 0.0)]
    b.fx("rules-engine", "latency_p99_seconds", "mul", 3.0, *restart)
    b.fx("rules-engine", "cpu_utilisation", "mul", 1.5, *restart)
    for svc in ("telemetry-stream", "rules-cache", "tsdb-writer", "timeseries-db", "device-auth"):
        b.drop(svc)
    b.drop("geo-svc", "error_ratio")

    b.change(
        "cfg-dispatch-204",
        "alert-dispatch",
        "config",
        None,
        None,
        "16:12:00",
        "16:12:30",
        "m.haugen",
        "SMS_SENDER_ID 'Frostline' -> 'FROSTLN' (alphanumeric sender IDs for NO/SE numbers)",
    )
    b.change(
        "argo-rules-2.31.4",
        "rules-engine",
        "deploy",
        "2.31.4",
        "2.31.3",
        "16:20:00",
        "16:24:40",
        "argo-rollouts",
        "rules-engine 2.31.4: door-open rule debounce 30s",
    )
    b.change(
        "argo-geo-0.15.3",
        "geo-svc",
        "config",
        None,
        None,
        "15:25:00",
        "15:25:10",
        "argo-rollouts",
        "geo-svc: MAPBOX_TIMEOUT 3s -> 5s",
    )

    b.alert(
        "CeleryQueueBacklog",
        "alert-dispatch",
        "page",
        "16:36:45",
        "sms queue depth 2410",
        'celery_queue_length{queue="sms"} above 1000 for 3m; call-outs are delayed.',
        'sum(celery_queue_length{queue="sms"}) > 1000',
    )
    b.alert(
        "TaskRetryRateHigh",
        "alert-dispatch",
        "warning",
        "16:37:15",
        "send_sms retrying 47% of executions",
        "RETRY share above 10% for 5m.",
        'sum(rate(celery_tasks_total{task="dispatch.tasks.send_sms",state="RETRY"}[5m])) / '
        'sum(rate(celery_tasks_total{task="dispatch.tasks.send_sms"}[5m])) > 0.1',
    )
    b.alert(
        "RulesEnginePodRestarts",
        "rules-engine",
        "warning",
        "16:22:00",
        "rules-engine pods restarted 5 times in 10m",
        "kube_pod_container_status_restarts_total increase above 3.",
        'increase(kube_pod_container_status_restarts_total{container="rules-engine"}[10m]) > 3',
        ends="16:26:00",
    )

    b.background(
        {
            "alert-dispatch": 2.5,
            "rules-engine": 1.5,
            "fleet-api": 1.5,
            "mqtt-edge": 1,
            "telemetry-ingest": 1.2,
            "registry-db": 0.5,
            "geo-svc": 0.6,
        },
        1000,
        until={"alert-dispatch": "16:12"},
    )
    b.stream(
        "alert-dispatch",
        "16:12:40",
        "16:31:10",
        6.0,
        "info",
        lambda r, t: (
            f"Task dispatch.tasks.send_sms[{uuid(r)}] succeeded in {r.uniform(0.3, 1.1):.3f}s: "
            f"'delivered sender=FROSTLN to=+47*****{r.randint(100, 999)}'"
        ),
    )
    b.stream(
        "alert-dispatch",
        "16:31:10",
        None,
        9.0,
        "info",
        lambda r, t: (
            f"Task dispatch.tasks.send_sms[{uuid(r)}] succeeded in {r.uniform(0.4, 9.5):.3f}s: "
            f"'delivered sender=FROSTLN to=+4{r.choice([6, 7, 9])}*****{r.randint(100, 999)}'"
        ),
    )
    b.stream(
        "alert-dispatch",
        "16:31:10",
        None,
        2.4,
        "warn",
        lambda r, t: (
            f"Task dispatch.tasks.send_sms[{uuid(r)}] retry: Retry in {r.choice([15, 30, 60])}s: HTTPError('503 "
            "Server Error: "
            "Service Unavailable for url: https://eu.sms.api.sinch.com/xms/v1/frstln01/batches')"
        ),
    )
    b.stream(
        "alert-dispatch",
        "16:31:30",
        None,
        5.0,
        "error",
        lambda r, t: (
            f"Task dispatch.tasks.send_sms[{uuid(r)}] raised unexpected: "
            'ReadTimeout(ReadTimeoutError("HTTPSConnectionPool('
            "host='eu.sms.api.sinch.com', port=443): Read timed out. (read timeout=10)\"))"
        ),
    )
    new = b.new_pods("rules-engine", 5)
    for i, pod in enumerate(new):
        b.at(
            "rules-engine",
            b.t("16:20:40") + i * 50,
            "info",
            "Started RulesEngineApplicationKt in 24.2 seconds (process running for 26.0)",
            _host=pod,
        )
    return b


# ---------------------------------------------------------------------------------------------
# Turnstile scenarios
# ---------------------------------------------------------------------------------------------

ONSALE = ("edge_proxy", "event_api", "seatmap_svc", "waiting_room", "event_db", "checkout_api")


def order_no(r: random.Random) -> int:
    return r.randint(40_000_000, 49_999_999)


def event_no(r: random.Random) -> str:
    return f"EV{r.randint(24000, 25999)}"


def ts_seat_holds_failing(c: Company) -> Builder:
    b = Builder(c, "seat-holds-failing-onsale", "2025-10-07", "13:00", "15:43:20", 15, noise=0.04)
    b.description = (
        'During the 11:00 ET on-sale wave many fans get "those seats are no longer available" at checkout, from '
        "about 15:31 UTC. Checkout 5xx page at 15:37 UTC."
    )
    b.cause, b.culprit = "deploy", "seatmap_svc"
    b.distractor = (
        "the culprit never alerts; rolling deploy (errors grow per pod); innocent checkout_api (alerting service) "
        "deploy 14 min before the fault and payments_gw config change mid-rollout, 4 min before the first alert; "
        "on-sale traffic bumps at the top of each hour"
    )
    b.bumps.append((ONSALE, 3600, 0, 600, 1.35))
    roll = b.steps("15:30:00", 85, 8, lag=20)
    b.fx("seatmap_svc", "error_ratio", "add", 0.31, *roll)
    b.fx("seatmap_svc", "latency_p99_seconds", "to", 1.9, *roll)
    b.fx("seatmap_svc", "cpu_utilisation", "mul", 1.2, *roll)
    b.fx("event_db", "saturation", "add", 0.4, *roll)
    b.fx("event_db", "latency_p99_seconds", "mul", 3.0, *roll)
    b.fx("checkout_api", "error_ratio", "add", 0.27, *b.steps("15:30:00", 85, 8, lag=40))
    b.fx("checkout_api", "latency_p99_seconds", "to", 4.2, *b.steps("15:30:00", 85, 8, lag=40))
    b.fx("edge_proxy", "error_ratio", "add", 0.09, *b.steps("15:30:00", 85, 8, lag=50))
    b.drop("queue_redis")
    b.drop("ticket_issuer")
    b.drop("partner_api", "cpu_utilisation")

    b.change(
        "gh-deploy-checkout-2025.10.07.2",
        "checkout_api",
        "deploy",
        "2025.10.07.2",
        "2025.10.07.1",
        "15:11:00",
        "15:16:20",
        "github-actions",
        "checkout_api: Apple Wallet payload in order confirmation",
    )
    b.change(
        "cfg-payments-318",
        "payments_gw",
        "config",
        None,
        None,
        "15:33:00",
        "15:33:10",
        "d.ferreira",
        "BRAINTREE_MERCHANT_ACCOUNT_CAD for Canadian events",
    )
    b.change(
        "gh-deploy-seatmap-5.12.0",
        "seatmap_svc",
        "deploy",
        "5.12.0",
        "5.11.3",
        "15:30:00",
        "15:41:30",
        "github-actions",
        "seatmap_svc 5.12.0: batch seat-hold writes into a single transaction",
    )

    b.alert(
        "OrderCreate5xxBurnRate",
        "checkout_api",
        "page",
        "15:37:00",
        "POST /orders burning error budget at 41x",
        "5m/1h burn rate 41 (SLO 99.9%).",
        'slo:order_create_errors:burnrate5m{service="checkout_api"} > 14.4',
    )
    b.alert(
        "MySQLSlowQueries",
        "event_db",
        "warning",
        "14:05:00",
        "event_db slow queries 12/s",
        "mysql_global_status_slow_queries rate above 5/s for 10m.",
        'rate(mysql_global_status_slow_queries{service="event_db"}[5m]) > 5',
        ends="14:20:00",
    )
    b.alert(
        "Envoy5xxRatio",
        "edge_proxy",
        "critical",
        "15:38:10",
        "8.7% of edge responses are 5xx",
        "downstream 5xx ratio above 2% for 3m.",
        'sum(rate(envoy_http_downstream_rq_xx{envoy_response_code_class="5"}[1m])) / '
        "sum(rate(envoy_http_downstream_rq_total[1m])) > 0.02",
    )

    b.background(
        {
            "edge_proxy": 3,
            "event_api": 2,
            "seatmap_svc": 2.5,
            "checkout_api": 2,
            "payments_gw": 1,
            "waiting_room": 1,
            "event_db": 0.4,
            "order_db": 0.3,
        },
        1200,
    )
    for i, pod in enumerate(c.pods["checkout_api"]):
        b.at(
            "checkout_api",
            b.t("15:11:30") + i * 60,
            "info",
            "Application started. Hosting environment: Production",
            _host=pod,
            log={"logger": "Microsoft.Hosting.Lifetime"},
        )
    for pod in c.pods["payments_gw"]:
        b.at(
            "payments_gw",
            b.t("15:33:05") + b.r.uniform(0, 5),
            "info",
            "config reloaded",
            _host=pod,
            labels={"key": "BRAINTREE_MERCHANT_ACCOUNT_CAD"},
        )
    new = b.new_pods("seatmap_svc", 8)

    def deadlock(r: random.Random, t: float) -> Any:
        return f"Seat hold failed event={event_no(r)} section={r.randint(100, 330)}", {
            "error": {
                "type": "org.springframework.dao.CannotAcquireLockException",
                "message": "PreparedStatementCallback; SQL [UPDATE seats SET hold_id = ?, held_until = ? WHERE "
                "event_id = ? AND "
                "seat_id IN (?, ?, ?, ?) AND hold_id IS NULL]; Deadlock found when trying to get lock; try "
                "restarting transaction",
            },
            "log": {"logger": "c.turnstile.seatmap.hold.SeatHoldService"},
        }

    for i, pod in enumerate(new):
        t0 = b.t("15:30:20") + i * 85
        b.at(
            "seatmap_svc",
            t0 - 5,
            "info",
            "Started SeatmapApplication in 18.9 seconds (process running for 20.4)",
            _host=pod,
        )
        b.stream("seatmap_svc", t0 + 10, None, 14.0, "error", deadlock, hosts=[pod])
    b.stream(
        "event_db",
        "15:31:00",
        None,
        20.0,
        "warn",
        lambda r, t: (
            "[MY-012468] [InnoDB] Transactions deadlock detected, dumping detailed information. (lock0lock.cc:6451)"
        ),
    )
    b.stream(
        "checkout_api",
        "15:30:50",
        None,
        4.0,
        "error",
        lambda r, t: (
            f"Seat hold rejected for order {order_no(r)}: seatmap_svc responded 500 Internal Server Error",
            {
                "log": {"logger": "Turnstile.Checkout.Clients.SeatmapClient"},
                "error": {"type": "Turnstile.Checkout.SeatHoldException"},
            },
        ),
        ramp=480,
    )
    return b


def ts_card_payments_timing_out(c: Company) -> Builder:
    b = Builder(c, "card-payments-timing-out-checkout", "2025-10-09", "21:00", "23:11:15", 30, noise=0.04)
    b.description = (
        'Since about 23:03 UTC roughly a quarter of card payments fail with "payment could not be completed"; '
        "some customers report being charged anyway. Checkout 5xx page at 23:06 UTC."
    )
    b.cause, b.culprit = "config_change", "checkout_api"
    b.distractor = (
        "innocent payments_gw (dependency) deploy 11 min before touching the Braintree SDK; payments_gw itself stays "
        "healthy; checkout latency drops while errors rise"
    )
    f = "23:02:40"
    b.fx("checkout_api", "error_ratio", "add", 0.24, *b.ramp(f, 30))
    b.fx("checkout_api", "latency_p99_seconds", "to", 1.05, *b.ramp(f, 60))
    b.fx("checkout_api", "request_rate", "mul", 1.15, *b.ramp("23:03:30", 120))
    b.fx("edge_proxy", "error_ratio", "add", 0.03, *b.ramp("23:02:50", 60))
    b.drop("queue_redis")
    b.drop("waiting_room")
    b.drop("partner_api")
    b.drop("seat_lock_redis", "memory_utilisation")

    b.change(
        "gh-deploy-issuer-3.2.1",
        "ticket_issuer",
        "deploy",
        "3.2.1",
        "3.2.0",
        "21:40:00",
        "21:42:30",
        "github-actions",
        "ticket_issuer: renew pkpass signing certificate",
    )
    b.change(
        "gh-deploy-payments-1.33.0",
        "payments_gw",
        "deploy",
        "1.33.0",
        "1.32.4",
        "22:48:00",
        "22:51:10",
        "github-actions",
        "payments_gw 1.33.0: braintree-go 1.28 -> 1.29, TLS session resumption",
    )
    b.change(
        "config-sync-3312",
        "checkout_api",
        "config",
        None,
        None,
        "23:02:00",
        "23:02:20",
        "config-sync",
        "appsettings.Production.json: PaymentsGw:TimeoutMs 8000 -> 800 (PR #3312 'align HTTP client timeouts')",
    )

    b.alert(
        "OrderCreate5xxBurnRate",
        "checkout_api",
        "page",
        "23:06:30",
        "POST /orders burning error budget at 36x",
        "5m/1h burn rate 36 (SLO 99.9%).",
        'slo:order_create_errors:burnrate5m{service="checkout_api"} > 14.4',
    )
    b.alert(
        "UpstreamConnectTimeouts",
        "edge_proxy",
        "warning",
        "21:50:00",
        "edge connect timeouts to event_api",
        "upstream_cx_connect_timeout rate above 1/s for 5m.",
        'sum(rate(envoy_cluster_upstream_cx_connect_timeout{envoy_cluster_name="event_api"}[1m])) > 1',
        ends="21:55:00",
    )
    b.alert(
        "PaymentFailureRatioHigh",
        "checkout_api",
        "critical",
        "23:07:00",
        "24% of payment attempts fail",
        'payment_attempts_total{result="error"} share above 5% for 3m.',
        'sum(rate(payment_attempts_total{service="checkout_api",result="error"}[1m])) / '
        'sum(rate(payment_attempts_total{service="checkout_api"}[1m])) > 0.05',
    )

    b.background(
        {
            "edge_proxy": 2.5,
            "checkout_api": 2.5,
            "payments_gw": 2.5,
            "event_api": 1.5,
            "seatmap_svc": 1,
            "ticket_issuer": 1,
            "order_db": 0.4,
        },
        1100,
    )
    for pod in c.pods["payments_gw"]:
        b.at(
            "payments_gw",
            b.t("22:48:20") + b.r.uniform(0, 170),
            "info",
            "starting payments_gw",
            _host=pod,
            labels={"version": "1.33.0", "braintree_go": "1.29.0"},
        )
    for pod in c.pods["checkout_api"]:
        b.at(
            "checkout_api",
            b.t("23:02:25") + b.r.uniform(0, 12),
            "info",
            "Configuration reloaded from /config/appsettings.Production.json (PaymentsGw:TimeoutMs=800)",
            _host=pod,
            log={"logger": "Turnstile.Checkout.Configuration.ConfigWatcher"},
        )
    b.stream(
        "checkout_api",
        f,
        None,
        3.0,
        "error",
        lambda r, t: (
            f"Payment authorisation failed for order {order_no(r)}",
            {
                "log": {"logger": "Turnstile.Checkout.Payments.PaymentsGwClient"},
                "error": {
                    "type": "System.Threading.Tasks.TaskCanceledException",
                    "message": "The request was canceled due to the configured HttpClient.Timeout of 0.8 seconds "
                    "elapsing.",
                },
            },
        ),
    )
    b.stream(
        "payments_gw",
        f,
        None,
        4.0,
        "warn",
        lambda r, t: (
            "client went away before response",
            {"labels": {"ms": r.randint(810, 1700), "err": "context canceled", "braintree_status": "authorized"}},
        ),
    )
    return b


def ts_event_pages_slow(c: Company) -> Builder:
    b = Builder(c, "event-pages-slow-partner-hours", "2025-10-14", "15:00", "18:38:45", 60, noise=0.035)
    b.description = (
        "Event pages and checkout are slow since about 18:28 UTC even though there is no big on-sale right now. "
        "The events database paged at 18:32 UTC."
    )
    b.cause, b.culprit = "traffic_surge", "partner_api"
    b.distractor = (
        "the surging caller never alerts; event_db and checkout_api page; innocent event_api deploy 15 min before the "
        "surge and event_db config 47 min before; hourly on-sale bumps"
    )
    b.bumps.append((ONSALE, 3600, 0, 420, 1.3))
    b.fx("partner_api", "request_rate", "mul", 13, *b.ramp("18:27:00", 60))
    b.fx("partner_api", "cpu_utilisation", "to", 0.88, *b.ramp("18:27:10", 60))
    b.fx("partner_api", "latency_p99_seconds", "mul", 8, *b.ramp("18:28:00", 120))
    b.fx("partner_api", "error_ratio", "add", 0.05, *b.ramp("18:29:00", 120))
    b.fx("event_api", "request_rate", "mul", 2.9, *b.ramp("18:27:10", 60))
    b.fx("event_api", "cpu_utilisation", "to", 0.95, *b.ramp("18:27:20", 90))
    b.fx("event_api", "latency_p99_seconds", "to", 2.6, *b.ramp("18:28:00", 120))
    b.fx("event_api", "error_ratio", "add", 0.04, *b.ramp("18:29:00", 120))
    b.fx("event_api", "memory_utilisation", "add", 0.12, *b.ramp("18:27:20", 300))
    b.fx("event_db", "cpu_utilisation", "to", 0.97, *b.ramp("18:27:30", 90))
    b.fx("event_db", "saturation", "to", 0.9, *b.ramp("18:28:00", 120))
    b.fx("event_db", "latency_p99_seconds", "to", 0.4, *b.ramp("18:28:00", 120))
    b.fx("event_db", "request_rate", "mul", 2.6, *b.ramp("18:27:20", 60))
    b.fx("seatmap_svc", "latency_p99_seconds", "to", 1.5, *b.ramp("18:28:30", 120))
    b.fx("seatmap_svc", "error_ratio", "add", 0.03, *b.ramp("18:29:00", 120))
    b.fx("checkout_api", "latency_p99_seconds", "to", 6.5, *b.ramp("18:29:00", 120))
    b.fx("checkout_api", "error_ratio", "add", 0.06, *b.ramp("18:30:00", 120))
    b.fx("edge_proxy", "latency_p99_seconds", "mul", 2.5, *b.ramp("18:28:00", 120))
    b.drop("queue_redis")
    b.drop("order_db")
    b.drop("ticket_issuer")

    b.change(
        "cfg-eventdb-77",
        "event_db",
        "config",
        None,
        None,
        "17:40:00",
        "17:40:05",
        "dba:h.kim",
        "SET GLOBAL long_query_time = 1 (was 2)",
    )
    b.change(
        "gh-deploy-event-7.2.0",
        "event_api",
        "deploy",
        "7.2.0",
        "7.1.9",
        "18:05:00",
        "18:12:20",
        "github-actions",
        "event_api 7.2.0: venue accessibility information on event pages",
    )

    b.alert(
        "CheckoutLatencySLO",
        "checkout_api",
        "page",
        "18:33:00",
        "checkout p99 6.1s",
        "p99 of POST /orders above 5s for 3m.",
        "histogram_quantile(0.99, sum by (le) "
        '(rate(http_server_requests_seconds_bucket{service="checkout_api",uri="/orders"}[1m]))) > 5',
    )
    b.alert(
        "MySQLThreadsRunningHigh",
        "event_db",
        "page",
        "18:32:20",
        "event_db threads_running 58",
        "threads_running above 40 for 2m.",
        'max(mysql_global_status_threads_running{service="event_db"}) > 40',
    )
    b.alert(
        "JvmGcPauseHigh",
        "event_api",
        "warning",
        "18:34:00",
        "event_api spends 18% of time in GC",
        "jvm_gc_pause_seconds_sum rate above 0.1 for 5m.",
        'sum(rate(jvm_gc_pause_seconds_sum{service="event_api"}[5m])) / count(up{service="event_api"}) > 0.1',
    )

    b.background(
        {
            "edge_proxy": 3,
            "event_api": 2.5,
            "partner_api": 1.2,
            "seatmap_svc": 1.5,
            "checkout_api": 1.5,
            "event_db": 0.5,
            "waiting_room": 0.8,
            "payments_gw": 0.6,
        },
        1400,
    )
    new = b.new_pods("event_api", 6)
    for i, pod in enumerate(new):
        b.at(
            "event_api",
            b.t("18:05:30") + i * 80,
            "info",
            "Started EventApiApplication in 24.1 seconds (process running for 26.3)",
            _host=pod,
        )
    b.stream(
        "partner_api",
        "18:27:00",
        None,
        2.0,
        "info",
        lambda r, t: (
            f"GET /partner/v1/events/{event_no(r)}/availability 200 {r.randint(90, 900)}ms "
            f"key={'pk_live_3f3a' if r.random() < 0.92 else r.choice(['pk_live_1c0e', 'pk_live_77b2'])}"
        ),
    )
    b.stream(
        "partner_api",
        "18:27:30",
        None,
        60.0,
        "info",
        lambda r, t: (
            "access summary (60s)",
            {
                "labels": {
                    "top_key": "pk_live_3f3a",
                    "top_key_share": round(r.uniform(0.9, 0.94), 3),
                    "partner": "resale-hub",
                    "rps": r.randint(480, 560),
                }
            },
        ),
    )
    b.stream(
        "event_api",
        "18:28:00",
        None,
        5.0,
        "warn",
        lambda r, t: (
            "HikariPool-1 - Connection is not available, request timed out after 3000ms.",
            {"log": {"logger": "com.zaxxer.hikari.pool.HikariPool"}},
        ),
        hosts=new,
    )
    b.stream(
        "event_api",
        "18:29:00",
        None,
        9.0,
        "error",
        lambda r, t: (
            f"GET /events/{event_no(r)}/availability failed",
            {
                "error": {
                    "type": "org.springframework.jdbc.CannotGetJdbcConnectionException",
                    "message": "Failed to obtain JDBC Connection",
                },
                "log": {"logger": "c.turnstile.events.web.AvailabilityController"},
            },
        ),
        hosts=new,
    )
    b.stream(
        "event_db",
        "18:28:00",
        None,
        15.0,
        "info",
        lambda r, t: (
            f"[MY-010914] [Server] Aborted connection {r.randint(10**5, 10**6)} to db: 'events' user: 'event_api' "
            "host: "
            f"'10.60.4.{r.randint(2, 250)}' (Got an error reading communication packets)."
        ),
    )
    return b


def ts_waiting_room_stuck(c: Company) -> Builder:
    b = Builder(c, "waiting-room-stuck-spinning", "2025-10-16", "20:30", "22:49:10", 10, noise=0.04)
    b.description = (
        "Fans in the virtual queue for tonight's on-sale see the spinner forever or an error page since about "
        "22:41 UTC. Edge availability page at 22:44 UTC."
    )
    b.cause, b.culprit = "dependency_outage", "queue_redis"
    b.distractor = (
        "the culprit has no metrics and no logs at all; innocent edge_proxy (alerting service) route config 3 min "
        "before "
        "and waiting_room deploy 16 min before; browser polling retries raise traffic"
    )
    b.bumps.append((ONSALE, 3600, 0, 300, 1.25))
    b.fx("waiting_room", "error_ratio", "add", 0.62, *b.ramp("22:41:25", 30))
    b.fx("waiting_room", "latency_p99_seconds", "to", 3.0, *b.ramp("22:41:25", 30))
    b.fx("waiting_room", "request_rate", "mul", 1.8, *b.ramp("22:41:40", 120))
    b.fx("waiting_room", "cpu_utilisation", "mul", 0.7, *b.ramp("22:41:30", 60))
    b.fx("edge_proxy", "error_ratio", "add", 0.19, *b.ramp("22:41:35", 60))
    b.fx("edge_proxy", "latency_p99_seconds", "mul", 2.3, *b.ramp("22:41:35", 60))
    for svc in (
        "queue_redis",
        "event_db",
        "order_db",
        "ticket_issuer",
        "payments_gw",
        "seat_lock_redis",
        "partner_api",
    ):
        b.drop(svc)
    b.drop("event_api", "memory_utilisation")
    b.drop("seatmap_svc", "memory_utilisation")
    b.drop("checkout_api", "memory_utilisation")

    b.change(
        "flag-event-page-991",
        "event_api",
        "flag",
        None,
        None,
        "21:30:00",
        "21:30:01",
        "launchdarkly:s.oduya",
        "event_page.show_price_history: on",
    )
    b.change(
        "gh-deploy-wr-0.19.0",
        "waiting_room",
        "deploy",
        "0.19.0",
        "0.18.6",
        "22:22:00",
        "22:25:00",
        "github-actions",
        "waiting_room 0.19.0: admission token TTL 10m -> 15m",
    )
    b.change(
        "envoy-routes-441",
        "edge_proxy",
        "config",
        None,
        None,
        "22:38:00",
        "22:38:20",
        "atlantis",
        "route /queue/*: timeout 2s -> 5s, retries 1 -> 2",
    )

    b.alert(
        "EdgeAvailabilitySLOFastBurn",
        "edge_proxy",
        "page",
        "22:44:30",
        "edge availability burning budget at 58x",
        "5m/1h burn rate 58 (SLO 99.95%).",
        "slo:edge_availability:burnrate5m > 14.4 and slo:edge_availability:burnrate1h > 14.4",
    )
    b.alert(
        "WaitingRoomHTTP5xx",
        "waiting_room",
        "critical",
        "22:45:00",
        "waiting_room 5xx ratio 0.61",
        "5xx ratio above 5% for 2m.",
        'sum(rate(http_server_requests_seconds_count{service="waiting_room",outcome="SERVER_ERROR"}[1m])) / '
        'sum(rate(http_server_requests_seconds_count{service="waiting_room"}[1m])) > 0.05',
    )

    b.background(
        {"edge_proxy": 3, "waiting_room": 2.5, "event_api": 1.5, "seatmap_svc": 1, "checkout_api": 1},
        1100,
    )
    new = b.new_pods("waiting_room", 3)
    for i, pod in enumerate(new):
        b.at(
            "waiting_room",
            b.t("22:22:30") + i * 55,
            "info",
            "waiting room listening",
            _host=pod,
            labels={"version": "0.19.0", "addr": ":8080", "token_ttl": "15m0s"},
        )
    for pod in c.pods["edge_proxy"]:
        b.at(
            "edge_proxy",
            b.t("22:38:05") + b.r.uniform(0, 10),
            "info",
            "lds: add/update listener 'ingress_https' (rds route_config 'public' version 441)",
            _host=pod,
            event={"dataset": "envoy.main"},
        )

    def redis_down(r: random.Random, t: float) -> Any:
        if t < b.t("22:42:30") or r.random() < 0.5:
            msg = "dial tcp 10.60.3.14:6379: connect: connection refused"
        else:
            msg = "dial tcp 10.60.3.14:6379: i/o timeout"
        return "queue position lookup failed", {
            "error": {"type": "*net.OpError", "message": msg},
            "labels": {"redis": "queue-redis-master.turnstile.svc:6379", "event_id": event_no(r)},
        }

    b.stream("waiting_room", "22:41:21", None, 2.0, "error", redis_down, hosts=new)
    b.stream(
        "waiting_room",
        "22:41:30",
        None,
        20.0,
        "warn",
        lambda r, t: (
            "redis pool exhausted, reconnecting",
            {"labels": {"idle": 0, "total": 64, "redis": "queue-redis-master.turnstile.svc:6379"}},
        ),
        hosts=new,
    )

    def edge_5xx(r: random.Random, t: float) -> Any:
        code = r.choice([500, 500, 503])
        return (
            f'[{iso(t)}] "GET /queue/status HTTP/2" {code} - via_upstream - "-" 0 112 {r.randint(2900, 5100)} '
            f'"{uuid(r)}" "waiting_room"',
            {
                "http": {"request": {"method": "GET"}, "response": {"status_code": code}},
                "url": {"path": "/queue/status"},
                "labels": {"upstream_cluster": "waiting_room"},
            },
        )

    b.stream("edge_proxy", "22:41:30", None, 4.0, "info", edge_5xx)
    return b


def ts_seat_selection_errors(c: Company) -> Builder:
    b = Builder(c, "seat-selection-errors-evening", "2025-10-21", "18:00", "22:44:00", 60, noise=0.03)
    b.description = (
        'Since about 22:36 UTC a large share of seat selections fail with "we couldn\'t hold your seats" and '
        "checkout errors climb. Checkout 5xx page at 22:39 UTC."
    )
    b.cause, b.culprit = "resource_saturation", "seat_lock_redis"
    b.distractor = (
        "memory fills over more than 4.5 h; the culprit never alerts and logs nothing useful; innocent seatmap_svc "
        "(alerting service) deploy about seat-hold TTLs 24 min before; order_db config 6 min before onset"
    )
    b.bumps.append((ONSALE, 3600, 0, 420, 1.3))
    for sig in ("memory_utilisation", "saturation"):
        b.steady.add(("seat_lock_redis", sig))
        b.fx("seat_lock_redis", sig, "to", 1.0, (b.t("18:00"), 0.25), (b.t("22:36"), 1.0), jitter=0.0)
    b.fx("seat_lock_redis", "request_rate", "mul", 0.8, *b.ramp("22:36:10", 60))
    b.fx("seatmap_svc", "error_ratio", "add", 0.38, *b.ramp("22:36:10", 60))
    b.fx("seatmap_svc", "latency_p99_seconds", "mul", 1.3, *b.ramp("22:36:10", 60))
    b.fx("checkout_api", "error_ratio", "add", 0.2, *b.ramp("22:36:30", 60))
    b.fx("edge_proxy", "error_ratio", "add", 0.04, *b.ramp("22:36:30", 60))
    b.fx("event_api", "error_ratio", "add", 0.02, *b.ramp("22:36:30", 60))
    b.drop("queue_redis")
    b.drop("partner_api")
    b.drop("waiting_room", "cpu_utilisation")

    b.change(
        "gh-deploy-issuer-3.3.0",
        "ticket_issuer",
        "deploy",
        "3.3.0",
        "3.2.1",
        "19:10:00",
        "19:12:40",
        "github-actions",
        "ticket_issuer 3.3.0: Google Wallet passes",
    )
    b.change(
        "gh-deploy-seatmap-5.13.1",
        "seatmap_svc",
        "deploy",
        "5.13.1",
        "5.13.0",
        "22:12:00",
        "22:18:40",
        "github-actions",
        "seatmap_svc 5.13.1: seat-hold TTL configurable per event (default unchanged, 600s)",
    )
    b.change(
        "cfg-orderdb-58",
        "order_db",
        "config",
        None,
        None,
        "22:30:00",
        "22:30:05",
        "dba:h.kim",
        "ALTER ROLE checkout SET statement_timeout = '15s' (was 30s)",
    )

    b.alert(
        "OrderCreate5xxBurnRate",
        "checkout_api",
        "page",
        "22:39:30",
        "POST /orders burning error budget at 29x",
        "5m/1h burn rate 29 (SLO 99.9%).",
        'slo:order_create_errors:burnrate5m{service="checkout_api"} > 14.4',
    )
    b.alert(
        "JvmGcPauseHigh",
        "event_api",
        "warning",
        "20:15:00",
        "event_api spends 12% of time in GC",
        "jvm_gc_pause_seconds_sum rate above 0.1 for 5m.",
        'sum(rate(jvm_gc_pause_seconds_sum{service="event_api"}[5m])) / count(up{service="event_api"}) > 0.1',
        ends="20:22:00",
    )
    b.alert(
        "SeatHoldFailureRatio",
        "seatmap_svc",
        "critical",
        "22:40:10",
        "37% of seat holds fail",
        'seat_hold_attempts_total{result="error"} share above 5% for 3m.',
        'sum(rate(seat_hold_attempts_total{result="error"}[1m])) / sum(rate(seat_hold_attempts_total[1m])) > 0.05',
    )

    b.background(
        {
            "edge_proxy": 2.5,
            "seatmap_svc": 2.5,
            "checkout_api": 2,
            "event_api": 1.5,
            "seat_lock_redis": 0.6,
            "payments_gw": 0.8,
            "ticket_issuer": 0.8,
            "order_db": 0.3,
        },
        1500,
    )
    for k in range(5):
        t = b.t("18:20") + k * 3600
        frac = 0.25 + 0.75 * (t - b.t("18:00")) / (b.t("22:36") - b.t("18:00"))
        b.at(
            "seat_lock_redis",
            t,
            "info",
            f"Fork CoW for RDB: current {int(12 + 30 * frac)} MB, peak {int(40 + 60 * frac)} MB",
        )
        b.at(
            "seat_lock_redis",
            t + 3,
            "info",
            f"DB saved on disk (keys={int(1.1e6 + 2.2e6 * frac):,}, used_memory={0.4 * (1 + 1.5 * frac):.2f}G)",
        )
    new = b.new_pods("seatmap_svc", 8)
    for i, pod in enumerate(new):
        b.at(
            "seatmap_svc",
            b.t("22:12:30") + i * 48,
            "info",
            "Started SeatmapApplication in 19.2 seconds (process running for 20.8)",
            _host=pod,
        )
    b.stream(
        "seatmap_svc",
        "22:36:05",
        None,
        2.5,
        "error",
        lambda r, t: (
            f"Seat hold failed event={event_no(r)} seats={r.randint(1, 6)}",
            {
                "error": {
                    "type": "io.lettuce.core.RedisCommandExecutionException",
                    "message": "OOM command not allowed when used memory > 'maxmemory'.",
                },
                "log": {"logger": "c.turnstile.seatmap.hold.RedisSeatLockRepository"},
            },
        ),
        hosts=new,
    )
    b.stream(
        "checkout_api",
        "22:36:30",
        None,
        5.0,
        "error",
        lambda r, t: (
            f"Seat hold rejected for order {order_no(r)}: seatmap_svc responded 503 Service Unavailable",
            {"log": {"logger": "Turnstile.Checkout.Clients.SeatmapClient"}},
        ),
    )
    return b


def ts_orders_stuck_confirming(c: Company) -> Builder:
    b = Builder(c, "orders-stuck-confirming", "2025-10-23", "14:00", "17:44:00", 30, noise=0.035)
    b.description = (
        'From about 17:34 UTC orders hang on "confirming your order" and a third of them fail; tickets for '
        "completed orders are not arriving. Checkout availability page at 17:38 UTC."
    )
    b.cause, b.culprit = "infrastructure", "order_db"
    b.distractor = (
        "no deploys.json at all; the storage fault shows only in host kernel lines of the database node; the "
        "database's "
        "own alert is the last and mildest"
    )
    b.with_deploys = False
    b.fx("order_db", "latency_p99_seconds", "to", 2.8, *b.ramp("17:34:00", 60))
    b.fx("order_db", "saturation", "to", 0.95, *b.ramp("17:34:20", 150))
    b.fx("order_db", "request_rate", "mul", 0.3, *b.ramp("17:34:10", 60))
    b.fx("checkout_api", "error_ratio", "add", 0.33, *b.ramp("17:34:40", 60))
    b.fx("checkout_api", "latency_p99_seconds", "to", 9.0, *b.ramp("17:34:30", 60))
    b.fx("ticket_issuer", "saturation", "to", 0.7, *b.ramp("17:34:30", 600))
    b.fx("ticket_issuer", "request_rate", "mul", 0.2, *b.ramp("17:34:30", 60))
    b.fx("ticket_issuer", "error_ratio", "add", 0.15, *b.ramp("17:34:30", 60))
    b.fx("edge_proxy", "error_ratio", "add", 0.05, *b.ramp("17:34:40", 60))
    b.drop("queue_redis")
    b.drop("partner_api")
    b.drop("seat_lock_redis")

    b.alert(
        "CheckoutAvailabilitySLO",
        "checkout_api",
        "page",
        "17:38:20",
        "checkout availability 66% (5m)",
        "Successful POST /orders below 99% for 3m.",
        'sum(rate(http_server_requests_seconds_count{service="checkout_api",uri="/orders",outcome="SUCCESS"}[5m])) '
        '/ sum(rate(http_server_requests_seconds_count{service="checkout_api",uri="/orders"}[5m])) < 0.99',
    )
    b.alert(
        "IssuanceBacklogGrowing",
        "ticket_issuer",
        "warning",
        "17:39:00",
        "1,100 paid orders waiting for tickets",
        "issuer_pending_orders above 500 for 3m.",
        "sum(issuer_pending_orders) > 500",
    )
    b.alert(
        "PostgresCommitLatencyHigh",
        "order_db",
        "warning",
        "17:40:30",
        "order_db commit p99 2.6s",
        "p99 statement time above 1s for 5m.",
        'max(pg_stat_statements_p99_seconds{service="order_db"}) > 1',
    )

    b.background(
        {
            "edge_proxy": 2.5,
            "checkout_api": 2.5,
            "ticket_issuer": 1.5,
            "payments_gw": 1,
            "order_db": 0.6,
            "event_api": 1.5,
            "seatmap_svc": 1,
        },
        1400,
    )
    node = "db-orders-0"
    b.stream(
        "order_db",
        "17:33:50",
        None,
        10.0,
        "warn",
        lambda r, t: f"nvme nvme1: I/O {r.randint(1, 1023)} QID {r.randint(1, 8)} timeout, aborting",
        hosts=[node],
        flavour="kernel",
    )
    b.at(
        "order_db",
        "17:34:05",
        "error",
        "nvme nvme1: I/O 877 QID 3 timeout, reset controller",
        _flavour="kernel",
        _host=node,
    )
    b.stream(
        "order_db",
        "17:34:06",
        None,
        15.0,
        "error",
        lambda r, t: (
            f"blk_update_request: I/O error, dev nvme1n1, sector {r.randint(10**8, 4 * 10**8)} op 0x1:(WRITE) "
            "flags 0x800 "
            "phys_seg 1 prio class 0"
        ),
        hosts=[node],
        flavour="kernel",
    )
    b.stream(
        "order_db",
        "17:34:20",
        None,
        40.0,
        "warn",
        lambda r, t: (
            "EXT4-fs warning (device nvme1n1): ext4_end_bio:343: I/O error 10 writing to inode "
            f"{r.randint(10**6, 10**7)} "
            f"starting block {r.randint(10**7, 10**8)})"
        ),
        hosts=[node],
        flavour="kernel",
    )
    b.stream(
        "order_db",
        "17:34:10",
        None,
        8.0,
        "info",
        lambda r, t: f"duration: {r.uniform(2000, 12000):.3f} ms  statement: COMMIT",
        hosts=[node],
    )
    b.stream(
        "checkout_api",
        "17:34:40",
        None,
        3.0,
        "error",
        lambda r, t: (
            f"Creating order {order_no(r)} failed",
            {
                "log": {"logger": "Turnstile.Checkout.Orders.OrderService"},
                "error": {
                    "type": "Npgsql.NpgsqlException",
                    "message": "Exception while reading from stream ---> System.TimeoutException: Timeout during "
                    "reading attempt",
                },
            },
        ),
    )
    b.stream(
        "ticket_issuer",
        "17:34:40",
        None,
        10.0,
        "error",
        lambda r, t: (
            f"Issuing tickets for order {order_no(r)} failed",
            {
                "error": {
                    "type": "psycopg.errors.QueryCanceled",
                    "message": "canceling statement due to statement timeout",
                }
            },
        ),
    )
    return b


def ts_card_checkout_declines(c: Company) -> Builder:
    b = Builder(c, "card-checkout-declines-friday", "2025-10-24", "19:00", "22:31:30", 30, noise=0.04)
    b.description = (
        "Friday night: about 40% of card payments fail at checkout since about 22:22 UTC. Payment-error page at "
        "22:26 UTC; the same notification also carries a ticket-rendering alert."
    )
    b.cause, b.culprit = "external", "braintree"
    b.distractor = (
        "second unrelated incident in the same body: ticket_issuer deploy 5 min before onset breaks ticket "
        "rendering and "
        "fires its own alert (started earlier than the primary); checkout_api (alerting service) flag 12 min before"
    )
    f = "22:22:00"
    b.fx("payments_gw", "error_ratio", "add", 0.40, *b.ramp(f, 60))
    b.fx("payments_gw", "latency_p99_seconds", "to", 6.0, *b.ramp(f, 60))
    b.fx("payments_gw", "request_rate", "mul", 1.3, *b.ramp("22:22:30", 90))
    b.fx("checkout_api", "error_ratio", "add", 0.31, *b.ramp("22:22:25", 60))
    b.fx("checkout_api", "latency_p99_seconds", "to", 7.5, *b.ramp("22:22:20", 60))
    b.fx("edge_proxy", "error_ratio", "add", 0.03, *b.ramp("22:22:30", 60))
    b.fx("ticket_issuer", "error_ratio", "add", 0.5, *b.ramp("22:18:40", 60))
    b.fx("ticket_issuer", "saturation", "to", 0.4, *b.ramp("22:19:00", 600))
    b.drop("queue_redis")
    b.drop("waiting_room")
    b.drop("seat_lock_redis")
    b.drop("partner_api")

    b.change(
        "flag-checkout-1207",
        "checkout_api",
        "flag",
        None,
        None,
        "22:10:00",
        "22:10:01",
        "launchdarkly:r.mendes",
        "apple_pay_express: 25% of sessions",
    )
    b.change(
        "gh-deploy-issuer-3.4.0",
        "ticket_issuer",
        "deploy",
        "3.4.0",
        "3.3.2",
        "22:17:00",
        "22:18:30",
        "github-actions",
        "ticket_issuer 3.4.0: accessible-entrance details on PDF tickets",
    )

    b.alert(
        "PaymentAuthorisationErrorRatio",
        "checkout_api",
        "page",
        "22:26:00",
        "31% of payment authorisations fail",
        'payment_attempts_total{result="error"} share above 5% for 3m.',
        'sum(rate(payment_attempts_total{service="checkout_api",result="error"}[1m])) / '
        'sum(rate(payment_attempts_total{service="checkout_api"}[1m])) > 0.05',
    )
    b.alert(
        "TicketRenderFailures",
        "ticket_issuer",
        "critical",
        "22:25:30",
        "49% of ticket renders fail",
        "issuer_failures_total share above 10% for 5m.",
        "sum(rate(issuer_failures_total[5m])) / sum(rate(issuer_attempts_total[5m])) > 0.1",
    )
    b.alert(
        "UpstreamLatencyP99High",
        "payments_gw",
        "warning",
        "22:26:40",
        "payments_gw p99 5.8s",
        "p99 above 4s for 3m.",
        "histogram_quantile(0.99, sum by (le) "
        '(rate(http_server_requests_seconds_bucket{service="payments_gw"}[1m]))) > 4',
    )
    b.alert(
        "TLSCertExpiringSoon",
        "edge_proxy",
        "warning",
        "20:00:00",
        "certificate for m.turnstile.tech expires in 13 days",
        "probe_ssl_earliest_cert_expiry below 14 days.",
        'probe_ssl_earliest_cert_expiry{instance="m.turnstile.tech:443"} - time() < 14 * 86400',
        ends="20:05:00",
    )

    b.background(
        {
            "edge_proxy": 2.5,
            "checkout_api": 2,
            "payments_gw": 2.5,
            "ticket_issuer": 1.5,
            "event_api": 1.2,
            "seatmap_svc": 1,
            "order_db": 0.3,
        },
        1400,
    )
    new = b.new_pods("ticket_issuer", 3)
    for i, pod in enumerate(new):
        b.at(
            "ticket_issuer", b.t("22:17:20") + i * 30, "info", "worker ready (version 3.4.0, concurrency 8)", _host=pod
        )
    b.stream(
        "ticket_issuer",
        "22:18:40",
        None,
        4.0,
        "error",
        lambda r, t: (
            f"Rendering tickets failed for order {order_no(r)}",
            {
                "error": {
                    "type": "jinja2.exceptions.UndefinedError",
                    "message": "'dict object' has no attribute 'accessible_entrance'",
                }
            },
        ),
        hosts=new,
    )

    def bt_fail(r: random.Random, t: float) -> Any:
        if r.random() < 0.6:
            err = {
                "type": "*braintree.BraintreeError",
                "message": "503 Service Unavailable: The Braintree gateway is temporarily unavailable. Please try "
                "again later.",
            }
        else:
            err = {
                "type": "*url.Error",
                "message": 'Post "https://api.braintreegateway.com/merchants/tstl7x/transactions": context '
                "deadline exceeded",
            }
        return "braintree sale failed", {"error": err, "labels": {"processor": "braintree", "attempt": r.randint(1, 2)}}

    b.stream("payments_gw", "22:22:02", None, 3.0, "error", bt_fail)
    b.stream(
        "checkout_api",
        "22:22:25",
        None,
        4.0,
        "error",
        lambda r, t: (
            f"Payment authorisation failed for order {order_no(r)}: payments_gw responded 502 (PROCESSOR_UNAVAILABLE)",
            {"log": {"logger": "Turnstile.Checkout.Payments.PaymentsGwClient"}},
        ),
    )
    return b


SCENARIOS: list[tuple[str, Callable[[Company], Builder]]] = [
    ("cartwheel", cw_checkout_card_payments),
    ("cartwheel", cw_orders_slow_then_failing),
    ("cartwheel", cw_product_pages_erroring),
    ("cartwheel", cw_delivery_slot_picker_slow),
    ("cartwheel", cw_store_orders_backlog),
    ("cartwheel", cw_route_eta_errors),
    ("cartwheel", cw_search_results_slow),
    ("frostline", fl_excursion_alerts_delayed),
    ("frostline", fl_devices_reconnecting),
    ("frostline", fl_dashboard_history_failing),
    ("frostline", fl_reefer_telemetry_lagging),
    ("frostline", fl_device_status_pages_timing_out),
    ("frostline", fl_trailer_readings_delayed),
    ("frostline", fl_sms_alerts_not_arriving),
    ("turnstile", ts_seat_holds_failing),
    ("turnstile", ts_card_payments_timing_out),
    ("turnstile", ts_event_pages_slow),
    ("turnstile", ts_waiting_room_stuck),
    ("turnstile", ts_seat_selection_errors),
    ("turnstile", ts_orders_stuck_confirming),
    ("turnstile", ts_card_checkout_declines),
]


# ---------------------------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------------------------


def _cycle(services: dict[str, Any]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for dep in (services.get(name) or {}).get("depends_on") or []:
            if state.get(dep) == 1:
                return [*path, name, dep]
            if dep not in state:
                found = visit(dep, [*path, name])
                if found:
                    return found
        state[name] = 2
        return None

    for name in services:
        if name not in state:
            found = visit(name, [])
            if found:
                return found
    return None


def validate_folder(folder: Path) -> tuple[list[str], dict[str, Any]]:
    problems: list[str] = []

    def bad(text: str) -> None:
        problems.append(f"{folder.name}: {text}")

    spec = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
    now = parse_iso(spec["now"])
    expected = spec.get("expected") or {}
    catalog = yaml.safe_load((folder / spec["catalog"]).read_text(encoding="utf-8"))
    services = catalog["services"]
    for name, fields in services.items():
        for dep in (fields or {}).get("depends_on") or []:
            if dep not in services:
                bad(f"{name} depends on unknown {dep}")
    cycle = _cycle(services)
    if cycle:
        bad("dependency cycle " + " -> ".join(cycle))
    if expected.get("cause") not in CAUSES:
        bad(f"unknown cause {expected.get('cause')!r}")
    if expected.get("culprit") not in services:
        bad(f"culprit {expected.get('culprit')!r} not in the catalog")

    body = json.loads((folder / spec["alerts"]).read_text(encoding="utf-8"))
    if body.get("version") != "4":
        bad("alerts.json version is not 4")
    firing = [a for a in body["alerts"] if a["status"] == "firing"]
    if not firing:
        bad("no firing alert")
    for a in body["alerts"]:
        svc = a["labels"].get("service")
        if svc not in services:
            bad(f"alert service {svc!r} not in the catalog")
        if parse_iso(a["startsAt"]) > now:
            bad(f"alert {a['labels']['alertname']} starts after now")
        if a["status"] == "resolved" and not parse_iso(a["startsAt"]) <= parse_iso(a["endsAt"]) <= now:
            bad(f"resolved alert {a['labels']['alertname']} ends out of order")
    if firing:
        lead = now - parse_iso(firing[0]["startsAt"])
        if not 60 <= lead <= 15 * 60:
            bad(f"now is {lead:.0f}s after the first firing alert")

    signals = json.loads((folder / spec["signals"]).read_text(encoding="utf-8"))
    for svc, series in signals.items():
        if svc not in services:
            bad(f"signals for unknown service {svc}")
        for sig, points in series.items():
            if sig not in SIGNALS:
                bad(f"non-standard signal {svc}.{sig}")
            stamps = [p[0] for p in points]
            if stamps != sorted(stamps) or (stamps and stamps[-1] > now):
                bad(f"{svc}.{sig} timestamps unsorted or after now")
            if sig in RATIOS and any(not 0 <= p[1] <= 1 for p in points):
                bad(f"{svc}.{sig} outside 0..1")

    lines = 0
    if "logs" in spec:
        with (folder / spec["logs"]).open(encoding="utf-8") as handle:
            previous = 0.0
            for number, line in enumerate(handle, 1):
                lines = number
                doc = json.loads(line)
                t = parse_iso(doc["@timestamp"])
                if t > now or t < previous:
                    bad(f"logs line {number} after now or out of order")
                previous = t
                if doc["service"]["name"] not in services:
                    bad(f"logs line {number}: unknown service {doc['service']['name']}")
                if not doc.get("message") or not doc.get("log", {}).get("level"):
                    bad(f"logs line {number}: missing message or level")
        if lines >= MAX_LOG_LINES:
            bad(f"{lines} log lines")
    if "deploys" in spec:
        for change in json.loads((folder / spec["deploys"]).read_text(encoding="utf-8")):
            if change["service"] not in services:
                bad(f"change {change['id']} on unknown service")
            if change["kind"] not in {"deploy", "config", "flag", "infra"}:
                bad(f"change {change['id']} has kind {change['kind']}")
            started = parse_iso(change["started_at"])
            finished = change["finished_at"]
            if started > now or (finished is not None and not started <= parse_iso(finished) <= now):
                bad(f"change {change['id']} times out of order")
    size = sum(p.stat().st_size for p in folder.iterdir())
    if size >= MAX_FOLDER_BYTES:
        bad(f"folder is {size} bytes")
    info = {
        "cause": expected.get("cause"),
        "logs": "logs" in spec,
        "deploys": "deploys" in spec,
        "lines": lines,
        "size": size,
    }
    return problems, info


def validate(root: Path) -> int:
    folders = sorted(p.parent for p in root.glob("*/scenario.yaml"))
    problems: list[str] = []
    causes: dict[str, int] = dict.fromkeys(CAUSES, 0)
    without_logs = without_deploys = 0
    for folder in folders:
        found, info = validate_folder(folder)
        problems += found
        causes[info["cause"]] = causes.get(info["cause"], 0) + 1
        without_logs += not info["logs"]
        without_deploys += not info["deploys"]
        print(f"  {folder.name:<42} {info['cause']:<20} {info['lines']:>5} log lines {info['size'] / 1000:>7.0f} kB")
    if len(folders) < 18:
        problems.append(f"only {len(folders)} scenarios")
    problems += [f"cause {cause} appears {n} times" for cause, n in causes.items() if n < 2]
    if not without_logs or not without_deploys:
        problems.append("need one scenario without logs.jsonl and one without deploys.json")
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(folders)} scenarios, causes {causes}, {len(problems)} problems")
    return 1 if problems else 0


# ---------------------------------------------------------------------------------------------
# README and entry point
# ---------------------------------------------------------------------------------------------

README_HEAD = """# Unseen scenarios (generalisation check)

Replayable incidents in the "Scenario folder" format of the top-level README, written by an independent generator
(`tests/unseen/generate.py`) that was built without reading the engine or any other scenario generator. Three
estates appear nowhere else in the repository: Cartwheel (online grocery delivery), Frostline (cold-chain IoT
telemetry for refrigerated trailers) and Turnstile (event ticketing). Use these folders only to measure whether
the analysis generalises; do not tune on them. Every file here is generated; do not edit by hand.

Regenerate (deterministic, byte-identical output; stdlib + PyYAML):

```
python tests/unseen/generate.py           # rewrite every folder and this README, then validate
python tests/unseen/generate.py --check   # validate the folders on disk only
```

Evaluate: `opsdesk eval tests/unseen`.

Sampling steps vary from 10 s to 90 s over 1.6-4.9 h of history; coverage is partial (whole services or single
signals missing), series have scrape gaps, logs come in many flavours (ECS JSON with nested fields, Rails,
pino, zap and logfmt Go, Spring, ASP.NET Core, Celery, Postgres, MySQL, Redis, Kafka, EMQX, OpenSearch, Envoy,
kernel syslog). Folder names describe the symptom only.

"""


def write_readme(root: Path, rows: list[dict[str, Any]]) -> None:
    lines = [
        README_HEAD,
        f"## Scenarios ({len(rows)})\n\n",
        "| scenario | estate | step | cause | culprit | distractor |\n",
        "|---|---|---|---|---|---|\n",
    ]
    for row in rows:
        lines.append(
            f"| `{row['name']}` | {row['company'].split()[0]} | {row['step']}s | {row['cause']} | {row['culprit']} | "
            f"{row['distractor']} |\n"
        )
    (root / "README.md").write_text("".join(lines), encoding="utf-8")


def generate(root: Path) -> None:
    companies = {key: make() for key, make in COMPANIES.items()}
    rows = []
    for key, build in SCENARIOS:
        builder = build(companies[key])
        rows.append(builder.write(root))
    write_readme(root, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="validate the folders on disk without regenerating")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: next to this script)")
    args = parser.parse_args(argv)
    if not args.check:
        generate(args.out)
    return validate(args.out)


if __name__ == "__main__":
    sys.exit(main())
