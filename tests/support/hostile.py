"""Hostile requests for the three doors of ``opsdesk serve``: ``/hooks/alertmanager``,
``/hooks/deploy`` and ``/slack/events``, and a run that sends them and counts the answers.

Cases are drawn with hypothesis strategies (derandomized: the same cases on every run of one entry
point; the pytest test and the benchmark script draw different ones) and mix well-formed requests
with broken ones at every level: raw bytes, JSON of any shape, the right
shape with wrong types, extreme numbers and times, lone surrogates, oversized labels, Slack
payloads whose objects are lists or strings, and headers that are not what they claim. The
webhooks' credentials are right in most cases (else every case would stop at the 401), the
Slack requests are signed in most. What must hold: no answer is a 5xx.

Used by ``tests/test_fuzz_edges.py`` and ``bench/bench_fuzz_edges.py``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import aiohttp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.intake.signing import signed_headers as deploy_headers
from tests.intake_fixtures import SECRET, T0, TOKEN
from tests.slack.harness import SIGNING_SECRET
from tests.support.fake_slack import signed_headers as slack_headers

#: The moment the target's clock stands at.
NOW = T0 + timedelta(minutes=5)
SERVICES = ["checkout", "payments-db", "search", "nope", "", "checkout\x00"]
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Case:
    door: str
    body: bytes
    headers: dict[str, str]


# -- values -----------------------------------------------------------------------------------

_odd_text = st.sampled_from(
    ["\ud800", "\udfff", "<!channel>", "<@U123>", "<https://x|y>", "\x00", "é" * 3, "a" * 300, "%", "&amp;", "`", ""]
)
_text = st.text(max_size=20) | _odd_text
_big_int = st.sampled_from([10**30, -(10**30), 2**31, 2**63, -1, 0]) | st.integers()
_numbers = _big_int | st.floats(allow_nan=False, allow_infinity=False)
_scalars = st.none() | st.booleans() | _numbers | _text
_values = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3), max_leaves=8
)
_times = st.sampled_from(
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        "2026-03-01T12:00:00",
        "2026-03-01T12:00:00Z",
        "2026-03-01T11:58:00+00:00",
        "yesterday",
        "",
        "2026-02-30T00:00:00Z",
    ]
) | st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(lambda d: d.isoformat() + "Z")
_time_values = _times | _values
_labels = st.dictionaries(
    st.sampled_from(["alertname", "service", "severity", "pod", "team"]) | _text,
    st.sampled_from(SERVICES) | _text | st.just("x" * 5000),
    max_size=5,
)


def _one_of(valid: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly valid, sometimes hostile: a field that is wrong alone gets past the others' checks."""
    return st.one_of(valid, valid, valid, hostile)


_alerts = st.fixed_dictionaries(
    {
        "status": _one_of(st.sampled_from(["firing", "resolved"]), _values),
        "labels": _one_of(
            st.builds(
                lambda name, service, extra: {**extra, "alertname": name, "service": service},
                st.sampled_from(["HighErrorRate", "Latency"]),
                st.sampled_from(SERVICES[:3]),
                _labels,
            ),
            _labels | _values,
        ),
        "startsAt": _one_of(st.sampled_from(["2026-03-01T12:00:00Z", "2026-03-01T12:04:00+01:00"]), _time_values),
    },
    optional={
        "endsAt": _one_of(st.just("0001-01-01T00:00:00Z"), _time_values),
        "annotations": _one_of(st.just({"summary": "errors"}), st.dictionaries(_text, _text | _values, max_size=3)),
        "fingerprint": _one_of(st.text(alphabet="0123456789abcdef", min_size=4, max_size=16), _values),
        "generatorURL": _text | _values,
    },
)
_webhooks = st.fixed_dictionaries(
    {
        "version": _one_of(st.just("4"), _values),
        "status": _one_of(st.just("firing"), _values),
        "alerts": _one_of(st.lists(_alerts, min_size=1, max_size=4), _values | st.lists(_values, max_size=3)),
    },
    optional={
        "groupLabels": _values,
        "commonLabels": _values,
        "truncatedAlerts": _big_int | _values,
        "externalURL": _text,
    },
)
_changes = st.fixed_dictionaries(
    {
        "id": _one_of(st.sampled_from(["d1", "d2", "c1"]), _values | st.just("d" * 300)),
        "service": _one_of(st.sampled_from(SERVICES[:3]), st.sampled_from(SERVICES) | _values),
        "kind": _one_of(st.sampled_from(["deploy", "config", "flag", "infra"]), _values),
        "started_at": _one_of(st.just("2026-03-01T11:50:00Z"), _time_values),
    },
    optional={
        "finished_at": _time_values,
        "version": _text | _values,
        "author": _text | _values,
        "description": _text | _values,
    },
)


