#!/usr/bin/env python3
"""Fresh replay scenarios for opsdesk, written independently of ``tests/scenarios/generate.py``.

Four companies that the development and held-out sets never saw (a retail bank's core
platform, a parcel-logistics tracking platform, a video-conferencing service and an internal
CI/build platform), each with its own naming convention, catalog, sampling step, diurnal
shape, noise level, signal coverage and log format. Every scenario follows the top-level README
"Scenario folder" contract; folder names describe the symptom only.

Deterministic: every random draw comes from ``random.Random(seed)`` of its scenario, nothing
reads the clock and nothing uses ``hash()``, so a re-run writes byte-identical files.

    python tests/fresh/generate.py            # rewrite every scenario + README, then validate
    python tests/fresh/generate.py --check    # validate what is on disk only

stdlib + PyYAML only.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import sys
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

SIG = {
    "rr": "request_rate",
    "err": "error_ratio",
    "lat": "latency_p99_seconds",
    "cpu": "cpu_utilisation",
    "mem": "memory_utilisation",
    "sat": "saturation",
}
ALIAS = {v: k for k, v in SIG.items()}
BOUNDED = {"err", "cpu", "mem", "sat"}
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
DEBUG = "--debug" in sys.argv

Env = Callable[[float], float]


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------


def epoch(day: str, hms: str) -> float:
    if hms.count(":") == 1:
        hms += ":00"
    return datetime.fromisoformat(f"{day}T{hms}+00:00").timestamp()


def dt(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


def ts_z(t: float) -> str:
    """Second precision, Z (change events)."""
    return dt(t).strftime("%Y-%m-%dT%H:%M:%SZ")


def ts_ms(t: float) -> str:
    d = dt(t)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


def ts_us(t: float) -> str:
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def sig3(v: float, digits: int = 4) -> float:
    if v == 0 or not math.isfinite(v):
        return 0.0
    return float(f"{v:.{digits}g}")


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def bump(h: float, centre: float, width: float) -> float:
    d = min(abs(h - centre), 24 - abs(h - centre))
    return math.exp(-0.5 * (d / width) ** 2)


def hexid(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def token(rng: random.Random, n: int, alphabet: str = "bcdfghjklmnpqrstvwxz2456789") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def bump_version(v: str) -> str:
    head, _, tail = v.rpartition(".")
    digits = "".join(c for c in tail if c.isdigit())
    prefix = tail[: len(tail) - len(digits)] if digits and tail.endswith(digits) else tail
    if not digits:
        return v + ".1"
    return f"{head}.{prefix}{int(digits) + 1}" if head else f"{prefix}{int(digits) + 1}"


# envelopes: functions of time returning 0..1 -------------------------------------------------


def ramp(t0: float, rise: float = 0.0, t1: float | None = None, fall: float = 0.0) -> Env:
    def env(t: float) -> float:
        if t < t0:
            return 0.0
        up = 1.0 if rise <= 0 else min(1.0, (t - t0) / rise)
        if t1 is not None and t >= t1:
            down = 0.0 if fall <= 0 else max(0.0, 1.0 - (t - t1) / fall)
            return min(up, down)
        return up

    return env


def curve(t0: float, t1: float, power: float = 1.0) -> Env:
    def env(t: float) -> float:
        if t <= t0:
            return 0.0
        return min(1.0, (t - t0) / (t1 - t0)) ** power

    return env


def steps(times: list[float], rise: float = 0.0) -> Env:
    n = len(times)

    def env(t: float) -> float:
        total = 0.0
        for s in times:
            if t >= s:
                total += 1.0 if rise <= 0 else min(1.0, (t - s) / rise)
        return total / n

    return env


# ---------------------------------------------------------------------------------------------
# companies
# ---------------------------------------------------------------------------------------------


@dataclass
class Svc:
    name: str
    team: str
    tier: int | None = None
    depends_on: tuple[str, ...] = ()
    kind: str = "service"
    cover: str = ""
    base: dict[str, float] = field(default_factory=dict)
    role: str = "api"
    replicas: int = 3
    sts: bool = False
    version: str = "1.0.0"
    load: str = "diurnal"  # diurnal | flat | periodic
    flat: str = ""  # aliases that ignore the diurnal load
    bg: float = 8.0  # background log lines per hour
    overrides: dict[str, str] = field(default_factory=dict)
    description: str | None = None

    @property
    def external(self) -> bool:
        return self.kind == "external"

    @property
    def aliases(self) -> list[str]:
        return self.cover.split()


@dataclass
class Company:
    key: str
    title: str
    namespace: str
    cluster: str
    header: str
    services: list[Svc]
    channels: dict[str, str]
    owners: dict[str, list[str]]
    default_signals: dict[str, str]
    diurnal: Callable[[float], float]
    noise: float
    spike_p: float
    authors: list[str]
    receiver: str
    external_url: str
    prom_url: str
    runbook_base: str
    alert_labels: dict[str, str]
    team_label: str
    group_by: list[str]
    log_style: str
    periodic: Callable[[float], float] | None = None

    def svc(self, name: str) -> Svc:
        for s in self.services:
            if s.name == name:
                return s
        raise KeyError(name)

    def load(self, svc: Svc, t: float) -> float:
        if svc.load == "flat":
            return 1.0
        d = dt(t)
        h = d.hour + d.minute / 60 + d.second / 3600
        value = self.diurnal(h)
        if svc.load == "periodic" and self.periodic is not None:
            value *= self.periodic(t)
        return value


# ---------------------------------------------------------------------------------------------
# the scenario builder
# ---------------------------------------------------------------------------------------------


@dataclass
class Effect:
    svc: str
    alias: str
    env: Env
    mag: float
    op: str
    jitter: float


@dataclass
class AlertSpec:
    name: str
    svc: str
    alias: str
    op: str
    threshold: float
    for_s: float
    severity: str
    summary: str
    description: str
    labels: dict[str, str]
    window: float
    resolved: bool
    after: float
    fixed: tuple[float, float | None] | None = None
    unit: str = "pct"
    expr: str | None = None


@dataclass
class Pod:
    name: str
    version: str
    since: float
    until: float


@dataclass
class LogLine:
    t: float
    svc: str
    level: str
    msg: str
    host: str
    kw: dict[str, Any]


class Scenario:
    def __init__(
        self,
        co: Company,
        name: str,
        seed: int,
        day: str,
        fault: str,
        start: str,
        step: int,
        *,
        cause: str,
        culprit: str,
        description: str,
        distractor: str,
        runbook: str | None = None,
        now_delay: float = 300,
        deploys: bool = True,
    ) -> None:
        self.co = co
        self.name = name
        self.seed = seed
        self.rng = random.Random(seed)
        self.day = day
        self.step = step
        self.T = epoch(day, fault)
        self.start = math.floor(epoch(day, start) / step) * step
        self.horizon = self.T + 75 * 60
        self.times = list(range(int(self.start), int(self.horizon), step))
        self.cause = cause
        self.culprit = culprit
        self.description = description
        self.distractor = distractor
        self.runbook = runbook
        self.now_delay = now_delay
        self.has_deploys = deploys
        self.effects: list[Effect] = []
        self.alerts: list[AlertSpec] = []
        self.changes: list[dict[str, Any]] = []
        self.lines: list[LogLine] = []
        self.gaps: list[tuple[str, str | None, float, float]] = []
        self.hidden: dict[str, set[str]] = {}
        self.no_signals: set[str] = set()
        self.no_logs: set[str] = set()
        self.bg_scale: dict[str, float] = {}
        self.random_gaps = {"tallyhold": 4, "haulpath": 2, "confera": 6, "forgeyard": 3}[co.key]
        self.versions = {s.name: s.version for s in co.services}
        self.pods: dict[str, list[Pod]] = {}
        for s in co.services:
            if s.external:
                continue
            self.pods[s.name] = [Pod(self.pod_name(s, i), s.version, -1e18, 1e18) for i in range(s.replicas)]
        self.now = 0.0

    # --- time ------------------------------------------------------------------------------
    def t(self, hms: str) -> float:
        return epoch(self.day, hms)

    def m(self, minutes: float) -> float:
        """Fault time plus ``minutes``."""
        return self.T + minutes * 60

    # --- pods and versions -------------------------------------------------------------------
    def pod_name(self, s: Svc, i: int) -> str:
        slug = s.name.replace("_", "-").replace(".", "-").lower()
        if s.sts:
            return f"{slug}-{i}"
        rs = getattr(self, "_rs", {}).get(s.name)
        if rs is None:
            rs = token(self.rng, 10, "bcdfghjklmnpqrstvwxz2456789")
            self._rs = {**getattr(self, "_rs", {}), s.name: rs}
        return f"{slug}-{rs}-{token(self.rng, 5)}"

    def active(self, svc: str, t: float) -> list[Pod]:
        return [p for p in self.pods[svc] if p.since <= t < p.until]

    def host(self, svc: str, t: float, new: bool | None = None) -> str:
        pods = self.active(svc, t)
        if new is not None and len(self.versions_seen(svc)) > 1:
            latest = self.pods[svc][-1].version
            pods = [p for p in pods if (p.version == latest) == new] or pods
        return self.rng.choice(pods).name if pods else svc

    def versions_seen(self, svc: str) -> set[str]:
        return {p.version for p in self.pods[svc]}

    def version_of(self, svc: str, host: str) -> str:
        for p in self.pods.get(svc, []):
            if p.name == host:
                return p.version
        return self.versions[svc]

    def rollout(self, svc: str, t0: float, t1: float, version: str) -> list[float]:
        """Replace the pods one by one between t0 and t1; returns when each new pod is ready."""
        s = self.co.svc(svc)
        old = self.active(svc, t0)
        self._rs = {**getattr(self, "_rs", {}), svc: token(self.rng, 10)}
        n = len(old)
        ready = []
        for i, pod in enumerate(old):
            at = t0 + (t1 - t0) * (i + 1) / n
            pod.until = at
            new = Pod(self.pod_name(s, i), version, at, 1e18)
            self.pods[svc].append(new)
            ready.append(at)
        return ready

    # --- changes ---------------------------------------------------------------------------
    def change(
        self,
        cid: str,
        svc: str,
        kind: str,
        started: float,
        finished: float | None,
        description: str,
        author: str | None = None,
        version: str | None = None,
        previous: str | None = None,
    ) -> None:
        self.changes.append(
            {
                "id": cid,
                "service": svc,
                "kind": kind,
                "version": version,
                "previous_version": previous,
                "started_at": started,
                "finished_at": finished,
                "author": author if author is not None else self.rng.choice(self.co.authors),
                "description": description,
            }
        )

    def deploy(
        self,
        svc: str,
        started: float,
        minutes: float,
        description: str,
        *,
        cid: str | None = None,
        author: str | None = None,
        version: str | None = None,
        logs: Callable[[float, str, str], None] | None = None,
    ) -> list[float]:
        previous = self.versions[svc]
        version = version or bump_version(previous)
        finished = started + minutes * 60
        ready = self.rollout(svc, started, finished, version)
        self.versions[svc] = version
        self.change(
            cid or self.change_id(started), svc, "deploy", started, finished, description, author, version, previous
        )
        for at in ready:
            pod = next(p for p in self.pods[svc] if p.since == at and p.version == version)
            if logs is not None:
                logs(at + self.rng.uniform(1, 8), pod.name, version)
        return ready

    def change_id(self, t: float) -> str:
        k = self.co.key
        if k == "tallyhold":
            return f"CHG00{self.rng.randint(41000, 49999)}"
        if k == "haulpath":
            return f"hp-rel-{self.rng.randint(8000, 9999)}"
        if k == "confera":
            return f"dpl-{dt(t).strftime('%Y%m%d%H%M')}-{hexid(self.rng, 4)}"
        return f"argo-{hexid(self.rng, 7)}"

    # --- signals ---------------------------------------------------------------------------
    def fx(self, svc: str, env: Env, jitter: float = 0.0, **kw: float) -> None:
        """Effects with each signal's usual operation: rr/lat multiply, err adds, cpu/mem/sat move to a target."""
        for alias, mag in kw.items():
            op = {"rr": "mul", "lat": "mul", "err": "add"}.get(alias, "to")
            self.effects.append(Effect(svc, alias, env, mag, op, jitter))

    def eff(self, svc: str, alias: str, env: Env, mag: float, op: str, jitter: float = 0.0) -> None:
        self.effects.append(Effect(svc, alias, env, mag, op, jitter))

    def gap(self, svc: str, alias: str | None, t0: float, t1: float) -> None:
        self.gaps.append((svc, alias, t0, t1))

    def hide(self, svc: str, aliases: str) -> None:
        self.hidden.setdefault(svc, set()).update(aliases.split())

    def baseline(self, s: Svc, alias: str) -> list[float]:
        rng = self.rng
        co = self.co
        base = s.base[alias]
        phi = math.exp(-self.step / 240.0)
        scale = math.sqrt(1 - phi * phi)
        n = rng.gauss(0, 1)
        period = rng.uniform(900, 2400)
        phase = rng.uniform(0, period)
        out = []
        sigma = co.noise
        for t in self.times:
            n = phi * n + scale * rng.gauss(0, 1)
            white = rng.gauss(0, 1)
            d = 1.0 if alias in s.flat else co.load(s, t)
            if alias == "rr":
                v = base * d * (1 + sigma * n + 0.4 * sigma * white)
            elif alias == "err":
                v = base * (0.55 + 0.45 * min(d, 1.3)) * max(0.05, 1 + 3 * sigma * n + 2.5 * sigma * white)
            elif alias == "lat":
                v = base * (0.85 + 0.15 * min(d, 1.4)) * math.exp(1.6 * sigma * n + 0.8 * sigma * white)
            elif alias == "cpu":
                v = base * (0.35 + 0.65 * d) * (1 + sigma * n + 0.5 * sigma * white)
            elif alias == "mem":
                saw = ((t + phase) % period) / period
                v = base * (1 + 0.04 * (saw - 0.5)) * (1 + 0.3 * sigma * n + 0.1 * sigma * white)
            else:  # sat
                v = base * (0.45 + 0.55 * d) * (1 + 1.3 * sigma * n + 0.6 * sigma * white)
            if alias in ("rr", "err", "lat") and rng.random() < co.spike_p:
                v *= rng.uniform(1.25, 2.2)
            out.append(v)
        return out

    def series(self) -> dict[str, dict[str, list[float]]]:
        data: dict[str, dict[str, list[float]]] = {}
        for s in self.co.services:
            if s.external or s.name in self.no_signals:
                continue
            for alias in s.aliases:
                if alias in self.hidden.get(s.name, set()):
                    continue
                data.setdefault(s.name, {})[alias] = self.baseline(s, alias)
        for e in self.effects:
            values = data.get(e.svc, {}).get(e.alias)
            if values is None:
                continue
            for i, t in enumerate(self.times):
                k = e.env(t)
                if k <= 0:
                    continue
                v = values[i]
                if e.op == "mul":
                    v = v * (1 + (e.mag - 1) * k)
                elif e.op == "add":
                    v = v + e.mag * k
                else:
                    v = v + (e.mag - v) * k
                if e.jitter:
                    v *= 1 + self.rng.gauss(0, e.jitter) * k
                values[i] = v
        digits = 3 if self.step <= 10 else 4
        for sigs in data.values():
            for alias, values in sigs.items():
                for i, v in enumerate(values):
                    v = max(v, 0.0)
                    if alias in BOUNDED:
                        v = min(v, 1.0)
                    values[i] = round(sig3(v, digits), 6 if alias != "rr" else 3)
        return data

    # --- alerts ----------------------------------------------------------------------------
    def alert(
        self,
        name: str,
        svc: str,
        alias: str,
        op: str,
        threshold: float,
        for_s: float,
        severity: str,
        summary: str,
        description: str,
        *,
        labels: dict[str, str] | None = None,
        window: float = 300,
        resolved: bool = False,
        after: float | None = None,
        fixed: tuple[float, float | None] | None = None,
        unit: str = "pct",
        expr: str | None = None,
    ) -> None:
        self.alerts.append(
            AlertSpec(
                name,
                svc,
                alias,
                op,
                threshold,
                for_s,
                severity,
                summary,
                description,
                labels or {},
                window,
                resolved,
                after if after is not None else self.T - 600,
                fixed,
                unit,
                expr,
            )
        )

    def evaluate(self, spec: AlertSpec, data: dict[str, dict[str, list[float]]]) -> tuple[float, float | None, float]:
        if spec.fixed is not None:
            return spec.fixed[0], spec.fixed[1], spec.threshold
        values = data[spec.svc][spec.alias]
        n_window = max(1, round(spec.window / self.step))
        pending: float | None = None
        fired: float | None = None
        value_at_fire = 0.0
        for i, t in enumerate(self.times):
            if t < spec.after:
                continue
            window = values[max(0, i - n_window + 1) : i + 1]
            mean = sum(window) / len(window)
            hot = mean > spec.threshold if spec.op == ">" else mean < spec.threshold
            if fired is None:
                if hot:
                    pending = t if pending is None else pending
                    if t - pending >= spec.for_s:
                        fired = t + self.rng.uniform(2, min(28, self.step))
                        value_at_fire = mean
                else:
                    pending = None
            elif not hot:
                return fired, t + self.rng.uniform(2, min(28, self.step)), value_at_fire
        if fired is None:
            raise SystemExit(f"{self.name}: alert {spec.name} never fires")
        return fired, None, value_at_fire

    # --- logs ------------------------------------------------------------------------------
    def emit(self, svc: str, t: float, level: str, msg: str, host: str | None = None, **kw: Any) -> None:
        if host is None:
            host = self.host(svc, t) if svc in self.pods else svc
        self.lines.append(LogLine(t, svc, level, msg, host, kw))

    def burst(
        self,
        svc: str,
        env: Env,
        per_min: float,
        make: Callable[[float], dict[str, Any] | None],
        t0: float | None = None,
        t1: float | None = None,
    ) -> None:
        t = math.floor((t0 if t0 is not None else self.start) / 60) * 60
        end = t1 if t1 is not None else self.horizon
        while t < end:
            k = poisson(self.rng, per_min * env(t + 30))
            for _ in range(k):
                at = t + self.rng.random() * 60
                if at >= end or env(at) <= 0:
                    continue
                spec = make(at)
                if spec is None:
                    continue
                spec = dict(spec)
                level = spec.pop("level")
                msg = spec.pop("msg")
                self.emit(svc, at, level, msg, **spec)
            t += 60

    def every(self, svc: str, t0: float, t1: float, period: float, make: Callable[[float], dict[str, Any]]) -> None:
        t = t0 + self.rng.uniform(0, period)
        while t < t1:
            spec = dict(make(t))
            level = spec.pop("level")
            msg = spec.pop("msg")
            self.emit(svc, t, level, msg, **spec)
            t += period * self.rng.uniform(0.8, 1.2)

    # --- build -----------------------------------------------------------------------------
    def build(self, root: Path) -> dict[str, Any]:
        data = self.series()
        evaluated = []
        for spec in self.alerts:
            starts, ends, value = self.evaluate(spec, data)
            evaluated.append((spec, starts, ends, value))
        primary = evaluated[0]
        if primary[0].resolved:
            raise SystemExit(f"{self.name}: the first alert must be firing")
        self.now = math.floor(primary[1] + self.now_delay)
        now = self.now
        body_alerts = []
        for spec, starts, ends, value in evaluated:
            if starts > now:
                raise SystemExit(f"{self.name}: alert {spec.name} starts after now ({dt(starts)} > {dt(now)})")
            if spec.resolved and (ends is None or ends > now):
                raise SystemExit(f"{self.name}: alert {spec.name} should be resolved by now")
            if not spec.resolved and ends is not None and ends <= now:
                raise SystemExit(f"{self.name}: alert {spec.name} resolved before now ({dt(ends)})")
            body_alerts.append(self.alert_json(spec, starts, ends if spec.resolved else None, value))
        if DEBUG:
            for spec, starts, ends, value in evaluated:
                rel = (starts - self.T) / 60
                print(
                    f"   {self.name[:28]:<28} {spec.name:<30} {rel:+7.1f} min  value={value:.4g}"
                    + (f" ends {(ends - self.T) / 60:+.1f}" if ends else "")
                )
            print(f"   now = fault {(now - self.T) / 60:+.1f} min")
        write_scenario(self, root, data, body_alerts)
        return {
            "name": self.name,
            "cause": self.cause,
            "culprit": self.culprit,
            "distractor": self.distractor,
            "step": self.step,
            "company": self.co.title,
        }

    def alert_json(self, spec: AlertSpec, starts: float, ends: float | None, value: float) -> dict[str, Any]:
        co = self.co
        s = co.svc(spec.svc)
        labels = {"alertname": spec.name, "service": spec.svc, "severity": spec.severity}
        labels.update(co.alert_labels)
        labels[co.team_label] = s.team
        labels.update(spec.labels)
        shown = {
            "pct": f"{value * 100:.1f}%",
            "s": f"{value:.2f}s",
            "ratio": f"{value:.2f}",
            "n": f"{value:.0f}",
        }[spec.unit]
        thr = {
            "pct": f"{spec.threshold * 100:g}%",
            "s": f"{spec.threshold:g}s",
            "ratio": f"{spec.threshold:g}",
            "n": f"{spec.threshold:g}",
        }[spec.unit]
        annotations = {
            "summary": spec.summary.format(service=spec.svc, value=shown, threshold=thr),
            "description": spec.description.format(service=spec.svc, value=shown, threshold=thr),
            "runbook_url": f"{co.runbook_base}/{spec.name}",
        }
        template = {**co.default_signals, **s.overrides}.get(SIG[spec.alias], "")
        expr = spec.expr or template.replace("{service}", spec.svc) + f" {spec.op} {spec.threshold:g}"
        url = f"{co.prom_url}/graph?g0.expr={urllib.parse.quote(expr, safe='')}&g0.tab=1"
        fingerprint = hashlib.sha256(json.dumps(labels, sort_keys=True).encode()).hexdigest()[:16]
        return {
            "status": "resolved" if ends is not None else "firing",
            "labels": labels,
            "annotations": annotations,
            "startsAt": am_time(starts),
            "endsAt": am_time(ends) if ends is not None else "0001-01-01T00:00:00Z",
            "generatorURL": url,
            "fingerprint": fingerprint,
        }


def am_time(t: float) -> str:
    d = dt(t)
    frac = f"{d.microsecond:06d}".rstrip("0")
    return d.strftime("%Y-%m-%dT%H:%M:%S") + (f".{frac}" if frac else "") + "Z"


# ---------------------------------------------------------------------------------------------
# log documents (ECS), one style per company
# ---------------------------------------------------------------------------------------------


def jerr(etype: str, message: str, *frames: str) -> dict[str, str]:
    """A Java exception as ECS error fields; the stack trace keeps its first lines only."""
    stack = f"{etype}: {message}" + "".join(f"\n\tat {f}" for f in frames)
    return {"type": etype, "message": message, "stack_trace": stack}


def log_doc(sc: Scenario, line: LogLine) -> dict[str, Any]:
    style = sc.co.log_style
    kw = line.kw
    svc = sc.co.svc(line.svc)
    doc: dict[str, Any] = {}
    if style == "java":
        doc["@timestamp"] = ts_ms(line.t)
        log: dict[str, Any] = {"level": line.level.upper()}
        if kw.get("logger"):
            log["logger"] = kw["logger"]
        doc["log"] = log
        service: dict[str, Any] = {"name": line.svc}
        if svc.role == "api" and not kw.get("node"):
            service["version"] = sc.version_of(line.svc, line.host)
        doc["service"] = service
        doc["host"] = {"name": line.host}
        if kw.get("thread"):
            doc["process"] = {"thread": {"name": kw["thread"]}}
        doc["message"] = line.msg
    elif style == "logfmt":
        doc["@timestamp"] = ts_us(line.t)
        doc["service"] = {"name": line.svc, "environment": "production"}
        log = {"level": line.level.lower()}
        if kw.get("origin"):
            file, _, number = kw["origin"].partition(":")
            log["origin"] = {"file": {"name": file, "line": int(number)}}
        doc["log"] = log
        doc["message"] = line.msg
        doc["host"] = {"name": line.host}
        doc["event"] = {"dataset": kw.get("dataset") or f"{line.svc}.app"}
    elif style == "mixed":
        doc["@timestamp"] = ts_ms(line.t)
        doc["service"] = {"name": line.svc}
        log = {"level": line.level.lower()}
        if kw.get("logger"):
            log["logger"] = kw["logger"]
        doc["log"] = log
        doc["message"] = line.msg
        doc["host"] = {"name": line.host}
        if kw.get("az"):
            doc["cloud"] = {"availability_zone": kw["az"]}
        if kw.get("dataset"):
            doc["event"] = {"dataset": kw["dataset"]}
    else:  # ci
        doc["@timestamp"] = ts_ms(line.t)
        doc["log"] = {"level": line.level.lower()}
        doc["service"] = {"name": line.svc}
        doc["host"] = {"name": line.host}
        doc["message"] = line.msg
        if kw.get("dataset"):
            doc["event"] = {"dataset": kw["dataset"]}
    if kw.get("error"):
        error = kw["error"]
        doc["error"] = dict(error) if isinstance(error, dict) else {"message": str(error)}
    if kw.get("status"):
        doc["http"] = {"response": {"status_code": kw["status"]}}
    if kw.get("path"):
        doc["url"] = {"path": kw["path"]}
    if kw.get("ua"):
        doc["user_agent"] = {"original": kw["ua"]}
    if kw.get("trace"):
        doc["trace"] = {"id": hexid(sc.rng, 32)}
    if kw.get("labels"):
        doc["labels"] = kw["labels"]
    return doc


# ---------------------------------------------------------------------------------------------
# background logs: what each kind of service says on a normal day
# ---------------------------------------------------------------------------------------------

ROUTES = {
    "web_banking": [("GET", "/api/accounts/summary"), ("GET", "/api/cards"), ("POST", "/api/transfers")],
    "teller_api": [("POST", "/v3/transfers"), ("GET", "/v3/accounts/{iban}/balance"), ("GET", "/v3/fx/quote")],
    "posting_engine": [("POST", "/internal/postings"), ("POST", "/internal/postings/reverse")],
    "balance_svc": [("GET", "/v2/balances/{account}"), ("POST", "/v2/balances/batch")],
    "fx_quote": [("GET", "/quote/{pair}")],
    "card_auth": [("POST", "/iso8583/0100"), ("POST", "/cards/{id}/controls")],
    "fraud_rules": [("POST", "/score")],
    "auth_session": [("POST", "/sessions"), ("GET", "/sessions/{sid}")],
    "portal.web": [("GET", "/track/{id}"), ("GET", "/shipments"), ("POST", "/shipments/{id}/label")],
    "track.api": [("GET", "/v2/parcels/{id}"), ("GET", "/v2/parcels/{id}/events"), ("GET", "/v2/parcels/{id}/eta")],
    "scan.ingest": [("POST", "/v1/scans:batch")],
    "scan.query": [("GET", "/v1/scans"), ("GET", "/v1/hubs/{hub}/scans")],
    "arrival.model": [("POST", "/predict")],
    "address.verify": [("POST", "/v1/verify")],
    "label.svc": [("POST", "/v1/labels"), ("GET", "/v1/labels/{id}")],
    "account.svc": [("GET", "/v1/accounts/{id}"), ("POST", "/v1/login")],
    "rooms": [("POST", "/v1/rooms/join"), ("GET", "/v1/rooms/{id}")],
    "chat": [("POST", "/v1/chat/{room}/messages"), ("GET", "/v1/chat/{room}/messages")],
    "idp": [("POST", "/v1/auth/session"), ("POST", "/v1/auth/refresh")],
    "pres": [("GET", "/v1/presence"), ("PUT", "/v1/presence/{user}")],
    "buildapi": [("POST", "/api/v4/pipelines"), ("GET", "/api/v4/pipelines/{id}"), ("GET", "/api/v4/jobs/{id}/log")],
    "webui": [("GET", "/pipelines"), ("GET", "/pipelines/{id}")],
}
DEPOTS = ["LEJ2", "DUS1", "HAM3", "MUC1", "FRA4", "BER2", "CGN1", "STR2"]
CARRIERS = ["DPD", "GLS", "HP-OWN", "UPS"]
REPOS = ["forgeyard/monorepo", "forgeyard/ios-app", "forgeyard/android-app", "forgeyard/infra", "forgeyard/web"]


