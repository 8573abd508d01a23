#!/usr/bin/env python3
"""Generator for a blind set of incident scenarios (Skyrift games studio, Fenmoor Bank). Deterministic."""
import hashlib
import json
import math
import os
import random
from datetime import datetime, timezone

import yaml


def parse_iso(s):
    return int(datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())


def iso(t, ms=False):
    dt = datetime.fromtimestamp(t, tz=timezone.utc)
    if ms:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % int(round((t - int(t)) * 1000) % 1000)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


SIGNALS = ["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation",
           "memory_utilisation", "saturation"]


class Scenario:
    def __init__(self, company, folder, name, now, minutes, step, seed):
        self.company = company
        self.folder = folder
        self.name = name
        self.now = parse_iso(now)
        self.now_s = now
        self.minutes = minutes
        self.step = step
        self.t0 = self.now - minutes * 60
        self.rng = random.Random(seed)
        self.effects = []
        self.gaps = []
        self.sig_services = None      # default: every component with a baseline
        self.drop_signals = set()     # components with no signals at all
        self.logs = []
        self.log_rates = {}
        self.deploys = []
        self.alerts = []
        self.description = ""
        self.expected = {}
        self.omit = set()             # 'logs' | 'deploys' | 'signals'
        self.receiver = company.get("receiver", "oncall")
        self.base_over = {}

    # ---- time
    def T(self, minutes_before_now):
        """unix seconds, argument is minutes relative to now (negative = before)."""
        return self.now + int(round(minutes_before_now * 60))

    # ---- signals
    def effect(self, svc, sig, start, mode, val, ramp=90, end=None, end_ramp=120):
        self.effects.append((svc, sig, self.T(start), ramp, mode, val,
                             None if end is None else self.T(end), end_ramp))

    def gap(self, svc, start, end, sig=None):
        self.gaps.append((svc, sig, self.T(start), self.T(end)))

    def _factor(self, t, start, ramp, end, end_ramp):
        if t < start:
            return 0.0
        f = 1.0 if ramp <= 0 else min(1.0, (t - start) / float(ramp))
        if end is not None and t >= end:
            f *= max(0.0, 1.0 - (t - end) / float(max(end_ramp, 1)))
        return f

    def build_signals(self):
        comp = self.company
        base = dict(comp["baselines"])
        base.update(self.base_over)
        svcs = self.sig_services or sorted(base)
        # every estate has the odd scrape hole: one short gap on some bystander component
        bystanders = [x for x in svcs if x != self.expected.get("culprit") and x not in self.drop_signals]
        g_svc = self.rng.choice(bystanders)
        g_at = self.rng.uniform(0.15, 0.85) * (self.now - self.t0) + self.t0
        self.gaps.append((g_svc, None, int(g_at), int(g_at + self.rng.uniform(90, 300))))
        out = {}
        phase = comp.get("diurnal_phase", 0.0)
        rng = self.rng
        for svc in svcs:
            if svc in self.drop_signals:
                continue
            b = base[svc]
            ser = {}
            mem_walk = 0.0
            jitter = rng.randint(0, self.step // 3)
            for sig in SIGNALS:
                if sig not in b:
                    continue
                ser[sig] = []
            t = self.t0 + jitter
            while t <= self.now:
                day = 2 * math.pi * ((t % 86400) / 86400.0) + phase
                diurnal = 1.0 + comp.get("diurnal_amp", 0.3) * math.sin(day - math.pi / 2)
                mem_walk += rng.gauss(0, 0.0015)
                mem_walk = max(-0.03, min(0.03, mem_walk))
                for sig in ser:
                    v0 = b[sig]
                    if sig == "request_rate":
                        v = v0 * diurnal
                    elif sig == "cpu_utilisation":
                        v = v0 * (0.6 + 0.4 * diurnal)
                    elif sig == "latency_p99_seconds":
                        v = v0 * (0.9 + 0.1 * diurnal)
                    elif sig == "memory_utilisation":
                        v = v0 + mem_walk
                    else:
                        v = v0
                    for (es, esig, st, ramp, mode, val, en, er) in self.effects:
                        if es != svc or esig != sig:
                            continue
                        f = self._factor(t, st, ramp, en, er)
                        if f <= 0:
                            continue
                        if mode == "mul":
                            v = v * (1 + (val - 1) * f)
                        elif mode == "set":
                            v = v + (val - v) * f
                        elif mode == "add":
                            v = v + val * f
                        elif mode == "osc":  # flapping: square-ish wave, val=(amp, period_s)
                            amp, period = val
                            v = v + amp * f * (1 if math.sin(2 * math.pi * (t - st) / period) > 0 else 0)
                    # noise
                    if sig == "request_rate":
                        v *= 1 + rng.gauss(0, 0.035)
                        v = round(max(0.0, v), 2)
                    elif sig == "error_ratio":
                        v = v * (1 + rng.gauss(0, 0.18)) + abs(rng.gauss(0, 0.0004))
                        v = round(min(1.0, max(0.0, v)), 5)
                    elif sig == "latency_p99_seconds":
                        v *= math.exp(rng.gauss(0, 0.07))
                        v = round(max(0.001, v), 4)
                    else:
                        v = v + rng.gauss(0, 0.012 if sig != "memory_utilisation" else 0.003)
                        v = round(min(1.0, max(0.0, v)), 4)
                    drop = False
                    for (gs, gsig, a, z) in self.gaps:
                        if gs == svc and (gsig is None or gsig == sig) and a <= t < z:
                            drop = True
                    if not drop:
                        ser[sig].append([int(t), v])
                t += self.step
            out[svc] = ser
        return out

    # ---- logs
    def log(self, svc, level, msg, t, **extra):
        self.logs.append((t, svc, level, msg, extra))

    def burst(self, svc, level, gen, start, end, per_min, **extra):
        """gen: str or callable(rng)->str or (msg, extra)."""
        a, z = self.T(start), self.T(end)
        n = max(1, int((z - a) / 60.0 * per_min))
        for _ in range(n):
            t = a + self.rng.random() * (z - a)
            m = gen(self.rng) if callable(gen) else gen
            ex = dict(extra)
            if isinstance(m, tuple):
                m, more = m
                ex.update(more)
            self.log(svc, level, m, t, **ex)

    def routine(self, rates):
        self.log_rates.update(rates)

    def build_logs(self):
        comp = self.company
        rng = self.rng
        for svc, per_min in sorted(self.log_rates.items()):
            tmpl = comp["routine"][svc]
            n = int(self.minutes * per_min * (0.9 + 0.2 * rng.random()))
            for _ in range(n):
                t = self.t0 + rng.random() * (self.now - self.t0)
                m = rng.choice(tmpl)(rng)
                ex = {}
                lvl = "INFO"
                if isinstance(m, tuple):
                    m, ex = m[0], dict(m[1])
                    lvl = ex.pop("_level", "INFO")
                self.log(svc, lvl, m, t, **ex)
        docs = []
        for (t, svc, level, msg, extra) in sorted(self.logs, key=lambda x: (x[0], x[1], x[3])):
            if t > self.now:
                continue
            if msg.startswith("[-] "):  # envoy access line: start time in brackets
                msg = "[" + iso(t - self.rng.uniform(0.001, 0.2), ms=True) + "] " + msg[4:]
            if " [-] public~" in msg:  # haproxy log: accept date
                hd = datetime.fromtimestamp(t - self.rng.uniform(0.01, 0.5), tz=timezone.utc)
                msg = msg.replace(" [-] public~", " [%s.%03d] public~" % (hd.strftime("%d/%b/%Y:%H:%M:%S"), hd.microsecond // 1000))
            d = {"@timestamp": iso(t, ms=True), "service": {"name": svc},
                 "log": {"level": level.lower() if comp.get("lower_levels") else level},
                 "message": msg}
            hostinfo = comp["hosts"].get(svc)
            if hostinfo:
                d["host"] = {"name": hostinfo(rng) if callable(hostinfo) else hostinfo}
            d["ecs"] = {"version": "8.11.0" if comp.get("lower_levels") else "1.12.0"}
            for k, v in extra.items():
                if k == "logger":
                    d["log"]["logger"] = v
                elif k == "stack":
                    d.setdefault("error", {})["stack_trace"] = v
                elif k == "etype":
                    d.setdefault("error", {})["type"] = v
                else:
                    d[k] = v
            docs.append(d)
        return docs

    # ---- deploys
    def deploy(self, svc, kind, version, prev, start, dur_min, author, desc, id=None):
        st = self.T(start)
        fin = st + int(dur_min * 60)
        self.deploys.append({
            "id": id or "%s-%s" % (svc, hashlib.sha1(("%s%s%s" % (svc, version, st)).encode()).hexdigest()[:8]),
            "service": svc, "kind": kind, "version": version, "previous_version": prev,
            "started_at": iso(st), "finished_at": iso(fin), "author": author, "description": desc})

    # ---- alerts
    def alert(self, name, svc, start, severity="critical", summary="", description="", status="firing",
              end=None, labels=None, annotations=None):
        lab = {"alertname": name, "service": svc, "severity": severity}
        lab.update(self.company.get("alert_labels", {}))
        if labels:
            lab.update(labels)
        ann = {"summary": summary}
        if description:
            ann["description"] = description
        if annotations:
            ann.update(annotations)
        fp = hashlib.sha256(json.dumps(lab, sort_keys=True).encode()).hexdigest()[:16]
        self.alerts.append({
            "status": status, "labels": lab, "annotations": ann,
            "startsAt": iso(self.T(start), ms=True) if self.rng.random() < 0.5 else iso(self.T(start)),
            "endsAt": iso(self.T(end)) if end is not None else "0001-01-01T00:00:00Z",
            "generatorURL": self.company["gen_url"] % name.replace(" ", ""),
            "fingerprint": fp})

    def build_alerts(self):
        alerts = sorted(self.alerts, key=lambda a: a["startsAt"])
        common = None
        for a in alerts:
            if common is None:
                common = dict(a["labels"])
            else:
                common = {k: v for k, v in common.items() if a["labels"].get(k) == v}
        common = common or {}
        group = {k: common[k] for k in self.company.get("group_by", []) if k in common}
        gk = "{}/{%s}:{%s}" % (self.company.get("route_matcher", ""),
                                ", ".join('%s="%s"' % (k, v) for k, v in sorted(group.items())))
        return {
            "receiver": self.receiver,
            "status": "firing" if any(a["status"] == "firing" for a in alerts) else "resolved",
            "alerts": alerts,
            "groupLabels": group,
            "commonLabels": common,
            "commonAnnotations": {},
            "externalURL": self.company["am_url"],
            "version": "4",
            "groupKey": gk,
            "truncatedAlerts": 0,
        }

    # ---- write
    def write(self, root):
        d = os.path.join(root, self.folder)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        meta = {"name": self.name, "description": " ".join(self.description.split()), "now": self.now_s,
                "alerts": "alerts.json", "catalog": "catalog.yaml"}
        if "signals" not in self.omit:
            meta["signals"] = "signals.json"
        if "logs" not in self.omit:
            meta["logs"] = "logs.jsonl"
        if "deploys" not in self.omit:
            meta["deploys"] = "deploys.json"
        meta["expected"] = dict(self.expected)
        with open(os.path.join(d, "scenario.yaml"), "w") as fh:
            yaml.safe_dump(meta, fh, sort_keys=False, width=100, allow_unicode=True)
        with open(os.path.join(d, "catalog.yaml"), "w") as fh:
            fh.write(self.company["catalog_text"])
        with open(os.path.join(d, "alerts.json"), "w") as fh:
            json.dump(self.build_alerts(), fh, indent=2)
            fh.write("\n")
        if "signals" not in self.omit:
            sig = self.build_signals()
            with open(os.path.join(d, "signals.json"), "w") as fh:
                json.dump(sig, fh, separators=(",", ":"))
                fh.write("\n")
        if "logs" not in self.omit:
            docs = self.build_logs()
            with open(os.path.join(d, "logs.jsonl"), "w") as fh:
                for doc in docs:
                    fh.write(json.dumps(doc, separators=(",", ":")) + "\n")
        if "deploys" not in self.omit:
            deps = sorted(self.deploys, key=lambda x: x["started_at"])
            with open(os.path.join(d, "deploys.json"), "w") as fh:
                json.dump(deps, fh, indent=2)
                fh.write("\n")

# =====================================================================================
# Company 1: Brightmaw Studios (Skyrift, online multiplayer), GKE europe-west1 + Agones
# =====================================================================================

GAMES_CATALOG = r"""# Skyrift production estate (gke-prod-euw1). Maintained by platform-eng; PRs welcome.
defaults:
  signals:
    request_rate: 'sum(rate(istio_requests_total{reporter="destination",destination_workload="{service}"}[2m]))'
    error_ratio: 'sum(rate(istio_requests_total{reporter="destination",destination_workload="{service}",response_code=~"5.."}[5m])) / clamp_min(sum(rate(istio_requests_total{reporter="destination",destination_workload="{service}"}[5m])), 1e-9)'
    latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload="{service}"}[5m]))) / 1000'
    cpu_utilisation: 'sum(rate(container_cpu_usage_seconds_total{container="{service}"}[5m])) / sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})'
    memory_utilisation: 'sum(container_memory_working_set_bytes{container="{service}"}) / sum(kube_pod_container_resource_limits{container="{service}",resource="memory"})'
    saturation: 'max(skyrift_worker_pool_in_use{service="{service}"} / skyrift_worker_pool_size{service="{service}"})'
services:
  game-gateway:
    team: edge
    tier: 1
    channel: "#edge-oncall"
    owners: ["S04EDGE"]
    depends_on: [auth-service, profile-service, lobby-service, matchmaker, leaderboard-service, telemetry-ingest]
  auth-service:
    team: identity
    tier: 1
    channel: "#identity"
    owners: ["S04IDENT"]
    depends_on: [session-redis, psn-auth, xbl-auth, steam-api]
  profile-service:
    team: player-data
    tier: 1
    channel: "#player-data"
    depends_on: [profile-scylla]
  lobby-service:
    team: social
    tier: 1
    channel: "#social-oncall"
    depends_on: [profile-service, presence-service, matchmaker]
  presence-service:
    team: social
    tier: 2
    channel: "#social-oncall"
    depends_on: [presence-redis]
  matchmaker:
    team: online-services
    tier: 1
    channel: "#mm-alerts"
    owners: ["S04ONLINE"]
    depends_on: [matchmaking-redis, allocator-service]
  allocator-service:
    team: online-services
    tier: 1
    channel: "#mm-alerts"
    depends_on: [agones-controller]
  arena-gameservers:
    team: game-infra
    tier: 1
    channel: "#gameservers"
    depends_on: [anticheat-bridge, match-events]
  anticheat-bridge:
    team: trust-safety
    tier: 2
    depends_on: [ironclad-anticheat]
  match-results-processor:
    team: online-services
    tier: 2
    channel: "#mm-alerts"
    depends_on: [match-events, stats-db]
  leaderboard-service:
    team: player-data
    tier: 2
    channel: "#player-data"
    depends_on: [leaderboard-redis]
  telemetry-ingest:
    team: data-platform
    tier: 2
    channel: "#data-platform"
    depends_on: [telemetry-events]
  telemetry-processor:
    team: data-platform
    tier: 3
    depends_on: [telemetry-events]
  web-store:
    team: commerce
    tier: 1
    channel: "#commerce-incidents"
    owners: ["S04COMMERCE"]
    depends_on: [store-db, payments-service, entitlements-service]
  payments-service:
    team: commerce
    tier: 1
    channel: "#commerce-incidents"
    depends_on: [xsolla-api]
  entitlements-service:
    team: commerce
    tier: 1
    depends_on: [entitlements-db]
  notification-service:
    team: social
    tier: 3
    depends_on: [notify-events]
  session-redis: {kind: datastore}
  profile-scylla:
    kind: datastore
    team: player-data
    signals:
      latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(scylla_storage_proxy_coordinator_read_latency_bucket[5m]))) / 1e6'
      saturation: 'max(scylla_reactor_utilization) / 100'
  presence-redis: {kind: datastore}
  matchmaking-redis: {kind: datastore}
  leaderboard-redis: {kind: datastore}
  stats-db: {kind: datastore}
  store-db:
    kind: datastore
    signals:
      cpu_utilisation: 'avg(cloudsql_database_cpu_utilization{database_id="skyrift-prod:store-pg-main"})'
  entitlements-db: {kind: datastore}
  match-events:
    kind: queue
    signals:
      saturation: 'pubsub_subscription_num_undelivered_messages{subscription_id="match-events-results"} / 500000'
  telemetry-events: {kind: queue}
  notify-events: {kind: queue}
  psn-auth: {kind: external}
  xbl-auth: {kind: external}
  steam-api: {kind: external}
  xsolla-api: {kind: external}
  ironclad-anticheat: {kind: external}
  agones-controller: {kind: infrastructure, team: game-infra}
  kube-dns: {kind: infrastructure}
  istio-mesh: {kind: infrastructure, team: platform-eng}
  cloud-lb: {kind: infrastructure}
  gke-pool-services: {kind: infrastructure}
  gke-pool-gameservers: {kind: infrastructure, team: game-infra}
  cloud-nat: {kind: infrastructure}
"""

# baseline per component: request_rate, error_ratio, latency_p99, cpu, mem, saturation
def _b(rate, err, lat, cpu, mem, sat=None):
    d = {"request_rate": rate, "error_ratio": err, "latency_p99_seconds": lat,
         "cpu_utilisation": cpu, "memory_utilisation": mem}
    if sat is not None:
        d["saturation"] = sat
    return d

GAMES_BASE = {
    "game-gateway": _b(2400, 0.002, 0.21, 0.46, 0.52, 0.31),
    "auth-service": _b(180, 0.003, 0.34, 0.31, 0.48, 0.18),
    "profile-service": _b(1350, 0.001, 0.045, 0.42, 0.55, 0.22),
    "lobby-service": _b(620, 0.002, 0.12, 0.38, 0.49, 0.2),
    "presence-service": _b(900, 0.001, 0.018, 0.27, 0.41),
    "matchmaker": _b(140, 0.004, 0.6, 0.44, 0.46, 0.25),
    "allocator-service": _b(22, 0.002, 0.35, 0.15, 0.33, 0.12),
    "arena-gameservers": _b(95, 0.001, 0.05, 0.58, 0.61, 0.64),
    "anticheat-bridge": _b(70, 0.003, 0.19, 0.21, 0.38),
    "match-results-processor": _b(41, 0.001, 0.09, 0.33, 0.44, 0.08),
    "leaderboard-service": _b(480, 0.001, 0.03, 0.29, 0.37, 0.15),
    "telemetry-ingest": _b(3100, 0.001, 0.028, 0.41, 0.39, 0.2),
    "telemetry-processor": _b(3050, 0.0005, 0.4, 0.55, 0.6, 0.3),
    "web-store": _b(260, 0.002, 0.28, 0.3, 0.5, 0.2),
    "payments-service": _b(9, 0.004, 1.1, 0.12, 0.4, 0.1),
    "entitlements-service": _b(310, 0.001, 0.05, 0.22, 0.43, 0.18),
    "notification-service": _b(120, 0.002, 0.09, 0.14, 0.35),
    "profile-scylla": _b(5200, 0.0002, 0.008, 0.38, 0.71, 0.36),
    "leaderboard-redis": _b(2900, 0.0, 0.0021, 0.22, 0.41),
    "matchmaking-redis": _b(1600, 0.0, 0.0018, 0.19, 0.52),
    "store-db": _b(410, 0.0003, 0.022, 0.34, 0.62, 0.28),
    "entitlements-db": _b(330, 0.0002, 0.012, 0.21, 0.55, 0.19),
    "stats-db": _b(60, 0.0001, 0.03, 0.18, 0.5, 0.12),
    "match-events": _b(41, 0.0, 0.6, 0.1, 0.2, 0.01),
    "telemetry-events": _b(3100, 0.0, 0.4, 0.1, 0.2, 0.02),
}


def _gid(r, n=5):
    return "".join(r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(n))


def _pod(svc, rs):
    return lambda r: "%s-%s-%s" % (svc, rs, _gid(r))


def _uid(r):
    return r.randint(100000000, 999999999)


def _trace(r):
    return "%032x" % r.getrandbits(128)


def _goreq(method, paths, ms_lo, ms_hi, logger):
    def f(r):
        p = r.choice(paths).replace("{id}", str(_uid(r)))
        ms = r.uniform(ms_lo, ms_hi)
        return ("request completed", {"logger": logger, "http": {"request": {"method": method}, "response": {"status_code": 200}},
                                      "url": {"path": p}, "event": {"duration": int(ms * 1e6)}, "trace": {"id": _trace(r)}})
    return f


def _envoy(svc_host, paths, method="GET", ua="grpc-go/1.62.1"):
    def f(r):
        p = r.choice(paths).replace("{id}", str(_uid(r)))
        ts = "-"
        dur = r.randint(2, 60)
        return ('[-] "%s %s HTTP/2" 200 - via_upstream - "-" %d %d %d %d "-" "%s" "%s" "%s" "10.44.%d.%d:8080" outbound|8080||%s'
                % (method, p, r.randint(0, 400), r.randint(80, 4000), dur, max(1, dur - 1), ua,
                   "%08x-%04x-%04x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(16)),
                   svc_host, r.randint(1, 30), r.randint(2, 250), svc_host),
                {"logger": "envoy.access"})
    return f


def _msg(*options, **fields):
    def f(r):
        m = r.choice(options)
        m = m.replace("{n}", str(r.randint(2, 60))).replace("{id}", str(_uid(r))).replace("{ms}", str(r.randint(3, 90)))
        m = m.replace("{g}", _gid(r, 5))
        return (m, dict(fields)) if fields else m
    return f


GAMES_ROUTINE = {
    "game-gateway": [
        _envoy("profile-service.player-data.svc.cluster.local", ["/skyrift.profile.v1.Profiles/Get", "/skyrift.profile.v1.Profiles/BatchGet"], "POST"),
        _envoy("lobby-service.social.svc.cluster.local", ["/skyrift.lobby.v2.Lobby/Join", "/skyrift.lobby.v2.Lobby/Heartbeat"], "POST"),
        _envoy("leaderboard-service.player-data.svc.cluster.local", ["/v1/boards/season-7/top?limit=100", "/v1/boards/friends/{id}"], "GET", "UnityPlayer/2022.3.21f1"),
        _goreq("GET", ["/api/v3/news", "/api/v3/config/client", "/api/v3/motd"], 3, 40, "gateway.http"),
    ],
    "auth-service": [
        _msg("token refreshed for platform=psn account={id}", "token refreshed for platform=xbl account={id}", "token refreshed for platform=steam account={id}",
             "issued session for account={id} ttl=3600s", logger="auth.session"),
        _msg("jwks cache hit ratio=0.99 keys=4", logger="auth.jwks"),
    ],
    "profile-service": [
        _goreq("POST", ["/skyrift.profile.v1.Profiles/Get"], 2, 30, "profile.grpc"),
        _msg("scylla session pool stats hosts=6 in_flight={n} max=1024", logger="profile.scylla"),
    ],
    "lobby-service": [
        _msg("party {g} created by {id} size=1", "party {g} member joined {id} size=3", "party {g} disbanded after {n}s idle",
             "party {g} queued for mode=ranked_3v3 region=euw", "party {g} queued for mode=casual_5v5 region=euw", logger="lobby.party"),
    ],
    "presence-service": [
        _msg("presence fanout batch size={n} took {ms}ms", logger="presence.fanout"),
    ],
    "matchmaker": [
        _msg("MMF run complete pool=ranked_3v3_euw tickets={n} proposals={n} took={ms}ms",
             "MMF run complete pool=casual_5v5_euw tickets={n} proposals={n} took={ms}ms",
             "assignment created match={g} gs=arena-fleet-{g}-{g} connection=34.77.{n}.{n}:7{n}", logger="mm.director"),
    ],
    "allocator-service": [
        _msg("GameServerAllocation succeeded fleet=arena-fleet-euw gs=arena-fleet-euw-{g}-{g} state=Allocated",
             "allocation latency {ms}ms fleet=arena-fleet-euw ready=118 allocated=412", logger="allocator"),
    ],
    "arena-gameservers": [
        _msg("Match {g} started map=Ruins_of_Vael players=6", "Match {g} ended winner=team_b duration={n}m",
             "Tick budget overrun 17.2ms (target 16.6ms) match={g}", "Published match_result for {g} to projects/skyrift-prod/topics/match-events",
             logger="ArenaServer"),
    ],
    "anticheat-bridge": [
        _msg("verdict ok session={g} score=0.0{n}", "heartbeat batch delivered sessions={n}", logger="ac.bridge"),
    ],
    "match-results-processor": [
        _msg("processed match_result match={g} players=6 ack_latency={ms}ms", "wrote season stats batch rows={n}", logger="results.worker"),
    ],
    "leaderboard-service": [
        _goreq("GET", ["/v1/boards/season-7/top", "/v1/boards/friends/{id}", "/v1/boards/season-7/around/{id}"], 1, 14, "leaderboard.http"),
    ],
    "telemetry-ingest": [
        _msg("flushed batch events={n}00 bytes={n}1204 topic=telemetry-events", logger="ingest.batcher"),
    ],
    "telemetry-processor": [
        _msg("bq streaming insert ok table=skyrift_raw.client_events rows={n}00", "pulled {n}0 messages from telemetry-events-sub", logger="processor"),
    ],
    "web-store": [
        (lambda r: ('%d.%d.%d.%d - - "GET /api/store/rotation/daily HTTP/1.1" 200 %d "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)" rt=0.0%d'
                    % (r.randint(30, 220), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), r.randint(800, 9000), r.randint(10, 99)),
                    {"logger": "nginx.access"})),
        _msg("GET /api/store/offers/{id} 200", "GET /api/store/rotation/daily 200", "POST /api/store/cart 201", logger="store.http"),
    ],
    "payments-service": [
        _msg("checkout session created provider=xsolla token=xs_{g}{g} amount=999 currency=EUR",
             "webhook payment.succeeded verified order=ord_{g}{g}", logger="payments.xsolla"),
    ],
    "entitlements-service": [
        _msg("GET /v2/entitlements/{id} 200 {ms}ms", "granted sku=skin_vael_gold to {id}", logger="entitlements.api"),
    ],
    "notification-service": [
        _msg("sent push type=friend_online recipients={n}", "sent push type=match_found recipients=1", logger="notify.sender"),
    ],
    "kube-dns": [
        _msg("[INFO] 10.44.{n}.{n}:4{n}2 - {n}112 \"A IN profile-scylla.player-data.svc.cluster.local. udp 63 false 512\" NOERROR qr,aa,rd 124 0.0001{n}s",
             "[INFO] 10.44.{n}.{n}:5{n}1 - {n}03 \"AAAA IN matchmaking-redis.online.svc.cluster.local. udp 60 false 512\" NOERROR qr,aa,rd 153 0.0000{n}s",
             logger="coredns"),
    ],
    "agones-controller": [
        _msg("Fleet arena-fleet-euw: replicas=530 ready={n}0 allocated=4{n}", "GameServer arena-fleet-euw-{g}-{g} state change: Scheduled -> RequestReady",
             "FleetAutoscaler arena-fleet-euw-autoscaler: buffer 20% desired replicas=530", logger="agones"),
    ],
}

GAMES_HOSTS = {s: _pod(s, rs) for s, rs in [
    ("game-gateway", "6d9f7c9b8"), ("auth-service", "7c4bd5f6d"), ("profile-service", "5b8d99c7f"),
    ("lobby-service", "84f6b9d5c"), ("presence-service", "6fb7c4d88"), ("matchmaker", "79c5d6b4f"),
    ("allocator-service", "5d7f8b6c9"), ("anticheat-bridge", "68d4f9c7b"), ("match-results-processor", "7bd9c6f85"),
    ("leaderboard-service", "5f9c8d7b6"), ("telemetry-ingest", "6c7d5b8f9"), ("telemetry-processor", "9d6f7c5b4"),
    ("web-store", "7f5c9d6b8"), ("payments-service", "58c6d7f9b"), ("entitlements-service", "6b9d8c7f5"),
    ("notification-service", "5c8f7d6b9"), ("kube-dns", "coredns-5d78c9869d"), ("agones-controller", "agones-controller-6f9b8c7d5")]}
GAMES_HOSTS["arena-gameservers"] = lambda r: "arena-fleet-euw-%s-%s" % (_gid(r), _gid(r))
GAMES_HOSTS["kube-dns"] = lambda r: "coredns-5d78c9869d-%s" % _gid(r)
GAMES_HOSTS["agones-controller"] = lambda r: "agones-controller-6f9b8c7d5-%s" % _gid(r)

GAMES = {
    "catalog_text": GAMES_CATALOG,
    "baselines": GAMES_BASE,
    "routine": GAMES_ROUTINE,
    "hosts": GAMES_HOSTS,
    "diurnal_amp": 0.35,
    "diurnal_phase": -1.2,
    "lower_levels": True,
    "receiver": "skyrift-pagerduty",
    "alert_labels": {"cluster": "gke-prod-euw1", "env": "prod"},
    "group_by": ["cluster", "env"],
    "route_matcher": 'severity=~"critical|page"',
    "am_url": "https://alertmanager.ops.skyrift.gg",
    "gen_url": "https://prometheus.ops.skyrift.gg/graph?g0.expr=ALERTS%%7Balertname%%3D%%22%s%%22%%7D&g0.tab=1",
}

GAMES_PEOPLE = ["mkowalczyk", "ana.ferreira", "jdube", "t.nakamura", "rhea.s", "oyelaran", "bwestergaard", "lucie.martin",
                "devon.k", "p.ilic", "sam.okafor", "hannah.lind"]


def games_background(s, picks):
    """picks: list of (svc, minutes_before, version, prev, author_idx, description, kind)"""
    for (svc, mb, ver, prev, ai, desc, kind) in picks:
        s.deploy(svc, kind, ver, prev, -mb, min(s.rng.choice([2, 3, 4, 6]), max(0.5, mb * 0.3)), GAMES_PEOPLE[ai % len(GAMES_PEOPLE)], desc,
                 id="argocd-%s-%d" % (svc.split("-")[0], 4000 + int(mb * 7) % 5000))

# ----------------------------------------------------------------------------- games scenarios

def random_gaps(s, candidates, n):
    for _ in range(n):
        svc = s.rng.choice(candidates)
        a = -s.rng.uniform(5, s.minutes - 5)
        s.gap(svc, a, a + s.rng.uniform(1.5, 5))


def G(folder, name, now, minutes, step, seed):
    return Scenario(GAMES, folder, name, now, minutes, step, seed)


def g01():
    s = G("skyrift-inc-0412-lookup-timeouts-everywhere", "Saturday peak: lobby, matchmaking and store all erroring at once",
          "2026-05-16T19:42:00Z", 60, 30, 101)
    s.routine({"game-gateway": 6, "lobby-service": 3, "matchmaker": 3, "profile-service": 2, "kube-dns": 2,
               "web-store": 2, "notification-service": 1, "leaderboard-service": 2})
    games_background(s, [("notification-service", 17, "1.31.0", "1.30.2", 4, "friend-online push batching", "deploy"),
                         ("web-store", 160, "2026.05.16-1", "2026.05.15-3", 7, "copy fixes on bundle page", "deploy"),
                         ("profile-service", 240, "4.12.2", "4.12.1", 2, "bump gocql to 1.6.0", "deploy")])
    on = -14
    for svc, lat, err in [("profile-service", 2.1, 0.05), ("lobby-service", 2.6, 0.11), ("matchmaker", 3.5, 0.08),
                          ("leaderboard-service", 2.0, 0.04), ("web-store", 5.1, 0.07), ("entitlements-service", 2.2, 0.05),
                          ("game-gateway", 5.2, 0.04), ("match-results-processor", 1.2, 0.03), ("presence-service", 2.3, 0.06)]:
        st = on + s.rng.uniform(0, 1.5)
        s.effect(svc, "latency_p99_seconds", st, "set", lat, ramp=120)
        s.effect(svc, "error_ratio", st, "set", err, ramp=150)
    s.effect("profile-scylla", "request_rate", on + 1, "mul", 0.8)
    def lookup(svc_from, target, ip_suffix):
        def f(r):
            return ("dial tcp: lookup %s on 10.12.0.10:53: read udp 10.44.%d.%d:%d->10.12.0.10:53: i/o timeout"
                    % (target, r.randint(1, 30), ip_suffix, r.randint(32768, 60999)), {"logger": svc_from})
        return f
    s.burst("profile-service", "ERROR", lookup("profile.scylla", "profile-scylla-client.player-data.svc.cluster.local", 17), on, 0, 5)
    s.burst("matchmaker", "ERROR", lambda r: ("ticket create failed: redis: dial tcp: lookup matchmaking-redis.online.svc.cluster.local: i/o timeout",
                                              {"logger": "mm.frontend"}), on + 0.5, 0, 4)
    s.burst("lobby-service", "ERROR", lambda r: ("join party %s: presence: rpc error: code = Unavailable desc = name resolver error: produced zero addresses" % _gid(r),
                                                 {"logger": "lobby.party"}), on + 1, 0, 3)
    s.burst("web-store", "ERROR", lambda r: ("GET /api/store/offers/%d failed: dial tcp: lookup store-db-proxy.commerce.svc.cluster.local on 10.12.0.10:53: no such host" % _uid(r),
                                             {"logger": "store.http"}), on + 0.5, 0, 2)
    s.burst("leaderboard-service", "WARN", lambda r: ("redis: dial tcp: lookup leaderboard-redis.player-data.svc.cluster.local: i/o timeout; retrying (attempt %d)" % r.randint(1, 3),
                                                      {"logger": "leaderboard.redis"}), on + 1, 0, 2)
    s.burst("kube-dns", "ERROR", lambda r: ("[ERROR] plugin/errors: 2 %s. A: read udp 10.44.2.%d:%d->169.254.169.254:53: i/o timeout"
                                            % (r.choice(["oauth2.googleapis.com", "pubsub.googleapis.com", "api.xsolla.com", "storage.googleapis.com"]), r.randint(2, 40), r.randint(30000, 60000)),
                                            {"logger": "coredns"}), on - 1, 0, 3)
    s.burst("kube-dns", "WARN", lambda r: ('[WARNING] plugin/health: Local health request to "http://:8080/health" took more than 1s: %dms' % r.randint(1010, 4800),
                                           {"logger": "coredns"}), on - 1.5, 0, 1)
    s.log("kube-dns", "INFO", "[INFO] SIGTERM: Shutting down servers then terminating", s.T(on - 2), logger="coredns")
    s.log("kube-dns", "WARN", "[WARNING] plugin/kubernetes: Kubernetes API connection failure: Get \"https://10.12.0.1:443/version\": dial tcp 10.12.0.1:443: i/o timeout", s.T(on - 0.7), logger="coredns")
    s.burst("game-gateway", "WARN", lambda r: ('[-] "POST /skyrift.lobby.v2.Lobby/Join HTTP/2" 503 - via_upstream - "-" 211 0 5002 5001 "-" "grpc-go/1.62.1" "%08x" "lobby-service.social.svc.cluster.local" "10.44.%d.%d:8080" outbound|8080||lobby-service.social.svc.cluster.local'
                                               % (r.getrandbits(32), r.randint(1, 30), r.randint(2, 250)), {"logger": "envoy.access"}), on + 1, 0, 3)
    s.alert("LobbyJoinErrorRateHigh", "lobby-service", -9, summary="Lobby Join error ratio above 5% for 5m",
            labels={"team": "social", "namespace": "social"})
    s.alert("MatchmakerTicketCreateFailures", "matchmaker", -8, summary="Matchmaker failing to create tickets",
            labels={"team": "online-services", "namespace": "online"})
    s.alert("WebStoreHigh5xx", "web-store", -7, severity="page", summary="web-store 5xx > 3% (10m window)",
            labels={"team": "commerce", "namespace": "commerce"})
    s.alert("ProfileServiceLatencyP99", "profile-service", -6, severity="warning", summary="profile-service p99 over 150ms",
            labels={"team": "player-data", "namespace": "player-data"})
    random_gaps(s, ["presence-service", "telemetry-processor", "stats-db"], 2)
    s.description = """
Peak Saturday evening. Within about two minutes lobby joins, matchmaking ticket creation, the web
store and profile reads all started failing or slowing. The owning teams were paged separately
and each suspected their own last change. Notification-service had shipped just before.
"""
    s.expected = {"cause": "infrastructure", "culprit": "kube-dns"}
    return s


def g02():
    s = G("skyrift-inc-0433-season8-launch-scylla", "Season 8 launch: profile store overloaded", "2026-06-05T17:20:00Z", 45, 15, 102)
    s.routine({"game-gateway": 10, "auth-service": 4, "profile-service": 4, "lobby-service": 4, "matchmaker": 2, "telemetry-ingest": 2})
    games_background(s, [("game-gateway", 190, "7.4.0", "7.3.5", 0, "season 8 client config endpoints (dark until 17:00)", "deploy"),
                         ("arena-gameservers", 220, "s8.0.0-b1822", "s7.9.4-b1790", 3, "Season 8 server build", "deploy"),
                         ("leaderboard-service", 130, "1.18.3", "1.18.2", 1, "season 8 board ids", "deploy"),
                         ("telemetry-processor", 75, "0.44.0", "0.43.1", 5, "new schema for s8 events", "deploy")])
    on = -20
    s.effect("game-gateway", "request_rate", on, "mul", 3.3, ramp=240)
    s.effect("game-gateway", "cpu_utilisation", on, "set", 0.83, ramp=240)
    s.effect("auth-service", "request_rate", on, "mul", 4.1, ramp=200)
    s.effect("auth-service", "cpu_utilisation", on, "set", 0.7, ramp=200)
    s.effect("lobby-service", "request_rate", on + 1, "mul", 2.9, ramp=240)
    s.effect("profile-service", "request_rate", on + 0.5, "mul", 3.1, ramp=240)
    s.effect("telemetry-ingest", "request_rate", on + 1, "mul", 2.4, ramp=300)
    s.effect("profile-scylla", "request_rate", on + 0.5, "mul", 2.7, ramp=300)
    s.effect("profile-scylla", "saturation", on + 2, "set", 0.98, ramp=300)
    s.effect("profile-scylla", "cpu_utilisation", on + 2, "set", 0.97, ramp=300)
    s.effect("profile-scylla", "latency_p99_seconds", on + 4, "set", 0.21, ramp=240)
    s.effect("profile-service", "latency_p99_seconds", on + 5, "set", 1.4, ramp=200)
    s.effect("profile-service", "error_ratio", on + 6, "set", 0.07, ramp=200)
    s.effect("lobby-service", "latency_p99_seconds", on + 6, "set", 1.9, ramp=200)
    s.effect("lobby-service", "error_ratio", on + 7, "set", 0.04, ramp=200)
    s.effect("game-gateway", "error_ratio", on + 7, "set", 0.025, ramp=200)
    s.burst("profile-service", "ERROR", lambda r: ("profile read failed player=%d: gocql: no response received from cassandra within timeout period" % _uid(r),
                                                   {"logger": "profile.scylla"}), on + 5, 0, 6)
    s.burst("profile-service", "WARN", lambda r: ("Operation timed out for skyrift_profiles.player_profile - received only 1 responses from 2 CL=LOCAL_QUORUM.",
                                                  {"logger": "profile.scylla"}), on + 6, 0, 3)
    s.burst("lobby-service", "ERROR", lambda r: ("party %s join: profile.Get: rpc error: code = DeadlineExceeded desc = context deadline exceeded" % _gid(r),
                                                 {"logger": "lobby.party"}), on + 7, 0, 3)
    s.burst("auth-service", "INFO", _msg("first login of season for account={id} platform=psn", "first login of season for account={id} platform=xbl",
                                         "first login of season for account={id} platform=steam", logger="auth.session"), on, 0, 8)
    s.burst("game-gateway", "INFO", _msg("client hello version=8.0.0.1822 platform=ps5", "client hello version=8.0.0.1822 platform=win64",
                                         "client hello version=8.0.0.1822 platform=xsx", logger="gateway.http"), on, 0, 10)
    s.alert("ScyllaHighReadLatency", "profile-scylla", -13, summary="Scylla coordinator read p99 above 50ms",
            labels={"team": "player-data", "namespace": "scylla", "dc": "europe-west1"})
    s.alert("ScyllaReactorUtilisationHigh", "profile-scylla", -11, severity="warning", summary="reactor utilisation > 95% on 6/6 shards-nodes",
            labels={"namespace": "scylla", "dc": "europe-west1"})
    s.alert("ProfileServiceErrorBudgetBurn", "profile-service", -9, summary="fast burn: 14.4x over 5m/1h",
            labels={"team": "player-data", "slo": "profile-availability"})
    s.alert("LobbyJoinLatencyHigh", "lobby-service", -7, severity="warning", summary="lobby Join p99 > 1s",
            labels={"team": "social"})
    random_gaps(s, ["notification-service", "stats-db"], 1)
    s.description = """
Season 8 went live at 17:00 UTC. Shortly after, the Scylla cluster behind player profiles hit
reactor saturation and read timeouts, and profile and lobby calls followed. The Scylla alerts
paged first. No changes in the last hour beyond the planned launch content shipped earlier.
"""
    s.expected = {"cause": "traffic_surge", "culprit": "game-gateway"}
    return s


def g03():
    s = G("skyrift-inc-0378-psn-logins", "PlayStation players cannot sign in", "2026-02-11T21:05:00Z", 40, 20, 103)
    s.routine({"game-gateway": 6, "auth-service": 6, "lobby-service": 2, "matchmaker": 2, "telemetry-processor": 1})
    games_background(s, [("lobby-service", 95, "3.22.0", "3.21.4", 6, "party invite dedupe", "deploy"),
                         ("telemetry-processor", 140, "0.41.2", "0.41.1", 5, "retry tuning", "deploy"),
                         ("auth-service", 300, "5.9.1", "5.9.0", 8, "refresh token rotation metrics", "deploy")])
    on = -16
    s.effect("auth-service", "error_ratio", on, "set", 0.31, ramp=60)
    s.effect("auth-service", "latency_p99_seconds", on, "set", 5.0, ramp=60)
    s.effect("auth-service", "saturation", on + 1, "set", 0.62, ramp=120)
    s.effect("game-gateway", "error_ratio", on + 0.5, "set", 0.035, ramp=90)
    s.effect("telemetry-processor", "cpu_utilisation", -31, "set", 0.92, ramp=30, end=-27)
    host = "auth.api.np.ac.playstation.net"
    s.burst("auth-service", "ERROR", lambda r: (('psn token exchange failed: Post "https://%s/api/authz/v3/oauth/token": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' % host),
                                                {"logger": "auth.psn", "url": {"domain": host}}), on, 0, 7)
    s.burst("auth-service", "ERROR", lambda r: ('psn token exchange failed: unexpected status 503 Service Unavailable from %s body={"error":{"code":5001,"message":"server error"}}' % host,
                                                {"logger": "auth.psn", "url": {"domain": host}}), on + 1, 0, 4)
    s.log("auth-service", "WARN", "circuit breaker psn-auth: closed -> open (failures=50/60 window=30s)", s.T(on + 2.5), logger="auth.breaker")
    for k in range(5):
        s.log("auth-service", "INFO", "circuit breaker psn-auth: open -> half-open", s.T(on + 3.5 + 2.4 * k), logger="auth.breaker")
        s.log("auth-service", "WARN", "circuit breaker psn-auth: half-open -> open (probe failed: 503)", s.T(on + 3.6 + 2.4 * k), logger="auth.breaker")
    s.burst("game-gateway", "WARN", lambda r: ('[-] "POST /skyrift.auth.v1.Auth/Login HTTP/2" 503 - via_upstream - "-" 188 64 5004 5003 "-" "PS5/8.40 libSceHttp" "%08x" "auth-service.identity.svc.cluster.local" "10.44.%d.%d:8080" outbound|8080||auth-service.identity.svc.cluster.local'
                                               % (r.getrandbits(32), r.randint(1, 30), r.randint(2, 250)), {"logger": "envoy.access"}), on + 0.5, 0, 4)
    s.alert("AuthLoginFailureRateHigh", "auth-service", -11, summary="login failures > 10% (platform breakdown in dashboard)",
            labels={"team": "identity", "namespace": "identity"})
    s.alert("GatewayLogin5xx", "game-gateway", -9, severity="warning", summary="gateway 5xx on /Auth/Login",
            labels={"team": "edge", "route": "auth-login"})
    s.alert("TelemetryProcessorCPUHigh", "telemetry-processor", -29, severity="warning", status="resolved", end=-25,
            summary="telemetry-processor CPU > 90%", labels={"team": "data-platform"})
    s.description = """
Player reports on social: "can't log in on PS5". Xbox and Steam logins looked normal on the
dashboard. Auth-service error rate jumped and the gateway started returning 503 on the login route.
"""
    s.expected = {"cause": "external", "culprit": "psn-auth"}
    return s


def g04():
    s = G("skyrift-inc-0391-leaderboards-down", "Leaderboards returning errors right after a lobby release",
          "2026-03-22T14:18:00Z", 35, 15, 104)
    s.routine({"game-gateway": 6, "leaderboard-service": 6, "lobby-service": 3, "match-results-processor": 2})
    games_background(s, [("lobby-service", 9, "3.24.0", "3.23.2", 6, "ranked party size checks; new lobby chat limits", "deploy"),
                         ("entitlements-service", 70, "2.7.4", "2.7.3", 10, "db pool metrics", "deploy"),
                         ("game-gateway", 210, "7.2.2", "7.2.1", 0, "rate-limit headers", "deploy")])
    s.effect("lobby-service", "latency_p99_seconds", -8.5, "mul", 1.8, ramp=30, end=-6.5)
    s.effect("lobby-service", "cpu_utilisation", -8.5, "set", 0.62, ramp=30, end=-6.5)
    on = -6
    s.effect("leaderboard-redis", "request_rate", on, "set", 0.0, ramp=20)
    s.gap("leaderboard-redis", on + 0.5, 0)
    s.effect("leaderboard-service", "error_ratio", on, "set", 0.62, ramp=45)
    s.effect("leaderboard-service", "latency_p99_seconds", on, "set", 1.0, ramp=45)
    s.effect("leaderboard-service", "saturation", on, "set", 0.97, ramp=45)
    s.effect("game-gateway", "error_ratio", on + 0.5, "set", 0.03, ramp=60)
    s.effect("match-results-processor", "error_ratio", on + 0.5, "set", 0.4, ramp=60)
    s.log("lobby-service", "INFO", "starting lobby-service version=3.24.0 commit=9e1f04c", s.T(-8.4), logger="main")
    s.log("lobby-service", "INFO", "config loaded: party.max_size=4 chat.rate_limit=5/s", s.T(-8.35), logger="main")
    s.burst("leaderboard-service", "ERROR", lambda r: (r.choice(["dial tcp 10.20.4.3:6379: connect: connection refused",
                                                                 "redis: connection pool timeout",
                                                                 "read tcp 10.44.9.31:52210->10.20.4.3:6379: read: connection reset by peer"]),
                                                       {"logger": "leaderboard.redis"}), on, 0, 9)
    s.burst("match-results-processor", "ERROR", lambda r: ("update leaderboard for match %s: ZINCRBY season-7: dial tcp 10.20.4.3:6379: connect: connection refused" % _gid(r),
                                                           {"logger": "results.worker"}), on + 0.3, 0, 3)
    s.burst("game-gateway", "WARN", lambda r: ('[-] "GET /v1/boards/season-7/top?limit=100 HTTP/2" 500 - via_upstream - "-" 0 58 3 2 "-" "UnityPlayer/2022.3.21f1" "%08x" "leaderboard-service.player-data.svc.cluster.local" "10.44.%d.%d:8080" outbound|8080||leaderboard-service.player-data.svc.cluster.local'
                                               % (r.getrandbits(32), r.randint(1, 30), r.randint(2, 250)), {"logger": "envoy.access"}), on + 0.3, 0, 5)
    s.alert("LeaderboardAPIErrors", "leaderboard-service", -3, summary="leaderboard-service 5xx ratio 60%",
            labels={"team": "player-data"})
    s.alert("GatewayUpstream5xx", "game-gateway", -2, severity="warning", summary="gateway upstream errors rising",
            labels={"team": "edge"})
    s.description = """
Lobby 3.24.0 finished rolling out a few minutes before leaderboards started failing on every request.
The first reply in the incident channel was "roll back lobby?". Results processing also began
failing to update scores.
"""
    s.expected = {"cause": "dependency_outage", "culprit": "leaderboard-redis"}
    return s


def g05():
    s = G("skyrift-inc-0402-telemetry-backlog", "Telemetry subscription backlog climbing", "2026-04-09T20:40:00Z", 60, 30, 105)
    s.routine({"telemetry-ingest": 4, "telemetry-processor": 5, "game-gateway": 4, "matchmaker": 1, "arena-gameservers": 2})
    games_background(s, [("telemetry-processor", 95, "0.43.0", "0.42.2", 5, "dedupe stage rewrite", "deploy"),
                         ("matchmaker", 48, "2.12.1", "2.12.0", 3, "pool metrics labels", "deploy"),
                         ("web-store", 30, "2026.04.09-2", "2026.04.09-1", 7, "bundle page A/B", "deploy")])
    on = -28
    s.effect("telemetry-ingest", "request_rate", on, "mul", 3.1, ramp=420)
    s.effect("telemetry-ingest", "cpu_utilisation", on, "set", 0.74, ramp=420)
    s.effect("telemetry-events", "request_rate", on, "mul", 3.1, ramp=420)
    s.effect("telemetry-processor", "request_rate", on + 3, "mul", 1.35, ramp=240)
    s.effect("telemetry-processor", "cpu_utilisation", on + 3, "set", 0.97, ramp=240)
    s.effect("telemetry-processor", "latency_p99_seconds", on + 5, "set", 2.4, ramp=400)
    s.effect("telemetry-events", "saturation", on + 4, "set", 0.86, ramp=1400)
    s.effect("telemetry-events", "latency_p99_seconds", on + 4, "set", 780, ramp=1400)
    s.burst("telemetry-ingest", "INFO", lambda r: ("batch stats client_version=1.8.2 share=0.%d events_per_session_min=%d" % (r.randint(55, 78), r.randint(410, 470)),
                                                   {"logger": "ingest.stats"}), on + 2, 0, 1)
    s.burst("telemetry-ingest", "INFO", lambda r: ("batch stats client_version=1.8.1 share=0.%d events_per_session_min=%d" % (r.randint(60, 95), r.randint(130, 150)),
                                                   {"logger": "ingest.stats"}), -58, on, 1)
    s.burst("telemetry-processor", "WARN", lambda r: ("subscription telemetry-events-sub: oldest_unacked_message_age=%ds outstanding=%d (flow control max 10000)" % (r.randint(120, 760), r.randint(9000, 10000)),
                                                      {"logger": "processor"}), on + 6, 0, 2)
    s.burst("telemetry-processor", "WARN", lambda r: ("bq streaming insert slow table=skyrift_raw.client_events rows=500 took=%dms" % r.randint(1800, 4200),
                                                      {"logger": "processor"}), on + 8, 0, 1)
    s.alert("PubSubSubscriptionBacklogGrowing", "telemetry-events", -12, severity="warning", summary="telemetry-events-sub undelivered messages growing for 15m",
            labels={"team": "data-platform", "subscription": "telemetry-events-sub"})
    s.alert("TelemetryProcessorCPUSaturated", "telemetry-processor", -9, severity="warning", summary="processor CPU > 95% of limit",
            labels={"team": "data-platform"})
    s.alert("TelemetryFreshnessSLO", "telemetry-processor", -4, summary="client_events freshness > 10 min",
            labels={"team": "data-platform", "slo": "telemetry-freshness"})
    random_gaps(s, ["presence-service", "notification-service"], 2)
    s.description = """
Data-platform on-call: telemetry freshness SLO alert; processor pods pinned at CPU limit and the
Pub/Sub subscription backlog climbing for half an hour. Processor was released about 1.5 h earlier.
Client patch 1.8.2 was being rolled out on consoles through the evening.
"""
    s.expected = {"cause": "traffic_surge", "culprit": "telemetry-ingest"}
    return s


def g06():
    s = G("skyrift-inc-0455-no-matches-found", "Players stuck in queue, allocator rejecting requests", "2026-07-18T18:55:00Z", 50, 20, 106)
    s.routine({"game-gateway": 5, "matchmaker": 5, "allocator-service": 3, "lobby-service": 3, "presence-service": 1, "arena-gameservers": 2})
    games_background(s, [("matchmaker", 19, "2.14.0", "2.13.3", 3, "MMF: region-aware fleet selection (MM-812)", "deploy"),
                         ("web-store", 40, "store-cfg-0718b", "store-cfg-0718a", 7, "featured rotation weights", "config"),
                         ("presence-service", 130, "1.9.0", "1.8.7", 6, "fanout batching", "deploy"),
                         ("allocator-service", 260, "0.19.2", "0.19.1", 11, "agones client 1.41", "deploy")])
    s.effect("matchmaker", "cpu_utilisation", -19, "mul", 1.4, ramp=30, end=-16)
    on = -16
    s.effect("matchmaker", "error_ratio", on, "set", 0.23, ramp=120)
    s.effect("matchmaker", "latency_p99_seconds", on, "set", 4.5, ramp=200)
    s.effect("allocator-service", "error_ratio", on + 0.3, "set", 0.5, ramp=90)
    s.effect("allocator-service", "request_rate", on + 0.3, "mul", 2.4, ramp=90)
    s.effect("arena-gameservers", "request_rate", on + 3, "mul", 0.7, ramp=500)
    s.effect("lobby-service", "latency_p99_seconds", on + 4, "mul", 1.6, ramp=300)
    s.effect("presence-service", "latency_p99_seconds", -45, "osc", (0.05, 420), ramp=10)
    s.log("matchmaker", "INFO", "director starting version=2.14.0 regionAwareSelection=true", s.T(-17.2), logger="mm.director")
    s.burst("matchmaker", "ERROR", lambda r: ("assign match %s: allocation request rejected: rpc error: code = InvalidArgument desc = GameServerAllocation.allocation.agones.dev \"\" is invalid: spec.selectors[0].matchLabels: Invalid value: \"euw \": a valid label must be an empty string or consist of alphanumeric characters" % _gid(r),
                                              {"logger": "mm.director"}), on, 0, 6)
    s.burst("allocator-service", "WARN", lambda r: ("allocation rejected: invalid selector value \"euw \" from client=matchmaker", {"logger": "allocator"}), on + 0.3, 0, 5)
    s.burst("matchmaker", "WARN", lambda r: ("ticket %s back in pool after failed assignment (attempt %d)" % (_gid(r, 8), r.randint(2, 9)), {"logger": "mm.director"}), on + 1, 0, 4)
    s.alert("MatchmakingTimeToMatchHigh", "matchmaker", -9, summary="median time-to-match > 90s (ranked_3v3_euw)",
            labels={"team": "online-services", "pool": "ranked_3v3_euw"})
    s.alert("AllocatorInvalidRequests", "allocator-service", -12, severity="warning", summary="allocator returning InvalidArgument",
            labels={"team": "online-services"})
    s.alert("LobbyQueueStuck", "lobby-service", -5, severity="warning", summary="parties in queue > 3 min rising",
            labels={"team": "social"})
    s.alert("PresenceLatencyHigh", "presence-service", -2, severity="warning", summary="presence p99 > 50ms",
            labels={"team": "social"})
    random_gaps(s, ["telemetry-ingest", "leaderboard-redis", "presence-service"], 2)
    s.description = """
Ranked queue times went through the roof around 18:40. The allocator is rejecting a lot of
requests and the first guess in channel was Agones. Presence latency alert has been firing and
clearing all afternoon.
"""
    s.expected = {"cause": "deploy", "culprit": "matchmaker"}
    return s


def g07():
    s = G("skyrift-inc-0470-anticheat-heartbeats", "Game servers losing anti-cheat heartbeats", "2026-08-04T10:22:00Z", 40, 15, 107)
    s.routine({"arena-gameservers": 5, "anticheat-bridge": 4, "game-gateway": 3, "allocator-service": 1, "agones-controller": 1})
    games_background(s, [("istio-mesh", 12, "mesh-policy@a41c9e2", "mesh-policy@7d02bb1", 4,
                          "PLAT-2231 PeerAuthentication default -> STRICT in istio-system (mesh-wide)", "config"),
                         ("anticheat-bridge", 55, "0.8.3", "0.8.2", 9, "ironclad sdk 4.2.1", "deploy"),
                         ("profile-service", 140, "4.13.0", "4.12.2", 2, "batch get limit 200", "deploy")])
    on = -11
    s.effect("anticheat-bridge", "request_rate", on, "mul", 0.22, ramp=60)
    s.effect("arena-gameservers", "error_ratio", on, "set", 0.16, ramp=60)
    s.effect("anticheat-bridge", "cpu_utilisation", on, "mul", 0.5, ramp=60)
    s.burst("arena-gameservers", "ERROR", lambda r: ('AntiCheat heartbeat failed: rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: read tcp 10.60.%d.%d:%d->10.44.7.21:9443: read: connection reset by peer"'
                                                     % (r.randint(1, 40), r.randint(2, 250), r.randint(32768, 60999)), {"logger": "ArenaServer"}), on, 0, 7)
    s.burst("arena-gameservers", "WARN", _msg("AntiCheat: session {g} unverified for {n}s, flagging match as unranked", logger="ArenaServer"), on + 1, 0, 3)
    s.burst("anticheat-bridge", "INFO", lambda r: ('[-] "- - -" 0 NR filter_chain_not_found - "-" 0 0 0 - "-" "-" "-" "-" "-" - - 10.44.7.21:9443 10.60.%d.%d:%d - -'
                                                   % (r.randint(1, 40), r.randint(2, 250), r.randint(32768, 60999)), {"logger": "envoy.access"}), on, 0, 6)
    s.alert("AntiCheatHeartbeatFailures", "arena-gameservers", -6, summary="> 10% of matches without anti-cheat heartbeat",
            labels={"team": "game-infra", "fleet": "arena-fleet-euw"})
    s.alert("AntiCheatBridgeTrafficDrop", "anticheat-bridge", -5, severity="warning", summary="inbound heartbeat rate down 75% vs 1d ago",
            labels={"team": "trust-safety"})
    s.description = """
Trust & safety noticed many ranked matches being flagged unranked because no anti-cheat verdict
arrived. Game servers report connection resets talking to the anti-cheat bridge; the bridge itself
looks idle rather than broken. The bridge shipped an SDK bump this morning.
"""
    s.expected = {"cause": "config_change", "culprit": "istio-mesh"}
    return s


def g08():
    s = G("skyrift-inc-0489-profile-p99-creep", "profile-service p99 creeping up, lobby slow", "2026-09-12T16:30:00Z", 90, 30, 108)
    s.routine({"profile-service": 4, "lobby-service": 3, "game-gateway": 4, "web-store": 2, "entitlements-service": 1})
    games_background(s, [("web-store", 12, "2026.09.12-1", "2026.09.11-4", 7, "checkout button copy, image CDN params", "deploy"),
                         ("profile-service", 240, "4.15.0", "4.14.3", 2, "avatar frame field; gocql session per-keyspace", "deploy"),
                         ("matchmaker", 180, "2.16.0", "2.15.2", 3, "backfill improvements", "deploy")])
    s.effect("profile-service", "memory_utilisation", -78, "set", 0.95, ramp=78 * 60)
    s.effect("profile-service", "cpu_utilisation", -40, "set", 0.81, ramp=40 * 60)
    s.effect("profile-service", "latency_p99_seconds", -35, "set", 0.9, ramp=35 * 60)
    s.effect("profile-service", "error_ratio", -10, "set", 0.02, ramp=600)
    s.effect("lobby-service", "latency_p99_seconds", -25, "set", 1.2, ramp=25 * 60)
    s.effect("web-store", "latency_p99_seconds", -11, "mul", 1.3, ramp=30, end=-9)
    def poolstat(r):
        frac = r.random()
        return None
    for k in range(30):
        t = -88 + k * 3
        g = int(1800 + max(0, (t + 78)) * 620 + s.rng.randint(-200, 200))
        s.log("profile-service", "INFO", "runtime stats goroutines=%d heap_inuse=%dMiB gc_pause_p99=%dms" % (g, 610 + max(0, t + 78) * 14, 2 + max(0, t + 40) * 2),
              s.T(t), logger="profile.runtime")
    s.burst("profile-service", "WARN", _msg("slow request /skyrift.profile.v1.Profiles/BatchGet took {n}0ms (watch stream still open for player {id})", logger="profile.grpc"), -30, 0, 2)
    s.burst("lobby-service", "WARN", _msg("party {g} join slow: profile.BatchGet {n}0ms", logger="lobby.party"), -20, 0, 2)
    s.log("profile-service", "WARN", "pod profile-service-5b8d99c7f-q7x2m: container restarted (last state: OOMKilled)", s.T(-4), logger="profile.runtime")
    s.alert("ProfileServiceLatencyP99", "profile-service", -14, summary="profile-service p99 over 150ms",
            labels={"team": "player-data"})
    s.alert("LobbyJoinLatencyHigh", "lobby-service", -8, severity="warning", summary="lobby Join p99 > 1s",
            labels={"team": "social"})
    random_gaps(s, ["telemetry-events", "presence-service"], 2)
    s.description = """
Player-data on-call got a p99 latency page for profile-service late afternoon; lobby joins were
also slow. The web store deploy had just gone out and was the first thing people looked at.
"""
    s.expected = {"cause": "resource_saturation", "culprit": "profile-service"}
    return s


def g09():
    s = G("skyrift-inc-0501-fleet-empty", "No Ready game servers in euw fleet", "2026-10-30T19:10:00Z", 50, 30, 109)
    s.routine({"agones-controller": 3, "allocator-service": 3, "matchmaker": 4, "arena-gameservers": 4, "game-gateway": 3})
    games_background(s, [("matchmaker", 33, "mm-cfg-1030", "mm-cfg-1029", 3, "raise ranked_3v3 search window to 120s", "config"),
                         ("arena-gameservers", 210, "s8.3.1-b2044", "s8.3.0-b2031", 9, "server hotfix: spawn exploit", "deploy"),
                         ("leaderboard-service", 95, "1.20.1", "1.20.0", 1, "cache headers", "deploy")])
    on = -15
    s.effect("arena-gameservers", "request_rate", on, "mul", 0.58, ramp=90)
    s.effect("arena-gameservers", "saturation", on + 1, "set", 1.0, ramp=240)
    s.effect("allocator-service", "error_ratio", on + 1, "set", 0.44, ramp=240)
    s.effect("allocator-service", "latency_p99_seconds", on + 1, "set", 2.9, ramp=240)
    s.effect("matchmaker", "error_ratio", on + 2, "set", 0.29, ramp=300)
    s.effect("matchmaker", "latency_p99_seconds", on + 2, "set", 6.0, ramp=300)
    s.effect("lobby-service", "error_ratio", on + 5, "set", 0.02, ramp=300)
    s.burst("agones-controller", "WARN", lambda r: ("GameServer arena-fleet-euw-%s-%s: Pod deleted, node gke-prod-euw1-gs-spot-c2d-%s-%s no longer exists; marking Unhealthy" % (_gid(r), _gid(r), _gid(r, 8), _gid(r, 4)),
                                                    {"logger": "agones"}), on, on + 4, 8)
    s.burst("agones-controller", "WARN", lambda r: ("GameServer arena-fleet-euw-%s-%s pod pending: 0/26 nodes are available: 14 node(s) didn't match Pod's node affinity/selector, 12 Insufficient cpu. preemption: 0/26 nodes are available" % (_gid(r), _gid(r)),
                                                    {"logger": "agones"}), on + 1, 0, 5)
    s.burst("agones-controller", "INFO", _msg("Fleet arena-fleet-euw: replicas=530 ready=0 allocated={n}0 pending={n}0", logger="agones"), on + 3, 0, 1)
    s.burst("allocator-service", "ERROR", lambda r: ("GameServerAllocation result: UnAllocated fleet=arena-fleet-euw (no Ready GameServers matching selectors)", {"logger": "allocator"}), on + 1, 0, 6)
    s.burst("matchmaker", "ERROR", _msg("assign match {g}: allocation UnAllocated, returning tickets to pool", logger="mm.director"), on + 2, 0, 4)
    s.burst("arena-gameservers", "WARN", _msg("SIGTERM received, draining match {g} (players=6)", logger="ArenaServer"), on - 0.5, on + 2, 6)
    s.alert("AllocatorUnallocatedResponses", "allocator-service", -10, summary="allocator UnAllocated responses > 20%",
            labels={"team": "online-services", "fleet": "arena-fleet-euw"})
    s.alert("MatchmakerAssignmentBacklog", "matchmaker", -8, summary="tickets awaiting assignment > 5000",
            labels={"team": "online-services"})
    s.alert("ArenaActiveMatchesDrop", "arena-gameservers", -12, severity="warning", summary="active matches down 40% in 5m",
            labels={"team": "game-infra", "fleet": "arena-fleet-euw"})
    s.description = """
Friday evening. Active matches in euw dropped sharply, then every allocation came back UnAllocated
and matchmaking backed up. Matchmaker config was changed half an hour earlier to widen the
ranked search window.
"""
    s.expected = {"cause": "infrastructure", "culprit": "gke-pool-gameservers"}
    return s


def g10():
    s = G("skyrift-inc-0520-bf-checkout", "Black Friday: checkout failing", "2026-11-27T18:45:00Z", 45, 15, 110)
    s.routine({"web-store": 8, "payments-service": 4, "entitlements-service": 2, "game-gateway": 3})
    games_background(s, [("payments-service", 22, "3.8.1", "3.8.0", 8, "go 1.22.3, structured logging for webhook handler", "deploy"),
                         ("web-store", 150, "2026.11.27-1", "2026.11.26-5", 7, "black friday banners", "deploy"),
                         ("entitlements-service", 400, "2.9.0", "2.8.4", 10, "bulk grant endpoint", "deploy")])
    s.effect("web-store", "request_rate", -45, "mul", 1.15, ramp=60)
    s.effect("payments-service", "cpu_utilisation", -21, "mul", 1.5, ramp=20, end=-19)
    s.log("payments-service", "INFO", "payments-service 3.8.1 listening on :8080 (provider=xsolla project=211904)", s.T(-20.5), logger="main")
    on = -13
    s.effect("payments-service", "error_ratio", on, "set", 0.47, ramp=90)
    s.effect("payments-service", "latency_p99_seconds", on, "set", 10.0, ramp=90)
    s.effect("payments-service", "saturation", on, "set", 0.9, ramp=120)
    s.effect("web-store", "error_ratio", on + 0.5, "set", 0.06, ramp=120)
    host = "api.xsolla.com"
    s.burst("payments-service", "ERROR", lambda r: r.choice([
        ('create token: Post "https://%s/merchant/v2/merchants/88412/token": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' % host, {"logger": "payments.xsolla", "url": {"domain": host}}),
        ("create token: xsolla: unexpected status 502 Bad Gateway (request_id=%s)" % _gid(r, 12), {"logger": "payments.xsolla", "url": {"domain": host}}),
        ('get order status: Get "https://%s/merchant/v2/projects/211904/orders/%d": EOF' % (host, _uid(r)), {"logger": "payments.xsolla", "url": {"domain": host}}),
    ]), on, 0, 6)
    s.burst("web-store", "ERROR", _msg("POST /api/store/checkout 502: payments: upstream provider error", logger="store.http"), on + 0.5, 0, 4)
    s.alert("CheckoutFailureRateHigh", "web-store", -8, severity="page", summary="checkout failure ratio > 5%",
            labels={"team": "commerce"})
    s.alert("PaymentsProviderErrors", "payments-service", -10, summary="payment provider call errors > 25%",
            labels={"team": "commerce"})
    s.description = """
Black Friday sale evening. Checkouts started failing; payments-service had been deployed about
20 minutes earlier with a Go upgrade and a logging change. Commerce on-call started a rollback
discussion.
"""
    s.expected = {"cause": "external", "culprit": "xsolla-api"}
    return s


def g11():
    s = G("skyrift-inc-0361-entitlements-db", "Owned items not loading; store erroring", "2026-01-19T08:12:00Z", 30, 15, 111)
    s.omit.add("deploys")
    s.routine({"entitlements-service": 6, "web-store": 4, "game-gateway": 3, "lobby-service": 1})
    on = -9
    s.effect("entitlements-service", "error_ratio", on, "set", 0.74, ramp=40)
    s.effect("entitlements-service", "latency_p99_seconds", on, "set", 10.0, ramp=60)
    s.effect("entitlements-service", "saturation", on, "set", 1.0, ramp=60)
    s.effect("web-store", "error_ratio", on + 0.5, "set", 0.17, ramp=90)
    s.effect("entitlements-db", "request_rate", on, "set", 0.0, ramp=30)
    s.effect("entitlements-db", "cpu_utilisation", on, "set", 0.02, ramp=30)
    s.gap("entitlements-db", on + 1.5, 0)
    s.burst("entitlements-service", "ERROR", lambda r: r.choice([
        ('failed to connect to `host=127.0.0.1 user=entitlements database=entitlements`: dial error (dial tcp 127.0.0.1:5432: connect: connection refused)', {"logger": "entitlements.db"}),
        ("GET /v2/entitlements/%d 500 %dms: acquire conn: context deadline exceeded" % (_uid(r), r.randint(5000, 10000)), {"logger": "entitlements.api"}),
    ]), on, 0, 8)
    s.burst("entitlements-service", "WARN", lambda r: ('cloud-sql-proxy: failed to connect to instance: Dial error: failed to dial (connection name = "skyrift-prod:europe-west1:entitlements-pg"): dial tcp 10.91.0.5:3307: connect: connection refused',
                                                       {"logger": "cloud-sql-proxy"}), on + 0.2, 0, 3)
    s.burst("web-store", "ERROR", _msg("GET /api/store/owned 500: entitlements: 500 Internal Server Error", logger="store.http"), on + 0.5, 0, 3)
    s.alert("EntitlementsAPI5xx", "entitlements-service", -6, summary="entitlements 5xx > 50%", labels={"team": "commerce"})
    s.alert("WebStoreHigh5xx", "web-store", -5, severity="page", summary="web-store 5xx > 3% (10m window)", labels={"team": "commerce"})
    s.description = """
Early Monday. Store and in-game locker stopped showing owned items; entitlements-service is
failing nearly every request. No change record was pulled for this one.
"""
    s.expected = {"cause": "dependency_outage", "culprit": "entitlements-db"}
    return s


def g12():
    s = G("skyrift-inc-0533-mm-redis-full", "Matchmaker cannot create tickets", "2026-12-27T15:40:00Z", 60, 30, 112)
    s.routine({"matchmaker": 5, "lobby-service": 3, "game-gateway": 4, "leaderboard-service": 2})
    games_background(s, [("lobby-service", 120, "3.31.0", "3.30.1", 6, "holiday party emotes", "deploy"),
                         ("leaderboard-service", 44, "1.22.0", "1.21.3", 1, "holiday event board", "deploy")])
    s.effect("matchmaking-redis", "memory_utilisation", -55, "set", 0.995, ramp=47 * 60)
    s.effect("matchmaking-redis", "cpu_utilisation", -15, "set", 0.48, ramp=600)
    s.gap("matchmaking-redis", -23, -5)
    s.effect("leaderboard-redis", "cpu_utilisation", -31, "set", 0.77, ramp=30, end=-28)
    s.effect("leaderboard-service", "latency_p99_seconds", -31, "mul", 2.0, ramp=30, end=-28)
    on = -8
    s.effect("matchmaker", "error_ratio", on, "set", 0.36, ramp=90)
    s.effect("lobby-service", "error_ratio", on + 0.5, "set", 0.08, ramp=120)
    s.effect("game-gateway", "error_ratio", on + 1, "set", 0.012, ramp=120)
    s.burst("matchmaker", "ERROR", lambda r: ("create ticket: OOM command not allowed when used memory > 'maxmemory'.", {"logger": "mm.frontend"}), on, 0, 8)
    for k in range(11):
        tm = -58 + k * 5
        used = min(3.99, 2.08 + max(0, tm + 55) * 0.0405)
        s.log("matchmaker", "INFO", "statestore redis used_memory_human=%.2fG maxmemory=4.00G policy=noeviction tickets_active=%d" % (used, 41000 + s.rng.randint(-3000, 3000)),
              s.T(tm), logger="mm.statestore")
    s.burst("lobby-service", "ERROR", _msg("party {g} queue: matchmaker CreateTicket: rpc error: code = Internal desc = OOM command not allowed", logger="lobby.party"), on + 0.5, 0, 3)
    s.log("matchmaker", "WARN", "redis_exporter scrape of 10.20.6.4:6379 timed out (INFO took > 10s)", s.T(-23.2), logger="mm.metrics")
    s.alert("MatchmakerTicketCreateFailures", "matchmaker", -5, summary="Matchmaker failing to create tickets", labels={"team": "online-services"})
    s.alert("LobbyQueueJoinFailures", "lobby-service", -4, severity="warning", summary="queue join failures > 5%", labels={"team": "social"})
    s.alert("LeaderboardLatencyHigh", "leaderboard-service", -29, severity="warning", status="resolved", end=-26,
            summary="leaderboard p99 > 20ms", labels={"team": "player-data"})
    s.description = """
Holiday event afternoon. Matchmaker started rejecting new tickets and lobby queue joins failed.
Leaderboards had their own short latency blip half an hour before. The Redis dashboards had a hole
in them for the most interesting twenty minutes.
"""
    s.expected = {"cause": "resource_saturation", "culprit": "matchmaking-redis"}
    return s


def g13():
    s = G("skyrift-inc-0447-daily-rotation", "Store DB pegged at midnight rotation", "2026-06-20T00:14:00Z", 40, 15, 113)
    s.routine({"web-store": 9, "entitlements-service": 2, "payments-service": 1, "game-gateway": 2})
    games_background(s, [("entitlements-service", 50, "2.7.9", "2.7.8", 10, "grant audit log fields", "deploy"),
                         ("game-gateway", 320, "7.5.1", "7.5.0", 0, "http2 keepalive tuning", "deploy")])
    on = -14
    s.effect("web-store", "request_rate", on, "mul", 7.2, ramp=60)
    s.effect("web-store", "cpu_utilisation", on, "set", 0.78, ramp=60)
    s.effect("store-db", "request_rate", on, "mul", 5.5, ramp=90)
    s.effect("store-db", "cpu_utilisation", on + 0.5, "set", 0.99, ramp=120)
    s.effect("store-db", "saturation", on + 1, "set", 1.0, ramp=180)
    s.effect("store-db", "latency_p99_seconds", on + 1, "set", 0.95, ramp=180)
    s.effect("web-store", "latency_p99_seconds", on + 2, "set", 6.5, ramp=180)
    s.effect("web-store", "error_ratio", on + 3, "set", 0.09, ramp=180)
    s.effect("payments-service", "request_rate", on, "mul", 3.0, ramp=120)
    s.burst("web-store", "INFO", lambda r: ('%d.%d.%d.%d - - "GET /api/store/rotation/daily HTTP/1.1" 200 %d "-" "SkyriftClient/8.2 (PS5)" rt=%.3f'
                                            % (r.randint(30, 220), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), r.randint(800, 9000), r.uniform(0.1, 4)),
                                            {"logger": "nginx.access"}), on, 0, 12)
    s.burst("web-store", "ERROR", lambda r: ('%d.%d.%d.%d - - "GET /api/store/offers/%d HTTP/1.1" 504 167 "-" "SkyriftClient/8.2 (Windows)" rt=10.001'
                                             % (r.randint(30, 220), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), _uid(r)),
                                             {"logger": "nginx.access"}), on + 3, 0, 3)
    s.burst("web-store", "ERROR", lambda r: r.choice([("pq: sorry, too many clients already", {"logger": "store.db"}),
                                                      ("query offers for rotation 2026-06-20: context deadline exceeded", {"logger": "store.db"})]), on + 2, 0, 4)
    s.alert("CloudSQLCPUHigh", "store-db", -11, summary="store-pg-main CPU > 95%", labels={"team": "commerce", "database_id": "skyrift-prod:store-pg-main"})
    s.alert("CloudSQLConnectionsNearMax", "store-db", -10, severity="warning", summary="connections 495/500", labels={"database_id": "skyrift-prod:store-pg-main"})
    s.alert("WebStoreLatencySLO", "web-store", -7, summary="web-store p99 > 2s", labels={"team": "commerce"})
    s.description = """
00:00 UTC shop rotation, with the collaboration skin bundle featured for the first time. The Cloud
SQL instance behind the store went to 100% CPU and ran out of connections; the DB alert fired
first and the DBA on-call was pulled in.
"""
    s.expected = {"cause": "traffic_surge", "culprit": "web-store"}
    return s


