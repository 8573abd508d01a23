#!/usr/bin/env python3
"""Blind incident-scenario set for two fictional estates (Medora Health, Skyfreight).

Usage:
    python generate.py          # (re)write every scenario folder + README.md, then validate
    python generate.py --check  # validate what is on disk only

Deterministic: every random draw comes from random.Random seeded with a CRC32 of
stable strings, so the output is byte-identical on every run.  Stdlib + PyYAML only.
"""
import argparse
import copy
import datetime as dt
import hashlib
import json
import math
import os
import random
import re
import shutil
import string
import sys
import urllib.parse
import zlib

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CAUSES = ["deploy", "config_change", "resource_saturation", "traffic_surge",
          "dependency_outage", "infrastructure", "external"]
KINDS = ["service", "datastore", "queue", "infrastructure", "external"]
STD_SIGNALS = ["request_rate", "error_ratio", "latency_p99_seconds",
               "cpu_utilisation", "memory_utilisation", "saturation"]
RATIO_SIGNALS = {"error_ratio", "cpu_utilisation", "memory_utilisation", "saturation"}
SHORT = {"rr": "request_rate", "err": "error_ratio", "p99": "latency_p99_seconds",
         "cpu": "cpu_utilisation", "mem": "memory_utilisation", "sat": "saturation"}
DEPLOY_KINDS = ["deploy", "config", "flag", "infra"]
ZERO_TIME = "0001-01-01T00:00:00Z"
MAX_BYTES = 1_000_000
NORMAL_LOG_SCALE = 0.55


def crc(*parts):
    return zlib.crc32("\x1f".join(str(p) for p in parts).encode())


def parse_iso(s):
    s = s.replace("Z", "+00:00")
    return dt.datetime.fromisoformat(s).timestamp()


def iso(ts, ms=False):
    msec = int(math.floor(ts * 1000))
    d = dt.datetime.fromtimestamp(msec // 1000, tz=dt.timezone.utc)
    if ms:
        return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (msec % 1000)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


class Vals(dict):
    """Random placeholder values for log templates (computed lazily, per line)."""

    IATA = ["FRA", "AMS", "LHR", "ORD", "JFK", "HKG", "SIN", "DXB", "NRT", "MIA", "LAX", "CDG", "ICN", "PVG"]
    AIRL = ["LH", "EK", "CX", "QR", "AF", "KL", "UA", "AA", "SQ", "TK", "CV", "5Y"]
    PAYERS = ["AETNA", "BCBS-TX", "CIGNA", "UHC", "HUMANA", "KAISER-NC", "ANTHEM-CA", "MEDICAID-NY"]
    METHODS = ["GET", "GET", "GET", "POST", "GET", "PUT"]

    def __init__(self, rng, over):
        super().__init__()
        self.rng = rng
        self.over = over

    def __missing__(self, k):
        r = self.rng
        if k in self.over:
            o = self.over[k]
            if isinstance(o, tuple) and len(o) == 2 and isinstance(o[0], int):
                v = r.randint(o[0], o[1])
            elif isinstance(o, tuple) and len(o) == 2:
                v = "%.3f" % r.uniform(o[0], o[1])
            elif isinstance(o, list):
                v = r.choice(o)
            elif callable(o):
                v = o(r)
            else:
                v = o
        else:
            v = self.base(k, r)
        self[k] = v
        return v

    def base(self, k, r):
        if k in ("ip", "ip2", "cip"):
            return "10.%d.%d.%d" % (r.choice([42, 42, 43, 20, 21]), r.randint(0, 15), r.randint(2, 250))
        if k == "pubip":
            return "%d.%d.%d.%d" % (r.choice([73, 98, 174, 24, 68, 172, 107]), r.randint(1, 254), r.randint(1, 254), r.randint(1, 254))
        if k in ("port", "port2"):
            return r.randint(32768, 60999)
        if k in ("ms", "ms2"):
            return max(1, int(r.lognormvariate(3.2, 0.7)))
        if k == "us":
            return r.randint(180, 4200)
        if k == "sec":
            return "%.3f" % r.uniform(0.002, 0.4)
        if k in ("rid", "rid2"):
            return "%016x" % r.getrandbits(64)
        if k == "tid":
            return "%032x" % r.getrandbits(128)
        if k == "span":
            return "%016x" % r.getrandbits(64)
        if k == "uuid":
            h = "%032x" % r.getrandbits(128)
            return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], h[16:20], h[20:])
        if k in ("n", "n2", "n3"):
            return r.randint(1, 40)
        if k == "big":
            return r.randint(1000, 99999)
        if k == "b":
            return r.randint(180, 24000)
        if k == "hex":
            return "%x" % r.getrandbits(40)
        if k == "tx":
            return r.randint(3000000, 9999999)
        if k == "pt":
            return "pt_%08d" % r.randint(0, 99999999)
        if k == "appt":
            return "apt_%s" % ("%010x" % r.getrandbits(40))
        if k == "visit":
            return "vv_%s" % ("%012x" % r.getrandbits(48))
        if k == "rx":
            return "RX%09d" % r.randint(0, 999999999)
        if k == "clin":
            return "cl_%05d" % r.randint(0, 99999)
        if k == "npi":
            return "1%09d" % r.randint(0, 999999999)
        if k == "ncpdp":
            return "%07d" % r.randint(1000000, 5999999)
        if k == "payer":
            return r.choice(self.PAYERS)
        if k == "awb":
            return "%03d-%08d" % (r.choice([176, 20, 160, 157, 125, 618, 235]), r.randint(10000000, 99999999))
        if k == "shp":
            return "SHP%08d" % r.randint(0, 99999999)
        if k == "bkg":
            return "BKG-%06d" % r.randint(0, 999999)
        if k in ("org", "dst"):
            return r.choice(self.IATA)
        if k == "flt":
            return "%s%d" % (r.choice(self.AIRL), r.randint(10, 9899))
        if k == "scanner":
            return "ZB-%s-%03d" % (r.choice(["FRA", "AMS", "ORD", "HKG"]), r.randint(1, 180))
        if k == "uld":
            return "AKE%05d%s" % (r.randint(10000, 99999), r.choice(self.AIRL))
        if k == "kg":
            return r.randint(12, 4800)
        if k == "method":
            return r.choice(self.METHODS)
        if k == "part":
            return r.randint(0, 11)
        if k == "off":
            return r.randint(100000, 9999999)
        if k == "user":
            return r.choice(["ops-bot", "svc-batch", "jdoe", "mkovac", "apatel", "lchen"])
        if k == "ev":
            return r.choice(["RCS", "RCS", "DEP", "ARR", "RCF", "NFD", "DLV", "MAN", "FOH"])
        if k == "pod":
            return "".join(r.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5))
        if k == "seq":
            return r.randint(100000, 999999)
        raise KeyError(k)


