"""``opsdesk policy check`` and ``opsdesk audit verify|export``."""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.storage import with_storage
from bot.config import load_settings
from bot.errors import InputError

if TYPE_CHECKING:
    from bot.remediation.audit import AuditRecord

policy_app = typer.Typer(help="The remediation policy (OPSDESK_POLICY).", no_args_is_help=True)
audit_app = typer.Typer(help="The audit log of the data dir's database (DATABASE_URL).", no_args_is_help=True)
#: ``audit export --format csv`` columns; ``record`` is the whole record as JSON.
CSV_COLUMNS = (
    "seq", "at", "kind", "incident", "action", "target", "tier", "shadow", "outcome", "actor",
    "policy_version", "idempotency_key", "record", "prev_hash", "hash",
)  # fmt: skip


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


def parse_moment(text: str, option: str) -> datetime:
    """An ISO 8601 time; without a zone it is UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(option, f"not an ISO 8601 time: {text[:60]!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@policy_app.command("check")
def policy_check_command(
    action: Annotated[str, typer.Argument(help="a runbook action id, e.g. rollback")],
    target: Annotated[str, typer.Option("--target", help="the service the action would change")],
    severity: Annotated[str, typer.Option("--severity", help="the incident's severity, P0..P4")] = "P4",
    at: Annotated[str | None, typer.Option("--at", help="ISO 8601 time of the decision (default: now)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the decision as JSON")] = False,
) -> None:
    """The policy's decision on ACTION for --target, without executing anything."""
    from bot.remediation.decide import SEVERITIES, ActionRequest, decide
    from bot.remediation.policy import load_policy
    from bot.system import load_catalog

    settings = load_settings()
    policy = load_policy(settings.policy_file)
    if severity.upper() not in SEVERITIES:
        raise InputError("--severity", f"must be one of {', '.join(SEVERITIES)} (got {severity[:20]!r})")
    moment = parse_moment(at, "--at") if at is not None else datetime.now(UTC)
    services = load_catalog(settings) if settings.catalog_file is not None else None
    request = ActionRequest(action=action, target=target, severity=severity.upper())
    decision = decide(policy, request, services, moment)
    if as_json:
        typer.echo(json.dumps(decision.contract()))
        return
    typer.echo(f"{decision.action} on {decision.target}: {decision.tier} (policy {decision.policy_version})")
    for reason in decision.reasons:
        typer.echo(f"  - {reason}")


@audit_app.command("verify")
def audit_verify_command() -> None:
    """Check the audit chain: exit 0 when intact, 1 and one line naming the first bad record."""
    from bot.store import Storage

    settings = load_settings()

    async def run(storage: Storage) -> tuple[tuple[int, str] | None, int]:
        return await storage.audit.verify(), (await storage.database.counts())["audit_log"]

    problem, count = with_storage(settings, run)
    if problem is not None:
        seq, what = problem
        typer.echo(f"audit record {seq}: {what}")
        raise typer.Exit(1)
    typer.echo(f"audit log intact: {count} records")


@audit_app.command("export")
def audit_export_command(
    since: Annotated[str | None, typer.Option("--since", help="ISO 8601: records from this time on")] = None,
    output_format: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv")] = ExportFormat.jsonl,
) -> None:
    """The audit log for auditors, oldest first, on stdout."""
    from bot.store import Storage

    settings = load_settings()
    start = parse_moment(since, "--since") if since is not None else None
    writer = csv.writer(sys.stdout, lineterminator="\n") if output_format is ExportFormat.csv else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)

    async def run(storage: Storage) -> None:
        async for record in storage.audit.records(start):
            if writer is None:
                sys.stdout.write(json.dumps(record.as_json(), ensure_ascii=False, sort_keys=True) + "\n")
            else:
                writer.writerow(_csv_row(record))

    with_storage(settings, run)


def _csv_row(record: AuditRecord) -> list[object]:
    data = record.as_json()
    content = data["record"]
    shown = {key: content.get(key, "") for key in ("action", "target", "tier", "shadow", "outcome", "actor")}
    shown |= {key: content.get(key, "") for key in ("policy_version", "idempotency_key")}
    values = {**data, **shown, "incident": data["incident"] or "", "record": json.dumps(content, sort_keys=True)}
    return [values[column] for column in CSV_COLUMNS]


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")
    app.add_typer(audit_app, name="audit")