_plain = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
_valid_alerts = st.builds(
    lambda fingerprint, name, service, status, minutes, extra, summary: {
        "status": status,
        "labels": {**extra, "alertname": name, "service": service},
        "annotations": {"summary": summary},
        "startsAt": (T0 + timedelta(minutes=minutes)).isoformat(),
        "endsAt": (T0 + timedelta(minutes=minutes + 1)).isoformat() if status == "resolved" else "0001-01-01T00:00:00Z",
        "fingerprint": fingerprint,
    },
    st.text(alphabet="0123456789abcdef", min_size=4, max_size=8),
    st.sampled_from(["HighErrorRate", "Latency"]) | _plain.filter(str.strip),
    st.sampled_from(SERVICES[:3]),
    st.sampled_from(["firing", "firing", "resolved"]),
    st.integers(-60, 4),
    st.dictionaries(st.sampled_from(["pod", "team", "severity", "instance"]), _plain, max_size=3),
    _plain,
)


@st.composite
def _near_valid_webhooks(draw: st.DrawFn) -> dict[str, Any]:
    """A valid webhook whose alerts are valid but for at most one field of one alert."""
    alerts = draw(st.lists(_valid_alerts, min_size=1, max_size=4))
    if draw(st.booleans()):
        target = alerts[draw(st.integers(0, len(alerts) - 1))]
        key = draw(st.sampled_from(["status", "startsAt", "endsAt", "fingerprint", "labels", "annotations"]))
        if key in ("labels", "annotations") and draw(st.booleans()):
            target[key] = {
                **target[key],
                draw(st.sampled_from(["service", "alertname", "severity", "pod"])): draw(
                    _scalars | st.just("y" * 1500)
                ),
            }
        else:
            target[key] = draw(_time_values if key in ("startsAt", "endsAt") else _values)
    return {"version": "4", "status": "firing", "receiver": "opsdesk", "alerts": alerts}


_valid_changes = st.builds(
    lambda event_id, service, kind, minutes, version, description: {
        "id": event_id,
        "service": service,
        "kind": kind,
        "started_at": (T0 - timedelta(minutes=minutes)).isoformat(),
        "finished_at": (T0 - timedelta(minutes=minutes - 2)).isoformat(),
        "version": version,
        "description": description,
    },
    st.sampled_from(["d1", "d2", "c1"]) | _plain.filter(str.strip),
    st.sampled_from(SERVICES[:3]),
    st.sampled_from(["deploy", "config", "flag", "infra"]),
    st.integers(2, 600),
    _plain,
    _plain,
)