def g14():
    s = G("skyrift-inc-0386-crossplay-parties", "Cross-platform party joins failing", "2026-03-03T12:31:00Z", 45, 20, 114)
    s.drop_signals.add("lobby-service")
    s.routine({"lobby-service": 6, "presence-service": 3, "game-gateway": 3, "notification-service": 1})
    games_background(s, [("presence-service", 35, "1.7.2", "1.7.1", 6, "presence TTL metrics", "deploy"),
                         ("notification-service", 80, "1.28.0", "1.27.1", 4, "retry budget", "deploy")])
    s.deploy("lobby-service", "flag", "lobby.crossplay_party_v2=on (100%)", "lobby.crossplay_party_v2=off", -11, 0.2, "rhea.s",
             "Enable cross-play party v2 for all players after 2 days at 5%", id="flagd-lobby-2291")
    on = -10.5
    s.effect("presence-service", "error_ratio", on, "set", 0.05, ramp=60)
    s.effect("presence-service", "request_rate", on, "mul", 1.25, ramp=60)
    s.effect("game-gateway", "error_ratio", on + 0.5, "set", 0.018, ramp=90)
    s.log("lobby-service", "INFO", "flag update received: lobby.crossplay_party_v2 rollout 5% -> 100%", s.T(-10.9), logger="lobby.flags")
    s.burst("lobby-service", "ERROR", lambda r: ('join party %s: resolve member %s: presence.Get: rpc error: code = InvalidArgument desc = unknown platform prefix "%s"'
                                                 % (_gid(r), r.choice(["xbl2:", "psn2:", "stm2:"]) + str(_uid(r)), r.choice(["xbl2", "psn2", "stm2"])),
                                                 {"logger": "lobby.party"}), on, 0, 7)
    s.burst("lobby-service", "INFO", _msg("party {g} member joined {id} size=2 crossplay=false", logger="lobby.party"), on, 0, 2)
    s.burst("presence-service", "WARN", _msg("rejecting Get: invalid player key prefix", logger="presence.api"), on, 0, 3)
    s.alert("LobbyPartyJoinErrors", "lobby-service", -6, summary="party join errors > 8%", labels={"team": "social"})
    s.alert("PresenceInvalidArgumentSpike", "presence-service", -7, severity="warning", summary="InvalidArgument responses 40x baseline", labels={"team": "social"})
    s.description = """
Social on-call: players in mixed PS/Xbox/PC parties report "failed to join party". Presence shows a
spike of InvalidArgument and presence-service shipped earlier today. Lobby's metrics scrape has
been broken since the Prometheus relabel change last week, so no lobby graphs.
"""
    s.expected = {"cause": "config_change", "culprit": "lobby-service"}
    return s


