"""The JSON of a request body, or one :class:`~bot.errors.InputError` that says what is wrong with it.

Besides malformed JSON, four things JSON allows are refused here because nothing downstream
can hold them: integers longer than :data:`MAX_INTEGER_DIGITS` digits, ``NaN``/``Infinity``, and
strings with a lone UTF-16 surrogate (``"\\ud800"``) or a NUL (``"\\u0000"``), which no UTF-8
column or Slack message takes.
"""

from __future__ import annotations

import json
from typing import Any

from bot.errors import InputError

MAX_INTEGER_DIGITS = 30


def json_body(payload: bytes | str) -> Any:
    try:
        text = payload.decode("utf-8") if isinstance(payload, bytes) else payload
        data = json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise InputError("body", "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError("body", f"malformed JSON: {error}") from None
    except RecursionError:
        raise InputError("body", "malformed JSON: nested too deeply") from None
    except _Refused as refused:
        raise InputError("body", str(refused)) from None
    _check_text(data)
    return data


class _Refused(ValueError):
    pass


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _Refused(f"an integer longer than {MAX_INTEGER_DIGITS} digits")
    return int(text)


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def _check_text(data: Any) -> None:
    """Refuse a lone surrogate or a NUL character in any string or key: neither fits a UTF-8
    text column (PostgreSQL refuses NUL even in JSON)."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending += item.keys()
            pending += item.values()
        elif isinstance(item, list):
            pending += item
        elif isinstance(item, str):
            if "\x00" in item:
                raise InputError("body", "a string holds a NUL character")
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise InputError("body", "a string holds a lone UTF-16 surrogate (not valid Unicode)") from None
