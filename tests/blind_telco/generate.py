#!/usr/bin/env python3
"""Generate (and validate) the blind_telco incident scenario set.

Two fictional estates: Northwave Mobile (mobile operator BSS/OSS) and Transitly
(city public-transport ticketing).  Everything is deterministic: every random
choice comes from a random.Random seeded from the scenario name, so running the
script twice produces byte-identical files.

    python generate.py           # write every scenario folder + README.md, then validate
    python generate.py --check   # validate what is on disk only

Only the standard library and PyYAML are used.
"""
import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random
import re
import sys
import zlib
from urllib.parse import quote

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CAUSES = ["deploy", "config_change", "resource_saturation", "traffic_surge",
          "dependency_outage", "infrastructure", "external"]
KINDS = ["service", "datastore", "queue", "infrastructure", "external"]
STD_SIGNALS = ["request_rate", "error_ratio", "latency_p99_seconds", "cpu_utilisation",
               "memory_utilisation", "saturation"]
RATIO_SIGNALS = {"error_ratio", "cpu_utilisation", "memory_utilisation", "saturation"}
SIGKEY = {"rr": "request_rate", "er": "error_ratio", "p99": "latency_p99_seconds",
          "cpu": "cpu_utilisation", "mem": "memory_utilisation", "sat": "saturation"}
NOISE = {"rr": 0.05, "er": 0.25, "p99": 0.07, "cpu": 0.05, "mem": 0.01, "sat": 0.05}
DIURNAL = {"rr": 0.22, "er": 0.0, "p99": 0.03, "cpu": 0.12, "mem": 0.0, "sat": 0.08}
ZERO_TIME = "0001-01-01T00:00:00Z"
MAX_BYTES = 1_000_000
BG_SCALE = 0.4


# --------------------------------------------------------------------------- time helpers
def parse_iso(s):
    s = s.replace("Z", "+00:00")
    return dt.datetime.fromisoformat(s).timestamp()


def iso(ts, ms=False):
    d = dt.datetime.fromtimestamp(ts, dt.timezone.utc)
    if ms:
        return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (d.microsecond // 1000)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def nginx_ts(ts):
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000")


# --------------------------------------------------------------------------- template filling
def _digits(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _hex(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


TOKENS = {
    "ms": lambda r, c: str(max(1, int(r.lognormvariate(math.log(c.get("ms", 18)), 0.45)))),
    "ms2": lambda r, c: str(int(r.lognormvariate(math.log(c.get("ms2", 140)), 0.4))),
    "ms3": lambda r, c: str(int(r.lognormvariate(math.log(c.get("ms3", 1400)), 0.35))),
    "hex8": lambda r, c: _hex(r, 8),
    "hex12": lambda r, c: _hex(r, 12),
    "hex16": lambda r, c: _hex(r, 16),
    "uuid": lambda r, c: "%s-%s-4%s-%s-%s" % (_hex(r, 8), _hex(r, 4), _hex(r, 3),
                                              r.choice("89ab") + _hex(r, 3), _hex(r, 12)),
    "msisdn": lambda r, c: "3538" + r.choice("3567") + _digits(r, 7),
    "imsi": lambda r, c: "27209" + _digits(r, 10),
    "ip": lambda r, c: "10.42.%d.%d" % (r.randint(0, 31), r.randint(2, 250)),
    "cip": lambda r, c: "%d.%d.%d.%d" % (r.choice([86, 89, 109, 176, 37, 78]), r.randint(0, 255),
                                         r.randint(0, 255), r.randint(1, 254)),
    "cgnat": lambda r, c: "100.%d.%d.%d" % (r.randint(64, 127), r.randint(0, 255), r.randint(1, 254)),
    "port": lambda r, c: str(r.randint(32768, 60999)),
    "p": lambda r, c: str(r.randint(0, 11)),
    "off": lambda r, c: str(c.get("off", 48_000_000) + r.randint(0, 900_000)),
    "n1": lambda r, c: str(r.randint(1, 9)),
    "n2": lambda r, c: str(r.randint(10, 99)),
    "n3": lambda r, c: str(r.randint(100, 999)),
    "n4": lambda r, c: str(r.randint(1000, 9999)),
    "n5": lambda r, c: str(r.randint(10000, 99999)),
    "n6": lambda r, c: str(r.randint(100000, 999999)),
    "n8": lambda r, c: _digits(r, 8),
    "n12": lambda r, c: _digits(r, 12),
    "amt": lambda r, c: r.choice(["5.00", "10.00", "15.00", "20.00", "25.00", "30.00"]),
    "fare": lambda r, c: r.choice(["1.80", "2.40", "2.40", "3.10", "0.00", "5.20"]),
    "route": lambda r, c: r.choice(["4", "7", "12", "15", "23", "31", "47", "52", "61", "N12", "X3", "88"]),
    "zones": lambda r, c: r.choice(["1-1", "1-2", "1-2", "1-3", "2-3", "2-2"]),
    "bus": lambda r, c: str(r.randint(2100, 2990)),
    "val": lambda r, c: "VAL-%05d" % r.randint(1, 1850),
    "acct": lambda r, c: "ACC%08d" % r.randint(10_000_000, 99_999_999),
    "sess": lambda r, c: "pgw0%d.epc.northwave.net;%d;%d" % (r.randint(1, 4), r.randint(10**9, 4 * 10**9), r.randint(1, 999999)),
    "pgw": lambda r, c: "pgw0%d.epc.northwave.net" % r.randint(1, 4),
    "code": lambda r, c: r.choice(["*100#", "*100#", "*123#", "*121#", "*111*2#"]),
    "stop": lambda r, c: str(r.randint(1000, 4999)),
    "plan": lambda r, c: "from=%.5f,%.5f&to=%.5f,%.5f" % (53.3 + r.random() / 10, -6.3 + r.random() / 10,
                                                         53.3 + r.random() / 10, -6.3 + r.random() / 10),
    "ua": lambda r, c: r.choice(["Transitly/5.14.2 (iPhone; iOS 17.4)", "Transitly/5.14.2 (Android 14; SM-S911B)",
                                 "Transitly/5.14.1 (Android 13; Pixel 7)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"]),
    "nwua": lambda r, c: r.choice(["NorthwaveApp/7.3.1 (Android 14)", "NorthwaveApp/7.3.1 (iOS 17.3)",
                                   "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3)", "NorthwaveApp/7.2.9 (Android 12)"]),
    "epoch": lambda r, c: str(int(c.get("t", 0)) - r.randint(5, 25)),
    "ts": lambda r, c: iso(c.get("t", 0), ms=True),
    "ngts": lambda r, c: nginx_ts(c.get("t", 0)),
    "bytes": lambda r, c: str(r.randint(300, 9000)),
    "tadig": lambda r, c: r.choice(["DEUD1", "FRAF1", "ESPTE", "GBRCN", "ITAWI", "USATM", "NLDPT"]),
    "seq": lambda r, c: "%05d" % r.randint(1000, 9999),
}
TOKEN_RE = re.compile(r"\{(%s)\}" % "|".join(sorted(TOKENS, key=len, reverse=True)))


def fill(tpl, rng, ctx):
    return TOKEN_RE.sub(lambda m: TOKENS[m.group(1)](rng, ctx), tpl)


LEVELS = {
    "java": {"I": "INFO", "W": "WARN", "E": "ERROR", "D": "DEBUG"},
    "go": {"I": "info", "W": "warn", "E": "error", "D": "debug"},
    "node": {"I": "info", "W": "warn", "E": "error", "D": "debug"},
    "python": {"I": "INFO", "W": "WARNING", "E": "ERROR", "D": "DEBUG"},
    "raw": {"I": "info", "W": "warning", "E": "error", "D": "debug"},
}


# --------------------------------------------------------------------------- estates
class Estate:
    def __init__(self, key, company, cluster, prom, am, receiver, change_prefix, authors, teams, services):
        self.key, self.company, self.cluster = key, company, cluster
        self.prom, self.am, self.receiver = prom, am, receiver
        self.change_prefix, self.authors, self.teams = change_prefix, authors, teams
        self.services = services

    def catalog(self):
        defaults = {"signals": {
            "request_rate": 'sum(rate(http_requests_total{service="{service}"}[5m]))',
            "error_ratio": 'sum(rate(http_requests_total{service="{service}",code=~"5.."}[5m])) / '
                           'sum(rate(http_requests_total{service="{service}"}[5m]))',
            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="{service}"}[5m])))',
            "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{container="{service}"}[5m])) / '
                               'sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})',
            "memory_utilisation": 'sum(container_memory_working_set_bytes{container="{service}"}) / '
                                  'sum(kube_pod_container_resource_limits{container="{service}",resource="memory"})',
            "saturation": 'max(service_saturation_ratio{service="{service}"})',
        }}
        services = {}
        for name, s in self.services.items():
            kind = s.get("kind", "service")
            if kind == "service" or s.get("team"):
                t = self.teams[s["team"]]
                e = {}
                if kind != "service":
                    e["kind"] = kind
                e.update({"team": s["team"], "tier": s.get("tier", 2), "channel": t[0], "owners": t[1]})
                if s.get("deps") is not None:
                    e["depends_on"] = list(s["deps"])
                e["signals"] = dict(s.get("sig_override", {}))
                if s.get("desc"):
                    e["description"] = s["desc"]
                services[name] = e
            else:
                e = {"kind": kind}
                if s.get("desc"):
                    e["description"] = s["desc"]
                if s.get("sig_override"):
                    e["signals"] = dict(s["sig_override"])
                services[name] = e
        return {"defaults": defaults, "services": services}


# --------------------------------------------------------------------------- builder
class B:
    """One scenario under construction.  Times given to the helpers are minutes relative to `now`."""

    def __init__(self, est, name, now, step, hours, desc, cause, culprit, distractor):
        self.est, self.name, self.step, self.hours = est, name, step, hours
        self.now = int(parse_iso(now))
        self.desc, self.cause, self.culprit, self.distractor = desc, cause, culprit, distractor
        self.rng = random.Random(zlib.crc32(name.encode()))
        self.sig = {}
        self.logs = []
        self.deploys = []
        self.alerts = []
        self.missing = set()
        self.gaps = []
        self.pods = {}

    # ---- time
    def T(self, m):
        return self.now + m * 60.0

    # ---- signals
    def base(self, *svcs, only=None, skip=()):
        for s in svcs:
            prof = self.est.services[s].get("sig") or {}
            for k, v in prof.items():
                name = SIGKEY[k]
                if only and k not in only:
                    continue
                if k in skip:
                    continue
                self.sig.setdefault(s, {})[name] = {"k": k, "level": v, "fx": []}

    def fx(self, svc, keys, kind, t0, val, ramp=3, t1=None, cap=None):
        for k in keys.split():
            spec = self.sig.get(svc, {}).get(SIGKEY[k])
            if spec is None:
                raise SystemExit("%s: effect on missing signal %s/%s" % (self.name, svc, k))
            spec["fx"].append({"kind": kind, "t0": self.T(t0), "val": val, "ramp": ramp * 60.0,
                               "t1": None if t1 is None else self.T(t1), "cap": cap})

    def drop(self, svc, *keys):
        if not keys:
            self.sig.pop(svc, None)
        for k in keys:
            self.sig.get(svc, {}).pop(SIGKEY[k], None)

    def gap(self, svc, t0, t1, keys=None):
        self.gaps.append((svc, self.T(t0), self.T(t1), None if keys is None else [SIGKEY[k] for k in keys.split()]))

    def _render_series(self, svc, spec):
        rng = random.Random(zlib.crc32(("%s/%s/%s" % (self.name, svc, spec["k"])).encode()))
        k = spec["k"]
        start = self.now - int(self.hours * 3600)
        t = start - start % self.step + self.step
        end = self.now - self.now % self.step
        if end == self.now:
            end -= self.step
        out = []
        phase = rng.uniform(-0.6, 0.6)
        while t <= end:
            hour = (t % 86400) / 3600.0
            v = spec["level"] * (1 + DIURNAL[k] * math.sin(2 * math.pi * (hour - 10 + phase) / 24))
            for e in spec["fx"]:
                if t < e["t0"]:
                    continue
                f = min(1.0, (t - e["t0"]) / max(e["ramp"], 1.0))
                if e["t1"] is not None and t > e["t1"]:
                    f = min(f, max(0.0, 1 - (t - e["t1"]) / max(e["ramp"], 1.0)))
                if e["kind"] == "mul":
                    v *= 1 + (e["val"] - 1) * f
                elif e["kind"] == "add":
                    v += e["val"] * f
                elif e["kind"] == "to":
                    v = v * (1 - f) + e["val"] * f
                elif e["kind"] == "lin":
                    inc = e["val"] * (t - e["t0"]) / 3600.0
                    if e["cap"] is not None:
                        inc = min(inc, e["cap"])
                    v += inc
                elif e["kind"] == "noisy":
                    v *= 1 + rng.gauss(0, e["val"]) * f
            n = NOISE[k]
            v = v * (1 + rng.gauss(0, n))
            if k == "er":
                v = abs(v)
            if SIGKEY[k] in RATIO_SIGNALS:
                v = min(max(v, 0.0), 1.0)
            v = max(v, 0.0)
            skip = False
            for (gs, g0, g1, gk) in self.gaps:
                if gs == svc and g0 <= t <= g1 and (gk is None or SIGKEY[k] in gk):
                    skip = True
            if not skip:
                out.append([t, float("%.4g" % v)])
            t += self.step
        return out

    # ---- logs
    def pod(self, svc):
        if svc not in self.pods:
            r = random.Random(zlib.crc32(("pod/" + self.name + svc).encode()))
            rs = _hex(r, 10)
            self.pods[svc] = ["%s-%s-%s" % (svc, rs, "".join(r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5)))
                              for _ in range(r.choice([2, 3, 3, 4]))]
        return self.rng.choice(self.pods[svc])

    def L(self, m, svc, lvl, msg, logger=None, ctx=None, t_abs=None, pod=None, **extra):
        s = self.est.services[svc]
        tech = s.get("tech", "raw")
        t = t_abs if t_abs is not None else self.T(m)
        c = dict(s.get("ctx", {}))
        if ctx:
            c.update(ctx)
        c["t"] = t
        msg = fill(msg, self.rng, c)
        doc = {"@timestamp": iso(t, ms=True), "service": {"name": svc},
               "log": {"level": LEVELS[tech][lvl]}, "message": msg}
        if logger or s.get("logger"):
            doc["log"]["logger"] = logger or s.get("logger")
        doc["host"] = {"name": pod or self.pod(svc)}
        ns = s.get("ns")
        if ns:
            doc["kubernetes"] = {"namespace": ns}
        doc.update(extra)
        self.logs.append((t, len(self.logs), doc))

    def burst(self, svc, t0, t1, per_min, lines, ctx=None):
        """Random-time log lines between t0 and t1 (minutes).  lines: list of (lvl, msg[, logger])."""
        if per_min <= 0:
            return
        t = self.T(t0)
        end = self.T(t1)
        while True:
            t += self.rng.expovariate(per_min / 60.0)
            if t >= end:
                break
            item = self.rng.choice(lines)
            self.L(None, svc, item[0], item[1], logger=item[2] if len(item) > 2 else None, ctx=ctx, t_abs=t)

    def bglogs(self, *svcs, t0=-60, t1=0, scale=1.0):
        for s in svcs:
            prof = self.est.services[s]
            if prof.get("logs"):
                self.burst(s, t0, t1, prof.get("lpm", 2) * scale * BG_SCALE, prof["logs"])

    # ---- deploys
    def deploy(self, svc, kind, version, prev, t0, dur, author, description):
        rid = "%s%07d" % (self.est.change_prefix, self.rng.randint(40000, 99999))
        self.deploys.append({"id": rid, "service": svc, "kind": kind, "version": version,
                             "previous_version": prev, "started_at": iso(self.T(t0)),
                             "finished_at": iso(self.T(t0 + dur)), "author": author,
                             "description": description})

    # ---- alerts
    def alert(self, name, svc, sev, t0, summary, description, expr, status="firing", t1=None, **labels):
        lab = {"alertname": name, "service": svc, "severity": sev}
        ns = self.est.services[svc].get("ns")
        if ns:
            lab["namespace"] = ns
        lab["cluster"] = self.est.cluster
        lab["prometheus"] = "monitoring/kube-prometheus"
        lab.update(labels)
        fp = hashlib.sha1(json.dumps(lab, sort_keys=True).encode()).hexdigest()[:16]
        self.alerts.append({
            "status": status,
            "labels": lab,
            "annotations": {"summary": summary, "description": description,
                            "runbook_url": "%s/%s" % (self.est.teams["_runbooks"], name)},
            "startsAt": iso(self.T(t0) + self.rng.randint(0, 59) + 0.5, ms=True),
            "endsAt": ZERO_TIME if status == "firing" else iso(self.T(t1), ms=True),
            "generatorURL": "%s/graph?g0.expr=%s&g0.tab=1" % (self.est.prom, quote(expr, safe="")),
            "fingerprint": fp,
        })

    # ---- output
    def render(self):
        files = {}
        y = {"name": self.name, "description": self.desc, "now": iso(self.now)}
        if "alerts" not in self.missing:
            y["alerts"] = "alerts.json"
        y["catalog"] = "catalog.yaml"
        if "signals" not in self.missing:
            y["signals"] = "signals.json"
        if "logs" not in self.missing:
            y["logs"] = "logs.jsonl"
        if "deploys" not in self.missing:
            y["deploys"] = "deploys.json"
        y["expected"] = {"cause": self.cause, "culprit": self.culprit}
        files["scenario.yaml"] = yaml.safe_dump(y, sort_keys=False, width=110, allow_unicode=True)
        files["catalog.yaml"] = yaml.safe_dump(self.est.catalog(), sort_keys=False, width=200)
        if "alerts" not in self.missing:
            firing = [a for a in self.alerts if a["status"] == "firing"]
            common = dict(self.alerts[0]["labels"])
            for a in self.alerts[1:]:
                common = {k: v for k, v in common.items() if a["labels"].get(k) == v}
            comann = dict(self.alerts[0]["annotations"])
            for a in self.alerts[1:]:
                comann = {k: v for k, v in comann.items() if a["annotations"].get(k) == v}
            body = {"receiver": self.est.receiver, "status": "firing" if firing else "resolved",
                    "alerts": self.alerts, "groupLabels": {"cluster": self.est.cluster},
                    "commonLabels": common, "commonAnnotations": comann, "externalURL": self.est.am,
                    "version": "4",
                    "groupKey": '{}/{severity=~"warning|critical"}:{cluster="%s"}' % self.est.cluster,
                    "truncatedAlerts": 0}
            files["alerts.json"] = json.dumps(body, indent=2) + "\n"
        if "signals" not in self.missing:
            sig = {}
            for svc in self.sig:
                for name in STD_SIGNALS:
                    if name in self.sig[svc]:
                        sig.setdefault(svc, {})[name] = self._render_series(svc, self.sig[svc][name])
            files["signals.json"] = json.dumps(sig, separators=(",", ":")) + "\n"
        if "logs" not in self.missing:
            lines = [json.dumps(d, ensure_ascii=False) for (_, _, d) in sorted(self.logs, key=lambda x: (x[0], x[1]))
                     if d["@timestamp"] <= iso(self.now, ms=True)]
            files["logs.jsonl"] = "\n".join(lines) + "\n"
        if "deploys" not in self.missing:
            files["deploys.json"] = json.dumps(sorted(self.deploys, key=lambda d: d["started_at"]), indent=2) + "\n"
        return {k: v.encode() for k, v in files.items()}


SCENARIOS = []


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