class B:
    """Scenario builder.  Times are given in minutes relative to `now` (negative = before)."""

    def __init__(self, meta, estate):
        self.meta = meta
        self.estate = estate
        self.name = meta["name"]
        self.now = parse_iso(meta["now"])
        self.hours = meta.get("hours", 3)
        self.step = meta.get("step", 30)
        self.start = self.now - self.hours * 3600
        self.catalog = copy.deepcopy(estate["catalog"])
        self.sigdefs = {}
        self.effects = []
        self.gaps = []
        self.logs = []
        self.normals = []
        self.mutes = []
        self.alerts = []
        self.deploys = []
        self.omitted = set(meta.get("omit", []))
        self.lag = (crc(self.name, "lag") % 50)  # signals end 0-49 s before now

    # -- time helpers
    def T(self, m):
        return self.now + m * 60.0

    # -- signals
    def sig(self, svc, step=None, **bases):
        d = self.sigdefs.setdefault(svc, {"step": step or self.step, "base": {}})
        if step:
            d["step"] = step
        for k, v in bases.items():
            d["base"][SHORT.get(k, k)] = v

    def fx(self, svc, sig, at, to, ramp=2.0, until=None, back=3.0, mul=False, nz=None):
        self.effects.append(dict(svc=svc, sig=SHORT.get(sig, sig), at=at, to=to, ramp=ramp,
                                 until=until, back=back, mul=mul, nz=nz))

    def gap(self, svc, a, b, sig=None):
        self.gaps.append((svc, SHORT.get(sig, sig) if sig else None, self.T(a), self.T(b)))

    def _diurnal(self, t):
        h = (t % 86400) / 3600.0
        return 1.0 + 0.22 * math.cos(2 * math.pi * (h - self.estate["peak_utc"]) / 24.0)

    def _series(self, svc, sig, base, step):
        rng = random.Random(crc(self.name, svc, sig))
        end = self.now - self.lag
        t = math.ceil(self.start / step) * step
        out = []
        walk = 0.0
        blip = 0
        effs = [e for e in self.effects if e["svc"] == svc and e["sig"] == sig]
        while t <= end:
            d = self._diurnal(t)
            g = rng.gauss(0, 1)
            if sig == "request_rate":
                v = base * d * (1 + 0.035 * g)
            elif sig == "error_ratio":
                if blip <= 0 and rng.random() < 0.006:
                    blip = rng.randint(1, 3)
                v = base * max(0.0, 1 + 0.35 * g) + (base * rng.uniform(2, 5) if blip > 0 else 0)
                blip -= 1
            elif sig == "latency_p99_seconds":
                v = base * (1 + 0.25 * (d - 1)) * (1 + 0.08 * abs(g))
                if rng.random() < 0.01:
                    v *= rng.uniform(1.3, 1.9)
            elif sig == "cpu_utilisation":
                v = base * (1 + 0.7 * (d - 1)) + 0.015 * g
            elif sig == "memory_utilisation":
                walk = max(-0.02, min(0.02, walk + 0.002 * g))
                v = base + walk
            else:
                v = base * (1 + 0.5 * (d - 1)) + 0.012 * g
            for e in effs:
                w = self._weight(e, t)
                if w <= 0:
                    continue
                nz = e["nz"] if e["nz"] is not None else (0.1 if sig == "error_ratio" else 0.04)
                tgt = v * e["to"] if e["mul"] else e["to"] * (1 + nz * rng.gauss(0, 1))
                v = v * (1 - w) + tgt * w
            if sig in RATIO_SIGNALS:
                v = min(1.0, max(0.0, v))
            else:
                v = max(0.0, v)
            if sig == "request_rate":
                v = round(v, 2 if v >= 1 else 3)
            elif sig == "error_ratio":
                v = round(v, 5)
            else:
                v = round(v, 3)
            hole = any(g_svc == svc and (g_sig is None or g_sig == sig) and a <= t <= b
                       for g_svc, g_sig, a, b in self.gaps)
            if not hole:
                out.append([int(t), v])
            t += step
        return out

    def _weight(self, e, t):
        a = self.T(e["at"])
        if t < a:
            return 0.0
        ramp = max(e["ramp"], 0.01) * 60
        w = min(1.0, (t - a) / ramp)
        if e["until"] is not None:
            u = self.T(e["until"])
            if t >= u:
                w = w * max(0.0, 1 - (t - u) / (max(e["back"], 0.01) * 60))
        return w

    # -- logs
    def normal(self, svc, rate=1.0, templates=None):
        self.normals.append((svc, rate, templates))

    def mute(self, svc, a, b=0, keep=0.0):
        self.mutes.append((svc, self.T(a), self.T(b), keep))

    def ev(self, svc, level, *args, **kw):
        """ev(svc, level, [logger,] tmpl, a, b=0, rate=2.0, count=None, **over):
        emit `rate` lines per minute (or `count` lines) between minute a and b."""
        if len(args) >= 2 and isinstance(args[1], str):
            kw["logger"] = args[0]
            args = args[1:]
        return self._ev(svc, level, *args, **kw)

    def _ev(self, svc, level, tmpl, a, b=0, rate=2.0, logger=None, count=None, **over):
        rng = random.Random(crc(self.name, svc, tmpl, a, b))
        ta, tb = self.T(a), min(self.T(b), self.now - 2)
        if tb <= ta:
            return
        n = count if count is not None else max(1, int(round(rate * (tb - ta) / 60.0 * rng.uniform(0.85, 1.15))))
        for _ in range(n):
            t = rng.uniform(ta, tb)
            self._add_log(svc, t, level, tmpl, rng, logger, over)

    def at(self, svc, level, *args, **kw):
        """at(svc, level, [logger,] tmpl, minute, **over): one line at a given minute."""
        if len(args) >= 2 and isinstance(args[1], str):
            kw["logger"] = args[0]
            args = args[1:]
        return self._at(svc, level, *args, **kw)

    def _at(self, svc, level, tmpl, m, logger=None, **over):
        rng = random.Random(crc(self.name, svc, tmpl, m))
        self._add_log(svc, self.T(m) + rng.uniform(0, 0.9), level, tmpl, rng, logger, over)

    def _add_log(self, svc, t, level, tmpl, rng, logger, over, host=None):
        if t > self.now - 1:
            t = self.now - 1 - rng.uniform(0, 5)
        t = math.floor(t * 1000) / 1000.0
        v = Vals(rng, over)
        v["ts_clf"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000")
        v["ts_hap"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%d/%b/%Y:%H:%M:%S.") + "%03d" % (int(t * 1000) % 1000)
        v["ts_iso"] = iso(t, ms=True)
        v["ts_klog"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%m%d %H:%M:%S.%f")
        v["ts_redis"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%d %b %Y %H:%M:%S.") + "%03d" % (int(t * 1000) % 1000)
        v["ts_nats"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%Y/%m/%d %H:%M:%S.%f")
        v["ts_os"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S,") + "%03d" % (int(t * 1000) % 1000)
        v["day"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%Y.%m.%d")
        v["ts_pg"] = dt.datetime.fromtimestamp(t, tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.") + "%03d UTC" % (int(t * 1000) % 1000)
        msg = string.Formatter().vformat(tmpl, (), v)
        doc = {
            "@timestamp": iso(t, ms=True),
            "log": {"level": level},
            "message": msg,
            "service": {"name": svc, "environment": "production"},
            "host": {"hostname": host or self.estate["host"](svc, rng)},
            "ecs": {"version": "8.11.0"},
        }
        if logger:
            doc["log"]["logger"] = logger
        if "{tid}" in tmpl:
            doc["trace"] = {"id": v["tid"]}
        self.logs.append((t, doc))

    def _build_normals(self):
        for svc, rate, templates in self.normals:
            tl = templates or self.estate["normal_logs"].get(svc)
            if not tl:
                raise SystemExit("no normal log templates for %s" % svc)
            rng = random.Random(crc(self.name, svc, "normal"))
            weights = [x[0] for x in tl]
            t = self.start + rng.uniform(0, 30)
            while t < self.now - 3:
                t += rng.expovariate(NORMAL_LOG_SCALE * rate * self._diurnal(t) / 60.0)
                if t >= self.now - 3:
                    break
                muted = False
                for m_svc, a, b, keep in self.mutes:
                    if m_svc == svc and a <= t <= b and rng.random() >= keep:
                        muted = True
                if muted:
                    continue
                w, level, logger, tmpl = rng.choices(tl, weights=weights)[0]
                self._add_log(svc, t, level, tmpl, rng, logger, {})

    # -- alerts
    def alert(self, alertname, svc, severity, at, summary, description, ended=None, expr=None, **labels):
        self.alerts.append(dict(alertname=alertname, svc=svc, severity=severity, at=at, expr=expr,
                                summary=summary, description=description, ended=ended, labels=labels))

    # -- deploys
    def deploy(self, svc, kind, version, prev, author, description, at=None, dur=4, id=None):
        if at is None:
            raise SystemExit("%s: deploy of %s has no time" % (self.name, svc))
        self.deploys.append(dict(svc=svc, kind=kind, version=version, prev=prev, at=at, dur=dur,
                                 author=author, description=description, id=id))

    # -- rendering
    def render(self):
        files = {}
        est = self.estate
        meta = self.meta
        sc = {"name": self.name, "description": " ".join(meta["description"].split()), "now": iso(self.now)}
        for key, fn in (("alerts", "alerts.json"), ("catalog", "catalog.yaml"), ("signals", "signals.json"),
                        ("logs", "logs.jsonl"), ("deploys", "deploys.json")):
            if key not in self.omitted:
                sc[key] = fn
        sc["expected"] = {"cause": meta["cause"], "culprit": meta["culprit"]}
        files["scenario.yaml"] = yaml.safe_dump(sc, sort_keys=False, default_flow_style=False,
                                                allow_unicode=True, width=110)
        files["catalog.yaml"] = yaml.safe_dump(self.catalog, sort_keys=False, default_flow_style=False,
                                               allow_unicode=True, width=4096)
        # signals
        if "signals" not in self.omitted:
            sigs = {}
            for svc, d in self.sigdefs.items():
                sigs[svc] = {}
                for sig in STD_SIGNALS:
                    if sig in d["base"]:
                        sigs[svc][sig] = self._series(svc, sig, d["base"][sig], d["step"])
            files["signals.json"] = json.dumps(sigs, separators=(",", ":")) + "\n"
        # logs
        if "logs" not in self.omitted:
            self._build_normals()
            self.logs.sort(key=lambda x: (x[0], x[1]["service"]["name"], x[1]["message"]))
            files["logs.jsonl"] = "".join(json.dumps(d, separators=(",", ":"), ensure_ascii=False) + "\n"
                                          for _, d in self.logs)
        # deploys
        if "deploys" not in self.omitted:
            deps = []
            for i, d in enumerate(sorted(self.deploys, key=lambda x: x["at"])):
                rng = random.Random(crc(self.name, "dep", i))
                s = self.T(d["at"]) + rng.randint(0, 40)
                f = s + d["dur"] * 60 + rng.randint(0, 30)
                did = d["id"] or "%s-%s" % (est["deploy_prefix"], "%07x" % (crc(self.name, d["svc"], d["version"]) & 0xfffffff))
                deps.append({"id": did, "service": d["svc"], "kind": d["kind"], "version": d["version"],
                             "previous_version": d["prev"], "started_at": iso(s), "finished_at": iso(f),
                             "author": d["author"], "description": d["description"].strip()})
            files["deploys.json"] = json.dumps(deps, indent=2) + "\n"
        # alerts
        if "alerts" not in self.omitted:
            files["alerts.json"] = json.dumps(self._alert_body(), indent=2) + "\n"
        return files

    def _alert_body(self):
        est = self.estate
        alerts = []
        for a in sorted(self.alerts, key=lambda x: x["at"]):
            rng = random.Random(crc(self.name, "alert", a["alertname"], a["svc"]))
            svcdef = self.catalog["services"].get(a["svc"], {})
            labels = {"alertname": a["alertname"], "service": a["svc"], "severity": a["severity"]}
            labels.update(est["alert_labels"])
            if svcdef.get("team"):
                labels["team"] = svcdef["team"]
            labels.update(a["labels"])
            start = self.T(a["at"]) + rng.uniform(0, 0.999)
            ann = {"summary": a["summary"], "description": a["description"],
                   "runbook_url": "%s/%s/%s" % (est["runbook_base"], a["svc"], a["alertname"].lower())}
            expr = (a["expr"] or ALERT_EXPRS.get(a["alertname"]) or 'up{service="{service}"} == 0').replace("{service}", a["svc"])
            gen = "%s/graph?g0.expr=%s&g0.tab=1" % (est["prom_url"], urllib.parse.quote(expr, safe=""))
            fp = hashlib.sha256(json.dumps(sorted(labels.items())).encode()).hexdigest()[:16]
            alerts.append({
                "status": "resolved" if a["ended"] is not None else "firing",
                "labels": labels,
                "annotations": ann,
                "startsAt": iso(start, ms=True),
                "endsAt": iso(self.T(a["ended"]) + rng.uniform(0, 0.999), ms=True) if a["ended"] is not None else ZERO_TIME,
                "generatorURL": gen,
                "fingerprint": fp,
            })
        common = dict(alerts[0]["labels"])
        for al in alerts[1:]:
            common = {k: v for k, v in common.items() if al["labels"].get(k) == v}
        comann = dict(alerts[0]["annotations"])
        for al in alerts[1:]:
            comann = {k: v for k, v in comann.items() if al["annotations"].get(k) == v}
        if len(alerts) == 1:
            group = {"alertname": alerts[0]["labels"]["alertname"], "service": alerts[0]["labels"]["service"]}
        else:
            group = {k: common[k] for k in ("cluster", "env") if k in common}
        gk = "{}/%s:{%s}" % (est["route_matcher"], ", ".join('%s="%s"' % (k, v) for k, v in group.items()))
        return {
            "receiver": est["receiver"],
            "status": "firing" if any(a["status"] == "firing" for a in alerts) else "resolved",
            "alerts": alerts,
            "groupLabels": group,
            "commonLabels": common,
            "commonAnnotations": comann,
            "externalURL": est["am_url"],
            "version": "4",
            "groupKey": gk,
            "truncatedAlerts": 0,
        }


# =====================================================================================
# Estates
# =====================================================================================

def _svc(team, tier, channel, owners, deps, signals=None, kind=None):
    d = {}
    if kind:
        d["kind"] = kind
    d.update({"team": team, "tier": tier, "channel": channel, "owners": owners, "depends_on": deps,
              "signals": signals or {}})
    return d


MEDORA_DEFAULT_SIGNALS = {
    "request_rate": 'sum(rate(http_server_requests_seconds_count{service="{service}"}[5m]))',
    "error_ratio": 'sum(rate(http_server_requests_seconds_count{service="{service}",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="{service}"}[5m]))',
    "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="{service}"}[5m])))',
    "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{namespace=~"medora-.*",container="{service}"}[5m])) / sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})',
    "memory_utilisation": 'sum(container_memory_working_set_bytes{container="{service}"}) / sum(kube_pod_container_resource_limits{container="{service}",resource="memory"})',
    "saturation": 'max(db_client_connections_usage{service="{service}",state="used"} / db_client_connections_max{service="{service}"})',
}

MEDORA_CATALOG = {
    "defaults": {"signals": MEDORA_DEFAULT_SIGNALS},
    "services": {
        "patient-api": _svc("patient-experience", 1, "#px-incidents", ["S02PXONCALL"],
                            ["auth-svc", "pgbouncer", "redis-sessions", "clinician-scheduling", "eligibility-svc",
                             "video-signalling", "erx-router", "nats"]),
        "auth-svc": _svc("identity", 1, "#identity-oncall", ["S03IDENTITY"], ["redis-sessions", "pgbouncer"]),
        "video-signalling": _svc("virtual-care", 1, "#virtual-care-incidents", ["S04VCARE", "U07RKOVAC"],
                                 ["turn-relay", "redis-sessions", "nats"]),
        "turn-relay": _svc("virtual-care", 1, "#virtual-care-incidents", ["S04VCARE"], [],
                           {"request_rate": 'sum(rate(coturn_allocations_created_total[5m]))',
                            "saturation": 'max(coturn_allocations_active / 6000)'}),
        "clinician-scheduling": _svc("care-ops", 1, "#care-ops-eng", ["S05CAREOPS"],
                                     ["pgbouncer", "eligibility-svc", "notification-svc", "redis-sessions"]),
        "clinician-portal": _svc("care-ops", 2, "#care-ops-eng", ["S05CAREOPS"],
                                 ["auth-svc", "clinician-scheduling", "erx-router", "fhir-api", "video-signalling",
                                  "visit-notes-svc"]),
        "erx-router": _svc("pharmacy", 1, "#pharmacy-eng", ["S06RXENG", "U02MDIAZ"], ["rx-db", "surescripts", "nats"]),
        "eligibility-svc": _svc("revenue-cycle", 2, "#rcm-alerts", ["S07RCM"], ["availity", "redis-sessions"]),
        "fhir-api": _svc("interoperability", 2, "#interop", ["S08INTEROP"], ["pgbouncer", "hl7-engine"]),
        "hl7-engine": _svc("interoperability", 2, "#interop", ["S08INTEROP"], ["nats", "partner-ehr-endpoints"],
                           {"saturation": 'max(node_filesystem_avail_bytes{mountpoint="/opt/engine/appdata",service="hl7-engine"} < bool 0) or max(1 - kubelet_volume_stats_available_bytes{persistentvolumeclaim=~"hl7-engine-appdata.*"} / kubelet_volume_stats_capacity_bytes{persistentvolumeclaim=~"hl7-engine-appdata.*"})'}),
        "audit-writer": _svc("security-eng", 2, "#sec-eng-alerts", ["S09SECENG"], ["nats", "opensearch-audit"],
                             {"saturation": 'max(nats_consumer_num_pending{consumer="audit-writer"}) / 2000000'}),
        "transcription-worker": _svc("ml-platform", 3, "#ml-platform", ["S10MLPLAT"], ["nats"],
                                     {"saturation": 'max(nats_consumer_num_pending{consumer="transcription-worker"}) / 5000',
                                      "request_rate": 'sum(rate(transcription_segments_completed_total[5m]))'}),
        "notification-svc": _svc("patient-experience", 2, "#px-incidents", ["S02PXONCALL"], ["twilio", "nats"]),
        "visit-notes-svc": _svc("care-ops", 2, "#care-ops-eng", ["S05CAREOPS"], ["pgbouncer", "transcription-worker"]),
        "pgbouncer": {"kind": "datastore", "team": "data-platform", "channel": "#dbre",
                      "depends_on": ["patient-db", "scheduling-db"],
                      "signals": {"saturation": 'max(pgbouncer_pools_client_waiting_connections) / 200',
                                  "request_rate": 'sum(rate(pgbouncer_stats_queries_pooled_total[5m]))'}},
        "patient-db": {"kind": "datastore", "team": "data-platform", "channel": "#dbre",
                       "signals": {"saturation": 'sum(pg_stat_activity_count{datname="patient"}) / 400',
                                   "cpu_utilisation": 'avg(rate(node_cpu_seconds_total{mode!="idle",instance=~"patient-db-.*"}[5m]))'}},
        "scheduling-db": {"kind": "datastore", "team": "data-platform", "channel": "#dbre",
                          "signals": {"saturation": 'sum(pg_stat_activity_count{datname="scheduling"}) / 300'}},
        "rx-db": {"kind": "datastore"},
        "redis-sessions": {"kind": "datastore", "signals": {"saturation": 'redis_memory_used_bytes / redis_memory_max_bytes'}},
        "opensearch-audit": {"kind": "datastore", "team": "security-eng"},
        "nats": {"kind": "queue", "team": "platform"},
        "coredns": {"kind": "infrastructure"},
        "consul-mesh": {"kind": "infrastructure", "team": "platform", "channel": "#platform-oncall"},
        "traefik-ingress": {"kind": "infrastructure", "team": "platform"},
        "k8s-nodepool-general": {"kind": "infrastructure"},
        "gpu-nodepool": {"kind": "infrastructure"},
        "surescripts": {"kind": "external"},
        "availity": {"kind": "external"},
        "twilio": {"kind": "external"},
        "partner-ehr-endpoints": {"kind": "external"},
    },
}

MEDORA_NS = {"patient-api": "px", "auth-svc": "identity", "video-signalling": "vcare", "turn-relay": "vcare",
             "clinician-scheduling": "careops", "clinician-portal": "careops", "erx-router": "pharmacy",
             "eligibility-svc": "rcm", "fhir-api": "interop", "hl7-engine": "interop", "audit-writer": "security",
             "transcription-worker": "ml", "notification-svc": "px", "visit-notes-svc": "careops",
             "pgbouncer": "data", "patient-db": "data", "scheduling-db": "data", "rx-db": "data",
             "redis-sessions": "data", "opensearch-audit": "security", "nats": "messaging",
             "coredns": "kube-system", "consul-mesh": "consul", "traefik-ingress": "ingress"}


def medora_host(svc, rng):
    h = crc("medora", svc)
    if svc in ("patient-db", "scheduling-db", "rx-db"):
        return "%s-%d" % (svc, rng.choice([0, 0, 0, 1]))
    if svc in ("redis-sessions", "opensearch-audit", "nats"):
        return "%s-%d" % (svc, rng.randint(0, 2))
    if svc == "consul-mesh":
        return "consul-server-%d" % rng.randint(0, 2)
    if svc in ("k8s-nodepool-general", "gpu-nodepool"):
        pool = "general" if svc == "k8s-nodepool-general" else "gpu-a10g"
        return "ip-10-42-%d-%d.ec2.internal" % ((h + rng.randint(0, 5)) % 16, 20 + rng.randint(0, 9) * 11)
    rs = "%09x" % (h & 0xfffffffff)
    pods = ["".join("bcdfghjklmnpqrstvwxz2456789"[(h >> (i * 3 + k)) % 27] for i in range(5)) for k in range(3)]
    return "%s-%s-%s" % (svc, rs[:9].replace("0", "7").replace("1", "c").replace("a", "d").replace("e", "f"), rng.choice(pods))


NODE_UA = ["Medora/5.14.2 (iPhone; iOS 17.6.1)", "Medora/5.14.1 (Android 14; SM-S921U)", "Medora/5.13.0 (iPhone; iOS 18.1)"]

MEDORA_LOGS = {
    "patient-api": [
        (6, "info", None, 'request completed method=GET url=/v2/appointments?status=upcoming statusCode=200 responseTime={ms} reqId={rid}'),
        (3, "info", None, 'request completed method=POST url=/v2/auth/token/refresh statusCode=200 responseTime={ms} reqId={rid}'),
        (3, "info", None, 'request completed method=GET url=/v2/patients/{pt}/prescriptions statusCode=200 responseTime={ms} reqId={rid}'),
        (2, "info", None, 'request completed method=POST url=/v2/visits/{visit}/join statusCode=200 responseTime={ms} reqId={rid}'),
        (1, "info", None, 'request completed method=GET url=/v2/coverage/summary statusCode=200 responseTime={ms} reqId={rid}'),
        (1, "info", None, 'request completed method=GET url=/v2/messages/unread statusCode=304 responseTime={ms} reqId={rid}'),
    ],
    "auth-svc": [
        (5, "info", None, 'token issued client_id=medora-mobile grant_type=refresh_token sub={pt} latency_ms={ms}'),
        (3, "info", None, 'token introspected client_id=clinician-portal active=true latency_ms={ms}'),
        (1, "info", None, 'jwks served kid=med-2025-01 cache=hit'),
        (1, "info", None, 'session created sub={pt} amr=pwd,otp device=ios'),
    ],
    "video-signalling": [
        (4, "info", None, 'ws session opened visit_id={visit} role=patient remote={pubip}:{port}'),
        (4, "info", None, 'ice candidate relayed visit_id={visit} candidate_type=relay proto=udp'),
        (2, "info", None, 'room closed visit_id={visit} duration_s={big} participants=2 reason=hangup'),
        (2, "info", None, 'turn credentials minted visit_id={visit} ttl=3600s'),
    ],
    "turn-relay": [
        (4, "info", None, 'session 00100000000000{big}: realm <turn.medora.health> user <{visit}>: incoming packet BINDING processed, success'),
        (3, "info", None, 'session 00100000000000{big}: new, realm=<turn.medora.health>, username=<{visit}>, lifetime=600'),
        (2, "info", None, 'session 00100000000000{big}: peer {pubip} lifetime updated: 300'),
        (1, "info", None, 'session 00100000000000{big}: closed (2nd stage), user <{visit}> realm <turn.medora.health> origin <>, local 0.0.0.0:3478, remote {pubip}:{port}, reason: allocation timeout'),
    ],
    "clinician-scheduling": [
        (5, "INFO", "c.m.scheduling.api.SlotController", 'Returned {n} open slots for clinician {clin} (state=TX, visitType=URGENT_CARE) in {ms} ms'),
        (3, "INFO", "c.m.scheduling.booking.BookingService", 'Booked appointment {appt} for patient {pt} with clinician {clin}'),
        (2, "INFO", "c.m.scheduling.eligibility.EligibilityPrecheck", 'Eligibility precheck passed for {pt} payer={payer} in {ms} ms'),
        (1, "INFO", "c.m.scheduling.jobs.ShiftRollupJob", 'Shift roll-up completed: {n} clinicians, {big} slots materialised'),
    ],
    "clinician-portal": [
        (5, "info", None, '{ip} - - [{ts_clf}] "GET /api/schedule/today HTTP/1.1" 200 {b} "-" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15" {ms} ms'),
        (3, "info", None, '{ip} - - [{ts_clf}] "GET /api/patients/{pt}/chart HTTP/1.1" 200 {b} "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0" {ms} ms'),
        (2, "info", None, '{ip} - - [{ts_clf}] "POST /api/rx/drafts HTTP/1.1" 201 {b} "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0" {ms} ms'),
    ],
    "erx-router": [
        (5, "INFO", "c.m.erx.routing.NewRxRouter", 'Routed NewRx {rx} to pharmacy NCPDP {ncpdp} messageId={uuid} status=010 in {ms} ms'),
        (2, "INFO", "c.m.erx.inbound.StatusListener", 'Status message Verify received for {rx} relatesTo={uuid}'),
        (1, "INFO", "c.m.erx.inbound.RxChangeHandler", 'RxChangeRequest received for {rx} from NCPDP {ncpdp} (type=G generic substitution)'),
        (1, "INFO", "c.m.erx.directory.DirectorySync", 'Pharmacy directory delta sync: {big} records updated, 0 failed'),
    ],
    "eligibility-svc": [
        (5, "INFO", "uvicorn.access", '{ip}:{port} - "POST /v1/eligibility/check HTTP/1.1" 200'),
        (3, "INFO", "eligibility.x12", '270/271 round trip payer={payer} status=active_coverage latency_ms={ms}'),
        (2, "INFO", "eligibility.cache", 'cache hit payer={payer} member=***{n} ttl_left=3h'),
    ],
    "fhir-api": [
        (5, "INFO", "ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor", 'Path[/fhir/R4] Source[{ip}] Operation[read  Patient/{pt}] UA[Epic-Interconnect/10.3] Params[] ResponseEncoding[JSON] completed in {ms}ms'),
        (3, "INFO", "ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor", 'Path[/fhir/R4] Source[{ip}] Operation[search-type Observation] UA[Cerner-Millennium/2024.1] Params[?patient={pt}&category=laboratory] ResponseEncoding[JSON] completed in {ms}ms'),
        (1, "INFO", "c.m.fhir.bulk.BulkExportJob", 'Bulk export job {uuid} progress: {n}/40 resource chunks written'),
    ],
    "hl7-engine": [
        (5, "INFO", "com.mirth.connect.donkey.server.channel.Channel", "Channel 'ADT_INBOUND_STMARYS' received message {big} (ADT^A08) from {ip}; ACK AA returned in {ms} ms"),
        (3, "INFO", "com.mirth.connect.donkey.server.channel.Channel", "Channel 'ORU_LAB_RESULTS_IN' received message {big} (ORU^R01) from {ip}; ACK AA returned in {ms} ms"),
        (2, "INFO", "com.mirth.connect.connectors.http.HttpDispatcher", "Channel 'FHIR_OUTBOUND_PARTNERS' dispatched message {big} to https://fhir.partner-ehr.net/r4/Bundle: HTTP 200"),
        (1, "INFO", "com.mirth.connect.server.controllers.DonkeyMessageController", "Pruner: removed {big} messages older than 30 days from channel 'ADT_INBOUND_STMARYS'"),
    ],
    "audit-writer": [
        (5, "info", None, 'bulk flush ok index=audit-events-{day} docs={big} took_ms={ms} errors=false'),
        (2, "info", None, 'consumer stats stream=AUDIT consumer=audit-writer num_pending={n} num_ack_pending={n2}'),
    ],
    "transcription-worker": [
        (4, "INFO", "worker.pipeline", 'transcribed visit={visit} segment={n}/12 audio_s=60.0 wall_s={sec} device=cuda:0 model=whisper-large-v3'),
        (2, "INFO", "worker.nats", 'fetched batch stream=TRANSCRIBE consumer=transcription-worker size=4 pending={n}'),
        (1, "INFO", "worker.pipeline", 'visit={visit} transcript finalised words={big} segments=12'),
    ],
    "notification-svc": [
        (4, "info", None, 'sms queued template=appt_reminder_24h to=+1******{n}{n2} provider=twilio sid=SM{hex}'),
        (3, "info", None, 'push sent platform=ios apns-id={uuid} status=200'),
        (1, "info", None, 'email sent template=visit_summary provider=ses messageId={uuid}'),
    ],
    "visit-notes-svc": [
        (5, "INFO", "gunicorn.access", '{ip} - - [{ts_clf}] "POST /api/notes/ HTTP/1.1" 201 {b} "-" "node-fetch/1.0"'),
        (3, "INFO", "gunicorn.access", '{ip} - - [{ts_clf}] "GET /api/notes/?visit={visit} HTTP/1.1" 200 {b} "-" "node-fetch/1.0"'),
        (1, "INFO", "notes.drafts", 'draft autosaved visit={visit} clinician={clin} words={big}'),
    ],
    "pgbouncer": [
        (1, "info", None, 'LOG stats: {big} xacts/s, {big} queries/s, in {big} B/s, out {big} B/s, xact {us} us, query {us} us, wait {n} us'),
        (2, "info", None, 'LOG C-0x55d1{hex}: patient/patient_api@{ip}:{port} login attempt: db=patient user=patient_api tls=no'),
        (1, "info", None, 'LOG S-0x55d1{hex}: scheduling/scheduling_rw@10.43.8.21:5432 closing because: server lifetime over (age=3600s)'),
    ],
    "patient-db": [
        (2, "info", None, 'LOG:  checkpoint starting: time'),
        (2, "info", None, 'LOG:  checkpoint complete: wrote {big} buffers (1.{n}%); 0 WAL file(s) added, 0 removed, 3 recycled; write=269.{n} s, sync=0.0{n} s, total=270.{n} s'),
        (2, "info", None, 'LOG:  automatic vacuum of table "patient.public.refresh_tokens": index scans: 1, pages: 0 removed, {big} remain'),
        (1, "info", None, 'LOG:  duration: 10{n}.412 ms  statement: SELECT p.id, p.mrn FROM patients p JOIN coverage c ON c.patient_id = p.id WHERE c.payer_id = $1'),
    ],
    "scheduling-db": [
        (2, "info", None, 'LOG:  checkpoint complete: wrote {big} buffers (0.{n}%); 0 WAL file(s) added, 0 removed, 2 recycled'),
        (2, "info", None, 'LOG:  automatic analyze of table "scheduling.public.slots"'),
    ],
    "rx-db": [
        (1, "info", None, 'LOG:  checkpoint complete: wrote {big} buffers (0.{n}%); 0 WAL file(s) added, 0 removed, 1 recycled'),
    ],
    "redis-sessions": [
        (2, "notice", None, '1:M {ts_redis} * 10000 changes in 60 seconds. Saving...'),
        (2, "notice", None, '1:M {ts_redis} * Background saving started by pid {big}'),
        (2, "notice", None, '{big}:C {ts_redis} * DB saved on disk'),
        (2, "notice", None, '1:M {ts_redis} * Background saving terminated with success'),
    ],
    "opensearch-audit": [
        (3, "INFO", "o.o.c.m.MetadataMappingService", '[{ts_os}][INFO ][o.o.c.m.MetadataMappingService] [opensearch-audit-0] [audit-events-{day}/{hex}] update_mapping [_doc]'),
        (1, "INFO", "o.o.m.j.JvmGcMonitorService", '[{ts_os}][INFO ][o.o.m.j.JvmGcMonitorService] [opensearch-audit-1] [gc][{big}] overhead, spent [2{n}ms] collecting in the last [1s]'),
    ],
    "nats": [
        (3, "info", None, '[1] {ts_nats} [INF] {ip}:{port} - cid:{big} - Client connection created'),
        (2, "info", None, '[1] {ts_nats} [INF] {ip}:{port} - cid:{big} - Client connection closed: Client Closed'),
    ],
    "coredns": [
        (5, "info", None, '[INFO] {ip}:{port} - {big} "A IN patient-db.data.svc.cluster.local. udp 58 false 512" NOERROR qr,aa,rd 110 0.000{n}s'),
        (4, "info", None, '[INFO] {ip}:{port} - {big} "AAAA IN api.availity.com.careops.svc.cluster.local. udp 80 false 512" NXDOMAIN qr,aa,rd 173 0.000{n}s'),
        (3, "info", None, '[INFO] {ip}:{port} - {big} "A IN nats.messaging.svc.cluster.local. udp 50 false 512" NOERROR qr,aa,rd 96 0.000{n}s'),
    ],
    "consul-mesh": [
        (3, "info", None, '[INFO]  agent: Synced check: check=service:{pod}-sidecar-proxy:1'),
        (1, "info", None, '[INFO]  agent.server.autopilot: Promoting server: id=5c1f{hex} address=10.42.0.{n}:8300 name=consul-server-2'),
    ],
    "traefik-ingress": [
        (6, "info", None, '{pubip} - - [{ts_clf}] "GET /api/v2/appointments?status=upcoming HTTP/2.0" 200 {b} "-" "-" {big} "px-patient-api@kubernetescrd" "http://{ip}:8080" {ms}ms'),
        (2, "info", None, '{pubip} - - [{ts_clf}] "GET /api/schedule/today HTTP/2.0" 200 {b} "-" "-" {big} "careops-clinician-portal@kubernetescrd" "http://{ip}:3000" {ms}ms'),
        (1, "info", None, '{pubip} - - [{ts_clf}] "GET /signal/ws HTTP/1.1" 101 0 "-" "-" {big} "vcare-video-signalling@kubernetescrd" "http://{ip}:7000" {ms}ms'),
    ],
    "k8s-nodepool-general": [
        (4, "info", None, 'I{ts_klog}    2211 kubelet.go:2418] "SyncLoop (probe)" probe="readiness" status="ready" pod="careops/clinician-scheduling-{hex}"'),
        (2, "info", None, 'I{ts_klog}    2211 kubelet.go:2440] "SyncLoop (PLEG): event for pod" pod="px/patient-api-{hex}" event={{"Type":"ContainerStarted"}}'),
        (1, "info", None, 'I{ts_klog}    2211 image_gc_manager.go:300] "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=86 highThreshold=85'),
    ],
    "gpu-nodepool": [
        (2, "info", None, 'I{ts_klog}    1870 kubelet.go:2418] "SyncLoop (probe)" probe="liveness" status="healthy" pod="ml/transcription-worker-{hex}"'),
    ],
}

MEDORA = {
    "key": "medora", "company": "Medora Health", "catalog": MEDORA_CATALOG, "normal_logs": MEDORA_LOGS,
    "host": medora_host, "peak_utc": 17.0, "deploy_prefix": "argo",
    "alert_labels": {"env": "prod", "cluster": "med-prod-use1"},
    "prom_url": "https://prometheus.med-prod-use1.medora.internal",
    "am_url": "https://alertmanager.med-prod-use1.medora.internal",
    "runbook_base": "https://runbooks.medora.internal/alerts",
    "receiver": "opsdesk-sre", "route_matcher": '{env="prod"}',
    "alert_exprs": {},
}


# ------------------------------------------------------------------------------------- Skyfreight

SKY_DEFAULT_SIGNALS = {
    "request_rate": 'sum(rate(haproxy_backend_http_responses_total{backend="be_{service}"}[2m]))',
    "error_ratio": 'sum(rate(haproxy_backend_http_responses_total{backend="be_{service}",code="5xx"}[2m])) / sum(rate(haproxy_backend_http_responses_total{backend="be_{service}"}[2m]))',
    "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{app="{service}"}[5m])))',
    "cpu_utilisation": '1 - avg(rate(node_cpu_seconds_total{mode="idle",app="{service}"}[5m]))',
    "memory_utilisation": 'max(jvm_memory_used_bytes{app="{service}",area="heap"} / jvm_memory_max_bytes{app="{service}",area="heap"})',
    "saturation": 'max(hikaricp_connections_active{app="{service}"} / hikaricp_connections_max{app="{service}"})',
}

SKY_CATALOG = {
    "defaults": {"signals": SKY_DEFAULT_SIGNALS},
    "services": {
        "customer-portal": _svc("digital", 1, "#sf-digital-oncall", ["S1DIGITAL"],
                                ["rate-quote-svc", "booking-svc", "tracking-api"]),
        "partner-api": _svc("digital", 1, "#sf-digital-oncall", ["S1DIGITAL"],
                            ["rate-quote-svc", "booking-svc", "tracking-api", "haproxy-edge"]),
        "rate-quote-svc": _svc("pricing", 1, "#sf-pricing", ["S1PRICING", "U0HVOGEL"], ["memcached-rates", "oracle-cargo"]),
        "booking-svc": _svc("booking", 1, "#sf-booking-oncall", ["S1BOOKING"],
                            ["oracle-cargo", "rate-quote-svc", "artemis-broker", "notification-svc"]),
        "awb-generator": _svc("cargo-docs", 2, "#sf-cargo-docs", ["S1DOCS"], ["oracle-cargo", "artemis-broker"],
                              {"saturation": 'max(artemis_message_count{queue="awb.requests"}) / 50000',
                               "request_rate": 'sum(rate(awb_issued_total[5m]))'}),
        "tracking-api": _svc("tracking", 1, "#sf-tracking", ["S1TRACKING"], ["oracle-cargo", "memcached-tracking"]),
        "tracking-updater": _svc("tracking", 2, "#sf-tracking", ["S1TRACKING"], ["artemis-broker", "oracle-cargo"],
                                 {"saturation": 'max(artemis_message_count{queue="tracking.events"}) / 200000',
                                  "request_rate": 'sum(rate(tracking_events_applied_total[5m]))'}),
        "flight-status-ingest": _svc("tracking", 2, "#sf-tracking", ["S1TRACKING"], ["cirium", "artemis-broker"],
                                     {"request_rate": 'sum(rate(flightstatus_updates_published_total[5m]))',
                                      "error_ratio": 'sum(rate(flightstatus_poll_failures_total[5m])) / sum(rate(flightstatus_polls_total[5m]))'}),
        "customs-filing-svc": _svc("compliance", 1, "#sf-compliance", ["S1COMPLY"], ["ace-customs-gateway", "oracle-cargo", "artemis-broker"],
                                   {"saturation": 'max(artemis_message_count{queue="customs.filings"}) / 20000'}),
        "warehouse-scan-api": _svc("warehouse", 1, "#sf-warehouse-systems", ["S1WHSE"], ["artemis-broker", "oracle-cargo"]),
        "label-print-svc": _svc("warehouse", 2, "#sf-warehouse-systems", ["S1WHSE"], ["oracle-cargo", "print-servers"],
                                {"saturation": 'max(sqlalchemy_pool_checkedout{app="label-print-svc"} / sqlalchemy_pool_size{app="label-print-svc"})'}),
        "notification-svc": _svc("digital", 3, "#sf-digital-oncall", ["S1DIGITAL"], ["sendgrid", "artemis-broker"]),
        "oracle-cargo": {"kind": "datastore", "team": "dba", "channel": "#sf-dba",
                         "signals": {"cpu_utilisation": 'avg(oracledb_cpu_utilisation{db="CARGOP"})',
                                     "saturation": 'max(oracledb_sessions_value{db="CARGOP"} / oracledb_sessions_limit{db="CARGOP"})',
                                     "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(oracledb_wait_time_bucket{db="CARGOP",wait_class="User I/O"}[5m])))'}},
        "memcached-rates": {"kind": "datastore",
                            "signals": {"saturation": 'sum(rate(memcached_items_evicted_total{cluster="rates"}[5m])) / 5000'}},
        "memcached-tracking": {"kind": "datastore"},
        "artemis-broker": {"kind": "queue", "team": "middleware", "channel": "#sf-middleware",
                           "signals": {"saturation": 'max(artemis_address_size{broker="artemis-fra1-a"} / artemis_address_max_size{broker="artemis-fra1-a"})'}},
        "haproxy-edge": {"kind": "infrastructure", "team": "network"},
        "haproxy-internal": {"kind": "infrastructure", "team": "network"},
        "vmhost-cluster-fra1": {"kind": "infrastructure", "team": "compute"},
        "vmhost-cluster-fra2": {"kind": "infrastructure", "team": "compute"},
        "print-servers": {"kind": "infrastructure"},
        "cirium": {"kind": "external"},
        "ace-customs-gateway": {"kind": "external"},
        "sendgrid": {"kind": "external"},
    },
}

SKY_ABBR = {"customer-portal": "web", "partner-api": "papi", "rate-quote-svc": "rate", "booking-svc": "bkg",
            "awb-generator": "awb", "tracking-api": "trk", "tracking-updater": "trku", "flight-status-ingest": "fsi",
            "customs-filing-svc": "cus", "warehouse-scan-api": "whs", "label-print-svc": "lbl",
            "notification-svc": "ntf", "oracle-cargo": "oradb", "memcached-rates": "mcr",
            "memcached-tracking": "mct", "artemis-broker": "amq", "haproxy-edge": "lbe", "haproxy-internal": "lbi",
            "vmhost-cluster-fra1": "esx", "vmhost-cluster-fra2": "esx", "print-servers": "cups"}


def sky_host(svc, rng):
    ab = SKY_ABBR.get(svc, svc[:4])
    if svc == "vmhost-cluster-fra2":
        return "fra2-esx%02d.mgmt.skyfreight.net" % rng.randint(1, 8)
    if svc == "vmhost-cluster-fra1":
        return "fra1-esx%02d.mgmt.skyfreight.net" % rng.randint(1, 8)
    if svc == "oracle-cargo":
        return "fra1-oradb0%d" % rng.choice([1, 1, 1, 2])
    dc = "fra1" if crc("sky", svc) % 3 else "fra2"
    return "%s-%s-app%02d" % (dc, ab, rng.randint(1, 3))


SKY_LOGS = {
    "customer-portal": [
        (5, "info", None, '{pubip} - - [{ts_clf}] "GET /quotes/new?origin={org}&destination={dst} HTTP/1.1" 200 {b} "https://book.skyfreight.com/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)" rt={sec} urt="{sec}"'),
        (3, "info", None, '{pubip} - - [{ts_clf}] "GET /track/{awb} HTTP/1.1" 200 {b} "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)" rt={sec} urt="{sec}"'),
        (2, "info", None, '{pubip} - - [{ts_clf}] "POST /api/bookings HTTP/1.1" 201 {b} "https://book.skyfreight.com/quotes" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)" rt={sec} urt="{sec}"'),
    ],
    "partner-api": [
        (5, "info", None, '{pubip} - cw1-{n} [{ts_clf}] "POST /v2/quotes HTTP/1.1" 200 {b} "-" "CargoWise-eHub/2024.3" latency={ms}ms upstream=be_rate-quote-svc'),
        (3, "info", None, '{pubip} - flexport-{n} [{ts_clf}] "GET /v2/shipments/{awb}/status HTTP/1.1" 200 {b} "-" "Go-http-client/2.0" latency={ms}ms upstream=be_tracking-api'),
        (2, "info", None, '{pubip} - kn-edi-{n} [{ts_clf}] "POST /v2/bookings HTTP/1.1" 201 {b} "-" "Apache-HttpClient/4.5.14 (Java/17.0.10)" latency={ms}ms upstream=be_booking-svc'),
    ],
    "rate-quote-svc": [
        (5, "INFO", "c.s.pricing.quote.QuoteService", 'Quote Q-{big} computed {org}->{dst} {kg} kg chargeable, {n} rate lines in {ms} ms (cache=hit)'),
        (1, "INFO", "c.s.pricing.tariff.TariffCacheLoader", 'Tariff cache refresh: {big} lanes loaded from RATES.TARIFF_LINE in {ms} ms'),
        (1, "INFO", "c.s.pricing.quote.SurchargeCalculator", 'Fuel/security surcharge table version 2025-W{n} active for carrier group {n2}'),
    ],
    "booking-svc": [
        (4, "INFO", "c.s.booking.BookingService", 'Booking {bkg} confirmed on {flt} {org}-{dst} for {shp}, {kg} kg'),
        (3, "INFO", "c.s.booking.allotment.AllotmentClient", 'Allotment check for {flt} OK (remaining {big} kg)'),
        (2, "INFO", "c.s.booking.events.EventPublisher", "Published BookingConfirmed to address 'cargo.booking.events' messageId={uuid}"),
    ],
    "awb-generator": [
        (4, "INFO", "c.s.docs.awb.AwbIssuer", 'Issued AWB {awb} for {bkg} from stock range, {n} pieces'),
        (2, "INFO", "c.s.docs.awb.AwbRenderer", 'Rendered AWB {awb} PDF (3 pages) in {ms} ms'),
        (1, "INFO", "c.s.docs.jms.AwbRequestListener", "Consumed {n} messages from queue 'awb.requests' in last 60s"),
    ],
    "tracking-api": [
        (6, "info", None, 'level=info msg="request" method=GET path=/v1/track/{awb} status=200 dur={ms}ms cache=hit'),
        (2, "info", None, 'level=info msg="request" method=GET path=/v1/track/{awb}/events status=200 dur={ms}ms cache=miss'),
    ],
    "tracking-updater": [
        (5, "INFO", "c.s.tracking.apply.EventApplier", 'Applied {ev} event to AWB {awb} at {org} (pieces {n}/{n})'),
        (2, "INFO", "c.s.tracking.apply.FlightStatusApplier", 'Applied flight status {flt} ETD/ETA update to {n} AWBs'),
    ],
    "flight-status-ingest": [
        (4, "INFO", "ingest.poller", 'polled flightstats alerts cursor={big} updates={n} http=200 elapsed_ms={ms}'),
        (3, "INFO", "ingest.publisher", 'published {n} FlightStatusChanged events to artemis address flight.status'),
    ],
    "customs-filing-svc": [
        (4, "INFO", "c.s.customs.ace.FilingSubmitter", 'Submitted air AMS/ACAS filing for AWB {awb} (transaction {tx}), awaiting response'),
        (3, "INFO", "c.s.customs.ace.ResponsePoller", 'Response for transaction {tx}: ACCEPTED (assessment 7H, no hold)'),
    ],
    "warehouse-scan-api": [
        (6, "info", None, 'level=info msg="scan accepted" scanner={scanner} awb={awb} event=RCS pieces={n} loc=FRA-W2-B{n2}'),
        (2, "info", None, 'level=info msg="uld built" scanner={scanner} uld={uld} awbs={n}'),
    ],
    "label-print-svc": [
        (5, "INFO", "labels.render", 'printed label awb={awb} piece={n} printer=fra-w2-zt410-{n2} job={big} render_ms={ms}'),
        (1, "INFO", "labels.pool", 'db pool status size=20 checked_out={n} overflow=0'),
    ],
    "notification-svc": [
        (4, "info", None, 'email queued template=booking_confirmation provider=sendgrid x-message-id={hex}'),
        (2, "info", None, 'email queued template=shipment_status provider=sendgrid x-message-id={hex}'),
    ],
    "oracle-cargo": [
        (3, "info", None, 'Thread 1 advanced to log sequence {big} (LGWR switch)'),
        (3, "info", None, '  Current log# {n} seq# {big} mem# 0: +REDO/CARGOP/ONLINELOG/group_{n}.263.1109{big}'),
        (2, "info", None, 'ARC{n}: Archived Log entry {big} added for T-1.S-{big} ID 0x8f2c{hex} LAD:1'),
    ],
    "artemis-broker": [
        (1, "INFO", "org.apache.activemq.artemis.core.server", 'AMQ221024: Backup server ActiveMQServerImpl::name=artemis-fra1-b is synchronized with live server, nodeID=e1a4{hex}'),
    ],
    "haproxy-edge": [
        (6, "info", None, '{pubip}:{port} [{ts_hap}] fe_https~ be_customer-portal/web0{n} 0/0/1/{ms}/{ms2} 200 {b} - - ---- {big}/{n}/3/1/0 0/0 "GET /quotes/new HTTP/1.1"'),
        (3, "info", None, '{pubip}:{port} [{ts_hap}] fe_https~ be_partner-api/papi0{n} 0/0/0/{ms}/{ms2} 200 {b} - - ---- {big}/{n}/2/1/0 0/0 "POST /v2/quotes HTTP/1.1"'),
    ],
    "haproxy-internal": [
        (6, "info", None, '{ip}:{port} [{ts_hap}] fe_internal be_booking-svc/bkg0{n} 0/0/1/{ms}/{ms2} 200 {b} - - ---- {big}/{n}/2/1/0 0/0 "POST /api/v1/bookings HTTP/1.1"'),
        (4, "info", None, '{ip}:{port} [{ts_hap}] fe_internal be_tracking-api/trk0{n} 0/0/0/{ms}/{ms2} 200 {b} - - ---- {big}/{n}/1/0/0 0/0 "GET /v1/track/{awb} HTTP/1.1"'),
        (3, "info", None, '{ip}:{port} [{ts_hap}] fe_internal be_rate-quote-svc/rate0{n} 0/0/1/{ms}/{ms2} 200 {b} - - ---- {big}/{n}/1/0/0 0/0 "POST /api/v1/quotes HTTP/1.1"'),
    ],
    "vmhost-cluster-fra1": [
        (2, "info", None, 'hostd[2099154]: [Originator@6876 sub=Vimsvc.TaskManager] Task Completed : haTask--vim.host.VsanInternalSystem.querySyncingVsanObjects-{big} Status success'),
        (1, "info", None, 'vmkernel: cpu{n}:2099{big})vSAN: VsanSparseSync: Sync completed for object {uuid}'),
    ],
    "vmhost-cluster-fra2": [
        (2, "info", None, 'hostd[2101773]: [Originator@6876 sub=Vimsvc.TaskManager] Task Completed : haTask--vim.host.VsanInternalSystem.querySyncingVsanObjects-{big} Status success'),
    ],
    "print-servers": [
        (3, "info", None, 'I [{ts_clf}] [Job {big}] Job completed.'),
        (1, "info", None, 'I [{ts_clf}] [Job {big}] Queued on "fra-w2-zt410-{n}" by "labelsvc".'),
    ],
}

SKYFREIGHT = {
    "key": "skyfreight", "company": "Skyfreight", "catalog": SKY_CATALOG, "normal_logs": SKY_LOGS,
    "host": sky_host, "peak_utc": 10.5, "deploy_prefix": "CHG",
    "alert_labels": {"env": "prod", "dc": "fra"},
    "prom_url": "http://prometheus.ops.skyfreight.net:9090",
    "am_url": "http://alertmanager.ops.skyfreight.net:9093",
    "runbook_base": "https://wiki.skyfreight.net/ops/runbooks",
    "receiver": "opsdesk", "route_matcher": '{env="prod"}',
    "alert_exprs": {},
}

ESTATES = {"medora": MEDORA, "skyfreight": SKYFREIGHT}


# =====================================================================================
# Baselines, helpers, registry
# =====================================================================================

ALERT_EXPRS = {
    "HighErrorRate": 'sum(rate(http_server_requests_seconds_count{service="{service}",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="{service}"}[5m])) > 0.05',
    "HighLatencyP99": 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service="{service}"}[5m]))) > 2',
    "SLOBurnRateFast": '(sum(rate(http_server_requests_seconds_count{service="{service}",status=~"5.."}[5m])) / sum(rate(http_server_requests_seconds_count{service="{service}"}[5m]))) > (14.4 * 0.001)',
    "KubePodCrashLooping": 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff",container="{service}"}[5m]) >= 1',
    "PgBouncerClientsWaiting": 'max(pgbouncer_pools_client_waiting_connections) > 50',
    "PostgresTooManyConnections": 'sum(pg_stat_activity_count{datname="{service}"}) / 400 > 0.9',
    "PostgresHighCPU": 'avg(rate(node_cpu_seconds_total{mode!="idle",instance=~"{service}-.*"}[5m])) > 0.9',
    "NatsConsumerLagHigh": 'max(nats_consumer_num_pending{consumer="{service}"}) > 100000',
    "RedisDown": 'redis_up{service="{service}"} == 0',
    "OpenSearchClusterRed": 'max(opensearch_cluster_status{color="red",cluster="{service}"}) == 1',
    "KubeNodeNotReady": 'kube_node_status_condition{condition="Ready",status="true",node=~".*"} == 0',
    "ArtemisQueueDepthHigh": 'max(artemis_message_count{service="{service}"}) > 50000',
    "OracleSessionsHigh": 'max(oracledb_sessions_value{db="CARGOP"} / oracledb_sessions_limit{db="CARGOP"}) > 0.9',
    "OracleHighCPU": 'avg(oracledb_cpu_utilisation{db="CARGOP"}) > 0.9',
    "OracleRecoveryAreaFull": 'max(oracledb_recovery_file_dest_used_ratio{db="CARGOP"}) > 0.95',
    "HAProxyBackendDown": 'haproxy_backend_active_servers{proxy=~"be_{service}"} == 0',
    "HAProxyHigh5xx": 'sum(rate(haproxy_backend_http_responses_total{backend="be_{service}",code="5xx"}[2m])) / sum(rate(haproxy_backend_http_responses_total{backend="be_{service}"}[2m])) > 0.05',
    "JvmHeapHigh": 'max(jvm_memory_used_bytes{app="{service}",area="heap"} / jvm_memory_max_bytes{app="{service}",area="heap"}) > 0.92',
    "ContainerMemoryNearLimit": 'max(container_memory_working_set_bytes{container="{service}"} / container_spec_memory_limit_bytes{container="{service}"}) > 0.9',
    "ProbeFailing": 'probe_success{job="blackbox",service="{service}"} == 0',
    "MemcachedEvictionsHigh": 'sum(rate(memcached_items_evicted_total{service="{service}"}[5m])) > 1000',
    "DiskWillFillIn4Hours": 'predict_linear(node_filesystem_avail_bytes{service="{service}"}[1h], 4*3600) < 0',
    "PVCAlmostFull": 'max(kubelet_volume_stats_used_bytes{persistentvolumeclaim=~"{service}.*"} / kubelet_volume_stats_capacity_bytes{persistentvolumeclaim=~"{service}.*"}) > 0.95',
    "FlightStatusStale": 'time() - max(flightstatus_last_update_timestamp_seconds) > 900',
    "CustomsFilingsPendingHigh": 'sum(customs_filings_pending{state="SUBMITTED"}) > 200',
    "ErxTransmissionFailures": 'sum(rate(erx_transmissions_total{service="{service}",result!="accepted"}[10m])) / sum(rate(erx_transmissions_total{service="{service}"}[10m])) > 0.1',
    "EligibilityCheckFailures": 'sum(rate(eligibility_checks_total{result="error"}[5m])) / sum(rate(eligibility_checks_total[5m])) > 0.1',
    "SmsDeliveryFailures": 'sum(rate(sms_send_total{result="error"}[10m])) / sum(rate(sms_send_total[10m])) > 0.2',
    "TranscriptionBacklog": 'max(nats_consumer_num_pending{consumer="transcription-worker"}) > 2000',
    "TurnAllocationFailures": 'sum(rate(coturn_allocation_failures_total[5m])) > 1',
    "VideoVisitJoinFailures": 'sum(rate(video_join_total{result="failed"}[5m])) / sum(rate(video_join_total[5m])) > 0.1',
    "LabelPrintErrors": 'sum(rate(label_print_total{result="error"}[5m])) / sum(rate(label_print_total[5m])) > 0.1',
    "Hl7ChannelQueued": 'max(mirth_channel_queued_messages{service="{service}"}) > 500',
}

MEDORA_BASE = {
    "patient-api": (dict(rr=420, err=0.002, p99=0.38, cpu=0.42, mem=0.61, sat=0.18), 3.0),
    "auth-svc": (dict(rr=260, err=0.0008, p99=0.09, cpu=0.31, mem=0.44), 1.5),
    "video-signalling": (dict(rr=85, err=0.001, p99=0.12, cpu=0.28, mem=0.47), 1.5),
    "turn-relay": (dict(rr=14, cpu=0.25, sat=0.22), 1.0),
    "clinician-scheduling": (dict(rr=140, err=0.0015, p99=0.45, cpu=0.36, mem=0.58, sat=0.22), 2.0),
    "clinician-portal": (dict(rr=95, err=0.002, p99=0.6, cpu=0.25, mem=0.5), 1.5),
    "erx-router": (dict(rr=22, err=0.003, p99=1.1, cpu=0.22, mem=0.55, sat=0.15), 1.2),
    "eligibility-svc": (dict(rr=38, err=0.004, p99=1.8, cpu=0.2, mem=0.41), 1.2),
    "fhir-api": (dict(rr=65, err=0.002, p99=0.7, cpu=0.33, mem=0.62, sat=0.2), 1.2),
    "hl7-engine": (dict(rr=30, err=0.001, p99=0.25, cpu=0.3, mem=0.66, sat=0.41), 1.2),
    "audit-writer": (dict(rr=900, err=0.0005, p99=0.3, cpu=0.3, mem=0.4, sat=0.002), 0.8),
    "transcription-worker": (dict(rr=4.5, err=0.002, cpu=0.35, mem=0.5, sat=0.05), 1.0),
    "notification-svc": (dict(rr=18, err=0.003, p99=0.5, cpu=0.15, mem=0.35), 1.0),
    "visit-notes-svc": (dict(rr=40, err=0.001, p99=0.35, cpu=0.22, mem=0.47), 1.0),
    "pgbouncer": (dict(rr=1600, cpu=0.25, sat=0.02), 0.4),
    "patient-db": (dict(cpu=0.38, sat=0.3), 0.3),
    "scheduling-db": (dict(cpu=0.3, sat=0.25), 0.2),
    "rx-db": (dict(cpu=0.2, sat=0.15), 0.1),
    "redis-sessions": (dict(rr=3200, cpu=0.18, mem=0.52, sat=0.52), 0.2),
    "opensearch-audit": (dict(cpu=0.4, mem=0.7, sat=0.55), 0.3),
    "nats": (dict(rr=2400, cpu=0.2, mem=0.3), 0.4),
    "coredns": (dict(rr=1800, err=0.0005, p99=0.004, cpu=0.2), 1.5),
    "consul-mesh": (dict(cpu=0.15, mem=0.3), 0.3),
    "traefik-ingress": (dict(rr=620, err=0.001, p99=0.42, cpu=0.3, mem=0.35), 2.0),
    "k8s-nodepool-general": (dict(cpu=0.48, mem=0.62), 0.5),
    "gpu-nodepool": (dict(cpu=0.4, mem=0.5), 0.2),
}

SKY_BASE = {
    "customer-portal": (dict(rr=60, err=0.002, p99=0.9, cpu=0.25, mem=0.45), 2.0),
    "partner-api": (dict(rr=140, err=0.002, p99=0.8, cpu=0.3, mem=0.4), 2.0),
    "rate-quote-svc": (dict(rr=110, err=0.002, p99=0.65, cpu=0.35, mem=0.55, sat=0.2), 2.0),
    "booking-svc": (dict(rr=18, err=0.002, p99=1.2, cpu=0.3, mem=0.6, sat=0.2), 1.5),
    "awb-generator": (dict(rr=6, err=0.001, p99=0.9, cpu=0.25, mem=0.5, sat=0.01), 1.0),
    "tracking-api": (dict(rr=210, err=0.001, p99=0.15, cpu=0.28, mem=0.38), 2.0),
    "tracking-updater": (dict(rr=75, err=0.0005, cpu=0.3, mem=0.55, sat=0.01), 1.5),
    "flight-status-ingest": (dict(rr=9, err=0.003, cpu=0.1, mem=0.3), 1.0),
    "customs-filing-svc": (dict(rr=3.5, err=0.003, p99=2.5, cpu=0.2, mem=0.5, sat=0.01), 1.0),
    "warehouse-scan-api": (dict(rr=35, err=0.001, p99=0.12, cpu=0.2, mem=0.3), 2.0),
    "label-print-svc": (dict(rr=12, err=0.002, p99=0.8, cpu=0.18, mem=0.4, sat=0.2), 1.2),
    "notification-svc": (dict(rr=4, err=0.002, p99=0.6, cpu=0.08, mem=0.3), 0.6),
    "oracle-cargo": (dict(cpu=0.42, sat=0.35, p99=0.012), 0.3),
    "memcached-rates": (dict(rr=2100, cpu=0.12, mem=0.78, sat=0.01), 0),
    "memcached-tracking": (dict(rr=3300, cpu=0.1, mem=0.7), 0),
    "artemis-broker": (dict(rr=260, cpu=0.22, mem=0.5, sat=0.04), 0.1),
    "haproxy-edge": (dict(rr=260, err=0.001, cpu=0.15), 2.0),
    "haproxy-internal": (dict(rr=620, err=0.001, cpu=0.18), 2.0),
    "vmhost-cluster-fra1": (dict(cpu=0.55, mem=0.7), 0.3),
    "vmhost-cluster-fra2": (dict(cpu=0.5, mem=0.68), 0.2),
    "print-servers": (dict(), 0.8),
}

BASES = {"medora": MEDORA_BASE, "skyfreight": SKY_BASE}


def bg(b, svcs, logs=True, sigs=True, drop=(), step=None, scale=None):
    """Add baseline signals + normal logs for services.  drop: 'svc.sig' or 'svc' (no signals)."""
    table = BASES[b.estate["key"]]
    for svc in svcs:
        base, rate = table[svc]
        if sigs and svc not in drop:
            kw = {k: v for k, v in base.items() if "%s.%s" % (svc, k) not in drop}
            if scale and svc in scale:
                kw = {k: (v * scale[svc] if k == "rr" else v) for k, v in kw.items()}
            if kw:
                b.sig(svc, step=(step or {}).get(svc) if isinstance(step, dict) else step, **kw)
        if logs and rate > 0 and b.estate["normal_logs"].get(svc):
            b.normal(svc, rate)


def hit(b, svc, at, err=None, p99=None, rr=None, ramp=2, until=None, back=3, cpu=None, sat=None, mem=None):
    """Victim/culprit signal deltas starting at minute `at`. rr is a multiplier."""
    if err is not None:
        b.fx(svc, "err", at, err, ramp=ramp, until=until, back=back)
    if p99 is not None:
        b.fx(svc, "p99", at, p99, ramp=ramp, until=until, back=back)
    if rr is not None:
        b.fx(svc, "rr", at, rr, ramp=ramp, until=until, back=back, mul=True)
    if cpu is not None:
        b.fx(svc, "cpu", at, cpu, ramp=ramp, until=until, back=back)
    if sat is not None:
        b.fx(svc, "sat", at, sat, ramp=ramp, until=until, back=back)
    if mem is not None:
        b.fx(svc, "mem", at, mem, ramp=ramp, until=until, back=back)


BG_DEPLOYS = {
    "medora": [
        ("notification-svc", "deploy", "v2.31.0", "v2.30.4", "ci-bot", "PX-2231: add Spanish templates for appointment reminders; no schema changes."),
        ("fhir-api", "deploy", "2025.03.2", "2025.03.1", "j.okafor", "INTEROP-884: US Core 6.1 profile validation on Observation writes (warn-only mode)."),
        ("audit-writer", "deploy", "1.18.3", "1.18.2", "renovate[bot]", "chore(deps): bump github.com/opensearch-project/opensearch-go/v2 to v2.3.0"),
        ("clinician-portal", "deploy", "web-4812", "web-4807", "a.nguyen", "CARE-1120: new chart sidebar behind `chart_sidebar_v2` (off by default)."),
        ("visit-notes-svc", "deploy", "3.9.1", "3.9.0", "s.reyes", "NOTES-402: fix autosave debounce; log noise reduction."),
        ("eligibility-svc", "config", "cm-rev-118", "cm-rev-117", "m.fischer", "RCM-551: add payer id mapping for MEDICAID-OH (new clinic launch)."),
        ("transcription-worker", "deploy", "0.44.0", "0.43.2", "ml-ci", "MLP-310: diarisation post-processing tweak; same model weights."),
        ("turn-relay", "infra", "coturn-4.6.2-r3", "coturn-4.6.2-r2", "platform-bot", "Rotate TURN TLS certificate (Let's Encrypt renewal)."),
        ("patient-api", "flag", "ff:appointment_cards_v3=25%", "ff:appointment_cards_v3=10%", "launchdarkly", "Ramp appointment_cards_v3 to 25% of iOS users."),
    ],
    "skyfreight": [
        ("customer-portal", "deploy", "2025.11.4", "2025.11.3", "jenkins", "DIG-3310: cookie banner copy update; CSP header adds new analytics domain."),
        ("notification-svc", "deploy", "4.2.0", "4.1.9", "jenkins", "DIG-3288: shipment_status email now includes ETA in local time."),
        ("label-print-svc", "config", "labels.yaml@r57", "labels.yaml@r56", "t.wagner", "WH-771: add printer fra-w2-zt410-19 to hall 2 pool."),
        ("tracking-api", "deploy", "1.27.3", "1.27.2", "jenkins", "TRK-902: add `pieces_received` to /v1/track response (additive)."),
        ("partner-api", "config", "kong-decK-0412", "kong-decK-0411", "r.bauer", "NET-1189: onboard forwarder `dsv-edi` consumer + key-auth credential."),
        ("awb-generator", "deploy", "3.8.2", "3.8.1", "jenkins", "DOCS-615: fix typo in IATA 600a footer; regenerate template cache."),
        ("rate-quote-svc", "config", "tariff-2025-W46", "tariff-2025-W45", "pricing-bot", "Weekly tariff publication W46 (1,812 lanes)."),
        ("haproxy-edge", "infra", "haproxy-2.8.10", "haproxy-2.8.9", "ansible", "NET-1201: patch HAProxy edge pair, rolling, one node at a time."),
    ],
}


def bg_deploys(b, n, exclude=(), window=(-170, -55)):
    rng = random.Random(crc(b.name, "bgdeploys"))
    pool = [d for d in BG_DEPLOYS[b.estate["key"]] if d[0] not in exclude]
    picks = rng.sample(pool, n)
    lo, hi = window
    lo = max(lo, -b.hours * 60 + 5)
    for svc, kind, ver, prev, author, desc in picks:
        b.deploy(svc, kind, ver, prev, author, desc, at=rng.uniform(lo, hi), dur=rng.choice([2, 3, 4, 6]))


SCENARIOS = []


def scenario(**meta):
    def deco(fn):
        meta["fn"] = fn
        SCENARIOS.append(meta)
        return fn
    return deco


# =====================================================================================
# Medora Health scenarios
# =====================================================================================

DNS_VICTIM_LINES = {
    "patient-api": ("error", None, 'request errored method=GET url=/v2/appointments?status=upcoming statusCode=503 err="getaddrinfo EAI_AGAIN pgbouncer.data.svc.cluster.local" responseTime={ms} reqId={rid}'),
    "auth-svc": ("error", None, 'session lookup failed err="dial tcp: lookup redis-sessions.data.svc.cluster.local on 172.20.0.10:53: read udp {ip}:{port}->172.20.0.10:53: i/o timeout" sub={pt}'),
    "clinician-scheduling": ("ERROR", "c.m.scheduling.eligibility.EligibilityClient", 'Eligibility precheck failed for {pt}: I/O error on POST request for "http://eligibility-svc.rcm.svc.cluster.local:8080/v1/eligibility/check": eligibility-svc.rcm.svc.cluster.local: Temporary failure in name resolution; nested exception is java.net.UnknownHostException'),
    "eligibility-svc": ("ERROR", "eligibility.x12", 'payer call failed payer={payer}: httpx.ConnectError: [Errno -3] Temporary failure in name resolution (api.availity.com)'),
    "erx-router": ("ERROR", "c.m.erx.routing.NewRxRouter", 'Failed to persist routing state for {rx}: org.postgresql.util.PSQLException: The connection attempt failed. Caused by: java.net.UnknownHostException: rx-db.data.svc.cluster.local'),
    "video-signalling": ("error", None, 'nats reconnect failed err="dial tcp: lookup nats.messaging.svc.cluster.local on 172.20.0.10:53: read udp {ip}:{port}->172.20.0.10:53: i/o timeout"'),
}


@scenario(name="patient-app-requests-timing-out-across-services", estate="medora", now="2025-03-11T15:42:00Z",
          hours=3, step=30, cause="infrastructure", culprit="coredns",
          hard=["shared-platform"],
          distractor="innocent clinician-scheduling deploy 21 min before; alerts only on victims; depends_on lists omit coredns",
          description="""
Patients report the app spinning and then failing on appointments and prescriptions since about 15:25 UTC.
Paged for patient-api 5xx, then eligibility and scheduling alerts landed within minutes. Clinicians also
say the portal is sluggish. Nothing obvious in one place; several teams pinged in #incidents.""")
def s_dns(b):
    svcs = ["patient-api", "auth-svc", "clinician-scheduling", "eligibility-svc", "erx-router", "video-signalling",
            "pgbouncer", "coredns", "nats"]
    bg(b, svcs, step={"coredns": 60, "pgbouncer": 60, "nats": 60})
    f = -16
    hit(b, "coredns", f, err=0.31, p99=2.1, ramp=3)
    hit(b, "coredns", f, cpu=0.97, ramp=2)
    b.fx("coredns", "rr", f, 1.9, mul=True, ramp=3)
    hit(b, "patient-api", f + 1, err=0.11, p99=5.2, ramp=3)
    hit(b, "auth-svc", f + 1, err=0.045, p99=1.4, ramp=3)
    hit(b, "clinician-scheduling", f + 1, err=0.08, p99=4.8, ramp=4)
    hit(b, "eligibility-svc", f + 1, err=0.17, p99=6.0, ramp=3)
    hit(b, "erx-router", f + 2, err=0.07, p99=4.0, ramp=4)
    hit(b, "video-signalling", f + 2, err=0.03, p99=0.9, ramp=4)
    b.fx("pgbouncer", "rr", f + 1, 0.7, mul=True)
    for svc, (lvl, lg, t) in DNS_VICTIM_LINES.items():
        b.ev(svc, lvl, t, f + 1, 0, rate=3.5 if svc == "patient-api" else 1.6, logger=lg)
    b.ev("coredns", "info", '[INFO] {ip}:{port} - {big} "A IN pgbouncer.data.svc.cluster.local. udp 60 false 512" SERVFAIL qr,rd 60 2.00{n}s', f, 0, rate=3)
    b.ev("coredns", "error", '[ERROR] plugin/errors: 2 rx-db.data.svc.cluster.local. A: read udp {ip}:{port}->10.0.0.2:53: i/o timeout', f, 0, rate=1.5)
    b.ev("coredns", "warning", '[WARNING] plugin/health: Local health request to "http://:8080/health" took more than 1s: 1.{n}s', f, 0, rate=0.8)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 prober.go:107] "Probe failed" probeType="Liveness" pod="kube-system/coredns-5d78c9869d-{pod}" podUID="{uuid}" containerName="coredns" probeResult="failure" output="Get \\"http://10.42.0.{n}:8080/health\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"', f + 3, 0, rate=0.5)
    b.at("coredns", "info", '[INFO] SIGTERM: Shutting down servers then terminating', f + 6)
    b.at("coredns", "info", '.:53\n[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908\nCoreDNS-1.11.1\nlinux/amd64, go1.20.7, ae2bbc2', f + 7)
    b.normal("k8s-nodepool-general", 0.4)
    b.deploy("clinician-scheduling", "deploy", "2025.03.11-2", "2025.03.10-4", "argocd-bot",
             "CARE-1187: bump spring-boot 3.3.4 -> 3.3.5 and hikaricp 5.1.0; no functional changes. Canary passed 10 min.", at=-37)
    bg_deploys(b, 2, exclude=("clinician-scheduling",))
    b.alert("SLOBurnRateFast", "patient-api", "critical", -6, "patient-api is burning its 30d error budget 14x too fast",
            "5xx ratio on patient-api is 9.8% over 5m (SLO 99.9%).")
    b.alert("EligibilityCheckFailures", "eligibility-svc", "warning", -5, "Eligibility checks failing (>10%)",
            "eligibility-svc error ratio above 10% for 5m.")
    b.alert("HighLatencyP99", "clinician-scheduling", "warning", -4, "clinician-scheduling p99 latency above 2s",
            "p99 latency 4.6s on /v1/slots for 5m.")
    b.alert("HighErrorRate", "erx-router", "warning", -3, "erx-router 5xx above 5%", "erx-router HTTP 5xx ratio 6.5% for 5m.")


@scenario(name="video-visits-dropping-and-eligibility-503s", estate="medora", now="2025-01-21T18:07:00Z",
          hours=2.5, step=20, cause="infrastructure", culprit="consul-mesh",
          hard=["shared-platform"],
          distractor="resolved OpenSearch disk alert in the same body; louder video-signalling alert; noisy unrelated patient-api 4xx warnings",
          description="""
Video visits dropping mid-call and patients unable to rejoin from ~17:50 UTC. At the same time the scheduling
team sees eligibility precheck 503s and the portal shows 'upstream connect error' banners. Video on-call paged first.""")
def s_mesh(b):
    svcs = ["patient-api", "video-signalling", "turn-relay", "clinician-scheduling", "clinician-portal",
            "eligibility-svc", "erx-router", "consul-mesh", "opensearch-audit"]
    bg(b, svcs, drop=("consul-mesh",), step={"opensearch-audit": 60, "turn-relay": 60})
    f = -17
    hit(b, "video-signalling", f + 1, err=0.19, p99=3.0, ramp=2)
    b.fx("video-signalling", "rr", f + 1, 1.6, mul=True)  # reconnect storms
    hit(b, "clinician-scheduling", f + 1, err=0.06, p99=3.1)
    hit(b, "clinician-portal", f + 1, err=0.09, p99=4.2)
    hit(b, "eligibility-svc", f + 2, err=0.05)
    hit(b, "patient-api", f + 2, err=0.04, p99=1.9)
    hit(b, "erx-router", f + 2, err=0.035)
    b.fx("opensearch-audit", "sat", -50, 0.86, ramp=25, until=-10, back=6)
    # consul server side: lost leader, xDS updates stall
    b.ev("consul-mesh", "warn", '[WARN]  agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr=10.42.0.{n}:8300 last-leader-id=5c1f{hex}', f, f + 9, rate=0.6)
    b.ev("consul-mesh", "error", '[ERROR] agent.server.raft: failed to heartbeat to: peer=10.42.0.{n}:8300 backoff time=1.{n}s error="dial tcp 10.42.0.{n}:8300: i/o timeout"', f, 0, rate=1.0)
    b.ev("consul-mesh", "error", '[ERROR] agent.proxycfg: Failed to handle update from watch: kind=connect-proxy proxy=careops/{pod}-sidecar-proxy service_id={pod}-sidecar-proxy id=intentions error="error filling agent cache: No cluster leader"', f + 1, 0, rate=2.0)
    b.ev("consul-mesh", "error", '[ERROR] agent.envoy: Error receiving new DeltaDiscoveryRequest; closing request channel: error="rpc error: code = Canceled desc = context canceled"', f + 1, 0, rate=1.0)
    b.ev("consul-mesh", "warn", '[WARN]  agent: Check is now critical: check=service:{pod}-sidecar-proxy:1', f + 2, 0, rate=0.8)
    envoy = {
        "video-signalling": ("error", None, 'envoy upstream reset: "GET /turn/credentials HTTP/1.1" 503 UF,URX upstream_reset_before_response_started{{connection_failure,delayed_connect_error:_111}} cluster=turn-relay.default.med-prod-use1.internal visit_id={visit}'),
        "clinician-portal": ("error", None, 'proxy error GET /api/schedule/today -> clinician-scheduling: 503 "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111"'),
        "clinician-scheduling": ("ERROR", "c.m.scheduling.eligibility.EligibilityClient", 'Eligibility precheck failed for {pt}: 503 Service Unavailable from http://localhost:21001/v1/eligibility/check (sidecar upstream eligibility-svc): "upstream connect error or disconnect/reset before headers. reset reason: connection termination"'),
        "patient-api": ("error", None, 'request errored method=POST url=/v2/visits/{visit}/join statusCode=502 err="upstream video-signalling via sidecar: socket hang up (ECONNRESET)" reqId={rid}'),
        "erx-router": ("WARN", "c.m.erx.routing.NewRxRouter", 'Retrying publish for {rx}: io.grpc.StatusRuntimeException: UNAVAILABLE: upstream connect error or disconnect/reset before headers. reset reason: connection failure'),
    }
    for svc, (lvl, lg, t) in envoy.items():
        b.ev(svc, lvl, t, f + 1, 0, rate=2.5 if svc == "video-signalling" else 1.2, logger=lg)
    b.ev("video-signalling", "warn", 'ws session closed visit_id={visit} code=1006 reason="abnormal closure" reconnect_attempt={n}', f + 1, 0, rate=3)
    b.ev("patient-api", "warn", 'request completed method=GET url=/v2/patients/{pt}/documents statusCode=404 responseTime={ms} reqId={rid}', -150, 0, rate=0.4)
    bg_deploys(b, 2)
    b.alert("VideoVisitJoinFailures", "video-signalling", "critical", -9, "Video visit join failures above 10%",
            "18% of video joins failed in the last 5m; active rooms dropping.")
    b.alert("HighErrorRate", "clinician-portal", "warning", -7, "clinician-portal 5xx above 5%", "clinician-portal 5xx ratio 8.7% for 5m.")
    b.alert("HighErrorRate", "clinician-scheduling", "warning", -6, "clinician-scheduling 5xx above 5%", "clinician-scheduling 5xx ratio 5.9% for 5m.")
    b.alert("DiskWillFillIn4Hours", "opensearch-audit", "warning", -13, "opensearch-audit data disk predicted full within 4h",
            "Disk on opensearch-audit-2 trending to full (ILM rollover pending).", ended=-4)


@scenario(name="app-and-portal-intermittent-502s", estate="medora", now="2024-11-19T14:31:00Z",
          hours=2, step=15, cause="infrastructure", culprit="traefik-ingress",
          hard=["shared-platform"],
          distractor="backends' own error ratios look healthy; innocent patient-api deploy 14 min before; blackbox alerts on several services",
          description="""
Synthetic checks for the patient app and the clinician portal started failing around 14:20 UTC with 502/504.
Support says some patients get 'Something went wrong' and clinicians intermittently cannot load the day
schedule. Backend dashboards look mostly fine, which is confusing everyone.""")
def s_ingress(b):
    svcs = ["patient-api", "clinician-portal", "video-signalling", "traefik-ingress", "auth-svc", "k8s-nodepool-general"]
    bg(b, svcs, step={"k8s-nodepool-general": 60, "traefik-ingress": 30})
    f = -12
    hit(b, "traefik-ingress", f, err=0.22, p99=8.5, ramp=2)
    hit(b, "traefik-ingress", f, mem=0.93, ramp=4)
    b.fx("traefik-ingress", "cpu", f, 0.88, ramp=2)
    b.fx("patient-api", "rr", f + 1, 0.78, mul=True)
    b.fx("clinician-portal", "rr", f + 1, 0.75, mul=True)
    b.fx("video-signalling", "rr", f + 1, 0.8, mul=True)
    b.fx("patient-api", "err", f + 1, 0.006)
    b.ev("traefik-ingress", "error", "level=error msg=\"'502 Bad Gateway' caused by: dial tcp {ip}:8080: connect: connection refused\"", f, 0, rate=4)
    b.ev("traefik-ingress", "error", "level=error msg=\"'504 Gateway Timeout' caused by: context deadline exceeded\"", f + 1, 0, rate=2)
    b.ev("traefik-ingress", "error", 'level=error msg="Failed to list *v1.EndpointSlice: Get \\"https://172.20.0.1:443/apis/discovery.k8s.io/v1/endpointslices?resourceVersion=91822311\\": http2: client connection lost" providerName=kubernetescrd', f - 1, 0, rate=0.6)
    b.ev("traefik-ingress", "info", '{pubip} - - [{ts_clf}] "GET /api/v2/appointments?status=upcoming HTTP/2.0" 502 11 "-" "-" {big} "px-patient-api@kubernetescrd" "http://{ip}:8080" {ms}ms', f, 0, rate=4)
    b.ev("traefik-ingress", "info", '{pubip} - - [{ts_clf}] "GET /api/schedule/today HTTP/2.0" 504 15 "-" "-" {big} "careops-clinician-portal@kubernetescrd" "http://{ip}:3000" 30001ms', f + 1, 0, rate=1.5)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 kubelet.go:2440] "SyncLoop (PLEG): event for pod" pod="ingress/traefik-7d9c5b8f4-{pod}" event={{"ID":"{uuid}","Type":"ContainerDied","Data":"{hex}"}}', f + 2, 0, rate=0.4)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 kuberuntime_manager.go:1049] "Back-off restarting failed container" containerName="traefik" pod="ingress/traefik-7d9c5b8f4-{pod}"', f + 4, 0, rate=0.3)
    b.deploy("patient-api", "deploy", "v5.88.0", "v5.87.3", "argocd-bot",
             "PX-3391: appointment cards v3 API fields (additive), upgrade pino 9.4. Rolling, maxSurge 25%.", at=-26)
    bg_deploys(b, 1, exclude=("patient-api",))
    b.alert("ProbeFailing", "patient-api", "critical", -7, "Blackbox probe https://app.medora.health/api/v2/healthz failing",
            "External probe from 3 regions failing with HTTP 502 for 5m.")
    b.alert("ProbeFailing", "clinician-portal", "critical", -6, "Blackbox probe https://clinic.medora.health failing",
            "External probe failing with HTTP 504 for 5m.")
    b.alert("KubePodCrashLooping", "traefik-ingress", "warning", -3, "Pod ingress/traefik is crash looping",
            "Container traefik restarted 4 times in 10m.")


@scenario(name="visit-notes-and-scheduling-pods-restarting", estate="medora", now="2025-05-06T20:18:00Z",
          hours=2.5, step=60, cause="infrastructure", culprit="k8s-nodepool-general",
          hard=["shared-platform"],
          omit=["deploys"],
          distractor="no deploy data source; scrape hole on several services while nodes were NotReady; louder visit-notes alert",
          description="""
Clinicians report notes failing to save and the schedule view erroring since ~20:05 UTC. Several deployments
show pods Pending/restarting. Paged for visit-notes-svc errors and clinician-scheduling latency.""")
def s_nodepool(b):
    svcs = ["visit-notes-svc", "clinician-scheduling", "fhir-api", "notification-svc", "patient-api",
            "k8s-nodepool-general", "pgbouncer"]
    bg(b, svcs)
    f = -15
    b.fx("k8s-nodepool-general", "mem", f - 4, 0.96, ramp=4)
    b.fx("k8s-nodepool-general", "cpu", f - 2, 0.91, ramp=3)
    hit(b, "visit-notes-svc", f + 1, err=0.24, p99=6.5)
    hit(b, "clinician-scheduling", f + 1, err=0.07, p99=3.8)
    hit(b, "fhir-api", f + 2, err=0.05, p99=2.4)
    hit(b, "notification-svc", f + 2, err=0.04)
    hit(b, "patient-api", f + 3, err=0.02, p99=1.1)
    for s in ("visit-notes-svc", "clinician-scheduling", "fhir-api"):
        b.gap(s, f + 1, f + 5)
    node = ["ip-10-42-7-31.ec2.internal", "ip-10-42-7-64.ec2.internal", "ip-10-42-9-20.ec2.internal"]
    b.ev("k8s-nodepool-general", "error", 'E{ts_klog}    2211 kubelet.go:2862] "Container runtime not ready" runtimeReady="RuntimeReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"', f, f + 8, rate=0.5)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 kubelet_node_status.go:682] "Recording event message for node" node="{nd}" event="NodeNotReady"', f, f + 6, rate=0.5, nd=node)
    b.ev("k8s-nodepool-general", "error", 'E{ts_klog}    2211 kubelet.go:2353] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m4.{n}s ago; threshold is 3m0s"', f, 0, rate=0.8)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"', f - 3, 0, rate=0.4)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 eviction_manager.go:593] "Eviction manager: pod is evicted successfully" pod="{pp}"', f - 2, 0, rate=0.8,
         pp=["careops/visit-notes-svc-6c8b7f9d5-{pod}", "careops/clinician-scheduling-84d6f5c7b-{pod}", "interop/fhir-api-5f7d9c6b8-{pod}", "px/notification-svc-7b9c4d6f5-{pod}"])
    b.ev("k8s-nodepool-general", "warning", 'W{ts_klog}       1 node_lifecycle_controller.go:1138] "Node is unresponsive. Adding it to the Taint queue" node="{nd}" timeStamp="{ts_iso}"', f + 1, 0, rate=0.3, nd=node)
    b.ev("visit-notes-svc", "ERROR", "django.request", 'Internal Server Error: /api/notes/ (psycopg.OperationalError: connection to server at "pgbouncer.data.svc.cluster.local" (172.20.41.7), port 6432 failed: timeout expired)', f + 1, 0, rate=2.5)
    b.ev("visit-notes-svc", "CRITICAL", "gunicorn.error", 'WORKER TIMEOUT (pid:{big})', f + 1, 0, rate=0.6)
    b.ev("clinician-scheduling", "WARN", "com.zaxxer.hikari.pool.HikariPool", 'HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m3s).', f + 1, 0, rate=0.3)
    b.ev("clinician-scheduling", "ERROR", "o.a.c.c.C.[.[.[/].[dispatcherServlet]", 'Servlet.service() for servlet [dispatcherServlet] threw exception: org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://notification-svc.px.svc.cluster.local/v1/templates": Connect timed out', f + 2, 0, rate=1.2)
    b.ev("fhir-api", "ERROR", "ca.uhn.fhir.rest.server.RestfulServer", 'Failure during REST processing: ca.uhn.fhir.rest.server.exceptions.InternalErrorException: HAPI-0389: Failed to call access method: org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction', f + 2, 0, rate=0.8)
    b.ev("pgbouncer", "info", 'LOG C-0x55d1{hex}: patient/notes_rw@{ip}:{port} closing because: client unexpected eof (age={n}s)', f + 1, 0, rate=1.0)
    b.alert("HighErrorRate", "visit-notes-svc", "critical", -10, "visit-notes-svc 5xx above 5%", "visit-notes-svc 5xx ratio 22% for 5m.")
    b.alert("KubeNodeNotReady", "k8s-nodepool-general", "warning", -9, "Node ip-10-42-7-31.ec2.internal is NotReady",
            "Node has been NotReady for more than 5 minutes.", node="ip-10-42-7-31.ec2.internal")
    b.alert("HighLatencyP99", "clinician-scheduling", "warning", -8, "clinician-scheduling p99 latency above 2s", "p99 3.6s for 5m.")


@scenario(name="patient-app-slow-with-database-connection-errors", estate="medora", now="2025-10-14T13:12:00Z",
          hours=3, step=30, cause="traffic_surge", culprit="patient-api",
          hard=["surge-datastore", "alert-on-datastore"],
          distractor="pgbouncer and patient-db alerts louder than patient-api; innocent audit-writer deploy 18 min before",
          description="""
Patient app is slow and many users get 'could not load appointments' since about 13:00 UTC. PgBouncer and
patient-db alerts fired at the same time as the patient-api latency page. DBRE is already looking at the database.""")
def s_surge_pgb(b):
    svcs = ["patient-api", "auth-svc", "pgbouncer", "patient-db", "clinician-scheduling", "notification-svc",
            "audit-writer", "traefik-ingress"]
    bg(b, svcs, step={"patient-db": 60, "pgbouncer": 60})
    f = -15
    b.fx("patient-api", "rr", f, 3.4, mul=True, ramp=4)
    b.fx("traefik-ingress", "rr", f, 2.6, mul=True, ramp=4)
    b.fx("auth-svc", "rr", f, 3.1, mul=True, ramp=4)
    hit(b, "patient-api", f + 3, err=0.07, p99=7.5, cpu=0.86, ramp=4)
    hit(b, "auth-svc", f + 1, cpu=0.74, p99=0.35)
    b.fx("patient-api", "sat", f + 2, 1.0, ramp=3)
    b.fx("pgbouncer", "rr", f, 2.3, mul=True, ramp=4)
    b.fx("pgbouncer", "sat", f + 2, 0.93, ramp=4)
    b.fx("patient-db", "cpu", f + 1, 0.94, ramp=4)
    b.fx("patient-db", "sat", f + 2, 0.97, ramp=4)
    hit(b, "clinician-scheduling", f + 4, p99=1.6, err=0.01)
    b.ev("patient-api", "info", 'request completed method=GET url=/v2/landing/flu-shot?utm_source={src}&utm_medium=referral statusCode=200 responseTime={ms} reqId={rid}', f, 0, rate=5, src=["nbc_today", "nbc_today", "apple_news", "google"])
    b.ev("patient-api", "info", 'request completed method=POST url=/v2/auth/signup statusCode=201 responseTime={ms} reqId={rid}', f, 0, rate=3)
    b.ev("patient-api", "error", 'request errored method=GET url=/v2/appointments?status=upcoming statusCode=503 err="timeout exceeded when trying to connect" pool=pg total=50 idle=0 waiting={big} responseTime=30002 reqId={rid}', f + 3, 0, rate=4)
    b.ev("patient-api", "error", 'request errored method=GET url=/v2/coverage/summary statusCode=500 err="error: query_wait_timeout" db=patient host=pgbouncer.data.svc.cluster.local reqId={rid}', f + 4, 0, rate=1.5)
    b.ev("pgbouncer", "warning", 'WARNING C-0x55d1{hex}: patient/patient_api@{ip}:{port} pooler error: query_wait_timeout', f + 3, 0, rate=3)
    b.ev("pgbouncer", "info", 'LOG stats: {big} xacts/s, {big} queries/s, in {big} B/s, out {big} B/s, xact 48{us} us, query 21{us} us, wait 9{big} us', f + 1, 0, rate=1)
    b.ev("patient-db", "info", 'LOG:  duration: {big}.{n} ms  statement: SELECT a.* FROM appointments a WHERE a.patient_id = $1 AND a.starts_at > now() ORDER BY a.starts_at LIMIT 20', f + 2, 0, rate=1.5)
    b.ev("clinician-scheduling", "WARN", "com.zaxxer.hikari.pool.HikariPool", 'HikariPool-1 - Connection is not available, request timed out after 5000ms (total=20, active=20, idle=0, waiting=3)', f + 5, 0, rate=0.5)
    b.deploy("audit-writer", "deploy", "1.19.0", "1.18.3", "argocd-bot", "SEC-640: add `actor.ip` enrichment to audit events; bump batch flush to 750 docs.", at=-33)
    bg_deploys(b, 2, exclude=("audit-writer", "patient-api"))
    b.alert("PgBouncerClientsWaiting", "pgbouncer", "critical", -9, "PgBouncer has >50 clients waiting for a server connection",
            "max(cl_waiting)=184 on pool patient/patient_api.")
    b.alert("PostgresTooManyConnections", "patient-db", "critical", -8, "patient-db connections above 90% of max_connections",
            "388/400 connections in use on patient-db-0.", expr='sum(pg_stat_activity_count{datname="patient"}) / 400 > 0.9')
    b.alert("HighLatencyP99", "patient-api", "warning", -7, "patient-api p99 latency above 2s", "p99 latency 6.9s for 5m.")


@scenario(name="scheduling-database-connections-maxed", estate="medora", now="2025-06-02T12:26:00Z",
          hours=2, step=20, cause="traffic_surge", culprit="clinician-scheduling",
          hard=["surge-datastore", "alert-on-datastore"],
          distractor="the only alert is on the datastore; scheduling-db shows no change of its own; unrelated eligibility warnings",
          description="""
Paged for scheduling-db connections above 90% at ~12:18 UTC. No app alert yet, but care-ops says booking a
slot takes forever for some clinics. DBRE asks whether anything changed on the database (nothing known).""")
def s_surge_schedb(b):
    svcs = ["clinician-scheduling", "clinician-portal", "pgbouncer", "scheduling-db", "eligibility-svc", "patient-api"]
    bg(b, svcs, step={"scheduling-db": 30, "pgbouncer": 60})
    f = -13
    b.fx("clinician-scheduling", "rr", f, 4.2, mul=True, ramp=3)
    b.fx("clinician-scheduling", "cpu", f, 0.78, ramp=3)
    b.fx("clinician-scheduling", "sat", f + 1, 0.97, ramp=3)
    hit(b, "clinician-scheduling", f + 4, p99=2.9, err=0.012, ramp=4)
    b.fx("scheduling-db", "sat", f + 1, 0.95, ramp=4)
    b.fx("scheduling-db", "cpu", f + 1, 0.83, ramp=4)
    b.fx("pgbouncer", "sat", f + 2, 0.4, ramp=4)
    b.fx("pgbouncer", "rr", f, 1.6, mul=True)
    b.fx("eligibility-svc", "rr", f + 1, 2.1, mul=True)
    b.ev("clinician-scheduling", "INFO", "c.m.scheduling.api.PartnerSlotController", 'GET /partner/v1/slots?employer=northwind-benefits&state={st}&days=14 -> {n} slots in {ms} ms (client_id=northwind-benefits-portal)', f, 0, rate=14, st=["TX", "CA", "FL", "NY", "OH"])
    b.at("clinician-scheduling", "INFO", "c.m.scheduling.api.PartnerRateLimiter", 'Partner client northwind-benefits-portal has no explicit quota; using default (unlimited)', f - 1)
    b.ev("clinician-scheduling", "WARN", "com.zaxxer.hikari.pool.HikariPool", 'HikariPool-1 - Connection is not available, request timed out after 5000ms (total=40, active=40, idle=0, waiting={n})', f + 5, 0, rate=1.2)
    b.ev("scheduling-db", "info", 'LOG:  duration: {big}.{n} ms  statement: SELECT s.* FROM slots s JOIN clinician_licenses l ON l.clinician_id = s.clinician_id WHERE l.state = $1 AND s.starts_at BETWEEN $2 AND $3 AND s.status = \'open\'', f + 2, 0, rate=2)
    b.ev("scheduling-db", "info", 'FATAL:  remaining connection slots are reserved for non-replication superuser connections', f + 7, 0, rate=0.5)
    b.ev("clinician-portal", "error", 'proxy error GET /api/schedule/today -> clinician-scheduling: ETIMEDOUT after 15000ms', f + 6, 0, rate=0.6)
    b.ev("eligibility-svc", "WARNING", "eligibility.x12", 'payer {payer} slow response latency_ms=41{big} (retrying once)', -110, 0, rate=0.25)
    bg_deploys(b, 2)
    b.alert("PostgresTooManyConnections", "scheduling-db", "critical", -8, "scheduling-db connections above 90% of max_connections",
            "287/300 connections in use on scheduling-db-0.", expr='sum(pg_stat_activity_count{datname="scheduling"}) / 300 > 0.9')


@scenario(name="prescriptions-stuck-pending-transmission", estate="medora", now="2025-02-04T16:48:00Z",
          hours=3, step=30, cause="external", culprit="surescripts",
          hard=["external-provider", "external-with-caller-deploy"],
          distractor="erx-router deployed 26 min before the failures started",
          description="""
Pharmacies are not receiving new prescriptions since ~16:30 UTC; clinicians see 'Pending transmission' for
every eRx. Pharmacy on-call notes erx-router was released earlier this afternoon.""")
def s_surescripts(b):
    svcs = ["erx-router", "clinician-portal", "patient-api", "rx-db", "nats"]
    bg(b, svcs, step={"rx-db": 60, "nats": 60})
    f = -18
    b.deploy("erx-router", "deploy", "4.12.0", "4.11.2", "argocd-bot",
             "RX-1419: add controlled-substance EPCS audit fields to NewRx; refactor retry backoff (max 5 attempts, jittered). Tested in staging against Surescripts cert env.", at=-44)
    hit(b, "erx-router", f, err=0.62, p99=30.0, ramp=2)
    b.fx("erx-router", "sat", f + 1, 0.71, ramp=6)
    b.fx("erx-router", "rr", f, 1.5, mul=True)  # retries
    hit(b, "clinician-portal", f + 1, p99=1.4)
    b.ev("erx-router", "ERROR", "c.m.erx.routing.SurescriptsClient", 'NewRx {rx} transmission failed: org.apache.hc.client5.http.ConnectTimeoutException: Connect to https://smr.surescripts.net:443 [smr.surescripts.net/198.51.100.{n}] failed: connect timed out', f, 0, rate=3)
    b.ev("erx-router", "ERROR", "c.m.erx.routing.SurescriptsClient", 'NewRx {rx} transmission failed: HTTP 503 Service Unavailable from https://smr.surescripts.net/erx/medora/v6_1 (body: <Status><Code>600</Code><Description>Communication problem - try again later</Description></Status>)', f + 2, 0, rate=2)
    b.ev("erx-router", "WARN", "c.m.erx.routing.RetryScheduler", 'Scheduling retry {n}/5 for {rx} in {big} ms (last error: smr.surescripts.net unavailable)', f, 0, rate=3)
    b.ev("erx-router", "INFO", "c.m.erx.routing.NewRxRouter", 'Queued NewRx {rx} for pharmacy NCPDP {ncpdp}; state=PENDING_TRANSMISSION', f, 0, rate=1.5)
    b.mute("erx-router", f, 0, keep=0.1)
    b.ev("clinician-portal", "warn", 'rx status poll {rx} still PENDING_TRANSMISSION after {n} attempts', f + 3, 0, rate=1.5)
    bg_deploys(b, 1, exclude=("erx-router",))
    b.alert("ErxTransmissionFailures", "erx-router", "critical", -10, "eRx transmissions failing (>10%)",
            "61% of NewRx transmissions failed in the last 10m; 340 prescriptions pending.")
    b.alert("HighLatencyP99", "erx-router", "warning", -8, "erx-router p99 latency above 2s", "p99 30s (connect timeouts).")


@scenario(name="insurance-eligibility-checks-failing-at-booking", estate="medora", now="2024-12-02T15:09:00Z",
          hours=2, step=15, cause="external", culprit="availity",
          hard=["external-provider"],
          distractor="louder alert on clinician-scheduling (the caller of the caller); eligibility-svc config change 2h earlier",
          description="""
Patients cannot complete booking - the app says 'We couldn't verify your insurance' - since roughly 14:55 UTC.
Care-ops paged on clinician-scheduling errors; RCM on-call sees eligibility timeouts.""")
def s_availity(b):
    svcs = ["eligibility-svc", "clinician-scheduling", "patient-api", "redis-sessions"]
    bg(b, svcs, drop=("redis-sessions",))
    f = -14
    hit(b, "eligibility-svc", f, err=0.58, p99=15.0, ramp=2)
    hit(b, "clinician-scheduling", f + 1, err=0.21, p99=9.5)
    hit(b, "patient-api", f + 1, err=0.03, p99=2.5)
    b.deploy("eligibility-svc", "config", "cm-rev-121", "cm-rev-120", "m.fischer",
             "RCM-560: add payer id mapping for AMBETTER-GA; no timeout changes.", at=-118)
    b.ev("eligibility-svc", "ERROR", "eligibility.x12", 'payer call failed payer={payer}: httpx.ReadTimeout: timed out after 15.0s (POST https://api.availity.com/availity/v1/coverages)', f, 0, rate=3)
    b.ev("eligibility-svc", "ERROR", "eligibility.x12", 'payer call failed payer={payer}: HTTP 502 Bad Gateway from https://api.availity.com/availity/v1/coverages (x-request-id {uuid})', f + 2, 0, rate=1.5)
    b.ev("eligibility-svc", "INFO", "uvicorn.access", '{ip}:{port} - "POST /v1/eligibility/check HTTP/1.1" 504 Gateway Timeout', f, 0, rate=2.5)
    b.ev("eligibility-svc", "INFO", "eligibility.cache", 'cache hit payer={payer} member=***{n} ttl_left=1h', f, 0, rate=0.8)
    b.ev("clinician-scheduling", "ERROR", "c.m.scheduling.booking.BookingService", 'Booking rejected for {pt}: eligibility precheck failed (eligibility-svc returned 504 GATEWAY_TIMEOUT)', f + 1, 0, rate=3)
    b.ev("patient-api", "warn", 'request completed method=POST url=/v2/appointments statusCode=424 responseTime={ms} reqId={rid} err="ELIGIBILITY_UNVERIFIED"', f + 1, 0, rate=2)
    bg_deploys(b, 1, exclude=("eligibility-svc",))
    b.alert("HighErrorRate", "clinician-scheduling", "critical", -6, "clinician-scheduling 5xx above 5%",
            "clinician-scheduling 5xx ratio 19% for 5m (POST /v1/appointments).")
    b.alert("EligibilityCheckFailures", "eligibility-svc", "warning", -5, "Eligibility checks failing (>10%)",
            "eligibility error ratio 55% for 5m.")


@scenario(name="appointment-reminder-texts-not-arriving", estate="medora", now="2025-07-15T14:05:00Z",
          hours=3, step=60, cause="external", culprit="twilio",
          hard=["external-provider"],
          distractor="notification-svc is the only alerting service; audit-writer NATS lag warning in the same body; patient-api flag ramp 50 min before",
          description="""
Patients say they never got their appointment reminder texts this morning; no-show rate for the 14:00 UTC
slot is up. notification-svc alert fired at 13:58 UTC.""")
def s_twilio(b):
    svcs = ["notification-svc", "clinician-scheduling", "nats", "audit-writer", "patient-api"]
    bg(b, svcs)
    f = -13
    hit(b, "notification-svc", f, err=0.64, p99=10.5)
    b.fx("notification-svc", "rr", f, 1.7, mul=True)
    b.fx("audit-writer", "sat", -30, 0.08, ramp=8)
    b.ev("notification-svc", "error", 'sms send failed template=appt_reminder_24h provider=twilio err="RestException [HTTP 503] Unable to create record: Service Unavailable" url=https://api.twilio.com/2010-04-01/Accounts/AC4f1c{hex}/Messages.json', f, 0, rate=4)
    b.ev("notification-svc", "error", 'sms send failed template=appt_reminder_1h provider=twilio err="connect ETIMEDOUT 54.172.60.{n}:443" host=api.twilio.com', f + 2, 0, rate=1.5)
    b.ev("notification-svc", "warn", 'sms requeued template=appt_reminder_24h attempt={n}/6 backoff_ms={big}', f, 0, rate=3)
    b.ev("audit-writer", "info", 'consumer stats stream=AUDIT consumer=audit-writer num_pending={big} num_ack_pending={n2}', -30, 0, rate=0.5)
    bg_deploys(b, 2, exclude=("notification-svc",))
    b.deploy("patient-api", "flag", "ff:appointment_cards_v3=50%", "ff:appointment_cards_v3=25%", "launchdarkly",
             "Ramp appointment_cards_v3 to 50% of iOS users.", at=-52)
    b.alert("SmsDeliveryFailures", "notification-svc", "critical", -7, "SMS send failures above 20%",
            "62% of SMS sends failed in the last 10m (provider=twilio).")
    b.alert("NatsConsumerLagHigh", "audit-writer", "warning", -5, "audit-writer JetStream consumer lag high",
            "num_pending above threshold for 5m.")


@scenario(name="clinician-portal-sessions-dropping", estate="medora", now="2025-04-22T19:37:00Z",
          hours=2, step=15, cause="dependency_outage", culprit="redis-sessions",
          hard=["innocent-deploy-then-dependency"],
          distractor="clinician-scheduling deploy finished 6 min before the failure; auth-svc alert is the loudest",
          description="""
Clinicians are being logged out of the portal mid-visit and patients get 'session expired' on refresh,
starting ~19:25 UTC, minutes after a clinician-scheduling release. Identity on-call paged for auth-svc errors.""")
def s_redis(b):
    svcs = ["auth-svc", "patient-api", "clinician-portal", "clinician-scheduling", "video-signalling", "redis-sessions", "eligibility-svc"]
    bg(b, svcs, step={"redis-sessions": 30})
    f = -12
    b.deploy("clinician-scheduling", "deploy", "2025.04.22-1", "2025.04.18-3", "argocd-bot",
             "CARE-1240: add 'telehealth-only' filter to slot search; new index on slots(visit_modality). Migration ran in staging, 40 ms.", at=-22)
    b.ev("clinician-scheduling", "INFO", "o.s.b.StartupInfoLogger", 'Started SchedulingApplication in 21.{n} seconds (process running for 23.{n2})', -19, -16, count=3)
    b.fx("redis-sessions", "rr", f, 0.0, ramp=0.5)
    b.fx("redis-sessions", "cpu", f, 0.0, ramp=0.5)
    b.gap("redis-sessions", f + 1, 0)
    hit(b, "auth-svc", f, err=0.48, p99=5.0, ramp=1)
    hit(b, "patient-api", f + 1, err=0.14, p99=3.2)
    hit(b, "clinician-portal", f + 1, err=0.22, p99=2.8)
    hit(b, "video-signalling", f + 1, err=0.06)
    hit(b, "clinician-scheduling", f + 1, err=0.02)
    hit(b, "eligibility-svc", f + 1, p99=2.6)
    b.ev("auth-svc", "error", 'session lookup failed err="dial tcp 172.20.33.14:6379: connect: connection refused" addr=redis-sessions.data.svc.cluster.local:6379 sub={pt}', f, 0, rate=4)
    b.ev("auth-svc", "error", 'token refresh failed client_id=medora-mobile err="redis: connection pool timeout"', f + 1, 0, rate=2)
    b.ev("patient-api", "error", 'request errored method=POST url=/v2/auth/token/refresh statusCode=502 err="auth-svc responded 500: session store unavailable" reqId={rid}', f + 1, 0, rate=3)
    b.ev("clinician-portal", "error", 'session middleware error: Error: connect ECONNREFUSED 172.20.33.14:6379 (redis-sessions.data.svc.cluster.local)', f, 0, rate=2)
    b.ev("video-signalling", "error", 'presence update failed visit_id={visit} err="dial tcp 172.20.33.14:6379: connect: connection refused"', f + 1, 0, rate=1)
    b.ev("clinician-scheduling", "WARN", "c.m.scheduling.cache.SlotCache", 'Redis slot cache unavailable, falling back to DB: Unable to connect to redis-sessions.data.svc.cluster.local/<unresolved>:6379', f + 1, 0, rate=0.6)
    b.mute("redis-sessions", f, 0)
    b.at("redis-sessions", "notice", '1:M {ts_redis} * Background saving started by pid {big}', f - 2)
    bg_deploys(b, 1, exclude=("clinician-scheduling",))
    b.alert("HighErrorRate", "auth-svc", "critical", -7, "auth-svc 5xx above 5%", "auth-svc 5xx ratio 46% for 5m.")
    b.alert("HighErrorRate", "clinician-portal", "warning", -6, "clinician-portal 5xx above 5%", "clinician-portal 5xx ratio 20% for 5m.")
    b.alert("RedisDown", "redis-sessions", "critical", -5, "redis-sessions is down", "redis_up == 0 for 3m on redis-sessions-0.")


@scenario(name="audit-log-search-hours-behind", estate="medora", now="2025-08-27T10:24:00Z",
          hours=3, step=60, cause="traffic_surge", culprit="hl7-engine",
          hard=["queue-producer-surge"],
          distractor="audit-writer (the consumer) deployed 65 min earlier; opensearch-audit CPU up as a victim; nats has no signals",
          description="""
Compliance reports the PHI access audit search is more than an hour behind - events from 09:40 UTC are not
searchable yet. audit-writer consumer lag alert fired at ~10:17 UTC and keeps growing.""")
def s_audit_surge(b):
    svcs = ["hl7-engine", "audit-writer", "opensearch-audit", "fhir-api", "patient-api", "nats"]
    bg(b, svcs, drop=("nats",))
    f = -44
    b.deploy("audit-writer", "deploy", "1.19.2", "1.19.1", "argocd-bot",
             "SEC-655: retry bulk items rejected with 429 individually; bump opensearch-go to v2.3.0.", at=-65)
    b.fx("hl7-engine", "rr", f, 7.5, mul=True, ramp=3)
    b.fx("hl7-engine", "cpu", f, 0.81, ramp=3)
    b.fx("hl7-engine", "p99", f, 0.9, ramp=3)
    b.fx("audit-writer", "rr", f + 1, 1560, ramp=3, nz=0.02)
    b.fx("audit-writer", "cpu", f + 1, 0.93, ramp=3)
    b.fx("audit-writer", "p99", f + 2, 1.4, ramp=3)
    b.fx("audit-writer", "sat", f + 1, 0.71, ramp=43, nz=0.005)
    b.fx("opensearch-audit", "cpu", f + 2, 0.74, ramp=4)
    b.at("hl7-engine", "INFO", "com.mirth.connect.connectors.tcp.TcpReceiver", "Channel 'ADT_INBOUND_STMARYS': connection accepted from 10.20.88.14:51022 (stmarys-cloverleaf-02); previous session closed 14h ago", f - 1)
    b.at("hl7-engine", "INFO", "com.mirth.connect.connectors.tcp.TcpReceiver", "Channel 'ADT_INBOUND_STMARYS': sender 10.20.88.14 sending queued messages (MSH-7 from 2025-08-26 19:52)", f)
    b.ev("hl7-engine", "INFO", "com.mirth.connect.donkey.server.channel.Channel", "Channel 'ADT_INBOUND_STMARYS' received message {big} ({typ}) from 10.20.88.14; ACK AA returned in {ms} ms", f, 0, rate=9,
         typ=["ADT^A08", "ADT^A08", "ADT^A31", "ADT^A04", "ADT^A03"])
    for i, (lo, hi) in enumerate([(20000, 90000), (120000, 260000), (300000, 480000), (520000, 700000), (780000, 990000), (1050000, 1300000), (1350000, 1420000)]):
        a = f + i * 6
        b.ev("audit-writer", "info", 'consumer stats stream=AUDIT consumer=audit-writer num_pending={p} num_ack_pending=1000', a, min(a + 6, 0), rate=0.5, p=(lo, hi))
    b.ev("audit-writer", "warn", 'bulk flush slow index=audit-events-{day} docs=750 took_ms={t} errors=false', f + 5, 0, rate=1, t=(1800, 4200))
    b.ev("opensearch-audit", "WARN", "o.o.m.j.JvmGcMonitorService", '[{ts_os}][WARN ][o.o.m.j.JvmGcMonitorService] [opensearch-audit-1] [gc][{big}] overhead, spent [1.{n}s] collecting in the last [1.9s]', f + 10, 0, rate=0.3)
    bg_deploys(b, 1, exclude=("audit-writer", "hl7-engine"))
    b.alert("NatsConsumerLagHigh", "audit-writer", "warning", -7, "audit-writer JetStream consumer lag high",
            "num_pending for consumer audit-writer is 1.31M (threshold 100k) and rising.")


@scenario(name="visit-transcripts-delayed", estate="medora", now="2025-09-09T17:52:00Z",
          hours=2.5, step=30, cause="config_change", culprit="transcription-worker",
          hard=["queue-consumer-slowed"],
          distractor="GPU node AMI rotation earlier in the window; visit-notes-svc warnings look like the source",
          description="""
Clinicians say AI visit transcripts are not showing up in the note editor; normally ready within 2 minutes
of hanging up, now 30+ minutes. Transcription backlog alert at 17:46 UTC.""")
def s_transcribe(b):
    svcs = ["transcription-worker", "visit-notes-svc", "video-signalling", "gpu-nodepool", "nats", "clinician-portal"]
    bg(b, svcs, drop=("nats",), step={"gpu-nodepool": 60})
    c = -47
    b.deploy("gpu-nodepool", "infra", "ami-0c3f9e2 (bottlerocket-nvidia 1.26.1)", "ami-07d1b44 (bottlerocket-nvidia 1.25.0)", "platform-bot",
             "PLAT-2210: rotate gpu-a10g node group to Bottlerocket 1.26.1; surge 1 node, drain with PDBs.", at=-135, dur=22)
    b.deploy("transcription-worker", "config", "cm transcription-worker@r44", "cm transcription-worker@r43", "d.kim",
             "MLP-329: set WHISPER_COMPUTE_TYPE=float32 (was int8_float16) and BEAM_SIZE=5 (was 1) to fix accuracy regression on Spanish-language visits reported by QA. Rolling restart of worker pods.", at=c, dur=5)
    b.fx("transcription-worker", "rr", c + 5, 0.34, mul=True, ramp=3)
    b.fx("transcription-worker", "mem", c + 5, 0.81, ramp=3)
    b.fx("transcription-worker", "cpu", c + 5, 0.52, ramp=3)
    b.fx("transcription-worker", "sat", c + 6, 0.82, ramp=40, nz=0.01)
    b.fx("gpu-nodepool", "cpu", c + 5, 0.61, ramp=3)
    b.ev("transcription-worker", "INFO", "worker.model", 'loaded model whisper-large-v3 compute_type=float32 beam_size=5 device=cuda:0 load_s={sec}', c + 2, c + 6, count=6)
    b.mute("transcription-worker", c + 5, 0, keep=0.3)
    b.ev("transcription-worker", "INFO", "worker.pipeline", 'transcribed visit={visit} segment={n}/12 audio_s=60.0 wall_s={w} device=cuda:0 model=whisper-large-v3', c + 6, 0, rate=1.2, w=(2.6, 3.9))
    for i, (lo, hi) in enumerate([(60, 300), (500, 900), (1100, 1700), (1900, 2600), (2800, 3600), (3700, 4300)]):
        a = c + 6 + i * 7
        b.ev("transcription-worker", "INFO", "worker.nats", 'fetched batch stream=TRANSCRIBE consumer=transcription-worker size=4 pending={p}', a, min(a + 7, 0), rate=0.6, p=(lo, hi))
    b.ev("visit-notes-svc", "WARNING", "notes.transcripts", 'transcript not ready for visit={visit} after {big}s; showing placeholder', c + 15, 0, rate=1.5)
    b.ev("gpu-nodepool", "info", 'I{ts_klog}    1870 kubelet.go:2440] "SyncLoop (PLEG): event for pod" pod="ml/transcription-worker-6f8d7c9b4-{pod}" event={{"Type":"ContainerStarted"}}', c + 1, c + 6, count=4)
    b.alert("TranscriptionBacklog", "transcription-worker", "warning", -6, "Transcription backlog above 2000 segments",
            "nats_consumer_num_pending for transcription-worker = 4,112 and rising.")


@scenario(name="video-visits-failing-to-connect", estate="medora", now="2025-11-03T21:14:00Z",
          hours=3.5, step=60, cause="resource_saturation", culprit="video-signalling",
          hard=["slow-leak"],
          distractor="patient-api deployed 20 min before the failures; patient-api join errors louder than video-signalling",
          description="""
Since ~21:00 UTC patients click 'Join visit' and sit on 'Connecting...' until it times out; clinicians see
the patient never arrive. Patient app on-call paged for join errors shortly after the evening patient-api release.""")
def s_video_leak(b):
    svcs = ["video-signalling", "turn-relay", "patient-api", "clinician-portal", "redis-sessions", "k8s-nodepool-general"]
    bg(b, svcs, step={"turn-relay": 120, "k8s-nodepool-general": 120})
    b.fx("video-signalling", "mem", -290, 0.975, ramp=278, nz=0.005)
    b.fx("video-signalling", "p99", -60, 0.5, ramp=48)
    f = -12
    b.deploy("patient-api", "deploy", "v5.96.0", "v5.95.1", "argocd-bot",
             "PX-3510: pre-visit questionnaire v2 (behind ff:questionnaire_v2, 0%), express 4.21.1 security patch.", at=-32)
    hit(b, "video-signalling", f, err=0.27, p99=6.5, ramp=2)
    b.fx("video-signalling", "mem", f + 1, 0.58, ramp=2, nz=0.08)
    b.fx("video-signalling", "rr", f, 1.8, mul=True)
    hit(b, "patient-api", f + 1, err=0.05, p99=3.0)
    b.fx("turn-relay", "rr", f, 0.55, mul=True)
    for i, (g0, g1, h0, h1) in enumerate([(9000, 11000, 410, 520), (14000, 17000, 700, 860), (21000, 25000, 1010, 1180),
                                           (28000, 33000, 1320, 1490), (36000, 41000, 1600, 1760), (44000, 47000, 1820, 1890)]):
        a = -205 + i * 32
        b.ev("video-signalling", "info", 'runtime stats goroutines={g} heap_inuse_mb={h} active_rooms={n} ws_conns={big}', a, a + 32, rate=0.12, g=(g0, g1), h=(h0, h1))
    b.ev("video-signalling", "warn", 'ws session closed visit_id={visit} role=patient code=1006 reason="abnormal closure" err="write: broken pipe"', f, 0, rate=3)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 kubelet.go:2440] "SyncLoop (PLEG): event for pod" pod="vcare/video-signalling-7f9b6c5d8-{pod}" event={{"Type":"ContainerDied","Data":"{hex}"}}', f, 0, rate=0.5)
    b.ev("k8s-nodepool-general", "info", 'I{ts_klog}    2211 oom_watcher_linux.go:81] "Got sys oom event" event={{"Pid":{big},"ProcessName":"video-signalling","TimeOfEvent":"{ts_iso}","ContainerName":"/kubepods/burstable/pod{uuid}"}}', f, 0, rate=0.35)
    b.ev("patient-api", "error", 'request errored method=POST url=/v2/visits/{visit}/join statusCode=504 err="video-signalling did not answer within 10000ms" reqId={rid}', f + 1, 0, rate=3)
    b.ev("clinician-portal", "error", 'video join failed visit={visit}: signalling websocket closed before offer (1006)', f + 1, 0, rate=1)
    b.alert("HighErrorRate", "patient-api", "critical", -7, "patient-api 5xx above 5%", "POST /v2/visits/:id/join failing 30%; overall 5xx 5.2%.")
    b.alert("VideoVisitJoinFailures", "video-signalling", "critical", -6, "Video visit join failures above 10%", "27% of joins failed in 5m.")
    b.alert("KubePodCrashLooping", "video-signalling", "warning", -3, "Pod vcare/video-signalling is crash looping", "3 restarts (OOMKilled) in 10m.")


