"""A tiny Elasticsearch look-alike for tests: exactly the requests ``ElasticsearchLogs`` makes.

No Elasticsearch server can be installed on the test machines, and the connector must still be
exercised through the real ``elasticsearch`` client (its product check, its serializer, its
error mapping). So this server speaks the parts of the REST API the connector uses, in
Elasticsearch's own formats and headers:

* ``GET /`` (and ``HEAD /``): the cluster info document.
* ``POST /<index pattern>/_search`` with a body of ``query`` (``bool.filter`` of ``terms`` and
  ``range`` clauses), ``sort`` (``@timestamp`` only), ``size``, ``_source`` (a list of fields)
  and ``timeout``.

Everything else is answered with an Elasticsearch-style 400 error, so a connector change that
sends something new fails loudly instead of being silently half-understood. Every response
carries ``X-Elastic-Product: Elasticsearch``, which the client checks. It answers as an 8.x server
does: version 8.17.0 in the root document, and a 400 ``media_type_header_exception`` for a request
asking for REST compatibility with anything but 7 or 8 (a 9.x client asks for 9). Tests can make searches
fail (:meth:`FakeElasticsearch.fail_with`) or hang until shutdown (:meth:`FakeElasticsearch.hang`).
Nothing here imports the connector: the fake must not share the code it is checking.
"""

from __future__ import annotations

import asyncio
import fnmatch
import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from tests.support.loopback import LoopbackServer

DEFAULT_INDEX = "logs-opsdesk"
#: The Elasticsearch release this server answers as (the root document and the media types it accepts).
SERVER_VERSION = "8.17.0"
MAX_RESULT_WINDOW = 10_000
_BODY_KEYS = frozenset({"query", "sort", "size", "_source", "timeout"})
_RANGE_KEYS = frozenset({"gte", "lte", "gt", "lt", "format"})
_DATE_FORMATS = frozenset({"strict_date_optional_time"})


class EsError(Exception):
    """An error Elasticsearch would answer with; rendered as its JSON error body."""

    def __init__(self, status: int, error_type: str, reason: str) -> None:
        super().__init__(f"{status} {error_type}: {reason}")
        self.status = status
        self.error_type = error_type
        self.reason = reason

    def body(self) -> dict[str, Any]:
        cause = {"type": self.error_type, "reason": self.reason}
        return {"error": {"root_cause": [cause], **cause}, "status": self.status}


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it, for assertions on what the client sent."""

    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: Any


@dataclass
class _Document:
    index: str
    doc_id: str
    source: dict[str, Any]


@dataclass
class _Behaviour:
    failure: EsError | None = None
    hang: bool = False
    released: asyncio.Event = field(default_factory=asyncio.Event)


class FakeElasticsearch(LoopbackServer):
    """An aiohttp server on 127.0.0.1 (free port) holding documents in named indices."""

    def __init__(self, documents: Iterable[Mapping[str, Any]] = (), *, index: str = DEFAULT_INDEX) -> None:
        super().__init__()
        self._documents: list[_Document] = []
        self._behaviour = _Behaviour()
        self.requests: list[RecordedRequest] = []
        self.add(documents, index=index)

    @classmethod
    def from_jsonl(cls, path: Path | str, *, index: str = DEFAULT_INDEX) -> FakeElasticsearch:
        """Documents from a scenario's ``logs.jsonl`` (one ECS document per line)."""
        return cls(load_jsonl(path), index=index)

    def add(self, documents: Iterable[Mapping[str, Any]], *, index: str = DEFAULT_INDEX) -> None:
        """Index documents (ids are assigned in order, as with auto-generated ids)."""
        for document in documents:
            doc_id = str(len(self._documents) + 1)
            self._documents.append(_Document(index, doc_id, dict(document)))

    def fail_with(self, status: int, error_type: str, reason: str) -> None:
        """Answer every following search with this Elasticsearch error."""
        self._behaviour.failure = EsError(status, error_type, reason)

    def hang(self) -> None:
        """Never answer following searches (until the server closes): for client timeouts."""
        self._behaviour.hang = True

    def reset(self) -> None:
        """Back to normal answers; recorded requests are kept."""
        self._behaviour.failure = None
        self._behaviour.hang = False

    @property
    def searches(self) -> list[RecordedRequest]:
        return [request for request in self.requests if request.path.endswith("/_search")]

    def _release(self) -> None:
        self._behaviour.released.set()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        body = await _json_body(request)
        self.requests.append(
            RecordedRequest(request.method, request.path, dict(request.query), dict(request.headers), body)
        )
        try:
            if request.path == "/" and request.method in ("GET", "HEAD"):
                return _respond(request, 200, _INFO)
            index, _, action = request.path.strip("/").partition("/")
            if action == "_search" and index and request.method in ("POST", "GET"):
                return _respond(request, 200, await self._search(request, index, body))
            raise EsError(
                400,
                "illegal_argument_exception",
                f"no handler found for uri [{request.path}] and method [{request.method}]",
            )
        except EsError as error:
            return _respond(request, error.status, error.body())

    async def _search(self, request: web.Request, pattern: str, body: Any) -> dict[str, Any]:
        started = time.monotonic()
        if request.query:
            unknown = ", ".join(sorted(request.query))
            raise EsError(
                400,
                "illegal_argument_exception",
                f"request [{request.path}] contains unrecognized parameters: [{unknown}]",
            )
        if self._behaviour.hang:
            await self._behaviour.released.wait()
        if self._behaviour.failure is not None:
            raise self._behaviour.failure
        search = _Search.parse(body)
        indices = self._resolve(pattern)
        matched = [doc for doc in self._documents if doc.index in indices and search.matches(doc.source)]
        return search.response(matched, len(indices), started)

    def _resolve(self, pattern: str) -> set[str]:
        """Index names matching a comma-separated pattern; a missing concrete name is a 404."""
        known = {doc.index for doc in self._documents}
        resolved: set[str] = set()
        for expression in pattern.split(","):
            found = {name for name in known if fnmatch.fnmatchcase(name, expression)}
            if not found and "*" not in expression:
                raise EsError(404, "index_not_found_exception", f"no such index [{expression}]")
            resolved |= found
        return resolved