def g15():
    s = G("skyrift-inc-0424-leaderboard-redis-cpu", "Leaderboard Redis CPU pinned", "2026-05-02T20:05:00Z", 50, 30, 115)
    s.omit.add("logs")
    games_background(s, [("leaderboard-service", 24, "1.19.0", "1.18.4", 1, "friends board: include rank deltas (PD-377)", "deploy"),
                         ("auth-service", 75, "5.11.0", "5.10.2", 8, "xbl token cache", "deploy"),
                         ("telemetry-ingest", 9, "2.3.4", "2.3.3", 5, "gzip level 4", "deploy")])
    on = -21
    s.effect("leaderboard-redis", "request_rate", on, "mul", 7.5, ramp=180)
    s.effect("leaderboard-redis", "cpu_utilisation", on, "set", 0.99, ramp=300)
    s.effect("leaderboard-redis", "latency_p99_seconds", on + 1, "set", 0.06, ramp=300)
    s.effect("leaderboard-service", "latency_p99_seconds", on + 1, "set", 0.85, ramp=300)
    s.effect("leaderboard-service", "cpu_utilisation", on, "set", 0.6, ramp=200)
    s.effect("leaderboard-service", "error_ratio", on + 4, "set", 0.03, ramp=300)
    s.effect("game-gateway", "latency_p99_seconds", on + 5, "mul", 1.5, ramp=300)
    s.alert("RedisCPUHigh", "leaderboard-redis", -14, summary="leaderboard-redis engine CPU > 90%", labels={"instance_id": "lb-redis-prod"})
    s.alert("LeaderboardLatencyHigh", "leaderboard-service", -10, severity="warning", summary="leaderboard p99 > 20ms", labels={"team": "player-data"})
    s.alert("GatewayLatencyP99", "game-gateway", -6, severity="warning", summary="gateway p99 > 400ms", labels={"team": "edge"})
    random_gaps(s, ["presence-service", "stats-db", "telemetry-processor"], 2)
    s.description = """
Memorystore alert on the leaderboard instance (engine CPU pinned) at Saturday prime time, followed by
leaderboard and gateway latency warnings. Log export from the player-data namespace was broken that
evening, so only metrics, alerts and the deploy history are available.
"""
    s.expected = {"cause": "deploy", "culprit": "leaderboard-service"}
    return s


