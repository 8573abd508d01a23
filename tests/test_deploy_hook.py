"""``POST /hooks/deploy``: HMAC-signed change events into the store, over real HTTP.

Refusals are checked for their status and reason and for an empty ``changes``
table; accepted events are read back through the store's change source, as the
incident agent reads them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from prometheus_client import CollectorRegistry

from bot.clock import FixedClock
from bot.config import load_settings
from bot.errors import InputError
from bot.intake.changes import parse_change_events
from bot.store import Storage
from bot.system import open_service
from tests.intake_fixtures import (
    CATALOG,
    SECRET,
    T0,
    UNREACHABLE_URL,
    FakeInvestigator,
    change,
    dumps,
    sign,
)

NOW = T0
ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    store = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'opsdesk.db'}")
    yield store
    await store.close()


@pytest.fixture
def make_client(
    aiohttp_client: ClientFactory, store: Storage, tmp_path: Path
) -> Callable[..., Awaitable[TestClient[Any, Any]]]:
    async def make(store_override: Storage | None = None, **overrides: Any) -> TestClient[Any, Any]:
        values = {
            "data_dir": tmp_path,
            "deploy_secret": SECRET,
            "max_body_bytes": 8192,
            **overrides,
        }
        service = await open_service(
            load_settings(environ={}, **values),
            catalog=CATALOG,
            clock=FixedClock(NOW),
            registry=CollectorRegistry(),
            storage=store_override or store,
            investigator=FakeInvestigator(),
        )
        return await aiohttp_client(service.app)

    return make


@pytest.fixture
async def client(
    make_client: Callable[..., Awaitable[TestClient[Any, Any]]],
) -> TestClient[Any, Any]:
    return await make_client()


async def _post(
    client: TestClient[Any, Any], body: bytes, headers: dict[str, str] | None = None
) -> aiohttp.ClientResponse:
    return await client.post("/hooks/deploy", data=body, headers=sign(body) if headers is None else headers)


async def _changes(store: Storage) -> int:
    return (await store.database.counts())["changes"]


# -- accepted -----------------------------------------------------------------------------


async def test_one_signed_event_is_stored_and_visible_to_the_agent(
    client: TestClient[Any, Any], store: Storage
) -> None:
    response = await _post(client, dumps(change("d1", "api")))
    assert response.status == 200
    assert await response.json() == {"status": "ok", "recorded": 1}
    [event] = await store.changes.fetch_changes(["api"], NOW - timedelta(hours=1), NOW)
    assert (event.id, event.kind, event.version, event.previous_version) == (
        "d1",
        "deploy",
        "v2",
        "v1",
    )
    assert event.finished_at == NOW - timedelta(minutes=8)


async def test_a_list_is_stored_and_a_resent_id_is_updated(client: TestClient[Any, Any], store: Storage) -> None:
    body = dumps([change("d1", "api"), change("c1", "web", kind="config", version=None)])
    assert (await _post(client, body)).status == 200
    again = dumps([change("d1", "api", version="v3", description="rollout, retried")])
    assert (await _post(client, again)).status == 200
    events = await store.changes.fetch_changes(["api", "web"], NOW - timedelta(hours=1), NOW)
    assert sorted((e.id, e.kind, e.version) for e in events) == [
        ("c1", "config", None),
        ("d1", "deploy", "v3"),
    ]


async def test_the_signature_covers_the_raw_bytes_whatever_their_layout(
    client: TestClient[Any, Any], store: Storage
) -> None:
    body = json.dumps(change("d1", "api"), indent=4).encode()
    assert (await _post(client, body)).status == 200
    assert await _changes(store) == 1


# -- refused: nothing stored --------------------------------------------------------------


BODY = dumps(change("d1", "api"))
_STAMP = str(int(T0.timestamp()))


def _with(signature: str | None = None, timestamp: str | None = _STAMP) -> dict[str, str]:
    headers = {}
    if signature is not None:
        headers["X-Opsdesk-Signature"] = signature
    if timestamp is not None:
        headers["X-Opsdesk-Timestamp"] = timestamp
    return headers


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        (_with(None), "X-Opsdesk-Signature: missing signature"),
        (_with(""), "X-Opsdesk-Signature: missing signature"),
        (_with("sha1=abc"), "X-Opsdesk-Signature: expected sha256=<hex digest>"),
        (_with("sha256=" + "0" * 64), "X-Opsdesk-Signature: signature does not match the timestamp and body"),
        (_with("sha256=not-hex"), "X-Opsdesk-Signature: signature does not match the timestamp and body"),
        (sign(b"another body"), "X-Opsdesk-Signature: signature does not match the timestamp and body"),
        (sign(BODY, "other-secret"), "X-Opsdesk-Signature: signature does not match the timestamp and body"),
        (
            # the body signed alone, as before timestamps were signed with it
            _with("sha256=" + hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()),
            "X-Opsdesk-Signature: signature does not match the timestamp and body",
        ),
        ({"X-Opsdesk-Signature": sign(BODY)["X-Opsdesk-Signature"]}, "X-Opsdesk-Timestamp: missing timestamp"),
        ({**sign(BODY), "X-Opsdesk-Timestamp": "abc"}, "X-Opsdesk-Timestamp: expected unix seconds"),
        ({**sign(BODY), "X-Opsdesk-Timestamp": "9" * 5000}, "X-Opsdesk-Timestamp: expected unix seconds"),
        (
            # signed with the body but for another moment: the timestamp is part of what is signed
            {**sign(BODY), "X-Opsdesk-Timestamp": str(int(T0.timestamp()) + 1)},
            "X-Opsdesk-Signature: signature does not match the timestamp and body",
        ),
        (sign(BODY, at=T0 - timedelta(seconds=301)), "X-Opsdesk-Timestamp: more than 300 s from the receiver's clock"),
        (sign(BODY, at=T0 + timedelta(seconds=301)), "X-Opsdesk-Timestamp: more than 300 s from the receiver's clock"),
    ],
)
async def test_a_missing_wrong_or_stale_signature_is_refused(
    client: TestClient[Any, Any], store: Storage, headers: dict[str, str], problem: str
) -> None:
    response = await _post(client, BODY, headers)
    assert response.status == 401
    assert await response.json() == {"error": problem}
    assert "WWW-Authenticate" not in response.headers
    assert await _changes(store) == 0


async def test_a_signature_within_the_tolerance_is_accepted(client: TestClient[Any, Any], store: Storage) -> None:
    assert (await _post(client, BODY, sign(BODY, at=T0 - timedelta(seconds=300)))).status == 200
    assert await _changes(store) == 1


async def test_an_older_event_never_replaces_a_newer_one_of_the_same_deploy(
    client: TestClient[Any, Any], store: Storage
) -> None:
    started = dumps(change("d1", "api", finished_at=None, description="rolling out"))
    finished = dumps(change("d1", "api", description="rolled out"))
    assert (await _post(client, finished, sign(finished, at=T0 - timedelta(seconds=10)))).status == 200
    late = await _post(client, started, sign(started, at=T0 - timedelta(seconds=60)))
    assert late.status == 200
    assert await late.json() == {"status": "ok", "recorded": 0, "stale": ["d1"]}
    [event] = await store.changes.fetch_changes(["api"], NOW - timedelta(hours=1), NOW)
    assert (event.description, event.finished_at) == ("rolled out", NOW - timedelta(minutes=8))
    newer = dumps(change("d1", "api", description="rolled out, verified"))
    assert await (await _post(client, newer, sign(newer, at=T0))).json() == {"status": "ok", "recorded": 1}
    [event] = await store.changes.fetch_changes(["api"], NOW - timedelta(hours=1), NOW)
    assert event.description == "rolled out, verified"


async def test_the_hook_is_closed_while_no_secret_is_configured(
    make_client: Callable[..., Awaitable[TestClient[Any, Any]]], store: Storage
) -> None:
    client = await make_client(deploy_secret=None)
    response = await _post(client, BODY)
    assert response.status == 503
    assert "OPSDESK_DEPLOY_SECRET" in (await response.json())["error"]
    assert await _changes(store) == 0


FUTURE = (T0 + timedelta(hours=2)).isoformat()
BAD_EVENTS: list[tuple[str, Any, str]] = [
    ("malformed JSON", b'{"id": ', "body: malformed JSON"),
    ("a number", 42, "body: expected a change event object or a list of them"),
    ("empty list", [], "body: expected at least one change event"),
    ("not an object", ["d1"], "0: expected a change event object"),
    ("no id", {k: v for k, v in change("d1", "api").items() if k != "id"}, "id: Field required"),
    ("bad kind", change("d1", "api", kind="reboot"), "kind: "),
    ("bad time", change("d1", "api", started_at="yesterday"), "started_at: "),
    (
        "naive time",
        change("d1", "api", started_at="2026-03-01T11:00:00"),
        "started_at: timestamp needs a timezone",
    ),
    ("future start", change("d1", "api", started_at=FUTURE, finished_at=None), "started_at: "),
    ("future finish", change("d1", "api", finished_at=FUTURE), "finished_at: "),
    (
        "ends before start",
        change("d1", "api", finished_at=(T0 - timedelta(hours=1)).isoformat()),
        "finished_at: is before started_at",
    ),
    ("second bad", [change("d1", "api"), change("d2", "api", kind="?")], "1.kind: "),
    ("start in year 1", change("d1", "api", started_at="0001-01-01T00:00:00Z", finished_at=None), "started_at: "),
    (
        "start in year 1 east",
        change("d1", "api", started_at="0001-01-01T00:00:00+05:00", finished_at=None),
        "started_at: ",
    ),
    ("start at the epoch", change("d1", "api", started_at="1970-01-01T00:00:00Z", finished_at=None), "started_at: "),
    ("NUL", change("d1", "api", description="a\x00b"), "body: a string holds a NUL character"),
    ("lone surrogate", change("d1", "api", author="\udc00"), "body: a string holds a lone UTF-16 surrogate"),
    ("huge integer", b'{"id": ' + b"7" * 5000 + b"}", "body: an integer longer than 30 digits"),
]


@pytest.mark.parametrize(("body", "problem"), [b[1:] for b in BAD_EVENTS], ids=[b[0] for b in BAD_EVENTS])
async def test_an_invalid_event_is_refused_with_the_field_and_nothing_is_stored(
    client: TestClient[Any, Any], store: Storage, body: Any, problem: str
) -> None:
    data = body if isinstance(body, bytes) else dumps(body)
    response = await _post(client, data)
    assert response.status == 400, await response.text()
    error = (await response.json())["error"]
    assert error.startswith(problem), error
    assert await _changes(store) == 0


async def test_an_unknown_service_is_unprocessable(client: TestClient[Any, Any], store: Storage) -> None:
    response = await _post(client, dumps([change("d1", "api"), change("d2", "nope")]))
    assert response.status == 422
    assert await response.json() == {"error": "1.service: unknown service 'nope' (not in the catalog)"}
    assert await _changes(store) == 0


async def test_a_body_over_the_limit_is_refused(client: TestClient[Any, Any], store: Storage) -> None:
    body = dumps([change(f"d{i}", "api") for i in range(100)])
    assert len(body) > 8192
    response = await _post(client, body)
    assert response.status == 413
    assert await _changes(store) == 0


async def test_a_store_that_is_down_answers_503(
    make_client: Callable[..., Awaitable[TestClient[Any, Any]]],
) -> None:
    down = await Storage.open(UNREACHABLE_URL, migrate_schema=False)
    try:
        client = await make_client(store_override=down)
        response = await _post(client, dumps(change("d1", "api")))
        assert response.status == 503
    finally:
        await down.close()


# -- the parser, property-tested ----------------------------------------------------------

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=15,
)
_events = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=5) | _values,
        "service": st.sampled_from(["api", "web", "nope"]) | _values,
        "kind": st.sampled_from(["deploy", "config", "flag", "infra", "x"]) | _values,
        "started_at": st.datetimes().map(lambda d: d.isoformat()) | _values,
        "finished_at": st.datetimes().map(lambda d: d.isoformat() + "Z") | _values,
    },
)


@settings(max_examples=200, deadline=None)
@given(_values | _events | st.lists(_events, max_size=3))
def test_the_parser_accepts_or_raises_input_error_for_any_json(data: Any) -> None:
    try:
        events = parse_change_events(json.dumps(data), CATALOG, NOW)
    except InputError:
        return
    assert all(e.service in CATALOG and e.started_at <= NOW + timedelta(minutes=5) for e in events)
