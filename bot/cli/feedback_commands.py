"""``opsdesk feedback``: the per-cause weights people's verdicts earned, and undoing them.

``show`` prints the weights and the ledger behind them (who, when, which incident, what withdrew
it); ``withdraw`` appends withdrawals, so a bad vote or a mistaken resolution cause stops
counting from the next investigation on and the ledger still says what happened.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.storage import with_storage
from bot.config import load_settings
from bot.errors import InputError

if TYPE_CHECKING:
    from bot.engine.feedback import CauseWeights
    from bot.store import Storage
    from bot.store.feedback import LedgerEntry

feedback_app = typer.Typer(help="Per-cause weights learned from 👍/👎 and resolution causes.", no_args_is_help=True)


@feedback_app.command("show")
def show_command(
    as_json: Annotated[bool, typer.Option("--json", help="print weights and ledger as JSON")] = False,
) -> None:
    """The current per-cause weights and every ledger entry behind them."""
    from bot.engine.feedback import MAX_WEIGHT, MIN_WEIGHT

    async def read(storage: Storage) -> tuple[CauseWeights, list[LedgerEntry]]:
        return await storage.feedback.weights(), await storage.feedback.ledger()

    weights, ledger = with_storage(load_settings(), read)
    if as_json:
        payload = {
            "weights": weights.as_dict(),
            "incidents": weights.incidents,
            "bounds": [MIN_WEIGHT, MAX_WEIGHT],
            "ledger": [{**dataclasses.asdict(e), "at": e.at.isoformat()} for e in ledger],
        }
        typer.echo(json.dumps(payload, indent=2))
        return
    console = Console(highlight=False)
    shown = ", ".join(f"{cause} ×{weight:.3f}" for cause, weight in weights.as_dict().items()) or "every cause ×1"
    console.print(f"[bold]Weights[/] from {weights.incidents} incident(s), bounds {MIN_WEIGHT}–{MAX_WEIGHT}: {shown}")
    if not ledger:
        return
    table = Table("id", "at", "incident", "verdict", "by", "note")
    for entry in ledger:
        table.add_row(str(entry.id), f"{entry.at:%Y-%m-%d %H:%M}", str(entry.incident_id), *_described(entry))
    console.print(table)


def _described(entry: LedgerEntry) -> tuple[str, str, str]:
    """Verdict, actor and note of a ledger row."""
    if entry.source == "withdrawal":
        verdict, note = "withdrawal", f"withdraws {entry.withdraws}"
    else:
        verdict, note = f"{'+' if entry.sign > 0 else '−'}{entry.cause}", entry.source
    if entry.withdrawn_by is not None:
        note += f", withdrawn by {entry.withdrawn_by}"
    if entry.reason:
        note += f" ({entry.reason})"
    return verdict, entry.actor, note


@feedback_app.command("withdraw")
def withdraw_command(
    entries: Annotated[list[int] | None, typer.Argument(help="ledger ids to withdraw")] = None,
    every: Annotated[bool, typer.Option("--all", help="withdraw every standing verdict")] = False,
    reason: Annotated[str, typer.Option("--reason", help="recorded with the withdrawal")] = "withdrawn by hand",
) -> None:
    """Stop ledger entries counting (appends withdrawals; nothing is deleted)."""
    if bool(entries) == every:
        raise InputError("feedback withdraw", "give ledger ids or --all (not both)")
    from bot.clock import SystemClock

    actor = f"cli:{getpass.getuser()}"

    async def withdraw(storage: Storage) -> tuple[list[int], list[int]]:
        return await storage.feedback.withdraw(None if every else entries, actor, SystemClock().now(), reason)

    withdrawn, unknown = with_storage(load_settings(), withdraw)
    if unknown:
        raise InputError("feedback withdraw", f"no standing verdict with id {', '.join(map(str, unknown))}")
    typer.echo(
        f"withdrew {len(withdrawn)} verdict(s): {', '.join(map(str, withdrawn))}"
        if withdrawn
        else "nothing to withdraw"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(feedback_app, name="feedback")
