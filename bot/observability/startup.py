"""What ``opsdesk serve`` says when it starts: one line naming what is configured and what is not,
and a warning for each setting whose absence leaves a door open.

Pure functions of the settings (and of whether a runbook index was found), so the line is the
same for the same configuration and can be tested without starting anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings


@dataclass(frozen=True)
class StartupReport:
    configured: tuple[str, ...]
    not_configured: tuple[str, ...]
    warnings: tuple[str, ...]

    def line(self, addresses: list[str]) -> str:
        where = ", ".join(addresses) or "?"
        missing = ", ".join(self.not_configured) or "nothing"
        return f"opsdesk serving on {where}; configured: {', '.join(self.configured)}; not configured: {missing}"


def startup_report(settings: Settings, *, runbook_index: bool) -> StartupReport:
    on: list[str] = []
    off: list[str] = []

    def note(name: str, present: object, detail: str = "") -> None:
        (on if present else off).append(f"{name} ({detail})" if present and detail else name)

    database = (settings.database_url or "sqlite").split(":", 1)[0].split("+", 1)[0]
    on.append(f"database ({'embedded SQLite' if settings.database_url is None else database})")
    slack_mode = "Socket Mode" if settings.slack_app_token else "HTTP /slack/events"
    note("Slack", settings.slack_bot_token, slack_mode)
    note("Prometheus", settings.prometheus_url)
    note("Elasticsearch", settings.elasticsearch_url)
    note("language model", settings.llm_model and (settings.openai_base_url or settings.openai_api_key))
    note("runbook index", runbook_index, f"chroma server {settings.chroma_url}" if settings.chroma_url else "embedded")
    note("runbook links", settings.runbook_url, "OPSDESK_RUNBOOK_URL")
    note("Alertmanager token", settings.webhook_token)
    note("deploy hook", settings.deploy_secret)

    warnings: list[str] = []
    if not settings.webhook_token:
        warnings.append("OPSDESK_WEBHOOK_TOKEN is not set: /hooks/alertmanager refuses every alert (503) until it is")
    return StartupReport(tuple(on), tuple(off), tuple(warnings))
