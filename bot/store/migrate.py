"""Schema migrations, applied in code at start-up.

Alembic owns the schema so that an existing database can be moved forward by a
new release; the revisions live in ``bot/store/migrations/versions``. Start-up
runs ``upgrade head`` on the store's own async engine (through
``AsyncConnection.run_sync``) inside one write transaction, so a fresh database
gets the whole schema or nothing. On PostgreSQL an advisory lock makes several
processes starting at once take turns instead of racing to create tables.

To write a new revision (the models in :mod:`bot.store.tables` are the target)::

    DATABASE_URL=sqlite+aiosqlite:///tmp/dev.db \\
        alembic -c bot/store/alembic.ini revision --autogenerate -m "what changed"
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.engine import write_transaction

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
#: pg_advisory_xact_lock key held while migrating (an arbitrary constant, "opsdesk1").
MIGRATION_LOCK_KEY = 0x6F70_7364_6573_6B31


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config built in code: no ini file is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the database at ``engine`` to ``revision`` (idempotent)."""
    async with write_transaction(engine, advisory_lock=MIGRATION_LOCK_KEY) as connection:
        await connection.run_sync(_upgrade, revision)
