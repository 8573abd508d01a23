"""Warning and error log lines from Elasticsearch (ECS documents), for error-signature analysis.

Why it looks like this:

* One ``_search`` per call with the official async client: ``service.name`` in the services,
  ``@timestamp`` in the window, ``log.level`` at warn or above. Info lines are not fetched: the
  analysis compares error *signatures* before and after an onset, and warn+ lines already give
  the baseline (what was failing before); info volume would only eat the size cap.
* ``log.level`` is a keyword field, matched exactly, and ECS keeps the producer's spelling. The
  query lists each level in lower, upper and capitalised form (``error``, ``ERROR``, ``Error``)
  so that logs from Java, Go and .NET loggers all match without a scripted or wildcard query.
* The newest lines win when the cap is hit (sort descending, then returned in time order): the
  lines around the onset matter most. Hits without a readable ``@timestamp`` or ``service.name``
  are left out. A capped, timed-out or partially failed search still answers, and says so in
  ``Fetched.problems``.
* The client retries nothing (``max_retries=0``): the engine works to a latency budget, and a
  broken cluster must be reported within the request timeout. Any client error becomes
  :class:`~connectors.errors.SourceUnavailable`.
* The HTTP transport is the client's node class. Tests pass their own (``node_class=``, a
  ``BaseAsyncNode``) to answer searches without a server; see ``tests/support/transports.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from elastic_transport import BaseAsyncNode, ConnectionTimeout, TransportError
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport.client_utils import DEFAULT
from elasticsearch import ApiError, AsyncElasticsearch, UnsupportedProductError

from connectors.errors import SourceUnavailable
from connectors.fetched import Fetched
from connectors.logs import WARN_AND_ABOVE as WARN_AND_ABOVE_LEVELS
from connectors.logs import LogDocument
from connectors.logs.ecs import SOURCE_FIELDS, log_document

#: Levels at or above warn, as producers spell them (matched in case variants below).
WARN_AND_ABOVE: tuple[str, ...] = tuple(sorted(WARN_AND_ABOVE_LEVELS))


class ElasticsearchLogs:
    """``LogSource`` reading ECS log documents with ``AsyncElasticsearch``.

    ``node_class`` replaces the client's HTTP node (default: aiohttp).
    """

    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        *,
        index: str = "logs-*",
        levels: Sequence[str] = WARN_AND_ABOVE,
        max_records: int = 5_000,
        timeout_seconds: float = 5,
        api_key: str | None = None,
        node_class: type[BaseAsyncNode] | None = None,
    ) -> None:
        if max_records < 1 or timeout_seconds <= 0:
            raise ValueError("max_records must be >= 1 and timeout_seconds > 0")
        self.url = url
        self.index = index
        self.levels = tuple(levels)
        self.max_records = max_records
        self.timeout_seconds = timeout_seconds
        self.api_key = api_key
        self.node_class = node_class

    async def fetch_documents(self, services: Sequence[str], start: datetime, end: datetime) -> Fetched[LogDocument]:
        """Warn+ lines of ``services`` in ``[start, end]``, oldest first."""
        if not services:
            return Fetched()
        try:
            async with self._client() as client:
                response = await client.search(index=self.index, **self.search_arguments(services, start, end))
        except UnsupportedProductError:
            raise SourceUnavailable(self.name, f"the server at {self.url} is not Elasticsearch") from None
        except ApiError as error:
            raise SourceUnavailable(self.name, _api_reason(error)) from None
        except ConnectionTimeout:
            raise SourceUnavailable(self.name, f"timed out after {self.timeout_seconds:g}s") from None
        except TransportConnectionError:
            raise SourceUnavailable(self.name, f"cannot connect to {self.url}") from None
        except TransportError as error:
            raise SourceUnavailable(self.name, f"transport error: {type(error).__name__}") from None
        return _to_fetched(response.body, self.max_records)

    def search_arguments(self, services: Sequence[str], start: datetime, end: datetime) -> dict[str, Any]:
        """Keyword arguments of ``AsyncElasticsearch.search``; the client sends them as the body.

        Public so tests and documentation can show the exact query.
        """
        return {
            "query": {
                "bool": {
                    "filter": [
                        {"terms": {"service.name": list(dict.fromkeys(services))}},
                        {
                            "range": {
                                "@timestamp": {
                                    "gte": _iso(start),
                                    "lte": _iso(end),
                                    "format": "strict_date_optional_time",
                                }
                            }
                        },
                        {"terms": {"log.level": _spellings(self.levels)}},
                    ]
                }
            },
            "sort": [{"@timestamp": {"order": "desc"}}],
            "size": self.max_records,
            "source": list(SOURCE_FIELDS),
            "timeout": f"{int(self.timeout_seconds * 1000)}ms",
        }

    def _client(self) -> AsyncElasticsearch:
        """A client per call: nothing to leak between event loops, nothing to close on shutdown."""
        return AsyncElasticsearch(
            self.url,
            api_key=self.api_key,
            request_timeout=self.timeout_seconds,
            max_retries=0,
            retry_on_timeout=False,
            node_class=self.node_class or DEFAULT,
        )


def _to_fetched(body: Any, cap: int) -> Fetched[LogDocument]:
    """The hits' ``_source`` documents; raise ``SourceUnavailable`` when it is not a search response."""
    outer = body.get("hits") if isinstance(body, Mapping) else None
    hits = outer.get("hits") if isinstance(outer, Mapping) else None
    if not isinstance(outer, Mapping) or not isinstance(hits, list):
        raise SourceUnavailable("elasticsearch", "bad reply: no hits in the search response")
    documents = [
        document
        for hit in hits
        if isinstance(hit, Mapping)
        and isinstance(source := hit.get("_source"), Mapping)
        and (document := log_document(source))
    ]
    documents.sort(key=attrgetter("timestamp"))
    return Fetched(tuple(documents), tuple(_warnings(body, outer.get("total") or {}, len(hits), cap)))


def _spellings(levels: Iterable[str]) -> list[str]:
    """Each level as lower, upper and capitalised keyword (``warn``, ``WARN``, ``Warn``)."""
    variants: dict[str, None] = {}
    for level in levels:
        for variant in (level.lower(), level.upper(), level.capitalize()):
            variants.setdefault(variant, None)
    return list(variants)


def _iso(moment: datetime) -> str:
    """UTC ISO 8601 with a ``Z``; naive datetimes are taken as UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _warnings(body: Mapping[str, Any], total: Any, returned: int, cap: int) -> list[str]:
    """Why a successful answer may still be incomplete."""
    notes: list[str] = []
    matched = total.get("value") if isinstance(total, Mapping) else None
    if isinstance(matched, int) and matched > returned and returned >= cap:
        more = "more than " if total.get("relation") == "gte" else ""
        notes.append(f"only the newest {returned} of {more}{matched} matching log lines were read")
    if body.get("timed_out"):
        notes.append("the search timed out on the server; results are partial")
    shards = body.get("_shards")
    if isinstance(shards, Mapping) and shards.get("failed"):
        notes.append(f"{shards['failed']} of {shards.get('total', '?')} shards failed")
    return notes


def _api_reason(error: ApiError) -> str:
    """``HTTP 400 parsing_exception: <reason>`` from Elasticsearch's error body."""
    reason = ""
    body = error.body
    if isinstance(body, Mapping) and isinstance(body.get("error"), Mapping):
        reason = str(body["error"].get("reason") or "")
    kind = error.message if isinstance(error.message, str) else type(error).__name__
    text = f"HTTP {error.meta.status} {kind}"
    return f"{text}: {reason[:200]}" if reason else text
