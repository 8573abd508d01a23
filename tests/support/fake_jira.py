"""A Jira Cloud look-alike on loopback: the REST v3 calls a ticket connector makes, in Jira's shapes.

* ``POST /rest/api/3/search/jql`` (``project = "K" AND labels = "L"``, ``fields``, ``maxResults``)
* ``POST /rest/api/3/issue`` (project, issuetype, summary, ADF description, priority, labels)
* ``GET /rest/api/3/issue/{key}`` and ``POST /rest/api/3/issue/{key}/comment`` (ADF body)
* ``GET`` and ``POST /rest/api/3/issue/{key}/transitions``

Basic auth with email and API token; anything refused is answered as Jira does, with
``{"errorMessages": [...], "errors": {...}}``.

Webhooks, as an admin webhook with a secret sends them (after :meth:`FakeJira.send_webhooks`):
``jira:issue_updated`` with a status ``changelog`` and ``comment_created``, signed
``X-Hub-Signature: sha256=<HMAC-SHA256 of the body>``, each named by
``X-Atlassian-Webhook-Identifier``. The bot's own writes send them under its account id, as
Jira does; :meth:`FakeJira.act` is a person working the issue in Jira's UI.

The workflow is a plain graph of statuses, by default To Do / In Progress / Done with no
"Closed", so a move it lacks can be tested.
Nothing here imports the connector.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.support.fake_ticketing import FakeTicketServer, OutboundWebhooks

#: status -> [(transition id, transition name, target status)]
DEFAULT_WORKFLOW: dict[str, list[tuple[str, str, str]]] = {
    "To Do": [("21", "Start progress", "In Progress"), ("31", "Done", "Done")],
    "In Progress": [("11", "Stop progress", "To Do"), ("31", "Done", "Done")],
    "Done": [("11", "Reopen", "To Do")],
}
CATEGORY_OF = {"To Do": "new", "In Progress": "indeterminate", "Done": "done"}
PRIORITIES = ("Highest", "High", "Medium", "Low", "Lowest")
ISSUE_TYPES = ("Task", "Bug", "Service Request", "Incident")
#: What the enhanced search (``/search/jql``) accepts; anything else (``startAt``) is an invalid payload.
SEARCH_KEYS = frozenset(
    {
        "jql",
        "maxResults",
        "fields",
        "nextPageToken",
        "expand",
        "properties",
        "fieldsByKeys",
        "failFast",
        "reconcileIssues",
    }
)
_JQL = re.compile(r'^project = "(?P<project>[^"]+)" AND labels = "(?P<label>[^"]+)"( ORDER BY created ASC)?$')
_ISSUE = re.compile(r"^/rest/api/3/issue/(?P<key>[A-Z][A-Z0-9]*-\d+)(?P<rest>/comment|/transitions)?$")


def jira_error(status: int, messages: list[str] | None = None, errors: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"errorMessages": messages or [], "errors": errors or {}}, status=status)


@dataclass
class FakeIssue:
    id: str
    key: str
    fields: dict[str, Any]
    status: str
    comments: list[dict[str, Any]] = field(default_factory=list)


def adf_text(node: Any) -> str:
    """Every text node of an ADF document, joined: what a reader of the issue sees."""
    if isinstance(node, dict):
        own = node.get("text", "") if node.get("type") == "text" else ""
        return own + " ".join(adf_text(child) for child in node.get("content", []))
    return ""


def _adf_problem(doc: Any) -> str | None:
    if not isinstance(doc, dict) or doc.get("type") != "doc" or doc.get("version") != 1:
        return "Operation value must be an Atlassian Document (see the Atlassian Document Format)."

    def walk(node: Any) -> str | None:
        if not isinstance(node, dict) or not isinstance(node.get("type"), str):
            return "INVALID_INPUT"
        if node["type"] == "text" and (not node.get("text") or "\n" in node["text"]):
            # Stricter than Jira on newlines: ADF writes a line break as a hardBreak node, so a
            # newline inside a text node is a client that did not.
            return "INVALID_INPUT: text nodes may not be empty or hold line breaks (use hardBreak)"
        for child in node.get("content", []):
            problem = walk(child)
            if problem:
                return problem
        return None

    return walk(doc)


class FakeJira(FakeTicketServer):
    def __init__(
        self,
        *,
        email: str = "bot@example.com",
        token: str = "jira-token",
        project: str = "DESK",
        workflow: dict[str, list[tuple[str, str, str]]] | None = None,
        account_id: str = "5b10ac8d82e05b22cc7d4ef5",
    ) -> None:
        super().__init__(email, token)
        self.project = project
        self.workflow = workflow or DEFAULT_WORKFLOW
        self.issues: dict[str, FakeIssue] = {}
        self.account = {"accountId": account_id, "displayName": "opsdesk"}
        self.webhooks = OutboundWebhooks()
        self._webhook_secret = ""
        self._events = 0

    def send_webhooks(self, url: str, secret: str) -> None:
        """Register an admin webhook (issue updated, comment created) at ``url``, signed with ``secret``."""
        self.webhooks.url = url
        self._webhook_secret = secret

    def act(self, key: str, who: tuple[str, str], *, status: str | None = None, comment: str | None = None) -> None:
        """A person (account id, display name) moves ``key`` to ``status`` and/or comments on it."""
        issue = self.issues[key]
        person = {"accountId": who[0], "displayName": who[1]}
        if status is not None:
            self._moved(issue, status, person)
        if comment is not None:
            issue.comments.append({"id": str(20_000 + len(issue.comments)), "body": comment, "author": person})
            self._commented(issue, comment, person)

    def _moved(self, issue: FakeIssue, status: str, person: dict[str, str]) -> None:
        before, issue.status = issue.status, status
        item = {"field": "status", "fieldtype": "jira", "fromString": before, "toString": status}
        self._send(
            "jira:issue_updated",
            issue,
            {"user": person, "issue_event_type_name": "issue_generic", "changelog": {"id": "1", "items": [item]}},
        )

    def _commented(self, issue: FakeIssue, body: str, person: dict[str, str]) -> None:
        comment = {"id": issue.comments[-1]["id"], "author": person, "body": body, "updateAuthor": person}
        self._send("comment_created", issue, {"comment": comment})

    def _send(self, event: str, issue: FakeIssue, extra: dict[str, Any]) -> None:
        self._events += 1
        shown = self._issue_json(issue)
        # Comment events carry a few fields of the issue, not all of them (no labels).
        fields = (
            shown["fields"]
            if event.startswith("jira:")
            else {name: shown["fields"][name] for name in ("summary", "status", "priority") if name in shown["fields"]}
        )
        payload = {
            "timestamp": 1_733_300_000_000 + 1_000 * self._events,
            "webhookEvent": event,
            "issue": {**shown, "fields": fields},
            **extra,
        }
        body = json.dumps(payload).encode()
        signature = "sha256=" + hmac.new(self._webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        self.webhooks.queue(
            body,
            {"X-Hub-Signature": signature, "X-Atlassian-Webhook-Identifier": f"{self._events}-{issue.id}"},
        )

    def issue(self, key: str) -> FakeIssue:
        return self.issues[key]

    def unauthorized(self) -> web.StreamResponse:
        return web.Response(
            status=401,
            text="Client must be authenticated to access this resource.",
            headers={"WWW-Authenticate": 'OAuth realm="https%3A%2F%2Fexample.atlassian.net"'},
        )

    def bad_json(self) -> Any:
        return {"errorMessages": ["Unexpected character: was expecting JSON"], "errors": {}}

    def is_write(self, request: web.Request) -> bool:
        return super().is_write(request) and request.path != "/rest/api/3/search/jql"

    async def handle(self, request: web.Request, body: Any) -> web.StreamResponse:
        path, method = request.path, request.method
        if path == "/rest/api/3/search/jql" and method == "POST":
            return self._search(body)
        if path == "/rest/api/3/issue" and method == "POST":
            return self._create(body)
        match = _ISSUE.match(path)
        if match is None:
            return jira_error(404, ["No such endpoint"])
        found = self.issues.get(match["key"])
        if found is None:
            return jira_error(404, ["Issue does not exist or you do not have permission to see it."])
        rest = match["rest"]
        if rest is None and method == "GET":
            return web.json_response(self._issue_json(found))
        if rest == "/comment" and method == "POST":
            return self._comment(found, body)
        if rest == "/transitions" and method == "GET":
            return web.json_response({"expand": "transitions", "transitions": self._transitions(found)})
        if rest == "/transitions" and method == "POST":
            return self._transition(found, body)
        return web.Response(status=405)

    def _issue_json(self, issue: FakeIssue) -> dict[str, Any]:
        status = {"name": issue.status, "statusCategory": {"key": CATEGORY_OF.get(issue.status, "new")}}
        return {
            "id": issue.id,
            "key": issue.key,
            "self": f"{self.url}/rest/api/3/issue/{issue.id}",
            "fields": {**issue.fields, "status": status},
        }

    def _search(self, body: Any) -> web.StreamResponse:
        if not isinstance(body, dict) or set(body) - SEARCH_KEYS:
            return jira_error(400, ["Invalid request payload. Refer to the REST API documentation and try again."])
        if not isinstance(body.get("jql"), str):
            return jira_error(400, ["The JQL query is required."])
        match = _JQL.match(body["jql"])
        if match is None:
            return jira_error(400, [f"Error in the JQL Query: {body['jql']!r} is not understood here."])
        limit = int(body.get("maxResults", 50))
        found = [
            issue
            for issue in self.issues.values()
            if issue.fields["project"]["key"] == match["project"] and match["label"] in issue.fields["labels"]
        ]
        wanted = body.get("fields") or []
        issues = []
        for issue in found[:limit]:
            full = self._issue_json(issue)
            full["fields"] = {name: value for name, value in full["fields"].items() if name in wanted}
            issues.append(full)
        return web.json_response({"issues": issues, "isLast": True})

    def _create(self, body: Any) -> web.StreamResponse:
        fields = body.get("fields") if isinstance(body, dict) else None
        if not isinstance(fields, dict):
            return jira_error(400, ["Can not deserialize the request: no fields."])
        errors: dict[str, str] = {}
        if (fields.get("project") or {}).get("key") != self.project:
            errors["project"] = "valid project is required"
        if (fields.get("issuetype") or {}).get("name") not in ISSUE_TYPES:
            errors["issuetype"] = "Specify a valid issue type"
        summary = fields.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            errors["summary"] = "You must specify a summary of the issue."
        elif len(summary) > 255 or "\n" in summary:
            errors["summary"] = "Summary must be less than 255 characters and a single line."
        problem = _adf_problem(fields.get("description"))
        if problem:
            errors["description"] = problem
        if (fields.get("priority") or {}).get("name") not in PRIORITIES:
            errors["priority"] = "Specify a valid priority"
        labels = fields.get("labels", [])
        if not isinstance(labels, list) or any(not isinstance(x, str) or " " in x or not x for x in labels):
            errors["labels"] = "The label must not contain spaces."
        if errors:
            return jira_error(400, errors=errors)
        number = len(self.issues) + 1
        issue = FakeIssue(
            id=str(10_000 + number), key=f"{self.project}-{number}", fields={**fields, "labels": labels}, status="To Do"
        )
        self.issues[issue.key] = issue
        return web.json_response(
            {"id": issue.id, "key": issue.key, "self": f"{self.url}/rest/api/3/issue/{issue.id}"}, status=201
        )

    def _comment(self, issue: FakeIssue, body: Any) -> web.StreamResponse:
        doc = body.get("body") if isinstance(body, dict) else None
        problem = _adf_problem(doc)
        if problem:
            return jira_error(400, errors={"comment": problem})
        comment = {"id": str(20_000 + len(issue.comments)), "body": doc, "author": {"emailAddress": self.user}}
        issue.comments.append(comment)
        self._commented(issue, adf_text(doc), self.account)
        return web.json_response(comment, status=201)

    def _transitions(self, issue: FakeIssue) -> list[dict[str, Any]]:
        return [
            {
                "id": tid,
                "name": name,
                "to": {"name": target, "statusCategory": {"key": CATEGORY_OF.get(target, "new")}},
                "hasScreen": False,
            }
            for tid, name, target in self.workflow.get(issue.status, [])
        ]

    def _transition(self, issue: FakeIssue, body: Any) -> web.StreamResponse:
        wanted = ((body or {}).get("transition") or {}).get("id") if isinstance(body, dict) else None
        for tid, _name, target in self.workflow.get(issue.status, []):
            if tid == wanted:
                self._moved(issue, target, self.account)
                return web.Response(status=204)
        return jira_error(400, [f"Transition id '{wanted}' is not valid for this issue."])
