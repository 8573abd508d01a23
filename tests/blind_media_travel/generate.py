#!/usr/bin/env python3
"""Generator for the blind media/travel incident scenario set.

Deterministic: every random choice comes from a per-scenario seeded RNG and all
times are fixed.  Run:  python3 generate.py   (needs PyYAML)
"""
import json
import math
import os
import random
import zlib
from datetime import datetime, timezone, timedelta

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# catalogs (hand written, like a team would keep them)
# ---------------------------------------------------------------------------

CATALOG_KESTREL = """\
# kestrel-stream service catalog -- owned by platform-eng, edited by everyone
defaults:
  signals:
    request_rate: 'sum(rate(http_server_requests_seconds_count{ecs_service="{service}"}[2m]))'
    error_ratio: 'sum(rate(http_server_requests_seconds_count{ecs_service="{service}",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{ecs_service="{service}"}[5m]))'
    latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{ecs_service="{service}"}[5m])))'
    cpu_utilisation: 'avg(aws_ecs_cpu_utilization_average{service_name="{service}"}) / 100'
    memory_utilisation: 'avg(aws_ecs_memory_utilization_average{service_name="{service}"}) / 100'
services:
  edge-gw:
    team: edge
    tier: 1
    channel: "#edge-oncall"
    owners: ["S02EDGE"]
    depends_on: [playback-api, catalog-api, search-api, profile-svc, auth-bff, billing-svc, reco-svc]
  playback-api:
    team: playback
    tier: 1
    channel: "#playback-alerts"
    owners: ["S02PLAYBACK"]
    depends_on: [manifest-svc, license-proxy, ddb-playback-sessions, profile-svc]
  manifest-svc:
    team: playback
    tier: 1
    channel: "#playback-alerts"
    depends_on: [s3-media-origin, memcached-catalog]
  license-proxy:
    team: playback
    tier: 1
    channel: "#playback-alerts"
    depends_on: [widevault-drm, ddb-playback-sessions]
  catalog-api:
    team: discovery
    tier: 1
    channel: "#discovery"
    owners: ["S02DISCO"]
    depends_on: [memcached-catalog, aurora-core]
  search-api:
    team: discovery
    tier: 2
    channel: "#discovery"
    depends_on: [aurora-core]
  reco-svc:
    team: discovery
    tier: 2
    channel: "#discovery"
    depends_on: [tastegraph-reco, ddb-watch-events]
  profile-svc:
    team: accounts
    tier: 1
    channel: "#accounts-oncall"
    depends_on: [aurora-core]
  auth-bff:
    team: accounts
    tier: 1
    channel: "#accounts-oncall"
    owners: ["S02ACCT"]
    depends_on: [idwell-idp, profile-svc]
  billing-svc:
    team: payments
    tier: 1
    channel: "#payments-incidents"
    owners: ["S02PAY"]
    depends_on: [paycadia, aurora-core]
  subscription-svc:
    team: payments
    tier: 1
    channel: "#payments-incidents"
    depends_on: [billing-svc, aurora-core, sqs-notify]
  ingest-api:
    team: media-pipeline
    tier: 2
    channel: "#media-pipeline"
    depends_on: [s3-media-origin, sqs-transcode-jobs]
  transcode-orchestrator:
    team: media-pipeline
    tier: 2
    channel: "#media-pipeline"
    depends_on: [sfn-transcode-pipeline, sqs-transcode-jobs]
  transcode-worker:
    team: media-pipeline
    tier: 2
    channel: "#media-pipeline"
    depends_on: [sqs-transcode-jobs, s3-media-origin]
    signals:
      saturation: 'max(aws_ecs_task_ephemeral_storage_utilized{service_name="transcode-worker"} / aws_ecs_task_ephemeral_storage_reserved{service_name="transcode-worker"})'
  packager-worker:
    team: media-pipeline
    tier: 2
    channel: "#media-pipeline"
    depends_on: [sqs-package-jobs, s3-media-origin]
  thumbnailer-fn:
    team: media-pipeline
    tier: 3
    depends_on: [s3-media-origin]
    signals:
      error_ratio: 'sum(aws_lambda_errors_sum{function_name="thumbnailer-fn"}) / sum(aws_lambda_invocations_sum{function_name="thumbnailer-fn"})'
  events-collector-fn:
    team: data-platform
    tier: 2
    channel: "#data-platform"
    depends_on: [ddb-watch-events]
    signals:
      request_rate: 'sum(aws_lambda_invocations_sum{function_name="events-collector-fn"}) / 60'
      error_ratio: 'sum(aws_lambda_errors_sum{function_name="events-collector-fn"}) / sum(aws_lambda_invocations_sum{function_name="events-collector-fn"})'
  watch-history-svc:
    team: data-platform
    tier: 2
    channel: "#data-platform"
    depends_on: [ddb-watch-events]
  notify-svc:
    team: growth
    tier: 3
    depends_on: [sqs-notify]
  aurora-core:
    kind: datastore
    team: dba
    signals:
      cpu_utilisation: 'max(aws_rds_cpuutilization_average{dbclusteridentifier="aurora-core"}) / 100'
      saturation: 'max(aws_rds_database_connections_average{dbclusteridentifier="aurora-core"}) / 3000'
  ddb-playback-sessions: {kind: datastore}
  ddb-watch-events:
    kind: datastore
    signals:
      saturation: 'sum(aws_dynamodb_consumed_write_capacity_units_sum{table_name="watch-events"}) / sum(aws_dynamodb_provisioned_write_capacity_units_average{table_name="watch-events"}) / 60'
  memcached-catalog:
    kind: datastore
    team: discovery
  s3-media-origin: {kind: datastore}
  sqs-transcode-jobs:
    kind: queue
    signals:
      saturation: 'max(aws_sqs_approximate_age_of_oldest_message_maximum{queue_name="transcode-jobs"}) / 3600'
  sqs-package-jobs:
    kind: queue
    signals:
      saturation: 'max(aws_sqs_approximate_age_of_oldest_message_maximum{queue_name="package-jobs"}) / 3600'
  sqs-notify: {kind: queue}
  sfn-transcode-pipeline: {kind: infrastructure}
  cloudfront-cdn: {kind: infrastructure, team: edge}
  origin-shield: {kind: infrastructure, team: edge}
  route53-zones: {kind: infrastructure}
  nat-gw-use1: {kind: infrastructure}
  tgw-core: {kind: infrastructure}
  ecs-prod-cluster: {kind: infrastructure}
  alb-public: {kind: infrastructure, team: edge}
  widevault-drm: {kind: external}
  paycadia: {kind: external}
  idwell-idp: {kind: external}
  tastegraph-reco: {kind: external}
"""

CATALOG_CORRIENTE = """\
# Corriente Airways -- digital platform catalog (AKS prod-weu-01 + friends)
# please keep depends_on current when you add a client!
defaults:
  signals:
    request_rate: 'sum(rate(request_total{direction="inbound",deployment="{service}"}[1m]))'
    error_ratio: 'sum(rate(response_total{direction="inbound",deployment="{service}",classification="failure"}[5m])) / sum(rate(response_total{direction="inbound",deployment="{service}"}[5m]))'
    latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{direction="inbound",deployment="{service}"}[5m]))) / 1000'
    cpu_utilisation: 'sum(rate(container_cpu_usage_seconds_total{container="{service}"}[2m])) / sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})'
    memory_utilisation: 'max(container_memory_working_set_bytes{container="{service}"} / on(pod) kube_pod_container_resource_limits{container="{service}",resource="memory"})'
services:
  web-bff:
    team: digital-web
    tier: 1
    channel: "#web-bff-oncall"
    owners: ["U07WEBLEAD"]
    depends_on: [shop-search, booking-api, checkin-api, loyalty-svc, customer-profile, redis-session]
  mobile-bff:
    team: digital-mobile
    tier: 1
    channel: "#mobile-backend"
    depends_on: [shop-search, booking-api, checkin-api, boardingpass-svc, flightstatus-api, redis-session]
  shop-search:
    team: shopping
    tier: 1
    channel: "#shopping-squad"
    owners: ["S07SHOP"]
    depends_on: [fare-pricing, aerisgds, redis-fares]
  fare-pricing:
    team: shopping
    tier: 1
    channel: "#shopping-squad"
    depends_on: [sql-core, redis-fares]
  booking-api:
    team: orders
    tier: 1
    channel: "#orders-incident"
    owners: ["S07ORDERS"]
    depends_on: [aerisgds, cosmos-bookings, payment-orch, eh-booking-events]
  pnr-sync:
    team: orders
    tier: 2
    channel: "#orders-incident"
    depends_on: [eh-booking-events, aerisgds, sql-core]
  payment-orch:
    team: payments
    tier: 1
    channel: "#payments-oncall"
    depends_on: [payvoro-gateway, sql-core]
  checkin-api:
    team: airport-digital
    tier: 1
    channel: "#checkin-boarding"
    owners: ["S07AIRPORT"]
    depends_on: [cosmos-bookings, boardingpass-svc, seatmap-svc, vmss-dcs-legacy]
  boardingpass-svc:
    team: airport-digital
    tier: 1
    channel: "#checkin-boarding"
    depends_on: [cosmos-bookings]
  seatmap-svc:
    team: airport-digital
    tier: 2
    depends_on: [aerisgds, redis-fares]
  flightstatus-ingest:
    team: ops-systems
    tier: 2
    channel: "#ops-systems"
    depends_on: [flightwire-feed, eh-flight-events]
  flightstatus-api:
    team: ops-systems
    tier: 1
    channel: "#ops-systems"
    depends_on: [cosmos-flightstatus]
  disruption-worker:
    team: ops-systems
    tier: 2
    channel: "#ops-systems"
    depends_on: [eh-flight-events, booking-api, notify-hub]
  loyalty-svc:
    team: loyalty
    tier: 2
    channel: "#loyalty"
    depends_on: [milesbridge-loyalty, sql-core]
  customer-profile:
    team: identity
    tier: 1
    depends_on: [sql-core]
  notify-hub:
    team: comms
    tier: 3
    depends_on: []
  ancillaries-api:
    team: shopping
    tier: 2
    depends_on: [sql-core, aerisgds]
  cosmos-bookings:
    kind: datastore
    signals:
      saturation: 'max(azure_cosmosdb_normalizedruconsumption_max{collection="bookings"}) / 100'
  cosmos-flightstatus:
    kind: datastore
    signals:
      saturation: 'max(azure_cosmosdb_normalizedruconsumption_max{collection="flight-status"}) / 100'
  sql-core:
    kind: datastore
    team: data-eng
    signals:
      saturation: 'max(azure_sql_dtu_consumption_percent_average{database="core"}) / 100'
  redis-session: {kind: datastore}
  redis-fares: {kind: datastore}
  eh-flight-events:
    kind: queue
    signals:
      saturation: 'clamp_max(sum(eventhub_consumergroup_lag{eventhub="flight-events"}) / 200000, 1)'
  eh-booking-events:
    kind: queue
  front-door: {kind: infrastructure, team: cloud-platform}
  ingress-nginx: {kind: infrastructure, team: cloud-platform}
  linkerd: {kind: infrastructure, team: cloud-platform}
  coredns: {kind: infrastructure}
  aks-userpool: {kind: infrastructure, team: cloud-platform}
  vmss-dcs-legacy: {kind: infrastructure, team: airport-infra}
  aerisgds: {kind: external}
  payvoro-gateway: {kind: external}
  milesbridge-loyalty: {kind: external}
  flightwire-feed: {kind: external}
"""

# ---------------------------------------------------------------------------
# per-service behaviour: baseline signal levels and logging style
# ---------------------------------------------------------------------------