@scenario(name="lab-results-not-arriving-from-partner-hospitals", estate="medora", now="2025-01-08T09:41:00Z",
          hours=4, step=120, cause="resource_saturation", culprit="hl7-engine",
          hard=["slow-leak"],
          distractor="fhir-api deployed 9 min before the failures; resolved fhir-api latency alert in the body; hl7-engine has no error-ratio signal",
          description="""
Care teams say lab results from St Mary's and Lakeside have not appeared in patient charts since ~09:25 UTC.
Partner interface analysts report our endpoint stopped ACKing. Interop on-call paged on channel queue depth.""")
def s_hl7_disk(b):
    svcs = ["hl7-engine", "fhir-api", "patient-api", "visit-notes-svc", "nats"]
    bg(b, svcs, drop=("hl7-engine.err", "nats"))
    b.fx("hl7-engine", "sat", -420, 1.0, ramp=405, nz=0.0)
    f = -15
    b.deploy("fhir-api", "deploy", "2025.01.2", "2025.01.1", "argocd-bot",
             "INTEROP-870: Observation search adds `_lastUpdated` sort; HAPI 7.4.2 patch release.", at=-24)
    hit(b, "fhir-api", -22, p99=2.4, until=-9, back=2)
    b.fx("hl7-engine", "rr", f, 0.08, ramp=2)
    b.fx("hl7-engine", "p99", f, 9.0, ramp=2)
    b.fx("hl7-engine", "cpu", f, 0.12, ramp=2)
    for hr in range(4):
        b.at("hl7-engine", "WARN", "com.mirth.connect.server.util.DataPruner", "Data Pruner: archive phase failed for channel 'ORU_LAB_RESULTS_IN': java.nio.file.AccessDeniedException: /mnt/archive/ORU_LAB_RESULTS_IN/2025-01-0{n}; skipping prune for this channel", -230 + hr * 60)
    b.ev("hl7-engine", "ERROR", "com.mirth.connect.donkey.server.channel.Channel", "Error processing message in channel 'ORU_LAB_RESULTS_IN' (8a3f2c1e-42d0-4b5e-9b1d-3c7e6f2a9d10): com.mirth.connect.donkey.server.data.DonkeyDaoException: java.io.IOException: No space left on device", f, 0, rate=3)
    b.ev("hl7-engine", "ERROR", "com.mirth.connect.connectors.tcp.TcpReceiver", "Channel 'ADT_INBOUND_STMARYS': error writing message to store, returning NACK (AE) to 10.20.88.14: java.io.IOException: No space left on device", f, 0, rate=1.5)
    b.ev("hl7-engine", "WARN", "com.mirth.connect.donkey.server.queue.ConnectorMessageQueue", "Channel 'FHIR_OUTBOUND_PARTNERS' destination queue size {big}; destination paused", f + 3, 0, rate=0.5)
    b.mute("hl7-engine", f, 0, keep=0.1)
    b.ev("fhir-api", "WARN", "c.m.fhir.ingest.LabResultListener", 'No ORU updates received on subject hl7.oru.inbound for {big}s (expected steady flow)', f + 5, 0, rate=0.4)
    b.alert("Hl7ChannelQueued", "hl7-engine", "critical", -6, "HL7 channel queue above 500 messages",
            "Channel FHIR_OUTBOUND_PARTNERS has 2,950 queued messages; ORU_LAB_RESULTS_IN errored.")
    b.alert("HighLatencyP99", "fhir-api", "warning", -13, "fhir-api p99 latency above 2s", "p99 2.3s during rollout.", ended=-6)


