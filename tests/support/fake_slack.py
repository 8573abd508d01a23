"""A fake Slack: the Web API methods opsdesk calls, and a Socket Mode websocket.

An aiohttp server on a free loopback port. It answers ``POST /api/<method>`` the way Slack does
(JSON with ``ok``, form or JSON bodies, bearer token), records every call, and can be told to
answer a method with 429 + ``Retry-After``, a 5xx, or ``ok:false`` with a given error.
``apps.connections.open`` hands out ``ws://127.0.0.1:<port>/socket``, where a test pushes
envelopes in Slack's Socket Mode format (``hello``; ``{"envelope_id", "type", "payload",
"accepts_response_payload"}``) and gets back what the client acknowledges with.

Also :func:`signed_headers`: the headers Slack sends on a request to ``/slack/events``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer

BOT_USER = "UBOT"
TEAM = "T0001"


def signed_headers(
    secret: str, body: bytes | str, *, timestamp: int | None = None, content_type: str = ""
) -> dict[str, str]:
    """``X-Slack-Signature`` and ``X-Slack-Request-Timestamp`` exactly as Slack computes them."""
    raw = body.encode() if isinstance(body, str) else body
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + raw, hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}
    if content_type:
        headers["Content-Type"] = content_type
    return headers


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str
    at: float


@dataclass
class _Fault:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    times: int = 1


@dataclass
class FakeSlack:
    """The fake; start with :meth:`start` (or ``async with``), URLs in :attr:`api_url`."""

    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)  # name -> id
    usergroups: dict[str, list[str]] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)
    #: ``users.info`` answers: any user ID not listed here is an active person of the workspace.
    users: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    non_member_channels: set[str] = field(default_factory=set)
    #: Modals opened (``views.open``/``views.update``) by view id, and App Homes published by user.
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    homes: dict[str, dict[str, Any]] = field(default_factory=dict)
    _faults: dict[str, list[_Fault]] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    _server: TestServer | None = None
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _acks: dict[str, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    socket_connected: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> Self:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_get("/socket", self._socket)
        self._server = TestServer(app, host="127.0.0.1", port=0)
        await self._server.start_server()
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._server is not None:
            await self._server.close()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    # -- test controls ------------------------------------------------------------------

    def fail(self, method: str, error: str, times: int = 1) -> None:
        """Answer ``method`` with ``ok:false`` and ``error`` the next ``times`` times."""
        self._faults.setdefault(method, []).append(_Fault(error=error, times=times))

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        self._faults.setdefault(method, []).append(_Fault(status=429, retry_after=retry_after, times=times))

    def server_error(self, method: str, status: int = 503, times: int = 1) -> None:
        self._faults.setdefault(method, []).append(_Fault(status=status, times=times))

    def slow(self, method: str, seconds: float) -> None:
        """Answer ``method`` only after ``seconds`` (a slow Slack)."""
        self.delays[method] = seconds

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def clear(self) -> None:
        self.calls.clear()

    # -- Web API ------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.read()
        if request.method == "GET":
            args: dict[str, Any] = dict(request.query)
        elif request.content_type == "application/json":
            args = json.loads(raw or b"{}")
        else:
            args = dict(parse_qsl(raw.decode()))
            for key in ("blocks", "attachments"):
                if isinstance(args.get(key), str):
                    args[key] = json.loads(args[key])
        args = {**dict(request.query), **args}
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(Call(method, args, token, time.monotonic()))
        if method in self.delays:
            await asyncio.sleep(self.delays[method])
        faults = self._faults.get(method)
        if faults:
            fault = faults[0]
            fault.times -= 1
            if fault.times <= 0:
                faults.pop(0)
            if fault.status == 429:
                return web.json_response(
                    {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(fault.retry_after)}
                )
            if fault.status >= 500:
                return web.Response(status=fault.status, text="upstream trouble")
            return web.json_response({"ok": False, "error": fault.error})
        if not token:
            return web.json_response({"ok": False, "error": "not_authed"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        answer: dict[str, Any] = handler(args)
        return web.json_response(answer)

    def _channel_id(self, channel: str) -> str:
        if channel.startswith("#"):
            name = channel[1:]
            return self.channels.setdefault(name, "C" + hashlib.sha1(name.encode()).hexdigest()[:8].upper())
        return channel

    def _m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": TEAM, "team": "Test", "url": ""}

    def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channel_id(str(args["channel"]))
        if channel in self.non_member_channels:
            return {"ok": False, "error": "not_in_channel"}
        ts = f"{1_700_000_000 + next(self._ts)}.000100"
        message = {"channel": channel, "ts": ts, "text": args.get("text", ""), "blocks": args.get("blocks", [])}
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        if isinstance(args.get("metadata"), dict):
            message["metadata"] = args["metadata"]
        self.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _m_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages of a channel, newest first; by channel ID only, as Slack reads history."""
        channel = str(args.get("channel", ""))
        if not channel or channel.startswith("#"):
            return {"ok": False, "error": "channel_not_found"}
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        found = [
            {k: v for k, v in m.items() if k != "metadata" or with_metadata}
            for (c, _), m in sorted(self.messages.items(), key=lambda item: float(item[0][1]), reverse=True)
            if c == channel and not m.get("thread_ts")
        ]
        return {"ok": True, "messages": found[: int(args.get("limit", 100))], "has_more": False}

    def _m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        key = (str(args["channel"]), str(args["ts"]))
        if key not in self.messages:
            return {"ok": False, "error": "message_not_found"}
        self.messages[key].update({"text": args.get("text", ""), "blocks": args.get("blocks", [])})
        return {"ok": True, "channel": key[0], "ts": key[1]}

    def _m_chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        key = (str(args["channel"]), str(args["ts"]))
        if self.messages.pop(key, None) is None:
            return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": key[0], "ts": key[1]}

    def _m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": f"{time.time():.6f}"}

    def _m_conversations_join(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channel_id(str(args["channel"]))
        self.non_member_channels.discard(channel)
        return {"ok": True, "channel": {"id": channel}}

    def _m_conversations_create(self, args: dict[str, Any]) -> dict[str, Any]:
        name = str(args["name"])
        if name in self.channels:
            return {"ok": False, "error": "name_taken"}
        channel = "C" + uuid.uuid4().hex[:8].upper()
        self.channels[name] = channel
        self.members[channel] = {BOT_USER}
        return {"ok": True, "channel": {"id": channel, "name": name}}

    def _m_conversations_invite(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args["channel"])
        if channel not in self.members:
            return {"ok": False, "error": "channel_not_found"}
        self.members[channel] |= set(str(args["users"]).split(","))
        return {"ok": True, "channel": {"id": channel}}

    def _m_conversations_setTopic(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": {"id": args["channel"], "topic": {"value": args["topic"]}}}

    def _m_usergroups_users_list(self, args: dict[str, Any]) -> dict[str, Any]:
        group = str(args["usergroup"])
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": self.usergroups[group]}

    def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = str(args.get("user", ""))
        if user in self.users and self.users[user] is None:
            return {"ok": False, "error": "user_not_found"}
        profile = {"id": user, "name": user.lower(), "deleted": False, "is_bot": False, "is_app_user": False}
        return {"ok": True, "user": {**profile, **(self.users.get(user) or {})}}

    def _view_arg(self, args: dict[str, Any]) -> dict[str, Any] | None:
        view = args.get("view")
        if isinstance(view, str):
            view = json.loads(view)
        return view if isinstance(view, dict) and view.get("type") in ("modal", "home") else None

    def _m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        view = self._view_arg(args)
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        if view is None or view.get("type") != "modal":
            return {"ok": False, "error": "invalid_arguments"}
        view_id = "V" + uuid.uuid4().hex[:10].upper()
        self.views[view_id] = {**view, "id": view_id}
        return {"ok": True, "view": self.views[view_id]}

    def _m_views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        view = self._view_arg(args)
        view_id = str(args.get("view_id", ""))
        if view is None or view_id not in self.views:
            return {"ok": False, "error": "not_found"}
        self.views[view_id] = {**view, "id": view_id}
        return {"ok": True, "view": self.views[view_id]}

    def _m_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        view = self._view_arg(args)
        user = str(args.get("user_id", ""))
        if view is None or view.get("type") != "home" or not user:
            return {"ok": False, "error": "invalid_arguments"}
        self.homes[user] = {**view, "id": "V" + hashlib.sha1(user.encode()).hexdigest()[:10].upper()}
        return {"ok": True, "view": self.homes[user]}

    def _m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self._server.port if self._server else 0}/socket"}

    # -- Socket Mode --------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}})
        self.socket_connected.set()
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                data = json.loads(message.data)
                future = self._acks.pop(str(data.get("envelope_id")), None)
                if future is not None and not future.done():
                    future.set_result(data)
        finally:
            self._sockets.remove(ws)
        return ws

    async def send_envelope(self, kind: str, payload: dict[str, Any], wait_seconds: float = 5.0) -> dict[str, Any]:
        """Push one envelope to the connected client; returns its acknowledgement."""
        await asyncio.wait_for(self.socket_connected.wait(), wait_seconds)
        envelope_id = str(uuid.uuid4())
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = future
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope["retry_attempt"] = 0
            envelope["retry_reason"] = ""
        await self._sockets[-1].send_json(envelope)
        return await asyncio.wait_for(future, wait_seconds)


@dataclass
class WatchedSlack(FakeSlack):
    """The fake Slack, plus events to await: :meth:`called` returns once a matching call was
    answered, and :meth:`hold` keeps a method's answers back until :meth:`release`."""

    _answered: asyncio.Condition = field(default_factory=asyncio.Condition)
    _held: dict[str, asyncio.Event] = field(default_factory=dict)

    def hold(self, *methods: str) -> None:
        for method in methods:
            self._held[method] = asyncio.Event()

    def release(self) -> None:
        for gate in self._held.values():
            gate.set()
        self._held.clear()

    async def called(self, method: str, where: Callable[[Call], bool] = lambda call: True, *, since: int = 0) -> Call:
        """The first call to ``method`` matching ``where`` (among calls from index ``since`` on), once answered."""

        def found() -> Call | None:
            return next((c for c in self.calls[since:] if c.method == method and where(c)), None)

        async with self._answered:
            await self._answered.wait_for(lambda: found() is not None)
        call = found()
        assert call is not None
        return call

    async def answered_until(self, condition: Callable[[], bool]) -> None:
        """Return once ``condition`` holds, checked now and after each call the fake answers."""
        async with self._answered:
            await self._answered.wait_for(condition)

    async def _api(self, request: web.Request) -> web.Response:
        gate = self._held.get(request.match_info["method"])
        if gate is not None:
            await gate.wait()
        response = await super()._api(request)
        async with self._answered:
            self._answered.notify_all()
        return response
