"""Golden signals from Prometheus: one range query per (service, signal), run concurrently.

Why it looks like this:

* ``prometheus_api_client.PrometheusConnect`` is the maintained client the design card picks, and
  it is synchronous (``requests``). Each query therefore runs in a worker thread of the
  connector's own pool so the event loop never blocks, bounded by a semaphore so one incident
  cannot open dozens of connections at once.
* Every query has two deadlines: a ``requests`` timeout (so the worker thread ends) and
  ``asyncio.wait_for`` (so the caller gets its answer on time even when a thread is stuck in a
  slow DNS lookup or TLS handshake). Prometheus also gets the budget as its own ``timeout``
  parameter, so it stops evaluating a query nobody waits for any more.
* The client's default ``Retry`` (three attempts with exponential back-off) is replaced by no
  retries: the engine has a latency budget per incident, and a dead Prometheus must be reported
  in seconds, not after a back-off series.
* A failed source degrades the answer, it never kills it: queries that fail are listed in
  ``Fetched.problems`` next to the samples that succeeded; only when *every* query fails is
  :class:`~connectors.errors.SourceUnavailable` raised.
* The HTTP transport is a ``requests`` adapter mounted on the client's session. Tests pass their
  own (``adapter=``) to answer queries without a server; see ``tests/support/transports.py``.
"""

from __future__ import annotations

import ast
import asyncio
import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import requests
import urllib3
from prometheus_api_client.exceptions import PrometheusApiClientException
from prometheus_api_client.prometheus_connect import PrometheusConnect
from requests.adapters import BaseAdapter, HTTPAdapter
from urllib3.util.retry import Retry

from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.metrics import SignalSamples

log = logging.getLogger(__name__)

#: Prometheus refuses range queries that would return more points than this per series.
MAX_POINTS_PER_SERIES = 11_000

_HTTP_ERROR = re.compile(r"HTTP Status Code (\d+) \((.*)\)$", re.DOTALL)


@dataclass(frozen=True)
class _Query:
    service: str
    signal: str
    promql: str


class PrometheusMetrics:
    """``MetricsSource`` backed by the Prometheus HTTP API (``/api/v1/query_range``).

    ``adapter`` replaces the transport for ``url`` (default: urllib3 without retries, a pool as
    large as ``max_concurrency``).
    """

    name = "prometheus"

    def __init__(
        self,
        url: str,
        queries: Mapping[str, Mapping[str, str]],
        *,
        step_seconds: float = 30,
        timeout_seconds: float = 5,
        max_concurrency: int = 8,
        adapter: BaseAdapter | None = None,
    ) -> None:
        if step_seconds <= 0 or timeout_seconds <= 0 or max_concurrency < 1:
            raise ValueError("step_seconds and timeout_seconds must be > 0, max_concurrency >= 1")
        self.url = url.rstrip("/")
        self.queries = {service: dict(signals) for service, signals in queries.items()}
        self.step_seconds = step_seconds
        self.timeout_seconds = timeout_seconds
        self.max_concurrency = max_concurrency
        self._session = requests.Session()
        self._client = PrometheusConnect(url=self.url, session=self._session)
        # Mounted after the client's own adapter so it replaces it: no retries (see module
        # docstring) and a pool as large as the concurrency, so no connection is thrown away.
        if adapter is None:
            adapter = HTTPAdapter(max_retries=Retry(total=0, raise_on_status=False), pool_maxsize=max_concurrency)
        self._session.mount(self.url, adapter)
        # Our own workers: the loop's default executor has cpu_count + 4 threads (6 here) and is
        # shared with everything else, which would cap the concurrency set above.
        self._executor = ThreadPoolExecutor(max_workers=max_concurrency, thread_name_prefix="prometheus")

    def close(self) -> None:
        """Release pooled connections and worker threads."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._session.close()

    async def fetch_samples(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[SignalSamples]:
        """Every configured signal of ``services`` between ``start`` and ``end``; the queries that
        failed are the problems. Raises ``SourceUnavailable`` only when no query succeeded."""
        queries = [
            _Query(service, signal, promql)
            for service in dict.fromkeys(services)
            for signal, promql in self.queries.get(service, {}).items()
        ]
        if not queries:
            return Fetched()
        step = self._step_for(start, end)
        semaphore = asyncio.Semaphore(self.max_concurrency)
        outcomes = await asyncio.gather(*(self._run_bounded(semaphore, query, start, end, step) for query in queries))
        samples = tuple(outcome for outcome in outcomes if isinstance(outcome, SignalSamples))
        failures = tuple(
            f"{query.service}/{query.signal}: {outcome}"
            for query, outcome in zip(queries, outcomes, strict=True)
            if isinstance(outcome, str)
        )
        if failures and len(failures) == len(queries):
            raise SourceUnavailable(self.name, _summarise(failures))
        for failure in failures:
            log.warning("prometheus query failed: %s", failure)
        return Fetched(samples, failures)

    def _step_for(self, start: datetime, end: datetime) -> float:
        """The configured step, widened when the range would exceed Prometheus' point limit."""
        span = max((end - start).total_seconds(), 0.0)
        return max(self.step_seconds, math.ceil(span / (MAX_POINTS_PER_SERIES - 1)))

    async def _run_bounded(
        self,
        semaphore: asyncio.Semaphore,
        query: _Query,
        start: datetime,
        end: datetime,
        step: float,
    ) -> SignalSamples | str | None:
        """One query: its samples, ``None`` when it matched nothing, or a failure reason."""
        async with semaphore:
            try:
                raw = await asyncio.wait_for(
                    asyncio.get_running_loop().run_in_executor(
                        self._executor, self._query_range, query.promql, start, end, step
                    ),
                    timeout=self.timeout_seconds,
                )
            except (TimeoutError, requests.Timeout):
                return f"timed out after {self.timeout_seconds:g}s"
            except requests.ConnectionError as error:
                if _is_timeout(error):
                    return f"timed out after {self.timeout_seconds:g}s"
                return f"cannot connect to {self.url}"
            except PrometheusApiClientException as error:
                return _http_reason(str(error))
            except Exception as error:  # a bad reply must not kill the pipeline
                return f"bad reply: {type(error).__name__}"
        try:
            return _to_samples(query, raw)
        except (KeyError, TypeError, ValueError, IndexError):
            return "bad reply: unexpected result shape"

    def _query_range(self, promql: str, start: datetime, end: datetime, step: float) -> Any:
        """Blocking call, run in a worker thread."""
        return self._client.custom_query_range(
            promql,
            start_time=_as_utc(start),
            end_time=_as_utc(end),
            step=f"{step:g}",
            params={"timeout": f"{self.timeout_seconds:g}s"},
            timeout=self.timeout_seconds,  # type: ignore[arg-type]  # annotated int, takes float
        )