@dataclass(frozen=True)
class _Search:
    """A parsed search body: only the clauses the connector sends."""

    terms: tuple[tuple[str, frozenset[str]], ...]
    ranges: tuple[tuple[str, Mapping[str, datetime]], ...]
    descending: bool | None
    size: int
    source_fields: tuple[str, ...] | None

    @classmethod
    def parse(cls, body: Any) -> _Search:
        if body is None:
            body = {}
        if not isinstance(body, dict):
            raise _parsing_error("request body must be a JSON object")
        unknown = sorted(set(body) - _BODY_KEYS)
        if unknown:
            raise _parsing_error(f"unsupported search key [{unknown[0]}]")
        terms, ranges = _parse_query(body.get("query", {"match_all": {}}))
        return cls(
            terms=terms,
            ranges=ranges,
            descending=_parse_sort(body.get("sort")),
            size=_parse_size(body.get("size", 10)),
            source_fields=_parse_source(body.get("_source")),
        )

    def matches(self, source: Mapping[str, Any]) -> bool:
        for name, wanted in self.terms:
            if not wanted.intersection(_values(_lookup(source, name))):
                return False
        for name, bounds in self.ranges:
            moment = _parse_date(_lookup(source, name))
            if moment is None or not _within(moment, bounds):
                return False
        return True

    def response(self, matched: list[_Document], shards: int, started: float) -> dict[str, Any]:
        if self.descending is not None:
            matched = sorted(matched, key=_sort_key, reverse=self.descending)
        total = len(matched)
        hits = [self._hit(doc) for doc in matched[: self.size]]
        return {
            "took": int((time.monotonic() - started) * 1000),
            "timed_out": False,
            "_shards": {"total": shards, "successful": shards, "skipped": 0, "failed": 0},
            "hits": {
                "total": {
                    "value": min(total, MAX_RESULT_WINDOW),
                    "relation": "eq" if total <= MAX_RESULT_WINDOW else "gte",
                },
                "max_score": None if self.descending is not None else 0.0,
                "hits": hits,
            },
        }

    def _hit(self, doc: _Document) -> dict[str, Any]:
        hit: dict[str, Any] = {
            "_index": doc.index,
            "_id": doc.doc_id,
            "_score": None if self.descending is not None else 0.0,
            "_source": _filter_source(doc.source, self.source_fields),
        }
        if self.descending is not None:
            hit["sort"] = [_sort_key(doc)]
        return hit