def pick(rng: random.Random, options: list[tuple[float, Callable[[], dict[str, Any]]]]) -> dict[str, Any]:
    total = sum(w for w, _ in options)
    x = rng.random() * total
    for w, fn in options:
        x -= w
        if x <= 0:
            return fn()
    return options[-1][1]()


def route(sc: Scenario, svc: str) -> tuple[str, str]:
    return sc.rng.choice(ROUTES.get(svc, [("GET", "/healthz")]))


def bg_line(sc: Scenario, s: Svc, t: float) -> dict[str, Any]:
    rng = sc.rng
    co = sc.co.key
    name = s.name
    lat_ms = s.base.get("lat", 0.2) * 1000
    if co == "tallyhold":
        if s.role == "api":
            method, path = route(sc, name)
            thread = f"http-nio-8080-exec-{rng.randint(1, 64)}"
            return pick(
                rng,
                [
                    (
                        60,
                        lambda: {
                            "level": "info",
                            "msg": f"{method} {path} status={rng.choice([200, 200, 200, 201, 204])} "
                            f"took={int(lat_ms * rng.uniform(0.1, 0.6))}ms",
                            "logger": "c.t.platform.web.AccessLogFilter",
                            "thread": thread,
                            "trace": True,
                        },
                    ),
                    (
                        14,
                        lambda: {
                            "level": "info",
                            "msg": f"HikariPool-1 - Pool stats (total=40, active={rng.randint(2, 14)}, "
                            f"idle={rng.randint(20, 36)}, waiting=0)",
                            "logger": "com.zaxxer.hikari.pool.HikariPool",
                            "thread": "HikariPool-1 housekeeper",
                        },
                    ),
                    (
                        10,
                        lambda: {
                            "level": "warn",
                            "msg": f"Slow request {method} {path} took={int(lat_ms * rng.uniform(2.5, 5))}ms "
                            "(threshold 1500ms)",
                            "logger": "c.t.platform.web.SlowRequestLogger",
                            "thread": thread,
                        },
                    ),
                    (
                        5,
                        lambda: {
                            "level": "error",
                            "msg": f"Client aborted {method} {path}",
                            "logger": "o.a.c.c.C.[Tomcat].[localhost]",
                            "thread": thread,
                            "error": jerr(
                                "org.apache.catalina.connector.ClientAbortException",
                                "java.io.IOException: Broken pipe",
                                "org.apache.catalina.connector.OutputBuffer.realWriteBytes(OutputBuffer.java:346)",
                            ),
                        },
                    ),
                    (
                        6,
                        lambda: {
                            "level": "warn",
                            "msg": rng.choice(
                                [
                                    "Request rejected: 400 BAD_REQUEST invalid IBAN checksum",
                                    "Request rejected: 422 UNPROCESSABLE_ENTITY amount exceeds daily limit",
                                    "Request rejected: 401 UNAUTHORIZED expired access token",
                                ]
                            ),
                            "logger": "c.t.platform.web.ProblemHandler",
                            "thread": thread,
                        },
                    ),
                    (
                        5,
                        lambda: {
                            "level": "info",
                            "msg": "Refreshed JWKS from https://login.tallyhold.eu/.well-known/jwks.json (3 keys)",
                            "logger": "c.t.security.JwksCache",
                            "thread": "scheduling-1",
                        },
                    ),
                ],
            )
        if s.role == "batch":
            return pick(
                rng,
                [
                    (
                        5,
                        lambda: {
                            "level": "info",
                            "msg": f"Intraday mini-statement job completed (accounts={rng.randint(800, 2600)}, "
                            f"{rng.uniform(1.2, 4.8):.1f}s)",
                            "logger": "c.t.statements.StatementJobScheduler",
                            "thread": "scheduling-1",
                        },
                    ),
                    (
                        2,
                        lambda: {
                            "level": "info",
                            "msg": "Next scheduled run: month-end statements MR at 15:00 UTC on last business day",
                            "logger": "c.t.statements.StatementJobScheduler",
                            "thread": "scheduling-1",
                        },
                    ),
                ],
            )
        if s.role == "pg":
            return pick(
                rng,
                [
                    (
                        4,
                        lambda: {
                            "level": "info",
                            "msg": f"LOG:  checkpoint complete: wrote {rng.randint(900, 4200)} buffers "
                            f"({rng.uniform(0.4, 2.9):.1f}%); 0 WAL file(s) added, 0 removed, "
                            f"{rng.randint(1, 6)} recycled; write={rng.uniform(20, 140):.3f} s, "
                            f"sync={rng.uniform(0.01, 0.3):.3f} s, total={rng.uniform(20, 140):.3f} s",
                        },
                    ),
                    (
                        3,
                        lambda: {
                            "level": "info",
                            "msg": 'LOG:  automatic vacuum of table "journal.public.journal_entries": index scans: 1',
                        },
                    ),
                    (
                        1,
                        lambda: {
                            "level": "info",
                            "msg": f"LOG:  duration: {rng.uniform(1000, 1900):.3f} ms  statement: SELECT "
                            "count(*) FROM journal_entries WHERE booked_at >= $1",
                        },
                    ),
                ],
            )
        if s.role == "redis":
            stamp = dt(t).strftime("%d %b %Y %H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}"
            return pick(
                rng,
                [
                    (3, lambda: {"level": "info", "msg": f"1:M {stamp} * 10000 changes in 60 seconds. Saving..."}),
                    (
                        3,
                        lambda: {
                            "level": "info",
                            "msg": f"1:M {stamp} * Background saving started by pid {rng.randint(1000, 9999)}",
                        },
                    ),
                    (3, lambda: {"level": "info", "msg": f"1:M {stamp} * Background saving terminated with success"}),
                ],
            )
        # kafka
        stamp = dt(t).strftime("%Y-%m-%d %H:%M:%S,") + f"{dt(t).microsecond // 1000:03d}"
        return pick(
            rng,
            [
                (
                    4,
                    lambda: {
                        "level": "info",
                        "msg": f"[{stamp}] INFO [LocalLog partition=postings-{rng.randint(0, 23)}, "
                        f"dir=/var/lib/kafka/data] Rolled new log segment at offset {rng.randint(10**7, 9 * 10**7)} "
                        f"in {rng.randint(1, 6)} ms. (kafka.log.LocalLog)",
                    },
                ),
                (
                    2,
                    lambda: {
                        "level": "info",
                        "msg": f"[{stamp}] INFO [GroupCoordinator {rng.randint(0, 2)}]: Assignment received from "
                        "leader for group posting-projections for generation 412 (kafka.coordinator.group)",
                    },
                ),
            ],
        )
    if co == "haulpath":
        if s.role == "go":
            method, path = route(sc, name)
            file = f"{name.split('.')[0]}/{rng.choice(['handler', 'server', 'client'])}.go:{rng.randint(40, 400)}"
            return pick(
                rng,
                [
                    (
                        55,
                        lambda: {
                            "level": "info",
                            "msg": f'msg="request served" method={method} route={path} status=200 '
                            f"dur_ms={int(lat_ms * rng.uniform(0.15, 0.7))}",
                            "origin": file,
                        },
                    ),
                    (
                        10,
                        lambda: (
                            {
                                "level": "info",
                                "msg": f'msg="batch accepted" depot={rng.choice(DEPOTS)} '
                                f"scans={rng.randint(20, 240)} dur_ms={rng.randint(20, 90)}",
                                "origin": file,
                            }
                            if name == "scan.ingest"
                            else {
                                "level": "info",
                                "msg": f'msg="pool stats" open={rng.randint(4, 30)} '
                                f"idle={rng.randint(2, 10)} wait_count=0",
                                "origin": file,
                            }
                        ),
                    ),
                    (
                        9,
                        lambda: {
                            "level": "warn",
                            "msg": f'msg="slow request" method={method} route={path} '
                            f"dur_ms={int(lat_ms * rng.uniform(2.5, 6))}",
                            "origin": file,
                        },
                    ),
                    (
                        5,
                        lambda: {
                            "level": "error",
                            "msg": f'msg="request failed" method={method} route={path} status=499 '
                            'err="context canceled"',
                            "origin": file,
                        },
                    ),
                    (
                        4,
                        lambda: {
                            "level": "warn",
                            "msg": 'msg="invalid parcel id" status=400 '
                            f"parcel={rng.choice(['HP', 'JJD', '00340'])}{token(rng, 6, '0123456789')}",
                            "origin": file,
                        },
                    ),
                ],
            )
        if s.role == "cassandra":
            return pick(
                rng,
                [
                    (
                        5,
                        lambda: {
                            "level": "info",
                            "msg": f"INFO  [CompactionExecutor:{rng.randint(100, 900)}] CompactionTask.java:253 - "
                            f"Compacted ({hexid(rng, 8)}) {rng.randint(2, 6)} sstables to "
                            f"[/var/lib/cassandra/data/parcels/events-{hexid(rng, 8)}] "
                            f"{rng.randint(40, 400)}MiB to {rng.randint(30, 300)}MiB",
                            "dataset": "cassandra.log",
                        },
                    ),
                    (
                        2,
                        lambda: {
                            "level": "warn",
                            "msg": "WARN  [ScheduledTasks:1] NoSpamLogger.java:108 - Some operations were slow, "
                            "details available at debug level (debug.log)",
                            "dataset": "cassandra.log",
                        },
                    ),
                ],
            )
        if s.role == "kafka":
            stamp = dt(t).strftime("%Y-%m-%d %H:%M:%S,") + f"{dt(t).microsecond // 1000:03d}"
            return {
                "level": "info",
                "msg": f"[{stamp}] INFO [ProducerStateManager partition=scans.v3-{rng.randint(0, 11)}] "
                f"Wrote producer snapshot at offset {rng.randint(10**8, 9 * 10**8)} with 4 producer ids "
                f"in {rng.randint(1, 9)} ms. (kafka.log.ProducerStateManager)",
                "dataset": "kafka.log",
            }
        if s.role == "opensearch":
            stamp = dt(t).strftime("%Y-%m-%dT%H:%M:%S,") + f"{dt(t).microsecond // 1000:03d}"
            return pick(
                rng,
                [
                    (
                        3,
                        lambda: {
                            "level": "info",
                            "msg": f"[{stamp}][INFO ][o.o.j.s.JobSweeper] [search-os-{rng.randint(0, 2)}] "
                            "Running full sweep",
                            "dataset": "opensearch.server",
                        },
                    ),
                    (
                        2,
                        lambda: {
                            "level": "warn",
                            "msg": f"[{stamp}][WARN ][o.o.m.j.JvmGcMonitorService] [search-os-{rng.randint(0, 2)}] "
                            f"[gc][young][{rng.randint(10000, 90000)}][{rng.randint(1000, 9000)}] "
                            f"duration [{rng.randint(300, 700)}ms], collections [1]/[1.1s]",
                            "dataset": "opensearch.server",
                        },
                    ),
                ],
            )
        # pg
        return {
            "level": "info",
            "msg": f"LOG:  checkpoint complete: wrote {rng.randint(100, 900)} buffers ({rng.uniform(0.1, 0.9):.1f}%)",
            "dataset": "postgresql.log",
        }
    if co == "confera":
        az = sc.rng.choice(["us-east-1a", "us-east-1b", "us-east-1c"])
        if s.role == "nginx":
            stamp = dt(t).strftime("%Y/%m/%d %H:%M:%S")
            pid = rng.randint(20, 40)
            return pick(
                rng,
                [
                    (
                        4,
                        lambda: {
                            "level": "info",
                            "msg": f"{stamp} [info] {pid}#{pid}: "
                            f"*{rng.randint(10**5, 10**7)} client closed connection while waiting for request, "
                            f"client: 10.20.{rng.randint(0, 255)}.{rng.randint(1, 254)}, server: 0.0.0.0:443",
                            "dataset": "nginx.error",
                            "az": az,
                        },
                    ),
                    (
                        2,
                        lambda: {
                            "level": "warn",
                            "msg": f"{stamp} [warn] {pid}#{pid}: "
                            f"*{rng.randint(10**5, 10**7)} an upstream response is buffered to a temporary file "
                            f"/var/cache/nginx/proxy_temp/{rng.randint(1, 9)}/{rng.randint(10, 99)}/"
                            f"{rng.randint(10**9, 10**10)} while reading upstream",
                            "dataset": "nginx.error",
                            "az": az,
                        },
                    ),
                ],
            )
        if s.role == "go":
            return pick(
                rng,
                [
                    (
                        6,
                        lambda: {
                            "level": "info",
                            "msg": {
                                "rooms": "participant joined",
                                "sig": "ws session opened",
                                "sfu": "track subscribed",
                                "turn": "allocation created",
                                "dial": "pstn leg connected",
                                "pres": "presence batch served",
                                "chat": "message stored",
                            }.get(name, "ok"),
                            "logger": f"{name}.server",
                            "labels": {"room": f"r-{token(rng, 8)}"},
                            "az": az,
                        },
                    ),
                    (
                        2,
                        lambda: {
                            "level": "warn",
                            "msg": {
                                "sfu": "nack storm from subscriber",
                                "sig": "client ping timeout",
                                "turn": "allocation refresh failed",
                            }.get(name, "slow handler"),
                            "logger": f"{name}.server",
                            "labels": {"dur_ms": str(int(lat_ms * rng.uniform(3, 6)))},
                            "az": az,
                        },
                    ),
                    (
                        1,
                        lambda: {
                            "level": "error",
                            "msg": "client went away",
                            "logger": f"{name}.server",
                            "error": {"message": "websocket: close 1006 (abnormal closure): unexpected EOF"},
                            "az": az,
                        },
                    ),
                ],
            )
        if s.role == "node":
            method, path = route(sc, name)
            return pick(
                rng,
                [
                    (
                        6,
                        lambda: {
                            "level": "info",
                            "msg": "request completed",
                            "logger": "pino-http",
                            "labels": {
                                "method": method,
                                "route": path,
                                "status": "200",
                                "responseTime": str(int(lat_ms * rng.uniform(0.2, 0.8))),
                            },
                            "az": az,
                        },
                    ),
                    (
                        1,
                        lambda: {
                            "level": "warn",
                            "msg": "invalid refresh token",
                            "logger": "auth",
                            "labels": {"status": "401"},
                            "az": az,
                        },
                    ),
                ],
            )
        if s.role == "py":
            rec = f"rec_{token(rng, 10)}"
            return pick(
                rng,
                [
                    (
                        5,
                        lambda: {
                            "level": "info",
                            "msg": f"uploaded part {rng.randint(1, 40)}/40 of {rec} (16.0 MiB) in "
                            f"{rng.uniform(0.6, 1.9):.2f}s",
                            "logger": "recorder.upload",
                            "az": az,
                        },
                    ),
                    (
                        2,
                        lambda: {
                            "level": "info",
                            "msg": f"recording {rec} finalised: {rng.randint(3, 95)} min, {rng.randint(80, 2000)} MiB",
                            "logger": "recorder.session",
                            "az": az,
                        },
                    ),
                ],
            )
        if s.role == "redis":
            stamp = dt(t).strftime("%d %b %Y %H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}"
            return {"level": "info", "msg": f"1:S {stamp} * MASTER <-> REPLICA sync: Finished with success"}
        return {
            "level": "info",
            "msg": f"LOG:  checkpoint complete: wrote {rng.randint(100, 2400)} buffers ({rng.uniform(0.1, 1.9):.1f}%)",
            "logger": "postgres",
        }
    # forgeyard (CI)
    if s.role == "py":
        method, path = route(sc, name)
        return pick(
            rng,
            [
                (
                    6,
                    lambda: {
                        "level": "info",
                        "msg": f"[{name}.views] {method} {path} {rng.choice([200, 200, 201])} "
                        f"({int(lat_ms * rng.uniform(0.2, 0.8))}ms)",
                    },
                ),
                (
                    1,
                    lambda: {
                        "level": "warning",
                        "msg": f"[{name}.auth] token for user id={rng.randint(100, 999)} expired",
                    },
                ),
            ],
        )
    if s.role == "node":
        method, path = route(sc, name)
        return {
            "level": "info",
            "msg": f"{method} {path} {rng.choice([200, 200, 304])} {int(lat_ms * rng.uniform(0.2, 0.8))}ms",
        }
    if s.role == "go":
        repo = rng.choice(REPOS)
        text = {
            "webhookd": f"delivery accepted event={rng.choice(['push', 'pull_request', 'check_suite'])} repo={repo} "
            f"delivery={hexid(rng, 8)}-{hexid(rng, 4)} redelivery=false",
            "scheduler": f"dispatched job={rng.randint(900000, 999999)} repo={repo} "
            f"runner=rf-linux-x64-{token(rng, 5)} "
            f"queue_wait_s={rng.uniform(1, 12):.1f}",
            "runner-fleet": f"job {rng.randint(900000, 999999)} finished status=success "
            f"duration={int(rng.uniform(180, 700))}s (cache: hit)",
            "gitmirror": f"fetch github.com/{repo}: ok ({rng.uniform(0.8, 3.2):.1f}s, "
            f"{rng.randint(1, 30)} refs updated)",
            "cachesrv": f"GET /cache/v1/objects/sha256:{hexid(rng, 12)} 200 {rng.uniform(1, 80):.1f}MB "
            f"{rng.uniform(0.05, 0.9):.2f}s",
            "artifactd": f"stored artifact {repo}/{rng.randint(80000, 99999)}/build.zip "
            f"({rng.randint(2, 900)} MiB) in {rng.uniform(0.4, 6):.1f}s",
            "logstream": f"archived log chunk job={rng.randint(900000, 999999)} seq={rng.randint(1, 60)}",
        }.get(name, "ok")
        if rng.random() < 0.08:
            return {"level": "warn", "msg": f"slow operation: {text.split(' ')[0]} took {rng.uniform(3, 9):.1f}s"}
        return {"level": "info", "msg": text}
    if s.role == "pg":
        return {
            "level": "info",
            "msg": f"LOG:  checkpoint complete: wrote {rng.randint(200, 3000)} buffers ({rng.uniform(0.2, 2.2):.1f}%)",
        }
    if s.role == "rabbit":
        stamp = dt(t).strftime("%Y-%m-%d %H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}"
        return {
            "level": "info",
            "msg": f"{stamp} [info] <0.{rng.randint(1000, 40000)}.{rng.randint(0, 9)}> accepting AMQP connection "
            f"<0.{rng.randint(1000, 40000)}.0> (10.30.{rng.randint(0, 20)}.{rng.randint(2, 250)}:"
            f"{rng.randint(30000, 60000)} -> 10.30.1.9:5672)",
        }
    # minio
    return pick(
        rng,
        [
            (
                3,
                lambda: {
                    "level": "info",
                    "msg": f"Healing: bucket ci-artifacts scanned {rng.randint(1000, 9000)} objects, 0 healed",
                },
            ),
            (
                1,
                lambda: {
                    "level": "warn",
                    "msg": "lifecycle: expiry scan for bucket ci-artifacts skipped: previous scan still running "
                    f"(started {ts_z(epoch(sc.day, '02:00') - 3 * 86400)})",
                },
            ),
        ],
    )


def background(sc: Scenario) -> None:
    for s in sc.co.services:
        if s.external or s.name in sc.no_logs:
            continue
        rate = s.bg * sc.bg_scale.get(s.name, 1.0) / 3600.0
        t = sc.start + sc.rng.expovariate(rate)
        while t < sc.horizon:
            load = sc.co.load(s, t)
            if sc.rng.random() < min(1.0, 0.35 + 0.65 * load):
                spec = dict(bg_line(sc, s, t))
                level = spec.pop("level")
                msg = spec.pop("msg")
                sc.emit(s.name, t, level, msg, **spec)
            t += sc.rng.expovariate(rate)


# ---------------------------------------------------------------------------------------------
# writing a folder
# ---------------------------------------------------------------------------------------------


def yq(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def catalog_text(co: Company) -> str:
    out = [f"# Service catalog - {co.header}", "defaults:", "  signals:"]
    for name in SIG.values():
        if name in co.default_signals:
            out.append(f"    {name}: {yq(co.default_signals[name])}")
    out.append("services:")
    block = co.key in ("tallyhold", "forgeyard")
    for s in co.services:
        if s.external:
            if s.description:
                out += [f"  {s.name}:", "    kind: external", f"    description: {yq(s.description)}"]
            else:
                out.append(f"  {s.name}: {{kind: external}}")
            continue
        out.append(f"  {s.name}:")
        if s.description:
            out.append(f"    description: {yq(s.description)}")
        out.append(f"    team: {s.team}")
        if s.tier is not None:
            out.append(f"    tier: {s.tier}")
        out.append(f'    channel: "{co.channels[s.team]}"')
        out.append(f"    owners: [{', '.join(json.dumps(o) for o in co.owners[s.team])}]")
        if block and s.depends_on:
            out.append("    depends_on:")
            out += [f"      - {d}" for d in s.depends_on]
        else:
            out.append(f"    depends_on: [{', '.join(s.depends_on)}]")
        if s.overrides:
            out.append("    signals:")
            out += [f"      {k}: {yq(v)}" for k, v in s.overrides.items()]
        elif not block:
            out.append("    signals: {}")
    return "\n".join(out) + "\n"


def write_scenario(sc: Scenario, root: Path, data: dict[str, dict[str, list[float]]], alerts: list[dict]) -> None:
    now = sc.now
    folder = root / sc.name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)

    # signals: clip at now, scheduled gaps plus a few scrape gaps well before the fault
    gaps = list(sc.gaps)
    keys = [(svc, alias) for svc, sigs in data.items() for alias in sigs]
    for _ in range(sc.random_gaps):
        svc, alias = sc.rng.choice(keys)
        t0 = sc.rng.uniform(sc.start + 600, sc.T - 1800)
        gaps.append((svc, alias, t0, t0 + sc.step * sc.rng.randint(1, 4)))
    lines = []
    for s in sc.co.services:
        if s.name not in data:
            continue
        sigs = {}
        for alias in SIG:
            if alias not in data[s.name]:
                continue
            points = []
            for t, v in zip(sc.times, data[s.name][alias], strict=True):
                if t > now:
                    break
                if any(g[0] == s.name and g[1] in (None, alias) and g[2] <= t < g[3] for g in gaps):
                    continue
                points.append([t, v])
            sigs[SIG[alias]] = points
        lines.append(f"{json.dumps(s.name)}:{json.dumps(sigs, separators=(',', ':'))}")
    (folder / "signals.json").write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")

    # logs
    background(sc)
    kept = sorted((ln for ln in sc.lines if ln.t <= now and ln.svc not in sc.no_logs), key=lambda ln: (ln.t, ln.svc))
    if len(kept) >= MAX_LOG_LINES:
        raise SystemExit(f"{sc.name}: {len(kept)} log lines (limit {MAX_LOG_LINES})")
    with (folder / "logs.jsonl").open("w", encoding="utf-8") as fh:
        for ln in kept:
            fh.write(json.dumps(log_doc(sc, ln), separators=(",", ":"), ensure_ascii=False) + "\n")

    # changes
    if sc.has_deploys:
        changes = []
        for c in sorted(sc.changes, key=lambda c: c["started_at"]):
            if c["started_at"] > now or (c["finished_at"] is not None and c["finished_at"] > now):
                raise SystemExit(f"{sc.name}: change {c['id']} is after now")
            changes.append(
                {
                    **c,
                    "started_at": ts_z(c["started_at"]),
                    "finished_at": ts_z(c["finished_at"]) if c["finished_at"] is not None else None,
                }
            )
        (folder / "deploys.json").write_text(json.dumps(changes, indent=2) + "\n", encoding="utf-8")

    (folder / "catalog.yaml").write_text(catalog_text(sc.co), encoding="utf-8")

    co = sc.co
    firing = [a for a in alerts if a["status"] == "firing"]
    common = dict(alerts[0]["labels"])
    for a in alerts[1:]:
        common = {k: v for k, v in common.items() if a["labels"].get(k) == v}
    common_ann = dict(alerts[0]["annotations"])
    for a in alerts[1:]:
        common_ann = {k: v for k, v in common_ann.items() if a["annotations"].get(k) == v}
    group = {k: common[k] for k in co.group_by if k in common}
    body = {
        "receiver": co.receiver,
        "status": "firing" if firing else "resolved",
        "alerts": alerts,
        "groupLabels": group,
        "commonLabels": common,
        "commonAnnotations": common_ann,
        "externalURL": co.external_url,
        "version": "4",
        "groupKey": "{}:{" + ", ".join(f'{k}="{v}"' for k, v in group.items()) + "}",
        "truncatedAlerts": 0,
    }
    (folder / "alerts.json").write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")

    first = dt(float(datetime.fromisoformat(firing[0]["startsAt"][:19] + "+00:00").timestamp()))
    spec: dict[str, Any] = {
        "name": sc.name,
        "description": sc.description.format(alert=first.strftime("%H:%M")),
        "now": ts_z(now),
        "alerts": "alerts.json",
        "catalog": "catalog.yaml",
        "signals": "signals.json",
        "logs": "logs.jsonl",
    }
    if sc.has_deploys:
        spec["deploys"] = "deploys.json"
    spec["expected"] = {"cause": sc.cause, "culprit": sc.culprit}
    if sc.runbook:
        spec["expected"]["runbook"] = sc.runbook
    (folder / "scenario.yaml").write_text(
        yaml.safe_dump(spec, sort_keys=False, width=100, allow_unicode=True), encoding="utf-8"
    )


# ---------------------------------------------------------------------------------------------
# the four companies
# ---------------------------------------------------------------------------------------------


def _tallyhold() -> Company:
    def diurnal(h: float) -> float:
        hl = (h + 1) % 24  # CET
        return 0.85 * (
            0.14
            + 0.8 * bump(hl, 10.3, 2.3)
            + 0.45 * bump(hl, 13.2, 1.6)
            + 0.6 * bump(hl, 16.4, 2.6)
            + 0.25 * bump(hl, 20.6, 1.6)
        )

    pg = {
        "request_rate": 'sum(rate(pg_stat_database_xact_commit{cluster="{service}"}[2m])) + '
        'sum(rate(pg_stat_database_xact_rollback{cluster="{service}"}[2m]))',
        "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(pg_query_duration_seconds_bucket{cluster="{service}"}[2m])))',  # noqa: E501
        "cpu_utilisation": 'avg(rate(node_cpu_seconds_total{mode!="idle",cluster="{service}"}[2m]))',
        "memory_utilisation": 'avg(1 - node_memory_MemAvailable_bytes{cluster="{service}"} / node_memory_MemTotal_bytes{cluster="{service}"})',  # noqa: E501
        "saturation": 'max(sum by (instance) (pg_stat_activity_count{cluster="{service}"}) / on (instance) pg_settings_max_connections{cluster="{service}"})',  # noqa: E501
    }
    redis = {
        "request_rate": 'sum(rate(redis_commands_processed_total{service="{service}"}[2m]))',
        "error_ratio": 'sum(rate(redis_commands_rejected_calls_total{service="{service}"}[2m])) / sum(rate(redis_commands_processed_total{service="{service}"}[2m]))',  # noqa: E501
        "latency_p99_seconds": 'max(redis_latency_percentiles_usec{service="{service}",quantile="0.99"}) / 1e6',
        "memory_utilisation": 'max(redis_memory_used_bytes{service="{service}"} / redis_memory_max_bytes{service="{service}"})',  # noqa: E501
    }
    kafka = {
        "request_rate": 'sum(rate(kafka_server_brokertopicmetrics_messagesin_total{cluster="{service}"}[2m]))',
        "latency_p99_seconds": 'max(kafka_network_requestmetrics_totaltimems{cluster="{service}",request="Produce",quantile="0.99"}) / 1000',  # noqa: E501
        "saturation": 'max(kafka_consumergroup_lag_ratio{cluster="{service}"})',
    }
    batch = {
        "request_rate": 'sum(rate(spring_batch_item_read_seconds_count{application="{service}"}[2m]))',
        "saturation": 'max(executor_active_threads{application="{service}",name="statementTaskExecutor"} / executor_pool_max_threads{application="{service}",name="statementTaskExecutor"})',  # noqa: E501
    }
    S = Svc
    services = [
        S(
            "web_banking",
            "digital",
            1,
            ("teller_api", "auth_session", "card_auth"),
            cover="rr err lat cpu mem",
            base={"rr": 420, "err": 0.0025, "lat": 0.62, "cpu": 0.38, "mem": 0.57},
            version="24.45.2",
            replicas=6,
            description="Online banking BFF (web and mobile)",
        ),
        S(
            "teller_api",
            "payments-core",
            1,
            ("posting_engine", "balance_svc", "fx_quote"),
            cover="rr err lat cpu mem sat",
            base={"rr": 260, "err": 0.0018, "lat": 0.48, "cpu": 0.44, "mem": 0.61, "sat": 0.22},
            version="7.3.2",
            replicas=4,
            description="Public payments and accounts API",
        ),
        S(
            "posting_engine",
            "payments-core",
            1,
            ("journal_pg", "posting_bus", "fraud_rules"),
            cover="rr err lat cpu mem sat",
            base={"rr": 95, "err": 0.0008, "lat": 0.21, "cpu": 0.36, "mem": 0.66, "sat": 0.18},
            version="7.13.4",
            replicas=6,
            description="Double-entry posting of every money movement",
        ),
        S(
            "balance_svc",
            "payments-core",
            1,
            ("journal_pg", "hot_cache"),
            cover="rr err lat cpu mem",
            base={"rr": 610, "err": 0.0012, "lat": 0.045, "cpu": 0.31, "mem": 0.52},
            version="3.8.0",
            replicas=4,
        ),
        S(
            "fx_quote",
            "treasury",
            2,
            ("refinitiv", "hot_cache"),
            cover="rr err lat",
            base={"rr": 38, "err": 0.003, "lat": 0.33},
            version="2.2.9",
            replicas=2,
        ),
        S(
            "card_auth",
            "cards",
            1,
            ("visa_dps", "fraud_rules", "balance_svc"),
            cover="rr err lat cpu mem sat",
            base={"rr": 140, "err": 0.0035, "lat": 0.36, "cpu": 0.29, "mem": 0.48, "sat": 0.27},
            version="5.21.3",
            replicas=4,
            description="Card authorisation host (issuer side)",
        ),
        S(
            "fraud_rules",
            "risk",
            2,
            ("hot_cache",),
            cover="rr err lat cpu",
            base={"rr": 235, "err": 0.0006, "lat": 0.028, "cpu": 0.41},
            version="2024.45.1",
            replicas=3,
        ),
        S(
            "auth_session",
            "identity",
            1,
            ("hot_cache",),
            cover="rr err lat mem",
            base={"rr": 88, "err": 0.0015, "lat": 0.12, "mem": 0.44},
            version="11.0.4",
            replicas=3,
        ),
        S(
            "stmt_batch",
            "statements",
            3,
            ("journal_pg", "posting_bus"),
            cover="rr cpu mem sat",
            base={"rr": 35, "cpu": 0.08, "mem": 0.31, "sat": 0.04},
            role="batch",
            load="flat",
            version="4.6.1",
            replicas=2,
            bg=3,
            overrides=batch,
            description="Statement and reporting batch jobs",
        ),
        S(
            "journal_pg",
            "dba",
            1,
            (),
            cover="rr lat cpu mem sat",
            base={"rr": 780, "lat": 0.018, "cpu": 0.38, "mem": 0.71, "sat": 0.31},
            role="pg",
            sts=True,
            replicas=2,
            bg=4,
            flat="mem",
            overrides=pg,
            version="16.4",
            description="PostgreSQL cluster holding the general journal",
        ),
        S(
            "hot_cache",
            "platform",
            1,
            (),
            cover="rr err lat cpu mem",
            base={"rr": 5200, "err": 0.00002, "lat": 0.0016, "cpu": 0.22, "mem": 0.41},
            role="redis",
            sts=True,
            replicas=3,
            bg=3,
            flat="mem",
            overrides=redis,
            version="7.2.5",
        ),
        S(
            "posting_bus",
            "platform",
            1,
            (),
            cover="rr lat sat",
            base={"rr": 140, "lat": 0.012, "sat": 0.06},
            role="kafka",
            sts=True,
            replicas=3,
            bg=3,
            overrides=kafka,
            version="3.7.1",
        ),
        S("visa_dps", "cards", kind="external", description="Visa DPS issuer processing gateway"),
        S("refinitiv", "treasury", kind="external", description="Refinitiv FX rates feed"),
    ]
    return Company(
        key="tallyhold",
        title="Tallyhold Bank (core banking)",
        namespace="corebank",
        cluster="tlh-prod-euw1",
        header="Tallyhold Bank core platform (namespace corebank)",
        services=services,
        channels={
            "digital": "#digital-channels-oncall",
            "payments-core": "#core-payments-oncall",
            "treasury": "#treasury-tech",
            "cards": "#cards-oncall",
            "risk": "#fincrime-eng",
            "identity": "#iam-oncall",
            "statements": "#statements-batch",
            "dba": "#dba-pager",
            "platform": "#platform-sre",
        },
        owners={
            "digital": ["S07DIGI01"],
            "payments-core": ["S07CPAY02", "U05HADDADR"],
            "treasury": ["S07TRSY03"],
            "cards": ["S07CARD04"],
            "risk": ["S07RISK05"],
            "identity": ["S07IDNT06"],
            "statements": ["S07STMT07"],
            "dba": ["S07DBAS08"],
            "platform": ["S07PLAT09"],
        },
        default_signals={
            "request_rate": 'sum(rate(http_server_requests_seconds_count{application="{service}"}[2m]))',
            "error_ratio": 'sum(rate(http_server_requests_seconds_count{application="{service}",outcome="SERVER_ERROR"}[2m])) / sum(rate(http_server_requests_seconds_count{application="{service}"}[2m]))',  # noqa: E501
            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{application="{service}"}[2m])))',  # noqa: E501
            "cpu_utilisation": 'avg(process_cpu_usage{application="{service}"})',
            "memory_utilisation": 'sum(jvm_memory_used_bytes{application="{service}",area="heap"}) / sum(jvm_memory_max_bytes{application="{service}",area="heap"})',  # noqa: E501
            "saturation": 'max(tomcat_threads_busy_threads{application="{service}"} / tomcat_threads_config_max_threads{application="{service}"})',  # noqa: E501
        },
        diurnal=diurnal,
        noise=0.035,
        spike_p=0.004,
        authors=["m.okafor", "l.virtanen", "p.santos", "r.haddad", "svc-jenkins", "a.lindqvist"],
        receiver="opsdesk-corebank",
        external_url="https://alertmanager.ops.tallyhold.eu",
        prom_url="https://thanos.ops.tallyhold.eu",
        runbook_base="https://confluence.tallyhold.eu/display/SRE/Alert",
        alert_labels={"namespace": "corebank", "cluster": "tlh-prod-euw1", "env": "prod"},
        team_label="team",
        group_by=["namespace", "cluster"],
        log_style="java",
    )


