"""Engine set-up and transactions that behave the same on SQLite and PostgreSQL.

SQLite needs care to be a safe default for a server:

* WAL journal, so readers (``/readyz``, investigations) never wait for intake writes;
* a busy timeout, so a second process waits for the write lock instead of failing;
* transactions begun by us, not by the ``sqlite3`` driver's legacy mode (which
  starts none for SELECTs), and write transactions begun ``IMMEDIATE``: a
  read-then-write transaction that starts deferred can fail with
  ``SQLITE_BUSY`` when it tries to upgrade its lock, no matter the busy timeout.

On PostgreSQL the same write helper can take a transaction-scoped advisory lock,
which is how several opsdesk processes serialise intake (see :mod:`bot.store.alerts`).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 15_000
CONNECT_TIMEOUT_SECONDS = 5.0
_BEGIN_OPTION = "opsdesk_sqlite_begin"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def prepare_sqlite_path(url: str) -> None:
    """Create the folder of a file-backed SQLite database (the data dir on first start)."""
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine for ``url`` with the per-backend settings described above."""
    if is_sqlite(url):
        prepare_sqlite_path(url)
        # The driver is in autocommit mode between our explicit BEGIN ... COMMIT/ROLLBACK
        # (see _configure_sqlite), so a pooled connection has nothing to roll back on return;
        # skipping that reset saves a round trip to aiosqlite's thread per transaction.
        engine = create_async_engine(url, echo=echo, pool_reset_on_return=None)
        _configure_sqlite(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if make_url(url).get_driver_name() == "asyncpg":
        connect_args["timeout"] = CONNECT_TIMEOUT_SECONDS
    return create_async_engine(url, echo=echo, pool_pre_ping=True, connect_args=connect_args)


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # Hand BEGIN to us (see module docstring); the driver still issues COMMIT/ROLLBACK.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


@contextlib.asynccontextmanager
async def read_transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection, connection.begin():
        yield connection


@contextlib.asynccontextmanager
async def write_transaction(engine: AsyncEngine, advisory_lock: int | None = None) -> AsyncIterator[AsyncConnection]:
    """A transaction that holds the database's write lock from its first statement.

    ``advisory_lock`` (PostgreSQL only) also takes ``pg_advisory_xact_lock(key)``,
    released at commit or rollback.
    """
    async with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            await connection.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        async with connection.begin():
            if advisory_lock is not None:
                await take_advisory_lock(connection, advisory_lock)
            yield connection


async def take_advisory_lock(connection: AsyncConnection, key: int) -> None:
    """Take ``pg_advisory_xact_lock(key)`` in ``connection``'s transaction, held until it ends
    (PostgreSQL only: SQLite's write transactions already run one at a time)."""
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
