"""Terminal rendering of an incident analysis: what the Slack post shows, for a console."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.engine.describe import hhmm
from bot.engine.model import Analysis

EVIDENCE_LINES = 3


def _header(analysis: Analysis, title: str | None) -> Text:
    text = Text()
    text.append("🚨 ", style="bold red")
    text.append(title or f"Incident on {', '.join(analysis.services)}", style="bold")
    text.append(f"\nAlerts: {', '.join(analysis.alertnames)}   ·   investigated at {hhmm(analysis.now)} UTC")
    text.append(f"   ·   {analysis.elapsed_ms:.0f} ms", style="dim")
    return text


def analysis_panel(analysis: Analysis, title: str | None = None) -> Panel:
    parts: list[Text | Table] = [_header(analysis, title)]
    model = analysis.advised_by or "a language model"
    if analysis.model_summary:
        summary = Text(f"\n🤖 Summary by {model} (a language model: check it against the evidence)", style="bold")
        summary.append(f"\n   {analysis.model_summary}")
        parts.append(summary)
    ranked = analysis.ranked
    if not ranked:
        parts.append(Text("\nNo hypothesis: no signal, log or change explains these alerts yet.", style="yellow"))
    for rank, hypothesis in enumerate(ranked, start=1):
        heading = Text(f"\n{rank}. ", style="bold")
        heading.append(hypothesis.label, style="bold cyan")
        heading.append(f"   confidence {hypothesis.confidence:.0%}", style="bold green" if rank == 1 else "green")
        heading.append(f"\n   {hypothesis.summary}")
        for item in hypothesis.evidence[:EVIDENCE_LINES]:
            heading.append(f"\n   • {item.text}", style="dim" if item.weight < 0.5 else "")
        for step in hypothesis.next_steps[:1]:
            where = f" › {step.section}" if step.section else ""
            heading.append(f"\n   ▶ Runbook: {step.title}{where} ({step.url or step.runbook_id})", style="magenta")
            for action in step.actions[:3]:
                heading.append(f"\n     [{action.label}]  risk: {action.risk}", style="magenta")
        parts.append(heading)
    if suggested := analysis.suggested:
        extra = Text(f"\n🤖 Also suggested by {model} (not ranked by the rules; no confidence stated):", style="bold")
        for hypothesis in suggested:
            extra.append(f"\n   • {hypothesis.label}: {hypothesis.summary}")
        parts.append(extra)
    if analysis.similar_incidents:
        past = Text("\nSeen before:", style="bold")
        for incident in analysis.similar_incidents[:3]:
            past.append(
                f"\n   • {incident.id} ({incident.resolved_at:%Y-%m-%d}, similarity {incident.similarity:.2f}):"
                f" {incident.title} — {incident.cause} on {incident.culprit}; fixed by {incident.fix}"
            )
        parts.append(past)
    if analysis.references:
        reading = Text("\nRelevant runbook sections:", style="bold")
        for reference in analysis.references[:3]:
            section = f" › {reference.section}" if reference.section else ""
            reading.append(f"\n   • {reference.title}{section} ({reference.url})")
        parts.append(reading)
    if analysis.missing_sources:
        parts.append(Text("\n⚠ Missing data: " + "; ".join(analysis.missing_sources), style="yellow"))
    return Panel(Group(*parts), title="opsdesk", border_style="red", expand=False)


def print_analysis(analysis: Analysis, console: Console | None = None, title: str | None = None) -> None:
    (console or Console()).print(analysis_panel(analysis, title))
