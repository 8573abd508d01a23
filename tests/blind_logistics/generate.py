#!/usr/bin/env python3
"""Generate the blind incident scenario set for two fictional companies
(Parcelwise: parcel delivery on Nomad/Consul; Forkful: food delivery on EKS).

Deterministic: every random draw is seeded from the scenario name, no wall clock.
Run: python3 generate.py   (writes one folder per scenario next to this file)
"""
import hashlib
import json
import math
import os
import random
from datetime import datetime, timedelta, timezone

import yaml

SIGNALS = ["request_rate", "error_ratio", "latency_p99_seconds",
           "cpu_utilisation", "memory_utilisation", "saturation"]


def parse_now(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def iso(dt, ms=False):
    if ms:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def seed_of(name):
    return int(hashlib.sha256(name.encode()).hexdigest()[:12], 16)


class Scenario:
    def __init__(self, company, name, now, window_min, step_s, description):
        self.company = company
        self.name = name
        self.now = parse_now(now)
        self.now_ts = int(self.now.timestamp())
        self.window = window_min * 60
        self.step = step_s
        self.description = description
        self.rng = random.Random(seed_of(name))
        self.effects = []          # (svc, sig, fn(offset)->(mode,val))
        self.gaps = []             # (svc, start_off, end_off, sigs)
        self.drop_signals = set()  # services with no signals at all
        self.drop_sig = {}         # svc -> set(signals) missing
        self.baseline_over = {}    # (svc,sig) -> value
        self.logs_spec = []
        self.extra_log_services = []
        self.deploys = []
        self.alerts = []
        self.expected = None
        self.omit = set()
        self.empty = set()
        self.routine_rate = 1.0
        self.log_services = None   # explicit routine-log services

    # ---------- signals ----------
    def eff(self, svc, sig, at, mode, val, ramp=90, until=None, back=120):
        """mode 'mul' multiplies baseline by val at full effect, 'add' adds val,
        'set' moves towards val. Effect starts at offset `at` (seconds before now,
        negative), reaches full strength after `ramp` seconds."""
        self.effects.append((svc, sig, at, mode, val, ramp, until, back, "step"))

    def leak(self, svc, sig, at, to_val):
        """linear climb from baseline at `at` to to_val at now."""
        self.effects.append((svc, sig, at, "set", to_val, 0, None, 0, "leak"))

    def gap(self, svc, start, end, sigs=None):
        self.gaps.append((svc, start, end, sigs))

    def base(self, svc, sig, val):
        self.baseline_over[(svc, sig)] = val

    # ---------- logs ----------
    def log(self, svc, start, end, per_min, level, templates, burst=False, extra=None):
        self.logs_spec.append((svc, start, end, per_min, level, templates, extra))

    def once(self, svc, at, level, message, extra=None):
        self.logs_spec.append((svc, at, at, None, level, [lambda r, d, v, m=message: m], extra))

    # ---------- deploys ----------
    def deploy(self, svc, at, kind, version, prev, author, desc, dur=None, did=None, routine=False):
        self.deploys.append(dict(svc=svc, at=at, kind=kind, version=version, prev=prev,
                                 author=author, desc=desc, dur=dur, id=did, routine=routine))

    # ---------- alerts ----------
    def alert(self, name, svc, at, severity, summary, description=None, labels=None,
              resolved=None):
        self.alerts.append(dict(name=name, svc=svc, at=at, severity=severity,
                                summary=summary, description=description,
                                labels=labels or {}, resolved=resolved))

    def expect(self, cause, culprit):
        self.expected = {"cause": cause, "culprit": culprit}


def diurnal(ts, phase_h=0.0, amp=0.25):
    hour = ((ts % 86400) / 3600.0)
    return 1.0 + amp * math.sin((hour - 6 - phase_h) / 24.0 * 2 * math.pi)


def effect_strength(off, at, ramp, until, back, shape):
    if off < at:
        return 0.0
    if shape == "leak":
        return None
    s = 1.0 if ramp <= 0 else min(1.0, (off - at) / ramp)
    if until is not None and off > until:
        s = s * max(0.0, 1.0 - (off - until) / max(back, 1))
    return s


def build_signals(sc, company):
    rng = random.Random(seed_of(sc.name + "/signals"))
    out = {}
    noise_gaps = []
    cand = sorted(s for s in company.profiles if s != (sc.expected or {}).get("culprit"))
    for _ in range(rng.randint(0, 3)):
        g_svc = rng.choice(cand)
        g_start = -rng.randint(5 * 60, sc.window - 300)
        noise_gaps.append((g_svc, g_start, g_start + rng.randint(90, 420), None))
    start = sc.now_ts - sc.window
    # first sample aligned to the step
    t0 = start - (start % sc.step) + sc.step
    times = list(range(t0, sc.now_ts + 1, sc.step))
    for svc, prof in company.profiles.items():
        if svc in sc.drop_signals or prof is None:
            continue
        series = {}
        for sig in SIGNALS:
            if sig in sc.drop_sig.get(svc, set()):
                continue
            if sig not in prof:
                continue
            b = sc.baseline_over.get((svc, sig), prof[sig])
            vals = []
            wob_phase = rng.uniform(0, 6.28)
            for ts in times:
                off = ts - sc.now_ts
                if sig == "request_rate":
                    v = b * diurnal(ts, company.peak_shift, 0.3)
                    v *= 1 + rng.gauss(0, 0.04)
                elif sig in ("cpu_utilisation",):
                    v = b * (0.85 + 0.15 * diurnal(ts, company.peak_shift, 0.6))
                    v += rng.gauss(0, 0.02)
                elif sig == "memory_utilisation":
                    v = b + 0.01 * math.sin(ts / 900.0 + wob_phase) + rng.gauss(0, 0.004)
                elif sig == "error_ratio":
                    v = max(0.0, b * (1 + rng.gauss(0, 0.5)))
                    if rng.random() < 0.02:
                        v += rng.uniform(0.002, 0.01)
                elif sig == "latency_p99_seconds":
                    v = b * (1 + abs(rng.gauss(0, 0.12)))
                else:
                    v = b + 0.03 * math.sin(ts / 600.0 + wob_phase) + rng.gauss(0, 0.015)
                for (esvc, esig, at, mode, val, ramp, until, back, shape) in sc.effects:
                    if esvc != svc or esig != sig:
                        continue
                    if shape == "leak":
                        if off >= at:
                            frac = (off - at) / float(-at) if at < 0 else 1.0
                            v = v + (val - b) * frac * (1 + rng.gauss(0, 0.03))
                        continue
                    s = effect_strength(off, at, ramp, until, back, shape)
                    if not s:
                        continue
                    jitter = 1 + rng.gauss(0, 0.06)
                    if mode == "mul":
                        v = v * (1 + (val - 1) * s * jitter)
                    elif mode == "add":
                        v = v + val * s * jitter
                    elif mode == "set":
                        v = v + (val * jitter - v) * s
                if sig in ("error_ratio", "cpu_utilisation", "memory_utilisation", "saturation"):
                    v = min(1.0, max(0.0, v))
                else:
                    v = max(0.0, v)
                nd = 3 if sig == "request_rate" else 4
                vals.append([ts, round(v, nd)])
            # gaps (scenario-specific and random scrape failures)
            for (gsvc, gs, ge, gsigs) in sc.gaps + noise_gaps:
                if gsvc == svc and (gsigs is None or sig in gsigs):
                    vals = [p for p in vals if not (sc.now_ts + gs <= p[0] <= sc.now_ts + ge)]
            series[sig] = vals
        if series:
            out[svc] = series
    return out


HEX = "0123456789abcdef"


def rhex(rng, n):
    return "".join(rng.choice(HEX) for _ in range(n))


def fill(rng, company):
    return {
        "rid": rhex(rng, 16),
        "trace": rhex(rng, 32),
        "span": rhex(rng, 16),
        "ms": int(rng.lognormvariate(3.3, 0.6)),
        "ms2": int(rng.lognormvariate(5.0, 0.5)),
        "n": rng.randint(1, 40),
        "n3": rng.randint(100, 999),
        "ip": "10.%d.%d.%d" % (rng.choice(company.subnets), rng.randint(0, 15), rng.randint(2, 250)),
        "port": rng.randint(32768, 60999),
        "sid": company.entity_id(rng),
        "oid": "%d" % rng.randint(40000000, 49999999),
        "uid": "%d" % rng.randint(100000, 9999999),
        "depot": rng.choice(company.sites),
        "bytes": rng.randint(180, 9000),
        "pct": rng.randint(1, 99),
    }


def render(tmpl, rng, company, ts_dt):
    if callable(tmpl):
        return tmpl(rng, ts_dt, fill(rng, company))
    return tmpl.format(**fill(rng, company))


def build_logs(sc, company):
    rng = random.Random(seed_of(sc.name + "/logs"))
    start = sc.now_ts - sc.window
    lines = []
    involved = sc.log_services
    if involved is None:
        involved = sorted({s[0] for s in sc.logs_spec} | set(sc.extra_log_services))
        others = [s for s in company.routine if s not in involved]
        rng.shuffle(others)
        involved = involved + others[:rng.randint(3, 6)]
    for svc in involved:
        if svc not in company.routine:
            continue
        rate, level_style, tmpls = company.routine[svc]
        rate = rate * sc.routine_rate
        t = start + rng.uniform(0, 30)
        while t < sc.now_ts:
            t += rng.expovariate(rate / 60.0)
            if t >= sc.now_ts:
                break
            tmpl, lvl = rng.choice(tmpls)
            lines.append((t, svc, lvl, tmpl, None))
    n_routine = len(lines)
    for (svc, s, e, per_min, lvl, tmpls, extra) in sc.logs_spec:
        if per_min is None:
            lines.append((sc.now_ts + s + rng.uniform(0, 0.9), svc, lvl, tmpls[0], extra))
            continue
        t = sc.now_ts + s
        end = sc.now_ts + e
        while True:
            t += rng.expovariate(per_min / 60.0)
            if t >= end or t >= sc.now_ts:
                break
            lines.append((t, svc, lvl, rng.choice(tmpls), extra))
    cap = rng.randint(2300, 2950)
    if len(lines) > cap:
        keep = max(150, cap - (len(lines) - n_routine))
        routine = lines[:n_routine]
        rng.shuffle(routine)
        lines = routine[:keep] + lines[n_routine:]
    lines.sort(key=lambda x: (x[0], x[1]))
    docs = []
    for (t, svc, lvl, tmpl, extra) in lines:
        if t < start:
            continue
        dt = datetime.fromtimestamp(t, tz=timezone.utc)
        msg = render(tmpl, rng, company, dt)
        style = company.routine.get(svc, (0, "lower", None))[1]
        level = lvl.upper() if style == "upper" else lvl.lower()
        if style == "upper" and level == "WARNING":
            level = "WARN"
        doc = {"@timestamp": iso(dt, ms=True), "service": {"name": svc},
               "log": {"level": level}, "message": msg}
        company.decorate(doc, svc, rng)
        if extra:
            for k, v in extra.items():
                doc[k] = v
        docs.append(doc)
    return docs


def build_deploys(sc, company):
    out = []
    rng = random.Random(seed_of(sc.name + "/deploys"))
    culprit = (sc.expected or {}).get("culprit")
    for i, d in enumerate(sorted(sc.deploys, key=lambda d: d["at"])):
        if d.get("routine") and d["svc"] == culprit:
            continue
        st = sc.now + timedelta(seconds=d["at"])
        dur = d["dur"] if d["dur"] is not None else rng.randint(40, 400)
        fin = st + timedelta(seconds=dur)
        did = d["id"] or company.deploy_id(rng, d["svc"], d["kind"])
        out.append({"id": did, "service": d["svc"], "kind": d["kind"],
                    "version": d["version"], "previous_version": d["prev"],
                    "started_at": iso(st), "finished_at": iso(fin),
                    "author": d["author"], "description": d["desc"]})
    return out


def build_alerts(sc, company):
    rng = random.Random(seed_of(sc.name + "/alerts"))
    alerts = []
    any_firing = False
    for a in sc.alerts:
        labels = {"alertname": a["name"], "service": a["svc"], "severity": a["severity"]}
        labels.update(company.alert_labels)
        labels.update(a["labels"])
        st = sc.now + timedelta(seconds=a["at"])
        if a["resolved"] is not None:
            status = "resolved"
            ends = iso(sc.now + timedelta(seconds=a["resolved"]))
        else:
            status = "firing"
            any_firing = True
            ends = "0001-01-01T00:00:00Z"
        ann = {"summary": a["summary"]}
        if a["description"]:
            ann["description"] = a["description"]
        fp = hashlib.sha1(json.dumps(labels, sort_keys=True).encode()).hexdigest()[:16]
        alerts.append({"status": status, "labels": labels, "annotations": ann,
                       "startsAt": iso(st), "endsAt": ends,
                       "generatorURL": company.generator_url(a["name"]),
                       "fingerprint": fp})
    common = dict(company.alert_labels)
    body = {"version": "4",
            "groupKey": '{}/{}:{receiver="%s"}' % company.receiver,
            "truncatedAlerts": 0,
            "status": "firing" if any_firing else "resolved",
            "receiver": company.receiver,
            "groupLabels": {},
            "commonLabels": common,
            "commonAnnotations": {},
            "externalURL": company.am_url,
            "alerts": alerts}
    return body


def write_scenario(root, sc, company):
    d = os.path.join(root, sc.name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.remove(os.path.join(d, f))
    meta = {"name": sc.name, "description": sc.description, "now": iso(sc.now)}
    meta["alerts"] = "alerts.json"
    meta["catalog"] = "catalog.yaml"
    with open(os.path.join(d, "catalog.yaml"), "w") as fh:
        fh.write(company.catalog_text)
    with open(os.path.join(d, "alerts.json"), "w") as fh:
        json.dump(build_alerts(sc, company), fh, indent=2)
        fh.write("\n")
    if "signals" not in sc.omit:
        meta["signals"] = "signals.json"
        with open(os.path.join(d, "signals.json"), "w") as fh:
            json.dump(build_signals(sc, company), fh, separators=(",", ":"))
            fh.write("\n")
    if "logs" not in sc.omit:
        meta["logs"] = "logs.jsonl"
        docs = [] if "logs" in sc.empty else build_logs(sc, company)
        with open(os.path.join(d, "logs.jsonl"), "w") as fh:
            for doc in docs:
                fh.write(json.dumps(doc, separators=(",", ":")) + "\n")
    if "deploys" not in sc.omit:
        meta["deploys"] = "deploys.json"
        deps = [] if "deploys" in sc.empty else build_deploys(sc, company)
        with open(os.path.join(d, "deploys.json"), "w") as fh:
            json.dump(deps, fh, indent=2)
            fh.write("\n")
    meta["expected"] = sc.expected
    with open(os.path.join(d, "scenario.yaml"), "w") as fh:
        yaml.safe_dump(meta, fh, sort_keys=False, width=100, allow_unicode=False)


# ====================================================================== companies


def haproxy_line(backend, servers, paths, status=200, tq=None):
    def f(rng, dt, v):
        p = rng.choice(paths).format(**v)
        tr = v["ms"]
        return ('%s:%d [%s] fe_https~ %s/%s 0/0/%d/%d/%d %d %d - - ---- %d/%d/%d/%d/0 0/0 "%s HTTP/1.1"' % (
            v["ip"], v["port"], dt.strftime("%d/%b/%Y:%H:%M:%S.") + "%03d" % (dt.microsecond // 1000),
            backend, rng.choice(servers), rng.randint(0, 2), tr, tr + rng.randint(0, 3), status,
            v["bytes"], rng.randint(300, 420), rng.randint(300, 420), rng.randint(2, 30),
            rng.randint(1, 9), p))
    return f


def envoy_line(method, paths, upstream, status=200, flags="-", dur=None):
    def f(rng, dt, v):
        p = rng.choice(paths).format(**v)
        d = v["ms"] if dur is None else rng.randint(*dur)
        return ('[%s] "%s %s HTTP/1.1" %d %s 0 %d %d %s "-" "%s" "%s-%s" "%s" "%s:%d"' % (
            dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000),
            method, p, status, flags, v["bytes"], d, max(0, d - 2) if status < 500 else "-",
            rng.choice(["okhttp/4.12.0", "Go-http-client/1.1", "Apache-HttpClient/5.2.1"]),
            v["rid"][:8], v["rid"][8:], upstream, v["ip"], rng.choice([8080, 9090, 20000])))
    return f


def nginx_line(paths, status=200, agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)"):
    def f(rng, dt, v):
        p = rng.choice(paths).format(**v)
        return '%s - - [%s] "%s HTTP/1.1" %d %d "-" "%s" rt=%.3f uct="0.000" urt="%.3f"' % (
            v["ip"], dt.strftime("%d/%b/%Y:%H:%M:%S +0000"), p, status, v["bytes"], agent,
            v["ms"] / 1000.0, max(0.001, v["ms"] / 1000.0 - 0.001))
    return f


# --------------------------------------------------------------------------------------
# Company A: Parcelwise (parcel delivery, on-prem Nomad + Consul)
# --------------------------------------------------------------------------------------

PW_CATALOG = """\
# Parcelwise service catalog -- maintained by platform-eng, PRs welcome.
# Nomad region "nl", datacenters ams1 + rtm1. Prometheus job label == nomad job name.
defaults:
  signals:
    request_rate: 'sum(rate(http_server_requests_total{job="{service}"}[2m]))'
    error_ratio: 'sum(rate(http_server_requests_total{job="{service}",status=~"5.."}[5m])) / sum(rate(http_server_requests_total{job="{service}"}[5m]))'
    latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="{service}"}[5m])))'
    cpu_utilisation: 'sum(nomad_client_allocs_cpu_total_ticks{task_group="{service}"}) / sum(nomad_client_allocs_cpu_allocated{task_group="{service}"})'
    memory_utilisation: 'sum(nomad_client_allocs_memory_usage{task_group="{service}"}) / sum(nomad_client_allocs_memory_allocated{task_group="{service}"})'
    saturation: 'max(service_pool_in_use_ratio{job="{service}"})'
services:
  # ---- edge / platform ----
  edge-haproxy:
    kind: infrastructure
    team: platform
    channel: "#plat-oncall"
    owners: ["S04PLATFORM"]
    signals:
      request_rate: 'sum(rate(haproxy_frontend_http_requests_total{proxy="fe_https"}[2m]))'
      error_ratio: 'sum(rate(haproxy_backend_http_responses_total{code="5xx"}[5m])) / sum(rate(haproxy_backend_http_responses_total[5m]))'
  consul-dns:
    kind: infrastructure
    team: platform
  connect-envoy:
    kind: infrastructure
    team: platform
    description: Consul Connect sidecar proxies (envoy) on every allocation
  nomad-clients:
    kind: infrastructure
    team: platform
    description: Nomad client node pool (general + warehouse node classes)

  # ---- customer facing ----
  customer-portal:
    team: web
    tier: 2
    channel: "#web-alerts"
    depends_on: [shipment-api, tracking-api, auth-service]
  tracking-api:
    team: track-and-trace
    tier: 1
    channel: "#tnt-oncall"
    owners: ["S02TNT"]
    depends_on: [redis-cache, galera-shipments]
  shipment-api:
    team: shipping-core
    tier: 1
    channel: "#shipping-core"
    owners: ["S01SHIPCORE"]
    depends_on: [galera-shipments, redis-cache, address-validation, pricing-service, auth-service, rabbitmq]
  pricing-service:
    team: shipping-core
    tier: 2
    depends_on: [galera-shipments]
  address-validation:
    team: shipping-core
    tier: 2
    depends_on: [here-maps, redis-cache]
  label-service:
    team: shipping-core
    tier: 1
    channel: "#shipping-core"
    depends_on: [carrier-gateway, minio-objects, galera-shipments]
  webhook-dispatcher:
    team: integrations
    tier: 3
    depends_on: [rabbitmq]
  auth-service:
    team: identity
    tier: 1
    channel: "#identity"
    depends_on: [redis-sessions, galera-ops]

  # ---- last mile ----
  dispatch-service:
    team: last-mile
    tier: 1
    channel: "#lastmile-oncall"
    owners: ["S03LASTMILE"]
    depends_on: [route-optimiser, galera-ops, rabbitmq]
  route-optimiser:
    team: routing
    tier: 1
    channel: "#routing"
    depends_on: [here-maps, redis-cache]
  driver-app-gateway:
    team: last-mile
    tier: 1
    channel: "#lastmile-oncall"
    owners: ["S03LASTMILE"]
    depends_on: [auth-service, dispatch-service, pod-service, redis-sessions]
  driver-location-ingest:
    team: last-mile
    tier: 2
    depends_on: [rabbitmq, redis-cache]
  pod-service:
    team: last-mile
    tier: 2
    depends_on: [minio-objects, galera-shipments]
  notification-service:
    team: customer-comms
    tier: 2
    channel: "#comms-alerts"
    depends_on: [twilio, rabbitmq]

  # ---- warehouse / linehaul ----
  scan-ingest:
    team: warehouse-systems
    tier: 1
    channel: "#wh-systems"
    owners: ["S05WAREHOUSE"]
    depends_on: [rabbitmq]
  sortation-service:
    team: warehouse-systems
    tier: 1
    channel: "#wh-systems"
    depends_on: [rabbitmq, galera-ops]
  manifest-service:
    team: linehaul
    tier: 2
    depends_on: [galera-ops, carrier-gateway]
  carrier-gateway:
    team: integrations
    tier: 1
    channel: "#integrations"
    depends_on: [postnord-api, dhl-express-api, redis-cache]
  billing-service:
    team: finance-eng
    tier: 3
    depends_on: [galera-shipments]

  # ---- data ----
  galera-shipments:
    kind: datastore
    team: dba
    channel: "#dba"
    signals:
      saturation: 'max(mysql_global_status_wsrep_flow_control_paused)'
  galera-ops:
    kind: datastore
    team: dba
  redis-cache:
    kind: datastore
    signals:
      saturation: 'max(redis_memory_used_bytes{cluster="cache"} / redis_memory_max_bytes{cluster="cache"})'
  redis-sessions:
    kind: datastore
  minio-objects:
    kind: datastore
    team: platform
    signals:
      saturation: '1 - sum(minio_cluster_capacity_usable_free_bytes) / sum(minio_cluster_capacity_usable_total_bytes)'
  rabbitmq:
    kind: queue
    team: platform
    channel: "#plat-oncall"
    signals:
      saturation: 'max(rabbitmq_queue_messages_ready) / 500000'

  # ---- third parties ----
  twilio: {kind: external}
  here-maps: {kind: external}
  postnord-api:
    kind: external
    description: PostNord booking + label API (carrier partner)
  dhl-express-api: {kind: external}
"""


class Parcelwise:
    key = "parcelwise"
    title = "Parcelwise"
    peak_shift = 2.0
    subnets = [40, 41, 42, 60]
    sites = ["AMS-HUB", "RTM-02", "UTR-01", "EIN-03", "ZWL-01", "GRQ-02"]
    receiver = "pagerduty-lastmile"
    am_url = "http://alertmanager.service.ams1.consul:9093"
    alert_labels = {"dc": "ams1", "env": "prod"}
    catalog_text = PW_CATALOG
    authors = ["joris.vdb", "mkowalska", "t.ahmed", "lieke", "sanne.devries", "pdekker",
               "bram.oosterhout", "r.mulder", "ngozi", "k.jansen"]

    # baselines: request_rate, error_ratio, latency_p99_seconds, cpu, mem, saturation
    profiles = {
        "edge-haproxy": dict(request_rate=820, error_ratio=0.002, latency_p99_seconds=0.42,
                             cpu_utilisation=0.22, memory_utilisation=0.18, saturation=0.2),
        "customer-portal": dict(request_rate=95, error_ratio=0.003, latency_p99_seconds=0.65,
                                cpu_utilisation=0.3, memory_utilisation=0.51, saturation=0.15),
        "tracking-api": dict(request_rate=340, error_ratio=0.001, latency_p99_seconds=0.12,
                             cpu_utilisation=0.35, memory_utilisation=0.44, saturation=0.2),
        "shipment-api": dict(request_rate=120, error_ratio=0.002, latency_p99_seconds=0.38,
                             cpu_utilisation=0.33, memory_utilisation=0.58, saturation=0.25),
        "pricing-service": dict(request_rate=60, error_ratio=0.001, latency_p99_seconds=0.09,
                                cpu_utilisation=0.18, memory_utilisation=0.4, saturation=0.1),
        "address-validation": dict(request_rate=45, error_ratio=0.004, latency_p99_seconds=0.31,
                                   cpu_utilisation=0.12, memory_utilisation=0.35, saturation=0.1),
        "label-service": dict(request_rate=38, error_ratio=0.002, latency_p99_seconds=0.9,
                              cpu_utilisation=0.4, memory_utilisation=0.55, saturation=0.3),
        "webhook-dispatcher": dict(request_rate=25, error_ratio=0.01, latency_p99_seconds=1.1,
                                   cpu_utilisation=0.1, memory_utilisation=0.3, saturation=0.1),
        "auth-service": dict(request_rate=210, error_ratio=0.0008, latency_p99_seconds=0.05,
                             cpu_utilisation=0.2, memory_utilisation=0.36, saturation=0.12),
        "dispatch-service": dict(request_rate=55, error_ratio=0.002, latency_p99_seconds=0.7,
                                 cpu_utilisation=0.3, memory_utilisation=0.5, saturation=0.2),
        "route-optimiser": dict(request_rate=6, error_ratio=0.003, latency_p99_seconds=4.5,
                                cpu_utilisation=0.55, memory_utilisation=0.62, saturation=0.35),
        "driver-app-gateway": dict(request_rate=260, error_ratio=0.002, latency_p99_seconds=0.28,
                                   cpu_utilisation=0.32, memory_utilisation=0.47, saturation=0.2),
        "driver-location-ingest": dict(request_rate=480, error_ratio=0.0005, latency_p99_seconds=0.03,
                                       cpu_utilisation=0.28, memory_utilisation=0.3, saturation=0.1),
        "pod-service": dict(request_rate=30, error_ratio=0.002, latency_p99_seconds=0.6,
                            cpu_utilisation=0.15, memory_utilisation=0.42, saturation=0.15),
        "notification-service": dict(request_rate=40, error_ratio=0.004, latency_p99_seconds=0.5,
                                     cpu_utilisation=0.12, memory_utilisation=0.33, saturation=0.1),
        "scan-ingest": dict(request_rate=150, error_ratio=0.001, latency_p99_seconds=0.04,
                            cpu_utilisation=0.25, memory_utilisation=0.38, saturation=0.1),
        "sortation-service": dict(request_rate=140, error_ratio=0.001, latency_p99_seconds=0.08,
                                  cpu_utilisation=0.35, memory_utilisation=0.45, saturation=0.2),
        "manifest-service": dict(request_rate=8, error_ratio=0.002, latency_p99_seconds=1.4,
                                 cpu_utilisation=0.1, memory_utilisation=0.4, saturation=0.1),
        "carrier-gateway": dict(request_rate=22, error_ratio=0.006, latency_p99_seconds=1.8,
                                cpu_utilisation=0.14, memory_utilisation=0.37, saturation=0.15),
        "billing-service": dict(request_rate=4, error_ratio=0.0, latency_p99_seconds=0.4,
                                cpu_utilisation=0.08, memory_utilisation=0.3, saturation=0.05),
        "galera-shipments": dict(request_rate=2400, error_ratio=0.0, latency_p99_seconds=0.012,
                                 cpu_utilisation=0.35, memory_utilisation=0.71, saturation=0.02),
        "galera-ops": dict(request_rate=900, error_ratio=0.0, latency_p99_seconds=0.008,
                           cpu_utilisation=0.25, memory_utilisation=0.66, saturation=0.01),
        "redis-cache": dict(request_rate=5200, error_ratio=0.0, latency_p99_seconds=0.002,
                            cpu_utilisation=0.2, memory_utilisation=0.55, saturation=0.55),
        "redis-sessions": dict(request_rate=1300, error_ratio=0.0, latency_p99_seconds=0.001,
                               cpu_utilisation=0.1, memory_utilisation=0.3, saturation=0.3),
        "minio-objects": dict(request_rate=70, error_ratio=0.001, latency_p99_seconds=0.2,
                              cpu_utilisation=0.15, memory_utilisation=0.4, saturation=0.71),
        "rabbitmq": dict(request_rate=900, error_ratio=0.0, latency_p99_seconds=0.01,
                         cpu_utilisation=0.3, memory_utilisation=0.35, saturation=0.02),
    }

    routine = {
        "edge-haproxy": (12, "lower", [
            (haproxy_line("be_tracking", ["tracking-1", "tracking-2", "tracking-3"],
                          ["GET /api/v2/track/{sid}", "GET /t/{sid}"]), "info"),
            (haproxy_line("be_portal", ["portal-1", "portal-2"],
                          ["GET /account/shipments?page=1", "POST /api/v1/shipments"]), "info"),
            (haproxy_line("be_driver", ["drvgw-1", "drvgw-2", "drvgw-3"],
                          ["POST /driver/v3/stops/{n3}/events", "GET /driver/v3/route"]), "info"),
        ]),
        "customer-portal": (3, "lower", [
            (nginx_line(["GET /account/shipments?page=1", "GET /track/{sid}", "GET /static/js/app.4f1c9e.js"],
                        agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0"), "info"),
            ("GET /account/shipments 200 {ms}ms", "info"),
            ("session refreshed for customer {uid}", "debug"),
            ("rendered tracking widget for {sid} in {ms}ms", "info"),
        ]),
        "tracking-api": (8, "lower", [
            ('level=info msg="request" method=GET path=/api/v2/track/{sid} status=200 dur={ms}ms cache=hit', "info"),
            ('level=info msg="request" method=GET path=/api/v2/track/{sid} status=200 dur={ms}ms cache=miss', "info"),
            ('level=info msg="event projection applied" shipment={sid} events={n}', "info"),
        ]),
        "shipment-api": (5, "upper", [
            ("Created shipment {sid} for account {uid} (service=NEXT_DAY, parcels={n})", "INFO"),
            ("Completed 200 OK in {ms}ms [POST /api/v1/shipments]", "INFO"),
            ("HikariPool-1 - Pool stats (total=30, active={n}, idle=4, waiting=0)", "DEBUG"),
            ("Completed 200 OK in {ms}ms [GET /api/v1/shipments/{sid}]", "INFO"),
        ]),
        "pricing-service": (2, "upper", [
            ("quote computed account={uid} zone=NL-{n} weight_g={n3}0 price_cents={n3}", "INFO"),
            ("tariff cache warm: 412 entries", "DEBUG"),
        ]),
        "address-validation": (2, "lower", [
            ("validated address postcode=10{n}AB match=HOUSE_NUMBER score=0.9{n}", "info"),
            ("geocode cache hit ratio=0.8{n}", "debug"),
        ]),
        "label-service": (3, "upper", [
            ("Label rendered shipment={sid} format=ZPL size={bytes}B took={ms2}ms", "INFO"),
            ("PUT labels/2026/{sid}.zpl -> minio OK ({bytes} bytes)", "DEBUG"),
        ]),
        "webhook-dispatcher": (2, "lower", [
            ("delivered webhook event=shipment.status_changed endpoint_id={n3} status=200 attempt=1", "info"),
            ("delivered webhook event=shipment.delivered endpoint_id={n3} status=204 attempt=1", "info"),
            ("webhook endpoint_id={n3} responded 410, disabling subscription", "warn"),
        ]),
        "auth-service": (4, "lower", [
            ('{{"level":"info","msg":"token issued","client":"driver-app","sub":"drv-{uid}","ttl":3600}}', "info"),
            ('{{"level":"info","msg":"token introspected","active":true,"dur_ms":{n}}}', "info"),
        ]),
        "dispatch-service": (3, "upper", [
            ("Assigned {n} stops to route R-{depot}-{n3}", "INFO"),
            ("Route plan requested for depot {depot} (stops={n3})", "INFO"),
            ("Consumed msg from q.dispatch.requests delivery_tag={n3}", "DEBUG"),
        ]),
        "route-optimiser": (1.5, "lower", [
            ("solve finished depot={depot} vehicles={n} stops={n3} objective=1{n3}.{n} wall={ms2}ms status=FEASIBLE", "info"),
            ("matrix fetched from cache for depot={depot} size={n3}x{n3}", "debug"),
        ]),
        "driver-app-gateway": (7, "lower", [
            (envoy_line("POST", ["/driver/v3/stops/{n3}/events"], "driver-app-gateway"), "info"),
            (envoy_line("GET", ["/driver/v3/route", "/driver/v3/manifest"], "driver-app-gateway"), "info"),
            ('msg="stop event accepted" driver=drv-{uid} stop={n3} type=DELIVERED', "info"),
        ]),
        "driver-location-ingest": (4, "lower", [
            ('msg="batch flushed" points={n3} drivers={n} lag_ms={n}', "info"),
        ]),
        "pod-service": (2, "upper", [
            ("Stored proof-of-delivery photo for {sid} ({bytes} bytes)", "INFO"),
            ("Signature captured for {sid}", "INFO"),
        ]),
        "notification-service": (3, "lower", [
            ("sms queued to=+3161234{n3} template=out_for_delivery shipment={sid}", "info"),
            ("sms accepted by provider sid=SM{rid}{rid} status=queued", "info"),
        ]),
        "scan-ingest": (6, "lower", [
            ('msg="scan accepted" site={depot} scanner=ZB-{n3} barcode={sid} event=INBOUND', "info"),
            ('msg="scan accepted" site={depot} scanner=ZB-{n3} barcode={sid} event=SORTED', "info"),
            ('msg="published" exchange=scans routing_key=scan.{depot} count={n}', "debug"),
        ]),
        "sortation-service": (5, "upper", [
            ("Chute assignment {depot}/C{n} for parcel {sid}", "INFO"),
            ("Ack batch of {n} deliveries on q.sortation.scans", "DEBUG"),
        ]),
        "manifest-service": (1, "upper", [
            ("Manifest M-{n3} closed for trailer TR{n3} ({n} parcels)", "INFO"),
        ]),
        "carrier-gateway": (2, "lower", [
            ("postnord booking ok shipment={sid} took={ms2}ms", "info"),
            ("dhl-express shipment created awb=JD01{n3}{n3} took={ms2}ms", "info"),
        ]),
        "billing-service": (0.6, "upper", [
            ("Invoice batch progress {pct}% (accounts processed: {n3})", "INFO"),
        ]),
        "nomad-clients": (1, "lower", [
            ('agent: (runner) rendered template "local/config.env"', "info"),
            ("client: node registration complete", "debug"),
        ]),
        "rabbitmq": (1.2, "lower", [
            ("accepting AMQP connection <0.{n3}.0> ({ip}:{port} -> 10.40.1.11:5672)", "info"),
            ("closing AMQP connection <0.{n3}.0> ({ip}:{port} -> 10.40.1.11:5672, vhost: 'prod', user: 'svc')", "info"),
        ]),
    }

    @staticmethod
    def entity_id(rng):
        return "3SPWL%09d" % rng.randint(0, 999999999)

    def decorate(self, doc, svc, rng):
        node = "nomad-%s-%02d" % ("wh" if svc in ("scan-ingest", "sortation-service") else "gen",
                                   (sum(map(ord, svc)) + rng.randint(0, 2)) % 14 + 1)
        doc["host"] = {"name": node}
        if svc in ("consul-dns", "nomad-clients", "connect-envoy"):
            doc["labels"] = {"syslog_program": {"consul-dns": "consul", "nomad-clients": "nomad",
                                                "connect-envoy": "envoy"}[svc], "dc": "ams1"}
        elif svc in ("galera-shipments", "galera-ops", "rabbitmq", "minio-objects"):
            doc["host"] = {"name": "%s-%d" % (svc.split("-")[0], rng.randint(1, 3))}
            doc["labels"] = {"dc": "ams1", "source": "journald"}
        else:
            doc["labels"] = {"nomad_job": svc, "dc": "ams1"}
        doc["ecs"] = {"version": "8.6.0"}

    def deploy_id(self, rng, svc, kind):
        return "nomad-%s-%d" % (svc, rng.randint(40, 900))

    def generator_url(self, name):
        return "http://prometheus.service.ams1.consul:9090/graph?g0.expr=ALERTS%7Balertname%3D%22" + name + "%22%7D"


# --------------------------------------------------------------------------------------
# Company B: Forkful (food delivery marketplace on EKS)
# --------------------------------------------------------------------------------------

FK_CATALOG = """\
# forkful/service-catalog  (source of truth for paging + ownership)
# cluster: prod-euw1 (EKS 1.29). Every service has an ALB-backed ingress unless noted.
defaults:
  signals:
    request_rate: 'sum(rate(http_server_requests_seconds_count{app="{service}"}[1m]))'
    error_ratio: 'sum(rate(http_server_requests_seconds_count{app="{service}",status=~"5.."}[5m])) / clamp_min(sum(rate(http_server_requests_seconds_count{app="{service}"}[5m])), 1)'
    latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{app="{service}"}[5m])))'
    cpu_utilisation: 'sum(rate(container_cpu_usage_seconds_total{container="{service}"}[2m])) / sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})'
    memory_utilisation: 'sum(container_memory_working_set_bytes{container="{service}"}) / sum(kube_pod_container_resource_limits{container="{service}",resource="memory"})'
    saturation: 'max(app_pool_utilisation{app="{service}"})'
services:
  api-gateway:
    team: platform-api
    tier: 1
    channel: "#inc-api"
    owners: ["S0APIPLAT"]
    depends_on: [user-service, menu-service, search-service, cart-service, checkout-service, order-service]
  user-service:
    team: identity
    tier: 1
    depends_on: [orders-aurora, elasticache-redis]
  menu-service:
    team: catalog
    tier: 1
    channel: "#catalog-oncall"
    depends_on: [dynamodb-menus, elasticache-redis]
  search-service:
    team: catalog
    tier: 2
    depends_on: [elasticache-redis, menu-service]
  menu-indexer:
    team: catalog
    tier: 3
    depends_on: [msk-kafka]
  cart-service:
    team: checkout
    tier: 1
    channel: "#checkout-oncall"
    owners: ["S0CHECKOUT"]
    depends_on: [elasticache-redis, menu-service, promotions-service]
  checkout-service:
    team: checkout
    tier: 1
    channel: "#checkout-oncall"
    owners: ["S0CHECKOUT"]
    depends_on: [cart-service, payment-service, order-service, promotions-service]
  payment-service:
    team: payments
    tier: 1
    channel: "#payments-oncall"
    owners: ["S0PAYMENTS"]
    depends_on: [adyen, orders-aurora]
  promotions-service:
    team: growth
    tier: 2
    depends_on: [orders-aurora]
  order-service:
    team: orders
    tier: 1
    channel: "#orders-oncall"
    depends_on: [orders-aurora, msk-kafka]
  fulfilment-worker:
    team: orders
    tier: 1
    channel: "#orders-oncall"
    description: consumes order-events, drives restaurant + courier state machine
    depends_on: [msk-kafka, dynamodb-courier-state]
  restaurant-tablet-gateway:
    team: merchant
    tier: 1
    channel: "#merchant-oncall"
    depends_on: [order-service, msk-kafka]
  courier-dispatch:
    team: logistics
    tier: 1
    channel: "#logistics-oncall"
    depends_on: [dynamodb-courier-state, eta-service, msk-kafka]
  courier-location:
    team: logistics
    tier: 2
    depends_on: [elasticache-redis, msk-kafka]
  eta-service:
    team: logistics
    tier: 2
    depends_on: [google-maps, elasticache-redis]
  notification-service:
    team: engagement
    tier: 2
    depends_on: [firebase-fcm, msk-kafka]
  ratings-service:
    team: engagement
    tier: 3
    depends_on: [orders-aurora]

  orders-aurora:
    kind: datastore
    team: data-platform
    channel: "#dba-alerts"
    signals:
      cpu_utilisation: 'max(aws_rds_cpuutilization_average{dbcluster_identifier="orders-prod"}) / 100'
      saturation: 'max(aws_rds_database_connections_average{dbcluster_identifier="orders-prod"}) / 2000'
  dynamodb-menus:
    kind: datastore
    signals:
      saturation: 'sum(aws_dynamodb_consumed_read_capacity_units_sum{table_name="menus"}) / sum(aws_dynamodb_provisioned_read_capacity_units_average{table_name="menus"})'
  dynamodb-courier-state:
    kind: datastore
  elasticache-redis:
    kind: datastore
    team: data-platform
  msk-kafka:
    kind: queue
    team: data-platform
    signals:
      saturation: 'max(kafka_consumergroup_lag_sum) / 2e6'

  coredns: {kind: infrastructure, team: cloud-platform}
  alb-ingress:
    kind: infrastructure
    team: cloud-platform
    description: aws-load-balancer-controller + shared ALBs
  karpenter-nodepools:
    kind: infrastructure
    team: cloud-platform
  nat-gateway:
    kind: infrastructure
    team: cloud-platform

  adyen: {kind: external}
  google-maps: {kind: external}
  firebase-fcm: {kind: external}
"""


class Forkful:
    key = "forkful"
    title = "Forkful"
    peak_shift = 6.0
    subnets = [96, 97, 98, 112]
    sites = ["LDN-SOHO", "LDN-SHOREDITCH", "MAN-CENTRAL", "BRS-HARBOUR", "LDS-NORTH"]
    receiver = "opsgenie-prod"
    am_url = "https://alertmanager.prod-euw1.forkful.internal"
    alert_labels = {"cluster": "prod-euw1", "env": "production"}
    catalog_text = FK_CATALOG
    authors = ["aisha.k", "dan.morgan", "priya-s", "tomasz.w", "hleung", "oliver.b", "ines.r",
               "github-actions[bot]", "felix.o", "ciara.m"]

    profiles = {
        "api-gateway": dict(request_rate=1450, error_ratio=0.002, latency_p99_seconds=0.35,
                            cpu_utilisation=0.4, memory_utilisation=0.5, saturation=0.25),
        "user-service": dict(request_rate=310, error_ratio=0.001, latency_p99_seconds=0.08,
                             cpu_utilisation=0.25, memory_utilisation=0.48, saturation=0.15),
        "menu-service": dict(request_rate=620, error_ratio=0.001, latency_p99_seconds=0.11,
                             cpu_utilisation=0.36, memory_utilisation=0.52, saturation=0.2),
        "search-service": dict(request_rate=280, error_ratio=0.002, latency_p99_seconds=0.22,
                               cpu_utilisation=0.41, memory_utilisation=0.6, saturation=0.2),
        "menu-indexer": dict(request_rate=35, error_ratio=0.0, latency_p99_seconds=0.3,
                             cpu_utilisation=0.2, memory_utilisation=0.45, saturation=0.05),
        "cart-service": dict(request_rate=240, error_ratio=0.001, latency_p99_seconds=0.09,
                             cpu_utilisation=0.28, memory_utilisation=0.44, saturation=0.18),
        "checkout-service": dict(request_rate=48, error_ratio=0.004, latency_p99_seconds=1.6,
                                 cpu_utilisation=0.22, memory_utilisation=0.5, saturation=0.2),
        "payment-service": dict(request_rate=46, error_ratio=0.005, latency_p99_seconds=1.9,
                                cpu_utilisation=0.18, memory_utilisation=0.46, saturation=0.22),
        "promotions-service": dict(request_rate=130, error_ratio=0.001, latency_p99_seconds=0.07,
                                   cpu_utilisation=0.15, memory_utilisation=0.4, saturation=0.1),
        "order-service": dict(request_rate=95, error_ratio=0.001, latency_p99_seconds=0.25,
                              cpu_utilisation=0.27, memory_utilisation=0.55, saturation=0.2),
        "fulfilment-worker": dict(request_rate=110, error_ratio=0.001, latency_p99_seconds=0.15,
                                  cpu_utilisation=0.3, memory_utilisation=0.5, saturation=0.1),
        "restaurant-tablet-gateway": dict(request_rate=380, error_ratio=0.002, latency_p99_seconds=0.2,
                                          cpu_utilisation=0.3, memory_utilisation=0.42, saturation=0.2),
        "courier-dispatch": dict(request_rate=70, error_ratio=0.002, latency_p99_seconds=0.45,
                                 cpu_utilisation=0.33, memory_utilisation=0.5, saturation=0.2),
        "courier-location": dict(request_rate=900, error_ratio=0.0005, latency_p99_seconds=0.025,
                                 cpu_utilisation=0.3, memory_utilisation=0.35, saturation=0.15),
        "eta-service": dict(request_rate=210, error_ratio=0.002, latency_p99_seconds=0.3,
                            cpu_utilisation=0.25, memory_utilisation=0.4, saturation=0.15),
        "notification-service": dict(request_rate=85, error_ratio=0.003, latency_p99_seconds=0.4,
                                     cpu_utilisation=0.14, memory_utilisation=0.38, saturation=0.1),
        "ratings-service": dict(request_rate=20, error_ratio=0.001, latency_p99_seconds=0.1,
                                cpu_utilisation=0.1, memory_utilisation=0.35, saturation=0.05),
        "orders-aurora": dict(request_rate=3100, error_ratio=0.0, latency_p99_seconds=0.015,
                              cpu_utilisation=0.38, memory_utilisation=0.62, saturation=0.21),
        "dynamodb-menus": dict(request_rate=2500, error_ratio=0.0, latency_p99_seconds=0.009,
                               cpu_utilisation=0.0, memory_utilisation=0.0, saturation=0.45),
        "dynamodb-courier-state": dict(request_rate=1800, error_ratio=0.0, latency_p99_seconds=0.008,
                                       saturation=0.4),
        "elasticache-redis": dict(request_rate=14000, error_ratio=0.0, latency_p99_seconds=0.0015,
                                  cpu_utilisation=0.3, memory_utilisation=0.58, saturation=0.3),
        "msk-kafka": dict(request_rate=4200, error_ratio=0.0, latency_p99_seconds=0.02,
                          cpu_utilisation=0.35, memory_utilisation=0.5, saturation=0.01),
        "coredns": dict(request_rate=5200, error_ratio=0.001, latency_p99_seconds=0.004,
                        cpu_utilisation=0.25, memory_utilisation=0.3),
        "alb-ingress": dict(request_rate=1900, error_ratio=0.002, latency_p99_seconds=0.4),
    }
    # DynamoDB has no cpu/mem in practice
    for _k in ("dynamodb-menus",):
        profiles[_k] = {k: v for k, v in profiles[_k].items() if k not in ("cpu_utilisation", "memory_utilisation")}

    routine = {
        "api-gateway": (10, "lower", [
            (envoy_line("GET", ["/v2/feed?lat=51.5{n3}&lng=-0.1{n3}", "/v2/restaurants/{n3}/menu"], "menu-service"), "info"),
            (envoy_line("POST", ["/v2/cart/items"], "cart-service"), "info"),
            (envoy_line("GET", ["/v2/orders/{oid}"], "order-service"), "info"),
            (envoy_line("GET", ["/v2/search?q=pizza", "/v2/search?q=sushi", "/v2/search?q=thai"], "search-service"), "info"),
        ]),
        "user-service": (3, "upper", [
            ("GET /internal/users/{uid} -> 200 ({ms}ms)", "INFO"),
            ("HikariPool-1 - Pool stats (total=20, active={n}, idle=6, waiting=0)", "DEBUG"),
        ]),
        "menu-service": (6, "lower", [
            ('{{"level":"info","msg":"menu served","restaurant_id":{n3},"items":{n},"cache":"hit","latency_ms":{n}}}', "info"),
            ('{{"level":"info","msg":"menu served","restaurant_id":{n3},"items":{n},"cache":"miss","latency_ms":{ms}}}', "info"),
        ]),
        "search-service": (4, "upper", [
            ("search q='{n3}' zone={depot} hits={n} took={ms}ms", "INFO"),
            ("Refreshed zone ranking for {depot}", "DEBUG"),
        ]),
        "menu-indexer": (1.5, "lower", [
            ("indexed menu update restaurant={n3} partition={n} offset=88{n3}{n3}", "info"),
        ]),
        "cart-service": (4, "lower", [
            ('level=info msg="cart updated" cart_id=c_{rid} items={n} duration={ms}ms', "info"),
            ('level=debug msg="price recomputed" cart_id=c_{rid}', "debug"),
        ]),
        "checkout-service": (3, "upper", [
            ("Checkout started order={oid} basket_total_pence={n3}{n}", "INFO"),
            ("Checkout completed order={oid} in {ms2}ms", "INFO"),
        ]),
        "payment-service": (3, "upper", [
            ("Adyen /payments resultCode=Authorised pspReference=88{n3}{n3}{n3} order={oid} took={ms2}ms", "INFO"),
            ("Capture queued order={oid}", "DEBUG"),
        ]),
        "promotions-service": (2, "lower", [
            ("evaluated 3 promotions for user={uid} applied=WELCOME10 in {n}ms", "info"),
            ("evaluated 2 promotions for user={uid} applied=none in {n}ms", "info"),
        ]),
        "order-service": (4, "upper", [
            ("Order {oid} transitioned PLACED -> ACCEPTED", "INFO"),
            ("Published OrderPlaced key={oid} to order-events partition={n}", "DEBUG"),
            ("Order {oid} transitioned ACCEPTED -> PICKED_UP", "INFO"),
        ]),
        "fulfilment-worker": (3, "upper", [
            ("Handled OrderAccepted {oid} (partition {n}, lag 0) in {ms}ms", "INFO"),
            ("Committed offsets for order-events-fulfilment: {n} partitions", "DEBUG"),
        ]),
        "restaurant-tablet-gateway": (5, "lower", [
            ('{{"level":"info","msg":"tablet heartbeat","site":"{depot}","tablet":"tab-{n3}","fw":"5.12.1"}}', "info"),
            ('{{"level":"info","msg":"order acknowledged","order":"{oid}","tablet":"tab-{n3}","prep_min":{n}}}', "info"),
        ]),
        "courier-dispatch": (3, "lower", [
            ("offer sent courier=cr_{uid} order={oid} eta_pickup={n}m", "info"),
            ("offer accepted courier=cr_{uid} order={oid}", "info"),
        ]),
        "courier-location": (5, "lower", [
            ('level=info msg="pings flushed" n={n3} redis_ms={n}', "info"),
        ]),
        "eta-service": (3, "lower", [
            ("eta computed order={oid} leg=pickup minutes={n} source=cache", "info"),
            ("eta computed order={oid} leg=dropoff minutes={n} source=maps", "info"),
        ]),
        "notification-service": (3, "lower", [
            ("push sent user={uid} template=order_on_the_way fcm_message_id=projects/forkful-prod/messages/0:{rid}", "info"),
        ]),
        "ratings-service": (1, "upper", [
            ("Rating stored order={oid} stars={n}", "INFO"),
        ]),
        "coredns": (1, "lower", [
            ('[INFO] {ip}:{port} - {n3} "A IN orders-prod.cluster-c9x2.eu-west-1.rds.amazonaws.com. udp 80 false 512" NOERROR qr,rd,ra 180 0.00{n}s', "info"),
            ('[INFO] {ip}:{port} - {n3} "AAAA IN menu-service.catalog.svc.cluster.local. udp 58 false 512" NOERROR qr,aa,rd 151 0.000{n}s', "info"),
        ]),
        "karpenter-nodepools": (0.7, "lower", [
            ('{{"level":"INFO","logger":"controller.disruption","message":"disrupting via consolidation delete, terminating 1 nodes (0 pods)","commit":"a1b2c3d"}}', "info"),
            ('{{"level":"INFO","logger":"controller.provisioner","message":"found provisionable pod(s)","Pods":"orders/order-service-7c9f-{n3}","duration":"{n}ms"}}', "info"),
        ]),
        "alb-ingress": (0.6, "lower", [
            ('{{"level":"info","ts":"-","logger":"controllers.ingress","msg":"successfully deployed model","ingressGroup":"prod/public"}}', "info"),
        ]),
    }

    @staticmethod
    def entity_id(rng):
        return "ord_%d" % rng.randint(40000000, 49999999)

    def decorate(self, doc, svc, rng):
        ns = {"api-gateway": "edge", "coredns": "kube-system", "karpenter-nodepools": "karpenter",
              "alb-ingress": "kube-system"}.get(svc, "prod")
        pod = "%s-%s-%s" % (svc, "7d9c5b%02d" % (sum(map(ord, svc)) % 89), "".join(
            rng.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5)))
        doc["kubernetes"] = {"namespace": ns, "pod": {"name": pod}}
        doc["cloud"] = {"region": "eu-west-1"}

    def deploy_id(self, rng, svc, kind):
        return "argo-%s-%s" % (svc.split("-")[0], "".join(rng.choice("0123456789abcdef") for _ in range(7)))

    def generator_url(self, name):
        return "https://prometheus.prod-euw1.forkful.internal/graph?g0.expr=" + name


# ====================================================================== Parcelwise incidents

ROUTINE_DESC = {
    "deploy": ["bump deps (renovate batch)", "refactor: extract retry helper", "add metrics for {x}",
               "fix typo in log message", "upgrade base image to debian 12.8", "chore: tidy logging fields",
               "feat: expose {x} in admin API", "fix flaky health check path", "increase test coverage, no runtime change",
               "small perf tweak in {x} serialisation"],
    "config": ["raise log sampling to 10% for {x}", "rotate nomad template vars", "bump replica count 3 -> 4",
               "adjust healthcheck interval 10s -> 15s"],
    "flag": ["enable {x} for 10% of accounts", "turn off legacy {x} banner"],
}
XWORDS = ["parcel events", "depot hours", "label formats", "ETA window", "return labels", "webhook retries",
          "account limits", "driver shifts", "pickup slots"]


def routine_deploys(sc, co, n, exclude=(), earliest=-6 * 3600, latest=-45 * 60, services=None):
    rng = sc.rng
    pool = services or [s for s, p in co.profiles.items() if s in co.routine and s not in exclude
                        and s not in ("rabbitmq", "nomad-clients", "edge-haproxy", "coredns",
                                      "karpenter-nodepools", "alb-ingress")]
    for _ in range(n):
        svc = rng.choice(pool)
        kind = rng.choice(["deploy"] * 6 + ["config"] * 2 + ["flag"])
        at = rng.randint(earliest, latest)
        if co.key == "parcelwise":
            maj, mi, pa = rng.randint(1, 6), rng.randint(0, 40), rng.randint(0, 12)
            prev = "v%d.%d.%d" % (maj, mi, pa)
            ver = "v%d.%d.%d" % (maj, mi, pa + 1) if kind == "deploy" else prev + "+cfg%d" % rng.randint(1, 30)
        else:
            prev = "sha-" + "".join(rng.choice("0123456789abcdef") for _ in range(7))
            ver = "sha-" + "".join(rng.choice("0123456789abcdef") for _ in range(7))
            if kind != "deploy":
                ver = prev
        desc = rng.choice(ROUTINE_DESC[kind]).format(x=rng.choice(XWORDS))
        sc.deploy(svc, at, kind, ver, prev, rng.choice(co.authors), desc, routine=True)


def build_pw(S, co):
    out = []

    # ---------------------------------------------------------------- A01 consul dns
    sc = S(co, "pw-nov14-widespread-500s-morning-wave",
           "2026-11-14T07:52:00Z", 60, 30,
           "Morning wave: tracking, shipment and driver apps all throwing 5xx at the same time; "
           "several teams paged independently within 5 minutes.")
    F = -14 * 60
    for s, m in [("tracking-api", 0.18), ("shipment-api", 0.22), ("driver-app-gateway", 0.12),
                 ("dispatch-service", 0.2), ("label-service", 0.15), ("notification-service", 0.25),
                 ("pod-service", 0.1), ("auth-service", 0.08)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(20, 120), "add", m, ramp=120)
        sc.eff(s, "latency_p99_seconds", F + sc.rng.randint(20, 120), "add", 5.0, ramp=60)
    sc.eff("edge-haproxy", "error_ratio", F + 90, "add", 0.09, ramp=120)
    sc.eff("galera-shipments", "request_rate", F + 60, "mul", 0.55, ramp=120)
    sc.eff("redis-cache", "request_rate", F + 60, "mul", 0.6, ramp=120)
    sc.drop_signals.add("consul-dns")
    dns_go = ['dial tcp: lookup galera-shipments.service.consul on 127.0.0.1:8600: read udp 127.0.0.1:{port}->127.0.0.1:8600: i/o timeout',
              'dial tcp: lookup redis-cache.service.consul on 127.0.0.1:8600: i/o timeout']
    sc.log("tracking-api", F + 40, 0, 14, "error", ['level=error msg="cache get failed" err="' + m + '"' for m in dns_go])
    sc.log("shipment-api", F + 60, 0, 8, "ERROR", [
        "HikariPool-1 - Exception during pool initialization.\njava.net.UnknownHostException: galera-shipments.service.consul: Temporary failure in name resolution",
        "Failed to obtain JDBC Connection; nested exception is com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure (java.net.UnknownHostException: galera-shipments.service.consul)",
    ])
    sc.log("driver-app-gateway", F + 80, 0, 10, "warn", [
        envoy_503("GET", "/driver/v3/route", "dispatch-service", "UF", "upstream connect error or disconnect/reset before headers. reset reason: connection failure"),
        'msg="auth introspection failed" err="Post \\"http://auth-service.service.consul:8080/introspect\\": dial tcp: lookup auth-service.service.consul: no such host"',
    ])
    sc.log("notification-service", F + 30, 0, 5, "error", [
        "amqp connect failed: dial tcp: lookup rabbitmq.service.consul on 127.0.0.1:8600: i/o timeout; retrying in 5s"])
    sc.log("dispatch-service", F + 70, 0, 4, "ERROR", [
        "Could not resolve host galera-ops.service.consul; retry 3/5",
        "org.springframework.amqp.AmqpConnectException: java.net.UnknownHostException: rabbitmq.service.consul"])
    sc.log("consul-dns", F - 60, 0, 3, "warn", [
        "agent: [WARN] agent.dns: rpc error: error=\"rpc error making call: No cluster leader\"",
        "agent: [ERR] agent.client: RPC failed to server: method=Catalog.ServiceNodes server=10.40.0.12:8300 error=\"rpc error making call: No cluster leader\"",
        "agent: [WARN] agent.dns: rpc error: error=\"rpc error making call: stream closed\"",
    ])
    sc.once("consul-dns", F - 140, "warn", "agent: [WARN] agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr=10.40.0.11:8300 last-leader-id=c0ns-1")
    sc.once("consul-dns", F - 95, "info", "agent: [INFO] agent.server.raft: entering candidate state: node=\"Node at 10.40.0.12:8300 [Candidate]\" term=412")
    routine_deploys(sc, co, 6)
    sc.deploy("pricing-service", F - 9 * 60, "deploy", "v3.8.1", "v3.8.0", "pdekker",
              "pricing: add surcharge line for Wadden islands")
    for s, name in [("tracking-api", "TrackingApiHighErrorRate"), ("shipment-api", "ShipmentApi5xx"),
                    ("driver-app-gateway", "DriverGatewayErrorBudgetBurn"), ("dispatch-service", "DispatchErrors"),
                    ("edge-haproxy", "HAProxyBackend5xxHigh")]:
        sc.alert(name, s, F + sc.rng.randint(200, 420), "critical" if s != "dispatch-service" else "warning",
                 "%s error rate above SLO" % s)
    sc.expect("infrastructure", "consul-dns")
    out.append(sc)

    # ---------------------------------------------------------------- A02 tracking surge -> redis/galera
    sc = S(co, "pw-nov28-black-friday-tracking-slow",
           "2026-11-28T19:40:00Z", 75, 30,
           "Black Friday evening. Redis cache and galera-shipments paging on memory/latency; tracking "
           "page slow for customers. DBA on call asked to look at the cluster first.")
    F = -32 * 60
    sc.eff("tracking-api", "request_rate", F, "mul", 3.6, ramp=600)
    sc.eff("edge-haproxy", "request_rate", F + 30, "mul", 2.1, ramp=600)
    sc.eff("tracking-api", "cpu_utilisation", F + 60, "add", 0.38, ramp=600)
    sc.eff("redis-cache", "request_rate", F + 60, "mul", 3.2, ramp=600)
    sc.eff("redis-cache", "cpu_utilisation", F + 120, "add", 0.62, ramp=600)
    sc.eff("redis-cache", "memory_utilisation", F + 180, "add", 0.38, ramp=900)
    sc.eff("redis-cache", "saturation", F + 180, "add", 0.42, ramp=900)
    sc.eff("redis-cache", "latency_p99_seconds", F + 500, "mul", 18, ramp=300)
    sc.eff("galera-shipments", "request_rate", F + 500, "mul", 2.4, ramp=400)
    sc.eff("galera-shipments", "latency_p99_seconds", F + 600, "mul", 9, ramp=300)
    sc.eff("galera-shipments", "cpu_utilisation", F + 600, "add", 0.5, ramp=300)
    sc.eff("tracking-api", "latency_p99_seconds", F + 600, "mul", 11, ramp=300)
    sc.eff("tracking-api", "error_ratio", F + 900, "add", 0.06, ramp=300)
    sc.eff("shipment-api", "latency_p99_seconds", F + 800, "mul", 3, ramp=300)
    sc.log("tracking-api", F, 0, 20, "info", [
        'level=info msg="request" method=GET path=/api/v2/track/{sid} status=200 dur={ms}ms cache=miss ref=campaign_bf26',
        'level=info msg="request" method=GET path=/api/v2/track/{sid}?embed=shop status=200 dur={ms}ms cache=miss'])
    sc.log("tracking-api", F + 700, 0, 10, "warn", [
        'level=warn msg="redis slow" op=GET key=trk:{sid} dur=812ms',
        'level=error msg="request" method=GET path=/api/v2/track/{sid} status=503 dur=5001ms err="context deadline exceeded"'])
    sc.log("shipment-api", F + 900, 0, 3, "WARN", [
        "HikariPool-1 - Connection is not available, request timed out after 3000ms (total=30, active=30, idle=0, waiting=41)"])
    sc.log("edge-haproxy", F, 0, 25, "info", [
        haproxy_line("be_tracking", ["tracking-1", "tracking-2", "tracking-3"], ["GET /api/v2/track/{sid}?embed=shop", "GET /t/{sid}"])])
    routine_deploys(sc, co, 5)
    sc.alert("RedisMemoryHigh", "redis-cache", F + 1200, "warning", "redis-cache memory > 90% of maxmemory")
    sc.alert("RedisLatencyHigh", "redis-cache", F + 1000, "critical", "redis-cache p99 command latency > 5ms")
    sc.alert("MySQLSlowQueriesRising", "galera-shipments", F + 1300, "warning", "galera-shipments slow queries > 50/s")
    sc.alert("TrackingApiLatencyP99", "tracking-api", F + 1100, "critical", "tracking-api p99 > 1s for 5m")
    sc.expect("traffic_surge", "tracking-api")
    out.append(sc)

    # ---------------------------------------------------------------- A03 twilio outage
    sc = S(co, "pw-oct07-delivery-sms-failing",
           "2026-10-07T10:15:00Z", 45, 15,
           "Customer service reports nobody got 'out for delivery' texts this morning. "
           "notification-service error alert firing and re-firing.")
    F = -27 * 60
    sc.eff("notification-service", "error_ratio", F + 30, "add", 0.71, ramp=60)
    sc.eff("notification-service", "latency_p99_seconds", F + 30, "set", 10.2, ramp=60)
    sc.eff("notification-service", "saturation", F + 120, "add", 0.55, ramp=900)
    sc.eff("rabbitmq", "saturation", F + 300, "add", 0.06, ramp=900)
    sc.log("notification-service", F + 20, 0, 24, "error", [
        "twilio send failed shipment={sid}: HTTP 503 from https://api.twilio.com/2010-04-01/Accounts/AC3f9e.../Messages.json: Service Unavailable",
        "twilio send failed shipment={sid}: Post \"https://api.twilio.com/2010-04-01/Accounts/AC3f9e.../Messages.json\": net/http: request canceled (Client.Timeout exceeded while awaiting headers)",
        "TwilioRestException: [HTTP 503] Unable to create record: Service is unavailable. Please try again (code 20503)",
    ])
    sc.log("notification-service", F + 40, 0, 6, "warn", ["requeue message shipment={sid} attempt={n} backoff=30s"])
    routine_deploys(sc, co, 7)
    sc.deploy("driver-app-gateway", F - 25 * 60, "deploy", "v5.2.0", "v5.1.9", "t.ahmed", "driver app: show parcel weight on stop card")
    sc.alert("NotificationSendErrors", "notification-service", F + 180, "critical", "SMS send failure ratio > 20%", resolved=F + 600)
    sc.alert("NotificationSendErrors", "notification-service", F + 720, "critical", "SMS send failure ratio > 20%")
    sc.alert("RabbitQueueGrowing", "rabbitmq", F + 1200, "warning", "q.notifications.sms depth growing for 15m",
             labels={"queue": "q.notifications.sms"})
    sc.expect("external", "twilio")
    out.append(sc)

    # ---------------------------------------------------------------- A04 rabbitmq outage w/ innocent deploy
    sc = S(co, "pw-dec01-dispatch-deploy-then-amqp-errors",
           "2026-12-01T06:20:00Z", 50, 20,
           "Morning route build: errors started right after the dispatch-service rollout. "
           "Rollback was being considered when more services joined in.")
    F = -18 * 60
    sc.deploy("dispatch-service", F - 4 * 60, "deploy", "v2.31.0", "v2.30.4", "r.mulder",
              "dispatch: prefer electric vans for city-centre routes (feature-flagged off)", dur=150)
    routine_deploys(sc, co, 4, exclude=("dispatch-service",))
    sc.eff("rabbitmq", "request_rate", F, "mul", 0.08, ramp=30)
    sc.eff("rabbitmq", "error_ratio", F, "add", 0.9, ramp=30)
    sc.gap("rabbitmq", F + 40, F + 400)
    for s, e in [("dispatch-service", 0.35), ("scan-ingest", 0.45), ("driver-location-ingest", 0.5),
                 ("notification-service", 0.4), ("webhook-dispatcher", 0.6), ("sortation-service", 0.1)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(5, 60), "add", e, ramp=60)
    sc.eff("sortation-service", "request_rate", F + 20, "mul", 0.05, ramp=60)
    sc.log("rabbitmq", F - 30, F + 20, 10, "error", [
        "Mnesia('rabbit@mq-2'): ** ERROR ** mnesia_event got {{inconsistent_database, running_partitioned_network, 'rabbit@mq-1'}}",
        "node 'rabbit@mq-3' down: net_tick_timeout"])
    sc.log("dispatch-service", F + 10, 0, 9, "ERROR", [
        "org.springframework.amqp.AmqpConnectException: java.net.ConnectException: Connection refused (Connection refused)",
        "Channel shutdown: connection error; protocol method: #method<connection.close>(reply-code=320, reply-text=CONNECTION_FORCED - broker forced connection closure with reason 'shutdown', class-id=0, method-id=0)"])
    sc.log("scan-ingest", F + 5, 0, 15, "error", [
        'msg="publish failed" exchange=scans err="Exception (504) Reason: \\"channel/connection is not open\\""',
        'msg="amqp dial" err="dial tcp 10.40.1.11:5672: connect: connection refused" attempt={n}'])
    sc.log("notification-service", F + 20, 0, 4, "error", ["amqp: consumer cancelled on q.notifications.sms, reconnecting"])
    sc.log("driver-location-ingest", F + 15, 0, 8, "error", ['msg="flush failed" err="Exception (320) Reason: \\"CONNECTION_FORCED - broker forced connection closure with reason \'shutdown\'\\""'])
    sc.log("dispatch-service", F - 4 * 60 + 160, F, 3, "INFO", ["Started DispatchApplication in 24.3 seconds (process running for 26.1)", "Feature flag ev-city-preference=false"])
    sc.alert("DispatchErrorRate", "dispatch-service", F + 180, "critical", "dispatch-service 5xx > 10%")
    sc.alert("ScanPublishFailures", "scan-ingest", F + 120, "critical", "scan-ingest failing to publish scans")
    sc.alert("WebhookDispatcherErrors", "webhook-dispatcher", F + 300, "warning", "webhook deliveries failing")
    sc.expect("dependency_outage", "rabbitmq")
    out.append(sc)

    # ---------------------------------------------------------------- A05 scan surge -> rabbit backlog
    sc = S(co, "pw-dec01-sorting-lag-utrecht",
           "2026-12-01T03:10:00Z", 70, 30,
           "Night sort: sortation chutes assigning late at several hubs; RabbitMQ queue depth alert. "
           "Warehouse-systems suspected the sortation consumers.")
    F = -41 * 60
    sc.eff("scan-ingest", "request_rate", F, "mul", 4.2, ramp=180, until=F + 1500, back=900)
    sc.eff("scan-ingest", "cpu_utilisation", F, "add", 0.35, ramp=180, until=F + 1500, back=900)
    sc.eff("rabbitmq", "request_rate", F + 30, "mul", 2.5, ramp=200)
    sc.eff("rabbitmq", "saturation", F + 120, "add", 0.72, ramp=1800)
    sc.eff("rabbitmq", "memory_utilisation", F + 300, "add", 0.3, ramp=1500)
    sc.eff("sortation-service", "cpu_utilisation", F + 60, "add", 0.5, ramp=180)
    sc.eff("sortation-service", "latency_p99_seconds", F + 200, "mul", 3, ramp=300)
    sc.eff("sortation-service", "request_rate", F + 60, "mul", 1.35, ramp=120)
    sc.log("scan-ingest", F - 20, F + 60, 10, "info", [
        'msg="scanner session resumed" site=UTR-01 scanner=ZB-{n3} buffered_events={n3}{n} mode=offline_replay'])
    sc.log("scan-ingest", F, F + 1500, 30, "info", [
        'msg="scan accepted" site=UTR-01 scanner=ZB-{n3} barcode={sid} event=INBOUND replay=true',
        'msg="published" exchange=scans routing_key=scan.UTR-01 count={n3}'])
    sc.once("scan-ingest", F - 90, "warn", 'msg="wifi controller reconnect" site=UTR-01 ap_group=hall-B scanners_reconnected=212')
    sc.log("sortation-service", F + 600, 0, 6, "WARN", [
        "Chute assignment for parcel {sid} took {ms2}ms (consumer lag {n3}0 msgs)",
        "Prefetch window full on q.sortation.scans (prefetch=250)"])
    sc.log("rabbitmq", F + 1400, 0, 2, "warning", ["vm_memory_high_watermark approaching on node rabbit@mq-1: 0.38 of 0.4 used"])
    routine_deploys(sc, co, 5)
    sc.deploy("sortation-service", F - 70 * 60, "deploy", "v7.4.2", "v7.4.1", "mkowalska", "sortation: new chute map for EIN-03 hall C")
    sc.alert("RabbitmqQueueDepthHigh", "rabbitmq", F + 900, "critical", "q.sortation.scans has > 200k ready messages",
             labels={"queue": "q.sortation.scans", "vhost": "prod"})
    sc.alert("SortationLatencyHigh", "sortation-service", F + 1300, "warning", "chute assignment p99 above 500ms")
    sc.expect("traffic_surge", "scan-ingest")
    out.append(sc)

    # ---------------------------------------------------------------- A06 driver gw memory leak before unrelated deploy
    sc = S(co, "pw-oct22-driver-app-timeouts-after-portal-release",
           "2026-10-22T14:05:00Z", 90, 30,
           "Drivers reporting app spinners on 'complete stop'. Customer-portal shipped a release just before "
           "the first alert; web team asked whether to roll back.")
    sc.leak("driver-app-gateway", "memory_utilisation", -86 * 60, 0.97)
    sc.eff("driver-app-gateway", "cpu_utilisation", -22 * 60, "add", 0.35, ramp=900)
    sc.eff("driver-app-gateway", "latency_p99_seconds", -18 * 60, "mul", 8, ramp=700)
    sc.eff("driver-app-gateway", "error_ratio", -12 * 60, "add", 0.09, ramp=500)
    sc.deploy("customer-portal", -16 * 60, "deploy", "v12.4.0", "v12.3.7", "sanne.devries", "portal: new returns flow (A/B)")
    routine_deploys(sc, co, 4, exclude=("driver-app-gateway", "customer-portal"))
    sc.log("driver-app-gateway", -30 * 60, 0, 3, "warn", [
        'msg="gc pause" pause_ms={ms2} heap_inuse_mb=3{n3} goroutines=1{n3}{n}'])
    sc.log("driver-app-gateway", -12 * 60, 0, 9, "error", [
        envoy_503("POST", "/driver/v3/stops/{n3}/events", "driver-app-gateway", "UT", "upstream request timeout"),
        'msg="request failed" path=/driver/v3/stops/{n3}/pod err="context deadline exceeded" dur=15000ms'])
    sc.once("nomad-clients", -3 * 60, "warn", "client.alloc_runner.task_runner: task exceeded memory limit, oom-killed: alloc_id=7f3a1c2e task=driver-app-gateway")
    sc.once("nomad-clients", -2 * 60 - 40, "info", "client.alloc_runner.task_runner: restarting task: task=driver-app-gateway reason=\"Restart within policy\" delay=15s")
    sc.log("customer-portal", -16 * 60 + 120, 0, 2, "info", ["returns flow variant=B served to customer {uid}"])
    sc.alert("DriverGatewayLatencyHigh", "driver-app-gateway", -10 * 60, "critical", "driver-app-gateway p99 > 2s")
    sc.alert("NomadAllocRestarts", "driver-app-gateway", -2 * 60, "warning", "allocation restarted (OOM)")
    sc.alert("PortalErrorRate", "customer-portal", -9 * 60, "warning", "customer-portal 5xx > 1%", resolved=-4 * 60)
    sc.eff("customer-portal", "error_ratio", -11 * 60, "add", 0.015, ramp=60, until=-6 * 60, back=60)
    sc.expect("resource_saturation", "driver-app-gateway")
    out.append(sc)

    # ---------------------------------------------------------------- A07 route-optimiser deploy
    sc = S(co, "pw-nov03-routes-not-ready-for-vans",
           "2026-11-03T05:35:00Z", 60, 20,
           "Depot leads: routes not published for 06:00 wave. Paged on dispatch-service and on the driver "
           "gateway (drivers cannot download manifests).")
    F = -24 * 60
    sc.deploy("route-optimiser", F, "deploy", "v4.2.0", "v4.1.3", "bram.oosterhout",
              "solver: switch local search to adaptive LNS, new time-window penalty", dur=210)
    routine_deploys(sc, co, 5, exclude=("route-optimiser",))
    sc.eff("route-optimiser", "cpu_utilisation", F + 240, "set", 0.99, ramp=120)
    sc.eff("route-optimiser", "latency_p99_seconds", F + 300, "mul", 14, ramp=240)
    sc.eff("route-optimiser", "error_ratio", F + 600, "add", 0.5, ramp=300)
    sc.eff("dispatch-service", "latency_p99_seconds", F + 420, "mul", 20, ramp=300)
    sc.eff("dispatch-service", "error_ratio", F + 700, "add", 0.3, ramp=200)
    sc.eff("dispatch-service", "saturation", F + 500, "add", 0.6, ramp=300)
    sc.eff("driver-app-gateway", "error_ratio", F + 900, "add", 0.07, ramp=200)
    sc.log("route-optimiser", F + 260, 0, 4, "warn", [
        "solve still running depot={depot} vehicles={n} stops={n3} elapsed=60{n}s best_objective=inf phase=LNS",
        "solve aborted depot={depot}: time limit 120s reached without feasible solution (violations: time_window={n3})"])
    sc.log("dispatch-service", F + 600, 0, 6, "ERROR", [
        "Route plan for depot {depot} failed: java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n\tat okhttp3.internal.connection.RealConnection.connect(RealConnection.kt:217)",
        "Route plan for depot {depot} returned 422 from route-optimiser: INFEASIBLE"])
    sc.log("driver-app-gateway", F + 900, 0, 5, "error", [
        envoy_503("GET", "/driver/v3/manifest", "dispatch-service", "UT", "upstream request timeout")])
    sc.alert("DispatchRoutePlanFailures", "dispatch-service", F + 800, "critical", "route plan failures > 5 in 10m")
    sc.alert("DriverGatewayErrorBudgetBurn", "driver-app-gateway", F + 1100, "warning", "fast burn on driver app SLO")
    sc.expect("deploy", "route-optimiser")
    out.append(sc)

    # ---------------------------------------------------------------- A08 haproxy config change
    sc = S(co, "pw-sep30-portal-and-api-connection-resets",
           "2026-09-30T16:30:00Z", 40, 15,
           "Web shop integrations and the customer portal get intermittent 503s; tracking fine. "
           "Partners opened tickets about the shipment API.")
    F = -15 * 60
    sc.deploy("edge-haproxy", F, "config", "haproxy-cfg@8f21c", "haproxy-cfg@77ab0", "joris.vdb",
              "edge: split be_api into be_api_v1/be_api_v2, per-backend maxconn", dur=20)
    routine_deploys(sc, co, 5)
    sc.eff("edge-haproxy", "error_ratio", F + 60, "add", 0.07, ramp=60)
    sc.eff("edge-haproxy", "saturation", F + 60, "add", 0.6, ramp=60)
    sc.eff("shipment-api", "request_rate", F + 60, "mul", 0.6, ramp=60)
    sc.eff("customer-portal", "error_ratio", F + 120, "add", 0.12, ramp=60)
    sc.eff("customer-portal", "latency_p99_seconds", F + 120, "mul", 6, ramp=60)
    sc.log("edge-haproxy", F + 60, 0, 30, "warn", [
        haproxy_line("be_api_v1", ["<NOSRV>"], ["POST /api/v1/shipments", "GET /api/v1/shipments/{sid}"], status=503),
        "Server be_api_v1/api-2 is going DOWN for maintenance (maxconn limit reached). 0 active and 0 backup servers left. 37 sessions active, 0 requeued, 14 remaining in queue."])
    sc.log("edge-haproxy", F - 5, F + 30, 3, "info", ["Proxy be_api_v1 started.", "Proxy be_api_v2 started.",
                                                       "Reexecuting Master process", "haproxy 2.8.5 reload: new worker #7 started"])
    sc.log("customer-portal", F + 120, 0, 6, "error", ["upstream /api/v1/shipments returned 503 via edge after {ms2}ms",
                                                         nginx_line(["POST /account/shipments/new"], status=502,
                                                                    agent="Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15")])
    sc.alert("PortalErrorRate", "customer-portal", F + 400, "critical", "customer-portal 5xx > 5%")
    sc.alert("HAProxyBackendQueueing", "edge-haproxy", F + 500, "warning", "be_api_v1 queue > 0 for 5m",
             labels={"backend": "be_api_v1"})
    sc.expect("config_change", "edge-haproxy")
    out.append(sc)

    # ---------------------------------------------------------------- A09 connect-envoy mesh certs
    sc = S(co, "pw-aug19-internal-calls-tls-failures",
           "2026-08-19T11:48:00Z", 45, 30,
           "Service-to-service calls failing across several teams: labels, pricing, POD uploads. "
           "No common deploy found by the first responder.")
    F = -19 * 60
    for s, e in [("label-service", 0.4), ("shipment-api", 0.25), ("pod-service", 0.5), ("driver-app-gateway", 0.2),
                 ("manifest-service", 0.35), ("customer-portal", 0.18), ("dispatch-service", 0.15)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(0, 150), "add", e, ramp=120)
    sc.eff("pricing-service", "request_rate", F + 40, "mul", 0.3, ramp=60)
    sc.eff("carrier-gateway", "request_rate", F + 40, "mul", 0.4, ramp=60)
    tls = ("upstream connect error or disconnect/reset before headers. retried and the latest reset reason: "
           "remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end")
    sc.log("label-service", F + 10, 0, 8, "ERROR", ["Carrier call failed: 503 Service Unavailable: \"" + tls + "\""])
    sc.log("shipment-api", F + 30, 0, 6, "ERROR", ["Pricing call failed for shipment {sid}: 503 \"" + tls + "\""])
    sc.log("pod-service", F + 20, 0, 5, "ERROR", ["Upload to minio via local upstream 127.0.0.1:19000 failed: " + tls])
    sc.log("driver-app-gateway", F + 60, 0, 6, "warn", [envoy_503("POST", "/driver/v3/stops/{n3}/pod", "pod-service", "UF,URX", tls)])
    sc.log("nomad-clients", F - 120, 0, 2, "warn", [
        "agent: [WARN] agent.connect.ca: failed to sign leaf certificate: error=\"rpc error making call: CA rotation in progress: intermediate not yet cross-signed\""])
    sc.log("connect-envoy", F - 100, 0, 3, "warn", [
        "[warning][config] StreamAggregatedResources gRPC config stream to local_agent closed: 14, upstream connect error",
        "agent: [ERR] agent.envoy: xDS stream error: error=\"rpc error: code = Unavailable desc = leaf cert not ready\" proxy=label-service-sidecar-proxy"])
    sc.once("nomad-clients", F - 300, "info", "agent: [INFO] agent.server.connect: CA provider config updated: provider=vault")
    sc.extra_log_services = ["tracking-api", "scan-ingest"]
    routine_deploys(sc, co, 6)
    sc.alert("LabelServiceErrors", "label-service", F + 300, "critical", "label generation failing > 10%")
    sc.alert("PODUploadFailures", "pod-service", F + 400, "warning", "POD uploads failing")
    sc.alert("ShipmentApi5xx", "shipment-api", F + 500, "critical", "shipment-api 5xx > 2%")
    sc.expect("infrastructure", "connect-envoy")
    out.append(sc)

    # ---------------------------------------------------------------- A10 galera quorum loss, no deploys
    sc = S(co, "pw-nov19-shipment-creation-down",
           "2026-11-19T13:25:00Z", 40, 20,
           "Shipment creation returning 500 for every partner; label and billing jobs stuck.")
    F = -11 * 60
    sc.empty.add("deploys")
    sc.eff("galera-shipments", "request_rate", F, "mul", 0.1, ramp=20)
    sc.eff("galera-shipments", "error_ratio", F, "add", 0.85, ramp=20)
    sc.eff("galera-shipments", "saturation", F, "set", 1.0, ramp=20)
    for s, e in [("shipment-api", 0.8), ("label-service", 0.6), ("pricing-service", 0.7), ("pod-service", 0.4),
                 ("tracking-api", 0.05), ("billing-service", 0.9)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(10, 60), "add", e, ramp=40)
    sc.log("shipment-api", F + 10, 0, 18, "ERROR", [
        "SQL Error: 1047, SQLState: 08S01\njava.sql.SQLException: WSREP has not yet prepared node for application use",
        "Transaction rolled back for shipment {sid}: org.springframework.dao.DataAccessResourceFailureException: WSREP has not yet prepared node for application use"])
    sc.log("pricing-service", F + 15, 0, 5, "ERROR", ["Tariff lookup failed: (1047, 'WSREP has not yet prepared node for application use')"])
    sc.log("label-service", F + 30, 0, 5, "ERROR", ["Could not persist label metadata: Deadlock found when trying to get lock; try restarting transaction",
                                                     "Could not persist label metadata: WSREP has not yet prepared node for application use"])
    sc.log("galera-shipments", F - 20, F + 60, 6, "warning", [
        "[Warning] WSREP: evs::proto(ab12, GATHER, view_id(REG,ab12,41)) suspecting node: cd34",
        "[Note] WSREP: view(view_id(NON_PRIM,ab12,42) memb {{ab12,0}} joined {{}} left {{}} partitioned {{cd34,0 ef56,0}})",
        "[Warning] WSREP: no nodes coming from prim view, prim not possible"])
    sc.log("galera-shipments", F + 60, 0, 1, "info", ["[Note] WSREP: Received NON-PRIMARY.", "[Note] WSREP: Shifting SYNCED -> OPEN (TO: 88412093)"])
    sc.routine_rate = 0.8
    sc.alert("ShipmentApi5xx", "shipment-api", F + 120, "critical", "shipment-api 5xx > 2%")
    sc.alert("GaleraNodeNotReady", "galera-shipments", F + 90, "critical", "wsrep_ready=OFF on galera-shipments-1",
             labels={"instance": "galera-shipments-1:9104"})
    sc.alert("BillingJobFailed", "billing-service", F + 400, "warning", "nightly invoice batch failed")
    sc.expect("dependency_outage", "galera-shipments")
    out.append(sc)

    # ---------------------------------------------------------------- A11 minio disk full
    sc = S(co, "pw-oct30-labels-and-pod-photos-failing",
           "2026-10-30T09:40:00Z", 80, 60,
           "label-service and pod-service writes failing; drivers can't finish deliveries that need a photo.")
    sc.leak("minio-objects", "saturation", -78 * 60, 0.995)
    sc.eff("minio-objects", "error_ratio", -14 * 60, "add", 0.6, ramp=120)
    sc.eff("minio-objects", "latency_p99_seconds", -25 * 60, "mul", 4, ramp=600)
    sc.eff("label-service", "error_ratio", -13 * 60, "add", 0.45, ramp=120)
    sc.eff("pod-service", "error_ratio", -13 * 60, "add", 0.6, ramp=120)
    sc.eff("driver-app-gateway", "error_ratio", -11 * 60, "add", 0.05, ramp=120)
    sc.log("label-service", -13 * 60, 0, 8, "ERROR", [
        "PUT labels/2026/{sid}.zpl failed: io.minio.errors.ErrorResponseException: Storage backend has reached its minimum free drive threshold. Please delete a few objects to proceed.",
        "Label generation failed for {sid}: XMinioStorageFull"])
    sc.log("pod-service", -13 * 60, 0, 6, "ERROR", ["S3Error: code=XMinioStorageFull bucket=pod-photos key=2026/10/30/{sid}.jpg"])
    sc.log("minio-objects", -40 * 60, 0, 2, "warning", [
        "Drive /mnt/disk{n}: free space below 5% on minio-{n}.service.consul",
        "Drive /mnt/disk3: only {pct}0MiB free, healing paused"])
    sc.deploy("label-service", -3 * 3600, "deploy", "v9.0.0", "v8.14.2", "lieke", "labels: keep 600dpi PNG preview alongside ZPL for partner portal")
    routine_deploys(sc, co, 5)
    sc.alert("PODUploadFailures", "pod-service", -10 * 60, "critical", "POD uploads failing")
    sc.alert("LabelServiceErrors", "label-service", -9 * 60, "critical", "label generation failing > 10%")
    sc.expect("resource_saturation", "minio-objects")
    out.append(sc)

    # ---------------------------------------------------------------- A12 here maps external, gap on culprit's caller
    sc = S(co, "pw-sep12-route-planning-slow-rotterdam",
           "2026-09-12T05:10:00Z", 60, 30,
           "Route planning for the 06:00 wave very slow, address validation timing out on new shipments.")
    F = -26 * 60
    sc.eff("route-optimiser", "latency_p99_seconds", F + 20, "mul", 6, ramp=120)
    sc.eff("route-optimiser", "error_ratio", F + 60, "add", 0.25, ramp=120)
    sc.eff("address-validation", "latency_p99_seconds", F + 10, "set", 8.0, ramp=60)
    sc.eff("address-validation", "error_ratio", F + 30, "add", 0.3, ramp=120)
    sc.eff("dispatch-service", "latency_p99_seconds", F + 200, "mul", 5, ramp=300)
    sc.eff("shipment-api", "latency_p99_seconds", F + 120, "mul", 3, ramp=300)
    sc.gap("address-validation", F - 400, F + 300)
    sc.log("address-validation", F + 5, 0, 10, "error", [
        "geocode failed: Get \"https://geocode.search.hereapi.com/v1/geocode?q=...\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
        "geocode failed: HERE API status 503: {{\"error\":\"Service Unavailable\",\"error_description\":\"Upstream timeout\"}}"])
    sc.log("route-optimiser", F + 15, 0, 5, "warning", [
        "matrix request to https://matrix.router.hereapi.com/v8/matrix failed: 504 Gateway Timeout (attempt {n}/3)",
        "falling back to haversine matrix for depot={depot}: HERE matrix unavailable"])
    sc.log("dispatch-service", F + 300, 0, 2, "WARN", ["Route plan for depot {depot} took {ms2}00ms"])
    sc.deploy("address-validation", F - 50 * 60, "deploy", "v1.19.0", "v1.18.4", "ngozi", "address-validation: add Belgian postcode rules")
    routine_deploys(sc, co, 3)
    sc.alert("AddressValidationLatency", "address-validation", F + 240, "warning", "address-validation p99 > 2s")
    sc.alert("DispatchPlanSlow", "dispatch-service", F + 700, "critical", "route plans not ready 45m before wave")
    sc.expect("external", "here-maps")
    out.append(sc)

    # ---------------------------------------------------------------- A13 carrier-gateway deploy, no signals for culprit
    sc = S(co, "pw-oct02-postnord-labels-rejected",
           "2026-10-02T12:20:00Z", 50, 30,
           "Labels for PostNord-routed shipments failing; DHL fine. label-service paging.")
    F = -21 * 60
    sc.drop_signals.add("carrier-gateway")
    sc.deploy("carrier-gateway", F, "deploy", "v3.0.0", "v2.9.6", "k.jansen",
              "carrier-gateway: migrate postnord client to generated OpenAPI SDK", dur=180)
    routine_deploys(sc, co, 5, exclude=("carrier-gateway",))
    sc.eff("label-service", "error_ratio", F + 220, "add", 0.3, ramp=120)
    sc.eff("manifest-service", "error_ratio", F + 400, "add", 0.2, ramp=120)
    sc.eff("billing-service", "cpu_utilisation", -40 * 60, "add", 0.6, ramp=60, until=-30 * 60, back=60)
    sc.log("carrier-gateway", F + 200, 0, 10, "error", [
        "postnord booking failed shipment={sid}: 400 Bad Request: {{\"compositeFault\":{{\"faults\":[{{\"faultCode\":\"INVALID_DATE_FORMAT\",\"explanationText\":\"shipmentDate must be ISO-8601\"}}]}}}}",
        "postnord booking failed shipment={sid}: json: cannot unmarshal string into Go struct field Parcel.weight of type float64"])
    sc.log("label-service", F + 220, 0, 7, "ERROR", ["Carrier booking failed for {sid} (carrier=POSTNORD): 502 from carrier-gateway"])
    sc.log("billing-service", -40 * 60, -30 * 60, 10, "WARN", ["Invoice batch slow page: {ms2}ms for 500 accounts"])
    sc.alert("LabelServiceErrors", "label-service", F + 500, "critical", "label generation failing > 10%")
    sc.alert("BillingBatchCPU", "billing-service", -38 * 60, "warning", "billing-service CPU > 80%", resolved=-29 * 60)
    sc.expect("deploy", "carrier-gateway")
    out.append(sc)

    # ---------------------------------------------------------------- A14 auth config change, no logs
    sc = S(co, "pw-aug04-drivers-logged-out",
           "2026-08-04T07:05:00Z", 35, 15,
           "Drivers being logged out of the app mid-route; driver-app-gateway 401/5xx ratio up.")
    F = -13 * 60
    sc.omit.add("logs")
    sc.deploy("auth-service", F, "config", "v4.7.2+kv-291", "v4.7.2+kv-288", "ngozi",
              "consul kv: auth/jwt/signing_keys -> add 2026-08 key, set active_kid", dur=15)
    routine_deploys(sc, co, 4, exclude=("auth-service",))
    sc.eff("auth-service", "error_ratio", F + 30, "add", 0.12, ramp=40)
    sc.eff("auth-service", "request_rate", F + 60, "mul", 1.8, ramp=200)
    sc.eff("driver-app-gateway", "error_ratio", F + 60, "add", 0.32, ramp=60)
    sc.eff("customer-portal", "error_ratio", F + 90, "add", 0.04, ramp=60)
    sc.eff("redis-sessions", "request_rate", F + 60, "mul", 2.2, ramp=200)
    sc.alert("DriverGatewayErrorBudgetBurn", "driver-app-gateway", F + 240, "critical", "fast burn on driver app SLO")
    sc.alert("AuthTokenValidationFailures", "auth-service", F + 300, "warning", "token validation failures > 5%")
    sc.expect("config_change", "auth-service")
    out.append(sc)

    # ---------------------------------------------------------------- A15 nomad client pool (warehouse node class)
    sc = S(co, "pw-nov10-warehouse-scans-dropping",
           "2026-11-10T22:40:00Z", 60, 30,
           "Evening inbound at EIN-03/RTM-02: scanners timing out, sortation and label reprints slow. "
           "Several allocations restarting.")
    F = -23 * 60
    for s in ["scan-ingest", "sortation-service", "label-service"]:
        sc.eff(s, "request_rate", F + sc.rng.randint(30, 120), "mul", 0.45, ramp=120)
        sc.eff(s, "error_ratio", F + sc.rng.randint(30, 120), "add", 0.2, ramp=120)
        sc.eff(s, "cpu_utilisation", F + 60, "add", 0.45, ramp=120)
        sc.eff(s, "latency_p99_seconds", F + 60, "mul", 6, ramp=120)
    sc.eff("manifest-service", "error_ratio", F + 200, "add", 0.1, ramp=120)
    sc.gap("sortation-service", F + 100, F + 500)
    sc.log("nomad-clients", F - 30, 0, 6, "warn", [
        "client: heartbeat missed: node_id=3b2f... node_class=warehouse error=\"rpc error: EOF\"",
        "nomad: node status changed to down: node=nomad-wh-0{n} reason=\"heartbeat missed\"",
        "Placement Failures: task group \"scan-ingest\": Class \"warehouse\": 3 nodes excluded by filter; Dimension \"memory\" exhausted on 2 nodes",
        "client.driver_mgr.docker: failed to pull image: error=\"Get https://registry.parcelwise.internal/v2/: dial tcp 10.40.2.5:443: i/o timeout\""])
    sc.once("nomad-clients", F - 80, "error", "kernel: nfs: server nas-wh-01 not responding, still trying")
    sc.once("nomad-clients", F - 60, "error", "kernel: INFO: task dockerd:1832 blocked for more than 120 seconds.")
    sc.log("scan-ingest", F + 60, 0, 10, "error", ['msg="scan rejected" site={depot} err="context deadline exceeded" queue_depth={n3}',
                                                    'msg="healthcheck failed" check=alive status=critical'])
    sc.log("sortation-service", F + 90, 0, 5, "ERROR", ["Consumer q.sortation.scans cancelled (node drained); re-subscribing"])
    routine_deploys(sc, co, 5)
    sc.deploy("scan-ingest", F - 35 * 60, "deploy", "v6.11.0", "v6.10.2", "mkowalska", "scan-ingest: accept new Zebra TC58 firmware event codes")
    sc.alert("NomadAllocRestarts", "scan-ingest", F + 200, "warning", "scan-ingest allocations restarting")
    sc.alert("ScanRejectRate", "scan-ingest", F + 300, "critical", "scan rejects > 5%")
    sc.alert("SortationLatencyHigh", "sortation-service", F + 400, "warning", "chute assignment p99 above 500ms")
    sc.expect("infrastructure", "nomad-clients")
    out.append(sc)

    # ---------------------------------------------------------------- A16 sortation deploy slows consumer -> backlog
    sc = S(co, "pw-nov24-rabbit-backlog-sort-queue",
           "2026-11-24T02:30:00Z", 60, 30,
           "RabbitMQ q.sortation.scans backlog growing fast during night sort; platform paged for the broker.")
    F = -30 * 60
    sc.deploy("sortation-service", F, "deploy", "v7.5.0", "v7.4.2", "mkowalska",
              "sortation: write per-parcel audit row for customs (EU ICS2)", dur=240)
    routine_deploys(sc, co, 5, exclude=("sortation-service",))
    sc.eff("sortation-service", "request_rate", F + 240, "mul", 0.42, ramp=120)
    sc.eff("sortation-service", "latency_p99_seconds", F + 240, "mul", 9, ramp=120)
    sc.eff("galera-ops", "request_rate", F + 240, "mul", 1.9, ramp=120)
    sc.eff("galera-ops", "latency_p99_seconds", F + 300, "mul", 3, ramp=200)
    sc.eff("rabbitmq", "saturation", F + 300, "add", 0.6, ramp=1500)
    sc.log("sortation-service", F + 250, 0, 8, "INFO", ["Audit row written parcel={sid} took {ms2}ms",
                                                        "Chute assignment {depot}/C{n} for parcel {sid} (handler {ms2}ms)"])
    sc.log("sortation-service", F + 600, 0, 3, "WARN", ["Slow SQL (>{ms2}ms): INSERT INTO parcel_audit (parcel_id, ...) VALUES (...) ON DUPLICATE KEY UPDATE ..."])
    sc.log("rabbitmq", F + 900, 0, 1, "warning", ["queue 'q.sortation.scans' in vhost 'prod': messages_ready={n3}{n3}"])
    sc.alert("RabbitmqQueueDepthHigh", "rabbitmq", F + 1000, "critical", "q.sortation.scans has > 200k ready messages",
             labels={"queue": "q.sortation.scans", "vhost": "prod"})
    sc.alert("GaleraOpsQPSHigh", "galera-ops", F + 1200, "warning", "galera-ops QPS 2x baseline")
    sc.expect("deploy", "sortation-service")
    out.append(sc)

    # ---------------------------------------------------------------- A17 bulk import -> galera flow control (galera looks guilty), gap
    sc = S(co, "pw-nov05-galera-flow-control",
           "2026-11-05T11:15:00Z", 75, 30,
           "Galera flow control paused most of the last 20 minutes; everything writing to galera-shipments is slow. "
           "DBA suspects a bad node.")
    F = -34 * 60
    sc.eff("shipment-api", "request_rate", F, "mul", 5.5, ramp=240)
    sc.eff("shipment-api", "cpu_utilisation", F, "add", 0.4, ramp=240)
    sc.eff("shipment-api", "saturation", F + 200, "add", 0.65, ramp=600)
    sc.gap("shipment-api", F + 300, F + 1300)
    sc.eff("galera-shipments", "request_rate", F + 60, "mul", 2.8, ramp=300)
    sc.eff("galera-shipments", "saturation", F + 400, "add", 0.8, ramp=600)
    sc.eff("galera-shipments", "latency_p99_seconds", F + 400, "mul", 30, ramp=600)
    sc.eff("galera-shipments", "cpu_utilisation", F + 300, "add", 0.5, ramp=400)
    for s in ["label-service", "pricing-service", "pod-service", "billing-service"]:
        sc.eff(s, "latency_p99_seconds", F + 700, "mul", 5, ramp=300)
        sc.eff(s, "error_ratio", F + 900, "add", 0.05, ramp=300)
    sc.log("shipment-api", F, 0, 25, "INFO", [
        "Created shipment {sid} for account 88213 (service=ECONOMY, parcels=1) source=bulk_import",
        "Bulk import job bi-5521 progress: {n3}00 / 400000 rows"])
    sc.once("shipment-api", F - 20, "INFO", "Bulk import job bi-5521 accepted: account=88213 rows=400000 format=csv")
    sc.log("galera-shipments", F + 500, 0, 2, "warning", ["[Warning] WSREP: Flow control paused for {n}.{n} s, recv queue {n3}"])
    sc.log("label-service", F + 900, 0, 4, "ERROR", ["Lock wait timeout exceeded; try restarting transaction (shipment {sid})"])
    routine_deploys(sc, co, 6)
    sc.deploy("billing-service", F - 8 * 60, "deploy", "v2.3.4", "v2.3.3", "pdekker", "billing: fix rounding in VAT summary")
    sc.alert("GaleraFlowControlPaused", "galera-shipments", F + 800, "critical", "wsrep_flow_control_paused > 0.5 for 10m")
    sc.alert("MySQLSlowQueriesRising", "galera-shipments", F + 900, "warning", "galera-shipments slow queries > 50/s")
    sc.alert("LabelServiceLatency", "label-service", F + 1200, "warning", "label-service p99 > 3s")
    sc.expect("traffic_surge", "shipment-api")
    out.append(sc)

    return out


def envoy_503(method, path, upstream, flags, details):
    def f(rng, dt, v):
        return ('[%s] "%s %s HTTP/1.1" 503 %s 0 %d %d - "-" "okhttp/4.12.0" "%s" "%s" "-" %s' % (
            dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000), method,
            path.format(**v), flags, len(details), rng.randint(1, 15000), v["rid"], upstream, details))
    return f




# ====================================================================== Forkful incidents


def alb_5xx(path, status, upstream):
    def f(rng, dt, v):
        return ('h2 %s app/k8s-prod-public-7f2c/9a1e %s:%d %s:8080 0.000 %s 0.000 %d %d 912 %d "GET https://api.forkful.co.uk:443%s HTTP/2.0" "Forkful/8.14 (iOS 17.5)" - - arn:aws:elasticloadbalancing:eu-west-1:4411:targetgroup/k8s-prod-%s/11ab "Root=1-%s" "api.forkful.co.uk"' % (
            dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), v["ip"], v["port"], "10.96.%d.%d" % (rng.randint(0, 15), rng.randint(2, 250)),
            "-1" if status in (502, 504) else "%.3f" % (v["ms"] / 1000.0), status, status if status not in (502, 504) else -1, v["bytes"] if status == 200 else 0,
            path.format(**v), upstream[:12], v["trace"][:8] + "-" + v["trace"][8:32]))
    return f


def build_fk(S, co):
    out = []

    # ---------------------------------------------------------------- B01 coredns
    sc = S(co, "fk-nov21-friday-dinner-random-timeouts",
           "2026-11-21T18:42:00Z", 60, 30,
           "Friday dinner peak: sporadic timeouts across menus, carts, courier dispatch and payments. "
           "No single service stands out; error budget alerts on four teams.")
    F = -17 * 60
    sc.eff("coredns", "latency_p99_seconds", F - 60, "mul", 250, ramp=180)
    sc.eff("coredns", "error_ratio", F, "add", 0.22, ramp=180)
    sc.eff("coredns", "cpu_utilisation", F - 120, "set", 0.98, ramp=240)
    sc.eff("coredns", "request_rate", F - 300, "mul", 1.6, ramp=300)
    for s, e in [("menu-service", 0.06), ("cart-service", 0.08), ("courier-dispatch", 0.12), ("payment-service", 0.09),
                 ("order-service", 0.07), ("eta-service", 0.1), ("user-service", 0.05)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(30, 200), "add", e, ramp=120)
        sc.eff(s, "latency_p99_seconds", F + sc.rng.randint(30, 200), "add", 2.5, ramp=120)
    sc.eff("api-gateway", "error_ratio", F + 120, "add", 0.05, ramp=120)
    sc.log("coredns", F - 120, 0, 8, "error", [
        "[ERROR] plugin/errors: 2 orders-prod.cluster-c9x2.eu-west-1.rds.amazonaws.com. A: read udp 10.96.4.12:{port}->10.96.0.2:53: i/o timeout",
        "[WARNING] plugin/kubernetes: Kubernetes API connection failure: Get \"https://172.20.0.1:443/version\": context deadline exceeded",
        "[ERROR] plugin/errors: 2 dynamodb.eu-west-1.amazonaws.com. AAAA: read udp 10.96.4.12:{port}->10.96.0.2:53: i/o timeout"])
    sc.log("payment-service", F + 60, 0, 4, "ERROR", [
        "java.net.UnknownHostException: checkout-live.adyen.com: Temporary failure in name resolution\n\tat java.base/java.net.InetAddress$CachedAddresses.get(InetAddress.java:801)",
        "HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@5e1f (This connection has been closed.)"])
    sc.log("cart-service", F + 40, 0, 6, "error", ['level=error msg="redis get failed" err="dial tcp: lookup forkful-prod.x8k2ab.ng.0001.euw1.cache.amazonaws.com on 172.20.0.10:53: read udp 10.96.7.33:{port}->172.20.0.10:53: i/o timeout"'])
    sc.log("courier-dispatch", F + 80, 0, 5, "error", ['operation error DynamoDB: GetItem, https response error StatusCode: 0, RequestID: , request send failed, Post "https://dynamodb.eu-west-1.amazonaws.com/": dial tcp: lookup dynamodb.eu-west-1.amazonaws.com: i/o timeout'])
    sc.log("menu-service", F + 100, 0, 4, "error", ['{{"level":"error","msg":"dynamo query failed","err":"dial tcp: lookup dynamodb.eu-west-1.amazonaws.com on 172.20.0.10:53: no such host"}}'])
    sc.log("eta-service", F + 120, 0, 3, "error", ['getaddrinfo EAI_AGAIN maps.googleapis.com'])
    routine_deploys(sc, co, 7)
    sc.deploy("courier-dispatch", F - 7 * 60, "deploy", "sha-4be1a09", "sha-9c01d77", "tomasz.w", "dispatch: tweak batching radius for Shoreditch")
    for s, n in [("menu-service", "MenuServiceSLOBurn"), ("cart-service", "CartErrorRate"),
                 ("courier-dispatch", "DispatchOfferFailures"), ("payment-service", "PaymentErrorRateHigh"),
                 ("api-gateway", "GatewayHigh5xx")]:
        sc.alert(n, s, F + sc.rng.randint(240, 500), "critical", "%s errors above threshold" % s,
                 labels={"namespace": "prod"})
    sc.expect("infrastructure", "coredns")
    out.append(sc)

    # ---------------------------------------------------------------- B02 courier-location surge -> redis looks guilty
    sc = S(co, "fk-oct11-redis-cpu-pegged-lunch",
           "2026-10-11T12:25:00Z", 60, 15,
           "ElastiCache engine CPU at 100% and evictions; menus and carts slow. data-platform paged first.")
    F = -28 * 60
    sc.eff("courier-location", "request_rate", F, "mul", 6.0, ramp=900)
    sc.eff("courier-location", "cpu_utilisation", F + 60, "add", 0.5, ramp=900)
    sc.eff("elasticache-redis", "request_rate", F + 60, "mul", 2.6, ramp=900)
    sc.eff("elasticache-redis", "cpu_utilisation", F + 120, "set", 0.99, ramp=900)
    sc.eff("elasticache-redis", "latency_p99_seconds", F + 700, "mul", 25, ramp=300)
    sc.eff("elasticache-redis", "saturation", F + 300, "add", 0.55, ramp=900)
    sc.eff("msk-kafka", "request_rate", F + 60, "mul", 1.7, ramp=900)
    for s in ["menu-service", "cart-service", "eta-service", "search-service"]:
        sc.eff(s, "latency_p99_seconds", F + 800, "mul", 5, ramp=300)
        sc.eff(s, "error_ratio", F + 1000, "add", 0.04, ramp=300)
    sc.log("courier-location", F + 30, 0, 12, "info", [
        'level=info msg="pings flushed" n={n3}{n} redis_ms={n}{n}',
        'level=info msg="client" app_version=courier-ios/6.3.0 ping_interval_ms=1000 couriers={n3}'])
    sc.deploy("courier-location", -9 * 3600, "deploy", "sha-77c2e01", "sha-31f0aa2", "hleung", "location: accept compressed batch pings")
    sc.log("cart-service", F + 900, 0, 5, "error", ['level=error msg="redis get failed" err="redis: connection pool timeout"',
                                                     'level=warn msg="slow redis" cmd=HGETALL dur={ms2}ms'])
    sc.log("menu-service", F + 900, 0, 4, "warn", ['{{"level":"warn","msg":"cache timeout, reading through to dynamo","restaurant_id":{n3}}}'])
    routine_deploys(sc, co, 6)
    sc.alert("ElastiCacheEngineCPUHigh", "elasticache-redis", F + 1000, "critical", "EngineCPUUtilization > 90% on forkful-prod-0001-001")
    sc.alert("ElastiCacheEvictions", "elasticache-redis", F + 1200, "warning", "evictions > 0")
    sc.alert("CartLatencyHigh", "cart-service", F + 1300, "warning", "cart p99 > 500ms")
    sc.expect("traffic_surge", "courier-location")
    out.append(sc)

    # ---------------------------------------------------------------- B03 adyen
    sc = S(co, "fk-sep06-card-payments-failing",
           "2026-09-06T19:05:00Z", 45, 30,
           "Checkout conversion collapsed; checkout-service 5xx alert. Apple Pay and cards both affected.")
    F = -16 * 60
    sc.eff("payment-service", "error_ratio", F, "add", 0.55, ramp=90)
    sc.eff("payment-service", "latency_p99_seconds", F, "set", 15.0, ramp=90)
    sc.eff("payment-service", "saturation", F + 60, "add", 0.6, ramp=300)
    sc.eff("checkout-service", "error_ratio", F + 60, "add", 0.5, ramp=90)
    sc.eff("checkout-service", "latency_p99_seconds", F + 60, "mul", 8, ramp=90)
    sc.eff("api-gateway", "error_ratio", F + 90, "add", 0.02, ramp=90)
    sc.log("payment-service", F, 0, 18, "ERROR", [
        "Adyen /payments failed order={oid}: com.adyen.service.exception.ApiException: Service Unavailable (statusCode=503) host=checkout-live.adyenpayments.com",
        "Adyen /payments failed order={oid}: java.net.SocketTimeoutException: Read timed out (host=checkout-live.adyenpayments.com, timeout=15000ms)",
        "Resilience4j CircuitBreaker 'adyen' is OPEN and does not permit further calls"])
    sc.log("checkout-service", F + 60, 0, 8, "ERROR", ["Checkout failed order={oid}: payment-service returned 502 PAYMENT_PROVIDER_UNAVAILABLE"])
    routine_deploys(sc, co, 6)
    sc.alert("CheckoutHigh5xx", "checkout-service", F + 200, "critical", "checkout-service 5xx > 5%")
    sc.alert("PaymentAuthRateDrop", "payment-service", F + 260, "critical", "authorisation success rate < 60%")
    sc.expect("external", "adyen")
    out.append(sc)

    # ---------------------------------------------------------------- B04 google maps + innocent eta deploy
    sc = S(co, "fk-nov02-eta-broken-after-release",
           "2026-11-02T18:30:00Z", 50, 20,
           "ETAs show 'calculating...' in the app; eta-service released 11 minutes before the first error. "
           "Courier dispatch also degraded.")
    F = -19 * 60
    sc.deploy("eta-service", F - 11 * 60, "deploy", "sha-c0ffee1", "sha-81b2d90", "felix.o",
              "eta: add dwell-time model v3 for restaurant pickup leg (shadow mode)", dur=160)
    routine_deploys(sc, co, 5, exclude=("eta-service",))
    sc.eff("eta-service", "error_ratio", F, "add", 0.42, ramp=120)
    sc.eff("eta-service", "latency_p99_seconds", F, "set", 5.2, ramp=90)
    sc.eff("courier-dispatch", "latency_p99_seconds", F + 120, "mul", 4, ramp=120)
    sc.eff("courier-dispatch", "error_ratio", F + 200, "add", 0.08, ramp=120)
    sc.eff("eta-service", "memory_utilisation", F - 11 * 60 + 160, "add", 0.04, ramp=60)
    sc.log("eta-service", F - 11 * 60 + 170, F, 2, "info", ["dwell model v3 loaded (shadow=true, features=14)"])
    sc.log("eta-service", F, 0, 14, "error", [
        "directions request failed: Request failed with status code 503 (https://maps.googleapis.com/maps/api/directions/json)",
        "distancematrix error: UNKNOWN_ERROR from maps.googleapis.com, retrying (attempt {n})",
        "eta fallback to straight-line estimate for order {oid}: ETIMEDOUT maps.googleapis.com:443"])
    sc.log("courier-dispatch", F + 150, 0, 4, "warn", ["eta lookup degraded for order={oid}, using zone default"])
    sc.alert("EtaServiceErrors", "eta-service", F + 240, "critical", "eta-service 5xx ratio > 10%")
    sc.alert("DispatchLatencyHigh", "courier-dispatch", F + 500, "warning", "courier-dispatch p99 > 1.5s")
    sc.expect("external", "google-maps")
    out.append(sc)

    # ---------------------------------------------------------------- B05 fulfilment-worker deploy -> kafka lag
    sc = S(co, "fk-oct24-orders-stuck-accepted",
           "2026-10-24T12:50:00Z", 70, 30,
           "Restaurants report accepted orders never get a courier; order-events consumer lag on MSK growing.")
    F = -36 * 60
    sc.deploy("fulfilment-worker", F, "deploy", "sha-5d1e2aa", "sha-0b77f31", "ines.r",
              "fulfilment: idempotency check via conditional write before side effects", dur=200)
    routine_deploys(sc, co, 6, exclude=("fulfilment-worker",))
    sc.eff("fulfilment-worker", "request_rate", F + 200, "mul", 0.35, ramp=120)
    sc.eff("fulfilment-worker", "latency_p99_seconds", F + 200, "mul", 12, ramp=120)
    sc.eff("dynamodb-courier-state", "request_rate", F + 200, "mul", 1.6, ramp=120)
    sc.eff("dynamodb-courier-state", "saturation", F + 200, "add", 0.2, ramp=300)
    sc.eff("msk-kafka", "saturation", F + 260, "add", 0.7, ramp=1800)
    sc.eff("courier-dispatch", "request_rate", F + 400, "mul", 0.5, ramp=300)
    sc.log("fulfilment-worker", F + 210, 0, 8, "WARN", [
        "ConditionalCheckFailedException on courier-state put for {oid}; retrying with backoff 400ms (attempt {n})",
        "Handled OrderAccepted {oid} (partition {n}, lag {n3}{n3}) in {ms2}0ms"])
    sc.log("fulfilment-worker", F + 1200, 0, 2, "WARN", ["[Consumer clientId=fulfilment-1, groupId=order-events-fulfilment] consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms"])
    sc.alert("KafkaConsumerGroupLag", "msk-kafka", F + 900, "critical", "order-events-fulfilment lag > 50k",
             labels={"consumergroup": "order-events-fulfilment", "topic": "order-events"})
    sc.alert("OrdersWithoutCourier", "courier-dispatch", F + 1500, "critical", "orders accepted >10m without courier offer")
    sc.expect("deploy", "fulfilment-worker")
    out.append(sc)

    # ---------------------------------------------------------------- B06 cart connection leak pre-dating ratings deploy
    sc = S(co, "fk-dec01-aurora-connections-exhausted",
           "2026-12-01T13:20:00Z", 90, 30,
           "orders-aurora near max_connections; checkout failing with pool timeouts. ratings-service "
           "rolled out shortly before the page.")
    sc.leak("promotions-service", "saturation", -88 * 60, 0.99)
    sc.leak("orders-aurora", "saturation", -85 * 60, 0.97)
    sc.eff("promotions-service", "latency_p99_seconds", -15 * 60, "mul", 20, ramp=400)
    sc.eff("promotions-service", "error_ratio", -10 * 60, "add", 0.2, ramp=300)
    sc.eff("checkout-service", "error_ratio", -9 * 60, "add", 0.15, ramp=300)
    sc.eff("payment-service", "error_ratio", -8 * 60, "add", 0.08, ramp=300)
    sc.eff("user-service", "error_ratio", -8 * 60, "add", 0.04, ramp=300)
    sc.deploy("ratings-service", -14 * 60, "deploy", "sha-aa01b3c", "sha-e3fd210", "ciara.m", "ratings: new 'tip your courier' prompt")
    routine_deploys(sc, co, 4, exclude=("promotions-service", "ratings-service"))
    sc.log("promotions-service", -60 * 60, 0, 1.5, "info", ["db pool stats: open={n}{n} in_use={n}{n} idle=0 max=400"])
    sc.log("promotions-service", -12 * 60, 0, 6, "error", ["evaluate failed user={uid}: pq: sorry, too many clients already",
                                                           "evaluate failed user={uid}: timeout acquiring connection from pool after 5s"])
    sc.log("checkout-service", -9 * 60, 0, 5, "ERROR", ["HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                                                        "Checkout failed order={oid}: promotions timed out"])
    sc.log("payment-service", -8 * 60, 0, 2, "ERROR", ["org.postgresql.util.PSQLException: FATAL: remaining connection slots are reserved for non-replication superuser connections"])
    sc.log("ratings-service", -13 * 60, 0, 1.5, "INFO", ["Tip prompt shown order={oid}"])
    sc.alert("AuroraConnectionsHigh", "orders-aurora", -11 * 60, "critical", "DatabaseConnections > 1800 on orders-prod")
    sc.alert("CheckoutHigh5xx", "checkout-service", -6 * 60, "critical", "checkout-service 5xx > 5%")
    sc.expect("resource_saturation", "promotions-service")
    out.append(sc)

    # ---------------------------------------------------------------- B07 karpenter nodepool can't provision
    sc = S(co, "fk-nov07-pods-pending-dinner-ramp",
           "2026-11-07T18:10:00Z", 60, 30,
           "Dinner ramp: HPAs scaled several deployments but new replicas never became ready; search, menus "
           "and checkout saturating.")
    F = -25 * 60
    sc.log("karpenter-nodepools", F - 60, 0, 6, "error", [
        '{{"level":"ERROR","logger":"controller.nodeclaim.lifecycle","message":"launching nodeclaim, creating instance, insufficient capacity, all requested instance types were unavailable during launch","NodeClaim":{{"name":"general-spot-{n3}x"}},"error":"InsufficientInstanceCapacity: We currently do not have sufficient c6i.4xlarge capacity in the Availability Zone you requested (eu-west-1b)"}}',
        '{{"level":"ERROR","logger":"controller.provisioner","message":"could not schedule pod","Pod":{{"name":"search-service-7d9c5b11-{n3}x","namespace":"prod"}},"error":"all available instance types exceed limits for nodepool: \\"general\\""}}'])
    sc.log("search-service", F + 200, 0, 5, "WARN", ["Request queue full (256), rejecting search zone={depot}"])
    sc.log("menu-service", F + 300, 0, 4, "warn", ['{{"level":"warn","msg":"worker pool saturated","queued":{n3}}}'])
    for s in ["search-service", "menu-service", "checkout-service", "cart-service"]:
        sc.eff(s, "cpu_utilisation", F + 60, "set", 0.97, ramp=600)
        sc.eff(s, "saturation", F + 120, "set", 0.95, ramp=600)
        sc.eff(s, "latency_p99_seconds", F + 400, "mul", 6, ramp=500)
        sc.eff(s, "error_ratio", F + 600, "add", 0.07, ramp=300)
    sc.eff("api-gateway", "request_rate", -60 * 60, "mul", 1.35, ramp=2400)
    sc.eff("api-gateway", "error_ratio", F + 700, "add", 0.05, ramp=300)
    routine_deploys(sc, co, 6)
    sc.deploy("karpenter-nodepools", -3 * 3600, "infra", "nodepool-general@r41", "nodepool-general@r40", "oliver.b",
              "karpenter: add team label to nodeclaims for cost allocation")
    sc.alert("KubePodNotReady", "search-service", F + 600, "warning", "pods not ready > 10m", labels={"namespace": "prod"})
    sc.alert("KubeHpaMaxedOut", "menu-service", F + 800, "warning", "HPA desired > current for 15m", labels={"namespace": "prod"})
    sc.alert("CheckoutLatencyHigh", "checkout-service", F + 1000, "critical", "checkout p99 > 3s")
    sc.expect("infrastructure", "karpenter-nodepools")
    out.append(sc)

    # ---------------------------------------------------------------- B08 NAT gateway -> looks like several external outages
    sc = S(co, "fk-oct19-adyen-maps-fcm-all-failing",
           "2026-10-19T17:55:00Z", 45, 30,
           "Payments, ETAs and push notifications all failing to reach their providers at once. "
           "Status pages for Adyen, Google and Firebase show green.")
    F = -14 * 60
    sc.drop_signals.add("nat-gateway")
    for s, e in [("payment-service", 0.3), ("eta-service", 0.35), ("notification-service", 0.5)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(0, 60), "add", e, ramp=180)
        sc.eff(s, "latency_p99_seconds", F + sc.rng.randint(0, 60), "set", 10.0, ramp=180)
    sc.eff("checkout-service", "error_ratio", F + 120, "add", 0.25, ramp=180)
    sc.eff("courier-dispatch", "latency_p99_seconds", F + 150, "mul", 3, ramp=180)
    sc.log("payment-service", F, 0, 8, "ERROR", ["Adyen /payments failed order={oid}: org.apache.hc.client5.http.ConnectTimeoutException: Connect to checkout-live.adyenpayments.com:443 [/52.58.{n}.{n3}] failed: Connect timed out"])
    sc.log("eta-service", F + 20, 0, 8, "error", ["connect ETIMEDOUT 142.250.{n}.{n3}:443 (maps.googleapis.com)",
                                                   "Error: socket hang up at TLSSocket (maps.googleapis.com)"])
    sc.log("notification-service", F + 10, 0, 10, "error", ["fcm send failed: Post \"https://fcm.googleapis.com/v1/projects/forkful-prod/messages:send\": dial tcp 142.250.{n}.{n3}:443: i/o timeout"])
    sc.log("order-service", F + 60, 0, 2, "WARN", ["Slow S3 put for receipt {oid}: 4{n3}ms"])
    sc.log("alb-ingress", -40 * 60, 0, 1, "info", ['{{"level":"info","logger":"controllers.ingress","msg":"successfully deployed model","ingressGroup":"prod/public"}}'])
    sc.log("karpenter-nodepools", F - 300, F + 60, 2, "info", [
        '{{"level":"INFO","logger":"controller.provisioner","message":"created nodeclaim","NodePool":{{"name":"general"}},"NodeClaim":{{"name":"general-{n3}ab"}},"requests":{{"cpu":"14200m","pods":"38"}},"instance-types":"c6i.4xlarge, c7i.4xlarge"}}'])
    routine_deploys(sc, co, 6)
    sc.alert("PaymentErrorRateHigh", "payment-service", F + 240, "critical", "payment-service error ratio > 10%")
    sc.alert("EtaServiceErrors", "eta-service", F + 300, "warning", "eta-service 5xx ratio > 10%")
    sc.alert("PushDeliveryFailures", "notification-service", F + 200, "warning", "FCM send failures > 20%")
    sc.alert("AWSNatGatewayErrorPortAllocation", "nat-gateway", F + 420, "warning",
             "ErrorPortAllocation > 0 on nat-0b3f9 (eu-west-1a)", labels={"nat_gateway_id": "nat-0b3f9c1e2"})
    sc.expect("infrastructure", "nat-gateway")
    out.append(sc)

    # ---------------------------------------------------------------- B09 ingress config change
    sc = S(co, "fk-sep23-tablet-orders-504",
           "2026-09-23T11:50:00Z", 40, 15,
           "Restaurant tablets see repeated 504s on order polling and drop offline; merchants calling support.")
    F = -12 * 60
    sc.deploy("alb-ingress", F, "config", "ingress-prod@3e9d", "ingress-prod@1c77", "dan.morgan",
              "ingress: set alb.ingress.kubernetes.io/load-balancer-attributes idle_timeout.timeout_seconds=10 on prod/public group",
              dur=90)
    routine_deploys(sc, co, 6)
    sc.eff("alb-ingress", "error_ratio", F + 90, "add", 0.11, ramp=60)
    sc.eff("restaurant-tablet-gateway", "request_rate", F + 90, "mul", 1.9, ramp=120)
    sc.eff("restaurant-tablet-gateway", "error_ratio", F + 100, "add", 0.02, ramp=120)
    sc.eff("order-service", "latency_p99_seconds", F + 300, "mul", 1.4, ramp=200)
    sc.log("alb-ingress", F + 20, F + 100, 6, "info", [
        '{{"level":"info","logger":"controllers.ingress","msg":"modifying loadBalancer attributes","stackID":"prod/public","resourceID":"LoadBalancer","change":{{"idle_timeout.timeout_seconds":"10"}}}}'])
    sc.log("alb-ingress", F + 90, 0, 20, "warn", [alb_5xx("/v1/tablet/orders/poll?since={n3}", 504, "restaurant-tablet"),
                                                   alb_5xx("/v2/orders/{oid}/stream", 504, "order-service")])
    sc.log("restaurant-tablet-gateway", F + 100, 0, 8, "info", ['{{"level":"info","msg":"long-poll client disconnected","tablet":"tab-{n3}","held_ms":100{n}}}',
                                                                 '{{"level":"info","msg":"tablet reconnect","tablet":"tab-{n3}","reason":"EOF"}}'])
    sc.alert("TabletsOffline", "restaurant-tablet-gateway", F + 360, "critical", "> 8% of tablets offline for 5m")
    sc.alert("ALBTarget5xx", "alb-ingress", F + 300, "warning", "HTTPCode_ELB_5XX_Count high on k8s-prod-public")
    sc.expect("config_change", "alb-ingress")
    out.append(sc)

    # ---------------------------------------------------------------- B10 promotions flag -> aurora cpu
    sc = S(co, "fk-oct03-aurora-cpu-checkout-slow",
           "2026-10-03T20:05:00Z", 60, 30,
           "Aurora writer CPU > 95%, checkout and order history slow. Growth launched a campaign this evening.")
    F = -22 * 60
    sc.deploy("promotions-service", F, "flag", "sha-4c1d0e2", "sha-4c1d0e2", "priya-s",
              "flag promo.stacking_rules=on (allow combining restaurant + platform promos)", dur=5)
    routine_deploys(sc, co, 6, exclude=("promotions-service",))
    sc.eff("promotions-service", "latency_p99_seconds", F + 30, "mul", 25, ramp=120)
    sc.eff("orders-aurora", "cpu_utilisation", F + 30, "set", 0.97, ramp=240)
    sc.eff("orders-aurora", "latency_p99_seconds", F + 60, "mul", 40, ramp=240)
    sc.eff("orders-aurora", "saturation", F + 120, "add", 0.35, ramp=300)
    for s in ["checkout-service", "order-service", "payment-service", "ratings-service", "user-service"]:
        sc.eff(s, "latency_p99_seconds", F + 200, "mul", 3.5, ramp=200)
    sc.eff("checkout-service", "error_ratio", F + 400, "add", 0.06, ramp=200)
    sc.log("promotions-service", F + 40, 0, 4, "warn", ["slow query 4{n3}ms: SELECT p.* FROM promotions p JOIN promotion_redemptions r ON ... WHERE r.user_id = $1 OR p.scope = 'PLATFORM'",
                                                         "evaluated 9 promotions for user={uid} applied=STACK(R12,P5) in {ms2}0ms"])
    sc.log("order-service", F + 300, 0, 3, "WARN", ["Slow transaction {ms2}0ms committing order {oid}"])
    sc.alert("AuroraCPUHigh", "orders-aurora", F + 400, "critical", "CPUUtilization > 90% on orders-prod writer")
    sc.alert("CheckoutLatencyHigh", "checkout-service", F + 600, "critical", "checkout p99 > 3s")
    sc.expect("config_change", "promotions-service")
    out.append(sc)

    # ---------------------------------------------------------------- B11 elasticache failover, innocent deploys earlier
    sc = S(co, "fk-aug29-cart-and-sessions-errors",
           "2026-08-29T13:05:00Z", 45, 20,
           "Carts emptying, users logged out, menu reads spiky. cart-service and user-service paging.")
    F = -10 * 60
    sc.eff("elasticache-redis", "request_rate", F, "mul", 0.15, ramp=30)
    sc.eff("elasticache-redis", "error_ratio", F, "add", 0.6, ramp=20)
    sc.eff("elasticache-redis", "latency_p99_seconds", F, "mul", 400, ramp=20)
    sc.gap("elasticache-redis", F + 20, F + 200)
    for s, e in [("cart-service", 0.4), ("user-service", 0.25), ("menu-service", 0.05), ("search-service", 0.08),
                 ("eta-service", 0.1), ("courier-location", 0.3)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(3, 30), "add", e, ramp=30)
    sc.eff("dynamodb-menus", "request_rate", F + 30, "mul", 2.8, ramp=60)
    sc.log("cart-service", F + 3, 0, 12, "error", ['level=error msg="cart write failed" err="READONLY You can\'t write against a read only replica."',
                                                    'level=error msg="redis get failed" err="dial tcp 10.96.12.40:6379: connect: connection refused"'])
    sc.log("user-service", F + 5, 0, 6, "ERROR", ["io.lettuce.core.RedisConnectionException: Unable to connect to forkful-prod.x8k2ab.ng.0001.euw1.cache.amazonaws.com/10.96.12.40:6379",
                                                  "Session lookup failed, forcing re-login: io.lettuce.core.RedisCommandTimeoutException: Command timed out after 1 second(s)"])
    sc.log("courier-location", F + 5, 0, 8, "error", ['level=error msg="flush failed" err="EOF"'])
    sc.log("menu-service", F + 20, 0, 3, "warn", ['{{"level":"warn","msg":"cache timeout, reading through to dynamo","restaurant_id":{n3}}}'])
    routine_deploys(sc, co, 5)
    sc.deploy("search-service", F - 6 * 60, "deploy", "sha-1e2f3a4", "sha-9d8c7b6", "hleung", "search: boost open-now restaurants")
    sc.deploy("menu-service", F - 30 * 60, "deploy", "sha-2b4d6f8", "sha-0a1c3e5", "tomasz.w", "menu: allergen tags on modifiers")
    sc.alert("CartErrorRate", "cart-service", F + 120, "critical", "cart-service 5xx > 5%")
    sc.alert("UserServiceErrors", "user-service", F + 150, "warning", "user-service errors > 2%")
    sc.alert("ElastiCacheReplicationEvent", "elasticache-redis", F + 60, "info", "failover event on forkful-prod-0001", resolved=F + 400)
    sc.expect("dependency_outage", "elasticache-redis")
    out.append(sc)

    # ---------------------------------------------------------------- B12 MSK broker down, no deploys file
    sc = S(co, "fk-sep14-order-events-publish-errors",
           "2026-09-14T09:35:00Z", 40, 30,
           "order-service failing to publish order events; tablets not receiving new orders; "
           "notification lag.")
    F = -9 * 60
    sc.omit.add("deploys")
    sc.eff("msk-kafka", "request_rate", F, "mul", 0.35, ramp=30)
    sc.eff("msk-kafka", "error_ratio", F, "add", 0.4, ramp=30)
    sc.eff("msk-kafka", "latency_p99_seconds", F, "mul", 60, ramp=30)
    for s, e in [("order-service", 0.3), ("restaurant-tablet-gateway", 0.12), ("notification-service", 0.2),
                 ("courier-location", 0.25), ("fulfilment-worker", 0.15)]:
        sc.eff(s, "error_ratio", F + sc.rng.randint(10, 60), "add", e, ramp=60)
    sc.log("order-service", F + 10, 0, 10, "ERROR", [
        "Error while fetching metadata with correlation id {n3} : {{order-events=LEADER_NOT_AVAILABLE}}",
        "org.apache.kafka.common.errors.TimeoutException: Expiring 14 record(s) for order-events-{n}:120001 ms has passed since batch creation",
        "[Producer clientId=order-service-1] Connection to node 2 (b-2.forkful-prod.x1y2z3.c4.kafka.eu-west-1.amazonaws.com/10.96.30.12:9094) could not be established. Broker may not be available."])
    sc.log("fulfilment-worker", F + 30, 0, 4, "WARN", ["[Consumer clientId=fulfilment-1, groupId=order-events-fulfilment] Group coordinator b-2.forkful-prod.x1y2z3.c4.kafka.eu-west-1.amazonaws.com:9094 (id: 2147483645 rack: null) is unavailable or invalid due to cause: coordinator unavailable. isDisconnected: true. Rediscovery will be attempted."])
    sc.log("courier-location", F + 15, 0, 6, "error", ['level=error msg="kafka write" err="kafka: Failed to produce message to topic courier-pings: kafka server: In the middle of a leadership election, there is currently no leader for this partition and hence it is unavailable for writes"'])
    sc.log("notification-service", F + 40, 0, 3, "warn", ["KafkaJSNumberOfRetriesExceeded: Connection timeout (broker b-2.forkful-prod.x1y2z3.c4.kafka.eu-west-1.amazonaws.com:9094)"])
    sc.alert("KafkaUnderReplicatedPartitions", "msk-kafka", F + 90, "critical", "UnderReplicatedPartitions > 0 on forkful-prod",
             labels={"broker": "2"})
    sc.alert("OrderPublishFailures", "order-service", F + 150, "critical", "order event publish failures")
    sc.alert("TabletsOffline", "restaurant-tablet-gateway", F + 300, "warning", "> 8% of tablets offline for 5m")
    sc.expect("dependency_outage", "msk-kafka")
    out.append(sc)

    # ---------------------------------------------------------------- B13 checkout deploy, flapping alert elsewhere
    sc = S(co, "fk-nov15-checkout-500-saturday",
           "2026-11-15T19:20:00Z", 50, 30,
           "Checkout 5xx on iOS + Android; api-gateway alert fired. notification-service alert flapping all evening.")
    F = -15 * 60
    sc.deploy("checkout-service", F, "deploy", "sha-e7f21b0", "sha-3d9a4c2", "dan.morgan",
              "checkout: new address-line schema with optional flat/apartment notes", dur=240)
    routine_deploys(sc, co, 6, exclude=("checkout-service",))
    sc.deploy("notification-service", -4 * 3600, "deploy", "sha-b1b2b3b", "sha-a0a0a0a", "felix.o", "notifications: quiet hours per locale")
    sc.eff("checkout-service", "error_ratio", F + 150, "add", 0.28, ramp=120)
    sc.eff("checkout-service", "cpu_utilisation", F + 150, "add", 0.08, ramp=120)
    sc.eff("api-gateway", "error_ratio", F + 170, "add", 0.012, ramp=120)
    sc.eff("payment-service", "request_rate", F + 170, "mul", 0.7, ramp=120)
    sc.eff("order-service", "request_rate", F + 170, "mul", 0.72, ramp=120)
    for k in range(5):
        st = -48 * 60 + k * 9 * 60
        sc.eff("notification-service", "error_ratio", st, "add", 0.06, ramp=30, until=st + 180, back=60)
    sc.log("checkout-service", F + 150, 0, 10, "ERROR", [
        "Unhandled exception for POST /v3/checkout: java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"addr.getApartmentNote()\" is null\n\tat co.forkful.checkout.address.AddressNormaliser.normalise(AddressNormaliser.java:88)\n\tat co.forkful.checkout.CheckoutController.submit(CheckoutController.java:214)",
        "Checkout failed order={oid}: 500 INTERNAL_ERROR"])
    sc.log("api-gateway", F + 170, 0, 6, "warn", [envoy_line("POST", ["/v3/checkout"], "checkout-service", status=500)])
    sc.log("notification-service", -48 * 60, 0, 2, "warn", ["fcm send retry user={uid}: messaging/message-rate-exceeded"])
    for k in range(4):
        st = -45 * 60 + k * 9 * 60
        sc.alert("PushDeliveryFailures", "notification-service", st, "warning", "FCM send failures > 5%", resolved=st + 240)
    sc.alert("PushDeliveryFailures", "notification-service", -6 * 60, "warning", "FCM send failures > 5%")
    sc.alert("GatewayHigh5xx", "api-gateway", F + 500, "critical", "api-gateway 5xx > 1% (route=/v3/checkout)",
             labels={"route": "/v3/checkout"})
    sc.expect("deploy", "checkout-service")
    out.append(sc)

    # ---------------------------------------------------------------- B14 tablet menu sync storm -> kafka lag (producer surge)
    sc = S(co, "fk-oct15-menu-indexer-lag",
           "2026-10-15T10:55:00Z", 75, 30,
           "Menu changes not showing in search/feed (86 sold-out items still orderable); menu-indexer consumer lag alert.")
    F = -40 * 60
    sc.eff("restaurant-tablet-gateway", "request_rate", F, "mul", 3.2, ramp=300)
    sc.eff("restaurant-tablet-gateway", "cpu_utilisation", F, "add", 0.3, ramp=300)
    sc.eff("msk-kafka", "request_rate", F + 30, "mul", 2.4, ramp=300)
    sc.eff("msk-kafka", "saturation", F + 180, "add", 0.55, ramp=2000)
    sc.eff("menu-indexer", "cpu_utilisation", F + 60, "set", 0.92, ramp=300)
    sc.eff("menu-indexer", "request_rate", F + 60, "mul", 1.5, ramp=300)
    sc.eff("menu-indexer", "saturation", F + 60, "add", 0.8, ramp=300)
    sc.log("restaurant-tablet-gateway", F - 10, 0, 18, "info", [
        '{{"level":"info","msg":"pos menu sync","site":"{depot}","tablet":"tab-{n3}","items":{n3},"mode":"full"}}',
        '{{"level":"info","msg":"published menu-updates","count":{n3},"restaurant":{n3}}}'])
    sc.once("restaurant-tablet-gateway", F - 30, "info", '{"level":"info","msg":"POS partner webhook: bulk resync requested","partner":"squareup","restaurants":1840}')
    sc.log("menu-indexer", F + 900, 0, 3, "warn", ["consumer lag partition={n} lag={n3}{n3} (menu-updates)"])
    sc.log("search-service", F + 1200, 0, 2, "WARN", ["Stale menu version for restaurant {n3}: indexed=1{n3} current=1{n3}"])
    routine_deploys(sc, co, 6)
    sc.deploy("menu-indexer", F - 90 * 60, "deploy", "sha-0e0f1a2", "sha-f9e8d7c", "hleung", "indexer: batch size 200 -> 500")
    sc.alert("KafkaConsumerGroupLag", "msk-kafka", F + 1300, "critical", "menu-indexer lag > 100k",
             labels={"consumergroup": "menu-indexer", "topic": "menu-updates"})
    sc.alert("MenuIndexerCPU", "menu-indexer", F + 1000, "warning", "menu-indexer CPU > 85%")
    sc.expect("traffic_surge", "restaurant-tablet-gateway")
    out.append(sc)

    # ---------------------------------------------------------------- B15 aurora storage/IO saturation with metric gap
    sc = S(co, "fk-nov26-order-history-timeouts",
           "2026-11-26T21:15:00Z", 80, 60,
           "Order history and ratings timing out, then order placement slowed. Aurora exporter was down for part "
           "of the evening.")
    sc.leak("orders-aurora", "cpu_utilisation", -75 * 60, 0.96)
    sc.leak("orders-aurora", "latency_p99_seconds", -60 * 60, 0.9)
    sc.leak("orders-aurora", "saturation", -70 * 60, 0.93)
    sc.gap("orders-aurora", -50 * 60, -30 * 60)
    sc.eff("ratings-service", "latency_p99_seconds", -30 * 60, "mul", 12, ramp=600)
    sc.eff("ratings-service", "error_ratio", -20 * 60, "add", 0.2, ramp=300)
    sc.eff("user-service", "latency_p99_seconds", -25 * 60, "mul", 6, ramp=600)
    sc.eff("order-service", "latency_p99_seconds", -18 * 60, "mul", 5, ramp=600)
    sc.eff("order-service", "error_ratio", -12 * 60, "add", 0.05, ramp=300)
    sc.eff("search-service", "cpu_utilisation", -55 * 60, "add", 0.4, ramp=60, until=-47 * 60, back=60)
    sc.log("ratings-service", -28 * 60, 0, 4, "ERROR", ["org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout"])
    sc.log("order-service", -15 * 60, 0, 4, "WARN", ["Slow transaction {ms2}0ms committing order {oid}",
                                                     "HikariPool-1 - Connection is not available, request timed out after 3000ms."])
    sc.log("orders-aurora", -65 * 60, 0, 1, "warning", ["LOG:  automatic vacuum of table \"orders.public.order_items\": index scans: 1, pages: {n3}000 removed, tuples: 0 removed, {n3}0000 remain, {n3}0000 are dead but not yet removable",
                                                         "LOG:  duration: {n3}{n3}.2 ms  statement: SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 50"])
    sc.log("search-service", -55 * 60, -47 * 60, 8, "WARN", ["GC pause (G1 Evacuation Pause) {ms2}ms"])
    routine_deploys(sc, co, 5)
    sc.deploy("order-service", -20 * 60, "deploy", "sha-6a7b8c9", "sha-5a6b7c8", "ines.r", "orders: log correlation id on state transitions")
    sc.alert("OrderServiceLatency", "order-service", -8 * 60, "critical", "order-service p99 > 1s")
    sc.alert("RatingsErrors", "ratings-service", -15 * 60, "warning", "ratings 5xx > 5%")
    sc.alert("PrometheusTargetDown", "orders-aurora", -50 * 60, "warning", "rds-exporter target down", resolved=-30 * 60,
             labels={"job": "rds-exporter"})
    sc.expect("resource_saturation", "orders-aurora")
    out.append(sc)

    # ---------------------------------------------------------------- B16 promotions deploy (datastore looks guilty)
    sc = S(co, "fk-sep19-aurora-read-iops-spike",
           "2026-09-19T12:40:00Z", 60, 20,
           "orders-aurora ReadIOPS 10x and CPU high; checkout slow at lunch. DBA paged for Aurora.")
    F = -20 * 60
    sc.deploy("promotions-service", F, "deploy", "sha-d4e5f60", "sha-c3d4e5f", "aisha.k",
              "promotions: compute 'first order at this restaurant' eligibility from order history", dur=180)
    routine_deploys(sc, co, 5, exclude=("promotions-service",))
    sc.eff("orders-aurora", "cpu_utilisation", F + 200, "set", 0.93, ramp=240)
    sc.eff("orders-aurora", "latency_p99_seconds", F + 220, "mul", 25, ramp=240)
    sc.eff("orders-aurora", "request_rate", F + 200, "mul", 1.8, ramp=120)
    sc.eff("promotions-service", "latency_p99_seconds", F + 200, "mul", 30, ramp=120)
    sc.eff("promotions-service", "error_ratio", F + 400, "add", 0.1, ramp=200)
    sc.eff("checkout-service", "latency_p99_seconds", F + 300, "mul", 3, ramp=200)
    sc.eff("cart-service", "latency_p99_seconds", F + 300, "mul", 4, ramp=200)
    sc.eff("ratings-service", "latency_p99_seconds", F + 400, "mul", 3, ramp=200)
    sc.log("orders-aurora", F + 250, 0, 2, "warning", ["LOG:  duration: {n3}{n}.5 ms  statement: SELECT count(*) FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.customer_id = $1 AND o.restaurant_id = $2"])
    sc.log("promotions-service", F + 400, 0, 4, "error", ["evaluate failed user={uid}: context deadline exceeded (db)"])
    sc.log("cart-service", F + 300, 0, 3, "warn", ['level=warn msg="promotions slow" dur={ms2}0ms cart_id=c_{rid}'])
    sc.alert("AuroraCPUHigh", "orders-aurora", F + 500, "critical", "CPUUtilization > 90% on orders-prod writer")
    sc.alert("AuroraReadLatency", "orders-aurora", F + 560, "warning", "ReadLatency > 20ms")
    sc.alert("CartLatencyHigh", "cart-service", F + 800, "warning", "cart p99 > 500ms")
    sc.expect("deploy", "promotions-service")
    out.append(sc)

    # ---------------------------------------------------------------- B17 payment config timeout -> looks like adyen
    sc = S(co, "fk-oct27-adyen-timeouts-evening",
           "2026-10-27T18:35:00Z", 45, 30,
           "Payments timing out to Adyen, about a third of authorisations failing. Payments on-call opened "
           "a ticket with Adyen support.")
    F = -17 * 60
    sc.deploy("payment-service", F, "config", "sha-8e8e8e8+cm-112", "sha-8e8e8e8+cm-111", "tomasz.w",
              "payments configmap: ADYEN_READ_TIMEOUT_MS 15000 -> 2000, align with checkout budget", dur=60)
    routine_deploys(sc, co, 5, exclude=("payment-service",))
    sc.eff("payment-service", "error_ratio", F + 70, "add", 0.33, ramp=60)
    sc.eff("payment-service", "latency_p99_seconds", F + 70, "set", 2.05, ramp=60)
    sc.eff("checkout-service", "error_ratio", F + 90, "add", 0.3, ramp=60)
    sc.eff("payment-service", "request_rate", F + 90, "mul", 1.4, ramp=120)
    sc.log("payment-service", F + 60, F + 75, 8, "INFO", ["Configuration reloaded: adyen.readTimeoutMs=2000 adyen.connectTimeoutMs=1000"])
    sc.log("payment-service", F + 70, 0, 10, "ERROR", [
        "Adyen /payments failed order={oid}: java.net.SocketTimeoutException: Read timed out (host=checkout-live.adyenpayments.com, timeout=2000ms)",
        "Retrying Adyen /payments for order={oid} with same idempotency key (attempt 2)"])
    sc.log("payment-service", -60 * 60, 0, 3, "INFO", ["Adyen /payments resultCode=Authorised pspReference=88{n3}{n3}{n3} order={oid} took=2{n3}ms"])
    sc.alert("PaymentAuthRateDrop", "payment-service", F + 300, "critical", "authorisation success rate < 80%")
    sc.alert("CheckoutHigh5xx", "checkout-service", F + 360, "critical", "checkout-service 5xx > 5%")
    sc.expect("config_change", "payment-service")
    out.append(sc)

    return out


def main():
    root = os.path.dirname(os.path.abspath(__file__))
    pw, fk = Parcelwise(), Forkful()
    scenarios = [(sc, pw) for sc in build_pw(Scenario, pw)] + [(sc, fk) for sc in build_fk(Scenario, fk)]
    names = set()
    for sc, co in scenarios:
        assert sc.name not in names, sc.name
        names.add(sc.name)
        write_scenario(root, sc, co)
    print("wrote %d scenarios" % len(scenarios))


if __name__ == "__main__":
    main()
