"""Reading ECS documents: a field by its dotted name, whether the document nests it
(``{"log": {"level"}}``) or dots the key; a value as text; a line's time and service.

Replay maps every line of a scenario through here, so the lookups take the cheap path first.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from connectors.logs import EcsDocument, LogDocument

#: ECS fields that can name a peer or a failure mode, in the order the analysis joins them.
CONTEXT_FIELDS: tuple[str, ...] = (
    "error.type",
    "error.message",
    "destination.address",
    "url.domain",
    "url.full",
    "url.path",
    "host.name",
)

#: What a log source answers of each document: Elasticsearch is asked for these ``_source``
#: fields only, and replay keeps only these, flattened to their dotted names.
SOURCE_FIELDS: tuple[str, ...] = ("@timestamp", "service.name", "log.level", "message", *CONTEXT_FIELDS)


def ecs_field(document: EcsDocument, dotted: str) -> Any:
    """A field by its dotted name, through nested objects or literal dotted keys."""
    value = document.get(dotted)
    if value is not None or "." not in dotted:
        return value
    head, _, rest = dotted.partition(".")
    child = document.get(head)
    # most documents lack most fields: leave before any type check
    if child is None or not (type(child) is dict or isinstance(child, Mapping)):
        return None
    return ecs_field(child, rest) if "." in rest else child.get(rest)


def ecs_text(value: Any) -> str:
    """A field's value as one line of text: ``""`` for none, lists (multi-valued fields)
    space-joined."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(part for item in value if (part := ecs_text(item)))
    return str(value).strip()


#: Each of :data:`SOURCE_FIELDS` split at its first dot: the object it may nest under, the dot
#: (``""`` for an undotted name) and the rest of the name inside that object.
_SOURCE_LOOKUPS: tuple[tuple[str, str, str, str], ...] = tuple((name, *name.partition(".")) for name in SOURCE_FIELDS)


def source_fields(document: EcsDocument) -> dict[str, Any]:
    """The :data:`SOURCE_FIELDS` the document has, by dotted name (what a ``_source`` filter returns)."""
    # ecs_field inlined: replay calls this for every line
    found = {}
    for name, head, dot, rest in _SOURCE_LOOKUPS:
        value = document.get(name)
        if value is None and dot:
            child = document.get(head)
            if child is not None and (type(child) is dict or isinstance(child, Mapping)):
                value = ecs_field(child, rest)
        if value is not None:
            found[name] = value
    return found


def log_document(document: EcsDocument) -> LogDocument | None:
    """The document with its ``@timestamp`` and ``service.name``; ``None`` when either is missing
    or not readable.

    The time is read as Elasticsearch reads a ``date`` field: ISO 8601 text (UTC when it names
    no zone) or epoch milliseconds.
    """
    service = ecs_field(document, "service.name")
    if type(service) is not str or not service:
        return None
    value = document.get("@timestamp")
    try:
        if type(value) is str:
            moment = datetime.fromisoformat(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            moment = datetime.fromtimestamp(value / 1000, tz=UTC)
        else:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    return LogDocument(moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC), service, document)
