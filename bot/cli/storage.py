"""The store as the commands use it: opened from the settings, closed when the work is done."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from bot.config import Settings

if TYPE_CHECKING:
    from bot.store import Storage

T = TypeVar("T")


def with_storage(settings: Settings, work: Callable[[Storage], Awaitable[T]]) -> T:
    """Run ``work`` against the configured store, closing it afterwards."""
    from bot.store import Storage

    async def run() -> T:
        storage = await Storage.open(settings.effective_database_url)
        try:
            return await work(storage)
        finally:
            await storage.close()

    return asyncio.run(run())