# base: rr (req/s), er, lat (s), cpu, mem, sat ; style ; paths ; host prefix
PROFILES = {
    # kestrel -- AWS
    "edge-gw": dict(rr=2400, er=0.002, lat=0.28, cpu=0.41, mem=0.52, sat=0.2, style="nginx",
                    paths=["/api/v2/playback/start", "/api/v1/catalog/rows", "/api/v1/search", "/api/v1/me",
                           "/api/v1/auth/refresh", "/api/v1/recs/home"]),
    "playback-api": dict(rr=620, er=0.003, lat=0.19, cpu=0.38, mem=0.61, sat=0.22, style="java",
                         paths=["/v2/playback/start", "/v2/playback/heartbeat", "/v2/playback/stop"],
                         logger="c.k.playback.web.PlaybackController"),
    "manifest-svc": dict(rr=540, er=0.002, lat=0.09, cpu=0.33, mem=0.44, sat=0.15, style="go",
                         paths=["/manifest/hls", "/manifest/dash"]),
    "license-proxy": dict(rr=310, er=0.004, lat=0.24, cpu=0.22, mem=0.40, sat=0.18, style="node",
                          paths=["/v1/license/widevine", "/v1/license/fairplay", "/v1/license/playready"]),
    "catalog-api": dict(rr=880, er=0.002, lat=0.12, cpu=0.45, mem=0.58, sat=0.25, style="java",
                        paths=["/catalog/rows/home", "/catalog/title", "/catalog/season"],
                        logger="c.k.catalog.api.RowsResource"),
    "search-api": dict(rr=190, er=0.003, lat=0.31, cpu=0.35, mem=0.50, sat=0.2, style="python",
                       paths=["/v1/search", "/v1/search/suggest"]),
    "reco-svc": dict(rr=260, er=0.004, lat=0.42, cpu=0.30, mem=0.55, sat=0.2, style="python",
                     paths=["/v1/recs/home", "/v1/recs/because-you-watched"]),
    "profile-svc": dict(rr=420, er=0.001, lat=0.06, cpu=0.28, mem=0.47, sat=0.18, style="go",
                        paths=["/v1/profiles", "/v1/profiles/prefs"]),
    "auth-bff": dict(rr=350, er=0.002, lat=0.15, cpu=0.25, mem=0.42, sat=0.15, style="node",
                     paths=["/auth/refresh", "/auth/session", "/auth/device/code"]),
    "billing-svc": dict(rr=24, er=0.004, lat=0.55, cpu=0.18, mem=0.40, sat=0.12, style="python",
                        paths=["/v1/charges", "/v1/invoices", "/v1/payment-methods"]),
    "subscription-svc": dict(rr=38, er=0.002, lat=0.22, cpu=0.16, mem=0.37, sat=0.1, style="java",
                             paths=["/subscriptions/renew", "/subscriptions/status"],
                             logger="c.k.subs.RenewalService"),
    "ingest-api": dict(rr=6, er=0.004, lat=0.9, cpu=0.2, mem=0.35, sat=0.1, style="go",
                       paths=["/v1/assets", "/v1/assets/complete"]),
    "transcode-orchestrator": dict(rr=4, er=0.002, lat=0.35, cpu=0.1, mem=0.3, sat=0.1, style="lambda",
                                   paths=[]),
    "transcode-worker": dict(rr=2.5, er=0.01, lat=95.0, cpu=0.72, mem=0.58, sat=0.35, style="go",
                             paths=[]),
    "packager-worker": dict(rr=3.5, er=0.005, lat=38.0, cpu=0.55, mem=0.5, sat=0.2, style="python",
                            paths=[]),
    "thumbnailer-fn": dict(rr=3, er=0.003, lat=1.4, cpu=0.2, mem=0.4, sat=0.05, style="lambda", paths=[]),
    "events-collector-fn": dict(rr=900, er=0.001, lat=0.035, cpu=0.2, mem=0.3, sat=0.1, style="lambda",
                                paths=[]),
    "watch-history-svc": dict(rr=300, er=0.002, lat=0.08, cpu=0.3, mem=0.5, sat=0.15, style="go",
                              paths=["/v1/history", "/v1/continue-watching"]),
    "notify-svc": dict(rr=12, er=0.002, lat=0.2, cpu=0.1, mem=0.3, sat=0.05, style="node", paths=["/internal/send"]),
    "aurora-core": dict(rr=5200, er=0.0, lat=0.012, cpu=0.34, mem=0.62, sat=0.21, style=None, paths=[]),
    "ddb-watch-events": dict(rr=850, er=0.0, lat=0.008, cpu=0.0, mem=0.0, sat=0.42, style=None, paths=[]),
    "ddb-playback-sessions": dict(rr=1200, er=0.0, lat=0.006, cpu=0.0, mem=0.0, sat=0.3, style=None, paths=[]),
    "memcached-catalog": dict(rr=9000, er=0.0, lat=0.0012, cpu=0.18, mem=0.71, sat=0.12, style=None, paths=[]),
    "sqs-transcode-jobs": dict(rr=2.5, er=0.0, lat=0.0, cpu=0.0, mem=0.0, sat=0.03, style=None, paths=[]),
    "sqs-package-jobs": dict(rr=3.5, er=0.0, lat=0.0, cpu=0.0, mem=0.0, sat=0.02, style=None, paths=[]),
    "cloudfront-cdn": dict(rr=48000, er=0.001, lat=0.05, cpu=0.0, mem=0.0, sat=0.0, style="cdn", paths=[]),
    "origin-shield": dict(rr=3100, er=0.001, lat=0.08, cpu=0.0, mem=0.0, sat=0.0, style=None, paths=[]),
    "nat-gw-use1": dict(rr=0, er=0.0, lat=0.0, cpu=0.0, mem=0.0, sat=0.18, style=None, paths=[]),
    # corriente -- Azure
    "web-bff": dict(rr=720, er=0.003, lat=0.45, cpu=0.36, mem=0.55, sat=0.2, style="node",
                    paths=["/api/shop/offers", "/api/bookings", "/api/checkin", "/api/me/loyalty"]),
    "mobile-bff": dict(rr=980, er=0.003, lat=0.38, cpu=0.41, mem=0.57, sat=0.2, style="node",
                       paths=["/m/v3/offers", "/m/v3/trips", "/m/v3/boarding-pass", "/m/v3/flight-status"]),
    "shop-search": dict(rr=410, er=0.006, lat=1.6, cpu=0.48, mem=0.6, sat=0.3, style="dotnet",
                        paths=["/v1/shop/availability", "/v1/shop/calendar"]),
    "fare-pricing": dict(rr=650, er=0.002, lat=0.21, cpu=0.44, mem=0.52, sat=0.25, style="dotnet",
                         paths=["/pricing/quote", "/pricing/rules"]),
    "booking-api": dict(rr=95, er=0.004, lat=1.1, cpu=0.3, mem=0.5, sat=0.2, style="dotnet",
                        paths=["/api/v3/bookings", "/api/v3/bookings/{pnr}/tickets"]),
    "pnr-sync": dict(rr=140, er=0.002, lat=0.3, cpu=0.25, mem=0.45, sat=0.1, style="go", paths=[]),
    "payment-orch": dict(rr=40, er=0.005, lat=0.9, cpu=0.2, mem=0.46, sat=0.15, style="java",
                         paths=["/payments/authorise", "/payments/capture"],
                         logger="com.corriente.pay.gateway.PayvoroClient"),
    "checkin-api": dict(rr=260, er=0.003, lat=0.35, cpu=0.33, mem=0.49, sat=0.2, style="dotnet",
                        paths=["/checkin/v2/eligibility", "/checkin/v2/passengers", "/checkin/v2/complete"]),
    "boardingpass-svc": dict(rr=180, er=0.002, lat=0.28, cpu=0.42, mem=0.5, sat=0.2, style="python",
                             paths=["/bp/v1/issue", "/bp/v1/wallet/pkpass"]),
    "seatmap-svc": dict(rr=150, er=0.003, lat=0.5, cpu=0.3, mem=0.45, sat=0.15, style="go",
                        paths=["/seatmap"]),
    "flightstatus-ingest": dict(rr=55, er=0.001, lat=0.04, cpu=0.2, mem=0.4, sat=0.1, style="go", paths=[]),
    "flightstatus-api": dict(rr=520, er=0.001, lat=0.07, cpu=0.3, mem=0.44, sat=0.15, style="go",
                             paths=["/v2/flights/status", "/v2/flights/by-route"]),
    "disruption-worker": dict(rr=55, er=0.002, lat=0.6, cpu=0.22, mem=0.47, sat=0.1, style="python", paths=[]),
    "loyalty-svc": dict(rr=120, er=0.004, lat=0.6, cpu=0.26, mem=0.5, sat=0.18, style="java",
                        paths=["/loyalty/balance", "/loyalty/accrual"],
                        logger="com.corriente.loyalty.MilesbridgeAdapter"),
    "customer-profile": dict(rr=300, er=0.001, lat=0.09, cpu=0.28, mem=0.5, sat=0.15, style="dotnet",
                             paths=["/profiles/me", "/profiles/travellers"]),
    "notify-hub": dict(rr=30, er=0.002, lat=0.2, cpu=0.1, mem=0.3, sat=0.05, style="node", paths=["/notify"]),
    "ancillaries-api": dict(rr=90, er=0.003, lat=0.4, cpu=0.2, mem=0.42, sat=0.15, style="dotnet",
                            paths=["/ancillaries/bags", "/ancillaries/meals"]),
    "cosmos-bookings": dict(rr=1400, er=0.0, lat=0.009, cpu=0.0, mem=0.0, sat=0.38, style=None, paths=[]),
    "cosmos-flightstatus": dict(rr=1900, er=0.0, lat=0.007, cpu=0.0, mem=0.0, sat=0.31, style=None, paths=[]),
    "sql-core": dict(rr=2100, er=0.0, lat=0.015, cpu=0.36, mem=0.6, sat=0.33, style=None, paths=[]),
    "redis-session": dict(rr=3300, er=0.0, lat=0.0015, cpu=0.12, mem=0.45, sat=0.1, style=None, paths=[]),
    "redis-fares": dict(rr=5400, er=0.0, lat=0.002, cpu=0.22, mem=0.66, sat=0.18, style=None, paths=[]),
    "eh-flight-events": dict(rr=55, er=0.0, lat=0.0, cpu=0.0, mem=0.0, sat=0.02, style=None, paths=[]),
    "eh-booking-events": dict(rr=140, er=0.0, lat=0.0, cpu=0.0, mem=0.0, sat=0.02, style=None, paths=[]),
    "ingress-nginx": dict(rr=2300, er=0.002, lat=0.4, cpu=0.3, mem=0.4, sat=0.1, style="nginx", paths=[
        "/api/shop/offers", "/m/v3/trips", "/checkin/v2/passengers", "/v2/flights/status"]),
    "front-door": dict(rr=2600, er=0.002, lat=0.5, cpu=0.0, mem=0.0, sat=0.0, style=None, paths=[]),
}

SIGNALS = ["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation",
           "memory_utilisation", "saturation"]
SIGKEY = {"request_rate": "rr", "error_ratio": "er", "latency_p99_seconds": "lat",
          "cpu_utilisation": "cpu", "memory_utilisation": "mem", "saturation": "sat"}
BOUNDED = {"error_ratio", "cpu_utilisation", "memory_utilisation", "saturation"}


def iso(ts, ms=True):
    d = datetime.fromtimestamp(ts, tz=timezone.utc)
    if ms:
        return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (int(round(ts * 1000)) % 1000)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


class Scenario:
    def __init__(self, sid, company, now, window_min, step_s, name, description, cause, culprit):
        self.sid = sid
        self.company = company
        self.now = parse(now)
        self.now_s = now
        self.window = window_min
        self.step = step_s
        self.name = name
        self.description = description
        self.cause = cause
        self.culprit = culprit
        self.rng = random.Random(zlib.crc32(sid.encode()))
        self.sig_services = []      # (service, signals-subset or None, overrides)
        self.effects = []           # (service, signal, fn)
        self.gaps = []              # (service or '*', t0, t1)
        self.drop_signals = {}      # service -> set(signals) left out
        self.log_services = []      # (service, lines_per_min, extra)
        self.events = []            # explicit log lines (ts, service, level, message, extra)
        self.deploys = []
        self.alerts = []
        self.no_logs = False
        self.no_deploys = False

    # --- time helpers: minutes relative to now (negative = before)
    def t(self, m):
        return self.now + m * 60

    # --- signals
    def sig(self, *services, only=None, **over):
        for s in services:
            self.sig_services.append((s, only, over))

    def eff(self, service, signal, kind, at, **kw):
        """kind: step (to value/mult after ramp), ramp (linear from at to until/now),
        spike (between at and until), exp (slow curve)."""
        self.effects.append((service, signal, kind, self.t(at), kw))

    def gap(self, service, a, b):
        self.gaps.append((service, self.t(a), self.t(b)))

    # --- logs
    def logs(self, service, per_min, **extra):
        self.log_services.append((service, per_min, extra))

    def ev(self, service, level, msg, at, until=None, every=None, jitter=0.4, extra=None, count=None):
        """explicit lines: once at `at`, or repeated every `every` seconds (Poisson-ish)
        from `at` to `until`."""
        if every is None:
            self.events.append((self.t(at), service, level, msg, extra))
            return
        ts = self.t(at)
        end = self.t(until if until is not None else 0)
        n = 0
        while ts < end and (count is None or n < count):
            self.events.append((ts, service, level, msg, extra))
            ts += every * (1 - jitter + 2 * jitter * self.rng.random())
            n += 1

    def deploy(self, service, at_min, dur_min, author, version, prev, desc, kind="deploy"):
        self.deploys.append(dict(service=service, at=at_min, dur=dur_min, author=author, version=version,
                                 prev=prev, desc=desc, kind=kind))

    def alert(self, name, service, at_min, severity="warning", summary="", description="", labels=None,
              resolved_at=None):
        self.alerts.append(dict(name=name, service=service, at=at_min, severity=severity, summary=summary,
                                description=description, labels=labels or {}, resolved_at=resolved_at))


# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------

def shape_value(kind, t, t0, kw, now):
    """returns (mult, add, setv) contribution for time t"""
    if t < t0:
        return None
    if kind == "step":
        r = kw.get("rise", 1.0) * 60
        f = min(1.0, (t - t0) / r) if r > 0 else 1.0
        if "until" in kw and t > now + kw["until"] * 60:
            fall = kw.get("fall", 2.0) * 60
            f = max(0.0, 1 - (t - (now + kw["until"] * 60)) / fall)
        return f
    if kind == "ramp":
        end = now + kw.get("until", 0) * 60
        span = max(1.0, end - t0)
        f = min(1.0, (t - t0) / span)
        return f ** kw.get("curve", 1.0)
    if kind == "spike":
        end = now + kw["until"] * 60
        if t > end:
            return None
        return 1.0
    raise ValueError(kind)


def build_signals(sc):
    rng = random.Random(zlib.crc32((sc.sid + "/sig").encode()))
    start = sc.now - sc.window * 60
    times = []
    t = start - (start % sc.step)
    while t <= sc.now:
        times.append(int(t))
        t += sc.step
    out = {}
    for service, only, over in sc.sig_services:
        prof = dict(PROFILES[service])
        prof.update(over)
        sigs = only or [s for s in SIGNALS if prof.get(SIGKEY[s], 0) or s == "error_ratio"]
        sigs = [s for s in sigs if s not in sc.drop_signals.get(service, set())]
        phase = rng.random() * 6.28
        series = {}
        for sig in sigs:
            base = prof[SIGKEY[sig]]
            pts = []
            ar = 0.0
            for ts in times:
                # diurnal drift: daily sine on local-ish hour; amplitude by signal
                hour = ((ts % 86400) / 3600.0)
                di = math.sin((hour - 9) / 24 * 2 * math.pi + phase * 0.05)
                if sig == "request_rate":
                    v = base * (1 + 0.18 * di)
                elif sig in ("cpu_utilisation",):
                    v = base * (1 + 0.12 * di)
                elif sig == "latency_p99_seconds":
                    v = base * (1 + 0.05 * di)
                else:
                    v = base
                mult, add = 1.0, 0.0
                setv = None
                for (es, esig, kind, t0, kw) in sc.effects:
                    if es != service or esig != sig:
                        continue
                    f = shape_value(kind, ts, t0, kw, sc.now)
                    if f is None:
                        continue
                    if "to" in kw:
                        target = kw["to"]
                        cur = v if setv is None else setv
                        setv = cur + (target - cur) * f
                    if "mult" in kw:
                        mult *= 1 + (kw["mult"] - 1) * f
                    if "add" in kw:
                        add += kw["add"] * f
                v = (v if setv is None else setv) * mult + add
                # noise: AR(1) plus white
                ar = 0.7 * ar + rng.gauss(0, 1)
                nz = {"request_rate": 0.035, "error_ratio": 0.25, "latency_p99_seconds": 0.07,
                      "cpu_utilisation": 0.04, "memory_utilisation": 0.01, "saturation": 0.05}[sig]
                v = v * (1 + nz * 0.6 * ar * 0.5 + nz * 0.5 * rng.gauss(0, 1))
                if sig == "error_ratio":
                    v = max(0.0, v)
                    if base < 0.01 and rng.random() < 0.02:
                        v += rng.random() * 0.01  # sporadic error blips
                if sig in BOUNDED:
                    v = min(1.0, max(0.0, v))
                else:
                    v = max(0.0, v)
                skip = False
                for (gs, a, b) in sc.gaps:
                    if (gs == service or gs == "*") and a <= ts <= b:
                        skip = True
                if skip:
                    continue
                # rare scrape miss
                if rng.random() < 0.006:
                    continue
                pts.append([ts, round(v, 6 if sig == "error_ratio" else 4)])
            series[sig] = pts
        out[service] = series
    return out


HOSTS = {}


def host_for(sc, service, rng):
    if sc.company == "kestrel":
        tid = "%032x" % rng.getrandbits(128)
        return "ip-10-%d-%d-%d.ec2.internal" % (rng.choice([20, 21, 22]), rng.randint(0, 63),
                                               rng.randint(2, 250)), tid[:32]
    else:
        suffix = "".join(rng.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5))
        return "%s-%s-%s" % (service, "%x" % rng.randint(0x5f000000, 0x5fffffff), suffix), None


def value_at(signals, service, sig, ts, default):
    ser = signals.get(service, {}).get(sig)
    if not ser:
        return default
    best = default
    for t, v in ser:
        if t <= ts:
            best = v
        else:
            break
    return best


UA = ["KestrelTV/7.14.2 (tvOS 18.1)", "KestrelAndroid/7.13.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
      "AppleWebKit/537.36 Chrome/131.0 Safari/537.36", "KestrelRoku/5.2.19", "CorrienteApp/12.4.1 (iPhone; iOS 18.1)",
      "okhttp/4.12.0"]