def _haulpath() -> Company:
    def diurnal(h: float) -> float:
        return 0.2 + 0.95 * bump(h, 6.6, 1.4) + 0.5 * bump(h, 10.8, 2.2) + 0.62 * bump(h, 15.2, 1.9)

    S = Svc
    services = [
        S(
            "portal.web",
            "customer-web",
            2,
            ("track.api", "label.svc", "account.svc"),
            cover="rr err lat",
            base={"rr": 180, "err": 0.0021, "lat": 0.74},
            version="v9.14.0",
            replicas=4,
        ),
        S(
            "track.api",
            "visibility",
            1,
            ("scan.query", "parcel.store", "arrival.model"),
            cover="rr err lat cpu mem sat",
            base={"rr": 920, "err": 0.0017, "lat": 0.19, "cpu": 0.47, "mem": 0.55, "sat": 0.16},
            version="v3.18.0",
            replicas=6,
        ),
        S(
            "scan.ingest",
            "hub-ops",
            1,
            ("events.bus", "address.verify", "parcel.store"),
            cover="rr err lat cpu mem sat",
            base={"rr": 1450, "err": 0.0009, "lat": 0.072, "cpu": 0.41, "mem": 0.46, "sat": 0.11},
            version="v4.7.2",
            replicas=5,
        ),
        S(
            "scan.query",
            "visibility",
            2,
            ("search.os", "parcel.store"),
            cover="rr err lat cpu mem",
            base={"rr": 410, "err": 0.0011, "lat": 0.38, "cpu": 0.36, "mem": 0.58},
            version="v2.40.1",
            replicas=3,
        ),
        S(
            "label.svc",
            "shipping",
            1,
            ("parcel.store", "address.verify", "events.bus"),
            cover="rr err lat cpu mem",
            base={"rr": 74, "err": 0.0024, "lat": 0.41, "cpu": 0.27, "mem": 0.49},
            version="v5.1.3",
            replicas=3,
        ),
        S(
            "arrival.model",
            "data-science",
            3,
            ("here-routing",),
            cover="rr err lat cpu",
            base={"rr": 310, "err": 0.0014, "lat": 0.095, "cpu": 0.52},
            version="v1.31.0",
            replicas=2,
        ),
        S(
            "address.verify",
            "shipping",
            2,
            ("loqate",),
            cover="rr err lat",
            base={"rr": 260, "err": 0.0028, "lat": 0.24},
            version="v1.12.0",
            replicas=2,
        ),
        S(
            "account.svc",
            "customer-web",
            2,
            ("users.pg",),
            cover="rr err lat cpu",
            base={"rr": 66, "err": 0.0012, "lat": 0.09, "cpu": 0.18},
            version="v0.88.3",
            replicas=2,
        ),
        S(
            "events.bus",
            "data-platform",
            1,
            (),
            cover="rr lat sat",
            base={"rr": 3100, "lat": 0.009, "sat": 0.07},
            role="kafka",
            sts=True,
            replicas=3,
            bg=4,
            overrides={
                "request_rate": 'sum(rate(kafka_server_brokertopicmetrics_messagesin_total{kafka_cluster="hp-events"}[2m]))',  # noqa: E501
                "latency_p99_seconds": 'max(kafka_network_requestmetrics_totaltimems{kafka_cluster="hp-events",request="Produce",quantile="0.99"}) / 1000',  # noqa: E501
                "saturation": 'max(kafka_consumergroup_lag{kafka_cluster="hp-events"}) / 5e6',
            },
        ),
        S(
            "parcel.store",
            "data-platform",
            1,
            (),
            cover="rr lat cpu mem sat",
            base={"rr": 6800, "lat": 0.011, "cpu": 0.43, "mem": 0.69, "sat": 0.24},
            role="cassandra",
            sts=True,
            replicas=6,
            bg=5,
            flat="mem",
            overrides={
                "request_rate": 'sum(rate(cassandra_clientrequest_latency_count{cluster="parcel-store"}[2m]))',
                "latency_p99_seconds": 'max(cassandra_clientrequest_latency_seconds{cluster="parcel-store",quantile="0.99"})',  # noqa: E501
                "saturation": 'max(cassandra_threadpools_pendingtasks{cluster="parcel-store",pool="MutationStage"}) / 128',  # noqa: E501
            },
        ),
        S(
            "search.os",
            "data-platform",
            2,
            (),
            cover="rr lat cpu mem sat",
            base={"rr": 520, "lat": 0.14, "cpu": 0.39, "mem": 0.73, "sat": 0.19},
            role="opensearch",
            sts=True,
            replicas=3,
            bg=4,
            flat="mem",
            overrides={
                "request_rate": 'sum(rate(opensearch_indices_search_query_count{cluster="{service}"}[2m]))',
                "saturation": 'max(opensearch_threadpool_threads_active{cluster="{service}",type="write"} / opensearch_threadpool_threads_max{cluster="{service}",type="write"})',  # noqa: E501
            },
        ),
        S(
            "users.pg",
            "customer-web",
            2,
            (),
            cover="rr lat cpu sat",
            base={"rr": 240, "lat": 0.006, "cpu": 0.21, "sat": 0.28},
            role="pg",
            sts=True,
            replicas=2,
            bg=2,
            overrides={
                "saturation": 'max(pg_stat_activity_count{datname="users"}) / max(pg_settings_max_connections)',
            },
        ),
        S("here-routing", "data-science", kind="external"),
        S("loqate", "shipping", kind="external"),
    ]
    return Company(
        key="haulpath",
        title="Haulpath (parcel logistics)",
        namespace="haulpath-prod",
        cluster="hp-euc1-prod",
        header="Haulpath parcel tracking platform (k8s hp-euc1-prod, namespace haulpath-prod)",
        services=services,
        channels={
            "customer-web": "#squad-customer-web",
            "visibility": "#squad-visibility",
            "hub-ops": "#squad-hub-ops",
            "shipping": "#squad-shipping",
            "data-science": "#ds-platform",
            "data-platform": "#data-platform-oncall",
        },
        owners={
            "customer-web": ["S03CWEB11"],
            "visibility": ["S03VISB12", "U02ANKES"],
            "hub-ops": ["S03HUBO13"],
            "shipping": ["S03SHIP14"],
            "data-science": ["S03DSCI15"],
            "data-platform": ["S03DPLT16"],
        },
        default_signals={
            "request_rate": 'sum(rate(http_server_request_duration_seconds_count{service_name="{service}"}[1m]))',
            "error_ratio": 'sum(rate(http_server_request_duration_seconds_count{service_name="{service}",http_response_status_code=~"5.."}[1m])) / sum(rate(http_server_request_duration_seconds_count{service_name="{service}"}[1m]))',  # noqa: E501
            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service_name="{service}"}[1m])))',  # noqa: E501
            "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{namespace="haulpath-prod",container="{service}"}[1m])) / sum(kube_pod_container_resource_limits{namespace="haulpath-prod",container="{service}",resource="cpu"})',  # noqa: E501
            "memory_utilisation": 'max(container_memory_working_set_bytes{namespace="haulpath-prod",container="{service}"} / on (pod) kube_pod_container_resource_limits{namespace="haulpath-prod",container="{service}",resource="memory"})',  # noqa: E501
            "saturation": 'max(workqueue_depth{service_name="{service}"} / workqueue_capacity{service_name="{service}"})',  # noqa: E501
        },
        diurnal=diurnal,
        noise=0.02,
        spike_p=0.002,
        authors=["deploybot", "anke.s", "tomas.r", "ines.m", "jo.kowalski"],
        receiver="opsdesk",
        external_url="http://alertmanager.observability.svc:9093",
        prom_url="http://prom-main.observability.svc:9090",
        runbook_base="https://runbooks.haulpath.internal/alerts",
        alert_labels={"k8s_cluster": "hp-euc1-prod", "prometheus": "observability/prom-main"},
        team_label="squad",
        group_by=["k8s_cluster"],
        log_style="logfmt",
    )


def _confera() -> Company:
    def diurnal(h: float) -> float:
        hl = (h - 5) % 24  # US East
        return 0.1 + 0.95 * bump(hl, 10.5, 2.0) + 0.8 * bump(hl, 14.3, 1.9)

    def periodic(t: float) -> float:
        minute = (t % 3600) / 60
        dm = (minute - 58.5) % 30
        return 1 + 0.55 * math.exp(-dm / 2.0)

    S = Svc
    services = [
        S(
            "edge",
            "edge",
            1,
            ("rooms", "idp", "chat", "sig", "pres"),
            cover="rr err lat cpu",
            base={"rr": 2400, "err": 0.0011, "lat": 0.21, "cpu": 0.33},
            role="nginx",
            load="periodic",
            version="1.27.2-cf4",
            replicas=6,
            bg=10,
        ),
        S(
            "rooms",
            "meetings",
            1,
            ("kv", "pgm", "sig", "sfu"),
            cover="rr err lat cpu",
            base={"rr": 310, "err": 0.0024, "lat": 0.29, "cpu": 0.38},
            role="go",
            load="periodic",
            version="2024.48.7",
            replicas=5,
        ),
        S(
            "sig",
            "realtime",
            1,
            ("kv", "pres"),
            cover="rr err lat cpu sat",
            base={"rr": 8800, "err": 0.0016, "lat": 0.035, "cpu": 0.42, "sat": 0.29},
            role="go",
            load="periodic",
            version="2024.48.3",
            replicas=8,
        ),
        S(
            "sfu",
            "media",
            1,
            ("turn", "kv"),
            cover="rr err lat sat",
            base={"rr": 640, "err": 0.0062, "lat": 0.038, "sat": 0.41},
            role="go",
            version="2024.47.1",
            replicas=12,
        ),
        S(
            "turn",
            "media",
            2,
            (),
            cover="rr sat",
            base={"rr": 120, "sat": 0.23},
            role="go",
            version="4.6.2",
            replicas=4,
            bg=3,
        ),
        S(
            "idp",
            "identity",
            1,
            ("pgm",),
            cover="rr err lat",
            base={"rr": 190, "err": 0.0013, "lat": 0.16},
            role="node",
            load="periodic",
            version="2024.12.09-3",
            replicas=3,
        ),
        S(
            "rec",
            "media",
            2,
            ("s3", "rooms"),
            cover="rr err lat sat",
            base={"rr": 14, "err": 0.0031, "lat": 1.4, "sat": 0.18},
            role="py",
            version="0.41.0",
            replicas=3,
            bg=6,
        ),
        S(
            "dial",
            "telephony",
            2,
            ("bwvoice", "rooms"),
            cover="rr err",
            base={"rr": 22, "err": 0.004},
            role="go",
            version="1.19.0",
            replicas=2,
            bg=3,
        ),
        S(
            "pres",
            "realtime",
            2,
            ("kv",),
            cover="rr err lat cpu",
            base={"rr": 2100, "err": 0.0009, "lat": 0.018, "cpu": 0.37},
            role="go",
            version="2024.46.0",
            replicas=4,
        ),
        S(
            "chat",
            "meetings",
            2,
            ("pgm", "kv"),
            cover="rr err lat",
            base={"rr": 430, "err": 0.0019, "lat": 0.085},
            role="go",
            version="3.44.0",
            replicas=3,
        ),
        S(
            "kv",
            "platform",
            1,
            (),
            cover="rr lat cpu mem",
            base={"rr": 41000, "lat": 0.0011, "cpu": 0.34, "mem": 0.58},
            role="redis",
            sts=True,
            replicas=6,
            bg=2,
            flat="mem",
            version="7.2.4",
            overrides={
                "request_rate": 'sum(rate(redis_commands_processed_total{redis_cluster="{service}"}[1m]))',
                "latency_p99_seconds": 'max(redis_latency_percentiles_usec{redis_cluster="{service}",quantile="0.99"}) / 1e6',  # noqa: E501
                "cpu_utilisation": 'max(rate(redis_cpu_sys_seconds_total{redis_cluster="{service}"}[1m]) + rate(redis_cpu_user_seconds_total{redis_cluster="{service}"}[1m]))',  # noqa: E501
                "memory_utilisation": 'max(redis_memory_used_bytes{redis_cluster="{service}"} / redis_memory_max_bytes{redis_cluster="{service}"})',  # noqa: E501
            },
        ),
        S(
            "pgm",
            "platform",
            1,
            (),
            cover="rr lat cpu sat",
            base={"rr": 1900, "lat": 0.0085, "cpu": 0.29, "sat": 0.33},
            role="pg",
            sts=True,
            replicas=2,
            bg=3,
            version="15.8",
            overrides={
                "request_rate": 'sum(rate(pg_stat_database_xact_commit{instance=~"pgm-.*"}[1m]))',
                "latency_p99_seconds": 'max(pg_stat_statements_p99_seconds{instance=~"pgm-.*"})',
                "saturation": 'max(pg_stat_activity_count{instance=~"pgm-.*"}) / max(pg_settings_max_connections{instance=~"pgm-.*"})',  # noqa: E501
            },
        ),
        S("s3", "media", kind="external"),
        S("bwvoice", "telephony", kind="external"),
    ]
    return Company(
        key="confera",
        title="Confera (video conferencing)",
        namespace="rtc",
        cluster="cf-use1-a",
        header="Confera real-time stack, us-east-1 cell 3",
        services=services,
        channels={
            "edge": "#edge-oncall",
            "meetings": "#meetings-eng",
            "realtime": "#realtime-oncall",
            "media": "#media-oncall",
            "identity": "#identity-oncall",
            "telephony": "#pstn-oncall",
            "platform": "#infra-oncall",
        },
        owners={
            "edge": ["S09EDGE21"],
            "meetings": ["S09MEET22"],
            "realtime": ["S09RTME23"],
            "media": ["S09MDIA24", "U08PRIYAK"],
            "identity": ["S09IDNT25"],
            "telephony": ["S09PSTN26"],
            "platform": ["S09INFR27"],
        },
        default_signals={
            "request_rate": 'sum(rate(rpc_server_requests_total{app="{service}"}[1m]))',
            "error_ratio": 'sum(rate(rpc_server_requests_total{app="{service}",status="error"}[1m])) / sum(rate(rpc_server_requests_total{app="{service}"}[1m]))',  # noqa: E501
            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(rpc_server_duration_seconds_bucket{app="{service}"}[1m])))',  # noqa: E501
            "cpu_utilisation": 'avg(rate(container_cpu_usage_seconds_total{namespace="rtc",container="{service}"}[1m])) / avg(kube_pod_container_resource_requests{namespace="rtc",container="{service}",resource="cpu"})',  # noqa: E501
            "memory_utilisation": 'max(container_memory_working_set_bytes{namespace="rtc",container="{service}"}) / max(kube_pod_container_resource_limits{namespace="rtc",container="{service}",resource="memory"})',  # noqa: E501
            "saturation": 'max(app_resource_saturation_ratio{app="{service}"})',
        },
        diurnal=diurnal,
        noise=0.085,
        spike_p=0.006,
        authors=["gh-actions[bot]", "yuki.t", "devon", "priya.k", "marcus"],
        receiver="opsdesk-rtc",
        external_url="https://am.cf-use1-a.confera.net",
        prom_url="https://vm.cf-use1-a.confera.net/vmui",
        runbook_base="https://eng.confera.net/oncall/alerts",
        alert_labels={"region": "us-east-1", "cell": "cell-3", "env": "production"},
        team_label="owner",
        group_by=["region", "cell"],
        log_style="mixed",
        periodic=periodic,
    )


