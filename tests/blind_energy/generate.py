#!/usr/bin/env python3
"""Blind incident scenario set for two fictional estates: Gridwise Energy and Pagecraft.

Deterministic: every run writes byte-identical scenario folders and README.md, then
validates them.  `--check` validates what is on disk only.

Only the standard library and PyYAML are used.
"""
import argparse
import calendar
import datetime as dt
import hashlib
import json
import math
import os
import random
import shutil
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
DEPLOY_KINDS = ["deploy", "config", "flag", "infra"]


# --------------------------------------------------------------------------- time helpers
def parse_iso(s):
    s = s.replace("Z", "+00:00")
    d = dt.datetime.fromisoformat(s)
    return calendar.timegm(d.utctimetuple()) + d.microsecond / 1e6


def iso(t, ms=True):
    total_ms = int(round(t * 1000))
    sec, milli = divmod(total_ms, 1000)
    d = dt.datetime.fromtimestamp(sec, dt.timezone.utc)
    if ms:
        return d.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % milli
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def nginx_time(t):
    d = dt.datetime.fromtimestamp(int(t), dt.timezone.utc)
    return d.strftime("%d/%b/%Y:%H:%M:%S +0000")


def klog_time(t):
    d = dt.datetime.fromtimestamp(t, dt.timezone.utc)
    return d.strftime("%m%d %H:%M:%S.") + "%06d" % d.microsecond