def routine_line(sc, service, ts, rng, signals, hostpool):
    prof = PROFILES[service]
    style = prof["style"]
    er = value_at(signals, service, "error_ratio", ts, prof["er"])
    lat = value_at(signals, service, "latency_p99_seconds", ts, prof["lat"])
    is_err = rng.random() < er
    status = rng.choice([500, 502, 503, 504]) if is_err else rng.choice([200] * 12 + [201, 204, 304, 404])
    dur = max(0.001, lat * (0.15 + 0.5 * rng.random()) if not is_err else lat * (0.5 + 0.6 * rng.random()))
    path = rng.choice(prof["paths"]) if prof["paths"] else ""
    path = path.replace("{pnr}", "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6)))
    host = rng.choice(hostpool)
    ip = "10.%d.%d.%d" % (rng.choice([20, 21, 40, 41]), rng.randint(0, 63), rng.randint(2, 250))
    level = "info"
    extra = {}
    if style == "nginx":
        d = datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000")
        meth = rng.choice(["GET"] * 5 + ["POST"])
        msg = '%s - - [%s] "%s %s HTTP/1.1" %d %d "-" "%s" rt=%.3f uct=0.001 urt=%.3f' % (
            ip, d, meth, path, status, rng.randint(180, 24000), rng.choice(UA), dur, max(0.0, dur - 0.002))
        if status >= 500:
            level = "warn" if sc.company == "corriente" else "info"
        extra = {"http": {"response": {"status_code": status}}, "url": {"path": path}}
    elif style == "java":
        if rng.random() < 0.15:
            msg = rng.choice(["HikariPool-1 - Pool stats (total=20, active=%d, idle=%d, waiting=0)" % (
                rng.randint(1, 6), rng.randint(10, 19)),
                "Refreshing feature flags from AppConfig, 0 changes",
                "GC pause (G1 Evacuation Pause) %dms" % rng.randint(4, 30)])
        else:
            msg = "%s %s -> %d in %dms" % (rng.choice(["GET", "POST"]), path, status, int(dur * 1000))
        if status >= 500:
            level = "error"
        extra = {"log": {"logger": prof.get("logger", "c.k.app.Main")},
                 "process": {"thread": {"name": "http-nio-8080-exec-%d" % rng.randint(1, 200)}}}
    elif style == "go":
        if prof["paths"]:
            msg = 'msg="handled request" method=GET path=%s status=%d dur=%.1fms' % (path, status, dur * 1000)
        elif service.startswith("transcode"):
            msg = rng.choice(['msg="job progress" job=%s pct=%d' % ("tj-%06d" % rng.randint(0, 999999),
                                                                    rng.randint(1, 99)),
                              'msg="received message" queue=transcode-jobs receive_count=1',
                              'msg="segment encoded" rendition=1080p_h264 seg=%d' % rng.randint(1, 900)])
        else:
            msg = rng.choice(['msg="batch processed" n=%d lag_ms=%d' % (rng.randint(20, 200), rng.randint(5, 400)),
                              'msg="checkpoint committed" partition=%d offset=%d' % (rng.randint(0, 31),
                                                                                    rng.randint(10 ** 6, 10 ** 8)),
                              'msg="poll" fetched=%d' % rng.randint(0, 500)])
        if status >= 500:
            level = "error"
    elif style == "node":
        msg = "request completed"
        extra = {"http": {"request": {"method": "GET"}, "response": {"status_code": status}},
                 "url": {"path": path}, "event": {"duration": int(dur * 1e9)}}
        if status >= 500:
            level = "error"
            msg = "request errored"
    elif style == "python":
        if prof["paths"]:
            msg = '%s - "%s %s HTTP/1.1" %d %.3f' % (ip, rng.choice(["GET", "POST"]), path, status, dur)
        else:
            msg = rng.choice(["processed job %s in %.1fs" % ("pk-%05d" % rng.randint(0, 99999), dur),
                              "polling for messages (wait_time=20s)",
                              "handled event %s type=%s" % ("ev-%08x" % rng.getrandbits(32),
                                                           rng.choice(["DELAY", "GATE_CHANGE", "CANCEL"]))])
        if status >= 500:
            level = "error"
    elif style == "dotnet":
        meth = rng.choice(["GET", "GET", "POST"])
        msg = "Request finished HTTP/1.1 %s http://%s%s - %d - application/json %.4fms" % (
            meth, service, path, status, dur * 1000)
        extra = {"log": {"logger": "Microsoft.AspNetCore.Hosting.Diagnostics"}}
        if status >= 500:
            level = "error"
    elif style == "lambda":
        rid = "%08x-%04x-%04x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16),
                                             rng.getrandbits(16), rng.getrandbits(48))
        if rng.random() < 0.25:
            return "info", rng.choice(["START RequestId: %s Version: $LATEST" % rid, "END RequestId: %s" % rid]), \
                host, {"aws": {"lambda": {"function_name": service}}}
        mem = 512 if service != "events-collector-fn" else 256
        d = dur * 1000
        msg = "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB" % (
            rid, d, int(math.ceil(d)), mem, rng.randint(int(mem * 0.25), int(mem * 0.45)))
        extra = {"aws": {"lambda": {"function_name": service}},
                 "cloud": {"provider": "aws", "region": "us-east-1"}}
    elif style == "cdn":
        msg = "edge=IAD89-P2 result=%s status=%d path=/v/%s/seg_%05d.m4s" % (
            "Hit" if rng.random() < 0.93 else "Miss", status, "%08x" % rng.getrandbits(32), rng.randint(1, 3000))
    else:
        return None
    return level, msg, host, extra