@scenario(name="appointment-booking-errors-and-slow-patient-app", estate="medora", now="2025-03-30T22:19:00Z",
          hours=2, step=10, cause="config_change", culprit="pgbouncer",
          hard=["dependency-config"],
          distractor="auth-svc deployed 19 min before; patient-db CPU actually drops; pgbouncer has no alert",
          description="""
Patients booking evening urgent-care slots get errors and the app is slow since ~22:05 UTC. Pages for
patient-api latency and clinician-scheduling 5xx. No database alerts at all.""")
def s_pgb_cfg(b):
    svcs = ["patient-api", "clinician-scheduling", "auth-svc", "fhir-api", "pgbouncer", "patient-db"]
    bg(b, svcs, step={"pgbouncer": 30, "patient-db": 30, "fhir-api": 30})
    c = -15
    b.deploy("auth-svc", "deploy", "1.42.0", "1.41.3", "argocd-bot",
             "IDN-390: add WebAuthn attestation metadata refresh job; go 1.23.2.", at=-34)
    b.deploy("pgbouncer", "config", "pgbouncer.ini@7c21e0a", "pgbouncer.ini@f93b114", "k.sato",
             "DBRE-771: set default_pool_size=20 (was 60) and reserve_pool_size=5 ahead of tonight's patient-db VACUUM FULL window, to protect the primary. Applied via SIGHUP (online reload).", at=c, dur=1)
    b.at("pgbouncer", "info", 'LOG got SIGHUP, re-reading config', c)
    b.fx("pgbouncer", "sat", c + 1, 0.72, ramp=2)
    b.fx("pgbouncer", "rr", c + 1, 0.72, mul=True)
    b.fx("patient-db", "cpu", c + 1, 0.21, ramp=2)
    b.fx("patient-db", "sat", c + 1, 0.12, ramp=2)
    hit(b, "patient-api", c + 1, err=0.06, p99=6.8, ramp=3)
    b.fx("patient-api", "sat", c + 1, 0.98)
    hit(b, "clinician-scheduling", c + 1, err=0.09, p99=5.1, ramp=3)
    b.fx("clinician-scheduling", "sat", c + 1, 1.0)
    hit(b, "fhir-api", c + 2, err=0.03, p99=3.3)
    hit(b, "auth-svc", c + 2, p99=0.4)
    b.ev("pgbouncer", "warning", 'WARNING C-0x55d1{hex}: {db}@{ip}:{port} pooler error: query_wait_timeout', c + 2, 0, rate=4,
         db=["patient/patient_api", "scheduling/scheduling_rw", "patient/fhir_ro"])
    b.ev("pgbouncer", "info", 'LOG stats: {big} xacts/s, {big} queries/s, in {big} B/s, out {big} B/s, xact {us} us, query {us} us, wait {w} us', c + 1, 0, rate=1, w=(900000, 3100000))
    b.ev("patient-api", "error", 'request errored method=GET url=/v2/appointments?status=upcoming statusCode=500 err="error: query_wait_timeout" host=pgbouncer.data.svc.cluster.local port=6432 reqId={rid}', c + 2, 0, rate=3)
    b.ev("clinician-scheduling", "ERROR", "o.h.engine.jdbc.spi.SqlExceptionHelper", 'ERROR: query_wait_timeout', c + 2, 0, rate=2)
    b.ev("clinician-scheduling", "WARN", "com.zaxxer.hikari.pool.HikariPool", 'HikariPool-1 - Connection is not available, request timed out after 5000ms (total=40, active=40, idle=0, waiting={n})', c + 2, 0, rate=1.2)
    b.ev("fhir-api", "ERROR", "o.h.engine.jdbc.spi.SqlExceptionHelper", 'FATAL: query_wait_timeout', c + 3, 0, rate=0.8)
    b.alert("HighLatencyP99", "patient-api", "critical", -8, "patient-api p99 latency above 2s", "p99 6.5s for 5m.")
    b.alert("HighErrorRate", "clinician-scheduling", "critical", -7, "clinician-scheduling 5xx above 5%", "5xx ratio 8.6% for 5m.")


