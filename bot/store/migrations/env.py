"""Alembic environment.

At run time ``bot.store.migrate`` passes an open connection (inside a transaction
it owns) through ``config.attributes["connection"]``. From the ``alembic`` command
line there is none, so this builds an async engine from ``DATABASE_URL`` (or the
opsdesk default) and runs the migrations through it.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from bot.store.tables import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # SQLite DDL is transactional once BEGIN is ours (bot.store.engine), and it is.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_command_line() -> None:
    from bot.config import load_settings
    from bot.store.engine import create_engine

    engine = create_engine(load_settings().effective_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")

_connection = context.config.attributes.get("connection")
if _connection is None:
    asyncio.run(_run_from_command_line())
else:
    _run(_connection)
