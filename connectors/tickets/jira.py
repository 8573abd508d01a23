"""Jira Cloud (REST v3): issues with an Atlassian Document Format description, comments, transitions.

Jira has no idempotency key, so every issue opsdesk opens carries two labels: ``opsdesk`` (who
opened it: nothing labelled so may trigger the bot) and ``opsdesk-<digest of the idempotency key>``.
A create first searches for that label and returns the issue it finds; a create whose answer was
lost is found the same way by the retry. Jira's search index can trail a create by a moment, so
this guards retries, not two creates racing each other: the caller claims the key first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from connectors.tickets._http import Answer, TicketHttp, WriteFailed, describe
from connectors.tickets.model import Priority, Ticket, TicketDraft, TicketError, TicketState

SYSTEM = "jira"
SOURCE_LABEL = "opsdesk"
_ISSUE_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-[1-9][0-9]*$")

DEFAULT_PRIORITIES: dict[Priority, str] = {"P1": "Highest", "P2": "High", "P3": "Medium", "P4": "Low"}
#: The Jira status each opsdesk state is, by name (a project's workflow may name them otherwise).
DEFAULT_STATUSES: dict[TicketState, str] = {
    "open": "To Do",
    "in_progress": "In Progress",
    "resolved": "Done",
    "closed": "Closed",
}


def idempotency_label(idempotency_key: str) -> str:
    """A label (no spaces, short) that names one idempotency key and nothing else."""
    return f"{SOURCE_LABEL}-{hashlib.sha256(idempotency_key.encode()).hexdigest()[:24]}"


def _text(value: str, *, strong: bool = False) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "text", "text": value}
    if strong:
        node["marks"] = [{"type": "strong"}]
    return node


def _paragraph(*nodes: dict[str, Any]) -> dict[str, Any]:
    # Jira refuses empty text nodes; an empty paragraph has no content instead.
    return {"type": "paragraph", "content": [n for n in nodes if n.get("text") or n["type"] == "hardBreak"]}


def _lines(text: str) -> list[dict[str, Any]]:
    """A message's lines as text nodes with hard breaks between them (text nodes hold no newlines)."""
    nodes: list[dict[str, Any]] = []
    for index, line in enumerate(text.splitlines()):
        if index:
            nodes.append({"type": "hardBreak"})
        nodes.append(_text(line))
    return nodes


def _heading(title: str) -> dict[str, Any]:
    return {"type": "heading", "attrs": {"level": 3}, "content": [_text(title)]}


def adf_document(draft: TicketDraft) -> dict[str, Any]:
    """The issue description: the request, who asked, the conversation turn by turn, the articles tried."""
    content: list[dict[str, Any]] = [_paragraph(_text(line)) for line in draft.description.splitlines() or [""]]
    requester = draft.requester + (f" ({draft.requester_email})" if draft.requester_email else "")
    content.append(_paragraph(_text("Requester: ", strong=True), _text(requester)))
    content.append(_paragraph(_text("Category: ", strong=True), _text(draft.category)))
    if draft.conversation:
        content.append(_heading("Conversation"))
        for turn in draft.conversation:
            stamp = turn.at.strftime("%Y-%m-%d %H:%M UTC")
            content.append(_paragraph(_text(f"{stamp} {turn.author}: ", strong=True), *_lines(turn.text)))
    if draft.articles_tried:
        content.append(_heading("Articles already tried"))
        content.append(
            {
                "type": "bulletList",
                "content": [{"type": "listItem", "content": [_paragraph(*_lines(a))]} for a in draft.articles_tried],
            }
        )
    return {"type": "doc", "version": 1, "content": content}


def adf_comment(author: str, text: str) -> dict[str, Any]:
    paragraphs = [_paragraph(_text(line)) for line in text.splitlines() or [""]]
    return {"type": "doc", "version": 1, "content": [_paragraph(_text(f"{author}:", strong=True)), *paragraphs]}


def state_of_issue(issue: Mapping[str, Any], statuses: Mapping[TicketState, str]) -> TicketState:
    """The opsdesk state of an issue's status: by name, else by Jira's status category."""
    status = (issue.get("fields") or {}).get("status") or {}
    name = str(status.get("name", "")).casefold()
    for state, status_name in statuses.items():
        if status_name.casefold() == name:
            return state
    category = str((status.get("statusCategory") or {}).get("key", ""))
    return {"done": "resolved", "indeterminate": "in_progress"}.get(category, "open")  # type: ignore[return-value]


