"""Reading the files of a scenario folder, for the replay sources of every kind."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from connectors.errors import SourceNotConfigured, SourceUnavailable


def read_scenario_file(path: Path | None, source: str) -> str:
    """The file's text; not configured when the scenario names no file or it is missing."""
    if path is None:
        raise SourceNotConfigured(source, "not part of this scenario")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceNotConfigured(source, f"{path.name} not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourceUnavailable(source, f"{path}: cannot read ({error})") from None


def read_scenario_json(path: Path | None, source: str) -> Any:
    """The file's JSON value; unavailable, naming the file, when it is not JSON."""
    try:
        return orjson.loads(read_scenario_file(path, source))
    except orjson.JSONDecodeError as error:
        raise SourceUnavailable(source, f"{path}: invalid JSON ({error})") from None


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic garbage collection inside: reading a large file builds hundreds of thousands
    of containers, none of them cyclic garbage, and each collection would walk them all again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ReplayFile:
    """A replay source over one file of a scenario folder (``None``: the scenario has none)."""

    name: str

    def __init__(self, path: Path | None) -> None:
        self.path = path
