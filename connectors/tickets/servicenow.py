"""ServiceNow (Table API): tickets are ``incident`` records.

Incidents rather than ``sc_request``: what the desk files is something broken or blocking that a
person already tried to fix, which is ServiceNow's incident; requests for something new go
through the catalog (the access part of the desk), not through tickets.

The caller is the ``sys_user`` with the requester's e-mail, when there is one (the requester is
named in the description either way). The idempotency key goes into ``correlation_id``, and
``correlation_display`` names opsdesk as the source (nothing so marked may trigger the bot); a
create first queries for that correlation id.
Comments are the ``comments`` journal field, state changes a PATCH of ``state``; a resolve also
sets the close code and notes that ServiceNow's data policy asks for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from connectors.tickets._http import Answer, TicketHttp, WriteFailed, describe
from connectors.tickets.model import Priority, Ticket, TicketDraft, TicketError, TicketState

SYSTEM = "servicenow"
SOURCE = "opsdesk"
TABLE = "/api/now/table/incident"
USERS = "/api/now/table/sys_user"

#: (impact, urgency): ServiceNow derives its priority 1-5 from the pair.
IMPACT_URGENCY: dict[Priority, tuple[str, str]] = {
    "P1": ("1", "1"),
    "P2": ("1", "2"),
    "P3": ("2", "2"),
    "P4": ("3", "2"),
}
#: The incident ``state`` values of a base instance.
DEFAULT_STATES: dict[TicketState, str] = {"open": "1", "in_progress": "2", "resolved": "6", "closed": "7"}
FIELDS = "sys_id,number,state"
_NUMBER = re.compile(r"^[A-Z]{2,8}[0-9]{4,12}$")


def state_of_code(value: object, states: Mapping[TicketState, str]) -> TicketState:
    """The opsdesk state of an incident's ``state`` code (``states`` maps opsdesk states to codes)."""
    for state, code in states.items():
        if code == str(value):
            return state
    return "in_progress"  # on hold, awaiting...: someone has it


