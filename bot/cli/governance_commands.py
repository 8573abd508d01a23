"""``opsdesk policy check`` and ``opsdesk audit verify|export``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer

from bot.config import load_settings
from bot.errors import InputError

policy_app = typer.Typer(help="The remediation policy (OPSDESK_POLICY).", no_args_is_help=True)


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


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")
