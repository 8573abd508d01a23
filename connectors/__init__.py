"""I/O edges to other systems: metrics, logs, change events, scenario replay.

Nothing here imports ``bot``. Every source returns the plain data types of
:mod:`connectors.base` and raises :class:`connectors.base.SourceError` (or times
out) when it cannot answer, so the caller can degrade instead of failing.
"""