# =========================================================================== Northwave Mobile
J = "java"
NW_TEAMS = {
    "digital": ("#nw-digital-oncall", ["S04DIGITAL1"]),
    "crm": ("#nw-crm-incidents", ["S04CRMTEAM2"]),
    "billing": ("#nw-billing-incidents", ["S04BILLING3", "U02KQ7ZL1MA"]),
    "payments": ("#nw-payments-incidents", ["S04PAYMENTS"]),
    "charging": ("#nw-charging-critical", ["S04CHARGING", "U01H8D3RW2P"]),
    "vas": ("#nw-vas-ussd", ["S04VASUSSD5"]),
    "messaging": ("#nw-messaging-oncall", ["S04MSGPLAT6"]),
    "provisioning": ("#nw-provisioning", ["S04PROVSN07"]),
    "wholesale": ("#nw-wholesale-roaming", ["S04WHOLESL8"]),
    "_runbooks": "https://wiki.northwave.internal/sre/runbooks/alerts",
}
NW = {
    # ---- digital / crm / billing
    "selfcare-bff": dict(team="digital", tier=1, tech="node", ns="digital",
                         desc="Backend-for-frontend of the My Northwave app and web portal",
                         deps=["customer-profile", "billing-api", "payment-service", "redis-session"],
                         sig=dict(rr=180, er=0.003, p99=0.42, cpu=0.36, mem=0.52), lpm=4, logs=[
                             ("I", "GET /api/v2/account/summary 200 {ms2}ms"),
                             ("I", "GET /api/v2/bills?limit=6 200 {ms2}ms"),
                             ("I", "POST /api/v2/auth/session 201 {ms2}ms"),
                             ("I", "GET /api/v2/usage/current 200 {ms2}ms"),
                             ("I", "session refreshed sid={hex16} ttl=1800"),
                             ("W", "GET /api/v2/offers 404 {ms}ms - no offers for segment PREPAID_YOUTH")]),
    "customer-profile": dict(team="crm", tier=1, tech=J, ns="crm", deps=["crm-db"],
                             sig=dict(rr=240, er=0.001, p99=0.12, cpu=0.31, mem=0.63), lpm=3, logs=[
                                 ("I", "GET /v1/subscribers/{msisdn}/profile -> 200 in {ms}ms", "c.n.crm.profile.ProfileController"),
                                 ("I", "Loaded contract summary for subscriber {msisdn} (lines=2) in {ms}ms", "c.n.crm.profile.ContractService"),
                                 ("I", "GET /v1/subscribers/{msisdn}/segments -> 200 in {ms}ms", "c.n.crm.profile.ProfileController")]),
    "billing-api": dict(team="billing", tier=2, tech=J, ns="billing", deps=["billing-db"],
                        sig=dict(rr=58, er=0.002, p99=0.31, cpu=0.22, mem=0.58), lpm=2, logs=[
                            ("I", "Invoice list served account={acct} count=6 in {ms2}ms", "c.n.billing.api.InvoiceController"),
                            ("I", "Unbilled usage computed account={acct} items=14 in {ms2}ms", "c.n.billing.api.UsageController"),
                            ("I", "HikariPool-1 - Pool stats (total=20, active=3, idle=17, waiting=0)", "com.zaxxer.hikari.pool.HikariPool")]),
    "billing-batch": dict(team="billing", tier=3, tech=J, ns="billing", deps=["billing-db", "kafka"],
                          sig=dict(cpu=0.18, mem=0.41), lpm=1, logs=[
                              ("I", "Step: [ratingStep] executed in {ms3}ms", "o.s.batch.core.step.AbstractStep"),
                              ("I", "Wrote chunk of 500 rated CDRs (cycle=BC07)", "c.n.billing.batch.CdrItemWriter")]),
    "payment-service": dict(team="payments", tier=1, tech=J, ns="payments", deps=["payments-db", "paynova-gateway"],
                            sig=dict(rr=24, er=0.004, p99=1.3, cpu=0.2, mem=0.55), lpm=2, ctx={"ms2": 420}, logs=[
                                ("I", "Authorisation approved ref=pn_{hex12} amount={amt} EUR in {ms2}ms", "c.n.pay.paynova.PaynovaClient"),
                                ("I", "Received paynova webhook event=payment.captured id=pn_{hex12}", "c.n.pay.web.WebhookController"),
                                ("W", "Authorisation declined ref=pn_{hex12} reason=insufficient_funds (issuer 51)", "c.n.pay.paynova.PaynovaClient")]),
    "topup-service": dict(team="payments", tier=1, tech=J, ns="payments", deps=["payment-service", "ocs-charging"],
                          sig=dict(rr=31, er=0.003, p99=1.6, cpu=0.17, mem=0.49), lpm=2, ctx={"ms2": 600}, logs=[
                              ("I", "Top-up completed msisdn={msisdn} amount={amt} channel=APP in {ms2}ms", "c.n.topup.TopupService"),
                              ("I", "Top-up completed msisdn={msisdn} amount={amt} channel=USSD in {ms2}ms", "c.n.topup.TopupService"),
                              ("I", "Voucher redeemed msisdn={msisdn} serial={n12}", "c.n.topup.VoucherService")]),
    # ---- charging
    "ocs-charging": dict(team="charging", tier=1, tech=J, ns="charging", deps=["charging-db", "balance-cache"],
                         desc="Online charging system (Diameter Gy/Ro credit control)",
                         sig=dict(rr=1400, er=0.0006, p99=0.048, cpu=0.44, mem=0.61), lpm=5, ctx={"ms": 6}, logs=[
                             ("I", "CCR-U session={sess} rg=1 used=1048576 granted=5242880 result=2001 {ms}ms", "c.n.ocs.gy.CcrHandler"),
                             ("I", "CCR-I session={sess} rg=1 granted=5242880 result=2001 {ms}ms", "c.n.ocs.gy.CcrHandler"),
                             ("I", "CCR-T session={sess} used=312004 result=2001 {ms}ms", "c.n.ocs.gy.CcrHandler"),
                             ("I", "Reservation committed msisdn={msisdn} units=5242880 bucket=DATA_MONTHLY", "c.n.ocs.balance.ReservationService")]),
    "diameter-gateway": dict(team="charging", tier=1, tech="go", ns="charging", deps=["ocs-charging"],
                             sig=dict(rr=1480, er=0.0005, p99=0.061, cpu=0.38, mem=0.33), lpm=4, ctx={"ms": 7}, logs=[
                                 ("I", "CCR handled origin_host={pgw} app=Gy type=UPDATE result=2001 latency={ms}ms"),
                                 ("I", "CCR handled origin_host={pgw} app=Gy type=INITIAL result=2001 latency={ms}ms"),
                                 ("I", "DWR/DWA peer={pgw} state=OPEN rtt=1ms")]),
    # ---- USSD
    "ussd-gateway": dict(team="vas", tier=2, tech="go", ns="vas", deps=["ussd-menu-service"],
                         sig=dict(rr=88, er=0.002, p99=0.9, cpu=0.21, mem=0.3), lpm=3, logs=[
                             ("I", "USSD BEGIN session={hex8} msisdn={msisdn} code={code}"),
                             ("I", "USSD END session={hex8} dur={ms2}ms result=OK")]),
    "ussd-menu-service": dict(team="vas", tier=2, tech="node", ns="vas", deps=["ocs-charging", "customer-profile"],
                              sig=dict(rr=85, er=0.002, p99=0.38, cpu=0.27, mem=0.44), lpm=3, logs=[
                                  ("I", "menu render code={code} node=root 200 {ms}ms"),
                                  ("I", "menu render code=*100# node=balance 200 {ms2}ms"),
                                  ("I", "GET /menu/bundles?segment=prepaid 200 {ms}ms")]),
    # ---- messaging
    "sms-gateway": dict(team="messaging", tier=1, tech=J, ns="messaging", deps=["kafka", "sms-db"],
                        desc="A2P SMS HTTP API for enterprise customers (OTP, alerts, marketing)",
                        sig=dict(rr=120, er=0.001, p99=0.09, cpu=0.29, mem=0.57), lpm=4, ctx={"ms": 11}, logs=[
                            ("I", "Accepted submit client=ent-{n4} msgId={uuid} parts=1 in {ms}ms", "c.n.sms.api.SubmitController"),
                            ("I", "Accepted submit client=ent-{n4} msgId={uuid} parts=2 in {ms}ms", "c.n.sms.api.SubmitController"),
                            ("I", "Produced batch to sms.submit partition={p} count=48", "c.n.sms.kafka.SubmitProducer")]),
    "sms-router": dict(team="messaging", tier=1, tech="go", ns="messaging", deps=["kafka", "smpp-connector"],
                       sig=dict(rr=118, er=0.001, p99=0.05, cpu=0.26, mem=0.31, sat=0.05), lpm=3, logs=[
                           ("I", "routed message id={uuid} route=bulkroute-eu prio=normal"),
                           ("I", "routed message id={uuid} route=bulkroute-eu prio=high"),
                           ("I", "committed offsets group=sms-router topic=sms.submit partition={p} offset={off}")]),
    "smpp-connector": dict(team="messaging", tier=1, tech=J, ns="messaging", deps=["bulkroute-sms"],
                           sig=dict(rr=116, er=0.002, p99=0.22, cpu=0.19, mem=0.46), lpm=3, ctx={"ms": 60}, logs=[
                               ("I", "submit_sm_resp seq={n6} status=ESME_ROK message_id={hex12} in {ms}ms", "c.n.smpp.SubmitTask"),
                               ("I", "enquire_link_resp received bind=bulkroute-trx-{n1}", "c.n.smpp.SessionKeeper"),
                               ("I", "deliver_sm (receipt) message_id={hex12} stat=DELIVRD", "c.n.smpp.ReceiptListener")]),
    "dlr-processor": dict(team="messaging", tier=2, tech="go", ns="messaging", deps=["kafka", "sms-db"],
                          sig=dict(rr=110, er=0.001, p99=0.03, cpu=0.22, mem=0.28, sat=0.04), lpm=3, logs=[
                              ("I", "dlr processed id={hex12} stat=DELIVRD err=000 lag_ms={ms2}"),
                              ("I", "dlr processed id={hex12} stat=UNDELIV err=001 lag_ms={ms2}"),
                              ("I", "committed offsets group=dlr-processor topic=sms.dlr partition={p} offset={off}")]),
    "notification-service": dict(team="digital", tier=2, tech="python", ns="digital", deps=["kafka"],
                                 sig=dict(rr=35, er=0.002, p99=0.12, cpu=0.15, mem=0.4), lpm=2, logs=[
                                     ("I", "queued sms template=bill_ready msisdn={msisdn} campaign=none", "notification.dispatch"),
                                     ("I", "queued sms template=topup_receipt msisdn={msisdn} campaign=none", "notification.dispatch"),
                                     ("I", "queued email template=invoice_pdf account={acct}", "notification.dispatch")]),
    # ---- provisioning
    "number-porting": dict(team="provisioning", tier=2, tech=J, ns="provisioning", deps=["porting-db", "portx-clearinghouse"],
                           sig=dict(rr=9, er=0.003, p99=0.8, cpu=0.12, mem=0.5), lpm=2, ctx={"ms2": 320}, logs=[
                               ("I", "Polled port request NP-{n6} status=CONFIRMED in {ms2}ms", "c.n.porting.npc.NpcClient"),
                               ("I", "Polled port request NP-{n6} status=PENDING_DONOR in {ms2}ms", "c.n.porting.npc.NpcClient"),
                               ("I", "Port-in submitted NP-{n6} donor=VDF-IE msisdn={msisdn}", "c.n.porting.web.PortInController")]),
    "provisioning-orchestrator": dict(team="provisioning", tier=2, tech="python", ns="provisioning",
                                      deps=["hlr-adapter", "number-porting", "kafka"],
                                      sig=dict(rr=14, er=0.004, p99=2.1, cpu=0.14, mem=0.37), lpm=2, logs=[
                                          ("I", "activation {uuid} step=hlr_create status=ok elapsed={ms2}ms", "orchestrator.workflow"),
                                          ("I", "activation {uuid} step=ocs_account status=ok elapsed={ms2}ms", "orchestrator.workflow"),
                                          ("I", "activation {uuid} completed steps=5 elapsed={ms3}ms", "orchestrator.workflow")]),
    "hlr-adapter": dict(team="provisioning", tier=2, tech="go", ns="provisioning", deps=[],
                        desc="Adapter in front of the HLR/HSS provisioning interface",
                        sig=dict(rr=16, er=0.002, p99=0.6, cpu=0.1, mem=0.22, sat=0.12), lpm=2, logs=[
                            ("I", "provisioning op=CREATE_SUBSCRIBER imsi={imsi} result=OK dur={ms2}ms"),
                            ("I", "provisioning op=UPDATE_APN imsi={imsi} result=OK dur={ms2}ms")]),
    "roaming-clearing": dict(team="wholesale", tier=3, tech="python", ns="wholesale", deps=["roaming-db", "roamex-clearing"],
                             desc="TAP3 file import/export and roaming settlement",
                             sig=dict(cpu=0.25, mem=0.35, sat=0.1), lpm=1, logs=[
                                 ("I", "loaded TAP file CDNWMOB{tadig}{seq} records=1834 in {ms3}ms", "tap.loader"),
                                 ("I", "RAP check passed for CDNWMOB{tadig}{seq}", "tap.validator")]),
    # ---- datastores
    "charging-db": dict(kind="datastore", desc="Oracle 19c RAC, OCS balances and sessions",
                        sig=dict(cpu=0.41, sat=0.3, p99=0.004)),
    "billing-db": dict(kind="datastore", desc="Oracle 19c, invoices and rated usage",
                       sig=dict(cpu=0.33, sat=0.25)),
    "crm-db": dict(kind="datastore", tech="raw", desc="PostgreSQL 15 (Patroni)", sig=dict(cpu=0.3, sat=0.22, mem=0.7),
                   lpm=0.3, logs=[("I", "LOG:  checkpoint complete: wrote 2291 buffers (1.7%); 0 WAL file(s) added, 0 removed, 3 recycled; write=269.8 s, sync=0.004 s, total=269.9 s"),
                                  ("I", "LOG:  automatic vacuum of table \"crm.public.subscriber_contact\": index scans: 1")]),
    "porting-db": dict(kind="datastore", tech="raw", desc="PostgreSQL 14", sig=dict(cpu=0.12, sat=0.41), lpm=0.2,
                       logs=[("I", "LOG:  checkpoint starting: time"),
                             ("I", "LOG:  checkpoint complete: wrote 412 buffers (0.3%); 0 WAL file(s) added, 0 removed, 1 recycled")]),
    "sms-db": dict(kind="datastore", tech="raw", desc="PostgreSQL 15, message records and receipts",
                   sig=dict(cpu=0.34, sat=0.28, p99=0.006), lpm=0.3,
                   logs=[("I", "LOG:  checkpoint complete: wrote 5127 buffers (3.9%); 0 WAL file(s) added, 0 removed, 4 recycled"),
                         ("I", "LOG:  automatic analyze of table \"sms.public.message\"")]),
    "payments-db": dict(kind="datastore", desc="PostgreSQL 15", sig=dict(cpu=0.15, sat=0.18)),
    "roaming-db": dict(kind="datastore", tech="raw", desc="PostgreSQL 14", sig=dict(cpu=0.2, sat=0.2), lpm=0.2,
                       logs=[("I", "LOG:  checkpoint complete: wrote 120 buffers (0.1%)")]),
    "redis-session": dict(kind="datastore", tech="raw", desc="Redis 7 sessions for selfcare",
                          sig=dict(cpu=0.22, mem=0.46, sat=0.2, p99=0.002), lpm=0.3,
                          logs=[("I", "1:M * 100 changes in 300 seconds. Saving..."),
                                ("I", "1:M * Background saving terminated with success")]),
    "balance-cache": dict(kind="datastore", tech="raw", desc="Redis 7 (sentinel) balance read cache",
                          sig=dict(cpu=0.28, mem=0.51, sat=0.15), lpm=0.3,
                          logs=[("I", "1:M * 10000 changes in 60 seconds. Saving..."),
                                ("I", "1:M * Background saving terminated with success")]),
    "kafka": dict(kind="queue", tech="raw", desc="Kafka 3.6, 5 brokers", sig=dict(sat=0.1), lpm=0.5,
                  logs=[("I", "[Log partition=sms.submit-{p}, dir=/var/lib/kafka/data] Rolled new log segment at offset {off} in 2 ms. (kafka.log.LocalLog)"),
                        ("I", "[GroupCoordinator 3]: Stabilized group billing-batch generation 412 (__consumer_offsets-17) with 2 members (kafka.coordinator.group.GroupCoordinator)")]),
    # ---- platform
    "cluster-dns": dict(kind="infrastructure", tech="raw", desc="CoreDNS (kube-system)"),
    "istio-ingressgateway": dict(kind="infrastructure", tech="raw", desc="Istio ingress gateway (north-south)"),
    "istiod": dict(kind="infrastructure", tech="raw", desc="Istio control plane (xDS, sidecar certificates)"),
    "node-pool-general": dict(kind="infrastructure", tech="raw", desc="General-purpose worker node pool (n2-standard-16)"),
    "node-pool-batch": dict(kind="infrastructure", tech="raw", desc="Batch node pool (billing, roaming)"),
    # ---- third parties
    "portx-clearinghouse": dict(kind="external", desc="National number-portability clearinghouse (api.portx-clearing.ie)"),
    "paynova-gateway": dict(kind="external", desc="Card payment gateway (api.paynova.com)"),
    "bulkroute-sms": dict(kind="external", desc="SMS aggregator, SMPP smpp-eu.bulkroute.net:2775"),
    "roamex-clearing": dict(kind="external", desc="Roaming data clearing house (sftp.roamex.net)"),
}
NORTHWAVE = Estate("nw", "Northwave Mobile", "nw-prod-eu1", "https://prometheus.nw-prod-eu1.northwave.internal",
                   "https://alertmanager.nw-prod-eu1.northwave.internal", "sre-opsdesk", "CHG",
                   ["a.byrne", "k.nowak", "s.oconnell", "m.fischer", "r.silva", "deploy-bot"], NW_TEAMS, NW)


# =========================================================================== Transitly
TL_TEAMS = {
    "fare": ("#tly-fare-collection", ["S05FARECOL1"]),
    "rider": ("#tly-rider-apps", ["S05RIDERAP2"]),
    "payments": ("#tly-payments", ["S05PAYMNTS3", "U03LMN8PQ4R"]),
    "planning": ("#tly-journey-planning", ["S05PLANNER4"]),
    "platform": ("#tly-platform", ["S05PLATFRM5"]),
    "_runbooks": "https://runbooks.transitly.io/alerts",
}
TL = {
    "validator-gateway": dict(team="fare", tier=1, tech="go", ns="fare",
                              desc="HTTPS endpoint for on-bus tap validators (taps, heartbeats, deny-list sync)",
                              deps=["rabbitmq"], sig=dict(rr=210, er=0.002, p99=0.08, cpu=0.3, mem=0.34), lpm=5,
                              ctx={"ms": 9}, logs=[
                                  ("I", "tap batch accepted validator={val} bus={bus} taps={n1} latency={ms}ms"),
                                  ("I", "heartbeat validator={val} bus={bus} fw=3.8.2 offline_queue=0"),
                                  ("I", "denylist delta served validator={val} version=88412 entries=3")]),
    "tap-processor": dict(team="fare", tier=1, tech=J, ns="fare", deps=["rabbitmq", "fare-engine", "journeys-db"],
                          sig=dict(rr=205, er=0.001, p99=0.14, cpu=0.42, mem=0.6), lpm=5, ctx={"ms": 21}, logs=[
                              ("I", "Processed tap {uuid} media=EMV route={route} stop={stop} product=PAYG result=OK in {ms}ms", "c.t.taps.TapConsumer"),
                              ("I", "Processed tap {uuid} media=ACCOUNT route={route} stop={stop} product=MONTHLY result=OK in {ms}ms", "c.t.taps.TapConsumer"),
                              ("I", "Journey {uuid} closed legs=2 capped=false", "c.t.taps.JourneyAssembler")]),
    "fare-engine": dict(team="fare", tier=1, tech=J, ns="fare", deps=["fares-db", "fare-cache"],
                        sig=dict(rr=260, er=0.0008, p99=0.035, cpu=0.28, mem=0.55), lpm=3, ctx={"ms": 4}, logs=[
                            ("I", "Quote zones={zones} product=SINGLE_ADULT price={fare} EUR cache=HIT {ms}ms", "c.t.fare.api.QuoteController"),
                            ("I", "Cap check account={uuid} period=DAY spent={fare} cap=7.00", "c.t.fare.capping.CapService")]),
    "journey-planner": dict(team="planning", tier=2, tech="python", ns="planning",
                            desc="Public journey planning API (app, website, third-party apps)",
                            deps=["timetable-db", "planner-cache", "gtfs-rt-ingest"],
                            sig=dict(rr=95, er=0.002, p99=0.85, cpu=0.4, mem=0.62), lpm=3, logs=[
                                ("I", "{ip}:{port} - \"GET /v1/plan?{plan} HTTP/1.1\" 200", "uvicorn.access"),
                                ("I", "itinerary computed options=3 transfers=1 in {ms2}ms", "planner.router"),
                                ("I", "{ip}:{port} - \"GET /v1/stops/{stop}/departures HTTP/1.1\" 200", "uvicorn.access")]),
    "gtfs-rt-ingest": dict(team="planning", tier=2, tech="go", ns="planning", deps=["orbitfleet-gtfs", "planner-cache"],
                           sig=dict(rr=0.2, er=0.0, p99=0.9, cpu=0.08, mem=0.2), lpm=2, logs=[
                               ("I", "fetched feed=trip_updates entities=1342 header_ts={epoch} bytes=482113 status=200"),
                               ("I", "fetched feed=vehicle_positions entities=611 header_ts={epoch} bytes=91230 status=200"),
                               ("I", "wrote 1342 trip updates to planner-cache in {ms}ms")]),
    "mobile-api": dict(team="rider", tier=1, tech="node", ns="rider", deps=["account-service", "ticket-service", "journey-planner"],
                       desc="Backend for the Transitly iOS/Android app",
                       sig=dict(rr=150, er=0.003, p99=0.6, cpu=0.33, mem=0.48), lpm=4, logs=[
                           ("I", "GET /v3/account/me 200 {ms2}ms"),
                           ("I", "GET /v3/plan 200 {ms2}ms"),
                           ("I", "POST /v3/tickets/purchase 201 {ms2}ms"),
                           ("I", "GET /v3/tickets/wallet 200 {ms2}ms"),
                           ("W", "POST /v3/auth/refresh 401 {ms}ms - refresh token expired")]),
    "ticket-service": dict(team="rider", tier=1, tech=J, ns="rider", deps=["tickets-db", "payment-service"],
                           sig=dict(rr=40, er=0.002, p99=0.5, cpu=0.24, mem=0.51), lpm=2, logs=[
                               ("I", "Ticket issued id=TKT-{n8} product=DAY_PASS channel=APP in {ms2}ms", "c.t.ticket.PurchaseService"),
                               ("I", "Ticket issued id=TKT-{n8} product=SINGLE channel=WEB in {ms2}ms", "c.t.ticket.PurchaseService"),
                               ("I", "Wallet served account={uuid} tickets=3 in {ms}ms", "c.t.ticket.WalletController")]),
    "account-service": dict(team="rider", tier=1, tech=J, ns="rider", deps=["accounts-db"],
                            sig=dict(rr=120, er=0.001, p99=0.15, cpu=0.26, mem=0.58), lpm=3, logs=[
                                ("I", "GET /accounts/{uuid} -> 200 in {ms}ms", "c.t.account.web.AccountController"),
                                ("I", "Issued access token for account {uuid} (ttl=900s)", "c.t.account.auth.TokenService"),
                                ("I", "HikariPool-1 - Pool stats (total=30, active=4, idle=26, waiting=0)", "com.zaxxer.hikari.pool.HikariPool")]),
    "payment-service": dict(team="payments", tier=1, tech=J, ns="payments", deps=["payments-db", "kestrel-acquiring"],
                            sig=dict(rr=32, er=0.004, p99=0.9, cpu=0.2, mem=0.5), lpm=3, ctx={"ms2": 280}, logs=[
                                ("I", "Auth approved token=tok_{hex12} amount=0.00 type=ACCOUNT_VERIFICATION rrn={n12} in {ms2}ms", "c.t.pay.kestrel.KestrelClient"),
                                ("I", "Deferred auth approved token=tok_{hex12} amount={fare} rrn={n12} in {ms2}ms", "c.t.pay.kestrel.KestrelClient"),
                                ("W", "Auth declined token=tok_{hex12} response_code=05 (do not honour)", "c.t.pay.kestrel.KestrelClient")]),
    "emv-settlement": dict(team="payments", tier=3, tech="python", ns="payments", deps=["journeys-db", "payment-service"],
                           sig=dict(cpu=0.1, mem=0.3), lpm=1, logs=[
                               ("I", "aggregated taps card=tok_{hex12} taps=4 charge={fare}", "settlement.aggregate")]),
    "notification-worker": dict(team="rider", tier=3, tech="python", ns="rider", deps=["rabbitmq"],
                                sig=dict(cpu=0.08, mem=0.3), lpm=1, logs=[
                                    ("I", "sent email template=receipt in {ms2}ms", "worker.email"),
                                    ("I", "sent push template=ticket_expiring in {ms}ms", "worker.push")]),
    "web-portal": dict(team="rider", tier=2, tech="node", ns="rider", deps=["account-service", "ticket-service"],
                       sig=dict(rr=30, er=0.002, p99=0.7, cpu=0.2, mem=0.45), lpm=2, logs=[
                           ("I", "GET /account/trips 200 {ms2}ms"),
                           ("I", "GET /tickets 200 {ms2}ms"),
                           ("I", "GET /_next/data/b7Hk2/fares.json 200 {ms}ms")]),
    # ---- datastores / queue
    "journeys-db": dict(kind="datastore", desc="MySQL 8.0 taps and journeys", sig=dict(cpu=0.38, sat=0.3)),
    "fares-db": dict(kind="datastore", desc="MySQL 8.0 fare tables", sig=dict(cpu=0.1, sat=0.08)),
    "timetable-db": dict(kind="datastore", tech="raw", desc="MySQL 8.0 GTFS static timetable",
                         sig=dict(cpu=0.35, sat=0.25, p99=0.012), lpm=0.2,
                         logs=[("I", "[Note] [MY-010914] [Server] Aborted connection 88213 to db: 'timetable' user: 'planner' host: '{ip}' (Got an error reading communication packets).")]),
    "tickets-db": dict(kind="datastore", tech="raw", desc="MySQL 8.0 tickets and orders",
                       sig=dict(cpu=0.25, sat=0.2, p99=0.008)),
    "accounts-db": dict(kind="datastore", tech="raw", desc="MySQL 8.0 rider accounts", sig=dict(cpu=0.2, sat=0.18)),
    "payments-db": dict(kind="datastore", desc="MySQL 8.0 payment tokens and auths", sig=dict(cpu=0.14, sat=0.12)),
    "fare-cache": dict(kind="datastore", desc="Redis 7 fare-rule cache"),
    "planner-cache": dict(kind="datastore", desc="Redis 7 realtime predictions", sig=dict(mem=0.55, cpu=0.12)),
    "rabbitmq": dict(kind="queue", tech="raw", desc="RabbitMQ 3.12 cluster (3 nodes)", sig=dict(sat=0.04, mem=0.3),
                     lpm=0.4, logs=[("I", "accepting AMQP connection <0.{n5}.0> ({ip}:{port} -> 10.42.7.14:5672)"),
                                    ("I", "connection <0.{n5}.0> ({ip}:{port} -> 10.42.7.14:5672): user 'tap-processor' authenticated and granted access to vhost 'fare'")]),
    # ---- platform
    "ingress-nginx": dict(kind="infrastructure", tech="raw", desc="ingress-nginx controller (public edge)", lpm=3, logs=[
        ("I", "{cip} - - [{ngts}] \"GET /v3/account/me HTTP/2.0\" 200 {bytes} \"-\" \"{ua}\" 61 0.0{n2} [rider-mobile-api-80] [] {ip}:8080 {bytes} 0.0{n2} 200 {hex16}"),
        ("I", "{cip} - - [{ngts}] \"GET /v3/plan HTTP/2.0\" 200 {bytes} \"-\" \"{ua}\" 64 0.{n3} [rider-mobile-api-80] [] {ip}:8080 {bytes} 0.{n3} 200 {hex16}"),
        ("I", "{cip} - - [{ngts}] \"GET /account/trips HTTP/1.1\" 200 {bytes} \"-\" \"{ua}\" 410 0.{n3} [rider-web-portal-80] [] {ip}:3000 {bytes} 0.{n3} 200 {hex16}")]),
    "coredns": dict(kind="infrastructure", tech="raw", desc="Cluster DNS (kube-system/coredns)"),
    "node-pool-workers": dict(kind="infrastructure", tech="raw", desc="Main worker node pool (e2-standard-8, 14 nodes)"),
    "node-pool-spot": dict(kind="infrastructure", tech="raw", desc="Spot node pool for batch work"),
    # ---- third parties
    "kestrel-acquiring": dict(kind="external", desc="Card acquirer for open-loop (EMV) payments, api.kestrel-acquiring.com"),
    "orbitfleet-gtfs": dict(kind="external", desc="AVL vendor GTFS-realtime feed, feeds.orbitfleet.io"),
}
TRANSITLY = Estate("tl", "Transitly", "tly-prod-1", "https://prometheus.tly-prod-1.transitly.io",
                   "https://alertmanager.tly-prod-1.transitly.io", "pagerduty-and-opsdesk", "CR-",
                   ["jmurphy", "aokafor", "lvanderberg", "pmartin", "ci-argocd"], TL_TEAMS, TL)