def _forgeyard() -> Company:
    def diurnal(h: float) -> float:
        hl = (h - 4) % 24  # US East, summer
        return 0.08 + 0.92 * bump(hl, 11.0, 1.7) + 0.85 * bump(hl, 15.2, 2.0)

    S = Svc
    services = [
        S(
            "webui",
            "devex",
            2,
            ("buildapi", "logstream"),
            cover="rr err lat",
            base={"rr": 45, "err": 0.0035, "lat": 0.9},
            role="node",
            version="5.9.0",
            replicas=2,
            bg=4,
        ),
        S(
            "buildapi",
            "devex",
            1,
            ("metadb", "jobq", "artifactd"),
            cover="rr err lat cpu mem sat",
            base={"rr": 160, "err": 0.0021, "lat": 0.34, "cpu": 0.31, "mem": 0.62, "sat": 0.17},
            role="py",
            version="2.61.0",
            replicas=4,
            description="REST API behind the CI web UI and CLI",
        ),
        S(
            "webhookd",
            "devex",
            2,
            ("github", "jobq"),
            cover="rr err lat cpu",
            base={"rr": 14, "err": 0.0008, "lat": 0.06, "cpu": 0.12},
            role="go",
            version="1.14.2",
            replicas=2,
            bg=6,
            description="Receives source-host webhooks and turns them into pipeline requests",
        ),
        S(
            "scheduler",
            "build-infra",
            1,
            ("jobq", "metadb", "runner-fleet"),
            cover="rr err lat cpu mem sat",
            base={"rr": 6.5, "err": 0.0012, "lat": 9.0, "cpu": 0.22, "mem": 0.41, "sat": 0.14},
            role="go",
            version="3.4.1",
            replicas=2,
            description="Places queued jobs on runners; latency is queue wait",
            overrides={
                "latency_p99_seconds": "histogram_quantile(0.99, sum by (le) (rate(scheduler_queue_wait_seconds_bucket[5m])))",  # noqa: E501
                "saturation": "sum(scheduler_pending_jobs) / sum(scheduler_runner_slots)",
            },
        ),
        S(
            "runner-fleet",
            "build-infra",
            1,
            ("gitmirror", "cachesrv", "artifactd", "dockerhub"),
            cover="rr err lat cpu mem sat",
            base={"rr": 3.1, "err": 0.011, "lat": 620, "cpu": 0.58, "mem": 0.52, "sat": 0.64},
            role="go",
            version="17.2.0",
            replicas=6,
            description="Autoscaled build runners; latency is job duration",
            overrides={
                "request_rate": "sum(rate(runner_jobs_started_total[5m]))",
                "error_ratio": 'sum(rate(runner_jobs_finished_total{result="system_failure"}[10m])) / sum(rate(runner_jobs_finished_total[10m]))',  # noqa: E501
                "latency_p99_seconds": "histogram_quantile(0.99, sum by (le) (rate(runner_job_duration_seconds_bucket[15m])))",  # noqa: E501
                "saturation": "sum(runner_busy_slots) / sum(runner_slots)",
            },
        ),
        S(
            "gitmirror",
            "build-infra",
            2,
            ("github",),
            cover="rr err lat cpu sat",
            base={"rr": 38, "err": 0.0015, "lat": 2.1, "cpu": 0.26, "sat": 0.62},
            role="go",
            version="1.9.0",
            replicas=3,
            flat="sat",
        ),
        S(
            "cachesrv",
            "build-infra",
            2,
            (),
            cover="rr err lat sat",
            base={"rr": 95, "err": 0.0009, "lat": 0.45, "sat": 0.55},
            role="go",
            version="0.17.3",
            replicas=3,
            flat="sat",
        ),
        S(
            "artifactd",
            "build-infra",
            2,
            ("blobstore",),
            cover="rr err lat cpu mem",
            base={"rr": 42, "err": 0.0017, "lat": 1.8, "cpu": 0.19, "mem": 0.38},
            role="go",
            version="4.2.0",
            replicas=3,
        ),
        S(
            "logstream",
            "devex",
            2,
            ("blobstore",),
            cover="rr err lat",
            base={"rr": 210, "err": 0.0007, "lat": 0.12},
            role="go",
            version="0.9.12",
            replicas=2,
            bg=5,
        ),
        S(
            "metadb",
            "build-infra",
            1,
            (),
            cover="rr lat cpu sat",
            base={"rr": 640, "lat": 0.0042, "cpu": 0.34, "sat": 0.29},
            role="pg",
            sts=True,
            replicas=2,
            bg=4,
            version="16.3",
            overrides={
                "request_rate": 'sum(rate(pg_stat_database_xact_commit{datname="ci"}[5m]))',
                "latency_p99_seconds": 'max(pg_stat_statements_mean_exec_time_seconds{datname="ci",quantile="0.99"})',
                "saturation": 'sum(pg_stat_activity_count{datname="ci"}) / max(pg_settings_max_connections)',
            },
        ),
        S(
            "jobq",
            "build-infra",
            1,
            (),
            cover="rr lat sat",
            base={"rr": 19, "lat": 0.008, "sat": 0.04},
            role="rabbit",
            sts=True,
            replicas=3,
            bg=3,
            version="3.13.6",
            overrides={
                "request_rate": 'sum(rate(rabbitmq_global_messages_received_total{rabbitmq_cluster="jobq"}[5m]))',
                "latency_p99_seconds": 'max(rabbitmq_publisher_confirm_latency_seconds{rabbitmq_cluster="jobq",quantile="0.99"})',  # noqa: E501
                "saturation": 'max(rabbitmq_process_resident_memory_bytes{rabbitmq_cluster="jobq"} / rabbitmq_resident_memory_limit_bytes{rabbitmq_cluster="jobq"})',  # noqa: E501
            },
        ),
        S(
            "blobstore",
            "build-infra",
            1,
            (),
            cover="rr err lat sat",
            base={"rr": 160, "err": 0.0004, "lat": 0.38, "sat": 0.71},
            role="minio",
            sts=True,
            replicas=4,
            bg=4,
            flat="sat",
            version="RELEASE.2024-07-16T23-46-41Z",
            overrides={
                "request_rate": 'sum(rate(minio_s3_requests_total{job="{service}"}[5m]))',
                "error_ratio": 'sum(rate(minio_s3_requests_errors_total{job="{service}"}[5m])) / sum(rate(minio_s3_requests_total{job="{service}"}[5m]))',  # noqa: E501
                "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(minio_s3_requests_ttfb_seconds_distribution_bucket{job="{service}"}[5m])))',  # noqa: E501
                "saturation": 'max(1 - minio_node_drive_free_bytes{job="{service}"} / minio_node_drive_total_bytes{job="{service}"})',  # noqa: E501
            },
        ),
        S("github", "build-infra", kind="external", description="github.com (git over HTTPS, REST API, webhooks)"),
        S("dockerhub", "build-infra", kind="external", description="Docker Hub registry (base images)"),
    ]
    return Company(
        key="forgeyard",
        title="Forgeyard (internal CI/build platform)",
        namespace="ci",
        cluster="fy-build-use2",
        header="Forgeyard CI/build platform (cluster fy-build-use2)",
        services=services,
        channels={"devex": "#devex-oncall", "build-infra": "#build-infra-oncall"},
        owners={"devex": ["S0DEVEX31"], "build-infra": ["S0BINFR32", "U0NAKAMUK"]},
        default_signals={
            "request_rate": 'sum(rate(http_requests_total{job="{service}"}[5m]))',
            "error_ratio": 'sum(rate(http_requests_total{job="{service}",status=~"5.."}[5m])) / sum(rate(http_requests_total{job="{service}"}[5m]))',  # noqa: E501
            "latency_p99_seconds": 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="{service}"}[5m])))',  # noqa: E501
            "cpu_utilisation": 'sum(rate(container_cpu_usage_seconds_total{namespace="ci",container="{service}"}[5m])) / sum(kube_pod_container_resource_limits{namespace="ci",container="{service}",resource="cpu"})',  # noqa: E501
            "memory_utilisation": 'sum(container_memory_working_set_bytes{namespace="ci",container="{service}"}) / sum(kube_pod_container_resource_limits{namespace="ci",container="{service}",resource="memory"})',  # noqa: E501
            "saturation": 'max(process_saturation_ratio{job="{service}"})',
        },
        diurnal=diurnal,
        noise=0.05,
        spike_p=0.01,
        authors=["argocd", "k.nakamura", "f.adeyemi", "terraform-cloud", "s.oyelaran"],
        receiver="opsdesk-ci",
        external_url="https://alerts.forgeyard.dev",
        prom_url="https://mimir.forgeyard.dev/prometheus",
        runbook_base="https://handbook.forgeyard.dev/oncall/alerts",
        alert_labels={"tenant": "forgeyard", "source": "mimir", "cluster": "fy-build-use2"},
        team_label="team",
        group_by=["tenant"],
        log_style="ci",
    )


TALLYHOLD = _tallyhold()
HAULPATH = _haulpath()
CONFERA = _confera()
FORGEYARD = _forgeyard()


# ---------------------------------------------------------------------------------------------
# shared scenario helpers
# ---------------------------------------------------------------------------------------------


def camel(name: str) -> str:
    return "".join(p.capitalize() for p in name.replace(".", "_").replace("-", "_").split("_"))


def started(sc: Scenario, svc: str) -> Callable[[float, str, str], None]:
    """Start-up line written by each new pod of a rollout."""

    def emit(at: float, pod: str, version: str) -> None:
        rng = sc.rng
        key = sc.co.key
        if key == "tallyhold":
            secs = rng.uniform(20, 45)
            sc.emit(
                svc,
                at,
                "info",
                f"Started {camel(svc)}Application in {secs:.1f} seconds "
                f"(process running for {secs + rng.uniform(1, 3):.1f})",
                host=pod,
                logger=f"c.t.{svc.split('_')[0]}.{camel(svc)}Application",
                thread="main",
            )
        elif key == "haulpath":
            sc.emit(
                svc,
                at,
                "info",
                f'msg="starting" service={svc} version={version} commit={hexid(rng, 7)} go=go1.23.2',
                host=pod,
                origin="cmd/main.go:61",
            )
        elif key == "confera":
            sc.emit(
                svc,
                at,
                "info",
                "server started",
                host=pod,
                logger=f"{svc}.main",
                labels={"version": version, "listen": ":8443"},
            )
        else:
            sc.emit(svc, at, "info", f"{svc} {version} listening on :8080 (pid 1)", host=pod)

    return emit


def routine(sc: Scenario, items: list[tuple[str, str, str, str]]) -> None:
    """Earlier everyday changes: (service, HH:MM:SS, kind, description)."""
    for svc, when, kind, description in items:
        t = sc.t(when)
        if kind == "deploy":
            sc.deploy(svc, t, sc.rng.uniform(2, 6), description, logs=started(sc, svc))
        else:
            sc.change(sc.change_id(t), svc, kind, t, t + sc.rng.uniform(20, 90), description)


HIKARI = jerr(
    "java.sql.SQLTransientConnectionException",
    "HikariPool-1 - Connection is not available, request timed out after 3000ms.",
    "com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)",
    "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)",
)


def iban(rng: random.Random) -> str:
    return f"NL{rng.randint(10, 99)}TLHB0{rng.randint(10**8, 10**9 - 1)}"


# ---------------------------------------------------------------------------------------------
# Tallyhold Bank (snake_case, 25 s, Java logs)
# ---------------------------------------------------------------------------------------------


def bank_card_declines() -> Scenario:
    sc = Scenario(
        TALLYHOLD,
        "bank-card-payments-declining-friday",
        4101,
        "2024-11-08",
        "12:41:10",
        "09:20",
        25,
        cause="external",
        culprit="visa_dps",
        runbook="third-party-outage",
        now_delay=250,
        description="Card authorisations started failing at about {alert} UTC, in the Friday lunchtime peak; "
        "cardholders report card payments refused in shops and online.",
        distractor="innocent card_auth deploy 31 min and fraud_rules rule-pack change 24 min before; "
        "resolved journal_pg latency alert in the body",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("teller_api", "10:02:10", "deploy", "Return 409 on a reused idempotency key instead of 500"),
            ("web_banking", "10:48:30", "deploy", "Translations for the card controls page (fi, sv)"),
            ("balance_svc", "11:15:00", "config", "Pending-balance cache TTL 30s -> 20s"),
        ],
    )
    sc.deploy(
        "card_auth",
        sc.m(-31),
        4.5,
        "Bump jackson-databind 2.17.2 and spring-boot 3.3.5 (no functional change)",
        author="p.santos",
        logs=started(sc, "card_auth"),
    )
    sc.change(
        sc.change_id(T),
        "fraud_rules",
        "config",
        sc.m(-24),
        sc.m(-23.4),
        "Rule pack 2024.45.2: enable velocity rule V-17 in shadow mode (log only)",
        author="a.lindqvist",
        version="rulepack-2024.45.2",
        previous="rulepack-2024.45.1",
    )

    E = ramp(T, 90)
    sc.fx("card_auth", E, jitter=0.12, err=0.115, lat=11.0, sat=0.93, cpu=0.2)
    sc.eff("card_auth", "rr", E, 1.15, "mul")
    sc.fx("web_banking", ramp(T + 40, 120), err=0.006, lat=1.3)
    sc.fx("journal_pg", ramp(sc.m(-58), 50, sc.m(-50), 100), lat=9.0)

    sc.alert(
        "CardAuthErrorRateHigh",
        "card_auth",
        "err",
        ">",
        0.03,
        120,
        "critical",
        "Card authorisation failures above {threshold}",
        "{value} of authorisation requests handled by {service} failed over 2m (threshold {threshold}).",
        labels={"scheme": "visa", "pci_scope": "true", "pager": "opsgenie"},
        window=120,
    )
    sc.alert(
        "CardAuthLatencyP99",
        "card_auth",
        "lat",
        ">",
        2.0,
        180,
        "warning",
        "{service} p99 latency is {value}",
        "p99 of authorisation handling is {value} (threshold {threshold}).",
        labels={"scheme": "visa", "pci_scope": "true"},
        window=120,
        unit="s",
    )
    sc.alert(
        "JournalPgLatencyHigh",
        "journal_pg",
        "lat",
        ">",
        0.1,
        100,
        "warning",
        "journal_pg query p99 {value}",
        "Query p99 on {service} is {value} (threshold {threshold}).",
        labels={"instance": "journal-pg-0", "role": "primary"},
        window=100,
        unit="s",
        resolved=True,
        after=sc.m(-70),
    )

    def visa(t: float) -> dict[str, Any]:
        stan = f"{rng.randint(0, 999999):06d}"
        thread = f"iso-worker-{rng.randint(1, 48)}"
        if t > T + 205 and rng.random() < 0.55:
            return {
                "level": "error",
                "msg": f"Authorisation stan={stan} answered locally with response code 91 "
                "(issuer or switch inoperative)",
                "logger": "c.t.cards.auth.StandInProcessor",
                "thread": thread,
                "error": jerr(
                    "io.github.resilience4j.circuitbreaker.CallNotPermittedException",
                    "CircuitBreaker 'visaDps' is OPEN and does not permit further calls",
                    "io.github.resilience4j.circuitbreaker.CallNotPermittedException."
                    "createCallNotPermittedException(CallNotPermittedException.java:48)",
                ),
            }
        if rng.random() < 0.78:
            return {
                "level": "error",
                "msg": f"Authorisation forward to visa_dps failed after 4000 ms (stan={stan}, mti=0100, "
                "endpoint=https://vdps-gw.visa.com/iso/v2/authorize)",
                "logger": "c.t.cards.scheme.VisaDpsClient",
                "thread": thread,
                "trace": True,
                "error": jerr(
                    "java.net.SocketTimeoutException",
                    "Read timed out",
                    "java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
                    "org.apache.hc.core5.http.impl.io.SessionInputBufferImpl.fillBuffer("
                    "SessionInputBufferImpl.java:149)",
                ),
            }
        return {
            "level": "error",
            "msg": f"Authorisation forward to visa_dps failed (stan={stan}, mti=0100)",
            "logger": "c.t.cards.scheme.VisaDpsClient",
            "thread": thread,
            "error": jerr(
                "org.apache.hc.client5.http.ConnectTimeoutException",
                "Connect to https://vdps-gw.visa.com:443 [vdps-gw.visa.com/198.51.100.23] failed: Connect timed out",
                "org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator.connect("
                "DefaultHttpClientConnectionOperator.java:151)",
            ),
        }

    sc.burst("card_auth", ramp(T + 15, 60), 15, visa)
    sc.emit(
        "card_auth",
        T + 205,
        "warn",
        "CircuitBreaker 'visaDps' changed state from CLOSED to OPEN (failure rate 71.4% >= 50.0%)",
        logger="c.t.cards.scheme.CircuitBreakerEvents",
        thread="iso-worker-7",
    )
    sc.every(
        "card_auth",
        T + 270,
        sc.horizon,
        65,
        lambda t: {
            "level": "warn",
            "msg": "CircuitBreaker 'visaDps' changed state from HALF_OPEN to OPEN (3 of 5 probe calls failed)",
            "logger": "c.t.cards.scheme.CircuitBreakerEvents",
            "thread": f"iso-worker-{rng.randint(1, 48)}",
        },
    )
    sc.burst(
        "web_banking",
        ramp(T + 40, 60),
        3,
        lambda t: {
            "level": "warn",
            "msg": f"GET /api/cards/{rng.randint(10**7, 10**8)}/controls -> card_auth 504 "
            "GATEWAY_TIMEOUT after 5002 ms",
            "logger": "c.t.digital.client.CardAuthClient",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
        },
    )
    sc.emit(
        "fraud_rules",
        sc.m(-23.5),
        "info",
        "Loaded rule pack 2024.45.2 (212 rules, 1 in shadow mode)",
        logger="c.t.risk.rules.RulePackLoader",
        thread="rulepack-watcher",
    )
    sc.burst(
        "fraud_rules",
        ramp(sc.m(-23), 0),
        0.7,
        lambda t: {
            "level": "info",
            "msg": f"Shadow rule V-17 would flag txn={hexid(rng, 12)} (6 card-present txns in 10m)",
            "logger": "c.t.risk.rules.ShadowEvaluator",
            "thread": f"score-{rng.randint(1, 16)}",
        },
    )
    sc.burst(
        "journal_pg",
        ramp(sc.m(-58), 0, sc.m(-50)),
        2.5,
        lambda t: {
            "level": "info",
            "msg": f"LOG:  duration: {rng.uniform(120, 900):.3f} ms  execute <unnamed>: SELECT balance_after "
            "FROM journal_entries WHERE account_id = $1 ORDER BY booked_at DESC LIMIT 1",
        },
    )
    sc.emit(
        "journal_pg",
        sc.m(-49.5),
        "info",
        'LOG:  automatic vacuum of table "journal.public.journal_entries": index scans: 3, elapsed: 498.21 s',
    )
    return sc


def bank_month_end() -> Scenario:
    sc = Scenario(
        TALLYHOLD,
        "bank-transfers-slow-thursday-afternoon",
        4102,
        "2024-10-31",
        "15:02:00",
        "11:40",
        25,
        cause="traffic_surge",
        culprit="stmt_batch",
        runbook=None,
        now_delay=280,
        description="Transfers in online banking have been slow since about {alert} UTC on Thursday afternoon; "
        "the teller API latency SLO is burning and some transfers time out.",
        distractor="noisy neighbour: stmt_batch is outside teller_api's dependency chain and floods the shared "
        "journal_pg; journal_pg also alerts; innocent teller_api deploy 38 min earlier",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("auth_session", "12:10:40", "deploy", "Shorter refresh-token lifetime for inactive devices"),
            ("card_auth", "13:05:00", "config", "Raise contactless floor limit to 50 EUR for NL cards"),
            ("web_banking", "13:40:20", "flag", "flag savings_goals_v2: off -> on (25%)"),
        ],
    )
    sc.deploy(
        "teller_api",
        sc.m(-38),
        4.8,
        "Add Open Banking consent header to /v3/payments (PSD2-881)",
        author="m.okafor",
        logs=started(sc, "teller_api"),
    )

    sc.fx("stmt_batch", ramp(T, 150), jitter=0.05, rr=17.0, cpu=0.86, sat=1.0)
    sc.fx("stmt_batch", ramp(T, 900), mem=0.74)
    J = ramp(T + 30, 240)
    sc.fx("journal_pg", J, jitter=0.05, sat=0.97, lat=38.0, cpu=0.96, rr=1.9)
    P = ramp(T + 90, 240)
    sc.fx("posting_engine", P, jitter=0.08, lat=11.0, err=0.021, sat=0.88)
    sc.fx("balance_svc", P, jitter=0.08, lat=9.0, err=0.009)
    sc.fx("teller_api", ramp(T + 120, 240), jitter=0.06, lat=6.5, err=0.017, sat=0.71)
    sc.fx("web_banking", ramp(T + 150, 240), jitter=0.06, lat=3.2, err=0.011)
    sc.fx("card_auth", ramp(T + 120, 240), lat=1.8, err=0.003)

    sc.alert(
        "TellerApiLatencySLO",
        "teller_api",
        "lat",
        ">",
        2.0,
        240,
        "critical",
        "Transfers latency SLO at risk on {service}",
        "p99 latency of {service} is {value} over 5m (SLO threshold {threshold}).",
        labels={"slo": "transfers-latency", "business_unit": "retail"},
        unit="s",
    )
    sc.alert(
        "PostingEngineSlow",
        "posting_engine",
        "lat",
        ">",
        1.5,
        180,
        "warning",
        "{service} p99 {value}",
        "Posting p99 is {value} (threshold {threshold}).",
        window=120,
        unit="s",
    )
    sc.alert(
        "JournalPgConnectionsHigh",
        "journal_pg",
        "sat",
        ">",
        0.85,
        120,
        "warning",
        "journal_pg connection slots {value} used",
        "{value} of max_connections in use on {service}.",
        labels={"instance": "journal-pg-0", "role": "primary"},
        window=100,
    )

    sc.emit(
        "stmt_batch",
        T + 2,
        "info",
        "Month-end statement run MR-2024-10 started (accounts=1843211, partitions=96, chunkSize=5000, gridSize=96)",
        logger="c.t.statements.StatementRunLauncher",
        thread="scheduling-1",
    )
    part = iter(range(1, 97))
    sc.burst(
        "stmt_batch",
        ramp(T + 240, 0),
        2.2,
        lambda t: {
            "level": "info",
            "msg": f"Partition {next(part, 96)}/96 step readEntries: {rng.randint(15000, 21000)} accounts, "
            f"{rng.uniform(1.9, 2.6):.1f}M entries read in {rng.randint(180, 420)}s",
            "logger": "c.t.statements.PartitionStepListener",
            "thread": f"statementTaskExecutor-{rng.randint(1, 96)}",
        },
    )
    sc.burst(
        "stmt_batch",
        ramp(T + 120, 300),
        3,
        lambda t: {
            "level": "warn",
            "msg": f"JdbcCursorItemReader fetch took {rng.randint(6000, 19000)} ms "
            f"(partition={rng.randint(1, 96)}, fetchSize=5000)",
            "logger": "o.s.b.item.database.JdbcCursorItemReader",
            "thread": f"statementTaskExecutor-{rng.randint(1, 96)}",
        },
    )
    sc.burst(
        "journal_pg",
        ramp(T + 60, 120),
        6,
        lambda t: {
            "level": "info",
            "msg": f"LOG:  duration: {rng.uniform(2500, 14000):.3f} ms  statement: SELECT e.* FROM "
            "journal_entries e WHERE e.account_id = ANY($1) AND e.booked_at >= $2 AND e.booked_at < $3 ORDER BY "
            "e.account_id, e.booked_at  [application_name=stmt_batch user=svc_statements]",
        },
    )
    sc.burst(
        "journal_pg",
        ramp(T + 260, 60),
        3,
        lambda t: {
            "level": "error",
            "msg": "FATAL:  remaining connection slots are reserved for non-replication superuser "
            f"connections  [application_name={rng.choice(['posting_engine', 'balance_svc', 'posting_engine'])}]",
        },
    )
    sc.burst(
        "posting_engine",
        ramp(T + 180, 120),
        7,
        lambda t: (
            {
                "level": "error",
                "msg": f"Posting txn={hexid(rng, 12)} failed: could not obtain JDBC connection",
                "logger": "c.t.posting.PostingService",
                "thread": f"posting-{rng.randint(1, 32)}",
                "error": HIKARI,
                "trace": True,
            }
            if rng.random() < 0.6
            else {
                "level": "warn",
                "msg": f"Slow posting txn={hexid(rng, 12)} took {rng.randint(2100, 4800)} ms",
                "logger": "c.t.posting.PostingService",
                "thread": f"posting-{rng.randint(1, 32)}",
            }
        ),
    )
    sc.burst(
        "balance_svc",
        ramp(T + 180, 120),
        3,
        lambda t: {
            "level": "error",
            "msg": f"Balance lookup failed for account={iban(rng)}",
            "logger": "c.t.balance.BalanceRepository",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
            "error": jerr(
                "org.springframework.dao.QueryTimeoutException",
                "PreparedStatementCallback; SQL [select ...]; ERROR: canceling statement due to statement timeout",
                "org.springframework.jdbc.support.SQLStateSQLExceptionTranslator.doTranslate("
                "SQLStateSQLExceptionTranslator.java:116)",
            ),
        },
    )
    sc.burst(
        "teller_api",
        ramp(T + 200, 120),
        4,
        lambda t: (
            {
                "level": "warn",
                "msg": f"POST /v3/transfers upstream posting_engine took {rng.randint(2500, 6000)} ms",
                "logger": "c.t.teller.client.PostingClient",
                "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
            }
            if rng.random() < 0.6
            else {
                "level": "error",
                "msg": "POST /v3/transfers -> 504 GATEWAY_TIMEOUT (posting_engine did not answer in 5000 ms)",
                "logger": "c.t.teller.client.PostingClient",
                "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
            }
        ),
    )
    return sc


def bank_balance_errors() -> Scenario:
    sc = Scenario(
        TALLYHOLD,
        "bank-balance-lookups-erroring",
        4103,
        "2024-11-19",
        "09:47:30",
        "06:40",
        25,
        cause="config_change",
        culprit="hot_cache",
        runbook="revert-config-change",
        now_delay=300,
        description="Balance lookups and logins in online banking started failing at about {alert} UTC; "
        "customers see 'balance unavailable' and are logged out.",
        distractor="config change on a dependency (hot_cache) whose effect shows ~12 min later, alert on the "
        "callers; innocent balance_svc deploy ~29 min before its alert; resolved fx_quote alert",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("stmt_batch", "08:05:00", "config", "Intraday mini-statement batch size 500 -> 1000"),
            ("posting_engine", "07:55:30", "deploy", "Log correlation id on reversal postings"),
            ("card_auth", "08:30:00", "flag", "flag apple_pay_provisioning_v3: off -> on"),
        ],
    )
    sc.deploy(
        "balance_svc",
        sc.m(-14),
        3.6,
        "Expose pending-balance field on /v2/balances (ACC-1207)",
        author="l.virtanen",
        logs=started(sc, "balance_svc"),
    )
    sc.change(
        "CHG0047713",
        "hot_cache",
        "config",
        T,
        T + 40,
        "Right-size hot_cache after cost review CR-2291: maxmemory 24gb -> 12gb, "
        "maxmemory-policy allkeys-lru -> noeviction",
        author="r.haddad",
        version="redis.conf r142",
        previous="redis.conf r141",
    )

    sc.eff("hot_cache", "mem", ramp(T + 5, 35), 2.0, "mul")
    sc.eff("hot_cache", "mem", curve(T + 40, T + 12.4 * 60, 1.0), 0.19, "add")
    full = T + 12.5 * 60
    sc.fx("hot_cache", ramp(full, 60), jitter=0.1, err=0.31, lat=1.4)
    C = ramp(full + 5, 60)
    sc.fx("balance_svc", C, jitter=0.1, err=0.074, lat=1.6)
    sc.fx("auth_session", C, jitter=0.1, err=0.095, lat=1.3)
    sc.fx("fraud_rules", C, jitter=0.1, err=0.028)
    sc.fx("fx_quote", C, err=0.012)
    sc.fx("teller_api", ramp(full + 20, 60), jitter=0.08, err=0.031)
    sc.fx("web_banking", ramp(full + 25, 60), jitter=0.08, err=0.046)
    sc.fx("card_auth", ramp(full + 20, 60), err=0.012)
    sc.fx("fx_quote", ramp(sc.m(-80), 40, sc.m(-73), 60), err=0.06)

    sc.alert(
        "BalanceSvcErrorRate",
        "balance_svc",
        "err",
        ">",
        0.02,
        120,
        "critical",
        "{service} 5xx ratio {value}",
        "{value} of balance requests failed over 2m (threshold {threshold}).",
        window=120,
    )
    sc.alert(
        "LoginFailuresHigh",
        "auth_session",
        "err",
        ">",
        0.05,
        120,
        "critical",
        "Login/session failures at {value}",
        "{value} of session operations on {service} failed.",
        window=120,
    )
    sc.alert(
        "WebBankingErrorBudgetBurn",
        "web_banking",
        "err",
        ">",
        0.02,
        180,
        "warning",
        "Web availability error budget burning",
        "{value} errors on {service} (burn threshold {threshold}).",
        labels={"slo": "web-availability", "burn_window": "1h"},
        window=120,
    )
    sc.alert(
        "FxQuoteStale",
        "fx_quote",
        "err",
        ">",
        0.03,
        100,
        "warning",
        "FX quotes failing on {service}",
        "{value} of quote requests failed.",
        labels={"pair": "EURUSD"},
        window=100,
        resolved=True,
        after=sc.m(-90),
    )

    oom = jerr(
        "io.lettuce.core.RedisCommandExecutionException",
        "OOM command not allowed when used memory > 'maxmemory'.",
        "io.lettuce.core.internal.ExceptionFactory.createExecutionException(ExceptionFactory.java:147)",
        "io.lettuce.core.RedisPublisher$SubscriptionCommand.doOnError(RedisPublisher.java:885)",
    )
    sc.burst(
        "balance_svc",
        ramp(full + 5, 30),
        9,
        lambda t: {
            "level": "error",
            "msg": f"Failed to refresh balance cache for account={iban(rng)}",
            "logger": "c.t.balance.cache.BalanceCacheWriter",
            "thread": f"lettuce-nioEventLoop-4-{rng.randint(1, 8)}",
            "error": oom,
            "trace": True,
        },
    )
    sc.burst(
        "auth_session",
        ramp(full + 5, 30),
        8,
        lambda t: {
            "level": "error",
            "msg": f"Could not persist session sid={hexid(rng, 16)} to hot_cache; returning 503",
            "logger": "c.t.identity.session.RedisSessionRepository",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
            "error": oom,
        },
    )
    sc.burst(
        "fraud_rules",
        ramp(full + 5, 30),
        3,
        lambda t: {
            "level": "warn",
            "msg": "Velocity counter update failed, scoring without history: OOM command not allowed "
            "when used memory > 'maxmemory'.",
            "logger": "c.t.risk.velocity.CounterStore",
            "thread": f"score-{rng.randint(1, 16)}",
        },
    )
    sc.burst(
        "web_banking",
        ramp(full + 25, 30),
        4,
        lambda t: {
            "level": "error",
            "msg": rng.choice(
                [
                    "Login failed: auth_session returned 503 SERVICE_UNAVAILABLE",
                    "GET /api/accounts/summary -> 500 (balance_svc: 500 INTERNAL_SERVER_ERROR)",
                ]
            ),
            "logger": "c.t.digital.web.UpstreamErrorHandler",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
        },
    )
    sc.burst(
        "fx_quote",
        ramp(sc.m(-80), 0, sc.m(-73)),
        3,
        lambda t: {
            "level": "error",
            "msg": "Rate refresh from refinitiv failed: 429 Too Many Requests (retry after 30s)",
            "logger": "c.t.fx.RefinitivFeed",
            "thread": "fx-refresh-1",
        },
    )
    sc.every(
        "hot_cache",
        T + 60,
        sc.horizon,
        300,
        lambda t: {
            "level": "info",
            "msg": dt(t).strftime("1:M %d %b %Y %H:%M:%S.") + f"{rng.randint(0, 999):03d} "
            "* 10000 changes in 60 seconds. Saving...",
        },
    )
    return sc


