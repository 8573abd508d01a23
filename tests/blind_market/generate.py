#!/usr/bin/env python3
"""Blind incident-scenario set for two fictional estates (Ledgerline Securities, Staybird).

    python generate.py           # (re)write every scenario folder and README.md, then validate them
    python generate.py --check   # validate what is on disk only

Deterministic: every random draw comes from a random.Random seeded from SEED and the scenario name,
so two runs produce byte-identical files. Only the standard library and PyYAML are used.
"""
import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random
import re
import shutil
import sys
import urllib.parse

import yaml

SEED = 20240917
HERE = os.path.dirname(os.path.abspath(__file__))
CAUSES = ("deploy", "config_change", "resource_saturation", "traffic_surge",
          "dependency_outage", "infrastructure", "external")
KINDS = ("service", "datastore", "queue", "infrastructure", "external")
SIGNALS = ("request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation",
           "memory_utilisation", "saturation")
RATIO_SIGNALS = ("error_ratio", "cpu_utilisation", "memory_utilisation", "saturation")
DEPLOY_KINDS = ("deploy", "config", "flag", "infra")
STEPS = (10, 15, 20, 30, 60, 120)
MAX_SCENARIO_BYTES = 1_000_000
FIRING_END = "0001-01-01T00:00:00Z"


# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------
def rng_for(*parts):
    h = hashlib.sha256(":".join([str(SEED)] + [str(p) for p in parts]).encode()).hexdigest()
    return random.Random(int(h[:16], 16))


def parse_iso(s):
    return dt.datetime.strptime(s.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S%z").timestamp()


def parse_iso_any(s):
    s2 = s.rstrip("Z")
    if "." in s2:
        base, frac = s2.split(".", 1)
        frac = (frac + "000000")[:6]
        d = dt.datetime.strptime(base + "." + frac, "%Y-%m-%dT%H:%M:%S.%f")
    else:
        d = dt.datetime.strptime(s2, "%Y-%m-%dT%H:%M:%S")
    return d.replace(tzinfo=dt.timezone.utc).timestamp()


def utc(ts):
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc)