# =========================================================================== shared helpers
def add_sig(b, svc, key, level):
    b.sig.setdefault(svc, {})[SIGKEY[key]] = {"k": key, "level": level, "fx": []}


def startup(b, svc, m, version):
    tech = b.est.services[svc].get("tech")
    if tech == "java":
        app = "".join(p.capitalize() for p in svc.split("-")) + "Application"
        b.L(m, svc, "I", "Starting %s v%s using Java 21.0.4 with PID 1" % (app, version), logger="c.%s.%s" % (b.est.key[0], app))
        b.L(m + 0.3, svc, "I", "Tomcat started on port 8080 (http) with context path '/'", logger="o.s.b.w.embedded.tomcat.TomcatWebServer")
        b.L(m + 0.35, svc, "I", "Started %s in %.1f seconds (process running for %.1f)" % (app, 14 + b.rng.random() * 9, 16 + b.rng.random() * 9),
            logger="c.%s.%s" % (b.est.key[0], app))
    elif tech == "go":
        b.L(m, svc, "I", "starting %s version=%s commit=%s go=go1.22.5" % (svc, version, _hex(b.rng, 7)))
        b.L(m + 0.1, svc, "I", "http server listening addr=:8080")
    elif tech == "node":
        b.L(m, svc, "I", "%s@%s starting (node v20.15.1, NODE_ENV=production)" % (svc, version))
        b.L(m + 0.1, svc, "I", "server listening on http://0.0.0.0:3000")
    elif tech == "python":
        b.L(m, svc, "I", "Started server process [1]", logger="uvicorn.error")
        b.L(m + 0.05, svc, "I", "%s %s ready (workers=4)" % (svc, version), logger="app.main")


def java_trace(exc, frames):
    return exc + "".join("\n\tat " + f for f in frames)


# =========================================================================== Northwave scenarios
@scenario
def nw_dns():
    b = B(NORTHWAVE, "portal-and-ussd-intermittent-timeouts", "2025-02-11T19:42:00Z", 30, 2.5,
          "Since about 19:28 UTC customers report the My Northwave app spinning and USSD *100# returning "
          "'service unavailable'. Top-ups through the app are failing intermittently too. Errors are spread "
          "across several teams' services; nobody has changed anything in the last 20 minutes that they know of.",
          "infrastructure", "cluster-dns",
          "innocent ussd-menu-service deploy 31 min earlier; payment-service errors mention paynova host; cluster-dns absent from depends_on, no signals")
    svcs = ["selfcare-bff", "customer-profile", "billing-api", "ussd-gateway", "ussd-menu-service", "ocs-charging",
            "payment-service", "topup-service", "sms-gateway", "diameter-gateway"]
    b.base(*svcs)
    b.bglogs(*svcs, "kafka", "crm-db", t0=-70)
    on = -14
    b.fx("selfcare-bff", "er", "to", on, 0.085, 3); b.fx("selfcare-bff", "p99", "mul", on, 7, 3)
    b.fx("ussd-menu-service", "er", "to", on, 0.13, 2); b.fx("ussd-menu-service", "p99", "to", on, 2.6, 3)
    b.fx("ussd-gateway", "er", "to", on, 0.07, 3); b.fx("ussd-gateway", "p99", "mul", on, 2.4, 3)
    b.fx("payment-service", "er", "to", on, 0.05, 3); b.fx("payment-service", "p99", "mul", on, 2.0, 3)
    b.fx("topup-service", "er", "to", on, 0.09, 3); b.fx("topup-service", "p99", "mul", on, 2.5, 3)
    b.fx("customer-profile", "er", "to", on, 0.025, 3); b.fx("customer-profile", "rr", "mul", on, 0.85, 3)
    b.fx("billing-api", "er", "to", on, 0.03, 3)
    b.fx("sms-gateway", "er", "to", on, 0.012, 3)
    b.fx("ocs-charging", "p99", "mul", on, 1.15, 5)
    # the DNS pods
    for m in (-13.6, -11.2, -8.9, -6.1, -3.4):
        b.L(m, "cluster-dns", "I", "[INFO] SIGTERM: Shutting down servers then terminating", pod="coredns-7db6d8ff4d-x2fkq")
        b.L(m + 0.9, "cluster-dns", "I", "[INFO] plugin/ready: Still waiting on: \"kubernetes\"", pod="coredns-7db6d8ff4d-x2fkq")
    b.burst("cluster-dns", on, 0, 3, [
        ("E", "[ERROR] plugin/errors: 2 ocs-charging.charging.svc.cluster.local. A: read udp 10.42.4.19:41290->10.42.4.2:53: i/o timeout"),
        ("E", "[ERROR] plugin/errors: 2 api.paynova.com. A: read udp 10.42.4.19:53112->169.254.169.254:53: i/o timeout"),
        ("W", "[WARNING] plugin/kubernetes: Kubernetes API connection failure: Get \"https://10.96.0.1:443/version\": dial tcp 10.96.0.1:443: i/o timeout"),
        ("I", "[INFO] 10.42.{n1}.{n2}:{port} - {n5} \"A IN customer-profile.crm.svc.cluster.local. udp 70 false 512\" NOERROR qr,aa,rd 124 4.8{n2}1s")])
    b.burst("selfcare-bff", on, 0, 9, [
        ("E", "request to customer-profile failed: getaddrinfo EAI_AGAIN customer-profile.crm.svc.cluster.local"),
        ("E", "request to billing-api failed: getaddrinfo EAI_AGAIN billing-api.billing.svc.cluster.local"),
        ("E", "GET /api/v2/account/summary 502 {ms3}ms"),
        ("W", "redis-session reconnecting after error: getaddrinfo EAI_AGAIN redis-session.digital.svc.cluster.local")], ctx={"ms3": 5000})
    b.burst("ussd-menu-service", on, 0, 7, [
        ("E", "balance node failed: getaddrinfo EAI_AGAIN ocs-charging.charging.svc.cluster.local"),
        ("E", "menu render code=*100# node=balance 503 {ms3}ms"),
        ("E", "profile lookup failed: getaddrinfo ENOTFOUND customer-profile.crm.svc.cluster.local")])
    b.burst("topup-service", on, 0, 4, [
        ("E", "Top-up failed msisdn={msisdn}: I/O error on POST request for \"http://payment-service.payments.svc.cluster.local:8080/v1/payments\": "
              "payment-service.payments.svc.cluster.local: Temporary failure in name resolution", "c.n.topup.TopupService")])
    b.burst("payment-service", on, 0, 3, [
        ("E", "I/O error on POST request for \"https://api.paynova.com/v3/payments\": api.paynova.com: Temporary failure in name resolution; "
              "nested exception is java.net.UnknownHostException: api.paynova.com: Temporary failure in name resolution", "c.n.pay.paynova.PaynovaClient")])
    b.burst("customer-profile", on, 0, 1.5, [
        ("W", "HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@4d1b2c0a (This connection has been closed.). "
              "Possibly consider using a shorter maxLifetime value.", "com.zaxxer.hikari.pool.PoolBase"),
        ("E", "HikariPool-1 - Exception during pool initialization: The connection attempt failed. java.net.UnknownHostException: crm-db.crm.svc.cluster.local",
         "com.zaxxer.hikari.pool.HikariPool")])
    b.burst("billing-api", on, 0, 1.2, [
        ("E", "Could not get JDBC Connection; nested exception is java.sql.SQLRecoverableException: IO Error: Unknown host specified "
              "(CONNECTION_ID=Qk2r9ZtTSvO1s7lV4bq0Ag==)", "o.h.engine.jdbc.spi.SqlExceptionHelper")])
    b.burst("sms-gateway", on, 0, 0.6, [
        ("W", "[Producer clientId=sms-gateway-1] Error connecting to node kafka-2.kafka-headless.data.svc.cluster.local:9092 (id: 2 rack: eu1-b)",
         "org.apache.kafka.clients.NetworkClient")])
    b.deploy("ussd-menu-service", "deploy", "2.19.0", "2.18.4", -31, 4, "k.nowak",
             "CHG: ussd-menu-service 2.19.0 - new copy for *123# bundle menu (VAS-612), no API changes. Rolling update, 3 replicas.")
    b.deploy("billing-batch", "deploy", "9.4.1", "9.4.0", -138, 6, "deploy-bot",
             "Scheduled release train: billing-batch 9.4.1 (rating rounding fix BILL-871).")
    startup(b, "ussd-menu-service", -30, "2.19.0")
    b.alert("SelfcareBffHighErrorRate", "selfcare-bff", "critical", -6, "selfcare-bff 5xx ratio above 5%",
            "selfcare-bff is returning 8.4% 5xx over the last 5 minutes.",
            'sum(rate(http_requests_total{service="selfcare-bff",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="selfcare-bff"}[5m])) > 0.05', team="digital")
    b.alert("UssdMenuServiceErrorRate", "ussd-menu-service", "warning", -5, "ussd-menu-service errors above 5%",
            "USSD menu errors at 12.7% (code *100# balance node most affected).",
            'sum(rate(http_requests_total{service="ussd-menu-service",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="ussd-menu-service"}[5m])) > 0.05', team="vas")
    b.alert("TopupFailureRateHigh", "topup-service", "critical", -4, "Top-up failure rate above 5%",
            "9% of top-ups failed in the last 10 minutes.",
            'sum(rate(topup_attempts_total{result="failed"}[10m]))/sum(rate(topup_attempts_total[10m])) > 0.05', team="payments")
    return b


@scenario
def nw_istiod():
    b = B(NORTHWAVE, "selfcare-and-topup-503s", "2025-03-04T07:18:00Z", 15, 1.75,
          "Morning peak, 07:06 UTC onwards: top-ups from the app and USSD are failing with 503, the app shows "
          "'something went wrong' on the account page. Payments team says the payment gateway looks healthy from their side.",
          "infrastructure", "istiod",
          "resolved payment-service latency alert in body; routine paynova declines; istiod not in any depends_on and has no signals or logs")
    svcs = ["selfcare-bff", "customer-profile", "billing-api", "ussd-menu-service", "topup-service", "payment-service",
            "ocs-charging", "diameter-gateway", "sms-gateway"]
    b.base(*svcs)
    b.drop("diameter-gateway", "mem")
    b.bglogs(*svcs, "kafka", "crm-db", t0=-60)
    on = -12
    b.fx("topup-service", "er", "to", on, 0.34, 4); b.fx("topup-service", "rr", "mul", on, 1.2, 6)
    b.fx("selfcare-bff", "er", "to", on, 0.17, 4)
    b.fx("ussd-menu-service", "er", "to", on, 0.1, 4)
    b.fx("customer-profile", "rr", "mul", on, 0.72, 4)
    b.fx("billing-api", "rr", "mul", on, 0.8, 4)
    b.fx("payment-service", "rr", "mul", on, 0.6, 4)
    b.fx("ocs-charging", "rr", "mul", on, 0.96, 4)
    b.fx("payment-service", "p99", "mul", -75, 2.2, 3, t1=-58)
    # sidecars lose xDS long before (invisible), certificates expire in a wave at onset
    for svc in ["topup-service", "selfcare-bff", "ussd-menu-service", "payment-service", "customer-profile"]:
        b.burst(svc, -55, 0, 0.5, [
            ("W", "warning\tenvoy config\tStreamAggregatedResources gRPC config stream to xds-grpc closed since {n3}s ago: 14, connection error: "
                  "desc = \"transport: Error while dialing: dial tcp 10.96.14.22:15012: connect: connection refused\"", "istio-proxy")],
                ctx=None)
        b.burst(svc, -40, 0, 0.3, [
            ("E", "error\tcache\tresource:default failed to sign: create certificate: rpc error: code = Unavailable desc = connection error: "
                  "desc = \"transport: Error while dialing: dial tcp: connect istiod.istio-system.svc:15012: connection refused\"", "istio-proxy")])
    b.burst("topup-service", on, 0, 6, [
        ("E", "Top-up failed msisdn={msisdn}: 503 Service Unavailable from POST http://payment-service.payments.svc.cluster.local:8080/v1/payments: "
              "\"upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection failure, transport failure "
              "reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end\"", "c.n.topup.TopupService"),
        ("E", "Top-up failed msisdn={msisdn}: 503 Service Unavailable from POST http://ocs-charging.charging.svc.cluster.local:8080/v2/recharge: "
              "\"upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error\"",
         "c.n.topup.TopupService")])
    b.burst("selfcare-bff", on, 0, 6, [
        ("E", "upstream customer-profile responded 503: upstream connect error or disconnect/reset before headers. reset reason: connection failure, "
              "transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED"),
        ("E", "GET /api/v2/account/summary 503 {ms}ms"),
        ("E", "POST /api/v2/topup 503 {ms2}ms")])
    b.burst("ussd-menu-service", on, 0, 3, [
        ("E", "balance node failed: ocs-charging 503 upstream connect error or disconnect/reset before headers. reset reason: connection failure")])
    b.burst("selfcare-bff", on, 0, 1.5, [
        ("W", "[2025-03-04T07:1{n1}:{n2}.{n3}Z] \"GET /v1/subscribers/profile HTTP/1.1\" 503 UF upstream_reset_before_response_started{connection_failure|TLS_error} "
              "- \"-\" 0 201 1 - \"-\" \"undici\" \"{uuid}\" \"customer-profile.crm.svc.cluster.local:8080\" \"10.42.{n1}.{n2}:8080\"", "istio-proxy")])
    b.deploy("payment-service", "config", "cfg-2025.03.04-1", "cfg-2025.02.27-2", -95, 1, "r.silva",
             "CHG: payment-service: raise paynova read timeout 8s -> 10s during gateway maintenance window (PAY-1102). Config only.")
    b.alert("PaymentServiceLatencyHigh", "payment-service", "warning", -73, "payment-service p99 above 3s",
            "paynova authorisation p99 3.4s", 'histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket{service="payment-service"}[5m]))) > 3',
            status="resolved", t1=-57, team="payments")
    b.alert("TopupFailureRateHigh", "topup-service", "critical", -7, "Top-up failure rate above 5%",
            "34% of top-ups failed in the last 10 minutes.",
            'sum(rate(topup_attempts_total{result="failed"}[10m]))/sum(rate(topup_attempts_total[10m])) > 0.05', team="payments")
    b.alert("SelfcareBffHighErrorRate", "selfcare-bff", "critical", -5, "selfcare-bff 5xx ratio above 5%",
            "selfcare-bff is returning 17% 5xx over the last 5 minutes.",
            'sum(rate(http_requests_total{service="selfcare-bff",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="selfcare-bff"}[5m])) > 0.05', team="digital")
    b.alert("UssdMenuServiceErrorRate", "ussd-menu-service", "warning", -3, "ussd-menu-service errors above 5%",
            "USSD menu errors at 10%.",
            'sum(rate(http_requests_total{service="ussd-menu-service",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="ussd-menu-service"}[5m])) > 0.05', team="vas")
    return b


@scenario
def nw_nodes():
    b = B(NORTHWAVE, "prepaid-data-drops-and-sms-delays", "2025-01-22T02:26:00Z", 60, 3,
          "Night shift: from roughly 02:10 UTC the NOC sees prepaid data sessions being dropped (Gy errors from the PGWs) and "
          "SMS throughput to the aggregator falling. Several pods across charging and messaging restarted.",
          "infrastructure", "node-pool-general",
          "billing-batch nightly run pegging CPU on the batch pool (noisy neighbour); innocent sms-router deploy 45 min earlier")
    svcs = ["diameter-gateway", "ocs-charging", "sms-router", "smpp-connector", "sms-gateway", "ussd-menu-service",
            "customer-profile", "billing-batch", "dlr-processor"]
    b.base(*svcs)
    b.base("charging-db", "kafka")
    b.bglogs(*svcs, "kafka", t0=-75, scale=0.6)
    on = -16
    b.fx("billing-batch", "cpu", "to", -150, 0.93, 10); b.fx("billing-batch", "mem", "to", -150, 0.78, 20)
    b.fx("diameter-gateway", "er", "to", on, 0.045, 3); b.fx("diameter-gateway", "p99", "mul", on, 4, 3)
    b.fx("ocs-charging", "rr", "mul", on, 0.7, 3); b.fx("ocs-charging", "p99", "mul", on, 3.5, 3); b.fx("ocs-charging", "cpu", "to", on, 0.81, 3)
    b.fx("ocs-charging", "er", "to", on, 0.02, 3)
    b.fx("sms-router", "rr", "mul", on, 0.45, 3); b.fx("sms-router", "sat", "lin", on, 1.6, cap=0.7)
    b.fx("smpp-connector", "rr", "mul", on, 0.5, 3); b.fx("smpp-connector", "er", "to", on, 0.03, 3)
    b.fx("sms-gateway", "p99", "mul", on, 1.8, 3)
    b.fx("ussd-menu-service", "er", "to", on, 0.04, 3)
    b.fx("dlr-processor", "rr", "mul", on, 0.55, 3)
    b.fx("kafka", "sat", "lin", on, 0.9, cap=0.35)
    b.gap("ocs-charging", on + 2, on + 6); b.gap("sms-router", on + 1, on + 5)
    nodes = ["gke-nw-prod-eu1-general-4f1c2a-x7kq", "gke-nw-prod-eu1-general-4f1c2a-m2zd", "gke-nw-prod-eu1-general-4f1c2a-b9tw"]
    for i, n in enumerate(nodes):
        m = on - 3 + i * 0.8
        b.L(m, "node-pool-general", "W", "\"PLEG is not healthy\" pleg=\"pleg was last seen active 3m0.412s ago; threshold is 3m0s\"", pod=n)
        b.L(m + 0.2, "node-pool-general", "E", "\"Skipping pod synchronization\" err=\"[container runtime is down, PLEG is not healthy: pleg was last seen active 3m0.6s ago; threshold is 3m0s]\"", pod=n)
        b.L(m + 0.9, "node-pool-general", "I", "\"Node became not ready\" node=\"%s\" condition={Type:Ready Status:False Reason:KubeletNotReady Message:container runtime is down}" % n, pod=n)
        b.L(m + 5.4, "node-pool-general", "I", "\"Marking for deletion Pod\" pod=\"charging/ocs-charging-6b7d9c5f8d-%s\" node=\"%s\"" % (_hex(b.rng, 5), n), pod="kube-controller-manager")
        b.L(m + 5.5, "node-pool-general", "I", "\"Marking for deletion Pod\" pod=\"messaging/sms-router-5c8f7b6d4-%s\" node=\"%s\"" % (_hex(b.rng, 5), n), pod="kube-controller-manager")
    b.burst("node-pool-general", on, 0, 2, [
        ("E", "\"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"istio-proxy\\\" with RunContainerError: \\\"context deadline exceeded\\\"\""),
        ("W", "\"Failed to get status for pod\" err=\"rpc error: code = DeadlineExceeded desc = context deadline exceeded\"")])
    b.burst("diameter-gateway", on, 0, 8, [
        ("E", "CCR forward failed origin_host={pgw} upstream=ocs-charging.charging.svc.cluster.local:3868 err=\"read: connection reset by peer\" answered=5012"),
        ("W", "upstream ocs-charging endpoint removed addr=10.42.{n1}.{n2}:3868 reason=connection refused"),
        ("E", "CCR forward timeout origin_host={pgw} upstream=ocs-charging after 1500ms answered=DIAMETER_UNABLE_TO_COMPLY")])
    b.burst("ocs-charging", on + 4, 0, 1, [("W", "Session state for {sess} not found on this node, rebuilding from charging-db", "c.n.ocs.gy.SessionRegistry")])
    b.burst("sms-router", on, 0, 2, [
        ("W", "kafka: consumer group rebalance in progress group=sms-router generation={n3}"),
        ("E", "submit to smpp-connector failed: Post \"http://smpp-connector.messaging.svc.cluster.local:8080/v1/submit\": dial tcp 10.42.{n1}.{n2}:8080: connect: connection refused")])
    b.burst("smpp-connector", on, 0, 1, [("W", "Bind bulkroute-trx-{n1} lost: java.io.IOException: Connection reset by peer; rebinding in 5s", "c.n.smpp.SessionKeeper")])
    b.burst("billing-batch", -140, 0, 0.4, [("W", "Chunk processing slow: 500 items in {ms3}ms (cycle=BC07)", "c.n.billing.batch.CdrItemWriter")], ctx={"ms3": 9000})
    b.L(on + 2, "kafka", "I", "[GroupCoordinator 1]: Member sms-router-7f9d-2b1c in group sms-router has failed, removing it from the group (kafka.coordinator.group.GroupCoordinator)")
    b.deploy("sms-router", "deploy", "1.31.2", "1.31.1", -45, 5, "m.fischer",
             "CHG: sms-router 1.31.2 - expose per-route latency histogram (MSG-2207). No routing logic change.")
    startup(b, "sms-router", -44, "1.31.2")
    b.alert("DiameterGatewayErrorBudgetBurn", "diameter-gateway", "critical", -8, "Gy error budget burning 14x",
            "diameter-gateway is answering 4.5% of CCRs with 5012/timeouts.",
            'sum(rate(diameter_answers_total{service="diameter-gateway",result_code!="2001"}[5m]))/sum(rate(diameter_answers_total{service="diameter-gateway"}[5m])) > 0.01', team="charging")
    b.alert("SmsRouterThroughputDrop", "sms-router", "warning", -6, "sms-router throughput 50% below forecast",
            "Routed messages/s dropped from 118 to 55.", 'sum(rate(sms_routed_total[5m])) < 0.6 * sum(rate(sms_routed_total[5m] offset 1w))', team="messaging")
    b.alert("OcsChargingLatencyHigh", "ocs-charging", "warning", -5, "OCS CCR p99 above 150ms",
            "ocs-charging p99 is 170ms.", 'histogram_quantile(0.99, sum by (le)(rate(ccr_duration_seconds_bucket{service="ocs-charging"}[5m]))) > 0.15', team="charging")
    return b


