"""``opsdesk desk``: the service desk from the command line (classification, report).

``desk classify`` loads the embedding model (seconds) once per run; requests are classified in
batches, which gives each the same answer as alone (see :mod:`bot.desk.classify`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from bot.errors import InputError

desk_app = typer.Typer(help="The service desk: classify requests, report how it is doing.", no_args_is_help=True)


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
        classifier = desk_classifier()
        read = classifier.classify_many([r.text for r in rows])
        typer.echo(json.dumps({"set": evaluate.name, **score(rows, read)}, ensure_ascii=False))
        return
    if batch is not None:
        texts = [line for line in _read(batch, "--batch").splitlines() if line.strip()]
    else:
        texts = [text or ""]
    classifier = desk_classifier()
    for classification in classifier.classify_many(texts):
        typer.echo(json.dumps(classification.as_json(), ensure_ascii=False))
