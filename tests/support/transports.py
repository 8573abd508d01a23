"""Handler-function transports for the Prometheus and Elasticsearch clients: no server needed.

Like httpx's ``MockTransport``, a test writes one function from request to response and plugs
it in where the real HTTP stack would be, so the real clients still build the requests and
read the responses:

* :class:`RequestsHandler` is a ``requests`` transport adapter, for
  ``PrometheusMetrics(..., adapter=RequestsHandler(handler))``; ``handler(request)`` gets the
  ``requests.PreparedRequest`` and returns :func:`json_response` (or raises what ``requests``
  would: ``requests.ReadTimeout``, ``requests.ConnectionError``).
* :func:`elasticsearch_node` makes an ``elastic_transport`` node class, for
  ``ElasticsearchLogs(..., node_class=elasticsearch_node(handler))``; ``await handler(request)``
  gets an :class:`EsRequest` and returns an :class:`EsResponse`. As the aiohttp node does, the
  node enforces the client's request timeout (``ConnectionTimeout``) and turns other exceptions
  into ``elastic_transport.ConnectionError``.

The helpers build bodies in each server's own wire format: Prometheus' ``{"status", "data":
{"resultType": "matrix", "result"}}`` and Elasticsearch's ``_search`` response, which the client
accepts only with the ``X-Elastic-Product: Elasticsearch`` header.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from elastic_transport import (
    ApiResponseMeta,
    BaseAsyncNode,
    ConnectionError,
    ConnectionTimeout,
    HttpHeaders,
)
from elastic_transport._node import NodeApiResponse
from elastic_transport.client_utils import DEFAULT, DefaultType
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

# -- Prometheus (requests) ------------------------------------------------------------------


class RequestsHandler(BaseAdapter):
    """A ``requests`` transport adapter answering every request with ``handler(request)``."""

    def __init__(self, handler: Callable[[requests.PreparedRequest], requests.Response]) -> None:
        super().__init__()
        self.handler = handler
        self.requests: list[requests.PreparedRequest] = []

    def send(  # type: ignore[override]
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | None = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        self.requests.append(request)
        response = self.handler(request)
        response.request = request
        response.url = request.url or ""
        return response

    def close(self) -> None:
        pass


def query_of(request: requests.PreparedRequest) -> dict[str, str]:
    """The request's query parameters (one value each)."""
    return {key: values[0] for key, values in parse_qs(urlsplit(request.url or "").query).items()}


def json_response(status: int, body: Any, headers: Mapping[str, str] | None = None) -> requests.Response:
    """An HTTP response as ``requests`` builds one; ``bytes`` bodies are sent as they are."""
    response = requests.Response()
    response.status_code = status
    response._content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response.headers = CaseInsensitiveDict({"Content-Type": "application/json", **(headers or {})})
    response.encoding = "utf-8"
    return response


def prometheus_matrix(*series: tuple[Mapping[str, str], Sequence[tuple[float, str]]]) -> dict[str, Any]:
    """A successful range-query body: ``(labels, [(unix_seconds, "value"), ...])`` per series."""
    result = [{"metric": dict(labels), "values": [[t, v] for t, v in values]} for labels, values in series]
    return {"status": "success", "data": {"resultType": "matrix", "result": result}}


def prometheus_error(status: int, error_type: str, error: str) -> requests.Response:
    """An error as Prometheus answers it (``bad_data`` is 400, ``execution`` 422, …)."""
    return json_response(status, {"status": "error", "errorType": error_type, "error": error})


# -- Elasticsearch (elastic_transport) ------------------------------------------------------

#: The headers every Elasticsearch 9 response carries; the client refuses answers without them.
ES_HEADERS: Mapping[str, str] = {
    "X-Elastic-Product": "Elasticsearch",
    "Content-Type": "application/vnd.elasticsearch+json;compatible-with=9",
}


@dataclass(frozen=True)
class EsRequest:
    method: str
    target: str
    body: Any
    headers: Mapping[str, str]

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]


@dataclass(frozen=True)
class EsResponse:
    status: int = 200
    body: Any = None  # JSON-able, or bytes sent as they are
    headers: Mapping[str, str] = field(default_factory=lambda: dict(ES_HEADERS))


EsHandler = Callable[[EsRequest], Awaitable[EsResponse]]


def elasticsearch_node(handler: EsHandler) -> type[BaseAsyncNode]:
    """A node class for ``AsyncElasticsearch(node_class=...)`` that answers with ``handler``."""

    class HandlerNode(BaseAsyncNode):
        _CLIENT_META_HTTP_CLIENT = ("ai", "test")

        async def perform_request(  # type: ignore[override]
            self,
            method: str,
            target: str,
            body: bytes | None = None,
            headers: HttpHeaders | None = None,
            request_timeout: DefaultType | float | None = DEFAULT,
        ) -> NodeApiResponse:
            timeout = self.config.request_timeout if isinstance(request_timeout, DefaultType) else request_timeout
            request = EsRequest(method, target, json.loads(body) if body else None, dict(headers or {}))
            started = time.monotonic()
            try:
                response = await asyncio.wait_for(handler(request), timeout)
            except TimeoutError as error:
                raise ConnectionTimeout("Connection timed out during request", errors=(error,)) from None
            except Exception as error:
                raise ConnectionError(str(error), errors=(error,)) from None
            raw = response.body if isinstance(response.body, bytes) else json.dumps(response.body).encode()
            meta = ApiResponseMeta(
                status=response.status,
                http_version="1.1",
                headers=HttpHeaders(response.headers),
                duration=time.monotonic() - started,
                node=self.config,
            )
            return NodeApiResponse(meta, b"" if method == "HEAD" else raw)

        async def close(self) -> None:
            pass

    return HandlerNode


def search_response(
    sources: Iterable[Mapping[str, Any]],
    *,
    total: int | None = None,
    relation: str = "eq",
    timed_out: bool = False,
    shards: int = 1,
    failed_shards: int = 0,
) -> EsResponse:
    """A ``_search`` answer holding ``sources`` as hits (``total`` defaults to their number)."""
    hits = [{"_index": "logs-app", "_id": str(n), "_score": None, "_source": dict(s)} for n, s in enumerate(sources)]
    body = {
        "took": 3,
        "timed_out": timed_out,
        "_shards": {"total": shards, "successful": shards - failed_shards, "skipped": 0, "failed": failed_shards},
        "hits": {"total": {"value": len(hits) if total is None else total, "relation": relation}, "hits": hits},
    }
    return EsResponse(body=body)


def es_error(status: int, error_type: str, reason: str) -> EsResponse:
    """An error as Elasticsearch answers it."""
    cause = {"type": error_type, "reason": reason}
    return EsResponse(status, {"error": {"root_cause": [cause], **cause}, "status": status})