@scenario
def nw_sms_surge():
    b = B(NORTHWAVE, "bank-otp-sms-slow", "2025-03-31T09:07:00Z", 15, 2,
          "From about 08:47 UTC enterprise customers (two banks) report OTP SMS taking 30-90 s to arrive and some "
          "submits to the SMS API timing out. Messaging on-call paged for API latency; DBA channel also has a connections warning.",
          "traffic_surge", "sms-gateway",
          "sms-db alert fires alongside the API alert; occasional aggregator throttling warnings; unrelated dlr-processor config change an hour earlier")
    svcs = ["sms-gateway", "sms-router", "smpp-connector", "dlr-processor", "notification-service", "selfcare-bff"]
    b.base(*svcs, "sms-db", "kafka")
    b.bglogs(*svcs, "kafka", "sms-db", t0=-60)
    on = -20
    b.fx("sms-gateway", "rr", "mul", on, 5.6, 4); b.fx("sms-gateway", "cpu", "to", on, 0.74, 4)
    b.fx("sms-gateway", "p99", "to", on + 6, 3.9, 6); b.fx("sms-gateway", "er", "to", on + 8, 0.055, 4)
    b.fx("sms-db", "cpu", "to", on + 1, 0.97, 5); b.fx("sms-db", "sat", "to", on + 2, 0.985, 6); b.fx("sms-db", "p99", "to", on + 2, 0.26, 6)
    b.fx("sms-router", "rr", "mul", on + 1, 2.7, 4); b.fx("sms-router", "sat", "to", on + 4, 0.55, 8)
    b.fx("smpp-connector", "rr", "mul", on + 1, 2.6, 4); b.fx("smpp-connector", "p99", "mul", on + 2, 1.6, 4)
    b.fx("dlr-processor", "rr", "mul", on + 3, 2.4, 5); b.fx("dlr-processor", "p99", "mul", on + 3, 3.0, 5)
    b.fx("kafka", "sat", "to", on + 4, 0.32, 6)
    b.burst("sms-gateway", on, 0, 14, [
        ("I", "Accepted submit client=ent-4471 msgId={uuid} parts=1 in {ms}ms", "c.n.sms.api.SubmitController"),
        ("I", "Accepted submit client=ent-4471 msgId={uuid} parts=1 in {ms2}ms", "c.n.sms.api.SubmitController"),
        ("I", "Accepted submit client=ent-2093 msgId={uuid} parts=1 in {ms2}ms", "c.n.sms.api.SubmitController")], ctx={"ms2": 900})
    b.burst("sms-gateway", on + 2, 0, 0.5, [
        ("W", "Client ent-4471 submit rate {n3} msg/s exceeds contracted 150 msg/s (soft limit, enforcement disabled)", "c.n.sms.api.RateGuard")])
    b.burst("sms-gateway", on + 8, 0, 5, [
        ("E", "Could not open JDBC Connection for transaction; nested exception is java.sql.SQLTransientConnectionException: "
              "HikariPool-1 - Connection is not available, request timed out after 3000ms.", "o.s.web.servlet.DispatcherServlet"),
        ("W", "HikariPool-1 - Pool stats (total=60, active=60, idle=0, waiting={n3})", "com.zaxxer.hikari.pool.HikariPool"),
        ("E", "POST /v1/sms/submit -> 503 in {ms3}ms (message record insert timed out)", "c.n.sms.api.SubmitController")], ctx={"ms3": 3100})
    b.burst("sms-db", on + 4, 0, 3, [
        ("W", "LOG:  duration: {ms3}.{n3} ms  execute S_3: INSERT INTO message (id, client_id, msisdn, body_hash, status, created_at) VALUES ($1,$2,$3,$4,'ACCEPTED',now())"),
        ("W", "LOG:  duration: {ms3}.{n3} ms  execute S_7: UPDATE message SET status = $1, updated_at = now() WHERE id = $2"),
        ("E", "FATAL:  sorry, too many clients already"),
        ("I", "LOG:  checkpoints are occurring too frequently (19 seconds apart)"),
        ("I", "HINT:  Consider increasing the configuration parameter \"max_wal_size\".")])
    b.burst("smpp-connector", -60, 0, 0.3, [("W", "submit_sm_resp status=ESME_RTHROTTLED (0x58) from bulkroute-trx-2, backing off 200ms", "c.n.smpp.SubmitTask")])
    b.deploy("dlr-processor", "config", "cfg-118", "cfg-117", -66, 1, "m.fischer",
             "CHG: dlr-processor: raise log level of receipt parser to debug for ticket MSG-2281 (UNDELIV code mapping). Revert by 12:00.")
    b.alert("SmsGatewayLatencyHigh", "sms-gateway", "critical", -5, "SMS API p99 above 1s",
            "sms-gateway submit p99 is 3.6s (SLO 1s).",
            'histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket{service="sms-gateway",route="/v1/sms/submit"}[5m]))) > 1', team="messaging")
    b.alert("PostgresConnectionsNearLimit", "sms-db", "warning", -4, "sms-db connections above 95% of max_connections",
            "sms-db has 392/400 connections in use.",
            'sum(pg_stat_activity_count{instance=~"sms-db.*"}) / max(pg_settings_max_connections{instance=~"sms-db.*"}) > 0.95', team="messaging")
    return b


@scenario
def nw_session_surge():
    b = B(NORTHWAVE, "session-store-latency-alert", "2025-02-03T18:34:00Z", 30, 2,
          "18:29 UTC: the session Redis for selfcare is alerting on connected clients and command latency. App users on social "
          "media say login is slow or fails. No incident open on the app side yet.",
          "traffic_surge", "selfcare-bff",
          "only the datastore alerts; innocent billing-api deploy 38 min earlier; customer-profile background 4xx warnings")
    svcs = ["selfcare-bff", "customer-profile", "billing-api", "payment-service", "ussd-menu-service"]
    b.base(*svcs, "redis-session", "crm-db")
    b.drop("crm-db", "mem")
    b.bglogs(*svcs, "redis-session", "crm-db", t0=-60)
    on = -26
    b.fx("selfcare-bff", "rr", "mul", on, 4.6, 6); b.fx("selfcare-bff", "cpu", "to", on, 0.78, 6)
    b.fx("selfcare-bff", "p99", "mul", on + 12, 5.5, 5); b.fx("selfcare-bff", "er", "to", on + 14, 0.042, 4)
    b.fx("redis-session", "cpu", "to", on + 2, 0.96, 10); b.fx("redis-session", "sat", "to", on + 4, 0.97, 14)
    b.fx("redis-session", "p99", "to", on + 8, 0.085, 8); b.fx("redis-session", "mem", "to", on + 2, 0.71, 20)
    b.fx("customer-profile", "rr", "mul", on, 2.6, 6); b.fx("customer-profile", "p99", "mul", on + 4, 1.6, 6)
    b.fx("billing-api", "rr", "mul", on, 3.1, 6); b.fx("billing-api", "p99", "mul", on + 4, 1.4, 6)
    b.fx("crm-db", "cpu", "to", on, 0.55, 8)
    b.burst("selfcare-bff", on, 0, 10, [
        ("I", "POST /api/v2/auth/session 201 {ms2}ms"),
        ("I", "GET /api/v2/bills?limit=6&utm_campaign=price-change-feb25 200 {ms2}ms"),
        ("I", "GET /api/v2/account/summary 200 {ms2}ms"),
        ("I", "GET /api/v2/tariff/changes?utm_campaign=price-change-feb25 200 {ms2}ms")], ctx={"ms2": 380})
    b.burst("selfcare-bff", on + 12, 0, 6, [
        ("E", "session lookup failed: Connection timeout after 2000ms (redis-session.digital.svc.cluster.local:6379)"),
        ("E", "session store error: ReplyError: ERR max number of clients reached"),
        ("E", "POST /api/v2/auth/session 503 {ms3}ms"),
        ("W", "ioredis reconnecting to redis-session.digital.svc.cluster.local:6379 (attempt {n1})")], ctx={"ms3": 2100})
    b.burst("customer-profile", -60, 0, 0.4, [("W", "GET /v1/subscribers/{msisdn}/profile -> 404 (subscriber ported out)", "c.n.crm.profile.ProfileController")])
    b.deploy("billing-api", "deploy", "5.8.2", "5.8.1", -38, 5, "s.oconnell",
             "CHG: billing-api 5.8.2 - fix VAT label on credit notes (BILL-879). Rolling, 4 replicas.")
    startup(b, "billing-api", -37, "5.8.2")
    b.alert("RedisConnectedClientsHigh", "redis-session", "critical", -5, "redis-session connected clients above 90% of maxclients",
            "redis-session has 9,712 of 10,000 clients connected.",
            'redis_connected_clients{service="redis-session"} / redis_config_maxclients{service="redis-session"} > 0.9', team="digital")
    b.alert("RedisCommandLatencyHigh", "redis-session", "warning", -3, "redis-session command latency high",
            "Average command latency 85ms over 5m.",
            'rate(redis_commands_duration_seconds_total{service="redis-session"}[5m]) / rate(redis_commands_processed_total{service="redis-session"}[5m]) > 0.01', team="digital")
    return b


@scenario
def nw_campaign_lag():
    b = B(NORTHWAVE, "promo-sms-queue-lag", "2025-04-17T11:12:00Z", 20, 2.5,
          "11:05 UTC: SMS submit topic lag alert for the router consumer group; customer care reports OTPs for app login "
          "arriving 10+ minutes late. The SMS API itself responds normally.",
          "traffic_surge", "notification-service",
          "config change on the consumer (sms-router) 24 min before; consumer lag alert louder than anything on the producer")
    svcs = ["notification-service", "sms-router", "smpp-connector", "sms-gateway", "dlr-processor", "selfcare-bff"]
    b.base(*svcs, "kafka")
    b.bglogs(*svcs, "kafka", t0=-70)
    on = -28
    b.fx("notification-service", "rr", "mul", on, 9.5, 3); b.fx("notification-service", "cpu", "to", on, 0.62, 3)
    b.fx("sms-router", "rr", "mul", on, 2.2, 4); b.fx("sms-router", "cpu", "to", on, 0.86, 4)
    b.fx("sms-router", "sat", "lin", on, 1.9, cap=0.88)
    b.fx("kafka", "sat", "lin", on, 1.1, cap=0.45)
    b.fx("smpp-connector", "rr", "mul", on, 2.1, 4); b.fx("smpp-connector", "p99", "mul", on, 1.7, 4)
    b.fx("dlr-processor", "rr", "mul", on + 3, 1.9, 5)
    b.L(on, "notification-service", "I", "campaign easter-bundle-2025 started: audience=1,912,440 channel=sms throttle=none priority=normal", logger="notification.campaigns")
    b.burst("notification-service", on, 0, 6, [
        ("I", "campaign easter-bundle-2025: dispatched batch {n3}/3825 (500 msgs) to sms.submit", "notification.campaigns"),
        ("I", "queued sms template=easter_bundle msisdn={msisdn} campaign=easter-bundle-2025", "notification.dispatch")])
    b.burst("sms-router", on + 5, 0, 1.5, [
        ("W", "consumer lag high group=sms-router topic=sms.submit lag={n6}"),
        ("W", "high-priority message waited {n3}s in partition before routing id={uuid} client=northwave-otp")])
    b.burst("smpp-connector", on + 3, 0, 0.8, [("W", "Window full on bulkroute-trx-{n1} (50/50), waiting for submit_sm_resp", "c.n.smpp.SubmitTask")])
    b.deploy("sms-router", "config", "routes-2025.04.17", "routes-2025.04.02", -24, 1, "k.nowak",
             "CHG: sms-router route table: remove retired route legacy-smsc-2 (weight already 0%) (MSG-2301). No change for bulkroute-eu.")
    b.L(-23.5, "sms-router", "I", "route table reloaded version=routes-2025.04.17 routes=1 default=bulkroute-eu")
    b.alert("KafkaConsumerLagHigh", "sms-router", "critical", -7, "Consumer group sms-router lag above 100k",
            "sms-router lag on sms.submit is 1.4M messages and growing.",
            'sum by (consumergroup, topic)(kafka_consumergroup_lag{consumergroup="sms-router"}) > 100000',
            consumergroup="sms-router", topic="sms.submit", team="messaging")
    b.alert("SmsEndToEndDeliveryP95High", "sms-gateway", "warning", -4, "OTP end-to-end delivery p95 above 30s",
            "Synthetic OTP probe p95 delivery time 11m.", 'histogram_quantile(0.95, sum by (le)(rate(sms_e2e_probe_seconds_bucket[10m]))) > 30', team="messaging")
    return b


@scenario
def nw_dlr_deploy():
    b = B(NORTHWAVE, "delivery-receipt-backlog", "2025-02-26T15:40:00Z", 30, 2,
          "15:34 UTC: enterprise customers see message status stuck at SENT in the API and the DLR consumer lag alert is "
          "firing. SMS themselves appear to be delivered to handsets normally.",
          "deploy", "dlr-processor",
          "resolved sms-db replication-lag alert in body; aggregator-side receipt delay warnings for one foreign network")
    svcs = ["dlr-processor", "smpp-connector", "sms-router", "sms-gateway", "notification-service"]
    b.base(*svcs, "sms-db", "kafka")
    b.bglogs(*svcs, "kafka", "sms-db", t0=-70)
    dep = -35
    b.deploy("dlr-processor", "deploy", "3.4.0", "3.3.2", dep, 4, "m.fischer",
             "CHG: dlr-processor 3.4.0 - enrich delivery receipts with campaign metadata for enterprise reporting (MSG-2290). "
             "Rolling update 3 pods; no schema change.")
    b.deploy("notification-service", "deploy", "1.22.0", "1.21.3", -105, 6, "deploy-bot", "Release train: notification-service 1.22.0 (email template fixes).")
    startup(b, "dlr-processor", dep + 1, "3.4.0")
    b.L(dep + 1.2, "dlr-processor", "I", "receipt enrichment enabled lookup=sms-db table=message batch=false")
    b.L(dep + 1.5, "kafka", "I", "[GroupCoordinator 2]: Preparing to rebalance group dlr-processor in state PreparingRebalance with old generation 311 (__consumer_offsets-9) (reason: Adding new member dlr-processor-3f1b with group instance id None) (kafka.coordinator.group.GroupCoordinator)")
    on = dep + 3
    b.fx("dlr-processor", "rr", "to", on, 34, 3); b.fx("dlr-processor", "p99", "to", on, 0.46, 3)
    b.fx("dlr-processor", "sat", "lin", on, 2.1, cap=0.9); b.fx("dlr-processor", "cpu", "to", on, 0.15, 3)
    b.fx("sms-db", "cpu", "to", on, 0.58, 4); b.fx("sms-db", "p99", "mul", on, 2.2, 4)
    b.fx("kafka", "sat", "lin", on, 0.6, cap=0.28)
    b.fx("sms-db", "sat", "to", -82, 0.45, 3, t1=-62)
    b.burst("dlr-processor", on, 0, 2, [
        ("W", "slow enrichment lookup id={hex12} took {ms2}ms"),
        ("W", "consumer lag group=dlr-processor topic=sms.dlr lag={n6}")], ctx={"ms2": 420})
    b.burst("sms-gateway", on + 10, 0, 1, [
        ("I", "GET /v1/sms/{uuid}/status -> 200 status=SENT age={n3}s", "c.n.sms.api.StatusController")])
    b.burst("smpp-connector", -70, 0, 0.3, [
        ("W", "Receipt delay from bulkroute for MCCMNC 23410: oldest pending receipt {n3}s", "c.n.smpp.ReceiptListener")])
    b.alert("PostgresReplicationLagHigh", "sms-db", "warning", -83, "sms-db replica lag above 30s", "sms-db-1 replay lag 41s",
            'pg_replication_lag_seconds{instance=~"sms-db.*"} > 30', status="resolved", t1=-61, team="messaging")
    b.alert("KafkaConsumerLagHigh", "dlr-processor", "critical", -6, "Consumer group dlr-processor lag above 100k",
            "dlr-processor lag on sms.dlr is 212k messages and growing.",
            'sum by (consumergroup, topic)(kafka_consumergroup_lag{consumergroup="dlr-processor"}) > 100000',
            consumergroup="dlr-processor", topic="sms.dlr", team="messaging")
    return b


@scenario
def nw_ocs_leak():
    b = B(NORTHWAVE, "prepaid-data-sessions-slow", "2025-03-12T21:15:00Z", 60, 4,
          "21:08 UTC: Gy latency alert from the diameter gateway, prepaid customers complain about data stalling for a few seconds "
          "at a time. The diameter gateway had a release this evening.",
          "resource_saturation", "ocs-charging",
          "innocent diameter-gateway deploy 22 min before the page; victim alert louder than the culprit's warning")
    svcs = ["ocs-charging", "diameter-gateway", "ussd-menu-service", "topup-service", "customer-profile"]
    b.base(*svcs, "charging-db", "balance-cache")
    b.bglogs(*svcs, "balance-cache", t0=-80)
    b.fx("ocs-charging", "mem", "lin", -228, 0.097, cap=0.37)
    b.fx("ocs-charging", "cpu", "add", -75, 0.33, 65)
    b.fx("ocs-charging", "p99", "add", -70, 0.33, 62)
    b.fx("ocs-charging", "er", "to", -14, 0.022, 6)
    b.fx("diameter-gateway", "p99", "add", -68, 0.36, 60)
    b.fx("diameter-gateway", "er", "to", -13, 0.03, 5)
    b.fx("ussd-menu-service", "p99", "mul", -40, 1.8, 30)
    b.fx("charging-db", "cpu", "mul", -60, 0.9, 30)
    # heap growth visible in the app's own logs long before the deploy
    for i, m in enumerate(range(-225, 0, 15)):
        b.L(m + b.rng.random(), "ocs-charging", "I", "Session cache stats: entries=%d evictions=0 hitRatio=0.97" % (1_204_000 + i * 61_000 + b.rng.randint(0, 9000)),
            logger="c.n.ocs.gy.SessionRegistry")
    for m in range(-70, 0, 1):
        if b.rng.random() < 0.35 + (m + 70) / 110.0:
            heap = 3690 + int((m + 70) * 5.2)
            b.L(m + b.rng.random(), "ocs-charging", "W", "[gc] GC(%d) Pause Full (G1 Compaction Pause) %dM->%dM(4096M) %.3fms"
                % (18800 + (m + 70) * 3, heap + 80, heap, 900 + (m + 70) * 28 + b.rng.random() * 300), logger="gc")
    b.burst("ocs-charging", -14, 0, 3, [
        ("E", "CCR-U session={sess} failed: timeout waiting for reservation lock after 1000ms; answering 5012", "c.n.ocs.gy.CcrHandler"),
        ("W", "Thread starvation or clock leap detected (housekeeper delta=2m14s).", "com.zaxxer.hikari.pool.HikariPool")])
    b.burst("diameter-gateway", -13, 0, 5, [
        ("E", "CCR forward timeout upstream=ocs-charging.charging.svc.cluster.local:3868 after 2000ms; answering DIAMETER_UNABLE_TO_COMPLY (5012)"),
        ("W", "CCR handled origin_host={pgw} app=Gy type=UPDATE result=2001 latency={ms3}ms")], ctx={"ms3": 1400})
    b.deploy("diameter-gateway", "deploy", "1.14.4", "1.14.3", -22, 6, "a.byrne",
             "CHG: diameter-gateway 1.14.4 - bump go-diameter to 4.0.4 and update TLS cipher list for PGW peers (CHRG-977). "
             "Canary on 1 of 4 pods for 10 min, then rolled.")
    startup(b, "diameter-gateway", -21, "1.14.4")
    b.L(-20.8, "diameter-gateway", "I", "peer connected peer=pgw01.epc.northwave.net state=OPEN tls=TLS1.3")
    b.alert("DiameterGatewayLatencyHigh", "diameter-gateway", "critical", -7, "Gy answer p99 above 250ms",
            "diameter-gateway CCA p99 is 410ms, PGWs will start failing over to offline charging at 1s.",
            'histogram_quantile(0.99, sum by (le)(rate(diameter_request_duration_seconds_bucket{service="diameter-gateway"}[5m]))) > 0.25', team="charging")
    b.alert("JvmHeapUsageHigh", "ocs-charging", "warning", -5, "ocs-charging heap above 95% after GC",
            "Old gen occupancy after GC is 96% on 3/4 pods.",
            'max by (pod)(jvm_memory_used_bytes{service="ocs-charging",area="heap"} / jvm_memory_max_bytes{service="ocs-charging",area="heap"}) > 0.95', team="charging")
    return b


@scenario
def nw_portx():
    b = B(NORTHWAVE, "porting-requests-stuck", "2025-04-02T10:25:00Z", 30, 2,
          "10:12 UTC onwards: retail stores say port-in requests hang on 'submitting' and then fail; the provisioning "
          "workflow shows port-in steps failing. Number porting had a release this morning.",
          "external", "portx-clearinghouse",
          "number-porting deployed 5 min before the errors start")
    svcs = ["number-porting", "provisioning-orchestrator", "hlr-adapter", "selfcare-bff", "customer-profile"]
    b.base(*svcs, "porting-db")
    b.bglogs(*svcs, "porting-db", t0=-60)
    dep = -18
    b.deploy("number-porting", "deploy", "4.12.0", "4.11.3", dep, 4, "s.oconnell",
             "CHG: number-porting 4.12.0 - add retry jitter to NPC status polling and expose port-request age metric (PORT-1183). "
             "Rolling, 2 replicas, no DB migration.")
    startup(b, "number-porting", dep + 1, "4.12.0")
    on = -13
    b.fx("number-porting", "er", "to", on, 0.46, 2); b.fx("number-porting", "p99", "to", on, 30.5, 2)
    b.fx("number-porting", "cpu", "mul", on, 0.8, 2)
    b.fx("provisioning-orchestrator", "er", "to", on + 1, 0.13, 3); b.fx("provisioning-orchestrator", "p99", "mul", on + 1, 6, 3)
    b.burst("number-porting", on, 0, 5, [
        ("E", "I/O error on POST request for \"https://api.portx-clearing.ie/np/v2/port-requests\": Read timed out; nested exception is "
              "java.net.SocketTimeoutException: Read timed out", "c.n.porting.npc.NpcClient"),
        ("E", "NPC status poll failed for NP-{n6}: 503 Service Unavailable: \"<html><body><h1>503 Service Unavailable</h1>No server is available "
              "to handle this request.</body></html>\"", "c.n.porting.npc.NpcClient"),
        ("W", "Retrying NPC call POST /np/v2/port-requests (attempt {n1}/3) after {ms2}ms", "c.n.porting.npc.NpcClient")])
    b.L(on + 3, "number-porting", "W", "CircuitBreaker 'portx' changed state from CLOSED to OPEN (failure rate 62.5% >= 50.0%)", logger="i.g.r.c.i.CircuitBreakerStateMachine")
    b.L(on + 4, "number-porting", "I", "CircuitBreaker 'portx' changed state from OPEN to HALF_OPEN", logger="i.g.r.c.i.CircuitBreakerStateMachine")
    b.L(on + 4.3, "number-porting", "W", "CircuitBreaker 'portx' changed state from HALF_OPEN to OPEN", logger="i.g.r.c.i.CircuitBreakerStateMachine")
    b.burst("provisioning-orchestrator", on + 1, 0, 2, [
        ("E", "activation {uuid} step=port_in status=failed error=number-porting returned 502: NPC_UNAVAILABLE", "orchestrator.workflow")])
    b.burst("number-porting", -60, dep, 0.2, [("W", "NPC status poll slow for NP-{n6}: {ms3}ms", "c.n.porting.npc.NpcClient")])
    b.alert("NumberPortingErrorRateHigh", "number-porting", "critical", -6, "number-porting 5xx above 10%",
            "number-porting errors at 45% for 5 minutes.",
            'sum(rate(http_requests_total{service="number-porting",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="number-porting"}[5m])) > 0.1', team="provisioning")
    b.alert("ProvisioningStepFailures", "provisioning-orchestrator", "warning", -4, "Provisioning workflow step failures elevated",
            "port_in step failing for 13% of activations.", 'sum(rate(workflow_step_failures_total{step="port_in"}[10m])) > 0.05', team="provisioning")
    return b


@scenario
def nw_paynova():
    b = B(NORTHWAVE, "top-up-card-payments-failing", "2025-01-30T13:05:00Z", 60, 3,
          "12:58 UTC: card top-ups in the app and on the website are failing for about half of the attempts; voucher top-ups "
          "still work. Payments on-call has also been chasing slow queries on the payments database this week.",
          "external", "paynova-gateway",
          "scrape hole on payment-service metrics; payment-service latency series missing; slow-query warnings from payments-db in background")
    svcs = ["payment-service", "topup-service", "selfcare-bff", "ocs-charging", "ussd-menu-service"]
    b.base(*svcs, "payments-db")
    b.drop("payment-service", "p99")
    b.bglogs(*svcs, t0=-75)
    on = -15
    b.fx("payment-service", "er", "to", on, 0.54, 2); b.fx("payment-service", "cpu", "mul", on, 1.3, 2)
    b.fx("topup-service", "er", "to", on, 0.49, 2); b.fx("topup-service", "p99", "to", on, 10.4, 2)
    b.fx("selfcare-bff", "er", "to", on, 0.038, 2)
    b.gap("payment-service", -44, -31)
    b.burst("payment-service", on, 0, 4, [
        ("E", "Paynova authorisation failed: 502 Bad Gateway from POST https://api.paynova.com/v3/payments (request-id pnr_{hex16})", "c.n.pay.paynova.PaynovaClient"),
        ("E", "Paynova request timed out after 10000ms: POST https://api.paynova.com/v3/payments", "c.n.pay.paynova.PaynovaClient"),
        ("W", "Paynova 3DS lookup failed: 503 Service Unavailable from GET https://api.paynova.com/v3/3ds/methods", "c.n.pay.paynova.ThreeDsClient")])
    b.burst("topup-service", on, 0, 4, [
        ("E", "Top-up failed msisdn={msisdn} amount={amt} channel=APP reason=PAYMENT_PROVIDER_ERROR (payment-service returned 502)", "c.n.topup.TopupService")])
    b.burst("payment-service", -75, 0, 0.5, [
        ("W", "Slow query ({ms3}ms): select p1_0.id,p1_0.status from payment p1_0 where p1_0.merchant_ref=? and p1_0.created_at>?", "o.h.SQL_SLOW")], ctx={"ms3": 1300})
    b.alert("TopupFailureRateHigh", "topup-service", "critical", -7, "Top-up failure rate above 5%",
            "49% of top-ups failed in the last 10 minutes.",
            'sum(rate(topup_attempts_total{result="failed"}[10m]))/sum(rate(topup_attempts_total[10m])) > 0.05', team="payments")
    b.alert("PaymentServiceErrorRate", "payment-service", "critical", -6, "payment-service 5xx above 10%",
            "payment-service returning 5xx for 54% of requests.",
            'sum(rate(http_requests_total{service="payment-service",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="payment-service"}[5m])) > 0.1', team="payments")
    return b