def g16():
    s = G("skyrift-inc-0495-everything-external", "Logins, payments, anti-cheat and push all failing", "2026-09-26T20:50:00Z", 40, 20, 116)
    s.routine({"auth-service": 5, "payments-service": 2, "anticheat-bridge": 3, "notification-service": 2, "game-gateway": 4, "agones-controller": 1})
    games_background(s, [("auth-service", 30, "5.14.0", "5.13.1", 8, "steam ticket validation v2 endpoint", "deploy"),
                         ("istio-mesh", 26, "telemetry-cfg@5be19a0", "telemetry-cfg@c0d7713", 11,
                          "Telemetry API: tracing sampling 1% -> 0.5% for tournament night", "config"),
                         ("notification-service", 140, "1.33.0", "1.32.4", 4, "quiet hours", "deploy")])
    on = -12
    for svc, err, lat in [("auth-service", 0.38, 6.0), ("payments-service", 0.5, 10.0), ("anticheat-bridge", 0.55, 5.0), ("notification-service", 0.6, 3.0)]:
        st = on + s.rng.uniform(0, 1)
        s.effect(svc, "error_ratio", st, "set", err, ramp=150)
        s.effect(svc, "latency_p99_seconds", st, "set", lat, ramp=150)
    s.effect("arena-gameservers", "error_ratio", on + 1, "set", 0.09, ramp=200)
    s.effect("game-gateway", "error_ratio", on + 1, "set", 0.04, ramp=200)
    def dial(svc, logger, hosts):
        def f(r):
            h = r.choice(hosts)
            return ('%s: dial tcp %s:443: i/o timeout' % (('Post "https://%s/' % h[0]) + h[1] + '"', h[2]), {"logger": logger, "url": {"domain": h[0]}})
        return f
    s.burst("auth-service", "ERROR", dial("auth-service", "auth.platform", [("auth.api.np.ac.playstation.net", "api/authz/v3/oauth/token", "54.230.112.9"),
                                                                            ("user.auth.xboxlive.com", "user/authenticate", "20.112.52.29"),
                                                                            ("partner.steam-api.com", "ISteamUserAuth/AuthenticateUserTicket/v1", "23.35.176.41")]), on, 0, 6)
    s.burst("payments-service", "ERROR", dial("payments-service", "payments.xsolla", [("api.xsolla.com", "merchant/v2/merchants/88412/token", "104.18.10.61")]), on + 0.5, 0, 2)
    s.burst("anticheat-bridge", "ERROR", dial("anticheat-bridge", "ac.bridge", [("ingest.eu.ironclad-ac.net", "v4/verdicts", "3.120.88.14")]), on, 0, 4)
    s.burst("notification-service", "ERROR", dial("notification-service", "notify.sender", [("fcm.googleapis.com", "v1/projects/skyrift-prod/messages:send", "142.250.185.106")]), on + 0.3, 0, 3)
    s.burst("cloud-nat", "WARN", lambda r: ('{"connection":{"src_ip":"10.60.%d.%d","src_port":%d,"dest_ip":"%s","dest_port":443,"protocol":6},"allocation_status":"DROPPED","gateway_identifiers":{"gateway_name":"skyrift-euw1-nat","router_name":"skyrift-euw1-router","region":"europe-west1"}}'
                                            % (r.randint(1, 60), r.randint(2, 250), r.randint(1024, 65000), r.choice(["54.230.112.9", "20.112.52.29", "104.18.10.61", "3.120.88.14", "142.250.185.106"])),
                                            {"logger": "compute.googleapis.com/nat_flows"}), on - 0.5, 0, 5)
    s.alert("AuthLoginFailureRateHigh", "auth-service", -8, summary="login failures > 10% (platform breakdown in dashboard)", labels={"team": "identity"})
    s.alert("PaymentsProviderErrors", "payments-service", -7, summary="payment provider call errors > 25%", labels={"team": "commerce"})
    s.alert("AntiCheatVerdictTimeouts", "anticheat-bridge", -8, severity="warning", summary="verdict calls timing out", labels={"team": "trust-safety"})
    s.alert("PushDeliveryFailures", "notification-service", -6, severity="warning", summary="push send failures > 20%", labels={"team": "social"})
    s.description = """
During the tournament finals broadcast four teams were paged within four minutes: PSN, Xbox and
Steam logins, Xsolla checkouts, Ironclad anti-cheat verdicts and FCM pushes were all timing out.
Every provider's status page showed green. Auth had deployed half an hour earlier.
"""
    s.expected = {"cause": "infrastructure", "culprit": "cloud-nat"}
    return s


