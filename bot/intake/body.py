"""The JSON of a request body, or one :class:`~bot.errors.InputError` that says what is wrong with it."""

from __future__ import annotations

import json
from typing import Any

from bot.errors import InputError


def json_body(payload: bytes | str) -> Any:
    try:
        return json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError("body", f"malformed JSON: {error}") from None
    except RecursionError:
        raise InputError("body", "malformed JSON: nested too deeply") from None