@scenario(name="mobile-app-login-and-refresh-failures", estate="medora", now="2025-06-17T13:03:00Z",
          hours=2, step=20, cause="config_change", culprit="auth-svc",
          hard=["dependency-config"],
          distractor="auth-svc's own 5xx ratio stays flat (it returns 429s); patient-api alert is the loudest; notification-svc deploy in window",
          description="""
Since ~12:50 UTC mobile users are being kicked back to the login screen and some cannot sign in at all;
clinician portal also shows intermittent 'please sign in again'. Paged on patient-api SLO burn.""")
def s_auth_rl(b):
    svcs = ["patient-api", "auth-svc", "clinician-portal", "redis-sessions", "video-signalling", "notification-svc"]
    bg(b, svcs, step={"redis-sessions": 60})
    c = -14
    b.deploy("auth-svc", "config", "auth-svc-config@v318", "auth-svc-config@v317", "p.ostrowski",
             "IDN-402: enable per-client rate limit on /oauth2/token (token bucket 200 rps per client_id, burst 400) to blunt credential-stuffing seen last week. Reviewed by security.", at=c, dur=2)
    bg_deploys(b, 1, exclude=("auth-svc", "patient-api"), window=(-40, -25))
    b.fx("auth-svc", "rr", c + 1, 0.55, mul=True)
    b.fx("auth-svc", "cpu", c + 1, 0.2)
    hit(b, "patient-api", c + 1, err=0.085, p99=1.6)
    hit(b, "clinician-portal", c + 2, err=0.06)
    b.fx("patient-api", "rr", c + 2, 1.25, mul=True)
    b.at("auth-svc", "info", 'config reloaded version=v318 ratelimit.token_endpoint.enabled=true rate=200 burst=400 key=client_id', c + 1)
    b.ev("auth-svc", "warn", 'rate limited client_id={cid} endpoint=/oauth2/token bucket=client rate=200 burst=400 status=429', c + 1, 0, rate=5, cid=["medora-mobile", "medora-mobile", "medora-mobile", "clinician-portal"])
    b.ev("patient-api", "error", 'request errored method=POST url=/v2/auth/token/refresh statusCode=503 err="auth-svc /oauth2/token responded 429 Too Many Requests" reqId={rid}', c + 1, 0, rate=4)
    b.ev("patient-api", "info", 'request completed method=POST url=/v2/auth/login statusCode=401 responseTime={ms} reqId={rid}', c + 1, 0, rate=1.5)
    b.ev("clinician-portal", "error", 'token refresh failed: AxiosError: Request failed with status code 429 (POST http://auth-svc.identity.svc.cluster.local/oauth2/token)', c + 2, 0, rate=1.5)
    b.alert("SLOBurnRateFast", "patient-api", "critical", -6, "patient-api is burning its 30d error budget 14x too fast",
            "5xx ratio on patient-api 8.1% over 5m, mostly POST /v2/auth/token/refresh.")
    b.alert("HighErrorRate", "clinician-portal", "warning", -3, "clinician-portal 5xx above 5%", "5xx ratio 5.8% for 5m.")


