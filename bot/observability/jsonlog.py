"""One JSON object per log line, for the long-running server.

Call sites use the standard library: ``log.info("alerts ingested", extra={...})``;
this formatter turns the message, level, logger and every ``extra`` field into
one JSON line that log shippers can index without parsing free text. Written
here because it is twenty lines and the project has no JSON-logging dependency.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

_STANDARD_ATTRIBUTES = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


#: The loggers of opsdesk itself; every other logger is a framework's or a library's.
OWN_LOGGERS = ("bot", "retrieval", "connectors")


def configure_logging(level: int | str = logging.INFO) -> None:
    """Send log records to stderr as JSON lines: opsdesk's own at ``level``, the frameworks'
    (aiohttp access lines, Alembic, Bolt, chroma, transformers) only from WARNING, unless
    ``level`` is DEBUG, which shows everything."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    threshold = logging.getLevelNamesMapping().get(level.upper()) if isinstance(level, str) else level
    if threshold is None:
        raise ValueError(f"unknown log level {level!r}: use debug, info, warning or error")
    root.setLevel(threshold if threshold <= logging.DEBUG else max(threshold, logging.WARNING))
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(threshold)
