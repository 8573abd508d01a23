"""Access requests in Slack: action ids, button values and the request modal's submission, parsed strictly.

Action ids (stable, kebab-case): ``access-request-open`` (App Home: open the request modal),
``access-approve`` / ``access-reject`` (the owners' approval message), ``access-revoke`` (early
revoke, on the grant message and in "My access"), ``access-resource`` (the modal's external
select, served by the ``options`` listener). Values are versioned JSON::

    access-approve / access-reject   {"v":1,"request":12,"digest":"<40 hex>"}
    access-revoke                    {"v":1,"request":12}
    access-request-open              {"v":1,"resource":"prod-orders-db-read"}   (resource optional)

The digest binds a decision to what was requested; the server re-derives it from the stored
request. Nothing else is taken from a value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from bot.slack.errors import BadAction
from bot.slack.parsing.actions import decode_value

OPEN = "access-request-open"
APPROVE = "access-approve"
REJECT = "access-reject"
REVOKE = "access-revoke"
RESOURCE_SELECT = "access-resource"
ACCESS_ACTIONS = (OPEN, APPROVE, REJECT, REVOKE)
#: The request modal's ``callback_id`` and its input blocks (each input's action id is its block id).
MODAL = "access-request"
RESOURCE_BLOCK = "access-resource"
DURATION_BLOCK = "access-duration"
JUSTIFICATION_BLOCK = "access-justification"
_DIGEST = r"^[0-9a-f]{40}$"
_RESOURCE_ID = r"^[a-z][a-z0-9-]{0,62}$"


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DecisionValue(_Value):
    v: Literal[1]
    request: StrictInt = Field(gt=0)
    digest: StrictStr = Field(pattern=_DIGEST)


class RevokeValue(_Value):
    v: Literal[1]
    request: StrictInt = Field(gt=0)


class OpenValue(_Value):
    v: Literal[1]
    resource: StrictStr | None = Field(default=None, pattern=_RESOURCE_ID)


def decision_value(request_id: int, digest: str) -> str:
    return json.dumps({"v": 1, "request": request_id, "digest": digest}, separators=(",", ":"))


def revoke_value(request_id: int) -> str:
    return json.dumps({"v": 1, "request": request_id}, separators=(",", ":"))


def open_value(resource: str | None = None) -> str:
    data: dict[str, object] = {"v": 1} | ({"resource": resource} if resource else {})
    return json.dumps(data, separators=(",", ":"))


def parse(action_id: str, raw: object) -> DecisionValue | RevokeValue | OpenValue:
    """The value of a click on one of :data:`ACCESS_ACTIONS`, or :class:`BadAction`."""
    if action_id not in ACCESS_ACTIONS:
        raise BadAction(f"unknown action {action_id[:60]!r}: this button is not one of opsdesk's")
    if action_id == OPEN and (raw is None or raw == ""):
        return OpenValue(v=1)
    data = decode_value(raw)
    model: type[DecisionValue] | type[RevokeValue] | type[OpenValue] = OpenValue
    if action_id in (APPROVE, REJECT):
        model = DecisionValue
    elif action_id == REVOKE:
        model = RevokeValue
    try:
        return model.model_validate(data)
    except ValidationError:
        raise BadAction("this button's value was altered or is not opsdesk's") from None


@dataclass(frozen=True)
class Submission:
    """What the request modal sent: raw text, validated by the desk, never trusted."""

    view_id: str
    resource: str
    duration: str
    justification: str


def submission(view: object) -> Submission:
    """The request modal's fields from a ``view_submission`` payload's ``view`` (missing ones empty)."""
    data: dict[str, Any] = view if isinstance(view, dict) else {}
    state = data.get("state")
    values: dict[str, Any] = state.get("values", {}) if isinstance(state, dict) else {}

    def field(block: str) -> dict[str, Any]:
        found = values.get(block)
        inner = found.get(block) if isinstance(found, dict) else None
        return inner if isinstance(inner, dict) else {}

    selected = field(RESOURCE_BLOCK).get("selected_option")
    resource = selected.get("value") if isinstance(selected, dict) else None
    duration = field(DURATION_BLOCK).get("value")
    justification = field(JUSTIFICATION_BLOCK).get("value")
    return Submission(
        view_id=str(data.get("id") or "")[:100],
        resource=resource[:64] if isinstance(resource, str) else "",
        duration=duration[:40] if isinstance(duration, str) else "",
        justification=justification[:2000] if isinstance(justification, str) else "",
    )


def options_query(body: object) -> str:
    """The text typed into the resource select (``block_suggestion``), at most 100 characters."""
    value = body.get("value") if isinstance(body, dict) else None
    return value[:100] if isinstance(value, str) else ""