@scenario(name="partner-hospitals-getting-500s-on-lab-queries", estate="medora", now="2025-05-20T15:36:00Z",
          hours=3, step=30, cause="deploy", culprit="fhir-api",
          hard=[],
          distractor="scrape hole on fhir-api 25-30 min before; hl7-engine logs partner NACKs all afternoon; transcription-worker GPU noise",
          description="""
Partner hospitals (St Mary's, Lakeside) report HTTP 500 from our FHIR endpoint when pulling lab
Observations since ~15:20 UTC. Patient-level reads seem fine. Interop on-call paged.""")
def s_fhir_deploy(b):
    svcs = ["fhir-api", "hl7-engine", "pgbouncer", "patient-api", "transcription-worker", "clinician-portal"]
    bg(b, svcs, step={"pgbouncer": 60, "transcription-worker": 60})
    d = -18
    b.deploy("fhir-api", "deploy", "2025.05.3", "2025.05.2", "argocd-bot",
             "INTEROP-902: upgrade HAPI FHIR 7.4 -> 8.0; Observation search uses new _include/_revinclude handling; remove legacy paging provider.", at=d, dur=5)
    b.gap("fhir-api", -30, -25)
    b.ev("fhir-api", "INFO", "o.s.b.StartupInfoLogger", 'Started FhirServerApplication in 34.{n} seconds (process running for 37.{n2})', d + 2, d + 5, count=3)
    hit(b, "fhir-api", d + 4, err=0.29, p99=2.2, ramp=2)
    b.fx("transcription-worker", "cpu", -140, 0.71, ramp=10, until=-100, back=10)
    b.ev("fhir-api", "ERROR", "ca.uhn.fhir.rest.server.RestfulServer", 'Failure during REST processing: java.lang.NullPointerException: Cannot invoke "ca.uhn.fhir.rest.api.server.IBundleProvider.getCurrentPageOffset()" because "theResult" is null', d + 4, 0, rate=4)
    b.ev("fhir-api", "INFO", "ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor", 'Path[/fhir/R4] Source[{ip}] Operation[search-type Observation] UA[Epic-Interconnect/10.3] Params[?patient={pt}&category=laboratory&_include=Observation:specimen] ResponseEncoding[JSON] completed in {ms}ms status=500', d + 4, 0, rate=3)
    b.ev("hl7-engine", "WARN", "com.mirth.connect.connectors.http.HttpDispatcher", "Channel 'FHIR_OUTBOUND_PARTNERS' received ACK AR from Lakeside for message {big}: 'PID-3 identifier type missing' (partner-side validation)", -175, 0, rate=0.3)
    bg_deploys(b, 1, exclude=("fhir-api",))
    b.alert("HighErrorRate", "fhir-api", "critical", -8, "fhir-api 5xx above 5%", "fhir-api 5xx ratio 28% for 5m (search-type Observation).")


@scenario(name="clinic-schedules-loading-slowly", estate="medora", now="2024-10-08T14:47:00Z",
          hours=2, step=15, cause="deploy", culprit="clinician-scheduling",
          hard=[],
          distractor="first alert is on scheduling-db CPU; notification-svc deploy 9 min before; eligibility warnings in background",
          description="""
Clinic managers say the day schedule and slot search take 10-20 s to load since ~14:35 UTC. DBRE paged
first for scheduling-db CPU, care-ops a few minutes later for latency.""")
def s_sched_deploy(b):
    svcs = ["clinician-scheduling", "clinician-portal", "scheduling-db", "pgbouncer", "patient-api", "eligibility-svc", "notification-svc"]
    bg(b, svcs, step={"scheduling-db": 30, "pgbouncer": 60, "notification-svc": 60})
    d = -17
    b.deploy("clinician-scheduling", "deploy", "2024.10.08-1", "2024.10.03-2", "argocd-bot",
             "CARE-1302: slot search now returns clinician ratings and next-available badge inline (removes second client round trip). Feature complete, QA signed off.", at=d, dur=4)
    b.deploy("notification-svc", "deploy", "v2.29.1", "v2.29.0", "argocd-bot",
             "PX-2190: retry APNs 410 responses once; log format tweak.", at=-9, dur=2)
    hit(b, "clinician-scheduling", d + 4, p99=11.0, err=0.02, cpu=0.66, ramp=3)
    b.fx("clinician-scheduling", "sat", d + 4, 0.91, ramp=3)
    b.fx("scheduling-db", "cpu", d + 4, 0.96, ramp=3)
    b.fx("scheduling-db", "sat", d + 4, 0.78, ramp=4)
    b.fx("pgbouncer", "rr", d + 4, 2.9, mul=True)
    hit(b, "clinician-portal", d + 5, p99=14.0, err=0.015)
    b.ev("scheduling-db", "info", 'LOG:  duration: {big}.{n} ms  execute <unnamed>: SELECT avg(r.score), count(*) FROM clinician_ratings r WHERE r.clinician_id = $1 AND r.created_at > now() - interval \'365 days\'', d + 4, 0, rate=5)
    b.ev("clinician-scheduling", "WARN", "o.h.e.internal.StatisticalLoggingSessionEventListener", 'Session Metrics {{ {big} nanoseconds spent executing {q} JDBC statements; 0 JDBC batches }}', d + 4, 0, rate=1.5, q=(180, 420))
    b.ev("clinician-scheduling", "INFO", "o.s.b.StartupInfoLogger", 'Started SchedulingApplication in 22.{n} seconds (process running for 24.{n2})', d + 1, d + 4, count=3)
    b.ev("clinician-portal", "warn", 'slow upstream GET /api/schedule/today -> clinician-scheduling took {t}ms', d + 5, 0, rate=2, t=(8000, 19000))
    b.ev("eligibility-svc", "WARNING", "eligibility.x12", 'payer {payer} slow response latency_ms=38{big} (retrying once)', -110, 0, rate=0.2)
    b.alert("PostgresHighCPU", "scheduling-db", "warning", -9, "scheduling-db CPU above 90%", "scheduling-db-0 CPU 95% for 5m.")
    b.alert("HighLatencyP99", "clinician-scheduling", "critical", -6, "clinician-scheduling p99 latency above 2s", "p99 10.8s for 5m on GET /v1/slots.")


@scenario(name="security-audit-dashboard-missing-recent-events", estate="medora", now="2025-12-09T11:58:00Z",
          hours=2, step=30, cause="dependency_outage", culprit="opensearch-audit",
          hard=["innocent-deploy-then-dependency"],
          distractor="audit-writer (the caller) deployed 6 min before the failures; no alert on opensearch-audit itself",
          description="""
Security team's audit dashboard shows no events after ~11:45 UTC. audit-writer error and lag alerts fired
minutes after an audit-writer rollout.""")
def s_opensearch(b):
    svcs = ["audit-writer", "opensearch-audit", "patient-api", "fhir-api"]
    bg(b, svcs)
    f = -13
    b.deploy("audit-writer", "deploy", "1.21.0", "1.20.4", "argocd-bot",
             "SEC-702: add `purpose_of_use` field to audit envelope (nullable); bump zap to 1.27.", at=-20, dur=3)
    b.ev("audit-writer", "info", 'starting audit-writer version=1.21.0 commit=3f9a1c2 stream=AUDIT consumer=audit-writer', -19, -16, count=3)
    b.fx("opensearch-audit", "cpu", f, 0.05, ramp=1)
    b.fx("opensearch-audit", "mem", f, 0.0, ramp=1)
    b.gap("opensearch-audit", f + 1, 0)
    hit(b, "audit-writer", f, err=0.96, p99=30.0, ramp=1)
    b.fx("audit-writer", "rr", f, 0.04, mul=True, ramp=1)
    b.fx("audit-writer", "sat", f + 1, 0.35, ramp=12, nz=0.01)
    b.at("opensearch-audit", "INFO", "o.o.c.s.MasterService", '[{ts_os}][INFO ][o.o.c.s.MasterService    ] [opensearch-audit-0] node-left[{{opensearch-audit-1}}{{k2X9fQ}}{{10.42.11.31:9300}} reason: disconnected, {{opensearch-audit-2}}{{p8Lw3d}}{{10.42.12.7:9300}} reason: disconnected], term: 41, version: 88213', f)
    b.at("opensearch-audit", "WARN", "o.o.c.c.ClusterFormationFailureHelper", '[{ts_os}][WARN ][o.o.c.c.ClusterFormationFailureHelper] [opensearch-audit-0] cluster-manager not discovered or elected yet, an election requires 2 nodes with ids [k2X9fQ, p8Lw3d], have discovered [] which is not a quorum', f + 1)
    b.mute("opensearch-audit", f, 0)
    b.ev("audit-writer", "error", 'bulk flush failed index=audit-events-{day} docs=750 err="dial tcp 172.20.9.44:9200: connect: connection refused" host=opensearch-audit.security.svc.cluster.local', f, 0, rate=3)
    b.ev("audit-writer", "error", 'bulk flush failed index=audit-events-{day} docs=750 err="opensearch: 503 cluster_block_exception: blocked by: [SERVICE_UNAVAILABLE/2/no cluster-manager];"', f + 1, 0, rate=1.5)
    b.ev("audit-writer", "warn", 'nak message stream=AUDIT seq={seq} delay=30s reason="opensearch unavailable"', f, 0, rate=2)
    b.alert("HighErrorRate", "audit-writer", "critical", -8, "audit-writer bulk error ratio above 5%", "96% of bulk flushes failing.")
    b.alert("NatsConsumerLagHigh", "audit-writer", "warning", -4, "audit-writer JetStream consumer lag high", "num_pending 214k and rising.")


# =====================================================================================
# Skyfreight scenarios
# =====================================================================================

@scenario(name="warehouse-scanners-and-label-printing-freezing", estate="skyfreight", now="2025-11-18T06:44:00Z",
          hours=2.5, step=30, cause="infrastructure", culprit="vmhost-cluster-fra1",
          hard=["shared-platform"],
          distractor="label-print-svc config change 50 min before; oracle-cargo session alert; depends_on lists do not name the VM cluster",
          description="""
Night shift in FRA hall 2 reports handheld scanners hanging for 20-30 s and label printers idle since ~06:30
local-ops time (06:30 UTC). Booking and tracking APIs also intermittently slow. Warehouse systems on-call paged.""")
def s_vmhost(b):
    svcs = ["warehouse-scan-api", "label-print-svc", "tracking-updater", "booking-svc", "tracking-api",
            "oracle-cargo", "vmhost-cluster-fra1", "vmhost-cluster-fra2", "print-servers"]
    bg(b, svcs, step={"vmhost-cluster-fra1": 60, "vmhost-cluster-fra2": 60, "oracle-cargo": 60})
    f = -15
    b.deploy("label-print-svc", "config", "labels.yaml@r58", "labels.yaml@r57", "t.wagner",
             "WH-780: raise ZPL darkness to 22 for new thermal label stock in hall 2.", at=-65, dur=1)
    b.fx("vmhost-cluster-fra1", "cpu", f, 0.91, ramp=2)
    hit(b, "warehouse-scan-api", f + 1, err=0.14, p99=24.0, ramp=2)
    hit(b, "label-print-svc", f + 1, err=0.31, p99=30.0, ramp=2)
    hit(b, "tracking-updater", f + 1, err=0.05, cpu=0.08)
    b.fx("tracking-updater", "rr", f + 1, 0.3, mul=True)
    b.fx("tracking-updater", "sat", f + 2, 0.22, ramp=12)
    hit(b, "booking-svc", f + 2, p99=6.5, err=0.03)
    hit(b, "tracking-api", f + 2, p99=2.1, err=0.02)
    b.fx("oracle-cargo", "sat", f + 2, 0.93, ramp=4)
    b.fx("oracle-cargo", "p99", f + 1, 0.9, ramp=2)
    esx = ["fra1-esx03.mgmt.skyfreight.net", "fra1-esx05.mgmt.skyfreight.net"]
    b.ev("vmhost-cluster-fra1", "warning", 'vmkernel: cpu{n}:2098{big})WARNING: NMP: nmp_DeviceRequestFastDeviceProbe:237: NMP device "naa.624a9370d4c1f{hex}" state in doubt; requested fast path state update...', f, 0, rate=1.2)
    b.ev("vmhost-cluster-fra1", "warning", 'vmkernel: cpu{n}:2098{big})ScsiDeviceIO: 4161: Cmd(0x45d9{hex}) 0x2a, CmdSN 0x{hex} from world {big} to dev "naa.624a9370d4c1f{hex}" failed H:0x5 D:0x0 P:0x0 Cancelled from path layer', f, 0, rate=1.5)
    b.ev("vmhost-cluster-fra1", "error", 'hostd[2099154]: [Originator@6876 sub=Hostsvc.VmkVprobSource] VmkVprobSource::Post event: (vim.event.EventEx) {{ eventTypeId = "esx.problem.vmfs.heartbeat.timedout", arguments = (vmfs-fra1-ds02) }}', f + 1, 0, rate=0.5)
    b.ev("vmhost-cluster-fra1", "error", 'vobd[2098012]: [vmfsCorrelator] {big}us: [esx.problem.vmfs.heartbeat.timedout] 5f3a{hex} vmfs-fra1-ds02', f + 1, 0, rate=0.4)
    b.ev("warehouse-scan-api", "error", 'level=error msg="publish scan event failed" scanner={scanner} awb={awb} err="AMQ219014: Timed out after waiting 30000 ms for response when sending packet 71"', f + 1, 0, rate=2)
    b.ev("warehouse-scan-api", "warn", 'level=warn msg="slow request" path=/v1/scans dur={d}ms', f + 1, 0, rate=2, d=(8000, 29000))
    b.ev("label-print-svc", "ERROR", "labels.render", 'label job failed awb={awb}: sqlalchemy.exc.OperationalError: (oracledb.exceptions.OperationalError) DPY-4011: the database or network closed the connection', f + 1, 0, rate=1.5)
    b.ev("label-print-svc", "WARNING", "labels.spool", 'print server fra1-cups01 did not accept job within 20s (ipp://fra1-cups01:631/printers/fra-w2-zt410-{n}); retrying', f + 1, 0, rate=1.2)
    b.ev("booking-svc", "WARN", "com.zaxxer.hikari.pool.PoolBase", 'HikariPool-1 - Failed to validate connection oracle.jdbc.driver.T4CConnection@{hex} (IO Error: Socket read timed out). Possibly consider using a shorter maxLifetime value.', f + 2, 0, rate=0.6)
    b.ev("oracle-cargo", "warning", 'WARNING: inbound connection timed out (ORA-3136)', f + 2, 0, rate=0.5)
    b.ev("oracle-cargo", "info", 'Warning: log write elapsed time {big}ms, size {n}KB', f + 1, 0, rate=0.8)
    b.ev("print-servers", "info", 'E [{ts_clf}] [Job {big}] Unable to write print data: Input/output error', f + 2, 0, rate=0.6)
    b.ev("tracking-updater", "ERROR", "o.a.a.a.c.c.impl.ClientSessionImpl", 'AMQ212037: Connection failure to artemis-fra1-a/10.20.4.11:61616 has been detected: AMQ219014: Timed out after waiting 30000 ms for response when sending packet 71 [code=CONNECTION_TIMEDOUT]', f + 2, 0, rate=0.5)
    bg_deploys(b, 1, exclude=("label-print-svc",))
    b.alert("LabelPrintErrors", "label-print-svc", "critical", -8, "Label print failures above 10%", "31% of label jobs failed in 5m (FRA hall 2).")
    b.alert("HighLatencyP99", "warehouse-scan-api", "critical", -7, "warehouse-scan-api p99 above 2s", "p99 23.9s for 5m on POST /v1/scans.")
    b.alert("OracleSessionsHigh", "oracle-cargo", "warning", -5, "CARGOP sessions above 90% of limit", "1,840/2,000 sessions, many INACTIVE waiting on SQL*Net.")


@scenario(name="booking-and-tracking-intermittent-503s", estate="skyfreight", now="2025-02-26T09:33:00Z",
          hours=2, step=15, cause="infrastructure", culprit="haproxy-internal",
          hard=["shared-platform"],
          distractor="haproxy-edge patch rollout same morning; tracking-api alert louder; backends' own CPU/latency normal",
          description="""
Customers and forwarder integrations see intermittent 503s on booking, quotes and tracking since ~09:20 UTC,
roughly one request in six. Retrying usually works. Paged for tracking-api 5xx and booking-svc errors.""")
def s_haproxy(b):
    svcs = ["tracking-api", "booking-svc", "rate-quote-svc", "customer-portal", "partner-api", "haproxy-internal", "haproxy-edge"]
    bg(b, svcs)
    f = -13
    b.deploy("haproxy-edge", "infra", "haproxy-2.8.11", "haproxy-2.8.10", "ansible",
             "NET-1230: patch HAProxy edge pair for CVE-2025-11230, rolling one node at a time, config unchanged.", at=-95, dur=18)
    hit(b, "haproxy-internal", f, err=0.17, ramp=1)
    b.fx("haproxy-internal", "cpu", f, 0.08, ramp=1)
    b.fx("haproxy-internal", "rr", f, 0.86, mul=True)
    b.fx("tracking-api", "err", f + 1, 0.16)
    b.fx("booking-svc", "err", f + 1, 0.14)
    b.fx("rate-quote-svc", "err", f + 1, 0.15)
    b.fx("customer-portal", "err", f + 1, 0.09)
    b.fx("partner-api", "err", f + 1, 0.12)
    for s in ("tracking-api", "booking-svc", "rate-quote-svc"):
        b.fx(s, "rr", f + 1, 0.85, mul=True)
    b.ev("haproxy-internal", "info", 'Keepalived_vrrp[1187]: (VI_INTERNAL) Entering {st} STATE', f, 0, rate=0.5, st=["MASTER", "BACKUP", "FAULT", "MASTER"])
    b.ev("haproxy-internal", "info", 'Keepalived_vrrp[1187]: (VI_INTERNAL) Received advert from 10.20.0.{n} with lower priority 100, ours 150, forcing new election', f, 0, rate=0.4)
    b.ev("haproxy-internal", "warning", 'kernel: [{big}.{n}] bnxt_en 0000:3b:00.0 eno1: NIC Link is Down', f, 0, rate=0.15)
    b.ev("haproxy-internal", "info", '{ip}:{port} [{ts_hap}] fe_internal be_tracking-api/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- {big}/{n}/0/0/0 0/0 "GET /v1/track/{awb} HTTP/1.1"', f, 0, rate=3)
    b.ev("haproxy-internal", "info", '{ip}:{port} [{ts_hap}] fe_internal be_booking-svc/bkg0{n} 0/0/-1/-1/3001 503 217 - - sC-- {big}/{n}/1/0/3 0/0 "POST /api/v1/bookings HTTP/1.1"', f, 0, rate=1.5)
    b.ev("booking-svc", "ERROR", "c.s.booking.quote.RateQuoteClient", 'Rate lookup failed for {shp}: 503 Service Unavailable from http://lb-int.fra.skyfreight.net/rate-quote/api/v1/quotes', f + 1, 0, rate=1.5)
    b.ev("customer-portal", "error", 'upstream error GET /api/track/{awb}: connect() failed (104: Connection reset by peer) while reading response header from upstream, upstream: "http://10.20.0.40:80/v1/track/{awb}"', f + 1, 0, rate=1.5)
    b.ev("partner-api", "error", '{pubip} - flexport-{n} [{ts_clf}] "GET /v2/shipments/{awb}/status HTTP/1.1" 503 {b} "-" "Go-http-client/2.0" latency={ms}ms upstream=be_tracking-api', f + 1, 0, rate=2)
    bg_deploys(b, 1, exclude=("haproxy-edge",))
    b.alert("HAProxyHigh5xx", "tracking-api", "critical", -8, "tracking-api 5xx through HAProxy above 5%", "16% of tracking requests answered 503.")
    b.alert("HAProxyHigh5xx", "booking-svc", "critical", -7, "booking-svc 5xx through HAProxy above 5%", "13% of booking requests answered 503.")
    b.alert("HighErrorRate", "partner-api", "warning", -5, "partner-api 5xx above 5%", "partner-api 5xx ratio 11% for 5m.")


@scenario(name="rate-quotes-slow-for-all-customers", estate="skyfreight", now="2025-04-14T08:22:00Z",
          hours=3, step=30, cause="traffic_surge", culprit="partner-api",
          hard=["surge-datastore"],
          distractor="weekly tariff publication 25 min before; memcached evictions and oracle CPU look like the problem; rate-quote-svc alert loudest",
          description="""
Quote page takes 10+ seconds and some quotes time out for web customers since ~08:05 UTC, Monday morning peak.
Pricing on-call paged for rate-quote-svc latency; DBA sees CARGOP CPU high.""")
def s_surge_quotes(b):
    svcs = ["partner-api", "rate-quote-svc", "memcached-rates", "oracle-cargo", "customer-portal", "booking-svc", "haproxy-edge"]
    bg(b, svcs, step={"memcached-rates": 60, "oracle-cargo": 60, "haproxy-edge": 60})
    f = -18
    b.deploy("rate-quote-svc", "config", "tariff-2025-W16", "tariff-2025-W15", "pricing-bot",
             "Weekly tariff publication W16 (1,807 lanes, 3 new FRA-ORD surcharges).", at=-43, dur=2)
    b.fx("partner-api", "rr", f, 4.6, mul=True, ramp=3)
    b.fx("partner-api", "cpu", f, 0.77, ramp=3)
    b.fx("haproxy-edge", "rr", f, 3.2, mul=True, ramp=3)
    b.fx("rate-quote-svc", "rr", f, 5.1, mul=True, ramp=3)
    b.fx("rate-quote-svc", "cpu", f + 1, 0.88, ramp=3)
    b.fx("rate-quote-svc", "sat", f + 2, 1.0, ramp=3)
    hit(b, "rate-quote-svc", f + 3, p99=12.5, err=0.06, ramp=4)
    b.fx("memcached-rates", "rr", f, 3.5, mul=True)
    b.fx("memcached-rates", "sat", f + 2, 0.74, ramp=4)
    b.fx("memcached-rates", "mem", f + 1, 0.99, ramp=3)
    b.fx("oracle-cargo", "cpu", f + 3, 0.94, ramp=4)
    b.fx("oracle-cargo", "sat", f + 3, 0.71, ramp=4)
    hit(b, "customer-portal", f + 4, p99=11.0, err=0.05)
    hit(b, "partner-api", f + 4, p99=9.5, err=0.07)
    hit(b, "booking-svc", f + 5, p99=3.4, err=0.01)
    b.ev("partner-api", "info", '{pubip} - cw1-7731 [{ts_clf}] "POST /v2/quotes HTTP/1.1" 200 {b} "-" "CargoWise-eHub/2024.3" latency={ms}ms upstream=be_rate-quote-svc', f, 0, rate=16, pubip="203.0.113.74")
    b.ev("partner-api", "warn", 'consumer cw1-7731 (Hellmann EU eHub) exceeded soft quota 20 rps: observed {r} rps (limit enforcement: off)', f + 1, 0, rate=0.5, r=(180, 260))
    b.ev("rate-quote-svc", "WARN", "com.zaxxer.hikari.pool.HikariPool", 'HikariPool-1 - Connection is not available, request timed out after 3000ms (total=60, active=60, idle=0, waiting={n})', f + 3, 0, rate=1.5)
    b.ev("rate-quote-svc", "INFO", "c.s.pricing.quote.QuoteService", 'Quote Q-{big} computed {org}->{dst} {kg} kg chargeable, {n} rate lines in {t} ms (cache=miss)', f + 1, 0, rate=4, t=(900, 9000))
    b.ev("rate-quote-svc", "WARN", "n.s.memcached.MemcachedConnection", 'Operation timeout for {{QA sa=fra1-mcr-app0{n}/10.20.6.{n2}:11211, #Rops=1, #Wops={big}, #iq=0, topRop=Cmd: get Keys: lane:{org}:{dst} Exp: 0, topWop=null, toWrite=0, interested=1}}', f + 2, 0, rate=1)
    b.ev("oracle-cargo", "info", 'Thread 1 advanced to log sequence {big} (LGWR switch)', f + 3, 0, rate=0.5)
    b.ev("customer-portal", "warn", 'upstream timed out (110: Connection timed out) while reading response header from upstream, request: "POST /api/quotes HTTP/1.1", upstream: "http://lb-int.fra.skyfreight.net/rate-quote/api/v1/quotes"', f + 4, 0, rate=1)
    b.alert("HighLatencyP99", "rate-quote-svc", "critical", -9, "rate-quote-svc p99 latency above 2s", "p99 12.1s for 5m on POST /api/v1/quotes.")
    b.alert("OracleHighCPU", "oracle-cargo", "warning", -7, "CARGOP CPU above 90%", "Top SQL: RATES.TARIFF_LINE lookups (sql_id 7b2fk1q9x0m3c).")
    b.alert("MemcachedEvictionsHigh", "memcached-rates", "warning", -6, "memcached-rates evictions high", "3,700 evictions/s across rates cluster.")


@scenario(name="cargo-database-cpu-critical", estate="skyfreight", now="2025-09-23T13:16:00Z",
          hours=2.5, step=20, cause="traffic_surge", culprit="tracking-api",
          hard=["surge-datastore", "alert-on-datastore"],
          distractor="the only alert is on oracle-cargo; tracking-api CPU modest; background booking-svc warnings",
          description="""
DBA on-call paged for CARGOP CPU critical at ~13:09 UTC. No application alerts yet, but booking users
mention slowness. Nobody on DBA side changed anything today.""")
def s_surge_oracle(b):
    svcs = ["tracking-api", "memcached-tracking", "oracle-cargo", "booking-svc", "awb-generator", "customer-portal", "haproxy-edge"]
    bg(b, svcs, step={"haproxy-edge": 60, "memcached-tracking": 60})
    f = -16
    b.fx("tracking-api", "rr", f, 5.5, mul=True, ramp=3)
    b.fx("tracking-api", "cpu", f, 0.64, ramp=3)
    hit(b, "tracking-api", f + 2, p99=1.3, err=0.004)
    b.fx("haproxy-edge", "rr", f, 4.2, mul=True, ramp=3)
    b.fx("memcached-tracking", "rr", f, 4.0, mul=True)
    b.fx("oracle-cargo", "cpu", f + 1, 0.97, ramp=3)
    b.fx("oracle-cargo", "sat", f + 1, 0.62, ramp=4)
    b.fx("oracle-cargo", "p99", f + 2, 0.08, ramp=3)
    hit(b, "booking-svc", f + 3, p99=3.9, err=0.008)
    hit(b, "awb-generator", f + 3, p99=2.2)
    b.ev("tracking-api", "info", 'level=info msg="request" method=GET path=/v1/track/{awb} status={st} dur={ms}ms cache=miss client=cargoradar-bot', f, 0, rate=14, st=[200, 200, 200, 404, 404])
    b.ev("tracking-api", "info", 'level=info msg="new api key first seen" key_id=pk_live_cargoradar_01 ua="CargoRadar/1.0 (+https://cargoradar.io/bot)" src={pubip}', f, f + 1, count=1)
    b.ev("haproxy-edge", "info", '{pubip}:{port} [{ts_hap}] fe_https~ be_tracking-api/trk0{n} 0/0/0/{ms}/{ms2} 200 {b} - - ---- {big}/{n}/5/2/0 0/0 "GET /v1/track/{awb} HTTP/1.1"', f, 0, rate=6)
    b.ev("oracle-cargo", "info", 'Thread 1 advanced to log sequence {big} (LGWR switch)', f, 0, rate=0.4)
    b.ev("booking-svc", "WARN", "c.s.booking.allotment.AllotmentClient", 'Allotment check for {flt} took {t} ms', f + 3, 0, rate=1, t=(2500, 6000))
    b.ev("booking-svc", "WARN", "c.s.booking.events.EventPublisher", "Slow publish to 'cargo.booking.events' ({ms} ms)", -140, 0, rate=0.15)
    bg_deploys(b, 2, exclude=("tracking-api",))
    b.alert("OracleHighCPU", "oracle-cargo", "critical", -7, "CARGOP CPU above 90%",
            "Top SQL by CPU: sql_id 4kq8f2m1xz0p7 (TRACKING.SHIPMENT_EVENT by AWB), 61% of DB time.")