def _parse_query(
    query: Any,
) -> tuple[tuple[tuple[str, frozenset[str]], ...], tuple[tuple[str, Mapping[str, datetime]], ...]]:
    if query == {"match_all": {}}:
        return (), ()
    if not isinstance(query, dict) or list(query) != ["bool"]:
        raise _parsing_error(f"unsupported query {_keys(query)}: the fake knows only [bool]")
    clauses = query["bool"]
    if not isinstance(clauses, dict) or list(clauses) != ["filter"]:
        raise _parsing_error(f"unsupported bool clauses {_keys(clauses)}: only [filter]")
    filters = clauses["filter"]
    if not isinstance(filters, list):
        raise _parsing_error("[bool.filter] must be an array")
    terms: list[tuple[str, frozenset[str]]] = []
    ranges: list[tuple[str, Mapping[str, datetime]]] = []
    for clause in filters:
        kind, spec = _single(clause, "filter clause")
        if kind == "terms":
            terms.append(_parse_terms(spec))
        elif kind == "range":
            ranges.append(_parse_range(spec))
        else:
            raise _parsing_error(f"unknown query [{kind}]")
    return tuple(terms), tuple(ranges)


def _parse_terms(spec: Any) -> tuple[str, frozenset[str]]:
    name, values = _single(spec, "[terms]")
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _parsing_error(f"[terms] query on [{name}] needs an array of strings")
    return name, frozenset(values)


def _parse_range(spec: Any) -> tuple[str, Mapping[str, datetime]]:
    name, bounds = _single(spec, "[range]")
    if not isinstance(bounds, dict) or not set(bounds) <= _RANGE_KEYS:
        raise _parsing_error(f"[range] query on [{name}] has unsupported keys {_keys(bounds)}")
    date_format = bounds.get("format", "strict_date_optional_time")
    if date_format not in _DATE_FORMATS:
        raise _parsing_error(f"unsupported date format [{date_format}]")
    parsed: dict[str, datetime] = {}
    for key in ("gte", "lte", "gt", "lt"):
        if key in bounds:
            moment = _parse_date(bounds[key])
            if moment is None:
                raise EsError(400, "parse_exception", f"failed to parse date field [{bounds[key]}]")
            parsed[key] = moment
    return name, parsed


def _parse_sort(sort: Any) -> bool | None:
    """``None`` for no sort, else whether ``@timestamp`` sorts descending."""
    if sort is None:
        return None
    if not isinstance(sort, list) or len(sort) != 1:
        raise _parsing_error("the fake supports exactly one sort clause")
    name, spec = _single(sort[0], "sort clause")
    if name != "@timestamp" or not isinstance(spec, dict) or set(spec) != {"order"}:
        raise _parsing_error("the fake sorts only by [@timestamp] with an [order]")
    if spec["order"] not in ("asc", "desc"):
        raise _parsing_error(f"unknown sort order [{spec['order']}]")
    return bool(spec["order"] == "desc")


def _parse_size(size: Any) -> int:
    if not isinstance(size, int) or size < 0:
        raise _parsing_error("[size] must be a non-negative integer")
    if size > MAX_RESULT_WINDOW:
        raise EsError(
            400,
            "illegal_argument_exception",
            f"Result window is too large, from + size must be less than or equal to: "
            f"[{MAX_RESULT_WINDOW}] but was [{size}].",
        )
    return size


def _parse_source(source: Any) -> tuple[str, ...] | None:
    if source is None:
        return None
    if not isinstance(source, list) or not all(isinstance(f, str) for f in source):
        raise _parsing_error("the fake supports [_source] only as an array of field names")
    if any("*" in name for name in source):
        raise _parsing_error("the fake does not support wildcards in [_source]")
    return tuple(source)


def _single(value: Any, what: str) -> tuple[str, Any]:
    if not isinstance(value, dict) or len(value) != 1:
        raise _parsing_error(f"{what} must be an object with exactly one key")
    ((key, inner),) = value.items()
    return str(key), inner


def _parsing_error(reason: str) -> EsError:
    return EsError(400, "parsing_exception", reason)


def _keys(value: Any) -> list[str]:
    return sorted(value) if isinstance(value, dict) else [type(value).__name__]


def _lookup(source: Mapping[str, Any], dotted: str) -> Any:
    """A field by dotted name, through nested objects or literal dotted keys."""
    if dotted in source:
        return source[dotted]
    for cut in range(len(dotted)):
        if dotted[cut] != ".":
            continue
        child = source.get(dotted[:cut])
        if isinstance(child, Mapping):
            found = _lookup(child, dotted[cut + 1 :])
            if found is not None:
                return found
    return None


def _values(value: Any) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list):
        return {str(item) for item in value if item is not None}
    return {str(value)}


