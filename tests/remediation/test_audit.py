"""The audit log: a hash chain whose first edited, deleted or reordered record is named."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, text, update

from bot.clock import FixedClock
from bot.remediation.audit import AuditEntry, first_break
from bot.store import Storage
from bot.store.tables import AuditRow, IncidentRow
from tests.intake_fixtures import T0, database_url
from tests.remediation.cli import opsdesk

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    async with database_url(str(request.param), tmp_path) as url:
        opened = await Storage.open(url, clock=FixedClock(T0))
        try:
            yield opened
        finally:
            await opened.close()


def entry(n: int, **fields: object) -> AuditEntry:
    data: dict[str, object] = {
        "kind": "decision",
        "incident": 7,
        "trigger": "investigation",
        "actor": "opsdesk",
        "action": "rollback",
        "target": "checkout",
        "params": {"previous_version": f"2.40.{n}"},
        "tier": "approve",
        "outcome": f"shadow {n}",
    }
    return AuditEntry.model_validate({**data, **fields})


async def _fill(store: Storage, count: int = 5) -> None:
    for n in range(count):
        await store.audit.append(entry(n))


async def test_an_untouched_log_verifies(store: Storage) -> None:
    assert await store.audit.verify() is None
    await _fill(store)
    assert await store.audit.verify() is None
    seqs = [r.seq async for r in store.audit.records()]
    assert seqs == [1, 2, 3, 4, 5]


async def test_an_edited_record_is_named(store: Storage) -> None:
    await _fill(store)
    async with store.database.write() as connection:
        await connection.execute(
            update(AuditRow).where(AuditRow.seq == 3).values(record='{"actor":"the CTO","outcome":"approved"}')
        )
    assert await store.audit.verify() == (3, "edited (its hash does not match its content)")


async def test_an_edited_column_is_named(store: Storage) -> None:
    await _fill(store)
    async with store.database.write() as connection:
        await connection.execute(update(AuditRow).where(AuditRow.seq == 2).values(kind="approval"))
    assert (await store.audit.verify() or (0, ""))[0] == 2


async def test_a_deleted_record_is_named(store: Storage) -> None:
    await _fill(store)
    async with store.database.write() as connection:
        await connection.execute(delete(AuditRow).where(AuditRow.seq == 2))
    problem = await store.audit.verify()
    assert problem is not None
    assert problem[0] == 2
    assert problem[1].startswith("deleted")


async def test_verification_reads_the_log_in_batches_and_stops_at_the_first_break(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.store.audit._VERIFY_BATCH", 2)
    await _fill(store)
    assert await store.audit.verify() is None
    async with store.database.write() as connection:
        await connection.execute(delete(AuditRow).where(AuditRow.seq == 4))
    assert await store.audit.verify() == (4, "deleted (the log goes from record 3 to 5)")


async def test_deleting_the_newest_records_is_caught_by_the_head(store: Storage) -> None:
    await _fill(store)
    async with store.database.write() as connection:
        await connection.execute(delete(AuditRow).where(AuditRow.seq >= 4))
    assert await store.audit.verify() == (4, "deleted (the log ends at record 3, its head is record 5)")


async def test_reordered_records_are_named(store: Storage) -> None:
    await _fill(store)
    async with store.database.write() as connection:
        await connection.execute(update(AuditRow).where(AuditRow.seq == 2).values(seq=-2))
        await connection.execute(update(AuditRow).where(AuditRow.seq == 3).values(seq=2))
        await connection.execute(update(AuditRow).where(AuditRow.seq == -2).values(seq=3))
    problem = await store.audit.verify()
    assert problem is not None
    assert problem[0] == 2


async def test_a_forged_record_recomputed_with_its_own_hash_still_breaks_the_next_link(store: Storage) -> None:
    from bot.remediation.audit import chain_hash, record_text

    await _fill(store)
    forged = record_text({"actor": "U0CTO", "outcome": "approved", "trigger": "forged"})
    async with store.database.write() as connection:
        row = (await connection.execute(AuditRow.__table__.select().where(AuditRow.seq == 2))).mappings().one()
        digest = chain_hash(row["prev_hash"], 2, row["at"], row["kind"], row["incident_id"], forged)
        await connection.execute(update(AuditRow).where(AuditRow.seq == 2).values(record=forged, hash=digest))
    problem = await store.audit.verify()
    assert problem is not None
    assert problem[0] == 3
    assert problem[1].startswith("reordered or its predecessor replaced")


async def test_a_record_is_written_with_the_change_it_records_or_not_at_all(store: Storage) -> None:
    class Abort(Exception):
        pass

    async def change_that_fails() -> None:
        async with store.database.write() as connection:
            await store.audit.append(entry(1), connection=connection)
            raise Abort

    with pytest.raises(Abort):
        await change_that_fails()
    assert [r async for r in store.audit.records()] == []
    async with store.database.write() as connection:
        await connection.execute(
            insert(IncidentRow).values(
                title="t", services=["checkout"], status="open", severity="P1", opened_at=T0, last_alert_at=T0
            )
        )
        await store.audit.append(entry(1), connection=connection)
    assert len([r async for r in store.audit.records()]) == 1
    assert await store.audit.verify() is None


async def test_concurrent_appends_from_two_stores_keep_one_chain(store: Storage) -> None:
    other = Storage.over(store.database, FixedClock(T0))
    await asyncio.gather(*(s.audit.append(entry(n)) for n in range(20) for s in (store, other)))
    assert await store.audit.verify() is None
    assert [r.seq async for r in store.audit.records()] == list(range(1, 41))


async def test_records_since_a_time(store: Storage) -> None:
    await store.audit.append(entry(0), at=T0)
    await store.audit.append(entry(1), at=T0 + timedelta(hours=1))
    assert [r.seq async for r in store.audit.records(T0 + timedelta(minutes=30))] == [2]
    assert await store.audit.verify() is None


def test_an_empty_log_is_intact_and_a_headless_log_is_not() -> None:
    from bot.remediation.audit import GENESIS, StoredRow, chain_hash

    assert first_break([], None) is None
    digest = chain_hash(GENESIS, 1, T0, "decision", None, "{}")
    row = StoredRow(1, T0, "decision", None, "{}", GENESIS, digest)
    assert first_break([row], (1, digest)) is None
    assert first_break([row], None) == (1, "deleted (the log has records but no head)")


async def test_the_cli_verifies_and_exports(tmp_path: Path) -> None:
    env = {"OPSDESK_DATA_DIR": str(tmp_path)}
    store = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'opsdesk.db'}", clock=FixedClock(T0))
    try:
        await store.audit.append(entry(0), at=T0)
        await store.audit.append(entry(1, params={"note": 'a "quoted", comma'}), at=T0 + timedelta(hours=1))
    finally:
        await store.close()
    verified = opsdesk("audit", "verify", env=env)
    assert verified.returncode == 0, verified.stderr
    assert "intact: 2 records" in verified.stdout

    exported = opsdesk("audit", "export", env=env)
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [line["seq"] for line in lines] == [1, 2]
    assert lines[1]["record"]["params"] == {"note": 'a "quoted", comma'}
    assert lines[0]["at"] == "2026-03-01T12:00:00.000000Z"

    since = opsdesk("audit", "export", "--since", "2026-03-01T12:30:00Z", "--format", "csv", env=env)
    rows = list(csv.DictReader(io.StringIO(since.stdout)))
    assert [row["seq"] for row in rows] == ["2"]
    assert rows[0]["action"] == "rollback"
    assert json.loads(rows[0]["record"])["params"] == {"note": 'a "quoted", comma'}

    store = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'opsdesk.db'}")
    try:
        async with store.database.write() as connection:
            await connection.execute(text("UPDATE audit_log SET record = replace(record, 'shadow 0', 'executed')"))
    finally:
        await store.close()
    broken = opsdesk("audit", "verify", env=env)
    assert broken.returncode == 1
    assert broken.stdout.strip() == "audit record 1: edited (its hash does not match its content)"
    assert opsdesk("audit", "export", "--format", "xml", env=env).returncode == 2
