"""``opsdesk index`` and ``opsdesk search``: the RAG store from the command line.

The store (``retrieval``) is imported inside the commands, and it imports torch and chroma only
when it embeds or queries vectors, so ``opsdesk --help`` and the other commands stay fast and an
unchanged re-index never loads the model.

Retrieval errors become ``bot.errors`` types here (printed as one line, exit 2); per-file problems
during indexing are warnings on stderr and the run goes on. Progress goes to stderr, results and
the summary line to stdout, so ``--json``/``--batch`` output stays machine-readable.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.config import load_settings
from bot.errors import ConfigError, InputError

if TYPE_CHECKING:
    from rich.console import Console

    from retrieval.models import IndexReport, SearchResults
    from retrieval.store import Store

BATCH_CHUNK = 64
"""Queries embedded together in ``search --batch``."""


def _configured_store() -> Store:
    """The RAG store the settings name (``OPSDESK_DATA_DIR``, ``CHROMA_URL``, or the YAML config)."""
    from bot.system import knowledge_store

    with _converted():
        return knowledge_store(load_settings())


@contextmanager
def _converted() -> Iterator[None]:
    """Retrieval errors as the CLI's one-line errors."""
    from retrieval import errors

    try:
        yield
    except (errors.SourceError, errors.QueryError) as error:
        raise InputError("", str(error)) from error
    except errors.BackendError as error:
        setting = "CHROMA_URL" if load_settings().chroma_url else "OPSDESK_DATA_DIR"
        raise ConfigError(setting, "", str(error)) from error
    except (errors.DataDirError, errors.IndexStateError) as error:
        raise ConfigError("OPSDESK_DATA_DIR", "", str(error)) from error
    except errors.RetrievalError as error:
        raise InputError("", str(error)) from error


def index_command(
    paths: Annotated[list[Path], typer.Argument(help="markdown files or folders to index")],
    collection: Annotated[
        str | None,
        typer.Option(help="runbooks or kb (default: kb under a folder named kb, else runbooks)"),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="URL prefix for citations, joined with each file's relative path"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
) -> None:
    """Index markdown into the RAG store (unchanged files are skipped)."""
    from rich.console import Console

    err = Console(stderr=True)
    report = index_with_progress(_configured_store(), paths, err, collection=collection, base_url=base_url, quiet=quiet)
    if report.chunks_total == 0 and not report.problems:
        err.print("warning: no markdown files found", markup=False)
    typer.echo(f"indexed: {report.summary()}")


def index_with_progress(
    store: Store,
    paths: Sequence[Path],
    console: Console,
    *,
    collection: str | None = None,
    base_url: str | None = None,
    quiet: bool = False,
) -> IndexReport:
    """Index with a progress bar on ``console`` (when it is a terminal); problems are printed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    )
    tasks: dict[str, TaskID] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            label = "reading files" if stage == "reading" else "embedding chunks"
            tasks[stage] = progress.add_task(label, total=total)
        progress.update(tasks[stage], completed=done, total=total)

    with progress, _converted():
        report = store.index(list(paths), collection=collection, base_url=base_url, progress=on_progress)
    for problem in report.problems:
        console.print(f"warning: {problem}", markup=False, highlight=False, soft_wrap=True)
    return report


def search_command(
    query: Annotated[str | None, typer.Argument(help="what to search for")] = None,
    k: Annotated[int, typer.Option("--k", "-k", min=1, max=100, help="results to return")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    batch: Annotated[
        Path | None,
        typer.Option(help="file with one query per line ('-' for stdin); prints JSON lines"),
    ] = None,
    service: Annotated[str | None, typer.Option(help="only documents for this service (or for all)")] = None,
    collection: Annotated[
        list[str] | None,
        typer.Option(help="runbooks, kb or incidents (repeatable; default: all)"),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="per result: the dense, BM25, document and alert parts of its score, the section "
            "matched, and why it outranked the next one",
        ),
    ] = False,
) -> None:
    """Search the RAG store: BM25 and dense rankings fused, best section per document."""
    if (query is None) == (batch is None):
        raise InputError("QUERY", "give a query or --batch FILE (not both)")
    if explain and batch is not None:
        raise InputError("--explain", "explains one query; it cannot be combined with --batch")
    store = _configured_store()
    with _converted():
        if not store.has_index():
            raise ConfigError(
                "OPSDESK_DATA_DIR",
                "",
                f"no index in {store.data_dir}: run 'opsdesk index PATH' first",
            )
    collections = tuple(collection) if collection else None
    if batch is not None:
        _search_batch(store, _read_queries(batch), k=k, service=service, collections=collections)
        return
    assert query is not None
    if not query.strip():
        raise InputError("QUERY", "is empty")
    with _converted():
        results = store.search(query, k=k, service=service, collections=collections)
    _warn(results.warnings)
    if as_json:
        typer.echo(json.dumps(_contract(results, explain=explain), ensure_ascii=False))
        return
    if explain:
        from retrieval.explain import explain as explain_lines

        for line in explain_lines(results) or ["no results"]:
            typer.echo(line)
        return
    _print_table(results)


def _read_queries(batch: Path) -> list[str]:
    try:
        text = sys.stdin.read() if str(batch) == "-" else batch.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError("--batch", f"{batch}: cannot read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise InputError("--batch", f"{batch}: not UTF-8 text") from error
    queries = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):  # also accept JSON lines with a "query" field
            try:
                data = json.loads(line)
            except ValueError:
                data = None
            if isinstance(data, dict) and isinstance(data.get("query"), str):
                line = data["query"]
        queries.append(line)
    return queries


def _search_batch(
    store: Store,
    queries: Sequence[str],
    *,
    k: int,
    service: str | None,
    collections: tuple[str, ...] | None,
) -> None:
    warned: set[str] = set()
    for start in range(0, len(queries), BATCH_CHUNK):
        with _converted():
            chunk = store.search_many(
                queries[start : start + BATCH_CHUNK],
                k=k,
                service=service,
                collections=collections,
            )
        for results in chunk:
            _warn([w for w in results.warnings if w not in warned])
            warned.update(results.warnings)
            typer.echo(json.dumps(_contract(results), ensure_ascii=False))


def _contract(results: SearchResults, *, explain: bool = False) -> dict[str, object]:
    if not explain:
        return {"query": results.query, "results": [hit.to_json() for hit in results.hits]}
    from retrieval.explain import explain_json, margin

    hits = results.hits
    rows = [
        {
            **hit.to_json(),
            "explain": {**explain_json(hit), "versus_next": margin(hit, hits[n + 1]) if n + 1 < len(hits) else None},
        }
        for n, hit in enumerate(hits)
    ]
    return {"query": results.query, "results": rows}


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)


def _print_table(results: SearchResults) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if not results.hits:
        console.print("no results")
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("document")
    table.add_column("section")
    table.add_column("cite", overflow="fold")
    for rank, hit in enumerate(results.hits, start=1):
        table.add_row(
            str(rank),
            f"{hit.score:.4f}",
            f"{escape(hit.title)} [dim]({escape(hit.id)})[/]",
            escape(hit.section),
            escape(hit.url),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``index`` and ``search`` to the ``opsdesk`` app."""
    app.command("index")(index_command)
    app.command("search")(search_command)