def _is_timeout(error: requests.ConnectionError) -> bool:
    """With retries off, urllib3 wraps a read timeout in MaxRetryError, which requests then
    reports as a ConnectionError: look at the underlying reason."""
    reason = getattr(error.args[0] if error.args else None, "reason", None)
    # NewConnectionError subclasses ConnectTimeoutError for compatibility: it is a refusal
    refused = isinstance(reason, urllib3.exceptions.NewConnectionError)
    return isinstance(reason, urllib3.exceptions.TimeoutError) and not refused


def _as_utc(moment: datetime) -> datetime:
    """Naive datetimes are UTC here; the client would read them as local time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _to_samples(query: _Query, raw: Any) -> SignalSamples | None:
    """The first returned series, without NaN/Inf points; ``None`` when nothing is left."""
    if not isinstance(raw, list):
        raise TypeError("query_range result is not a list")
    if not raw:
        return None
    points: list[tuple[float, float]] = []
    for timestamp, text in raw[0]["values"]:
        value = float(text)
        if math.isfinite(value):
            points.append((float(timestamp), value))
    if not points:
        return None
    # Prometheus answers a range query in time order, as SignalSamples promises
    return SignalSamples(query.service, query.signal, np.asarray(points, dtype=float).reshape(-1, 2))


def _http_reason(message: str) -> str:
    """``HTTP 400: <Prometheus' own error>`` from the client's exception text."""
    match = _HTTP_ERROR.match(message)
    if match is None:
        return message[:200]
    status, body = match.groups()
    detail = ""
    try:
        # The client formats the body as a bytes repr: b'{"status":"error",...}'.
        payload = ast.literal_eval(body)
        detail = str(json.loads(payload).get("error", ""))
    except (ValueError, SyntaxError, TypeError, AttributeError):
        pass
    return f"HTTP {status}: {detail[:200]}" if detail else f"HTTP {status}"


def _summarise(failures: Sequence[str]) -> str:
    """One short line for ``SourceUnavailable``: how many failed and the first reason."""
    first = failures[0].split(": ", 1)[-1]
    if len(failures) == 1:
        return first
    return f"all {len(failures)} queries failed, e.g. {first}"