@scenario(name="flight-status-not-updating-on-tracking", estate="skyfreight", now="2025-07-02T15:27:00Z",
          hours=3, step=60, cause="external", culprit="cirium",
          hard=["external-provider", "external-with-caller-deploy"],
          distractor="flight-status-ingest deployed 40 min before the failures; tracking-updater throughput dip",
          description="""
Customers and ops see stale departure/arrival times on tracking pages - nothing updated since ~15:10 UTC.
Tracking on-call notes flight-status-ingest had a release this afternoon.""")
def s_cirium(b):
    svcs = ["flight-status-ingest", "tracking-updater", "tracking-api", "artemis-broker"]
    bg(b, svcs)
    f = -17
    b.deploy("flight-status-ingest", "deploy", "2.14.0", "2.13.3", "jenkins",
             "TRK-930: map codeshare flight numbers to operating carrier before publish; upgrade httpx 0.27. Canary on 1 of 2 pollers for 20 min, no errors.", at=-57, dur=4)
    b.ev("flight-status-ingest", "INFO", "ingest.main", 'flight-status-ingest 2.14.0 starting, poll interval 30s, vendor=flightstats', -56, -53, count=2)
    hit(b, "flight-status-ingest", f, err=0.97, ramp=1)
    b.fx("flight-status-ingest", "rr", f, 0.0, ramp=1)
    b.fx("tracking-updater", "rr", f, 0.82, mul=True)
    b.ev("flight-status-ingest", "ERROR", "ingest.poller", 'poll failed url=https://api.flightstats.com/flex/alerts/rest/v1/json/list status=503 body="<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>" elapsed_ms={ms}', f, 0, rate=1.5)
    b.ev("flight-status-ingest", "ERROR", "ingest.poller", 'poll failed url=https://api.flightstats.com/flex/flightstatus/rest/v2/json/airport/status/FRA/dep err="httpx.ConnectTimeout: timed out" elapsed_ms=10000', f + 3, 0, rate=0.8)
    b.ev("flight-status-ingest", "WARNING", "ingest.poller", 'no flight status updates for {big}s, cursor unchanged', f + 5, 0, rate=0.5)
    b.mute("flight-status-ingest", f, 0, keep=0.05)
    bg_deploys(b, 1, exclude=("flight-status-ingest",))
    b.alert("FlightStatusStale", "flight-status-ingest", "critical", -6, "No flight status updates for 15 minutes",
            "Last FlightStatusChanged event published 16m ago.")


@scenario(name="customs-filings-stuck-in-submitted", estate="skyfreight", now="2024-12-10T16:55:00Z",
          hours=2.5, step=30, cause="external", culprit="ace-customs-gateway",
          hard=["external-provider"],
          distractor="scrape hole on customs-filing-svc; booking-svc is slower as a side effect; no signals for artemis-broker",
          description="""
Compliance says export filings for US-bound shipments have been sitting in SUBMITTED with no response since
~16:35 UTC, and freight is being held at FRA. Customs pending alert fired at ~16:49 UTC.""")
def s_ace(b):
    svcs = ["customs-filing-svc", "booking-svc", "awb-generator", "oracle-cargo"]
    bg(b, svcs)
    f = -21
    hit(b, "customs-filing-svc", f, err=0.71, p99=60.0, ramp=2)
    b.fx("customs-filing-svc", "sat", f + 1, 0.34, ramp=18)
    b.gap("customs-filing-svc", -12, -7)
    hit(b, "booking-svc", f + 3, p99=2.0)
    b.ev("customs-filing-svc", "ERROR", "c.s.customs.ace.FilingSubmitter", 'ACAS submission failed for AWB {awb}: javax.net.ssl.SSLException: Read timed out (https://ace.cbp.dhs.gov/acas/v2/submissions)', f, 0, rate=1.5)
    b.ev("customs-filing-svc", "ERROR", "c.s.customs.ace.ResponsePoller", 'Polling responses failed: HTTP 504 Gateway Time-out from ace.cbp.dhs.gov (transaction {tx})', f + 1, 0, rate=1)
    b.ev("customs-filing-svc", "WARN", "c.s.customs.ace.FilingSubmitter", 'Filing for AWB {awb} left in SUBMITTED; will retry in {n} min', f, 0, rate=1)
    b.mute("customs-filing-svc", f, 0, keep=0.15)
    b.ev("booking-svc", "WARN", "c.s.booking.customs.CustomsHoldCheck", 'Customs status unknown for {bkg} (US-bound), booking kept in PENDING_CUSTOMS', f + 4, 0, rate=0.8)
    bg_deploys(b, 2, exclude=("customs-filing-svc",))
    b.alert("CustomsFilingsPendingHigh", "customs-filing-svc", "critical", -6, "More than 200 customs filings pending response",
            "412 filings in SUBMITTED for > 15 min (gateway ace.cbp.dhs.gov).")


@scenario(name="booking-confirmations-failing", estate="skyfreight", now="2025-03-05T10:48:00Z",
          hours=2, step=15, cause="dependency_outage", culprit="artemis-broker",
          hard=["innocent-deploy-then-dependency"],
          distractor="booking-svc deployed 5 min before the broker went away; booking-svc alert is loudest; artemis-broker has no signals",
          description="""
Forwarders report 'booking could not be confirmed' and missing confirmation emails since ~10:35 UTC,
right after this morning's booking-svc release. Booking on-call paged; AWB team says their queue went quiet.""")
def s_artemis(b):
    svcs = ["booking-svc", "awb-generator", "tracking-updater", "warehouse-scan-api", "notification-svc", "customer-portal", "partner-api"]
    bg(b, svcs)
    f = -13
    b.deploy("booking-svc", "deploy", "5.31.0", "5.30.2", "jenkins",
             "BKG-1544: show chargeable-weight breakdown on confirmation; Spring Boot 3.3.8. Blue/green switch after smoke tests.", at=-19, dur=3)
    b.ev("booking-svc", "INFO", "o.s.b.StartupInfoLogger", 'Started BookingApplication in 41.{n} seconds (process running for 44.{n2})', -18, -16, count=2)
    hit(b, "booking-svc", f, err=0.44, p99=8.0, ramp=1)
    b.fx("awb-generator", "rr", f, 0.0, ramp=1)
    b.fx("tracking-updater", "rr", f, 0.0, ramp=1)
    hit(b, "warehouse-scan-api", f, err=0.38, p99=5.5, ramp=1)
    hit(b, "customer-portal", f + 1, err=0.09)
    hit(b, "partner-api", f + 1, err=0.07)
    b.fx("notification-svc", "rr", f, 0.1, mul=True)
    b.ev("booking-svc", "ERROR", "c.s.booking.events.EventPublisher", "Failed to publish BookingConfirmed for {bkg} to 'cargo.booking.events': org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException: AMQ219006: Failed to connect to any static connectors", f, 0, rate=2.5)
    b.ev("booking-svc", "ERROR", "o.a.c.c.C.[.[.[/].[dispatcherServlet]", 'Servlet.service() for servlet [dispatcherServlet] threw exception [Request processing failed: org.springframework.jms.UncategorizedJmsException: Uncategorized exception occurred during JMS processing; nested exception is javax.jms.JMSException: AMQ219006: Failed to connect to any static connectors] with root cause', f, 0, rate=1)
    b.ev("awb-generator", "WARN", "o.a.a.a.c.c.impl.ClientSessionFactoryImpl", 'AMQ212037: Connection failure to artemis-fra1-a.skyfreight.net/10.20.4.11:61616 has been detected: AMQ219015: The connection was disconnected because of server shutdown or network failure [code=DISCONNECTED]', f, f + 1, count=2)
    b.ev("awb-generator", "WARN", "o.s.j.l.DefaultMessageListenerContainer", "Setup of JMS message listener invoker failed for destination 'awb.requests' - trying to recover. Cause: AMQ219006: Failed to connect to any static connectors", f + 1, 0, rate=1)
    b.ev("tracking-updater", "WARN", "o.s.j.l.DefaultMessageListenerContainer", "Setup of JMS message listener invoker failed for destination 'tracking.events' - trying to recover. Cause: AMQ219006: Failed to connect to any static connectors", f + 1, 0, rate=1)
    b.ev("warehouse-scan-api", "error", 'level=error msg="publish scan event failed" scanner={scanner} awb={awb} err="dial tcp 10.20.4.11:61616: connect: connection refused"', f, 0, rate=2)
    b.mute("awb-generator", f, 0, keep=0.1)
    b.mute("tracking-updater", f, 0, keep=0.1)
    b.at("artemis-broker", "INFO", "org.apache.activemq.artemis.core.server", 'AMQ221002: Apache ActiveMQ Artemis Message Broker version 2.37.0 [e1a4c3f2-8b11-11ef-9c2e-005056a1b2c3] stopped, uptime 38 days', f)
    b.mute("artemis-broker", f, 0)
    b.alert("HighErrorRate", "booking-svc", "critical", -8, "booking-svc 5xx above 5%", "booking-svc 5xx ratio 43% for 5m (POST /api/v1/bookings).")
    b.alert("HighErrorRate", "warehouse-scan-api", "critical", -7, "warehouse-scan-api 5xx above 5%", "36% of scans rejected.")


@scenario(name="rate-quote-latency-doubled-and-db-busy", estate="skyfreight", now="2025-10-07T07:38:00Z",
          hours=2, step=20, cause="dependency_outage", culprit="memcached-rates",
          hard=["innocent-deploy-then-dependency"],
          distractor="tariff publication (rate-quote-svc config) 7 min before; oracle-cargo CPU alert; memcached-rates has sparse signals",
          description="""
Quotes are taking 3-5 s instead of under one second since ~07:25 UTC, and CARGOP CPU alerted. Pricing
published this week's tariff a few minutes before it started.""")
def s_memcached(b):
    svcs = ["rate-quote-svc", "memcached-rates", "oracle-cargo", "customer-portal", "partner-api", "booking-svc"]
    bg(b, svcs, drop=("memcached-rates.mem", "memcached-rates.sat"), step={"memcached-rates": 60, "oracle-cargo": 60})
    f = -13
    b.deploy("rate-quote-svc", "config", "tariff-2025-W41", "tariff-2025-W40", "pricing-bot",
             "Weekly tariff publication W41 (1,815 lanes). Loader refreshes cache keys lane:* in place.", at=-20, dur=2)
    b.ev("rate-quote-svc", "INFO", "c.s.pricing.tariff.TariffCacheLoader", 'Tariff cache refresh: 1815 lanes loaded from RATES.TARIFF_LINE in {ms} ms', -19, -18, count=1)
    b.fx("memcached-rates", "rr", f, 0.0, ramp=0.5)
    b.fx("memcached-rates", "cpu", f, 0.0, ramp=0.5)
    b.gap("memcached-rates", f + 1, 0)
    hit(b, "rate-quote-svc", f, p99=4.6, err=0.012, cpu=0.62)
    b.fx("rate-quote-svc", "sat", f, 0.83)
    b.fx("oracle-cargo", "cpu", f + 1, 0.92, ramp=2)
    b.fx("oracle-cargo", "sat", f + 1, 0.58, ramp=2)
    hit(b, "customer-portal", f + 1, p99=5.2)
    hit(b, "partner-api", f + 1, p99=4.8, err=0.01)
    hit(b, "booking-svc", f + 2, p99=2.7)
    b.ev("rate-quote-svc", "WARN", "n.s.memcached.MemcachedConnection", 'Reconnecting due to failure to connect to {{QA sa=fra1-mcr-app0{n}/10.20.6.2{n2}:11211, #Rops=0, #Wops=0, #iq=0, topRop=null, topWop=null, toWrite=0, interested=0}}', f, 0, rate=2, n=[1, 2, 3])
    b.ev("rate-quote-svc", "WARN", "n.s.memcached.MemcachedConnection", 'Could not redistribute to another node, retrying primary node for lane:{org}:{dst}.', f, 0, rate=1.5)
    b.ev("rate-quote-svc", "INFO", "c.s.pricing.quote.QuoteService", 'Quote Q-{big} computed {org}->{dst} {kg} kg chargeable, {n} rate lines in {t} ms (cache=unavailable)', f, 0, rate=3, t=(1800, 5200))
    b.mute("rate-quote-svc", f, 0, keep=0.3)
    b.alert("HighLatencyP99", "rate-quote-svc", "warning", -8, "rate-quote-svc p99 latency above 2s", "p99 4.5s for 5m.")
    b.alert("OracleHighCPU", "oracle-cargo", "critical", -6, "CARGOP CPU above 90%", "Top SQL: RATES.TARIFF_LINE lane lookups.")


@scenario(name="scan-events-backlog-tracking-lagging", estate="skyfreight", now="2025-12-15T05:36:00Z",
          hours=3, step=60, cause="traffic_surge", culprit="warehouse-scan-api",
          hard=["queue-producer-surge"],
          distractor="alert fires on the consumer (tracking-updater); tracking-updater CPU pegged; resolved artemis paging alert",
          description="""
Tracking pages show shipments as 'not yet received' although FRA hall 2 scanned them in ~05:00 UTC.
tracking-updater lag alert fired at ~05:30 UTC. Peak-season night shift.""")
def s_scan_surge(b):
    svcs = ["warehouse-scan-api", "tracking-updater", "artemis-broker", "oracle-cargo", "tracking-api", "label-print-svc"]
    bg(b, svcs)
    f = -42
    b.fx("warehouse-scan-api", "rr", f, 6.5, mul=True, ramp=4)
    b.fx("warehouse-scan-api", "cpu", f, 0.58, ramp=4)
    b.fx("artemis-broker", "rr", f, 3.8, mul=True, ramp=4)
    b.fx("artemis-broker", "sat", f + 2, 0.51, ramp=38, nz=0.01)
    b.fx("tracking-updater", "rr", f + 1, 142, ramp=4, nz=0.02)
    b.fx("tracking-updater", "cpu", f + 1, 0.95, ramp=4)
    b.fx("tracking-updater", "sat", f + 1, 0.66, ramp=40, nz=0.01)
    b.fx("oracle-cargo", "cpu", f + 2, 0.63, ramp=4)
    b.ev("warehouse-scan-api", "info", 'level=info msg="scan accepted" scanner={scanner} awb={awb} event=RCS pieces={n} loc=FRA-W2-B{n2} replayed=true buffered_since="{bs}"', f, 0, rate=10, bs=["2025-12-14T21:58:12Z", "2025-12-14T22:03:40Z", "2025-12-14T22:41:05Z"])
    b.ev("warehouse-scan-api", "info", 'level=info msg="scanner reconnected" scanner={scanner} offline_buffer={big} firmware=ZB-7.4.1', f - 1, f + 6, rate=2)
    b.at("warehouse-scan-api", "info", 'level=info msg="wifi controller fra-w2-wlc01 back online; 118 scanners re-associated"', f - 2)
    for i, (lo, hi) in enumerate([(4000, 15000), (30000, 48000), (60000, 80000), (90000, 110000), (112000, 126000), (128000, 134000)]):
        a = f + i * 7
        b.ev("tracking-updater", "INFO", "c.s.tracking.jms.BacklogMonitor", "Queue 'tracking.events' depth={d}, consumers=8, consume rate 142 msg/s", a, min(a + 7, 0), rate=0.4, d=(lo, hi))
    b.ev("artemis-broker", "WARN", "org.apache.activemq.artemis.core.server", 'AMQ222038: Starting paging on address \'flight.status\'; size is currently: {big} bytes; max-size-bytes: 52428800', -11, -10, count=1)
    b.ev("artemis-broker", "INFO", "org.apache.activemq.artemis.core.server", 'AMQ221041: Stopped paging on address \'flight.status\'', -5, -4, count=1)
    b.ev("artemis-broker", "WARN", "org.apache.activemq.artemis.core.server", 'AMQ222038: Starting paging on address \'tracking.events\'; size is currently: {big} bytes; max-size-bytes: 104857600', f + 12, f + 14, count=1)
    bg_deploys(b, 2, exclude=("warehouse-scan-api", "tracking-updater"))
    b.alert("ArtemisQueueDepthHigh", "artemis-broker", "warning", -10, "Artemis address flight.status paging", "Address flight.status started paging.", ended=-4,
            expr='max(artemis_address_size{address="flight.status"}) > 52428800')
    b.alert("ArtemisQueueDepthHigh", "tracking-updater", "critical", -5, "tracking.events backlog above 50k",
            "tracking.events depth 131k, consumer tracking-updater at max rate.", expr='max(artemis_message_count{queue="tracking.events"}) > 50000')


@scenario(name="airway-bills-delayed-after-booking", estate="skyfreight", now="2025-05-13T11:19:00Z",
          hours=2.5, step=30, cause="deploy", culprit="awb-generator",
          hard=["queue-consumer-slowed"],
          distractor="booking volume normal-high for the hour; artemis-broker alert louder than awb-generator; oracle-cargo minor CPU rise",
          description="""
Forwarders say AWB PDFs that normally arrive within a minute of booking are taking 20+ minutes since
~10:50 UTC. Middleware on-call paged for the awb.requests queue depth.""")
def s_awb(b):
    svcs = ["awb-generator", "booking-svc", "artemis-broker", "oracle-cargo", "notification-svc", "customer-portal"]
    bg(b, svcs)
    d = -33
    b.deploy("awb-generator", "deploy", "3.9.0", "3.8.2", "jenkins",
             "DOCS-640: embed IATA e-AWB barcode (PDF417) and switch PDF renderer to OpenPDF 2.0; consumer concurrency unchanged (4).", at=d, dur=4)
    b.ev("awb-generator", "INFO", "o.s.b.StartupInfoLogger", 'Started AwbGeneratorApplication in 18.{n} seconds (process running for 19.{n2})', d + 2, d + 4, count=2)
    b.fx("awb-generator", "rr", d + 4, 0.3, mul=True, ramp=2)
    b.fx("awb-generator", "cpu", d + 4, 0.93, ramp=2)
    b.fx("awb-generator", "p99", d + 4, 14.0, ramp=2)
    b.fx("awb-generator", "sat", d + 5, 0.62, ramp=28, nz=0.01)
    b.fx("artemis-broker", "sat", d + 5, 0.33, ramp=28, nz=0.01)
    b.fx("booking-svc", "rr", -60, 1.25, mul=True, ramp=20)
    b.fx("oracle-cargo", "cpu", d + 4, 0.5, ramp=3)
    b.mute("awb-generator", d + 4, 0, keep=0.3)
    b.ev("awb-generator", "INFO", "c.s.docs.awb.AwbRenderer", 'Rendered AWB {awb} PDF (3 pages) in {t} ms', d + 4, 0, rate=1.5, t=(9000, 16000))
    b.ev("awb-generator", "WARN", "c.s.docs.awb.BarcodeRenderer", 'PDF417 encode for AWB {awb} took {t} ms (error correction level 8, compaction AUTO)', d + 4, 0, rate=1, t=(6000, 11000))
    for i, (lo, hi) in enumerate([(300, 2000), (4000, 8000), (10000, 15000), (17000, 23000), (25000, 31000)]):
        a = d + 5 + i * 6
        b.ev("awb-generator", "INFO", "c.s.docs.jms.AwbRequestListener", "Queue 'awb.requests' backlog {q} messages, consumers=4", a, min(a + 6, 0), rate=0.5, q=(lo, hi))
    b.ev("notification-svc", "warn", 'awb document not yet available for {bkg}, deferring confirmation email (attempt {n})', d + 10, 0, rate=1)
    bg_deploys(b, 1, exclude=("awb-generator",))
    b.alert("ArtemisQueueDepthHigh", "artemis-broker", "critical", -8, "Queue awb.requests depth above 25k",
            "awb.requests message count 29,400 and rising.", expr='max(artemis_message_count{queue="awb.requests"}) > 25000')
    b.alert("HighLatencyP99", "awb-generator", "warning", -4, "awb-generator processing p99 above 2s", "AWB render p99 14s for 5m.")


@scenario(name="us-customs-filing-queue-growing", estate="skyfreight", now="2025-08-19T14:42:00Z",
          hours=4, step=60, cause="resource_saturation", culprit="customs-filing-svc",
          hard=["queue-consumer-slowed", "slow-leak"],
          distractor="booking-svc deployed 22 min before; customs gateway latency blamed first; no error spike at the gateway",
          description="""
US filings are being submitted late - queue of pending filings has been growing since ~14:15 UTC and
compliance is worried about the 4h pre-departure cut-off. Paged for customs queue depth.""")
def s_customs_heap(b):
    svcs = ["customs-filing-svc", "booking-svc", "artemis-broker", "oracle-cargo", "awb-generator"]
    bg(b, svcs)
    b.fx("customs-filing-svc", "mem", -300, 0.985, ramp=270, nz=0.004)
    b.fx("customs-filing-svc", "cpu", -60, 0.82, ramp=40)
    b.fx("customs-filing-svc", "p99", -60, 9.0, ramp=40)
    b.fx("customs-filing-svc", "rr", -40, 0.35, mul=True, ramp=20)
    b.fx("customs-filing-svc", "sat", -30, 0.58, ramp=30, nz=0.01)
    b.deploy("booking-svc", "deploy", "5.34.0", "5.33.1", "jenkins",
             "BKG-1601: add dangerous-goods UN number validation on booking create (warn-only); Jackson 2.18.", at=-22, dur=3)
    for i, (lo, hi, ms0, ms1) in enumerate([(55, 62, 40, 90), (64, 70, 80, 160), (72, 78, 150, 320), (80, 86, 300, 700), (88, 92, 700, 1500), (93, 96, 1400, 2600), (96, 98, 2500, 4200)]):
        a = -230 + i * 33
        b.ev("customs-filing-svc", "INFO", "gc", '[gc,start] GC(%d) Pause Young (Normal) (G1 Evacuation Pause)' % (1000 + i), a, a + 33, rate=0.03 * (i + 1))
        b.ev("customs-filing-svc", "INFO", "gc", 'GC({big}) Pause Young (Normal) (G1 Evacuation Pause) {h}%->{h}% heap after collection, {t}ms', a, a + 33, rate=0.15, h=(lo, hi), t=(ms0, ms1))
    b.ev("customs-filing-svc", "WARN", "gc", 'GC({big}) Pause Full (G1 Compaction Pause) 4090M->4071M(4096M) {t}ms', -35, 0, rate=0.6, t=(3200, 7800))
    b.ev("customs-filing-svc", "WARN", "c.s.customs.ace.ResponseCorrelationCache", 'Correlation cache size {c} entries (no eviction configured)', -230, 0, rate=0.04, c=(410000, 1900000))
    b.ev("customs-filing-svc", "WARN", "o.s.j.l.DefaultMessageListenerContainer", "Listener for 'customs.filings' took {t} ms to process message (concurrency 4)", -30, 0, rate=1, t=(6000, 19000))
    b.alert("CustomsFilingsPendingHigh", "customs-filing-svc", "critical", -5, "More than 200 customs filings pending",
            "customs.filings queue depth 11,400; pending filings 640.", expr='max(artemis_message_count{queue="customs.filings"}) > 5000')
    b.alert("JvmHeapHigh", "customs-filing-svc", "warning", -4, "customs-filing-svc heap above 92%", "Old gen 98% after full GC on fra1-cus-app02.")


@scenario(name="label-printing-errors-at-warehouse", estate="skyfreight", now="2025-01-29T19:12:00Z",
          hours=4, step=120, cause="resource_saturation", culprit="label-print-svc",
          hard=["slow-leak"],
          distractor="warehouse-scan-api deployed 24 min before; oracle-cargo looks healthy; print-servers logs job errors",
          description="""
Evening shift in FRA hall 2 says label printing fails every few jobs with 'internal error' since ~18:55 UTC;
reprints sometimes work. Warehouse systems on-call paged after the scan-api release earlier.""")
def s_label_leak(b):
    svcs = ["label-print-svc", "warehouse-scan-api", "oracle-cargo", "print-servers", "tracking-updater"]
    bg(b, svcs)
    b.fx("label-print-svc", "sat", -300, 1.0, ramp=283, nz=0.0)
    f = -17
    b.deploy("warehouse-scan-api", "deploy", "2.18.0", "2.17.4", "jenkins",
             "WH-790: accept ULD build events from new Zebra TC58 handhelds; go 1.23.5.", at=-41, dur=3)
    hit(b, "label-print-svc", f, err=0.36, p99=30.0, ramp=2)
    b.fx("oracle-cargo", "sat", -300, 0.41, ramp=280)
    for i, (lo, hi) in enumerate([(8, 9), (10, 11), (12, 13), (14, 15), (16, 17), (18, 19), (20, 20)]):
        a = -230 + i * 32
        b.ev("label-print-svc", "INFO", "labels.pool", 'db pool status size=20 checked_out={c} overflow=0 (idle in transaction: {c2})', a, a + 32, rate=0.12, c=(lo, hi), c2=(lo - 6, hi - 6))
    b.ev("label-print-svc", "ERROR", "labels.api", 'label job failed awb={awb}: sqlalchemy.exc.TimeoutError: QueuePool limit of size 20 overflow 0 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)', f, 0, rate=2.5)
    b.ev("label-print-svc", "WARNING", "labels.reprint", 'reprint path returned early for awb={awb} without closing session (exception: PrinterOffline)', -240, 0, rate=0.08)
    b.ev("print-servers", "info", 'E [{ts_clf}] [Job {big}] Job canceled by "labelsvc".', f + 1, 0, rate=0.5)
    b.ev("warehouse-scan-api", "info", 'level=info msg="uld built" scanner={scanner} uld={uld} awbs={n} device=TC58', -38, 0, rate=0.6)
    b.alert("LabelPrintErrors", "label-print-svc", "critical", -7, "Label print failures above 10%", "35% of label jobs failed in 5m (FRA hall 2).")


