"""A ServiceNow look-alike on loopback: the Table API calls on ``incident`` a ticket connector makes.

* ``GET /api/now/table/incident`` with ``sysparm_query`` (``field=value`` joined by ``^``),
  ``sysparm_limit`` and ``sysparm_fields``
* ``POST /api/now/table/incident`` and ``PATCH /api/now/table/incident/{sys_id}``
* ``GET /api/now/table/sys_user`` (the users given to the constructor, by ``email`` or ``user_name``)

Answers ``{"result": ...}``; errors ``{"error": {"message", "detail"}, "status": "failure"}``.
Values come back as strings, as the Table API returns them without display values. ``comments``
is a journal: each write appends an entry. Resolving (state 6) or closing (7) without a close code
and notes is refused by the data policy; a closed incident is read-only; a state the instance
does not know is dropped by its business rules, the record keeping its state.

Every write counts in ``sys_mod_count`` and names its writer in ``sys_updated_by``. After
:meth:`FakeServiceNow.send_updates`, an after-update business rule posts the record (with the
latest comment as ``comments``) to a URL with a bearer token; :meth:`FakeServiceNow.act` is a
person working the incident.
Nothing here imports the connector.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from aiohttp import web

from tests.support.fake_ticketing import FakeTicketServer, OutboundWebhooks

TABLE = "/api/now/table/incident"
USERS = "/api/now/table/sys_user"
STATES = frozenset({"1", "2", "3", "6", "7", "8"})


def now_error(status: int, message: str, detail: str) -> web.Response:
    return web.json_response({"error": {"message": message, "detail": detail}, "status": "failure"}, status=status)


class FakeServiceNow(FakeTicketServer):
    def __init__(
        self,
        *,
        user: str = "opsdesk.integration",
        password: str = "now-secret",
        users: dict[str, str] | None = None,
    ) -> None:
        super().__init__(user, password)
        #: sys_user records, from ``{email: user_name}``
        self.users = [
            {"sys_id": hashlib.md5(email.encode()).hexdigest(), "email": email, "user_name": name}
            for email, name in (users or {}).items()
        ]
        self.incidents: dict[str, dict[str, Any]] = {}  # by sys_id
        self.journal: dict[str, list[str]] = {}  # sys_id -> comments, oldest first
        self.webhooks = OutboundWebhooks()
        self._token = ""

    def send_updates(self, url: str, token: str) -> None:
        """The business rule that posts every incident update to ``url`` with ``token``."""
        self.webhooks.url = url
        self._token = token

    def act(self, number: str, user_name: str, *, state: str | None = None, comment: str | None = None) -> None:
        """A person (``user_name``) sets ``state`` and/or adds a comment to incident ``number``."""
        record = self.by_number(number)
        if state is not None:
            record["state"] = state
        if comment is not None:
            self.journal[record["sys_id"]].append(comment)
        self._touched(record, user_name, comment)

    def _touched(self, record: dict[str, Any], user_name: str, comment: str | None) -> None:
        record["sys_mod_count"] = str(int(record.get("sys_mod_count", "0")) + 1)
        record["sys_updated_by"] = user_name
        body = json.dumps({**record, "comments": comment or ""}).encode()
        self.webhooks.queue(body, {"Authorization": f"Bearer {self._token}"})

    def by_number(self, number: str) -> dict[str, Any]:
        return next(record for record in self.incidents.values() if record["number"] == number)

    def unauthorized(self) -> web.StreamResponse:
        return now_error(401, "User Not Authenticated", "Required to provide Auth information")

    def bad_json(self) -> Any:
        return {"error": {"message": "Exception while reading request", "detail": "Cannot decode"}, "status": "failure"}

    async def handle(self, request: web.Request, body: Any) -> web.StreamResponse:
        if request.path == TABLE and request.method == "GET":
            return self._query(request.query, list(self.incidents.values()))
        if request.path == USERS and request.method == "GET":
            return self._query(request.query, self.users)
        if request.path == TABLE and request.method == "POST":
            return self._insert(body, request.query)
        if request.path.startswith(TABLE + "/") and request.method == "PATCH":
            return self._update(request.path.removeprefix(TABLE + "/"), body, request.query)
        return now_error(400, "Invalid request", f"{request.method} {request.path} is not served here")

    def _shown(self, record: dict[str, Any], query: Any) -> dict[str, Any]:
        fields = [f for f in str(query.get("sysparm_fields", "")).split(",") if f]
        return {name: value for name, value in record.items() if not fields or name in fields}

    def _query(self, query: Any, records: list[dict[str, Any]]) -> web.StreamResponse:
        conditions = []
        for part in str(query.get("sysparm_query", "")).split("^"):
            if not part:
                continue
            name, sep, value = part.partition("=")
            if not sep:
                return now_error(400, "Invalid query", f"unsupported condition {part!r}")
            conditions.append((name, value))
        limit = int(query.get("sysparm_limit", "10000"))
        matched = [r for r in records if all(str(r.get(n, "")) == v for n, v in conditions)]
        return web.json_response({"result": [self._shown(r, query) for r in matched[:limit]]})

    def _insert(self, body: Any, query: Any) -> web.StreamResponse:
        if not isinstance(body, dict):
            return now_error(400, "Invalid request", "the body must be a JSON object")
        number = len(self.incidents) + 1
        sys_id = hashlib.md5(f"incident-{number}".encode()).hexdigest()
        record = {name: str(value) for name, value in body.items() if name != "comments"}
        record |= {
            "sys_id": sys_id,
            "number": f"INC{10_000 + number:07d}",
            "state": "1",
            "sys_mod_count": "0",
            "sys_updated_by": self.user,
        }
        self.incidents[sys_id] = record
        self.journal[sys_id] = [str(body["comments"])] if body.get("comments") else []
        return web.json_response({"result": self._shown(record, query)}, status=201)

    def _update(self, sys_id: str, body: Any, query: Any) -> web.StreamResponse:
        record = self.incidents.get(sys_id)
        if record is None:
            return now_error(404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval")
        if not isinstance(body, dict):
            return now_error(400, "Invalid request", "the body must be a JSON object")
        if record["state"] == "7":
            return now_error(403, "Operation Failed", "ACL Exception Update Failed due to security constraints")
        change = {name: str(value) for name, value in body.items() if name != "comments"}
        state = change.get("state")
        if state in ("6", "7") and not (change.get("close_code") or record.get("close_code")):
            return now_error(
                403,
                "Operation Failed",
                "Data Policy Exception: The following fields are mandatory: Resolution code, Resolution notes",
            )
        if state is not None and state not in STATES:
            del change["state"]
        record.update(change)
        if body.get("comments"):
            self.journal[sys_id].append(str(body["comments"]))
        self._touched(record, self.user, str(body["comments"]) if body.get("comments") else None)
        return web.json_response({"result": self._shown(record, query)})
