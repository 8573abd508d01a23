#!/usr/bin/env python3
"""Deterministic generator for the opsdesk replay scenarios.

Run from anywhere::

    python tests/scenarios/generate.py

It (re)writes

* ``tests/scenarios/<name>/``  - the development set,
* ``tests/holdout/<name>/``    - the held-out set (another company's incidents: other service
  names, topologies, sampling steps, magnitudes, timings, log wording and seeds),
* ``bot/demo/scenario/``       - a copy of the bundled demo incident (``checkout-bad-deploy``),
* ``tests/scenarios/README.md`` and ``tests/holdout/README.md`` - the scenario lists,

then validates every folder and prints a summary table.  The folder format is the contract in
the top-level README ("Scenario folders").  Output is byte-identical between runs: every random draw comes
from ``random.Random`` seeded with a fixed string, nothing reads the clock, and files are written
with fixed formatting.  Only the standard library and PyYAML are used.

How a scenario is described: a topology (catalog services plus numeric profiles), an onset time
``t0`` (minute 0), *effects* on signal levels (ramps relative to the onset), log *streams* (new error
signatures after the onset), change events and alerts.  The generator then samples realistic noisy
series (Poisson-like request counts, binomial-like error ratios, log-normal latencies with rare
spikes, slowly drifting memory) at the scenario's step and writes the six files.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEV_DIR = ROOT / "tests" / "scenarios"
HOLD_DIR = ROOT / "tests" / "holdout"
DEMO_DIR = ROOT / "bot" / "demo" / "scenario"
DEMO_SCENARIO = "checkout-bad-deploy"

SIGNALS = (
    "request_rate",
    "error_ratio",
    "latency_p99_seconds",
    "cpu_utilisation",
    "memory_utilisation",
    "saturation",
)
MAX_LOG_LINES = 3000

# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def parse_iso(text: str) -> int:
    return int(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())


def iso(ts: float) -> str:
    return datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(ts: float) -> str:
    total_ms = round(ts * 1000)
    sec, ms = divmod(total_ms, 1000)
    return datetime.fromtimestamp(sec, UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


HEX = "0123456789abcdef"
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
ALNUM_MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
K8S_HASH = "bcdfghjklmnpqrstvwxz2456789"


def rand_str(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def rand_uuid(rng: random.Random) -> str:
    h = list(rand_str(rng, HEX, 32))
    h[12] = "4"
    h[16] = rng.choice("89ab")
    s = "".join(h)
    return f"{s[:8]}-{s[8:12]}-{s[12:16]}-{s[16:20]}-{s[20:]}"


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam < 30:
        limit = math.exp(-lam)
        k, p = 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


def nest(flat: dict) -> dict:
    out: dict = {}
    for key, value in flat.items():
        parts = key.split(".")
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


def clip(v: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if v < lo else hi if v > hi else v


def yq(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


# --------------------------------------------------------------------------------------------
# versions of change events
# --------------------------------------------------------------------------------------------


def v_initial(scheme: str, rng: random.Random) -> str:
    if scheme == "semver":
        return f"{rng.randint(1, 6)}.{rng.randint(3, 48)}.{rng.randint(4, 9)}"
    if scheme == "vsemver":
        return f"v{rng.randint(0, 4)}.{rng.randint(2, 30)}.{rng.randint(4, 9)}"
    if scheme == "sha":
        return rand_str(rng, HEX, 7)
    if scheme == "build":
        return f"build-{rng.randint(1200, 9800)}"
    if scheme == "date":
        return f"2025.{rng.randint(1, 2):02d}.{rng.randint(10, 28):02d}.{rng.randint(1, 4)}"
    if scheme == "rev":
        return f"rev {rng.randint(40, 900)}"
    raise ValueError(scheme)


def v_step(version: str, scheme: str, rng: random.Random, direction: int) -> str:
    if scheme in ("semver", "vsemver"):
        prefix = "v" if version.startswith("v") else ""
        major, minor, patch = (int(x) for x in version.lstrip("v").split("."))
        if direction > 0:
            if rng.random() < 0.3:
                minor, patch = minor + 1, 0
            else:
                patch += 1
        elif patch > 0:
            patch -= 1
        else:
            minor, patch = max(0, minor - 1), rng.randint(2, 6)
        return f"{prefix}{major}.{minor}.{patch}"
    if scheme == "sha":
        return rand_str(rng, HEX, 7)
    if scheme == "build":
        return f"build-{int(version.split('-')[1]) + direction * rng.randint(1, 4)}"
    if scheme == "date":
        y, m, d, n = version.split(".")
        n2 = int(n) + direction
        if n2 < 1:
            d, n2 = f"{int(d) - 1:02d}", 3
        return f"{y}.{m}.{d}.{n2}"
    if scheme == "rev":
        return f"rev {int(version.split()[1]) + direction * rng.randint(1, 3)}"
    raise ValueError(scheme)


# --------------------------------------------------------------------------------------------
# alert expressions (PromQL as a rule file would have them)
# --------------------------------------------------------------------------------------------

ALERT_EXPR = {
    "HighErrorRate": 'sum(rate(http_requests_total{{service="{s}",code=~"5.."}}[5m])) / '
    'sum(rate(http_requests_total{{service="{s}"}}[5m])) > 0.05',
    "HighLatencyP99": "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket"
    '{{service="{s}"}}[5m]))) > 1',
    "SLOBurnRateHigh": '(sum(rate(http_requests_total{{service="{s}",code=~"5.."}}[1h])) / '
    'sum(rate(http_requests_total{{service="{s}"}}[1h]))) > (14.4 * (1 - 0.999))',
    "KubePodCrashLooping": 'max_over_time(kube_pod_container_status_waiting_reason{{reason="CrashLoopBackOff",'
    'container="{s}"}}[5m]) >= 1',
    "KubePodNotReady": 'sum by (namespace, pod) (kube_pod_status_phase{{phase=~"Pending|Unknown",pod=~"{s}-.*"}}) > 0',
    "QueueBacklogGrowing": 'sum(kafka_consumergroup_lag{{consumergroup="{s}"}}) > 50000 and '
    'deriv(sum(kafka_consumergroup_lag{{consumergroup="{s}"}})[10m:]) > 0',
    "PostgresConnectionsSaturated": 'sum(pg_stat_activity_count{{service="{s}"}}) / '
    'max(pg_settings_max_connections{{service="{s}"}}) > 0.9',
    "KubeContainerOOMKilled": 'increase(kube_pod_container_status_restarts_total{{container="{s}"}}[10m]) > 0 and '
    'kube_pod_container_status_last_terminated_reason{{reason="OOMKilled",container="{s}"}} == 1',
    # held-out company: different metric names and rule names
    "Http5xxRatioHigh": 'sum(rate(istio_requests_total{{destination_service_name="{s}",response_code=~"5.*"}}[5m])) / '
    'sum(rate(istio_requests_total{{destination_service_name="{s}"}}[5m])) > 0.02',
    "LatencySLOBreach": "histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket"
    '{{destination_service_name="{s}"}}[5m]))) > 800',
    "ErrorBudgetBurnFast": 'slo:sli_error:ratio_rate5m{{slo_service="{s}"}} > (14.4 * 0.0005) and '
    'slo:sli_error:ratio_rate1h{{slo_service="{s}"}} > (14.4 * 0.0005)',
    "KafkaConsumerGroupLagHigh": 'sum by (group) (kafka_consumer_group_lag{{group="{s}"}}) > 200000',
    "CockroachNodeUnavailable": 'sum(liveness_livenodes{{job="{s}"}}) < 5',
    "MemcachedEvictionsHigh": 'rate(memcached_items_evicted_total{{service="{s}"}}[5m]) > 500',
    "MatchmakingQueueSlow": "histogram_quantile(0.95, sum by (le) (rate(matchmaking_wait_seconds_bucket"
    '{{service="{s}"}}[5m]))) > 30',
    "PodRestartStorm": 'sum(increase(kube_pod_container_status_restarts_total{{container="{s}"}}[15m])) > 3',
}


# --------------------------------------------------------------------------------------------
# scenario model
# --------------------------------------------------------------------------------------------

DEFAULT_PROFILE = {
    # kind: {signal: (lo, hi) or None (absent)}
    "web": {
        "request_rate": (220, 1400),
        "error_ratio": (0.001, 0.006),
        "latency_p99_seconds": (0.25, 0.8),
        "cpu_utilisation": (0.2, 0.45),
        "memory_utilisation": (0.35, 0.6),
        "saturation": (0.1, 0.3),
    },
    "api": {
        "request_rate": (40, 700),
        "error_ratio": (0.001, 0.008),
        "latency_p99_seconds": (0.08, 0.55),
        "cpu_utilisation": (0.2, 0.55),
        "memory_utilisation": (0.35, 0.65),
        "saturation": (0.1, 0.4),
    },
    "worker": {
        "request_rate": (5, 60),
        "error_ratio": (0.003, 0.02),
        "latency_p99_seconds": (0.4, 1.5),
        "cpu_utilisation": (0.2, 0.5),
        "memory_utilisation": (0.35, 0.6),
        "saturation": (0.05, 0.25),
    },
    "db": {
        "request_rate": None,
        "error_ratio": None,
        "latency_p99_seconds": (0.012, 0.06),
        "cpu_utilisation": (0.2, 0.5),
        "memory_utilisation": (0.5, 0.7),
        "saturation": (0.2, 0.45),
    },
    "cache": {
        "request_rate": (600, 3000),
        "error_ratio": None,
        "latency_p99_seconds": (0.004, 0.02),
        "cpu_utilisation": (0.15, 0.35),
        "memory_utilisation": (0.45, 0.7),
        "saturation": None,
    },
    "queue": {
        "request_rate": (80, 900),
        "error_ratio": None,
        "latency_p99_seconds": (0.01, 0.06),
        "cpu_utilisation": (0.15, 0.4),
        "memory_utilisation": (0.4, 0.65),
        "saturation": (0.1, 0.35),
    },
}


class Effect:
    """A change of a signal level: 0 before ``start``, ramps to full over ``ramp`` seconds,
    optionally decays back after ``end`` over ``recover`` seconds."""

    def __init__(self, mode, value, start, ramp, end, recover, curve):
        self.mode, self.value, self.start, self.ramp = mode, value, start, ramp
        self.end, self.recover, self.curve = end, recover, curve

    def _rise(self, t: float) -> float:
        if t < self.start:
            return 0.0
        x = 1.0 if self.ramp <= 0 else min(1.0, (t - self.start) / self.ramp)
        if self.curve == "smooth":
            x = x * x * (3 - 2 * x)
        elif self.curve == "accel":
            x = x**2.2
        elif self.curve == "decel":
            x = 1 - (1 - x) ** 2
        return x

    def factor(self, t: float) -> float:
        if self.end is not None and t >= self.end:
            peak = self._rise(self.end)
            if self.recover <= 0:
                return 0.0
            return peak * max(0.0, 1 - (t - self.end) / self.recover)
        return self._rise(t)

    def apply(self, level: float, t: float) -> float:
        f = self.factor(t)
        if f <= 0:
            return level
        if self.mode == "mul":
            return level * (1 + f * (self.value - 1))
        if self.mode == "add":
            return level + f * self.value
        if self.mode == "to":
            return level + f * (self.value - level)
        raise ValueError(self.mode)


class Scenario:
    def __init__(
        self,
        name: str,
        *,
        holdout: bool,
        seed: int,
        topo: dict,
        services: list[str],
        onset: str,
        now_after: float,
        step: int,
        hours: float,
        description: str,
        cause: str,
        culprit: str,
        runbook: str | None = None,
        distractor: str = "none",
        defaults_signals: bool = False,
        log_window_min: int = 120,
    ):
        self.name, self.holdout, self.seed, self.topo = name, holdout, seed, topo
        self.rng = random.Random(f"{name}:{seed}")
        self.t0 = parse_iso(onset)
        self.now = self.t0 + round(now_after * 60)
        self.step = step
        self.start = ((self.now - int(hours * 3600)) // step) * step
        self.description, self.cause, self.culprit = description, cause, culprit
        self.runbook, self.distractor = runbook, distractor
        self.defaults_signals = defaults_signals
        self.log_window_min = log_window_min
        self.svcs = {}
        for n in services:
            spec = dict(topo["services"][n])
            spec["deps"] = [d for d in spec.get("deps", []) if d in services]
            self.svcs[n] = spec
        assert culprit in self.svcs, (name, culprit)
        self.effects: dict[tuple[str, str], list[Effect]] = {}
        self.noise: dict[str, float] = {}
        self.absent: set[tuple[str, str]] = set()
        self.omit_signals: set[str] = set()
        self.omit_logs = False
        self.streams: list[tuple] = []
        self.once_lines: list[tuple] = []
        self.silences: list[tuple] = []
        self.events: list[dict] = []
        self.alert_specs: list[dict] = []
        self.group_by: list[str] = ["alertname"]
        self.receiver = topo["receiver"]
        self.profiles = self._draw_profiles()
        self.pods = self._draw_pods()

    # ---- time helpers --------------------------------------------------------------------
    def m(self, minutes: float) -> int:
        return self.t0 + round(minutes * 60)

    # ---- profiles ------------------------------------------------------------------------
    def _draw_profiles(self) -> dict:
        prof = {}
        for n, spec in self.svcs.items():
            if spec["kind"] == "external":
                continue
            p = {}
            for sig in SIGNALS:
                default = DEFAULT_PROFILE[spec["kind"]][sig]
                given = spec.get(sig, "default")
                if given is None:
                    continue
                if given == "default":
                    if default is None:
                        continue
                    given = default
                if isinstance(given, tuple):
                    lo, hi = given
                    given = lo + (hi - lo) * self.rng.random()
                p[sig] = float(given)
            p["_implied_rate"] = p.get("request_rate", spec.get("implied_rate", 120.0))
            prof[n] = p
        return prof

    def _draw_pods(self) -> dict:
        nodes = self.topo["nodes"](self.rng)
        pods = {}
        for n, spec in self.svcs.items():
            if spec["kind"] == "external":
                continue
            count = spec.get("pods", 3 if spec["kind"] in ("db", "cache", "queue") else self.rng.randint(3, 6))
            if spec["kind"] in ("db", "cache", "queue"):
                names = [f"{n}-{i}" for i in range(count)]
            else:
                rs = rand_str(self.rng, K8S_HASH, self.rng.choice((9, 10)))
                names = [f"{n}-{rs}-{rand_str(self.rng, K8S_HASH, 5)}" for _ in range(count)]
            pods[n] = [(p, self.rng.choice(nodes)) for p in names]
        self.nodes = nodes
        return pods

    def pod_on(self, svc: str, index: int = 0) -> str:
        return self.pods[svc][index][0]

    def node_of(self, svc: str, index: int = 0) -> str:
        return self.pods[svc][index][1]

    def place(self, svc: str, index: int, node: str) -> None:
        pod, _ = self.pods[svc][index]
        self.pods[svc][index] = (pod, node)

    # ---- scenario building API -----------------------------------------------------------
    def fx(self, svc, sig, mode, value, at, ramp=2.0, end=None, recover=2.0, curve="smooth"):
        """Effect on ``svc``/``sig``; times in minutes relative to the onset."""
        assert svc in self.svcs, (self.name, svc)
        assert sig in SIGNALS, (self.name, sig)
        eff = Effect(
            mode,
            value,
            self.m(at),
            ramp * 60,
            None if end is None else self.m(end),
            recover * 60,
            curve,
        )
        self.effects.setdefault((svc, sig), []).append(eff)

    def hit(self, svc, at, err=None, lat=None, rr=None, cpu=None, sat=None, ramp=2.0, end=None, recover=3.0):
        """Shorthand for a service that starts failing (victim or culprit)."""
        if err is not None:
            self.fx(svc, "error_ratio", "to", err, at, ramp, end, recover)
        if lat is not None:
            self.fx(svc, "latency_p99_seconds", "mul", lat, at, ramp, end, recover)
        if rr is not None:
            self.fx(svc, "request_rate", "mul", rr, at, ramp, end, recover)
        if cpu is not None:
            self.fx(svc, "cpu_utilisation", "to", cpu, at, ramp, end, recover)
        if sat is not None:
            self.fx(svc, "saturation", "to", sat, at, ramp, end, recover)

    def stream(self, svc, at, per_min, templates, end=None, ramp=1.0, pods=None):
        """New log lines of ``svc`` from minute ``at`` (Poisson, rate ramps up over ``ramp`` min)."""
        end_ts = None if end is None else self.m(end)
        self.streams.append((svc, self.m(at), end_ts, per_min, templates, ramp * 60, pods))

    def once(self, svc, at, level, message, extras=None, pod=None):
        self.once_lines.append((svc, self.m(at), level, message, extras, pod))

    def silence(self, svc, at, end=None, keep=0.0, pods=None):
        self.silences.append((svc, self.m(at), None if end is None else self.m(end), keep, pods))

    def rollout(self, svc, at, dur, message, level="info", extras=None):
        """One start-up line per pod, spread over a rollout of ``dur`` minutes from ``at``."""
        n = len(self.pods[svc])
        for i, (pod, _) in enumerate(self.pods[svc]):
            self.once(svc, at + dur * (i + 0.5) / n, level, message, extras, pod=pod)

    def change(self, svc, kind, at, dur=3.0, version=None, prev=None, author=None, description="", id=None):
        start = self.m(at)
        self.events.append(
            {
                "id": id,
                "service": svc,
                "kind": kind,
                "version": version,
                "previous_version": prev,
                "started_at": start,
                "finished_at": start + round(dur * 60),
                "author": author or self.rng.choice(self.topo["authors"]),
                "description": description,
                "_explicit": version is not None or kind in ("infra", "flag"),
            }
        )

    def routine(self, n: int, kinds=("deploy",) * 7 + ("config",) * 2 + ("flag",), infra: int = 0):
        """``n`` innocent changes over the last ~24 h; never on the culprit in the 8 h before onset
        and never on any service in the 75 minutes before onset."""
        apps = [s for s, sp in self.svcs.items() if sp["kind"] in ("web", "api", "worker")]
        for _ in range(n):
            svc = self.rng.choice(apps)
            kind = self.rng.choice(kinds)
            latest = -8 * 60 if svc == self.culprit else -75
            at = self.rng.uniform(-23.5 * 60, latest)
            lib = self.topo["routine_text"][kind]
            desc = self.rng.choice(lib).replace("{svc}", svc)
            if kind == "deploy":
                self.change(svc, "deploy", at, dur=self.rng.uniform(2.0, 6.0), description=desc)
            elif kind == "config":
                self.change(svc, "config", at, dur=self.rng.uniform(0.05, 0.4), description=desc)
            else:
                self.change(svc, "flag", at, dur=0, description=desc)
                self.events[-1]["_explicit"] = False
        infra_apps = [s for s in self.svcs if self.svcs[s]["kind"] != "external" and s != self.culprit]
        for _ in range(infra):
            svc = self.rng.choice(infra_apps)
            at = self.rng.uniform(-22 * 60, -4 * 60)
            desc = self.rng.choice(self.topo["routine_text"]["infra"]).replace("{svc}", svc)
            self.change(
                svc,
                "infra",
                at,
                dur=self.rng.uniform(5, 40),
                version="",
                prev="",
                author=self.topo["infra_author"],
                description=desc,
            )

    def alert(
        self,
        name,
        svc,
        severity,
        at,
        summary,
        description,
        value=None,
        status="firing",
        end=None,
        labels=None,
    ):
        assert svc in self.svcs
        self.alert_specs.append(
            {
                "name": name,
                "svc": svc,
                "severity": severity,
                "at": self.m(at) + self.rng.randint(0, 14) + self.rng.random() * 0.999,
                "end": None if end is None else self.m(end) + self.rng.random() * 0.999,
                "status": status,
                "summary": summary,
                "description": description,
                "value": value,
                "labels": labels or {},
            }
        )

    # ---- generation ----------------------------------------------------------------------
    def _diurnal(self, t: float) -> float:
        hour = (t % 86400) / 3600.0
        return 1 + self.topo["diurnal_amp"] * math.cos(2 * math.pi * (hour - self.topo["peak_hour"]) / 24)

    def _apply(self, svc, sig, level, t):
        for eff in self.effects.get((svc, sig), ()):
            level = eff.apply(level, t)
        return level

    def gen_signals(self) -> dict:
        out = {}
        grid = range(self.start, self.now + 1, self.step)
        for svc, p in self.profiles.items():
            rng = random.Random(f"{self.name}:{self.seed}:signals:{svc}")
            noise = self.noise.get(svc, 1.0)
            present = [s for s in SIGNALS if s in p and (svc, s) not in self.absent]
            series = {s: [] for s in present}
            base_rr = p["_implied_rate"]
            walk = 0.0
            mem_period = rng.uniform(4000, 9000)
            mem_phase = rng.uniform(0, 2 * math.pi)
            for t in grid:
                d = self._diurnal(t)
                rr_level = max(0.0, self._apply(svc, "request_rate", base_rr * d, t))
                lam = rr_level * self.step * math.exp(rng.gauss(0, 0.03 * noise))
                if noise > 1.5 and rng.random() < 0.012 * noise:
                    lam *= rng.uniform(1.3, 1.8)
                rr_val = poisson(rng, lam) / self.step
                if "request_rate" not in p:
                    rr_val = rr_level  # implied traffic only drives coupling
                n_req = rr_val * self.step
                if "request_rate" in series:
                    series["request_rate"].append([t, round(rr_val, 2 if rr_val < 100 else 1)])
                if "error_ratio" in series:
                    pe = clip(self._apply(svc, "error_ratio", p["error_ratio"] * (0.9 + 0.1 * d), t))
                    if n_req >= 1:
                        lam_e = n_req * pe * math.exp(rng.gauss(0, 0.25 * noise / (1 + 20 * pe)))
                        series["error_ratio"].append([t, round(clip(poisson(rng, lam_e) / n_req), 5)])
                if "latency_p99_seconds" in series:
                    lat = self._apply(svc, "latency_p99_seconds", p["latency_p99_seconds"] * (0.9 + 0.1 * d), t)
                    val = lat * math.exp(rng.gauss(0, 0.07 * noise))
                    if rng.random() < 0.004 * noise * noise:
                        val *= rng.uniform(2.0, 4.5)
                    if n_req >= 1:
                        series["latency_p99_seconds"].append([t, round(val, 4)])
                load = rr_level / (base_rr * 1.0)
                if "cpu_utilisation" in series:
                    c = self._apply(svc, "cpu_utilisation", p["cpu_utilisation"] * (0.5 + 0.5 * load), t)
                    c += rng.gauss(0, 0.012 * noise)
                    series["cpu_utilisation"].append([t, round(clip(c, 0.005, 1.0), 4)])
                if "memory_utilisation" in series:
                    walk = walk * 0.997 + rng.gauss(0, 0.0009 * math.sqrt(self.step / 30))
                    mm = p["memory_utilisation"] + 0.02 * math.sin(
                        2 * math.pi * (t - self.start) / mem_period + mem_phase
                    )
                    mm = self._apply(svc, "memory_utilisation", mm + walk, t)
                    mm += rng.gauss(0, 0.003)
                    series["memory_utilisation"].append([t, round(clip(mm, 0.01, 1.0), 4)])
                if "saturation" in series:
                    s = self._apply(svc, "saturation", p["saturation"] * (0.6 + 0.4 * min(load, 3.0)), t)
                    s += rng.gauss(0, 0.01 * noise)
                    series["saturation"].append([t, round(clip(s, 0.0, 1.0), 4)])
            if svc not in self.omit_signals:
                out[svc] = series
        return out

    # ---- logs ----------------------------------------------------------------------------
    TOKEN = re.compile(r"«([A-Za-z_]+)(?::([^»]*))?»")

    def render(self, text, svc, rng, cache):
        if not isinstance(text, str):
            return text
        for _ in range(4):
            if "«" not in text:
                break

            def sub(m):
                tok = m.group(0)
                if tok not in cache:
                    cache[tok] = self._token(m.group(1), m.group(2), svc, rng)
                return cache[tok]

            text = self.TOKEN.sub(sub, text)
        return text

    def _token(self, kind, arg, svc, rng):
        spec = self.svcs[svc]
        if kind == "hex":
            return rand_str(rng, HEX, int(arg or 8))
        if kind == "HEX":
            return rand_str(rng, HEX.upper(), int(arg or 8))
        if kind == "alnum":
            return rand_str(rng, ALNUM, int(arg or 8))
        if kind == "ALNUM":
            return rand_str(rng, ALNUM_MIXED, int(arg or 8))
        if kind == "uuid":
            return rand_uuid(rng)
        if kind == "int":
            lo, hi = (int(x) for x in arg.split(":")[:2])
            return str(rng.randint(lo, hi))
        if kind == "float":
            lo, hi, nd = arg.split(":")
            return f"{rng.uniform(float(lo), float(hi)):.{int(nd)}f}"
        if kind == "choice":
            return rng.choice(arg.split("|"))
        if kind == "ip":
            prefix = arg or self.topo["ip_prefix"]
            return f"{prefix}.{rng.randint(0, 31)}.{rng.randint(2, 250)}"
        if kind == "port":
            return str(rng.randint(32768, 60999))
        if kind == "path":
            return rng.choice(spec.get("paths") or ["/healthz"])
        if kind == "method":
            return rng.choice(("GET",) * 6 + ("POST",) * 3 + ("PUT", "DELETE"))
        if kind == "dep":
            return rng.choice(spec["deps"]) if spec["deps"] else "upstream"
        if kind == "svc":
            return svc
        if kind == "pod":
            return rng.choice(self.pods[arg or svc])[0]
        if kind == "node":
            return rng.choice(self.pods[arg or svc])[1]
        if kind == "ns":
            return self.topo["namespace"]
        raise ValueError(kind)

    def _line(self, t, svc, pod, level, message, extras, rng):
        cache: dict = {"«pod»": pod}
        doc = {
            "@timestamp": iso_ms(t),
            "service": {"name": svc},
            "log": {"level": level},
            "message": self.render(message, svc, rng, cache),
        }
        flat = {}
        for k, v in (extras or {}).items():
            flat[k] = self.render(v, svc, rng, cache)
        flat.setdefault("host.name", pod)
        doc.update(nest(flat))
        if self.holdout:
            doc["ecs"] = {"version": "8.11.0"}
        return doc

    def _silenced(self, svc, pod, t, rng):
        for s, a, b, keep, pods in self.silences:
            if s == svc and t >= a and (b is None or t < b) and (pods is None or pod in pods):
                return rng.random() >= keep
        return False

    def gen_logs(self) -> list[dict]:
        rng = random.Random(f"{self.name}:{self.seed}:logs")
        start = self.now - self.log_window_min * 60
        items = []
        base_lib = self.topo["baseline_logs"]
        for svc, spec in self.svcs.items():
            if spec["kind"] == "external":
                continue
            templates = list(base_lib[spec.get("flavour", spec["kind"])]) + list(spec.get("logs", []))
            weights = [w for w, *_ in templates]
            pods = [p for p, _ in self.pods[svc]]
            rate = spec.get("log_rate", self.topo["log_rate"].get(spec["kind"], 1.0)) / 60.0
            t = start + rng.expovariate(rate)
            while t <= self.now:
                pod = rng.choice(pods)
                if not self._silenced(svc, pod, t, rng):
                    _, level, msg, extras = rng.choices(templates, weights)[0]
                    items.append((t, len(items), svc, pod, level, msg, extras))
                t += rng.expovariate(rate)
        for svc, a, b, per_min, templates, ramp, spods in self.streams:
            rate = per_min / 60.0
            weights = [w for w, *_ in templates]
            pods = spods or [p for p, _ in self.pods[svc]]
            t = max(a, start) + rng.expovariate(rate)
            stop = self.now if b is None else min(b, self.now)
            while t <= stop:
                f = 1.0 if ramp <= 0 else min(1.0, (t - a) / ramp)
                pod = rng.choice(pods)
                if rng.random() < f and not self._silenced(svc, pod, t, rng):
                    _, level, msg, extras = rng.choices(templates, weights)[0]
                    items.append((t, len(items), svc, pod, level, msg, extras))
                t += rng.expovariate(rate)
        for svc, t, level, msg, extras, pod in self.once_lines:
            assert t <= self.now, (self.name, msg)
            pod = pod or rng.choice([p for p, _ in self.pods[svc]])
            items.append((min(self.now, t + rng.random() * 0.9), len(items), svc, pod, level, msg, extras))
        items.sort(key=lambda x: (x[0], x[1]))
        return [self._line(t, svc, pod, level, msg, extras, rng) for t, _, svc, pod, level, msg, extras in items]

    # ---- change events -------------------------------------------------------------------
    def gen_deploys(self) -> list[dict]:
        rng = random.Random(f"{self.name}:{self.seed}:deploys")
        by_key: dict[tuple[str, str], list[dict]] = {}
        for ev in self.events:
            if ev["kind"] in ("deploy", "config"):
                by_key.setdefault((ev["service"], ev["kind"]), []).append(ev)
        # routine flag ramps: successive steps of one rollout per (service, flag)
        ladder = ("0%", "10%", "25%", "50%", "100%")
        flags: dict[tuple[str, str], list[dict]] = {}
        for ev in self.events:
            if ev["kind"] == "flag" and not ev["_explicit"]:
                flags.setdefault((ev["service"], ev["description"]), []).append(ev)
        for _, evs in sorted(flags.items()):
            evs.sort(key=lambda e: e["started_at"])
            i = rng.randint(0, len(ladder) - 1 - len(evs))
            for e in evs:
                e["previous_version"], e["version"] = ladder[i], ladder[i + 1]
                i += 1
        for (svc, kind), evs in sorted(by_key.items()):
            evs.sort(key=lambda e: e["started_at"])
            scheme = "rev" if kind == "config" else self.svcs[svc].get("ver", self.topo.get("ver", "semver"))
            if scheme == "date":
                # calendar versions follow the event dates: YYYY.MM.DD.<n-th release that day>
                first = datetime.fromtimestamp(evs[0]["started_at"] - rng.randint(2, 6) * 86400, UTC)
                cur = first.strftime("%Y.%m.%d") + ".1"
                per_day: dict[str, int] = {}
                for e in evs:
                    day = datetime.fromtimestamp(e["started_at"], UTC).strftime("%Y.%m.%d")
                    per_day[day] = per_day.get(day, 0) + 1
                    e["previous_version"] = cur
                    if e["_explicit"]:
                        n = int(e["version"].rsplit(".", 1)[1])
                        assert e["version"].startswith(day), (self.name, e["version"])
                        assert n >= per_day[day], (self.name, e["version"])
                        per_day[day] = n
                    else:
                        e["version"] = f"{day}.{per_day[day]}"
                    cur = e["version"]
                continue
            explicit = [i for i, e in enumerate(evs) if e["_explicit"]]
            assert len(explicit) <= 1, (self.name, svc, kind)
            if not explicit:
                cur = v_initial(scheme, rng)
                for e in evs:
                    e["previous_version"] = cur
                    cur = v_step(cur, scheme, rng, +1)
                    e["version"] = cur
                continue
            last = explicit[0]
            cur = evs[last]["version"]
            for e in evs[last + 1 :]:
                e["previous_version"] = cur
                cur = v_step(cur, scheme, rng, +1)
                e["version"] = cur
            nxt = evs[last]["previous_version"]
            for e in reversed(evs[:last]):
                e["version"] = nxt
                nxt = v_step(nxt, scheme, rng, -1)
                e["previous_version"] = nxt
        out = []
        for ev in sorted(self.events, key=lambda e: (e["started_at"], e["service"])):
            assert ev["finished_at"] <= self.now, (self.name, ev)
            ev_id = ev["id"] or self.topo["event_id"](rng, ev)
            out.append(
                {
                    "id": ev_id,
                    "service": ev["service"],
                    "kind": ev["kind"],
                    "version": ev["version"],
                    "previous_version": ev["previous_version"],
                    "started_at": iso(ev["started_at"]),
                    "finished_at": iso(ev["finished_at"]),
                    "author": ev["author"],
                    "description": ev["description"],
                }
            )
        return out

    # ---- alerts --------------------------------------------------------------------------
    def gen_alerts(self, signals_full: dict) -> dict:
        alerts = []
        topo = self.topo
        for a in sorted(self.alert_specs, key=lambda x: (x["at"], x["svc"])):
            spec = self.svcs[a["svc"]]
            labels = {
                "alertname": a["name"],
                "service": a["svc"],
                "severity": a["severity"],
                "namespace": topo["namespace"],
                "team": spec["team"],
            }
            labels.update(topo["alert_labels"])
            labels.update(a["labels"])
            value_txt = ""
            if a["value"]:
                vsvc, vsig, fmt = a["value"]
                pts = [v for t, v in signals_full[vsvc][vsig] if a["at"] - 120 <= t <= a["at"]]
                v = sum(pts) / len(pts)
                value_txt = {
                    "pct": f"{v * 100:.1f}%",
                    "pct0": f"{v * 100:.0f}%",
                    "s": f"{v:.2f}s",
                    "ms": f"{v * 1000:.0f}ms",
                    "rps": f"{v:.0f} req/s",
                }[fmt]
            fmt_args = {"svc": a["svc"], "value": value_txt, "ns": topo["namespace"]}
            annotations = {
                "summary": a["summary"].format(**fmt_args),
                "description": a["description"].format(**fmt_args),
                "runbook_url": f"{topo['runbook_base']}/{a['name']}",
            }
            expr = ALERT_EXPR[a["name"]].format(s=a["svc"])
            fp_src = json.dumps(sorted(labels.items()))
            alerts.append(
                {
                    "status": a["status"],
                    "labels": labels,
                    "annotations": annotations,
                    "startsAt": iso_ms(a["at"]),
                    "endsAt": "0001-01-01T00:00:00Z" if a["status"] == "firing" else iso_ms(a["end"]),
                    "generatorURL": f"{topo['prometheus_url']}/graph?g0.expr={quote(expr, safe='')}&g0.tab=1",
                    "fingerprint": hashlib.sha256(f"{self.name}:{fp_src}".encode()).hexdigest()[:16],
                }
            )
        common_labels = dict(alerts[0]["labels"])
        common_ann = dict(alerts[0]["annotations"])
        for al in alerts[1:]:
            common_labels = {k: v for k, v in common_labels.items() if al["labels"].get(k) == v}
            common_ann = {k: v for k, v in common_ann.items() if al["annotations"].get(k) == v}
        group_labels = {k: alerts[0]["labels"][k] for k in self.group_by}
        route = topo["route_key"]
        gl = ",".join(f'{k}="{v}"' for k, v in group_labels.items())
        return {
            "receiver": self.receiver,
            "status": "firing" if any(x["status"] == "firing" for x in alerts) else "resolved",
            "alerts": alerts,
            "groupLabels": group_labels,
            "commonLabels": common_labels,
            "commonAnnotations": common_ann,
            "externalURL": topo["alertmanager_url"],
            "version": "4",
            "groupKey": f"{route}:{{{gl}}}",
            "truncatedAlerts": 0,
        }

    # ---- catalog -------------------------------------------------------------------------
    def gen_catalog(self) -> str:
        lines = [f"# Service catalog - {self.topo['company']} ({self.topo['namespace']})"]
        if self.defaults_signals:
            lines.append("defaults:")
            lines.append("  signals:")
            for sig in SIGNALS:
                lines.append(f"    {sig}: {yq(self.topo['promql'][sig])}")
        lines.append("services:")
        for svc, spec in self.svcs.items():
            if spec["kind"] == "external":
                lines.append(f"  {svc}: {{kind: external}}")
                continue
            lines.append(f"  {svc}:")
            lines.append(f"    team: {spec['team']}")
            lines.append(f"    tier: {spec['tier']}")
            lines.append(f'    channel: "{spec.get("channel", "#" + spec["team"] + "-alerts")}"')
            owners = ", ".join(f'"{o}"' for o in spec["owners"])
            lines.append(f"    owners: [{owners}]")
            lines.append(f"    depends_on: [{', '.join(spec['deps'])}]")
            overrides = spec.get("signal_overrides") if self.defaults_signals else None
            if overrides:
                lines.append("    signals:")
                for sig, q in overrides.items():
                    lines.append(f"      {sig}: {yq(q)}")
            else:
                lines.append("    signals: {}")
        return "\n".join(lines) + "\n"

    # ---- scenario.yaml -------------------------------------------------------------------
    def gen_scenario_yaml(self) -> str:
        doc = {
            "name": self.name,
            "description": self.description,
            "now": iso(self.now),
            "alerts": "alerts.json",
            "catalog": "catalog.yaml",
            "signals": "signals.json",
        }
        if not self.omit_logs:
            doc["logs"] = "logs.jsonl"
        doc["deploys"] = "deploys.json"
        expected = {"cause": self.cause, "culprit": self.culprit}
        if self.runbook:
            expected["runbook"] = self.runbook
        doc["expected"] = expected
        return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)

    # ---- write ---------------------------------------------------------------------------
    def write(self, folder: Path) -> dict:
        folder.mkdir(parents=True, exist_ok=True)
        signals_full = self.gen_signals_full()
        files = {
            "scenario.yaml": self.gen_scenario_yaml(),
            "alerts.json": json.dumps(self.gen_alerts(signals_full), indent=2) + "\n",
            "catalog.yaml": self.gen_catalog(),
            "signals.json": dump_signals({k: v for k, v in signals_full.items() if k not in self.omit_signals}),
            "deploys.json": json.dumps(self.gen_deploys(), indent=2) + "\n",
        }
        if not self.omit_logs:
            logs = self.gen_logs()
            assert len(logs) < MAX_LOG_LINES, (self.name, len(logs))
            files["logs.jsonl"] = "".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n" for d in logs)
        for f in folder.iterdir():
            if f.is_file() and f.name not in files:
                f.unlink()
        for fname, text in files.items():
            (folder / fname).write_text(text, encoding="utf-8")
        return files

    def gen_signals_full(self) -> dict:
        keep = self.omit_signals
        self.omit_signals = set()
        try:
            return self.gen_signals()
        finally:
            self.omit_signals = keep


def dump_signals(signals: dict) -> str:
    """One series per line: readable diffs, compact files."""
    out = ["{"]
    svcs = list(signals)
    for i, svc in enumerate(svcs):
        out.append(f"  {json.dumps(svc)}: {{")
        sigs = list(signals[svc])
        for j, sig in enumerate(sigs):
            pts = json.dumps(signals[svc][sig], separators=(",", ":"))
            out.append(f"    {json.dumps(sig)}: {pts}{',' if j < len(sigs) - 1 else ''}")
        out.append("  }" + ("," if i < len(svcs) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# baseline log libraries: (weight, level, message, extras)
# --------------------------------------------------------------------------------------------

REQ = {"http.response.status_code": 200, "url.path": "«path»", "trace.id": "«hex:32»"}

DEV_BASELINE = {
    "web": [
        (30, "info", "«method» «path» 200 «int:3:420»ms", REQ),
        (6, "info", "served /assets/«choice:app|vendor|runtime».«hex:8».js (cache «choice:HIT|HIT|HIT|MISS»)", None),
        (3, "info", "SSR render «choice:home|product|category|cart» completed in «int:18:140»ms", None),
        (3, "warn", "slow response «method» «path» took «int:1200:2900»ms", {"url.path": "«path»"}),
        (2, "warn", "session «hex:12» expired, redirecting to /login", None),
        (1, "error", "client aborted request «method» «path» (ECONNRESET)", {"error.type": "ECONNRESET"}),
        (
            1,
            "error",
            'missing translation key "«choice:promo.banner.title|footer.legal|cart.empty»" for locale '
            "«choice:de-DE|fr-FR|pl-PL|it-IT»",
            None,
        ),
    ],
    "api": [
        (30, "info", "request completed method=«method» path=«path» status=200 duration_ms=«int:2:240»", REQ),
        (5, "info", "refreshed feature flags (ruleset version «int:3100:3199»)", None),
        (3, "info", "health check ok (uptime «int:3:90»h, goroutines=«int:80:400»)", None),
        (3, "warn", "slow request method=«method» path=«path» duration_ms=«int:900:2400»", {"url.path": "«path»"}),
        (2, "warn", "retrying call to «dep» after «choice:timeout|connection reset|503» (attempt 2/3)", None),
        (
            1,
            "error",
            'request validation failed: field "«choice:email|postcode|quantity|currency»" is invalid '
            "(request «hex:16»)",
            {"http.response.status_code": 400},
        ),
        (1, "error", "context canceled: client went away during «method» «path»", {"error.type": "context.Canceled"}),
    ],
    "worker": [
        (25, "info", "processed job «uuid» type=«choice:email|sms|push|webhook» in «int:40:900»ms", None),
        (5, "info", "consumer heartbeat ok partition=«int:0:11» offset=«int:100000:999999»", None),
        (3, "warn", "job «uuid» retry 1/5: «choice:timeout|409 Conflict|upstream 503»", None),
        (
            1,
            "error",
            "job «uuid» moved to dead-letter queue after 5 attempts: «choice:invalid payload|recipient opted out»",
            None,
        ),
    ],
    "postgres": [
        (
            8,
            "info",
            "checkpoint complete: wrote «int:200:4000» buffers («float:0.5:6.0:1»%); 0 WAL file(s) added, 0 removed, "
            "«int:1:4» recycled; write=«float:10:29:3» s, sync=«float:0.001:0.040:3» s",
            None,
        ),
        (
            6,
            "info",
            'automatic vacuum of table "«choice:app.public.orders|app.public.order_items|app.public.sessions»": '
            "index scans: 1",
            None,
        ),
        (5, "info", "connection authorized: user=«choice:app|app|readonly|replicator» database=app", None),
        (
            2,
            "warn",
            "duration: «int:1000:2900».«int:100:999» ms  statement: SELECT * FROM "
            "«choice:orders|order_items|customers» WHERE ...",
            None,
        ),
        (1, "error", "canceling statement due to statement timeout", {"error.type": "57014"}),
        (
            1,
            "error",
            'duplicate key value violates unique constraint "«choice:orders|payments|carts»_pkey"',
            {"error.type": "23505"},
        ),
    ],
    "redis": [
        (6, "info", "«int:1:99» changes in 60 seconds. Saving...", None),
        (6, "info", "Background saving started by pid «int:100:9999»", None),
        (6, "info", "Background saving terminated with success", None),
        (2, "warn", "Client id=«int:1000:99999» addr=«ip»:«port» closed for overcoming of output buffer limits.", None),
    ],
    "kafka": [
        (
            8,
            "info",
            "[Log partition=«choice:orders|payments|notifications|events»-«int:0:11», dir=/var/lib/kafka/data] "
            "Rolled new log segment at offset «int:1000000:9999999»",
            None,
        ),
        (
            5,
            "info",
            "[GroupCoordinator «int:0:2»]: Member «hex:8»-consumer in group «choice:notifier|ledger-sink|analytics» "
            "has left, rebalancing",
            None,
        ),
        (
            2,
            "warn",
            "[ReplicaFetcher replicaId=«int:0:2», leaderId=«int:0:2», fetcherId=0] Error sending fetch request "
            "(sessionId=«int:100000:999999»): java.io.IOException: Connection to «int:0:2» was disconnected before "
            "the response was read",
            None,
        ),
    ],
    "rabbitmq": [
        (8, "info", "accepting AMQP connection <0.«int:1000:9999».0> («ip»:«port» -> «ip:10.0.5»:5672)", None),
        (
            6,
            "info",
            "closing AMQP connection <0.«int:1000:9999».0> («ip»:«port» -> «ip:10.0.5»:5672, vhost: '/', user: 'app')",
            None,
        ),
        (1, "warn", "client unexpectedly closed TCP connection <0.«int:1000:9999».0>", None),
    ],
    "elasticsearch": [
        (
            8,
            "info",
            "[«pod»] [«choice:catalog_v7|titles_v3|people_v2»][«int:0:5»] took [«int:300:900»ms], "
            "took_millis[«int:300:900»] (slowlog)",
            None,
        ),
        (5, "info", "[«pod»] updating number_of_replicas to [1] for indices [.monitoring-es-7-«int:1:9»]", None),
        (
            1,
            "warn",
            "[«pod»] [gc][«int:10000:99999»] overhead, spent [«int:300:900»ms] collecting in the last [1s]",
            None,
        ),
    ],
}

HOLD_BASELINE = {
    "web": [
        (
            30,
            "info",
            "Request finished HTTP/1.1 «method» «path» - 200 «int:200:48000» application/json «float:1:350:4»ms",
            REQ,
        ),
        (5, "info", "prefetch manifest served to «choice:ios|android|web» client build «int:1800:2100»", None),
        (3, "warn", "render budget exceeded for «path»: «int:600:1500»ms > 500ms", None),
        (1, "error", "upstream request aborted by client: «method» «path» (499)", {"http.response.status_code": 499}),
        (
            1,
            "error",
            "CSP violation report: blocked-uri=«choice:inline|eval|https://cdn.example-ads.net» on «path»",
            None,
        ),
    ],
    "api": [
        (30, "info", "served «method» «path» status=200 in «float:0.8:180.0:1»ms", REQ),
        (5, "info", "config watcher: no changes (etag «hex:12»)", None),
        (3, "info", "grpc server stats: active_streams=«int:10:300» msgs_in=«int:1000:90000»", None),
        (3, "warn", "transient failure talking to «dep»: retry 1 of 3 scheduled in «int:50:400»ms", None),
        (
            1,
            "error",
            "rejecting request «ALNUM:12»: payload failed schema validation at "
            "$.«choice:items[0].sku|phone|locale|amount»",
            {"http.response.status_code": 422},
        ),
        (1, "error", "deadline exceeded writing response to client «ip:10.250» after «int:5000:6000»ms", None),
    ],
    "worker": [
        (
            25,
            "info",
            "task done id=«hex:24» kind=«choice:reminder|digest|export|receipt» elapsed=«float:0.05:2.5:2»s",
            None,
        ),
        (5, "info", "lease renewed for shard «int:0:31» (owner «pod»)", None),
        (
            3,
            "warn",
            "task «hex:24» rescheduled (attempt «int:2:4»): «choice:rate limited|lock contention|upstream busy»",
            None,
        ),
        (1, "error", "task «hex:24» abandoned: «choice:template missing|recipient invalid|payload too large»", None),
    ],
    "postgres": [
        (8, "info", "[«int:1000:99999»] LOG:  checkpoint starting: time", None),
        (8, "info", "[«int:1000:99999»] LOG:  checkpoint complete: wrote «int:100:3000» buffers", None),
        (
            2,
            "warn",
            "[«int:1000:99999»] LOG:  duration: «int:800:2500» ms  execute <unnamed>: UPDATE "
            "«choice:slots|bookings|patients» SET ...",
            None,
        ),
        (1, "error", "[«int:1000:99999»] ERROR:  could not serialize access due to concurrent update", None),
    ],
    "mysql": [
        (
            8,
            "info",
            "[Note] [MY-010914] [Server] Aborted connection «int:10000:99999» to db: 'meta' user: 'svc' host: '«ip»' "
            "(Got an error reading communication packets)",
            None,
        ),
        (
            6,
            "info",
            "[Note] [MY-011953] [InnoDB] Page cleaner took «int:4000:9000»ms to flush «int:100:2000» pages",
            None,
        ),
        (
            1,
            "warn",
            "[Warning] [MY-010055] [Server] IP address '«ip»' could not be resolved: Name or service not known",
            None,
        ),
    ],
    "mongo": [
        (
            8,
            "info",
            'Slow query: {"ns":"records.«choice:encounters|documents|allergies»","durationMillis":«int:100:400»,'
            '"planSummary":"IXSCAN"}',
            None,
        ),
        (
            6,
            "info",
            "Connection accepted from «ip»:«port» #«int:10000:99999» («int:100:400» connections now open)",
            None,
        ),
        (1, "warn", "WiredTiger message: checkpoint took «int:2:9»s", None),
    ],
    "cockroach": [
        (
            8,
            "info",
            "[n«int:1:5»] health: «int:40:90» goroutines, «float:0.8:2.4:1» GiB/«float:4:7:1» GiB RSS, "
            "«float:10:40:1»% CPU",
            None,
        ),
        (5, "info", "[n«int:1:5»,s«int:1:5»,r«int:100:9999»/«int:1:5»] split completed", None),
        (1, "warn", "[n«int:1:5»] slow heartbeat took «float:1.0:2.5:1»s", None),
    ],
    "clickhouse": [
        (
            8,
            "info",
            "<Information> MergeTreeDataMergerMutator: Merged «int:2:9» parts from «int:100:900» to «int:100:900»",
            None,
        ),
        (
            6,
            "info",
            "<Debug> executeQuery: Read «int:10000:900000» rows, «float:1:90:1» MiB in «float:0.05:2.0:3» sec.",
            None,
        ),
        (1, "warn", "<Warning> MergeTreeBackgroundExecutor: too many parts («int:150:290») in events_local", None),
    ],
    "redis": [
        (8, "info", "RDB: «int:1:9» MB of memory used by copy-on-write", None),
        (6, "info", "Background saving terminated with success", None),
        (1, "warn", "Asynchronous AOF fsync is taking too long (disk is busy?).", None),
    ],
    "memcached": [
        (8, "info", "stats: curr_connections=«int:200:900» get_hits=«int:100000:999999» evictions=«int:0:40»", None),
        (1, "warn", "slab class «int:10:30»: items reassigned by slab_automove", None),
    ],
    "nats": [
        (8, "info", "[INF] «ip»:«port» - cid:«int:100:9999» - Client connection created", None),
        (5, "info", "[INF] «ip»:«port» - cid:«int:100:9999» - Client connection closed: Client Closed", None),
        (
            1,
            "warn",
            "[WRN] «ip»:«port» - cid:«int:100:9999» - Readloop processing time: «int:2:5».«int:100:999»s",
            None,
        ),
    ],
    "rabbitmq": [
        (
            8,
            "info",
            "connection <0.«int:1000:9999».0> («ip»:«port» -> «ip:172.16.5»:5672): user 'svc' authenticated and "
            "granted access to vhost 'care'",
            None,
        ),
        (1, "warn", "closing AMQP connection <0.«int:1000:9999».0>: client unexpectedly closed TCP connection", None),
    ],
    "kafka": [
        (
            8,
            "info",
            "[UnifiedLog partition=«choice:events-raw|events-enriched»-«int:0:47», dir=/data/kafka] Incremented log "
            "start offset to «int:1000000:9999999»",
            None,
        ),
        (4, "info", "[Controller id=«int:1:3»] Processing automatic preferred replica leader election", None),
        (1, "warn", "[ReplicaManager broker=«int:1:3»] Slow fetch from follower «int:1:3»: «int:600:1400» ms", None),
    ],
}

DEV_LOG_RATE = {"web": 1.5, "api": 1.1, "worker": 0.9, "db": 0.5, "cache": 0.35, "queue": 0.35}
HOLD_LOG_RATE = {"web": 1.3, "api": 1.2, "worker": 1.0, "db": 0.45, "cache": 0.3, "queue": 0.4}

DEV_ROUTINE = {
    "deploy": [
        "Release: bump dependencies (spring-boot 3.2.4, jackson 2.17)",
        "Add structured logging fields for {svc}",
        "Fix pagination off-by-one in list endpoint",
        "Tune JVM flags: -XX:MaxRAMPercentage=70",
        "Copy change on error pages",
        "Add metrics for cache hit ratio",
        "Refactor request validation (no behaviour change)",
        "Upgrade base image to distroless debian12",
        "Hotfix: typo in email subject line",
        "Enable gzip for JSON responses",
    ],
    "config": [
        "Raise log sampling for {svc} debug endpoints",
        "Rotate read-only DB credentials (vault lease)",
        "Increase HPA maxReplicas 12 -> 16",
        "Update CORS allow-list with new marketing domain",
    ],
    "flag": [
        "Ramp new product-card layout",
        "Ramp address autocomplete",
        "Enable dark-mode banner for beta users",
    ],
    "infra": [
        "cert-manager renewed TLS certificate for {svc} ingress",
        "Cluster autoscaler added 2 nodes to default pool",
        "Kube-proxy config reload (conntrack max)",
    ],
}

HOLD_ROUTINE = {
    "deploy": [
        "chore: upgrade otel collector sdk",
        "feat: expose /v2 list filters",
        "fix: handle empty locale header",
        "perf: reuse http client across handlers",
        "build: pin base image digest",
        "feat(api): add created_after filter",
        "refactor: split handler package",
    ],
    "config": [
        "Adjust log level to info in production",
        "Bump replica floor for business hours",
        "Rotate service account key",
    ],
    "flag": [
        "Widen experiment cohort",
        "Enable new onboarding copy",
    ],
    "infra": [
        "Node image patch rollout (CVE fixes)",
        "Increase PVC size for {svc} logs volume",
        "Ingress controller minor upgrade",
    ],
}


def _gke_nodes(cluster):
    def make(rng):
        pools = ["default-pool", "default-pool", "highmem-pool", "pool-db-2"]
        return [f"gke-{cluster}-{p}-{rand_str(rng, HEX, 8)}-{rand_str(rng, ALNUM, 4)}" for p in pools for _ in range(2)]

    return make


def _eks_nodes(region, prefix):
    def make(rng):
        return [f"ip-{prefix}-{rng.randint(0, 31)}-{rng.randint(2, 250)}.{region}.compute.internal" for _ in range(8)]

    return make


def _aks_nodes(rng):
    return [
        f"aks-nodepool{rng.randint(1, 3)}-{rng.randint(10000000, 99999999)}-vmss{rng.randint(0, 40):06x}"
        for _ in range(7)
    ]


def _baremetal_nodes(site):
    def make(rng):
        return [f"k8s-worker-{i:02d}.{site}" for i in rng.sample(range(1, 40), 7)]

    return make


def _dev_event_id(rng, ev):
    day = datetime.fromtimestamp(ev["started_at"], UTC).strftime("%Y%m%d")
    return f"{ev['kind'][:3]}-{day}-{rng.randint(1000, 9999)}"


def _hold_event_id(rng, ev):
    return f"CHG{rng.randint(1000000, 9999999)}"


STD_PROMQL = {
    "request_rate": 'sum(rate(http_requests_total{service="{service}"}[5m]))',
    "error_ratio": (
        'sum(rate(http_requests_total{service="{service}",code=~"5.."}[5m])) / '
        'sum(rate(http_requests_total{service="{service}"}[5m]))'
    ),
    "latency_p99_seconds": (
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="{service}"}[5m])))'
    ),
    "cpu_utilisation": (
        'sum(rate(container_cpu_usage_seconds_total{namespace="{ns}",pod=~"{service}-.*",container!=""}[5m])) / '
        'sum(kube_pod_container_resource_limits{namespace="{ns}",pod=~"{service}-.*",resource="cpu"})'
    ),
    "memory_utilisation": (
        'sum(container_memory_working_set_bytes{namespace="{ns}",pod=~"{service}-.*",container!=""}) / '
        'sum(kube_pod_container_resource_limits{namespace="{ns}",pod=~"{service}-.*",resource="memory"})'
    ),
    "saturation": 'max(pool_in_use{service="{service}"} / pool_max{service="{service}"})',
}
ISTIO_PROMQL = {
    "request_rate": 'sum(rate(istio_requests_total{destination_service_name="{service}",reporter="destination"}[2m]))',
    "error_ratio": (
        'sum(rate(istio_requests_total{destination_service_name="{service}",reporter="destination",'
        'response_code=~"5.*"}[2m])) / sum(rate(istio_requests_total{destination_service_name="{service}",'
        'reporter="destination"}[2m]))'
    ),
    "latency_p99_seconds": (
        "histogram_quantile(0.99, sum by (le) "
        '(rate(istio_request_duration_milliseconds_bucket{destination_service_name="{service}",'
        'reporter="destination"}[2m]))) / 1000'
    ),
    "cpu_utilisation": (
        'sum(node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate{namespace="{ns}",'
        'pod=~"{service}-.*"}) / sum(kube_pod_container_resource_requests{namespace="{ns}",pod=~"{service}-.*",'
        'resource="cpu"})'
    ),
    "memory_utilisation": (
        'sum(container_memory_working_set_bytes{namespace="{ns}",pod=~"{service}-.*"}) / '
        'sum(kube_pod_container_resource_limits{namespace="{ns}",pod=~"{service}-.*",resource="memory"})'
    ),
    "saturation": 'max(app_resource_saturation_ratio{service="{service}"})',
}


def _promql(ns, base):
    return {k: v.replace("{ns}", ns) for k, v in base.items()}


def topo_common(company, namespace, *, holdout, **kw):
    base = {
        "company": company,
        "namespace": namespace,
        "baseline_logs": HOLD_BASELINE if holdout else DEV_BASELINE,
        "log_rate": HOLD_LOG_RATE if holdout else DEV_LOG_RATE,
        "routine_text": HOLD_ROUTINE if holdout else DEV_ROUTINE,
        "event_id": _hold_event_id if holdout else _dev_event_id,
        "promql": _promql(namespace, ISTIO_PROMQL if holdout else STD_PROMQL),
        "infra_author": "platform-automation" if holdout else "cluster-ops-bot",
    }
    base.update(kw)
    return base


# --------------------------------------------------------------------------------------------
# development topologies
# --------------------------------------------------------------------------------------------

PG_SAT = (
    'max(sum by (instance) (pg_stat_activity_count{service="{service}"}) / max by (instance) '
    '(pg_settings_max_connections{service="{service}"}))'
)

SHOP = topo_common(
    "Shopwise",
    "shop",
    holdout=False,
    receiver="opsdesk-incidents",
    nodes=_gke_nodes("shop-prod"),
    authors=["maria.lopez", "dev.patel", "jonas.berg", "argocd-bot", "chen.wei", "sara.okafor"],
    diurnal_amp=0.22,
    peak_hour=19.5,
    ip_prefix="10.0",
    alert_labels={"prometheus": "monitoring/k8s"},
    runbook_base="https://wiki.shopwise.io/runbooks/alerts",
    prometheus_url="http://prometheus-k8s.monitoring.svc:9090",
    alertmanager_url="http://alertmanager-main.monitoring.svc:9093",
    route_key='{}/{severity=~"critical|warning"}',
    ver="semver",
    services={
        "web-frontend": {
            "kind": "web",
            "team": "storefront",
            "tier": 1,
            "owners": ["S04STOREFR1"],
            "channel": "#storefront-oncall",
            "deps": ["api-gateway"],
            "paths": [
                "/",
                "/product/«int:10000:99999»",
                "/cart",
                "/checkout",
                "/category/«choice:shoes|kitchen|garden|toys»",
            ],
            "request_rate": (900, 1400),
            "ver": "build",
        },
        "api-gateway": {
            "kind": "api",
            "team": "platform",
            "tier": 1,
            "owners": ["S04PLATFRM2"],
            "channel": "#platform-oncall",
            "deps": ["checkout", "cart", "catalog-api", "payments"],
            "paths": ["/api/v1/cart", "/api/v1/checkout", "/api/v1/products", "/api/v1/products/«int:10000:99999»"],
            "request_rate": (600, 900),
            "latency_p99_seconds": (0.3, 0.45),
        },
        "checkout": {
            "kind": "api",
            "team": "payments",
            "tier": 1,
            "owners": ["S04PAYMNTS3", "U02LOPEZMA"],
            "channel": "#payments-incidents",
            "deps": ["payments", "cart", "inventory", "orders-db"],
            "paths": ["/api/v1/checkout", "/api/v1/checkout/«uuid»/confirm", "/api/v1/checkout/«uuid»/address"],
            "request_rate": (35, 60),
            "latency_p99_seconds": (0.45, 0.7),
            "flavour": "api",
        },
        "cart": {
            "kind": "api",
            "team": "storefront",
            "tier": 2,
            "owners": ["S04STOREFR1"],
            "channel": "#storefront-oncall",
            "deps": ["redis-cache", "catalog-api"],
            "paths": ["/api/v1/cart", "/api/v1/cart/items", "/api/v1/cart/«hex:16»"],
            "request_rate": (180, 260),
            "latency_p99_seconds": (0.08, 0.14),
        },
        "catalog-api": {
            "kind": "api",
            "team": "catalog",
            "tier": 2,
            "owners": ["S04CATALOG4"],
            "deps": ["catalog-db", "redis-cache"],
            "paths": [
                "/api/v1/products",
                "/api/v1/products/«int:10000:99999»",
                "/api/v1/search?q=«choice:boots|kettle|lamp|lego»",
            ],
            "request_rate": (240, 380),
            "latency_p99_seconds": (0.15, 0.25),
        },
        "payments": {
            "kind": "api",
            "team": "payments",
            "tier": 1,
            "owners": ["S04PAYMNTS3"],
            "channel": "#payments-incidents",
            "deps": ["payments-db", "fraud-api", "stripe"],
            "paths": ["/v1/payments", "/v1/payments/«hex:8»/capture", "/v1/refunds"],
            "request_rate": (45, 80),
            "latency_p99_seconds": (0.6, 0.9),
        },
        "fraud-api": {
            "kind": "api",
            "team": "risk",
            "tier": 2,
            "owners": ["S04RISKENG5"],
            "deps": [],
            "paths": ["/score", "/v2/score"],
            "request_rate": (40, 70),
            "latency_p99_seconds": (0.3, 0.45),
            "saturation": None,
            "host": "10.2.14.7:8443",
        },
        "inventory": {
            "kind": "api",
            "team": "fulfilment",
            "tier": 2,
            "owners": ["S04FULFIL6"],
            "deps": ["orders-db"],
            "paths": ["/v1/stock/«int:10000:99999»", "/v1/reservations", "/v1/reservations/«uuid»"],
            "request_rate": (60, 110),
            "latency_p99_seconds": (0.1, 0.2),
            "saturation": (0.25, 0.35),
        },
        "notifications": {
            "kind": "worker",
            "team": "crm",
            "tier": 3,
            "owners": ["S04CRMTEAM7"],
            "deps": ["rabbitmq", "sendgrid"],
        },
        "orders-db": {
            "kind": "db",
            "team": "fulfilment",
            "tier": 1,
            "owners": ["S04DBAONCL8"],
            "flavour": "postgres",
            "signal_overrides": {"saturation": PG_SAT},
        },
        "payments-db": {
            "kind": "db",
            "team": "payments",
            "tier": 1,
            "owners": ["S04DBAONCL8"],
            "flavour": "postgres",
            "signal_overrides": {"saturation": PG_SAT},
        },
        "catalog-db": {"kind": "db", "team": "catalog", "tier": 2, "owners": ["S04DBAONCL8"], "flavour": "postgres"},
        "redis-cache": {
            "kind": "cache",
            "team": "platform",
            "tier": 1,
            "owners": ["S04PLATFRM2"],
            "flavour": "redis",
            "request_rate": (1800, 2800),
        },
        "rabbitmq": {"kind": "queue", "team": "platform", "tier": 2, "owners": ["S04PLATFRM2"], "flavour": "rabbitmq"},
        "stripe": {"kind": "external"},
        "sendgrid": {"kind": "external"},
    },
)

STREAM = topo_common(
    "Streamly",
    "media",
    holdout=False,
    receiver="opsdesk",
    nodes=_gke_nodes("streamly-prd"),
    authors=["a.kim", "r.santos", "flux-automation", "t.nakamura", "l.meyer"],
    diurnal_amp=0.3,
    peak_hour=21.0,
    ip_prefix="10.8",
    alert_labels={"prometheus": "monitoring/k8s", "cluster": "prd-eu-1"},
    runbook_base="https://runbooks.streamly.tv/alerts",
    prometheus_url="http://prometheus.monitoring:9090",
    alertmanager_url="http://alertmanager.monitoring:9093",
    route_key="{}",
    ver="vsemver",
    services={
        "edge-proxy": {
            "kind": "web",
            "team": "edge",
            "tier": 1,
            "owners": ["S03EDGETEAM"],
            "deps": ["web-bff"],
            "paths": ["/", "/browse", "/title/«int:1000:99999»", "/search", "/account"],
            "request_rate": (1500, 2600),
            "latency_p99_seconds": (0.35, 0.55),
            "ver": "sha",
        },
        "web-bff": {
            "kind": "api",
            "team": "web",
            "tier": 1,
            "owners": ["S03WEBTEAM1"],
            "deps": ["user-service", "search-api", "recommendations", "playback-api"],
            "paths": ["/graphql", "/api/home", "/api/title/«int:1000:99999»", "/api/search"],
            "request_rate": (900, 1500),
            "latency_p99_seconds": (0.4, 0.6),
        },
        "user-service": {
            "kind": "api",
            "team": "identity",
            "tier": 1,
            "owners": ["S03IDENTITY"],
            "deps": ["users-db", "auth0"],
            "paths": ["/v1/users/«uuid»", "/v1/sessions", "/v1/profiles/«uuid»"],
            "request_rate": (300, 450),
            "latency_p99_seconds": (0.12, 0.2),
        },
        "search-api": {
            "kind": "api",
            "team": "discovery",
            "tier": 2,
            "owners": ["S03DISCOVRY"],
            "deps": ["search-index"],
            "paths": ["/search?q=«choice:dune|office|nature|crime»", "/suggest?q=«choice:st|ma|th»"],
            "request_rate": (150, 260),
            "latency_p99_seconds": (0.28, 0.4),
        },
        "search-index": {
            "kind": "db",
            "team": "discovery",
            "tier": 2,
            "owners": ["S03DISCOVRY"],
            "flavour": "elasticsearch",
            "request_rate": (150, 260),
        },
        "recommendations": {
            "kind": "api",
            "team": "discovery",
            "tier": 2,
            "owners": ["S03DISCOVRY"],
            "deps": ["feature-store", "model-server"],
            "paths": ["/v1/rows/home", "/v1/rows/because-you-watched/«int:1000:99999»"],
            "request_rate": (250, 400),
            "latency_p99_seconds": (0.2, 0.3),
            "cpu_utilisation": (0.35, 0.45),
        },
        "feature-store": {
            "kind": "cache",
            "team": "ml-platform",
            "tier": 2,
            "owners": ["S03MLPLATFM"],
            "flavour": "redis",
        },
        "model-server": {
            "kind": "api",
            "team": "ml-platform",
            "tier": 2,
            "owners": ["S03MLPLATFM"],
            "deps": [],
            "paths": ["/v1/models/ranker:predict", "/v1/models/ranker-v2:predict"],
            "request_rate": (250, 400),
            "latency_p99_seconds": (0.06, 0.1),
        },
        "playback-api": {
            "kind": "api",
            "team": "playback",
            "tier": 1,
            "owners": ["S03PLAYBACK"],
            "deps": ["media-metadata-db", "s3"],
            "paths": ["/v1/manifest/«int:1000:99999»", "/v1/license", "/v1/heartbeat"],
            "request_rate": (400, 650),
            "latency_p99_seconds": (0.15, 0.25),
            "memory_utilisation": (0.42, 0.48),
        },
        "media-metadata-db": {
            "kind": "db",
            "team": "playback",
            "tier": 1,
            "owners": ["S03DBAONCLL"],
            "flavour": "postgres",
        },
        "media-transcoder": {
            "kind": "worker",
            "team": "encoding",
            "tier": 3,
            "owners": ["S03ENCODING"],
            "deps": ["kafka", "s3"],
            "latency_p99_seconds": (40.0, 70.0),
            "request_rate": (0.5, 1.2),
        },
        "users-db": {"kind": "db", "team": "identity", "tier": 1, "owners": ["S03DBAONCLL"], "flavour": "postgres"},
        "kafka": {"kind": "queue", "team": "data-platform", "tier": 1, "owners": ["S03DATAPLAT"], "flavour": "kafka"},
        "auth0": {"kind": "external"},
        "s3": {"kind": "external"},
    },
)

FIN = topo_common(
    "Ledgerly",
    "ledgerly-prod",
    holdout=False,
    receiver="opsdesk-webhook",
    nodes=_eks_nodes("eu-central-1", "10-20"),
    authors=["p.novak", "github-actions[bot]", "e.haddad", "k.osei", "m.rossi"],
    diurnal_amp=0.18,
    peak_hour=13.0,
    ip_prefix="10.20",
    alert_labels={"prometheus": "observability/kube-prometheus", "env": "prod"},
    runbook_base="https://confluence.ledgerly.eu/display/SRE/alerts",
    prometheus_url="https://prometheus.prod.ledgerly.internal",
    alertmanager_url="https://alertmanager.prod.ledgerly.internal",
    route_key='{}/{env="prod"}',
    ver="semver",
    services={
        "mobile-bff": {
            "kind": "web",
            "team": "mobile",
            "tier": 1,
            "owners": ["S05MOBILE01"],
            "deps": ["accounts-api", "transfers-api", "kyc-service"],
            "paths": ["/m/v3/home", "/m/v3/accounts", "/m/v3/transfers", "/m/v3/cards/«uuid»"],
            "request_rate": (300, 500),
        },
        "accounts-api": {
            "kind": "api",
            "team": "core-banking",
            "tier": 1,
            "owners": ["S05COREBNK2"],
            "deps": ["ledger-service", "accounts-db"],
            "paths": ["/v1/accounts/«uuid»", "/v1/accounts/«uuid»/balance", "/v1/statements"],
            "request_rate": (150, 240),
        },
        "transfers-api": {
            "kind": "api",
            "team": "payments-rails",
            "tier": 1,
            "owners": ["S05RAILS003"],
            "deps": ["ledger-service", "fx-rates", "kafka"],
            "paths": ["/v2/transfers", "/v2/transfers/«uuid»", "/v2/quotes"],
            "request_rate": (40, 70),
            "latency_p99_seconds": (0.35, 0.5),
        },
        "ledger-service": {
            "kind": "api",
            "team": "core-banking",
            "tier": 1,
            "owners": ["S05COREBNK2"],
            "deps": ["ledger-db"],
            "paths": ["/ledger/entries", "/ledger/holds", "/ledger/balances/«uuid»"],
            "request_rate": (200, 320),
            "latency_p99_seconds": (0.06, 0.12),
        },
        "fx-rates": {
            "kind": "api",
            "team": "payments-rails",
            "tier": 2,
            "owners": ["S05RAILS003"],
            "deps": ["openexchangerates"],
            "paths": ["/rates/«choice:EUR|USD|GBP|PLN»", "/rates/«choice:EUR|USD»/«choice:CHF|SEK|NOK»"],
            "request_rate": (30, 55),
            "saturation": None,
        },
        "kyc-service": {
            "kind": "api",
            "team": "compliance",
            "tier": 2,
            "owners": ["S05COMPLNC4"],
            "deps": ["onfido", "accounts-db"],
            "paths": ["/kyc/checks", "/kyc/checks/«uuid»", "/kyc/documents"],
            "request_rate": (6, 14),
        },
        "notification-worker": {
            "kind": "worker",
            "team": "engagement",
            "tier": 3,
            "owners": ["S05ENGAGE05"],
            "deps": ["kafka", "twilio", "sendgrid"],
            "request_rate": (25, 40),
        },
        "ledger-db": {
            "kind": "db",
            "team": "core-banking",
            "tier": 1,
            "owners": ["S05DBREONC6"],
            "flavour": "postgres",
            "saturation": (0.7, 0.72),
        },
        "accounts-db": {
            "kind": "db",
            "team": "core-banking",
            "tier": 1,
            "owners": ["S05DBREONC6"],
            "flavour": "postgres",
        },
        "kafka": {"kind": "queue", "team": "platform", "tier": 1, "owners": ["S05PLATFRM7"], "flavour": "kafka"},
        "openexchangerates": {"kind": "external"},
        "onfido": {"kind": "external"},
        "twilio": {"kind": "external"},
        "sendgrid": {"kind": "external"},
    },
)

LOGI = topo_common(
    "Haulr",
    "delivery",
    holdout=False,
    receiver="opsdesk",
    nodes=_eks_nodes("eu-west-1", "10-1"),
    authors=["ines.ferreira", "tom.walsh", "spinnaker", "yuki.sato", "omar.haddad"],
    diurnal_amp=0.28,
    peak_hour=12.5,
    ip_prefix="10.1",
    alert_labels={"prometheus": "monitoring/prometheus", "region": "eu-west-1"},
    runbook_base="https://runbooks.haulr.dev/alerts",
    prometheus_url="http://prometheus.monitoring.svc.cluster.local:9090",
    alertmanager_url="http://alertmanager.monitoring.svc.cluster.local:9093",
    route_key='{}/{region="eu-west-1"}',
    ver="sha",
    services={
        "courier-app-api": {
            "kind": "web",
            "team": "courier-experience",
            "tier": 1,
            "owners": ["S06COURIER1"],
            "deps": ["dispatch-api", "eta-service"],
            "paths": ["/courier/v2/shift", "/courier/v2/jobs", "/courier/v2/jobs/«uuid»/accept"],
            "request_rate": (250, 420),
        },
        "dispatch-api": {
            "kind": "api",
            "team": "dispatch",
            "tier": 1,
            "owners": ["S06DISPATC2"],
            "deps": ["routing-engine", "eta-service", "tracking-db"],
            "paths": ["/v1/jobs", "/v1/jobs/«uuid»", "/v1/jobs/«uuid»/assign"],
            "request_rate": (120, 200),
            "latency_p99_seconds": (0.25, 0.4),
        },
        "driver-location": {
            "kind": "api",
            "team": "geo",
            "tier": 1,
            "owners": ["S06GEOTEAM3"],
            "deps": ["geo-redis", "kafka"],
            "paths": ["/v1/locations", "/v1/locations/batch"],
            "request_rate": (1800, 2400),
            "latency_p99_seconds": (0.06, 0.09),
            "saturation": (0.2, 0.3),
        },
        "eta-service": {
            "kind": "api",
            "team": "geo",
            "tier": 2,
            "owners": ["S06GEOTEAM3"],
            "deps": ["routing-engine", "geo-redis", "mapbox"],
            "paths": ["/v1/eta", "/v1/eta/batch"],
            "request_rate": (200, 320),
            "latency_p99_seconds": (0.18, 0.26),
            "pods": 5,
        },
        "routing-engine": {
            "kind": "api",
            "team": "geo",
            "tier": 2,
            "owners": ["S06GEOTEAM3"],
            "deps": ["mapbox"],
            "paths": ["/route", "/matrix"],
            "request_rate": (80, 140),
            "latency_p99_seconds": (0.5, 0.8),
        },
        "tracking-db": {
            "kind": "db",
            "team": "dispatch",
            "tier": 1,
            "owners": ["S06DBAONCL4"],
            "flavour": "postgres",
            "latency_p99_seconds": (0.015, 0.025),
        },
        "geo-redis": {
            "kind": "cache",
            "team": "geo",
            "tier": 1,
            "owners": ["S06GEOTEAM3"],
            "flavour": "redis",
            "request_rate": (2200, 2900),
        },
        "kafka": {"kind": "queue", "team": "platform", "tier": 1, "owners": ["S06PLATFRM5"], "flavour": "kafka"},
        "sms-notifier": {
            "kind": "worker",
            "team": "courier-experience",
            "tier": 3,
            "owners": ["S06COURIER1"],
            "deps": ["kafka", "twilio"],
        },
        "mapbox": {"kind": "external"},
        "twilio": {"kind": "external"},
    },
)


# --------------------------------------------------------------------------------------------
# development scenarios
# --------------------------------------------------------------------------------------------

I, W, E = "info", "warn", "error"  # noqa: E741 - log levels, kept short for the tables below
TRACE = {"trace.id": "«hex:32»"}


def dev_checkout_bad_deploy():
    s = Scenario(
        "checkout-bad-deploy",
        holdout=False,
        seed=1101,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "checkout",
            "cart",
            "payments",
            "inventory",
            "fraud-api",
            "orders-db",
            "payments-db",
            "redis-cache",
            "stripe",
        ],
        onset="2024-03-12T14:06:30Z",
        now_after=10,
        step=30,
        hours=3,
        description="Checkout started returning 5xx at about 14:06 UTC and crossed the 5% error-rate threshold; "
        "customers report an error page when confirming their order.",
        cause="deploy",
        culprit="checkout",
        runbook="rollback-a-deploy",
        distractor="none (clean demo incident; routine deploys hours earlier)",
        defaults_signals=True,
    )
    s.routine(7, infra=1)
    s.change(
        "checkout",
        "deploy",
        -4.5,
        dur=3.5,
        version="2.41.0",
        prev="2.40.3",
        author="maria.lopez",
        description="Release 2.41.0: OrderMapper refactor for promo codes, new address validation (PAY-1873)",
    )
    s.rollout(
        "checkout",
        -4.2,
        3.2,
        "Started CheckoutApplication in «float:11:16:2» seconds (process running for «float:12:17:2», version 2.41.0)",
    )
    s.hit("checkout", -1.0, err=0.19, lat=1.7, ramp=3.0)
    s.fx("checkout", "cpu_utilisation", "mul", 1.25, -1.0, 3.0)
    s.hit("api-gateway", -0.5, err=0.016, lat=1.3, ramp=3.0)
    s.hit("web-frontend", 0.0, err=0.011, ramp=3.0)
    s.stream(
        "checkout",
        -1.0,
        16,
        [
            (
                5,
                E,
                "NullPointerException in OrderMapper.toDto line 212 while confirming order «uuid»",
                {
                    "error.type": "java.lang.NullPointerException",
                    "http.response.status_code": 500,
                    "error.message": (
                        'Cannot invoke "com.shopwise.checkout.model.PromoCode.getCode()" because "order.promo" is null'
                    ),
                    "url.path": "/api/v1/checkout/«uuid»/confirm",
                    **TRACE,
                },
            ),
            (
                2,
                E,
                "Order «uuid» could not be serialised: HttpMessageNotWritableException: Could not write JSON: "
                'Cannot invoke "PromoCode.getCode()" (through reference chain: OrderDto["promo"])',
                {"error.type": "org.springframework.http.converter.HttpMessageNotWritableException", **TRACE},
            ),
            (1, W, "Resolved [java.lang.NullPointerException] for POST /api/v1/checkout/«uuid»/confirm", None),
        ],
        ramp=3.0,
    )
    s.stream(
        "api-gateway",
        -0.5,
        7,
        [
            (
                3,
                E,
                "upstream checkout responded 500 for POST /api/v1/checkout/«uuid»/confirm in «int:40:900»ms",
                {"http.response.status_code": 500, "url.path": "/api/v1/checkout/«uuid»/confirm", **TRACE},
            ),
        ],
        ramp=3.0,
    )
    s.stream(
        "web-frontend",
        0.0,
        3,
        [
            (
                1,
                E,
                "checkout confirmation failed for session «hex:12»: api-gateway returned 500",
                {"http.response.status_code": 500},
            ),
        ],
        ramp=3.0,
    )
    s.alert(
        "HighErrorRate",
        "checkout",
        "critical",
        5.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("checkout", "error_ratio", "pct"),
    )
    return s


def dev_search_deploy_with_concurrent_deploy():
    s = Scenario(
        "search-slow-query-deploy",
        holdout=False,
        seed=1102,
        topo=STREAM,
        services=[
            "edge-proxy",
            "web-bff",
            "user-service",
            "search-api",
            "search-index",
            "recommendations",
            "users-db",
            "playback-api",
            "auth0",
        ],
        onset="2024-05-21T19:42:00Z",
        now_after=9,
        step=15,
        hours=2,
        description="Web BFF p99 latency jumped above 1 s at 19:42 UTC during evening peak; browse and search pages "
        "load slowly and some searches time out.",
        cause="deploy",
        culprit="search-api",
        runbook="rollback-a-deploy",
        distractor="innocent deploy of user-service about a minute after the culprit deploy",
    )
    s.routine(6)
    s.change(
        "search-api",
        "deploy",
        -5.5,
        dur=4.0,
        version="v3.18.0",
        prev="v3.17.2",
        author="r.santos",
        description="Search relevance: fuzzy multi_match across all text fields (SRCH-1142)",
    )
    s.change(
        "user-service",
        "deploy",
        -4.6,
        dur=3.0,
        version="v1.92.0",
        prev="v1.91.4",
        author="t.nakamura",
        description="Sessions: include last_login_ip in session response (ID-778)",
    )
    s.rollout("search-api", -5.3, 3.8, "search-api v3.18.0 listening on :8080 (index=titles_v3, fuzziness=AUTO)")
    s.rollout("user-service", -4.4, 2.8, "user-service v1.92.0 ready, db pool size 40")
    s.hit("search-api", -2.5, lat=7.5, ramp=3.0)
    s.hit("search-api", -1.2, err=0.055, cpu=0.68, ramp=3.0)
    s.hit("search-index", -2.3, lat=3.6, cpu=0.86, ramp=3.0)
    s.hit("web-bff", -2.0, lat=2.4, ramp=3.0)
    s.hit("web-bff", -0.8, err=0.021, ramp=3.0)
    s.hit("edge-proxy", -1.7, lat=1.6, err=0.008, ramp=3.0)
    s.stream(
        "search-api",
        -2.5,
        14,
        [
            (
                4,
                W,
                "slow search «hex:12»: took «int:1800:4200»ms (query_type=multi_match fields=23 fuzziness=AUTO)",
                None,
            ),
            (
                2,
                E,
                "SearchTimeout: query «hex:12» exceeded 3000ms budget (index=titles_v3, shards=6)",
                {"error.type": "SearchTimeout", "http.response.status_code": 504, **TRACE},
            ),
        ],
        ramp=3.0,
    )
    s.stream(
        "search-index",
        -2.3,
        5,
        [
            (
                1,
                W,
                '[«pod»] [titles_v3][«int:0:5»] took[«float:2.5:9.5:1»s], source[{"query":{"multi_match":'
                '{"query":"«choice:dune|the office|nature|true crime»","fields":["*"],"fuzziness":"AUTO"}}}]',
                None,
            ),
        ],
        ramp=3.0,
    )
    s.stream(
        "web-bff",
        -1.5,
        6,
        [
            (
                1,
                E,
                "GET /api/search failed: search-api: context deadline exceeded (Client.Timeout exceeded while "
                "awaiting headers)",
                {"url.path": "/api/search", "http.response.status_code": 504, **TRACE},
            ),
            (1, W, "resolver Query.search took «int:2500:4000»ms (budget 1500ms)", None),
        ],
        ramp=3.0,
    )
    s.alert(
        "HighLatencyP99",
        "web-bff",
        "warning",
        4.0,
        "p99 latency above 1s on {svc}",
        "{svc} p99 latency is {value} (threshold 1s) for more than 5 minutes.",
        value=("web-bff", "latency_p99_seconds", "s"),
    )
    return s


def dev_ledger_crashloop_release():
    s = Scenario(
        "ledger-crashloop-after-release",
        holdout=False,
        seed=1103,
        topo=FIN,
        services=[
            "mobile-bff",
            "accounts-api",
            "transfers-api",
            "ledger-service",
            "fx-rates",
            "kafka",
            "ledger-db",
            "accounts-db",
            "openexchangerates",
            "notification-worker",
            "twilio",
        ],
        onset="2024-06-04T09:17:00Z",
        now_after=10,
        step=60,
        hours=3,
        description="Several alerts fired together around 09:20 UTC: pods crash-looping in ledgerly-prod, transfer "
        "failures above 30% and the mobile availability SLO burning fast.",
        cause="deploy",
        culprit="ledger-service",
        runbook="rollback-a-deploy",
        distractor="multiple alerts from three services in one webhook body (victims louder than the culprit)",
        defaults_signals=True,
    )
    s.routine(8, infra=1)
    s.change(
        "ledger-service",
        "deploy",
        -3.0,
        dur=4.0,
        version="5.3.0",
        prev="5.2.7",
        author="p.novak",
        description="Ledger holds: hold_reason column and expiry job (Flyway V47)",
    )
    s.hit("ledger-service", -1.0, err=0.24, lat=4.0, rr=0.8, ramp=3.0)
    s.hit("transfers-api", 0.0, err=0.41, lat=3.0, ramp=2.0)
    s.hit("accounts-api", 0.0, err=0.17, lat=2.0, ramp=2.0)
    s.hit("mobile-bff", 1.0, err=0.13, ramp=2.0)
    s.stream(
        "ledger-service",
        -2.0,
        6,
        [
            (
                3,
                E,
                "Application run failed: org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: "
                "Migrations have failed validation. Detected failed migration to version 47 (add hold reason).",
                {"error.type": "org.flywaydb.core.api.exception.FlywayValidateException"},
            ),
            (2, W, "Back-off restarting failed container ledger-service in pod «pod» (restart count «int:2:9»)", None),
            (2, I, "Starting LedgerServiceApplication v5.3.0 using Java 21.0.2 with PID 1", None),
        ],
        ramp=2.0,
    )
    s.stream(
        "transfers-api",
        0.0,
        14,
        [
            (
                3,
                E,
                "POST /v2/transfers failed for transfer «uuid»: ledger-service unavailable: 503 no healthy upstream",
                {
                    "http.response.status_code": 503,
                    "url.path": "/v2/transfers",
                    "destination.address": "ledger-service.ledgerly-prod.svc",
                    **TRACE,
                },
            ),
            (1, W, "circuit breaker ledger-service-client OPEN (failure rate «int:40:70»%)", None),
        ],
        ramp=2.0,
    )
    s.stream(
        "accounts-api",
        0.0,
        6,
        [
            (
                1,
                E,
                "balance lookup for account «uuid» failed: GET /ledger/balances returned 503 from ledger-service",
                {"http.response.status_code": 503, **TRACE},
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "mobile-bff",
        1.0,
        5,
        [
            (1, E, "GET /m/v3/home degraded: accounts-api 502, transfers-api 503", {"http.response.status_code": 502}),
        ],
        ramp=2.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "KubePodCrashLooping",
        "ledger-service",
        "warning",
        2.0,
        "Pod is crash looping",
        "Pod {ns}/ledger-service is in CrashLoopBackOff (restarts in the last 10 minutes).",
    )
    s.alert(
        "HighErrorRate",
        "transfers-api",
        "critical",
        3.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("transfers-api", "error_ratio", "pct"),
    )
    s.alert(
        "SLOBurnRateHigh",
        "mobile-bff",
        "critical",
        5.0,
        "{svc} availability SLO burning 14x faster than allowed",
        "Error budget of {svc} (99.9% over 30d) is burning fast: current 5m error ratio {value}.",
        value=("mobile-bff", "error_ratio", "pct"),
    )
    return s


def dev_cart_config_change():
    s = Scenario(
        "cart-redis-timeout-config",
        holdout=False,
        seed=1104,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "cart",
            "catalog-api",
            "catalog-db",
            "redis-cache",
            "checkout",
            "inventory",
            "orders-db",
        ],
        onset="2024-04-18T11:23:00Z",
        now_after=9,
        step=30,
        hours=2.5,
        description="Cart error rate rose above 10% shortly after 11:23 UTC; add-to-cart intermittently fails. An "
        "earlier latency alert on catalog-api resolved itself half an hour before.",
        cause="config_change",
        culprit="cart",
        runbook="revert-config-change",
        distractor="resolved catalog-api latency alert in the same webhook body; cart errors name redis-cache",
    )
    s.routine(6)
    s.change(
        "cart",
        "config",
        -1.5,
        dur=0.1,
        version="rev 89",
        prev="rev 88",
        author="jonas.berg",
        description="cart-config: redis.read_timeout 500ms -> 20ms, redis.pool_size 64 -> 16 (cut tail latency)",
    )
    s.once(
        "cart",
        -1.4,
        I,
        "config reloaded from ConfigMap shop/cart-config (revision 89): redis.read_timeout=20ms redis.pool_size=16",
    )
    s.hit("cart", 0.0, err=0.12, lat=1.6, ramp=1.0)
    s.hit("api-gateway", 0.5, err=0.03, ramp=1.5)
    s.hit("web-frontend", 1.0, err=0.02, ramp=1.5)
    # earlier, unrelated and already resolved: a heavy report query on catalog-db
    s.hit("catalog-api", -55, lat=7.0, ramp=2.0, end=-33, recover=2.0)
    s.hit("catalog-db", -56, cpu=0.82, lat=3.0, ramp=2.0, end=-34, recover=2.0)
    s.stream(
        "catalog-db",
        -56,
        2,
        [
            (
                1,
                W,
                "duration: «int:8000:21000».«int:100:999» ms  statement: SELECT p.*, count(r.*) FROM products p LEFT "
                "JOIN reviews r ...",
                None,
            ),
        ],
        end=-34,
    )
    s.stream(
        "catalog-api",
        -55,
        3,
        [
            (
                1,
                W,
                "slow request method=GET path=/api/v1/products duration_ms=«int:1500:4200»",
                {"url.path": "/api/v1/products"},
            ),
        ],
        end=-33,
    )
    s.stream(
        "cart",
        0.0,
        18,
        [
            (
                4,
                E,
                "redis: GET cart:«hex:16»: read tcp «ip»:«port»->10.0.3.12:6379: i/o timeout",
                {"error.type": "net.OpError", "destination.address": "10.0.3.12", **TRACE},
            ),
            (
                2,
                E,
                "failed to load cart «hex:16»: redis: connection pool timeout",
                {"http.response.status_code": 500, **TRACE},
            ),
            (
                1,
                W,
                "redis pool stats: hits=«int:1000:9000» misses=«int:100:900» timeouts=«int:50:400» total_conns=16 "
                "idle=0",
                None,
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "api-gateway",
        0.5,
        5,
        [
            (
                1,
                E,
                "upstream cart responded 500 for «method» /api/v1/cart in «int:20:80»ms",
                {"http.response.status_code": 500, **TRACE},
            ),
        ],
        ramp=1.5,
    )
    s.group_by = ["namespace"]
    s.alert(
        "HighLatencyP99",
        "catalog-api",
        "warning",
        -49,
        "p99 latency above 1s on {svc}",
        "{svc} p99 latency is {value} (threshold 1s) for more than 5 minutes.",
        value=("catalog-api", "latency_p99_seconds", "s"),
        status="resolved",
        end=-31,
    )
    s.alert(
        "HighErrorRate",
        "cart",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("cart", "error_ratio", "pct"),
    )
    return s


def dev_payments_config_victim_louder():
    s = Scenario(
        "payments-fraud-timeout-config",
        holdout=False,
        seed=1105,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "checkout",
            "payments",
            "fraud-api",
            "payments-db",
            "orders-db",
            "inventory",
            "stripe",
        ],
        onset="2024-07-09T16:48:00Z",
        now_after=8,
        step=15,
        hours=2,
        description="Checkout 5xx ratio rose to about 14% from 16:48 UTC; payment authorisation fails for a share of "
        "orders while card payments otherwise look normal.",
        cause="config_change",
        culprit="payments",
        runbook="revert-config-change",
        distractor=(
            "victim louder than culprit (alert on checkout at ~14%, payments at ~4%); payments logs name fraud-api, "
            "whose own signals stay normal"
        ),
    )
    s.routine(7)
    s.change(
        "payments",
        "config",
        -1.5,
        dur=0.2,
        version="rev 412",
        prev="rev 411",
        author="dev.patel",
        description="payments-config: fraud_api.timeout_ms 2000 -> 250 (fail fast on slow scoring, PAY-2291)",
    )
    s.once(
        "payments",
        -1.3,
        I,
        "configuration refreshed: fraud_api.timeout_ms=250 fraud_api.fail_mode=closed (source=ConfigMap "
        "shop/payments-config rev 412)",
    )
    s.hit("payments", 0.0, err=0.045, ramp=1.0)
    s.fx("fraud-api", "request_rate", "mul", 1.15, 0.0, 1.0)
    s.hit("checkout", 0.25, err=0.14, lat=1.3, ramp=1.5)
    s.hit("api-gateway", 0.5, err=0.012, ramp=1.5)
    s.stream(
        "payments",
        0.0,
        20,
        [
            (
                3,
                W,
                "fraud check for payment «hex:8» aborted after 250ms: deadline exceeded calling fraud-api "
                "(10.2.14.7:8443); failing closed",
                {"destination.address": "10.2.14.7", **TRACE},
            ),
            (
                2,
                E,
                "payment «hex:8» declined: risk score unavailable (fraud-api timeout after 250ms)",
                {"error.type": "FraudCheckTimeout", "http.response.status_code": 502, **TRACE},
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "checkout",
        0.25,
        14,
        [
            (
                1,
                E,
                "payment authorisation failed for order «uuid»: payments returned 502 Bad Gateway",
                {"http.response.status_code": 502, "url.path": "/api/v1/checkout/«uuid»/confirm", **TRACE},
            ),
        ],
        ramp=1.5,
    )
    s.alert(
        "HighErrorRate",
        "checkout",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("checkout", "error_ratio", "pct"),
    )
    return s


def dev_recommendations_flag_two_incidents():
    s = Scenario(
        "recommendations-ranker-flag",
        holdout=False,
        seed=1106,
        topo=STREAM,
        services=[
            "edge-proxy",
            "web-bff",
            "recommendations",
            "feature-store",
            "model-server",
            "playback-api",
            "media-transcoder",
            "kafka",
            "s3",
            "user-service",
        ],
        onset="2024-09-27T20:11:00Z",
        now_after=10,
        step=60,
        hours=3,
        description="Recommendations p99 latency climbed past 1 s at about 20:11 UTC and home rows render empty for "
        "some viewers.",
        cause="config_change",
        culprit="recommendations",
        runbook="revert-config-change",
        distractor=(
            "two unrelated incidents: media-transcoder has its own deploy and error/backlog rise in the same window; "
            "model-server traffic rises as a side effect"
        ),
    )
    s.routine(6)
    s.change(
        "recommendations",
        "flag",
        -2.5,
        dur=0,
        version="50%",
        prev="0%",
        author="a.kim",
        description="LaunchDarkly: recs.ranker_v2 rollout 0% -> 50% on home rows",
    )
    s.once("recommendations", -2.45, I, "flag update received: recs.ranker_v2 rollout=50% (stream event «hex:12»)")
    s.hit("recommendations", -2.0, lat=6.0, cpu=0.93, sat=0.95, ramp=3.0)
    s.hit("recommendations", -1.0, err=0.07, ramp=3.0)
    s.hit("model-server", -2.0, rr=1.8, lat=1.6, cpu=0.72, ramp=3.0)
    s.hit("web-bff", -1.0, lat=1.8, ramp=3.0)
    s.hit("web-bff", 0.0, err=0.025, ramp=2.0)
    s.hit("edge-proxy", 0.0, err=0.008, ramp=2.0)
    # unrelated second incident: transcoder release breaks one codec, backlog grows
    s.change(
        "media-transcoder",
        "deploy",
        -12.0,
        dur=3.0,
        version="v0.9.14",
        prev="v0.9.13",
        author="l.meyer",
        description="Transcoder: switch to static ffmpeg 6.1 build",
    )
    s.hit("media-transcoder", -8.0, err=0.11, ramp=4.0)
    s.fx("media-transcoder", "saturation", "to", 0.8, -8.0, 16.0, curve="lin")
    s.stream(
        "media-transcoder",
        -8.0,
        4,
        [
            (
                1,
                E,
                "ffmpeg exited with status 1 for asset «uuid»: Unknown encoder 'libfdk_aac'",
                {"error.type": "TranscodeError"},
            ),
        ],
        ramp=3.0,
    )
    s.stream(
        "recommendations",
        -2.0,
        12,
        [
            (
                2,
                W,
                "ranker_v2 scoring took «int:900:2600»ms for row home/«choice:top-picks|trending|continue-watching» "
                "(candidates=«int:800:1500»)",
                None,
            ),
            (
                2,
                E,
                "row assembly timed out after 2000ms (ranker=v2, user «uuid»)",
                {"error.type": "TimeoutError", "http.response.status_code": 504, **TRACE},
            ),
        ],
        ramp=3.0,
    )
    s.stream(
        "web-bff",
        -1.0,
        4,
        [
            (1, W, "home rows partially empty: recommendations responded 504 after «int:2000:2100»ms", None),
        ],
        ramp=3.0,
    )
    s.alert(
        "HighLatencyP99",
        "recommendations",
        "warning",
        3.0,
        "p99 latency above 1s on {svc}",
        "{svc} p99 latency is {value} (threshold 1s) for more than 5 minutes.",
        value=("recommendations", "latency_p99_seconds", "s"),
    )
    return s


def dev_inventory_pool_exhaustion():
    s = Scenario(
        "inventory-connection-leak",
        holdout=False,
        seed=1107,
        topo=SHOP,
        services=[
            "api-gateway",
            "checkout",
            "inventory",
            "orders-db",
            "payments",
            "payments-db",
            "cart",
            "redis-cache",
            "stripe",
        ],
        onset="2024-08-14T08:31:00Z",
        now_after=9,
        step=15,
        hours=2,
        description="Checkout error rate crossed 20% at 08:31 UTC with requests hanging for ~10 s before failing; "
        "stock reservation appears to be involved.",
        cause="resource_saturation",
        culprit="inventory",
        runbook="connection-pool-exhaustion",
        distractor="noisy baseline (high variance, spikes) in the culprit's own signals; alert on the caller",
        defaults_signals=True,
    )
    s.noise["inventory"] = 3.0
    s.routine(7, infra=1)
    s.fx("inventory", "saturation", "to", 1.0, -26.0, 24.0, curve="accel")
    s.fx("orders-db", "saturation", "to", 0.55, -26.0, 24.0, curve="accel")
    s.fx("inventory", "latency_p99_seconds", "to", 9.6, -2.0, 3.0)
    s.fx("inventory", "error_ratio", "to", 0.27, 0.0, 2.0)
    s.fx("checkout", "latency_p99_seconds", "to", 9.9, -1.75, 3.0)
    s.fx("checkout", "error_ratio", "to", 0.21, 0.25, 2.0)
    s.hit("api-gateway", 0.5, err=0.02, lat=2.0, ramp=2.0)
    s.stream(
        "inventory",
        -22.0,
        2.5,
        [
            (
                1,
                W,
                "Connection leak detection triggered for org.postgresql.jdbc.PgConnection@«hex:8» on thread "
                "http-nio-8080-exec-«int:1:200», stack trace follows",
                {"error.type": "java.lang.Exception"},
            ),
        ],
        ramp=10.0,
    )
    s.stream(
        "inventory",
        -9.0,
        2,
        [
            (
                1,
                W,
                "HikariPool-1 - Pool stats (total=50, active=«int:44:50», idle=«int:0:3», waiting=«int:5:80»)",
                None,
            ),
        ],
        ramp=3.0,
    )
    s.stream(
        "inventory",
        0.0,
        22,
        [
            (
                3,
                E,
                "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                {"error.type": "java.sql.SQLTransientConnectionException", **TRACE},
            ),
            (
                1,
                E,
                "Failed to reserve stock for order «uuid»: Could not open JPA EntityManager for transaction",
                {
                    "error.type": "org.springframework.transaction.CannotCreateTransactionException",
                    "http.response.status_code": 503,
                    **TRACE,
                },
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "orders-db",
        -20.0,
        1,
        [
            (
                1,
                I,
                'connection authorized: user=inventory database=app application_name=HikariPool-1 (state "idle in '
                'transaction")',
                None,
            ),
        ],
    )
    s.stream(
        "checkout",
        0.25,
        14,
        [
            (
                1,
                E,
                "inventory reservation failed for order «uuid»: 503 Service Unavailable from inventory after "
                "«int:9800:10050»ms",
                {"http.response.status_code": 503, **TRACE},
            ),
        ],
        ramp=2.0,
    )
    s.alert(
        "HighErrorRate",
        "checkout",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("checkout", "error_ratio", "pct"),
    )
    return s


def dev_playback_memory_leak_no_logs():
    s = Scenario(
        "playback-memory-leak-no-logs",
        holdout=False,
        seed=1108,
        topo=STREAM,
        services=[
            "edge-proxy",
            "web-bff",
            "playback-api",
            "media-metadata-db",
            "s3",
            "user-service",
            "users-db",
            "search-api",
            "search-index",
        ],
        onset="2024-10-02T22:04:00Z",
        now_after=8,
        step=60,
        hours=3,
        description="Playback starts failing for a few percent of viewers since about 22:04 UTC and playback-api pods "
        "are restarting. Log shipping for the cluster was down during this incident.",
        cause="resource_saturation",
        culprit="playback-api",
        runbook="memory-pressure-oom",
        distractor="missing data source: no logs.jsonl (logs omitted from scenario.yaml)",
    )
    s.omit_logs = True
    s.routine(7)
    s.fx("playback-api", "memory_utilisation", "to", 0.965, -72.0, 68.0, curve="lin", end=-3.0, recover=1.0)
    s.fx("playback-api", "memory_utilisation", "to", 0.86, -3.0, 1.0)
    s.fx("playback-api", "cpu_utilisation", "to", 0.85, -20.0, 17.0, curve="accel")
    s.fx("playback-api", "latency_p99_seconds", "mul", 3.2, -15.0, 14.0, curve="accel")
    s.fx("playback-api", "error_ratio", "to", 0.085, -1.0, 2.0)
    s.hit("web-bff", 0.0, err=0.03, ramp=2.0)
    s.hit("edge-proxy", 0.0, err=0.011, ramp=2.0)
    s.group_by = ["namespace"]
    s.alert(
        "HighErrorRate",
        "web-bff",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 2% for tier 1).",
        value=("web-bff", "error_ratio", "pct"),
    )
    s.alert(
        "KubePodCrashLooping",
        "playback-api",
        "warning",
        5.0,
        "Pod is crash looping",
        "Pods of {ns}/playback-api restarted more than 3 times in the last 10 minutes.",
    )
    return s


def dev_ledger_db_disk_full():
    s = Scenario(
        "ledger-db-disk-full",
        holdout=False,
        seed=1109,
        topo=FIN,
        services=[
            "mobile-bff",
            "transfers-api",
            "ledger-service",
            "ledger-db",
            "accounts-api",
            "accounts-db",
            "fx-rates",
            "kafka",
            "openexchangerates",
        ],
        onset="2024-11-19T03:52:00Z",
        now_after=9,
        step=30,
        hours=3,
        description="Transfers started failing at 03:52 UTC (about a third of requests return 500); balance reads "
        "mostly still work.",
        cause="resource_saturation",
        culprit="ledger-db",
        distractor=(
            "victim louder than culprit: alert on transfers-api (~33%), ledger-db has no error signal and "
            "ledger-service moves ~6%"
        ),
    )
    s.routine(7)
    s.fx("ledger-db", "saturation", "to", 0.997, -42.0, 41.0, curve="lin")
    s.hit("ledger-db", -1.0, lat=4.0, ramp=1.5)
    s.hit("ledger-service", 0.0, err=0.065, lat=1.4, ramp=1.0)
    s.hit("transfers-api", 0.5, err=0.33, ramp=1.5)
    s.hit("accounts-api", 0.5, err=0.02, ramp=1.5)
    s.hit("mobile-bff", 1.0, err=0.04, ramp=1.5)
    s.stream(
        "ledger-db",
        -40.0,
        0.4,
        [
            (1, W, 'replication slot "analytics_cdc" is inactive; retaining «int:38:95» GB of WAL', None),
        ],
    )
    s.stream(
        "ledger-db",
        -30.0,
        1,
        [
            (1, W, "checkpoints are occurring too frequently («int:8:25» seconds apart)", None),
        ],
    )
    s.stream(
        "ledger-db",
        0.0,
        8,
        [
            (
                3,
                E,
                'could not extend file "base/16384/«int:24000:26000».«int:1:9»": No space left on device',
                {"error.type": "53100"},
            ),
            (
                1,
                E,
                'could not write to file "pg_wal/xlogtemp.«int:100:999»": No space left on device',
                {"error.type": "53100"},
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "ledger-service",
        0.0,
        10,
        [
            (
                1,
                E,
                "INSERT INTO ledger_entries failed: ERROR: could not extend file: No space left on device (SQLSTATE "
                "53100) "
                "[ledger-db-primary.ledgerly-prod.svc:5432]",
                {"error.type": "org.postgresql.util.PSQLException", **TRACE},
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "transfers-api",
        0.5,
        16,
        [
            (
                1,
                E,
                "transfer «uuid» failed: ledger-service POST /ledger/entries returned 500 Internal Server Error",
                {"http.response.status_code": 500, "url.path": "/v2/transfers", **TRACE},
            ),
        ],
        ramp=1.5,
    )
    s.alert(
        "HighErrorRate",
        "transfers-api",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("transfers-api", "error_ratio", "pct"),
    )
    return s


def dev_catalog_scraper_surge():
    s = Scenario(
        "catalog-api-scraper-surge",
        holdout=False,
        seed=1110,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "catalog-api",
            "catalog-db",
            "redis-cache",
            "cart",
            "checkout",
            "payments",
            "stripe",
        ],
        onset="2024-05-30T02:14:00Z",
        now_after=9,
        step=30,
        hours=2.5,
        description="Overnight at 02:14 UTC product pages became slow and the API gateway started returning 5xx; "
        "three alerts from different teams arrived in the same notification.",
        cause="traffic_surge",
        culprit="catalog-api",
        runbook="traffic-surge-autoscaling",
        distractor="multiple alerts from several services in one webhook body; gateway traffic rises too",
    )
    s.routine(7)
    s.fx("catalog-api", "request_rate", "mul", 4.5, -2.0, 1.5)
    s.fx("api-gateway", "request_rate", "mul", 2.1, -2.0, 1.5)
    s.fx("redis-cache", "request_rate", "mul", 1.8, -2.0, 1.5)
    s.hit("catalog-api", -2.0, cpu=0.94, ramp=2.0)
    s.hit("catalog-api", -1.5, sat=0.99, ramp=2.5)
    s.hit("catalog-api", -0.5, lat=12.0, ramp=2.0)
    s.hit("catalog-api", 0.0, err=0.09, ramp=2.0)
    s.hit("catalog-db", -1.5, cpu=0.78, lat=3.0, ramp=2.0)
    s.hit("api-gateway", 0.5, err=0.075, lat=2.5, ramp=2.0)
    s.hit("web-frontend", 0.5, err=0.022, lat=2.6, ramp=2.0)
    s.stream(
        "catalog-api",
        -2.0,
        22,
        [
            (
                4,
                W,
                "rate limiter: client «ip:185.220» exceeded 50 req/s on /api/v1/products (ua=python-requests/2.31.0)",
                {"source.address": "«ip:185.220»"},
            ),
            (
                2,
                E,
                "RejectedExecutionException: Task rejected from java.util.concurrent.ThreadPoolExecutor@«hex:8»"
                "[Running, pool size = 200, active threads = 200, queued tasks = 1000]",
                {"error.type": "java.util.concurrent.RejectedExecutionException", "http.response.status_code": 503},
            ),
        ],
        ramp=1.5,
    )
    s.stream(
        "api-gateway",
        0.0,
        10,
        [
            (
                1,
                E,
                "upstream catalog-api returned 503 for GET /api/v1/products?page=«int:1:900»",
                {"http.response.status_code": 503, "url.path": "/api/v1/products", **TRACE},
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "web-frontend",
        0.5,
        5,
        [
            (
                1,
                E,
                "failed to load product «int:10000:99999»: 502 from api-gateway after «int:2000:6000»ms",
                {"http.response.status_code": 502},
            ),
        ],
        ramp=2.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "HighLatencyP99",
        "catalog-api",
        "warning",
        3.0,
        "p99 latency above 1s on {svc}",
        "{svc} p99 latency is {value} (threshold 1s) for more than 5 minutes.",
        value=("catalog-api", "latency_p99_seconds", "s"),
    )
    s.alert(
        "HighErrorRate",
        "api-gateway",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("api-gateway", "error_ratio", "pct"),
    )
    s.alert(
        "HighLatencyP99",
        "web-frontend",
        "warning",
        5.0,
        "p99 latency above 1s on {svc}",
        "{svc} p99 latency is {value} (threshold 1s) for more than 5 minutes.",
        value=("web-frontend", "latency_p99_seconds", "s"),
    )
    return s


def dev_driver_location_retry_storm():
    s = Scenario(
        "driver-location-retry-storm",
        holdout=False,
        seed=1111,
        topo=LOGI,
        services=[
            "courier-app-api",
            "dispatch-api",
            "driver-location",
            "eta-service",
            "routing-engine",
            "geo-redis",
            "kafka",
            "tracking-db",
            "mapbox",
        ],
        onset="2024-06-21T17:26:00Z",
        now_after=8,
        step=15,
        hours=2,
        description="ETA latency alert at 17:29 UTC followed by errors on location ingestion; courier positions on "
        "the dispatch map lag behind.",
        cause="traffic_surge",
        culprit="driver-location",
        runbook="traffic-surge-autoscaling",
        distractor=(
            "innocent deploy of eta-service (an alerting victim) about a minute before the surge; noisy culprit "
            "baseline"
        ),
    )
    s.noise["driver-location"] = 2.2
    s.routine(6)
    s.change(
        "eta-service",
        "deploy",
        -4.0,
        dur=3.5,
        version="9c1e4fa",
        prev="77d02b3",
        author="yuki.sato",
        description="ETA: blend live traffic weights from routing-engine (ETA-311)",
    )
    s.rollout("eta-service", -3.8, 3.2, "eta-service 9c1e4fa started, model weights v14 loaded")
    s.fx("driver-location", "request_rate", "mul", 3.2, -3.0, 2.5)
    s.hit("driver-location", -2.5, cpu=0.9, ramp=2.5)
    s.hit("driver-location", -2.0, sat=0.97, ramp=3.0)
    s.hit("driver-location", -1.0, lat=14.0, ramp=2.0)
    s.hit("driver-location", 0.0, err=0.075, ramp=2.0)
    s.fx("geo-redis", "request_rate", "mul", 2.0, -3.0, 2.5)
    s.hit("geo-redis", -2.5, cpu=0.78, ramp=2.5)
    s.hit("geo-redis", -1.5, lat=2.2, ramp=2.0)
    s.fx("kafka", "request_rate", "mul", 2.0, -3.0, 2.5)
    s.hit("kafka", -2.5, sat=0.45, ramp=4.0)
    s.hit("eta-service", -1.0, lat=3.0, ramp=2.0)
    s.hit("eta-service", -0.5, err=0.015, ramp=2.0)
    s.stream(
        "driver-location",
        -3.0,
        30,
        [
            (
                5,
                W,
                "duplicate location update from courier «int:10000:99999» (seq «int:1000:99999» already applied)",
                None,
            ),
            (
                2,
                W,
                "client courier-android/7.12.0 retrying without backoff (retry_count=«int:3:9», courier "
                "«int:10000:99999»)",
                None,
            ),
            (
                2,
                E,
                "publish to kafka topic courier-locations failed: context deadline exceeded (partition «int:0:23»)",
                {"error.type": "kafka.Error", **TRACE},
            ),
            (1, E, "http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 5ms", None),
        ],
        ramp=2.5,
    )
    s.stream(
        "eta-service",
        -1.0,
        6,
        [
            (1, W, "geo-redis GEORADIUS couriers:eu-west took «int:180:600»ms", None),
        ],
        ramp=2.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "HighLatencyP99",
        "eta-service",
        "warning",
        3.5,
        "p99 latency above 400ms on {svc}",
        "{svc} p99 latency is {value} for more than 3 minutes.",
        value=("eta-service", "latency_p99_seconds", "s"),
    )
    s.alert(
        "HighErrorRate",
        "driver-location",
        "critical",
        5.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("driver-location", "error_ratio", "pct"),
    )
    return s


def dev_notifications_campaign_surge():
    s = Scenario(
        "notifications-campaign-surge",
        holdout=False,
        seed=1112,
        topo=FIN,
        services=[
            "mobile-bff",
            "accounts-api",
            "kyc-service",
            "onfido",
            "accounts-db",
            "notification-worker",
            "kafka",
            "twilio",
            "sendgrid",
            "ledger-service",
            "ledger-db",
        ],
        onset="2024-12-02T10:00:00Z",
        now_after=10,
        step=60,
        hours=3,
        description="Notification backlog has been growing since 10:00 UTC; push and e-mail notifications arrive "
        "many minutes late.",
        cause="traffic_surge",
        culprit="notification-worker",
        runbook="traffic-surge-autoscaling",
        distractor="two unrelated incidents: kyc-service has its own deploy and error spike in the same window",
    )
    s.routine(7, infra=1)
    s.fx("notification-worker", "request_rate", "mul", 2.3, -2.0, 1.0)
    s.fx("kafka", "request_rate", "mul", 1.5, -2.0, 1.0)
    s.hit("notification-worker", -2.0, cpu=0.96, ramp=2.0)
    s.fx("notification-worker", "saturation", "to", 0.97, -2.0, 10.0, curve="decel")
    s.hit("kafka", -2.0, sat=0.42, ramp=10.0)
    s.hit("notification-worker", -1.0, lat=3.0, ramp=3.0)
    s.hit("notification-worker", 0.0, err=0.05, ramp=2.0)
    s.stream(
        "notification-worker",
        -2.0,
        12,
        [
            (
                2,
                I,
                "received campaign batch «hex:10» with «int:5000:20000» messages (campaign=cyber-monday-2024, "
                "channel=«choice:push|email»)",
                None,
            ),
            (2, W, "consumer lag on topic notifications.outbound is «int:40000:400000» messages", None),
            (
                1,
                E,
                "send deadline exceeded for message «uuid»; requeued (attempt «int:2:5»)",
                {"error.type": "DeadlineExceeded"},
            ),
        ],
        ramp=1.0,
    )
    # unrelated: kyc-service release breaks report parsing
    s.change(
        "kyc-service",
        "deploy",
        -9.0,
        dur=3.0,
        version="4.2.0",
        prev="4.1.3",
        author="k.osei",
        description="KYC: migrate to Onfido SDK v3 report format",
    )
    s.hit("kyc-service", -6.0, err=0.07, ramp=3.0)
    s.stream(
        "kyc-service",
        -6.0,
        3,
        [
            (
                1,
                E,
                "failed to parse Onfido report «uuid»: unknown breakdown key 'document_numbers'",
                {"error.type": "ReportParseError"},
            ),
        ],
        ramp=3.0,
    )
    s.alert(
        "QueueBacklogGrowing",
        "notification-worker",
        "warning",
        5.0,
        "Consumer backlog growing for {svc}",
        "Consumer group {svc} lag is above 50k messages and still increasing.",
    )
    return s


def dev_redis_cache_outage():
    s = Scenario(
        "redis-cache-outage",
        holdout=False,
        seed=1113,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "cart",
            "catalog-api",
            "catalog-db",
            "redis-cache",
            "checkout",
            "payments",
            "stripe",
        ],
        onset="2024-02-27T15:33:00Z",
        now_after=8,
        step=15,
        hours=2,
        description="Cart requests fail for about 40% of users since 15:33 UTC; product pages are slower than usual.",
        cause="dependency_outage",
        culprit="redis-cache",
        runbook="dependency-outage",
        distractor="innocent deploy on the caller (cart, the alerting service) 6 minutes before its dependency fails",
    )
    s.routine(6)
    s.change(
        "cart",
        "deploy",
        -6.0,
        dur=3.0,
        version="1.33.0",
        prev="1.32.4",
        author="sara.okafor",
        description="Cart: show saved-for-later items under the basket",
    )
    s.rollout("cart", -5.8, 2.8, "cart 1.33.0 started (pid 1), redis=redis-cache.shop.svc:6379 pool=64")
    s.fx("redis-cache", "request_rate", "mul", 0.0, 0.0, 0.25)
    s.fx("redis-cache", "cpu_utilisation", "to", 0.01, 0.0, 0.25)
    s.fx("redis-cache", "memory_utilisation", "to", 0.03, 0.0, 0.5)
    s.silence("redis-cache", 0.0)
    s.hit("cart", 0.25, err=0.41, lat=1.2, ramp=0.75)
    s.hit("catalog-api", 0.25, err=0.06, lat=3.2, ramp=0.75)
    s.hit("catalog-db", 0.25, cpu=0.7, lat=2.5, ramp=1.0)
    s.hit("api-gateway", 0.5, err=0.09, ramp=1.0)
    s.hit("web-frontend", 0.75, err=0.04, ramp=1.0)
    s.stream(
        "cart",
        0.25,
        30,
        [
            (
                3,
                E,
                "dial tcp 10.0.3.12:6379: connect: connection refused",
                {"error.type": "net.OpError", "destination.address": "10.0.3.12"},
            ),
            (
                1,
                E,
                "failed to load cart «hex:16» from redis-cache: connection refused",
                {"http.response.status_code": 500, **TRACE},
            ),
        ],
        ramp=0.5,
    )
    s.stream(
        "catalog-api",
        0.25,
        14,
        [
            (
                1,
                W,
                "redis-cache unavailable (dial tcp 10.0.3.12:6379: connect: connection refused), serving product "
                "«int:10000:99999» from catalog-db",
                {"destination.address": "10.0.3.12"},
            ),
        ],
        ramp=0.5,
    )
    s.stream(
        "api-gateway",
        0.5,
        8,
        [
            (
                1,
                E,
                "upstream cart responded 500 for «method» /api/v1/cart in «int:2:30»ms",
                {"http.response.status_code": 500, **TRACE},
            ),
        ],
        ramp=1.0,
    )
    s.alert(
        "HighErrorRate",
        "cart",
        "critical",
        3.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("cart", "error_ratio", "pct"),
    )
    return s


def dev_users_db_outage_no_signals():
    s = Scenario(
        "users-db-outage-no-metrics",
        holdout=False,
        seed=1114,
        topo=STREAM,
        services=[
            "edge-proxy",
            "web-bff",
            "user-service",
            "users-db",
            "auth0",
            "search-api",
            "search-index",
            "playback-api",
            "media-metadata-db",
        ],
        onset="2024-04-03T06:51:00Z",
        now_after=9,
        step=30,
        hours=2.5,
        description="Sign-in and profile pages fail since 06:51 UTC; user-service returns errors for most requests "
        "and the web availability SLO is burning.",
        cause="dependency_outage",
        culprit="users-db",
        runbook="dependency-outage",
        distractor="missing data source: the culprit (users-db) has no series in signals.json; multiple alerts",
    )
    s.omit_signals.add("users-db")
    s.routine(6)
    s.hit("users-db", 0.0, cpu=0.01, ramp=0.5)
    s.fx("users-db", "latency_p99_seconds", "mul", 50.0, 0.0, 0.5)
    s.silence("users-db", 0.0)
    s.hit("user-service", 0.0, err=0.62, lat=12.0, ramp=1.0)
    s.hit("web-bff", 0.5, err=0.23, lat=2.0, ramp=1.0)
    s.hit("edge-proxy", 1.0, err=0.1, ramp=1.0)
    s.stream(
        "user-service",
        0.0,
        26,
        [
            (
                2,
                E,
                "failed to connect to `host=users-db-primary.media.svc user=users database=users`: dial error "
                "(dial tcp 10.8.2.41:5432: connect: connection refused)",
                {"error.type": "pgconn.ConnectError", "destination.address": "10.8.2.41"},
            ),
            (
                1,
                E,
                "GET /v1/users/«uuid» failed: acquire conn: context deadline exceeded after 5s",
                {"http.response.status_code": 503, "url.path": "/v1/users/«uuid»", **TRACE},
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "web-bff",
        0.5,
        10,
        [
            (1, E, "user-service /v1/sessions returned 503 (trace «hex:32»)", {"http.response.status_code": 502}),
        ],
        ramp=1.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "HighErrorRate",
        "user-service",
        "critical",
        3.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("user-service", "error_ratio", "pct"),
    )
    s.alert(
        "SLOBurnRateHigh",
        "web-bff",
        "critical",
        4.0,
        "{svc} availability SLO burning 14x faster than allowed",
        "Error budget of {svc} (99.9% over 30d) is burning fast: current 5m error ratio {value}.",
        value=("web-bff", "error_ratio", "pct"),
    )
    return s


def dev_fraud_api_degradation():
    s = Scenario(
        "fraud-api-degradation",
        holdout=False,
        seed=1115,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "checkout",
            "payments",
            "fraud-api",
            "payments-db",
            "orders-db",
            "inventory",
            "stripe",
        ],
        onset="2024-10-22T13:05:00Z",
        now_after=9,
        step=60,
        hours=3,
        description="Payments and checkout error rates rose from 13:05 UTC and payment latency is near 5 s; an "
        "earlier database-connection alert from the lunchtime batch had already resolved.",
        cause="dependency_outage",
        culprit="fraud-api",
        runbook="dependency-outage",
        distractor="resolved alert (payments-db connections) among the firing ones; earlier payments-db anomaly",
    )
    s.routine(7)
    s.fx("fraud-api", "error_ratio", "to", 0.36, 0.0, 2.0)
    s.fx("fraud-api", "latency_p99_seconds", "to", 5.0, 0.0, 2.0)
    s.hit("payments", 1.0, err=0.15, lat=5.5, ramp=2.0)
    s.hit("checkout", 1.0, err=0.1, lat=2.5, ramp=2.0)
    s.hit("api-gateway", 1.0, err=0.009, ramp=2.0)
    # earlier, resolved: lunchtime settlement batch filled the payments-db connection pool
    s.fx("payments-db", "saturation", "to", 0.93, -72.0, 3.0, end=-56.0, recover=3.0)
    s.hit("payments-db", -72.0, cpu=0.6, ramp=3.0, end=-56.0, recover=3.0)
    s.stream(
        "payments-db",
        -70.0,
        2,
        [
            (
                1,
                W,
                "remaining connection slots are reserved for non-replication superuser connections",
                {"error.type": "53300"},
            ),
        ],
        end=-57.0,
    )
    s.stream(
        "fraud-api",
        0.0,
        10,
        [
            (
                2,
                E,
                "ScoringException: score unavailable for txn «hex:10» (model=gbm-v41)",
                {"error.type": "ScoringException", "http.response.status_code": 500},
            ),
            (1, W, "request «hex:12» took «int:4000:5200»ms", None),
        ],
        ramp=2.0,
    )
    s.stream(
        "payments",
        1.0,
        14,
        [
            (
                1,
                E,
                "payment «hex:8» failed: upstream timeout after 5000ms calling fraud-api (10.2.14.7:8443)",
                {"error.type": "UpstreamTimeout", "destination.address": "10.2.14.7", **TRACE},
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "checkout",
        1.0,
        6,
        [
            (
                1,
                E,
                "payment step failed for order «uuid»: payments responded 503",
                {"http.response.status_code": 503, **TRACE},
            ),
        ],
        ramp=2.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "PostgresConnectionsSaturated",
        "payments-db",
        "warning",
        -68.0,
        "{svc} connection usage above 90%",
        "{svc} uses more than 90% of max_connections.",
        value=("payments-db", "saturation", "pct0"),
        status="resolved",
        end=-54.0,
    )
    s.alert(
        "HighErrorRate",
        "payments",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("payments", "error_ratio", "pct"),
    )
    s.alert(
        "HighErrorRate",
        "checkout",
        "critical",
        5.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("checkout", "error_ratio", "pct"),
    )
    return s


def dev_orders_db_node_drain():
    s = Scenario(
        "orders-db-node-drain",
        holdout=False,
        seed=1116,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "checkout",
            "inventory",
            "orders-db",
            "payments",
            "payments-db",
            "cart",
            "redis-cache",
            "stripe",
        ],
        onset="2024-03-26T05:40:00Z",
        now_after=10,
        step=30,
        hours=3,
        description="Inventory and checkout started failing at 05:40 UTC during the maintenance window; errors peaked "
        "at over 50% and are only partly recovering.",
        cause="infrastructure",
        culprit="orders-db",
        runbook="node-not-ready",
        distractor="innocent deploy of inventory (a caller) 14 minutes before; alerts on two callers",
    )
    db_node = next(n for n in s.nodes if "pool-db-2" in n)
    s.place("orders-db", 0, db_node)
    s.routine(7)
    s.change(
        "inventory",
        "deploy",
        -14.0,
        dur=4.0,
        version="2.8.0",
        prev="2.7.5",
        author="chen.wei",
        description="Inventory: batch reservation endpoint (FUL-402)",
    )
    s.rollout("inventory", -13.8, 3.8, "Started InventoryApplication in «float:9:13:2» seconds (version 2.8.0)")
    s.change(
        "orders-db",
        "infra",
        -5.0,
        dur=4.5,
        version="",
        prev="",
        author="gke-maintenance",
        description=f"GKE node pool upgrade pool-db-2 1.27.11 -> 1.28.7: cordon and drain {db_node} "
        "(evicts orders-db-0, current primary)",
    )
    s.once("orders-db", -0.6, I, "received fast shutdown request", pod="orders-db-0")
    s.once("orders-db", -0.5, I, "aborting any active transactions", pod="orders-db-0")
    s.once("orders-db", -0.2, I, "database system is shut down", pod="orders-db-0")
    s.silence("orders-db", -0.1, pods=["orders-db-0"])
    s.once("orders-db", 3.6, I, "received promote request", pod="orders-db-1")
    s.once("orders-db", 3.7, I, "selected new timeline ID: 7", pod="orders-db-1")
    s.once("orders-db", 3.9, I, "database system is ready to accept connections", pod="orders-db-1")
    s.stream(
        "orders-db",
        4.0,
        5,
        [
            (
                1,
                E,
                "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
                {"error.type": "53300"},
            ),
        ],
        pods=["orders-db-1"],
    )
    s.fx("orders-db", "cpu_utilisation", "to", 0.04, 0.0, 0.5, end=3.5, recover=1.0)
    s.fx("orders-db", "saturation", "to", 0.02, 0.0, 0.5, end=3.5, recover=0.5)
    s.fx("orders-db", "saturation", "to", 0.96, 4.0, 1.0)
    s.fx("orders-db", "latency_p99_seconds", "to", 2.8, 0.0, 0.5, end=4.0, recover=0.5)
    s.fx("orders-db", "latency_p99_seconds", "mul", 4.0, 4.0, 1.0)
    s.fx("inventory", "error_ratio", "to", 0.56, 0.5, 0.5)
    s.fx("inventory", "error_ratio", "to", 0.14, 5.0, 2.0)
    s.fx("checkout", "error_ratio", "to", 0.28, 0.5, 0.5)
    s.fx("checkout", "error_ratio", "to", 0.08, 5.0, 2.0)
    s.hit("inventory", 0.5, lat=3.0, ramp=0.5)
    s.hit("checkout", 0.5, lat=2.0, ramp=0.5)
    s.hit("api-gateway", 1.0, err=0.02, ramp=1.0)
    s.stream(
        "inventory",
        0.0,
        20,
        [
            (
                1,
                E,
                "org.postgresql.util.PSQLException: Connection to orders-db.shop.svc:5432 refused. Check that the "
                "hostname "
                "and port are correct and that the postmaster is accepting TCP/IP connections.",
                {"error.type": "org.postgresql.util.PSQLException", "destination.address": "orders-db.shop.svc"},
            ),
        ],
        end=4.0,
        ramp=0.3,
    )
    s.stream(
        "inventory",
        4.0,
        8,
        [
            (
                1,
                E,
                "PSQLException: FATAL: remaining connection slots are reserved for non-replication superuser "
                "connections",
                {"error.type": "org.postgresql.util.PSQLException"},
            ),
        ],
    )
    s.stream(
        "checkout",
        0.5,
        10,
        [
            (
                1,
                E,
                "order «uuid» could not be persisted: PSQLException: An I/O error occurred while sending to the "
                "backend "
                "(orders-db.shop.svc:5432)",
                {"error.type": "org.postgresql.util.PSQLException", **TRACE},
            ),
        ],
        ramp=0.5,
    )
    s.alert(
        "HighErrorRate",
        "inventory",
        "critical",
        3.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("inventory", "error_ratio", "pct"),
    )
    s.alert(
        "HighErrorRate",
        "checkout",
        "critical",
        4.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("checkout", "error_ratio", "pct"),
    )
    return s


def dev_tracking_db_storage_migration():
    s = Scenario(
        "tracking-db-storage-migration",
        holdout=False,
        seed=1117,
        topo=LOGI,
        services=[
            "courier-app-api",
            "dispatch-api",
            "eta-service",
            "routing-engine",
            "tracking-db",
            "geo-redis",
            "mapbox",
            "sms-notifier",
            "kafka",
            "twilio",
        ],
        onset="2024-07-30T10:12:00Z",
        now_after=9,
        step=60,
        hours=3,
        description="Dispatch API p99 latency rose above 2 s at 10:12 UTC; job assignment is slow and some "
        "courier app calls fail.",
        cause="infrastructure",
        culprit="tracking-db",
        distractor="none beyond routine changes; the only signal of the database is latency/saturation",
        defaults_signals=True,
    )
    s.routine(7, infra=1)
    s.change(
        "tracking-db",
        "infra",
        -9.0,
        dur=7.0,
        version="",
        prev="",
        author="terraform-cloud",
        description=(
            "Modify EBS volume vol-0c7e2a91d4b36f582 (tracking-db-0 data) gp2 -> gp3, 6000 IOPS (online modification)"
        ),
    )
    s.fx("tracking-db", "latency_p99_seconds", "to", 0.65, -1.0, 2.0)
    s.fx("tracking-db", "saturation", "to", 0.98, -1.5, 2.0)
    s.hit("tracking-db", -1.0, cpu=0.55, ramp=2.0)
    s.hit("dispatch-api", 0.0, lat=9.0, err=0.06, ramp=2.0)
    s.hit("courier-app-api", 1.0, lat=3.0, err=0.035, ramp=2.0)
    s.stream(
        "tracking-db",
        -1.0,
        3,
        [
            (
                1,
                W,
                "disk I/O latency high on /var/lib/postgresql/data: await=«int:180:900»ms util=«int:96:100»% (nvme1n1)",
                None,
            ),
            (
                1,
                W,
                "checkpoint complete: wrote «int:2000:9000» buffers; write=«int:80:200».«int:100:999» s, "
                "sync=«int:20:90».«int:100:999» s",
                None,
            ),
            (
                1,
                I,
                "process «int:1000:9999» still waiting for ShareLock on transaction «int:1000000:9999999» after "
                "1000.«int:100:999» ms",
                None,
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "dispatch-api",
        0.0,
        12,
        [
            (
                2,
                E,
                "INSERT INTO shipment_events timed out after 3000ms (tracking-db.delivery.svc:5432): canceling "
                "statement due to user request",
                {"error.type": "pq.Error", "destination.address": "tracking-db.delivery.svc", **TRACE},
            ),
            (1, W, "slow request method=POST path=/v1/jobs/«uuid»/assign duration_ms=«int:2500:6000»", None),
        ],
        ramp=2.0,
    )
    s.alert(
        "HighLatencyP99",
        "dispatch-api",
        "warning",
        4.0,
        "p99 latency above 1s on {svc}",
        "{svc} p99 latency is {value} (threshold 1s) for more than 5 minutes.",
        value=("dispatch-api", "latency_p99_seconds", "s"),
    )
    return s


def dev_eta_node_notready():
    s = Scenario(
        "eta-service-node-notready",
        holdout=False,
        seed=1118,
        topo=LOGI,
        services=[
            "courier-app-api",
            "dispatch-api",
            "eta-service",
            "routing-engine",
            "geo-redis",
            "tracking-db",
            "mapbox",
            "driver-location",
            "kafka",
        ],
        onset="2024-09-10T14:47:00Z",
        now_after=9,
        step=30,
        hours=2.5,
        description="Dispatch API errors rose above 10% at 14:47 UTC and several eta-service pods are not ready.",
        cause="infrastructure",
        culprit="eta-service",
        runbook="node-not-ready",
        distractor="no change event at all: the node failure is visible only in logs; multiple alerts",
    )
    bad = s.nodes[3]
    for svc in s.pods:
        for i, (_pod, node) in enumerate(s.pods[svc]):
            if node == bad:
                s.place(svc, i, s.nodes[4])
    for i in range(3):
        s.place("eta-service", i, bad)
    dead = [s.pod_on("eta-service", i) for i in range(3)]
    s.routine(7)
    s.silence("eta-service", 0.0, pods=dead)
    s.hit("eta-service", 0.0, err=0.31, lat=15.0, rr=0.75, cpu=0.8, ramp=1.5)
    s.hit("dispatch-api", 0.5, err=0.13, lat=4.0, ramp=1.5)
    s.hit("courier-app-api", 1.0, err=0.05, ramp=1.5)
    s.once(
        "eta-service",
        0.2,
        W,
        f"Node {bad} status is now: NodeNotReady",
        {"host.name": bad, "event.dataset": "kubernetes.event"},
    )
    alive = [s.pod_on("eta-service", i) for i in range(3, 5)]
    s.stream(
        "eta-service",
        0.3,
        6,
        [
            (
                1,
                W,
                'Readiness probe failed: Get "http://10.1.«int:4:4».«int:2:250»:8080/healthz": context deadline '
                "exceeded "
                "(Client.Timeout exceeded while awaiting headers)",
                {"host.name": bad, "event.dataset": "kubernetes.event"},
            ),
        ],
        ramp=0.5,
        pods=alive,
    )
    for i, pod in enumerate(dead):
        s.once(
            "eta-service",
            5.0 + i * 0.1,
            W,
            f"Marking pod {pod} for deletion: node {bad} unreachable (taint node.kubernetes.io/unreachable:NoExecute)",
            {"host.name": bad, "event.dataset": "kubernetes.event"},
        )
    s.stream(
        "dispatch-api",
        0.5,
        14,
        [
            (
                2,
                E,
                "eta-service POST /v1/eta/batch failed: dial tcp 10.1.4.«int:2:250»:8080: i/o timeout",
                {"error.type": "net.OpError", "destination.address": "eta-service.delivery.svc", **TRACE},
            ),
            (1, W, "falling back to straight-line ETA for job «uuid»", None),
        ],
        ramp=1.5,
    )
    s.group_by = ["namespace"]
    s.alert(
        "HighErrorRate",
        "dispatch-api",
        "critical",
        3.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("dispatch-api", "error_ratio", "pct"),
    )
    s.alert(
        "KubePodNotReady",
        "eta-service",
        "warning",
        5.0,
        "Pod has been in a non-ready state for more than 5 minutes",
        f"Pod delivery/{dead[0]} has been in a non-ready state for longer than 5 minutes.",
        labels={"pod": dead[0]},
    )
    return s


def dev_stripe_outage():
    s = Scenario(
        "stripe-api-outage",
        holdout=False,
        seed=1119,
        topo=SHOP,
        services=[
            "web-frontend",
            "api-gateway",
            "checkout",
            "payments",
            "fraud-api",
            "payments-db",
            "stripe",
            "orders-db",
            "inventory",
        ],
        onset="2024-06-11T18:22:00Z",
        now_after=8,
        step=15,
        hours=2,
        description="Payment failures jumped to about 30% at 18:22 UTC; checkout errors follow. Card payments are "
        "affected across all card brands.",
        cause="external",
        culprit="stripe",
        runbook="third-party-outage",
        distractor="innocent deploy of payments (the alerting caller) 5 minutes before the external fails",
    )
    s.routine(7)
    s.change(
        "payments",
        "deploy",
        -5.0,
        dur=3.0,
        version="3.8.1",
        prev="3.8.0",
        author="dev.patel",
        description="Payments: attach Apple Pay token metadata to charge requests",
    )
    s.rollout("payments", -4.8, 2.8, "Started PaymentsApplication in «float:10:14:2» seconds (version 3.8.1)")
    s.hit("payments", 0.0, err=0.31, lat=3.5, ramp=1.0)
    s.hit("checkout", 0.25, err=0.24, lat=2.2, ramp=1.0)
    s.hit("api-gateway", 0.5, err=0.015, ramp=1.0)
    s.hit("web-frontend", 0.75, err=0.012, ramp=1.0)
    s.stream(
        "payments",
        0.0,
        40,
        [
            (
                3,
                E,
                "stripe: 503 Service Unavailable (request_id=req_«ALNUM:14»)",
                {
                    "error.type": "com.stripe.exception.ApiException",
                    "destination.address": "api.stripe.com",
                    "http.response.status_code": 503,
                },
            ),
            (
                3,
                W,
                "retrying POST https://api.stripe.com/v1/payment_intents (attempt «int:2:3»/3) after 503",
                {"destination.address": "api.stripe.com"},
            ),
            (
                1,
                E,
                "charge for payment «hex:8» failed after 3 attempts: stripe 503 Service Unavailable",
                {"http.response.status_code": 502, **TRACE},
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "checkout",
        0.25,
        12,
        [
            (
                1,
                E,
                "payment authorisation failed for order «uuid»: payments returned 502 (processor_unavailable)",
                {"http.response.status_code": 502, **TRACE},
            ),
        ],
        ramp=1.0,
    )
    s.alert(
        "HighErrorRate",
        "payments",
        "critical",
        3.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("payments", "error_ratio", "pct"),
    )
    return s


def dev_twilio_timeouts_two_incidents():
    s = Scenario(
        "twilio-sms-timeouts",
        holdout=False,
        seed=1120,
        topo=FIN,
        services=[
            "mobile-bff",
            "transfers-api",
            "fx-rates",
            "openexchangerates",
            "ledger-service",
            "ledger-db",
            "notification-worker",
            "kafka",
            "twilio",
            "sendgrid",
        ],
        onset="2024-08-27T07:38:00Z",
        now_after=10,
        step=30,
        hours=2.5,
        description="One-time passcodes by SMS are arriving late or not at all since 07:38 UTC; the notification "
        "backlog keeps growing.",
        cause="external",
        culprit="twilio",
        runbook="third-party-outage",
        distractor="two unrelated incidents: fx-rates has its own deploy and error rise a few minutes earlier",
    )
    s.routine(7)
    s.fx("notification-worker", "latency_p99_seconds", "to", 10.5, 0.0, 1.5)
    s.hit("notification-worker", 0.0, err=0.21, rr=0.35, ramp=1.5)
    s.fx("notification-worker", "saturation", "to", 0.92, 0.0, 9.0, curve="lin")
    s.stream(
        "notification-worker",
        0.0,
        18,
        [
            (
                3,
                E,
                "twilio: POST "
                "https://api.twilio.com/2010-04-01/Accounts/AC3f9d0c2b8e7a41d5a6c0e9b2f1d47a38/Messages.json: "
                "net/http: request canceled (Client.Timeout exceeded while awaiting headers) after 10s",
                {"error.type": "url.Error", "destination.address": "api.twilio.com"},
            ),
            (
                1,
                E,
                "SMS «uuid» to +44«int:7000000000:7999999999» failed: Twilio error 20500 Internal Server Error",
                {"destination.address": "api.twilio.com", "http.response.status_code": 500},
            ),
            (1, W, "consumer lag on notifications.sms is «int:2000:90000» messages", None),
        ],
        ramp=1.5,
    )
    # unrelated: fx-rates release mis-parses locale-formatted numbers for two currencies
    s.change(
        "fx-rates",
        "deploy",
        -7.0,
        dur=3.0,
        version="1.14.0",
        prev="1.13.2",
        author="e.haddad",
        description="FX: add ARS and NGN quotes",
    )
    s.hit("fx-rates", -4.0, err=0.055, ramp=2.0)
    s.hit("transfers-api", -3.5, err=0.012, ramp=2.0)
    s.stream(
        "fx-rates",
        -4.0,
        5,
        [
            (
                1,
                E,
                'NumberFormatException: For input string: "«int:1:999».«int:100:999»,«int:10:99»" parsing rate for '
                "«choice:ARS|NGN»",
                {"error.type": "java.lang.NumberFormatException", "http.response.status_code": 500},
            ),
        ],
        ramp=2.0,
    )
    s.alert(
        "QueueBacklogGrowing",
        "notification-worker",
        "warning",
        6.0,
        "Consumer backlog growing for {svc}",
        "Consumer group {svc} lag is above 50k messages and still increasing.",
    )
    return s


def dev_auth0_degradation():
    s = Scenario(
        "auth0-login-degradation",
        holdout=False,
        seed=1121,
        topo=STREAM,
        services=[
            "edge-proxy",
            "web-bff",
            "user-service",
            "users-db",
            "auth0",
            "search-api",
            "search-index",
            "recommendations",
            "feature-store",
            "model-server",
        ],
        onset="2024-11-05T19:18:00Z",
        now_after=9,
        step=60,
        hours=3,
        description="Login and token refresh fail for about a fifth of attempts since 19:18 UTC; the web availability "
        "SLO is burning. A search alert earlier in the evening has resolved.",
        cause="external",
        culprit="auth0",
        runbook="third-party-outage",
        distractor="resolved search-api alert among the firing ones; earlier unrelated search-api blip",
    )
    s.routine(7, infra=1)
    s.hit("user-service", 0.0, err=0.21, ramp=2.0)
    s.fx("user-service", "latency_p99_seconds", "to", 4.2, 0.0, 2.0)
    s.hit("web-bff", 1.0, err=0.08, lat=1.6, ramp=2.0)
    s.hit("edge-proxy", 1.0, err=0.04, ramp=2.0)
    s.hit("search-api", -47.0, err=0.095, ramp=2.0, end=-31.0, recover=2.0)
    s.hit("search-index", -48.0, lat=3.0, ramp=2.0, end=-31.0, recover=2.0)
    s.stream(
        "search-index",
        -48.0,
        2,
        [
            (
                1,
                W,
                "[«pod»] cluster health status changed from [GREEN] to [YELLOW] (reason: [shards started "
                "[[titles_v3][«int:0:5»]]])",
                None,
            ),
        ],
        end=-31.0,
    )
    s.stream(
        "search-api",
        -47.0,
        4,
        [
            (
                1,
                E,
                "search failed: elasticsearch: 503 search_phase_execution_exception (all shards failed)",
                {"http.response.status_code": 503},
            ),
        ],
        end=-31.0,
    )
    s.stream(
        "user-service",
        0.0,
        22,
        [
            (
                2,
                E,
                "auth0: POST https://streamly.eu.auth0.com/oauth/token failed: 502 Bad Gateway (x-auth0-requestid "
                "«hex:20»)",
                {
                    "error.type": "auth0.APIError",
                    "destination.address": "streamly.eu.auth0.com",
                    "http.response.status_code": 502,
                },
            ),
            (
                2,
                E,
                "token exchange for session «hex:12» timed out after 4000ms (streamly.eu.auth0.com)",
                {"error.type": "context.DeadlineExceeded", "destination.address": "streamly.eu.auth0.com", **TRACE},
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "web-bff",
        1.0,
        8,
        [
            (1, E, "login failed: user-service /v1/sessions returned 502", {"http.response.status_code": 502, **TRACE}),
        ],
        ramp=2.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "HighErrorRate",
        "search-api",
        "warning",
        -41.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("search-api", "error_ratio", "pct"),
        status="resolved",
        end=-29.0,
    )
    s.alert(
        "HighErrorRate",
        "user-service",
        "critical",
        3.0,
        "High 5xx error rate on {svc}",
        "{value} of requests to {svc} failed with 5xx over the last 5 minutes (threshold 5%).",
        value=("user-service", "error_ratio", "pct"),
    )
    s.alert(
        "SLOBurnRateHigh",
        "web-bff",
        "critical",
        5.0,
        "{svc} availability SLO burning 14x faster than allowed",
        "Error budget of {svc} (99.9% over 30d) is burning fast: current 5m error ratio {value}.",
        value=("web-bff", "error_ratio", "pct"),
    )
    return s


DEV_SCENARIOS = [
    dev_checkout_bad_deploy,
    dev_search_deploy_with_concurrent_deploy,
    dev_ledger_crashloop_release,
    dev_cart_config_change,
    dev_payments_config_victim_louder,
    dev_recommendations_flag_two_incidents,
    dev_inventory_pool_exhaustion,
    dev_playback_memory_leak_no_logs,
    dev_ledger_db_disk_full,
    dev_catalog_scraper_surge,
    dev_driver_location_retry_storm,
    dev_notifications_campaign_surge,
    dev_redis_cache_outage,
    dev_users_db_outage_no_signals,
    dev_fraud_api_degradation,
    dev_orders_db_node_drain,
    dev_tracking_db_storage_migration,
    dev_eta_node_notready,
    dev_stripe_outage,
    dev_twilio_timeouts_two_incidents,
    dev_auth0_degradation,
]


# --------------------------------------------------------------------------------------------
# held-out topologies (another company's estate: other names, shapes, wording)
# --------------------------------------------------------------------------------------------

RIDE = topo_common(
    "Ridely",
    "rides",
    holdout=True,
    receiver="sre-bot",
    nodes=lambda rng: _aks_nodes(rng),
    authors=["m.kowalski@ridely.io", "deploy-robot@ridely.io", "a.mensah@ridely.io", "s.ivanova@ridely.io"],
    diurnal_amp=0.35,
    peak_hour=8.5,
    ip_prefix="10.40",
    alert_labels={"cluster": "aks-prod-weu", "env": "production"},
    runbook_base="https://sre.ridely.io/playbooks",
    prometheus_url="https://thanos-query.obs.ridely.io",
    alertmanager_url="https://alerts.obs.ridely.io",
    route_key='{}/{env="production"}/{severity="page"}',
    ver="sha",
    services={
        "rider-gateway": {
            "kind": "web",
            "team": "rider-experience",
            "tier": 1,
            "owners": ["S07RIDEREXP"],
            "channel": "#inc-rider",
            "deps": ["trip-orchestrator", "pricing-engine"],
            "paths": ["/rider/v5/quote", "/rider/v5/trips", "/rider/v5/trips/«ALNUM:10»", "/rider/v5/me"],
            "request_rate": (500, 800),
            "latency_p99_seconds": (0.45, 0.65),
        },
        "trip-orchestrator": {
            "kind": "api",
            "team": "trips",
            "tier": 1,
            "owners": ["S07TRIPSENG"],
            "channel": "#inc-trips",
            "deps": ["matching-svc", "pricing-engine", "payments-core", "trips-pg"],
            "paths": ["/trips", "/trips/«ALNUM:10»/complete", "/trips/«ALNUM:10»/cancel"],
            "request_rate": (90, 150),
            "latency_p99_seconds": (0.5, 0.75),
        },
        "matching-svc": {
            "kind": "api",
            "team": "marketplace",
            "tier": 1,
            "owners": ["S07MARKETPL"],
            "deps": ["geo-index", "drivers-pg"],
            "paths": ["/v3/match", "/v3/offers/«ALNUM:10»"],
            "request_rate": (110, 170),
            "latency_p99_seconds": (0.2, 0.35),
        },
        "pricing-engine": {
            "kind": "api",
            "team": "pricing",
            "tier": 1,
            "owners": ["S07PRICING1"],
            "deps": ["surge-model", "geo-index"],
            "paths": ["/quote", "/quote/batch"],
            "request_rate": (300, 480),
            "latency_p99_seconds": (0.1, 0.14),
            "cpu_utilisation": (0.3, 0.4),
        },
        "surge-model": {
            "kind": "api",
            "team": "pricing-ml",
            "tier": 1,
            "owners": ["S07PRICEML2"],
            "deps": [],
            "paths": ["/predict"],
            "request_rate": (20, 35),
            "latency_p99_seconds": (0.05, 0.08),
            "saturation": None,
        },
        "payments-core": {
            "kind": "api",
            "team": "payments",
            "tier": 1,
            "owners": ["S07PAYCORE3"],
            "channel": "#inc-payments",
            "deps": ["ledger-pg", "adyen"],
            "paths": ["/authorise", "/capture", "/refund"],
            "request_rate": (25, 45),
            "latency_p99_seconds": (0.6, 0.85),
        },
        "notify-dispatcher": {
            "kind": "worker",
            "team": "comms",
            "tier": 2,
            "owners": ["S07COMMS004"],
            "deps": ["nats-bus", "vonage"],
        },
        "geo-index": {
            "kind": "cache",
            "team": "marketplace",
            "tier": 1,
            "owners": ["S07MARKETPL"],
            "flavour": "redis",
            "request_rate": (1200, 1900),
        },
        "drivers-pg": {
            "kind": "db",
            "team": "marketplace",
            "tier": 1,
            "owners": ["S07DATASTOR"],
            "flavour": "postgres",
        },
        "trips-pg": {"kind": "db", "team": "trips", "tier": 1, "owners": ["S07DATASTOR"], "flavour": "postgres"},
        "ledger-pg": {"kind": "db", "team": "payments", "tier": 1, "owners": ["S07DATASTOR"], "flavour": "postgres"},
        "nats-bus": {"kind": "queue", "team": "platform", "tier": 1, "owners": ["S07PLATFORM"], "flavour": "nats"},
        "adyen": {"kind": "external"},
        "google-maps": {"kind": "external"},
        "vonage": {"kind": "external"},
    },
)

CLINIC = topo_common(
    "Carebridge",
    "care-prod",
    holdout=True,
    receiver="opsdesk-care",
    nodes=_baremetal_nodes("dc1.carebridge.net"),
    authors=["jsmith", "azure-pipelines", "nkhumalo", "bfischer", "lpetrov"],
    diurnal_amp=0.4,
    peak_hour=10.0,
    ip_prefix="172.16",
    alert_labels={"cluster": "care-dc1", "env": "prd"},
    runbook_base="https://docs.carebridge.net/ops/alerts",
    prometheus_url="https://prometheus.dc1.carebridge.net",
    alertmanager_url="https://alertmanager.dc1.carebridge.net",
    route_key='{}/{env="prd"}',
    ver="date",
    services={
        "portal-web": {
            "kind": "web",
            "team": "patient-experience",
            "tier": 1,
            "owners": ["S08PATIENTX"],
            "deps": ["patient-api", "identity-proxy"],
            "paths": ["/portal/", "/portal/appointments", "/portal/records", "/portal/messages"],
            "request_rate": (120, 260),
        },
        "identity-proxy": {
            "kind": "api",
            "team": "iam",
            "tier": 1,
            "owners": ["S08IAMTEAM1"],
            "deps": ["okta", "session-store"],
            "paths": ["/oauth2/callback", "/introspect", "/session/refresh"],
            "request_rate": (150, 280),
            "latency_p99_seconds": (0.08, 0.12),
            "ver": "vsemver",
        },
        "patient-api": {
            "kind": "api",
            "team": "clinical-platform",
            "tier": 1,
            "owners": ["S08CLINPLAT"],
            "deps": ["appointments-svc", "records-svc", "identity-proxy"],
            "paths": [
                "/api/patients/«int:100000:999999»",
                "/api/patients/«int:100000:999999»/appointments",
                "/api/patients/«int:100000:999999»/documents",
            ],
            "request_rate": (90, 180),
            "latency_p99_seconds": (0.35, 0.5),
        },
        "appointments-svc": {
            "kind": "api",
            "team": "scheduling",
            "tier": 1,
            "owners": ["S08SCHEDULE"],
            "deps": ["sched-pg", "rabbit-bus"],
            "paths": ["/slots?clinic=«int:10:99»", "/bookings", "/bookings/«uuid»"],
            "request_rate": (50, 90),
            "latency_p99_seconds": (0.15, 0.25),
            "saturation": (0.3, 0.4),
        },
        "records-svc": {
            "kind": "api",
            "team": "records",
            "tier": 1,
            "owners": ["S08RECORDS1"],
            "deps": ["records-mongo", "gcs"],
            "paths": ["/records/«int:100000:999999»", "/records/«int:100000:999999»/encounters", "/documents/«uuid»"],
            "request_rate": (40, 70),
            "latency_p99_seconds": (0.25, 0.35),
        },
        "reminders-worker": {
            "kind": "worker",
            "team": "scheduling",
            "tier": 3,
            "owners": ["S08SCHEDULE"],
            "deps": ["rabbit-bus", "mailgun", "messagebird"],
        },
        "session-store": {
            "kind": "cache",
            "team": "iam",
            "tier": 1,
            "owners": ["S08IAMTEAM1"],
            "flavour": "memcached",
            "saturation": (0.3, 0.45),
        },
        "sched-pg": {
            "kind": "db",
            "team": "scheduling",
            "tier": 1,
            "owners": ["S08DBOPS001"],
            "flavour": "postgres",
            "request_rate": (300, 500),
        },
        "records-mongo": {"kind": "db", "team": "records", "tier": 1, "owners": ["S08DBOPS001"], "flavour": "mongo"},
        "rabbit-bus": {
            "kind": "queue",
            "team": "platform",
            "tier": 2,
            "owners": ["S08PLATFORM"],
            "flavour": "rabbitmq",
        },
        "okta": {"kind": "external"},
        "gcs": {"kind": "external"},
        "mailgun": {"kind": "external"},
        "messagebird": {"kind": "external"},
    },
)

GAME = topo_common(
    "Pixelforge",
    "live-ops",
    holdout=True,
    receiver="liveops-pager",
    nodes=_eks_nodes("us-east-2", "172-20"),
    authors=["kenji", "ci@pixelforge.gg", "rosa", "baptiste", "ana.lima"],
    diurnal_amp=0.45,
    peak_hour=2.0,
    ip_prefix="10.96",
    alert_labels={"cluster": "live-use2", "env": "live"},
    runbook_base="https://notion.so/pixelforge/alerts",
    prometheus_url="https://vmselect.live.pixelforge.gg/select/0/prometheus",
    alertmanager_url="https://vmalert.live.pixelforge.gg",
    route_key='{}/{team=~".+"}',
    ver="build",
    services={
        "game-gateway": {
            "kind": "web",
            "team": "netcode",
            "tier": 1,
            "owners": ["S09NETCODE1"],
            "deps": ["lobby-service", "matchmaker", "inventory-svc", "leaderboard", "store-api"],
            "paths": [
                "/v2/session",
                "/v2/lobby/join",
                "/v2/inventory",
                "/v2/leaderboard/«choice:global|weekly|friends»",
                "/v2/store/offers",
            ],
            "request_rate": (1500, 2600),
            "latency_p99_seconds": (0.12, 0.2),
        },
        "lobby-service": {
            "kind": "api",
            "team": "social",
            "tier": 1,
            "owners": ["S09SOCIAL01"],
            "deps": ["presence-cache", "matchmaker"],
            "paths": ["/lobbies", "/lobbies/«ALNUM:8»/join", "/parties/«ALNUM:8»"],
            "request_rate": (250, 400),
            "latency_p99_seconds": (0.15, 0.22),
            "saturation": (0.25, 0.35),
        },
        "matchmaker": {
            "kind": "api",
            "team": "matchmaking",
            "tier": 1,
            "owners": ["S09MATCHMK1"],
            "deps": ["session-allocator", "presence-cache"],
            "paths": ["/tickets", "/tickets/«ALNUM:12»"],
            "request_rate": (120, 200),
            "latency_p99_seconds": (0.3, 0.45),
        },
        "session-allocator": {
            "kind": "api",
            "team": "game-servers",
            "tier": 1,
            "owners": ["S09GAMESRV1"],
            "deps": [],
            "paths": ["/allocate"],
            "request_rate": (15, 30),
            "latency_p99_seconds": (0.6, 1.0),
        },
        "inventory-svc": {
            "kind": "api",
            "team": "economy",
            "tier": 1,
            "owners": ["S09ECONOMY1"],
            "deps": ["items-cockroach"],
            "paths": ["/inventory/«int:1000000:9999999»", "/inventory/«int:1000000:9999999»/grant"],
            "request_rate": (300, 500),
            "latency_p99_seconds": (0.06, 0.1),
        },
        "leaderboard": {
            "kind": "api",
            "team": "competitive",
            "tier": 2,
            "owners": ["S09COMPETE1"],
            "deps": ["scores-redis"],
            "paths": [
                "/boards/«choice:global|weekly|friends»",
                "/boards/«choice:global|weekly»/rank/«int:1000000:9999999»",
            ],
            "request_rate": (180, 300),
            "latency_p99_seconds": (0.06, 0.09),
        },
        "store-api": {
            "kind": "api",
            "team": "economy",
            "tier": 1,
            "owners": ["S09ECONOMY1"],
            "deps": ["items-cockroach", "xsolla", "steam-api"],
            "paths": ["/offers", "/purchases", "/purchases/«uuid»"],
            "request_rate": (20, 40),
        },
        "presence-cache": {"kind": "cache", "team": "social", "tier": 1, "owners": ["S09SOCIAL01"], "flavour": "redis"},
        "scores-redis": {
            "kind": "cache",
            "team": "competitive",
            "tier": 2,
            "owners": ["S09COMPETE1"],
            "flavour": "redis",
            "request_rate": (900, 1400),
        },
        "items-cockroach": {
            "kind": "db",
            "team": "economy",
            "tier": 1,
            "owners": ["S09DATASTOR"],
            "flavour": "cockroach",
            "request_rate": (600, 900),
            "pods": 5,
        },
        "xsolla": {"kind": "external"},
        "steam-api": {"kind": "external"},
    },
)

ANALYTICS = topo_common(
    "Metricly",
    "data-plane",
    holdout=True,
    receiver="incident-bot",
    nodes=_baremetal_nodes("fsn1.metricly.net"),
    authors=["dominik", "release-bot", "chloe", "farid", "greta"],
    diurnal_amp=0.15,
    peak_hour=15.0,
    ip_prefix="10.60",
    alert_labels={"env": "prod", "region": "eu-central"},
    runbook_base="https://handbook.metricly.net/oncall/alerts",
    prometheus_url="https://mimir.metricly.net/prometheus",
    alertmanager_url="https://mimir.metricly.net/alertmanager",
    route_key='{}/{region="eu-central"}',
    ver="vsemver",
    services={
        "ingest-edge": {
            "kind": "web",
            "team": "ingest",
            "tier": 1,
            "owners": ["S10INGEST01"],
            "deps": ["collector"],
            "paths": ["/v1/batch", "/v1/track"],
            "request_rate": (1800, 2900),
        },
        "collector": {
            "kind": "api",
            "team": "ingest",
            "tier": 1,
            "owners": ["S10INGEST01"],
            "deps": ["events-kafka"],
            "paths": ["/v1/batch", "/v1/track", "/v1/identify"],
            "request_rate": (600, 900),
            "latency_p99_seconds": (0.05, 0.08),
        },
        "stream-processor": {
            "kind": "worker",
            "team": "pipelines",
            "tier": 1,
            "owners": ["S10PIPELINE"],
            "deps": ["events-kafka", "clickhouse"],
            "request_rate": (400, 700),
            "latency_p99_seconds": (0.3, 0.5),
            "memory_utilisation": (0.48, 0.52),
        },
        "query-api": {
            "kind": "api",
            "team": "query",
            "tier": 1,
            "owners": ["S10QUERYENG"],
            "deps": ["clickhouse", "meta-mysql", "query-cache"],
            "paths": ["/api/query", "/api/dashboards/«int:1000:99999»", "/api/saved/«hex:12»"],
            "request_rate": (60, 110),
            "latency_p99_seconds": (0.9, 1.4),
        },
        "dashboard-ui": {
            "kind": "web",
            "team": "frontend",
            "tier": 2,
            "owners": ["S10FRONTEND"],
            "deps": ["query-api", "billing-svc"],
            "paths": ["/app/dashboards/«int:1000:99999»", "/app/settings/billing", "/app/explore"],
            "request_rate": (40, 80),
        },
        "billing-svc": {
            "kind": "api",
            "team": "billing",
            "tier": 2,
            "owners": ["S10BILLING1"],
            "deps": ["meta-mysql", "chargebee"],
            "paths": ["/billing/usage", "/billing/plan", "/billing/invoices"],
            "request_rate": (8, 16),
        },
        "report-mailer": {
            "kind": "worker",
            "team": "growth",
            "tier": 3,
            "owners": ["S10GROWTH01"],
            "deps": ["query-api", "postmark"],
        },
        "events-kafka": {
            "kind": "queue",
            "team": "platform",
            "tier": 1,
            "owners": ["S10PLATFORM"],
            "flavour": "kafka",
            "request_rate": (600, 900),
        },
        "clickhouse": {
            "kind": "db",
            "team": "query",
            "tier": 1,
            "owners": ["S10QUERYENG"],
            "flavour": "clickhouse",
            "latency_p99_seconds": (0.6, 1.2),
        },
        "meta-mysql": {
            "kind": "db",
            "team": "platform",
            "tier": 1,
            "owners": ["S10PLATFORM"],
            "flavour": "mysql",
            "request_rate": (150, 260),
        },
        "query-cache": {"kind": "cache", "team": "query", "tier": 2, "owners": ["S10QUERYENG"], "flavour": "redis"},
        "chargebee": {"kind": "external"},
        "postmark": {"kind": "external"},
    },
)


# --------------------------------------------------------------------------------------------
# held-out scenarios
# --------------------------------------------------------------------------------------------

HTRACE = {"trace.id": "«hex:32»", "span.id": "«hex:16»"}


def hold_matching_release():
    s = Scenario(
        "ridely-trip-creation-5xx-morning-peak",
        holdout=True,
        seed=9001,
        topo=RIDE,
        services=[
            "rider-gateway",
            "trip-orchestrator",
            "matching-svc",
            "pricing-engine",
            "surge-model",
            "geo-index",
            "drivers-pg",
            "trips-pg",
            "payments-core",
            "adyen",
        ],
        onset="2025-01-14T07:52:40Z",
        now_after=12,
        step=20,
        hours=2.5,
        description="Trip requests started failing during the morning peak (about 6% of trip creations return 5xx "
        "from 07:53 UTC); riders see 'no drivers available'.",
        cause="deploy",
        culprit="matching-svc",
        runbook="rollback-a-deploy",
        distractor="innocent deploy of pricing-engine within a minute of the culprit's",
    )
    s.routine(6)
    s.change(
        "matching-svc",
        "deploy",
        -7.0,
        dur=5.0,
        version="a91f3c2",
        prev="5be0d17",
        author="s.ivanova@ridely.io",
        description="feat(matching): prefer EV drivers when rider opts in (MKT-2207); canary 10% -> 50% -> 100%",
    )
    s.change(
        "pricing-engine",
        "deploy",
        -6.3,
        dur=2.5,
        version="e4b7a90",
        prev="0c93f1d",
        author="a.mensah@ridely.io",
        description="perf: cache zone polygons in memory",
    )
    s.rollout("matching-svc", -6.8, 4.8, "matching-svc a91f3c2 serving on :8080 (ev_preference=enabled)")
    s.rollout("pricing-engine", -6.1, 2.3, "pricing-engine e4b7a90 ready; zone polygons cached: «int:1100:1300»")
    s.hit("matching-svc", -3.0, err=0.085, lat=1.3, ramp=5.0)
    s.hit("trip-orchestrator", -2.33, err=0.06, ramp=5.0)
    s.hit("rider-gateway", -2.0, err=0.025, ramp=5.0)
    s.stream(
        "matching-svc",
        -3.0,
        18,
        [
            (
                3,
                E,
                "panic recovered in handler /v3/match: runtime error: invalid memory address or nil pointer "
                "dereference",
                {
                    "error.type": "runtime.Error",
                    "error.stack_trace": (
                        "goroutine «int:1000:99999» "
                        "[running]:\nridely/matching/rank.(*Ranker).score(...)\n\t/src/rank/ev.go:148 +0x«hex:3»"
                    ),
                    **HTRACE,
                },
            ),
            (1, W, "offer «ALNUM:10» dropped: candidate list empty after ranking", None),
        ],
        ramp=5.0,
    )
    s.stream(
        "trip-orchestrator",
        -2.33,
        10,
        [
            (
                1,
                E,
                "match request for trip «ALNUM:10» failed: rpc error: code = Internal desc = handler panicked",
                {"http.response.status_code": 500, **HTRACE},
            ),
        ],
        ramp=5.0,
    )
    s.alert(
        "Http5xxRatioHigh",
        "trip-orchestrator",
        "page",
        7.0,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("trip-orchestrator", "error_ratio", "pct"),
    )
    return s


def hold_records_serializer_release():
    s = Scenario(
        "carebridge-records-pages-slow",
        holdout=True,
        seed=9002,
        topo=CLINIC,
        services=[
            "portal-web",
            "patient-api",
            "records-svc",
            "records-mongo",
            "gcs",
            "appointments-svc",
            "sched-pg",
            "identity-proxy",
            "okta",
            "session-store",
        ],
        onset="2025-02-11T09:31:00Z",
        now_after=11,
        step=45,
        hours=3,
        description="Clinicians report that patient records pages hang and then fail since roughly 09:30 UTC; two "
        "alerts arrived in one notification.",
        cause="deploy",
        culprit="records-svc",
        runbook="rollback-a-deploy",
        distractor="multiple alerts (latency on the culprit, 5xx on its caller) in one body",
        defaults_signals=True,
    )
    s.routine(7, infra=1)
    s.change(
        "records-svc",
        "deploy",
        -9.0,
        dur=4.0,
        version="2025.02.11.3",
        prev="2025.02.10.1",
        author="nkhumalo",
        description="Records: include encounter back-references in document export (REC-981)",
    )
    s.rollout("records-svc", -8.5, 3.5, "Now listening on: http://[::]:8080 (Carebridge.Records 2025.02.11.3)")
    s.hit("records-svc", -4.0, lat=7.0, cpu=0.75, ramp=4.0)
    s.fx("records-svc", "memory_utilisation", "to", 0.8, -4.0, 6.0)
    s.hit("records-svc", -3.25, err=0.12, ramp=4.0)
    s.hit("patient-api", -2.5, err=0.09, lat=3.0, ramp=4.0)
    s.hit("portal-web", -1.75, err=0.05, ramp=4.0)
    s.stream(
        "records-svc",
        -3.25,
        14,
        [
            (
                3,
                E,
                "System.Text.Json.JsonException: A possible object cycle was detected. This can either be due to a "
                "cycle "
                "or if the object depth is larger than the maximum allowed depth of 64. Path: "
                "$.Encounters.Patient.Encounters.Patient.Encounters.",
                {"error.type": "System.Text.Json.JsonException", **HTRACE},
            ),
            (
                2,
                W,
                "Request finished HTTP/1.1 GET /records/«int:100000:999999»/encounters - 500 - - «float:2000:9000:1»ms",
                {"http.response.status_code": 500},
            ),
        ],
        ramp=4.0,
    )
    s.stream(
        "patient-api",
        -2.5,
        10,
        [
            (
                1,
                E,
                "records-svc responded 500 Internal Server Error for GET /records/«int:100000:999999»/encounters "
                "(attempt 2/2)",
                {"http.response.status_code": 502, **HTRACE},
            ),
        ],
        ramp=4.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "LatencySLOBreach",
        "records-svc",
        "warning",
        6.0,
        "{svc} p99 latency above 800ms",
        "p99 of {svc} is {value} over 5m.",
        value=("records-svc", "latency_p99_seconds", "ms"),
    )
    s.alert(
        "Http5xxRatioHigh",
        "patient-api",
        "page",
        7.0,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("patient-api", "error_ratio", "pct"),
    )
    return s


def hold_pricing_config_push():
    s = Scenario(
        "ridely-quote-latency",
        holdout=True,
        seed=9003,
        topo=RIDE,
        services=[
            "rider-gateway",
            "trip-orchestrator",
            "pricing-engine",
            "surge-model",
            "geo-index",
            "matching-svc",
            "drivers-pg",
            "trips-pg",
        ],
        onset="2025-03-03T17:44:10Z",
        now_after=10,
        step=10,
        hours=2,
        description="Rider app quotes became slow at 17:44 UTC (p99 over 2 s) and some quote requests time out.",
        cause="config_change",
        culprit="pricing-engine",
        runbook="revert-config-change",
        distractor=(
            "victim louder than culprit (rider-gateway 5xx ~7%, pricing-engine ~3.5%); culprit logs blame surge-model"
        ),
    )
    s.routine(6)
    s.change(
        "pricing-engine",
        "config",
        -1.5,
        dur=0.05,
        version="rev 1207",
        prev="rev 1206",
        author="m.kowalski@ridely.io",
        description="consul kv pricing/quote_cache_ttl_s: 30 -> 0 (debug stale quotes, PRC-512)",
    )
    s.once(
        "pricing-engine",
        -1.4,
        I,
        "consul watch: pricing/quote_cache_ttl_s=0 -> quote cache disabled, every request recomputes zone multipliers",
    )
    s.hit("pricing-engine", 0.0, cpu=0.91, ramp=2.0)
    s.hit("pricing-engine", 0.5, lat=11.0, ramp=2.0)
    s.hit("pricing-engine", 1.0, err=0.035, ramp=2.0)
    s.hit("surge-model", 0.0, rr=4.2, cpu=0.8, lat=2.0, ramp=1.0)
    s.hit("rider-gateway", 0.67, lat=3.5, ramp=2.0)
    s.hit("rider-gateway", 1.2, err=0.07, ramp=2.0)
    s.hit("trip-orchestrator", 1.2, err=0.02, ramp=2.0)
    s.stream(
        "pricing-engine",
        0.0,
        30,
        [
            (
                3,
                W,
                "quote «ALNUM:10» computed in «int:400:1600»ms (cache=miss, "
                "zone=«choice:LDN-C|LDN-E|LDN-W|MAN-1|BHX-2»)",
                None,
            ),
            (
                1,
                E,
                "upstream surge-model deadline exceeded after 800ms (quote «ALNUM:10»)",
                {"error.type": "DeadlineExceeded", **HTRACE},
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "rider-gateway",
        1.2,
        12,
        [
            (
                1,
                E,
                "POST /rider/v5/quote failed: pricing-engine 504 Gateway Timeout after «int:2000:2100»ms",
                {"http.response.status_code": 504, "url.path": "/rider/v5/quote", **HTRACE},
            ),
        ],
        ramp=2.0,
    )
    s.alert(
        "LatencySLOBreach",
        "rider-gateway",
        "page",
        6.0,
        "{svc} p99 latency above 800ms",
        "p99 of {svc} is {value} over 5m.",
        value=("rider-gateway", "latency_p99_seconds", "ms"),
    )
    return s


def hold_leaderboard_flag():
    s = Scenario(
        "pixelforge-leaderboard-errors",
        holdout=True,
        seed=9004,
        topo=GAME,
        services=[
            "game-gateway",
            "leaderboard",
            "scores-redis",
            "lobby-service",
            "matchmaker",
            "presence-cache",
            "session-allocator",
            "inventory-svc",
            "items-cockroach",
        ],
        onset="2025-01-25T01:12:00Z",
        now_after=12,
        step=20,
        hours=2.5,
        description="Leaderboard requests fail for about one in seven players since 01:12 UTC; an earlier matchmaking "
        "queue-time alert resolved about 45 minutes before.",
        cause="config_change",
        culprit="leaderboard",
        runbook="revert-config-change",
        distractor=(
            "resolved matchmaker alert in the same body; culprit logs name scores-redis (whose CPU saturates as a "
            "consequence)"
        ),
    )
    s.routine(7)
    s.change(
        "leaderboard",
        "flag",
        -3.0,
        dur=0,
        version="100%",
        prev="0%",
        author="rosa",
        description="Unleash: leaderboard.realtime_rank enabled for all regions",
    )
    s.once(
        "leaderboard",
        -2.9,
        I,
        "feature toggle leaderboard.realtime_rank changed: enabled=true strategy=default (unleash sync)",
    )
    s.hit("leaderboard", -1.0, lat=11.0, cpu=0.7, ramp=3.0)
    s.hit("leaderboard", 0.0, err=0.15, ramp=3.0)
    s.hit("scores-redis", -1.0, cpu=0.96, ramp=3.0)
    s.hit("scores-redis", -0.67, lat=9.0, ramp=3.0)
    s.hit("game-gateway", 0.33, err=0.04, ramp=3.0)
    s.hit("matchmaker", -70.0, lat=3.5, ramp=3.0, end=-48.0, recover=4.0)
    s.stream(
        "matchmaker",
        -70.0,
        3,
        [
            (1, W, "ticket «ALNUM:12» waited «int:30:90»s in queue (region=eu, mode=ranked, pool=«int:20:80»)", None),
        ],
        end=-48.0,
    )
    s.stream(
        "leaderboard",
        -1.0,
        30,
        [
            (
                3,
                W,
                "rank query for player «int:1000000:9999999» took «int:300:2500»ms (realtime_rank=true, board=global)",
                None,
            ),
            (
                2,
                E,
                "ERR timeout reading reply from scores-redis-0:6379 after 500ms (ZUNIONSTORE board:global:live)",
                {"error.type": "redis.TimeoutError", "destination.address": "scores-redis-0", **HTRACE},
            ),
        ],
        ramp=3.0,
    )
    s.stream(
        "scores-redis",
        -1.0,
        2,
        [
            (1, W, "Slow log: ZUNIONSTORE board:global:live «int:2:5» ... took «int:80000:400000» microseconds", None),
        ],
        ramp=3.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "MatchmakingQueueSlow",
        "matchmaker",
        "warning",
        -66.0,
        "{svc}: p95 queue time above 30s",
        "Players wait more than 30s in the {svc} queue.",
        status="resolved",
        end=-45.0,
    )
    s.alert(
        "Http5xxRatioHigh",
        "leaderboard",
        "page",
        5.0,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("leaderboard", "error_ratio", "pct"),
    )
    return s


def hold_stream_processor_leak():
    s = Scenario(
        "metricly-consumer-lag-growing",
        holdout=True,
        seed=9005,
        topo=ANALYTICS,
        services=[
            "ingest-edge",
            "collector",
            "events-kafka",
            "stream-processor",
            "clickhouse",
            "query-api",
            "query-cache",
            "meta-mysql",
        ],
        onset="2025-02-19T13:20:00Z",
        now_after=9,
        step=45,
        hours=3,
        description="Event processing has fallen behind: consumer lag keeps growing and dashboards show data that is "
        "more than ten minutes old.",
        cause="resource_saturation",
        culprit="stream-processor",
        runbook="memory-pressure-oom",
        distractor="slow 85-minute ramp; the culprit alerts itself but only on lag",
    )
    s.routine(7, infra=1)
    s.fx("stream-processor", "memory_utilisation", "to", 0.965, -88.0, 82.0, curve="lin", end=-4.0, recover=0.75)
    s.fx("stream-processor", "memory_utilisation", "to", 0.9, -4.0, 1.0)
    s.fx("stream-processor", "cpu_utilisation", "to", 0.95, -25.0, 22.0, curve="accel")
    s.fx("stream-processor", "request_rate", "mul", 0.45, -12.0, 12.0, curve="accel")
    s.fx("stream-processor", "saturation", "to", 0.93, -12.0, 16.0, curve="lin")
    s.fx("stream-processor", "latency_p99_seconds", "mul", 4.0, -15.0, 14.0, curve="accel")
    s.fx("stream-processor", "error_ratio", "to", 0.06, -1.0, 2.0)
    s.stream(
        "stream-processor",
        -60.0,
        4,
        [
            (
                1,
                I,
                "[gc] GC(«int:1000:9999») Pause Young (G1 Evacuation Pause) "
                "«int:3000:3900»M->«int:2900:3850»M(4096M) «float:40:900:3»ms",
                None,
            ),
        ],
        ramp=30.0,
    )
    s.stream(
        "stream-processor",
        -25.0,
        3,
        [
            (
                1,
                W,
                "[gc] GC(«int:1000:9999») Pause Full (G1 Compaction Pause) 4090M->«int:4000:4080»M(4096M) "
                "«float:1500:4200:3»ms",
                None,
            ),
        ],
        ramp=10.0,
    )
    s.stream(
        "stream-processor",
        -2.0,
        4,
        [
            (
                1,
                E,
                "java.lang.OutOfMemoryError: Java heap space (enrichment window cache size=«int:1800000:2600000» "
                "entries)",
                {"error.type": "java.lang.OutOfMemoryError"},
            ),
        ],
    )
    s.once(
        "stream-processor",
        -3.0,
        W,
        "container stream-processor in «pod» exceeded memory limit: OOMKilled (exit code 137)",
    )
    s.once(
        "stream-processor",
        -0.5,
        W,
        "container stream-processor in «pod» exceeded memory limit: OOMKilled (exit code 137)",
    )
    s.alert(
        "KafkaConsumerGroupLagHigh",
        "stream-processor",
        "warning",
        6.0,
        "Consumer group {svc} is lagging",
        "Consumer group {svc} lag on events-enriched is above 200k messages.",
    )
    return s


def hold_appointments_pool():
    s = Scenario(
        "carebridge-booking-timeouts",
        holdout=True,
        seed=9006,
        topo=CLINIC,
        services=[
            "portal-web",
            "patient-api",
            "appointments-svc",
            "sched-pg",
            "rabbit-bus",
            "reminders-worker",
            "mailgun",
            "messagebird",
            "records-svc",
            "records-mongo",
        ],
        onset="2025-03-18T08:05:20Z",
        now_after=12,
        step=20,
        hours=2.5,
        description="Booking pages time out after ~15 s for about a tenth of patients since 08:05 UTC, at the start of "
        "the Monday booking rush.",
        cause="resource_saturation",
        culprit="appointments-svc",
        runbook="connection-pool-exhaustion",
        distractor="two unrelated incidents: reminders-worker has its own deploy and error rise in the same window",
    )
    s.routine(7)
    s.fx("appointments-svc", "saturation", "to", 1.0, -18.0, 17.0, curve="accel")
    s.fx("sched-pg", "saturation", "to", 0.62, -18.0, 17.0, curve="accel")
    s.fx("appointments-svc", "latency_p99_seconds", "to", 15.5, -1.5, 2.0)
    s.hit("appointments-svc", 0.0, err=0.19, ramp=2.0)
    s.hit("patient-api", 0.33, err=0.11, lat=6.0, ramp=2.0)
    s.hit("portal-web", 0.67, err=0.045, ramp=2.0)
    s.stream(
        "appointments-svc",
        -18.0,
        1,
        [
            (
                1,
                W,
                "Long-running transaction held connection for «int:60:600»s (BookingReconciler, batch «hex:24»)",
                None,
            ),
        ],
        ramp=6.0,
    )
    s.stream(
        "appointments-svc",
        -8.0,
        2,
        [
            (1, W, "Npgsql pool stats: busy=«int:92:100» idle=0 max=100 waiting=«int:10:90»", None),
        ],
        ramp=3.0,
    )
    s.stream(
        "appointments-svc",
        0.0,
        16,
        [
            (
                1,
                E,
                "Npgsql.NpgsqlException (0x80004005): The connection pool has been exhausted, either raise 'Max Pool "
                "Size' "
                "(currently 100) or 'Timeout' (currently 15 seconds) in your connection string.",
                {"error.type": "Npgsql.NpgsqlException", "http.response.status_code": 500, **HTRACE},
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "patient-api",
        0.33,
        10,
        [
            (
                1,
                E,
                "GET /api/patients/«int:100000:999999»/appointments failed: appointments-svc timed out after 15000ms",
                {"http.response.status_code": 504, **HTRACE},
            ),
        ],
        ramp=2.0,
    )
    # unrelated: reminders template release
    s.change(
        "reminders-worker",
        "deploy",
        -11.0,
        dur=3.0,
        version="2025.03.18.1",
        prev="2025.03.17.2",
        author="bfischer",
        description="Reminders: new SMS template with clinic address",
    )
    s.hit("reminders-worker", -7.0, err=0.09, ramp=3.0)
    s.stream(
        "reminders-worker",
        -7.0,
        3,
        [
            (
                1,
                E,
                "template render failed for reminder «hex:24»: undefined variable 'clinic.address_line2'",
                {"error.type": "TemplateError"},
            ),
        ],
        ramp=3.0,
    )
    s.alert(
        "Http5xxRatioHigh",
        "patient-api",
        "page",
        6.0,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("patient-api", "error_ratio", "pct"),
    )
    return s


def hold_lobby_tournament_surge():
    s = Scenario(
        "pixelforge-gateway-latency-spike",
        holdout=True,
        seed=9007,
        topo=GAME,
        services=[
            "game-gateway",
            "lobby-service",
            "presence-cache",
            "matchmaker",
            "session-allocator",
            "leaderboard",
            "scores-redis",
            "inventory-svc",
            "items-cockroach",
        ],
        onset="2025-02-08T19:00:05Z",
        now_after=9,
        step=10,
        hours=2,
        description="Game gateway latency spiked at 19:00 UTC and players report failing to join lobbies.",
        cause="traffic_surge",
        culprit="lobby-service",
        runbook="traffic-surge-autoscaling",
        distractor="noisy culprit baseline; the alert is on the gateway, whose own traffic also rises",
    )
    s.noise["lobby-service"] = 2.8
    s.routine(6)
    s.once("lobby-service", -0.6, I, "tournament T1042 check-in opened (registered=«int:180000:220000»)")
    s.fx("lobby-service", "request_rate", "mul", 5.5, -0.5, 0.5)
    s.fx("game-gateway", "request_rate", "mul", 1.7, -0.5, 0.5)
    s.fx("presence-cache", "request_rate", "mul", 2.5, -0.5, 0.5)
    s.fx("matchmaker", "request_rate", "mul", 2.1, -0.33, 0.5)
    s.hit("lobby-service", -0.5, cpu=0.93, ramp=1.0)
    s.hit("lobby-service", -0.33, sat=0.99, ramp=1.5)
    s.hit("lobby-service", 0.0, lat=14.0, ramp=1.5)
    s.hit("lobby-service", 0.5, err=0.12, ramp=2.0)
    s.hit("presence-cache", -0.5, cpu=0.7, ramp=1.0)
    s.hit("matchmaker", 0.33, lat=2.5, err=0.02, ramp=2.0)
    s.hit("game-gateway", 0.33, lat=6.5, ramp=1.5)
    s.hit("game-gateway", 0.67, err=0.06, ramp=2.0)
    s.stream(
        "lobby-service",
        -0.5,
        38,
        [
            (
                4,
                W,
                "join queue full: rejecting player «int:1000000:9999999» (tournament=T1042, slots=20000/20000)",
                None,
            ),
            (
                1,
                E,
                "websocket upgrade refused: max concurrent sessions reached on «pod» (5000)",
                {"http.response.status_code": 503},
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "game-gateway",
        0.67,
        10,
        [
            (
                1,
                E,
                "lobby-service POST /lobbies/«ALNUM:8»/join: 503 after «int:2000:5000»ms",
                {"http.response.status_code": 503, **HTRACE},
            ),
        ],
        ramp=2.0,
    )
    s.alert(
        "LatencySLOBreach",
        "game-gateway",
        "page",
        4.0,
        "{svc} p99 latency above 800ms",
        "p99 of {svc} is {value} over 5m.",
        value=("game-gateway", "latency_p99_seconds", "ms"),
    )
    return s


def hold_collector_retry_storm_no_logs():
    s = Scenario(
        "metricly-ingest-latency-no-logs",
        holdout=True,
        seed=9008,
        topo=ANALYTICS,
        services=[
            "collector",
            "events-kafka",
            "stream-processor",
            "clickhouse",
            "query-api",
            "meta-mysql",
            "dashboard-ui",
            "billing-svc",
            "chargebee",
        ],
        onset="2025-01-29T11:34:30Z",
        now_after=10.5,
        step=90,
        hours=3,
        description="Event ingestion latency and rejection rate rose from about 11:33 UTC; customers' SDKs report "
        "dropped batches. Logs were not available for this incident.",
        cause="traffic_surge",
        culprit="collector",
        runbook="traffic-surge-autoscaling",
        distractor="missing data source (no logs); innocent query-api deploy at about the same time",
    )
    s.omit_logs = True
    s.routine(7)
    s.change(
        "query-api",
        "deploy",
        -4.5,
        dur=3.0,
        version="v2.31.0",
        prev="v2.30.4",
        author="chloe",
        description="feat: sampling hints for large dashboards",
    )
    s.fx("collector", "request_rate", "mul", 3.5, -3.0, 4.0)
    s.hit("collector", -3.0, cpu=0.91, ramp=4.0)
    s.hit("collector", -2.0, sat=0.96, ramp=4.0)
    s.hit("collector", -1.5, lat=15.0, ramp=3.0)
    s.hit("collector", 0.0, err=0.08, ramp=3.0)
    s.fx("events-kafka", "request_rate", "mul", 2.4, -3.0, 4.0)
    s.hit("events-kafka", -3.0, sat=0.7, ramp=8.0)
    s.fx("stream-processor", "request_rate", "mul", 1.9, -2.0, 4.0)
    s.hit("stream-processor", -1.5, sat=0.6, cpu=0.8, ramp=8.0)
    s.group_by = ["namespace"]
    s.alert(
        "LatencySLOBreach",
        "collector",
        "warning",
        6.0,
        "{svc} p99 latency above 800ms",
        "p99 of {svc} is {value} over 5m.",
        value=("collector", "latency_p99_seconds", "ms"),
    )
    s.alert(
        "ErrorBudgetBurnFast",
        "collector",
        "page",
        7.5,
        "{svc} error budget burning fast",
        "{svc} is burning its 99.95% error budget at more than 14x (5m error ratio {value}).",
        value=("collector", "error_ratio", "pct"),
    )
    return s


def hold_geo_index_unreachable():
    s = Scenario(
        "ridely-matching-and-pricing-5xx",
        holdout=True,
        seed=9009,
        topo=RIDE,
        services=[
            "rider-gateway",
            "trip-orchestrator",
            "matching-svc",
            "pricing-engine",
            "surge-model",
            "geo-index",
            "drivers-pg",
            "payments-core",
            "adyen",
        ],
        onset="2025-02-27T22:16:00Z",
        now_after=10,
        step=45,
        hours=3,
        description="From 22:16 UTC trip creation and quotes fail for a large share of riders; matching and pricing "
        "both return 5xx.",
        cause="dependency_outage",
        culprit="geo-index",
        runbook="dependency-outage",
        distractor=(
            "innocent deploy on a caller (matching-svc, a redis client bump) 5 minutes before the dependency fails"
        ),
    )
    s.routine(6)
    s.change(
        "matching-svc",
        "deploy",
        -5.0,
        dur=3.0,
        version="3d8e1b6",
        prev="f20a7c9",
        author="deploy-robot@ridely.io",
        description="chore(deps): bump github.com/redis/go-redis/v9 9.5.1 -> 9.5.3",
    )
    s.rollout("matching-svc", -4.8, 2.8, "matching-svc 3d8e1b6 serving on :8080 (geo=geo-index-master.rides.svc:6379)")
    s.fx("geo-index", "request_rate", "mul", 0.0, 0.0, 0.5)
    s.fx("geo-index", "cpu_utilisation", "to", 0.01, 0.0, 0.5)
    s.silence("geo-index", 0.0)
    s.hit("matching-svc", 0.75, err=0.45, lat=6.0, ramp=1.0)
    s.hit("pricing-engine", 0.75, err=0.2, lat=4.0, ramp=1.0)
    s.hit("trip-orchestrator", 1.5, err=0.3, ramp=1.5)
    s.hit("rider-gateway", 1.5, err=0.14, ramp=1.5)
    s.stream(
        "matching-svc",
        0.75,
        22,
        [
            (
                2,
                E,
                "geo lookup failed: redis: connection pool timeout (addr=geo-index-master.rides.svc:6379)",
                {"error.type": "redis.PoolTimeout", "destination.address": "geo-index-master.rides.svc", **HTRACE},
            ),
            (
                1,
                E,
                "dial tcp 10.40.7.3:6379: i/o timeout",
                {"error.type": "net.OpError", "destination.address": "10.40.7.3"},
            ),
        ],
        ramp=1.0,
    )
    s.stream(
        "pricing-engine",
        0.75,
        8,
        [
            (
                1,
                E,
                "zone lookup failed for quote «ALNUM:10»: EOF reading reply from geo-index-master.rides.svc:6379",
                {"error.type": "io.EOF", "destination.address": "geo-index-master.rides.svc"},
            ),
        ],
        ramp=1.0,
    )
    s.group_by = ["namespace"]
    s.alert(
        "Http5xxRatioHigh",
        "trip-orchestrator",
        "page",
        5.0,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("trip-orchestrator", "error_ratio", "pct"),
    )
    s.alert(
        "Http5xxRatioHigh",
        "matching-svc",
        "page",
        5.5,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("matching-svc", "error_ratio", "pct"),
    )
    return s


def hold_meta_mysql_down():
    s = Scenario(
        "metricly-dashboards-and-billing-down",
        holdout=True,
        seed=9010,
        topo=ANALYTICS,
        services=[
            "dashboard-ui",
            "query-api",
            "billing-svc",
            "meta-mysql",
            "clickhouse",
            "query-cache",
            "chargebee",
            "report-mailer",
            "postmark",
        ],
        onset="2025-03-11T15:02:40Z",
        now_after=9,
        step=20,
        hours=2,
        description="Dashboards and the billing page fail to load since 15:03 UTC; three alerts from different "
        "services arrived together.",
        cause="dependency_outage",
        culprit="meta-mysql",
        runbook="dependency-outage",
        distractor="multiple alerts from three callers in one body; the culprit raises none",
        defaults_signals=True,
    )
    s.routine(7, infra=1)
    s.fx("meta-mysql", "request_rate", "mul", 0.0, 0.0, 0.33)
    s.fx("meta-mysql", "cpu_utilisation", "to", 0.02, 0.0, 0.33)
    s.silence("meta-mysql", 0.0)
    s.hit("query-api", 0.33, err=0.52, ramp=0.67)
    s.hit("billing-svc", 0.33, err=0.41, ramp=0.67)
    s.hit("dashboard-ui", 0.67, err=0.3, ramp=0.67)
    s.hit("report-mailer", 1.0, err=0.35, ramp=1.0)
    s.stream(
        "query-api",
        0.33,
        18,
        [
            (
                1,
                E,
                "Error 2003 (HY000): Can't connect to MySQL server on 'meta-mysql.data-plane:3306' (111)",
                {"error.type": "mysql.MySQLError", "destination.address": "meta-mysql.data-plane", **HTRACE},
            ),
        ],
        ramp=0.5,
    )
    s.stream(
        "billing-svc",
        0.33,
        6,
        [
            (
                1,
                E,
                "SequelizeConnectionRefusedError: connect ECONNREFUSED 10.60.3.14:3306",
                {"error.type": "SequelizeConnectionRefusedError", "destination.address": "10.60.3.14"},
            ),
        ],
        ramp=0.5,
    )
    s.stream(
        "dashboard-ui",
        0.67,
        6,
        [
            (1, E, "GET /api/dashboards/«int:1000:99999» -> 500 from query-api", {"http.response.status_code": 500}),
        ],
        ramp=0.5,
    )
    s.group_by = ["namespace"]
    s.alert(
        "Http5xxRatioHigh",
        "query-api",
        "page",
        4.0,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("query-api", "error_ratio", "pct"),
    )
    s.alert(
        "Http5xxRatioHigh",
        "billing-svc",
        "warning",
        4.67,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("billing-svc", "error_ratio", "pct"),
    )
    s.alert(
        "ErrorBudgetBurnFast",
        "dashboard-ui",
        "page",
        6.0,
        "{svc} error budget burning fast",
        "{svc} is burning its 99.95% error budget at more than 14x (5m error ratio {value}).",
        value=("dashboard-ui", "error_ratio", "pct"),
    )
    return s


def hold_sched_pg_network_policy():
    s = Scenario(
        "carebridge-appointments-5xx",
        holdout=True,
        seed=9011,
        topo=CLINIC,
        services=[
            "portal-web",
            "patient-api",
            "appointments-svc",
            "sched-pg",
            "rabbit-bus",
            "reminders-worker",
            "mailgun",
            "identity-proxy",
            "okta",
        ],
        onset="2025-01-07T13:48:00Z",
        now_after=12,
        step=90,
        hours=3,
        description="Appointment booking fails for most patients since about 13:49 UTC; the appointments service "
        "returns 5xx after long waits.",
        cause="infrastructure",
        culprit="sched-pg",
        distractor="none beyond routine changes; the infra change is a network policy, not a node event",
    )
    s.routine(7)
    s.change(
        "sched-pg",
        "infra",
        -3.0,
        dur=1.0,
        version=None,
        prev=None,
        author="azure-pipelines",
        description=(
            "NetworkPolicy care-prod/sched-pg-ingress v7 applied: allow ingress only from pods labelled "
            "db-client=sched-pg (SEC-330)"
        ),
    )
    s.fx("sched-pg", "request_rate", "mul", 0.06, 0.0, 1.0)
    s.fx("sched-pg", "cpu_utilisation", "to", 0.06, 0.0, 1.0)
    s.silence("sched-pg", 0.0, keep=0.3)
    s.hit("appointments-svc", 1.5, err=0.7, ramp=1.5)
    s.fx("appointments-svc", "latency_p99_seconds", "to", 15.2, 1.5, 1.5)
    s.hit("patient-api", 1.5, err=0.27, lat=4.0, ramp=1.5)
    s.hit("portal-web", 3.0, err=0.1, ramp=1.5)
    s.stream(
        "appointments-svc",
        1.5,
        16,
        [
            (
                2,
                E,
                "Npgsql.NpgsqlException (0x80004005): Exception while connecting ---> System.TimeoutException: "
                "Timeout during "
                "connection attempt to sched-pg.care-prod.svc.cluster.local:5432",
                {
                    "error.type": "Npgsql.NpgsqlException",
                    "destination.address": "sched-pg.care-prod.svc.cluster.local",
                    **HTRACE,
                },
            ),
            (
                1,
                W,
                "Request finished HTTP/1.1 POST /bookings - 500 - - «float:15000:15400:1»ms",
                {"http.response.status_code": 500},
            ),
        ],
        ramp=1.5,
    )
    s.stream(
        "patient-api",
        1.5,
        8,
        [
            (
                1,
                E,
                "appointments-svc returned 500 for GET /api/patients/«int:100000:999999»/appointments",
                {"http.response.status_code": 502, **HTRACE},
            ),
        ],
        ramp=1.5,
    )
    s.alert(
        "Http5xxRatioHigh",
        "appointments-svc",
        "page",
        7.5,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("appointments-svc", "error_ratio", "pct"),
    )
    return s


def hold_cockroach_disk_stall():
    s = Scenario(
        "pixelforge-inventory-purchase-failures",
        holdout=True,
        seed=9012,
        topo=GAME,
        services=[
            "game-gateway",
            "inventory-svc",
            "store-api",
            "items-cockroach",
            "xsolla",
            "steam-api",
            "leaderboard",
            "scores-redis",
        ],
        onset="2025-03-01T03:27:00Z",
        now_after=11,
        step=45,
        hours=3,
        description="Inventory and store purchases fail intermittently since 03:27 UTC; item grants after matches are "
        "delayed.",
        cause="infrastructure",
        culprit="items-cockroach",
        runbook="node-not-ready",
        distractor=(
            "culprit's signals absent from signals.json; no change event (disk stall and NotReady only in logs); "
            "multiple alerts"
        ),
    )
    s.omit_signals.add("items-cockroach")
    s.routine(7)
    bad_pod = s.pod_on("items-cockroach", 2)
    bad_node = s.node_of("items-cockroach", 2)
    s.hit("items-cockroach", 0.0, lat=25.0, rr=0.6, ramp=1.5)
    s.hit("items-cockroach", -0.75, sat=1.0, ramp=1.0)
    s.silence("items-cockroach", 2.0, pods=[bad_pod])
    s.stream(
        "items-cockroach",
        -0.5,
        3,
        [
            (1, E, "disk stall detected: unable to sync log files within 20s", {"error.type": "disk_stall"}),
        ],
        end=2.0,
        pods=[bad_pod],
    )
    s.once(
        "items-cockroach",
        1.0,
        E,
        "file write stall detected: disk slowness detected: syncdata on file "
        "/cockroach/cockroach-data/«int:100000:999999».log "
        "has been ongoing for 20.0s",
        pod=bad_pod,
    )
    s.once(
        "items-cockroach",
        2.2,
        W,
        f"Node {bad_node} status is now: NodeNotReady",
        {"host.name": bad_node, "event.dataset": "kubernetes.event"},
    )
    others = [p for p, _ in s.pods["items-cockroach"] if p != bad_pod]
    s.stream(
        "items-cockroach",
        0.5,
        6,
        [
            (
                1,
                W,
                "[n«int:1:2»] slow range RPC: have been waiting «float:20:60:2»s (1 attempts) for RPC Get to "
                "r«int:100:9999»; "
                "resp: node n3 unavailable; try another peer",
                None,
            ),
        ],
        ramp=1.0,
        pods=others,
    )
    s.hit("inventory-svc", 0.75, err=0.35, lat=30.0, ramp=1.5)
    s.hit("store-api", 0.75, err=0.2, lat=8.0, ramp=1.5)
    s.hit("game-gateway", 1.5, err=0.08, ramp=1.5)
    s.stream(
        "inventory-svc",
        0.75,
        14,
        [
            (
                1,
                E,
                "ERROR: result is ambiguous (error=rpc error: code = Unavailable desc = node n3 unavailable) "
                "(SQLSTATE 40003)",
                {
                    "error.type": "pgconn.PgError",
                    "destination.address": "items-cockroach-public.live-ops.svc",
                    **HTRACE,
                },
            ),
        ],
        ramp=1.5,
    )
    s.stream(
        "store-api",
        0.75,
        5,
        [
            (
                1,
                E,
                "purchase «uuid» failed: timeout: context deadline exceeded (items-cockroach-public:26257)",
                {"http.response.status_code": 503, **HTRACE},
            ),
        ],
        ramp=1.5,
    )
    s.group_by = ["namespace"]
    s.alert(
        "Http5xxRatioHigh",
        "inventory-svc",
        "page",
        4.5,
        "{svc}: 5xx ratio {value}",
        "More than 2% of {svc} responses are 5xx (current {value}) for 5m.",
        value=("inventory-svc", "error_ratio", "pct"),
    )
    s.alert(
        "CockroachNodeUnavailable",
        "items-cockroach",
        "warning",
        6.0,
        "{svc}: a node is not live",
        "{svc} reports fewer live nodes than expected.",
    )
    return s


def hold_adyen_timeouts():
    s = Scenario(
        "ridely-trip-end-payment-latency",
        holdout=True,
        seed=9013,
        topo=RIDE,
        services=[
            "rider-gateway",
            "trip-orchestrator",
            "payments-core",
            "ledger-pg",
            "adyen",
            "matching-svc",
            "pricing-engine",
            "notify-dispatcher",
            "nats-bus",
            "vonage",
        ],
        onset="2025-02-04T18:36:20Z",
        now_after=11,
        step=20,
        hours=2.5,
        description="Payment authorisation at trip end takes over 8 s and fails for some riders since 18:36 UTC.",
        cause="external",
        culprit="adyen",
        runbook="third-party-outage",
        distractor="innocent deploy of payments-core (the alerting caller) 6 minutes before the external degrades",
    )
    s.routine(7)
    s.change(
        "payments-core",
        "deploy",
        -6.0,
        dur=3.0,
        version="7aa1c04",
        prev="91d3e6b",
        author="a.mensah@ridely.io",
        description="feat(payments): 3DS2 exemption flags for low-value trips",
    )
    s.rollout("payments-core", -5.8, 2.8, "payments-core 7aa1c04 up; psp=adyen live endpoint, timeout=8000ms")
    s.fx("payments-core", "latency_p99_seconds", "to", 8.2, 0.0, 1.5)
    s.hit("payments-core", 0.0, err=0.18, sat=0.92, ramp=2.0)
    s.hit("trip-orchestrator", 0.67, err=0.05, lat=2.0, ramp=2.0)
    s.stream(
        "payments-core",
        0.0,
        20,
        [
            (
                3,
                E,
                "adyen /payments call timed out after 8000ms (merchantAccount=RidelyEU, reference=trip-«ALNUM:10»)",
                {"error.type": "TimeoutException", "destination.address": "checkout-live.adyenpayments.com", **HTRACE},
            ),
            (
                1,
                E,
                'Adyen API responded 500: {"status":500,"errorCode":"000","message":"Unknown '
                'error","errorType":"internal","pspReference":"«ALNUM:16»"}',
                {"destination.address": "checkout-live.adyenpayments.com", "http.response.status_code": 500},
            ),
        ],
        ramp=2.0,
    )
    s.stream(
        "trip-orchestrator",
        0.67,
        8,
        [
            (1, W, "trip «ALNUM:10» completed but payment capture deferred: payments-core timeout", None),
        ],
        ramp=2.0,
    )
    s.alert(
        "LatencySLOBreach",
        "payments-core",
        "page",
        6.0,
        "{svc} p99 latency above 800ms",
        "p99 of {svc} is {value} over 5m.",
        value=("payments-core", "latency_p99_seconds", "ms"),
    )
    return s


def hold_okta_latency():
    s = Scenario(
        "carebridge-portal-login-failures",
        holdout=True,
        seed=9014,
        topo=CLINIC,
        services=[
            "portal-web",
            "identity-proxy",
            "okta",
            "session-store",
            "patient-api",
            "appointments-svc",
            "sched-pg",
            "records-svc",
            "records-mongo",
            "gcs",
        ],
        onset="2025-03-25T07:58:30Z",
        now_after=10,
        step=10,
        hours=2,
        description="Patients cannot sign in to the portal reliably since 07:58 UTC; login takes over 6 s or fails. A "
        "cache eviction alert from earlier this morning has cleared.",
        cause="external",
        culprit="okta",
        runbook="third-party-outage",
        distractor="resolved session-store alert among the firing ones; earlier session-store anomaly",
    )
    s.routine(7)
    s.hit("identity-proxy", 0.0, err=0.28, ramp=1.5)
    s.fx("identity-proxy", "latency_p99_seconds", "to", 6.1, 0.0, 1.5)
    s.hit("patient-api", 0.33, err=0.09, ramp=1.5)
    s.hit("portal-web", 0.5, err=0.12, lat=3.0, ramp=1.5)
    s.hit("session-store", -64.0, sat=0.95, ramp=3.0, end=-40.0, recover=5.0)
    s.stream(
        "session-store",
        -64.0,
        2,
        [
            (
                1,
                W,
                "slab class «int:10:30»: evicted «int:400:2000» items in the last minute (memory limit reached)",
                None,
            ),
        ],
        end=-40.0,
    )
    s.stream(
        "identity-proxy",
        0.0,
        24,
        [
            (
                3,
                E,
                'okta introspect failed: Post "https://carebridge.okta.com/oauth2/default/v1/introspect": context '
                "deadline "
                "exceeded (Client.Timeout exceeded while awaiting headers)",
                {"error.type": "url.Error", "destination.address": "carebridge.okta.com", **HTRACE},
            ),
            (
                1,
                E,
                "okta token refresh for session «hex:24» returned 503 Service Unavailable",
                {"destination.address": "carebridge.okta.com", "http.response.status_code": 503},
            ),
        ],
        ramp=1.5,
    )
    s.stream(
        "portal-web",
        0.5,
        8,
        [
            (
                1,
                E,
                "login redirect failed: identity-proxy /oauth2/callback 502 after «int:5000:6500»ms",
                {"http.response.status_code": 502},
            ),
        ],
        ramp=1.5,
    )
    s.group_by = ["namespace"]
    s.alert(
        "MemcachedEvictionsHigh",
        "session-store",
        "warning",
        -60.0,
        "{svc} evicting items",
        "{svc} evicts more than 500 items/s.",
        status="resolved",
        end=-38.0,
    )
    s.alert(
        "ErrorBudgetBurnFast",
        "portal-web",
        "page",
        5.0,
        "{svc} error budget burning fast",
        "{svc} is burning its 99.95% error budget at more than 14x (5m error ratio {value}).",
        value=("portal-web", "error_ratio", "pct"),
    )
    s.alert(
        "LatencySLOBreach",
        "identity-proxy",
        "warning",
        5.5,
        "{svc} p99 latency above 800ms",
        "p99 of {svc} is {value} over 5m.",
        value=("identity-proxy", "latency_p99_seconds", "ms"),
    )
    return s


HOLD_SCENARIOS = [
    hold_matching_release,
    hold_records_serializer_release,
    hold_pricing_config_push,
    hold_leaderboard_flag,
    hold_stream_processor_leak,
    hold_appointments_pool,
    hold_lobby_tournament_surge,
    hold_collector_retry_storm_no_logs,
    hold_geo_index_unreachable,
    hold_meta_mysql_down,
    hold_sched_pg_network_policy,
    hold_cockroach_disk_stall,
    hold_adyen_timeouts,
    hold_okta_latency,
]


# --------------------------------------------------------------------------------------------
# README, validation, main
# --------------------------------------------------------------------------------------------

CAUSES = (
    "deploy",
    "config_change",
    "resource_saturation",
    "traffic_surge",
    "dependency_outage",
    "infrastructure",
    "external",
)
RUNBOOKS = (
    "rollback-a-deploy",
    "revert-config-change",
    "connection-pool-exhaustion",
    "memory-pressure-oom",
    "traffic-surge-autoscaling",
    "dependency-outage",
    "node-not-ready",
    "third-party-outage",
)


def readme_dev(dev: list[Scenario], hold: list[Scenario]) -> str:
    lines = [
        "# Replay scenarios",
        "",
        'Replayable incidents in the "Scenario folder" format of the top-level README (`scenario.yaml`, `alerts.json`,',
        "`catalog.yaml`, `signals.json`, `logs.jsonl`, `deploys.json`). Every file here is generated; do not edit by "
        "hand.",
        "",
        "Regenerate (deterministic, byte-identical output; stdlib + PyYAML):",
        "",
        "```",
        "python tests/scenarios/generate.py",
        "```",
        "",
        "The script also writes the held-out set in `tests/holdout/` (another company's estate: different service",
        f"names, topologies, sampling steps, magnitudes, wording and seeds; {len(hold)} scenarios, listed in",
        "`tests/holdout/README.md`; use it only to check that the engine generalises) and copies",
        f"`{DEMO_SCENARIO}` to `bot/demo/scenario/` (the bundled demo incident). It validates every folder and",
        "prints a summary table.",
        "",
        "Evaluate: `opsdesk eval tests/scenarios` (development) and `opsdesk eval tests/holdout` (held out).",
        "",
        f"## Development set ({len(dev)} scenarios)",
        "",
        "| scenario | step | cause | culprit | distractor |",
        "|---|---|---|---|---|",
    ]
    for s in dev:
        lines.append(f"| `{s.name}` | {s.step}s | {s.cause} | {s.culprit} | {s.distractor} |")
    lines.append("")
    return "\n".join(lines)


def readme_hold(hold: list[Scenario]) -> str:
    lines = [
        "# Held-out scenarios",
        "",
        "Generated by `python tests/scenarios/generate.py`; do not edit by hand and do not tune the engine on these.",
        "Another company's estate (ride-hailing, clinic, game and analytics platforms) with different service names,",
        "catalogs, sampling steps (10/20/45/90 s), magnitudes, timings, log wording and seeds than `tests/scenarios/`.",
        "",
        "Scenario names describe the symptom only, so that nothing but the data can reveal the answer.",
        "",
        "| scenario | step | cause | culprit | distractor |",
        "|---|---|---|---|---|",
    ]
    for s in hold:
        lines.append(f"| `{s.name}` | {s.step}s | {s.cause} | {s.culprit} | {s.distractor} |")
    lines.append("")
    return "\n".join(lines)


def validate_folder(folder: Path) -> dict:
    """Re-read a written folder from disk and check the contract; returns summary facts."""
    problems = []

    def check(cond, msg):
        if not cond:
            problems.append(msg)

    scn = yaml.safe_load((folder / "scenario.yaml").read_text())
    for key in ("name", "description", "now", "alerts", "catalog", "signals", "deploys", "expected"):
        check(key in scn, f"scenario.yaml lacks {key}")
    now = parse_iso(scn["now"])
    listed = {scn[k] for k in ("alerts", "catalog", "signals", "logs", "deploys") if k in scn}
    present = {p.name for p in folder.iterdir()}
    check(present == listed | {"scenario.yaml"}, f"files {sorted(present)} != listed {sorted(listed)}")
    catalog = yaml.safe_load((folder / scn["catalog"]).read_text())
    services = catalog["services"]
    check(5 <= len(services) <= 12, f"catalog has {len(services)} services")
    for name, spec in services.items():
        if spec.get("kind") == "external":
            check(spec == {"kind": "external"}, f"external {name} has extra keys")
            continue
        for key in ("team", "tier", "channel", "owners", "depends_on", "signals"):
            check(key in spec, f"catalog {name} lacks {key}")
        for dep in spec["depends_on"]:
            check(dep in services, f"{name} depends on unknown {dep}")
    if "defaults" in catalog:
        check(set(catalog["defaults"]["signals"]) == set(SIGNALS), "defaults.signals not the six standard signals")
    exp = scn["expected"]
    check(exp["cause"] in CAUSES, f"bad cause {exp['cause']}")
    check(exp["culprit"] in services, f"culprit {exp['culprit']} not in catalog")
    check(exp.get("runbook") is None or exp["runbook"] in RUNBOOKS, f"bad runbook {exp.get('runbook')}")

    body = json.loads((folder / scn["alerts"]).read_text())
    check(body["version"] == "4", "alerts version")
    for key in (
        "receiver",
        "status",
        "groupKey",
        "groupLabels",
        "commonLabels",
        "commonAnnotations",
        "externalURL",
        "truncatedAlerts",
        "alerts",
    ):
        check(key in body, f"alerts.json lacks {key}")
    firing = resolved = 0
    for al in body["alerts"]:
        lab = al["labels"]
        for key in ("alertname", "service", "severity"):
            check(key in lab, f"alert lacks label {key}")
        check(lab["service"] in services, f"alert service {lab['service']} not in catalog")
        check(services[lab["service"]].get("kind") != "external", "alert on an external")
        check(re.fullmatch(r"[0-9a-f]{16}", al["fingerprint"]) is not None, "fingerprint")
        starts = datetime.strptime(al["startsAt"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()
        check(starts <= now, f"alert {lab['alertname']} starts after now")
        if al["status"] == "firing":
            firing += 1
            check(al["endsAt"] == "0001-01-01T00:00:00Z", "firing endsAt")
        else:
            resolved += 1
            ends = datetime.strptime(al["endsAt"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()
            check(starts < ends <= now, "resolved endsAt")
    check(firing >= 1, "no firing alert")

    signals = json.loads((folder / scn["signals"]).read_text())
    steps = set()
    first = now
    for svc, sigs in signals.items():
        check(svc in services and services[svc].get("kind") != "external", f"signals for {svc}")
        for sig, pts in sigs.items():
            check(sig in SIGNALS, f"unknown signal {sig}")
            ts = [p[0] for p in pts]
            check(all(isinstance(t, int) for t in ts), "non-integer timestamps")
            check(ts == sorted(ts) and ts[-1] <= now, f"{svc}/{sig} timestamps")
            first = min(first, ts[0])
            steps.update(b - a for a, b in itertools.pairwise(ts))
            if sig != "request_rate" and sig != "latency_p99_seconds":
                check(all(0 <= p[1] <= 1 for p in pts), f"{svc}/{sig} out of [0,1]")
            check(all(p[1] >= 0 for p in pts), f"{svc}/{sig} negative")
    step = min(steps)
    check(all(s % step == 0 for s in steps), "irregular step")
    check(2 * 3600 - step <= now - first <= 3 * 3600 + step, f"window {(now - first) / 3600:.2f}h")

    n_logs = 0
    if "logs" in scn:
        prev = ""
        for line in (folder / scn["logs"]).read_text().splitlines():
            doc = json.loads(line)
            n_logs += 1
            check(doc["service"]["name"] in services, f"log service {doc['service']['name']}")
            check(doc["log"]["level"] in ("info", "warn", "error"), "log level")
            check(isinstance(doc["message"], str) and doc["message"], "log message")
            t = doc["@timestamp"]
            check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", t) is not None, f"timestamp format {t}")
            check(t >= prev, "logs not sorted")
            prev = t
            check(datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp() <= now, "log after now")
            check("«" not in line, "unrendered token in log")
        check(n_logs < MAX_LOG_LINES, f"{n_logs} log lines")

    deploys = json.loads((folder / scn["deploys"]).read_text())
    for ev in deploys:
        check(
            set(ev)
            == {
                "id",
                "service",
                "kind",
                "version",
                "previous_version",
                "started_at",
                "finished_at",
                "author",
                "description",
            },
            "deploy keys",
        )
        check(ev["service"] in services, f"deploy service {ev['service']}")
        check(ev["kind"] in ("deploy", "config", "flag", "infra"), "deploy kind")
        check(parse_iso(ev["started_at"]) <= parse_iso(ev["finished_at"]) <= now, "deploy times")
        check(now - parse_iso(ev["started_at"]) <= 25 * 3600, "deploy older than 25h")
    if problems:
        raise SystemExit(f"{folder}: " + "; ".join(problems))
    return {
        "step": step,
        "services": len(services),
        "alerts": f"{firing}f/{resolved}r",
        "logs": n_logs if "logs" in scn else "-",
        "changes": len(deploys),
        "kb": sum(p.stat().st_size for p in folder.iterdir()) // 1024,
        "cause": exp["cause"],
        "culprit": exp["culprit"],
    }


def write_set(scenarios: list[Scenario], root: Path) -> None:
    names = {s.name for s in scenarios}
    assert len(names) == len(scenarios), "duplicate scenario names"
    root.mkdir(parents=True, exist_ok=True)
    for d in sorted(root.iterdir()):
        if d.is_dir() and (d / "scenario.yaml").exists() and d.name not in names:
            shutil.rmtree(d)
    for s in scenarios:
        s.write(root / s.name)


def main() -> None:
    dev = [f() for f in DEV_SCENARIOS]
    hold = [f() for f in HOLD_SCENARIOS]
    dev_names = {s.name for s in dev}
    assert not dev_names & {s.name for s in hold}
    dev_services = {n for s in dev for n in s.svcs}
    hold_services = {n for s in hold for n in s.svcs}
    shared = dev_services & hold_services
    assert not shared, f"holdout reuses development service names: {sorted(shared)}"
    assert not {s.step for s in dev} & {s.step for s in hold}, "holdout must use other sampling steps"
    assert not {s.seed for s in dev} & {s.seed for s in hold}

    write_set(dev, DEV_DIR)
    write_set(hold, HOLD_DIR)
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    src = DEV_DIR / DEMO_SCENARIO
    for f in DEMO_DIR.iterdir():
        if f.is_file() and not (src / f.name).exists():
            f.unlink()
    for f in sorted(src.iterdir()):
        shutil.copyfile(f, DEMO_DIR / f.name)
    (DEV_DIR / "README.md").write_text(readme_dev(dev, hold), encoding="utf-8")
    (HOLD_DIR / "README.md").write_text(readme_hold(hold), encoding="utf-8")

    rows = []
    for label, root, scns in (("dev", DEV_DIR, dev), ("holdout", HOLD_DIR, hold)):
        counts = {c: 0 for c in CAUSES}
        for s in scns:
            facts = validate_folder(root / s.name)
            counts[facts["cause"]] += 1
            rows.append((label, s.name, facts))
        missing = [c for c, n in counts.items() if n < 2]
        assert not missing, f"{label}: causes with fewer than 2 scenarios: {missing}"
    demo = validate_folder(DEMO_DIR)
    assert demo["cause"] == "deploy"
    assert demo["culprit"] == "checkout"

    cols = ("set", 8), ("scenario", 38), ("cause", 20), ("culprit", 18)
    header = (
        " ".join(f"{c:{w}}" for c, w in cols)
        + f" {'step':>4} {'svcs':>4} {'alerts':>6} {'logs':>5} {'chg':>3} {'kB':>5}"
    )
    print(header)
    print("-" * len(header))
    for label, name, f in rows:
        print(
            f"{label:8} {name:38} {f['cause']:20} {f['culprit']:18} {f['step']:>4} {f['services']:>4} "
            f"{f['alerts']:>6} {f['logs']!s:>5} {f['changes']:>3} {f['kb']:>5}"
        )
    print(
        f"\n{len(dev)} development + {len(hold)} held-out scenarios valid; demo copied to {DEMO_DIR.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
