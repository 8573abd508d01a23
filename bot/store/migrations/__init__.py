"""Alembic environment and revisions of the incident store (applied by ``bot.store.migrate``)."""