def _parse_date(value: Any) -> datetime | None:
    """ISO 8601 strings and epoch milliseconds, as a ``date`` field mapping accepts them."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _within(moment: datetime, bounds: Mapping[str, datetime]) -> bool:
    checks = {
        "gte": lambda b: moment >= b,
        "lte": lambda b: moment <= b,
        "gt": lambda b: moment > b,
        "lt": lambda b: moment < b,
    }
    return all(checks[key](bound) for key, bound in bounds.items())


def _sort_key(doc: _Document) -> int:
    """Sort value as Elasticsearch reports it for a date: epoch milliseconds."""
    moment = _parse_date(_lookup(doc.source, "@timestamp"))
    return int(moment.timestamp() * 1000) if moment is not None else -(2**63)


def _filter_source(source: Mapping[str, Any], fields: tuple[str, ...] | None) -> dict[str, Any]:
    """Source filtering: keep the listed fields, in the document's own (nested or dotted) shape."""
    if fields is None:
        return dict(source)
    kept: dict[str, Any] = {}
    for key, value in source.items():
        if key in fields or any(name.startswith(f"{key}.") for name in fields):
            if key in fields or not isinstance(value, Mapping):
                kept[key] = value
            else:
                prefix = f"{key}."
                inner = tuple(name[len(prefix) :] for name in fields if name.startswith(prefix))
                nested = _filter_source(value, inner)
                if nested:
                    kept[key] = nested
    return kept


async def _json_body(request: web.Request) -> Any:
    if not request.can_read_body:
        return None
    text = await request.text()
    if not text:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        return _Unparseable(str(error))


@dataclass(frozen=True)
class _Unparseable:
    """A body that was not JSON; the search parser rejects it like Elasticsearch would."""

    detail: str


#: The REST API compatibility versions an 8.x server accepts in ``compatible-with=``.
COMPATIBLE_VERSIONS = ("7", "8")


def _respond(request: web.Request, status: int, payload: Mapping[str, Any]) -> web.Response:
    """JSON in the media type the client asked for, with the product header the client checks.

    Like a real 8.x server, a request for REST compatibility with any version but 7 or 8 (what a
    9.x client sends) is refused with a 400 ``media_type_header_exception``.
    """
    requested = _compatible_with(request.headers.get("Accept", "")) or _compatible_with(
        request.headers.get("Content-Type", "")
    )
    content_type = "application/json"
    if requested is not None:
        if requested not in COMPATIBLE_VERSIONS:
            status, payload = 400, _media_type_error(requested, request)
        else:
            content_type = f"application/vnd.elasticsearch+json;compatible-with={requested}"
    body = b"" if request.method == "HEAD" else json.dumps(payload).encode()
    return web.Response(
        status=status,
        body=body,
        headers={"X-elastic-product": "Elasticsearch", "Content-Type": content_type},
    )


def _compatible_with(media_type: str) -> str | None:
    if "compatible-with=" not in media_type:
        return None
    return media_type.rsplit("compatible-with=", 1)[1].split(";")[0].split(",")[0].strip()


def _media_type_error(requested: str, request: web.Request) -> dict[str, Any]:
    headers = ", ".join(h for h in ("Accept", "Content-Type") if h in request.headers)
    reason = f"Invalid media-type value on headers [{headers}]"
    cause = (
        f"A compatible version is required on both Content-Type and Accept headers if either one has requested "
        f"a compatible version; compatible-with={requested} is not supported by {SERVER_VERSION}"
    )
    error = {"type": "media_type_header_exception", "reason": reason}
    return {
        "error": {**error, "root_cause": [error], "caused_by": {"type": "status_exception", "reason": cause}},
        "status": 400,
    }


def load_jsonl(path: Path | str) -> list[dict[str, Any]]:
    """Documents from a JSON-lines file; blank lines are skipped."""
    documents: list[dict[str, Any]] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            document = json.loads(line)
            if not isinstance(document, dict):
                raise ValueError(f"{path}:{number}: a log document must be a JSON object")
            documents.append(document)
    return documents


_INFO: dict[str, Any] = {
    "name": "fake-elasticsearch",
    "cluster_name": "opsdesk-tests",
    "cluster_uuid": "opsdesk-fake-cluster",
    "version": {
        "number": SERVER_VERSION,
        "build_flavor": "default",
        "build_type": "tar",
        "build_hash": "0000000",
        "build_date": "2025-01-01T00:00:00.000Z",
        "build_snapshot": False,
        "lucene_version": "9.12.0",
        "minimum_wire_compatibility_version": "7.17.0",
        "minimum_index_compatibility_version": "7.0.0",
    },
    "tagline": "You Know, for Search",
}