def es_time(t):
    d = dt.datetime.fromtimestamp(t, dt.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S,") + "%03d" % (d.microsecond // 1000)


def pg_time(t):
    d = dt.datetime.fromtimestamp(t, dt.timezone.utc)
    return d.strftime("%Y-%m-%d %H:%M:%S.") + "%03d UTC" % (d.microsecond // 1000)


def py_time(t):
    d = dt.datetime.fromtimestamp(t, dt.timezone.utc)
    return d.strftime("%Y-%m-%d %H:%M:%S,") + "%03d" % (d.microsecond // 1000)


def hexid(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def alnum(r, n, alphabet="bcdfghjklmnpqrstvwxz2456789"):
    return "".join(r.choice(alphabet) for _ in range(n))


def uuid(r):
    h = hexid(r, 32)
    return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], "a" + h[17:20], h[20:32])


# --------------------------------------------------------------------------- log formatters
def fmt_routes(r, routes):
    m, p, base = routes[r.randrange(len(routes))]
    p = p.replace("{id}", str(r.randint(10000000, 99999999))).replace(
        "{uuid}", uuid(r)).replace("{n}", str(r.randint(1, 40)))
    ms = max(1, int(r.lognormvariate(math.log(base), 0.45)))
    return m, p, ms


def java_access(pkg, routes, port=8080):
    def f(r, t, s):
        m, p, ms = fmt_routes(r, routes)
        st = 200 if m == "GET" else r.choice([200, 200, 201, 204])
        return ("INFO", "[http-nio-%d-exec-%d] %s.web.RequestLoggingFilter : %s %s -> %d (%d ms)"
                % (port, r.randint(1, 200), pkg, m, p, st, ms), {"logger": pkg + ".web.RequestLoggingFilter"})
    return f


def morgan_access(routes):
    def f(r, t, s):
        m, p, ms = fmt_routes(r, routes)
        st = r.choice([200] * 12 + [304, 204])
        return ("info", "%s %s %d %.3f ms - %d" % (m, p, st, ms + r.random(), r.randint(120, 9000)), {})
    return f


def go_logfmt(routes, caller="server/http.go:118"):
    def f(r, t, s):
        m, p, ms = fmt_routes(r, routes)
        return ("info", 'level=info ts=%s caller=%s msg="request completed" method=%s path=%s status=200 duration=%.1fms'
                % (iso(t), caller, m, p, ms + r.random()), {})
    return f


def go_ecs(routes):
    def f(r, t, s):
        m, p, ms = fmt_routes(r, routes)
        st = r.choice([200] * 15 + [201, 204, 304, 404])
        return ("info", "handled request", {"http": {"request": {"method": m}, "response": {"status_code": st}},
                                            "url": {"path": p}, "event": {"duration": ms * 1000000}})
    return f


def gunicorn_access(routes):
    def f(r, t, s):
        m, p, ms = fmt_routes(r, routes)
        return ("info", '10.%d.%d.%d - - [%s] "%s %s HTTP/1.1" 200 %d "-" "%s" %dms'
                % (r.choice([20, 24]), r.randint(0, 9), r.randint(2, 250), nginx_time(t), m, p,
                   r.randint(200, 12000), r.choice(["python-requests/2.32.3", "Pagecraft-Admin/2.4"]), ms), {})
    return f


def templates(level, items, logger=None):
    """items: list of format strings; placeholders: {n} {k} {id} {ms} {s} {u} {h}."""
    def f(r, t, s):
        tpl = items[r.randrange(len(items))]
        msg = tpl.format(n=r.randint(2, 500), k=r.randint(1, 12), id=r.randint(10000000, 99999999),
                         ms=r.randint(8, 900), s="%.2f" % r.uniform(0.4, 4.0), u=uuid(r), h=hexid(r, 12),
                         ts=iso(t), pyt=py_time(t), est=es_time(t), pgt=pg_time(t), kt=klog_time(t),
                         pid=r.randint(3000, 65000))
        return (level, msg, {"logger": logger} if logger else {})
    return f


def mixed(*gens):
    def f(r, t, s):
        return gens[r.randrange(len(gens))](r, t, s)
    return f


# --------------------------------------------------------------------------- scenario builder
class Scenario:
    def __init__(self, estate, name, now, hours, step, cause, culprit, description, distractor,
                 logwin=80, sigend=None):
        self.E = estate
        self.name = name
        self.r = random.Random(zlib.crc32(name.encode()))
        self.now = parse_iso(now)
        self.now_s = now
        self.step = step
        self.t0 = int((self.now - hours * 3600) // step) * step
        lag = sigend if sigend is not None else self.r.randint(10, 45)
        self.t1 = int((self.now - lag) // step) * step
        self.cause = cause
        self.culprit = culprit
        self.description = " ".join(description.split())
        self.distractor = distractor
        self.logwin = logwin
        self.sigsvc = []          # (svc, [signals])
        self.effects = []
        self.gaps = []
        self.logs = []
        self.deploys = []
        self.alerts = []
        self.omit = set()
        self.pods = {}
        self.noise_scale = {}

    # time helpers: minutes before now -> unix
    def m(self, minutes):
        return self.now - minutes * 60

    def pod(self, svc, i=None):
        if svc not in self.pods:
            rs = alnum(self.r, 10)
            self.pods[svc] = ["%s-%s-%s" % (svc, rs, alnum(self.r, 5)) for _ in range(3)]
        pods = self.pods[svc]
        return pods[self.r.randrange(len(pods))] if i is None else pods[i % len(pods)]

    # ---------------- signals
    def sig(self, *svcs, only=None, drop=()):
        for svc in svcs:
            prof = self.E["services"][svc].get("profile", {})
            names = [n for n in STD_SIGNALS if n in prof and (only is None or n in only) and n not in drop]
            if not names:
                raise SystemExit("%s: %s has no profile signals" % (self.name, svc))
            self.sigsvc.append((svc, names))

    def fx(self, svc, sig, mode, a, b, target, end=None, shape="lin", recover=6):
        self.effects.append((svc, sig, mode, self.m(a), self.m(b), target,
                             None if end is None else self.m(end), shape, recover * 60))

    def gap(self, svc, sig, a, b):
        self.gaps.append((svc, sig, self.m(a), self.m(b)))

    def _factor(self, t, a, b, end, shape, rec):
        if t < a:
            return 0.0
        f = 1.0 if b <= a else min(1.0, (t - a) / (b - a))
        if shape == "exp":
            f = f ** 2.2
        elif shape == "sqrt":
            f = math.sqrt(f)
        if end is not None and t > end:
            f *= max(0.0, 1 - (t - end) / rec)
        return f

    def build_signals(self):
        out = {}
        for svc, names in self.sigsvc:
            prof = self.E["services"][svc]["profile"]
            sr = random.Random(zlib.crc32((self.name + "/" + svc).encode()))
            out.setdefault(svc, {})
            for sig in names:
                base = prof[sig]
                walk = 0.0
                series = []
                t = self.t0
                while t <= self.t1:
                    hour = (t % 86400) / 3600.0
                    diurnal = 1 + 0.32 * math.sin(2 * math.pi * (hour - 11) / 24)
                    if sig == "request_rate":
                        v = base * diurnal * (1 + sr.gauss(0, 0.035))
                    elif sig == "error_ratio":
                        v = abs(base * (1 + sr.gauss(0, 0.35)))
                    elif sig == "latency_p99_seconds":
                        v = base * (1 + abs(sr.gauss(0, 0.07))) * (1.6 if sr.random() < 0.015 else 1)
                    elif sig == "cpu_utilisation":
                        v = base * (0.75 + 0.25 * diurnal) * (1 + sr.gauss(0, 0.045))
                    elif sig == "memory_utilisation":
                        walk = max(-0.03, min(0.03, walk + sr.gauss(0, 0.002)))
                        v = base + walk + sr.gauss(0, 0.004)
                    else:
                        v = base * (1 + sr.gauss(0, 0.07))
                    for (es, esig, mode, a, b, target, end, shape, rec) in self.effects:
                        if es != svc or esig != sig:
                            continue
                        f = self._factor(t, a, b, end, shape, rec)
                        if f <= 0:
                            continue
                        if mode == "mul":
                            v = v * (1 + (target - 1) * f)
                        elif mode == "to":
                            tv = target * (1 + sr.gauss(0, 0.035 if sig != "error_ratio" else 0.09))
                            v = v + (tv - v) * f
                        elif mode == "add":
                            v = v + target * f * (1 + sr.gauss(0, 0.04))
                    skip = any(g[0] == svc and (g[1] is None or g[1] == sig) and g[2] <= t <= g[3]
                               for g in self.gaps)
                    if not skip:
                        v = max(0.0, v)
                        if sig in RATIO_SIGNALS:
                            v = min(1.0, v)
                            v = round(v, 4)
                        elif sig == "latency_p99_seconds":
                            v = round(v, 4)
                        else:
                            v = round(v, 3 if base < 10 else 2)
                        series.append([int(t), v])
                    t += self.step
                out[svc][sig] = series
        return out

    # ---------------- logs
    def log(self, t, svc, level, msg, logger=None, host=None, **extra):
        if t > self.now - 1:
            return
        doc = {"@timestamp": iso(t), "service": {"name": svc}, "log": {"level": level}, "message": msg}
        if logger:
            doc["log"]["logger"] = logger
        doc["host"] = {"name": host or self.E["services"][svc].get("host") or self.pod(svc)}
        for k, v in extra.items():
            doc[k] = v
        self.logs.append((t, len(self.logs), doc))

    def every(self, svc, a, b, every, fn, p=1.0, host=None, jitter=0.9):
        t = self.m(a)
        end = self.m(b)
        while t < end:
            tt = t + self.r.uniform(0, every * jitter)
            if tt < end and self.r.random() < p:
                res = fn(self.r, tt)
                if isinstance(res, str):
                    res = ("ERROR", res)
                lvl, msg = res[0], res[1]
                extra = res[2] if len(res) > 2 else {}
                logger = extra.pop("logger", None) if extra else None
                self.log(tt, svc, lvl, msg, logger=logger, host=host, **(extra or {}))
            t += every

    def bg(self, *svcs, a=None, b=0, every=None, until=None):
        a = self.logwin if a is None else a
        for svc in svcs:
            spec = self.E["services"][svc]
            gen = spec["bg"]
            ev = every or spec.get("bg_every", 60)
            end = b if until is None else until
            self.every(svc, a, end, ev, lambda r, t, gen=gen: _bgwrap(gen, r, t, self))

    # ---------------- deploys and alerts
    def deploy(self, svc, kind, version, prev, start, dur, author, desc, ident=None):
        ident = ident or "%s-%d" % (self.E["change_prefix"], self.r.randint(1200, 9800))
        self.deploys.append({"id": ident, "service": svc, "kind": kind, "version": version,
                             "previous_version": prev, "started_at": iso(self.m(start), ms=False),
                             "finished_at": iso(self.m(start - dur), ms=False), "author": author,
                             "description": desc})

    def alert(self, name, svc, severity, start, summary, description, expr, status="firing", end=None,
              **labels):
        lab = {"alertname": name, "cluster": self.E["cluster"], "service": svc, "severity": severity}
        team = self.E["services"][svc].get("team")
        if team:
            lab["team"] = team
        ns = self.E["services"][svc].get("ns")
        if ns:
            lab["namespace"] = ns
        lab.update(labels)
        lab = dict(sorted(lab.items()))
        ann = {"summary": summary, "description": description,
               "runbook_url": "%s/%s" % (self.E["runbooks"], name.lower())}
        fp = hashlib.sha1(json.dumps(lab, sort_keys=True).encode()).hexdigest()[:16]
        gen = "%s/graph?g0.expr=%s&g0.tab=1" % (self.E["prometheus"], urllib.parse.quote(expr, safe=""))
        self.alerts.append({"status": status, "labels": lab, "annotations": ann,
                            "startsAt": iso(self.m(start)),
                            "endsAt": "0001-01-01T00:00:00Z" if status == "firing" else iso(self.m(end)),
                            "generatorURL": gen, "fingerprint": fp})

    # ---------------- output
    def files(self):
        files = {}
        spec = {"name": self.name, "description": self.description, "now": self.now_s}
        if "alerts" not in self.omit:
            spec["alerts"] = "alerts.json"
            files["alerts.json"] = json.dumps(self.webhook(), indent=2) + "\n"
        spec["catalog"] = "catalog.yaml"
        files["catalog.yaml"] = yaml.safe_dump(self.E["catalog"], sort_keys=False, width=200)
        if "signals" not in self.omit:
            spec["signals"] = "signals.json"
            files["signals.json"] = json.dumps(self.build_signals(), separators=(",", ":")) + "\n"
        if "logs" not in self.omit:
            spec["logs"] = "logs.jsonl"
            docs = [d for _, _, d in sorted(self.logs, key=lambda x: (x[0], x[1]))]
            files["logs.jsonl"] = "".join(json.dumps(d, separators=(",", ":")) + "\n" for d in docs)
        if "deploys" not in self.omit:
            spec["deploys"] = "deploys.json"
            deps = sorted(self.deploys, key=lambda d: d["started_at"])
            files["deploys.json"] = json.dumps(deps, indent=2) + "\n"
        spec["expected"] = {"cause": self.cause, "culprit": self.culprit}
        files["scenario.yaml"] = yaml.safe_dump(spec, sort_keys=False, width=100, allow_unicode=True)
        return files

    def webhook(self):
        alerts = sorted(self.alerts, key=lambda a: a["startsAt"])
        common = dict(alerts[0]["labels"])
        for a in alerts[1:]:
            common = {k: v for k, v in common.items() if a["labels"].get(k) == v}
        cann = dict(alerts[0]["annotations"])
        for a in alerts[1:]:
            cann = {k: v for k, v in cann.items() if a["annotations"].get(k) == v}
        group = {"cluster": self.E["cluster"]}
        return {
            "receiver": self.E["receiver"],
            "status": "firing" if any(a["status"] == "firing" for a in alerts) else "resolved",
            "alerts": alerts,
            "groupLabels": group,
            "commonLabels": common,
            "commonAnnotations": cann,
            "externalURL": self.E["alertmanager"],
            "version": "4",
            "groupKey": '{}/{severity=~"critical|warning"}:{cluster="%s"}' % self.E["cluster"],
            "truncatedAlerts": 0,
        }


def _bgwrap(gen, r, t, s):
    res = gen(r, t, s)
    lvl, msg, extra = res
    return (lvl, msg, dict(extra))


# --------------------------------------------------------------------------- estates
DEFAULT_SIGNALS = {
    "request_rate": 'sum(rate(http_requests_total{service="{service}"}[5m]))',
    "error_ratio": 'sum(rate(http_requests_total{service="{service}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="{service}"}[5m]))',
    "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="{service}"}[5m])))',
    "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{container="{service}"}[5m])) / sum(kube_pod_container_resource_limits{container="{service}",resource="cpu"})',
    "memory_utilisation": 'sum(container_memory_working_set_bytes{container="{service}"}) / sum(kube_pod_container_resource_limits{container="{service}",resource="memory"})',
}


def svc(team=None, tier=None, channel=None, owners=None, deps=(), kind="service", ns=None, profile=None,
        bg=None, bg_every=60, signals=None, host=None):
    return {"kind": kind, "team": team, "tier": tier, "channel": channel, "owners": owners,
            "depends_on": list(deps), "ns": ns, "profile": profile or {}, "bg": bg, "bg_every": bg_every,
            "signals": signals or {}, "host": host}


def build_catalog(services):
    cat = {"defaults": {"signals": dict(DEFAULT_SIGNALS)}, "services": {}}
    for name, s in services.items():
        e = {}
        if s["kind"] != "service":
            e["kind"] = s["kind"]
        for k in ("team", "tier", "channel", "owners"):
            if s[k] is not None:
                e[k] = s[k]
        if s["depends_on"]:
            e["depends_on"] = s["depends_on"]
        if s["signals"] or s["kind"] == "service":
            e["signals"] = s["signals"]
        cat["services"][name] = e
    return cat


def P(rr=None, er=None, lat=None, cpu=None, mem=None, sat=None):
    d = {}
    for k, v in (("request_rate", rr), ("error_ratio", er), ("latency_p99_seconds", lat),
                 ("cpu_utilisation", cpu), ("memory_utilisation", mem), ("saturation", sat)):
        if v is not None:
            d[k] = v
    return d


# ---- Gridwise background generators
GW_INGRESS_UP = [
    ("portal-web", 3000, ["/account", "/account/bills", "/api/account/summary", "/_next/data/b7Qx/account/usage.json",
                          "/api/bills/latest", "/moving-home", "/api/tariffs/quote"]),
    ("mobile-bff", 8080, ["/v3/home", "/v3/usage/daily", "/v3/meter-readings", "/v3/bills", "/v3/session/refresh",
                          "/v3/outages/nearby"]),
    ("outage-map-api", 8080, ["/v1/outages?bbox=-1.9,50.7,-0.6,51.4", "/v1/outages/postcode/SO15", "/v1/outages/INC-{id}"]),
    ("field-dispatch", 8080, ["/api/jobs/today", "/api/jobs/{id}/status", "/api/engineers/{n}/route"]),
]
UA = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Gridwise/5.14.2 (iPhone; iOS 18.2; Scale/3.00)", "Gridwise/5.14.1 (Android 14; SM-S911B)",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1",
      "GridwiseFieldApp/2.8.0 (Android 13; Zebra TC58)"]


def nginx_line(r, t, up, port, path, status, rt, ns="gridwise"):
    path = path.replace("{id}", str(r.randint(10000, 99999))).replace("{n}", str(r.randint(1, 300)))
    m = "POST" if ("readings" in path and r.random() < 0.5) else "GET"
    size = r.randint(300, 14000) if status < 400 else r.randint(150, 600)
    ip = "%d.%d.%d.%d" % (r.choice([81, 86, 92, 109, 2, 31, 176]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    upaddr = "10.244.%d.%d:%d" % (r.randint(1, 14), r.randint(2, 250), port) if status not in (502, 503, 504) else "-"
    return ('%s - - [%s] "%s %s HTTP/2.0" %d %d "-" "%s" %d %.3f [%s-%s-%d] [] %s %d %.3f %d %s'
            % (ip, nginx_time(t), m, path, status, size, r.choice(UA), r.randint(40, 900), rt, ns, up, port, upaddr,
               size, rt, status, hexid(r, 32)))


def gw_ingress_bg(r, t, s):
    up, port, paths = GW_INGRESS_UP[r.choice([0, 0, 0, 1, 1, 1, 1, 2, 3])]
    return ("info", nginx_line(r, t, up, port, r.choice(paths), r.choice([200] * 20 + [304, 302]),
                               r.lognormvariate(math.log(0.08), 0.6)), {})


def coredns_bg(names):
    def f(r, t, s):
        n = r.choice(names)
        q = r.choice(["A", "A", "AAAA"])
        rc = "NOERROR" if not (q == "AAAA" and r.random() < 0.5) else "NOERROR"
        return ("info", '[INFO] 10.244.%d.%d:%d - %d "%s IN %s. udp %d false 512" %s qr,rd,ra %d %.7fs'
                % (r.randint(1, 14), r.randint(2, 250), r.randint(30000, 60999), r.randint(1, 65535), q, n,
                   r.randint(40, 90), rc, r.randint(90, 300), r.uniform(0.00008, 0.0021)), {})
    return f


GW_DNS_NAMES = ["gw-customer-sql.privatelink.database.windows.net", "gw-billing-sql.privatelink.database.windows.net",
                "gw-sessions.redis.cache.windows.net", "gw-prod-sb.servicebus.windows.net",
                "tariff-engine.gridwise-pricing.svc.cluster.local", "account-api.gridwise-accounts.svc.cluster.local",
                "gw-readings.documents.azure.com", "api.twilio.com", "gw-outage.redis.cache.windows.net",
                "billing-engine.gridwise-billing.svc.cluster.local"]


def kubelet_bg(pool_prefix):
    def f(r, t, s):
        pod = r.choice(["gridwise-accounts/account-api", "gridwise-billing/billing-engine", "gridwise-meter/meter-readings-processor",
                        "gridwise-pricing/tariff-engine", "gridwise-web/portal-web", "gridwise-web/mobile-bff"])
        tpl = r.choice([
            'I%s %6d kubelet.go:2459] "SyncLoop (probe)" probe="readiness" status="ready" pod="%s-%s-%s"',
            'I%s %6d kubelet_volumes.go:163] "Cleaned up orphaned pod volumes dir" podUID="%s" path="/var/lib/kubelet/pods/%s/volumes"',
            'I%s %6d prober.go:107] "Probe succeeded" probeType="Liveness" pod="%s-%s-%s" containerName="app"',
        ])
        if "podUID" in tpl:
            u = uuid(r)
            msg = tpl % (klog_time(t), r.randint(2000, 4000), u, u)
        else:
            msg = tpl % (klog_time(t), r.randint(2000, 4000), pod, alnum(r, 10), alnum(r, 5))
        return ("info", msg, {})
    return f


GW = {
    "name": "Gridwise Energy",
    "cluster": "aks-gw-prod-uksouth",
    "receiver": "opsdesk-gridwise",
    "prometheus": "https://prometheus.ops.gridwise.energy",
    "alertmanager": "https://alertmanager.ops.gridwise.energy",
    "runbooks": "https://wiki.gridwise.energy/sre/runbooks",
    "change_prefix": "CHG",
}
GW["services"] = {
    "azure-front-door": svc(kind="infrastructure", profile=P(rr=610, er=0.0015, lat=0.55),
                            signals={"request_rate": 'sum(azure_frontdoor_request_count_rate{profile="gw-prod-afd"})',
                                     "error_ratio": 'sum(azure_frontdoor_origin_5xx_rate{profile="gw-prod-afd"}) / sum(azure_frontdoor_request_count_rate{profile="gw-prod-afd"})',
                                     "latency_p99_seconds": 'max(azure_frontdoor_total_latency_p99_ms{profile="gw-prod-afd"}) / 1000'}),
    "ingress-nginx": svc(kind="infrastructure", team="platform", channel="#platform-oncall", owners=["S0PLATFORM"],
                         ns="ingress-nginx", profile=P(rr=590, er=0.0012, lat=0.42, cpu=0.31, mem=0.44),
                         bg=gw_ingress_bg, bg_every=15,
                         signals={"request_rate": 'sum(rate(nginx_ingress_controller_requests[5m]))',
                                  "error_ratio": 'sum(rate(nginx_ingress_controller_requests{status=~"5.."}[5m])) / sum(rate(nginx_ingress_controller_requests[5m]))',
                                  "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket[5m])))'}),
    "coredns": svc(kind="infrastructure", ns="kube-system", profile=P(rr=2100, er=0.0004, lat=0.0045, cpu=0.22, mem=0.31),
                   bg=coredns_bg(GW_DNS_NAMES), bg_every=40,
                   signals={"request_rate": 'sum(rate(coredns_dns_requests_total[5m]))',
                            "error_ratio": 'sum(rate(coredns_dns_responses_total{rcode="SERVFAIL"}[5m])) / sum(rate(coredns_dns_responses_total[5m]))',
                            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(coredns_dns_request_duration_seconds_bucket[5m])))'}),
    "aks-nodepool-system": svc(kind="infrastructure", profile=P(cpu=0.38, mem=0.57), bg=kubelet_bg("aks-system"), bg_every=240,
                               host="aks-system-21874410-vmss000001",
                               signals={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",agentpool="system"}[5m]))',
                                        "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{agentpool="system"} / node_memory_MemTotal_bytes{agentpool="system"})'}),
    "aks-nodepool-apps": svc(kind="infrastructure", profile=P(cpu=0.52, mem=0.66, sat=0.61), bg=kubelet_bg("aks-apps"), bg_every=150,
                             host="aks-apps-38115417-vmss00000c",
                             signals={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",agentpool="apps"}[5m]))',
                                      "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{agentpool="apps"} / node_memory_MemTotal_bytes{agentpool="apps"})',
                                      "saturation": 'sum(kube_pod_info{node=~"aks-apps-.*"}) / sum(kube_node_status_allocatable{resource="pods",node=~"aks-apps-.*"})'}),
    "aks-nodepool-batch": svc(kind="infrastructure", profile=P(cpu=0.27, mem=0.41), bg=kubelet_bg("aks-batch"), bg_every=300,
                              host="aks-batch-90122876-vmss000003",
                              signals={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",agentpool="batch"}[5m]))',
                                       "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{agentpool="batch"} / node_memory_MemTotal_bytes{agentpool="batch"})'}),
    "portal-web": svc("digital", 1, "#digital-incidents", ["S0DIGITAL"], ["account-api", "tariff-engine", "redis-session", "azure-ad-b2c"],
                      ns="gridwise-web", profile=P(rr=92, er=0.0025, lat=0.62, cpu=0.33, mem=0.52),
                      bg=morgan_access([("GET", "/account", 140), ("GET", "/account/bills", 180), ("GET", "/api/account/summary", 95),
                                        ("GET", "/api/bills/latest", 120), ("POST", "/api/meter-readings", 210),
                                        ("GET", "/api/tariffs/quote?postcode=BN1", 260), ("GET", "/_next/data/b7Qx/account/usage.json", 160)]),
                      bg_every=25),
    "mobile-bff": svc("digital", 1, "#digital-incidents", ["S0DIGITAL", "S0MOBILE"], ["account-api", "outage-map-api", "redis-session", "azure-ad-b2c"],
                      ns="gridwise-web", profile=P(rr=146, er=0.0018, lat=0.41, cpu=0.36, mem=0.47),
                      bg=morgan_access([("GET", "/v3/home", 110), ("GET", "/v3/usage/daily?from=2025-01-01", 160), ("POST", "/v3/meter-readings", 190),
                                        ("GET", "/v3/bills", 130), ("POST", "/v3/session/refresh", 45), ("GET", "/v3/outages/nearby", 80)]),
                      bg_every=20),
    "azure-ad-b2c": svc(kind="external"),
    "account-api": svc("accounts", 1, "#accounts-oncall", ["S0ACCOUNTS"], ["customer-sql", "billing-sql", "tariff-engine", "readings-cosmos"],
                       ns="gridwise-accounts", profile=P(rr=268, er=0.0009, lat=0.24, cpu=0.41, mem=0.63, sat=0.22),
                       signals={"saturation": 'max(hikaricp_connections_active{service="account-api"} / hikaricp_connections_max{service="account-api"})'},
                       bg=java_access("c.g.accounts", [("GET", "/internal/accounts/{id}/summary", 35), ("GET", "/internal/accounts/{id}/bills", 48),
                                                       ("GET", "/internal/accounts/{id}/usage/daily", 61), ("PUT", "/internal/accounts/{id}/contact", 40),
                                                       ("POST", "/internal/accounts/{id}/readings", 52)]), bg_every=20),
    "tariff-engine": svc("pricing", 1, "#pricing-oncall", ["S0PRICING"], ["customer-sql"], ns="gridwise-pricing",
                         profile=P(rr=64, er=0.0007, lat=0.19, cpu=0.36, mem=0.57),
                         bg=java_access("c.g.pricing", [("POST", "/v2/quotes", 42), ("GET", "/v2/tariffs/active?region=SOUTHERN", 12),
                                                        ("POST", "/v2/rates/resolve", 18)]), bg_every=45),
    "billing-engine": svc("billing", 1, "#billing-oncall", ["S0BILLING"], ["billing-sql", "tariff-engine", "servicebus-billing"],
                          ns="gridwise-billing", profile=P(rr=26, er=0.0011, lat=0.95, cpu=0.46, mem=0.65, sat=0.18),
                          signals={"saturation": 'max(hikaricp_connections_active{service="billing-engine"} / hikaricp_connections_max{service="billing-engine"})'},
                          bg=mixed(java_access("c.g.billing", [("POST", "/internal/bills/calculate", 210), ("GET", "/internal/bills/{id}", 30)]),
                                   templates("INFO", ["[bill-run-worker-{k}] c.g.billing.run.BillRunProcessor : Calculated bill for account {id}: 2 meters, 31 days, status=READY",
                                                      "[bill-run-worker-{k}] c.g.billing.run.BillRunProcessor : Published BillCalculated for account {id} to topic billing-events"],
                                             logger="c.g.billing.run.BillRunProcessor")), bg_every=30),
    "invoice-renderer": svc("billing", 2, "#billing-oncall", ["S0BILLING"], ["servicebus-billing", "billing-sql"], ns="gridwise-billing",
                            profile=P(rr=4.2, er=0.002, lat=2.4, cpu=0.48, mem=0.44),
                            signals={"request_rate": 'sum(rate(invoice_renderer_documents_total[5m]))',
                                     "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(invoice_renderer_render_seconds_bucket[5m])))',
                                     "error_ratio": 'sum(rate(invoice_renderer_documents_total{outcome="failed"}[5m])) / sum(rate(invoice_renderer_documents_total[5m]))'},
                            bg=templates("info", ["{pyt} INFO [invoice_renderer.worker] rendered invoice INV-2025-{id} pages=2 size_kb=148 in {s}s",
                                                  "{pyt} INFO [invoice_renderer.worker] uploaded invoices/2025/INV-2025-{id}.pdf to blob container 'invoices'",
                                                  "{pyt} INFO [invoice_renderer.consumer] completed message {h} from billing-events/invoice-renderer"]),
                            bg_every=30),
    "payments-service": svc("payments", 1, "#payments-incidents", ["S0PAYMENTS"], ["customer-sql", "bacs-bureau", "servicebus-billing"],
                            ns="gridwise-payments", profile=P(rr=13, er=0.0012, lat=0.7, cpu=0.22, mem=0.49),
                            bg=java_access("c.g.payments", [("POST", "/internal/mandates", 180), ("GET", "/internal/mandates/{id}", 22),
                                                            ("POST", "/internal/collections/submit", 350)]), bg_every=60),
    "dd-collection-worker": svc("payments", 2, "#payments-incidents", ["S0PAYMENTS"], ["payments-service", "customer-sql"], ns="gridwise-payments",
                                profile=P(rr=2.1, er=0.001, cpu=0.2, mem=0.33),
                                signals={"request_rate": 'sum(rate(dd_collections_submitted_total[5m]))',
                                         "error_ratio": 'sum(rate(dd_collections_submitted_total{result="error"}[5m])) / sum(rate(dd_collections_submitted_total[5m]))'},
                                bg=templates("info", ["{pyt} INFO dd_collection.batch: submitted collection for mandate DDM{id} amount_pence={n}23 due=+3 working days",
                                                      "{pyt} INFO dd_collection.batch: batch {h} progress {n}/2400"]), bg_every=45),
    "bacs-bureau": svc(kind="external"),
    "meter-ingest-gateway": svc("metering", 1, "#metering-oncall", ["S0METERING"], ["mqtt-broker", "servicebus-readings"], ns="gridwise-meter",
                                profile=P(rr=1460, er=0.0005, lat=0.034, cpu=0.43, mem=0.39),
                                signals={"request_rate": 'sum(rate(meter_gateway_messages_received_total[5m]))',
                                         "error_ratio": 'sum(rate(meter_gateway_messages_rejected_total[5m])) / sum(rate(meter_gateway_messages_received_total[5m]))',
                                         "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(meter_gateway_publish_seconds_bucket[5m])))'},
                                bg=templates("info", ['level=info ts={ts} caller=publisher/batch.go:88 msg="batch published" entity=meter-readings count=500 bytes=212384 dur={ms}ms',
                                                      'level=info ts={ts} caller=mqtt/subscriber.go:131 msg="subscription healthy" topic="$share/ingest/meters/+/readings" inflight={n}']),
                                bg_every=30),
    "mqtt-broker": svc(kind="queue", ns="gridwise-meter", profile=P(cpu=0.41, mem=0.52, sat=0.56),
                       signals={"saturation": 'sum(emqx_connections_count) / sum(emqx_connections_max)',
                                "cpu_utilisation": 'avg(rate(container_cpu_usage_seconds_total{container="emqx"}[5m]))',
                                "memory_utilisation": 'avg(container_memory_working_set_bytes{container="emqx"} / container_spec_memory_limit_bytes{container="emqx"})'},
                       bg=templates("info", ["{ts} [info] clientid: MTR-{h}, peername: 10.31.{k}.{n}:51234, msg: client_disconnected, reason: keepalive_timeout",
                                             "{ts} [info] clientid: MTR-{h}, msg: client_connected, proto_ver: 4, keepalive: 300"]),
                       bg_every=50),
    "servicebus-readings": svc(kind="queue", profile=P(sat=0.03),
                               signals={"saturation": 'max(azure_servicebus_size_bytes{entity="meter-readings"}) / (80 * 1024^3)'}),
    "servicebus-billing": svc(kind="queue", profile=P(sat=0.02),
                              signals={"saturation": 'max(azure_servicebus_active_messages{entity="billing-events"}) / 250000'}),
    "servicebus-notifications": svc(kind="queue", profile=P(sat=0.01),
                                    signals={"saturation": 'max(azure_servicebus_active_messages{entity="notifications"}) / 100000'}),
    "meter-readings-processor": svc("metering", 1, "#metering-oncall", ["S0METERING"], ["servicebus-readings", "readings-cosmos"], ns="gridwise-meter",
                                    profile=P(rr=1450, er=0.0004, lat=0.06, cpu=0.49, mem=0.61),
                                    signals={"request_rate": 'sum(rate(readings_processed_total[5m]))',
                                             "error_ratio": 'sum(rate(readings_failed_total[5m])) / sum(rate(readings_processed_total[5m]))',
                                             "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(readings_batch_seconds_bucket[5m])))'},
                                    bg=templates("INFO", ["[sb-receiver-{k}] c.g.readings.ReadingsConsumer : Processed batch of 250 readings in {ms} ms (session {n})",
                                                          "[sb-receiver-{k}] c.g.readings.CosmosWriter : Upserted 250 documents into readings/halfhourly, RU charge 1{n}.4"],
                                                 logger="c.g.readings.ReadingsConsumer"), bg_every=25),
    "dcc-adapter": svc("metering", 1, "#metering-oncall", ["S0METERING"], ["dcc-dsp", "servicebus-readings"], ns="gridwise-meter",
                       profile=P(rr=38, er=0.004, lat=1.8, cpu=0.25, mem=0.5),
                       bg=templates("INFO", ["[duis-sender-{k}] c.g.dcc.DuisClient : SRV 4.1.1 ReadInstantaneousImportRegisters to 00-DB-12-FF-FE-{k}0-{n} accepted, requestId={u}",
                                             "[duis-receiver-{k}] c.g.dcc.ResponseHandler : Received DUIS response GBCSv4.0 for requestId={u}: 250 readings",
                                             "[duis-sender-{k}] c.g.dcc.DuisClient : SRV 4.8 ReadActiveImportProfileData queued for 00-DB-12-FF-FE-{k}1-{n}"],
                                 logger="c.g.dcc.DuisClient"), bg_every=30),
    "dcc-dsp": svc(kind="external"),
    "readings-cosmos": svc(kind="datastore", profile=P(rr=2300, er=0.0008, lat=0.014, sat=0.46),
                           signals={"request_rate": 'sum(azure_cosmosdb_total_requests_rate{account="gw-readings"})',
                                    "error_ratio": 'sum(azure_cosmosdb_total_requests_rate{account="gw-readings",status_code="429"}) / sum(azure_cosmosdb_total_requests_rate{account="gw-readings"})',
                                    "latency_p99_seconds": 'max(azure_cosmosdb_server_side_latency_p99_ms{account="gw-readings"}) / 1000',
                                    "saturation": 'max(azure_cosmosdb_normalized_ru_consumption{account="gw-readings"}) / 100'}),
    "customer-sql": svc(kind="datastore", profile=P(cpu=0.29, sat=0.24, lat=0.009),
                        signals={"cpu_utilisation": 'max(azure_sql_cpu_percent{server="gw-customer-sql"}) / 100',
                                 "saturation": 'max(azure_sql_workers_percent{server="gw-customer-sql"}) / 100',
                                 "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(sql_client_query_seconds_bucket{db="customers"}[5m])))'}),
    "billing-sql": svc(kind="datastore", profile=P(cpu=0.33, sat=0.28, lat=0.011),
                       signals={"cpu_utilisation": 'max(azure_sql_cpu_percent{server="gw-billing-sql"}) / 100',
                                "saturation": 'max(azure_sql_workers_percent{server="gw-billing-sql"}) / 100',
                                "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(sql_client_query_seconds_bucket{db="billing"}[5m])))'}),
    "redis-session": svc(kind="datastore", profile=P(cpu=0.16, mem=0.41, sat=0.19, lat=0.0021),
                         signals={"cpu_utilisation": 'max(azure_redis_server_load{cache="gw-sessions"}) / 100',
                                  "memory_utilisation": 'max(azure_redis_used_memory_percent{cache="gw-sessions"}) / 100',
                                  "saturation": 'max(azure_redis_connected_clients{cache="gw-sessions"}) / 10000',
                                  "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(redis_client_command_seconds_bucket{cache="gw-sessions"}[5m])))'}),
    "outage-redis": svc(kind="datastore", profile=P(cpu=0.12, mem=0.35, sat=0.08, lat=0.0018),
                        signals={"cpu_utilisation": 'max(azure_redis_server_load{cache="gw-outage"}) / 100',
                                 "memory_utilisation": 'max(azure_redis_used_memory_percent{cache="gw-outage"}) / 100',
                                 "saturation": 'max(azure_redis_connected_clients{cache="gw-outage"}) / 1000',
                                 "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(redis_client_command_seconds_bucket{cache="gw-outage"}[5m])))'}),
    "outage-map-api": svc("field-ops", 1, "#outage-map", ["S0FIELDOPS"], ["outage-redis"], ns="gridwise-outage",
                          profile=P(rr=31, er=0.0008, lat=0.13, cpu=0.18, mem=0.36),
                          bg=go_logfmt([("GET", "/v1/outages", 9), ("GET", "/v1/outages/postcode/SO15", 6), ("GET", "/v1/outages/INC-{id}", 4)],
                                       caller="api/handlers.go:77"), bg_every=30),
    "outage-poller": svc("field-ops", 2, "#outage-map", ["S0FIELDOPS"], ["dno-outage-api", "outage-redis"], ns="gridwise-outage",
                         profile=P(rr=0.2, er=0.0, lat=0.9, cpu=0.05, mem=0.21),
                         signals={"request_rate": 'sum(rate(outage_poller_fetch_total[5m]))',
                                  "error_ratio": 'sum(rate(outage_poller_fetch_total{result!="ok"}[5m])) / sum(rate(outage_poller_fetch_total[5m]))',
                                  "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(outage_poller_fetch_seconds_bucket[5m])))'},
                         bg=templates("info", ["{pyt} INFO outage_poller.feed: GET https://api.southerngrid-networks.co.uk/open/v2/incidents?since=... 200 in {s}s (etag changed, {n} incidents)",
                                               "{pyt} INFO outage_poller.store: wrote {n} incidents to redis key outages:current (ttl 900s)"]),
                         bg_every=60),
    "dno-outage-api": svc(kind="external"),
    "notification-service": svc("digital", 2, "#digital-incidents", ["S0DIGITAL"], ["servicebus-notifications", "twilio", "customer-sql"],
                                ns="gridwise-comms", profile=P(rr=16, er=0.004, lat=0.5, cpu=0.14, mem=0.42),
                                bg=templates("info", ["sms sent sid=SM{h}{h} template=outage_update to=+4477******{k}0 status=queued",
                                                      "email sent template=bill_ready messageId=<{u}@mail.gridwise.energy>",
                                                      "consumed message {h} from notifications (deliveryCount=1)"]), bg_every=40),
    "twilio": svc(kind="external"),
    "field-dispatch": svc("field-ops", 2, "#field-ops-oncall", ["S0FIELDOPS"], ["dispatch-sql", "geo-routing-api", "servicebus-notifications"],
                          ns="gridwise-field", profile=P(rr=19, er=0.001, lat=0.32, cpu=0.2, mem=0.55, sat=0.15),
                          signals={"saturation": 'max(hikaricp_connections_active{service="field-dispatch"} / hikaricp_connections_max{service="field-dispatch"})'},
                          bg=java_access("c.g.dispatch", [("GET", "/api/jobs/today?engineer={n}", 60), ("PATCH", "/api/jobs/{id}/status", 35),
                                                          ("GET", "/api/engineers/{n}/route", 140)]), bg_every=45),
    "dispatch-sql": svc(kind="datastore", profile=P(cpu=0.18, sat=0.12),
                        signals={"cpu_utilisation": 'max(azure_sql_cpu_percent{server="gw-dispatch-sql"}) / 100',
                                 "saturation": 'max(azure_sql_sessions_percent{server="gw-dispatch-sql"}) / 100'}),
    "geo-routing-api": svc(kind="external"),
}
GW["catalog"] = build_catalog(GW["services"])


# ---- Pagecraft
def envoy_line(r, t, method, path, status, flags, up_cluster, dur, ua="Go-http-client/1.1", detail="via_upstream"):
    return ('[%s] "%s %s HTTP/1.1" %d %s %s - "-" 0 %d %d %s "-" "%s" "%s" "%s" "%s"'
            % (iso(t), method, path, status, flags, detail, r.randint(0, 4000) if status < 500 else 95, dur,
               "-" if status >= 500 else str(max(0, dur - 1)), ua, uuid(r), up_cluster.split("|")[-1],
               "10.8.%d.%d:8080" % (r.randint(0, 31), r.randint(2, 250)) if status < 500 else "-"))


def pc_kubelet_bg(r, t, s):
    pod = r.choice(["content/content-api", "search/search-api", "media/image-resizer", "editor/editor-collab", "hooks/webhook-dispatcher"])
    return ("info", 'I%s %6d kubelet.go:2459] "SyncLoop (probe)" probe="readiness" status="ready" pod="%s-%s-%s"'
            % (klog_time(t), r.randint(1800, 2600), pod, alnum(r, 10), alnum(r, 5)), {})


PC = {
    "name": "Pagecraft",
    "cluster": "gke-pc-prod-euw1",
    "receiver": "opsdesk-pagecraft",
    "prometheus": "https://prometheus.internal.pagecraft.io",
    "alertmanager": "https://alertmanager.internal.pagecraft.io",
    "runbooks": "https://pagecraft.atlassian.net/wiki/spaces/SRE/pages/runbooks",
    "change_prefix": "PC-CHG",
}
PC["services"] = {
    "gclb": svc(kind="infrastructure", profile=P(rr=1350, er=0.0009, lat=0.38),
                signals={"request_rate": 'sum(rate(loadbalancing_https_request_count{forwarding_rule="pc-prod-https"}[5m]))',
                         "error_ratio": 'sum(rate(loadbalancing_https_request_count{forwarding_rule="pc-prod-https",response_code_class="500"}[5m])) / sum(rate(loadbalancing_https_request_count{forwarding_rule="pc-prod-https"}[5m]))',
                         "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(loadbalancing_https_total_latencies_bucket{forwarding_rule="pc-prod-https"}[5m]))) / 1000'}),
    "asm-mesh": svc(kind="infrastructure", ns="istio-system",
                    bg=templates("info", ["{ts}\tinfo\tads\tPush debounce stable[{n}] 1 for config ServiceEntry/hooks/customer-egress: 100.2ms since last change, 100.2ms since last push, full=true",
                                          "{ts}\tinfo\tads\tXDS: Pushing Services:214 ConnectedEndpoints:{n}4 Version:2025-02-1{k}T10:00:00Z/{n}"]), bg_every=120),
    "kube-dns": svc(kind="infrastructure", ns="kube-system"),
    "gke-pool-standard": svc(kind="infrastructure", profile=P(cpu=0.48, mem=0.63, sat=0.58), bg=pc_kubelet_bg, bg_every=120,
                             host="gke-pc-prod-euw1-standard-7c1e04b2-x3kq",
                             signals={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",cloud_google_com_gke_nodepool="standard"}[5m]))',
                                      "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{cloud_google_com_gke_nodepool="standard"} / node_memory_MemTotal_bytes{cloud_google_com_gke_nodepool="standard"})',
                                      "saturation": 'sum(kube_pod_container_resource_requests{resource="cpu",node=~".*-standard-.*"}) / sum(kube_node_status_allocatable{resource="cpu",node=~".*-standard-.*"})'}),
    "gke-pool-spot": svc(kind="infrastructure", profile=P(cpu=0.62, mem=0.51, sat=0.7), bg=pc_kubelet_bg, bg_every=240,
                         host="gke-pc-prod-euw1-spot-e1a9d3f0-m2vd",
                         signals={"cpu_utilisation": 'avg(1 - rate(node_cpu_seconds_total{mode="idle",cloud_google_com_gke_nodepool="spot"}[5m]))',
                                  "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{cloud_google_com_gke_nodepool="spot"} / node_memory_MemTotal_bytes{cloud_google_com_gke_nodepool="spot"})',
                                  "saturation": 'sum(kube_pod_container_resource_requests{resource="cpu",node=~".*-spot-.*"}) / sum(kube_node_status_allocatable{resource="cpu",node=~".*-spot-.*"})'}),
    "cloud-dns": svc(kind="infrastructure"),
    "content-api": svc("content-platform", 1, "#content-platform-oncall", ["S0CONTENT"], ["content-db", "memorystore-redis", "auth-service", "pubsub-content-events"],
                       ns="content", profile=P(rr=930, er=0.0008, lat=0.14, cpu=0.44, mem=0.51),
                       bg=go_ecs([("GET", "/v2/spaces/sp_{n}/entries", 22), ("GET", "/v2/spaces/sp_{n}/entries/{uuid}", 9),
                                  ("POST", "/v2/spaces/sp_{n}/entries/{uuid}/publish", 48), ("GET", "/v2/spaces/sp_{n}/assets/{uuid}", 7),
                                  ("GET", "/graphql", 35)]), bg_every=8),
    "content-db": svc(kind="datastore", ns="content", profile=P(cpu=0.34, mem=0.71, sat=0.38, lat=0.006),
                      signals={"cpu_utilisation": 'avg(cloudsql_database_cpu_utilization{database_id="pc-prod:content-db"})',
                               "memory_utilisation": 'avg(cloudsql_database_memory_utilization{database_id="pc-prod:content-db"})',
                               "saturation": 'sum(cloudsql_database_postgresql_num_backends{database_id="pc-prod:content-db"}) / 800',
                               "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(pgx_query_duration_seconds_bucket{db="content"}[5m])))'},
                      bg=templates("info", ["{pgt} [{pid}]: [1-1] db=,user= LOG:  checkpoint complete: wrote {n}1 buffers (0.{k}%); 0 WAL file(s) added, 0 removed, 3 recycled; write=26.9{k} s, sync=0.004 s, total=27.01 s",
                                            "{pgt} [{pid}]: [1-1] db=content,user=content_api LOG:  duration: 1{n}.3{k} ms  execute <unnamed>: SELECT e.id, e.fields FROM entries e WHERE e.space_id = $1 AND e.locale = $2 ORDER BY e.updated_at DESC LIMIT 100",
                                            "{pgt} [{pid}]: [1-1] db=,user= LOG:  automatic vacuum of table \"content.public.entry_versions\": index scans: 1"]),
                      bg_every=150),
    "memorystore-redis": svc(kind="datastore", profile=P(cpu=0.21, mem=0.46, sat=0.17, lat=0.0016),
                             signals={"cpu_utilisation": 'max(redis_stats_cpu_utilization{instance_id="pc-prod-cache"})',
                                      "memory_utilisation": 'max(redis_stats_memory_usage_ratio{instance_id="pc-prod-cache"})',
                                      "saturation": 'max(redis_clients_connected{instance_id="pc-prod-cache"}) / 65000',
                                      "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(redis_client_cmd_duration_seconds_bucket[5m])))'}),
    "auth-service": svc("identity", 1, "#identity-oncall", ["S0IDENTITY"], ["content-db", "memorystore-redis"], ns="identity",
                        profile=P(rr=520, er=0.0004, lat=0.018, cpu=0.24, mem=0.38),
                        bg=go_ecs([("POST", "/oauth/token", 12), ("GET", "/.well-known/jwks.json", 1), ("POST", "/v1/introspect", 4)]), bg_every=20),
    "sso-gateway": svc("identity", 1, "#identity-oncall", ["S0IDENTITY"], ["okta", "auth-service"], ns="identity",
                       profile=P(rr=8.5, er=0.002, lat=0.9, cpu=0.09, mem=0.33),
                       bg=templates("info", ['{{"level":30,"time":"{ts}","msg":"oidc callback completed","tenant":"t_{n}","idp":"okta","durationMs":{ms}}}',
                                             '{{"level":30,"time":"{ts}","msg":"saml assertion accepted","tenant":"t_{n}","idp":"okta","nameIdFormat":"emailAddress"}}',
                                             '{{"level":30,"time":"{ts}","msg":"session issued","tenant":"t_{n}","ttl":28800}}']), bg_every=45),
    "okta": svc(kind="external"),
    "editor-web": svc("editor", 1, "#editor-oncall", ["S0EDITOR"], ["content-api", "auth-service", "editor-collab", "preview-renderer"], ns="editor",
                      profile=P(rr=64, er=0.0015, lat=0.28, cpu=0.21, mem=0.44),
                      bg=morgan_access([("GET", "/spaces/sp_{n}/entries", 120), ("GET", "/api/session", 20), ("PUT", "/api/entries/{uuid}/draft", 80),
                                        ("GET", "/api/preview/{uuid}", 300)]), bg_every=30),
    "editor-collab": svc("editor", 1, "#editor-oncall", ["S0EDITOR"], ["memorystore-redis", "content-api"], ns="editor",
                         profile=P(rr=240, er=0.0006, lat=0.045, cpu=0.29, mem=0.41, sat=0.18),
                         signals={"request_rate": 'sum(rate(collab_ws_messages_total[5m]))',
                                  "error_ratio": 'sum(rate(collab_ws_errors_total[5m])) / sum(rate(collab_ws_messages_total[5m]))',
                                  "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(collab_ws_roundtrip_seconds_bucket[5m])))',
                                  "saturation": 'max(process_open_fds{service="editor-collab"} / process_max_fds{service="editor-collab"})'},
                         bg=templates("info", ['{{"level":30,"time":"{ts}","msg":"ws connection opened","doc":"{u}","clients":{k}}}',
                                               '{{"level":30,"time":"{ts}","msg":"snapshot persisted","doc":"{u}","version":{n}{k},"bytes":{n}21}}',
                                               '{{"level":30,"time":"{ts}","msg":"ws connection closed","doc":"{u}","code":1001,"reason":"going away"}}']),
                         bg_every=25),
    "preview-renderer": svc("editor", 2, "#editor-oncall", ["S0EDITOR"], ["content-api"], ns="editor",
                            profile=P(rr=41, er=0.002, lat=0.8, cpu=0.31, mem=0.55),
                            bg=morgan_access([("GET", "/render/sp_{n}/{uuid}?locale=en-GB", 340), ("GET", "/healthz", 2)]), bg_every=45),
    "media-api": svc("media", 1, "#media-oncall", ["S0MEDIA"], ["gcs-media", "pubsub-transcode-jobs", "content-db", "auth-service"], ns="media",
                     profile=P(rr=27, er=0.001, lat=0.45, cpu=0.2, mem=0.37),
                     bg=go_ecs([("POST", "/v1/uploads", 180), ("PUT", "/v1/uploads/{uuid}/parts/{n}", 240), ("POST", "/v1/uploads/{uuid}/complete", 60),
                                ("GET", "/v1/assets/{uuid}", 15)]), bg_every=40),
    "gcs-media": svc(kind="datastore"),
    "pubsub-transcode-jobs": svc(kind="queue", profile=P(sat=0.02),
                                 signals={"saturation": 'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="transcode-jobs-workers"}) / 3600'}),
    "transcode-worker": svc("media", 2, "#media-oncall", ["S0MEDIA"], ["pubsub-transcode-jobs", "gcs-media", "pubsub-content-events"], ns="media",
                            profile=P(rr=0.85, er=0.004, lat=95.0, cpu=0.71, mem=0.56),
                            signals={"request_rate": 'sum(rate(transcode_jobs_completed_total[5m]))',
                                     "error_ratio": 'sum(rate(transcode_jobs_failed_total[5m])) / sum(rate(transcode_jobs_completed_total[5m]) + rate(transcode_jobs_failed_total[5m]))',
                                     "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(transcode_job_duration_seconds_bucket[5m])))'},
                            bg=templates("info", ["{pyt} INFO [transcode.worker] job={u} rendition=1080p codec=h264 ffmpeg exit=0 in {n}.{k}s",
                                                  "{pyt} INFO [transcode.worker] job={u} uploaded 4 renditions to gs://pc-prod-media/renditions/",
                                                  "{pyt} INFO [transcode.pubsub] acked message {id}{k} on transcode-jobs-workers"]), bg_every=40),
    "image-resizer": svc("media", 1, "#media-oncall", ["S0MEDIA"], ["gcs-media", "memorystore-redis"], ns="media",
                         profile=P(rr=310, er=0.0007, lat=0.095, cpu=0.38, mem=0.42),
                         bg=go_ecs([("GET", "/img/sp_{n}/{uuid}/w_1200,f_webp", 40), ("GET", "/img/sp_{n}/{uuid}/w_320,f_avif", 25)]), bg_every=15),
    "search-api": svc("discovery", 1, "#discovery-oncall", ["S0DISCOVERY"], ["elasticsearch", "auth-service"], ns="search",
                      profile=P(rr=185, er=0.0006, lat=0.085, cpu=0.33, mem=0.6),
                      bg=java_access("i.p.search", [("GET", "/v1/spaces/sp_{n}/search?q=...", 28), ("GET", "/v1/spaces/sp_{n}/suggest?q=...", 9)]), bg_every=20),
    "search-indexer": svc("discovery", 2, "#discovery-oncall", ["S0DISCOVERY"], ["pubsub-content-events", "elasticsearch", "content-api"], ns="search",
                          profile=P(rr=140, er=0.0005, lat=0.3, cpu=0.35, mem=0.58),
                          signals={"request_rate": 'sum(rate(indexer_documents_indexed_total[5m]))',
                                   "error_ratio": 'sum(rate(indexer_documents_failed_total[5m])) / sum(rate(indexer_documents_indexed_total[5m]))',
                                   "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(indexer_bulk_seconds_bucket[5m])))',
                                   "memory_utilisation": 'max(jvm_memory_used_bytes{area="heap",service="search-indexer"} / jvm_memory_max_bytes{area="heap",service="search-indexer"})'},
                          bg=templates("INFO", ["[indexer-{k}] i.p.indexer.BulkWriter : Bulk request to articles-v7 completed: {n} items, took {ms}ms, errors=false",
                                                "[pubsub-subscriber-{k}] i.p.indexer.EventListener : Acked {n} content events (entry.published, entry.updated)"],
                                       logger="i.p.indexer.BulkWriter"), bg_every=30),
    "elasticsearch": svc(kind="datastore", ns="search", profile=P(rr=420, er=0.0003, lat=0.035, cpu=0.41, mem=0.69, sat=0.04),
                         signals={"request_rate": 'sum(rate(elasticsearch_indices_search_query_total[5m]))',
                                  "error_ratio": 'sum(rate(elasticsearch_thread_pool_rejected_count{type="search"}[5m])) / sum(rate(elasticsearch_indices_search_query_total[5m]))',
                                  "latency_p99_seconds": 'max(elasticsearch_search_latency_p99_seconds)',
                                  "cpu_utilisation": 'avg(elasticsearch_process_cpu_percent) / 100',
                                  "memory_utilisation": 'max(elasticsearch_jvm_memory_used_bytes{area="heap"} / elasticsearch_jvm_memory_max_bytes{area="heap"})',
                                  "saturation": 'max(elasticsearch_thread_pool_queue_count{type="search"}) / 1000'},
                         bg=templates("INFO", ["[{est}][INFO ][o.e.m.j.JvmGcMonitorService] [es-data-{k}] [gc][{n}{k}] overhead, spent [3{k}1ms] collecting in the last [1s]",
                                               "[{est}][INFO ][o.e.c.m.MetadataMappingService] [es-master-1] [articles-v7/Zx3{h}] update_mapping [_doc]"]),
                         bg_every=300),
    "pubsub-content-events": svc(kind="queue", profile=P(sat=0.01),
                                 signals={"saturation": 'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="content-events-indexer"}) / 3600'}),
    "webhook-dispatcher": svc("integrations", 2, "#integrations-oncall", ["S0INTEGRATIONS"], ["pubsub-webhooks", "content-db"], ns="hooks",
                              profile=P(rr=74, er=0.018, lat=1.9, cpu=0.22, mem=0.35),
                              signals={"request_rate": 'sum(rate(webhook_deliveries_total[5m]))',
                                       "error_ratio": 'sum(rate(webhook_deliveries_total{outcome!="delivered"}[5m])) / sum(rate(webhook_deliveries_total[5m]))',
                                       "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(webhook_delivery_seconds_bucket[5m])))'},
                              bg=templates("info", ['level=info ts={ts} caller=dispatch/worker.go:164 msg="webhook delivered" subscription=whs_{h} event=entry.publish status=200 attempt=1 dur={ms}ms',
                                                    'level=info ts={ts} caller=dispatch/worker.go:164 msg="webhook delivered" subscription=whs_{h} event=asset.create status=204 attempt=1 dur={ms}ms',
                                                    'level=warn ts={ts} caller=dispatch/worker.go:189 msg="webhook delivery failed, scheduling retry" subscription=whs_{h} status=404 attempt=2 backoff=30s']),
                              bg_every=20),
    "pubsub-webhooks": svc(kind="queue", profile=P(sat=0.01),
                           signals={"saturation": 'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="webhooks-dispatcher"}) / 3600'}),
    "cdn-purge-worker": svc("content-platform", 2, "#content-platform-oncall", ["S0CONTENT"], ["pubsub-cdn-purge", "fastly-api"], ns="content",
                            profile=P(rr=6.5, er=0.001, lat=0.42, cpu=0.06, mem=0.24),
                            signals={"request_rate": 'sum(rate(cdn_purge_requests_total[5m]))',
                                     "error_ratio": 'sum(rate(cdn_purge_requests_total{status!~"2.."}[5m])) / sum(rate(cdn_purge_requests_total[5m]))',
                                     "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(cdn_purge_request_seconds_bucket[5m])))'},
                            bg=templates("info", ["{pyt} INFO [purge.worker] POST https://api.fastly.com/service/4kP9xQ2mVbT7sRz1yLwN0e/purge surrogate_keys={n} -> 200 in 0.{k}2s",
                                                  "{pyt} INFO [purge.worker] acked {k} messages on cdn-purge-worker"]), bg_every=40),
    "pubsub-cdn-purge": svc(kind="queue", profile=P(sat=0.005),
                            signals={"saturation": 'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="cdn-purge-worker"}) / 3600'}),
    "fastly-api": svc(kind="external"),
    "usage-metering": svc("billing-platform", 3, "#billing-platform", ["S0BILLPLAT"], ["content-db", "pubsub-content-events"], ns="billing",
                          profile=P(rr=5.2, er=0.001, lat=0.6, cpu=0.12, mem=0.3),
                          bg=templates("info", ["{pyt} INFO usage.aggregate: rolled up {n} api_call events for space sp_{k}{n} window=5m",
                                                "{pyt} INFO usage.export: wrote usage batch {h} to BigQuery pc_prod_usage.api_calls ({n} rows)"]),
                          bg_every=90),
    "tenant-admin-api": svc("billing-platform", 3, "#billing-platform", ["S0BILLPLAT"], ["content-db", "auth-service"], ns="billing",
                            profile=P(rr=14, er=0.001, lat=0.3, cpu=0.1, mem=0.4),
                            bg=gunicorn_access([("GET", "/api/tenants/t_{n}/plan", 40), ("GET", "/api/tenants/t_{n}/members", 60)]), bg_every=90),
}
PC["catalog"] = build_catalog(PC["services"])


# =========================================================================== Gridwise scenarios
def ip(r):
    return "10.244.%d.%d" % (r.randint(1, 14), r.randint(2, 250))


def g_dns():
    s = Scenario(GW, "portal-and-app-errors-across-unrelated-pages", "2025-01-14T08:52:00Z", 2.5, 30,
                 "infrastructure", "coredns",
                 """Monday-morning peak: customers report the portal and the app failing on several different pages
                 (account summary, outage map, SMS confirmations not arriving). Account API paged at 08:45, outage-map
                 latency and notification errors followed within two minutes. Nothing obvious in common between the
                 failing services.""",
                 "notification-service deploy 23 min before; resolved Cosmos throttling alert in body")
    s.sig("account-api", "portal-web", "mobile-bff", "outage-map-api", "notification-service", "tariff-engine",
          "billing-engine", "customer-sql", "aks-nodepool-system")
    s.sig("coredns", only=["request_rate", "error_ratio", "latency_p99_seconds"])
    s.fx("coredns", "latency_p99_seconds", "to", 14, 11, 2.4)
    s.fx("coredns", "error_ratio", "to", 14, 11, 0.09)
    s.fx("coredns", "request_rate", "mul", 14, 11, 1.7)
    s.fx("account-api", "error_ratio", "to", 13, 9, 0.11)
    s.fx("account-api", "latency_p99_seconds", "to", 13, 10, 5.3)
    s.fx("portal-web", "error_ratio", "to", 13, 9, 0.07)
    s.fx("portal-web", "latency_p99_seconds", "to", 13, 9, 6.1)
    s.fx("mobile-bff", "error_ratio", "to", 13, 9, 0.05)
    s.fx("outage-map-api", "latency_p99_seconds", "to", 13, 10, 2.6)
    s.fx("outage-map-api", "error_ratio", "to", 13, 10, 0.03)
    s.fx("notification-service", "error_ratio", "to", 13, 10, 0.21)
    s.fx("tariff-engine", "error_ratio", "to", 12, 9, 0.02)
    s.fx("billing-engine", "error_ratio", "to", 12, 9, 0.04)
    s.fx("customer-sql", "cpu_utilisation", "mul", 13, 10, 0.8)
    s.fx("account-api", "cpu_utilisation", "mul", 13, 10, 0.75)
    s.bg("ingress-nginx", "portal-web", "mobile-bff", "account-api", "tariff-engine", "billing-engine", "outage-map-api",
         "notification-service", a=60)
    s.bg("coredns", a=60, until=14)
    cpods = ["coredns-7b9d4f6c5d-2xkqp", "coredns-7b9d4f6c5d-hz8wm"]
    s.every("coredns", 14, 0, 20, lambda r, t: ("error", "[ERROR] plugin/errors: 2 %s. %s: read udp %s:%d->168.63.129.16:53: i/o timeout"
                                                % (r.choice(GW_DNS_NAMES[:4] + GW_DNS_NAMES[6:9]), r.choice(["A", "AAAA"]), "10.244.0.14",
                                                   r.randint(30000, 60000))), host=cpods[0], p=0.3)
    s.every("coredns", 14, 0, 60, lambda r, t: ("error", '[ERROR] plugin/kubernetes: pkg/mod/k8s.io/client-go@v0.29.3/tools/cache/reflector.go:229: Failed to watch *v1.EndpointSlice: Get "https://10.0.0.1:443/apis/discovery.k8s.io/v1/endpointslices?allowWatchBookmarks=true&resourceVersion=%d&timeout=6m27s&timeoutSeconds=387&watch=true": dial tcp 10.0.0.1:443: i/o timeout' % r.randint(10 ** 8, 10 ** 9)), host=cpods[0], p=0.7)
    s.every("coredns", 13, 0, 45, lambda r, t: ("warning", '[WARNING] plugin/health: Local health request to "http://:8080/health" took more than 1s: %.3fs' % r.uniform(1.1, 3.9)),
            host=cpods[0])
    s.every("coredns", 14, 0, 30, lambda r, t: ("info", '[INFO] %s:%d - %d "A IN %s. udp 71 false 512" NOERROR qr,rd,ra 140 %.6fs'
                                                % (ip(r), r.randint(30000, 60000), r.randint(1, 65535), r.choice(GW_DNS_NAMES), r.uniform(0.8, 4.8))),
            host=cpods[1])
    s.every("aks-nodepool-system", 12, 0, 70, lambda r, t: ("info", 'I%s    2871 prober.go:107] "Probe failed" probeType="Liveness" pod="kube-system/coredns-7b9d4f6c5d-2xkqp" podUID="%s" containerName="coredns" probeResult="failure" output="Get \\"http://10.244.0.14:8080/health\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"'
                                                            % (klog_time(t), uuid(r))), host="aks-system-21874410-vmss000001")
    s.log(s.m(8.2), "aks-nodepool-system", "info", 'I%s    2871 kuberuntime_container.go:779] "Killing container with a grace period" pod="kube-system/coredns-7b9d4f6c5d-2xkqp" containerName="coredns" containerID="containerd://%s" gracePeriod=30' % (klog_time(s.m(8.2)), hexid(s.r, 64)), host="aks-system-21874410-vmss000001")
    s.log(s.m(5.4), "aks-nodepool-system", "info", 'I%s    2871 kuberuntime_manager.go:1057] "Back-off restarting failed container" containerName="coredns" pod="kube-system/coredns-7b9d4f6c5d-2xkqp"' % klog_time(s.m(5.4)), host="aks-system-21874410-vmss000001")
    s.every("account-api", 13, 0, 9, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] c.g.accounts.web.GlobalExceptionHandler : Request GET /internal/accounts/%d/summary failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host gw-customer-sql.privatelink.database.windows.net, port 1433 has failed. Error: \"gw-customer-sql.privatelink.database.windows.net: Temporary failure in name resolution\""
                                                   % (r.randint(1, 200), r.randint(10000000, 99999999)), {"logger": "c.g.accounts.web.GlobalExceptionHandler"}))
    s.every("account-api", 12, 0, 40, lambda r, t: ("WARN", "[http-nio-8080-exec-%d] c.g.accounts.client.TariffClient : I/O error on POST request for \"http://tariff-engine.gridwise-pricing.svc.cluster.local/v2/rates/resolve\": tariff-engine.gridwise-pricing.svc.cluster.local; nested exception is java.net.UnknownHostException: tariff-engine.gridwise-pricing.svc.cluster.local" % r.randint(1, 200),
                                                    {"logger": "c.g.accounts.client.TariffClient"}))
    s.every("outage-map-api", 13, 0, 25, lambda r, t: ("error", 'level=error ts=%s caller=store/redis.go:54 msg="redis GET failed" key=outages:current err="dial tcp: lookup gw-outage.redis.cache.windows.net on 10.0.0.10:53: read udp %s:%d->10.0.0.10:53: i/o timeout"'
                                                       % (iso(t), ip(r), r.randint(30000, 60000))))
    s.every("notification-service", 13, 0, 20, lambda r, t: ("error", "sms send failed template=outage_update attempt=%d err=Error: getaddrinfo EAI_AGAIN api.twilio.com at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:109:26)" % r.randint(1, 3)))
    s.every("billing-engine", 12, 0, 60, lambda r, t: ("ERROR", "[bill-run-worker-%d] c.g.billing.run.BillRunProcessor : Failed to publish BillCalculated for account %d: com.azure.core.amqp.exception.AmqpException: Temporary failure in name resolution: gw-prod-sb.servicebus.windows.net, errorContext[NAMESPACE: gw-prod-sb.servicebus.windows.net. ERROR CONTEXT: N/A]"
                                                       % (r.randint(1, 8), r.randint(10000000, 99999999)), {"logger": "c.g.billing.run.BillRunProcessor"}))
    s.every("portal-web", 12, 0, 15, lambda r, t: ("error", "GET /api/account/summary 502 %d.%03d ms - 64 upstream account-api responded 500" % (r.randint(5000, 9000), r.randint(0, 999))))
    s.deploy("notification-service", "deploy", "2025.01.14-1", "2025.01.09-3", 23, 4, "hannah.okafor",
             "CHG-5521: add Welsh-language templates for planned-outage SMS; no change to send path", ident="CHG-5521")
    s.deploy("portal-web", "deploy", "4.38.0", "4.37.2", 1630, 6, "deploy-bot", "Weekly portal release 4.38.0 (moving-home form copy changes)")
    s.alert("AccountApiHighErrorRate", "account-api", "critical", 7, "account-api 5xx ratio above 5%",
            "11.4% of requests to account-api returned 5xx over the last 5 minutes.",
            'sum(rate(http_requests_total{service="account-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="account-api"}[5m])) > 0.05')
    s.alert("OutageMapApiLatencyHigh", "outage-map-api", "warning", 6, "outage-map-api p99 latency above 1s",
            "p99 latency is 2.6s (SLO 500ms).",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="outage-map-api"}[5m]))) > 1')
    s.alert("NotificationSendFailures", "notification-service", "warning", 5, "notification-service send failures above 10%",
            "21% of SMS/email sends are failing.",
            'sum(rate(notifications_sent_total{result="error"}[5m])) / sum(rate(notifications_sent_total[5m])) > 0.1')
    s.alert("CosmosThrottlingHigh", "readings-cosmos", "warning", 95, "readings-cosmos 429 ratio above 2%",
            "Normalized RU consumption hit 100% on partition range 14.",
            'sum(azure_cosmosdb_total_requests_rate{account="gw-readings",status_code="429"}) / sum(azure_cosmosdb_total_requests_rate{account="gw-readings"}) > 0.02',
            status="resolved", end=82)
    return s


def g_nodes():
    s = Scenario(GW, "meter-readings-and-bill-runs-pods-restarting", "2025-02-03T14:27:00Z", 3, 60,
                 "infrastructure", "aks-nodepool-apps",
                 """Readings processor lag alert at 14:21 and billing-engine errors right after. Pods for several
                 teams are restarting or stuck Pending; tariff quotes also intermittently failing. Batch collection
                 job is running hot at the same time.""",
                 "noisy neighbour: dd-collection-worker batch run on batch pool; victim alerts louder than the platform")
    s.sig("meter-readings-processor", "billing-engine", "tariff-engine", "account-api", "portal-web", "dd-collection-worker",
          "aks-nodepool-batch", "aks-nodepool-system", "servicebus-readings", "meter-ingest-gateway")
    s.sig("aks-nodepool-apps")
    s.gap("aks-nodepool-apps", None, 11, 9)
    s.fx("aks-nodepool-apps", "cpu_utilisation", "to", 16, 12, 0.83)
    s.fx("aks-nodepool-apps", "memory_utilisation", "to", 16, 12, 0.88)
    s.fx("aks-nodepool-apps", "saturation", "to", 14, 8, 0.97)
    s.fx("meter-readings-processor", "request_rate", "mul", 14, 10, 0.38)
    s.fx("meter-readings-processor", "error_ratio", "to", 14, 10, 0.02)
    s.fx("servicebus-readings", "saturation", "to", 14, 0, 0.19)
    s.fx("billing-engine", "error_ratio", "to", 13, 9, 0.14)
    s.fx("billing-engine", "latency_p99_seconds", "to", 13, 9, 8.5)
    s.fx("tariff-engine", "error_ratio", "to", 13, 9, 0.06)
    s.fx("tariff-engine", "latency_p99_seconds", "to", 13, 9, 3.2)
    s.fx("account-api", "error_ratio", "to", 12, 9, 0.03)
    s.fx("portal-web", "error_ratio", "to", 12, 9, 0.02)
    s.fx("dd-collection-worker", "request_rate", "mul", 80, 75, 4.0)
    s.fx("dd-collection-worker", "cpu_utilisation", "to", 80, 75, 0.92)
    s.fx("aks-nodepool-batch", "cpu_utilisation", "to", 80, 72, 0.91)
    s.bg("ingress-nginx", "portal-web", "account-api", "tariff-engine", "billing-engine", "meter-readings-processor",
         "meter-ingest-gateway", "dd-collection-worker", a=55)
    s.bg("aks-nodepool-apps", a=55, until=16)
    nodes = ["aks-apps-38115417-vmss00000c", "aks-apps-38115417-vmss00000f", "aks-apps-38115417-vmss00000g"]
    for i, n in enumerate(nodes):
        st = 16 - i * 1.5
        s.every("aks-nodepool-apps", st, 0, 30, lambda r, t: ("error", 'E%s    3104 kubelet.go:2373] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active %dm%ds ago; threshold is 3m0s"'
                                                             % (klog_time(t), r.randint(3, 9), r.randint(0, 59))), host=n, p=0.7)
        s.every("aks-nodepool-apps", st, 0, 60, lambda r, t: ("error", 'E%s    3104 remote_runtime.go:633] "ListContainers with filter from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded" filter="&ContainerFilter{Id:,State:&ContainerStateValue{State:CONTAINER_RUNNING,},PodSandboxId:,LabelSelector:map[string]string{},}"'
                                                             % klog_time(t)), host=n, p=0.6)
        s.log(s.m(st - 3.2), "aks-nodepool-apps", "info", 'I%s       1 node_lifecycle_controller.go:1134] "Node became not ready" node="%s" status=NotReady reason="KubeletNotReady" message="PLEG is not healthy: pleg was last seen active 3m12.44s ago; threshold is 3m0s"' % (klog_time(s.m(st - 3.2)), n), host="kube-controller-manager")
        s.log(s.m(st - 8.2), "aks-nodepool-apps", "info", 'I%s       1 taint_eviction.go:111] "Deleting pod" controller="taint-eviction-controller" pod="gridwise-billing/billing-engine-6c8d7f9b4d-%s" node="%s"' % (klog_time(s.m(st - 8.2)), alnum(s.r, 5), n), host="kube-controller-manager")
        s.log(s.m(st - 8.25), "aks-nodepool-apps", "info", 'I%s       1 taint_eviction.go:111] "Deleting pod" controller="taint-eviction-controller" pod="gridwise-meter/meter-readings-processor-5f9c8b7d6-%s" node="%s"' % (klog_time(s.m(st - 8.25)), alnum(s.r, 5), n), host="kube-controller-manager")
    s.every("aks-nodepool-apps", 6, 0, 60, lambda r, t: ("info", 'I%s       1 schedule_one.go:1005] "Unable to schedule pod; no fit; waiting" pod="gridwise-pricing/tariff-engine-84b6d9c7f-%s" err="0/14 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 5 Insufficient memory, 6 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/14 nodes are available: 5 No preemption victims found for incoming pod, 9 Preemption is not helpful for scheduling."'
                                                         % (klog_time(t), alnum(r, 5))), host="kube-scheduler")
    s.every("meter-readings-processor", 14, 0, 30, lambda r, t: ("WARN", "[sb-receiver-%d] c.a.m.s.ServiceBusReceiveLinkProcessor : {\"az.sdk.message\":\"Receive link lost, lock for session will be released\",\"entityPath\":\"meter-readings/subscriptions/processor\",\"linkName\":\"session-%d\",\"errorCondition\":\"amqp:link:detach-forced\"}" % (r.randint(1, 8), r.randint(1, 64)),
                                                                 {"logger": "c.a.m.s.ServiceBusReceiveLinkProcessor"}), p=0.7)
    s.every("billing-engine", 13, 0, 20, lambda r, t: ("ERROR", "[bill-run-worker-%d] c.g.billing.client.TariffClient : POST http://tariff-engine.gridwise-pricing.svc.cluster.local/v2/rates/resolve failed: org.springframework.web.client.ResourceAccessException: I/O error: Connection reset" % r.randint(1, 8),
                                                       {"logger": "c.g.billing.client.TariffClient"}))
    s.every("tariff-engine", 12, 0, 60, lambda r, t: ("WARN", "[main] o.s.b.a.availability.ApplicationAvailabilityBean : Application availability state ReadinessState changed to ACCEPTING_TRAFFIC" if r.random() < 0.5 else
                                                      "[main] c.g.pricing.TariffEngineApplication : Started TariffEngineApplication in 41.377 seconds (process running for 44.02)",
                                                      {"logger": "c.g.pricing.TariffEngineApplication"}), p=0.6)
    s.every("dd-collection-worker", 55, 0, 30, lambda r, t: ("info", "%s INFO dd_collection.batch: batch 2025-02-03-B progress %d/48000" % (py_time(t), r.randint(9000, 47000))))
    s.deploy("dd-collection-worker", "config", "cron 13:00", "cron 02:00", 88, 1, "priya.nair",
             "CHG-5644: move February mandate collection batch to 13:00 one-off (bureau cut-off change); batch node pool only")
    s.alert("ReadingsProcessorLagHigh", "meter-readings-processor", "critical", 6, "Meter readings processor is falling behind",
            "Active messages on meter-readings/processor above 1.2M and growing.",
            'max(azure_servicebus_active_messages{entity="meter-readings"}) > 1200000')
    s.alert("BillingEngineHighErrorRate", "billing-engine", "critical", 5, "billing-engine 5xx ratio above 5%",
            "14% of bill calculations failing.",
            'sum(rate(http_requests_total{service="billing-engine",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="billing-engine"}[5m])) > 0.05')
    s.alert("KubePodCrashLooping", "tariff-engine", "warning", 3, "Pod gridwise-pricing/tariff-engine is restarting",
            "tariff-engine-84b6d9c7f-k2x9v restarted 3 times in 10 minutes.",
            'increase(kube_pod_container_status_restarts_total{namespace="gridwise-pricing"}[10m]) > 2')
    return s


def g_ingress():
    s = Scenario(GW, "portal-and-app-intermittent-502s", "2025-03-06T19:14:00Z", 2, 20,
                 "infrastructure", "ingress-nginx",
                 """Evening: Front Door origin 5xx alert at 19:07, then synthetic login check on the portal failing.
                 App users on social media saying the app shows 'something went wrong'. Portal had a release this
                 afternoon.""",
                 "portal-web deploy 12 min before; backend services healthy but quiet")
    s.sig("azure-front-door", "portal-web", "mobile-bff", "account-api", "outage-map-api", "aks-nodepool-system", "aks-nodepool-apps")
    s.sig("ingress-nginx", drop=("latency_p99_seconds",))
    s.gap("ingress-nginx", None, 9, 6)
    s.gap("ingress-nginx", None, 3, 2)
    s.fx("ingress-nginx", "cpu_utilisation", "to", 11, 9, 0.97)
    s.fx("ingress-nginx", "memory_utilisation", "to", 12, 9, 0.93)
    s.fx("ingress-nginx", "error_ratio", "to", 10, 8, 0.21)
    s.fx("ingress-nginx", "request_rate", "mul", 10, 8, 0.72)
    s.fx("azure-front-door", "error_ratio", "to", 10, 8, 0.27)
    s.fx("azure-front-door", "latency_p99_seconds", "to", 10, 8, 4.2)
    for sv, f in (("portal-web", 0.64), ("mobile-bff", 0.6), ("account-api", 0.66), ("outage-map-api", 0.7)):
        s.fx(sv, "request_rate", "mul", 10, 8, f)
        s.fx(sv, "cpu_utilisation", "mul", 10, 8, 0.8)
    s.bg("portal-web", "mobile-bff", "account-api", "outage-map-api", a=50)
    s.bg("ingress-nginx", a=50, until=10)
    ctl = ["ingress-nginx-controller-6d5f8c9b7-4mtrx", "ingress-nginx-controller-6d5f8c9b7-9wqkd", "ingress-nginx-controller-6d5f8c9b7-tz6pn"]

    def ing_mix(r, t):
        up, port, paths = GW_INGRESS_UP[r.choice([0, 0, 1, 1, 2])]
        if r.random() < 0.3:
            return ("error", '%s [error] %d#%d: *%d upstream prematurely closed connection while reading response header from upstream, client: %d.%d.%d.%d, server: %s, request: "GET %s HTTP/2.0", upstream: "http://10.244.%d.%d:%d%s", host: "%s"'
                    % (dt.datetime.fromtimestamp(int(t), dt.timezone.utc).strftime("%Y/%m/%d %H:%M:%S"), r.randint(20, 60), r.randint(20, 60), r.randint(10 ** 6, 10 ** 7),
                       r.choice([81, 86, 92]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254),
                       "my.gridwise.energy" if up == "portal-web" else "api.gridwise.energy", paths[0], r.randint(1, 14), r.randint(2, 250), port, paths[0],
                       "my.gridwise.energy" if up == "portal-web" else "api.gridwise.energy"))
        st = r.choice([200, 200, 200, 502, 504, 200])
        return ("info", nginx_line(r, t, up, port, r.choice(paths), st, r.uniform(0.02, 0.2) if st == 200 else r.uniform(5, 60)))
    s.every("ingress-nginx", 10, 0, 12, ing_mix, host=ctl[1])
    s.every("ingress-nginx", 11, 0, 40, lambda r, t: ("info", 'W%s       7 controller.go:1216] Error obtaining Endpoints for Service "gridwise-web/portal-web": no object matching key "gridwise-web/portal-web" in local store' % klog_time(t)), host=ctl[0], p=0.5)
    s.every("ingress-nginx", 11, 0, 50, lambda r, t: ("error", 'E%s       7 leaderelection.go:369] Failed to update lock: Put "https://10.0.0.1:443/apis/coordination.k8s.io/v1/namespaces/ingress-nginx/leases/ingress-nginx-leader": context deadline exceeded' % klog_time(t)), host=ctl[2], p=0.6)
    for i, mm in enumerate([9.5, 7.1, 4.4, 2.6]):
        s.log(s.m(mm), "ingress-nginx", "info", 'I%s       7 nginx.go:317] "Starting NGINX Ingress controller"' % klog_time(s.m(mm)), host=ctl[i % 3])
        s.log(s.m(mm) + 14, "ingress-nginx", "error", 'E%s       7 controller.go:209] Unexpected failure reloading the backend:\nexit status 1\n2025/03/06 19:%02d:%02d [alert] 27#27: fork() failed while spawning "worker process" (12: Cannot allocate memory)' % (klog_time(s.m(mm) + 14), 14 - int(mm) - 1, s.r.randint(0, 59)), host=ctl[i % 3])
        s.log(s.m(mm) + 20, "aks-nodepool-system", "info", 'I%s    2871 kubelet.go:2442] "SyncLoop (PLEG): event for pod" pod="ingress-nginx/%s" event={"ID":"%s","Type":"ContainerDied","Data":"%s"}' % (klog_time(s.m(mm) + 20), ctl[i % 3], uuid(s.r), hexid(s.r, 64)), host="aks-system-21874410-vmss000002")
    s.log(s.m(8.9), "aks-nodepool-system", "info", 'I%s    2871 kuberuntime_manager.go:1057] "Back-off restarting failed container" containerName="controller" pod="ingress-nginx/%s" reason=OOMKilled' % (klog_time(s.m(8.9)), ctl[0]), host="aks-system-21874410-vmss000002")
    s.deploy("portal-web", "deploy", "4.41.0", "4.40.3", 24, 5, "deploy-bot",
             "Portal release 4.41.0: new smart-meter booking banner, Next.js 14.2.24 patch bump")
    s.deploy("account-api", "deploy", "3.112.0", "3.111.4", 300, 7, "deploy-bot", "accounts 3.112.0: contact-preference endpoint pagination")
    s.alert("FrontDoorOrigin5xxHigh", "azure-front-door", "critical", 7, "Azure Front Door origin 5xx above 5%",
            "27% of requests to origin group aks-uksouth returned 502/504.",
            'sum(azure_frontdoor_origin_5xx_rate{profile="gw-prod-afd"}) / sum(azure_frontdoor_request_count_rate{profile="gw-prod-afd"}) > 0.05')
    s.alert("PortalSyntheticLoginFailing", "portal-web", "critical", 5, "Synthetic login journey on my.gridwise.energy failing",
            "3 of the last 4 checks failed with HTTP 502 at step 'open account page'.",
            'avg_over_time(probe_success{job="blackbox-journeys",journey="portal-login"}[5m]) < 0.5')
    s.alert("MobileBffTrafficDrop", "mobile-bff", "warning", 4, "mobile-bff request rate 40% below last week",
            "Request rate is 0.6x the same time last week.",
            'sum(rate(http_requests_total{service="mobile-bff"}[10m])) < 0.7 * sum(rate(http_requests_total{service="mobile-bff"}[10m] offset 1w))')
    return s


def g_bills_surge():
    s = Scenario(GW, "bill-pages-slow-and-billing-database-cpu-alert", "2025-04-01T07:44:00Z", 3, 60,
                 "traffic_surge", "portal-web",
                 """1 April, first morning of the new price cap. Billing SQL CPU alert fired at 07:36, then portal latency.
                 Customers say the bills and 'my tariff' pages spin for ages; some get an error page.""",
                 "tariff-engine deploy 30 min before; alert fires on the datastore")
    s.sig("portal-web", "mobile-bff", "account-api", "billing-sql", "customer-sql", "tariff-engine", "billing-engine",
          "azure-front-door", "ingress-nginx")
    s.fx("portal-web", "request_rate", "mul", 45, 25, 4.6, shape="sqrt")
    s.fx("azure-front-door", "request_rate", "mul", 45, 25, 2.3, shape="sqrt")
    s.fx("ingress-nginx", "request_rate", "mul", 45, 25, 2.4, shape="sqrt")
    s.fx("mobile-bff", "request_rate", "mul", 45, 25, 1.4)
    s.fx("portal-web", "cpu_utilisation", "to", 40, 25, 0.78)
    s.fx("account-api", "request_rate", "mul", 45, 25, 3.1, shape="sqrt")
    s.fx("account-api", "cpu_utilisation", "to", 40, 25, 0.74)
    s.fx("billing-sql", "cpu_utilisation", "to", 40, 14, 0.97, shape="sqrt")
    s.fx("billing-sql", "saturation", "to", 30, 10, 0.93)
    s.fx("billing-sql", "latency_p99_seconds", "to", 25, 8, 3.8, shape="exp")
    s.fx("account-api", "saturation", "to", 25, 8, 1.0, shape="exp")
    s.fx("account-api", "latency_p99_seconds", "to", 22, 6, 9.6, shape="exp")
    s.fx("account-api", "error_ratio", "to", 15, 4, 0.06, shape="exp")
    s.fx("portal-web", "latency_p99_seconds", "to", 22, 6, 11.5, shape="exp")
    s.fx("portal-web", "error_ratio", "to", 15, 4, 0.08, shape="exp")
    s.fx("customer-sql", "cpu_utilisation", "mul", 40, 25, 1.6)
    s.fx("tariff-engine", "request_rate", "mul", 45, 25, 1.9)
    s.bg("ingress-nginx", every=12, a=55)
    s.bg("portal-web", every=10, a=55)
    s.bg("mobile-bff", "account-api", "tariff-engine", "billing-engine", a=55)
    s.every("portal-web", 45, 0, 8, lambda r, t: ("info", "GET %s 200 %d.%03d ms - %d" % (r.choice(["/account/bills", "/account/tariff", "/api/bills/latest", "/api/bills/statement?year=2025"]), r.randint(150, 2500), r.randint(0, 999), r.randint(3000, 15000))))
    s.every("account-api", 20, 0, 12, lambda r, t: ("WARN", "[http-nio-8080-exec-%d] com.zaxxer.hikari.pool.HikariPool : HikariPool-2 (billing) - Connection is not available, request timed out after 30000ms (total=40, active=40, idle=0, waiting=%d)" % (r.randint(1, 200), r.randint(40, 260)),
                                                    {"logger": "com.zaxxer.hikari.pool.HikariPool"}), p=0.8)
    s.every("account-api", 14, 0, 15, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] c.g.accounts.web.GlobalExceptionHandler : GET /internal/accounts/%d/bills failed: org.springframework.dao.QueryTimeoutException: PreparedStatementCallback; SQL [SELECT b.bill_id, b.period_start, b.period_end, b.total_pence FROM billing.bills b WHERE b.account_id = ? ORDER BY b.period_end DESC]; The query has timed out.; nested exception is com.microsoft.sqlserver.jdbc.SQLServerException: The query has timed out."
                                                     % (r.randint(1, 200), r.randint(10000000, 99999999)), {"logger": "c.g.accounts.web.GlobalExceptionHandler"}))
    s.every("portal-web", 14, 0, 12, lambda r, t: ("error", "GET /api/bills/latest 500 %d.%03d ms - 71 upstream account-api: 500 Internal Server Error" % (r.randint(10000, 31000), r.randint(0, 999))))
    s.every("ingress-nginx", 40, 0, 7, lambda r, t: ("info", nginx_line(r, t, "portal-web", 3000, r.choice(["/account/bills", "/api/bills/latest", "/account/tariff"]), 200, r.uniform(0.3, 6.0))))
    s.deploy("tariff-engine", "deploy", "7.4.0", "7.3.9", 30, 6, "tom.ashworth",
             "CHG-5930: load April price-cap unit rates (tariff table v2025-04); rates effective 2025-04-01T00:00 already live via config")
    s.deploy("notification-service", "config", "campaign-2025-04-pricecap", "-", 160, 2, "lucy.benson",
             "CHG-5918: enable 'Your new prices from 1 April' email journey (bulk send via Braze, link to my.gridwise.energy/account/tariff)")
    s.alert("AzureSqlCpuHigh", "billing-sql", "critical", 8, "gw-billing-sql CPU above 90% for 5m",
            "CPU at 97%, workers 93%. Top waits: SOS_SCHEDULER_YIELD, PAGEIOLATCH_SH.",
            'max(azure_sql_cpu_percent{server="gw-billing-sql"}) > 90')
    s.alert("PortalLatencyHigh", "portal-web", "warning", 5, "portal-web p99 latency above 3s",
            "p99 latency 11.5s on /account/* routes.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="portal-web"}[5m]))) > 3')
    return s


def g_outage_surge():
    s = Scenario(GW, "outage-map-timing-out", "2025-01-24T18:06:00Z", 2.5, 30,
                 "traffic_surge", "outage-map-api",
                 """Storm Éowyn evening. Outage-redis alert at 17:58, outage map in the app and on the website timing
                 out for most users from about 17:55. Grid operator's feed also reported slow by the poller.""",
                 "DNO feed slow warnings from the poller; alert on the cache rather than the API")
    s.sig("outage-map-api", "outage-redis", "mobile-bff", "portal-web", "outage-poller", "ingress-nginx", "azure-front-door")
    s.fx("outage-map-api", "request_rate", "mul", 60, 15, 11.0, shape="sqrt")
    s.fx("mobile-bff", "request_rate", "mul", 60, 15, 1.9)
    s.fx("ingress-nginx", "request_rate", "mul", 60, 15, 1.6)
    s.fx("azure-front-door", "request_rate", "mul", 60, 15, 1.7)
    s.fx("outage-map-api", "cpu_utilisation", "to", 50, 15, 0.81)
    s.fx("outage-redis", "cpu_utilisation", "to", 45, 12, 0.98, shape="sqrt")
    s.fx("outage-redis", "saturation", "to", 40, 10, 0.94)
    s.fx("outage-redis", "latency_p99_seconds", "to", 20, 8, 0.85, shape="exp")
    s.fx("outage-map-api", "latency_p99_seconds", "to", 18, 7, 5.0, shape="exp")
    s.fx("outage-map-api", "error_ratio", "to", 14, 6, 0.23, shape="exp")
    s.fx("mobile-bff", "error_ratio", "to", 14, 6, 0.04)
    s.fx("outage-poller", "latency_p99_seconds", "to", 60, 30, 4.2)
    s.bg("outage-map-api", every=6, a=55)
    s.bg("mobile-bff", "portal-web", "ingress-nginx", "outage-poller", a=55)
    s.every("ingress-nginx", 50, 0, 9, lambda r, t: ("info", nginx_line(r, t, "outage-map-api", 8080, r.choice(GW_INGRESS_UP[2][2]), 200 if r.random() > 0.15 else 504, r.uniform(0.05, 5.0))))
    s.every("outage-map-api", 16, 0, 6, lambda r, t: ("error", 'level=error ts=%s caller=store/redis.go:54 msg="redis GET failed" key=outages:bbox:%s err="redis: connection pool timeout"' % (iso(t), r.choice(["-1.9,50.7,-0.6,51.4", "-2.1,50.6,-1.2,51.0", "-0.9,50.7,0.4,51.1"]))))
    s.every("outage-map-api", 12, 0, 20, lambda r, t: ("warn", 'level=warn ts=%s caller=api/handlers.go:91 msg="slow request" path=/v1/outages status=504 duration=%.2fs pool_hits=%d pool_misses=%d pool_timeouts=%d' % (iso(t), r.uniform(4.0, 5.0), r.randint(10 ** 5, 10 ** 6), r.randint(1000, 9000), r.randint(100, 900))))
    s.every("outage-poller", 60, 0, 60, lambda r, t: ("warning", "%s WARNING outage_poller.feed: GET https://api.southerngrid-networks.co.uk/open/v2/incidents took %.1fs (slow), %d incidents" % (py_time(t), r.uniform(3.1, 4.4), r.randint(800, 2100))))
    s.every("mobile-bff", 14, 0, 25, lambda r, t: ("error", "GET /v3/outages/nearby 502 %d.%03d ms - 58 upstream outage-map-api timed out" % (r.randint(5000, 5100), r.randint(0, 999))))
    s.deploy("outage-map-api", "deploy", "1.19.2", "1.19.1", 2900, 4, "deploy-bot", "outage-map-api 1.19.2: bump go 1.23.5")
    s.alert("RedisServerLoadHigh", "outage-redis", "critical", 8, "gw-outage Redis server load above 90%",
            "Server load 98%, connected clients 940/1000.",
            'max(azure_redis_server_load{cache="gw-outage"}) > 90')
    s.alert("OutageMapApiLatencyHigh", "outage-map-api", "warning", 6, "outage-map-api p99 latency above 1s",
            "p99 latency 5.0s, 23% 5xx.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="outage-map-api"}[5m]))) > 1')
    return s


def g_bureau():
    s = Scenario(GW, "direct-debit-submissions-failing", "2025-02-27T10:41:00Z", 2, 30,
                 "external", "bacs-bureau",
                 """Payments on-call paged 10:34 for payments-service errors; DD collection batch stalled at roughly
                 a third. Payments-service was released this morning. Bureau cut-off is 14:00.""",
                 "payments-service deploy 20 min before the errors")
    s.sig("payments-service", "dd-collection-worker", "customer-sql", "account-api", "portal-web", "servicebus-billing")
    s.fx("payments-service", "error_ratio", "to", 12, 9, 0.64)
    s.fx("payments-service", "latency_p99_seconds", "to", 12, 9, 30.0)
    s.fx("dd-collection-worker", "request_rate", "mul", 12, 9, 0.35)
    s.fx("dd-collection-worker", "error_ratio", "to", 12, 9, 0.6)
    s.fx("payments-service", "cpu_utilisation", "mul", 12, 9, 0.7)
    s.bg("payments-service", "account-api", "portal-web", a=60)
    s.bg("dd-collection-worker", a=60, until=12)
    s.every("payments-service", 12, 0, 9, lambda r, t: ("ERROR", "[collect-exec-%d] c.g.payments.bureau.BureauClient : Submission of collection batch item DDM%d failed after 3 attempts: org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: 503 Service Unavailable: \"{\"error\":\"service_unavailable\",\"message\":\"Submission gateway temporarily unavailable\"}\" (POST https://api.bacs-bureau.co.uk/v3/submissions)"
                                                         % (r.randint(1, 16), r.randint(10 ** 7, 10 ** 8 - 1)), {"logger": "c.g.payments.bureau.BureauClient"}), p=0.8)
    s.every("payments-service", 12, 0, 14, lambda r, t: ("WARN", "[collect-exec-%d] c.g.payments.bureau.BureauClient : I/O error on POST request for \"https://api.bacs-bureau.co.uk/v3/submissions\": Read timed out; retrying in %ds (attempt %d/3)"
                                                          % (r.randint(1, 16), r.choice([2, 4, 8]), r.randint(1, 3)), {"logger": "c.g.payments.bureau.BureauClient"}))
    s.every("dd-collection-worker", 12, 0, 20, lambda r, t: ("error", "%s ERROR dd_collection.batch: payments-service returned 502 for mandate DDM%d: {\"code\":\"BUREAU_UNAVAILABLE\"}; will retry at next window" % (py_time(t), r.randint(10 ** 7, 10 ** 8 - 1))))
    s.every("payments-service", 60, 0, 300, lambda r, t: ("WARN", "[scheduling-1] c.g.payments.mandate.MandateSync : 2 mandates returned ADDACS code 1 (instruction cancelled by payer)", {"logger": "c.g.payments.mandate.MandateSync"}))
    s.deploy("payments-service", "deploy", "2.31.0", "2.30.4", 32, 7, "deploy-bot",
             "PAY-1187: payments-service 2.31.0 - mandate amendment audit fields, bump bureau-client 4.2.0 -> 4.2.1 (logging only)")
    s.alert("PaymentsServiceHighErrorRate", "payments-service", "critical", 7, "payments-service 5xx ratio above 10%",
            "64% of requests failing, mostly POST /internal/collections/submit.",
            'sum(rate(http_requests_total{service="payments-service",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="payments-service"}[5m])) > 0.1')
    s.alert("DirectDebitBatchStalled", "dd-collection-worker", "warning", 4, "DD collection batch throughput below plan",
            "Batch 2025-02-27-A at 34% with 3h20m to bureau cut-off.",
            'sum(rate(dd_collections_submitted_total{result="ok"}[15m])) < 1')
    return s


def g_dno():
    s = Scenario(GW, "outage-map-showing-stale-data", "2025-03-18T12:23:00Z", 3, 60,
                 "external", "dno-outage-api",
                 """Customer services say the outage map still shows yesterday's planned works and none of this
                 morning's faults in Hampshire. Feed staleness alert at 12:16. Map itself loads fine.""",
                 "missing deploys source; resolved outage-redis memory alert; map API healthy")
    s.omit.add("deploys")
    s.sig("outage-poller", "outage-map-api", "outage-redis", "mobile-bff")
    s.fx("outage-poller", "error_ratio", "to", 52, 48, 1.0)
    s.fx("outage-poller", "latency_p99_seconds", "to", 52, 48, 30.0)
    s.fx("outage-redis", "memory_utilisation", "mul", 130, 125, 1.4, end=100)
    s.bg("outage-map-api", "mobile-bff", a=80)
    s.bg("outage-poller", a=80, until=52)
    s.every("outage-poller", 52, 0, 60, lambda r, t: ("error", "%s ERROR outage_poller.feed: fetch failed: %s" % (py_time(t), r.choice([
        "HTTPSConnectionPool(host='api.southerngrid-networks.co.uk', port=443): Read timed out. (read timeout=30)",
        "HTTPSConnectionPool(host='api.southerngrid-networks.co.uk', port=443): Max retries exceeded with url: /open/v2/incidents?since=2025-03-18T11%3A30%3A00Z (Caused by ResponseError('too many 504 error responses'))",
        "504 Server Error: Gateway Time-out for url: https://api.southerngrid-networks.co.uk/open/v2/incidents?since=2025-03-18T11%3A30%3A00Z"]))))
    s.every("outage-poller", 50, 0, 300, lambda r, t: ("warning", "%s WARNING outage_poller.store: keeping last good snapshot (age %dm), outages:current ttl extended" % (py_time(t), int((t - s.m(53)) / 60) + 1)))
    s.every("outage-map-api", 30, 0, 240, lambda r, t: ("warn", 'level=warn ts=%s caller=api/freshness.go:33 msg="serving stale outage snapshot" age=%dm threshold=15m' % (iso(t), int((t - s.m(53)) / 60) + 1)))
    s.alert("OutageFeedStale", "outage-poller", "warning", 7, "DNO outage feed not refreshed for 45 minutes",
            "Last successful fetch from Southern Grid Networks feed 11:31 UTC.",
            'time() - max(outage_poller_last_success_timestamp_seconds) > 2700')
    s.alert("RedisMemoryHigh", "outage-redis", "warning", 122, "gw-outage used memory above 80%",
            "Used memory 82%.", 'max(azure_redis_used_memory_percent{cache="gw-outage"}) > 80', status="resolved", end=98)
    return s


def g_sms():
    s = Scenario(GW, "outage-texts-not-reaching-customers", "2025-02-11T16:48:00Z", 2, 30,
                 "external", "twilio",
                 """Field ops raised that customers in the BN postcode area got no SMS about the unplanned outage
                 this afternoon. Notification queue alert at 16:42. Email notifications seem fine.""",
                 "no signals source; background invalid-number errors; field-dispatch burst")
    s.omit.add("signals")
    s.bg("notification-service", "field-dispatch", "ingress-nginx", a=70)
    s.every("notification-service", 70, 0, 400, lambda r, t: ("warn", "sms rejected template=bill_ready to=+4477******%d0 code=21211 message=\"The 'To' number +4477******%d0 is not a valid phone number.\"" % (r.randint(1, 9), r.randint(1, 9))))
    s.every("notification-service", 19, 0, 6, lambda r, t: ("error", r.choice([
        "sms send failed template=outage_update attempt=%d err=Error: Request failed with status code 503 POST https://api.twilio.com/2010-04-01/Accounts/AC3f9e*******/Messages.json body={\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}" % r.randint(1, 5),
        "sms send failed template=outage_update attempt=%d err=Error: timeout of 10000ms exceeded POST https://api.twilio.com/2010-04-01/Accounts/AC3f9e*******/Messages.json" % r.randint(1, 5)])))
    s.every("notification-service", 18, 0, 60, lambda r, t: ("warn", "message %s abandoned to retry (deliveryCount=%d) entity=notifications" % (hexid(r, 12), r.randint(2, 9))))
    s.every("field-dispatch", 30, 20, 30, lambda r, t: ("INFO", "[dispatch-exec-%d] c.g.dispatch.OutageJobs : Raised customer notification batch for INC-%d (%d premises, channel=SMS)" % (r.randint(1, 8), r.randint(40000, 49999), r.randint(200, 1800)), {"logger": "c.g.dispatch.OutageJobs"}))
    s.deploy("field-dispatch", "deploy", "5.6.0", "5.5.2", 210, 8, "deploy-bot", "field-dispatch 5.6.0: engineer skills matrix import")
    s.alert("NotificationQueueBacklog", "servicebus-notifications", "warning", 6, "notifications queue above 5000 active messages",
            "Active messages 18,240 and rising; oldest 19m.",
            'max(azure_servicebus_active_messages{entity="notifications"}) > 5000')
    s.alert("NotificationSendFailures", "notification-service", "critical", 4, "notification-service send failures above 10%",
            "SMS channel failure ratio 96%; email 0.3%.",
            'sum(rate(notifications_sent_total{result="error"}[5m])) / sum(rate(notifications_sent_total[5m])) > 0.1')
    return s


def g_billing_sql():
    s = Scenario(GW, "bill-generation-errors-after-lunch", "2025-03-12T13:26:00Z", 2, 20,
                 "dependency_outage", "billing-sql",
                 """Billing-engine error alert at 13:19, right after the lunchtime release. Bill-run workers erroring,
                 and the portal bills page is erroring too.""",
                 "billing-engine deploy 7 min before the failure")
    s.sig("billing-engine", "account-api", "portal-web", "invoice-renderer", "customer-sql", "tariff-engine")
    s.sig("billing-sql")
    s.gap("billing-sql", None, 9, 0)
    s.fx("billing-sql", "cpu_utilisation", "to", 11, 10, 0.02)
    s.fx("billing-engine", "error_ratio", "to", 10, 8, 0.78)
    s.fx("billing-engine", "request_rate", "mul", 10, 8, 0.6)
    s.fx("account-api", "error_ratio", "to", 10, 8, 0.17)
    s.fx("portal-web", "error_ratio", "to", 10, 8, 0.09)
    s.fx("invoice-renderer", "error_ratio", "to", 10, 8, 0.55)
    s.fx("billing-engine", "cpu_utilisation", "mul", 10, 8, 0.5)
    s.bg("billing-engine", "account-api", "portal-web", "invoice-renderer", "tariff-engine", a=45)
    for i, mm in enumerate([19.0, 18.6, 18.2]):
        s.log(s.m(mm), "billing-engine", "INFO", "[main] c.g.billing.BillingEngineApplication : Started BillingEngineApplication in 38.%03d seconds (process running for 41.2)" % s.r.randint(0, 999), logger="c.g.billing.BillingEngineApplication", host=s.pod("billing-engine", i))
        s.log(s.m(mm) + 1, "billing-engine", "INFO", "[main] com.zaxxer.hikari.HikariDataSource : HikariPool-1 - Start completed.", logger="com.zaxxer.hikari.HikariDataSource", host=s.pod("billing-engine", i))
    err40613 = "com.microsoft.sqlserver.jdbc.SQLServerException: Database 'billing' on server 'gw-billing-sql' is not currently available.  Please retry the connection later.  If the problem persists, contact customer support, and provide them the session tracing ID of '%s'. ClientConnectionId:%s"
    s.every("billing-engine", 10, 0, 8, lambda r, t: ("ERROR", "[bill-run-worker-%d] c.g.billing.run.BillRunProcessor : Bill calculation failed for account %d: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is %s"
                                                      % (r.randint(1, 8), r.randint(10 ** 7, 10 ** 8 - 1), err40613 % (uuid(r).upper(), uuid(r))), {"logger": "c.g.billing.run.BillRunProcessor"}))
    s.every("billing-engine", 10, 0, 30, lambda r, t: ("WARN", "[HikariPool-1 connection adder] com.zaxxer.hikari.pool.PoolBase : HikariPool-1 - Failed to validate connection ConnectionID:%d ClientConnectionId: %s (The connection is closed.). Possibly consider using a shorter maxLifetime value." % (r.randint(1, 40), uuid(r)),
                                                       {"logger": "com.zaxxer.hikari.pool.PoolBase"}))
    s.every("account-api", 10, 0, 15, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] c.g.accounts.web.GlobalExceptionHandler : GET /internal/accounts/%d/bills failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is %s"
                                                    % (r.randint(1, 200), r.randint(10 ** 7, 10 ** 8 - 1), err40613 % (uuid(r).upper(), uuid(r))), {"logger": "c.g.accounts.web.GlobalExceptionHandler"}))
    s.every("invoice-renderer", 10, 0, 25, lambda r, t: ("error", "%s ERROR [invoice_renderer.worker] failed to load bill lines for INV-2025-%d: pyodbc.OperationalError: ('HYT00', '[HYT00] [Microsoft][ODBC Driver 18 for SQL Server]Login timeout expired (0) (SQLDriverConnect)')" % (py_time(t), r.randint(10 ** 7, 10 ** 8 - 1))))
    s.deploy("billing-engine", "deploy", "9.14.0", "9.13.2", 19, 2, "deploy-bot",
             "BILL-2240: billing-engine 9.14.0 - Spring Boot 3.3.4 -> 3.3.5, structured log field rename (billRunId), no schema changes")
    s.alert("BillingEngineHighErrorRate", "billing-engine", "critical", 7, "billing-engine 5xx ratio above 5%",
            "78% of bill calculations failing.",
            'sum(rate(http_requests_total{service="billing-engine",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="billing-engine"}[5m])) > 0.05')
    s.alert("AccountApiHighErrorRate", "account-api", "warning", 5, "account-api 5xx ratio above 5%",
            "17% of account-api requests failing.",
            'sum(rate(http_requests_total{service="account-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="account-api"}[5m])) > 0.05')
    s.alert("InvoiceRenderFailures", "invoice-renderer", "warning", 4, "invoice-renderer failures above 10%",
            "55% of invoice renders failed in the last 5 minutes.",
            'sum(rate(invoice_renderer_documents_total{outcome="failed"}[5m])) / sum(rate(invoice_renderer_documents_total[5m])) > 0.1')
    return s


def g_sessions():
    s = Scenario(GW, "app-users-logged-out-and-login-errors", "2025-02-19T21:04:00Z", 1.5, 10,
                 "dependency_outage", "redis-session",
                 """Evening: app store reviews and social posts about being logged out of the app and not able to
                 log back in. mobile-bff error alert at 20:58, a few minutes after the mobile-bff release.""",
                 "mobile-bff deploy 6 min before; portal errors too")
    s.sig("mobile-bff", "portal-web", "account-api", "azure-front-door")
    s.sig("redis-session")
    s.gap("redis-session", None, 9, 0)
    s.fx("redis-session", "saturation", "to", 10, 9.5, 0.0)
    s.fx("mobile-bff", "error_ratio", "to", 9, 7, 0.31)
    s.fx("mobile-bff", "latency_p99_seconds", "to", 9, 7, 2.1)
    s.fx("portal-web", "error_ratio", "to", 9, 7, 0.18)
    s.fx("account-api", "request_rate", "mul", 9, 7, 0.62)
    s.bg("mobile-bff", "portal-web", "account-api", "ingress-nginx", a=40)
    for i in range(3):
        t = s.m(15.5) + i * 25
        s.log(t, "mobile-bff", "info", "mobile-bff@6.22.0 listening on :8080 (NODE_ENV=production, commit 9c1e2f7)", host=s.pod("mobile-bff", i))
        s.log(t + 2, "mobile-bff", "info", "[ioredis] connected to gw-sessions.redis.cache.windows.net:6380 (tls)", host=s.pod("mobile-bff", i))
    s.every("mobile-bff", 9, 0, 5, lambda r, t: ("error", r.choice([
        "[ioredis] Unhandled error event: Error: connect ETIMEDOUT\n    at TLSSocket.<anonymous> (/app/node_modules/ioredis/built/Redis.js:170:41)\n    at TLSSocket.emit (node:events:518:28)",
        "session lookup failed sid=%s err=MaxRetriesPerRequestError: Reached the max retries per request limit (which is 3). Refer to \"maxRetriesPerRequest\" option for details." % hexid(r, 16),
        "POST /v3/session/refresh 503 %d.%03d ms - 61" % (r.randint(1000, 3000), r.randint(0, 999))])))
    s.every("portal-web", 9, 0, 8, lambda r, t: ("error", r.choice([
        "Error: Connection is closed. session store get failed (connect-redis) host=gw-sessions.redis.cache.windows.net",
        "GET /account 500 %d.%03d ms - 1532" % (r.randint(500, 2000), r.randint(0, 999))])))
    s.deploy("mobile-bff", "deploy", "6.22.0", "6.21.3", 17, 3, "deploy-bot",
             "APP-3391: mobile-bff 6.22.0 - add /v3/ev-tariff/eligibility endpoint behind flag ev_tariff_launch (off)")
    s.alert("MobileBffHighErrorRate", "mobile-bff", "critical", 6, "mobile-bff 5xx ratio above 5%",
            "31% of requests returning 5xx (session refresh, home).",
            'sum(rate(http_requests_total{service="mobile-bff",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="mobile-bff"}[5m])) > 0.05')
    s.alert("PortalHighErrorRate", "portal-web", "warning", 4, "portal-web 5xx ratio above 5%",
            "18% of portal requests failing.",
            'sum(rate(http_requests_total{service="portal-web",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="portal-web"}[5m])) > 0.05')
    return s


def g_meter_surge():
    s = Scenario(GW, "meter-reading-backlog-growing", "2025-01-30T06:37:00Z", 3, 60,
                 "traffic_surge", "meter-ingest-gateway",
                 """Early morning: meter-readings queue backlog alert at 06:29 and readings processor lag alert at
                 06:32. Half-hourly consumption in the app is hours behind for many customers. Processor was
                 released yesterday evening.""",
                 "meter-readings-processor deploy ~50 min before; Cosmos throttling visible")
    s.sig("meter-ingest-gateway", "meter-readings-processor", "servicebus-readings", "readings-cosmos", "mqtt-broker",
          "dcc-adapter", "mobile-bff", "aks-nodepool-apps")
    s.fx("meter-ingest-gateway", "request_rate", "mul", 40, 25, 3.4, shape="sqrt")
    s.fx("meter-ingest-gateway", "cpu_utilisation", "to", 40, 25, 0.86)
    s.fx("mqtt-broker", "saturation", "to", 45, 30, 0.89)
    s.fx("mqtt-broker", "cpu_utilisation", "to", 40, 25, 0.77)
    s.fx("meter-readings-processor", "request_rate", "to", 38, 28, 2350)
    s.fx("meter-readings-processor", "cpu_utilisation", "to", 38, 28, 0.93)
    s.fx("meter-readings-processor", "latency_p99_seconds", "to", 38, 20, 0.42)
    s.fx("servicebus-readings", "saturation", "to", 36, 0, 0.31)
    s.fx("readings-cosmos", "saturation", "to", 38, 28, 0.99)
    s.fx("readings-cosmos", "error_ratio", "to", 36, 26, 0.035)
    s.fx("readings-cosmos", "request_rate", "mul", 38, 28, 1.6)
    s.fx("dcc-adapter", "request_rate", "mul", 55, 50, 1.3)
    s.bg("meter-ingest-gateway", "meter-readings-processor", "mqtt-broker", "dcc-adapter", a=60)
    s.every("mqtt-broker", 45, 20, 4, lambda r, t: ("info", "%s [info] clientid: MTR-%s, peername: 10.31.%d.%d:%d, msg: client_connected, proto_ver: 4, keepalive: 300, clean_start: false" % (iso(t), hexid(r, 12), r.randint(0, 60), r.randint(1, 254), r.randint(30000, 60000))))
    s.every("mqtt-broker", 35, 0, 90, lambda r, t: ("warning", "%s [warning] msg: alarm_is_activated, name: high_system_memory_usage, message: System memory usage is higher than 70%%" % iso(t)), p=0.4)
    s.every("meter-ingest-gateway", 40, 0, 15, lambda r, t: ("info", 'level=info ts=%s caller=mqtt/subscriber.go:144 msg="backfill batch received" meters=%d readings=%d oldest=2025-01-29T%02d:30:00Z' % (iso(t), r.randint(200, 900), r.randint(8000, 40000), r.randint(21, 23))))
    s.every("meter-readings-processor", 36, 0, 20, lambda r, t: ("WARN", "[sb-receiver-%d] c.g.readings.CosmosWriter : Request rate is large (429) on readings/halfhourly, RetryAfter=%dms, retrying (attempt %d)" % (r.randint(1, 16), r.randint(8, 300), r.randint(1, 4)),
                                                                 {"logger": "c.g.readings.CosmosWriter"}))
    s.every("dcc-adapter", 60, 45, 30, lambda r, t: ("INFO", "[duis-receiver-%d] c.g.dcc.ResponseHandler : Alert 0x8F84 (communications restored) from device 00-DB-12-FF-FE-%02X-%04d; requesting profile data since last read" % (r.randint(1, 8), r.randint(0, 255), r.randint(0, 9999)),
                                                     {"logger": "c.g.dcc.ResponseHandler"}))
    s.log(s.m(58), "dcc-adapter", "INFO", "[ops-notices] c.g.dcc.ServiceNotices : DCC service notice SN-2025-0131: Communications Hub connectivity restored in Central region after overnight WAN incident", logger="c.g.dcc.ServiceNotices")
    s.deploy("meter-readings-processor", "deploy", "4.9.0", "4.8.6", 52, 6, "deploy-bot",
             "MTR-812: meter-readings-processor 4.9.0 - handle DST-ambiguous timestamps in half-hourly reads, dependency bumps")
    s.alert("ServiceBusBacklogHigh", "servicebus-readings", "warning", 8, "meter-readings topic backlog above 500k",
            "Active messages 2.9M on meter-readings/processor, oldest 41m.",
            'max(azure_servicebus_active_messages{entity="meter-readings"}) > 500000')
    s.alert("ReadingsProcessorLagHigh", "meter-readings-processor", "critical", 5, "Meter readings processor is falling behind",
            "Estimated time to drain backlog: 3h10m at current throughput.",
            'max(azure_servicebus_active_messages{entity="meter-readings"}) > 1200000')
    return s


def g_invoice():
    s = Scenario(GW, "bill-pdfs-delayed-for-customers", "2025-03-03T10:18:00Z", 3, 60,
                 "deploy", "invoice-renderer",
                 """Billing-events queue backlog alert at 10:09. Customers contacting us that the 'bill ready' email
                 arrived but the PDF is not in the portal yet. Monday bill run started 08:00 as usual.""",
                 "bill run is the normal weekly producer load; queue alert louder than the consumer")
    s.sig("invoice-renderer", "billing-engine", "servicebus-billing", "billing-sql", "portal-web", "notification-service",
          "aks-nodepool-apps")
    s.fx("billing-engine", "request_rate", "mul", 140, 130, 1.25)
    s.fx("invoice-renderer", "request_rate", "to", 75, 68, 1.1)
    s.fx("invoice-renderer", "latency_p99_seconds", "to", 75, 68, 9.4)
    s.fx("invoice-renderer", "cpu_utilisation", "to", 75, 68, 0.97)
    s.fx("invoice-renderer", "memory_utilisation", "to", 75, 68, 0.71)
    s.fx("servicebus-billing", "saturation", "to", 70, 0, 0.46)
    s.bg("billing-engine", "portal-web", "notification-service", a=75)
    s.bg("invoice-renderer", a=75, until=72)
    s.every("invoice-renderer", 72, 0, 45, lambda r, t: ("info", "%s INFO [invoice_renderer.worker] rendered invoice INV-2025-%d pages=2 size_kb=%d in %.2fs" % (py_time(t), r.randint(10 ** 7, 10 ** 8 - 1), r.randint(610, 980), r.uniform(6.5, 9.8))))
    s.every("invoice-renderer", 72, 0, 240, lambda r, t: ("warning", "%s WARNING [weasyprint] Font-face 'GT Walsheim' cannot be loaded from url(fonts/GTWalsheim-Regular.woff2); embedding full TTF fallback" % py_time(t)))
    s.every("invoice-renderer", 40, 0, 150, lambda r, t: ("warning", "%s WARNING [invoice_renderer.consumer] lock lost for message %s (processing %.1fs > lock 30s), renewing" % (py_time(t), hexid(r, 12), r.uniform(30, 45))))
    for i in range(3):
        s.log(s.m(74) + i * 40, "invoice-renderer", "info", "%s INFO [invoice_renderer] starting invoice-renderer 3.0.0 (weasyprint 62.3, pydyf 0.11.0) concurrency=4" % py_time(s.m(74) + i * 40), host=s.pod("invoice-renderer", i))
    s.deploy("invoice-renderer", "deploy", "3.0.0", "2.14.1", 77, 5, "megan.hughes",
             "BILL-2262: invoice-renderer 3.0.0 - replace wkhtmltopdf with WeasyPrint; new accessible bill template (embedded brand fonts, tagged PDF)")
    s.deploy("billing-engine", "config", "billrun-schedule 2025-03", "billrun-schedule 2025-02", 2900, 1, "priya.nair",
             "BILL-2255: March bill-run calendar (no change to Monday 08:00 slot)")
    s.alert("ServiceBusBacklogHigh", "servicebus-billing", "warning", 9, "billing-events backlog above 50k",
            "Active messages 114,880 on billing-events/invoice-renderer; oldest 61m.",
            'max(azure_servicebus_active_messages{entity="billing-events"}) > 50000')
    s.alert("InvoiceRenderLatencyHigh", "invoice-renderer", "warning", 3, "invoice-renderer p99 render time above 6s",
            "p99 render 9.4s (baseline 2.4s).",
            'histogram_quantile(0.99, sum by (le) (rate(invoice_renderer_render_seconds_bucket[5m]))) > 6')
    return s


def g_tariff_leak():
    s = Scenario(GW, "tariff-quotes-slow-and-timing-out", "2025-03-25T15:52:00Z", 4, 60,
                 "resource_saturation", "tariff-engine",
                 """Quote journey on the website and the 'switch tariff' flow in the app timing out since ~15:40.
                 account-api latency paged at 15:46; accounts released at 15:20.""",
                 "account-api deploy 26 min before; louder alert on account-api")
    s.sig("tariff-engine", "account-api", "portal-web", "mobile-bff", "customer-sql", "billing-engine")
    s.fx("tariff-engine", "memory_utilisation", "to", 230, 8, 0.97)
    s.fx("tariff-engine", "cpu_utilisation", "to", 35, 6, 0.94, shape="exp")
    s.fx("tariff-engine", "latency_p99_seconds", "to", 30, 5, 8.2, shape="exp")
    s.fx("tariff-engine", "error_ratio", "to", 16, 4, 0.12, shape="exp")
    s.fx("account-api", "latency_p99_seconds", "to", 25, 5, 10.1, shape="exp")
    s.fx("account-api", "error_ratio", "to", 16, 4, 0.045, shape="exp")
    s.fx("portal-web", "latency_p99_seconds", "to", 20, 5, 12.0, shape="exp")
    s.fx("mobile-bff", "error_ratio", "to", 16, 4, 0.02)
    s.fx("billing-engine", "latency_p99_seconds", "mul", 20, 5, 2.2)
    s.bg("tariff-engine", "account-api", "portal-web", "mobile-bff", a=60)
    tp = [s.pod("tariff-engine", i) for i in range(3)]
    s.every("tariff-engine", 60, 0, 50, lambda r, t: ("INFO", "[GC] GC(%d) Pause Young (Normal) (G1 Evacuation Pause) %dM->%dM(2048M) %.3fms" % (r.randint(9000, 9999), r.randint(1700, 1950), r.randint(1500, 1900), r.uniform(20, 140)), {"logger": "gc"}), host=tp[0])
    s.every("tariff-engine", 30, 0, 30, lambda r, t: ("WARN", "[GC] GC(%d) Pause Full (G1 Compaction Pause) %dM->%dM(2048M) %.3fms" % (r.randint(10000, 10999), r.randint(2000, 2047), r.randint(1960, 2030), r.uniform(1800, 6200)), {"logger": "gc"}), host=tp[1])
    s.every("tariff-engine", 14, 0, 25, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() for servlet [dispatcherServlet] threw exception: java.lang.OutOfMemoryError: Java heap space\n\tat c.g.pricing.cache.QuoteContextCache.put(QuoteContextCache.java:88)" % r.randint(1, 200),
                                                      {"logger": "o.a.c.c.C.[.[.[/].[dispatcherServlet]"}), p=0.6)
    s.every("account-api", 20, 0, 12, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] c.g.accounts.client.TariffClient : POST http://tariff-engine.gridwise-pricing.svc.cluster.local/v2/quotes timed out after 8000ms (readTimeout)" % r.randint(1, 200),
                                                    {"logger": "c.g.accounts.client.TariffClient"}))
    s.every("portal-web", 16, 0, 20, lambda r, t: ("error", "POST /api/tariffs/quote 504 %d.%03d ms - 88" % (r.randint(10000, 15000), r.randint(0, 999))))
    s.deploy("account-api", "deploy", "3.118.0", "3.117.1", 32, 6, "deploy-bot",
             "ACC-2291: account-api 3.118.0 - contact-preferences consent timestamp, bump jackson 2.17.2 -> 2.18.2")
    s.deploy("tariff-engine", "deploy", "7.6.0", "7.5.3", 3 * 24 * 60 + 70, 6, "tom.ashworth", "PRC-771: tariff-engine 7.6.0 - quote context caching for multi-meter sites")
    s.alert("AccountApiLatencyHigh", "account-api", "critical", 6, "account-api p99 latency above 2s",
            "p99 10.1s on POST /internal/accounts/*/quotes.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="account-api"}[5m]))) > 2')
    s.alert("TariffEngineLatencyHigh", "tariff-engine", "warning", 4, "tariff-engine p99 latency above 1s",
            "p99 8.2s.", 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="tariff-engine"}[5m]))) > 1')
    s.alert("PortalLatencyHigh", "portal-web", "warning", 3, "portal-web p99 latency above 3s", "p99 12s on /api/tariffs/quote.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="portal-web"}[5m]))) > 3')
    return s


def g_dispatch_leak():
    s = Scenario(GW, "engineers-job-list-not-loading", "2025-02-25T11:09:00Z", 3.5, 60,
                 "resource_saturation", "field-dispatch",
                 """Engineers ringing the control room: the field app's job list spins then fails. Dispatch error alert
                 at 11:03. Dispatch had a small release at 10:50.""",
                 "field-dispatch's own deploy 19 min before; dispatch-sql looks idle")
    s.sig("field-dispatch", "dispatch-sql", "ingress-nginx", "notification-service")
    s.fx("field-dispatch", "saturation", "to", 170, 10, 1.0)
    s.fx("field-dispatch", "error_ratio", "to", 13, 6, 0.42, shape="sqrt")
    s.fx("field-dispatch", "latency_p99_seconds", "to", 20, 8, 30.0, shape="exp")
    s.fx("dispatch-sql", "saturation", "to", 170, 10, 0.44)
    s.bg("field-dispatch", "ingress-nginx", "notification-service", a=80)
    fp = [s.pod("field-dispatch", i) for i in range(2)]
    s.every("field-dispatch", 80, 0, 240, lambda r, t: ("WARN", "[HikariPool-1 housekeeper] com.zaxxer.hikari.pool.ProxyLeakTask : Connection leak detection triggered for ConnectionID:%d ClientConnectionId: %s on thread dispatch-exec-%d, stack trace follows\njava.lang.Exception: Apparent connection leak detected\n\tat c.g.dispatch.route.RouteCacheRefresher.refresh(RouteCacheRefresher.java:61)" % (r.randint(100, 999), uuid(r), r.randint(1, 16)),
                                                        {"logger": "com.zaxxer.hikari.pool.ProxyLeakTask"}))
    def pool_stats(r, t):
        active = min(30, int(11 + 19 * max(0.0, (t - s.m(170)) / (s.m(10) - s.m(170)))) + r.randint(0, 1))
        return ("DEBUG", "[HikariPool-1 housekeeper] com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Pool stats (total=30, active=%d, idle=%d, waiting=%d)"
                % (active, 30 - active, 0 if active < 30 else r.randint(3, 40)), {"logger": "com.zaxxer.hikari.pool.HikariPool"})
    s.every("field-dispatch", 80, 0, 300, pool_stats)
    s.every("field-dispatch", 13, 0, 10, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] c.g.dispatch.web.JobController : GET /api/jobs/today failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=30, active=30, idle=0, waiting=%d)" % (r.randint(1, 200), r.randint(5, 60)),
                                                       {"logger": "c.g.dispatch.web.JobController"}))
    s.every("ingress-nginx", 13, 0, 25, lambda r, t: ("info", nginx_line(r, t, "field-dispatch", 8080, "/api/jobs/today", r.choice([504, 500, 200]), r.uniform(1, 30))))
    for i in range(2):
        s.log(s.m(18.6) + i * 50, "field-dispatch", "INFO", "[main] c.g.dispatch.FieldDispatchApplication : Started FieldDispatchApplication in 22.91 seconds (process running for 24.4)", logger="c.g.dispatch.FieldDispatchApplication", host=fp[i])
    s.deploy("field-dispatch", "deploy", "5.7.1", "5.7.0", 19, 3, "deploy-bot",
             "FLD-944: field-dispatch 5.7.1 - Welsh translations for job status labels")
    s.deploy("field-dispatch", "deploy", "5.7.0", "5.6.0", 6 * 24 * 60, 4, "deploy-bot", "FLD-931: field-dispatch 5.7.0 - cache engineer routes between refreshes")
    s.alert("FieldDispatchHighErrorRate", "field-dispatch", "critical", 6, "field-dispatch 5xx ratio above 10%",
            "42% of requests failing (GET /api/jobs/today).",
            'sum(rate(http_requests_total{service="field-dispatch",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="field-dispatch"}[5m])) > 0.1')
    return s


def g_flag():
    s = Scenario(GW, "account-overview-errors-in-portal-and-app", "2025-03-20T12:12:00Z", 2, 30,
                 "config_change", "account-api",
                 """Lunchtime: the account overview (usage graph + balance) fails to load for a large share of
                 customers on both portal and app. Portal and mobile-bff error alerts 12:05-12:07, plus a Cosmos
                 throttling alert.""",
                 "alerts on callers and on Cosmos, not on account-api; flag change rather than a deploy")
    s.sig("portal-web", "mobile-bff", "account-api", "readings-cosmos", "customer-sql", "billing-sql", "meter-readings-processor")
    s.fx("account-api", "latency_p99_seconds", "to", 17, 12, 6.4)
    s.fx("account-api", "error_ratio", "to", 16, 11, 0.14)
    s.fx("account-api", "cpu_utilisation", "to", 17, 12, 0.71)
    s.fx("readings-cosmos", "request_rate", "mul", 17, 13, 2.6)
    s.fx("readings-cosmos", "saturation", "to", 17, 13, 1.0)
    s.fx("readings-cosmos", "error_ratio", "to", 16, 12, 0.19)
    s.fx("readings-cosmos", "latency_p99_seconds", "to", 16, 12, 0.09)
    s.fx("meter-readings-processor", "error_ratio", "to", 15, 11, 0.015)
    s.fx("meter-readings-processor", "latency_p99_seconds", "to", 15, 11, 0.5)
    s.fx("portal-web", "error_ratio", "to", 15, 10, 0.16)
    s.fx("portal-web", "latency_p99_seconds", "to", 15, 10, 7.8)
    s.fx("mobile-bff", "error_ratio", "to", 15, 10, 0.11)
    s.bg("portal-web", "mobile-bff", "account-api", "meter-readings-processor", a=55)
    s.every("account-api", 17, 0, 8, lambda r, t: ("WARN", "[http-nio-8080-exec-%d] c.g.accounts.usage.ConsumptionInsightsService : Cosmos query throttled: {\"statusCode\":429,\"subStatusCode\":3200,\"activityId\":\"%s\",\"requestCharge\":0.0,\"retryAfterInMs\":%d,\"query\":\"SELECT c.mpxn, SUM(c.kwh) FROM c WHERE c.accountId = @acct AND c.ts >= @from GROUP BY c.mpxn\",\"crossPartition\":true}" % (r.randint(1, 200), uuid(r), r.randint(100, 2000)),
                                                   {"logger": "c.g.accounts.usage.ConsumptionInsightsService"}))
    s.every("account-api", 16, 0, 12, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] c.g.accounts.web.GlobalExceptionHandler : GET /internal/accounts/%d/summary failed: com.azure.cosmos.CosmosException: {\"innerErrorMessage\":\"Request rate is large. More Request Units may be needed, so no changes were made. Please retry this request later.\",\"cosmosDiagnostics\":{\"userAgent\":\"azsdk-java-cosmos/4.61.1\"}}, StatusCode: 429" % (r.randint(1, 200), r.randint(10 ** 7, 10 ** 8 - 1)),
                                                    {"logger": "c.g.accounts.web.GlobalExceptionHandler"}))
    s.every("portal-web", 15, 0, 10, lambda r, t: ("error", "GET /api/account/summary 500 %d.%03d ms - 73 upstream account-api: 500" % (r.randint(3000, 9000), r.randint(0, 999))))
    s.every("mobile-bff", 15, 0, 12, lambda r, t: ("error", "GET /v3/home 502 %d.%03d ms - 58 account-api summary failed: Request failed with status code 500" % (r.randint(3000, 9000), r.randint(0, 999))))
    s.every("meter-readings-processor", 15, 0, 40, lambda r, t: ("WARN", "[sb-receiver-%d] c.g.readings.CosmosWriter : Request rate is large (429) on readings/halfhourly, RetryAfter=%dms, retrying (attempt %d)" % (r.randint(1, 16), r.randint(8, 300), r.randint(1, 4)),
                                                                 {"logger": "c.g.readings.CosmosWriter"}))
    s.log(s.m(17.6), "account-api", "INFO", "[ff4j-refresh-1] c.g.accounts.flags.FeatureFlagRefresher : Feature flag 'consumption-insights-v2' changed: false -> true (rollout 100%, source=azure-app-configuration)", logger="c.g.accounts.flags.FeatureFlagRefresher")
    s.deploy("account-api", "flag", "consumption-insights-v2=on (100%)", "consumption-insights-v2=off", 18, 0, "sam.whitfield",
             "ACC-2302: switch on consumption-insights-v2 (new 'compare with last year' usage card) for all customers; was 5% canary last week")
    s.deploy("portal-web", "deploy", "4.44.1", "4.44.0", 95, 5, "deploy-bot", "Portal 4.44.1: accessibility fixes on usage card")
    s.alert("PortalHighErrorRate", "portal-web", "critical", 7, "portal-web 5xx ratio above 5%", "16% of portal requests failing on /api/account/summary.",
            'sum(rate(http_requests_total{service="portal-web",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="portal-web"}[5m])) > 0.05')
    s.alert("MobileBffHighErrorRate", "mobile-bff", "critical", 6, "mobile-bff 5xx ratio above 5%", "11% of app requests failing (GET /v3/home).",
            'sum(rate(http_requests_total{service="mobile-bff",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="mobile-bff"}[5m])) > 0.05')
    s.alert("CosmosThrottlingHigh", "readings-cosmos", "warning", 5, "readings-cosmos 429 ratio above 2%", "19% of requests throttled, normalized RU 100%.",
            'sum(azure_cosmosdb_total_requests_rate{account="gw-readings",status_code="429"}) / sum(azure_cosmosdb_total_requests_rate{account="gw-readings"}) > 0.02')
    return s


def g_body_size():
    s = Scenario(GW, "meter-photo-uploads-failing-in-app", "2025-04-08T09:31:00Z", 2, 20,
                 "config_change", "ingress-nginx",
                 """App users can't submit meter readings with a photo since this morning ('upload failed, try again').
                 Readings without a photo go through. App telemetry alert at 09:24.""",
                 "mobile-bff itself shows no 5xx; mobile-bff deploy the previous afternoon")
    s.sig("mobile-bff", "portal-web", "account-api", "ingress-nginx", "azure-front-door")
    s.fx("mobile-bff", "request_rate", "mul", 52, 50, 0.93)
    s.fx("account-api", "request_rate", "mul", 52, 50, 0.95)
    s.bg("mobile-bff", "portal-web", "account-api", a=70)
    s.bg("ingress-nginx", a=70, every=20)
    ctl = "ingress-nginx-controller-7f4c9d8b6-%s"

    def too_big(r, t):
        sz = r.randint(1400000, 6800000)
        return ("error", '%s [error] %d#%d: *%d client intended to send too large body: %d bytes, client: %d.%d.%d.%d, server: api.gridwise.energy, request: "POST /v3/meter-readings/photo HTTP/2.0", host: "api.gridwise.energy"'
                % (dt.datetime.fromtimestamp(int(t), dt.timezone.utc).strftime("%Y/%m/%d %H:%M:%S"), r.randint(20, 40), r.randint(20, 40), r.randint(10 ** 6, 10 ** 7), sz,
                   r.choice([81, 86, 92, 2]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)))
    s.every("ingress-nginx", 51, 0, 25, too_big, host=ctl % "b2xwq")
    s.every("ingress-nginx", 51, 0, 30, lambda r, t: ("info", nginx_line(r, t, "mobile-bff", 8080, "/v3/meter-readings/photo", 413, 0.001)), host=ctl % "b2xwq")
    for i, mm in enumerate([53.5, 53.1, 52.7]):
        s.log(s.m(mm), "ingress-nginx", "info", 'I%s       7 event.go:377] Event(v1.ObjectReference{Kind:"ConfigMap", Namespace:"ingress-nginx", Name:"ingress-nginx-controller", APIVersion:"v1"}): type: \'Normal\' reason: \'UPDATE\' ConfigMap ingress-nginx/ingress-nginx-controller' % klog_time(s.m(mm)), host=ctl % ["b2xwq", "k7pzd", "r4mns"][i])
        s.log(s.m(mm) + 3, "ingress-nginx", "info", 'I%s       7 controller.go:214] "Backend successfully reloaded"' % klog_time(s.m(mm) + 3), host=ctl % ["b2xwq", "k7pzd", "r4mns"][i])
    s.every("mobile-bff", 60, 0, 400, lambda r, t: ("warn", "POST /v3/meter-readings 422 %d.%03d ms - 96 reading rejected: value lower than previous actual (MPAN 19%011d)" % (r.randint(40, 120), r.randint(0, 999), r.randint(0, 10 ** 11 - 1))))
    s.deploy("ingress-nginx", "config", "configmap rev 41", "configmap rev 40", 54, 1, "dan.mercer",
             "PLAT-1408: ingress-nginx hardening per pen-test PT-2025-03: set proxy-body-size 1m (was 10m), enable-ocsp, hide server tokens")
    s.deploy("mobile-bff", "deploy", "6.24.0", "6.23.2", 1110, 4, "deploy-bot", "APP-3420: mobile-bff 6.24.0 - EV tariff eligibility endpoint GA")
    s.alert("AppMeterPhotoUploadFailures", "mobile-bff", "warning", 7, "Meter photo upload success rate below 80% (app telemetry)",
            "Photo upload success 3% over 15m; iOS and Android affected; app shows 'upload failed'.",
            'sum(rate(app_events_total{event="meter_photo_upload",outcome="success"}[15m])) / sum(rate(app_events_total{event="meter_photo_upload"}[15m])) < 0.8')
    return s


def g_dcc():
    s = Scenario(GW, "smart-meter-readings-missing-overnight", "2025-02-07T02:44:00Z", 3, 120,
                 "external", "dcc-dsp",
                 """Night shift: meter read volume alert at 02:36, DCC adapter error alert a minute later. Scheduled
                 overnight reads not arriving for most SMETS2 meters. System node pool was upgraded this evening.""",
                 "AKS system node pool upgrade earlier; resolved MQTT broker alert; gateway alert louder")
    s.sig("meter-ingest-gateway", "dcc-adapter", "meter-readings-processor", "servicebus-readings", "mqtt-broker", "aks-nodepool-system")
    s.fx("dcc-adapter", "error_ratio", "to", 13, 11, 0.93)
    s.fx("dcc-adapter", "latency_p99_seconds", "to", 13, 11, 60.0)
    s.fx("dcc-adapter", "request_rate", "mul", 13, 11, 0.6)
    s.fx("meter-ingest-gateway", "request_rate", "mul", 12, 6, 0.22)
    s.fx("meter-readings-processor", "request_rate", "mul", 12, 6, 0.22)
    s.fx("mqtt-broker", "saturation", "mul", 140, 138, 1.5, end=110)
    s.bg("meter-ingest-gateway", "meter-readings-processor", "mqtt-broker", a=75)
    s.bg("dcc-adapter", a=75, until=13)
    s.every("dcc-adapter", 13, 0, 10, lambda r, t: ("ERROR", r.choice([
        "[duis-sender-%d] c.g.dcc.DuisClient : DUIS request SRV 4.8 failed: org.apache.hc.client5.http.ConnectTimeoutException: Connect to https://dsp.smartdcc.co.uk:443 [dsp.smartdcc.co.uk/194.73.12.40] failed: Connect timed out" % r.randint(1, 8),
        "[duis-sender-%d] c.g.dcc.DuisClient : DUIS request SRV 4.1.1 rejected by DSP: HTTP 503 from https://dsp.smartdcc.co.uk/api/v4.0/duis/requests (Response Code E59 - Service temporarily unavailable)" % r.randint(1, 8)]),
        {"logger": "c.g.dcc.DuisClient"}))
    s.every("dcc-adapter", 12, 0, 60, lambda r, t: ("WARN", "[duis-sender-%d] c.g.dcc.RetryScheduler : %d requests parked for retry (circuit OPEN for dsp.smartdcc.co.uk, next probe in 60s)" % (r.randint(1, 8), r.randint(2000, 9000)), {"logger": "c.g.dcc.RetryScheduler"}))
    s.every("aks-nodepool-system", 150, 120, 60, lambda r, t: ("info", 'I%s       1 drain.go:146] "Evicting pod" pod="kube-system/%s"' % (klog_time(t), r.choice(["coredns-7b9d4f6c5d-2xkqp", "konnectivity-agent-6f5c8-kq2jd", "metrics-server-5d8b7c-8xw2v"]))), host="aks-system-21874410-vmss000001")
    s.deploy("aks-nodepool-system", "infra", "1.30.9 (node image AKSUbuntu-2204gen2containerd-202501.28.0)", "1.30.7 (node image 202501.12.0)",
             150, 31, "platform-automation", "PLAT-1377: scheduled system node pool upgrade (surge 1), planned maintenance window 00:00-03:00")
    s.alert("MeterReadVolumeLow", "meter-ingest-gateway", "critical", 8, "Meter readings ingested below 40% of expected",
            "Ingest rate 22% of the 7-day same-time baseline.",
            'sum(rate(meter_gateway_messages_received_total[15m])) < 0.4 * avg_over_time(sum(rate(meter_gateway_messages_received_total[15m]))[7d:1h] offset 1d)')
    s.alert("DccAdapterHighErrorRate", "dcc-adapter", "warning", 7, "dcc-adapter DUIS failure ratio above 20%",
            "93% of DUIS requests failing.",
            'sum(rate(http_client_requests_total{service="dcc-adapter",outcome!="SUCCESS"}[5m])) / sum(rate(http_client_requests_total{service="dcc-adapter"}[5m])) > 0.2')
    s.alert("EmqxConnectionsHigh", "mqtt-broker", "warning", 135, "EMQX connections above 80% of max", "Connections 84% of max.",
            'sum(emqx_connections_count) / sum(emqx_connections_max) > 0.8', status="resolved", end=112)
    return s


# =========================================================================== Pagecraft scenarios
def ecs_err(path, status, method="GET"):
    return {"http": {"request": {"method": method}, "response": {"status_code": status}}, "url": {"path": path}}


def p_mesh():
    s = Scenario(PC, "editor-saves-and-api-calls-failing-intermittently", "2025-02-12T10:37:00Z", 2, 15,
                 "infrastructure", "asm-mesh",
                 """Customers report intermittent 'failed to save' in the editor and sporadic 503s from the Content
                 API; webhook deliveries retrying. Content API error alert at 10:31, search and collab alerts followed.
                 Search shipped a release at 10:20.""",
                 "search-api deploy 10 min before; victims look unrelated")
    s.sig("content-api", "editor-web", "editor-collab", "search-api", "webhook-dispatcher", "auth-service", "content-db", "gke-pool-standard")
    s.fx("content-api", "error_ratio", "to", 9, 6, 0.085)
    s.fx("editor-web", "error_ratio", "to", 9, 6, 0.11)
    s.fx("editor-collab", "error_ratio", "to", 9, 6, 0.05)
    s.fx("search-api", "error_ratio", "to", 9, 6, 0.07)
    s.fx("webhook-dispatcher", "error_ratio", "to", 9, 6, 0.12)
    s.fx("auth-service", "error_ratio", "to", 9, 6, 0.04)
    for sv in ("content-api", "search-api", "auth-service"):
        s.fx(sv, "latency_p99_seconds", "mul", 9, 6, 3.5)
    s.bg("content-api", "editor-web", "editor-collab", "search-api", "webhook-dispatcher", "auth-service", a=50)
    s.bg("asm-mesh", a=50, until=12)
    istiod = ["istiod-asm-1204-2-7d9f8c6b5-lq4xn", "istiod-asm-1204-2-7d9f8c6b5-wp2rt"]
    s.every("asm-mesh", 12, 0, 25, lambda r, t: ("warn", "%s\twarn\tads\tADS:CDS: ACK ERROR %s-%s.%s-%s Internal:Proto constraint validation failed (ClusterValidationError.LoadAssignment: embedded message failed validation | caused by ClusterLoadAssignmentValidationError.Endpoints[0]: ...)"
                                                 % (iso(t), r.choice(["content-api", "search-api", "auth-service", "editor-collab"]), alnum(r, 10), r.choice(["content", "search", "identity", "editor"]), r.randint(1, 99))), host=istiod[0], p=0.6)
    s.every("asm-mesh", 11, 0, 40, lambda r, t: ("error", "%s\terror\tdelta\tADS:EDS: timeout sending to %s-%s.%s; connection closing, pushing %d endpoints" % (iso(t), r.choice(["webhook-dispatcher", "content-api", "editor-web"]), alnum(r, 10), r.choice(["hooks", "content", "editor"]), r.randint(200, 400))), host=istiod[1])
    s.log(s.m(12.3), "asm-mesh", "info", "%s\tinfo\tleader\tLeader election cycle 14 lost. Trying again" % iso(s.m(12.3)), host=istiod[0])
    s.log(s.m(12.2), "asm-mesh", "warn", "%s\twarn\tmodel\tSidecar scope for default: push took 41.2s, 3122 clusters (exceeds 10s budget)" % iso(s.m(12.2)), host=istiod[0])

    def envoy(caller, path, up, method="GET"):
        def f(r, t):
            return ("info", envoy_line(r, t, method, path, 503, "UC", up, r.randint(1, 40), detail="upstream_reset_before_response_started{connection_termination}"), {"container": {"name": "istio-proxy"}})
        return f
    s.every("editor-web", 9, 0, 12, envoy("editor-web", "/v2/spaces/sp_18/entries/9a1d6e2c-5f3b-4a7e-a2c1-7d0e9f1b2c3d", "outbound|8080||content-api.content.svc.cluster.local", "PUT"))
    s.every("content-api", 9, 0, 15, envoy("content-api", "/v1/introspect", "outbound|8080||auth-service.identity.svc.cluster.local", "POST"))
    s.every("webhook-dispatcher", 9, 0, 20, envoy("webhook-dispatcher", "/v2/spaces/sp_7/entries", "outbound|8080||content-api.content.svc.cluster.local"))
    s.every("search-api", 9, 0, 20, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] i.p.search.web.ErrorHandler : upstream error from auth-service: 503 Service Unavailable: \"upstream connect error or disconnect/reset before headers. reset reason: connection termination\"" % r.randint(1, 200), {"logger": "i.p.search.web.ErrorHandler"}))
    s.every("editor-web", 9, 0, 15, lambda r, t: ("error", "PUT /api/entries/%s/draft 502 %d.%03d ms - 112 content-api: upstream connect error or disconnect/reset before headers. reset reason: connection termination" % (uuid(r), r.randint(10, 80), r.randint(0, 999))))
    s.every("content-api", 9, 0, 20, lambda r, t: ("error", "token introspection failed", dict(ecs_err("/v2/spaces/sp_%d/entries" % r.randint(1, 40), 503), error={"message": "POST http://auth-service.identity.svc.cluster.local:8080/v1/introspect: 503 upstream connect error or disconnect/reset before headers. reset reason: connection termination"})))
    s.deploy("search-api", "deploy", "2.57.0", "2.56.3", 17, 4, "deploy-bot", "DISC-618: search-api 2.57.0 - synonyms for fr-FR, Spring Boot 3.4.2")
    s.alert("ContentApiHighErrorRate", "content-api", "critical", 6, "content-api 5xx ratio above 2%", "8.5% of Content API requests returning 503.",
            'sum(rate(http_requests_total{service="content-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="content-api"}[5m])) > 0.02')
    s.alert("SearchApiHighErrorRate", "search-api", "warning", 4, "search-api 5xx ratio above 2%", "7% of search requests failing.",
            'sum(rate(http_requests_total{service="search-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="search-api"}[5m])) > 0.02')
    s.alert("EditorSaveFailures", "editor-web", "warning", 4, "editor draft save failures above 5%", "11% of draft saves failing.",
            'sum(rate(http_requests_total{service="editor-web",route="/api/entries/:id/draft",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="editor-web",route="/api/entries/:id/draft"}[5m])) > 0.05')
    return s


def p_nodes():
    s = Scenario(PC, "api-latency-and-pods-pending", "2025-03-04T15:16:00Z", 2.5, 30,
                 "infrastructure", "gke-pool-standard",
                 """Content API and search latency alerts at 15:09-15:11, image-resizer errors. Several pods Pending
                 in the cluster. Transcode workers are busy with a large customer import on the spot pool.""",
                 "noisy neighbour: busy spot pool / transcode-worker; victims alert, nodes do not")
    s.sig("content-api", "search-api", "image-resizer", "editor-collab", "gke-pool-spot", "transcode-worker", "content-db", "elasticsearch")
    s.sig("gke-pool-standard")
    s.gap("gke-pool-standard", None, 8, 6)
    s.fx("gke-pool-standard", "saturation", "to", 12, 8, 0.99)
    s.fx("gke-pool-standard", "cpu_utilisation", "to", 12, 8, 0.86)
    s.fx("content-api", "latency_p99_seconds", "to", 11, 7, 1.9)
    s.fx("content-api", "error_ratio", "to", 11, 7, 0.03)
    s.fx("content-api", "cpu_utilisation", "to", 11, 7, 0.9)
    s.fx("search-api", "latency_p99_seconds", "to", 11, 7, 1.4)
    s.fx("search-api", "cpu_utilisation", "to", 11, 7, 0.88)
    s.fx("image-resizer", "error_ratio", "to", 11, 7, 0.09)
    s.fx("editor-collab", "error_ratio", "to", 10, 7, 0.02)
    s.fx("gke-pool-spot", "cpu_utilisation", "to", 90, 70, 0.93)
    s.fx("transcode-worker", "cpu_utilisation", "to", 90, 70, 0.95)
    s.fx("transcode-worker", "request_rate", "mul", 90, 70, 1.8)
    s.bg("content-api", "search-api", "image-resizer", "editor-collab", "transcode-worker", a=50)
    s.bg("gke-pool-standard", a=50, until=12)
    nodes = ["gke-pc-prod-euw1-standard-7c1e04b2-x3kq", "gke-pc-prod-euw1-standard-7c1e04b2-9hzt", "gke-pc-prod-euw1-standard-7c1e04b2-pd4m", "gke-pc-prod-euw1-standard-7c1e04b2-2fwn"]
    for i, n in enumerate(nodes):
        st = 13 - i
        s.every("gke-pool-standard", st, 0, 40, lambda r, t: ("error", 'E%s    1942 kubelet.go:2373] "Container runtime not ready" runtimeReady="RuntimeReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"' % klog_time(t)), host=n, p=0.6)
        s.log(s.m(st) + 5, "gke-pool-standard", "warning", "%s %s kernel: [1823341.%06d] nf_conntrack: nf_conntrack: table full, dropping packet" % (dt.datetime.fromtimestamp(s.m(st), dt.timezone.utc).strftime("%b %d %H:%M:%S"), n, s.r.randint(0, 999999)), host=n)
        s.log(s.m(st) + 90, "gke-pool-standard", "info", 'I%s       1 node_lifecycle_controller.go:1134] "Node became not ready" node="%s" status=NotReady reason="KubeletNotReady"' % (klog_time(s.m(st) + 90), n), host="kube-controller-manager")
        s.log(s.m(st) + 120, "gke-pool-standard", "info", 'I%s    1942 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"' % klog_time(s.m(st) + 120), host=n)
    s.every("gke-pool-standard", 9, 0, 45, lambda r, t: ("info", 'I%s       1 schedule_one.go:1005] "Unable to schedule pod; no fit; waiting" pod="%s-%s-%s" err="0/31 nodes are available: 4 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 12 node(s) had untolerated taint {cloud.google.com/gke-spot: true}, 15 Insufficient cpu. preemption: 0/31 nodes are available: 15 No preemption victims found for incoming pod, 16 Preemption is not helpful for scheduling."'
                                                         % (klog_time(t), r.choice(["content/content-api", "search/search-api", "media/image-resizer"]), alnum(r, 10), alnum(r, 5))), host="kube-scheduler")
    s.every("image-resizer", 11, 0, 15, lambda r, t: ("error", "origin fetch failed", dict(ecs_err("/img/sp_%d/%s/w_1200,f_webp" % (r.randint(1, 40), uuid(r)), 502), error={"message": 'Get "https://storage.googleapis.com/pc-prod-media/originals/%s": dial tcp 142.250.%d.%d:443: connect: connection timed out' % (uuid(r), r.randint(0, 255), r.randint(1, 254))})))
    s.every("transcode-worker", 90, 0, 300, lambda r, t: ("warning", "%s WARNING [transcode.worker] node %s received preemption notice (ACPI G2 soft off); nacking job %s" % (py_time(t), "gke-pc-prod-euw1-spot-e1a9d3f0-" + alnum(r, 4), uuid(r))))
    s.deploy("transcode-worker", "config", "replicas max 120", "replicas max 60", 95, 1, "ines.carvalho",
             "MED-402: raise transcode-worker HPA max to 120 on spot pool for Northwind Media archive import (approved capacity)")
    s.alert("ContentApiLatencyHigh", "content-api", "critical", 7, "content-api p99 latency above 1s", "p99 1.9s across all routes.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="content-api"}[5m]))) > 1')
    s.alert("SearchApiLatencyHigh", "search-api", "warning", 5, "search-api p99 latency above 1s", "p99 1.4s.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="search-api"}[5m]))) > 1')
    s.alert("ImageResizerErrors", "image-resizer", "warning", 5, "image-resizer 5xx ratio above 5%", "9% of image requests failing with 502.",
            'sum(rate(http_requests_total{service="image-resizer",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="image-resizer"}[5m])) > 0.05')
    s.alert("KubePodPending", "gke-pool-standard", "warning", 3, "Pods pending for more than 5 minutes",
            "11 pods Pending in namespaces content, search, media.", 'sum(kube_pod_status_phase{phase="Pending"}) > 5')
    return s


def p_content_surge():
    s = Scenario(PC, "content-database-connections-alert-and-slow-api", "2025-01-22T09:28:00Z", 2, 15,
                 "traffic_surge", "content-api",
                 """content-db connection alert at 09:20, Content API latency and 5xx from 09:22. Several customers
                 on the status page chat say their sites' builds are failing with API timeouts.""",
                 "usage-metering deploy 15 min before; alert on the database")
    s.sig("content-api", "content-db", "auth-service", "editor-web", "usage-metering", "gclb", "memorystore-redis")
    s.fx("content-api", "request_rate", "mul", 24, 18, 3.8, shape="sqrt")
    s.fx("gclb", "request_rate", "mul", 24, 18, 2.9, shape="sqrt")
    s.fx("auth-service", "request_rate", "mul", 24, 18, 1.15)
    s.fx("content-api", "cpu_utilisation", "to", 22, 16, 0.83)
    s.fx("memorystore-redis", "cpu_utilisation", "to", 22, 16, 0.44)
    s.fx("content-db", "saturation", "to", 22, 11, 0.99)
    s.fx("content-db", "cpu_utilisation", "to", 22, 12, 0.91)
    s.fx("content-db", "latency_p99_seconds", "to", 18, 9, 2.2, shape="exp")
    s.fx("content-api", "latency_p99_seconds", "to", 16, 6, 6.8, shape="exp")
    s.fx("content-api", "error_ratio", "to", 12, 6, 0.07)
    s.fx("editor-web", "error_ratio", "to", 12, 6, 0.03)
    s.bg("content-api", every=7, a=40)
    s.bg("auth-service", "editor-web", "usage-metering", "content-db", a=40)
    s.every("content-api", 24, 0, 3, lambda r, t: ("info", "handled request", dict(ecs_err("/v2/spaces/sp_31/entries", 200), labels={"api_key": "ck_live_...9Q2f", "space": "sp_31"},
                                                                                    user_agent={"original": "northwind-site-builder/1.4 (+gatsby-source-pagecraft)"})))
    s.every("content-db", 18, 0, 10, lambda r, t: ("error", "%s [%d]: [1-1] db=content,user=content_api FATAL:  remaining connection slots are reserved for non-replication superuser connections" % (pg_time(t), r.randint(30000, 65000))))
    s.every("content-db", 20, 0, 20, lambda r, t: ("info", "%s [%d]: [3-1] db=content,user=content_api LOG:  duration: %d.%03d ms  execute <unnamed>: SELECT e.id, e.fields, e.sys FROM entries e WHERE e.space_id = $1 AND e.content_type = $2 ORDER BY e.updated_at DESC LIMIT 1000 OFFSET $3" % (pg_time(t), r.randint(30000, 65000), r.randint(1200, 9000), r.randint(0, 999))))
    s.every("content-api", 16, 0, 8, lambda r, t: ("error", "query failed", dict(ecs_err("/v2/spaces/sp_%d/entries" % r.choice([31, 31, 31, 4, 12]), 503), error={"message": r.choice(["failed to connect to `host=10.61.0.3 user=content_api database=content`: server error (FATAL: remaining connection slots are reserved for non-replication superuser connections (SQLSTATE 53300))", "context deadline exceeded: acquire connection from pool (pgxpool: 100/100 in use)"])})))
    s.deploy("usage-metering", "deploy", "1.33.0", "1.32.1", 15, 3, "deploy-bot", "BP-219: usage-metering 1.33.0 - per-locale API call breakdown in usage export")
    s.alert("CloudSqlConnectionsHigh", "content-db", "critical", 8, "content-db backends above 90% of max_connections", "797/800 connections in use.",
            'sum(cloudsql_database_postgresql_num_backends{database_id="pc-prod:content-db"}) / 800 > 0.9')
    s.alert("ContentApiLatencyHigh", "content-api", "critical", 6, "content-api p99 latency above 1s", "p99 6.8s; 7% 503.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="content-api"}[5m]))) > 1')
    return s


def p_search_surge():
    s = Scenario(PC, "site-search-results-timing-out", "2025-03-11T13:47:00Z", 2, 20,
                 "traffic_surge", "search-api",
                 """Search-as-you-type on customers' sites returning errors or taking seconds. Elasticsearch search
                 rejection alert at 13:39, search-api 5xx at 13:41. Indexer had a heap alert this morning.""",
                 "resolved search-indexer alert; alert on the datastore")
    s.sig("search-api", "elasticsearch", "search-indexer", "gclb", "content-api")
    s.fx("search-api", "request_rate", "mul", 30, 20, 6.5, shape="sqrt")
    s.fx("gclb", "request_rate", "mul", 30, 20, 1.9)
    s.fx("search-api", "cpu_utilisation", "to", 28, 20, 0.79)
    s.fx("elasticsearch", "request_rate", "mul", 30, 20, 5.8, shape="sqrt")
    s.fx("elasticsearch", "cpu_utilisation", "to", 26, 14, 0.97)
    s.fx("elasticsearch", "saturation", "to", 22, 10, 1.0, shape="exp")
    s.fx("elasticsearch", "latency_p99_seconds", "to", 20, 9, 2.9, shape="exp")
    s.fx("elasticsearch", "error_ratio", "to", 14, 8, 0.16)
    s.fx("search-api", "latency_p99_seconds", "to", 18, 8, 4.5, shape="exp")
    s.fx("search-api", "error_ratio", "to", 13, 7, 0.15)
    s.fx("search-indexer", "latency_p99_seconds", "mul", 20, 10, 4.0)
    s.fx("search-indexer", "memory_utilisation", "to", 180, 170, 0.89, end=150)
    s.bg("search-api", every=6, a=45)
    s.bg("search-indexer", "content-api", "elasticsearch", a=45)
    s.every("search-api", 30, 0, 5, lambda r, t: ("INFO", "[http-nio-8080-exec-%d] i.p.search.web.RequestLoggingFilter : GET /v1/spaces/sp_12/suggest?q=%s -> 200 (%d ms) ua=\"Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)\"" % (r.randint(1, 200), r.choice(["ch", "cha", "char", "chari", "ca", "car", "ba"]), r.randint(30, 900)), {"logger": "i.p.search.web.RequestLoggingFilter"}))
    s.every("elasticsearch", 14, 0, 15, lambda r, t: ("WARN", "[%s][WARN ][r.suppressed] [es-data-%d] path: /articles-v7/_search, params: {index=articles-v7}\norg.elasticsearch.common.util.concurrent.EsRejectedExecutionException: rejected execution of TimedRunnable{original=ActionRunnable#wrap[org.elasticsearch.search.SearchService$$Lambda/0x00007f...]} on TaskExecutionTimeTrackingEsThreadPoolExecutor[name = es-data-%d/search, queue capacity = 1000, task execution EWMA = 41.2ms, active threads = 13, queued tasks = 1000, completed tasks = %d]" % (es_time(t), r.randint(0, 5), r.randint(0, 5), r.randint(10 ** 8, 10 ** 9))))
    s.every("search-api", 13, 0, 10, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] i.p.search.web.ErrorHandler : search failed for space sp_12: co.elastic.clients.elasticsearch._types.ElasticsearchException: [es/search] failed: [search_phase_execution_exception] all shards failed (es_rejected_execution_exception)" % r.randint(1, 200), {"logger": "i.p.search.web.ErrorHandler"}))
    s.deploy("search-indexer", "config", "heap 6g", "heap 4g", 150, 2, "arjun.mehta", "DISC-611: raise search-indexer heap to 6g after morning heap alert")
    s.alert("ElasticsearchSearchRejections", "elasticsearch", "critical", 8, "Elasticsearch search thread pool rejecting requests", "Search rejections on 6/6 data nodes; queue 1000/1000.",
            'sum(rate(elasticsearch_thread_pool_rejected_count{type="search"}[5m])) > 5')
    s.alert("SearchApiHighErrorRate", "search-api", "critical", 6, "search-api 5xx ratio above 2%", "15% of search requests failing.",
            'sum(rate(http_requests_total{service="search-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="search-api"}[5m])) > 0.02')
    s.alert("JvmHeapHigh", "search-indexer", "warning", 178, "search-indexer heap above 85%", "Heap 89%.",
            'max(jvm_memory_used_bytes{area="heap",service="search-indexer"} / jvm_memory_max_bytes{area="heap",service="search-indexer"}) > 0.85', status="resolved", end=150)
    return s


def p_okta():
    s = Scenario(PC, "customers-cannot-sign-in-with-sso", "2025-02-20T14:12:00Z", 2, 30,
                 "external", "okta",
                 """Support queue filling with 'SSO login loops back to the sign-in page' from enterprise customers
                 since ~14:00. SSO failure alert at 14:05. sso-gateway was deployed after lunch. Password logins OK.""",
                 "sso-gateway deploy 30 min before")
    s.sig("sso-gateway", "auth-service", "editor-web", "tenant-admin-api")
    s.fx("sso-gateway", "error_ratio", "to", 13, 10, 0.71)
    s.fx("sso-gateway", "latency_p99_seconds", "to", 13, 10, 10.0)
    s.fx("editor-web", "request_rate", "mul", 12, 6, 0.8)
    s.bg("sso-gateway", "auth-service", "editor-web", "tenant-admin-api", a=60)
    s.every("sso-gateway", 13, 0, 9, lambda r, t: ("error", r.choice([
        '{"level":50,"time":"%s","msg":"oidc callback failed","tenant":"t_%d","idp":"okta","err":{"type":"OPError","message":"expected 200 OK, got: 503 Service Unavailable","stack":"OPError: expected 200 OK, got: 503 Service Unavailable\\n    at processResponse (/app/node_modules/openid-client/lib/helpers/process_response.js:41:11)\\n    at Client.grant (/app/node_modules/openid-client/lib/client.js:1355:22)"},"url":"https://pagecraft.okta.com/oauth2/default/v1/token"}' % (iso(t), r.randint(1, 900)),
        '{"level":50,"time":"%s","msg":"oidc discovery refresh failed","idp":"okta","err":{"type":"RPError","message":"outgoing request timed out after 3500ms"},"url":"https://pagecraft.okta.com/oauth2/default/.well-known/openid-configuration"}' % iso(t),
        '{"level":40,"time":"%s","msg":"saml metadata fetch failed, using cached metadata (age 2h)","tenant":"t_%d","status":502,"url":"https://pagecraft.okta.com/app/exk1a2b3c4/sso/saml/metadata"}' % (iso(t), r.randint(1, 900))])))
    for i in range(2):
        s.log(s.m(30) + i * 35, "sso-gateway", "info", '{"level":30,"time":"%s","msg":"sso-gateway 3.9.0 listening","port":8080,"commit":"e41b7a2"}' % iso(s.m(30) + i * 35), host=s.pod("sso-gateway", i))
    s.deploy("sso-gateway", "deploy", "3.9.0", "3.8.4", 32, 4, "deploy-bot",
             "IDN-505: sso-gateway 3.9.0 - tenant-level session TTL override, openid-client 5.7.0 -> 5.7.1")
    s.alert("SsoLoginFailureRateHigh", "sso-gateway", "critical", 7, "SSO login failure ratio above 20%", "71% of OIDC/SAML callbacks failing (okta).",
            'sum(rate(sso_logins_total{outcome="failure"}[5m])) / sum(rate(sso_logins_total[5m])) > 0.2')
    return s


def p_fastly():
    s = Scenario(PC, "published-changes-not-showing-on-customer-sites", "2025-03-27T17:21:00Z", 2.5, 60,
                 "external", "fastly-api",
                 """Customers report that published edits are not appearing on their live sites (old content
                 served). Purge backlog alert 17:13, purge worker error alert 17:15. Publishing itself works.""",
                 "deploys source missing; queue alert louder than worker")
    s.omit.add("deploys")
    s.sig("cdn-purge-worker", "pubsub-cdn-purge", "content-api", "webhook-dispatcher")
    s.fx("cdn-purge-worker", "error_ratio", "to", 22, 19, 0.97)
    s.fx("cdn-purge-worker", "latency_p99_seconds", "to", 22, 19, 15.0)
    s.fx("pubsub-cdn-purge", "saturation", "to", 20, 0, 0.36)
    s.bg("content-api", "webhook-dispatcher", a=60)
    s.bg("cdn-purge-worker", a=60, until=22)
    s.every("cdn-purge-worker", 22, 0, 12, lambda r, t: ("error", "%s ERROR [purge.worker] %s" % (py_time(t), r.choice([
        "POST https://api.fastly.com/service/4kP9xQ2mVbT7sRz1yLwN0e/purge failed: 503 Service Unavailable (x-served-by: cache-lhr7331-LHR) body='{\"msg\":\"Service temporarily unavailable\"}'",
        "POST https://api.fastly.com/service/4kP9xQ2mVbT7sRz1yLwN0e/purge failed: requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.fastly.com', port=443): Read timed out. (read timeout=15)"]))))
    s.every("cdn-purge-worker", 21, 0, 60, lambda r, t: ("warning", "%s WARNING [purge.worker] nacked %d messages on cdn-purge-worker (will redeliver), oldest unacked %dm" % (py_time(t), r.randint(20, 80), int((t - s.m(22)) / 60) + 1)))
    s.alert("PubSubOldestUnackedHigh", "pubsub-cdn-purge", "critical", 8, "cdn-purge-worker subscription oldest unacked message > 10m", "Oldest unacked message 14m; 23,410 undelivered.",
            'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="cdn-purge-worker"}) > 600')
    s.alert("CdnPurgeErrors", "cdn-purge-worker", "warning", 6, "CDN purge error ratio above 10%", "97% of purge requests failing.",
            'sum(rate(cdn_purge_requests_total{status!~"2.."}[5m])) / sum(rate(cdn_purge_requests_total[5m])) > 0.1')
    return s


def p_redis():
    s = Scenario(PC, "broken-images-and-api-errors-mid-morning", "2025-01-29T09:52:00Z", 1.5, 10,
                 "dependency_outage", "memorystore-redis",
                 """Broken images in the editor and on customer sites, and a spike of Content API 5xx. Image-resizer
                 release went out at 09:38; first alert 09:46.""",
                 "image-resizer deploy 6 min before failure; content-api also affected")
    s.sig("image-resizer", "content-api", "editor-collab", "auth-service", "editor-web")
    s.sig("memorystore-redis")
    s.gap("memorystore-redis", None, 8, 0)
    s.fx("image-resizer", "error_ratio", "to", 8, 6, 0.36)
    s.fx("image-resizer", "latency_p99_seconds", "to", 8, 6, 5.0)
    s.fx("content-api", "error_ratio", "to", 8, 6, 0.12)
    s.fx("content-api", "latency_p99_seconds", "to", 8, 6, 2.2)
    s.fx("editor-collab", "error_ratio", "to", 8, 6, 0.25)
    s.fx("auth-service", "error_ratio", "to", 8, 6, 0.06)
    s.fx("editor-web", "error_ratio", "to", 8, 6, 0.05)
    s.bg("image-resizer", "content-api", "editor-collab", "auth-service", a=35)
    for i in range(3):
        s.log(s.m(14) + i * 20, "image-resizer", "info", "server started", host=s.pod("image-resizer", i), labels={"version": "2.14.0", "commit": "5b0c9e1"})
    s.every("image-resizer", 8, 0, 6, lambda r, t: ("error", "cache lookup failed", dict(ecs_err("/img/sp_%d/%s/w_1200,f_webp" % (r.randint(1, 40), uuid(r)), 503), error={"message": r.choice(["redis: connection pool timeout", "dial tcp 10.61.4.3:6379: i/o timeout"])})))
    s.every("content-api", 8, 0, 8, lambda r, t: ("error", "rate limiter unavailable, failing closed", dict(ecs_err("/v2/spaces/sp_%d/entries" % r.randint(1, 40), 503), error={"message": "dial tcp 10.61.4.3:6379: i/o timeout"})))
    s.every("editor-collab", 8, 0, 10, lambda r, t: ("error", '{"level":50,"time":"%s","msg":"presence pub/sub error","err":{"type":"Error","message":"connect ETIMEDOUT 10.61.4.3:6379","code":"ETIMEDOUT"}}' % iso(t)))
    s.deploy("image-resizer", "deploy", "2.14.0", "2.13.5", 14, 2, "deploy-bot",
             "MED-397: image-resizer 2.14.0 - AVIF encoder speed 6->7, libvips 8.16.0")
    s.alert("ImageResizerErrors", "image-resizer", "critical", 6, "image-resizer 5xx ratio above 5%", "36% of image requests failing.",
            'sum(rate(http_requests_total{service="image-resizer",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="image-resizer"}[5m])) > 0.05')
    s.alert("ContentApiHighErrorRate", "content-api", "critical", 5, "content-api 5xx ratio above 2%", "12% of Content API requests failing.",
            'sum(rate(http_requests_total{service="content-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="content-api"}[5m])) > 0.02')
    return s


def p_indexer_leak():
    s = Scenario(PC, "new-articles-missing-from-search", "2025-02-05T16:33:00Z", 4, 60,
                 "resource_saturation", "search-indexer",
                 """Customers say articles published in the last half hour don't show up in site search. Content
                 events backlog alert at 16:26. Content API release went out at 16:05.""",
                 "content-api (event producer) deploy 28 min before")
    s.sig("search-indexer", "pubsub-content-events", "content-api", "elasticsearch", "search-api", "usage-metering")
    s.fx("search-indexer", "memory_utilisation", "to", 220, 20, 0.985)
    s.fx("search-indexer", "cpu_utilisation", "to", 45, 15, 0.96, shape="exp")
    s.fx("search-indexer", "request_rate", "mul", 40, 12, 0.12, shape="exp")
    s.fx("search-indexer", "latency_p99_seconds", "to", 40, 12, 12.0, shape="exp")
    s.fx("pubsub-content-events", "saturation", "to", 35, 0, 0.5, shape="exp")
    s.bg("content-api", "search-api", "elasticsearch", "usage-metering", a=60)
    s.bg("search-indexer", a=60, until=25)
    s.every("search-indexer", 60, 0, 40, lambda r, t: ("WARN" if t > s.m(30) else "INFO", "[GC] GC(%d) Pause %s %dM->%dM(4096M) %.3fms" % (r.randint(20000, 29999), "Full (G1 Compaction Pause)" if t > s.m(30) else "Young (Normal) (G1 Evacuation Pause)", r.randint(3800, 4090), r.randint(3700, 4060), r.uniform(900, 5200) if t > s.m(30) else r.uniform(40, 180)), {"logger": "gc"}))
    s.every("search-indexer", 25, 0, 60, lambda r, t: ("WARN", "[pubsub-subscriber-%d] c.g.c.pubsub.v1.StreamingSubscriberConnection : Ack deadline extension failed for %d messages; messages will be redelivered" % (r.randint(1, 8), r.randint(10, 200)), {"logger": "c.g.c.pubsub.v1.StreamingSubscriberConnection"}))
    s.every("search-indexer", 60, 0, 240, lambda r, t: ("DEBUG", "[cache-stats] i.p.indexer.enrich.ReferenceCache : reference cache size=%d entries (no eviction policy configured)" % int(180000 + (t - s.m(240)) * 90), {"logger": "i.p.indexer.enrich.ReferenceCache"}))
    s.log(s.m(6), "search-indexer", "ERROR", "[indexer-3] i.p.indexer.BulkWriter : Uncaught exception in bulk flush\njava.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.HashMap.resize(HashMap.java:710)\n\tat i.p.indexer.enrich.ReferenceCache.put(ReferenceCache.java:52)", logger="i.p.indexer.BulkWriter")
    s.deploy("content-api", "deploy", "5.81.0", "5.80.2", 28, 5, "deploy-bot", "CP-1934: content-api 5.81.0 - GraphQL complexity limits per plan (no event schema change)")
    s.deploy("search-indexer", "deploy", "1.42.0", "1.41.3", 5 * 24 * 60, 4, "deploy-bot", "DISC-604: search-indexer 1.42.0 - enrich documents with referenced entry titles (in-memory cache)")
    s.alert("PubSubOldestUnackedHigh", "pubsub-content-events", "critical", 7, "content-events-indexer oldest unacked message > 10m", "Oldest unacked 18m; 412k undelivered.",
            'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="content-events-indexer"}) > 600')
    s.alert("SearchIndexerThroughputLow", "search-indexer", "warning", 4, "search-indexer indexing rate below 25% of baseline", "Indexing 17 docs/s vs ~140 baseline.",
            'sum(rate(indexer_documents_indexed_total[10m])) < 35')
    return s


def p_webhook_cfg():
    s = Scenario(PC, "customer-webhooks-arriving-late", "2025-03-19T11:46:00Z", 3, 60,
                 "config_change", "webhook-dispatcher",
                 """Several customers (build hooks, Slack integrations) report webhooks arriving 20-40 minutes
                 late. Webhooks subscription age alert at 11:38. Usual trickle of failed deliveries to customer
                 endpoints in the logs.""",
                 "background delivery failures to customer endpoints; alert on the queue")
    s.sig("webhook-dispatcher", "pubsub-webhooks", "content-api", "content-db")
    s.fx("webhook-dispatcher", "request_rate", "to", 52, 50, 11.0)
    s.fx("webhook-dispatcher", "cpu_utilisation", "to", 52, 50, 0.05)
    s.fx("pubsub-webhooks", "saturation", "to", 50, 0, 0.62)
    s.bg("content-api", a=70)
    s.bg("webhook-dispatcher", a=70, until=52)
    s.bg("webhook-dispatcher", a=52, every=110)
    s.every("webhook-dispatcher", 70, 0, 150, lambda r, t: ("warn", 'level=warn ts=%s caller=dispatch/worker.go:189 msg="webhook delivery failed, scheduling retry" subscription=whs_%s url=https://%s status=%s attempt=%d backoff=%ds' % (iso(t), hexid(r, 12), r.choice(["hooks.netlify.com/build_hooks/...", "api.vercel.com/v1/integrations/deploy/...", "example-agency.co.uk/pagecraft-hook"]), r.choice(["500", "404", "timeout"]), r.randint(2, 5), r.choice([30, 120, 600]))))
    s.every("webhook-dispatcher", 50, 0, 120, lambda r, t: ("info", 'level=info ts=%s caller=dispatch/pool.go:71 msg="worker pool saturated" inflight=4 max_inflight=4 queued_locally=%d' % (iso(t), r.randint(900, 1000))))
    s.log(s.m(52.4), "webhook-dispatcher", "info", 'level=info ts=%s caller=config/watch.go:48 msg="config reloaded" source=configmap/webhook-dispatcher changed="max_inflight_per_pod: 64 -> 4, per_customer_rate_limit: 0 -> 5/s"' % iso(s.m(52.4)))
    s.deploy("webhook-dispatcher", "config", "configmap webhook-dispatcher rev 23", "configmap webhook-dispatcher rev 22", 53, 1, "kai.lindqvist",
             "INT-733: throttle deliveries to protect customer endpoints after Acme complaint (set per-customer rate limit 5/s, max_inflight_per_pod 4)")
    s.alert("PubSubOldestUnackedHigh", "pubsub-webhooks", "critical", 8, "webhooks-dispatcher oldest unacked message > 15m", "Oldest unacked message 37m; 186k undelivered.",
            'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="webhooks-dispatcher"}) > 900')
    return s


def p_media_surge():
    s = Scenario(PC, "video-processing-queue-growing", "2025-03-04T12:58:00Z", 3, 60,
                 "traffic_surge", "media-api",
                 """Transcode worker CPU alert at 12:49, queue age alert at 12:52. Customers uploading videos see
                 'processing' for 30+ minutes.
                 Spot pool has been churning nodes since late morning.""",
                 "spot preemptions (normal churn); transcode-worker CPU alert louder than the entry point")
    s.sig("media-api", "pubsub-transcode-jobs", "transcode-worker", "gke-pool-spot", "content-api", "content-db")
    s.fx("media-api", "request_rate", "mul", 46, 36, 7.5, shape="sqrt")
    s.fx("media-api", "cpu_utilisation", "to", 46, 36, 0.61)
    s.fx("media-api", "latency_p99_seconds", "mul", 46, 36, 1.6)
    s.fx("transcode-worker", "request_rate", "to", 42, 28, 2.1)
    s.fx("transcode-worker", "cpu_utilisation", "to", 42, 28, 0.97)
    s.fx("gke-pool-spot", "cpu_utilisation", "to", 42, 28, 0.94)
    s.fx("gke-pool-spot", "saturation", "to", 42, 28, 0.98)
    s.fx("pubsub-transcode-jobs", "saturation", "to", 40, 0, 0.72)
    s.bg("media-api", "transcode-worker", "content-api", "gke-pool-spot", a=60)
    s.every("media-api", 46, 0, 8, lambda r, t: ("info", "upload completed", dict(ecs_err("/v1/uploads/%s/complete" % uuid(r), 200, "POST"), labels={"space": "sp_204", "api_key": "ck_live_...7Lx1", "content_type": "video/mp4", "bytes": str(r.randint(2 * 10 ** 8, 4 * 10 ** 9))},
                                                                                user_agent={"original": "northwind-archive-migrator/0.3 python-requests/2.32.3"})))
    s.every("gke-pool-spot", 150, 0, 300, lambda r, t: ("info", 'I%s       1 gce.go:192] "Node preempted by GCE" node="gke-pc-prod-euw1-spot-e1a9d3f0-%s"' % (klog_time(t), alnum(r, 4))), host="cluster-autoscaler")
    s.every("gke-pool-spot", 60, 0, 240, lambda r, t: ("info", 'I%s       1 scale_up.go:473] Final scale-up plan: [{https://www.googleapis.com/compute/v1/projects/pc-prod/zones/europe-west1-b/instanceGroups/gke-pc-prod-euw1-spot-e1a9d3f0-grp %d->%d (max: 40)}]' % (klog_time(t), 40, 40)), host="cluster-autoscaler", p=0.5)
    s.every("transcode-worker", 40, 0, 60, lambda r, t: ("info", "%s INFO [transcode.pubsub] flow control: 2/2 jobs in flight, %d messages outstanding on transcode-jobs-workers" % (py_time(t), r.randint(5000, 14000))))
    s.deploy("content-api", "deploy", "5.84.0", "5.83.1", 45, 5, "deploy-bot", "CP-1950: content-api 5.84.0 - locale fallback chains in GraphQL")
    s.alert("PubSubOldestUnackedHigh", "pubsub-transcode-jobs", "critical", 6, "transcode-jobs-workers oldest unacked message > 20m", "Oldest unacked 27m; 11,870 undelivered.",
            'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="transcode-jobs-workers"}) > 1200')
    s.alert("TranscodeWorkerCpuSaturated", "transcode-worker", "warning", 9, "transcode-worker CPU above 90% of limit for 15m", "CPU 97%; HPA at max replicas (40).",
            'sum(rate(container_cpu_usage_seconds_total{container="transcode-worker"}[5m])) / sum(kube_pod_container_resource_limits{container="transcode-worker",resource="cpu"}) > 0.9')
    return s


def p_collab_leak():
    s = Scenario(PC, "editors-going-offline-while-co-editing", "2025-02-26T16:14:00Z", 4, 60,
                 "resource_saturation", "editor-collab",
                 """Editors see 'You are offline - reconnecting' banners and lose co-editing presence. Collab error
                 alert at 16:07; editor-web release went out at 15:55.""",
                 "editor-web deploy 19 min before; editor-web alert louder")
    s.sig("editor-collab", "editor-web", "content-api", "memorystore-redis", "preview-renderer")
    s.fx("editor-collab", "memory_utilisation", "to", 235, 5, 0.96)
    s.fx("editor-collab", "saturation", "to", 235, 8, 1.0)
    s.fx("editor-collab", "error_ratio", "to", 18, 6, 0.22, shape="exp")
    s.fx("editor-collab", "latency_p99_seconds", "to", 20, 6, 1.8, shape="exp")
    s.fx("editor-collab", "cpu_utilisation", "to", 25, 6, 0.74, shape="exp")
    s.fx("editor-web", "error_ratio", "to", 15, 6, 0.09)
    s.fx("memorystore-redis", "saturation", "to", 235, 8, 0.33)
    s.bg("editor-collab", "editor-web", "content-api", "preview-renderer", a=60)
    s.every("editor-collab", 60, 0, 120, lambda r, t: ("warn", '{"level":40,"time":"%s","msg":"heartbeat missed, keeping session","doc":"%s","socketState":"CLOSING","age_s":%d}' % (iso(t), uuid(r), r.randint(3600, 14000))))
    s.every("editor-collab", 18, 0, 10, lambda r, t: ("error", r.choice([
        '{"level":50,"time":"%s","msg":"accept failed","err":{"type":"Error","message":"EMFILE: too many open files, accept","code":"EMFILE","syscall":"accept"}}' % iso(t),
        '{"level":50,"time":"%s","msg":"redis subscribe failed","err":{"type":"Error","message":"connect EMFILE 10.61.4.3:6379 - Local (undefined:undefined)","code":"EMFILE"}}' % iso(t),
        '{"level":40,"time":"%s","msg":"event loop lag high","lagMs":%d}' % (iso(t), r.randint(300, 2200))])))
    s.every("editor-web", 15, 0, 20, lambda r, t: ("error", "GET /api/collab/token 502 %d.%03d ms - 84 editor-collab: socket hang up" % (r.randint(50, 3000), r.randint(0, 999))))
    for i in range(2):
        s.log(s.m(19) + i * 30, "editor-web", "info", "editor-web@12.8.0 ready on :3000 (commit 71ac0d3)", host=s.pod("editor-web", i))
    s.deploy("editor-web", "deploy", "12.8.0", "12.7.4", 19, 4, "deploy-bot", "ED-1288: editor-web 12.8.0 - table block column resize, i18n for pt-BR")
    s.deploy("editor-collab", "deploy", "4.3.0", "4.2.2", 2 * 24 * 60 + 35, 3, "deploy-bot", "ED-1275: editor-collab 4.3.0 - keep sessions alive across brief network drops")
    s.alert("EditorWebHighErrorRate", "editor-web", "critical", 5, "editor-web 5xx ratio above 5%", "9% of editor requests failing (collab token, draft save).",
            'sum(rate(http_requests_total{service="editor-web",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="editor-web"}[5m])) > 0.05')
    s.alert("CollabWsErrorsHigh", "editor-collab", "warning", 7, "editor-collab websocket error ratio above 5%", "22% of ws messages erroring; reconnect storm.",
            'sum(rate(collab_ws_errors_total[5m])) / sum(rate(collab_ws_messages_total[5m])) > 0.05')
    return s


def p_auth_cfg():
    s = Scenario(PC, "api-rejecting-customer-integration-tokens", "2025-01-16T10:07:00Z", 2, 30,
                 "config_change", "auth-service",
                 """Customers' server-side integrations getting 401 invalid_token from the Content API and Media
                 API since about 09:55. Editor UI mostly fine. 4xx alert on content-api at 10:01.""",
                 "auth-service itself shows no 5xx; alerts on callers")
    s.sig("content-api", "media-api", "auth-service", "editor-web", "search-api")
    s.fx("content-api", "error_ratio", "to", 13, 10, 0.004)
    s.fx("content-api", "request_rate", "mul", 12, 8, 1.25)
    s.fx("auth-service", "request_rate", "mul", 12, 8, 1.4)
    s.fx("media-api", "request_rate", "mul", 12, 8, 1.1)
    s.bg("content-api", "media-api", "auth-service", "editor-web", a=55)
    s.every("content-api", 12, 0, 4, lambda r, t: ("warn", "token rejected", dict(ecs_err("/v2/spaces/sp_%d/entries" % r.randint(1, 400), 401), error={"message": 'introspection: active=false reason="aud claim mismatch: token aud=[\\"https://api.pagecraft.io\\"] expected=\\"https://cdn-api.pagecraft.io\\""'}, labels={"client_type": "cma_token"})))
    s.every("media-api", 12, 0, 20, lambda r, t: ("warn", "token rejected", dict(ecs_err("/v1/uploads", 401, "POST"), error={"message": "introspection: active=false reason=\"aud claim mismatch\""})))
    s.every("auth-service", 12, 0, 15, lambda r, t: ("info", "token introspected", {"labels": {"active": "false", "reason": "audience_mismatch", "client_id": "cli_%s" % hexid(r, 8)}}))
    s.log(s.m(13.2), "auth-service", "info", "config reloaded", labels={"source": "configmap/auth-service", "changed": "token.expected_audience", "old": "https://api.pagecraft.io", "new": "https://cdn-api.pagecraft.io"})
    s.deploy("auth-service", "config", "configmap auth-service rev 57", "configmap auth-service rev 56", 14, 1, "ravi.shah",
             "IDN-498: prepare CDN-API split - set expected token audience for delivery endpoints (step 2 of 4)")
    s.deploy("search-api", "deploy", "2.54.1", "2.54.0", 70, 4, "deploy-bot", "DISC-599: search-api 2.54.1 - fix suggest highlighting")
    s.alert("ContentApiClientErrorsHigh", "content-api", "critical", 6, "content-api 401 ratio above 10%", "38% of Content API requests rejected with 401 invalid_token.",
            'sum(rate(http_requests_total{service="content-api",code="401"}[5m])) / sum(rate(http_requests_total{service="content-api"}[5m])) > 0.1')
    s.alert("MediaApiClientErrorsHigh", "media-api", "warning", 4, "media-api 401 ratio above 10%", "24% of upload requests rejected with 401.",
            'sum(rate(http_requests_total{service="media-api",code="401"}[5m])) / sum(rate(http_requests_total{service="media-api"}[5m])) > 0.1')
    return s


def p_ack_deadline():
    s = Scenario(PC, "videos-transcoded-repeatedly-and-stuck", "2025-04-02T08:43:00Z", 2.5, 30,
                 "config_change", "pubsub-transcode-jobs",
                 """Video uploads stuck in 'processing'; some customers see the same asset transcoded three or four
                 times in their activity log. Transcode worker error alert 08:36 and queue age alert 08:38.""",
                 "worker looks guilty (errors, CPU); infra change was on the subscription")
    s.sig("transcode-worker", "pubsub-transcode-jobs", "media-api", "gke-pool-spot", "content-api")
    s.fx("transcode-worker", "error_ratio", "to", 50, 40, 0.41)
    s.fx("transcode-worker", "cpu_utilisation", "to", 50, 40, 0.96)
    s.fx("transcode-worker", "request_rate", "mul", 50, 40, 0.45)
    s.fx("pubsub-transcode-jobs", "saturation", "to", 45, 0, 0.55)
    s.fx("gke-pool-spot", "cpu_utilisation", "to", 50, 40, 0.9)
    s.bg("media-api", "content-api", a=60)
    s.bg("transcode-worker", a=60, until=52)
    s.every("transcode-worker", 50, 0, 20, lambda r, t: ("warning", "%s WARNING [transcode.pubsub] received redelivery of message %d (delivery_attempt=%d) for job %s already in progress on this worker; starting duplicate" % (py_time(t), r.randint(10 ** 15, 10 ** 16), r.randint(2, 5), uuid(r))))
    s.every("transcode-worker", 50, 0, 25, lambda r, t: ("error", "%s ERROR [transcode.worker] job=%s ack failed: google.api_core.exceptions.InvalidArgument: 400 You have passed an invalid ack ID to the service (ack_id=%s...). (ack deadline expired after 60s)" % (py_time(t), uuid(r), hexid(r, 24))))
    s.every("transcode-worker", 48, 0, 40, lambda r, t: ("error", "%s ERROR [transcode.worker] job=%s upload failed: 412 Precondition Failed: gs://pc-prod-media/renditions/%s/1080p.mp4 (ifGenerationMatch=0; object written by another worker)" % (py_time(t), uuid(r), uuid(r))))
    s.deploy("pubsub-transcode-jobs", "infra", "terraform pc-infra@a41c9e0", "terraform pc-infra@7f2b118", 53, 2, "atlantis-bot",
             "PLAT-902: standardise Pub/Sub subscriptions module v3 (ack_deadline_seconds now defaults to 60, message_retention 7d, exactly_once off)")
    s.deploy("media-api", "deploy", "3.20.0", "3.19.4", 150, 4, "deploy-bot", "MED-410: media-api 3.20.0 - resumable upload part size 16MiB")
    s.alert("TranscodeJobFailures", "transcode-worker", "critical", 7, "transcode-worker failure ratio above 10%", "41% of jobs failing (ack / upload precondition errors).",
            'sum(rate(transcode_jobs_failed_total[5m])) / sum(rate(transcode_jobs_completed_total[5m]) + rate(transcode_jobs_failed_total[5m])) > 0.1')
    s.alert("PubSubOldestUnackedHigh", "pubsub-transcode-jobs", "warning", 5, "transcode-jobs-workers oldest unacked message > 20m", "Oldest unacked 33m.",
            'max(pubsub_subscription_oldest_unacked_message_age{subscription_id="transcode-jobs-workers"}) > 1200')
    return s


def p_content_deploy():
    s = Scenario(PC, "article-listing-pages-slow-and-database-cpu-alert", "2025-03-13T11:24:00Z", 2, 20,
                 "deploy", "content-api",
                 """content-db CPU critical at 11:16; Content API p99 above 3 s shortly after. Customer sites that
                 render article listings are slow. Traffic looks normal.""",
                 "alert on the database; no traffic change")
    s.sig("content-api", "content-db", "auth-service", "editor-web", "gclb", "webhook-dispatcher")
    s.fx("content-db", "cpu_utilisation", "to", 22, 12, 0.95)
    s.fx("content-db", "latency_p99_seconds", "to", 22, 12, 1.6)
    s.fx("content-db", "saturation", "to", 22, 10, 0.71)
    s.fx("content-api", "latency_p99_seconds", "to", 22, 10, 3.6)
    s.fx("content-api", "error_ratio", "to", 20, 10, 0.018)
    s.fx("content-api", "cpu_utilisation", "mul", 22, 12, 1.2)
    s.fx("editor-web", "latency_p99_seconds", "mul", 22, 12, 2.5)
    s.bg("content-api", every=6, a=45)
    s.bg("auth-service", "editor-web", "webhook-dispatcher", a=45)
    s.bg("content-db", a=45, until=22)
    s.every("content-db", 22, 0, 15, lambda r, t: ("info", "%s [%d]: [2-1] db=content,user=content_api LOG:  duration: %d.%03d ms  execute <unnamed>: SELECT e.id, e.fields, (SELECT json_agg(r.*) FROM entry_references r JOIN entries re ON re.id = r.target_id WHERE r.source_id = e.id AND re.locale = $2) AS linked FROM entries e WHERE e.space_id = $1 AND e.content_type = 'article' ORDER BY e.published_at DESC LIMIT 50" % (pg_time(t), r.randint(30000, 65000), r.randint(1500, 8000), r.randint(0, 999))))
    s.every("content-db", 20, 0, 120, lambda r, t: ("info", "%s [%d]: [1-1] db=,user= LOG:  temporary file: path \"base/pgsql_tmp/pgsql_tmp%d.%d\", size %d" % (pg_time(t), r.randint(30000, 65000), r.randint(30000, 65000), r.randint(0, 9), r.randint(10 ** 7, 10 ** 8))))
    s.every("content-api", 18, 0, 20, lambda r, t: ("warn", "slow query", dict(ecs_err("/v2/spaces/sp_%d/entries" % r.randint(1, 400), 200), labels={"query": "ListEntriesWithLinks", "include": "2"}, event={"duration": r.randint(2, 9) * 10 ** 9})))
    s.deploy("content-api", "deploy", "5.86.0", "5.85.2", 25, 4, "deploy-bot",
             "CP-1961: content-api 5.86.0 - resolve linked entries server-side for include>=1 on REST list endpoints (removes N+1 from client SDKs)")
    s.alert("CloudSqlCpuHigh", "content-db", "critical", 8, "content-db CPU above 90%", "CPU 95% on pc-prod:content-db primary.",
            'avg(cloudsql_database_cpu_utilization{database_id="pc-prod:content-db"}) > 0.9')
    s.alert("ContentApiLatencyHigh", "content-api", "warning", 6, "content-api p99 latency above 1s", "p99 3.6s on GET entries.",
            'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="content-api"}[5m]))) > 1')
    return s


def p_preview_deploy():
    s = Scenario(PC, "article-previews-blank-in-editor", "2025-02-18T14:41:00Z", 1.5, 10,
                 "deploy", "preview-renderer",
                 """Editors report the preview pane is blank or shows 'Preview unavailable'. Editor-web 5xx alert at
                 14:35, preview-renderer restart alert a minute later.""",
                 "editor-web alert louder; preview pods crash-looping")
    s.sig("preview-renderer", "editor-web", "content-api", "editor-collab")
    s.fx("preview-renderer", "error_ratio", "to", 12, 10, 0.62)
    s.fx("preview-renderer", "request_rate", "mul", 12, 10, 0.5)
    s.fx("preview-renderer", "memory_utilisation", "to", 12, 10, 0.3)
    s.fx("editor-web", "error_ratio", "to", 12, 10, 0.14)
    s.gap("preview-renderer", None, 7, 6)
    s.bg("editor-web", "content-api", "editor-collab", a=35)
    s.bg("preview-renderer", a=35, until=13)
    for i in range(3):
        s.log(s.m(13) + i * 15, "preview-renderer", "info", "preview-renderer 2.19.0 listening on :8080", host=s.pod("preview-renderer", i))
    s.every("preview-renderer", 12, 0, 12, lambda r, t: ("error", "TypeError: Cannot read properties of undefined (reading 'blocks')\n    at renderRichText (/app/dist/render/richText.js:44:31)\n    at renderEntry (/app/dist/render/entry.js:112:18)\n    at async /app/dist/server.js:87:20 url=/render/sp_%d/%s?locale=en-GB" % (r.randint(1, 400), uuid(r))))
    s.every("preview-renderer", 11, 0, 60, lambda r, t: ("error", "process exiting after unhandledRejection: TypeError: Cannot read properties of undefined (reading 'blocks')"))
    s.every("editor-web", 12, 0, 10, lambda r, t: ("error", "GET /api/preview/%s 502 %d.%03d ms - 90 preview-renderer: %s" % (uuid(r), r.randint(10, 900), r.randint(0, 999), r.choice(["socket hang up", "connect ECONNREFUSED 10.8.14.22:8080", "Request failed with status code 500"]))))
    s.deploy("preview-renderer", "deploy", "2.19.0", "2.18.3", 14, 2, "deploy-bot",
             "ED-1281: preview-renderer 2.19.0 - support new rich-text v2 document format (richTextV2 field)")
    s.alert("EditorWebHighErrorRate", "editor-web", "critical", 6, "editor-web 5xx ratio above 5%", "14% of editor requests failing (GET /api/preview/*).",
            'sum(rate(http_requests_total{service="editor-web",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="editor-web"}[5m])) > 0.05')
    s.alert("KubePodCrashLooping", "preview-renderer", "warning", 5, "Pod editor/preview-renderer is restarting", "preview-renderer pods restarted 11 times in 10 minutes.",
            'increase(kube_pod_container_status_restarts_total{namespace="editor",container="preview-renderer"}[10m]) > 2')
    return s


def p_es_down():
    s = Scenario(PC, "site-search-returning-errors", "2025-04-09T07:19:00Z", 2, 15,
                 "dependency_outage", "elasticsearch",
                 """Site search returning errors for all customers since ~07:10. Search-api 5xx critical at 07:12,
                 indexer errors too. A search flag was turned on at 06:45.""",
                 "search-api flag change 34 min before; ES metrics gone")
    s.sig("search-api", "search-indexer", "pubsub-content-events", "content-api")
    s.sig("elasticsearch")
    s.gap("elasticsearch", None, 10, 0)
    s.fx("search-api", "error_ratio", "to", 10, 8, 0.97)
    s.fx("search-api", "latency_p99_seconds", "to", 10, 8, 0.03)
    s.fx("search-indexer", "error_ratio", "to", 10, 8, 1.0)
    s.fx("search-indexer", "request_rate", "to", 10, 8, 0.0)
    s.fx("pubsub-content-events", "saturation", "to", 10, 0, 0.16)
    s.bg("content-api", a=50)
    s.bg("search-api", "search-indexer", a=50, until=10)
    s.bg("elasticsearch", a=50, every=120, until=11)
    for n in ("es-master-0", "es-master-1", "es-master-2"):
        s.every("elasticsearch", 10.5, 0, 30, lambda r, t, n=n: ("WARN", "[%s][WARN ][o.e.c.c.ClusterFormationFailureHelper] [%s] master not discovered or elected yet, an election requires at least 2 nodes with ids from [kV9dQ2xTT1uXh3vJ0pP7ww, 3mF8bYcRQ-6eLr2aZs9N1g, Hq0tW5nUShK4pXyB7cE2jA], have only discovered non-quorum [{%s}{...}{10.8.%d.%d:9300}]; discovery will continue using [10.8.2.11:9300, 10.8.7.40:9300, 10.8.19.6:9300] from hosts providers" % (es_time(t), n, n, r.randint(0, 31), r.randint(2, 250))), host=n, p=0.7)
    s.log(s.m(10.8), "elasticsearch", "INFO", "[%s][INFO ][o.e.c.s.ClusterApplierService] [es-data-3] master node changed {previous [{es-master-1}{3mF8bYcRQ-6eLr2aZs9N1g}], current []}, term: 41, version: 1882213, reason: becoming candidate: onLeaderFailure" % es_time(s.m(10.8)), host="es-data-3")
    s.every("search-api", 10, 0, 5, lambda r, t: ("ERROR", "[http-nio-8080-exec-%d] i.p.search.web.ErrorHandler : search failed for space sp_%d: co.elastic.clients.elasticsearch._types.ElasticsearchException: [es/search] failed: [cluster_block_exception] blocked by: [SERVICE_UNAVAILABLE/2/no master];" % (r.randint(1, 200), r.randint(1, 400)), {"logger": "i.p.search.web.ErrorHandler"}))
    s.every("search-indexer", 10, 0, 20, lambda r, t: ("ERROR", "[indexer-%d] i.p.indexer.BulkWriter : Bulk request to articles-v7 failed: org.elasticsearch.client.ResponseException: method [POST], host [http://elasticsearch.search.svc.cluster.local:9200], URI [/_bulk], status line [HTTP/1.1 503 Service Unavailable] {\"error\":{\"type\":\"master_not_discovered_exception\"},\"status\":503}" % r.randint(1, 8), {"logger": "i.p.indexer.BulkWriter"}))
    s.log(s.m(34.5), "search-api", "INFO", "[unleash-poller] i.p.search.flags.FlagListener : flag 'fuzzy-suggest' toggled ON (strategy: default, 100%)", logger="i.p.search.flags.FlagListener")
    s.deploy("search-api", "flag", "fuzzy-suggest=on", "fuzzy-suggest=off", 34, 0, "arjun.mehta", "DISC-622: enable fuzzy matching in suggest endpoint (fuzziness AUTO, prefix_length 2)")
    s.alert("SearchApiHighErrorRate", "search-api", "critical", 7, "search-api 5xx ratio above 2%", "97% of search requests failing.",
            'sum(rate(http_requests_total{service="search-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="search-api"}[5m])) > 0.02')
    s.alert("SearchIndexerErrors", "search-indexer", "warning", 6, "search-indexer bulk failures", "100% of bulk requests failing.",
            'sum(rate(indexer_documents_failed_total[5m])) > 1')
    s.alert("ElasticsearchExporterDown", "elasticsearch", "warning", 5, "elasticsearch-exporter cannot scrape cluster", "up{job=\"elasticsearch-exporter\"} == 0 for 5m.",
            'up{job="elasticsearch-exporter"} == 0')
    return s


def p_webhook_deploy():
    s = Scenario(PC, "customers-report-webhooks-rejected", "2025-03-25T13:34:00Z", 2, 20,
                 "deploy", "webhook-dispatcher",
                 """Several integrators report our webhooks failing signature verification on their side since
                 lunchtime; webhook failure alert at 13:27. Spot nodes were being preempted around the same time.""",
                 "spot node preemptions at the same time; background delivery failures")
    s.sig("webhook-dispatcher", "pubsub-webhooks", "gke-pool-spot", "content-api", "transcode-worker")
    s.fx("webhook-dispatcher", "error_ratio", "to", 17, 14, 0.83)
    s.fx("webhook-dispatcher", "request_rate", "mul", 17, 12, 2.4)
    s.fx("pubsub-webhooks", "saturation", "to", 15, 0, 0.15)
    s.fx("gke-pool-spot", "cpu_utilisation", "mul", 25, 20, 0.8, end=12)
    s.fx("transcode-worker", "request_rate", "mul", 25, 20, 0.7, end=12)
    s.bg("content-api", "transcode-worker", a=50)
    s.bg("webhook-dispatcher", a=50, until=17)
    s.every("webhook-dispatcher", 17, 0, 4, lambda r, t: ("warn", 'level=warn ts=%s caller=dispatch/worker.go:189 msg="webhook delivery failed, scheduling retry" subscription=whs_%s url=https://%s status=401 body="%s" attempt=%d backoff=30s' % (iso(t), hexid(r, 12), r.choice(["hooks.netlify.com/build_hooks/6580f1", "api.vercel.com/v1/integrations/deploy/prj_x1", "cms-sync.example-agency.co.uk/pagecraft", "n8n.acme-publishing.com/webhook/pagecraft"]), r.choice(["invalid signature", "Signature mismatch", "{\\\"error\\\":\\\"bad signature\\\"}"]), r.randint(1, 5))))
    s.every("gke-pool-spot", 26, 18, 60, lambda r, t: ("info", 'I%s       1 gce.go:192] "Node preempted by GCE" node="gke-pc-prod-euw1-spot-e1a9d3f0-%s"' % (klog_time(t), alnum(r, 4))), host="cluster-autoscaler")
    for i in range(3):
        s.log(s.m(19) + i * 20, "webhook-dispatcher", "info", 'level=info ts=%s caller=main.go:52 msg="starting webhook-dispatcher" version=2.7.0 signing="v2 (hmac-sha256, header X-Pagecraft-Signature-256)"' % iso(s.m(19) + i * 20), host=s.pod("webhook-dispatcher", i))
    s.deploy("webhook-dispatcher", "deploy", "2.7.0", "2.6.5", 20, 3, "deploy-bot",
             "INT-741: webhook-dispatcher 2.7.0 - signing v2 (timestamped payload) groundwork; v1 header kept for compatibility")
    s.alert("WebhookDeliveryFailuresHigh", "webhook-dispatcher", "critical", 7, "webhook delivery failure ratio above 25%", "83% of deliveries failing; 401 from customer endpoints.",
            'sum(rate(webhook_deliveries_total{outcome!="delivered"}[5m])) / sum(rate(webhook_deliveries_total[5m])) > 0.25')
    s.alert("KubeNodePreempted", "gke-pool-spot", "info", 22, "Spot node preemptions in pool spot", "6 spot nodes preempted in 10 minutes.",
            'sum(increase(node_preemptions_total{nodepool="spot"}[10m])) > 3', status="resolved", end=12)
    return s


SCENARIOS = [g_dns, g_nodes, g_ingress, g_bills_surge, g_outage_surge, g_bureau, g_dno, g_sms, g_billing_sql, g_sessions,
             g_meter_surge, g_invoice, g_tariff_leak, g_dispatch_leak, g_flag, g_body_size, g_dcc,
             p_mesh, p_nodes, p_content_surge, p_search_surge, p_okta, p_fastly, p_redis, p_indexer_leak, p_webhook_cfg,
             p_media_surge, p_collab_leak, p_auth_cfg, p_ack_deadline, p_content_deploy, p_preview_deploy, p_es_down,
             p_webhook_deploy]

# hard classes -> scenarios (for README)
HARD = {
    "shared platform component failing under unrelated services": ["portal-and-app-errors-across-unrelated-pages", "meter-readings-and-bill-runs-pods-restarting",
                                                                     "portal-and-app-intermittent-502s", "editor-saves-and-api-calls-failing-intermittently", "api-latency-and-pods-pending"],
    "traffic surge that first saturates a datastore": ["bill-pages-slow-and-billing-database-cpu-alert", "outage-map-timing-out",
                                                       "content-database-connections-alert-and-slow-api", "site-search-results-timing-out"],
    "third-party outage (provider is a listed dependency)": ["direct-debit-submissions-failing", "outage-map-showing-stale-data", "outage-texts-not-reaching-customers",
                                                             "smart-meter-readings-missing-overnight", "customers-cannot-sign-in-with-sso", "published-changes-not-showing-on-customer-sites"],
    "innocent deploy minutes before a dependency fails": ["bill-generation-errors-after-lunch", "app-users-logged-out-and-login-errors", "broken-images-and-api-errors-mid-morning"],
    "queue backlog: producer surged": ["meter-reading-backlog-growing", "video-processing-queue-growing"],
    "queue backlog: consumer slowed": ["bill-pdfs-delayed-for-customers", "customer-webhooks-arriving-late", "new-articles-missing-from-search"],
    "slow leak that began before an unrelated deploy": ["tariff-quotes-slow-and-timing-out", "engineers-job-list-not-loading", "editors-going-offline-while-co-editing", "new-articles-missing-from-search"],
    "config change / flag on a dependency, visible on callers": ["account-overview-errors-in-portal-and-app", "meter-photo-uploads-failing-in-app", "api-rejecting-customer-integration-tokens",
                                                                 "videos-transcoded-repeatedly-and-stuck"],
}


# =========================================================================== README
def readme(rows):
    out = ["# Blind incident scenarios: Gridwise Energy and Pagecraft", "",
           "Replayable incident scenarios for measuring how well an incident-diagnosis root-cause engine",
           "generalises to incidents written by someone who has never seen it.", "",
           "**Written blind.** The author had no access to the engine, its connectors, retrieval, runbooks or other",
           "test sets, and never ran or scored the engine against these scenarios. Treat this folder as a held-out",
           "evaluation set: **do not tune the engine (prompts, rules, thresholds, catalog heuristics) on it.** If you",
           "look at a failure here to fix the engine, the set stops measuring generalisation.", "",
           "## Estates", "",
           "* **Gridwise Energy** (`%s`, AKS): retail electricity and gas supplier. Smart-meter readings arrive"
           % GW["cluster"],
           "  over MQTT (EMQX) and from the DCC adapter, flow through Azure Service Bus into a readings processor and",
           "  Cosmos DB; tariff and billing engines on SQL Server; invoice PDF rendering; customer portal and mobile",
           "  BFF behind Azure Front Door and ingress-nginx; direct-debit collection through a BACS bureau; outage map",
           "  fed by the grid operator's API; field-engineer dispatch; SMS via Twilio. %d catalog components."
           % len(GW["catalog"]["services"]),
           "* **Pagecraft** (`%s`, GKE + Anthos Service Mesh): B2B publishing SaaS. Headless Content API on Cloud"
           % PC["cluster"],
           "  SQL Postgres, editor web app and websocket collaboration service, media upload and transcoding on spot",
           "  nodes, image resizer, Elasticsearch-backed search and indexer, webhook delivery, SSO via Okta, CDN purge",
           "  through the Fastly API, Pub/Sub subscriptions, Memorystore Redis. %d catalog components."
           % len(PC["catalog"]["services"]), "",
           "Each company has one catalog, repeated in every one of its scenarios. `depends_on` lists are hand-written",
           "and, like real ones, do not name shared platform pieces (cluster DNS, mesh, ingress, node pools).", "",
           "## Format", "",
           "Each folder holds `scenario.yaml` plus the data files it references (`alerts.json` Alertmanager webhook",
           "v4, `catalog.yaml`, `signals.json`, `logs.jsonl` ECS documents, `deploys.json`). A few scenarios leave a",
           "source out on purpose (the key is absent from `scenario.yaml` and the file is not written).", "",
           "## Regenerate / check", "",
           "```", "/work/main/.venv/bin/python generate.py          # rewrite every folder + README, then validate",
           "/work/main/.venv/bin/python generate.py --check  # validate what is on disk only", "```", "",
           "Output is deterministic (seeded per scenario name): regenerating gives byte-identical files.", "",
           "## Scenarios", "",
           "`step` is the signal sampling step in seconds. `distractor` lists the main red herrings.", "",
           "| scenario | step | cause | culprit | distractor |", "|---|---|---|---|---|"]
    for r in rows:
        out.append("| %s | %s | %s | %s | %s |" % r)
    out += ["", "## Hard classes covered", ""]
    for k, v in HARD.items():
        out.append("* %s: %s" % (k, ", ".join("`%s`" % x for x in v)))
    out += ["", "## Counts per cause", ""]
    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    for c in CAUSES:
        out.append("* `%s`: %d" % (c, counts.get(c, 0)))
    return "\n".join(out) + "\n"


# =========================================================================== validation
class Invalid(Exception):
    pass


def need(cond, msg):
    if not cond:
        raise Invalid(msg)


BANNED_NAME_WORDS = ["deploy", "config", "flag", "leak", "surge", "outage-of", "dns", "mesh", "node-pool", "nodepool",
                     "saturat", "release", "bug", "rollout", "oom"]


def validate_folder(path):
    name = os.path.basename(path)
    sp = os.path.join(path, "scenario.yaml")
    need(os.path.isfile(sp), "missing scenario.yaml")
    with open(sp) as f:
        spec = yaml.safe_load(f)
    for k in ("name", "description", "now", "catalog", "expected"):
        need(k in spec, "scenario.yaml lacks %r" % k)
    need(spec["name"] == name, "name %r != folder name" % spec["name"])
    need(isinstance(spec["description"], str) and len(spec["description"]) > 40, "description too short")
    now = parse_iso(spec["now"])
    need(spec["now"].endswith("Z"), "now must be UTC 'Z'")
    exp = spec["expected"]
    need(set(exp) == {"cause", "culprit"}, "expected must have cause and culprit")
    need(exp["cause"] in CAUSES, "bad cause %r" % exp["cause"])
    allowed = {"alerts": "alerts.json", "catalog": "catalog.yaml", "signals": "signals.json", "logs": "logs.jsonl",
               "deploys": "deploys.json"}
    for k in spec:
        need(k in ("name", "description", "now", "expected") or k in allowed, "unknown key %r" % k)
    for k, fn in allowed.items():
        if k in spec:
            need(spec[k] == fn, "%s should be %s" % (k, fn))
            need(os.path.isfile(os.path.join(path, fn)), "%s referenced but missing" % fn)
        else:
            need(not os.path.exists(os.path.join(path, fn)), "%s present but not referenced" % fn)
    need("alerts" in spec, "alerts are required")
    total = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    need(total < 1_000_000, "scenario is %d bytes (> 1 MB)" % total)
    need(set(os.listdir(path)) <= set(allowed.values()) | {"scenario.yaml"}, "unexpected files in folder")

    # catalog
    with open(os.path.join(path, "catalog.yaml")) as f:
        cat = yaml.safe_load(f)
    svcs = cat.get("services") or {}
    need(10 <= len(svcs) <= 40, "catalog should have 10-40 components (%d)" % len(svcs))
    need("signals" in cat.get("defaults", {}), "catalog defaults.signals missing")
    for s, e in svcs.items():
        e = e or {}
        need(e.get("kind", "service") in KINDS, "%s: bad kind" % s)
        for d in e.get("depends_on", []) or []:
            need(d in svcs, "%s depends_on unknown %r" % (s, d))
        for sig in (e.get("signals") or {}):
            need(sig in STD_SIGNALS, "%s: non-standard signal %s" % (s, sig))
    need(exp["culprit"] in svcs, "culprit %r not in catalog" % exp["culprit"])
    low = name.lower()
    need(exp["culprit"] not in low, "folder name contains the culprit")
    for w in BANNED_NAME_WORDS:
        need(w not in low, "folder name contains cause-ish word %r" % w)

    # alerts
    with open(os.path.join(path, "alerts.json")) as f:
        wh = json.load(f)
    for k in ("receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL",
              "version", "groupKey", "truncatedAlerts"):
        need(k in wh, "alerts.json lacks %s" % k)
    need(wh["version"] == "4", "webhook version must be '4'")
    need(wh["alerts"], "no alerts")
    firing = []
    for a in wh["alerts"]:
        for k in ("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"):
            need(k in a, "alert lacks %s" % k)
        need(a["status"] in ("firing", "resolved"), "bad alert status")
        for k in ("alertname", "service", "severity"):
            need(k in a["labels"], "alert lacks label %s" % k)
        need(a["labels"]["service"] in svcs, "alert service %r not in catalog" % a["labels"]["service"])
        st = parse_iso(a["startsAt"])
        need(st <= now, "alert starts after now")
        if a["status"] == "firing":
            need(a["endsAt"] == "0001-01-01T00:00:00Z", "firing alert endsAt must be zero time")
            firing.append(st)
        else:
            need(st < parse_iso(a["endsAt"]) <= now, "resolved alert endsAt out of range")
    need(firing, "no firing alert")
    need(wh["status"] == "firing", "webhook status should be firing")
    lead = now - min(firing)
    need(60 <= lead <= 15 * 60, "now should be a few minutes after the first firing alert (is %.1f min)" % (lead / 60))
    for k, v in wh["commonLabels"].items():
        need(all(a["labels"].get(k) == v for a in wh["alerts"]), "commonLabels not common")

    # signals
    if "signals" in spec:
        with open(os.path.join(path, "signals.json")) as f:
            sig = json.load(f)
        need(sig, "signals.json empty")
        first = None
        last = None
        for s, d in sig.items():
            need(s in svcs, "signals for unknown service %r" % s)
            for n, series in d.items():
                need(n in STD_SIGNALS, "non-standard signal %s" % n)
                need(series, "%s/%s empty" % (s, n))
                prev = None
                for p in series:
                    need(isinstance(p, list) and len(p) == 2, "bad point")
                    need(isinstance(p[1], (int, float)) and not isinstance(p[1], bool), "non-numeric value")
                    need(prev is None or p[0] > prev, "%s/%s timestamps not increasing" % (s, n))
                    prev = p[0]
                    need(p[0] <= now, "%s/%s point after now" % (s, n))
                    if n in RATIO_SIGNALS:
                        need(0 <= p[1] <= 1, "%s/%s ratio out of range" % (s, n))
                    need(p[1] >= 0, "negative value")
                first = series[0][0] if first is None else min(first, series[0][0])
                last = series[-1][0] if last is None else max(last, series[-1][0])
        span = (last - first) / 3600
        need(1.4 <= span <= 4.05, "signal span %.2fh outside 1.5-4h" % span)
        need(now - last <= 180, "signals end too long before now")

    # logs
    if "logs" in spec:
        prev = 0
        n = 0
        with open(os.path.join(path, "logs.jsonl")) as f:
            for line in f:
                d = json.loads(line)
                n += 1
                for k in ("@timestamp", "service", "log", "message"):
                    need(k in d, "log line lacks %s" % k)
                need(d["service"].get("name") in svcs, "log service %r not in catalog" % d["service"].get("name"))
                need("level" in d["log"], "log.level missing")
                need(isinstance(d["message"], str) and d["message"], "empty message")
                t = parse_iso(d["@timestamp"])
                need(t <= now, "log after now")
                need(t >= prev, "logs not sorted")
                prev = t
        need(50 <= n <= 6000, "log line count %d outside 50-6000" % n)
        need(now - prev <= 300, "logs end too long before now")

    # deploys
    if "deploys" in spec:
        with open(os.path.join(path, "deploys.json")) as f:
            deps = json.load(f)
        need(isinstance(deps, list), "deploys.json must be a list")
        for d in deps:
            for k in ("id", "service", "kind", "version", "previous_version", "started_at", "finished_at", "author",
                      "description"):
                need(k in d, "deploy lacks %s" % k)
            need(d["kind"] in DEPLOY_KINDS, "bad deploy kind")
            need(d["service"] in svcs, "deploy service %r not in catalog" % d["service"])
            need(parse_iso(d["started_at"]) <= parse_iso(d["finished_at"]) <= now, "deploy times out of order")
    return exp


def validate_all(names):
    errors = []
    causes = {}
    for n in names:
        try:
            exp = validate_folder(os.path.join(HERE, n))
            causes[exp["cause"]] = causes.get(exp["cause"], 0) + 1
        except Invalid as e:
            errors.append("%s: %s" % (n, e))
        except Exception as e:  # malformed files
            errors.append("%s: %s: %s" % (n, type(e).__name__, e))
    if len(names) < 32:
        errors.append("only %d scenarios (need >= 32)" % len(names))
    for c in CAUSES:
        if causes.get(c, 0) < 3:
            errors.append("cause %s used %d times (need >= 3)" % (c, causes.get(c, 0)))
    rp = os.path.join(HERE, "README.md")
    if not os.path.isfile(rp):
        errors.append("README.md missing")
    else:
        txt = open(rp).read()
        if "| scenario | step | cause | culprit | distractor |" not in txt:
            errors.append("README table header missing")
        for n in names:
            if "| %s |" % n not in txt:
                errors.append("README lacks row for %s" % n)
    for k, v in HARD.items():
        for n in v:
            if n not in names:
                errors.append("hard class %r names unknown scenario %s" % (k, n))
    return errors, causes


def disk_names():
    return sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "scenario.yaml")))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="validate what is on disk only")
    args = ap.parse_args()
    if not args.check:
        built = [fn() for fn in SCENARIOS]
        names = [s.name for s in built]
        if len(set(names)) != len(names):
            raise SystemExit("duplicate scenario names")
        for d in disk_names():
            if d not in names:
                shutil.rmtree(os.path.join(HERE, d))
        rows = []
        for s in built:
            folder = os.path.join(HERE, s.name)
            if os.path.isdir(folder):
                shutil.rmtree(folder)
            os.makedirs(folder)
            for fn, content in s.files().items():
                with open(os.path.join(folder, fn), "w", newline="\n") as f:
                    f.write(content)
            rows.append((s.name, s.step, s.cause, s.culprit, s.distractor))
        with open(os.path.join(HERE, "README.md"), "w", newline="\n") as f:
            f.write(readme(rows))
    names = disk_names()
    errors, causes = validate_all(names)
    if errors:
        print("VALIDATION FAILED (%d problems):" % len(errors), file=sys.stderr)
        for e in errors:
            print("  - " + e, file=sys.stderr)
        sys.exit(1)
    print("OK: %d scenarios valid; causes: %s" % (len(names), ", ".join("%s=%d" % (c, causes.get(c, 0)) for c in CAUSES)))


if __name__ == "__main__":
    main()
