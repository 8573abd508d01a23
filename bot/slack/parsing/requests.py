"""Whether a signed request to ``/slack/events`` has the shape Slack gives its requests (pure).

Bolt parses a body and reads fields from it as it builds its request, assuming Slack's shapes:
a JSON array, a ``payload`` that is a string, an ``event`` that is a list or an integer of
5,000 digits would fail inside Bolt (a 500, or a listener that crashes after the ack). So the
body is parsed here first, the way Bolt decides (JSON when the content type says so or the body
starts with ``{``; else a form, whose ``payload`` field is JSON), strictly (no NaN, no integer
longer than 30 digits, no lone surrogate), and the objects that Bolt and opsdesk read must be
objects. The answer is the problem, or ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from bot.errors import InputError
from bot.intake.body import json_body

#: Fields that are objects when Slack sends them (``user`` and ``channel`` may also be ids).
_OBJECTS = ("event", "team", "enterprise", "container", "message", "view", "authorizations", "state")
_OBJECT_OR_ID = ("user", "channel")


def request_problem(body: str, content_type: str | None) -> str | None:
    if not body:
        return None
    try:
        if content_type == "application/json" or body.startswith("{"):
            data = json_body(body)
        elif "payload" in body:
            payloads = [v for k, v in parse_qsl(body, keep_blank_values=True) if k == "payload"]
            if len(payloads) != 1:
                return "payload: expected exactly one" if payloads else None
            data = json_body(payloads[0])
        else:
            return None
    except InputError as error:
        return str(error)
    if not isinstance(data, dict):
        return "body: expected a JSON object"
    return _shape_problem(data)


def _shape_problem(data: Mapping[str, Any]) -> str | None:
    kind = data.get("type")
    if kind is not None and not isinstance(kind, str):
        return "type: expected a string"
    if "event" in data and not isinstance(data["event"], dict):
        return "event: expected an object"
    for name in _OBJECTS:
        value = data.get(name)
        if value is not None and not isinstance(value, dict) and not (name == "authorizations" and _objects(value)):
            return f"{name}: expected an object"
    for name in _OBJECT_OR_ID:
        value = data.get(name)
        if value is not None and not isinstance(value, (dict, str)):
            return f"{name}: expected an object or an id"
    found = data.get("actions")
    # Bolt reads body["actions"][0] of any block_actions body, and of any body that has the key
    if ("actions" in data or kind == "block_actions") and not (_objects(found) and found):
        return "actions: expected a list of objects"
    # Bolt's action matchers read the first action's action_id of a block_actions body unguarded
    if kind == "block_actions" and isinstance(found, list) and not isinstance(found[0].get("action_id"), str):
        return "actions.0.action_id: expected a string"
    event = data.get("event")
    if isinstance(event, dict):
        return _shape_problem({k: v for k, v in event.items() if k in ("user", "channel", "message")})
    return None


def _objects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
