"""Language models behind one small Protocol: a system text and a user text in, text out.

The model is an adviser, never a source of truth: what it answers is checked by the caller
(:mod:`bot.llm`). A model that cannot be reached, fails or times out raises
:class:`~connectors.errors.SourceUnavailable`; one that is not set up is never built.
"""

from __future__ import annotations

from typing import Protocol


class ChatModel(Protocol):
    name: str

    async def complete(self, system: str, user: str) -> str:
        """The model's reply to ``user`` under ``system``, as text (JSON when asked for)."""
        ...


__all__ = ["ChatModel"]
