"""Signed webhooks, both ways: ``X-Opsdesk-Timestamp: <unix seconds>`` and
``X-Opsdesk-Signature: sha256=<hex>``, the hex being HMAC-SHA256 with the shared secret over
``"<timestamp>.<raw body>"``. A receiver refuses a bad signature and a timestamp more than
300 s from its clock, as Slack's request signing does."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

TIMESTAMP_HEADER = "X-Opsdesk-Timestamp"
SIGNATURE_HEADER = "X-Opsdesk-Signature"
MAX_SKEW_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: signature(secret, timestamp, body)}


def verify(secret: str, headers: Mapping[str, str], body: bytes, now: float) -> str | None:
    """None when ``body`` is signed with ``secret`` within the allowed skew; else why not."""
    lowered = {k.lower(): v for k, v in headers.items()}
    stamp = lowered.get(TIMESTAMP_HEADER.lower(), "")
    given = lowered.get(SIGNATURE_HEADER.lower(), "")
    if not stamp.isdigit():
        return f"missing or malformed {TIMESTAMP_HEADER}"
    if abs(now - int(stamp)) > MAX_SKEW_SECONDS:
        return f"{TIMESTAMP_HEADER} is more than {MAX_SKEW_SECONDS} s from the receiver's clock"
    if not hmac.compare_digest(given, signature(secret, int(stamp), body)):
        return "bad signature"
    return None