def g17():
    s = G("skyrift-inc-0512-results-backlog", "Match results backlog, season stats stale", "2026-11-08T13:25:00Z", 60, 20, 117)
    s.routine({"match-results-processor": 5, "arena-gameservers": 3, "leaderboard-service": 2, "game-gateway": 2})
    games_background(s, [("arena-gameservers", 160, "s8.4.0-b2101", "s8.3.1-b2044", 9, "weekly content", "deploy"),
                         ("leaderboard-service", 300, "1.21.0", "1.20.3", 1, "season archive", "deploy")])
    s.deploys.append({"id": "tf-stats-db-118", "service": "stats-db", "kind": "infra", "version": "db-custom-4-16384",
                      "previous_version": "db-custom-4-16384", "started_at": iso(s.T(-200)), "finished_at": iso(s.T(-195)),
                      "author": "p.ilic", "description": "terraform: add label cost-centre=online (no-op on instance shape)"})
    s.effect("match-results-processor", "saturation", -48, "set", 1.0, ramp=33 * 60)
    s.effect("match-results-processor", "request_rate", -18, "mul", 0.3, ramp=300)
    s.effect("match-results-processor", "latency_p99_seconds", -20, "set", 5.0, ramp=360)
    s.effect("match-results-processor", "error_ratio", -16, "set", 0.12, ramp=300)
    s.effect("match-events", "saturation", -17, "set", 0.42, ramp=17 * 60)
    s.effect("match-events", "latency_p99_seconds", -17, "set", 900, ramp=17 * 60)
    s.effect("stats-db", "saturation", -48, "set", 0.97, ramp=33 * 60)
    s.effect("stats-db", "cpu_utilisation", -20, "mul", 0.7, ramp=300)
    for k in range(12):
        t = -58 + k * 5
        idle = max(0, int((t + 48) * 1.5))
        s.log("match-results-processor", "INFO", "pool stats stats-db: total=50 acquired=%d idle=%d waiting=%d" % (min(50, 6 + idle), max(0, 44 - idle), max(0, idle - 44) * 3),
              s.T(t), logger="results.db")
    s.burst("match-results-processor", "ERROR", _msg("process match_result {g}: acquire conn: context deadline exceeded (pool total=50 acquired=50)", logger="results.db"), -16, 0, 4)
    s.burst("match-results-processor", "WARN", _msg("nack match_result {g}: will be redelivered", logger="results.worker"), -16, 0, 2)
    s.log("match-results-processor", "WARN", "stats-db: 31 sessions 'idle in transaction' > 10m for application_name=match-results-processor (tx opened in applyMVPBonus)", s.T(-22), logger="results.db")
    s.alert("PubSubSubscriptionBacklog", "match-events", -9, summary="match-events-results oldest unacked > 10m", labels={"subscription": "match-events-results", "team": "online-services"})
    s.alert("CloudSQLConnectionsNearMax", "stats-db", -20, severity="warning", summary="connections 188/200", labels={"database_id": "skyrift-prod:stats-pg"})
    s.description = """
Sunday. Players complained season stats and MVP bonuses weren't updating after matches. The
match-events subscription backlog alert fired; the stats database had been warning about
connection count for a while before that.
"""
    s.expected = {"cause": "resource_saturation", "culprit": "match-results-processor"}
    return s


GAMES_SCENARIOS = [g01, g02, g03, g04, g05, g06, g07, g08, g09, g10, g11, g12, g13, g14, g15, g16, g17]

# =====================================================================================
# Company 2: Fenmoor Bank (retail), OpenShift 4 in two owned data centres (DC1 Leeds, DC2 York)
# =====================================================================================

BANK_CATALOG = r"""# Fenmoor Bank - digital channels & payments estate (OCP prod-dc1)
# owner: Service Management / CMDB extract, hand-edited by SRE guild
defaults:
  signals:
    request_rate: 'sum(rate(http_server_requests_seconds_count{application="{service}",namespace=~"fnb-.*"}[2m]))'
    error_ratio: 'sum(rate(http_server_requests_seconds_count{application="{service}",outcome="SERVER_ERROR"}[5m])) / sum(rate(http_server_requests_seconds_count{application="{service}"}[5m]))'
    latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{application="{service}"}[5m])))'
    cpu_utilisation: 'sum(rate(container_cpu_usage_seconds_total{pod=~"{service}-.*",container!=""}[5m])) / sum(kube_pod_container_resource_limits{pod=~"{service}-.*",resource="cpu"})'
    memory_utilisation: 'sum(container_memory_working_set_bytes{pod=~"{service}-.*",container!=""}) / sum(kube_pod_container_resource_limits{pod=~"{service}-.*",resource="memory"})'
    saturation: 'max(hikaricp_connections_active{application="{service}"} / hikaricp_connections_max{application="{service}"})'
services:
  mobile-bff:
    team: digital-channels
    tier: 1
    channel: "#dc-mobile-ops"
    owners: ["S07MOBILE"]
    depends_on: [customer-auth, accounts-service, payments-service, cards-service, customer-profile]
    signals:
      request_rate: 'sum(rate(http_request_duration_seconds_count{app="mobile-bff"}[2m]))'
      error_ratio: 'sum(rate(http_request_duration_seconds_count{app="mobile-bff",status_code=~"5.."}[5m])) / sum(rate(http_request_duration_seconds_count{app="mobile-bff"}[5m]))'
      latency_p99_seconds: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{app="mobile-bff"}[5m])))'
  web-bff:
    team: digital-channels
    tier: 1
    channel: "#dc-web-ops"
    depends_on: [customer-auth, accounts-service, payments-service, customer-profile]
  customer-auth:
    team: identity-access
    tier: 1
    channel: "#iam-oncall"
    owners: ["S07IAM"]
    depends_on: [session-cache, otp-service, customer-db]
  otp-service:
    team: identity-access
    tier: 1
    channel: "#iam-oncall"
    depends_on: [textlane-sms]
  accounts-service:
    team: core-integration
    tier: 1
    channel: "#core-int"
    depends_on: [mainframe-gateway]
  mainframe-gateway:
    team: core-integration
    tier: 1
    channel: "#core-int"
    owners: ["S07COREINT"]
    depends_on: [core-banking]
    signals:
      saturation: 'max(ctg_gateway_connections_in_use{job="mainframe-gateway"} / ctg_gateway_max_connections{job="mainframe-gateway"})'
  payments-service:
    team: payments
    tier: 1
    channel: "#payments-live"
    owners: ["S07PAY"]
    depends_on: [payments-db, payments-mq, fraud-scoring]
  ledger-posting-consumer:
    team: payments
    tier: 1
    channel: "#payments-live"
    depends_on: [payments-mq, mainframe-gateway]
  cards-service:
    team: cards
    tier: 1
    channel: "#cards-ops"
    depends_on: [cards-db, cardlink-processor, events-kafka]
  fraud-scoring:
    team: fincrime-tech
    tier: 1
    depends_on: [events-kafka]
  openbanking-api:
    team: open-banking
    tier: 1
    channel: "#ob-support"
    depends_on: [consent-service, accounts-service, finmesh-aggregator]
  consent-service:
    team: open-banking
    tier: 2
    depends_on: [consent-db]
  customer-profile:
    team: customer-data
    tier: 2
    depends_on: [customer-db]
  notification-service:
    team: digital-channels
    tier: 2
    depends_on: [events-kafka, textlane-sms]
  statements-batch:
    team: cards
    tier: 3
    depends_on: [cards-db, core-banking]
  payments-db:
    kind: datastore
    team: dba-oracle
    signals:
      cpu_utilisation: 'avg(oracledb_host_cpu_utilization{instance=~"pay-ora-0[12].*"}) / 100'
      saturation: 'max(oracledb_sessions_value{instance=~"pay-ora-.*"} / oracledb_resource_limit_value{resource="sessions"})'
  consent-db: {kind: datastore, team: dba-oracle}
  customer-db: {kind: datastore, team: dba-oracle}
  cards-db:
    kind: datastore
    team: dba-db2
    signals:
      saturation: 'max(db2_tablespace_used_ratio{database="CARDSP"})'
  core-banking: {kind: datastore, team: mainframe-ops}
  session-cache: {kind: datastore}
  payments-mq:
    kind: queue
    team: middleware
    signals:
      saturation: 'max(ibmmq_queue_depth{qmgr="QMPAY01",queue="FNB.PAY.POSTING.IN"} / ibmmq_queue_max_depth{qmgr="QMPAY01",queue="FNB.PAY.POSTING.IN"})'
  events-kafka:
    kind: queue
    team: middleware
  cardlink-processor: {kind: external}
  finmesh-aggregator: {kind: external}
  textlane-sms: {kind: external}
  f5-ltm: {kind: infrastructure, team: network-services}
  infoblox-dns: {kind: infrastructure, team: network-services}
  ocp-router: {kind: infrastructure, team: openshift-platform}
  ocp-worker-pool: {kind: infrastructure, team: openshift-platform}
  odf-storage: {kind: infrastructure, team: openshift-platform}
"""

BANK_BASE = {
    "mobile-bff": _b(420, 0.003, 0.65, 0.35, 0.58, 0.2),
    "web-bff": _b(160, 0.002, 0.7, 0.28, 0.61, 0.18),
    "customer-auth": _b(95, 0.004, 0.45, 0.3, 0.55, 0.22),
    "otp-service": _b(11, 0.006, 1.2, 0.08, 0.42, 0.05),
    "accounts-service": _b(380, 0.002, 0.5, 0.33, 0.63, 0.27),
    "mainframe-gateway": _b(520, 0.001, 0.35, 0.41, 0.57, 0.38),
    "payments-service": _b(38, 0.003, 0.9, 0.29, 0.66, 0.24),
    "ledger-posting-consumer": _b(36, 0.001, 0.28, 0.22, 0.52, 0.3),
    "cards-service": _b(210, 0.002, 0.42, 0.36, 0.6, 0.25),
    "fraud-scoring": _b(250, 0.001, 0.09, 0.47, 0.7),
    "openbanking-api": _b(70, 0.004, 0.8, 0.22, 0.5, 0.15),
    "consent-service": _b(85, 0.001, 0.06, 0.18, 0.47, 0.16),
    "customer-profile": _b(140, 0.001, 0.11, 0.24, 0.55, 0.21),
    "notification-service": _b(60, 0.002, 0.2, 0.16, 0.44, 0.1),
    "payments-db": _b(900, 0.0, 0.006, 0.38, 0.74, 0.31),
    "consent-db": _b(260, 0.0, 0.004, 0.21, 0.68, 0.18),
    "customer-db": _b(410, 0.0, 0.005, 0.29, 0.7, 0.27),
    "cards-db": _b(620, 0.0, 0.008, 0.33, 0.66, 0.22),
    "payments-mq": _b(38, 0.0, 0.05, 0.12, 0.3, 0.01),
    "events-kafka": _b(1400, 0.0, 0.012, 0.27, 0.55, 0.04),
}


def _jstack(exc, frames):
    return exc + "".join("\n\tat " + f for f in frames)


def _spring(logger, *msgs):
    def f(r):
        m = r.choice(msgs)
        m = m.replace("{n}", str(r.randint(2, 90))).replace("{ms}", str(r.randint(4, 400))).replace("{acct}", "%08d" % r.randint(0, 99999999))
        m = m.replace("{ref}", "FNB%010d" % r.randint(0, 9999999999)).replace("{cid}", "C%09d" % r.randint(0, 999999999))
        return (m, {"logger": logger, "process": {"thread": {"name": r.choice(["http-nio-8080-exec-%d" % r.randint(1, 200), "task-%d" % r.randint(1, 16)])}},
                    "trace": {"id": _trace(r)}})
    return f


def _pino(*paths):
    def f(r):
        p = r.choice(paths).replace("{acct}", "%08d" % r.randint(0, 99999999))
        return ("request completed", {"logger": "mobile-bff", "http": {"request": {"method": "GET" if "/payments" not in p else "POST"}, "response": {"status_code": 200}},
                                      "url": {"path": p}, "event": {"duration": r.randint(20, 500) * 1000000}})
    return f


def _hap_t(r):
    tr = r.randint(20, 400)
    return tr, tr + r.randint(0, 4)


BANK_ROUTINE = {
    "mobile-bff": [_pino("/v4/accounts", "/v4/accounts/{acct}/transactions?page=1", "/v4/cards", "/v4/profile", "/v4/payments/domestic"),
                   _spring("mobile-bff", "refreshed feature toggles (37 keys)", "upstream keepalive sockets free={n}")],
    "web-bff": [_spring("c.f.web.bff.RequestLoggingFilter", "GET /api/accounts 200 {ms}ms", "GET /api/accounts/{acct}/transactions 200 {ms}ms",
                        "POST /api/payments/domestic 201 {ms}ms", "GET /api/profile 200 {ms}ms")],
    "customer-auth": [_spring("c.f.iam.login.LoginService", "login ok customer={cid} channel=MOBILE method=BIOMETRIC", "login ok customer={cid} channel=WEB method=PASSWORD_OTP",
                              "step-up challenge issued customer={cid} method=SMS_OTP", "session refreshed customer={cid}")],
    "otp-service": [_spring("c.f.otp.SmsOtpSender", "OTP dispatched ref={ref} provider=textlane status=ACCEPTED latency={ms}ms",
                            "OTP verified ref={ref} attempts=1")],
    "accounts-service": [_spring("c.f.accounts.BalanceController", "GET /accounts/{acct}/balance 200 {ms}ms", "GET /accounts?customer={cid} 200 {ms}ms",
                                 "GET /accounts/{acct}/transactions 200 {ms}ms")],
    "mainframe-gateway": [_spring("c.f.mfgw.EciInvoker", "ECI call program=FNBBAL01 tran=BL01 rc=0 elapsed={ms}ms region=CICSPRD1",
                                  "ECI call program=FNBTXN02 tran=TX02 rc=0 elapsed={ms}ms region=CICSPRD2", "CTG pool: inUse={n} max=200")],
    "payments-service": [_spring("c.f.payments.api.PaymentController", "payment accepted ref={ref} scheme=FPS amount=GBP {n}.00",
                                 "payment accepted ref={ref} scheme=FPS amount=GBP {n}0.00", "put to FNB.PAY.POSTING.IN msgId=414d5120514d50415930312{n}",
                                 "fraud score ref={ref} score=0.0{n} decision=ALLOW")],
    "ledger-posting-consumer": [_spring("c.f.posting.PostingListener", "posted ref={ref} to core (FNBPST01 rc=0) in {ms}ms",
                                        "committed batch of {n} postings, queue depth now {n}")],
    "cards-service": [_spring("c.f.cards.auth.AuthorisationHandler", "auth request stan={n}{n}{n} mcc=5411 amount=GBP {n}.{n} -> APPROVED (00)",
                              "auth request stan={n}{n}{n} mcc=5812 amount=GBP {n}.{n} -> APPROVED (00)", "card freeze toggled card=****{n}{n} by customer={cid}")],
    "fraud-scoring": [lambda r: ('INFO:     10.128.%d.%d:%d - "POST /v1/score HTTP/1.1" 200 OK' % (r.randint(0, 20), r.randint(2, 250), r.randint(30000, 60000)), {"logger": "uvicorn.access"}),
                      lambda r: ("consumer lag card.auth.events partition=%d lag=%d" % (r.randint(0, 11), r.randint(0, 40)), {"logger": "fraud.consumer"})],
    "openbanking-api": [_spring("c.f.ob.aisp.AccountAccessController", "GET /open-banking/v3.1/aisp/accounts 200 tpp=0015800001ZEZ{n} {ms}ms",
                                "GET /open-banking/v3.1/aisp/accounts/{acct}/balances 200 {ms}ms", "aggregator sync ok provider=finmesh connections={n}")],
    "consent-service": [_spring("c.f.consent.ConsentRepository", "consent lookup id=aac-{n}{n}{n} status=Authorised {ms}ms", "consent created id=aac-{n}{n}{n}")],
    "customer-profile": [_spring("c.f.profile.ProfileController", "GET /profiles/{cid} 200 {ms}ms", "PATCH /profiles/{cid}/contact 204 {ms}ms")],
    "notification-service": [_spring("c.f.notify.EventRouter", "routed event type=PAYMENT_SENT to channel=PUSH", "routed event type=CARD_DECLINED to channel=SMS",
                                     "push delivered apns messages={n}")],
    "statements-batch": [_spring("o.s.batch.core.step.AbstractStep", "Step: [readCardAccounts] processed chunk of 500 items in {ms}ms",
                                 "Step: [renderStatements] processed chunk of 200 items in {ms}ms")],
    "ocp-router": [lambda r: ("%d.%d.%d.%d:%d [%s] public~be_edge_http:fnb-digital:mobile-bff/pod:mobile-bff-6c9d7f8b5-%s:mobile-bff:8080:10.128.%d.%d:8080 0/0/1/%d/%d 200 %d - - --NI %d/%d/%d/%d/0 0/0 \"GET /v4/accounts HTTP/1.1\""
                              % (10, 40, r.randint(0, 3), r.randint(2, 250), r.randint(30000, 60000), "-", _gid(r), r.randint(0, 20), r.randint(2, 250),
                                 *_hap_t(r), r.randint(400, 9000), r.randint(300, 800), r.randint(300, 800), r.randint(30, 90), r.randint(1, 9)),
                              {"logger": "haproxy"})],
    "f5-ltm": [lambda r: ("%s ltm-dc1-ext-01 info tmm%d[22134]: Rule /Common/irule_fnb_hsts <HTTP_RESPONSE>: HSTS header inserted vs=vs_mobile_api_443 client=%d.%d.%d.%d"
                          % ("Jul  7 07:%02d:%02d" % (r.randint(15, 59), r.randint(0, 59)), r.randint(0, 3), r.choice([81, 86, 92, 109]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)),
                          {"logger": "tmm"}),
               lambda r: ("Jul  7 07:%02d:%02d ltm-dc1-ext-01 notice mcpd[7712]: 01070727:5: Pool /Common/pool_ocp_router_443 member /Common/10.40.8.%d:443 monitor status up."
                          % (r.randint(15, 59), r.randint(0, 59), r.randint(11, 14)), {"logger": "mcpd"})],
    "ocp-worker-pool": [_msg("Node ocp-prod-dc1-w0{n} status is now: NodeReady", "Successfully pulled image for pod in namespace fnb-{g}", logger="kubernetes.event")],
    "odf-storage": [_msg("pgmap v{n}8812: 417 pgs: 417 active+clean; 2.{n} TiB data, 7.1 TiB used, 16 TiB / 23 TiB avail", logger="ceph-mgr")],
}

BANK_HOSTS = {s: _pod(s, rs) for s, rs in [
    ("mobile-bff", "6c9d7f8b5"), ("web-bff", "5b7c9d6f8"), ("customer-auth", "7d8f6c5b9"), ("otp-service", "6f5b8d7c9"),
    ("accounts-service", "84c7d9f6b"), ("mainframe-gateway", "5c9f7b6d8"), ("payments-service", "7b6d9c8f5"),
    ("ledger-posting-consumer", "6d8c7f9b5"), ("cards-service", "5f7b9c8d6"), ("fraud-scoring", "7c9d5b6f8"),
    ("openbanking-api", "6b8f9d7c5"), ("consent-service", "5d9c8b7f6"), ("customer-profile", "7f8d6b9c5"),
    ("notification-service", "6c5f9b8d7")]}
