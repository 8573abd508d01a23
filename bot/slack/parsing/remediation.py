"""Button values of governed remediation, parsed strictly.

``remediation-request`` (one per proposed action on the incident post) carries where the action is
in the stored analysis and the digest of what it proposes::

    {"v":1,"incident":7,"hypothesis":0,"step":0,"action":1,"id":"rollback","digest":"<40 hex>"}

The server re-derives the typed action (target, parameters) from the stored analysis and compares
digests: a value edited to another action, target or parameter is refused, and parameters are
never taken from the value. ``approval-approve`` / ``approval-reject`` carry the remediation and
the digest the approval binds to, and ``remediation-undo`` (on the outcome of an action that ran
without approval) the same: ``{"v":1,"remediation":12,"digest":"<40 hex>"}``.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from bot.slack.errors import BadAction
from bot.slack.parsing.actions import decode_value

REQUEST = "remediation-request"
APPROVE = "approval-approve"
REJECT = "approval-reject"
UNDO = "remediation-undo"
REMEDIATION_ACTIONS = (REQUEST, APPROVE, REJECT, UNDO)
_DIGEST = r"^[0-9a-f]{40}$"


class RequestValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    v: Literal[1]
    incident: StrictInt = Field(gt=0)
    hypothesis: StrictInt = Field(ge=0, lt=10)
    step: StrictInt = Field(ge=0, lt=10)
    action: StrictInt = Field(ge=0, lt=10)
    id: StrictStr = Field(pattern=r"^[a-z][a-z0-9-]{0,62}$")
    digest: StrictStr = Field(pattern=_DIGEST)


class ApprovalValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    v: Literal[1]
    remediation: StrictInt = Field(gt=0)
    digest: StrictStr = Field(pattern=_DIGEST)


def request_value(incident: int, hypothesis: int, step: int, action: int, action_id: str, digest: str) -> str:
    data = {"v": 1, "incident": incident, "hypothesis": hypothesis, "step": step, "action": action}
    return json.dumps({**data, "id": action_id, "digest": digest}, separators=(",", ":"))


def approval_value(remediation: int, digest: str) -> str:
    return json.dumps({"v": 1, "remediation": remediation, "digest": digest}, separators=(",", ":"))


def parse(action_id: str, raw: object) -> RequestValue | ApprovalValue:
    """The value of a click on one of :data:`REMEDIATION_ACTIONS`, or :class:`BadAction`."""
    if action_id not in REMEDIATION_ACTIONS:
        raise BadAction(f"unknown action {action_id[:60]!r}: this button is not one of opsdesk's")
    data = decode_value(raw)
    model: type[RequestValue] | type[ApprovalValue] = RequestValue if action_id == REQUEST else ApprovalValue
    try:
        return model.model_validate(data)
    except ValidationError:
        raise BadAction("this button's value was altered or is not opsdesk's") from None