def iso_s(ts):
    return utc(int(ts)).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(ms):
    return utc(ms // 1000).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)


def r4(v):
    if v == 0:
        return 0
    out = float("%.4g" % v)
    if out == int(out) and abs(out) >= 1000:
        return int(out)
    return out


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


ALNUM = "bcdfghjklmnpqrstvwxz2456789"


def k8s_suffix(rng, n):
    return "".join(rng.choice(ALNUM) for _ in range(n))


# ----------------------------------------------------------------------------------------------
# timestamp formats used inside log messages
# ----------------------------------------------------------------------------------------------
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def ts_fmt(ms, fmt):
    d = utc(ms // 1000)
    frac = ms % 1000
    if fmt == "clf":
        return "%02d/%s/%d:%s +0000" % (d.day, MONTHS[d.month - 1], d.year, d.strftime("%H:%M:%S"))
    if fmt == "iso":
        return iso_ms(ms)
    if fmt == "redis":
        return "%02d %s %d %s.%03d" % (d.day, MONTHS[d.month - 1], d.year, d.strftime("%H:%M:%S"), frac)
    if fmt == "klog":
        return "%s %s.%03d%03d" % (d.strftime("%m%d"), d.strftime("%H:%M:%S"), frac, (ms * 7) % 1000)
    if fmt == "rabbit":
        return "%s.%03d%03d+00:00" % (d.strftime("%Y-%m-%d %H:%M:%S"), frac, (ms * 3) % 1000)
    if fmt == "kafka":
        return "[%s,%03d]" % (d.strftime("%Y-%m-%d %H:%M:%S"), frac)
    if fmt == "envoy":
        return "[%s.%03d]" % (d.strftime("%Y-%m-%d %H:%M:%S"), frac)
    if fmt == "logfmt":
        return iso_ms(ms)
    raise ValueError(fmt)


# ----------------------------------------------------------------------------------------------
# estates
# ----------------------------------------------------------------------------------------------
def comp(kind="service", team=None, tier=None, deps=None, lang=None, ns=None, rps=0.0, lat=0.0,
         err=0.0, cpu=0.0, mem=0.0, sat=None, routes=(), market=False, sigs=None, ovr=None,
         sts=False, bg=(), host=None, channel=None, owners=None, db=False):
    return dict(kind=kind, team=team, tier=tier, deps=deps, lang=lang, ns=ns, rps=rps, lat=lat,
                err=err, cpu=cpu, mem=mem, sat=sat, routes=list(routes), market=market, sigs=sigs,
                ovr=ovr, sts=sts, bg=list(bg), host=host, channel=channel, owners=owners, db=db)


SYMS = ["AAPL", "MSFT", "NVDA", "TSLA", "AMZN", "SPY", "QQQ", "AMD", "META", "GOOGL", "PLTR", "SOFI",
        "F", "BAC", "INTC", "VOO", "KO", "DIS", "NFLX", "COIN"]
CITIES = ["lisbon", "barcelona", "paris", "rome", "amsterdam", "london", "berlin", "prague", "vienna",
          "porto", "seville", "florence", "nice", "dubrovnik", "madrid", "munich", "edinburgh"]
UAS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
       "okhttp/4.12.0", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36"]

L_TEAMS = {
    "platform": ("#platform-oncall", "S05PLATFORM"),
    "trading-core": ("#trading-incidents", "S05TRDCORE"),
    "market-data": ("#mktdata-oncall", "S05MKTDATA"),
    "identity": ("#identity-oncall", "S05IDENTTY"),
    "accounts": ("#accounts-oncall", "S05ACCNTS"),
    "portfolio": ("#portfolio-oncall", "S05PORTFLO"),
    "client-experience": ("#clientx-incidents", "S05CLIENTX"),
    "onboarding": ("#onboarding-oncall", "S05ONBOARD"),
    "money-movement": ("#funding-incidents", "S05MONEYMV"),
    "data-platform": ("#data-platform", "S05DATAPLT"),
    "partnerships": ("#partner-api-oncall", "S05PARTNRS"),
    "dba": ("#dba-oncall", "S05DBAS"),
}

LEDGER_COMPONENTS = {
    # --- shared platform -----------------------------------------------------------------------
    "ingress-nginx": comp("infrastructure", "platform", None, None, "nginx", "ingress-nginx", 1650, 0.42, 0.002,
                          0.32, 0.41, sigs=["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation"],
                          ovr={"request_rate": 'sum(rate(nginx_ingress_controller_requests[5m]))',
                               "error_ratio": 'sum(rate(nginx_ingress_controller_requests{status=~"5.."}[5m])) / sum(rate(nginx_ingress_controller_requests[5m]))',
                               "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket[5m])))'}),
    "linkerd": comp("infrastructure", "platform", None, None, "go", "linkerd"),
    "coredns": comp("infrastructure", "platform", None, None, "coredns", "kube-system", 2300, 0.006, 0.0006, 0.24, 0.31,
                    sigs=["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation", "memory_utilisation"],
                    ovr={"request_rate": 'sum(rate(coredns_dns_requests_total[5m]))',
                         "error_ratio": 'sum(rate(coredns_dns_responses_total{rcode="SERVFAIL"}[5m])) / sum(rate(coredns_dns_responses_total[5m]))',
                         "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(coredns_dns_request_duration_seconds_bucket[5m])))'}),
    "nodepool-general": comp("infrastructure", "platform", None, None, None, None, cpu=0.52, mem=0.63,
                             sigs=["cpu_utilisation", "memory_utilisation"],
                             ovr={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",cloud_google_com_gke_nodepool="general"}[5m]))',
                                  "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{cloud_google_com_gke_nodepool="general"} / node_memory_MemTotal_bytes{cloud_google_com_gke_nodepool="general"})'}),
    "nodepool-trading": comp("infrastructure", "platform", None, None, None, None, cpu=0.44, mem=0.58,
                             sigs=["cpu_utilisation", "memory_utilisation"],
                             ovr={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",cloud_google_com_gke_nodepool="trading"}[5m]))',
                                  "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{cloud_google_com_gke_nodepool="trading"} / node_memory_MemTotal_bytes{cloud_google_com_gke_nodepool="trading"})'}),
    # --- services --------------------------------------------------------------------------------
    "web-bff": comp("service", "client-experience", 1,
                    ["auth-svc", "order-entry-api", "portfolio-svc", "quote-api", "account-svc", "activity-api",
                     "funding-svc", "kyc-onboarding"],
                    "node", "web", 930, 0.38, 0.003, 0.41, 0.48, market=True,
                    routes=["GET /api/v2/portfolio", "GET /api/v2/quotes", "GET /api/v2/watchlists", "POST /api/v2/orders 201",
                            "GET /api/v2/orders", "GET /api/v2/activity", "POST /api/v2/auth/refresh", "GET /api/v2/account/profile"]),
    "auth-svc": comp("service", "identity", 1, ["redis-sessions", "accounts-pg"], "go", "identity", 210, 0.07, 0.002, 0.28, 0.36,
                     routes=["POST /v1/login", "POST /v1/token/refresh", "GET /v1/session", "POST /v1/mfa/verify"]),
    "account-svc": comp("service", "accounts", 2, ["accounts-pg", "kafka-main"], "java", "accounts", 85, 0.09, 0.002, 0.22, 0.61,
                        routes=["GET /v1/accounts/<<acct>>", "PATCH /v1/accounts/<<acct>>/profile", "PUT /v1/watchlists/<<int:1000-99999>>",
                                "GET /v1/watchlists"], db=True, sat=0.12),
    "order-entry-api": comp("service", "trading-core", 1, ["risk-check", "orders-pg", "kafka-main", "quote-api"], "java", "trading",
                            140, 0.17, 0.003, 0.36, 0.58, sat=0.14, market=True, db=True,
                            routes=["POST /v1/orders 201", "GET /v1/orders/<<oid>>", "DELETE /v1/orders/<<oid>> 202", "GET /v1/orders"]),
    "risk-check": comp("service", "trading-core", 1, ["positions-pg", "redis-quotes"], "java", "trading", 150, 0.028, 0.001, 0.31,
                       0.55, market=True, db=True, routes=["POST /v1/pretrade", "POST /v1/pretrade/batch"]),
    "order-router": comp("service", "trading-core", 1, ["orders-pg", "kafka-main", "exchange-venues"], "java", "trading", 118, 0.014,
                         0.004, 0.29, 0.52, sat=0.62, market=True, sts=True, db=True,
                         ovr={"request_rate": 'sum(rate(fix_orders_sent_total{service="order-router"}[5m]))',
                              "error_ratio": 'sum(rate(fix_orders_rejected_total{service="order-router"}[5m])) / sum(rate(fix_orders_sent_total{service="order-router"}[5m]))',
                              "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(fix_order_ack_latency_seconds_bucket{service="order-router"}[5m])))',
                              "saturation": 'max(kubelet_volume_stats_used_bytes{persistentvolumeclaim=~"fix-store-order-router-.*"} / kubelet_volume_stats_capacity_bytes{persistentvolumeclaim=~"fix-store-order-router-.*"})'}),
    "marketdata-ingest": comp("service", "market-data", 1, ["vantagefeed", "kafka-main"], "go", "marketdata", 8800, 0.004, 0.0,
                              0.46, 0.38, market=True, sigs=["request_rate", "cpu_utilisation", "memory_utilisation"],
                              ovr={"request_rate": 'sum(rate(mdi_vendor_messages_received_total[1m]))'}),
    "marketdata-fanout": comp("service", "market-data", 1, ["kafka-main", "redis-quotes"], "go", "marketdata", 8700, 0.007, 0.0005,
                              0.43, 0.41, market=True,
                              ovr={"request_rate": 'sum(rate(mdf_quotes_published_total[1m]))',
                                   "error_ratio": 'sum(rate(mdf_quote_write_errors_total[1m])) / sum(rate(mdf_quotes_published_total[1m]))',
                                   "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(mdf_publish_latency_seconds_bucket[1m])))'}),
    "quote-api": comp("service", "market-data", 1, ["redis-quotes"], "go", "marketdata", 1250, 0.022, 0.001, 0.33, 0.29, market=True,
                      routes=["GET /v1/quotes", "GET /v1/quotes/<<sym>>", "GET /v1/bars/<<sym>>"]),
    "portfolio-svc": comp("service", "portfolio", 1, ["positions-pg", "quote-api", "redis-quotes"], "java", "portfolio", 410, 0.23,
                          0.002, 0.38, 0.54, market=True, db=True,
                          routes=["GET /v1/portfolio/<<acct>>", "GET /v1/portfolio/<<acct>>/holdings", "GET /v1/portfolio/<<acct>>/performance"]),
    "positions-svc": comp("service", "portfolio", 1, ["kafka-main", "positions-pg"], "java", "portfolio", 150, 0.007, 0.0005, 0.33,
                          0.51, sat=0.01, market=True, db=True,
                          ovr={"request_rate": 'sum(rate(kafka_consumer_fetch_manager_records_consumed_total{client_id=~"positions-svc.*"}[5m]))',
                               "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(positions_fill_apply_seconds_bucket[5m])))',
                               "saturation": 'min(1, sum(kafka_consumergroup_lag{consumergroup="positions-svc"}) / 250000)'}),
    "activity-api": comp("service", "client-experience", 2, ["elasticsearch-activity"], "python", "activity", 11, 0.19, 0.002, 0.21,
                         0.44, routes=["GET /v1/activity/<<acct>>", "GET /v1/activity/<<acct>>/search", "GET /v1/activity/<<acct>>/export"]),
    "activity-indexer": comp("service", "data-platform", 2, ["kafka-main", "elasticsearch-activity"], "go", "activity", 290, 0.06,
                             0.001, 0.27, 0.35, sat=0.01,
                             ovr={"request_rate": 'sum(rate(indexer_documents_indexed_total[5m]))',
                                  "error_ratio": 'sum(rate(indexer_bulk_items_failed_total[5m])) / sum(rate(indexer_bulk_items_total[5m]))',
                                  "saturation": 'min(1, sum(kafka_consumergroup_lag{consumergroup="activity-indexer"}) / 2000000)'}),
    "aggregator-api": comp("service", "partnerships", 2, ["activity-api", "portfolio-svc", "auth-svc"], "node", "partners", 8, 0.31,
                           0.003, 0.18, 0.39,
                           routes=["GET /fdx/v6/accounts", "GET /fdx/v6/accounts/<<acct>>/transactions", "GET /fdx/v6/accounts/<<acct>>/positions"]),
    "kyc-onboarding": comp("service", "onboarding", 2, ["idcheckr", "accounts-pg", "kafka-main"], "python", "onboarding", 13, 0.45,
                           0.004, 0.24, 0.47, sat=0.04,
                           routes=["POST /v1/applications 201", "GET /v1/applications/<<uuid>>", "POST /v1/applications/<<uuid>>/documents 201",
                                   "POST /v1/applications/<<uuid>>/submit 202"],
                           ovr={"saturation": 'min(1, sum(celery_queue_length{queue="identity_checks"}) / 5000)'}),
    "funding-svc": comp("service", "money-movement", 1, ["harborbank-clearing", "accounts-pg", "kafka-main"], "java", "funding", 24,
                        0.36, 0.003, 0.19, 0.49, sat=0.08, db=True,
                        routes=["POST /v1/transfers 201", "GET /v1/transfers/<<uuid>>", "GET /v1/bank-links"],
                        ovr={"saturation": 'max(http_client_connections_leased{client="harborbank"} / http_client_connections_max{client="harborbank"})'}),
    "statements-batch": comp("service", "data-platform", 3, ["positions-pg", "orders-pg"], "python", "batch", cpu=0.08, mem=0.2,
                             sigs=["cpu_utilisation", "memory_utilisation"]),
    "notification-svc": comp("service", "client-experience", 2, ["kafka-main"], "node", "notify", 55, 0.09, 0.004, 0.22, 0.37,
                             sat=0.003, market=True,
                             ovr={"request_rate": 'sum(rate(notify_events_consumed_total[5m]))',
                                  "saturation": 'min(1, sum(kafka_consumergroup_lag{consumergroup="notification-svc"}) / 2000000)'}),
    "corp-actions-processor": comp("service", "portfolio", 2, ["kafka-main", "positions-pg"], "python", "portfolio", sigs=[]),
    # --- data --------------------------------------------------------------------------------------
    "orders-pg": comp("datastore", "dba", None, None, "postgres", "db", cpu=0.37, mem=0.71, sat=0.31, lat=0.009, market=True,
                      ovr={"saturation": 'sum(cnpg_backends_total{cluster="orders-pg"}) / max(cnpg_pg_settings_setting{cluster="orders-pg",name="max_connections"})',
                           "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(pg_stat_statements_exec_seconds_bucket{cluster="orders-pg"}[5m])))'}),
    "accounts-pg": comp("datastore", "dba", None, None, "postgres", "db", cpu=0.26, mem=0.66, sat=0.24, lat=0.006,
                        ovr={"saturation": 'sum(cnpg_backends_total{cluster="accounts-pg"}) / max(cnpg_pg_settings_setting{cluster="accounts-pg",name="max_connections"})',
                             "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(pg_stat_statements_exec_seconds_bucket{cluster="accounts-pg"}[5m])))'}),
    "positions-pg": comp("datastore", "dba", None, None, "postgres", "db", cpu=0.31, mem=0.69, sat=0.27, lat=0.008, market=True,
                         ovr={"saturation": 'sum(cnpg_backends_total{cluster="positions-pg"}) / max(cnpg_pg_settings_setting{cluster="positions-pg",name="max_connections"})',
                              "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(pg_stat_statements_exec_seconds_bucket{cluster="positions-pg"}[5m])))'}),
    "redis-sessions": comp("datastore", "identity", None, None, "redis", "identity", cpu=0.18, mem=0.42, sat=0.21, sts=True,
                           sigs=["cpu_utilisation", "memory_utilisation", "saturation"],
                           ovr={"saturation": 'max(redis_connected_clients{service="redis-sessions"} / redis_config_maxclients{service="redis-sessions"})'}),
    "redis-quotes": comp("datastore", "market-data", None, None, "redis", "marketdata", cpu=0.44, mem=0.57, sat=0.18, sts=True, market=True,
                         sigs=["cpu_utilisation", "memory_utilisation", "saturation"],
                         ovr={"saturation": 'max(redis_connected_clients{service="redis-quotes"} / redis_config_maxclients{service="redis-quotes"})'}),
    "elasticsearch-activity": comp("datastore", "data-platform", None, None, "es", "search", cpu=0.29, mem=0.72, sat=0.61, lat=0.12,
                                   err=0.0002, sts=True,
                                   sigs=["error_ratio", "latency_p99_seconds", "cpu_utilisation", "memory_utilisation", "saturation"],
                                   ovr={"error_ratio": 'sum(rate(elasticsearch_thread_pool_rejected_count{type="search"}[5m])) / sum(rate(elasticsearch_indices_search_query_total[5m]))',
                                        "latency_p99_seconds": 'max(elasticsearch_search_latency_p99_seconds{cluster="elasticsearch-activity"})',
                                        "memory_utilisation": 'max(elasticsearch_jvm_memory_used_bytes{area="heap"} / elasticsearch_jvm_memory_max_bytes{area="heap"})',
                                        "saturation": 'max(1 - elasticsearch_filesystem_data_available_bytes{cluster="elasticsearch-activity"} / elasticsearch_filesystem_data_size_bytes{cluster="elasticsearch-activity"})'}),
    "kafka-main": comp("queue", "platform", None, None, "kafka", "kafka", 9400, cpu=0.34, mem=0.62, sts=True, market=True,
                       sigs=["request_rate", "cpu_utilisation", "memory_utilisation"],
                       ovr={"request_rate": 'sum(rate(kafka_server_brokertopicmetrics_messagesin_total[5m]))'}),
    # --- third parties -----------------------------------------------------------------------------
    "vantagefeed": comp("external"),
    "idcheckr": comp("external"),
    "harborbank-clearing": comp("external"),
    "exchange-venues": comp("external"),
}

S_TEAMS = {
    "platform": ("#sre-platform", "S07PLATFRM"),
    "web": ("#web-oncall", "S07WEBTEAM"),
    "search": ("#search-incidents", "S07SEARCH"),
    "revenue": ("#pricing-oncall", "S07REVENUE"),
    "booking": ("#booking-incidents", "S07BOOKING"),
    "payments": ("#payments-incidents", "S07PAYMNTS"),
    "identity": ("#identity-oncall", "S07IDENTTY"),
    "ugc": ("#reviews-oncall", "S07UGCTEAM"),
    "comms": ("#comms-oncall", "S07COMMS"),
    "crm": ("#crm-eng", "S07CRMENG"),
    "distribution": ("#distribution-oncall", "S07DISTRIB"),
    "content": ("#content-eng", "S07CONTENT"),
    "partner": ("#extranet-oncall", "S07PARTNER"),
    "data": ("#dbre", "S07DBRE"),
}

STAYBIRD_COMPONENTS = {
    "alb-public": comp("infrastructure", "platform", None, None, None, None, 1900, 0.9, 0.001,
                       sigs=["request_rate", "error_ratio", "latency_p99_seconds"],
                       ovr={"request_rate": 'sum(aws_applicationelb_request_count_sum{load_balancer=~"app/staybird-public.*"}) / 60',
                            "error_ratio": '(sum(aws_applicationelb_httpcode_elb_5_xx_count_sum{load_balancer=~"app/staybird-public.*"}) + sum(aws_applicationelb_httpcode_target_5_xx_count_sum{load_balancer=~"app/staybird-public.*"})) / sum(aws_applicationelb_request_count_sum{load_balancer=~"app/staybird-public.*"})',
                            "latency_p99_seconds": 'max(aws_applicationelb_target_response_time_p99{load_balancer=~"app/staybird-public.*"})'}),
    "envoy-ingress": comp("infrastructure", "platform", None, None, "envoy", "ingress", 1880, 0.85, 0.002, 0.34, 0.44,
                          sigs=["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation", "memory_utilisation"],
                          ovr={"request_rate": 'sum(rate(envoy_http_downstream_rq_total{envoy_http_conn_manager_prefix="ingress_http"}[5m]))',
                               "error_ratio": 'sum(rate(envoy_http_downstream_rq_xx{envoy_response_code_class="5",envoy_http_conn_manager_prefix="ingress_http"}[5m])) / sum(rate(envoy_http_downstream_rq_total{envoy_http_conn_manager_prefix="ingress_http"}[5m]))',
                               "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(envoy_http_downstream_rq_time_bucket{envoy_http_conn_manager_prefix="ingress_http"}[5m]))) / 1000'}),
    "kube-dns": comp("infrastructure", "platform", None, None, "coredns", "kube-system", 1850, 0.005, 0.0008, 0.21, 0.27,
                     sigs=["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation", "memory_utilisation"],
                     ovr={"request_rate": 'sum(rate(coredns_dns_requests_total[5m]))',
                          "error_ratio": 'sum(rate(coredns_dns_responses_total{rcode="SERVFAIL"}[5m])) / sum(rate(coredns_dns_responses_total[5m]))',
                          "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(coredns_dns_request_duration_seconds_bucket[5m])))',
                          "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{namespace="kube-system",container="coredns"}[5m])) / sum(kube_pod_container_resource_limits{namespace="kube-system",container="coredns",resource="cpu"})',
                          "memory_utilisation": 'sum(container_memory_working_set_bytes{namespace="kube-system",container="coredns"}) / sum(kube_pod_container_resource_limits{namespace="kube-system",container="coredns",resource="memory"})'}),
    "spot-nodegroup": comp("infrastructure", "platform", None, None, None, None, cpu=0.57, mem=0.61,
                           sigs=["cpu_utilisation", "memory_utilisation"],
                           ovr={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",eks_amazonaws_com_nodegroup="spot-nodegroup"}[5m]))',
                                "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{eks_amazonaws_com_nodegroup="spot-nodegroup"} / node_memory_MemTotal_bytes{eks_amazonaws_com_nodegroup="spot-nodegroup"})'}),
    "ondemand-nodegroup": comp("infrastructure", "platform", None, None, None, None, cpu=0.46, mem=0.58,
                               sigs=["cpu_utilisation", "memory_utilisation"],
                               ovr={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",eks_amazonaws_com_nodegroup="ondemand-nodegroup"}[5m]))',
                                    "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{eks_amazonaws_com_nodegroup="ondemand-nodegroup"} / node_memory_MemTotal_bytes{eks_amazonaws_com_nodegroup="ondemand-nodegroup"})'}),
    "web-frontend": comp("service", "web", 1, ["search-api", "booking-svc", "reviews-svc", "user-svc", "memcached-sessions", "image-service"],
                         "node", "web", 640, 0.62, 0.003, 0.43, 0.52,
                         routes=["GET /", "GET /search", "GET /hotel/<<hotel>>", "GET /book/<<hotel>>", "POST /api/session", "GET /account/trips"]),
    "search-api": comp("service", "search", 1, ["availability-svc", "pricing-svc", "reviews-svc"], "java", "search", 470, 0.36, 0.002,
                       0.39, 0.57, routes=["GET /v3/search", "GET /v3/search/suggest", "GET /v3/hotels/<<hotel>>/rooms"]),
    "availability-svc": comp("service", "search", 1, ["memcached-availability", "inventory-mysql"], "go", "search", 1480, 0.045,
                             0.001, 0.35, 0.32, routes=["POST /v2/availability", "GET /v2/availability/<<hotel>>"]),
    "pricing-svc": comp("service", "revenue", 1, ["inventory-mysql"], "java", "revenue", 1090, 0.075, 0.001, 0.41, 0.6, db=True,
                        routes=["POST /v3/quote", "POST /v3/quote/batch"]),
    "metasearch-feed": comp("service", "distribution", 2, ["availability-svc", "pricing-svc"], "go", "distribution", 115, 0.26,
                            0.003, 0.23, 0.31, routes=["POST /gha/v1/query", "POST /trivago/v2/prices", "GET /feeds/hotel-list.xml"]),
    "booking-svc": comp("service", "booking", 1, ["bookings-mysql", "availability-svc", "pricing-svc", "payments-svc", "rabbitmq"],
                        "java", "booking", 34, 0.47, 0.003, 0.27, 0.58, sat=0.18, db=True,
                        routes=["POST /v2/bookings 201", "GET /v2/bookings/<<bk>>", "POST /v2/bookings/<<bk>>/cancel", "POST /v2/checkout/quote"]),
    "payments-svc": comp("service", "payments", 1, ["paynova", "bookings-mysql"], "go", "payments", 17, 0.95, 0.008, 0.18, 0.34,
                         sat=0.09, routes=["POST /v1/payments/authorise", "POST /v1/payments/<<uuid>>/capture", "POST /v1/refunds"],
                         ovr={"saturation": 'max(go_sql_in_use_connections{service="payments-svc"} / go_sql_max_open_connections{service="payments-svc"})'}),
    "user-svc": comp("service", "identity", 1, ["users-mysql", "memcached-sessions"], "go", "identity", 290, 0.035, 0.001, 0.26, 0.3,
                     routes=["GET /v1/users/me", "POST /v1/sessions", "POST /v1/password-reset 202", "GET /v1/users/<<int:100000-999999>>/loyalty"]),
    "reviews-svc": comp("service", "ugc", 2, ["reviews-mysql"], "python", "ugc", 205, 0.095, 0.003, 0.29, 0.46,
                        routes=["GET /api/v1/hotels/<<hotel>>/reviews", "GET /api/v1/hotels/<<hotel>>/summary", "POST /api/v1/reviews 201"]),
    "notification-worker": comp("service", "comms", 2, ["rabbitmq", "mailwave"], "node", "comms", 34, 0.36, 0.002, 0.24, 0.4,
                                ovr={"request_rate": 'sum(rate(notifications_sent_total[5m]))',
                                     "error_ratio": 'sum(rate(notifications_failed_total[5m])) / (sum(rate(notifications_sent_total[5m])) + sum(rate(notifications_failed_total[5m])))',
                                     "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(notification_provider_request_seconds_bucket[5m])))'}),
    "promo-mailer": comp("service", "crm", 3, ["rabbitmq", "users-mysql"], "python", "crm", sigs=[]),
    "channel-webhook": comp("service", "distribution", 2, ["rabbitmq"], "go", "distribution", 175, 0.016, 0.001, 0.17, 0.22,
                            routes=["POST /hooks/hotelhub/ari", "POST /hooks/hotelhub/reservations-ack"]),
    "channel-sync": comp("service", "distribution", 1, ["hotelhub-cm", "rabbitmq", "inventory-mysql"], "python", "distribution", 168,
                         0.12, 0.004, 0.47, 0.43, sat=0.41,
                         ovr={"request_rate": 'sum(rate(channel_sync_messages_processed_total[5m]))',
                              "error_ratio": 'sum(rate(channel_sync_messages_failed_total[5m])) / sum(rate(channel_sync_messages_total[5m]))',
                              "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(channel_sync_message_seconds_bucket[5m])))',
                              "saturation": 'avg(channel_sync_workers_busy / channel_sync_workers_total)'}),
    "image-service": comp("service", "content", 2, ["pixelcdn"], "go", "content", 44, 0.21, 0.002, 0.28, 0.37,
                          routes=["GET /origin/h/<<hotel>>/<<hex:12>>.jpg", "GET /origin/h/<<hotel>>/<<hex:12>>_w640.webp", "POST /v1/images 201"]),
    "partner-extranet": comp("service", "partner", 2, ["inventory-mysql", "image-service", "reviews-svc"], "node", "partner", 14, 0.32,
                             0.004, 0.2, 0.41,
                             routes=["GET /api/v1/properties/<<hotel>>", "PUT /api/v1/properties/<<hotel>>/rates", "GET /api/v1/properties/<<hotel>>/reservations",
                                     "POST /api/v1/properties/<<hotel>>/photos 201"]),
    "bookings-mysql": comp("datastore", "data", None, None, "mysql", "data", cpu=0.29, mem=0.64, sat=0.33, lat=0.011,
                           ovr={"saturation": 'max(aws_rds_database_connections_average{dbinstance_identifier=~"bookings-mysql.*"}) / 1000',
                                "cpu_utilisation": 'max(aws_rds_cpuutilization_average{dbinstance_identifier=~"bookings-mysql.*"}) / 100'}),
    "inventory-mysql": comp("datastore", "data", None, None, "mysql", "data", cpu=0.36, mem=0.7, sat=0.17, lat=0.021,
                            ovr={"saturation": 'max(mysql_global_status_threads_running{instance=~"inventory-mysql.*"}) / 64',
                                 "cpu_utilisation": 'max(aws_rds_cpuutilization_average{dbinstance_identifier=~"inventory-mysql.*"}) / 100'}),
    "reviews-mysql": comp("datastore", "data", None, None, "mysql", "data", cpu=0.22, mem=0.58, sat=0.27, lat=0.009,
                          ovr={"saturation": 'max(mysql_global_status_threads_connected{instance=~"reviews-mysql.*"} / mysql_global_variables_max_connections{instance=~"reviews-mysql.*"})'}),
    "users-mysql": comp("datastore", "data", None, None, "mysql", "data", cpu=0.19, mem=0.55, sat=0.21, lat=0.006),
    "memcached-availability": comp("datastore", "search", None, None, None, None, sigs=[]),
    "memcached-sessions": comp("datastore", "identity", None, None, None, None, cpu=0.12, mem=0.49, sigs=["cpu_utilisation", "memory_utilisation"]),
    "rabbitmq": comp("queue", "platform", None, None, "rabbitmq", "messaging", 260, cpu=0.21, mem=0.33, sat=0.004, sts=True,
                     sigs=["request_rate", "cpu_utilisation", "memory_utilisation", "saturation"],
                     ovr={"request_rate": 'sum(rate(rabbitmq_global_messages_received_total[5m]))',
                          "memory_utilisation": 'max(rabbitmq_process_resident_memory_bytes / rabbitmq_resident_memory_limit_bytes)',
                          "saturation": 'max(rabbitmq_queue_messages_ready{queue=~"email.send|channel.ari.updates|booking.events"}) / 1000000'}),
    "paynova": comp("external"),
    "mailwave": comp("external"),
    "pixelcdn": comp("external"),
    "hotelhub-cm": comp("external"),
}


def ledger_load(t, market):
    d = utc(t)
    h = d.hour + d.minute / 60.0 + d.second / 3600.0
    if not market:
        return 0.58 + 0.42 * math.cos(2 * math.pi * (h - 16.0) / 24.0)
    dst = (3 < d.month < 11) or (d.month == 3 and d.day >= 10) or (d.month == 11 and d.day < 3)
    open_h = 13.5 if dst else 14.5
    close_h = open_h + 6.5
    sig = lambda x, w=0.05: 1.0 / (1.0 + math.exp(-x / w))
    pre = 0.22 * sig(h - (open_h - 5.5), 0.2)
    sess = sig(h - open_h) * (1 - sig(h - close_h))
    spike = 0.0
    if h >= open_h:
        spike = 0.75 * math.exp(-(h - open_h) * 60.0 / 14.0)
    base = 0.07 + pre * (1 - sess) * (1 - sig(h - close_h, 0.3)) + sess * (0.92 + 0.12 * math.cos(2 * math.pi * (h - open_h) / 6.5))
    return base + spike


def staybird_load(t, market):
    d = utc(t)
    h = d.hour + d.minute / 60.0
    wk = 1.08 if d.weekday() >= 5 else 1.0
    return wk * (0.62 + 0.38 * math.cos(2 * math.pi * (h - 19.5) / 24.0))


ESTATES = {
    "ledgerline": dict(
        key="ledgerline", company="Ledgerline Securities", components=LEDGER_COMPONENTS, teams=L_TEAMS,
        cluster="gke-prod-use1", region="us-east1", pkg="com.ledgerline", load=ledger_load,
        am="https://alertmanager.ops.ledgerline.io", prom="https://prometheus.ops.ledgerline.io",
        runbooks="https://runbooks.ledgerline.io", dns_ip="10.96.0.10", podnet="10.8",
        node=lambda rng: "gke-ll-prod-%s-%s-%s" % (rng.choice(["general", "general", "trading"]), "%08x" % rng.getrandbits(32), k8s_suffix(rng, 4)),
        defaults={
            "request_rate": 'sum(rate(response_total{deployment="{service}",direction="inbound"}[5m]))',
            "error_ratio": 'sum(rate(response_total{deployment="{service}",direction="inbound",classification="failure"}[5m])) / sum(rate(response_total{deployment="{service}",direction="inbound"}[5m]))',
            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="{service}",direction="inbound"}[5m]))) / 1000',
            "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{container="{service}"}[5m])) / sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})',
            "memory_utilisation": 'sum(container_memory_working_set_bytes{container="{service}"}) / sum(kube_pod_container_resource_limits{container="{service}",resource="memory"})',
            "saturation": 'max(hikaricp_connections_active{service="{service}"} / hikaricp_connections_max{service="{service}"})',
        }),
    "staybird": dict(
        key="staybird", company="Staybird", components=STAYBIRD_COMPONENTS, teams=S_TEAMS,
        cluster="eks-prod-euw1", region="eu-west-1", pkg="com.staybird", load=staybird_load,
        am="https://alertmanager.sre.staybird.com", prom="https://prometheus.sre.staybird.com",
        runbooks="https://wiki.staybird.com/runbooks", dns_ip="172.20.0.10", podnet="10.30",
        node=lambda rng: "ip-10-30-%d-%d.eu-west-1.compute.internal" % (rng.randint(16, 127), rng.randint(4, 250)),
        defaults={
            "request_rate": 'sum(rate(http_server_requests_seconds_count{service="{service}"}[5m]))',
            "error_ratio": 'sum(rate(http_server_requests_seconds_count{service="{service}",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="{service}"}[5m]))',
            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="{service}"}[5m])))',
            "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{container="{service}"}[5m])) / sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})',
            "memory_utilisation": 'sum(container_memory_working_set_bytes{container="{service}"}) / sum(kube_pod_container_resource_limits{container="{service}",resource="memory"})',
            "saturation": 'max(hikaricp_connections_active{service="{service}"} / hikaricp_connections_max{service="{service}"})',
        }),
}


def build_catalog(est):
    services = {}
    for name, c in est["components"].items():
        e = {}
        if c["kind"] != "service":
            e["kind"] = c["kind"]
        if c["team"]:
            e["team"] = c["team"]
            if c["tier"] is not None:
                e["tier"] = c["tier"]
            if c["kind"] == "service" or c["kind"] == "datastore" and c["team"] == "dba":
                ch, own = est["teams"][c["team"]]
                e["channel"] = ch
                e["owners"] = [own]
        if c["deps"] is not None:
            e["depends_on"] = list(c["deps"])
        if c["ovr"]:
            e["signals"] = dict(c["ovr"])
        elif c["kind"] == "service":
            e["signals"] = {}
        services[name] = e
    return {"defaults": {"signals": dict(est["defaults"])}, "services": services}


def default_sigs(c):
    if c["sigs"] is not None:
        return list(c["sigs"])
    if c["kind"] == "service":
        s = ["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation", "memory_utilisation"]
        if c["sat"] is not None:
            s.append("saturation")
        return s
    if c["kind"] == "datastore":
        s = ["cpu_utilisation", "memory_utilisation"]
        if c["sat"] is not None:
            s.append("saturation")
        if c["lat"]:
            s.append("latency_p99_seconds")
        return s
    return []


# ----------------------------------------------------------------------------------------------
# signals
# ----------------------------------------------------------------------------------------------
NOISE = {"request_rate": 0.035, "error_ratio": 0.28, "latency_p99_seconds": 0.07, "cpu_utilisation": 0.04,
         "memory_utilisation": 0.007, "saturation": 0.045}


def weight(tm, t0, t1, ramp):
    if tm < t0:
        return 0.0
    up = 1.0 if ramp <= 0 else min(1.0, (tm - t0) / ramp)
    if t1 is not None and tm > t1:
        down = 0.0 if ramp <= 0 else max(0.0, 1.0 - (tm - t1) / ramp)
        return min(up, down)
    return up


def baseline(est, c, sig, t, phase):
    load = est["load"](t, c["market"])
    if sig == "request_rate":
        return c["rps"] * load
    if sig == "error_ratio":
        return c["err"]
    if sig == "latency_p99_seconds":
        return c["lat"] * (0.82 + 0.18 * min(load, 1.6))
    if sig == "cpu_utilisation":
        return c["cpu"] * (0.45 + 0.55 * min(load, 1.7))
    if sig == "memory_utilisation":
        return c["mem"] * (1 + 0.012 * math.sin(t / 1800.0 + phase))
    if sig == "saturation":
        return c["sat"] * (0.55 + 0.45 * min(load, 1.6))
    raise ValueError(sig)


def apply_effects(v, tm, effs):
    for e in effs:
        k = e[0]
        if k in ("gap", "cut", "noise"):
            continue
        if k == "lin":
            _, t0, t1, v0, v1 = e
            if tm >= t0:
                f = 1.0 if t1 <= t0 else min(1.0, (tm - t0) / (t1 - t0))
                v = v0 + (v1 - v0) * f
            continue
        if k == "curve":
            _, t0, t1, v0, v1, p = e
            if tm >= t0:
                f = min(1.0, (tm - t0) / (t1 - t0))
                v = v0 + (v1 - v0) * (f ** p)
            continue
        if k == "saw":  # crash-looping memory: rises lo->hi every period minutes
            _, t0, t1, lo, hi, period = e
            if tm >= t0 and (t1 is None or tm <= t1):
                f = ((tm - t0) % period) / period
                v = lo + (hi - lo) * f
            continue
        t0, t1, x = e[1], e[2], e[3]
        ramp = e[4] if len(e) > 4 else 1.5
        w = weight(tm, t0, t1, ramp)
        if w <= 0:
            continue
        if k == "mul":
            v = v * (1 + (x - 1) * w)
        elif k == "set":
            v = v * (1 - w) + x * w
        elif k == "add":
            v = v + x * w
        else:
            raise ValueError(k)
    return v


def gen_signals(sc, est, steps):
    now = sc["now_ts"]
    start = now - sc["hours"] * 3600
    out = {}
    rng = rng_for(sc["name"], "signals")
    for svc, spec in sc["signals"].items():
        c = est["components"][svc]
        step = steps[svc]
        lag = rng.randint(0, max(0, min(step - 1, 45)))
        first = int(math.ceil(start / step) * step)
        sigs = {}
        for sig in default_sigs(c):
            if sig in spec.get("_drop", []):
                continue
            effs = spec.get(sig, [])
            phase = rng.random() * 6.28
            noise = NOISE[sig]
            for e in effs:
                if e[0] == "noise":
                    noise = e[1]
            pts = []
            t = first
            while t <= now - lag:
                tm = (t - now) / 60.0
                skip = False
                for e in effs + spec.get("_all", []):
                    if e[0] == "gap" and e[1] <= tm <= e[2]:
                        skip = True
                    if e[0] == "cut" and tm >= e[1]:
                        skip = True
                if skip:
                    t += step
                    continue
                v = baseline(est, c, sig, t, phase)
                v = apply_effects(v, tm, effs)
                n = noise if not (sig == "error_ratio" and v > 0.03) else 0.07
                v = v * (1 + rng.gauss(0, n))
                if sig == "latency_p99_seconds" and rng.random() < 0.015:
                    v *= rng.uniform(1.3, 1.9)
                if sig == "error_ratio" and rng.random() < 0.01 and v < 0.02:
                    v *= rng.uniform(2, 4)
                if sig in RATIO_SIGNALS:
                    v = min(1.0, max(0.0, v))
                else:
                    v = max(0.0, v)
                pts.append([int(t), r4(v)])
                t += step
            if pts:
                sigs[sig] = pts
        if sigs:
            out[svc] = sigs
    return out


def choose_steps(sc, est):
    rng = rng_for(sc["name"], "steps")
    dur = sc["hours"] * 3600
    nseries = sum(max(1, len([s for s in default_sigs(est["components"][svc]) if s not in spec.get("_drop", [])]))
                  for svc, spec in sc["signals"].items())
    budget = 17000
    maxpts = max(90, min(480, budget // max(1, nseries)))
    allowed = [s for s in STEPS if dur / s <= maxpts]
    if not allowed:
        allowed = [120]
    main = sc.get("step") or rng.choice(allowed[:3])
    if main not in allowed:
        main = allowed[0]
    steps = {}
    for svc in sc["signals"]:
        c = est["components"][svc]
        s = main
        if c["kind"] in ("datastore", "infrastructure", "queue") and rng.random() < 0.5:
            bigger = [x for x in allowed if x > main]
            if bigger:
                s = bigger[0]
        if svc in sc.get("steps", {}):
            s = sc["steps"][svc]
        steps[svc] = s
    return steps


# ----------------------------------------------------------------------------------------------
# logs
# ----------------------------------------------------------------------------------------------
LVL_MAP = {
    "java": {"info": "INFO", "warn": "WARN", "error": "ERROR", "debug": "DEBUG", "fatal": "ERROR"},
    "python": {"info": "INFO", "warn": "WARNING", "error": "ERROR", "debug": "DEBUG", "fatal": "CRITICAL"},
    "es": {"info": "INFO", "warn": "WARN", "error": "ERROR", "debug": "DEBUG", "fatal": "ERROR"},
    "kafka": {"info": "INFO", "warn": "WARN", "error": "ERROR", "debug": "DEBUG", "fatal": "ERROR"},
    "postgres": {"info": "LOG", "warn": "WARNING", "error": "ERROR", "fatal": "FATAL", "debug": "DEBUG1"},
    "mysql": {"info": "Note", "warn": "Warning", "error": "ERROR", "fatal": "ERROR", "debug": "Note"},
}

AUX = {  # log sources that are not catalog components
    "kubelet": dict(lang="klog", host="node"),
    "node-problem-detector": dict(lang="go", host="node"),
    "kube-controller-manager": dict(lang="klog", host="cp"),
    "cluster-autoscaler": dict(lang="klog", host="pod", ns="kube-system"),
    "aws-node-termination-handler": dict(lang="go", host="pod", ns="kube-system"),
    "linkerd-proxy": dict(lang="rust", host="pod"),
    "linkerd-destination": dict(lang="go", host="pod", ns="linkerd"),
    "coredns": dict(lang="coredns", host="pod", ns="kube-system"),
    "blackbox-exporter": dict(lang="go", host="pod", ns="monitoring"),
    "redis-sentinel": dict(lang="redis", host="pod", ns="identity"),
    "argocd-application-controller": dict(lang="go", host="pod", ns="argocd"),
}


def bg_templates(name, c):
    lang = c["lang"]
    out = []
    if lang == "java":
        out.append((10, "info", "{pkg}.web.AccessLogFilter", "<<method>> <<path>> status=<<ok>> took=<<dur>>ms"))
        if c["db"]:
            out.append((1, "info", "com.zaxxer.hikari.pool.HikariPool",
                        "HikariPool-1 - Pool stats (total=20, active=<<int:0-4>>, idle=<<int:16-20>>, waiting=0)"))
    elif lang == "go":
        if c["routes"]:
            out.append((10, "info", None, "http request method=<<method>> path=<<path>> status=<<ok>> duration=<<dur>>ms"))
    elif lang == "node":
        out.append((10, "info", None, "request completed method=<<method>> url=<<path>> statusCode=<<ok>> responseTime=<<dur>>"))
    elif lang == "python":
        if c["routes"]:
            out.append((10, "info", "gunicorn.access",
                        '<<ip>> - - [<<ts:clf>>] "<<method>> <<path>> HTTP/1.1" <<ok>> <<int:180-5200>> "-" "<<ua>>"'))
    elif lang == "nginx":
        out.append((10, "info", None,
                    '<<ip>> - - [<<ts:clf>>] "<<choice:GET /api/v2/portfolio|GET /api/v2/quotes|GET /api/v2/watchlists|POST /api/v2/orders|GET /api/v2/activity|POST /api/v2/auth/refresh>> HTTP/2.0" 200 <<int:220-9800>> "-" "<<ua>>" <<int:40-900>> 0.<<int:010-380>> [web-web-bff-3000] [] <<ip>>:3000 <<int:220-9800>> 0.<<int:010-380>> 200 <<hex:32>>'))
    elif lang == "envoy":
        out.append((10, "info", None,
                    '<<ts:iso_b>> "<<choice:GET /|GET /search|GET /hotel/<<hotel>>|GET /api/v3/search|POST /api/session|GET /book/<<hotel>>>> HTTP/1.1" 200 - 0 <<int:900-48000>> <<int:20-700>> <<int:15-690>> "<<ip>>" "<<ua>>" "<<uuid>>" "www.staybird.com" "<<ip>>:3000"'))
    elif lang == "postgres":
        out += [(3, "info", None, "checkpoint starting: time"),
                (3, "info", None, "checkpoint complete: wrote <<int:300-4200>> buffers (<<int:0-3>>.<<int:1-9>>%); 0 WAL file(s) added, 0 removed, <<int:1-5>> recycled; write=<<int:25-170>>.<<int:100-999>> s, sync=0.0<<int:10-90>> s, total=<<int:25-171>>.<<int:100-999>> s; sync files=<<int:20-160>>, longest=0.0<<int:10-40>> s, average=0.001 s; distance=<<int:9000-90000>> kB, estimate=<<int:40000-90000>> kB"),
                (2, "info", None, 'automatic vacuum of table "<<choice:app.public.order_events|app.public.sessions_audit|app.public.positions_history|app.public.watchlist_items>>": index scans: 1, pages: 0 removed, <<int:2000-90000>> remain, tuples: <<int:200-9000>> removed, <<int:100000-4000000>> remain'),
                (1, "info", None, "duration: <<int:1000-1900>>.<<int:100-999>> ms  execute <unnamed>: SELECT * FROM <<choice:order_events|positions_history|ledger_entries>> WHERE account_id = $1 ORDER BY created_at DESC LIMIT 500")]
    elif lang == "mysql":
        out += [(3, "info", None, "[MY-010914] [Server] Aborted connection <<int:100000-999999>> to db: '<<choice:app|app|reporting>>' user: '<<choice:svc_rw|svc_ro|reporting>>' host: '<<ip>>' (Got timeout reading communication packets)."),
                (1, "warn", None, "[MY-010055] [Server] IP address '<<ip>>' could not be resolved: Name or service not known")]
    elif lang == "redis":
        out += [(3, "info", None, "1:M <<ts:redis>> * 100 changes in 300 seconds. Saving..."),
                (3, "info", None, "1:M <<ts:redis>> * Background saving started by pid <<int:1000-99999>>"),
                (3, "info", None, "1:M <<ts:redis>> * Background saving terminated with success")]
    elif lang == "es":
        out += [(2, "info", "o.e.c.m.MetadataMappingService", "[activity-<<date>>/<<hex:22>>] update_mapping [_doc]"),
                (1, "info", "o.e.c.r.a.AllocationService", "current.health=\"GREEN\" message=\"Cluster health status changed from [YELLOW] to [GREEN]\""),
                (2, "info", "o.e.x.i.IndexLifecycleRunner", "policy [activity-rollover] for index [activity-<<date>>] on an error step due to a transient error, moving back to the failed step [check-rollover-ready] for execution. retry attempt [1]"),
                (3, "info", "o.e.m.j.JvmGcMonitorService", "[gc][<<int:100000-999999>>] overhead, spent [<<int:250-700>>ms] collecting in the last [1s]")]
    elif lang == "kafka":
        out += [(4, "info", "kafka.log.LocalLog$", "[LocalLog partition=<<choice:trade-fills|account-events|md.equities.normalized|order-events>>-<<int:0-23>>, dir=/var/lib/kafka/data-0/kafka-log<<int:0-2>>] Rolled new log segment at offset <<int:10000000-999999999>> in <<int:1-9>> ms."),
                (2, "info", "kafka.log.UnifiedLog", "[UnifiedLog partition=<<choice:trade-fills|account-events|md.equities.normalized|order-events>>-<<int:0-23>>, dir=/var/lib/kafka/data-0/kafka-log<<int:0-2>>] Deleting segment LogSegment(baseOffset=<<int:10000000-99999999>>, size=1073741<<int:100-999>>, lastModifiedTime=<<int:1700000000000-1750000000000>>, largestRecordTimestamp=Some(<<int:1700000000000-1750000000000>>)) due to retention time 604800000ms breach based on the largest record timestamp in the segment")]
    elif lang == "rabbitmq":
        out += [(3, "info", None, "<<ts:rabbit>> [info] <0.<<int:1000-99999>>.0> accepting AMQP connection <0.<<int:1000-99999>>.0> (<<ip>>:<<int:30000-60999>> -> <<ip>>:5672)"),
                (3, "info", None, "<<ts:rabbit>> [info] <0.<<int:1000-99999>>.0> connection <0.<<int:1000-99999>>.0> (<<ip>>:<<int:30000-60999>> -> <<ip>>:5672): user '<<choice:booking-svc|notification-worker|channel-sync|channel-webhook>>' authenticated and granted access to vhost '/'"),
                (2, "info", None, "<<ts:rabbit>> [info] <0.<<int:1000-99999>>.0> closing AMQP connection <0.<<int:1000-99999>>.0> (<<ip>>:<<int:30000-60999>> -> <<ip>>:5672, vhost: '/', user: '<<choice:booking-svc|notification-worker|channel-sync>>')")]
    elif lang == "coredns":
        out += [(6, "info", None, '[INFO] <<ip>>:<<int:30000-60999>> - <<int:1-65535>> "A IN <<dnsname>>. udp <<int:40-90>> false 512" NOERROR qr,aa,rd <<int:90-220>> 0.000<<int:100-999>>s')]
    out += [tuple(x) for x in c["bg"]]
    return out


class LogGen:
    def __init__(self, sc, est):
        self.sc, self.est = sc, est
        self.rng = rng_for(sc["name"], "logs")
        self.pods = {}
        self.lines = []
        self.now_ms = int(sc["now_ts"]) * 1000

    def pods_of(self, svc):
        if svc not in self.pods:
            r = rng_for(self.sc["name"], "pods", svc)
            c = self.est["components"].get(svc)
            aux = AUX.get(svc)
            if aux and aux["host"] == "node":
                self.pods[svc] = [self.est["node"](r) for _ in range(6)]
            elif aux and aux["host"] == "cp":
                self.pods[svc] = ["gke-control-plane" if self.est["key"] == "ledgerline" else "eks-control-plane"]
            elif c and c["sts"]:
                self.pods[svc] = ["%s-%d" % (svc, i) for i in range(3)]
            else:
                rs = k8s_suffix(r, 10)
                n = 4 if (c and c["rps"] > 100) else 3
                self.pods[svc] = ["%s-%s-%s" % (svc, rs, k8s_suffix(r, 5)) for _ in range(n)]
        return self.pods[svc]

    def lang_of(self, svc):
        c = self.est["components"].get(svc)
        if c and c["lang"]:
            return c["lang"]
        if svc in AUX:
            return AUX[svc]["lang"]
        return "go"

    def level(self, svc, lvl):
        lang = self.lang_of(svc)
        m = LVL_MAP.get(lang)
        if m:
            return m.get(lvl, lvl.upper())
        return {"warn": "warning"}.get(lvl, lvl) if lang in ("klog", "coredns", "rabbitmq", "redis") else lvl

    def fill(self, tpl, svc, ms, ctx):
        rng = self.rng
        c = self.est["components"].get(svc) or {}

        def route():
            if "route" not in ctx:
                routes = c.get("routes") or ["GET /healthz"]
                r = rng.choice(routes).split()
                st = r[2] if len(r) > 2 else "200"
                ctx["route"] = (r[0], self.fill(r[1], svc, ms, ctx), st)
            return ctx["route"]

        def sub(m):
            key, arg = m.group(1), m.group(2)
            if key == "int":
                a, b = arg.split("-")
                w = len(a) if a.startswith("0") and len(a) > 1 else 0
                v = rng.randint(int(a), int(b))
                return str(v).zfill(w) if w else str(v)
            if key == "f":
                parts = arg.split(":")
                a, b = parts[0].split("-")
                d = parts[1] if len(parts) > 1 else "2"
                return ("%." + d + "f") % rng.uniform(float(a), float(b))
            if key == "hex":
                return "".join(rng.choice("0123456789abcdef") for _ in range(int(arg)))
            if key == "uuid":
                h = "".join(rng.choice("0123456789abcdef") for _ in range(32))
                return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], h[16:20], h[20:])
            if key == "ip":
                return "%s.%d.%d" % (self.est["podnet"], rng.randint(0, 127), rng.randint(2, 254))
            if key == "pod":
                return rng.choice(self.pods_of(arg or svc))
            if key == "choice":
                return rng.choice(arg.split("|"))
            if key == "ts":
                if arg == "iso_b":
                    return "[" + iso_ms(ms) + "]"
                return ts_fmt(ms, arg)
            if key == "date":
                return utc(ms // 1000).strftime("%Y.%m.%d")
            if key == "acct":
                return "5LL%07d" % rng.randint(0, 9999999)
            if key == "oid":
                return "O%d%07d" % (utc(ms // 1000).day, rng.randint(0, 9999999))
            if key == "sym":
                return rng.choice(SYMS) if not arg else rng.choice(arg.split("|"))
            if key == "hotel":
                return "%d" % rng.randint(100000, 989999)
            if key == "bk":
                return "SB" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(7))
            if key == "city":
                return rng.choice(CITIES)
            if key == "ua":
                return rng.choice(UAS)
            if key == "dnsname":
                comps = self.est["components"]
                cands = [n for n in sorted(comps) if comps[n]["ns"] and comps[n]["kind"] in ("service", "datastore", "queue")]
                n = rng.choice(cands)
                return "%s.%s.svc.cluster.local" % (n, comps[n]["ns"])
            if key == "method":
                return route()[0]
            if key == "path":
                return route()[1]
            if key == "ok":
                return route()[2]
            if key == "dur":
                lat = c.get("lat") or 0.05
                return str(max(1, int(rng.uniform(0.08, 0.55) * lat * 1000)))
            if key == "svc":
                return svc
            raise ValueError("unknown placeholder %s in %r" % (key, tpl))

        prev = None
        out = tpl
        while prev != out:
            prev = out
            out = re.sub(r"<<(\w+)(?::([^<>]*))?>>", sub, out, count=1)
        return out

    def emit(self, svc, lvl, ms, tpl, logger=None, host=None):
        if ms > self.now_ms:
            return
        ctx = {}
        if callable(tpl):
            msg = tpl(self.rng, (ms - self.now_ms) / 60000.0)
            msg = self.fill(msg, svc, ms, ctx)
        else:
            msg = self.fill(tpl, svc, ms, ctx)
        doc = {"@timestamp": iso_ms(ms), "service": {"name": svc}, "log": {"level": self.level(svc, lvl)}, "message": msg}
        if logger:
            doc["log"]["logger"] = logger.replace("{pkg}", self.est["pkg"] + "." + svc.replace("-", ""))
        doc["host"] = {"name": host or self.rng.choice(self.pods_of(svc))}
        self.lines.append((ms, len(self.lines), doc))

    def stream(self, svc, lvl, t0, t1, rate, msgs, logger=None, host=None, hosts=None):
        """rate: lines per minute (or (r0, r1) ramped linearly) between minutes t0 and t1 relative to now."""
        t1 = 0 if t1 is None else t1
        m = t0
        while m < t1:
            seg_end = min(t1, m + 1)
            frac = (m - t0) / max(1e-9, (t1 - t0))
            r = rate if not isinstance(rate, tuple) else rate[0] + (rate[1] - rate[0]) * frac
            n = poisson(self.rng, r * (seg_end - m))
            for _ in range(n):
                tm = self.rng.uniform(m, seg_end)
                ms = self.now_ms + int(tm * 60000)
                h = host or (self.rng.choice(hosts) if hosts else None)
                self.emit(svc, lvl, ms, self.rng.choice(msgs), logger, h)
            m = seg_end

    def at(self, svc, lvl, tm, msg, logger=None, host=None):
        self.emit(svc, lvl, min(self.now_ms, self.now_ms + int(tm * 60000) + self.rng.randint(0, 2999)), msg, logger, host)

    def background(self, services, minutes, total, mul):
        weights = {}
        for s in services:
            c = self.est["components"].get(s)
            if c is None:
                weights[s] = 0.4
            elif c["kind"] == "service":
                weights[s] = 0.6 + math.sqrt(max(c["rps"], 4)) / 12.0
            else:
                weights[s] = 0.35
        tot_w = sum(weights.values())
        for s in services:
            c = self.est["components"].get(s)
            tpls = bg_templates(s, c) if c else []
            if not tpls:
                continue
            base_rate = total * weights[s] / tot_w / minutes
            wsum = sum(t[0] for t in tpls)
            m = -minutes
            while m < 0:
                f = 1.0
                for (t0, t1, fac) in mul.get(s, []):
                    if t0 <= m and (t1 is None or m < t1):
                        f = fac
                load = self.est["load"](self.sc["now_ts"] + m * 60, c["market"]) if c["kind"] == "service" else 1.0
                n = poisson(self.rng, base_rate * f * (0.4 + 0.6 * min(load, 1.5)))
                for _ in range(n):
                    x = self.rng.uniform(0, wsum)
                    for t in tpls:
                        x -= t[0]
                        if x <= 0:
                            break
                    ms = self.now_ms + int(self.rng.uniform(m, m + 1) * 60000)
                    self.emit(s, t[1], ms, t[3], t[2])
                m += 1

    def render(self):
        self.lines.sort(key=lambda x: (x[0], x[1]))
        return "".join(json.dumps(d, separators=(",", ":"), ensure_ascii=False) + "\n" for _, _, d in self.lines)


# ----------------------------------------------------------------------------------------------
# alerts and deploys
# ----------------------------------------------------------------------------------------------
def A(name, svc, sev, start, end=None, summary="", desc="", expr="", **labels):
    return dict(name=name, svc=svc, sev=sev, start=start, end=end, summary=summary, desc=desc, expr=expr, labels=labels)


def D(svc, kind, ver, prev, start, mins, author, desc):
    return dict(svc=svc, kind=kind, ver=ver, prev=prev, start=start, mins=mins, author=author, desc=desc)


def fingerprint(labels):
    s = "\xff".join("%s\xff%s" % (k, labels[k]) for k in sorted(labels))
    return hashlib.sha256(s.encode()).hexdigest()[:16]


def build_alerts(sc, est):
    now = sc["now_ts"]
    rng = rng_for(sc["name"], "alerts")
    alerts = []
    for a in sc["alerts"]:
        c = est["components"][a["svc"]]
        labels = {"alertname": a["name"], "cluster": est["cluster"]}
        if c["ns"]:
            labels["namespace"] = c["ns"]
        labels["service"] = a["svc"]
        labels["severity"] = a["sev"]
        if c["team"]:
            labels["team"] = c["team"]
        for k, v in a["labels"].items():
            labels[k] = v
        start_ms = int(now * 1000 + a["start"] * 60000) + rng.randint(0, 59999)
        start_ms = min(start_ms, int(now * 1000) - 30000)
        ann = {"summary": a["summary"], "description": a["desc"],
               "runbook_url": "%s/%s" % (est["runbooks"], re.sub(r"(?<!^)(?=[A-Z])", "-", a["name"]).lower())}
        expr = a["expr"] or 'ALERTS{alertname="%s"}' % a["name"]
        al = {"status": "firing" if a["end"] is None else "resolved", "labels": labels, "annotations": ann,
              "startsAt": iso_ms(start_ms),
              "endsAt": FIRING_END if a["end"] is None else iso_ms(int(now * 1000 + a["end"] * 60000) + rng.randint(0, 59999)),
              "generatorURL": "%s/graph?g0.expr=%s&g0.tab=1" % (est["prom"], urllib.parse.quote(expr, safe="")),
              "fingerprint": fingerprint(labels)}
        alerts.append(al)
    names = sorted({a["labels"]["alertname"] for a in alerts})
    gl = {"alertname": names[0], "cluster": est["cluster"]} if len(names) == 1 else {"cluster": est["cluster"]}
    common = {}
    for k, v in alerts[0]["labels"].items():
        if all(x["labels"].get(k) == v for x in alerts):
            common[k] = v
    ca = {}
    for k, v in alerts[0]["annotations"].items():
        if all(x["annotations"].get(k) == v for x in alerts):
            ca[k] = v
    firing = [a for a in alerts if a["status"] == "firing"]
    first_team = (firing or alerts)[0]["labels"].get("team", "platform")
    receiver = sc.get("receiver") or "pagerduty-%s" % first_team
    gk = '{}/{severity=~"critical|warning"}:{%s}' % ", ".join('%s="%s"' % (k, gl[k]) for k in sorted(gl))
    return {"receiver": receiver, "status": "firing" if firing else "resolved", "alerts": alerts,
            "groupLabels": gl, "commonLabels": common, "commonAnnotations": ca, "externalURL": est["am"],
            "version": "4", "groupKey": gk, "truncatedAlerts": 0}


AUTHORS = {
    "ledgerline": ["a.ramirez", "k.osei", "m.lindqvist", "p.iyer", "j.becker", "s.nakamura", "r.haddad", "t.okonkwo", "d.feldman"],
    "staybird": ["lucia.ferraro", "tom.whitfield", "anke.vos", "rui.pinto", "maja.kowalska", "sam.okoro", "ines.duarte", "olek.nowak"],
}

BG_CHANGES = {
    "ledgerline": [
        ("web-bff", "deploy", "WEB-{n}: copy changes on the transfer confirmation sheet; no API changes"),
        ("account-svc", "deploy", "ACC-{n}: paginate beneficiary list; jackson-databind 2.17.0 -> 2.17.1"),
        ("quote-api", "deploy", "MD-{n}: extra histogram buckets for /v1/bars latency"),
        ("activity-api", "deploy", "ACT-{n}: CSV export adds settlement date column"),
        ("notification-svc", "config", "NOTIF-{n}: marketing push quiet hours 22:00-07:00 account-local time"),
        ("kyc-onboarding", "deploy", "ONB-{n}: jitter on OCR webhook retries"),
        ("aggregator-api", "deploy", "PART-{n}: FDX consent revocation endpoint returns 204 instead of 200"),
        ("statements-batch", "deploy", "DATA-{n}: 1099-B draft layout fixes"),
        ("funding-svc", "config", "MM-{n}: instant-deposit limit for tier-2 accounts 1000 -> 1500 USD"),
        ("ingress-nginx", "infra", "PLAT-{n}: ingress-nginx chart 4.10.1 -> 4.10.3 (controller v1.10.3, patch release)"),
        ("portfolio-svc", "deploy", "PORT-{n}: performance chart defaults to time-weighted return"),
        ("auth-svc", "deploy", "ID-{n}: log device fingerprint hash on token refresh"),
        ("marketdata-fanout", "deploy", "MD-{n}: permessage-deflate on client websocket frames"),
        ("activity-indexer", "config", "DATA-{n}: bulk size 5 MiB -> 8 MiB"),
    ],
    "staybird": [
        ("web-frontend", "deploy", "WEB-{n}: new footer links for Italian market"),
        ("reviews-svc", "deploy", "REV-{n}: translate review snippets lazily"),
        ("user-svc", "deploy", "ID-{n}: loyalty tier badge in /v1/users/me"),
        ("image-service", "deploy", "CNT-{n}: AVIF variants for hero images behind Accept header"),
        ("partner-extranet", "deploy", "EXT-{n}: reservations list CSV export"),
        ("metasearch-feed", "config", "DIST-{n}: add 14 new Trivago POS markets"),
        ("booking-svc", "config", "BKG-{n}: hold timeout for pay-at-hotel 15m -> 20m"),
        ("search-api", "deploy", "SRCH-{n}: ranking feature 'recently viewed' weight tuning"),
        ("notification-worker", "deploy", "NOTIF-{n}: MJML 4.15 upgrade; template snapshots regenerated"),
        ("channel-webhook", "deploy", "DIST-{n}: structured logging for ARI payload sizes"),
        ("envoy-ingress", "infra", "PLAT-{n}: envoy 1.30.2 -> 1.30.4 (CVE patch release)"),
        ("pricing-svc", "config", "PRC-{n}: weekend uplift for Lisbon portfolio +3%"),
    ],
}


def build_deploys(sc, est):
    rng = rng_for(sc["name"], "deploys")
    now = sc["now_ts"]
    authors = AUTHORS[est["key"]]
    pref = {"deploy": "dep", "config": "chg", "flag": "flg", "infra": "inf"}
    items = []
    for d in sc["deploys"]:
        items.append(dict(d))
    pool = [x for x in BG_CHANGES[est["key"]] if x[0] != sc["culprit"] and x[0] not in sc.get("no_bg_deploy", [])]
    rng.shuffle(pool)
    for svc, kind, desc in pool[:sc.get("bg_deploys", 2)]:
        start = -rng.randint(int(sc["hours"] * 60 * 0.5), int(sc["hours"] * 60 + 300))
        start = min(start, -65)
        maj, mi, pa = rng.randint(1, 9), rng.randint(0, 40), rng.randint(1, 12)
        if kind in ("deploy", "infra") and svc not in ("ingress-nginx", "envoy-ingress"):
            ver, prev = "v%d.%d.%d" % (maj, mi, pa), "v%d.%d.%d" % (maj, mi, pa - 1)
        elif kind == "infra":
            ver, prev = "chart-rev-%d" % (pa + 40), "chart-rev-%d" % (pa + 39)
        else:
            r = rng.randint(40, 400)
            ver, prev = "rev-%d" % r, "rev-%d" % (r - 1)
        items.append(D(svc, kind, ver, prev, start, rng.randint(2, 9), rng.choice(authors),
                       desc.format(n=rng.randint(1000, 9999))))
    out = []
    for d in items:
        st = int(now + d["start"] * 60) + rng.randint(0, 59)
        fin = st + int(d["mins"] * 60) + rng.randint(0, 40)
        fin = min(fin, int(now) - 5)
        out.append({"id": "%s-%05d" % (pref[d["kind"]], rng.randint(10000, 99999)), "service": d["svc"], "kind": d["kind"],
                    "version": d["ver"], "previous_version": d["prev"], "started_at": iso_s(st), "finished_at": iso_s(fin),
                    "author": d["author"], "description": d["desc"]})
    out.sort(key=lambda x: x["started_at"])
    return out


# ----------------------------------------------------------------------------------------------
# writing
# ----------------------------------------------------------------------------------------------
SCENARIOS = []


def scenario(**kw):
    kw.setdefault("omit", [])
    kw.setdefault("deploys", [])
    kw.setdefault("bgmul", {})
    kw["now_ts"] = parse_iso(kw["now"])
    SCENARIOS.append(kw)
    return kw


def dump_signals(sig):
    parts = []
    for svc, d in sig.items():
        inner = []
        for s, pts in d.items():
            inner.append("    %s: %s" % (json.dumps(s), json.dumps(pts, separators=(",", ":"))))
        parts.append("  %s: {\n%s\n  }" % (json.dumps(svc), ",\n".join(inner)))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_scenario(sc):
    est = ESTATES[sc["estate"]]
    folder = os.path.join(HERE, sc["name"])
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    files = {}
    files["catalog.yaml"] = yaml.safe_dump(build_catalog(est), sort_keys=False, default_flow_style=False, width=4096)
    files["alerts.json"] = json.dumps(build_alerts(sc, est), indent=2) + "\n"
    steps = choose_steps(sc, est)
    sc["_steps"] = steps
    if "signals" not in sc["omit"]:
        files["signals.json"] = dump_signals(gen_signals(sc, est, steps))
    if "logs" not in sc["omit"]:
        g = LogGen(sc, est)
        minutes = sc.get("log_minutes", min(int(sc["hours"] * 60), 120))
        g.background(sc["bg_logs"], minutes, sc.get("bg_total", 1100), sc["bgmul"])
        sc["logs"](g)
        files["logs.jsonl"] = g.render()
    if "deploys" not in sc["omit"]:
        files["deploys.json"] = json.dumps(build_deploys(sc, est), indent=2) + "\n"
    meta = {"name": sc["name"], "description": sc["description"], "now": sc["now"]}
    for key, fn in (("alerts", "alerts.json"), ("catalog", "catalog.yaml"), ("signals", "signals.json"),
                    ("logs", "logs.jsonl"), ("deploys", "deploys.json")):
        if fn in files:
            meta[key] = fn
    meta["expected"] = {"cause": sc["cause"], "culprit": sc["culprit"]}
    files["scenario.yaml"] = yaml.safe_dump(meta, sort_keys=False, default_flow_style=False, width=100, allow_unicode=True)
    for fn, text in files.items():
        with open(os.path.join(folder, fn), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


# ----------------------------------------------------------------------------------------------
# validation (works only from what is on disk)
# ----------------------------------------------------------------------------------------------
SCEN_KEYS = ("name", "description", "now", "alerts", "catalog", "signals", "logs", "deploys", "expected")
FILE_OF = {"alerts": "alerts.json", "catalog": "catalog.yaml", "signals": "signals.json", "logs": "logs.jsonl", "deploys": "deploys.json"}
BANNED_NAME = ("deploy", "config", "flag", "surge", "leak", "outage", "saturat", "dns", "mesh", "node", "oom", "spot")
BANNED_DESC = ("deploy", "rollout", "rolled out", "release", "config", "feature flag", "surge", "leak", "outage", "root cause",
               "caused by", "dns", "linkerd", "mesh", "spot", "node", "vendor", "provider")


def validate_folder(path):
    errs = []
    name = os.path.basename(path)
    E = lambda m: errs.append("%s: %s" % (name, m))
    try:
        with open(os.path.join(path, "scenario.yaml"), encoding="utf-8") as f:
            meta = yaml.safe_load(f)
    except Exception as ex:  # noqa
        return ["%s: scenario.yaml unreadable: %s" % (name, ex)]
    if not isinstance(meta, dict):
        return ["%s: scenario.yaml is not a mapping" % name]
    for k in meta:
        if k not in SCEN_KEYS:
            E("unknown key %r in scenario.yaml" % k)
    for k in ("name", "description", "now", "catalog", "expected", "alerts"):
        if k not in meta:
            E("scenario.yaml lacks %r" % k)
    if errs:
        return errs
    if meta["name"] != name:
        E("name %r differs from folder" % meta["name"])
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(meta["now"])):
        E("now %r is not ISO 8601 UTC" % meta["now"])
        return errs
    now = parse_iso(meta["now"])
    desc = str(meta["description"]).lower()
    for w in BANNED_DESC:
        if w in desc:
            E("description gives away too much (contains %r)" % w)
    for w in BANNED_NAME:
        if w in name:
            E("folder name should describe a symptom (contains %r)" % w)
    present = set(os.listdir(path))
    for k, fn in FILE_OF.items():
        if k in meta:
            if meta[k] != fn:
                E("%s should point to %s" % (k, fn))
            if fn not in present:
                E("%s missing on disk" % fn)
        elif fn in present:
            E("%s on disk but not referenced in scenario.yaml" % fn)
    extra = present - set(FILE_OF.values()) - {"scenario.yaml"}
    if extra:
        E("unexpected files %s" % sorted(extra))
    size = sum(os.path.getsize(os.path.join(path, f)) for f in present if os.path.isfile(os.path.join(path, f)))
    if size >= MAX_SCENARIO_BYTES:
        E("scenario is %d bytes (limit %d)" % (size, MAX_SCENARIO_BYTES))
    if errs:
        return errs
    # catalog
    with open(os.path.join(path, "catalog.yaml"), encoding="utf-8") as f:
        cat = yaml.safe_load(f)
    if not isinstance(cat, dict) or not isinstance(cat.get("services"), dict):
        return errs + ["%s: catalog.yaml has no services mapping" % name]
    dsig = (cat.get("defaults") or {}).get("signals") or {}
    for s, q in dsig.items():
        if s not in SIGNALS or "{service}" not in q:
            E("bad default signal template %r" % s)
    services = cat["services"]
    if not (10 <= len(services) <= 40):
        E("catalog has %d components (want 10-40)" % len(services))
    for svc, e in services.items():
        e = e or {}
        if e.get("kind", "service") not in KINDS:
            E("component %s has bad kind %r" % (svc, e.get("kind")))
        for d in e.get("depends_on", []) or []:
            if d not in services:
                E("%s depends_on undefined %s" % (svc, d))
            if d == svc:
                E("%s depends on itself" % svc)
        for s in (e.get("signals") or {}):
            if s not in SIGNALS:
                E("%s overrides unknown signal %s" % (svc, s))
    exp = meta["expected"] or {}
    if exp.get("cause") not in CAUSES:
        E("expected.cause %r not a known cause" % exp.get("cause"))
    if exp.get("culprit") not in services:
        E("expected.culprit %r not in catalog" % exp.get("culprit"))
    if exp.get("culprit") and exp["culprit"] in name:
        E("folder name names the culprit")
    if exp.get("culprit") and exp["culprit"] in desc:
        E("description names the culprit")
    # alerts
    with open(os.path.join(path, "alerts.json"), encoding="utf-8") as f:
        body = json.load(f)
    for k in ("receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "version",
              "groupKey", "truncatedAlerts"):
        if k not in body:
            E("alerts.json lacks %s" % k)
    if body.get("version") != "4":
        E("alerts.json version must be \"4\"")
    firing_starts = []
    for i, a in enumerate(body.get("alerts", [])):
        for k in ("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"):
            if k not in a:
                E("alert %d lacks %s" % (i, k))
        lab = a.get("labels", {})
        for k in ("alertname", "service", "severity"):
            if k not in lab:
                E("alert %d lacks label %s" % (i, k))
        if lab.get("service") not in services:
            E("alert %d service %r not in catalog" % (i, lab.get("service")))
        if not re.fullmatch(r"[0-9a-f]{16}", str(a.get("fingerprint", ""))):
            E("alert %d fingerprint malformed" % i)
        st = parse_iso_any(a["startsAt"])
        if st > now:
            E("alert %d starts after now" % i)
        if a.get("status") == "firing":
            if a.get("endsAt") != FIRING_END:
                E("firing alert %d must have endsAt %s" % (i, FIRING_END))
            firing_starts.append(st)
        elif a.get("status") == "resolved":
            en = parse_iso_any(a["endsAt"])
            if not (st < en <= now):
                E("resolved alert %d has bad endsAt" % i)
        else:
            E("alert %d status %r" % (i, a.get("status")))
    if not firing_starts:
        E("no firing alert")
    else:
        first = min(firing_starts)
        if not (60 <= now - first <= 20 * 60):
            E("now should be a few minutes after the first firing alert (it is %.1f min)" % ((now - first) / 60))
    want_status = "firing" if firing_starts else "resolved"
    if body.get("status") != want_status:
        E("top-level status should be %s" % want_status)
    common = {}
    al = body.get("alerts", [])
    if al:
        for k, v in al[0]["labels"].items():
            if all(x["labels"].get(k) == v for x in al):
                common[k] = v
    if common != body.get("commonLabels"):
        E("commonLabels is not the intersection of the alerts' labels")
    # signals
    if "signals" in meta:
        with open(os.path.join(path, "signals.json"), encoding="utf-8") as f:
            sig = json.load(f)
        lo, hi = None, None
        for svc, d in sig.items():
            if svc not in services:
                E("signals for unknown component %s" % svc)
            for s, pts in d.items():
                if s not in SIGNALS:
                    E("unknown signal %s.%s" % (svc, s))
                if not pts:
                    E("empty series %s.%s" % (svc, s))
                    continue
                diffs = [b[0] - a[0] for a, b in zip(pts, pts[1:])]
                if any(x <= 0 for x in diffs):
                    E("%s.%s timestamps not increasing" % (svc, s))
                    continue
                step = min(diffs) if diffs else 60
                if not (10 <= step <= 120):
                    E("%s.%s step %ss outside 10-120 s" % (svc, s, step))
                if any(x % step for x in diffs):
                    E("%s.%s has irregular spacing" % (svc, s))
                for t, v in pts:
                    if not isinstance(t, int) or not isinstance(v, (int, float)) or v != v or v < 0:
                        E("%s.%s bad point %r" % (svc, s, [t, v]))
                        break
                    if s in RATIO_SIGNALS and v > 1:
                        E("%s.%s ratio above 1" % (svc, s))
                        break
                lo = pts[0][0] if lo is None else min(lo, pts[0][0])
                hi = pts[-1][0] if hi is None else max(hi, pts[-1][0])
                if pts[-1][0] > now:
                    E("%s.%s extends past now" % (svc, s))
        if lo is None:
            E("signals.json is empty")
        else:
            span = (now - lo) / 3600.0
            if not (1.45 <= span <= 4.05):
                E("signals cover %.2f h (want 1.5-4 h)" % span)
            if now - hi > 600:
                E("signals end more than 10 min before now")
    # logs
    if "logs" in meta:
        prev = None
        n = 0
        with open(os.path.join(path, "logs.jsonl"), encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                n += 1
                try:
                    doc = json.loads(line)
                except ValueError:
                    E("logs.jsonl line %d is not JSON" % ln)
                    break
                if not isinstance(doc.get("service", {}).get("name"), str) or "level" not in doc.get("log", {}) \
                        or not isinstance(doc.get("message"), str) or "@timestamp" not in doc:
                    E("logs.jsonl line %d is not an ECS document" % ln)
                    break
                ts = parse_iso_any(doc["@timestamp"])
                if ts > now:
                    E("logs.jsonl line %d after now" % ln)
                    break
                if now - ts > 4.1 * 3600:
                    E("logs.jsonl line %d older than the signal window" % ln)
                    break
                if prev is not None and ts < prev:
                    E("logs.jsonl not sorted at line %d" % ln)
                    break
                prev = ts
        if n < 50 or n > 6000:
            E("logs.jsonl has %d lines" % n)
        elif now - prev > 900:
            E("logs end more than 15 min before now")
    # deploys
    if "deploys" in meta:
        with open(os.path.join(path, "deploys.json"), encoding="utf-8") as f:
            deps = json.load(f)
        if not isinstance(deps, list):
            E("deploys.json is not a list")
            deps = []
        want = {"id", "service", "kind", "version", "previous_version", "started_at", "finished_at", "author", "description"}
        for i, d in enumerate(deps):
            if set(d) != want:
                E("deploy %d fields %s" % (i, sorted(set(d) ^ want)))
                continue
            if d["kind"] not in DEPLOY_KINDS:
                E("deploy %d kind %r" % (i, d["kind"]))
            if d["service"] not in services:
                E("deploy %d service %r not in catalog" % (i, d["service"]))
            a, b = parse_iso(d["started_at"]), parse_iso(d["finished_at"])
            if not (a <= b <= now):
                E("deploy %d times out of order" % i)
    return errs


def validate_all(expected_names=None):
    errs = []
    dirs = sorted(d for d in os.listdir(HERE)
                  if os.path.isdir(os.path.join(HERE, d)) and not d.startswith((".", "_")))
    if expected_names is not None:
        missing = sorted(set(expected_names) - set(dirs))
        stray = sorted(set(dirs) - set(expected_names))
        if missing:
            errs.append("scenario folders missing: %s" % missing)
        if stray:
            errs.append("folders not produced by this script: %s" % stray)
    causes = {}
    for d in dirs:
        p = os.path.join(HERE, d)
        if not os.path.exists(os.path.join(p, "scenario.yaml")):
            errs.append("%s: no scenario.yaml" % d)
            continue
        errs += validate_folder(p)
        try:
            with open(os.path.join(p, "scenario.yaml"), encoding="utf-8") as f:
                c = yaml.safe_load(f)["expected"]["cause"]
            causes[c] = causes.get(c, 0) + 1
        except Exception:  # noqa
            pass
    if len(dirs) < 32:
        errs.append("only %d scenarios (need at least 32)" % len(dirs))
    for c in CAUSES:
        if causes.get(c, 0) < 3:
            errs.append("cause %s used %d times (need at least 3)" % (c, causes.get(c, 0)))
    readme = os.path.join(HERE, "README.md")
    if not os.path.exists(readme):
        errs.append("README.md missing")
    else:
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        if "| scenario | step | cause | culprit | distractor |" not in text:
            errs.append("README.md lacks the scenario table")
        for d in dirs:
            if "| `%s` |" % d not in text:
                errs.append("README.md table lacks %s" % d)
    return errs, causes


# ==============================================================================================
# SCENARIOS: Ledgerline Securities
# ==============================================================================================
LB = "ledgerline"


def _l01(g):
    ing, fan = "marketdata-ingest", "marketdata-fanout"
    g.stream(ing, "info", -120, -14, 1.2, ["vendor stream heartbeat ok feed=equities-sip host=stream.vantagefeed.net lag_ms=<<int:2-38>> seq=<<int:10000000-99999999>>",
                                            "published batch topic=md.equities.raw msgs=<<int:40000-61000>> window=10s"])
    g.at(ing, "error", -14.1, "websocket read failed feed=equities-sip host=stream.vantagefeed.net err=\"websocket: close 1006 (abnormal closure): unexpected EOF\"")
    g.at(ing, "warn", -14.05, "vendor stream disconnected feed=equities-sip host=stream.vantagefeed.net, falling back to snapshot polling")
    g.stream(ing, "warn", -14, 0, 0.9, ["reconnecting feed=equities-sip url=wss://stream.vantagefeed.net/v2/equities attempt=<<int:1-60>> backoff=<<choice:2s|4s|8s|16s|30s|30s>>"])
    g.stream(ing, "error", -14, 0, 0.8, ["dial failed feed=equities-sip host=stream.vantagefeed.net err=\"dial tcp 198.51.100.23:443: i/o timeout\"",
                                         "websocket handshake failed feed=equities-sip host=stream.vantagefeed.net status=503 body=\"upstream unavailable\""])
    g.stream(ing, "error", -13, 0, 0.5, ["snapshot poll failed url=https://api.vantagefeed.net/v2/snapshot/equities status=503 dur=<<int:3000-10000>>ms",
                                         "snapshot poll failed url=https://api.vantagefeed.net/v2/snapshot/equities err=\"context deadline exceeded (Client.Timeout exceeded while awaiting headers)\""])
    g.stream(fan, "warn", -13, 0, 1.6, ["no updates on topic md.equities.normalized for <<int:30-780>>s; marked <<int:7800-8150>> symbols stale",
                                        "quote age above threshold symbol=<<sym>> age_s=<<int:45-800>> threshold_s=30"])
    g.stream("quote-api", "warn", -12, 0, 1.5, ["serving stale quote symbol=<<sym>> age_s=<<int:60-800>> client=<<choice:ios|android|web>>"])
    g.stream("web-bff", "info", -110, 0, 0.4, ["watchlist sort experiment exposure variant=<<choice:control|sort_v2>> user=<<int:100000-999999>>"])


scenario(
    name="watchlist-quotes-frozen", estate=LB, now="2024-09-17T15:12:00Z", hours=2.0,
    cause="external", culprit="vantagefeed", classes=["C"],
    distractor="fan-out alert louder than ingest; watchlist flag change 75 min earlier",
    description="Paged 15:02 UTC: quotes on watchlists and the ticker in the app stopped moving around 14:58. "
                "Customers in chat say prices are 'frozen'; orders still go through. Market-data alerts firing.",
    alerts=[A("MarketDataQuotesStale", "marketdata-fanout", "critical", -10,
              summary="Quotes stale for >60s on 99% of symbols",
              desc="marketdata-fanout has not published a fresh quote for 99% of tracked symbols in 60s.",
              expr='max(mdf_quote_age_seconds{quantile="0.5"}) > 60'),
            A("MarketDataIngestThroughputLow", "marketdata-ingest", "warning", -8,
              summary="Vendor message rate < 5% of 7-day baseline",
              desc="marketdata-ingest receives 40 msg/s vs ~9k msg/s expected during the session.",
              expr='sum(rate(mdi_vendor_messages_received_total[1m])) < 0.05 * avg_over_time(sum(rate(mdi_vendor_messages_received_total[1m]))[7d:5m])')],
    signals={
        "marketdata-ingest": {"request_rate": [("set", -14, None, 38, 0.5)], "cpu_utilisation": [("mul", -14, None, 0.25, 1)]},
        "marketdata-fanout": {"request_rate": [("set", -14, None, 40, 0.5)], "cpu_utilisation": [("mul", -14, None, 0.3, 1)],
                              "latency_p99_seconds": [("mul", -14, None, 0.6)]},
        "quote-api": {"request_rate": [("mul", -12, None, 1.3, 3)], "error_ratio": [("set", -12, None, 0.011, 2)]},
        "web-bff": {"request_rate": [("mul", -12, None, 1.12, 3)]},
        "order-entry-api": {"request_rate": [("mul", -12, None, 0.55, 4)]},
        "portfolio-svc": {},
        "kafka-main": {"request_rate": [("mul", -14, None, 0.16, 0.5)], "cpu_utilisation": [("mul", -14, None, 0.45, 1)]},
        "redis-quotes": {"cpu_utilisation": [("mul", -14, None, 0.35, 1)]},
    },
    bg_logs=["marketdata-ingest", "marketdata-fanout", "quote-api", "web-bff", "portfolio-svc", "order-entry-api", "kafka-main", "redis-quotes"],
    bgmul={"order-entry-api": [(-12, None, 0.55)]},
    logs=_l01,
    deploys=[D("quote-api", "deploy", "v3.4.2", "v3.4.1", -136, 6, "s.nakamura", "MD-812: ETag support on /v1/quotes batch endpoint; go 1.22.6"),
             D("web-bff", "flag", "watchlist_sort_v2=25%", "watchlist_sort_v2=5%", -75, 1, "p.iyer", "Ramp watchlist_sort_v2 experiment to 25% of web users (WEB-3310)")],
)


def _l02(g):
    k = "kyc-onboarding"
    g.stream(k, "info", -120, -17, 0.7, ["Task kyc.tasks.run_identity_check[<<uuid>>] succeeded in <<f:0.8-3.6:6>>s: {'status': 'approved', 'vendor_ref': 'idc_<<hex:20>>'}",
                                          "Task kyc.tasks.run_identity_check[<<uuid>>] succeeded in <<f:0.8-3.6:6>>s: {'status': 'manual_review', 'vendor_ref': 'idc_<<hex:20>>'}"],
             logger="celery.app.trace")
    for i, t in enumerate((-26.5, -25.8, -25.1, -24.4)):
        pod = g.pods_of(k)[i % len(g.pods_of(k))]
        g.at(k, "info", t, "Starting gunicorn 22.0.0", logger="gunicorn.error", host=pod)
        g.at(k, "info", t + 0.02, "Listening at: http://0.0.0.0:8000 (1)", logger="gunicorn.error", host=pod)
        g.at(k, "info", t + 0.05, "Booting worker with pid: %d" % (7 + i), logger="gunicorn.error", host=pod)
    g.at(k, "info", -24.2, "celery@kyc-onboarding-worker ready.", logger="celery.apps.worker")
    g.at(k, "info", -24.1, "Connected to redis://kyc-broker.onboarding.svc.cluster.local:6379/0", logger="celery.worker.consumer.connection")
    g.stream(k, "info", -24, -17, 0.4, ["Task kyc.tasks.run_identity_check[<<uuid>>] succeeded in <<f:0.9-3.4:6>>s: {'status': 'approved', 'vendor_ref': 'idc_<<hex:20>>'}"],
             logger="celery.app.trace")
    g.stream(k, "error", -17, 0, 1.6, [
        "identity check failed application_id=<<uuid>>: ReadTimeout(\"HTTPSConnectionPool(host='api.idcheckr.io', port=443): Read timed out. (read timeout=10)\")",
        "identity check failed application_id=<<uuid>>: POST https://api.idcheckr.io/v2/verifications returned 503: {\"error\":\"service_unavailable\",\"message\":\"Temporarily unable to process requests\"}",
        "identity check failed application_id=<<uuid>>: POST https://api.idcheckr.io/v2/verifications returned 502: <html><body><h1>502 Bad Gateway</h1></body></html>"],
        logger="kyc.vendors.idcheckr")
    g.stream(k, "warn", -17, 0, 1.2, ["Task kyc.tasks.run_identity_check[<<uuid>>] retry: Retry in <<choice:60|120|240>>s: IdCheckrUnavailable('api.idcheckr.io unavailable')"],
             logger="celery.app.trace")
    g.stream(k, "error", -16, 0, 0.6, ["Bad Gateway: /v1/applications/<<uuid>>/documents"], logger="django.request")
    g.stream(k, "warn", -120, 0, 0.15, ["crm sync skipped for application <<uuid>>: hubspot returned 429 (rate limited)"], logger="kyc.crm")


scenario(
    name="new-account-applications-stuck-in-review", estate=LB, now="2024-10-08T16:40:00Z", hours=2.5,
    cause="external", culprit="idcheckr", classes=["C", "C-deploy"],
    distractor="kyc-onboarding deployed 27 min before; background CRM 429s",
    description="Support escalated at 16:33 UTC: new account applications are piling up in 'pending verification' and "
                "customers see an error after uploading their ID. Started maybe 20 minutes ago.",
    alerts=[A("KycVerificationQueueBacklog", "kyc-onboarding", "warning", -8,
              summary="identity_checks queue above 2000 tasks", desc="Celery queue identity_checks has grown for 10 minutes.",
              expr='sum(celery_queue_length{queue="identity_checks"}) > 2000'),
            A("KycHighErrorRate", "kyc-onboarding", "critical", -5,
              summary="kyc-onboarding 5xx ratio above 5%", desc="Document upload and submit endpoints are failing.",
              expr='sum(rate(response_total{deployment="kyc-onboarding",classification="failure"}[5m])) / sum(rate(response_total{deployment="kyc-onboarding"}[5m])) > 0.05')],
    signals={
        "kyc-onboarding": {"error_ratio": [("set", -16, None, 0.19, 2)], "latency_p99_seconds": [("set", -17, None, 10.4, 1)],
                           "saturation": [("lin", -17, 0, 0.04, 0.71)], "cpu_utilisation": [("mul", -17, None, 0.8, 2)],
                           "memory_utilisation": [("set", -25, -24, 0.33, 0.5), ("lin", -24, 0, 0.33, 0.44)]},
        "web-bff": {"error_ratio": [("set", -16, None, 0.0065, 2)]},
        "account-svc": {}, "accounts-pg": {}, "funding-svc": {}, "auth-svc": {}, "kafka-main": {},
    },
    bg_logs=["kyc-onboarding", "web-bff", "account-svc", "accounts-pg", "funding-svc", "auth-svc"],
    logs=_l02,
    deploys=[D("kyc-onboarding", "deploy", "v2.31.0", "v2.30.4", -27, 4, "m.lindqvist",
               "ONB-1287: Spanish translations for document-upload screens; celery 5.3.6 -> 5.4.0, kombu 5.3.4 -> 5.3.7")],
)


def _l03(g):
    f = "funding-svc"
    g.stream(f, "info", -120, -18, 0.9, ["ACH transfer submitted transferId=<<uuid>> direction=<<choice:DEPOSIT|DEPOSIT|WITHDRAWAL>> amount=<<int:25-8000>>.00 USD bankRef=HB<<int:10000000-99999999>> took=<<int:180-720>>ms"],
             logger="{pkg}.clearing.HarborBankClient")
    g.stream(f, "error", -18, 0, 1.3, [
        "ACH transfer submission failed transferId=<<uuid>>: I/O error on POST request for \"https://api.harborbank.com/v3/ach/transfers\": Read timed out",
        "ACH transfer submission failed transferId=<<uuid>>: I/O error on POST request for \"https://api.harborbank.com/v3/ach/transfers\": Connect to api.harborbank.com:443 [api.harborbank.com/192.0.2.61] failed: Connect timed out",
        "Bank link verification failed linkId=<<uuid>>: 504 Gateway Timeout from GET https://api.harborbank.com/v3/accounts/verify"],
        logger="{pkg}.clearing.HarborBankClient")
    g.at(f, "warn", -15.3, "CircuitBreaker 'harborbank' changed state from CLOSED to OPEN", logger="io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine")
    for t in (-13.2, -10.9, -8.4, -5.8, -3.1):
        g.at(f, "info", t, "CircuitBreaker 'harborbank' changed state from OPEN to HALF_OPEN", logger="io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine")
        g.at(f, "warn", t + 0.4, "CircuitBreaker 'harborbank' changed state from HALF_OPEN to OPEN", logger="io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine")
    g.stream(f, "warn", -15, 0, 1.0, ["Deposit <<uuid>> set to PENDING_RETRY (clearing unavailable: CallNotPermittedException: CircuitBreaker 'harborbank' is OPEN), next attempt in 300s"],
             logger="{pkg}.transfers.TransferService")
    g.stream("notification-svc", "warn", -120, 0, 0.5, ["apns push rejected token=<<hex:12>>... reason=Unregistered status=410",
                                                        "fcm send failed token=<<hex:12>>... error=messaging/registration-token-not-registered"])
    g.stream("web-bff", "warn", -16, 0, 0.5, ["upstream POST http://funding-svc.funding.svc.cluster.local:8080/v1/transfers responded 502 in <<int:5000-15200>>ms"])
    g.stream("accounts-pg", "info", -120, -100, 0.3, ["replication lag on standby accounts-pg-2 is <<int:11-40>>s (wal receiver catching up after vacuum)"])


scenario(
    name="deposits-failing-for-customers", estate=LB, now="2025-01-14T14:25:00Z", hours=3.0,
    cause="external", culprit="harborbank-clearing", classes=["C"],
    distractor="resolved accounts-pg replication-lag alert; unrelated APNs errors; no deploy data",
    description="14:14 UTC: deposit and withdrawal requests fail in the app with 'try again later'; support has ~40 tickets. "
                "Linking a new bank account also fails.",
    omit=["deploys"],
    alerts=[A("FundingTransferLatencyHigh", "funding-svc", "warning", -11, summary="funding-svc p99 latency > 5s",
              desc="Transfers endpoint p99 above 5s for 5m.", expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="funding-svc",direction="inbound"}[5m]))) > 5000'),
            A("FundingTransferFailureRate", "funding-svc", "critical", -8, summary="More than 20% of transfer requests failing",
              desc="POST /v1/transfers failure ratio above 20% for 5m.", expr='sum(rate(funding_transfer_failures_total[5m])) / sum(rate(funding_transfer_requests_total[5m])) > 0.2'),
            A("PostgresReplicationLagHigh", "accounts-pg", "warning", -118, -96, summary="accounts-pg standby lag > 30s",
              desc="Standby accounts-pg-2 replication lag above 30s.", expr='max(cnpg_pg_replication_lag{cluster="accounts-pg"}) > 30')],
    signals={
        "funding-svc": {"error_ratio": [("set", -17, None, 0.46, 2)], "latency_p99_seconds": [("set", -18, None, 15.2, 1)],
                        "saturation": [("set", -18, None, 0.96, 2)]},
        "web-bff": {"error_ratio": [("set", -16, None, 0.0075, 2)]},
        "accounts-pg": {"saturation": [("add", -120, -100, 0.04)]},
        "notification-svc": {"error_ratio": [("set", -180, None, 0.012, 0)]},
        "kafka-main": {}, "account-svc": {}, "auth-svc": {},
    },
    bg_logs=["funding-svc", "web-bff", "accounts-pg", "notification-svc", "account-svc", "auth-svc"],
    logs=_l03,
)


def _l04(g):
    dns = g.est["dns_ip"]
    g.stream("coredns", "error", -16, 0, 2.2, [
        "[ERROR] plugin/errors: 2 <<choice:api.harborbank.com|api.idcheckr.io|stream.vantagefeed.net|oauth2.googleapis.com|storage.googleapis.com>>. <<choice:A|AAAA>>: read udp 10.8.<<int:0-3>>.<<int:2-250>>:<<int:30000-60999>>->169.254.169.254:53: i/o timeout"])
    g.stream("coredns", "warn", -15, 0, 0.8, ["[WARNING] plugin/health: Local health request to \"http://:8080/health\" took more than 1s: <<int:1-3>>.<<int:100-999>>s"])
    for t in (-11.2, -6.8, -2.9):
        g.at("coredns", "info", t, "[INFO] plugin/ready: Still waiting on: \"kubernetes\"")
        g.at("coredns", "info", t + 0.01, "CoreDNS-1.11.1")
    g.stream("coredns", "info", -120, 0, 1.0, ['[INFO] 10.8.<<int:0-60>>.<<int:2-250>>:<<int:30000-60999>> - <<int:1-65535>> "A IN <<dnsname>>. udp <<int:40-90>> false 512" NOERROR qr,aa,rd <<int:90-220>> 0.000<<int:100-999>>s'])
    g.stream("order-entry-api", "error", -15, 0, 1.6, [
        "Order submission failed acct=<<acct>>: Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection; Caused by: org.postgresql.util.PSQLException: The connection attempt failed. Caused by: java.net.UnknownHostException: orders-pg-rw.db.svc.cluster.local: Temporary failure in name resolution",
        "Risk check call failed acct=<<acct>>: I/O error on POST request for \"http://risk-check.trading.svc.cluster.local:8080/v1/pretrade\": risk-check.trading.svc.cluster.local: Temporary failure in name resolution"],
        logger="{pkg}.orders.OrderService")
    g.stream("auth-svc", "error", -15, 0, 2.0, [
        "session store error err=\"dial tcp: lookup redis-sessions.identity.svc.cluster.local on %s:53: read udp 10.8.<<int:0-60>>.<<int:2-250>>:<<int:30000-60999>>->%s:53: i/o timeout\"" % (dns, dns),
        "login failed user_id=<<int:100000-999999>> err=\"accounts lookup: failed to connect to `host=accounts-pg-rw.db.svc.cluster.local user=auth database=accounts`: hostname resolving error (lookup accounts-pg-rw.db.svc.cluster.local on %s:53: read udp 10.8.<<int:0-60>>.<<int:2-250>>:<<int:30000-60999>>->%s:53: i/o timeout)\"" % (dns, dns)])
    g.stream("portfolio-svc", "error", -14, 0, 1.1, [
        "Quote enrichment failed for <<acct>>: I/O error on GET request for \"http://quote-api.marketdata.svc.cluster.local:8080/v1/quotes\": quote-api.marketdata.svc.cluster.local: Temporary failure in name resolution"],
        logger="{pkg}.valuation.QuoteClient")
    g.stream("kyc-onboarding", "error", -14, 0, 0.5, [
        "identity check failed application_id=<<uuid>>: ConnectionError(MaxRetryError(\"HTTPSConnectionPool(host='api.idcheckr.io', port=443): Max retries exceeded with url: /v2/verifications (Caused by NameResolutionError(\\\"<urllib3.connection.HTTPSConnection object at 0x7f<<hex:10>>>: Failed to resolve 'api.idcheckr.io' ([Errno -3] Temporary failure in name resolution)\\\"))\"))"],
        logger="kyc.vendors.idcheckr")
    g.stream("web-bff", "error", -14, 0, 1.2, ["upstream request failed GET http://portfolio-svc.portfolio.svc.cluster.local:8080/v1/portfolio/<<acct>> error=\"getaddrinfo EAI_AGAIN portfolio-svc.portfolio.svc.cluster.local\"",
                                               "upstream request failed POST http://auth-svc.identity.svc.cluster.local:8080/v1/token/refresh error=\"getaddrinfo EAI_AGAIN auth-svc.identity.svc.cluster.local\""])


scenario(
    name="orders-and-logins-intermittently-timing-out", estate=LB, now="2024-11-05T15:03:00Z", hours=2.0,
    cause="infrastructure", culprit="coredns", classes=["A"],
    distractor="web-bff deploy 31 min before; victims' alerts only, no alert on the shared piece; vendor hostnames in errors",
    description="Started ~14:48 UTC: a mix of things failing at once. Some order submissions time out, some logins fail, "
                "portfolio page intermittently errors. No single team sees a clear pattern; several alerts firing.",
    alerts=[A("OrderEntryLatencyHigh", "order-entry-api", "critical", -9, summary="order-entry-api p99 > 2s",
              desc="POST /v1/orders p99 latency above 2s for 5m.", expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="order-entry-api",direction="inbound"}[5m]))) > 2000'),
            A("AuthLoginErrorRate", "auth-svc", "critical", -8, summary="Login failure ratio > 5%",
              desc="auth-svc failing logins and token refreshes.", expr='sum(rate(response_total{deployment="auth-svc",classification="failure"}[5m])) / sum(rate(response_total{deployment="auth-svc"}[5m])) > 0.05'),
            A("PortfolioHighErrorRate", "portfolio-svc", "warning", -7, summary="portfolio-svc errors > 2%",
              desc="portfolio-svc 5xx ratio above 2%.", expr='sum(rate(response_total{deployment="portfolio-svc",classification="failure"}[5m])) / sum(rate(response_total{deployment="portfolio-svc"}[5m])) > 0.02')],
    signals={
        "coredns": {"request_rate": [("mul", -16, None, 2.3, 2)], "latency_p99_seconds": [("set", -16, None, 1.9, 2)],
                    "error_ratio": [("set", -16, None, 0.07, 2)], "cpu_utilisation": [("set", -16, None, 0.97, 2)],
                    "memory_utilisation": [("set", -16, None, 0.52, 4)]},
        "order-entry-api": {"error_ratio": [("set", -15, None, 0.055, 2)], "latency_p99_seconds": [("set", -15, None, 5.1, 2)]},
        "auth-svc": {"error_ratio": [("set", -15, None, 0.085, 2)], "latency_p99_seconds": [("set", -15, None, 5.0, 2)]},
        "portfolio-svc": {"error_ratio": [("set", -14, None, 0.045, 2)], "latency_p99_seconds": [("set", -14, None, 5.3, 2)]},
        "kyc-onboarding": {"error_ratio": [("set", -14, None, 0.09, 2)]},
        "web-bff": {"error_ratio": [("set", -14, None, 0.038, 2)], "latency_p99_seconds": [("mul", -14, None, 3.2, 2)]},
        "quote-api": {}, "marketdata-ingest": {}, "orders-pg": {}, "risk-check": {"request_rate": [("mul", -15, None, 0.8, 2)]},
    },
    bg_logs=["order-entry-api", "auth-svc", "portfolio-svc", "web-bff", "quote-api", "kyc-onboarding", "orders-pg", "risk-check"],
    logs=_l04,
    deploys=[D("web-bff", "deploy", "v8.41.0", "v8.40.2", -31, 5, "p.iyer", "WEB-3342: options chain screen behind flag; axios 1.7.2 -> 1.7.4")],
)


def _l05(g):
    victims = ["web-bff", "order-entry-api", "quote-api", "portfolio-svc", "account-svc"]
    proxy_hosts = sum([g.pods_of(v) for v in victims], [])
    dst = ["linkerd-destination-6c9f8b7d54-x2k8q", "linkerd-destination-6c9f8b7d54-m7wzp", "linkerd-destination-6c9f8b7d54-q4rtn"]
    g.stream("linkerd-destination", "info", -120, -15, 0.6, ["time=\"<<ts:iso>>\" level=info msg=\"Establishing watch on endpoint <<choice:portfolio/portfolio-svc|trading/order-entry-api|marketdata/quote-api|accounts/account-svc|trading/risk-check>>:8080\" addr=\":8086\" component=endpoints-watcher"],
             hosts=dst)
    for i, t in enumerate((-15.2, -12.9, -10.1, -7.4, -4.6, -1.8)):
        h = dst[i % 3]
        g.at("linkerd-destination", "info", t, "time=\"<<ts:iso>>\" level=info msg=\"running version stable-2.14.10\"", host=h)
        g.at("linkerd-destination", "info", t + 0.05, "time=\"<<ts:iso>>\" level=info msg=\"starting admin server on :9996\"", host=h)
        g.at("linkerd-destination", "info", t + 0.1, "time=\"<<ts:iso>>\" level=info msg=\"waiting for caches to sync\"", host=h)
        g.at("kubelet", "error", t + 0.3, "E<<ts:klog>>    2211 pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"destination\\\" with CrashLoopBackOff: \\\"back-off %ds restarting failed container=destination pod=%s_linkerd(9b1c<<hex:4>>-<<hex:4>>-4<<hex:3>>-<<hex:4>>-<<hex:12>>)\\\"\" pod=\"linkerd/%s\"" % (10 * 2 ** min(i, 4), h, h))
        g.at("kubelet", "warn", t + 0.2, "W<<ts:klog>>    2211 prober.go:104] \"Probe failed\" probeType=\"Readiness\" pod=\"linkerd/%s\" containerName=\"destination\" probeResult=\"failure\" output=\"Get \\\"http://10.8.40.<<int:2-250>>:9996/ready\\\": dial tcp 10.8.40.<<int:2-250>>:9996: connect: connection refused\"" % h)
    g.stream("linkerd-proxy", "warn", -15, 0, 2.5, [
        "[<<int:100000-900000>>.<<int:100000-999999>>s]  WARN ThreadId(01) outbound:proxy{addr=10.8.<<int:0-60>>.<<int:2-250>>:8080}:service{ns=<<choice:portfolio|trading|marketdata|accounts>> name=<<choice:portfolio-svc|order-entry-api|quote-api|account-svc|risk-check>> port=8080}: linkerd_app_core::errors::respond: HTTP/1.1 request failed error=logical service <<choice:portfolio-svc.portfolio|quote-api.marketdata|risk-check.trading|account-svc.accounts>>.svc.cluster.local:8080: service in fail-fast error.sources=[service in fail-fast]",
        "[<<int:100000-900000>>.<<int:100000-999999>>s]  WARN ThreadId(01) linkerd_reconnect: Service failed error=endpoint 10.8.40.<<int:2-250>>:8086: channel closed error.sources=[channel closed]",
        "[<<int:100000-900000>>.<<int:100000-999999>>s]  WARN ThreadId(02) watch{port=8080}:controller{addr=linkerd-dst-headless.linkerd.svc.cluster.local:8086}:endpoint{addr=10.8.40.<<int:2-250>>:8086}: linkerd_reconnect: Failed to connect error=Connection refused (os error 111)"],
        hosts=proxy_hosts)
    g.stream("web-bff", "error", -14, 0, 1.8, [
        "upstream request failed GET http://portfolio-svc.portfolio.svc.cluster.local:8080/v1/portfolio/<<acct>> status=503 l5d-proxy-error=\"logical service portfolio-svc.portfolio.svc.cluster.local:8080: service in fail-fast\"",
        "upstream request failed GET http://quote-api.marketdata.svc.cluster.local:8080/v1/quotes status=503 l5d-proxy-error=\"logical service quote-api.marketdata.svc.cluster.local:8080: service in fail-fast\"",
        "upstream request failed POST http://order-entry-api.trading.svc.cluster.local:8080/v1/orders status=504 l5d-proxy-error=\"request timed out\""])
    g.stream("order-entry-api", "error", -13, 0, 0.9, ["Risk check call failed acct=<<acct>>: 503 Service Unavailable: [no body] (l5d-proxy-error: logical service risk-check.trading.svc.cluster.local:8080: service in fail-fast)"],
             logger="{pkg}.risk.RiskCheckClient")
    g.stream("portfolio-svc", "warn", -13, 0, 0.7, ["Quote enrichment degraded for <<acct>>: 503 Service Unavailable from quote-api; using previous close"], logger="{pkg}.valuation.QuoteClient")
    for i, p in enumerate(g.pods_of("order-entry-api")):
        g.at("order-entry-api", "info", -21.5 + i * 0.6, "Started OrderEntryApplication in %d.%03d seconds (process running for %d.%d)" % (17 + i, 212 * (i + 1), 19 + i, i + 3),
             logger="{pkg}.OrderEntryApplication", host=p)


scenario(
    name="api-calls-failing-across-mobile-app", estate=LB, now="2025-02-20T18:20:00Z", hours=2.0,
    cause="infrastructure", culprit="linkerd", classes=["A"],
    distractor="order-entry-api deploy 23 min before; three unrelated-looking services alerting; mesh has no signals",
    description="18:12 UTC: app store reviews and chat say screens randomly fail to load - portfolio, quotes, order ticket. "
                "Retrying usually works. Error alerts on several unrelated services within two minutes.",
    alerts=[A("WebBffHighErrorRate", "web-bff", "critical", -8, summary="web-bff 5xx > 5%", desc="Public API gateway returning 5xx.",
              expr='sum(rate(response_total{deployment="web-bff",classification="failure"}[5m])) / sum(rate(response_total{deployment="web-bff"}[5m])) > 0.05'),
            A("QuoteApiHighErrorRate", "quote-api", "critical", -7, summary="quote-api failure ratio > 5%", desc="quote-api inbound failures.",
              expr='sum(rate(response_total{deployment="quote-api",classification="failure"}[5m])) / sum(rate(response_total{deployment="quote-api"}[5m])) > 0.05'),
            A("OrderEntryHighErrorRate", "order-entry-api", "critical", -6, summary="order-entry-api failure ratio > 3%", desc="Order submissions failing.",
              expr='sum(rate(response_total{deployment="order-entry-api",classification="failure"}[5m])) / sum(rate(response_total{deployment="order-entry-api"}[5m])) > 0.03')],
    signals={
        "web-bff": {"error_ratio": [("set", -14, None, 0.11, 2)]},
        "quote-api": {"error_ratio": [("set", -14, None, 0.085, 2)]},
        "portfolio-svc": {"error_ratio": [("set", -14, None, 0.07, 2)], "latency_p99_seconds": [("mul", -14, None, 1.8, 2)]},
        "order-entry-api": {"error_ratio": [("set", -13, None, 0.05, 2)], "latency_p99_seconds": [("mul", -13, None, 2.5, 2)]},
        "account-svc": {"error_ratio": [("set", -13, None, 0.06, 2)]},
        "risk-check": {"request_rate": [("mul", -13, None, 0.93)]},
        "activity-api": {}, "orders-pg": {}, "kafka-main": {},
    },
    bg_logs=["web-bff", "quote-api", "portfolio-svc", "order-entry-api", "account-svc", "risk-check", "activity-api", "kafka-main"],
    logs=_l05,
    deploys=[D("order-entry-api", "deploy", "v5.18.0", "v5.17.2", -23, 4, "r.haddad", "ORD-2291: extended-hours order type validation; spring-boot 3.2.5 -> 3.2.8")],
)


def _l06(g):
    oe = "order-entry-api"
    g.stream(oe, "info", -150, -22, 1.0, ["Order accepted orderId=<<oid>> acct=<<acct>> symbol=<<sym>> side=<<choice:BUY|SELL>> qty=<<int:1-300>> type=<<choice:LIMIT|MARKET>> tif=DAY"],
             logger="{pkg}.orders.OrderService")
    g.stream(oe, "info", -22, 0, (4, 18), ["Order accepted orderId=<<oid>> acct=<<acct>> symbol=<<sym:GME|GME|GME|GME|AMC|GME|AAPL|TSLA>> side=BUY qty=<<int:1-60>> type=<<choice:MARKET|MARKET|LIMIT>> tif=DAY"],
             logger="{pkg}.orders.OrderService")
    g.stream(oe, "warn", -15, 0, 1.2, ["HikariPool-1 - Pool stats (total=40, active=40, idle=0, waiting=<<int:40-420>>)"], logger="com.zaxxer.hikari.pool.HikariPool")
    g.stream(oe, "error", -12, 0, (2, 7), [
        "Order submission failed acct=<<acct>> symbol=GME: Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection",
        "HikariPool-1 - Connection is not available, request timed out after 5000ms (total=40, active=40, idle=0, waiting=<<int:100-420>>)"],
        logger="{pkg}.orders.OrderService")
    g.stream("orders-pg", "fatal", -9, 0, 2.5, ["remaining connection slots are reserved for non-replication superuser connections"])
    g.stream("orders-pg", "info", -18, 0, 1.5, ["duration: <<int:1100-4800>>.<<int:100-999>> ms  execute S_<<int:1-40>>: INSERT INTO order_events (order_id, account_id, symbol, event_type, payload, created_at) VALUES ($1, $2, $3, $4, $5, now())",
                                                "duration: <<int:1000-3900>>.<<int:100-999>> ms  execute S_<<int:1-40>>: UPDATE orders SET status = $1, updated_at = now() WHERE id = $2"])
    g.stream("orders-pg", "info", -16, 0, 0.3, ["checkpoints are occurring too frequently (<<int:8-24>> seconds apart)"])
    g.stream("web-bff", "error", -12, 0, 1.5, ["upstream request failed POST http://order-entry-api.trading.svc.cluster.local:8080/v1/orders status=<<choice:500|503|504>> duration=<<int:5000-9000>>ms"])
    g.stream("ingress-nginx", "info", -22, 0, (2, 6), ['<<ip>> - - [<<ts:clf>>] "POST /api/v2/orders HTTP/2.0" <<choice:201|201|201|504|502>> <<int:120-900>> "-" "<<ua>>" <<int:300-700>> <<int:0-9>>.<<int:100-999>> [web-web-bff-3000] [] <<ip>>:3000 <<int:120-900>> <<int:0-9>>.<<int:100-999>> 201 <<hex:32>>'])
    for i, p in enumerate(g.pods_of("positions-svc")):
        g.at("positions-svc", "info", -46 + i * 0.7, "Started PositionsApplication in %d.%03d seconds (process running for %d.%d)" % (14 + i, 120 + i * 77, 16 + i, i), logger="{pkg}.PositionsApplication", host=p)


scenario(
    name="order-tickets-timing-out-at-peak", estate=LB, now="2025-01-28T15:25:00Z", hours=2.5,
    cause="traffic_surge", culprit="order-entry-api", classes=["B", "B-ds-alert"],
    distractor="database alerts fire first; positions-svc deploy 47 min before; market-open spike 55 min before",
    description="15:15 UTC: DBA pager for orders-pg connections, then order ticket spinning and timing out in the app. "
                "Social media chatter about one meme stock since ~15:00.",
    alerts=[A("PostgresHighCPU", "orders-pg", "warning", -10, summary="orders-pg primary CPU > 90%", desc="orders-pg primary CPU above 90% for 5m.",
              expr='max(rate(process_cpu_seconds_total{cluster="orders-pg",role="primary"}[5m])) / 8 > 0.9'),
            A("PostgresConnectionsNearMax", "orders-pg", "critical", -8, summary="orders-pg backends at 98% of max_connections",
              desc="orders-pg is close to max_connections; new connections are being refused.",
              expr='sum(cnpg_backends_total{cluster="orders-pg"}) / max(cnpg_pg_settings_setting{cluster="orders-pg",name="max_connections"}) > 0.95'),
            A("OrderEntryLatencyHigh", "order-entry-api", "critical", -5, summary="order-entry-api p99 > 2s", desc="Order submission p99 above 2s.",
              expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="order-entry-api",direction="inbound"}[5m]))) > 2000')],
    signals={
        "order-entry-api": {"request_rate": [("mul", -22, None, 6.1, 5)], "latency_p99_seconds": [("set", -13, None, 5.4, 3)],
                            "error_ratio": [("set", -12, None, 0.13, 3)], "cpu_utilisation": [("set", -22, None, 0.88, 5)],
                            "saturation": [("set", -16, None, 1.0, 4)]},
        "orders-pg": {"cpu_utilisation": [("set", -20, None, 0.97, 6)], "saturation": [("set", -18, None, 0.99, 7)],
                      "latency_p99_seconds": [("set", -17, None, 1.9, 4)], "memory_utilisation": [("add", -20, None, 0.08, 8)]},
        "risk-check": {"request_rate": [("mul", -22, None, 5.4, 5)], "cpu_utilisation": [("mul", -22, None, 1.9, 5)],
                       "latency_p99_seconds": [("mul", -22, None, 1.6, 5)]},
        "order-router": {"request_rate": [("mul", -22, None, 3.2, 5), ("mul", -12, None, 0.8, 3)]},
        "web-bff": {"request_rate": [("mul", -22, None, 1.5, 5)], "error_ratio": [("set", -12, None, 0.03, 3)]},
        "positions-svc": {"request_rate": [("mul", -20, None, 2.8, 5)]},
        "positions-pg": {"cpu_utilisation": [("mul", -20, None, 1.4, 5)]},
        "quote-api": {"request_rate": [("mul", -22, None, 1.4, 5)]},
    },
    bg_logs=["order-entry-api", "orders-pg", "risk-check", "order-router", "web-bff", "positions-svc", "quote-api", "ingress-nginx"],
    bgmul={"order-entry-api": [(-22, None, 3.0)], "risk-check": [(-22, None, 3.0)], "web-bff": [(-22, None, 1.5)]},
    logs=_l06,
    deploys=[D("positions-svc", "deploy", "v4.9.1", "v4.9.0", -47, 5, "d.feldman", "POS-702: tax-lot export uses streaming cursor; logback 1.5.6")],
)


def _l07(g):
    ag = "aggregator-api"
    g.at(ag, "info", -24.5, "oauth token issued client_id=finlinkr-prod scope=\"accounts:read transactions:read positions:read\" grant_type=client_credentials")
    g.stream(ag, "info", -24, 0, 14, ["request completed method=GET url=/fdx/v6/accounts/<<acct>>/transactions?startTime=2019-01-01&limit=500 statusCode=<<choice:200|200|200|200|503>> responseTime=<<int:800-12000>> client_id=finlinkr-prod",
                                      "request completed method=GET url=/fdx/v6/accounts/<<acct>>/positions statusCode=200 responseTime=<<int:200-1500>> client_id=finlinkr-prod"])
    g.stream(ag, "error", -14, 0, 2.2, ["upstream GET http://activity-api.activity.svc.cluster.local:8000/v1/activity/<<acct>>/search responded 503 after <<int:9000-10100>>ms client_id=finlinkr-prod"])
    aa = "activity-api"
    g.stream(aa, "error", -15, 0, 2.4, [
        "search failed account=<<acct>>: ApiError(429, 'es_rejected_execution_exception', 'rejected execution of TimedRunnable{original=ActionRunnable#wrap[org.elasticsearch.search.SearchService$$Lambda/0x00007f<<hex:10>>@<<hex:8>>]} on TaskExecutionTimeTrackingEsThreadPoolExecutor[name = es-activity-data-<<int:0-2>>/search, queue capacity = 1000, task execution EWMA = <<int:400-900>>ms, total task execution time = <<int:1-9>>.<<int:1-9>>h]')",
        "search failed account=<<acct>>: ConnectionTimeout caused by - ReadTimeoutError(HTTPSConnectionPool(host='elasticsearch-activity-es-http.search.svc', port=9200): Read timed out. (read timeout=10))"],
        logger="activity.search")
    es = "elasticsearch-activity"
    g.stream(es, "warn", -18, 0, 1.5, ["[gc][<<int:300000-399999>>] overhead, spent [<<int:900-2900>>ms] collecting in the last [<<int:1-3>>.<<int:1-9>>s]",
                                       "[es-activity-data-<<int:0-2>>] took [<<int:10-40>>.<<int:1-9>>s], fetch_source[false], total_shards[<<int:24-48>>], search_type[QUERY_THEN_FETCH], source[{\"size\":500,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"account_id\":\"<<acct>>\"}},{\"range\":{\"@timestamp\":{\"gte\":\"2019-01-01\"}}}]}}}]"],
             logger="o.e.m.j.JvmGcMonitorService")
    sb = "statements-batch"
    g.at(sb, "info", -178, "statements run period=2024-11 started accounts=412883 workers=16")
    for i, t in enumerate((-150, -122, -95, -68)):
        g.at(sb, "info", t, "statements run period=2024-11 progress=%d%% rendered=%d failed=%d" % (20 * (i + 1), 82577 * (i + 1), 3 + i))
    g.at(sb, "info", -41, "statements run period=2024-11 completed rendered=412871 failed=12 elapsed=2h17m")
    g.stream("positions-pg", "info", -178, -41, 0.5, ["duration: <<int:1000-6400>>.<<int:100-999>> ms  execute <unnamed>: SELECT p.symbol, p.quantity, p.cost_basis FROM positions_history p WHERE p.account_id = $1 AND p.as_of BETWEEN $2 AND $3"])


scenario(
    name="account-activity-search-timeouts", estate=LB, now="2024-12-02T03:20:00Z", hours=3.0,
    cause="traffic_surge", culprit="aggregator-api", classes=["B", "B-ds-alert"],
    distractor="resolved positions-pg CPU alert from the nightly statements batch (noisy neighbour); alerts fire on the search cluster",
    description="Night on-call, 03:11 UTC: Elasticsearch search rejections paged. Activity/transactions screens time out for the "
                "few users online; a partner also emailed about 503s from our data-sharing API.",
    log_minutes=180, bg_total=900,
    alerts=[A("ElasticsearchSearchRejections", "elasticsearch-activity", "critical", -9, summary="Search thread pool rejecting requests",
              desc="elasticsearch-activity search rejections above 50/s on 3 data nodes.",
              expr='sum(rate(elasticsearch_thread_pool_rejected_count{type="search"}[5m])) > 50'),
            A("ElasticsearchCPUHigh", "elasticsearch-activity", "warning", -7, summary="Data node CPU > 90%", desc="CPU above 90% on es-activity-data-*.",
              expr='max(elasticsearch_process_cpu_percent{cluster="elasticsearch-activity"}) > 90'),
            A("ActivityApiLatencyHigh", "activity-api", "warning", -5, summary="activity-api p99 > 5s", desc="activity-api search p99 above 5s.",
              expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="activity-api",direction="inbound"}[5m]))) > 5000'),
            A("PostgresHighCPU", "positions-pg", "warning", -150, -62, summary="positions-pg primary CPU > 85%",
              desc="positions-pg CPU high for 15m.", expr='max(rate(process_cpu_seconds_total{cluster="positions-pg",role="primary"}[5m])) / 8 > 0.85')],
    signals={
        "aggregator-api": {"request_rate": [("mul", -24, None, 24, 3)], "latency_p99_seconds": [("set", -16, None, 11.5, 4)],
                           "error_ratio": [("set", -14, None, 0.21, 3)], "cpu_utilisation": [("set", -24, None, 0.71, 3)]},
        "activity-api": {"request_rate": [("mul", -24, None, 19, 3)], "latency_p99_seconds": [("set", -17, None, 9.8, 4)],
                         "error_ratio": [("set", -15, None, 0.24, 3)], "cpu_utilisation": [("set", -24, None, 0.66, 3)]},
        "elasticsearch-activity": {"cpu_utilisation": [("set", -22, None, 0.97, 4)], "latency_p99_seconds": [("set", -20, None, 6.2, 5)],
                                   "error_ratio": [("set", -17, None, 0.31, 3)], "memory_utilisation": [("set", -20, None, 0.9, 6)]},
        "portfolio-svc": {"request_rate": [("add", -24, None, 14, 3)]},
        "statements-batch": {"cpu_utilisation": [("set", -178, -41, 0.86, 3)], "memory_utilisation": [("set", -178, -41, 0.71, 3)]},
        "positions-pg": {"cpu_utilisation": [("set", -176, -41, 0.88, 4)], "saturation": [("add", -176, -41, 0.12, 4)]},
        "activity-indexer": {}, "auth-svc": {"request_rate": [("add", -25, -23, 3)]},
    },
    bg_logs=["aggregator-api", "activity-api", "elasticsearch-activity", "portfolio-svc", "activity-indexer", "auth-svc", "positions-pg"],
    bgmul={"aggregator-api": [(-24, None, 8.0)], "activity-api": [(-24, None, 8.0)]},
    logs=_l07,
)


def _l08(g):
    cap = "corp-actions-processor"
    g.at(cap, "info", -41.5, "Corporate actions file CA_20250303.psv received from vendor sftp (expected 09:00 ET, 5h20m late)")
    g.at(cap, "info", -41.2, "Parsed 212 actions (cash dividends=184, splits=3, mergers=2, other=23)")
    g.at(cap, "info", -40.6, "Processing action id=CA-991244 type=CASH_DIVIDEND symbol=SPY pay_date=2025-03-03 eligible_accounts=1842377")
    for i in range(1, 8):
        g.at(cap, "info", -40.5 + i * 2.4, "Published %d/1842377 DividendPosted events to topic account-events" % min(1842377, i * 250000))
    g.at(cap, "info", -22.9, "Published 1842377/1842377 DividendPosted events to topic account-events")
    g.at(cap, "info", -22.7, "Processing action id=CA-991245 type=CASH_DIVIDEND symbol=KO pay_date=2025-03-03 eligible_accounts=31208")
    g.at(cap, "info", -21.4, "Completed run CA_20250303: 212 actions, 1,911,042 events published in 19m06s")
    ns = "notification-svc"
    g.stream(ns, "info", -120, -40, 0.8, ["push sent type=<<choice:order_filled|order_filled|order_cancelled|deposit_completed|price_alert>> acct=<<acct>> channel=<<choice:apns|fcm>> latency_ms=<<int:40-400>>"])
    g.stream(ns, "info", -40, 0, 5, ["push sent type=<<choice:dividend_posted|dividend_posted|dividend_posted|dividend_posted|order_filled>> acct=<<acct>> channel=<<choice:apns|fcm>> latency_ms=<<int:40-400>> event_age_s=<<int:60-1900>>"])
    g.stream(ns, "warn", -30, 0, 1.0, ["consumer lag high topic=account-events partition=<<int:0-23>> lag=<<int:20000-80000>> group=notification-svc"])
    for i, p in enumerate(g.pods_of(ns)):
        g.at(ns, "info", -55 + i * 0.5, "notification-svc v6.3.0 listening on :8080 (node 20.15.1)", host=p)
    g.stream("kafka-main", "info", -40, -22, 1.2, ["[LocalLog partition=account-events-<<int:0-23>>, dir=/var/lib/kafka/data-0/kafka-log<<int:0-2>>] Rolled new log segment at offset <<int:10000000-99999999>> in <<int:1-9>> ms."],
             logger="kafka.log.LocalLog$")
    g.stream("activity-indexer", "warn", -36, -16, 0.6, ["consumer lag topic=account-events lag=<<int:100000-600000>> catching up batch=5000"])


scenario(
    name="trade-fill-notifications-arriving-late", estate=LB, now="2025-03-03T14:52:00Z", hours=2.0,
    cause="traffic_surge", culprit="corp-actions-processor", classes=["E-producer"],
    distractor="notification-svc deployed 55 min before; producer has no metrics at all; consumer pegged but healthy",
    description="14:43 UTC: customers report 'order filled' push notifications arriving 20-30 minutes after the fill since "
                "the open. Consumer-lag alert on notifications.",
    alerts=[A("KafkaConsumerGroupLagHigh", "notification-svc", "critical", -9, summary="notification-svc lag > 500k on account-events",
              desc="Consumer group notification-svc lag above 500k for 10m.", expr='sum(kafka_consumergroup_lag{consumergroup="notification-svc"}) > 500000',
              topic="account-events", consumergroup="notification-svc"),
            A("KafkaConsumerGroupLagHigh", "activity-indexer", "warning", -32, -16, summary="activity-indexer lag > 500k on account-events",
              desc="Consumer group activity-indexer lag above 500k.", expr='sum(kafka_consumergroup_lag{consumergroup="activity-indexer"}) > 500000',
              topic="account-events", consumergroup="activity-indexer")],
    signals={
        "notification-svc": {"request_rate": [("set", -40, None, 640, 1)], "cpu_utilisation": [("set", -40, None, 0.86, 1)],
                             "saturation": [("lin", -40, -22, 0.003, 0.74), ("lin", -22, 0, 0.74, 0.36)],
                             "latency_p99_seconds": [("mul", -40, None, 1.3, 1)]},
        "activity-indexer": {"request_rate": [("set", -40, -17, 2100, 1)], "saturation": [("lin", -40, -28, 0.01, 0.3), ("lin", -28, -17, 0.3, 0.01)],
                             "cpu_utilisation": [("set", -40, -17, 0.7, 1)]},
        "kafka-main": {"request_rate": [("add", -40, -22, 1850, 1)], "cpu_utilisation": [("add", -40, -22, 0.14, 1)]},
        "positions-svc": {}, "order-router": {}, "web-bff": {}, "positions-pg": {},
    },
    bg_logs=["notification-svc", "kafka-main", "positions-svc", "order-router", "web-bff", "activity-indexer"],
    logs=_l08,
    deploys=[D("notification-svc", "deploy", "v6.3.0", "v6.2.4", -57, 4, "t.okonkwo", "NOTIF-418: firebase-admin 12.0.0 -> 12.1.0; refresh APNs auth token every 50 min")],
)


def _l09(g):
    ps = "positions-svc"
    g.stream(ps, "info", -120, -27, 2.0, ["Applied fill fillId=<<uuid>> acct=<<acct>> symbol=<<sym>> qty=<<int:1-400>> lots_recomputed=1 took=<<int:2-9>>ms"],
             logger="{pkg}.fills.FillApplier")
    g.stream(ps, "info", -24, 0, 1.0, ["Applied fill fillId=<<uuid>> acct=<<acct>> symbol=<<sym>> qty=<<int:1-400>> lots_recomputed=<<int:3-420>> took=<<int:35-950>>ms"],
             logger="{pkg}.fills.FillApplier")
    pods = g.pods_of(ps)
    for i, p in enumerate(pods):
        g.at(ps, "info", -28.6 + i * 1.2, "Started PositionsApplication in %d.%02d seconds (process running for %d.%d)" % (14 + i, 82 - i, 16 + i, 2 + i),
             logger="{pkg}.PositionsApplication", host=p)
        g.at(ps, "info", -28.5 + i * 1.2, "cost-basis engine: FIFO_PER_LOT (wash-sale aware)", logger="{pkg}.costbasis.CostBasisConfig", host=p)
    g.stream(ps, "warn", -19, 0, 0.8, [
        "[Consumer clientId=positions-svc-<<int:0-11>>, groupId=positions-svc] consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.",
        "[Consumer clientId=positions-svc-<<int:0-11>>, groupId=positions-svc] Request joining group due to: consumer pro-actively leaving the group"],
        logger="o.a.k.c.c.internals.ConsumerCoordinator")
    g.stream("kafka-main", "info", -19, 0, 0.6, ["[GroupCoordinator 2]: Preparing to rebalance group positions-svc in state PreparingRebalance with old generation <<int:4400-4490>> (__consumer_offsets-17) (reason: Removing member positions-svc-<<int:0-11>>-<<uuid>> on LeaveGroup; client reason: consumer poll timeout has expired.)"],
             logger="kafka.coordinator.group.GroupCoordinator")
    g.stream("positions-pg", "info", -24, 0, 1.1, ["duration: <<int:1000-2600>>.<<int:100-999>> ms  execute S_<<int:1-30>>: SELECT l.* FROM tax_lots l WHERE l.account_id = $1 AND l.symbol = $2 ORDER BY l.acquired_at, l.id FOR UPDATE"])
    g.stream("portfolio-svc", "warn", -10, 0, 0.8, ["Positions snapshot for <<acct>> is <<int:300-1500>>s older than latest fill; serving anyway"], logger="{pkg}.positions.PositionsReader")


scenario(
    name="positions-not-updating-after-fills", estate=LB, now="2024-09-24T17:45:00Z", hours=2.0,
    cause="deploy", culprit="positions-svc", classes=["E-consumer"],
    distractor="order-router config change an hour before; fills volume normal; kafka rebalances look like a broker problem",
    description="17:35 UTC: customers say bought shares don't show in their portfolio for many minutes after the fill. "
                "Lag alert on the fills consumer.",
    alerts=[A("KafkaConsumerGroupLagHigh", "positions-svc", "critical", -10, summary="positions-svc lag on trade-fills > 50k",
              desc="Consumer group positions-svc is falling behind on trade-fills.", expr='sum(kafka_consumergroup_lag{consumergroup="positions-svc"}) > 50000',
              topic="trade-fills", consumergroup="positions-svc"),
            A("PortfolioPositionsStale", "portfolio-svc", "warning", -6, summary="Positions older than 5 minutes for >1% of active accounts",
              desc="portfolio-svc serving stale positions.", expr='portfolio_positions_staleness_seconds{quantile="0.99"} > 300')],
    signals={
        "positions-svc": {"request_rate": [("set", -24, None, 62, 2)], "latency_p99_seconds": [("set", -24, None, 0.9, 2)],
                          "saturation": [("curve", -24, 0, 0.01, 0.93, 1.1)], "cpu_utilisation": [("set", -24, None, 0.69, 2)],
                          "memory_utilisation": [("set", -29, -23, 0.38, 1)]},
        "positions-pg": {"cpu_utilisation": [("set", -24, None, 0.64, 2)], "latency_p99_seconds": [("set", -24, None, 1.4, 2)]},
        "order-router": {}, "order-entry-api": {}, "portfolio-svc": {}, "kafka-main": {}, "web-bff": {},
    },
    bg_logs=["positions-svc", "positions-pg", "order-router", "order-entry-api", "portfolio-svc", "kafka-main"],
    logs=_l09,
    deploys=[D("positions-svc", "deploy", "v4.12.0", "v4.11.3", -29, 5, "d.feldman",
               "POS-733: FIFO per-lot cost-basis engine (replaces average-cost shortcut, wash-sale compliance). Argo canary 25% -> 100%."),
             D("order-router", "config", "rev-88", "rev-87", -62, 1, "r.haddad", "ORT-451: FIX heartbeat interval 30s -> 20s on ARCA session")],
)


def _heap(rng, tm):
    # heap occupancy after young GC grows roughly linearly over the window
    used = 1500 + (tm + 240) * 6.2 + rng.uniform(-40, 40)
    used = min(used, 3050)
    after = used - rng.uniform(150, 420) * max(0.05, (3050 - used) / 1500)
    pause = 18 + max(0, used - 2400) * 0.6 + rng.uniform(0, 25)
    return "[gc] GC(<<int:10000-99999>>) Pause Young (Normal) (G1 Evacuation Pause) %dM->%dM(3072M) %.3fms" % (used, after, pause)


def _cache(rng, tm):
    n = int(61000 + (tm + 240) * 1900 + rng.uniform(-500, 500))
    return "quote subscription cache size=%d entries, evictions=0 (soft limit 50000)" % n


def _l10(g):
    pf = "portfolio-svc"
    g.stream(pf, "info", -150, 0, 2.0, [_heap], logger="gc")
    g.stream(pf, "warn", -150, 0, 0.2, [_cache], logger="{pkg}.valuation.QuoteSubscriptionCache")
    g.stream(pf, "warn", -45, 0, (0.3, 2.0), ["[gc] GC(<<int:10000-99999>>) Pause Full (G1 Compaction Pause) 30<<int:10-60>>M->29<<int:10-90>>M(3072M) <<int:900-2600>>.<<int:100-999>>ms"], logger="gc")
    victim = g.pods_of(pf)[1]
    g.at(pf, "error", -6.4, "java.lang.OutOfMemoryError: Java heap space", logger="{pkg}.web.GlobalExceptionHandler", host=victim)
    g.at(pf, "error", -6.3, "Terminating due to java.lang.OutOfMemoryError: Java heap space", logger="jvm", host=victim)
    g.at(pf, "info", -5.1, "Started PortfolioApplication in 22.418 seconds (process running for 24.1)", logger="{pkg}.PortfolioApplication", host=victim)
    g.stream("web-bff", "warn", -30, 0, (0.3, 2.5), ["slow upstream GET http://portfolio-svc.portfolio.svc.cluster.local:8080/v1/portfolio/<<acct>> took <<int:1500-6000>>ms"])
    g.stream("web-bff", "error", -7, 0, 0.8, ["upstream request failed GET http://portfolio-svc.portfolio.svc.cluster.local:8080/v1/portfolio/<<acct>>/holdings error=\"socket hang up\""])
    for i, p in enumerate(g.pods_of("auth-svc")):
        g.at("auth-svc", "info", -18.7 + i * 0.8, "starting auth-svc version=1.19.3 commit=4be81c0 go=go1.22.7", host=p)
        g.at("auth-svc", "info", -18.6 + i * 0.8, "jwks loaded kids=[ll-2025-04 ll-2025-01] active=ll-2025-04", host=p)


scenario(
    name="portfolio-page-latency-creeping-up", estate=LB, now="2025-04-10T19:10:00Z", hours=4.0,
    cause="resource_saturation", culprit="portfolio-svc", classes=["F"],
    distractor="auth-svc deploy (JWT key rotation) 19 min before; web-bff deploy 72 min before; scrape hole in memory",
    description="19:02 UTC: portfolio page getting slower through the afternoon, now often 3-5 s and some users see "
                "'could not load holdings'. Latency alerts on portfolio and the BFF.",
    log_minutes=150, bg_total=1000,
    alerts=[A("PortfolioLatencyHigh", "portfolio-svc", "critical", -8, summary="portfolio-svc p99 > 2s", desc="portfolio-svc p99 above 2s for 10m.",
              expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="portfolio-svc",direction="inbound"}[5m]))) > 2000'),
            A("WebBffLatencyHigh", "web-bff", "warning", -5, summary="web-bff p99 > 1.5s", desc="web-bff p99 latency above 1.5s.",
              expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="web-bff",direction="inbound"}[5m]))) > 1500')],
    signals={
        "portfolio-svc": {"memory_utilisation": [("lin", -232, -12, 0.52, 0.95), ("set", -6, None, 0.86, 0.5), ("gap", -95, -84)],
                          "cpu_utilisation": [("lin", -70, 0, 0.42, 0.88)], "latency_p99_seconds": [("curve", -80, 0, 0.25, 3.1, 2.2)],
                          "error_ratio": [("set", -8, None, 0.034, 1)]},
        "web-bff": {"latency_p99_seconds": [("curve", -60, 0, 0.4, 2.3, 2.0)], "error_ratio": [("set", -7, None, 0.012, 1)]},
        "auth-svc": {"memory_utilisation": [("set", -19, -18, 0.2, 0.3)]},
        "positions-pg": {}, "quote-api": {}, "redis-quotes": {}, "order-entry-api": {},
    },
    bg_logs=["portfolio-svc", "web-bff", "auth-svc", "positions-pg", "quote-api", "order-entry-api"],
    logs=_l10,
    deploys=[D("auth-svc", "deploy", "v1.19.3", "v1.19.2", -19, 4, "k.osei", "ID-611: rotate JWT signing key (kid ll-2025-04), keep previous kid in JWKS for 24h"),
             D("web-bff", "deploy", "v8.52.1", "v8.52.0", -72, 5, "p.iyer", "WEB-3401: holdings list virtualised scrolling; no API changes")],
)


def _l11(g):
    orr = "order-router"
    venues = ["NYSE", "ARCA", "NSDQ", "BATS", "IEX"]
    g.stream(orr, "info", -150, -9, 3.0, ["FIX.4.4:LDGR-><<choice:%s>>: ExecutionReport ClOrdID=<<oid>> ExecType=<<choice:0|F|F|F|4>> OrdStatus=<<choice:0|1|2|2|4>> LastQty=<<int:1-300>> LastPx=<<int:5-900>>.<<int:01-99>>" % "|".join(venues)],
             logger="{pkg}.fix.ExecutionHandler")
    g.stream(orr, "info", -150, -9, 0.3, ["FIX.4.4:LDGR-><<choice:%s>>: Heartbeat sent (35=0) MsgSeqNum=<<int:100000-900000>>" % "|".join(venues)], logger="quickfix.Session")
    pods = g.pods_of(orr)
    for i, p in enumerate(pods):
        t = -21 + i * 1.3
        g.at(orr, "info", t, "Started OrderRouterApplication in 19.%03d seconds (process running for 21.4)" % (300 + i * 41), logger="{pkg}.OrderRouterApplication", host=p)
        g.at(orr, "info", t + 0.1, "quickfix.FileStore: loaded %d messages from /var/lib/order-router/fixstore (sender seq %d, target seq %d)" % (1284112 + i * 9311, 220331 + i * 17, 219870 + i * 11), logger="quickfix.FileStore", host=p)
        for v in venues:
            g.at(orr, "info", t + 0.2, "FIX.4.4:LDGR->%s: Initiated logon request" % v, logger="quickfix.Session", host=p)
            g.at(orr, "info", t + 0.25, "FIX.4.4:LDGR->%s: Logon contains ResetSeqNumFlag=N, resending from store" % v, logger="quickfix.Session", host=p)
    g.stream(orr, "error", -9, 0, 3.5, ["FIX.4.4:LDGR-><<choice:%s>>: Error storing outgoing message MsgSeqNum=<<int:200000-260000>>: java.io.IOException: No space left on device\n\tat java.base/java.io.RandomAccessFile.writeBytes(Native Method)\n\tat quickfix.FileStore.set(FileStore.java:302)" % "|".join(venues)],
             logger="quickfix.Session")
    g.stream(orr, "error", -8, 0, 0.8, ["FIX.4.4:LDGR-><<choice:%s>>: Disconnecting: Error storing sequence numbers: java.io.IOException: No space left on device" % "|".join(venues)], logger="quickfix.Session")
    g.stream(orr, "warn", -8, 0, 2.0, ["Order <<oid>> pending venue ack for <<int:5-120>>s (session state=<<choice:LOGGED_OUT|LOGON_SENT|LOGGED_OUT>>)"], logger="{pkg}.routing.AckMonitor")
    g.stream("order-entry-api", "warn", -6, 0, 1.2, ["Order <<oid>> still PENDING_NEW after <<int:30-300>>s acct=<<acct>>"], logger="{pkg}.orders.OrderStatusPoller")


scenario(
    name="orders-stuck-pending-at-exchanges", estate=LB, now="2024-11-19T16:30:00Z", hours=3.0,
    cause="resource_saturation", culprit="order-router", classes=["F"],
    distractor="order-router itself deployed 21 min before (quickfixj patch bump); no disk alert exists",
    description="16:22 UTC: orders sit in 'pending' and never reach the exchanges; cancels also hang. Order routing "
                "ack-latency alert firing. Trading desk on the bridge.",
    log_minutes=150,
    alerts=[A("FixSessionDisconnected", "order-router", "warning", -7, summary="FIX sessions logged out", desc="4 of 5 venue sessions not in LOGGED_ON state.",
              expr='count(fix_session_logged_on == 0) > 1', session="multiple"),
            A("OrderRouterAckLatencyHigh", "order-router", "critical", -6, summary="Venue ack p99 > 2s", desc="Orders are not acknowledged by venues.",
              expr='histogram_quantile(0.99, sum by (le) (rate(fix_order_ack_latency_seconds_bucket{service="order-router"}[5m]))) > 2'),
            A("OrdersStuckPendingNew", "order-entry-api", "warning", -4, summary="> 200 orders PENDING_NEW for over 60s", desc="Orders waiting for venue acks.",
              expr='sum(orders_pending_new_over_60s) > 200')],
    signals={
        "order-router": {"saturation": [("lin", -180, -120, 0.781, 0.806), ("lin", -120, -9, 0.806, 1.0)],
                         "error_ratio": [("set", -9, None, 0.36, 1)], "latency_p99_seconds": [("set", -9, None, 4.2, 1)],
                         "request_rate": [("mul", -9, None, 0.35, 1)], "memory_utilisation": [("set", -21, -17, 0.3, 1)]},
        "order-entry-api": {"latency_p99_seconds": [("mul", -8, None, 1.4, 2)], "error_ratio": [("set", -7, None, 0.012, 2)]},
        "risk-check": {}, "orders-pg": {}, "kafka-main": {}, "positions-svc": {"request_rate": [("mul", -9, None, 0.35, 1)]},
        "web-bff": {},
    },
    bg_logs=["order-router", "order-entry-api", "risk-check", "orders-pg", "positions-svc", "web-bff"],
    logs=_l11,
    deploys=[D("order-router", "deploy", "v7.3.2", "v7.3.1", -22, 5, "r.haddad", "ORT-455: quickfixj 2.3.1 -> 2.3.2 (patch release); log pattern includes session id")],
)


def _l12(g):
    rc = "risk-check"
    g.at(rc, "info", -19.2, "Flag update received: margin_model_v2 rollout 10% -> 100% (flagd, env=prod, version 31)", logger="dev.openfeature.contrib.providers.flagd.FlagdProvider")
    g.stream(rc, "info", -120, -19, 2.0, ["pretrade check acct=<<acct>> symbol=<<sym>> model=<<choice:v1|v1|v1|v1|v1|v1|v1|v1|v1|v2>> result=PASS took=<<int:4-25>>ms"], logger="{pkg}.pretrade.PretradeService")
    g.stream(rc, "info", -19, 0, 2.0, ["pretrade check acct=<<acct>> symbol=<<sym>> model=v2 result=<<choice:PASS|PASS|PASS|REJECT_BUYING_POWER>> took=<<int:700-3200>>ms house_req_lookups=<<int:40-260>>"], logger="{pkg}.pretrade.PretradeService")
    g.stream("order-entry-api", "error", -17, 0, 3.0, ["Risk check timed out after 1500ms acct=<<acct>> symbol=<<sym>>: I/O error on POST request for \"http://risk-check.trading.svc.cluster.local:8080/v1/pretrade\": Read timed out"],
             logger="{pkg}.risk.RiskCheckClient")
    g.stream("order-entry-api", "warn", -17, 0, 2.0, ["Rejecting order with 503 RISK_UNAVAILABLE acct=<<acct>> symbol=<<sym>>"], logger="{pkg}.orders.OrderService")
    g.stream("positions-pg", "info", -19, 0, 1.2, ["duration: <<int:1000-2400>>.<<int:100-999>> ms  execute S_<<int:1-30>>: SELECT hr.requirement_pct, p.quantity, p.symbol FROM house_requirements hr JOIN positions p ON p.symbol = hr.symbol WHERE p.account_id = $1"])
    g.stream("web-bff", "error", -16, 0, 1.0, ["upstream request failed POST http://order-entry-api.trading.svc.cluster.local:8080/v1/orders status=503 code=RISK_UNAVAILABLE"])
    for i, p in enumerate(g.pods_of("order-entry-api")):
        g.at("order-entry-api", "info", -43 + i * 0.7, "Started OrderEntryApplication in 18.%03d seconds (process running for 20.2)" % (110 + i * 63), logger="{pkg}.OrderEntryApplication", host=p)


scenario(
    name="valid-orders-rejected-risk-unavailable", estate=LB, now="2025-02-11T15:50:00Z", hours=2.0,
    cause="config_change", culprit="risk-check", classes=["G"],
    distractor="order-entry-api deploy 44 min before; resolved market-data lag alert; alerts only on the callers",
    description="15:42 UTC: customers get 'order could not be placed, try again' on ordinary buy orders; order-entry "
                "5xx alert and BFF errors. Started around 15:31.",
    alerts=[A("MarketDataIngestLag", "marketdata-ingest", "warning", -70, -58, summary="Vendor feed lag > 2s", desc="Vendor message lag above 2s.",
              expr='max(mdi_vendor_lag_seconds) > 2'),
            A("OrderEntryHighErrorRate", "order-entry-api", "critical", -8, summary="order-entry-api failure ratio > 3%", desc="Order submissions failing.",
              expr='sum(rate(response_total{deployment="order-entry-api",classification="failure"}[5m])) / sum(rate(response_total{deployment="order-entry-api"}[5m])) > 0.03'),
            A("WebBffHighErrorRate", "web-bff", "warning", -6, summary="web-bff 5xx > 2%", desc="Public API returning 5xx.",
              expr='sum(rate(response_total{deployment="web-bff",classification="failure"}[5m])) / sum(rate(response_total{deployment="web-bff"}[5m])) > 0.02')],
    signals={
        "risk-check": {"latency_p99_seconds": [("set", -19, None, 2.6, 3)], "cpu_utilisation": [("set", -19, None, 0.79, 3)],
                       "error_ratio": [("set", -19, None, 0.018, 3)]},
        "order-entry-api": {"error_ratio": [("set", -18, None, 0.19, 3)], "latency_p99_seconds": [("set", -18, None, 1.62, 3)]},
        "web-bff": {"error_ratio": [("set", -17, None, 0.048, 3)]},
        "positions-pg": {"cpu_utilisation": [("set", -19, None, 0.71, 3)], "latency_p99_seconds": [("set", -19, None, 1.1, 3)]},
        "marketdata-ingest": {"cpu_utilisation": [("add", -72, -58, 0.2)]}, "order-router": {"request_rate": [("mul", -18, None, 0.78, 3)]},
        "quote-api": {}, "redis-quotes": {},
    },
    bg_logs=["risk-check", "order-entry-api", "positions-pg", "web-bff", "order-router", "quote-api"],
    logs=_l12,
    deploys=[D("risk-check", "flag", "margin_model_v2=100%", "margin_model_v2=10%", -19, 0.5, "j.becker",
               "RISK-1180: ramp margin_model_v2 (house requirement per position) from 10% to 100% of accounts after 5 days at 10%"),
             D("order-entry-api", "deploy", "v5.17.2", "v5.17.1", -44, 4, "r.haddad", "ORD-2270: client_order_tag passthrough to order-router")],
)


def _l13(g):
    au = "auth-svc"
    dns_ip = "10.12.4.7"
    g.stream(au, "info", -90, -6, 2.0, ["login ok user_id=<<int:100000-999999>> mfa=<<choice:totp|webauthn|sms|none>> dur=<<int:20-90>>ms"])
    for i, p in enumerate(g.pods_of(au)):
        g.at(au, "info", -11.4 + i * 0.6, "starting auth-svc version=1.18.0 commit=9f3e1c2 go=go1.22.7", host=p)
        g.at(au, "info", -11.3 + i * 0.6, "webauthn: attestation logging enabled", host=p)
        g.at(au, "info", -11.2 + i * 0.6, "session store connected addr=redis-sessions.identity.svc.cluster.local:6379 pool_size=64", host=p)
    g.stream(au, "error", -6, 0, 6.0, ["session create failed user_id=<<int:100000-999999>> err=\"dial tcp %s:6379: connect: connection refused\"" % dns_ip,
                                      "session lookup failed err=\"redis: connection pool timeout\"",
                                      "login failed user_id=<<int:100000-999999>> err=\"session create: dial tcp %s:6379: i/o timeout\"" % dns_ip])
    rs = "redis-sessions"
    g.at(rs, "info", -7.2, "1:M <<ts:redis>> * 100 changes in 300 seconds. Saving...", host="redis-sessions-0")
    g.at(rs, "info", -7.1, "1:M <<ts:redis>> * Background saving started by pid 88213", host="redis-sessions-0")
    for h in ("redis-sessions-sentinel-0", "redis-sessions-sentinel-1", "redis-sessions-sentinel-2"):
        g.at("redis-sentinel", "warn", -5.6, "1:X <<ts:redis>> # +sdown master sessions %s 6379" % dns_ip, host=h)
    g.at("redis-sentinel", "warn", -5.5, "1:X <<ts:redis>> # +odown master sessions %s 6379 #quorum 3/2" % dns_ip, host="redis-sessions-sentinel-1")
    g.at("redis-sentinel", "warn", -5.5, "1:X <<ts:redis>> # +try-failover master sessions %s 6379" % dns_ip, host="redis-sessions-sentinel-1")
    g.at("redis-sentinel", "warn", -5.4, "1:X <<ts:redis>> # -failover-abort-no-good-slave master sessions %s 6379" % dns_ip, host="redis-sessions-sentinel-1")
    for t in (-3.9, -2.2, -0.6):
        g.at("redis-sentinel", "warn", t, "1:X <<ts:redis>> # -failover-abort-no-good-slave master sessions %s 6379" % dns_ip, host="redis-sessions-sentinel-%d" % int(-t % 3))
    g.stream("web-bff", "error", -6, 0, 3.0, ["upstream request failed POST http://auth-svc.identity.svc.cluster.local:8080/v1/login status=500",
                                              "upstream request failed POST http://auth-svc.identity.svc.cluster.local:8080/v1/token/refresh status=500"])
    g.stream("aggregator-api", "error", -5, 0, 0.6, ["token introspection failed status=500 from auth-svc client_id=<<choice:finlinkr-prod|budgetly-prod>>"])


scenario(
    name="login-failures-and-session-drops", estate=LB, now="2024-10-22T12:40:00Z", hours=1.5,
    cause="dependency_outage", culprit="redis-sessions", classes=["D"],
    distractor="auth-svc deployed 12 min before; callers alert first",
    description="12:36 UTC pre-market: users can't log in and logged-in users are bounced to the login screen. Auth error "
                "alert and BFF errors firing.",
    log_minutes=90, bg_total=900,
    alerts=[A("AuthLoginErrorRate", "auth-svc", "critical", -4, summary="Login failure ratio > 5%", desc="auth-svc failing logins and token refreshes.",
              expr='sum(rate(response_total{deployment="auth-svc",classification="failure"}[5m])) / sum(rate(response_total{deployment="auth-svc"}[5m])) > 0.05'),
            A("WebBffHighErrorRate", "web-bff", "critical", -3, summary="web-bff 5xx > 5%", desc="Public API returning 5xx.",
              expr='sum(rate(response_total{deployment="web-bff",classification="failure"}[5m])) / sum(rate(response_total{deployment="web-bff"}[5m])) > 0.05'),
            A("TargetDown", "redis-sessions", "warning", -2, summary="redis-exporter target down", desc="1 of 3 redis-sessions exporter targets down.",
              expr='up{job="redis-exporter",service="redis-sessions"} == 0', job="redis-exporter")],
    signals={
        "auth-svc": {"error_ratio": [("set", -6, None, 0.62, 1)], "latency_p99_seconds": [("set", -6, None, 3.1, 1)],
                     "request_rate": [("mul", -6, None, 1.45, 1)], "memory_utilisation": [("set", -12, -10, 0.22, 1)]},
        "redis-sessions": {"_all": [("cut", -6.2)]},
        "web-bff": {"error_ratio": [("set", -6, None, 0.31, 1)]},
        "aggregator-api": {"error_ratio": [("set", -5, None, 0.09, 1)]},
        "accounts-pg": {}, "account-svc": {}, "portfolio-svc": {"request_rate": [("mul", -5, None, 0.6, 2)]},
    },
    bg_logs=["auth-svc", "redis-sessions", "web-bff", "accounts-pg", "account-svc", "portfolio-svc"],
    bgmul={"redis-sessions": [(-6.3, None, 0.0)]},
    logs=_l13,
    deploys=[D("auth-svc", "deploy", "v1.18.0", "v1.17.5", -12, 3, "k.osei", "ID-598: WebAuthn attestation logging; go-redis v9.5.1 -> v9.5.3")],
)


def _l14(g):
    g.stream("marketdata-ingest", "info", -120, 0, 1.0, ["published batch topic=md.equities.raw msgs=<<int:40000-61000>> window=10s"])
    for t in (-105, -75, -45, -15):
        g.at("marketdata-ingest", "warn", t, "vendor stream closed by server feed=equities-sip host=stream.vantagefeed.net code=1001 reason=\"scheduled session rotation\"")
        g.at("marketdata-ingest", "info", t + 0.03, "reconnected feed=equities-sip url=wss://stream.vantagefeed.net/v2/equities attempt=1 gap_ms=<<int:180-900>>")
    g.stream("quote-api", "error", -13, 0, 4.0, ["quote lookup failed symbol=<<sym>> err=\"CLUSTERDOWN Hash slot not served\"",
                                                 "quote lookup failed symbol=<<sym>> err=\"dial tcp 10.8.61.14:6379: i/o timeout\""])
    g.stream("marketdata-fanout", "error", -13, 0, 3.0, ["write quote batch failed slot_range=10923-16383 err=\"CLUSTERDOWN Hash slot not served\" dropped=<<int:300-900>>"])
    g.stream("portfolio-svc", "warn", -12, 0, 1.5, ["Valuation fallback to previous close for <<int:1-9>> symbols acct=<<acct>>: quote-api 503"], logger="{pkg}.valuation.QuoteClient")
    g.stream("risk-check", "warn", -12, 0, 0.8, ["price unavailable symbol=<<sym>> (redis CLUSTERDOWN), using last trade from positions-pg"], logger="{pkg}.pricing.PriceSource")
    for node, nid in (("redis-quotes-0", "7d2f0a"), ("redis-quotes-1", "a91c44"), ("redis-quotes-3", "c00e18")):
        g.at("redis-quotes", "info", -12.8, "1:M <<ts:redis>> * Marking node e1c9b3f27a (10.8.61.14:6379) as failing (quorum reached).", host=node)
        g.at("redis-quotes", "info", -12.7, "1:M <<ts:redis>> * FAIL message received from %s... about e1c9b3f27a..." % nid, host=node)
    g.at("redis-quotes", "warn", -12.4, "1:S <<ts:redis>> # Error condition on socket for SYNC: Connection refused", host="redis-quotes-5")
    for t in (-11.5, -9.0, -6.5, -4.0, -1.5):
        g.at("redis-quotes", "warn", t, "1:S <<ts:redis>> # Currently unable to failover: Waiting for votes, but majority still not reached.", host="redis-quotes-5")
        g.at("redis-quotes", "warn", t + 0.2, "1:S <<ts:redis>> # Connecting to MASTER 10.8.61.14:6379 failed: Connection refused", host="redis-quotes-5")


scenario(
    name="charts-and-quotes-missing-for-some-symbols", estate=LB, now="2025-03-18T15:05:00Z", hours=2.0,
    cause="dependency_outage", culprit="redis-quotes", classes=[],
    distractor="hourly vendor stream rotation warning 2 min before; three victims alert; no deploys",
    description="14:56 UTC: quotes and intraday charts blank for roughly a third of symbols; portfolio values show "
                "'as of previous close'. Quote API and fan-out alerts.",
    alerts=[A("QuoteApiHighErrorRate", "quote-api", "critical", -9, summary="quote-api failure ratio > 5%", desc="quote-api inbound failures.",
              expr='sum(rate(response_total{deployment="quote-api",classification="failure"}[5m])) / sum(rate(response_total{deployment="quote-api"}[5m])) > 0.05'),
            A("MarketDataFanoutWriteErrors", "marketdata-fanout", "critical", -8, summary="Quote writes failing", desc="marketdata-fanout write error ratio > 5%.",
              expr='sum(rate(mdf_quote_write_errors_total[1m])) / sum(rate(mdf_quotes_published_total[1m])) > 0.05'),
            A("PortfolioValuationDegraded", "portfolio-svc", "warning", -6, summary="> 10% of valuations use fallback prices", desc="Quote lookups failing.",
              expr='sum(rate(portfolio_valuation_fallback_total[5m])) / sum(rate(portfolio_valuation_total[5m])) > 0.1')],
    signals={
        "quote-api": {"error_ratio": [("set", -13, None, 0.34, 1)], "latency_p99_seconds": [("set", -13, None, 1.05, 1)]},
        "marketdata-fanout": {"error_ratio": [("set", -13, None, 0.33, 1)]},
        "redis-quotes": {"cpu_utilisation": [("mul", -13, None, 0.7, 1)], "memory_utilisation": [("gap", -13, -9)],
                         "saturation": [("mul", -13, None, 0.68, 1)]},
        "portfolio-svc": {"error_ratio": [("set", -12, None, 0.016, 2)], "latency_p99_seconds": [("mul", -12, None, 1.4, 2)]},
        "risk-check": {"latency_p99_seconds": [("mul", -12, None, 2.1, 2)]},
        "marketdata-ingest": {}, "web-bff": {"error_ratio": [("set", -12, None, 0.014, 2)]}, "order-entry-api": {},
    },
    bg_logs=["quote-api", "marketdata-fanout", "redis-quotes", "portfolio-svc", "risk-check", "web-bff", "marketdata-ingest"],
    logs=_l14, bg_deploys=3,
)


def _l15(g):
    orr = "order-router"
    pods = g.pods_of(orr)
    for i, p in enumerate(pods):
        t = -20.5 + i * 1.4
        g.at(orr, "info", t, "Started OrderRouterApplication in 18.%03d seconds (process running for 20.9)" % (500 + i * 37), logger="{pkg}.OrderRouterApplication", host=p)
        g.at(orr, "info", t + 0.05, "Loading data dictionary FIX44-ldgr.xml for sessions [NYSE, ARCA, NSDQ, BATS, IEX] (OrderMapper v2)", logger="{pkg}.fix.SessionFactory", host=p)
    g.stream(orr, "info", -120, -20, 3.0, ["FIX.4.4:LDGR-><<choice:NYSE|ARCA|NSDQ|BATS|IEX>>: ExecutionReport ClOrdID=<<oid>> ExecType=<<choice:0|F|F|4>> OrdStatus=<<choice:0|2|2|4>>"],
             logger="{pkg}.fix.ExecutionHandler")
    g.stream(orr, "info", -19, 0, 1.8, ["FIX.4.4:LDGR-><<choice:NYSE|ARCA|NSDQ|BATS|IEX>>: ExecutionReport ClOrdID=<<oid>> ExecType=<<choice:0|F|F|4>> OrdStatus=<<choice:0|2|2|4>>"],
             logger="{pkg}.fix.ExecutionHandler")
    g.stream(orr, "warn", -19, 0, 3.5, [
        "FIX.4.4:LDGR-><<choice:NYSE|ARCA|NSDQ>>: Received Reject (35=3) RefSeqNum=<<int:100000-300000>> RefTagID=126 RefMsgType=D SessionRejectReason=1 Text=\"Required tag missing\"",
        "Order <<oid>> rejected by venue <<choice:NYSE|ARCA|NSDQ>>: session reject 126 (ExpireTime) for TimeInForce=6 (GTD), client tif=DAY"],
        logger="quickfix.Session")
    g.stream("order-entry-api", "info", -18, 0, 1.5, ["Order <<oid>> rejected by venue acct=<<acct>> symbol=<<sym>> reason=VENUE_REJECT"], logger="{pkg}.orders.OrderStatusListener")


scenario(
    name="orders-rejected-by-exchange", estate=LB, now="2024-12-10T15:35:00Z", hours=2.0,
    cause="deploy", culprit="order-router", classes=[],
    distractor="first and loudest alert is on the exchange sessions; order-entry looks healthy (rejects are not 5xx)",
    description="15:24 UTC: trade desk reports a wave of day limit orders rejected by NYSE/ARCA/Nasdaq; market orders look fine. "
                "Venue reject alerts firing.",
    alerts=[A("FixSessionRejectsHigh", "exchange-venues", "critical", -9, summary="Session-level rejects from venues > 50/min",
              desc="NYSE, ARCA and NSDQ sessions are rejecting new orders.", expr='sum(rate(fix_session_rejects_total[1m])) * 60 > 50', session="FIX.4.4:LDGR->*"),
            A("OrderRejectRateHigh", "order-router", "critical", -7, summary="Order reject ratio > 10%", desc="order-router reject ratio above 10%.",
              expr='sum(rate(fix_orders_rejected_total{service="order-router"}[5m])) / sum(rate(fix_orders_sent_total{service="order-router"}[5m])) > 0.1')],
    signals={
        "order-router": {"error_ratio": [("set", -19, None, 0.41, 2)], "memory_utilisation": [("set", -22, -18, 0.3, 1)]},
        "order-entry-api": {"error_ratio": [("add", -19, None, 0.002, 2)]},
        "positions-svc": {"request_rate": [("mul", -19, None, 0.6, 2)]},
        "risk-check": {}, "orders-pg": {}, "web-bff": {}, "kafka-main": {},
    },
    bg_logs=["order-router", "order-entry-api", "positions-svc", "risk-check", "orders-pg", "web-bff"],
    logs=_l15,
    deploys=[D("order-router", "deploy", "v7.4.0", "v7.3.6", -22, 4, "r.haddad",
               "ORT-470: new OrderMapper (FIX 4.4 dictionary consolidation for NYSE Pillar / ARCA / NSDQ); TimeInForce mapping moved into shared enum")],
)


def _l16(g):
    mig = "account-svc-migrate-v3-8-0-x7k2p"
    g.at("account-svc", "info", -15.6, "Flyway Community Edition 9.22.3 by Redgate", logger="org.flywaydb.core.internal.license.VersionPrinter", host=mig)
    g.at("account-svc", "info", -15.55, "Database: jdbc:postgresql://accounts-pg-rw.db.svc.cluster.local:5432/accounts (PostgreSQL 15.6)", logger="org.flywaydb.core.FlywayExecutor", host=mig)
    g.at("account-svc", "info", -15.5, "Successfully validated 212 migrations (execution time 00:00.184s)", logger="org.flywaydb.core.internal.command.DbValidate", host=mig)
    g.at("account-svc", "info", -15.45, "Current version of schema \"public\": 211", logger="org.flywaydb.core.internal.command.DbMigrate", host=mig)
    g.at("account-svc", "info", -15.4, "Migrating schema \"public\" to version \"212 - accounts tax residency\"", logger="org.flywaydb.core.internal.command.DbMigrate", host=mig)
    g.stream("accounts-pg", "info", -15, 0, 3.0, [
        "process <<int:40000-60000>> still waiting for AccessShareLock on relation 16420 of database 16401 after 1000.<<int:100-999>> ms",
        "process <<int:40000-60000>> still waiting for RowExclusiveLock on relation 16420 of database 16401 after 1000.<<int:100-999>> ms"])
    g.stream("accounts-pg", "info", -15, 0, 1.0, ["DETAIL:  Process holding the lock: 48113. Wait queue: <<int:40000-60000>>, <<int:40000-60000>>, <<int:40000-60000>>."])
    g.stream("accounts-pg", "error", -13, 0, 1.5, ["canceling statement due to statement timeout", "STATEMENT:  SELECT a.id, a.status, a.tier FROM accounts a WHERE a.user_id = $1"])
    g.stream("auth-svc", "error", -14, 0, 2.2, ["login failed user_id=<<int:100000-999999>> err=\"accounts lookup: context deadline exceeded (timeout 3s)\""])
    g.stream("funding-svc", "error", -13, 0, 1.0, ["Transfer validation failed transferId=<<uuid>>: org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout"],
             logger="{pkg}.transfers.TransferService")
    g.stream("account-svc", "error", -14, 0, 1.5, ["Request failed PATCH /v1/accounts/<<acct>>/profile: org.springframework.dao.QueryTimeoutException: PreparedStatementCallback; SQL [UPDATE accounts SET display_name = ? WHERE id = ?]; ERROR: canceling statement due to statement timeout"],
             logger="{pkg}.web.GlobalExceptionHandler")
    g.stream("kyc-onboarding", "error", -12, 0, 0.4, ["Internal Server Error: /v1/applications/<<uuid>>/submit"], logger="django.request")
    g.at("argocd-application-controller", "info", -16.1, "time=\"<<ts:iso>>\" level=info msg=\"Sync operation to 4f1c2ab started\" application=argocd/account-svc-prod")
    g.at("argocd-application-controller", "info", -15.9, "time=\"<<ts:iso>>\" level=info msg=\"Resuming in-progress operation. phase: Running, message: waiting for completion of hook batch/Job/account-svc-migrate-v3-8-0\" application=argocd/account-svc-prod")


scenario(
    name="profile-updates-and-logins-hanging", estate=LB, now="2025-05-06T14:12:00Z", hours=2.0,
    cause="deploy", culprit="account-svc", classes=[],
    distractor="loudest alerts on auth-svc and the database; account-svc's own alert fires last",
    description="14:03 UTC: logins slow or failing, profile/watchlist edits spin, transfers time out. Several alerts "
                "(auth latency, accounts DB connections, funding) within a few minutes.",
    alerts=[A("AuthLoginLatencyHigh", "auth-svc", "critical", -9, summary="auth-svc p99 > 2s", desc="Login p99 above 2s.",
              expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="auth-svc",direction="inbound"}[5m]))) > 2000'),
            A("PostgresConnectionsHigh", "accounts-pg", "warning", -7, summary="accounts-pg backends > 85% of max", desc="Connection count high; many in state 'active' waiting on locks.",
              expr='sum(cnpg_backends_total{cluster="accounts-pg"}) / max(cnpg_pg_settings_setting{cluster="accounts-pg",name="max_connections"}) > 0.85'),
            A("FundingLatencyHigh", "funding-svc", "warning", -5, summary="funding-svc p99 > 5s", desc="Transfers endpoint slow.",
              expr='histogram_quantile(0.99, sum by (le) (rate(response_latency_ms_bucket{deployment="funding-svc",direction="inbound"}[5m]))) > 5000'),
            A("AccountSvcHighErrorRate", "account-svc", "critical", -4, summary="account-svc failure ratio > 10%", desc="account-svc errors.",
              expr='sum(rate(response_total{deployment="account-svc",classification="failure"}[5m])) / sum(rate(response_total{deployment="account-svc"}[5m])) > 0.1')],
    signals={
        "accounts-pg": {"saturation": [("set", -15, None, 0.93, 4)], "latency_p99_seconds": [("set", -15, None, 18.0, 2)],
                        "cpu_utilisation": [("set", -15, None, 0.41, 2)]},
        "auth-svc": {"latency_p99_seconds": [("set", -15, None, 3.2, 2)], "error_ratio": [("set", -14, None, 0.12, 2)]},
        "funding-svc": {"latency_p99_seconds": [("set", -14, None, 6.4, 2)], "error_ratio": [("set", -13, None, 0.08, 2)]},
        "account-svc": {"error_ratio": [("set", -14, None, 0.41, 2)], "latency_p99_seconds": [("set", -14, None, 9.8, 2)],
                        "saturation": [("set", -15, None, 1.0, 2)]},
        "kyc-onboarding": {"error_ratio": [("set", -13, None, 0.1, 2)]},
        "web-bff": {"error_ratio": [("set", -14, None, 0.05, 2)]},
        "orders-pg": {}, "order-entry-api": {},
    },
    bg_logs=["accounts-pg", "auth-svc", "funding-svc", "account-svc", "web-bff", "order-entry-api", "kyc-onboarding"],
    logs=_l16,
    deploys=[D("account-svc", "deploy", "v3.8.0", "v3.7.4", -16, 1, "a.ramirez",
               "ACC-1422: store tax residency on accounts (Flyway V212 pre-sync hook: ALTER TABLE accounts ADD COLUMN tax_residency text NOT NULL DEFAULT 'US' + backfill)")],
)


def _l17(g):
    bad = ["gke-ll-prod-general-7f3c2a1b-k9dx", "gke-ll-prod-general-7f3c2a1b-p2mw", "gke-ll-prod-general-7f3c2a1b-x4qz"]
    for i, n in enumerate(bad):
        t0 = -17.5 + i * 0.6
        g.stream("kubelet", "error", t0, 0, 1.0, ["E<<ts:klog>>    2211 kubelet.go:2359] \"Skipping pod synchronization\" err=\"PLEG is not healthy: pleg was last seen active 3m<<int:1-59>>.<<int:1-9>>s ago; threshold is 3m0s\""], host=n)
        g.at("kubelet", "info", t0 + 0.2, "I<<ts:klog>>    2211 setters.go:568] \"Node became not ready\" node=\"%s\" condition={\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"KubeletNotReady\",\"message\":\"PLEG is not healthy: pleg was last seen active 3m0.9s ago; threshold is 3m0s\"}" % n, host=n)
        g.at("node-problem-detector", "warn", t0 - 1.5, "level=warning msg=\"kernel: INFO: task containerd:2143 blocked for more than 120 seconds.\" node=%s" % n, host=n)
        g.stream("kube-controller-manager", "info", -12 + i * 0.4, -8, 1.5, ["I<<ts:klog>>       1 taint_eviction.go:111] \"Deleting pod\" controller=\"taint-eviction-controller\" pod=\"<<choice:portfolio/portfolio-svc|activity/activity-api|onboarding/kyc-onboarding|accounts/account-svc|web/web-bff>>-<<int:5000000-9999999>>\" node=\"%s\"" % n])
    g.at("kube-controller-manager", "info", -12.3, "I<<ts:klog>>       1 node_lifecycle_controller.go:1215] \"Node is NotReady. Adding it to the Taint queue\" node=\"%s\"" % bad[0])
    g.stream("ingress-nginx", "error", -16, 0, 2.0, ['<<ts:klog>> [error] 31#31: *<<int:100000-999999>> connect() failed (111: Connection refused) while connecting to upstream, client: <<ip>>, server: api.ledgerline.com, request: "GET /api/v2/<<choice:portfolio|activity|account/profile>> HTTP/2.0", upstream: "http://10.8.<<int:14-22>>.<<int:2-250>>:3000/api/v2/portfolio", host: "api.ledgerline.com"',
                                                     '<<ts:klog>> [error] 31#31: *<<int:100000-999999>> upstream prematurely closed connection while reading response header from upstream, client: <<ip>>, server: api.ledgerline.com, request: "GET /api/v2/activity HTTP/2.0", upstream: "http://10.8.<<int:14-22>>.<<int:2-250>>:3000/api/v2/activity", host: "api.ledgerline.com"'])
    g.stream("web-bff", "error", -15, 0, 1.5, ["upstream request failed GET http://portfolio-svc.portfolio.svc.cluster.local:8080/v1/portfolio/<<acct>> error=\"connect ECONNREFUSED 10.8.<<int:14-22>>.<<int:2-250>>:8080\"",
                                               "upstream request failed GET http://activity-api.activity.svc.cluster.local:8000/v1/activity/<<acct>> status=503"])
    g.stream("activity-api", "warn", -10, 0, 0.5, ["Worker (pid:<<int:7-40>>) was sent SIGTERM!"], logger="gunicorn.error")
    for i, p in enumerate(g.pods_of("kyc-onboarding")):
        g.at("kyc-onboarding", "info", -24 + i * 0.5, "Starting gunicorn 22.0.0", logger="gunicorn.error", host=p)


scenario(
    name="pods-restarting-and-5xx-across-customer-apis", estate=LB, now="2024-08-27T14:55:00Z", hours=2.0,
    cause="infrastructure", culprit="nodepool-general", classes=["A"],
    distractor="kyc-onboarding deploy 24 min before; trading-path services (separate pool) healthy; victim alerts critical, node alert only warning",
    description="14:45 UTC: portfolio, activity and onboarding endpoints throwing 5xx and pods restarting; trading path "
                "seems fine. Multiple alerts in #clientx-incidents.",
    alerts=[A("KubeNodeNotReady", "nodepool-general", "warning", -9, summary="3 nodes NotReady for more than 5 minutes",
              desc="gke-ll-prod-general-7f3c2a1b-* nodes report Ready=False.", expr='kube_node_status_condition{condition="Ready",status="true"} == 0'),
            A("PortfolioHighErrorRate", "portfolio-svc", "critical", -8, summary="portfolio-svc errors > 2%", desc="portfolio-svc 5xx ratio above 2%.",
              expr='sum(rate(response_total{deployment="portfolio-svc",classification="failure"}[5m])) / sum(rate(response_total{deployment="portfolio-svc"}[5m])) > 0.02'),
            A("ActivityApiErrors", "activity-api", "critical", -7, summary="activity-api errors > 5%", desc="activity-api failing.",
              expr='sum(rate(response_total{deployment="activity-api",classification="failure"}[5m])) / sum(rate(response_total{deployment="activity-api"}[5m])) > 0.05')],
    signals={
        "nodepool-general": {"cpu_utilisation": [("set", -12, None, 0.83, 3)], "memory_utilisation": [("set", -12, None, 0.86, 3)]},
        "nodepool-trading": {},
        "portfolio-svc": {"error_ratio": [("set", -16, None, 0.08, 2)], "latency_p99_seconds": [("mul", -16, None, 2.6, 2)]},
        "activity-api": {"error_ratio": [("set", -16, None, 0.15, 2)], "latency_p99_seconds": [("mul", -16, None, 3.0, 2)]},
        "kyc-onboarding": {"error_ratio": [("set", -15, None, 0.1, 2)]},
        "account-svc": {"error_ratio": [("set", -15, None, 0.06, 2)]},
        "web-bff": {"error_ratio": [("set", -15, None, 0.04, 2)]},
        "ingress-nginx": {"error_ratio": [("set", -16, None, 0.035, 2)]},
        "order-entry-api": {}, "quote-api": {},
    },
    bg_logs=["portfolio-svc", "activity-api", "kyc-onboarding", "account-svc", "web-bff", "ingress-nginx", "order-entry-api", "quote-api"],
    logs=_l17,
    deploys=[D("kyc-onboarding", "deploy", "v2.29.3", "v2.29.2", -24, 3, "m.lindqvist", "ONB-1240: passport MRZ parsing fix for 2-line TD3 documents")],
)


def _l34(g):
    es = "elasticsearch-activity"
    g.stream(es, "info", -180, -95, 0.25, ["low disk watermark [85%] exceeded on [<<hex:22>>][es-activity-data-<<int:0-2>>][/usr/share/elasticsearch/data] free: <<int:55-62>>.<<int:1-9>>gb[<<int:13-14>>.<<int:1-9>>%], replicas will not be assigned to this node"],
             logger="o.e.c.r.a.DiskThresholdMonitor")
    g.stream(es, "warn", -95, -11, 0.25, ["high disk watermark [90%] exceeded on [<<hex:22>>][es-activity-data-<<int:0-2>>][/usr/share/elasticsearch/data] free: <<int:21-40>>.<<int:1-9>>gb[<<int:5-9>>.<<int:1-9>>%], shards will be relocated away from this node; currently relocating away shards totalling [0] bytes; the node is expected to continue to exceed the high disk watermark when these relocations are complete"],
             logger="o.e.c.r.a.DiskThresholdMonitor")
    g.stream(es, "warn", -11, 0, 1.0, ["flood stage disk watermark [95%] exceeded on [<<hex:22>>][es-activity-data-<<int:0-2>>][/usr/share/elasticsearch/data] free: <<int:14-20>>.<<int:1-9>>gb[4.<<int:1-9>>%], all indices on this node will be marked read-only"],
             logger="o.e.c.r.a.DiskThresholdMonitor")
    ai = "activity-indexer"
    g.stream(ai, "info", -180, -11, 1.2, ["bulk ok index=activity-<<date>> items=<<int:800-2600>> took=<<int:30-120>>ms"])
    g.stream(ai, "error", -11, 0, 4.0, ["bulk request failed index=activity-<<date>> items=<<int:800-2600>> status=429 type=cluster_block_exception reason=\"index [activity-<<date>>] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];\"",
                                        "retrying bulk batch attempt=<<int:1-8>> backoff=<<choice:1s|2s|4s|8s|16s|30s>>"])
    for i, p in enumerate(g.pods_of(ai)):
        g.at(ai, "info", -35 + i * 0.6, "starting activity-indexer version=1.22.0 go-elasticsearch=v8.14.0 flush_interval=3s", host=p)


scenario(
    name="activity-feed-missing-recent-trades", estate=LB, now="2025-06-17T16:05:00Z", hours=4.0,
    cause="resource_saturation", culprit="elasticsearch-activity", classes=["F"],
    distractor="activity-indexer deploy 36 min before (client upgrade + flush interval change); alerts only on the indexer",
    description="15:58 UTC: customers say today's trades and deposits are missing from the Activity tab, though positions "
                "are correct. Indexer failure and lag alerts.",
    log_minutes=180, bg_total=900,
    alerts=[A("ActivityIndexerBulkFailures", "activity-indexer", "critical", -7, summary="Bulk indexing failure ratio > 20%", desc="activity-indexer bulk items failing.",
              expr='sum(rate(indexer_bulk_items_failed_total[5m])) / sum(rate(indexer_bulk_items_total[5m])) > 0.2'),
            A("KafkaConsumerGroupLagHigh", "activity-indexer", "warning", -4, summary="activity-indexer lag > 500k", desc="activity-indexer falling behind on account-events.",
              expr='sum(kafka_consumergroup_lag{consumergroup="activity-indexer"}) > 500000', topic="account-events", consumergroup="activity-indexer")],
    signals={
        "elasticsearch-activity": {"saturation": [("lin", -240, -11, 0.823, 0.951), ("set", -11, None, 0.951, 0), ("noise", 0.002)],
                                   "cpu_utilisation": [("mul", -11, None, 0.7, 1)]},
        "activity-indexer": {"error_ratio": [("set", -11, None, 0.99, 0.5)], "request_rate": [("set", -11, None, 0.5, 0.5)],
                             "saturation": [("lin", -11, 0, 0.01, 0.33)], "memory_utilisation": [("set", -36, -33, 0.22, 1)]},
        "activity-api": {}, "kafka-main": {}, "notification-svc": {}, "positions-svc": {},
    },
    bg_logs=["elasticsearch-activity", "activity-indexer", "activity-api", "kafka-main", "notification-svc", "positions-svc"],
    logs=_l34,
    deploys=[D("activity-indexer", "deploy", "v1.22.0", "v1.21.4", -36, 3, "s.nakamura", "DATA-1517: go-elasticsearch v8.13.1 -> v8.14.0; bulk flush interval 5s -> 3s")],
)


# ==============================================================================================
# SCENARIOS: Staybird
# ==============================================================================================
SB = "staybird"
DNS_S = "172.20.0.10"


def _s18(g):
    nth = "aws-node-termination-handler"
    g.stream(nth, "info", -15, -12, 4.5, ["level=info msg=\"Received spot interruption notice\" instance_id=i-0<<hex:16>> node=ip-10-30-<<int:16-127>>-<<int:4-250>>.eu-west-1.compute.internal nodegroup=spot-nodegroup az=eu-west-1b action=terminate"])
    g.stream(nth, "info", -14.5, -11, 4.0, ["level=info msg=\"Node successfully cordoned and drained\" node=ip-10-30-<<int:16-127>>-<<int:4-250>>.eu-west-1.compute.internal reason=\"Spot ITN received. Instance will be interrupted at <<ts:iso>>\""])
    g.stream("cluster-autoscaler", "warn", -13, 0, 1.2, [
        "W<<ts:klog>>       1 auto_scaling_groups.go:412] Failed to increase capacity of eks-spot-nodegroup-44c8b3e1-9f1a-ASG: InsufficientInstanceCapacity: We currently do not have sufficient m6i.2xlarge capacity in the Availability Zone you requested (eu-west-1b). Our system will be working on provisioning additional capacity.",
        "I<<ts:klog>>       1 scale_up.go:472] Final scale-up plan: [{eks-spot-nodegroup-44c8b3e1-9f1a-ASG 18->32 (max: 60)}]",
        "W<<ts:klog>>       1 clusterstate.go:446] Nodegroup eks-spot-nodegroup-44c8b3e1-9f1a-ASG has unregistered nodes: 14, backing off"])
    g.stream("kubelet", "info", -14, 0, 1.0, ["I<<ts:klog>>    3871 kubelet.go:2431] \"SyncLoop ADD\" source=\"api\" pods=[\"<<choice:search/search-api|search/availability-svc|web/web-frontend|ugc/reviews-svc>>-<<int:5000000-9999999>>\"]"])
    g.stream("envoy-ingress", "info", -14, 0, 3.0, ['<<ts:iso_b>> "GET <<choice:/search|/api/v3/search|/hotel/<<hotel>>|/>> HTTP/1.1" 503 UH no_healthy_upstream 0 19 0 - "<<ip>>" "<<ua>>" "<<uuid>>" "www.staybird.com" "-"',
                                                    '<<ts:iso_b>> "GET <<choice:/search|/api/v3/search>> HTTP/1.1" 503 UF,URX upstream_reset_before_response_started{connection_failure} 0 91 <<int:1000-3000>> - "<<ip>>" "<<ua>>" "<<uuid>>" "www.staybird.com" "10.30.<<int:16-127>>.<<int:4-250>>:3000"'])
    g.stream("search-api", "error", -14, 0, 2.2, ["Availability lookup failed for destination=<<city>>: I/O error on POST request for \"http://availability-svc.search.svc.cluster.local:8080/v2/availability\": Connect to availability-svc.search.svc.cluster.local:8080 [availability-svc.search.svc.cluster.local/10.30.<<int:16-127>>.<<int:4-250>>] failed: Connection refused",
                                                  "Reviews summary unavailable for hotel=<<hotel>>: 503 Service Unavailable"], logger="{pkg}.search.SearchOrchestrator")
    g.stream("web-frontend", "error", -14, 0, 1.5, ["upstream request failed GET http://search-api.search.svc.cluster.local:8080/v3/search error=\"timeout of 3000ms exceeded\"",
                                                    "upstream request failed GET http://reviews-svc.ugc.svc.cluster.local:8000/api/v1/hotels/<<hotel>>/summary error=\"connect ECONNREFUSED 10.30.<<int:16-127>>.<<int:4-250>>:8000\""])
    for i, p in enumerate(g.pods_of("reviews-svc")):
        g.at("reviews-svc", "info", -20 + i * 0.6, "Starting gunicorn 22.0.0", logger="gunicorn.error", host=p)


scenario(
    name="site-slow-and-search-errors-sunday-evening", estate=SB, now="2024-07-14T19:35:00Z", hours=2.0,
    cause="infrastructure", culprit="spot-nodegroup", classes=["A"],
    distractor="reviews-svc deploy 21 min before; booking/payments healthy; edge alert points at envoy",
    description="Sunday peak, 19:26 UTC: search results page slow or erroring, hotel pages missing reviews, pods "
                "restarting all over. Booking and payment look fine. Several alerts at once.",
    alerts=[A("SearchApiHighErrorRate", "search-api", "critical", -8, summary="search-api 5xx > 3%", desc="search-api errors.",
              expr='sum(rate(http_server_requests_seconds_count{service="search-api",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="search-api"}[5m])) > 0.03'),
            A("WebFrontendLatencyHigh", "web-frontend", "critical", -7, summary="web-frontend p99 > 3s", desc="SSR latency high.",
              expr='histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="web-frontend"}[5m]))) > 3'),
            A("EnvoyUpstream503s", "envoy-ingress", "warning", -6, summary="Envoy 503 ratio > 2%", desc="no_healthy_upstream / connection failures at ingress.",
              expr='sum(rate(envoy_cluster_upstream_rq_xx{envoy_response_code_class="5"}[5m])) / sum(rate(envoy_cluster_upstream_rq_total[5m])) > 0.02'),
            A("ReviewsSvcUnavailable", "reviews-svc", "critical", -5, summary="reviews-svc available replicas < 50%", desc="reviews-svc replicas pending.",
              expr='kube_deployment_status_replicas_available{deployment="reviews-svc"} / kube_deployment_spec_replicas{deployment="reviews-svc"} < 0.5')],
    signals={
        "spot-nodegroup": {"cpu_utilisation": [("set", -13, None, 0.9, 3)], "memory_utilisation": [("set", -13, None, 0.87, 3)]},
        "ondemand-nodegroup": {},
        "search-api": {"error_ratio": [("set", -14, None, 0.09, 2)], "latency_p99_seconds": [("set", -14, None, 2.6, 2)], "cpu_utilisation": [("set", -14, None, 0.82, 2)]},
        "availability-svc": {"error_ratio": [("set", -14, None, 0.04, 2)], "latency_p99_seconds": [("mul", -14, None, 6, 2)], "cpu_utilisation": [("set", -14, None, 0.85, 2)]},
        "web-frontend": {"latency_p99_seconds": [("set", -14, None, 3.4, 2)], "error_ratio": [("set", -14, None, 0.05, 2)]},
        "reviews-svc": {"error_ratio": [("set", -14, None, 0.14, 2)], "request_rate": [("mul", -14, None, 0.7, 2)]},
        "envoy-ingress": {"error_ratio": [("set", -14, None, 0.06, 2)]},
        "booking-svc": {}, "payments-svc": {},
    },
    bg_logs=["search-api", "availability-svc", "web-frontend", "reviews-svc", "envoy-ingress", "booking-svc", "payments-svc"],
    logs=_s18,
    deploys=[D("reviews-svc", "deploy", "v4.2.0", "v4.1.7", -21, 3, "ines.duarte", "REV-318: 'verified stay' badge on review cards")],
)


def _s19(g):
    g.stream("coredns", "error", -18, 0, 2.5, ["[ERROR] plugin/errors: 2 <<choice:api.paynova.com|api.mailwave.io|sqs.eu-west-1.amazonaws.com|bookings-mysql.cluster-c8k2x1yq3ehv.eu-west-1.rds.amazonaws.com|api.hotelhub-cm.com>>. <<choice:A|AAAA>>: read udp 10.30.<<int:16-127>>.<<int:4-250>>:<<int:30000-60999>>->10.30.0.2:53: i/o timeout"])
    g.stream("coredns", "warn", -17, 0, 0.9, ["[WARNING] plugin/health: Local health request to \"http://:8080/health\" took more than 1s: 1.<<int:100-999>>s"])
    g.stream("coredns", "info", -120, 0, 0.8, ['[INFO] 10.30.<<int:16-127>>.<<int:4-250>>:<<int:30000-60999>> - <<int:1-65535>> "A IN <<dnsname>>. udp <<int:40-90>> false 512" NOERROR qr,aa,rd <<int:90-220>> 0.000<<int:100-999>>s'])
    g.stream("payments-svc", "info", -120, -18, 0.8, ["payment authorised booking=<<bk>> psp=paynova amount=<<int:80-2400>>.00 EUR psp_ref=PN<<hex:12>> dur=<<int:300-1200>>ms"])
    g.stream("payments-svc", "warn", -120, 0, 0.2, ["payment declined booking=<<bk>> psp=paynova reason=<<choice:insufficient_funds|do_not_honor|3ds_failed>>"])
    g.stream("payments-svc", "error", -17, 0, 1.6, ["authorise failed booking=<<bk>> psp=paynova err=\"Post \\\"https://api.paynova.com/v2/payments\\\": dial tcp: lookup api.paynova.com on %s:53: read udp 10.30.<<int:16-127>>.<<int:4-250>>:<<int:30000-60999>>->%s:53: i/o timeout\"" % (DNS_S, DNS_S),
                                                    "authorise failed booking=<<bk>> psp=paynova err=\"Post \\\"https://api.paynova.com/v2/payments\\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\""])
    g.stream("notification-worker", "error", -16, 0, 1.2, ["email send failed provider=mailwave template=<<choice:booking_confirmation|password_reset|booking_cancelled>> error=\"getaddrinfo EAI_AGAIN api.mailwave.io\""])
    g.stream("search-api", "error", -16, 0, 0.8, ["Availability lookup failed for destination=<<city>>: I/O error on POST request for \"http://availability-svc.search.svc.cluster.local:8080/v2/availability\": availability-svc.search.svc.cluster.local: Temporary failure in name resolution"],
             logger="{pkg}.search.SearchOrchestrator")
    g.stream("booking-svc", "error", -15, 0, 0.6, ["Could not open JDBC Connection for transaction; nested exception is com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure ... Caused by: java.net.UnknownHostException: bookings-mysql.cluster-c8k2x1yq3ehv.eu-west-1.rds.amazonaws.com: Temporary failure in name resolution"],
             logger="{pkg}.booking.BookingService")
    g.stream("image-service", "error", -15, 0, 0.4, ["s3 put failed bucket=staybird-images-origin err=\"dial tcp: lookup staybird-images-origin.s3.eu-west-1.amazonaws.com on %s:53: i/o timeout\"" % DNS_S])


scenario(
    name="checkout-payments-and-emails-failing-intermittently", estate=SB, now="2025-01-25T20:10:00Z", hours=2.0,
    cause="infrastructure", culprit="kube-dns", classes=["A"],
    distractor="payment errors name the PSP host; email errors name the e-mail provider; user-svc deploy 40 min before",
    description="20:01 UTC Saturday: payment failures at checkout, e-mail send failures and some slow searches, all "
                "intermittent. Payments alert is the loudest.",
    alerts=[A("PaymentsHighErrorRate", "payments-svc", "critical", -9, summary="payments-svc error ratio > 5%", desc="Authorisations failing.",
              expr='sum(rate(http_server_requests_seconds_count{service="payments-svc",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="payments-svc"}[5m])) > 0.05'),
            A("NotificationSendFailures", "notification-worker", "warning", -7, summary="E-mail send failure ratio > 5%", desc="notification-worker send failures.",
              expr='sum(rate(notifications_failed_total[5m])) / (sum(rate(notifications_sent_total[5m])) + sum(rate(notifications_failed_total[5m]))) > 0.05'),
            A("SearchApiLatencyHigh", "search-api", "warning", -5, summary="search-api p99 > 2s", desc="Search latency high.",
              expr='histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="search-api"}[5m]))) > 2')],
    signals={
        "kube-dns": {"latency_p99_seconds": [("set", -18, None, 2.4, 2)], "error_ratio": [("set", -18, None, 0.085, 2)],
                     "request_rate": [("mul", -18, None, 2.0, 2)], "cpu_utilisation": [("mul", -18, None, 1.5, 2)]},
        "payments-svc": {"error_ratio": [("set", -17, None, 0.16, 2)], "latency_p99_seconds": [("set", -17, None, 5.6, 2)]},
        "notification-worker": {"error_ratio": [("set", -16, None, 0.12, 2)]},
        "search-api": {"error_ratio": [("set", -16, None, 0.035, 2)], "latency_p99_seconds": [("set", -16, None, 2.3, 2)]},
        "booking-svc": {"error_ratio": [("set", -15, None, 0.06, 2)]},
        "image-service": {"error_ratio": [("set", -15, None, 0.05, 2)]},
        "user-svc": {"memory_utilisation": [("set", -41, -39, 0.2, 1)]}, "availability-svc": {},
    },
    bg_logs=["payments-svc", "notification-worker", "search-api", "booking-svc", "image-service", "user-svc", "availability-svc"],
    logs=_s19,
    deploys=[D("user-svc", "deploy", "v3.30.0", "v3.29.1", -40, 3, "olek.nowak", "ID-882: loyalty tier expiry reminder flag in /v1/users/me")],
)


def _s20(g):
    pods = ["envoy-ingress-7f9c6d5b8-2xkqz", "envoy-ingress-7f9c6d5b8-9wtlm", "envoy-ingress-7f9c6d5b8-hp4rd", "envoy-ingress-7f9c6d5b8-v6cns"]
    for i, t in enumerate((-16.0, -14.1, -12.6, -10.8, -9.0, -7.3, -5.1, -3.4, -1.6)):
        p = pods[i % 4]
        g.at("envoy-ingress", "info", t, "[<<ts:envoy>>][1][info][main] [source/server/server.cc:428] initializing epoch 0 (base id=0, hot restart version=11.104)", host=p)
        g.at("envoy-ingress", "info", t + 0.2, "[<<ts:envoy>>][1][info][upstream] [source/common/upstream/cluster_manager_impl.cc:240] cm init: all clusters initialized", host=p)
        g.at("envoy-ingress", "warn", t + 0.3, "[<<ts:envoy>>][1][warning][config] [source/extensions/config_subscription/grpc/grpc_stream.h:155] DeltaAggregatedResources gRPC config stream to xds_cluster closed: 13, ", host=p)
        g.at("kubelet", "error", t + 0.5, "E<<ts:klog>>    3871 pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"envoy\\\" with CrashLoopBackOff: \\\"back-off %ds restarting failed container=envoy pod=%s_ingress(3f0a<<hex:4>>-<<hex:4>>-4<<hex:3>>-<<hex:4>>-<<hex:12>>)\\\"\" pod=\"ingress/%s\"" % (10 * 2 ** min(i // 4, 3), p, p))
    g.stream("envoy-ingress", "info", -16, 0, 2.0, ['<<ts:iso_b>> "GET <<choice:/|/search|/hotel/<<hotel>>>> HTTP/1.1" 503 UO upstream_reset_before_response_started{overflow} 0 81 0 - "<<ip>>" "<<ua>>" "<<uuid>>" "www.staybird.com" "-"'])
    for i, p in enumerate(g.pods_of("web-frontend")):
        g.at("web-frontend", "info", -27 + i * 0.6, "ready - started server on 0.0.0.0:3000, url: http://localhost:3000 (next 14.2.4, build WEB-2210)", host=p)


scenario(
    name="homepage-and-search-returning-503s", estate=SB, now="2025-03-09T17:25:00Z", hours=2.0,
    cause="infrastructure", culprit="envoy-ingress", classes=["A"],
    distractor="web-frontend deploy 28 min before; backend services quiet (traffic simply drops); ALB alert",
    description="17:16 UTC: homepage and search intermittently return a bare 502/503 page; synthetic checks failing. "
                "Backend dashboards look calm, if anything quieter than usual.",
    alerts=[A("WebFrontendAvailabilitySLO", "web-frontend", "critical", -8, summary="Synthetic availability < 95% (5m)", desc="Blackbox probes of https://www.staybird.com failing.",
              expr='avg_over_time(probe_success{job="blackbox",instance="https://www.staybird.com/"}[5m]) < 0.95'),
            A("AlbHTTP5xxHigh", "alb-public", "warning", -7, summary="ALB 5xx > 5%", desc="ELB 502/503 count elevated.",
              expr='sum(aws_applicationelb_httpcode_elb_5_xx_count_sum) / sum(aws_applicationelb_request_count_sum) > 0.05'),
            A("SearchApiTrafficDrop", "search-api", "warning", -6, summary="search-api request rate 30% below last week", desc="Traffic drop.",
              expr='sum(rate(http_server_requests_seconds_count{service="search-api"}[10m])) < 0.7 * sum(rate(http_server_requests_seconds_count{service="search-api"}[10m] offset 1w))')],
    signals={
        "envoy-ingress": {"memory_utilisation": [("saw", -16, None, 0.42, 1.0, 1.9)], "error_ratio": [("set", -16, None, 0.21, 1)],
                          "request_rate": [("mul", -16, None, 0.78, 1)], "latency_p99_seconds": [("mul", -16, None, 2.4, 1)],
                          "cpu_utilisation": [("mul", -16, None, 1.4, 1)]},
        "alb-public": {"error_ratio": [("set", -16, None, 0.22, 1)]},
        "web-frontend": {"request_rate": [("mul", -16, None, 0.72, 1)], "memory_utilisation": [("set", -28, -26, 0.25, 1)]},
        "search-api": {"request_rate": [("mul", -16, None, 0.74, 1)]},
        "booking-svc": {"request_rate": [("mul", -16, None, 0.7, 1)]},
        "availability-svc": {"request_rate": [("mul", -16, None, 0.8, 1)]},
        "reviews-svc": {}, "kube-dns": {},
    },
    bg_logs=["envoy-ingress", "web-frontend", "search-api", "booking-svc", "availability-svc", "reviews-svc"],
    bgmul={"web-frontend": [(-16, None, 0.7)], "search-api": [(-16, None, 0.7)]},
    logs=_s20,
    deploys=[D("web-frontend", "deploy", "v14.7.0", "v14.6.3", -28, 4, "tom.whitfield", "WEB-2210: new date picker on search form; next 14.2.3 -> 14.2.4")],
)


def _s21(g):
    mf = "metasearch-feed"
    g.stream(mf, "info", -150, -26, 1.0, ["price query served partner=<<choice:gha|gha|trivago|kayak>> hotels=<<int:1-20>> checkin=<<choice:2024-10|2024-11|2024-12>>-<<int:10-28>> nights=<<int:1-7>> dur=<<int:60-300>>ms"])
    g.stream(mf, "info", -26, 0, 12, ["price query served partner=gha hotels=<<int:1-20>> checkin=<<choice:2025-03|2025-05|2025-07|2025-08|2025-09>>-<<int:10-28>> nights=<<int:1-14>> dur=<<int:300-4000>>ms"])
    g.stream(mf, "warn", -24, 0, 0.3, ["inbound query rate partner=gha qps=<<int:980-1350>> (7d p50=85); no per-partner limit configured"])
    g.stream("availability-svc", "warn", -22, 0, 1.2, ["cache hit ratio low hit_ratio=0.<<int:31-45>> window=60s (baseline 0.94)",
                                                       "slow inventory query hotel=<<hotel>> range=365d took=<<int:900-3800>>ms"])
    g.stream("availability-svc", "error", -15, 0, 1.0, ["inventory query failed hotel=<<hotel>> err=\"context deadline exceeded\""])
    g.stream("inventory-mysql", "warn", -22, 0, 1.5, ["[MY-010914] [Server] Slow query: Query_time: <<int:1-6>>.<<int:100-999>> Lock_time: 0.000 Rows_sent: <<int:200-900>> Rows_examined: <<int:400000-1800000>> SELECT room_type_id, stay_date, allotment, closed FROM room_inventory WHERE hotel_id IN (<<hotel>>, <<hotel>>, ...) AND stay_date BETWEEN '2025-<<int:03-09>>-01' AND '2025-<<int:03-09>>-28'"])
    g.stream("search-api", "warn", -18, 0, 1.5, ["Availability call slow: <<int:1200-2000>>ms (timeout 2000ms) destination=<<city>>"], logger="{pkg}.search.AvailabilityClient")
    g.stream("search-api", "error", -12, 0, 0.5, ["Availability timeout for destination=<<city>>; returning partial results"], logger="{pkg}.search.SearchOrchestrator")
    for i, p in enumerate(g.pods_of("pricing-svc")):
        g.at("pricing-svc", "info", -37 + i * 0.6, "Started PricingApplication in 16.%03d seconds (process running for 18.0)" % (200 + i * 33), logger="{pkg}.PricingApplication", host=p)


scenario(
    name="hotel-search-slow-sitewide", estate=SB, now="2024-10-03T10:20:00Z", hours=2.5,
    cause="traffic_surge", culprit="metasearch-feed", classes=["B"],
    distractor="pricing-svc deploy 38 min before; alert on search-api, database warning; scrape hole on availability-svc",
    description="10:13 UTC: search results take 4-6 s across all destinations; conversion dropping. Search latency "
                "alert critical, DB CPU warning.",
    alerts=[A("InventoryMysqlCPUHigh", "inventory-mysql", "warning", -9, summary="inventory-mysql CPU > 90%", desc="RDS CPU above 90% for 5m.",
              expr='max(aws_rds_cpuutilization_average{dbinstance_identifier=~"inventory-mysql.*"}) > 90'),
            A("SearchApiLatencyHigh", "search-api", "critical", -7, summary="search-api p99 > 2s", desc="Search latency high.",
              expr='histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="search-api"}[5m]))) > 2'),
            A("AvailabilitySvcLatencyHigh", "availability-svc", "warning", -5, summary="availability-svc p99 > 500ms", desc="Availability latency high.",
              expr='histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="availability-svc"}[5m]))) > 0.5')],
    signals={
        "metasearch-feed": {"request_rate": [("mul", -26, None, 11.5, 3)], "latency_p99_seconds": [("set", -22, None, 4.2, 4)],
                            "cpu_utilisation": [("set", -26, None, 0.74, 3)], "error_ratio": [("set", -15, None, 0.02, 3)]},
        "availability-svc": {"request_rate": [("mul", -26, None, 2.9, 3)], "latency_p99_seconds": [("set", -22, None, 1.7, 4)],
                             "cpu_utilisation": [("set", -26, None, 0.78, 3)], "error_ratio": [("set", -15, None, 0.012, 3)], "_all": [("gap", -62, -53)]},
        "inventory-mysql": {"cpu_utilisation": [("set", -23, None, 0.97, 4)], "saturation": [("set", -22, None, 0.91, 4)],
                            "latency_p99_seconds": [("set", -22, None, 1.6, 4)]},
        "pricing-svc": {"request_rate": [("mul", -26, None, 2.2, 3)], "latency_p99_seconds": [("set", -20, None, 0.9, 4)], "memory_utilisation": [("set", -38, -35, 0.3, 1)]},
        "search-api": {"latency_p99_seconds": [("set", -20, None, 3.9, 4)], "error_ratio": [("set", -12, None, 0.03, 3)]},
        "web-frontend": {"latency_p99_seconds": [("mul", -20, None, 3.5, 4)]},
        "booking-svc": {"latency_p99_seconds": [("mul", -20, None, 2.0, 4)]},
        "memcached-sessions": {},
    },
    bg_logs=["metasearch-feed", "availability-svc", "inventory-mysql", "pricing-svc", "search-api", "web-frontend", "booking-svc"],
    bgmul={"metasearch-feed": [(-26, None, 6.0)], "availability-svc": [(-26, None, 2.5)], "pricing-svc": [(-26, None, 2.0)]},
    logs=_s21,
    deploys=[D("pricing-svc", "deploy", "v8.3.0", "v8.2.5", -38, 4, "anke.vos", "PRC-1021: refactor currency rounding into Money value object; no behaviour change")],
)


def _s22(g):
    pm = "promo-mailer"
    g.at(pm, "info", -42.3, "Campaign summer-sale-2025-06 starting: segment=all_subscribed_users recipients=612448 (last campaign: segment=engaged_90d recipients=58211)", logger="promo.campaigns")
    g.at(pm, "info", -42.2, "Connected to amqp://promo-mailer@rabbitmq.messaging.svc.cluster.local:5672// (publisher confirms on)", logger="promo.publisher")
    for i in range(1, 7):
        g.at(pm, "info", -42 + i * 1.5, "Published %d/612448 messages to exchange notifications routing_key=email.send" % min(612448, i * 100000), logger="promo.publisher")
    g.at(pm, "info", -33.1, "Campaign summer-sale-2025-06 finished: published=612448 failed=0 elapsed=0:09:12", logger="promo.campaigns")
    g.at("rabbitmq", "info", -42.2, "<<ts:rabbit>> [info] <0.31877.0> connection <0.31877.0> (10.30.88.41:51022 -> 10.30.5.12:5672): user 'promo-mailer' authenticated and granted access to vhost '/'", host="rabbitmq-1")
    nw = "notification-worker"
    g.stream(nw, "info", -120, -42, 1.5, ["email sent template=<<choice:booking_confirmation|booking_confirmation|password_reset|booking_cancelled|review_request>> provider=mailwave message_id=<<hex:24>> dur=<<int:80-400>>ms"])
    g.stream(nw, "info", -42, 0, 4.0, ["email sent template=<<choice:promo_summer_sale|promo_summer_sale|promo_summer_sale|promo_summer_sale|promo_summer_sale|promo_summer_sale|booking_confirmation|password_reset>> provider=mailwave message_id=<<hex:24>> dur=<<int:80-400>>ms"])
    g.stream(nw, "warn", -40, 0, 0.8, ["mailwave rate limited status=429 retry_after=1s host=api.mailwave.io (account send rate 100/s)"])
    g.stream(nw, "warn", -25, 0, 0.6, ["booking_confirmation for <<bk>> delivered <<int:600-2300>>s after booking"])
    for i, p in enumerate(g.pods_of(nw)):
        g.at(nw, "info", -100 + i * 0.5, "notification-worker v5.8.0 consuming queue=email.send prefetch=50 concurrency=20", host=p)


scenario(
    name="booking-confirmation-emails-delayed", estate=SB, now="2025-06-02T09:25:00Z", hours=2.0,
    cause="traffic_surge", culprit="promo-mailer", classes=["E-producer"],
    distractor="e-mail provider 429s; notification-worker deploy 100 min before; producer has no metrics",
    description="09:15 UTC: guests say booking confirmation e-mails arrive 20-40 minutes late; hotels ask why guests "
                "call them. Queue backlog alert on RabbitMQ.",
    alerts=[A("RabbitMQQueueBacklog", "rabbitmq", "critical", -10, summary="email.send ready messages > 100k", desc="Queue email.send backlog growing.",
              expr='max(rabbitmq_queue_messages_ready{queue="email.send"}) > 100000', queue="email.send"),
            A("TransactionalEmailLatencySLO", "notification-worker", "warning", -6, summary="p95 booking confirmation delay > 5 min",
              desc="Confirmation e-mails are sent late.", expr='histogram_quantile(0.95, sum by (le) (rate(notification_end_to_end_delay_seconds_bucket{template="booking_confirmation"}[10m]))) > 300')],
    signals={
        "rabbitmq": {"request_rate": [("add", -42, -33, 1100, 0.5)], "saturation": [("lin", -42, -33, 0.004, 0.585), ("lin", -33, 0, 0.585, 0.39)],
                     "memory_utilisation": [("set", -42, None, 0.56, 3)], "cpu_utilisation": [("add", -42, -33, 0.25, 0.5)]},
        "notification-worker": {"request_rate": [("set", -42, None, 99, 1)], "cpu_utilisation": [("set", -42, None, 0.55, 1)],
                                "error_ratio": [("set", -40, None, 0.011, 1)], "memory_utilisation": [("set", -101, -99, 0.2, 1)]},
        "booking-svc": {}, "user-svc": {}, "users-mysql": {"cpu_utilisation": [("add", -43, -41, 0.3, 0.5)]}, "web-frontend": {},
    },
    bg_logs=["notification-worker", "rabbitmq", "booking-svc", "user-svc", "web-frontend"],
    logs=_s22,
    deploys=[D("notification-worker", "deploy", "v5.8.0", "v5.7.2", -101, 4, "sam.okoro", "NOTIF-91: booking confirmation template rebuilt in MJML, adds map snippet")],
)


def _s23(g):
    cs = "channel-sync"
    g.stream(cs, "info", -120, -34, 2.0, ["Processed ARI update hotel=<<hotel>> room_types=<<int:1-12>> dates=<<int:1-90>> in <<int:30-140>>ms"], logger="channel_sync.consumer")
    for i, p in enumerate(g.pods_of(cs)):
        g.at(cs, "info", -33.5 + i * 0.4, "Starting consumer queue=channel.ari.updates concurrency=4 prefetch_count=1 (env CHANNEL_SYNC_CONCURRENCY=4)", logger="channel_sync.main", host=p)
    g.stream(cs, "info", -33, 0, 0.8, ["Processed ARI update hotel=<<hotel>> room_types=<<int:1-12>> dates=<<int:1-90>> in <<int:30-140>>ms"], logger="channel_sync.consumer")
    g.stream(cs, "warn", -22, 0, 1.2, ["ARI message age <<int:120-1900>>s exceeds SLA 60s hotel=<<hotel>>"], logger="channel_sync.consumer")
    g.stream(cs, "warn", -120, 0, 0.3, ["hotelhub-cm reservation push failed status=502 url=https://api.hotelhub-cm.com/v3/reservations retry=<<int:1-3>>"], logger="channel_sync.push")
    g.stream("channel-webhook", "info", -120, 0, 1.5, ["ari webhook accepted source=hotelhub-cm hotel=<<hotel>> bytes=<<int:800-40000>> published=channel.ari.updates"])
    g.stream("partner-extranet", "warn", -15, 0, 0.4, ["support ticket auto-tag: 'rates not updated' hotel=<<hotel>>"])


scenario(
    name="hotel-rate-updates-lagging-behind", estate=SB, now="2024-12-17T11:45:00Z", hours=2.0,
    cause="config_change", culprit="channel-sync", classes=["E-consumer"],
    distractor="background 502s from the channel manager; channel-webhook deploy 80 min before; alert on the broker",
    description="11:36 UTC: hotels report rate and availability changes from their channel manager take 30+ minutes "
                "to show on Staybird; one overbooking already. Queue backlog alert.",
    alerts=[A("RabbitMQQueueBacklog", "rabbitmq", "critical", -9, summary="channel.ari.updates ready messages > 100k", desc="Queue backlog growing.",
              expr='max(rabbitmq_queue_messages_ready{queue="channel.ari.updates"}) > 100000', queue="channel.ari.updates"),
            A("ChannelSyncARILagHigh", "channel-sync", "warning", -6, summary="ARI message age p95 > 5 min", desc="channel-sync processing lag.",
              expr='histogram_quantile(0.95, sum by (le) (rate(channel_sync_message_age_seconds_bucket[5m]))) > 300')],
    signals={
        "channel-sync": {"request_rate": [("set", -33, None, 37, 1)], "cpu_utilisation": [("set", -33, None, 0.14, 1)],
                         "saturation": [("set", -33, None, 1.0, 1)], "latency_p99_seconds": [("mul", -33, None, 0.85, 1)]},
        "rabbitmq": {"saturation": [("lin", -33, 0, 0.004, 0.27)], "memory_utilisation": [("lin", -33, 0, 0.33, 0.47)]},
        "channel-webhook": {}, "inventory-mysql": {"cpu_utilisation": [("mul", -33, None, 0.75, 1)]},
        "availability-svc": {}, "partner-extranet": {},
    },
    bg_logs=["channel-sync", "channel-webhook", "rabbitmq", "inventory-mysql", "availability-svc", "partner-extranet"],
    logs=_s23,
    deploys=[D("channel-sync", "config", "configmap rev-57", "configmap rev-56", -34, 1, "rui.pinto",
               "DIST-640: lower channel-sync write pressure on inventory-mysql: CHANNEL_SYNC_CONCURRENCY 32 -> 4, AMQP prefetch 50 -> 1"),
             D("channel-webhook", "deploy", "v2.11.0", "v2.10.3", -80, 3, "rui.pinto", "DIST-633: accept gzip-encoded ARI payloads")],
)


def _pool(rng, tm):
    in_use = int(22 + (tm + 235) * 0.8 + rng.uniform(-3, 3))
    in_use = max(10, min(200, in_use))
    return "db pool stats db=bookings open=%d in_use=%d idle=%d wait_count=%d wait_duration=%ds max_open=200" % (
        in_use + 4 if in_use < 196 else 200, in_use, 4 if in_use < 196 else 0, int(max(0, (tm + 20) * 900)) if tm > -20 else 0, int(max(0, (tm + 20) * 35)) if tm > -20 else 0)


def _s24(g):
    ps = "payments-svc"
    g.stream(ps, "info", -150, 0, 0.2, [_pool])
    g.stream(ps, "info", -150, -12, 0.8, ["payment authorised booking=<<bk>> psp=paynova amount=<<int:80-2400>>.00 EUR psp_ref=PN<<hex:12>> dur=<<int:300-1200>>ms"])
    g.stream(ps, "info", -150, 0, 0.05, ["refund reconciliation batch done refunds=<<int:20-80>> dur=<<int:2-9>>s"])
    g.stream(ps, "error", -12, 0, 1.0, ["authorise failed booking=<<bk>> err=\"record payment: context deadline exceeded\" waited_for_conn=true"])
    bk = "booking-svc"
    g.stream(bk, "error", -12, 0, 2.5, ["Could not open JDBC Connection for transaction; nested exception is java.sql.SQLNonTransientConnectionException: Data source rejected establishment of connection,  message from server: \"Too many connections\"",
                                        "Booking <<bk>> failed at step=RESERVE: HikariPool-1 - Connection is not available, request timed out after 10000ms."], logger="{pkg}.booking.BookingService")
    for i, p in enumerate(g.pods_of(bk)):
        g.at(bk, "info", -25.5 + i * 0.8, "Started BookingApplication in 24.%03d seconds (process running for 26.3)" % (100 + i * 51), logger="{pkg}.BookingApplication", host=p)
        g.at(bk, "info", -25.4 + i * 0.8, "HikariPool-1 - Start completed.", logger="com.zaxxer.hikari.HikariDataSource", host=p)
    g.stream("bookings-mysql", "warn", -12, 0, 0.6, ["[MY-010055] [Server] Too many connections; max_connections=600 threads_connected=600"])


scenario(
    name="bookings-failing-with-database-errors", estate=SB, now="2025-02-14T13:30:00Z", hours=4.0,
    cause="resource_saturation", culprit="payments-svc", classes=["F"],
    distractor="booking-svc deploy 27 min before and its alert is loudest; database alert names no client",
    description="13:20 UTC on Valentine's Day: bookings intermittently fail with a generic error at the final step; "
                "booking error alert and a database connections warning.",
    log_minutes=150, bg_total=1000,
    alerts=[A("MySQLConnectionsNearMax", "bookings-mysql", "warning", -10, summary="bookings-mysql connections > 90% of max_connections",
              desc="DatabaseConnections close to max_connections (600).", expr='max(aws_rds_database_connections_average{dbinstance_identifier=~"bookings-mysql.*"}) > 540'),
            A("BookingSvcHighErrorRate", "booking-svc", "critical", -8, summary="booking-svc 5xx > 5%", desc="Bookings failing.",
              expr='sum(rate(http_server_requests_seconds_count{service="booking-svc",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="booking-svc"}[5m])) > 0.05'),
            A("PaymentsLatencyHigh", "payments-svc", "warning", -5, summary="payments-svc p99 > 5s", desc="Payments slow.",
              expr='histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="payments-svc"}[5m]))) > 5')],
    signals={
        "payments-svc": {"saturation": [("lin", -236, -12, 0.11, 1.0)], "latency_p99_seconds": [("set", -12, None, 6.5, 2)],
                         "error_ratio": [("set", -12, None, 0.11, 2)], "memory_utilisation": [("lin", -236, 0, 0.33, 0.41)]},
        "bookings-mysql": {"saturation": [("lin", -236, -12, 0.33, 0.6), ("add", -26, -23, -0.04, 1), ("set", -12, None, 0.6, 1), ("noise", 0.01)],
                           "cpu_utilisation": [("add", -12, None, 0.08, 2)]},
        "booking-svc": {"error_ratio": [("set", -12, None, 0.19, 2)], "latency_p99_seconds": [("set", -12, None, 3.6, 2)],
                        "saturation": [("set", -12, None, 0.95, 2)], "memory_utilisation": [("set", -27, -24, 0.3, 1)]},
        "web-frontend": {"error_ratio": [("set", -11, None, 0.02, 2)]},
        "user-svc": {}, "availability-svc": {},
    },
    bg_logs=["payments-svc", "booking-svc", "bookings-mysql", "web-frontend", "user-svc", "availability-svc"],
    logs=_s24,
    deploys=[D("booking-svc", "deploy", "v5.9.0", "v5.8.4", -27, 4, "maja.kowalska", "BKG-1204: Apple Pay button on checkout (web only, behind market allow-list)")],
)


def _s25(g):
    pr = "pricing-svc"
    g.at(pr, "info", -21.1, "LaunchDarkly flag update received: pricing.tax_engine_v2 (version 14) rollout 5% -> 100%", logger="com.launchdarkly.sdk.server.LDClient")
    g.stream(pr, "info", -120, -21, 2.0, ["quote computed hotel=<<hotel>> nights=<<int:1-10>> engine=<<choice:v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v1|v2>> took=<<int:8-60>>ms"], logger="{pkg}.quote.QuoteService")
    g.stream(pr, "info", -21, 0, 2.0, ["quote computed hotel=<<hotel>> nights=<<int:1-10>> engine=v2 tax_rules_evaluated=<<int:40-320>> took=<<int:500-2600>>ms"], logger="{pkg}.quote.QuoteService")
    g.stream("search-api", "warn", -20, 0, 2.5, ["Pricing call exceeded 800ms timeout for hotel=<<hotel>>; returning result without price (fallback)"], logger="{pkg}.search.PricingClient")
    g.stream("search-api", "error", -18, 0, 1.0, ["Search request failed destination=<<city>>: 504 GATEWAY_TIMEOUT from pricing-svc batch quote"], logger="{pkg}.search.SearchOrchestrator")
    g.stream("booking-svc", "error", -18, 0, 0.7, ["Quote failed for hotel=<<hotel>>: I/O error on POST request for \"http://pricing-svc.revenue.svc.cluster.local:8080/v3/quote\": Read timed out"], logger="{pkg}.booking.QuoteClient")
    g.stream("metasearch-feed", "error", -17, 0, 0.8, ["price query failed partner=gha hotel=<<hotel>> err=\"pricing: context deadline exceeded\""])
    g.stream("inventory-mysql", "warn", -20, 0, 0.5, ["[MY-010914] [Server] Slow query: Query_time: 1.<<int:100-999>> Lock_time: 0.000 Rows_sent: <<int:10-90>> Rows_examined: <<int:50000-200000>> SELECT * FROM city_tax_rules WHERE city_id = <<int:100-999>> AND valid_from <= '2024-09-09'"])
    for i, p in enumerate(g.pods_of("search-api")):
        g.at("search-api", "info", -52 + i * 0.6, "Started SearchApiApplication in 21.%03d seconds (process running for 23.5)" % (100 + i * 77), logger="{pkg}.SearchApiApplication", host=p)


scenario(
    name="hotel-prices-missing-from-search-results", estate=SB, now="2024-09-09T16:15:00Z", hours=2.0,
    cause="config_change", culprit="pricing-svc", classes=["G"],
    distractor="search-api deploy 52 min before; alerts only on callers (search, booking, metasearch)",
    description="16:06 UTC: many search results show 'price unavailable', some searches fail, and checkout quotes "
                "error. Search error-budget alert critical since 16:08.",
    alerts=[A("SearchApiErrorBudgetBurn", "search-api", "critical", -7, summary="search-api burning error budget 14x", desc="Fast burn on search availability SLO.",
              expr='(sum(rate(http_server_requests_seconds_count{service="search-api",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="search-api"}[5m]))) > 14 * 0.001'),
            A("BookingQuoteFailures", "booking-svc", "warning", -5, summary="Checkout quote failures > 5%", desc="booking-svc cannot quote.",
              expr='sum(rate(booking_quote_failures_total[5m])) / sum(rate(booking_quote_requests_total[5m])) > 0.05'),
            A("MetasearchFeedErrors", "metasearch-feed", "warning", -4, summary="metasearch-feed errors > 5%", desc="Partner price queries failing.",
              expr='sum(rate(http_server_requests_seconds_count{service="metasearch-feed",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="metasearch-feed"}[5m])) > 0.05')],
    signals={
        "pricing-svc": {"latency_p99_seconds": [("set", -21, None, 1.95, 2)], "cpu_utilisation": [("set", -21, None, 0.86, 2)],
                        "error_ratio": [("set", -21, None, 0.028, 2)]},
        "search-api": {"error_ratio": [("set", -19, None, 0.09, 2)], "latency_p99_seconds": [("set", -19, None, 1.25, 2)],
                       "memory_utilisation": [("set", -53, -50, 0.3, 1)]},
        "booking-svc": {"error_ratio": [("set", -18, None, 0.11, 2)]},
        "metasearch-feed": {"error_ratio": [("set", -17, None, 0.15, 2)]},
        "inventory-mysql": {"cpu_utilisation": [("set", -21, None, 0.62, 2)]},
        "availability-svc": {}, "web-frontend": {"error_ratio": [("set", -18, None, 0.012, 2)]},
    },
    bg_logs=["pricing-svc", "search-api", "booking-svc", "metasearch-feed", "inventory-mysql", "availability-svc", "web-frontend"],
    logs=_s25,
    deploys=[D("pricing-svc", "flag", "pricing.tax_engine_v2=100%", "pricing.tax_engine_v2=5%", -21, 0.5, "anke.vos",
               "PRC-1090: city-tax engine v2 to 100% after 4 days at 5% with no errors"),
             D("search-api", "deploy", "v12.4.0", "v12.3.2", -52, 5, "lucia.ferraro", "SRCH-1502: price-sorted results use cached min price; spring-boot 3.3.2 -> 3.3.3")],
)


scenario(
    name="reviews-not-loading-on-hotel-pages", estate=SB, now="2025-04-22T08:50:00Z", hours=2.0,
    cause="config_change", culprit="reviews-mysql", classes=["G"],
    distractor="no logs available; reviews-svc deploy 95 min before; resolved extranet latency alert",
    description="08:42 UTC: hotel pages show 'reviews temporarily unavailable' for a large share of views; partners "
                "cannot reply to reviews. Reviews error alert critical. (Log pipeline down since this morning.)",
    omit=["logs"],
    alerts=[A("PartnerExtranetLatency", "partner-extranet", "warning", -70, -58, summary="partner-extranet p99 > 3s", desc="Extranet slow.",
              expr='histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="partner-extranet"}[5m]))) > 3'),
            A("ReviewsSvcHighErrorRate", "reviews-svc", "critical", -8, summary="reviews-svc 5xx > 10%", desc="Reviews API failing.",
              expr='sum(rate(http_server_requests_seconds_count{service="reviews-svc",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="reviews-svc"}[5m])) > 0.1'),
            A("WebFrontendPartialRenderErrors", "web-frontend", "warning", -6, summary="SSR partial render errors > 2%", desc="Widgets failing to render.",
              expr='sum(rate(ssr_partial_render_errors_total[5m])) / sum(rate(ssr_renders_total[5m])) > 0.02')],
    signals={
        "reviews-mysql": {"saturation": [("set", -24, None, 0.99, 1)], "_drop": ["cpu_utilisation"]},
        "reviews-svc": {"error_ratio": [("set", -24, None, 0.27, 1)], "latency_p99_seconds": [("set", -24, None, 1.1, 1)]},
        "web-frontend": {"error_ratio": [("set", -23, None, 0.021, 1)]},
        "partner-extranet": {"error_ratio": [("set", -23, None, 0.1, 1)], "latency_p99_seconds": [("add", -72, -58, 3.0, 2)]},
        "search-api": {}, "booking-svc": {},
    },
    logs=None,
    deploys=[D("reviews-mysql", "config", "pg staybird-reviews-mysql8 rev-12", "pg staybird-reviews-mysql8 rev-11", -24, 1, "olek.nowak",
               "CHG-9120: reviews-mysql parameter group: max_connections 500 -> 150 and innodb_buffer_pool_size tuning to fit r6g.large downsize (applied immediately)"),
             D("reviews-svc", "deploy", "v4.3.1", "v4.3.0", -95, 3, "ines.duarte", "REV-322: management response length limit 2000 chars")],
)


def _s27(g):
    bk = "booking-svc"
    for i, p in enumerate(g.pods_of(bk)):
        g.at(bk, "info", -11.5 + i * 0.7, "Started BookingApplication in 23.%03d seconds (process running for 25.1)" % (300 + i * 41), logger="{pkg}.BookingApplication", host=p)
        g.at(bk, "info", -11.4 + i * 0.7, "HikariPool-1 - Start completed.", logger="com.zaxxer.hikari.HikariDataSource", host=p)
    g.stream(bk, "error", -6, 0, 4.0, ["HikariPool-1 - Connection is not available, request timed out after 10000ms.",
                                       "Booking <<bk>> failed at step=CONFIRM: org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction; nested exception is com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server."],
             logger="{pkg}.booking.BookingService")
    g.stream("payments-svc", "error", -6, 0, 1.5, ["record payment failed booking=<<bk>> err=\"dial tcp 10.30.101.25:3306: i/o timeout\"",
                                                   "capture failed payment=<<uuid>> err=\"invalid connection\""])
    g.stream("bookings-mysql", "info", -90, -6.5, 0.4, ["[MY-010914] [Server] Aborted connection <<int:100000-999999>> to db: 'bookings' user: 'booking_svc' host: '<<ip>>' (Got an error reading communication packets)."])
    g.at("bookings-mysql", "info", -2.8, "RDS-EVENT-0049: Multi-AZ instance failover started.", host="bookings-mysql-instance-1")
    g.stream("web-frontend", "error", -5, 0, 1.5, ["upstream request failed POST http://booking-svc.booking.svc.cluster.local:8080/v2/bookings status=500"])


scenario(
    name="booking-confirmation-page-errors", estate=SB, now="2024-08-08T17:30:00Z", hours=1.5,
    cause="dependency_outage", culprit="bookings-mysql", classes=["D"],
    distractor="booking-svc deployed 12 min before; database metrics stop (no data) instead of going red",
    description="17:26 UTC: guests get an error page when confirming a booking; payment step also failing. Booking "
                "and payments alerts critical.",
    log_minutes=90, bg_total=900,
    alerts=[A("BookingSvcHighErrorRate", "booking-svc", "critical", -4, summary="booking-svc 5xx > 5%", desc="Bookings failing.",
              expr='sum(rate(http_server_requests_seconds_count{service="booking-svc",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="booking-svc"}[5m])) > 0.05'),
            A("PaymentsSvcHighErrorRate", "payments-svc", "critical", -3, summary="payments-svc error ratio > 5%", desc="Payments failing.",
              expr='sum(rate(http_server_requests_seconds_count{service="payments-svc",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="payments-svc"}[5m])) > 0.05')],
    signals={
        "booking-svc": {"error_ratio": [("set", -6, None, 0.56, 1)], "latency_p99_seconds": [("set", -6, None, 10.2, 1)],
                        "saturation": [("set", -6, None, 1.0, 1)], "memory_utilisation": [("set", -12, -9, 0.28, 1)]},
        "payments-svc": {"error_ratio": [("set", -6, None, 0.48, 1)], "latency_p99_seconds": [("set", -6, None, 5.0, 1)]},
        "bookings-mysql": {"_all": [("cut", -6.5)]},
        "web-frontend": {"error_ratio": [("set", -5, None, 0.03, 1)]},
        "availability-svc": {}, "pricing-svc": {}, "search-api": {},
    },
    bg_logs=["booking-svc", "payments-svc", "bookings-mysql", "web-frontend", "availability-svc", "pricing-svc", "search-api"],
    bgmul={"bookings-mysql": [(-6.5, None, 0.0)]},
    logs=_s27,
    deploys=[D("booking-svc", "deploy", "v5.2.0", "v5.1.9", -13, 4, "maja.kowalska", "BKG-1130: cancellation policy summary on confirmation page")],
)


def _s28(g):
    av = "availability-svc"
    g.stream(av, "warn", -12, 0, 3.0, ["memcache get failed server=10.30.77.<<choice:12|14>>:11211 err=\"memcache: connect timeout to 10.30.77.<<choice:12|14>>:11211\"",
                                       "cache unavailable, falling back to inventory-mysql hotel=<<hotel>> dates=<<int:1-14>>"])
    g.stream(av, "warn", -10, 0, 0.6, ["slow inventory query hotel=<<hotel>> took=<<int:400-1500>>ms"])
    g.stream("inventory-mysql", "warn", -10, 0, 0.8, ["[MY-010914] [Server] Slow query: Query_time: 1.<<int:100-999>> Lock_time: 0.000 Rows_sent: <<int:20-200>> Rows_examined: <<int:90000-400000>> SELECT room_type_id, stay_date, allotment, closed FROM room_inventory WHERE hotel_id = <<hotel>> AND stay_date BETWEEN '2025-05-<<int:19-31>>' AND '2025-06-<<int:01-20>>'"])
    g.stream("search-api", "warn", -10, 0, 1.0, ["Availability call slow: <<int:900-2000>>ms (timeout 2000ms) destination=<<city>>"], logger="{pkg}.search.AvailabilityClient")
    for i, p in enumerate(g.pods_of("search-api")):
        g.at("search-api", "info", -15.5 + i * 0.6, "Started SearchApiApplication in 21.%03d seconds (process running for 23.3)" % (400 + i * 17), logger="{pkg}.SearchApiApplication", host=p)
        g.at("search-api", "info", -15.45 + i * 0.6, ":: Spring Boot ::                (v3.3.0)", logger="org.springframework.boot.SpringApplication", host=p)


scenario(
    name="search-results-slow-at-lunchtime", estate=SB, now="2025-05-19T12:10:00Z", hours=2.0,
    cause="dependency_outage", culprit="memcached-availability", classes=["D"],
    distractor="search-api deploy (Spring Boot upgrade) 16 min before; the cache has no metrics; DB CPU alert",
    description="12:03 UTC: search results slow (3-5 s) for every destination since about noon. Search latency "
                "alert critical, inventory DB CPU warning.",
    alerts=[A("SearchApiLatencyHigh", "search-api", "critical", -7, summary="search-api p99 > 2s", desc="Search latency high.",
              expr='histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="search-api"}[5m]))) > 2'),
            A("InventoryMysqlCPUHigh", "inventory-mysql", "warning", -5, summary="inventory-mysql CPU > 90%", desc="RDS CPU above 90% for 5m.",
              expr='max(aws_rds_cpuutilization_average{dbinstance_identifier=~"inventory-mysql.*"}) > 90')],
    signals={
        "availability-svc": {"latency_p99_seconds": [("set", -12, None, 0.95, 1)], "error_ratio": [("set", -12, None, 0.018, 1)],
                             "cpu_utilisation": [("mul", -12, None, 1.3, 1)]},
        "inventory-mysql": {"cpu_utilisation": [("set", -12, None, 0.93, 2)], "saturation": [("set", -12, None, 0.68, 2)],
                            "latency_p99_seconds": [("set", -12, None, 0.62, 2)]},
        "search-api": {"latency_p99_seconds": [("set", -12, None, 2.7, 2)], "memory_utilisation": [("set", -16, -13, 0.3, 1)]},
        "pricing-svc": {"latency_p99_seconds": [("mul", -11, None, 3.5, 2)]},
        "metasearch-feed": {"latency_p99_seconds": [("mul", -11, None, 3.0, 2)]},
        "web-frontend": {"latency_p99_seconds": [("mul", -12, None, 2.8, 2)]},
        "booking-svc": {},
    },
    bg_logs=["availability-svc", "inventory-mysql", "search-api", "pricing-svc", "metasearch-feed", "web-frontend", "booking-svc"],
    logs=_s28,
    deploys=[D("search-api", "deploy", "v12.9.0", "v12.8.4", -16, 4, "lucia.ferraro", "SRCH-1561: Spring Boot 3.2.6 -> 3.3.0; Micrometer 1.13")],
)


def _s29(g):
    av = "availability-svc"
    for i, p in enumerate(g.pods_of(av)):
        t = -16 if i == 0 else -12 + i * 0.5
        g.at(av, "info", t, "starting availability-svc version=3.14.0 commit=b71e0a9 proto_schema=avl.v2", host=p)
    g.stream(av, "info", -16, 0, 1.0, ["served availability hotels=<<int:1-40>> format=avl.v2 dur=<<int:5-40>>ms"])
    g.stream("search-api", "error", -16, 0, (0.6, 3.0), ["Failed to decode availability response for hotel=<<hotel>>: com.google.protobuf.InvalidProtocolBufferException: Protocol message contained an invalid tag (zero).",
                                                         "Search failed destination=<<city>>: 500 INTERNAL_SERVER_ERROR (availability decode)"], logger="{pkg}.search.AvailabilityClient")
    g.stream("metasearch-feed", "error", -15, 0, (0.3, 1.5), ["availability decode failed hotel=<<hotel>> err=\"proto: cannot parse invalid wire-format data\""])
    g.stream("reviews-svc", "error", -120, 0, 0.4, ["Traceback (most recent call last): ... ValueError: invalid literal for int() with base 10: 'N/A' (review import batch, hotel=<<hotel>>)"], logger="reviews.importer")
    g.stream("image-service", "info", -52, -18, 1.0, ["thumbnail regen progress batch=hero-2024q4 done=<<int:10000-90000>> of 142000"])


scenario(
    name="search-results-page-errors", estate=SB, now="2024-10-15T14:05:00Z", hours=2.0,
    cause="deploy", culprit="availability-svc", classes=[],
    distractor="image-service batch CPU hog (resolved alert); reviews importer errors all morning; culprit's own error rate stays flat",
    description="13:57 UTC: 'something went wrong' on the search results page for some destinations, rising; "
                "metasearch partners report errors too.",
    alerts=[A("ImageServiceCPUHigh", "image-service", "warning", -48, -20, summary="image-service CPU > 90%", desc="Thumbnail regeneration batch.",
              expr='sum(rate(container_cpu_usage_seconds_total{container="image-service"}[5m])) / sum(kube_pod_container_resource_limits{container="image-service",resource="cpu"}) > 0.9'),
            A("SearchApiHighErrorRate", "search-api", "critical", -8, summary="search-api 5xx > 3%", desc="search-api errors.",
              expr='sum(rate(http_server_requests_seconds_count{service="search-api",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="search-api"}[5m])) > 0.03'),
            A("MetasearchFeedErrors", "metasearch-feed", "warning", -6, summary="metasearch-feed errors > 5%", desc="Partner queries failing.",
              expr='sum(rate(http_server_requests_seconds_count{service="metasearch-feed",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="metasearch-feed"}[5m])) > 0.05')],
    signals={
        "availability-svc": {"cpu_utilisation": [("mul", -16, None, 0.9, 2)], "memory_utilisation": [("set", -16, -11, 0.25, 1)]},
        "search-api": {"error_ratio": [("set", -16, -12, 0.025, 1), ("set", -12, None, 0.125, 2)]},
        "metasearch-feed": {"error_ratio": [("set", -15, -12, 0.02, 1), ("set", -12, None, 0.1, 2)]},
        "web-frontend": {"error_ratio": [("set", -12, None, 0.045, 2)]},
        "image-service": {"cpu_utilisation": [("set", -52, -18, 0.95, 2)]},
        "reviews-svc": {"error_ratio": [("set", -120, None, 0.006, 0)]},
        "pricing-svc": {}, "inventory-mysql": {},
    },
    bg_logs=["availability-svc", "search-api", "metasearch-feed", "web-frontend", "image-service", "reviews-svc", "pricing-svc"],
    logs=_s29,
    deploys=[D("availability-svc", "deploy", "v3.14.0", "v3.13.2", -16, 5, "rui.pinto",
               "AVL-1442: room-level availability response as protobuf avl.v2 (adds rate-plan restrictions); canary 20% then 100%")],
)


def _s30(g):
    ps = "payments-svc"
    for i, p in enumerate(g.pods_of(ps)):
        g.at(ps, "info", -19.5 + i * 0.6, "starting payments-svc version=2.40.1 commit=c4d9e12 go=go1.23.1", host=p)
    g.stream(ps, "info", -120, -13, 0.9, ["payment authorised booking=<<bk>> psp=paynova amount=<<int:80-2400>>.00 EUR psp_ref=PN<<hex:12>> dur=<<int:300-1200>>ms"])
    g.stream(ps, "error", -13, 0, 2.2, ["authorise failed booking=<<bk>> psp=paynova status=502 url=https://api.paynova.com/v2/payments body=\"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\"",
                                        "authorise failed booking=<<bk>> psp=paynova err=\"Post \\\"https://api.paynova.com/v2/payments\\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\"",
                                        "capture failed payment=<<uuid>> psp=paynova status=503 url=https://api.paynova.com/v2/payments/<<hex:16>>/captures"])
    g.stream("booking-svc", "warn", -12, 0, 1.2, ["Booking <<bk>> payment step failed: 502 BAD_GATEWAY from payments-svc (psp unavailable); hold released"], logger="{pkg}.booking.CheckoutService")


scenario(
    name="card-payments-failing-at-checkout", estate=SB, now="2025-03-27T19:50:00Z", hours=2.0,
    cause="external", culprit="paynova", classes=["C", "C-deploy"],
    distractor="payments-svc deployed 20 min before",
    description="19:41 UTC: card payments fail at checkout ('payment could not be processed'); guests retry and give "
                "up. Payments alert critical, checkout conversion warning.",
    alerts=[A("PaymentsAuthorisationFailureRate", "payments-svc", "critical", -8, summary="Authorisation failure ratio > 15%", desc="Card authorisations failing.",
              expr='sum(rate(payments_authorise_failed_total[5m])) / sum(rate(payments_authorise_total[5m])) > 0.15'),
            A("BookingCheckoutErrors", "booking-svc", "warning", -6, summary="Checkout failures > 10%", desc="Payment step failing.",
              expr='sum(rate(booking_checkout_failed_total[5m])) / sum(rate(booking_checkout_total[5m])) > 0.1')],
    signals={
        "payments-svc": {"error_ratio": [("set", -13, None, 0.38, 1)], "latency_p99_seconds": [("set", -13, None, 8.1, 1)],
                         "memory_utilisation": [("set", -20, -17, 0.2, 1)]},
        "booking-svc": {"error_ratio": [("set", -12, None, 0.21, 1)]},
        "web-frontend": {"error_ratio": [("set", -12, None, 0.011, 1)]},
        "bookings-mysql": {}, "availability-svc": {}, "search-api": {},
    },
    bg_logs=["payments-svc", "booking-svc", "web-frontend", "bookings-mysql", "search-api"],
    logs=_s30,
    deploys=[D("payments-svc", "deploy", "v2.40.1", "v2.40.0", -20, 3, "sam.okoro", "PAY-771: log Idempotency-Key on PSP calls; aws-sdk-go-v2 bump")],
)


def _s31(g):
    nw = "notification-worker"
    g.stream(nw, "info", -120, -23, 1.5, ["email sent template=<<choice:booking_confirmation|booking_confirmation|password_reset|booking_cancelled|review_request>> provider=mailwave message_id=<<hex:24>> dur=<<int:80-400>>ms"])
    g.stream(nw, "error", -23, 0, 3.0, ["email send failed provider=mailwave template=<<choice:booking_confirmation|password_reset|booking_cancelled>> status=503 error=\"Service Unavailable\" host=api.mailwave.io attempt=<<int:1-5>>",
                                        "email send failed provider=mailwave error=\"read ECONNRESET\" host=api.mailwave.io:443 attempt=<<int:1-5>>",
                                        "email send failed provider=mailwave error=\"timeout of 10000ms exceeded\" url=https://api.mailwave.io/v3/mail/send"])
    g.stream(nw, "warn", -22, 0, 1.5, ["message nacked and requeued queue=email.send delivery_tag=<<int:10000-99999>> redelivered=true"])
    g.stream("user-svc", "info", -120, 0, 0.5, ["password reset requested user_id=<<int:100000-999999>> channel=email"])


scenario(
    name="password-reset-and-confirmation-emails-not-arriving", estate=SB, now="2024-07-30T07:40:00Z", hours=2.0,
    cause="external", culprit="mailwave", classes=["C"],
    distractor="resolved queue-backlog alert from last night's campaign; broker alert fires too",
    description="07:31 UTC: guests report no booking confirmation or password-reset e-mails this morning; customer "
                "service queue growing. Notification failure alert critical.",
    alerts=[A("RabbitMQQueueBacklog", "rabbitmq", "warning", -560, -505, summary="email.send ready messages > 100k", desc="Queue backlog growing.",
              expr='max(rabbitmq_queue_messages_ready{queue="email.send"}) > 100000', queue="email.send"),
            A("NotificationSendFailures", "notification-worker", "critical", -9, summary="E-mail send failure ratio > 20%", desc="notification-worker send failures.",
              expr='sum(rate(notifications_failed_total[5m])) / (sum(rate(notifications_sent_total[5m])) + sum(rate(notifications_failed_total[5m]))) > 0.2'),
            A("RabbitMQQueueBacklog", "rabbitmq", "warning", -4, summary="email.send ready messages > 20k", desc="Queue backlog growing.",
              expr='max(rabbitmq_queue_messages_ready{queue="email.send"}) > 20000', queue="email.send")],
    signals={
        "notification-worker": {"error_ratio": [("set", -23, None, 0.86, 1)], "latency_p99_seconds": [("set", -23, None, 10.0, 1)],
                                "request_rate": [("mul", -23, None, 0.15, 1)]},
        "rabbitmq": {"saturation": [("lin", -23, 0, 0.004, 0.045)]},
        "user-svc": {}, "booking-svc": {}, "web-frontend": {},
    },
    bg_logs=["notification-worker", "rabbitmq", "user-svc", "booking-svc", "web-frontend"],
    logs=_s31,
)


def _s32(g):
    g.stream("blackbox-exporter", "error", -19, 0, 1.0, ["ts=<<ts:iso>> caller=http.go:466 module=http_2xx target=https://images.staybird.com/h/health.jpg level=error msg=\"Invalid HTTP response status code, wanted 2xx\" status_code=503"])
    g.stream("blackbox-exporter", "info", -120, -19, 0.3, ["ts=<<ts:iso>> caller=main.go:190 module=http_2xx target=https://images.staybird.com/h/health.jpg level=info msg=\"Probe succeeded\" duration_seconds=0.0<<int:20-90>>"])
    g.stream("image-service", "error", -18, 0, 1.0, ["cdn purge failed url=https://api.pixelcdn.net/v1/purge status=503 path=/h/<<hotel>>/<<hex:12>>.jpg",
                                                     "cdn upload failed url=https://api.pixelcdn.net/v1/assets status=503 body=\"edge unavailable\""])
    g.stream("partner-extranet", "error", -17, 0, 0.8, ["photo publish failed hotel=<<hotel>> error=\"pixelcdn upload: 503 Service Unavailable (https://api.pixelcdn.net/v1/assets)\""])


scenario(
    name="hotel-photos-not-loading", estate=SB, now="2025-01-07T21:15:00Z", hours=2.0,
    cause="external", culprit="pixelcdn", classes=["C"],
    distractor="server-side metrics of the web tier look healthy; image origin traffic drops rather than errors; no deploy data",
    description="21:07 UTC: hotel pages and search results show grey boxes instead of photos; partners can't publish new "
                "photos. Synthetic image probe failing.",
    omit=["deploys"],
    alerts=[A("BlackboxProbeFailed", "image-service", "critical", -8, summary="Probe https://images.staybird.com/h/health.jpg failing", desc="Image host probe failing for 5m.",
              expr='probe_success{job="blackbox",instance="https://images.staybird.com/h/health.jpg"} == 0', instance="https://images.staybird.com/h/health.jpg"),
            A("PartnerExtranetErrorRate", "partner-extranet", "warning", -5, summary="partner-extranet 5xx > 5%", desc="Extranet errors.",
              expr='sum(rate(http_server_requests_seconds_count{service="partner-extranet",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="partner-extranet"}[5m])) > 0.05')],
    signals={
        "image-service": {"request_rate": [("mul", -19, None, 0.18, 1)], "error_ratio": [("set", -18, None, 0.03, 1)]},
        "partner-extranet": {"error_ratio": [("set", -17, None, 0.09, 1)]},
        "web-frontend": {}, "search-api": {}, "envoy-ingress": {}, "alb-public": {},
    },
    bg_logs=["image-service", "partner-extranet", "web-frontend", "search-api", "envoy-ingress"],
    bgmul={"image-service": [(-19, None, 0.2)]},
    logs=_s32,
)


def _s33(g):
    pe = "partner-extranet"
    g.at(pe, "info", -21.5, "api key authenticated key=pk_live_mer...9f2a partner=meridian-hotels-group properties=412 scopes=rates:write")
    g.stream(pe, "info", -21, 0, 14, ["request completed method=PUT url=/api/v1/properties/<<hotel>>/rates/bulk statusCode=<<choice:200|200|200|504>> responseTime=<<int:400-9000>> partner=meridian-hotels-group items=<<int:300-730>>"])
    g.stream("channel-sync", "error", -17, 0, 2.5, ["pymysql.err.OperationalError: (1205, 'Lock wait timeout exceeded; try restarting transaction') while applying ARI hotel=<<hotel>>",
                                                    "pymysql.err.OperationalError: (1213, 'Deadlock found when trying to get lock; try restarting transaction') while applying ARI hotel=<<hotel>>"],
             logger="channel_sync.writer")
    g.stream("inventory-mysql", "warn", -19, 0, 1.5, ["[MY-010914] [Server] Slow query: Query_time: <<int:2-9>>.<<int:100-999>> Lock_time: <<int:1-8>>.<<int:100-999>> Rows_sent: 0 Rows_examined: <<int:300-730>> INSERT INTO room_rates (hotel_id, room_type_id, rate_plan_id, stay_date, amount, currency) VALUES (...) ON DUPLICATE KEY UPDATE amount = VALUES(amount)"])
    g.stream("availability-svc", "warn", -15, 0, 0.6, ["slow inventory query hotel=<<hotel>> took=<<int:400-1800>>ms"])
    for i, p in enumerate(g.pods_of("pricing-svc")):
        g.at("pricing-svc", "info", -48 + i * 0.6, "Started PricingApplication in 16.%03d seconds (process running for 18.2)" % (400 + i * 21), logger="{pkg}.PricingApplication", host=p)


scenario(
    name="rate-and-availability-writes-timing-out", estate=SB, now="2024-09-30T09:10:00Z", hours=2.0,
    cause="traffic_surge", culprit="partner-extranet", classes=["B", "B-ds-alert"],
    distractor="channel-sync errors are loud; pricing-svc deploy 48 min before; alert on the database",
    description="09:02 UTC: DB alert on inventory-mysql threads running, then channel-sync write errors; hotels say "
                "rate changes fail to save and availability is slow.",
    alerts=[A("MySQLThreadsRunningHigh", "inventory-mysql", "critical", -8, summary="inventory-mysql threads_running > 48", desc="Threads running high, lock waits.",
              expr='max(mysql_global_status_threads_running{instance=~"inventory-mysql.*"}) > 48'),
            A("ChannelSyncWriteErrors", "channel-sync", "warning", -5, summary="channel-sync failed messages > 5%", desc="ARI writes failing.",
              expr='sum(rate(channel_sync_messages_failed_total[5m])) / sum(rate(channel_sync_messages_total[5m])) > 0.05')],
    signals={
        "partner-extranet": {"request_rate": [("mul", -21, None, 17, 2)], "latency_p99_seconds": [("set", -18, None, 4.1, 3)],
                             "error_ratio": [("set", -16, None, 0.05, 2)], "cpu_utilisation": [("set", -21, None, 0.66, 2)]},
        "inventory-mysql": {"cpu_utilisation": [("set", -20, None, 0.95, 3)], "saturation": [("set", -19, None, 0.97, 3)],
                            "latency_p99_seconds": [("set", -19, None, 2.9, 3)]},
        "channel-sync": {"error_ratio": [("set", -17, None, 0.22, 2)], "latency_p99_seconds": [("set", -17, None, 5.5, 2)], "saturation": [("set", -17, None, 0.98, 2)]},
        "availability-svc": {"latency_p99_seconds": [("set", -15, None, 0.6, 2)]},
        "pricing-svc": {"latency_p99_seconds": [("mul", -15, None, 2.5, 2)], "memory_utilisation": [("set", -48, -46, 0.3, 1)]},
        "search-api": {}, "booking-svc": {},
    },
    bg_logs=["partner-extranet", "inventory-mysql", "channel-sync", "availability-svc", "pricing-svc", "search-api"],
    bgmul={"partner-extranet": [(-21, None, 6.0)]},
    logs=_s33,
    deploys=[D("pricing-svc", "deploy", "v8.4.1", "v8.4.0", -48, 4, "anke.vos", "PRC-1102: LOS discount rules cached per hotel for 60s")],
)


# ==== MAIN ====
HARD_CLASSES = {
    "A": "shared platform component failing under many services",
    "B": "traffic surge whose first visible damage is a saturated datastore",
    "B-ds-alert": "…variant where the alert fires on the datastore",
    "C": "third-party outage; caller logs name the provider host; provider is a catalogued dependency",
    "C-deploy": "…and the caller also deployed recently",
    "D": "routine, innocent deploy minutes before an unrelated dependency fails",
    "E-producer": "queue backlog, producer surged",
    "E-consumer": "queue backlog, consumer slowed",
    "F": "slow resource leak that began before an unrelated deploy",
    "G": "config change / feature flag on a dependency, effect shows on callers",
}


def write_readme():
    by_cause = {}
    for sc in SCENARIOS:
        by_cause.setdefault(sc["cause"], []).append(sc["name"])
    lines = ["# Blind incident scenarios: Ledgerline Securities and Staybird", "",
             "Replayable incident scenarios for measuring how well an incident-diagnosis bot's root-cause",
             "engine generalises to incidents written by someone who has never seen it.", "",
             "**Written blind.** The author never read, ran or scored the engine, its connectors, retrieval, runbooks or",
             "other test sets. Treat this set as a held-out test: do not tune the engine on it, and do not edit",
             "scenarios to make them pass. If a scenario is wrong, fix it in `generate.py` for a reason that is",
             "about realism or correctness, never about the score.", "",
             "## Estates", "",
             "* **Ledgerline Securities** - retail online brokerage on GKE with Linkerd: web BFF, order entry, pre-trade",
             "  risk, FIX order router to the exchanges, market-data ingest and fan-out, quotes, portfolio/positions, KYC",
             "  onboarding, funding via a clearing bank, activity search (Elasticsearch), statements batch; Kafka, Postgres",
             "  (CloudNativePG), Redis. Third parties: `vantagefeed` (market data), `idcheckr` (identity verification),",
             "  `harborbank-clearing` (clearing bank API), `exchange-venues` (FIX sessions). %d components." % len(LEDGER_COMPONENTS),
             "* **Staybird** - hotel-booking marketplace on EKS behind an AWS ALB and Envoy ingress: search, availability",
             "  (memcached in front of MySQL), pricing, booking, payments through a PSP, channel-manager sync, reviews,",
             "  e-mail notifications, image CDN, partner extranet, metasearch feed; RabbitMQ, MySQL (RDS), kube-dns, spot and",
             "  on-demand node groups. Third parties: `paynova` (PSP), `mailwave` (e-mail), `pixelcdn` (image CDN),",
             "  `hotelhub-cm` (channel manager). %d components." % len(STAYBIRD_COMPONENTS), "",
             "Both catalogs are hand-written the way real ones are: platform pieces (cluster DNS, mesh, ingress, node",
             "pools) appear as components but are not named in `depends_on` lists.", "",
             "## Regenerating", "",
             "```",
             "/work/main/.venv/bin/python generate.py          # rewrite all scenario folders + this README, then validate",
             "/work/main/.venv/bin/python generate.py --check  # validate what is on disk only",
             "```", "",
             "Output is deterministic (seeded `random.Random` per scenario and purpose): two runs are byte-identical.",
             "Validation covers the scenario contract (files, keys, Alertmanager v4 body, ECS log lines, deploy records,",
             "signal shapes and ranges, 1.5-4 h windows, `now` a few minutes after the first firing alert, size < 1 MB)",
             "and the set (>= 32 scenarios, every cause >= 3 times).", "",
             "## Causes", ""]
    for c in CAUSES:
        lines.append("* `%s` (%d): %s" % (c, len(by_cause.get(c, [])), ", ".join("`%s`" % n for n in by_cause.get(c, []))))
    lines += ["", "## Hard classes covered", ""]
    for k, v in HARD_CLASSES.items():
        names = [sc["name"] for sc in SCENARIOS if k in sc["classes"]]
        lines.append("* **%s** %s: %s" % (k, v, ", ".join("`%s`" % n for n in names) or "-"))
    lines += ["", "## Scenarios", "",
              "`step` is the sampling step(s) of the scenario's signals; `-` when signals are left out on purpose.", "",
              "| scenario | step | cause | culprit | distractor |", "|---|---|---|---|---|"]
    for sc in SCENARIOS:
        if "signals" in sc["omit"]:
            step = "-"
        else:
            step = "/".join(str(s) for s in sorted(set(sc["_steps"].values()))) + " s"
        extra = (" (no %s)" % ", ".join(sc["omit"])) if sc["omit"] else ""
        lines.append("| `%s` | %s | %s | %s | %s%s |" % (sc["name"], step, sc["cause"], sc["culprit"], sc["distractor"], extra))
    lines.append("")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate the folders on disk only")
    args = ap.parse_args()
    names = [sc["name"] for sc in SCENARIOS]
    if len(names) != len(set(names)):
        print("duplicate scenario names", file=sys.stderr)
        return 2
    if not args.check:
        for sc in SCENARIOS:
            write_scenario(sc)
        write_readme()
    errs, causes = validate_all(None if args.check else names)
    if errs:
        print("VALIDATION FAILED (%d problems):" % len(errs), file=sys.stderr)
        for e in errs:
            print("  - " + e, file=sys.stderr)
        return 1
    print("ok: %d scenarios; causes: %s" % (sum(causes.values()), ", ".join("%s=%d" % (c, causes.get(c, 0)) for c in CAUSES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
