"""The hypothesis engine: pure functions from evidence to ranked root causes.

Nothing here does I/O or reads the wall clock; ``now`` is always passed in.
"""
