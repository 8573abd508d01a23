"""The errors of the ``connectors`` package (the tree is drawn in :mod:`connectors`).

Callers treat both leaves the same way: the source is recorded as missing and named in the
output, and the analysis goes on with what the other sources returned.
"""

from __future__ import annotations


class ConnectorError(Exception):
    """Root of every error a connector raises."""


class SourceUnavailable(ConnectorError):
    """A source could not answer: unreachable, a bad reply, a broken file."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SourceNotConfigured(SourceUnavailable):
    """The source is not set up here: no URL, no file."""
