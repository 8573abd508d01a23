"""The ``opsdesk`` command line.

Each concern registers its commands from its own module; errors meant for a
person (:class:`bot.errors.OpsdeskError`) are printed as one line and exit 2.
"""

from __future__ import annotations

import gc
import sys

import typer

app = typer.Typer(
    name="opsdesk",
    help="Chat-ops incident and service-desk bot.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from bot.cli import (
        desk_commands,
        feedback_commands,
        governance_commands,
        incident_commands,
        retrieval_commands,
        serve_commands,
        ticket_commands,
    )

    governance_commands.register(app)
    incident_commands.register(app)
    feedback_commands.register(app)
    retrieval_commands.register(app)
    serve_commands.register(app)
    desk_commands.register(app)
    ticket_commands.register(app)


def main(argv: list[str] | None = None) -> None:
    from bot.errors import OpsdeskError

    _register()
    try:
        app(args=argv, standalone_mode=True)
    except OpsdeskError as error:
        typer.echo(f"opsdesk: {error}", err=True)
        sys.exit(2)
    finally:
        # Shutting the interpreter down runs full collections while it clears modules; with torch,
        # transformers and chroma loaded they walked the whole heap for 1.3 s after an index had
        # finished. Frozen objects are skipped (reference counting still frees them as usual).
        gc.freeze()