BANK_HOSTS["statements-batch"] = lambda r: "statements-batch-2902%d-%s" % (r.randint(10, 11), _gid(r))
BANK_HOSTS["ocp-router"] = lambda r: "router-default-5f7d6c9b8-%s" % _gid(r)
BANK_HOSTS["f5-ltm"] = "ltm-dc1-ext-01.net.fenmoor.internal"

BANK = {
    "catalog_text": BANK_CATALOG,
    "baselines": BANK_BASE,
    "routine": BANK_ROUTINE,
    "hosts": BANK_HOSTS,
    "diurnal_amp": 0.45,
    "diurnal_phase": -0.6,
    "lower_levels": False,
    "receiver": "fnb-sre-opsgenie",
    "alert_labels": {"env": "prod", "datacenter": "dc1", "openshift_cluster": "ocp-prod-dc1"},
    "group_by": ["env", "openshift_cluster"],
    "route_matcher": 'env="prod"',
    "am_url": "https://alertmanager.apps.ocp-prod-dc1.fenmoor.internal",
    "gen_url": "https://thanos.apps.ocp-prod-dc1.fenmoor.internal/graph?g0.expr=ALERTS%%7Balertname%%3D%%22%s%%22%%7D",
}

BANK_PEOPLE = ["g.harrison", "priya.natarajan", "d.mcallister", "e.oduya", "tomasz.wrobel", "fiona.reid", "j.ashworth",
               "k.baptiste", "l.fairbairn", "mo.rahman", "s.quinlan"]


def bank_background(s, picks):
    for (svc, mb, ver, prev, ai, desc, kind) in picks:
        s.deploy(svc, kind, ver, prev, -mb, min(s.rng.choice([4, 6, 8, 11]), max(0.5, mb * 0.3)), BANK_PEOPLE[ai % len(BANK_PEOPLE)], desc,
                 id="CHG%07d" % (41000 + (int(mb * 13) + sum(map(ord, svc))) % 9000))


def B(folder, name, now, minutes, step, seed):
    return Scenario(BANK, folder, name, now, minutes, step, seed)


def jerr(r, logger, msg, stack, etype):
    return (msg, {"logger": logger, "stack": stack, "etype": etype,
                  "process": {"thread": {"name": "http-nio-8080-exec-%d" % r.randint(1, 200)}}, "trace": {"id": _trace(r)}})

# ----------------------------------------------------------------------------- bank scenarios

ORA_STACK = ["oracle.jdbc.driver.T4CConnection.logon(T4CConnection.java:829)",
             "oracle.jdbc.driver.PhysicalConnection.connect(PhysicalConnection.java:793)",
             "oracle.jdbc.driver.T4CDriverExtension.getConnection(T4CDriverExtension.java:57)",
             "com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:364)"]


def b01():
    s = B("FNB-PIR-2026-014-dns-resolution", "Multiple payment and login failures, Tuesday morning", "2026-02-24T09:40:00Z", 45, 30, 201)
    s.routine({"payments-service": 4, "customer-auth": 4, "consent-service": 2, "ledger-posting-consumer": 3, "cards-service": 3,
               "mobile-bff": 5, "web-bff": 3})
    bank_background(s, [("web-bff", 16, "2026.02.24.1", "2026.02.20.3", 5, "Accessibility fixes on payee screens (WCAG 2.2)", "deploy"),
                        ("customer-profile", 120, "4.3.1", "4.3.0", 2, "Marketing prefs endpoint", "deploy"),
                        ("cards-service", 1300, "7.11.0", "7.10.2", 7, "Virtual card reveal", "deploy")])
    on = -13
    for svc, err, lat in [("payments-service", 0.11, 3.2), ("customer-auth", 0.09, 2.6), ("consent-service", 0.14, 1.1),
                          ("ledger-posting-consumer", 0.2, 1.4), ("cards-service", 0.05, 1.8), ("customer-profile", 0.08, 1.0)]:
        st = on + s.rng.uniform(0, 2)
        s.effect(svc, "error_ratio", st, "set", err, ramp=120)
        s.effect(svc, "latency_p99_seconds", st, "set", lat, ramp=120)
    s.effect("ledger-posting-consumer", "request_rate", on + 1, "mul", 0.6, ramp=120)
    s.effect("payments-mq", "saturation", on + 2, "set", 0.12, ramp=600)
    s.effect("mobile-bff", "error_ratio", on + 1.5, "set", 0.04, ramp=120)
    s.effect("web-bff", "error_ratio", on + 1.5, "set", 0.035, ramp=120)
    s.burst("payments-service", "ERROR", lambda r: jerr(r, "com.zaxxer.hikari.pool.HikariPool",
            "HikariPool-1 - Exception during pool initialization / add connection: IO Error: Unknown host specified : pay-ora-scan.db.fenmoor.internal: Name or service not known",
            _jstack("java.sql.SQLRecoverableException: IO Error: Unknown host specified ", ORA_STACK), "java.sql.SQLRecoverableException"), on, 0, 3)
    s.burst("customer-auth", "ERROR", lambda r: jerr(r, "c.f.iam.login.LoginService", "login failed for customer C%09d: could not obtain JDBC connection" % r.randint(0, 999999999),
            _jstack("java.net.UnknownHostException: cust-ora-scan.db.fenmoor.internal: Temporary failure in name resolution",
                    ["java.base/java.net.Inet6AddressImpl.lookupAllHostAddr(Native Method)", "java.base/java.net.InetAddress$PlatformNameService.lookupAllHostAddr(InetAddress.java:933)",
                     "oracle.net.nt.TcpNTAdapter.connect(TcpNTAdapter.java:171)"]), "java.net.UnknownHostException"), on + 0.5, 0, 3)
    s.burst("ledger-posting-consumer", "ERROR", lambda r: jerr(r, "o.s.jms.listener.DefaultMessageListenerContainer",
            "Could not refresh JMS Connection for destination 'FNB.PAY.POSTING.IN' - retrying using FixedBackOff{interval=5000, currentAttempts=%d, maxAttempts=unlimited}. Cause: JMSWMQ0018: Failed to connect to queue manager 'QMPAY01' with connection mode 'Client' and host name 'mqpay01.mq.fenmoor.internal(1414)'." % r.randint(1, 40),
            "com.ibm.mq.MQException: JMSCMQ0001: IBM MQ call failed with compcode '2' ('MQCC_FAILED') reason '2538' ('MQRC_HOST_NOT_AVAILABLE').", "com.ibm.msg.client.jms.DetailedIllegalStateException"), on + 1, 0, 2)
    s.burst("cards-service", "WARN", lambda r: ("Couldn't resolve server kafka-bootstrap.events.fenmoor.internal:9093 from bootstrap.servers as DNS resolution failed for kafka-bootstrap.events.fenmoor.internal",
                                                {"logger": "org.apache.kafka.clients.ClientUtils"}), on + 0.3, 0, 2)
    s.burst("consent-service", "ERROR", lambda r: jerr(r, "o.h.engine.jdbc.spi.SqlExceptionHelper", "IO Error: Unknown host specified : consent-ora-scan.db.fenmoor.internal",
            "java.sql.SQLRecoverableException: IO Error: Unknown host specified", "java.sql.SQLRecoverableException"), on + 1, 0, 2)
    s.alert("PaymentSubmissionErrors", "payments-service", -9, severity="P2", summary="Payment submission 5xx > 5% for 5m", labels={"team": "payments", "namespace": "fnb-payments"})
    s.alert("LoginFailureRateHigh", "customer-auth", -8, severity="P2", summary="Customer login failure ratio 9%", labels={"team": "identity-access", "namespace": "fnb-iam"})
    s.alert("PostingConsumerReconnecting", "ledger-posting-consumer", -7, severity="P3", summary="JMS listener reconnect loop", labels={"team": "payments"})
    s.alert("ConsentLookupErrors", "consent-service", -6, severity="P3", summary="consent-service errors > 10%", labels={"team": "open-banking"})
    random_gaps(s, ["notification-service", "events-kafka", "fraud-scoring"], 2)
    s.description = """
Major incident bridge opened 09:33. Payments, logins, open-banking consent lookups and the posting
consumer all failing intermittently from roughly the same minute. Web BFF release went in just
before. Errors are partial, not total.
"""
    s.expected = {"cause": "infrastructure", "culprit": "infoblox-dns"}
    return s


def b02():
    s = B("FNB-PIR-2026-031-payday-mainframe-pool", "Payday morning: balances slow, CTG pool exhausted", "2026-04-24T07:25:00Z", 50, 15, 202)
    s.routine({"mobile-bff": 10, "accounts-service": 5, "mainframe-gateway": 5, "customer-auth": 3, "ocp-router": 4})
    bank_background(s, [("accounts-service", 900, "6.2.0", "6.1.4", 3, "Pending transactions in balance response", "deploy"),
                        ("mobile-bff", 1020, "11.8.0", "11.7.2", 0, "Payday savings nudge banner", "deploy"),
                        ("notification-service", 300, "3.1.2", "3.1.1", 9, "APNS cert rotation", "config")])
    on = -22
    s.effect("mobile-bff", "request_rate", on, "mul", 3.6, ramp=300)
    s.effect("mobile-bff", "cpu_utilisation", on, "set", 0.76, ramp=300)
    s.effect("customer-auth", "request_rate", on, "mul", 3.3, ramp=300)
    s.effect("accounts-service", "request_rate", on + 0.5, "mul", 3.4, ramp=300)
    s.effect("mainframe-gateway", "request_rate", on + 0.5, "mul", 2.6, ramp=300)
    s.effect("mainframe-gateway", "saturation", on + 2, "set", 1.0, ramp=360)
    s.effect("mainframe-gateway", "latency_p99_seconds", on + 4, "set", 5.5, ramp=300)
    s.effect("mainframe-gateway", "error_ratio", on + 6, "set", 0.08, ramp=300)
    s.effect("accounts-service", "latency_p99_seconds", on + 5, "set", 6.0, ramp=300)
    s.effect("accounts-service", "error_ratio", on + 6, "set", 0.1, ramp=300)
    s.effect("accounts-service", "saturation", on + 5, "set", 0.95, ramp=300)
    s.effect("mobile-bff", "error_ratio", on + 7, "set", 0.06, ramp=300)
    s.burst("mainframe-gateway", "WARN", _spring("c.f.mfgw.EciInvoker", "CTG pool: inUse=200 max=200 waiters={n}", "ECI call program=FNBBAL01 tran=BL01 rc=0 elapsed={n}00ms region=CICSPRD1"), on + 3, 0, 5)
    s.burst("mainframe-gateway", "ERROR", lambda r: jerr(r, "c.f.mfgw.EciInvoker", "ECI request failed program=FNBBAL01: ECI_ERR_RESOURCE_SHORTAGE (-16), gateway connection not available within 5000ms",
            _jstack("com.ibm.ctg.client.exceptions.GatewayException: CTG6900E: No connection available in pool 'CICSPRD' (max=200)",
                    ["com.ibm.ctg.client.JavaGateway.flow(JavaGateway.java:702)", "c.f.mfgw.EciInvoker.call(EciInvoker.java:118)"]), "com.ibm.ctg.client.exceptions.GatewayException"), on + 6, 0, 3)
    s.burst("accounts-service", "ERROR", lambda r: jerr(r, "c.f.accounts.BalanceController", "GET /accounts/%08d/balance failed: 504 from mainframe-gateway after 8000ms" % r.randint(0, 99999999),
            "org.springframework.web.client.HttpServerErrorException$GatewayTimeout: 504 Gateway Timeout", "org.springframework.web.client.HttpServerErrorException$GatewayTimeout"), on + 6, 0, 4)
    s.burst("mobile-bff", "INFO", _pino("/v4/accounts", "/v4/accounts/{acct}/transactions?page=1"), on, 0, 12)
    s.alert("CTGConnectionPoolExhausted", "mainframe-gateway", -16, severity="P2", summary="CICS TG connection pool at 100% for 3m", labels={"team": "core-integration"})
    s.alert("CICSRegionTaskLoadHigh", "core-banking", -12, severity="P3", summary="CICSPRD1 tasks at 92% of MXT", labels={"team": "mainframe-ops", "region": "CICSPRD1"})
    s.alert("AccountsBalanceLatencyHigh", "accounts-service", -11, severity="P2", summary="balance p99 > 3s", labels={"team": "core-integration"})
    s.alert("MobileErrorBudgetBurn", "mobile-bff", -6, severity="P2", summary="mobile availability SLO fast burn", labels={"team": "digital-channels", "slo": "mobile-availability"})
    s.description = """
Payday (salaries land overnight). From just after 07:00 the CICS Transaction Gateway pool went to
100% and balance calls started timing out. Mainframe ops were paged for task load on the CICS
region. Nothing was deployed this morning.
"""
    s.expected = {"cause": "traffic_surge", "culprit": "mobile-bff"}
    return s


def b03():
    s = B("FNB-PIR-2026-022-card-provisioning", "Apple Pay provisioning and card controls failing", "2026-03-14T13:05:00Z", 40, 15, 203)
    s.routine({"cards-service": 6, "mobile-bff": 5, "customer-profile": 2, "fraud-scoring": 3})
    bank_background(s, [("fraud-scoring", 200, "model-2026.03.2", "model-2026.03.1", 4, "Retrained GBM (weekly)", "deploy"),
                        ("mobile-bff", 1500, "11.5.1", "11.5.0", 0, "Crash fix on Android 15", "deploy")])
    on = -14
    host = "api.cardlink-processing.com"
    s.effect("cards-service", "error_ratio", on, "set", 0.27, ramp=60)
    s.effect("cards-service", "latency_p99_seconds", on, "set", 15.0, ramp=90)
    s.effect("cards-service", "saturation", on, "set", 0.88, ramp=120)
    s.effect("cards-service", "request_rate", on, "mul", 0.55, ramp=120)
    s.effect("fraud-scoring", "request_rate", on + 1, "mul", 0.6, ramp=180)
    s.effect("mobile-bff", "error_ratio", on + 1, "set", 0.03, ramp=120)
    s.effect("customer-profile", "latency_p99_seconds", -30, "mul", 4.0, ramp=20, end=-27)
    s.effect("customer-profile", "cpu_utilisation", -30, "set", 0.85, ramp=20, end=-27)
    s.burst("customer-profile", "WARN", _spring("c.f.profile.ProfileController", "GC pause (G1 Evacuation Pause) {n}0ms"), -30, -27, 3)
    s.burst("cards-service", "ERROR", lambda r: jerr(r, "c.f.cards.tokens.ProvisioningClient",
            'I/O error on POST request for "https://%s/v2/tokens/provision": Read timed out; nested exception is java.net.SocketTimeoutException: Read timed out' % host,
            _jstack("org.springframework.web.client.ResourceAccessException: I/O error on POST request for \"https://%s/v2/tokens/provision\": Read timed out" % host,
                    ["org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)", "c.f.cards.tokens.ProvisioningClient.provision(ProvisioningClient.java:84)"]),
            "org.springframework.web.client.ResourceAccessException"), on, 0, 4)
    s.burst("cards-service", "ERROR", lambda r: jerr(r, "c.f.cards.controls.CardControlsClient",
            "card control update failed card=****%04d: 503 Service Unavailable from https://%s/v2/cards/controls: [no body]" % (r.randint(0, 9999), host),
            "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: 503 Service Unavailable", "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable"), on + 0.5, 0, 3)
    s.burst("cards-service", "WARN", _spring("c.f.cards.auth.AuthorisationHandler", "no authorisation traffic from cardlink on ISO link FNB-CL-01 for {n}s"), on + 2, 0, 1)
    s.alert("CardControlsFailureRate", "cards-service", -9, severity="P2", summary="card controls / provisioning failures > 20%", labels={"team": "cards"})
    s.alert("MobileCardsJourneyErrors", "mobile-bff", -7, severity="P3", summary="/v4/cards errors elevated", labels={"team": "digital-channels"})
    s.alert("ProfileLatencyHigh", "customer-profile", -28, severity="P4", status="resolved", end=-25, summary="profile p99 > 400ms", labels={"team": "customer-data"})
    s.description = """
Saturday lunchtime. Customers can't add cards to Apple/Google Pay or freeze cards from the app;
authorisation volume arriving over the processor link also dropped. Cards on-call paged.
"""
    s.expected = {"cause": "external", "culprit": "cardlink-processor"}
    return s


def b04():
    s = B("FNB-PIR-2026-040-ob-aggregator", "Open banking account sync failures after release", "2026-05-19T11:20:00Z", 50, 20, 204)
    s.routine({"openbanking-api": 6, "consent-service": 3, "accounts-service": 3, "mobile-bff": 4})
    bank_background(s, [("openbanking-api", 18, "3.14.0", "3.13.2", 6, "FAPI 1.0 Advanced: PAR endpoint + logging of x-fapi-interaction-id", "deploy"),
                        ("consent-service", 160, "2.8.3", "2.8.2", 6, "Consent expiry job timing", "deploy"),
                        ("accounts-service", 210, "6.3.1", "6.3.0", 3, "Overdraft limit in balance", "deploy")])
    s.effect("openbanking-api", "cpu_utilisation", -17, "mul", 1.6, ramp=30, end=-14)
    s.log("openbanking-api", "INFO", "Started ObApiApplication in 41.203 seconds (process running for 44.9)", s.T(-15.5), logger="c.f.ob.ObApiApplication")
    on = -11
    host = "api.finmesh.io"
    s.effect("openbanking-api", "error_ratio", on, "set", 0.26, ramp=90)
    s.effect("openbanking-api", "latency_p99_seconds", on, "set", 30.0, ramp=90)
    s.effect("openbanking-api", "saturation", on, "set", 0.8, ramp=120)
    s.burst("openbanking-api", "ERROR", lambda r: r.choice([
        jerr(r, "c.f.ob.sync.FinmeshClient", "aggregator sync failed provider=finmesh connection=con_%s" % _gid(r, 10),
             _jstack("org.springframework.web.reactive.function.client.WebClientRequestException: Connection reset by peer; nested exception is io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer",
                     ["reactor.netty.http.client.HttpClientConnect$HttpObserver.onUncaughtException(HttpClientConnect.java:403)"]), "WebClientRequestException"),
        jerr(r, "c.f.ob.sync.FinmeshClient", "aggregator sync failed provider=finmesh: 504 GATEWAY_TIMEOUT from POST https://%s/v2/connections/refresh" % host,
             "org.springframework.web.reactive.function.client.WebClientResponseException$GatewayTimeout: 504 Gateway Timeout from POST https://%s/v2/connections/refresh" % host, "WebClientResponseException"),
    ]), on, 0, 6)
    s.burst("openbanking-api", "INFO", _spring("c.f.ob.fapi.InteractionLogger", "x-fapi-interaction-id=%s tpp=0015800001ZEZ{n} status=200" % "93bac548-d2de-4546-b106-880a5018460d"), -15, 0, 3)
    s.alert("OBAggregatorSyncFailures", "openbanking-api", -7, severity="P2", summary="Finmesh sync failures > 20%", labels={"team": "open-banking"})
    s.alert("OBApiAvailabilitySLO", "openbanking-api", -5, severity="P2", summary="OB API availability below 99.5% (regulatory KPI)", labels={"team": "open-banking", "slo": "ob-availability"})
    random_gaps(s, ["cards-service", "events-kafka", "customer-auth"], 2)
    s.description = """
The open-banking API release went out at 11:02. Around ten minutes later account syncs through the
aggregator started failing and timing out. The change owner was asked to roll back.
"""
    s.expected = {"cause": "external", "culprit": "finmesh-aggregator"}
    return s


