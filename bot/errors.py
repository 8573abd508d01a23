"""The errors opsdesk raises on purpose.

::

    OpsdeskError              anything opsdesk reports as one line
    ├── ConfigError           a config, catalog or scenario file is unusable (names file, key, problem)
    ├── InputError            a request or command argument is invalid (names the field and the problem)
    │   └── UnknownServiceError   well-formed, but names a service the catalog does not know
    ├── StoreUnavailable      the database cannot be reached; try again later (bot.store)
    ├── Rejected              an HTTP request refused with a status and a reason (bot.intake.hooks)
    └── SlackError            Slack work not carried out (its subtree: bot.slack.errors)

Each message is a single readable line; the CLI prints it and exits non-zero,
the HTTP edges answer 4xx (503 for the store) with it. The other packages have their own roots:
``connectors.errors.ConnectorError`` and ``retrieval.errors.RetrievalError``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError


class OpsdeskError(Exception):
    """An error meant for a person: one line, no traceback."""


class ConfigError(OpsdeskError):
    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        where = f"{path}: {key}" if key else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.key = key
        self.problem = problem


class InputError(OpsdeskError):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem


class UnknownServiceError(InputError):
    """The input is well-formed but names a service that is not in the catalog.

    A separate type so HTTP edges can answer 422 (understood, not processable)
    instead of 400 without matching on message text.
    """


def first_validation_problem(error: ValidationError, prefix: str = "") -> tuple[str, str]:
    """The key path and message of the first problem pydantic found, for one-line errors."""
    first = error.errors()[0]
    parts = [prefix] if prefix else []
    parts += [str(p) for p in first["loc"]]
    key = ".".join(parts) or "(root)"
    message = first["msg"]
    if first["type"] not in ("missing", "extra_forbidden") and "input" in first:
        shown = repr(first["input"])
        if len(shown) > 60:
            shown = shown[:57] + "..."
        message = f"{message} (got {shown})"
    return key, message
