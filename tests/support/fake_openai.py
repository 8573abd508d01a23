"""A local OpenAI-compatible server: ``POST /v1/chat/completions`` as the API answers it.

An aiohttp server on a free loopback port, for the real ``openai`` client. Each request takes
the next scripted reply: text (returned as the assistant message, in the API's response
shape), an HTTP status (with the API's error body), or ``HOLD``: no answer until the test calls
:meth:`FakeOpenAI.release`, then the reply after it. Every request body is recorded.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

#: Hold the answer back until :meth:`FakeOpenAI.release`, then give the next scripted reply.
HOLD = object()


@dataclass
class FakeOpenAI:
    script: list[Any] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    _released: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: itertools.count[int] = field(default_factory=itertools.count)
    _server: TestServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("/v1"))

    async def __aenter__(self) -> FakeOpenAI:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        self._server = TestServer(app, host="127.0.0.1", port=0)
        await self._server.start_server()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.release()
        assert self._server is not None
        await self._server.close()

    def release(self) -> None:
        self._released.set()

    async def _completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        reply = self.script.pop(0) if self.script else ""
        if reply is HOLD:
            await self._released.wait()
            reply = self.script.pop(0) if self.script else 503
        if isinstance(reply, int):
            error = {"message": f"scripted {reply}", "type": "server_error", "param": None, "code": None}
            return web.json_response({"error": error}, status=reply)
        return web.json_response(
            {
                "id": f"chatcmpl-{next(self._ids)}",
                "object": "chat.completion",
                "created": 1_760_000_000,
                "model": body.get("model", "test-model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": reply},
                        "finish_reason": "stop",
                        "logprobs": None,
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )
