"""Who holds a timer or a lease: one name per process, unique across hosts and restarts."""

from __future__ import annotations

import os
import socket
import uuid


def process_holder() -> str:
    """``host:pid:random``; the random part tells a restarted process from its predecessor."""
    return f"{socket.gethostname()[:120]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