def build_logs(sc, signals):
    rng = random.Random(zlib.crc32((sc.sid + "/log").encode()))
    start = sc.now - sc.window * 60
    lines = []
    hostpools = {}
    for service, per_min, extra in sc.log_services:
        pool = []
        for _ in range(extra.get("hosts", 3)):
            h, _tid = host_for(sc, service, rng)
            pool.append(h)
        hostpools[service] = pool
        t = start + rng.random() * 5
        mult_until = extra.get("mult")
        while t < sc.now:
            r = routine_line(sc, service, t, rng, signals, pool)
            if r:
                lines.append((t, service, r[0], r[1], r[2], r[3]))
            rate = per_min
            if mult_until and t >= sc.t(mult_until[0]):
                rate = per_min * mult_until[1]
            t += rng.expovariate(rate / 60.0)
    for ts, service, level, msg, extra in sc.events:
        if ts > sc.now:
            continue
        pool = hostpools.get(service)
        if not pool:
            pool = [host_for(sc, service, rng)[0] for _ in range(2)]
            hostpools[service] = pool
        # allow simple placeholders
        m = msg
        if "{rid}" in m:
            m = m.replace("{rid}", "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                                                  rng.getrandbits(12), rng.getrandbits(16),
                                                                  rng.getrandbits(48)))
        if "{n}" in m:
            m = m.replace("{n}", str(rng.randint(2, 9999)))
        if "{ms}" in m:
            m = m.replace("{ms}", str(rng.randint(1000, 30000)))
        if "{ip}" in m:
            m = m.replace("{ip}", "10.%d.%d.%d" % (rng.choice([20, 21, 40]), rng.randint(0, 63), rng.randint(2, 250)))
        if "{pnr}" in m:
            m = m.replace("{pnr}", "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6)))
        lines.append((ts + rng.random() * 0.9, service, level, m, rng.choice(pool), extra or {}))
    lines.sort(key=lambda x: (x[0], x[1], x[3]))
    out = []
    for ts, service, level, msg, host, extra in lines:
        doc = {"@timestamp": iso(ts), "service": {"name": service}, "log": {"level": level}, "message": msg,
               "host": {"name": host}, "ecs": {"version": "8.11.0"}}
        for k, v in extra.items():
            if k == "log":
                doc["log"].update(v)
            else:
                doc[k] = v
        if sc.company == "corriente":
            doc.setdefault("orchestrator", {"cluster": {"name": "aks-prod-weu-01"}, "namespace": "digital"})
        else:
            doc.setdefault("cloud", {"provider": "aws", "region": "us-east-1"})
        out.append(json.dumps(doc, separators=(",", ":"), sort_keys=False))
    return out


BACKGROUND = {
    "kestrel": [
        ("notify-svc", "growth-ci", "notify-svc:1.{a}.{b}", "template copy update"),
        ("search-api", "m.okafor", "search-api:1.{a}.{b}", "index alias switch tooling"),
        ("thumbnailer-fn", "p.ivanova", "thumbnailer-fn:$LATEST/{a}", "sharp upgrade"),
        ("watch-history-svc", "d.ferreira", "watch-history-svc:2.{a}.{b}", "metrics labels"),
        ("edge-gw", "platform-ci", "edge-gw:nginx-1.27.{b}-k{a}", "lua: strip debug headers"),
        ("ingest-api", "h.kowalski", "ingest-api:8.{a}.{b}", "sidecar bump"),
        ("subscription-svc", "l.haddad", "subscription-svc:3.{a}.{b}", "renovate: jackson"),
        ("manifest-svc", "b.achterberg", "manifest-svc:6.{a}.{b}", "go 1.23.4"),
        ("billing-svc", "s.moreau", "billing-svc:5.{a}.{b}", "tax table refresh"),
        ("reco-svc", "a.sato", "reco-svc:0.{a}.{b}", "feature logging sample rate"),
    ],
    "corriente": [
        ("notify-hub", "comms-pipeline", "notify-hub:3.{a}.{b}", "SMS template for gate change"),
        ("ancillaries-api", "Ana Souza", "ancillaries-api:3.{a}.{b}", "dependency bumps"),
        ("customer-profile", "Sofia Nilsen", "customer-profile:4.{a}.{b}", "logging scopes"),
        ("seatmap-svc", "Priya Raman", "seatmap-svc:2.{a}.{b}", "feature flag cleanup"),
        ("loyalty-svc", "Chen Wei", "loyalty-svc:7.{a}.{b}", "Spring Boot 3.3.6"),
        ("web-bff", "Tom Hale", "web-bff:2026.{a}.{b}", "copy changes"),
        ("flightstatus-api", "Oskar Lind", "flightstatus-api:2.{a}.{b}", "cache-control headers"),
        ("disruption-worker", "Oskar Lind", "disruption-worker:0.{a}.{b}", "retry jitter"),
        ("boardingpass-svc", "Nadia Haddad", "boardingpass-svc:1.{a}.{b}", "fonts"),
    ],
}


def build_deploys(sc):
    out = []
    rng = random.Random(zlib.crc32((sc.sid + "/dep").encode()))
    pool = [x for x in BACKGROUND[sc.company] if x[0] != sc.culprit]
    taken = {d["service"] for d in sc.deploys}
    for svc, author, ver, desc in rng.sample(pool, 4):
        if svc in taken:
            continue
        a_, b_ = rng.randint(10, 60), rng.randint(1, 9)
        sc.deploys.append(dict(service=svc, at=-rng.randint(95, 420), dur=rng.choice([2, 3, 4, 6, 9]), author=author,
                               version=ver.format(a=a_, b=b_), prev=ver.format(a=a_, b=b_ - 1), desc=desc,
                               kind="deploy"))
    for i, d in enumerate(sorted(sc.deploys, key=lambda d: d["at"])):
        start = sc.t(d["at"])
        prefix = "dpl" if sc.company == "kestrel" else "rel"
        out.append({
            "id": "%s-%s-%04d" % (prefix, sc.sid.split("-")[0], rng.randint(1000, 9999) + i),
            "service": d["service"],
            "kind": d["kind"],
            "version": d["version"],
            "previous_version": d["prev"],
            "started_at": iso(start, ms=False),
            "finished_at": iso(start + d["dur"] * 60, ms=False),
            "author": d["author"],
            "description": d["desc"],
        })
    return out


def build_alerts(sc, catalog):
    rng = random.Random(zlib.crc32((sc.sid + "/al").encode()))
    alerts = []
    services = catalog["services"]
    for a in sc.alerts:
        labels = {"alertname": a["name"], "service": a["service"], "severity": a["severity"]}
        team = services.get(a["service"], {}).get("team") if isinstance(services.get(a["service"]), dict) else None
        if team:
            labels["team"] = team
        if sc.company == "kestrel":
            labels.setdefault("env", "prod")
            labels.setdefault("region", "us-east-1")
        else:
            labels.setdefault("environment", "production")
            labels.setdefault("cluster", "aks-prod-weu-01")
        labels.update(a["labels"])
        start = sc.t(a["at"])
        status = "firing"
        ends = "0001-01-01T00:00:00Z"
        if a["resolved_at"] is not None:
            status = "resolved"
            ends = iso(sc.t(a["resolved_at"]))
        fp = "%016x" % (zlib.crc32(json.dumps(labels, sort_keys=True).encode()) * 2654435761 % (1 << 64))
        gen = ("https://prometheus.obs.kestrel.internal/graph?g0.expr=" if sc.company == "kestrel"
               else "https://grafana.corriente.aero/alerting/grafana/") + "%x" % rng.getrandbits(40)
        alerts.append({
            "status": status,
            "labels": labels,
            "annotations": {"summary": a["summary"], "description": a["description"]},
            "startsAt": iso(start),
            "endsAt": ends,
            "generatorURL": gen,
            "fingerprint": fp,
        })
    firing = [x for x in alerts if x["status"] == "firing"]
    common = {}
    if alerts:
        keys = set(alerts[0]["labels"])
        for x in alerts[1:]:
            keys &= set(x["labels"])
        for k in sorted(keys):
            vals = {x["labels"][k] for x in alerts}
            if len(vals) == 1:
                common[k] = vals.pop()
    receiver = "pagerduty-kestrel-prod" if sc.company == "kestrel" else "opsgenie-corriente-p1"
    return {
        "version": "4",
        "groupKey": '{}/{env=~"prod.*"}:{alertname="%s"}' % (alerts[0]["labels"]["alertname"] if alerts else ""),
        "truncatedAlerts": 0,
        "status": "firing" if firing else "resolved",
        "receiver": receiver,
        "groupLabels": {},
        "commonLabels": common,
        "commonAnnotations": {},
        "externalURL": ("https://alertmanager.obs.kestrel.internal" if sc.company == "kestrel"
                        else "https://alertmanager.platform.corriente.aero"),
        "alerts": alerts,
    }


def write_scenario(sc):
    catalog_text = CATALOG_KESTREL if sc.company == "kestrel" else CATALOG_CORRIENTE
    catalog = yaml.safe_load(catalog_text)
    names = set(catalog["services"])
    d = os.path.join(HERE, "scenarios", sc.sid)
    os.makedirs(d, exist_ok=True)
    signals = build_signals(sc)
    logs = [] if sc.no_logs else build_logs(sc, signals)
    deploys = [] if sc.no_deploys else build_deploys(sc)
    alerts = build_alerts(sc, catalog)
    # sanity: every service mentioned is in the catalog
    mentioned = set(signals) | {d_["service"] for d_ in deploys} | {a["labels"]["service"] for a in alerts["alerts"]}
    mentioned |= {json.loads(l)["service"]["name"] for l in logs}
    missing = mentioned - names
    assert not missing, (sc.sid, missing)
    assert sc.culprit in names, (sc.sid, sc.culprit)
    files = {"alerts": "alerts.json", "catalog": "catalog.yaml", "signals": "signals.json"}
    if not sc.no_logs:
        files["logs"] = "logs.jsonl"
    files["deploys"] = "deploys.json"
    meta = {"name": sc.name, "description": sc.description, "now": sc.now_s}
    meta.update(files)
    meta["expected"] = {"cause": sc.cause, "culprit": sc.culprit}
    with open(os.path.join(d, "scenario.yaml"), "w") as f:
        yaml.safe_dump(meta, f, sort_keys=False, width=100, allow_unicode=True)
    with open(os.path.join(d, "catalog.yaml"), "w") as f:
        f.write(catalog_text)
    with open(os.path.join(d, "signals.json"), "w") as f:
        json.dump(signals, f, separators=(",", ":"))
        f.write("\n")
    if not sc.no_logs:
        with open(os.path.join(d, "logs.jsonl"), "w") as f:
            f.write("\n".join(logs) + "\n")
    elif os.path.exists(os.path.join(d, "logs.jsonl")):
        os.remove(os.path.join(d, "logs.jsonl"))
    with open(os.path.join(d, "deploys.json"), "w") as f:
        json.dump(deploys, f, indent=2)
        f.write("\n")
    with open(os.path.join(d, "alerts.json"), "w") as f:
        json.dump(alerts, f, indent=2)
        f.write("\n")
    return len(logs)


# ---------------------------------------------------------------------------
# scenarios
# ---------------------------------------------------------------------------
S = Scenario


def k01():
    sc = S("k01-playback-npe-after-deploy", "kestrel", "2026-11-03T20:42:00Z", 60, 30,
           "Playback starts failing on TV devices",
           "Edge 5xx page at prime time; playback-api started throwing on start requests.",
           "deploy", "playback-api")
    sc.sig("edge-gw", "playback-api", "manifest-svc", "license-proxy", "catalog-api", "ddb-playback-sessions")
    sc.eff("playback-api", "error_ratio", "step", -14, to=0.23, rise=2)
    sc.eff("edge-gw", "error_ratio", "step", -13, to=0.041, rise=2)
    sc.eff("playback-api", "latency_p99_seconds", "step", -14, mult=1.4)
    sc.eff("manifest-svc", "request_rate", "step", -14, mult=0.8)
    for s_, r in [("edge-gw", 9), ("playback-api", 8), ("manifest-svc", 4), ("license-proxy", 3), ("catalog-api", 5)]:
        sc.logs(s_, r)
    sc.ev("playback-api", "error", "Unhandled exception in POST /v2/playback/start: java.lang.NullPointerException: "
          "Cannot invoke \"com.kestrel.playback.model.DeviceCaps.getHdcpLevel()\" because \"caps\" is null\n"
          "\tat c.k.playback.policy.EntitlementPolicy.resolveMaxRendition(EntitlementPolicy.java:212)\n"
          "\tat c.k.playback.web.PlaybackController.start(PlaybackController.java:88)", -14, 0, every=7,
          extra={"log": {"logger": "c.k.playback.web.GlobalExceptionHandler"}, "error": {"type": "java.lang.NullPointerException"}})
    sc.ev("playback-api", "info", "Started PlaybackApplication in 21.8 seconds (process running for 24.1)", -15.5)
    sc.ev("playback-api", "warn", "DeviceCaps header missing for client=KestrelTV/7.14.2, defaulting to legacy profile", -14, 0, every=40)
    sc.gap("catalog-api", -50, -41)
    sc.deploy("catalog-api", -34, 6, "m.okafor", "catalog-api:2026.11.03-1", "catalog-api:2026.10.29-4",
              "rows: add 'new this week' shelf behind flag (off)")
    sc.deploy("playback-api", -17, 3, "j.lindqvist", "playback-api:v4.31.0", "playback-api:v4.30.2",
              "entitlement policy refactor, HDCP based rendition caps (PLAY-2291)")
    sc.deploy("notify-svc", -95, 4, "renovate[bot]", "notify-svc:1.88.3", "notify-svc:1.88.2", "bump aws-sdk")
    sc.alert("EdgeHigh5xxRate", "edge-gw", -10, "critical", "edge-gw 5xx above 3% for 5m",
             "ALB target 5xx ratio elevated on /api/v2/playback/*")
    sc.alert("PlaybackStartFailureRate", "playback-api", -9, "critical", "playback start failures > 10%",
             "QoE dashboard: start failures by device")
    return sc


def k02():
    sc = S("k02-drm-licensor-outage", "kestrel", "2026-11-07T01:18:00Z", 45, 20,
           "Licence requests timing out",
           "Playback fails after manifest fetch; license-proxy returns 502s. Widevault status page quiet at first.",
           "external", "widevault-drm")
    sc.sig("edge-gw", "playback-api", "license-proxy", "manifest-svc", "profile-svc")
    sc.eff("license-proxy", "error_ratio", "step", -11, to=0.62, rise=3)
    sc.eff("license-proxy", "latency_p99_seconds", "step", -11, to=10.2, rise=1)
    sc.eff("playback-api", "error_ratio", "step", -10, to=0.19, rise=3)
    sc.eff("edge-gw", "error_ratio", "step", -10, to=0.03, rise=3)
    sc.eff("license-proxy", "memory_utilisation", "step", -11, add=0.08, rise=8)
    for s_, r in [("edge-gw", 6), ("playback-api", 5), ("license-proxy", 5), ("manifest-svc", 3), ("profile-svc", 3)]:
        sc.logs(s_, r)
    sc.ev("license-proxy", "error", "upstream license request failed: connect ETIMEDOUT 203.0.113.41:443 "
          "(host=lic-us-east.widevault.example, scheme=widevine)", -11, 0, every=4,
          extra={"error": {"code": "ETIMEDOUT"}})
    sc.ev("license-proxy", "warn", "circuit breaker widevault-license HALF_OPEN -> OPEN (failures=50/60 in 30s)", -9, 0, every=90)
    sc.ev("license-proxy", "error", "AxiosError: Request failed with status code 503 at https://lic-us-east.widevault.example/v3/proxy/widevine",
          -8, 0, every=11)
    sc.ev("playback-api", "warn", "license pre-fetch failed for session {rid}: 502 from license-proxy", -10, 0, every=9,
          extra={"log": {"logger": "c.k.playback.license.LicensePrefetcher"}})
    sc.deploy("reco-svc", -52, 5, "a.sato", "reco-svc:0.77.0", "reco-svc:0.76.4", "rerank weights refresh")
    sc.deploy("edge-gw", -230, 8, "platform-ci", "edge-gw:nginx-1.27.3-k7", "edge-gw:nginx-1.27.2-k7", "base image")
    sc.alert("LicenseProxyErrors", "license-proxy", -8, "critical", "license-proxy error ratio 60%",
             "5xx from license-proxy, upstream timeouts")
    sc.alert("PlaybackStartFailureRate", "playback-api", -7, "critical", "playback start failures > 10%", "")
    return sc


def k03():
    sc = S("k03-nat-gateway-port-exhaustion", "kestrel", "2026-11-09T14:05:00Z", 75, 30,
           "Outbound calls failing from private subnets",
           "Billing, auth and licence calls to third parties time out at the same time; internal calls fine.",
           "infrastructure", "nat-gw-use1")
    sc.sig("edge-gw", "billing-svc", "auth-bff", "license-proxy", "reco-svc", "catalog-api", "profile-svc")
    sc.sig("nat-gw-use1", only=["saturation"])
    sc.eff("nat-gw-use1", "saturation", "step", -24, to=1.0, rise=6)
    for s_, er in [("billing-svc", 0.34), ("auth-bff", 0.21), ("license-proxy", 0.28), ("reco-svc", 0.4)]:
        sc.eff(s_, "error_ratio", "step", -20, to=er, rise=3)
        sc.eff(s_, "latency_p99_seconds", "step", -20, mult=6, rise=2)
    sc.eff("edge-gw", "error_ratio", "step", -19, to=0.05, rise=3)
    for s_, r in [("edge-gw", 6), ("billing-svc", 4), ("auth-bff", 4), ("license-proxy", 4), ("reco-svc", 3), ("catalog-api", 4)]:
        sc.logs(s_, r)
    sc.ev("billing-svc", "error", "paycadia.error.APIConnectionError: Could not connect to Paycadia (https://api.paycadia.example/v2/charges): "
          "HTTPSConnectionPool(host='api.paycadia.example', port=443): Max retries exceeded (Caused by ConnectTimeoutError)",
          -20, 0, every=15)
    sc.ev("auth-bff", "error", "token exchange failed: connect ETIMEDOUT 198.51.100.7:443 (login.idwell.example)", -20, 0, every=10)
    sc.ev("license-proxy", "error", "upstream license request failed: connect ETIMEDOUT 203.0.113.41:443 (host=lic-us-east.widevault.example)",
          -19, 0, every=9)
    sc.ev("reco-svc", "error", "httpx.ConnectTimeout: timed out while connecting to api.tastegraph.example:443", -19, 0, every=12)
    sc.ev("catalog-api", "info", "memcached get_multi hit_ratio=0.93 keys=48", -70, 0, every=60)
    sc.deploy("profile-svc", -40, 4, "k.nair", "profile-svc:3.12.1", "profile-svc:3.12.0", "prefs: language fallback fix")
    sc.alert("PaycadiaChargeFailures", "billing-svc", -15, "critical", "charge failures 30%", "billing-svc -> paycadia")
    sc.alert("AuthRefreshErrors", "auth-bff", -15, "warning", "auth-bff refresh errors", "")
    sc.alert("LicenseProxyErrors", "license-proxy", -14, "critical", "license-proxy error ratio 25%", "")
    sc.alert("RecoFallbackServed", "reco-svc", -13, "info", "reco-svc serving fallback rows", "")
    return sc


def k04():
    sc = S("k04-live-event-heartbeat-surge", "kestrel", "2026-11-15T01:02:00Z", 60, 15,
           "watch history writes throttled during the title fight",
           "Live boxing event kicked off; continue-watching broken and DynamoDB throttling alarms.",
           "traffic_surge", "events-collector-fn")
    sc.sig("events-collector-fn", "ddb-watch-events", "watch-history-svc", "edge-gw", "playback-api")
    sc.eff("events-collector-fn", "request_rate", "ramp", -26, until=-16, mult=4.6)
    sc.eff("ddb-watch-events", "saturation", "ramp", -24, until=-17, to=1.0)
    sc.eff("ddb-watch-events", "request_rate", "ramp", -26, until=-16, mult=3.2)
    sc.eff("events-collector-fn", "error_ratio", "step", -18, to=0.12, rise=4)
    sc.eff("watch-history-svc", "error_ratio", "step", -17, to=0.09, rise=3)
    sc.eff("watch-history-svc", "latency_p99_seconds", "step", -17, mult=9, rise=3)
    sc.eff("playback-api", "request_rate", "ramp", -28, until=-18, mult=1.5)
    sc.eff("edge-gw", "request_rate", "ramp", -28, until=-18, mult=1.35)
    sc.logs("events-collector-fn", 10, mult=(-26, 3))
    for s_, r in [("watch-history-svc", 5), ("edge-gw", 5), ("playback-api", 4)]:
        sc.logs(s_, r)
    sc.ev("events-collector-fn", "error", "ProvisionedThroughputExceededException: The level of configured provisioned throughput "
          "for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API. "
          "(Service: DynamoDb, Status Code: 400, Request ID: {rid}, host: dynamodb.us-east-1.amazonaws.com)", -18, 0, every=5)
    sc.ev("watch-history-svc", "error", 'msg="query failed" table=watch-events err="operation error DynamoDB: Query, exceeded maximum number of attempts, 3, '
          'https response error StatusCode: 400, RequestID: {rid}, ProvisionedThroughputExceededException"', -17, 0, every=8)
    sc.ev("events-collector-fn", "info", "batch accepted heartbeats=500 source=live:boxing-2026-11-14", -27, 0, every=6)
    sc.deploy("watch-history-svc", -130, 5, "d.ferreira", "watch-history-svc:2.4.0", "watch-history-svc:2.3.9", "continue-watching sort tweak")
    sc.alert("DynamoDBWriteThrottleEvents", "ddb-watch-events", -16, "critical", "WriteThrottleEvents > 0 on watch-events", "CloudWatch alarm bridged")
    sc.alert("ContinueWatchingErrors", "watch-history-svc", -14, "warning", "watch-history-svc 5xx 9%", "")
    return sc


def k05():
    sc = S("k05-search-scraper-aurora-cpu", "kestrel", "2026-11-18T03:40:00Z", 70, 30,
           "Aurora writer CPU pegged",
           "DBA paged for aurora-core CPU; profile and billing slow. Turned out search was being hammered.",
           "traffic_surge", "search-api")
    sc.sig("search-api", "aurora-core", "profile-svc", "billing-svc", "catalog-api", "edge-gw", "reco-svc")
    sc.eff("search-api", "request_rate", "step", -31, mult=7.5, rise=4)
    sc.eff("edge-gw", "request_rate", "step", -31, mult=1.25, rise=4)
    sc.eff("aurora-core", "cpu_utilisation", "step", -29, to=0.98, rise=5)
    sc.eff("aurora-core", "saturation", "step", -28, to=0.83, rise=6)
    sc.eff("aurora-core", "latency_p99_seconds", "step", -28, mult=14, rise=5)
    sc.eff("profile-svc", "latency_p99_seconds", "step", -26, mult=11, rise=3)
    sc.eff("billing-svc", "latency_p99_seconds", "step", -26, mult=4, rise=3)
    sc.eff("search-api", "latency_p99_seconds", "step", -27, mult=8, rise=3)
    sc.eff("search-api", "error_ratio", "step", -25, to=0.06)
    sc.eff("profile-svc", "error_ratio", "step", -24, to=0.04)
    sc.eff("reco-svc", "error_ratio", "spike", -55, until=-51, to=0.09)  # noisy neighbour
    sc.logs("search-api", 4, mult=(-31, 3))
    for s_, r in [("profile-svc", 3), ("billing-svc", 2), ("edge-gw", 5), ("reco-svc", 2), ("catalog-api", 3)]:
        sc.logs(s_, r)
    sc.ev("edge-gw", "info", '185.220.101.{n} - - "GET /api/v1/search?q=a&page={n} HTTP/1.1" 200 8812 "-" "python-requests/2.32.3" rt=0.84',
          -31, 0, every=2)
    sc.ev("search-api", "warn", "slow query 4.1s: SELECT t.id, t.title FROM titles t JOIN title_i18n i ON ... WHERE i.title LIKE '%%a%%' LIMIT 50 OFFSET {n}",
          -27, 0, every=12)
    sc.ev("profile-svc", "error", 'msg="db query" err="context deadline exceeded" query=GetProfileByAccount elapsed=2.0s', -24, 0, every=14)
    sc.ev("reco-svc", "error", "tastegraph returned 429, backing off 2s", -55, -51, every=20)
    sc.deploy("billing-svc", -300, 6, "s.moreau", "billing-svc:5.2.0", "billing-svc:5.1.7", "invoice PDF footer")
    sc.alert("AuroraWriterCPUHigh", "aurora-core", -22, "critical", "aurora-core writer CPU > 95% for 10m", "dbclusteridentifier=aurora-core")
    sc.alert("ProfileLatencyHigh", "profile-svc", -20, "warning", "profile-svc p99 > 500ms", "")
    sc.alert("BillingLatencyHigh", "billing-svc", -17, "warning", "billing-svc p99 > 2s", "")
    return sc


def k06():
    sc = S("k06-studio-backfill-transcode-backlog", "kestrel", "2026-11-20T11:30:00Z", 90, 60,
           "transcode-jobs queue age climbing",
           "Oldest message age alarm on transcode-jobs; new titles not published in time for the Friday drop.",
           "traffic_surge", "ingest-api")
    sc.sig("ingest-api", "sqs-transcode-jobs", "transcode-worker", "transcode-orchestrator", "packager-worker", "sqs-package-jobs")
    sc.eff("ingest-api", "request_rate", "step", -62, mult=14, rise=5)
    sc.eff("sqs-transcode-jobs", "request_rate", "step", -61, mult=12, rise=5)
    sc.eff("sqs-transcode-jobs", "saturation", "ramp", -58, to=0.92)
    sc.eff("transcode-worker", "cpu_utilisation", "step", -58, to=0.97, rise=6)
    sc.eff("transcode-worker", "request_rate", "step", -58, mult=1.3, rise=6)
    sc.eff("transcode-orchestrator", "request_rate", "step", -61, mult=10, rise=5)
    sc.logs("ingest-api", 2, mult=(-62, 8))
    for s_, r in [("transcode-worker", 5), ("transcode-orchestrator", 3), ("packager-worker", 3)]:
        sc.logs(s_, r)
    sc.ev("ingest-api", "info", 'msg="asset registered" partner=northlight-studios batch=backfill-2026q4 asset=nl-{n} bytes=48213{n}',
          -62, 0, every=4)
    sc.ev("transcode-worker", "warn", 'msg="scale-out capped" desired=64 max=24 service=transcode-worker', -50, 0, every=300)
    sc.gap("ingest-api", -30, -12)
    sc.deploy("packager-worker", -75, 5, "p.ivanova", "packager-worker:1.9.2", "packager-worker:1.9.1", "CMAF chunk duration log line")
    sc.alert("SQSOldestMessageAgeHigh", "sqs-transcode-jobs", -35, "warning", "transcode-jobs oldest message > 30m",
             "ApproximateAgeOfOldestMessage", labels={"queue": "transcode-jobs"})
    sc.alert("TranscodeWorkerCPUHigh", "transcode-worker", -40, "info", "transcode-worker CPU > 95%", "")
    return sc


def k07():
    sc = S("k07-packager-slow-preset", "kestrel", "2026-11-21T16:10:00Z", 80, 60,
           "package-jobs backlog",
           "Packaging queue backing up since lunchtime; ingest volume normal.",
           "deploy", "packager-worker")
    sc.sig("packager-worker", "sqs-package-jobs", "transcode-worker", "ingest-api", "sqs-transcode-jobs")
    sc.eff("packager-worker", "latency_p99_seconds", "step", -48, mult=3.4, rise=4)
    sc.eff("packager-worker", "request_rate", "step", -48, mult=0.35, rise=4)
    sc.eff("packager-worker", "cpu_utilisation", "step", -48, to=0.96, rise=4)
    sc.eff("sqs-package-jobs", "saturation", "ramp", -46, to=0.74)
    for s_, r in [("packager-worker", 5), ("transcode-worker", 4), ("ingest-api", 3)]:
        sc.logs(s_, r)
    sc.ev("packager-worker", "info", "packager config loaded: profile=cmaf-v3 encrypt=cbcs segment_duration=2.0 lookahead=48 trellis=2", -49)
    sc.ev("packager-worker", "warn", "job pk-{n} took {ms}ms (p50 budget 14000ms)", -46, 0, every=45)
    sc.deploy("packager-worker", -51, 3, "t.brennan", "packager-worker:2.0.0", "packager-worker:1.9.2",
              "cmaf-v3 profile: trellis quant + longer lookahead for better VMAF")
    sc.deploy("ingest-api", -22, 3, "h.kowalski", "ingest-api:8.3.4", "ingest-api:8.3.3", "partner webhook retries")
    sc.alert("PackageQueueAgeHigh", "sqs-package-jobs", -25, "warning", "package-jobs oldest message > 20 min", "", labels={"queue": "package-jobs"})
    return sc


def k08():
    sc = S("k08-profile-conn-leak", "kestrel", "2026-11-24T19:55:00Z", 90, 30,
           "Too many connections on aurora-core",
           "Aurora connection count creeping up all afternoon; profile-svc started failing. subscription-svc deploy 12m before the page.",
           "resource_saturation", "profile-svc")
    sc.sig("profile-svc", "aurora-core", "subscription-svc", "billing-svc", "auth-bff", "edge-gw")
    sc.eff("aurora-core", "saturation", "ramp", -85, until=-4, to=0.995, curve=1.1)
    sc.eff("profile-svc", "saturation", "ramp", -85, until=-4, to=1.0)
    sc.eff("profile-svc", "memory_utilisation", "ramp", -85, add=0.12)
    sc.eff("profile-svc", "error_ratio", "step", -7, to=0.27, rise=2)
    sc.eff("subscription-svc", "error_ratio", "step", -6, to=0.08, rise=2)
    sc.eff("auth-bff", "error_ratio", "step", -6, to=0.05, rise=2)
    sc.gap("profile-svc", -40, -28)
    for s_, r in [("profile-svc", 5), ("subscription-svc", 3), ("billing-svc", 2), ("auth-bff", 4), ("edge-gw", 6)]:
        sc.logs(s_, r)
    sc.ev("profile-svc", "info", 'msg="db pool stats" open={n} in_use={n} idle=0 wait_count=0', -88, -8, every=300)
    sc.ev("profile-svc", "error", 'msg="query failed" err="Error 1040 (08004): Too many connections" host=aurora-core.cluster-c3x9.us-east-1.rds.amazonaws.com',
          -7, 0, every=6)
    sc.ev("subscription-svc", "error", "SQLNonTransientConnectionException: Too many connections\n\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:111)",
          -6, 0, every=25, extra={"log": {"logger": "com.zaxxer.hikari.pool.HikariPool"}})
    sc.deploy("subscription-svc", -12, 4, "l.haddad", "subscription-svc:3.7.0", "subscription-svc:3.6.5", "grace period handling for failed renewals")
    sc.deploy("profile-svc", -330, 4, "k.nair", "profile-svc:3.13.0", "profile-svc:3.12.1", "prefs export endpoint")
    sc.alert("AuroraConnectionsHigh", "aurora-core", -18, "warning", "aurora-core DatabaseConnections > 2800", "")
    sc.alert("ProfileSvc5xx", "profile-svc", -5, "critical", "profile-svc 5xx > 20%", "")
    sc.alert("SubscriptionRenewalErrors", "subscription-svc", -4, "warning", "renewal errors", "")
    sc.alert("EdgeHigh5xxRate", "edge-gw", -3, "warning", "edge-gw 5xx above 1% on /api/v1/auth/*", "")
    return sc


def k09():
    sc = S("k09-catalog-memcached-endpoint-config", "kestrel", "2026-11-26T18:25:00Z", 50, 20,
           "Home rows slow, Aurora read load doubled",
           "After an AppConfig push catalog-api cache hit ratio collapsed and reads fell through to Aurora.",
           "config_change", "catalog-api")
    sc.sig("catalog-api", "memcached-catalog", "aurora-core", "edge-gw", "search-api")
    sc.eff("catalog-api", "latency_p99_seconds", "step", -19, mult=7, rise=2)
    sc.eff("memcached-catalog", "request_rate", "step", -19, mult=0.12, rise=1)
    sc.eff("aurora-core", "cpu_utilisation", "step", -18, to=0.88, rise=3)
    sc.eff("aurora-core", "request_rate", "step", -18, mult=2.4, rise=3)
    sc.eff("catalog-api", "error_ratio", "step", -16, to=0.035)
    for s_, r in [("catalog-api", 7), ("edge-gw", 6), ("search-api", 3)]:
        sc.logs(s_, r)
    sc.ev("catalog-api", "info", "AppConfig profile 'catalog-api/prod' updated to version 57: cache.memcached.nodes changed", -19.5,
          extra={"log": {"logger": "c.k.config.AppConfigPoller"}})
    sc.ev("catalog-api", "warn", "net.spy.memcached.MemcachedConnection: Could not connect to memcached-catalog-old.x7k2pq.cfg.use1.cache.amazonaws.com:11211 - java.net.UnknownHostException",
          -19, 0, every=20)
    sc.ev("catalog-api", "warn", "cache miss storm: rows/home miss_ratio=0.97 falling back to db", -18, 0, every=30)
    sc.deploy("search-api", -44, 5, "m.okafor", "search-api:1.40.0", "search-api:1.39.2", "synonyms reload")
    sc.deploy("catalog-api", -20, 1, "r.vance", "appconfig catalog-api/prod v57", "appconfig catalog-api/prod v56",
              "point memcached client at new cluster config endpoint", kind="config")
    sc.alert("AuroraReaderCPUHigh", "aurora-core", -12, "warning", "aurora-core reader CPU > 85%", "")
    sc.alert("CatalogRowsLatency", "catalog-api", -11, "critical", "catalog-api p99 > 800ms", "")
    return sc


def k10():
    sc = S("k10-memcached-node-loss-after-innocent-deploy", "kestrel", "2026-11-28T21:14:00Z", 45, 15,
           "catalog timeouts right after catalog release",
           "catalog-api shipped at 21:00; 6 minutes later memcached node 0002 stopped answering.",
           "dependency_outage", "memcached-catalog")
    sc.sig("catalog-api", "memcached-catalog", "aurora-core", "edge-gw", "manifest-svc")
    sc.eff("memcached-catalog", "request_rate", "step", -8, mult=0.45, rise=0.5)
    sc.eff("memcached-catalog", "error_ratio", "step", -8, to=0.5, rise=0.5)
    sc.eff("catalog-api", "latency_p99_seconds", "step", -8, mult=9, rise=1)
    sc.eff("catalog-api", "error_ratio", "step", -8, to=0.07, rise=1)
    sc.eff("manifest-svc", "latency_p99_seconds", "step", -8, mult=2.5, rise=1)
    sc.eff("aurora-core", "cpu_utilisation", "step", -7, to=0.7, rise=3)
    for s_, r in [("catalog-api", 8), ("edge-gw", 6), ("manifest-svc", 4)]:
        sc.logs(s_, r)
    sc.ev("catalog-api", "info", "Started CatalogApplication in 18.2 seconds", -13)
    sc.ev("catalog-api", "warn", "net.spy.memcached.MemcachedConnection: Closing, and reopening {QA sa=memcached-catalog-0002.x7k2pq.0001.use1.cache.amazonaws.com/10.20.44.17:11211, #Rops=12, #Wops=0, #iq=0, topRop=Cmd: get, topWop=null, toWrite=0, interested=1}, attempt 3.",
          -8, 0, every=15)
    sc.ev("catalog-api", "error", "net.spy.memcached.OperationTimeoutException: Timeout waiting for value: waited 2,500 ms. Node status: Connection Status { memcached-catalog-0002.x7k2pq.0001.use1.cache.amazonaws.com/10.20.44.17:11211 active: false, authed: true, last read: 412,330 ms ago }",
          -8, 0, every=6)
    sc.ev("manifest-svc", "warn", 'msg="cache get failed" key=mf:hls:{n} err="memcache: connect timeout to 10.20.44.17:11211"', -8, 0, every=12)
    sc.deploy("catalog-api", -14, 3, "m.okafor", "catalog-api:2026.11.28-2", "catalog-api:2026.11.26-1", "shelf ordering experiment cleanup")
    sc.deploy("license-proxy", -160, 4, "j.lindqvist", "license-proxy:2.8.1", "license-proxy:2.8.0", "log fairplay SPC size")
    sc.alert("CatalogApiLatencyP99", "catalog-api", -5, "critical", "catalog-api p99 latency 1.6s", "")
    sc.alert("EdgeSlowRequests", "edge-gw", -4, "warning", "edge-gw upstream time p99 > 1s", "")
    return sc


def k11():
    sc = S("k11-dynamodb-sessions-5xx", "kestrel", "2026-11-30T09:48:00Z", 40, 15,
           "Playback sessions table returning 500s",
           "DynamoDB InternalServerError on the playback-sessions table; no throttling, no change on our side.",
           "dependency_outage", "ddb-playback-sessions")
    sc.sig("playback-api", "license-proxy", "edge-gw", "manifest-svc")
    sc.eff("playback-api", "error_ratio", "step", -12, to=0.31, rise=1)
    sc.eff("license-proxy", "error_ratio", "step", -12, to=0.18, rise=1)
    sc.eff("playback-api", "latency_p99_seconds", "step", -12, mult=5)
    sc.eff("edge-gw", "error_ratio", "step", -11, to=0.04)
    sc.gap("license-proxy", -30, -22)
    for s_, r in [("playback-api", 7), ("license-proxy", 4), ("edge-gw", 6), ("manifest-svc", 3)]:
        sc.logs(s_, r)
    sc.ev("playback-api", "error", "software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException: Internal server error "
          "(Service: DynamoDb, Status Code: 500, Request ID: {rid}) host=dynamodb.us-east-1.amazonaws.com table=playback-sessions",
          -12, 0, every=5, extra={"log": {"logger": "c.k.playback.session.SessionStore"}})
    sc.ev("license-proxy", "error", "session lookup failed: InternalServerError: Internal server error (dynamodb.us-east-1.amazonaws.com, table playback-sessions, attempts=3)",
          -12, 0, every=10)
    sc.deploy("manifest-svc", -26, 3, "b.achterberg", "manifest-svc:6.1.4", "manifest-svc:6.1.3", "dash: remove deprecated ContentProtection attr")
    sc.alert("PlaybackStartFailureRate", "playback-api", -9, "critical", "playback start failures > 10%", "")
    sc.alert("LicenseProxyErrors", "license-proxy", -8, "warning", "license-proxy error ratio 18%", "")
    return sc


def k12():
    sc = S("k12-paycadia-outage", "kestrel", "2026-12-01T00:20:00Z", 60, 30,
           "Renewals failing at month start",
           "Midnight renewal batch failing; paycadia returning 503 for charge creates.",
           "external", "paycadia")
    sc.no_deploys = True
    sc.sig("billing-svc", "subscription-svc", "edge-gw", "aurora-core")
    sc.eff("billing-svc", "request_rate", "step", -22, mult=4, rise=2)  # renewal batch
    sc.eff("subscription-svc", "request_rate", "step", -22, mult=5, rise=2)
    sc.eff("billing-svc", "error_ratio", "step", -17, to=0.71, rise=2)
    sc.eff("subscription-svc", "error_ratio", "step", -16, to=0.45, rise=2)
    sc.eff("billing-svc", "latency_p99_seconds", "step", -17, mult=5)
    for s_, r in [("billing-svc", 5), ("subscription-svc", 5), ("edge-gw", 4)]:
        sc.logs(s_, r)
    sc.ev("subscription-svc", "info", "renewal batch started cohort=2026-12-01 accounts=184332", -22,
          extra={"log": {"logger": "c.k.subs.RenewalScheduler"}})
    sc.ev("billing-svc", "error", "paycadia.error.APIError: Request req_{n}: 503 Service Unavailable from https://api.paycadia.example/v2/charges "
          "- {'error': {'type': 'api_error', 'message': 'upstream acquirer unavailable'}}", -17, 0, every=5)
    sc.ev("subscription-svc", "warn", "renewal for acct {n} deferred: billing-svc returned 502 (CHARGE_PROVIDER_UNAVAILABLE)", -16, 0, every=7)
    sc.alert("RenewalFailureRateHigh", "subscription-svc", -12, "critical", "renewal failures > 30%", "")
    sc.alert("PaycadiaChargeFailures", "billing-svc", -13, "critical", "charge failures 70%", "")
    return sc


def k13():
    sc = S("k13-origin-shield-degraded", "kestrel", "2026-11-12T22:30:00Z", 45, 20,
           "manifest-svc origin flooded",
           "manifest-svc request rate jumped 5x with no change in viewers; CDN 5xx up. Origin Shield in us-east-1 degraded.",
           "infrastructure", "origin-shield")
    sc.sig("manifest-svc", "cloudfront-cdn", "origin-shield", "playback-api", "edge-gw")
    sc.eff("origin-shield", "error_ratio", "step", -16, to=0.35, rise=1)
    sc.eff("origin-shield", "request_rate", "step", -16, mult=0.4, rise=1)
    sc.eff("cloudfront-cdn", "error_ratio", "step", -15, to=0.06)
    sc.eff("manifest-svc", "request_rate", "step", -15, mult=5.2, rise=1)
    sc.eff("manifest-svc", "cpu_utilisation", "step", -15, to=0.93, rise=2)
    sc.eff("manifest-svc", "latency_p99_seconds", "step", -14, mult=6)
    sc.eff("manifest-svc", "error_ratio", "step", -13, to=0.05)
    sc.logs("manifest-svc", 5, mult=(-15, 3))
    for s_, r in [("cloudfront-cdn", 6), ("playback-api", 4), ("edge-gw", 4)]:
        sc.logs(s_, r)
    sc.ev("cloudfront-cdn", "warn", "edge=IAD89-P2 result=Error status=502 x-edge-detailed-result-type=OriginShieldConnectError origin_shield=us-east-1",
          -16, 0, every=4)
    sc.ev("manifest-svc", "info", 'msg="origin request" via="1.1 {n}.cloudfront.net (CloudFront)" x-amz-cf-pop=FRA56-P4 shield=bypassed', -15, 0, every=6)
    sc.deploy("manifest-svc", -70, 3, "b.achterberg", "manifest-svc:6.1.3", "manifest-svc:6.1.2", "low-latency HLS part hold back 3s")
    sc.alert("ManifestSvcCPUHigh", "manifest-svc", -10, "warning", "manifest-svc CPU > 90%", "")
    sc.alert("CloudFront5xxErrorRate", "cloudfront-cdn", -12, "critical", "CloudFront 5xxErrorRate > 5%", "distribution E2KSTRM01")
    return sc


def k14():
    sc = S("k14-auth-refresh-loop", "kestrel", "2026-11-05T07:35:00Z", 60, 30,
           "IdP rate-limiting us",
           "idwell started returning 429 to our token endpoint calls; edge 5xx. auth-bff had shipped a new refresh client.",
           "deploy", "auth-bff")
    sc.sig("auth-bff", "edge-gw", "profile-svc", "playback-api", "catalog-api")
    sc.eff("auth-bff", "request_rate", "step", -26, mult=3.8, rise=5)
    sc.eff("edge-gw", "request_rate", "step", -26, mult=1.3, rise=5)
    sc.eff("auth-bff", "error_ratio", "step", -19, to=0.38, rise=3)
    sc.eff("edge-gw", "error_ratio", "step", -18, to=0.05, rise=3)
    sc.eff("playback-api", "error_ratio", "step", -17, to=0.03)
    sc.logs("auth-bff", 6, mult=(-26, 3))
    for s_, r in [("edge-gw", 6), ("profile-svc", 3), ("playback-api", 4), ("catalog-api", 3)]:
        sc.logs(s_, r)
    sc.ev("auth-bff", "info", "token refresher v2 enabled, proactive refresh window=300s", -28)
    sc.ev("auth-bff", "debug", "refreshing access token early: expires_in=3599 window=300000", -26, 0, every=2)
    sc.ev("auth-bff", "error", "token refresh failed: 429 Too Many Requests from https://login.idwell.example/oauth2/v1/token (retry-after=30)",
          -19, 0, every=4)
    sc.ev("playback-api", "warn", "upstream auth introspection returned 401 for device session, forcing re-login", -17, 0, every=20,
          extra={"log": {"logger": "c.k.playback.auth.TokenFilter"}})
    sc.deploy("auth-bff", -29, 3, "e.castillo", "auth-bff:11.0.0", "auth-bff:10.9.3", "token refresher v2 (proactive refresh)")
    sc.deploy("catalog-api", -160, 6, "m.okafor", "catalog-api:2026.11.05-1", "catalog-api:2026.11.03-1", "rows perf")
    sc.alert("EdgeHigh5xxRate", "edge-gw", -14, "critical", "edge-gw 5xx above 3%", "")
    sc.alert("PlaybackAuthFailures", "playback-api", -13, "warning", "401s on playback start", "")
    sc.alert("AuthBffUpstream429", "auth-bff", -15, "warning", "IdP 429s", "")
    return sc


def k15():
    sc = S("k15-transcode-ephemeral-disk-full", "kestrel", "2026-11-16T13:00:00Z", 75, 30,
           "Transcodes failing, queue backing up",
           "transcode-worker tasks failing with ENOSPC on 4K UHD sources; transcode-jobs age alarm.",
           "resource_saturation", "transcode-worker")
    sc.sig("transcode-worker", "sqs-transcode-jobs", "ingest-api", "transcode-orchestrator", "packager-worker")
    sc.eff("transcode-worker", "saturation", "ramp", -60, until=-30, to=1.0)
    sc.eff("transcode-worker", "error_ratio", "step", -30, to=0.55, rise=4)
    sc.eff("transcode-worker", "request_rate", "step", -30, mult=0.5, rise=4)
    sc.eff("sqs-transcode-jobs", "saturation", "ramp", -28, to=0.6)
    sc.eff("transcode-orchestrator", "error_ratio", "step", -27, to=0.3, rise=3)
    sc.eff("packager-worker", "request_rate", "step", -25, mult=0.5, rise=5)
    for s_, r in [("transcode-worker", 5), ("ingest-api", 2), ("transcode-orchestrator", 3), ("packager-worker", 3)]:
        sc.logs(s_, r)
    sc.ev("transcode-worker", "warn", 'msg="scratch usage high" path=/scratch used_pct={n} source_res=2160p', -50, -30, every=120)
    sc.ev("transcode-worker", "error", 'msg="ffmpeg exited" code=1 stderr="av_interleaved_write_frame(): No space left on device" job=tj-{n}',
          -30, 0, every=20)
    sc.ev("transcode-orchestrator", "error", '{"errorType":"States.TaskFailed","errorMessage":"transcode job failed: ENOSPC","execution":"arn:aws:states:us-east-1:4411:execution:transcode:{n}"}',
          -27, 0, every=40)
    sc.deploy("ingest-api", -100, 3, "h.kowalski", "ingest-api:8.3.3", "ingest-api:8.3.2", "accept ProRes 4444 XQ")
    sc.deploy("thumbnailer-fn", -35, 1, "p.ivanova", "thumbnailer-fn:$LATEST/41", "thumbnailer-fn:$LATEST/40", "webp output")
    sc.alert("SQSOldestMessageAgeHigh", "sqs-transcode-jobs", -10, "warning", "transcode-jobs oldest message > 30m", "", labels={"queue": "transcode-jobs"})
    sc.alert("StepFunctionsExecutionsFailed", "transcode-orchestrator", -20, "warning", "ExecutionsFailed > 5", "")
    return sc


def k16():
    sc = S("k16-reco-deploy-no-logs", "kestrel", "2026-11-22T19:10:00Z", 50, 30,
           "Home page rows empty",
           "Because-you-watched rows blank; reco-svc 5xx. Log shipping for the discovery account was paused for a migration.",
           "deploy", "reco-svc")
    sc.no_logs = True
    sc.sig("reco-svc", "edge-gw", "catalog-api", "ddb-watch-events")
    sc.eff("reco-svc", "error_ratio", "step", -21, to=0.44, rise=2)
    sc.eff("reco-svc", "memory_utilisation", "step", -21, to=0.91, rise=6)
    sc.eff("reco-svc", "latency_p99_seconds", "step", -21, mult=2.2)
    sc.eff("edge-gw", "error_ratio", "step", -20, to=0.022)
    sc.eff("catalog-api", "error_ratio", "spike", -44, until=-41, to=0.05)
    sc.deploy("reco-svc", -24, 3, "a.sato", "reco-svc:0.78.0", "reco-svc:0.77.0", "load embeddings v9 in-process")
    sc.deploy("watch-history-svc", -80, 4, "d.ferreira", "watch-history-svc:2.4.1", "watch-history-svc:2.4.0", "")
    sc.alert("RecoSvc5xx", "reco-svc", -16, "warning", "reco-svc 5xx ratio 40%", "")
    sc.alert("CatalogApi5xx", "catalog-api", -43, "warning", "catalog-api 5xx", "", resolved_at=-40)
    return sc


def c01():
    sc = S("c01-coredns-lookup-timeouts", "corriente", "2026-11-04T06:12:00Z", 60, 30,
           "Random 5xx across checkin, booking, loyalty",
           "Morning bank of departures; several unrelated services erroring with name resolution failures. CoreDNS pods CPU-throttled, upstream forwards to Azure DNS timing out.",
           "infrastructure", "coredns")
    sc.sig("checkin-api", "booking-api", "loyalty-svc", "customer-profile", "web-bff", "mobile-bff", "fare-pricing")
    for s_, er in [("checkin-api", 0.14), ("booking-api", 0.22), ("loyalty-svc", 0.17), ("customer-profile", 0.09), ("fare-pricing", 0.06)]:
        sc.eff(s_, "error_ratio", "step", -18, to=er, rise=3)
        sc.eff(s_, "latency_p99_seconds", "step", -18, mult=4.5, rise=2)
    sc.eff("web-bff", "error_ratio", "step", -17, to=0.08)
    sc.eff("mobile-bff", "error_ratio", "step", -17, to=0.07)
    for s_, r in [("checkin-api", 5), ("booking-api", 4), ("loyalty-svc", 3), ("customer-profile", 3), ("web-bff", 5), ("mobile-bff", 5)]:
        sc.logs(s_, r)
    sc.ev("booking-api", "error", "System.Net.Http.HttpRequestException: Resource temporarily unavailable (cosmos-bookings-weu.documents.azure.com:443)\n"
          " ---> System.Net.Sockets.SocketException (11): Resource temporarily unavailable\n   at System.Net.Dns.GetHostEntryOrAddressesCore(String hostName, Boolean justAddresses, AddressFamily addressFamily)",
          -18, 0, every=9, extra={"log": {"logger": "Corriente.Booking.Persistence.CosmosBookingStore"}})
    sc.ev("checkin-api", "error", "Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 35 - An internal exception was caught) ---> System.Net.Sockets.SocketException (00000005, 0xFFFDFFFF): Name or service not known",
          -17, 0, every=14)
    sc.ev("loyalty-svc", "error", "java.net.UnknownHostException: api.milesbridge.example: Temporary failure in name resolution\n\tat java.base/java.net.Inet6AddressImpl.lookupAllHostAddr(Native Method)",
          -17, 0, every=16)
    sc.ev("customer-profile", "warn", "DNS resolution for sql-core-prod.database.windows.net took 5012ms", -18, 0, every=30)
    sc.ev("web-bff", "error", "getaddrinfo EAI_AGAIN checkin-api.digital.svc.cluster.local", -17, 0, every=18)
    sc.ev("coredns", "error", "[ERROR] plugin/errors: 2 sql-core-prod.database.windows.net. A: read udp 10.244.3.17:45123->168.63.129.16:53: i/o timeout",
          -19, 0, every=20)
    sc.ev("coredns", "warn", "[WARNING] plugin/health: Local health request to \"http://:8080/health\" took more than 1s: 1.82s", -20, 0, every=45)
    sc.ev("coredns", "info", "[INFO] 10.244.1.23:51022 - 4411 \"A IN cosmos-bookings-weu.documents.azure.com. udp 58 false 1232\" NOERROR qr,rd,ra 180 0.0011s", -60, -20, every=40)
    sc.deploy("seatmap-svc", -55, 4, "Priya Raman", "seatmap-svc:2.14.0", "seatmap-svc:2.13.2", "A321XLR layouts")
    sc.alert("HighErrorRate", "booking-api", -14, "critical", "booking-api failure ratio > 15%", "")
    sc.alert("HighErrorRate", "checkin-api", -13, "critical", "checkin-api failure ratio > 10%", "")
    sc.alert("HighErrorRate", "loyalty-svc", -13, "warning", "loyalty-svc failure ratio > 10%", "")
    sc.alert("BffUpstreamErrors", "web-bff", -12, "warning", "web-bff upstream errors", "")
    return sc


def c02():
    sc = S("c02-linkerd-destination-oom", "corriente", "2026-11-06T15:40:00Z", 45, 15,
           "503s between meshed services",
           "Services calling each other get 503 'no endpoints' / connection resets from the proxy; external calls fine.",
           "infrastructure", "linkerd")
    sc.sig("web-bff", "mobile-bff", "shop-search", "booking-api", "checkin-api", "boardingpass-svc", "fare-pricing")
    for s_, er in [("web-bff", 0.12), ("mobile-bff", 0.15), ("shop-search", 0.1), ("checkin-api", 0.13), ("booking-api", 0.08)]:
        sc.eff(s_, "error_ratio", "step", -13, to=er, rise=2)
    sc.eff("fare-pricing", "request_rate", "step", -13, mult=0.7)
    sc.eff("boardingpass-svc", "request_rate", "step", -13, mult=0.6)
    for s_, r in [("web-bff", 5), ("mobile-bff", 5), ("shop-search", 4), ("checkin-api", 4), ("boardingpass-svc", 3), ("fare-pricing", 3)]:
        sc.logs(s_, r)
    sc.ev("mobile-bff", "warn", "[  1203.442110s]  WARN ThreadId(01) outbound:proxy{addr=10.0.114.22:8080}:service{ns=digital name=checkin-api port=8080}: linkerd_reconnect: Failed to connect error=endpoint 10.244.5.31:8080: Connection refused (os error 111)",
          -13, 0, every=10, extra={"container": {"name": "linkerd-proxy"}})
    sc.ev("web-bff", "warn", "[  8811.120044s]  WARN ThreadId(02) outbound: linkerd_app_core::serve: Server failed to become ready error=destination controller unavailable: status: Unavailable, message: \"error trying to connect: connection reset by peer\"",
          -14, 0, every=12, extra={"container": {"name": "linkerd-proxy"}})
    sc.ev("shop-search", "error", "Grpc.Core.RpcException: Status(StatusCode=\"Unavailable\", Detail=\"Error starting gRPC call. HttpRequestException: An error occurred while sending the request. IOException: The response ended prematurely.\") calling fare-pricing",
          -13, 0, every=9)
    sc.ev("checkin-api", "error", "upstream 503 from boardingpass-svc.digital.svc.cluster.local: l5d-proxy-error: service unavailable", -13, 0, every=11)
    sc.deploy("checkin-api", -31, 6, "Marta Gil", "checkin-api:5.22.1", "checkin-api:5.22.0", "APIS doc type validation")
    sc.alert("LinkerdProxyErrors", "mobile-bff", -10, "warning", "outbound failure rate high", "")
    sc.alert("HighErrorRate", "checkin-api", -10, "critical", "checkin-api failure ratio > 10%", "")
    sc.alert("HighErrorRate", "web-bff", -9, "critical", "web-bff failure ratio > 10%", "")
    sc.alert("KubePodCrashLooping", "linkerd", -15, "warning", "linkerd-destination-7c9d8f pod restarting (OOMKilled)", "",
             labels={"namespace": "linkerd", "pod": "linkerd-destination-7c9d8f6b5-kq2zt"})
    return sc


def c03():
    sc = S("c03-aerisgds-availability-503", "corriente", "2026-11-10T10:25:00Z", 50, 30,
           "Search and booking failing",
           "No availability returned; bookings can't be ticketed. GDS host returning 503.",
           "external", "aerisgds")
    sc.sig("shop-search", "booking-api", "web-bff", "mobile-bff", "seatmap-svc", "fare-pricing", "redis-fares")
    sc.eff("shop-search", "error_ratio", "step", -15, to=0.58, rise=2)
    sc.eff("shop-search", "latency_p99_seconds", "step", -15, to=15.0, rise=1)
    sc.eff("booking-api", "error_ratio", "step", -15, to=0.46, rise=2)
    sc.eff("seatmap-svc", "error_ratio", "step", -14, to=0.3, rise=2)
    sc.eff("web-bff", "error_ratio", "step", -14, to=0.17)
    sc.eff("mobile-bff", "error_ratio", "step", -14, to=0.15)
    sc.eff("fare-pricing", "request_rate", "step", -15, mult=0.4)
    for s_, r in [("shop-search", 6), ("booking-api", 4), ("web-bff", 5), ("mobile-bff", 5), ("seatmap-svc", 3)]:
        sc.logs(s_, r)
    sc.ev("shop-search", "error", "Corriente.Gds.AerisClientException: AirAvailability failed: 503 Service Unavailable from https://ws.aerisgds.example/1ASIWCORR/ (SessionId={rid})",
          -15, 0, every=5, extra={"log": {"logger": "Corriente.Gds.AerisClient"}})
    sc.ev("booking-api", "error", "PNR_AddMultiElements failed host=ws.aerisgds.example status=503 soapFault=\"Server.Busy\" attempt=3/3", -15, 0, every=10)
    sc.ev("seatmap-svc", "error", 'msg="seatmap fetch" err="Post \\"https://ws.aerisgds.example/1ASIWCORR/\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"',
          -14, 0, every=14)
    sc.gap("*", -41, -39)
    sc.deploy("web-bff", -90, 5, "Tom Hale", "web-bff:2026.45.3", "web-bff:2026.45.2", "cookie banner text")
    sc.deploy("ancillaries-api", -27, 4, "Ana Souza", "ancillaries-api:3.3.0", "ancillaries-api:3.2.9", "meal pre-order cutoff 24h")
    sc.alert("ShopSearchAvailabilityErrors", "shop-search", -12, "critical", "availability errors > 50%", "")
    sc.alert("BookingFailureRate", "booking-api", -11, "critical", "booking failures > 25%", "")
    sc.alert("SyntheticSearchFailed", "web-bff", -10, "warning", "synthetic LHR-MAD search failing", "")
    return sc


def c04():
    sc = S("c04-payvoro-timeouts-after-payorch-release", "corriente", "2026-11-13T12:50:00Z", 60, 30,
           "Payments timing out after payment-orch release",
           "payment-orch released 12:20; from 12:33 authorisations time out at Payvoro. Rollback did nothing.",
           "external", "payvoro-gateway")
    sc.sig("payment-orch", "booking-api", "web-bff", "mobile-bff", "sql-core")
    sc.eff("payment-orch", "error_ratio", "step", -17, to=0.49, rise=2)
    sc.eff("payment-orch", "latency_p99_seconds", "step", -17, to=30.0, rise=1)
    sc.eff("payment-orch", "saturation", "step", -16, to=0.9, rise=3)
    sc.eff("booking-api", "error_ratio", "step", -16, to=0.21, rise=2)
    sc.eff("web-bff", "error_ratio", "step", -15, to=0.05)
    sc.eff("payment-orch", "memory_utilisation", "step", -31, add=0.03, rise=1)
    for s_, r in [("payment-orch", 6), ("booking-api", 4), ("web-bff", 5), ("mobile-bff", 4)]:
        sc.logs(s_, r)
    sc.ev("payment-orch", "info", "Started PaymentOrchestratorApplication in 14.01 seconds (JVM running for 15.3)", -29)
    sc.ev("payment-orch", "error", "Authorisation failed for merchantRef=CRR-{n}: java.net.SocketTimeoutException: Read timed out (host=checkout-live.payvoro.example, path=/v71/payments)\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
          -17, 0, every=6)
    sc.ev("payment-orch", "warn", "Resilience4j CircuitBreaker 'payvoro' changed state from CLOSED to OPEN", -14, 0, every=120)
    sc.ev("booking-api", "error", "Payment step failed for {pnr}: payment-orch returned 504 GatewayTimeout", -16, 0, every=12)
    sc.ev("payment-orch", "info", "rollback to payment-orch:4.18.2 complete", -6)
    sc.deploy("payment-orch", -30, 4, "Lena Vogel", "payment-orch:4.19.0", "payment-orch:4.18.2", "3DS2 exemption flags passed through to Payvoro")
    sc.deploy("payment-orch", -8, 3, "Lena Vogel", "payment-orch:4.18.2", "payment-orch:4.19.0", "rollback while investigating payment timeouts")
    sc.alert("PaymentAuthTimeouts", "payment-orch", -13, "critical", "payment authorisation timeouts > 30%", "")
    sc.alert("BookingFailureRate", "booking-api", -12, "critical", "booking failures > 20%", "")
    return sc


def c05():
    sc = S("c05-storm-flightstatus-cosmos-ru", "corriente", "2026-11-17T17:20:00Z", 60, 20,
           "Cosmos flight-status collection 429s",
           "Storm Bram closed MAD for an hour; customers mashing refresh on flight status. RU alarm fired on cosmos.",
           "traffic_surge", "flightstatus-api")
    sc.sig("flightstatus-api", "cosmos-flightstatus", "mobile-bff", "web-bff", "flightstatus-ingest", "disruption-worker")
    sc.eff("flightstatus-api", "request_rate", "ramp", -35, until=-20, mult=6.5)
    sc.eff("mobile-bff", "request_rate", "ramp", -35, until=-20, mult=1.9)
    sc.eff("cosmos-flightstatus", "saturation", "ramp", -33, until=-21, to=1.0)
    sc.eff("cosmos-flightstatus", "request_rate", "ramp", -35, until=-20, mult=5)
    sc.eff("flightstatus-api", "error_ratio", "step", -21, to=0.18, rise=3)
    sc.eff("flightstatus-api", "latency_p99_seconds", "step", -21, mult=12, rise=3)
    sc.eff("mobile-bff", "error_ratio", "step", -20, to=0.06)
    sc.logs("flightstatus-api", 5, mult=(-35, 3))
    for s_, r in [("mobile-bff", 6), ("web-bff", 4), ("flightstatus-ingest", 3), ("disruption-worker", 3)]:
        sc.logs(s_, r)
    sc.ev("flightstatus-api", "error", 'msg="cosmos read failed" err="Response status code does not indicate success: TooManyRequests (429); Substatus: 3200; ActivityId: {rid}; Reason: (Request rate is large. More Request Units may be needed, so no changes were made.)" account=crr-flightstatus-weu.documents.azure.com',
          -21, 0, every=4)
    sc.ev("disruption-worker", "info", "handled event ev-{n} type=CANCEL flight=CR{n} station=MAD", -38, 0, every=15)
    sc.gap("web-bff", -52, -44)
    sc.deploy("flightstatus-ingest", -140, 4, "Oskar Lind", "flightstatus-ingest:1.31.0", "flightstatus-ingest:1.30.4", "parse new ETD remark codes")
    sc.alert("CosmosDBNormalizedRUHigh", "cosmos-flightstatus", -19, "critical", "Normalized RU consumption 100% on flight-status", "")
    sc.alert("FlightStatusErrors", "flightstatus-api", -17, "warning", "flightstatus-api 5xx > 10%", "")
    return sc


def c06():
    sc = S("c06-flightwire-resend-eventhub-lag", "corriente", "2026-11-19T04:30:00Z", 70, 60,
           "flight-events consumer lag",
           "disruption-worker lag alarm overnight. Ingest published ~30x the usual events after the feed resent the full schedule snapshot.",
           "traffic_surge", "flightstatus-ingest")
    sc.sig("flightstatus-ingest", "eh-flight-events", "disruption-worker", "flightstatus-api", "booking-api")
    sc.eff("flightstatus-ingest", "request_rate", "step", -48, mult=28, rise=2, until=-20, fall=3)
    sc.eff("eh-flight-events", "request_rate", "step", -48, mult=28, rise=2, until=-20, fall=3)
    sc.eff("eh-flight-events", "saturation", "ramp", -46, until=-19, to=0.97)
    sc.eff("disruption-worker", "cpu_utilisation", "step", -46, to=0.9, rise=3)
    sc.eff("disruption-worker", "request_rate", "step", -46, mult=2.2, rise=3)
    sc.logs("flightstatus-ingest", 3, mult=(-48, 6))
    for s_, r in [("disruption-worker", 4), ("flightstatus-api", 3), ("booking-api", 2)]:
        sc.logs(s_, r)
    sc.ev("flightstatus-ingest", "info", 'msg="feed frame received" source=flightwire type=FULL_SNAPSHOT records={n} host=stream.flightwire.example', -48, -20, every=20)
    sc.ev("flightstatus-ingest", "info", 'msg="published batch" eventhub=flight-events partition_key=CR{n} n=500', -48, -20, every=3)
    sc.ev("disruption-worker", "warn", "consumer lag partition={n} lag_events={n} checkpoint_age_s={n}", -40, 0, every=30)
    sc.deploy("booking-api", -35, 5, "Ines Duarte", "booking-api:9.12.0", "booking-api:9.11.3", "split ticketing for codeshare")
    sc.alert("EventHubConsumerLagHigh", "eh-flight-events", -30, "warning", "consumer group disruption-worker lag > 100k",
             "", labels={"eventhub": "flight-events", "consumergroup": "disruption-worker"})
    sc.alert("DisruptionWorkerBehind", "disruption-worker", -25, "warning", "rebooking notifications delayed > 15m", "")
    return sc


def c07():
    sc = S("c07-pnr-sync-per-event-lookup", "corriente", "2026-11-23T09:15:00Z", 60, 30,
           "booking-events lag + GDS call volume up",
           "pnr-sync fell behind on booking-events after the 'enrich with ticket status' change went out.",
           "deploy", "pnr-sync")
    sc.sig("pnr-sync", "booking-api", "sql-core", "web-bff")
    sc.sig("eh-booking-events", only=["saturation"])
    sc.eff("pnr-sync", "latency_p99_seconds", "step", -40, mult=7, rise=2)
    sc.eff("pnr-sync", "request_rate", "step", -40, mult=0.4, rise=2)
    sc.eff("eh-booking-events", "saturation", "ramp", -39, to=0.85)
    sc.eff("booking-api", "request_rate", "step", -80, mult=1.0)
    for s_, r in [("pnr-sync", 5), ("booking-api", 4), ("web-bff", 5)]:
        sc.logs(s_, r)
    sc.ev("pnr-sync", "info", 'level=info msg="enrichment enabled" call=PNR_Retrieve per_event=true', -41)
    sc.ev("pnr-sync", "warn", 'msg="slow event" pnr={pnr} stage=enrich gds_ms={ms}', -39, 0, every=8)
    sc.ev("pnr-sync", "info", 'msg="checkpoint committed" partition=3 lag={n}', -39, 0, every=40)
    sc.deploy("pnr-sync", -42, 3, "Yusuf Demir", "pnr-sync:0.52.0", "pnr-sync:0.51.6", "enrich booking events with ticket status from GDS")
    sc.deploy("web-bff", -14, 4, "Tom Hale", "web-bff:2026.47.1", "web-bff:2026.47.0", "SEO meta tags")
    sc.alert("EventHubConsumerLagHigh", "eh-booking-events", -24, "warning", "pnr-sync consumer group lag high", "",
             labels={"eventhub": "booking-events", "consumergroup": "pnr-sync"})
    return sc


def c08():
    sc = S("c08-checkin-gen2-leak", "corriente", "2026-11-25T07:05:00Z", 90, 30,
           "Check-in pods OOMKilled",
           "checkin-api memory climbing since early morning, then OOM restarts; seatmap-svc release at 06:50 blamed at first.",
           "resource_saturation", "checkin-api")
    sc.sig("checkin-api", "seatmap-svc", "boardingpass-svc", "mobile-bff", "web-bff", "cosmos-bookings")
    sc.eff("checkin-api", "memory_utilisation", "ramp", -88, until=-6, to=0.98, curve=0.9)
    sc.eff("checkin-api", "cpu_utilisation", "ramp", -50, until=-6, add=0.3)
    sc.eff("checkin-api", "latency_p99_seconds", "ramp", -40, until=-6, mult=5, curve=2)
    sc.eff("checkin-api", "error_ratio", "step", -6, to=0.2, rise=1)
    sc.eff("mobile-bff", "error_ratio", "step", -5, to=0.06)
    sc.eff("boardingpass-svc", "request_rate", "step", -6, mult=0.7)
    for s_, r in [("checkin-api", 5), ("seatmap-svc", 3), ("boardingpass-svc", 3), ("mobile-bff", 5), ("web-bff", 4)]:
        sc.logs(s_, r)
    sc.ev("checkin-api", "warn", "GC heap after gen2: {n} MB, LOH fragmented, APIS document cache entries={n}", -80, -6, every=240,
          extra={"log": {"logger": "Corriente.Checkin.Diagnostics.GcMonitor"}})
    sc.ev("checkin-api", "error", "Container checkin-api in pod checkin-api-6f9c7d4b8-{n} OOMKilled (exit code 137), restarting", -6, 0, every=60)
    sc.ev("mobile-bff", "error", "checkin-api upstream error ECONNRESET on POST /checkin/v2/complete", -5, 0, every=10)
    sc.deploy("seatmap-svc", -15, 4, "Priya Raman", "seatmap-svc:2.15.0", "seatmap-svc:2.14.0", "exit row eligibility text")
    sc.deploy("checkin-api", -900, 6, "Marta Gil", "checkin-api:5.23.0", "checkin-api:5.22.1", "cache APIS document validation results")
    sc.alert("KubePodOOMKilled", "checkin-api", -5, "warning", "checkin-api OOMKilled", "")
    sc.alert("MobileBffErrorBudgetBurn", "mobile-bff", -3, "critical", "mobile-bff SLO burn rate 14x", "")
    return sc


def c09():
    sc = S("c09-frontdoor-route-misconfig", "corriente", "2026-11-27T13:35:00Z", 45, 15,
           "Web check-in returning 404/502 at the edge",
           "Front Door route rule for /checkin/* sent traffic to the legacy origin group after a Terraform apply.",
           "config_change", "front-door")
    sc.sig("front-door", "checkin-api", "web-bff", "mobile-bff", "ingress-nginx", "boardingpass-svc")
    sc.eff("front-door", "error_ratio", "step", -12, to=0.19, rise=1)
    sc.eff("checkin-api", "request_rate", "step", -12, mult=0.35, rise=1)
    sc.eff("boardingpass-svc", "request_rate", "step", -12, mult=0.5, rise=1)
    sc.eff("ingress-nginx", "request_rate", "step", -12, mult=0.8, rise=1)
    for s_, r in [("checkin-api", 5), ("web-bff", 5), ("mobile-bff", 5), ("ingress-nginx", 6)]:
        sc.logs(s_, r)
    sc.ev("web-bff", "warn", "checkin redirect target https://www.corriente.aero/checkin/v2/eligibility responded 502 (x-azure-ref: {n}, x-cache: CONFIG_NOCACHE)", -12, 0, every=8)
    sc.ev("mobile-bff", "error", "POST https://api.corriente.aero/checkin/v2/passengers -> 404 <html><title>IIS 10.0 Detailed Error - 404.0 - Not Found</title> (origin legacy-dcs-web)", -12, 0, every=9)
    sc.deploy("front-door", -13, 2, "terraform-cloud", "afd-prod run-8841", "afd-prod run-8839",
              "routes: consolidate legacy origin group rules (INFRA-1207)", kind="config")
    sc.deploy("loyalty-svc", -60, 5, "Chen Wei", "loyalty-svc:7.4.2", "loyalty-svc:7.4.1", "tier upgrade email")
    sc.alert("CheckinTrafficDrop", "checkin-api", -8, "critical", "checkin-api request rate dropped 60% vs last week", "")
    sc.alert("FrontDoorOrigin5xx", "front-door", -9, "warning", "AFD origin 5xx percentage > 10%", "", labels={"profile": "afd-crr-prod"})
    return sc


def c10():
    sc = S("c10-dynamic-fare-flag-sql-dtu", "corriente", "2026-11-29T11:05:00Z", 50, 30,
           "Azure SQL DTU 100%",
           "sql-core DTU pinned; loyalty and profile slow. The dynamic-fare-v2 flag was ramped to 50% in fare-pricing.",
           "config_change", "fare-pricing")
    sc.sig("fare-pricing", "sql-core", "loyalty-svc", "customer-profile", "shop-search", "payment-orch")
    sc.eff("sql-core", "saturation", "step", -22, to=1.0, rise=4)
    sc.eff("sql-core", "cpu_utilisation", "step", -22, to=0.97, rise=4)
    sc.eff("fare-pricing", "latency_p99_seconds", "step", -22, mult=9, rise=3)
    sc.eff("fare-pricing", "cpu_utilisation", "step", -23, add=0.1)
    sc.eff("customer-profile", "latency_p99_seconds", "step", -20, mult=15, rise=3)
    sc.eff("loyalty-svc", "latency_p99_seconds", "step", -20, mult=6, rise=3)
    sc.eff("customer-profile", "error_ratio", "step", -18, to=0.07)
    sc.eff("shop-search", "latency_p99_seconds", "step", -21, mult=2.5)
    for s_, r in [("fare-pricing", 6), ("loyalty-svc", 3), ("customer-profile", 4), ("shop-search", 4), ("payment-orch", 2)]:
        sc.logs(s_, r)
    sc.ev("fare-pricing", "info", "Feature flag 'dynamic-fare-v2' evaluation changed: rollout 0% -> 50% (LaunchDarkly env production)", -23,
          extra={"log": {"logger": "Corriente.Pricing.Flags"}})
    sc.ev("fare-pricing", "warn", "Executed DbCommand (4,3{n}ms) [CommandType='Text', CommandTimeout='30'] SELECT ... FROM pricing.FareBucketHistory h CROSS APPLY pricing.fn_DemandCurve(h.RouteId, @p0) ...",
          -22, 0, every=10, extra={"log": {"logger": "Microsoft.EntityFrameworkCore.Database.Command"}})
    sc.ev("customer-profile", "error", "Microsoft.Data.SqlClient.SqlException (0x80131904): Execution Timeout Expired. The timeout period elapsed prior to completion of the operation or the server is not responding.",
          -18, 0, every=15)
    sc.deploy("fare-pricing", -24, 0.5, "Jorge Blanco", "dynamic-fare-v2=50%", "dynamic-fare-v2=0%", "ramp dynamic fare v2 to half of traffic", kind="flag")
    sc.deploy("customer-profile", -38, 5, "Sofia Nilsen", "customer-profile:4.9.0", "customer-profile:4.8.7", "traveller documents GET paging")
    sc.alert("AzureSqlDtuHigh", "sql-core", -17, "critical", "sql-core DTU > 95% for 10m", "")
    sc.alert("ProfileLatencyHigh", "customer-profile", -15, "warning", "customer-profile p99 > 1s", "")
    sc.alert("LoyaltyBalanceSlow", "loyalty-svc", -14, "warning", "loyalty balance p99 > 3s", "")
    sc.alert("SyntheticSearchSlow", "web-bff", -13, "warning", "synthetic LHR-MAD search > 6s", "")
    return sc


def c11():
    sc = S("c11-redis-session-down", "corriente", "2026-11-30T19:40:00Z", 40, 15,
           "Everyone logged out",
           "Azure Cache for Redis (session) stopped accepting connections; BFFs can't read sessions. No maintenance scheduled.",
           "dependency_outage", "redis-session")
    sc.sig("web-bff", "mobile-bff", "redis-session", "customer-profile", "checkin-api")
    sc.eff("redis-session", "request_rate", "step", -9, mult=0.05, rise=0.5)
    sc.eff("web-bff", "error_ratio", "step", -9, to=0.41, rise=1)
    sc.eff("mobile-bff", "error_ratio", "step", -9, to=0.37, rise=1)
    sc.eff("web-bff", "latency_p99_seconds", "step", -9, mult=8)
    sc.eff("mobile-bff", "latency_p99_seconds", "step", -9, mult=8)
    sc.eff("customer-profile", "request_rate", "step", -9, mult=0.5)
    sc.gap("redis-session", -8, 0)
    for s_, r in [("web-bff", 6), ("mobile-bff", 6), ("customer-profile", 3), ("checkin-api", 3)]:
        sc.logs(s_, r)
    sc.ev("web-bff", "error", "ReplyError / ConnectionTimeoutError: Connection timeout to crr-session-weu.redis.cache.windows.net:6380 (ioredis) - retrying in 2000ms", -9, 0, every=4)
    sc.ev("mobile-bff", "error", "Error: connect ECONNREFUSED 10.40.9.4:6380 (crr-session-weu.redis.cache.windows.net) at TCPConnectWrapper.afterConnect", -9, 0, every=5)
    sc.ev("mobile-bff", "warn", "session lookup failed, treating request as anonymous", -9, 0, every=7)
    sc.deploy("ancillaries-api", -6, 4, "Ana Souza", "ancillaries-api:3.3.1", "ancillaries-api:3.3.0", "bag price rounding")
    sc.deploy("mobile-bff", -120, 5, "Kai Becker", "mobile-bff:12.40.0", "mobile-bff:12.39.1", "boarding pass wallet pass v2")
    sc.alert("BffSessionErrors", "web-bff", -7, "critical", "web-bff 5xx > 30%", "")
    sc.alert("BffSessionErrors", "mobile-bff", -7, "critical", "mobile-bff 5xx > 30%", "")
    sc.alert("RedisCacheUnavailable", "redis-session", -5, "critical", "Azure Monitor: redis-session connected clients 0", "")
    return sc


def c12():
    sc = S("c12-sql-core-unavailable-40613", "corriente", "2026-12-01T22:10:00Z", 50, 30,
           "Azure SQL core database unavailable",
           "Azure SQL 'core' failing with 40613 for ~12 minutes; loyalty alert flapping. No change on our side.",
           "dependency_outage", "sql-core")
    sc.sig("loyalty-svc", "customer-profile", "payment-orch", "fare-pricing", "web-bff", "pnr-sync", "sql-core")
    sc.eff("sql-core", "request_rate", "step", -14, mult=0.1, rise=0.5)
    for s_, er in [("loyalty-svc", 0.5), ("customer-profile", 0.44), ("payment-orch", 0.3), ("fare-pricing", 0.25), ("pnr-sync", 0.2)]:
        sc.eff(s_, "error_ratio", "step", -14, to=er, rise=1)
    sc.eff("web-bff", "error_ratio", "step", -13, to=0.1)
    sc.eff("loyalty-svc", "error_ratio", "spike", -40, until=-36, to=0.15)
    for s_, r in [("loyalty-svc", 3), ("customer-profile", 4), ("payment-orch", 3), ("fare-pricing", 4), ("web-bff", 5), ("pnr-sync", 3)]:
        sc.logs(s_, r)
    sc.ev("customer-profile", "error", "Microsoft.Data.SqlClient.SqlException (0x80131904): Database 'core' on server 'crr-sql-prod-weu' is not currently available. Please retry the connection later. (Error 40613, State 127)",
          -14, 0, every=6)
    sc.ev("loyalty-svc", "error", "com.microsoft.sqlserver.jdbc.SQLServerException: Database 'core' on server 'crr-sql-prod-weu.database.windows.net' is not currently available. Please retry the connection later.",
          -14, 0, every=9, extra={"log": {"logger": "com.zaxxer.hikari.pool.HikariPool"}})
    sc.ev("pnr-sync", "error", 'msg="upsert failed" err="mssql: Database \'core\' on server \'crr-sql-prod-weu\' is not currently available. (40613)"', -14, 0, every=15)
    sc.ev("loyalty-svc", "warn", "milesbridge accrual call slow 2{n}ms", -40, -36, every=20)
    sc.deploy("pnr-sync", -180, 3, "Yusuf Demir", "pnr-sync:0.52.1", "pnr-sync:0.52.0", "revert per-event enrichment")
    sc.alert("LoyaltyErrorRate", "loyalty-svc", -39, "warning", "loyalty-svc failure ratio > 10%", "", resolved_at=-35)
    sc.alert("LoyaltyErrorRate", "loyalty-svc", -11, "warning", "loyalty-svc failure ratio > 10%", "")
    sc.alert("HighErrorRate", "customer-profile", -11, "critical", "customer-profile failure ratio > 30%", "")
    sc.alert("PaymentOrchDbErrors", "payment-orch", -10, "critical", "payment-orch DB errors", "")
    return sc


def c13():
    sc = S("c13-userpool-nodes-notready", "corriente", "2026-11-08T03:20:00Z", 60, 30,
           "Pods pending, several services under-replicated",
           "Four userpool nodes went NotReady (host maintenance); pods rescheduled but cluster autoscaler hit the VMSS quota.",
           "infrastructure", "aks-userpool")
    sc.sig("booking-api", "shop-search", "boardingpass-svc", "flightstatus-api", "notify-hub", "fare-pricing", "web-bff")
    for s_ in ["booking-api", "shop-search", "boardingpass-svc", "fare-pricing"]:
        sc.eff(s_, "cpu_utilisation", "step", -24, to=0.95, rise=3)
        sc.eff(s_, "latency_p99_seconds", "step", -23, mult=3.5, rise=3)
        sc.eff(s_, "error_ratio", "step", -22, to=0.06, rise=3)
    sc.eff("flightstatus-api", "error_ratio", "step", -24, to=0.11)
    sc.eff("notify-hub", "request_rate", "step", -24, mult=0.2)
    sc.gap("notify-hub", -24, -10)
    sc.gap("*", -25, -23)
    for s_, r in [("booking-api", 3), ("shop-search", 3), ("boardingpass-svc", 3), ("flightstatus-api", 3), ("web-bff", 3), ("notify-hub", 2)]:
        sc.logs(s_, r)
    sc.ev("booking-api", "warn", "0/14 nodes are available: 4 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 10 Insufficient cpu. preemption: 0/14 nodes are available",
          -23, 0, every=90, extra={"event": {"dataset": "kubernetes.event"}, "kubernetes": {"reason": "FailedScheduling"}})
    for i_, node in enumerate(["00000b", "00000c", "00000f", "00000g"]):
        sc.ev("aks-userpool", "warn", "Node aks-userpool-38211457-vmss%s status is now: NodeNotReady" % node, -25.5 + i_ * 0.3,
              extra={"event": {"dataset": "kubernetes.event"}})
    sc.ev("aks-userpool", "info", "Scheduled event Redeploy (Freeze) acknowledged for aks-userpool-38211457-vmss00000b", -27)
    sc.ev("shop-search", "warn", "scale up failed: Code=\"OperationNotAllowed\" Message=\"Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota\"",
          -20, 0, every=180, extra={"event": {"dataset": "cluster-autoscaler"}})
    sc.ev("boardingpass-svc", "error", "worker timeout (pid:{n}) - request exceeded 30s", -22, 0, every=25)
    sc.deploy("boardingpass-svc", -45, 4, "Nadia Haddad", "boardingpass-svc:1.66.0", "boardingpass-svc:1.65.2", "IATA BCBP v8 field 7")
    sc.alert("KubeDeploymentReplicasMismatch", "booking-api", -15, "warning", "booking-api has 3/6 ready replicas", "")
    sc.alert("KubeDeploymentReplicasMismatch", "shop-search", -15, "warning", "shop-search has 4/8 ready replicas", "")
    sc.alert("KubeNodeNotReady", "aks-userpool", -22, "warning", "aks-userpool-38211457-vmss00000b NotReady", "",
             labels={"node": "aks-userpool-38211457-vmss00000b"})
    sc.alert("HighRequestLatency", "boardingpass-svc", -12, "warning", "boardingpass p99 > 2s", "")
    return sc


def c14():
    sc = S("c14-boardingpass-cpu-morning-peak", "corriente", "2026-11-11T05:55:00Z", 60, 30,
           "Boarding passes slow at the 06:00 bank",
           "boardingpass-svc pegged on CPU rendering PDFs/pkpass as the morning check-in wave arrived; HPA already at max.",
           "resource_saturation", "boardingpass-svc")
    sc.sig("boardingpass-svc", "checkin-api", "mobile-bff", "cosmos-bookings", "seatmap-svc")
    sc.eff("boardingpass-svc", "request_rate", "ramp", -60, mult=1.6)
    sc.eff("checkin-api", "request_rate", "ramp", -60, mult=1.6)
    sc.eff("mobile-bff", "request_rate", "ramp", -60, mult=1.4)
    sc.eff("boardingpass-svc", "cpu_utilisation", "ramp", -45, until=-20, to=0.99)
    sc.eff("boardingpass-svc", "latency_p99_seconds", "step", -20, mult=14, rise=4)
    sc.eff("boardingpass-svc", "saturation", "step", -20, to=0.97, rise=4)
    sc.eff("boardingpass-svc", "error_ratio", "step", -16, to=0.09)
    sc.eff("checkin-api", "latency_p99_seconds", "step", -18, mult=6)
    sc.eff("checkin-api", "error_ratio", "step", -16, to=0.07)
    sc.eff("mobile-bff", "error_ratio", "step", -15, to=0.04)
    for s_, r in [("boardingpass-svc", 5), ("checkin-api", 5), ("mobile-bff", 5), ("seatmap-svc", 2)]:
        sc.logs(s_, r)
    sc.ev("boardingpass-svc", "warn", "[CRITICAL] WORKER TIMEOUT (pid:{n})", -18, 0, every=20)
    sc.ev("boardingpass-svc", "info", "HPA boardingpass-svc: current replicas 12, desired 19, max 12", -25, 0, every=120)
    sc.ev("checkin-api", "error", "System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 10 seconds elapsing. (boardingpass-svc /bp/v1/issue)",
          -16, 0, every=10)
    sc.deploy("seatmap-svc", -70, 4, "Priya Raman", "seatmap-svc:2.15.1", "seatmap-svc:2.15.0", "")
    sc.alert("CheckinCompletionSlow", "checkin-api", -12, "critical", "check-in completion p99 > 8s", "")
    sc.alert("ContainerCPUThrottlingHigh", "boardingpass-svc", -19, "info", "CPU throttling 60% on boardingpass-svc", "")
    return sc


def c15():
    sc = S("c15-mobile-bff-serializer-no-metrics", "corriente", "2026-11-14T18:30:00Z", 45, 30,
           "App shows 'something went wrong' on trips",
           "mobile-bff metrics not scraped since the namespace moved (ServiceMonitor label); app errors from crash reporting. Loyalty had its own blip.",
           "deploy", "mobile-bff")
    sc.sig("web-bff", "booking-api", "checkin-api", "loyalty-svc", "flightstatus-api", "ingress-nginx")
    sc.eff("ingress-nginx", "error_ratio", "step", -16, to=0.06, rise=1)
    sc.eff("loyalty-svc", "error_ratio", "spike", -30, until=-25, to=0.12)
    sc.eff("booking-api", "request_rate", "step", -16, mult=0.8)
    for s_, r in [("mobile-bff", 6), ("web-bff", 4), ("booking-api", 3), ("loyalty-svc", 3), ("ingress-nginx", 6)]:
        sc.logs(s_, r)
    sc.ev("mobile-bff", "error", "TypeError: Cannot read properties of undefined (reading 'segments')\n    at mapTrip (/app/dist/mappers/trip.js:41:27)\n    at Array.map (<anonymous>)\n    at TripsController.list (/app/dist/controllers/trips.js:88:31)",
          -16, 0, every=5)
    sc.ev("mobile-bff", "info", "mobile-bff 12.41.0 listening on :8080 (node v22.11.0)", -17)
    sc.ev("ingress-nginx", "warn", '10.40.{n}.9 - - "GET /m/v3/trips HTTP/2.0" 500 87 "-" "CorrienteApp/12.4.1 (iPhone; iOS 18.1)" upstream=digital-mobile-bff-8080', -16, 0, every=6)
    sc.ev("loyalty-svc", "warn", "milesbridge partner API latency 4{n}ms", -30, -25, every=15)
    sc.deploy("mobile-bff", -18, 3, "Kai Becker", "mobile-bff:12.41.0", "mobile-bff:12.40.0", "trips: itinerary v4 response from booking-api")
    sc.deploy("booking-api", -60, 5, "Ines Duarte", "booking-api:9.13.0", "booking-api:9.12.0", "itinerary v4 endpoint (v3 kept)")
    sc.alert("IngressHigh5xx", "ingress-nginx", -12, "warning", "ingress 5xx > 5% on host api.corriente.aero", "")
    sc.alert("LoyaltyErrorRate", "loyalty-svc", -28, "warning", "loyalty-svc failure ratio > 10%", "", resolved_at=-24)
    sc.alert("LoyaltyErrorRate", "loyalty-svc", -22, "warning", "loyalty-svc failure ratio > 10%", "", resolved_at=-20)
    sc.alert("AppCrashFreeSessionsLow", "mobile-bff", -10, "critical", "iOS crash-free sessions 96%", "", labels={"source": "crashlytics"})
    return sc


def c16():
    sc = S("c16-metasearch-scrape-shop-search", "corriente", "2026-11-21T20:45:00Z", 60, 20,
           "GDS throttling us, fares cache maxed",
           "aerisgds started answering 429 and redis-fares CPU hit 100%. Metasearch scrapers were hitting /v1/shop directly through the public route.",
           "traffic_surge", "shop-search")
    sc.sig("shop-search", "redis-fares", "fare-pricing", "web-bff", "seatmap-svc", "front-door")
    sc.eff("shop-search", "request_rate", "step", -33, mult=5.5, rise=6)
    sc.eff("front-door", "request_rate", "step", -33, mult=1.8, rise=6)
    sc.eff("redis-fares", "cpu_utilisation", "step", -31, to=0.99, rise=5)
    sc.eff("redis-fares", "latency_p99_seconds", "step", -30, mult=20, rise=4)
    sc.eff("redis-fares", "saturation", "step", -30, to=0.95, rise=5)
    sc.eff("fare-pricing", "request_rate", "step", -32, mult=3, rise=5)
    sc.eff("shop-search", "error_ratio", "step", -24, to=0.22, rise=3)
    sc.eff("shop-search", "latency_p99_seconds", "step", -28, mult=3)
    sc.eff("web-bff", "error_ratio", "step", -23, to=0.06)
    sc.eff("seatmap-svc", "latency_p99_seconds", "step", -29, mult=4)
    sc.logs("shop-search", 5, mult=(-33, 3))
    for s_, r in [("fare-pricing", 4), ("web-bff", 5), ("seatmap-svc", 3)]:
        sc.logs(s_, r)
    sc.ev("shop-search", "info", "Request starting HTTP/2 GET https://api.corriente.aero/v1/shop/availability?o={n}&d=MAD&dt=2027-01-1{n} - - (User-Agent: Mozilla/5.0 (compatible; FareHawkBot/3.1))",
          -33, 0, every=2)
    sc.ev("shop-search", "error", "StackExchange.Redis.RedisTimeoutException: Timeout performing GET (5000ms), next: GET fares:MAD:{n}, inst: 0, qu: 0, qs: 214, aw: False, bw: SpinningDown, rs: ReadAsync, ws: Idle, in: 65536, serverEndpoint: crr-fares-weu.redis.cache.windows.net:6380",
          -30, 0, every=8)
    sc.ev("shop-search", "error", "Corriente.Gds.AerisClientException: AirAvailability failed: 429 Too Many Requests from https://ws.aerisgds.example/1ASIWCORR/ (quota window 60s)",
          -24, 0, every=6)
    sc.deploy("fare-pricing", -75, 5, "Jorge Blanco", "fare-pricing:6.2.0", "fare-pricing:6.1.4", "rule cache TTL metrics")
    sc.alert("RedisServerLoadHigh", "redis-fares", -26, "critical", "redis-fares server load > 95%", "")
    sc.alert("GdsQuotaExceeded", "shop-search", -20, "warning", "aerisgds 429s", "")
    sc.alert("SyntheticSearchFailed", "web-bff", -18, "warning", "synthetic LHR-MAD search failing", "")
    return sc


ALL = [k01, k02, k03, k04, k05, k06, k07, k08, k09, k10, k11, k12, k13, k14, k15, k16,
       c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, c13, c14, c15, c16]


def main():
    total = 0
    for fn in ALL:
        sc = fn()
        n = write_scenario(sc)
        print("%-48s %-20s %-24s logs=%d" % (sc.sid, sc.cause, sc.culprit, n))
        total += 1
    print("scenarios:", total)


if __name__ == "__main__":
    main()
