"""``/incident``: parsing the text of the slash command into one typed request (pure).

Forms (the text after ``/incident``)::

    declare <title> [sev]      sev: sev1..sev5, p1..p5, critical, warning or info (last word)
    status [#id]
    resolve [#id] [cause:<cause>] [summary]   cause: what it proved to be (deploy, external…)
    ic <@user> [#id]           (or ic #id <@user>)
    help

Without ``#id`` the incident is the one of the channel the command was run in (its incident
channel, or the channel holding its post). Slack escapes mentions as ``<@U123|name>`` when the
command has ``should_escape`` (the manifest sets it). Anything else raises
:class:`~bot.slack.errors.CommandError`; the handler answers it with the usage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.model import CAUSES, Cause
from bot.slack.errors import CommandError
from bot.slack.views.mrkdwn import escape

SEVERITIES = ("sev1", "sev2", "sev3", "sev4", "sev5", "p1", "p2", "p3", "p4", "p5", "critical", "warning", "info")
DEFAULT_SEVERITY = "sev3"
MAX_TITLE = 200
MAX_SUMMARY = 2000
_MENTION = re.compile(r"^<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>$")
_INCIDENT = re.compile(r"^#([0-9]{1,9})$")
_CAUSE = re.compile(r"^cause[:=](\S*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Declare:
    title: str
    severity: str


@dataclass(frozen=True)
class Status:
    incident: int | None


@dataclass(frozen=True)
class Resolve:
    incident: int | None
    summary: str
    cause: Cause | None = None


@dataclass(frozen=True)
class AssignCommander:
    user: str
    incident: int | None


@dataclass(frozen=True)
class Help:
    pass


Command = Declare | Status | Resolve | AssignCommander | Help


def parse_command(text: str) -> Command:
    if "\x00" in text:
        raise CommandError("the text holds a NUL character")
    words = text.strip().split()
    if not words:
        return Help()
    verb, rest = words[0].lower(), words[1:]
    if verb in ("help", "?"):
        return Help()
    if verb == "declare":
        return _declare(rest)
    if verb == "status":
        incident, rest = _incident_arg(rest)
        if rest:
            raise CommandError(f"`status` takes no argument besides `#id` (got `{_short(' '.join(rest))}`)")
        return Status(incident)
    if verb == "resolve":
        incident, rest = _incident_arg(rest)
        cause, rest = _cause_arg(rest)
        return Resolve(incident, " ".join(rest)[:MAX_SUMMARY], cause)
    if verb == "ic":
        incidents = [w for w in rest if _INCIDENT.match(w)]
        if len(incidents) > 1:
            raise CommandError("`ic` takes one incident: `/incident ic @user [#id]`")
        incident, _ = _incident_arg(incidents)
        rest = [w for w in rest if w not in incidents]
        if len(rest) != 1:
            raise CommandError("`ic` needs exactly one person: `/incident ic @user`")
        match = _MENTION.match(rest[0])
        if match is None:
            raise CommandError(f"`{_short(rest[0])}` is not a mention of a person: `/incident ic @user`")
        return AssignCommander(match.group(1), incident)
    raise CommandError(f"unknown subcommand `{_short(verb)}`")


def _declare(words: list[str]) -> Declare:
    severity = DEFAULT_SEVERITY
    if words and words[-1].lower() in SEVERITIES:
        severity = words.pop().lower()
    title = " ".join(words).strip()
    if not title:
        raise CommandError("`declare` needs a title: `/incident declare <title> [sev]`")
    if len(title) > MAX_TITLE:
        raise CommandError(f"the title is longer than {MAX_TITLE} characters")
    return Declare(title, severity)


def _incident_arg(words: list[str]) -> tuple[int | None, list[str]]:
    if words:
        match = _INCIDENT.match(words[0])
        if match:
            return int(match.group(1)), words[1:]
    return None, words


def _cause_arg(words: list[str]) -> tuple[Cause | None, list[str]]:
    """The first ``cause:<name>`` word, and the other words."""
    for index, word in enumerate(words):
        match = _CAUSE.match(word)
        if match is None:
            continue
        name = match.group(1).lower().replace("-", "_")
        for cause in CAUSES:
            if cause == name:
                return cause, words[:index] + words[index + 1 :]
        raise CommandError(f"unknown cause `{_short(match.group(1))}`: one of {', '.join(CAUSES)}")
    return None, words


def _short(text: str) -> str:
    """Outside text quoted in a refusal: cut, and inert in mrkdwn (no mention or link)."""
    return escape(text[:40].replace("`", "'"))