def bank_posting_rollout() -> Scenario:
    sc = Scenario(
        TALLYHOLD,
        "bank-payments-stuck-pending",
        4104,
        "2024-11-13",
        "14:05:00",
        "10:30",
        25,
        cause="deploy",
        culprit="posting_engine",
        runbook="rollback-a-deploy",
        now_delay=480,
        description="Since about {alert} UTC customers report instant transfers stuck as pending and the teller "
        "API returns errors for a growing share of payment submissions.",
        distractor="20-minute rolling deploy (errors grow with each new pod, alert mid-rollout); innocent deploy on "
        "the alerting teller_api 35 min before; web_banking flag 7 min before",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("fx_quote", "11:20:00", "deploy", "Quote cache warm-up on start"),
            ("auth_session", "12:02:00", "config", "Session idle timeout 10m -> 15m for business accounts"),
        ],
    )
    sc.deploy(
        "teller_api",
        sc.m(-21.5),
        3.3,
        "Copy change in the SCA challenge screen",
        author="m.okafor",
        logs=started(sc, "teller_api"),
    )
    sc.change(
        sc.change_id(T),
        "web_banking",
        "flag",
        sc.m(-7),
        sc.m(-6.8),
        "flag show_new_fees_banner: off -> on (10%)",
        version="on:10",
        previous="off",
    )
    ready = sc.deploy(
        "posting_engine",
        T,
        20.33,
        "Release 7.14.0: new fee model for SEPA instant transfers "
        "(PAY-3302); rolling update maxSurge=0 maxUnavailable=1",
        author="svc-jenkins",
        version="7.14.0",
        logs=started(sc, "posting_engine"),
    )
    E = steps(ready, rise=30)
    sc.fx("posting_engine", E, jitter=0.1, err=0.078, lat=1.25, sat=0.3)
    sc.eff("posting_bus", "sat", E, 0.25, "add")
    sc.fx("teller_api", steps([r + 20 for r in ready], rise=30), jitter=0.08, err=0.052)
    sc.fx("web_banking", steps([r + 30 for r in ready], rise=30), jitter=0.08, err=0.03)

    sc.alert(
        "TransfersFailing",
        "teller_api",
        "err",
        ">",
        0.02,
        180,
        "critical",
        "Transfer submissions failing on {service}",
        "{value} of POST /v3/transfers failed over 2m (threshold {threshold}).",
        labels={"endpoint": "/v3/transfers", "business_unit": "retail"},
        window=120,
    )
    sc.alert(
        "PostingEngineErrors",
        "posting_engine",
        "err",
        ">",
        0.03,
        120,
        "critical",
        "{service} error ratio {value}",
        "{value} of posting requests failed.",
        window=120,
    )
    sc.alert(
        "PostingBusConsumerLag",
        "posting_bus",
        "sat",
        ">",
        0.18,
        120,
        "warning",
        "Consumer lag on posting_bus",
        "Lag ratio {value} on topic postings.retry (threshold {threshold}).",
        labels={"topic": "postings.retry", "consumer_group": "posting-retry"},
        window=100,
        unit="ratio",
    )

    def posting(t: float) -> dict[str, Any] | None:
        host = sc.host("posting_engine", t, new=True)
        if sc.version_of("posting_engine", host) != "7.14.0":
            return None
        return {
            "level": "error",
            "host": host,
            "msg": f"Posting rejected txn={hexid(rng, 12)} product=SCT_INST channel={rng.choice(['MOBILE', 'WEB'])}",
            "logger": "c.t.posting.fees.FeeCalculator",
            "thread": f"posting-{rng.randint(1, 32)}",
            "trace": True,
            "error": jerr(
                "java.lang.NullPointerException",
                'Cannot invoke "java.math.BigDecimal.setScale(int, java.math.RoundingMode)" because "fee" is null',
                "c.t.posting.fees.FeeCalculator.instantFee(FeeCalculator.java:118)",
                "c.t.posting.PostingService.post(PostingService.java:204)",
            ),
        }

    sc.burst("posting_engine", E, 24, posting, t0=ready[0])
    sc.burst(
        "teller_api",
        steps([r + 20 for r in ready]),
        9,
        lambda t: {
            "level": "error",
            "msg": f"Transfer submission failed for txn={hexid(rng, 12)}: posting_engine responded 500 "
            "INTERNAL_SERVER_ERROR",
            "logger": "c.t.teller.client.PostingClient",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
        },
        t0=ready[0],
    )
    sc.every(
        "posting_bus",
        ready[1],
        sc.horizon,
        240,
        lambda t: {
            "level": "warn",
            "msg": dt(t).strftime("[%Y-%m-%d %H:%M:%S,") + f"{rng.randint(0, 999):03d}] WARN "
            "[GroupCoordinator 1]: Member posting-retry-consumer-" + hexid(rng, 8) + " in group posting-retry has "
            "failed, removing it from the group (kafka.coordinator.group.GroupCoordinator)",
        },
    )
    return sc


def bank_after_hours() -> Scenario:
    sc = Scenario(
        TALLYHOLD,
        "bank-teller-5xx-after-hours",
        4105,
        "2024-11-05",
        "21:14:20",
        "17:50",
        25,
        cause="dependency_outage",
        culprit="journal_pg",
        runbook="dependency-outage",
        now_delay=360,
        description="Late evening: from about {alert} UTC most transfers and balance requests fail with 5xx; "
        "several payments services page at once.",
        distractor="the failing dependency (journal_pg) has no logs at all and its metrics stop; innocent "
        "posting_engine deploy 26 min before; resolved certificate alert in the body",
    )
    rng, T = sc.rng, sc.T
    sc.no_logs.add("journal_pg")
    routine(
        sc,
        [
            ("stmt_batch", "19:05:00", "config", "Nightly statement run moved to 22:30 UTC"),
            (
                "web_banking",
                "19:29:10",
                "config",
                "Rotate TLS certificate for online.tallyhold.eu (cert-manager renewal)",
            ),
            ("fraud_rules", "18:20:00", "deploy", "Rule engine: cache compiled expressions"),
        ],
    )
    sc.deploy(
        "posting_engine",
        sc.m(-26),
        4.2,
        "Hotfix: fee rounding for SEPA credit transfers (PAY-3290)",
        author="svc-jenkins",
        logs=started(sc, "posting_engine"),
    )

    sc.fx("journal_pg", ramp(T, 20), rr=0.04, lat=40.0)
    sc.gap("journal_pg", None, T + 45, sc.horizon)
    C = ramp(T + 10, 45)
    sc.fx("posting_engine", C, jitter=0.06, err=0.62, lat=14.0, sat=1.0)
    sc.fx("balance_svc", C, jitter=0.06, err=0.48, lat=25.0)
    sc.fx("teller_api", ramp(T + 20, 45), jitter=0.05, err=0.41, lat=5.0)
    sc.fx("web_banking", ramp(T + 30, 45), jitter=0.05, err=0.27)
    sc.fx("card_auth", ramp(T + 25, 60), err=0.035)
    sc.fx("posting_bus", C, rr=0.05)

    sc.alert(
        "TellerApi5xx",
        "teller_api",
        "err",
        ">",
        0.05,
        60,
        "critical",
        "{service} is failing requests",
        "{value} of requests to {service} returned 5xx in the last minute (threshold {threshold}).",
        labels={"business_unit": "retail"},
        window=50,
    )
    sc.alert(
        "PostingEngineDown",
        "posting_engine",
        "err",
        ">",
        0.25,
        60,
        "critical",
        "{service} failing",
        "{value} of posting requests failed.",
        window=50,
    )
    sc.alert(
        "BalanceSvcErrorRate",
        "balance_svc",
        "err",
        ">",
        0.02,
        120,
        "critical",
        "{service} 5xx ratio {value}",
        "{value} of balance requests failed over 2m.",
        window=120,
    )
    sc.alert(
        "TLSCertificateExpiringSoon",
        "web_banking",
        "err",
        ">",
        14,
        0,
        "warning",
        "Certificate for online.tallyhold.eu expires in 13 days",
        "The serving certificate of {service} expires on 2024-11-18.",
        labels={"cert_cn": "online.tallyhold.eu", "probe": "blackbox-https", "days_left": "13"},
        resolved=True,
        fixed=(sc.t("18:02:11"), sc.t("19:31:40")),
        expr='(probe_ssl_earliest_cert_expiry{instance="https://online.tallyhold.eu"} - time()) / 86400 < 14',
    )

    refused = jerr(
        "org.postgresql.util.PSQLException",
        "Connection to journal-pg-rw.corebank.svc:5432 refused. Check that the hostname and port are "
        "correct and that the postmaster is accepting TCP/IP connections.",
        "org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)",
    )
    io = jerr(
        "org.postgresql.util.PSQLException",
        "An I/O error occurred while sending to the backend.",
        "org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:395)",
    )
    sc.burst(
        "posting_engine",
        ramp(T + 5, 30),
        14,
        lambda t: {
            "level": "error",
            "msg": f"Posting txn={hexid(rng, 12)} failed: Could not open JDBC Connection for transaction",
            "logger": "c.t.posting.PostingService",
            "thread": f"posting-{rng.randint(1, 32)}",
            "error": io if t < T + 60 else rng.choice([refused, HIKARI]),
        },
    )
    sc.burst(
        "balance_svc",
        ramp(T + 5, 30),
        10,
        lambda t: {
            "level": "error",
            "msg": f"Balance lookup failed for account={iban(rng)} (served from cache: no)",
            "logger": "c.t.balance.BalanceRepository",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
            "error": io if t < T + 60 else rng.choice([refused, HIKARI]),
        },
    )
    sc.burst(
        "teller_api",
        ramp(T + 20, 30),
        6,
        lambda t: {
            "level": "error",
            "msg": rng.choice(
                [
                    "POST /v3/transfers -> 503 (posting_engine: SERVICE_UNAVAILABLE)",
                    "GET /v3/accounts/{iban}/balance -> 503 (balance_svc: 500)",
                ]
            ),
            "logger": "c.t.teller.web.UpstreamErrorHandler",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
        },
    )
    sc.burst(
        "web_banking",
        ramp(T + 30, 30),
        3,
        lambda t: {
            "level": "error",
            "msg": "Upstream teller_api returned 503 for GET /api/accounts/summary",
            "logger": "c.t.digital.web.UpstreamErrorHandler",
            "thread": f"http-nio-8080-exec-{rng.randint(1, 64)}",
        },
    )
    sc.burst(
        "card_auth",
        ramp(T + 25, 30),
        2,
        lambda t: {
            "level": "warn",
            "msg": f"Balance check degraded for card={rng.randint(10**7, 10**8)}: using cached available "
            "balance (balance_svc 500)",
            "logger": "c.t.cards.auth.BalanceGuard",
            "thread": f"iso-worker-{rng.randint(1, 48)}",
        },
    )
    return sc


# ---------------------------------------------------------------------------------------------
# Haulpath (dotted names, 40 s, logfmt messages)
# ---------------------------------------------------------------------------------------------


def lf(msg: str, **fields: Any) -> str:
    """A logfmt message as Go services write it."""
    parts = [f"msg={json.dumps(msg)}"]
    for k, v in fields.items():
        text = str(v)
        if isinstance(v, str) and (not v or any(c in v for c in ' "=')):
            text = json.dumps(v)
        parts.append(f"{k}={text}")
    return " ".join(parts)


def parcel_id(rng: random.Random) -> str:
    return f"HP{token(rng, 2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(10**7, 10**8 - 1)}DE"


def hp_tracking_slow() -> Scenario:
    sc = Scenario(
        HAULPATH,
        "tracking-lookups-slow-tuesday-morning",
        5201,
        "2024-09-17",
        "07:52:00",
        "03:10",
        40,
        cause="infrastructure",
        culprit="parcel.store",
        runbook="node-not-ready",
        now_delay=300,
        description="During the Tuesday morning depot peak, parcel tracking lookups became slow and then started "
        "failing at about {alert} UTC; depots also report scans queueing.",
        distractor="infra change on node pool np-cass-b whose service field names parcel.store, still running "
        "(finished_at null), effect 13 min later when a second node drains; innocent scan.query deploy 27 min before",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("label.svc", "04:40:00", "deploy", "GLS label layout v7"),
            ("portal.web", "05:55:00", "deploy", "Track page: show depot opening hours"),
            ("arrival.model", "06:30:00", "config", "Model v2024-09-15 promoted (shadow -> live)"),
        ],
    )
    sc.deploy(
        "scan.query",
        sc.m(-27),
        2.7,
        "Add hub filter to /v1/scans search (VIS-2210)",
        author="anke.s",
        logs=started(sc, "scan.query"),
    )
    sc.change(
        "hp-infra-4471",
        "parcel.store",
        "infra",
        sc.t("07:38:30"),
        None,
        "Managed node group np-cass-b (dedicated to parcel.store) rolling AMI update: cordon and drain one "
        "node at a time",
        author="eks-nodegroup-controller",
        version="np-cass-b ami-0d6f2c1b7e9a4c3f1 (1.30.4-20240910)",
        previous="np-cass-b ami-0a51e8b9c4d3f2e17 (1.29.6-20240814)",
    )

    first = sc.t("07:39:10")
    sc.fx("parcel.store", ramp(first, 80), lat=1.7, cpu=0.58)
    sc.fx("parcel.store", ramp(T, 60), jitter=0.08, lat=9.0, cpu=0.83, sat=0.74, rr=0.82)
    E = ramp(T + 20, 60)
    sc.fx("track.api", E, jitter=0.06, err=0.082, lat=12.0, sat=0.83)
    sc.fx("scan.query", E, jitter=0.06, err=0.034, lat=3.0)
    sc.fx("scan.ingest", ramp(T + 30, 90), jitter=0.05, err=0.041, sat=0.66, lat=4.0)
    sc.fx("label.svc", E, jitter=0.06, err=0.058)
    sc.fx("portal.web", ramp(T + 40, 60), jitter=0.05, err=0.044, lat=2.1)

    sc.alert(
        "TrackApiLatencyHigh",
        "track.api",
        "lat",
        ">",
        1.0,
        120,
        "page",
        "Tracking p99 latency {value}",
        "p99 of {service} is {value} over 2m (threshold {threshold}).",
        labels={"slo": "tracking-p99", "depot": "all"},
        window=120,
        unit="s",
    )
    sc.alert(
        "TrackApi5xxRatio",
        "track.api",
        "err",
        ">",
        0.03,
        120,
        "page",
        "{service} 5xx at {value}",
        "{value} of tracking requests return 5xx (threshold {threshold}).",
        window=120,
    )
    sc.alert(
        "ScanIngestBacklog",
        "scan.ingest",
        "sat",
        ">",
        0.5,
        160,
        "ticket",
        "Scan ingest queue {value} full",
        "Work queue of {service} at {value} of capacity.",
        window=120,
    )

    nodes = {
        "a": "ip-10-42-7-19.eu-central-1.compute.internal",
        "b": "ip-10-42-9-4.eu-central-1.compute.internal",
        "new": "ip-10-42-11-7.eu-central-1.compute.internal",
    }

    def event(t: float, host: str, text: str, level: str = "info") -> None:
        sc.emit("parcel.store", t, level, text, host=host, dataset="kubernetes.event")

    event(
        sc.t("07:38:36"),
        nodes["a"],
        f"Node {nodes['a']} status is now: NodeSchedulable=false "
        "(cordoned by eks-nodegroup-controller, UpdateNodegroupVersion)",
    )
    event(sc.t("07:38:52"), nodes["a"], "Evicting pod haulpath-prod/parcel-store-4 (drain, grace period 120s)", "warn")
    sc.emit(
        "parcel.store",
        sc.t("07:39:06"),
        "info",
        "INFO  [GossipStage:1] Gossiper.java:1312 - InetAddress /10.42.7.88:7000 is now DOWN",
        host="parcel-store-0",
        dataset="cassandra.log",
    )
    sc.emit(
        "parcel.store",
        sc.t("07:39:40"),
        "info",
        f"kubelet[1411]: Node {nodes['new']} status is now: NodeReady",
        host=nodes["new"],
        dataset="system.syslog",
    )
    sc.every(
        "parcel.store",
        sc.t("07:40:30"),
        sc.horizon,
        120,
        lambda t: {
            "level": "warn",
            "host": nodes["new"],
            "dataset": "kubernetes.event",
            "msg": "pod haulpath-prod/parcel-store-4: FailedAttachVolume: Multi-Attach error for volume "
            '"pvc-6f1c2a9e-1d7b-4c55-9a0e-2b8f3e71c604" Volume is already exclusively attached to one node and '
            "can't be attached to another",
        },
    )
    event(
        sc.t("07:51:41"),
        nodes["b"],
        f"Node {nodes['b']} status is now: NodeSchedulable=false "
        "(cordoned by eks-nodegroup-controller, UpdateNodegroupVersion)",
    )
    event(sc.t("07:51:55"), nodes["b"], "Evicting pod haulpath-prod/parcel-store-1 (drain, grace period 120s)", "warn")
    sc.emit(
        "parcel.store",
        sc.t("07:52:04"),
        "info",
        "INFO  [GossipStage:1] Gossiper.java:1312 - InetAddress /10.42.9.31:7000 is now DOWN",
        host="parcel-store-2",
        dataset="cassandra.log",
    )
    sc.emit(
        "parcel.store",
        sc.t("07:52:30"),
        "warn",
        "kernel: [88213.441207] nvme nvme1: detaching namespace (volume vol-0a7c31e9f2b84d650 detached by EC2)",
        host=nodes["b"],
        dataset="system.syslog",
    )
    sc.burst(
        "parcel.store",
        ramp(T + 10, 30),
        4,
        lambda t: {
            "level": "warn",
            "host": f"parcel-store-{rng.choice([0, 2, 3, 5])}",
            "dataset": "cassandra.log",
            "msg": f"WARN  [Native-Transport-Requests-{rng.randint(1, 64)}] NoSpamLogger.java:108 - Unavailable: "
            "LOCAL_QUORUM requires 2 replicas, only 1 alive for token range "
            f"({rng.randint(-9 * 10**18, 0)},{rng.randint(0, 9 * 10**18)}]",
        },
    )
    sc.burst(
        "parcel.store",
        ramp(first, 30),
        0.5,
        lambda t: {
            "level": "info",
            "host": f"parcel-store-{rng.choice([0, 2, 3, 5])}",
            "dataset": "cassandra.log",
            "msg": "INFO  [HintsWriteExecutor:1] HintsStore.java:163 - Writing hints for /10.42.7.88:7000 "
            f"({rng.randint(2000, 90000)} hints buffered)",
        },
    )

    def track(t: float) -> dict[str, Any]:
        err = rng.choice(
            [
                "gocql: Cannot achieve consistency level LOCAL_QUORUM",
                "gocql: no response received from cassandra within timeout period",
            ]
        )
        return {
            "level": "error",
            "origin": "parcels/store.go:143",
            "msg": lf(
                "parcel lookup failed",
                route="/v2/parcels/{id}",
                parcel=parcel_id(rng),
                status=503,
                dur_ms=rng.randint(800, 2600),
                err=err,
            ),
        }

    sc.burst("track.api", E, 12, track)
    sc.burst(
        "scan.query",
        E,
        3,
        lambda t: {
            "level": "error",
            "origin": "query/parcels.go:77",
            "msg": lf(
                "enrich scans failed",
                hub=rng.choice(DEPOTS),
                err="gocql: Cannot achieve consistency level LOCAL_QUORUM",
                status=502,
            ),
        },
    )
    sc.burst(
        "scan.ingest",
        ramp(T + 30, 60),
        4,
        lambda t: {
            "level": "warn",
            "origin": "ingest/persist.go:212",
            "msg": lf(
                "persist scan failed, retrying",
                depot=rng.choice(DEPOTS),
                attempt=rng.randint(1, 3),
                err="gocql: no response received from cassandra within timeout period",
            ),
        },
    )
    sc.burst(
        "label.svc",
        E,
        2,
        lambda t: {
            "level": "error",
            "origin": "labels/create.go:98",
            "msg": lf(
                "create label failed",
                carrier=rng.choice(CARRIERS),
                status=503,
                err="parcel.store: gocql: Cannot achieve consistency level LOCAL_QUORUM",
            ),
        },
    )
    sc.burst(
        "portal.web",
        ramp(T + 40, 60),
        2,
        lambda t: {
            "level": "error",
            "origin": "web/proxy.go:54",
            "msg": lf("upstream error", upstream="track.api", status=503, route="/track/{id}"),
        },
    )
    return sc


def hp_ingest_lag() -> Scenario:
    sc = Scenario(
        HAULPATH,
        "scan-ingest-lag-afternoon",
        5202,
        "2024-09-25",
        "13:58:00",
        "10:05",
        40,
        cause="resource_saturation",
        culprit="scan.ingest",
        runbook="memory-pressure-oom",
        now_delay=270,
        description="Depots report handheld scans taking seconds to confirm and some being rejected; scan ingest "
        "paged at about {alert} UTC.",
        distractor="slow memory growth over ~4 hours with no change on scan.ingest; innocent address.verify deploy "
        "25 min and portal.web flag 34 min before; resolved label.svc alert",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("search.os", "10:40:00", "config", "Increase scans-* replicas 1 -> 2"),
            ("track.api", "11:10:00", "deploy", "Return ETA window with tracking events"),
        ],
    )
    sc.deploy(
        "address.verify",
        sc.m(-25),
        2.2,
        "Cache normalised postcodes for 24h (SHIP-771)",
        author="tomas.r",
        logs=started(sc, "address.verify"),
    )
    sc.change(
        sc.change_id(T),
        "portal.web",
        "flag",
        sc.m(-34),
        None,
        "flag new_tracking_timeline: 0% -> 50%",
        author="jo.kowalski",
        version="50%",
        previous="0%",
    )

    leak = curve(sc.start, T - 120, 1.1)
    sc.eff("scan.ingest", "mem", ramp(sc.start, 0), 0.78, "mul")
    sc.eff("scan.ingest", "mem", leak, 0.58, "add")
    sc.eff("scan.ingest", "cpu", curve(sc.t("12:50"), T, 2.2), 0.45, "add")
    sc.eff("scan.ingest", "lat", curve(sc.t("12:40"), T, 2.5), 15.0, "mul")
    sc.eff("scan.ingest", "sat", curve(sc.t("13:20"), T, 3.0), 0.87, "add")
    sc.fx("scan.ingest", ramp(T - 30, 120), jitter=0.1, err=0.063)
    sc.fx("events.bus", ramp(T, 120), rr=0.85)
    sc.fx("label.svc", ramp(sc.t("12:20"), 40, sc.t("12:29"), 60), err=0.05)

    sc.alert(
        "ScanIngestQueueSaturated",
        "scan.ingest",
        "sat",
        ">",
        0.85,
        180,
        "page",
        "{service} work queue {value} full",
        "Ingest queue of {service} is at {value} of capacity for 3m.",
        labels={"depot": "all", "queue": "ingest"},
        window=120,
    )
    sc.alert(
        "ScanIngestLatencyP99",
        "scan.ingest",
        "lat",
        ">",
        0.75,
        240,
        "page",
        "{service} p99 {value}",
        "Scan batch acknowledgement p99 is {value} (threshold {threshold}).",
        window=120,
        unit="s",
    )
    sc.alert(
        "LabelSvcErrors",
        "label.svc",
        "err",
        ">",
        0.03,
        120,
        "ticket",
        "{service} errors {value}",
        "{value} of label requests failed.",
        window=120,
        resolved=True,
        after=sc.t("12:00"),
    )

    sc.emit(
        "portal.web",
        sc.m(-34) + 3,
        "info",
        lf("flag updated", flag="new_tracking_timeline", rollout="50%", source="unleash"),
        origin="flags/watch.go:33",
    )
    sc.every(
        "scan.ingest",
        sc.start,
        sc.horizon,
        240,
        lambda t: {
            "level": "info",
            "origin": "ingest/dedupe.go:58",
            "msg": lf(
                "dedupe window stats",
                entries=int(1.3e6 + 9.4e6 * leak(t)),
                evicted=0,
                approx_mb=int(700 + 2900 * leak(t)),
                ttl="none",
            ),
        },
    )
    sc.burst(
        "scan.ingest",
        curve(sc.t("12:40"), T, 2.0),
        5,
        lambda t: {
            "level": "warn",
            "origin": "runtime/gcwatch.go:41",
            "msg": lf(
                "gc cycle slow",
                pause_total_ms=int(40 + 900 * leak(t) ** 4),
                heap_inuse_mb=int(1500 + 2100 * leak(t)),
                gomemlimit_mb=3686,
                goroutines=rng.randint(380, 520),
            ),
        },
    )
    sc.burst(
        "scan.ingest",
        curve(sc.t("13:36"), T, 1.0),
        3,
        lambda t: {
            "level": "warn",
            "origin": "ingest/queue.go:90",
            "msg": lf("ingest queue above high watermark", depth=rng.randint(14000, 19900), capacity=20000),
        },
    )
    sc.burst(
        "scan.ingest",
        ramp(T - 30, 60),
        14,
        lambda t: {
            "level": "error",
            "origin": "ingest/handler.go:131",
            "msg": lf(
                "enqueue rejected", depot=rng.choice(DEPOTS), status=503, err="ingest queue full (capacity 20000)"
            ),
        },
    )
    for when in ("14:01:20", "14:03:40"):
        host = sc.host("scan.ingest", sc.t(when))
        sc.emit(
            "scan.ingest",
            sc.t(when),
            "warn",
            f"Container scan-ingest in pod haulpath-prod/{host} was OOMKilled "
            "(exit code 137, limit 4Gi); back-off restarting",
            host=host,
            dataset="kubernetes.event",
        )
    sc.burst(
        "label.svc",
        ramp(sc.t("12:20"), 0, sc.t("12:29")),
        3,
        lambda t: {
            "level": "error",
            "origin": "labels/create.go:98",
            "msg": lf(
                "create label failed",
                carrier="GLS",
                status=502,
                err="gls: label number range exhausted, requesting new range",
            ),
        },
    )
    return sc


