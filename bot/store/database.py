"""One connection pool per process, and the two kinds of transaction every repository uses.

Embedded SQLite by default; any SQLAlchemy async URL works, PostgreSQL (asyncpg) being the one
to scale out to several processes. A database that cannot be reached surfaces as
:class:`~bot.store.records.StoreUnavailable` (the HTTP edges answer 503 so senders retry);
programming errors stay what they are.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.store import migrate
from bot.store.engine import create_engine, read_transaction, write_transaction
from bot.store.records import StoreUnavailable
from bot.store.tables import TABLES

PING_TIMEOUT_SECONDS = 2.0


#: PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back whole.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})


class Database:
    """The engine and its transactions. Create with :meth:`open`, finish with :meth:`close`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._closed = False

    @classmethod
    async def open(cls, url: str, *, migrate_schema: bool = True) -> Database:
        """Connect to ``url`` and bring its schema up to date (unless ``migrate_schema=False``)."""
        database = cls(create_engine(url))
        if migrate_schema:
            try:
                async with database.translate_errors():
                    await migrate.upgrade(database.engine)
            except BaseException:
                await database.engine.dispose()
                raise
        return database

    async def close(self) -> None:
        self._closed = True
        await self._engine.dispose()

    @property
    def engine(self) -> AsyncEngine:
        """The SQLAlchemy engine, for tools and tests that inspect the database directly."""
        return self._engine

    @property
    def url(self) -> str:
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    async def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless the database answers within a couple of seconds."""
        if self._closed:
            raise StoreUnavailable("store: closed")
        async with (
            self.translate_errors(),
            asyncio.timeout(PING_TIMEOUT_SECONDS),
            self._engine.connect() as connection,
        ):
            await connection.execute(text("SELECT 1"))

    async def counts(self) -> dict[str, int]:
        """Rows per table, in one query (for probes, tests and the benchmarks)."""
        columns = [
            select(func.count()).select_from(table).scalar_subquery().label(table.__tablename__) for table in TABLES
        ]
        async with self.read() as connection:
            row = (await connection.execute(select(*columns))).one()
        return dict(row._mapping)

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        async with self.translate_errors(), read_transaction(self._engine) as connection:
            yield connection

    @contextlib.asynccontextmanager
    async def write(self, advisory_lock: int | None = None) -> AsyncIterator[AsyncConnection]:
        """A transaction holding the write lock from its first statement (see :mod:`bot.store.engine`)."""
        async with self.translate_errors(), write_transaction(self._engine, advisory_lock) as connection:
            yield connection

    @contextlib.asynccontextmanager
    async def write_alone(self) -> AsyncIterator[AsyncConnection]:
        """For one statement that is its own transaction: on PostgreSQL it runs in autocommit, which
        spares the ``BEGIN`` and ``COMMIT`` round trips (the statement is still atomic and durable
        once it returns); elsewhere it is an ordinary :meth:`write`."""
        if self.dialect != "postgresql":
            async with self.write() as connection:
                yield connection
            return
        async with self.translate_errors(), self._engine.connect() as connection:
            yield await connection.execution_options(isolation_level="AUTOCOMMIT")

    @contextlib.asynccontextmanager
    async def translate_errors(self) -> AsyncIterator[None]:
        """Connection-level failures, and a transaction PostgreSQL aborted to break a deadlock or a
        serialization conflict (it changed nothing, and the same work succeeds when tried again),
        become :class:`StoreUnavailable`; bugs stay what they are."""
        try:
            yield
        except (OperationalError, InterfaceError) as error:
            raise StoreUnavailable(f"store: {first_line(error.orig or error)}") from error
        except DBAPIError as error:
            if not (error.connection_invalidated or getattr(error.orig, "pgcode", None) in RETRYABLE_SQLSTATES):
                raise
            raise StoreUnavailable(f"store: {first_line(error.orig or error)}") from error
        except (OSError, TimeoutError) as error:
            raise StoreUnavailable(f"store: {first_line(error) or type(error).__name__}") from error


def dialect_insert(connection: AsyncConnection, table: Any) -> Any:
    """The dialect's own ``INSERT`` (with ``ON CONFLICT``): the store runs on SQLite and PostgreSQL."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"store: the {dialect} dialect is not supported (use SQLite or PostgreSQL)")


def first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
