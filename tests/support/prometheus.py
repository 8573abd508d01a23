"""A real Prometheus holding scenario signals, for tests that want real PromQL answers.

Scenario ``signals.json`` gives each service's standard signals as already-computed values. The
catalog's default queries (``bot.catalog.DEFAULT_SIGNAL_QUERIES``) compute those signals from
raw metrics, so this module writes the raw metrics that make those queries give the values back:

* ``http_requests_total{service, code}``: counters integrated from ``request_rate`` split by
  ``error_ratio`` into ``code="200"`` and ``code="500"`` (a service with ``error_ratio`` or
  latency but no ``request_rate`` gets a nominal 1 req/s).
* ``http_request_duration_seconds`` histogram: bucket increments for each step are shaped so that
  ``histogram_quantile(0.99, …)`` interpolates exactly onto ``latency_p99_seconds`` (see
  :func:`bucket_shares`).
* ``container_cpu_usage_seconds_total`` counter and ``kube_pod_container_resource_limits`` gauges
  (``resource="cpu"``, ``"memory"``), ``container_memory_working_set_bytes`` gauge,
  ``opsdesk_saturation_ratio`` gauge.

Each input series is read as a step function: a value holds from its timestamp until the next
one. Counters integrate that step function, so ``rate(…[5m])`` returns the input in steady state
and moves from the old to the new value over one rate window after a change. Gaps wider than
``max_interval`` are filled with held samples so every 5m window has enough points.

The OpenMetrics text goes into TSDB blocks with ``promtool tsdb create-blocks-from openmetrics``,
and a ``prometheus`` with no scrape targets serves them on a free loopback port. Retention is set
to ``100y`` so no backfilled block ever counts as expired, whatever its age (Prometheus 2.42
measures retention from the newest block, but a head with fresh samples or another version may
measure from now).
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.catalog import Catalog, Service
from tests.support._process import RunningServer, require_binary, start_server

Signals = Mapping[str, Mapping[str, Sequence[Sequence[float]]]]

#: ``le`` boundaries of the generated latency histogram (seconds). p99 below the first is
#: reproduced as the first boundary, above the last as the last boundary (Prometheus'
#: ``histogram_quantile`` cannot say more than the buckets know).
LATENCY_BUCKETS: tuple[float, ...] = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
)  # fmt: skip
CPU_LIMIT_CORES = 2.0
MEMORY_LIMIT_BYTES = 4 * 1024**3
#: Requests per second assumed when a service has error_ratio or latency but no request_rate.
NOMINAL_REQUEST_RATE = 1.0
QUANTILE = 0.99


# ---------------------------------------------------------------------------------------------
# signals.json -> OpenMetrics


@dataclass(frozen=True)
class _Step:
    """A step function over sorted ``(t, value)`` points; undefined before the first point."""

    times: tuple[float, ...]
    values: tuple[float, ...]

    @classmethod
    def of(cls, points: Sequence[Sequence[float]] | None) -> _Step | None:
        clean = sorted((float(t), float(v)) for t, v in (points or ()) if v is not None and math.isfinite(float(v)))
        if not clean:
            return None
        return cls(tuple(t for t, _ in clean), tuple(v for _, v in clean))

    def at(self, moment: float) -> float | None:
        index = bisect.bisect_right(self.times, moment) - 1
        return self.values[index] if index >= 0 else None


def bucket_shares(latency: float) -> list[float]:
    """Fraction of requests per ``LATENCY_BUCKETS`` bucket, then the ``+Inf`` bucket.

    ``histogram_quantile(q)`` finds the bucket ``(lo, hi]`` where the cumulative count reaches
    ``q * total`` and interpolates linearly inside it. With ``f = (L - lo) / (hi - lo)`` we put a
    share ``s_in`` into that bucket, ``s_below`` into the bucket under it and the rest above it,
    such that ``(q - s_below) / s_in == f``:

    * ``f >= 1/2``: ``s_in = 2(1-q)``, ``s_below = q - f·s_in``, ``s_above = 1 - s_below - s_in``;
    * ``f < 1/2``: nothing above, ``s_below = (q - f) / (1 - f)``, ``s_in = 1 - s_below``.

    Both keep every share in [0, 1] and meet at ``f = 1/2``.
    """
    buckets = LATENCY_BUCKETS
    shares = [0.0] * (len(buckets) + 1)
    target = min(max(latency, buckets[0]), buckets[-1])
    index = bisect.bisect_left(buckets, target)
    if index == 0:  # the first bucket interpolates from 0: put exactly q of the mass in it
        shares[0], shares[1] = QUANTILE, 1 - QUANTILE
        return shares
    low, high = buckets[index - 1], buckets[index]
    fraction = (target - low) / (high - low)
    if fraction >= 0.5:
        inside = 2 * (1 - QUANTILE)
        below = QUANTILE - fraction * inside
    else:
        below = (QUANTILE - fraction) / (1 - fraction)
        inside = 1 - below
    shares[index - 1], shares[index] = below, inside
    shares[index + 1] += max(0.0, 1 - below - inside)
    return shares


@dataclass(frozen=True)
class _ServiceSignals:
    request_rate: _Step | None
    error_ratio: _Step | None
    latency: _Step | None
    cpu: _Step | None
    memory: _Step | None
    saturation: _Step | None
    grid: tuple[float, ...]

    @classmethod
    def of(cls, signals: Mapping[str, Sequence[Sequence[float]]], max_interval: float) -> _ServiceSignals:
        steps = {name: _Step.of(signals.get(name)) for name in _SIGNAL_NAMES}
        return cls(
            request_rate=steps["request_rate"],
            error_ratio=steps["error_ratio"],
            latency=steps["latency_p99_seconds"],
            cpu=steps["cpu_utilisation"],
            memory=steps["memory_utilisation"],
            saturation=steps["saturation"],
            grid=_grid([step for step in steps.values() if step is not None], max_interval),
        )

    def traffic(self, moment: float) -> float | None:
        """Requests per second at ``moment``; nominal when only ratio or latency is given."""
        if self.request_rate is not None:
            return self.request_rate.at(moment)
        for step in (self.error_ratio, self.latency):
            if step is not None and step.at(moment) is not None:
                return NOMINAL_REQUEST_RATE
        return None


_SIGNAL_NAMES = (
    "request_rate",
    "error_ratio",
    "latency_p99_seconds",
    "cpu_utilisation",
    "memory_utilisation",
    "saturation",
)


def _grid(steps: Sequence[_Step], max_interval: float) -> tuple[float, ...]:
    """All input timestamps, with gaps wider than ``max_interval`` evenly filled."""
    times = sorted({t for step in steps for t in step.times})
    grid: list[float] = []
    for current, following in itertools.pairwise(times):
        pieces = max(1, math.ceil((following - current) / max_interval))
        grid.extend(current + (following - current) * k / pieces for k in range(pieces))
    grid.extend(times[-1:])
    return tuple(grid)


@dataclass
class _Family:
    """One OpenMetrics metric family.

    Samples are grouped per metric (the label set without ``le``), so each metric's samples are
    contiguous; callers add them in time order, a histogram's buckets, count and sum of one
    timestamp together (one OpenMetrics MetricPoint).
    """

    name: str
    kind: str
    metrics: dict[tuple[tuple[str, str], ...], list[str]] = field(default_factory=dict)

    def add(self, suffix: str, labels: Mapping[str, str], moment: float, value: float, **extra: str) -> None:
        key = tuple(sorted(labels.items()))
        rendered = ",".join(f'{name}="{_escape(text)}"' for name, text in (*key, *sorted(extra.items())))
        line = f"{self.name}{suffix}{{{rendered}}} {_number(value)} {moment:.3f}"
        self.metrics.setdefault(key, []).append(line)

    def render(self) -> Iterator[str]:
        yield f"# TYPE {self.name} {self.kind}"
        for lines in self.metrics.values():
            yield from lines


def signals_to_openmetrics(signals: Signals, *, max_interval: float = 30.0) -> str:
    """OpenMetrics text (ending in ``# EOF``) whose metrics reproduce ``signals`` (module doc)."""
    requests = _Family("http_requests", "counter")
    latency = _Family("http_request_duration_seconds", "histogram")
    cpu = _Family("container_cpu_usage_seconds", "counter")
    limits = _Family("kube_pod_container_resource_limits", "gauge")
    memory = _Family("container_memory_working_set_bytes", "gauge")
    saturation = _Family("opsdesk_saturation_ratio", "gauge")
    for service, service_signals in signals.items():
        parsed = _ServiceSignals.of(service_signals, max_interval)
        _add_requests(requests, service, parsed)
        _add_latency(latency, service, parsed)
        _add_cpu(cpu, limits, service, parsed)
        _add_memory(memory, limits, service, parsed)
        _add_gauge(saturation, {"service": service}, parsed.grid, parsed.saturation, 1.0)
    families = (requests, latency, cpu, limits, memory, saturation)
    lines = [line for family in families if family.metrics for line in family.render()]
    return "\n".join([*lines, "# EOF"]) + "\n"


Rates = Callable[[float], Sequence[float] | None]


def _integrate(grid: Sequence[float], rates_at: Rates) -> Iterator[tuple[float, list[float]]]:
    """Counter samples ``(t, totals)``: from 0 where ``rates_at`` is first defined, each grid
    step adds the rates held at its start times its length (a gap where they are undefined
    adds nothing)."""
    totals: list[float] | None = None
    previous = 0.0
    for moment in grid:
        if totals is None:
            first = rates_at(moment)
            if first is None:
                continue
            totals = [0.0] * len(first)
        else:
            rates = rates_at(previous) or ()
            for index, rate in enumerate(rates):
                totals[index] += rate * (moment - previous)
        previous = moment
        yield moment, list(totals)


def _add_requests(family: _Family, service: str, signals: _ServiceSignals) -> None:
    def rates_at(moment: float) -> tuple[float, float] | None:
        traffic = signals.traffic(moment)
        if traffic is None:
            return None
        errors = _held(signals.error_ratio, moment)
        return traffic * (1 - errors), traffic * errors

    for moment, (ok, failed) in _integrate(signals.grid, rates_at):
        family.add("_total", {"service": service, "code": "200"}, moment, ok)
        family.add("_total", {"service": service, "code": "500"}, moment, failed)


def _add_latency(family: _Family, service: str, signals: _ServiceSignals) -> None:
    """Cumulative bucket counters, then ``_count`` (= ``+Inf``) and ``_sum`` (p99 times count)."""

    def rates_at(moment: float) -> list[float] | None:
        traffic = signals.traffic(moment)
        latency = signals.latency.at(moment) if signals.latency is not None else None
        if traffic is None or latency is None:
            return None
        cumulative = itertools.accumulate(bucket_shares(latency))
        return [traffic * share for share in cumulative] + [traffic * latency]

    bounds = [_number(bound) for bound in LATENCY_BUCKETS] + ["+Inf"]
    labels = {"service": service}
    for moment, totals in _integrate(signals.grid, rates_at):
        *buckets, total_seconds = totals
        for bound, count in zip(bounds, buckets, strict=True):
            family.add("_bucket", labels, moment, count, le=bound)
        family.add("_count", labels, moment, buckets[-1])
        family.add("_sum", labels, moment, total_seconds)


def _add_cpu(cpu: _Family, limits: _Family, service: str, signals: _ServiceSignals) -> None:
    step = signals.cpu
    if step is None:
        return

    def rates_at(moment: float) -> list[float] | None:
        value = step.at(moment)
        return None if value is None else [value * CPU_LIMIT_CORES]

    for moment, (seconds,) in _integrate(signals.grid, rates_at):
        cpu.add("_total", {"service": service}, moment, seconds)
    labels = {"service": service, "resource": "cpu"}
    _add_gauge(limits, labels, signals.grid, step, 0.0, constant=CPU_LIMIT_CORES)


def _add_memory(memory: _Family, limits: _Family, service: str, signals: _ServiceSignals) -> None:
    step = signals.memory
    if step is None:
        return
    _add_gauge(memory, {"service": service}, signals.grid, step, MEMORY_LIMIT_BYTES)
    labels = {"service": service, "resource": "memory"}
    _add_gauge(limits, labels, signals.grid, step, 0.0, constant=MEMORY_LIMIT_BYTES)


def _add_gauge(
    family: _Family,
    labels: Mapping[str, str],
    grid: Sequence[float],
    step: _Step | None,
    scale: float,
    *,
    constant: float | None = None,
) -> None:
    """``step`` times ``scale`` at every grid point where it is defined (or ``constant`` there)."""
    if step is None:
        return
    for moment in grid:
        value = step.at(moment)
        if value is not None:
            family.add("", labels, moment, constant if constant is not None else value * scale)


def _held(step: _Step | None, moment: float) -> float:
    value = step.at(moment) if step is not None else None
    return 0.0 if value is None else value


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    return repr(float(value))


# ---------------------------------------------------------------------------------------------
# backfill and server


_CONFIG = "global:\n  evaluation_interval: 1m\nscrape_configs: []\n"


def load_signals(path: Path | str) -> dict[str, Any]:
    """A scenario's ``signals.json``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: signals must be an object of services")
    return data


def backfill(signals: Signals, data_dir: Path, *, max_interval: float = 30.0) -> Path:
    """Write ``signals`` as TSDB blocks into ``data_dir`` (created) with ``promtool``."""
    promtool = require_binary("promtool")
    data_dir.mkdir(parents=True, exist_ok=True)
    source = data_dir.parent / f"{data_dir.name}.om"
    source.write_text(signals_to_openmetrics(signals, max_interval=max_interval), "utf-8")
    result = subprocess.run(
        [
            promtool,
            "tsdb",
            "create-blocks-from",
            "openmetrics",
            "--quiet",
            str(source),
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        output = result.stderr.strip() or result.stdout.strip()
        raise RuntimeError(f"promtool could not backfill {source}: {output}")
    return data_dir


@contextmanager
def running_prometheus(data_dir: Path, *, deadline_seconds: float = 30.0) -> Iterator[RunningServer]:
    """Serve the TSDB in ``data_dir`` on a free loopback port until the block exits."""
    binary = require_binary("prometheus")
    config = data_dir.parent / f"{data_dir.name}-prometheus.yml"
    config.write_text(_CONFIG, encoding="utf-8")

    def argv(port: int) -> list[str]:
        return [
            binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={data_dir}",
            "--storage.tsdb.retention.time=100y",
            f"--web.listen-address=127.0.0.1:{port}",
        ]

    log_path = data_dir.parent / f"{data_dir.name}-prometheus.log"
    server = start_server("prometheus", argv, log_path, deadline_seconds=deadline_seconds)
    try:
        yield server
    finally:
        server.stop()


def backfilled_catalog(catalog: Catalog) -> Catalog:
    """``catalog`` with every service on the built-in PromQL, which queries the metric names
    :func:`signals_to_openmetrics` writes (scenario catalogs may carry their own queries)."""
    return Catalog([Service(**{**s.model_dump(), "signals": {}}) for s in catalog.services.values()])


@contextmanager
def prometheus_with_signals(signals: Signals, workdir: Path) -> Iterator[RunningServer]:
    """Backfill ``signals`` under ``workdir`` and serve them: the one-call helper for tests."""
    data_dir = backfill(signals, workdir / "tsdb")
    with running_prometheus(data_dir) as server:
        yield server
