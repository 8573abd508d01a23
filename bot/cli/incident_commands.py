"""``opsdesk replay``, ``opsdesk eval`` and ``opsdesk demo``."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from bot.cli.storage import with_storage
from bot.config import load_settings
from bot.errors import ConfigError

if TYPE_CHECKING:
    from bot.engine.feedback import CauseWeights
    from bot.engine.model import Analysis
    from bot.incidents.scenario import CaseResult, Scenario

DEMO_SCENARIO = Path(__file__).resolve().parent.parent / "demo" / "scenario"
DEMO_POLICY = DEMO_SCENARIO.parent / "policy.yaml"


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when under it, so citations read runbooks/x.md."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def replay_command(
    scenario_dir: Annotated[Path, typer.Argument(help="a scenario folder (see the README)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the analysis as JSON")] = False,
    knowledge: Annotated[
        bool, typer.Option("--knowledge/--no-knowledge", help="add runbook sections and similar incidents")
    ] = True,
) -> None:
    """Run one recorded incident through the incident pipeline.

    Runbook sections and similar past incidents are added when an index exists (opsdesk index);
    the language model's advice, labelled as its own, when one is configured.
    """
    from bot.cli.render import print_analysis
    from bot.incidents.scenario import load_scenario, replay
    from bot.system import incident_knowledge, language_model_advisor, runbook_library, scenario_agent

    settings = load_settings()
    scenario = load_scenario(scenario_dir)
    agent = scenario_agent(
        scenario,
        settings,
        runbooks=runbook_library(settings),
        knowledge=incident_knowledge(settings) if knowledge else None,
    )

    async def investigate() -> Analysis:
        closers: list[Callable[[], Awaitable[None]]] = []
        advisor = language_model_advisor(settings, closers)
        try:
            analysis = await replay(scenario, agent)
            return analysis if advisor is None else await advisor.advise(analysis)
        finally:
            for close in closers:
                await close()

    analysis = asyncio.run(investigate())
    if as_json:
        typer.echo(analysis.model_dump_json(indent=2))
    else:
        print_analysis(analysis, title=scenario.spec.description or scenario.name)


def eval_command(
    scenario_dirs: Annotated[list[Path], typer.Argument(help="folders searched for scenario.yaml")],
    as_json: Annotated[bool, typer.Option("--json", help="print the results as JSON")] = False,
    feedback: Annotated[
        bool, typer.Option("--feedback", help="also rank with the store's feedback weights and show what changed")
    ] = False,
) -> None:
    """Score every scenario under the given folders against its ``expected`` answer."""
    from bot.engine.feedback import NEUTRAL
    from bot.incidents.scenario import evaluate_scenarios
    from bot.system import runbook_library, scenario_agent

    settings = load_settings()
    runbooks = runbook_library(settings)
    weights = NEUTRAL
    if feedback:
        weights = with_storage(settings, lambda storage: storage.feedback.weights())

    def run(with_weights: CauseWeights) -> tuple[list[CaseResult], dict[str, Any]]:
        return asyncio.run(
            evaluate_scenarios(
                scenario_dirs,
                lambda scenario: scenario_agent(scenario, settings, runbooks=runbooks),
                weights=with_weights,
            )
        )

    results, summary = run(NEUTRAL)
    if not results:
        raise ConfigError(", ".join(map(str, scenario_dirs)), "", "no scenario with an 'expected' answer found")
    weighted = run(weights) if feedback else None
    if weighted is not None:
        summary["feedback"] = feedback_summary(weights, results, *weighted)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    console = Console()
    for result in results:
        mark = "[green]✓[/]" if result.top1 else ("[yellow]~[/]" if result.top3 else "[red]✗[/]")
        got = result.hypotheses[0] if result.hypotheses else {"cause": "-", "culprit": "-"}
        expected = f"{result.expected.cause}/{result.expected.culprit}" if result.expected else "-"
        console.print(
            f"{mark} {result.name:<44} expected {expected:<40} got {got['cause']}/{got['culprit']}  {result.ms:.0f} ms"
        )
    console.print(
        f"\n[bold]{summary['cases']} cases[/]: top-1 {summary['top1']:.2f}, top-3 {summary['top3']:.2f}, "
        f"culprit top-1 {summary['culprit_top1']:.2f}, p50 {summary['p50_ms']:.0f} ms, p95 {summary['p95_ms']:.0f} ms"
    )
    if weighted is not None:
        _print_feedback(console, summary["feedback"])


def feedback_summary(
    weights: CauseWeights, without: list[CaseResult], with_results: list[CaseResult], with_summary: dict[str, Any]
) -> dict[str, Any]:
    """The weighted run beside the plain one: its scores and the cases whose first answer moved."""
    before = {r.name: r for r in without}
    changed = []
    for result in with_results:
        plain = before[result.name]
        first, now_first = _first(plain), _first(result)
        if first != now_first:
            changed.append({"name": result.name, "without": first, "with": now_first, "top1": result.top1})
    return {
        "weights": weights.as_dict(),
        "incidents": weights.incidents,
        "top1": with_summary["top1"],
        "top3": with_summary["top3"],
        "culprit_top1": with_summary["culprit_top1"],
        "changed": changed,
    }


def _first(result: CaseResult) -> str:
    top = result.hypotheses[0] if result.hypotheses else None
    return f"{top['cause']}/{top['culprit']}" if top else "-"


def _print_feedback(console: Console, feedback: dict[str, Any]) -> None:
    shown = ", ".join(f"{cause} ×{weight:.3f}" for cause, weight in feedback["weights"].items()) or "none"
    console.print(
        f"[bold]with feedback weights[/] ({shown}; {feedback['incidents']} incident(s)): "
        f"top-1 {feedback['top1']:.2f}, top-3 {feedback['top3']:.2f}, culprit top-1 {feedback['culprit_top1']:.2f}"
    )
    for case in feedback["changed"]:
        mark = "[green]✓[/]" if case["top1"] else "[red]✗[/]"
        console.print(f"  {mark} {case['name']:<44} {case['without']} → {case['with']}")


def demo_command(
    blocks_out: Annotated[
        Path | None, typer.Option("--blocks-out", help="where to write the Slack post's Block Kit JSON")
    ] = None,
) -> None:
    """Zero-configuration demo: replay a bundled incident and show the post an engineer would see."""
    from bot.cli.render import print_analysis
    from bot.cli.retrieval_commands import index_with_progress
    from bot.incidents.knowledge import RetrievalKnowledge
    from bot.incidents.scenario import load_scenario, replay
    from bot.system import knowledge_store, runbook_library, scenario_agent

    console = Console()
    started = time.perf_counter()
    settings = load_settings()
    console.print("[bold]opsdesk demo[/] — no Slack, Prometheus, Elasticsearch or LLM needed.\n")
    knowledge = RetrievalKnowledge(knowledge_store(settings), url_template=settings.runbook_url)
    console.print(f"Indexing the bundled runbooks into [cyan]{settings.data_dir}[/] (unchanged files are skipped)")
    report = index_with_progress(knowledge.store, [_shown(settings.runbooks_dir)], console)
    console.print(f"  {report.summary()}")
    scenario = load_scenario(DEMO_SCENARIO)
    console.print(f"Replaying bundled incident [cyan]{scenario.name}[/]: {scenario.spec.description}\n")
    agent = scenario_agent(scenario, settings, runbooks=runbook_library(settings), knowledge=knowledge)
    analysis = asyncio.run(replay(scenario, agent))
    print_analysis(analysis, console, title=scenario.spec.description or scenario.name)
    show_remediation(scenario, analysis, console)
    out = blocks_out or settings.data_dir / "demo-slack-post.json"
    write_demo_blocks(scenario, analysis, out)
    console.print(
        f"\nSlack post (Block Kit JSON) written to [cyan]{out}[/]. To preview it, paste the file's content"
        ' into https://app.slack.com/block-kit-builder ("Message" preview).'
    )
    console.print(f"\n[dim]Done in {time.perf_counter() - started:.1f} s.[/]")


def show_remediation(scenario: Scenario, analysis: Analysis, console: Console) -> None:
    """The proposed actions with the policy's tiers and what shadow mode would have done, each
    decision recorded in the audit log of the data dir's database."""
    from rich.table import Table

    from bot.remediation.decide import structured_severity
    from bot.remediation.policy import load_policy
    from bot.remediation.proposals import decision_entry, proposals, shadow_outcome
    from bot.store import Storage

    settings = load_settings()
    policy = load_policy(settings.policy_file or DEMO_POLICY)
    firing = [a for a in scenario.alerts if a.status == "firing"] or list(scenario.alerts)
    severity = structured_severity(firing[0].severity if firing else None)
    proposed = proposals(analysis, policy, scenario.catalog, severity)
    table = Table(title=f"Proposed actions · policy {policy.version} · severity {severity}", title_justify="left")
    for column in ("action", "target", "tier", "what would happen"):
        table.add_column(column)
    for proposal in proposed:
        decision = proposal.decision
        table.add_row(proposal.action.label, decision.target, decision.tier, shadow_outcome(decision))
    console.print()
    console.print(table)
    entries = [
        decision_entry(p, incident=None, trigger=f"demo replay of {scenario.name}", actor="opsdesk demo")
        for p in proposed
    ]

    async def record(storage: Storage) -> int:
        written = await storage.audit.append_many(entries)
        return written[-1].seq if written else 0

    last = with_storage(settings, record)
    console.print(
        f"{len(entries)} decisions recorded in the audit log (up to record {last}); check it with opsdesk audit verify."
    )


def write_demo_blocks(scenario: Scenario, analysis: Analysis, out: Path) -> None:
    """The Slack post of the demo incident as ``{"blocks": [...]}``, as Block Kit Builder takes it."""
    from bot.slack.views.blocks import PostState, fallback_text, incident_blocks

    firing = [a for a in scenario.alerts if a.status == "firing"] or list(scenario.alerts)
    state = PostState(
        incident_id=1,
        title=scenario.spec.description or scenario.name,
        severity=firing[0].severity if firing else "unknown",
        status="open",
        services=analysis.services,
        opened_at=min((a.starts_at for a in firing), default=analysis.now),
        alertnames=analysis.alertnames,
    )
    payload = {"text": fallback_text(state, analysis), "blocks": incident_blocks(state, analysis)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("replay")(replay_command)
    app.command("eval")(eval_command)
    app.command("demo")(demo_command)