class Jira:
    """A :class:`~connectors.tickets.TicketSystem` filing into one Jira Cloud project."""

    def __init__(
        self,
        url: str,
        project: str,
        email: str,
        token: str,
        *,
        issue_type: str = "Task",
        priorities: Mapping[Priority, str] | None = None,
        statuses: Mapping[TicketState, str] | None = None,
        timeout_seconds: float = 10.0,
    ) -> None:
        self._http = TicketHttp(SYSTEM, url, email, token, timeout_seconds)
        self._project = project
        self._issue_type = issue_type
        self._priorities = {**DEFAULT_PRIORITIES, **(priorities or {})}
        self._statuses = {**DEFAULT_STATUSES, **(statuses or {})}

    @property
    def name(self) -> str:
        return SYSTEM

    def _url(self, key: str) -> str:
        return f"{self._http.base_url}/browse/{key}"

    def _ticket(self, key: str, state: TicketState) -> Ticket:
        return Ticket(system=SYSTEM, key=key, url=self._url(key), state=state)

    async def find(self, idempotency_key: str) -> Ticket | None:
        """The issue an earlier create with ``idempotency_key`` opened, if any."""
        jql = f'project = "{self._project}" AND labels = "{idempotency_label(idempotency_key)}" ORDER BY created ASC'
        answer = await self._http.read(
            "POST", "/rest/api/3/search/jql", json_body={"jql": jql, "fields": ["status"], "maxResults": 1}
        )
        body = self._expect(answer, "search")
        issues = body.get("issues") or []
        if not issues:
            return None
        return self._ticket(str(issues[0]["key"]), state_of_issue(issues[0], self._statuses))

    async def create(self, draft: TicketDraft) -> Ticket:
        found = await self.find(draft.idempotency_key)
        if found is not None:
            return found
        fields = {
            "project": {"key": self._project},
            "issuetype": {"name": self._issue_type},
            "summary": " ".join(draft.summary.split())[:250],
            "description": adf_document(draft),
            "priority": {"name": self._priorities[draft.priority]},
            "labels": [SOURCE_LABEL, idempotency_label(draft.idempotency_key), f"{SOURCE_LABEL}-{draft.category}"],
        }
        try:
            answer = await self._http.write("POST", "/rest/api/3/issue", json_body={"fields": fields})
        except WriteFailed as failed:
            return await self._after_failed_create(draft, failed)
        body = self._expect(answer, "create")
        return self._ticket(str(body["key"]), "open")

    async def _after_failed_create(self, draft: TicketDraft, failed: WriteFailed) -> Ticket:
        """A create without a usable answer: the issue it made, or an error saying what is known."""
        try:
            found = await self.find(draft.idempotency_key)
        except TicketError:
            found = None
            known = "outcome unknown; retrying with the same idempotency key will not open a second issue"
        else:
            known = "no issue was opened"
        if found is not None:
            return found
        raise TicketError(SYSTEM, f"create {failed.reason}: {known}")

    async def comment(self, key: str, author: str, text: str) -> None:
        _check_key(key)
        try:
            answer = await self._http.write(
                "POST", f"/rest/api/3/issue/{key}/comment", json_body={"body": adf_comment(author, text)}
            )
        except WriteFailed as failed:
            raise TicketError(SYSTEM, f"comment on {key} {failed.reason}: outcome unknown") from None
        self._expect(answer, f"comment on {key}")

    async def transition(self, key: str, state: TicketState) -> Ticket:
        _check_key(key)
        target = self._statuses[state]
        answer = await self._http.read("GET", f"/rest/api/3/issue/{key}/transitions")
        body = self._expect(answer, f"transitions of {key}")
        transitions = body.get("transitions") or []
        chosen = next(
            (t for t in transitions if str((t.get("to") or {}).get("name", "")).casefold() == target.casefold()),
            None,
        )
        if chosen is None:
            available = ", ".join(sorted({str((t.get("to") or {}).get("name")) for t in transitions})) or "none"
            raise TicketError(SYSTEM, f"{key}: the workflow has no transition to {target!r} (available: {available})")
        try:
            moved = await self._http.write(
                "POST", f"/rest/api/3/issue/{key}/transitions", json_body={"transition": {"id": str(chosen["id"])}}
            )
        except WriteFailed as failed:
            raise TicketError(SYSTEM, f"moving {key} to {target!r} {failed.reason}: outcome unknown") from None
        self._expect(moved, f"moving {key} to {target!r}")
        return self._ticket(key, state)

    def _expect(self, answer: Answer, what: str) -> dict[str, Any]:
        if answer.status in (401, 403):
            raise TicketError(SYSTEM, f"{what} refused, check the email and API token: {describe(answer)}")
        if not answer.ok:
            raise TicketError(SYSTEM, f"{what} failed, nothing changed: {describe(answer)}")
        return answer.body if isinstance(answer.body, dict) else {}

    async def close(self) -> None:
        await self._http.close()


def _check_key(key: str) -> None:
    """Refuse what is not an issue key before it goes into a URL path."""
    if not _ISSUE_KEY.match(key):
        raise TicketError(SYSTEM, f"{key[:40]!r} is not a Jira issue key (like DESK-12)")
