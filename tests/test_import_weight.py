"""Replay and eval must not load the serving stack.

Every module imported stays on the heap, and Python's full collections walk all of it: loading
SQLAlchemy and Alembic into a replay doubled the tracked objects and slowed each investigation
by about 15%. A fresh interpreter shows what a command really imports.
"""

from __future__ import annotations

import subprocess
import sys

SERVING_ONLY = ("sqlalchemy", "alembic", "aiohttp", "slack_sdk", "chromadb", "torch")


def test_replay_and_eval_import_nothing_of_the_serving_stack() -> None:
    probe = (
        "import sys\n"
        "import bot.incidents.scenario, bot.system, bot.cli\n"
        f"print(' '.join(m for m in {SERVING_ONLY!r} if m in sys.modules))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