@scenario
def nw_bulkroute():
    b = B(NORTHWAVE, "otp-sms-not-arriving", "2025-03-20T08:52:00Z", 15, 1.5,
          "08:46 UTC: OTP and banking alert SMS are not arriving on handsets; the SMS API still accepts submits. "
          "Messaging team rolled a new SMPP connector image this morning.",
          "external", "bulkroute-sms",
          "smpp-connector deployed 21 min before the failures; router consumer-lag alert")
    svcs = ["smpp-connector", "sms-router", "sms-gateway", "dlr-processor", "notification-service"]
    b.base(*svcs, "kafka")
    b.bglogs(*svcs, "kafka", t0=-50)
    dep = -32
    b.deploy("smpp-connector", "deploy", "2.7.1", "2.7.0", dep, 6, "k.nowak",
             "CHG: smpp-connector 2.7.1 - upgrade cloudhopper-smpp 5.0.9 and move to eclipse-temurin:21-jre base image (MSG-2296). "
             "Binds re-established one pod at a time.")
    startup(b, "smpp-connector", dep + 2, "2.7.1")
    b.L(dep + 2.5, "smpp-connector", "I", "Bound bulkroute-trx-1 to smpp-eu.bulkroute.net:2775 as TRANSCEIVER (system_id=NWMOB01)", logger="c.n.smpp.SessionKeeper")
    b.L(dep + 2.6, "smpp-connector", "I", "Bound bulkroute-trx-2 to smpp-eu.bulkroute.net:2775 as TRANSCEIVER (system_id=NWMOB01)", logger="c.n.smpp.SessionKeeper")
    on = -11
    b.fx("smpp-connector", "er", "to", on, 0.62, 2); b.fx("smpp-connector", "p99", "to", on, 10.2, 2); b.fx("smpp-connector", "rr", "mul", on, 0.4, 2)
    b.fx("sms-router", "er", "to", on, 0.35, 2); b.fx("sms-router", "sat", "lin", on, 3.0, cap=0.7); b.fx("sms-router", "rr", "mul", on, 0.45, 2)
    b.fx("dlr-processor", "rr", "mul", on, 0.2, 3)
    b.fx("kafka", "sat", "lin", on, 1.2, cap=0.25)
    b.burst("smpp-connector", on, 0, 6, [
        ("E", "submit_sm_resp timeout seq={n6} after 30000ms on bulkroute-trx-{n1} (window 50/50 full)", "c.n.smpp.SubmitTask"),
        ("E", "Unable to bind bulkroute-trx-{n1} to smpp-eu.bulkroute.net:2775: com.cloudhopper.smpp.type.SmppChannelConnectTimeoutException: "
              "Unable to connect to host [smpp-eu.bulkroute.net] and port [2775] within 10000 ms", "c.n.smpp.SessionKeeper"),
        ("W", "Bind bulkroute-trx-{n1} closed by remote (unbind received), rebinding in 5s", "c.n.smpp.SessionKeeper"),
        ("W", "enquire_link timeout on bulkroute-trx-{n1} (no response in 10000 ms)", "c.n.smpp.SessionKeeper")])
    b.burst("sms-router", on, 0, 3, [
        ("E", "route bulkroute-eu unavailable: smpp-connector returned 503 {\"error\":\"NO_BOUND_SESSION\"}; requeue id={uuid}"),
        ("W", "consumer lag high group=sms-router topic=sms.submit lag={n5}")])
    b.alert("SmppSubmitFailureRate", "smpp-connector", "critical", -5, "SMPP submit failures above 20%",
            "62% of submit_sm to bulkroute are failing or timing out.",
            'sum(rate(smpp_submit_total{result!="ESME_ROK"}[5m]))/sum(rate(smpp_submit_total[5m])) > 0.2', team="messaging")
    b.alert("KafkaConsumerLagHigh", "sms-router", "warning", -3, "Consumer group sms-router lag above 50k",
            "sms-router lag on sms.submit 58k.", 'sum by (consumergroup, topic)(kafka_consumergroup_lag{consumergroup="sms-router"}) > 50000',
            consumergroup="sms-router", topic="sms.submit", team="messaging")
    return b


@scenario
def nw_billing_db():
    b = B(NORTHWAVE, "bill-view-errors-on-portal", "2025-02-18T12:31:00Z", 30, 2,
          "12:20 UTC: customers cannot open their bills in the app ('we couldn't load your bills'); the billing team just "
          "released billing-api. The nightly-style rating catch-up job is also reporting failed steps.",
          "dependency_outage", "billing-db",
          "billing-api deploy finished 1 min before errors; billing-db exporter series stop (no metrics of its own)")
    svcs = ["billing-api", "selfcare-bff", "billing-batch", "customer-profile", "payment-service"]
    b.base(*svcs, "billing-db")
    b.bglogs(*svcs, t0=-60)
    dep = -16
    b.deploy("billing-api", "deploy", "5.9.0", "5.8.2", dep, 4, "s.oconnell",
             "CHG: billing-api 5.9.0 - invoice PDF now includes QR payment code (BILL-884). Rolling update 4 replicas, "
             "feature behind flag billing.qr-code (off).")
    startup(b, "billing-api", dep + 1, "5.9.0")
    b.L(dep + 1.5, "billing-api", "I", "HikariPool-1 - Start completed.", logger="com.zaxxer.hikari.HikariDataSource")
    on = -11
    b.fx("billing-api", "er", "to", on, 0.86, 1); b.fx("billing-api", "p99", "to", on, 2.4, 1); b.fx("billing-api", "cpu", "mul", on, 0.6, 2)
    b.fx("selfcare-bff", "er", "to", on, 0.12, 2)
    b.fx("billing-batch", "cpu", "to", on, 0.04, 2)
    b.gap("billing-db", on, 1)
    b.burst("billing-api", on, 0, 7, [
        ("E", "Could not get JDBC Connection; nested exception is java.sql.SQLRecoverableException: IO Error: The Network Adapter could not "
              "establish the connection (CONNECTION_ID=vW1x{hex8}==)", "o.s.jdbc.support.SQLErrorCodesFactory"),
        ("E", "HikariPool-1 - Connection is not available, request timed out after 2000ms.", "com.zaxxer.hikari.pool.HikariPool"),
        ("W", "HikariPool-1 - Failed to validate connection oracle.jdbc.driver.T4CConnection@{hex8} (IO Error: Connection reset). "
              "Possibly consider using a shorter maxLifetime value.", "com.zaxxer.hikari.pool.PoolBase"),
        ("E", "Listener refused the connection with the following error: ORA-12541: TNS:no listener (billing-db-scan.data.svc.cluster.local:1521/BILLPRD)",
         "o.h.engine.jdbc.spi.SqlExceptionHelper")])
    b.burst("selfcare-bff", on, 0, 4, [
        ("E", "GET /api/v2/bills?limit=6 502 {ms}ms - upstream billing-api responded 503"),
        ("W", "billing-api unavailable, serving cached bill summary for account {acct}")])
    b.L(on + 1, "billing-batch", "E", java_trace("Step ratingStep failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; "
                                                 "nested exception is java.sql.SQLRecoverableException: IO Error: The Network Adapter could not establish the connection",
                                                 ["org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)",
                                                  "org.springframework.batch.item.database.JdbcBatchItemWriter.write(JdbcBatchItemWriter.java:186)"]),
        logger="o.s.batch.core.step.AbstractStep")
    b.L(on + 1.1, "billing-batch", "I", "Job: [SimpleJob: [name=ratingCatchUpJob]] completed with the following parameters: [{cycle=BC07}] and the following status: [FAILED]",
        logger="o.s.b.c.l.support.SimpleJobLauncher")
    b.alert("SelfcareBffHighErrorRate", "selfcare-bff", "critical", -6, "selfcare-bff 5xx ratio above 5%",
            "selfcare-bff is returning 12% 5xx over the last 5 minutes.",
            'sum(rate(http_requests_total{service="selfcare-bff",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="selfcare-bff"}[5m])) > 0.05', team="digital")
    b.alert("BillingApiErrorRate", "billing-api", "critical", -5, "billing-api 5xx above 10%",
            "billing-api returning 5xx for 86% of requests since the 5.9.0 rollout.",
            'sum(rate(http_requests_total{service="billing-api",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="billing-api"}[5m])) > 0.1', team="billing")
    return b


@scenario
def nw_balance_cache():
    b = B(NORTHWAVE, "ussd-balance-check-errors", "2025-04-08T17:48:00Z", 20, 2.5,
          "17:41 UTC: *100# balance checks failing for many prepaid customers ('Balance unavailable, try later'); data sessions "
          "mostly fine but slower. The charging database CPU alert is also firing.",
          "dependency_outage", "balance-cache",
          "charging-db CPU alert (load shifted onto it); resolved ussd-gateway alert from earlier; ussd-menu-service deploy 2.5 h before")
    svcs = ["ocs-charging", "diameter-gateway", "ussd-menu-service", "ussd-gateway", "topup-service", "customer-profile"]
    b.base(*svcs, "charging-db", "balance-cache")
    b.bglogs(*svcs, "balance-cache", t0=-60)
    on = -10
    b.gap("balance-cache", on, 1)
    b.fx("ocs-charging", "er", "to", on, 0.041, 1); b.fx("ocs-charging", "p99", "to", on, 0.41, 2); b.fx("ocs-charging", "cpu", "to", on, 0.66, 2)
    b.fx("charging-db", "cpu", "to", on, 0.84, 2); b.fx("charging-db", "sat", "to", on, 0.71, 2); b.fx("charging-db", "p99", "mul", on, 5, 2)
    b.fx("diameter-gateway", "er", "to", on, 0.018, 2); b.fx("diameter-gateway", "p99", "mul", on, 5.5, 2)
    b.fx("ussd-menu-service", "er", "to", on, 0.26, 1); b.fx("ussd-gateway", "er", "to", on, 0.12, 1)
    b.fx("topup-service", "p99", "mul", on, 1.5, 2)
    b.fx("ussd-gateway", "er", "to", -95, 0.05, 2, t1=-82)
    b.burst("ocs-charging", on, 0, 6, [
        ("E", "Redis command timed out; nested exception is io.lettuce.core.RedisCommandTimeoutException: Command timed out after 500 millisecond(s)",
         "c.n.ocs.balance.BalanceCacheClient"),
        ("W", "Cannot reconnect to [balance-cache.charging.svc.cluster.local/10.42.9.31:6379]: Connection refused: balance-cache.charging.svc.cluster.local/10.42.9.31:6379",
         "i.l.core.protocol.ConnectionWatchdog"),
        ("W", "Balance cache unavailable, falling back to charging-db read for msisdn={msisdn}", "c.n.ocs.balance.BalanceStore"),
        ("E", "GET /v2/balance/{msisdn} -> 503 BALANCE_UNAVAILABLE in {ms2}ms", "c.n.ocs.api.BalanceController")])
    b.burst("ussd-menu-service", on, 0, 5, [
        ("E", "balance lookup failed: ocs-charging responded 503 BALANCE_UNAVAILABLE"),
        ("E", "menu render code=*100# node=balance 503 {ms2}ms")])
    b.burst("customer-profile", -60, 0, 0.3, [("E", "Failed to publish profile-changed event: TimeoutException: Topic crm.profile not present in metadata after 60000 ms.",
                                               "c.n.crm.events.ProfileEventPublisher")])
    b.deploy("ussd-menu-service", "deploy", "2.20.1", "2.20.0", -152, 5, "k.nowak", "CHG: ussd-menu-service 2.20.1 - Irish-language menu strings (VAS-640).")
    b.alert("UssdGatewaySessionDrops", "ussd-gateway", "warning", -94, "USSD session drop rate above 3%", "USSD sessions ending with network abort 4.9%",
            'sum(rate(ussd_sessions_total{result="abort"}[5m]))/sum(rate(ussd_sessions_total[5m])) > 0.03', status="resolved", t1=-80, team="vas")
    b.alert("UssdMenuServiceErrorRate", "ussd-menu-service", "critical", -6, "ussd-menu-service errors above 10%",
            "USSD menu errors at 26%, almost all on the *100# balance node.",
            'sum(rate(http_requests_total{service="ussd-menu-service",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="ussd-menu-service"}[5m])) > 0.1', team="vas")
    b.alert("OcsChargingLatencyHigh", "ocs-charging", "warning", -5, "OCS CCR p99 above 150ms", "ocs-charging p99 is 400ms.",
            'histogram_quantile(0.99, sum by (le)(rate(ccr_duration_seconds_bucket{service="ocs-charging"}[5m]))) > 0.15', team="charging")
    b.alert("OracleCpuHigh", "charging-db", "warning", -3, "charging-db host CPU above 80%", "charging-db node 1 CPU 84%",
            'avg(oracledb_cpu_utilisation{database="OCSPRD"}) > 0.8', team="charging")
    return b


@scenario
def nw_prov_deploy():
    b = B(NORTHWAVE, "sim-activations-failing", "2025-01-14T11:20:00Z", 60, 3,
          "11:05 UTC: shops report new SIM and eSIM activations failing with 'activation error, contact support'. "
          "Number porting on-call is also looking at the usual NPC noise.",
          "deploy", "provisioning-orchestrator",
          "hlr-adapter 4xx alert; background number-porting NPC errors; Kafka consumer rebalance logs")
    svcs = ["provisioning-orchestrator", "hlr-adapter", "number-porting", "ocs-charging", "customer-profile"]
    b.base(*svcs, "kafka")
    b.bglogs(*svcs, "kafka", t0=-80)
    dep = -26
    b.deploy("provisioning-orchestrator", "deploy", "2.31.0", "2.30.4", dep, 3, "r.silva",
             "CHG: provisioning-orchestrator 2.31.0 - normalise MSISDN handling for eSIM onboarding (PROV-1420); workflow engine "
             "bumped to temporalio 1.7. Rolling update, 2 replicas.")
    b.deploy("hlr-adapter", "deploy", "0.18.2", "0.18.1", -170, 4, "deploy-bot", "Release train: hlr-adapter 0.18.2 (metrics label cleanup).")
    startup(b, "provisioning-orchestrator", dep + 1, "2.31.0")
    on = dep + 4
    b.fx("provisioning-orchestrator", "er", "to", on, 0.38, 2)
    b.fx("hlr-adapter", "rr", "mul", on, 1.9, 2)
    b.fx("hlr-adapter", "p99", "mul", on, 0.6, 2)
    b.burst("provisioning-orchestrator", on, 0, 4, [
        ("E", "activation {uuid} step=hlr_create status=failed error=HLR adapter returned 404: {\"error\":\"SUBSCRIBER_NOT_FOUND\",\"msisdn\":\"08{n8}\"}",
         "orchestrator.workflow"),
        ("E", "Traceback (most recent call last):\n  File \"/app/orchestrator/steps/hlr.py\", line 88, in create_subscriber\n    resp.raise_for_status()\n"
              "  File \"/usr/local/lib/python3.12/site-packages/httpx/_models.py\", line 763, in raise_for_status\n    raise HTTPStatusError(message, request=request, response=self)\n"
              "httpx.HTTPStatusError: Client error '404 Not Found' for url 'http://hlr-adapter.provisioning.svc.cluster.local:8080/v1/subscribers/08{n8}/apn'",
         "orchestrator.workflow"),
        ("I", "activation {uuid} step=hlr_create status=retry attempt=2", "orchestrator.workflow")])
    b.burst("hlr-adapter", on, 0, 6, [("W", "provisioning op=UPDATE_APN msisdn=08{n8} result=NOT_FOUND dur={ms}ms")])
    b.burst("number-porting", -80, 0, 0.4, [("W", "NPC status poll failed for NP-{n6}: 503 Service Unavailable (will retry)", "c.n.porting.npc.NpcClient")])
    b.burst("kafka", -80, 0, 0.15, [("I", "[GroupCoordinator 2]: Preparing to rebalance group provisioning-events in state PreparingRebalance with old generation {n2} (kafka.coordinator.group.GroupCoordinator)")])
    b.alert("ProvisioningActivationFailureRate", "provisioning-orchestrator", "critical", -7, "SIM activation failure rate above 10%",
            "38% of activations failed in the last 15 minutes.",
            'sum(rate(activations_total{result="failed"}[15m]))/sum(rate(activations_total[15m])) > 0.1', team="provisioning")
    b.alert("HlrAdapter4xxRateHigh", "hlr-adapter", "warning", -6, "hlr-adapter 4xx above 20%", "hlr-adapter answering NOT_FOUND for 46% of requests",
            'sum(rate(http_requests_total{service="hlr-adapter",code=~"4.."}[5m]))/sum(rate(http_requests_total{service="hlr-adapter"}[5m])) > 0.2', team="provisioning")
    return b


@scenario
def nw_profile_flag():
    b = B(NORTHWAVE, "portal-plan-page-slow", "2025-03-06T20:10:00Z", 30, 2,
          "20:03 UTC: the 'My plan' page in the app takes 5+ seconds or times out; USSD menus are sluggish too. "
          "selfcare-bff latency alert paged digital on-call.",
          "config_change", "customer-profile",
          "selfcare-bff deploy 2h20m earlier; the alerting services are callers, not the changed one")
    svcs = ["selfcare-bff", "customer-profile", "billing-api", "ussd-menu-service", "ocs-charging"]
    b.base(*svcs, "crm-db", "redis-session")
    b.bglogs(*svcs, "crm-db", t0=-60)
    on = -19
    b.deploy("customer-profile", "flag", "crm.contract-history.eager-load=on(100%)", "crm.contract-history.eager-load=off", on, 0.5, "l.duggan",
             "Flag change: enable crm.contract-history.eager-load for 100% of subscribers so the plan page can show full contract "
             "history (CRM-2211). Previously tested at 5% on staging.")
    b.deploy("selfcare-bff", "deploy", "7.3.0", "7.2.6", -140, 6, "deploy-bot", "Release train: selfcare-bff 7.3.0 (plan page redesign behind app version gate).")
    b.fx("customer-profile", "p99", "to", on, 1.9, 3); b.fx("customer-profile", "cpu", "to", on, 0.71, 3)
    b.fx("crm-db", "cpu", "to", on, 0.86, 3); b.fx("crm-db", "sat", "to", on, 0.69, 4)
    b.fx("selfcare-bff", "p99", "to", on + 1, 4.6, 3); b.fx("selfcare-bff", "er", "to", on + 2, 0.052, 3)
    b.fx("ussd-menu-service", "p99", "mul", on + 1, 4, 3); b.fx("ussd-menu-service", "er", "to", on + 2, 0.04, 3)
    b.L(on + 0.2, "customer-profile", "I", "Feature flag crm.contract-history.eager-load changed: false -> true (source=flagd, rule=default)", logger="c.n.crm.flags.FlagListener")
    b.burst("customer-profile", on, 0, 3, [
        ("I", "Loaded contract summary for subscriber {msisdn} (lines=2, history={n3}) in {ms3}ms", "c.n.crm.profile.ContractService")], ctx={"ms3": 1500})
    b.burst("crm-db", on + 1, 0, 2, [
        ("W", "LOG:  duration: {ms3}.{n3} ms  execute <unnamed>: SELECT ce.* FROM contract_event ce JOIN contract c ON c.id = ce.contract_id "
              "WHERE c.subscriber_id = $1 ORDER BY ce.occurred_at DESC")], ctx={"ms3": 1600})
    b.burst("selfcare-bff", on + 2, 0, 5, [
        ("E", "upstream timeout calling customer-profile GET /v1/subscribers/{msisdn}/profile after 3000ms"),
        ("W", "GET /api/v2/plan 200 {ms3}ms (slow)"),
        ("E", "GET /api/v2/plan 504 3004ms")], ctx={"ms3": 2800})
    b.burst("ussd-menu-service", on + 2, 0, 2, [("W", "profile lookup slow: customer-profile responded in {ms3}ms"),
                                                 ("E", "profile lookup failed: timeout of 2500ms exceeded")], ctx={"ms3": 2000})
    b.alert("SelfcareBffLatencyHigh", "selfcare-bff", "critical", -6, "selfcare-bff p99 above 2s",
            "selfcare-bff p99 is 4.5s (SLO 1.5s).",
            'histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket{service="selfcare-bff"}[5m]))) > 2', team="digital")
    b.alert("UssdMenuServiceLatencyHigh", "ussd-menu-service", "warning", -4, "ussd-menu-service p99 above 1s", "USSD menu p99 1.5s",
            'histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket{service="ussd-menu-service"}[5m]))) > 1', team="vas")
    return b


@scenario
def nw_hlr_config():
    b = B(NORTHWAVE, "sim-provisioning-slow", "2025-04-23T09:35:00Z", 15, 1.75,
          "09:28 UTC: activations and APN changes take minutes instead of seconds; store staff see timeouts. "
          "Provisioning workflow latency alert firing.",
          "config_change", "hlr-adapter",
          "provisioning-orchestrator deploy 55 min earlier; orchestrator alert is the loud one")
    svcs = ["provisioning-orchestrator", "hlr-adapter", "number-porting", "customer-profile"]
    b.base(*svcs, "kafka")
    b.bglogs(*svcs, t0=-55)
    on = -21
    b.deploy("hlr-adapter", "config", "hlr-adapter-config-v42", "hlr-adapter-config-v41", on, 2, "r.silva",
             "CHG: hlr-adapter ConfigMap: HLR_SESSION_POOL_SIZE 32 -> 4 and HLR_TIMEOUT 5s -> 10s to align with HLR vendor advisory "
             "on concurrent provisioning sessions (PROV-1502). Pods restarted to pick up config.")
    b.deploy("provisioning-orchestrator", "deploy", "2.33.1", "2.33.0", -55, 4, "deploy-bot", "Release train: provisioning-orchestrator 2.33.1 (log format tweaks).")
    startup(b, "hlr-adapter", on + 1, "0.19.0")
    b.L(on + 1.1, "hlr-adapter", "I", "configuration loaded hlr_endpoint=hlr-prov.core.northwave.net:7001 session_pool=4 timeout=10s")
    b.fx("hlr-adapter", "sat", "to", on + 2, 1.0, 3); b.fx("hlr-adapter", "p99", "to", on + 2, 8.5, 4); b.fx("hlr-adapter", "er", "to", on + 4, 0.05, 3)
    b.fx("provisioning-orchestrator", "p99", "to", on + 3, 24, 5); b.fx("provisioning-orchestrator", "er", "to", on + 5, 0.19, 4)
    b.burst("hlr-adapter", on + 3, 0, 3, [
        ("W", "session pool exhausted: waiting for HLR session in_use=4/4 queued={n2}"),
        ("E", "provisioning op=CREATE_SUBSCRIBER imsi={imsi} result=TIMEOUT waited_for_session={ms3}ms")], ctx={"ms3": 9000})
    b.burst("provisioning-orchestrator", on + 5, 0, 3, [
        ("E", "activation {uuid} step=hlr_create status=retry error=ReadTimeout(\"HTTPConnectionPool(host='hlr-adapter.provisioning.svc.cluster.local', port=8080): "
              "Read timed out. (read timeout=15)\")", "orchestrator.workflow"),
        ("W", "activation {uuid} step=hlr_create status=ok elapsed={ms3}ms", "orchestrator.workflow")], ctx={"ms3": 12000})
    b.alert("ProvisioningActivationLatencyHigh", "provisioning-orchestrator", "critical", -7, "Activation p95 above 60s",
            "Activation workflow p95 is 4m12s.", 'histogram_quantile(0.95, sum by (le)(rate(activation_duration_seconds_bucket[10m]))) > 60', team="provisioning")
    b.alert("HlrAdapterSaturation", "hlr-adapter", "warning", -5, "hlr-adapter session pool saturated", "hlr-adapter session pool 100% for 10m",
            'max(hlr_session_pool_in_use / hlr_session_pool_size) > 0.95', team="provisioning")
    return b


