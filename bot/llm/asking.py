"""One question to a language model under a deadline: its parsed answer, or why there is none.

Both advisers (the incident's and the desk's) ask this way, so a model that times out, cannot
be reached, answers unusably or fails in any other way is named the same everywhere, and the
rules' own answer always survives.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from connectors.errors import SourceUnavailable
from connectors.llm import ChatModel

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class NoAnswer:
    """Why the model gave nothing usable (``"gpt-x timed out after 5 s"``)."""

    reason: str


async def ask(
    model: ChatModel,
    system: str,
    user: str,
    *,
    read: Callable[[str], T],
    rejected: type[Exception],
    label: str,
    timeout_seconds: float,
    asked_for: str,
) -> T | NoAnswer:
    """``read`` applied to the model's reply; :class:`NoAnswer` on a timeout, an unreachable
    model, a reply ``read`` refuses with ``rejected``, or any other failure (logged as
    ``asked_for`` failing)."""
    try:
        reply = await asyncio.wait_for(model.complete(system, user), timeout_seconds)
        return read(reply)
    except TimeoutError:
        return NoAnswer(f"{label} timed out after {timeout_seconds:g} s")
    except SourceUnavailable as error:
        return NoAnswer(error.reason)
    except rejected as error:
        return NoAnswer(f"{label} answered unusably ({error})")
    except Exception as error:  # the rules' answer must survive anything the adviser does
        log.exception("%s failed", asked_for)
        return NoAnswer(f"failed ({type(error).__name__})")