def hp_address_checks() -> Scenario:
    sc = Scenario(
        HAULPATH,
        "address-checks-failing-depots",
        5203,
        "2024-10-08",
        "11:26:30",
        "07:50",
        40,
        cause="external",
        culprit="loqate",
        runbook="third-party-outage",
        now_delay=330,
        description="Label creation for new shipments has been failing since about {alert} UTC and depots say "
        "address checks hang; search pages were also reported slow this morning.",
        distractor="second unrelated incident: search.os config change 22 min earlier makes scan.query slow, with "
        "its own firing alert in the same body",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("track.api", "08:40:00", "deploy", "Parcel events: include handover photo URL"),
            ("label.svc", "09:15:00", "deploy", "UPS return labels"),
            ("scan.ingest", "10:12:00", "config", "Batch flush interval 500ms -> 750ms"),
        ],
    )
    osc = sc.t("11:04:10")
    sc.change(
        sc.change_id(osc),
        "search.os",
        "config",
        osc,
        osc + 50,
        "Index template scans: refresh_interval 30s -> 1s (near-real-time hub dashboards, DATA-512)",
        author="jo.kowalski",
        version="template scans v14",
        previous="template scans v13",
    )
    S = ramp(osc + 60, 300)
    sc.fx("search.os", S, jitter=0.05, cpu=0.88, lat=5.0, sat=0.7)
    sc.fx("scan.query", ramp(osc + 120, 300), jitter=0.05, lat=3.8, err=0.004)
    sc.fx("track.api", ramp(osc + 180, 300), lat=1.5)

    E = ramp(T, 45)
    sc.fx("address.verify", E, jitter=0.1, err=0.41, lat=18.0)
    sc.fx("label.svc", ramp(T + 30, 60), jitter=0.08, err=0.16, lat=2.4)
    sc.fx("scan.ingest", ramp(T + 30, 60), err=0.021, sat=0.3)
    sc.fx("portal.web", ramp(T + 60, 60), err=0.035)

    sc.alert(
        "LabelCreationFailures",
        "label.svc",
        "err",
        ">",
        0.05,
        120,
        "page",
        "Label creation failing ({value})",
        "{value} of label requests on {service} failed over 2m (threshold {threshold}).",
        labels={"carrier": "all"},
        window=120,
    )
    sc.alert(
        "AddressVerifyUpstreamErrors",
        "address.verify",
        "err",
        ">",
        0.1,
        60,
        "page",
        "{service} upstream errors {value}",
        "{value} of address checks failed.",
        labels={"provider": "loqate"},
        window=80,
    )
    sc.alert(
        "ScanQueryLatencyP99",
        "scan.query",
        "lat",
        ">",
        1.1,
        240,
        "ticket",
        "{service} p99 {value}",
        "Scan search p99 is {value} (threshold {threshold}).",
        window=120,
        unit="s",
        after=osc,
    )

    def loqate(t: float) -> dict[str, Any]:
        if rng.random() < 0.55:
            err = (
                'Post "https://api.addressy.com/Capture/Interactive/Find/v1.1/json3.ws": context deadline exceeded '
                "(Client.Timeout exceeded while awaiting headers)"
            )
            status = 0
        else:
            err, status = "unexpected status 503 Service Unavailable", 503
        return {
            "level": "error",
            "origin": "provider/loqate.go:88",
            "msg": lf(
                "provider lookup failed",
                provider="loqate",
                op="Capture/Find",
                upstream_status=status,
                dur_ms=rng.randint(4000, 5000) if status == 0 else rng.randint(30, 300),
                err=err,
            ),
        }

    sc.burst("address.verify", E, 12, loqate)
    sc.every(
        "address.verify",
        T + 95,
        sc.horizon,
        50,
        lambda t: {
            "level": "warn",
            "origin": "provider/breaker.go:40",
            "msg": lf(
                "circuit state change",
                provider="loqate",
                from_state="half-open",
                to_state="open",
                failures=rng.randint(20, 60),
            ),
        },
    )
    sc.burst(
        "label.svc",
        ramp(T + 30, 30),
        8,
        lambda t: {
            "level": "error",
            "origin": "labels/create.go:71",
            "msg": lf(
                "create label failed",
                carrier=rng.choice(CARRIERS),
                status=502,
                err="address.verify: rpc error: code = Unavailable desc = upstream provider unavailable",
            ),
        },
    )
    sc.burst(
        "scan.ingest",
        ramp(T + 30, 30),
        3,
        lambda t: {
            "level": "warn",
            "origin": "ingest/verify.go:52",
            "msg": lf(
                "address verification skipped, parcel parked", depot=rng.choice(DEPOTS), reason="verify unavailable"
            ),
        },
    )
    stamp = dt(osc + 8).strftime("%Y-%m-%dT%H:%M:%S,412")
    sc.emit(
        "search.os",
        osc + 8,
        "info",
        f"[{stamp}][INFO ][o.o.c.m.MetadataIndexTemplateService] [search-os-0] "
        "updating index template [scans] for [refresh_interval]",
        dataset="opensearch.server",
    )
    sc.burst(
        "search.os",
        ramp(osc + 90, 120),
        2,
        lambda t: {
            "level": "warn",
            "dataset": "opensearch.server",
            "msg": dt(t).strftime("[%Y-%m-%dT%H:%M:%S,%f")[:-3]
            + f"][WARN ][o.o.i.e.Engine] [search-os-{rng.randint(0, 2)}] "
            f"[scans-2024.10.08][{rng.randint(0, 5)}] now throttling indexing: numMergesInFlight=9, maxNumMerges=8",
        },
    )
    sc.burst(
        "scan.query",
        ramp(osc + 150, 120),
        2.5,
        lambda t: {
            "level": "warn",
            "origin": "query/search.go:64",
            "msg": lf("slow search", index="scans-*", took_ms=rng.randint(1100, 2400), hub=rng.choice(DEPOTS)),
        },
    )
    return sc


def hp_parcel_status() -> Scenario:
    sc = Scenario(
        HAULPATH,
        "parcel-status-errors-midday",
        5204,
        "2024-10-15",
        "12:31:20",
        "08:55",
        40,
        cause="config_change",
        culprit="track.api",
        runbook="feature-flag-rollback",
        now_delay=260,
        description="Shortly after {alert} UTC the tracking page started showing 'something went wrong' for many "
        "parcels; the portal error budget is burning fast.",
        distractor="flag flip with finished_at null whose effect shows 30 s later; innocent deploy on the same "
        "service (track.api) 25 min before and scan.query deploy 33 min before; resolved arrival.model alert",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("label.svc", "09:40:00", "config", "DPD API key rotation"),
            ("events.bus", "10:15:00", "config", "retention.ms for scans.v3 7d -> 5d"),
        ],
    )
    sc.deploy("scan.query", sc.m(-33), 2.4, "Bump opensearch-go to v4.1.0", logs=started(sc, "scan.query"))
    sc.deploy(
        "track.api",
        sc.m(-25.3),
        2.7,
        "Bump aws-sdk-go-v2 and otel exporters",
        author="deploybot",
        logs=started(sc, "track.api"),
    )
    sc.change(
        "flagd-9931",
        "track.api",
        "flag",
        T,
        None,
        "enable_batch_event_hydration: 0% -> 100% for /v2/parcels/{id}/events",
        author="ines.m",
        version="enable_batch_event_hydration=100%",
        previous="enable_batch_event_hydration=0%",
    )
    sc.fx("track.api", ramp(T + 30, 40), jitter=0.08, err=0.155, lat=1.3, cpu=0.56)
    sc.fx("portal.web", ramp(T + 50, 40), jitter=0.06, err=0.094)
    sc.fx("arrival.model", ramp(sc.t("10:40"), 40, sc.t("10:47"), 60), lat=4.0)

    sc.alert(
        "TrackApi5xxRatio",
        "track.api",
        "err",
        ">",
        0.05,
        60,
        "page",
        "{service} 5xx at {value}",
        "{value} of tracking requests return 5xx (threshold {threshold}).",
        window=80,
    )
    sc.alert(
        "PortalErrorBudgetFastBurn",
        "portal.web",
        "err",
        ">",
        0.028,
        120,
        "page",
        "Portal error budget burning at 14.4x",
        "{value} of portal requests failed (threshold {threshold}).",
        labels={"slo": "portal-availability", "burn_rate": "14.4x", "window": "1h"},
        window=120,
    )
    sc.alert(
        "ArrivalModelLatency",
        "arrival.model",
        "lat",
        ">",
        0.25,
        120,
        "ticket",
        "{service} p99 {value}",
        "ETA prediction p99 is {value}.",
        window=120,
        unit="s",
        resolved=True,
        after=sc.t("10:30"),
    )

    sc.emit(
        "track.api",
        T + 2.4,
        "info",
        lf("feature flag changed", flag="enable_batch_event_hydration", value="true", rollout=100, source="flagd"),
        origin="flags/client.go:88",
    )
    sc.burst(
        "track.api",
        ramp(T + 30, 20),
        16,
        lambda t: {
            "level": "error",
            "origin": "server/recover.go:29",
            "msg": lf(
                "panic recovered",
                route="/v2/parcels/{id}/events",
                parcel=parcel_id(rng),
                status=500,
                err="runtime error: index out of range [3] with length 3",
                stack="goroutine " + str(rng.randint(10000, 99999)) + " [running]:\nhaulpath/track/hydrate."
                "(*Batcher).merge(...)\n\t/src/track/hydrate/batch.go:117",
            ),
        },
    )
    sc.burst(
        "portal.web",
        ramp(T + 50, 20),
        6,
        lambda t: {
            "level": "error",
            "origin": "web/proxy.go:54",
            "msg": lf("upstream error", upstream="track.api", status=500, route="/track/{id}/events"),
        },
    )
    sc.burst(
        "arrival.model",
        ramp(sc.t("10:40"), 0, sc.t("10:47")),
        2,
        lambda t: {
            "level": "warn",
            "origin": "predict/routing.go:40",
            "msg": lf("routing matrix slow", provider="here-routing", dur_ms=rng.randint(900, 2600)),
        },
    )
    return sc


def hp_scan_events() -> Scenario:
    sc = Scenario(
        HAULPATH,
        "depot-scans-rejected-morning",
        5205,
        "2024-10-22",
        "08:14:40",
        "05:30",
        40,
        cause="dependency_outage",
        culprit="events.bus",
        runbook="dependency-outage",
        now_delay=300,
        description="From about {alert} UTC depot scans are rejected and new labels fail; tracking pages stop "
        "showing new events.",
        distractor="the culprit (events.bus) has no metrics at all in signals.json; innocent label.svc deploy "
        "29 min before",
    )
    rng, T = sc.rng, sc.T
    sc.no_signals.add("events.bus")
    routine(
        sc,
        [
            ("scan.ingest", "06:05:00", "deploy", "Reject scans with future timestamps"),
            ("address.verify", "06:50:00", "config", "Loqate timeout 4s -> 5s"),
        ],
    )
    sc.deploy(
        "label.svc",
        sc.m(-29),
        2.3,
        "DPD label template for the new CGN2 depot",
        author="anke.s",
        logs=started(sc, "label.svc"),
    )
    E = ramp(T, 60)
    sc.fx("scan.ingest", E, jitter=0.08, err=0.23, lat=9.0, cpu=0.55)
    sc.fx("scan.ingest", ramp(T, 240), sat=1.0)
    sc.fx("label.svc", ramp(T + 15, 60), jitter=0.08, err=0.12)
    sc.fx("portal.web", ramp(T + 40, 60), err=0.02)

    sc.alert(
        "ScanIngestErrors",
        "scan.ingest",
        "err",
        ">",
        0.05,
        120,
        "page",
        "{service} rejecting scans ({value})",
        "{value} of scan batches failed over 2m (threshold {threshold}).",
        labels={"topic": "scans.v3"},
        window=120,
    )
    sc.alert(
        "LabelEventPublishFailures",
        "label.svc",
        "err",
        ">",
        0.04,
        120,
        "page",
        "{service} errors {value}",
        "{value} of label requests failed.",
        labels={"topic": "labels.created"},
        window=120,
    )

    def kstamp(t: float) -> str:
        return dt(t).strftime("[%Y-%m-%d %H:%M:%S,") + f"{dt(t).microsecond // 1000:03d}]"

    sc.burst(
        "events.bus",
        ramp(T - 20, 30),
        5,
        lambda t: {
            "level": "warn",
            "host": f"events-bus-{rng.choice([0, 2])}",
            "dataset": "kafka.log",
            "msg": f"{kstamp(t)} WARN [ReplicaFetcher replicaId={rng.choice([0, 2])}, leaderId=1, fetcherId=0] "
            "Error in "
            "response for fetch request (type=FetchRequest, replicaId=0, maxWait=500, minBytes=1, maxBytes=10485760) "
            "(kafka.server.ReplicaFetcherThread) java.io.IOException: Connection to 1 was disconnected before the "
            "response was read",
        },
    )
    sc.burst(
        "events.bus",
        ramp(T + 20, 30),
        3,
        lambda t: {
            "level": "info",
            "host": f"events-bus-{rng.choice([0, 2])}",
            "dataset": "kafka.log",
            "msg": f"{kstamp(t)} INFO [Partition scans.v3-{rng.randint(0, 11)} broker={rng.choice([0, 2])}] "
            "Shrinking ISR "
            "from 0,1,2 to 0,2. Leader: (highWatermark: "
            + str(rng.randint(10**8, 9 * 10**8))
            + ") (kafka.cluster.Partition)",
        },
    )
    sc.burst(
        "events.bus",
        ramp(T + 40, 30),
        3,
        lambda t: {
            "level": "error",
            "host": "events-bus-1",
            "dataset": "kafka.log",
            "msg": f"{kstamp(t)} ERROR [ReplicaManager broker=1] Error processing append operation on partition "
            f"scans.v3-{rng.randint(0, 11)} (kafka.server.ReplicaManager) org.apache.kafka.common.errors."
            "NotEnoughReplicasException: The size of the current ISR Set(1) is insufficient to satisfy the min.isr "
            "requirement of 2",
        },
    )
    sc.burst(
        "scan.ingest",
        E,
        14,
        lambda t: {
            "level": "error",
            "origin": "ingest/publish.go:77",
            "msg": lf(
                "publish failed",
                topic="scans.v3",
                depot=rng.choice(DEPOTS),
                err=rng.choice(
                    [
                        "kafka: Failed to produce message to topic scans.v3: kafka server: "
                        "Request exceeded the user-specified "
                        "time limit in the request",
                        "kafka server: Messages are rejected since there are fewer in-sync replicas than required",
                    ]
                ),
            ),
        },
    )
    sc.burst(
        "label.svc",
        ramp(T + 15, 30),
        5,
        lambda t: {
            "level": "error",
            "origin": "outbox/flush.go:49",
            "msg": lf(
                "outbox flush failed",
                topic="labels.created",
                pending=rng.randint(100, 3000),
                err="kafka: Failed to produce message to topic labels.created: kafka server: Request timed out",
            ),
        },
    )
    sc.burst(
        "portal.web",
        ramp(T + 40, 30),
        1.5,
        lambda t: {
            "level": "error",
            "origin": "web/proxy.go:54",
            "msg": lf("upstream error", upstream="label.svc", status=502, route="/shipments/{id}/label"),
        },
    )
    return sc


def hp_label_errors() -> Scenario:
    sc = Scenario(
        HAULPATH,
        "label-api-errors-after-lunch",
        5206,
        "2024-10-29",
        "13:21:30",
        "10:40",
        40,
        cause="deploy",
        culprit="label.svc",
        runbook="rollback-a-deploy",
        now_delay=290,
        description="Business customers cannot print shipping labels since about {alert} UTC; the portal shows "
        "errors on the label page.",
        distractor="innocent account.svc deploy 2 min before the culprit's, portal.web (alerting) deploy ~31 min "
        "before its alert, scan.query flag",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("track.api", "11:05:00", "deploy", "Cache parcel header for 5s"),
            ("users.pg", "11:40:00", "config", "work_mem 8MB -> 16MB"),
        ],
    )
    sc.deploy("portal.web", sc.t("12:54:00"), 3.0, "Shipments list: column chooser", logs=started(sc, "portal.web"))
    sc.change(
        sc.change_id(T),
        "scan.query",
        "flag",
        sc.t("12:58:00"),
        sc.t("12:58:10"),
        "flag hub_dashboard_v2: off -> on",
        version="on",
        previous="off",
    )
    sc.deploy(
        "account.svc",
        sc.m(-1.8),
        1.6,
        "Password policy: allow passphrases up to 128 chars",
        logs=started(sc, "account.svc"),
    )
    ready = sc.deploy(
        "label.svc",
        T,
        2.7,
        "Carrier service-code mapping moved to config (LBL-812)",
        author="deploybot",
        version="v5.3.0",
        logs=started(sc, "label.svc"),
    )
    E = steps(ready, rise=20)
    sc.fx("label.svc", E, jitter=0.1, err=0.21, lat=1.1)
    sc.eff("label.svc", "mem", E, 1.15, "mul")
    sc.fx("portal.web", steps([r + 15 for r in ready], rise=20), jitter=0.08, err=0.047)

    sc.alert(
        "LabelSvc5xx",
        "label.svc",
        "err",
        ">",
        0.05,
        120,
        "page",
        "{service} 5xx at {value}",
        "{value} of label requests failed over 2m (threshold {threshold}).",
        window=120,
    )
    sc.alert(
        "PortalErrorBudgetFastBurn",
        "portal.web",
        "err",
        ">",
        0.02,
        120,
        "page",
        "Portal error budget burning",
        "{value} of portal requests failed (threshold {threshold}).",
        labels={"slo": "portal-availability", "burn_rate": "14.4x", "window": "1h"},
        window=120,
    )

    def label(t: float) -> dict[str, Any] | None:
        host = sc.host("label.svc", t, new=True)
        if sc.version_of("label.svc", host) != "v5.3.0" or rng.random() < 0.3:
            return None
        carrier = rng.choice(["DPD", "DPD", "GLS"])
        return {
            "level": "error",
            "host": host,
            "origin": "render/zpl.go:64",
            "msg": lf(
                "render label failed",
                carrier=carrier,
                template=f"zpl/{carrier.lower()}.tmpl",
                status=500,
                err=f'template: {carrier.lower()}.tmpl:41:12: executing "{carrier.lower()}" at '
                "<.Service.Code>: nil pointer evaluating *model.Service.Code",
            ),
        }

    sc.burst("label.svc", E, 20, label, t0=ready[0])
    sc.burst(
        "portal.web",
        steps([r + 15 for r in ready]),
        4,
        lambda t: {
            "level": "error",
            "origin": "web/proxy.go:54",
            "msg": lf("upstream error", upstream="label.svc", status=500, route="/shipments/{id}/label"),
        },
        t0=ready[0],
    )
    return sc


# ---------------------------------------------------------------------------------------------
# Confera (short names, 5-10 s, zap/pino/python/nginx logs)
# ---------------------------------------------------------------------------------------------

UAS = [
    "ConferaDesktop/24.11.2 (Windows 10)",
    "ConferaDesktop/24.11.2 (macOS 14.6)",
    "ConferaiOS/24.11.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 ConferaWeb/24.48",
]


def ngx_error(sc: Scenario, t: float, text: str, method: str, path: str, upstream: str) -> str:
    rng = sc.rng
    stamp = dt(t).strftime("%Y/%m/%d %H:%M:%S")
    pid = rng.randint(20, 40)
    return (
        f"{stamp} [error] {pid}#{pid}: *{rng.randint(10**6, 10**8)} {text}, client: 10.20.{rng.randint(0, 255)}."
        f'{rng.randint(1, 254)}, server: api.confera.net, request: "{method} {path} HTTP/2.0", upstream: '
        f'"http://{upstream}{path.split("?")[0]}", host: "api.confera.net"'
    )


def ngx_access(sc: Scenario, t: float, method: str, path: str, status: int, ua: str, rt: float) -> dict[str, Any]:
    rng = sc.rng
    stamp = dt(t).strftime("%d/%b/%Y:%H:%M:%S +0000")
    client = f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return {
        "level": "warn" if status < 500 else "error",
        "msg": f'{client} - - [{stamp}] "{method} {path} HTTP/2.0" {status} {rng.randint(60, 900)} "-" "{ua}" '
        f"rt={rt:.3f} urt={max(0.0, rt - 0.001):.3f}",
        "dataset": "nginx.access",
        "status": status,
        "path": path.split("?")[0],
        "ua": ua,
    }


def cf_signalling() -> Scenario:
    sc = Scenario(
        CONFERA,
        "meetings-signalling-errors-monday",
        6301,
        "2024-12-02",
        "14:51:10",
        "13:25",
        5,
        cause="traffic_surge",
        culprit="pres",
        runbook="traffic-surge-autoscaling",
        now_delay=240,
        description="Monday morning (US East): users report meetings stuck on 'connecting' and dropped "
        "signalling since about {alert} UTC.",
        distractor="innocent sig (alerting service) deploy 22 min before and rooms config 38 min before; natural "
        "join spikes at :00/:30 in the baseline; the surging service alerts only on latency",
    )
    rng, T = sc.rng, sc.T
    sc.hide("dial", "rr err")
    sc.deploy(
        "sig",
        sc.m(-22),
        2.5,
        "Reduce ws ping-interval log noise; no protocol change",
        author="devon",
        logs=started(sc, "sig"),
    )
    sc.change(
        sc.change_id(T),
        "rooms",
        "config",
        sc.m(-38),
        sc.m(-37.5),
        "Max participants per room 300 -> 500 (enterprise tier)",
        author="priya.k",
        version="rooms-config v212",
        previous="rooms-config v211",
    )
    sc.fx("pres", ramp(T, 90), jitter=0.05, rr=6.4, cpu=0.97, lat=14.0)
    sc.fx("pres", ramp(T + 60, 120), jitter=0.1, err=0.071)
    sc.fx("kv", ramp(T + 20, 120), jitter=0.05, rr=1.9, cpu=0.91, lat=6.0)
    sc.fx("sig", ramp(T + 70, 120), jitter=0.1, err=0.062, lat=5.0, sat=0.55)
    sc.fx("rooms", ramp(T + 90, 120), jitter=0.1, err=0.024, lat=2.0)
    sc.fx("edge", ramp(T + 100, 120), jitter=0.1, err=0.019)
    sc.eff("edge", "rr", ramp(T, 90), 1.35, "mul")

    sc.alert(
        "SignallingErrorRate",
        "sig",
        "err",
        ">",
        0.03,
        60,
        "critical",
        "{service} error ratio {value}",
        "{value} of signalling RPCs failed over 1m (threshold {threshold}).",
        window=60,
    )
    sc.alert(
        "EdgeHigh5xx",
        "edge",
        "err",
        ">",
        0.01,
        120,
        "critical",
        "Edge 5xx at {value}",
        "{value} of requests through the edge returned 5xx (threshold {threshold}).",
        labels={"ingress": "api.confera.net"},
        window=120,
    )
    sc.alert(
        "PresenceLatencyHigh",
        "pres",
        "lat",
        ">",
        0.15,
        120,
        "warning",
        "{service} p99 {value}",
        "Presence p99 latency is {value}.",
        window=60,
        unit="s",
    )

    acme = "AcmeCalendarSync/2.1 (+https://acme-corp.example/it)"
    sc.every(
        "pres",
        T + 30,
        sc.horizon,
        60,
        lambda t: {
            "level": "info",
            "msg": "request mix",
            "logger": "pres.stats",
            "labels": {
                "top_client": "cal-sync-acme",
                "top_client_share": f"{rng.uniform(0.78, 0.86):.2f}",
                "rps": str(rng.randint(11800, 14200)),
                "window": "60s",
            },
        },
    )
    sc.every(
        "pres",
        sc.start + 200,
        T,
        600,
        lambda t: {
            "level": "info",
            "msg": "request mix",
            "logger": "pres.stats",
            "labels": {
                "top_client": "confera-desktop",
                "top_client_share": f"{rng.uniform(0.55, 0.62):.2f}",
                "rps": str(rng.randint(1700, 2500)),
                "window": "60s",
            },
        },
    )
    sc.burst(
        "pres",
        ramp(T + 20, 30),
        4,
        lambda t: {
            "level": "warn",
            "msg": "client above fair share, no rate limit configured",
            "logger": "pres.limiter",
            "labels": {"client_id": "cal-sync-acme", "ua": acme, "rps": str(rng.randint(9000, 12000))},
        },
    )
    sc.burst(
        "pres",
        ramp(T + 60, 60),
        8,
        lambda t: {
            "level": "error",
            "msg": "presence batch lookup failed",
            "logger": "pres.server",
            "error": {"message": rng.choice(["context deadline exceeded", "kv: i/o timeout"])},
        },
    )
    sc.burst(
        "edge",
        ramp(T + 20, 30),
        3,
        lambda t: ngx_access(
            sc,
            t,
            "GET",
            f"/v1/presence?users={rng.randint(100, 999)}",
            rng.choice([200, 200, 429, 503]),
            acme,
            rng.uniform(0.05, 1.5),
        ),
    )
    sc.burst(
        "edge",
        ramp(T + 100, 60),
        6,
        lambda t: {
            "level": "error",
            "dataset": "nginx.error",
            "msg": ngx_error(
                sc,
                t,
                "upstream timed out (110: Connection timed out) while reading response header from upstream",
                "GET",
                "/ws",
                f"10.8.{rng.randint(1, 9)}.{rng.randint(2, 250)}:8443",
            ),
        },
    )
    sc.burst(
        "sig",
        ramp(T + 70, 60),
        12,
        lambda t: {
            "level": "error",
            "msg": "ws session setup failed",
            "logger": "sig.session",
            "error": {
                "message": rng.choice(
                    [
                        "presence: rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                        "presence: rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                        "kv: read tcp 10.8.4.22:41766->10.8.3.17:6379: i/o timeout",
                    ]
                )
            },
            "labels": {"room": f"r-{token(rng, 8)}"},
        },
    )
    sc.burst(
        "rooms",
        ramp(T + 90, 60),
        4,
        lambda t: {
            "level": "error",
            "msg": "join failed",
            "logger": "rooms.join",
            "error": {"message": "sig: session setup timeout after 5s"},
            "labels": {"room": f"r-{token(rng, 8)}"},
        },
    )
    return sc