@scenario
def nw_porting_disk():
    b = B(NORTHWAVE, "number-port-status-updates-failing", "2025-02-07T16:02:00Z", 60, 4,
          "15:55 UTC: port status updates are failing and port-in requests error out in stores. number-porting was deployed "
          "about 20 minutes ago.",
          "resource_saturation", "porting-db",
          "innocent number-porting deploy 20 min earlier; no disk alert, only the slow climb in the datastore saturation series")
    svcs = ["number-porting", "provisioning-orchestrator", "hlr-adapter", "customer-profile"]
    b.base(*svcs, "porting-db")
    b.bglogs(*svcs, "porting-db", t0=-75)
    b.fx("porting-db", "sat", "lin", -236, 0.152, cap=0.6)
    b.fx("porting-db", "cpu", "to", -8, 0.05, 2)
    dep = -20
    b.deploy("number-porting", "deploy", "4.11.3", "4.11.2", dep, 4, "s.oconnell",
             "CHG: number-porting 4.11.3 - log NPC correlation id on every call (PORT-1177). Rolling, 2 replicas.")
    startup(b, "number-porting", dep + 1, "4.11.3")
    on = -9
    b.fx("number-porting", "er", "to", on, 0.72, 1); b.fx("number-porting", "p99", "mul", on, 0.6, 1)
    b.fx("provisioning-orchestrator", "er", "to", on, 0.09, 2)
    for m in (-230, -170, -110, -50):
        b.L(m, "porting-db", "W", "LOG:  checkpoints are occurring too frequently (24 seconds apart)")
    pg = [(-9.2, "E", "ERROR:  could not extend file \"base/16402/91231\": No space left on device"),
          (-9.19, "I", "HINT:  Check free disk space."),
          (-8.7, "E", "PANIC:  could not write to file \"pg_wal/xlogtemp.1412\": No space left on device"),
          (-8.68, "I", "LOG:  server process (PID 31321) was terminated by signal 6: Aborted"),
          (-8.67, "I", "LOG:  terminating any other active server processes"),
          (-8.4, "I", "LOG:  all server processes terminated; reinitializing"),
          (-8.3, "I", "LOG:  database system was interrupted; last known up at 2025-02-07 15:51:12 UTC"),
          (-8.1, "E", "FATAL:  the database system is in recovery mode"),
          (-6.4, "E", "PANIC:  could not write to file \"pg_wal/xlogtemp.1533\": No space left on device"),
          (-6.1, "E", "FATAL:  the database system is in recovery mode"),
          (-3.2, "E", "PANIC:  could not write to file \"pg_wal/xlogtemp.1601\": No space left on device")]
    for m, lvl, msg in pg:
        b.L(m, "porting-db", lvl, msg, pod="porting-db-0")
    b.burst("number-porting", on, 0, 6, [
        ("E", "org.postgresql.util.PSQLException: ERROR: could not extend file \"base/16402/91231\": No space left on device", "o.h.engine.jdbc.spi.SqlExceptionHelper"),
        ("E", "org.postgresql.util.PSQLException: FATAL: the database system is in recovery mode", "com.zaxxer.hikari.pool.HikariPool"),
        ("E", "Failed to persist NPC status update for NP-{n6}; message will be redelivered", "c.n.porting.npc.StatusUpdateListener")])
    b.burst("provisioning-orchestrator", on, 0, 1.5, [("E", "activation {uuid} step=port_in status=failed error=number-porting returned 500", "orchestrator.workflow")])
    b.alert("NumberPortingErrorRateHigh", "number-porting", "critical", -6, "number-porting 5xx above 10%",
            "number-porting errors at 72% for 5 minutes.",
            'sum(rate(http_requests_total{service="number-porting",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="number-porting"}[5m])) > 0.1', team="provisioning")
    b.alert("ProvisioningStepFailures", "provisioning-orchestrator", "warning", -5, "Provisioning workflow step failures elevated",
            "port_in step failing for 9% of activations.", 'sum(rate(workflow_step_failures_total{step="port_in"}[10m])) > 0.05', team="provisioning")
    return b


@scenario
def nw_roaming_leak():
    b = B(NORTHWAVE, "roaming-tap-files-backlog", "2025-01-09T04:40:00Z", 120, 4,
          "04:35 UTC: TAP import backlog alert - inbound roaming files from partners are not being loaded and the roaming DB "
          "connection alert fired. The nightly bill run is hammering the batch node pool as usual.",
          "resource_saturation", "roaming-clearing",
          "billing-batch noisy neighbour on the batch pool; roamex SFTP slow-transfer warnings; deploys source missing")
    b.missing.add("deploys")
    svcs = ["roaming-clearing", "billing-batch"]
    b.base(*svcs, "roaming-db", "billing-db")
    b.bglogs(*svcs, "roaming-db", t0=-90, scale=2)
    b.fx("roaming-db", "sat", "lin", -215, 0.21, cap=0.79)
    b.fx("roaming-clearing", "sat", "lin", -215, 0.24, cap=0.9)
    b.fx("roaming-clearing", "mem", "lin", -215, 0.04)
    b.fx("billing-batch", "cpu", "to", -130, 0.94, 10); b.fx("billing-db", "cpu", "to", -130, 0.78, 10)
    b.fx("roaming-clearing", "cpu", "to", -10, 0.05, 3)
    for i, m in enumerate(range(-210, -8, 12)):
        b.L(m + b.rng.random() * 3, "roaming-clearing", "I", "db pool stats: in_use=%d idle=%d max=60" % (min(60, 6 + i * 3 + b.rng.randint(0, 2)), 2), logger="tap.db")
        if b.rng.random() < 0.8:
            b.L(m + 4, "roaming-clearing", "W", fill("TAP file CDNWMOB{tadig}{seq} rejected by validation (fatal error 30: missing AuditControlInfo); queued for RAP", b.rng, {}),
                logger="tap.validator")
    b.burst("roaming-clearing", -9, 0, 3, [
        ("E", "psycopg2.OperationalError: connection to server at \"roaming-db.wholesale.svc.cluster.local\" (10.42.11.8), port 5432 failed: "
              "FATAL:  sorry, too many clients already", "tap.loader"),
        ("E", "pool exhausted: could not obtain connection for TAP file CDNWMOB{tadig}{seq}; will retry in 60s", "tap.loader")])
    b.burst("roaming-db", -9, 0, 2, [("E", "FATAL:  sorry, too many clients already"),
                                     ("E", "FATAL:  remaining connection slots are reserved for non-replication superuser connections")])
    b.burst("roaming-clearing", -200, 0, 0.15, [("W", "sftp.roamex.net: slow transfer 41 KB/s for TDNWMOB{tadig}{seq}, continuing", "tap.sftp")])
    b.burst("billing-batch", -130, 0, 0.5, [("W", "Chunk processing slow: 500 items in {ms3}ms (cycle=BC01)", "c.n.billing.batch.CdrItemWriter")], ctx={"ms3": 8000})
    b.alert("PostgresTooManyConnections", "roaming-db", "critical", -6, "roaming-db connections at max_connections",
            "roaming-db 100/100 connections in use; new connections refused.",
            'sum(pg_stat_activity_count{instance=~"roaming-db.*"}) >= max(pg_settings_max_connections{instance=~"roaming-db.*"}) * 0.98', team="wholesale")
    b.alert("RoamingTapImportBacklog", "roaming-clearing", "warning", -4, "TAP import backlog above 50 files",
            "63 inbound TAP files waiting, oldest 41 minutes.", 'max(tap_inbound_backlog_files) > 50', team="wholesale")
    return b


# =========================================================================== Transitly scenarios
def err_expr(svc):
    return ('sum(rate(http_requests_total{service="%s",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="%s"}[5m])) > 0.05' % (svc, svc))


def lat_expr(svc, thr):
    return 'histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket{service="%s"}[5m]))) > %s' % (svc, thr)


def queue_expr(q):
    return 'sum(rabbitmq_queue_messages_ready{vhost="fare",queue="%s"}) > 50000' % q


@scenario
def tl_nodes():
    b = B(TRANSITLY, "mobile-app-and-validators-erroring", "2025-03-18T07:52:00Z", 30, 2,
          "Morning peak, 07:39 UTC: app users get errors opening their account and buying tickets, and bus drivers report "
          "validators showing 'try again' on taps. Rider apps team shipped a mobile-api release just before.",
          "infrastructure", "node-pool-workers",
          "innocent mobile-api deploy 6 min before onset; RabbitMQ queue-depth alert; node pool absent from every depends_on")
    svcs = ["mobile-api", "account-service", "ticket-service", "validator-gateway", "tap-processor", "fare-engine", "journey-planner"]
    b.base(*svcs, "rabbitmq", "journeys-db")
    b.bglogs(*svcs, "rabbitmq", "ingress-nginx", t0=-60)
    b.deploy("mobile-api", "deploy", "5.14.3", "5.14.2", -19, 4, "aokafor",
             "CR: mobile-api 5.14.3 - copy changes on the fare-capping screen, dependency bumps (RID-1869). Argo rollout, 25/50/100.")
    startup(b, "mobile-api", -18, "5.14.3")
    on = -13
    b.fx("mobile-api", "er", "to", on, 0.1, 3); b.fx("mobile-api", "p99", "mul", on, 3.2, 3)
    b.fx("account-service", "er", "to", on, 0.07, 3); b.fx("account-service", "rr", "mul", on, 0.8, 3)
    b.fx("ticket-service", "er", "to", on, 0.05, 3)
    b.fx("validator-gateway", "er", "to", on, 0.085, 3); b.fx("validator-gateway", "p99", "mul", on, 4, 3)
    b.fx("tap-processor", "rr", "mul", on, 0.55, 3, t1=-3); b.fx("tap-processor", "er", "to", on, 0.03, 3)
    b.fx("fare-engine", "p99", "mul", on, 2.5, 3)
    b.fx("rabbitmq", "sat", "to", on + 2, 0.41, 8)
    b.gap("account-service", on + 1, on + 5); b.gap("tap-processor", on + 2, on + 6, "cpu mem")
    nodes = ["gke-tly-prod-1-workers-9a2f31c7-k2lm", "gke-tly-prod-1-workers-9a2f31c7-p8vr",
             "gke-tly-prod-1-workers-9a2f31c7-t4qx", "gke-tly-prod-1-workers-9a2f31c7-zz71"]
    for i, n in enumerate(nodes):
        m = on - 1 + i * 0.6
        b.L(m, "node-pool-workers", "E", "\"Error updating node status, will retry\" err=\"error getting node \\\"%s\\\": Get \\\"https://10.10.0.2/api/v1/nodes/%s?timeout=10s\\\": context deadline exceeded\"" % (n, n), pod=n)
        b.L(m + 0.7, "node-pool-workers", "I", "\"Node is NotReady\" node=\"%s\" reason=\"NodeStatusUnknown\" message=\"Kubelet stopped posting node status.\"" % n, pod="kube-controller-manager")
        for pod in ("rider/account-service-7d9f8c6b5-%s" % _hex(b.rng, 5), "fare/validator-gateway-66c9d7f4b8-%s" % _hex(b.rng, 5),
                    "fare/tap-processor-5b8c7d9f6-%s" % _hex(b.rng, 5)):
            b.L(m + 5.2 + b.rng.random(), "node-pool-workers", "I", "\"Marking for deletion Pod\" pod=\"%s\" node=\"%s\"" % (pod, n), pod="kube-controller-manager")
    b.burst("mobile-api", on, 0, 6, [
        ("E", "GET /v3/account/me 503 {ms3}ms - upstream account-service: connect ECONNREFUSED 10.42.{n1}.{n2}:8080"),
        ("E", "POST /v3/tickets/purchase 502 {ms3}ms - upstream ticket-service socket hang up"),
        ("W", "upstream account-service request failed, retrying (attempt 2): ETIMEDOUT")])
    b.burst("validator-gateway", on, 0, 6, [
        ("E", "publish failed exchange=taps routing_key=taps.inbound err=\"Exception (320) Reason: \\\"CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'\\\"\""),
        ("W", "tap batch rejected validator={val} status=503 reason=upstream_unavailable")])
    b.burst("account-service", on + 4, 0, 1, [("I", "Started AccountServiceApplication in {n2}.{n1} seconds (process running for 31.2)", "c.t.AccountServiceApplication")])
    b.burst("rabbitmq", on, 0, 1, [("W", "rabbit on node 'rabbit@rabbitmq-2.rabbitmq-nodes.messaging' down: connection_closed"),
                                  ("I", "Mirrored queue 'taps.inbound' in vhost 'fare': Slave <rabbit@rabbitmq-0.3341.0> saw deaths of mirrors <rabbit@rabbitmq-2.2210.0>")])
    b.alert("MobileApiErrorRateHigh", "mobile-api", "critical", -7, "mobile-api 5xx above 5%", "mobile-api 5xx at 10% for 5m", err_expr("mobile-api"), team="rider")
    b.alert("ValidatorGatewayErrorRate", "validator-gateway", "critical", -6, "validator-gateway errors above 5%",
            "8.5% of tap batches rejected; validators will buffer taps offline.", err_expr("validator-gateway"), team="fare")
    b.alert("RabbitmqQueueDepthHigh", "rabbitmq", "warning", -4, "taps.inbound ready messages above 50k", "taps.inbound has 71k ready messages",
            queue_expr("taps.inbound"), queue="taps.inbound", team="fare")
    return b


@scenario
def tl_coredns():
    b = B(TRANSITLY, "journey-planner-and-ticket-timeouts", "2025-04-26T16:20:00Z", 10, 1.5,
          "Saturday 16:08 UTC: journey planning in the app intermittently fails and ticket purchases time out. "
          "Payments channel notes errors talking to the acquirer.",
          "infrastructure", "coredns",
          "payment-service errors name the acquirer host; three victim alerts; coredns not in depends_on")
    svcs = ["journey-planner", "ticket-service", "payment-service", "mobile-api", "account-service"]
    b.base(*svcs, only=("rr", "er", "p99"))
    add_sig(b, "coredns", "cpu", 0.42)
    b.bglogs(*svcs, "ingress-nginx", t0=-45)
    on = -12
    b.fx("coredns", "cpu", "to", on - 1, 0.99, 2)
    b.fx("journey-planner", "er", "to", on, 0.11, 2); b.fx("journey-planner", "p99", "mul", on, 5, 2)
    b.fx("ticket-service", "er", "to", on, 0.09, 2); b.fx("ticket-service", "p99", "mul", on, 4, 2)
    b.fx("payment-service", "er", "to", on, 0.07, 2); b.fx("payment-service", "p99", "mul", on, 2.5, 2)
    b.fx("mobile-api", "er", "to", on, 0.06, 2); b.fx("mobile-api", "p99", "mul", on, 3.5, 2)
    b.fx("account-service", "er", "to", on, 0.02, 2)
    b.burst("coredns", -45, 0, 0.2, [("W", "[WARNING] No files matching import glob pattern: custom/*.override")])
    b.burst("coredns", on, 0, 4, [
        ("E", "[ERROR] plugin/errors: 2 api.kestrel-acquiring.com. A: read udp 10.42.3.9:51622->169.254.169.254:53: i/o timeout"),
        ("E", "[ERROR] plugin/errors: 2 timetable-db.data.svc.cluster.local.planning.svc.cluster.local. AAAA: context deadline exceeded"),
        ("W", "[WARNING] plugin/health: Local health request to \"http://:8080/health\" took more than 1s: 1.41{n2}s")])
    b.burst("journey-planner", on, 0, 5, [
        ("E", "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on "
              "'timetable-db.data.svc.cluster.local' ([Errno -3] Temporary failure in name resolution)\")", "planner.db"),
        ("E", "redis.exceptions.ConnectionError: Error -3 connecting to planner-cache.planning.svc.cluster.local:6379. Temporary failure in name resolution.", "planner.realtime"),
        ("I", "{ip}:{port} - \"GET /v1/plan?{plan} HTTP/1.1\" 500", "uvicorn.access")])
    b.burst("ticket-service", on, 0, 3, [
        ("E", "I/O error on POST request for \"http://payment-service.payments.svc.cluster.local:8080/v1/authorisations\": payment-service.payments.svc.cluster.local; "
              "nested exception is java.net.UnknownHostException: payment-service.payments.svc.cluster.local", "c.t.ticket.PurchaseService")])
    b.burst("payment-service", on, 0, 2, [
        ("E", "I/O error on POST request for \"https://api.kestrel-acquiring.com/v2/authorisations\": api.kestrel-acquiring.com: Temporary failure in name resolution; "
              "nested exception is java.net.UnknownHostException", "c.t.pay.kestrel.KestrelClient")])
    b.burst("mobile-api", on, 0, 3, [("E", "GET /v3/plan 502 {ms3}ms - upstream journey-planner: getaddrinfo EAI_AGAIN journey-planner.planning.svc.cluster.local")])
    b.deploy("journey-planner", "deploy", "3.9.2", "3.9.1", -70, 5, "lvanderberg", "CR: journey-planner 3.9.2 - accessibility filter for step-free routes (PLAN-455).")
    b.alert("JourneyPlannerErrorRate", "journey-planner", "critical", -6, "journey-planner 5xx above 5%", "journey-planner 5xx at 11%", err_expr("journey-planner"), team="planning")
    b.alert("TicketPurchaseFailureRate", "ticket-service", "critical", -5, "ticket purchase failures above 5%", "9% of purchases failing",
            'sum(rate(ticket_purchases_total{result="failed"}[5m]))/sum(rate(ticket_purchases_total[5m])) > 0.05', team="rider")
    b.alert("PaymentServiceAcquirerErrors", "payment-service", "warning", -4, "acquirer call errors above 5%", "7% of acquirer calls failing",
            'sum(rate(acquirer_requests_total{result="error"}[5m]))/sum(rate(acquirer_requests_total[5m])) > 0.05', team="payments")
    return b


@scenario
def tl_ingress():
    b = B(TRANSITLY, "app-and-website-502-bad-gateway", "2025-02-14T19:05:00Z", 15, 2,
          "18:56 UTC: the app and the website are returning 502/504 for a large share of requests (external probes "
          "failing). Backend dashboards look mostly calm. account-service was released a few minutes earlier.",
          "infrastructure", "ingress-nginx",
          "innocent account-service deploy 6 min before onset; backend services show lower traffic but no errors")
    svcs = ["mobile-api", "web-portal", "account-service", "ticket-service", "journey-planner", "validator-gateway"]
    b.base(*svcs)
    add_sig(b, "ingress-nginx", "rr", 420); add_sig(b, "ingress-nginx", "er", 0.002)
    b.bglogs(*svcs, "ingress-nginx", t0=-55)
    b.deploy("account-service", "deploy", "3.22.0", "3.21.4", -16, 4, "pmartin",
             "CR: account-service 3.22.0 - GDPR export includes trip history (ACC-530). Rolling 3 replicas.")
    startup(b, "account-service", -15, "3.22.0")
    on = -10
    b.fx("ingress-nginx", "er", "to", on, 0.36, 2); b.fx("ingress-nginx", "rr", "mul", on, 0.85, 2)
    b.gap("ingress-nginx", on + 2, on + 4); b.gap("ingress-nginx", on + 7, on + 8)
    for s in ["mobile-api", "web-portal", "account-service", "ticket-service", "journey-planner"]:
        b.fx(s, "rr", "mul", on, 0.58, 2)
    for m in (-9.7, -8.1, -6.6, -4.9, -3.0, -1.4):
        b.L(m, "ingress-nginx", "E", "%s [alert] 31#31: worker process %d exited on signal 9" % (iso(b.T(m)).replace("-", "/").replace("T", " ")[:-1], b.rng.randint(2000, 9000)))
        b.L(m + 0.05, "ingress-nginx", "W", "W%s       7 controller.go:1207] Error getting SSL certificate \"rider/api-transitly-tls\": local SSL certificate rider/api-transitly-tls was not found. Using default certificate" %
            dt.datetime.fromtimestamp(b.T(m), dt.timezone.utc).strftime("%m%d %H:%M:%S.%f"))
    b.burst("ingress-nginx", on, 0, 12, [
        ("E", "{cgnat} - - [{ngts}] \"GET /v3/account/me HTTP/2.0\" 502 150 \"-\" \"{ua}\" 58 0.00{n1} [rider-mobile-api-80] [] - - - - {hex16}"),
        ("E", "{cgnat} - - [{ngts}] \"POST /v3/tickets/purchase HTTP/2.0\" 502 150 \"-\" \"{ua}\" 412 0.00{n1} [rider-mobile-api-80] [] - - - - {hex16}"),
        ("E", "{cip} - - [{ngts}] \"GET /account/trips HTTP/1.1\" 504 160 \"-\" \"{ua}\" 390 5.00{n1} [rider-web-portal-80] [] - - - - {hex16}"),
        ("E", "{cip} - - [{ngts}] \"POST /v1/taps HTTP/1.1\" 502 150 \"-\" \"validator-fw/3.8.2\" 920 0.00{n1} [fare-validator-gateway-443] [] - - - - {hex16}")])
    b.alert("BlackboxProbeFailed", "mobile-api", "critical", -6, "https://api.transitly.io/healthz probe failing",
            "External probe from 3 regions failing 38% of checks (502).", 'avg_over_time(probe_success{instance="https://api.transitly.io/healthz"}[5m]) < 0.9', team="rider")
    b.alert("WebPortalAvailabilityLow", "web-portal", "critical", -5, "www.transitly.io availability below 95%", "Probe availability 61%",
            'avg_over_time(probe_success{instance="https://www.transitly.io/"}[5m]) < 0.95', team="rider")
    return b


@scenario
def tl_planner_surge():
    b = B(TRANSITLY, "timetable-database-cpu-alert", "2025-01-27T17:25:00Z", 30, 3,
          "17:19 UTC: timetable database CPU and threads-running alerts. Storm Éowyn diversions announced at 16:50; "
          "the app's 'plan a journey' is slow. Nothing on the deploy calendar today (change log export unavailable).",
          "traffic_surge", "journey-planner",
          "only datastore alerts fire; deploys source missing; gtfs-rt-ingest background warnings about the vendor feed")
    b.missing.add("deploys")
    svcs = ["journey-planner", "mobile-api", "gtfs-rt-ingest", "web-portal", "account-service"]
    b.base(*svcs, "timetable-db", "planner-cache")
    b.bglogs(*svcs, t0=-60)
    on = -32
    b.fx("journey-planner", "rr", "mul", on, 4.2, 10); b.fx("journey-planner", "cpu", "to", on, 0.83, 10)
    b.fx("journey-planner", "p99", "mul", on + 8, 4.5, 8); b.fx("journey-planner", "er", "to", on + 14, 0.032, 6)
    b.fx("timetable-db", "cpu", "to", on + 2, 0.96, 12); b.fx("timetable-db", "sat", "to", on + 4, 0.91, 12); b.fx("timetable-db", "p99", "to", on + 4, 0.42, 12)
    b.fx("mobile-api", "rr", "mul", on, 1.7, 10); b.fx("mobile-api", "p99", "mul", on + 10, 1.9, 6)
    b.fx("web-portal", "rr", "mul", on, 1.3, 10)
    b.burst("journey-planner", on, 0, 10, [
        ("I", "{ip}:{port} - \"GET /v1/plan?{plan}&partner=citymover HTTP/1.1\" 200", "uvicorn.access"),
        ("I", "{ip}:{port} - \"GET /v1/plan?{plan} HTTP/1.1\" 200", "uvicorn.access"),
        ("I", "itinerary computed options=3 transfers=2 diversions=4 in {ms3}ms", "planner.router")], ctx={"ms3": 1800})
    b.burst("journey-planner", on + 5, 0, 0.4, [("W", "partner key=citymover-prod requests_last_min={n4} exceeds soft quota 3000 (not enforced)", "planner.quota")])
    b.burst("journey-planner", on + 14, 0, 3, [
        ("E", "sqlalchemy.exc.TimeoutError: QueuePool limit of size 20 overflow 10 reached, connection timed out, timeout 30.00 "
              "(Background on this error at: https://sqlalche.me/e/20/3o7r)", "planner.db"),
        ("I", "{ip}:{port} - \"GET /v1/plan?{plan} HTTP/1.1\" 503", "uvicorn.access")])
    b.burst("timetable-db", on + 4, 0, 2, [
        ("W", "# Query_time: {n1}.{n3}  Lock_time: 0.000  Rows_sent: 118  Rows_examined: {n6}  SELECT st.trip_id, st.departure_time FROM stop_times st "
              "JOIN trips t ON t.trip_id = st.trip_id WHERE st.stop_id IN (...) AND t.service_id IN (...) ORDER BY st.departure_time")])
    b.burst("gtfs-rt-ingest", -60, 0, 0.3, [("W", "feed=trip_updates contains {n2} entities for unknown trip_id (diversion trips not in static GTFS)")])
    b.alert("MySQLHighThreadsRunning", "timetable-db", "critical", -5, "timetable-db threads_running above 60", "timetable-db threads_running 118",
            'mysql_global_status_threads_running{instance=~"timetable-db.*"} > 60', team="planning")
    b.alert("MySQLCpuHigh", "timetable-db", "warning", -4, "timetable-db CPU above 90%", "timetable-db CPU 96%",
            'avg(rate(node_cpu_seconds_total{mode!="idle",instance=~"timetable-db.*"}[5m])) > 0.9', team="planning")
    return b


