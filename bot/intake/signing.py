"""Signed webhooks: ``X-Opsdesk-Timestamp`` and ``X-Opsdesk-Signature`` (pure).

The signature is ``sha256=<hex>``, HMAC-SHA256 with the shared secret over
``"<timestamp>.<raw body>"``, where the timestamp is the sender's clock in unix seconds. A
receiver refuses a signature that does not match and a timestamp more than
:data:`TOLERANCE_SECONDS` from its own clock, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

TIMESTAMP_HEADER = "X-Opsdesk-Timestamp"
SIGNATURE_HEADER = "X-Opsdesk-Signature"
SIGNATURE_PREFIX = "sha256="
TOLERANCE_SECONDS = 300
_MAX_TIMESTAMP_DIGITS = 12


class BadSignature(ValueError):
    """Why a signed request is refused; the message names the header."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def signed_headers(secret: str, body: bytes, at: datetime) -> dict[str, str]:
    """The two headers that sign ``body`` as sent at ``at``."""
    timestamp = int(at.timestamp())
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: signature(secret, timestamp, body)}


def verify(secret: str, body: bytes, timestamp_header: str, signature_header: str, now: datetime) -> datetime:
    """The moment the sender signed ``body``, or :class:`BadSignature`."""
    stamp = timestamp_header.strip()
    if not stamp:
        raise BadSignature(f"{TIMESTAMP_HEADER}: missing timestamp")
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > _MAX_TIMESTAMP_DIGITS:
        raise BadSignature(f"{TIMESTAMP_HEADER}: expected unix seconds")
    timestamp = int(stamp)
    given = signature_header.strip()
    if not given:
        raise BadSignature(f"{SIGNATURE_HEADER}: missing signature")
    if not given.lower().startswith(SIGNATURE_PREFIX):
        raise BadSignature(f"{SIGNATURE_HEADER}: expected sha256=<hex digest>")
    expected = signature(secret, timestamp, body)
    if not hmac.compare_digest(given.lower().encode("utf-8", "surrogateescape"), expected.encode()):
        raise BadSignature(f"{SIGNATURE_HEADER}: signature does not match the timestamp and body")
    if abs(now.timestamp() - timestamp) > TOLERANCE_SECONDS:
        raise BadSignature(f"{TIMESTAMP_HEADER}: more than {TOLERANCE_SECONDS} s from the receiver's clock")
    return datetime.fromtimestamp(timestamp, UTC)
