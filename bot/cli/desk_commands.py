"""``opsdesk desk``: the service desk from the command line (classification, report)."""

from __future__ import annotations

import typer

desk_app = typer.Typer(help="The service desk: classify requests, report how it is doing.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(desk_app, name="desk")
