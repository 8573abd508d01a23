"""Action ids and button values: what a click may carry, parsed strictly.

A button value is versioned JSON written by :mod:`bot.slack.views.blocks`, e.g.
``{"v":1,"incident":123,"hypothesis":0,"vote":"up"}``. Anything else (unknown action id,
unknown version, extra or missing keys, wrong types, a vote that disagrees with the action id)
is refused with :class:`~bot.slack.errors.BadAction`, whose message is safe to show to the person who clicked.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError
from slack_sdk.models.blocks import ButtonElement

from bot.slack.errors import BadAction
from bot.slack.views.mrkdwn import escape

ACK = "incident-ack"
TAKE_IC = "incident-take-ic"
OPEN_CHANNEL = "incident-open-channel"
FEEDBACK_UP = "hypothesis-feedback-up"
FEEDBACK_DOWN = "hypothesis-feedback-down"
INCIDENT_ACTIONS = (ACK, TAKE_IC, OPEN_CHANNEL)
FEEDBACK_ACTIONS = (FEEDBACK_UP, FEEDBACK_DOWN)
ALL_ACTIONS = (*INCIDENT_ACTIONS, *FEEDBACK_ACTIONS)
VALUE_VERSION = 1
MAX_VALUE_CHARS = ButtonElement.value_max_length
#: Incident ids are 32-bit integers in the store: a larger number is no incident's.
MAX_INCIDENT_ID = 2**31 - 1


class IncidentValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    v: Literal[1]
    incident: StrictInt = Field(gt=0, le=MAX_INCIDENT_ID)


class FeedbackValue(IncidentValue):
    hypothesis: StrictInt = Field(ge=0, lt=50)
    vote: Literal["up", "down"]


def incident_value(incident_id: int) -> str:
    return json.dumps({"v": VALUE_VERSION, "incident": incident_id}, separators=(",", ":"))


def feedback_value(incident_id: int, hypothesis: int, vote: Literal["up", "down"]) -> str:
    data = {"v": VALUE_VERSION, "incident": incident_id, "hypothesis": hypothesis, "vote": vote}
    return json.dumps(data, separators=(",", ":"))


def decode_value(raw: object) -> object:
    """A button's value as the JSON it must be, or :class:`BadAction` (empty, too long, malformed)."""
    if not isinstance(raw, str) or not raw or len(raw) > MAX_VALUE_CHARS:
        raise BadAction("this button carries no valid value; reload the message and try again")
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        raise BadAction("this button's value is not opsdesk's (malformed)") from None


def parse_value(action_id: StrictStr, raw: object) -> IncidentValue | FeedbackValue:
    """The value of a click on ``action_id``, or :class:`BadAction`."""
    if action_id not in ALL_ACTIONS:
        raise BadAction(f"unknown action {escape(repr(action_id[:60]))}: this button is not one of opsdesk's")
    data = decode_value(raw)
    if not isinstance(data, dict) or data.get("v") != VALUE_VERSION:
        raise BadAction("this button's value has an unknown version; reload the message")
    model: type[IncidentValue] = FeedbackValue if action_id in FEEDBACK_ACTIONS else IncidentValue
    try:
        value = model.model_validate(data)
    except ValidationError:
        raise BadAction("this button's value was altered or is not opsdesk's") from None
    if isinstance(value, FeedbackValue) and value.vote != ("up" if action_id == FEEDBACK_UP else "down"):
        raise BadAction("this button's value was altered (vote does not match the button)")
    return value
