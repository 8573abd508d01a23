"""What a source answered: its items, and why they may be incomplete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Fetched(Generic[T]):
    """The items a source returned, plus one line per reason they may be incomplete.

    ``problems`` is empty for a complete answer. A source that answered in part (some queries
    failed, a result was capped, the server timed out mid-search) says so here instead of
    failing; a source that could not answer at all raises
    :class:`~connectors.errors.SourceUnavailable`. The problems travel with the result, not
    on the connector, because one connector instance serves concurrent incidents.
    """

    items: tuple[T, ...] = ()
    problems: tuple[str, ...] = ()
