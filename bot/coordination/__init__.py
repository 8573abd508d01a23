"""Coordination across processes: nothing here assumes the process is alone.

The records live in the SQL store (:mod:`bot.store.timers`, :mod:`bot.store.leases`,
:mod:`bot.store.claims`); this package runs them. :class:`TimerWorker` claims and runs due
durable timers in every process, so work asked for in one process (an investigation, a Slack
post) is done exactly once by whichever process is alive, and survives a restart.
"""

from bot.coordination.identity import process_holder
from bot.coordination.worker import TimerHandler, TimerWorker

__all__ = ["TimerHandler", "TimerWorker", "process_holder"]