def cf_freezes() -> Scenario:
    sc = Scenario(
        CONFERA,
        "video-freezes-in-large-rooms",
        6302,
        "2024-12-04",
        "16:20:40",
        "14:35",
        10,
        cause="infrastructure",
        culprit="sfu",
        runbook=None,
        now_delay=300,
        deploys=False,
        description="Since about {alert} UTC participants report frozen video and failed joins, mostly in large "
        "rooms; the media team sees forwarding latency climb.",
        distractor="no deploys.json at all; the node/network fault is visible only in host-level kernel lines "
        "from one availability zone; resolved kv memory alert",
    )
    rng, T = sc.rng, sc.T
    sc.fx("sfu", ramp(T, 60), jitter=0.15, err=0.12, lat=11.0, sat=0.29, rr=0.9)
    sc.fx("turn", ramp(T + 60, 180), jitter=0.05, sat=0.61, rr=1.8)
    sc.fx("rooms", ramp(T + 40, 90), jitter=0.1, err=0.021, lat=1.6)
    sc.fx("edge", ramp(T + 40, 90), err=0.004)
    sc.eff("kv", "mem", ramp(sc.t("15:10"), 60, sc.t("15:18"), 120), 0.32, "add")
    sc.gap("rooms", None, T + 70, T + 100)
    sc.random_gaps = 7

    sc.alert(
        "RoomMediaSetupFailures",
        "rooms",
        "err",
        ">",
        0.015,
        120,
        "critical",
        "Media setup failing for {value} of joins",
        "{value} of room joins failed media setup over 2m (threshold {threshold}).",
        window=120,
    )
    sc.alert(
        "SfuForwardLatencyHigh",
        "sfu",
        "lat",
        ">",
        0.25,
        60,
        "critical",
        "{service} forward p99 {value}",
        "Media forwarding p99 is {value} (threshold {threshold}).",
        labels={"media": "video"},
        window=60,
        unit="s",
    )
    sc.alert(
        "KvMemoryHigh",
        "kv",
        "mem",
        ">",
        0.85,
        120,
        "warning",
        "{service} memory {value}",
        "{service} used memory at {value} of maxmemory.",
        labels={"shard": "kv-2"},
        window=60,
        resolved=True,
        after=sc.t("15:00"),
    )

    bad = ["ip-10-9-44-12.ec2.internal", "ip-10-9-45-201.ec2.internal", "ip-10-9-47-33.ec2.internal"]
    pods_c = [p.name for p in sc.pods["sfu"][:4]]

    def kern(t: float) -> dict[str, Any]:
        node = rng.choice(bad)
        q = rng.randint(0, 7)
        return {
            "level": "error",
            "host": node,
            "dataset": "system.syslog",
            "az": "us-east-1c",
            "msg": rng.choice(
                [
                    f"kernel: ena 0000:00:06.0 eth1: TX hang detected on queue {q}",
                    f"kernel: ena 0000:00:06.0 eth1: Found a Tx that wasn't completed on time, qid {q}, index "
                    f"{rng.randint(0, 1023)}. {rng.randint(5, 40)} msecs since last interrupt",
                    "kernel: ena 0000:00:06.0 eth1: Trigger reset is on",
                    "kernel: ena 0000:00:06.0: ENA device reset completed successfully",
                ]
            ),
        }

    sc.burst("sfu", ramp(T - 25, 20), 7, kern)
    sc.burst(
        "sfu",
        ramp(T + 30, 30),
        0.6,
        lambda t: {
            "level": "warn",
            "host": rng.choice(bad),
            "dataset": "kubernetes.event",
            "az": "us-east-1c",
            "msg": "kubelet: Readiness probe failed for pod rtc/" + rng.choice(pods_c) + ": Get "
            '"http://10.9.44.70:9090/ready": context deadline exceeded '
            "(Client.Timeout exceeded while awaiting headers)",
        },
    )
    sc.burst(
        "sfu",
        ramp(T + 10, 30),
        10,
        lambda t: {
            "level": "warn",
            "host": rng.choice(pods_c),
            "az": "us-east-1c",
            "logger": "sfu.rtcp",
            "msg": rng.choice(
                [
                    "high packet loss on subscriber downlink",
                    "ice consent check failed, closing transport",
                    "keyframe request storm",
                ]
            ),
            "labels": {"loss_pct": str(rng.randint(9, 45)), "room": f"r-{token(rng, 8)}"},
        },
    )
    sc.burst(
        "rooms",
        ramp(T + 40, 60),
        3,
        lambda t: {
            "level": "error",
            "msg": "media setup failed",
            "logger": "rooms.join",
            "error": {"message": "sfu: transport connect timeout (ICE failed)"},
            "labels": {"room": f"r-{token(rng, 8)}"},
        },
    )
    sc.burst(
        "turn",
        ramp(T + 60, 60),
        1.5,
        lambda t: {
            "level": "info",
            "msg": "allocation created",
            "logger": "turn.server",
            "labels": {"reason": "client relay fallback", "proto": "udp"},
        },
    )
    return sc


def cf_logins() -> Scenario:
    sc = Scenario(
        CONFERA,
        "logins-failing-video-app",
        6303,
        "2024-12-10",
        "14:37:00",
        "13:12",
        5,
        cause="deploy",
        culprit="idp",
        runbook="rollback-a-deploy",
        now_delay=300,
        description="From about {alert} UTC users cannot sign in to the desktop and web apps (spinner then "
        "'something went wrong'); the shared Postgres also looks hot.",
        distractor="the shared database (pgm) saturates and alerts, looking like a capacity problem; innocent "
        "edge (alerting service) deploy 30 min before; resolved rec alert",
    )
    rng, T = sc.rng, sc.T
    sc.hide("dial", "rr err")
    sc.hide("turn", "rr")
    routine(
        sc,
        [
            ("chat", "13:30:00", "deploy", "Emoji reactions batching"),
            ("rooms", "13:52:00", "flag", "flag waiting_room_v2: 10% -> 25%"),
        ],
    )
    sc.deploy(
        "edge",
        sc.m(-30),
        3.0,
        "nginx 1.27.2 -> 1.27.3, modern cipher list",
        author="marcus",
        version="1.27.3-cf1",
        logs=started(sc, "edge"),
    )
    ready = sc.deploy(
        "idp",
        T,
        2.17,
        "Session lookup by hashed token (SEC-441)",
        author="gh-actions[bot]",
        version="2024.12.10-2",
        logs=started(sc, "idp"),
    )
    E = ramp(ready[0], 90)
    sc.fx("idp", E, jitter=0.1, lat=15.0)
    sc.fx("idp", ramp(T + 60, 120), jitter=0.1, err=0.088)
    sc.fx("pgm", ramp(T + 50, 150), jitter=0.05, cpu=0.93, lat=22.0, sat=0.87, rr=1.1)
    sc.fx("chat", ramp(T + 60, 150), err=0.011, lat=2.2)
    sc.fx("rooms", ramp(T + 60, 150), err=0.004, lat=1.5)
    sc.fx("edge", ramp(T + 80, 120), jitter=0.1, err=0.018, lat=1.6)
    sc.fx("rec", ramp(sc.t("13:55"), 40, sc.t("14:02"), 60), lat=3.5)

    sc.alert(
        "EdgeHigh5xx",
        "edge",
        "err",
        ">",
        0.01,
        120,
        "critical",
        "Edge 5xx at {value}",
        "{value} of requests through the edge returned 5xx (threshold {threshold}).",
        labels={"ingress": "api.confera.net"},
        window=120,
    )
    sc.alert(
        "IdpLatencyP99",
        "idp",
        "lat",
        ">",
        1.0,
        120,
        "critical",
        "{service} p99 {value}",
        "Sign-in p99 is {value} (threshold {threshold}).",
        window=60,
        unit="s",
    )
    sc.alert(
        "PgmCpuHigh",
        "pgm",
        "cpu",
        ">",
        0.85,
        120,
        "warning",
        "{service} CPU {value}",
        "Primary CPU at {value} for 2m.",
        labels={"instance": "pgm-0", "role": "primary"},
        window=60,
    )
    sc.alert(
        "RecUploadSlow",
        "rec",
        "lat",
        ">",
        3.5,
        120,
        "warning",
        "{service} upload p99 {value}",
        "Recording part upload p99 is {value}.",
        window=120,
        unit="s",
        resolved=True,
        after=sc.t("13:40"),
    )

    def idp(t: float) -> dict[str, Any] | None:
        host = sc.host("idp", t, new=True)
        if sc.version_of("idp", host) != "2024.12.10-2":
            return None
        if rng.random() < 0.45:
            return {
                "level": "warn",
                "host": host,
                "msg": "slow query",
                "logger": "db",
                "labels": {
                    "duration_ms": str(rng.randint(1500, 4200)),
                    "sql": "select * from sessions where lower(token_hash) = ?",
                },
            }
        return {
            "level": "error",
            "host": host,
            "msg": "session lookup failed",
            "logger": "auth",
            "error": {
                "type": "KnexTimeoutError",
                "message": "Knex: Timeout acquiring a connection. The pool is "
                "probably full. Are you missing a .transacting(trx) call?",
            },
            "labels": {"route": "/v1/auth/session", "status": "500"},
        }

    sc.burst("idp", E, 14, idp, t0=ready[0])
    sc.burst(
        "pgm",
        ramp(T + 40, 60),
        5,
        lambda t: {
            "level": "info",
            "logger": "postgres",
            "msg": f"LOG:  duration: {rng.uniform(900, 4200):.3f} ms  execute <unnamed>: SELECT s.* FROM sessions s "
            "WHERE lower(s.token_hash) = $1",
        },
    )
    sc.burst(
        "chat",
        ramp(T + 60, 60),
        1.5,
        lambda t: {
            "level": "warn",
            "msg": "db query slow",
            "logger": "chat.store",
            "labels": {"dur_ms": str(rng.randint(300, 1200)), "op": "insert message"},
        },
    )
    sc.burst(
        "edge",
        ramp(T + 80, 60),
        5,
        lambda t: {
            "level": "error",
            "dataset": "nginx.error",
            "msg": ngx_error(
                sc,
                t,
                "upstream timed out (110: Connection timed out) while reading response header from upstream",
                "POST",
                "/v1/auth/session",
                f"10.8.6.{rng.randint(2, 250)}:8080",
            ),
        },
    )
    sc.burst(
        "rec",
        ramp(sc.t("13:55"), 0, sc.t("14:02")),
        2,
        lambda t: {
            "level": "warning",
            "logger": "recorder.upload",
            "msg": f"part upload slow: {rng.uniform(3, 6):.1f}s for 16.0 MiB (retrying on new connection)",
        },
    )
    return sc


def cf_recordings() -> Scenario:
    sc = Scenario(
        CONFERA,
        "recordings-not-available",
        6304,
        "2024-12-12",
        "17:05:30",
        "15:40",
        5,
        cause="external",
        culprit="s3",
        runbook="third-party-outage",
        now_delay=300,
        description="Cloud recordings of meetings that ended after about {alert} UTC are not appearing; around "
        "the same time chat messages started failing to send for some users.",
        distractor="second unrelated incident: a chat deploy 4 min before with its own firing alert in the same "
        "body; earlier routine rec deploy",
    )
    rng, T = sc.rng, sc.T
    sc.hide("dial", "rr err")
    sc.hide("turn", "rr sat")
    routine(
        sc,
        [
            ("rec", "15:55:00", "deploy", "Upload parts in parallel (4 -> 6)"),
            ("sfu", "16:20:00", "config", "simulcast layers for 1080p: 3 -> 2"),
        ],
    )
    ready = sc.deploy(
        "chat",
        sc.t("17:01:10"),
        1.3,
        "Message edit history (CHAT-1290)",
        author="yuki.t",
        version="3.45.0",
        logs=started(sc, "chat"),
    )
    sc.fx("chat", ramp(ready[0], 60), jitter=0.1, err=0.064, lat=1.2)
    sc.fx("edge", ramp(ready[0] + 10, 60), err=0.004)
    sc.fx("rec", ramp(T, 60), jitter=0.1, err=0.53, lat=13.0, rr=1.3)
    sc.fx("rec", ramp(T, 600), sat=0.7)

    sc.alert(
        "RecordingUploadFailures",
        "rec",
        "err",
        ">",
        0.2,
        120,
        "critical",
        "Recording uploads failing ({value})",
        "{value} of recording part uploads failed over 2m (threshold {threshold}).",
        labels={"bucket": "confera-recordings-use1"},
        window=120,
    )
    sc.alert(
        "ChatSendErrors",
        "chat",
        "err",
        ">",
        0.03,
        120,
        "critical",
        "{service} send errors {value}",
        "{value} of chat sends failed (threshold {threshold}).",
        window=60,
        after=sc.t("16:55"),
    )

    host = "confera-recordings-use1.s3.us-east-1.amazonaws.com"

    def upload(t: float) -> dict[str, Any]:
        rec = f"rec_{token(rng, 10)}"
        if rng.random() < 0.6:
            error = {
                "type": "botocore.exceptions.ClientError",
                "message": "An error occurred (ServiceUnavailable) when calling the UploadPart operation "
                "(reached max retries: 4): Service Unavailable",
            }
        elif rng.random() < 0.6:
            error = {
                "type": "urllib3.exceptions.ReadTimeoutError",
                "message": f"HTTPSConnectionPool(host='{host}', port=443): Read timed out. (read timeout=15)",
            }
        else:
            error = {
                "type": "botocore.exceptions.ClientError",
                "message": "An error occurred (InternalError) when calling the CompleteMultipartUpload "
                "operation (reached max retries: 4): We encountered an internal error. Please try again.",
            }
        return {
            "level": "error",
            "logger": "recorder.upload",
            "error": error,
            "msg": f"upload failed for {rec} part {rng.randint(1, 40)}/40",
        }

    sc.burst("rec", ramp(T, 30), 12, upload)
    sc.burst(
        "rec",
        ramp(T + 120, 60),
        2,
        lambda t: {
            "level": "warning",
            "logger": "recorder.spool",
            "msg": f"spooling recording rec_{token(rng, 10)} locally "
            f"(spool {int(20 + 50 * min(1, (t - T) / 600))}% full)",
        },
    )

    def chat(t: float) -> dict[str, Any] | None:
        h = sc.host("chat", t, new=True)
        if sc.version_of("chat", h) != "3.45.0":
            return None
        return {
            "level": "error",
            "host": h,
            "msg": "send message failed",
            "logger": "chat.store",
            "error": {"message": 'pq: column "edited_at" of relation "messages" does not exist'},
            "labels": {"room": f"r-{token(rng, 8)}"},
        }

    sc.burst("chat", ramp(ready[0], 30), 10, chat, t0=ready[0])
    return sc


def cf_reconnects() -> Scenario:
    sc = Scenario(
        CONFERA,
        "websocket-reconnect-loops",
        6305,
        "2024-12-17",
        "15:38:00",
        "13:30",
        10,
        cause="resource_saturation",
        culprit="sig",
        runbook=None,
        now_delay=280,
        description="Since about {alert} UTC clients keep reconnecting ('Reconnecting...' banner) and some cannot "
        "join meetings; the edge reports failed websocket upgrades.",
        distractor="innocent config change on kv (a dependency of sig) 20 min before and rooms deploy 26 min before; "
        "the culprit's own saturation warning fired earlier and sits later in the body",
    )
    rng, T = sc.rng, sc.T
    sc.hide("dial", "rr err")
    routine(sc, [("edge", "13:55:00", "deploy", "Access log sampling 1% -> 0.5%")])
    sc.deploy("rooms", sc.m(-26), 2.0, "Breakout rooms: remember last assignment", logs=started(sc, "rooms"))
    sc.change(
        sc.change_id(T),
        "kv",
        "config",
        sc.m(-20),
        sc.m(-19.6),
        "maxmemory-policy volatile-lru -> allkeys-lru",
        author="marcus",
        version="kv-params r31",
        previous="kv-params r30",
    )
    leak = curve(sc.start, T - 60, 1.15)
    sc.eff("sig", "sat", leak, 0.72, "add")
    sc.eff("sig", "cpu", leak, 1.25, "mul")
    sc.fx("sig", ramp(T - 30, 60), jitter=0.15, err=0.17, lat=7.0)
    sc.fx("rooms", ramp(T, 60), jitter=0.1, err=0.038)
    sc.fx("edge", ramp(T + 10, 60), jitter=0.1, err=0.021)

    sc.alert(
        "EdgeWebsocketUpgradeFailures",
        "edge",
        "err",
        ">",
        0.012,
        60,
        "critical",
        "Websocket upgrades failing ({value})",
        "{value} of requests through the edge failed; most are GET /ws upgrades (threshold {threshold}).",
        labels={"ingress": "api.confera.net", "route": "/ws"},
        window=60,
    )
    sc.alert(
        "SignallingErrorRate",
        "sig",
        "err",
        ">",
        0.03,
        60,
        "critical",
        "{service} error ratio {value}",
        "{value} of signalling RPCs failed over 1m (threshold {threshold}).",
        window=60,
    )
    sc.alert(
        "SigFdUsageHigh",
        "sig",
        "sat",
        ">",
        0.9,
        300,
        "warning",
        "{service} file descriptors {value} used",
        "Open file descriptors on {service} at {value} of the limit.",
        window=120,
        after=sc.t("14:30"),
    )

    def fds(t: float) -> int:
        return int(65536 * min(1.0, 0.29 + 0.72 * leak(t)))

    sc.every(
        "sig",
        sc.start,
        sc.horizon,
        300,
        lambda t: {
            "level": "info",
            "msg": "ws sessions",
            "logger": "sig.stats",
            "labels": {
                "open": str(rng.randint(5200, 6400)),
                "half_closed": str(int(300 + 41000 * leak(t))),
                "fds": str(fds(t)),
                "fd_limit": "65536",
            },
        },
    )
    sc.burst(
        "sig",
        curve(T - 1500, T - 60, 1.0),
        2,
        lambda t: {
            "level": "warn",
            "msg": "fd usage high",
            "logger": "sig.stats",
            "labels": {"fds": str(fds(t)), "fd_limit": "65536"},
        },
    )
    sc.burst(
        "sig",
        ramp(T - 30, 30),
        16,
        lambda t: {
            "level": "error",
            "logger": "sig.server",
            "msg": rng.choice(["http: Accept error", "kv dial failed"]),
            "error": {
                "message": rng.choice(
                    [
                        "accept tcp [::]:8443: accept4: too many open files; retrying in 1s",
                        "accept tcp [::]:8443: accept4: too many open files; retrying in 1s",
                        "dial tcp 10.8.3.17:6379: socket: too many open files",
                    ]
                )
            },
        },
    )
    sc.burst(
        "edge",
        ramp(T + 10, 30),
        7,
        lambda t: {
            "level": "error",
            "dataset": "nginx.error",
            "msg": ngx_error(
                sc,
                t,
                rng.choice(
                    [
                        "upstream prematurely closed connection while reading response header from upstream",
                        "connect() failed (111: Connection refused) while connecting to upstream",
                    ]
                ),
                "GET",
                "/ws",
                f"10.8.{rng.randint(1, 9)}.{rng.randint(2, 250)}:8443",
            ),
        },
    )
    sc.burst(
        "rooms",
        ramp(T, 30),
        3,
        lambda t: {
            "level": "error",
            "msg": "join failed",
            "logger": "rooms.join",
            "error": {"message": "sig: connection reset by peer"},
            "labels": {"room": f"r-{token(rng, 8)}"},
        },
    )
    return sc


# ---------------------------------------------------------------------------------------------
# Forgeyard CI (mixed names, 120 s, python/go/git/rabbit/minio logs)
# ---------------------------------------------------------------------------------------------


def job_id(rng: random.Random) -> int:
    return rng.randint(9_100_000, 9_999_999)


def ci_checkout() -> Scenario:
    sc = Scenario(
        FORGEYARD,
        "ci-jobs-failing-checkout-step",
        7401,
        "2024-08-14",
        "15:09:00",
        "09:30",
        120,
        cause="external",
        culprit="github",
        runbook="third-party-outage",
        now_delay=420,
        description="Many CI jobs fail in the checkout step since about {alert} UTC and new pushes do not start "
        "pipelines.",
        distractor="innocent gitmirror (alerting service) deploy 40 min before touching fetch behaviour",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("scheduler", "10:40:00", "deploy", "Prefer warm runners for monorepo jobs"),
            ("cachesrv", "12:15:00", "config", "Max object size 4GiB -> 6GiB"),
            ("runner-fleet", "13:05:00", "deploy", "Runner image ubuntu-22.04 v20240812"),
        ],
    )
    sc.deploy(
        "gitmirror",
        sc.m(-40),
        4.0,
        "Enable partial clone (blob:none) for monorepo mirrors",
        author="f.adeyemi",
        logs=started(sc, "gitmirror"),
    )
    E = ramp(T, 120)
    sc.fx("gitmirror", E, jitter=0.08, err=0.37, lat=6.0, cpu=0.2)
    sc.fx("webhookd", E, rr=0.35)
    sc.fx("runner-fleet", ramp(T + 120, 240), jitter=0.08, err=0.19, lat=0.8)
    sc.fx("scheduler", ramp(T + 120, 240), rr=0.7)
    sc.fx("buildapi", ramp(T + 60, 240), err=0.006)

    sc.alert(
        "RunnerJobInfraFailures",
        "runner-fleet",
        "err",
        ">",
        0.08,
        240,
        "page",
        "Runner system failures at {value}",
        "{value} of jobs ended with a system failure over 10m (threshold {threshold}).",
        labels={"runner_group": "linux-x64", "pool": "default"},
        window=360,
    )
    sc.alert(
        "GitMirrorUpstreamErrors",
        "gitmirror",
        "err",
        ">",
        0.15,
        240,
        "page",
        "{service} errors {value}",
        "{value} of mirror fetches failed.",
        window=240,
    )

    def mirror(t: float) -> dict[str, Any]:
        repo = rng.choice(REPOS)
        if rng.random() < 0.6:
            return {
                "level": "error",
                "msg": f"fetch github.com/{repo} failed: exit status 128: fatal: unable to access "
                f"'https://github.com/{repo}.git/': The requested URL returned error: {rng.choice([500, 502, 503])}",
            }
        return {
            "level": "warn",
            "msg": f"upstream api degraded: GET https://api.github.com/repos/{repo}/git/refs -> "
            f"{rng.choice([502, 503])} (retry {rng.randint(1, 5)}/5)",
        }

    sc.burst("gitmirror", E, 9, mirror)
    sc.burst(
        "runner-fleet",
        ramp(T + 120, 120),
        6,
        lambda t: {
            "level": "error",
            "msg": f"job {job_id(rng)} failed at step 'checkout': fetch from gitmirror returned stale refs; "
            "fallback clone failed: fatal: unable to access "
            f"'https://github.com/{rng.choice(REPOS)}.git/': The requested URL "
            "returned error: 502",
        },
    )
    sc.every(
        "webhookd",
        T + 180,
        sc.horizon,
        240,
        lambda t: {
            "level": "warn",
            "msg": f"no deliveries from GitHub for {rng.randint(170, 260)}s (installation 4412); "
            "last delivery " + dt(T - 9).strftime("%H:%M:%S"),
        },
    )
    return sc


def ci_exit137() -> Scenario:
    sc = Scenario(
        FORGEYARD,
        "ci-builds-exit-137-spike",
        7402,
        "2024-08-20",
        "13:02:00",
        "08:40",
        120,
        cause="config_change",
        culprit="scheduler",
        runbook="revert-config-change",
        now_delay=360,
        description="Builds started dying with exit code 137 at about {alert} UTC across many repositories; "
        "runner hosts are short of memory.",
        distractor="config change on the scheduler while every symptom and alert is on runner-fleet; innocent "
        "runner-fleet image deploy 28 min before; scheduler's own queue metrics improve",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("webui", "10:05:00", "deploy", "Dark mode for logs view"),
            ("metadb", "11:20:00", "config", "autovacuum_vacuum_scale_factor 0.1 -> 0.05"),
        ],
    )
    sc.deploy(
        "runner-fleet",
        sc.m(-28),
        7.0,
        "Runner image ubuntu-22.04 v20240812 -> v20240818 (monthly patch)",
        author="argocd",
        logs=started(sc, "runner-fleet"),
    )
    sc.change(
        "argo-cfg-r89",
        "scheduler",
        "config",
        T,
        T + 40,
        "runner.max_concurrent_jobs 4 -> 12 to improve utilisation (PR #2231)",
        author="k.nakamura",
        version="scheduler-config r89",
        previous="scheduler-config r88",
    )
    sc.fx("scheduler", ramp(T + 60, 240), rr=1.6, sat=0.05, lat=0.5)
    R = ramp(T + 120, 480)
    sc.fx("runner-fleet", R, jitter=0.04, mem=0.97, cpu=0.98, lat=1.9, sat=0.99)
    sc.fx("runner-fleet", ramp(T + 300, 240), jitter=0.08, err=0.21)

    sc.alert(
        "RunnerJobFailureRate",
        "runner-fleet",
        "err",
        ">",
        0.06,
        240,
        "page",
        "Runner job failures {value}",
        "{value} of jobs failed with a system error over 10m (threshold {threshold}).",
        labels={"runner_group": "linux-x64"},
        window=360,
    )
    sc.alert(
        "RunnerHostMemoryPressure",
        "runner-fleet",
        "mem",
        ">",
        0.92,
        240,
        "page",
        "Runner hosts at {value} memory",
        "Runner hosts memory working set at {value}.",
        labels={"runner_group": "linux-x64"},
        window=240,
    )

    sc.emit("scheduler", T + 41, "info", "config reloaded revision=r89 runner.max_concurrent_jobs=12 (was 4)")
    sc.burst(
        "scheduler",
        ramp(T + 60, 60),
        1.5,
        lambda t: {
            "level": "info",
            "msg": f"dispatch cycle: {rng.randint(30, 60)} jobs placed on {rng.randint(14, 22)} runners "
            "(max 12/runner)",
        },
    )
    sc.burst(
        "runner-fleet",
        ramp(T + 240, 180),
        7,
        lambda t: {
            "level": "error",
            "msg": f"job {job_id(rng)} ({rng.choice(REPOS)}) terminated: container OOMKilled, exit code "
            f"137 (limit 7.5Gi, jobs on host: {rng.randint(9, 12)})",
        },
    )
    sc.burst(
        "runner-fleet",
        ramp(T + 180, 180),
        3,
        lambda t: {
            "level": "warn",
            "msg": f"host rf-linux-x64-{token(rng, 5)} memory pressure: available "
            f"{rng.randint(90, 400)}Mi, running jobs {rng.randint(9, 12)}",
        },
    )
    return sc