@scenario
def tl_validator_flush():
    b = B(TRANSITLY, "validator-taps-queue-backlog", "2025-03-25T06:48:00Z", 20, 2,
          "06:41 UTC: taps queue depth alert and tap-to-journey lag alert. Journeys in the app are not showing recent taps. "
          "Fare engine config was changed yesterday evening and again this morning.",
          "traffic_surge", "validator-gateway",
          "earlier dip in validator traffic (carrier outage) looks like the incident; consumer alert; innocent fare-engine config change")
    svcs = ["validator-gateway", "tap-processor", "fare-engine", "mobile-api", "account-service"]
    b.base(*svcs, "rabbitmq", "journeys-db")
    b.bglogs(*svcs, "rabbitmq", t0=-60)
    b.fx("validator-gateway", "rr", "mul", -68, 0.3, 3, t1=-19)
    b.fx("tap-processor", "rr", "mul", -67, 0.3, 3, t1=-18)
    on = -18
    b.fx("validator-gateway", "rr", "mul", on, 6, 2); b.fx("validator-gateway", "cpu", "to", on, 0.86, 2); b.fx("validator-gateway", "p99", "mul", on, 3, 2)
    b.fx("tap-processor", "rr", "mul", on, 1.55, 2); b.fx("tap-processor", "cpu", "to", on, 0.93, 2)
    b.fx("rabbitmq", "sat", "lin", on, 2.9, cap=0.82); b.fx("rabbitmq", "mem", "lin", on, 1.1, cap=0.34)
    b.fx("journeys-db", "cpu", "to", on, 0.71, 3)
    b.burst("validator-gateway", -68, on, 0.8, [("W", "validator {val} last seen {n3}s ago (no heartbeat)")])
    b.burst("validator-gateway", on, 0, 12, [
        ("I", "tap batch accepted validator={val} bus={bus} taps=50 replay=true oldest=2025-03-25T05:4{n1}:{n2}Z latency={ms}ms"),
        ("I", "heartbeat validator={val} bus={bus} fw=3.8.2 offline_queue={n3}")])
    b.burst("tap-processor", on + 4, 0, 1, [("W", "Tap age {n3}s exceeds journey assembly SLA 120s (replayed tap)", "c.t.taps.JourneyAssembler")])
    b.burst("rabbitmq", on + 8, 0, 0.3, [("I", "queue 'taps.inbound' in vhost 'fare': ready messages {n5}, consumers 16")])
    b.deploy("fare-engine", "config", "fare-rules-2025.03.25", "fare-rules-2025.03.24", -52, 1, "jmurphy",
             "CR: publish fare rule set 2025.03.25 (school-term child fares) to fare-engine (FARE-806). Hot reload, no restart.")
    b.alert("RabbitmqQueueDepthHigh", "rabbitmq", "critical", -6, "taps.inbound ready messages above 50k", "taps.inbound has 212k ready messages and rising",
            queue_expr("taps.inbound"), queue="taps.inbound", team="fare")
    b.alert("TapToJourneyLagHigh", "tap-processor", "warning", -4, "tap-to-journey lag above 5 minutes", "p95 tap age at processing 14m",
            'histogram_quantile(0.95, sum by (le)(rate(tap_age_at_processing_seconds_bucket[5m]))) > 300', team="fare")
    return b


@scenario
def tl_consumer_config():
    b = B(TRANSITLY, "tap-processing-delayed", "2025-02-20T08:15:00Z", 30, 2.5,
          "08:07 UTC: taps queue depth alert during morning peak; riders' journeys and caps appear late in the app. "
          "Validator traffic is at its usual morning level.",
          "config_change", "tap-processor",
          "innocent fare-engine deploy 40 min earlier; normal morning ramp in validator traffic")
    svcs = ["validator-gateway", "tap-processor", "fare-engine", "mobile-api", "ticket-service"]
    b.base(*svcs, "rabbitmq", "journeys-db")
    b.bglogs(*svcs, "rabbitmq", t0=-60)
    on = -24
    b.deploy("tap-processor", "config", "tap-processor-cm-rev57", "tap-processor-cm-rev56", on, 2, "jmurphy",
             "CR: tap-processor ConfigMap: spring.rabbitmq.listener.simple.concurrency 16 -> 2, prefetch 50 -> 10 to reduce "
             "journeys-db write contention seen last week (FARE-771). Rolling restart.")
    b.deploy("fare-engine", "deploy", "2.41.0", "2.40.2", -40, 5, "ci-argocd", "CR: fare-engine 2.41.0 - daily cap explanation in quote response (FARE-790).")
    startup(b, "tap-processor", on + 1, "6.8.0")
    b.L(on + 1.5, "tap-processor", "I", "Container listener started: queue=taps.inbound concurrency=2 maxConcurrency=2 prefetch=10",
        logger="o.s.a.r.l.SimpleMessageListenerContainer")
    b.fx("tap-processor", "rr", "to", on + 1, 72, 2); b.fx("tap-processor", "cpu", "to", on + 1, 0.16, 2)
    b.fx("rabbitmq", "sat", "lin", on + 1, 1.9, cap=0.75); b.fx("rabbitmq", "mem", "lin", on + 1, 0.5, cap=0.2)
    b.fx("journeys-db", "cpu", "to", on + 1, 0.19, 2)
    b.fx("validator-gateway", "rr", "mul", -60, 1.35, 50)
    b.burst("tap-processor", on + 6, 0, 1.2, [("W", "Tap age {n3}s exceeds journey assembly SLA 120s", "c.t.taps.JourneyAssembler")])
    b.burst("mobile-api", on + 10, 0, 0.6, [("W", "GET /v3/journeys/recent 200 {ms}ms - latest tap older than 10 min for account")])
    b.alert("RabbitmqQueueDepthHigh", "rabbitmq", "critical", -7, "taps.inbound ready messages above 50k", "taps.inbound has 96k ready messages",
            queue_expr("taps.inbound"), queue="taps.inbound", team="fare")
    b.alert("TapToJourneyLagHigh", "tap-processor", "warning", -5, "tap-to-journey lag above 5 minutes", "p95 tap age at processing 9m",
            'histogram_quantile(0.95, sum by (le)(rate(tap_age_at_processing_seconds_bucket[5m]))) > 300', team="fare")
    return b


@scenario
def tl_fare_config():
    b = B(TRANSITLY, "fare-quotes-slow-in-app", "2025-04-10T12:40:00Z", 15, 2,
          "12:32 UTC: fare quotes in the app take several seconds; tap processing latency alert fired and some taps are "
          "parked for retry.",
          "config_change", "fare-engine",
          "alerts only on the callers (tap-processor, mobile-api); ticket-service background declines")
    svcs = ["fare-engine", "tap-processor", "mobile-api", "validator-gateway", "ticket-service", "web-portal"]
    b.base(*svcs, "fares-db")
    b.bglogs(*svcs, t0=-55)
    on = -17
    b.deploy("fare-engine", "config", "fare-engine-cm-rev88", "fare-engine-cm-rev87", on, 1, "lvanderberg",
             "CR: fare-engine: FARE_RULES_CACHE_TTL 3600s -> 0 (disabled) while validating new zone map import (FARE-802). "
             "Hot reload via Spring Cloud Config refresh.")
    b.L(on + 0.3, "fare-engine", "I", "Refresh keys changed: [fare.rules.cache.ttl]", logger="o.s.c.c.refresh.RefreshListener")
    b.fx("fare-engine", "p99", "to", on + 1, 0.92, 2); b.fx("fare-engine", "cpu", "to", on + 1, 0.61, 2)
    b.fx("fares-db", "cpu", "to", on + 1, 0.88, 2); b.fx("fares-db", "sat", "to", on + 1, 0.74, 3)
    b.fx("tap-processor", "p99", "to", on + 2, 2.4, 3); b.fx("tap-processor", "er", "to", on + 3, 0.041, 3)
    b.fx("mobile-api", "p99", "to", on + 2, 3.1, 3); b.fx("mobile-api", "er", "to", on + 3, 0.05, 3)
    b.burst("fare-engine", on + 1, 0, 3, [("I", "Quote zones={zones} product=SINGLE_ADULT price={fare} EUR cache=MISS {ms2}ms", "c.t.fare.api.QuoteController")],
            ctx={"ms2": 700})
    b.burst("tap-processor", on + 3, 0, 4, [
        ("W", "Fare calculation timed out for tap {uuid} (fare-engine POST /v2/fare/calculate after 1000ms); tap parked for retry", "c.t.taps.FareClient"),
        ("E", "I/O error on POST request for \"http://fare-engine.fare.svc.cluster.local:8080/v2/fare/calculate\": Read timed out", "c.t.taps.FareClient")])
    b.burst("mobile-api", on + 3, 0, 3, [("E", "GET /v3/fares/quote 504 {ms3}ms upstream=fare-engine"),
                                         ("W", "GET /v3/fares/quote 200 {ms3}ms (slow)")], ctx={"ms3": 2900})
    b.burst("ticket-service", -55, 0, 0.3, [("W", "Payment declined for order ORD-{n8}: payment-service returned DECLINED (05)", "c.t.ticket.PurchaseService")])
    b.alert("TapProcessorLatencyHigh", "tap-processor", "critical", -6, "tap-processor p99 above 1s", "tap-processor p99 2.4s, taps parked for retry",
            lat_expr("tap-processor", 1), team="fare")
    b.alert("MobileApiLatencyHigh", "mobile-api", "warning", -5, "mobile-api p99 above 2s", "mobile-api p99 3.1s", lat_expr("mobile-api", 2), team="rider")
    return b


@scenario
def tl_account_leak():
    b = B(TRANSITLY, "app-login-failures", "2025-01-19T10:05:00Z", 60, 3.5,
          "09:58 UTC Sunday: riders cannot log in to the app or the website ('something went wrong'); account pages time out. "
          "The web team deployed the portal about a quarter of an hour ago.",
          "resource_saturation", "account-service",
          "innocent web-portal deploy 4 min before errors; mobile-api alert louder than account-service's")
    svcs = ["account-service", "mobile-api", "web-portal", "ticket-service", "journey-planner"]
    b.base(*svcs, "accounts-db")
    add_sig(b, "account-service", "sat", 0.13)
    b.bglogs(*svcs, t0=-70)
    b.fx("account-service", "sat", "lin", -200, 0.27, cap=0.87)
    b.fx("accounts-db", "sat", "lin", -200, 0.07, cap=0.2)
    b.deploy("web-portal", "deploy", "2.39.0", "2.38.5", -14, 4, "pmartin",
             "CR: web-portal 2.39.0 - new footer and cookie banner (WEB-305). No backend changes.")
    startup(b, "web-portal", -13, "2.39.0")
    for i, m in enumerate(range(-205, -8, 10)):
        active = min(30, 4 + int((m + 205) / 60.0 * 8.1) + b.rng.randint(0, 1))
        b.L(m + b.rng.random() * 4, "account-service", "D" if active < 20 else "I",
            "HikariPool-1 - Pool stats (total=30, active=%d, idle=%d, waiting=0)" % (active, 30 - active), logger="com.zaxxer.hikari.pool.HikariPool")
        if i % 2 == 0:
            b.L(m + 3 + b.rng.random() * 3, "account-service", "W",
                "Connection leak detection triggered for com.mysql.cj.jdbc.ConnectionImpl@%s on thread http-nio-8080-exec-%d, stack trace follows\n"
                "java.lang.Exception: Apparent connection leak detected\n\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)\n"
                "\tat c.t.account.consent.ConsentAuditWriter.write(ConsentAuditWriter.java:54)" % (_hex(b.rng, 7), b.rng.randint(1, 200)),
                logger="com.zaxxer.hikari.pool.ProxyLeakTask")
    on = -10
    b.fx("account-service", "er", "to", on, 0.31, 2); b.fx("account-service", "p99", "to", on, 29, 3)
    b.fx("mobile-api", "er", "to", on, 0.22, 2); b.fx("mobile-api", "p99", "mul", on, 6, 3)
    b.fx("web-portal", "er", "to", on, 0.16, 2)
    b.burst("account-service", on, 0, 5, [
        ("E", "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=30, active=30, idle=0, waiting={n2})", "com.zaxxer.hikari.pool.HikariPool"),
        ("E", "Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection",
         "o.s.web.servlet.DispatcherServlet")])
    b.burst("mobile-api", on, 0, 5, [("E", "POST /v3/auth/login 503 {ms3}ms - upstream account-service timeout"),
                                     ("E", "GET /v3/account/me 504 {ms3}ms")], ctx={"ms3": 10000})
    b.burst("web-portal", on, 0, 2, [("E", "GET /account/trips 500 {ms3}ms - AccountApiError: 500 from account-service /accounts/me")], ctx={"ms3": 10000})
    b.alert("MobileApiLoginErrorRate", "mobile-api", "critical", -6, "app login failures above 10%", "22% of logins failing",
            'sum(rate(http_requests_total{service="mobile-api",route="/v3/auth/login",code=~"5.."}[5m]))/sum(rate(http_requests_total{service="mobile-api",route="/v3/auth/login"}[5m])) > 0.1', team="rider")
    b.alert("AccountServiceLatencyHigh", "account-service", "warning", -5, "account-service p99 above 1s", "account-service p99 29s",
            lat_expr("account-service", 1), team="rider")
    return b


@scenario
def tl_acquirer():
    b = B(TRANSITLY, "contactless-tap-payments-declined", "2025-02-28T17:45:00Z", 30, 2,
          "17:33 UTC Friday peak: app ticket purchases failing and contactless first-taps being declined on some buses. "
          "Payments deployed payment-service earlier this afternoon.",
          "external", "kestrel-acquiring",
          "payment-service deployed 13 min before the failures")
    svcs = ["payment-service", "ticket-service", "tap-processor", "mobile-api", "validator-gateway"]
    b.base(*svcs, "payments-db")
    b.bglogs(*svcs, t0=-60)
    dep = -25
    b.deploy("payment-service", "deploy", "4.6.0", "4.5.3", dep, 5, "aokafor",
             "CR: payment-service 4.6.0 - send 3DS2 frictionless data fields for web card payments (PAY-390). Rolling 3 replicas.")
    startup(b, "payment-service", dep + 1, "4.6.0")
    on = -12
    b.fx("payment-service", "er", "to", on, 0.52, 2); b.fx("payment-service", "p99", "to", on, 8.2, 2)
    b.fx("ticket-service", "er", "to", on, 0.31, 2); b.fx("ticket-service", "p99", "mul", on, 5, 2)
    b.fx("tap-processor", "er", "to", on, 0.04, 2)
    b.fx("mobile-api", "er", "to", on, 0.03, 2)
    b.burst("payment-service", on, 0, 5, [
        ("E", "Kestrel authorisation call failed: POST https://api.kestrel-acquiring.com/v2/authorisations -> 504 Gateway Timeout (x-kestrel-request-id=kr_{hex16})",
         "c.t.pay.kestrel.KestrelClient"),
        ("E", "I/O error on POST request for \"https://api.kestrel-acquiring.com/v2/authorisations\": Read timed out; nested exception is java.net.SocketTimeoutException",
         "c.t.pay.kestrel.KestrelClient"),
        ("W", "Kestrel status endpoint https://api.kestrel-acquiring.com/v2/health returned 503", "c.t.pay.kestrel.KestrelHealthIndicator")])
    b.burst("ticket-service", on, 0, 3, [("E", "Payment authorisation failed for order ORD-{n8}: payment-service returned 502 ACQUIRER_UNAVAILABLE", "c.t.ticket.PurchaseService")])
    b.burst("tap-processor", on, 0, 2, [("W", "EMV first-tap ANI check failed for tok_{hex12}: payment-service 502; applying deny-list pending", "c.t.taps.EmvRiskClient")])
    b.alert("TicketPurchaseFailureRate", "ticket-service", "critical", -7, "ticket purchase failures above 5%", "31% of purchases failing",
            'sum(rate(ticket_purchases_total{result="failed"}[5m]))/sum(rate(ticket_purchases_total[5m])) > 0.05', team="rider")
    b.alert("PaymentServiceAcquirerErrors", "payment-service", "critical", -6, "acquirer call errors above 5%", "52% of acquirer calls failing",
            'sum(rate(acquirer_requests_total{result="error"}[5m]))/sum(rate(acquirer_requests_total[5m])) > 0.05', team="payments")
    return b


@scenario
def tl_gtfs():
    b = B(TRANSITLY, "live-bus-arrivals-stale", "2025-03-08T13:30:00Z", 60, 3,
          "13:22 UTC: riders report the app shows scheduled times only, no live bus positions; realtime coverage alert fired. "
          "Journey planner was deployed before lunch.",
          "external", "orbitfleet-gtfs",
          "journey-planner deploy 45 min earlier; resolved planner-cache memory alert; gtfs-rt-ingest latency series missing")
    svcs = ["gtfs-rt-ingest", "journey-planner", "mobile-api", "web-portal"]
    b.base(*svcs, "planner-cache")
    b.drop("gtfs-rt-ingest", "p99")
    b.bglogs(*svcs, t0=-70)
    b.deploy("journey-planner", "deploy", "3.10.0", "3.9.2", -45, 5, "lvanderberg",
             "CR: journey-planner 3.10.0 - walking-speed preference (PLAN-461). Rolling 3 replicas.")
    startup(b, "journey-planner", -44, "3.10.0")
    b.fx("planner-cache", "mem", "to", -110, 0.88, 5, t1=-95)
    on = -16
    b.fx("gtfs-rt-ingest", "er", "to", on, 1.0, 1); b.fx("gtfs-rt-ingest", "cpu", "mul", on, 0.5, 2)
    b.burst("gtfs-rt-ingest", on, 0, 4, [
        ("E", "fetch failed feed=trip_updates url=https://feeds.orbitfleet.io/transitly/gtfs-rt/trip-updates status=503 body=\"upstream connect error or disconnect/reset before headers\" attempt={n1}"),
        ("E", "fetch failed feed=vehicle_positions url=https://feeds.orbitfleet.io/transitly/gtfs-rt/vehicle-positions err=\"context deadline exceeded (Client.Timeout exceeded while awaiting headers)\""),
        ("W", "keeping last good snapshot feed=trip_updates age_s={n3}")])
    b.burst("journey-planner", on + 5, 0, 1.5, [("W", "realtime predictions stale for {n3} trips (age > 300s), falling back to schedule", "planner.realtime")])
    b.alert("PlannerCacheMemoryHigh", "planner-cache", "warning", -108, "planner-cache memory above 85%", "used_memory 88% of maxmemory",
            'redis_memory_used_bytes{service="planner-cache"} / redis_memory_max_bytes{service="planner-cache"} > 0.85', status="resolved", t1=-94, team="planning")
    b.alert("GtfsRealtimeFeedStale", "gtfs-rt-ingest", "critical", -8, "GTFS-rt trip updates older than 5 minutes", "Last successful trip_updates fetch 8m ago",
            'time() - max(gtfs_rt_last_success_timestamp_seconds{feed="trip_updates"}) > 300', feed="trip_updates", team="planning")
    b.alert("JourneyPlannerRealtimeCoverageLow", "journey-planner", "warning", -5, "realtime coverage below 50% of active trips", "Realtime coverage 3%",
            'sum(planner_trips_with_realtime) / sum(planner_active_trips) < 0.5', team="planning")
    return b


@scenario
def tl_mobile_deploy():
    b = B(TRANSITLY, "ticket-purchase-errors-in-app", "2025-04-04T08:30:00Z", 20, 2,
          "08:20 UTC: app users report 'payment could not be completed' when buying tickets; the website works. "
          "Some card declines are normal at this hour.",
          "deploy", "mobile-api",
          "background acquirer declines; resolved payment-service latency alert in body")
    svcs = ["mobile-api", "ticket-service", "payment-service", "account-service", "web-portal"]
    b.base(*svcs)
    b.bglogs(*svcs, t0=-60)
    dep = -19
    b.deploy("mobile-api", "deploy", "5.15.0", "5.14.3", dep, 4, "aokafor",
             "CR: mobile-api 5.15.0 - checkout supports family ticket bundles (RID-1877). Argo rollout 25/50/100 over 3 min.")
    startup(b, "mobile-api", dep + 1, "5.15.0")
    on = dep + 2
    b.fx("mobile-api", "er", "to", on, 0.072, 3)
    b.fx("ticket-service", "rr", "mul", on, 0.55, 3)
    b.fx("payment-service", "rr", "mul", on, 0.75, 3)
    b.fx("payment-service", "p99", "mul", -72, 2.6, 3, t1=-52)
    b.burst("mobile-api", on, 0, 6, [
        ("E", "TypeError: Cannot read properties of undefined (reading 'fareProductId')\n    at buildOrderLines (/app/dist/checkout/order.js:88:41)\n"
              "    at CheckoutService.purchase (/app/dist/checkout/service.js:142:23)\n    at async /app/dist/routes/tickets.js:57:20"),
        ("E", "POST /v3/tickets/purchase 500 {ms}ms")])
    b.burst("payment-service", -60, 0, 0.8, [("W", "Auth declined token=tok_{hex12} response_code=05 (do not honour)", "c.t.pay.kestrel.KestrelClient"),
                                             ("W", "Auth declined token=tok_{hex12} response_code=51 (insufficient funds)", "c.t.pay.kestrel.KestrelClient")])
    b.alert("PaymentServiceAcquirerLatency", "payment-service", "warning", -70, "acquirer p99 above 2s", "Kestrel authorisation p99 2.4s",
            'histogram_quantile(0.99, sum by (le)(rate(acquirer_request_duration_seconds_bucket[5m]))) > 2', status="resolved", t1=-50, team="payments")
    b.alert("MobileApiErrorRateHigh", "mobile-api", "critical", -6, "mobile-api 5xx above 5%", "mobile-api 5xx at 7.2%, concentrated on POST /v3/tickets/purchase",
            err_expr("mobile-api"), team="rider")
    return b