def b05():
    s = B("FNB-PIR-2026-047-payments-refer", "Payments declined / referred, mobile payment journey degraded", "2026-06-09T12:40:00Z", 60, 20, 205)
    s.routine({"payments-service": 6, "fraud-scoring": 6, "mobile-bff": 4, "customer-auth": 2})
    bank_background(s, [("fraud-scoring", 21, "model-2026.06.1", "model-2026.05.4", 4, "New GBM with device-graph features (FC-1190)", "deploy"),
                        ("mobile-bff", 70, "11.12.0", "11.11.3", 0, "Saved payees search", "deploy"),
                        ("customer-auth", 8, "auth-cfg-r233", "auth-cfg-r232", 1, "Raise biometric session TTL to 10m", "config"),
                        ("statements-batch", 600, "1.9.0", "1.8.5", 7, "PDF/A-3 output", "deploy")])
    s.effect("fraud-scoring", "memory_utilisation", -19, "set", 0.86, ramp=120)
    on = -18
    s.effect("fraud-scoring", "latency_p99_seconds", on, "set", 2.7, ramp=120)
    s.effect("fraud-scoring", "cpu_utilisation", on, "set", 0.93, ramp=120)
    s.effect("payments-service", "latency_p99_seconds", on + 1, "set", 2.4, ramp=120)
    s.effect("payments-service", "error_ratio", on + 1, "set", 0.19, ramp=150)
    s.effect("mobile-bff", "error_ratio", on + 2, "set", 0.03, ramp=150)
    s.effect("customer-auth", "latency_p99_seconds", -55, "osc", (0.35, 540), ramp=10)
    s.burst("fraud-scoring", "INFO", lambda r: ("scored txn in %dms model=gbm-2026.06.1 features=412 device_graph_lookups=%d" % (r.randint(1400, 2900), r.randint(30, 80)), {"logger": "fraud.model"}), on, 0, 5)
    s.burst("fraud-scoring", "INFO", lambda r: ("scored txn in %dms model=gbm-2026.05.4 features=188" % r.randint(20, 80), {"logger": "fraud.model"}), -60, on - 2, 3)
    s.log("fraud-scoring", "INFO", "loaded model gbm-2026.06.1 from s3://fnb-models/fraud/gbm-2026.06.1.bin (412 features)", s.T(-19.3), logger="fraud.model")
    s.burst("payments-service", "WARN", lambda r: ("fraud-scoring call timed out after 2000ms ref=FNB%010d; applying REFER policy" % r.randint(0, 9999999999),
                                                   {"logger": "c.f.payments.fraud.FraudClient"}), on + 1, 0, 5)
    s.burst("payments-service", "ERROR", lambda r: jerr(r, "c.f.payments.api.PaymentController", "payment submission failed ref=FNB%010d" % r.randint(0, 9999999999),
            _jstack("io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'fraudScoring' is OPEN and does not permit further calls",
                    ["io.github.resilience4j.circuitbreaker.CallNotPermittedException.createCallNotPermittedException(CallNotPermittedException.java:48)"]),
            "io.github.resilience4j.circuitbreaker.CallNotPermittedException"), on + 3, 0, 3)
    s.alert("PaymentSubmissionErrors", "payments-service", -12, severity="P2", summary="Payment submission 5xx > 5% for 5m", labels={"team": "payments"})
    s.alert("MobilePaymentJourneyDegraded", "mobile-bff", -10, severity="P2", summary="mobile payment journey success < 95%", labels={"team": "digital-channels", "journey": "domestic-payment"})
    s.alert("LoginLatencyHigh", "customer-auth", -3, severity="P4", summary="login p99 > 700ms", labels={"team": "identity-access"})
    s.description = """
Lunchtime. Customers reported payments stuck "under review". Payments and mobile alerts paged; the
login latency warning has been flapping for most of the day. An auth config change went in a few
minutes ago.
"""
    s.expected = {"cause": "deploy", "culprit": "fraud-scoring"}
    return s


def b06():
    s = B("FNB-PIR-2026-052-posting-backlog", "FNB.PAY.POSTING.IN depth climbing at month end", "2026-06-30T16:10:00Z", 60, 30, 206)
    s.omit.add("logs")
    bank_background(s, [("ledger-posting-consumer", 35, "3.4.0", "3.3.7", 2, "Per-message audit write to CORE.AUDIT before ack (AUD-77)", "deploy"),
                        ("notification-service", 10, "3.2.0", "3.1.2", 9, "SMS templates for month-end statements", "deploy"),
                        ("payments-service", 260, "8.1.2", "8.1.1", 8, "CoP response caching", "deploy")])
    s.effect("payments-service", "request_rate", -60, "mul", 1.1, ramp=600)
    s.effect("payments-mq", "request_rate", -60, "mul", 1.1, ramp=600)
    on = -32
    s.effect("ledger-posting-consumer", "request_rate", on, "mul", 0.42, ramp=120)
    s.effect("ledger-posting-consumer", "latency_p99_seconds", on, "set", 1.9, ramp=120)
    s.effect("ledger-posting-consumer", "saturation", on, "set", 0.96, ramp=120)
    s.effect("mainframe-gateway", "request_rate", on, "mul", 0.85, ramp=120)
    s.effect("payments-mq", "saturation", on + 1, "set", 0.71, ramp=31 * 60)
    s.effect("payments-mq", "latency_p99_seconds", on + 1, "set", 1500, ramp=31 * 60)
    s.alert("IBMMQQueueDepthHigh", "payments-mq", -12, severity="P2", summary="QMPAY01 FNB.PAY.POSTING.IN depth > 60% of MAXDEPTH",
            labels={"team": "middleware", "qmgr": "QMPAY01", "queue": "FNB.PAY.POSTING.IN"})
    s.alert("PostingLagSLO", "ledger-posting-consumer", -6, severity="P2", summary="oldest unposted payment > 15m", labels={"team": "payments"})
    random_gaps(s, ["consent-service", "cards-db"], 2)
    s.description = """
Month-end afternoon. Middleware paged on queue depth for the posting queue; balances in the app lag
payments by 20+ minutes. The log pipeline for the payments namespace was being migrated that day,
so no application logs are available for the window.
"""
    s.expected = {"cause": "deploy", "culprit": "ledger-posting-consumer"}
    return s


def b07():
    s = B("FNB-PIR-2026-055-android-traffic-drop", "Mobile traffic down ~30%, no errors", "2026-07-07T08:15:00Z", 60, 30, 207)
    s.routine({"mobile-bff": 6, "customer-auth": 3, "f5-ltm": 1, "ocp-router": 3})
    bank_background(s, [("f5-ltm", 24, "clientssl-mobile-v14", "clientssl-mobile-v13", 3,
                         "SEC-4410: client-ssl profile on vs_mobile_api_443 - ECDHE/AES-GCM only, remove CBC suites", "config"),
                        ("mobile-bff", 40, "11.14.2", "11.14.1", 0, "Copy change on onboarding", "deploy"),
                        ("customer-auth", 200, "9.2.0", "9.1.6", 1, "Passkey enrolment (beta)", "deploy")])
    s.deploys[0]["id"] = "CHG0043318"
    on = -23
    s.effect("mobile-bff", "request_rate", on, "mul", 0.69, ramp=90)
    s.effect("customer-auth", "request_rate", on, "mul", 0.78, ramp=90)
    s.effect("accounts-service", "request_rate", on, "mul", 0.8, ramp=90)
    s.effect("cards-service", "request_rate", on, "mul", 0.9, ramp=90)
    s.effect("mobile-bff", "cpu_utilisation", on, "mul", 0.75, ramp=90)
    s.burst("f5-ltm", "WARN", lambda r: ("Jul  7 %s ltm-dc1-ext-01 warning tmm%d[22134]: 01260013:4: SSL Handshake failed for TCP %d.%d.%d.%d:%d -> 10.40.1.20:443"
                                         % ("07:%02d:%02d" % (r.randint(52, 59), r.randint(0, 59)), r.randint(0, 3), r.choice([81, 86, 92, 109, 151]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), r.randint(30000, 65000)),
                                         {"logger": "tmm"}), on, -17, 10)
    s.burst("f5-ltm", "WARN", lambda r: ("Jul  7 08:%02d:%02d ltm-dc1-ext-01 warning tmm%d[22134]: 01260013:4: SSL Handshake failed for TCP %d.%d.%d.%d:%d -> 10.40.1.20:443"
                                         % (r.randint(0, 14), r.randint(0, 59), r.randint(0, 3), r.choice([81, 86, 92, 109, 151]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), r.randint(30000, 65000)),
                                         {"logger": "tmm"}), -15, 0, 10)
    s.burst("mobile-bff", "INFO", lambda r: ("client version breakdown last 5m android<=7.1=%d%% android>=8=%d%% ios=%d%%" % (0, r.randint(38, 41), r.randint(58, 61)), {"logger": "mobile-bff.analytics"}), on + 1, 0, 0.3)
    s.burst("mobile-bff", "INFO", lambda r: ("client version breakdown last 5m android<=7.1=%d%% android>=8=%d%% ios=%d%%" % (r.randint(27, 31), r.randint(27, 30), r.randint(41, 44)), {"logger": "mobile-bff.analytics"}), -60, on, 0.3)
    s.alert("MobileTrafficBelowForecast", "mobile-bff", -12, severity="P3", summary="mobile request rate 30% below 4-week forecast", labels={"team": "digital-channels"})
    s.alert("MobileLoginVolumeLow", "customer-auth", -10, severity="P3", summary="MOBILE logins 25% below same time last week", labels={"team": "identity-access"})
    s.description = """
Contact centre reports Android customers "can't connect" since about 07:50; dashboards show no
error increase anywhere, just less traffic. A mobile release went out at 07:35.
"""
    s.expected = {"cause": "config_change", "culprit": "f5-ltm"}
    return s


def b08():
    s = B("FNB-PIR-2026-063-otp-401", "SMS one-time passcodes not arriving", "2026-08-18T10:05:00Z", 40, 20, 208)
    s.routine({"otp-service": 4, "customer-auth": 5, "web-bff": 4, "notification-service": 2})
    bank_background(s, [("otp-service", 9, "vault:secret/otp/textlane#v7", "vault:secret/otp/textlane#v6", 10,
                         "Quarterly rotation of Textlane API key (SECOPS-2207)", "config"),
                        ("web-bff", 55, "2026.08.18.1", "2026.08.14.2", 5, "Cookie banner update", "deploy"),
                        ("customer-profile", 600, "4.5.0", "4.4.2", 2, "Address lookup provider", "deploy")])
    on = -8
    host = "api.textlane.co.uk"
    s.effect("otp-service", "error_ratio", on, "set", 0.97, ramp=40)
    s.effect("otp-service", "latency_p99_seconds", on, "mul", 0.3, ramp=40)
    s.effect("customer-auth", "error_ratio", on + 0.5, "set", 0.12, ramp=90)
    s.effect("web-bff", "error_ratio", on + 1, "set", 0.05, ramp=90)
    s.effect("otp-service", "request_rate", on + 1, "mul", 1.7, ramp=120)
    s.log("otp-service", "INFO", "Refreshing secret textlane.api-key from Vault (lease renewed, version 7)", s.T(-8.4), logger="o.s.c.vault.config.VaultPropertySource")
    s.burst("otp-service", "ERROR", lambda r: jerr(r, "c.f.otp.SmsOtpSender", "OTP send failed ref=FNB%010d provider=textlane" % r.randint(0, 9999999999),
            _jstack('org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized on POST request for "https://%s/v3/messages": "{"error":"invalid_api_key","message":"API key not recognised for account fnb-prod"}"' % host,
                    ["org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:106)", "c.f.otp.SmsOtpSender.send(SmsOtpSender.java:77)"]),
            "org.springframework.web.client.HttpClientErrorException$Unauthorized"), on, 0, 7)
    s.burst("customer-auth", "WARN", _spring("c.f.iam.login.StepUpService", "step-up failed customer={cid}: OTP dispatch error (otp-service 502)"), on + 0.5, 0, 4)
    s.alert("OTPDeliveryFailures", "otp-service", -5, severity="P2", summary="SMS OTP dispatch failure ratio > 50%", labels={"team": "identity-access", "provider": "textlane"})
    s.alert("LoginStepUpFailures", "customer-auth", -4, severity="P2", summary="step-up completion rate below 80%", labels={"team": "identity-access"})
    s.description = """
Web banking customers can't complete logins that require an SMS code. OTP service is getting
errors back from the SMS provider on every send. Textlane status page not yet updated.
"""
    s.expected = {"cause": "config_change", "culprit": "otp-service"}
    return s


def b09():
    s = B("FNB-PIR-2026-071-profile-pool", "Profile API timeouts; Oracle sessions high", "2026-09-03T14:45:00Z", 90, 60, 209)
    s.routine({"customer-profile": 4, "mobile-bff": 4, "cards-service": 3, "customer-auth": 2})
    bank_background(s, [("cards-service", 15, "7.14.0", "7.13.3", 7, "Spend insights categories", "deploy"),
                        ("customer-profile", 1450, "4.6.0", "4.5.2", 2, "Contact preferences: GDPR marketing flag", "deploy"),
                        ("accounts-service", 400, "6.4.0", "6.3.1", 3, "Joint account holder names", "deploy")])
    s.effect("customer-profile", "saturation", -82, "set", 1.0, ramp=70 * 60)
    s.effect("customer-db", "saturation", -82, "set", 0.83, ramp=70 * 60)
    s.effect("customer-profile", "latency_p99_seconds", -14, "set", 30.0, ramp=300)
    s.effect("customer-profile", "error_ratio", -12, "set", 0.33, ramp=300)
    s.effect("mobile-bff", "error_ratio", -11, "set", 0.04, ramp=300)
    s.effect("customer-auth", "latency_p99_seconds", -20, "mul", 1.3, ramp=600)
    s.effect("cards-service", "cpu_utilisation", -15, "mul", 1.5, ramp=30, end=-13)
    s.burst("customer-profile", "WARN", lambda r: ("Connection leak detection triggered for oracle.jdbc.driver.T4CConnection@%08x on thread task-%d, stack trace follows" % (r.getrandbits(32), r.randint(1, 8)),
                                                   {"logger": "com.zaxxer.hikari.pool.ProxyLeakTask", "stack": _jstack("java.lang.Exception: Apparent connection leak detected",
                                                    ["c.f.profile.export.ContactPrefsExporter.streamAll(ContactPrefsExporter.java:61)", "c.f.profile.export.ContactPrefsJob.run(ContactPrefsJob.java:33)"])}),
            -85, 0, 0.6)
    for k in range(18):
        t = -88 + k * 5
        act = min(40, int(4 + max(0, (t + 82)) * 0.5))
        s.log("customer-profile", "DEBUG", "HikariPool-1 - Pool stats (total=40, active=%d, idle=%d, waiting=%d)" % (act, 40 - act, max(0, (t + 14) * 2) if t > -14 else 0), s.T(t),
              logger="com.zaxxer.hikari.pool.HikariPool")
    s.burst("customer-profile", "ERROR", lambda r: jerr(r, "o.h.engine.jdbc.spi.SqlExceptionHelper", "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
            _jstack("java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                    ["com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)", "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)"]),
            "java.sql.SQLTransientConnectionException"), -12, 0, 4)
    s.alert("ProfileAPIErrors", "customer-profile", -8, severity="P2", summary="customer-profile 5xx > 20%", labels={"team": "customer-data"})
    s.alert("OracleSessionsHigh", "customer-db", -25, severity="P4", summary="CUSTP sessions > 80% of limit", labels={"team": "dba-oracle", "db": "CUSTP"})
    s.alert("MobileProfileScreenErrors", "mobile-bff", -6, severity="P3", summary="/v4/profile errors elevated", labels={"team": "digital-channels"})
    random_gaps(s, ["events-kafka", "fraud-scoring"], 2)
    s.description = """
Afternoon. Profile screen in the app timing out; DBA had a low-priority warning on Oracle session
count for CUSTP earlier. Cards deployed a quarter of an hour ago and the change board asked whether
that was related.
"""
    s.expected = {"cause": "resource_saturation", "culprit": "customer-profile"}
    return s


def b10():
    s = B("FNB-PIR-2026-080-kafka-brokers", "Fraud consumer stalled, notifications failing", "2026-10-12T19:30:00Z", 35, 15, 210)
    s.routine({"notification-service": 4, "fraud-scoring": 5, "cards-service": 4, "mobile-bff": 3})
    bank_background(s, [("notification-service", 7, "3.4.0", "3.3.2", 9, "Push payload: add deep link for card declines", "deploy"),
                        ("cards-service", 190, "7.15.1", "7.15.0", 7, "Declined-auth reason codes", "deploy")])
    s.effect("notification-service", "cpu_utilisation", -7, "mul", 1.7, ramp=30, end=-5)
    s.log("notification-service", "INFO", "Started NotificationApplication in 22.871 seconds", s.T(-5.6), logger="c.f.notify.NotificationApplication")
    on = -4
    s.effect("events-kafka", "request_rate", on, "set", 0.0, ramp=30)
    s.gap("events-kafka", on + 0.5, 0)
    s.effect("fraud-scoring", "request_rate", on, "mul", 0.05, ramp=60)
    s.effect("notification-service", "error_ratio", on, "set", 0.8, ramp=60)
    s.effect("cards-service", "latency_p99_seconds", on, "set", 4.0, ramp=90)
    s.effect("cards-service", "error_ratio", on + 0.5, "set", 0.03, ramp=90)
    for svc, cid in [("notification-service", "notification-service-producer-1"), ("cards-service", "cards-auth-events-producer"), ("fraud-scoring", "fraud-scoring-consumer")]:
        s.burst(svc, "WARN", lambda r, cid=cid: ("[%s] Connection to node %d (kafka-%d.kafka-brokers.fnb-events.svc/10.130.4.%d:9093) could not be established. Broker may not be available."
                                                 % (cid, r.randint(0, 2), r.randint(0, 2), r.randint(20, 24)), {"logger": "org.apache.kafka.clients.NetworkClient"}), on, 0, 6)
    s.burst("cards-service", "ERROR", lambda r: jerr(r, "c.f.cards.events.AuthEventPublisher", "failed to publish card.auth.events",
            "org.apache.kafka.common.errors.TimeoutException: Topic card.auth.events not present in metadata after 3000 ms.", "org.apache.kafka.common.errors.TimeoutException"), on + 0.5, 0, 3)
    s.burst("fraud-scoring", "WARN", lambda r: ("consumer group fraud-scoring: coordinator kafka-1.kafka-brokers.fnb-events.svc:9093 (id: 2147483646 rack: null) unavailable or invalid, will attempt rediscovery", {"logger": "fraud.consumer"}), on, 0, 2)
    s.alert("FraudScoringConsumerStalled", "fraud-scoring", -2, severity="P2", summary="no records consumed for 2m", labels={"team": "fincrime-tech", "consumer_group": "fraud-scoring"})
    s.alert("NotificationDeliveryErrors", "notification-service", -2, severity="P3", summary="notification-service errors > 50%", labels={"team": "digital-channels"})
    s.alert("CardsAuthLatencyHigh", "cards-service", -1, severity="P2", summary="card authorisation p99 > 2s", labels={"team": "cards"})
    s.description = """
Evening. Notification-service went live with a small push change and within minutes it was failing
nearly everything; fraud scoring stopped consuming and card authorisations got slower. The
notification release was the obvious suspect on the bridge.
"""
    s.expected = {"cause": "dependency_outage", "culprit": "events-kafka"}
    return s


def b11():
    s = B("FNB-PIR-2026-088-cards-tablespace", "Card authorisations declining overnight", "2026-11-02T02:40:00Z", 60, 30, 211)
    s.routine({"cards-service": 5, "statements-batch": 4, "fraud-scoring": 2})
    s.base_over["cards-db"] = dict(BANK_BASE["cards-db"], saturation=0.9)
    s.effect("cards-db", "saturation", -58, "set", 1.0, ramp=50 * 60)
    s.gap("cards-db", -31, -13)
    on = -9
    s.effect("cards-service", "error_ratio", on, "set", 0.21, ramp=90)
    s.effect("cards-db", "error_ratio", on, "set", 0.2, ramp=90)
    s.burst("cards-service", "ERROR", lambda r: jerr(r, "c.f.cards.auth.AuthorisationRecorder", "failed to record authorisation stan=%06d; declining with 96 (system malfunction)" % r.randint(0, 999999),
            _jstack("com.ibm.db2.jcc.am.SqlException: DB2 SQL Error: SQLCODE=-289, SQLSTATE=57011, SQLERRMC=TS_CARD_TXN, DRIVER=4.32.28",
                    ["com.ibm.db2.jcc.am.b7.a(b7.java:815)", "com.ibm.db2.jcc.am.k3.executeUpdate(k3.java:1126)"]), "com.ibm.db2.jcc.am.SqlException"), on, 0, 6)
    s.burst("statements-batch", "ERROR", lambda r: jerr(r, "o.s.batch.core.step.AbstractStep", "Encountered an error executing step writeStatementLines in job monthlyStatementsJob",
            "org.springframework.dao.DataAccessResourceFailureException: PreparedStatementCallback; SQL [INSERT INTO STMT.STATEMENT_LINE ...]; DB2 SQL Error: SQLCODE=-289, SQLSTATE=57011, SQLERRMC=TS_CARD_TXN",
            "org.springframework.dao.DataAccessResourceFailureException"), on + 0.5, 0, 1)
    s.log("statements-batch", "INFO", "Job: [SimpleJob: [name=monthlyStatementsJob]] launched with the following parameters: [{run.date=2026-11-01}]", s.T(-55), logger="o.s.batch.core.launch.support.SimpleJobLauncher")
    s.alert("CardAuthDeclineRateHigh", "cards-service", -5, severity="P1", summary="auth decline rate (RC 96) 20%", labels={"team": "cards"})
    s.alert("StatementsJobFailed", "statements-batch", -7, severity="P4", summary="monthlyStatementsJob FAILED", labels={"team": "cards"})
    s.description = """
02:30 page from cards: authorisations declining with response code 96. The monthly statements
batch was running, as it always does on the first night of the month, and failed at about the
same time. No changes were scheduled for the night. The Db2 exporter was restarting for part of
the window.
"""
    s.expected = {"cause": "resource_saturation", "culprit": "cards-db"}
    return s