class ServiceNow:
    """A :class:`~connectors.tickets.TicketSystem` filing incidents into one instance."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        *,
        assignment_group: str | None = None,
        states: Mapping[TicketState, str] | None = None,
        close_code: str = "Solved (Permanently)",
        timeout_seconds: float = 10.0,
    ) -> None:
        self._http = TicketHttp(SYSTEM, url, user, password, timeout_seconds)
        self._assignment_group = assignment_group
        self._states = {**DEFAULT_STATES, **(states or {})}
        self._close_code = close_code

    @property
    def name(self) -> str:
        return SYSTEM

    def _state_of(self, value: object) -> TicketState:
        return state_of_code(value, self._states)

    def _ticket(self, record: Mapping[str, Any]) -> Ticket:
        url = f"{self._http.base_url}/nav_to.do?uri=incident.do?sys_id={record['sys_id']}"
        return Ticket(system=SYSTEM, key=str(record["number"]), url=url, state=self._state_of(record.get("state")))

    async def _query(self, query: str, *, table: str = TABLE, fields: str = FIELDS) -> dict[str, Any] | None:
        answer = await self._http.read(
            "GET", table, params={"sysparm_query": query, "sysparm_limit": "1", "sysparm_fields": fields}
        )
        body = self._expect(answer, "query")
        records = body.get("result") or []
        return dict(records[0]) if records else None

    async def find(self, idempotency_key: str) -> Ticket | None:
        # "^" joins conditions in an encoded query; a key holding one could not be matched exactly.
        if "^" in idempotency_key:
            raise TicketError(SYSTEM, "an idempotency key may not contain '^'")
        record = await self._query(f"correlation_id={idempotency_key}")
        return self._ticket(record) if record is not None else None

    async def _record(self, key: str) -> dict[str, Any]:
        if not _NUMBER.match(key):
            raise TicketError(SYSTEM, f"{key[:40]!r} is not an incident number (like INC0010001)")
        record = await self._query(f"number={key}")
        if record is None:
            raise TicketError(SYSTEM, f"no incident {key}")
        return record

    async def create(self, draft: TicketDraft) -> Ticket:
        found = await self.find(draft.idempotency_key)
        if found is not None:
            return found
        impact, urgency = IMPACT_URGENCY[draft.priority]
        record: dict[str, Any] = {
            "short_description": " ".join(draft.summary.split())[:160],
            "description": plain_description(draft),
            "category": draft.category,
            "impact": impact,
            "urgency": urgency,
            "correlation_id": draft.idempotency_key,
            "correlation_display": SOURCE,
            "contact_type": "chat",
        }
        caller = await self._caller(draft.requester_email)
        if caller is not None:
            record["caller_id"] = caller
        if self._assignment_group:
            record["assignment_group"] = self._assignment_group
        try:
            answer = await self._http.write("POST", f"{TABLE}?sysparm_fields={FIELDS}", json_body=record)
        except WriteFailed as failed:
            return await self._after_failed_create(draft, failed)
        return self._ticket(self._expect(answer, "create").get("result") or {})

    async def _caller(self, email: str | None) -> str | None:
        """The ``sys_user`` whose e-mail the requester's is: ``caller_id`` is a reference, not an address."""
        if not email or "^" in email:
            return None
        user = await self._query(f"email={email}", table=USERS, fields="sys_id")
        return str(user["sys_id"]) if user is not None else None

    async def _after_failed_create(self, draft: TicketDraft, failed: WriteFailed) -> Ticket:
        try:
            found = await self.find(draft.idempotency_key)
        except TicketError:
            found = None
            known = "outcome unknown; retrying with the same idempotency key will not open a second incident"
        else:
            known = "no incident was opened"
        if found is not None:
            return found
        raise TicketError(SYSTEM, f"create {failed.reason}: {known}")

    async def comment(self, key: str, author: str, text: str) -> None:
        record = await self._record(key)
        try:
            answer = await self._http.write(
                "PATCH",
                f"{TABLE}/{record['sys_id']}?sysparm_fields={FIELDS}",
                json_body={"comments": f"{author}: {text}"},
            )
        except WriteFailed as failed:
            raise TicketError(SYSTEM, f"comment on {key} {failed.reason}: outcome unknown") from None
        self._expect(answer, f"comment on {key}")

    async def transition(self, key: str, state: TicketState) -> Ticket:
        record = await self._record(key)
        code = self._states[state]
        change: dict[str, Any] = {"state": code}
        if state in ("resolved", "closed"):
            change |= {"close_code": self._close_code, "close_notes": "Resolved through opsdesk."}
        try:
            answer = await self._http.write(
                "PATCH", f"{TABLE}/{record['sys_id']}?sysparm_fields={FIELDS}", json_body=change
            )
        except WriteFailed as failed:
            raise TicketError(SYSTEM, f"moving {key} to {state} {failed.reason}: outcome unknown") from None
        updated = self._expect(answer, f"moving {key} to {state}").get("result") or {}
        if str(updated.get("state")) != code:
            raise TicketError(
                SYSTEM, f"{key} stayed in state {updated.get('state')!r}: the workflow refused {state} (state {code})"
            )
        return self._ticket(updated)

    def _expect(self, answer: Answer, what: str) -> dict[str, Any]:
        if answer.status == 401:
            raise TicketError(SYSTEM, f"{what} refused, check the user and password: {describe(answer)}")
        if not answer.ok:
            raise TicketError(SYSTEM, f"{what} failed, nothing changed: {describe(answer)}")
        return answer.body if isinstance(answer.body, dict) else {}

    async def close(self) -> None:
        await self._http.close()


def plain_description(draft: TicketDraft) -> str:
    """The incident description: the request, who asked, the conversation, the articles tried."""
    lines = [
        draft.description,
        "",
        f"Requester: {draft.requester}" + (f" ({draft.requester_email})" if draft.requester_email else ""),
    ]
    if draft.conversation:
        lines += ["", "Conversation:"]
        lines += [f"{turn.at.strftime('%Y-%m-%d %H:%M UTC')} {turn.author}: {turn.text}" for turn in draft.conversation]
    if draft.articles_tried:
        lines += ["", "Articles already tried:"] + [f"- {article}" for article in draft.articles_tried]
    return "\n".join(lines)
