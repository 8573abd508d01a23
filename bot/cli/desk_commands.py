"""``opsdesk desk``: the service desk from the command line (classification, report).

``desk classify`` loads the embedding model (seconds) once per run; requests are classified in
batches, which gives each the same answer as alone (see :mod:`bot.desk.classify`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.governance_commands import parse_moment
from bot.cli.storage import with_storage
from bot.config import load_settings
from bot.errors import InputError

if TYPE_CHECKING:
    from bot.store import Storage
    from bot.store.desk import DeskTotals

desk_app = typer.Typer(help="The service desk: classify requests, report how it is doing.", no_args_is_help=True)


@desk_app.command("report")
def report_command(
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False,
    since: Annotated[str | None, typer.Option("--since", help="ISO 8601: conversations opened from then on")] = None,
) -> None:
    """Deflection, escalation and satisfaction of the desk's conversations, from the store."""
    settings = load_settings()
    start = parse_moment(since, "--since") if since is not None else None

    async def run(storage: Storage) -> DeskTotals:
        return await storage.desk_conversations.totals(start)

    totals = with_storage(settings, run)
    report = desk_report(totals, start.isoformat() if start else None)
    if as_json:
        typer.echo(json.dumps(report, sort_keys=True))
        return
    typer.echo(f"conversations: {totals.opened} ({totals.ended} ended, {totals.opened - totals.ended} open)")
    typer.echo(f"deflection:    {_percent(totals.deflection)} resolved without a ticket")
    typer.echo(f"escalation:    {_percent(totals.escalation)} escalated to a person")
    typer.echo(f"closed:        {totals.closed} without a reply from the requester")
    typer.echo(f"satisfaction:  {_percent(totals.satisfaction)} of {totals.rated} rated answers solved it")


def desk_report(totals: DeskTotals, since: str | None) -> dict[str, object]:
    """The ``desk report --json`` object."""
    return {
        "since": since,
        "conversations": totals.opened,
        "ended": totals.ended,
        "resolved": totals.resolved,
        "escalated": totals.escalated,
        "closed": totals.closed,
        "rated": totals.rated,
        "satisfied": totals.satisfied,
        "deflection": _ratio(totals.deflection),
        "escalation": _ratio(totals.escalation),
        "satisfaction": _ratio(totals.satisfaction),
        "by_intent": totals.by_intent,
    }


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def register(app: typer.Typer) -> None:
    app.add_typer(desk_app, name="desk")


def _read(path: Path, option: str) -> str:
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(option, f"{path}: cannot read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise InputError(option, f"{path}: not UTF-8 text") from error


@desk_app.command("classify")
def classify_command(
    text: Annotated[str | None, typer.Argument(help="one request (or use --batch / --eval)")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="one request per line ('-' for stdin); one JSON object per line out")
    ] = None,
    evaluate: Annotated[
        Path | None, typer.Option("--eval", help="a labelled .jsonl set; prints its scores as one JSON object")
    ] = None,
) -> None:
    """Route employee requests: intent, confidence, privileged, escalate."""
    if sum(x is not None for x in (text, batch, evaluate)) != 1:
        raise InputError("TEXT", "give one request, --batch FILE or --eval FILE")
    from bot.desk.evaluation import parse_labelled, score
    from bot.system import desk_classifier

    if evaluate is not None:
        rows = parse_labelled(_read(evaluate, "--eval"), str(evaluate))
        texts = [r.text for r in rows]
        # the privilege model learnt from the labelled sets: scored without the rows it scores
        read = desk_classifier().holding_out(texts).classify_many(texts)
        typer.echo(json.dumps({"set": evaluate.name, **score(rows, read)}, ensure_ascii=False))
        return
    if batch is not None:
        texts = [line for line in _read(batch, "--batch").splitlines() if line.strip()]
    else:
        texts = [text or ""]
    classifier = desk_classifier()
    for classification in classifier.classify_many(texts):
        typer.echo(json.dumps(classification.as_json(), ensure_ascii=False))