@scenario
def tl_ticket_deploy():
    b = B(TRANSITLY, "ticket-wallet-slow-and-db-cpu-alert", "2025-01-31T18:12:00Z", 30, 2.5,
          "18:06 UTC: tickets database CPU critical alert; the ticket wallet in the app takes many seconds to open during "
          "evening peak.",
          "deploy", "ticket-service",
          "the loud alert is on the datastore; evening traffic ramp; mobile-api latency alert")
    svcs = ["ticket-service", "mobile-api", "payment-service", "account-service", "web-portal"]
    b.base(*svcs, "tickets-db")
    b.bglogs(*svcs, t0=-60)
    dep = -28
    b.deploy("ticket-service", "deploy", "7.3.0", "7.2.4", dep, 5, "pmartin",
             "CR: ticket-service 7.3.0 - wallet shows per-ticket journey history (RID-1790). Rolling 3 replicas, no migration "
             "(uses existing ticket_journey table).")
    startup(b, "ticket-service", dep + 1, "7.3.0")
    on = dep + 3
    b.fx("tickets-db", "cpu", "to", on, 0.97, 14); b.fx("tickets-db", "sat", "to", on, 0.9, 14); b.fx("tickets-db", "p99", "to", on, 0.9, 14)
    b.fx("ticket-service", "p99", "to", on + 4, 4.1, 12); b.fx("ticket-service", "er", "to", on + 16, 0.045, 4); b.fx("ticket-service", "cpu", "to", on, 0.5, 8)
    b.fx("mobile-api", "p99", "mul", on + 4, 3.5, 12); b.fx("mobile-api", "er", "to", on + 16, 0.028, 4)
    b.fx("mobile-api", "rr", "mul", -120, 1.3, 100)
    b.burst("tickets-db", on + 2, 0, 4, [
        ("W", "# Query_time: {n1}.{n3}  Lock_time: 0.000 Rows_sent: {n2}  Rows_examined: {n6}\nSET timestamp={epoch};\n"
              "SELECT j.* FROM ticket_journey j WHERE j.ticket_id = {n8} ORDER BY j.tapped_at DESC;")])
    b.burst("ticket-service", on + 4, 0, 2, [("I", "Wallet served account={uuid} tickets={n1} in {ms3}ms", "c.t.ticket.WalletController")], ctx={"ms3": 3000})
    b.burst("ticket-service", on + 16, 0, 3, [("E", "HikariPool-1 - Connection is not available, request timed out after 5000ms.", "com.zaxxer.hikari.pool.HikariPool"),
                                              ("E", "Ticket purchase failed for order ORD-{n8}: could not acquire JDBC connection", "c.t.ticket.PurchaseService")])
    b.alert("MySQLCpuHigh", "tickets-db", "critical", -5, "tickets-db CPU above 90%", "tickets-db CPU 97% for 10m",
            'avg(rate(node_cpu_seconds_total{mode!="idle",instance=~"tickets-db.*"}[5m])) > 0.9', team="rider")
    b.alert("MobileApiLatencyHigh", "mobile-api", "warning", -4, "mobile-api p99 above 2s", "mobile-api p99 2.2s", lat_expr("mobile-api", 2), team="rider")
    return b


@scenario
def tl_rabbit_down():
    b = B(TRANSITLY, "validator-taps-not-acknowledged", "2025-03-03T14:25:00Z", 15, 1.5,
          "14:17 UTC: validators on many buses show the amber 'offline' icon and are buffering taps; tap processing "
          "has stopped. Fare collection deployed tap-processor a few minutes before.",
          "dependency_outage", "rabbitmq",
          "tap-processor deploy finished 2 min before the outage; rabbitmq metrics simply stop")
    svcs = ["validator-gateway", "tap-processor", "fare-engine", "mobile-api"]
    b.base(*svcs, "rabbitmq", "journeys-db")
    add_sig(b, "notification-worker", "cpu", 0.08)
    b.bglogs(*svcs, "notification-worker", t0=-45)
    b.burst("rabbitmq", -45, -8, 0.8, TL["rabbitmq"]["logs"])
    dep = -13
    b.deploy("tap-processor", "deploy", "6.8.1", "6.8.0", dep, 3, "ci-argocd",
             "CR: tap-processor 6.8.1 - bump jackson-databind to 2.17.1 (SEC-221). Rolling 4 replicas.")
    startup(b, "tap-processor", dep + 1, "6.8.1")
    on = -8
    b.gap("rabbitmq", on, 1)
    b.fx("validator-gateway", "er", "to", on, 0.61, 1); b.fx("validator-gateway", "p99", "mul", on, 0.5, 1)
    b.fx("tap-processor", "rr", "to", on, 0.0, 1); b.fx("tap-processor", "cpu", "to", on, 0.03, 1)
    b.fx("journeys-db", "cpu", "to", on, 0.08, 2)
    b.fx("fare-engine", "rr", "mul", on, 0.35, 1)
    b.burst("validator-gateway", on, 0, 8, [
        ("E", "publish failed exchange=taps routing_key=taps.inbound err=\"Exception (504) Reason: \\\"channel/connection is not open\\\"\""),
        ("E", "amqp dial failed addr=rabbitmq.messaging.svc.cluster.local:5672 err=\"dial tcp 10.42.7.14:5672: connect: connection refused\""),
        ("W", "tap batch rejected validator={val} status=503 reason=broker_unavailable")])
    b.burst("tap-processor", on, 0, 3, [
        ("W", "Consumer raised exception, processing can restart if the connection factory supports it. Exception summary: "
              "org.springframework.amqp.AmqpConnectException: java.net.ConnectException: Connection refused", "o.s.a.r.l.SimpleMessageListenerContainer"),
        ("I", "Attempting to connect to: [rabbitmq.messaging.svc.cluster.local:5672]", "o.s.a.r.c.CachingConnectionFactory")])
    b.burst("notification-worker", on, 0, 1, [("E", "pika.exceptions.AMQPConnectionError: Connection to 10.42.7.14:5672 failed: [Errno 111] Connection refused", "worker.consumer")])
    b.alert("ValidatorGatewayErrorRate", "validator-gateway", "critical", -6, "validator-gateway errors above 5%",
            "61% of tap batches rejected; validators buffering offline.", err_expr("validator-gateway"), team="fare")
    b.alert("TapProcessorNoMessagesConsumed", "tap-processor", "warning", -4, "tap-processor consumed 0 messages in 5m", "No deliveries on taps.inbound",
            'sum(rate(rabbitmq_consumed_total{service="tap-processor"}[5m])) == 0', team="fare")
    return b


@scenario
def tl_accounts_db():
    b = B(TRANSITLY, "account-pages-erroring", "2025-04-14T11:05:00Z", 30, 2,
          "10:58 UTC: the website's account and trips pages error out right after the web portal release; the app's account "
          "screen fails too.",
          "dependency_outage", "accounts-db",
          "web-portal deploy finished 4 min before the errors; web-portal alert is the loudest; accounts-db metrics stop")
    svcs = ["account-service", "web-portal", "mobile-api", "ticket-service", "journey-planner"]
    b.base(*svcs, "accounts-db")
    b.bglogs(*svcs, t0=-60)
    b.deploy("web-portal", "deploy", "2.40.0", "2.39.2", -15, 3, "pmartin",
             "CR: web-portal 2.40.0 - Next.js 14.2 upgrade and new trips page layout (WEB-311). Rolling 2 replicas.")
    startup(b, "web-portal", -14, "2.40.0")
    on = -8
    b.gap("accounts-db", on, 1)
    b.fx("account-service", "er", "to", on, 0.9, 1); b.fx("account-service", "p99", "to", on, 2.1, 1)
    b.fx("web-portal", "er", "to", on, 0.41, 1); b.fx("mobile-api", "er", "to", on, 0.3, 1)
    b.burst("account-service", on, 0, 6, [
        ("E", "Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server. "
              "(com.mysql.cj.jdbc.exceptions.CommunicationsException) connecting to accounts-db.data.svc.cluster.local:3306: Connection refused", "o.h.engine.jdbc.spi.SqlExceptionHelper"),
        ("W", "HikariPool-1 - Failed to validate connection com.mysql.cj.jdbc.ConnectionImpl@{hex8} (No operations allowed after connection closed.). "
              "Possibly consider using a shorter maxLifetime value.", "com.zaxxer.hikari.pool.PoolBase"),
        ("E", "GET /accounts/{uuid} -> 500 in {ms}ms", "c.t.account.web.AccountController")])
    b.burst("web-portal", on, 0, 4, [("E", "GET /account/trips 500 {ms2}ms - AccountApiError: 500 from account-service /accounts/me"),
                                     ("E", "Error: getServerSideProps failed for /account: Request failed with status code 500")])
    b.burst("mobile-api", on, 0, 3, [("E", "GET /v3/account/me 502 {ms}ms - upstream account-service responded 500")])
    b.alert("WebPortalErrorRateHigh", "web-portal", "critical", -6, "web-portal 5xx above 5%", "web-portal 5xx 41%", err_expr("web-portal"), team="rider")
    b.alert("AccountServiceErrorRate", "account-service", "critical", -5, "account-service 5xx above 5%", "account-service 5xx 90%", err_expr("account-service"), team="rider")
    b.alert("MobileApiErrorRateHigh", "mobile-api", "warning", -4, "mobile-api 5xx above 5%", "mobile-api 5xx 30%", err_expr("mobile-api"), team="rider")
    return b


@scenario
def tl_ratelimit():
    b = B(TRANSITLY, "app-users-getting-too-many-requests", "2025-02-24T08:10:00Z", 20, 2,
          "08:02 UTC Monday: app traffic down ~40% against last week; app store reviews and social posts mention "
          "'Too many requests' errors, mostly from people on mobile data. The backend error rates look normal.",
          "config_change", "ingress-nginx",
          "innocent mobile-api deploy 30 min earlier; backend services healthy, just quieter")
    svcs = ["mobile-api", "web-portal", "account-service", "ticket-service", "journey-planner"]
    b.base(*svcs)
    add_sig(b, "ingress-nginx", "rr", 480)
    b.bglogs(*svcs, "ingress-nginx", t0=-60)
    b.deploy("mobile-api", "deploy", "5.14.2", "5.14.1", -30, 4, "aokafor", "CR: mobile-api 5.14.2 - Sentry sampling 0.2 -> 0.1 (RID-1860).")
    startup(b, "mobile-api", -29, "5.14.2")
    on = -20
    b.deploy("ingress-nginx", "config", "ingress-nginx-controller-cm-rev31", "ingress-nginx-controller-cm-rev30", on, 1, "lvanderberg",
             "CR: ingress-nginx controller ConfigMap - add per-client-IP limit_req zone (5 r/s, burst 10) in http-snippet/location-snippet "
             "and limit-req-status-code 429 to mitigate credential stuffing on /v3/auth/login (SEC-240).")
    b.L(on + 0.5, "ingress-nginx", "I", "I%s       7 controller.go:214] \"Backend successfully reloaded\"" %
        dt.datetime.fromtimestamp(b.T(on + 0.5), dt.timezone.utc).strftime("%m%d %H:%M:%S.%f"))
    b.fx("ingress-nginx", "rr", "mul", on, 0.97, 2)
    for s, f in [("mobile-api", 0.58), ("web-portal", 0.85), ("account-service", 0.62), ("ticket-service", 0.6), ("journey-planner", 0.7)]:
        b.fx(s, "rr", "mul", on + 1, f, 3)
    b.burst("ingress-nginx", on + 1, 0, 12, [
        ("W", "{ngts} [error] 38#38: *{n8} limiting requests, excess: 10.{n3} by zone \"perip\", client: {cgnat}, server: api.transitly.io, request: \"GET /v3/plan HTTP/2.0\", host: \"api.transitly.io\""),
        ("I", "{cgnat} - - [{ngts}] \"GET /v3/account/me HTTP/2.0\" 429 162 \"-\" \"{ua}\" 58 0.000 [rider-mobile-api-80] [] - - - - {hex16}"),
        ("I", "{cgnat} - - [{ngts}] \"POST /v3/tickets/purchase HTTP/2.0\" 429 162 \"-\" \"{ua}\" 402 0.000 [rider-mobile-api-80] [] - - - - {hex16}")])
    b.alert("MobileApiTrafficDrop", "mobile-api", "critical", -6, "mobile-api request rate 40% below last week", "Requests/s 88 vs 150 same time last week",
            'sum(rate(http_requests_total{service="mobile-api"}[10m])) < 0.7 * sum(rate(http_requests_total{service="mobile-api"}[10m] offset 1w))', team="rider")
    b.alert("TicketSalesBelowForecast", "ticket-service", "warning", -4, "app ticket sales below forecast", "App ticket sales 41% below forecast",
            'sum(rate(ticket_purchases_total{channel="APP",result="ok"}[15m])) < 0.7 * ticket_sales_forecast', team="rider")
    return b


# =========================================================================== README
def readme(builders):
    counts = {c: 0 for c in CAUSES}
    for b in builders:
        counts[b.cause] += 1
    rows = "\n".join("| `%s` | %ds | %s | %s | %s |" % (b.name, b.step, b.cause, b.culprit, b.distractor) for b in builders)
    return """# blind_telco - replayable incident scenarios (written blind)

This folder is a set of %d replayable incident scenarios for evaluating the root-cause engine of the
incident-diagnosis bot.  They were written **blind**: the author never read the engine, its runbooks, its
connectors or any other test set, and never ran the engine or any scorer on these scenarios.  They measure how
well the engine generalises to incidents it was not shaped around, so **do not tune the engine on them**; if the
engine is changed because of a failure here, this set stops being a blind measurement.

## Estates

* **Northwave Mobile** (cluster `nw-prod-eu1`) - a mid-size mobile operator: online charging (`ocs-charging`,
  `diameter-gateway`), A2P SMS (`sms-gateway`, `sms-router`, `smpp-connector`, `dlr-processor`), number porting,
  SIM provisioning (`provisioning-orchestrator`, `hlr-adapter`), selfcare portal backend, USSD, top-ups and card
  payments, billing API and batch, roaming TAP clearing; Oracle and PostgreSQL, Redis, Kafka; Kubernetes with Istio
  (`istiod`, `istio-ingressgateway`), CoreDNS (`cluster-dns`), node pools; third parties `portx-clearinghouse`,
  `paynova-gateway`, `bulkroute-sms`, `roamex-clearing`.  38 catalog components.
* **Transitly** (cluster `tly-prod-1`) - a city public-transport ticketing operator: bus validators
  (`validator-gateway`), `tap-processor`, `fare-engine`, `journey-planner`, GTFS-realtime ingest, mobile app
  backend, account, ticket and payment services, EMV settlement; MySQL, Redis, RabbitMQ; `ingress-nginx`,
  `coredns`, node pools; third parties `kestrel-acquiring` (card acquirer) and `orbitfleet-gtfs` (AVL feed vendor).
  27 catalog components.

Each estate has a single hand-written `catalog.yaml` shared by its scenarios.  As in real catalogs, the
`depends_on` lists name application dependencies but not the platform pieces (DNS, mesh, ingress, node pools).

## Layout

Each scenario folder holds `scenario.yaml` plus the data files it references (`alerts.json` Alertmanager webhook
v4 body, `catalog.yaml`, `signals.json`, `logs.jsonl` ECS lines, `deploys.json`).  A source that is deliberately
missing is left out of `scenario.yaml` and not written.  Folder names describe the symptom as reported, never the
cause.  `expected` in `scenario.yaml` holds the postmortem answer (cause and culprit).

Counts per cause: %s.

## Regenerating

    /work/main/.venv/bin/python generate.py          # rewrite every scenario folder and this README, then validate
    /work/main/.venv/bin/python generate.py --check  # validate the files on disk only

Generation is deterministic (seeded from scenario names; byte-identical output on every run) and uses only the
standard library and PyYAML.  Validation checks the file contract, catalog references, alert payload shape,
timestamps against `now`, signal ranges and durations, log/ deploy fields, sizes and cause coverage.

## Scenarios

`step` is the signal sampling interval; `distractor` lists the red herrings placed in the scenario.

| scenario | step | cause | culprit | distractor |
|---|---|---|---|---|
%s
""" % (len(builders), ", ".join("%s %d" % (c, n) for c, n in counts.items()), rows)


# =========================================================================== validation
class Invalid(Exception):
    pass


def _need(cond, msg, errs):
    if not cond:
        errs.append(msg)


def validate_folder(path):
    errs = []
    name = os.path.basename(path)
    size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    _need(size < MAX_BYTES, "%s: %d bytes >= 1 MB" % (name, size), errs)
    try:
        sc = yaml.safe_load(open(os.path.join(path, "scenario.yaml")))
    except Exception as e:  # noqa
        return ["%s: scenario.yaml unreadable: %s" % (name, e)], None
    for k in ("name", "description", "now", "catalog", "expected"):
        _need(k in sc, "%s: scenario.yaml lacks %s" % (name, k), errs)
    if errs:
        return errs, None
    _need(sc["name"] == name, "%s: name field %r != folder" % (name, sc["name"]), errs)
    now = parse_iso(sc["now"])
    _need(sc["now"].endswith("Z"), "%s: now not UTC" % name, errs)
    exp = sc["expected"]
    _need(exp.get("cause") in CAUSES, "%s: bad cause %r" % (name, exp.get("cause")), errs)
    known = {"alerts": "alerts.json", "catalog": "catalog.yaml", "signals": "signals.json", "logs": "logs.jsonl", "deploys": "deploys.json"}
    for key, fn in known.items():
        present = os.path.exists(os.path.join(path, fn))
        if key in sc:
            _need(sc[key] == fn and present, "%s: %s -> %s missing" % (name, key, sc.get(key)), errs)
        else:
            _need(not present, "%s: %s written but not referenced" % (name, fn), errs)
    extra = set(os.listdir(path)) - set(known.values()) - {"scenario.yaml"}
    _need(not extra, "%s: unexpected files %s" % (name, sorted(extra)), errs)
    cat = yaml.safe_load(open(os.path.join(path, "catalog.yaml")))
    svcs = cat.get("services", {})
    _need(isinstance(cat.get("defaults", {}).get("signals"), dict), "%s: catalog defaults.signals missing" % name, errs)
    _need(10 <= len(svcs) <= 40, "%s: catalog has %d components" % (name, len(svcs)), errs)
    for s, d in svcs.items():
        _need(d.get("kind", "service") in KINDS, "%s: %s bad kind" % (name, s), errs)
        for dep in d.get("depends_on", []) or []:
            _need(dep in svcs, "%s: %s depends_on undefined %s" % (name, s, dep), errs)
    _need(exp.get("culprit") in svcs, "%s: culprit %r not in catalog" % (name, exp.get("culprit")), errs)
    _need(exp.get("culprit", "") not in name, "%s: folder name reveals the culprit" % name, errs)
    if "alerts" in sc:
        body = json.load(open(os.path.join(path, "alerts.json")))
        for k in ("receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL",
                  "version", "groupKey", "truncatedAlerts"):
            _need(k in body, "%s: alerts.json lacks %s" % (name, k), errs)
        _need(body.get("version") == "4", "%s: webhook version" % name, errs)
        firing = []
        for a in body.get("alerts", []):
            for k in ("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"):
                _need(k in a, "%s: alert lacks %s" % (name, k), errs)
            lab = a.get("labels", {})
            for k in ("alertname", "service", "severity"):
                _need(k in lab, "%s: alert label %s missing" % (name, k), errs)
            _need(lab.get("service") in svcs, "%s: alert service %r not in catalog" % (name, lab.get("service")), errs)
            _need(a.get("status") in ("firing", "resolved"), "%s: alert status" % name, errs)
            st = parse_iso(a["startsAt"])
            _need(st <= now, "%s: alert starts after now" % name, errs)
            if a.get("status") == "firing":
                _need(a["endsAt"] == ZERO_TIME, "%s: firing alert endsAt" % name, errs)
                firing.append(st)
            else:
                _need(st < parse_iso(a["endsAt"]) <= now, "%s: resolved alert times" % name, errs)
            _need(re.fullmatch(r"[0-9a-f]{16}", a.get("fingerprint", "")) is not None, "%s: fingerprint" % name, errs)
        _need(bool(firing), "%s: no firing alert" % name, errs)
        if firing:
            lead = now - min(firing)
            _need(60 <= lead <= 20 * 60, "%s: now is %.1f min after first firing alert" % (name, lead / 60), errs)
        _need(body.get("status") == ("firing" if firing else "resolved"), "%s: body status" % name, errs)
    if "signals" in sc:
        sig = json.load(open(os.path.join(path, "signals.json")))
        last, first = 0, now
        for s, d in sig.items():
            _need(s in svcs, "%s: signals for unknown %s" % (name, s), errs)
            for sn, pts in d.items():
                _need(sn in STD_SIGNALS, "%s: unknown signal %s" % (name, sn), errs)
                ts = [p[0] for p in pts]
                _need(ts == sorted(ts) and len(set(ts)) == len(ts), "%s: %s/%s unsorted" % (name, s, sn), errs)
                _need(all(isinstance(p[1], (int, float)) and p[1] >= 0 for p in pts), "%s: %s/%s bad values" % (name, s, sn), errs)
                if sn in RATIO_SIGNALS:
                    _need(all(p[1] <= 1 for p in pts), "%s: %s/%s above 1" % (name, s, sn), errs)
                if ts:
                    _need(ts[-1] <= now, "%s: %s/%s after now" % (name, s, sn), errs)
                    last, first = max(last, ts[-1]), min(first, ts[0])
        _need(now - last <= 600, "%s: signals end %.0fs before now" % (name, now - last), errs)
        _need(1.4 * 3600 <= now - first <= 4.05 * 3600, "%s: signal span %.2fh" % (name, (now - first) / 3600), errs)
    if "logs" in sc:
        prev = ""
        n = 0
        for line in open(os.path.join(path, "logs.jsonl")):
            n += 1
            d = json.loads(line)
            for k in ("@timestamp", "service", "log", "message"):
                _need(k in d, "%s: log line %d lacks %s" % (name, n, k), errs)
            _need(d["service"].get("name") in svcs, "%s: log service %r unknown" % (name, d["service"].get("name")), errs)
            _need("level" in d["log"], "%s: log line %d lacks level" % (name, n), errs)
            _need(d["@timestamp"] >= prev, "%s: logs not sorted at %d" % (name, n), errs)
            _need(parse_iso(d["@timestamp"]) <= now, "%s: log after now" % name, errs)
            prev = d["@timestamp"]
            if len(errs) > 20:
                break
        _need(n > 0, "%s: empty logs" % name, errs)
    if "deploys" in sc:
        deps = json.load(open(os.path.join(path, "deploys.json")))
        for d in deps:
            for k in ("id", "service", "kind", "version", "previous_version", "started_at", "finished_at", "author", "description"):
                _need(k in d, "%s: deploy lacks %s" % (name, k), errs)
            _need(d.get("service") in svcs, "%s: deploy service %r unknown" % (name, d.get("service")), errs)
            _need(d.get("kind") in ("deploy", "config", "flag", "infra"), "%s: deploy kind" % name, errs)
            _need(parse_iso(d["started_at"]) <= parse_iso(d["finished_at"]) <= now, "%s: deploy times" % name, errs)
    return errs, sc


def validate_all():
    errs = []
    dirs = sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "scenario.yaml")))
    causes = {c: 0 for c in CAUSES}
    for d in dirs:
        e, sc = validate_folder(os.path.join(HERE, d))
        errs += e
        if sc and sc.get("expected", {}).get("cause") in causes:
            causes[sc["expected"]["cause"]] += 1
    _need(len(dirs) >= 32, "only %d scenarios" % len(dirs), errs)
    for c, n in causes.items():
        _need(n >= 3, "cause %s covered %d times (<3)" % (c, n), errs)
    rd = os.path.join(HERE, "README.md")
    if not os.path.exists(rd):
        errs.append("README.md missing")
    else:
        text = open(rd).read()
        _need("| scenario | step | cause | culprit | distractor |" in text, "README table header missing", errs)
        for d in dirs:
            _need("`%s`" % d in text, "README lacks row for %s" % d, errs)
    return errs, len(dirs), causes


# =========================================================================== main
def build_all():
    out = []
    names = set()
    for fn in SCENARIOS:
        b = fn()
        if b.name in names:
            raise Invalid("duplicate scenario %s" % b.name)
        names.add(b.name)
        out.append((b, b.render()))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="validate the files on disk only")
    args = ap.parse_args()
    if not args.check:
        first = build_all()
        second = build_all()
        for (b1, f1), (b2, f2) in zip(first, second):
            if f1 != f2:
                print("ERROR: generation is not deterministic for %s" % b1.name, file=sys.stderr)
                return 2
        for b, files in first:
            d = os.path.join(HERE, b.name)
            os.makedirs(d, exist_ok=True)
            for fn in ("alerts.json", "catalog.yaml", "signals.json", "logs.jsonl", "deploys.json", "scenario.yaml"):
                p = os.path.join(d, fn)
                if fn in files:
                    with open(p, "wb") as fh:
                        fh.write(files[fn])
                elif os.path.exists(p):
                    os.remove(p)
        with open(os.path.join(HERE, "README.md"), "w") as fh:
            fh.write(readme([b for b, _ in first]))
    errs, n, causes = validate_all()
    if errs:
        print("VALIDATION FAILED (%d problems):" % len(errs), file=sys.stderr)
        for e in errs[:200]:
            print("  - " + e, file=sys.stderr)
        return 1
    print("OK: %d scenarios valid; causes: %s" % (n, ", ".join("%s=%d" % kv for kv in causes.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