@scenario(name="bookings-failing-on-rate-lookup", estate="skyfreight", now="2025-06-24T12:58:00Z",
          hours=2, step=20, cause="config_change", culprit="rate-quote-svc",
          hard=["dependency-config"],
          distractor="booking-svc alert is loudest and fires first; rate-quote-svc error ratio barely moves; unrelated notification-svc deploy",
          description="""
Bookings fail at the final 'confirm' step with 'price could not be confirmed' since ~12:45 UTC; quotes on the
website still load, just slowly. Booking on-call paged.""")
def s_flag(b):
    svcs = ["booking-svc", "rate-quote-svc", "customer-portal", "partner-api", "oracle-cargo", "memcached-rates"]
    bg(b, svcs, step={"oracle-cargo": 60, "memcached-rates": 60})
    c = -15
    b.deploy("rate-quote-svc", "flag", "dynamic_fuel_surcharge=on (100%)", "dynamic_fuel_surcharge=off", "h.vogel",
             "PRC-412: enable dynamic fuel surcharge (live IATA jet-fuel index lookup per rate line) for all carriers after 2-week pilot on LH only.", at=c, dur=1)
    bg_deploys(b, 1, exclude=("rate-quote-svc", "booking-svc"), window=(-60, -30))
    hit(b, "rate-quote-svc", c + 1, p99=5.8, err=0.006, cpu=0.71, ramp=2)
    b.fx("oracle-cargo", "cpu", c + 1, 0.6)
    hit(b, "booking-svc", c + 1, err=0.33, p99=5.1, ramp=2)
    hit(b, "customer-portal", c + 2, p99=6.5, err=0.04)
    hit(b, "partner-api", c + 2, err=0.05, p99=6.0)
    b.at("rate-quote-svc", "INFO", "c.s.pricing.flags.FlagListener", 'Feature flag dynamic_fuel_surcharge changed: false -> true (rollout 100%, source=unleash)', c + 0.5)
    b.ev("rate-quote-svc", "INFO", "c.s.pricing.quote.SurchargeCalculator", 'Dynamic fuel surcharge lookup for {flt} rate line {n}: index 2.{n2} USD/gal ({t} ms)', c + 1, 0, rate=4, t=(180, 950))
    b.ev("rate-quote-svc", "INFO", "c.s.pricing.quote.QuoteService", 'Quote Q-{big} computed {org}->{dst} {kg} kg chargeable, {n} rate lines in {t} ms (cache=hit)', c + 1, 0, rate=2, t=(2500, 7000))
    b.ev("booking-svc", "ERROR", "c.s.booking.quote.RateQuoteClient", 'Price confirmation failed for {bkg}: I/O error on POST request for "http://lb-int.fra.skyfreight.net/rate-quote/api/v1/quotes/confirm": Read timed out (readTimeout=3000ms)', c + 1, 0, rate=2.5)
    b.ev("booking-svc", "WARN", "i.g.r.c.CircuitBreakerStateMachine", "CircuitBreaker 'rateQuote' changed state from CLOSED to OPEN", c + 3, 0, rate=0.2)
    b.alert("HighErrorRate", "booking-svc", "critical", -9, "booking-svc 5xx above 5%", "booking-svc 5xx ratio 31% for 5m (POST /api/v1/bookings/confirm).")
    b.alert("HighLatencyP99", "customer-portal", "warning", -6, "customer-portal p99 above 2s", "p99 6.2s for 5m.")


@scenario(name="new-bookings-returning-errors", estate="skyfreight", now="2024-09-17T10:06:00Z",
          hours=1.5, step=10, cause="deploy", culprit="booking-svc",
          hard=[],
          distractor="oracle-cargo logs ORA errors (raised on behalf of the caller); unrelated flight-status-ingest poll warnings; partner-api alert",
          description="""
All new bookings through web and partner API fail with a generic error since ~09:55 UTC; existing bookings
can be viewed. Booking on-call paged; DBA asked to check CARGOP.""")
def s_booking_deploy(b):
    svcs = ["booking-svc", "customer-portal", "partner-api", "oracle-cargo", "flight-status-ingest"]
    bg(b, svcs, step={"oracle-cargo": 30, "flight-status-ingest": 60})
    d = -14
    b.deploy("booking-svc", "deploy", "5.27.0", "5.26.3", "jenkins",
             "BKG-1502: persist shipper EORI on booking (new column BOOKING.SHIPPER_EORI via Flyway V212), Hibernate 6.5 upgrade.", at=d, dur=3)
    b.ev("booking-svc", "INFO", "o.f.core.internal.command.DbMigrate", 'Current version of schema "BOOKING": 211', d + 1, d + 2, count=1)
    b.ev("booking-svc", "WARN", "o.f.core.internal.command.DbMigrate", 'Skipping migration V212__add_shipper_eori.sql: flyway.target=211 (pinned in application-prod.yml)', d + 1, d + 2, count=1)
    b.ev("booking-svc", "INFO", "o.s.b.StartupInfoLogger", 'Started BookingApplication in 39.{n} seconds (process running for 42.{n2})', d + 2, d + 3, count=2)
    hit(b, "booking-svc", d + 3, err=0.52, ramp=1)
    b.fx("booking-svc", "p99", d + 3, 0.4)
    hit(b, "customer-portal", d + 3, err=0.11)
    hit(b, "partner-api", d + 3, err=0.09)
    b.ev("booking-svc", "ERROR", "o.h.engine.jdbc.spi.SqlExceptionHelper", 'ORA-00904: "B1_0"."SHIPPER_EORI": invalid identifier', d + 3, 0, rate=4)
    b.ev("booking-svc", "ERROR", "o.a.c.c.C.[.[.[/].[dispatcherServlet]", 'Servlet.service() for servlet [dispatcherServlet] threw exception [Request processing failed: org.springframework.dao.InvalidDataAccessResourceUsageException: JDBC exception executing SQL [insert into booking (...,shipper_eori,...) values (...)] [ORA-00904: "SHIPPER_EORI": invalid identifier]', d + 3, 0, rate=2)
    b.ev("oracle-cargo", "info", 'ORA-00904 raised for session {big} (user BOOKING_APP, module JDBC Thin Client)', d + 3, 0, rate=0.4)
    b.ev("flight-status-ingest", "WARNING", "ingest.poller", 'poll slow url=https://api.flightstats.com/flex/alerts/rest/v1/json/list elapsed_ms={t}', -85, 0, rate=0.2, t=(3000, 6000))
    b.ev("customer-portal", "error", 'POST /api/bookings failed: upstream returned 500 (booking-svc) requestId={rid}', d + 3, 0, rate=1.5)
    b.alert("HighErrorRate", "booking-svc", "critical", -6, "booking-svc 5xx above 5%", "booking-svc 5xx ratio 51% for 5m.")
    b.alert("HighErrorRate", "partner-api", "warning", -5, "partner-api 5xx above 5%", "partner-api 5xx ratio 8.7% for 5m (POST /v2/bookings).")


@scenario(name="bookings-and-airway-bills-failing-with-database-errors", estate="skyfreight", now="2025-10-28T03:27:00Z",
          hours=4, step=60, cause="resource_saturation", culprit="oracle-cargo",
          hard=["slow-leak"],
          distractor="booking-svc deployed 15 min before; awb-generator alert louder; victims all log ORA-00257",
          description="""
Night-time bookings and AWB issuance started failing at ~03:13 UTC with database errors; warehouse scans
also erroring. booking-svc had a release shortly before. Booking on-call and cargo-docs paged.""")
def s_oracle_fra(b):
    svcs = ["booking-svc", "awb-generator", "warehouse-scan-api", "tracking-updater", "oracle-cargo", "customer-portal"]
    bg(b, svcs, step={"oracle-cargo": 120})
    f = -14
    b.deploy("booking-svc", "deploy", "5.38.1", "5.38.0", "jenkins",
             "BKG-1633: hotfix - correct timezone on ETD display for NRT departures. No DB changes.", at=-29, dur=3)
    for i, (p, rem) in enumerate([(88.4, 62), (90.1, 53), (91.9, 43), (93.6, 34), (95.3, 25), (97.0, 16), (98.6, 7)]):
        b.at("oracle-cargo", "warning", 'ORA-19815: WARNING: db_recovery_file_dest_size of 536870912000 bytes is %.2f%% used, and has %d000000000 remaining bytes available.' % (p, rem), -225 + i * 33)
    b.at("oracle-cargo", "warning", 'Errors in file /u01/app/oracle/diag/rdbms/cargop/CARGOP1/trace/CARGOP1_arc2_48121.trc:\nORA-19809: limit exceeded for recovery files\nORA-19804: cannot reclaim 1073741824 bytes disk space from 536870912000 bytes limit', f - 1)
    b.ev("oracle-cargo", "error", 'ARC{n}: Error 19809 Creating archive log file to \'+FRA\'', f - 1, 0, rate=0.6)
    b.at("oracle-cargo", "error", 'ARCH: Archival stopped, error occurred. Will continue retrying', f)
    b.ev("oracle-cargo", "error", 'ORA-00257: Archiver error. Connect AS SYSDBA only until resolved.', f, 0, rate=0.8)
    b.mute("oracle-cargo", f, 0)
    b.fx("oracle-cargo", "sat", f, 0.98, ramp=3)
    b.fx("oracle-cargo", "p99", f, 4.0, ramp=1)
    b.fx("oracle-cargo", "cpu", f, 0.15, ramp=2)
    hit(b, "booking-svc", f, err=0.61, p99=9.0, ramp=1)
    hit(b, "awb-generator", f, err=0.88, p99=12.0, ramp=1)
    hit(b, "warehouse-scan-api", f + 1, err=0.24)
    hit(b, "tracking-updater", f + 1, err=0.7)
    b.fx("tracking-updater", "rr", f + 1, 0.05, mul=True)
    hit(b, "customer-portal", f + 1, err=0.05)
    b.ev("booking-svc", "ERROR", "o.h.engine.jdbc.spi.SqlExceptionHelper", 'ORA-00257: Archiver error. Connect AS SYSDBA only until resolved.', f, 0, rate=2)
    b.ev("awb-generator", "ERROR", "c.s.docs.awb.AwbIssuer", 'Failed to issue AWB for {bkg}: java.sql.SQLException: ORA-00257: Archiver error. Connect AS SYSDBA only until resolved.', f, 0, rate=2.5)
    b.ev("tracking-updater", "ERROR", "c.s.tracking.apply.EventApplier", 'Failed to apply {ev} to AWB {awb}, message will be redelivered: java.sql.SQLRecoverableException: ORA-00257: Archiver error.', f + 1, 0, rate=2)
    b.ev("warehouse-scan-api", "error", 'level=error msg="persist scan failed" scanner={scanner} awb={awb} err="ORA-00257: Archiver error. Connect AS SYSDBA only until resolved."', f + 1, 0, rate=1)
    b.alert("HighErrorRate", "awb-generator", "critical", -9, "awb-generator error ratio above 5%", "88% of AWB issue requests failing.")
    b.alert("HighErrorRate", "booking-svc", "critical", -8, "booking-svc 5xx above 5%", "booking-svc 5xx ratio 60% for 5m.")
    b.alert("OracleRecoveryAreaFull", "oracle-cargo", "warning", -3, "CARGOP recovery area above 95%", "db_recovery_file_dest 100% used.")


# =====================================================================================
# README, validation, main
# =====================================================================================

HARD_CLASSES = [
    ("shared-platform", "Shared platform component failing under many unrelated-looking services"),
    ("surge-datastore", "Traffic surge whose first visible damage is a saturated datastore"),
    ("alert-on-datastore", "Variant: the only/first alert fires on the datastore behind the surging service"),
    ("external-provider", "Third-party outage; caller logs name the provider host"),
    ("external-with-caller-deploy", "Third-party outage where the caller also deployed recently"),
    ("innocent-deploy-then-dependency", "Routine deploy minutes before an unrelated dependency fails"),
    ("queue-producer-surge", "Queue backlog: producer surged"),
    ("queue-consumer-slowed", "Queue backlog: consumer slowed (deploy/config/saturation)"),
    ("slow-leak", "Slow resource leak that began before an unrelated deploy"),
    ("dependency-config", "Config change / feature flag on a dependency, effect shows on its callers"),
]


def build_all():
    out = {}
    for meta in SCENARIOS:
        b = B(meta, ESTATES[meta["estate"]])
        meta["fn"](b)
        out[meta["name"]] = b.render()
    out["README.md"] = readme()
    return out


def readme():
    rows = []
    for m in sorted(SCENARIOS, key=lambda m: (m["estate"], m["name"])):
        steps = m.get("step", 30)
        rows.append("| `%s` | %ss | %s | %s | %s |" % (m["name"], steps, m["cause"], m["culprit"], m["distractor"]))
    counts = {}
    for m in SCENARIOS:
        counts[m["cause"]] = counts.get(m["cause"], 0) + 1
    hard = []
    for key, label in HARD_CLASSES:
        names = [m["name"] for m in SCENARIOS if key in m.get("hard", [])]
        hard.append("- **%s** (%d): %s" % (label, len(names), ", ".join("`%s`" % n for n in names)))
    est_lines = []
    for est in (MEDORA, SKYFREIGHT):
        svcs = est["catalog"]["services"]
        kinds = {}
        for name, d in svcs.items():
            kinds.setdefault(d.get("kind", "service"), []).append(name)
        est_lines.append("- **%s** (%d components): %s" % (
            est["company"], len(svcs),
            "; ".join("%s: %s" % (k, ", ".join(v)) for k, v in kinds.items())))
    return """# blind_health - blind incident scenarios (Medora Health, Skyfreight)

A set of %d replayable incident scenarios for the incident-diagnosis bot, written **blind**: the author
never read or ran the engine, its connectors, retrieval, runbooks, the other test sets or any scoring. They exist to measure how
well root-cause analysis generalises to incidents written by someone else.

**Do not tune the engine on this set.** If a scenario is wrong (not merely hard), fix the scenario in
`generate.py` and say why in the commit; do not change scenarios to make the engine pass.

## Estates
Two fictional companies, each with its own service catalog (every scenario ships the full catalog of its
estate; hand-written `depends_on` lists deliberately omit shared platform pieces such as cluster DNS, the
service mesh, ingress, node pools, load balancers and VM host clusters).

%s

Medora Health is a US telehealth / e-prescription provider on Kubernetes (Consul service mesh, NATS
JetStream, PostgreSQL behind PgBouncer, Redis, OpenSearch, CoreDNS, Traefik, a GPU node pool for
transcription). Skyfreight is an air-cargo booking and tracking platform on VM host clusters in FRA
(HAProxy, ActiveMQ Artemis, Oracle, Memcached) with an airline data vendor and a government customs gateway.

## Regenerating

```
/work/main/.venv/bin/python generate.py          # rewrite every scenario folder + this README, then validate
/work/main/.venv/bin/python generate.py --check  # validate what is on disk only
```

The generator is deterministic (seeded from CRC32 of stable strings; stdlib + PyYAML only) and produces
byte-identical output on every run; it refuses to write if two in-memory builds differ. Validation checks
the scenario contract (files present/omitted as declared, Alertmanager v4 webhook shape, catalog kinds and
`depends_on` closure, culprit and alert services in the catalog, signal/log/deploy shapes and time bounds,
`now` a few minutes after the first alert, per-scenario size under 1 MB) and this README's table.

## Coverage
Causes: %s.

Hard classes:
%s

## Scenarios

`step` is the default sampling step of the scenario (some components are scraped at other intervals).

| scenario | step | cause | culprit | distractor |
|---|---|---|---|---|
%s
""" % (len(SCENARIOS), "\n".join(est_lines),
       ", ".join("%s %d" % (c, counts.get(c, 0)) for c in CAUSES),
       "\n".join(hard), "\n".join(rows))


# ------------------------------------------------------------------------------------- validation

def _err(errs, name, msg):
    errs.append("%s: %s" % (name, msg))


def validate_folder(path):
    errs = []
    name = os.path.basename(path)
    sp = os.path.join(path, "scenario.yaml")
    if not os.path.isfile(sp):
        return ["%s: missing scenario.yaml" % name]
    try:
        sc = yaml.safe_load(open(sp))
    except Exception as e:  # noqa
        return ["%s: scenario.yaml unreadable: %s" % (name, e)]
    total = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    if total > MAX_BYTES:
        _err(errs, name, "scenario is %d bytes (> %d)" % (total, MAX_BYTES))
    order = ["name", "description", "now", "alerts", "catalog", "signals", "logs", "deploys", "expected"]
    for k in sc:
        if k not in order:
            _err(errs, name, "unexpected key %r in scenario.yaml" % k)
    if sc.get("name") != name:
        _err(errs, name, "scenario name %r does not match folder" % sc.get("name"))
    if not isinstance(sc.get("description"), str) or len(sc["description"]) < 40:
        _err(errs, name, "description missing or too short")
    if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", str(sc.get("now", ""))):
        _err(errs, name, "now must be ISO 8601 UTC ending in Z")
        return errs
    now = parse_iso(sc["now"])
    exp = sc.get("expected") or {}
    if exp.get("cause") not in CAUSES:
        _err(errs, name, "expected.cause %r not one of %s" % (exp.get("cause"), CAUSES))
    files = {"alerts": "alerts.json", "catalog": "catalog.yaml", "signals": "signals.json",
             "logs": "logs.jsonl", "deploys": "deploys.json"}
    for key, fn in files.items():
        present = os.path.isfile(os.path.join(path, fn))
        if key in sc:
            if sc[key] != fn:
                _err(errs, name, "%s should point at %s" % (key, fn))
            if not present:
                _err(errs, name, "%s declared but %s missing" % (key, fn))
        elif present:
            _err(errs, name, "%s omitted from scenario.yaml but %s exists" % (key, fn))
    for req in ("alerts", "catalog"):
        if req not in sc:
            _err(errs, name, "%s is required" % req)
    extra = set(os.listdir(path)) - set(files.values()) - {"scenario.yaml"}
    if extra:
        _err(errs, name, "unexpected files %s" % sorted(extra))
    if errs:
        return errs
    # catalog
    cat = yaml.safe_load(open(os.path.join(path, "catalog.yaml")))
    services = (cat or {}).get("services") or {}
    if not isinstance((cat.get("defaults") or {}).get("signals"), dict):
        _err(errs, name, "catalog defaults.signals missing")
    if not 10 <= len(services) <= 40:
        _err(errs, name, "catalog has %d components (want 10-40)" % len(services))
    for s, d in services.items():
        d = d or {}
        if d.get("kind", "service") not in KINDS:
            _err(errs, name, "catalog %s has bad kind %r" % (s, d.get("kind")))
        for dep in d.get("depends_on", []) or []:
            if dep not in services:
                _err(errs, name, "catalog %s depends_on undefined %s" % (s, dep))
        for sig, q in (d.get("signals") or {}).items():
            if sig not in STD_SIGNALS or not isinstance(q, str) or not q.strip():
                _err(errs, name, "catalog %s has odd signal %s" % (s, sig))
    if exp.get("culprit") not in services:
        _err(errs, name, "culprit %r not in catalog" % exp.get("culprit"))
    if exp.get("culprit") and exp["culprit"] in name:
        _err(errs, name, "folder name reveals the culprit")
    for word in ("deploy", "config", "surge", "outage", "leak", "flag", "rollout", "release"):
        if word in name:
            _err(errs, name, "folder name contains cause word %r" % word)
    # alerts
    body = json.load(open(os.path.join(path, "alerts.json")))
    for k in ("receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations",
              "externalURL", "version", "groupKey", "truncatedAlerts"):
        if k not in body:
            _err(errs, name, "alerts.json missing %s" % k)
    if body.get("version") != "4":
        _err(errs, name, "alerts.json version must be \"4\"")
    al = body.get("alerts") or []
    if not al:
        _err(errs, name, "alerts.json has no alerts")
    starts = []
    for a in al:
        for k in ("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"):
            if k not in a:
                _err(errs, name, "alert missing %s" % k)
        lab = a.get("labels", {})
        for k in ("alertname", "service", "severity"):
            if k not in lab:
                _err(errs, name, "alert missing label %s" % k)
        if lab.get("service") not in services:
            _err(errs, name, "alert service %r not in catalog" % lab.get("service"))
        st = parse_iso(a["startsAt"])
        starts.append(st)
        if st > now:
            _err(errs, name, "alert %s starts after now" % lab.get("alertname"))
        if a["status"] == "firing":
            if a["endsAt"] != ZERO_TIME:
                _err(errs, name, "firing alert must have endsAt %s" % ZERO_TIME)
        elif a["status"] == "resolved":
            en = parse_iso(a["endsAt"])
            if not st < en <= now:
                _err(errs, name, "resolved alert endsAt out of range")
        else:
            _err(errs, name, "bad alert status %r" % a["status"])
        if not re.match(r"^[0-9a-f]{16}$", a.get("fingerprint", "")):
            _err(errs, name, "bad fingerprint")
    if al:
        want = "firing" if any(a["status"] == "firing" for a in al) else "resolved"
        if body.get("status") != want:
            _err(errs, name, "webhook status should be %s" % want)
        common = dict(al[0]["labels"])
        for a in al[1:]:
            common = {k: v for k, v in common.items() if a["labels"].get(k) == v}
        if common != body.get("commonLabels"):
            _err(errs, name, "commonLabels is not the intersection of alert labels")
        lead = (now - min(starts)) / 60.0
        if not 1.5 <= lead <= 15:
            _err(errs, name, "now is %.1f min after the first alert (want a few minutes)" % lead)
    # signals
    if "signals" in sc:
        sigs = json.load(open(os.path.join(path, "signals.json")))
        span_max = 0
        latest = 0
        for s, d in sigs.items():
            if s not in services:
                _err(errs, name, "signals for unknown component %s" % s)
            for sig, pts in d.items():
                if sig not in STD_SIGNALS:
                    _err(errs, name, "non-standard signal %s.%s" % (s, sig))
                if len(pts) < 10:
                    _err(errs, name, "signal %s.%s has too few points" % (s, sig))
                    continue
                ts = [p[0] for p in pts]
                if any(b <= a for a, b in zip(ts, ts[1:])):
                    _err(errs, name, "signal %s.%s timestamps not increasing" % (s, sig))
                diffs = sorted(b - a for a, b in zip(ts, ts[1:]))
                step = diffs[len(diffs) // 2]
                if not 10 <= step <= 120:
                    _err(errs, name, "signal %s.%s step %ss outside 10-120" % (s, sig, step))
                if ts[-1] > now:
                    _err(errs, name, "signal %s.%s ends after now" % (s, sig))
                latest = max(latest, ts[-1])
                span_max = max(span_max, ts[-1] - ts[0])
                for t, v in pts:
                    if not isinstance(v, (int, float)) or v < 0 or (sig in RATIO_SIGNALS and v > 1):
                        _err(errs, name, "signal %s.%s bad value %r" % (s, sig, v))
                        break
        if sigs and latest < now - 300:
            _err(errs, name, "signals end more than 5 min before now")
        if sigs and not 1.4 * 3600 <= span_max <= 4.05 * 3600:
            _err(errs, name, "signals span %.2f h (want 1.5-4 h)" % (span_max / 3600.0))
    # logs
    if "logs" in sc:
        last = 0
        n = 0
        for i, line in enumerate(open(os.path.join(path, "logs.jsonl"))):
            n += 1
            try:
                d = json.loads(line)
            except ValueError:
                _err(errs, name, "logs line %d is not JSON" % (i + 1))
                break
            try:
                t = parse_iso(d["@timestamp"])
                svc = d["service"]["name"]
                d["log"]["level"]
                msg = d["message"]
            except (KeyError, TypeError, ValueError):
                _err(errs, name, "logs line %d missing ECS fields" % (i + 1))
                break
            if svc not in services:
                _err(errs, name, "logs line %d service %s not in catalog" % (i + 1, svc))
                break
            if t > now or t < last or not msg:
                _err(errs, name, "logs line %d out of order, after now, or empty" % (i + 1))
                break
            last = t
        if not 200 <= n <= 6000:
            _err(errs, name, "logs has %d lines (want a few hundred to a few thousand)" % n)
    # deploys
    if "deploys" in sc:
        deps = json.load(open(os.path.join(path, "deploys.json")))
        if not isinstance(deps, list):
            _err(errs, name, "deploys.json must be a list")
            deps = []
        for d in deps:
            for k in ("id", "service", "kind", "version", "previous_version", "started_at", "finished_at",
                      "author", "description"):
                if k not in d:
                    _err(errs, name, "deploy missing %s" % k)
            if d.get("kind") not in DEPLOY_KINDS:
                _err(errs, name, "deploy kind %r invalid" % d.get("kind"))
            if d.get("service") not in services:
                _err(errs, name, "deploy service %r not in catalog" % d.get("service"))
            try:
                if not parse_iso(d["started_at"]) <= parse_iso(d["finished_at"]) <= now:
                    _err(errs, name, "deploy %s times out of order" % d.get("id"))
            except (KeyError, ValueError):
                _err(errs, name, "deploy %s bad times" % d.get("id"))
    return errs


def validate_all(root):
    errs = []
    names = sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "scenario.yaml")))
    if len(names) < 32:
        errs.append("only %d scenario folders (want >= 32)" % len(names))
    causes = {}
    for n in names:
        errs.extend(validate_folder(os.path.join(root, n)))
        try:
            sc = yaml.safe_load(open(os.path.join(root, n, "scenario.yaml")))
            c = sc["expected"]["cause"]
            causes[c] = causes.get(c, 0) + 1
        except Exception:  # noqa
            pass
    for c in CAUSES:
        if causes.get(c, 0) < 3:
            errs.append("cause %s covered %d times (want >= 3)" % (c, causes.get(c, 0)))
    rp = os.path.join(root, "README.md")
    if not os.path.isfile(rp):
        errs.append("README.md missing")
    else:
        text = open(rp).read()
        if "| scenario | step | cause | culprit | distractor |" not in text:
            errs.append("README.md lacks the scenario table header")
        for n in names:
            sc = yaml.safe_load(open(os.path.join(root, n, "scenario.yaml")))
            row = re.search(r"^\| `%s` \| [^|]+ \| (\S+) \| (\S+) \|" % re.escape(n), text, re.M)
            if not row:
                errs.append("README.md has no row for %s" % n)
            elif (row.group(1), row.group(2)) != (sc["expected"]["cause"], sc["expected"]["culprit"]):
                errs.append("README.md row for %s disagrees with scenario.yaml" % n)
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate what is on disk only")
    args = ap.parse_args()
    if not args.check:
        names = [m["name"] for m in SCENARIOS]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise SystemExit("duplicate scenario names: %s" % sorted(dup))
        first = build_all()
        second = build_all()
        if first != second:
            raise SystemExit("generator is not deterministic (two builds differ)")
        for d in os.listdir(HERE):
            p = os.path.join(HERE, d)
            if os.path.isdir(p) and os.path.isfile(os.path.join(p, "scenario.yaml")) and d not in first:
                shutil.rmtree(p)
        for name, files in first.items():
            if name == "README.md":
                continue
            p = os.path.join(HERE, name)
            if os.path.isdir(p):
                shutil.rmtree(p)
            os.makedirs(p)
            for fn, content in files.items():
                with open(os.path.join(p, fn), "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(content)
        with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(first["README.md"])
        print("wrote %d scenarios to %s" % (len(first) - 1, HERE))
    errs = validate_all(HERE)
    if errs:
        sys.stderr.write("VALIDATION FAILED (%d problems):\n  %s\n" % (len(errs), "\n  ".join(errs)))
        return 1
    print("validation ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
