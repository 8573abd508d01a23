"""What the fake Jira and ServiceNow servers share: a loopback aiohttp server, basic auth, faults.

Faults are set per test: :meth:`FakeTicketServer.fail_writes` answers the next writes with an
error (before or after applying them, the second being a write whose answer is lost), and
:meth:`FakeTicketServer.hang_writes` holds writes until the server closes, so a client's own
timeout is what ends them.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests.support.loopback import LoopbackServer


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    query: dict[str, str]
    authorization: str | None
    body: Any


@dataclass
class _Faults:
    failures: list[tuple[int, Any, bool]] = field(default_factory=list)  # (status, body, after applying)
    hang_writes: bool = False
    hang_applies_first: bool = False
    released: asyncio.Event = field(default_factory=asyncio.Event)


class FakeTicketServer(LoopbackServer):
    """A started server answers at :attr:`url`; subclasses route requests in :meth:`handle`."""

    def __init__(self, user: str, secret: str) -> None:
        super().__init__()
        self.user = user
        self.secret = secret
        self.requests: list[SeenRequest] = []
        self._faults = _Faults()

    # -- faults --------------------------------------------------------------------------------

    def fail_writes(self, status: int, body: Any, *, times: int = 1, after_applying: bool = False) -> None:
        """Answer the next ``times`` writes (POST/PUT/PATCH/DELETE that change data) with ``status``."""
        self._faults.failures.extend([(status, body, after_applying)] * times)

    def hang_writes(self, *, after_applying: bool = False) -> None:
        """Hold every write until the server closes (applying it first when ``after_applying``)."""
        self._faults.hang_writes = True
        self._faults.hang_applies_first = after_applying

    def is_write(self, request: web.Request) -> bool:
        """Whether ``request`` changes data (a search by POST does not)."""
        return request.method in ("POST", "PUT", "PATCH", "DELETE")

    # -- serving -------------------------------------------------------------------------------

    def authorized(self, header: str | None) -> bool:
        expected = base64.b64encode(f"{self.user}:{self.secret}".encode()).decode()
        return header == f"Basic {expected}"

    def unauthorized(self) -> web.StreamResponse:
        raise NotImplementedError

    async def handle(self, request: web.Request, body: Any) -> web.StreamResponse:
        raise NotImplementedError

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = await request.json() if raw else None
        except ValueError:
            return web.json_response(self.bad_json(), status=400)
        self.requests.append(
            SeenRequest(request.method, request.path, dict(request.query), request.headers.get("Authorization"), body)
        )
        if not self.authorized(request.headers.get("Authorization")):
            return self.unauthorized()
        if self.is_write(request):
            if self._faults.failures:
                status, error_body, after = self._faults.failures.pop(0)
                if after:
                    await self.handle(request, body)
                return web.json_response(error_body, status=status)
            if self._faults.hang_writes:
                if self._faults.hang_applies_first:
                    await self.handle(request, body)
                await self._faults.released.wait()
                return web.Response(status=503)
        return await self.handle(request, body)

    def bad_json(self) -> Any:
        return {"error": "malformed JSON"}

    def _release(self) -> None:
        self._faults.released.set()


@dataclass(frozen=True)
class Delivery:
    """One webhook a fake sends: its body and headers, and what the receiver answered."""

    body: bytes
    headers: dict[str, str]


@dataclass
class OutboundWebhooks:
    """What a ticket system sends when its tickets change, queued until a test delivers them.

    Queued rather than sent at once so a test chooses the moment (and can deliver one twice, as
    a sender retrying after a lost answer does); each delivery is a real HTTP POST.
    """

    url: str | None = None
    queued: list[Delivery] = field(default_factory=list)
    sent: list[Delivery] = field(default_factory=list)

    def queue(self, body: bytes, headers: dict[str, str]) -> None:
        if self.url is not None:
            self.queued.append(Delivery(body, {"Content-Type": "application/json", **headers}))

    async def deliver(self) -> list[tuple[int, Any]]:
        """POST every queued delivery, in order; each receiver's status and JSON answer."""
        pending, self.queued = self.queued, []
        return [await self.post(delivery) for delivery in pending]

    async def post(self, delivery: Delivery) -> tuple[int, Any]:
        assert self.url is not None
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=delivery.body, headers=delivery.headers) as response,
        ):
            self.sent.append(delivery)
            return response.status, await response.json(content_type=None)