@st.composite
def _near_valid_changes(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Valid change events but for at most one field of one of them."""
    events = draw(st.lists(_valid_changes, min_size=1, max_size=3))
    if draw(st.booleans()):
        target = events[draw(st.integers(0, len(events) - 1))]
        key = draw(st.sampled_from(["id", "service", "kind", "started_at", "finished_at", "version", "author"]))
        target[key] = draw(_time_values if key.endswith("_at") else _scalars | st.just("z" * 300))
    return events


def _json(data: Any) -> bytes:
    return json.dumps(data).encode()


# -- cases per door -----------------------------------------------------------------------------

_raw = st.binary(max_size=200) | st.sampled_from(
    [b"", b"[]", b"{}", b"null", b'{"version": "4", "alerts": [' * 50, b"9" * 5000, b"[" * 5000, b'"\\ud800"']
)
_auth = _one_of(
    st.just({"Authorization": f"Bearer {TOKEN}"}),
    st.sampled_from([{}, {"Authorization": "Bearer"}, {"Authorization": "Basic x"}, {"Authorization": "Bearer é"}]),
)


@st.composite
def alertmanager_cases(draw: st.DrawFn) -> Case:
    body = draw(
        st.one_of(_near_valid_webhooks().map(_json), _near_valid_webhooks().map(_json), _webhooks.map(_json), _raw)
    )
    return Case("alertmanager", body, {**draw(_auth), "Content-Type": "application/json"})


@st.composite
def deploy_cases(draw: st.DrawFn) -> Case:
    body = draw(
        st.one_of(
            _near_valid_changes().map(_json),
            _near_valid_changes().map(lambda events: _json(events[0])),
            _changes.map(_json),
            st.lists(_changes, max_size=3).map(_json),
            _raw,
        )
    )
    signed = deploy_headers(SECRET, body, NOW - timedelta(seconds=draw(st.integers(0, 30))))
    headers = draw(
        _one_of(
            st.just(signed),
            st.sampled_from(
                [
                    {},
                    {**signed, "X-Opsdesk-Timestamp": "abc"},
                    {**signed, "X-Opsdesk-Timestamp": "9" * 5000},
                    {**signed, "X-Opsdesk-Signature": "sha256=é"},
                    {"X-Opsdesk-Signature": signed["X-Opsdesk-Signature"]},
                    deploy_headers(SECRET, body, NOW - timedelta(hours=1)),
                ]
            ),
        )
    )
    return Case("deploy", body, {**headers, "Content-Type": "application/json"})


_slack_types = st.sampled_from(
    ["block_actions", "event_callback", "url_verification", "view_submission", "shortcut", "message_action", "x"]
)
_button_values = st.one_of(
    st.builds(lambda i: json.dumps({"v": 1, "incident": i}), _big_int),
    st.builds(lambda i, h: json.dumps({"v": 1, "incident": i, "hypothesis": h, "vote": "up"}), _big_int, _big_int),
    _text,
    _values,
)
_action_ids = (
    st.sampled_from(
        [
            "incident-ack",
            "incident-take-ic",
            "incident-open-channel",
            "hypothesis-feedback-up",
            "hypothesis-feedback-down",
        ]
    )
    | _text
)
_slack_payloads = st.fixed_dictionaries(
    {"type": _one_of(_slack_types, _values)},
    optional={
        "user": _one_of(st.just({"id": "UALICE"}), _values),
        "channel": _one_of(st.just({"id": "CPAY"}), _values),
        "team": _one_of(st.just({"id": "T0001"}), _values),
        "actions": _one_of(
            st.lists(
                st.fixed_dictionaries(
                    {"action_id": _action_ids, "value": _button_values, "action_ts": _text | _values}
                ),
                max_size=2,
            ),
            _values,
        ),
        "event": _one_of(
            st.fixed_dictionaries(
                {"type": st.just("message"), "channel": st.just("CALERTS"), "text": _text},
                optional={"attachments": _values, "user": _values},
            ),
            _values,
        ),
        "event_id": _text | _values,
        "challenge": _text | _values,
        "trigger_id": _text,
    },
)
_commands = st.builds(
    lambda text, user: urlencode(
        {"command": "/incident", "text": text, "user_id": user, "channel_id": "CGEN", "trigger_id": "t"},
        errors="surrogatepass",
    ).encode(),
    st.one_of(
        st.sampled_from(["ic <@UBOB> #1", "ic #99999999999 <@UBOB>", "status #1", "resolve #1 done", "declare x"]).map(
            lambda s: s
        ),
        st.builds(
            lambda verb, rest: f"{verb} {rest}", st.sampled_from(["ic", "status", "resolve", "declare", "?"]), _text
        ),
        _text,
    ),
    _one_of(st.just("UALICE"), _text),
)


@st.composite
def slack_cases(draw: st.DrawFn) -> Case:
    form = _slack_payloads.map(lambda p: urlencode({"payload": json.dumps(p)}).encode())
    kind = draw(st.sampled_from(["form", "json", "command", "raw"]))
    if kind == "form":
        body, content_type = draw(form), FORM
    elif kind == "json":
        body, content_type = draw(st.one_of(_slack_payloads.map(_json), _values.map(_json))), "application/json"
    elif kind == "command":
        body, content_type = draw(_commands), FORM
    else:
        body, content_type = draw(_raw), draw(st.sampled_from([FORM, "application/json", "text/plain"]))
    signed = slack_headers(SIGNING_SECRET, body, timestamp=int(time.time()), content_type=content_type)
    headers = draw(
        _one_of(
            st.just(signed),
            st.sampled_from(
                [
                    {"Content-Type": content_type},
                    {**signed, "X-Slack-Request-Timestamp": "abc"},
                    {**signed, "X-Slack-Request-Timestamp": "9" * 5000},
                    {**signed, "X-Slack-Signature": "v0=é"},
                    slack_headers("wrong", body, content_type=content_type),
                ]
            ),
        )
    )
    return Case("slack", body, headers)


def draw_cases(strategy: st.SearchStrategy[Case], count: int) -> list[Case]:
    """``count`` cases from ``strategy``, the same every run."""
    cases: list[Case] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(case: Case) -> None:
        cases.append(case)

    collect()
    return cases[:count]


# -- the run ------------------------------------------------------------------------------------


@dataclass
class Tally:
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    server_errors: list[tuple[str, int, bytes]] = field(default_factory=list)
    logged_errors: int = 0

    @property
    def cases(self) -> int:
        return sum(self.statuses.values())

    def summary(self) -> dict[str, Any]:
        doors: dict[str, dict[str, int]] = {}
        for (door, status), count in sorted(self.statuses.items()):
            doors.setdefault(door, {})[str(status)] = count
        return {
            "cases": self.cases,
            "5xx": len(self.server_errors),
            "errors_logged": self.logged_errors,
            "by_door": doors,
        }


class _ErrorCount(logging.Handler):
    def __init__(self, tally: Tally) -> None:
        super().__init__(logging.ERROR)
        self.tally = tally

    def emit(self, record: logging.LogRecord) -> None:
        self.tally.logged_errors += 1


PATHS = {"alertmanager": "/hooks/alertmanager", "deploy": "/hooks/deploy", "slack": "/slack/events"}


async def send_all(
    session: aiohttp.ClientSession,
    base_url: str,
    cases: list[Case],
    *,
    settle: Callable[[], Any] | None = None,
    concurrency: int = 4,
) -> Tally:
    """Send every case to its door, ``concurrency`` at a time, and count the answers."""
    tally = Tally()
    handler = _ErrorCount(tally)
    logging.getLogger().addHandler(handler)
    queue = list(reversed(cases))

    async def worker() -> None:
        while queue:
            case = queue.pop()
            async with session.post(base_url + PATHS[case.door], data=case.body, headers=case.headers) as response:
                await response.read()
                tally.statuses[(case.door, response.status)] += 1
                if response.status >= 500:
                    tally.server_errors.append((case.door, response.status, case.body[:300]))

    try:
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        if settle is not None:
            await settle()
    finally:
        logging.getLogger().removeHandler(handler)
    return tally