def b12():
    s = B("FNB-PIR-2026-093-ceph-slow-ops", "Payments, cards and posting all slow at once", "2026-12-09T12:10:00Z", 45, 15, 212)
    s.routine({"payments-service": 5, "cards-service": 4, "ledger-posting-consumer": 3, "notification-service": 2, "odf-storage": 1})
    bank_background(s, [("ledger-posting-consumer", 60, "3.4.2", "3.4.1", 2, "Audit write batching", "deploy"),
                        ("payments-service", 140, "8.3.0", "8.2.4", 8, "Standing orders API", "deploy")])
    on = -18
    for svc, lat in [("payments-service", 4.6), ("cards-service", 2.9), ("ledger-posting-consumer", 3.0), ("notification-service", 1.5)]:
        s.effect(svc, "latency_p99_seconds", on + s.rng.uniform(0.2, 1.2), "set", lat, ramp=180)
    s.effect("events-kafka", "latency_p99_seconds", on, "set", 0.9, ramp=120)
    s.effect("payments-mq", "latency_p99_seconds", on, "set", 3.5, ramp=120)
    s.effect("payments-service", "error_ratio", on + 2, "set", 0.05, ramp=240)
    s.effect("cards-service", "error_ratio", on + 2, "set", 0.02, ramp=240)
    s.effect("ledger-posting-consumer", "request_rate", on + 1, "mul", 0.55, ramp=240)
    s.effect("payments-mq", "saturation", on + 2, "set", 0.3, ramp=900)
    s.burst("odf-storage", "WARN", _msg("Health check update: 1 osds down (OSD_DOWN)", "Health check update: Degraded data redundancy: {n}4522/2391830 objects degraded (7.{n}%), {n} pgs degraded (PG_DEGRADED)",
                                        "Health check update: {n} slow ops, oldest one blocked for {n} sec, daemons [osd.3,osd.7,osd.11] have slow ops. (SLOW_OPS)", logger="ceph-mon"), on - 0.5, 0, 1.5)
    s.log("odf-storage", "ERROR", "osd.9 marked down after no beacon for 900.0 seconds; host ocp-prod-dc1-stor03", s.T(on - 0.6), logger="ceph-mon")
    s.burst("cards-service", "WARN", lambda r: ("[Producer clientId=cards-auth-events-producer] Got error produce response with correlation id %d on topic-partition card.auth.events-%d, retrying (2147483646 attempts left). Error: REQUEST_TIMED_OUT" % (r.randint(100000, 999999), r.randint(0, 11)),
                                                {"logger": "org.apache.kafka.clients.producer.internals.Sender"}), on + 1, 0, 3)
    s.burst("payments-service", "WARN", _spring("c.f.payments.mq.PostingPublisher", "MQPUT to FNB.PAY.POSTING.IN took {n}00ms (persistent, syncpoint)"), on + 1, 0, 4)
    s.burst("notification-service", "WARN", lambda r: ("Expiring %d record(s) for notify.outbound-%d:120003 ms has passed since batch creation" % (r.randint(2, 40), r.randint(0, 5)),
                                                       {"logger": "org.apache.kafka.clients.producer.internals.Sender"}), on + 3, 0, 1)
    s.alert("PaymentsLatencySLO", "payments-service", -11, severity="P2", summary="payment submission p99 > 3s", labels={"team": "payments"})
    s.alert("KafkaProduceLatencyHigh", "events-kafka", -13, severity="P3", summary="broker produce p99 > 500ms", labels={"team": "middleware", "cluster": "fnb-events"})
    s.alert("CardsAuthLatencyHigh", "cards-service", -9, severity="P2", summary="card authorisation p99 > 2s", labels={"team": "cards"})
    s.alert("IBMMQQueueDepthHigh", "payments-mq", -4, severity="P3", summary="QMPAY01 FNB.PAY.POSTING.IN depth > 25%", labels={"team": "middleware", "qmgr": "QMPAY01", "queue": "FNB.PAY.POSTING.IN"})
    s.description = """
Lunchtime. Kafka produce latency, IBM MQ put times, payments and card authorisation latency all
degraded together; posting consumer slowed. Middleware initially suspected the Kafka cluster.
"""
    s.expected = {"cause": "infrastructure", "culprit": "odf-storage"}
    return s


def b13():
    s = B("FNB-PIR-2026-009-workers-notready", "Accounts, consent and OTP errors; pods pending", "2026-01-28T15:35:00Z", 50, 30, 213)
    s.routine({"accounts-service": 4, "consent-service": 2, "otp-service": 2, "customer-profile": 2, "mobile-bff": 4, "ocp-worker-pool": 0.2})
    bank_background(s, [("consent-service", 26, "2.6.1", "2.6.0", 6, "Consent dashboard sort order", "deploy"),
                        ("mobile-bff", 300, "11.2.0", "11.1.4", 0, "Spending pots", "deploy")])
    on = -16
    for svc, err, rr in [("accounts-service", 0.09, 0.8), ("consent-service", 0.18, 0.9), ("otp-service", 0.25, 1.0), ("customer-profile", 0.11, 0.85)]:
        st = on + s.rng.uniform(0.3, 1.5)
        s.effect(svc, "error_ratio", st, "set", err, ramp=60)
        s.effect(svc, "latency_p99_seconds", st, "mul", 3.5, ramp=60)
        s.effect(svc, "cpu_utilisation", st, "set", 0.9, ramp=120)
    s.effect("mobile-bff", "error_ratio", on + 1, "set", 0.05, ramp=120)
    s.effect("openbanking-api", "error_ratio", on + 1.5, "set", 0.07, ramp=120)
    s.effect("mainframe-gateway", "request_rate", on + 0.2, "mul", 0.75, ramp=60)
    s.effect("mainframe-gateway", "error_ratio", on + 0.2, "set", 0.03, ramp=60)
    s.effect("mainframe-gateway", "latency_p99_seconds", on + 0.2, "mul", 2.2, ramp=60)
    for n in ["w07", "w08", "w11"]:
        s.log("ocp-worker-pool", "WARN", "Node ocp-prod-dc1-%s status is now: NodeNotReady" % n, s.T(on - 0.3 + s.rng.random() * 0.4), logger="kubernetes.event")
        s.log("ocp-worker-pool", "WARN", "Node ocp-prod-dc1-%s: Kubelet stopped posting node status." % n, s.T(on - 0.2), logger="kubernetes.event")
    s.log("ocp-worker-pool", "INFO", "Taint node.kubernetes.io/unreachable:NoExecute added to ocp-prod-dc1-w07, ocp-prod-dc1-w08, ocp-prod-dc1-w11", s.T(on + 0.1), logger="kubernetes.event")
    for svc in ["accounts-service", "consent-service", "otp-service", "customer-profile"]:
        s.burst(svc, "WARN", lambda r, svc=svc: ("FailedScheduling pod/%s-%s-%s: 0/12 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 9 Insufficient memory. preemption: 0/12 nodes are available: 3 Preemption is not helpful for scheduling, 9 No preemption victims found for incoming pod."
                                                 % (svc, BANK_HOSTS[svc](r).split("-")[-2], _gid(r)), {"logger": "kubernetes.event"}), on + 5.5, 0, 0.7)
    s.burst("accounts-service", "ERROR", lambda r: jerr(r, "c.f.accounts.BalanceController", "I/O error on GET request for \"http://mainframe-gateway:8080/eci/FNBBAL01\": Connection refused",
            "org.springframework.web.client.ResourceAccessException: I/O error on GET request: Connection refused", "org.springframework.web.client.ResourceAccessException"), on + 0.5, 0, 3)
    s.burst("otp-service", "ERROR", _spring("c.f.otp.api.OtpController", "request rejected: executor saturated (queue 500/500)"), on + 0.5, 0, 3)
    s.alert("AccountsAvailabilitySLO", "accounts-service", -10, severity="P2", summary="accounts availability < 99.9%", labels={"team": "core-integration"})
    s.alert("ConsentAPIErrors", "consent-service", -9, severity="P3", summary="consent-service errors > 10%", labels={"team": "open-banking"})
    s.alert("OTPDeliveryLatency", "otp-service", -8, severity="P3", summary="OTP API p99 > 3s", labels={"team": "identity-access"})
    s.description = """
Mid-afternoon. Four unrelated teams paged within a few minutes: accounts, consent, OTP and
profile. Each service is running with fewer ready pods than desired. A consent release had gone in
shortly before.
"""
    s.expected = {"cause": "infrastructure", "culprit": "ocp-worker-pool"}
    return s


def b14():
    s = B("FNB-PIR-2026-028-cics-region", "Balances and postings failing early morning", "2026-03-30T06:20:00Z", 40, 20, 214)
    s.routine({"mainframe-gateway": 5, "accounts-service": 4, "ledger-posting-consumer": 3, "mobile-bff": 4})
    bank_background(s, [("accounts-service", 600, "6.3.0", "6.2.3", 3, "Balance cache headers", "deploy"),
                        ("mobile-bff", 950, "11.6.0", "11.5.2", 0, "Dark mode tweaks", "deploy")])
    on = -8
    s.effect("mainframe-gateway", "error_ratio", on, "set", 0.52, ramp=30)
    s.effect("mainframe-gateway", "latency_p99_seconds", on, "mul", 0.4, ramp=30)
    s.effect("accounts-service", "error_ratio", on + 0.2, "set", 0.48, ramp=45)
    s.effect("ledger-posting-consumer", "request_rate", on + 0.2, "mul", 0.02, ramp=45)
    s.effect("ledger-posting-consumer", "error_ratio", on + 0.2, "set", 0.9, ramp=45)
    s.effect("payments-mq", "saturation", on + 0.5, "set", 0.19, ramp=450)
    s.effect("mobile-bff", "error_ratio", on + 0.5, "set", 0.14, ramp=60)
    s.burst("mainframe-gateway", "ERROR", lambda r: jerr(r, "c.f.mfgw.EciInvoker", "ECI call program=%s region=CICSPRD%d failed rc=ECI_ERR_NO_CICS (-3)" % (r.choice(["FNBBAL01", "FNBPST01", "FNBTXN02"]), r.choice([1, 2])),
            _jstack("com.ibm.ctg.client.exceptions.CICSException: ECI_ERR_NO_CICS: the CICS server is not available",
                    ["com.ibm.ctg.client.ECIRequest.flow(ECIRequest.java:1205)", "c.f.mfgw.EciInvoker.call(EciInvoker.java:118)"]), "com.ibm.ctg.client.exceptions.CICSException"), on, 0, 9)
    s.burst("mainframe-gateway", "WARN", _spring("c.f.mfgw.RegionHealth", "IPIC connection to CICSPRD1 RELEASED, reacquire attempt {n} failed", "IPIC connection to CICSPRD2 RELEASED, reacquire attempt {n} failed"), on, 0, 2)
    s.burst("ledger-posting-consumer", "ERROR", _spring("c.f.posting.PostingListener", "posting failed ref={ref}: mainframe-gateway 503; message rolled back (backout count 1)"), on + 0.2, 0, 3)
    s.burst("accounts-service", "ERROR", _spring("c.f.accounts.BalanceController", "GET /accounts/{acct}/balance 503: core unavailable"), on + 0.2, 0, 4)
    s.alert("AccountsAvailabilitySLO", "accounts-service", -5, severity="P1", summary="accounts availability < 99.9%", labels={"team": "core-integration"})
    s.alert("MobileErrorBudgetBurn", "mobile-bff", -4, severity="P2", summary="mobile availability SLO fast burn", labels={"team": "digital-channels", "slo": "mobile-availability"})
    s.alert("IBMMQQueueDepthHigh", "payments-mq", -1, severity="P3", summary="QMPAY01 FNB.PAY.POSTING.IN depth > 15%", labels={"team": "middleware", "qmgr": "QMPAY01", "queue": "FNB.PAY.POSTING.IN"})
    s.description = """
06:12, Monday. Balance requests and ledger postings failed almost completely in the same minute. No
changes on our side overnight. Mainframe ops had not yet confirmed anything on their bridge.
"""
    s.expected = {"cause": "dependency_outage", "culprit": "core-banking"}
    return s


def b15():
    s = B("FNB-PIR-2026-091-fraud-lag", "Fraud scoring consumer lag on Black Friday", "2026-11-27T12:30:00Z", 75, 30, 215)
    s.routine({"cards-service": 7, "fraud-scoring": 5, "notification-service": 2, "mobile-bff": 3})
    bank_background(s, [("fraud-scoring", 300, "model-2026.11.3", "model-2026.11.2", 4, "Weekly retrain", "deploy"),
                        ("mobile-bff", 100, "11.20.1", "11.20.0", 0, "Black Friday spending tips card", "deploy"),
                        ("consent-service", 40, "2.9.4", "2.9.3", 6, "Log level tweak", "config")])
    on = -38
    s.effect("cards-service", "request_rate", on, "mul", 2.9, ramp=900)
    s.effect("cards-service", "cpu_utilisation", on, "set", 0.71, ramp=900)
    s.effect("events-kafka", "request_rate", on, "mul", 2.7, ramp=900)
    s.effect("fraud-scoring", "request_rate", on + 6, "mul", 1.45, ramp=500)
    s.effect("fraud-scoring", "cpu_utilisation", on + 6, "set", 0.98, ramp=500)
    s.effect("fraud-scoring", "latency_p99_seconds", on + 10, "set", 0.4, ramp=600)
    s.effect("events-kafka", "saturation", on + 12, "set", 0.55, ramp=26 * 60)
    s.effect("notification-service", "request_rate", on, "mul", 2.0, ramp=900)
    s.burst("fraud-scoring", "WARN", lambda r: ("consumer lag card.auth.events partition=%d lag=%d" % (r.randint(0, 11), r.randint(5000, 90000)), {"logger": "fraud.consumer"}), on + 12, 0, 3)
    s.burst("cards-service", "INFO", _spring("c.f.cards.auth.AuthorisationHandler", "auth request stan={n}{n}{n} mcc=5732 amount=GBP {n}9.99 -> APPROVED (00)",
                                             "auth request stan={n}{n}{n} mcc=5311 amount=GBP {n}4.50 -> APPROVED (00)"), on, 0, 12)
    s.alert("KafkaConsumerLagHigh", "fraud-scoring", -14, severity="P2", summary="fraud-scoring lag on card.auth.events > 50k", labels={"team": "fincrime-tech", "consumer_group": "fraud-scoring", "topic": "card.auth.events"})
    s.alert("FraudScoringCPUThrottled", "fraud-scoring", -10, severity="P3", summary="CPU throttling > 40% of periods", labels={"team": "fincrime-tech"})
    s.description = """
Black Friday. Fincrime-tech paged: the fraud-scoring consumer group is falling behind on
card.auth.events and its pods are CPU-throttled. Model retrain was deployed this morning.
"""
    s.expected = {"cause": "traffic_surge", "culprit": "cards-service"}
    return s


def b16():
    s = B("FNB-PIR-2026-046-consent-db-cpu", "CONSP Oracle CPU at 98%, OB API timeouts", "2026-06-16T10:40:00Z", 55, 20, 216)
    s.routine({"consent-service": 4, "openbanking-api": 5, "accounts-service": 2})
    bank_background(s, [("consent-service", 26, "2.9.0", "2.8.4", 6, "TPP consent listing endpoint (OB-512): list active consents by TPP", "deploy"),
                        ("openbanking-api", 120, "3.15.0", "3.14.2", 6, "VRP consent parameters", "deploy"),
                        ("customer-auth", 45, "9.4.1", "9.4.0", 1, "Passkey fallback", "deploy")])
    on = -23
    s.effect("consent-db", "cpu_utilisation", on, "set", 0.98, ramp=360)
    s.effect("consent-db", "latency_p99_seconds", on + 1, "set", 2.4, ramp=360)
    s.effect("consent-db", "saturation", on + 2, "set", 0.72, ramp=360)
    s.effect("consent-service", "latency_p99_seconds", on + 1, "set", 4.8, ramp=360)
    s.effect("consent-service", "error_ratio", on + 4, "set", 0.06, ramp=300)
    s.effect("consent-service", "saturation", on + 2, "set", 0.93, ramp=300)
    s.effect("openbanking-api", "error_ratio", on + 5, "set", 0.11, ramp=300)
    s.effect("openbanking-api", "latency_p99_seconds", on + 5, "set", 6.0, ramp=300)
    s.burst("openbanking-api", "WARN", _spring("c.f.ob.sync.FinmeshClient", "finmesh webhook retry 1/3 connection=con_8f2k1 (429 Too Many Requests)"), -50, -44, 1)
    s.burst("consent-service", "WARN", lambda r: ("SlowQuery: %d milliseconds. SQL: 'select c1_0.consent_id,c1_0.customer_id,c1_0.expires_at,c1_0.permissions,c1_0.status from ob_consent c1_0 where c1_0.tpp_id=? and c1_0.status in (?,?,?) order by c1_0.created_at desc'" % r.randint(1800, 9000),
                                                  {"logger": "org.hibernate.SQL_SLOW"}), on, 0, 4)
    s.burst("consent-service", "ERROR", lambda r: jerr(r, "o.h.engine.jdbc.spi.SqlExceptionHelper", "ORA-01013: user requested cancel of current operation",
            "java.sql.SQLTimeoutException: ORA-01013: user requested cancel of current operation", "java.sql.SQLTimeoutException"), on + 4, 0, 2)
    s.burst("openbanking-api", "ERROR", _spring("c.f.ob.aisp.AccountAccessController", "consent validation timed out after 5000ms tpp=0015800001ZEZ{n}"), on + 5, 0, 3)
    s.alert("OracleHighCPU", "consent-db", -17, severity="P2", summary="CONSP host CPU > 90%", labels={"team": "dba-oracle", "db": "CONSP"})
    s.alert("OBApiAvailabilitySLO", "openbanking-api", -8, severity="P2", summary="OB API availability below 99.5% (regulatory KPI)", labels={"team": "open-banking", "slo": "ob-availability"})
    s.description = """
DBA on-call paged first for CPU on the CONSP Oracle database. About fifteen minutes later the
open-banking availability KPI alert fired. DBA asked whether any batch jobs had started.
"""
    s.expected = {"cause": "deploy", "culprit": "consent-service"}
    return s


def b17():
    s = B("FNB-PIR-2026-084-sms-provider", "Login step-up and SMS alerts failing", "2026-10-05T18:05:00Z", 45, 30, 217)
    s.omit.add("deploys")
    s.routine({"otp-service": 4, "customer-auth": 4, "web-bff": 4, "notification-service": 3, "mobile-bff": 3})
    on = -11
    host = "api.textlane.co.uk"
    s.effect("otp-service", "error_ratio", on, "set", 0.88, ramp=60)
    s.effect("otp-service", "latency_p99_seconds", on, "set", 10.0, ramp=60)
    s.effect("otp-service", "saturation", on, "set", 0.9, ramp=60)
    s.effect("notification-service", "error_ratio", on + 0.5, "set", 0.3, ramp=60)
    s.effect("customer-auth", "error_ratio", on + 1, "set", 0.1, ramp=90)
    s.effect("web-bff", "error_ratio", on + 1.5, "set", 0.04, ramp=90)
    s.burst("otp-service", "ERROR", lambda r: r.choice([
        jerr(r, "c.f.otp.SmsOtpSender", "OTP send failed ref=FNB%010d provider=textlane" % r.randint(0, 9999999999),
             'org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: 503 Service Unavailable on POST request for "https://%s/v3/messages": "<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>"' % host,
             "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable"),
        jerr(r, "c.f.otp.SmsOtpSender", "OTP send failed ref=FNB%010d provider=textlane" % r.randint(0, 9999999999),
             'org.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://%s/v3/messages": Read timed out' % host,
             "org.springframework.web.client.ResourceAccessException")]), on, 0, 6)
    s.burst("notification-service", "ERROR", lambda r: ("SMS route failed for event CARD_DECLINED: textlane %s returned 503" % host, {"logger": "c.f.notify.SmsChannel"}), on + 0.5, 0, 2)
    s.burst("customer-auth", "WARN", _spring("c.f.iam.login.StepUpService", "step-up failed customer={cid}: OTP dispatch error (otp-service 502)"), on + 1, 0, 3)
    s.alert("LoginStepUpFailures", "customer-auth", -7, severity="P2", summary="step-up completion rate below 80%", labels={"team": "identity-access"})
    s.alert("WebLoginErrors", "web-bff", -6, severity="P3", summary="web login journey errors > 3%", labels={"team": "digital-channels"})
    s.alert("OTPDeliveryFailures", "otp-service", -8, severity="P2", summary="SMS OTP dispatch failure ratio > 50%", labels={"team": "identity-access", "provider": "textlane"})
    s.description = """
Evening. Web logins needing SMS step-up failing; card-decline SMS alerts also failing. Change
calendar export was not attached to this incident record.
"""
    s.expected = {"cause": "external", "culprit": "textlane-sms"}
    return s


BANK_SCENARIOS = [b01, b02, b03, b04, b05, b06, b07, b08, b09, b10, b11, b12, b13, b14, b15, b16, b17]


# ----------------------------------------------------------------------------- main

def main():
    root = os.path.dirname(os.path.abspath(__file__))
    names = []
    for fn in GAMES_SCENARIOS + BANK_SCENARIOS:
        s = fn()
        s.write(root)
        names.append(s.folder)
    if len(set(names)) != len(names):
        raise SystemExit("duplicate scenario folder")
    print("wrote %d scenarios under %s" % (len(names), root))


if __name__ == "__main__":
    main()