def ci_artifacts() -> Scenario:
    sc = Scenario(
        FORGEYARD,
        "artifact-uploads-failing-ci",
        7403,
        "2024-08-22",
        "16:40:00",
        "12:10",
        120,
        cause="resource_saturation",
        culprit="blobstore",
        runbook="disk-space-full",
        now_delay=400,
        description="Jobs fail to upload artifacts and job logs stop archiving since about {alert} UTC.",
        distractor="innocent artifactd (alerting service) deploy 30 min before changing multipart chunk size; "
        "the culprit raises no alert; resolved buildapi latency alert",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("logstream", "13:00:00", "deploy", "Gzip archived chunks"),
            ("jobq", "14:40:00", "config", "consumer_timeout 30m -> 60m"),
        ],
    )
    sc.deploy(
        "artifactd",
        sc.m(-30),
        3.0,
        "Multipart chunk size 8MiB -> 16MiB",
        author="s.oyelaran",
        logs=started(sc, "artifactd"),
    )
    sc.eff("blobstore", "sat", curve(sc.start, T, 1.0), 0.265, "add")
    sc.eff("blobstore", "sat", ramp(sc.start, 0), 0.81 / 0.71, "mul")
    sc.fx("blobstore", ramp(T, 120), jitter=0.08, err=0.38, lat=1.4)
    sc.fx("artifactd", ramp(T + 30, 120), jitter=0.08, err=0.34)
    sc.fx("logstream", ramp(T + 30, 120), jitter=0.08, err=0.27)
    sc.fx("runner-fleet", ramp(T + 120, 240), err=0.07)
    sc.fx("buildapi", ramp(T + 60, 240), err=0.009)
    sc.fx("buildapi", ramp(sc.t("14:10"), 120, sc.t("14:22"), 120), lat=8.0)

    sc.alert(
        "ArtifactUploadErrors",
        "artifactd",
        "err",
        ">",
        0.1,
        240,
        "page",
        "{service} upload errors {value}",
        "{value} of artifact uploads failed over 4m (threshold {threshold}).",
        window=240,
    )
    sc.alert(
        "LogArchiveFailures",
        "logstream",
        "err",
        ">",
        0.1,
        240,
        "ticket",
        "{service} errors {value}",
        "{value} of log archive writes failed.",
        window=240,
    )
    sc.alert(
        "BuildApiLatency",
        "buildapi",
        "lat",
        ">",
        1.5,
        240,
        "ticket",
        "{service} p99 {value}",
        "API p99 is {value}.",
        window=300,
        unit="s",
        resolved=True,
        after=sc.t("13:50"),
    )

    usage = curve(sc.start, T, 1.0)
    sc.every(
        "blobstore",
        sc.start + 300,
        T,
        1500,
        lambda t: {
            "level": "info",
            "msg": f"drive usage /data{rng.randint(1, 4)}: {int(81 + 17 * usage(t))}% "
            f"(free {int(2400 * (1 - (0.81 + 0.17 * usage(t))) / 0.19)} GiB)",
        },
    )
    sc.burst(
        "blobstore",
        ramp(T, 60),
        6,
        lambda t: {
            "level": "error",
            "msg": f"API: PutObject(bucket=ci-artifacts, object={rng.choice(REPOS)}/{job_id(rng)}/"
            "build.zip) Error: Storage resources are insufficient for the write operation .minio.sys/tmp/"
            f"{hexid(rng, 8)}-{hexid(rng, 4)}",
        },
    )
    storage_full = (
        "XMinioStorageFull: Storage backend has reached its minimum free drive threshold. "
        "Please delete a few objects to proceed."
    )
    sc.burst(
        "artifactd",
        ramp(T + 30, 60),
        6,
        lambda t: {
            "level": "error",
            "msg": f"upload failed: PUT blobstore/ci-artifacts/{rng.choice(REPOS)}/{job_id(rng)}/"
            f"build.zip: {storage_full}",
            "error": {"type": "minio.ErrorResponse", "message": storage_full},
        },
    )
    sc.burst(
        "logstream",
        ramp(T + 30, 60),
        4,
        lambda t: {"level": "error", "msg": f"archive chunk failed job={job_id(rng)}: {storage_full}"},
    )
    sc.burst(
        "runner-fleet",
        ramp(T + 120, 60),
        3,
        lambda t: {
            "level": "warn",
            "msg": f"job {job_id(rng)}: artifact upload failed (attempt 3/3): 507 Insufficient Storage",
        },
    )
    return sc


def ci_api_slow() -> Scenario:
    sc = Scenario(
        FORGEYARD,
        "ci-api-slow-queue-wait",
        7404,
        "2024-09-03",
        "14:18:00",
        "10:30",
        120,
        cause="traffic_surge",
        culprit="webhookd",
        runbook="traffic-surge-autoscaling",
        now_delay=420,
        description="The CI web UI and CLI have been very slow since about {alert} UTC; starting pipelines "
        "manually times out.",
        distractor="noisy neighbour: webhookd is outside buildapi's dependency chain and floods the shared jobq; "
        "jobq alerts too; innocent buildapi (alerting service) deploy 24 min before",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("runner-fleet", "11:10:00", "deploy", "Runner agent 17.2.1"),
            ("gitmirror", "12:20:00", "config", "Mirror refresh interval 60s -> 45s"),
        ],
    )
    sc.deploy(
        "buildapi", sc.m(-24), 3.0, "Paginate /pipelines by cursor", author="f.adeyemi", logs=started(sc, "buildapi")
    )
    sc.fx("webhookd", ramp(T, 240), jitter=0.05, rr=11.0, cpu=0.91, lat=3.0)
    sc.fx("jobq", ramp(T + 60, 360), jitter=0.05, rr=6.0, sat=0.96, lat=60.0)
    sc.fx("buildapi", ramp(T + 120, 360), jitter=0.06, lat=9.0, err=0.038, sat=0.78)
    sc.fx("webui", ramp(T + 180, 360), jitter=0.06, err=0.021, lat=2.5)
    sc.fx("scheduler", ramp(T + 120, 360), lat=5.0, sat=0.62, cpu=0.5)

    sc.alert(
        "BuildApiLatencyP99",
        "buildapi",
        "lat",
        ">",
        2.0,
        240,
        "page",
        "{service} p99 {value}",
        "API p99 latency is {value} over 5m (threshold {threshold}).",
        window=300,
        unit="s",
    )
    sc.alert(
        "WebUi5xx",
        "webui",
        "err",
        ">",
        0.015,
        240,
        "page",
        "{service} 5xx at {value}",
        "{value} of web UI requests failed.",
        window=300,
    )
    sc.alert(
        "JobqMemoryAlarm",
        "jobq",
        "sat",
        ">",
        0.9,
        120,
        "ticket",
        "{service} memory {value} of limit",
        "RabbitMQ memory at {value} of the high watermark.",
        labels={"node": "rabbit@jobq-0"},
        window=240,
    )

    sc.every(
        "webhookd",
        T + 30,
        sc.horizon,
        120,
        lambda t: {
            "level": "info",
            "msg": f"deliveries last 60s: total={rng.randint(8600, 9800)} "
            f"redelivered={rng.randint(8400, 9600)} top_installation=4412 top_repo=forgeyard/monorepo",
        },
    )
    sc.every(
        "webhookd",
        sc.start + 600,
        T,
        1800,
        lambda t: {
            "level": "info",
            "msg": f"deliveries last 60s: total={rng.randint(600, 1100)} redelivered={rng.randint(0, 4)} "
            f"top_installation=4412 top_repo={rng.choice(REPOS)}",
        },
    )
    sc.burst(
        "webhookd",
        ramp(T, 60),
        4,
        lambda t: {
            "level": "info",
            "msg": f"delivery accepted event=push repo=forgeyard/monorepo delivery={hexid(rng, 8)}-"
            f"{hexid(rng, 4)} redelivery=true",
        },
    )
    rstamp = lambda t: dt(t).strftime("%Y-%m-%d %H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}"  # noqa: E731
    sc.emit(
        "jobq",
        T + 300,
        "warn",
        f"{rstamp(T + 300)} [warning] <0.31124.5> memory resource limit alarm set on "
        "node rabbit@jobq-0. Publishers will be blocked until this alarm clears",
        host="jobq-0",
    )
    sc.burst(
        "jobq",
        ramp(T + 300, 60),
        3,
        lambda t: {
            "level": "warn",
            "msg": f"{rstamp(t)} [warning] <0.{rng.randint(1000, 40000)}.4> connection "
            f"<0.{rng.randint(1000, 40000)}.4> (10.30.4.{rng.randint(2, 250)}:{rng.randint(30000, 60000)} -> "
            f"10.30.1.9:5672 - {rng.choice(['buildapi', 'webhookd', 'webhookd'])}): blocked by flow control",
        },
    )
    sc.burst(
        "buildapi",
        ramp(T + 120, 120),
        4,
        lambda t: {
            "level": "error",
            "msg": "POST /api/v4/pipelines 503: enqueue timed out after 5.0s",
            "error": {
                "type": "kombu.exceptions.OperationalError",
                "message": "timed out waiting for publisher confirm",
            },
        },
    )
    sc.burst(
        "scheduler",
        ramp(T + 180, 120),
        1,
        lambda t: {"level": "warn", "msg": f"queue wait p99 {rng.randint(30, 60)}s (pending={rng.randint(200, 900)})"},
    )
    return sc


def ci_pending() -> Scenario:
    sc = Scenario(
        FORGEYARD,
        "ci-pipelines-stuck-pending",
        7405,
        "2024-09-11",
        "13:34:30",
        "10:00",
        120,
        cause="infrastructure",
        culprit="metadb",
        runbook=None,
        now_delay=420,
        description="Pipelines sit in 'pending' and the CI API returns 500s since about {alert} UTC.",
        distractor="cloud-provider volume event recorded as an infra change with finished_at null; host kernel "
        "lines only on metadb; resolved gitmirror disk alert",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("webhookd", "10:40:00", "deploy", "Verify webhook signatures with sha256 only"),
            ("cachesrv", "11:30:00", "deploy", "LRU by access time"),
            ("buildapi", "12:45:00", "config", "Gunicorn workers 8 -> 10"),
        ],
    )
    sc.change(
        "aws-health-8c1d0e",
        "metadb",
        "infra",
        sc.t("13:33:00"),
        None,
        "AWS Health: EBS volume vol-0c1f9a7d3e2b4f608 (metadb primary data volume, use2-az2) is experiencing "
        "degraded performance",
        author="aws-health",
    )
    E = ramp(T, 60)
    sc.fx("metadb", E, jitter=0.1, lat=420.0, rr=0.25, cpu=0.15, sat=1.0)
    sc.fx("buildapi", ramp(T + 30, 60), jitter=0.08, err=0.24, lat=18.0, sat=0.97)
    sc.fx("scheduler", ramp(T + 30, 60), jitter=0.08, err=0.31, lat=12.0, sat=0.93)
    sc.fx("webui", ramp(T + 60, 60), jitter=0.08, err=0.17)
    sc.fx("runner-fleet", ramp(T + 120, 240), rr=0.4, sat=0.38)
    sc.eff("gitmirror", "sat", ramp(sc.t("11:00"), 600, sc.t("11:40"), 240), 0.3, "add")

    sc.alert(
        "SchedulerQueueWaitHigh",
        "scheduler",
        "lat",
        ">",
        60,
        240,
        "page",
        "Queue wait p99 {value}",
        "Jobs wait {value} (p99) for a runner (threshold {threshold}).",
        window=240,
        unit="s",
    )
    sc.alert(
        "BuildApi5xx",
        "buildapi",
        "err",
        ">",
        0.05,
        120,
        "page",
        "{service} 5xx at {value}",
        "{value} of API requests failed.",
        window=240,
    )
    sc.alert(
        "GitMirrorDiskHigh",
        "gitmirror",
        "sat",
        ">",
        0.85,
        240,
        "ticket",
        "{service} disk {value}",
        "Mirror volume at {value}.",
        window=240,
        resolved=True,
        after=sc.t("10:50"),
    )

    host = "ip-10-30-22-41.us-east-2.compute.internal"
    sc.burst(
        "metadb",
        ramp(T - 40, 30),
        3,
        lambda t: {
            "level": "error",
            "host": host,
            "dataset": "system.syslog",
            "msg": rng.choice(
                [
                    f"kernel: nvme nvme1: I/O {rng.randint(100, 999)} QID {rng.randint(1, 8)} timeout, aborting",
                    "kernel: blk_update_request: I/O error, dev nvme1n1, "
                    f"sector {rng.randint(10**7, 10**8)} op 0x1:(WRITE) "
                    "flags 0x8800 phys_seg 16 prio class 0",
                    f"kernel: INFO: task postgres:{rng.randint(2000, 30000)} blocked for more than 120 seconds.",
                ]
            ),
        },
    )
    sc.burst(
        "metadb",
        ramp(T + 60, 30),
        2,
        lambda t: {
            "level": "warn",
            "host": "metadb-0",
            "msg": rng.choice(
                [
                    "LOG:  using stale statistics instead of current ones because stats collector is not responding",
                    f"LOG:  checkpoint complete: wrote 812 buffers (0.6%); sync files=212, "
                    f"longest={rng.uniform(60, 140):.3f} s, average={rng.uniform(2, 9):.3f} s",
                ]
            ),
        },
    )
    sc.burst(
        "buildapi",
        ramp(T + 30, 60),
        6,
        lambda t: {
            "level": "error",
            "msg": f"GET /api/v4/pipelines/{rng.randint(10**6, 10**7)} 500",
            "error": {
                "type": "psycopg.errors.QueryCanceled",
                "message": "canceling statement due to statement timeout",
            },
        },
    )
    sc.burst(
        "scheduler",
        ramp(T + 30, 60),
        3,
        lambda t: {
            "level": "error",
            "msg": "claim pending jobs failed: pq: canceling statement due to statement timeout",
        },
    )
    return sc


def ci_slow_builds() -> Scenario:
    sc = Scenario(
        FORGEYARD,
        "ci-builds-slower-than-usual",
        7406,
        "2024-09-18",
        "13:31:00",
        "09:00",
        120,
        cause="dependency_outage",
        culprit="cachesrv",
        runbook="dependency-outage",
        now_delay=420,
        description="Developers say builds take three times longer than usual since early afternoon and jobs "
        "queue; the queue-wait alert fired at about {alert} UTC.",
        distractor="innocent runner-fleet deploy 35 min before; alerts are two hops away from the culprit "
        "(scheduler -> runner-fleet -> cachesrv)",
    )
    rng, T = sc.rng, sc.T
    routine(
        sc,
        [
            ("blobstore", "10:30:00", "deploy", "MinIO RELEASE.2024-08-29"),
            ("scheduler", "11:40:00", "config", "Fair-share weight for release branches 2 -> 3"),
        ],
    )
    sc.deploy(
        "runner-fleet",
        sc.m(-35),
        7.0,
        "Runner agent 17.3.0 -> 17.3.1: stream job logs in 64KiB chunks",
        author="argocd",
        version="17.3.1",
        logs=started(sc, "runner-fleet"),
    )
    sc.fx("cachesrv", ramp(T, 120), jitter=0.08, err=0.66, lat=24.0, rr=0.7)
    sc.fx("runner-fleet", ramp(T + 120, 900), jitter=0.05, lat=3.1, sat=0.99, cpu=0.45)
    sc.fx("runner-fleet", ramp(T + 300, 600), err=0.055)
    sc.fx("scheduler", ramp(T + 300, 600), jitter=0.05, lat=9.0, sat=0.71)

    sc.alert(
        "SchedulerQueueWaitHigh",
        "scheduler",
        "lat",
        ">",
        45,
        240,
        "page",
        "Queue wait p99 {value}",
        "Jobs wait {value} (p99) for a runner (threshold {threshold}).",
        window=240,
        unit="s",
    )
    sc.alert(
        "RunnerJobDurationP99High",
        "runner-fleet",
        "lat",
        ">",
        1500,
        240,
        "ticket",
        "Job duration p99 {value}",
        "p99 job duration is {value} (threshold {threshold}).",
        window=360,
        unit="s",
    )

    sc.burst(
        "cachesrv",
        ramp(T, 60),
        6,
        lambda t: {
            "level": "error",
            "msg": rng.choice(
                [
                    f'level=error msg="serve object failed" key=sha256:{hexid(rng, 16)} '
                    'err="context deadline exceeded" '
                    "dur=30.0s",
                    'level=error msg="request failed" method=GET '
                    f"path=/cache/v1/objects/sha256:{hexid(rng, 16)} status=500 "
                    'err="write tcp 10.30.7.4:9000->10.30.12.8:48812: write: broken pipe"',
                ]
            ),
        },
    )
    sc.burst(
        "runner-fleet",
        ramp(T + 60, 60),
        6,
        lambda t: {
            "level": "warn",
            "msg": f"cache restore failed for key node-modules-{hexid(rng, 10)}: GET "
            f"http://cachesrv.ci.svc:9000/cache/v1/objects/sha256:{hexid(rng, 16)}: 500 Internal Server Error; "
            "continuing without cache",
        },
    )
    sc.burst(
        "runner-fleet",
        ramp(T + 600, 60),
        2,
        lambda t: {
            "level": "info",
            "msg": f"job {job_id(rng)} finished status=success duration={rng.randint(1500, 2400)}s (cache: miss)",
        },
    )
    sc.burst(
        "runner-fleet",
        ramp(T + 420, 60),
        1,
        lambda t: {
            "level": "error",
            "msg": f"job {job_id(rng)} failed: execution took longer than 45m0s seconds (timeout)",
        },
    )
    sc.burst(
        "scheduler",
        ramp(T + 360, 60),
        1,
        lambda t: {
            "level": "warn",
            "msg": f"queue wait p99 {rng.randint(60, 110)}s; {rng.randint(120, 300)} jobs pending, 0 idle runners",
        },
    )
    return sc


# ---------------------------------------------------------------------------------------------
# registry, validation, README
# ---------------------------------------------------------------------------------------------

SCENARIOS: list[Callable[[], Scenario]] = [
    bank_card_declines,
    bank_month_end,
    bank_balance_errors,
    bank_posting_rollout,
    bank_after_hours,
    hp_tracking_slow,
    hp_ingest_lag,
    hp_address_checks,
    hp_parcel_status,
    hp_scan_events,
    hp_label_errors,
    cf_signalling,
    cf_freezes,
    cf_logins,
    cf_recordings,
    cf_reconnects,
    ci_checkout,
    ci_exit137,
    ci_artifacts,
    ci_api_slow,
    ci_pending,
    ci_slow_builds,
]

REVEALING = ("deploy", "config", "flag", "surge", "outage", "infra", "external", "saturat", "leak", "rollout", "oom")


def parse_time(value: str) -> float:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without timezone: {value}")
    return moment.timestamp()


def validate_folder(folder: Path) -> list[str]:
    problems: list[str] = []

    def bad(text: str) -> None:
        problems.append(f"{folder.name}: {text}")

    spec = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
    for key in ("name", "description", "now", "alerts", "catalog", "signals", "logs", "expected"):
        if key not in spec:
            bad(f"scenario.yaml lacks {key}")
    now = parse_time(spec["now"])
    if any(part.startswith(word) for part in folder.name.split("-") for word in REVEALING):
        bad("folder name reveals the cause")
    for key in ("alerts", "catalog", "signals", "logs", "deploys"):
        if key in spec and not (folder / spec[key]).is_file():
            bad(f"{key} file {spec[key]} missing")
    if "deploys" not in spec and (folder / "deploys.json").exists():
        bad("deploys.json present but not named in scenario.yaml")

    catalog = yaml.safe_load((folder / spec["catalog"]).read_text(encoding="utf-8"))
    services = catalog["services"]
    allowed = {"kind", "team", "tier", "channel", "owners", "depends_on", "signals", "description"}
    for name, fields in services.items():
        fields = fields or {}
        if set(fields) - allowed:
            bad(f"catalog {name} has unknown fields {set(fields) - allowed}")
        for dep in fields.get("depends_on") or []:
            if dep not in services:
                bad(f"catalog {name} depends on unknown {dep}")
    externals = {n for n, f in services.items() if (f or {}).get("kind") == "external"}

    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            bad(f"dependency cycle {' -> '.join([*path, name])}")
            return
        state[name] = 1
        for dep in (services.get(name) or {}).get("depends_on") or []:
            if dep in services:
                visit(dep, [*path, name])
        state[name] = 2

    for name in services:
        visit(name, [])

    expected = spec["expected"]
    if expected["cause"] not in CAUSES:
        bad(f"unknown cause {expected['cause']}")
    if expected["culprit"] not in services:
        bad(f"culprit {expected['culprit']} not in catalog")

    body = json.loads((folder / spec["alerts"]).read_text(encoding="utf-8"))
    if body.get("version") != "4" or not body.get("alerts"):
        bad("alerts.json is not a version 4 webhook body with alerts")
    if body["alerts"][0]["status"] != "firing":
        bad("first alert is not firing")
    for alert in body["alerts"]:
        service = alert["labels"].get("service")
        if service not in services:
            bad(f"alert service {service} not in catalog")
        if not alert["labels"].get("alertname"):
            bad("alert without alertname")
        starts = parse_time(alert["startsAt"])
        if starts > now:
            bad(f"alert {alert['labels']['alertname']} starts after now")
        if alert["status"] == "resolved" and parse_time(alert["endsAt"]) > now:
            bad(f"resolved alert {alert['labels']['alertname']} ends after now")
    first = min(parse_time(a["startsAt"]) for a in body["alerts"] if a["status"] == "firing")
    primary = parse_time(body["alerts"][0]["startsAt"])
    if not 60 <= now - primary <= 12 * 60:
        bad(f"now is {int(now - primary)} s after the first alert of the body")
    if now - first > 25 * 60:
        bad("a firing alert started more than 25 minutes before now")

    signals = json.loads((folder / spec["signals"]).read_text(encoding="utf-8"))
    earliest = now
    for service, series in signals.items():
        if service not in services or service in externals:
            bad(f"signals for {service} (unknown or external)")
        for name, points in series.items():
            if name not in ALIAS:
                bad(f"non-standard signal {service}.{name}")
            last = -1.0
            for t, v in points:
                if t > now:
                    bad(f"{service}.{name} has a point after now")
                    break
                if t <= last:
                    bad(f"{service}.{name} is not sorted")
                    break
                if not math.isfinite(v) or v < 0 or (ALIAS.get(name) in BOUNDED and v > 1):
                    bad(f"{service}.{name} has value {v} out of range")
                    break
                last = t
                earliest = min(earliest, t)
    hours = (now - earliest) / 3600
    if not 1.5 <= hours <= 6.0:
        bad(f"history is {hours:.2f} h")

    lines = (folder / spec["logs"]).read_text(encoding="utf-8").splitlines()
    if len(lines) >= MAX_LOG_LINES:
        bad(f"{len(lines)} log lines")
    for number, text in enumerate(lines, start=1):
        doc = json.loads(text)
        stamp = parse_time(doc["@timestamp"])
        service = doc["service"]["name"]
        if stamp > now:
            bad(f"logs.jsonl:{number} after now")
        if service not in services or service in externals:
            bad(f"logs.jsonl:{number} service {service} unknown or external")
        if not doc.get("log", {}).get("level") or not isinstance(doc.get("message"), str):
            bad(f"logs.jsonl:{number} lacks log.level or message")

    if "deploys" in spec:
        changes = json.loads((folder / spec["deploys"]).read_text(encoding="utf-8"))
        keys = [
            "id",
            "service",
            "kind",
            "version",
            "previous_version",
            "started_at",
            "finished_at",
            "author",
            "description",
        ]
        for change in changes:
            if list(change) != keys:
                bad(f"change {change.get('id')} has fields {list(change)}")
            if change["kind"] not in ("deploy", "config", "flag", "infra"):
                bad(f"change {change['id']} kind {change['kind']}")
            if change["service"] not in services:
                bad(f"change {change['id']} names unknown service {change['service']}")
            started_at = parse_time(change["started_at"])
            if started_at > now:
                bad(f"change {change['id']} starts after now")
            if change["finished_at"] is not None:
                finished_at = parse_time(change["finished_at"])
                if finished_at > now or finished_at < started_at:
                    bad(f"change {change['id']} finished_at out of order")

    size = sum(p.stat().st_size for p in folder.iterdir())
    if size > MAX_FOLDER_BYTES:
        bad(f"folder is {size} bytes")
    return problems


def validate(root: Path, names: list[str]) -> list[str]:
    problems: list[str] = []
    causes: dict[str, int] = {}
    for name in names:
        folder = root / name
        problems += validate_folder(folder)
        spec = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
        causes[spec["expected"]["cause"]] = causes.get(spec["expected"]["cause"], 0) + 1
    for cause in CAUSES:
        if causes.get(cause, 0) < 2:
            problems.append(f"cause {cause} appears {causes.get(cause, 0)} times (need 2)")
    if len(set(names)) != len(names):
        problems.append("duplicate scenario names")
    return problems


def readme(rows: list[dict[str, Any]]) -> str:
    head = """# Fresh scenarios (generalisation check)

Replayable incidents in the "Scenario folder" format of the top-level README, written by an independent generator
(`tests/fresh/generate.py`) that shares no code, companies, service names, topologies, alert names, log
wording, timings or magnitudes with `tests/scenarios/generate.py`. Use them only to measure whether the
engine generalises; do not tune on them. Every file here is generated; do not edit by hand.

Regenerate (deterministic, byte-identical output; stdlib + PyYAML):

```
python tests/fresh/generate.py           # rewrite every folder and this README, then validate
python tests/fresh/generate.py --check   # validate the folders on disk only
```

Evaluate: `opsdesk eval tests/fresh`.

Four estates: Tallyhold Bank (core banking, snake_case names, 25 s steps, Java/Logback logs), Haulpath
(parcel tracking, dotted names, 40 s steps, Go logfmt logs), Confera (video conferencing, short names,
5-10 s steps, zap/pino/python/nginx logs) and Forgeyard (internal CI, 120 s steps, git/RabbitMQ/MinIO/
Postgres logs). Signal coverage is partial on purpose, series have scrape gaps, and folder names describe
the symptom only.

"""
    table = ["| scenario | step | cause | culprit | distractor |", "|---|---|---|---|---|"]
    for r in rows:
        table.append(f"| `{r['name']}` | {r['step']}s | {r['cause']} | {r['culprit']} | {r['distractor']} |")
    return head + f"## Scenarios ({len(rows)})\n\n" + "\n".join(table) + "\n"


def main(argv: list[str]) -> int:
    names = [fn.__name__ for fn in SCENARIOS]
    if "--check" in argv:
        rows = []
        for folder in sorted(p.parent for p in HERE.glob("*/scenario.yaml")):
            rows.append(folder.name)
        problems = validate(HERE, rows)
    else:
        built = []
        for fn in SCENARIOS:
            sc = fn()
            built.append(sc.build(HERE))
        keep = {r["name"] for r in built}
        for folder in sorted(p.parent for p in HERE.glob("*/scenario.yaml")):
            if folder.name not in keep:
                shutil.rmtree(folder)
        (HERE / "README.md").write_text(readme(built), encoding="utf-8")
        rows = [r["name"] for r in built]
        problems = validate(HERE, rows)
        width = max(len(n) for n in rows)
        for r in built:
            folder = HERE / r["name"]
            size = sum(p.stat().st_size for p in folder.iterdir())
            lines = sum(1 for _ in (folder / "logs.jsonl").open(encoding="utf-8"))
            print(
                f"{r['name']:<{width}}  {r['step']:>4}s  {r['cause']:<20} {r['culprit']:<14} "
                f"{size / 1e6:5.2f} MB  {lines:>5} log lines"
            )
    del names
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    print(f"{len(rows)} scenarios, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
